"""Unit conversions stated in the article, against the same conversion computed (pint)."""

from __future__ import annotations

import re

import plotly.graph_objects as go

from toolkit import units
from toolkit.charts.base import (COLORS, Context, blank, context, figure_amount, finish, fmt,
                                 num, require, safe, unique, wrap)


def convert(value, from_unit, to_unit) -> float | None:
    """``value`` converted between units (as written or canonical) through pint
    (:mod:`toolkit.units`); None when that makes no sense."""
    number = num(value)
    if number is None or not from_unit or not to_unit:
        return None
    symbols = [units.normalise_unit(str(u)) or str(u) for u in (from_unit, to_unit)]
    if not units.convertible(*symbols):
        return None
    return float(units.convert(number, *symbols))


def _conversion_pairs(ctx: Context) -> list[tuple[dict, dict]]:
    """(original, converted) figure rows: linked by the engine's ``conversion_of``,
    else a figure in parentheses right after another of a different unit."""
    rows = ctx.frame.to_dict(orient="records")
    pairs = []
    for row in rows:
        original_text = row.get("conversion_of")
        original = None
        if not blank(original_text):
            original = next((r for r in rows if r.get("text") == original_text), None)
            if original is None:
                original = next((r for r in rows if str(original_text) in str(r.get("text"))
                                 or str(r.get("text")) in str(original_text)), None)
        elif ctx.text and not blank(row.get("start")):
            for other in rows:
                if other is row or blank(other.get("end")):
                    continue
                gap = ctx.text[int(other["end"]):int(row["start"])]
                if re.fullmatch(r"\s*\(\s*", gap) and other.get("unit") != row.get("unit"):
                    original = other
        if original is not None and original is not row:
            pairs.append((original, row))
    return pairs


def conversions(data_frame, *, text=None, sentences=None, tolerance: float = 0.03, title=None,
                template=None, source_note=None) -> go.Figure:
    """Unit conversions stated in the article against the same conversion computed.

    For every figure that converts another ("200 square kilometers (77 square
    miles)"), the difference between the value as stated and the original
    converted exactly; beyond ``tolerance`` (3%) it is flagged.
    """
    ctx = context(data_frame, "figures", text=text, sentences=sentences)
    require(ctx.frame, ["text", "value", "unit"], "conversions")
    rows = []
    for original, converted in _conversion_pairs(ctx):
        stated = figure_amount(converted)
        computed = convert(figure_amount(original), original.get("unit"), converted.get("unit"))
        if stated is None or computed is None or computed == 0:
            continue
        diff = (stated - computed) / computed
        rows.append(dict(pair=f"{safe(original['text'])} →<br>{safe(converted['text'])}",
                         stated=stated, computed=computed, diff=diff,
                         unit=converted.get("unit"), ok=abs(diff) <= tolerance,
                         sentence=ctx.sentence(converted.get("start"), converted.get("end"))))
    title = title or "Unit conversions: stated in the article vs computed"
    fig = go.Figure()
    if not rows:
        return finish(fig, title=title, template=template, note=source_note, ctx=ctx,
                      empty="No stated unit conversion was found.")
    pairs = unique([r["pair"] for r in rows])
    flag = {True: "", False: " ⚠"}
    limit = max(tolerance * 200, max(abs(r["diff"]) for r in rows) * 130)
    fig.add_shape(type="rect", x0=-tolerance * 100, x1=tolerance * 100, xref="x", y0=0, y1=1,
                  yref="paper", fillcolor="#e8f4ec", line=dict(width=0), layer="below")
    fig.add_vline(x=0, line=dict(color="#555555", width=1))
    fig.add_trace(go.Scatter(
        y=pairs, x=[r["diff"] * 100 for r in rows], mode="markers+text", name="stated vs exact",
        marker=dict(size=14, color=[COLORS[2] if r["ok"] else COLORS[5] for r in rows],
                    symbol=["circle" if r["ok"] else "x" for r in rows],
                    line=dict(color="white", width=1)),
        text=[f"stated {fmt(r['stated'], r['unit'])} · exact {fmt(r['computed'], r['unit'])}"
              f" ({r['diff']:+.1%}){flag[r['ok']]}" for r in rows],
        textposition="top center", cliponaxis=False,
        customdata=[[r["stated"], r["computed"], safe(r["unit"]), wrap(r["sentence"]),
                     f"{r['diff']:+.1%}"] for r in rows],
        hovertemplate=("<b>%{y}</b><br>stated: %{customdata[0]:,.2f} %{customdata[2]}<br>"
                       "exact: %{customdata[1]:,.2f} %{customdata[2]}<br>difference: "
                       "%{customdata[4]}<br><i>%{customdata[3]}</i><extra></extra>")))
    fig.update_layout(xaxis=dict(title=dict(text="Stated minus exact conversion (% of exact)"),
                                 range=[-limit, limit], ticksuffix="%", zeroline=False),
                      yaxis=dict(title=None, autorange="reversed"), showlegend=False,
                      height=max(320, 180 + 70 * len(rows)))
    return finish(fig, title=title, template=template, note=source_note, ctx=ctx,
                  extra_note=(f"Green band: within {tolerance:.0%} of the exact conversion "
                              "(rounding); ⚠ marks a stated value further off."))
