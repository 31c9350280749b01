"""Share results with people who have no kernel: a report, a rendered notebook,
a frozen notebook.

``write_report``   one self-contained HTML file of a dissected article: the
                   highlighted text with the analyst's annotations, the four
                   tables and the charts, with plotly.js embedded once.
``share_notebook`` an executed notebook as one self-contained HTML file: toolkit
                   views replaced by their static rendering, charts interactive,
                   nothing loaded from a CDN.
``freeze``         the notebook itself with static outputs, so it renders on
                   GitHub, nbviewer and in JupyterLab without a kernel.

Nothing here downloads anything: plotly.js comes from the installed plotly
package, and any ``<script src>`` / ``<link href>`` pointing off the machine is
removed from exported HTML.
"""

from __future__ import annotations

import copy
import html
import json
import os
import re
from pathlib import Path
from typing import Any

from toolkit._files import atomic_write_text
from toolkit.errors import ToolkitError
from toolkit.pictures import b64 as _b64
from toolkit.pictures import chart_images, print_pdf

__all__ = ["write_report", "share_notebook", "freeze", "render_report", "static_outputs",
           "print_pdf", "chart_images", "report_charts", "report_order", "frozen_summary",
           "execute_notebook", "inject_parameters",
           "strip_remote_assets", "PLOTLY_MIME", "WIDGET_MIME"]

PLOTLY_MIME = "application/vnd.plotly.v1+json"
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
WIDGET_STATE_MIME = "application/vnd.jupyter.widget-state+json"
_PLOT_CONFIG = {"displaylogo": False, "responsive": True}
_REMOTE = r"""(?:https?:)?//"""
_REMOTE_SCRIPT = re.compile(r"<script\b[^>]*\bsrc\s*=\s*[\"']?" + _REMOTE + r"[^>]*>\s*</script>",
                            re.IGNORECASE)
_REMOTE_LINK = re.compile(r"<link\b[^>]*\bhref\s*=\s*[\"']?" + _REMOTE + r"[^>]*>", re.IGNORECASE)
_MATHJAX_CONFIG = re.compile(r"<!-- Load mathjax -->.*?<!-- End of mathjax configuration -->",
                             re.IGNORECASE | re.DOTALL)


class _LineProgress:
    """Progress as plain lines, for logs and CI (no cursor movement, no ``[A``)."""

    def __init__(self, total: int, desc: str, stream):
        self.total, self.desc, self.n, self.stream = total, desc, 0, stream

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        if exc[0] is None:
            print(f"{self.desc}: done", file=self.stream, flush=True)

    def update(self, n: int = 1) -> None:
        self.n += n

    def set_postfix_str(self, text: str) -> None:
        print(f"{self.desc}: {text} ({self.n}/{self.total})", file=self.stream, flush=True)


def _in_kernel() -> bool:
    """Whether this runs inside a Jupyter kernel (a notebook shows the text bar)."""
    import sys

    ipython = sys.modules.get("IPython")
    try:
        shell = ipython.get_ipython() if ipython is not None else None
    except Exception:  # noqa: BLE001 (a half-imported IPython)
        return False
    return shell is not None and getattr(shell, "kernel", None) is not None


def _progress(total: int, desc: str):
    """A text bar on a terminal or in a notebook; plain lines anywhere else, so
    nested bars (share runs a notebook) never write cursor codes into a log."""
    import sys

    stream = sys.stderr
    interactive = getattr(stream, "isatty", lambda: False)() or _in_kernel()
    if not interactive:
        return _LineProgress(total, desc, stream)
    # The text bar, also in notebooks: a widget bar would stay in the saved
    # notebook as a live widget with no static fallback.
    from tqdm import tqdm

    return tqdm(total=total, desc=desc, unit="step", leave=False)


def _plotly_js_tag() -> str:
    from plotly.offline import get_plotlyjs

    return f'<script type="text/javascript">{get_plotlyjs()}</script>'


def _figure_div(fig) -> str:
    import plotly.io as pio

    return pio.to_html(fig, include_plotlyjs=False, full_html=False, include_mathjax=False,
                       config=_PLOT_CONFIG)


def strip_remote_assets(page: str) -> str:
    """``page`` without script or stylesheet tags that load from another host."""
    page = _MATHJAX_CONFIG.sub("", page)
    page = _REMOTE_SCRIPT.sub("", page)
    return _REMOTE_LINK.sub("", page)


