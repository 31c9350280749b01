"""``toolkit_quotes``: direct quotes and reported speech, with speaker and cue.

Writes ``doc.spans["quotes"]``. Each span is the quoted or reported *content*
(without the quote marks), labelled ``"direct"`` or ``"reported"``;
``span._.tk_quote`` holds plain data::

    {"kind", "speaker", "speaker_text", "speaker_start", "speaker_end",
     "cue", "cue_start", "cue_end"}

``speaker`` is the canonical name (via ``doc.spans["entities"]`` when the
entities component ran, else ``doc.ents`` and the mention itself; "he"/"she"
and role descriptions are resolved by :mod:`toolkit.pipeline.coref`);
``speaker_text`` is the mention as written.

How quotes are found
--------------------
1. :func:`find_quoted_regions` scans the text paragraph by paragraph for pairs
   of quote marks (curly, straight, guillemets, single quotes). A blank line
   always ends a paragraph; in hard-wrapped text a single line break is white
   space inside one (see :func:`_paragraphs`). Apostrophes
   ("voters’", "it’ll") never open or close a quote, and an odd number of marks
   never raises: a quote left open at a paragraph end runs to that end when it
   starts a sentence or the next paragraph opens a quote (the news convention
   for quotes that span paragraphs); any other stray mark is ignored.
2. Each quote is attributed by (a) the first verb above it in the parse ("...,"
   Putin said / described it as "..."), (b) an attribution right after the
   closing mark, (c) an introduction before the opening mark ("He said: ...")
   or (d) as a continuation of the quote or reported speech just before it.
   Marks that name rather than quote ('the so-called "plan"', a title such as
   "The Last Harvest" in the middle of a sentence) are not speech, and a
   partial quote inside reported speech takes that speech's speaker.
3. Reported speech: a reporting verb with a clausal complement ("X stated
   that ...", "emphasizing that ...", "X said ..."), a trailing attribution
   ("The talks failed, X said"), a parenthetical one ("The economy, X said,
   is ..."), "X said in a statement that ...", "according to X, ..." (with the
   source behind a document: "a statement from the council"), and a
   communication verb whose object is an abstract noun with a complement
   ("X mentioned the possibility of ...", "X voiced concern that ...").
"""

from __future__ import annotations

import bisect
import re
from typing import Iterable

from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.util import raise_error

from toolkit.errors import ToolkitError
from toolkit.pipeline import extensions  # noqa: F401  (registers span._.tk_quote)
from toolkit.pipeline.attribution import SpeakerAttribution, titled_name_end
from toolkit.pipeline.coref import Resolver, mention_bounds, speaker_bounds
from toolkit.pipeline.speech import (CUE_NOUNS, FRAMING_VERBS, MEDIUM_NOUNS, RELATIVE_WORDS,  # noqa: F401
                                     reporting_verbs, verb_forms)

from toolkit.pipeline.quote_marks import (  # noqa: F401  (QuoteRegion re-exported)
    _TERMINAL, QuoteRegion, _starts_sentence, find_quoted_regions, names_a_title,
    paragraph_starts)
from toolkit.pipeline.reported import _SUBJ_DEPS, ReportedSpeech, _Quote
from toolkit.pipeline.sentence_index import SentenceIndex
from toolkit.pipeline.statements import MoreStatements
from toolkit.pipeline.colon_speech import ColonStatements
from toolkit.pipeline.noun_cues import NounStatements
from toolkit.pipeline.speech_recall import SpeechRecall

GROUP = "quotes"

_VERBAL_DEPS = frozenset({"ROOT", "ccomp", "conj", "advcl", "relcl", "xcomp",
                          "parataxis", "acl", "pcomp"})
_FRAMING_FORMS = verb_forms(FRAMING_VERBS)
#: Words before an opening mark that make the quoted words a name, not speech.
_NAMING_WORDS = re.compile(r"\b(?:so[- ]called|code[- ]?named|nicknamed|titled|entitled"
                           r"|branded as|known as)\s*$")
