"""Figures with forms of their own, found before the general scan of
:mod:`.figure_reading`: scores and tallies ("won 2-1", "voted 7 to 2"), powers
("1.2e-5"), "magnitude 7.1", compound measures ("5 ft 10 in"), money in forms of
its own (:mod:`.figure_money`), digit chains ("4 thousand 3 hundred"),
multiples ("three times as many", "doubled"), frequencies ("twice a week"), one
unit named alone ("a gallon of milk"), uncertainties ("9.8 ± 0.1 m"),
and lengths too small to be a time of day ("2.1 pm")."""

from __future__ import annotations

import math
import re

from toolkit import units as U
from toolkit.pipeline import numbers as N
from toolkit.pipeline.figure_money import money_figures
from toolkit.pipeline.figure_patterns import (
    ABSOLUTE_ZERO_RE, COMPOUND_RE, FREQUENCY_RE, MAGNITUDE_RE, ONCE_WORDS, ONE_UNIT_RE,
    ONE_UNIT_TYPES, MULTIPLE_RE, MULTIPLE_VERBS, POWER_RE, QUAL_WORDS, QUALIFIER_OF,
    SCORE_CUES, SCORE_RE, SMALL_LENGTH_RE, TALLY_RE, TRILLIONS_RE, UNCERTAINTY_RE,
)
from toolkit.pipeline.figure_reading import make_figure, unit_of


def special_figures(text: str) -> list[tuple[int, int, dict]]:
    """Figures with forms of their own, found before the general scan: scores,
    "magnitude 7.1", "5 ft 10 in", "three times as many", "doubled"."""
    out: list[tuple[int, int, dict]] = []
    for m in SCORE_RE.finditer(text):
        if _is_score(m, text):
            out.append((m.start(), m.end(), make_figure("score", None, None, None, None, "exact")))
    for m in TALLY_RE.finditer(text):
        out.append((m.start("tally"), m.end("tally"),
                    make_figure("score", None, None, None, None, "exact")))
    for m in TRILLIONS_RE.finditer(text):
        currency = U.CURRENCY_PREFIXES.get(m.group("cur"))
        value = N.parse_digits(m.group("num"))
        if currency and value is not None:
            value *= 1e12
            out.append((m.start(), m.end(), make_figure("money", value, value, value, currency,
                                                    "exact")))
    for m in POWER_RE.finditer(text):
        unit = unit_of(m.group("unit")) if m.group("unit") else None
        if m.group("unit") and unit is None:
            continue
        value = _power(m)
        out.append((m.start(), m.end(), make_figure(U.unit_type(unit) or "count", value, value,
                                                    value, unit, "exact")))
    for m in UNCERTAINTY_RE.finditer(text):
        unit = unit_of(m.group("unit")) if m.group("unit") else None
        value, spread = N.parse_digits(m.group("m")), N.parse_digits(m.group("u"))
        if value is None or spread is None:
            continue
        value = -value if m.group("sign") else value
        end = m.end() if unit or not m.group("unit") else m.end("u")
        out.append((m.start(), end, make_figure(U.unit_type(unit) or "count", value,
                                                value - spread, value + spread, unit,
                                                "approximate")))
    for m in SMALL_LENGTH_RE.finditer(text):
        value = N.parse_digits(m.group("num"))
        out.append((m.start(), m.end(), make_figure("length", value, value, value,
                                                    m.group("u"), "exact")))
    for m in FREQUENCY_RE.finditer(text):
        word = (m.group("w") or "").lower()
        value = ONCE_WORDS[word] if word else N.parse_number(m.group("n"))
        if value is not None:  # "twice a week", "4 times per year"
            out.append((m.start(), m.end(), make_figure("frequency", value, value, value,
                                                        f"1/{m.group('per').lower()}", "exact")))
    for m in ONE_UNIT_RE.finditer(text):
        unit, written = unit_of(m.group("u")), m.group("u")
        kind = U.unit_type(unit)
        # a unit written out in lower case ("a Ft." is an abbreviation, "a bit" an idiom);
        # money only where the clause ends ("a penny!", not "a dollar of insurance")
        if unit and kind in ONE_UNIT_TYPES and unit not in ("ton", "lb", "GBP", "bit") and \
                re.fullmatch(r"[a-z]{3,}", written) and (kind != "money" or m.group("end")):
            out.append((m.start(), m.end(), make_figure(U.unit_type(unit), 1, 1, 1, unit,
                                                        "exact")))  # "a gallon of milk"
    for m in ABSOLUTE_ZERO_RE.finditer(text):
        out.append((m.start(), m.end(), make_figure("temperature", 0, 0, 0, "K", "exact")))
    for m in MAGNITUDE_RE.finditer(text):
        value = float(m.group("num"))
        out.append((m.start(), m.end(),
                    make_figure("magnitude", value, value, value, "magnitude", "exact")))
    for m in COMPOUND_RE.finditer(text):
        data = _compound(m)
        if data is not None:
            start, qualifier = _qualifier_before(text, m.start())
            if qualifier != "exact":
                data = make_figure(data["type"], float(data["value"]),
                               *_bounds_of(qualifier, data["value"]), data["unit"], qualifier)
            out.append((start, m.end(), data))
    out += money_figures(text, make_figure)
    for m in re.finditer(N.DIGIT_CHAIN, text, re.IGNORECASE):
        value = N.parse_word_number(m.group(0))
        if value is not None:
            out.append((m.start(), m.end(), make_figure("count", value, value, value, None,
                                                        "exact")))
    for m in MULTIPLE_RE.finditer(text):
        written = m.group("times") or m.group("fold")
        if written:
            value = N.parse_number(written)
        elif m.group("twice"):
            value = 2.0 if m.group("twice").lower() == "twice" else 3.0
        else:
            verb = m.group("verb").lower()
            value = next(v for k, v in MULTIPLE_VERBS.items() if verb.startswith(k))
        if value is None:
            continue
        start, qualifier = _qualifier_before(text, m.start())  # "more than doubled"
        out.append((start, m.end(), make_figure("multiple", float(value),
                                            *_bounds_of(qualifier, value), "×", qualifier)))
    out.sort(key=lambda f: (f[0], -(f[1] - f[0])))
    return out


