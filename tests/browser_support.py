"""Fixtures for tests that drive a real browser against a real JupyterLab.

Use them from a test module with::

    from browser_support import *  # noqa: F401,F403  (fixtures + hook)

or register the module once as a plugin (``pytest_plugins = ["browser_support"]``
in the top-level conftest). Either way every test that uses them must be
marked ``@pytest.mark.browser``.

What you get
------------
``jupyter_server``   session: a JupyterLab 4 server on a free localhost port with a
                     random token, its root a temporary copy of ``tests/data``,
                     ``seeds`` and ``notebooks``; an object with ``url``, ``token``,
                     ``root`` (Path), ``lab_url(path)`` and ``log()``.
``browser``          session: Debian's chromium (``/usr/bin/chromium``, or
                     ``$TOOLKIT_CHROMIUM``) launched headless through playwright.
``context``          function: a fresh browser context in which every request to a
                     host other than 127.0.0.1 / localhost / ::1 is aborted; the
                     URLs that were blocked are recorded. Local requests are never
                     held for the test's Python side (see ``FOREIGN_URL``), so the
                     page talks to JupyterLab while a test sleeps or reads files.
``blocked_requests`` function: the list of blocked URLs (assert it stays empty).
``page``             function: a page in ``context``; its console errors and page
                     errors are collected in ``page.toolkit_errors``. When the test
                     fails, a full-page screenshot (and the page's console output) is
                     kept in ``test-artifacts/``.
``open_notebook``    function: ``open_notebook(page, "view_seed.ipynb")`` opens a
                     notebook in JupyterLab and waits until its kernel is idle.
``run_all_cells``    function: ``run_all_cells(page)`` runs the notebook from the top
                     (Run > Run All Cells) through the UI and waits until every code
                     cell has run. Autosave is off, so notebooks stay as written.

A page's ``beforeunload`` prompt is accepted (so ``page.reload()`` works on a
notebook with unsaved changes); other dialogs are left to the test (listen with
``page.on("dialog", ...)`` and ignore ``dialog.type == "beforeunload"``).
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = os.environ.get("TOOLKIT_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    # Belt and braces under the request routing: no host but this one resolves.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
]
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]"}
#: What the context's routes intercept: only URLs that would leave the machine.
#: A route pattern that is a regex is matched inside playwright's driver; a
#: function (or "**/*") makes the driver hold *every* request until the test's
#: Python side answers, and under the sync API that side only runs during a
#: playwright call. A test that waits with time.sleep (polling a file the page
#: should save) then stalls the page's own requests: Ctrl+S stuck at "Saving
#: started" until the next playwright call. Local URLs must never match here.
_LOCAL_AUTHORITY = r"(?:127\.0\.0\.1|localhost|\[::1\])(?::\d+)?(?:[/?#]|$)"
FOREIGN_URL = re.compile(r"^(?!(?:data|blob|about|chrome|chrome-extension):)"
                         r"(?![a-z][a-z0-9+.-]*://" + _LOCAL_AUTHORITY + ")", re.IGNORECASE)
FOREIGN_SOCKET = re.compile(r"^wss?://(?!" + _LOCAL_AUTHORITY + ")", re.IGNORECASE)
SERVER_START_TIMEOUT = 90  # seconds; a cold JupyterLab start on a slow CI box
#: What the server's root holds (copied, so tests never touch the work tree).
ROOT_SOURCES = ("tests/data", "seeds", "notebooks")

__all__ = [
    "JupyterServer", "jupyter_server", "FOREIGN_URL", "FOREIGN_SOCKET",
    "playwright_instance", "browser", "context", "blocked_requests",
    "page", "open_notebook", "run_all_cells", "is_local_url",
    "pytest_runtest_makereport", "ARTIFACTS",
]


# -- the JupyterLab server ------------------------------------------------------

def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class JupyterServer:
    """A running JupyterLab server (see the ``jupyter_server`` fixture)."""

    def __init__(self, root: Path, state: Path):
        self.root = root
        self.state = state
        self.port = _free_port()
        self.token = secrets.token_hex(16)
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = state / "jupyter.log"
        self.proc: subprocess.Popen | None = None

    def lab_url(self, path: str = "") -> str:
        suffix = f"/tree/{path}" if path else ""
        # ?reset starts from an empty workspace, so notebooks opened by earlier
        # tests on the same server are not restored beside this one.
        return f"{self.url}/lab{suffix}?reset&token={self.token}"

    def log(self, tail: int = 4000) -> str:
        try:
            return self.log_path.read_text(encoding="utf-8", errors="replace")[-tail:]
        except OSError:
            return ""

    def _env(self) -> dict:
        env = dict(os.environ)
        venv_bin = str(Path(sys.executable).parent)
        env["PATH"] = venv_bin + os.pathsep + env.get("PATH", "")
        for name, sub in (("JUPYTER_CONFIG_DIR", "config"), ("JUPYTER_RUNTIME_DIR", "runtime"),
                          ("IPYTHONDIR", "ipython")):
            path = self.state / sub
            path.mkdir(parents=True, exist_ok=True)
            env[name] = str(path)
        env["JUPYTER_PLATFORM_DIRS"] = "1"
        env.pop("JUPYTER_DATA_DIR", None)  # the venv's kernelspec and lab extensions
        return env

    def _settings(self) -> Path:
        """User settings that keep JupyterLab quiet and offline."""
        settings = self.state / "settings"
        notify = settings / "@jupyterlab" / "apputils-extension"
        notify.mkdir(parents=True, exist_ok=True)
        (notify / "notification.jupyterlab-settings").write_text(
            '{"fetchNews": "false", "checkForUpdates": false, "doNotDisturbMode": true}',
            encoding="utf-8")
        docs = settings / "@jupyterlab" / "docmanager-extension"
        docs.mkdir(parents=True, exist_ok=True)
        # No autosave: a test sees the notebook as it wrote it, outputs and all.
        (docs / "plugin.jupyterlab-settings").write_text('{"autosave": false}', encoding="utf-8")
        # The project's setting (jupyter/overrides.json, installed by run.sh): saved
        # notebooks keep the widgets' state, so a reopened notebook shows the view.
        widgets = settings / "@jupyter-widgets" / "jupyterlab-manager"
        widgets.mkdir(parents=True, exist_ok=True)
        (widgets / "plugin.jupyterlab-settings").write_text('{"saveState": true}',
                                                            encoding="utf-8")
        return settings

    def start(self) -> "JupyterServer":
        cmd = [
            sys.executable, "-m", "jupyterlab", "--no-browser",
            f"--ServerApp.ip=127.0.0.1", f"--ServerApp.port={self.port}",
            "--ServerApp.port_retries=0",
            f"--IdentityProvider.token={self.token}",
            f"--ServerApp.root_dir={self.root}",
            "--ServerApp.allow_remote_access=False",
            "--ServerApp.open_browser=False",
            f"--LabApp.user_settings_dir={self._settings()}",
            f"--LabApp.workspaces_dir={self.state / 'workspaces'}",
            "--LabApp.news_url=None",
            "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
            "--MappingKernelManager.cull_idle_timeout=0",
            "--LabApp.extension_manager=readonly",
            "--ServerApp.allow_root=True",
        ]
        log = open(self.log_path, "wb")  # noqa: SIM115 (closed by the process ending)
        self.proc = subprocess.Popen(cmd, cwd=self.root, env=self._env(), stdout=log,
                                     stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                     start_new_session=True)
        deadline = time.monotonic() + SERVER_START_TIMEOUT
        status = f"{self.url}/api/status?token={self.token}"
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"JupyterLab exited with {self.proc.returncode}:\n{self.log()}")
            try:
                with urllib.request.urlopen(status, timeout=2) as response:
                    if response.status == 200:
                        return self
            except (urllib.error.URLError, ConnectionError, OSError):
                pass
            time.sleep(0.25)
        self.stop()
        raise RuntimeError(f"JupyterLab did not answer within {SERVER_START_TIMEOUT}s:\n{self.log()}")

    def stop(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        try:
            os.killpg(self.proc.pid, signal.SIGTERM)
        except ProcessLookupError:
            return
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=5)


@pytest.fixture(scope="session")
def jupyter_server(tmp_path_factory):
    """A JupyterLab server whose root is a temporary copy of the test notebooks."""
    base = tmp_path_factory.mktemp("jupyter")
    root = base / "root"
    root.mkdir()
    for rel in ROOT_SOURCES:
        src = ROOT / rel
        if src.is_dir():
            shutil.copytree(src, root / Path(rel).name, dirs_exist_ok=True)
    # Notebooks from tests/data sit at the top of the root, so "view_seed.ipynb" works.
    for nb in (ROOT / "tests" / "data").glob("*.ipynb"):
        shutil.copy2(nb, root / nb.name)
    state = base / "state"
    state.mkdir()
    server = JupyterServer(root, state).start()
    yield server
    server.stop()


# -- the browser ----------------------------------------------------------------

def is_local_url(url: str) -> bool:
    """True for URLs that stay on this machine (and for data:/blob:/about: URLs)."""
    parts = urlsplit(url)
    if parts.scheme in {"data", "blob", "about", "chrome", "chrome-extension"}:
        return True
    return (parts.hostname or "") in LOCAL_HOSTS


@pytest.fixture(scope="session")
def playwright_instance():
    sync_api = pytest.importorskip("playwright.sync_api")
    manager = sync_api.sync_playwright().start()
    yield manager
    manager.stop()


@pytest.fixture(scope="session")
def browser(playwright_instance):
    if not Path(CHROMIUM).exists():
        pytest.fail(f"chromium not found at {CHROMIUM}: `apt-get install chromium` "
                    "or set TOOLKIT_CHROMIUM")
    browser = playwright_instance.chromium.launch(executable_path=CHROMIUM, headless=True,
                                          args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@pytest.fixture
def blocked_requests() -> list[str]:
    return []


@pytest.fixture
def context(browser, blocked_requests):
    ctx = browser.new_context(viewport={"width": 1400, "height": 950})

    def guard(route):
        url = route.request.url
        if is_local_url(url):
            route.continue_()
        else:
            blocked_requests.append(url)
            route.abort()

    # Only foreign URLs are routed (FOREIGN_URL says why); guard checks again.
    ctx.route(FOREIGN_URL, guard)
    if hasattr(ctx, "route_web_socket"):
        # Only foreign sockets are routed: the kernel's own socket goes straight
        # to the server (routing it through playwright breaks Jupyter's websocket
        # subprotocol, and would hold it for the test's Python side).
        def block_ws(ws):
            if is_local_url(re.sub(r"^ws", "http", ws.url)):
                ws.connect_to_server()
                return
            blocked_requests.append(ws.url)
            ws.close()

        ctx.route_web_socket(FOREIGN_SOCKET, block_ws)
    yield ctx
    ctx.close()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the test item, so fixtures know a test failed."""
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)


