"""The store's files: names, reading and parsing, the lock, the text snapshot.

Names (beside the article ``report.txt``):

* ``report.annotations.json``: the article's annotations (the settled version
  when a team reviews; the only file when one analyst works alone and names
  no annotator);
* ``report.annotations.<annotator>.json``: one analyst's own annotations;
* ``report.txt.annotations.json``: the old name, still read (and migrated to
  the new one when the folder is writable, the old file renamed
  ``*.migrated``).

Beside them a hidden folder ``.toolkit/`` holds the lock files (so none are
left next to the article) and a snapshot of the text the annotations were last
anchored to, which lets a later session align the edited text with it.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

from toolkit._files import atomic_write_bytes, atomic_write_text, backup_path
from toolkit.annotations import schema
from toolkit.errors import ToolkitError

FORMAT = "toolkit.annotations"
VERSION = 1
HIDDEN = ".toolkit"
SUFFIX = ".annotations.json"
_ANNOTATOR = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")


def check_annotator(name) -> str:
    if not isinstance(name, str) or not _ANNOTATOR.match(name) or name.endswith(".json"):
        raise ToolkitError("TK231", name=name)
    return name


def _article(article_path) -> Path:
    return Path(os.fspath(article_path)).expanduser().resolve()


def legacy_store_path(article_path) -> Path:
    """The old name, ``<article>.txt.annotations.json``."""
    path = _article(article_path)
    return path.with_name(path.name + SUFFIX)


def settled_store_path(article_path) -> Path:
    """``<article-stem>.annotations.json`` beside the article."""
    path = _article(article_path)
    return path.with_name(path.stem + SUFFIX)


def analyst_store_path(article_path, annotator: str) -> Path:
    """``<article-stem>.annotations.<annotator>.json`` beside the article."""
    path = _article(article_path)
    return path.with_name(f"{path.stem}.annotations.{check_annotator(annotator)}.json")


def analyst_store_paths(article_path) -> dict[str, Path]:
    """Every analyst's file of the article: ``{annotator: path}`` (sorted)."""
    path = _article(article_path)
    head = f"{path.stem}.annotations."
    out = {}
    try:
        names = sorted(os.listdir(path.parent))
    except OSError:
        return out
    for name in names:
        if name.startswith(head) and name.endswith(".json") and name != path.stem + SUFFIX:
            who = name[len(head):-len(".json")]
            if _ANNOTATOR.match(who):
                out[who] = path.parent / name
    return out


def migrate_legacy(article_path) -> Path | None:
    """Move ``<article>.txt.annotations.json`` to the new name, without loss:
    only when the new file does not exist yet; the old one is kept as
    ``*.migrated``. Returns the file to read (None: neither exists)."""
    new, old = settled_store_path(article_path), legacy_store_path(article_path)
    if new.exists() or new == old:
        return new if new.exists() else None
    if not old.exists():
        return None
    try:
        atomic_write_bytes(new, old.read_bytes())
        os.replace(old, old.with_name(old.name + ".migrated"))
    except OSError:
        return old  # a read-only folder: read the old file where it is
    return new


def default_store_path(article_path) -> Path:
    """The annotation file a reader of the article should show: the settled
    ``<stem>.annotations.json`` if it exists, else the only analyst's file if
    there is exactly one, else the old ``<article>.txt.annotations.json`` if it
    exists, else the settled name (which does not exist yet)."""
    settled = settled_store_path(article_path)
    if settled.exists():
        return settled
    analysts = analyst_store_paths(article_path)
    if len(analysts) == 1:
        return next(iter(analysts.values()))
    legacy = legacy_store_path(article_path)
    if legacy.exists():
        return migrate_legacy(article_path) or legacy
    return settled


def hidden_dir(store_path: Path) -> Path:
    return store_path.parent / HIDDEN


def lock_path(store_path: Path) -> Path:
    return hidden_dir(store_path) / (store_path.name + ".lock")


def snapshot_path(store_path: Path, sha: str) -> Path:
    return hidden_dir(store_path) / f"{store_path.name}.{sha[:16]}.txt"


def write_snapshot(store_path: Path, text: str, sha: str) -> None:
    """Keep the text the annotations are anchored to (one per store)."""
    target = snapshot_path(store_path, sha)
    if target.exists():
        return
    try:
        target.parent.mkdir(exist_ok=True)
        atomic_write_text(target, text)
        for old in target.parent.glob(store_path.name + ".*.txt"):
            if old != target:
                old.unlink(missing_ok=True)
    except (OSError, UnicodeError):  # UnicodeError: a lone surrogate in the text
        pass  # a convenience: anchoring works without it


def read_snapshot(store_path: Path, sha: str | None) -> str | None:
    if not sha or not isinstance(sha, str):
        return None
    try:
        return snapshot_path(store_path, sha).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def writable(folder: Path) -> bool:
    return os.access(folder, os.W_OK | os.X_OK)


def parse(raw: bytes, path: Path) -> tuple[dict, list[dict], dict[str, tuple]]:
    """``(article meta, good records, {id: (original object, reason)})`` of a
    file; bad records are in both (safe copies among the records)."""
    try:
        data = json.loads(raw.decode("utf-8"))
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise ValueError(f"it is not a {FORMAT} file (no \"format\": \"{FORMAT}\")")
        if data.get("version") != VERSION:
            raise ValueError(f"format version {data.get('version')!r}, expected {VERSION}")
        items = data.get("annotations")
        if not isinstance(items, list):
            raise ValueError("'annotations' is not a list")
        meta = data.get("article")
        if not isinstance(meta, dict):
            meta = {}
    except (UnicodeDecodeError, json.JSONDecodeError, ValueError, TypeError,
            AttributeError, RecursionError) as exc:
        raise ToolkitError("TK201", path=str(path), why=str(exc),
                           backup=str(backup_path(path))) from exc
    records, invalid, seen = [], {}, set()
    for i, obj in enumerate(items):
        rec, reason = schema.from_file(obj, i)
        if rec["id"] in seen:
            rec = {**rec, "id": f"{rec['id']}~{i}"}
            reason = reason or "the same id as an earlier annotation"
            rec["orphan"], rec["orphan_reason"] = True, f"invalid record: {reason}"
        seen.add(rec["id"])
        if reason is not None:
            invalid[rec["id"]] = (obj, reason)
        records.append(rec)
    return meta, records, invalid


def text_sha256(text: str) -> str:
    import hashlib

    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