def _power(m: re.Match) -> float | None:
    """The value of a POWER_RE match; None when it is beyond a float."""
    mantissa = float(m.group("m"))
    try:
        if m.group("e2") is not None:
            value = mantissa ** int(m.group("e2"))
        elif m.group("e5") is not None:  # "8x2^10"
            value = mantissa * float(m.group("b")) ** int(m.group("e5"))
        else:
            value = mantissa * 10.0 ** int(m.group("e1") or m.group("e3") or m.group("e4"))
    except (OverflowError, ZeroDivisionError):
        return None
    return value if math.isfinite(value) else None


def _is_score(m: re.Match, text: str) -> bool:
    """"won 2-1", "the 5-4 ruling", "passed 215-207": two counts joined by a
    dash in a sentence about a contest or a vote, with no unit after."""
    after = text[m.end():m.end() + 30]
    nxt = re.match(r"\s*([A-Za-z]+)", after)
    if nxt and U.normalise_unit(nxt.group(1)) is not None:
        return False
    start = max(text.rfind(". ", 0, m.start()), text.rfind("\n", 0, m.start()), -1) + 1
    stop = [i for i in (text.find(". ", m.end()), text.find("\n", m.end())) if i >= 0]
    sentence = text[start:min(stop) if stop else len(text)]
    words = {w.lower() for w in re.findall(r"[A-Za-z][A-Za-z-]*", sentence)}
    if not words & SCORE_CUES:
        return False
    # "aged 18-24", "5-10 people" stay ranges: a counted noun follows
    if nxt and nxt.group(1).lower() not in SCORE_CUES and \
            nxt.group(1).lower() not in _FUNCTION_WORDS and not nxt.group(1)[0].isupper():
        return False
    return True


_FUNCTION_WORDS = {"a", "an", "the", "on", "at", "in", "against", "over", "with", "after",
                   "to", "and", "but", "for", "from", "by", "of", "as", "before", "thanks",
                   "when", "while", "despite", "since", "into", "win", "lead", "in", "away",
                   "home", "victory", "defeat", "draw", "loss", "scoreline", "majority",
                   "vote", "decision", "ruling", "verdict", "result", "triumph", "aggregate",
                   "margin", "split", "or", "so", "that", "which", "who", "this", "last",
                   "first", "second", "late", "early", "overtime", "extra", "penalties"}


def _compound(m: re.Match) -> dict | None:
    u1 = U.normalise_unit(m.group("u1"))
    u2 = "in" if m.group("u2").lower() == "in" else U.normalise_unit(m.group("u2"))
    if u2 == "in" and u1 != "ft":
        return None
    if not u1 or not u2 or u1 == u2 or not U.convertible(u1, u2):
        return None
    n1, n2 = N.parse_digits(m.group("n1")), N.parse_digits(m.group("n2"))
    if n1 is None or n2 is None:
        return None
    per = U.convert(1.0, u1, u2)
    if per <= 1 or n2 >= per:  # "5 ft 10 in": the second unit is smaller, and under one
        return None
    value = n1 + U.convert(n2, u2, u1)
    return make_figure(U.unit_type(u1), float(value), value, value, u1, "exact")


def _qualifier_before(text: str, start: int) -> tuple[int, str]:
    m = re.search(rf"(?<![\w-])({QUAL_WORDS})\s+$", text[max(0, start - 30):start], re.IGNORECASE)
    if not m:
        return start, "exact"
    qualifier = QUALIFIER_OF.get(m.group(1).lower(), "exact")
    if qualifier == "range":
        return start, "exact"
    return start - (len(m.group(0))), qualifier


def _bounds_of(qualifier: str, value):
    if qualifier == "less-than":
        return None, value
    if qualifier == "more-than":
        return value, None
    if qualifier == "exact":
        return value, value
    return None, None
