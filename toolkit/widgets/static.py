"""The ArticleView's look as self-contained static HTML: inline styles, no script.

:func:`render_html` is what a reader without a kernel sees: the widget's
``text/html`` fallback, ``view.to_html()`` and the reports built on them. Every
piece of the article, every label, speaker and note is escaped, so an article
holding ``<script>`` or ``<img onerror=...>`` shows those characters as text.

:func:`build_blocks` is the one place the text is cut into pieces for display
(the widget's front end draws the same blocks): the text is split at every
highlight boundary into segments, each carrying the ids of the spans covering
it, so nested and overlapping spans show without any text repeated or lost.
"""

from __future__ import annotations

import html
from typing import Iterable

from toolkit.style import (DATE_MARK, FIGURE_MARK, LAYER_NAMES, QUOTE_TINT, SPEAKER_BG,
                           STATUS_TEXT, label_colour)


# -- cutting the text into blocks and segments ------------------------------------

def build_blocks(text: str, highlights: Iterable[dict], headings: Iterable[dict] = ()) -> list[dict]:
    """The text as display blocks: one per non-blank line.

    Each block is ``{"kind": "heading"|"p", "start", "end", "segments"}`` and
    each segment ``{"s", "e", "t", "ids"}``: ``t == text[s:e]`` and ``ids`` are
    the highlights covering it, outermost first. The segments of a block tile it
    exactly: joined, they give the block's line of text.
    """
    highlights = [h for h in highlights if 0 <= h["start"] < h["end"] <= len(text)]
    heading_starts = {(h["start"], h["end"]) for h in headings}
    heading_lines = set()
    blocks = []
    pos = 0
    for line in text.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        if not line.strip():
            continue
        lead = len(line) - len(line.lstrip())
        stripped_end = start + len(line.rstrip())
        kind = "heading" if (start + lead, stripped_end) in heading_starts else "p"
        if kind == "heading":
            heading_lines.add(start)
        blocks.append({"kind": kind, "start": start, "end": end, "segments": []})
    if not blocks:
        return blocks
    cuts = {0, len(text)}
    for b in blocks:
        cuts.update((b["start"], b["end"]))
    for h in highlights:
        cuts.update((h["start"], h["end"]))
    order = sorted(cuts)
    starts: dict[int, list[dict]] = {}
    for h in highlights:
        starts.setdefault(h["start"], []).append(h)
    active: list[dict] = []
    block_i = 0
    for a, b in zip(order, order[1:]):
        active = [h for h in active if h["end"] > a]
        active.extend(starts.get(a, ()))
        while block_i < len(blocks) and blocks[block_i]["end"] <= a:
            block_i += 1
        if block_i >= len(blocks):
            break
        block = blocks[block_i]
        if a < block["start"] or b > block["end"]:
            continue  # a line break or a blank line between blocks
        covering = sorted(active, key=lambda h: (h["start"], -h["end"], h["id"]))
        block["segments"].append({"s": a, "e": b, "t": text[a:b],
                                  "ids": [h["id"] for h in covering]})
    return blocks


# -- facts shown on hover and in the detail panel ---------------------------------

def _fmt_number(value) -> str:
    if isinstance(value, bool) or value is None:
        return str(value)
    if isinstance(value, (int, float)):
        if float(value).is_integer() and abs(value) < 1e15:
            return f"{int(value):,}"
        return f"{value:,.4g}"
    return str(value)


