"""Tests for toolkit_quotes: quote marks, attribution, reported speech, speakers.

Most tests run on hand-built Docs (exact parses, no model); a few use the
statistical pipeline through the session ``nlp`` fixture, and the seed
article's required quotes are checked through ``seed_analysis``.
"""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc, Span

from toolkit.errors import ToolkitError
from toolkit.pipeline.quotes import QuoteExtractor, find_quoted_regions

# -- helpers -----------------------------------------------------------------------


def build(text_tokens: list[str], heads: list[int], deps: list[str], *,
          ents: list[str] | None = None, spaces: list[bool] | None = None,
          tags: list[str] | None = None) -> Doc:
    """A Doc with an exact parse. ``heads`` are absolute token indices."""
    vocab = spacy.blank("en").vocab
    if spaces is None:
        spaces = []
        for i, word in enumerate(text_tokens):
            nxt = text_tokens[i + 1] if i + 1 < len(text_tokens) else None
            spaces.append(nxt is not None and nxt not in {".", ",", "?", "!", "”", ":"}
                          and word not in {"“"} and nxt != "\n" and word != "\n")
    return Doc(vocab, words=text_tokens, spaces=spaces, heads=heads, deps=deps,
               ents=ents or ["O"] * len(text_tokens), tags=tags)


def quotes_of(doc: Doc) -> list[tuple[str, str, dict]]:
    doc = QuoteExtractor(None)(doc)
    return [(s.label_, s.text, s._.tk_quote) for s in doc.spans["quotes"]]


def content(text: str, region) -> str:
    return text[region.start:region.end]


def norm(text: str) -> str:
    return text.strip().rstrip(".,;:!?").strip()


# -- finding quote marks (text only) ---------------------------------------------------

def test_curly_and_straight_marks():
    text = '“We agree,” he said. "It is valid," she said.'
    found = [content(text, r) for r in find_quoted_regions(text)]
    assert found == ["We agree,", "It is valid,"]


def test_apostrophes_never_open_or_close():
    text = "The voters’ mood shifted and it’ll take time; ‘We’re ready,’ she said of the ’90s."
    found = [content(text, r) for r in find_quoted_regions(text)]
    assert found == ["We’re ready,"]


def test_plural_possessive_inside_single_quotes():
    text = "‘The workers’ pay must rise,’ the union said."
    found = [content(text, r) for r in find_quoted_regions(text)]
    assert found == ["The workers’ pay must rise,"]


def test_apostrophe_inside_double_quotes_is_kept():
    text = '“It’ll be a disappointing moment for the voters’ hopes,” he remarked.'
    found = [content(text, r) for r in find_quoted_regions(text)]
    assert found == ["It’ll be a disappointing moment for the voters’ hopes,"]


@pytest.mark.parametrize("text", [
    'He said “hello and then left.',
    'A 5" screen and a stray ” mark',
    '“One,” “two',
    "’’’ ‘ ' \" “ ” « »",
    "",
])
def test_odd_marks_never_raise(text):
    regions = find_quoted_regions(text)
    for region in regions:
        assert 0 <= region.start < region.end <= len(text)


def test_unclosed_quote_mid_sentence_is_dropped():
    assert find_quoted_regions("He said “hello and then left the room.") == []


def test_quote_left_open_at_paragraph_end_continues():
    text = "“The first paragraph runs here.\n“The second ends it,” said Tom Brown."
    regions = find_quoted_regions(text)
    assert [content(text, r) for r in regions] == ["The first paragraph runs here.",
                                                   "The second ends it,"]
    assert regions[0].close is None and regions[1].close is not None


def test_inch_marks_are_not_quotes():
    assert find_quoted_regions('The 5" screen is small.') == []


# -- direct quotes on hand-built Docs ---------------------------------------------------

def _split_quote_doc() -> Doc:
    # Anna Berg spoke. "We agree," she said. "It is valid."
    words = ["Anna", "Berg", "spoke", ".", '"', "We", "agree", ",", '"', "she", "said", ".",
             '"', "It", "is", "valid", ".", '"']
    heads = [1, 2, 2, 2, 10, 6, 10, 10, 10, 10, 10, 10, 14, 14, 14, 14, 14, 14]
    deps = ["compound", "nsubj", "ROOT", "punct", "punct", "nsubj", "ccomp", "punct", "punct",
            "nsubj", "ROOT", "punct", "punct", "nsubj", "ROOT", "acomp", "punct", "punct"]
    spaces = [True, True, False, True, False, True, False, False, True, True, False, True,
              False, True, True, False, False, False]
    ents = ["B-PERSON", "I-PERSON"] + ["O"] * 16
    return build(words, heads, deps, ents=ents, spaces=spaces)


