"""ArticleView: the article with its highlights, click-to-annotate, in a notebook.

The widget is an anywidget: the front end lives in ``view.js`` / ``view.css``.
The article reaches the browser as the one renderer's HTML
(:func:`toolkit.widgets.static.render_lines`, one string per paragraph, with
each highlight's id in ``data-id`` and its look in class names styled by
:func:`~toolkit.widgets.static.view_rules`), so the first paint is one parse
of ready HTML. In a kernel the first message holds only the first screen of
paragraphs; the rest, the article text and its sentences follow once the
cell has run. The detail panel reads a highlight's facts and note from its
tag's tooltip and cuts its context from the article text and sentences synced
once, so a click needs no kernel round trip (a "details" message asks the
kernel only for a highlight not yet in the page). After a change only the
paragraphs it touches are drawn again. Everything the analyst does in the browser arrives here as an
action message (:meth:`ArticleView.handle_action`), is written to the
:class:`~toolkit.annotations.AnnotationStore` at once, and comes back to the
browser as new trait values. Without a kernel the notebook shows the same
article as static HTML (the ``text/html`` fallback).
"""

from __future__ import annotations

from bisect import bisect_right
from pathlib import Path
from typing import Callable

import anywidget
import traitlets as t

from toolkit.annotations import STATUSES, AnnotationStore
from toolkit.errors import ToolkitError
from toolkit.widgets.fallback import StaticFallback, widgets_seen, widgets_shown
from toolkit.style import LAYER_NAMES, label_colour, palette
from toolkit.widgets.static import (article_lines, describe, note_numbers_of, one_mark_per_date,
                                    render_html, render_lines, render_parts, speaker_of,
                                    live_only_body, view_rules)

HERE = Path(__file__).parent
VIEW_LAYERS = ("entities", "quotes", "figures", "timeline")
#: The keys of a highlight synced to the browser (what view.js draws and acts on).
_PAINTED = ("id", "layer", "label", "start", "end", "text", "provenance", "decision",
            "status", "note", "engine_label")
#: Labels offered when adding an annotation, besides those the engine used.
DEFAULT_LABELS = {"entities": ["PERSON", "ORG", "GPE", "LOC", "NORP"],
                  "quotes": ["direct", "reported"], "figures": []}


def _engine_highlights(analysis, layers) -> list[dict]:
    """``analysis.highlights(layers)`` (a date drawn once), computed once per analysis and layers
    (an analysis does not change; a notebook makes views of it again and again).
    The items are never changed in place (the store's overlay copies them)."""
    key = tuple(layers)
    cache = analysis.__dict__.setdefault("_tk_view_highlights", {}) \
        if hasattr(analysis, "__dict__") else {}
    found = cache.get(key)
    if found is None:
        found = cache[key] = one_mark_per_date(analysis.highlights(list(layers)))
    return found


def _after_this_cell(callback) -> bool:
    """Call ``callback`` once the running cell has finished (its output sent),
    when there is a kernel running cells; False (nothing to wait for) outside one."""
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - ipywidgets needs IPython
        return False
    shell = get_ipython()
    if shell is None or getattr(shell, "kernel", None) is None:
        return False

    def once(*_args):
        shell.events.unregister("post_run_cell", once)
        callback()

    shell.events.register("post_run_cell", once)
    return True


def _sentence_bounds(analysis) -> list[tuple[int, int]]:
    """Sentence (start, end) pairs from the Analysis' sentences table, when it
    has one; without it the detail panel shows a window of text instead."""
    table = getattr(type(analysis), "sentences", None) and getattr(analysis, "sentences", None)
    if table is None or not hasattr(table, "columns") or "start" not in table.columns:
        return []
    return sorted(zip((int(x) for x in table["start"]), (int(x) for x in table["end"])))


