"""ArticleView in plain pytest: traits, action messages, undo/redo, the store
behind it, and the static fallback."""

from __future__ import annotations

import json
import re

import pytest

import toolkit
from toolkit.errors import ToolkitError
from toolkit.widgets.view import ArticleView
from view_support import span_record as _span

pytestmark = pytest.mark.model

TEXT = ("Ceasefire Talks\n\n"
        "\"We agree with the proposal,\" Maria Lopez said in Geneva on Monday. "
        "The fund will cost 40 million dollars, officials said.")


@pytest.fixture
def article(tmp_path):
    path = tmp_path / "talks.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


@pytest.fixture
def analysis(article, nlp):
    a = toolkit.analyze(article, published="2025-03-13", nlp=nlp)
    made = [_span(a.text, "We agree with the proposal,", "quotes", "direct",
                  {"speaker": "Maria Lopez", "cue": "said"}),
            _span(a.text, "Maria Lopez", "entities", "PERSON", {"canonical": "Maria Lopez"}),
            _span(a.text, "Geneva", "entities", "GPE"),
            _span(a.text, "40 million dollars", "figures", "money",
                  {"value": 40000000, "unit": "USD", "qualifier": "exact", "source": "officials"})]
    a.highlights = lambda layers=("entities", "quotes", "figures"): [
        h for h in made if h["layer"] in layers]
    return a


def _sidecar(article):
    # each analyst writes <stem>.annotations.<annotator>.json beside the article
    from toolkit.annotations import analyst_store_path, default_annotator
    return analyst_store_path(article, default_annotator())


def _text_of(fragment: str) -> str:
    """The article text of an HTML fragment: tags and speaker chips (small) left out."""
    from html import unescape
    return unescape(re.sub(r"<[^>]+>", "", re.sub(r"<small[^>]*>.*?</small>", "", fragment)))


def test_traits_hold_the_article_as_html_paragraphs(analysis, article):
    view = ArticleView(analysis)
    json.dumps(view.get_state(["paras", "labels", "orphans"]))  # plain data
    assert not {"blocks", "highlights"} & set(view.keys)        # not synced any more
    assert view.paras[0].startswith('<h3 class="tk-heading"')
    assert view.paras[1].startswith('<p class="tk-para" data-s="')
    assert _text_of(view.paras[1]) == TEXT.split("\n")[-1]
    for h in view.highlights:                 # every highlight is drawn with its id
        assert f'data-id="{h["id"]}"' in "".join(view.paras)
    quote = next(h for h in view.highlights if h["layer"] == "quotes")
    assert quote["speaker"] == "Maria Lopez" and ["cue", "said"] in view.details(quote["id"])["facts"]
    money = view.details(next(h for h in view.highlights if h["layer"] == "figures")["id"])
    assert ["value", "40,000,000 USD"] in money["facts"] and ["source", "officials"] in money["facts"]
    # facts and context come on demand (details), with what the panel shows
    assert view.details(quote["id"])["item"]["speaker"] == "Maria Lopez"
    keys = {item["label"]: item["key"] for item in view.labels}
    assert keys["PERSON"] == "1" and len({k for k in keys.values() if k}) <= 9
    assert view.store.path == _sidecar(article).resolve()
    assert view.store_name == _sidecar(article).name


def test_actions_from_the_browser_reach_the_store_and_the_callbacks(analysis, article):
    view = ArticleView(analysis)
    events = []
    view.on_change(events.append)
    quote = next(h for h in view.highlights if h["layer"] == "quotes")
    view.handle_action({"action": "note", "id": quote["id"], "value": "check the recording"})
    view.handle_action({"action": "speaker", "id": quote["id"], "value": "M. Lopez"})
    view.handle_action({"action": "status", "id": quote["id"], "value": "disputed"})
    view.handle_action({"action": "confirm", "id": quote["id"], "value": True})
    assert view.message["kind"] == "info"
    shown = next(h for h in view.highlights if h["id"] == quote["id"])
    assert (shown["note"], shown["speaker"], shown["status"], shown["decision"]) == \
        ("check the recording", "M. Lopez", "disputed", "confirmed")
    assert [e["action"] for e in events] == ["add", "update", "update", "update"]
    saved = json.loads(_sidecar(article).read_text(encoding="utf-8"))["annotations"]
    assert len(saved) == 1 and saved[0]["note"] == "check the recording"
    frame = view.annotations
    assert list(frame["speaker"]) == ["M. Lopez"] and list(frame["provenance"]) == ["engine"]


