"""Corpus mode on Dask: 1 worker vs 2 workers vs analyze_many, in the same run.

    python benchmarks/corpus_bench.py            # 1,000 generated articles
    python benchmarks/corpus_bench.py --n 200    # fewer (shared or slow machines)

Measures, on the articles of ``benchmarks/corpus.py`` (generated, invented):

* ``analyze_many`` in a spawned process of its own (pipeline loaded
  beforehand, the four tables of every article built) — the baseline;
* ``analyze_corpus`` on a ``LocalCluster`` of 1 worker, then of 2 workers
  (one thread each). Cluster start and the one pipeline load (and warm-up
  on a short text) per worker are timed apart (``startup``), as is the
  baseline's own load and warm-up; the run itself is timed from the call to the
  written corpus;
* scaling efficiency: (1-worker time / 2-worker time) / 2;
* peak memory per worker (high-water RSS of each worker process, VmHWM);
* CPU seconds of the driver (this process: scheduler, nannies, client) and of
  each worker during the run, against ``analyze_many``'s, which the shared
  machine's load disturbs far less than wall times (``--stock`` adds 1 and 2
  workers with Dask's own settings, for a before/after in the same run);
* resume: the same call again with nothing new, against the first run;
* a projection of hours per million articles per core, from the 1-worker
  time per article.

``run(n)`` returns the numbers as a dict; ``markdown(result)`` renders them
(``benchmarks/run.py`` can call both). Targets (issue 11): 2 workers at least
1.6x one worker on a 2-core machine; resume under 5 % of the first run;
memory per worker under 1 GB.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import tempfile
import time
import warnings
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

import corpus as generated  # noqa: E402  (benchmarks/corpus.py)


def _cluster(n_workers: int, stock: bool = False):
    """A LocalCluster as ``analyze_corpus`` makes it (or, ``stock=True``, with
    Dask's own settings: the state before issue 11's tuning), warmed up."""
    from dask.distributed import Client, LocalCluster

    from toolkit.corpus import run as corpus_run
    from toolkit.corpus import worker

    start = time.perf_counter()
    if stock:
        cluster = LocalCluster(n_workers=n_workers, threads_per_worker=1, processes=True,
                               dashboard_address=None, silence_logs=logging.ERROR)
    else:
        cluster = corpus_run.local_cluster(n_workers)
    client = Client(cluster)
    client.run(worker.warm_up)             # every worker loads its pipeline now
    return cluster, client, time.perf_counter() - start


def _corpus_run(folder: Path, out: Path, n_workers: int, stock: bool = False) -> dict:
    import toolkit
    from toolkit.corpus import worker

    cluster, client, startup = _cluster(n_workers, stock)
    try:
        cpu_before = client.run(worker.cpu_seconds)
        driver_before = worker.cpu_seconds()
        start = time.perf_counter()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            corpus = toolkit.analyze_corpus(folder, out, scheduler=client, progress=False)
        seconds = time.perf_counter() - start
        driver_cpu = worker.cpu_seconds() - driver_before
        cpu_after = client.run(worker.cpu_seconds)
        loads = client.run(worker.pipeline_loads)
        peaks = client.run(worker.peak_memory_mb)
        resume = None
        if n_workers > 1 and not stock:
            start = time.perf_counter()
            again = toolkit.analyze_corpus(folder, out, scheduler=client, progress=False)
            resume = time.perf_counter() - start
            assert again.run["analysed"] == 0
        return {"workers": n_workers, "stock": stock, "seconds": seconds, "startup": startup,
                "analysed": corpus.run["analysed"], "failed": corpus.run["failed"],
                "batches": corpus.run["batches"], "resume": resume,
                "driver_cpu": driver_cpu,
                "worker_cpu": sorted(cpu_after[k] - cpu_before[k] for k in cpu_after),
                "peak_mb": sorted(peaks.values()),
                "loads": sorted(v["loads"] for v in loads.values())}
    finally:
        client.close()
        cluster.close()


def _many_child(folder: str) -> dict:
    import toolkit
    from toolkit.corpus import worker
    from toolkit.nlp import default_pipeline

    start = time.perf_counter()
    nlp = default_pipeline()
    worker.warm_up()                       # the same warm-up as each worker's
    load = time.perf_counter() - start
    cpu = worker.cpu_seconds()
    start = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = toolkit.analyze_many([Path(folder)], nlp=nlp, progress=False)
        rows = sum(len(a.table(layer)) for a in result
                   for layer in ("entities", "quotes", "figures", "timeline"))
    return {"seconds": time.perf_counter() - start, "cpu": worker.cpu_seconds() - cpu,
            "load": load, "articles": len(result), "rows": rows,
            "peak_mb": worker.peak_memory_mb()}


def _many_run(folder: Path) -> dict:
    """``analyze_many`` in a process of its own (spawned, like a worker), so
    that the driver of the runs below stays as small as a user's would."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
        return pool.submit(_many_child, str(folder)).result()


