"""``toolkit_structure``: line breaks end sentences; heading lines are marked.

Runs before the parser, which keeps the sentence starts it is given, so a
sub-heading such as "PUTIN AND TRUMP" never runs into the sentence below it.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from toolkit.article import find_headings


class StructureMarker:
    def __init__(self, nlp: Language, name: str = "toolkit_structure"):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        previous_newline = False
        for token in doc:
            if token.i > 0 and previous_newline and not token.is_space:
                token.is_sent_start = True
            if "\n" in token.text or "\n" in token.whitespace_:
                previous_newline = True
            elif not token.is_space:
                previous_newline = False
        spans = []
        for heading in find_headings(doc.text):
            span = doc.char_span(heading["start"], heading["end"], label="HEADING",
                                 alignment_mode="expand")
            if span is not None:
                spans.append(span)
        doc.spans["headings"] = spans
        return doc


@Language.factory("toolkit_structure", assigns=["token.is_sent_start", "doc.spans"])
def make_structure_marker(nlp: Language, name: str) -> StructureMarker:
    return StructureMarker(nlp, name)