#: Words a title leaves in lower case ("The Lord of the Rings").
_TITLE_SMALL = frozenset("a an and as at but by for from in into nor of on or the to "
                         "with".split())


# -- the component ---------------------------------------------------------------

class QuoteExtractor(ReportedSpeech, MoreStatements, ColonStatements, NounStatements,
                     SpeakerAttribution, SpeechRecall):
    """Finds direct quotes and reported speech; see the module docstring."""

    def __init__(self, nlp: Language | None = None, name: str = "toolkit_quotes", *,
                 reporting_verbs: Iterable[str] | None = None,
                 min_unattributed_words: int = 4):
        from toolkit.pipeline.speech import REPORTING_VERBS

        if reporting_verbs is not None and (isinstance(reporting_verbs, str) or not all(
                isinstance(v, str) for v in reporting_verbs)):
            raise ToolkitError("TK120", type_name=type(reporting_verbs).__name__)
        self.name = name
        self.verbs = frozenset(v.lower() for v in (reporting_verbs or REPORTING_VERBS))
        self.forms = verb_forms(self.verbs)
        self.min_unattributed_words = min_unattributed_words
        self._pipes = ", ".join(nlp.pipe_names) if nlp is not None else "(unknown)"

    # spaCy protocol --------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        if len(doc) and not doc.has_annotation("DEP"):
            raise ToolkitError("TK101", component=self.name, pipes=self._pipes)
        try:
            quotes = self.find(doc)
            self.set_annotations(doc, quotes)
        except ToolkitError:
            raise
        except Exception as exc:  # noqa: BLE001 - routed like spaCy's own components
            self.get_error_handler()(self.name, self, [doc], exc)
            doc.spans[GROUP] = []
        return doc

    def set_error_handler(self, error_handler) -> None:
        self._error_handler = error_handler

    def get_error_handler(self):
        return getattr(self, "_error_handler", raise_error)

    def pipe(self, stream, batch_size: int = 128):
        for doc in stream:
            yield self(doc)

    # sentences, by bisection (``Token.sent`` walks the sentence every time) ---
    def _sentence(self, i: int) -> Span:
        """The sentence holding token ``i`` (``doc[i].sent``, read from the index)."""
        return self._sents.sentence(i)

    def _sentence_root(self, sent: Span) -> Token:
        """``sent.root``, found once per sentence (``Span.root`` scans the span)."""
        k = self._sent_roots.get(sent.start)
        if k is None:
            k = self._sent_roots[sent.start] = sent.root.i
        return self._doc[k]

    # finding ---------------------------------------------------------------
    def find(self, doc: Doc) -> list[_Quote]:
        """All quotes of ``doc`` (attributed, with speakers resolved), in order."""
        if not len(doc):
            return []
        self._doc = doc
        self._has_pos = doc.has_annotation("POS")
        self._text = doc.text
        self._starts = [t.idx for t in doc]
        self._para_starts = paragraph_starts(self._text) or [0]
        self._resolver = Resolver(doc, is_cue=self._is_cue)
        self._sents = SentenceIndex(doc)
        self._sent_roots: dict[int, int] = {}
        self._in_region: dict[int, int] = {}
        self._region_last: dict[int, int] = {}  # quote -> its last token
        try:
            direct = self._direct_quotes(doc)
            reported = self._reported(doc, direct)
            reported += self._colon_statements(direct, reported)
            self._continuations(doc, direct, reported)
            self._fragment_attribution(direct)
            kept = [q for q in direct if self._keep_direct(q)]
            reported += self._enclosing_statements(kept, reported)
            quotes = kept + reported
            quotes.sort(key=lambda q: (q.start, q.end))
            for quote in quotes:
                quote.data = self._facts(quote)
            self._share_speakers(quotes)
            for quote in quotes:
                quote.cue, quote.speaker = [], None  # keep no Token (nor Doc) refs
        finally:  # the component keeps no reference to the Doc it has seen
            self._doc = self._resolver = self._text = self._starts = self._sents = None
            self._para_starts, self._sent_roots = [0], {}
            self._in_region, self._region_last = {}, {}
        return quotes

    @staticmethod
    def _share_speakers(quotes: Iterable[_Quote]) -> None:
        """A direct quote inside reported speech ("X said the vote was 'rigged'")
        was said by the speaker of that reported speech; so is a statement
        reported inside another one ("The paper reported that Lee said he would
        run"): the outer speaker is the source on record for all of it."""
        quotes = list(quotes)
        reported = [q for q in quotes if q.kind == "reported" and q.data["speaker"]]
        # (start, position in the list, quote) sorted by start: a statement that
        # contains a quote starts in [quote.end - longest, quote.start], so only
        # that window is searched (linear in the article's length); the first in
        # list order wins, as before.
        by_start = sorted((r.start, k, r) for k, r in enumerate(reported))
        starts = [item[0] for item in by_start]
        longest = max((r.end - r.start for r in reported), default=0)
        for quote in quotes:
            window = by_start[bisect.bisect_left(starts, quote.end - longest):
                              bisect.bisect_right(starts, quote.start)]
            outer = min(((k, r) for _, k, r in window if quote.end <= r.end and r is not quote
                         and (r.start, r.end) != (quote.start, quote.end)),
                        key=lambda item: item[0], default=(None, None))[1]
            if outer is None or quote.data["speaker"] == outer.data["speaker"]:
                continue
            if quote.kind == "reported" and (outer.data["cue"] or "").lower().startswith(
                    "according") and (outer.data["cue_start"] or 0) > (
                    quote.data["cue_start"] or 0):
                continue  # "X said ..., according to a filing": X's own words
            for key in ("speaker", "speaker_text", "speaker_start", "speaker_end",
                        "cue", "cue_start", "cue_end"):
                quote.data[key] = outer.data[key]

    def set_annotations(self, doc: Doc, quotes: list[_Quote]) -> None:
        spans = [Span(doc, q.start, q.end, label=q.kind) for q in quotes]
        doc.spans[GROUP] = spans
        for span, quote in zip(doc.spans[GROUP], quotes):
            span._.tk_quote = quote.data

    # -- helpers -------------------------------------------------------------
    def _para(self, char: int) -> int:
        """Index of the paragraph that holds offset ``char``."""
        return max(0, bisect.bisect_right(self._para_starts, char) - 1)

    def _para_start(self, char: int) -> int:
        return self._para_starts[self._para(char)]

    def _token_at(self, char: int) -> int:
        return max(0, bisect.bisect_right(self._starts, char) - 1)

    def _token_before(self, char: int) -> int:
        """Index of the last non-space token before the token at ``char`` (-1: none)."""
        doc = self._doc
        i = self._token_at(char) - 1
        while i >= 0 and doc[i].is_space:
            i -= 1
        return i

    def _is_verb(self, token: Token) -> bool:
        if self._has_pos:
            return token.pos_ in ("VERB", "AUX")
        return token.dep_ in _VERBAL_DEPS

    def _lemma(self, token: Token) -> str:
        lemma = token.lemma_.lower() if token.lemma_ else ""
        if lemma in self.verbs:
            return lemma
        return token.lower_ if token.lower_ in self.verbs else lemma

    def _is_cue(self, token: Token, *, reported: bool = False) -> bool:
        if not self._is_verb(token):
            return False
        if token.i > 0 and token.doc[token.i - 1].text in ("-", "‑") and not \
                token.doc[token.i - 1].whitespace_:
            return False  # "so-called" is not a cue
        lemma = self._lemma(token)
        known = lemma in self.verbs or token.lower_ in self.forms
        if not known:
            return False
        if reported and (lemma in FRAMING_VERBS or token.lower_ in _FRAMING_FORMS):
            return False
        return True

    def _misattached_conj(self, verb: Token) -> Token | None:
        """For "X stated that A and emphasized that B", a parser often hangs
        "emphasized" under A; return the reporting verb it really joins."""
        if verb.dep_ != "conj" or any(c.dep_ in _SUBJ_DEPS for c in verb.children):
            return None
        if not any(c.dep_ == "ccomp" for c in verb.children) or not self._is_cue(verb):
            return None
        comp = verb.head
        if comp.dep_ == "ccomp" and self._is_cue(comp.head):
            return comp.head
        return None

    def _subject(self, verb: Token, depth: int = 0, shared: bool = False) -> Token | None:
        """The speaker mention of ``verb``. ``shared``: the verb is a conjunct
        asking its head ("X was asked ... and said"): a passive subject is shared."""
        outer = self._misattached_conj(verb)
        if outer is not None:
            return self._subject(outer, depth + 1)
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        if len([c for c in subjects if c.dep_ == "nsubj"]) > 1:
            # a parser may hang the reported clause's subject on the verb too
            # ("The plan fails, said Ana Ruiz"): the speaker is next to the verb
            subjects = [min((c for c in subjects if c.dep_ == "nsubj"),
                            key=lambda c: min(abs(c.i - verb.i),
                                              abs(mention_bounds(c)[0] - verb.i),
                                              abs(mention_bounds(c)[1] - 1 - verb.i)))]
        for child in subjects:
            if child.dep_ == "nsubj":
                if child.lower_ in RELATIVE_WORDS and verb.dep_ == "relcl":
                    return verb.head
                return self._named_apposition(verb, child)
            agent = [g for a in verb.children if a.dep_ == "agent"
                     for g in a.children if g.dep_ == "pobj"]
            if agent and not shared:
                return agent[0]
            # "X was quoted as saying": X is the speaker; "X was pressed and said": X
            return child if shared or self._lemma(verb) in ("quote", "cite") else None
        counted = self._counted_subject(verb)
        if counted is not None:
            return counted
        if depth < 4 and verb.dep_ == "pcomp" and verb.head.dep_ == "prep":
            return self._subject(verb.head.head, depth + 1)  # "quoted as saying"
        if depth < 4 and verb.dep_ in ("conj", "xcomp", "advcl", "pcomp") and verb.head != verb:
            if verb.dep_ == "advcl" and verb.tag_ not in ("VBG", ""):
                return None  # "Asked whether ..., X replied": X did not ask
            return self._subject(verb.head, depth + 1, shared=verb.dep_ == "conj")
        return None

    @staticmethod
    def _counted_subject(verb: Token) -> Token | None:
        """"About 4 in 10 say ...", "45 percent saying ...": a count of people
        that a parser leaves without the subject label."""
        lefts = [c for c in verb.lefts if not c.is_punct]
        if not lefts or lefts[-1].right_edge.i != verb.i - 1:
            return None
        near = lefts[-1]
        if near.dep_ in ("aux", "auxpass", "neg", "mark", "cc", "prep", "advcl"):
            return None
        if any(t.pos_ == "NUM" or t.like_num for t in near.subtree):
            return near
        return None

    def _named_apposition(self, verb: Token, subject: Token) -> Token:
        """"said another, Lisa Grant": a parser may make the name a second subject;
        the name is the better mention of the speaker."""
        _, end = mention_bounds(subject)
        doc = self._doc
        if end < len(doc) and doc[end].text == ",":
            for other in verb.children:
                if (other.dep_ == "nsubj" and other.i > subject.i and other.pos_ == "PROPN"
                        and mention_bounds(other)[0] == end + 1):
                    return other
        return subject

    @staticmethod
    def _inverted_subject(verb: Token) -> Token | None:
        """The source after the verb in '"...?" asked the reporter'."""
        return next((c for c in verb.rights if c.dep_ in ("dobj", "attr", "npadvmod")
                     and c.pos_ in ("NOUN", "PROPN", "")), None)

    def _cue_tokens(self, verb: Token, path: list[Token] | None = None) -> list[Token]:
        cue = [verb]
        for child in verb.children:
            if child.dep_ == "prt" and child.i == verb.i + 1:
                cue.append(child)  # "pointed out"
        if path:
            noun = path[-1]
            if noun.dep_ == "dobj" and noun.head == verb and noun.lemma_.lower() in CUE_NOUNS:
                cue.append(noun)  # "expressed hope"
        return sorted(cue, key=lambda t: t.i)

    # -- direct quotes --------------------------------------------------------
    def _direct_quotes(self, doc: Doc) -> list[_Quote]:
        out: list[_Quote] = []
        for region in find_quoted_regions(self._text):
            span = doc.char_span(region.start, region.end, alignment_mode="contract")
            if span is None or not len(span):
                continue
            k = len(out)
            lo = self._token_at(region.open)
            hi = self._token_at(region.close) if region.close is not None else span.end - 1
            for i in range(lo, hi + 1):
                self._in_region[i] = k
            self._region_last[k] = hi
            out.append(_Quote("direct", span.start, span.end, region))
        for quote in out:
            self._attribute(quote)
        return out

    def _attribute(self, quote: _Quote) -> None:
        for finder in (self._transcript_speaker, self._by_parse, self._after_close,
                       self._before_open, self._manner_after_close, self._dash_credit,
                       self._line_name_colon):
            found = finder(quote)
            if found is not None:
                quote.cue, quote.speaker = found
                if quote.speaker is None and quote.cue and quote.cue[0].i >= quote.end:
                    quote.speaker = self._speaker_between(quote, quote.cue)
                return

    def _by_parse(self, quote: _Quote):
        doc = self._doc
        roots = [t for t in doc[quote.start:quote.end]
                 if t.head == t or not quote.start <= t.head.i < quote.end]
        for root in roots:
            cur, path = root, []
            for _ in range(6):
                if cur.head == cur:
                    break
                cur = cur.head
                if cur.i in self._in_region:
                    # another partial quote of the same sentence ("was 'rigged' and
                    # would 'fight it'"): look on above it; its words are no cue
                    path.append(cur)
                    continue
                if self._is_verb(cur):
                    if not self._is_cue(cur) and cur.dep_ == "ccomp" and \
                            self._is_cue(cur.head) and cur.head.i not in self._in_region:
                        cur = cur.head  # said that he was "confident"
                    if self._is_cue(cur):
                        subject = self._subject(cur)
                        between = self._doc[quote.end:cur.i] if cur.i >= quote.end else []
                        if subject is None and cur.i < quote.end:
                            subject = self._framer(cur)
                        elif subject is None and all(t.is_punct or t.is_space for t in between):
                            subject = self._inverted_subject(cur)  # '"...?" asked the reporter'
                        return self._cue_tokens(cur, path), subject
                    break
                path.append(cur)
        return None

    def _framer(self, verb: Token) -> Token | None:
        """Who speaks through a cue before the quote that has no subject of its
        own: the subject of the clause it serves ("took to Twitter to call the
        mayor a 'liar'", "placed ads calling the deal a 'mistake'"). Never the
        cue's object, which is what the quote names."""
        up = verb.head.head if verb.dep_ == "acl" else verb.head
        if verb.dep_ not in ("acl", "advcl", "xcomp") or up == verb or not self._is_verb(up):
            return None
        return self._subject(up)

    def _after_close(self, quote: _Quote):
        region, doc, text = quote.region, self._doc, self._text
        if region.close is None:
            return None
        after = text[region.close + 1:region.close + 3].lstrip(" ")
        if not (text[region.end - 1] in ",.?!…—–-:;" or after.startswith(",")):
            return None
        i = self._token_at(region.close) + 1
        chunk: list[Token] = []
        close_para = self._para(region.close)
        while i < len(doc) and len(chunk) < 25:
            t = doc[i]
            if (not t.is_space and self._para(t.idx) != close_para) or i in self._in_region:
                break
            if not (t.is_space or (not chunk and t.text in ",—–-")):
                chunk.append(t)
                if t.text in _TERMINAL:
                    break
            i += 1
        for j, t in enumerate(chunk[:10]):
            if self._is_cue(t):
                if self._reports_its_own(quote, t):
                    return None  # '"... the end." She says the plan ...': a new statement
                subject = self._subject(t)
                if j == 0:  # "said Putin", "asked the reporter"
                    return self._cue_tokens(t), subject or self._inverted_subject(t)
                before = chunk[:j]
                if subject is not None and mention_bounds(subject)[0] <= chunk[0].i:
                    return self._cue_tokens(t), subject
                if all(b.pos_ in ("PROPN", "NOUN", "PRON", "DET", "ADJ", "PUNCT", "ADV")
                       or not self._has_pos for b in before):
                    nouns = [b for b in before if b.pos_ in ("PROPN", "NOUN", "PRON")]
                    return self._cue_tokens(t), subject or (nouns[-1] if nouns else None)
                return None
            if self._is_verb(t) and t.pos_ != "AUX":
                return None
        return None

    def _reports_its_own(self, quote: _Quote, verb: Token) -> bool:
        """Whether ``verb`` after a quote that ends its sentence with a full stop
        opens a new sentence that reports something of its own ('"... the
        end." She says the plan will fail.'): then it does not attribute the quote."""
        inner = self._text[quote.region.start:quote.region.end].rstrip()
        if not inner.endswith("."):
            return False
        return any(c.dep_ == "ccomp" and c.i > verb.i for c in verb.children)

    def _before_open(self, quote: _Quote):
        region, doc = quote.region, self._doc
        prev = self._token_before(region.open)
        if prev < 0:
            return None
        if self._para(doc[prev].idx) != self._para(region.open):
            if doc[prev].text != ":":  # a paragraph introduced by "He said:"
                return None
        if doc[prev].text not in (":", ",", "—", "–") and not self._is_cue(doc[prev]):
            return None
        lo = self._sents.bounds(prev)[0]
        for i in range(prev, lo - 1, -1):
            if i in self._in_region:
                lo = i + 1
                break
        for i in range(prev, lo - 1, -1):
            if self._is_cue(doc[i]):
                return self._cue_tokens(doc[i]), self._subject(doc[i])
        return (self._name_colon(prev) or self._colon_introduction(prev)
                or self._according_before(prev))

    # -- continuations ----------------------------------------------------------
    def _continuations(self, doc: Doc, direct: list[_Quote], reported: list[_Quote]) -> None:
        text = self._text
        # the reported statements with a speaker, by the start of their cue's
        # sentence (in list order), and the last attributed quote so far: each
        # quote looks up its neighbours instead of walking all earlier ones
        by_sentence: dict[int, list[_Quote]] = {}
        for rep in reported:
            if rep.cue and rep.speaker is not None:
                by_sentence.setdefault(self._sents.bounds(rep.cue[0].i)[0], []).append(rep)
        last_attributed = None
        for quote in direct:
            if not (quote.cue or quote.speaker is not None):
                region = quote.region
                line_start = self._para_start(region.open)
                if _starts_sentence(text, line_start, region.open) \
                        and not self._names_in_a_sentence(quote):  # '"Daily Show" host Lee'
                    source = self._previous_speech(quote, last_attributed, by_sentence)
                    if source is not None:
                        quote.inherited = source
            if self._attributed(quote):
                last_attributed = quote
        # a quote left open at a paragraph end takes the speaker of its continuation
        for k in range(len(direct) - 2, -1, -1):
            quote, nxt = direct[k], direct[k + 1]
            if (quote.region.close is None and not self._attributed(quote)
                    and self._attributed(nxt)
                    and text[quote.region.end:nxt.region.open].strip() == ""):
                quote.inherited = self._speaker_fields(nxt)

    def _names_in_a_sentence(self, quote: _Quote) -> bool:
        """Whether a quote that opens a sentence is a name used inside it
        ('"Daily Show" host Lee Park said ...'), not a quoted sentence: its
        words end without a stop or comma and the sentence goes on after it."""
        region, text = quote.region, self._text
        if region.close is None:
            return False
        inner = text[region.start:region.end].rstrip()
        if not inner or inner[-1] in _TERMINAL + ",;:—–-" or len(inner.split()) > 6 \
                or any(mark in inner for mark in "'‘’\"“”"):
            return False  # a sentence, or one cut short by a quote inside it
        after = text[region.close + 1:region.close + 40]
        line = after.split("\n", 1)[0].strip()
        return bool(line) and line[0].isalnum()

    @staticmethod
    def _attributed(quote: _Quote) -> bool:
        return bool(quote.cue) or quote.speaker is not None or quote.inherited is not None

    def _speaker_fields(self, quote: _Quote) -> dict:
        if quote.inherited is not None:
            return dict(quote.inherited)
        data = self._facts(quote)
        return {k: data[k] for k in ("speaker", "speaker_text", "speaker_start",
                                     "speaker_end")}

    def _previous_speech(self, quote: _Quote, prev: _Quote | None,
                         by_sentence: dict[int, list[_Quote]]) -> dict | None:
        """The speaker an unattributed quote takes from what comes before it:
        ``prev`` is the last attributed quote before it, ``by_sentence`` the
        reported statements with a speaker by the start of their cue's sentence."""
        text = self._text
        region = quote.region
        # (1) right after an attributed quote: only its attribution lies between
        if prev is not None:
            end = prev.region.close + 1 if prev.region.close is not None else prev.region.end
            gap = text[end:region.open]
            if self._para(region.open) - self._para(max(0, end - 1)) <= 1:
                sentences = re.findall(r"[.!?…][”\"’']?(?=\s|$)", gap.strip())
                if len(sentences) <= 1:
                    return self._speaker_fields(prev)
        # (2) the sentence before holds reported speech or a reporting verb
        prev_tok = self._token_before(region.open)
        if prev_tok < 0:
            return None
        sent = self._sentence(prev_tok)
        if by_sentence.get(sent.start):
            return self._speaker_fields(by_sentence[sent.start][-1])
        root = self._sentence_root(sent)
        if self._is_cue(root) and self._subject(root) is not None:
            proxy = _Quote("direct", 0, 0, cue=[root], speaker=self._subject(root))
            return self._speaker_fields(proxy)
        return None

    def _not_speech(self, quote: _Quote) -> bool:
        """Quote marks that name or distance, not quote: 'the so-called "peace
        plan"', 'code-named "Iron Shield"', a title such as "The Last Harvest"."""
        text, region = self._text, quote.region
        before = text[max(0, region.open - 24):region.open].lower()
        if _NAMING_WORDS.search(before):
            return True
        prev = self._token_before(region.open)
        if prev >= 0 and self._names_thing(self._doc[prev]):
            return True  # 'a play called "Sons of the Border"': a name
        # a comma or stop before the closing mark is the sentence's, not the
        # title's ('on "Meet the Press," she said')
        content = text[region.start:region.end]
        words = content.split()
        para = self._para_start(region.open)
        if names_a_title(self._doc, self._token_before(region.open),
                         content.rstrip(",.").split()):
            return True  # '"R"', '"12"', 'appeared on "Meet the Press"'
        if len(words) < 2 or len(words) > 8 or _starts_sentence(text, para, region.open):
            return False
        if any(ch in content for ch in _TERMINAL + ",;:"):
            return False
        if not (words[0][:1].isupper() and all(
                w[:1].isupper() or w[:1].isdigit() or w.lower() in _TITLE_SMALL for w in words)):
            return False
        # a slogan a cue verb governs ('chanted "Lock Them Up"') is still speech
        doc = self._doc
        roots = [t for t in doc[quote.start:quote.end]
                 if not quote.start <= t.head.i < quote.end]
        return not any(t.head != t and self._is_cue(t.head) and t.dep_ in (
            "dobj", "ccomp", "xcomp", "oprd", "attr", "parataxis") for t in roots)

    @staticmethod
    def _names_thing(verb: Token) -> bool:
        """"called", "named" or "dubbed" as a participle after a noun, with no
        subject of its own ('a play called "..."'): what follows is a name."""
        return (verb.lower_ in ("called", "named", "dubbed") and verb.dep_ == "acl"
                and verb.tag_ == "VBN" and not any(c.dep_ in ("nsubj", "nsubjpass")
                                                   for c in verb.children))

    def _keep_direct(self, quote: _Quote) -> bool:
        if self._not_speech(quote):
            return False
        content = self._text[quote.region.start:quote.region.end].strip(" .")
        if content and content[0] in "([" and content[-1] in ")]":
            return False  # a stage direction in a transcript: "(CROSSTALK)", "[inaudible]"
        if self._attributed(quote):
            return True
        words = sum(1 for t in self._doc[quote.start:quote.end] if t.is_alpha)
        line_start = self._para_start(quote.region.open)
        if _starts_sentence(self._text, line_start, quote.region.open):
            return words >= self.min_unattributed_words
        return words >= 8

    # -- facts ---------------------------------------------------------------------
    def _facts(self, quote: _Quote) -> dict:
        doc = self._doc
        data = {"kind": quote.kind, "speaker": None, "speaker_text": None,
                "speaker_start": None, "speaker_end": None,
                "cue": None, "cue_start": None, "cue_end": None}
        if quote.cue:
            first, last = quote.cue[0], quote.cue[-1]
            data["cue"] = " ".join(t.text for t in quote.cue)
            data["cue_start"] = first.idx
            data["cue_end"] = last.idx + len(last.text)
        speaker = quote.speaker
        if speaker is not None and (speaker.lemma_.lower() or speaker.lower_) in MEDIUM_NOUNS:
            speaker = self._source_behind(speaker)  # "a statement from the council"
        if speaker is not None:
            s, e = speaker_bounds(speaker)
            while s < speaker.i and (doc[s].is_punct or doc[s].is_space):
                s += 1  # a dash or mark the parser hung on the name
            while e - 1 > s and doc[e - 1].dep_ == "case":
                e -= 1
            named = titled_name_end(doc, s, e, self._resolver.label_of)
            if named > e:  # "Acme Vice President Dana Cole": the person named
                e, speaker = named, doc[named - 1]
            data["speaker_text"] = doc[s:e].text
            data["speaker_start"] = doc[s].idx
            data["speaker_end"] = doc[e - 1].idx + len(doc[e - 1].text)
            data["speaker"] = self._resolver.canonical(speaker)
            if getattr(quote, "transcript", False):  # "REED: ...": the person so named
                data["speaker"] = self._resolver.person_named(speaker.text) or speaker.text
        elif quote.inherited is not None:
            data.update(quote.inherited)
        return data


@Language.factory(
    "toolkit_quotes",
    assigns=["doc.spans"],
    requires=["token.dep"],
    default_config={"reporting_verbs": {"@misc": "toolkit.reporting_verbs.v1"},
                    "min_unattributed_words": 4},
)
def make_quote_extractor(nlp: Language, name: str, reporting_verbs: list[str],
                         min_unattributed_words: int) -> QuoteExtractor:
    """Factory for :class:`QuoteExtractor`; raises TK101 without a parser."""
    if not any("token.dep" in (nlp.get_pipe_meta(p).assigns or [])
               for p in nlp.pipe_names) and "parser" not in nlp.pipe_names:
        raise ToolkitError("TK101", component=name,
                           pipes=", ".join(nlp.pipe_names) or "(empty)")
    return QuoteExtractor(nlp, name, reporting_verbs=reporting_verbs,
                          min_unattributed_words=min_unattributed_words)


__all__ = ["QuoteExtractor", "QuoteRegion", "find_quoted_regions",
           "make_quote_extractor", "reporting_verbs"]
