"""Precision and speakers of quotes (issue 9): quote marks that name a show or
a title are not speech, even with the sentence's comma or stop inside the
closing mark; a share of a poll's respondents who "said" something speaks for
the poll. Every sentence was written for this suite."""

from __future__ import annotations

import pytest


def _direct(doc):
    return {s.text: s._.tk_quote for s in doc.spans["quotes"] if s.label_ == "direct"}


@pytest.mark.parametrize("text, title", [
    ('Mara Lind spoke on Radio North\'s "Evening Desk," where she defended the budget.',
     "Evening Desk,"),
    ('The senator looked tired during "The Harbor Hour," and left before the end.',
     "The Harbor Hour,"),
    ('Her aide later appeared on "Morning Table." The crowd had left by then.',
     "Morning Table."),
])
def test_a_title_with_the_sentence_comma_inside_the_marks_is_no_quote(nlp, text, title):
    assert title not in _direct(nlp(text))


def test_a_quoted_sentence_with_a_comma_is_still_a_quote(nlp):
    doc = nlp('"We will rebuild the old bridge, and we will do it this year," Mara Lind said.')
    found = _direct(doc)
    assert "We will rebuild the old bridge, and we will do it this year," in found
    assert found["We will rebuild the old bridge, and we will do it this year,"][
        "speaker"] == "Mara Lind"


def _reported(doc):
    return {s.text: s._.tk_quote for s in doc.spans["quotes"] if s.label_ == "reported"}


@pytest.mark.parametrize("text, content", [
    ("In the county survey released on Monday, 54 percent said the new bridge was too "
     "expensive.", "the new bridge was too expensive"),
    ("In a telephone poll of farmers, nearly half said they would sell their land.",
     "they would sell their land"),
])
def test_a_share_of_respondents_speaks_for_the_poll(nlp, text, content):
    found = _reported(nlp(text))
    assert content in found, found
    assert found[content]["speaker_text"].split()[-1] in ("survey", "poll")


def test_a_share_without_a_poll_in_its_sentence_keeps_its_own_mention(nlp):
    doc = nlp("The county ran a survey in May. In the end, 54 percent said the new bridge "
              "was too expensive.")
    found = _reported(doc)
    assert "the new bridge was too expensive" in found, found
    assert "percent" in found["the new bridge was too expensive"]["speaker_text"]


def test_a_counted_group_of_people_is_still_its_own_source(nlp):
    doc = nlp("In the survey debate, two senators said the new bridge was too expensive.")
    found = _reported(doc)
    assert found["the new bridge was too expensive"]["speaker_text"] == "two senators"


@pytest.mark.parametrize("text", [
    "The mayor maintained a narrow lead over her rival through the whole count.",
    "The factory added three hundred jobs in the spring, the mayor's office noted with pride.",
])
def test_the_object_of_maintain_or_add_is_no_statement(nlp, text):
    doc = nlp(text)
    assert not any(s.text.startswith(("a narrow lead", "three hundred jobs"))
                   for s in doc.spans["quotes"]), [s.text for s in doc.spans["quotes"]]


def test_maintain_with_a_clause_still_reports(nlp):
    doc = nlp("The mayor maintained that the new bridge would open in June.")
    assert "the new bridge would open in June" in _reported(doc)


def test_two_names_before_a_colon_are_a_topic_not_a_speaker(nlp):
    doc = nlp("Dana Cole and Omar Reid: A long and bitter rivalry over the harbor\n\n"
              "The two met again on Monday.")
    assert not any(s._.tk_quote["cue"] == ":" for s in doc.spans["quotes"]), \
        [(s.text, s._.tk_quote["speaker"]) for s in doc.spans["quotes"]]


def test_one_name_before_a_colon_still_speaks(nlp):
    doc = nlp("Dana Cole: We will rebuild the harbor this year\n\nThe two met again on Monday.")
    found = _reported(doc)
    assert found["We will rebuild the harbor this year"]["speaker"] == "Dana Cole", found


def test_markup_attribute_values_are_not_quotes():
    from toolkit.pipeline.quote_marks import find_quoted_regions

    text = ('<post id="4471" author="@harbor_news" date="2026-03-02">The mayor said '
            '"the bridge will open in June" at noon.</post>')
    found = [text[r.start:r.end] for r in find_quoted_regions(text)]
    assert found == ["the bridge will open in June"]


def test_a_short_unattributed_quote_opening_a_sentence_is_dropped(nlp):
    # three words in marks, nobody named: a slogan or a label, not a quote
    doc = nlp('The rally ended early. "Harbor for all." The crowd went home in the rain.')
    assert "Harbor for all." not in _direct(doc)


def test_a_longer_unattributed_quote_opening_a_sentence_is_kept(nlp):
    doc = nlp('The rally ended early. "We want the harbor back now." The crowd went home.')
    assert "We want the harbor back now." in _direct(doc)
