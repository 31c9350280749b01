"""Areas: stated areas in km² (through pint) and territory held over time."""

from __future__ import annotations

import re

import pandas as pd
import plotly.graph_objects as go

from toolkit import units
from toolkit.charts.base import (COLORS, Context, blank, bound_label, context, describe,
                                 figure_amount, finish, num, require, safe, unique, wrap)
from toolkit.errors import ToolkitError

KM2_PER_MI2 = units.convert(1.0, "mi²", "km²")
_SINCE = re.compile(r"\b(?:since|from|starting)\s+(?:the\s+)?$", re.IGNORECASE)


def to_km2(value, unit) -> float | None:
    """``value`` in ``unit`` (as the engine or a person writes it) as km², through
    pint (:mod:`toolkit.units`); None when the unit is not an area."""
    number = num(value)
    symbol = units.normalise_unit(str(unit or "")) if unit else None
    if number is None or units.unit_type(symbol) != "area" \
            or not units.convertible(symbol, "km²"):
        return None
    return units.convert(number, symbol, "km²")


def area_figures(data_frame, *, text=None, published=None, dates=None, sentences=None,
                 include_conversions: bool = False) -> pd.DataFrame:
    """The area figures as a tidy table with ``km2``, ``mi2``, ``sentence``, ``when``.

    Conversions stated in parentheses (``conversion_of`` set) are left out
    unless ``include_conversions``; ``when`` is the date written in the same
    sentence (from the timeline), ``"peak"`` for a figure qualified as the
    peak, else the publication date. Rows are ordered by that.
    """
    ctx = context(data_frame, "figures", text=text, published=published, dates=dates,
                  sentences=sentences)
    frame = ctx.frame
    require(frame, ["text", "type", "value", "unit"], "area_figures")
    rows = []
    for row in frame.to_dict(orient="records"):
        km2 = to_km2(figure_amount(row), row.get("unit"))
        if km2 is None or (str(row.get("type") or "area") not in {"area", "AREA"}
                           and row.get("type") is not None):
            continue
        if not include_conversions and not blank(row.get("conversion_of")):
            continue
        when, when_label = _when(ctx, row)
        rows.append({**row, "km2": km2, "mi2": km2 / KM2_PER_MI2,
                     "sentence_text": ctx.sentence(row.get("start"), row.get("end")),
                     "when": when, "when_label": when_label})
    columns = list(frame.columns) + [c for c in ("km2", "mi2", "sentence_text", "when",
                                                 "when_label") if c not in frame.columns]
    out = pd.DataFrame(rows, columns=columns)
    if len(out):
        qualifiers = out["qualifier"] if "qualifier" in out else [None] * len(out)
        out["_peak"] = [0 if (q == "peak" and w is None) else 1
                        for q, w in zip(qualifiers, out["when"])]
        out["_key"] = [w or (ctx.published or "9999") for w in out["when"]]
        out["_start"] = pd.to_numeric(out.get("start"), errors="coerce").fillna(0)
        out = out.sort_values(["_peak", "_key", "_start"]).drop(columns=["_peak", "_key", "_start"])
        out = out.reset_index(drop=True)
    return out


def _when(ctx: Context, row: dict) -> tuple[str | None, str]:
    """(ISO date or None, label) for a figure, from a date in its sentence.

    Among the resolved dates in the figure's sentence, one hanging from the
    same verb (the tables' ``verb_start``) wins ("covered 64,000 hectares at
    its peak on Sunday", not "started on August 9"), else the nearest. A date
    after "since" starts an accumulation: the figure is then as of publication.
    """
    published = f"As of {ctx.published}" if ctx.published else "Latest"
    bounds = ctx.sentence_bounds(row.get("start"), row.get("end"))
    if ctx.dates is not None and len(ctx.dates) and bounds is not None and ctx.text:
        s0, e0 = bounds
        verb = row.get("verb_start")
        near = []
        for d in ctx.dates.to_dict(orient="records"):
            if blank(d.get("date")) or blank(d.get("start")) or not s0 <= int(d["start"]) < e0:
                continue
            same_verb = not blank(verb) and d.get("verb_start") == verb
            near.append((not same_verb, abs(int(d["start"]) - int(row["start"])), d))
        if near:
            _, _, date = min(near, key=lambda item: item[:2])
            if _SINCE.search(ctx.text[max(0, int(date["start"]) - 16):int(date["start"])]):
                return None, f"{published} (since {date['text']})"
            return str(date["date"]), f"{date['text']} ({date['date']})"
    if str(row.get("qualifier") or "") == "peak":
        return None, "At the peak"
    return None, published


