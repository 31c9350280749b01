"""The guided notebooks: structure, jupytext twins, and a full run on two articles.

The runs use nbclient with the ``python3`` kernel; jupyter_client starts it with
this interpreter (the venv's), so the notebooks see the installed toolkit.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import jupytext
import nbformat
import pytest

from toolkit.share import PLOTLY_MIME, execute_notebook

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
# The corpus notebook takes a folder, not an article: tests/test_corpus.py runs it.
ARTICLE_NOTEBOOKS = [p for p in NOTEBOOKS if not p.stem.startswith("05")]
SECOND = ROOT / "tests" / "data" / "second_article.txt"
CDN = re.compile(r"cdn\.plot\.ly|cdn\.jsdelivr|unpkg\.com|cdnjs\.cloudflare|googleapis\.com",
                 re.IGNORECASE)


def _ids(paths):
    return [p.stem for p in paths]


def test_the_guided_series_is_there():
    assert [p.stem for p in NOTEBOOKS] == [
        "01_read_and_highlight", "02_who_said_what", "03_figures_and_territory",
        "04_annotate_review_share", "05_corpus", "06_team_review"]


def _code(cells):
    return [(c.cell_type, c.source.strip()) for c in cells]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=_ids(NOTEBOOKS))
def test_jupytext_twin_is_in_sync(path):
    twin = path.with_suffix(".py")
    assert twin.is_file(), f"missing jupytext twin {twin.name}: `jupytext --sync {path.name}`"
    nb = nbformat.read(path, as_version=4)
    from_py = jupytext.read(twin)
    assert _code(nb.cells) == _code(from_py.cells), (
        f"{path.name} and {twin.name} differ: run `jupytext --sync notebooks/{path.name}`")
    assert nb.metadata.get("jupytext", {}).get("formats") == "ipynb,py:percent"


@pytest.mark.parametrize("path", ARTICLE_NOTEBOOKS, ids=_ids(ARTICLE_NOTEBOOKS))
def test_parameters_cell_at_the_top(path):
    nb = nbformat.read(path, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert "parameters" in code[0].metadata.get("tags", [])
    assert 'ARTICLE = "../seeds/000_167db89937512398.txt"' in code[0].source
    assert 'PUBLISHED = "2025-03-13"' in code[0].source
    assert nb.cells[0].cell_type == "markdown"  # a title and what the notebook teaches
    prose = sum(len(c.source) for c in nb.cells if c.cell_type == "markdown")
    assert prose > 600
    # one or two library calls per cell: no cell is a wall of code
    assert max(len(c.source.splitlines()) for c in code) <= 8


def test_saved_notebooks_carry_no_outputs():
    for path in NOTEBOOKS:
        nb = nbformat.read(path, as_version=4)
        assert not any(c.get("outputs") for c in nb.cells if c.cell_type == "code"), path.name


def _parameters(path: Path, article: str, tmp_path: Path) -> dict:
    params = {"ARTICLE": article}
    if article != "../seeds/000_167db89937512398.txt":
        params["PUBLISHED"] = "2025-08-20"
    if path.stem.startswith("04"):
        params["STORE"] = str(tmp_path / "notes.annotations.json")
        params["OUTPUT_DIR"] = str(tmp_path / "shared")
    if path.stem.startswith("06"):
        params["WORK_DIR"] = str(tmp_path / "team")
    return params


ARTICLES = {"seed": "../seeds/000_167db89937512398.txt", "second": str(SECOND)}


@pytest.mark.notebook
@pytest.mark.model
@pytest.mark.parametrize("article", ARTICLES.values(), ids=ARTICLES.keys())
@pytest.mark.parametrize("path", ARTICLE_NOTEBOOKS, ids=_ids(ARTICLE_NOTEBOOKS))
def test_notebook_runs_top_to_bottom(path, article, tmp_path):
    nb = nbformat.read(path, as_version=4)
    ran = execute_notebook(nb, path.parent, parameters=_parameters(path, article, tmp_path))
    outputs = [o for c in ran.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    assert not [o for o in outputs if o.output_type == "error"]
    dumped = json.dumps(outputs)
    assert not CDN.search(dumped), CDN.search(dumped).group(0)
    plots = [o for o in outputs if PLOTLY_MIME in o.get("data", {})]
    widgets = [o for o in outputs if "application/vnd.jupyter.widget-view+json" in o.get("data", {})]
    assert plots, "every guided notebook draws charts"
    if not path.stem.startswith("03"):
        assert widgets and all("text/html" in o["data"] for o in widgets), \
            "the view must offer a static text/html fallback"
    if path.stem.startswith("04"):
        report = Path(_parameters(path, article, tmp_path)["OUTPUT_DIR"]) / "report.html"
        assert report.is_file() and "Plotly.newPlot" in report.read_text(encoding="utf-8")
        store = Path(_parameters(path, article, tmp_path)["STORE"])
        assert store.is_file()
