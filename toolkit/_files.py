"""One atomic write for the whole project, and the clean-up of what a killed
write leaves behind.

A write goes to a hidden temporary file in the same folder (named with the
writer's process id), is flushed and fsynced, then renamed over the target, so
a reader sees the old file or the new one, never half of one. With
``backup=True`` the previous version is kept as ``<name>.bak``.
:func:`clean_stale_temps` removes the temporary files of writers that died
(their process id is no longer alive).
"""

from __future__ import annotations

import os
import re
import uuid
from pathlib import Path

_TMP = re.compile(r"^\.(?P<name>.+)\.(?P<pid>\d+)\.[0-9a-f]{6}\.(?:tmp|baktmp)$")


def backup_path(path) -> Path:
    path = Path(os.fspath(path))
    return path.with_name(path.name + ".bak")


def _write_payload(handle, payload: bytes) -> None:
    """Write, flush and fsync (a seam the fault tests cut through)."""
    handle.write(payload)
    handle.flush()
    os.fsync(handle.fileno())


def atomic_write_bytes(path, payload: bytes, *, backup: bool = False) -> Path:
    """Write ``payload`` to ``path`` atomically (see the module docstring)."""
    path = Path(os.fspath(path))
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{uuid.uuid4().hex[:6]}.tmp")
    bak_tmp = tmp.with_suffix(".baktmp")
    try:
        with open(tmp, "wb") as handle:
            _write_payload(handle, payload)
        if backup and path.exists():
            try:
                os.link(path, bak_tmp)  # the previous version, already on disk: no copy
            except OSError:
                with open(path, "rb") as src, open(bak_tmp, "wb") as dst:
                    _write_payload(dst, src.read())
            os.replace(bak_tmp, backup_path(path))
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
        for leftover in (tmp, bak_tmp):
            try:
                leftover.unlink()
            except FileNotFoundError:
                pass
    return path


def atomic_write_text(path, text: str, *, encoding: str = "utf-8",
                      backup: bool = False) -> Path:
    return atomic_write_bytes(path, text.encode(encoding), backup=backup)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True  # someone else's live process
    return True


def clean_stale_temps(path) -> list[Path]:
    """Remove the temporary files that killed writes of ``path`` left beside it
    (those whose writer process is gone). Returns what was removed."""
    path = Path(os.fspath(path))
    removed = []
    try:
        entries = list(os.scandir(path.parent))
    except OSError:
        return removed
    for entry in entries:
        m = _TMP.match(entry.name)
        if m is None or m.group("name") != path.name or _alive(int(m.group("pid"))):
            continue
        try:
            os.unlink(entry.path)
            removed.append(Path(entry.path))
        except OSError:
            pass
    return removed