def _said(what: str, numbers: dict) -> dict:
    """Each part's numbers on stderr as soon as it ends (a long run on a busy
    machine may be stopped before the table is printed)."""
    load = " / ".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else ""
    print(f"[{time.strftime('%H:%M:%S')} load {load}] {what}: {json.dumps(numbers)}",
          file=sys.stderr, flush=True)
    return numbers


def run(n: int = 1000, workdir: Path | None = None, stock: bool = False) -> dict:
    """The numbers; ``stock=True`` also runs 1 and 2 workers with Dask's own
    settings (after the others: a stock Nanny leaves its environment behind)."""
    with tempfile.TemporaryDirectory(prefix="corpus-bench-") as tmp:
        base = Path(workdir or tmp)
        folder = base / "articles"
        paths = generated.write_corpus(folder, n)
        words = sum(len(p.read_text(encoding="utf-8").split()) for p in paths)
        many = _said("analyze_many", _many_run(folder))
        one = _said("1 worker", _corpus_run(folder, base / "out1", 1))
        two = _said("2 workers", _corpus_run(folder, base / "out2", 2))
        stock_runs = ([_said(f"{k} stock", _corpus_run(folder, base / f"stock{k}", k, stock=True))
                       for k in (1, 2)] if stock else [])
    per_article_1 = one["seconds"] / n
    return {
        "n": n, "words": words, "cores": os.cpu_count(), "many": many, "one": one, "two": two,
        "stock": stock_runs,
        "speedup_2_vs_1": one["seconds"] / two["seconds"],
        "efficiency": one["seconds"] / two["seconds"] / 2,
        "one_vs_many": one["seconds"] / many["seconds"],
        "resume_share": two["resume"] / two["seconds"],
        "hours_per_million_per_core": per_article_1 * 1e6 / 3600,
        "load": os.getloadavg() if hasattr(os, "getloadavg") else None,
    }


def markdown(r: dict) -> str:
    one, two, many = r["one"], r["two"], r["many"]
    peak = max(one["peak_mb"] + two["peak_mb"])
    lines = [
        f"Corpus mode on {r['n']} generated articles ({r['words']:,} words), "
        f"{r['cores']} logical cores; same run, one pass each.",
        "",
        "| what | time | vs baseline | target |",
        "|---|---|---|---|",
        f"| `analyze_many`, in process, tables built (baseline) | {many['seconds']:.1f} s | 1.00x | |",
        f"| `analyze_corpus`, 1 worker | {one['seconds']:.1f} s | "
        f"{one['seconds'] / many['seconds']:.2f}x | |",
        f"| `analyze_corpus`, 2 workers | {two['seconds']:.1f} s | "
        f"{two['seconds'] / many['seconds']:.2f}x | |",
        f"| speed-up, 2 workers vs 1 | {r['speedup_2_vs_1']:.2f}x | efficiency "
        f"{r['efficiency']:.0%} | >= 1.6x |",
        f"| resume, nothing new (2 workers) | {two['resume']:.2f} s | "
        f"{r['resume_share']:.1%} of the first run | < 5 % |",
        f"| peak memory per worker | {peak:.0f} MB | | < 1 GB |",
        f"| projection, 1 core | {r['hours_per_million_per_core']:.0f} h per million "
        f"articles | | |",
        "",
        f"- cluster start + one pipeline load per worker (not in the times above): "
        f"{one['startup']:.1f} s (1 worker), {two['startup']:.1f} s (2 workers); "
        f"pipeline load in process: {many['load']:.1f} s",
        f"- batches: {one['batches']} (1 worker), {two['batches']} (2 workers); pipeline loads "
        f"per worker: {one['loads']} / {two['loads']}",
        f"- per-worker peak RSS: {', '.join(f'{m:.0f}' for m in one['peak_mb'])} MB (1 worker), "
        f"{', '.join(f'{m:.0f}' for m in two['peak_mb'])} MB (2 workers)",
    ]
    lines += ["", "CPU seconds (user + system) of each process during the run itself "
              "(wall times above depend on the machine's other load; these much less):", "",
              "| run | driver | worker(s) | workers / analyze_many |", "|---|---|---|---|",
              f"| `analyze_many` in a process of its own | | {many['cpu']:.1f} | 1.00x |"]
    for label, x in [("1 worker", one), ("2 workers", two)] + [
            (f"{s['workers']} worker{'s' if s['workers'] > 1 else ''}, Dask's stock settings", s)
            for s in r.get("stock", [])]:
        total = sum(x["worker_cpu"])
        lines.append(f"| {label} | {x['driver_cpu']:.1f} | "
                     f"{' + '.join(f'{c:.1f}' for c in x['worker_cpu'])} | "
                     f"{total / many['cpu']:.2f}x |")
    if r.get("load"):
        lines.append("- load average at the end (1/5/15 min): "
                     + " / ".join(f"{x:.2f}" for x in r["load"]))
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=1000, help="generated articles (default 1000)")
    parser.add_argument("--json", help="also write the numbers to this JSON file")
    parser.add_argument("--stock", action="store_true",
                        help="also run 1 and 2 workers with Dask's stock settings (before/after)")
    args = parser.parse_args(argv)
    result = run(args.n, stock=args.stock)
    print(markdown(result))
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2, default=str), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
