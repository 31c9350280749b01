"""Charts of a corpus: claims followed over time, and who is quoted where.

Both take a :class:`toolkit.corpus.Corpus` (or its table: ``corpus.claims`` /
``corpus.quotes``) and return a ``plotly.graph_objects.Figure`` in toolkit's
template; nothing is shown until the figure is displayed.

* :func:`claims_over_time` — one measure (``corpus.measures()`` lists them),
  each source its colour; approximate values carry their tolerance as an error
  bar, "less than" / "more than" are drawn as bounds (a triangle pointing the
  way the value may lie, with an open-ended bar), and claims in conflict are
  ringed in red with the sources they disagree with on hover.
* :func:`quotes_by_outlet` — the most quoted speakers, a bar per speaker split
  by the outlets that quoted them.

Charts read the corpus's tables only (never a spaCy Doc, never the view).
"""

from __future__ import annotations

import html

import pandas as pd
import plotly.graph_objects as go

from toolkit.charts.base import COLORS, TEMPLATE  # registers the "toolkit" template
from toolkit.corpus.claims import APPROX_TOLERANCE
from toolkit.errors import ToolkitError

__all__ = ["claims_over_time", "quotes_by_outlet"]

CONFLICT_COLOR = "#D55E00"
UNNAMED = "(source not named)"
CLAIM_COLUMNS = ["measure", "value", "low", "high", "unit", "qualifier", "source",
                 "published", "outlet", "text", "conflict", "conflicts_with"]


def _table(data, attr: str, fn: str, columns: list[str]) -> pd.DataFrame:
    if isinstance(data, pd.DataFrame):
        frame = data
    elif hasattr(data, attr) and hasattr(data, "articles"):
        frame = getattr(data, attr)
    else:
        raise ToolkitError("TK608", fn=fn, type_name=type(data).__name__)
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ToolkitError("TK302", fn=fn, missing=", ".join(missing),
                           columns=", ".join(map(str, frame.columns)))
    return frame


def pick_measure(claims: pd.DataFrame, measure: str | None) -> str:
    """``measure`` itself, the one measure it is part of (case-insensitive),
    or (None) the most claimed measure; TK607 otherwise."""
    counts = claims["measure"].value_counts()
    if measure is None and len(counts):
        return counts.index[0]
    if measure in counts.index:
        return measure
    if measure:
        hits = [m for m in counts.index if measure.lower() in m.lower()]
        if len(hits) == 1:
            return hits[0]
    raise ToolkitError("TK607", measure=measure,
                       choices=", ".join(repr(m) for m in counts.index[:6]) or "(no claims)")


def _fmt(value) -> str:
    if value is None or pd.isna(value):
        return "?"
    return f"{value:,.0f}" if abs(value) >= 100 else f"{value:,.3g}"


def _hover(row, unit: str) -> str:
    qualifier = row["qualifier"] or ""
    lines = [f"<b>{html.escape(str(row['source'] or UNNAMED))}</b>",
             f"{html.escape(qualifier)} {_fmt(row['value'])} {html.escape(unit)}",
             f"{html.escape(str(row['outlet'] or ''))}, {row['published']:%Y-%m-%d}"
             if pd.notna(row["published"]) else html.escape(str(row["outlet"] or "")),
             f"“{html.escape(str(row['text']))}”"]
    if row["conflict"]:
        others = ", ".join(html.escape(str(s)) for s in row["conflicts_with"])
        lines.append(f"<b>conflicts with</b> {others}")
    return "<br>".join(lines)


