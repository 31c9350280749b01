"""Who said it (issue 9): manner verbs after a quote, introductions that end
with a colon, titles before a name, appositions and role descriptions. Every
sentence was written for this suite."""

from __future__ import annotations

import pytest


def _speakers(doc):
    return {s.text: (s._.tk_quote["speaker"], s._.tk_quote["speaker_text"])
            for s in doc.spans["quotes"] if s.label_ == "direct"}


@pytest.mark.parametrize("text, quote, speaker", [
    ('"Go back to your seat," Mark Dalton barked. He left the hall.',
     "Go back to your seat,", "Mark Dalton"),
    ('"Who cares?" snapped the coach, Lena Ortiz.', "Who cares?", "Lena Ortiz"),
    ('Ana Ruiz spoke to the crowd first. "Not again," she sighed.', "Not again,", "Ana Ruiz"),
])
def test_a_manner_verb_after_the_quote_names_the_speaker(nlp, text, quote, speaker):
    found = _speakers(nlp(text))
    assert found[quote][0] == speaker, found


def test_a_manner_verb_that_says_something_of_its_own_is_no_attribution(nlp):
    # "won the race": the verb has an object, the clause is news of its own
    doc = nlp('Omar Reid was tired. "It is over," Omar Reid won the race easily.')
    assert _speakers(doc).get("It is over,", (None,))[0] is None


def test_a_quote_after_the_previous_speaker_is_not_given_to_a_new_manner_speaker(nlp):
    doc = nlp('"We will not give up," the minister told reporters. '
              '"Go back to your seat," Mark Dalton barked.')
    assert _speakers(doc)["Go back to your seat,"][0] == "Mark Dalton"


def test_a_sentence_ending_with_a_colon_introduces_the_quote(nlp):
    doc = nlp("Senator Lisa Grant released the following statement:\n\n"
              '"We mourn a friend and a colleague of many years."')
    assert _speakers(doc)["We mourn a friend and a colleague of many years."][0] == "Lisa Grant"


def test_a_colon_after_a_copula_names_no_speaker(nlp):
    doc = nlp('The question is:\n\n"Who will pay for the new bridge over the river?"')
    speaker = _speakers(doc).get("Who will pay for the new bridge over the river?", (None,))[0]
    assert speaker is None


def test_a_title_before_a_name_gives_the_named_person(nlp):
    doc = nlp('Acme Vice President Dana Cole called the plan "a costly and slow mistake."')
    speaker, written = _speakers(doc)["a costly and slow mistake."]
    assert speaker == "Dana Cole"
    assert written.endswith("Dana Cole")


def test_an_apposition_after_a_role_gives_the_named_person(nlp):
    doc = nlp('"The ministry will appeal the ruling," said a spokeswoman for the ministry, '
              'Anna Kovalenko.')
    assert _speakers(doc)["The ministry will appeal the ruling,"][0] == "Anna Kovalenko"


def test_a_credit_line_after_the_quote_names_the_speaker(nlp):
    doc = nlp("“We need a better plan for the schools and the roads.” ― Sonya Perez\n"
              "“He does not know our towns or our people at all.”― Dana Cole.\n")
    found = _speakers(doc)
    assert found["We need a better plan for the schools and the roads."] == (
        "Sonya Perez", "Sonya Perez")
    assert found["He does not know our towns or our people at all."] == ("Dana Cole", "Dana Cole")


def test_a_transcript_line_names_its_speaker_in_capitals(nlp):
    doc = nlp("Senator Mike Pencey spoke to Chris Wallace on Sunday.\n\n"
              '"PENCEY: Well, look, the plan is a serious one and we will keep it.\n\n'
              '"WALLACE: Do you see those two as equal?\n\n'
              '"VIDEO: The senator leaves the studio after the interview.\n')
    found = {text.split(":")[0]: who for text, (who, _w) in _speakers(doc).items()}
    assert found["PENCEY"] == "Mike Pencey"
    assert found["WALLACE"] == "Chris Wallace"
    assert found.get("VIDEO") != "VIDEO"  # a label in capitals is no speaker


def test_a_headline_name_and_colon_give_the_quote_later_on_the_line(nlp):
    doc = nlp("Dr. Dana Cole: Mayor ‘Not Fit To Run The City Any Longer.’\n\n"
              "The doctor spoke on Friday.")
    assert _speakers(doc)["Not Fit To Run The City Any Longer."][0] == "Dana Cole"


def test_she_can_stand_for_the_second_of_two_joined_subjects(nlp):
    doc = nlp('Mark Dalton and Lisa Grant met in Paris. The two disagreed. '
              '"We will not sign," she said.')
    assert _speakers(doc)["We will not sign,"][0] == "Lisa Grant"


def test_role_pronoun_and_document_speakers_resolve_to_named_people(nlp):
    doc = nlp('Defence Minister Anna Kovalenko visited the base on Monday. "We will rebuild '
              'it," the minister said. Her deputy, Ivan Petrenko, stayed at home.\n\n'
              '"It will take a year," he said.\n\n'
              'A court filing by the city attorney, Maria Lopez, says the contract '
              '"was never valid."')
    found = _speakers(doc)
    assert found["We will rebuild it,"][0] == "Anna Kovalenko"
    assert found["It will take a year,"][0] == "Ivan Petrenko"
    assert found["was never valid."][0] == "Maria Lopez"


def test_according_to_before_the_quote_names_the_source(nlp):
    doc = nlp('According to a report by the city council, "the bridge will cost twice as much."')
    assert _speakers(doc)["the bridge will cost twice as much."][0] == "city council"


def test_a_stage_direction_in_a_transcript_is_no_quote(nlp):
    doc = nlp('Senator Mike Pencey spoke to Chris Wallace.\n\n'
              '"PENCEY: Well, look, the plan is a serious one and we will keep it.\n\n'
              '"(CROSSTALK.)\n\n'
              '"WALLACE: Do you see those two as equal?\n')
    assert not any("CROSSTALK" in text for text in _speakers(doc))


def test_the_newspaper_is_the_outlet_last_named_as_a_source(nlp):
    doc = nlp('The Daily Courier reported on Monday that the mayor had resigned. The mayor '
              'denied it. The newspaper said the mayor "lied to the council."')
    assert _speakers(doc)["lied to the council."][0] == "Daily Courier"
    doc = nlp('The mayor resigned on Monday. The newspaper said the mayor "lied to the council."')
    assert _speakers(doc)["lied to the council."][0] == "newspaper"  # no outlet named: as written
