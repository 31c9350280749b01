"""toolkit's accuracy suite: one command that measures the engine on public
corpora nobody here wrote, each section side by side with the peer a user
would otherwise pick, in the same run, and writes ACCURACY.md.

    python benchmarks/accuracy.py                 # every section, PolNeAR dev
    python benchmarks/accuracy.py --only quotes   # one section module
    python benchmarks/accuracy.py --limit 20      # the first 20 articles (a quick look)
    python benchmarks/accuracy.py --split train   # look at train while working on rules
                                                  # (ACCURACY.md reports dev only)

It is a command, not a test: it needs ``../shared/corpora`` (or ``--corpora``).

Section modules live beside this file and share one interface::

    def sections(args) -> list[tuple[str, str]]   # (title, markdown) pairs

``accuracy_quotes`` (quotes, speakers, entities) and ``accuracy_numbers``
(figures and dates) are imported when present.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import platform
import sys
import time
import traceback
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.append(str(ROOT))  # PYTHONPATH (another checkout) wins

MODULES = ("accuracy_quotes", "accuracy_numbers")


def _default_corpora() -> Path:
    """../shared/corpora beside the project folder (or beside a worktree's parent)."""
    for candidate in (ROOT.parent / "shared" / "corpora",
                      ROOT.parent.parent / "shared" / "corpora"):
        if candidate.exists():
            return candidate
    return ROOT.parent / "shared" / "corpora"


def parse_args(argv=None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--corpora", type=Path, default=_default_corpora(),
                   help="folder holding polnear/ and recognizers-text/")
    p.add_argument("--split", default="dev", choices=("dev", "train"),
                   help="PolNeAR split (report dev; use train to look for misses)")
    p.add_argument("--limit", type=int, default=0, help="only the first N articles")
    p.add_argument("--only", default="", help="comma-separated module names (quotes,numbers)")
    p.add_argument("--out", type=Path, default=ROOT / "ACCURACY.md")
    p.add_argument("--errors", type=int, default=0,
                   help="print up to N misses of each class to stderr (for rule work)")
    args = p.parse_args(argv)
    if not args.corpora.exists():
        p.error(f"no corpora at {args.corpora}: pass --corpora DIR (the folder holding "
                "polnear/ and recognizers-text/)")
    return args


def main(argv=None) -> int:
    args = parse_args(argv)
    wanted = {w.strip() for w in args.only.split(",") if w.strip()}
    parts: list[tuple[str, str]] = []
    started = time.perf_counter()
    for name in MODULES:
        if wanted and name.removeprefix("accuracy_") not in wanted:
            continue
        if not (HERE / f"{name}.py").exists():
            continue
        module = importlib.import_module(name)
        try:
            parts.extend(module.sections(args))
        except Exception:  # a broken section is reported, not fatal for the others
            parts.append((f"{name}: failed", "```\n" + traceback.format_exc() + "```"))
    took = time.perf_counter() - started
    head = [
        "# Accuracy",
        "",
        "Written by `python benchmarks/accuracy.py` "
        f"({dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC, {took:.0f} s, "
        f"Python {platform.python_version()}, split `{args.split}`"
        + (f", first {args.limit} articles" if args.limit else "") + ").",
        "Every peer runs in the same run on the same texts. Rules were studied on PolNeAR "
        "train only; the numbers below are for the split named above.",
        "",
    ]
    body = []
    for title, markdown in parts:
        body += [f"## {title}", "", markdown.rstrip(), ""]
    text = "\n".join(head + body)
    args.out.write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
