"""The view survives what analysts do to a notebook (issue 13, item 6): saved and
reopened (the page reloaded, the kernel still there or gone) and the kernel
restarted, a notebook shows the view or its static fallback, never JupyterLab's
"Error displaying widget: model not found". Runs in a real JupyterLab in
Debian's chromium, with the project's widget setting (saveState)."""

from __future__ import annotations

import json
import shutil
import time
import urllib.request

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.model]

VIEW = ".jp-OutputArea-output .tk-view[data-ready]"
SHOWN = f"{VIEW} span.tk-hl, .jp-OutputArea-output .toolkit-article span"


def _saved_with_state(path, timeout=30.0) -> dict:
    """The notebook file once JupyterLab has saved it with the widgets' state."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            nb = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            nb = {}
        state = nb.get("metadata", {}).get("widgets", {}).get(
            "application/vnd.jupyter.widget-state+json", {}).get("state", {})
        if any("paras" in m.get("state", {}) for m in state.values()):
            return nb
        time.sleep(0.2)
    raise AssertionError(f"{path.name} was never saved with the view's state")


def _shut_down_kernels(server) -> None:
    with urllib.request.urlopen(f"{server.url}/api/kernels?token={server.token}") as r:
        kernels = json.loads(r.read())
    for kernel in kernels:
        req = urllib.request.Request(f"{server.url}/api/kernels/{kernel['id']}?token={server.token}",
                                     method="DELETE")
        urllib.request.urlopen(req).read()


def _no_error(page) -> None:
    text = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden)").inner_text()
    assert "Error displaying widget" not in text and "model not found" not in text


def test_saved_notebook_shows_the_view_after_reload_restart_and_reopen(
        page, jupyter_server, open_notebook, run_all_cells, blocked_requests):
    name = "view_reload.ipynb"
    shutil.copy(jupyter_server.root / "view_seed.ipynb", jupyter_server.root / name)
    open_notebook(page, name)
    run_all_cells(page)
    page.locator(f"{VIEW} span.tk-hl").first.wait_for(timeout=60_000)
    drawn = page.locator(f"{VIEW} span.tk-hl").count()
    page.locator(".jp-NotebookPanel .jp-Notebook").click()
    page.keyboard.press("Escape")
    page.keyboard.press("Control+s")
    nb = _saved_with_state(jupyter_server.root / name)
    assert any("toolkit-article" in json.dumps(c.get("outputs", [])) for c in nb["cells"])

    # 1. the page reloaded, the kernel still running: the live view again
    page.reload()
    page.locator(f"{VIEW} span.tk-hl").first.wait_for(timeout=60_000)
    _no_error(page)
    assert page.locator(f"{VIEW} span.tk-hl").count() == drawn

    # 2. the kernel restarted (Kernel > Restart Kernel...): the view or its fallback
    page.get_by_role("menuitem", name="Kernel", exact=True).click()
    page.get_by_role("menuitem", name="Restart Kernel…").first.click()
    page.locator(".jp-Dialog .jp-mod-accept").click()
    page.wait_for_selector(
        '.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook-ExecutionIndicator[data-status="idle"]',
        state="attached", timeout=60_000)
    page.wait_for_timeout(1500)
    _no_error(page)
    assert page.locator(SHOWN).count() > 10

    # 3. closed, the kernel gone, reopened: the saved state draws the view
    _shut_down_kernels(jupyter_server)
    open_notebook(page, name)
    page.locator(SHOWN).first.wait_for(timeout=60_000)
    page.wait_for_timeout(1500)
    _no_error(page)
    assert page.locator(SHOWN).count() > 10
    page.screenshot(path=str(jupyter_server.root.parent / "reopened.png"))
    assert blocked_requests == []
