"""Growth of the running time with the length of the text, for several text shapes.

    python benchmarks/scaling.py                    # load_article and analyze, 10k -> 1.28M chars
    python benchmarks/scaling.py --what load        # only load_article
    python benchmarks/scaling.py --analyze-max 160000 --shapes prose,quotes

For each shape the input doubles from ``--start`` (10,000 characters) to
``--stop`` (1,280,000); each step is timed (best of a few runs while they are
short) and reported as the ratio to the step before. Linear time gives about
2x per doubling; the target is that no doubling costs more than 2.5x.

On a shared machine single timings of a few milliseconds jump by 3x at one
size and 1.3x at the next, so each doubling is the median of paired runs
(n and 2n back to back, alternating which goes first). A same-run linear
baseline on the same texts is shown beside it for comparison (load_article:
read, decode, split into lines and run one regular expression over each;
analyze: the bare spaCy pipeline without toolkit's components). Prints
a markdown table; ``--out`` also writes it to a file. The texts are made here
(general patterns written for this benchmark, no corpus text).

Shapes: ``prose`` (short paragraphs, one per line), ``paragraph`` (one huge
paragraph), ``quotes`` (quote-heavy), ``numbers`` (number-heavy),
``newlines`` (hard-wrapped at 70 columns: single newlines, blank lines between
paragraphs).
"""

from __future__ import annotations

import argparse
import gc
import math
import random
import resource
import statistics
import sys
import tempfile
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

SHAPES = ("prose", "paragraph", "quotes", "numbers", "newlines")
TARGET = 2.5

_NAMES = ["Ana Costa", "Tom Reed", "Mara Olsen", "Ivo Petrov", "Lena Brandt", "Sam Okafor"]
_PLACES = ["Portville", "Eastbay", "Northford", "the valley", "the harbour district"]
_ORGS = ["the council", "the port authority", "the transport ministry", "the water board"]
_VERBS = ["said", "told reporters", "added", "wrote in a statement"]


def _sentence(rng: random.Random, shape: str) -> str:
    name, place, org = rng.choice(_NAMES), rng.choice(_PLACES), rng.choice(_ORGS)
    if shape == "quotes":
        n = rng.randrange(4)
        if n == 0:
            return f"\u201cWe will rebuild {place} before winter,\u201d {name} {rng.choice(_VERBS)}."
        if n == 1:
            return (f"{name} said {org} had made \u201ca serious mistake\u201d and "
                    f"\u201cmust answer for it\u201d.")
        if n == 2:
            return f"\u201cNobody warned us,\u201d said {name}. \u201cNot once.\u201d"
        return f"She says the plan for {place} is \u201cfinished\u201d, according to {name}."
    if shape == "numbers":
        a, b = rng.randrange(2, 900), rng.randrange(1, 99)
        n = rng.randrange(4)
        if n == 0:
            return f"Costs rose {b}.{a % 10}% to ${a} million in 20{b % 30:02d}, {org} said."
        if n == 1:
            return f"About {a:,}0 people lived within {b} km of {place}, up from {a - 1:,}0."
        if n == 2:
            return f"The {b}-year-old driver paid \u20ac{a},{b:02d}0 for {b} tonnes of grain."
        return f"Between {b} and {a} homes, or {b / 3:.1f} per cent, lost power on March {b % 28 + 1}."
    n = rng.randrange(4)
    if n == 0:
        return f"{name} of {org} visited {place} on Tuesday after the storm."
    if n == 1:
        return f"Residents of {place} met {name} to discuss the new sea wall."
    if n == 2:
        return f"The report by {org} found that roads in {place} were closed for weeks."
    return f"{name} said the repairs would take until the spring."


def make_text(shape: str, chars: int, seed: int = 7) -> str:
    """About ``chars`` characters of text of the given shape (deterministic)."""
    rng = random.Random(seed)
    paragraphs: list[str] = []
    total = 0
    while total < chars:
        para = " ".join(_sentence(rng, shape) for _ in range(rng.randrange(2, 5)))
        paragraphs.append(para)
        total += len(para) + 1
    if shape == "paragraph":
        text = " ".join(paragraphs)
    elif shape == "newlines":
        text = "\n\n".join(_wrap(p, 70) for p in paragraphs)
    else:
        text = "\n".join(paragraphs)
    return text[:chars].rsplit(" ", 1)[0] + "."


def _wrap(paragraph: str, width: int) -> str:
    lines, line = [], ""
    for word in paragraph.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    lines.append(line)
    return "\n".join(lines)


