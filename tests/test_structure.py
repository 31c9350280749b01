"""One layout for the article and the pipeline: headings, paragraphs, and the
furniture of news copy (title, standfirst, byline, dateline, credit, marker).
All texts here are written for these tests."""

from __future__ import annotations

import pytest

import toolkit
from toolkit.article import article_from_text, load_article
from toolkit.text_structure import analyse_layout, furniture_label, is_heading_line

WIRE = ("Harbour Council Approves New Sea Wall\n"
        "The town will spend two years building a barrier against winter storms.\n"
        "By Jane Doe and Tom Reed, Coastal Herald\n"
        "Photo: Mark Lane / Reuters\n"
        "PORTVILLE, Maine (AP) \u2014 The harbour council voted on Tuesday to build a sea wall.\n"
        "\u201cWe had no choice,\u201d the mayor said.\n"
        "Results\n"
        "Portville 3 Eastbay 1\n"
        "Northford 2 Westlake 2\n"
        "Southam 0 Kingsbridge 4\n"
        "ABSTRACT.\n"
        "The wall will cost $4 million.\n"
        "FULL TEXT: The council met for three hours on Monday.\n"
        "What Happens Next\n"
        "Work starts in June.\n")


def labelled(items) -> dict:
    return {item["label"]: item["text"] for item in items}


def test_furniture_is_recognised_and_kept_in_the_text():
    article = article_from_text(WIRE)
    assert [(i["label"], i["text"]) for i in article.structure] == [
        ("title", "Harbour Council Approves New Sea Wall"),
        ("standfirst", "The town will spend two years building a barrier against winter storms."),
        ("byline", "By Jane Doe and Tom Reed, Coastal Herald"),
        ("credit", "Photo: Mark Lane / Reuters"),
        ("dateline", "PORTVILLE, Maine (AP) \u2014"),
        ("marker", "ABSTRACT."),
        ("marker", "FULL TEXT:"),
    ]
    for item in article.structure:  # offsets point at the text, which keeps it
        assert article.text[item["start"]:item["end"]] == item["text"]


def test_wire_lines_are_not_headings():
    article = article_from_text(WIRE)
    assert [h["text"] for h in article.headings] == [
        "Harbour Council Approves New Sea Wall", "What Happens Next"]
    for line in ("Portville 3 Eastbay 1", "KYIV, Ukraine (AP) \u2014", "Results",
                 "By Jane Doe", "Photo: Mark Lane / Reuters", "Reuters",
                 "'We are ready to rebuild.'"):
        assert not is_heading_line(line), line


def test_runs_of_short_lines_are_a_list_not_headings():
    text = ("Officials named the new board on Monday.\n"
            "Maria Lopez Chair\nOmar Haddad Treasurer\nKaren Holt Secretary\n"
            "The board meets next week.")
    assert analyse_layout(text).headings == []


@pytest.mark.parametrize("line,label", [
    ("By Sam Okafor", "byline"),
    ("by Lena Brandt | The Valley Times", "byline"),
    ("Photograph: Ivo Petrov/AFP", "credit"),
    ("(Photo by Mara Olsen / Getty Images)", "credit"),
    ("Image credit: Eastbay Archive", "credit"),
    ("LONDON (Reuters) -", "dateline"),
    ("PORTVILLE, Maine, June 4 (Reuters) -", "dateline"),
    ("(Reporting by Mara Olsen in Eastbay; Editing by Tom Reed)", "credit"),
    ("Reporting by Ana Costa; Writing by Ivo Petrov", "credit"),
    ("Reporting by the council showed costs rising.", None),
    ("SUMMARY:", "marker"),
    ("The council met on Monday.", None),
    ("Byron Smith told the council he would resign.", None),
])
def test_furniture_labels(line, label):
    assert furniture_label(line) == label


def test_dateline_opening_a_paragraph_is_a_prefix_span():
    layout = analyse_layout("NEW YORK, March 3 (Reuters) \u2014 Shares fell sharply on Monday.\n"
                            "Traders blamed the weather.")
    (item,) = layout.structure
    assert item["label"] == "dateline" and item["text"] == "NEW YORK, March 3 (Reuters) \u2014"


