"""The durable annotation store: what the analyst decided, kept beside the article.

An :class:`AnnotationStore` is a human-readable JSON file (by default
``<article>.annotations.json`` next to the article). Each annotation anchors to
the text twice, as in the W3C Web Annotation model: a ``TextPositionSelector``
(code-point offsets) and a ``TextQuoteSelector`` (the exact words with a little
context before and after). When the article text changes, each annotation is
re-anchored: its position if the words there still match, else its quote, else a
fuzzy match; what cannot be placed with confidence is an *orphan*, reported and
kept, never dropped and never moved onto other words.

Every change is written at once: to a temporary file, flushed and fsynced, then
renamed over the store, the previous version kept as ``.bak``. Writers take a
file lock and merge what is on disk with their own changes, so two kernels
working on the same store lose no update (the file is read and merged only when
it changed since this writer last read or wrote it: device, inode, size and
mtime). The file holds one compact JSON line per annotation, so a change is a
one-line diff and a save re-encodes only the changed lines. A file that does
not parse gives error TK201 and is never overwritten.

Re-anchoring goes in text order: each annotation is tried where the edit put
it (from the old text, when the store knew it) or where its neighbours moved,
then where it was, then by its quote with its whole context (taken when it
occurs once), then by :func:`anchor`.

Records are plain dicts (see :data:`FIELDS`). ``provenance`` is ``"engine"`` for
a decision about something the engine found (confirm, reject, relabel, a new
speaker, a status, a note) and ``"analyst"`` (or ``"import"``) for a span the
analyst added. Decisions override the engine's output whenever the article is
analysed again (:meth:`AnnotationStore.apply`).
"""

from __future__ import annotations

import copy
import datetime as dt
import getpass
import hashlib
import json
import os
import uuid
from pathlib import Path
from typing import Any, Callable, Iterable

from toolkit.errors import ToolkitError

FORMAT = "toolkit.annotations"
VERSION = 1
CONTEXT = 32  # code points of prefix / suffix kept with each quote
STATUSES = ("verified", "disputed", "needs source")
DECISIONS = ("confirmed", "rejected")
PROVENANCES = ("engine", "analyst", "import")
LOCK_TIMEOUT = 20.0

#: Every record has exactly these keys.
FIELDS = ("id", "start", "end", "exact", "prefix", "suffix", "layer", "label",
          "provenance", "engine_id", "engine_label", "decision", "status", "note",
          "speaker", "author", "created", "modified", "orphan", "anchored_by")
_EDITABLE = {"label", "layer", "decision", "status", "note", "speaker"}


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="microseconds")


def _author() -> str:
    try:
        return os.environ.get("TOOLKIT_AUTHOR") or getpass.getuser()
    except Exception:  # noqa: BLE001 (no user database in some containers)
        return "analyst"


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def default_store_path(article_path) -> Path:
    """``<article>.annotations.json`` beside the article (absolute)."""
    path = Path(os.fspath(article_path)).expanduser().resolve()
    return path.with_name(path.name + ".annotations.json")


# -- anchoring ------------------------------------------------------------------

def quote_selector(text: str, start: int, end: int, context: int = CONTEXT) -> dict:
    """``{"exact", "prefix", "suffix"}`` for ``text[start:end]``."""
    return {"exact": text[start:end], "prefix": text[max(0, start - context):start],
            "suffix": text[end:end + context]}


def _context_score(text: str, start: int, end: int, prefix: str, suffix: str) -> float:
    """How well the words around ``text[start:end]`` agree with the saved context (0-1)."""
    from rapidfuzz import fuzz

    scores = []
    if prefix:
        scores.append(fuzz.ratio(text[max(0, start - len(prefix)):start], prefix) / 100)
    if suffix:
        scores.append(fuzz.ratio(text[end:end + len(suffix)], suffix) / 100)
    return sum(scores) / len(scores) if scores else 1.0


def _edge_match(text: str, start: int, end: int, prefix: str, suffix: str) -> int:
    """How many characters right next to the span agree with the saved context."""
    left = 0
    while left < len(prefix) and start - left - 1 >= 0 \
            and text[start - left - 1] == prefix[-left - 1]:
        left += 1
    right = 0
    while right < len(suffix) and end + right < len(text) and text[end + right] == suffix[right]:
        right += 1
    return max(left, right)


def _occurrences(text: str, exact: str) -> list[int]:
    out, pos = [], text.find(exact)
    while pos >= 0:
        out.append(pos)
        pos = text.find(exact, pos + 1)
    return out


