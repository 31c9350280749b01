"""More shapes of statements for :class:`toolkit.pipeline.quotes.QuoteExtractor`
(a mixin beside :mod:`toolkit.pipeline.reported`; the extractor supplies
``_doc``, ``_subject``, ``_resolver``, ``_clause_end`` and friends).

* commitments: "X pledged to cut taxes", "X vowed to fight on": the promised act;
* questions: "X asked whether ...", "Asked about the deal, ...": what was asked,
  said by the asker when the sentence names one (else left empty);
* partial quotes under a verb that is no speech verb: 'X bemoaned a climate in
  which people "hate each other"': the verb's complement, said by its subject.
"""

from __future__ import annotations

from spacy.tokens import Token

from toolkit.pipeline.quote_marks import _starts_sentence
from toolkit.pipeline.statement_shapes import _NON_SOURCES, RecallStatements

#: Verbs of commitment (English "promise" verbs): what follows "to" is said.
COMMISSIVE_VERBS = frozenset("promise pledge vow swear threaten offer agree guarantee "
                             "undertake propose".split())
#: Verbs of asking: the question they take is what was said.
QUESTION_VERBS = frozenset("ask wonder question inquire enquire query".split())
_WH_WORDS = frozenset("who whom whose what which when where why how whether if".split())
#: Dependents a quoted fragment climbs through on the way to its verb.
_FRAGMENT_PATH = frozenset("dobj pobj prep attr acomp amod compound appos oprd npadvmod "
                           "advmod nmod poss conj xcomp relcl acl pcomp nsubj".split())


def _has_to(verb: Token) -> bool:
    return any(g.dep_ == "aux" and g.lower_ == "to" for g in verb.children)


class MoreStatements(RecallStatements):
    """Mixin: commitments, questions and quoted fragments under any verb."""

    def _commitment(self, verb: Token):
        """"X pledged to cut taxes", "X threatened to sue": the act promised."""
        if self._lemma(verb) not in COMMISSIVE_VERBS or self._unsaid(verb):
            return None
        infinitives = [c for c in verb.rights if c.dep_ == "xcomp" and _has_to(c)]
        if not infinitives:
            return None
        subject = self._speaking_subject(verb, gap_words=False)
        if subject is None:
            return None
        return self._said_through(verb, subject, infinitives[0])

    def _question(self, verb: Token):
        """"X asked whether ...", "Asked about the deal, Y said ...": the question.
        The asker is the verb's subject or agent ("asked by a reporter"); a
        question put to someone ("Asked whether ..., Y said") has no asker named."""
        if self._lemma(verb) not in QUESTION_VERBS or self._unsaid(verb):
            return None
        asked = None
        for child in verb.rights:
            if child.dep_ in ("ccomp", "advcl", "xcomp", "dobj") and (
                    child.left_edge.lower_ in _WH_WORDS
                    or any(g.dep_ == "mark" and g.lower_ in ("if", "whether")
                           for g in child.children)):
                asked = child
                break
            if child.dep_ == "prep" and child.lower_ == "about" and any(
                    g.dep_ in ("pobj", "pcomp") for g in child.children):
                asked = next(g for g in child.children if g.dep_ in ("pobj", "pcomp"))
                break
        if asked is None:
            return None
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subject is None:
            subject = next((g for a in verb.children if a.dep_ == "agent"
                            for g in a.children if g.dep_ == "pobj"), None)
        if subject is None and verb.dep_ in ("ROOT", "conj", "ccomp"):
            subject = self._subject(verb)
        if subject is not None and subject.lower_ in _NON_SOURCES:
            subject = None
        start, end = asked.left_edge.i, asked.right_edge.i + 1
        if end - start < 2 or (subject is not None and start <= subject.i < end):
            return None
        return start, end, self._cue_tokens(verb), subject

    @staticmethod
    def _copula(verb: Token) -> bool:
        """"be", "become", "seem", "remain" or an auxiliary used as the verb."""
        return (verb.lemma_.lower() or verb.lower_) in ("be", "become", "seem", "remain") \
            or verb.pos_ == "AUX"

    # -- quoted fragments under any verb -------------------------------------------
    def _fragment_attribution(self, quotes) -> None:
        """A short quote inside a sentence with no speech verb above it ('X
        bemoaned a climate in which people "hate each other"') is attributed to
        the subject of the nearest verb above it, when that subject can speak and
        the verb's complement holds more than the quote; the cue is that verb."""
        doc = self._doc
        for quote in quotes:
            if quote.cue or quote.speaker is not None or quote.inherited is not None:
                continue
            region = quote.region
            if region is None or _starts_sentence(self._text, self._para_start(region.open),
                                                  region.open):
                continue
            roots = [t for t in doc[quote.start:quote.end]
                     if t.head == t or not quote.start <= t.head.i < quote.end]
            if len(roots) != 1 or roots[0].head == roots[0]:
                continue
            cur = roots[0]
            verb = None
            # a short fragment under a copula ('the plan was a "disaster"', 'Lee
            # is a "bully"') describes the copula's subject, who did not say it:
            # look on above the copula (its clause may be what someone said)
            short = sum(1 for t in doc[quote.start:quote.end] if t.is_alpha) <= 3
            for _ in range(8):
                if cur.head == cur or cur.dep_ not in _FRAGMENT_PATH and not (
                        cur.dep_ == "ccomp" and self._copula(cur)):
                    break
                cur = cur.head
                if cur.pos_ in ("VERB", "AUX") and cur.i not in self._in_region:
                    if short and self._copula(cur):
                        continue
                    verb = cur
                    break
            if verb is None or verb.i > quote.start:
                continue
            subject = self._subject(verb)
            if subject is None or subject.lower_ in _NON_SOURCES or subject.i in \
                    self._in_region or not self._resolver.can_speak(subject):
                continue
            right = [c for c in verb.rights if not c.is_punct and c.dep_ not in (
                "cc", "conj", "advcl", "parataxis") and c.dep_ not in ("nsubj", "nsubjpass")]
            if not right:
                continue
            start = min(c.left_edge.i for c in right)
            end = self._clause_end(verb, max(c.right_edge.i for c in right) + 1)
            if not (start <= quote.start and quote.end <= end) or \
                    end - start <= (quote.end - quote.start) + 2:
                continue
            quote.cue, quote.speaker = [verb], subject

