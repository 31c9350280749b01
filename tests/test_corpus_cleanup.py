"""Corpus mode: temporary part files left by a killed run are removed at the
start of the next run on the same folder; files being written are left alone.

No Dask cluster is needed: every article of the source is already in the
corpus, so the run only lists, fingerprints and cleans."""

from __future__ import annotations

import os
import time
from pathlib import Path

import toolkit
from toolkit.corpus import store
from toolkit.corpus.run import article_id


def _corpus_holding(source: Path, out: Path) -> Path:
    """An ``out`` folder whose articles table already names every article of
    ``source`` (as a finished run leaves it)."""
    root = store.prepare(out)
    rows = []
    for path in sorted(source.glob("*.txt")):
        rows.append({"id": article_id(path.read_bytes(), None), "path": str(path),
                     "status": "ok", "batch": "done"})
    store.write_part(root, "articles", "done", rows)
    return root


def _leftover(folder: Path, name: str, age_seconds: float) -> Path:
    path = folder / name
    path.write_bytes(b"PAR1 half a part")
    when = time.time() - age_seconds
    os.utime(path, (when, when))
    return path


def test_stale_temporaries_of_a_killed_run_are_removed_and_fresh_ones_kept(tmp_path):
    source = tmp_path / "news"
    source.mkdir()
    (source / "a.txt").write_text("The council met on Tuesday.\n", encoding="utf-8")
    (source / "b.txt").write_text("Tom Reed said the road would reopen.\n", encoding="utf-8")
    root = _corpus_holding(source, tmp_path / "out")
    stale = [_leftover(root / "entities", ".part-abc.parquet.0a1b.tmp", 3600),
             _leftover(root / "articles", ".part-abc.parquet.2c3d.tmp", 2 * 86400),
             _leftover(root, ".corpus.json.4e5f.tmp", 600)]
    fresh = _leftover(root / "quotes", ".part-def.parquet.6a7b.tmp", 0)  # being written
    other = _leftover(root / "figures", "notes.tmp", 3600)  # not one of ours
    parts_before = sorted(p.name for p in (root / "articles").glob("part-*.parquet"))

    corpus = toolkit.analyze_corpus(source, root, progress=False)

    assert corpus.run["analysed"] == 0 and corpus.run["skipped"] == 2
    assert corpus.run["cleaned"] == len(stale)
    assert not any(p.exists() for p in stale)
    assert fresh.exists() and other.exists()
    assert sorted(p.name for p in (root / "articles").glob("part-*.parquet")) == parts_before
    assert len(corpus.articles) == 2


def test_cleaning_uses_the_run_start_and_a_margin_for_writers(tmp_path):
    root = store.prepare(tmp_path / "out")
    recent = _leftover(root / "timeline", ".part-x.parquet.1.tmp",
                       store.STALE_AFTER_SECONDS / 2)
    old = _leftover(root / "timeline", ".part-x.parquet.2.tmp",
                    store.STALE_AFTER_SECONDS * 3)
    # a run that started long ago must not remove what was written since it began
    assert store.clean_stale_temporaries(root, time.time() - store.STALE_AFTER_SECONDS * 10) == 0
    assert recent.exists() and old.exists()
    assert store.clean_stale_temporaries(root) == 1
    assert recent.exists() and not old.exists()
    assert store.clean_stale_temporaries(root) == 0
