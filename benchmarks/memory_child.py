"""Child process for the peak-memory benchmark: does one job, prints its max RSS.

    python benchmarks/memory_child.py toolkit FOLDER   # analyze_many(FOLDER), defaults
    python benchmarks/memory_child.py bare FOLDER      # list(nlp.pipe(texts)), same files
    python benchmarks/memory_child.py load FOLDER      # only load the pipeline

Prints one JSON line: {"mode", "articles", "max_rss_mb", "seconds"}. Run in a
fresh process so the figure is this job's peak and nothing else's.
"""

from __future__ import annotations

import json
import resource
import sys
import time
import warnings
from pathlib import Path


def main(mode: str, folder: str) -> dict:
    start = time.perf_counter()
    files = sorted(Path(folder).glob("*.txt"))
    if mode == "toolkit":
        import toolkit

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            result = toolkit.analyze_many([folder], progress=False)
            tables = [result.entities, result.quotes, result.figures, result.timeline]
        n = len(result)
        del tables
    else:
        from toolkit.nlp import default_pipeline

        nlp = default_pipeline()
        n = 0
        if mode == "bare":
            docs = list(nlp.pipe(p.read_text(encoding="utf-8") for p in files))
            n = len(docs)
    return {"mode": mode, "articles": n, "max_rss_mb": peak_rss_kib() / 1024,
            "seconds": time.perf_counter() - start}


def peak_rss_kib() -> int:
    """This process's own peak RSS. ``VmHWM`` belongs to the address space made by
    exec; ``ru_maxrss`` is not used because Linux carries it over from the
    forked parent, so a child of a big process would report the parent's size."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1], sys.argv[2])))