def test_split_quote_and_continuation_share_the_speaker():
    doc = _split_quote_doc()
    assert doc.text == 'Anna Berg spoke. "We agree," she said. "It is valid."'
    found = quotes_of(doc)
    assert [(k, t) for k, t, _ in found] == [("direct", "We agree,"), ("direct", "It is valid.")]
    first, second = found[0][2], found[1][2]
    assert first["speaker"] == "Anna Berg" and first["speaker_text"] == "she"
    assert first["cue"] == "said"
    assert doc.text[first["cue_start"]:first["cue_end"]] == "said"
    assert doc.text[first["speaker_start"]:first["speaker_end"]] == "she"
    assert second["speaker"] == "Anna Berg" and second["cue"] is None


def test_partial_quote_with_framing_verb():
    # Rivera called the plan "a disaster".
    words = ["Rivera", "called", "the", "plan", "“", "a", "disaster", "”", "."]
    heads = [1, 1, 3, 1, 6, 6, 1, 1, 1]
    deps = ["nsubj", "ROOT", "det", "dobj", "punct", "det", "oprd", "punct", "punct"]
    spaces = [True, True, True, True, False, True, False, False, False]
    doc = build(words, heads, deps, ents=["B-PERSON"] + ["O"] * 8, spaces=spaces)
    found = {(kind, text, data["speaker"], data["cue"]) for kind, text, data in quotes_of(doc)}
    # the quoted words, and the statement they belong to (issue 9)
    assert found == {("direct", "a disaster", "Rivera", "called"),
                     ("reported", "the plan “a disaster”", "Rivera", "called")}


def test_he_resolves_to_the_subject_not_the_object():
    # Tom Ruiz met Ivan Petrov. "We talked," he said.
    words = ["Tom", "Ruiz", "met", "Ivan", "Petrov", ".", "“", "We", "talked", ",", "”",
             "he", "said", "."]
    heads = [1, 2, 2, 4, 2, 2, 12, 8, 12, 12, 12, 12, 12, 12]
    deps = ["compound", "nsubj", "ROOT", "compound", "dobj", "punct", "punct", "nsubj",
            "ccomp", "punct", "punct", "nsubj", "ROOT", "punct"]
    spaces = [True, True, True, True, False, True, False, True, False, False, True, True,
              False, False]
    ents = ["B-PERSON", "I-PERSON", "O", "B-PERSON", "I-PERSON"] + ["O"] * 9
    doc = build(words, heads, deps, ents=ents, spaces=spaces)
    [(_, text, data)] = quotes_of(doc)
    assert text == "We talked,"
    assert data["speaker"] == "Tom Ruiz" and data["speaker_text"] == "he"


def test_she_skips_a_man_known_from_his_title():
    # Mr. Holm met Ms. Berg. "Fine," she said.
    words = ["Mr.", "Holm", "met", "Ms.", "Berg", ".", "“", "Fine", ",", "”", "she", "said", "."]
    heads = [1, 2, 2, 4, 2, 2, 11, 11, 11, 11, 11, 11, 11]
    deps = ["compound", "nsubj", "ROOT", "compound", "dobj", "punct", "punct", "ccomp",
            "punct", "punct", "nsubj", "ROOT", "punct"]
    spaces = [True, True, True, True, False, True, False, False, False, True, True, False,
              False]
    ents = ["O", "B-PERSON", "O", "O", "B-PERSON"] + ["O"] * 8
    doc = build(words, heads, deps, ents=ents, spaces=spaces)
    [(_, text, data)] = quotes_of(doc)
    assert text == "Fine,"
    assert data["speaker"] == "Berg"


