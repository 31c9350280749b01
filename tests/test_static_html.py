"""Static HTML: segments tile the text exactly, nested spans keep every word
once, everything is escaped, and there is no script."""

from __future__ import annotations

import random
import re
from html.parser import HTMLParser

import pytest

from toolkit.widgets.static import render_parts

TEXT = ("HEADLINE HERE\n\n\"We will not give up Kyiv,\" said Olena Ruda, the mayor.\n\n"
        "The city lost 40 percent of its power.")


def _h(text, word, layer, label, attrs=None, nth=0):
    pos = -1
    for _ in range(nth + 1):
        pos = text.index(word, pos + 1)
    return {"id": f"{layer}:{pos}-{pos + len(word)}", "layer": layer, "label": label,
            "start": pos, "end": pos + len(word), "text": word, "attrs": attrs or {}}


def _nested():
    quote = _h(TEXT, "We will not give up Kyiv,", "quotes", "direct", {"speaker": "Olena Ruda"})
    kyiv = _h(TEXT, "Kyiv", "entities", "GPE")
    up_kyiv = _h(TEXT, "up Kyiv", "figures", "odd")           # overlaps the entity
    person = _h(TEXT, "Olena Ruda", "entities", "PERSON")
    pct = _h(TEXT, "40 percent", "figures", "percent", {"value": 40, "unit": "%",
                                                         "qualifier": "exact", "source": "grid"})
    return [quote, kyiv, up_kyiv, person, pct]


