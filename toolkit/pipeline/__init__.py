"""spaCy components that do toolkit's analysis.

Each module holds one concern and registers one factory:

========================  ==========================  ===========================
factory                   module                      writes
========================  ==========================  ===========================
``toolkit_structure``     :mod:`.structure`           sentence starts at line
                                                      breaks, ``spans["headings"]``
``toolkit_entities``      :mod:`.entities`            ``spans["entities"]``
``toolkit_dates``         :mod:`.dates`               ``spans["dates"]``
``toolkit_quotes``        :mod:`.quotes`              ``spans["quotes"]``
``toolkit_figures``       :mod:`.figures`             ``spans["figures"]``
========================  ==========================  ===========================

:func:`add_toolkit_components` puts them into any pipeline that has a parser
and NER, in the order above.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Span

from toolkit.errors import ToolkitError
from toolkit.pipeline import extensions  # noqa: F401  (registers attributes)
from toolkit.pipeline import structure, entities, dates, quotes, figures  # noqa: F401



def resolved_date(data: dict | None, published) -> str | None:
    """:func:`.dates.resolve_date`, with a date out of the calendar's range (year 1 to
    9999, for example "800000 days ago") left unresolved (None) instead of raising."""
    if data is None:
        return None
    try:
        return dates.resolve_date(data, published)
    except (OverflowError, ValueError):
        return None


def _resolved_date(span: Span):
    """``span._.date``: the span's date tied to ``doc._.published`` (ISO or None)."""
    return resolved_date(span._.tk_date, span.doc._.published)


if not Span.has_extension("date"):
    Span.set_extension("date", getter=_resolved_date)

COMPONENTS = ("toolkit_entities", "toolkit_dates", "toolkit_quotes", "toolkit_figures")


#: Tokenizer exceptions that glue a full stop to a scale letter: "£40m." was one
#: token "m." and the sentence after it ran on ("£40m. Costs rose" as one sentence).
_SCALE_LETTERS = ("m.", "k.")


def _split_scale_letters(nlp: Language) -> None:
    """Drop the tokenizer's "m." and "k." exceptions (initials are capitals and
    "a.m." / "p.m." are exceptions of their own), so that "£40m." ends on a full
    stop of its own and the next sentence starts after it."""
    rules = getattr(nlp.tokenizer, "rules", None)
    if rules and any(k in rules for k in _SCALE_LETTERS):
        nlp.tokenizer.rules = {k: v for k, v in rules.items() if k not in _SCALE_LETTERS}


def add_toolkit_components(nlp: Language) -> Language:
    """Add toolkit's components to ``nlp`` (in place) and return it.

    Raises TK101 / TK102 when the pipeline lacks a parser or NER.
    """
    pipes = ", ".join(nlp.pipe_names) or "(empty)"
    if "parser" not in nlp.pipe_names:
        raise ToolkitError("TK101", component="toolkit_quotes", pipes=pipes)
    if "ner" not in nlp.pipe_names:
        raise ToolkitError("TK102", component="toolkit_entities", pipes=pipes)
    _split_scale_letters(nlp)
    if "toolkit_structure" not in nlp.pipe_names:
        nlp.add_pipe("toolkit_structure", before="parser")
    for name in COMPONENTS:
        if name not in nlp.pipe_names:
            nlp.add_pipe(name, last=True)
    return nlp
