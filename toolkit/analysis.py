"""Analysis: a processed Doc plus tidy tables of what the engine found."""

from __future__ import annotations

import bisect
import dataclasses
from functools import cached_property
from pathlib import Path
from typing import Any, Iterable, Sequence

import pandas as pd
from spacy.tokens import Doc

from toolkit.article import Article, article_from_text, load_article, normalise_published
from toolkit.errors import ToolkitError, warn
from toolkit.nlp import ensure_pipeline
from toolkit.pipeline.extensions import LAYER_ATTRS
from toolkit.pipeline.structure import attach_article
from toolkit.runner import make_doc, process_texts

ENTITY_COLUMNS = ["text", "label", "start", "end", "canonical", "entity_id", "mention",
                  "country", "geonameid", "sentence"]
QUOTE_COLUMNS = ["kind", "content", "start", "end", "speaker", "speaker_text",
                 "speaker_start", "speaker_end", "cue", "speaker_id", "sentence"]
FIGURE_COLUMNS = ["text", "start", "end", "type", "value", "low", "high", "unit",
                  "qualifier", "measures", "source", "conversion_of", "consistent",
                  "sentence", "verb_start"]
TIMELINE_COLUMNS = ["text", "start", "end", "date", "resolved", "sentence", "verb_start"]
SENTENCE_COLUMNS = ["start", "end", "paragraph"]
PARAGRAPH_COLUMNS = ["start", "end"]
HEADING_COLUMNS = ["text", "start", "end"]
PROBLEM_COLUMNS = ["component", "code", "message", "start"]
LAYERS = ("entities", "quotes", "figures", "timeline")
#: The facts copied from ``span._.tk_quote`` into the quotes table.
_QUOTE_FACTS = ("speaker", "speaker_text", "speaker_start", "speaker_end", "cue")
_FIGURE_FACTS = ("type", "value", "low", "high", "unit", "qualifier", "measures", "source",
                 "conversion_of", "consistent")
