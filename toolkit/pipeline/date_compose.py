"""Joining time expressions the patterns of :mod:`.dates` find in pieces into
the one expression the text means:

- ranges with both ends: "from March 3 to March 10", "Nov 18 - Dec 19, 2015",
  "between 2007 and the end of 2008", "from April until the end of June";
  a year written once serves both ends ("26 June to 28 June in 2020");
- counted shifts: "3 days from today", "two weeks after Christmas", "2 weeks
  before May 13 1999", "two months after next Friday"; and counted stretches
  "for 3 days from today", "a week starting tomorrow";
- a weekday inside a week: "Tuesday of next week", "next week on Tuesday";
- a weekday naming a date: "Tuesday, March 7", "Fri 14th" (the date wins);
- the week of a day: "the week of April 10" (Monday to Sunday), "the week
  beginning February 4" (seven days from it).

Works on ``(start, end, data)`` matches in text order and returns the same;
pieces that only make sense inside a longer expression (``data["piece"]``:
"3 days", "now") are dropped when nothing took them in.
"""

from __future__ import annotations

import re

_RANGE_GAP = re.compile(r"\s*(?:-|–|—|~|\bto\b|\buntil\b|\btill\b|\bthrough\b|\bthru\b)\s*"
                        r"(?:the\s+)?", re.I)
_AND_GAP = re.compile(r"\s+and\s+(?:the\s+)?", re.I)
_FROM = re.compile(r"\b(?P<w>from|between)\s+(?:the\s+)?$", re.I)
_SHIFT_GAP = re.compile(r"\s*,?\s*(?P<w>from|after|before|since|starting(?:\s+(?:from|on))?"
                        r"|beginning(?:\s+on)?|commencing(?:\s+on)?)\s+(?:the\s+)?", re.I)
_FOR = re.compile(r"\bfor\s+$", re.I)
_WEEK_OF_GAP = re.compile(r"\s+of\s+(?:the\s+)?|\s*,\s*", re.I)
_DAY_IN_WEEK_GAP = re.compile(r"\s*(?:,|-|–|\bon\b)?\s*", re.I)
_WEEKDAY_DATE_GAP = re.compile(r"\s*,?\s*\(?\s*", re.I)
_WEEK_OF = re.compile(r"\b(?:the\s+)?week\s+(?:of|beginning|starting|commencing)(?:\s+on)?\s+"
                      r"(?:the\s+)?$|\bw/c\s+$", re.I)

#: Rules whose data can be one end of a range.
_ENDS = {"iso", "numeric", "date", "month_year", "md", "month", "year", "part_month",
         "part_year", "quarter_year", "half_year", "relative_day", "relative_period",
         "weekday", "holiday", "season_year", "decade", "part_period", "shift",
         "week_of"}
_DAYS = {"iso", "numeric", "date", "md", "relative_day", "weekday", "holiday", "shift"}


def compose(text: str, matches: list[tuple[int, int, dict]]) -> list[tuple[int, int, dict]]:
    out = list(matches)
    # the leftmost joinable pair first, as a rescan from the start would find it;
    # after a join only the pair before it can have become joinable, so the scan
    # steps back one instead of starting over (linear, not quadratic, in joins)
    i = 0
    while i < len(out) - 1:
        joined = _join(text, out[i], out[i + 1])
        if joined is not None:
            out[i:i + 2] = [joined]
            i = max(i - 1, 0)
        else:
            i += 1
    final = []
    for start, end, data in out:
        if not data.get("piece"):
            start, data = _week_of(text, start, data)
            final.append((start, end, data))
    return final


def _week_of(text: str, start: int, data: dict) -> tuple[int, dict]:
    """"the week of April 10": the week (Monday to Sunday) holding that day."""
    m = _WEEK_OF.search(text, max(0, start - 40), start)
    if m is None or m.end() != start or data.get("rule") not in _DAYS:
        return start, data
    new: dict = {}
    if re.search(r"(?i)beginning|starting|commencing|w/c", m.group(0)):  # seven days from it
        _set(new, {"rule": "stretch", "n": 1, "unit": "week", "sign": 1, "anchor": dict(data)})
    else:
        _set(new, {"rule": "week_of", "anchor": dict(data)})
    return m.start(), new


def _set(data: dict, new: dict) -> None:
    """Fill ``data`` as a composite of ``new``; absolute when every part is."""
    from toolkit.pipeline.date_resolution import composite_value
    parts = [new.get("anchor"), new.get("end")]
    data.clear()
    data.update(kind="relative", grain="interval", value=None, **new)
    if all(p is None or p.get("value") is not None for p in parts):
        try:
            data["value"] = composite_value(data, None)
        except (OverflowError, ValueError):  # beyond the calendar: resolve_date warns later
            data["value"] = None
        if data["value"] is not None:
            data["kind"] = "absolute"