def _write(path: Path, content: str) -> Path:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_text(path, _encodable(content))
    except OSError as exc:
        raise ToolkitError("TK313", path=path, why=exc.strerror or exc) from exc
    except ValueError as exc:  # a NUL in the name, an empty name
        raise ToolkitError("TK313", path=path, why=str(exc)) from exc
    return path


def _encodable(text: str) -> str:
    """``text`` as UTF-8 can hold it: a lone surrogate (from a file name that is not
    UTF-8) becomes U+FFFD."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        from toolkit.decoding import clean_text

        return clean_text(text)[0]
    return text


def _path(value, what: str) -> Path:
    """``value`` as a Path, or TK772 saying what was expected."""
    if isinstance(value, (str, os.PathLike)) and not isinstance(value, bytes):
        path = Path(os.fspath(value))
        if str(path) not in ("", ".") and "\x00" not in str(path):
            return path
    raise ToolkitError("TK772", field=what, value=repr(value)[:60],
                       why="it is not a file path",
                       fix="Give the path of a file as a str or pathlib.Path.")


# -- the report ----------------------------------------------------------------------

def _analysis_for(article_or_path, published, bar):
    import toolkit

    if hasattr(article_or_path, "text") and hasattr(article_or_path, "table"):
        bar.update(2)
        return article_or_path
    if isinstance(article_or_path, (str, Path)):
        article = toolkit.load_article(article_or_path, published=published)
    else:
        article = article_or_path
    bar.set_postfix_str("loading the pipeline")
    from toolkit.nlp import default_pipeline

    nlp = default_pipeline()
    bar.update(1)
    bar.set_postfix_str("analysing")
    analysis = toolkit.analyze(article, published=published, nlp=nlp)
    bar.update(1)
    return analysis


def _highlighted_text(analysis, store, show_annotators: bool = False) -> str:
    """The article with highlights: the one static renderer (it reads the
    article's sidecar store when ``store`` is None); with ``show_annotators``
    each decided highlight's tooltip says who decided it, and when."""
    if show_annotators:
        from toolkit.review.sharing import article_html

        return article_html(analysis, store, show_annotators=True)
    from toolkit.widgets.static import render_html

    return render_html(analysis, annotations=store)


def _team_html(analysis, store, team, show_annotators: bool) -> str:
    """The "Team review" section (agreement table, who decided), or ""."""
    from toolkit.review.sharing import has_team, team_section

    if team is False or not (team or has_team(analysis) or show_annotators):
        return ""
    return team_section(analysis, store, show_annotators=show_annotators)


_REPORT_CSS = """
body { font-family: system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif;
       color: #222; margin: 0 auto; max-width: 1100px; padding: 1.5rem 2rem; line-height: 1.5; }
header { border-bottom: 2px solid #0072B2; margin-bottom: 1.5rem; }
h1 { font-size: 1.7rem; margin: 0 0 .3rem; } h2 { margin-top: 2.2rem; color: #0b3c5d; }
.meta { color: #555; margin: 0 0 1rem; }
nav a { margin-right: 1rem; }
table.tk-table { border-collapse: collapse; font-size: .85rem; margin: .5rem 0 1.5rem;
                 width: 100%; }
table.tk-table th, table.tk-table td { border: 1px solid #ddd; padding: 3px 6px;
                                       vertical-align: top; text-align: left; }
table.tk-table th { background: #f2f6fa; }
.tk-chart { margin: 1rem 0 2rem; }
.tk-chart-image { display: none; max-width: 100%; }
.tk-none { color: #555; font-style: italic; margin: .3rem 0 1rem; }
footer { color: #666; font-size: .85rem; border-top: 1px solid #ddd; margin-top: 3rem;
         padding-top: .5rem; }
@page { margin: 14mm 12mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  nav, .modebar-container { display: none !important; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  h2, h3 { break-after: avoid-page; }
  p, li, tr, .tk-chart, .tk-chart-image { break-inside: avoid-page; }
  thead { display: table-header-group; }
  table.tk-table { font-size: 8.5pt; table-layout: fixed; }
  table.tk-table td, table.tk-table th { overflow-wrap: anywhere; }
  /* charts as images: the picture taken when the report was written */
  .tk-chart.tk-has-image .tk-live { display: none !important; }
  .tk-chart.tk-has-image .tk-chart-image { display: block; }
  /* highlights legible in black and white: labels are text; quotes get a rule */
  .toolkit-article span[style*="background"] { border-bottom: 1px dotted #000; }
}
"""

#: What a chart shows, for the line that replaces it when the article has none.
_CHART_SUBJECT = {"Territory over time": "territorial figures over time",
                  "Share of a country's territory": "territory shares of a country",
                  "Areas on one scale": "areas",
                  "Unit conversions": "stated unit conversions",
                  "Quotes by speaker": "quotes with a speaker",
                  "Entity mentions": "named entities",
                  "Timeline": "dated events",
                  "Money and counts": "money or count figures"}


def _is_empty(fig) -> bool:
    """Whether a plotly figure draws no data point at all."""
    if fig is None:
        return True
    for trace in getattr(fig, "data", ()):
        for key in ("x", "y", "values", "z", "lat", "r", "locations"):
            values = getattr(trace, key, None) if key in trace else None
            if values is not None and len(values):
                return False
    return True


_CASUALTY_WORDS = re.compile(r"\b(?:killed|dead|deaths?|died|wounded|injured|casualt\w*|"
                             r"missing|displaced|evacuated)\b", re.IGNORECASE)


def report_order(analysis) -> list[str]:
    """The report's layer order, led by what the article is about: figures first
    for a territory or casualty story (area figures, or counts of killed,
    wounded, displaced...) or when figures outnumber quotes; quotes first for an
    interview."""
    quotes, figures = analysis.table("quotes"), analysis.table("figures")
    story = any(str(t) == "area" for t in figures["type"]) or any(
        _CASUALTY_WORDS.search(f"{m or ''} {t}") for m, t in zip(figures["measures"],
                                                                 figures["text"]))
    lead = "figures" if story or len(figures) >= len(quotes) else "quotes"
    rest = "figures" if lead == "quotes" else "quotes"
    return [lead, rest, "entities", "timeline"]


_CHART_LAYER = {"Quotes by speaker": "quotes", "Entity mentions": "entities",
                "Timeline": "timeline"}


def report_charts(analysis, charts: dict | None = None) -> dict:
    """Every chart of the report (the charts package's and the money and count
    chart), in :func:`report_order`; a chart without data is None."""
    from toolkit import charts as tk_charts
    from toolkit.charts import money_and_counts

    figures = dict(charts) if charts is not None else dict(tk_charts.all_charts(analysis))
    if charts is None:
        figures["Money and counts"] = money_and_counts(analysis)
    rank = {layer: i for i, layer in enumerate(report_order(analysis))}
    names = sorted(figures, key=lambda n: rank.get(_CHART_LAYER.get(n, "figures"), 9))
    return {n: (None if _is_empty(figures[n]) else figures[n]) for n in names}


def render_report(analysis, *, store=None, charts: dict | None = None, title: str | None = None,
                  images: dict | None = None, show_annotators: bool = False,
                  team: bool | None = None) -> str:
    """The report for ``analysis`` as one HTML string (see :func:`write_report`).

    ``images`` maps chart names to SVG text drawn when the report was written;
    a printed report shows those instead of the live charts. ``team`` (None:
    when the article has two or more analysts' files) adds the "Team review"
    section; ``show_annotators`` says who decided each item there and in the
    highlights' tooltips.
    """
    from toolkit.analysis import LAYERS  # noqa: F401 (the four layers, ordered below)

    e = html.escape
    meta = analysis.metadata or {}
    title = title or meta.get("title") or (Path(analysis.article.path).stem
                                            if analysis.article.path else "Article")
    figures = report_charts(analysis, charts)
    images = images or {}
    facts = [f"Outlet: {meta['outlet']}" if meta.get("outlet") else None,
             f"Published: {analysis.published}" if analysis.published else None,
             f"File: {Path(analysis.article.path).name}" if analysis.article.path else None]
    team_html = _team_html(analysis, store, team, show_annotators)
    body = [
        f"<header><h1>{e(str(title))}</h1>"
        f"<p class=\"meta\">{e(' · '.join(str(f) for f in facts if f))}</p>"
        "<nav><a href=\"#article\">Article</a>"
        + ("<a href=\"#team\">Team review</a>" if team_html else "")
        + "<a href=\"#charts\">Charts</a><a href=\"#tables\">Tables</a></nav></header>",
        "<section id=\"article\"><h2>The article, highlighted</h2>",
        _highlighted_text(analysis, store, show_annotators), "</section>", team_html,
        "<section id=\"charts\"><h2>Charts</h2>",
    ]
    missing = [name for name, fig in figures.items() if fig is None]
    for name, fig in figures.items():
        if fig is None:
            continue
        image = images.get(name)
        picture = (f'<img class="tk-chart-image" alt="{e(name)}" src="data:image/svg+xml;base64,'
                   f'{_b64(image)}">' if image else "")
        body.append(f'<div class="tk-chart{" tk-has-image" if image else ""}" '
                    f'data-chart="{e(name)}"><div class="tk-live">{_figure_div(fig)}</div>'
                    f'{picture}</div>')
    if missing:
        body.append('<p class="tk-none">Not found in this article: '
                    + e("; ".join(_CHART_SUBJECT.get(n, n.lower()) for n in missing))
                    + " (so no chart for them).</p>")
    body.append('</section><section id="tables"><h2>Tables</h2>')
    for layer in report_order(analysis):
        table = analysis.table(layer)
        body.append(f"<h3>{e(layer.capitalize())} ({len(table)})</h3>")
        if not len(table):
            body.append(f'<p class="tk-none">No {e(layer)} found in this article.</p>')
            continue
        body.append(table.to_html(index=False, escape=True, na_rep="", border=0,
                                  classes=["tk-table", f"tk-table-{layer}"]))
    body.append("</section><footer>Made with toolkit. Every figure, quote and speaker was "
                "extracted automatically: check them against the text.</footer>")
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            f"<title>{e(str(title))}</title><style>{_REPORT_CSS}</style>"
            f"{_plotly_js_tag()}</head><body>{''.join(body)}</body></html>\n")