def describe(h: dict) -> list[tuple[str, str]]:
    """(name, value) facts about a highlight, for hovers and the detail panel."""
    attrs = h.get("attrs") or {}
    facts: list[tuple[str, str]] = [("kind", LAYER_NAMES.get(h["layer"], h["layer"])),
                                    ("label", h["label"])]
    if h["layer"] == "entities":
        if attrs.get("canonical") and attrs["canonical"] != h.get("text"):
            facts.append(("refers to", str(attrs["canonical"])))
    elif h["layer"] == "quotes":
        facts.append(("speaker", str(attrs.get("speaker") or attrs.get("speaker_text")
                                     or "unknown")))
        if attrs.get("cue"):
            facts.append(("cue", str(attrs["cue"])))
    elif h["layer"] == "figures":
        value = attrs.get("value")
        if value is None and (attrs.get("low") is not None or attrs.get("high") is not None):
            low, high = attrs.get("low"), attrs.get("high")
            value = f"{_fmt_number(low) if low is not None else '…'}–" \
                    f"{_fmt_number(high) if high is not None else '…'}"
        elif value is not None:
            value = _fmt_number(value)
        if value is not None:
            unit = attrs.get("unit")
            facts.append(("value", f"{value} {unit}" if unit else str(value)))
        for key in ("qualifier", "measures", "source", "conversion_of"):
            if attrs.get(key) not in (None, ""):
                facts.append((key.replace("_", " "), str(attrs[key])))
    elif h["layer"] == "timeline" and attrs.get("date"):
        facts.append(("date", str(attrs["date"])))
    if h.get("engine_label") and h.get("engine_label") != h["label"]:
        facts.append(("engine said", str(h["engine_label"])))
    if h.get("provenance") and h["provenance"] != "engine":
        facts.append(("added by", "analyst" if h["provenance"] == "analyst" else "import"))
    if h.get("decision"):
        facts.append(("decision", h["decision"]))
    if h.get("status"):
        facts.append(("status", h["status"]))
    if h.get("note"):
        facts.append(("note", h["note"]))
    if h.get("decided_by"):  # set by toolkit.review.sharing when asked who decided
        facts.append(("decided by", str(h["decided_by"])))
    return facts


def hover_text(h: dict) -> str:
    return " · ".join(f"{k}: {v}" for k, v in describe(h)[1:] if k != "note") + (
        f"\nnote: {h['note']}" if h.get("note") else "")


def speaker_of(h: dict) -> str | None:
    attrs = h.get("attrs") or {}
    return attrs.get("speaker") or attrs.get("speaker_text") or None


# -- static HTML --------------------------------------------------------------------
#
# One renderer for every static output (the widget's text/html fallback,
# view.to_html(), render_html, the report, shared and frozen notebooks).
# Highlights are nested elements, each opened once and closed once, like
# displaCy's marks: an element is split only where it crosses the end of
# another one or a paragraph. Styles are short and inline, because JupyterLab's
# sanitizer keeps ``style`` attributes in an untrusted (frozen or shared)
# notebook and drops a ``<style>`` block (benchmarks/notes.md, section 3).
# Each highlight's look and tooltip are built once: the cost is linear in the
# text and the number of highlights.

def _e(value) -> str:
    return html.escape(str(value), quote=True)


_FONT = "font-family:Georgia,serif;font-size:16px;line-height:1.8;color:#1d1d1f"
_UI = "font-family:system-ui,sans-serif"
_TAG = "font:10px sans-serif;border:1px solid;color:"
_CHIP = (f"font:600 10px sans-serif;padding:0 4px;margin-right:3px;border-radius:8px;"
         f"background:{SPEAKER_BG};color:#fff")
_LAYER_STYLE = {"quotes": f"background:{QUOTE_TINT}",
                "figures": f"box-shadow:inset 0 -.5em 0 {FIGURE_MARK}",
                "timeline": f"box-shadow:inset 0 -.5em 0 {DATE_MARK}"}


def _hover(h: dict) -> str:
    """The tag's tooltip: the facts beyond its label (empty when there are none)."""
    attrs = h.get("attrs") or {}
    if len(h) == 7:   # the engine's own highlight, no analyst fields: the short road
        layer = h["layer"]
        if layer == "timeline":
            return f"date: {attrs['date']}" if attrs.get("date") else ""
        if layer == "quotes":
            tip = f"speaker: {attrs.get('speaker') or attrs.get('speaker_text') or 'unknown'}"
            return tip + (f" · cue: {attrs['cue']}" if attrs.get("cue") else "")
    facts = describe(h)[2:]
    return " · ".join(f"{k}: {v}" for k, v in facts if k != "note") + (
        f"\nnote: {h['note']}" if h.get("note") else "")


