"""Reported statements the other rules leave out (issue 9, recall): a mixin of
:class:`toolkit.pipeline.quotes.QuoteExtractor`, tried for a token nothing else
has made a statement of (the extractor supplies ``_doc``, ``_subject``,
``_resolver``, ``_is_cue``, ``_cue_tokens`` and friends).

* a speech verb in "-ing" form that describes a noun: "issued a statement
  saying that ...", "fired back a response saying ...", "voters saying they
  ...": the clause it takes, said by whoever issued the statement (the subject
  of the verb the statement hangs on) or by the people the noun names;
* what a source would not say: "would not say whether ...", "declined to
  comment on the deal", "did not respond to questions about ..." (the open
  question or the topic; a reporter's "request for comment" is neither);
* what is asked for: "X asked for a recount", "pressed for talks";
* a passive speech verb with its source as agent: "As reported by the Ledger,
  CLAUSE" and "The ban was first reported by the Ledger";
* what an agreement is about: "agreed on a plan", "agrees with the ruling";
* an act named by an "-ing" form a speech verb takes: "proposed taxing carbon"
  (up to a second verb of the speaker's own: "... and signaled support");
* the "that" clause of a noun of saying: "made the point that ...", "Lee's
  argument was that ...", said by its owner or whoever made the point;
* a reported clause the parser hung under a word without a subject ("said
  presumptive nominee Lee was ..." with "presumptive" taken for the clause);
* the target of a noun of praise or blame with its owner: "her attacks on Reed";
* a speech verb in an infinitive of purpose: "went on TV to say he would run";
* "It said it would appeal" / "..., it said.": "it" for a company or agency
  (plain speech verbs);
* "X is said to be weighing a run": what X is said to do, by no one named;
* "X described how the deal fell apart": a framing verb's question clause.
"""

from __future__ import annotations

from spacy.tokens import Token

from toolkit.pipeline.reported import _SUBJ_DEPS
from toolkit.pipeline.speech import MEDIUM_NOUNS, WEAK_REPORTING_VERBS
from toolkit.pipeline.statement_shapes import _NON_SOURCES

#: Nouns for what one issues or sends that carry words: "a response saying ...".
_CARRIER_NOUNS = MEDIUM_NOUNS | frozenset("""
response reply note notice ad ads advertisement advertisements commercial commercials
comment comments call calls text texts editorial op-ed column book petition
""".split())


#: Speech verbs whose refusal still names what was asked: "would not say whether".
_WITHHELD_VERBS = frozenset("say disclose specify reveal confirm comment explain "
                            "elaborate respond".split())
#: Of those, the ones whose refusal names its topic: "declined to comment on the
#: deal", "did not respond to requests for comment".
_TOPIC_PREPS = {"comment": ("on", "about", "for"), "respond": ("to",)}
#: Verbs of asking whose "for" names what is asked for: "asked for a recount".
_ASKING_VERBS = frozenset("ask press plead beg appeal".split())
#: Words that open the writer's contrast rather than more of what was said.
_CONTRAST_MARKS = frozenset("while though although whereas".split())
#: Speech verbs and the prepositions that give what they are about (beside
#: reported.py's talk/speak/comment list): "agreed on a plan". ("responded to"
#: was tried on PolNeAR train: precision fell.)
_MORE_TOPIC_PREPS = {"agree": ("on", "with")}
#: Nouns of saying whose "that" clause is what was said: "made the point that".
_ARGUMENT_NOUNS = frozenset("""
point argument case claim contention assertion allegation accusation charge promise
pledge prediction suggestion statement warning assurance message position insistence
complaint remark comment observation announcement admission acknowledgment
""".split())
#: Nouns of praise or blame and the prepositions that name their target.
_TARGET_NOUNS = {"attack": ("on", "against"), "criticism": ("of",), "praise": ("for", "of"),
                 "broadside": ("against", "on"), "denunciation": ("of",),
                 "condemnation": ("of",)}
