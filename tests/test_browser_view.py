"""ArticleView in a real JupyterLab, driven through Debian's chromium with every
non-local request blocked: review a quote and write a note (saved beside the
article, still there after a reload), add an annotation by selecting text, work
by keyboard only, and render a hostile article without running any of it."""

from __future__ import annotations

import json
import time
from pathlib import Path

import nbformat
import pytest
from playwright.sync_api import expect


pytestmark = [pytest.mark.browser, pytest.mark.model]

SEED_NAME = "000_167db89937512398.txt"
SHOTS = Path(__file__).resolve().parent.parent / "test-artifacts"
VIEW = ".jp-OutputArea-output .tk-view[data-ready]"


def _sidecar(server) -> Path:
    # the view in JupyterLab writes the analyst's own file (the kernel's login name)
    from toolkit.annotations import analyst_store_path, default_annotator
    return analyst_store_path(server.root / "seeds" / SEED_NAME, default_annotator())


def _wait_for_file(path: Path, predicate, timeout: float = 20.0) -> dict:
    """Poll the sidecar until ``predicate(data)`` holds (the kernel saves it)."""
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        if path.exists():
            try:
                last = json.loads(path.read_text(encoding="utf-8"))
            except json.JSONDecodeError:
                last = None  # never expected: writes are atomic
                raise
            if predicate(last):
                return last
        time.sleep(0.1)
    raise AssertionError(f"{path} never satisfied the check; last content: {last}")


def _shot(page, name: str) -> Path:
    SHOTS.mkdir(exist_ok=True)
    path = SHOTS / f"view_{name}.png"
    page.screenshot(path=str(path), full_page=False)
    return path


def _open_view(page, open_notebook, run_all_cells, name="view_seed.ipynb"):
    open_notebook(page, name)
    run_all_cells(page)
    view = page.locator(VIEW).first
    view.wait_for(timeout=60_000)
    return view


def test_note_on_a_quote_is_saved_and_shown_after_reload(page, jupyter_server, open_notebook,
                                                         run_all_cells, blocked_requests):
    sidecar = _sidecar(jupyter_server)
    if sidecar.exists():
        sidecar.unlink()
    view = _open_view(page, open_notebook, run_all_cells)
    quote = view.locator("small.tk-tag-quotes").first   # a quote's label tag opens it
    quote.scroll_into_view_if_needed()
    quote.click()
    panel = view.locator(".tk-panel.tk-open")
    panel.wait_for()
    assert "quote" in panel.locator(".tk-panel-head .tk-tag").inner_text()
    assert panel.locator("dl.tk-facts").inner_text().count("speaker") == 1  # from the kernel
    note = "Check the transcript <b>first</b>"
    panel.locator(".tk-note").fill(note)
    panel.locator(".tk-save-note").click()
    view.locator(".tk-tag-quotes", has_text="note").first.wait_for()
    data = _wait_for_file(sidecar, lambda d: any(a["note"] == note for a in d["annotations"]))
    saved = next(a for a in data["annotations"] if a["note"] == note)
    assert saved["layer"] == "quotes" and saved["provenance"] == "engine"
    selectors = {s["type"]: s for s in saved["target"]["selector"]}
    assert selectors["TextQuoteSelector"]["exact"]
    _shot(page, "note_saved")

    page.reload()
    view = _open_view(page, open_notebook, run_all_cells)
    tag = view.locator(".tk-tag-quotes", has_text="note").first
    tag.wait_for()
    tag.click()
    expect(view.locator(".tk-panel.tk-open .tk-note")).to_have_value(note)
    _shot(page, "note_after_reload")
    assert blocked_requests == []  # nothing tried to leave the machine
    assert not [e for e in page.toolkit_errors if "tk-" in e or "view.js" in e]