def _looks(items: list[dict], note_numbers: dict) -> list[tuple]:
    """(start, end, open, tag, chip) per highlight; styles shared per label."""
    opens: dict[tuple, str] = {}
    tag_styles: dict[tuple, str] = {}
    escaped: dict[str, str] = {}
    out = []
    for h in items:
        layer, label = h["layer"], h["label"]
        rejected = h.get("decision") == "rejected"
        key = (layer, label, rejected)
        if key not in opens:
            style = _LAYER_STYLE.get(layer) or \
                f"border-bottom:2px solid {label_colour(label, layer)}"
            tag_style = _TAG + label_colour(label, layer)
            if rejected:
                style += ";opacity:.55"
                tag_style += ";text-decoration:line-through"
            opens[key] = f'<span style="{style}">'
            tag_styles[key] = tag_style
            word = f"{label} quote" if layer == "quotes" else str(label)
            escaped[word] = _e(word)
        word = f"{label} quote" if layer == "quotes" else str(label)
        plain = not (rejected or h.get("decision") or h.get("status") or h.get("note")
                     or h.get("engine_label") or h.get("provenance"))
        if plain and layer == "entities":
            canonical = (h.get("attrs") or {}).get("canonical")
            tip = f"refers to: {canonical}" if canonical and canonical != h.get("text") else ""
        else:
            tip = _hover(h)
            words = [word]
            if h.get("decision") == "confirmed":
                words.append("✓")
            if h.get("status"):
                words.append(STATUS_TEXT.get(h["status"], str(h["status"])))
            if h["id"] in note_numbers:
                words.append(f"note {note_numbers[h['id']]}")
            if rejected:
                words.append("rejected")
            word = " · ".join(words)
        title = f' title="{_e(tip)}"' if tip else ""
        tag = f'<small style="{tag_styles[key]}"{title}>{escaped.get(word) or _e(word)}</small>'
        chip = ""
        if layer == "quotes":
            speaker = speaker_of(h)
            if speaker:
                chip = f'<small style="{_CHIP}">{_e(speaker)} ›</small>'
        out.append((h["start"], h["end"], opens[key], tag, chip))
    return out


def _lines(text: str, headings) -> list[tuple[int, int, bool]]:
    """(start, end, is_heading) of each non-blank line."""
    heads = {(h["start"], h["end"]) for h in headings}
    out, pos = [], 0
    for line in text.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        stripped = line.strip()
        if stripped:
            lead = len(line) - len(line.lstrip())
            out.append((start, end, (start + lead, start + len(line.rstrip())) in heads))
    return out


def _block_html(text: str, bs: int, be: int, looks: list[tuple], out: list[str]) -> None:
    """Append the HTML of text[bs:be] with ``looks`` (sorted, clipped here) nested."""
    esc = html.escape
    opens = [(max(k[0], bs), min(k[1], be), k) for k in looks]
    opens = [o for o in opens if o[0] < o[1]]
    stack: list[tuple[int, tuple]] = []   # (clipped end, look), outermost first
    pos, j, n = bs, 0, len(opens)
    while True:
        next_open = opens[j][0] if j < n else be
        next_close = min((ce for ce, _ in stack), default=be)
        p = min(next_open, next_close)
        if p > pos:
            out.append(esc(text[pos:p], quote=False))
            pos = p
        if stack and next_close == p:
            reopen = []
            while any(ce == p for ce, _ in stack):
                ce, k = stack.pop()
                out.append("</span>")
                if ce == p:
                    if k[1] <= be or not text[be:k[1]].strip():
                        out.append(k[3])
                else:
                    reopen.append((ce, k))
            for ce, k in reversed(reopen):
                out.append(k[2])
                stack.append((ce, k))
        if p >= be and j >= n:
            break
        while j < n and opens[j][0] == p:
            cs, ce, k = opens[j]
            if k[0] == cs:
                out.append(k[4])
            out.append(k[2])
            stack.append((ce, k))
            j += 1


def render_article_html(text: str, items: list[dict], headings=(),
                        note_numbers: dict | None = None) -> str:
    """The paragraphs of ``text`` with the highlights ``items`` drawn in them."""
    note_numbers = note_numbers or {}
    items = sorted((h for h in items if 0 <= h["start"] < h["end"] <= len(text)),
                   key=lambda h: (h["start"], -h["end"], h["layer"]))
    looks = _looks(items, note_numbers)
    out: list[str] = []
    carry: list[tuple] = []
    i, n = 0, len(looks)
    for bs, be, heading in _lines(text, headings):
        here = [k for k in carry if k[1] > bs]
        while i < n and looks[i][0] < be:
            here.append(looks[i])
            i += 1
        if carry:
            here.sort(key=lambda k: (max(k[0], bs), -k[1]))
        out.append(f'<h3 style="{_UI};font-size:13px;letter-spacing:.08em;'
                   'text-transform:uppercase;color:#444;margin:1.6em 0 .4em">'
                   if heading else "<p>")
        _block_html(text, bs, be, here, out)
        out.append("</h3>\n" if heading else "</p>\n")
        carry = [k for k in here if k[1] > be]
    return "".join(out)