def _user_time() -> float:
    """This process's CPU time in user mode: the work of the code itself,
    without the kernel's time for mapping and zeroing memory (which moved
    between 4.5 and 15.8 s for the same 640k-character analysis on the idle
    machine, while user time moved between 26.6 and 26.9 s)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_utime


CLOCKS = {"wall": time.perf_counter, "cpu": time.process_time, "user": _user_time}
_clock = time.perf_counter


def _best_time(fn, *, budget: float = 1.0, max_runs: int = 25) -> float:
    """Seconds per call: the fastest of a few measurements (more while they are
    short), each looping the call until it lasts about 20 ms (as timeit does),
    with the garbage collector paused so its cycles do not land on one size.
    Timed with the clock chosen by ``--clock`` (wall time, this process's CPU
    time, which another process on the other core barely moves, or its user-mode
    CPU time, which leaves out the kernel's memory mapping)."""
    clock = _clock
    gc.collect()
    gc.disable()
    try:
        start = clock()
        fn()
        first = clock() - start
        loops = max(1, int(0.02 / first)) if first > 0 else 1
        best, spent = (first if loops == 1 else float("inf")), first
        for _ in range(max_runs - 1 if loops == 1 else max_runs):
            if spent >= budget:
                break
            start = clock()
            for _ in range(loops):
                fn()
            took = clock() - start
            best = min(best, took / loops)
            spent += took
    finally:
        gc.enable()
    return best


def _baseline_load(path: Path) -> None:
    import re

    text = path.read_bytes().decode("utf-8")
    pattern = re.compile(r"^\s*[A-Z][^.]*$")
    for line in text.split("\n"):
        pattern.match(line)


def measure(what: str, shapes, start: int, stop: int, *, nlp=None,
            folder: Path | None = None, rounds: int = 7) -> list[dict]:
    """Rows ``{"what", "shape", "chars", "seconds", "baseline", "growth",
    "baseline_growth", "error"}``.

    Each doubling is measured as the median of ``rounds`` paired runs (size n,
    then size 2n, alternating which goes first), so drift on a shared machine
    hits both sides of a ratio; ``seconds`` is the fastest run of the size."""
    import toolkit
    from toolkit.article import load_article

    folder = Path(folder or tempfile.mkdtemp(prefix="tk-scaling-"))
    short = 5  # runs per side of a pair while they are short
    if what != "load_article":
        rounds, short = 1, 1  # whole analyses: one run each

    def subject(size_path, text):
        if what == "load_article":
            return lambda: load_article(size_path)
        if nlp is not None and len(text) >= nlp.max_length:
            nlp.max_length = len(text) + 1
        return lambda: toolkit.analyze_text(text, published="2025-03-13", nlp=nlp)

    def baseline(size_path, text):
        if what == "load_article":
            return lambda: _baseline_load(size_path)
        return lambda: _bare_spacy(nlp, text)

    rows = []
    for shape in shapes:
        sizes = []
        size = start
        while size <= stop:
            text = make_text(shape, size)
            path = folder / f"{shape}-{size}.txt"
            path.write_text(text, encoding="utf-8")
            sizes.append((path, text))
            size *= 2
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            subject(*sizes[0])()  # warm-up: patterns compiled, modules imported
            prev_row = None
            for k, (path, text) in enumerate(sizes):
                row = {"what": what, "shape": shape, "chars": len(text), "seconds": None,
                       "baseline": None, "growth": None, "baseline_growth": None, "error": ""}
                try:
                    if k == 0:
                        row["seconds"] = _best_time(subject(path, text), max_runs=rounds)
                        row["baseline"] = _best_time(baseline(path, text), max_runs=rounds)
                    else:
                        small, big = sizes[k - 1], (path, text)
                        ratios, base_ratios, best, best_base = [], [], [], []
                        for r in range(rounds):
                            pair = []
                            for fn in ((subject(*small), subject(*big)) if r % 2 == 0
                                       else (subject(*big), subject(*small))):
                                pair.append(_best_time(fn, budget=0.05, max_runs=short))
                            t_small, t_big = pair if r % 2 == 0 else pair[::-1]
                            ratios.append(t_big / t_small)
                            best.append(t_big)
                            b_small = _best_time(baseline(*small), budget=0.05, max_runs=short)
                            b_big = _best_time(baseline(*big), budget=0.05, max_runs=short)
                            base_ratios.append(b_big / b_small)
                            best_base.append(b_big)
                        row["seconds"], row["baseline"] = min(best), min(best_base)
                        row["growth"] = statistics.median(ratios)
                        row["baseline_growth"] = statistics.median(base_ratios)
                except Exception as exc:  # noqa: BLE001 - a failure is a result here
                    row["error"] = f"{type(exc).__name__}: {str(exc)[:80]}"
                rows.append(row)
                print(_row_line(row), file=sys.stderr, flush=True)
                prev_row = row
                if row["error"]:
                    break
        del prev_row
    return rows


def _bare_spacy(nlp, text: str) -> None:
    from toolkit.pipeline import COMPONENTS

    with nlp.select_pipes(disable=[p for p in nlp.pipe_names
                                   if p in COMPONENTS or p == "toolkit_structure"]):
        nlp(text)


def _row_line(row: dict) -> str:
    seconds = "-" if row["seconds"] is None else f"{row['seconds']:.4f}"
    growth = "" if row["growth"] is None else f"{row['growth']:.2f}x"
    return f"{row['what']} {row['shape']} {row['chars']:,} {seconds} {growth} {row['error']}"


def to_markdown(rows: list[dict], target: float = TARGET) -> str:
    """The table: one line per (function, shape, size), and a verdict per shape."""
    out = ["| function | shape | characters | seconds | growth per doubling | baseline s | "
           f"baseline growth | within {target}x |",
           "|---|---|---:|---:|---:|---:|---:|:---:|"]

    def x(value):
        return "" if value is None else f"{value:.2f}x"

    def sec(value):
        return "-" if value is None else f"{value:.4f}"

    for row in rows:
        ok = "" if row["growth"] is None else ("yes" if row["growth"] <= target else "**no**")
        if row["error"]:
            ok = f"failed: {row['error']}"
        out.append(f"| {row['what']} | {row['shape']} | {row['chars']:,} | {sec(row['seconds'])} "
                   f"| {x(row['growth'])} | {sec(row['baseline'])} | {x(row['baseline_growth'])} "
                   f"| {ok} |")
    worst: dict = {}
    ends: dict = {}
    for row in rows:
        key = (row["what"], row["shape"])
        if row["seconds"]:
            first = ends.get(key, (row, row))[0]
            ends[key] = (first, row)
        if row["growth"] is not None:
            worst[key] = max(worst.get(key, 0.0), row["growth"])
    out += ["", "| function | shape | worst growth per doubling | whole range: time x / "
            "size x (exponent) | verdict |", "|---|---|---:|---:|:---:|"]
    for (what, shape), growth in worst.items():
        first, last = ends[(what, shape)]
        t_x, n_x = last["seconds"] / first["seconds"], last["chars"] / first["chars"]
        exponent = math.log(t_x) / math.log(n_x) if n_x > 1 and t_x > 0 else float("nan")
        out.append(f"| {what} | {shape} | {growth:.2f}x | {t_x:,.1f} / {n_x:,.0f} "
                   f"(n^{exponent:.2f}) | "
                   f"{'linear' if growth <= target else '**grows too fast**'} |")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--what", default="load,analyze",
                        help="load, analyze or both (comma-separated)")
    parser.add_argument("--shapes", default=",".join(SHAPES))
    parser.add_argument("--start", type=int, default=10_000)
    parser.add_argument("--stop", type=int, default=1_280_000)
    parser.add_argument("--analyze-max", type=int, default=None,
                        help="largest text for analyze (default: --stop)")
    parser.add_argument("--out", help="also write the table to this file")
    parser.add_argument("--clock", choices=sorted(CLOCKS), default="wall",
                        help="wall time; this process's CPU time (steadier when other "
                             "work shares the machine; it misses time spent waiting); or its "
                             "user-mode CPU time (the code's own work, without the kernel's "
                             "memory mapping, the steadiest)")
    args = parser.parse_args(argv)
    global _clock
    _clock = CLOCKS[args.clock]
    shapes = [s for s in args.shapes.split(",") if s]
    unknown = set(shapes) - set(SHAPES)
    if unknown:
        parser.error(f"unknown shape(s) {', '.join(sorted(unknown))}; choose from {SHAPES}")
    rows = []
    whats = {w.strip() for w in args.what.split(",")}
    if "load" in whats:
        rows += measure("load_article", shapes, args.start, args.stop)
    if "analyze" in whats:
        from toolkit.nlp import load_pipeline

        nlp = load_pipeline()
        rows += measure("analyze", shapes, args.start, args.analyze_max or args.stop, nlp=nlp)
    table = to_markdown(rows) + f"\n\nClock: {args.clock} time.\n"
    print(table)
    if args.out:
        Path(args.out).write_text(table + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