def test_select_text_to_annotate_and_work_by_keyboard(page, jupyter_server, open_notebook,
                                                      run_all_cells, blocked_requests):
    view = _open_view(page, open_notebook, run_all_cells)
    # Drag the mouse over a word no highlight covers.
    box = page.evaluate("""() => {
        const paras = [...document.querySelectorAll('.tk-view p.tk-para')];
        // text straight inside a paragraph: no highlight covers it
        const plain = paras.flatMap(p => [...p.childNodes].filter(n => n.nodeType === 3));
        for (const node of plain) {
            const seg = node.parentElement;
            const m = /\\b[a-z]{9,}\\b/.exec(node.textContent);
            if (!m) continue;
            const r = document.createRange();
            r.setStart(node, m.index); r.setEnd(node, m.index + m[0].length);
            seg.scrollIntoView({block: 'center'});
            const b = r.getBoundingClientRect();
            if (b.width === 0 || b.height > 40) continue;
            return {word: m[0], x1: b.left + 1, x2: b.right - 1, y: b.top + b.height / 2};
        }
        return null;
    }""")
    assert box is not None, "no plain word to select"
    page.mouse.move(box["x1"], box["y"])
    page.mouse.down()
    page.mouse.move((box["x1"] + box["x2"]) / 2, box["y"], steps=4)
    page.mouse.move(box["x2"], box["y"], steps=4)
    page.mouse.up()
    picker = view.locator(".tk-picker:not([hidden])")
    picker.wait_for()
    _shot(page, "picker")
    picker.locator(".tk-pick[data-label='ORG']").click()
    view.locator(".tk-tag", has_text="ORG").filter(has_not_text="quote").first.wait_for()
    data = _wait_for_file(_sidecar(jupyter_server), lambda d: any(
        a["provenance"] == "analyst" and box["word"] in a["target"]["selector"][1]["exact"]
        for a in d["annotations"]))
    added = [a for a in data["annotations"] if a["provenance"] == "analyst"
             and box["word"] in a["target"]["selector"][1]["exact"]]
    assert added[-1]["label"] == "ORG"
    assert added[-1]["target"]["selector"][1]["exact"] == box["word"]  # snapped to the token

    # Keyboard only from here: move to the first highlight, open it, confirm, undo.
    view.focus()
    page.keyboard.press("ArrowRight")
    focused = view.locator(".tk-hl.tk-focus").first
    focused.wait_for()
    page.keyboard.press("Enter")
    panel = view.locator(".tk-panel.tk-open")
    panel.wait_for()
    page.keyboard.press("c")
    view.locator(".tk-panel .tk-confirm[aria-pressed='true']").wait_for()
    confirmed = _wait_for_file(_sidecar(jupyter_server), lambda d: any(
        a["decision"] == "confirmed" for a in d["annotations"]))
    assert sum(a["decision"] == "confirmed" for a in confirmed["annotations"]) == 1
    _shot(page, "keyboard_confirm")
    page.keyboard.press("z")
    view.locator(".tk-panel .tk-confirm[aria-pressed='false']").wait_for()
    _wait_for_file(_sidecar(jupyter_server), lambda d: not any(
        a["decision"] == "confirmed" for a in d["annotations"]))
    assert blocked_requests == []  # nothing tried to leave the machine


HOSTILE_TEXT = (
    'Mayor <script>window.__pwned = 1; alert(1)</script> Jane Roe spoke in Springfield.\n\n'
    '"Nothing <img src=x onerror="window.__pwned = 2; alert(2)"> will change," she said on Monday.\n\n'
    'The fund paid 40 million <svg onload="window.__pwned = 3">dollars</svg>.'
)


