"""Resolving parsed dates against the publication date: "last Thursday",
"late last month", "the past two weeks", "three years ago" → ISO dates and
intervals. A result outside years 1 to 9999 stays unresolved (warning TKW160).
Used by :mod:`.dates` (the component) and, through ``span._.date``, by every
reader of the timeline."""

from __future__ import annotations

import calendar
import datetime as dt
import re

from toolkit.errors import ToolkitError, warn

SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11),
           "winter": (12, 2)}
#: Parts of a year / month → (first, last) month or day.
YEAR_PARTS = {"early": (1, 3), "mid": (6, 7), "late": (10, 12), "first half": (1, 6),
              "second half": (7, 12)}
MONTH_PARTS = {"early": (1, 10), "mid": (11, 20), "late": (21, 31)}


# -- resolution against the publication date ------------------------------------
def parse_published(published) -> dt.date | None:
    """``"2025-03-13"`` / ``date`` / ``datetime`` → ``date``; None stays None.
    Raises TK132 for anything else."""
    if published is None or published == "":
        return None
    if isinstance(published, dt.datetime):
        return published.date()
    if isinstance(published, dt.date):
        return published
    try:
        return dt.date.fromisoformat(str(published)[:10])
    except ValueError as exc:
        raise ToolkitError("TK132", value=published) from exc


def resolve_date(data: dict | None, published) -> str | None:
    """The ISO date or interval that ``data`` (a ``span._.tk_date``) refers to.

    Absolute dates resolve on their own; relative ones need ``published`` (ISO
    "YYYY-MM-DD", a date, or None). Without it they resolve to None.
    """
    if not data:
        return None
    if data.get("value"):
        return data["value"]
    base = parse_published(published)
    if base is None:
        return None
    try:
        value = composite_value(data, base) if data.get("rule") in COMPOSITES else \
            _resolve_relative(data, base)
    except (OverflowError, ValueError):  # beyond the calendar datetime can count
        value = ""
    if value is not None and not _in_calendar(value):
        warn("TKW160", rule=data.get("rule"), published=base.isoformat())
        return None
    return value


_ISO_YEARS = re.compile(r"(?:^|/)(-?\d+)")


def _in_calendar(value: str) -> bool:
    """Whether every year in an ISO value lies in 1..9999 (no year 0, no BC)."""
    years = _ISO_YEARS.findall(value)
    return bool(years) and all(len(y) == 4 and 1 <= int(y) <= 9999 for y in years)


def _resolve_relative(data: dict, base: dt.date) -> str | None:
    rule = data.get("rule")
    tense = data.get("tense")
    mod = data.get("mod")
    if rule == "weekday":
        return _resolve_weekday(base, data["weekday"], mod, tense).isoformat()
    if rule == "month":
        year = _month_year(base, data["month"], mod, tense)
        return f"{year:04d}-{data['month']:02d}"
    if rule == "part_month":
        year = _month_year(base, data["month"], mod, tense)
        return month_part(year, data["month"], data["part"])
    if rule == "md":
        if mod in ("next", "last", "this"):  # "next 6th of April": the first one after
            days = [d for d in (_safe_date(base.year + k, data["month"], data["day"])
                                for k in (-1, 0, 1)) if d]
            pick = {"next": min([d for d in days if d > base] or days),
                    "last": max([d for d in days if d < base] or days),
                    "this": next((d for d in days if d.year == base.year), days[0])}[mod]
            return pick.isoformat()
        return _resolve_md(base, data["month"], data["day"], tense)
    if rule == "md_range":
        first = _resolve_md(base, data["month"], data["day"], tense)
        return f"{first}/{first[:8]}{data['day2']:02d}"
    if rule == "weekday_range":
        first = _resolve_weekday(base, data["weekday"], mod, tense)
        last = first + dt.timedelta(days=(data["weekday2"] - data["weekday"]) % 7)
        return f"{first.isoformat()}/{last.isoformat()}"
    if rule == "quarter":
        # "in the third quarter": this year's when it has begun (or is ahead
        # in a future clause), else last year's
        current = (base.month - 1) // 3 + 1
        late = data["quarter"] > current and tense != "future"
        return quarter_interval(base.year - 1 if late else base.year, data["quarter"])
    if rule == "relative_day":
        return (base + dt.timedelta(days=data["offset"])).isoformat()
    if rule == "relative_period":
        return _resolve_period(base, data["unit"], data["offset"])
    if rule == "part_period":
        return _resolve_part_period(base, data["unit"], data["offset"], data["part"])
    if rule == "span":
        return _resolve_span(base, data["unit"], data["n"], data["past"])
    if rule == "ago":
        return _resolve_ago(base, data["unit"], data["n"])
    if rule == "season_rel":
        return _resolve_season(base, data["season"], data["mod"])
    if rule == "holiday":
        return _resolve_holiday(base, data["name"], mod, tense)
    if rule == "day_of_month":
        return _resolve_day_of_month(base, data["day"], mod, tense)
    if rule == "ytd":
        return f"{base.year:04d}-01-01/{base.isoformat()}"
    if rule == "weekday_day":
        return _resolve_weekday_day(base, data["weekday"], data["day"], tense)
    if rule == "in_n":
        day = _add(base, data["n"], data["unit"])
        return f"{base.isoformat()}/{day.isoformat()}" if data.get("within") else day.isoformat()
    if rule == "month_range":
        return _month_span(base, data["month"], data["month2"], tense)
    return None


