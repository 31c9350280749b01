"""The corpus on disk: Parquet parts written atomically, read lazily.

Layout of an ``out`` folder::

    out/corpus.json                       format version and what wrote it
    out/articles/part-<batch>.parquet     one row per article of the batch
    out/entities/part-<batch>.parquet     the per-article tables, stacked,
    out/quotes/...                        each with article_id, outlet,
    out/figures/...                       published and batch columns
    out/timeline/...

``<batch>`` is a hash of the article ids in the batch, so a batch that is run
again (a killed worker, a retried task) writes the *same* file names: each file
is written to a temporary name and moved into place with ``os.replace``, so a
reader sees the old file or the new one, never half of one. The articles part
is written last; rows of the other layers count only when their batch is the
one the articles table names for that article (see :func:`read_layer`), so a
batch cut short between two files leaves nothing a reader would count.

Every layer has a fixed Arrow schema, so parts written by different workers
always read back as one dataset.
"""

from __future__ import annotations

import json
import os
import time
import uuid
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq

from toolkit._files import atomic_write_bytes
from toolkit.errors import ToolkitError

FORMAT = 1
LAYERS = ("entities", "quotes", "figures", "timeline")
TABLES = ("articles",) + LAYERS

#: Columns added to every per-article table.
CONTEXT = [("article_id", pa.string()), ("outlet", pa.string()),
           ("published", pa.string()), ("batch", pa.string())]

_STR, _INT, _FLOAT, _BOOL = pa.string(), pa.int64(), pa.float64(), pa.bool_()

SCHEMAS: dict[str, pa.Schema] = {
    "articles": pa.schema([
        ("id", _STR), ("path", _STR), ("title", _STR), ("outlet", _STR),
        ("published", _STR), ("words", _INT), ("status", _STR), ("error", _STR),
        ("message", _STR), ("batch", _STR)]),
    "entities": pa.schema([("text", _STR), ("label", _STR), ("start", _INT),
                           ("end", _INT), ("canonical", _STR)] + CONTEXT),
    "quotes": pa.schema([("kind", _STR), ("content", _STR), ("start", _INT), ("end", _INT),
                         ("speaker", _STR), ("speaker_text", _STR), ("speaker_start", _INT),
                         ("speaker_end", _INT), ("cue", _STR)] + CONTEXT),
    "figures": pa.schema([("text", _STR), ("start", _INT), ("end", _INT), ("type", _STR),
                          ("value", _FLOAT), ("low", _FLOAT), ("high", _FLOAT),
                          ("unit", _STR), ("qualifier", _STR), ("measures", _STR),
                          ("source", _STR), ("conversion_of", _STR),
                          ("consistent", _BOOL)] + CONTEXT),
    "timeline": pa.schema([("text", _STR), ("start", _INT), ("end", _INT),
                           ("date", _STR), ("resolved", _BOOL)] + CONTEXT),
}


# -- values into the fixed schema ------------------------------------------------------