def _hostile_notebook(root: Path) -> str:
    (root / "hostile.txt").write_text(HOSTILE_TEXT, encoding="utf-8")
    code = '''
import warnings
import toolkit
from IPython.display import HTML, display
warnings.simplefilter("ignore")
analysis = toolkit.analyze("hostile.txt")
text = analysis.text
def at(word):
    i = text.index(word)
    return i, i + len(word)
s, e = at("Jane Roe")
qs, qe = at("Nothing <img")
_, qe = at("will change,")
fs, fe = at("40 million")
made = [
    {"id": "entities:x", "layer": "entities", "label": "GPE<b>", "start": s, "end": e,
     "text": text[s:e], "attrs": {"canonical": "<script>window.__pwned = 4</script>"}},
    {"id": "quotes:x", "layer": "quotes", "label": "direct", "start": qs, "end": qe,
     "text": text[qs:qe], "attrs": {"speaker": "<img src=x onerror=\\"window.__pwned = 5\\">"}},
    {"id": "figures:x", "layer": "figures", "label": "money<i>", "start": fs, "end": fe,
     "text": text[fs:fe], "attrs": {"value": 40000000, "unit": "USD",
                                    "source": "<script>alert(6)</script>"}},
]
analysis.highlights = lambda layers=("entities", "quotes", "figures"): [
    h for h in made if h["layer"] in layers]
view = toolkit.ArticleView(analysis)
view.add(*at("Springfield"), "<img src=x onerror=window.__pwned=7>",
         note="<script>window.__pwned = 8</script><b>bold?</b>")
view.handle_action({"action": "speaker", "id": "quotes:x",
                    "value": "<img src=y onerror=window.__pwned=9>"})
view
'''
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (ipykernel)",
                                 "language": "python"}
    nb.cells = [nbformat.v4.new_code_cell(code.strip()),
                nbformat.v4.new_code_cell("display(HTML(toolkit.render_html(analysis)))")]
    nbformat.write(nb, root / "view_hostile.ipynb")
    return "view_hostile.ipynb"


def test_hostile_article_runs_nothing(page, context, jupyter_server, open_notebook,
                                      run_all_cells, blocked_requests):
    dialogs = []
    page.on("dialog", lambda d: d.type != "beforeunload" and (dialogs.append(d.message), d.dismiss()))
    name = _hostile_notebook(jupyter_server.root)
    view = _open_view(page, open_notebook, run_all_cells, name)
    static = page.locator(".jp-OutputArea-output .toolkit-article").first
    static.wait_for()
    view.locator(".tk-speaker").first.wait_for()
    view.locator("span.tk-hl", has_text="Springfield").first.click()
    view.locator(".tk-panel.tk-open").wait_for()
    _shot(page, "hostile")
    assert page.evaluate("() => window.__pwned") is None
    assert dialogs == []
    # the text without its label tags (the static HTML reads the engine's tables,
    # so a figure tag may sit inside the hostile string, e.g. after "alert(1")
    bare = "el => { const c = el.cloneNode(true); c.querySelectorAll('small, .tk-tag').forEach(" \
           "s => s.remove()); return c.textContent; }"
    for scope in (view, static):
        assert scope.locator("img, script, svg, b, i").count() == 0
        text = scope.evaluate(bare)
        assert "<script>window.__pwned = 1; alert(1)</script>" in text
        assert '<img src=x onerror="window.__pwned = 2; alert(2)">' in text
    assert "GPE<b>" in view.inner_text()
    assert "<img src=y onerror=window.__pwned=9> ›" in view.inner_text()
    assert "<script>window.__pwned = 8</script><b>bold?</b>" in static.inner_text()
    assert view.locator(".tk-panel .tk-note").input_value().startswith("<script>")

    # The standalone page, opened directly.
    import toolkit

    analysis = toolkit.analyze_text(HOSTILE_TEXT)
    other = context.new_page()
    other.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    other.set_content(toolkit.render_html(analysis, full_page=True))
    other.wait_for_load_state()
    assert other.evaluate("() => window.__pwned") is None
    assert other.locator("body img, body script, body svg").count() == 0
    shown = other.inner_text("body")  # the engine may tag the digits: check around them
    for piece in ("Mayor <script>window.__pwned", "<img src=", "onerror=", "<svg onload="):
        assert piece in shown
    other.close()
    assert dialogs == []
    assert blocked_requests == []


