"""Reading one pattern match of the dates layer (:mod:`.dates`) into plain data:
what was written (a day, a month, a weekday with its modifier, a count of
units...), resolved at once when it is absolute ("March 13, 2025"), left for
:func:`.date_resolution.resolve_date` when it is relative ("last Thursday").
:func:`parse_match` is the one entry point; the cue-word sets say when an
ambiguous word ("may", "sun", "3/4") is a date."""

from __future__ import annotations

import datetime as dt
import re

from toolkit.pipeline.date_patterns import (
    DAY_WORDS, HOLIDAYS, MONTH_CUES, MONTHS, PART_WORDS, QUARTER_WORDS, SMALL_NUMBERS,
    SPAN_NUMBERS, WEEKDAYS,
)
from toolkit.pipeline.date_resolution import (
    MONTH_PARTS, SEASONS, YEAR_PARTS, holiday_date, month_part, quarter_interval,
)


def _month(text: str) -> int:
    return MONTHS[text.lower().rstrip(".")]


def _day(text: str) -> int:
    """"9th" → 9, "twenty-seventh" → 27."""
    digits = re.match(r"\d+", text)
    if digits:
        return int(digits.group(0))
    return DAY_WORDS[re.sub(r"[\s-]+", " ", text.lower())]


#: Words before a weekday → how it is counted (see date_resolution._resolve_weekday).
WEEKDAY_MODS = {"last": "last", "previous": "last", "next": "next", "following": "next",
                "this": "this", "past": "past", "this past": "past", "coming": "coming",
                "upcoming": "coming", "this coming": "coming", "this upcoming": "coming"}
FULL_MONTHS = {name for name, number in MONTHS.items() if len(name) > 4} | {"may", "june", "july"}
_WEEKDAY_KEYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def _weekday(text: str) -> int:
    return _WEEKDAY_KEYS.index(text.lower()[:3])


#: Words before an abbreviated weekday that make it one ("on Tue", "next week Mon or Tue").
WEEKDAY_CUES = {"on", "next", "last", "this", "previous", "or", "and", "coming", "every",
                "until", "till", "by", "from", "to", "since", "before", "after", "week"}


def _cue_before(text: str, start: int) -> str:
    words = re.findall(r"[\w-]+", text[max(0, start - 20):start])
    return words[-1].lower() if words else ""


