"""Analysing many articles at once: ``analyze_many``.

Articles go through ``nlp.pipe`` in batches chosen by *token count*, not by
number of articles, so a batch of long reports never holds more text in the
models at once than a batch of short news items. What comes back is plain
data: one :class:`~toolkit.analysis.Analysis` per article plus the four tables
of all articles stacked, each with an ``article`` column.

How batches are formed
----------------------
Every article's token count is estimated from its characters (a word, a
punctuation mark or a line break each count as one token; this errs on the
high side of spaCy's tokenizer). Articles are grouped in size classes: class
``k`` holds the articles for which ``k`` of them fit in the budget (``k`` a
power of two), and each class goes through ``nlp.pipe(batch_size=k)``. So any
batch of two or more articles holds at most ``batch_size`` estimated tokens; an
article longer than the whole budget is processed on its own.

Every size class goes through :func:`toolkit.analysis.run_pipeline`, the same
run path as :func:`toolkit.analyze`: the publication date is on each ``Doc``
before the first component, and the tables are equal to those of ``analyze``.
"""

from __future__ import annotations

import dataclasses
import os
import re
from functools import cached_property
from pathlib import Path
from typing import Any, Iterable, Sequence

import pandas as pd

from toolkit.analysis import (ENTITY_COLUMNS, FIGURE_COLUMNS, LAYERS, QUOTE_COLUMNS,
                              TIMELINE_COLUMNS, Analysis, run_pipeline)
from toolkit.article import Article, article_from_text, load_article, normalise_published
from toolkit.errors import ToolkitError, warn
from toolkit.nlp import ensure_pipeline

#: Default token budget of one batch (estimated tokens, see module docs).
DEFAULT_BATCH_TOKENS = 20_000
#: No batch holds more articles than this, however short they are.
MAX_BATCH_DOCS = 1024
#: Suffixes of files that a string source names (otherwise a string is text).
ARTICLE_SUFFIXES = (".txt", ".text", ".md", ".markdown", ".html", ".htm", ".xhtml")

_TOKENISH = re.compile(r"\w+|[^\w\s]|\s{2,}|[^\S ]")

_COLUMNS = {"entities": ENTITY_COLUMNS, "quotes": QUOTE_COLUMNS,
            "figures": FIGURE_COLUMNS, "timeline": TIMELINE_COLUMNS}
ARTICLE_COLUMNS = ["article", "index", "path", "title", "outlet", "published",
                   "words", "tokens", "ok", "error"]
ERROR_COLUMNS = ["index", "article", "source", "code", "message", "component", "start"]


def estimate_tokens(text: str) -> int:
    """Estimated spaCy token count of ``text``: words, punctuation marks and
    line breaks / runs of spaces each count one. Usually a little above the
    real count (it splits "U.S." and "10,000", which spaCy keeps whole)."""
    return len(_TOKENISH.findall(text))


def plan_batches(token_counts: Sequence[int], budget: int,
                 max_docs: int = MAX_BATCH_DOCS) -> list[list[int]]:
    """Group article indices into batches of at most ``budget`` tokens.

    Returns the batches in processing order, each a list of indices into
    ``token_counts``. Within a size class the input order is kept. A batch of
    two or more articles never exceeds ``budget``; an article longer than the
    budget forms a batch of its own.
    """
    if not isinstance(budget, int) or isinstance(budget, bool) or budget < 1:
        raise ToolkitError("TK403", value=budget)
    return [batch for k, members in _size_classes(token_counts, budget, max_docs)
            for batch in _chunks(members, k)]


def _per_batch(tokens: int, budget: int, max_docs: int) -> int:
    """The largest power of two ``k`` (at most ``max_docs``) with ``k * tokens <= budget``."""
    k = 1
    while k * 2 <= max_docs and k * 2 * max(tokens, 1) <= budget:
        k *= 2
    return k


def _size_classes(token_counts: Sequence[int], budget: int, max_docs: int):
    """``(k, indices)`` per size class, classes in order of first appearance."""
    classes: dict[int, list[int]] = {}
    for i, tokens in enumerate(token_counts):
        classes.setdefault(_per_batch(tokens, budget, max_docs), []).append(i)
    return list(classes.items())


def _chunks(items: list[int], size: int) -> list[list[int]]:
    return [items[i:i + size] for i in range(0, len(items), size)]


@dataclasses.dataclass
class BatchError:
    """An article that could not be analysed, or one component that failed on it.

    A lost article has ``component`` None; a partly failed one (it is among
    the analyses, with that layer empty) has one BatchError per failed
    component, with the warning's code (TKW410) and the character offset."""

    index: int          # position in the sources given to analyze_many
    article: str        # the label it would have had
    source: str         # what was given (a path, or the start of a text)
    code: str           # the numbered error or warning, e.g. "TK001", "TKW410"
    message: str        # the full message, saying what to do next
    component: str | None = None   # the pipeline component that failed, if one did
    start: int | None = None       # the character offset it failed at, when known


