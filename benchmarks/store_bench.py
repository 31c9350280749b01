"""Benchmark 5: the annotation store with thousands of annotations.

* save: the median time of one change saved to disk (``store.update(...)``,
  which locks, merges with the file and writes it atomically) against writing
  the same records with a plain ``json.dump`` to a file;
* load + re-anchor: opening the store against the article's text after an edit
  near the top (every annotation's offsets shift) against a plain ``json.loads``
  of the same file.
"""

from __future__ import annotations

import json
import random
import re
import statistics
import tempfile
import time
from pathlib import Path

import corpus

LABELS = ["PERSON", "ORG", "GPE", "needs source", "check figure", "quote"]
EDIT = "Editor's note: this report was updated after publication to add new figures. "


def _spans(text: str, n: int, seed: int) -> list[tuple[int, int]]:
    """``n`` word spans (one to four words) spread over ``text``."""
    words = [m.span() for m in re.finditer(r"[A-Za-z][\w'’-]*", text)]
    rng = random.Random(seed)
    out = set()
    while len(out) < n:
        i = rng.randrange(len(words) - 4)
        k = rng.randint(0, 3)
        out.add((words[i][0], words[i + k][1]))
    return sorted(out)


def run(store_cls, n: int, repeats: int, words: int = 50_000) -> dict:
    text = corpus.long_article(words)
    spans = _spans(text, n, seed=corpus.SEED)
    rng = random.Random(corpus.SEED)
    records = [{"id": f"an_{i:05d}", "start": s, "end": e, "exact": text[s:e],
                "label": rng.choice(LABELS), "layer": "entities", "provenance": "analyst",
                "note": f"note {i}" if i % 5 == 0 else None}
               for i, (s, e) in enumerate(spans)]
    first_break = text.index("\n") + 1
    edited = text[:first_break] + EDIT + text[first_break:]
    with tempfile.TemporaryDirectory(prefix="tk-store-") as tmp:
        tmp = Path(tmp)
        path = tmp / "article.annotations.json"
        memory = store_cls.from_records(records, text)
        memory.path = path              # give the memory-only store a file, then save
        memory.source = "article.txt"
        memory.save()
        pristine = path.read_bytes()
        store = store_cls(path, text=text)
        assert len(store) == n, f"store holds {len(store)} annotations, expected {n}"
        ids = [r["id"] for r in store.records]

        # save: one change, written at once
        plain_path = tmp / "plain.json"
        payload = json.loads(pristine)
        saves, plain = [], []
        for i in range(repeats):
            t0 = time.perf_counter()
            store.update(ids[(i * 997) % n], note=f"edited {i}")
            saves.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            plain_path.write_text(json.dumps(payload, ensure_ascii=False, indent=2),
                                  encoding="utf-8")
            plain.append(time.perf_counter() - t0)

        # load + re-anchor after an edit near the top
        loads, plain_loads, final = [], [], []
        for _ in range(min(repeats, 3)):
            path.write_bytes(pristine)
            t0 = time.perf_counter()
            reopened = store_cls(path, text=edited)
            loads.append(time.perf_counter() - t0)
            final = reopened.records
            t0 = time.perf_counter()
            json.loads(path.read_bytes())
            plain_loads.append(time.perf_counter() - t0)
        moved = sum(1 for r in final if r.get("anchored_by") in ("quote", "fuzzy"))
        orphans = sum(1 for r in final if r.get("orphan"))
        ambiguous = sum(1 for s, e in spans
                        if edited.count(text[max(0, s - 32):e + 32]) > 1)
        size = len(pristine)

    med = statistics.median
    save_ratio = med(saves) / med(plain)
    load_ratio = med(loads) / med(plain_loads)
    figures = [
        {"what": f"save one change, {n:,} annotations", "value": med(saves), "unit": "s",
         "baseline": med(plain), "baseline_what": "json.dump of the same records",
         "ratio": save_ratio, "target": "< 50 ms", "met": med(saves) < 0.050},
        {"what": f"load + re-anchor {n:,} annotations after an edit near the top",
         "value": med(loads), "unit": "s", "baseline": med(plain_loads),
         "baseline_what": "json.loads of the same file", "ratio": load_ratio,
         "target": "< 1 s", "met": med(loads) < 1.0},
    ]
    fmt = lambda xs: ", ".join(f"{x * 1000:.1f}" for x in xs) + " ms"  # noqa: E731
    details = [
        f"- {n:,} annotations (one to four words each) on the {len(text.split()):,}-word "
        f"article; store file {size / 1e6:.2f} MB",
        f"- save (`store.update(id, note=...)`: lock, merge with disk, atomic write): {fmt(saves)}",
        f"- plain `json.dump` of the same records: {fmt(plain)}",
        f"- the edit: {len(EDIT)} characters inserted after the first line, shifting "
        f"every annotation after it; re-anchored {moved:,}, orphaned {orphans:,} "
        f"(of which {ambiguous:,} are truly ambiguous: the words with 32 characters of "
        f"context either side occur more than once in the templated text)",
        f"- load + re-anchor (`AnnotationStore(path, text=edited)`, which also saves the "
        f"moved positions): {fmt(loads)}",
        f"- plain `json.loads` of the file: {fmt(plain_loads)}",
    ]
    return {"figures": figures, "details": details}