def _snap_words(text: str, start: int, end: int) -> tuple[int, int]:
    while start > 0 and text[start - 1].isalnum() and text[start].isalnum():
        start -= 1
    while end < len(text) and end > 0 and text[end].isalnum() and text[end - 1].isalnum():
        end += 1
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def anchor(text: str, start: int, end: int, exact: str, prefix: str = "",
           suffix: str = "") -> tuple[int, int, str] | None:
    """Place a quote in ``text``: ``(start, end, how)`` or None (an orphan).

    ``how`` is ``"position"`` (the words are still where they were),
    ``"quote"`` (found elsewhere, its context agreeing) or ``"fuzzy"`` (the words
    themselves changed a little). Ambiguous places give None: an annotation is
    never attached to words it may not belong to.
    """
    if not exact:
        return None
    if 0 <= start < end <= len(text) and text[start:end] == exact:
        if _context_score(text, start, end, prefix, suffix) >= 0.5:
            return start, end, "position"
    # The quote with its whole saved context, once only: that place.
    if prefix or suffix:
        key = prefix + exact + suffix
        at = text.find(key)
        if at >= 0:
            if text.find(key, at + 1) < 0:
                pos = at + len(prefix)
                return pos, pos + len(exact), "quote"
            return None  # the same words in the same context more than once
    # The quote, wherever it is now; its context decides between repeats.
    hits = _occurrences(text, exact)
    if hits:
        scored = sorted(((_context_score(text, h, h + len(exact), prefix, suffix), h)
                         for h in hits), reverse=True)
        best, pos = scored[0]
        if len(scored) == 1:
            edge = _edge_match(text, pos, pos + len(exact), prefix, suffix)
            needed = min(4, max(len(prefix), len(suffix)))
            if best >= 0.6 or (best >= 0.35 and edge >= needed) \
                    or (len(exact) >= 24 and best >= 0.15):
                return pos, pos + len(exact), "quote"
        elif best >= 0.5 and best - scored[1][0] >= 0.1:
            return pos, pos + len(exact), "quote"
        return None  # the words are there, but which of them is unclear
    return _fuzzy_anchor(text, exact, prefix, suffix)


def _fuzzy_anchor(text: str, exact: str, prefix: str, suffix: str):
    from rapidfuzz import fuzz

    if len(exact) < 8 or len(exact) > len(text):
        return None
    first = fuzz.partial_ratio_alignment(exact, text, score_cutoff=80)
    if first is None:
        return None
    s, e = _snap_words(text, first.dest_start, first.dest_end)
    if e <= s:
        return None
    context = _context_score(text, s, e, prefix, suffix)
    if context < 0.3 or fuzz.ratio(text[s:e], exact) < 75:
        return None
    # A second place about as good makes the match ambiguous.
    masked = text[:s] + "\x00" * (e - s) + text[e:]
    second = fuzz.partial_ratio_alignment(exact, masked, score_cutoff=first.score - 5)
    if second is not None:
        s2, e2 = _snap_words(text, second.dest_start, second.dest_end)
        if e2 > s2 and _context_score(text, s2, e2, prefix, suffix) >= context - 0.1:
            return None
    return s, e, "fuzzy"


def _common_prefix(a: str, b: str) -> int:
    lo, hi = 0, min(len(a), len(b))
    while lo < hi:  # binary search on slice equality: O(n) work, done in C
        mid = (lo + hi + 1) // 2
        if a[lo:mid] == b[lo:mid]:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _common_suffix(a: str, b: str, limit: int) -> int:
    lo, hi = 0, limit
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if a[len(a) - mid:len(a) - lo] == b[len(b) - mid:len(b) - lo]:
            lo = mid
        else:
            hi = mid - 1
    return lo


def edit_map(old: str, new: str) -> Callable[[int, int], int | None]:
    """Map a span of ``old`` to its start in ``new`` through the one edit between
    them (common prefix and suffix trimmed): None for a span the edit touches."""
    p = _common_prefix(old, new)
    s = _common_suffix(old, new, min(len(old), len(new)) - p)
    tail, shift = len(old) - s, len(new) - len(old)

    def mapped(start: int, end: int) -> int | None:
        if end <= p:
            return start
        if start >= tail:
            return start + shift
        return None
    return mapped


def _fits(text: str, start: int, rec: dict, strict: bool) -> bool:
    """The quote is at ``start`` with its prefix or its suffix right next to it
    (``strict``: a non-empty one)."""
    exact, prefix, suffix = rec["exact"], rec["prefix"], rec["suffix"]
    end = start + len(exact)
    if not exact or start < 0 or end > len(text) or text[start:end] != exact:
        return False
    if strict:
        return bool(prefix and text[max(0, start - len(prefix)):start] == prefix) \
            or bool(suffix and text[end:end + len(suffix)] == suffix)
    return text[max(0, start - len(prefix)):start] == prefix \
        or text[end:end + len(suffix)] == suffix


_AMBIGUOUS = "ambiguous"


