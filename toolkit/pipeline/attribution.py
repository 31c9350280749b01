"""More ways to find who said a direct quote: a mixin of
:class:`toolkit.pipeline.quotes.QuoteExtractor` (which supplies ``_doc``,
``_text``, ``_para``, ``_token_at``, ``_is_cue``, ``_subject``, ``_resolver``
and ``_in_region``).

* a manner verb after the quote: '"Sit down," Dalton barked.', '"Not
  again," she sighed.', '"Who cares?" snapped the coach.' A quote whose own
  sentence runs on after the closing mark (it ends with a comma, "?" or "!")
  and is followed by a short clause of subject and verb, with nothing the verb
  governs but particles and adverbs, is attributed to that subject whatever the
  verb is;
* a paragraph or sentence that ends with a colon and introduces the quote
  ("The senator released the following statement:", "Lee put it this way:"):
  the subject of that sentence, when it can speak and no speech verb is there;
* a credit line after the quote: '"We will win." ― Dana Cole' (a dash, then
  a name that ends the line);
* a transcript: a quote that opens with a speaker's name in capitals and a
  colon ('"REED: We will win."');
* a title right before a name ("Acme Vice President Dana Cole"): the speaker
  is the named person (:func:`titled_name_end`).
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from toolkit.pipeline.coref import mention_bounds
from toolkit.pipeline.quote_marks import _starts_sentence
from toolkit.pipeline.speech import FIRST_SECOND, ROLE_NOUNS

#: Dependents a manner-of-speaking verb may have after the quote without
#: saying anything of its own ("shot back", "snapped angrily", "said on Monday").
_MANNER_DEPS = frozenset("prt advmod npadvmod punct prep cc conj neg aux".split())
#: Word classes of the subject phrase between the closing mark and the verb.
_SUBJECT_POS = frozenset("PROPN NOUN PRON DET ADJ PUNCT NUM".split())
#: Dashes that set off a credit line after a quote.
_CREDIT_DASHES = "―—–-"
#: A transcript speaker: one to three capitalised words and a colon at the start.
_TRANSCRIPT = re.compile(r"\(?([A-Z][A-Z.'’\-]+(?: [A-Z][A-Z.'’\-]+){0,2})\)?:\s")
#: Closing characters of a quote whose sentence goes on after the closing mark.
_OPEN_ENDS = ",?!…—–-"


def titled_name_end(doc, start: int, end: int, label_of) -> int:
    """End of a person's name that directly follows a title ending at ``end``
    ("Vice President" + "Dana Cole"); ``end`` when no name follows.
    ``label_of(token)`` gives the entity label the pipeline knows for a token."""
    if end >= len(doc) or end <= start:
        return end
    last = doc[end - 1]
    titled = last.lower_.rstrip(".") in ROLE_NOUNS or (
        last.pos_ == "PROPN" and label_of(last) not in ("PERSON",))
    if not titled or label_of(doc[end]) != "PERSON" or doc[end - 1].whitespace_ != " ":
        return end
    if label_of(last) == "PERSON":
        return end
    stop = end
    while stop < len(doc) and label_of(doc[stop]) == "PERSON" and stop - end < 5:
        stop += 1
    return stop


class SpeakerAttribution:
    """Mixin: manner verbs, colon introductions, credit and transcript lines."""

    def _manner_after_close(self, quote):
        region, doc, text = quote.region, self._doc, self._text
        if region is None or region.close is None:
            return None
        inner = text[region.start:region.end].rstrip()
        if not inner or inner[-1] not in _OPEN_ENDS:
            return None
        i = self._token_at(region.close) + 1
        para = self._para(region.close)
        chunk: list[Token] = []
        while i < len(doc) and len(chunk) < 8:
            t = doc[i]
            if t.is_space:
                i += 1
                continue
            if self._para(t.idx) != para or i in self._in_region:
                break
            chunk.append(t)
            if t.text in ".!?;:":
                break
            i += 1
        verbs = [t for t in chunk if t.pos_ == "VERB"]
        if not verbs:
            return None
        verb = verbs[0]
        if any(c.dep_ not in _MANNER_DEPS and c.dep_ != "nsubj"
               for c in verb.children if c.i > verb.i):  # the verb says nothing itself
            return None
        subjects = [c for c in verb.children if c.dep_ == "nsubj"]
        if len(subjects) != 1:
            return None
        subject = subjects[0]
        before = [t for t in chunk if t.i < verb.i]
        if subject.i < verb.i:
            # only the subject's phrase lies between the mark and the verb
            if any(t.pos_ not in _SUBJECT_POS and t.dep_ not in ("compound", "flat")
                   for t in before if t.text not in ",—–"):
                return None
            if any(t.i < subject.left_edge.i and not t.is_punct for t in before):
                return None
        elif any(not t.is_punct for t in before):
            return None
        if subject.lower_ in FIRST_SECOND or subject.lower_ in ("it", "this", "that"):
            return None
        if not (subject.pos_ == "PROPN" or subject.lower_ in ("he", "she", "they")
                or self._resolver.is_person(subject)):
            return None
        return [verb], subject

    def _colon_introduction(self, colon: int):
        """The subject of a sentence that ends with the colon before a quote."""
        doc = self._doc
        if doc[colon].text != ":":
            return None
        sent = self._sentence(colon)
        if any(not (t.is_space or t.is_punct) for t in doc[colon + 1:sent.end]
               if t.i not in self._in_region):
            return None  # the colon is inside the sentence, not its end
        root = self._sentence_root(sent)
        if root.pos_ != "VERB" or root.i >= colon:  # "The question is:" names no one
            return None
        subjects = [c for c in root.children if c.dep_ == "nsubj" and c.i < root.i]
        if len(subjects) != 1:
            return None
        subject = subjects[0]
        if subject.lower_ in FIRST_SECOND or subject.lower_ in ("it", "this", "that",
                                                                "there", "what"):
            return None
        if not (subject.pos_ == "PROPN" or subject.lower_ in ("he", "she", "they")
                or self._resolver.is_person(subject)):
            return None
        return [root], subject

    def _speaker_between(self, quote, cue: list[Token]) -> Token | None:
        """'"...," Ohio delegate Sam Ortiz, wearing a red hat, said': the parse
        lost the subject, but the words between the closing mark and the cue
        open with a noun phrase naming a person; its last name word is the speaker."""
        region, doc = quote.region, self._doc
        if region is None or region.close is None or not cue:
            return None
        verb = cue[0]
        first = self._token_at(region.close) + 1
        while first < verb.i and (doc[first].is_space or doc[first].text in ",—–"):
            first += 1
        if not first < verb.i <= first + 25 or self._para(doc[first].idx) != \
                self._para(verb.idx):
            return None
        label_of = self._resolver.label_of
        head = None
        for t in doc[first:verb.i]:
            if label_of(t) == "PERSON" or (t.pos_ == "PROPN" and label_of(t) is None):
                head = t
                continue
            if head is not None:
                break  # the name ends here
            if t.pos_ not in ("PROPN", "NOUN", "ADJ", "DET") or t.i in self._in_region:
                return None  # the stretch does not open with a name
        if head is None or label_of(head) not in ("PERSON", None):
            return None
        return head

    def _transcript_speaker(self, quote):
        """'"REED: We will win."': the name in capitals before the colon."""
        region, doc, text = quote.region, self._doc, self._text
        if region is None:
            return None
        m = _TRANSCRIPT.match(text, region.start)
        if m is None or len(m.group(1).replace(".", "")) < 2:
            return None
        start = self._token_at(m.start(1))
        end = self._token_at(m.end(1) - 1)
        if not (quote.start <= start <= end < quote.end) or doc[start].idx != m.start(1):
            return None
        name = doc[end]
        if self._resolver.person_named(name.text) is None and name.ent_type_ != "PERSON":
            return None  # "VIDEO:", "UPDATE:": a label, not a speaker
        quote.transcript = True
        return [], name

    def _dash_credit(self, quote):
        """'"We will win." ― Dana Cole': a dash and a name that ends the line."""
        region, doc, text = quote.region, self._doc, self._text
        if region is None or region.close is None:
            return None
        k = region.close + 1
        while k < len(text) and text[k] in " \t\u00a0":
            k += 1
        if k >= len(text) or text[k] not in _CREDIT_DASHES:
            return None
        while k < len(text) and text[k] in _CREDIT_DASHES + " \t\u00a0":
            k += 1
        line_end = text.find("\n", k)
        line_end = len(text) if line_end < 0 else line_end
        first = self._token_at(k)
        if first >= len(doc) or doc[first].idx != k or first in self._in_region:
            return None
        label_of = self._resolver.label_of
        head = None
        for t in doc[first:]:
            if t.idx >= line_end or t.is_space:
                break
            if (label_of(t) == "PERSON" or t.pos_ == "PROPN") and t.text[:1].isupper():
                head = t
                continue
            break
        if head is None or label_of(head) not in ("PERSON", None):
            return None
        rest = text[head.idx + len(head.text):line_end].strip()
        if rest and not (rest[0] in ".,;(" or rest.startswith("’s")):
            return None  # the name must end its line (a description may follow a comma)
        if rest.startswith("’s"):
            return None
        return [], head

    def _name_colon(self, colon: int):
        """Headline and transcript convention: "Okafor: “We will win”", "SMITH: ...".
        The quote's speaker is a name that alone opens the line before the colon."""
        doc = self._doc
        if doc[colon].text != ":" or colon == 0 or self._para(doc[colon].idx) != \
                self._para(self._starts[colon]):
            return None
        name = doc[colon - 1]
        if name.pos_ != "PROPN" and name.ent_type_ != "PERSON":
            return None
        start, _end = mention_bounds(name)
        start = min(start, name.i)
        while start > 0 and doc[start - 1].ent_iob_ == "I" and doc[start - 1].ent_type_ == "PERSON":
            start -= 1
        line_start = self._para_start(doc[colon].idx)
        if self._text[line_start:doc[start].idx].strip():
            return None  # the name must open its line
        if colon - start > 4 or name.ent_type_ not in ("PERSON", ""):
            return None
        return [], name

    def _line_name_colon(self, quote):
        """A headline such as 'Dana Cole: Mayor “Not Fit To Serve”': the quote
        lies later on a line that opens with a name and a colon."""
        region, doc = quote.region, self._doc
        if region is None:
            return None
        words = sum(1 for t in doc[quote.start:quote.end] if t.is_alpha)
        line_start = self._para_start(region.open)
        if words < (3 if _starts_sentence(self._text, line_start, region.open) else 8):
            return None  # a fragment of a headline, not a statement (kept as before)
        first = self._token_at(line_start)
        last = self._token_at(region.open)
        for i in range(first, min(last, first + 7)):
            if doc[i].text == ":":
                return self._name_colon(i)
        return None

    def _according_before(self, prev: int):
        """'According to the paper, "..."': the source of an "according to"
        phrase that opens the sentence the quote ends."""
        doc = self._doc
        if doc[prev].text not in (",", ":", "—", "–"):
            return None
        sent = self._sentence(prev)
        for t in doc[sent.start:prev]:
            if t.i in self._in_region:
                return None
            if t.lower_ == "according" and t.i + 1 < prev and doc[t.i + 1].lower_ == "to":
                objects = [c for c in doc[t.i + 1].children if c.dep_ == "pobj"]
                if not objects or objects[0].right_edge.i != prev - 1:
                    return None  # the phrase must run up to the comma before the quote
                return [t, doc[t.i + 1]], self._source_behind(objects[0])
        return None