def _month_span(base: dt.date, first: int, last: int, tense) -> str:
    """"from May to September": the stretch that holds the publication month if
    one does (it is under way), else the one the clause's tense points to."""
    wraps = last < first
    if (first <= base.month <= last) if not wraps else (base.month >= first or base.month <= last):
        year = base.year - 1 if wraps and base.month <= last else base.year
    else:
        year = _month_year(base, first, None, tense)
    end_year = year + 1 if wraps else year
    return f"{year:04d}-{first:02d}/{end_year:04d}-{last:02d}"


def holiday_date(name: str, year: int) -> dt.date:
    """The day of a holiday (a key of date_patterns.HOLIDAYS) in ``year``."""
    fixed = {"christmas": (12, 25), "christmas eve": (12, 24), "boxing day": (12, 26),
             "new year": (1, 1), "new year's eve": (12, 31), "valentine": (2, 14),
             "halloween": (10, 31), "juneteenth": (6, 19), "earth day": (4, 22),
             "st patrick": (3, 17), "may day": (5, 1)}
    if name in fixed:
        return dt.date(year, *fixed[name])
    if name in ("easter", "easter monday", "good friday"):
        from dateutil.easter import easter
        return easter(year) + dt.timedelta(days={"easter": 0, "easter monday": 1,
                                                 "good friday": -2}[name])
    if name == "labor day":  # the first Monday of September (US)
        return _nth_weekday(year, 9, 0, 1)
    if name == "memorial day":  # the last Monday of May (US)
        return _nth_weekday(year, 5, 0, -1)
    thanksgiving = _nth_weekday(year, 11, 3, 4)  # the fourth Thursday of November (US)
    return thanksgiving + dt.timedelta(days=1 if name == "black friday" else 0)


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    days = [dt.date(year, month, d) for d in range(1, calendar.monthrange(year, month)[1] + 1)]
    return [d for d in days if d.weekday() == weekday][n - 1 if n > 0 else n]


def _resolve_holiday(base: dt.date, name: str, mod, tense) -> str:
    """"last Easter": the latest before the publication; "next": the first after;
    "this": the current year's; bare: by the clause's tense, else the nearest."""
    days = [holiday_date(name, base.year + k) for k in (-1, 0, 1)]
    if mod == "this":
        return days[1].isoformat()
    if mod == "last" or (mod is None and tense == "past"):
        return max(d for d in days if d < base or (mod is None and d == base)).isoformat()
    if mod == "next" or tense == "future":
        return min(d for d in days if d > base or (mod is None and d == base)).isoformat()
    return min(days, key=lambda d: abs((d - base).days)).isoformat()


