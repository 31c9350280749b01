"""``analyze_corpus``: many articles on a Dask cluster, tables in Parquet.

How a run goes
--------------
1. The source (a folder, a glob, or a list of paths) is listed; every article
   file is read once here to give it an id: the sha256 of its bytes and its
   publication date. Ids already in ``out`` are skipped, so a second run over
   the same folder analyses only what is new or changed.
2. The remaining articles are split in token-balanced batches
   (:func:`toolkit.batch.plan_batches`), small enough that every worker gets
   several, and each batch is one Dask task (:func:`toolkit.corpus.worker.run_batch`).
3. Each finished batch has written its Parquet parts atomically, named by the
   batch's hash: a task that Dask runs again after losing a worker rewrites
   the same files, so nothing is lost or counted twice.
4. An article that cannot be read or analysed is a row of the articles table
   with status ``error`` and its numbered error; the run goes on. A batch that
   keeps killing its worker is split, and an article that still does is
   reported with TK606.
"""

from __future__ import annotations

import glob as _glob
import hashlib
import logging
import math
import os
import time
import uuid
from pathlib import Path

from toolkit.article import normalise_published, read_metadata
from toolkit.batch import ARTICLE_SUFFIXES, DEFAULT_BATCH_TOKENS, plan_batches
from toolkit.corpus import store, worker
from toolkit.errors import ToolkitError, warn

#: Batches per worker the planner aims for (so work spreads and a lost
#: worker costs little).
BATCHES_PER_WORKER = 4
#: Bytes of text per estimated token (wire copy averages 5-6).
BYTES_PER_TOKEN = 5


# -- listing and fingerprinting ------------------------------------------------------

def discover(source) -> list[Path]:
    """The article files of ``source``: a folder (searched recursively), a glob
    pattern, one file, or a list of any of these. TK600 when nothing is found."""
    items = source if isinstance(source, (list, tuple)) else [source]
    found: list[Path] = []
    for item in items:
        if not isinstance(item, (str, os.PathLike)) or isinstance(item, bytes):
            raise ToolkitError("TK600", source=repr(item)[:60],
                               suffixes=", ".join(sorted(ARTICLE_SUFFIXES)))
        text = os.fspath(item)
        if not text.strip():  # "" would be the working folder, searched to the bottom
            raise ToolkitError("TK600", source=repr(text),
                               suffixes=", ".join(sorted(ARTICLE_SUFFIXES)))
        path = Path(text).expanduser()
        if path.is_dir():
            found.extend(_articles_under(path))
        elif path.is_file():
            found.append(path)
        else:
            found.extend(Path(p) for p in sorted(_glob.glob(os.path.expanduser(text),
                                                            recursive=True))
                         if Path(p).is_file() and Path(p).suffix.lower() in ARTICLE_SUFFIXES)
    unique = list(dict.fromkeys(p.resolve() for p in found))
    if not unique:
        raise ToolkitError("TK600", source=source, suffixes=", ".join(ARTICLE_SUFFIXES))
    return unique


def _articles_under(folder: Path) -> list[Path]:
    """The article files under ``folder``, sorted; hidden folders (".venv",
    ".git", ".ipynb_checkpoints") and hidden files are not searched."""
    found = []
    for here, folders, files in os.walk(folder):
        folders[:] = [name for name in folders if not name.startswith(".")]
        found.extend(Path(here) / name for name in files
                      if not name.startswith(".")
                      and Path(name).suffix.lower() in ARTICLE_SUFFIXES)
    return sorted(found)


def _meta_published(path: Path) -> str | None:
    """The sidecar's publication date, read by the one metadata reader
    (:func:`toolkit.article.read_metadata`: size, nesting and type checked)."""
    try:
        return normalise_published(read_metadata(path).get("published"))
    except ToolkitError:
        return None  # the worker's load_article reports the broken metadata


def article_id(data: bytes, published: str | None) -> str:
    """The content hash of an article: its bytes and its publication date."""
    digest = hashlib.sha256(data)
    digest.update(b"\0published=" + (published or "").encode())
    return digest.hexdigest()[:32]