def test_html_heading_with_a_full_stop_is_one_heading_everywhere(tmp_path, nlp):
    path = tmp_path / "story.html"
    path.write_text("<html><body><p>The bridge reopened on Monday after repairs.</p>"
                    "<h2>What happened next.</h2><p>Traffic returned within an hour.</p>"
                    "</body></html>", encoding="utf-8")
    article = load_article(path)
    assert [h["text"] for h in article.headings] == ["What happened next."]
    analysis = toolkit.analyze(article, published="2024-05-02", nlp=nlp)
    doc_headings = [(s.start_char, s.end_char) for s in analysis.doc.spans["headings"]]
    assert doc_headings == [(h["start"], h["end"]) for h in article.headings]


def test_article_and_pipeline_agree_on_every_span(nlp):
    article = article_from_text(WIRE, metadata={"published": "2024-05-02"})
    analysis = toolkit.analyze(article, nlp=nlp)
    doc = analysis.doc
    assert [(s.start_char, s.end_char) for s in doc.spans["headings"]] == \
        [(h["start"], h["end"]) for h in article.headings]
    assert [(s.label_, s.start_char, s.end_char) for s in doc.spans["structure"]] == \
        [(i["label"], i["start"], i["end"]) for i in article.structure]
    assert {s.label_ for s in doc.spans["structure"]} <= {
        "title", "standfirst", "byline", "dateline", "credit", "marker"}


def test_body_after_a_dateline_or_marker_starts_a_sentence(nlp):
    analysis = toolkit.analyze_text(WIRE, published="2024-05-02", nlp=nlp)
    starts = {s.start_char for s in analysis.doc.sents}
    assert analysis.text.index("The harbour council voted") in starts
    assert analysis.text.index("The council met for three hours") in starts
    assert analysis.text.index("PORTVILLE") in starts


def test_the_metadata_title_is_recognised_even_with_a_full_stop():
    text = "Storm Closes the Port.\nShips waited outside the harbour on Friday.\nThe end."
    article = article_from_text(text, metadata={"title": "Storm Closes the Port."})
    assert labelled(article.structure) == {"title": "Storm Closes the Port."}


def test_paragraphs_exclude_headings_and_join_continuations():
    text = ("MARKETS RALLY\nShares rose on Friday after the central\n"
            "bank spoke, traders said.\nOil fell.")
    layout = analyse_layout(text)
    assert [p["text"] for p in layout.paragraphs] == [
        "Shares rose on Friday after the central\nbank spoke, traders said.", "Oil fell."]


def test_citation_marks_are_cut_by_the_tokenizer_once_and_survive_saving(nlp):
    from toolkit.pipeline.structure import CITATION_SUFFIX, cut_citation_marks

    cut_citation_marks(nlp)  # a second call changes nothing
    assert nlp.tokenizer.suffix_search.__self__.pattern.count(CITATION_SUFFIX) == 1
    words = [t.text for t in nlp.make_doc("It lies in Portugal.[7] Ships wait.[12]")]
    assert words[:6] == ["It", "lies", "in", "Portugal", ".", "[7]"]
    assert "[12]" in words
    from spacy.tokenizer import Tokenizer

    again = Tokenizer(nlp.vocab).from_bytes(nlp.tokenizer.to_bytes())
    assert [t.text for t in again("Portugal.[7]")] == ["Portugal", ".", "[7]"]
    # a bracketed number standing alone is unchanged
    assert [t.text for t in nlp.make_doc("see [3] below")] == ["see", "[", "3", "]", "below"]


def test_a_sentence_case_headline_before_a_byline_is_the_title(nlp):
    text = ("Storm surge floods harbour as sea wall talks stall\n\n"
            "By Mara Olsen\n\n"
            "PORTVILLE, Maine, June 4 (Reuters) - Floods closed 12 roads on Tuesday, "
            "the mayor said.\n\n"
            "(Reporting by Mara Olsen; Editing by Tom Reed)\n")
    article = article_from_text(text)
    assert [i["label"] for i in article.structure] == ["title", "byline", "dateline", "credit"]
    analysis = toolkit.analyze(article, published="2024-06-05", nlp=nlp)
    # the dateline is neither part of the statement nor a figure of the story
    (quote,) = analysis.quotes.itertuples()
    assert quote.content.startswith("Floods closed 12 roads")
    assert analysis.figures["text"].tolist() == ["12"]


def test_a_first_sentence_is_no_title_without_furniture_after_it():
    text = "Floods closed the old coast road on Tuesday\n\nThe mayor said more rain was due.\n"
    assert [i["label"] for i in article_from_text(text).structure] == []