_ENTITY_FACTS = ("entity_id", "mention", "country", "geonameid")


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

    # -- structure ---------------------------------------------------------
    @cached_property
    def sentences(self) -> pd.DataFrame:
        """One row per sentence: ``start``, ``end`` and the ``paragraph`` it starts in
        (a row of :attr:`paragraphs`, or None for a heading or furniture line)."""
        bounds = _sentence_bounds(self.doc)
        para_starts = [p["start"] for p in self._paragraph_rows]
        rows = []
        for start, end in bounds:
            i = bisect.bisect_right(para_starts, start) - 1
            inside = i >= 0 and start < self._paragraph_rows[i]["end"]
            rows.append({"start": start, "end": end, "paragraph": i if inside else None})
        return _frame(rows, SENTENCE_COLUMNS)

    @cached_property
    def _paragraph_rows(self) -> list[dict]:
        return sorted(({"start": int(p["start"]), "end": int(p["end"])}
                       for p in self.article.paragraphs), key=lambda p: p["start"])

    @cached_property
    def paragraphs(self) -> pd.DataFrame:
        """Body paragraphs (not headings), as the article reader found them."""
        return _frame(self._paragraph_rows, PARAGRAPH_COLUMNS)

    @cached_property
    def headings(self) -> pd.DataFrame:
        """Heading lines, from the structure component (``doc.spans["headings"]``)."""
        rows = [{"text": s.text, "start": s.start_char, "end": s.end_char}
                for s in self.doc.spans.get("headings", [])]
        return _frame(rows, HEADING_COLUMNS)

    @cached_property
    def problems(self) -> pd.DataFrame:
        """Components that failed on this article (their layer is empty): one row each
        with the ``component``, the warning ``code``, its ``message`` and the character
        offset ``start`` it failed at (None when unknown)."""
        rows = [{k: p.get(k) for k in PROBLEM_COLUMNS} for p in self.doc._.tk_problems or []]
        return _frame(rows, PROBLEM_COLUMNS)

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [s for s, _ in _sentence_bounds(self.doc)]

    def sentence_of(self, offset) -> int | None:
        """Row of :attr:`sentences` holding character ``offset`` (None without sentences)."""
        if offset is None or not self._sentence_starts:
            return None
        return max(0, bisect.bisect_right(self._sentence_starts, int(offset)) - 1)

    def _verb_start(self, span) -> int | None:
        """Start of the verb ``span`` hangs from (None without a parse)."""
        if not self.doc.has_annotation("DEP"):
            return None
        token = span.root
        while token.pos_ not in {"VERB", "AUX"} and token.head.i != token.i:
            token = token.head
        return token.idx

    # -- tables ------------------------------------------------------------
    @cached_property
    def entities(self) -> pd.DataFrame:
        rows = []
        for span in self.doc.spans.get("entities", []):
            data = span._.tk_entity or {}
            rows.append({"text": span.text, "label": span.label_,
                         "start": span.start_char, "end": span.end_char,
                         "canonical": data.get("canonical") or span.text,
                         **{k: data.get(k) for k in _ENTITY_FACTS},
                         "sentence": self.sentence_of(span.start_char)})
        return _frame(rows, ENTITY_COLUMNS)

    @cached_property
    def quotes(self) -> pd.DataFrame:
        ids = {(s.start_char, s.end_char): (s._.tk_entity or {}).get("entity_id")
               for s in self.doc.spans.get("entities", [])}
        rows = []
        for span in self.doc.spans.get("quotes", []):
            data = span._.tk_quote or {}
            rows.append({"kind": span.label_, "content": span.text,
                         "start": span.start_char, "end": span.end_char,
                         **{k: data.get(k) for k in _QUOTE_FACTS},
                         "speaker_id": ids.get((data.get("speaker_start"),
                                                data.get("speaker_end"))),
                         "sentence": self.sentence_of(span.start_char)})
        return _frame(rows, QUOTE_COLUMNS)

    @cached_property
    def figures(self) -> pd.DataFrame:
        rows = []
        for span in self.doc.spans.get("figures", []):
            data = span._.tk_figure or {}
            row = {"text": span.text, "start": span.start_char, "end": span.end_char,
                   **{k: data.get(k) for k in _FIGURE_FACTS},
                   "sentence": self.sentence_of(span.start_char),
                   "verb_start": self._verb_start(span)}
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
                         "resolved": resolved is not None,
                         "sentence": self.sentence_of(span.start_char),
                         "verb_start": self._verb_start(span)})
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
        for layer in checked_layers(layers):
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
        """The four layer tables, headings, problems and metadata as JSON-ready data."""
        return {
            "text": self.text,
            "metadata": _plain(self.metadata),
            "headings": _records(self.headings),
            "boilerplate": self.article.boilerplate,
            **{layer: _records(self.table(layer)) for layer in LAYERS},
            "problems": _records(self.problems),
        }


def checked_layers(layers, choices=LAYERS) -> tuple:
    """``layers`` as a tuple of layer names, or TK104 (a string, a number, an
    unknown name)."""
    if isinstance(layers, str) or not isinstance(layers, Iterable):
        raise ToolkitError("TK104", layer=repr(layers)[:60], choices=", ".join(choices))
    layers = tuple(layers)
    for layer in layers:
        if layer not in choices:
            raise ToolkitError("TK104", layer=repr(layer)[:60], choices=", ".join(choices))
    return layers


def _sentence_bounds(doc: Doc) -> list[tuple[int, int]]:
    if not doc.has_annotation("SENT_START") and not doc.has_annotation("DEP"):
        return []
    return [(s.start_char, s.end_char) for s in doc.sents]


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
# Every entry point goes through run_pipeline(); analyze_many and the corpus mode too.

def _new_doc(nlp, text: str, published: str | None, article: Article) -> Doc:
    """The unprocessed Doc of ``text`` (the article or a piece of it). Everything the
    components need to know about the article (its publication date; hints from its
    markup) is set here, before the first component runs."""
    doc = make_doc(nlp, text)  # linear time, also for a long run without spaces
    doc._.published = published
    attach_article(doc, article)  # markup headings and title: one layout (issue 10)
    return doc


