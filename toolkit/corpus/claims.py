"""Claims: the figures of a corpus grouped by what they measure.

A claim is one figure of one article (restatements in other units left out).
Claims are grouped by *measure*: the figure's kind (area, count, money ...),
its place, its subject and its unit's dimension, so "about 400 square
kilometres of the Velmora region" in one article and "less than 80 square
miles of Velmora" in another are the same measure, compared in one unit.

* ``place``: a place entity of the article named in what the figure measures;
  else the place named by another figure of the article with the same
  subject ("the region" after "the Velmora region"); else, for areas only,
  the place the article names most often. ``place_from`` says which.
* ``subject``: the head word of what it measures without the place
  ("soldiers" -> "soldier"), singular. For areas, a bare place or a generic
  word for land ("region", "area", "province" ...) is the place's
  ``territory``, so "the Velmora region" and "Velmora" are one measure.
* Every claim is an interval: exact values allow ``EXACT_TOLERANCE`` either
  side, approximate ones (``about``, ``nearly``) ``APPROX_TOLERANCE``,
  "less than" / "more than" are open bounds, ranges their two ends; vague
  figures have no interval and never conflict.
* ``conflict``: two *different sources* (merged across articles like
  speakers) give intervals that do not overlap for the same period (article
  dates at most ``window_days`` apart).
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from functools import lru_cache

import pandas as pd

from toolkit import units as U

EXACT_TOLERANCE = 0.02
APPROX_TOLERANCE = 0.10
WINDOW_DAYS = 1
PLACE_LABELS = ("GPE", "LOC", "FAC")
SKIP_TYPES = ("date", "score", "age")
COLUMNS = ["measure", "kind", "place", "subject", "dimension", "value", "low", "high",
           "unit", "qualifier", "source", "published", "outlet", "article_id", "text",
           "place_from", "conflict", "conflicts_with"]
_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")
TERRITORY_WORDS = {"region", "area", "territory", "land", "province", "district", "oblast",
                   "county", "state", "country", "zone", "enclave", "pocket", "bridgehead",
                   "salient", "part", "parts", "share"}
_LEADING = {"the", "a", "an", "of", "its", "their", "his", "her", "this", "that", "some"}


def _singular(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _subject(measures: str | None, place: str | None) -> str | None:
    if not measures:
        return None
    text = measures
    if place:
        text = re.sub(re.escape(place) + r"(?:['’]s)?", " ", text, flags=re.I)
    words = [w.lower() for w in _WORD.findall(text)]
    words = [w for w in words if w not in _LEADING]
    return _singular(words[-1]) if words else None


def _place_in(measures: str | None, places: list[str]) -> str | None:
    if not measures:
        return None
    found = [p for p in places if re.search(r"\b" + re.escape(p) + r"\b", measures, re.I)]
    return max(found, key=len) if found else None


@lru_cache(maxsize=None)
def dimension(unit: str | None, kind: str | None) -> str:
    """The physical dimension of a unit ("[length] ** 2"), the currency, or the kind."""
    if unit and unit in U.UNITS and U.UNITS[unit][1]:
        try:
            return str(U.registry()(U.UNITS[unit][1]).dimensionality)
        except Exception:  # noqa: BLE001 - pint cannot parse it: keep the unit
            return unit
    return unit or kind or "count"


def interval(value, low, high, qualifier) -> tuple[float, float] | None:
    """The values a claim allows (None: too vague to compare)."""
    def num(x):
        return None if x is None or (isinstance(x, float) and math.isnan(x)) else float(x)

    value, low, high = num(value), num(low), num(high)
    if qualifier == "less-than" and (high if high is not None else value) is not None:
        return (-math.inf, high if high is not None else value)
    if qualifier == "more-than" and (low if low is not None else value) is not None:
        return (low if low is not None else value, math.inf)
    if low is not None and high is not None and qualifier in ("range", "exact"):
        if qualifier == "range" or low != high:
            return (low, high)
    if value is None:
        return None
    if qualifier == "approximate":
        spread = abs(value) * APPROX_TOLERANCE
    elif qualifier == "exact":
        spread = abs(value) * EXACT_TOLERANCE
    else:
        return None
    return (value - spread, value + spread)


def claims_table(figures: pd.DataFrame, entities: pd.DataFrame,
                 names: dict[str, str], window_days: int = WINDOW_DAYS) -> pd.DataFrame:
    if not len(figures):
        return pd.DataFrame(columns=COLUMNS)
    frame = figures[~figures["type"].isin(SKIP_TYPES) & figures["conversion_of"].isna()]
    frame = frame[frame["value"].notna() | frame["low"].notna() | frame["high"].notna()]
    places = _places(entities)
    rows = []
    for article_id, group in frame.groupby("article_id", sort=False):
        ranked = places.get(article_id, [])
        named = {}
        found = []
        for row in group.itertuples(index=False):
            place = _place_in(row.measures, ranked)
            subject = _subject(row.measures, place)
            if row.type == "area" and (subject is None or subject in TERRITORY_WORDS):
                subject = "territory" if (place or row.measures) else None
            found.append((row, place, subject))
            if place and subject:
                named.setdefault(subject, place)
        for row, place, subject in found:
            origin = "measures" if place else None
            if not place and subject in named:
                place, origin = named[subject], "same subject"
            if not place and ranked and row.type == "area":
                place, origin = ranked[0], "article"
            source = names.get(row.source, row.source) if isinstance(row.source, str) else None
            rows.append({"kind": row.type, "place": place, "subject": subject,
                         "dimension": dimension(row.unit, row.type), "value": row.value,
                         "low": row.low, "high": row.high, "unit": row.unit,
                         "qualifier": row.qualifier, "source": source,
                         "published": row.published, "outlet": row.outlet,
                         "article_id": article_id, "text": row.text, "place_from": origin})
    table = pd.DataFrame(rows)
    if not len(table):
        return pd.DataFrame(columns=COLUMNS)
    table = table[table["subject"].notna() | table["place"].notna()].copy()
    table["measure"] = [_measure(k, p, s) for k, p, s in
                        zip(table["kind"], table["place"], table["subject"])]
    table = _common_unit(table)
    table["published"] = pd.to_datetime(table["published"], errors="coerce")
    _flag_conflicts(table, window_days)
    return (table[COLUMNS].sort_values(["measure", "published", "source"], na_position="last")
            .reset_index(drop=True))


def _measure(kind, place, subject) -> str:
    words = " ".join(w for w in (place, subject) if w)
    return f"{kind}: {words}" if words else str(kind)


def _places(entities: pd.DataFrame) -> dict[str, list[str]]:
    """Per article, its place names, most mentioned first."""
    if not len(entities):
        return {}
    found = entities[entities["label"].isin(PLACE_LABELS)]
    out = {}
    for article_id, group in found.groupby("article_id", sort=False):
        counts = group["canonical"].value_counts(sort=False)
        firsts = group.groupby("canonical")["start"].min()
        out[article_id] = sorted(counts.index, key=lambda p: (-counts[p], firsts[p]))
    return out


def _common_unit(table: pd.DataFrame) -> pd.DataFrame:
    """Within a measure, convert every claim to the measure's most used unit."""
    for measure, group in table.groupby("measure"):
        units = group["unit"].dropna()
        if units.empty:
            continue
        target = units.value_counts().index[0]
        for idx, row in group.iterrows():
            if row["unit"] in (None, target) or not isinstance(row["unit"], str):
                continue
            if not U.convertible(row["unit"], target):
                continue
            for col in ("value", "low", "high"):
                if pd.notna(row[col]):
                    table.at[idx, col] = U.convert(float(row[col]), row["unit"], target)
            table.at[idx, "unit"] = target
    return table


def _flag_conflicts(table: pd.DataFrame, window_days: int) -> None:
    spans = [interval(v, lo, hi, q) for v, lo, hi, q in
             zip(table["value"], table["low"], table["high"], table["qualifier"])]
    window = pd.Timedelta(days=window_days)
    groups = defaultdict(list)
    for pos, (measure, dim, source, published) in enumerate(zip(
            table["measure"], table["dimension"], table["source"], table["published"])):
        if source and spans[pos] is not None and pd.notna(published):
            groups[(measure, dim)].append((pos, source, published))
    found: dict[int, list] = defaultdict(list)
    for rows in groups.values():
        for i, (a, source_a, date_a) in enumerate(rows):
            for b, source_b, date_b in rows[i + 1:]:
                if source_a == source_b or abs(date_a - date_b) > window:
                    continue
                (alo, ahi), (blo, bhi) = spans[a], spans[b]
                if ahi < blo or bhi < alo:
                    for x, other in ((a, source_b), (b, source_a)):
                        if other not in found[x]:
                            found[x].append(other)
    table["conflict"] = [pos in found for pos in range(len(table))]
    table["conflicts_with"] = [found.get(pos, []) for pos in range(len(table))]