_WH_WORDS = frozenset("who whom whose what which when where why how whether if".split())


class SpeechRecall:
    """Mixin: statement shapes added for recall (see the module docstring)."""

    def _reported_tail(self, verb: Token, end: int) -> int:
        """The end of what ``verb`` reports when its clause ends at ``end``: a
        parser often hangs an adverbial clause of the reported sentence on the
        reporting verb ("insisted the budget was balanced, since the tax had
        raised more"); the statement runs on through it, unless it is the
        writer's contrast (", while ...", ", though ..."), an "-ing" clause, or
        holds a quote, a colon, another speech verb or an attribution.
        (Conjuncts and other dependents were tried on PolNeAR train: they cost
        precision.)"""
        doc = self._doc
        sent_end = verb.sent.end
        if end <= verb.i:
            return end  # the attribution follows the clause
        new_end = end
        for child in verb.rights:
            if child.right_edge.i < end:
                continue
            if child.dep_ in ("punct", "cc"):
                continue
            if child.dep_ != "advcl" or child.tag_ == "VBG" or any(
                    g.dep_ == "mark" and g.lower_ in _CONTRAST_MARKS for g in child.children):
                return end
            span = doc[child.left_edge.i:child.right_edge.i + 1]
            if any(t.i in self._in_region or t.text in (":", ";") or t.lower_ == "according"
                   or (self._is_cue(t) and t.dep_ in ("ROOT", "conj", "advcl", "ccomp",
                                                      "parataxis", "relcl"))
                   for t in span):
                return end
            new_end = child.right_edge.i + 1
        while new_end > end and (doc[new_end - 1].is_punct or doc[new_end - 1].is_space):
            new_end -= 1
        return min(new_end, sent_end)

    def _same_about(self, end: int) -> int:
        """"said the same about Lee": the short answer takes its topic along."""
        doc = self._doc
        if end < len(doc) and doc[end].lower_ in ("about", "of", "for") \
                and doc[end].dep_ == "prep":
            return doc[end].right_edge.i + 1
        return end

    def _more_statements(self, token: Token):
        if token.pos_ == "NOUN":
            return self._argument_clause(token) or self._noun_target(token)
        if not self._is_verb(token):
            return None
        if self._unsaid(token):
            return self._withheld(token)
        return (self._describing_speech(token) or self._asked_for(token)
                or self._reported_by(token) or self._more_topics(token)
                or self._gerund_object(token) or self._misparsed_clause(token)
                or self._purpose_of_saying(token) or self._it_said(token)
                or self._said_to_be(token) or self._described_how(token))

    def _described_how(self, verb: Token):
        """"X described how the deal fell apart": the clause a framing verb takes
        when it is a question word's ("how", "what", "why")."""
        if self._lemma(verb) not in ("describe", "detail", "outline", "recount"):
            return None
        comps = [c for c in verb.rights if c.dep_ in ("ccomp", "dobj", "xcomp")
                 and c.left_edge.lower_ in _WH_WORDS and c.left_edge.i > verb.i]
        return self._phrase_said(verb, comps)

    def _clause_of(self, verb: Token):
        comps = [c for c in verb.rights if c.dep_ == "ccomp"
                 and any(g.dep_ in _SUBJ_DEPS for g in c.children)]
        return comps[0] if comps else None

    def _purpose_of_saying(self, verb: Token):
        """"went on TV to say he would run", "stood up to say ...": a speech
        verb in an infinitive of purpose, said by the subject of the verb it
        hangs on."""
        if verb.dep_ != "advcl" or not self._is_cue(verb, reported=True) or not any(
                g.dep_ == "aux" and g.lower_ == "to" for g in verb.children):
            return None
        clause = self._clause_of(verb)
        if clause is None or clause.i < verb.i:
            return None
        subject = self._speaking_subject(verb.head, gap_words=False)
        if subject is None:
            return None
        return self._said(verb, subject, clause.left_edge.i, clause.right_edge.i + 1,
                          shortest=3)

    def _it_said(self, verb: Token):
        """"It said it would appeal": "it" for a company or an agency named
        before (a plain speech verb with a clause; not "it suggests")."""
        if not self._is_cue(verb, reported=True) or self._lemma(verb) in WEAK_REPORTING_VERBS:
            return None
        subjects = [c for c in verb.children if c.dep_ == "nsubj"]
        if len(subjects) != 1 or subjects[0].lower_ != "it" or subjects[0].i > verb.i:
            return None
        clause = self._clause_of(verb)
        if clause is None or clause.i < verb.i:
            trailing = self._trailing_content(verb, subjects[0])  # "..., it said."
            if trailing is None:
                return None
            return (*trailing, self._cue_tokens(verb), subjects[0])
        return self._said(verb, subjects[0], clause.left_edge.i, clause.right_edge.i + 1,
                          shortest=3)

    def _said_to_be(self, verb: Token):
        """"X is said to be weighing a run": the subject and what it is said to
        do, by no one named."""
        if self._lemma(verb) != "say" or not any(c.dep_ == "auxpass" for c in verb.children):
            return None
        subjects = [c for c in verb.children if c.dep_ == "nsubjpass"]
        infinitives = [c for c in verb.rights if c.dep_ == "xcomp" and any(
            g.dep_ == "aux" and g.lower_ == "to" for g in c.children)]
        if not subjects or not infinitives or subjects[0].lower_ in _NON_SOURCES:
            return None
        start, end = subjects[0].left_edge.i, infinitives[0].right_edge.i + 1
        return start, end, self._cue_tokens(verb), None

    def _misparsed_clause(self, verb: Token):
        """"said presumptive nominee Lee was a failure" with the adjective taken
        for the clause: a clause without a subject of its own whose words hold
        a clause with one is still what was said."""
        if not self._is_cue(verb, reported=True):
            return None
        comps = [c for c in verb.rights if c.dep_ == "ccomp"
                 and not any(g.dep_ in _SUBJ_DEPS for g in c.children)
                 and any(t.dep_ in _SUBJ_DEPS and t.head.pos_ in ("VERB", "AUX")
                         and t.head != c for t in c.subtree)]
        return self._phrase_said(verb, comps)

    def _gerund_object(self, verb: Token):
        """"X proposed taxing carbon", "X denied having met him": the act named
        by the "-ing" form a speech verb takes as its object."""
        if not self._is_cue(verb) or any(c.dep_ in ("dobj", "ccomp") for c in verb.children):
            return None
        gerunds = [c for c in verb.rights if c.dep_ in ("xcomp", "pcomp", "ccomp")
                   and c.tag_ == "VBG" and not any(g.dep_ in ("aux", "mark") or g.dep_ in
                                                   ("nsubj", "nsubjpass") for g in c.children)]
        if not gerunds:
            return None
        subject = self._speaking_subject(verb, gap_words=False)
        if subject is None:
            return None
        gerund = gerunds[0]
        start, end = gerund.i, self._clause_end(verb, gerund.right_edge.i + 1)
        finite = [c for c in gerund.rights if c.dep_ == "conj" and c.tag_ != "VBG"]
        if finite:  # "proposed X and signaled Y": the second verb is the speaker's own
            end = finite[0].left_edge.i
            while end > start and (self._doc[end - 1].dep_ == "cc" or self._doc[end - 1].is_punct):
                end -= 1
        return self._said(verb, subject, start, end)

    def _more_topics(self, verb: Token):
        """"X agreed on a plan", "agrees with the ruling": what the agreement
        is about."""
        preps = _MORE_TOPIC_PREPS.get(self._lemma(verb))
        if not preps or any(c.dep_ in ("ccomp", "dobj", "xcomp") for c in verb.children):
            return None
        return self._prep_object_said(verb, preps)

    def _prep_object_said(self, verb: Token, preps, *, comment_requests: bool = False):
        """The object of ``verb``'s preposition (one of ``preps``) as what its
        subject said, up to the end of the clause; a request for comment is
        skipped unless ``comment_requests``."""
        found = [g for c in verb.rights if c.dep_ == "prep" and c.lower_ in preps
                 for g in c.children if g.dep_ in ("pobj", "pcomp")
                 and (comment_requests or not self._asks_for_comment(g))]
        if not found:
            return None
        subject = self._speaking_subject(verb, gap_words=False)
        if subject is None:
            return None
        return self._said_through(verb, subject, found[0])

    def _reported_by(self, verb: Token):
        """A passive speech verb with its source as agent: "As reported by the
        Ledger, CLAUSE" (the clause) and "The ban was first reported by the
        Ledger" (the subject)."""
        if verb.tag_ != "VBN" or not self._is_cue(verb):
            return None
        agents = [g for a in verb.children if a.dep_ == "agent"
                  for g in a.children if g.dep_ == "pobj"]
        if not agents or not self._resolver.can_speak(agents[0]):
            return None
        source, doc, sent = agents[0], self._doc, verb.sent
        if verb.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ == "as"
                                        for g in verb.children):
            lo, hi = verb.left_edge.i, verb.right_edge.i
            head = verb.head
            if lo == sent.start and hi + 1 < sent.end and doc[hi + 1].text == ",":
                start, end = hi + 2, head.right_edge.i + 1  # "As reported by X, ..."
            elif lo > sent.start and doc[lo - 1].text == "," and hi + 2 >= sent.end:
                start, end = head.left_edge.i, lo - 1  # "..., as reported by X."
            else:
                return None
            if end - start < 3 or any(i in self._in_region for i in range(start, end)):
                return None
            return start, end, self._cue_tokens(verb), source
        subjects = [c for c in verb.children if c.dep_ == "nsubjpass"]
        if not subjects or any(c.dep_ in ("ccomp", "xcomp", "oprd", "dobj")
                               for c in verb.children):
            return None
        subject = subjects[0]
        if subject.lower_ in _NON_SOURCES or subject.pos_ == "PRON":
            return None
        start, end = subject.left_edge.i, subject.right_edge.i + 1
        return start, end, self._cue_tokens(verb), source

    def _argument_clause(self, noun: Token):
        """"made the point that ...", "Lee's argument was that ...", "repeated
        his claim that ...": the "that" clause of a noun of saying, said by
        its owner or by whoever made, raised or repeated it."""
        if (noun.lemma_.lower() or noun.lower_) not in _ARGUMENT_NOUNS:
            return None

        def that_clause(c: Token) -> bool:
            return c.i > noun.i and any(g.dep_ == "mark" and g.lower_ == "that"
                                        for g in c.children) and any(
                g.dep_ in _SUBJ_DEPS for g in c.children)

        clauses = [c for c in noun.rights if c.dep_ in ("acl", "ccomp", "appos", "relcl")
                   and that_clause(c)]
        if not clauses and noun.dep_ == "nsubj" and (noun.head.lemma_ == "be"):
            clauses = [c for c in noun.head.rights if c.dep_ in ("ccomp", "attr")
                       and that_clause(c)]  # "her point was that ..."
        if not clauses:
            return None
        speaker = self._noun_owner(noun)
        if speaker is None and noun.dep_ == "dobj" and self._is_verb(noun.head):
            speaker = self._subject(noun.head)  # "made the point that ..."
        if speaker is None or speaker.lower_ in _NON_SOURCES \
                or not (speaker.dep_ == "poss" or self._resolver.can_speak(speaker)):
            return None
        start, end = clauses[0].left_edge.i, clauses[0].right_edge.i + 1
        return self._said(noun, speaker, start, end, shortest=3)

    def _noun_target(self, noun: Token):
        """"Lee's attacks on Reed": the target of praise or blame named by a
        noun with its owner (a one-word name too, which noun_cues.py leaves)."""
        preps = _TARGET_NOUNS.get(noun.lemma_.lower() or noun.lower_)
        if not preps:
            return None
        targets = [g for c in noun.rights if c.dep_ == "prep" and c.lower_ in preps
                   for g in c.children if g.dep_ in ("pobj", "pcomp")]
        if not targets:
            return None
        speaker = self._noun_owner(noun)
        if speaker is None:
            return None
        target = targets[0]
        start, end = target.left_edge.i, target.right_edge.i + 1
        if start <= speaker.i < end:
            return None
        return start, end, [noun], speaker

    def _asked_for(self, verb: Token):
        """"X asked for a recount", "X pressed for talks": what is asked for."""
        if self._lemma(verb) not in _ASKING_VERBS or any(
                c.dep_ in ("dobj", "ccomp", "dative") for c in verb.children):
            return None
        return self._prep_object_said(verb, ("for",), comment_requests=True)

    def _withheld(self, verb: Token):
        """"would not say whether ...", "declined to say how ...": the question
        left open, said (or not) by the subject."""
        if self._lemma(verb) not in _WITHHELD_VERBS:
            return None
        comps = [c for c in verb.rights if c.dep_ in ("ccomp", "xcomp", "advcl")
                 and (c.left_edge.lower_ in _WH_WORDS or any(
                     g.dep_ == "mark" and g.lower_ in ("whether", "if") for g in c.children))]
        if not comps and self._lemma(verb) in _TOPIC_PREPS:
            comps = [g for c in verb.rights if c.dep_ == "prep"
                     and c.lower_ in _TOPIC_PREPS[self._lemma(verb)]
                     for g in c.children if g.dep_ in ("pobj", "pcomp")
                     and not self._asks_for_comment(g)][:1]
        return self._phrase_said(verb, comps)

    def _phrase_said(self, verb: Token, phrases: list[Token]):
        """The first of ``phrases`` (a clause or an object of ``verb``), whole, as
        what the verb's subject said; None without phrases, without a subject
        that can speak, or under three tokens."""
        if not phrases:
            return None
        subject = self._speaking_subject(verb, gap_words=False)
        if subject is None:
            return None
        return self._said(verb, subject, phrases[0].left_edge.i, phrases[0].right_edge.i + 1,
                          shortest=3)

    @staticmethod
    def _asks_for_comment(noun: Token) -> bool:
        """"a request for comment": the reporter's question, not a topic."""
        return any(t.lower_ in ("comment", "comments", "interview", "interviews")
                   for t in noun.subtree if t.i > noun.i)

    def _describing_speech(self, verb: Token):
        """"issued a statement saying (that) ...", "voters saying they ..."."""
        if verb.dep_ != "acl" or verb.tag_ != "VBG" or not self._is_cue(verb, reported=True):
            return None
        noun = verb.head
        if noun.pos_ not in ("NOUN", "PROPN") or noun.i > verb.i:
            return None
        comps = [c for c in verb.rights if c.dep_ == "ccomp"
                 and any(g.dep_ in _SUBJ_DEPS for g in c.children)]
        if not comps:
            return None
        speaker = None
        if (noun.lemma_.lower() or noun.lower_) in _CARRIER_NOUNS:
            holder = noun.head if noun.dep_ in ("dobj", "pobj") else None
            if holder is not None and holder.dep_ == "prep":
                holder = holder.head  # "responded with a note saying ..."
            if holder is not None and self._is_verb(holder):
                speaker = self._subject(holder)
            if speaker is None:
                speaker = self._source_behind(noun)
                if speaker is noun:
                    speaker = None
        elif self._resolver.can_speak(noun):
            speaker = noun
        else:
            return None
        if speaker is not None and speaker.lower_ in _NON_SOURCES:
            speaker = None
        start, end = comps[0].left_edge.i, comps[0].right_edge.i + 1
        if end - start < 2 or (speaker is not None and start <= speaker.i < end):
            return None
        return start, end, self._cue_tokens(verb), speaker