class BatchResult:
    """The result of :func:`analyze_many`.

    * ``analyses``: the :class:`Analysis` of every article that could be
      analysed, in the order of the sources; ``result["label"]`` or
      ``result[i]`` picks one, ``for analysis in result`` walks them.
    * ``labels``: the ``article`` label of each analysis (its file name, else
      its title, else ``"text 3"`` by position; made unique with " (2)").
    * ``entities``, ``quotes``, ``figures``, ``timeline``: the tables of all
      articles stacked, with an ``article`` column first.
    * ``articles``: one row per source (label, path, title, words, ok, error).
    * ``errors``: a :class:`BatchError` per source that failed, and one per
      component that failed on an article that was otherwise analysed
      (``component`` and ``start`` set, code TKW410); ``error_table`` is the
      same as a DataFrame.
    * ``batches``: the source indices of each batch sent to the pipeline, and
      ``batch_tokens``: their estimated tokens; ``token_budget`` the budget.
    """

    def __init__(self, *, analyses: list[Analysis], labels: list[str], indices: list[int],
                 errors: list[BatchError], records: list[dict], batches: list[list[int]],
                 batch_tokens: list[int], token_budget: int, n_process: int):
        self.analyses = analyses
        self.labels = labels
        self.indices = indices
        self.errors = errors
        self._records = records
        self.batches = batches
        self.batch_tokens = batch_tokens
        self.token_budget = token_budget
        self.n_process = n_process

    def __len__(self) -> int:
        return len(self.analyses)

    def __iter__(self):
        return iter(self.analyses)

    def __getitem__(self, key) -> Analysis:
        if isinstance(key, str):
            try:
                return self.analyses[self.labels.index(key)]
            except ValueError:
                raise KeyError(key) from None
        return self.analyses[key]

    def __repr__(self) -> str:
        return (f"<BatchResult: {len(self.analyses)} analysed, {len(self.errors)} failed, "
                f"{len(self.batches)} batches>")

    def items(self):
        """``(label, analysis)`` pairs."""
        return zip(self.labels, self.analyses)

    @property
    def ok(self) -> bool:
        """True when every source was analysed and no component failed on any."""
        return not self.errors

    # -- tables ------------------------------------------------------------
    def table(self, layer: str) -> pd.DataFrame:
        if layer not in LAYERS:
            raise ToolkitError("TK104", layer=layer, choices=", ".join(LAYERS))
        return getattr(self, layer)

    def _stack(self, layer: str) -> pd.DataFrame:
        columns = ["article"] + _COLUMNS[layer]
        frames = []
        for label, analysis in zip(self.labels, self.analyses):
            frame = analysis.table(layer)
            if len(frame):
                frame = frame.copy()
                frame.insert(0, "article", label)
                frames.append(frame)
        if not frames:
            return pd.DataFrame(columns=columns)
        return pd.concat(frames, ignore_index=True)[columns]

    @cached_property
    def entities(self) -> pd.DataFrame:
        return self._stack("entities")

    @cached_property
    def quotes(self) -> pd.DataFrame:
        return self._stack("quotes")

    @cached_property
    def figures(self) -> pd.DataFrame:
        return self._stack("figures")

    @cached_property
    def timeline(self) -> pd.DataFrame:
        return self._stack("timeline")

    @cached_property
    def articles(self) -> pd.DataFrame:
        frame = pd.DataFrame(self._records, columns=ARTICLE_COLUMNS)
        return frame.astype({"words": "Int64", "tokens": "Int64"})

    @cached_property
    def error_table(self) -> pd.DataFrame:
        return pd.DataFrame([dataclasses.asdict(e) for e in self.errors],
                            columns=ERROR_COLUMNS)

    def raise_errors(self) -> "BatchResult":
        """Raise the first collected error (TK406 names how many failed); else return self."""
        if self.errors:
            first = self.errors[0]
            raise ToolkitError("TK406", n=len(self.errors), total=len(self._records),
                               first=first.article, message=first.message)
        return self


# -- reading the sources ----------------------------------------------------------

def _looks_like_path(value: str) -> bool:
    if "\n" in value or len(value) > 1024 or not value.strip():
        return False
    if value.lower().endswith(ARTICLE_SUFFIXES):
        return True
    try:
        return os.path.exists(os.path.expanduser(value))
    except (OSError, ValueError):
        return False


