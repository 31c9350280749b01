"""Boundaries of reported statements (issue 9): the channel or occasion of
speaking ("in a tweet", "through his lawyer") and a relative clause glossing a
name (", which votes next week") are not part of what was said; "claimed victory"
is no statement; a parenthetical attribution after a short opening ("Still,
X insist, ...") reports the sentence, and so does one followed by a verb
without a subject (", the council added, and had passed ..."); what one
"speaks" (a language, words) is no statement.
Every sentence was written for this suite."""

from __future__ import annotations

import pytest


def _reported(doc):
    return {s.text: s._.tk_quote for s in doc.spans["quotes"] if s.label_ == "reported"}


@pytest.mark.parametrize("text, content", [
    ("Mara Lind denied the accusations through her lawyer.", "the accusations"),
    ("The mayor criticized the new parking rules in a long tweet.", "the new parking rules"),
    ("Dana Cole praised the harbor cleanup during a rally in the old town.",
     "the harbor cleanup"),
])
def test_the_channel_of_speaking_is_not_what_was_said(nlp, text, content):
    found = _reported(nlp(text))
    assert content in found, found


@pytest.mark.parametrize("text, content", [
    ("The senator said she expects a clear win in Vermont, which votes next week.",
     "she expects a clear win in Vermont"),
    ("Mara Lind said the plan would help Dana Cole, who runs the harbor office.",
     "the plan would help Dana Cole"),
])
def test_a_gloss_of_a_name_after_a_comma_is_not_what_was_said(nlp, text, content):
    found = _reported(nlp(text))
    assert content in found, found


@pytest.mark.parametrize("text", [
    "Mara Lind claimed victory in the harbor district after the count.",
    "A small armed group claimed responsibility for the blast at the depot.",
])
def test_claiming_a_victory_is_no_statement(nlp, text):
    assert _reported(nlp(text)) == {}


@pytest.mark.parametrize("text, content", [
    ("Still, her advisers insist, the campaign has enough money.",
     "Still, her advisers insist, the campaign has enough money"),
])
def test_a_parenthetical_attribution_after_a_short_opening(nlp, text, content):
    found = _reported(nlp(text))
    assert content in found, found


def test_a_subjectless_verb_after_a_parenthetical_attribution_goes_on(nlp):
    text = "The harbor had no known debts, the council added, and had passed every audit."
    found = _reported(nlp(text))
    assert text.rstrip(".") in found, found


@pytest.mark.parametrize("text", [
    "The mayor speaks barely a word of Welsh.",
    "Dana Cole spoke the closing words of the old treaty.",
])
def test_the_object_of_speak_is_no_statement(nlp, text):
    assert _reported(nlp(text)) == {}