def _join(text, a, b):
    (s1, e1, d1), (s2, e2, d2) = a, b
    gap = text[e1:s2]
    r1, r2 = d1.get("rule"), d2.get("rule")
    # "3 days from today", "two weeks after Christmas", "a week starting tomorrow"
    if r1 == "count" and r2 in _ENDS:
        m = _SHIFT_GAP.fullmatch(gap)
        if m is None:
            return None
        word = m.group("w").lower().split()[0]
        lead = _FOR.search(text, max(0, s1 - 10), s1)
        stretch = word in ("starting", "beginning", "commencing") or (
            lead is not None and word == "from")
        data: dict = {}
        _set(data, {"rule": "stretch" if stretch else "shift", "n": d1["n"], "unit": d1["unit"],
                    "sign": -1 if word == "before" else 1, "anchor": dict(d2)})
        return (lead.start() if lead is not None and stretch else s1), e2, data
    # "the first week of 2015", "the last week of July", "week 27 of last year"
    if r1 == "nth_week" and gap == "" and (r2 in ("month", "month_year", "year") or (
            r2 == "relative_period" and d2.get("unit") in ("month", "year"))):
        data = {}
        in_year = r2 == "year" or d2.get("unit") == "year"
        _set(data, {"rule": "nth_week", "n": d1["n"], "in_year": in_year, "anchor": dict(d2)})
        return s1, e2, data
    # "Monday two weeks from now", "3 weeks after Christmas on Friday": that
    # weekday in the week the count lands in
    if r1 == "weekday" and not d1.get("mod") and _lands_on_a_day(d2) and \
            re.fullmatch(r"\s*,?\s*", gap):
        data = {}
        _set(data, {"rule": "week_day", "weekday": d1["weekday"], "anchor": dict(d2)})
        return s1, e2, data
    if _lands_on_a_day(d1) and r2 == "weekday" and not d2.get("mod") and \
            re.fullmatch(r"\s*,?\s*on\s+", gap, re.I):
        data = {}
        _set(data, {"rule": "week_day", "weekday": d2["weekday"], "anchor": dict(d1)})
        return s1, e2, data
    # "Tuesday of next week", "next week on Tuesday"
    week1 = r1 == "relative_period" and d1.get("unit") == "week"
    week2 = r2 == "relative_period" and d2.get("unit") == "week"
    if r1 == "weekday" and not d1.get("mod") and week2 and _WEEK_OF_GAP.fullmatch(gap):
        data = {}
        _set(data, {"rule": "week_day", "weekday": d1["weekday"], "anchor": dict(d2)})
        return s1, e2, data
    if week1 and r2 == "weekday" and not d2.get("mod") and _DAY_IN_WEEK_GAP.fullmatch(gap):
        data = {}
        _set(data, {"rule": "week_day", "weekday": d2["weekday"], "anchor": dict(d1)})
        return s1, e2, data
    # "Tuesday, March 7", "tue may 9": the date says which day
    if r1 == "weekday" and d1.get("mod") in (None, "this") and \
            r2 in ("iso", "numeric", "date", "md") and _WEEKDAY_DATE_GAP.fullmatch(gap):
        return s1, e2 + (1 if text[e2:e2 + 1] == ")" and "(" in gap else 0), d2
    # ranges: "from March 3 to March 10", "between 2007 and the end of 2008"
    if r1 in _ENDS and r2 in _ENDS and not (d1.get("piece") and d2.get("piece")):
        lead = _FROM.search(text, max(0, s1 - 16), s1)
        if _RANGE_GAP.fullmatch(gap) and not (r1 == "count" or r2 == "count"):
            if r1 in ("year",) and r2 in ("year",):
                return None  # the year_range pattern decides ("2019-20", "1999/2005")
            if gap.strip() == "-" and not (lead or _same_kind(d1, d2)):
                return None
        elif not (_AND_GAP.fullmatch(gap) and lead and lead.group("w").lower() == "between"):
            return None
        d1, d2 = _share_year(*_settle_order(dict(d1), dict(d2)))
        data = {}
        _set(data, {"rule": "range", "anchor": d1, "end": d2})
        return (lead.start() if lead else s1), e2, data
    return None


def _lands_on_a_day(data: dict) -> bool:
    """A count from a day ("two weeks from now", "in 3 days"), not from a month or year."""
    if data.get("rule") == "in_n":
        return True
    return data.get("rule") == "shift" and (data.get("anchor") or {}).get("rule") in _DAYS


def _same_kind(d1: dict, d2: dict) -> bool:
    """"10/1/2018-10/7/2018", "Nov 18-Dec 19": both ends written alike."""
    return d1.get("grain") == d2.get("grain") or {d1.get("rule"), d2.get("rule")} <= _DAYS


def _settle_order(d1: dict, d2: dict) -> tuple[dict, dict]:
    """Two numeric dates of unknown order as the ends of one range ("10/1/2018 -
    10/7/2018"): the number both ends share is the month, the one that moves the day."""
    if d1.get("kind") != "ambiguous" or d2.get("kind") != "ambiguous":
        return d1, d2
    if d1["a"] == d2["a"] and d1["b"] != d2["b"]:
        order = ("a", "b")
    elif d1["b"] == d2["b"] and d1["a"] != d2["a"]:
        order = ("b", "a")
    else:
        return d1, d2
    for d in (d1, d2):
        month, day = d[order[0]], d[order[1]]
        if d.get("year"):
            d.update(kind="absolute", rule="date", value=f"{d['year']:04d}-{month:02d}-{day:02d}")
        else:
            d.update(kind="relative", rule="md", month=month, day=day)
    return d1, d2


def _share_year(d1: dict, d2: dict) -> tuple[dict, dict]:
    """A year written once at the end serves the first end too ("Nov 18 - Dec 19,
    2015", "from April to June in 2017"; "Nov - Feb 2017" starts in 2016)."""
    value = d2.get("value") or ""
    if d1.get("value") is None and d1.get("rule") in ("md", "month") and \
            re.match(r"\d{4}-\d\d", value):
        year, month2 = int(value[:4]), int(value[5:7])
        if d1["month"] > month2:
            year -= 1
        if d1["rule"] == "md":
            d1.update(kind="absolute", value=f"{year:04d}-{d1['month']:02d}-{d1['day']:02d}")
        else:
            d1.update(kind="absolute", value=f"{year:04d}-{d1['month']:02d}")
    return d1, d2