def _place_all(text: str, records: list[dict], mapped=None) -> dict[str, Any]:
    """Where each record goes in ``text``: ``id -> (start, end, how)`` or None.

    In text order, each record is tried first where the edit put it (``mapped``,
    from the old text when known) or where its neighbours moved (the shift of
    the last record placed), then where it was; then its quote and whole context
    (once only), then :func:`anchor`. Records whose context occurs more than once
    are placed only if a neighbour's shift puts them on it; else orphans.
    """
    order = sorted(records, key=_sort_key)
    placed: dict[str, Any] = {}
    shifts: list[int | None] = [None] * len(order)
    deferred = []
    shift = 0
    for i, rec in enumerate(order):
        start = rec["start"]
        tries = []
        if mapped is not None:
            m = mapped(start, rec["end"])
            if m is not None:
                tries.append(m - start)
        tries += [shift, 0]
        where = None
        for delta in dict.fromkeys(tries):
            if _fits(text, start + delta, rec, strict=delta != 0):
                where = start + delta
                break
        if where is None and (rec["prefix"] or rec["suffix"]) and rec["exact"]:
            key = rec["prefix"] + rec["exact"] + rec["suffix"]
            at = text.find(key)
            if at >= 0:
                if text.find(key, at + 1) >= 0:
                    deferred.append(i)
                    placed[rec["id"]] = None
                    continue
                where = at + len(rec["prefix"])
        if where is not None:
            shift = shifts[i] = where - start
            placed[rec["id"]] = (where, where + len(rec["exact"]),
                                 "position" if where == start else "quote")
            continue
        guess = start + shift
        found = anchor(text, guess, guess + len(rec["exact"]), rec["exact"], rec["prefix"],
                       rec["suffix"])
        if found is not None and found[2] == "position" and found[0] != start:
            found = (found[0], found[1], "quote")
        placed[rec["id"]] = found
    for i in deferred:
        rec = order[i]
        near = set()
        for step in (-1, 1):
            j = i + step
            while 0 <= j < len(order) and shifts[j] is None:
                j += step
            if 0 <= j < len(order):
                near.add(shifts[j])
        fits = [d for d in near if _fits(text, rec["start"] + d, rec, strict=True)]
        if len(fits) == 1:
            where = rec["start"] + fits[0]
            placed[rec["id"]] = (where, where + len(rec["exact"]),
                                 "position" if fits[0] == 0 else "quote")
    return placed


# -- the file format ------------------------------------------------------------

def _record_to_file(rec: dict) -> dict:
    out = {"id": rec["id"], "target": {"selector": [
        {"type": "TextPositionSelector", "start": rec["start"], "end": rec["end"]},
        {"type": "TextQuoteSelector", "exact": rec["exact"], "prefix": rec["prefix"],
         "suffix": rec["suffix"]}]}}
    for key in FIELDS:
        if key not in {"id", "start", "end", "exact", "prefix", "suffix"}:
            out[key] = rec.get(key)
    return out


def _record_from_file(obj: Any, where: str) -> dict:
    if not isinstance(obj, dict) or not isinstance(obj.get("id"), str):
        raise ValueError(f"{where} is not an annotation object with an 'id'")
    selectors = (obj.get("target") or {}).get("selector") or []
    pos = next((s for s in selectors if s.get("type") == "TextPositionSelector"), None)
    quote = next((s for s in selectors if s.get("type") == "TextQuoteSelector"), None)
    if pos is None or quote is None:
        raise ValueError(f"{where} ({obj['id']}) lacks a TextPositionSelector "
                         "or a TextQuoteSelector")
    start, end = pos.get("start"), pos.get("end")
    if not (isinstance(start, int) and isinstance(end, int) and 0 <= start <= end):
        raise ValueError(f"{where} ({obj['id']}) has bad offsets {start!r}-{end!r}")
    rec = {key: obj.get(key) for key in FIELDS}
    rec.update(id=obj["id"], start=start, end=end, exact=str(quote.get("exact") or ""),
               prefix=str(quote.get("prefix") or ""), suffix=str(quote.get("suffix") or ""))
    rec["orphan"] = bool(rec.get("orphan"))
    if not isinstance(rec.get("modified"), str):
        raise ValueError(f"{where} ({obj['id']}) has no 'modified' time")
    return rec


def _parse(raw: bytes, path: Path) -> tuple[dict, list[dict]]:
    try:
        data = json.loads(raw.decode("utf-8"))
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise ValueError(f"it is not a {FORMAT} file (no \"format\": \"{FORMAT}\")")
        if data.get("version") != VERSION:
            raise ValueError(f"format version {data.get('version')!r}, expected {VERSION}")
        items = data.get("annotations")
        if not isinstance(items, list):
            raise ValueError("'annotations' is not a list")
        records = [_record_from_file(obj, f"annotation #{i + 1}") for i, obj in enumerate(items)]
    except (UnicodeDecodeError, json.JSONDecodeError, ValueError, TypeError, AttributeError) as exc:
        raise ToolkitError("TK201", path=str(path), why=str(exc),
                           backup=str(_backup_path(path))) from exc
    return data.get("article") or {}, records