def _iso_day(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _part_of(m: re.Match) -> str:
    groups = m.groupdict()
    return PART_WORDS[(groups.get("part") or groups.get("partof")).lower()]


def parse_match(rule: str, m: re.Match, text: str) -> dict | None:
    """The plain data of match ``m`` of pattern ``rule``, or None when the words
    around it say it is no date."""
    g = m.groupdict()
    year = int(g["year"]) if g.get("year") else None
    if rule == "iso":
        value = _iso_day(year, int(g["mm"]), int(g["dd"]))
        return value and {"kind": "absolute", "rule": rule, "grain": "day", "value": value}
    if rule == "numeric":
        value = _parse_numeric(m.group(0))
        if value is None and max(int(g["a"]), int(g["b"])) <= 12:  # 03/04/2025: a date, order unknown
            return {"kind": "ambiguous", "rule": rule, "grain": "day", "value": None,
                    "a": int(g["a"]), "b": int(g["b"]), "year": year or int(g["c"])}
        return value and {"kind": "absolute", "rule": rule, "grain": "day", "value": value}
    if rule == "numeric_md":
        return _parse_numeric_md(g, m, text)
    if rule == "day_of_month":
        written = g["day"].lower()
        if _cue_before(text, m.start()) not in DAY_CUES or not (
                written.endswith(("st", "nd", "rd", "th")) and
                (written[0].isdigit() or m.group(0).lower().startswith("the"))):
            return None  # "and thirty one" is a number; "the eleventh", "on 29th" are days
        return {"kind": "relative", "rule": rule, "grain": "day", "day": _day(g["day"]),
                "mod": (g.get("mod") or "").lower() or None, "value": None}
    if rule == "ytd":
        return {"kind": "relative", "rule": rule, "grain": "interval", "value": None}
    if rule == "season":
        if m.start() > 0 and _cue_before(text, m.start()) not in SEASON_CUES:
            return None
        return {"kind": "relative", "rule": rule, "grain": "interval", "value": None,
                "season": g["season"].lower()}
    if rule in ("mdy", "dmy"):
        value = _iso_day(year, _month(g["month"]), _day(g["day"]))
        return value and {"kind": "absolute", "rule": "date", "grain": "day", "value": value}
    if rule == "year_month":
        return {"kind": "absolute", "rule": "month_year", "grain": "month",
                "value": f"{year:04d}-{_month(g['month']):02d}"}
    if rule == "month_range":
        first, last = _month(g["month"]), _month(g["month2"])
        if first == last:
            return None
        if year:
            start_year = year - 1 if first > last else year
            return {"kind": "absolute", "rule": rule, "grain": "interval",
                    "value": f"{start_year:04d}-{first:02d}/{year:04d}-{last:02d}"}
        return {"kind": "relative", "rule": rule, "grain": "interval", "month": first,
                "month2": last, "mod": None, "value": None}
    if rule == "month_year":
        month = int(g["mm"]) if g.get("mm") else _month(g["month"])
        return {"kind": "absolute", "rule": rule, "grain": "month",
                "value": f"{year:04d}-{month:02d}"}
    if rule in ("md", "dm"):
        month, day = _month(g["month"]), _day(g["day"])
        if _iso_day(2000, month, day) is None:  # 2000 is a leap year
            return None
        if g["month"] in ("may", "march") and not g["day"][0].isdigit() and \
                _cue_before(text, m.start()) not in MONTH_CUES | {"on"}:
            return None  # "he may second the motion"
        return {"kind": "relative", "rule": "md", "grain": "day", "month": month,
                "day": day, "value": None, "mod": (g.get("mod") or "").lower() or None}
    if rule == "part_month":
        month, part = _month(g["month"]), _part_of(m)
        if part not in MONTH_PARTS:
            return None
        data = {"kind": "relative", "rule": "part_month", "grain": "interval",
                "month": month, "part": part, "mod": None, "value": None}
        if year:
            data.update(kind="absolute", value=month_part(year, month, part))
        return data
    if rule == "part_year":
        first, last = YEAR_PARTS[_part_of(m)]
        return {"kind": "absolute", "rule": rule, "grain": "interval",
                "value": f"{year:04d}-{first:02d}/{year:04d}-{last:02d}"}
    if rule == "season_year":
        first, last = SEASONS[g["season"].lower()]
        end_year = year + 1 if last < first else year
        return {"kind": "absolute", "rule": rule, "grain": "interval",
                "value": f"{year:04d}-{first:02d}/{end_year:04d}-{last:02d}"}
    if rule == "md_range":
        month, day, day2 = _month(g["month"]), _day(g["day"]), int(g["day2"])
        if day2 <= day or _iso_day(2000, month, day2) is None:
            return None
        data = {"kind": "relative", "rule": rule, "grain": "interval", "month": month,
                "day": day, "day2": day2, "value": None}
        if year:
            data.update(kind="absolute", value=f"{_iso_day(year, month, day)}/"
                                               f"{_iso_day(year, month, day2)}")
            if None in (_iso_day(year, month, day), _iso_day(year, month, day2)):
                return None
        return data
    if rule == "quarter_year":
        q = int(g["q"]) if g.get("q") else QUARTER_WORDS[g["qw"].lower()]
        return {"kind": "absolute", "rule": rule, "grain": "interval",
                "value": quarter_interval(year, q)}
    if rule == "half_year":
        first, last = YEAR_PARTS["first half" if g["h"] == "1" else "second half"]
        return {"kind": "absolute", "rule": rule, "grain": "interval",
                "value": f"{year:04d}-{first:02d}/{year:04d}-{last:02d}"}
    if rule == "year_range":
        second = g["year2"]
        end = int(second) if len(second) == 4 else year // 100 * 100 + int(second)
        sep = m.group(0)[m.end("year") - m.start():m.start("year2") - m.start()].strip().lower()
        if end <= year or (sep == "and" and not g.get("pre")) or end - year > 100:
            return None
        if sep == "/" and end != year + 1:
            return None  # "2019/20" is a season or fiscal year; "1999/2005" is not a range
        return {"kind": "absolute", "rule": rule, "grain": "interval",
                "value": f"{year:04d}/{end:04d}"}
    if rule == "holiday":
        name = HOLIDAYS[re.sub(r"\s+", " ", g["holiday"].lower().replace("’", "'"))]
        mod = (g.get("mod") or "").lower() or None
        if g["holiday"].lower() in ("christmas", "xmas") and not year and not mod and \
                _cue_before(text, m.start()) not in MONTH_CUES | {"on", "at", "over", "for"}:
            return None  # "Christmas" before a noun ("Christmas market") is no date
        data = {"kind": "relative", "rule": rule, "grain": "day", "name": name,
                "mod": {"previous": "last", "following": "next"}.get(mod, mod), "value": None}
        if year:
            data.update(kind="absolute", value=holiday_date(name, year).isoformat())
        return data
    if rule == "anaphoric":
        return {"kind": "anaphoric", "rule": rule, "grain": None, "value": None}
    if rule == "weekday_range":
        first, last = _weekday(g["weekday"]), _weekday(g["weekday2"])
        if first == last:
            return None
        return {"kind": "relative", "rule": rule, "grain": "interval", "weekday": first,
                "weekday2": last, "mod": None, "value": None}
    if rule == "quarter" and g.get("q"):
        return {"kind": "relative", "rule": rule, "grain": "interval",
                "quarter": int(g["q"]), "value": None}
    if rule == "quarter":
        word = g["qw"].lower()
        if word == "last":
            return {"kind": "relative", "rule": "relative_period", "grain": "quarter",
                    "unit": "quarter", "offset": -1, "value": None}
        return {"kind": "relative", "rule": rule, "grain": "interval",
                "quarter": QUARTER_WORDS[word], "value": None}
    if rule == "part_decade":
        start = int(g["decade"])
        first, last = {"early": (0, 3), "mid": (4, 6), "late": (7, 9)}[_part_of(m)]
        return {"kind": "absolute", "rule": rule, "grain": "interval",
                "value": f"{start + first:04d}/{start + last:04d}"}
    if rule == "century":
        start = (int(g["cent"]) - 1) * 100
        first, last = {"early": (0, 33), "mid": (34, 66), "late": (67, 99)}.get(
            _part_of(m) if g.get("part") else "", (0, 99))
        return {"kind": "absolute", "rule": rule, "grain": "interval",
                "value": f"{start + first:04d}/{start + last:04d}"}
    if rule == "season_rel":
        return {"kind": "relative", "rule": rule, "grain": "interval",
                "season": g["season"].lower(), "mod": g["mod"].lower(), "value": None}
    if rule == "decade" and g.get("word"):
        start = 1900 + 10 * ("twenties thirties forties fifties sixties seventies eighties "
                             "nineties").split().index(g["word"].lower()) + 20
        return {"kind": "absolute", "rule": rule, "grain": "interval",
                "value": f"{start:04d}/{start + 9:04d}"}
    if rule == "decade" and g.get("dd"):
        short = int(g["dd"])
        start = (1900 if short >= 30 else 2000) + short
        return {"kind": "absolute", "rule": rule, "grain": "interval",
                "value": f"{start:04d}/{start + 9:04d}"}
    if rule == "decade":
        start = int(g["decade"])
        return {"kind": "absolute", "rule": rule, "grain": "interval",
                "value": f"{start:04d}/{start + 9:04d}"}
    if rule == "year":
        return {"kind": "absolute", "rule": rule, "grain": "year", "value": f"{year:04d}"}
    if rule == "relative_day":
        word = re.sub(r"\s+", " ", g["word"].lower())
        offset = {"yesterday": -1, "today": 0, "tomorrow": 1, "tonight": 0,
                  "last night": -1}.get(word, 0)
        return {"kind": "relative", "rule": rule, "grain": "day", "offset": offset,
                "value": None}
    if rule == "part_period":
        unit = (g.get("unit") or ("month" if g.get("part", "").lower() == "eom" else "year"))
        written = (g.get("part") or "").lower()
        return {"kind": "relative", "rule": rule, "grain": "interval", "unit": unit,
                "offset": {"last": -1, "this": 0, "next": 1}[(g.get("mod") or "this").lower()],
                "part": written if written in ("earlier", "later") else _part_of(m),
                "value": None}
    if rule == "span":
        word = (g.get("n") or "").lower()
        n = int(word) if word.isdigit() else SPAN_NUMBERS.get(word.split()[0] if word else "")
        if word == "" and g["unit"].endswith("s"):
            n = None  # "the past days": how many is not said
        elif word == "":
            n = 1
        if n == 0:
            return None
        if g["dir"].lower() == "following":  # "over the following 10 days": after an event
            return {"kind": "anaphoric", "rule": "anaphoric", "grain": None, "value": None}
        past = g["dir"].lower() in ("past", "last", "previous")
        unit = "business day" if g.get("business") else g["unit"].rstrip("s")
        return {"kind": "relative", "rule": rule, "grain": "interval",
                "unit": unit, "n": n, "past": past, "value": None}
    if rule == "relative_period":
        mod = g["mod"].lower()
        before = text[max(0, m.start() - 12):m.start()].lower()
        unit = "week" if "week" in g["unit"] else g["unit"]
        if mod == "last" and re.search(r"\b(?:the|over|past|in)\s*$", before) and not g.get("kindof"):
            return None  # "over the last year" is a duration, not a date
        if mod == "past" and g["unit"] != "quarter":
            return None  # "the past year" is a span of time (rule "span")
        offset = {"last": -1, "previous": -1, "past": -1, "this": 0, "current": 0, "next": 1,
                  "coming": 1, "following": 1}[mod]
        edge = (g.get("edge") or "").lower()
        if edge and unit in ("week", "month", "year", "quarter"):
            # "earlier this year": up to the publication; "later last week": its end
            return {"kind": "relative", "rule": "part_period", "grain": "interval",
                    "unit": unit, "offset": offset, "value": None,
                    "part": edge if offset == 0 else PART_WORDS[edge]}
        if re.search(r"work", g["unit"]):
            return {"kind": "relative", "rule": rule, "grain": "interval", "unit": "workweek",
                    "offset": offset, "value": None}
        return {"kind": "relative", "rule": rule, "grain": unit, "unit": unit,
                "offset": offset, "value": None}
    if rule == "count":
        n = SMALL_NUMBERS.get(g["n"].lower()) if not g["n"].isdigit() else int(g["n"])
        if not n:  # "0 months": no count (and never the int 0 as a match's data)
            return None
        return {"kind": "relative", "rule": rule, "n": n, "piece": True, "value": None,
                "unit": g["unit"].lower().rstrip("s")}
    if rule == "nth_week":
        word = (g.get("nth") or "").lower()
        n = int(g["n"]) if g.get("n") else (-1 if word in ("last", "final") else
                                             QUARTER_WORDS.get(word) or DAY_WORDS.get(word, 5))
        return {"kind": "relative", "rule": rule, "n": n, "piece": True, "value": None}
    if rule == "after_next":
        return {"kind": "relative", "rule": "relative_period", "grain": g["unit"],
                "unit": g["unit"], "offset": 2, "value": None}
    if rule == "the_year":  # kept only as "the first N months of the year" (date_compose)
        return {"kind": "relative", "rule": rule, "grain": "year", "unit": "year",
                "offset": 0, "piece": True, "value": None}
    if rule == "now":
        return {"kind": "relative", "rule": "relative_day", "grain": "day", "offset": 0,
                "piece": True, "value": None}
    if rule == "ago":
        n = SMALL_NUMBERS.get(g["n"].lower()) if not g["n"].isdigit() else int(g["n"])
        if not n:
            return None
        if g["unit"] in ("decade", "centur"):  # "a decade ago": a year, ten back
            n *= 10 if g["unit"] == "decade" else 100
            return {"kind": "relative", "rule": rule, "grain": "year", "unit": "year",
                    "n": n, "value": None}
        return {"kind": "relative", "rule": rule, "grain": g["unit"], "unit": g["unit"],
                "n": n, "value": None}
    if rule == "weekday":
        name = g["weekday"].rstrip(".")
        if name.lower() not in WEEKDAYS and not g.get("mod") and \
                _cue_before(text, m.start()) not in WEEKDAY_CUES and \
                not re.match(r"\s*,?\s*(?:\d|the\b)", text[m.end():]):
            return None  # "sun", "wed", "sat": a weekday only after a cue or before a date
        return {"kind": "relative", "rule": rule, "grain": "day",
                "weekday": _weekday(name),
                "mod": WEEKDAY_MODS[re.sub(r"\s+", " ", g["mod"].lower())]
                if g.get("mod") else None, "value": None}
    if rule == "weekday_day":
        day = _day(g["day"])
        return day and {"kind": "relative", "rule": rule, "grain": "day", "day": day,
                        "weekday": _weekday(g["weekday"]), "value": None}
    if rule == "in_n":
        n = SMALL_NUMBERS.get(g["n"].lower()) if not g["n"].isdigit() else int(g["n"])
        return n and {"kind": "relative", "rule": rule, "n": n, "within": g["w"].lower() == "within",
                      "unit": g["unit"].lower().rstrip("s"), "grain": "day", "value": None}
    if rule == "month":
        mod = g["mod"].lower() if g.get("mod") else None
        name = g["month"]
        if "." in name and not mod:
            return None
        if name.lower() not in FULL_MONTHS:  # a bare abbreviation ("after feb") needs a cue
            if name.lower() == "mar" or (not mod and _cue_before(text, m.start()) not in MONTH_CUES):
                return None
        if name == "august" and not mod and _cue_before(text, m.start()) not in MONTH_CUES:
            return None  # "an august body"
        if mod is None:
            before = re.findall(r"[\w-]+", text[max(0, m.start() - 20):m.start()])
            cue = before[-1].lower() if before else ""
            if name.lower() in ("may", "march") and cue not in MONTH_CUES:
                return None  # the verb / modal, not the month
            if not before and name.lower() in ("may", "march"):
                return None
        return {"kind": "relative", "rule": rule, "grain": "month", "month": _month(name),
                "mod": mod, "value": None}
    return None


#: Words before "the 18th" that make it a day of the month; before a bare season.
DAY_CUES = {"on", "by", "until", "till", "since", "from", "before", "after", "around", "and", "or"}
SEASON_CUES = {"in", "during", "throughout", "whole", "over", "since", "until", "by", "early",
               "late", "mid", "entire"}
#: Words before "3/4" that make it a date although day and month cannot be told apart.
STRONG_NUMERIC_CUES = {"on", "from", "between", "until", "till", "by", "since", "before",
                       "after", "through", "to", "this", "next", "last"}
#: Words before a date written "11/20" without its year.
NUMERIC_CUES = {"on", "from", "to", "between", "and", "or", "until", "till", "by", "since",
                "before", "after", "this", "next", "last", "until", "through"}


def _parse_numeric_md(g: dict, m: re.Match, text: str) -> dict | None:
    """"on 11/20", "22/04": month and day without a year, after a cue word, a
    weekday or a comma in a list of dates; "24/7" is no date."""
    a, b = int(g["a"]), int(g["b"])
    before = text[max(0, m.start() - 20):m.start()]
    cue = _cue_before(text, m.start())
    if not (cue in NUMERIC_CUES or cue[:3] in _WEEKDAY_KEYS or before.rstrip().endswith(",")
            or not before.strip() or re.match(r"\s*(?:-|to\b|and\b)\s*\d", text[m.end():])):
        return None
    if (a, b) == (24, 7) or 0 in (a, b):
        return None
    if a > 12 and b <= 12:
        month, day = b, a
    elif b > 12 and a <= 12 or a == b:
        month, day = a, b
    elif a <= 12 and b <= 12:
        if cue not in STRONG_NUMERIC_CUES or re.match(r"\s+(?:of\b|[a-z]+s?\b)", text[m.end():]):
            return None  # "and 1/2 cup": a fraction
        return {"kind": "ambiguous", "rule": "numeric", "grain": "day", "value": None,
                "a": a, "b": b, "year": None}
    else:
        return None
    if _iso_day(2000, month, day) is None:
        return None
    return {"kind": "relative", "rule": "md", "grain": "day", "month": month, "day": day,
            "value": None}


def _parse_numeric(text: str) -> str | None:
    """"03/13/2025" or "13.03.2025" → ISO, when the day/month order is plain
    (one part above 12, or both alike); dateparser reads the day-first dotted form."""
    a, b, year = (int(x) for x in re.split(r"[/.-]", text))
    if a == b:
        return _iso_day(year, a, b)
    if a > 12 and b <= 12:
        return _iso_day(year, b, a)
    if b > 12 and a <= 12:
        return _iso_day(year, a, b)
    if "." in text:  # the European dotted form is day-first
        import dateparser

        parsed = dateparser.parse(text, settings={"DATE_ORDER": "DMY",
                                                  "STRICT_PARSING": True})
        return parsed.date().isoformat() if parsed else None
    return None  # 03/04/2025: month and day cannot be told apart

