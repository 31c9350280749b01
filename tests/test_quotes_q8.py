"""Recall of reported statements (issue 9, q8): the person or body a verb of
praise or blame takes ("criticized the mayor", "praised Lee") is what the
attribution is about. Every sentence was written for this suite."""

from __future__ import annotations

import pytest


def _reported(doc):
    return {s.text: s._.tk_quote for s in doc.spans["quotes"] if s.label_ == "reported"}


@pytest.mark.parametrize("text, target, who", [
    ("The harbor union sharply criticized Mayor Tom Ellery and his deputies.",
     "Mayor Tom Ellery and his deputies", "harbor union"),
    ("Governor Ana Pratt praised Lindqvist at the opening of the bridge.", "Lindqvist", "Pratt"),
])
def test_the_target_of_praise_or_blame(nlp, text, target, who):
    found = _reported(nlp(text))
    assert target in found, found
    assert who in (found[target]["speaker_text"] or ""), found


def test_a_name_not_praised_or_blamed_is_no_statement(nlp):
    assert _reported(nlp("Governor Ana Pratt visited Lindqvist at the opening of the bridge.")) == {}
