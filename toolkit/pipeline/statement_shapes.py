"""Statement shapes the reporting-clause rules of
:mod:`toolkit.pipeline.reported` leave out, tried last for each token (a mixin
of :class:`toolkit.pipeline.quotes.QuoteExtractor` through
:class:`toolkit.pipeline.statements.MoreStatements`)."""

from __future__ import annotations

from spacy.tokens import Token

from toolkit.pipeline.coref import mention_bounds
from toolkit.pipeline.reported import _SHORT_ANSWERS, _SUBJ_DEPS
from toolkit.pipeline.speech import MEDIUM_NOUNS, WEAK_REPORTING_VERBS

#: Words that are no source when they are the subject: "it said", "which found".
_NON_SOURCES = ("it", "this", "that", "there", "what", "which")

#: Verbs through which a document or a record makes a claim: "the poll found that".
_EVIDENCE_VERBS = WEAK_REPORTING_VERBS | {"find"}
#: Documents, records and bodies of work that "show" or "suggest" a claim.
_EVIDENCE_NOUNS = MEDIUM_NOUNS | frozenset("""
evidence finding findings record records research work analysis audit review
investigation numbers result results count tally message messages email emails
""".split())
#: Speech verbs whose "for" gives what they are about: "thanked them for their help".
_FOR_VERBS = frozenset("thank apologize apologise praise blame".split())
#: Relative words that stand for what was said in "which critics said was unfair".
_GAP_WORDS = frozenset("which that what who".split())


