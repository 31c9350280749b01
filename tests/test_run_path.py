"""One run path: every entry point gives the same tables; failures stay inside a layer.

The articles are written for these tests (no corpus text): with and without a
publication date, relative dates, a date figure ("crossed on March 3"),
headings, an empty text.
"""

from __future__ import annotations

import json
import warnings

import pandas as pd
import pytest
from spacy.language import Language
from spacy.tokens import Span

import toolkit
from toolkit.analysis import run_pipeline
from toolkit.article import article_from_text
from toolkit.errors import ToolkitError, ToolkitWarning
from toolkit.runner import split_points

pytestmark = pytest.mark.model

PUBLISHED = "2025-03-13"
DATED = (
    "The convoy crossed on March 3 after a week of talks in Geneva. Officials said on "
    "Thursday that 1,200 trucks had waited at the border, about 40% more than last month.\n\n"
    "\u201cWe will not reopen the crossing,\u201d said Elena Marsh, a spokeswoman for the "
    "interior ministry, adding that the decision would be reviewed next week."
)
UNDATED = (
    "Farmers in Brittany said yesterday that prices had fallen by 12% since last August. "
    "The regional council met on Monday and promised $3 million in support."
)
HEADINGS = (
    "Flood Defences Approved\n\n"
    "What the council decided\n\n"
    "The council of Valencia approved 40 million euros for flood walls on Tuesday. "
    "Work begins in June 2025, the mayor, Maria Lopez, said.\n\n"
    "What happened next\n\n"
    "Residents of the old town protested two days later."
)
TEXTS = {"dated": (DATED, PUBLISHED), "undated": (UNDATED, None),
         "headings": (HEADINGS, PUBLISHED), "empty": ("", PUBLISHED)}
TABLES = ("entities", "quotes", "figures", "timeline", "sentences", "paragraphs",
          "headings", "problems")


