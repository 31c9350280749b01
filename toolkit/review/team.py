"""The team's files of one article: each analyst's store, read-only, and the
items they judged, keyed by what they are about."""

from __future__ import annotations

import os
from pathlib import Path

from toolkit.annotations import files
from toolkit.annotations.store import AnnotationStore
from toolkit.errors import ToolkitError

ANONYMOUS = "anonymous"


def _article_path(article_or_analysis) -> tuple[Path, str | None]:
    article = getattr(article_or_analysis, "article", article_or_analysis)
    text = getattr(article_or_analysis, "text", None)
    path = getattr(article, "path", article)
    if path is None:
        raise ToolkitError("TK232", article="<text without a file>",
                           pattern="<article>.annotations.<annotator>.json")
    return Path(os.fspath(path)).expanduser().resolve(), text


def analyst_files(article_path) -> dict[str, Path]:
    """``{annotator: file}``; an old single-file store (no analysts' files) is
    one anonymous analyst."""
    found = files.analyst_store_paths(article_path)
    if not found:
        legacy = files.legacy_store_path(article_path)
        if legacy.exists():
            found = {ANONYMOUS: legacy}
    return found


def load_team(article_or_analysis, annotators=None, *, text: str | None = None
              ) -> dict[str, AnnotationStore]:
    """Each analyst's store (read-only, anchored in memory to ``text``)."""
    path, analysis_text = _article_path(article_or_analysis)
    text = text if text is not None else analysis_text
    if text is None:
        text = Path(path).read_text(encoding="utf-8")  # only when given a bare path
    found = analyst_files(path)
    if not found:
        raise ToolkitError("TK232", article=str(path),
                           pattern=f"{path.stem}.annotations.<annotator>.json")
    if annotators is not None:
        missing = [a for a in annotators if a not in found]
        if missing:
            raise ToolkitError("TK234", missing=", ".join(map(str, missing)), article=str(path),
                               choices=", ".join(found))
        found = {a: found[a] for a in annotators}
    team = {}
    for who, file in found.items():
        store = AnnotationStore.open_readonly_or_error(file, annotator=who)
        if store.error is not None and store.error.code != "TK230":
            raise store.error
        store.text = text
        store._reanchor_all()
        store.read_only = True
        team[who] = store
    return team


def item_key(rec: dict) -> tuple:
    """What a record is about: an engine item, or a span an analyst added."""
    kind = "engine" if rec["provenance"] == "engine" else "added"
    return (kind, rec["layer"], rec["start"], rec["end"])


def judgement(rec: dict | None):
    """One analyst's verdict on an item, as one comparable value."""
    if rec is None:
        return None
    if rec.get("decision") == "rejected":
        return "rejected"
    return f"{rec['label']} · {rec['status']}" if rec.get("status") else rec["label"]


AS_FOUND = "(as found)"


def speaker_judgement(rec: dict | None):
    """One analyst's verdict on a quote's speaker: the speaker they set, or
    ``"(as found)"`` when they kept the engine's; None when they did not judge
    the quote or rejected it (no speaker to agree on)."""
    if rec is None or rec.get("decision") == "rejected":
        return None
    return rec.get("speaker") or AS_FOUND


def verdict(rec: dict | None):
    """The whole verdict a reviewer settles: :func:`judgement`, plus the
    speaker when the analyst changed it."""
    base = judgement(rec)
    if base is None or base == "rejected" or not rec.get("speaker"):
        return base
    return f"{base} · speaker: {rec['speaker']}"


def items(team: dict[str, AnnotationStore]) -> dict[tuple, dict[str, dict]]:
    """``{key: {annotator: record}}`` over every placed record of the team."""
    out: dict[tuple, dict[str, dict]] = {}
    for who, store in team.items():
        for rec in store.records:
            if rec["orphan"]:
                continue
            out.setdefault(item_key(rec), {})[who] = rec
    return dict(sorted(out.items(), key=lambda kv: (kv[0][2], kv[0][3], kv[0][1], kv[0][0])))
