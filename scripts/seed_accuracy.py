"""Score an analysis against an expectations file (the format of
tests/data/seed_expectations.json): required items found, per section.

    python scripts/seed_accuracy.py [ARTICLE] [EXPECTATIONS] [--published DATE] [-v]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _norm(text: str) -> str:
    text = text.replace("’", "'").replace("“", '"').replace("”", '"')
    return re.sub(r"\s+", " ", text).strip(" \t\n.,;:!?\"'").lower()


def _same_content(found: str, wanted: str) -> bool:
    a, b = _norm(found), _norm(wanted)
    return a == b


def score_quotes(analysis, items):
    results = []
    for item in items:
        rows = [r for r in analysis.quotes.to_dict("records")
                if _same_content(r["content"], item["content"])]
        ok = any(r["speaker"] == item["speaker"] and r["kind"] == item["kind"] for r in rows)
        why = "" if ok else (f"found as {[(r['kind'], r['speaker']) for r in rows]}" if rows
                             else "content not found")
        results.append((item["content"][:60], ok, why))
    return results


def _occurrence(text: str, needle: str, n: int) -> int:
    pos = -1
    for _ in range(n):
        pos = text.find(needle, pos + 1)
        if pos < 0:
            return -1
    return pos


def score_figures(analysis, items):
    results = []
    frame = analysis.figures.to_dict("records")
    for item in items:
        start = _occurrence(analysis.text, item["text"], item.get("occurrence", 1))
        end = start + len(item["text"])
        rows = [r for r in frame if r["start"] <= start and r["end"] >= end
                or (r["start"] >= start and r["end"] <= end and r["end"] > r["start"])]
        problems = []
        if not rows:
            problems.append("not found")
        else:
            row = rows[0]
            if row["type"] != item["type"]:
                problems.append(f"type {row['type']}")
            for key in ("value", "low", "high", "unit", "qualifier", "consistent"):
                if key in item and item[key] is not None and row.get(key) != item[key]:
                    if key == "value" and item["type"] == "date":
                        continue
                    if isinstance(item[key], (int, float)) and isinstance(row.get(key), (int, float)) \
                            and abs(row[key] - item[key]) < 1e-6:
                        continue
                    problems.append(f"{key} {row.get(key)!r}")
            if "conversion_of" in item and not row.get("conversion_of"):
                problems.append("conversion not linked")
            if "source" in item and row.get("source") != item["source"]:
                problems.append(f"source {row.get('source')!r}")
        results.append((item["text"], not problems, ", ".join(problems)))
    return results


def score_timeline(analysis, items):
    results = []
    frame = analysis.timeline.to_dict("records")
    for item in items:
        start = _occurrence(analysis.text, item["text"], item.get("occurrence", 1))
        rows = [r for r in frame if r["start"] <= start < r["end"]]
        ok = any(r["date"] == item["date"] for r in rows)
        why = "" if ok else (f"date {[r['date'] for r in rows]}" if rows else "not found")
        results.append((item["text"], ok, why))
    return results


def score_entities(analysis, items):
    results = []
    frame = analysis.entities.to_dict("records")
    accepted = {"Kursk": {"GPE", "LOC"}, "Zaporizhzhia": {"FAC", "GPE"}, "Kremlin": {"ORG", "FAC"}}
    for item in items:
        labels = accepted.get(item["text"], {item["label"]})
        rows = [r for r in frame if r["text"] == item["text"]]
        problems = []
        if not rows:
            problems.append("not found")
        elif any(r["label"] not in labels for r in rows):
            problems.append(f"labels {sorted({r['label'] for r in rows})}")
        canonical = item.get("canonical")
        if canonical:
            for alias in item.get("aliases", []):
                alias_rows = [r for r in frame if r["text"] == alias]
                if not alias_rows or any(r["canonical"] != canonical for r in alias_rows):
                    problems.append(f"alias {alias!r} -> {[r['canonical'] for r in alias_rows]}")
        results.append((item["text"], not problems, "; ".join(problems)))
    return results


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("article", nargs="?", default=str(ROOT / "seeds/000_167db89937512398.txt"))
    parser.add_argument("expectations", nargs="?",
                        default=str(ROOT / "tests/data/seed_expectations.json"))
    parser.add_argument("--published", default=None)
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args(argv)

    import toolkit

    gold = json.loads(Path(args.expectations).read_text(encoding="utf-8"))
    published = args.published or gold.get("timeline", {}).get("with_published")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        analysis = toolkit.analyze(args.article, published=published)
    sections = {
        "quotes": score_quotes(analysis, gold["quotes"]["required"]),
        "figures": score_figures(analysis, gold["figures"]["required"]),
        "timeline": score_timeline(analysis, gold["timeline"]["required"]),
        "entities": score_entities(analysis, gold["entities"]["required"]),
    }
    print("| section | required found |\n|---|---|")
    total = found = 0
    for name, results in sections.items():
        ok = sum(1 for _, good, _ in results if good)
        total += len(results)
        found += ok
        print(f"| {name} | {ok}/{len(results)} |")
    print(f"| **all** | **{found}/{total}** |")
    if args.verbose:
        for name, results in sections.items():
            for label, good, why in results:
                if not good:
                    print(f"  MISS {name}: {label!r}: {why}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
