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
        b["consistent"] = _agrees(a, b)


def _bounds_like(a: dict, value):
    if a["qualifier"] == "less-than":
        return None, value
    if a["qualifier"] == "more-than":
        return value, None
    if a["qualifier"] in ("exact", "peak"):
        return value, value
    return None, None


def _agrees(a: dict, b: dict) -> bool | None:
    pairs = []
    if a["value"] is not None and b["value"] is not None:
        pairs.append((a["value"], b["value"], b["_number"]))
    elif a["qualifier"] == b["qualifier"] == "range":
        pairs += [(a["low"], b["low"], str(b["low"])), (a["high"], b["high"], b["_number"])]
    if not pairs:
        return None
    for src, stated, written in pairs:
        expected = U.convert(float(src), a["unit"], b["unit"])
        tolerance = N.rounding_tolerance(re.sub(r"[^\d.,]", "", written or str(stated)) or
                                         str(stated), float(stated))
        if abs(expected - float(stated)) > tolerance:
            return False
    return True
