"""Sharing a team review: the settled version with the agreement table and,
on request, who decided each item (report, notebook display, shared and frozen
notebooks); speaker changes as a label-like decision in the agreement table.
Every text here is written for these tests."""

from __future__ import annotations

import html.parser
import json
import re
import types
import warnings
from pathlib import Path

import krippendorff
import nbformat
import numpy as np
import pytest
from sklearn.metrics import cohen_kappa_score

import toolkit
from toolkit import share
from toolkit.annotations import AnnotationStore, settled_store_path
from toolkit.errors import ToolkitWarning
from toolkit.review import Review, agreement, settled_version
from toolkit.review.sharing import HEADERS, decisions, team_section, when

ROOT = Path(__file__).resolve().parent.parent
HOSTILE = "<script>alert(1)</script><img src=x onerror=alert(2)>"

NAMES = ["Ines Dorado", "Pavel Orlik", "Mira Sand", "Tomas Reyes", "Lena Hart",
         "Yusuf Kaan", "Ada Moreau", "Bruno Lind"]
QUOTE_TEXT = " ".join(f'"We will rebuild quay {i}," {n} told the board.'
                      for i, n in enumerate(NAMES))


def _quote_spans():
    out, pos = [], 0
    for i in range(len(NAMES)):
        start = QUOTE_TEXT.index(f'"We will rebuild quay {i},"', pos)
        end = start + len(f'"We will rebuild quay {i},"')
        out.append((start, end))
        pos = end
    return out


def _team_article(tmp_path, text=QUOTE_TEXT):
    path = tmp_path / "harbour.txt"
    path.write_text(text, encoding="utf-8")
    return types.SimpleNamespace(article=types.SimpleNamespace(path=str(path)), text=text)


def _speakers(analysis, who, speakers):
    """One analyst's verdicts on the engine's quotes: a name sets the speaker,
    '' keeps the engine's, 'r' rejects, None: no verdict."""
    store = AnnotationStore.for_analysis(analysis, annotator=who)
    for (s, e), v in zip(_quote_spans(), speakers):
        if v is None:
            continue
        h = {"layer": "quotes", "label": "direct", "start": s, "end": e, "id": f"q{s}"}
        if v == "r":
            store.decide(h, decision="rejected")
        elif v:
            store.decide(h, decision="confirmed", speaker=v)
        else:
            store.decide(h, decision="confirmed")
    return store


# -- speaker changes in the agreement table ---------------------------------------------

SPEAKER_CASES = {
    "same": (["", "", "Ada", "", "Bo", "", "", ""], ["", "", "Ada", "", "Bo", "", "", ""]),
    "some differ": (["", "Ada", "", "Bo", "", "", "Ada", ""], ["", "", "", "Bo", "Ada", "", "Ada", "Bo"]),
    "with a rejection": (["", "Ada", "r", "Bo", "", "", "", ""], ["Bo", "Ada", "", "Bo", "", "Ada", "", ""]),
}


@pytest.mark.parametrize("case", sorted(SPEAKER_CASES))
def test_speaker_row_equals_the_reference_libraries(tmp_path, case):
    a, b = SPEAKER_CASES[case]
    analysis = _team_article(tmp_path)
    _speakers(analysis, "alice", a)
    _speakers(analysis, "bob", b)
    table = agreement(analysis)
    row = table[(table.layer == "quotes") & (table.label == "speaker")].iloc[0]
    value = (lambda x: None if x == "r" else (x or "(as found)"))
    pairs = [(value(x), value(y)) for x, y in zip(a, b)]
    both = [(x, y) for x, y in pairs if x is not None and y is not None]
    assert row["items"] == len(a)
    assert row["judged_by_2"] == len(both)   # a rejected quote has no speaker to compare
    assert row["observed"] == pytest.approx(sum(x == y for x, y in both) / len(both))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        kappa = cohen_kappa_score([x for x, _ in both], [y for _, y in both])
    values = sorted({v for p in pairs for v in p if v is not None})
    if len(values) > 1:
        data = np.array([[np.nan if v is None else values.index(v) for v in col]
                         for col in zip(*pairs)], dtype=float)
        alpha = krippendorff.alpha(reliability_data=data, level_of_measurement="nominal")
        assert row["krippendorff_alpha"] == pytest.approx(alpha)
        assert row["cohen_kappa"] == pytest.approx(kappa)
    if case == "same":
        assert row["observed"] == 1.0 and row["cohen_kappa"] == pytest.approx(1.0)
    # the label rows still compare labels and rejections only
    labels = table[(table.layer == "quotes") & (table.label == "(all)")].iloc[0]
    expected = sum((x == "r") == (y == "r") for x, y in zip(a, b)) / len(a)
    assert labels["observed"] == pytest.approx(expected)


