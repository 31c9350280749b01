"""The one run path: texts and publication dates in, processed ``Doc`` objects out.

Every entry point (``analyze``, ``analyze_text``, ``analyze_many``, the corpus
mode) goes through :func:`process_texts`, by way of
:func:`toolkit.analysis.run_pipeline`:

1. each text becomes a ``Doc`` with ``doc._.published`` set *before* the
   first component, and the Docs go through ``nlp.pipe`` (which accepts Docs
   and keeps their extension values, also with ``n_process=2``);
2. a component that raises is routed by spaCy's own error-handler hooks
   (``Language.default_error_handler`` and each component's
   ``set_error_handler``) to :func:`record_failure`, which empties that
   component's layer and notes the problem on the Doc (``doc._.tk_problems``);
   ``nlp.pipe`` drops a Doc whose component failed, so such an article is run
   again alone through ``nlp(doc)``, where spaCy carries on with the next
   component after calling the handler;
3. a text over ``nlp.max_length`` is cut at paragraph breaks (then line
   breaks, then spaces), each piece is processed the same way and the pieces
   are joined with ``Doc.from_docs``, every offset kept (warning TKW411);
4. :func:`resolve` ties dates and date figures to the publication date.
"""

from __future__ import annotations

import re
import traceback
from typing import Callable, Iterable, Sequence

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from toolkit.errors import ToolkitError, Warnings, warn
from toolkit.pipeline import resolved_date

#: The span group each toolkit component writes (emptied when it fails).
COMPONENT_GROUPS = {
    "toolkit_structure": "headings",
    "toolkit_entities": "entities",
    "toolkit_dates": "dates",
    "toolkit_quotes": "quotes",
    "toolkit_figures": "figures",
}
#: Keys of the per-span dicts that hold character offsets (shifted when pieces join).
_OFFSET_KEYS = re.compile(r"(^|_)(start|end)$")
_BREAKS = (re.compile(r"\n[ \t]*\n\s*"), re.compile(r"\n"), re.compile(r"\s"))


# -- failures -----------------------------------------------------------------------

def _offset_of(exc: BaseException) -> int | None:
    """The character offset a component was working on when it raised.

    Read from the innermost frame of the traceback that holds a ``Span`` or a
    ``Token`` of the Doc; None when no frame does."""
    frames = list(traceback.walk_tb(exc.__traceback__))
    for frame, _ in reversed(frames):
        for value in frame.f_locals.values():
            if isinstance(value, Span):
                return value.start_char
            if isinstance(value, Token):
                return value.idx
    return None


def record_failure(name: str, proc, docs: Iterable[Doc], exc: Exception) -> None:
    """spaCy error handler: keep the article, empty the failed layer, note why.

    Module-level so that it pickles into ``nlp.pipe(n_process=2)`` workers.
    A :class:`ToolkitError` (a pipeline that lacks a parser, ...) is the
    user's to fix and is raised."""
    if isinstance(exc, ToolkitError):
        raise exc
    start = _offset_of(exc)
    why = f"{type(exc).__name__}: {exc}"
    for doc in docs:
        if not isinstance(doc, Doc):
            continue
        group = COMPONENT_GROUPS.get(name)
        if group is not None:
            doc.spans[group] = []
        problems = list(doc._.tk_problems or [])
        problems.append({"component": name, "code": "TKW410", "start": start, "why": why,
                         "message": "[TKW410] " + Warnings.TKW410.format(
                             component=name, start=start if start is not None else "?",
                             why=why)})
        doc._.tk_problems = problems


