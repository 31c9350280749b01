"""Sentence bounds of a Doc read once, for components that ask per match.

``Span.sent`` and ``Token.sent`` walk token by token back to the start of the
sentence and on to its end, and without sentence starts a component falls back
to the whole Doc: asked once per date or per name, that is quadratic in the
length of a sentence (or of the text). :class:`SentenceIndex` reads the
sentence starts in one array and answers by bisection; build it once per Doc
and pass it on.
"""

from __future__ import annotations

import bisect

from spacy.attrs import SENT_START
from spacy.tokens import Doc, Span


class SentenceIndex:
    """The sentences of one Doc, as ``Span.sent`` finds them: a sentence starts
    at token 0 and at every token whose ``sent_start`` is 1. A Doc without
    sentence starts is one sentence."""

    def __init__(self, doc: Doc):
        self.doc = doc
        if len(doc) > 1 and doc.has_annotation("SENT_START"):
            column = doc.to_array([SENT_START])
            self.starts = [0] + [int(k) + 1 for k in (column[1:] == 1).nonzero()[0]]
        else:
            self.starts = [0]

    def bounds(self, i: int) -> tuple[int, int]:
        """``(start, end)`` token offsets of the sentence holding token ``i``."""
        k = bisect.bisect_right(self.starts, i)
        end = self.starts[k] if k < len(self.starts) else len(self.doc)
        return self.starts[k - 1], end

    def sentence(self, i: int) -> Span:
        """The sentence holding token ``i`` (``doc[i].sent``)."""
        start, end = self.bounds(i)
        return self.doc[start:end]
