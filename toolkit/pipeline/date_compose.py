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

from toolkit.pipeline.date_patterns import _DAY_WORD, _MONTH_NAMES, DAY_WORDS

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
    # the leftmost joinable pair first, as a rescan from the start would find it;
    # after a join only the pair before it can have become joinable, so the scan
    # steps back one instead of starting over (linear, not quadratic, in joins).
    # A stack does it without cutting the list in the middle at every join.
    out: list[tuple[int, int, dict]] = []
    for match in matches:
        out.append(match)
        while len(out) > 1:
            joined = _join(text, out[-2], out[-1])
            if joined is None:
                break
            out[-2:] = [joined]
    final = []
    for start, end, data in out:
        if data.get("rule") == "the_year":  # "the first three months of the year"
            start, data = _part_of_period(text, start, {**data, "rule": "relative_period"})
            if data.get("rule") != "edge_of":
                continue
        if not data.get("piece"):
            start, data = _week_of(text, start, data)
            start, end, data = _day_range(text, start, end, data)
            start, end, data = _holiday_weekend(text, start, end, data)
            start, data = _part_of_period(text, start, data)
            start, data = _day_with_modifier(text, start, data)
            final.append((start, end, data))
    return final


_MOD_BEFORE = re.compile(r"\b(?P<mod>next|last|this|coming)\s+$", re.I)


def _day_with_modifier(text: str, start: int, data: dict) -> tuple[int, dict]:
    """"next 6th of April", "this May 12": which year's day the word says."""
    if data.get("rule") != "md" or data.get("value") is not None or data.get("mod"):
        return start, data
    m = _MOD_BEFORE.search(text, max(0, start - 10), start)
    if m is None or m.end() != start:
        return start, data
    mod = m.group("mod").lower()
    return m.start(), {**data, "mod": "next" if mod == "coming" else mod}


_COUNT_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}
_ORDINALS = {w: i for w, i in DAY_WORDS.items() if i <= 31}
#: "the first two weeks of", "the last four months of", "the 9th month of", "the 15th day of"
_EDGE_OF = re.compile(
    r"\b(?:the\s+)?(?:(?P<edge>first|last|final)\s+(?P<n>\d{1,2}|one|two|three|four|five|six"
    r"|seven|eight|nine|ten|eleven|twelve)\s+(?P<units>days|weeks|months)"
    rf"|(?P<nth>\d{{1,2}}(?:st|nd|rd|th)|{_DAY_WORD})\s+(?P<unit>day|month))"
    r"\s+of\s+(?:the\s+)?$", re.I)
#: Rules whose data name a stretch of time that can hold such a part.
_PERIODS = {"year", "month_year", "month", "relative_period", "quarter_year", "half_year"}


def _part_of_period(text: str, start: int, data: dict) -> tuple[int, dict]:
    """"the first two weeks of 2021", "the last four months of this year", "the
    9th month of next year", "the 15th day of next month": a part of the period."""
    if data.get("rule") not in _PERIODS or (data.get("rule") == "relative_period" and
                                            data.get("unit") not in ("month", "year", "quarter")):
        return start, data
    m = _EDGE_OF.search(text, max(0, start - 50), start)
    if m is None or m.end() != start:
        return start, data
    if m.group("nth"):
        word = m.group("nth").lower()
        n = int(re.match(r"\d+", word).group(0)) if word[0].isdigit() else \
            DAY_WORDS[re.sub(r"[\s-]+", " ", word)]
        unit, edge = m.group("unit").lower(), "nth"
    else:
        word = m.group("n").lower()
        n = int(word) if word.isdigit() else _COUNT_WORDS[word]
        unit, edge = m.group("units").lower().rstrip("s"), m.group("edge").lower()
    if n < 1 or (unit == "month" and n > 12) or n > 366:
        return start, data
    new: dict = {}
    _set(new, {"rule": "edge_of", "edge": "last" if edge == "final" else edge, "n": n,
               "unit": unit, "anchor": dict(data)})
    return m.start(), new


