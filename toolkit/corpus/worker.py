"""What runs on a Dask worker: one batch of articles in, Parquet parts out.

The spaCy pipeline is loaded once per worker process (``toolkit.nlp``'s
``default_pipeline`` is a process-wide cache, and a worker process runs one
task at a time), never per article or per batch. The batch goes through
``toolkit.batch.analyze_many`` — the toolkit's own analysis path — and only the
Analysis tables (``entities``, ``quotes``, ``figures``, ``timeline``) and the
article's metadata are kept; the spaCy ``Doc`` never leaves the worker.
"""

from __future__ import annotations

import os
import warnings
from pathlib import Path

from toolkit.corpus import store

#: Dask retries a task lost with its worker; after this many losses the
#: batch is split, then an article alone is reported (TK606).
ALLOWED_FAILURES = 3


def dask_setup(worker=None) -> None:
    """Run by Dask in each worker process of the embedded cluster as it starts
    (``distributed.worker.preload``, see ``run.WORKER_SETTINGS``). Ctrl-C in a
    terminal reaches every process of the group; the driver stops the run,
    says what was kept (TK750) and closes the workers, so the workers ignore
    it themselves instead of each dying with a traceback."""
    import signal
    import threading

    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, signal.SIG_IGN)


def pipeline(name: str | None = None):
    """This process's pipeline, loaded on first use and kept."""
    from toolkit.nlp import ensure_pipeline

    return ensure_pipeline(name)


def warm_up(nlp: str | None = None) -> float:
    """Load the pipeline and run one short text through the whole analysis, so
    that what components build on first use is built; returns the seconds taken."""
    import time

    from toolkit.batch import analyze_many

    start = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = analyze_many(["On Monday the mayor of a small town said about 20 people "
                               "had left, according to the police."], nlp=pipeline(nlp),
                              published="2030-01-06", progress=False)
        for layer in store.LAYERS:
            result[0].table(layer)
    return time.perf_counter() - start


def pipeline_loads() -> dict:
    """How often this process loaded a pipeline (for tests and benchmarks)."""
    from toolkit.nlp import default_pipeline

    info = default_pipeline.cache_info()
    return {"pid": os.getpid(), "loads": info.misses, "uses": info.hits + info.misses}


def peak_memory_mb() -> float:
    """Peak resident memory of this process so far, in MB.

    On Linux this is ``VmHWM`` of ``/proc/self/status``, the high-water mark of
    this process's own memory. ``getrusage``'s ``ru_maxrss`` is not used there:
    Linux carries it over ``fork`` and ``exec``, so a worker spawned by a big
    parent process reports the parent's size instead of its own.
    """
    import resource
    import sys

    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 2**20 if sys.platform == "darwin" else peak / 1024


def cpu_seconds() -> float:
    """CPU time (user + system, all threads) this process has used so far."""
    import resource

    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def run_batch(root: str, batch: str, items: list[tuple[str, str, str | None]],
              nlp: str | None = None) -> dict:
    """Analyse ``items`` (``(article_id, path, published)``) and write their parts.

    Writes the four layer parts first and the articles part last (see
    :mod:`toolkit.corpus.store`). Returns a small summary for the progress bar.
    """
    from toolkit.batch import analyze_many

    out = Path(root)
    ids = [i for i, _, _ in items]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = analyze_many([p for _, p, _ in items], published=[d for _, _, d in items],
                              nlp=pipeline(nlp), progress=False)
    records = result.articles.to_dict(orient="records")
    by_index = dict(zip(result.indices, result.analyses))
    layers: dict[str, list[dict]] = {layer: [] for layer in store.LAYERS}
    articles = []
    for index, record in enumerate(records):
        article_id = ids[index]
        message = None
        if not record["ok"]:
            message = next((e.message for e in result.errors if e.index == index), None)
        context = {"article_id": article_id, "outlet": record["outlet"],
                   "published": record["published"], "batch": batch}
        analysis = by_index.get(index)
        if analysis is not None:
            for layer in store.LAYERS:
                for row in store.frame_rows(analysis.table(layer)):
                    row.update(context)
                    layers[layer].append(row)
        articles.append({"id": article_id, "path": record["path"] or items[index][1],
                         "title": record["title"], "outlet": record["outlet"],
                         "published": record["published"], "words": record["words"],
                         "status": "ok" if record["ok"] else "error",
                         "error": record["error"], "message": message, "batch": batch})
    for layer in store.LAYERS:
        store.write_part(out, layer, batch, layers[layer])
    store.write_part(out, "articles", batch, articles)   # last: it makes the batch count
    return {"batch": batch, "articles": len(articles),
            "failed": sum(a["status"] != "ok" for a in articles),
            "words": sum(a["words"] or 0 for a in articles),
            "pid": os.getpid(), "peak_mb": peak_memory_mb(), "cpu": cpu_seconds()}