def test_reject_relabel_delete_and_a_new_view_sees_the_decisions(analysis):
    view = ArticleView(analysis)
    geneva = next(h for h in view.highlights if h["text"] == "Geneva")
    person = next(h for h in view.highlights if h["text"] == "Maria Lopez")
    view.handle_action({"action": "relabel", "id": person["id"], "value": "ORG"})
    view.handle_action({"action": "delete", "id": geneva["id"]})  # engine span: rejected
    again = ArticleView(analysis)
    by_text = {h["text"]: h for h in again.highlights}
    assert by_text["Maria Lopez"]["label"] == "ORG"
    assert by_text["Maria Lopez"]["engine_label"] == "PERSON"
    assert by_text["Geneva"]["decision"] == "rejected"
    assert "rejected" in again.to_html()


def test_add_snaps_to_tokens_and_undo_redo(analysis):
    view = ArticleView(analysis)
    start = analysis.text.index("proposal") + 2  # mid-word, as a sloppy drag gives
    view.handle_action({"action": "add", "start": start, "end": start + 3, "label": "ORG"})
    added = view.annotations.iloc[0]
    assert added["text"] == "proposal" and added["provenance"] == "analyst"
    assert view.selected == added["id"] and view.can_undo
    view.handle_action({"action": "undo"})
    assert len(view.annotations) == 0 and view.can_redo and not view.can_undo
    view.handle_action({"action": "redo"})
    assert list(view.annotations["text"]) == ["proposal"]
    view.handle_action({"action": "delete", "id": added["id"]})
    assert len(view.annotations) == 0
    view.undo()
    assert list(view.annotations["text"]) == ["proposal"]


def test_python_add_and_on_change(analysis):
    view = ArticleView(analysis)
    seen = []
    view.on_change(lambda e: seen.append(e["annotation"]["label"]))
    s = analysis.text.index("officials")
    rec = view.add(s, s + len("officials"), "NORP", note="which officials?")
    assert seen == ["NORP"] and rec["note"] == "which officials?"
    assert any(h["id"] == rec["id"] and h["provenance"] == "analyst" for h in view.highlights)
    with pytest.raises(ToolkitError) as err:
        view.add(5, 5, "X")
    assert err.value.code == "TK203"


def test_bad_messages_become_visible_errors_not_exceptions(analysis):
    view = ArticleView(analysis)
    view.handle_action({"action": "note", "id": "entities:0-1", "value": "x"})
    assert view.message["kind"] == "error" and "TK205" in view.message["text"]
    quote = next(h for h in view.highlights if h["layer"] == "quotes")
    view.handle_action({"action": "status", "id": quote["id"], "value": "maybe"})
    assert "TK204" in view.message["text"]
    view.handle_action({"action": "explode"})
    assert view.message["kind"] == "error"
    view.handle_action({"action": "add", "start": "a"})
    assert view.message["kind"] == "error"


def test_layers_argument_and_bad_input(analysis):
    view = ArticleView(analysis, layers=("quotes",))
    assert {h["layer"] for h in view.highlights} == {"quotes"}
    with pytest.raises(ToolkitError) as err:
        ArticleView(analysis, layers=("gossip",))
    assert err.value.code == "TK221"
    with pytest.raises(ToolkitError) as err:
        ArticleView("not an analysis")
    assert err.value.code == "TK220"


