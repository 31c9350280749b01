"""A workspace for an article that is not the seed, in a real JupyterLab.

`python -m toolkit open` (the real command, run from the project folder) makes a
workspace under the git-ignored workspaces/ folder; JupyterLab is served on it,
every guided notebook runs there through the UI, the analyst picks nothing
(the picker shows the article), writes a note on a highlight and saves the
notebook. Afterwards the project's `git status --porcelain` is what it was
before: nothing the analyst did touched a tracked file.
"""

from __future__ import annotations

import json
import secrets
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

# browser fixtures come from the browser_support plugin (tests/conftest.py)
from browser_support import JupyterServer

pytestmark = [pytest.mark.browser, pytest.mark.model, pytest.mark.notebook]

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = ROOT / "tests" / "data" / "second_article.txt"
VIEW = ".jp-OutputArea-output .tk-view[data-ready]"
NOTEBOOKS = ["01_read_and_highlight.ipynb", "02_who_said_what.ipynb",
             "03_figures_and_territory.ipynb", "04_annotate_review_share.ipynb"]


def _git_status() -> str | None:
    if not (ROOT / ".git").exists():
        return None
    return subprocess.run(["git", "status", "--porcelain", "--untracked-files=all"],
                          cwd=ROOT, capture_output=True, text=True, check=True).stdout


@pytest.fixture(scope="module")
def workspace():
    """A workspace made by the real command, in the project's workspaces/ folder."""
    status_before = _git_status()
    tracked_before = {p: p.read_bytes() for p in (ROOT / "notebooks").iterdir() if p.is_file()}
    rel = f"workspaces/_browser_test_{secrets.token_hex(4)}"
    folder = ROOT / rel
    done = subprocess.run([sys.executable, "-m", "toolkit", "open", str(ARTICLE), "-o", rel,
                           "--no-lab"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "workspace created" in done.stdout and "jupyter lab" in done.stdout
    yield {"folder": folder, "status_before": status_before, "tracked_before": tracked_before}
    shutil.rmtree(folder, ignore_errors=True)
    parent = folder.parent
    if parent.is_dir() and not any(parent.iterdir()):
        parent.rmdir()


@pytest.fixture(scope="module")
def jupyter_server(workspace, tmp_path_factory):
    """JupyterLab served on the workspace itself (overrides the shared server)."""
    state = tmp_path_factory.mktemp("workspace-lab")
    server = JupyterServer(workspace["folder"], state).start()
    yield server
    server.stop()


def _errors_in_outputs(page) -> list[str]:
    texts = page.evaluate("""() => [...document.querySelectorAll(
        '.jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea-output')].map(o => o.innerText)""")
    return [t[:300] for t in texts if "Traceback (most recent call last)" in t
            or "Error:" in t.split("\n")[0]]


def _wait_for_note(folder: Path, note: str, timeout: float = 30.0) -> Path:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for path in folder.glob("*.annotations*.json"):
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                continue
            if any(a.get("note") == note for a in data.get("annotations", [])):
                return path
        time.sleep(0.2)
    raise AssertionError(f"no annotation store in {folder} holds the note {note!r}")


def test_a_workspace_runs_every_notebook_and_leaves_the_project_clean(
        page, workspace, jupyter_server, open_notebook, run_all_cells, blocked_requests):
    folder = workspace["folder"]
    assert sorted(p.name for p in folder.glob("*.ipynb")) == NOTEBOOKS
    assert (folder / ARTICLE.name).is_file() and (folder / "second_article.meta.json").is_file()

    # 1: the picker shows this workspace's article; the view is the second article's
    open_notebook(page, NOTEBOOKS[0])
    run_all_cells(page)
    assert _errors_in_outputs(page) == []
    picker = page.locator(".jp-OutputArea-output .toolkit-article-picker").first
    picker.wait_for(timeout=60_000)
    chosen = picker.locator("select").evaluate(
        "s => s.selectedOptions.length ? s.selectedOptions[0].textContent : ''")
    assert "second_article.txt" in chosen
    assert picker.locator("input[type=date]").input_value() == "2025-08-20"
    view = page.locator(VIEW).first
    view.wait_for(timeout=60_000)
    assert "wildfire" in view.inner_text().lower()

    # annotate: a note on the first highlight, saved by the kernel in the workspace
    highlight = view.locator("span.tk-hl").first
    highlight.scroll_into_view_if_needed()
    highlight.click()
    panel = view.locator(".tk-panel.tk-open")
    panel.wait_for()
    note = f"checked against the fire service bulletin {secrets.token_hex(3)}"
    panel.locator(".tk-note").fill(note)
    panel.locator(".tk-save-note").click()
    store = _wait_for_note(folder, note)
    assert store.parent == folder

    # a plain save in JupyterLab writes the notebook, and no jupytext twin
    page.keyboard.press("Escape")
    page.keyboard.press("Control+s")
    page.wait_for_function(
        """() => !document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)')
               .closest('.lm-DockPanel').querySelector('.lm-TabBar-tab.jp-mod-dirty')""",
        timeout=30_000)
    saved = json.loads((folder / NOTEBOOKS[0]).read_text(encoding="utf-8"))
    assert any(c.get("outputs") for c in saved["cells"] if c["cell_type"] == "code")
    assert not list(folder.glob("*.py"))

    # 2-4 run top to bottom in the workspace too
    for name in NOTEBOOKS[1:]:
        open_notebook(page, name)
        run_all_cells(page)
        assert _errors_in_outputs(page) == [], name
    report = folder / "shared" / "report.html"
    assert report.is_file() and "Plotly.newPlot" in report.read_text(encoding="utf-8")
    assert blocked_requests == []

    # nothing the analyst did touched the project
    after = {p: p.read_bytes() for p in (ROOT / "notebooks").iterdir() if p.is_file()}
    assert after == workspace["tracked_before"]
    if workspace["status_before"] is not None:
        assert _git_status() == workspace["status_before"]