def _expand(sources) -> list:
    """The sources as a list; a directory becomes the article files inside it."""
    if isinstance(sources, (str, os.PathLike, Article)):
        if isinstance(sources, Article) or not _is_dir(sources):
            raise ToolkitError("TK401", type_name=type(sources).__name__)
        sources = [sources]
    if isinstance(sources, (bytes, dict)) or not isinstance(sources, Iterable):
        raise ToolkitError("TK401", type_name=type(sources).__name__)
    out: list = []
    for source in sources:
        if isinstance(source, (str, os.PathLike)) and _is_dir(source):
            files = sorted(p for p in Path(os.fspath(source)).expanduser().iterdir()
                           if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES)
            if not files:
                out.append(_EmptyDir(os.fspath(source)))
            out.extend(files)
        else:
            out.append(source)
    return out


def _is_dir(value) -> bool:
    if isinstance(value, str) and not _looks_like_path(value):
        return False
    try:
        return Path(os.fspath(value)).expanduser().is_dir()
    except (OSError, ValueError, TypeError):
        return False


@dataclasses.dataclass
class _EmptyDir:
    path: str


def _describe(source) -> str:
    if isinstance(source, Article):
        return source.path or (source.text[:60] + ("…" if len(source.text) > 60 else ""))
    if isinstance(source, _EmptyDir):
        return source.path
    if isinstance(source, os.PathLike) or (isinstance(source, str) and _looks_like_path(source)):
        return os.fspath(source)
    if isinstance(source, str):
        return source[:60] + ("…" if len(source) > 60 else "")
    return repr(source)[:60]


def _load(source, published) -> Article:
    if isinstance(source, Article):
        return source
    if isinstance(source, _EmptyDir):
        raise ToolkitError("TK402", path=source.path, suffixes=", ".join(ARTICLE_SUFFIXES))
    if isinstance(source, os.PathLike) or (isinstance(source, str) and _looks_like_path(source)):
        return load_article(source, published=published)
    if isinstance(source, str):
        meta = {"published": published} if published is not None else {}
        return article_from_text(source, metadata=meta)
    raise ToolkitError("TK010", type_name=type(source).__name__)


def _label(article: Article, index: int) -> str:
    if article.path:
        return Path(article.path).name
    title = article.metadata.get("title")
    if title:
        return str(title)
    return f"text {index}"


def _unique(label: str, seen: dict[str, int]) -> str:
    count = seen.get(label, 0) + 1
    seen[label] = count
    return label if count == 1 else f"{label} ({count})"


def _published_for(published, n: int) -> list:
    """One date (or None) per source: a single date applies to all of them."""
    if published is None or isinstance(published, str) or not isinstance(published, Sequence):
        date = normalise_published(published) if published is not None else None
        return [date] * n
    if len(published) != n:
        raise ToolkitError("TK404", given=len(published), n=n)
    return [normalise_published(p) if p is not None else None for p in published]


def _error_code(exc: Exception) -> str:
    return exc.code if isinstance(exc, ToolkitError) else "TK405"


# -- running the pipeline -----------------------------------------------------------

def _progress(total: int, enabled: bool):
    if not enabled:
        return None
    from tqdm.auto import tqdm

    return tqdm(total=total, unit="article", desc="analysing", leave=True)


