"""Money written in forms of its own, found before the general scan: a
currency and its hundredths ("3 dollars 50 cents", "thirteen dollars and
forty-five", "17 USD 25"), a code with a scale after it ("75 USD million"),
and a code marked as millions or thousands ("30 MUSD", "MEUR 120", "5 KUSD"),
and a negative amount in brackets ("net income was ($4.2m)")."""

from __future__ import annotations

import re

from toolkit import units as U
from toolkit.pipeline import numbers as N

_NUM = rf"(?:{N.DIGITS}|{N.WORD_NUMBER})"
#: Currency words and codes whose hundredth is a cent or a penny.
_MAJOR = r"(?:dollars?|euros?|pounds?|[A-Z]{3})"
_SUB = r"(?:cents?|pence|p)"

#: "3 dollars 50 cents", "thirteen dollars and forty-five cents", "15 dollars 50."
SUBUNIT_RE = re.compile(
    rf"(?<![\w.,$€£])(?P<num>{_NUM})\s?(?P<cur>{_MAJOR})\s+(?:and\s+)?(?P<sub>{_NUM})"
    rf"(?:\s?(?P<subunit>{_SUB})\b|(?=\s*(?:[.,;!?]|$)))", re.IGNORECASE)
#: "75 USD million": a code, then the scale of the number before it.
CODE_SCALE_RE = re.compile(rf"(?<![\w.,$€£])(?P<num>{N.DIGITS})\s?(?P<code>[A-Z]{{3}})\s+"
                           r"(?P<scale>thousand|million|billion|trillion)\b")
#: "30 MUSD", "twenty MUSD", "MAUD 60": M (millions) or K (thousands) glued to a code.
MARKED_CODE_RE = re.compile(rf"(?<![\w.,$€£])(?:(?P<num>{_NUM})\s?(?P<m>[MK])(?P<code>[A-Z]{{3}})\b"
                            rf"|(?P<m2>[MK])(?P<code2>[A-Z]{{3}})\s?(?P<num2>{N.DIGITS})(?![\d.,]))")


def _currency(word: str) -> str | None:
    code = U.normalise_unit(word)
    if code in ("lb", None) and word.lower().startswith("pound"):
        return "GBP"
    return code if U.unit_type(code) == "money" and code not in ("cent", "penny") else None


def money_figures(text: str, make_figure) -> list[tuple[int, int, dict]]:
    """``(start, end, tk_figure data)`` of the money forms above."""
    out = []
    for m in SUBUNIT_RE.finditer(text):
        code = _currency(m.group("cur"))
        whole, sub = N.parse_number(m.group("num")), N.parse_number(m.group("sub"))
        if not code or whole is None or sub is None or not (0 < sub < 100) or \
                not float(sub).is_integer() or (m.group("cur").isupper() and len(m.group("cur")) != 3):
            continue
        value = whole + sub / 100
        out.append((m.start(), m.end(), make_figure("money", value, value, value, code, "exact")))
    for m in CODE_SCALE_RE.finditer(text):
        code, value = _currency(m.group("code")), N.parse_digits(m.group("num"))
        if code and value is not None:
            value *= N.SCALE_WORDS[m.group("scale").lower()]
            out.append((m.start(), m.end(), make_figure("money", value, value, value, code,
                                                        "exact")))
    for m in MARKED_CODE_RE.finditer(text):
        code = _currency(m.group("code") or m.group("code2"))
        value = N.parse_number(m.group("num") or m.group("num2"))
        if code and value is not None:
            value *= 1_000_000 if (m.group("m") or m.group("m2")) == "M" else 1_000
            out.append((m.start(), m.end(), make_figure("money", value, value, value, code,
                                                        "exact")))
    return out + accounting_figures(text, make_figure)


#: An amount in brackets as a balance sheet writes a negative one, stated by
#: "is", "was" or a colon: "net income was ($4.2m)", "Result: (€300)". A
#: bracket after anything else is an aside or a restatement ("a fee ($50)").
ACCOUNTING_RE = re.compile(
    rf"(?:\b(?:is|was|were|are|be|been)|:)\s+(?P<fig>\(\s?(?P<cur>{U.CURRENCY_PREFIX_RE})\s?"
    rf"(?P<num>{N.DIGITS}(?:{N.MULTIPLIER})?)\s?\))", re.IGNORECASE)


def accounting_figures(text: str, make_figure) -> list[tuple[int, int, dict]]:
    """``(start, end, tk_figure data)`` of the bracketed negative amounts above."""
    out = []
    for m in ACCOUNTING_RE.finditer(text):
        code = U.CURRENCY_PREFIXES.get(m.group("cur")) or U.CURRENCY_PREFIXES.get(
            m.group("cur").upper())
        value = N.parse_number(m.group("num"))
        if code and value is not None:
            out.append((m.start("fig"), m.end("fig"),
                        make_figure("money", -value, -value, -value, code, "exact")))
    return out