def _failed(request, failed_before: int) -> bool:
    report = getattr(request.node, "rep_call", None)
    if report is not None:
        return report.failed
    # The hook is not registered (module imported without it): fall back on the count.
    return request.session.testsfailed > failed_before


@pytest.fixture
def page(context, request):
    page = context.new_page()
    page.set_default_timeout(30_000)
    errors: list[str] = []
    console: list[str] = []
    page.on("console", lambda msg: (console.append(f"{msg.type}: {msg.text}"),
                                    msg.type == "error" and errors.append(msg.text)))
    page.on("pageerror", lambda exc: errors.append(f"pageerror: {exc}"))
    # Leaving a notebook with unsaved changes asks "leave the page?": say yes.
    page.on("dialog", lambda d: d.accept() if d.type == "beforeunload" else None)
    page.toolkit_errors = errors
    page.toolkit_console = console
    failed_before = request.session.testsfailed
    yield page
    if _failed(request, failed_before):
        ARTIFACTS.mkdir(exist_ok=True)
        name = re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.nodeid)[-150:]
        try:
            page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
        except Exception as exc:  # noqa: BLE001 (a dead page must not hide the failure)
            console.append(f"screenshot failed: {exc}")
        (ARTIFACTS / f"{name}.console.txt").write_text("\n".join(console), encoding="utf-8")
    page.close()


