"""The view survives what analysts do to a notebook (issue 13, item 6): saved and
reopened (the page reloaded, the kernel still there or gone) and the kernel
restarted, a notebook shows the view or its static fallback, never JupyterLab's
"Error displaying widget: model not found". Runs in a real JupyterLab in
Debian's chromium, with the project's widget setting (saveState).

Saving is one Ctrl+S, then the test only reads the file (time.sleep, no playwright
call): the page must save on its own, as it does for an analyst. (It once hung
here at "Saving started": the browser context routed every request through the
test's Python side, which under playwright's sync API only answers during a
playwright call; tests/browser_support.py now routes only foreign URLs.)"""

from __future__ import annotations

import json
import shutil
import time
import urllib.request
from pathlib import Path

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.model]

PRISTINE = Path(__file__).resolve().parent / "data" / "view_seed.ipynb"
VIEW = ".jp-OutputArea-output .tk-view[data-ready]"
SHOWN = f"{VIEW} span.tk-hl, .jp-OutputArea-output .toolkit-article span"


def _saved_with_state(path, timeout=30.0) -> dict:
    """The notebook file once JupyterLab has saved it with the widgets' state.
    Polls with time.sleep on purpose: no playwright call helps the page along."""
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


def _run_a_copy(page, server, open_notebook, run_all_cells, name: str) -> None:
    """A fresh copy of the view notebook, opened and run until the view is drawn.
    Copied from the work tree, never from the server's root: an earlier test may
    have saved the server's view_seed.ipynb with its widgets' state, and a copy of
    that would look saved before this test saved anything."""
    shutil.copy(PRISTINE, server.root / name)
    nb = json.loads((server.root / name).read_text(encoding="utf-8"))
    assert "widgets" not in nb["metadata"]
    open_notebook(page, name)
    run_all_cells(page)
    page.locator(f"{VIEW} span.tk-hl").first.wait_for(timeout=60_000)


def test_saved_notebook_shows_the_view_after_reload_restart_and_reopen(
        page, jupyter_server, open_notebook, run_all_cells, blocked_requests):
    name = "view_reload.ipynb"
    _run_a_copy(page, jupyter_server, open_notebook, run_all_cells, name)
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


def test_ctrl_s_with_focus_inside_the_view_saves_the_notebook(
        page, jupyter_server, open_notebook, run_all_cells, blocked_requests):
    name = "view_save_focus.ipynb"
    _run_a_copy(page, jupyter_server, open_notebook, run_all_cells, name)
    path = jupyter_server.root / name
    view = page.locator(VIEW).first
    view.focus()
    page.keyboard.press("ArrowRight")          # the view's own key: focus the first highlight
    view.locator("span.tk-hl.tk-focus").first.wait_for()
    inside = "() => !!document.activeElement.closest('.tk-view')"
    assert page.evaluate(inside)

    page.keyboard.press("Control+s")           # once, focus inside the view
    nb = _saved_with_state(path)
    saved = [o for c in nb["cells"] for o in c.get("outputs", [])]
    assert any("toolkit-article" in json.dumps(o.get("data", {}).get("text/html", ""))
               for o in saved)   # nbformat may store it as a list of lines
    assert any("application/vnd.jupyter.widget-view+json" in o.get("data", {}) for o in saved)

    # JupyterLab knows it saved (no unsaved-changes mark) and the keys stay with the view
    page.wait_for_selector(".jp-NotebookPanel:not(.lm-mod-hidden)", state="attached")
    assert page.locator(".lm-TabBar-tab.jp-mod-current.jp-mod-dirty").count() == 0
    assert page.evaluate(inside)
    first = view.locator("span.tk-hl.tk-focus").first.get_attribute("data-id")
    page.keyboard.press("ArrowRight")
    page.wait_for_function(
        "(id) => { const f = document.querySelector('.tk-view span.tk-hl.tk-focus');"
        " return f && f.dataset.id !== id; }", arg=first)
    _no_error(page)
    assert blocked_requests == []


def test_the_context_blocks_foreign_urls_and_never_holds_local_ones(
        page, jupyter_server, blocked_requests):
    """What the two tests above rely on (tests/browser_support.py, ``context``)."""
    server = jupyter_server
    page.goto(server.lab_url(), wait_until="domcontentloaded")   # a page that may fetch
    # a local write the page starts and the test only waits for on disk (time.sleep)
    page.evaluate("""([token, body]) => { fetch('/api/contents/routing_probe.txt', {
        method: 'PUT', headers: {'Authorization': 'token ' + token},
        body: JSON.stringify({type: 'file', format: 'text', content: body}) }); }""",
                  [server.token, "written by the page"])
    probe = server.root / "routing_probe.txt"
    deadline = time.monotonic() + 30
    written = None
    while written != "written by the page" and time.monotonic() < deadline:
        time.sleep(0.2)
        written = probe.read_text(encoding="utf-8") if probe.exists() else None
    assert written == "written by the page"
    # foreign requests and sockets are stopped and recorded
    failed = page.evaluate("""async () => {
        const out = [];
        for (const url of ['https://example.com/x.js', 'http://127.0.0.1.example.com/y']) {
            try { await fetch(url, {mode: 'no-cors'}); out.push('loaded ' + url); }
            catch (e) { out.push('blocked'); }
        }
        await new Promise((done) => { const ws = new WebSocket('wss://example.com/socket');
            ws.onclose = ws.onerror = () => done(); setTimeout(done, 10000); });
        return out; }""")
    assert failed == ["blocked", "blocked"]
    assert "https://example.com/x.js" in blocked_requests
    assert "http://127.0.0.1.example.com/y" in blocked_requests
    assert any(url.startswith("wss://example.com/socket") for url in blocked_requests)