def test_a_speaker_change_is_a_difference_the_reviewer_settles(tmp_path):
    analysis = _team_article(tmp_path)
    _speakers(analysis, "alice", ["", "", "", "", "", "", "", ""])
    _speakers(analysis, "bob", ["", "Ada", "", "", "", "", "", ""])
    review = Review(analysis, reviewer="rita")
    assert len(review.disagreements) == 1
    item = review.item(0)
    assert [c["verdict"] for c in item["choices"]] == ["direct", "direct · speaker: Ada"]
    review.accept(0, "bob")
    settled = AnnotationStore(settled_store_path(analysis.article.path)).records
    start = _quote_spans()[1][0]
    assert [r["speaker"] for r in settled if r["start"] == start] == ["Ada"]


# -- who decided, and the team section -----------------------------------------------------

def _settle(tmp_path):
    """alice and bob differ on quotes 1, 2 and 3; rita takes bob's speaker on 1,
    alice's rejection on 2, and writes her own on 3."""
    analysis = _team_article(tmp_path)
    _speakers(analysis, "alice", ["", "", "r", "Ada", "", "", "", ""])
    _speakers(analysis, "bob", ["", "Ada", "", "Bo", "", "", "", ""])
    review = Review(analysis, reviewer="rita")
    assert len(review.disagreements) == 3
    review.accept(0, 2)
    review.accept(1, "alice")
    review.decide(2, speaker="Cy", decision="confirmed")
    return analysis, review


def test_decisions_say_who_decided_when_and_how(tmp_path):
    analysis, review = _settle(tmp_path)
    from toolkit.review import load_team

    rows = {r["start"]: r for r in decisions(review.settled, load_team(analysis))}
    spans = _quote_spans()
    assert len(rows) == 8 and {r["creator"] for r in rows.values()} == {"rita"}
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d UTC", r["when"]) for r in rows.values())
    assert rows[spans[0][0]]["how"] == "analysts agreed"
    assert rows[spans[1][0]]["how"] == "took bob's version"
    assert rows[spans[1][0]]["analysts"] == {"alice": "direct", "bob": "direct · speaker: Ada"}
    assert rows[spans[2][0]]["how"] == "took alice's version"
    assert rows[spans[2][0]]["settled"] == "rejected"
    assert rows[spans[3][0]]["how"] == "own decision"
    assert rows[spans[3][0]]["settled"] == "direct · speaker: Cy"
    assert when("2026-01-31T14:05:09.123456+01:00") == "2026-01-31 13:05 UTC"
    assert when("not a time") == "not a time"


class _Tables(html.parser.HTMLParser):
    """The text of every cell of every table, per table and row."""

    def __init__(self):
        super().__init__()
        self.tables, self._cell = [], None

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append({"class": dict(attrs).get("class", ""), "rows": []})
        elif tag == "tr":
            self.tables[-1]["rows"].append([])
        elif tag in ("td", "th"):
            self._cell = ""

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self.tables[-1]["rows"][-1].append(self._cell)
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell += data


def _tables(page: str) -> dict[str, list[list[str]]]:
    parser = _Tables()
    parser.feed(page)
    return {t["class"].split()[-1]: t["rows"] for t in parser.tables}


def _formatted(value, column) -> str:
    if value is None or value != value:
        return "–"
    return str(int(value)) if column in ("items", "judged_by_2") else f"{value:.3f}"


def test_team_section_shows_the_numbers_of_agreement_and_who_decided(tmp_path):
    analysis, _ = _settle(tmp_path)
    page = team_section(analysis, show_annotators=True)   # the settled file, read
    tables = _tables(page)
    frame = agreement(analysis)
    shown = tables["tk-agreement"]
    assert shown[0] == [HEADERS[c] for c in frame.columns]
    expected = [[str(rec["layer"]), str(rec["label"])]
                + [_formatted(rec[c], c) for c in frame.columns[2:]]
                for rec in frame.to_dict(orient="records")]
    assert shown[1:] == expected
    assert any(r[1] == "speaker" for r in shown[1:])
    who = tables["tk-who"]
    assert who[0] == ["text", "layer", "settled as", "decided by", "when", "how", "alice", "bob"]
    assert [(r[2], r[3], r[5]) for r in who[1:]] == [
        ("direct · speaker: Ada", "rita", "took bob's version"),
        ("rejected", "rita", "took alice's version"),
        ("direct · speaker: Cy", "rita", "own decision")]
    assert "5 item(s) all analysts agreed on" in page
    assert "settled version (<code>harbour.annotations.json</code>), settled by rita" in page
    assert "They differ on 3 item(s); 3 settled." in page
    # without show_annotators: the agreement table, no names of who decided
    plain = team_section(analysis)
    assert "tk-agreement" in plain and "tk-who" not in plain and "rita" not in plain


