"""Reported speech and the statements around partial quotes: the half of
:class:`toolkit.pipeline.quotes.QuoteExtractor` that works on the parse alone
(a mixin; the extractor supplies ``_doc``, ``_is_cue``, ``_subject`` and friends)."""

from __future__ import annotations

import dataclasses

from spacy.tokens import Doc, Token

from toolkit.pipeline.coref import mention_bounds
from toolkit.pipeline.quote_marks import _TERMINAL, QuoteRegion, _starts_sentence
from toolkit.pipeline.speech import (CONTENT_NOUNS, FRAMING_VERBS, MEDIUM_NOUNS, NOMINAL_VERBS,
                                     RELATIVE_WORDS, WEAK_REPORTING_VERBS, verb_forms)

#: Dependents of a verb that set the scene rather than say anything.
_ADVERBIAL_DEPS = frozenset("advcl advmod prep npadvmod mark cc intj".split())
_SUBJ_DEPS = ("nsubj", "nsubjpass", "expl", "csubj", "csubjpass")
#: Prepositions that introduce the content of an abstract noun ("the need for").
_CONTENT_PREPS = frozenset("of about over for on regarding concerning to around at".split())
_NOMINAL_FORMS = verb_forms(NOMINAL_VERBS)
_NON_SOURCES = ("it", "this", "that", "there", "what")
#: Verbs whose "to say" means the saying did not happen: "declined to say".
_REFUSAL_VERBS = frozenset("avoid decline fail refuse".split())
#: Speech verbs whose object is the person spoken to, not what was said.
_ADDRESSEE_VERBS = frozenset("tell ask inform notify assure warn remind urge thank "
                             "brief answer".split())

#: Speech verbs that report only with a clause ("maintained that ...", "added that
#: ..."): their object is a thing kept or added ("continued the tour"), or a language
#: spoken ("speaks the language of partnership"), not what was said.
_CLAUSE_ONLY_VERBS = frozenset("maintain add continue speak".split())

#: Speech verbs of praise or blame: the person or body they take is what the
#: attribution is about ("criticized the mayor", "praised Lee").
_EVALUATIVE_VERBS = frozenset("attack criticize criticise praise blast slam lambast "
                              "lambaste".split())
#: Verbs of appeal: what is asked for is reported ("urged voters to stay home").
_APPEAL_VERBS = frozenset("call urge ask press implore beg encourage exhort tell warn advise "
                          "instruct order remind".split())

#: Speech verbs and the prepositions that give their topic ("talked about").
_TOPIC_PREPS = {
    **{v: ("about",) for v in "talk speak write joke tweet post testify comment "
                              "complain boast brag".split()},
    **{v: ("about", "of") for v in "talk speak warn complain boast brag".split()},
    **{v: ("about", "on") for v in "comment testify elaborate".split()},
    "point": ("to",),  # "pointed to the rising costs"
}
#: Words that open the writer's own clause after an attribution (", because ...").
_NOT_RESUMING = frozenset("because while although though as after before when since until unless "
                          "if whereas who which whose whom where adding noting saying "
                          "according".split())
#: Words that make a subject a share of those polled ("half", "a majority").
_SHARE_WORDS = frozenset("percent % half third thirds quarter quarters fifth fifths "
                         "majority minority plurality".split())
#: Nouns that name a poll, the source of what a share of its respondents "said".
_POLL_NOUNS = frozenset("poll polls survey surveys".split())
#: Entity types a topic preposition's object never is: "spoke on Monday".
_NOT_TOPICS = frozenset("DATE TIME GPE LOC FAC CARDINAL ORDINAL".split())
#: Prepositions and nouns that give the channel or occasion of speaking ("in a
#: tweet", "through his lawyer", "at a rally"): how it was said, not what.
_CHANNEL_PREPS = frozenset("in on through via during at".split())
_CHANNEL_NOUNS = MEDIUM_NOUNS | frozenset("""
spokesman spokeswoman spokesperson lawyer lawyers attorney attorneys representative aide
rally rallies show program programme appearance conference debate event hearing
op-ed column episode broadcast town-hall call meeting summit forum session
""".split())
#: What a source asks not to be, for anonymity: "asked not to be named".
_ANONYMITY = frozenset("name identify quote publish disclose".split())
#: What one "claims" or "posts" in the sense of taking it: "claimed victory".
_TAKEN_THINGS = frozenset("victory victories win wins responsibility prize prizes".split())
#: One-word statements: "most said so" (see statement_shapes.py).
_SHORT_ANSWERS = frozenset("so yes no".split())


