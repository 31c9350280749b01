"""The durable annotation store: what the analyst decided, kept beside the article.

An :class:`AnnotationStore` is a human-readable JSON file beside the article
(names: :mod:`toolkit.annotations.files`). Each annotation anchors to the text
twice, as in the W3C Web Annotation model (:mod:`~toolkit.annotations.anchoring`);
every field is checked against :mod:`~toolkit.annotations.schema` on load.

Every change is written at once (:func:`toolkit._files.atomic_write_bytes`, the
previous version kept as ``.bak``). Writers take a file lock (in the hidden
``.toolkit/`` folder) and merge what is on disk with their own changes, so two
kernels working on the same store lose no update (the file is read and merged
only when it changed since this writer last read or wrote it). The file holds
one compact JSON line per annotation, so a change is a one-line diff and a save
re-encodes only the changed lines. A file that does not parse gives error
TK201 and is never overwritten.

Records are plain dicts (see :data:`~toolkit.annotations.schema.FIELDS`).
``provenance`` is ``"engine"`` for a decision about something the engine found,
``"analyst"`` (or ``"import"``) for a span the analyst added, ``"review"`` for
a reviewer's settled decision. Decisions override the engine's output whenever
the article is analysed again (:meth:`AnnotationStore.apply`).
"""

from __future__ import annotations

import copy
import datetime as dt
import getpass
import os
import uuid
from pathlib import Path
from typing import Callable, Iterable

from toolkit._files import backup_path, clean_stale_temps
from toolkit.annotations import files, formats, schema
from toolkit.annotations.anchoring import edit_map, place_all, quote_selector, sort_key
from toolkit.annotations.files import default_store_path, text_sha256
from toolkit.annotations.saving import LOCK_TIMEOUT, DiskMixin  # noqa: F401 (re-exported)
from toolkit.annotations.schema import DECISIONS, FIELDS, PROVENANCES, STATUSES
from toolkit.decoding import clean_text
from toolkit.errors import ToolkitError

_EDITABLE = schema.EDITABLE


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="microseconds")


def default_annotator() -> str:
    """``TOOLKIT_ANNOTATOR``, else the login name (``TOOLKIT_AUTHOR`` is the old name)."""
    name = os.environ.get("TOOLKIT_ANNOTATOR") or os.environ.get("TOOLKIT_AUTHOR")
    if name:
        return name
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 (no user database in some containers)
        return "analyst"


