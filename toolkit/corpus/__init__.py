"""Corpus mode: many articles on Dask, tables in Parquet, claims and speakers
tracked across articles.

* :func:`analyze_corpus` (``run.py``) runs the analysis on a Dask cluster;
* the worker side (``worker.py``) loads the pipeline once per process;
* :mod:`~toolkit.corpus.store` writes and reads the Parquet parts;
* :func:`open_corpus` / :class:`Corpus` (``tables.py``) read them back, with
  ``speakers`` and ``reprints`` (``people.py``) and ``claims`` (``claims.py``).
"""

from toolkit.corpus.run import analyze_corpus
from toolkit.corpus.tables import Corpus, open_corpus

__all__ = ["Corpus", "analyze_corpus", "open_corpus"]