class RecallStatements:
    """Mixin: statement shapes the reporting-clause rules leave out (tried last,
    for a token nothing else has made a statement of).

    * a relative clause whose gap is what was said: "a law which critics said
      was unfair", "a rule that judges said discriminated": the clause after
      the verb, said by the verb's subject;
    * "as X reported, the talks failed" / "As reported by X, the talks
      failed": the clause the attribution is set in;
    * "that" clauses the parser left without a subject ("said on Monday that
      Lee needs more time" with "Lee" taken for a compound);
    * short answers: "half said so", "most said yes", "a third said the same";
    * documents that make a claim: "a poll found that ...", "records show that
      ..." (the document is the source);
    * what thanks, an apology or praise is for: "thanked the crew for ...";
    * requests: "X asked to see the files", "asked by X to respond";
    * things urged or demanded: "urged a review of the budget".
    """

    def _recall_statement(self, token: Token):
        if token.is_title and token.i > 0 and token.lower_ in self.forms:
            found = self._headline(token)
            if found is not None:
                return found
        if not self._is_verb(token) or self._unsaid(token):
            return None
        if not self._is_cue(token, reported=True):
            return self._evidence_clause(token)  # "a poll found that ..."
        return (self._gap_clause(token) or self._as_reported(token)
                or self._subjectless_that(token) or self._short_answer(token)
                or self._evidence_clause(token) or self._reason_given(token)
                or self._request(token) or self._urged_thing(token))

    def _headline(self, verb: Token):
        """A headline in title case: "Mayor Slams Council Over Bridge Delay",
        "Senator Just Said What Everyone Was Thinking". The parser rarely takes the
        capitalised verb for a verb; the name before it speaks, the rest is what was
        said. Only a present form ("Says", "Slams") or a past one after "Just"."""
        doc, sent = verb.doc, verb.sent
        before = doc[verb.i - 1]
        if before.lower_ == "just":
            if verb.i - 1 <= sent.start:
                return None
            before = doc[verb.i - 2]
        elif not verb.lower_.endswith("s"):
            return None
        words = [t for t in sent if t.is_alpha]
        if len(words) < 4 or before.i < sent.start or not before.is_title or any(
                not (t.is_title or t.is_upper) and len(t) > 3 for t in words):
            return None
        if any(t.tag_ in ("VBZ", "VBD", "VBP", "MD") for t in doc[sent.start:before.i]):
            return None  # "Party Boosts Spending In Battleground States": a verb came first
        start = verb.i + 1
        if start < sent.end and doc[start].lower_ in ("on", "for", "to", "of"):
            start += 1  # "Calls On", "Calls For"
        end = sent.end
        while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
            end -= 1
        if sum(1 for t in doc[start:end] if t.is_alpha) < 2:
            return None
        return start, end, [verb], before

    def _urged_thing(self, verb: Token):
        """"X urged restraint", "X urged a strong stand": what is urged, when
        the object is a thing rather than the people urged."""
        if self._lemma(verb) not in ("urge", "demand") or any(
                c.dep_ in ("xcomp", "ccomp") for c in verb.children):
            return None
        objects = [c for c in verb.rights if c.dep_ == "dobj"]
        if not objects or objects[0].pos_ != "NOUN" or objects[0].ent_type_ \
                or self._resolver.can_speak(objects[0]):
            return None
        subject = self._speaking_subject(verb)
        if subject is None:
            return None
        return self._said_through(verb, subject, objects[0])

    def _request(self, verb: Token):
        """"X asked to see the files": what was asked for; "asked by X to
        respond": the same, asked by the agent."""
        if self._lemma(verb) != "ask":
            return None
        infinitives = [c for c in verb.rights if c.dep_ == "xcomp" and any(
            g.dep_ == "aux" and g.lower_ == "to" for g in c.children)]
        if not infinitives or any(c.dep_ in ("dobj", "dative") for c in verb.children):
            return None
        agents = [g for a in verb.children if a.dep_ == "agent"
                  for g in a.children if g.dep_ == "pobj"]
        passive = verb.tag_ == "VBN" and (agents or any(
            c.dep_ in ("nsubjpass", "auxpass") for c in verb.children))
        if passive:
            if not agents or not self._resolver.can_speak(agents[0]):
                return None
            subject = agents[0]
        else:
            subject = self._speaking_subject(verb)
            if subject is None:
                return None
        return self._said_through(verb, subject, infinitives[0], shortest=3)

    def _reason_given(self, verb: Token):
        """"X thanked the crew for their work", "X apologized for the delay":
        what the thanks or the apology is for."""
        if self._lemma(verb) not in _FOR_VERBS:
            return None
        subject = self._speaking_subject(verb)
        if subject is None:
            return None
        preps = [c for c in verb.rights if c.dep_ == "prep" and c.lower_ == "for"
                 and any(g.dep_ in ("pobj", "pcomp") for g in c.children)]
        if not preps:
            return None
        start, end = preps[0].i, preps[0].right_edge.i + 1
        if end - start < 2 or start <= subject.i < end:
            return None
        return start, self._clause_end(verb, end), self._cue_tokens(verb), subject

    def _evidence_clause(self, verb: Token):
        """"a poll found that ...", "the study suggests ...", "records show ...":
        a verb of evidence whose subject is a document, a poll or a record."""
        if self._lemma(verb) not in _EVIDENCE_VERBS and verb.lemma_.lower() not in _EVIDENCE_VERBS:
            return None
        subject = self._subject(verb)
        if subject is None or subject.i > verb.i or (
                subject.lemma_.lower() or subject.lower_) not in _EVIDENCE_NOUNS:
            return None
        comps = [c for c in verb.rights if c.dep_ == "ccomp"
                 and any(g.dep_ in _SUBJ_DEPS for g in c.children)]
        if not comps:
            return None
        start, end = comps[0].left_edge.i, comps[0].right_edge.i + 1
        if end - start < 3:
            return None
        return start, end, self._cue_tokens(verb), subject

    def _speaking_subject(self, verb: Token, gap_words: bool = True) -> Token | None:
        """The subject of ``verb`` when it can be a source: not "it", "this" or
        "which", not a relative word ("who", when ``gap_words``), and a person,
        group or body that can speak."""
        subject = self._subject(verb)
        if subject is None or subject.lower_ in _NON_SOURCES \
                or (gap_words and subject.lower_ in _GAP_WORDS) \
                or not self._resolver.can_speak(subject):
            return None
        return subject

    def _gap_clause(self, verb: Token):
        """"which critics said was unfair": a relative word before the speaker
        and a clause after the verb whose subject is that word (or missing)."""
        subject = self._speaking_subject(verb)
        if subject is None or subject.i > verb.i:
            return None
        first = mention_bounds(subject)[0]
        gap = self._doc[first - 1] if first > 0 else None
        worded = gap is not None and gap.lower_ in _GAP_WORDS and gap.tag_ in (
            "WDT", "WP", "IN")
        if not worded and verb.dep_ != "relcl":
            return None  # "a probe the agency said was over": a relative clause all the same
        comps = [c for c in verb.rights if c.dep_ in ("ccomp", "acomp", "xcomp")
                 and c.pos_ in ("VERB", "AUX")]
        if not comps:
            return None
        if any(g.dep_ in _SUBJ_DEPS and g.i > verb.i for g in comps[0].children) and not (
                worded and gap.lower_ in ("which", "what")):
            return None  # (only "which he said Y should pay for" keeps a subject)
        start, end = verb.i + 1, comps[0].right_edge.i + 1
        if end - start < 2:
            return None
        return start, end, self._cue_tokens(verb), subject

    def _as_reported(self, verb: Token):
        """"As X reported, CLAUSE" / "CLAUSE, as reported by X": the clause."""
        if verb.dep_ != "advcl" or not any(g.dep_ == "mark" and g.lower_ == "as"
                                           for g in verb.children):
            return None
        subject = self._speaking_subject(verb)
        if subject is None:
            return None
        head, doc = verb.head, self._doc
        lo, hi = verb.left_edge.i, verb.right_edge.i
        sent = verb.sent
        if lo == sent.start or (lo > sent.start and doc[lo - 1].text == ","):
            # the attribution opens the sentence or sits after a comma
            start = hi + 1
            end = head.right_edge.i + 1
            if lo > sent.start:
                start = head.left_edge.i
                parts = [(start, lo - 1), (hi + 1, end)]
                start, end = max(parts, key=lambda p: p[1] - p[0])
        else:
            return None
        if end - start < 3 or any(i in self._in_region for i in range(start, end)):
            return None
        return start, end, self._cue_tokens(verb), subject

    def _subjectless_that(self, verb: Token):
        """"said on Monday that Lee needs more time", with "Lee" parsed as a
        compound of "needs": a "that" clause after the verb is what was said."""
        subject = self._speaking_subject(verb)
        if subject is None or subject.i > verb.i:
            return None
        comps = [c for c in verb.rights if c.dep_ == "ccomp"
                 and any(g.dep_ == "mark" and g.lower_ == "that" and g.i < c.i
                         for g in c.children)]
        if not comps:
            return None
        start, end = comps[0].left_edge.i, comps[0].right_edge.i + 1
        return self._said(verb, subject, start, end, shortest=3)

    def _short_answer(self, verb: Token):
        """"55 percent said so", "most said yes", "a third said the same"."""
        subject = self._subject(verb)
        if subject is None or subject.i > verb.i:
            return None
        doc = self._doc
        if verb.i + 1 >= len(doc):
            return None
        first = doc[verb.i + 1]
        if first.lower_ in _SHORT_ANSWERS and first.head == verb and (
                verb.i + 2 >= len(doc) or doc[verb.i + 2].is_punct):
            return first.i, first.i + 1, self._cue_tokens(verb), subject
        if first.lower_ == "same" or (first.lower_ == "the" and verb.i + 2 < len(self._doc)
                                      and self._doc[verb.i + 2].lower_ == "same"):
            end = verb.i + 3 if first.lower_ == "the" else verb.i + 2
            end = self._same_about(end)  # speech_recall.py: "the same of Lee"
            return verb.i + 1, end, self._cue_tokens(verb), subject
        return None