class AnnotationStore(DiskMixin):
    """Annotations of one article, saved at once to ``path`` (None: memory only).

    >>> store = AnnotationStore("article.annotations.alice.json", text=analysis.text,
    ...                         annotator="alice")
    >>> rec = store.add(10, 24, "PERSON", note="check the title")
    >>> store.update(rec["id"], status="verified")

    ``annotator`` (default: the ``TOOLKIT_ANNOTATOR`` environment variable,
    else the login name) is written as each record's W3C ``creator``.
    ``error`` is None, or the numbered :class:`ToolkitError` that makes the
    store read-only (``read_only``): a file that does not parse (TK201, the
    store then holds nothing and the file is left untouched) or a folder this
    process may not write (TK230). A read-only store refuses changes with that
    error; see :meth:`open_readonly_or_error`.
    """

    def __init__(self, path=None, *, text: str | None = None, author: str | None = None,
                 source: str | None = None, annotator: str | None = None):
        if path is not None and not isinstance(path, (str, os.PathLike)):
            raise ToolkitError("TK770", what="a path for its file", type_name=type(path).__name__,
                               expected="a str or pathlib.Path (or None for a store in memory)")
        try:
            self.path = Path(os.fspath(path)).expanduser().resolve() if path is not None else None
        except (TypeError, ValueError, OSError, RuntimeError) as exc:  # bytes, NUL, a loop
            raise ToolkitError("TK770", what="a path for its file",
                               type_name=f"{_shown(path)} ({exc})", expected="a usable file "
                               "path beside the article (or None for a store in memory)") from exc
        self.author = annotator or author or default_annotator()
        if not isinstance(self.author, str) or not self.author.strip():
            raise ToolkitError("TK231", name=self.author)
        self.error: ToolkitError | None = None
        self.read_only = False
        self._invalid: dict[str, tuple] = {}  # id -> (original object, reason)
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
            clean_stale_temps(self.path)
            self._load()
            if not files.writable(self.path.parent) or (
                    self.path.exists() and not os.access(self.path, os.W_OK)):
                self.read_only = True
                self.error = ToolkitError("TK230", path=str(self.path))
        if text is not None:
            self.bind(text)

    @property
    def annotator(self) -> str:
        return self.author

    @classmethod
    def for_analysis(cls, analysis, *, annotator: str | None = None, settled: bool = False,
                     **kwargs) -> "AnnotationStore":
        """The sidecar store of ``analysis.article`` (memory only when it has no
        path): the analyst's own ``<stem>.annotations.<annotator>.json``, or with
        ``settled=True`` the article's ``<stem>.annotations.json``. An old
        ``<article>.annotations.json`` is migrated first (nothing is lost)."""
        article = analysis.article
        who = annotator or kwargs.pop("author", None) or default_annotator()
        path = None
        if article.path:
            files.migrate_legacy(article.path)
            path = files.settled_store_path(article.path) if settled \
                else files.analyst_store_path(article.path, who)
        if path is None:
            return cls(None, text=analysis.text, source=article.path, annotator=who, **kwargs)
        # a broken file opens read-only with .error set (never overwritten)
        return cls.open_readonly_or_error(path, text=analysis.text, source=article.path,
                                          annotator=who, **kwargs)

    @classmethod
    def open_readonly_or_error(cls, path, *, text: str | None = None,
                               **kwargs) -> "AnnotationStore":
        """Open a store, never raising for a broken file: a file that does not
        parse gives an empty, read-only store whose ``error`` is the TK201
        error (show it above the article); the file is not touched."""
        try:
            return cls(path, text=text, **kwargs)
        except ToolkitError as exc:
            if exc.code not in ("TK201", "TK209"):
                raise
            store = cls(None, **kwargs)
            store.path = Path(os.fspath(path)).expanduser().resolve()
            store.read_only, store.error = True, exc
            if text is not None:
                store.text = text
            return store

    @classmethod
    def for_reading(cls, article_path, text: str) -> "AnnotationStore | None":
        """What a report or a read-only view shows for the article (see
        :func:`default_store_path`), anchored in memory only; None when the
        article has no annotation file. Never raises for a broken file."""
        path = default_store_path(article_path)
        if not path.exists():
            return None
        store = cls.open_readonly_or_error(path)
        store.text = text
        if store.error is None:
            store._reanchor_all()
        store.read_only = True
        return store

    @classmethod
    def from_records(cls, records: Iterable[dict], text: str) -> "AnnotationStore":
        """A memory-only store holding ``records`` (store records or rows of
        ``view.annotations``), anchored to ``text``."""
        if not isinstance(text, str):
            raise ToolkitError("TK770", what="the article text", type_name=type(text).__name__,
                               expected="analysis.text (a str)")
        if isinstance(records, (str, bytes, dict)) or not hasattr(records, "__iter__"):
            raise ToolkitError("TK770", what="annotations", type_name=type(records).__name__,
                               expected="an AnnotationStore, a list of its records or "
                                        "view.annotations")
        store = cls(None)
        store.text = text
        now = _now()
        for i, row in enumerate(records):
            if not isinstance(row, dict):
                row = {}
            rec = {key: _plain_value(row.get(key)) for key in FIELDS}
            rec["id"] = str(rec["id"] or f"an_row{i}")
            rec["exact"] = rec["exact"] or _plain_value(row.get("text")) or ""
            rec["start"], rec["end"] = _whole(rec["start"]), _whole(rec["end"])
            if rec["prefix"] is None and rec["suffix"] is None \
                    and isinstance(rec["start"], int) and isinstance(rec["end"], int) \
                    and isinstance(rec["exact"], str) \
                    and text[rec["start"]:rec["end"]] == rec["exact"]:
                rec.update(quote_selector(text, rec["start"], rec["end"]))
            rec["prefix"], rec["suffix"] = rec["prefix"] or "", rec["suffix"] or ""
            rec["provenance"] = rec["provenance"] or "analyst"
            rec["layer"] = rec["layer"] or "entities"
            rec["orphan"] = bool(rec["orphan"])
            rec["modified"] = rec["modified"] or now
            rec["author"] = rec["author"] or _plain_value(row.get("creator"))
            wrong = schema.problems(rec)
            if wrong:  # set aside as an orphan with its reason, as a bad record of a file
                safe = schema._safe(rec, i)
                safe["id"] = rec["id"] if rec["id"] not in store._records else f"{rec['id']}~{i}"
                safe["orphan_reason"] = "invalid record: " + "; ".join(wrong)
                store._invalid[safe["id"]] = (dict(row), safe["orphan_reason"])
                rec = safe
            store._records[rec["id"]] = rec
        store._reanchor_all()
        return store

    # -- reading --------------------------------------------------------------
    @property
    def backup_path(self) -> Path | None:
        return backup_path(self.path) if self.path else None

    @property
    def lock_path(self) -> Path | None:
        """In the hidden ``.toolkit/`` folder beside the store."""
        return files.lock_path(self.path) if self.path else None

    def __len__(self) -> int:
        return len(self._records)

    def __iter__(self):
        return iter(self.records)

    @property
    def records(self) -> list[dict]:
        """All annotations (copies), in text order; orphans included."""
        return [dict(r) for r in sorted(self._records.values(), key=sort_key)]  # flat: a copy

    @property
    def orphans(self) -> list[dict]:
        return [r for r in self.records if r["orphan"]]

    def get(self, annotation_id: str) -> dict:
        try:
            return dict(self._records[annotation_id])
        except (KeyError, TypeError):  # TypeError: an id that is not text (a list, ...)
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
                   "engine_id", "engine_label", "orphan_reason"]
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
        if not isinstance(text, str):
            raise ToolkitError("TK770", what="the article text", type_name=type(text).__name__,
                               expected="analysis.text (a str)")
        old, self.text = self.text, text
        report = self._reanchor_all(old_text=old)
        if report and self.path is not None and not self.read_only \
                and any(r["how"] != "position" for r in report):
            self.save()
        return report

    def _reanchor_all(self, ids=None, old_text: str | None = None) -> list[dict]:
        """Re-anchor the records (all, or those of ``ids``) to :attr:`text`;
        ``old_text``, when known, is the text they were anchored to (else the
        snapshot kept beside the store, when it matches the file)."""
        report = []
        text, now = self.text, _now()
        records = [r for r in (self._records.values() if ids is None else
                               (self._records[i] for i in ids if i in self._records))
                   if r["id"] not in self._invalid]
        if old_text is None and self.path is not None:
            sha = getattr(self, "_meta", {}).get("sha256")
            if sha and sha != self._text_sha(text):
                old_text = files.read_snapshot(self.path, sha)
        mapped = edit_map(old_text, text) if old_text is not None and old_text != text else None
        places = place_all(text, records, mapped)
        for rec in records:
            placed = places.get(rec["id"])
            if placed[0] is not None and not rec["orphan"] and placed[2] == "position" \
                    and placed[0] == rec["start"] and placed[1] == rec["end"]:
                continue  # still in place: the common case
            row = {"id": rec["id"], "label": rec["label"], "exact": rec["exact"],
                   "old_start": rec["start"], "old_end": rec["end"]}
            if placed[0] is None:
                if not rec["orphan"] or rec.get("orphan_reason") != placed[1]:
                    rec["orphan"], rec["anchored_by"] = True, "orphan"
                    rec["orphan_reason"] = placed[1]
                    rec["modified"] = now
                    self._lines.pop(rec["id"], None)
                    self._order = None
                report.append({**row, "how": "orphan", "start": None, "end": None,
                               "text": None, "why": placed[1]})
                continue
            start, end, how = placed
            moved = (start, end) != (rec["start"], rec["end"]) or rec["orphan"]
            rec.update(start=start, end=end, orphan=False, anchored_by=how, orphan_reason=None,
                       **quote_selector(text, start, end))
            self._lines.pop(rec["id"], None)
            self._order = None
            if moved or how != "position":
                rec["modified"] = now
                report.append({**row, "how": how, "start": start, "end": end,
                               "text": text[start:end], "why": None})
        report.sort(key=lambda r: (r["old_start"], r["old_end"], r["id"]))
        self.last_reanchor = report
        return report

    def _text_sha(self, text: str) -> str:
        if self._sha is None or self._sha[0] is not text:
            self._sha = (text, text_sha256(text))
        return self._sha[1]

    def reanchor(self, text: str) -> list[dict]:
        """Re-anchor every annotation to ``text`` (see :func:`anchor`)."""
        return self.bind(text)

    # -- changing -------------------------------------------------------------
    def _require_text(self) -> str:
        if self.text is None:
            raise ToolkitError("TK207")
        return self.text

    def _require_writable(self) -> None:
        if self.read_only:
            raise self.error or ToolkitError("TK230", path=str(self.path))

    def reattach(self, annotation_id: str, start: int, end: int) -> dict:
        """Put an orphan (or any annotation) on ``text[start:end]``: the analyst's
        one-click answer to "where does this belong now?". Its quote and context
        are taken from the text there; a record that broke the schema gets safe
        values and is written anew. Saves; returns the record."""
        self._require_writable()
        before = self.get(annotation_id)
        start, end = self._check_span(start, end)
        rec = self._records[annotation_id]
        self._invalid.pop(annotation_id, None)
        rec.update(start=start, end=end, orphan=False, anchored_by="analyst",
                   orphan_reason=None, **quote_selector(self.text, start, end))
        rec["author"] = self.author
        rec["modified"] = _now()
        rec["created"] = rec.get("created") or rec["modified"]
        self._lines.pop(annotation_id, None)
        self._order = None
        self._commit("update", rec, before)
        return copy.deepcopy(rec)

    def _check_span(self, start, end) -> tuple[int, int]:
        text = self._require_text()
        if not (isinstance(start, int) and isinstance(end, int)) \
                or isinstance(start, bool) or isinstance(end, bool) \
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
            raise ToolkitError("TK204", value=_shown(label), what="label",
                               choices="any non-empty text")
        if "layer" in changes and changes["layer"] not in schema.LAYERS:
            raise ToolkitError("TK204", value=_shown(changes["layer"]), what="layer",
                               choices=", ".join(schema.LAYERS))
        for key in ("note", "speaker"):
            if changes.get(key) is not None and not isinstance(changes[key], str):
                raise ToolkitError("TK204", value=_shown(changes[key]), what=key,
                                   choices="text or None")
        for key in ("label", "note", "speaker"):
            if isinstance(changes.get(key), str):  # lone surrogates, NUL: one for one
                changes[key] = clean_text(changes[key])[0]

    def add(self, start: int, end: int, label: str, *, note: str | None = None,
            layer: str = "entities", provenance: str = "analyst", status: str | None = None,
            speaker: str | None = None, decision: str | None = None,
            engine_id: str | None = None, engine_label: str | None = None,
            settles: list[str] | None = None) -> dict:
        """Add an annotation on ``text[start:end]`` and save. Returns the record."""
        self._require_writable()
        start, end = self._check_span(start, end)
        fields = {"label": label, "layer": layer, "status": status, "decision": decision,
                  "note": note, "speaker": speaker}
        self._check_fields(fields)
        label, layer, note, speaker = (fields[k] for k in ("label", "layer", "note", "speaker"))
        if engine_id is not None and (isinstance(engine_id, bool)
                                      or not isinstance(engine_id, (str, int))):
            raise ToolkitError("TK204", value=_shown(engine_id), what="engine_id",
                               choices="text, a whole number or None")
        if engine_label is not None and not isinstance(engine_label, str):
            raise ToolkitError("TK204", value=_shown(engine_label), what="engine_label",
                               choices="text or None")
        if settles is not None and (not isinstance(settles, (list, tuple))
                                    or not all(isinstance(x, str) for x in settles)):
            raise ToolkitError("TK204", value=_shown(settles), what="settles",
                               choices="a list of '<annotator>:<id>' texts, or None")
        if provenance not in PROVENANCES:
            raise ToolkitError("TK204", value=provenance, what="provenance",
                               choices=", ".join(PROVENANCES))
        now = _now()
        rec = {"id": f"an_{uuid.uuid4().hex[:12]}", "start": start, "end": end,
               **quote_selector(self.text, start, end), "layer": layer, "label": label.strip(),
               "provenance": provenance, "engine_id": engine_id, "engine_label": engine_label,
               "decision": decision, "status": status, "note": note or None,
               "speaker": speaker, "author": self.author, "created": now, "modified": now,
               "orphan": False, "anchored_by": "position", "orphan_reason": None,
               "settles": list(settles) if settles else None}
        self._records[rec["id"]] = rec
        self._order = None
        self._commit("add", rec, None)
        return copy.deepcopy(rec)

    def update(self, annotation_id: str, **changes) -> dict:
        """Change label, layer, decision, status, note or speaker; save."""
        self._require_writable()
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
        self._require_writable()
        before = self.get(annotation_id)
        self._invalid.pop(annotation_id, None)
        del self._records[annotation_id]
        self._order = None
        self._deleted[annotation_id] = _now()
        self._commit("delete", None, before)
        return before

    def put(self, record: dict) -> dict:
        """Store a whole record as it is (undo and redo use this); save."""
        self._require_writable()
        if not isinstance(record, dict):
            raise ToolkitError("TK771", why=f"it is {type(record).__name__}, not a dict")
        rec = {key: copy.deepcopy(record.get(key)) for key in FIELDS}
        rec["orphan"] = bool(rec["orphan"])
        rec["modified"] = _now()
        rec["created"] = rec["created"] or rec["modified"]
        wrong = schema.problems(rec)
        if not wrong and self.text is not None and not rec["orphan"] \
                and rec["end"] > len(self.text):
            wrong = [f"offsets {rec['start']}-{rec['end']} run past the text's end "
                     f"({len(self.text)})"]
        if wrong:
            raise ToolkitError("TK771", why="; ".join(wrong)[:300])
        before = copy.deepcopy(self._records.get(rec["id"]))
        self._records[rec["id"]] = rec
        self._invalid.pop(rec["id"], None)
        self._order = None
        self._deleted.pop(rec["id"], None)
        if self.text is not None and not rec["orphan"]:
            # never on other words: a record whose quote is not at its offsets is
            # placed again from its quote and context (or becomes an orphan)
            self._reanchor_all([rec["id"]])
        self._commit("put", rec, before)
        return copy.deepcopy(rec)

    def decide(self, highlight: dict, **changes) -> dict:
        """Record the analyst's decision about one engine highlight
        (``{"layer", "label", "start", "end", "id"}``): created on first use,
        updated after."""
        if not isinstance(highlight, dict) or any(k not in highlight for k in
                                                  ("layer", "label", "start", "end")):
            raise ToolkitError("TK772", field="highlight", value=_shown(highlight),
                               why="it needs 'layer', 'label', 'start' and 'end'",
                               fix="Pass an item of analysis.highlights() or of the view.")
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
            # a shallow copy: _overlay replaces (never mutates) the nested attrs
            item = {**h, "provenance": "engine", "decision": None,
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

    # -- exports and imports (toolkit.annotations.formats) --------------------
    def to_jsonld(self) -> dict:
        """The store as a W3C Web Annotation ``AnnotationCollection`` (JSON-LD)."""
        return formats.to_jsonld(self)

    def export_jsonld(self, path) -> Path:
        return formats.export_jsonld(self, path)

    def spans(self, highlights: Iterable[dict] | None = None) -> list[dict]:
        """``[{"start", "end", "label"}]``: the effective spans, rejected spans
        and orphans left out (see :func:`toolkit.annotations.formats.spans`)."""
        return formats.spans(self, highlights)

    def to_jsonl(self, highlights: Iterable[dict] | None = None) -> str:
        """One JSON line for Prodigy (``spans``) and doccano (``label``)."""
        return formats.to_jsonl(self, highlights)

    def export_jsonl(self, path, highlights: Iterable[dict] | None = None) -> Path:
        return formats.export_jsonl(self, path, highlights)

    def import_jsonl(self, source, *, layer: str = "entities") -> dict:
        """Add the spans of a JSONL file or string (see :func:`formats.import_jsonl`)."""
        return formats.import_jsonl(self, source, layer=layer)


def _plain_value(value):
    """A cell of ``view.annotations`` as a plain value: NaN/NaT as None, numpy
    scalars as Python ones."""
    if hasattr(value, "item") and callable(value.item) and not isinstance(value, (list, dict)):
        try:
            value = value.item()
        except (ValueError, TypeError):
            pass
    try:
        if value != value:  # NaN (and pandas' NA/NaT compare unequal or raise)
            return None
    except (TypeError, ValueError):
        return None
    return value


def _whole(value):
    """An offset as an int when it is a whole number (3 or 3.0), else as it was
    (the schema check then sets the record aside)."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _shown(value) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _overlay(item: dict, rec: dict) -> None:
    """Lay a record's decisions over a highlight dict (in place)."""
    item["label"] = rec["label"] or item["label"]
    item["decision"] = rec["decision"]
    item["status"] = rec["status"]
    item["note"] = rec["note"]
    item["annotation_id"] = rec["id"]
    item["author"] = rec["author"]
    if rec["speaker"]:
        item["attrs"] = {**(item.get("attrs") or {}), "speaker": rec["speaker"]}
