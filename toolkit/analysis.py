"""Analysis: a processed Doc plus tidy tables of what the engine found."""

from __future__ import annotations

import dataclasses
from functools import cached_property
from pathlib import Path
from typing import Any, Iterable

import pandas as pd
from spacy.tokens import Doc

from toolkit.article import Article, article_from_text, load_article, normalise_published
from toolkit.errors import ToolkitError, warn
from toolkit.nlp import ensure_pipeline
from toolkit.pipeline.extensions import LAYER_ATTRS
from toolkit.pipeline.structure import attach_article

ENTITY_COLUMNS = ["text", "label", "start", "end", "canonical"]
QUOTE_COLUMNS = ["kind", "content", "start", "end", "speaker", "speaker_text",
                 "speaker_start", "speaker_end", "cue"]
FIGURE_COLUMNS = ["text", "start", "end", "type", "value", "low", "high", "unit",
                  "qualifier", "measures", "source", "conversion_of", "consistent"]
TIMELINE_COLUMNS = ["text", "start", "end", "date", "resolved"]
LAYERS = ("entities", "quotes", "figures", "timeline")


@dataclasses.dataclass
class Analysis:
    """What the engine found in one article.

    ``text`` is the text every offset refers to (Python code points); ``doc`` is
    the processed spaCy ``Doc``; ``article`` carries headings, boilerplate and
    metadata. The tables are pandas DataFrames with the columns above.
    """

    doc: Doc
    article: Article

    @cached_property
    def text(self) -> str:
        # Doc.text is rebuilt from every token on each access: keep one copy.
        return self.doc.text

    @property
    def published(self) -> str | None:
        return self.doc._.published

    @property
    def metadata(self) -> dict:
        return self.article.metadata

    # -- tables ------------------------------------------------------------
    @cached_property
    def entities(self) -> pd.DataFrame:
        rows = []
        for span in self.doc.spans.get("entities", []):
            data = span._.tk_entity or {}
            rows.append({"text": span.text, "label": span.label_,
                         "start": span.start_char, "end": span.end_char,
                         "canonical": data.get("canonical") or span.text})
        return _frame(rows, ENTITY_COLUMNS)

    @cached_property
    def quotes(self) -> pd.DataFrame:
        rows = []
        for span in self.doc.spans.get("quotes", []):
            data = span._.tk_quote or {}
            rows.append({"kind": span.label_, "content": span.text,
                         "start": span.start_char, "end": span.end_char,
                         **{k: data.get(k) for k in QUOTE_COLUMNS[4:]}})
        return _frame(rows, QUOTE_COLUMNS)

    @cached_property
    def figures(self) -> pd.DataFrame:
        rows = []
        for span in self.doc.spans.get("figures", []):
            data = span._.tk_figure or {}
            row = {"text": span.text, "start": span.start_char, "end": span.end_char,
                   **{k: data.get(k) for k in FIGURE_COLUMNS[3:]}}
            row["type"] = row["type"] or span.label_
            rows.append(row)
        return _frame(rows, FIGURE_COLUMNS)

    @cached_property
    def timeline(self) -> pd.DataFrame:
        rows = []
        for span in self.doc.spans.get("dates", []):
            resolved = span._.date
            rows.append({"text": span.text, "start": span.start_char,
                         "end": span.end_char, "date": resolved,
                         "resolved": resolved is not None})
        return _frame(rows, TIMELINE_COLUMNS)

    def table(self, layer: str) -> pd.DataFrame:
        if layer not in LAYERS:
            raise ToolkitError("TK104", layer=layer, choices=", ".join(LAYERS))
        return getattr(self, layer)

    # -- plain data for views and exports --------------------------------------
    def highlights(self, layers: Iterable[str] = ("entities", "quotes", "figures")) -> list[dict]:
        """Every found span as plain data, sorted by position.

        Each item: ``{"id", "layer", "label", "start", "end", "text", "attrs"}``
        where ``id`` is stable for the same analysis (``"quotes:120-171"``),
        ``layer`` is one of entities/quotes/figures/timeline, and ``attrs`` is
        the layer's dict of facts (speaker, value, canonical, ...).
        """
        out = []
        for layer in layers:
            group = "dates" if layer == "timeline" else layer
            if layer not in LAYERS:
                raise ToolkitError("TK104", layer=layer, choices=", ".join(LAYERS))
            attr = LAYER_ATTRS[group]
            for span in self.doc.spans.get(group, []):
                attrs = dict(getattr(span._, attr) or {})
                if layer == "timeline":
                    attrs["date"] = span._.date
                out.append({"id": f"{layer}:{span.start_char}-{span.end_char}",
                            "layer": layer, "label": span.label_,
                            "start": span.start_char, "end": span.end_char,
                            "text": span.text, "attrs": _plain(attrs)})
        out.sort(key=lambda h: (h["start"], -h["end"], h["layer"]))
        return out

    def to_dict(self) -> dict:
        """All four tables and the article's metadata as JSON-ready data."""
        return {
            "text": self.text,
            "metadata": _plain(self.metadata),
            "headings": self.article.headings,
            "boilerplate": self.article.boilerplate,
            **{layer: _records(self.table(layer)) for layer in LAYERS},
        }


