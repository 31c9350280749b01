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
import re
from pathlib import Path
from typing import Any

from toolkit.errors import ToolkitError

__all__ = ["write_report", "share_notebook", "freeze", "render_report", "static_outputs",
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


def _progress(total: int, desc: str):
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
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(content, encoding="utf-8")
        tmp.replace(path)
    except OSError as exc:
        raise ToolkitError("TK313", path=path, why=exc.strerror or exc) from exc
    return path


# -- the report ----------------------------------------------------------------------

def _analysis_for(article_or_path, published, bar):
    import toolkit

    if hasattr(article_or_path, "doc") and hasattr(article_or_path, "table"):
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


def _highlighted_text(analysis, store) -> str:
    """The article with highlights: the view's static rendering (which reads the
    article's sidecar store when ``store`` is None), else a plain fallback."""
    try:
        from toolkit.widgets.static import render_html
    except ImportError:  # the view is optional for a report
        return _fallback_highlights(analysis, _annotation_records(store))
    return render_html(analysis, annotations=store)


def _annotation_records(store) -> list[dict]:
    if store is None:
        return []
    data = getattr(store, "annotations", store)
    if callable(data):
        data = data()
    if hasattr(data, "to_dict"):
        data = data.to_dict(orient="records")
    out = []
    for item in data or []:
        if isinstance(item, dict) and item.get("start") is not None:
            out.append(item)
    return out


def _fallback_highlights(analysis, annotations: list[dict]) -> str:
    """A plain static rendering: every highlight layer as nested, escaped marks."""
    text = analysis.text
    spans = list(analysis.highlights(("entities", "quotes", "figures")))
    spans += [{"layer": "notes", "label": a.get("label") or "note", "start": int(a["start"]),
               "end": int(a["end"]), "attrs": {"note": a.get("note") or ""}} for a in annotations]
    cuts = sorted({0, len(text), *(s["start"] for s in spans), *(s["end"] for s in spans)})
    parts = []
    for a, b in zip(cuts, cuts[1:]):
        covering = [s for s in spans if s["start"] <= a and b <= s["end"]]
        piece = html.escape(text[a:b]).replace("\n", "<br>\n")
        if not covering:
            parts.append(piece)
            continue
        layers = sorted({s["layer"] for s in covering})
        tip = "; ".join(f"{s['layer']}: {s['label']}" + (
            f" ({s['attrs'].get('speaker')})" if s["attrs"].get("speaker") else "") + (
            f" — {s['attrs'].get('note')}" if s["attrs"].get("note") else "") for s in covering)
        classes = " ".join(f"tk-{layer}" for layer in layers)
        parts.append(f'<mark class="tk-h {classes}" title="{html.escape(tip)}">{piece}</mark>')
    notes = "".join(
        f"<li><q>{html.escape(text[int(a['start']):int(a['end'])])}</q> — "
        f"{html.escape(str(a.get('label') or ''))} {html.escape(str(a.get('note') or ''))}</li>"
        for a in annotations)
    legend = ('<p class="tk-legend"><mark class="tk-h tk-entities">entity</mark> '
              '<mark class="tk-h tk-quotes">quote</mark> <mark class="tk-h tk-figures">figure'
              '</mark> <mark class="tk-h tk-notes">analyst note</mark></p>')
    return (f'<div class="tk-article">{legend}<div class="tk-text">{"".join(parts)}</div>'
            + (f'<h3>Analyst notes</h3><ol class="tk-notes-list">{notes}</ol>' if notes else "")
            + "</div>")


_REPORT_CSS = """
body { font-family: system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif;
       color: #222; margin: 0 auto; max-width: 1100px; padding: 1.5rem 2rem; line-height: 1.5; }
header { border-bottom: 2px solid #0072B2; margin-bottom: 1.5rem; }
h1 { font-size: 1.7rem; margin: 0 0 .3rem; } h2 { margin-top: 2.2rem; color: #0b3c5d; }
.meta { color: #555; margin: 0 0 1rem; }
nav a { margin-right: 1rem; }
.tk-text { font-size: 1.05rem; }
mark.tk-h { background: none; border-radius: 2px; padding: 0 1px; }
mark.tk-entities { background: #cfe8f7; }
mark.tk-quotes { background: #fde7c2; }
mark.tk-figures { background: #c7ecdf; font-weight: 600; }
mark.tk-notes { text-decoration: underline 3px #CC79A7; }
table.tk-table { border-collapse: collapse; font-size: .85rem; margin: .5rem 0 1.5rem;
                 width: 100%; }
table.tk-table th, table.tk-table td { border: 1px solid #ddd; padding: 3px 6px;
                                       vertical-align: top; text-align: left; }
table.tk-table th { background: #f2f6fa; }
.tk-chart { margin: 1rem 0 2rem; }
footer { color: #666; font-size: .85rem; border-top: 1px solid #ddd; margin-top: 3rem;
         padding-top: .5rem; }
"""


def render_report(analysis, *, store=None, charts: dict | None = None, title: str | None = None) -> str:
    """The report for ``analysis`` as one HTML string (see :func:`write_report`)."""
    from toolkit import charts as tk_charts
    from toolkit.analysis import LAYERS

    meta = analysis.metadata or {}
    title = title or meta.get("title") or (Path(analysis.article.path).stem
                                            if analysis.article.path else "Article")
    figures = charts if charts is not None else tk_charts.all_charts(analysis)
    facts = [f"Outlet: {meta['outlet']}" if meta.get("outlet") else None,
             f"Published: {analysis.published}" if analysis.published else None,
             f"File: {Path(analysis.article.path).name}" if analysis.article.path else None]
    body = [
        f"<header><h1>{html.escape(str(title))}</h1>"
        f"<p class=\"meta\">{html.escape(' · '.join(f for f in facts if f))}</p>"
        "<nav><a href=\"#article\">Article</a><a href=\"#charts\">Charts</a>"
        "<a href=\"#tables\">Tables</a></nav></header>",
        "<section id=\"article\"><h2>The article, highlighted</h2>",
        _highlighted_text(analysis, store), "</section>",
        "<section id=\"charts\"><h2>Charts</h2>",
    ]
    for name, fig in figures.items():
        body.append(f'<div class="tk-chart" data-chart="{html.escape(name)}">{_figure_div(fig)}</div>')
    body.append('</section><section id="tables"><h2>Tables</h2>')
    for layer in LAYERS:
        table = analysis.table(layer)
        body.append(f"<h3>{layer.capitalize()} ({len(table)})</h3>")
        body.append(table.to_html(index=False, escape=True, na_rep="", border=0,
                                  classes=["tk-table", f"tk-table-{layer}"]))
    body.append("</section><footer>Made with toolkit. Every figure, quote and speaker was "
                "extracted automatically: check them against the text.</footer>")
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            f"<title>{html.escape(str(title))}</title><style>{_REPORT_CSS}</style>"
            f"{_plotly_js_tag()}</head><body>{''.join(body)}</body></html>\n")