def _missing(value) -> bool:
    if value is None:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _as(value, kind: pa.DataType):
    """``value`` as the Python type of ``kind``; what does not fit becomes None
    (numbers) or its JSON text (strings)."""
    if _missing(value):
        return None
    if hasattr(value, "item") and callable(value.item):
        value = value.item()
    if kind == _STR:
        if isinstance(value, str):
            return value
        if hasattr(value, "isoformat"):
            return value.isoformat()
        return json.dumps(value, ensure_ascii=False, default=str)
    if kind == _BOOL:
        return bool(value) if isinstance(value, (bool, int)) else None
    if kind == _INT:
        return int(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None
    if kind == _FLOAT:
        return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None
    return value


def to_arrow(table: str, rows: list[dict]) -> pa.Table:
    """Rows (dicts) as an Arrow table of the layer's fixed schema."""
    schema = SCHEMAS[table]
    columns = {f.name: [_as(row.get(f.name), f.type) for row in rows] for f in schema}
    return pa.Table.from_pydict(columns, schema=schema)


def frame_rows(frame: pd.DataFrame) -> list[dict]:
    return frame.to_dict(orient="records") if len(frame) else []


# -- writing ---------------------------------------------------------------------------

def prepare(out) -> Path:
    """Create the corpus folder (TK601 when ``out`` is a file) and its marker."""
    root = Path(os.fspath(out)).expanduser()
    if root.exists() and not root.is_dir():
        raise ToolkitError("TK601", path=str(root))
    for name in TABLES:
        (root / name).mkdir(parents=True, exist_ok=True)
    marker = root / "corpus.json"
    if marker.is_file():
        found = json.loads(marker.read_text(encoding="utf-8")).get("format")
        if found != FORMAT:
            raise ToolkitError("TK609", path=str(root), found=found, expected=FORMAT)
    else:
        atomic_write_bytes(marker, json.dumps({"format": FORMAT, "tables": list(TABLES)},
                                              indent=2).encode("utf-8"))
    return root


#: A temporary part untouched for this long is not being written: a part is
#: written in well under a second, and a writer updates the file as it goes.
STALE_AFTER_SECONDS = 60


def clean_stale_temporaries(root: Path, started: float | None = None) -> int:
    """Remove the temporary files (``.part-*.tmp``, ``.corpus.json.*.tmp``) that a
    killed run left in ``root``: those last modified before ``started`` (a
    ``time.time()``, default now) less :data:`STALE_AFTER_SECONDS`, so a file
    another run is writing right now is left alone. Returns how many went."""
    cutoff = (time.time() if started is None else started) - STALE_AFTER_SECONDS
    found = list(root.glob(".corpus.json.*.tmp"))
    for name in TABLES:
        found.extend((root / name).glob(".part-*.tmp"))
    removed = 0
    for path in found:
        try:
            if path.is_file() and path.stat().st_mtime < cutoff:
                path.unlink()
                removed += 1
        except OSError:
            continue  # gone already (another run cleaned it) or not ours to remove
    return removed


def part_path(root: Path, table: str, batch: str) -> Path:
    return root / table / f"part-{batch}.parquet"


def write_part(root: Path, table: str, batch: str, rows: list[dict]) -> Path:
    """Write one part atomically: a temporary file in the same folder, then
    ``os.replace`` (atomic on POSIX and Windows)."""
    final = part_path(root, table, batch)
    tmp = final.with_name(f".{final.name}.{uuid.uuid4().hex}.tmp")
    try:
        pq.write_table(to_arrow(table, rows), tmp)
        os.replace(tmp, final)
    finally:
        if tmp.exists():
            tmp.unlink()
    return final


# -- reading ---------------------------------------------------------------------------

def is_corpus(root: Path) -> bool:
    return (root / "corpus.json").is_file() and (root / "articles").is_dir()


def dataset(root: Path, table: str) -> ds.Dataset:
    """The lazy pyarrow dataset of one table (no rows are read yet)."""
    files = sorted(str(p) for p in (root / table).glob("part-*.parquet"))
    return ds.dataset(files, schema=SCHEMAS[table], format="parquet")


def read_table(root: Path, table: str, filter=None, columns=None) -> pd.DataFrame:
    """Read one table (optionally filtered with a pyarrow expression) into pandas."""
    try:
        data = dataset(root, table).to_table(filter=filter, columns=columns)
    except (pa.ArrowInvalid, OSError) as exc:
        raise ToolkitError("TK605", path=str(root / table), why=str(exc)) from exc
    return data.to_pandas(types_mapper=_types)


def _types(kind: pa.DataType):
    if kind == _INT:
        return pd.Int64Dtype()
    if kind == _BOOL:
        return pd.BooleanDtype()
    return None


def read_articles(root: Path, filter=None) -> pd.DataFrame:
    """The articles table, one row per article id (a batch run twice may have
    left two rows; the first by batch name is kept, so every reader agrees)."""
    frame = read_table(root, "articles", filter=filter)
    if len(frame):
        frame = (frame.sort_values(["id", "batch"], kind="stable")
                 .drop_duplicates("id", keep="first"))
        frame = frame.sort_values(["published", "path"], na_position="last",
                                  kind="stable").reset_index(drop=True)
    return frame


def read_layer(root: Path, layer: str, articles: pd.DataFrame, filter=None) -> pd.DataFrame:
    """One per-article table, keeping only rows of the batch that the articles
    table names for each article (so nothing is counted twice)."""
    frame = read_table(root, layer, filter=filter)
    if not len(frame):
        return frame
    chosen = articles[["id", "batch"]].rename(columns={"id": "article_id"})
    frame = frame.merge(chosen, on=["article_id", "batch"], how="inner")
    return frame.reset_index(drop=True)


def done_ids(root: Path) -> set[str]:
    """Ids of the articles already in the corpus (analysed or reported)."""
    if not (root / "articles").is_dir():
        return set()
    try:
        frame = dataset(root, "articles").to_table(columns=["id"])
    except (pa.ArrowInvalid, OSError):
        return _ids_part_by_part(root)
    return set(frame.column("id").to_pylist())


def _ids_part_by_part(root: Path) -> set[str]:
    """Like :func:`done_ids`, skipping unreadable parts (their articles run again)."""
    ids: set[str] = set()
    for path in sorted((root / "articles").glob("part-*.parquet")):
        try:
            ids.update(pq.read_table(path, columns=["id"]).column("id").to_pylist())
        except (pa.ArrowInvalid, OSError):
            continue
    return ids
