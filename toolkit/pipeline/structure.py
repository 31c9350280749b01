"""``toolkit_structure``: line breaks end sentences; heading lines are marked.

Runs before the parser, which keeps the sentence starts it is given, so a
sub-heading such as "PUTIN AND TRUMP" never runs into the sentence below it.
"""

from __future__ import annotations


from spacy.language import Language
from spacy.tokens import Doc

from toolkit.article import TERMINAL as _TERMINAL, find_headings, is_hard_wrapped


class StructureMarker:
    def __init__(self, nlp: Language, name: str = "toolkit_structure"):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text
        headings = find_headings(text)
        heading_ends = {h["end"] for h in headings}
        heading_starts = {h["start"] for h in headings}
        hard_wrapped = is_hard_wrapped(text)
        for token in doc:
            if token.i == 0 or token.is_space:
                continue
            gap = _whitespace_before(doc, token.i)
            if "\n" not in gap:
                continue
            line_end = _line_end_before(text, token.idx)
            blank_line = gap.count("\n") >= 2
            if (not hard_wrapped or blank_line or text[line_end - 1:line_end] in _TERMINAL
                    or line_end in heading_ends or token.idx in heading_starts):
                token.is_sent_start = True
        spans = []
        for heading in headings:
            span = doc.char_span(heading["start"], heading["end"], label="HEADING",
                                 alignment_mode="expand")
            if span is not None:
                spans.append(span)
        doc.spans["headings"] = spans
        return doc


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


@Language.factory("toolkit_structure", assigns=["token.is_sent_start", "doc.spans"])
def make_structure_marker(nlp: Language, name: str) -> StructureMarker:
    return StructureMarker(nlp, name)
