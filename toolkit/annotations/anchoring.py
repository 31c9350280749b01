"""Anchoring: where an annotation's words are in a (possibly edited) text.

Each annotation keeps two W3C selectors: a ``TextPositionSelector`` (code-point
offsets) and a ``TextQuoteSelector`` (the exact words with up to
:data:`CONTEXT` code points of context before and after). The two are used
together, and an annotation is never moved onto other words:

1. When the text the annotations were anchored to is known (the store keeps a
   snapshot of it), the old text is aligned with the new one (common prefix
   and suffix, then an indel alignment of what lies between). A span whose
   characters all lie in one unchanged block moves with that block: these are
   its own words.
2. Otherwise the quote is looked for with one side of its context intact (the
   whole prefix right before it, or the whole suffix right after it; an empty
   side counts only at the start or end of the text). One such place: there.
   Several: the one the neighbours' shift predicts, if it is among them; else
   none (ambiguous). None at all: the words are gone.

What cannot be placed is an orphan with a reason; there is no fuzzy matching.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import Any, Callable

CONTEXT = 32  # code points of prefix / suffix kept with each quote

GONE = "the annotated words are no longer in the text"
AMBIGUOUS = "the annotated words occur in more than one place with the same context"


def quote_selector(text: str, start: int, end: int, context: int = CONTEXT) -> dict:
    """``{"exact", "prefix", "suffix"}`` for ``text[start:end]``."""
    return {"exact": text[start:end], "prefix": text[max(0, start - context):start],
            "suffix": text[end:end + context]}


def _left_ok(text: str, pos: int, prefix: str) -> bool:
    if not text.startswith(prefix, pos - len(prefix)) or pos < len(prefix):
        return False
    return len(prefix) >= CONTEXT or pos == len(prefix)  # short prefix: text start


def _right_ok(text: str, end: int, suffix: str) -> bool:
    if not text.startswith(suffix, end):
        return False
    return len(suffix) >= CONTEXT or end + len(suffix) == len(text)


def _agreement(text: str, pos: int, exact: str, prefix: str, suffix: str) -> int:
    """Characters of context that agree right next to ``text[pos:...]``."""
    n, end = 0, pos + len(exact)
    while n < len(prefix) and pos - n - 1 >= 0 and text[pos - n - 1] == prefix[-n - 1]:
        n += 1
    m = 0
    while m < len(suffix) and end + m < len(text) and text[end + m] == suffix[m]:
        m += 1
    return n + m


def _find_all(text: str, key: str) -> list[int]:
    out, pos = [], text.find(key)
    while pos >= 0:
        out.append(pos)
        pos = text.find(key, pos + 1)
    return out


def candidates(text: str, exact: str, prefix: str, suffix: str) -> list[int]:
    """Starts of ``exact`` in ``text`` with one side of its context intact."""
    if not exact:
        return []
    found = set()
    for at in _find_all(text, prefix + exact):
        pos = at + len(prefix)
        if _left_ok(text, pos, prefix):
            found.add(pos)
    for pos in _find_all(text, exact + suffix):
        if _right_ok(text, pos + len(exact), suffix):
            found.add(pos)
    return sorted(found)


def locate(text: str, start: int, end: int, exact: str, prefix: str = "", suffix: str = "",
           expected: int | None = None) -> tuple[tuple[int, int, str] | None, str | None]:
    """``((start, end, how), None)`` or ``(None, reason)``; see the module docstring.

    ``how`` is ``"position"`` (still at ``start``) or ``"quote"`` (found elsewhere
    by its words and context). ``expected`` is where the neighbours' shift puts it.
    """
    if not exact:
        return None, GONE
    size = len(exact)
    if 0 <= start and text[start:start + size] == exact and (
            _left_ok(text, start, prefix) or _right_ok(text, start + size, suffix)
            or _agreement(text, start, exact, prefix, suffix)
            >= min(8, len(prefix) + len(suffix))):
        return (start, start + size, "position"), None
    hits = candidates(text, exact, prefix, suffix)
    if len(hits) > 1:
        if expected is not None and expected in hits:
            hits = [expected]
        else:
            return None, AMBIGUOUS
    if not hits:
        return None, GONE
    pos = hits[0]
    return (pos, pos + size, "position" if pos == start else "quote"), None


def anchor(text: str, start: int, end: int, exact: str, prefix: str = "",
           suffix: str = "") -> tuple[int, int, str] | None:
    """Place a quote in ``text``: ``(start, end, how)`` or None (an orphan)."""
    return locate(text, start, end, exact, prefix, suffix)[0]


# -- aligning an old text with a new one --------------------------------------------

def _common_prefix(a: str, b: str) -> int:
    lo, hi = 0, min(len(a), len(b))
    while lo < hi:  # binary search on slice equality: O(n) work, done in C
        mid = (lo + hi + 1) // 2
        if a[lo:mid] == b[lo:mid]:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _common_suffix(a: str, b: str, limit: int) -> int:
    lo, hi = 0, limit
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if a[len(a) - mid:len(a) - lo] == b[len(b) - mid:len(b) - lo]:
            lo = mid
        else:
            hi = mid - 1
    return lo


_ALIGN_LIMIT = 10**8  # cells of the indel alignment of the changed middle (about 12 MB)


def edit_map(old: str, new: str) -> Callable[[int, int], int | None]:
    """Map a span of ``old`` to its start in ``new``: None unless every
    character of the span lies in one block the edits left unchanged."""
    p = _common_prefix(old, new)
    s = _common_suffix(old, new, min(len(old), len(new)) - p)
    tail, shift = len(old) - s, len(new) - len(old)
    blocks: list[tuple[int, int, int]] = []  # (old start, old end, new start)
    a, b = old[p:tail], new[p:len(new) - s]
    if a and b and len(a) * len(b) <= _ALIGN_LIMIT:
        from rapidfuzz.distance import Indel

        for op in Indel.opcodes(a, b):
            if op.tag == "equal":
                blocks.append((p + op.src_start, p + op.src_end, p + op.dest_start))
    starts = [blk[0] for blk in blocks]

    def mapped(start: int, end: int) -> int | None:
        if end <= p:
            return start
        if start >= tail:
            return start + shift
        i = bisect_right(starts, start) - 1
        if i >= 0 and blocks[i][0] <= start and end <= blocks[i][1]:
            return blocks[i][2] + start - blocks[i][0]
        return None
    return mapped


def sort_key(rec: dict):
    return (rec["start"], rec["end"], rec["id"])


def place_all(text: str, records: list[dict], mapped=None) -> dict[str, Any]:
    """Where each record goes in ``text``: ``id -> (start, end, how)`` or
    ``id -> (None, reason)`` for an orphan.

    In text order, each record is tried where the alignment with the old text
    put it (``mapped``), then where its neighbours moved, then by
    :func:`locate` (the neighbours' shift deciding between equal places).
    """
    placed: dict[str, Any] = {}
    shift = 0
    for rec in sorted(records, key=sort_key):
        start, exact = rec["start"], rec["exact"]
        size = len(exact)
        where = None
        if mapped is not None and exact:
            m = mapped(start, rec["end"])
            if m is not None and text[m:m + size] == exact:
                where = m
        if where is None and shift and exact:
            guess = start + shift
            if guess >= 0 and text[guess:guess + size] == exact and (
                    _left_ok(text, guess, rec["prefix"])
                    or _right_ok(text, guess + size, rec["suffix"])):
                where = guess
        if where is not None:
            shift = where - start
            placed[rec["id"]] = (where, where + size, "position" if where == start else "quote")
            continue
        found, why = locate(text, start, rec["end"], exact, rec["prefix"], rec["suffix"],
                            expected=start + shift)
        if found is None:
            placed[rec["id"]] = (None, why)
        else:
            shift = found[0] - start
            placed[rec["id"]] = found
    return placed