class _Handlers:
    """Route failures to :func:`record_failure` while the block runs, then restore.

    ``Language.set_error_handler`` would stop at the parser, which cannot take
    another handler; the default handler covers every component without one."""

    def __init__(self, nlp: Language):
        self.nlp = nlp

    def __enter__(self):
        self.default = self.nlp.default_error_handler
        self.saved = {}
        self.nlp.default_error_handler = record_failure
        for name, proc in self.nlp.pipeline:
            if hasattr(proc, "get_error_handler") and hasattr(proc, "set_error_handler"):
                previous = proc.get_error_handler()
                try:
                    proc.set_error_handler(record_failure)
                except AttributeError:
                    continue
                self.saved[name] = previous
        return self

    def __exit__(self, *exc):
        self.nlp.default_error_handler = self.default
        for name, proc in self.nlp.pipeline:
            if name in self.saved:
                proc.set_error_handler(self.saved[name])
        return False


# -- tokens -------------------------------------------------------------------------

#: spaCy's tokenizer splits prefixes and suffixes off a token one at a time and
#: searches the rest again each time, so a run of characters without white space
#: costs the square of its length when it is all punctuation or symbols (4,000
#: quote marks or flags in a row take seconds, 40,000 take many minutes). Runs
#: longer than this are tokenized in pieces of ``_PIECE`` characters.
LONG_RUN = 1000
_PIECE = 200
_LONG_RUN = re.compile(r"\S{%d,}" % (LONG_RUN + 1))


def make_doc(nlp: Language, text: str) -> Doc:
    """``nlp.make_doc(text)`` in time linear in the length of the text: a run of
    more than :data:`LONG_RUN` characters without white space is tokenized in
    pieces (its tokens never cross a piece's edge). ``doc.text == text`` always."""
    if _LONG_RUN.search(text) is None:
        return nlp.make_doc(text)
    words: list[str] = []
    spaces: list[bool] = []

    def add(piece: str) -> None:
        for token in nlp.make_doc(piece):
            words.append(token.text)
            spaces.append(bool(token.whitespace_))

    pos = 0
    for match in _LONG_RUN.finditer(text):
        if match.start() > pos:
            add(text[pos:match.start()])
        for k in range(match.start(), match.end(), _PIECE):
            add(text[k:min(k + _PIECE, match.end())])
        pos = match.end()
    if pos < len(text):
        add(text[pos:])
    return Doc(nlp.vocab, words=words, spaces=spaces)


# -- the run ------------------------------------------------------------------------

#: ``make_doc(i, text)``: a fresh, unprocessed ``Doc`` of ``text`` for article ``i``,
#: with ``doc._.published`` (and whatever else the components must know) set.
MakeDoc = Callable[[int, str], Doc]


def _alone(nlp: Language, i: int, text: str, make_doc: MakeDoc) -> Doc:
    """One article through ``nlp(doc)``: a failed component leaves the Doc going on."""
    if len(text) > nlp.max_length:
        return _in_pieces(nlp, i, text, make_doc)
    return nlp(make_doc(i, text))


def process_texts(nlp: Language, texts: Sequence[str], make_doc: MakeDoc, *,
                  batch_size: int = 1, n_process: int = 1,
                  on_done=None) -> list[Doc | Exception]:
    """Run ``texts`` through ``nlp`` (a pipeline with toolkit's components).

    ``make_doc(i, text)`` makes the unprocessed Doc of article ``i`` (or of a
    piece of it) with its publication date set. Returns one item per text, in
    order: the processed, resolved ``Doc``, or the exception that lost the
    article (a spaCy component that raised past the error handlers).
    ``batch_size`` is the number of Docs per ``nlp.pipe`` batch; ``on_done(n)``
    is called as articles finish."""
    out: list[Doc | Exception | None] = [None] * len(texts)
    with _Handlers(nlp):
        pending = [i for i, t in enumerate(texts) if len(t) <= nlp.max_length]
        while pending:
            workers = n_process if len(pending) > batch_size else 1
            stream = ((make_doc(i, texts[i]), i) for i in pending)
            try:
                for doc, i in nlp.pipe(stream, as_tuples=True, batch_size=batch_size,
                                       n_process=workers):
                    out[i] = doc
                    if on_done is not None:
                        on_done(1)
                break
            except Exception:  # noqa: BLE001 - the batch in flight is rerun alone below
                undone = [i for i in pending if out[i] is None]
                pending = undone[batch_size:]
        for i, text in enumerate(texts):
            if out[i] is not None:
                continue
            try:
                out[i] = _alone(nlp, i, text, make_doc)
            except Exception as exc:  # noqa: BLE001 - reported per article by the caller
                out[i] = exc
            if on_done is not None:
                on_done(1)
    for item in out:
        if isinstance(item, Doc):
            resolve(item, item._.published)
    return out  # type: ignore[return-value]