# -- driving JupyterLab ---------------------------------------------------------

def _ensure_session(server: JupyterServer, path: str) -> None:
    """Start the notebook's kernel through the REST API before the page opens it:
    JupyterLab then joins that session instead of racing to start two kernels."""
    import json

    kernel = "python3"
    try:
        meta = json.loads((server.root / path).read_text(encoding="utf-8"))["metadata"]
        kernel = meta.get("kernelspec", {}).get("name") or kernel
    except (OSError, ValueError, KeyError):
        pass
    body = json.dumps({"path": path, "name": Path(path).name, "type": "notebook",
                       "kernel": {"name": kernel}}).encode("utf-8")
    request = urllib.request.Request(f"{server.url}/api/sessions?token={server.token}",
                                     data=body, method="POST",
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=60) as response:
        response.read()


def _open_notebook(page, server: JupyterServer, path: str, timeout: float = 60_000):
    _ensure_session(server, path)
    frames: list[int] = []

    def watch(ws):
        if "/api/kernels/" in ws.url and "/channels" in ws.url:
            ws.on("framereceived", lambda _payload: frames.append(1))

    page.on("websocket", watch)
    try:
        page.goto(server.lab_url(path), wait_until="domcontentloaded")
        page.wait_for_selector(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook",
                               timeout=timeout)
        page.wait_for_selector(
            '.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook-ExecutionIndicator[data-status="idle"]',
            state="attached", timeout=timeout)
        # "Idle" can show before the notebook has joined its kernel; running cells
        # then asks for a kernel. Wait until the kernel has talked on its socket.
        deadline = time.monotonic() + timeout / 1000
        while not frames and time.monotonic() < deadline:
            page.wait_for_timeout(100)
        if not frames:
            raise TimeoutError(f"the kernel of {path} never answered on its websocket")
        page.wait_for_selector(
            '.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook-ExecutionIndicator[data-status="idle"]',
            state="attached", timeout=timeout)
    finally:
        page.remove_listener("websocket", watch)
    return page


