"""ArticlePicker: choose an article from a folder without editing code.

A list of the article files in a folder, each shown with its publication date
and outlet (from its ``<stem>.meta.json``), and a date field that follows the
chosen article and can be corrected by hand. The notebook reads
``picker.article`` and ``picker.published``; run headless (nbclient,
papermill) nobody clicks, so they are the values the picker was made with.
"""

from __future__ import annotations

import datetime as dt
import html
from pathlib import Path

import ipywidgets as w

from toolkit.article import metadata_path, normalise_published, read_metadata
from toolkit.batch import ARTICLE_SUFFIXES
from toolkit.errors import ToolkitError
from toolkit.widgets.fallback import StaticFallback


def list_articles(folder) -> list[dict]:
    """One entry per article file in ``folder``: path, name, published, outlet, title."""
    folder = Path(folder)
    entries = []
    for path in sorted(folder.iterdir() if folder.is_dir() else [], key=lambda p: p.name):
        if not path.is_file() or path.suffix.lower() not in ARTICLE_SUFFIXES:
            continue
        try:
            meta = read_metadata(path)
            problem = None
        except ToolkitError as exc:
            meta, problem = {}, f"{metadata_path(path).name}: {exc.code}"
        try:
            published = normalise_published(meta.get("published"))
        except ToolkitError:
            published = None
        entries.append({"path": str(path), "name": path.name, "published": published,
                        "outlet": meta.get("outlet") or "", "title": meta.get("title") or "",
                        "problem": problem})
    return entries


def _label(entry: dict) -> str:
    parts = [entry["name"], entry["published"] or "no date", entry["outlet"] or "no outlet"]
    return "  ·  ".join(parts)


class ArticlePicker(StaticFallback, w.VBox):
    """Pick an article from ``folder`` (default: the folder of ``selected``).

    ``selected`` is the article chosen at first (the notebook's ``ARTICLE``);
    ``published`` overrides its ``.meta.json`` date (the notebook's ``PUBLISHED``).
    """

    def __init__(self, folder=None, *, selected=None, published=None):
        if folder is None:
            folder = Path(selected).parent if selected else Path.cwd()
        self.folder = Path(folder)
        self.entries = list_articles(self.folder)
        by_path = {Path(e["path"]).resolve(): e for e in self.entries}
        if selected is not None:
            known = by_path.get(Path(selected).resolve())
            if known is not None:
                known["path"] = str(selected)  # keep the path as the notebook wrote it
            elif Path(selected).is_file():
                self.entries.insert(0, list_articles_one(Path(selected)))
        self._select = w.Select(
            options=[(_label(e), e["path"]) for e in self.entries],
            value=self._initial(selected),
            rows=min(max(len(self.entries), 2), 10),
            layout=w.Layout(width="100%"))
        self._date = w.DatePicker(description="published", layout=w.Layout(width="auto"))
        self._about = w.HTML()
        self._published_override = normalise_published(published)
        self._select.observe(self._on_pick, names="value")
        self._fill(self._published_override)
        header = w.HTML(f"<b>Articles in</b> <code>{html.escape(str(self.folder))}</code>"
                        f" ({len(self.entries)})")
        super().__init__([header, self._select, w.HBox([self._date, self._about])])
        self.add_class("toolkit-article-picker")

    def _initial(self, selected) -> str | None:
        paths = [e["path"] for e in self.entries]
        if selected is not None and str(selected) in paths:
            return str(selected)
        return paths[0] if paths and selected is None else None

    # -- what the notebook reads --------------------------------------------------
    @property
    def article(self) -> str | None:
        """The chosen article's path."""
        return self._select.value

    @property
    def published(self) -> str | None:
        """The publication date to use (ISO), or None when unknown."""
        return self._date.value.isoformat() if self._date.value else None

    def pick(self, path) -> None:
        """Choose ``path`` (one of the listed articles), as a click would."""
        self._select.value = str(path)

    # -- behaviour ------------------------------------------------------------------
    def _entry(self) -> dict | None:
        return next((e for e in self.entries if e["path"] == self._select.value), None)

    def _fill(self, date: str | None) -> None:
        entry = self._entry() or {}
        date = date or entry.get("published")
        self._date.value = dt.date.fromisoformat(date) if date else None
        about = " · ".join(x for x in (entry.get("outlet"), entry.get("title")) if x)
        if entry.get("problem"):
            about += f" <i>(unreadable {html.escape(entry['problem'])})</i>"
        self._about.value = html.escape(about) if not entry.get("problem") else about

    def _on_pick(self, change) -> None:
        self._fill(None)  # a new article brings its own date

    # -- static twin (shared HTML, nbviewer, a kernel-less JupyterLab) --------------
    def to_html(self) -> str:
        rows = []
        for e in self.entries:
            chosen = e["path"] == self._select.value
            cells = [e["name"], e["published"] or "", e["outlet"], e["title"]]
            tds = "".join(f"<td style='padding:2px 8px'>{html.escape(c)}</td>" for c in cells)
            style = " style='font-weight:bold;background:#eef3fb'" if chosen else ""
            rows.append(f"<tr{style}>{tds}</tr>")
        head = "".join(f"<th style='padding:2px 8px;text-align:left'>{h}</th>"
                       for h in ("article", "published", "outlet", "title"))
        return (f"<div class='toolkit-article-picker'><p>Articles in "
                f"<code>{html.escape(str(self.folder))}</code>; chosen: "
                f"<b>{html.escape(Path(self.article).name if self.article else 'none')}</b>"
                f" (published {html.escape(self.published or 'unknown')})</p>"
                f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}"
                f"</tbody></table></div>")


def list_articles_one(path: Path) -> dict:
    """The :func:`list_articles` entry of one file."""
    entry = next((e for e in list_articles(path.parent) if e["name"] == path.name), None)
    if entry is None:  # a file with another suffix, chosen explicitly
        entry = {"name": path.name, "published": None, "outlet": "", "title": "",
                 "problem": None}
    entry["path"] = str(path)
    return entry
