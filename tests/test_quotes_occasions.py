"""Reported speech told at an occasion ("told analysts on a call that ..."), and
what a source asks for rather than says ("asked not to be named"), and a rival
claim inside a reported clause ("A said X, while B claimed Y"). Every
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


def test_a_rival_claim_after_while_is_its_own_statement(nlp):
    text = ("The navy said it had sunk two of the five boats, while the rebel command "
            "claimed its fighters had hit \u201cmore than ten\u201d warships.")
    doc = nlp(text)
    rows = [(s.label_, s.text, s._.tk_quote["speaker_text"]) for s in doc.spans["quotes"]]
    navy = [t for k, t, who in rows if k == "reported" and who == "The navy"]
    assert navy == ["it had sunk two of the five boats"], rows
    quoted = [who for k, t, who in rows if k == "direct" and t == "more than ten"]
    assert quoted == ["the rebel command"], rows
