"""The team review in what is shared: the settled version, how often the
analysts agree, and (on request) who decided each item.

:func:`team_section` is the report's "Team review" section; :class:`SettledVersion`
(``settled_version(analysis, show_annotators=True)``) shows the same in a
notebook, so a shared or frozen notebook keeps it as static HTML. Both are
plain HTML with inline styles (JupyterLab keeps ``style`` attributes in an
untrusted notebook and drops ``<style>`` blocks) and every string from a file
or a user (annotator names, labels, notes, times, the article) is escaped.

Who decided comes from each record's W3C ``creator`` and ``modified``; for the
settled ``<stem>.annotations.json`` the analysts' records a decision settled
(``settles``) say whether the analysts agreed, whose version the reviewer
took, or whether the reviewer wrote their own. The agreement table is
:func:`toolkit.review.agreement`'s, with its numbers rounded to three places.
Reads the Analysis tables and the store's public API only.
"""

from __future__ import annotations

import datetime as dt
import html
import math
import os
from pathlib import Path

from toolkit.annotations import files
from toolkit.errors import ToolkitError, warn
from toolkit.review.team import analyst_files, item_key, items, load_team, verdict

__all__ = ["SettledVersion", "settled_version", "team_section", "decisions",
           "agreement_html", "article_html", "shown_store", "has_team"]

_AGREED = "analysts agreed"
_CELL = "border:1px solid #ddd;padding:2px 6px;text-align:left;vertical-align:top"
_NUM = "border:1px solid #ddd;padding:2px 6px;text-align:right;vertical-align:top"
_TABLE = "border-collapse:collapse;margin:.4em 0 1em"
_SMALL = "color:#555;font-size:.9em;margin:.2em 0 .8em"
#: The agreement table's columns, as shown.
HEADERS = {"layer": "layer", "label": "label", "items": "items",
           "judged_by_2": "judged by 2+", "observed": "observed",
           "cohen_kappa": "Cohen's κ", "krippendorff_alpha": "Krippen\u00addorff's α",
           "span_exact": "spans: exact", "span_overlap": "spans: overlap"}
_COUNTS = ("items", "judged_by_2")


def _e(value) -> str:
    return html.escape(str(value), quote=True)


def when(stamp) -> str:
    """An ISO time as ``2026-01-31 14:05 UTC`` (anything else as it is)."""
    if not stamp:
        return "?"
    try:
        moment = dt.datetime.fromisoformat(str(stamp))
    except ValueError:
        return str(stamp)[:40]
    if moment.tzinfo is not None:
        moment = moment.astimezone(dt.timezone.utc)
        return moment.strftime("%Y-%m-%d %H:%M UTC")
    return moment.strftime("%Y-%m-%d %H:%M")


# -- which annotations are shown, and whose ------------------------------------------

def _path(analysis) -> Path | None:
    path = getattr(getattr(analysis, "article", None), "path", None)
    return Path(os.fspath(path)).expanduser().resolve() if path else None


def has_team(analysis) -> bool:
    """Whether the article has two or more analysts' own files."""
    path = _path(analysis)
    return path is not None and len(files.analyst_store_paths(path)) >= 2


def shown_store(analysis, store=None):
    """The annotations a reader sees: ``store`` (an AnnotationStore, its
    records or ``view.annotations``), else the article's settled file (or its
    only analyst's file), read and anchored in memory only; None when none."""
    from toolkit.annotations import AnnotationStore

    if store is None:
        path = _path(analysis)
        return AnnotationStore.for_reading(path, analysis.text) if path else None
    if isinstance(store, AnnotationStore):
        return store
    if hasattr(store, "to_dict") and hasattr(store, "columns"):
        store = store.to_dict(orient="records")
    return AnnotationStore.from_records(list(store), analysis.text)


def _team(analysis) -> dict:
    path = _path(analysis)
    if path is None or not analyst_files(path):
        return {}
    try:
        return load_team(analysis)
    except ToolkitError:
        return {}


def _analyst_record(team: dict, ref) -> tuple[str, dict] | None:
    who, _, rid = str(ref).partition(":")
    if who not in team or not rid:
        return None
    try:
        return who, team[who].get(rid)
    except ToolkitError:
        return None