def write_report(article_or_path, out, *, published=None, store=None,
                 pdf: str | Path | None = None, images: bool = True,
                 show_annotators: bool = False, team: bool | None = None) -> Path:
    """Write one self-contained HTML report of a dissected article to ``out``.

    ``article_or_path`` is an article path, an :class:`~toolkit.Article` or an
    :class:`~toolkit.Analysis`. The report holds the highlighted text with the
    analyst's annotations (from ``store``: an AnnotationStore, its records or
    ``view.annotations``; else the article's sidecar store if there is one),
    the charts (with an SVG picture of each for print, when ``images``), and
    the four tables; plotly.js is embedded once, so the file works offline.
    With ``pdf``, also prints it to that PDF file (A4) through chromium.
    When the article has two or more analysts' files (or ``team=True``) a
    "Team review" section shows the agreement table; ``show_annotators`` adds
    who decided each item (W3C ``creator`` and ``modified``) there and in the
    highlights' tooltips. Returns the path written.
    """
    out = _path(out, "out")
    with _progress(5, "report") as bar:
        analysis = _analysis_for(article_or_path, published, bar)
        bar.set_postfix_str("charts")
        figures = report_charts(analysis)
        pictures = chart_images(figures) if images else {}
        bar.update(1)
        bar.set_postfix_str("rendering")
        page = render_report(analysis, store=store, charts=figures, images=pictures,
                             show_annotators=show_annotators, team=team)
        bar.update(1)
        bar.set_postfix_str("writing")
        _write(out, page)
        bar.update(1)
    if pdf is not None:
        print_pdf(out, pdf)
    return out


