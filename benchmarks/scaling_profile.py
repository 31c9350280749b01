"""Which function grows faster than the text: cProfile of toolkit's components at n and 2n.

    python benchmarks/scaling_profile.py numbers 80000 160000
    python benchmarks/scaling_profile.py in_n_dates 40000 80000 --only toolkit_dates
    python benchmarks/scaling_profile.py --dump spans.json prose 20000   # every span, for diffs

Timings on a shared machine are noise; call counts are not. Each size is run
through spaCy's own components unprofiled, then each toolkit component (and the
resolve step, and the Analysis tables) alone under cProfile. Between two sizes
the script prints, per component, the growth of its calls and seconds, and the
functions whose *call count* grows more than 2.3x per doubling (more calls per
character: the finding) or whose *time per call* grows more than 1.6x while
they take a real share of the component (more work per call: a walk of the
whole Doc, of a sentence or of a growing list inside a loop). Cython
properties (``Doc.ents``, ``Doc.text``, ``Span.sent``) are not profiled calls:
their cost shows as the per-call time of the Python function that reads them.

Shapes: those of :mod:`benchmarks.scaling`, and shapes that stress one suspect
each (text of this script's own making):

``in_n_dates``       sentences full of "in 3 days" dates, some future, some not
``long_sentence``    one sentence of names, places, figures and dates (no full stop)
``quote_paragraph``  the quote-heavy sentences in one paragraph
``number_paragraph`` the number-heavy sentences in one paragraph
``peaks``            long sentences of measures, restatements in other units and
                     peak cues ("peaked at", "a record of")
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import json
import pstats
import random
import sys
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.scaling import SHAPES, _NAMES, _ORGS, _PLACES, _sentence, make_text  # noqa: E402

PUBLISHED = "2025-03-13"
STRESS = ("in_n_dates", "long_sentence", "quote_paragraph", "number_paragraph", "peaks")
_UNITS = ["days", "weeks", "months", "years"]


def stress_text(shape: str, chars: int, seed: int = 11) -> str:
    """About ``chars`` characters of one of the :data:`STRESS` shapes."""
    rng = random.Random(seed)
    parts: list[str] = []
    total = 0
    while total < chars:
        name, place, org = rng.choice(_NAMES), rng.choice(_PLACES), rng.choice(_ORGS)
        n, unit = rng.randrange(2, 12), rng.choice(_UNITS)
        if shape == "in_n_dates":
            piece = rng.choice([
                f"{name} will visit {place} in {n} {unit}, and {org} plans to vote in {n + 1} {unit}.",
                f"Prices in {place} were the lowest in {n} {unit}, {org} said.",
                f"The new bridge is due to open in {n} {unit} and the road in {n + 2} {unit}.",
                f"In {n} {unit} the rent rose twice, {name} said in {place}.",
            ])
        elif shape == "long_sentence":
            piece = rng.choice([
                f"{name} of {org} in {place}",
                f"{n} {unit} ago in {place}",
                f"${n * 7} million for {org}",
                f"{name}, {20 + n}, in {n} {unit}",
                f"{org} and {name} on Tuesday",
            ]) + ","
        elif shape == "peaks":
            piece = rng.choice([
                f"the flooded area in {place} peaked at {n * 110} square kilometres "
                f"({n * 42} square miles),",
                f"down from {n * 90} km² in {n + 2000},",
                f"a record of {n * 3} tonnes for {org},",
                f"up from {n * 2} tonnes, or {n * 4} per cent,",
                f"{n * 12} km ({n * 7} miles) of road,",
            ]) + (" and" if rng.randrange(6) else " and it ended.")
        elif shape == "quote_paragraph":
            piece = _sentence(rng, "quotes")
        elif shape == "number_paragraph":
            piece = _sentence(rng, "numbers")
        else:
            raise ValueError(shape)
        parts.append(piece)
        total += len(piece) + 1
    text = " ".join(parts)
    text = text[:chars].rsplit(" ", 1)[0].rstrip(",")
    return text + "."


def text_of(shape: str, chars: int) -> str:
    return make_text(shape, chars) if shape in SHAPES else stress_text(shape, chars)


def _steps(nlp, text: str):
    """(name, callable) for each step after spaCy's own components, and the Doc."""
    from toolkit.analysis import Analysis, _new_doc
    from toolkit.article import article_from_text
    from toolkit.runner import resolve

    article = article_from_text(text, metadata={"published": PUBLISHED})
    doc = _new_doc(nlp, text, PUBLISHED, article)
    return doc, article, resolve, Analysis


def profile_size(nlp, text: str, only: set[str] | None):
    """``{step: (seconds, pstats.Stats)}`` for one analysis of ``text``."""
    doc, article, resolve, Analysis = _steps(nlp, text)
    out = {}
    for name, proc in nlp.pipeline:
        if not name.startswith("toolkit_") or (only and name not in only):
            doc = proc(doc)
            continue
        prof = cProfile.Profile()
        gc.collect()
        gc.disable()  # the collector's pauses land on whichever call runs: noise here
        start = time.perf_counter()
        prof.enable()
        doc = proc(doc)
        prof.disable()
        out[name] = (time.perf_counter() - start, pstats.Stats(prof))
        gc.enable()
    for name, fn in (("resolve", lambda: resolve(doc, PUBLISHED)),
                     ("tables", lambda: Analysis(doc=doc, article=article).to_dict())):
        if only and name not in only:
            continue
        prof = cProfile.Profile()
        gc.collect()
        gc.disable()
        start = time.perf_counter()
        prof.enable()
        fn()
        prof.disable()
        out[name] = (time.perf_counter() - start, pstats.Stats(prof))
        gc.enable()
    return out, doc