def _resolve_day_of_month(base: dt.date, day: int, mod, tense) -> str | None:
    """"on the 18th": this month's, or the last month's when that day is still ahead
    (the next month's in a future clause); "the 15th of next month"."""
    if mod:
        year, month = _shift_month(base.year, base.month, {"last": -1, "this": 0, "next": 1}[mod])
        d = _safe_date(year, month, day)
        return d.isoformat() if d else None
    step = 1 if tense == "future" else -1
    for k in range(0, 3):
        year, month = _shift_month(base.year, base.month, step * k)
        d = _safe_date(year, month, day)
        if d is not None and (d <= base if step < 0 else d >= base):
            return d.isoformat()
    return None


def _resolve_weekday_day(base: dt.date, weekday: int, day: int, tense) -> str | None:
    """"Monday 21", "Fri 14th": the nearest month whose day ``day`` falls on that
    weekday, looking back in a past clause, ahead in a future one, else both ways."""
    found = {}
    for step in ((-1,) if tense == "past" else (1,) if tense == "future" else (-1, 1)):
        for k in range(0, 12 * 7):
            year, month = _shift_month(base.year, base.month, step * k)
            d = _safe_date(year, month, day)
            if d is not None and d.weekday() == weekday and (d <= base if step < 0 else d >= base):
                found[step] = d
                break
    if not found:
        return None
    return min(found.values(), key=lambda d: abs((d - base).days)).isoformat()


# -- expressions joined from pieces (see .date_compose) --------------------------
COMPOSITES = {"range", "shift", "stretch", "week_day", "week_of", "nth_week", "holiday_weekend",
              "edge_of"}


def _part(data: dict | None, base: dt.date | None, tense) -> str | None:
    if data is None:
        return None
    if data.get("value"):
        return data["value"]
    if base is None:
        return None
    data = {**data, "tense": data.get("tense") or tense}
    if data.get("rule") in COMPOSITES:
        return composite_value(data, base)
    return _resolve_relative(data, base)


def _first_day(value: str) -> dt.date:
    first = value.split("/")[0]
    parts = [int(x) for x in first.split("-")] + [1, 1]
    return dt.date(parts[0], parts[1], parts[2])


def _add(day: dt.date, n: int, unit: str) -> dt.date:
    if unit in ("day", "week", "fortnight"):
        return day + dt.timedelta(days=n * {"day": 1, "week": 7, "fortnight": 14}[unit])
    months = n * {"month": 1, "quarter": 3, "year": 12, "decade": 120}[unit]
    year, month = _shift_month(day.year, day.month, months)
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _nth_week(first: dt.date, n: int, in_year: bool) -> str | None:
    """Week ``n`` (-1: the last) of a year or month. As ISO 8601 counts weeks of a
    year, a week (Monday to Sunday) belongs to the month or year that holds most
    of its days: the first holds the 4th, the last holds the day three before the end."""
    if in_year:
        first = dt.date(first.year, 1, 1)
        end = dt.date(first.year, 12, 31)
    else:
        end = first.replace(day=calendar.monthrange(first.year, first.month)[1])
    anchor = end - dt.timedelta(days=3) if n == -1 else first + dt.timedelta(days=3)
    monday = anchor - dt.timedelta(days=anchor.weekday())
    if n > 1:
        monday += dt.timedelta(weeks=n - 1)
        if monday > end:
            return None
    return f"{monday.isoformat()}/{(monday + dt.timedelta(days=6)).isoformat()}"


