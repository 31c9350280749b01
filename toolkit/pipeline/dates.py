"""``toolkit_dates``: the time expressions of an article, for its timeline.

The component finds dates and years ("February 2022", "1989", "March 13,
2025", "mid-2024") and relative expressions ("Thursday", "last August",
"yesterday", "next month", "two weeks ago") and writes them to
``doc.spans["dates"]`` (label "DATE"). Each span's ``span._.tk_date`` holds
plain data: what was written, parsed, but not yet tied to a calendar when it
is relative. :func:`resolve_date` turns that data into an ISO date or interval
against the publication date, at access time (the ``span._.date`` getter), so
``doc._.published`` may be set after processing. Without a publication date a
relative expression stays unresolved (None): it is never guessed from today's
clock.

Also: quarters and halves ("Q3 2024", "the third quarter of 2023", "H1
2024", "last quarter"), year ranges ("2019-2021", "between 2019 and 2021",
"2023-24"), day ranges ("March 3-5", "12-14 March"), weekday ranges ("from
Monday to Friday"), parts of a day ("Monday night", "last night"), decades
and centuries ("the late 1990s", "'90s", "the early 20th century"), seasons
("last summer"), fixed holidays ("Christmas Day"). Expressions told from
another event ("the day before", "two weeks later") are found (kind
"anaphoric") but never resolved.

Durations ("30 days", "for decades") and times of day ("evening") are not
timeline dates and are left to the figures layer.

ISO forms returned: "2025-03-13" (day), "2025-03" (month), "2025" (year),
"2024-06/2024-07" (an interval, start/end inclusive, ISO 8601 style).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from toolkit.pipeline import extensions  # noqa: F401  (registers attributes)
from toolkit.pipeline.date_resolution import resolve_date  # noqa: F401  (public here)

from toolkit.pipeline.date_compose import compose
from toolkit.pipeline.date_parse import parse_match
from toolkit.pipeline.date_patterns import FUTURE_HEADS, NAME_LABELS, PATTERNS, RELATIVE_OPENERS
from toolkit.pipeline.sentence_index import SentenceIndex


# -- the component ------------------------------------------------------------
class DateExtractor:
    """Finds time expressions; see the module docstring."""

    def __init__(self, nlp: Language, name: str = "toolkit_dates"):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.match(doc))
        return doc

    def match(self, doc: Doc) -> list[tuple[int, int, dict]]:
        """``(start_char, end_char, tk_date data)`` for every time expression."""
        text = doc.text
        found: list[tuple[int, int, int, dict]] = []
        for rank, (rule, pattern) in enumerate(PATTERNS):
            for m in pattern.finditer(text):
                data = parse_match(rule, m, text)
                if data:  # None, or a zero count ("in 0 days"): no time expression
                    found.append((m.start(), m.end(), rank, data))
        # longest match first, then earlier pattern; drop overlaps
        found.sort(key=lambda f: (-(f[1] - f[0]), f[2], f[0]))
        taken = bytearray(len(text) + 1)
        kept = []
        for start, end, _, data in found:
            if any(taken[start:end]):
                continue
            taken[start:end] = b"\x01" * (end - start)
            kept.append((start, end, data))
        kept.sort(key=lambda f: f[0])
        index = DocIndex(doc)  # built once: checking every date stays linear
        return [m for m in compose(text, kept) if _keep_in_context(doc, *m, index)]

    def set_annotations(self, doc: Doc, matches) -> None:
        spans = []
        parsed = doc.has_annotation("DEP")
        for start, end, data in matches:
            span = doc.char_span(start, end, label="DATE", alignment_mode="expand")
            if span is None or (spans and span.start < spans[-1].end):
                continue
            if data.get("value") is None:
                data["tense"] = _tense(span, parsed)
            span._.tk_date = data
            spans.append(span)
        doc.spans["dates"] = spans


@Language.factory("toolkit_dates", assigns=["doc.spans"], requires=["doc.ents"])
def make_date_extractor(nlp: Language, name: str) -> DateExtractor:
    """The ``toolkit_dates`` component (add it after 'ner')."""
    return DateExtractor(nlp, name)



class DocIndex:
    """What checking every date needs from the whole Doc, read once per Doc.

    ``Doc.ents``, ``Span.sent`` and a scan of the words before a date each walk
    the Doc (or a sentence) token by token; done per date they made this layer
    quadratic on text full of dates. Here the names are indexed once, the
    sentences found by bisection, and each sentence's words scanned at most
    once (for the first word that speaks of the future)."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self._names: dict | None = None
        self._sentences: SentenceIndex | None = None
        self._first_cue: dict[int, int | None] = {}

    @property
    def names(self) -> dict[int, list[tuple[int, int]]]:
        """:func:`_names_over` of the Doc (built on first use)."""
        if self._names is None:
            self._names = _names_over(self.doc)
        return self._names

    def future_cue_before(self, i: int) -> bool:
        """Whether a word of the future ("will", "'ll", "plans", "is due") stands
        between the start of its sentence and token ``i``."""
        if self._sentences is None:
            self._sentences = SentenceIndex(self.doc)
        start, end = self._sentences.bounds(i)
        if start not in self._first_cue:
            self._first_cue[start] = next(
                (t.i for t in self.doc[start:end] if _is_future_word(t)), None)
        cue = self._first_cue[start]
        return cue is not None and cue < i


def _is_future_word(token) -> bool:
    return token.lower_ in _FUTURE_WORDS or token.lemma_.lower() in FUTURE_HEADS


_FUTURE_WORDS = ("will", "shall", "'ll", "wo", "ll")