def fingerprint(path: Path, published: str | None) -> dict:
    """``{"id", "path", "published", "tokens"}``; ``error`` instead of ``tokens``
    when the file cannot be read here (the id then names the path)."""
    date = published if published is not None else _meta_published(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        err = ToolkitError("TK009", path=str(path), why=str(exc))
        return {"id": "unreadable-" + hashlib.sha256(str(path).encode()).hexdigest()[:21],
                "path": str(path), "published": date, "error": err}
    return {"id": article_id(data, date), "path": str(path), "published": date,
            "tokens": max(1, len(data) // BYTES_PER_TOKEN)}


def batch_key(ids) -> str:
    return hashlib.sha256("\n".join(sorted(ids)).encode()).hexdigest()[:24]


# -- the cluster ------------------------------------------------------------------------

#: Dask settings of the embedded cluster's workers (measured in BENCHMARKS.md,
#: "Corpus"): glibc's own malloc trimming instead of Dask's low fixed
#: threshold, which turns every large numpy buffer of the parser into fresh
#: pages (page faults cost the worker about a fifth of its CPU time), and no
#: statistical profiler sampling the analysis thread every 10 ms. Workers
#: leave Ctrl-C to the driver (:func:`toolkit.corpus.worker.dask_setup`).
WORKER_SETTINGS = {
    "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
    "distributed.worker.profile.enabled": False,
    "distributed.worker.preload": ["toolkit.corpus.worker"],
}


def local_cluster(n_workers: int):
    """The embedded ``LocalCluster``: ``n_workers`` processes of one thread,
    with :data:`WORKER_SETTINGS`."""
    import dask
    from dask.distributed import LocalCluster

    with dask.config.set(WORKER_SETTINGS):
        return LocalCluster(n_workers=n_workers, threads_per_worker=1, processes=True,
                            dashboard_address=None, silence_logs=logging.ERROR)


def _client(workers, scheduler):
    """A Dask client and what to close afterwards."""
    from dask.distributed import Client

    if scheduler is not None:
        if isinstance(scheduler, Client):
            return scheduler, []
        address = getattr(scheduler, "scheduler_address", scheduler)
        try:
            client = Client(address, timeout="20s")
        except (OSError, TimeoutError, ValueError) as exc:
            raise ToolkitError("TK603", address=address, why=str(exc)) from exc
        return client, [client]
    n = (os.cpu_count() or 1) if workers is None else workers
    cluster = local_cluster(n)
    client = Client(cluster)
    return client, [client, cluster]


def _n_workers(client) -> int:
    try:
        return max(1, len(client.scheduler_info()["workers"]))
    except Exception:  # noqa: BLE001 - only used to size batches
        return 1


def _check_workers(workers) -> None:
    if workers is not None and (not isinstance(workers, int) or isinstance(workers, bool)
                                or workers < 1):
        raise ToolkitError("TK602", value=workers)


# -- the run -----------------------------------------------------------------------------

def analyze_corpus(source, out, *, workers: int | None = None, scheduler=None,
                   published=None, batch_tokens: int | None = None, nlp: str | None = None,
                   progress: bool = True):
    """Analyse every article of ``source`` on Dask and write Parquet tables to ``out``.

    ``source``: a folder (searched recursively for .txt/.md/.html articles, each
    with its optional ``.meta.json``), a glob such as ``"news/**/*.txt"``, or a
    list of paths. ``out``: a folder, created if needed; running again into the
    same folder analyses only articles not yet in it (same bytes and date).

    ``workers``: worker processes of the embedded ``LocalCluster`` (default:
    one per CPU core, one thread each). ``scheduler``: the address of an
    existing Dask scheduler (``"tcp://host:8786"``), a ``dask.distributed.Client``
    or a cluster object; then ``workers`` is not used. ``published``: one date
    for all articles (otherwise each article's metadata). ``batch_tokens``: the
    largest token budget of a batch (default 20,000; smaller when needed to
    give every worker several batches). ``nlp``: a pipeline *name* (workers load
    it themselves). ``progress``: a tqdm bar (articles done, rate, time left).

    Returns the :class:`~toolkit.corpus.tables.Corpus`; ``corpus.run`` says what
    this run did (analysed, skipped, failed, seconds, workers, and ``cleaned``:
    temporary part files a killed run had left in ``out``, removed at the start).
    """
    from toolkit.corpus.tables import Corpus

    _check_workers(workers)
    date = normalise_published(published) if published is not None else None
    if batch_tokens is not None and (not isinstance(batch_tokens, int)
                                     or isinstance(batch_tokens, bool) or batch_tokens < 1):
        raise ToolkitError("TK403", value=batch_tokens)
    started = time.perf_counter()
    root = store.prepare(out)
    cleaned = store.clean_stale_temporaries(root, time.time())  # a killed run's leftovers
    paths = discover(source)
    done = store.done_ids(root)
    prints = [fingerprint(p, date) for p in paths]
    seen: set[str] = set()
    todo, unreadable = [], []
    for item in prints:
        if item["id"] in seen:
            continue                    # the same article twice in the source
        seen.add(item["id"])
        if "error" in item:
            unreadable.append(item)
        elif item["id"] not in done:
            todo.append(item)
    _write_unreadable(root, unreadable)
    summary = {"articles": len(seen), "skipped": len(seen) - len(todo) - len(unreadable),
               "analysed": 0, "failed": len(unreadable), "workers": 0, "batches": 0,
               "peak_mb": {}, "seconds": 0.0, "cleaned": cleaned}
    closing: list = []
    try:
        if todo:
            client, closing = _client(workers, scheduler)
            summary["workers"] = _n_workers(client)
            _run(client, root, todo, summary, batch_tokens, nlp, progress)
    except KeyboardInterrupt:
        _close(closing)
        raise _stopped(root, todo) from None
    _close(closing)
    summary["seconds"] = time.perf_counter() - started
    if summary["failed"]:
        warn("TKW600", n=summary["failed"], total=summary["articles"])
    corpus = Corpus(root)
    corpus.run = summary
    return corpus


class CorpusInterrupted(ToolkitError, KeyboardInterrupt):
    """TK750: the run was stopped (Ctrl-C); says what was kept and how to go on.
    Still a ``KeyboardInterrupt``, so code that stops on Ctrl-C still stops."""


def _close(things) -> None:
    for thing in things:
        try:
            thing.close()
        except Exception:  # noqa: BLE001 - a cluster losing workers as it closes
            pass


def _stopped(root: Path, todo: list[dict]) -> CorpusInterrupted:
    """What a stopped run leaves: every batch that finished is in ``root``
    (written whole), the rest is analysed by the next run."""
    kept_ids = store.done_ids(root)
    kept = sum(item["id"] in kept_ids for item in todo)
    return CorpusInterrupted("TK750", kept=kept, todo=len(todo), out=str(root),
                             total=len(kept_ids), left=len(todo) - kept)


def _budget(todo: list[dict], n_workers: int, cap: int | None) -> int:
    total = sum(item["tokens"] for item in todo)
    spread = math.ceil(total / (n_workers * BATCHES_PER_WORKER))
    return max(1, min(cap or DEFAULT_BATCH_TOKENS, spread))


def _run(client, root: Path, todo: list[dict], summary: dict, cap, nlp, progress) -> None:
    from dask.distributed import as_completed

    budget = _budget(todo, summary["workers"], cap)
    plans = [[todo[i] for i in batch]
             for batch in plan_batches([item["tokens"] for item in todo], budget)]
    summary["batches"] = len(plans)
    bar = _bar(len(todo), progress)
    pending = {}

    def submit(items):
        key = batch_key(item["id"] for item in items)
        future = client.submit(worker.run_batch, str(root), key,
                               [(i["id"], i["path"], i["published"]) for i in items], nlp,
                               key=f"toolkit-corpus-{key}-{uuid.uuid4().hex[:8]}",
                               pure=False,
                               retries=worker.ALLOWED_FAILURES - 1)
        pending[future] = items
        return future

    try:
        queue = as_completed([submit(items) for items in plans])
        for future in queue:
            items = pending.pop(future)
            try:
                result = future.result()
            except Exception as exc:  # noqa: BLE001 - a batch that killed its worker
                result = _finished(root, items) or exc
            if isinstance(result, Exception):
                exc = result
                if len(items) > 1:
                    half = len(items) // 2
                    for part in (items[:half], items[half:]):
                        queue.add(submit(part))
                    continue
                _write_crashed(root, items[0], exc)
                summary["failed"] += 1
                if bar is not None:
                    bar.update(1)
                continue
            summary["analysed"] += result["articles"] - result["failed"]
            summary["failed"] += result["failed"]
            pid = result["pid"]
            if pid is not None:
                summary["peak_mb"][pid] = max(summary["peak_mb"].get(pid, 0.0), result["peak_mb"])
            if bar is not None:
                bar.update(result["articles"])
    finally:
        for future in pending:
            future.cancel()
        if bar is not None:
            bar.close()


def _finished(root: Path, items: list[dict]):
    """The summary of a batch whose result was lost with its worker but whose
    parts were all written (the articles part is written last), else None:
    such a batch is done and must not be split or reported as crashed."""
    import pyarrow.parquet as pq

    key = batch_key(item["id"] for item in items)
    path = store.part_path(root, "articles", key)
    try:
        status = pq.read_table(path, columns=["status"]).column("status").to_pylist()
    except (OSError, ValueError):
        return None
    return {"batch": key, "articles": len(status), "failed": sum(s != "ok" for s in status),
            "pid": None, "peak_mb": 0.0}


def _bar(total: int, enabled: bool):
    if not enabled:
        return None
    from tqdm.auto import tqdm

    return tqdm(total=total, unit="article", desc="corpus", smoothing=0.1)


def _error_row(item: dict, err: ToolkitError, batch: str) -> dict:
    return {"id": item["id"], "path": item["path"], "title": None, "outlet": None,
            "published": item["published"], "words": None, "status": "error",
            "error": err.code, "message": str(err), "batch": batch}


def _write_crashed(root: Path, item: dict, exc: Exception) -> None:
    err = ToolkitError("TK606", tries=worker.ALLOWED_FAILURES, path=item["path"],
                       why=f"{type(exc).__name__}: {exc}")
    key = "crashed-" + batch_key([item["id"]])
    store.write_part(root, "articles", key, [_error_row(item, err, key)])


def _write_unreadable(root: Path, items: list[dict]) -> None:
    """Files that could not be read are reported every run (until they can be):
    the previous run's report is replaced, not added to."""
    for old in (root / "articles").glob("part-unreadable-*.parquet"):
        old.unlink()
    if items:
        key = "unreadable-" + batch_key(i["id"] for i in items)
        store.write_part(root, "articles", key,
                         [_error_row(item, item["error"], key) for item in items])
