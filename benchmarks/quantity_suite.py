"""Figures on quantulum3's own English test file, toolkit beside quantulum3 in the
same run: a section of ``benchmarks/accuracy_numbers.py`` (kept apart to keep that
module short).

The file is read from the installed quantulum3 package at run time and never
copied into the project. Scoring rule (written out in the section too): each gold
quantity is one case; it is right when one found figure overlaps its text and
states the same amount in the same unit once pint has converted both (1 dozen =
12, 0.5k miles = 500 mi); currencies compare by ISO 4217 code; ranges by both ends
(quantulum3 gives mean ± uncertainty); a year toolkit reads as a date counts as
that number. quantulum3's own output is scored by the same rule.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from accuracy_numbers import _close, _load, quantulum_mode


def quantity_suite_path() -> Path | None:
    """quantulum3's English test file, read from the installed package (never
    copied into the project); None when quantulum3 is not installed."""
    try:
        import quantulum3
    except ImportError:
        return None
    path = Path(quantulum3.__file__).parent / "_lang" / "en_US" / "tests" / "quantities.json"
    return path if path.exists() else None


def quantity_suite_cases(path: Path):
    """``(sentence, gold)`` per test of the file; each gold quantity has its span
    (where its surface first occurs after the previous one), bounds and unit."""
    for case in _load(path):
        text, pos, gold = case["req"], 0, []
        for r in case["res"]:
            surface = r["surface"]
            i = text.find(surface, pos)
            if i < 0:
                i = text.lower().find(surface.lower())
            start, end = (i, i + len(surface)) if i >= 0 else (0, len(text))
            pos = max(pos, end if i >= 0 else pos)
            unc = r.get("uncertainty") or 0
            gold.append({"start": start, "end": end, "text": surface, "value": r["value"],
                         "low": r["value"] - unc, "high": r["value"] + unc, "unit": r["unit"]})
        yield text, gold


#: quantulum3's names of money units → ISO 4217 codes (or the coin's own name).
_SUITE_MONEY = {"dollar": "USD", "euro": "EUR", "pound sterling": "GBP", "yen": "JPY",
                "cent": "cent", "penny": "penny", "dime": "dime"}
#: quantulum3's unit words → pint names (pint spells them the American way).
_SUITE_WORDS = {"metre": "meter", "litre": "liter", "tonne": "metric_ton", "pound-mass": "pound",
                "electronvolt": "electron_volt", "degree celsius": "degree_Celsius",
                "degree fahrenheit": "degree_Fahrenheit", "dimensionless": "",
                "baker's dozen": "13", "dozen": "12", "gross": "144", "count": "",
                "percentage": "percent"}


def _suite_unit(name: str | None):
    """A unit name (quantulum3's, or a toolkit symbol) → ``(money code, pint
    expression)``; either may be None/"" (a plain number is ``(None, "")``)."""
    from toolkit import units as U
    if not name:
        return None, ""
    if name in U.UNITS or "/" in name:  # a toolkit symbol, maybe a rate "USD/kg"
        parts = name.split("/")
        head = parts[0]
        money = head if U.unit_type(head) == "money" else None
        exprs = [] if money else [U.UNITS.get(head, (None, head))[1] or head]
        for per in parts[1:]:
            exprs.append("/(" + (U.UNITS.get(per, (None, per))[1] or per) + ")")
        return money, "".join(exprs).lstrip("/") if exprs and not money else (
            "1" + "".join(exprs) if exprs else "")
    low = name.lower()
    top, _, per = low.partition(" per ")
    money = _SUITE_MONEY.get(top)

    def expr(words: str) -> str:
        if words in _SUITE_WORDS:
            return _SUITE_WORDS[words]
        out = []
        for w in words.split():
            if w in ("square", "cubic", "inverse"):
                out.append(w)
                continue
            for k, v in _SUITE_WORDS.items():
                w = w.replace(k, v) if " " not in k else w
            if out and out[-1] in ("square", "cubic"):
                out[-1] = f"{w}**{2 if out[-1] == 'square' else 3}"
            elif out and out[-1] == "inverse":
                out[-1] = f"1/{w}"
            else:
                out.append(w)
        return "*".join(out)

    main = "1" if money else (expr(top) or "1")
    while per:
        one, _, per = per.partition(" per ")
        main += f"/({expr(one)})"
    return money, ("" if main == "1" else main)


def _same_quantity(gold: dict, found: dict) -> bool:
    """Whether a found figure states the gold quantity: the same money code and
    the same amount once pint has put both in the gold unit; ranges by both ends."""
    import pint
    from toolkit import units as U
    gm, ge = _suite_unit(gold["unit"])
    fm, fe = _suite_unit(found.get("unit"))
    if gm != fm:
        return False
    ureg = U.registry()
    lo, hi = found.get("low"), found.get("high")
    if found.get("value") is not None and (gold["low"] == gold["high"] or lo is None or hi is None):
        lo = hi = found["value"]
    if lo is None or hi is None:
        return False
    try:
        g_unit, f_unit = ureg(ge or "1"), ureg(fe or "1")
        # (a number of a scaled unit such as "dozen" first takes the scale, so
        # offset units such as °C are never multiplied)
        conv = [float(ureg.Quantity(v * f_unit.magnitude / g_unit.magnitude, f_unit.units)
                      .to(g_unit.units).magnitude) for v in (lo, hi)]
    except (pint.errors.PintError, AttributeError, TypeError, ValueError):
        return False
    return _close(conv[0], gold["low"]) and _close(conv[1], gold["high"])


def _score_suite(cases, finder, errors: list | None = None) -> Counter:
    c = Counter()
    for text, gold in cases:
        try:
            found = finder(text)
        except Exception as exc:  # noqa: BLE001 - a crash is a result here
            c["crashes"] += 1
            found = []
            if errors is not None:
                errors.append(("crash", text, repr(exc)[:80]))
        used = set()
        for g in gold:
            c["gold"] += 1
            near = [i for i, f in enumerate(found) if i not in used
                    and not (f["end"] <= g["start"] or f["start"] >= g["end"])]
            hit = next((i for i in near if _same_quantity(g, found[i])), None)
            if hit is None and near and any(_close(found[i].get("value"), g["value"]) or (
                    found[i].get("type") == "date" and str(found[i].get("value")) == str(g["value"]))
                    for i in near):
                c["value_only"] += 1  # the right number with another unit
                hit_date = next((i for i in near if found[i].get("type") == "date"
                                 and str(found[i].get("value")) == str(g["value"])), None)
                if hit_date is not None and g["unit"] == "dimensionless":
                    hit = hit_date  # a year read as a date: the same number
            if hit is None:
                if errors is not None:
                    errors.append(("suite", text, f"{g['text']!r} {g['value']} {g['unit']} got "
                                   f"{[(text[found[i]['start']:found[i]['end']], found[i].get('value'), found[i].get('unit')) for i in near]}"))
                continue
            used.add(hit)
            c["right"] += 1
        c["false"] += sum(1 for i, f in enumerate(found) if i not in used and not any(
            not (f["end"] <= g["start"] or f["start"] >= g["end"]) for g in gold))
    return c


def _toolkit_suite_figures(nlp, text: str) -> list[dict]:
    rows = _toolkit_figures_all(nlp, text)
    for r in rows:
        if r["type"] == "date":  # a year: its number
            m = re.fullmatch(r"\d{3,4}", text[r["start"]:r["end"]].strip())
            r["value"] = int(m.group(0)) if m else None
    return rows


def _toolkit_figures_all(nlp, text: str) -> list[dict]:
    from toolkit import analyze_text
    return analyze_text(text, nlp=nlp, published="2016-11-07").figures.to_dict("records")


def _quantulum_suite_figures(text: str) -> list[dict]:
    from quantulum3 import parser
    out = []
    for q in parser.parse(text):
        unc = q.uncertainty or 0
        out.append({"start": q.span[0], "end": q.span[1], "value": None if unc else q.value,
                    "low": q.value - unc, "high": q.value + unc, "unit": q.unit.name,
                    "type": q.unit.entity.name})
    return out


def quantity_suite_section(nlp, show: int = 0) -> tuple[str, str]:
    """toolkit beside quantulum3 on quantulum3's own English test file."""
    path = quantity_suite_path()
    if path is None:
        return ("Figures (quantulum3's own test suite)", "quantulum3 is not installed.")
    cases = list(quantity_suite_cases(path))
    errs: list = []
    ours = _score_suite(cases, lambda t: _toolkit_suite_figures(nlp, t), errs if show else None)
    mode = quantulum_mode()
    peer = _score_suite(cases, _quantulum_suite_figures)
    lines = [f"quantulum3's English test file ({len(cases)} sentences, {ours['gold']} quantities), "
             "read from the installed package. A quantity is right when one found figure "
             "overlaps its text and states the same amount in the same unit once pint has "
             "converted both (so 1 dozen = 12, 0.5k miles = 500 mi), with currencies compared "
             "by ISO 4217 code and ranges by both ends (quantulum3's mean ± uncertainty); a "
             "year that toolkit reads as a date counts as that number. Each figure answers one "
             f"quantity. quantulum3 ({mode}) is scored by the same rule on its own output.", "",
             "| engine | quantities | right | right value, other unit | found elsewhere | crashes |",
             "|---|---|---|---|---|---|"]
    for name, c in (("toolkit", ours), ("quantulum3", peer)):
        lines.append(f"| {name} | {c['gold']} | {c['right']} | {c['value_only']} | {c['false']} "
                     f"| {c['crashes']} |")
    if show:
        lines += ["", "First misses (toolkit):", "", "```"]
        lines += [f"{k}: {t[:90]!r} :: {w}" for k, t, w in errs[:show]]
        lines += ["```"]
    return ("Figures (quantulum3's own test suite)", "\n".join(lines))