def test_they_resolves_to_a_group():
    # The unions rejected the offer. They said that pay was low.
    words = ["The", "unions", "rejected", "the", "offer", ".", "They", "said", "that", "pay",
             "was", "low", "."]
    heads = [1, 2, 2, 4, 2, 2, 7, 7, 10, 10, 7, 10, 7]
    deps = ["det", "nsubj", "ROOT", "det", "dobj", "punct", "nsubj", "ROOT", "mark", "nsubj",
            "ccomp", "acomp", "punct"]
    tags = ["DT", "NNS", "VBD", "DT", "NN", ".", "PRP", "VBD", "IN", "NN", "VBD", "JJ", "."]
    doc = build(words, heads, deps, tags=tags)
    [(kind, text, data)] = quotes_of(doc)
    assert (kind, text) == ("reported", "pay was low")
    assert data["speaker"] == "unions" and data["speaker_text"] == "They"


# -- reported speech on hand-built Docs ----------------------------------------------------

def test_according_to_and_said_that():
    # According to the police, the man fled. Officials said that the road was closed.
    words = ["According", "to", "the", "police", ",", "the", "man", "fled", ".",
             "Officials", "said", "that", "the", "road", "was", "closed", "."]
    heads = [7, 0, 3, 1, 7, 6, 7, 7, 7, 10, 10, 15, 13, 15, 15, 10, 10]
    deps = ["prep", "prep", "det", "pobj", "punct", "det", "nsubj", "ROOT", "punct",
            "nsubj", "ROOT", "mark", "det", "nsubjpass", "auxpass", "ccomp", "punct"]
    doc = build(words, heads, deps)
    found = quotes_of(doc)
    assert [(k, t) for k, t, _ in found] == [("reported", "the man fled"),
                                              ("reported", "the road was closed")]
    police, officials = found[0][2], found[1][2]
    assert police["speaker"] == "police" and police["speaker_text"] == "the police"
    assert police["cue"] == "According to"
    assert officials["speaker"] == "Officials" and officials["cue"] == "said"


def test_participle_inherits_the_main_subject():
    # Lena Ortiz backed the plan, stressing that costs would fall.
    words = ["Lena", "Ortiz", "backed", "the", "plan", ",", "stressing", "that", "costs",
             "would", "fall", "."]
    heads = [1, 2, 2, 4, 2, 2, 2, 10, 10, 10, 6, 2]
    deps = ["compound", "nsubj", "ROOT", "det", "dobj", "punct", "advcl", "mark", "nsubj",
            "aux", "ccomp", "punct"]
    doc = build(words, heads, deps, ents=["B-PERSON", "I-PERSON"] + ["O"] * 10)
    [(kind, text, data)] = quotes_of(doc)
    assert (kind, text, data["speaker"], data["cue"]) == ("reported", "costs would fall",
                                                           "Lena Ortiz", "stressing")


def test_reported_speech_inside_a_direct_quote_is_not_separate():
    # "He said that we lost," Kim noted.
    words = ["“", "He", "said", "that", "we", "lost", ",", "”", "Kim", "noted", "."]
    heads = [9, 2, 9, 5, 5, 2, 9, 9, 9, 9, 9]
    deps = ["punct", "nsubj", "ccomp", "mark", "nsubj", "ccomp", "punct", "punct", "nsubj",
            "ROOT", "punct"]
    spaces = [False, True, True, True, True, False, False, True, True, False, False]
    doc = build(words, heads, deps, ents=["O"] * 8 + ["B-PERSON", "O", "O"], spaces=spaces)
    found = quotes_of(doc)
    assert [(k, t, d["speaker"]) for k, t, d in found] == [("direct", "He said that we lost,",
                                                             "Kim")]


def test_reporting_verbs_are_tunable():
    # Kim grumbled that taxes rose.
    words = ["Kim", "grumbled", "that", "taxes", "rose", "."]
    heads = [1, 1, 4, 4, 1, 1]
    deps = ["nsubj", "ROOT", "mark", "nsubj", "ccomp", "punct"]
    doc = build(words, heads, deps, ents=["B-PERSON"] + ["O"] * 5)
    assert quotes_of(doc) == []
    verbs = spacy.registry.misc.get("toolkit.reporting_verbs.v1")(extra=["grumble"])
    assert "grumble" in verbs and "say" in verbs
    doc = QuoteExtractor(None, reporting_verbs=verbs)(doc)
    assert [s.text for s in doc.spans["quotes"]] == ["taxes rose"]
    with pytest.raises(ToolkitError) as err:
        spacy.registry.misc.get("toolkit.reporting_verbs.v1")(extra="grumble")
    assert err.value.code == "TK120"


