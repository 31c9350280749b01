"""Exchange formats: the W3C Web Annotation JSON-LD collection, and JSONL
spans for Prodigy and doccano (export and import)."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Iterable

from toolkit._files import atomic_write_bytes
from toolkit.annotations.anchoring import anchor, quote_selector
from toolkit.annotations.files import text_sha256
from toolkit.errors import ToolkitError


def to_jsonld(store) -> dict:
    """The store as a W3C Web Annotation ``AnnotationCollection`` (JSON-LD)."""
    source = store.source or (str(store.path) if store.path else "urn:toolkit:article")
    if source and "://" not in source and not source.startswith("urn:"):
        source = Path(source).expanduser().resolve().as_uri()
    items = []
    for rec in store.records:
        bodies = [{"type": "TextualBody", "purpose": "tagging", "value": rec["label"]}]
        if rec["note"]:
            bodies.append({"type": "TextualBody", "purpose": "commenting",
                           "value": rec["note"]})
        for key in ("status", "decision"):
            if rec[key]:
                bodies.append({"type": "TextualBody", "purpose": "assessing",
                               "value": rec[key]})
        if rec["speaker"]:
            bodies.append({"type": "TextualBody", "purpose": "identifying",
                           "value": rec["speaker"]})
        items.append({
            "id": f"urn:toolkit:annotation:{rec['id']}",
            "type": "Annotation",
            "motivation": "commenting" if rec["note"] else "tagging",
            "created": rec["created"], "modified": rec["modified"],
            "creator": {"type": "Person", "nickname": rec["author"]},
            "generator": {"type": "Software", "name": "toolkit"},
            "body": bodies,
            "target": {"source": source, "selector": [
                {"type": "TextPositionSelector", "start": rec["start"], "end": rec["end"]},
                {"type": "TextQuoteSelector", "exact": rec["exact"],
                 "prefix": rec["prefix"], "suffix": rec["suffix"]}]},
            "toolkit:layer": rec["layer"], "toolkit:provenance": rec["provenance"],
            "toolkit:orphan": rec["orphan"],
        })
    return {"@context": ["http://www.w3.org/ns/anno.jsonld",
                         {"toolkit": "urn:toolkit:vocab#"}],
            "id": f"urn:toolkit:collection:{text_sha256(source)[:16]}",
            "type": "AnnotationCollection", "total": len(items),
            "first": {"type": "AnnotationPage", "items": items}}

def export_jsonld(store, path) -> Path:
    path = Path(os.fspath(path))
    atomic_write_bytes(path, (json.dumps(store.to_jsonld(), ensure_ascii=False, indent=2)
                         + "\n").encode("utf-8"))
    return path

def spans(store, highlights: Iterable[dict] | None = None) -> list[dict]:
    """``[{"start", "end", "label"}]``: the effective spans (engine output with
    decisions applied, when ``highlights`` is given) or the store's own;
    rejected spans and orphans left out."""
    items = store.apply(highlights) if highlights is not None else [
        {"start": r["start"], "end": r["end"], "label": r["label"], "decision": r["decision"]}
        for r in store.records if not r["orphan"]]
    return [{"start": h["start"], "end": h["end"], "label": h["label"]}
            for h in items if h.get("decision") != "rejected"]

def to_jsonl(store, highlights: Iterable[dict] | None = None) -> str:
    """One JSON line ``{"text", "spans": [...], "label": [[s, e, l], ...]}``:
    ``spans`` for Prodigy, ``label`` for doccano."""
    text = store._require_text()
    spans = store.spans(highlights)
    line = {"text": text, "spans": spans,
            "label": [[s["start"], s["end"], s["label"]] for s in spans],
            "meta": {"source": store.source}}
    return json.dumps(line, ensure_ascii=False) + "\n"

def export_jsonl(store, path, highlights: Iterable[dict] | None = None) -> Path:
    path = Path(os.fspath(path))
    atomic_write_bytes(path, store.to_jsonl(highlights).encode("utf-8"))
    return path

def import_jsonl(store, source, *, layer: str = "entities") -> dict:
    """Add the spans of a JSONL file (or a string of JSON lines) made by
    :meth:`to_jsonl`, Prodigy or doccano. Each line's own text anchors its
    spans, which are then placed in this article's text; spans that cannot be
    placed come back in ``"orphans"``. Spans already in the store are skipped.
    """
    text = store._require_text()
    try:
        is_file = isinstance(source, (str, os.PathLike)) and "\n" not in str(source) \
            and Path(os.fspath(source)).is_file()
    except (OSError, ValueError):  # a name too long, a NUL: a string of JSON lines
        is_file = False
    if is_file:
        where = str(source)
        try:
            lines = Path(os.fspath(source)).read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise ToolkitError("TK206", path=where, line=0, why=str(exc)[:200]) from exc
    else:
        where, lines = "<string>", str(source).splitlines()
    have = {(r["start"], r["end"], r["label"]) for r in store.records}
    added, orphans = [], []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            line_text = item["text"]
            raw = item.get("spans")
            if raw is None:
                raw = [{"start": s, "end": e, "label": lab} for s, e, lab in item.get("label", [])]
            spans = [(int(s["start"]), int(s["end"]), str(s["label"])) for s in raw]
            if not isinstance(line_text, str):
                raise TypeError("'text' is not a string")
        except (json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
            raise ToolkitError("TK206", path=where, line=number, why=str(exc)) from exc
        for start, end, label in spans:
            if not 0 <= start < end <= len(line_text):
                orphans.append({"line": number, "start": start, "end": end, "label": label,
                                "why": "offsets outside the line's text"})
                continue
            q = quote_selector(line_text, start, end)
            placed = anchor(text, start, end, q["exact"], q["prefix"], q["suffix"])
            if placed is None:
                orphans.append({"line": number, "start": start, "end": end, "label": label,
                                "text": q["exact"], "why": "not found in this article"})
                continue
            s, e, _how = placed
            if (s, e, label) in have or not text[s:e].strip():
                continue
            have.add((s, e, label))
            added.append(store.add(s, e, label, layer=layer, provenance="import"))
    return {"added": added, "orphans": orphans}


