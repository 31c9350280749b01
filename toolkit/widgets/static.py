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
import zlib
from typing import Iterable

LAYER_NAMES = {"entities": "entity", "quotes": "quote", "figures": "figure",
               "timeline": "date"}

#: Okabe & Ito's colour-blind-safe palette, darkened where text must stay readable.
OKABE_ITO = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#8A6D00", "#56B4E9",
             "#E69F00", "#555555"]
ENTITY_COLOURS = {"PERSON": "#0072B2", "ORG": "#D55E00", "GPE": "#009E73",
                  "LOC": "#8A6D00", "NORP": "#CC79A7", "FAC": "#8A6D00",
                  "EVENT": "#555555", "ROLE": "#0072B2"}
QUOTE_COLOUR = "#B07800"        # text on tags; the quote's tint is the Okabe orange
QUOTE_TINT = "rgba(230,159,0,0.17)"
FIGURE_COLOUR = "#0067A3"
FIGURE_MARK = "rgba(86,180,233,0.42)"
DATE_COLOUR = "#555555"
STATUS_TEXT = {"verified": "✓ verified", "disputed": "⚠ disputed",
               "needs source": "? needs source"}


def label_colour(label: str, layer: str) -> str:
    """A stable colour for ``label`` (used for underlines and tag text)."""
    if layer == "quotes":
        return QUOTE_COLOUR
    if layer == "figures":
        return FIGURE_COLOUR
    if layer == "timeline":
        return DATE_COLOUR
    if label in ENTITY_COLOURS:
        return ENTITY_COLOURS[label]
    return OKABE_ITO[zlib.crc32(label.encode("utf-8")) % len(OKABE_ITO)]


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
    return facts


def hover_text(h: dict) -> str:
    return " · ".join(f"{k}: {v}" for k, v in describe(h)[1:] if k != "note") + (
        f"\nnote: {h['note']}" if h.get("note") else "")


def speaker_of(h: dict) -> str | None:
    attrs = h.get("attrs") or {}
    return attrs.get("speaker") or attrs.get("speaker_text") or None


# -- static HTML --------------------------------------------------------------------

_e = html.escape
_FONT = ("font-family: Georgia, 'Iowan Old Style', 'Palatino Linotype', serif; "
         "font-size: 16px; line-height: 1.75; color: #1d1d1f;")
_UI = "font-family: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif;"
_TAG = (_UI + " font-size: 10.5px; font-weight: 600; letter-spacing: 0.02em; line-height: 1;"
        " padding: 1px 4px 2px; margin: 0 3px 0 2px; border-radius: 3px; white-space: nowrap;"
        " vertical-align: 1px; user-select: none; border: 1px solid {c}; color: {c};"
        " background: #fff;")
_CHIP = (_UI + " font-size: 10.5px; font-weight: 600; line-height: 1; padding: 2px 6px 3px;"
         " margin-right: 3px; border-radius: 9px; background: #5b4000; color: #fff;"
         " white-space: nowrap; vertical-align: 1px; user-select: none;")


def _segment_style(covering: list[dict]) -> str:
    parts = []
    quotes = [h for h in covering if h["layer"] == "quotes"]
    figures = [h for h in covering if h["layer"] in ("figures", "timeline")]
    entities = [h for h in covering if h["layer"] == "entities"]
    if quotes:
        parts.append(f"background-color: {QUOTE_TINT};")
    if figures:
        parts.append(f"box-shadow: inset 0 -0.5em 0 {FIGURE_MARK};")
    if entities:
        colour = label_colour(entities[-1]["label"], "entities")
        parts.append(f"border-bottom: 2px solid {colour}; padding-bottom: 1px;")
    if covering and all(h.get("decision") == "rejected" for h in covering):
        parts.append("opacity: 0.55;")
    return " ".join(parts)


def _tag_html(h: dict, note_no: int | None) -> str:
    colour = label_colour(h["label"], h["layer"])
    text = h["label"]
    if h["layer"] == "quotes":
        text = f"{h['label']} quote"
    extra = []
    if h.get("decision") == "confirmed":
        extra.append("✓")
    if h.get("status"):
        extra.append(STATUS_TEXT.get(h["status"], h["status"]))
    if note_no is not None:
        extra.append(f"note {note_no}")
    style = _TAG.format(c=colour)
    if h.get("decision") == "rejected":
        style += " text-decoration: line-through; opacity: 0.7;"
        extra.append("rejected")
    label = " · ".join([text, *extra])
    return f'<span style="{style}" title="{_e(hover_text(h))}">{_e(label)}</span>'