def analyze_many(sources, *, n_process: int = 1, batch_size: int | None = None,
                 published=None, nlp=None, progress: bool = True) -> BatchResult:
    """Analyse many articles with ``nlp.pipe`` and return plain tables.

    ``sources``: a list of paths (``str`` or ``Path``; a directory stands for
    the ``.txt``/``.md``/``.html`` files in it), :class:`Article` objects and
    texts. A ``str`` is a path when it is one line and ends in an article
    suffix such as ``.txt`` or names an existing file; otherwise it is the
    article's text.

    ``n_process``: worker processes for ``nlp.pipe`` (``-1``: one per core).
    ``batch_size``: the *token budget* of one batch (estimated tokens, default
    :data:`DEFAULT_BATCH_TOKENS`), not a number of articles: a batch of two or
    more articles never holds more, and an article longer than the budget is
    processed alone. ``published``: one date for all articles, or a list with
    one date (or None) per source; otherwise each article's own metadata is
    used. ``nlp``: a pipeline or its name (default: toolkit's default).
    ``progress``: show a tqdm progress bar.

    Errors: problems with the call itself raise at once (TK401 ``sources`` is
    not a list, TK403 a bad ``batch_size``, TK404 ``published`` of the wrong
    length, TK407 a bad ``n_process``). Problems with one source are
    *collected, not raised*: a missing or unreadable file (TK001-TK010), an
    empty directory (TK402), or an article the pipeline fails on (TK405) gives
    a :class:`BatchError` in ``result.errors`` (and a row in
    ``result.articles`` with ``ok=False``), the other articles are analysed as
    usual, and warning TKW401 says how many failed. A component that fails
    on one article leaves that article analysed with the layer empty: it is
    *not* reported as fine (``ok=False``, ``error="TKW410"`` in
    ``result.articles``, one row per failed component in ``result.errors``
    with the component and character offset). Call ``result.raise_errors()``
    to turn collected errors into an exception.
    """
    budget = DEFAULT_BATCH_TOKENS if batch_size is None else batch_size
    if not isinstance(budget, int) or isinstance(budget, bool) or budget < 1:
        raise ToolkitError("TK403", value=batch_size)
    if (not isinstance(n_process, int) or isinstance(n_process, bool)
            or (n_process < 1 and n_process != -1)):
        raise ToolkitError("TK407", value=n_process)
    if n_process == -1:
        n_process = os.cpu_count() or 1
    items = _expand(sources)
    dates = _published_for(published, len(items))
    pipeline = ensure_pipeline(nlp)

    # 1. read every source; keep failures as per-article errors
    articles: dict[int, Article] = {}
    labels: dict[int, str] = {}
    failures: dict[int, Exception] = {}
    seen: dict[str, int] = {}
    for i, source in enumerate(items):
        try:
            article = _load(source, dates[i])
        except ToolkitError as exc:
            failures[i] = exc
            labels[i] = _unique(_fallback_label(source, i), seen)
            continue
        articles[i] = article
        labels[i] = _unique(_label(article, i), seen)

    # 2. plan token-budget batches over the readable articles; each size class
    #    goes through the one run path (toolkit.analysis.run_pipeline)
    order = list(articles)
    tokens = {i: estimate_tokens(articles[i].text) for i in order}
    classes = _size_classes([tokens[i] for i in order], budget, MAX_BATCH_DOCS)
    batches: list[list[int]] = []
    results: dict[int, Any] = {}
    bar = _progress(len(items), progress)
    if bar is not None and failures:
        bar.update(len(failures))
    try:
        for k, members in classes:
            indices = [order[m] for m in members]
            batches.extend(_chunks(indices, k))
            done = run_pipeline([articles[i] for i in indices], [dates[i] for i in indices],
                                pipeline, batch_size=k, n_process=n_process,
                                on_done=bar.update if bar is not None else None)
            results.update(zip(indices, done))
    finally:
        if bar is not None:
            bar.close()

    # 3. assemble, in the order of the sources
    analyses, out_labels, out_indices, errors, records = [], [], [], [], []
    for i, source in enumerate(items):
        article = articles.get(i)
        result = results.get(i)
        code = None
        if isinstance(result, Analysis):
            analyses.append(result)
            out_labels.append(labels[i])
            out_indices.append(i)
            for problem in result.problems.to_dict(orient="records"):
                errors.append(BatchError(index=i, article=labels[i], source=_describe(source),
                                         code=problem["code"], message=problem["message"],
                                         component=problem["component"],
                                         start=problem["start"]))
                code = code or problem["code"]
        else:
            exc = failures.get(i)
            if exc is None:
                why = f"{type(result).__name__}: {result}"
                exc = ToolkitError("TK405", article=labels[i], why=why)
            errors.append(BatchError(index=i, article=labels[i], source=_describe(source),
                                     code=_error_code(exc), message=str(exc)))
            code = errors[-1].code
        meta = article.metadata if article is not None else {}
        records.append({
            "article": labels[i], "index": i,
            "path": article.path if article is not None else _source_path(source),
            "title": meta.get("title"), "outlet": meta.get("outlet"),
            "published": (dates[i] or meta.get("published")) if article is not None else dates[i],
            "words": len(article.text.split()) if article is not None else None,
            "tokens": len(result.doc) if isinstance(result, Analysis) else None,
            "ok": code is None, "error": code,
        })
    lost = sum(1 for i in range(len(items)) if not isinstance(results.get(i), Analysis))
    if lost:
        warn("TKW401", n=lost, total=len(items))
    return BatchResult(analyses=analyses, labels=out_labels, indices=out_indices,
                       errors=errors, records=records, batches=batches,
                       batch_tokens=[sum(tokens[i] for i in b) for b in batches],
                       token_budget=budget, n_process=n_process)


def _source_path(source) -> str | None:
    if isinstance(source, _EmptyDir):
        return source.path
    if isinstance(source, os.PathLike) or (isinstance(source, str) and _looks_like_path(source)):
        return os.fspath(source)
    return None


def _fallback_label(source, index: int) -> str:
    if isinstance(source, (os.PathLike, _EmptyDir)) or (
            isinstance(source, str) and _looks_like_path(source)):
        return Path(_describe(source)).name or f"text {index}"
    return f"text {index}"