def test_html_fallback_is_static_escaped_and_shows_notes(analysis):
    view = ArticleView(analysis)
    quote = next(h for h in view.highlights if h["layer"] == "quotes")
    view.handle_action({"action": "note", "id": quote["id"], "value": "<script>alert(1)</script>"})
    data, _meta = view._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in data
    html = data["text/html"]
    assert "<script" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "Maria Lopez ›" in html and "direct quote" in html


def test_memory_store_when_the_article_has_no_file(nlp, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    analysis = toolkit.analyze_text("Angela Merkel visited Paris on Monday.", nlp=nlp,
                                    published="2025-03-13")
    view = ArticleView(analysis)
    view.add(0, 6, "PERSON")
    assert view.store.path is None and len(view.annotations) == 1
    assert list(tmp_path.iterdir()) == []


def test_front_end_files_load_nothing_from_the_network_and_never_use_innerHTML():
    from pathlib import Path

    here = Path(toolkit.__file__).parent / "widgets"
    js = (here / "view.js").read_text(encoding="utf-8")
    css = (here / "view.css").read_text(encoding="utf-8")
    assert not re.search(r"^\s*import\s", js, re.M) and "import(" not in js
    assert "http" not in js and "@import" not in css and "url(" not in css
    assert "innerHTML" not in js and "insertAdjacentHTML" not in js and "eval(" not in js
    assert "export default" in js


def test_context_is_the_sentence_around_each_highlight(analysis):
    view = ArticleView(analysis)
    text = analysis.text

    def slow(start, end):  # the former linear scan
        for s, e in view._sentences:
            if s <= start < e:
                return text[s:max(e, min(end, s + 600))][:600]
        return text[max(0, start - 120):end + 120]

    for h in view.highlights:
        assert view.details(h["id"])["context"] == slow(h["start"], h["end"])
    for start in range(0, len(text) - 1, 7):
        assert view._context(start, start + 1) == slow(start, start + 1)


def test_details_message_answers_with_facts_and_context(analysis):
    view = ArticleView(analysis)
    sent = []
    view.send = lambda content, buffers=None: sent.append(content)
    quote = next(h for h in view.highlights if h["layer"] == "quotes")
    view._on_msg(view, {"type": "details", "id": quote["id"]}, [])
    assert sent[-1]["type"] == "details" and sent[-1]["id"] == quote["id"]
    assert ["cue", "said"] in sent[-1]["facts"] and "said" in sent[-1]["context"]
    assert sent[-1]["revision"] == view.revision
    # a changed highlight answers with its new facts
    view.handle_action({"action": "relabel", "id": quote["id"], "value": "reported"})
    view._on_msg(view, {"type": "details", "id": quote["id"]}, [])
    assert ["label", "reported"] in sent[-1]["facts"]
    # an unknown id is answered (empty, with the reason), never raised into the comm
    view._on_msg(view, {"type": "details", "id": "nope"}, [])
    assert sent[-1]["facts"] == [] and "TK205" in sent[-1]["error"]


LONGER = ("Harbour Report\n\n"
          "Ana Ruiz met the council in Lisbon on Monday.\n\n"
          "\"The dock will reopen in May,\" Ana Ruiz said.\n\n"
          "Repairs cost 12 million euros, the council said.")


@pytest.fixture
def longer(tmp_path, nlp):
    path = tmp_path / "harbour.txt"
    path.write_text(LONGER, encoding="utf-8")
    a = toolkit.analyze(path, published="2025-03-13", nlp=nlp)
    made = [_span(a.text, "Ana Ruiz", "entities", "PERSON"),
            _span(a.text, "Lisbon", "entities", "GPE"),
            _span(a.text, "The dock will reopen in May,", "quotes", "direct",
                  {"speaker": "Ana Ruiz", "cue": "said"}),
            _span(a.text, "12 million euros", "figures", "money", {"value": 12e6, "unit": "EUR"})]
    a.highlights = lambda layers=("entities", "quotes", "figures"): [
        h for h in made if h["layer"] in layers]
    return a


def test_a_change_redraws_only_the_paragraphs_it_touches(longer):
    from toolkit.widgets.static import article_lines, note_numbers_of, render_lines

    view = ArticleView(longer)
    before = list(view.paras)
    assert len(before) == 4                                # heading and three paragraphs
    quote = next(h for h in view.highlights if h["layer"] == "quotes")
    view.handle_action({"action": "note", "id": quote["id"], "value": "ask the port"})
    after = view.paras
    changed = [i for i, (a, b) in enumerate(zip(before, after)) if a != b]
    assert changed == [2]                                  # the quote's paragraph only
    assert "note 1" in after[2] and "ask the port" in view._fallback_html()
    # the same as drawing everything again
    items = view._items
    full = render_lines(longer.text, items, article_lines(longer.text, longer.article.headings),
                        note_numbers_of(items), view._classes)
    assert after == full
    # an added span, then undone: its paragraph changes, and comes back as it was
    s = longer.text.index("council said")
    view.add(s, s + len("council"), "ORG")
    assert [i for i, (a, b) in enumerate(zip(after, view.paras)) if a != b] == [3]
    view.undo()
    assert view.paras == after


@pytest.fixture
def headless(monkeypatch):
    """No front end that draws widgets is known (as in nbclient or plain Python)."""
    from ipywidgets import Widget

    from toolkit.widgets import fallback

    monkeypatch.setattr(Widget, "_control_comm", None, raising=False)
    monkeypatch.setitem(fallback._SEEN, "widgets", False)


def test_fallback_html_is_the_static_rendering_with_legend_and_notes(longer, headless):
    view = ArticleView(longer)
    quote = next(h for h in view.highlights if h["layer"] == "quotes")
    view.handle_action({"action": "note", "id": quote["id"], "value": "ask the port"})
    data, _meta = view._repr_mimebundle_()
    html = data["text/html"]
    assert 'class="toolkit-article"' in html and "<script" not in html
    assert "tk-live-only" not in html
    # the static look (inline styles, as JupyterLab's sanitizer keeps them), not the view's
    # class names and ids
    assert "data-id=" not in html and "tk-hl" not in html
    for h in view.highlights:
        assert re.search(r'<span style="[^"]+">' + re.escape(h["text"][:6]), html), h["text"]
    assert "ask the port" in html and "direct quote" in html and "Ana Ruiz ›" in html


class _FakeComm:
    """Stands for the widget manager's control comm (JupyterLab opens one)."""


@pytest.mark.parametrize("sign", ["control comm", "hello"])
def test_where_widgets_are_drawn_the_fallback_is_the_text_legend_and_notes(
        longer, headless, monkeypatch, sign):
    from ipywidgets import Widget

    view = ArticleView(longer)
    quote = next(h for h in view.highlights if h["layer"] == "quotes")
    view.handle_action({"action": "note", "id": quote["id"], "value": "ask the port"})
    full = view._repr_mimebundle_()[0]["text/html"]
    if sign == "control comm":     # a widget manager asked for the widgets' state
        monkeypatch.setattr(Widget, "_control_comm", _FakeComm(), raising=False)
    else:                          # a view's front end said it draws widgets
        view._on_msg(view, {"type": "hello"}, [])
    data, _meta = view._repr_mimebundle_()
    html = data["text/html"]
    assert "application/vnd.jupyter.widget-view+json" in data
    assert 'class="toolkit-article"' in html and "tk-live-only" in html
    assert "view.to_html()" in html                          # says where the highlights are
    assert "ask the port" in html and "PERSON" in html       # the notes and the legend
    for line in LONGER.split("\n"):                          # every paragraph, as text
        assert line in html
    paragraphs = re.findall(r"<p>(.*?)</p>", html)
    assert len(paragraphs) == 3 and not any("<" in p for p in paragraphs)   # no highlights
    assert "Ana Ruiz ›" not in html
    assert len(html) < len(full)


def test_paragraphs_carry_class_names_and_the_rules_give_them_the_static_look(longer):
    view = ArticleView(longer)
    static = view._repr_mimebundle_()[0]["text/html"]
    paras = "".join(view.paras)
    assert not re.search(r"<(?:span|small)[^>]* style=", paras)   # no inline style per piece
    rules = {r[:r.index("{")]: r[r.index("{") + 1:-1] for r in view.rules}
    for item in view.labels:
        look = rules[f".tk-hl.tk-c{item['cls']}"]
        tag = rules[f"small.tk-tag.tk-c{item['cls']}"]
        if item["count"]:   # the same look as the static HTML's inline styles
            assert f'<span style="{look}">' in static, item
            assert f'<small style="{tag}"' in static, item
    assert 'style="' + rules["small.tk-speaker"] + '"' in static
    # a class added later (a new label) gets its rules
    s = longer.text.index("council")
    view.add(s, s + len("council"), "ORG")
    cls = next(x["cls"] for x in view.labels if x["label"] == "ORG")
    assert any(r.startswith(f".tk-hl.tk-c{cls}{{") for r in view.rules)
    # a rejected highlight: its pieces and tag say so in a class, styled by a rule
    view.handle_action({"action": "reject", "id": next(
        h["id"] for h in view.highlights if h["text"] == "Lisbon")})
    assert re.search(r'<span class="tk-hl tk-e tk-c\d+ tk-x"', "".join(view.paras))
    assert re.search(r'<small class="tk-tag tk-tag-entities tk-c\d+ tk-x"', "".join(view.paras))
    assert ".tk-hl.tk-x{opacity:.55}" in view.rules


class _Shell:
    """Enough of an IPython kernel's shell: events, and a kernel."""

    def __init__(self):
        from IPython.core.events import EventManager, available_events

        self.kernel = object()
        self.events = EventManager(self, available_events)


def test_in_a_kernel_the_first_message_holds_the_first_screen_and_the_rest_follows(
        longer, monkeypatch):
    import IPython

    from toolkit.widgets.static import article_lines, note_numbers_of, render_lines

    shell = _Shell()
    monkeypatch.setattr(IPython, "get_ipython", lambda: shell)
    sent = []

    class Recorder(ArticleView):
        def send_state(self, key=None):
            sent.append(self.get_state(key))
            return super().send_state(key)

    view = Recorder(longer, chunk_blocks=2)
    whole = render_lines(longer.text, view._items,
                         article_lines(longer.text, longer.article.headings),
                         note_numbers_of(view._items), view._classes)
    first = [s for s in sent if "paras" in s]
    assert len(first) == 1 and first[0]["paras"] == whole[:2] + ["", ""]
    assert first[0]["text"] == "" and first[0]["sentences"] == []
    assert view.text == longer.text                 # Python sees the text at once
    shell.events.trigger("post_run_cell", None)     # the cell has run (its output is out)
    assert view.paras == whole
    assert [s["paras"] for s in sent if "paras" in s][-1] == whole
    rest = sent[-1]
    assert rest["text"] == longer.text and rest["sentences"] == view.sentences
    assert view.get_state()["text"] == longer.text
    count = len(sent)
    shell.events.trigger("post_run_cell", None)     # once only
    assert len(sent) == count
    # a change before the cell has run draws what it touches; the rest comes after
    view = Recorder(longer, chunk_blocks=1)
    quote = next(h for h in view.highlights if h["layer"] == "quotes")
    view.handle_action({"action": "note", "id": quote["id"], "value": "ask the port"})
    assert view.paras[0] and not view.paras[1] and "note 1" in view.paras[2]
    shell.events.trigger("post_run_cell", None)
    items = view._items
    assert view.paras == render_lines(longer.text, items,
                                      article_lines(longer.text, longer.article.headings),
                                      note_numbers_of(items), view._classes)
    # chunk_blocks=0 (everything at once): one message with everything
    sent.clear()
    flat = Recorder(longer, chunk_blocks=0)
    assert [s["paras"] for s in sent if "paras" in s] == [flat.paras] and all(flat.paras)
