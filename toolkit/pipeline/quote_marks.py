"""Quote marks in plain text: pairs of marks, paragraph by paragraph (the
first step of :mod:`toolkit.pipeline.quotes`; no parse needed)."""

from __future__ import annotations

import dataclasses
import re

from toolkit.text_structure import paragraph_ranges

DOUBLE_OPEN = "“«"
DOUBLE_CLOSE = "”»"
STRAIGHT_DOUBLE = '"'
SINGLE_OPEN = "‘'"
SINGLE_CLOSE = "’'"
ALL_MARKS = DOUBLE_OPEN + DOUBLE_CLOSE + STRAIGHT_DOUBLE + SINGLE_OPEN + SINGLE_CLOSE
_ELISIONS = ("em ", "em,", "em.", "til ", "cause ", "n ", "tis ", "twas ", "round ")
_OPEN_CONTEXT = " \t([{—–-/:“\"«"
_TERMINAL = ".!?…"


# -- finding quote marks ----------------------------------------------------------

@dataclasses.dataclass
class QuoteRegion:
    """A quoted stretch of text: marks at ``open``/``close``, content ``[start, end)``.

    ``open`` is the first character of the opening mark, ``close`` the last of
    the closing one (a mark may be two apostrophes).

    ``close`` is None for a quote left open at the end of its paragraph."""

    open: int
    close: int | None
    start: int
    end: int
    style: str  # "double" or "single"


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """Paragraph ranges ``[lo, hi)`` of ``text``, as the one layout module cuts
    them (:func:`toolkit.text_structure.paragraph_ranges`)."""
    return paragraph_ranges(text)


def paragraph_starts(text: str) -> list[int]:
    """Start offsets of the non-blank paragraphs of ``text`` (see :func:`_paragraphs`)."""
    return [lo for lo, hi in _paragraphs(text) if text[lo:hi].strip()]


def _single_opens(text: str, i: int, lo: int, hi: int) -> bool:
    prev = text[i - 1] if i > lo else " "
    nxt = text[i + 1] if i + 1 < hi else " "
    if prev.isalnum() or not (nxt.isalnum() or nxt in "“\"¿¡"):
        return False
    if prev not in _OPEN_CONTEXT and not prev.isspace():
        return False
    ahead = text[i + 1:i + 8].lower()
    if ahead.startswith(_ELISIONS) or re.match(r"\d\ds\b", ahead):
        return False  # 'em, 'til, '90s
    return True


def _single_closes(text: str, i: int, lo: int, hi: int) -> str:
    """"close", "maybe" (a plural possessive such as voters’ rights) or ""."""
    prev = text[i - 1] if i > lo else " "
    nxt = text[i + 1] if i + 1 < hi else " "
    if prev.isspace() or nxt.isalnum():
        return ""
    if prev.lower() == "s" and nxt == " " and i + 2 < hi and text[i + 2].isalnum():
        return "maybe"
    return "close"


def _double_apostrophe(text: str, i: int, hi: int) -> int:
    """Width of a double quote mark typed as two apostrophes at ``i`` (0: none).

    Some newsrooms write ''like this'' (two ASCII apostrophes for one mark)."""
    return 2 if text[i] == "'" and i + 1 < hi and text[i + 1] == "'" else 0


