"""Entity layer on news copy (issue 9, items 5 and 6; issue 10's PhraseMatcher):
spans that hold the name and nothing else, short forms grouped with the full
name, one label per name, furniture that never names a group, and a name inside
a longer name. Every text here is written for these tests."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc, Span


@pytest.fixture(scope="module")
def resolver(nlp):
    return nlp.get_pipe("toolkit_entities")


def _table(nlp, text):
    doc = nlp(text)
    return doc, [(s.text, s.label_, s._.tk_entity["canonical"], s._.tk_entity["mention"])
                 for s in doc.spans["entities"]]


# -- spans hold the name --------------------------------------------------------------

def test_citation_marks_are_cut_off_the_word(nlp):
    doc = nlp.make_doc("The river reaches Lisbon.[3] Ships wait there.[12]")
    words = [t.text for t in doc]
    assert "Lisbon" in words and "[3]" in words and "[12]" in words


def test_spans_hold_no_citation_mark_bracket_or_article(nlp):
    doc, rows = _table(nlp, "Cairo (Arabic: al-Qahira) is the largest city in Egypt.[1] "
                            "Officials at the State Department in Washington agreed.[2]")
    texts = {r[0] for r in rows}
    assert "Egypt" in texts and "Cairo" in texts
    for text in texts:
        assert not any(ch in text for ch in "[]()"), text
        assert not text.lower().startswith("the "), text
    # a language gloss in brackets names nothing
    assert not texts & {"Arabic", "al-Qahira"}


def test_an_article_that_belongs_to_the_name_stays(nlp):
    _doc, rows = _table(nlp, "The judges met in The Hague on Monday.")
    assert ("The Hague", "GPE") in {(r[0], r[1]) for r in rows}


# -- short forms ------------------------------------------------------------------------

def test_a_short_form_the_text_defines_joins_the_full_name(nlp):
    _doc, rows = _table(nlp, "The World Health Organization (WHO) issued new advice on "
                             "Monday. Later the WHO said the risk to travellers was low.")
    who = [r for r in rows if r[0] == "WHO"]
    assert len(who) == 2
    assert {r[2] for r in who} == {"World Health Organization"}
    assert {r[1] for r in who} == {"ORG"}


def test_a_long_name_the_model_cut_in_pieces_is_one_name(nlp):
    _doc, rows = _table(nlp, "The Coalition of Northern Harbour Workers (CNHW) called a strike. "
                             "CNHW leaders met the port authority on Friday.")
    names = {r[0]: r[2] for r in rows}
    assert names.get("Coalition of Northern Harbour Workers") == \
        "Coalition of Northern Harbour Workers"
    assert names.get("CNHW") == "Coalition of Northern Harbour Workers"


def test_the_last_word_of_a_paper_name_after_the_is_that_paper(nlp):
    _doc, rows = _table(nlp, "The Harbour City Times printed the letter on Sunday. A spokesman "
                             "told the Times that the council would answer.")
    times = [r for r in rows if r[0] == "Times"]
    assert times and all(r[2] == "Harbour City Times" for r in times)


# -- one label per name ----------------------------------------------------------------

def test_one_label_per_name_and_document(nlp, resolver):
    words = ["Brantwick", "said", "no", ".", "Farmers", "in", "Brantwick", "and",
             "near", "Brantwick", "agreed", "."]
    ents = ["B-PERSON", "O", "O", "O", "O", "O", "B-GPE", "O", "O", "B-ORG", "O", "O"]
    doc = Doc(nlp.vocab, words=words, ents=ents)
    doc.spans["headings"] = []
    doc = resolver(doc)
    labels = {s.label_ for s in doc.spans["entities"] if s.text == "Brantwick"}
    assert len(labels) == 1
    ids = {s._.tk_entity["entity_id"] for s in doc.spans["entities"] if s.text == "Brantwick"}
    assert len(ids) == 1


# -- furniture ------------------------------------------------------------------------

WIRE = ("Harbour Council Approves New Sea Wall\n"
        "The town will spend two years building a barrier against winter storms.\n"
        "By Maria Lopez and Tom Reed, Coastal Herald\n"
        "Photo: Daniel Kim / Reuters\n"
        "PORTVILLE, Maine (AP) \u2014 The harbour council in Portland voted on Tuesday to "
        "build a sea wall, Mayor Ann Reed said.\n"
        "Reed said the work would start in June.\n")


def test_names_in_furniture_stay_visible_but_name_no_group(nlp):
    doc = nlp(WIRE)
    rows = {s.text: s._.tk_entity for s in doc.spans["entities"]}
    assert rows["Maria Lopez"]["mention"] == "furniture"
    assert rows["Daniel Kim"]["mention"] == "furniture"
    # the body's "Reed" is the mayor, not the reporter of the byline
    body_reed = [s for s in doc.spans["entities"] if s.text == "Reed"]
    assert body_reed and body_reed[0]._.tk_entity["canonical"] == "Ann Reed"
    assert rows["Tom Reed"]["canonical"] == "Tom Reed"
    assert rows["Ann Reed"]["mention"] == "name"


def test_a_heading_never_gives_a_body_entity_its_name(nlp, resolver):
    words = ["NORTHWIND", "AIRWAYS", "CUTS", "ROUTES", "\n", "Northwind", "Airways", "said", "."]
    ents = ["B-ORG", "I-ORG", "O", "O", "O", "B-ORG", "I-ORG", "O", "O"]
    doc = Doc(nlp.vocab, words=words, ents=ents)
    doc.spans["headings"] = [Span(doc, 0, 4, label="HEADING")]
    doc = resolver(doc)
    got = [(s.text, s._.tk_entity["canonical"], s._.tk_entity["mention"])
           for s in doc.spans["entities"]]
    assert got == [("NORTHWIND AIRWAYS", "Northwind Airways", "alias"),
                   ("Northwind Airways", "Northwind Airways", "name")]


# -- a name inside a longer name ----------------------------------------------------------

def test_a_day_after_a_name_is_the_name_of_that_day_not_a_place(nlp):
    doc = nlp("Voters in twelve states went to the polls on Super Tuesday.")
    labels = {s.text: s.label_ for s in doc.spans["entities"]}
    assert "Super" not in labels
    assert ("Super Tuesday", "EVENT") in {(e.text, e.label_) for e in doc.ents}


# -- the PhraseMatcher lookup (issue 10) ------------------------------------------------

def test_untagged_names_come_from_one_phrase_matcher_per_pipeline(nlp, resolver):
    words = ["Drones", "struck", "Dnipro", "and", "Ivano", "-", "Frankivsk", "overnight", "."]
    pos = ["NOUN", "VERB", "PROPN", "CCONJ", "PROPN", "PUNCT", "PROPN", "ADV", "PUNCT"]
    spaces = [True, True, True, True, False, False, True, False, False]
    for _ in range(2):
        doc = Doc(nlp.vocab, words=words, spaces=spaces, pos=pos, ents=["O"] * len(words))
        doc.spans["headings"] = []
        doc = resolver(doc)
        got = {(s.text, s.label_, s._.tk_entity["source"]) for s in doc.spans["entities"]}
        assert got == {("Dnipro", "GPE", "gazetteer"), ("Ivano-Frankivsk", "GPE", "gazetteer")}
        matcher = resolver._lookup_matcher
    assert matcher is resolver._lookup_matcher  # built once, reused


# -- short forms without brackets, clubs named after their city (issue 9, item 5) -------

def test_an_organisation_of_two_places_its_first_words_and_initials_are_one_group(nlp):
    _doc, rows = _table(nlp, "The Liberation Front of Arvania and the Coast claimed the attack. "
                             "Liberation Front fighters withdrew on Friday, and LFAC "
                             "commanders met envoys in Vienna.")
    full = "Liberation Front of Arvania and the Coast"
    names = {r[0]: (r[1], r[2]) for r in rows}
    assert names[full] == ("ORG", full)
    assert names["Liberation Front"] == ("ORG", full)
    assert names["LFAC"] == ("ORG", full)
    assert "Coast" not in names


def test_initials_in_mixed_case_join_the_full_name(nlp):
    _doc, rows = _table(nlp, "The Department of Defense said on Monday that DoD staff would "
                             "return to work in Virginia.")
    names = {r[0]: r[2] for r in rows}
    assert names.get("DoD") == "Department of Defense"


def test_a_bracketed_citation_note_is_cut_off_the_name(nlp):
    doc = nlp.make_doc("The port lies in Egypt.[citation needed] Ships wait there.")
    assert "Egypt" in [t.text for t in doc]
    _doc, rows = _table(nlp, "The port lies in Egypt.[citation needed] Ships wait there.")
    assert ("Egypt", "GPE") in {(r[0], r[1]) for r in rows}


@pytest.mark.parametrize("text, name", [
    ("Leeds United lost to Porto 2-1 in the cup, and Porto's coach praised his defenders.",
     "Porto"),
    ("Real Madrid signed the striker from Porto, the club said in Madrid.", "Real Madrid"),
])
def test_a_club_named_after_its_city_is_an_organisation(nlp, text, name):
    _doc, rows = _table(nlp, text)
    labels = {r[0]: r[1] for r in rows}
    assert labels.get(name) == "ORG", labels


def test_a_city_a_company_moves_between_stays_a_place(nlp):
    _doc, rows = _table(nlp, "The company moved its headquarters from Austin to Denver last year.")
    labels = {r[0]: r[1] for r in rows}
    assert labels.get("Austin") == "GPE" and labels.get("Denver") == "GPE", labels


def test_spelled_letters_and_known_institutions_do_not_join_a_longer_name(nlp):
    _doc, rows = _table(nlp, "Officials at the state Department of Tax Services met the State "
                             "Department. The crowd chanted U-S-A, and USA fans cheered.")
    names = {r[0]: r[2] for r in rows}
    assert names.get("State Department") == "State Department", names
    assert names.get("USA") != "U-S-A", names
