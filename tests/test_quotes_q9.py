"""Precision of quote boundaries and speakers (issue 9, helper q9). Every
sentence was written for this suite."""

from __future__ import annotations

import pytest


def _quotes(doc, kind=None):
    return {s.text: s._.tk_quote for s in doc.spans["quotes"] if kind in (None, s.label_)}


def test_a_new_sentence_reporting_its_own_claim_does_not_attribute_the_quote_before(nlp):
    doc = nlp('Her new film is a remake of "The Quiet Harbor." She says the ending will '
              'surprise even the old fans.')
    found = _quotes(doc)
    assert not any("Quiet Harbor" in text for text in found), found
    assert "the ending will surprise even the old fans" in found


def test_a_bare_attribution_after_a_full_stop_still_names_the_speaker(nlp):
    doc = nlp('"We will rebuild the harbor wall before the winter storms." Mara Lind said '
              'so on Monday.')
    found = _quotes(doc, "direct")
    text = "We will rebuild the harbor wall before the winter storms."
    assert text in found, found
    assert found[text]["speaker"] == "Mara Lind"


def test_a_second_speaker_after_a_comma_ends_the_first_statement(nlp):
    doc = nlp("At the town meeting, most farmers said the new dam would flood their fields, "
              "while the engineers said the water would stay in the old channel.")
    found = _quotes(doc, "reported")
    assert "the new dam would flood their fields" in found, found
    assert not any("farmers" not in text and "engineers said" in text for text in found), found


def test_a_cue_without_subject_before_the_quote_is_said_by_the_clause_it_serves(nlp):
    doc = nlp('The farmers union placed ads calling the merger a "costly blunder."')
    found = _quotes(doc, "direct")
    assert found, found
    speaker = next(iter(found.values()))["speaker_text"] or ""
    assert "merger" not in speaker and "union" in speaker, found


def test_the_object_a_quote_names_is_never_its_speaker(nlp):
    doc = nlp('Dana Cole took to the radio on Friday to call the new toll a "daylight robbery."')
    found = _quotes(doc, "direct")
    assert found, found
    assert next(iter(found.values()))["speaker"] == "Dana Cole", found


def test_a_statement_reported_inside_another_is_credited_to_the_outer_source(nlp):
    doc = nlp("The Harbor Courier reported on Monday that Dana Cole said she would run "
              "for mayor next year.")
    found = _quotes(doc, "reported")
    inner = [data for text, data in found.items() if text.startswith("she would run")]
    assert inner, found
    assert all("Courier" in (data["speaker"] or "") for data in inner), found


def test_according_to_before_a_reported_statement_is_its_source(nlp):
    doc = nlp("According to the Harbor Courier, Dana Cole said she would run for mayor "
              "next year.")
    found = _quotes(doc, "reported")
    inner = [data for text, data in found.items() if text.startswith("she would run")]
    assert inner, found
    assert all("Courier" in (data["speaker"] or "") for data in inner), found


def test_a_plural_pronoun_that_speaks_stands_for_people_not_things(nlp):
    doc = nlp("Dairy farmers met in the town hall on Monday. The new milk prices are far "
              "too low for small herds, they said.")
    found = _quotes(doc, "reported")
    text = "The new milk prices are far too low for small herds"
    assert text in found, found
    assert "farmers" in (found[text]["speaker"] or ""), found


def test_a_name_in_quote_marks_that_opens_a_sentence_inherits_no_speaker(nlp):
    doc = nlp('"We will keep the late show," the station manager said on Monday. '
              '"Night Harbor" host Lee Park declined to comment on the schedule.')
    found = _quotes(doc, "direct")
    assert "We will keep the late show," in found, found
    assert "Night Harbor" not in found, found


def test_a_short_quote_under_a_copula_is_not_said_by_its_subject(nlp):
    doc = nlp('Dana Cole implied that the mayor was a "reckless spender" in her speech.')
    found = _quotes(doc, "direct")
    assert "reckless spender" in found, found
    assert found["reckless spender"]["speaker"] == "Dana Cole", found
    doc = nlp('Senator Tom Reed was a "reluctant hero" during the long flood.')
    assert all((data["speaker"] or "") != "Tom Reed" for data in _quotes(doc).values())


@pytest.mark.parametrize("text, title", [
    ('In an interview with "Harbor Weekly," the senator said the budget was sound.',
     "Harbor Weekly,"),
    ('She later told the network\'s "Evening Table" that the budget was sound.',
     "Evening Table"),
])
def test_a_title_after_with_or_a_common_noun_possessive_is_no_quote(nlp, text, title):
    assert title not in _quotes(nlp(text), "direct")


def test_a_name_after_a_participle_called_is_no_quote(nlp):
    doc = nlp('A troupe from the coast is staging a comedy called "Sons of the Border" '
              'in the capital, its director said.')
    assert not any("Sons of the Border" in text for text in _quotes(doc, "direct")), \
        _quotes(doc)