def claims_over_time(corpus, measure: str | None = None, *, title: str | None = None,
                     template=None, source_note: str | None = None) -> go.Figure:
    """One measure's claims over time: a colour per source, bounds for
    "less than" / "more than", conflicts ringed (see the module docs)."""
    claims = _table(corpus, "claims", "claims_over_time", CLAIM_COLUMNS)
    name = pick_measure(claims, measure)
    rows = claims[(claims["measure"] == name) & claims["value"].notna()].copy()
    units = rows["unit"].dropna()
    unit = units.value_counts().index[0] if len(units) else ""
    rows["who"] = rows["source"].fillna(UNNAMED)
    span = (rows["value"].max() - min(rows["value"].min(), 0)) or 1.0
    reach = span * 0.15
    fig = go.Figure()
    for i, (who, group) in enumerate(rows.groupby("who", sort=False)):
        color = "#999999" if who == UNNAMED else COLORS[i % len(COLORS)]
        symbols, plus, minus = [], [], []
        for _, r in group.iterrows():
            if r["qualifier"] == "less-than":
                symbols.append("triangle-down"); plus.append(0); minus.append(reach)
            elif r["qualifier"] == "more-than":
                symbols.append("triangle-up"); plus.append(reach); minus.append(0)
            elif r["qualifier"] == "approximate":
                symbols.append("circle")
                plus.append(abs(r["value"]) * APPROX_TOLERANCE)
                minus.append(abs(r["value"]) * APPROX_TOLERANCE)
            else:
                symbols.append("circle"); plus.append(0); minus.append(0)
        fig.add_trace(go.Scatter(
            x=group["published"], y=group["value"], mode="markers", name=str(who),
            marker={"color": color, "size": 11, "symbol": symbols,
                    "line": {"width": 1, "color": "white"}},
            error_y={"type": "data", "symmetric": False, "array": plus, "arrayminus": minus,
                     "color": color, "thickness": 1.5, "width": 0},
            hovertext=[_hover(r, unit) for _, r in group.iterrows()], hoverinfo="text"))
    conflicts = rows[rows["conflict"].astype(bool)]
    if len(conflicts):
        fig.add_trace(go.Scatter(
            x=conflicts["published"], y=conflicts["value"], mode="markers",
            name="conflict", marker={"symbol": "circle-open", "size": 24,
                                     "color": CONFLICT_COLOR, "line": {"width": 3}},
            hovertext=[_hover(r, unit) for _, r in conflicts.iterrows()], hoverinfo="text"))
    note = source_note if source_note is not None else (
        f"{len(rows)} claims from {rows['outlet'].nunique()} outlets; ▼ at most, ▲ at least, "
        f"bars: the range the qualifier allows; figures extracted by toolkit")
    fig.update_layout(
        title=title or f"{name} — claims over time", template=template or TEMPLATE,
        xaxis_title="article date", yaxis_title=unit or "value", legend_title="source",
        annotations=[{"text": html.escape(note), "xref": "paper", "yref": "paper", "x": 0,
                      "y": -0.3, "showarrow": False, "font": {"size": 11},
                      "xanchor": "left"}],
        margin={"b": 120})
    return fig


def quotes_by_outlet(corpus, *, top: int = 12, title: str | None = None, template=None,
                     source_note: str | None = None) -> go.Figure:
    """The ``top`` most quoted speakers, each bar split by outlet."""
    quotes = _table(corpus, "quotes", "quotes_by_outlet", ["speaker", "outlet"])
    who = quotes["speaker_corpus"] if "speaker_corpus" in quotes else quotes["speaker"]
    frame = pd.DataFrame({"speaker": who, "outlet": quotes["outlet"].fillna("(no outlet)")})
    frame = frame[frame["speaker"].notna()]
    leaders = frame["speaker"].value_counts().index[:top]
    table = pd.crosstab(frame["speaker"], frame["outlet"]).reindex(leaders[::-1])
    fig = go.Figure()
    for i, outlet in enumerate(table.columns):
        fig.add_trace(go.Bar(y=table.index, x=table[outlet], name=str(outlet),
                             orientation="h", marker_color=COLORS[i % len(COLORS)],
                             hovertemplate="%{y}: %{x} quotes in " + html.escape(str(outlet))
                             + "<extra></extra>"))
    note = source_note if source_note is not None else (
        f"{len(frame)} attributed quotes in {quotes['article_id'].nunique() if 'article_id' in quotes else '?'} "
        "articles; speakers merged across articles; quotes extracted by toolkit")
    fig.update_layout(
        barmode="stack", title=title or "Who is quoted, and by which outlet",
        template=template or TEMPLATE, xaxis_title="quotes", legend_title="outlet",
        height=max(320, 40 * len(table) + 160),
        annotations=[{"text": html.escape(note), "xref": "paper", "yref": "paper", "x": 0,
                      "y": -0.15, "showarrow": False, "font": {"size": 11},
                      "xanchor": "left"}])
    return fig