@pytest.fixture
def open_notebook(jupyter_server):
    def _open(page, path: str, timeout: float = 60_000):
        return _open_notebook(page, jupyter_server, path, timeout)

    return _open


_PROMPTS = """() => [...document.querySelectorAll(
    '.jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell .jp-InputPrompt')].map(p => p.textContent.trim())"""


def _accept_kernel_dialog(page) -> None:
    """JupyterLab sometimes replaces the kernel it just started and then asks
    which kernel to use: take the notebook's own (the dialog's default)."""
    dialog = page.locator(".jp-Dialog", has_text="Select Kernel")
    if dialog.count():
        dialog.locator(".jp-mod-accept").click()
        dialog.wait_for(state="detached")


def _run_all_cells(page, timeout: float = 120_000):
    """Run > Run All Cells, retried when the menu click does not take (Lumino
    menus can swallow a click that lands while they open); then wait until
    every code cell has run."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    before = page.evaluate(_PROMPTS)
    for attempt in range(3):
        page.keyboard.press("Escape")
        page.get_by_role("menuitem", name="Run", exact=True).click()
        item = page.get_by_role("menuitem", name=re.compile(r"^Run All Cells")).first
        item.wait_for(state="visible")
        item.hover()
        item.click()
        try:
            page.wait_for_function(
                f"""(before) => document.querySelector('.jp-Dialog') !== null
                    || JSON.stringify(({_PROMPTS})()) !== JSON.stringify(before)""",
                arg=before, timeout=15_000)
        except PlaywrightTimeout:
            if attempt == 2:
                raise
            continue
        _accept_kernel_dialog(page)
        break
    page.wait_for_function(
        f"""() => {{
            const p = ({_PROMPTS})();
            return p.length > 0 && p.every(t => /^\\[\\d+\\]/.test(t));
        }}""",
        timeout=timeout)
    return page


@pytest.fixture
def run_all_cells():
    return _run_all_cells