def render_blocks_html(blocks: list[dict], by_id: dict[str, dict],
                       note_numbers: dict[str, int]) -> str:
    """Kept for callers holding blocks: draws the text the blocks cover."""
    if not blocks:
        return ""
    text_len = max(b["end"] for b in blocks)
    chars = [" "] * text_len
    for b in blocks:
        for seg in b["segments"]:
            chars[seg["s"]:seg["e"]] = seg["t"]
    text = "".join(chars)
    heads = [{"start": b["start"], "end": b["end"]} for b in blocks if b["kind"] == "heading"]
    return render_article_html(text, list(by_id.values()), heads, note_numbers)


def _legend_html(items: list[dict]) -> str:
    """One group per layer: how the layer looks, then its labels with counts."""
    counts: dict[str, dict[str, int]] = {}
    for h in items:
        layer = counts.setdefault(h["layer"], {})
        layer[h["label"]] = layer.get(h["label"], 0) + 1
    groups = []
    for layer in ("entities", "quotes", "figures", "timeline"):
        if layer not in counts:
            continue
        sample = _LAYER_STYLE.get(layer, "border-bottom:2px solid #0072B2")
        chips = " ".join(
            f'<span style="white-space:nowrap"><small style="{_TAG}'
            f'{label_colour(label, layer)}">{_e(label)}</small>'
            f'<span style="color:#666">{n}</span></span>'
            for label, n in sorted(counts[layer].items(), key=lambda kv: (-kv[1], str(kv[0]))))
        groups.append(f'<span style="margin-right:14px"><span style="{sample};padding:0 3px;'
                      f'font-weight:600">{_e(LAYER_NAMES.get(layer, layer))}</span> {chips}</span>')
    return (f'<div class="tk-legend" style="{_UI};font-size:12px;color:#333;padding:8px 0 10px;'
            'border-bottom:1px solid #e5e5e5;margin-bottom:14px;line-height:2.1">'
            + " ".join(groups) + "</div>")


def render_parts(text: str, items: list[dict], headings, *, orphans=(), metadata=None,
                 full_page: bool = False, notice: str | None = None) -> str:
    """Static HTML for ``text`` with effective highlight dicts ``items``;
    ``notice`` (a numbered error, e.g. an unreadable annotation file) is shown on top."""
    shown = list(items)
    noted = [h for h in shown if h.get("note")]
    note_numbers = {h["id"]: i for i, h in enumerate(noted, 1)}
    meta = metadata or {}
    head = []
    if notice:
        head.append(f'<div class="tk-notice" role="alert" style="{_UI};font-size:13px;'
                    'color:#8a3b00;border:1px solid #e0b080;padding:6px 8px;margin:0 0 8px">'
                    f'{_e(notice)} The article is shown without those annotations.</div>')
    if meta.get("title"):
        head.append(f'<h2 style="font-size:22px;line-height:1.3;margin:0 0 4px">'
                    f'{_e(meta["title"])}</h2>')
    byline = " · ".join(_e(meta[k]) for k in ("outlet", "published") if meta.get(k))
    if byline:
        head.append(f'<div style="{_UI};font-size:12px;color:#666">{byline}</div>')
    notes = ""
    if noted:
        rows = "".join(
            f'<li style="margin-bottom:4px"><strong>{_e(h["label"])}</strong> '
            f'“{_e(h.get("text") or text[h["start"]:h["end"]])}”'
            + (f' <em>({_e(STATUS_TEXT.get(h["status"], h["status"]))})</em>'
               if h.get("status") else "")
            + f': {_e(h["note"])}</li>' for h in noted)
        notes = (f'<div class="tk-notes" style="{_UI};font-size:13px;border-top:1px solid #e5e5e5;'
                 'padding-top:8px;margin-top:12px"><strong>Notes</strong>'
                 f'<ol style="margin:6px 0 0 18px;padding:0">{rows}</ol></div>')
    orphan_html = ""
    if orphans:
        rows = "".join(f'<li>{_e(r.get("label"))}: “{_e(r.get("exact"))}”'
                       + (f' ({_e(r["note"])})' if r.get("note") else "") + "</li>"
                       for r in orphans)
        orphan_html = (f'<div style="{_UI};font-size:13px;color:#8a3b00;margin-top:10px">'
                       '<strong>Annotations that could not be placed in this version of the '
                       f'text</strong><ul style="margin:6px 0 0 18px;padding:0">{rows}</ul></div>')
    fragment = (f'<div class="toolkit-article" style="{_FONT};max-width:46em;padding:4px 2px">'
                + "".join(head)
                + _legend_html([h for h in shown if h.get("decision") != "rejected"])
                + render_article_html(text, shown, headings, note_numbers)
                + notes + orphan_html + "</div>")
    if not full_page:
        return fragment
    title = _e(meta.get("title") or "Article")
    return ('<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<title>{title}</title></head><body style="margin:2em auto;max-width:50em;'
            f'padding:0 1em">{fragment}</body></html>\n')