def test_no_team_no_section_and_a_warning_without_a_settled_version(tmp_path):
    analysis = _team_article(tmp_path)
    assert team_section(analysis) == ""
    _speakers(analysis, "alice", [""] * 8)
    assert team_section(analysis) == ""           # one analyst: nothing to compare
    _speakers(analysis, "bob", ["Ada"] + [""] * 7)
    with pytest.warns(ToolkitWarning, match="TKW770"):
        page = team_section(analysis)
    assert "no settled version yet" in page and "They differ on 1 item(s); 0 settled" in page


# -- the command line ----------------------------------------------------------------------

def test_who_flags_on_the_command_line():
    from toolkit.__main__ import _who_parameters, build_parser

    parser = build_parser()
    assert parser.parse_args(["report", "a.txt", "--who"]).who is True
    assert parser.parse_args(["report", "a.txt"]).who is False
    for command in ("share", "freeze"):
        assert _who_parameters(parser.parse_args([command, "n.ipynb"])) is None
        assert _who_parameters(parser.parse_args([command, "n.ipynb", "--who"])) == {
            "SHOW_ANNOTATORS": True}
        assert _who_parameters(parser.parse_args([command, "n.ipynb", "--no-who"])) == {
            "SHOW_ANNOTATORS": False}


@pytest.mark.notebook
def test_share_with_who_runs_the_notebook_with_show_annotators(tmp_path):
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    params = nbformat.v4.new_code_cell("SHOW_ANNOTATORS = False",
                                       metadata={"tags": ["parameters"]})
    nb.cells = [params, nbformat.v4.new_code_cell("print('names shown:', SHOW_ANNOTATORS)")]
    path = tmp_path / "team.ipynb"
    nbformat.write(nb, path)
    out = share.share_notebook(path, tmp_path / "team.html", parameters={"SHOW_ANNOTATORS": True})
    assert "names shown: True" in out.read_text(encoding="utf-8")
    frozen = share.freeze(path, tmp_path / "frozen.ipynb", parameters={"SHOW_ANNOTATORS": False})
    assert "names shown: False" in frozen.read_text(encoding="utf-8")
    other = tmp_path / "other.ipynb"
    nb.cells = [nbformat.v4.new_code_cell("print('no parameter here')")]
    nbformat.write(nb, other)
    with pytest.warns(ToolkitWarning, match="TKW771"):
        share.share_notebook(other, tmp_path / "other.html", parameters={"SHOW_ANNOTATORS": True})


# -- the report (a real analysis) ------------------------------------------------------

STORY = ('Nadia Brook met the harbour board in Eastport on Monday.\n'
         '"We will close the quay for two weeks," Omar Vell said on Tuesday.\n'
         'Brook said the town of Westmere would spend $4 million on repairs.\n')


def _real_team(nlp, tmp_path, hostile: bool = False):
    path = tmp_path / "harbour.txt"
    path.write_text(STORY, encoding="utf-8")
    analysis = toolkit.analyze(path, published="2025-05-05", nlp=nlp)
    highlights = analysis.highlights(("entities", "quotes", "figures"))
    entities = [h for h in highlights if h["layer"] == "entities"]
    assert len(entities) >= 3, entities
    for who in ("alice", "bob"):
        store = AnnotationStore.for_analysis(analysis, annotator=who)
        for i, h in enumerate(entities):
            reject = who == "bob" and i == 1
            store.decide(h, decision="rejected" if reject else "confirmed",
                         note=HOSTILE if hostile and who == "bob" else None)
    review = Review(analysis, reviewer="rita")
    review.accept(0, "bob")
    return analysis, review, entities


@pytest.mark.model
def test_report_shows_the_settled_version_the_agreement_and_who_decided(nlp, tmp_path):
    analysis, review, entities = _real_team(nlp, tmp_path)
    page = share.render_report(analysis, charts={}, show_annotators=True)  # settled file read
    rejected = entities[1]
    # the settled version: bob's rejection is drawn, with who decided in its tooltip
    tips = re.findall(r'title="([^"]*)"', page)
    decided = [t for t in tips if "decided by: rita" in t]
    assert len(decided) == len(entities)
    assert any("rejected" in t and "took bob&#x27;s version" in t for t in decided)
    assert sum("(analysts agreed)" in t for t in decided) == len(entities) - 1
    assert "line-through" in page  # a rejected highlight is struck through
    tables = _tables(page)
    frame = agreement(analysis)
    row = frame[(frame.layer == "entities") & (frame.label == "(all)")].iloc[0]
    ours = next(r for r in tables["tk-agreement"] if r[:2] == ["entities", "(all)"])
    assert ours[4] == f"{row['observed']:.3f}"
    who = tables["tk-who"]
    assert len(who) == 2 and who[1][0] == rejected["text"] and who[1][3] == "rita"
    assert '<a href="#team">Team review</a>' in page
    # asked for nothing: the agreement, no names
    plain = share.render_report(analysis, charts={})
    assert "tk-agreement" in plain and "decided by" not in plain and "tk-who" not in plain
    assert "tk-agreement" not in share.render_report(analysis, charts={}, team=False)