def _keep_in_context(doc: Doc, start: int, end: int, data: dict, index=None) -> bool:
    """Token checks: "2000 troops" is a count, not a year; "May" the modal is no
    month; a date inside a person's or organisation's name is not a date.
    ``index`` is the :class:`DocIndex` of ``doc`` (built here when not given)."""
    index = DocIndex(doc) if index is None else index
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    if data["rule"] in ("year", "decade"):
        nxt = doc[span.end] if span.end < len(doc) else None
        prev = doc[span.start - 1] if span.start > 0 else None
        if nxt is not None and (nxt.tag_ in ("NNS", "NNPS") or _is_unit(nxt)):
            return False
        if prev is not None and prev.text.lower() in ("no.", "number", "page", "article",
                                                       "flight", "route", "#", "$", "€", "£"):
            return False
        if any(t.ent_type_ in ("MONEY", "PERCENT", "QUANTITY") for t in span):
            return False
    if span[0].lower_ == "last" and span[0].pos_ in ("VERB", "AUX"):
        return False  # "the truce would last 30 days": a duration, not the past 30 days
    if data["rule"] == "in_n" and not _plainly_future(span, index):
        return False  # "the lowest in two years" is a duration
    if data["rule"] == "month":
        tok = span[-1]
        if tok.pos_ in ("VERB", "AUX") and (data.get("mod") is None or
                                            tok.lower_ in ("may", "march")):
            return False
    if any(t.ent_type_ in ("PERSON", "ORG", "PRODUCT", "WORK_OF_ART") for t in span) and \
            data["rule"] in ("month", "weekday"):
        return False  # "April Ryan", "Black Friday Ltd"
    if _inside_a_name(doc, span, index.names):
        return False  # "Russia Today", "USA Today", "the Tomorrow Fund"
    return True


def _plainly_future(span: Span, index: DocIndex | None = None) -> bool:
    """A clause with "will", "shall", "'ll" or a planning verb ("is due to", "plans
    to") before ``span``: "in two weeks" there is a date ahead, not a duration.
    ``index``: the :class:`DocIndex` of the span's Doc, when the caller has one."""
    index = DocIndex(span.doc) if index is None else index
    return index.future_cue_before(span.start)


def _inside_a_name(doc: Doc, span: Span, names=None) -> bool:
    """Whether ``span`` lies inside a longer name: within a multi-word named
    entity that reaches beyond it, or (for "Today", "Tomorrow", "Tonight") a
    capitalised word glued to the capitalised word before it in mid-sentence.
    ``names`` is :func:`_names_over` of ``doc`` when the caller built it already."""
    for start, end in (_names_over(doc) if names is None else names).get(span.start, ()):
        if span.end <= end and end - start > len(span):
            return True
    first = span[0]
    if first.lower_ in ("today", "tomorrow", "tonight") and first.text[0].isupper() \
            and first.i > 0:
        prev = doc[first.i - 1]
        if prev.is_alpha and prev.text[0].isupper() and not first.is_sent_start \
                and not prev.whitespace_ == "" and "\n" not in prev.whitespace_ \
                and prev.lower_ not in RELATIVE_OPENERS:
            return True
    return False


def _names_over(doc: Doc) -> dict[int, list[tuple[int, int]]]:
    """The names of ``doc`` (its entities and the entity layer's spans with a
    name label) indexed by the tokens they cover. Build it once per Doc and pass
    it on: ``doc.ents`` alone walks the whole Doc, so building (or even checking
    a cache of) it per date made the date layer quadratic."""
    index: dict[int, list[tuple[int, int]]] = {}
    for ent in list(doc.ents) + list(doc.spans.get("entities", [])):
        if ent.label_ in NAME_LABELS and len(ent) > 1:
            for i in range(ent.start, ent.end):
                index.setdefault(i, []).append((ent.start, ent.end))
    return index


def _is_unit(token) -> bool:
    from toolkit.units import normalise_unit

    return normalise_unit(token.text) is not None and token.text not in ("in",)


def _tense(span: Span, parsed: bool | None = None) -> str | None:
    """"future" when the clause holding the date is about the future ("will
    meet on Friday", "is due to visit on Monday", "is meeting on Friday"),
    "past" for a past-tense verb, None when unknown (no parse, no verb)."""
    doc = span.doc
    before = doc[span.start - 1].lower_ if span.start > 0 else ""
    if before in ("since", "ago", "previous", "past"):
        return "past"
    if not (doc.has_annotation("DEP") if parsed is None else parsed):
        return None
    tok = span.root
    for _ in range(8):
        if tok.pos_ in ("VERB", "AUX"):
            break
        if tok.head.i == tok.i:
            return None
        tok = tok.head
    else:
        return None
    if tok.pos_ not in ("VERB", "AUX"):
        return None
    aux = [c for c in tok.children if c.dep_ in ("aux", "auxpass")]
    if any(c.lower_ in ("will", "shall", "'ll", "wo", "ll") for c in aux):
        return "future"
    if any(c.lower_ == "to" for c in aux) and tok.head.i != tok.i and \
            tok.head.lemma_.lower() in FUTURE_HEADS:
        return "future"
    if tok.tag_ == "VBG" and any(c.lower_ in ("is", "are", "am", "'s", "'re") for c in aux):
        return "future"
    if tok.tag_ == "VBN" and tok.lemma_.lower() in FUTURE_HEADS | {"slate", "plan", "set"} and \
            any(c.lower_ in ("is", "are", "am", "'s", "'re") for c in aux):
        return "future"  # "the rally is planned for May 1"
    if tok.tag_ in ("VBD", "VBN") or any(c.tag_ == "VBD" for c in aux):
        return "past"
    if tok.tag_ in ("VBZ", "VBP"):
        return "future"
    return None