def test_empty_doc_gives_no_quotes():
    doc = Doc(spacy.blank("en").vocab, words=[])
    assert list(QuoteExtractor(None)(doc).spans["quotes"]) == []


def test_needs_a_parser():
    blank = spacy.blank("en")
    with pytest.raises(ToolkitError) as err:
        blank.add_pipe("toolkit_quotes")
    assert err.value.code == "TK101"
    unparsed = blank("He said hello.")
    with pytest.raises(ToolkitError) as err:
        QuoteExtractor(blank)(unparsed)
    assert err.value.code == "TK101"


# -- the statistical pipeline on texts of our own ------------------------------------------

def _found(nlp, text):
    doc = nlp(text)
    return [(s.label_, s.text, s._.tk_quote) for s in doc.spans["quotes"]]


def test_model_straight_quotes_split_and_continued(nlp):
    found = _found(nlp, '"We will win," said Angela Merkel. "There is no doubt."')
    assert [(k, t, d["speaker"]) for k, t, d in found] == [
        ("direct", "We will win,", "Angela Merkel"),
        ("direct", "There is no doubt.", "Angela Merkel")]
    assert found[0][2]["cue"] == "said"


def test_model_multi_paragraph_quote(nlp):
    text = ("“The first paragraph of a long quote runs here.\n"
            "“And the second paragraph ends it,” said Tom Brown.")
    found = _found(nlp, text)
    assert [(t, d["speaker"]) for _, t, d in found] == [
        ("The first paragraph of a long quote runs here.", "Tom Brown"),
        ("And the second paragraph ends it,", "Tom Brown")]


def test_model_question_quote_with_inverted_attribution(nlp):
    found = _found(nlp, '"Is it over?" asked the reporter. Nobody answered.')
    assert [(t, d["speaker"], d["cue"]) for _, t, d in found] == [("Is it over?", "reporter",
                                                                    "asked")]


def test_model_reported_speech_patterns(nlp):
    text = ("Mary Jones said that the meeting had been cancelled. She added that a new date "
            "would be set. Officials told reporters the bridge would reopen in May. "
            "Prices will rise next year, the central bank warned.")
    found = {norm(t): d for _, t, d in _found(nlp, text)}
    assert found["the meeting had been cancelled"]["speaker"] == "Mary Jones"
    assert found["a new date would be set"]["speaker"] == "Mary Jones"
    assert found["a new date would be set"]["speaker_text"] == "She"
    assert found["the bridge would reopen in May"]["cue"] == "told"
    assert found["Prices will rise next year"]["speaker"] == "central bank"


def test_model_apostrophes_and_odd_marks_do_not_break(nlp):
    text = ("The voters’ mood has shifted and it’ll take time, analysts say. "
            "A stray “ mark and a 5\" screen follow.\n"
            "“This is unacceptable,” she said.")
    found = _found(nlp, text)
    kinds = [(k, norm(t)) for k, t, _ in found]
    assert ("direct", "This is unacceptable") in kinds
    assert not any("stray" in t or "screen" in t for _, t in kinds)


def test_model_no_cue_from_so_called(nlp):
    assert _found(nlp, "The so-called “peace plan” was rejected by parliament.") == []


def test_model_according_to_a_trailing_source(nlp):
    found = _found(nlp, "The company said it would cut 500 jobs, according to a filing.")
    said = [t for _, t, d in found if d["cue"] == "said"]
    assert said == ["it would cut 500 jobs"]


def test_survives_to_bytes_and_two_processes(nlp):
    texts = ['“We agree,” Putin stated. “The concept is valid.”',
             "According to police, the suspect fled on foot."]
    doc = nlp(texts[0])
    again = Doc(nlp.vocab).from_bytes(doc.to_bytes())
    assert [(s.text, s._.tk_quote) for s in again.spans["quotes"]] == \
        [(s.text, s._.tk_quote) for s in doc.spans["quotes"]]
    docs = list(nlp.pipe(texts, n_process=2))
    assert [s._.tk_quote["speaker"] for s in docs[0].spans["quotes"]] == ["Putin", "Putin"]
    assert [(s.text, s._.tk_quote["cue"]) for s in docs[1].spans["quotes"]] == [
        ("the suspect fled on foot", "According to")]


# -- the seed article ------------------------------------------------------------------------

