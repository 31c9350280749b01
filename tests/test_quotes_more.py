"""More statement shapes for issue 9. Every sentence was written for this suite."""

from __future__ import annotations

import pytest


def _rows(doc):
    return [(s.label_, s.text, s._.tk_quote["speaker"]) for s in doc.spans["quotes"]]


@pytest.mark.parametrize("text, statement, speaker", [
    ("Activists called for the mayor to resign.", "the mayor to resign", "Activists"),
    ("The senator called for Congress to pass the bill.", "Congress to pass the bill", "senator"),
    ("In March, the governor called for the mayor to drop out of the race.",
     "the mayor to drop out of the race", "governor"),
])
def test_called_for_someone_to_act(nlp, text, statement, speaker):
    rows = _rows(nlp(text))
    assert any(k == "reported" and t == statement and speaker in (who or "")
               for k, t, who in rows), rows


def test_called_for_a_thing_is_unchanged(nlp):
    rows = _rows(nlp("The senator called for a ban on assault weapons."))
    assert ("reported", "a ban on assault weapons", "senator") in [
        (k, t, who) for k, t, who in rows], rows


@pytest.mark.parametrize("text", [
    "The senator continued her tour of the northern towns over the summer.",
    "The firm continued the work until the end of the year.",
])
def test_continued_with_an_object_is_not_a_statement(nlp, text):
    assert [r for r in _rows(nlp(text)) if r[0] == "reported"] == []


def test_continued_still_attributes_a_quote(nlp):
    rows = _rows(nlp('"We will finish the bridge by spring," the mayor continued.'))
    assert any(k == "direct" and "finish the bridge" in t and "mayor" in (who or "")
               for k, t, who in rows), rows


@pytest.mark.parametrize("text, statement, speaker", [
    ("Mayor Slams Council Over Bridge Delay.", "Council Over Bridge Delay", "Mayor"),
    ("Governor Calls On Board To Resign.", "Board To Resign", "Governor"),
])
def test_title_case_headline_is_a_statement(nlp, text, statement, speaker):
    rows = _rows(nlp(text))
    assert any(k == "reported" and t == statement and speaker in (who or "")
               for k, t, who in rows), rows


def test_past_form_in_a_headline_needs_just(nlp):
    rows = _rows(nlp("Senator Just Said What Everyone Was Thinking About Taxes."))
    assert any(k == "reported" and t == "What Everyone Was Thinking About Taxes"
               for k, t, _ in rows), rows
    assert [r for r in _rows(nlp("Mayor Ana Ruiz Said Goodbye To The Old Town Hall."))
            if r[0] == "reported" and r[1].startswith("Goodbye")] == []



def test_headline_verb_after_another_verb_is_not_a_cue(nlp):
    rows = _rows(nlp("Union Raised Dues In Northern States To Cover Costs Of The Strike."))
    assert [r for r in rows if r[0] == "reported" and "Cover Costs" in r[1]] == [], rows
