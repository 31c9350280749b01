"""Statements introduced by a name and a colon, without quote marks: the
headline and transcript convention ("Senator Reid: Tax Plan Is Dead",
"LANE: We will not give up.") at the start of a line. A mixin for
:class:`toolkit.pipeline.quotes.QuoteExtractor` (which supplies ``_doc``,
``_text``, ``_resolver``, ``_para_start`` and friends).

A line counts when the words before its colon are a short name or source
phrase (no verb, no date or place alone: "WASHINGTON:" is a dateline) and the
words after it say something (at least three words). What follows the colon,
to the end of the line, is the statement; the phrase is its speaker.
"""

from __future__ import annotations

from spacy.tokens import Token

from toolkit.pipeline.reported import _Quote
from toolkit.pipeline.speech import AGENT_NOUNS, MEDIUM_NOUNS

#: Longest speaker phrase before the colon, in tokens.
_MAX_NAME = 6
#: Entity types that make the phrase a dateline, a time or a figure, not a source.
_NOT_SOURCE_TYPES = frozenset("GPE LOC DATE TIME CARDINAL ORDINAL MONEY PERCENT QUANTITY "
                              "FAC EVENT LAW".split())
#: Part-of-speech tags a speaker phrase may hold.
_NAME_POS = frozenset("PROPN NOUN DET ADJ PART PUNCT NUM CCONJ".split())
#: Words that pair two names before a colon ("Lee vs. Ruiz:"): a topic, not a speaker.
_PAIRING = frozenset("and & vs vs. versus".split())
#: Labels that introduce a list or a section, not a speaker.
_NOT_SPEAKERS = frozenset("""
update note editor correction disclosure photo photos video watch listen read related
see also example question answer q a warning source sources credit credits caption
subscribe sign advertisement ad breaking exclusive live tags topics summary background
""".split())


class ColonStatements:
    """Mixin: "Name: what they said" lines become reported statements."""

    def _colon_statements(self, direct: list[_Quote], reported: list[_Quote]) -> list[_Quote]:
        doc = self._doc
        out: list[_Quote] = []
        covered = [(q.start, q.end) for q in reported]
        for colon in doc:
            if colon.text != ":" or colon.i in self._in_region:
                continue
            found = self._colon_line(colon)
            if found is None:
                continue
            speaker, start, end = found
            start, end = self._trim(start, end)
            if end - start < 3 or any(a <= start and end <= b for a, b in covered):
                continue
            quoted = sum(1 for i in range(start, end) if i in self._in_region)
            if quoted * 5 > 4 * (end - start):
                continue  # a quote after the colon: the direct quote holds it
            covered.append((start, end))
            out.append(_Quote("reported", start, end, cue=[colon], speaker=speaker))
        return out

    def _colon_line(self, colon: Token) -> tuple[Token, int, int] | None:
        """(speaker head, start, end) when ``colon`` follows a name that opens its line."""
        doc, text = self._doc, self._text
        line_start = self._para_start(colon.idx)
        first = colon.i
        while first > 0 and doc[first - 1].idx >= line_start and not doc[first - 1].is_space:
            first -= 1
        phrase = [t for t in doc[first:colon.i] if not t.is_space]
        if not phrase or len(phrase) > _MAX_NAME or text[line_start:doc[first].idx].strip():
            return None
        shouted = all(t.is_upper or not t.is_alpha for t in phrase)  # "LANE:", "MS. LANE:"
        if not shouted and any(t.pos_ not in _NAME_POS for t in phrase) or phrase[-1].is_punct:
            return None
        if any(t.ent_type_ in _NOT_SOURCE_TYPES for t in phrase) and not any(
                t.ent_type_ in ("PERSON", "ORG", "NORP") for t in phrase):
            return None
        if any(t.lower_ in _NOT_SPEAKERS for t in phrase) or any(
                t.like_num for t in phrase):
            return None
        heads = [t for t in phrase if t.pos_ in ("PROPN", "NOUN") or shouted and t.is_alpha]
        if not heads:
            return None
        head = heads[-1]
        if any(t.pos_ == "CCONJ" or t.lower_ in _PAIRING for t in phrase):
            return None  # "Lee and Ruiz: A Long Rivalry" names a topic, not a speaker
        if not shouted and head.pos_ == "NOUN" and not self._resolver.can_speak(head) and (
                head.lemma_.lower() or head.lower_) not in MEDIUM_NOUNS | AGENT_NOUNS:
            return None
        # the statement: the rest of the line
        end = colon.i + 1
        para = self._para(colon.idx)
        while end < len(doc) and (doc[end].is_space or self._para(doc[end].idx) == para):
            end += 1
        while end > colon.i + 1 and doc[end - 1].is_space:
            end -= 1
        words = [t for t in doc[colon.i + 1:end] if t.is_alpha]
        if len(words) < 3:
            return None
        return head, colon.i + 1, end