def quiet(fn, *args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return fn(*args, **kwargs)


def assert_same(a, b, where: str) -> None:
    assert a.text == b.text and a.published == b.published, where
    for table in TABLES:
        left, right = getattr(a, table), getattr(b, table)
        try:
            pd.testing.assert_frame_equal(left.reset_index(drop=True),
                                          right.reset_index(drop=True))
        except AssertionError as exc:  # say which article and table differ
            raise AssertionError(f"{where}: table {table} differs\n{exc}") from None


@pytest.fixture(scope="module")
def singles(nlp):
    return {name: quiet(toolkit.analyze_text, text, published=date, nlp=nlp)
            for name, (text, date) in TEXTS.items()}


def test_the_date_figure_is_resolved_against_the_publication_date(singles):
    figures = singles["dated"].figures
    crossed = figures[figures["text"] == "March 3"]
    assert list(crossed["type"]) == ["date"] and list(crossed["value"]) == ["2025-03-03"]
    timeline = singles["dated"].timeline
    assert timeline[timeline["text"] == "March 3"]["date"].tolist() == ["2025-03-03"]
    # without a publication date, the same relative date stays open in both tables
    undated = singles["undated"]
    assert undated.timeline["date"].isna().all() and len(undated.timeline) >= 2


def test_every_entry_point_gives_the_same_tables(nlp, singles, tmp_path):
    names = list(TEXTS)
    # analyze() on a file with its date in .meta.json
    path = tmp_path / "dated.txt"
    path.write_text(DATED, encoding="utf-8")
    (tmp_path / "dated.meta.json").write_text(json.dumps({"published": PUBLISHED}),
                                               encoding="utf-8")
    assert_same(quiet(toolkit.analyze, path, nlp=nlp), singles["dated"], "analyze(path)")
    # analyze() on Article objects
    articles = [article_from_text(text, metadata={"published": date} if date else {})
                for text, date in TEXTS.values()]
    for name, article in zip(names, articles):
        assert_same(quiet(toolkit.analyze, article, nlp=nlp), singles[name], f"analyze {name}")
    # run_pipeline, one batch of all four
    for name, analysis in zip(names, quiet(run_pipeline, articles, None, nlp, batch_size=4)):
        assert_same(analysis, singles[name], f"run_pipeline {name}")
    # analyze_many with per-article dates, in one batch and one article per batch
    dates = [date for _, date in TEXTS.values()]
    for budget in (10_000, 5):
        many = quiet(toolkit.analyze_many, [t for t, _ in TEXTS.values()], published=dates,
                     nlp=nlp, progress=False, batch_size=budget)
        assert len(many) == len(names) and many.ok
        for name, analysis in zip(names, many):
            assert_same(analysis, singles[name], f"analyze_many({budget}) {name}")


def test_two_worker_processes_keep_the_publication_date(nlp, singles):
    texts = [t for t, _ in TEXTS.values()]
    dates = [d for _, d in TEXTS.values()]
    many = quiet(toolkit.analyze_many, texts, published=dates, nlp=nlp, progress=False,
                 batch_size=5, n_process=2)
    for name, analysis in zip(TEXTS, many):
        assert_same(analysis, singles[name], f"n_process=2 {name}")


def test_headings_come_from_the_structure_component(singles):
    headings = singles["headings"].headings
    assert "What happened next" in list(headings["text"])
    assert singles["headings"].to_dict()["headings"] == \
        headings.to_dict(orient="records")
    # sentences in a heading belong to no body paragraph; body sentences do
    sentences = singles["headings"].sentences
    text = singles["headings"].text
    body = text.index("The council of Valencia")
    row = sentences[sentences["start"] == body].iloc[0]
    paragraph = singles["headings"].paragraphs.iloc[row["paragraph"]]
    assert paragraph["start"] <= body < paragraph["end"]


def test_tables_carry_entity_ids_countries_and_links(singles):
    entities = singles["dated"].entities
    geneva = entities[entities["text"] == "Geneva"].iloc[0]
    assert geneva["country"] == "CH" and geneva["entity_id"]
    quotes = singles["dated"].quotes
    direct = quotes[quotes["kind"] == "direct"].iloc[0]
    assert direct["speaker"] == "Elena Marsh"
    person = entities[entities["canonical"] == "Elena Marsh"]["entity_id"].iloc[0]
    assert direct["speaker_id"] == person
    # every row names the sentence it sits in
    sentences = singles["dated"].sentences
    for table in ("entities", "quotes", "figures", "timeline"):
        frame = getattr(singles["dated"], table)
        for start, sentence in zip(frame["start"], frame["sentence"]):
            assert sentences.iloc[sentence]["start"] <= start < sentences.iloc[sentence]["end"]


def test_an_empty_article_has_empty_tables(singles):
    empty = singles["empty"]
    for table in TABLES:
        assert len(getattr(empty, table)) == 0, table


# -- fault isolation (issue 9.1) --------------------------------------------------------

@Language.component("tk_test_broken_figures")
def _broken_figures(doc):
    """A figures component that writes a partial layer, then fails on one word."""
    doc.spans["figures"] = [Span(doc, 0, 1, label="count")]
    for token in doc:
        if token.text == "KABOOM":
            raise ValueError("this component cannot read the word")
    return doc


@pytest.fixture()
def fresh_nlp():
    """A pipeline of its own, so that the session pipeline is never changed."""
    return toolkit.load_pipeline()


BROKEN = ("Officials in Lisbon said on March 3 that 40% of the KABOOM budget was spent. "
          "\u201cIt is enough,\u201d said Ana Costa.")


def test_a_failing_component_empties_its_layer_and_keeps_the_article(fresh_nlp):
    fresh_nlp.replace_pipe("toolkit_figures", "tk_test_broken_figures")
    at = BROKEN.index("KABOOM")
    with pytest.warns(ToolkitWarning, match=rf"TKW410.*toolkit_figures.*character {at} "):
        one = toolkit.analyze_text(BROKEN, published=PUBLISHED, nlp=fresh_nlp)
    assert len(one.figures) == 0                       # the partial layer is gone
    assert len(one.entities) and len(one.quotes) and len(one.timeline)
    problems = one.problems
    assert list(problems.columns) == ["component", "code", "message", "start"]
    assert problems.to_dict(orient="records")[0] | {"message": None} == {
        "component": "toolkit_figures", "code": "TKW410", "message": None, "start": at}
    assert "cannot read the word" in problems["message"][0]
    # analyze_many: the same tables, and the article is not reported as fine
    with pytest.warns(ToolkitWarning, match="TKW410"):
        many = toolkit.analyze_many([UNDATED, BROKEN], published=PUBLISHED, nlp=fresh_nlp,
                                    progress=False)
    assert_same(many[1], one, "analyze_many with a failing component")
    assert list(many.articles["ok"]) == [True, False]
    assert [(e.index, e.component, e.code, e.start) for e in many.errors] == \
        [(1, "toolkit_figures", "TKW410", at)]
    assert len(many[0].figures) > 0                    # the other article is untouched
    # the same with two worker processes (the handler travels with the pipeline)
    two = quiet(toolkit.analyze_many, [UNDATED, BROKEN, DATED], published=PUBLISHED,
                nlp=fresh_nlp, progress=False, batch_size=5, n_process=2)
    assert_same(two[1], one, "n_process=2 with a failing component")
    assert [(e.index, e.component) for e in two.errors] == [(1, "toolkit_figures")]


# -- texts over nlp.max_length --------------------------------------------------------------

def test_split_points_cut_at_paragraph_breaks_first():
    text = "a b c.\n\nd e f g.\nh i j.\n\nk l."
    cuts = split_points(text, 12)
    assert all(b - a <= 12 for a, b in zip([0] + cuts, cuts + [len(text)]))
    assert text[cuts[0] - 2:cuts[0]] == "\n\n"
    with pytest.raises(ToolkitError) as err:
        split_points("x" * 50, 12)
    assert err.value.code == "TK410"


def test_a_text_over_max_length_is_analysed_in_pieces_with_offsets_kept(fresh_nlp):
    text = "\n\n".join([DATED, UNDATED, HEADINGS.split("\n\n", 2)[2]] * 2)
    fresh_nlp.max_length = 400
    with pytest.warns(ToolkitWarning, match="TKW411"):
        whole = toolkit.analyze_text(text, published=PUBLISHED, nlp=fresh_nlp)
    assert whole.text == text
    for table in ("entities", "figures", "timeline"):
        frame = getattr(whole, table)
        assert len(frame), table
        for row in frame.to_dict(orient="records"):
            assert text[row["start"]:row["end"]] == row["text"]
    for row in whole.quotes.to_dict(orient="records"):
        assert text[row["start"]:row["end"]] == row["content"]
        if row["speaker_start"] is not None:
            assert text[row["speaker_start"]:row["speaker_end"]] == row["speaker_text"]
    # the date figure of the second copy is resolved like the first
    crossed = whole.figures[whole.figures["text"] == "March 3"]
    assert list(crossed["value"]) == ["2025-03-03", "2025-03-03"]
    with pytest.warns(ToolkitWarning, match="TKW411"):
        many = toolkit.analyze_many([text], published=PUBLISHED, nlp=fresh_nlp,
                                    progress=False)
    assert many.ok
    assert_same(many[0], whole, "analyze_many over max_length")


def test_dates_out_of_the_calendar_stay_unresolved_and_lose_nothing(nlp):
    texts = ["The siege began 800000 days ago, officials in Kyiv said.",
             "The talks in Oslo end tomorrow."]
    dates = [PUBLISHED, "9999-12-31"]
    many = quiet(toolkit.analyze_many, texts, published=dates, nlp=nlp, progress=False)
    assert len(many) == 2
    assert many.timeline["date"].isna().all() and len(many.timeline) == 2
    assert set(many.entities["text"]) >= {"Kyiv", "Oslo"}
    for text, date, analysis in zip(texts, dates, many):
        assert_same(quiet(toolkit.analyze_text, text, published=date, nlp=nlp), analysis, text)
