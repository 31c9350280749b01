"""Conversions between figures: "200 km² (77 sq mi)" restates one figure in
other units; pint (via :mod:`toolkit.units`) checks that the two agree within the
rounding their written precision allows."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from toolkit import units as U
from toolkit.pipeline import numbers as N


# -- conversions ---------------------------------------------------------------
def link_conversions(doc: Doc, matches: list[tuple[Span, dict]], text: str | None = None) -> None:
    """"200 square kilometers (77 square miles)" / "..., or 77 square miles":
    the second restates the first; check that it agrees."""
    text = doc.text if text is None else text
    for (first, a), (second, b) in zip(matches, matches[1:]):
        between = text[first.end_char:second.start_char]
        if not re.fullmatch(r"\s*\(\s*|\s*,?\s*(?:or|about|roughly|around|some|nearly|almost"
                            r"|the equivalent of|equivalent to)\s+(?:about\s+|roughly\s+"
                            r"|around\s+|some\s+|nearly\s+)?|\s*/\s*|\s*\[\s*", between):
            continue
        if not a["unit"] or not b["unit"] or a["unit"] == b["unit"]:
            continue
        both_money = U.unit_type(a["unit"]) == U.unit_type(b["unit"]) == "money"
        if not (both_money or U.convertible(a["unit"], b["unit"])):
            continue
        b["conversion_of"] = first.text
        if b["qualifier"] == "exact" and a["qualifier"] != "exact":
            b["qualifier"] = a["qualifier"]
            b["low"], b["high"] = _bounds_like(a, b["value"])
        if both_money:
            continue  # toolkit holds no exchange rates
        b["consistent"] = _agrees(a, b, change=_is_change(text, first.start_char))


def _bounds_like(a: dict, value):
    if a["qualifier"] == "less-than":
        return None, value
    if a["qualifier"] == "more-than":
        return value, None
    if a["qualifier"] in ("exact", "peak"):
        return value, value
    return None, None


#: Words before a temperature that make it a difference: "has risen about 3 °F".
_CHANGE_CUES = re.compile(r"\b(?:ris(?:e|es|en|ing)|rose|warm(?:ed|ing|er)|cool(?:ed|ing|er)"
                          r"|hotter|colder|increas\w*|decreas\w*|fell|fall(?:en|ing|s)?|drop\w*"
                          r"|climb\w*|jump\w*|up|down|by|more|less|higher|lower)\b[^.;!?]*$",
                          re.IGNORECASE)


#: ... unless the words just before it give the level reached: "rose to", "hit".
_LEVEL_CUES = re.compile(r"\b(?:to|at|of|reached|hit|hitting|reaching|was|were|is|are)\s+"
                         r"(?:about\s+|around\s+|nearly\s+|almost\s+|some\s+|roughly\s+"
                         r"|just\s+|over\s+|under\s+)?$", re.IGNORECASE)


def _is_change(text: str, start: int) -> bool:
    """Whether the figure at ``start`` is a change ("warmed by 3 degrees"), read
    in the words of its clause before it."""
    before = text[max(0, start - 60):start]
    if _LEVEL_CUES.search(before):
        return False  # "rose to 104F": the level reached, not the rise
    return bool(_CHANGE_CUES.search(before))


def _agrees(a: dict, b: dict, change: bool = False) -> bool | None:
    pairs = []
    if a["value"] is not None and b["value"] is not None:
        pairs.append((a["value"], b["value"], b["_number"]))
    elif a["qualifier"] == b["qualifier"] == "range":
        pairs += [(a["low"], b["low"], str(b["low"])), (a["high"], b["high"], b["_number"])]
    if not pairs:
        return None
    for src, stated, written in pairs:
        expected = U.convert(float(src), a["unit"], b["unit"], change=change)
        tolerance = N.rounding_tolerance(re.sub(r"[^\d.,]", "", written or str(stated)) or
                                         str(stated), float(stated))
        if abs(expected - float(stated)) > tolerance:
            return False
    return True