#: The tables' columns that are not a highlight's facts.
_NOT_ATTRS = {"text", "start", "end"}
_LABEL_COLUMN = {"entities": "label", "quotes": "kind", "figures": "type"}


def engine_items(analysis, layers=("entities", "quotes", "figures", "timeline")) -> list[dict]:
    """The engine's highlights read from the Analysis tables (not the Doc).

    Same shape as ``Analysis.highlights()``: ``{"id", "layer", "label", "start",
    "end", "text", "attrs"}``, with the table's other columns as ``attrs``.
    """
    out = []
    for layer in layers:
        frame = analysis.table(layer)
        if not len(frame):
            continue
        columns = list(frame.columns)
        label_col = _LABEL_COLUMN.get(layer)
        facts = [c for c in columns if c not in _NOT_ATTRS and c != label_col]
        cols = {c: frame[c].tolist() for c in columns}
        labels = cols[label_col] if label_col else ["DATE"] * len(frame)
        for i, (start, end, text) in enumerate(zip(cols["start"], cols["end"], cols["text"]
                                                   if "text" in cols else cols["content"])):
            start, end = int(start), int(end)
            out.append({"id": f"{layer}:{start}-{end}", "layer": layer, "label": labels[i],
                        "start": start, "end": end, "text": text,
                        "attrs": {c: cols[c][i] for c in facts}})
    out.sort(key=lambda h: (h["start"], -h["end"], h["layer"]))
    return out


def one_mark_per_date(items: list[dict]) -> list[dict]:
    """A date found by both the figures and the dates layers is drawn once, as a date."""
    dates = {(h["start"], h["end"]) for h in items if h["layer"] == "timeline"}
    if not dates:
        return items
    return [h for h in items if not (h["layer"] == "figures" and h["label"] == "date"
                                     and (h["start"], h["end"]) in dates)]


#: What render_html draws by default: every layer, dates included.
DEFAULT_LAYERS = ("entities", "quotes", "figures", "timeline")


def render_html(analysis, annotations=None, *, layers=DEFAULT_LAYERS,
                full_page: bool = False) -> str:
    """The analysis (with the analyst's annotations) as static HTML, no script.

    ``annotations`` is an :class:`~toolkit.annotations.AnnotationStore`, a list
    of its records, ``view.annotations`` (a DataFrame), or None for the
    article's sidecar store if one exists (read, never written). ``full_page``
    gives a whole HTML document instead of a fragment. Reads only the
    Analysis tables and the store's public API.
    """
    from toolkit.annotations import AnnotationStore

    store = _as_store(analysis, annotations)
    if store is None and annotations is None and analysis.article.path:
        # read and anchored in memory only; a broken file gives a store with .error
        store = AnnotationStore.for_reading(analysis.article.path, analysis.text)
    engine = one_mark_per_date(engine_items(analysis, layers))
    items = store.apply(engine) if store is not None else engine
    orphans = store.orphans if store is not None else []
    headings = analysis.article.headings
    problem = getattr(store, "error", None) if store is not None else None
    return render_parts(analysis.text, items, headings, orphans=orphans,
                        metadata=analysis.metadata, full_page=full_page,
                        notice=str(problem) if problem is not None else None)


def _as_store(analysis, annotations):
    from toolkit.annotations import AnnotationStore

    if annotations is None:
        return None
    if isinstance(annotations, AnnotationStore):
        return annotations
    if hasattr(annotations, "to_dict") and hasattr(annotations, "columns"):
        annotations = annotations.to_dict(orient="records")
    return AnnotationStore.from_records(list(annotations), analysis.text)
