"""Who is quoted, who is mentioned, and when things happened."""

from __future__ import annotations

import datetime as dt
import re

import plotly.graph_objects as go

from toolkit.charts.base import (COLORS, blank, context, finish, require, safe, short,
                                 unique, wrap)

_ISO = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


def quotes_by_speaker(data_frame, *, title=None, template=None, source_note=None) -> go.Figure:
    """How many quotes each speaker has, direct and reported stacked."""
    ctx = context(data_frame, "quotes")
    frame = ctx.frame
    require(frame, ["kind", "content", "speaker"], "quotes_by_speaker")
    title = title or "Who is quoted, and how"
    fig = go.Figure()
    if not len(frame):
        return finish(fig, title=title, template=template, note=source_note, ctx=ctx,
                      empty="No quotes were found.")
    spoken = frame["speaker_text"] if "speaker_text" in frame else frame["speaker"]
    frame["who"] = [safe(s if not blank(s) else t if not blank(t) else "(unattributed)")
                    for s, t in zip(frame["speaker"], spoken)]
    counts = frame.groupby(["who", "kind"]).size().unstack(fill_value=0)
    order = counts.sum(axis=1).sort_values().index.tolist()
    kinds = ["direct", "reported"] + [k for k in counts.columns if k not in {"direct", "reported"}]
    for colour, kind in zip((COLORS[0], COLORS[1], COLORS[2]), kinds):
        if kind not in counts.columns:
            continue
        examples = [wrap(short(frame[(frame["who"] == w) & (frame["kind"] == kind)]["content"]
                               .iloc[0], 90)) if counts.loc[w, kind] else "" for w in order]
        fig.add_trace(go.Bar(y=order, x=[int(counts.loc[w, kind]) for w in order],
                             orientation="h", name=f"{safe(kind)} quotes", marker_color=colour,
                             customdata=examples,
                             hovertemplate=(f"<b>%{{y}}</b>: %{{x}} {safe(kind)}<br>"
                                            "e.g. “%{customdata}”<extra></extra>")))
    fig.update_layout(barmode="stack", legend_traceorder="normal",
                      xaxis=dict(title=dict(text="Number of quotes"), dtick=1),
                      yaxis=dict(title=dict(text="Speaker")),
                      legend=dict(orientation="h", y=1.02, yanchor="bottom", x=1, xanchor="right"),
                      height=max(320, 160 + 40 * len(order)))
    return finish(fig, title=title, template=template, note=source_note, ctx=ctx)


def entity_mentions(data_frame, *, top: int = 15, labels=None, title=None, template=None,
                    source_note=None) -> go.Figure:
    """The most mentioned people, places and organisations, one bar per entity.

    Mentions are grouped by ``entity_id`` when the table has it (else by the
    canonical name); the bar is named by the entity's canonical name."""
    ctx = context(data_frame, "entities")
    frame = ctx.frame
    require(frame, ["text", "label"], "entity_mentions")
    if labels:
        frame = frame[frame["label"].isin(list(labels))]
    title = title or "Who and what the article mentions"
    fig = go.Figure()
    if not len(frame):
        return finish(fig, title=title, template=template, note=source_note, ctx=ctx,
                      empty="No entities were found.")
    names = frame["canonical"] if "canonical" in frame else frame["text"]
    names = [c if not blank(c) else t for c, t in zip(names, frame["text"])]
    ids = frame["entity_id"] if "entity_id" in frame else [None] * len(frame)
    keys = [i if not blank(i) else f"name:{n}" for i, n in zip(ids, names)]
    frame = frame.assign(key=keys, name=names)
    counts = frame.groupby("key").agg(n=("text", "size"),
                                      name=("name", lambda s: s.value_counts().index[0]),
                                      label=("label", lambda s: s.value_counts().index[0]),
                                      forms=("text", lambda s: ", ".join(sorted(set(s)))))
    counts = counts.sort_values(["n", "name"], ascending=[False, True]).head(top).iloc[::-1]
    counts["shown"] = unique([safe(n) for n in counts["name"]])
    for i, label in enumerate(sorted(counts["label"].unique())):
        part = counts[counts["label"] == label]
        fig.add_trace(go.Bar(y=list(part["shown"]), x=list(part["n"]), orientation="h",
                             name=safe(label), marker_color=COLORS[i % len(COLORS)],
                             customdata=[wrap(f) for f in part["forms"]],
                             hovertemplate=("<b>%{y}</b>: %{x} mentions<br>as: %{customdata}"
                                            "<extra></extra>")))
    fig.update_layout(xaxis=dict(title=dict(text="Mentions"), dtick=1),
                      yaxis=dict(categoryorder="array", categoryarray=list(counts["shown"]),
                                 title=None),
                      legend=dict(title=dict(text="Type")),
                      height=max(320, 140 + 28 * len(counts)))
    return finish(fig, title=title, template=template, note=source_note, ctx=ctx)


