"""Money and count figures as a chart.

Reads only the Analysis ``figures`` table: one horizontal bar per money or
count figure, grouped by what it measures, labelled with the words as
written. Colours come from :mod:`toolkit.style`; every string from the text
is escaped before it reaches plotly's HTML labels.
"""

from __future__ import annotations

import html

from toolkit.style import FIGURE_TYPE_COLOURS

#: Figure types this chart draws, with the axis title for each.
KINDS = {"money": "Amount", "count": "Count"}


def money_and_counts(analysis, kinds=("money", "count")):
    """A plotly figure of the article's money and count figures, or None when
    it has none (the report then says so in one line)."""
    import plotly.graph_objects as go
    from plotly.subplots import make_subplots

    table = analysis.table("figures") if hasattr(analysis, "table") else analysis
    rows = [r for r in table.to_dict(orient="records")
            if str(r.get("type")) in kinds and isinstance(r.get("value"), (int, float))
            and not isinstance(r.get("value"), bool)]
    if not rows:
        return None
    present = [k for k in kinds if any(r["type"] == k for r in rows)]
    fig = make_subplots(rows=len(present), cols=1, vertical_spacing=0.12,
                        subplot_titles=[f"{KINDS.get(k, k)} figures" for k in present])
    for i, kind in enumerate(present, 1):
        mine = sorted((r for r in rows if r["type"] == kind), key=lambda r: r["start"])
        names = [html.escape(f"{r['text']} ({r['measures']})" if r.get("measures")
                             else str(r["text"])) for r in mine]
        units = sorted({str(r.get("unit")) for r in mine if r.get("unit")})
        fig.add_bar(x=[r["value"] for r in mine], y=names, orientation="h",
                    marker_color=FIGURE_TYPE_COLOURS.get(kind.upper(), "#0072B2"),
                    name=html.escape(kind), row=i, col=1,
                    hovertemplate="%{y}: %{x:,}<extra></extra>")
        fig.update_xaxes(title_text=html.escape(", ".join(units)) if units else None,
                         row=i, col=1)
    fig.update_layout(showlegend=False, height=max(260, 28 * len(rows) + 120 * len(present)),
                      margin={"l": 10, "r": 10, "t": 40, "b": 30}, template="plotly_white")
    fig.update_yaxes(autorange="reversed", automargin=True)
    return fig