# -- after the pipeline ----------------------------------------------------------------

def resolve(doc: Doc, published: str | None) -> Doc:
    """The one resolve step: tie dates and date figures to ``published``.

    Components write what the text says; here the date figures take their
    value from :func:`toolkit.pipeline.resolved_date` (over
    :func:`toolkit.pipeline.dates.resolve_date`), the same function the
    timeline's ``span._.date`` reads, so the two always agree."""
    doc._.published = published
    dates = {(s.start, s.end): s._.tk_date for s in doc.spans.get("dates", [])}
    for span in doc.spans.get("figures", []):
        data = span._.tk_figure
        if not data or data.get("type") != "date" or (span.start, span.end) not in dates:
            continue
        data["value"] = resolved_date(dates[(span.start, span.end)], published)
    return doc


# -- texts over nlp.max_length --------------------------------------------------------------

def split_points(text: str, limit: int) -> list[int]:
    """Offsets where ``text`` is cut into pieces of at most ``limit`` characters.

    A cut falls after a paragraph break if one lies in the second half of the
    window, else after a line break, else after a space; TK410 when a window
    holds no white space at all."""
    cuts, start = [], 0
    while len(text) - start > limit:
        window_end = start + limit
        cut = None
        for pattern in _BREAKS:
            ends = [m.end() for m in pattern.finditer(text, start + limit // 2, window_end)]
            ends = [e for e in ends if start < e <= window_end]
            if ends:
                cut = ends[-1]
                break
        if cut is None:
            raise ToolkitError("TK410", length=len(text), limit=limit,
                               why=f"no white space between characters {start} and "
                                   f"{window_end}")
        cuts.append(cut)
        start = cut
    return cuts


def _shift(doc: Doc, offset: int) -> None:
    """Add ``offset`` to the character offsets stored inside span data and problems."""
    if not offset:
        return
    for group in doc.spans.values():
        for span in group:
            for attr in ("tk_entity", "tk_quote", "tk_figure", "tk_date"):
                data = getattr(span._, attr, None)
                if isinstance(data, dict):
                    for key, value in data.items():
                        if _OFFSET_KEYS.search(key) and isinstance(value, int) \
                                and not isinstance(value, bool):
                            data[key] = value + offset
    for problem in doc._.tk_problems or []:
        if problem.get("start") is not None:
            problem["start"] += offset


def _in_pieces(nlp: Language, i: int, text: str, make_doc: MakeDoc) -> Doc:
    cuts = split_points(text, nlp.max_length)
    bounds = list(zip([0] + cuts, cuts + [len(text)]))
    warn("TKW411", stacklevel=5, length=len(text), limit=nlp.max_length, chunks=len(bounds))
    docs, problems = [], []
    for start, end in bounds:
        piece = nlp(make_doc(i, text[start:end]))
        _shift(piece, start)
        problems.extend(piece._.tk_problems or [])
        docs.append(piece)
    doc = _join(docs)
    doc._.published = docs[0]._.published
    doc._.tk_problems = problems or None
    return doc


def _join(docs: list[Doc]) -> Doc:
    import warnings as _warnings

    with _warnings.catch_warnings():
        _warnings.simplefilter("ignore", UserWarning)  # W101: doc-level extensions are set below
        return Doc.from_docs(docs, ensure_whitespace=False)


__all__ = ["make_doc", "process_texts", "record_failure", "resolve", "split_points", "COMPONENT_GROUPS"]