def decisions(store, team: dict | None = None) -> list[dict]:
    """Who decided each placed annotation of ``store``, in text order.

    One dict per record: ``id``, ``text``, ``layer``, ``settled`` (its
    verdict), ``creator``, ``when``, ``how`` ("analysts agreed", "took
    <name>'s version", "own decision", or "" with no team) and ``analysts``
    (``{annotator: verdict or None}``, for a settled record)."""
    team = team or {}
    out = []
    for rec in store.records if store is not None else []:
        if rec["orphan"]:
            continue
        settled = verdict(rec)
        analysts: dict[str, object] = {}
        refs = rec.get("settles") or []
        if team and (refs or rec.get("provenance") == "review"):
            analysts = dict.fromkeys(team)
            for ref in refs:
                found = _analyst_record(team, ref)
                if found is not None:
                    analysts[found[0]] = verdict(found[1])
        how = ""
        if analysts:
            same = [who for who, v in analysts.items() if v == settled]
            if len(same) == len(analysts):
                how = _AGREED
            elif same:
                how = "took " + ", ".join(f"{who}'s" for who in same) + " version"
            else:
                how = "own decision"
        out.append({"id": rec["id"], "start": rec["start"], "end": rec["end"],
                    "text": rec["exact"], "layer": rec["layer"], "settled": settled,
                    "creator": rec.get("author") or "unknown", "when": when(rec["modified"]),
                    "how": how, "analysts": analysts})
    return out


def differences(team: dict, shown) -> tuple[int, int]:
    """(items the analysts differ on, how many of them ``shown`` settles)."""
    placed = {item_key(r) for r in shown.records if not r["orphan"]} if shown is not None \
        else set()
    differ = [key for key, recs in items(team).items()
              if len(recs) < len(team) or len({verdict(r) for r in recs.values()}) > 1]
    return len(differ), sum(key in placed for key in differ)


def decided_by(row: dict) -> str:
    """The "decided by" line of a highlight's tooltip."""
    line = f"{row['creator']}, {row['when']}"
    if row["how"]:
        line += f" ({row['how']})"
    if row["analysts"] and row["how"] != _AGREED:
        line += "; " + ", ".join(f"{who}: {v if v is not None else 'no verdict'}"
                                 for who, v in row["analysts"].items())
    return line


# -- HTML ------------------------------------------------------------------------------

def article_html(analysis, store=None, *, show_annotators: bool = False,
                 team: dict | None = None) -> str:
    """The highlighted article (the one static renderer), each decided
    highlight's tooltip saying who decided it when ``show_annotators``."""
    from toolkit.widgets import static

    shown = shown_store(analysis, store)
    if not show_annotators:
        return static.render_html(analysis, annotations=shown)
    team = _team(analysis) if team is None else team
    engine = static.one_mark_per_date(static.engine_items(analysis))
    drawn = shown.apply(engine) if shown is not None else engine
    lines = {row["id"]: decided_by(row) for row in decisions(shown, team)}
    for item in drawn:
        line = lines.get(item.get("annotation_id"))
        if line:
            item["decided_by"] = line
    problem = getattr(shown, "error", None) if shown is not None else None
    return static.render_parts(analysis.text, drawn, analysis.article.headings,
                               orphans=shown.orphans if shown is not None else [],
                               metadata=analysis.metadata,
                               notice=str(problem) if problem is not None else None)


def _number(column: str, value) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if column in _COUNTS:
        return str(int(value))
    return f"{float(value):.3f}"


def agreement_html(frame) -> str:
    """The agreement table (:func:`toolkit.review.agreement`) as a small HTML table."""
    head = "".join(f'<th style="{_CELL}">{_e(HEADERS.get(c, c))}</th>' for c in frame.columns)
    rows = []
    for rec in frame.to_dict(orient="records"):
        cells = []
        for column, value in rec.items():
            if column in ("layer", "label"):
                cells.append(f'<td style="{_CELL}">{_e(value)}</td>')
            else:
                cells.append(f'<td style="{_NUM}">{_e(_number(column, value))}</td>')
        rows.append(f"<tr>{''.join(cells)}</tr>")
    return (f'<table class="tk-table tk-agreement" style="{_TABLE}"><thead><tr>{head}</tr>'
            f"</thead><tbody>{''.join(rows)}</tbody></table>")


def _short(text: str, limit: int = 90) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def who_html(rows: list[dict], team: dict) -> str:
    """Who decided: one row per item the analysts did not all agree on (every
    item when there is no team), and one line for the rest."""
    names = list(team)
    shown = [r for r in rows if r["how"] != _AGREED]
    agreed = [r for r in rows if r["how"] == _AGREED]
    parts = []
    if shown:
        columns = ["text", "layer", "settled as", "decided by", "when"]
        columns += ["how"] + names if names else []
        head = "".join(f'<th style="{_CELL}">{_e(c)}</th>' for c in columns)
        body = []
        for r in shown:
            cells = [_short(r["text"]), r["layer"], r["settled"] or "–", r["creator"], r["when"]]
            if names:
                cells.append(r["how"] or "–")
                cells += [r["analysts"].get(n) or "–" for n in names]
            body.append("<tr>" + "".join(f'<td style="{_CELL}">{_e(c)}</td>' for c in cells)
                        + "</tr>")
        parts.append(f'<table class="tk-table tk-who" style="{_TABLE}"><thead><tr>{head}</tr>'
                     f"</thead><tbody>{''.join(body)}</tbody></table>")
    if agreed:
        creators = sorted({r["creator"] for r in agreed})
        times = sorted(r["when"] for r in agreed)
        span = times[0] if times[0] == times[-1] else f"{times[0]} to {times[-1]}"
        parts.append(f'<p class="tk-who-agreed" style="{_SMALL}">{len(agreed)} item(s) all '
                     f"analysts agreed on, copied into the settled version by "
                     f"{_e(', '.join(creators))} ({_e(span)}).</p>")
    if not rows:
        parts.append(f'<p class="tk-none" style="{_SMALL}">No decisions recorded.</p>')
    return "".join(parts)


