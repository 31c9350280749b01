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


@pytest.mark.parametrize("text, content, who", [
    ("The port authority issued a statement saying the new ferry timetable would start in May.",
     "the new ferry timetable would start in May", "port authority"),
    ("Later that week, Dana Ruiz sent a letter saying that the school would stay open.",
     "the school would stay open", "Dana Ruiz"),
])
def test_a_statement_saying(nlp, text, content, who):
    found = _reported(nlp(text))
    assert content in found, found
    assert who in (found[content]["speaker_text"] or ""), found


@pytest.mark.parametrize("text, content, who", [
    ("The mayor would not say whether the old bridge would reopen before winter.",
     "whether the old bridge would reopen before winter", "mayor"),
    ("A spokesman declined to say when the harbor talks would resume.",
     "when the harbor talks would resume", "spokesman"),
    ("Coach Lena Brandt declined to comment on the transfer of her top scorer.",
     "the transfer of her top scorer", "Lena Brandt"),
    ("The minister did not respond to questions about the growing budget gap.",
     "questions about the growing budget gap", "minister"),
])
def test_what_a_source_would_not_say(nlp, text, content, who):
    found = _reported(nlp(text))
    assert content in found, found
    assert who in (found[content]["speaker_text"] or ""), found


def test_a_request_for_comment_is_not_what_was_withheld(nlp):
    assert _reported(nlp("The minister did not respond to a request for comment on Friday.")) == {}


@pytest.mark.parametrize("text, content, who", [
    ("Most of the nurses called for a second vote on the harbor budget.",
     "a second vote on the harbor budget", "Most"),
    ("Others criticized the long delays at the northern border crossing.",
     "the long delays at the northern border crossing", "Others"),
    ("His wife called for a quiet funeral in the old chapel.",
     "a quiet funeral in the old chapel", "His wife"),
])
def test_parts_of_groups_and_relatives_can_speak(nlp, text, content, who):
    found = _reported(nlp(text))
    assert content in found, found
    assert who in (found[content]["speaker_text"] or ""), found


def test_calling_for_an_action_named_by_a_verb(nlp):
    found = _reported(nlp("Senator Ana Ruiz has called for doubling the number of night ferries."))
    assert "doubling the number of night ferries" in found, found


def test_what_is_asked_for(nlp):
    found = _reported(nlp("The dock workers' union asked for a second meeting with the port director."))
    assert "a second meeting with the port director" in found, found
    assert "union" in found["a second meeting with the port director"]["speaker_text"], found


@pytest.mark.parametrize("text, content", [
    ("As reported by the Harbor Times, the old ferry will stop running in March.",
     "the old ferry will stop running in March"),
    ("The closure of the north pier was first reported by the Harbor Times.",
     "The closure of the north pier"),
])
def test_reported_by_a_source(nlp, text, content):
    found = _reported(nlp(text))
    assert content in found, found
    assert "Harbor Times" in (found[content]["speaker_text"] or ""), found


def test_a_reason_the_parser_hangs_on_the_reporting_verb_is_still_said(nlp):
    text = "The mayor insisted the budget was balanced, since the new tax had raised more than expected."
    found = _reported(nlp(text))
    assert "the budget was balanced, since the new tax had raised more than expected" in found, found


def test_a_contrast_after_a_reported_clause_is_the_writers(nlp):
    text = ("The mayor said the budget was balanced on Monday, while the council "
            "published its own figures a day later.")
    found = _reported(nlp(text))
    assert not any("council" in content for content in found), found


def test_the_same_about_someone(nlp):
    text = "Forty percent of voters trust the mayor, while 30 percent say the same about her rival."
    found = _reported(nlp(text))
    assert "the same about her rival" in found, found


def test_what_an_agreement_is_about(nlp):
    found = _reported(nlp("Both harbor unions agreed on a shorter night shift for the dock crews."))
    assert "a shorter night shift for the dock crews" in found, found


@pytest.mark.parametrize("text, content", [
    ("The harbor council has proposed taxing empty holiday homes in the old town.",
     "taxing empty holiday homes in the old town"),
    ("Mayor Lena Brandt proposed closing the north pier and signaled support for a new ferry.",
     "closing the north pier"),
])
def test_an_act_named_by_an_ing_form(nlp, text, content):
    found = _reported(nlp(text))
    assert content in found, found


@pytest.mark.parametrize("text, content, who", [
    ("At the hearing, two dock workers made the point that the night shifts were unsafe.",
     "the night shifts were unsafe", "dock workers"),
    ("Mayor Lena Brandt's argument was that the ferry had always lost money.",
     "the ferry had always lost money", "Brandt"),
])
def test_the_that_clause_of_a_noun_of_saying(nlp, text, content, who):
    found = _reported(nlp(text))
    assert content in found, found
    assert who in (found[content]["speaker_text"] or ""), found


def test_a_clause_the_parser_hangs_under_an_adjective_is_still_said(nlp):
    text = ("Sen. Ana Ruiz said Saturday presumptive Republican nominee Tom Reed was a "
            "“proven failure” in business.")
    found = _reported(nlp(text))
    hits = [c for c in found if c.endswith("Tom Reed was a “proven failure” in business")]
    assert hits and "Ruiz" in found[hits[0]]["speaker_text"], found


@pytest.mark.parametrize("text, target, who", [
    ("The mayor's sharp attacks on Lindqvist drew a large crowd to the harbor.",
     "Lindqvist", "mayor"),
    ("Senator Ana Ruiz's criticism of the ferry contract surprised her allies.",
     "the ferry contract", "Ruiz"),
])
def test_the_target_of_a_noun_of_praise_or_blame(nlp, text, target, who):
    found = _reported(nlp(text))
    assert target in found, found
    assert who in (found[target]["speaker_text"] or ""), found


def test_a_speech_verb_in_an_infinitive_of_purpose(nlp):
    text = "The mayor went on local radio to say the north pier would reopen in May."
    found = _reported(nlp(text))
    assert "the north pier would reopen in May" in found, found
    assert "mayor" in found["the north pier would reopen in May"]["speaker_text"], found


def test_it_said_for_a_company(nlp):
    text = "The ferry company gave no figures. It said the new boats would arrive in June."
    found = _reported(nlp(text))
    assert "the new boats would arrive in June" in found, found


def test_it_said_at_the_end(nlp):
    text = "The ferry company gave no figures. The new boats would arrive in June, it said."
    found = _reported(nlp(text))
    assert "The new boats would arrive in June" in found, found


def test_said_to_be(nlp):
    text = "Two of the council members are said to be weighing a run for mayor."
    found = _reported(nlp(text))
    assert any(c.startswith("Two of the council members") and c.endswith("a run for mayor")
               for c in found), found


def test_a_share_of_people_can_speak(nlp):
    found = _reported(nlp("In the survey, 64 percent called the new ferry fares unfair."))
    assert "the new ferry fares unfair" in found, found


def test_described_how(nlp):
    found = _reported(nlp("Mayor Lena Brandt described how the old ferry company had lost its licence."))
    assert "how the old ferry company had lost its licence" in found, found