def _scan_paragraph(text: str, lo: int, hi: int) -> list[QuoteRegion]:
    regions: list[QuoteRegion] = []
    state = None  # None, "double" or "single"
    opened = -1
    width = 1  # characters of the opening mark
    maybe_close = None
    skip_to = lo
    for i in range(lo, hi):
        if i < skip_to:
            continue
        c = text[i]
        if c not in ALL_MARKS:
            continue
        prev = text[i - 1] if i > lo else " "
        pair = _double_apostrophe(text, i, hi)
        nxt = text[i + 1 + (pair > 0)] if i + 1 + (pair > 0) < hi else " "
        if state is None and c == STRAIGHT_DOUBLE and prev == "=":
            # a markup attribute ('<post id="12" author="@ana">'): a value, not a quote
            close = text.find(STRAIGHT_DOUBLE, i + 1, hi)
            skip_to = close + 1 if close >= 0 else i + 1
            continue
        if state is None:
            if pair:
                if not nxt.isspace() and nxt != "'" and not prev.isalnum():
                    state, opened, width = "double", i, 2
                skip_to = i + 2
            elif c in DOUBLE_OPEN:
                state, opened, width = "double", i, 1
            elif c == STRAIGHT_DOUBLE:
                if not nxt.isspace() and not prev.isdigit():
                    state, opened, width = "double", i, 1
            elif c in SINGLE_OPEN and _single_opens(text, i, lo, hi):
                state, opened, width, maybe_close = "single", i, 1, None
            # any other mark is a stray closer or an apostrophe: ignored
        elif state == "double":
            if pair:
                # three apostrophes close a nested single quote, then the double one
                first = i + 1 if i + 2 < hi and text[i + 2] == "'" else i
                regions.append(QuoteRegion(opened, first + 1, opened + width, first,
                                           "double"))
                state, skip_to = None, first + 2
            elif c in DOUBLE_CLOSE or c == STRAIGHT_DOUBLE:
                regions.append(QuoteRegion(opened, i, opened + width, i, "double"))
                state = None
            elif c in DOUBLE_OPEN:
                opened, width = i, 1  # the earlier mark was never closed: start again here
        else:  # single
            if c in SINGLE_CLOSE:
                verdict = _single_closes(text, i, lo, hi)
                if verdict == "close":
                    regions.append(QuoteRegion(opened, i, opened + 1, i, "single"))
                    state = None
                elif verdict == "maybe" and maybe_close is None:
                    maybe_close = i
    if state == "single" and maybe_close is not None:
        regions.append(QuoteRegion(opened, maybe_close, opened + 1, maybe_close, "single"))
    elif state == "double":
        regions.append(QuoteRegion(opened, None, opened + width, hi, "double"))
    return regions


def _starts_sentence(text: str, lo: int, pos: int) -> bool:
    before = text[lo:pos].rstrip()
    before = before.rstrip("”\"’'»)")
    return not before or before[-1] in _TERMINAL + ":"


def find_quoted_regions(text: str) -> list[QuoteRegion]:
    """Every quoted stretch of ``text``, in order; never raises on odd marks."""
    paragraphs = _paragraphs(text)
    out: list[QuoteRegion] = []
    for k, (lo, hi) in enumerate(paragraphs):
        for region in _scan_paragraph(text, lo, hi):
            if region.close is None:
                nxt = next((text[a:b].lstrip() for a, b in paragraphs[k + 1:]
                            if text[a:b].strip()), "")
                continues = bool(nxt) and (nxt[0] in DOUBLE_OPEN + STRAIGHT_DOUBLE
                                           or nxt.startswith("''"))
                if not (continues or _starts_sentence(text, lo, region.open)):
                    continue
            # trim white space inside the marks
            start, end = region.start, region.end
            while start < end and text[start].isspace():
                start += 1
            while end > start and text[end - 1].isspace():
                end -= 1
            if not any(ch.isalnum() for ch in text[start:end]):
                continue
            region.start, region.end = start, end
            out.append(region)
    return out


#: Prepositions before a quoted title of a show, a book or a film: 'on "Today"'.
_TITLE_PREPOSITIONS = frozenset("on in at from during via onto with".split())
_TITLE_SMALL_WORDS = frozenset("a an and as at but by for from in into nor of on or the to "
                               "with".split())


def names_a_title(doc, prev: int, words: list[str]) -> bool:
    """Whether quoted ``words`` after the token ``prev`` of ``doc`` are a lone
    letter or number ('"R"', '"12"') or name a title
    ('said on "Meet the Press"', 'told NBC's "Today"'): a preposition of place or
    medium (or "with": 'an interview with "Harbor Weekly"'), or a possessive ('the
    network's "Evening Table"'), before words that are all capitalised (small words aside),
    with no sentence punctuation, at most eight words."""
    bare = " ".join(words).strip(".,;:!?")
    if len(words) == 1 and (len(bare) == 1 or bare.isdigit()):
        return True
    if prev < 0 or not words or len(words) > 8:
        return False
    owner = doc[prev].lower_ in ("'s", "’s") and prev > 0 and (  # the network's "Today"
        doc[prev - 1].pos_ in ("PROPN", "NOUN") or doc[prev - 1].ent_type_ in ("ORG", "PERSON"))
    if doc[prev].lower_ not in _TITLE_PREPOSITIONS and not owner:  # NBC's "Today"
        return False
    if any(ch in " ".join(words) for ch in ".!?,;:"):
        return False
    return words[0][:1].isupper() and all(
        w[:1].isupper() or w[:1].isdigit() or w.lower() in _TITLE_SMALL_WORDS for w in words)
