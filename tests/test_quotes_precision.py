"""Precision of quotes (issue 9): quote marks that name a show or a title are
not speech, even with the sentence's comma or stop inside the closing mark.
Every sentence was written for this suite."""

from __future__ import annotations

import pytest


def _direct(doc):
    return {s.text: s._.tk_quote for s in doc.spans["quotes"] if s.label_ == "direct"}


@pytest.mark.parametrize("text, title", [
    ('Mara Lind spoke on Radio North\'s "Evening Desk," where she defended the budget.',
     "Evening Desk,"),
    ('The senator told reporters after an interview with "The Harbor Hour," that he was tired.',
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