def render_blocks_html(blocks: list[dict], by_id: dict[str, dict],
                       note_numbers: dict[str, int]) -> str:
    out = []
    for block in blocks:
        pieces = []
        for seg in block["segments"]:
            covering = [by_id[i] for i in seg["ids"] if i in by_id]
            for h in covering:
                if h["layer"] == "quotes" and h["start"] == seg["s"] and speaker_of(h):
                    pieces.append(f'<span style="{_CHIP}" title="speaker">'
                                  f'{_e(speaker_of(h))} ›</span>')
            text = _e(seg["t"])
            if covering:
                inner = covering[-1]
                pieces.append(f'<span style="{_segment_style(covering)}" '
                              f'title="{_e(hover_text(inner))}">{text}</span>')
            else:
                pieces.append(text)
            ending = [h for h in covering if h["end"] == seg["e"]]
            for h in sorted(ending, key=lambda h: -h["start"]):
                pieces.append(_tag_html(h, note_numbers.get(h["id"])))
        body = "".join(pieces)
        if block["kind"] == "heading":
            out.append('<h3 style="' + _UI + ' font-size: 13px; font-weight: 700; '
                       'letter-spacing: 0.08em; text-transform: uppercase; color: #444; '
                       f'margin: 1.6em 0 0.4em;">{body}</h3>')
        else:
            out.append(f'<p style="margin: 0 0 0.9em;">{body}</p>')
    return "\n".join(out)


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
        sample = {"quotes": f"background: {QUOTE_TINT};",
                  "figures": f"box-shadow: inset 0 -0.5em 0 {FIGURE_MARK};",
                  "timeline": f"box-shadow: inset 0 -0.5em 0 {FIGURE_MARK};"}.get(
            layer, "border-bottom: 2px solid #0072B2;")
        chips = " ".join(
            f'<span style="white-space: nowrap;"><span style="{_TAG.format(c=label_colour(label, layer))}">'
            f'{_e(label)}</span><span style="color: #666;">{n}</span></span>'
            for label, n in sorted(counts[layer].items(), key=lambda kv: (-kv[1], kv[0])))
        groups.append(f'<span style="margin-right: 14px;"><span style="{sample} padding: 0 3px; '
                      f'font-weight: 600;">{_e(LAYER_NAMES.get(layer, layer))}</span> {chips}</span>')
    return ('<div style="' + _UI + ' font-size: 12px; color: #333; padding: 8px 0 10px; '
            'border-bottom: 1px solid #e5e5e5; margin-bottom: 14px; line-height: 2.1;">'
            + " ".join(groups) + "</div>")


def render_parts(text: str, items: list[dict], headings, *, orphans=(), metadata=None,
                 full_page: bool = False) -> str:
    """Static HTML for ``text`` with effective highlight dicts ``items``."""
    shown = [h for h in items]
    by_id = {h["id"]: h for h in shown}
    noted = [h for h in shown if h.get("note")]
    note_numbers = {h["id"]: i for i, h in enumerate(noted, 1)}
    blocks = build_blocks(text, shown, headings)
    meta = metadata or {}
    head = []
    if meta.get("title"):
        head.append(f'<h2 style="{_FONT} font-size: 22px; line-height: 1.3; margin: 0 0 4px;">'
                    f'{_e(str(meta["title"]))}</h2>')
    byline = " · ".join(_e(str(meta[k])) for k in ("outlet", "published") if meta.get(k))
    if byline:
        head.append(f'<div style="{_UI} font-size: 12px; color: #666;">{byline}</div>')
    notes = ""
    if noted:
        rows = "".join(
            f'<li style="margin-bottom: 4px;"><strong>{_e(h["label"])}</strong> '
            f'“{_e(h["text"])}”'
            + (f' <em>({_e(STATUS_TEXT.get(h["status"], h["status"]))})</em>' if h.get("status") else "")
            + f': {_e(h["note"])}</li>' for h in noted)
        notes = (f'<div style="{_UI} font-size: 13px; border-top: 1px solid #e5e5e5; '
                 f'padding-top: 8px; margin-top: 12px;"><strong>Notes</strong>'
                 f'<ol style="margin: 6px 0 0 18px; padding: 0;">{rows}</ol></div>')
    orphan_html = ""
    if orphans:
        rows = "".join(f'<li>{_e(r["label"])}: “{_e(r["exact"])}”'
                       + (f' ({_e(r["note"])})' if r.get("note") else "") + "</li>"
                       for r in orphans)
        orphan_html = (f'<div style="{_UI} font-size: 13px; color: #8a3b00; margin-top: 10px;">'
                       f'<strong>Annotations that could not be placed in this version of the '
                       f'text</strong><ul style="margin: 6px 0 0 18px; padding: 0;">{rows}</ul></div>')
    fragment = (f'<div class="toolkit-article" style="{_FONT} max-width: 46em; padding: 4px 2px;">'
                + "".join(head) + _legend_html([h for h in shown if h.get("decision") != "rejected"])
                + render_blocks_html(blocks, by_id, note_numbers) + notes + orphan_html
                + "</div>")
    if not full_page:
        return fragment
    title = _e(str(meta.get("title") or "Article"))
    return ('<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<title>{title}</title></head><body style="margin: 2em auto; max-width: 50em; '
            f'padding: 0 1em;">{fragment}</body></html>\n')


def render_html(analysis, annotations=None, *, layers=("entities", "quotes", "figures"),
                full_page: bool = False) -> str:
    """The analysis (with the analyst's annotations) as static HTML, no script.

    ``annotations`` is an :class:`~toolkit.annotations.AnnotationStore`, a list
    of its records, ``view.annotations`` (a DataFrame), or None for the
    article's sidecar store if one exists (read, never written). ``full_page``
    gives a whole HTML document instead of a fragment.
    """
    from toolkit.annotations import AnnotationStore, default_store_path

    store = _as_store(analysis, annotations)
    if store is None and annotations is None and analysis.article.path:
        path = default_store_path(analysis.article.path)
        if path.exists():
            store = AnnotationStore(path)
            store.text = analysis.text
            store._reanchor_all()  # in memory only: rendering never writes
    engine = analysis.highlights(layers)
    items = store.apply(engine) if store is not None else engine
    orphans = store.orphans if store is not None else []
    return render_parts(analysis.text, items, analysis.article.headings, orphans=orphans,
                        metadata=analysis.metadata, full_page=full_page)


def _as_store(analysis, annotations):
    from toolkit.annotations import AnnotationStore

    if annotations is None:
        return None
    if isinstance(annotations, AnnotationStore):
        return annotations
    if hasattr(annotations, "to_dict") and hasattr(annotations, "columns"):
        annotations = annotations.to_dict(orient="records")
    return AnnotationStore.from_records(list(annotations), analysis.text)