def parse_period(value) -> tuple[dt.date, dt.date] | None:
    """An ISO date, month, year or "a/b" range as (first day, last day)."""
    if blank(value):
        return None
    text = str(value)
    if "/" in text:
        a, b = (parse_period(part) for part in text.split("/", 1))
        return (a[0], b[1]) if a and b else None
    m = _ISO.match(text.strip())
    if not m:
        return None
    year, month, day = int(m.group(1)), m.group(2), m.group(3)
    try:
        if day:
            d = dt.date(year, int(month), int(day))
            return d, d
        if month:
            first = dt.date(year, int(month), 1)
            nxt = dt.date(year + (first.month == 12), first.month % 12 + 1, 1)
            return first, nxt - dt.timedelta(days=1)
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    except ValueError:  # year 0, month 13, 31 February, after 9999: not a period
        return None


def timeline(data_frame, *, text=None, published=None, sentences=None, title=None,
             template=None, source_note=None) -> go.Figure:
    """The dates the article mentions, on a time axis.

    A day is a dot; a month, a year or a range ("mid-2024") is a bar across
    the period. The publication date is a dashed line. Unresolved dates are
    counted in the note.
    """
    ctx = context(data_frame, "timeline", text=text, published=published, sentences=sentences)
    frame = ctx.frame
    require(frame, ["text", "date"], "timeline")
    rows = []
    for r in frame.to_dict(orient="records"):
        period = parse_period(r.get("date"))
        if period is None:
            continue
        rows.append(dict(text=safe(r["text"]), start=period[0], end=period[1],
                         date=safe(r["date"]), sentence=ctx.sentence(r.get("start"), r.get("end"))))
    title = title or "When things happened, as the article dates them"
    unresolved = len(frame) - len(rows)
    extra = f"{unresolved} date expression(s) could not be resolved." if unresolved else None
    fig = go.Figure()
    if not rows:
        return finish(fig, title=title, template=template, note=source_note, ctx=ctx,
                      extra_note=extra, empty="No dated events were found.")
    rows.sort(key=lambda r: (r["start"], r["end"]))
    ys = [r["text"] for r in rows]
    spans = [(y, r) for y, r in zip(ys, rows) if r["end"] > r["start"]]
    if spans:
        xs, yy = [], []
        for y, r in spans:
            xs += [r["start"], r["end"] + dt.timedelta(days=1), None]
            yy += [y, y, None]
        fig.add_trace(go.Scatter(x=xs, y=yy, mode="lines", name="period (month, year, range)",
                                 line=dict(color=COLORS[4], width=10), hoverinfo="skip"))
    fig.add_trace(go.Scatter(
        x=[r["start"] for r in rows], y=ys, mode="markers", name="date as resolved",
        marker=dict(color=COLORS[0], size=11, symbol="diamond"),
        customdata=[[r["date"], wrap(r["sentence"])] for r in rows],
        hovertemplate="<b>%{y}</b> → %{customdata[0]}<br><i>%{customdata[1]}</i><extra></extra>"))
    published_period = parse_period(ctx.published) if ctx.published else None
    if published_period:
        day = published_period[0]
        fig.add_shape(type="line", x0=day, x1=day, xref="x", y0=0, y1=1, yref="paper",
                      line=dict(color=COLORS[5], dash="dash"))
        fig.add_annotation(x=day, y=1, xref="x", yref="paper", text="published", showarrow=False,
                           yanchor="bottom", font=dict(color=COLORS[5], size=12))
    order = list(dict.fromkeys(ys))
    fig.update_layout(xaxis=dict(title=dict(text="Date"), type="date"),
                      yaxis=dict(categoryorder="array", categoryarray=order[::-1],
                                 title=dict(text="As written")),
                      legend=dict(orientation="h", y=1.02, yanchor="bottom", x=0, xanchor="left"),
                      height=max(320, 160 + 32 * len(order)))
    return finish(fig, title=title, template=template, note=source_note, ctx=ctx,
                  extra_note=extra)