def run_pipeline(articles: Sequence[Article], published: Sequence[str | None] | None = None,
                 nlp=None, *, batch_size: int = 1, n_process: int = 1,
                 on_done=None) -> list[Analysis | Exception]:
    """The one run path: ``articles`` (with one ISO date or None each) → Analyses.

    Each article's ``Doc`` gets its publication date (``published[i]``, else the
    article's own metadata) *before* the first component, goes through
    ``nlp.pipe`` (``batch_size`` Docs per batch, ``n_process`` workers), and is
    then resolved against that date (see :mod:`toolkit.runner`). A component
    that fails leaves its layer empty, warns TKW410 and is listed in
    ``analysis.problems``; a text over ``nlp.max_length`` is analysed in pieces
    (TKW411). Returns one item per article, in order: its :class:`Analysis`,
    or the exception that lost it (the caller reports it). Warns TKW001 once
    when an article has relative dates and no publication date.
    """
    pipeline = ensure_pipeline(nlp)
    articles = list(articles)
    given = [None] * len(articles) if published is None else list(published)
    if len(given) != len(articles):
        raise ToolkitError("TK411", articles=len(articles), dates=len(given))
    dates = [normalise_published(d) if d is not None else a.published
             for a, d in zip(articles, given)]
    docs = process_texts(pipeline, [a.text for a in articles],
                         lambda i, text: _new_doc(pipeline, text, dates[i], articles[i]),
                         batch_size=batch_size, n_process=n_process, on_done=on_done)
    out: list[Analysis | Exception] = []
    missing_date = False
    for article, date, doc in zip(articles, dates, docs):
        if isinstance(doc, Exception):
            out.append(doc)
            continue
        for problem in doc._.tk_problems or []:
            warn("TKW410", component=problem["component"],
                 start=problem["start"] if problem["start"] is not None else "?",
                 why=problem["why"])
        missing_date = missing_date or (date is None and has_relative_dates(doc))
        out.append(Analysis(doc=doc, article=article))
    if missing_date:
        warn("TKW001")
    return out


def analyze(article, *, published=None, nlp=None) -> Analysis:
    """Analyse an :class:`Article` or a path to one.

    ``published`` (ISO date) overrides the article's metadata; relative dates
    ("Thursday", "last August") are resolved against it, and left unresolved
    (never guessed from today's clock) when there is none (warning TKW001).
    A component that fails leaves its layer empty and is listed in
    ``analysis.problems`` (warning TKW410).
    """
    if isinstance(article, (str, Path)) and not isinstance(article, Article):
        article = load_article(article, published=published)
    elif not isinstance(article, Article):
        raise ToolkitError("TK010", type_name=type(article).__name__)
    (result,) = run_pipeline([article], [published], nlp)
    if isinstance(result, ToolkitError):
        raise result
    if isinstance(result, Exception):
        raise ToolkitError("TK412", why=f"{type(result).__name__}: {result}") from result
    return result


def has_relative_dates(doc: Doc) -> bool:
    """Whether ``doc`` holds dates that only a publication date can resolve."""
    return any((span._.tk_date or {}).get("kind") == "relative"
               for span in doc.spans.get("dates", []))


def analyze_text(text: str, *, published=None, nlp=None, metadata: dict | None = None) -> Analysis:
    """Analyse a string. An empty text gives an empty Analysis, not an error."""
    if not isinstance(text, str):
        raise ToolkitError("TK010", type_name=type(text).__name__)
    if metadata is not None and not isinstance(metadata, dict):
        raise ToolkitError("TK761", why=f"it is {type(metadata).__name__}, not a dict")
    meta = dict(metadata) if metadata else {}
    if published is not None:
        meta["published"] = published
    article = article_from_text(text, metadata=meta)
    return analyze(article, published=published, nlp=nlp)
