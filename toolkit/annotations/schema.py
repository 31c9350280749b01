"""The record schema: every field of a stored annotation, its type and range.

:func:`from_file` turns one object of the file into a record. A record that
breaks the schema (a label that is a number, a note that is an object, a start
that is ``true``, a date that is not a date, ...) is not refused as a whole
and never reaches a renderer as it is: it comes back with every bad field set
to a safe value, ``orphan=True`` and ``orphan_reason`` saying what was wrong,
and its original object is kept so that saving writes it back unchanged.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from toolkit.decoding import clean_text

STATUSES = ("verified", "disputed", "needs source")
#: The layers an annotation can belong to (those the view and the renderers draw).
LAYERS = ("entities", "quotes", "figures", "timeline")
DECISIONS = ("confirmed", "rejected")
PROVENANCES = ("engine", "analyst", "import", "review")

#: Every record has exactly these keys. ``author`` is the W3C ``creator``
#: (the annotator's name); ``settles`` lists the analysts' decisions a
#: reviewer's record settled (``"<annotator>:<id>"``).
FIELDS = ("id", "start", "end", "exact", "prefix", "suffix", "layer", "label",
          "provenance", "engine_id", "engine_label", "decision", "status", "note",
          "speaker", "author", "created", "modified", "orphan", "anchored_by",
          "orphan_reason", "settles")
SELECTOR_FIELDS = {"id", "start", "end", "exact", "prefix", "suffix"}
EDITABLE = {"label", "layer", "decision", "status", "note", "speaker"}

_TEXT_OR_NONE = ("engine_label", "note", "speaker", "author", "anchored_by",
                 "orphan_reason")
_PLAIN = tuple(k for k in FIELDS if k not in SELECTOR_FIELDS)
_OUT = tuple(("creator" if k == "author" else k, k, k in ("orphan_reason", "settles"))
             for k in _PLAIN)


def _is_int(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def is_time(value) -> bool:
    if not isinstance(value, str):
        return False
    try:
        dt.datetime.fromisoformat(value)
    except ValueError:
        return False
    return True


def problems(rec: dict) -> list[str]:
    """What is wrong with a record, one phrase per field (empty: nothing)."""
    out = []
    if not isinstance(rec.get("id"), str) or not rec["id"]:
        out.append("'id' is not text")
    start, end = rec.get("start"), rec.get("end")
    if not (_is_int(start) and _is_int(end) and 0 <= start < end):
        out.append(f"offsets {start!r}-{end!r} are not whole numbers 0 <= start < end")
    for key in ("exact", "prefix", "suffix"):
        if not isinstance(rec.get(key), str):
            out.append(f"'{key}' is not text")
    if isinstance(rec.get("exact"), str) and not rec["exact"]:
        out.append("'exact' is empty")
    if not isinstance(rec.get("label"), str) or not rec["label"].strip():
        out.append(f"'label' is not a non-empty text ({_short(rec.get('label'))})")
    if rec.get("layer") not in LAYERS:
        out.append(f"'layer' {_short(rec.get('layer'))} is not one of {LAYERS}")
    if rec.get("provenance") not in PROVENANCES:
        out.append(f"'provenance' {rec.get('provenance')!r} is not one of {PROVENANCES}")
    if rec.get("decision") not in (None, *DECISIONS):
        out.append(f"'decision' {rec.get('decision')!r} is not one of {DECISIONS}")
    if rec.get("status") not in (None, *STATUSES):
        out.append(f"'status' {rec.get('status')!r} is not one of {STATUSES}")
    for key in _TEXT_OR_NONE:
        if rec.get(key) is not None and not isinstance(rec[key], str):
            out.append(f"'{key}' is not text ({type(rec[key]).__name__})")
    if rec.get("engine_id") is not None and not isinstance(rec["engine_id"], (str, int)):
        out.append("'engine_id' is not text")
    if not is_time(rec.get("modified")):
        out.append(f"'modified' {rec.get('modified')!r} is not an ISO date and time")
    if rec.get("created") is not None and not is_time(rec["created"]):
        out.append(f"'created' {rec.get('created')!r} is not an ISO date and time")
    if not isinstance(rec.get("orphan"), bool):
        out.append("'orphan' is not true or false")
    settles = rec.get("settles")
    if settles is not None and not (isinstance(settles, list)
                                    and all(isinstance(s, str) for s in settles)):
        out.append("'settles' is not a list of texts")
    return out


def _short(value) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _clean(value):
    """Text with lone surrogates and control characters replaced one for one
    (a ``\\ud800`` escape in the file reads as one; no renderer can encode it)."""
    return clean_text(value)[0] if isinstance(value, str) else value


def _safe(rec: dict, index: int) -> dict:
    """The record with every field that breaks the schema made harmless."""
    safe: dict[str, Any] = {}
    safe["id"] = rec["id"] if isinstance(rec.get("id"), str) and rec["id"] \
        else f"invalid_{index}"
    for key in ("start", "end"):
        safe[key] = rec[key] if _is_int(rec.get(key)) and rec[key] >= 0 else 0
    for key in ("exact", "prefix", "suffix"):
        safe[key] = rec[key] if isinstance(rec.get(key), str) else ""
    safe["label"] = rec["label"] if isinstance(rec.get("label"), str) and rec["label"].strip() \
        else "?"
    safe["layer"] = rec["layer"] if rec.get("layer") in LAYERS else "entities"
    safe["provenance"] = rec.get("provenance") if rec.get("provenance") in PROVENANCES \
        else "analyst"
    safe["decision"] = rec.get("decision") if rec.get("decision") in DECISIONS else None
    safe["status"] = rec.get("status") if rec.get("status") in STATUSES else None
    for key in _TEXT_OR_NONE:
        safe[key] = rec[key] if isinstance(rec.get(key), str) else None
    safe["engine_id"] = rec["engine_id"] if isinstance(rec.get("engine_id"), (str, int)) \
        else None
    safe["modified"] = rec["modified"] if is_time(rec.get("modified")) \
        else "1970-01-01T00:00:00+00:00"
    safe["created"] = rec["created"] if is_time(rec.get("created")) else None
    settles = rec.get("settles")
    safe["settles"] = settles if isinstance(settles, list) \
        and all(isinstance(s, str) for s in settles) else None
    safe["orphan"] = True
    return safe


def from_file(obj: Any, index: int) -> tuple[dict, str | None]:
    """``(record, None)`` for a good object of the file; ``(safe record,
    reason)`` for one that breaks the schema (see the module docstring)."""
    if not isinstance(obj, dict):
        rec = _safe({}, index)
        rec["orphan_reason"] = f"annotation #{index + 1} is not an object"
        return rec, rec["orphan_reason"]
    selectors = obj.get("target", {}).get("selector") if isinstance(obj.get("target"), dict) \
        else None
    selectors = selectors if isinstance(selectors, list) else []
    pos = next((s for s in selectors if isinstance(s, dict)
                and s.get("type") == "TextPositionSelector"), {})
    quote = next((s for s in selectors if isinstance(s, dict)
                  and s.get("type") == "TextQuoteSelector"), {})
    get = obj.get
    rec = {key: get(key) for key in _PLAIN}
    rec.update(id=obj.get("id"), start=pos.get("start"), end=pos.get("end"),
               exact=quote.get("exact"), prefix=quote.get("prefix", ""),
               suffix=quote.get("suffix", ""))
    if rec.get("author") is None and "creator" in obj:  # the W3C name wins when both
        rec["author"] = obj["creator"]
    elif "creator" in obj:
        rec["author"] = obj["creator"]
    if rec.get("orphan") is None:
        rec["orphan"] = False
    rec = {k: _clean(v) for k, v in rec.items()}
    if isinstance(rec.get("settles"), list):
        rec["settles"] = [_clean(v) for v in rec["settles"]]
    wrong = problems(rec)
    if not wrong:
        return rec, None
    safe = _safe(rec, index)
    reason = "; ".join(wrong)
    safe["orphan_reason"] = f"invalid record: {reason}"
    return safe, reason


def to_file(rec: dict) -> dict:
    """One record as an object of the file (W3C selectors, ``creator``)."""
    out = {"id": rec["id"], "target": {"selector": [
        {"type": "TextPositionSelector", "start": rec["start"], "end": rec["end"]},
        {"type": "TextQuoteSelector", "exact": rec["exact"], "prefix": rec["prefix"],
         "suffix": rec["suffix"]}]}}
    get = rec.get
    for name, key, optional in _OUT:
        value = get(key)
        if value is None and optional:
            continue  # absent unless set: files stay as they were
        out[name] = value
    return out