# -- notebooks ---------------------------------------------------------------------

def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except (OSError, RuntimeError):  # a symlink loop: not the same file as anything
        return False


def _read_notebook(path):
    import nbformat

    path = Path(path)
    try:
        is_file = path.is_file()
    except (OSError, ValueError):  # a name too long for the file system
        is_file = False
    if not is_file:
        raise ToolkitError("TK310", path=path)
    try:
        return nbformat.read(path, as_version=4)
    except Exception as exc:  # noqa: BLE001 (nbformat raises JSON, validation and OS errors)
        raise ToolkitError("TK311", path=path, why=str(exc).splitlines()[0] if str(exc) else
                           type(exc).__name__) from exc


def _plot_html(spec: Any, with_plotlyjs: bool) -> str:
    import plotly.io as pio

    fig = pio.from_json(json.dumps(spec), skip_invalid=True)
    div = _figure_div(fig)
    return (_plotly_js_tag() + div) if with_plotlyjs else div


def static_outputs(nb, *, embed_plotlyjs: str = "first"):
    """A copy of ``nb`` whose outputs need no kernel and no widget manager.

    - a widget output that also carries ``text/html`` (every toolkit view does)
      keeps only that static rendering; other widgets become a short text note;
    - a plotly figure (``application/vnd.plotly.v1+json``) gains a ``text/html``
      rendering. ``embed_plotlyjs`` is ``"first"`` (plotly.js inline in the first
      figure only), ``"none"`` (the caller adds it to the page once) or
      ``"image"`` (frozen notebooks: the figure's JSON stays for JupyterLab's and
      VS Code's plotly renderer, which draw it interactively, and ``text/html``
      and ``image/svg+xml`` carry a picture for viewers that strip scripts);
    - the saved widget state is dropped from the metadata.
    """
    nb = copy.deepcopy(nb)
    nb.metadata.pop("widgets", None)
    need_js = embed_plotlyjs == "first"
    plots = []
    for cell in nb.cells:
        if cell.get("cell_type") != "code":
            continue
        for output in cell.get("outputs", []):
            data = output.get("data")
            if not data:
                continue
            if WIDGET_MIME in data:
                data.pop(WIDGET_MIME)
                if "text/html" not in data:
                    data["text/plain"] = ("[An interactive widget: run the notebook in "
                                          "JupyterLab to use it.]")
            if PLOTLY_MIME in data:
                if embed_plotlyjs == "image":
                    plots.append(data)
                else:
                    data["text/html"] = _plot_html(data[PLOTLY_MIME], with_plotlyjs=need_js)
                    need_js = False
            data.pop(WIDGET_STATE_MIME, None)
    if plots:
        import plotly.io as pio

        figures = {str(i): pio.from_json(json.dumps(d[PLOTLY_MIME]), skip_invalid=True)
                   for i, d in enumerate(plots)}
        pictures = chart_images(figures)
        for i, data in enumerate(plots):
            svg = pictures.get(str(i))
            data.pop("text/html", None)
            if svg:
                data["image/svg+xml"] = svg
                data["text/html"] = (f'<img alt="chart" style="max-width:100%" '
                                     f'src="data:image/svg+xml;base64,{_b64(svg)}">')
            data.setdefault("text/plain", "[A plotly chart: open the notebook in JupyterLab "
                                          "to see it.]")
    return nb


