"""Benchmark 4: the ArticleView on the long article, in JupyterLab in chromium.

A JupyterLab server (``tests/browser_support.JupyterServer``) serves a notebook
that analyses the long article once, then shows it two ways:

* ``toolkit.ArticleView(analysis)``: time from pressing Shift+Enter on the cell
  to the first highlight in the DOM plus two animation frames (painted);
  baseline: the same for ``HTML(displacy.render(doc, style="ent"))``.
* a click on a highlight: time from the click event to the open detail panel
  plus two animation frames, and to the panel holding its facts and context
  (read from the page: the tag's tooltip, the text and sentences in the
  model); baseline: a click on a displacy mark whose only handler toggles a
  class (what any click costs on that page). The same with the facts asked of
  the kernel (a "details" message; ``data-ask-kernel`` on the view forces it),
  against the facts read from the page.
* where the first paint goes: the view's performance marks (view.js), and the
  bytes the page's websockets receive for a run of the view cell (up to the
  first highlight, and until the whole article is drawn). Each cell is timed
  once the one before has drawn everything and the kernel is idle.

Times are taken inside the page with ``performance.now()``.
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

import corpus

VIEW = ".jp-OutputArea-output .tk-view[data-ready]"
#: Stop repeating the view cell once this much time has gone on it.
BUDGET_S = 240
SETUP = """\
import warnings
warnings.simplefilter("ignore")
import toolkit
analysis = toolkit.analyze(toolkit.load_article("long_article.txt"), published="2025-03-13")
len(analysis.text.split())"""
VIEW_CELL = "view = toolkit.ArticleView(analysis)\nview"
#: The same view drawing the whole article in one go (no chunks): the baseline
#: for what drawing the first paragraphs first gains.
FLAT_CELL = "flat = toolkit.ArticleView(analysis, chunk_blocks=0)\nflat"
DISPLACY_CELL = """\
from IPython.display import HTML
from spacy import displacy
HTML(displacy.render(analysis.doc, style="ent", jupyter=False))"""

#: ``selector`` starts with ``.jp-OutputArea-output``: outputs there before the cell
#: runs are marked old, so a view still drawing the rest of its article (or the
#: article of an earlier run) is never taken for the new one.
WATCH = """([selector, key]) => {
  for (const el of document.querySelectorAll('.jp-OutputArea-output')) el.setAttribute('data-tk-old', '1');
  const fresh = selector.replace('.jp-OutputArea-output', '.jp-OutputArea-output:not([data-tk-old])');
  window.__tk = {};
  const press = (e) => {
    if (e.key === 'Enter' && e.shiftKey && !window.__tk.t0) { window.__tk.t0 = performance.now(); window.__tk.b0 = window.__tkBytes; }
  };
  document.addEventListener('keydown', press, true);
  const found = () => document.querySelector(fresh);
  const obs = new MutationObserver(() => {
    if (window.__tk.t1 || !found()) return;
    window.__tk.t1 = performance.now();
    window.__tk.b1 = window.__tkBytes;
    obs.disconnect();
    document.removeEventListener('keydown', press, true);
    requestAnimationFrame(() => requestAnimationFrame(() => { window.__tk.t2 = performance.now(); }));
  });
  obs.observe(document.body, {childList: true, subtree: true, attributes: true,
                              attributeFilter: ['data-ready']});
}"""

CLICK_WATCH = """([panelSel, factsSel]) => {
  window.__tk = {};
  document.addEventListener('click', (e) => { if (!window.__tk.t0) window.__tk.t0 = performance.now(); }, {capture: true, once: true});
  const frames = (key) => requestAnimationFrame(() => requestAnimationFrame(() => { window.__tk[key] = performance.now(); }));
  const obs = new MutationObserver(() => {
    if (!window.__tk.t1 && document.querySelector(panelSel)) { window.__tk.t1 = performance.now(); frames('t2'); }
    if (!window.__tk.t3 && document.querySelector(factsSel)) {
      window.__tk.t3 = performance.now(); obs.disconnect(); frames('t4');
    }
  });
  obs.observe(document.body, {childList: true, subtree: true, attributes: true,
                              attributeFilter: ['class', 'data-facts']});
}"""

FLOOR_WATCH = """([sel]) => {
  window.__tk = {};
  const mark = document.querySelectorAll(sel)[5];
  mark.addEventListener('click', (e) => {
    window.__tk.t0 = performance.now();
    mark.classList.toggle('tk-bench-clicked');
    window.__tk.t1 = performance.now();
    requestAnimationFrame(() => requestAnimationFrame(() => { window.__tk.t2 = performance.now(); }));
  }, {once: true});
}"""


def _notebook(path: Path) -> None:
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(SETUP), nbformat.v4.new_code_cell(VIEW_CELL),
                nbformat.v4.new_code_cell(DISPLACY_CELL), nbformat.v4.new_code_cell(FLAT_CELL)]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, str(path))


def _settings(state: Path) -> None:
    """Render every cell (no windowing), so a cell far below a long output can be run."""
    folder = state / "settings" / "@jupyterlab" / "notebook-extension"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "tracker.jupyterlab-settings").write_text(json.dumps({"windowingMode": "none"}),
                                                        encoding="utf-8")


def _log(msg: str) -> None:
    print(f"[benchmarks] browser: {msg}", file=sys.stderr, flush=True)


def _cell(page, i: int):
    return page.locator(".jp-NotebookPanel .jp-Notebook .jp-CodeCell").nth(i)


def _run_cell(page, i: int) -> None:
    cell = _cell(page, i)
    editor = cell.locator(".jp-InputArea-editor")
    editor.scroll_into_view_if_needed()
    editor.click()
    page.keyboard.press("Shift+Enter")


def _wait_prompt(page, i: int, count: int, timeout: float) -> None:
    """Wait until cell ``i`` has run ``count`` times in all (its prompt reads a number)."""
    page.wait_for_function(
        """([i, n]) => {
            const cell = document.querySelectorAll('.jp-NotebookPanel .jp-Notebook .jp-CodeCell')[i];
            const p = cell && cell.querySelector('.jp-InputPrompt');
            const m = p && p.textContent.match(/\\[(\\d+)\\]/);
            return m && +m[1] >= n;
        }""", arg=[i, count], timeout=timeout)


#: The view's performance marks (view.js) after Shift+Enter, in ms from the key:
#: model created, paragraphs arrived (the kernel's part), render called, first
#: chunk of paragraphs in the page.
MARKS = """(t0) => {
  const out = {};
  for (const m of performance.getEntriesByType('mark'))
    if (m.name.startsWith('tk-') && m.startTime >= t0 && !(m.name in out)) out[m.name] = m.startTime - t0;
  return out;
}"""


def _measure_cell(page, i: int, selector: str, timeout: float, marks: list | None = None) -> float:
    page.evaluate(WATCH, [selector, "cell"])
    _run_cell(page, i)
    page.wait_for_function("() => window.__tk && window.__tk.t2", timeout=timeout)
    tk = page.evaluate("() => window.__tk")
    if marks is not None:
        marks.append(page.evaluate(MARKS, tk["t0"]))
    return (tk["t2"] - tk["t0"]) / 1000


#: Counts the bytes every websocket of the page receives (window.__tkBytes); added
#: before JupyterLab loads, so the kernel's socket is counted from its start.
COUNT_BYTES = """(() => {
  window.__tkBytes = 0;
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', (e) => {
        const d = e.data;
        window.__tkBytes += typeof d === 'string' ? new Blob([d]).size : (d.byteLength ?? d.size ?? 0);
      });
    }
  };
})();"""


def _settle(page, bytes_at_press: list | None = None) -> None:
    """Wait until every view has drawn its whole article and the kernel is idle (a view
    sends the rest of its article after its cell), so the next cell is timed alone;
    ``bytes_at_press`` gets the bytes received since the key was pressed."""
    page.wait_for_function(
        """() => [...document.querySelectorAll('.tk-view[data-ready]')].every(
                   (v) => v.hasAttribute('data-drawn'))""", timeout=900_000)
    page.wait_for_selector(
        '.jp-NotebookPanel .jp-Notebook-ExecutionIndicator[data-status="idle"]',
        state="attached", timeout=900_000)
    page.wait_for_timeout(500)
    if bytes_at_press is not None:
        tk = page.evaluate("() => [window.__tk.b0, window.__tk.b1, window.__tkBytes]")
        bytes_at_press.append({"first": tk[1] - tk[0], "all": tk[2] - tk[0]})


def run(ctx) -> dict:
    from browser_support import CHROMIUM, CHROMIUM_ARGS, JupyterServer, _open_notebook

    if not Path(CHROMIUM).exists():
        return {"skipped": f"chromium not found at {CHROMIUM}"}
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:
        return {"skipped": f"playwright is not installed ({exc})"}
    mode = ctx["mode"]
    runs = max(3, mode.cheap_repeats // 2)
    with tempfile.TemporaryDirectory(prefix="tk-browser-") as tmp:
        root, state = Path(tmp) / "root", Path(tmp) / "state"
        root.mkdir()
        state.mkdir()
        text = corpus.long_article(mode.long_words)
        (root / "long_article.txt").write_text(text, encoding="utf-8")
        _notebook(root / "bench_view.ipynb")
        _settings(state)
        server = JupyterServer(root, state).start()
        try:
            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True,
                                             args=CHROMIUM_ARGS)
                page = browser.new_page(viewport={"width": 1400, "height": 950})
                page.set_default_timeout(120_000)
                page.add_init_script(COUNT_BYTES)
                _open_notebook(page, server, "bench_view.ipynb", timeout=120_000)
                _log("notebook open, kernel idle; analysing the article in the kernel")
                t0 = time.perf_counter()
                _run_cell(page, 0)
                _wait_prompt(page, 0, 1, timeout=900_000)
                setup_s = time.perf_counter() - t0
                _log(f"analysed in {setup_s:.0f} s; timing the cells")

                view_times, displacy_times, flat_times, view_marks, sent = [], [], [], [], []
                started = time.perf_counter()
                for _ in range(runs):
                    if view_times and time.perf_counter() - started > BUDGET_S:
                        break  # a very slow view: fewer runs rather than no figure
                    view_times.append(_measure_cell(page, 1, VIEW + " .tk-hl", 900_000,
                                                    view_marks))
                    _settle(page, sent)
                    displacy_times.append(_measure_cell(
                        page, 2, ".jp-OutputArea-output mark.entity", 120_000))
                    _settle(page)
                    flat_times.append(_measure_cell(page, 3, VIEW + " .tk-hl", 900_000))
                    _settle(page)
                    _log(f"view {view_times[-1]:.2f} s, displacy {displacy_times[-1]:.2f} s, "
                         f"unchunked view {flat_times[-1]:.2f} s")
                page.wait_for_timeout(500)
                n_hl = page.locator(VIEW + " .tk-hl").count()
                n_marks = page.locator(".jp-OutputArea-output mark.entity").count()

                # clicks: on highlights spread through the (last) view
                view = page.locator(VIEW).last
                segs = view.locator("span.tk-hl")
                total = segs.count()
                clicks, facts, asked, floors = [], [], [], []
                _log(f"{total} highlighted segments; timing clicks")
                for k in range(2 * mode.cheap_repeats):
                    # even clicks: the panel as the page draws it (facts from the
                    # tags' tooltips); odd ones: facts asked of the kernel
                    ask = k % 2 == 1
                    seg = segs.nth((k * 37 + 3) % max(total, 1))
                    seg.scroll_into_view_if_needed()
                    page.keyboard.press("Escape")
                    view.evaluate("(el, ask) => { if (ask) el.dataset.askKernel = ''; "
                                  "else delete el.dataset.askKernel; }", ask)
                    page.wait_for_timeout(300)
                    page.evaluate(CLICK_WATCH, [VIEW + " .tk-panel.tk-open",
                                                VIEW + " .tk-panel.tk-open[data-facts=true]"])
                    seg.click()
                    page.wait_for_function("() => window.__tk && window.__tk.t2 && window.__tk.t4",
                                           timeout=30_000)
                    tk = page.evaluate("() => window.__tk")
                    if ask:
                        asked.append((tk["t4"] - tk["t0"]) / 1000)
                    else:
                        clicks.append((tk["t2"] - tk["t0"]) / 1000)
                        facts.append((tk["t4"] - tk["t0"]) / 1000)
                    close = view.locator(".tk-panel .tk-close")
                    if close.count():
                        close.first.click()
                    page.wait_for_timeout(300)
                view.evaluate("el => { delete el.dataset.askKernel; }")
                marks = page.locator(".jp-OutputArea-output mark.entity")
                for k in range(mode.cheap_repeats):
                    page.evaluate(FLOOR_WATCH, [".jp-OutputArea-output mark.entity"])
                    mark = marks.nth(5)
                    mark.scroll_into_view_if_needed()
                    mark.click()
                    page.wait_for_function("() => window.__tk && window.__tk.t2", timeout=30_000)
                    tk = page.evaluate("() => window.__tk")
                    floors.append((tk["t2"] - tk["t0"]) / 1000)
                browser.close()
        finally:
            server.stop()

    med = statistics.median
    fmt = lambda xs: ", ".join(f"{x * 1000:.0f}" for x in xs) + " ms"  # noqa: E731
    words = len(text.split())
    figures = [
        {"what": f"cell run -> highlights painted, {words:,}-word article", "value": med(view_times),
         "unit": "s", "baseline": med(displacy_times), "baseline_what": "displacy HTML cell",
         "ratio": med(view_times) / med(displacy_times), "target": "< 1.5 s",
         "met": med(view_times) < 1.5},
        {"what": "the same, drawing paragraphs in chunks vs all at once", "value": med(view_times),
         "unit": "s", "baseline": med(flat_times), "baseline_what": "ArticleView(chunk_blocks=0)",
         "ratio": med(view_times) / med(flat_times), "target": "(no target)", "met": None},
        {"what": "click on a highlight -> detail panel painted", "value": med(clicks), "unit": "s",
         "baseline": med(floors), "baseline_what": "a click that only toggles a class",
         "ratio": med(clicks) / med(floors), "target": "< 100 ms", "met": med(clicks) < 0.100},
        {"what": "click on a highlight -> panel with its facts and context painted",
         "value": med(facts), "unit": "s", "baseline": med(floors),
         "baseline_what": "a click that only toggles a class", "ratio": med(facts) / med(floors),
         "target": "< 100 ms", "met": med(facts) < 0.100},
        {"what": "the same with the facts asked of the kernel (a round trip)",
         "value": med(asked), "unit": "s", "baseline": med(facts),
         "baseline_what": "facts read from the page", "ratio": med(asked) / med(facts),
         "target": "(no target)", "met": None},
    ]
    phases = {name: med([m[name] for m in view_marks if name in m]) for name in
              ("tk-model", "tk-paras", "tk-render", "tk-first-chunk")
              if any(name in m for m in view_marks)}
    details = [
        f"- JupyterLab 4 in chromium (`/usr/bin/chromium`, headless, via playwright); the "
        f"kernel analysed the {words:,}-word article once in {setup_s:.0f} s (not timed)",
        f"- `ArticleView(analysis)` cell, Shift+Enter -> first `.tk-hl` + 2 frames: "
        f"{fmt(view_times)} ({n_hl:,} highlighted segments; {len(view_times)} run(s))",
        f"- `ArticleView(analysis, chunk_blocks=0)` (whole article in one frame): "
        f"{fmt(flat_times)}",
        f"- bytes received on the page's websockets for a run of the view cell (median): "
        f"{med([b['first'] for b in sent]) / 1e6:.2f} MB up to the first highlight, "
        f"{med([b['all'] for b in sent]) / 1e6:.2f} MB until the whole article is drawn",
        f"- displacy cell, Shift+Enter -> first `mark.entity` + 2 frames: {fmt(displacy_times)} "
        f"({n_marks:,} marks)",
        f"- click -> `.tk-panel.tk-open` (label, text, buttons) + 2 frames: {fmt(clicks)}",
        f"- where the view's first paint goes (median ms after Shift+Enter, performance marks "
        f"in view.js): " + ", ".join(f"{k[3:]} {v:.0f}" for k, v in phases.items())
        + " (model: the widget's model exists; paras: its paragraphs arrived from the "
          "kernel; render: the view is drawn; first-chunk: the first paragraphs are in the page)",
        f"- click -> the panel with its facts and context (read from the page) + 2 frames: "
        f"{fmt(facts)}",
        f"- click -> the panel with the facts and context asked of the kernel + 2 frames: "
        f"{fmt(asked)}",
        f"- floor (click -> class toggled + 2 frames): {fmt(floors)}",
    ]
    return {"figures": figures, "details": details}
