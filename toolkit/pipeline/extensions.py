"""The custom attributes toolkit's components write on spaCy objects.

Everything stored is plain, msgpack-able data (dicts of str/int/float/bool/None
and lists of those), never ``Span`` objects, so a processed ``Doc`` survives
``Doc.to_bytes()`` / ``Doc.from_bytes()`` and ``nlp.pipe(n_process=2)``.

Span groups written by the components
-------------------------------------
``doc.spans["headings"]``    heading lines (label "HEADING"), set by toolkit_structure
``doc.spans["entities"]``    people, places, organisations (label = NER label),
                             including role mentions such as "the Russian leader";
                             ``span._.tk_entity`` holds the facts
``doc.spans["quotes"]``      the quoted / reported *content* (label "direct" or
                             "reported"); ``span._.tk_quote`` holds the facts
``doc.spans["dates"]``       time expressions (label "DATE"); ``span._.tk_date``
``doc.spans["figures"]``     numbers that matter (label = figure type);
                             ``span._.tk_figure``

Per-layer dicts (keys every component fills; values may be None)
----------------------------------------------------------------
tk_entity: {"canonical": str, "entity_id": str, "mention": "name"|"alias"|"role"}
tk_quote:  {"kind", "speaker", "speaker_text", "speaker_start", "speaker_end",
            "cue", "cue_start", "cue_end"}
tk_date:   {"kind": "absolute"|"relative"|..., "value": ISO str or None, plus
            whatever the resolver needs; resolution against doc._.published is
            done by the ``span._.date`` getter, which :mod:`toolkit.pipeline`
            registers with :func:`toolkit.pipeline.dates.resolve_date` so that
            this module imports no component)}
tk_figure: {"type", "value", "low", "high", "unit", "qualifier", "measures",
            "source", "conversion_of", "consistent"}

On the Doc
----------
``doc._.published``    ISO publication date, set *before* the first component
``doc._.tk_problems``  list of ``{"component", "code", "message", "start", "why"}``: the
                       components that failed on this Doc (their layer is empty);
                       written by :func:`toolkit.runner.record_failure`
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

LAYER_ATTRS = {
    "entities": "tk_entity",
    "quotes": "tk_quote",
    "figures": "tk_figure",
    "dates": "tk_date",
}


def _get(span: Span, attr: str, key: str):
    data = getattr(span._, attr)
    return None if data is None else data.get(key)


def register_extensions() -> None:
    """Register the attributes once; safe to call many times."""
    if not Doc.has_extension("published"):
        Doc.set_extension("published", default=None)  # ISO "YYYY-MM-DD" or None
    if not Doc.has_extension("tk_problems"):
        Doc.set_extension("tk_problems", default=None)  # list of dicts, see module docs
    for attr in LAYER_ATTRS.values():
        if not Span.has_extension(attr):
            Span.set_extension(attr, default=None)
    getters = {
        "canonical": lambda s: _get(s, "tk_entity", "canonical"),
        "speaker": lambda s: _get(s, "tk_quote", "speaker"),
        "figure_value": lambda s: _get(s, "tk_figure", "value"),
        "figure_unit": lambda s: _get(s, "tk_figure", "unit"),
    }
    for name, getter in getters.items():
        if not Span.has_extension(name):
            Span.set_extension(name, getter=getter)


register_extensions()