def _has_outputs(nb) -> bool:
    return any(cell.get("outputs") for cell in nb.cells if cell.get("cell_type") == "code")


def execute_notebook(nb, cwd: Path, *, parameters: dict | None = None, timeout: int = 600,
                     kernel_name: str = "python3"):
    """Run ``nb`` top to bottom in ``cwd`` (parameters injected after the
    cell tagged ``parameters``), with a progress bar; returns the executed copy."""
    from nbclient import NotebookClient

    nb = copy.deepcopy(nb)
    if parameters:
        inject_parameters(nb, parameters)
    client = NotebookClient(nb, timeout=timeout, kernel_name=kernel_name,
                            resources={"metadata": {"path": str(cwd)}})
    code_cells = [i for i, c in enumerate(nb.cells) if c.cell_type == "code"]
    with _progress(len(code_cells), "running notebook") as bar, client.setup_kernel():
        for index in code_cells:
            client.execute_cell(nb.cells[index], index)
            bar.update(1)
        client.set_widgets_metadata()
    return nb


def inject_parameters(nb, parameters: dict) -> None:
    """Insert a cell tagged ``injected-parameters`` after the ``parameters`` cell
    (the papermill convention), overriding its values."""
    import nbformat

    source = "# Parameters\n" + "\n".join(f"{k} = {v!r}" for k, v in parameters.items())
    cell = nbformat.v4.new_code_cell(source, metadata={"tags": ["injected-parameters"]})
    at = next((i + 1 for i, c in enumerate(nb.cells)
               if "parameters" in c.get("metadata", {}).get("tags", [])), 0)
    nb.cells.insert(at, cell)


def _run_needed(nb, path: Path, execute, parameters) -> bool:
    """Whether to run the notebook; ``parameters`` (e.g. ``SHOW_ANNOTATORS``,
    set by ``--who``) always need a run, and a notebook that never reads
    ``SHOW_ANNOTATORS`` gets warning TKW771."""
    if parameters and "SHOW_ANNOTATORS" in parameters and not any(
            "SHOW_ANNOTATORS" in c.get("source", "") for c in nb.cells
            if c.get("cell_type") == "code"):
        from toolkit.errors import warn

        warn("TKW771", stacklevel=3, path=path)
    return bool(execute or parameters or (execute is None and (
        not _has_outputs(nb) or _views_without_highlights(nb))))


def _views_without_highlights(nb) -> bool:
    """A view saved from a live session (JupyterLab) keeps its article without the
    highlights as its static copy (toolkit/widgets/fallback.py): run the notebook
    to draw them."""
    return any('class="tk-live-only"' in str(out.get("data", {}).get("text/html", ""))
               for cell in nb.cells if cell.get("cell_type") == "code"
               for out in cell.get("outputs", []))