class ArticleView(StaticFallback, anywidget.AnyWidget):
    """Highlights of entities, quotes and figures over the article; click to
    review, select to annotate. Every decision is saved to ``store`` at once.

    >>> view = toolkit.ArticleView(analysis)   # sidecar <article>.annotations.json
    >>> view.add(120, 135, "PERSON", note="not the minister")
    >>> view.annotations                       # a DataFrame of the analyst's work
    """

    _esm = HERE / "view.js"
    _css = HERE / "view.css"

    #: The article as HTML, one string per paragraph (see :func:`render_lines`).
    #: In a kernel, those after the first ``chunk_blocks`` are ``""`` until the
    #: cell that made the view has run (its output is out), then drawn and sent.
    paras = t.List().tag(sync=True)
    #: The style rules of the paragraphs' classes (:func:`view_rules`).
    rules = t.List().tag(sync=True)
    labels = t.List().tag(sync=True)
    layers = t.List().tag(sync=True)
    hidden_layers = t.List().tag(sync=True)
    hidden_labels = t.List().tag(sync=True)
    selected = t.Unicode(None, allow_none=True).tag(sync=True)
    orphans = t.List().tag(sync=True)
    statuses = t.List(list(STATUSES)).tag(sync=True)
    title = t.Unicode("").tag(sync=True)
    byline = t.Unicode("").tag(sync=True)
    store_name = t.Unicode("").tag(sync=True)
    message = t.Dict().tag(sync=True)
    can_undo = t.Bool(False).tag(sync=True)
    can_redo = t.Bool(False).tag(sync=True)
    revision = t.Int(0).tag(sync=True)
    colours = t.Dict(palette()).tag(sync=True)
    #: Paragraphs put in the page in the first frame (the rest follow frame by
    #: frame); 0 puts the whole article in at once.
    chunk_blocks = t.Int(40).tag(sync=True)
    #: What the detail panel reads besides the page (view.js, ``localDetails``):
    #: the article text, its sentences as flat (start, end) pairs, and the name
    #: of each layer's kind. With the facts in the tags' tooltips, a click needs
    #: no kernel round trip.
    text = t.Unicode("").tag(sync=True)
    sentences = t.List().tag(sync=True)
    kinds = t.Dict(LAYER_NAMES).tag(sync=True)

    def __init__(self, analysis, *, store: AnnotationStore | None = None,
                 layers=VIEW_LAYERS, annotator: str | None = None, **kwargs):
        if not hasattr(analysis, "table") or not hasattr(analysis, "text"):
            raise ToolkitError("TK220", type_name=type(analysis).__name__)
        if isinstance(layers, str) or not hasattr(layers, "__iter__"):
            raise ToolkitError("TK221", layers=repr(layers)[:60], choices=", ".join(VIEW_LAYERS))
        layers = list(layers)
        unknown = [x for x in layers if x not in VIEW_LAYERS]
        if unknown:
            raise ToolkitError("TK221", layers=", ".join(map(str, unknown)),
                               choices=", ".join(VIEW_LAYERS))
        super().__init__(**kwargs)
        self.analysis = analysis
        # the analyst's own file (annotator=, else TOOLKIT_ANNOTATOR, else the login)
        self.store = store if store is not None else \
            AnnotationStore.for_analysis(analysis, annotator=annotator)
        if self.store.text != analysis.text:
            self.store.bind(analysis.text)
        self._engine = _engine_highlights(analysis, layers)
        self._items: list[dict] = []
        self._painted_cache: dict[str, dict] | None = None
        self._drawn: dict[str, tuple] = {}  # id -> what its drawing depends on
        self._classes: dict[tuple[str, str], int] = {}  # (layer, label) -> tk-c<n>
        self._ruled = -1   # how many classes self.rules styles
        self._by_id: dict[str, dict] = {}
        self._callbacks: list[Callable[[dict], None]] = []
        self._undo: list[list[dict]] = []
        self._redo: list[list[dict]] = []
        self._recording: list[dict] | None = None
        self.store.on_change(self._store_changed)
        meta = analysis.metadata or {}
        # Analysis.text may be rebuilt from the tokens on every access: read it once.
        self._text = analysis.text
        self._sentences = _sentence_bounds(analysis)
        self._sent_starts = [s for s, _e in self._sentences]
        self._contexts: dict[tuple[int, int], str] = {}
        self._lines = article_lines(self._text, analysis.article.headings)
        self._line_starts = [bs for bs, _be, _h in self._lines]
        self.on_msg(self._on_msg)
        # In a kernel, the first message carries what the first paint needs (the
        # first screen of paragraphs); the rest is drawn and sent once the cell
        # has run, after its output (_send_rest).
        self._first_screen = _after_this_cell(self._send_rest) if self.chunk_blocks > 0 else False
        with self.hold_sync():   # the whole first state in one message
            self.layers = layers
            self.title = str(meta.get("title") or "")
            self.byline = " · ".join(str(meta[k]) for k in ("outlet", "published") if meta.get(k))
            self.store_name = self.store.path.name if self.store.path else ""
            self.text = self._text
            self.sentences = [x for pair in self._sentences for x in pair]
            self._refresh()
        if getattr(self.store, "error", None) is not None:
            # an unreadable or read-only annotation file: show the article, say why
            self.message = {"kind": "error", "text": str(self.store.error), "seq": self.revision}

    # -- Python API -----------------------------------------------------------
    @property
    def annotations(self):
        """The analyst's annotations and decisions as a DataFrame."""
        return self.store.to_frame()

    def add(self, start: int, end: int, label: str, note: str | None = None) -> dict:
        """Annotate ``text[start:end]`` (snapped to whole tokens) with ``label``."""
        start, end = self.snap(start, end)
        with self._action():
            rec = self.store.add(start, end, label, note=note, layer=self.layer_of(label))
        self._refresh()
        self.selected = rec["id"]
        return rec

    def on_change(self, callback: Callable[[dict], None]) -> None:
        """Call ``callback(event)`` after every change, from Python or the browser.
        ``event`` is ``{"action", "annotation", "before"}`` (records as dicts)."""
        self._callbacks.append(callback)

    def undo(self) -> bool:
        return self._replay(self._undo, self._redo, undo=True)

    def redo(self) -> bool:
        return self._replay(self._redo, self._undo, undo=False)

    def to_html(self, *, full_page: bool = False) -> str:
        """The article with highlights and notes as static HTML (no script)."""
        return render_html(self.analysis, self.store, layers=self.layers, full_page=full_page)

    def export_jsonl(self, path):
        """The effective spans (engine output with decisions) as Prodigy/doccano JSONL."""
        return self.store.export_jsonl(path, self._engine)

    # -- helpers ----------------------------------------------------------------
    def snap(self, start: int, end: int) -> tuple[int, int]:
        """Widen ``start:end`` to whole tokens; trim white space at the edges."""
        text = self._text
        if isinstance(start, bool) or isinstance(end, bool):
            raise ToolkitError("TK203", start=start, end=end, length=len(text))
        start, end = int(start), int(end)
        if not 0 <= start < end <= len(text) or not text[start:end].strip():
            raise ToolkitError("TK203", start=start, end=end, length=len(text))
        while text[start].isspace():
            start += 1
        while text[end - 1].isspace():
            end -= 1
        # whole words: widen over letters and digits on both sides
        while start > 0 and text[start - 1].isalnum() and text[start].isalnum():
            start -= 1
        while end < len(text) and text[end].isalnum() and text[end - 1].isalnum():
            end += 1
        return start, end

    def layer_of(self, label: str) -> str:
        for item in self.labels:
            if item["label"] == label:
                return item["layer"]
        return "entities"

    def _context(self, start: int, end: int) -> str:
        key = (start, end)
        found = self._contexts.get(key)
        if found is not None:
            return found
        text = self._text
        i = bisect_right(self._sent_starts, start) - 1  # sentences are sorted, disjoint
        if i >= 0 and start < self._sentences[i][1]:
            s, e = self._sentences[i]
            found = text[s:max(e, min(end, s + 600))][:600]
        else:
            found = text[max(0, start - 120):end + 120]
        self._contexts[key] = found
        return found

    def details(self, id: str) -> dict:
        """What the detail panel shows for highlight ``id`` beyond its label:
        ``{"id", "facts": [[name, value], ...], "context"}``."""
        h = self._by_id.get(id)
        if h is None:
            raise ToolkitError("TK205", id=id)
        return {"id": id, "facts": [list(f) for f in describe(h)],
                "context": self._context(h["start"], h["end"]),
                "item": self._painted().get(id)}

    # -- state sent to the browser ----------------------------------------------
    def _refresh(self) -> None:
        items = self.store.apply(self._engine)
        labels: dict[tuple[str, str], int] = {}
        for layer in self.layers:
            for label in DEFAULT_LABELS.get(layer, []):
                labels.setdefault((layer, label), 0)
        shown = set(self.layers)   # a trait: read once, not per highlight
        for h in items:
            if h["layer"] in shown or h["provenance"] != "engine":
                key = (h["layer"], h["label"])
                labels[key] = labels.get(key, 0) + (h.get("decision") != "rejected")
        order = {layer: i for i, layer in enumerate(VIEW_LAYERS)}
        def rank(kv):  # a stable order, so number keys keep their labels
            (layer, label), _n = kv
            defaults = DEFAULT_LABELS.get(layer, [])
            return (order.get(layer, 9), defaults.index(label) if label in defaults else 99, label)

        ordered = sorted(labels.items(), key=rank)
        classes = self._classes
        for key, _n in ordered:
            classes.setdefault(key, len(classes) + 1)
        for h in items:  # labels of layers not shown still get a class
            classes.setdefault((h["layer"], h["label"]), len(classes) + 1)
        if self._ruled != len(classes):   # classes are only ever added
            self.rules, self._ruled = view_rules(classes), len(classes)
        labels_out = [{"label": label, "layer": layer, "count": n,
                        "color": label_colour(label, layer), "cls": classes[(layer, label)],
                        "key": str(i + 1) if i < 9 else ""}
                      for i, ((layer, label), n) in enumerate(ordered)]
        if labels_out != self.labels:
            self.labels = labels_out
        self._by_id = {h["id"]: h for h in items}
        self._items, self._painted_cache = items, None
        paras = self._draw(items)
        with self.hold_sync():
            if paras is not None:
                self.paras = paras
            self.orphans = [{"id": r["id"], "label": r["label"], "exact": r["exact"],
                             "note": r["note"]} for r in self.store.orphans]
            if self.selected is not None and self.selected not in self._by_id:
                self.selected = None
            self.can_undo, self.can_redo = bool(self._undo), bool(self._redo)
            self.revision += 1

    @property
    def highlights(self) -> list[dict]:
        """What is drawn, as plain dicts (id, layer, label, start, end, text,
        provenance, decision, status, note, engine_label, speaker, color); built
        when first asked for after a change (the browser reads the page)."""
        return list(self._painted().values())

    def _painted(self) -> dict[str, dict]:
        if self._painted_cache is None:
            painted: dict[str, dict] = {}
            colours: dict[tuple[str, str], str] = {}
            for h in self._items:
                key = (h["label"], h["layer"])
                colour = colours.get(key)
                if colour is None:
                    colour = colours[key] = label_colour(*key)
                item = {k: h[k] for k in _PAINTED if k in h}
                item["speaker"] = speaker_of(h) if h["layer"] == "quotes" else None
                item["color"] = colour
                painted[h["id"]] = item
            self._painted_cache = painted
        return self._painted_cache

    def _draw(self, items: list[dict]) -> list[str] | None:
        """The paragraphs' HTML: all of them the first time, afterwards only those
        holding a highlight that was added, removed or drawn differently (None
        when nothing changed)."""
        numbers = note_numbers_of(items)
        drawn = {}
        for h in items:
            drawn[h["id"]] = (h["start"], h["end"], h["layer"], h["label"], h.get("decision"),
                              h.get("status"), h.get("note"), h.get("engine_label"),
                              h.get("provenance"),
                              speaker_of(h) if h["layer"] == "quotes" else None,
                              numbers.get(h["id"]))
        old, self._drawn = self._drawn, drawn
        lines, text = self._lines, self._text
        if not self.paras or len(self.paras) != len(lines):
            if self._first_screen:   # the first chunk now, the rest after the cell
                head = lines[:self.chunk_blocks]
                end = head[-1][1] if head else 0
                near = [h for h in items if h["start"] < end]
                return (render_lines(text, near, head, numbers, self._classes)
                        + [""] * (len(lines) - len(head)))
            return render_lines(text, items, lines, numbers, self._classes)
        spans = [(d[0], d[1]) for i, d in drawn.items() if old.get(i) != d]
        spans += [(d[0], d[1]) for i, d in old.items() if i not in drawn]
        if not spans:
            return None
        touched = set()
        for start, end in spans:
            i = max(0, bisect_right(self._line_starts, start) - 1)
            while i < len(lines) and lines[i][0] < end:
                if lines[i][1] > start:
                    touched.add(i)
                i += 1
        if not touched:
            return None
        which = sorted(touched)
        lo, hi = lines[which[0]][0], lines[which[-1]][1]
        near = [h for h in items if h["start"] < hi and h["end"] > lo]
        fresh = render_lines(text, near, [lines[i] for i in which], numbers, self._classes)
        paras = list(self.paras)
        for i, piece in zip(which, fresh):
            paras[i] = piece
        return paras

    def _fallback_html(self) -> str:
        """The output's ``text/html``, shown where the live view cannot be (no
        kernel, a viewer without widgets, a frozen or shared copy): the static
        rendering, with the legend and the notes. In a front end that draws
        widgets (JupyterLab) the view is what is shown, and the whole rendering
        would only cost time and bytes on every run: there the output carries
        the article's text, legend and notes without the highlights
        (:func:`live_only_body`), and ``view.to_html()`` gives the whole rendering."""
        problem = getattr(self.store, "error", None)
        live = widgets_shown()
        return render_parts(self._text, self._items, self.analysis.article.headings,
                            orphans=self.store.orphans, metadata=self.analysis.metadata,
                            notice=str(problem) if problem is not None else None,
                            body=live_only_body(self._text, self._lines) if live else None)

    # -- the first screen first ------------------------------------------------------
    def get_state(self, key=None, drop_defaults=False):
        """The synced state; until the cell that made the view has run, without
        the article text and its sentences (the detail panel's context)."""
        state = super().get_state(key=key, drop_defaults=drop_defaults)
        if getattr(self, "_first_screen", False):
            if "text" in state:
                state["text"] = ""
            if "sentences" in state:
                state["sentences"] = []
        return state

    def _send_rest(self) -> None:
        """After the cell: the paragraphs not drawn yet (``""``), then the text and
        sentences."""
        self._first_screen = False
        missing = [i for i, para in enumerate(self.paras) if not para]
        if missing:
            fresh = render_lines(self._text, self._items, [self._lines[i] for i in missing],
                                 note_numbers_of(self._items), self._classes)
            paras = list(self.paras)
            for i, piece in zip(missing, fresh):
                paras[i] = piece
            self.paras = paras
        if self.comm is not None:
            self.send_state(["text", "sentences"])

    # -- actions from the browser -------------------------------------------------
    def _on_msg(self, _widget, content, _buffers) -> None:
        if not isinstance(content, dict):
            return
        if content.get("type") == "hello":
            widgets_seen()   # this front end draws widgets (fallback.py)
        elif content.get("type") == "action":
            self.handle_action(content)
        elif content.get("type") == "details":
            # the detail panel's facts and context, asked for when it opens
            try:
                reply = self.details(content.get("id"))
            except ToolkitError as exc:
                reply = {"id": content.get("id"), "facts": [], "context": "", "error": str(exc)}
            self.send({"type": "details", "revision": self.revision, **reply})

    def handle_action(self, msg: dict) -> None:
        """Carry out one action from the front end, e.g.
        ``{"action": "note", "id": "quotes:120-171", "value": "check"}``.
        Errors are shown to the analyst (``message``), never raised into the comm."""
        action = msg.get("action")
        try:
            if action == "undo":
                self.undo()
            elif action == "redo":
                self.redo()
            elif action == "add":
                self.add(msg["start"], msg["end"], msg["label"], note=msg.get("note"))
            elif action in {"confirm", "reject", "relabel", "speaker", "status", "note",
                            "delete"}:
                self._act_on(action, msg)
            else:
                raise ToolkitError("TK204", value=action, what="action",
                                   choices="add, confirm, reject, relabel, speaker, status, "
                                           "note, delete, undo, redo")
            where = f" · saved to {self.store_name}" if self.store_name else ""
            self.message = {"kind": "info", "text": f"{action}{where}", "seq": self.revision}
        except ToolkitError as exc:
            self.message = {"kind": "error", "text": str(exc), "seq": self.revision}
        except (KeyError, TypeError, ValueError) as exc:
            self.message = {"kind": "error", "text": f"Bad {action!r} message: {exc}",
                            "seq": self.revision}
        finally:
            self._refresh()

    def _act_on(self, action: str, msg: dict) -> None:
        h = self._by_id.get(msg.get("id"))
        if h is None:
            raise ToolkitError("TK205", id=msg.get("id"))
        value = msg.get("value")
        changes = {
            "confirm": lambda: {"decision": "confirmed" if value in (None, True) else None},
            "reject": lambda: {"decision": "rejected" if value in (None, True) else None},
            "relabel": lambda: {"label": value},
            "speaker": lambda: {"speaker": value or None},
            "status": lambda: {"status": value or None},
            "note": lambda: {"note": value or None},
            "delete": lambda: None,
        }[action]()
        with self._action():
            if action == "delete":
                if h["provenance"] == "engine":
                    self._decide(h, {"decision": "rejected"})
                else:
                    self.store.delete(h["annotation_id"])
                return
            if action == "relabel" and h["provenance"] != "engine":
                changes["layer"] = self.layer_of(value)
            if h["provenance"] == "engine":
                self._decide(h, changes)
            else:
                self.store.update(h["annotation_id"], **changes)
        self.selected = h["id"]

    def _decide(self, h: dict, changes: dict) -> None:
        engine = {"id": h["id"], "layer": h["layer"], "label": h["engine_label"] or h["label"],
                  "start": h["start"], "end": h["end"]}
        self.store.decide(engine, **changes)

    # -- undo / redo --------------------------------------------------------------
    class _Recorder:
        def __init__(self, view):
            self.view = view

        def __enter__(self):
            self.view._recording = []

        def __exit__(self, *exc):
            events, self.view._recording = self.view._recording, None
            if events:
                self.view._undo.append(events)
                self.view._redo.clear()
            return False

    def _action(self):
        return self._Recorder(self)

    def _store_changed(self, event: dict) -> None:
        if self._recording is not None:
            self._recording.append(event)
        for callback in list(self._callbacks):
            callback(event)
        if self._recording is None:
            self._refresh()

    def _replay(self, source: list, target: list, *, undo: bool) -> bool:
        if not source:
            return False
        events = source.pop()
        self._recording = []  # changes made by replaying are not new actions
        try:
            for event in (reversed(events) if undo else events):
                want = event["before"] if undo else event["annotation"]
                gone = event["annotation"] if undo else event["before"]
                if want is None:
                    if gone is not None and any(r["id"] == gone["id"] for r in self.store.records):
                        self.store.delete(gone["id"])
                else:
                    self.store.put(want)
        finally:
            self._recording = None
        target.append(events)
        self._refresh()
        return True