def composite_value(data: dict, base: dt.date | None) -> str | None:
    """The ISO value of a joined expression; None while a part needs ``base``."""
    rule, tense = data.get("rule"), data.get("tense")
    anchor = _part(data.get("anchor"), base, tense)
    if anchor is None:
        return None
    if rule == "range":
        a, b = data.get("anchor") or {}, data.get("end") or {}
        if base is not None and a.get("rule") == b.get("rule") == "month" \
                and not a.get("value") and not b.get("value") and not a.get("mod") \
                and not b.get("mod") and a["month"] != b["month"]:
            return _month_span(base, a["month"], b["month"], tense)
        end = _part(data.get("end"), base, tense)
        if end is None:
            return None
        first, last = anchor.split("/")[0], end.split("/")[-1]
        if _first_day(last) < _first_day(first) and data["end"].get("value") is None and \
                data["end"].get("rule") in ("md", "month"):
            last = f"{int(last[:4]) + 1:04d}{last[4:]}"  # "from November to March"
        return f"{first}/{last}"
    day = _first_day(anchor)
    if rule == "shift":  # kept at the anchor's grain: "a year after March 2024" → 2025-03
        moved = _add(day, data["sign"] * data["n"], data["unit"])
        grain = len(anchor.split("/")[0])
        if data["unit"] not in ("day", "week", "fortnight") and grain < 10:
            return moved.isoformat()[:grain]
        return moved.isoformat()
    if rule == "stretch":
        end = _add(day, data["n"], data["unit"]) - dt.timedelta(days=1)
        return f"{day.isoformat()}/{end.isoformat()}"
    if rule == "week_day":
        return (day - dt.timedelta(days=day.weekday()) +
                dt.timedelta(days=data["weekday"])).isoformat()
    if rule == "nth_week":
        return _nth_week(day, data["n"], data.get("in_year"))
    if rule == "edge_of":
        return _edge_of(day, _last_day(anchor), data["edge"], data["n"], data["unit"])
    if rule == "holiday_weekend":
        # a Monday or Tuesday holiday ends a long weekend from the Saturday before;
        # a Wednesday to Friday one starts one that runs to the Sunday after
        wd = day.weekday()
        first = day - dt.timedelta(days=wd - 5 if wd >= 5 else wd + 2) if wd in (0, 1, 5, 6) \
            else day
        last = day if wd in (0, 1) else day + dt.timedelta(days=6 - wd)
        return f"{first.isoformat()}/{last.isoformat()}"
    if rule == "week_of":
        monday = day - dt.timedelta(days=day.weekday())
        return f"{monday.isoformat()}/{(monday + dt.timedelta(days=6)).isoformat()}"
    return None


def _last_day(value: str) -> dt.date:
    """The last day an ISO value ("2021", "2021-09", "2021-09-14", "a/b") covers."""
    last = value.split("/")[-1]
    parts = [int(x) for x in last.split("-")]
    if len(parts) == 3:
        return dt.date(*parts)
    year, month = parts[0], parts[1] if len(parts) > 1 else 12
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _edge_of(first: dt.date, last: dt.date, edge: str, n: int, unit: str) -> str | None:
    """The first or last ``n`` days, weeks or months of the stretch ``first``..``last``,
    or its ``n``-th day or month ("nth"). Weeks are whole weeks, Monday to Sunday,
    counted as :func:`_nth_week` counts them."""
    if edge == "nth":
        if unit == "month":
            year, month = _shift_month(first.year, first.month, n - 1)
            found = f"{year:04d}-{month:02d}"
            return found if dt.date(year, month, 1) <= last else None
        day = first + dt.timedelta(days=n - 1)
        return day.isoformat() if day <= last else None
    if unit == "week":
        monday = (first + dt.timedelta(days=3)) - dt.timedelta(days=(first + dt.timedelta(
            days=3)).weekday())
        if edge == "first":
            a, b = monday, monday + dt.timedelta(days=7 * n - 1)
        else:
            anchor = last - dt.timedelta(days=3)
            end_monday = anchor - dt.timedelta(days=anchor.weekday())
            a, b = end_monday - dt.timedelta(weeks=n - 1), end_monday + dt.timedelta(days=6)
    elif edge == "first":
        a, b = first, _add(first, n, unit) - dt.timedelta(days=1)
    else:
        a, b = _add(last + dt.timedelta(days=1), -n, unit), last
    if unit == "month" and a.day == 1 and b == _last_day(b.isoformat()[:7]):
        return f"{a.isoformat()[:7]}/{b.isoformat()[:7]}"
    return f"{a.isoformat()}/{b.isoformat()}"