def share_notebook(notebook_path, out, *, execute: bool | None = None,
                   parameters: dict | None = None) -> Path:
    """Write the rendered notebook as one self-contained HTML file.

    The notebook is executed first when it has no outputs (or when
    ``execute=True``, or with ``parameters``: injected after its cell tagged
    ``parameters``, e.g. ``{"SHOW_ANNOTATORS": True}`` to show who decided). Toolkit views are replaced by their static rendering
    (annotations included), charts stay interactive with plotly.js embedded
    once, and no tag loads anything from another host. Returns ``out``.
    """
    from nbconvert import HTMLExporter

    notebook_path = _path(notebook_path, "notebook_path")
    out = _path(out, "out")
    if _same_file(out, notebook_path):
        raise ToolkitError("TK312", path=notebook_path,
                           suggestion=notebook_path.with_suffix(".html").name)
    nb = _read_notebook(notebook_path)
    with _progress(4, "share") as bar:
        if _run_needed(nb, notebook_path, execute, parameters):
            bar.set_postfix_str("executing")
            nb = execute_notebook(nb, notebook_path.parent.resolve(), parameters=parameters)
        bar.update(1)
        bar.set_postfix_str("static outputs")
        nb = static_outputs(nb, embed_plotlyjs="none")
        bar.update(1)
        bar.set_postfix_str("exporting")
        exporter = HTMLExporter(template_name="lab")
        exporter.embed_images = True
        body, _ = exporter.from_notebook_node(nb, resources={"metadata": {
            "name": notebook_path.stem}})
        bar.update(1)
        body = strip_remote_assets(body)
        body = body.replace("</head>", _plotly_js_tag() + "\n</head>", 1)
        _write(out, body)
        bar.update(1)
    return out


def freeze(notebook_path, out=None, *, execute: bool | None = None,
           parameters: dict | None = None) -> Path:
    """Save the notebook with static outputs so it renders without a kernel.

    A notebook with no outputs is executed first (or always, with
    ``execute=True`` or ``parameters``, as for :func:`share_notebook`), so
    there is something to show.

    Widget outputs keep only their ``text/html`` rendering (no more "Error
    displaying widget: model not found" on GitHub, nbviewer or a fresh
    JupyterLab); plotly figures keep their JSON (drawn interactively by
    JupyterLab's and VS Code's plotly renderer) and gain an SVG picture drawn
    offline, for viewers that strip scripts; plotly.js is not copied into the
    notebook. Writes to ``out`` (default: the notebook itself) and returns the
    path; :func:`frozen_summary` says where it can be viewed.
    """
    import nbformat

    notebook_path = _path(notebook_path, "notebook_path")
    out = _path(out, "out") if out is not None else notebook_path
    nb = _read_notebook(notebook_path)
    with _progress(2, "freeze") as bar:
        if _run_needed(nb, notebook_path, execute, parameters):
            nb = execute_notebook(nb, notebook_path.parent.resolve(), parameters=parameters)
        bar.set_postfix_str("pictures of the charts")
        frozen = static_outputs(nb, embed_plotlyjs="image")
        bar.update(1)
        _write(out, nbformat.writes(frozen) + "\n")
        bar.update(1)
    return out


def frozen_summary(path) -> str:
    """Where a frozen notebook can be viewed, and what is interactive there."""
    import nbformat

    path = Path(path)
    nb = nbformat.read(path, as_version=4)
    outputs = [o.get("data", {}) for c in nb.cells if c.get("cell_type") == "code"
               for o in c.get("outputs", [])]
    charts = sum(PLOTLY_MIME in d for d in outputs)
    pictures = sum("image/svg+xml" in d for d in outputs if PLOTLY_MIME in d)
    size = path.stat().st_size
    lines = [f"wrote {path} ({size / 1e6:.2f} MB)",
             "  GitHub, GitLab, nbviewer: static; the article's highlights and notes, "
             f"{pictures} of {charts} chart(s) as pictures" if charts else
             "  GitHub, GitLab, nbviewer: static; the article's highlights and notes",
             "  JupyterLab / VS Code without a kernel: the same, charts interactive "
             "(zoom, hover) through their plotly renderer",
             "  the article view becomes interactive again after Run All in a kernel"]
    if charts and pictures < charts:
        lines.append("  (some charts have no picture: see warning TKW330)")
    return "\n".join(lines)