_DAY_NUMBER = rf"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?|(?i:{_DAY_WORD})"
#: "April 9th through 17th", "April the ninth till the seventeenth": the second day.
_DAY_AFTER = re.compile(rf"\s*(?:-|–|\bto\b|\btill\b|\buntil\b|\bthrough\b|\bthru\b)\s*"
                        rf"(?:the\s+)?(?P<day2>{_DAY_NUMBER})(?![\w/-]|\.\d|\s+(?:of\s+)?(?i:{_MONTH_NAMES}))",
                        re.I)
#: "from ninth till seventeenth of April", "between 3 and 12 of Sept": the first day.
_DAY_BEFORE = re.compile(rf"(?:\b(?P<w>from|between)\s+)?(?:the\s+)?(?P<day1>{_DAY_NUMBER})"
                         rf"\s*(?:-|–|\bto\b|\btill\b|\buntil\b|\bthrough\b|\band\b)"
                         rf"\s*(?:the\s+)?$", re.I)


def _day_range(text: str, start: int, end: int, data: dict) -> tuple[int, int, dict]:
    """Days of one month written once: "April 9th through 17th", "9 to 12 of June",
    "between the ninth and the seventeenth of April" (one range, in that month)."""
    if data.get("rule") != "md" or data.get("value") is not None:
        return start, end, data
    after = _DAY_AFTER.match(text, end)
    if after is not None:
        day2 = _day_number(after.group("day2"))
        if day2 > data["day"]:
            return start, after.end(), {**data, "rule": "md_range", "day2": day2,
                                        "grain": "interval"}
    before = _DAY_BEFORE.search(text, max(0, start - 40), start)
    if before is not None and before.end() == start:
        day1 = _day_number(before.group("day1"))
        between = (before.group("w") or "").lower() == "between"
        joined_by_and = re.search(r"(?i)\band\s*(?:the\s+)?$", before.group(0)) is not None
        if day1 < data["day"] and between == joined_by_and:  # "on 3 and 12 May": two days
            return before.start(), end, {**data, "rule": "md_range", "day": day1,
                                         "day2": data["day"], "grain": "interval"}
    return start, end, data


def _day_number(text: str) -> int:
    digits = re.match(r"\d+", text)
    if digits:
        return int(digits.group(0))
    return DAY_WORDS[re.sub(r"[\s-]+", " ", text.lower())]


_WEEKEND_AFTER = re.compile(r"\s+weekend(?:,?\s+(?P<year>1[5-9]\d\d|20\d\d)(?!\d))?\b", re.I)
_WEEKEND_BEFORE = re.compile(r"\b(?:the\s+)?weekend\s+of\s+(?:the\s+)?$", re.I)


def _holiday_weekend(text: str, start: int, end: int, data: dict) -> tuple[int, int, dict]:
    """"Labor Day weekend", "the weekend of Halloween": the weekend the holiday
    falls on or makes long (see date_resolution.composite_value)."""
    if data.get("rule") != "holiday":
        return start, end, data
    after = _WEEKEND_AFTER.match(text, end)
    before = _WEEKEND_BEFORE.search(text, max(0, start - 20), start)
    if after is None and (before is None or before.end() != start):
        return start, end, data
    anchor = dict(data)
    if after is not None and after.group("year") and anchor.get("value") is None:
        from toolkit.pipeline.date_resolution import holiday_date
        anchor.update(kind="absolute", value=holiday_date(
            anchor["name"], int(after.group("year"))).isoformat())
    new: dict = {}
    _set(new, {"rule": "holiday_weekend", "anchor": anchor})
    return (before.start() if after is None else start), (after.end() if after else end), new


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
    # "the last 3 weeks" + "of this year": the last three weeks of that year
    if r1 == "span" and re.fullmatch(r"\s+of\s+(?:the\s+)?", gap, re.I):
        start, data = _part_of_period(text, s2, d2)
        if data.get("rule") == "edge_of" and start <= s1:
            return start, e2, data
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