def _backup_path(path: Path) -> Path:
    return path.with_name(path.name + ".bak")


def _write_payload(handle, payload: bytes) -> None:
    """Write, flush and fsync (a seam the fault tests cut through)."""
    handle.write(payload)
    handle.flush()
    os.fsync(handle.fileno())


def _atomic_write(path: Path, payload: bytes) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{uuid.uuid4().hex[:6]}.tmp")
    try:
        with open(tmp, "wb") as handle:
            _write_payload(handle, payload)
        if path.exists():
            bak_tmp = tmp.with_suffix(".baktmp")
            try:
                os.link(path, bak_tmp)  # the previous version, already on disk: no copy
            except OSError:
                with open(path, "rb") as src, open(bak_tmp, "wb") as dst:
                    _write_payload(dst, src.read())
            os.replace(bak_tmp, _backup_path(path))
        os.replace(tmp, path)
        try:
            dir_fd = os.open(path.parent, os.O_RDONLY)
            try:
                os.fsync(dir_fd)
            finally:
                os.close(dir_fd)
        except OSError:
            pass
    finally:
        for leftover in (tmp, tmp.with_suffix(".baktmp")):
            try:
                leftover.unlink()
            except FileNotFoundError:
                pass


_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def _sort_key(rec: dict):
    return (rec["start"], rec["end"], rec["id"])


# -- the store ------------------------------------------------------------------