def _label(key) -> str:
    file, line, func = key
    if file == "~":
        return func
    path = Path(file)
    parts = path.parts
    short = "/".join(parts[parts.index("toolkit"):]) if "toolkit" in parts else path.name
    return f"{short}:{line}:{func}"


def compare(small, big, ratio_size: float, top: int) -> list[str]:
    """Lines describing growth from ``small`` to ``big`` (two :func:`profile_size` results)."""
    lines = []
    for step in big:
        if step not in small:
            continue
        (t_a, st_a), (t_b, st_b) = small[step], big[step]
        calls_a = sum(v[1] for v in st_a.stats.values())
        calls_b = sum(v[1] for v in st_b.stats.values())
        lines.append(f"  {step}: calls {calls_a:,} -> {calls_b:,} ({calls_b / max(calls_a, 1):.2f}x), "
                     f"seconds {t_a:.2f} -> {t_b:.2f} ({t_b / max(t_a, 1e-9):.2f}x)")
        more_calls, more_work = [], []
        total_b = sum(v[2] for v in st_b.stats.values()) or 1e-9
        for key, (cc, nc, tt, ct, _) in st_b.stats.items():
            a = st_a.stats.get(key)
            nc_a = a[1] if a else 0
            if nc >= 200 and nc > 2.3 / 2 * ratio_size * max(nc_a, 1):
                more_calls.append((nc - nc_a * ratio_size, key, nc_a, nc, a, tt))
            if a and tt > 0.03 * total_b and tt > 0.05 and a[2] > 0:
                per_a, per_b = a[2] / max(a[1], 1), tt / max(nc, 1)
                if per_b > 1.6 * per_a:
                    more_work.append((tt, key, a, (cc, nc, tt, ct)))
        for _, key, nc_a, nc, a, tt in sorted(more_calls, reverse=True)[:top]:
            lines.append(f"    calls {nc_a:>9,} -> {nc:>9,} ({nc / max(nc_a, 1):5.2f}x)  "
                         f"tottime {a[2] if a else 0:.3f} -> {tt:.3f}  {_label(key)}")
        for tt, key, a, b in sorted(more_work, reverse=True)[:top]:
            lines.append(f"    per call {a[2] / max(a[1], 1) * 1e6:9.1f} -> "
                         f"{b[2] / max(b[1], 1) * 1e6:9.1f} us ({a[1]:,} -> {b[1]:,} calls, "
                         f"tottime {a[2]:.2f} -> {b[2]:.2f} s)  {_label(key)}")
    return lines


def spans_of(doc) -> dict:
    """Every span of every group with its data: to compare outputs before and after a change."""
    from toolkit.analysis import _plain

    out = {}
    for group in sorted(doc.spans):
        rows = []
        for span in doc.spans[group]:
            data = {}
            for attr in ("tk_entity", "tk_date", "tk_quote", "tk_figure"):
                value = getattr(span._, attr, None)
                if value is not None:
                    data[attr] = _plain(value)
            rows.append([span.start_char, span.end_char, span.label_, data])
        out[group] = rows
    out["ents"] = [[e.start_char, e.end_char, e.label_] for e in doc.ents]
    out["sent_starts"] = [s.start_char for s in doc.sents]
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("shape", help=f"one of {', '.join(SHAPES + STRESS)}, or a file path")
    parser.add_argument("sizes", nargs="+", type=int)
    parser.add_argument("--only", help="comma-separated steps (toolkit_dates, resolve, tables, ...)")
    parser.add_argument("--top", type=int, default=12)
    parser.add_argument("--dump", help="write every span (JSON) per size to this file; no profile")
    args = parser.parse_args(argv)
    from toolkit.nlp import load_pipeline

    nlp = load_pipeline()
    nlp.max_length = max(nlp.max_length, max(args.sizes) + 1000)
    warnings.simplefilter("ignore")
    only = set(args.only.split(",")) if args.only else None

    def text_for(size):
        if Path(args.shape).is_file():
            return Path(args.shape).read_text(encoding="utf-8")[:size] if size else \
                Path(args.shape).read_text(encoding="utf-8")
        return text_of(args.shape, size)

    if args.dump:
        from toolkit.analysis import analyze_text

        dump = {str(size): spans_of(analyze_text(text_for(size), published=PUBLISHED,
                                                 nlp=nlp).doc) for size in args.sizes}
        Path(args.dump).write_text(json.dumps(dump, sort_keys=True), encoding="utf-8")
        print(f"wrote {args.dump}")
        return 0
    profile_size(nlp, text_of("prose", 5000), only)  # warm-up: indexes, patterns
    prev = None
    for size in args.sizes:
        text = text_for(size)
        result, doc = profile_size(nlp, text, only)
        print(f"{args.shape} {len(text):,} chars, {len(doc):,} tokens: " + ", ".join(
            f"{k} {v[0]:.2f} s" for k, v in result.items()), flush=True)
        if prev is not None:
            for line in compare(prev[0], result, len(text) / prev[1], args.top):
                print(line, flush=True)
        prev = (result, len(text))
    return 0


if __name__ == "__main__":
    sys.exit(main())
