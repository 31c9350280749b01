"""``open_corpus``: the tables of an analysed corpus, read lazily.

Nothing is read when a :class:`Corpus` is opened. Each table is read from its
Parquet parts on first use (pyarrow dataset; filters are pushed down to the
files), and ``corpus.filter(outlet=..., since=..., until=...)`` gives a
narrower corpus that reads only the rows it needs — so a corpus bigger than
memory can be cut down before anything is loaded. ``corpus.dataset(name)``
(pyarrow) and ``corpus.to_dask(name)`` (Dask DataFrame) give the raw parts for
work that must stay out of core.
"""

from __future__ import annotations

import os
from functools import cached_property
from pathlib import Path

import pandas as pd
import pyarrow.dataset as ds

from toolkit.corpus import store
from toolkit.corpus.claims import WINDOW_DAYS, claims_table
from toolkit.corpus.people import reprints_table, speaker_map, speakers_table
from toolkit.errors import ToolkitError

CONTEXT = ["article_id", "outlet", "published"]


class Corpus:
    """An analysed corpus (see :func:`toolkit.analyze_corpus`).

    Tables (pandas DataFrames):

    * ``articles``: id, path, title, outlet, published, words, status
      (``ok`` or ``error``), error (the numbered code), message;
    * ``entities``, ``quotes``, ``figures``, ``timeline``: each article's table
      with ``article_id``, ``outlet`` and ``published`` in front (``quotes``
      also has ``speaker_corpus``, the speaker's name merged across articles);
    * ``speakers``: one row per speaker across articles, with quote counts
      per outlet (one column per outlet);
    * ``reprints``: the same statement quoted in two or more articles;
    * ``claims``: figures grouped by what they measure, with a ``conflict``
      flag (see :mod:`toolkit.corpus.claims`).
    """

    def __init__(self, root, *, outlets=None, since=None, until=None,
                 window_days: int = WINDOW_DAYS):
        if not isinstance(root, (str, os.PathLike)) or isinstance(root, bytes):
            raise ToolkitError("TK604", path=repr(root)[:60])
        self.root = Path(os.fspath(root)).expanduser()
        if not store.is_corpus(self.root):
            raise ToolkitError("TK604", path=str(self.root))
        self.outlets = None if outlets is None else (
            [outlets] if isinstance(outlets, str) else list(outlets))
        self.since = since
        self.until = until
        self.window_days = window_days
        self.run: dict | None = None

    def __repr__(self) -> str:
        scope = []
        if self.outlets is not None:
            scope.append(f"outlets={self.outlets}")
        if self.since or self.until:
            scope.append(f"{self.since or '…'} to {self.until or '…'}")
        extra = f" ({', '.join(scope)})" if scope else ""
        return f"<Corpus {self.root}{extra}: {len(self)} articles>"

    def __len__(self) -> int:
        return len(self.articles)

    # -- narrowing ---------------------------------------------------------------
    def filter(self, *, outlet=None, since=None, until=None) -> "Corpus":
        """A corpus limited to some outlets and/or a date range (ISO dates,
        inclusive); only matching rows are read from disk."""
        return Corpus(self.root, outlets=outlet if outlet is not None else self.outlets,
                      since=since or self.since, until=until or self.until,
                      window_days=self.window_days)

    def _expression(self):
        expr = None
        parts = []
        if self.outlets is not None:
            parts.append(ds.field("outlet").isin(self.outlets))
        if self.since:
            parts.append(ds.field("published") >= str(self.since)[:10])
        if self.until:
            parts.append(ds.field("published") <= str(self.until)[:10])
        for part in parts:
            expr = part if expr is None else expr & part
        return expr

    def dataset(self, table: str) -> ds.Dataset:
        """The lazy pyarrow dataset of one table (all parts, unfiltered; rows
        of a batch that was run twice appear twice here)."""
        self._check(table)
        return store.dataset(self.root, table)

    def to_dask(self, table: str):
        """One table as a lazy Dask DataFrame (this corpus's filters applied;
        like :meth:`dataset`, not de-duplicated)."""
        import dask.dataframe as dd

        self._check(table)
        files = sorted(str(p) for p in (self.root / table).glob("part-*.parquet"))
        filters = []
        if self.outlets is not None:
            filters.append(("outlet", "in", self.outlets))
        if self.since:
            filters.append(("published", ">=", str(self.since)[:10]))
        if self.until:
            filters.append(("published", "<=", str(self.until)[:10]))
        return dd.read_parquet(files, filters=filters or None, engine="pyarrow")

    def _check(self, table: str) -> None:
        if table not in store.TABLES:
            raise ToolkitError("TK104", layer=table, choices=", ".join(store.TABLES))

    # -- the tables ------------------------------------------------------------------
    @cached_property
    def _articles_all(self) -> pd.DataFrame:
        return store.read_articles(self.root, filter=self._expression())

    @cached_property
    def articles(self) -> pd.DataFrame:
        return self._articles_all.drop(columns=["batch"]).reset_index(drop=True)

    def _layer(self, layer: str) -> pd.DataFrame:
        frame = store.read_layer(self.root, layer, self._articles_all, filter=self._expression())
        columns = [f.name for f in store.SCHEMAS[layer] if f.name not in CONTEXT + ["batch"]]
        if not len(frame):
            return pd.DataFrame(columns=CONTEXT + columns)
        frame = frame.sort_values(["published", "article_id", "start"], na_position="last",
                                  kind="stable")
        return frame[CONTEXT + columns].reset_index(drop=True)

    @cached_property
    def entities(self) -> pd.DataFrame:
        return self._layer("entities")

    @cached_property
    def figures(self) -> pd.DataFrame:
        return self._layer("figures")

    @cached_property
    def timeline(self) -> pd.DataFrame:
        return self._layer("timeline")

    @cached_property
    def _names(self) -> dict[str, str]:
        quotes = self._layer("quotes")
        return speaker_map(quotes, self.figures["source"] if len(self.figures) else None)

    @cached_property
    def quotes(self) -> pd.DataFrame:
        frame = self._layer("quotes")
        frame["speaker_corpus"] = frame["speaker"].map(
            lambda n: self._names.get(n, n) if isinstance(n, str) else None)
        return frame

    @cached_property
    def speakers(self) -> pd.DataFrame:
        return speakers_table(self.quotes, self.entities, self._names)

    @cached_property
    def reprints(self) -> pd.DataFrame:
        return reprints_table(self.quotes, self._names)

    @cached_property
    def claims(self) -> pd.DataFrame:
        return claims_table(self.figures, self.entities, self._names, self.window_days)

    @property
    def errors(self) -> pd.DataFrame:
        """The articles that could not be analysed."""
        frame = self.articles
        return frame[frame["status"] != "ok"].reset_index(drop=True)

    def measures(self) -> list[str]:
        """The measures of :attr:`claims`, most claimed first."""
        return list(self.claims["measure"].value_counts().index)

    # -- one article ------------------------------------------------------------------
    def article_path(self, key) -> str:
        """The path of an article given its id, its file name or a row number."""
        frame = self.articles
        if isinstance(key, int):
            return frame.iloc[key]["path"]
        hit = frame[(frame["id"] == key) | (frame["path"] == str(key))
                    | (frame["path"].map(lambda p: Path(p).name) == str(key))]
        if hit.empty:
            raise KeyError(key)
        return hit.iloc[0]["path"]

    def analysis(self, key, *, nlp=None):
        """The full :class:`~toolkit.analysis.Analysis` of one article (run
        again from its file, for ``ArticleView``)."""
        import toolkit

        row = self.articles[self.articles["path"] == self.article_path(key)].iloc[0]
        return toolkit.analyze(row["path"], published=row["published"], nlp=nlp)


def open_corpus(out, **filters) -> Corpus:
    """Open the corpus that :func:`toolkit.analyze_corpus` wrote to ``out``.
    Keyword filters (``outlets=``, ``since=``, ``until=``) narrow what is read."""
    return Corpus(out, **filters)