def test_seed_required_quotes(seed_analysis, gold):
    table = seed_analysis.quotes
    rows = list(table.itertuples(index=False))
    problems = []
    for want in gold["quotes"]["required"]:
        match = [r for r in rows if r.kind == want["kind"]
                 and norm(r.content) == norm(want["content"])]
        if not match:
            problems.append(f"missing: {want['content'][:50]}")
            continue
        row = match[0]
        if row.speaker != want["speaker"]:
            problems.append(f"speaker {row.speaker!r} != {want['speaker']!r}: "
                            f"{want['content'][:40]}")
        if want["cue"] and (row.cue or "").lower() != want["cue"].lower():
            problems.append(f"cue {row.cue!r} != {want['cue']!r}: {want['content'][:40]}")
    assert problems == []


def test_seed_speaker_mentions_point_into_the_text(seed_analysis):
    text = seed_analysis.text
    for row in seed_analysis.quotes.itertuples(index=False):
        assert text[row.start:row.end] == row.content
        if row.speaker_text is not None:
            assert text[row.speaker_start:row.speaker_end] == row.speaker_text


def test_role_description_uses_the_entities_group():
    # Vladimir Putin arrived. The Russian leader said that talks would resume.
    words = ["Vladimir", "Putin", "arrived", ".", "The", "Russian", "leader", "said", "that",
             "talks", "would", "resume", "."]
    heads = [1, 2, 2, 2, 6, 6, 7, 7, 11, 11, 11, 7, 7]
    deps = ["compound", "nsubj", "ROOT", "punct", "det", "amod", "nsubj", "ROOT", "mark",
            "nsubj", "aux", "ccomp", "punct"]
    doc = build(words, heads, deps, ents=["B-PERSON", "I-PERSON"] + ["O"] * 11)
    doc.spans["entities"] = [Span(doc, 0, 2, label="PERSON"), Span(doc, 4, 7, label="PERSON")]
    for span in doc.spans["entities"]:
        span._.tk_entity = {"canonical": "Vladimir Putin", "entity_id": "e1",
                            "mention": "name" if span.start == 0 else "role"}
    [(kind, text, data)] = quotes_of(doc)
    assert (kind, text) == ("reported", "talks would resume")
    assert data["speaker"] == "Vladimir Putin"
    assert data["speaker_text"] == "The Russian leader"


def test_model_she_and_he_across_speakers(nlp):
    text = ("Anna Berg met Peter Holm in Oslo. Holm said the deal was fair. "
            "\"We are pleased,\" she said.\n"
            "Sarah Palmer has lived in the town for decades. \"I have never seen anything "
            "like it,\" Palmer said.\n"
            "Her neighbour, Tom Reed, agreed. \"We lost everything,\" he said.")
    found = {norm(t): d for _, t, d in _found(nlp, text)}
    assert found["We are pleased"]["speaker"] == "Anna Berg"
    assert found["We are pleased"]["speaker_text"] == "she"
    assert found["the deal was fair"]["speaker"] == "Peter Holm"
    assert found["I have never seen anything like it"]["speaker"] == "Sarah Palmer"
    assert found["We lost everything"]["speaker"] == "Tom Reed"


def test_model_colon_introduction_and_partial_quote_in_reported_speech(nlp):
    text = ("The statement read:\n“We regret the error.”\n"
            "Chen Wei, a spokesman for the ministry, said the claims were \"groundless\".")
    found = [(k, t, d) for k, t, d in _found(nlp, text)]
    by_text = {t: (k, d) for k, t, d in found}
    assert by_text["We regret the error."][1]["cue"] == "read"
    assert by_text["We regret the error."][1]["speaker"] == "statement"
    assert by_text['the claims were "groundless"'][0] == "reported"
    assert by_text["groundless"][0] == "direct"
    assert by_text["groundless"][1]["speaker"] == "Chen Wei"


def test_model_quoted_as_saying_and_report_by(nlp):
    text = ("Peskov was quoted as saying that the talks had stalled. "
            "According to a report by the BBC, the ferry had sunk.")
    found = {norm(t): d for _, t, d in _found(nlp, text)}
    assert found["the talks had stalled"]["speaker"] == "Peskov"
    assert found["the ferry had sunk"]["speaker"] == "BBC"
    assert found["the ferry had sunk"]["cue"] == "According to"
