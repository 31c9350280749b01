"""Charts of what the engine found, in the plotly express style.

Every function takes tidy data (a table of :class:`toolkit.Analysis`, any
DataFrame with the same columns, or the ``Analysis`` itself) and returns a
``plotly.graph_objects.Figure``. Nothing is shown: display the figure in a
notebook, or pass it to :func:`toolkit.write_report`. Charts read only the
``Analysis`` tables, never the spaCy ``Doc``.

Modules, by topic: :mod:`.base` (template, input, labels, source note),
:mod:`.areas` (areas in km², territory over time), :mod:`.countries` (shares of
a country, every area on one scale), :mod:`.conversions` (stated vs computed
unit conversions), :mod:`.layers` (quotes, entities, timeline), :mod:`.corpus` (claims over time and
quotes by outlet across a corpus), :mod:`.money` (money and count figures).

Common parameters
-----------------
data_frame
    The layer's table (``analysis.figures``, ``analysis.quotes``, ...) or the
    ``Analysis``. Passing the ``Analysis`` also gives the charts its text,
    sentences (for the sentence shown on hover), entities (the country a share
    is about), timeline (a date next to a figure), publication date and outlet
    (for the source note).
text, published, entities, dates, sentences
    The same, when ``data_frame`` is a table (``sentences`` is
    ``analysis.sentences``; without it no sentence is shown on hover).
title
    The chart title; each function has a readable default.
template
    A plotly template name or object; default ``"toolkit"``, a white,
    colour-blind-safe template (Okabe-Ito colours) registered on import.
source_note
    The line printed under the chart; default names the article's outlet (when
    known) and says that the figures were extracted by toolkit.

Every string from the article, its metadata or the caller is escaped before
it reaches a title, label, note or hover text.

Units: areas are normalised to km² (and offered in mi²) through pint
(:mod:`toolkit.units`); any unit it understands can be compared in
:func:`conversions`.
"""

from __future__ import annotations

import plotly.graph_objects as go

from toolkit.charts.areas import KM2_PER_MI2, area_figures, territory_over_time, to_km2
from toolkit.charts.base import COLORS, TEMPLATE, setup_notebook
from toolkit.charts.conversions import conversions, convert
from toolkit.charts.corpus import claims_over_time, quotes_by_outlet
from toolkit.charts.money import money_and_counts
from toolkit.charts.countries import area_scale, country_area_km2, country_shares, territory_share
from toolkit.charts.layers import entity_mentions, parse_period, quotes_by_speaker, timeline

__all__ = [
    "TEMPLATE", "COLORS", "KM2_PER_MI2", "setup_notebook", "territory_over_time",
    "territory_share", "area_scale", "conversions", "quotes_by_speaker", "entity_mentions",
    "timeline", "all_charts", "area_figures", "country_shares", "country_area_km2", "to_km2",
    "convert", "parse_period", "claims_over_time", "quotes_by_outlet",
    "money_and_counts",
]


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