def _resolve_season(base: dt.date, season: str, mod: str) -> str:
    """"last summer": the latest one over before ``base``; "this summer": the
    one of the current year (the winter starting in December); "next": the
    first one still to begin."""
    first, last = SEASONS[season]

    def bounds(year):  # the season that starts in ``year``
        end_year = year + 1 if last < first else year
        start = dt.date(year, first, 1)
        end = dt.date(end_year, last, calendar.monthrange(end_year, last)[1])
        return start, end

    if mod == "this":
        year = base.year - 1 if last < first and base.month <= last else base.year
    elif mod == "last":
        year = base.year
        while bounds(year)[1] >= base:
            year -= 1
    else:
        year = base.year
        while bounds(year)[0] <= base:
            year += 1
    start, end = bounds(year)
    return f"{start.year:04d}-{start.month:02d}/{end.year:04d}-{end.month:02d}"


def quarter_interval(year: int, quarter: int) -> str:
    first = 3 * (quarter - 1) + 1
    return f"{year:04d}-{first:02d}/{year:04d}-{first + 2:02d}"


def _resolve_weekday(base: dt.date, weekday: int, mod, tense) -> dt.date:
    """"last Monday" / "next Friday": that day of the week before / after the
    publication's week (Monday to Sunday); "this Friday": of the same week;
    "this past" / "coming": the nearest one before / after the day; a bare
    weekday: the nearest one in the clause's direction (the past by default)."""
    back = (base.weekday() - weekday) % 7          # 0..6 days ago
    ahead = (weekday - base.weekday()) % 7          # 0..6 days ahead
    monday = base - dt.timedelta(days=base.weekday())
    if mod in ("last", "next", "this"):
        weeks = {"last": -1, "this": 0, "next": 1}[mod]
        return monday + dt.timedelta(weeks=weeks, days=weekday)
    if mod == "past":
        return base - dt.timedelta(days=back or 7)
    if mod == "coming":
        return base + dt.timedelta(days=ahead or 7)
    if tense == "future":
        return base + dt.timedelta(days=ahead)
    return base - dt.timedelta(days=back)


def _month_year(base: dt.date, month: int, mod, tense) -> int:
    if mod == "this":
        return base.year
    if mod == "last":
        return base.year if month < base.month else base.year - 1
    if mod == "next" or tense == "future":
        if mod == "next":
            return base.year if month > base.month else base.year + 1
        return base.year if month >= base.month else base.year + 1
    return base.year if month <= base.month else base.year - 1


def month_part(year: int, month: int, part: str) -> str:
    first, last = MONTH_PARTS[part]
    last = min(last, calendar.monthrange(year, month)[1])
    return f"{year:04d}-{month:02d}-{first:02d}/{year:04d}-{month:02d}-{last:02d}"


