"""Figures and dates against the Microsoft Recognizers-Text English specs, side by side
with the peers a user would otherwise pick (quantulum3 for figures, dateparser's
``search_dates`` for dates), in the same run.

    python benchmarks/accuracy_numbers.py [--corpora DIR] [--limit N] [--errors N]

``sections(args)`` returns ``(title, markdown)`` pairs for ``benchmarks/accuracy.py``.

Scoring (figures): each gold result of the number, range, percent, currency, dimension,
temperature and age specs is one item. A found figure is right when it overlaps the gold
span and has the gold value (ranges: both bounds). Precision = right / found, recall =
right / gold (one found figure answers one gold item). Unit accuracy is over the items
found with the right value whose gold has a unit; gold unit names are mapped to toolkit
symbols (ISO 4217 for currencies) here, in the benchmark, not in toolkit. A rate's
unit counts when its first part is the gold unit ("$98 a share": gold USD, toolkit
USD/share). The unit specs annotate only their own kind, so there a found figure of
another type (a percentage in a currency sentence) is not counted as found.
Ordinals are not figures and are left out.

Scoring (dates): gold items are the ``datetimeV2`` dates, date ranges and durations; a
found date or duration overlapping one is a hit; one overlapping only a time, a datetime
or a set is neither a hit nor a false alarm; anything else is a false alarm. Resolution
is scored over found dates, against each case's ReferenceDateTime, with the same two
rules for every engine: exact (the resolved day, month, year or range has the gold
start and end) and inside (the resolved date or range lies within the gold one: a
single day somewhere in "next month" counts there, not as exact). Where the gold gives
an ambiguous date both its past and its future reading, either counts.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import re
import sys
import time
import warnings
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

# ../shared/corpora beside the project folder (or beside a git worktree's parent)
DEFAULT_CORPORA = next((p for p in (ROOT.parent / "shared" / "corpora",
                                    ROOT.parent.parent / "shared" / "corpora") if p.exists()),
                       ROOT.parent / "shared" / "corpora")
FIGURE_SPECS = [("Number", "NumberModel"), ("Number", "NumberRangeModel"),
                ("Number", "PercentModel"), ("NumberWithUnit", "CurrencyModel"),
                ("NumberWithUnit", "DimensionModel"), ("NumberWithUnit", "TemperatureModel"),
                ("NumberWithUnit", "AgeModel")]
DATE_KINDS = {"date", "daterange", "duration"}
#: The figure types each spec annotates. The unit specs annotate only their own kind
#: (a currency sentence's "19 %" is not in CurrencyModel's gold), so a found figure of
#: another type there is neither right nor a false alarm. Number specs annotate all.
_DIMENSIONS = {"length", "area", "mass", "volume", "speed", "data", "angle", "power",
               "energy", "rate", "dimension"}
SPEC_KINDS = {"PercentModel": {"percent"}, "CurrencyModel": {"money"},
              "DimensionModel": _DIMENSIONS, "TemperatureModel": {"temperature"},
              "AgeModel": {"age", "duration"}}

# Recognizers-Text unit names (Microsoft's own conventions) -> toolkit symbols.
_GOLD_UNITS = {
    "dollar": "USD", "pound": None, "cent": "cent", "pence": "penny", "penny": "penny",
    "bitcoin": "BTC", "euro": "EUR", "rupee": "INR", "f": "°F", "c": "°C",
    "fahrenheit": "°F", "celsius": "°C", "kelvin": "K", "degree": "°",
    "metric ton": "t", "ton": "ton", "mile per hour": "mph", "kilometer per hour": "km/h",
    "square meter": "m²", "square kilometer": "km²", "cubic foot": "ft³",
    "year": "year", "month": "month", "week": "week", "day": "day",
}


def _load(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8-sig"))


def _gold_unit(res: dict, kind: str) -> str | None:
    from toolkit import units as U
    if res.get("isoCurrency"):
        return res["isoCurrency"]
    name = res.get("unit")
    if not name:
        return None
    low = name.lower()
    if kind == "dimension" and low == "pound":
        return "lb"
    if kind == "currency" and low == "pound":
        return "GBP"
    if low in _GOLD_UNITS:
        return _GOLD_UNITS[low]
    for cand in (low, low + "s", low.replace("meter", "metre") + "s"):
        sym = U.normalise_unit(cand)
        if sym:
            return sym
    if kind == "currency":
        import pycountry
        for cur in pycountry.currencies:
            if cur.name.lower() == low:
                return cur.alpha_3
    return name  # unknown: counts as a unit the engine cannot match


def _bounds(value: str):
    """Gold value → (low, high); a plain number gives (v, v)."""
    value = value.strip().rstrip("%")
    m = re.fullmatch(r"([\[(])\s*([^,]*),\s*([^\])]*)([\])])", value)
    if m:
        lo = float(m.group(2)) if m.group(2).strip() else None
        hi = float(m.group(3)) if m.group(3).strip() else None
        return lo, hi
    try:
        v = float(value)
    except ValueError:
        return None
    return v, v


def _close(a, b) -> bool:
    if a is None or b is None:
        return a is None and b is None
    try:
        a, b = float(a), float(b)
    except (TypeError, ValueError):
        return False
    return math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-9)


def _value_right(gold: tuple, found: dict) -> bool:
    lo, hi = gold
    if lo is not None and hi is not None and lo == hi:
        return any(_close(lo, found.get(k)) for k in ("value",)) or (
            found.get("value") is None and _close(lo, found.get("low")) and _close(hi, found.get("high")))
    flo, fhi = found.get("low"), found.get("high")
    ok_lo = lo is None or _close(lo, flo) or (fhi is None and _close(lo, found.get("value")))
    ok_hi = hi is None or _close(hi, fhi)
    return ok_lo and ok_hi and (lo is not None or hi is not None)


def figure_cases(corpora: Path):
    for folder, model in FIGURE_SPECS:
        path = corpora / "recognizers-text" / folder / "English" / f"{model}.json"
        for case in _load(path):
            gold = []
            for r in case.get("Results", []):
                kind = r.get("TypeName") or r.get("Typename") or ""
                res = r.get("Resolution") or {}
                if "value" not in res or res["value"] is None:
                    continue
                b = _bounds(str(res["value"]))
                if b is None:
                    continue
                gold.append({"start": r["Start"], "end": r["End"] + 1, "text": r["Text"],
                             "bounds": b, "kind": kind,
                             "unit": _gold_unit(res, kind) if folder == "NumberWithUnit" or
                             kind == "percentage" else None})
                if kind == "percentage":
                    gold[-1]["unit"] = "%"
            yield model, case["Input"], gold


def _toolkit_figures(nlp, text: str) -> list[dict]:
    from toolkit import analyze_text
    a = analyze_text(text, nlp=nlp, published="2016-11-07")
    rows = a.figures.to_dict("records")
    return [r for r in rows if r["type"] not in ("date",)]


def quantulum_mode() -> str:
    """Make quantulum3 usable and say how it runs: with its shipped classifier, or
    (when that pickled model does not load with the installed scikit-learn) in
    its own no-classifier mode, so that it does not crash on every ambiguous unit."""
    from quantulum3 import classifier
    if not classifier.USE_CLF:
        return "without its classifier (scikit-learn is not installed)"
    try:
        classifier.classifier("en_US")  # loads the shipped model
    except Exception:  # noqa: BLE001 - any failure to load the model
        classifier.USE_CLF = False
        return "in its no-classifier mode (its shipped model does not load with the installed scikit-learn)"
    return "with its classifier"


def _quantulum_figures(text: str) -> list[dict]:
    from quantulum3 import parser
    from toolkit import units as U
    out = []
    for q in parser.parse(text):
        unit = getattr(q.unit, "currency_code", None)
        name = q.unit.name
        if not unit and name != "dimensionless":
            unit = (U.normalise_unit(name) or U.normalise_unit(name + "s")
                    or U.normalise_unit(getattr(q.unit, "symbol", "") or "") or name)
        if name == "percentage":
            unit = "%"
        if q.unit.entity.name == "currency" and not unit:
            unit = {"dollar": "USD", "euro": "EUR", "pound sterling": "GBP"}.get(name, name)
        entity = q.unit.entity.name
        kind = {"currency": "money", "dimensionless": "count", "temperature": "temperature",
                "time": "duration"}.get(entity, "dimension")
        if name == "percentage":
            kind = "percent"
        row = {"start": q.span[0], "end": q.span[1], "value": q.value, "unit": unit,
               "low": q.value, "high": q.value, "type": kind}
        if q.uncertainty:
            row["low"], row["high"] = q.value - q.uncertainty, q.value + q.uncertainty
        out.append(row)
    return out


def _score_figures(cases, finder, errors: list | None = None):
    per = Counter()
    by_model: dict[str, Counter] = {}
    crashes = 0
    start = time.perf_counter()
    for model, text, gold in cases:
        c = by_model.setdefault(model, Counter())
        try:
            found = finder(text)
        except Exception as exc:  # noqa: BLE001 - a crash is a result here
            crashes += 1
            found = []
            if errors is not None:
                errors.append(("crash", text, repr(exc)[:80]))
        used = set()
        for g in gold:
            hit = None
            for i, f in enumerate(found):
                if i in used or f["end"] <= g["start"] or f["start"] >= g["end"]:
                    continue
                if _value_right(g["bounds"], f):
                    hit = i
                    break
            c["gold"] += 1
            if hit is None:
                if errors is not None:
                    near = [(t["start"], t["end"], t.get("value"), t.get("low"), t.get("high"))
                            for t in found if not (t["end"] <= g["start"] or t["start"] >= g["end"])]
                    errors.append((model, text, f"{g['text']!r} {g['bounds']} got {near}"))
                continue
            used.add(hit)
            c["right"] += 1
            if g["unit"]:
                c["unit_gold"] += 1
                unit = found[hit].get("unit") or ""
                if g["unit"] in (unit, unit.split("/")[0]):
                    c["unit_right"] += 1
                elif errors is not None:
                    errors.append((model + "/unit", text, f"{g['text']!r} {g['unit']} got {found[hit].get('unit')}"))
        kinds = SPEC_KINDS.get(model)
        c["found"] += sum(1 for i, f in enumerate(found)
                          if i in used or kinds is None or f.get("type") in kinds)
    for c in by_model.values():
        per.update(c)
    return per, by_model, crashes, time.perf_counter() - start


def _prf(c: Counter):
    p = c["right"] / c["found"] if c["found"] else 0.0
    r = c["right"] / c["gold"] if c["gold"] else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def _pct(x: float) -> str:
    return f"{100 * x:.1f}"


# -- dates ---------------------------------------------------------------------

def _gold_interval(res: dict):
    """The (start, end) ISO days of each reading of a gold date/daterange, end
    exclusive; None if none is known. Recognizers-Text gives an ambiguous date
    ("Friday", "May 9", "March to May") two readings, the past and the future one;
    either is right (a news resolver reads the past one)."""
    out = []
    for v in res.get("values") or []:
        if "value" in v and re.fullmatch(r"\d{4}-\d\d-\d\d", v["value"] or ""):
            d = dt.date.fromisoformat(v["value"])
            out.append((d, d + dt.timedelta(days=1)))
        elif v.get("start") and v.get("end"):
            try:
                out.append((dt.date.fromisoformat(v["start"][:10]),
                            dt.date.fromisoformat(v["end"][:10])))
            except ValueError:
                pass
    return out or None


def _our_interval(value: str | None):
    """(start, end exclusive, start of the last unit) of a toolkit ISO value."""
    if not value:
        return None
    value = str(value)
    if "/" in value:
        a, b = value.split("/", 1)
        ia, ib = _our_interval(a), _our_interval(b)
        return (ia[0], ib[1], ib[0]) if ia and ib else None
    try:
        if re.fullmatch(r"\d{4}-\d\d-\d\d", value):
            d = dt.date.fromisoformat(value)
            return d, d + dt.timedelta(days=1), d
        if re.fullmatch(r"\d{4}-\d\d", value):
            y, m = map(int, value.split("-"))
            first = dt.date(y, m, 1)
            return first, (dt.date(y + 1, 1, 1) if m == 12 else dt.date(y, m + 1, 1)), first
        if re.fullmatch(r"\d{4}", value):
            y = int(value)
            return dt.date(y, 1, 1), dt.date(y + 1, 1, 1), dt.date(y, 1, 1)
    except ValueError:
        return None
    return None


def date_cases(corpora: Path):
    path = corpora / "recognizers-text" / "DateTime" / "English" / "DateTimeModel.json"
    for case in _load(path):
        ref = (case.get("Context") or {}).get("ReferenceDateTime", "2016-11-07T00:00:00")
        gold = []
        for r in case.get("Results", []):
            kind = (r.get("TypeName") or r.get("Typename") or "").split(".")[-1]
            gold.append({"start": r["Start"], "end": r["End"] + 1, "text": r["Text"], "kind": kind,
                         "interval": _gold_interval(r.get("Resolution") or {})
                         if kind in ("date", "daterange") else None})
        yield case["Input"], ref, gold


def _toolkit_dates(nlp, text: str, ref: str) -> list[dict]:
    from toolkit import analyze_text
    a = analyze_text(text, nlp=nlp, published=ref[:10])
    out = [{"start": r["start"], "end": r["end"], "interval": _our_interval(r["date"]),
            "kind": "date"} for r in a.timeline.to_dict("records")]
    out += [{"start": r["start"], "end": r["end"], "interval": None, "kind": "duration"}
            for r in a.figures.to_dict("records") if r["type"] == "duration"]
    return out


def _dateparser_dates(text: str, ref: str) -> list[dict]:
    from dateparser.search import search_dates
    base = dt.datetime.fromisoformat(ref)
    found = search_dates(text, languages=["en"], settings={"RELATIVE_BASE": base}) or []
    out, pos = [], 0
    for surface, when in found:
        i = text.find(surface, pos)
        if i < 0:
            i = text.find(surface)
        if i < 0:
            continue
        pos = i + len(surface)
        d = when.date()
        out.append({"start": i, "end": i + len(surface),
                    "interval": (d, d + dt.timedelta(days=1), d),
                    "kind": "date"})
    return out


def _score_dates(cases, finder, errors: list | None = None):
    c = Counter()
    crashes = 0
    start = time.perf_counter()
    for text, ref, gold in cases:
        try:
            found = finder(text, ref)
        except Exception as exc:  # noqa: BLE001
            crashes += 1
            found = []
            if errors is not None:
                errors.append(("crash", text, repr(exc)[:80]))
        main = [g for g in gold if g["kind"] in DATE_KINDS]
        c["gold"] += len(main)
        matched = set()
        for f in found:
            over = [i for i, g in enumerate(gold)
                    if not (f["end"] <= g["start"] or f["start"] >= g["end"])]
            hits = [i for i in over if gold[i]["kind"] in DATE_KINDS and i not in matched]
            if hits:
                i = hits[0]
                matched.add(i)
                c["found"] += 1
                c["right"] += 1
                g = gold[i]
                if g["interval"] is not None and f["kind"] == "date":
                    c["res_gold"] += 1
                    fi = f["interval"]
                    # the same rules for every engine. Exact: the same start and end;
                    # Recognizers-Text ends some ranges where their last unit starts
                    # ("2014-2018" ends 2018-01-01), toolkit at the end of that unit: both
                    # are the same range. Inside: the found date or range lies within the
                    # gold one (a single day somewhere in "next month")
                    exact = fi is not None and any(
                        fi[0] == gi[0] and gi[1] in (fi[1], fi[2]) for gi in g["interval"])
                    inside = exact or (fi is not None and any(
                        gi[0] <= fi[0] and fi[1] <= gi[1] for gi in g["interval"]))
                    c["res_right"] += bool(exact)
                    c["res_inside"] += bool(inside)
                    if not exact and errors is not None:
                        errors.append(("resolve", text, f"{g['text']!r} {g['interval']} got {fi}"))
            elif over:
                continue  # a time, datetime or set: not scored
            else:
                c["found"] += 1
                if errors is not None:
                    errors.append(("false", text, text[f["start"]:f["end"]]))
        if errors is not None:
            for i, g in enumerate(gold):
                if g["kind"] in DATE_KINDS and i not in matched:
                    errors.append(("miss/" + g["kind"], text, g["text"]))
    return c, crashes, time.perf_counter() - start


# -- sections ------------------------------------------------------------------

def sections(args) -> list[tuple[str, str]]:
    """``(title, markdown)`` pairs: figures and dates, toolkit beside its peer."""
    import spacy  # noqa: F401
    from toolkit.nlp import ensure_pipeline
    corpora = Path(getattr(args, "corpora", None) or DEFAULT_CORPORA)
    limit = getattr(args, "limit", None) or None   # 0 means every case
    show = getattr(args, "errors", 0) or 0
    nlp = ensure_pipeline(None)
    warnings.simplefilter("ignore")

    cases = list(figure_cases(corpora))[:limit]
    errs: list = []
    ours, our_models, our_crash, our_t = _score_figures(
        cases, lambda t: _toolkit_figures(nlp, t), errs if show else None)
    qerrs: list = []
    qmode = quantulum_mode()
    peer, peer_models, peer_crash, peer_t = _score_figures(cases, _quantulum_figures,
                                                           qerrs if show else None)
    lines = ["| engine | items | found | right | precision | recall | F1 | unit accuracy | crashes | seconds |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    for name, c, cr, t in (("toolkit", ours, our_crash, our_t), ("quantulum3", peer, peer_crash, peer_t)):
        p, r, f = _prf(c)
        ua = c["unit_right"] / c["unit_gold"] if c["unit_gold"] else 0.0
        lines.append(f"| {name} | {c['gold']} | {c['found']} | {c['right']} | {_pct(p)} | {_pct(r)} "
                     f"| {_pct(f)} | {_pct(ua)} ({c['unit_right']}/{c['unit_gold']}) | {cr} | {t:.1f} |")
    lines += ["", f"quantulum3 ran {qmode}."]
    lines += ["", "Per spec (value F1, toolkit / quantulum3; unit accuracy where the spec has units):", "",
              "| spec | items | toolkit F1 | quantulum3 F1 | toolkit units | quantulum3 units |",
              "|---|---|---|---|---|---|"]
    for model in our_models:
        a, b = our_models[model], peer_models[model]
        ua = f"{a['unit_right']}/{a['unit_gold']}" if a["unit_gold"] else "-"
        ub = f"{b['unit_right']}/{b['unit_gold']}" if b["unit_gold"] else "-"
        lines.append(f"| {model} | {a['gold']} | {_pct(_prf(a)[2])} | {_pct(_prf(b)[2])} | {ua} | {ub} |")
    if show:
        lines += ["", "First misses (toolkit):", "", "```"]
        lines += [f"{k}: {t[:90]!r} :: {w}" for k, t, w in errs[:show]]
        lines += ["```"]
    out = [("Figures (Recognizers-Text number and unit specs)", "\n".join(lines))]
    from quantity_suite import quantity_suite_section  # beside this file
    out.append(quantity_suite_section(nlp, show))

    dcases = list(date_cases(corpora))[:limit]
    derrs: list = []
    ours_d, dcrash, dt_ours = _score_dates(dcases, lambda t, r: _toolkit_dates(nlp, t, r),
                                           derrs if show else None)
    peer_d, pcrash, dt_peer = _score_dates(dcases, _dateparser_dates)
    lines = ["| engine | gold dates+durations | found | hits | precision | recall | F1 "
             "| resolved right (exact) | resolved inside the gold range | crashes | seconds |",
             "|---|---|---|---|---|---|---|---|---|---|---|"]
    for name, c, cr, t in (("toolkit", ours_d, dcrash, dt_ours),
                           ("dateparser search_dates", peer_d, pcrash, dt_peer)):
        p, r, f = _prf(c)
        rr = c["res_right"] / c["res_gold"] if c["res_gold"] else 0.0
        ri = c["res_inside"] / c["res_gold"] if c["res_gold"] else 0.0
        lines.append(f"| {name} | {c['gold']} | {c['found']} | {c['right']} | {_pct(p)} | {_pct(r)} "
                     f"| {_pct(f)} | {_pct(rr)} ({c['res_right']}/{c['res_gold']}) "
                     f"| {_pct(ri)} ({c['res_inside']}/{c['res_gold']}) | {cr} | {t:.1f} |")
    if show:
        lines += ["", "First misses (toolkit):", "", "```"]
        lines += [f"{k}: {t[:90]!r} :: {w}" for k, t, w in derrs[:show]]
        lines += ["```"]
    out.append(("Dates and durations (Recognizers-Text datetimeV2)", "\n".join(lines)))
    return out


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpora", default=str(DEFAULT_CORPORA))
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--errors", type=int, default=0, help="list the first N toolkit misses")
    args = ap.parse_args(argv)
    for title, body in sections(args):
        print(f"## {title}\n\n{body}\n")


if __name__ == "__main__":
    main()