def test_any_subset_of_lines_is_drawn_as_in_the_whole_article():
    """The view redraws only touched paragraphs: a line drawn alone (with only the
    highlights that reach it) must be the same HTML as in the whole drawing."""
    from toolkit.widgets.static import article_lines, render_lines

    rng = random.Random(5)
    for _ in range(20):
        text = "".join(rng.choice("abc de\n<&>") for _ in range(400))
        spans = []
        for i in range(50):
            s = rng.randrange(0, 399)
            e = rng.randrange(s + 1, min(400, s + 80) + 1)
            spans.append({"id": f"x{i}", "layer": rng.choice(["entities", "quotes", "figures"]),
                          "label": rng.choice(["PERSON", "direct", "count"]), "start": s,
                          "end": e, "text": text[s:e], "attrs": {"speaker": "Ana"}})
        lines = article_lines(text)
        classes = {("entities", "PERSON"): 1, ("quotes", "direct"): 2}
        whole = render_lines(text, spans, lines, classes=classes)
        pick = sorted(rng.sample(range(len(lines)), k=max(1, len(lines) // 3)))
        lo, hi = lines[pick[0]][0], lines[pick[-1]][1]
        near = [h for h in spans if h["start"] < hi and h["end"] > lo]
        part = render_lines(text, near, [lines[i] for i in pick], classes=classes)
        assert part == [whole[i] for i in pick]
        for html_line, (bs, be, _h) in zip(whole, lines):
            assert f'data-s="{bs}" data-e="{be}"' in html_line


class _Collect(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.attrs, self.text = [], [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs.extend(name for name, _ in attrs)

    def handle_data(self, data):
        self.text.append(data)


HOSTILE = 'Hello <script>alert(1)</script> and <img src=x onerror="alert(2)"> there.'


def test_static_html_escapes_text_labels_speakers_and_notes():
    spans = [_h(HOSTILE, "<script>alert(1)</script>", "quotes", "direct",
                {"speaker": "<img src=y onerror=alert(3)>"}),
             _h(HOSTILE, "there", "entities", "GPE<b>", {"canonical": "<svg onload=alert(4)>"})]
    spans[1]["note"] = "<script>alert(5)</script>"
    html = render_parts(HOSTILE, spans, [], metadata={"title": "<i>t</i>"}, full_page=True)
    parser = _Collect()
    parser.feed(html)
    assert not {"script", "img", "svg", "b", "i", "iframe"} & set(parser.tags)
    assert not [a for a in parser.attrs if a.startswith("on")]
    text = "".join(parser.text)
    for piece in ("<script>alert(1)</script>", '<img src=x onerror="alert(2)">', "GPE<b>",
                  "<img src=y onerror=alert(3)> ›", "<script>alert(5)</script>", "<i>t</i>"):
        assert piece in text


def test_static_html_shows_each_word_once_with_labels_as_text():
    html = render_parts(TEXT, _nested(), [{"text": "HEADLINE HERE", "start": 0, "end": 13}])
    parser = _Collect()
    parser.feed(html)
    text = "".join(parser.text)
    assert text.count("Kyiv") == 1 and text.count("Olena Ruda") == 2  # text + speaker chip
    assert "PERSON" in text and "percent" in text and "direct quote" in text
    assert "<h3" in html and re.search(r"<h3[^>]*>HEADLINE HERE</h3>", html)
    assert "value: 40 %" in html and "source: grid" in html  # the figure's hover


def test_rejected_spans_are_marked_and_notes_listed():
    spans = _nested()
    spans[1]["decision"] = "rejected"
    spans[3]["note"] = "the deputy mayor"
    spans[3]["status"] = "disputed"
    html = render_parts(TEXT, spans, [])
    assert "rejected" in html and "line-through" in html
    assert "Notes" in html and "the deputy mayor" in html and "disputed" in html


@pytest.mark.model
def test_render_html_of_a_real_analysis_has_no_script(nlp):
    import toolkit

    analysis = toolkit.analyze_text(HOSTILE + " Vladimir Putin met Donald Trump in Moscow.",
                                    nlp=nlp)
    html = toolkit.render_html(analysis, full_page=True)
    parser = _Collect()
    parser.feed(html)
    assert "script" not in parser.tags and "img" not in parser.tags
    assert html.startswith("<!DOCTYPE html>")


# -- the one renderer: nesting, linear cost, one vocabulary, every field escaped ----------

class _Tree(HTMLParser):
    """Checks that tags nest and collects the article's text outside tags/chips."""

    def __init__(self):
        super().__init__()
        self.stack, self.text, self.smalls = [], [], 0

    def handle_starttag(self, tag, attrs):
        self.stack.append(tag)
        self.smalls += tag == "small"

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1] == tag, (self.stack, tag)
        self.stack.pop()

    def handle_data(self, data):
        if "small" not in self.stack:
            self.text.append(data)


def test_random_overlapping_highlights_nest_and_keep_every_character_once():
    from toolkit.widgets.static import render_article_html

    rng = random.Random(11)
    for _ in range(20):
        text = "".join(rng.choice("abc de\n<&>") for _ in range(400))
        spans = []
        for i in range(50):
            s = rng.randrange(0, 399)
            e = rng.randrange(s + 1, min(400, s + 60) + 1)
            spans.append({"id": f"x{i}", "layer": rng.choice(["entities", "quotes", "figures",
                                                              "timeline"]),
                          "label": rng.choice(["PERSON", "ORG", "direct", "count"]),
                          "start": s, "end": e, "text": text[s:e], "attrs": {}})
        out = render_article_html(text, spans)
        tree = _Tree()
        tree.feed(out)
        assert tree.stack == []
        lines = [line for line in text.split("\n") if line.strip()]
        assert "".join(tree.text).replace("\n", "") == "".join(lines)
        # one label tag per highlight that ends inside a line (or in blank space)
        assert tree.smalls <= len(spans) + sum(1 for h in spans if h["layer"] == "quotes")


def test_view_css_and_static_html_share_one_palette():
    from pathlib import Path

    from toolkit import style

    css = (Path(style.__file__).parent / "widgets" / "view.css").read_text()
    for var, value in (("--tk-quote", style.QUOTE_TINT), ("--tk-figure", style.FIGURE_MARK),
                       ("--tk-date", style.DATE_MARK)):
        assert re.search(rf"{var}:\s*{re.escape(value)};", css), var
    html = render_parts("Ana met Bo in Rome.", [
        {"id": "e1", "layer": "entities", "label": "PERSON", "start": 0, "end": 3,
         "text": "Ana", "attrs": {}},
        {"id": "e2", "layer": "entities", "label": "GPE", "start": 13, "end": 17,
         "text": "Rome", "attrs": {}}], [])
    assert style.ENTITY_COLOURS["PERSON"] in html and style.ENTITY_COLOURS["GPE"] in html


EVIL = '"><script>alert(1)</script><img src=x onerror=alert(2)>'


def test_every_field_a_file_or_user_sets_is_escaped():
    text = "Ana said hello in Rome and 40 homes burned on Monday."
    spans = [
        {"id": "q", "layer": "quotes", "label": EVIL, "start": 9, "end": 14, "text": "hello",
         "attrs": {"speaker": EVIL, "cue": EVIL}, "note": EVIL, "status": EVIL,
         "decision": "confirmed", "engine_label": EVIL, "provenance": "analyst"},
        {"id": "e", "layer": "entities", "label": EVIL, "start": 18, "end": 22, "text": "Rome",
         "attrs": {"canonical": EVIL}, "note": EVIL},
        {"id": "f", "layer": "figures", "label": EVIL, "start": 27, "end": 29, "text": "40",
         "attrs": {"value": EVIL, "unit": EVIL, "measures": EVIL, "source": EVIL}},
        {"id": "d", "layer": "timeline", "label": EVIL, "start": 45, "end": 51,
         "text": "Monday", "attrs": {"date": EVIL}},
    ]
    orphans = [{"label": EVIL, "exact": EVIL, "note": EVIL}]
    meta = {"title": EVIL, "outlet": EVIL, "published": EVIL}
    page = render_parts(text, spans, [{"start": 0, "end": 3, "text": EVIL}], orphans=orphans,
                        metadata=meta, full_page=True)
    parser = _Collect()
    parser.feed(page)
    assert not {"script", "img"} & set(parser.tags)
    assert not [a for a in parser.attrs if a.startswith("on")]
    assert "<script>" not in page and "<img" not in page
    # every field arrived, as text
    assert page.count("&lt;script&gt;alert(1)&lt;/script&gt;") >= 12


@pytest.mark.model
def test_items_read_from_the_tables_match_analysis_highlights(nlp):
    import toolkit
    from toolkit.widgets.static import engine_items

    analysis = toolkit.analyze_text(
        '"We will rebuild," Maria Lopez said in Lisbon on Monday. The fire destroyed 40 homes '
        "and cost $2 million, the agency said in March.", published="2025-03-13", nlp=nlp)
    layers = ("entities", "quotes", "figures", "timeline")
    ours = [(h["id"], h["layer"], str(h["label"]), h["start"], h["end"], h["text"])
            for h in engine_items(analysis, layers)]
    theirs = [(h["id"], h["layer"], str(h["label"]), h["start"], h["end"], h["text"])
              for h in analysis.highlights(layers)]
    assert ours == theirs and len(ours) > 5