def _resolve_md(base: dt.date, month: int, day: int, tense) -> str | None:
    candidates = [d for d in (_safe_date(base.year + k, month, day) for k in (-1, 0, 1)) if d]
    if tense == "past":
        pool = [d for d in candidates if d <= base] or candidates
        return max(pool).isoformat()
    if tense == "future":
        pool = [d for d in candidates if d >= base] or candidates
        return min(pool).isoformat()
    return min(candidates, key=lambda d: abs((d - base).days)).isoformat()


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _resolve_period(base: dt.date, unit: str, offset: int) -> str:
    if unit == "year":
        return f"{base.year + offset:04d}"
    if unit == "quarter":
        index = base.year * 4 + (base.month - 1) // 3 + offset
        return quarter_interval(index // 4, index % 4 + 1)
    if unit == "month":
        year, month = _shift_month(base.year, base.month, offset)
        return f"{year:04d}-{month:02d}"
    monday = base - dt.timedelta(days=base.weekday()) + dt.timedelta(weeks=offset)
    if unit == "workweek":  # Monday to Friday
        return f"{monday.isoformat()}/{(monday + dt.timedelta(days=4)).isoformat()}"
    if unit == "weekend":
        saturday = monday + dt.timedelta(days=5)
        return f"{saturday.isoformat()}/{(saturday + dt.timedelta(days=1)).isoformat()}"
    return f"{monday.isoformat()}/{(monday + dt.timedelta(days=6)).isoformat()}"


def _resolve_ago(base: dt.date, unit: str, n: int) -> str:
    if unit == "day":
        return (base - dt.timedelta(days=n)).isoformat()
    if unit == "week":
        return (base - dt.timedelta(weeks=n)).isoformat()
    if unit == "month":
        year, month = _shift_month(base.year, base.month, -n)
        return f"{year:04d}-{month:02d}"
    return f"{base.year - n:04d}"


def _unit_bounds(base: dt.date, unit: str, offset: int = 0) -> tuple[dt.date, dt.date]:
    """The first and last day of the week, month, quarter or year holding ``base``,
    moved by ``offset`` units."""
    if unit == "week":
        first = base - dt.timedelta(days=base.weekday()) + dt.timedelta(weeks=offset)
        return first, first + dt.timedelta(days=6)
    months = {"month": 1, "quarter": 3, "year": 12}[unit]
    start_month = (base.month - 1) // months * months + 1
    year, month = _shift_month(base.year, start_month, offset * months)
    first = dt.date(year, month, 1)
    end_year, end_month = _shift_month(year, month, months - 1)
    return first, dt.date(end_year, end_month, calendar.monthrange(end_year, end_month)[1])


def _resolve_part_period(base: dt.date, unit: str, offset: int, part: str) -> str | None:
    """"late last month", "early next year", "the end of this week"; "earlier
    this year" runs from its start to the day before the publication, "later this
    month" from the publication to its end."""
    if part in ("earlier", "later"):
        first, last = _unit_bounds(base, unit, offset)
        if part == "earlier":
            last = max(first, base - dt.timedelta(days=1))
        else:
            first = min(last, base)
        return f"{first.isoformat()}/{last.isoformat()}"
    if unit == "quarter":
        first, last = _unit_bounds(base, unit, offset)
        return f"{first.isoformat()[:7]}/{last.isoformat()[:7]}"
    if unit == "month":
        year, month = _shift_month(base.year, base.month, offset)
        if part in MONTH_PARTS:
            return month_part(year, month, part)
        last = calendar.monthrange(year, month)[1]
        first_day, last_day = (1, 15) if part == "first half" else (16, last)
        return f"{year:04d}-{month:02d}-{first_day:02d}/{year:04d}-{month:02d}-{last_day:02d}"
    if unit == "year":
        year = base.year + offset
        first, last = YEAR_PARTS[part]
        return f"{year:04d}-{first:02d}/{year:04d}-{last:02d}"
    monday = base - dt.timedelta(days=base.weekday()) + dt.timedelta(weeks=offset)
    first, last = {"early": (0, 1), "mid": (2, 3), "late": (4, 6), "first half": (0, 2),
                   "second half": (3, 6)}[part]
    return (f"{(monday + dt.timedelta(days=first)).isoformat()}/"
            f"{(monday + dt.timedelta(days=last)).isoformat()}")


def _resolve_span(base: dt.date, unit: str, n: int | None, past: bool) -> str | None:
    """"the past two weeks" are the 14 days before the publication day; "the next
    six months" start the day after it. Quarters and decades count whole. None when the text does not say how many ("the coming days")."""
    if n is None:
        return None
    if unit == "business day":  # Monday to Friday, counted from the day before or after
        step = -1 if past else 1
        day, days = base, []
        while len(days) < n:
            day += dt.timedelta(days=step)
            if day.weekday() < 5:
                days.append(day)
        return f"{min(days).isoformat()}/{max(days).isoformat()}"
    if unit == "quarter":  # whole quarters: "the last two quarters", "the next 7 quarters"
        index = base.year * 4 + (base.month - 1) // 3
        first, last = (index - n, index - 1) if past else (index + 1, index + n)
        return (f"{quarter_interval(first // 4, first % 4 + 1).split('/')[0]}/"
                f"{quarter_interval(last // 4, last % 4 + 1).split('/')[1]}")
    if unit == "decade":  # whole decades: "the next two decades"
        start = base.year // 10 * 10
        first, last = (start - 10 * n, start - 1) if past else (start + 10, start + 10 * n + 9)
        return f"{first:04d}/{last:04d}"
    if past:  # the n units before the publication day
        first, last = _add(base, -n, unit), base - dt.timedelta(days=1)
    else:     # the n units after it
        first = base + dt.timedelta(days=1)
        last = _add(first, n, unit) - dt.timedelta(days=1)
    return f"{first.isoformat()}/{last.isoformat()}"