def write_report(article_or_path, out, *, published=None, store=None) -> Path:
    """Write one self-contained HTML report of a dissected article to ``out``.

    ``article_or_path`` is an article path, an :class:`~toolkit.Article` or an
    :class:`~toolkit.Analysis`. The report holds the highlighted text with the
    analyst's annotations (from ``store``: an AnnotationStore, its records or
    ``view.annotations``; else the article's sidecar store if there is one), the four tables and the charts; plotly.js is embedded once,
    so the file works offline. Returns the path written.
    """
    out = Path(out)
    with _progress(5, "report") as bar:
        analysis = _analysis_for(article_or_path, published, bar)
        bar.set_postfix_str("charts")
        from toolkit import charts as tk_charts

        figures = tk_charts.all_charts(analysis)
        bar.update(1)
        bar.set_postfix_str("rendering")
        page = render_report(analysis, store=store, charts=figures)
        bar.update(1)
        bar.set_postfix_str("writing")
        _write(out, page)
        bar.update(1)
    return out


# -- notebooks ---------------------------------------------------------------------

def _read_notebook(path):
    import nbformat

    path = Path(path)
    if not path.is_file():
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
      rendering; ``embed_plotlyjs`` is ``"first"`` (plotly.js inline in the first
      figure only) or ``"none"`` (the caller adds it to the page once);
    - the saved widget state is dropped from the metadata.
    """
    nb = copy.deepcopy(nb)
    nb.metadata.pop("widgets", None)
    need_js = embed_plotlyjs == "first"
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
                spec = data[PLOTLY_MIME]
                data["text/html"] = _plot_html(spec, with_plotlyjs=need_js)
                need_js = False
            data.pop(WIDGET_STATE_MIME, None)
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


def share_notebook(notebook_path, out, *, execute: bool | None = None) -> Path:
    """Write the rendered notebook as one self-contained HTML file.

    The notebook is executed first when it has no outputs (or when
    ``execute=True``). Toolkit views are replaced by their static rendering
    (annotations included), charts stay interactive with plotly.js embedded
    once, and no tag loads anything from another host. Returns ``out``.
    """
    from nbconvert import HTMLExporter

    notebook_path = Path(notebook_path)
    out = Path(out)
    if out.resolve() == notebook_path.resolve():
        raise ToolkitError("TK312", path=notebook_path,
                           suggestion=notebook_path.with_suffix(".html").name)
    nb = _read_notebook(notebook_path)
    with _progress(4, "share") as bar:
        if execute or (execute is None and not _has_outputs(nb)):
            bar.set_postfix_str("executing")
            nb = execute_notebook(nb, notebook_path.parent.resolve())
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


def freeze(notebook_path, out=None, *, execute: bool | None = None) -> Path:
    """Save the notebook with static outputs so it renders without a kernel.

    A notebook with no outputs is executed first (or always, with
    ``execute=True``), so there is something to show.

    Widget outputs keep only their ``text/html`` rendering (no more "Error
    displaying widget: model not found" on GitHub, nbviewer or a fresh
    JupyterLab), plotly figures gain an HTML rendering, and the saved widget
    state is dropped. Writes to ``out`` (default: the notebook itself) and
    returns the path.
    """
    import nbformat

    notebook_path = Path(notebook_path)
    out = Path(out) if out is not None else notebook_path
    nb = _read_notebook(notebook_path)
    with _progress(2, "freeze") as bar:
        if execute or (execute is None and not _has_outputs(nb)):
            nb = execute_notebook(nb, notebook_path.parent.resolve())
        frozen = static_outputs(nb, embed_plotlyjs="first")
        bar.update(1)
        _write(out, nbformat.writes(frozen) + "\n")
        bar.update(1)
    return out