def _frame(rows: list[dict], columns: list[str]) -> pd.DataFrame:
    # object dtype keeps None as None (not NaN) and ints as ints; building it
    # directly is an order of magnitude faster than astype/where afterwards.
    return pd.DataFrame(rows, columns=columns, dtype=object)


def _plain(value: Any) -> Any:
    """JSON-ready copy of ``value`` (numpy scalars and NaN become plain values)."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if hasattr(value, "item") and callable(value.item):
        value = value.item()
    if isinstance(value, float) and value != value:
        return None
    return value


def _records(frame: pd.DataFrame) -> list[dict]:
    return [_plain(row) for row in frame.to_dict(orient="records")]


# -- entry points --------------------------------------------------------------

def _doc_for(article: Article, nlp, published: str | None) -> Doc:
    pipeline = ensure_pipeline(nlp)
    doc = pipeline.make_doc(article.text)
    doc._.published = published
    attach_article(doc, article)  # markup headings and title: one layout (issue 10)
    for _, proc in pipeline.pipeline:
        doc = proc(doc)
    return doc


def analyze(article, *, published=None, nlp=None) -> Analysis:
    """Analyse an :class:`Article` or a path to one.

    ``published`` (ISO date) overrides the article's metadata; relative dates
    ("Thursday", "last August") are resolved against it, and left unresolved
    (never guessed from today's clock) when there is none (warning TKW001).
    """
    if isinstance(article, (str, Path)) and not isinstance(article, Article):
        article = load_article(article, published=published)
    elif not isinstance(article, Article):
        raise ToolkitError("TK010", type_name=type(article).__name__)
    date = normalise_published(published) if published is not None else article.published
    analysis = Analysis(doc=_doc_for(article, nlp, date), article=article)
    if date is None and has_relative_dates(analysis.doc):
        warn("TKW001")
    return analysis


def has_relative_dates(doc: Doc) -> bool:
    """Whether ``doc`` holds dates that only a publication date can resolve."""
    return any((span._.tk_date or {}).get("kind") == "relative"
               for span in doc.spans.get("dates", []))


def analyze_text(text: str, *, published=None, nlp=None, metadata: dict | None = None) -> Analysis:
    """Analyse a string. An empty text gives an empty Analysis, not an error."""
    if not isinstance(text, str):
        raise ToolkitError("TK010", type_name=type(text).__name__)
    meta = dict(metadata or {})
    if published is not None:
        meta["published"] = published
    article = article_from_text(text, metadata=meta)
    return analyze(article, published=published, nlp=nlp)