@dataclasses.dataclass
class _Quote:
    kind: str
    start: int  # token range of the content
    end: int
    region: QuoteRegion | None = None
    cue: list[Token] = dataclasses.field(default_factory=list)
    speaker: Token | None = None
    inherited: dict | None = None  # speaker fields copied from an earlier quote
    data: dict | None = None




class ReportedSpeech:
    """Mixin: finds reported speech for the quote extractor."""

    # -- partial quotes inside reported speech -----------------------------------
    def _enclosing_statements(self, direct: list[_Quote], reported: list[_Quote]) -> list[_Quote]:
        """A partial quote governed by a cue verb ('called the plan "a serious
        mistake"', 'pledged to fight "until the end"') is part of a statement: the
        verb's complement, with the quoted words inside it, said by the cue's
        subject. Returns the statements no reported speech covers yet."""
        from bisect import bisect_left, bisect_right, insort

        doc, out = self._doc, []
        # Spans already covered, sorted by start, with the longest one's length:
        # a span that contains a quote starts in [quote.end - longest, quote.start],
        # so each test looks at that window only (linear in the article's length).
        covered = sorted((q.start, q.end) for q in reported)
        longest = max((b - a for a, b in covered), default=0)
        for quote in direct:
            if not quote.cue or quote.speaker is None or quote.region is None:
                continue
            if _starts_sentence(self._text, self._para_start(quote.region.open),
                                quote.region.open):
                continue  # a full quote, not a fragment of a clause
            verb = quote.cue[0]
            if verb.i >= quote.start:
                continue  # the cue follows the quote: "'...', he called it"
            window = covered[bisect_left(covered, (quote.end - longest,)):
                             bisect_right(covered, (quote.start, float("inf")))]
            if any(a <= quote.start and quote.end <= b for a, b in window):
                continue  # already inside reported speech
            right = [c for c in verb.rights if c.dep_ not in ("punct", "cc", "conj")
                     and c.dep_ not in _SUBJ_DEPS]
            clause = [c for c in right if c.dep_ == "ccomp"]
            if clause and any(g.dep_ in _SUBJ_DEPS for c in clause for g in c.children):
                right = clause  # "told parliament that ...": the clause only
            # (a clause without its subject: the parser hung the subject on the verb)
            if not right:
                continue
            start = min(c.left_edge.i for c in right)
            end = max(c.right_edge.i for c in right) + 1
            if quote.end > end and all(doc[i].is_punct for i in range(end, quote.end)):
                end = quote.end  # the closing mark and stop the parser hung elsewhere
            if not (start <= quote.start and quote.end <= end):
                continue
            start, end = self._trim(start, end)
            if end - start <= (quote.end - quote.start) + 1:
                continue  # the quote is the whole complement: nothing to add
            insort(covered, (start, end))
            longest = max(longest, end - start)
            out.append(_Quote("reported", start, end, cue=list(quote.cue),
                              speaker=quote.speaker))
        return out

    # -- reported speech ---------------------------------------------------------
    def _reported(self, doc: Doc, direct: list[_Quote]) -> list[_Quote]:
        out: list[_Quote] = []
        seen: set[tuple[int, int]] = set()
        for token in doc:
            if token.i in self._in_region:
                continue
            found = None
            if token.lower_ == "according" and token.i + 1 < len(doc) \
                    and doc[token.i + 1].lower_ == "to":
                found = self._according_to(token)
            elif self._is_cue(token, reported=True):
                found = self._reporting_clause(token)
            if found is None and self._is_cue(token):
                found = self._object_statement(token)
            if found is None and self._is_verb(token):
                found = self._nominal_content(token)
            if found is None and self._is_verb(token):
                found = self._appeal(token)
            if found is None and self._is_verb(token):
                found = self._topic(token)
            if found is None and self._is_verb(token):
                found = self._commitment(token) or self._question(token)
            if found is None and token.pos_ == "NOUN":
                found = self._noun_statement(token)  # "her call for a ceasefire"
            if found is None:
                found = self._recall_statement(token)  # statement_shapes.py
            if found is None:
                found = self._more_statements(token)  # speech_recall.py
            if found is None:
                continue
            start, end, cue, speaker = found
            start, end = self._trim(start, end)
            end = self._gloss_cut(start, end)
            end = self._second_statement_cut(start, end)
            if end - start < 2 - (end > start and (doc[start].lower_ in _SHORT_ANSWERS
                                                   or self._named_target(doc[start], cue))) \
                    or (start, end) in seen:
                continue
            inside = sum(1 for i in range(start, end) if i in self._in_region)
            if inside * 5 > 4 * (end - start) or self._cuts_a_quote(start, end):
                continue  # the attribution of a direct quote, not reported speech
            seen.add((start, end))
            inherited = self._owner_fields(speaker) if speaker is not None \
                and speaker.dep_ == "poss" else None
            if inherited is not None:
                speaker = None  # "his call": resolved like "he"
            out.append(_Quote("reported", start, end, cue=cue, speaker=speaker,
                              inherited=inherited))
        return out

    def _named_target(self, token: Token, cue: list[Token]) -> bool:
        """A one-word name that a verb of praise or blame takes: "praised Lee"."""
        if not cue or token.pos_ != "PROPN":
            return False
        if token.dep_ == "pobj" and token.head.head == cue[0] and cue[0].pos_ == "NOUN":
            return True  # "her attacks on Reed" (speech_recall.py)
        return token.dep_ == "dobj" and token.head == cue[0] \
            and self._lemma(cue[0]) in _EVALUATIVE_VERBS

    def _gloss_cut(self, start: int, end: int) -> int:
        """A statement that ends in a relative clause set off by a comma ("...
        a win in Texas, which votes in March") ends before it: the writer's gloss
        of a name, not what was said (unless the clause holds a quote)."""
        doc = self._doc
        for t in doc[start:end]:
            if t.dep_ != "relcl" or t.right_edge.i < end - 1:
                continue
            first = t.left_edge
            comma = first.i - 1
            if comma - start < 3 or doc[comma].text != "," or first.lower_ not in (
                    "which", "who", "whose", "whom", "where"):
                continue
            if t.head.pos_ != "PROPN":
                continue  # a gloss of a name: "Texas, which votes in March"
            if any(i in self._in_region or self._is_cue(doc[i]) for i in range(first.i, end)):
                continue  # a quote, or a statement of its own ("which he called ...")
            return comma
        return end

    def _second_statement_cut(self, start: int, end: int) -> int:
        """A statement that goes on, after a comma or dash, with a clause in
        which someone else reports something ("... the plan, while 40 percent
        said they would wait") ends before it: that clause is a statement of its
        own (relative clauses, "which he called ...", are left to the gloss rule)."""
        doc = self._doc
        for t in doc[start + 3:end]:
            if t.right_edge.i < end - 1 or not start <= t.head.i < t.left_edge.i:
                continue  # not a clause that ends the statement, hung on what comes before
            if t.dep_ == "relcl" or t.left_edge.tag_ in ("WDT", "WP", "WRB") \
                    or not self._is_cue(t):
                continue
            if not (any(g.dep_ in ("nsubj", "nsubjpass") for g in t.children)
                    and any(g.dep_ == "ccomp" and g.i > t.i for g in t.children)):
                continue
            cut = t.left_edge.i - 1
            while cut > start and doc[cut].dep_ == "cc":
                cut -= 1
            if cut - start >= 3 and doc[cut].text in (",", ";", "—", "–", "-", "--") \
                    and cut not in self._in_region:
                return cut
        return end

    @staticmethod
    def _share_of_respondents(subject: Token) -> bool:
        """"46 percent (of voters) said", "Nearly half say", "4 in 10 said"."""
        doc = subject.doc
        start, end = mention_bounds(subject)
        phrase = doc[min(start, subject.left_edge.i):end]
        if subject.lower_ in _SHARE_WORDS or any(t.lower_ in ("percent", "%") for t in phrase):
            return True
        return any(a.like_num and b.lower_ == "in" and c.like_num
                   for a, b, c in zip(phrase, phrase[1:], phrase[2:]))

    def _poll_before(self, verb: Token) -> Token | None:
        """The poll named last before ``verb`` in its sentence ("In the survey,
        51 percent said ..."): the source of what a share of its respondents said.
        (Polls named in earlier sentences were tried on PolNeAR train: worse.)"""
        doc = self._doc
        for i in range(verb.i - 1, self._sents.bounds(verb.i)[0] - 1, -1):
            t = doc[i]
            if (t.lemma_.lower() or t.lower_) in _POLL_NOUNS and t.pos_ in ("NOUN", "PROPN"):
                return t
        return None

    def _cuts_a_quote(self, start: int, end: int) -> bool:
        """Whether ``[start, end)`` begins inside a direct quote that runs on
        past its end (a statement may begin with a whole partial quote)."""
        k = self._in_region.get(start)
        if k is None:
            return False
        return self._region_last.get(k, start) >= end + 1

    def _trim(self, start: int, end: int) -> tuple[int, int]:
        doc = self._doc
        while start < end and (doc[start].is_punct or doc[start].is_space
                               or doc[start].lower_ == "that" and doc[start].dep_ == "mark"):
            start += 1
        while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space) \
                and doc[end - 1].text not in ")]":
            end -= 1
        # keep the closing mark of a partial quote that ends the clause
        marks = sum(1 for t in doc[start:end] if t.is_quote)
        if marks % 2 and end < len(doc) and doc[end].is_quote:
            end += 1
        elif marks % 2 and end + 1 < len(doc) and doc[end].text in _TERMINAL + ",;" \
                and doc[end + 1].is_quote:
            end += 2  # 'would “do the right thing.”': the mark closes after the stop
        return start, end

    def _reporting_clause(self, verb: Token):
        # "say taxing fuel raises prices": a parser may make the clause an xcomp
        comps = [c for c in verb.children if c.dep_ == "ccomp" or (
            c.dep_ == "xcomp" and c.tag_ == "VBG" and c.i > verb.i
            and any(g.dep_ == "ccomp" for g in c.children))]
        after = [c for c in comps if c.i > verb.i]
        comps = after or comps
        if self._unsaid(verb):
            return None
        subject = self._subject(verb)
        if subject is None or subject.lower_ in _NON_SOURCES:
            return None
        if self._lemma(verb) in WEAK_REPORTING_VERBS and not self._resolver.can_speak(subject):
            return None
        if self._share_of_respondents(subject):
            subject = self._poll_before(verb) or subject  # "51 percent said": the poll's finding
        if not comps:  # "said in a statement that ...", "told analysts on a call
            # that ...": the parser hung the clause on the noun of the occasion
            comps = [c for prep in verb.rights if prep.dep_ == "prep"
                     for pobj in prep.children if pobj.dep_ == "pobj"
                     and (pobj.lemma_.lower() or pobj.lower_) in _CHANNEL_NOUNS
                     for c in pobj.rights if c.dep_ in ("acl", "ccomp", "relcl")
                     and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)]
        if comps and all(c.i < verb.i for c in comps):
            trailing = self._trailing_content(verb, subject)
            if trailing is not None:  # "So are the banks, Lee said." (no subject needed)
                return (*trailing, self._cue_tokens(verb), subject)
        if comps:
            if not any(any(g.dep_ in _SUBJ_DEPS for g in c.children) or c.dep_ == "xcomp"
                       for c in comps):
                return None
            # "said that A, but that B": a second "that" clause joined to the verb
            last = max(g.i for g in comps)
            comps = comps + [c for c in verb.rights if c.dep_ == "conj" and c.i > last
                             and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)]
            start = min(c.left_edge.i for c in comps)
            end = max(c.right_edge.i for c in comps) + 1
            for t in self._doc[start:end]:
                if t.i > start and self._misattached_conj(t) == verb:
                    cut = t.left_edge.i
                    while cut > start and (self._doc[cut - 1].dep_ == "cc"
                                           or self._doc[cut - 1].is_punct):
                        cut -= 1
                    end = cut
                    break
            if start <= subject.i < end:
                return None
            according = [t.i for t in self._doc[start:end] if t.lower_ == "according"
                         and t.i + 1 < end and self._doc[t.i + 1].lower_ == "to"]
            if according and according[-1] > start and max(
                    t.i for t in self._doc[according[-1]].subtree) >= end - 2:
                end = according[-1]  # "..., according to a filing" is not said by X
            else:
                end = self._reported_tail(verb, end)  # speech_recall.py
            return start, end, self._cue_tokens(verb), subject
        # "The talks failed, the minister said." (the attribution follows)
        trailing = self._trailing_content(verb, subject)
        if trailing is not None:
            return (*trailing, self._cue_tokens(verb), subject)
        if verb.dep_ == "parataxis" and verb.head.i < verb.i:
            sent = self._sentence(verb.i)
            start, end = sent.start, verb.left_edge.i
            if subject.i < verb.i:
                end = min(end, mention_bounds(subject)[0])
            return start, end, self._cue_tokens(verb), subject
        # "The economy, the governor said, is recovering": an attribution set off
        # by commas inside the clause it reports
        if verb.dep_ == "parataxis" and verb.head.i > verb.i:
            doc, sent = self._doc, self._sentence(verb.i)
            lo, hi = verb.left_edge.i, verb.right_edge.i
            lo -= lo > sent.start and doc[lo].text not in ",—–"
            hi += hi + 1 < sent.end and doc[hi].text not in ",—–"
            if lo > sent.start and doc[lo].text in ",—–" and doc[hi].text in ",—–":
                return sent.start, sent.end, self._cue_tokens(verb), subject
        return None

    def _trailing_content(self, verb: Token, subject: Token) -> tuple[int, int] | None:
        """"The plan is dead, said Ana Ruiz, a senator." / "..., Ruiz said on
        Monday.": an attribution set off by a comma at the end of its sentence
        reports everything before the comma, however the parser hung it."""
        doc, sent = self._doc, self._sentence(verb.i)
        if verb.dep_ not in ("ROOT", "parataxis") or sent.start >= verb.i:
            return None
        if any(c.dep_ in ("ccomp", "xcomp") and c.i > verb.i for c in verb.children):
            return None
        begin = min(verb.i, mention_bounds(subject)[0])
        if subject.i > verb.i:  # inverted: nothing but the verb before the subject
            if any(not (t.is_punct or t.dep_ in ("advmod", "npadvmod"))
                   for t in doc[verb.i + 1:mention_bounds(subject)[0]]):
                return None
        comma = begin - 1
        while comma > sent.start and doc[comma].is_space:
            comma -= 1
        if comma <= sent.start or doc[comma].text not in (",", "—", "–", "--"):
            return None
        if any(t.i in self._in_region for t in doc[begin:verb.i + 1]):
            return None  # the attribution of a direct quote
        content = doc[sent.start:comma]
        resumes = self._resumes_after(verb, subject, sent)
        if (len(content) < 3 and not resumes) or not (resumes or any(t.pos_ in ("VERB", "AUX") or t.is_quote
                                                   for t in content)):
            return None
        if resumes:  # "The levy, Ms. Reyes said, would be paid by firms": one statement
            return sent.start, sent.end
        # the attribution ends the sentence: no quote, colon or new clause after it
        for t in doc[verb.i + 1:sent.end]:
            if t.i in self._in_region or t.text in (":", ";") or (
                    t.head == verb and t.dep_ in ("advcl", "conj", "ccomp", "parataxis")):
                return None
        # an adverbial opening ("When asked, X said") is the writer's, not a claim
        if all(any(a.head == verb and a.dep_ in _ADVERBIAL_DEPS for a in t.ancestors)
               or (t.head == verb and t.dep_ in _ADVERBIAL_DEPS) or t.is_punct
               for t in content):
            return None
        return sent.start, comma

    def _resumes_after(self, verb: Token, subject: Token, sent) -> bool:
        """Whether the sentence goes on with what was said after an attribution set
        off by commas in its middle ("The levy would be paid, Ms. Reyes said, by the
        largest firms"), rather than with the writer's own words (", because ...",
        ", adding that ...", ", who ...")."""
        doc = self._doc
        after = verb.i
        if subject.i > verb.i:
            after = max(after, subject.right_edge.i)  # "said Ana Ruiz, a senator, ..."
        comma = next((t.i for t in doc[after + 1:sent.end] if t.text in (",", "—", "–")), None)
        if comma is None or any(t.i in self._in_region or t.text in (":", ";")
                                for t in doc[after + 1:comma]):
            return False
        rest = [t for t in doc[comma + 1:sent.end] if not (t.is_punct or t.is_space)]
        if sum(1 for t in rest if t.is_alpha) < 2:
            return False
        first = rest[0]
        if first.lower_ in _NOT_RESUMING or first.tag_ in ("WDT", "WP", "WRB") \
                or self._is_cue(first):
            return False
        if first.i in self._in_region and any(
                t.pos_ in ("VERB", "AUX") and t.i not in self._in_region
                for t in doc[sent.start:verb.i]):
            return False  # '... , he yelled, "Out!"': the quote is what he said
        # a later reporting verb of the attribution makes a statement of its own
        # (a verb hung on it without a subject of its own that is no speech verb
        # goes on with what was said: "The harbor had no debts, the council
        # added, and had passed every audit")
        return not any(t.head == verb and t.dep_ in ("conj", "advcl", "ccomp", "xcomp")
                       and (self._is_cue(t) or t.dep_ in ("advcl", "ccomp") or any(
                           g.dep_ in _SUBJ_DEPS for g in t.children))
                       for t in rest)

    def _said(self, verb: Token, subject: Token, start: int, end: int, shortest: int = 2):
        """What ``verb`` reports, tokens ``start:end`` said by ``subject``, as a
        ``(start, end, cue tokens, subject)`` statement; None when it is shorter
        than ``shortest`` tokens or holds its own speaker."""
        if end - start < shortest or start <= subject.i < end:
            return None
        return start, end, self._cue_tokens(verb), subject

    def _said_through(self, verb: Token, subject: Token, head: Token, shortest: int = 2):
        """``head``'s phrase and the rest of ``verb``'s clause after it (see
        :meth:`_clause_end`), said by ``subject``: "called for [a ban on arms in
        response to the tests]"."""
        return self._said(verb, subject, head.left_edge.i,
                          self._clause_end(verb, head.right_edge.i + 1), shortest)

    def _clause_end(self, verb: Token, end: int) -> int:
        """The end of what ``verb`` says, from ``end`` on: the statement runs on
        through the verb's later dependents ("called for a ban on arms in
        response to the tests"), up to a new clause or another speech verb."""
        for child in verb.rights:
            if child.right_edge.i < end:
                continue
            if child.dep_ in ("punct", "cc"):
                continue
            if all(t.ent_type_ in ("DATE", "TIME") or t.dep_ == "prep"
                   for t in child.subtree):
                break  # "on Monday": when it was said, not what
            if child.dep_ == "prep" and child.lower_ in _CHANNEL_PREPS and any(
                    g.dep_ == "pobj" and (g.lemma_.lower() or g.lower_) in _CHANNEL_NOUNS
                    for g in child.children):
                break  # "in a tweet", "through a spokeswoman": how it was said
            if child.dep_ in ("parataxis", "ccomp") or self._is_cue(child) \
                    or child.i in self._in_region \
                    or (child.dep_ == "conj" and child.pos_ in ("VERB", "AUX")):
                break
            if child.dep_ == "advcl" and any(g.dep_ in _SUBJ_DEPS for g in child.children):
                break  # "..., because he ..." is the writer's clause
            end = child.right_edge.i + 1
        return end

    def _object_statement(self, verb: Token):
        """A speech verb whose object is what was said: "X called the plan a
        failure", "X criticized the mayor for the delay", "X announced his
        resignation". Addressees ("told reporters") are not statements."""
        if self._lemma(verb) in _ADDRESSEE_VERBS or self._unsaid(verb):
            return None
        if self._lemma(verb) in _CLAUSE_ONLY_VERBS:
            return None  # "maintained a lead", "added 300 jobs"
        if any(c.dep_ in ("ccomp", "xcomp", "dative") for c in verb.children):
            return None
        subject = self._subject(verb)
        if subject is None or subject.lower_ in _NON_SOURCES \
                or not self._resolver.can_speak(subject):
            return None
        objects = [c for c in verb.rights if c.dep_ == "dobj"]
        if not objects:
            return None
        obj = objects[0]
        extra = [c for c in verb.rights if c.i > obj.i and (
            c.dep_ == "oprd" or (c.dep_ == "prep" and c.lower_ in ("for", "as", "of")))]
        if obj.pos_ not in ("NOUN", "PROPN") and not (obj.pos_ == "PRON" and extra):
            return None  # "called it a failure" keeps a pronoun object
        if obj.lower_ in _NON_SOURCES and not extra:
            return None
        if self._lemma(verb) in ("claim", "declare", "post") and (
                obj.lemma_.lower() or obj.lower_) in _TAKEN_THINGS:
            return None  # "claimed victory", "claimed responsibility": taken, not said
        # "described a rigged system" says something; "called the plan" does not
        framing = self._lemma(verb) in FRAMING_VERBS and self._lemma(verb) != "describe"
        if (framing or self._resolver.is_person(obj) or obj.ent_type_) and not extra:
            if self._lemma(verb) in _EVALUATIVE_VERBS:  # "criticized the mayor"
                return obj.left_edge.i, obj.right_edge.i + 1, self._cue_tokens(verb), subject
            return None  # "called the minister", "told Smith": no statement
        start = obj.left_edge.i
        end = self._clause_end(verb, max(t.right_edge.i for t in [obj, *extra]) + 1)
        return self._said(verb, subject, start, end)

    def _appeal(self, verb: Token):
        """An appeal: "X called on the board to resign", "X called for a
        ceasefire", "X urged voters to stay home". What is asked for is the
        statement: the addressee with the infinitive, or the thing called for."""
        lemma = self._lemma(verb)
        if lemma not in _APPEAL_VERBS or self._unsaid(verb):
            return None
        subject = self._subject(verb)
        if subject is None or subject.lower_ in _NON_SOURCES \
                or not self._resolver.can_speak(subject):
            return None
        infinitives = [c for c in verb.rights if c.dep_ == "xcomp"
                       and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children)]
        parts: list[Token] = []
        if lemma == "call":
            preps = [c for c in verb.rights if c.dep_ == "prep"
                     and c.lower_ in ("on", "upon", "for")
                     and any(g.dep_ in ("pobj", "pcomp") for g in c.children)]
            if not preps:
                # "called for the mayor to resign": the parser makes "for" the mark
                # of an infinitive clause with its own subject
                parts = [c for c in verb.rights if c.dep_ == "advcl" and any(
                    g.dep_ == "mark" and g.lower_ == "for" for g in c.children)
                         and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children)
                         and any(g.dep_ in _SUBJ_DEPS for g in c.children)][:1]
                if not parts:
                    return None
                start = min(g.left_edge.i for g in parts[0].children if g.dep_ != "mark")
                end = self._clause_end(verb, parts[0].right_edge.i + 1)
                return self._said(verb, subject, start, end)
            prep = preps[0]
            if prep.lower_ == "for":
                parts = [g for g in prep.children if g.dep_ in ("pobj", "pcomp")] + infinitives
            elif infinitives:
                parts = [g for g in prep.children if g.dep_ == "pobj"] + infinitives
        else:
            objects = [c for c in verb.rights if c.dep_ == "dobj"]
            if objects and infinitives and objects[0].i < infinitives[0].i:
                parts = [objects[0], *infinitives]
        if not parts:
            return None
        start = min(t.left_edge.i for t in parts)
        end = self._clause_end(verb, max(t.right_edge.i for t in parts) + 1)
        return self._said(verb, subject, start, end)

    def _topic(self, verb: Token):
        """What someone spoke about: "X talked about taxes", "X warned of
        delays", "X commented on the ruling". The preposition's object is the
        statement (its topic, when the words themselves are not given)."""
        preps = _TOPIC_PREPS.get(self._lemma(verb))
        if not preps or self._unsaid(verb):
            return None
        if any(c.dep_ in ("ccomp", "dobj") for c in verb.children):
            return None
        subject = self._subject(verb)
        if subject is None or subject.lower_ in _NON_SOURCES \
                or not self._resolver.can_speak(subject):
            return None
        found = [g for c in verb.rights if c.dep_ == "prep" and c.lower_ in preps
                 for g in c.children if g.dep_ in ("pobj", "pcomp")
                 and g.ent_type_ not in _NOT_TOPICS]
        if not found:
            return None
        return self._said_through(verb, subject, found[0])

    @staticmethod
    def _unsaid(verb: Token) -> bool:
        """"did not say whether ...", "declined to say when ...", "asked not to be
        named": nothing was said."""
        if any(c.dep_ == "neg" for c in verb.children):
            return True
        if (verb.lemma_.lower() or verb.lower_) in ("ask", "request") and any(
                c.dep_ in ("xcomp", "ccomp") and (c.lemma_.lower() or c.lower_) in _ANONYMITY
                and any(g.dep_ == "neg" for g in c.children) for c in verb.children):
            return True
        return verb.dep_ == "xcomp" and (verb.head.lemma_.lower() or verb.head.lower_) in \
            _REFUSAL_VERBS

    def _nominal_content(self, verb: Token):
        """"X mentioned the possibility of a deal", "X voiced concern that ...":
        a communication verb whose object is an abstract noun with a complement."""
        lemma = verb.lemma_.lower() if verb.lemma_ else ""
        if lemma not in NOMINAL_VERBS and verb.lower_ not in _NOMINAL_FORMS:
            return None
        if verb.i > 0 and verb.doc[verb.i - 1].text in ("-", "‑"):
            return None
        nouns = [c for c in verb.rights if c.dep_ == "dobj"
                 and ((c.lemma_.lower() if c.lemma_ else "") in CONTENT_NOUNS
                      or c.lower_ in CONTENT_NOUNS)]
        if not nouns or self._unsaid(verb):
            return None
        noun = nouns[0]
        subject = self._subject(verb)
        if subject is None or subject.lower_ in _NON_SOURCES \
                or not self._resolver.can_speak(subject):
            return None

        def that_clause(c: Token) -> bool:
            return (c.i > noun.i and c.dep_ in ("acl", "ccomp", "relcl", "appos")
                    and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)
                    and any(g.dep_ in _SUBJ_DEPS for g in c.children))

        clauses = [c for c in noun.children if that_clause(c)] or \
                  [c for c in verb.rights if c.dep_ == "ccomp" and that_clause(c)]
        if clauses:  # "expressed hope that the talks would succeed"
            clause = clauses[0]
            cue = sorted(self._cue_tokens(verb) + [noun], key=lambda t: t.i)
            return clause.left_edge.i, clause.right_edge.i + 1, cue, subject
        complement = [c for c in noun.rights
                      if (c.dep_ == "prep" and c.lower_ in _CONTENT_PREPS
                          and any(g.dep_ in ("pobj", "pcomp") for g in c.children))
                      or (c.dep_ == "acl" and any(g.dep_ == "aux" and g.lower_ == "to"
                                                  for g in c.children))]
        if not complement:
            return None
        return noun.left_edge.i, noun.right_edge.i + 1, self._cue_tokens(verb), subject

    def _source_behind(self, source: Token) -> Token:
        """"a report by the BBC", "a statement from the council": the source
        behind a document or occasion through which it speaks."""
        if source.pos_ not in ("NOUN", ""):
            return source
        medium = (source.lemma_.lower() or source.lower_) in MEDIUM_NOUNS
        for prep in source.rights:
            if prep.dep_ == "prep" and prep.lower_ in ("by", "from", "of"):
                named = [g for g in prep.children if g.dep_ == "pobj"
                         and (g.pos_ == "PROPN" or g.ent_type_
                              or (medium and prep.lower_ != "of"
                                  and self._resolver.can_speak(g)))]
                if named:
                    return named[0]
        return source

    def _according_to(self, token: Token):
        doc = self._doc
        to = doc[token.i + 1]
        objects = [c for c in to.children if c.dep_ == "pobj"]
        if not objects:
            return None
        source = self._source_behind(objects[0])  # "a report by the BBC": the BBC
        clause = token.head
        if clause == token or clause.i in self._in_region:
            return None
        phrase = set(t.i for t in token.subtree) | {token.i, to.i} | {t.i for t in to.subtree}
        lo, hi = clause.left_edge.i, clause.right_edge.i + 1
        if clause.dep_ != "ROOT":
            lo, hi = min(lo, clause.i), hi
        tokens = [i for i in range(lo, hi) if i not in phrase]
        if not tokens:
            return None
        start, end = tokens[0], tokens[-1] + 1
        first, last = min(phrase), max(phrase)
        if all(doc[i].is_punct or doc[i].is_space for i in range(last + 1, end)):
            end = first  # "The ship sank, according to the coast guard."
            sent_start = self._sents.bounds(token.i)[0]
            if doc[first - 1].text == "," and sent_start < start:
                start = sent_start  # "A rose, B fell and C sank, according to Y."
        # ("X, according to Y, did Z" keeps the whole clause, phrase included)
        # a trailing apposition is the writer's gloss, not the source's claim
        for t in doc[start:end]:
            if t.dep_ == "appos" and t.right_edge.i + 1 >= end - (doc[end - 1].is_punct):
                comma = t.left_edge.i - 1
                if comma > start and doc[comma].text == "," and t.head.i < comma:
                    end = comma
                    break
        cue = [token, to]
        return start, end, cue, source
