"""Statement shapes added for recall (issue 9): relative clauses whose gap is
what was said, "as X reported", a sentence-final "according to", short answers,
new speech verbs and documents that find or show a claim. Every sentence was
written for this suite."""

from __future__ import annotations

import pytest


def _rows(doc):
    return [(s.label_, s.text, s._.tk_quote["speaker"] or "",
             s._.tk_quote["speaker_text"] or "") for s in doc.spans["quotes"]]


def _has(rows, words, who):
    return any(k == "reported" and words in t and (who in w or who in wt)
               for k, t, w, wt in rows)


@pytest.mark.parametrize("text, words, who", [
    ("The council passed a rule which critics said was unfair to renters.",
     "was unfair to renters", "critics"),
    ("The board closed a clinic that doctors said served thousands of families.",
     "served thousands of families", "doctors"),
])
def test_relative_clause_speech(nlp, text, words, who):
    rows = _rows(nlp(text))
    assert _has(rows, words, who), rows


def test_as_reported_by_a_paper(nlp):
    rows = _rows(nlp("As the Daily Ledger reported last week, the mayor had quietly "
                     "sold the old harbour building."))
    assert _has(rows, "the mayor had quietly sold the old harbour building", "Ledger"), rows


def test_sentence_final_according_to_covers_every_conjunct(nlp):
    rows = _rows(nlp("Sales rose by a tenth, costs fell sharply and profits climbed to a "
                     "record, according to the company."))
    assert any(k == "reported" and t.startswith("Sales rose") and t.endswith("record")
               for k, t, _w, _wt in rows), rows


@pytest.mark.parametrize("text, words", [
    ("In the spring survey, 40 percent said so.", "so"),
    ("Last year, 26 percent of farmers said the same.", "the same"),
])
def test_short_answers_are_statements(nlp, text, words):
    rows = _rows(nlp(text))
    assert any(k == "reported" and t == words and "percent" in wt
               for k, t, _w, wt in rows), rows


def test_short_answer_needs_a_speech_verb(nlp):
    rows = _rows(nlp("In the spring, 40 percent did so."))
    assert not any(t == "so" for _k, t, _w, _wt in rows), rows


@pytest.mark.parametrize("text, words, who", [
    ("Senator Dana Reyes attacked the governor for the long delays at the port.",
     "for the long delays at the port", "Reyes"),
    ("The coach thanked the fans for their patience during a hard season.",
     "for their patience", "coach"),
    ("The judge ordered that the documents be released to the public.",
     "the documents be released to the public", "judge"),
])
def test_new_speech_verbs(nlp, text, words, who):
    rows = _rows(nlp(text))
    assert _has(rows, words, who), rows


def test_the_person_attacked_is_the_statement(nlp):
    # (issue 9, q8: the target of praise or blame is what the attribution is about)
    rows = _rows(nlp("Senator Dana Reyes attacked Governor Omar Lind."))
    assert _has(rows, "Governor Omar Lind", "Reyes"), rows


@pytest.mark.parametrize("text, words, who", [
    ("A new poll found that most voters in the county back the plan.",
     "most voters in the county back the plan", "poll"),
    ("Court records show that the firm paid no tax for three years.",
     "the firm paid no tax for three years", "records"),
])
def test_documents_that_find_or_show_a_claim(nlp, text, words, who):
    rows = _rows(nlp(text))
    assert _has(rows, words, who), rows


def test_people_who_find_things_make_no_statement(nlp):
    rows = _rows(nlp("Divers found that the wreck lay deeper than the old charts showed."))
    assert rows == [], rows


def test_that_clause_the_parser_left_without_a_subject(nlp):
    """A parse (built by hand) where the clause's subject hangs as a compound:
    the "that" clause after the verb is still what was said."""
    from spacy.tokens import Doc

    words = ["He", "said", "on", "Friday", "that", "Garza", "needs", "more", "time", "."]
    heads = [1, 1, 1, 2, 6, 6, 1, 8, 6, 1]
    deps = ["nsubj", "ROOT", "prep", "pobj", "mark", "compound", "ccomp", "amod", "dobj",
            "punct"]
    pos = ["PRON", "VERB", "ADP", "PROPN", "SCONJ", "PROPN", "VERB", "ADJ", "NOUN", "PUNCT"]
    tags = ["PRP", "VBD", "IN", "NNP", "IN", "NNP", "VBZ", "JJR", "NN", "."]
    lemmas = ["he", "say", "on", "Friday", "that", "Garza", "need", "more", "time", "."]
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps, pos=pos, tags=tags,
              lemmas=lemmas, sent_starts=[True] + [False] * 9)
    doc = nlp.get_pipe("toolkit_quotes")(doc)
    rows = [(s.label_, s.text, s._.tk_quote["speaker_text"]) for s in doc.spans["quotes"]]
    assert ("reported", "Garza needs more time", "He") in rows, rows


@pytest.mark.parametrize("text, words, who", [
    ("Several donors suggested that the fund had been badly run.",
     "the fund had been badly run", "donors"),
    ("His aides revealed that the trip had been cancelled.",
     "the trip had been cancelled", "aides"),
])
def test_people_by_their_part_can_speak(nlp, text, words, who):
    rows = _rows(nlp(text))
    assert _has(rows, words, who), rows


@pytest.mark.parametrize("text, words, who", [
    ("Voters rejected a plan the mayor said would cut rents across the city.",
     "would cut rents across the city", "mayor"),
    ("The town built a new wall, which the governor said the county should pay for.",
     "the county should pay for", "governor"),
])
def test_relative_clause_without_a_relative_word_or_with_an_object_gap(nlp, text, words, who):
    rows = _rows(nlp(text))
    assert _has(rows, words, who), rows


def test_asking_to_do_something(nlp):
    rows = _rows(nlp("The union asked to see the full contract before the vote."))
    assert _has(rows, "to see the full contract", "union"), rows


def test_asked_by_someone_to_do_something(nlp):
    rows = _rows(nlp("Asked by a journalist to explain the delay, the minister said the "
                     "roads were closed."))
    assert _has(rows, "to explain the delay", "journalist"), rows
    assert _has(rows, "the roads were closed", "minister"), rows


@pytest.mark.parametrize("text, words, who", [
    ("Senator Ana Ruiz proposed to move the final vote to Friday.",
     "to move the final vote to Friday", "Ruiz"),
    ("The mayor urged a careful review of the harbour budget.",
     "a careful review of the harbour budget", "mayor"),
])
def test_proposals_and_things_urged(nlp, text, words, who):
    rows = _rows(nlp(text))
    assert _has(rows, words, who), rows


def test_urging_people_is_not_a_thing_urged(nlp):
    rows = _rows(nlp("The mayor urged residents after the storm."))
    assert not any(t.startswith("residents") for _k, t, _w, _wt in rows), rows


@pytest.mark.parametrize("text, words, who", [
    ("Senator Ruiz's attacks on the new port budget drew a sharp reply.",
     "the new port budget", "Ruiz"),
    ("Mayor Lind's questions about the missing school funds went unanswered.",
     "the missing school funds", "Lind"),
])
def test_speech_nouns_with_what_they_are_about(nlp, text, words, who):
    rows = _rows(nlp(text))
    assert _has(rows, words, who), rows


def test_an_attack_without_an_owner_says_nothing(nlp):
    rows = _rows(nlp("The attacks on the port continued for a week."))
    assert rows == [], rows
