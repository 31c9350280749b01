"""Precision of quote boundaries and speakers (issue 9, helper q9). Every
sentence was written for this suite."""

from __future__ import annotations


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