def territory_over_time(data_frame, *, measures: str | None = None, unit: str = "km²",
                        text=None, published=None, dates=None, sentences=None, title=None,
                        template=None, source_note=None) -> go.Figure:
    """Territory held over time, one bar per stated area, ordered in time.

    A "less than" figure is drawn as an upper bound (an open, hatched bar
    labelled "< 200 km²"), "more than" as a lower bound; hover shows the
    claim's source and sentence. Buttons switch between km² and mi².
    ``measures`` keeps only figures whose ``measures`` contains that text.
    """
    if unit not in {"km²", "mi²"}:
        raise ToolkitError("TK303", unit=unit)
    ctx = context(data_frame, "figures", text=text, published=published, dates=dates,
                  sentences=sentences)
    areas = area_figures(ctx)
    if measures and len(areas):
        keep = areas["measures"].fillna("").str.contains(measures, case=False, regex=False)
        areas = areas[keep].reset_index(drop=True)
    title = title or "Territory over time, as stated in the article"
    fig = go.Figure()
    if not len(areas):
        return finish(fig, title=title, template=template, note=source_note, ctx=ctx,
                      empty="No area figures (km², mi², hectares…) were found.")
    x = unique([safe(label) for label in areas["when_label"]])
    qualifiers = [str(q or "exact") for q in areas["qualifier"]]
    patterns = ["/" if q == "less-than" else "\\" if q == "more-than" else "" for q in qualifiers]
    colours = [COLORS[5] if q in {"less-than", "more-than"} else COLORS[0] for q in qualifiers]
    custom = [[safe(row["text"]), wrap(row.get("measures") or "—"),
               safe(row.get("source") or "not named"), wrap(row["sentence_text"]), describe(q)]
              for row, q in zip(areas.to_dict(orient="records"), qualifiers)]

    def values(u):
        column = "km2" if u == "km²" else "mi2"
        ys = list(areas[column])
        labels = [bound_label(q, y, u) for q, y in zip(qualifiers, ys)]
        hover = ("<b>%{x}</b><br>%{text}<br>as written: “%{customdata[0]}” (%{customdata[4]})"
                 "<br>measures: %{customdata[1]}<br>source: %{customdata[2]}"
                 "<br><i>%{customdata[3]}</i><extra></extra>")
        return ys, labels, hover

    ys, labels, hover = values(unit)
    fig.add_trace(go.Bar(
        x=x, y=ys, text=labels, textposition="outside", customdata=custom,
        hovertemplate=hover, name="area",
        marker=dict(color=colours, line=dict(color=colours, width=2),
                    pattern=dict(shape=patterns, fillmode="replace", solidity=0.35, size=9)),
    ))
    buttons = []
    for u in ("km²", "mi²"):
        uy, ulabels, uhover = values(u)
        buttons.append(dict(label=u, method="update",
                            args=[{"y": [uy], "text": [ulabels], "hovertemplate": [uhover]},
                                  {"yaxis.title.text": f"Area ({u})"}]))
    fig.update_layout(
        updatemenus=[dict(type="buttons", direction="right", buttons=buttons,
                          active=0 if unit == "km²" else 1, x=1.0, xanchor="right",
                          y=1.12, yanchor="bottom", showactive=True)],
        yaxis=dict(title=dict(text=f"Area ({unit})"), rangemode="tozero"),
        xaxis=dict(title=dict(text="When")), showlegend=False, bargap=0.45,
    )
    fig.update_yaxes(range=[0, max(ys) * 1.2])
    bounds = [q for q in qualifiers if q in {"less-than", "more-than"}]
    extra = ("Hatched, open bars are bounds (“less than” / “more than”), not exact "
             "values.") if bounds else None
    return finish(fig, title=title, template=template, note=source_note, ctx=ctx,
                  extra_note=extra)
