"""What every chart shares: the template, reading the input, labels, the source note.

Charts read only :class:`toolkit.Analysis` tables (or DataFrames with the same
columns); they never walk the spaCy ``Doc``. Every string that comes from the
article or its metadata is escaped before it reaches a title, a label, a note
or hover text: plotly renders a little HTML (links included), and an outlet
name or a sentence must never become markup.
"""

from __future__ import annotations

import bisect
import dataclasses
import html
import math

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from toolkit.errors import ToolkitError

#: Okabe & Ito's colour-blind-safe palette.
COLORS = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442",
          "#000000"]
TEMPLATE = "toolkit"
_BOUND_SYMBOL = {"less-than": "<", "more-than": ">", "approximate": "≈"}
_CDN_RENDERERS = {"cdn", "colab", "kaggle", "azure"}


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
    if "connected" in renderer or renderer in _CDN_RENDERERS:
        raise ToolkitError("TK301", renderer=renderer)
    pio.renderers.default = renderer
    return renderer


_register_template()
if any(part.endswith("connected") or part in _CDN_RENDERERS
       for part in str(pio.renderers.default).split("+")):
    pio.renderers.default = "plotly_mimetype"


# -- reading the input -------------------------------------------------------------

@dataclasses.dataclass
class Context:
    """A table plus the Analysis tables a chart may need around it."""

    frame: pd.DataFrame
    text: str | None = None
    published: str | None = None
    entities: pd.DataFrame | None = None
    dates: pd.DataFrame | None = None
    outlet: str | None = None
    sentences: list[tuple[int, int]] | None = None

    def sentence_bounds(self, start, end) -> tuple[int, int] | None:
        """Offsets of the sentence holding ``start`` (extended to ``end``), or None."""
        if not self.sentences or blank(start):
            return None
        start, end = int(start), int(end if not blank(end) else start)
        starts = [s for s, _ in self.sentences]
        i = max(0, bisect.bisect_right(starts, start) - 1)
        s0, e0 = self.sentences[i]
        return s0, max(e0, end)

    def sentence(self, start, end) -> str:
        """The sentence around a span ("" when the sentences are not known)."""
        bounds = self.sentence_bounds(start, end)
        if bounds is None or not self.text:
            return ""
        return self.text[bounds[0]:bounds[1]].strip()


def context(data, layer: str, *, text=None, published=None, entities=None, dates=None,
            sentences=None, outlet=None) -> Context:
    """A :class:`Context` from an Analysis (all its tables) or one table (+ keywords).

    ``sentences`` (with a table): the Analysis ``sentences`` table, for the
    sentence shown on hover; without it no sentence is shown."""
    if isinstance(data, Context):
        return data
    if hasattr(data, "table") and hasattr(data, "sentences"):  # an Analysis
        meta = getattr(data, "metadata", {}) or {}
        return Context(frame=data.table(layer).copy(), text=data.text,
                       published=published or data.published, entities=data.entities,
                       dates=data.timeline, outlet=outlet or meta.get("outlet"),
                       sentences=_bounds(data.sentences))
    if isinstance(data, pd.DataFrame):
        return Context(frame=data.copy(), text=text, published=published,
                       entities=entities, dates=dates, outlet=outlet,
                       sentences=_bounds(sentences))
    raise ToolkitError("TK300", type_name=type(data).__name__, layer=layer)


def _bounds(sentences) -> list[tuple[int, int]] | None:
    if sentences is None or not len(sentences):
        return None
    return sorted((int(s), int(e)) for s, e in zip(sentences["start"], sentences["end"]))


def require(frame: pd.DataFrame, columns: list[str], fn: str) -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ToolkitError("TK302", fn=fn, missing=", ".join(missing),
                           columns=", ".join(map(str, frame.columns)) or "(none)")


# -- values and labels ---------------------------------------------------------------

def num(value) -> float | None:
    if value is None:
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(number) else number


def blank(value) -> bool:
    """None, NaN or the empty string: a table cell with nothing in it."""
    return value is None or (isinstance(value, float) and math.isnan(value)) or value == ""


def figure_amount(row) -> float | None:
    """The number a bar should show: the value, else the bound that was stated."""
    for key in ("value", "high", "low"):
        number = num(row.get(key))
        if number is not None:
            return number
    return None


def fmt(number: float | None, unit: str = "") -> str:
    if number is None:
        return "?"
    if abs(number) >= 100:
        text = f"{number:,.0f}"
    elif abs(number) >= 10:
        text = f"{number:,.1f}".rstrip("0").rstrip(".")
    else:
        text = f"{number:,.2f}".rstrip("0").rstrip(".")
    return f"{text}%" if unit == "%" else f"{text} {safe(unit)}".strip()


def bound_label(qualifier, number, unit) -> str:
    symbol = _BOUND_SYMBOL.get(str(qualifier or ""))
    return f"{symbol} {fmt(number, unit)}" if symbol else fmt(number, unit)


def safe(text) -> str:
    """Text from the article or its metadata, escaped for plotly's HTML-ish labels."""
    return html.escape(str(text if text is not None else ""), quote=False)


def wrap(text: str, width: int = 70) -> str:
    """Escaped ``text`` broken into lines of about ``width`` characters."""
    words, lines, line = safe(text).split(), [], ""
    for word in words:
        if line and len(line) + len(word) + 1 > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    if line:
        lines.append(line)
    return "<br>".join(lines)


def short(text: str, width: int = 48) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= width else text[:width - 1].rstrip() + "…"


def unique(labels: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for label in labels:
        seen[label] = seen.get(label, 0) + 1
        out.append(label if seen[label] == 1 else f"{label} ({seen[label]})")
    return out


def describe(qualifier: str) -> str:
    return {"less-than": "an upper bound: the real value is lower",
            "more-than": "a lower bound: the real value is higher",
            "approximate": "approximate", "range": "a range", "vague": "vague",
            "peak": "the peak value"}.get(qualifier, "stated as exact")


# -- finishing a figure -------------------------------------------------------------

def finish(fig: go.Figure, *, title: str, template, note: str | None, ctx: Context,
           extra_note: str | None = None, empty: str | None = None) -> go.Figure:
    """Title, source note and empty-state message; every caller string escaped.

    ``title`` and ``note`` may come from the user or the article: escaped here.
    ``extra_note`` and ``empty`` are the charts' own fixed texts."""
    parts = [safe(note) if note is not None else default_note(ctx)]
    if extra_note:
        parts.append(extra_note)
    note_text = "<br>".join(p for p in parts if p)
    fig.update_layout(template=template or TEMPLATE, title=dict(text=safe(title)))
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


def default_note(ctx: Context) -> str:
    where = f"Source: {safe(ctx.outlet)}" if ctx.outlet else "Source: the article"
    when = f" ({safe(ctx.published)})" if ctx.published else ""
    return f"{where}{when}; figures extracted by toolkit — check each claim in the text."