@pytest.mark.model
def test_hostile_annotator_names_and_notes_are_escaped_everywhere(nlp, tmp_path):
    analysis, review, entities = _real_team(nlp, tmp_path, hostile=True)
    settled = settled_store_path(analysis.article.path)
    hostile = AnnotationStore(settled, text=analysis.text, annotator=HOSTILE)
    h = entities[2]
    rec = hostile.decide(h, label=HOSTILE, note=HOSTILE)
    hostile.update(rec["id"], status="disputed")
    raw = json.loads(settled.read_text(encoding="utf-8"))
    for obj in raw["annotations"]:
        if obj["id"] == rec["id"]:
            obj["settles"] = [f"{HOSTILE}:x", "bob:<b>"]
    settled.write_text(json.dumps(raw), encoding="utf-8")
    for page in (share.render_report(analysis, charts={}, show_annotators=True),
                 settled_version(analysis, show_annotators=True).to_html()):
        body = page.split("</head>", 1)[-1]
        assert "<script>alert" not in body and "<img src=x" not in body
        escaped = "&lt;script&gt;alert(1)&lt;/script&gt;"
        # label, note, creator in the tooltip, creator and label in the who table...
        assert body.count(escaped) >= 6, body.count(escaped)
        assert f"decided by: {escaped}" in body


# -- the guided notebook ---------------------------------------------------------------

@pytest.mark.notebook
@pytest.mark.model
def test_team_notebook_ends_with_the_agreement_and_a_report_that_says_who_decided(tmp_path):
    from toolkit.share import execute_notebook

    path = ROOT / "notebooks" / "06_team_review.ipynb"
    work = tmp_path / "team"
    ran = execute_notebook(nbformat.read(path, as_version=4), path.parent,
                           parameters={"WORK_DIR": str(work)})
    outputs = [o for c in ran.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    assert not [o for o in outputs if o.output_type == "error"]
    htmls = [o["data"].get("text/html", "") for o in outputs if "data" in o]
    settled = [h for h in htmls if 'class="tk-settled"' in h]
    assert settled, "the notebook shows the settled version"
    assert "tk-agreement" in settled[0] and "tk-who" in settled[0]
    assert "decided by: demo-reviewer" in settled[0]
    assert ">speaker<" in settled[0]   # the demo's speaker changes are compared
    last = ran.cells[-1].outputs[-1]["data"]
    assert "krippendorff_alpha" in last["text/html"]   # it ends with the agreement table
    report = (work / "report.html").read_text(encoding="utf-8")
    assert 'id="team"' in report and "decided by: demo-reviewer" in report
    assert "took demo-" in report
    assert len(_tables(report)["tk-who"]) - 1 >= 3   # the three settled differences


# -- in a real browser -------------------------------------------------------------------

@pytest.mark.browser
@pytest.mark.model
def test_report_with_who_decided_reads_offline_in_chromium_and_fits_a4(nlp, tmp_path, browser):
    analysis, review, entities = _real_team(nlp, tmp_path)
    out = share.write_report(analysis, tmp_path / "report.html", show_annotators=True,
                             images=False)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    leaving = []

    def guard(route):
        url = route.request.url
        if url.startswith(("file:", "data:", "blob:", "about:")):
            route.continue_()
        else:
            leaving.append(url)
            route.abort()

    context.route("**/*", guard)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        page.goto(out.resolve().as_uri(), wait_until="load")
        rows = page.locator("#team table.tk-agreement tbody tr")
        assert rows.count() == len(agreement(analysis))
        assert rows.first.is_visible()
        who = page.locator("#team table.tk-who tbody tr")
        assert who.count() == 1 and "took bob's version" in who.first.inner_text()
        decided = page.locator('.toolkit-article [title*="decided by: rita"]')
        assert decided.count() == len(entities)
        decided.first.scroll_into_view_if_needed()
        assert decided.first.is_visible()
        # printed on A4 (186 mm between the margins, 703 CSS px): no table sticks out
        page.emulate_media(media="print")
        page.set_viewport_size({"width": 703, "height": 1000})
        wide = page.evaluate("""() => [...document.querySelectorAll('#team table')]
            .filter(t => t.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
            .map(t => t.className)""")
        assert wide == []
    finally:
        context.close()
    assert not leaving and not errors, (leaving, errors)