_EXPLAIN = ("items: the engine's items (or added spans) of that kind; judged by 2+: items "
            "at least two analysts judged; observed: the share of those they agree on; "
            "Cohen's κ (two analysts) and Krippendorff's α (any number): agreement beyond "
            "chance, 1 = perfect, 0 = chance; spans: the analysts' own spans found by the "
            "others, on the same characters or overlapping; –: not defined (too few "
            "items, or no variation).")


def team_section(analysis, store=None, *, show_annotators: bool = False,
                 heading: str = "h2", anchor: str | None = "team") -> str:
    """The "Team review" section: what is shown, the agreement table and,
    with ``show_annotators``, who decided each item. Empty when the article
    has fewer than two analysts' files and the shown store names no one."""
    shown = shown_store(analysis, store)
    team = _team(analysis)
    names = list(team)
    sub = "h3" if heading == "h2" else "h4"
    if len(names) < 2 and not show_annotators:
        return ""
    ident = f' id="{_e(anchor)}"' if anchor else ""
    title = "Team review" if len(names) >= 2 else "Who decided"
    parts = [f'<section class="tk-team"{ident}><{heading}>{title}</{heading}>']
    path = _path(analysis)
    settled = files.settled_store_path(path) if path else None
    shown_path = getattr(shown, "path", None)
    if shown is not None and shown_path is not None and shown_path == settled:
        creators = sorted({r.get("author") or "unknown" for r in shown.records})
        what = f"the settled version (<code>{_e(settled.name)}</code>)"
        if show_annotators:
            what += f", settled by {_e(', '.join(creators) or 'no one yet')}"
    elif shown is not None:
        what = (f"the annotations of <code>{_e(shown_path.name)}</code>" if shown_path
                else "the annotations given to the report")
    else:
        what = "the engine's output: there is no settled version yet"
        if len(names) >= 2:
            warn("TKW770", article=path.name if path else "the article")
    line = (f"Shown above: {what}. Analysts: {_e(', '.join(names)) if names else 'none'}."
            if show_annotators else f"Shown above: {what}. {len(names)} analysts.")
    if len(names) >= 2:
        n, done = differences(team, shown)
        line += (f" They differ on {n} item(s); {done} settled"
                 + (f", the other {n - done} show the engine's output." if done < n else "."))
    parts.append(f'<p class="tk-team-meta" style="{_SMALL}">{line}</p>')
    if len(names) >= 2:
        from toolkit.review.agreement import agreement

        parts.append(f"<{sub}>How often the analysts agree</{sub}>")
        parts.append(agreement_html(agreement(analysis)))
        parts.append(f'<p class="tk-explain" style="{_SMALL}">{_e(_EXPLAIN)}</p>')
    if show_annotators:
        if len(names) >= 2:
            parts.append(f"<{sub}>Who decided</{sub}>")
        parts.append(who_html(decisions(shown, team), team))
    parts.append("</section>")
    return "".join(parts)


class SettledVersion:
    """The settled version of an article as a notebook shows it, and as a
    shared or frozen notebook keeps it: the highlighted article (tooltips say
    who decided, with ``show_annotators``), the agreement table and, with
    ``show_annotators``, who decided each item. ``to_html()`` gives the HTML."""

    def __init__(self, analysis, store=None, *, show_annotators: bool = False):
        self.analysis = analysis
        self.store = store
        self.show_annotators = bool(show_annotators)

    def to_html(self) -> str:
        shown = shown_store(self.analysis, self.store)
        team = _team(self.analysis) if self.show_annotators else None
        article = article_html(self.analysis, shown, show_annotators=self.show_annotators,
                               team=team)
        section = team_section(self.analysis, shown, show_annotators=self.show_annotators,
                               heading="h3", anchor=None)
        return (f'<div class="tk-settled" style="font-family:system-ui,sans-serif;'
                f'font-size:13px">{article}{section}</div>')

    def _repr_html_(self) -> str:
        return self.to_html()

    def __repr__(self) -> str:
        shown = shown_store(self.analysis, self.store)
        name = getattr(getattr(shown, "path", None), "name", None) or "the engine's output"
        return f"SettledVersion({name}, show_annotators={self.show_annotators})"


def settled_version(analysis, store=None, *, show_annotators: bool = False) -> SettledVersion:
    """``settled_version(analysis, show_annotators=True)``: see :class:`SettledVersion`."""
    return SettledVersion(analysis, store, show_annotators=show_annotators)
