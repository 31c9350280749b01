"""Seconds per pipeline component as the text doubles: which component grows too fast.

    python benchmarks/scaling_components.py numbers 80000 160000 320000
    python benchmarks/scaling_components.py paragraph 160000 320000

The texts are those of :mod:`benchmarks.scaling` (``make_text``). Each size is
analysed once, component by component (the same Doc handed from one to the
next, as ``nlp(doc)`` does), and the line printed per size gives every
component's seconds with its growth over the size before, and the ratio of
toolkit's components (plus the resolve step) to spaCy's own components on the
same Doc. On a shared machine that ratio moves much less with the load than
the seconds do: if it stays flat while the text doubles, toolkit's work grows
as spaCy's does (linearly).
"""

from __future__ import annotations

import sys
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.scaling import SHAPES, make_text  # noqa: E402

PUBLISHED = "2025-03-13"


def time_components(nlp, text: str) -> dict[str, float]:
    """``{component: seconds}`` for one analysis of ``text`` (plus ``resolve``)."""
    from toolkit.analysis import _new_doc
    from toolkit.article import article_from_text
    from toolkit.runner import resolve

    doc = _new_doc(nlp, text, PUBLISHED,
                   article_from_text(text, metadata={"published": PUBLISHED}))
    out: dict[str, float] = {}
    for name, proc in nlp.pipeline:
        start = time.perf_counter()
        doc = proc(doc)
        out[name] = time.perf_counter() - start
    start = time.perf_counter()
    resolve(doc, PUBLISHED)
    out["resolve"] = time.perf_counter() - start
    return out


def is_toolkit(name: str) -> bool:
    return name.startswith("toolkit_") or name == "resolve"


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) < 2 or args[0] not in SHAPES:
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        print(f"shapes: {', '.join(SHAPES)}", file=sys.stderr)
        return 2
    from toolkit.nlp import load_pipeline

    shape, sizes = args[0], [int(a) for a in args[1:]]
    nlp = load_pipeline()
    nlp.max_length = max(nlp.max_length, max(sizes) + 1000)
    warnings.simplefilter("ignore")
    time_components(nlp, make_text(shape, 5000))  # warm-up
    prev = None
    for size in sizes:
        took = time_components(nlp, make_text(shape, size))
        ours = sum(v for k, v in took.items() if is_toolkit(k))
        spacy_s = sum(v for k, v in took.items() if not is_toolkit(k))
        print(f"{shape} {size:,} chars: all {ours + spacy_s:.2f} s, spaCy {spacy_s:.2f} s, "
              f"toolkit {ours:.2f} s, toolkit/spaCy {ours / spacy_s:.2f}", flush=True)
        print("   " + " ".join(
            f"{k}={v:.2f}" + (f" ({v / prev[k]:.1f}x)" if prev and prev.get(k) else "")
            for k, v in took.items()), flush=True)
        prev = took
    return 0


if __name__ == "__main__":
    sys.exit(main())
