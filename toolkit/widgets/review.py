"""ReviewView: a reviewer settles the analysts' disagreements in the notebook.

The article with every disagreement marked; the detail panel shows each
analyst's version side by side. Keys: ``n`` / ``p`` next / previous
disagreement, ``1``, ``2``, ... accept that analyst's version, ``z`` undo,
``Enter`` in the box writes the final label. Every step is saved at once to the
settled ``<stem>.annotations.json`` (see :class:`toolkit.review.Review`).
"""

from __future__ import annotations

from pathlib import Path

import anywidget
import traitlets as t

from toolkit.errors import ToolkitError
from toolkit.widgets.fallback import StaticFallback
from toolkit.review.adjudication import Review

_HERE = Path(__file__).parent


class ReviewView(StaticFallback, anywidget.AnyWidget):
    """``toolkit.ReviewView(analysis, annotators=None, reviewer=None)``."""

    _esm = _HERE / "review.js"
    _css = _HERE / "review.css"
    text = t.Unicode("").tag(sync=True)
    items = t.List([]).tag(sync=True)
    annotators = t.List([]).tag(sync=True)
    current = t.Int(0).tag(sync=True)
    reviewer = t.Unicode("").tag(sync=True)
    message = t.Unicode("").tag(sync=True)
    settled_name = t.Unicode("").tag(sync=True)

    def __init__(self, analysis, *, annotators=None, reviewer: str | None = None, **kwargs):
        super().__init__(**kwargs)
        self.review = Review(analysis, annotators, reviewer=reviewer)
        self.text = analysis.text
        self.annotators = self.review.annotators
        self.reviewer = self.review.reviewer
        self.settled_name = self.review.settled.path.name
        self._refresh()
        self.on_msg(self._on_msg)

    def _refresh(self) -> None:
        n = len(self.review.disagreements)
        self.items = [self.review.item(i) for i in range(n)]
        done = sum(1 for it in self.items if it["settled"]["present"])
        self.message = (f"{n} disagreement(s), {done} settled; saved to {self.settled_name}"
                        if n else "The analysts agree on everything.")

    def accept(self, index: int, choice) -> None:
        self.review.accept(index, choice)
        self._after(index)

    def decide(self, index: int, **changes) -> None:
        self.review.decide(index, **changes)
        self._after(index)

    def undo(self) -> None:
        key = self.review.undo()
        self._refresh()
        if key is not None:
            self.current = self.review.disagreements.index(key)

    def _after(self, index: int) -> None:
        self._refresh()
        nxt = self.review.next(index)
        self.current = index if nxt is None else nxt

    def to_html(self) -> str:
        """The disagreements as a static table (the ``text/html`` fallback)."""
        from html import escape

        head = "".join(f"<th>{escape(a)}</th>" for a in self.annotators)
        rows = []
        for it in self.items:
            cells = "".join(f"<td>{escape(str(c.get('verdict') or '-'))}</td>"
                            for c in it["choices"])
            rows.append(f"<tr><td>{escape(it['exact'])}</td><td>{escape(it['layer'])}</td>"
                        f"{cells}<td>{escape(str(it['settled'].get('verdict') or '-'))}</td></tr>")
        return (f"<div class='tk-review-static'><p>{escape(self.message)}</p><table>"
                f"<tr><th>text</th><th>layer</th>{head}<th>settled</th></tr>"
                f"{''.join(rows)}</table></div>")

    def _on_msg(self, _widget, content, _buffers) -> None:
        try:
            kind = content.get("type")
            index = int(content.get("index", self.current))
            if kind == "accept":
                self.accept(index, int(content["choice"]))
            elif kind == "decide":
                self.decide(index, label=str(content["label"]), decision="confirmed")
            elif kind == "undo":
                self.undo()
        except ToolkitError as exc:
            self.message = str(exc)
