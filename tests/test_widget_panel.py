"""The ArticleView's detail panel needs no kernel round trip: each highlight's
tag carries its facts and note in its tooltip (one ``name: value`` line per
fact, view.js ``readTip``), and the view syncs the article text and its
sentences once, from which the panel cuts the context (view.js
``contextOf``). These tests hold the tooltips and traits to what the kernel's
``details`` answer says, after every kind of change."""

from __future__ import annotations

import re
from bisect import bisect_right
from html import unescape

import pytest

import toolkit
from toolkit.widgets.view import ArticleView
from view_support import span_record as _span

pytestmark = pytest.mark.model

TEXT = ("Harbour Talks\n\n"
        "\"We will reopen the dock in May,\" Ana Ruiz said in Lisbon on Monday. "
        "Repairs cost 12 million euros, the council said.\n\n"
        "Ruiz spoke to reporters — 🚢 ships waited · outside: the port was shut.")


@pytest.fixture
def analysis(tmp_path, nlp):
    path = tmp_path / "harbour.txt"
    path.write_text(TEXT, encoding="utf-8")
    a = toolkit.analyze(path, published="2025-03-13", nlp=nlp)
    made = [_span(a.text, "We will reopen the dock in May,", "quotes", "direct",
                  {"speaker": "Ana Ruiz", "cue": "said"}),
            _span(a.text, "Ana Ruiz", "entities", "PERSON", {"canonical": "Ana\nRuiz"}),
            _span(a.text, "Lisbon", "entities", "GPE"),
            _span(a.text, "12 million euros", "figures", "money",
                  {"value": 12e6, "unit": "EUR", "source": "the council · note: not a note"}),
            _span(a.text, "ships waited", "entities", "ORG", {"canonical": "fleet"}),
            _span(a.text, "Monday", "timeline", "DATE", {"date": "2025-03-10"})]
    a.highlights = lambda layers=("entities", "quotes", "figures", "timeline"): [
        h for h in made if h["layer"] in layers]
    return a


def _tags(view) -> dict[str, str]:
    """id -> the (unescaped) tooltip of its label tag, from the paragraphs sent."""
    out = {}
    for para in view.paras:
        for m in re.finditer(r'<small class="tk-tag [^"]*" data-id="([^"]*)"[^>]*?'
                             r'(?: title="([^"]*)")?>', para):
            ident = unescape(m.group(1))
            assert ident not in out, "one tag per highlight"
            out[ident] = unescape(m.group(2) or "")
    return out


def _read_tip(tip: str):
    """What view.js readTip makes of a tooltip: (facts, note)."""
    facts, lines = [], tip.split("\n") if tip else []
    for i, line in enumerate(lines):
        if ": " not in line:
            continue
        name, value = line.split(": ", 1)
        if name == "note":
            return facts, "\n".join([value, *lines[i + 1:]])
        facts.append([name, value])
    return facts, None


def _context(view, start, end):
    """What view.js contextOf cuts from the synced text and flat sentences."""
    flat = view.sentences
    starts = flat[0::2]
    i = bisect_right(starts, start) - 1
    if i >= 0 and start < flat[2 * i + 1]:
        s, e = flat[2 * i], flat[2 * i + 1]
        return view.text[s:min(max(e, min(end, s + 600)), s + 600)]
    return view.text[max(0, start - 120):end + 120]


def _check_panel_matches_kernel(view):
    tags = _tags(view)
    assert set(tags) == {h["id"] for h in view.highlights}
    for h in view.highlights:
        kernel = view.details(h["id"])
        facts, note = _read_tip(tags[h["id"]])
        shown = [f for f in kernel["facts"] if f[0] not in ("kind", "label", "note")]
        want = [[k, v.replace("\n", " ")] for k, v in shown]
        assert facts == want, h["id"]
        assert note == kernel["item"].get("note"), h["id"]
        assert _context(view, h["start"], h["end"]) == kernel["context"], h["id"]


def test_tooltips_and_traits_give_the_panel_what_the_kernel_would(analysis):
    view = ArticleView(analysis)
    assert view.text == analysis.text
    assert view.kinds["quotes"] == "quote" and view.kinds["timeline"] == "date"
    assert len(view.sentences) % 2 == 0 and view.sentences == sorted(view.sentences)
    _check_panel_matches_kernel(view)
    # a value holding the separator and "note: " stays one fact, not a note
    money = next(h for h in view.highlights if h["layer"] == "figures")
    facts, note = _read_tip(_tags(view)[money["id"]])
    assert ["source", "the council · note: not a note"] in facts and note is None
    # a value broken over lines stays on its line
    person = next(h for h in view.highlights if h["label"] == "PERSON")
    assert _read_tip(_tags(view)[person["id"]])[0] == [["refers to", "Ana Ruiz"]]


def test_after_every_kind_of_change_the_page_still_answers_like_the_kernel(analysis):
    view = ArticleView(analysis)
    quote = next(h for h in view.highlights if h["layer"] == "quotes")
    lisbon = next(h for h in view.highlights if h["text"] == "Lisbon")
    money = next(h for h in view.highlights if h["layer"] == "figures")
    view.handle_action({"action": "note", "id": quote["id"],
                        "value": "check the tape\nnote: second line\nspeaker: x"})
    view.handle_action({"action": "status", "id": quote["id"], "value": "disputed"})
    view.handle_action({"action": "relabel", "id": lisbon["id"], "value": "LOC"})
    view.handle_action({"action": "reject", "id": money["id"]})
    view.handle_action({"action": "speaker", "id": quote["id"], "value": "A. Ruiz"})
    s = analysis.text.index("reporters")
    view.add(s, s + len("reporters"), "ORG", note="who?")
    assert view.message["kind"] == "info"
    _check_panel_matches_kernel(view)
    facts, note = _read_tip(_tags(view)[quote["id"]])
    assert note == "check the tape\nnote: second line\nspeaker: x"
    assert ["status", "disputed"] in facts and ["speaker", "A. Ruiz"] in facts
    assert ["engine said", "GPE"] in _read_tip(_tags(view)[lisbon["id"]])[0]
    added = next(h for h in view.highlights if h["provenance"] == "analyst")
    assert _read_tip(_tags(view)[added["id"]]) == ([["added by", "analyst"]], "who?")
    view.undo()
    _check_panel_matches_kernel(view)


def test_the_first_state_goes_in_one_message(analysis):
    sent = []

    class Recorder(ArticleView):
        def send_state(self, key=None):
            sent.append([key] if isinstance(key, str) else sorted(key or ()))
            return super().send_state(key)

    view = Recorder(analysis)
    # after the comm's opening state (empty), one update with everything the view draws
    ours = {"paras", "text", "sentences", "labels", "layers", "revision", "title", "byline",
            "store_name", "orphans", "can_undo", "can_redo"}
    updates = [keys for keys in sent if set(keys) & ours]
    assert len(updates) == 1
    assert {"paras", "text", "sentences", "labels", "layers", "revision"} <= set(updates[0])
    assert view.paras