def test_ctrl_s_inside_the_view_reaches_jupyterlab_and_the_panel_reads_cleanly(
        page, jupyter_server, open_notebook, run_all_cells, blocked_requests):
    view = _open_view(page, open_notebook, run_all_cells)
    seg = view.locator("small.tk-tag-quotes").first   # a quote: speaker, cue
    seg.click()                                   # focus is now inside the view
    view.locator(".tk-panel.tk-open dl.tk-facts").wait_for()
    page.evaluate("""() => { window.__tkSave = 0; document.addEventListener('keydown', (e) => {
        if (e.ctrlKey && e.key === 's') window.__tkSave += 1; }); }""")
    page.keyboard.press("Control+s")
    # the key left the view for JupyterLab (the view used to swallow every key) ...
    assert page.evaluate("() => window.__tkSave") == 1
    # ... whose save command ran to its end (its status bar says so; "Saving started" alone
    # would also be shown by a save that never reaches the server)
    page.locator(".jp-StatusBar-Widget, .jp-StatusBar-TextItem",
                 has_text="Saving completed").first.wait_for(timeout=20_000)
    # the dates layer is drawn like the others
    assert view.locator("span.tk-hl.tk-d").count() > 0
    # the detail panel's labels sit beside their values, never over them
    boxes = view.locator(".tk-panel.tk-open .tk-facts").evaluate(
        "dl => [...dl.children].map(c => { const r = c.getBoundingClientRect(); "
        "return [c.tagName, r.left, r.right, r.top, r.bottom]; })")
    assert len(boxes) >= 4
    for (t1, l1, r1, top1, b1), (t2, l2, r2, top2, b2) in zip(boxes[::2], boxes[1::2]):
        assert t1 == "DT" and t2 == "DD"
        assert r1 <= l2 + 0.5 and abs(top1 - top2) < 8   # side by side, not overlapping
    _shot(page, "panel_and_ctrl_s")
    assert blocked_requests == []


PANEL = """v => { const p = v.querySelector('.tk-panel.tk-open');
  return { head: p.querySelector('.tk-panel-head .tk-tag').textContent,
           text: p.querySelector('.tk-panel-text').textContent,
           facts: [...p.querySelectorAll('dl.tk-facts > *')].map(e => e.tagName + ' ' + e.textContent),
           context: (p.querySelector('.tk-context p') || {}).textContent || '',
           note: p.querySelector('.tk-note').value,
           pressed: [...p.querySelectorAll('[aria-pressed=true]')].map(b => b.textContent) }; }"""


def test_the_panel_shows_at_once_what_the_kernel_would_say(page, open_notebook, run_all_cells,
                                                           blocked_requests):
    """A click opens the panel with its facts and context read from the page (no
    round trip); they are the same as the kernel's answer to a "details" message."""
    view = _open_view(page, open_notebook, run_all_cells)
    quote = view.locator("small.tk-tag-quotes").first
    quote.click()
    view.locator(".tk-panel.tk-open[data-facts=true]").wait_for()
    view.locator(".tk-panel .tk-note").fill("ask the desk")
    view.locator(".tk-panel .tk-save-note").click()
    view.locator(".tk-tag-quotes", has_text="note").first.wait_for()
    view.locator(".tk-panel .tk-saved-note").wait_for()   # the change is back from the kernel
    page.wait_for_timeout(300)
    page.keyboard.press("Escape")
    compared = 0
    for layer in ("quotes", "figures", "timeline", "entities"):
        tag = view.locator(f"small.tk-tag-{layer}").first
        tag.click()
        # read from the page: the facts are there as the panel opens
        assert view.evaluate("v => v.querySelector('.tk-panel.tk-open').dataset.facts") == "true"
        local = view.evaluate(PANEL)
        page.keyboard.press("Escape")
        view.evaluate("v => { v.dataset.askKernel = ''; }")
        tag.click()
        view.locator(".tk-panel.tk-open[data-facts=true]").wait_for()   # the kernel answered
        kernel = view.evaluate(PANEL)
        view.evaluate("v => { delete v.dataset.askKernel; }")
        page.keyboard.press("Escape")
        assert local == kernel, layer
        assert any(f.startswith("DT kind") for f in local["facts"]) and local["context"]
        compared += 1
    assert compared == 4
    assert blocked_requests == []
