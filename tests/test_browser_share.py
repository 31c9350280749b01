"""The report and the shared notebook, opened in a real chromium with every
non-local request blocked: nothing leaves, the highlights and notes are there,
the plots are drawn."""

from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path

import nbformat
import pytest


import toolkit
from toolkit import share

ROOT = Path(__file__).resolve().parent.parent
NOTE = "Ask the ministry for its own estimate"
#: A highlighted span in the static rendering of the view (toolkit.render_html):
#: each carries what was found as its hover title.
HIGHLIGHT = ".toolkit-article p span[style]"

pytestmark = [pytest.mark.browser, pytest.mark.model]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep the test output clean
        pass


@pytest.fixture
def serve(tmp_path):
    """Serve ``tmp_path`` on 127.0.0.1; returns the base URL."""
    handler = functools.partial(_Quiet, directory=str(tmp_path))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def _note_store(analysis, tmp_path):
    from toolkit.annotations import AnnotationStore

    text = analysis.text
    start = text.index("less than 200 square kilometers")
    store = AnnotationStore(tmp_path / "seed.annotations.json", text=text)
    rec = store.add(start, start + len("less than 200 square kilometers"), "area",
                    note=NOTE, layer="figures")
    store.update(rec["id"], status="needs source")
    return store


def _wait_for_plots(page, n: int):
    page.wait_for_function(
        "n => document.querySelectorAll('.js-plotly-plot .main-svg').length >= n", arg=n,
        timeout=60_000)


def test_report_works_offline(seed_analysis, tmp_path, serve, page, blocked_requests):
    store = _note_store(seed_analysis, tmp_path)
    share.write_report(seed_analysis, tmp_path / "report.html", store=store)
    page.goto(f"{serve}/report.html", wait_until="load")
    # charts with nothing to draw are one line of text, not an empty chart
    n_charts = sum(f is not None for f in share.report_charts(seed_analysis).values())
    _wait_for_plots(page, n_charts)
    drawn = page.evaluate("document.querySelectorAll('.js-plotly-plot').length")
    assert drawn == n_charts
    # the territory chart drew its bars, and its km²/mi² buttons are there
    chart = page.locator('.tk-chart[data-chart="Territory over time"]')
    assert chart.locator(".main-svg .bars path").count() >= 2
    assert chart.locator(".updatemenu-button").count() == 2
    article = page.locator("#article")
    assert article.locator(HIGHLIGHT).count() > 10
    assert article.locator(HIGHLIGHT, has_text="Zelenskiy").count() >= 1
    assert article.locator(HIGHLIGHT, has_text="less than 200 square kilometers").count() >= 1
    assert NOTE in page.content()
    assert blocked_requests == []
    assert page.toolkit_errors == []


def test_shared_notebook_works_offline(tmp_path, serve, page, blocked_requests):
    source = ROOT / "notebooks" / "04_annotate_review_share.ipynb"
    nb = nbformat.read(source, as_version=4)
    ran = share.execute_notebook(nb, source.parent, parameters={
        "STORE": str(tmp_path / "seed.annotations.json"),
        "OUTPUT_DIR": str(tmp_path / "shared")})
    executed = tmp_path / "executed.ipynb"
    nbformat.write(ran, executed)
    share.share_notebook(executed, tmp_path / "notebook.html")
    page.goto(f"{serve}/notebook.html", wait_until="load")
    _wait_for_plots(page, 1)
    assert page.locator(f".jp-OutputArea {HIGHLIGHT}").count() > 10  # the view, static
    assert "No source named in the article." in page.content()  # the notes added in code
    text = page.inner_text("body")
    assert "Error displaying widget" not in text
    assert blocked_requests == []
    assert page.toolkit_errors == []


def test_frozen_notebook_renders_in_jupyterlab_without_running(tmp_path, jupyter_server,
                                                               open_notebook, page,
                                                               blocked_requests):
    source = ROOT / "notebooks" / "01_read_and_highlight.ipynb"
    nb = nbformat.read(source, as_version=4)
    ran = share.execute_notebook(nb, source.parent)
    executed = tmp_path / "executed.ipynb"
    nbformat.write(ran, executed)
    # saved with live widgets, a fresh JupyterLab could only say "model not found"
    share.freeze(executed, jupyter_server.root / "frozen_01.ipynb")
    open_notebook(page, "frozen_01.ipynb")
    page.wait_for_selector(f".jp-OutputArea {HIGHLIGHT}", timeout=60_000)
    assert page.locator(f".jp-OutputArea {HIGHLIGHT}").count() > 10
    # The static view keeps its look in an untrusted notebook: its scoped CSS survives
    # JupyterLab's sanitizer (an entity is underlined, not plain text).
    widths = page.eval_on_selector_all(
        f".jp-OutputArea {HIGHLIGHT}",
        "els => els.map(el => getComputedStyle(el).borderBottomWidth)")
    assert "2px" in widths
    _wait_for_plots(page, 1)
    text = page.locator(".jp-NotebookPanel").inner_text()
    assert "Error displaying widget" not in text and "model not found" not in text
    assert blocked_requests == []
