"""``toolkit_structure``: line breaks end sentences; headings and furniture are marked.

Runs before the parser, which keeps the sentence starts it is given, so a
sub-heading such as "PUTIN AND TRUMP" never runs into the sentence below it.

The layout comes from :func:`toolkit.text_structure.analyse_layout`, the same
computation that fills ``Article.headings`` and ``Article.structure``. What only
the markup knew (HTML ``<h2>`` texts, the metadata title) reaches the component
through ``doc._.tk_layout_hints``; :func:`attach_article` sets it from an
:class:`~toolkit.article.Article` before the pipeline runs.

Span groups written
-------------------
``doc.spans["headings"]``   heading lines, label ``HEADING``
``doc.spans["structure"]``  furniture, labels ``title``, ``standfirst``,
                            ``byline``, ``dateline``, ``credit``, ``marker``
                            (see :mod:`toolkit.text_structure`)
"""

from __future__ import annotations

import re

from spacy.attrs import SENT_START
from spacy.errors import Errors as SpacyErrors
from spacy.language import Language
from spacy.tokens import Doc

from toolkit.text_structure import TERMINAL as _TERMINAL, analyse_layout

#: Labels of ``doc.spans["structure"]``.
STRUCTURE_LABELS = ("title", "standfirst", "byline", "dateline", "credit", "marker")

if not Doc.has_extension("tk_layout_hints"):
    # {"headings": [str, ...], "title": str | None}: plain data, survives to_bytes
    Doc.set_extension("tk_layout_hints", default=None)


def attach_article(doc: Doc, article) -> Doc:
    """Give ``doc`` what the article's markup declared (heading texts, title),
    so the component finds the same layout as ``article.headings``. Returns ``doc``."""
    title = article.metadata.get("title") if isinstance(article.metadata, dict) else None
    doc._.tk_layout_hints = {"headings": list(getattr(article, "markup_headings", []) or []),
                             "title": title if isinstance(title, str) else None}
    return doc


def layout_of(doc: Doc):
    """The :class:`~toolkit.text_structure.Layout` of ``doc`` (hints included)."""
    hints = doc._.tk_layout_hints or {}
    return analyse_layout(doc.text, known=frozenset(hints.get("headings") or ()),
                          title=hints.get("title"))


class StructureMarker:
    def __init__(self, nlp: Language, name: str = "toolkit_structure"):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text
        layout = layout_of(doc)
        heading_ends = {h["end"] for h in layout.headings}
        heading_starts = {h["start"] for h in layout.headings}
        breaks = layout.sentence_breaks()
        hard_wrapped = layout.hard_wrapped
        starts = []
        for token in doc:
            if token.i == 0 or token.is_space:
                continue
            if token.idx in breaks:
                starts.append(token.i)
                continue
            gap = _whitespace_before(doc, token.i)
            if "\n" not in gap:
                continue
            line_end = _line_end_before(text, token.idx)
            blank_line = gap.count("\n") >= 2
            if (not hard_wrapped or blank_line or text[line_end - 1:line_end] in _TERMINAL
                    or line_end in heading_ends or token.idx in heading_starts):
                starts.append(token.i)
        if starts:
            # One array write: ``token.is_sent_start = True`` scans the whole Doc
            # for a parse on every call, which made this component quadratic.
            if doc.has_annotation("DEP"):
                raise ValueError(SpacyErrors.E043)
            column = doc.to_array([SENT_START])
            column[starts] = 1
            doc.from_array([SENT_START], column)
        doc.spans["headings"] = _spans(doc, layout.headings, "HEADING")
        doc.spans["structure"] = _spans(doc, layout.structure, None)
        return doc


def _spans(doc: Doc, items: list[dict], label: str | None) -> list:
    out = []
    for item in items:
        span = doc.char_span(item["start"], item["end"], label=label or item["label"],
                             alignment_mode="expand")
        if span is not None and len(span):
            out.append(span)
    return out


def _whitespace_before(doc: Doc, i: int) -> str:
    """All white space between token ``i`` and the last non-space token before it."""
    parts = []
    j = i - 1
    while j >= 0:
        parts.append(doc[j].whitespace_)
        if not doc[j].is_space:
            break
        parts.append(doc[j].text)
        j -= 1
    return "".join(reversed(parts))


def _line_end_before(text: str, idx: int) -> int:
    """Offset just after the last non-space character before ``idx``."""
    end = idx
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end


#: A citation mark glued to the end of a word ("Egypt.[1]", "Cairo[4]"), or the opening
#: word of a bracketed note ("Egypt.[citation needed]"): a suffix.
CITATION_SUFFIX = r"\[\d{1,3}\]?$|\[[a-z][a-z]*$"


def cut_citation_marks(nlp: Language) -> None:
    """Teach ``nlp``'s tokenizer to cut citation marks off the word they are glued
    to, so "Egypt.[1]" is "Egypt", ".", "[1]" and an entity can hold the name alone.
    Adds one suffix to the tokenizer's own rules (idempotent; saved with the pipeline)."""
    tokenizer = nlp.tokenizer
    search = getattr(tokenizer, "suffix_search", None)
    pattern = getattr(getattr(search, "__self__", None), "pattern", None)
    if not isinstance(pattern, str) or CITATION_SUFFIX in pattern:
        return
    tokenizer.suffix_search = re.compile(f"{pattern}|{CITATION_SUFFIX}").search


@Language.factory("toolkit_structure", assigns=["token.is_sent_start", "doc.spans"])
def make_structure_marker(nlp: Language, name: str) -> StructureMarker:
    cut_citation_marks(nlp)
    return StructureMarker(nlp, name)
