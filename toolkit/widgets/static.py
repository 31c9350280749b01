"""The ArticleView's look as self-contained static HTML: inline styles, no script.

:func:`render_html` is what a reader without a kernel sees: the widget's
``text/html`` fallback, ``view.to_html()`` and the reports built on them. Every
piece of the article, every label, speaker and note is escaped, so an article
holding ``<script>`` or ``<img onerror=...>`` shows those characters as text.

:func:`render_lines` draws the article paragraph by paragraph; the live view
(``view.py``) sends its paragraphs to the browser as they are, with each
highlight's id on its pieces and class names instead of inline styles
(:func:`view_rules` styles them), and draws again only the paragraphs a
change touches.
"""

from __future__ import annotations

import html

from toolkit.errors import ToolkitError
from toolkit.style import (DATE_MARK, FIGURE_MARK, LAYER_NAMES, QUOTE_TINT, SPEAKER_BG,
                           STATUS_TEXT, label_colour)


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


def _line(value) -> str:
    """A fact's value on one line of a tooltip."""
    value = str(value)
    return value.replace("\r", " ").replace("\n", " ") if "\n" in value or "\r" in value \
        else value


def hover_text(h: dict) -> str:
    """A highlight's tooltip: one ``name: value`` line per fact beyond its label,
    then ``note: `` and the note. The live view reads its detail panel back
    from it (view.js, ``readTip``), so a click needs no kernel."""
    return "\n".join(f"{k}: {_line(v)}" for k, v in describe(h)[2:] if k != "note") + (
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


#: A layer's one-letter class in the view (``tk-e`` entity, ``tk-q`` quote, ...).
LAYER_CLASS = {"entities": "e", "quotes": "q", "figures": "f", "timeline": "d"}


def _layer_style(layer: str, label: str) -> str:
    """How a highlight of ``label`` in ``layer`` looks (its inline style)."""
    return _LAYER_STYLE.get(layer) or f"border-bottom:2px solid {label_colour(label, layer)}"


def view_rules(classes: dict) -> list[str]:
    """The style rules of the live view's markup (:func:`render_lines` with
    ``classes``): the static HTML's inline styles, once per label class instead
    of once per highlight. The view scopes them to itself (view.js)."""
    rules = [f"small.tk-speaker{{{_CHIP}}}", ".tk-hl.tk-x{opacity:.55}",
             "small.tk-tag.tk-x{text-decoration:line-through}"]
    for (layer, label), n in sorted(classes.items(), key=lambda kv: kv[1]):
        rules.append(f".tk-hl.tk-c{n}{{{_layer_style(layer, label)}}}")
        rules.append(f"small.tk-tag.tk-c{n}{{{_TAG}{label_colour(label, layer)}}}")
    return rules


def _attr(value: str) -> str:
    """``value`` escaped for an attribute; most values (ids, dates, names) need
    nothing, and five ``in`` tests cost less than ``html.escape``."""
    if "&" in value or "<" in value or ">" in value or '"' in value or "'" in value:
        return html.escape(value, quote=True)
    return value


def _looks(items: list[dict], note_numbers: dict, classes: dict | None = None) -> list[tuple]:
    """(start, end, open, tag, chip) per highlight; styles shared per label.

    ``classes`` (the view's ``{(layer, label): n}``) gives the live view's
    markup: ``class`` names and the highlight's ``data-id`` on its pieces, tag and
    speaker chip, and no inline style (the view styles the classes with
    :func:`view_rules`, the same looks). Without it the HTML is the plain static
    one, styled inline. The markup around each highlight's id and tooltip is
    built once per look (layer, label, decision), so a highlight costs a few
    concatenations."""
    looks: dict[tuple, tuple] = {}
    out = []
    append = out.append
    view = classes is not None
    for h in items:
        layer, label = h["layer"], h["label"]
        decision = h.get("decision")
        key = (layer, label, decision)
        look = looks.get(key)
        if look is None:
            rejected = decision == "rejected"
            if view:
                n = classes.get((layer, label), 0)
                flag = " tk-x" if rejected else (" tk-ok" if decision == "confirmed" else "")
                look = (f'<span class="tk-hl tk-{LAYER_CLASS.get(layer, "e")} tk-c{n}{flag}" '
                        'data-id="', '">',
                        f'<small class="tk-tag tk-tag-{layer} tk-c{n}{flag}" data-id="', '"',
                        f'<small class="tk-speaker tk-c{n}" data-id="', '">')
            else:
                style, tag_style = _layer_style(layer, label), _TAG + label_colour(label, layer)
                if rejected:
                    style += ";opacity:.55"
                    tag_style += ";text-decoration:line-through"
                look = ("<span", f' style="{style}">', "<small", f' style="{tag_style}"',
                        "<small", f' style="{_CHIP}">')
            word = f"{label} quote" if layer == "quotes" else str(label)
            look = looks[key] = look + (word, _e(word))
        open_a, open_b, tag_a, tag_b, chip_a, chip_b, word, word_html = look
        attrs = h.get("attrs") or {}
        if not (decision or h.get("status") or h.get("note")
                or h.get("provenance") not in (None, "engine")
                or h.get("engine_label") not in (None, label)):   # untouched: the short road
            if layer == "entities":
                canonical = attrs.get("canonical")
                tip = f"refers to: {_line(canonical)}" \
                    if canonical and canonical != h.get("text") else ""
            elif layer == "quotes":
                tip = f"speaker: {_line(attrs.get('speaker') or attrs.get('speaker_text') or 'unknown')}" \
                    + (f"\ncue: {_line(attrs['cue'])}" if attrs.get("cue") else "")
            elif layer == "timeline":
                tip = f"date: {_line(attrs['date'])}" if attrs.get("date") else ""
            else:
                tip = hover_text(h)
        else:
            tip = hover_text(h)
            words = [word]
            if decision == "confirmed":
                words.append("✓")
            if h.get("status"):
                words.append(STATUS_TEXT.get(h["status"], str(h["status"])))
            if h["id"] in note_numbers:
                words.append(f"note {note_numbers[h['id']]}")
            if decision == "rejected":
                words.append("rejected")
            word_html = _e(" · ".join(words))
        ident = _attr(h["id"]) if view else ""
        tag = (tag_a + ident + tag_b + (' title="' + _attr(tip) + '">' if tip else ">")
               + word_html + "</small>")
        chip = ""
        if layer == "quotes":
            speaker = attrs.get("speaker") or attrs.get("speaker_text")
            if speaker:
                chip = chip_a + ident + chip_b + _e(speaker) + " ›</small>"
        append((h["start"], h["end"], open_a + ident + open_b, tag, chip))
    return out


def article_lines(text: str, headings=()) -> list[tuple[int, int, bool]]:
    """(start, end, is_heading) of each non-blank line: the article's blocks."""
    heads = {(h["start"], h["end"]) for h in headings}
    out, pos = [], 0
    for line in text.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        if line.strip():
            lead = len(line) - len(line.lstrip())
            out.append((start, end, (start + lead, start + len(line.rstrip())) in heads))
    return out



def _block_html(text: str, bs: int, be: int, looks: list[tuple], out: list[str]) -> None:
    """Append the HTML of text[bs:be] with ``looks`` (sorted, clipped here) nested.

    A highlight is opened once and closed once, unless it crosses the end of
    one opened before it (then it is closed there and opened again). The open
    ends are kept in a list (a few at most), so each step is a C-level min/in."""
    line = text[bs:be]
    plain = not ("&" in line or "<" in line or ">" in line)
    esc = html.escape
    opens = []
    for k in looks:
        cs = k[0] if k[0] > bs else bs
        ce = k[1] if k[1] < be else be
        if cs < ce:
            opens.append((cs, ce, k))
    ends: list[int] = []     # the clipped ends of the open highlights, outermost first
    open_: list[tuple] = []  # their looks
    pos, j, n = bs, 0, len(opens)
    while True:
        next_open = opens[j][0] if j < n else be
        next_close = min(ends) if ends else be
        p = next_open if next_open < next_close else next_close
        if p > pos:
            out.append(text[pos:p] if plain else esc(text[pos:p], quote=False))
            pos = p
        if ends and next_close == p:
            reopen = []
            while p in ends:
                ce, k = ends.pop(), open_.pop()
                out.append("</span>")
                if ce == p:
                    if k[1] <= be or not text[be:k[1]].strip():
                        out.append(k[3])
                else:
                    reopen.append((ce, k))
            for ce, k in reversed(reopen):
                out.append(k[2])
                ends.append(ce)
                open_.append(k)
        if p >= be and j >= n:
            break
        while j < n and opens[j][0] == p:
            cs, ce, k = opens[j]
            if k[4] and k[0] == cs:
                out.append(k[4])
            out.append(k[2])
            ends.append(ce)
            open_.append(k)
            j += 1


_HEADING = (f'style="{_UI};font-size:13px;letter-spacing:.08em;'
            'text-transform:uppercase;color:#444;margin:1.6em 0 .4em"')


def render_lines(text: str, items: list[dict], lines: list[tuple[int, int, bool]],
                 note_numbers: dict | None = None, classes: dict | None = None) -> list[str]:
    """The HTML of each of ``lines`` (from :func:`article_lines`, in order; any
    subset of them) with the highlights ``items`` drawn in them, one string per
    line. ``classes`` gives the live view's markup (see :func:`_looks`): each
    paragraph then says where it starts and ends in the text (``data-s``,
    ``data-e``)."""
    items = sorted((h for h in items if 0 <= h["start"] < h["end"] <= len(text)),
                   key=lambda h: (h["start"], -h["end"], h["layer"]))
    looks = _looks(items, note_numbers or {}, classes)
    out: list[str] = []
    carry: list[tuple] = []
    i, n = 0, len(looks)
    for bs, be, heading in lines:
        here = [k for k in carry if k[1] > bs]
        while i < n and looks[i][0] < be:
            if looks[i][1] > bs:
                here.append(looks[i])
            i += 1
        if here and here[0][0] < bs:
            here.sort(key=lambda k: (max(k[0], bs), -k[1]))
        tag = "h3" if heading else "p"
        if classes is None:
            parts = [f"<h3 {_HEADING}>" if heading else "<p>"]
        else:
            kind = "tk-heading" if heading else "tk-para"
            parts = [f'<{tag} class="{kind}" data-s="{bs}" data-e="{be}"'
                     + (f" {_HEADING}>" if heading else ">")]
        _block_html(text, bs, be, here, parts)
        parts.append(f"</{tag}>")
        out.append("".join(parts))
        carry = [k for k in here if k[1] > be]
    return out


def render_article_html(text: str, items: list[dict], headings=(),
                        note_numbers: dict | None = None) -> str:
    """The paragraphs of ``text`` with the highlights ``items`` drawn in them."""
    lines = render_lines(text, items, article_lines(text, headings), note_numbers)
    return "".join(line + "\n" for line in lines)


def live_only_body(text: str, lines: list[tuple[int, int, bool]]) -> str:
    """The article without its highlights, and a line saying where they are: the
    body of a live view's ``text/html`` (view.py, ``_fallback_html``)."""
    note = (f'<p class="tk-live-only" style="{_UI};font-size:12px;color:#666">The highlights '
            'are drawn by the live view: run the notebook in JupyterLab, or save '
            '<code>view.to_html()</code> for a static copy with them.</p>\n')
    return note + "".join(line + "\n" for line in render_lines(text, [], lines))


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


def note_numbers_of(items: list[dict]) -> dict[str, int]:
    """Each noted highlight's number in the list of notes (in text order)."""
    return {h["id"]: i for i, h in enumerate((h for h in items if h.get("note")), 1)}


def render_parts(text: str, items: list[dict], headings, *, orphans=(), metadata=None,
                 full_page: bool = False, notice: str | None = None,
                 body: str | None = None) -> str:
    """Static HTML for ``text`` with effective highlight dicts ``items``;
    ``notice`` (a numbered error, e.g. an unreadable annotation file) is shown on top.
    ``body`` is the article's HTML when the caller drew it already (the view)."""
    shown = list(items)
    noted = [h for h in shown if h.get("note")]
    note_numbers = note_numbers_of(shown)
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
                + (body if body is not None
                   else render_article_html(text, shown, headings, note_numbers))
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
        texts = cols["text"] if "text" in cols else cols["content"]
        rows = zip(*(cols[c] for c in facts)) if facts else ((),) * len(frame)
        for start, end, text, label, row in zip(cols["start"], cols["end"], texts, labels, rows):
            start, end = int(start), int(end)
            out.append({"id": f"{layer}:{start}-{end}", "layer": layer, "label": label,
                        "start": start, "end": end, "text": text,
                        "attrs": dict(zip(facts, row))})
    out.sort(key=lambda h: (h["start"], -h["end"], h["layer"]))
    return out


def one_mark_per_date(items: list[dict]) -> list[dict]:
    """A date found by both the figures and the dates layers is drawn once, as a date."""
    dates = {(h["start"], h["end"]) for h in items if h["layer"] == "timeline"}
    if not dates:
        return items
    return [h for h in items if not (h["layer"] == "figures" and h["label"] == "date"
                                     and (h["start"], h["end"]) in dates)]


def _engine_once(analysis, layers: tuple) -> list[dict]:
    """The drawn engine items of ``analysis``, built once per analysis and layers:
    an analysis does not change, and a notebook, a report and a frozen copy draw
    the same one again. The items are never changed in place (the store's
    overlay and the renderer copy what they change)."""
    cache = analysis.__dict__.setdefault("_tk_static_items", {}) \
        if hasattr(analysis, "__dict__") else {}
    found = cache.get(layers)
    if found is None:
        found = cache[layers] = one_mark_per_date(engine_items(analysis, layers))
    return found


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
    from toolkit.analysis import checked_layers
    from toolkit.annotations import AnnotationStore

    if not hasattr(analysis, "article") or not hasattr(analysis, "text"):
        raise ToolkitError("TK772", field="analysis", value=type(analysis).__name__,
                           why="it is not a toolkit Analysis",
                           fix="Pass what toolkit.analyze(path) or toolkit.analyze_text(text) "
                               "returns.")
    layers = checked_layers(layers)
    store = _as_store(analysis, annotations)
    if store is None and annotations is None and analysis.article.path:
        # read and anchored in memory only; a broken file gives a store with .error
        store = AnnotationStore.for_reading(analysis.article.path, analysis.text)
    engine = _engine_once(analysis, tuple(layers))
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
    return AnnotationStore.from_records(annotations, analysis.text)  # checks what it gets