class AnnotationStore:
    """Annotations of one article, saved at once to ``path`` (None: memory only).

    >>> store = AnnotationStore("article.txt.annotations.json", text=analysis.text)
    >>> rec = store.add(10, 24, "PERSON", note="check the title")
    >>> store.update(rec["id"], status="verified")
    """

    def __init__(self, path=None, *, text: str | None = None, author: str | None = None,
                 source: str | None = None):
        self.path = Path(os.fspath(path)).expanduser().resolve() if path is not None else None
        self.author = author or _author()
        self.source = source
        self.text: str | None = None
        self._records: dict[str, dict] = {}
        self._synced: dict[str, str] = {}   # id -> modified, as last seen on disk
        self._deleted: dict[str, str] = {}  # id -> when this writer deleted it
        self._listeners: list[Callable[[dict], None]] = []
        self._disk_stamp = None  # the file version last read or written here
        self._lines: dict[str, tuple] = {}  # id -> (record, modified, its line in the file)
        self._order: list[dict] | None = None  # the records in text order, while unchanged
        self._body: list[bytes] = []      # their lines in the file, in that order
        self._dirty: set[str] = set()     # ids changed in place since the last payload
        self._sha: tuple[str, str] | None = None
        self.last_reanchor: list[dict] = []
        if self.path is not None:
            self._load()
        if text is not None:
            self.bind(text)

    @classmethod
    def for_analysis(cls, analysis, **kwargs) -> "AnnotationStore":
        """The sidecar store of ``analysis.article`` (memory only when it has no path)."""
        article = analysis.article
        path = default_store_path(article.path) if article.path else None
        return cls(path, text=analysis.text, source=article.path, **kwargs)

    @classmethod
    def from_records(cls, records: Iterable[dict], text: str) -> "AnnotationStore":
        """A memory-only store holding ``records`` (store records or rows of
        ``view.annotations``), anchored to ``text``."""
        store = cls(None)
        store.text = text
        now = _now()
        for i, row in enumerate(records):
            rec = {key: row.get(key) for key in FIELDS}
            rec = {k: (None if isinstance(v, float) and v != v else v) for k, v in rec.items()}
            rec["id"] = str(rec["id"] or f"an_row{i}")
            rec["exact"] = rec["exact"] or row.get("text") or ""
            rec["start"], rec["end"] = int(rec["start"]), int(rec["end"])
            if rec["prefix"] is None and rec["suffix"] is None \
                    and text[rec["start"]:rec["end"]] == rec["exact"]:
                rec.update(quote_selector(text, rec["start"], rec["end"]))
            rec["prefix"], rec["suffix"] = rec["prefix"] or "", rec["suffix"] or ""
            rec["provenance"] = rec["provenance"] or "analyst"
            rec["layer"] = rec["layer"] or "entities"
            rec["orphan"] = bool(rec["orphan"])
            rec["modified"] = rec["modified"] or now
            store._records[rec["id"]] = rec
        store._reanchor_all()
        return store

    # -- reading --------------------------------------------------------------
    @property
    def backup_path(self) -> Path | None:
        return _backup_path(self.path) if self.path else None

    @property
    def lock_path(self) -> Path | None:
        return self.path.with_name(self.path.name + ".lock") if self.path else None

    def _stamp(self):
        """What identifies the file's present version: inode, size, mtime."""
        try:
            st = os.stat(self.path)
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise ToolkitError("TK209", path=str(self.path), why=str(exc)) from exc
        return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)

    def _read_disk(self) -> tuple[dict, list[dict]] | None:
        if self.path is None:
            return None
        try:
            with open(self.path, "rb") as handle:
                st = os.fstat(handle.fileno())
                raw = handle.read()
        except FileNotFoundError:
            self._disk_stamp = None
            return None
        except OSError as exc:
            raise ToolkitError("TK209", path=str(self.path), why=str(exc)) from exc
        parsed = _parse(raw, self.path)
        self._disk_stamp = (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)
        return parsed

    def _lock(self):
        from filelock import FileLock

        return FileLock(str(self.lock_path), timeout=LOCK_TIMEOUT)

    def _load(self) -> None:
        disk = self._read_disk()
        if disk is None:
            return
        meta, records = disk
        self.source = self.source or meta.get("path")
        self._records = {r["id"]: r for r in records}
        self._order = None
        self._synced = {r["id"]: r["modified"] for r in records}

    def __len__(self) -> int:
        return len(self._records)

    def __iter__(self):
        return iter(self.records)

    @property
    def records(self) -> list[dict]:
        """All annotations (copies), in text order; orphans included."""
        return [dict(r) for r in sorted(self._records.values(), key=_sort_key)]  # flat: a copy

    @property
    def orphans(self) -> list[dict]:
        return [r for r in self.records if r["orphan"]]

    def get(self, annotation_id: str) -> dict:
        try:
            return dict(self._records[annotation_id])
        except KeyError:
            raise ToolkitError("TK205", id=annotation_id) from None

    def find_engine(self, layer: str, start: int, end: int) -> dict | None:
        """The decision record about the engine's span ``layer:start-end``, if any."""
        for rec in self._records.values():
            if (rec["provenance"] == "engine" and not rec["orphan"] and rec["layer"] == layer
                    and rec["start"] == start and rec["end"] == end):
                return copy.deepcopy(rec)
        return None

    def to_frame(self):
        import pandas as pd

        columns = ["id", "start", "end", "text", "layer", "label", "provenance", "decision",
                   "status", "note", "speaker", "author", "created", "modified", "orphan",
                   "engine_id", "engine_label"]
        rows = [{**r, "text": r["exact"]} for r in self.records]
        return pd.DataFrame(rows, columns=columns)

    # -- listening ------------------------------------------------------------
    def on_change(self, callback: Callable[[dict], None]) -> None:
        """Call ``callback({"action", "annotation", "before"})`` after each change."""
        self._listeners.append(callback)

    def _emit(self, action: str, after: dict | None, before: dict | None) -> None:
        event = {"action": action, "annotation": dict(after) if after is not None else None,
                 "before": dict(before) if before is not None else None}
        for callback in list(self._listeners):
            callback(event)

    # -- binding to a text ----------------------------------------------------
    def bind(self, text: str) -> list[dict]:
        """Tie the store to the article's current text and re-anchor every
        annotation. Returns the re-anchoring report (one row per annotation whose
        place changed or that could not be placed)."""
        old, self.text = self.text, text
        report = self._reanchor_all(old_text=old)
        if report and self.path is not None and any(r["how"] != "position" for r in report):
            self.save()
        return report

    def _reanchor_all(self, ids=None, old_text: str | None = None) -> list[dict]:
        """Re-anchor the records (all, or those of ``ids``) to :attr:`text`;
        ``old_text``, when known, is the text they were anchored to."""
        report = []
        text, now = self.text, _now()
        records = list(self._records.values()) if ids is None else \
            [self._records[i] for i in ids if i in self._records]
        mapped = edit_map(old_text, text) if old_text is not None and old_text != text else None
        places = _place_all(text, records, mapped)
        for rec in records:
            placed = places.get(rec["id"])
            if placed is not None and not rec["orphan"] and placed[2] == "position" \
                    and placed[0] == rec["start"] and placed[1] == rec["end"]:
                continue  # still in place: the common case
            row = {"id": rec["id"], "label": rec["label"], "exact": rec["exact"],
                   "old_start": rec["start"], "old_end": rec["end"]}
            if placed is None:
                if not rec["orphan"]:
                    rec["orphan"], rec["anchored_by"] = True, "orphan"
                    rec["modified"] = now
                    self._lines.pop(rec["id"], None)
                    self._order = None
                report.append({**row, "how": "orphan", "start": None, "end": None,
                               "text": None})
                continue
            start, end, how = placed
            moved = (start, end) != (rec["start"], rec["end"]) or rec["orphan"]
            rec.update(start=start, end=end, orphan=False, anchored_by=how,
                       **quote_selector(text, start, end))
            self._lines.pop(rec["id"], None)
            self._order = None
            if moved or how != "position":
                rec["modified"] = now
                report.append({**row, "how": how, "start": start, "end": end,
                               "text": text[start:end]})
        report.sort(key=lambda r: (r["old_start"], r["old_end"], r["id"]))
        self.last_reanchor = report
        return report

    def reanchor(self, text: str) -> list[dict]:
        """Re-anchor every annotation to ``text`` (see :func:`anchor`)."""
        return self.bind(text)

    # -- changing -------------------------------------------------------------
    def _require_text(self) -> str:
        if self.text is None:
            raise ToolkitError("TK207")
        return self.text

    def _check_span(self, start, end) -> tuple[int, int]:
        text = self._require_text()
        if not (isinstance(start, int) and isinstance(end, int)) or isinstance(start, bool) \
                or not 0 <= start < end <= len(text):
            raise ToolkitError("TK203", start=start, end=end, length=len(text))
        if not text[start:end].strip():
            raise ToolkitError("TK203", start=start, end=end, length=len(text))
        return start, end

    @staticmethod
    def _check_fields(changes: dict) -> None:
        unknown = set(changes) - _EDITABLE
        if unknown:
            raise ToolkitError("TK210", fields=", ".join(sorted(unknown)),
                               choices=", ".join(sorted(_EDITABLE)))
        if changes.get("status") not in (None, *STATUSES):
            raise ToolkitError("TK204", value=changes["status"], what="status",
                               choices=", ".join(STATUSES))
        if changes.get("decision") not in (None, *DECISIONS):
            raise ToolkitError("TK204", value=changes["decision"], what="decision",
                               choices=", ".join(DECISIONS))
        label = changes.get("label", "x")
        if not isinstance(label, str) or not label.strip():
            raise ToolkitError("TK204", value=label, what="label",
                               choices="any non-empty text")
        for key in ("note", "speaker"):
            if changes.get(key) is not None and not isinstance(changes[key], str):
                raise ToolkitError("TK204", value=changes[key], what=key,
                                   choices="text or None")

    def add(self, start: int, end: int, label: str, *, note: str | None = None,
            layer: str = "entities", provenance: str = "analyst", status: str | None = None,
            speaker: str | None = None, decision: str | None = None,
            engine_id: str | None = None, engine_label: str | None = None) -> dict:
        """Add an annotation on ``text[start:end]`` and save. Returns the record."""
        start, end = self._check_span(start, end)
        self._check_fields({"label": label, "status": status, "decision": decision,
                            "note": note, "speaker": speaker})
        if provenance not in PROVENANCES:
            raise ToolkitError("TK204", value=provenance, what="provenance",
                               choices=", ".join(PROVENANCES))
        now = _now()
        rec = {"id": f"an_{uuid.uuid4().hex[:12]}", "start": start, "end": end,
               **quote_selector(self.text, start, end), "layer": layer, "label": label.strip(),
               "provenance": provenance, "engine_id": engine_id, "engine_label": engine_label,
               "decision": decision, "status": status, "note": note or None,
               "speaker": speaker, "author": self.author, "created": now, "modified": now,
               "orphan": False, "anchored_by": "position"}
        self._records[rec["id"]] = rec
        self._order = None
        self._commit("add", rec, None)
        return copy.deepcopy(rec)

    def update(self, annotation_id: str, **changes) -> dict:
        """Change label, layer, decision, status, note or speaker; save."""
        before = self.get(annotation_id)
        self._check_fields(changes)
        rec = self._records[annotation_id]
        if "note" in changes:
            changes["note"] = changes["note"] or None
        if "label" in changes:
            changes["label"] = changes["label"].strip()
        rec.update(changes)
        self._dirty.add(annotation_id)
        rec["author"] = self.author
        rec["modified"] = _now()
        self._commit("update", rec, before)
        return copy.deepcopy(rec)

    def delete(self, annotation_id: str) -> dict:
        """Remove an annotation (a decision about the engine's span: the engine's
        output stands again); save. Returns the removed record."""
        before = self.get(annotation_id)
        del self._records[annotation_id]
        self._order = None
        self._deleted[annotation_id] = _now()
        self._commit("delete", None, before)
        return before

    def put(self, record: dict) -> dict:
        """Store a whole record as it is (undo and redo use this); save."""
        before = copy.deepcopy(self._records.get(record["id"]))
        rec = {key: copy.deepcopy(record.get(key)) for key in FIELDS}
        rec["orphan"] = bool(rec["orphan"])
        rec["modified"] = _now()
        self._records[rec["id"]] = rec
        self._order = None
        self._deleted.pop(rec["id"], None)
        self._commit("put", rec, before)
        return copy.deepcopy(rec)

    def decide(self, highlight: dict, **changes) -> dict:
        """Record the analyst's decision about one engine highlight
        (``{"layer", "label", "start", "end", "id"}``): created on first use,
        updated after."""
        existing = self.find_engine(highlight["layer"], highlight["start"], highlight["end"])
        if existing is not None:
            return self.update(existing["id"], **changes)
        self._check_fields(changes)
        fields = {"label": highlight["label"], "layer": highlight["layer"], **changes}
        return self.add(highlight["start"], highlight["end"], fields.pop("label"),
                        layer=fields.pop("layer"), provenance="engine",
                        engine_id=highlight.get("id"), engine_label=highlight["label"],
                        **fields)

    def _commit(self, action: str, after: dict | None, before: dict | None) -> None:
        if self.path is not None:
            self.save()
        self._emit(action, after, before)

    # -- saving ---------------------------------------------------------------
    def _merge(self, disk: list[dict], taken: set | None = None) -> dict[str, dict]:
        """Three-way merge of this writer's records with what is on disk now
        (the ids of records taken from disk are added to ``taken``)."""
        merged: dict[str, dict] = {}
        taken = set() if taken is None else taken
        on_disk = {r["id"]: r for r in disk}
        for rid in set(on_disk) | set(self._records):
            mine, theirs = self._records.get(rid), on_disk.get(rid)
            seen = self._synced.get(rid)
            if mine is not None and theirs is not None:
                if mine["modified"] >= theirs["modified"]:
                    merged[rid] = mine
                else:
                    merged[rid] = theirs
                    taken.add(rid)
            elif mine is not None:
                # Gone from disk: another writer deleted it, unless it is new or
                # changed here since.
                if seen is None or mine["modified"] > seen:
                    merged[rid] = mine
            elif theirs is not None:
                deleted_at = self._deleted.get(rid)
                if deleted_at is None or theirs["modified"] > deleted_at:
                    merged[rid] = theirs  # new from another writer (or changed after)
                    taken.add(rid)
        return merged

    def _payload(self) -> bytes:
        """The file: a short header, then one compact line per annotation."""
        text = self.text
        if text is None:
            sha = None
        elif self._sha is not None and self._sha[0] is text:
            sha = self._sha[1]
        else:
            sha = text_sha256(text)
            self._sha = (text, sha)
        article = {"path": self.source, "sha256": sha,
                   "length": len(text) if text is not None else None}
        dumps = _ENCODER.encode
        order, body, cache = self._order, self._body, self._lines
        if order is not None and len(order) == len(self._records):
            for rid in self._dirty:  # only the changed lines are made again
                hit = cache.get(rid)
                rec = self._records.get(rid)
                if hit is None or rec is None or hit[0] is not rec:
                    order = None
                    break
                hit = cache[rid] = (rec, rec["modified"], dumps(_record_to_file(rec)).encode(),
                                    hit[3])
                body[hit[3]] = hit[2]
        else:
            order = None
        if order is None:
            order = self._order = sorted(self._records.values(), key=_sort_key)
            fresh, body = {}, []
            for i, rec in enumerate(order):
                # A cached line serves while it is the same record, not modified
                # since (every change sets "modified"; re-anchoring drops the line).
                hit = cache.get(rec["id"])
                line = hit[2] if hit is not None and hit[0] is rec \
                    and hit[1] == rec["modified"] and rec["id"] not in self._dirty else dumps(_record_to_file(rec)).encode()
                fresh[rec["id"]] = (rec, rec["modified"], line, i)
                body.append(line)
            self._lines, self._body = fresh, body
        self._dirty.clear()
        head = (f'{{\n"format": {json.dumps(FORMAT)},\n"version": {VERSION},\n'
                f'"article": {json.dumps(article, ensure_ascii=False)},\n"annotations": [')
        return b"".join((head.encode("utf-8"), b"\n" + b",\n".join(body) + b"\n" if body else b"",
                         b"]\n}\n"))

    def save(self) -> None:
        """Merge with the file on disk under a lock, then write atomically."""
        if self.path is None:
            return
        from filelock import Timeout

        try:
            with self._lock():
                stamp = self._stamp()
                if stamp is None or stamp != self._disk_stamp:
                    # Another writer saved since we last read or wrote: merge.
                    self._merge_from_disk()
                try:
                    self.path.parent.mkdir(parents=True, exist_ok=True)
                    _atomic_write(self.path, self._payload())
                    self._disk_stamp = self._stamp()
                except OSError as exc:
                    raise ToolkitError("TK209", path=str(self.path), why=str(exc)) from exc
                self._synced = {rid: r["modified"] for rid, r in self._records.items()}
                self._deleted.clear()
        except Timeout as exc:
            raise ToolkitError("TK208", path=str(self.lock_path), timeout=LOCK_TIMEOUT) from exc

    def reload(self) -> None:
        """Take in what other writers saved (this writer's unsaved changes win)."""
        if self.path is None:
            return
        self._merge_from_disk()

    def _merge_from_disk(self) -> None:
        """Merge what is on disk into memory; re-anchor only the records taken from it."""
        disk = self._read_disk()
        taken: set = set()
        self._records = self._merge(disk[1] if disk else [], taken)
        self._order = None
        if self.text is not None and taken:
            self._reanchor_all(taken)

    # -- applying to the engine's output --------------------------------------
    def apply(self, highlights: Iterable[dict]) -> list[dict]:
        """The engine's highlights with the analyst's decisions laid over them,
        plus the analyst's own spans. Orphans are left out (see :attr:`orphans`).

        Each item is a highlight dict with extra keys ``provenance``,
        ``decision``, ``status``, ``note``, ``annotation_id`` and ``engine_label``.
        """
        decisions = {(r["layer"], r["start"], r["end"]): r for r in self._records.values()
                     if r["provenance"] == "engine" and not r["orphan"]}
        out = []
        for h in highlights:
            item = {**copy.deepcopy(h), "provenance": "engine", "decision": None,
                    "status": None, "note": None, "annotation_id": None,
                    "engine_label": h["label"]}
            rec = decisions.pop((h["layer"], h["start"], h["end"]), None)
            if rec is not None:
                _overlay(item, rec)
            out.append(item)
        own = [r for r in self._records.values() if not r["orphan"]
               and (r["provenance"] != "engine" or (r["layer"], r["start"], r["end"]) in decisions)]
        for rec in own:
            item = {"id": rec["id"], "layer": rec["layer"], "label": rec["label"],
                    "start": rec["start"], "end": rec["end"], "text": rec["exact"],
                    "attrs": {}, "provenance": rec["provenance"], "decision": None,
                    "status": None, "note": None, "annotation_id": rec["id"],
                    "engine_label": rec.get("engine_label")}
            _overlay(item, rec)
            out.append(item)
        out.sort(key=lambda h: (h["start"], -h["end"], h["layer"], h["id"]))
        return out

    # -- exports and imports --------------------------------------------------
    def to_jsonld(self) -> dict:
        """The store as a W3C Web Annotation ``AnnotationCollection`` (JSON-LD)."""
        source = self.source or (str(self.path) if self.path else "urn:toolkit:article")
        if source and "://" not in source and not source.startswith("urn:"):
            source = Path(source).expanduser().resolve().as_uri()
        items = []
        for rec in self.records:
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

    def export_jsonld(self, path) -> Path:
        path = Path(os.fspath(path))
        _atomic_write(path, (json.dumps(self.to_jsonld(), ensure_ascii=False, indent=2)
                             + "\n").encode("utf-8"))
        return path

    def spans(self, highlights: Iterable[dict] | None = None) -> list[dict]:
        """``[{"start", "end", "label"}]``: the effective spans (engine output with
        decisions applied, when ``highlights`` is given) or the store's own;
        rejected spans and orphans left out."""
        items = self.apply(highlights) if highlights is not None else [
            {"start": r["start"], "end": r["end"], "label": r["label"], "decision": r["decision"]}
            for r in self.records if not r["orphan"]]
        return [{"start": h["start"], "end": h["end"], "label": h["label"]}
                for h in items if h.get("decision") != "rejected"]

    def to_jsonl(self, highlights: Iterable[dict] | None = None) -> str:
        """One JSON line ``{"text", "spans": [...], "label": [[s, e, l], ...]}``:
        ``spans`` for Prodigy, ``label`` for doccano."""
        text = self._require_text()
        spans = self.spans(highlights)
        line = {"text": text, "spans": spans,
                "label": [[s["start"], s["end"], s["label"]] for s in spans],
                "meta": {"source": self.source}}
        return json.dumps(line, ensure_ascii=False) + "\n"

    def export_jsonl(self, path, highlights: Iterable[dict] | None = None) -> Path:
        path = Path(os.fspath(path))
        _atomic_write(path, self.to_jsonl(highlights).encode("utf-8"))
        return path

    def import_jsonl(self, source, *, layer: str = "entities") -> dict:
        """Add the spans of a JSONL file (or a string of JSON lines) made by
        :meth:`to_jsonl`, Prodigy or doccano. Each line's own text anchors its
        spans, which are then placed in this article's text; spans that cannot be
        placed come back in ``"orphans"``. Spans already in the store are skipped.
        """
        text = self._require_text()
        if isinstance(source, (str, os.PathLike)) and "\n" not in str(source) \
                and Path(os.fspath(source)).exists():
            where = str(source)
            lines = Path(os.fspath(source)).read_text(encoding="utf-8").splitlines()
        else:
            where, lines = "<string>", str(source).splitlines()
        have = {(r["start"], r["end"], r["label"]) for r in self._records.values()}
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
                added.append(self.add(s, e, label, layer=layer, provenance="import"))
        return {"added": added, "orphans": orphans}


def _overlay(item: dict, rec: dict) -> None:
    """Lay a record's decisions over a highlight dict (in place)."""
    item["label"] = rec["label"] or item["label"]
    item["decision"] = rec["decision"]
    item["status"] = rec["status"]
    item["note"] = rec["note"]
    item["annotation_id"] = rec["id"]
    item["author"] = rec["author"]
    if rec["speaker"]:
        item.setdefault("attrs", {})["speaker"] = rec["speaker"]
