"""One look for every output: colours per entity type and layer, label words.

The view (``widgets/view.css`` / ``view.js`` receive these colours from
``view.py``), the static HTML (``widgets/static.py``) and the charts read the
same values from here, so PERSON is the same blue everywhere. Nothing here
imports the NLP core, the view or the charts: charts may import this module.

Colours are Okabe & Ito's colour-blind-safe palette, darkened where text must
stay readable; every label is also written as text, so nothing depends on
telling colours apart (and a black-and-white print keeps every label).
"""

from __future__ import annotations

import zlib

#: What each layer is called in legends, tags and the detail panel.
LAYER_NAMES = {"entities": "entity", "quotes": "quote", "figures": "figure",
               "timeline": "date"}

OKABE_ITO = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#8A6D00", "#56B4E9",
             "#E69F00", "#555555"]

#: One colour per entity type, in the view, the static HTML and the charts.
ENTITY_COLOURS = {"PERSON": "#0072B2", "ORG": "#D55E00", "GPE": "#009E73",
                  "LOC": "#8A6D00", "NORP": "#CC79A7", "FAC": "#8A6D00",
                  "EVENT": "#555555", "ROLE": "#0072B2"}

QUOTE_COLOUR = "#B07800"                 # text of quote tags
QUOTE_TINT = "#e69f002b"       # the quote's background
FIGURE_COLOUR = "#0067A3"
FIGURE_MARK = "#56b4e96b"     # figures: a half-height marker stroke
DATE_COLOUR = "#555555"
DATE_MARK = "#009e7340"        # dates: the same stroke in green
SPEAKER_BG = "#5b4000"

#: Colours by layer for charts that plot layers side by side.
LAYER_COLOURS = {"entities": "#0072B2", "quotes": "#E69F00", "figures": "#56B4E9",
                 "timeline": "#009E73"}

#: A figure type's colour in charts (money, counts, ...): stable per name.
FIGURE_TYPE_COLOURS = {"MONEY": "#009E73", "CASUALTY": "#D55E00", "COUNT": "#0072B2",
                       "PERCENT": "#CC79A7", "QUANTITY": "#8A6D00"}

STATUS_TEXT = {"verified": "✓ verified", "disputed": "⚠ disputed",
               "needs source": "? needs source"}


def label_colour(label: str, layer: str = "entities") -> str:
    """A stable colour for ``label`` in ``layer`` (underlines, tag text, chart marks)."""
    if layer == "quotes":
        return QUOTE_COLOUR
    if layer == "figures":
        return FIGURE_COLOUR
    if layer == "timeline":
        return DATE_COLOUR
    label = str(label)
    if label in ENTITY_COLOURS:
        return ENTITY_COLOURS[label]
    return OKABE_ITO[zlib.crc32(label.encode("utf-8")) % len(OKABE_ITO)]


def palette() -> dict:
    """Everything above as one JSON-ready dict (what the view's front end gets)."""
    return {"entities": dict(ENTITY_COLOURS), "quote": QUOTE_COLOUR, "quote_tint": QUOTE_TINT,
            "figure": FIGURE_COLOUR, "figure_mark": FIGURE_MARK, "date": DATE_COLOUR,
            "date_mark": DATE_MARK, "layers": dict(LAYER_COLOURS)}
