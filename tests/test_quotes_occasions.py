"""Reported speech told at an occasion ("told analysts on a call that ..."), and
what a source asks for rather than says ("asked not to be named"). Every
sentence was written for this suite."""

from __future__ import annotations

import pytest


def _reported(doc):
    return [(s.text, s._.tk_quote["speaker"] or "") for s in doc.spans["quotes"]
            if s.label_ == "reported"]


@pytest.mark.parametrize("text, words", [
    ("Chief executive Helen Marsh told analysts on a conference call that demand from "
     "data-centre customers remained strong.", "demand from data-centre customers remained"),
    ("The mayor told residents at a meeting that the bridge would reopen in May.",
     "the bridge would reopen in May"),
])
def test_a_clause_hung_on_the_occasion_is_what_was_said(nlp, text, words):
    found = _reported(nlp(text))
    assert any(words in t and who for t, who in found), found


def test_asking_not_to_be_named_is_no_statement(nlp):
    text = ("One analyst, who asked not to be named because he was not allowed to speak "
            "publicly, said the stock could fall further.")
    found = _reported(nlp(text))
    assert [t for t, _ in found] == ["the stock could fall further"], found
