"""The store's disk side, mixed into :class:`AnnotationStore`: reading the file,
the lock, the three-way merge with other writers, the incremental payload
(one compact line per record, only changed lines re-encoded) and the save."""

from __future__ import annotations

import json
import os
import stat

from toolkit._files import atomic_write_bytes
from toolkit.annotations import files, schema
from toolkit.annotations.anchoring import sort_key
from toolkit.annotations.files import FORMAT, VERSION
from toolkit.errors import ToolkitError

LOCK_TIMEOUT = 20.0
_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))
_ASCII = json.JSONEncoder(ensure_ascii=True, separators=(",", ":"))


def _encode(obj) -> bytes:
    """One record as a line of UTF-8 JSON. Text holding a lone surrogate (a file
    name that is not UTF-8, text pasted from elsewhere) cannot be UTF-8: that line
    is written with ``\\u`` escapes instead, which read back to the same text."""
    line = _ENCODER.encode(obj)
    try:
        return line.encode("utf-8")
    except UnicodeEncodeError:
        return _ASCII.encode(obj).encode("ascii")


def _header(article: dict) -> str:
    """The file's ``article`` object (a path that is not UTF-8 escaped, as in :func:`_encode`)."""
    text = json.dumps(article, ensure_ascii=False)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = json.dumps(article)
    return text


class DiskMixin:
    """Needs ``path``, ``text``, ``_records`` and the bookkeeping set up in
    ``AnnotationStore.__init__``."""

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
            mode = os.stat(self.path).st_mode
        except FileNotFoundError:
            self._disk_stamp = None
            return None
        except OSError as exc:
            raise ToolkitError("TK209", path=str(self.path), why=str(exc)) from exc
        if not stat.S_ISREG(mode):  # a FIFO would block the kernel; a folder is no store
            raise ToolkitError("TK201", path=str(self.path), why="it is not a regular file",
                               backup=str(files.backup_path(self.path)))
        try:
            with open(self.path, "rb") as handle:
                st = os.fstat(handle.fileno())
                raw = handle.read()
        except FileNotFoundError:
            self._disk_stamp = None
            return None
        except OSError as exc:
            raise ToolkitError("TK209", path=str(self.path), why=str(exc)) from exc
        meta, records, invalid = files.parse(raw, self.path)
        self._disk_stamp = (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)
        self._invalid.update(invalid)
        self._meta = meta
        return meta, records

    def _lock(self):
        from filelock import FileLock

        try:
            self.lock_path.parent.mkdir(exist_ok=True)
        except OSError as exc:
            raise ToolkitError("TK230", path=str(self.path)) from exc
        return FileLock(str(self.lock_path), timeout=LOCK_TIMEOUT)

    def _load(self) -> None:
        disk = self._read_disk()
        if disk is None:
            return
        meta, records = disk
        path = meta.get("path")
        self.source = self.source or (path if isinstance(path, str) else None)
        self._records = {r["id"]: r for r in records}
        self._order = None
        self._synced = {r["id"]: r["modified"] for r in records}

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
            sha = self._text_sha(text)
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
                hit = cache[rid] = (rec, rec["modified"], self._line(rec),
                                    hit[3])
                body[hit[3]] = hit[2]
        else:
            order = None
        if order is None:
            order = self._order = sorted(self._records.values(), key=sort_key)
            fresh, body = {}, []
            for i, rec in enumerate(order):
                # A cached line serves while it is the same record, not modified
                # since (every change sets "modified"; re-anchoring drops the line).
                hit = cache.get(rec["id"])
                line = hit[2] if hit is not None and hit[0] is rec \
                    and hit[1] == rec["modified"] and rec["id"] not in self._dirty else self._line(rec)
                fresh[rec["id"]] = (rec, rec["modified"], line, i)
                body.append(line)
            self._lines, self._body = fresh, body
        self._dirty.clear()
        head = (f'{{\n"format": {json.dumps(FORMAT)},\n"version": {VERSION},\n'
                f'"article": {_header(article)},\n"annotations": [')
        return b"".join((head.encode("utf-8"), b"\n" + b",\n".join(body) + b"\n" if body else b"",
                         b"]\n}\n"))

    def _line(self, rec: dict) -> bytes:
        bad = self._invalid.get(rec["id"])
        if bad is not None:  # written back as it was: nothing lost, nothing invented
            return _encode(bad[0])
        return _encode(schema.to_file(rec))

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
                    atomic_write_bytes(self.path, self._payload(), backup=True)
                    self._disk_stamp = self._stamp()
                except PermissionError as exc:
                    raise ToolkitError("TK230", path=str(self.path)) from exc
                except OSError as exc:
                    raise ToolkitError("TK209", path=str(self.path), why=str(exc)) from exc
                if self.text is not None:
                    files.write_snapshot(self.path, self.text, self._text_sha(self.text))
                    self._meta = {"sha256": self._text_sha(self.text)}
                self._synced = {rid: r["modified"] for rid, r in self._records.items()}
                self._deleted.clear()
        except Timeout as exc:
            raise ToolkitError("TK208", path=str(self.lock_path), timeout=LOCK_TIMEOUT) from exc
        except PermissionError as exc:  # the lock itself cannot be made
            raise ToolkitError("TK230", path=str(self.path)) from exc

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
