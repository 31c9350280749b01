"""Adjudication: a reviewer settles where the analysts differ.

:class:`Review` lists every item (an engine highlight someone judged, or a span
someone added) where the analysts' verdicts differ, or where some analyst has
no verdict. The reviewer accepts one analyst's version (:meth:`accept`) or
writes the final decision (:meth:`decide`); :meth:`undo` takes the last step
back. The settled version is ``<stem>.annotations.json`` (an
:class:`AnnotationStore` whose records have ``creator`` = the reviewer and
``settles`` = the ``"<annotator>:<id>"`` of the analysts' records they settle).
Items all analysts agree on are copied there on the first decision. The
analysts' own files are only read.
"""

from __future__ import annotations

import copy

from toolkit.annotations import files
from toolkit.annotations.store import AnnotationStore, default_annotator
from toolkit.errors import ToolkitError
from toolkit.review.team import _article_path, items, load_team, verdict

_KEEP = ("layer", "label", "provenance", "engine_id", "engine_label", "decision", "status",
         "note", "speaker")


def _refs(recs: dict[str, dict]) -> list[str]:
    return [f"{who}:{rec['id']}" for who, rec in recs.items()]


class Review:
    """The disagreements of a team on one article, and the settled version."""

    def __init__(self, analysis, annotators=None, *, reviewer: str | None = None):
        self.analysis = analysis
        path, _ = _article_path(analysis)
        self.text = analysis.text
        self.team = load_team(analysis, annotators)
        self.annotators = list(self.team)
        self.reviewer = files.check_annotator(reviewer or default_annotator())
        self.settled = AnnotationStore(files.settled_store_path(path), text=self.text,
                                       annotator=self.reviewer, source=str(path))
        self.items = items(self.team)
        self.disagreements = [key for key, recs in self.items.items()
                              if len(recs) < len(self.annotators)
                              or len({verdict(r) for r in recs.values()}) > 1]
        self._undo: list[tuple[tuple, dict | None]] = []
        self.current = 0

    # -- what there is to see -------------------------------------------------
    def item(self, index: int) -> dict:
        """One disagreement: where it is and each analyst's version (None: none)."""
        key = self._key(index)
        recs = self.items[key]
        kind, layer, start, end = key
        return {"index": index, "kind": kind, "layer": layer, "start": start, "end": end,
                "exact": self.text[start:end],
                "choices": [{"annotator": who, **self._summary(recs.get(who))}
                            for who in self.annotators],
                "settled": self._summary(self._settled_for(key))}

    @staticmethod
    def _summary(rec: dict | None) -> dict:
        if rec is None:
            return {"present": False}
        return {"present": True, "label": rec["label"], "decision": rec["decision"],
                "status": rec["status"], "note": rec["note"], "speaker": rec["speaker"],
                "creator": rec["author"], "modified": rec["modified"],
                "verdict": verdict(rec)}

    def _key(self, index: int) -> tuple:
        if not isinstance(index, int) or not 0 <= index < len(self.disagreements):
            raise ToolkitError("TK235", index=index, n=len(self.disagreements))
        return self.disagreements[index]

    def _settled_for(self, key: tuple) -> dict | None:
        kind, layer, start, end = key
        for rec in self.settled.records:
            if not rec["orphan"] and rec["layer"] == layer and rec["start"] == start \
                    and rec["end"] == end and (rec["provenance"] == "engine") == (kind == "engine"):
                return rec
        return None

    def is_settled(self, index: int) -> bool:
        key = self._key(index)
        return self._settled_for(key) is not None or key in self._none

    @property
    def _none(self) -> set:
        return {k for k, _ in self._undo if self._settled_for(k) is None}

    def next(self, after: int | None = None) -> int | None:
        """The next disagreement not yet settled (wrapping round), or None."""
        n = len(self.disagreements)
        start = self.current if after is None else after
        for step in range(1, n + 1):
            i = (start + step) % n
            if not self.is_settled(i):
                self.current = i
                return i
        return None

    # -- settling ---------------------------------------------------------------
    def _settle_agreed(self) -> None:
        if self.settled.records:
            return
        for key, recs in self.items.items():
            if key in self.disagreements:
                continue
            self._write(key, next(iter(recs.values())), recs)

    def _write(self, key: tuple, source: dict | None, recs: dict, **changes) -> dict | None:
        old = self._settled_for(key)
        if old is not None:
            self.settled.delete(old["id"])
        if source is None and not changes:
            return None
        base = {k: (source or {}).get(k) for k in _KEEP}
        if source is None:  # a final decision with no analyst's version under it
            base.update(layer=key[1], provenance="engine" if key[0] == "engine" else "review")
        base.update(changes)
        label = base.get("label") or "?"
        return self.settled.add(key[2], key[3], label, layer=base["layer"],
                                provenance=base["provenance"] or "review",
                                engine_id=base["engine_id"], engine_label=base["engine_label"],
                                decision=base["decision"], status=base["status"],
                                note=base["note"], speaker=base["speaker"],
                                settles=_refs(recs))

    def accept(self, index: int, choice) -> dict | None:
        """Take analyst ``choice`` (a name, or 1, 2, ... in :attr:`annotators`
        order) as the settled version of disagreement ``index``."""
        key = self._key(index)
        if isinstance(choice, int) and not isinstance(choice, bool):
            if not 1 <= choice <= len(self.annotators):
                raise ToolkitError("TK236", choice=choice, n=len(self.annotators))
            choice = self.annotators[choice - 1]
        if choice not in self.annotators:
            raise ToolkitError("TK236", choice=choice, n=len(self.annotators))
        self._settle_agreed()
        self._undo.append((key, copy.deepcopy(self._settled_for(key))))
        recs = self.items[key]
        return self._write(key, recs.get(choice), recs)

    def decide(self, index: int, **changes) -> dict:
        """Write the final decision (label, decision, status, note, speaker)."""
        key = self._key(index)
        self._settle_agreed()
        self._undo.append((key, copy.deepcopy(self._settled_for(key))))
        recs = self.items[key]
        return self._write(key, next(iter(recs.values()), None), recs, **changes)

    def undo(self) -> tuple | None:
        """Take the last accept or decision back; returns its item's key."""
        if not self._undo:
            return None
        key, before = self._undo.pop()
        now = self._settled_for(key)
        if now is not None:
            self.settled.delete(now["id"])
        if before is not None:
            self.settled.put(before)
        return key

    def summary(self):
        """One row per disagreement: where, each analyst's verdict, the settled one."""
        import pandas as pd

        rows = []
        for i in range(len(self.disagreements)):
            it = self.item(i)
            row = {"index": i, "layer": it["layer"], "start": it["start"], "end": it["end"],
                   "text": it["exact"]}
            for c in it["choices"]:
                row[c["annotator"]] = c.get("verdict")
            row["settled"] = it["settled"].get("verdict")
            rows.append(row)
        return pd.DataFrame(rows)
