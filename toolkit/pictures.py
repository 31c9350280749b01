"""Pictures of what toolkit shares: charts as SVG and reports as PDF, drawn
offline by the local chromium (kaleido for plotly figures, playwright for
pages). Used by :mod:`toolkit.share`; nothing here downloads anything.
"""

from __future__ import annotations

from pathlib import Path

from toolkit.errors import ToolkitError


def b64(text: str | bytes) -> str:
    import base64

    raw = text.encode("utf-8") if isinstance(text, str) else text
    return base64.b64encode(raw).decode("ascii")

def chart_images(figures: dict) -> dict:
    """SVG text of each plotly figure in ``figures`` (name -> figure), drawn
    offline by kaleido in the local chromium; {} with warning TKW330 when no
    browser can draw them (the outputs then keep only the live charts)."""
    import os
    import shutil

    from toolkit.errors import warn

    wanted = {n: f for n, f in figures.items() if f is not None}
    if not wanted:
        return {}
    browser = os.environ.get("BROWSER_PATH") or shutil.which("chromium") or \
        shutil.which("chromium-browser") or shutil.which("google-chrome")
    if browser:
        os.environ.setdefault("BROWSER_PATH", browser)
    try:
        import kaleido

        kaleido.start_sync_server(silence_warnings=True)
        try:
            out = {}
            for name, fig in wanted.items():
                svg = kaleido.calc_fig_sync(fig, opts={"format": "svg"})
                out[name] = svg.decode("utf-8") if isinstance(svg, bytes) else svg
            return out
        finally:
            kaleido.stop_sync_server(silence_warnings=True)
    except Exception as exc:  # noqa: BLE001 (kaleido/choreographer raise many kinds)
        warn("TKW330", why=str(exc).splitlines()[0] if str(exc) else type(exc).__name__)
        return {}

def print_pdf(html_path, pdf_path, *, paper: str = "A4") -> Path:
    """Print an HTML file (a report) to PDF through the local chromium, with
    its print style sheet, on ``paper`` ("A4" or "Letter"). Offline."""
    import shutil

    html_path, pdf_path = Path(html_path).resolve(), Path(pdf_path)
    browser = shutil.which("chromium") or shutil.which("chromium-browser") or \
        shutil.which("google-chrome")
    if paper not in ("A4", "Letter"):
        raise ToolkitError("TK331", paper=paper)
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:
        raise ToolkitError("TK330", why="playwright is not installed") from exc
    if browser is None:
        raise ToolkitError("TK330", why="no chromium found on PATH")
    def _print() -> None:
        with sync_playwright() as p:
            chrome = p.chromium.launch(executable_path=browser, args=[
                "--no-sandbox", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run"])
            try:
                page = chrome.new_page()
                page.goto(html_path.as_uri(), wait_until="load")
                page.emulate_media(media="print")
                page.pdf(path=str(pdf_path), format=paper, print_background=True,
                         margin={"top": "14mm", "bottom": "14mm", "left": "12mm",
                                 "right": "12mm"})
            finally:
                chrome.close()

    try:
        pdf_path.parent.mkdir(parents=True, exist_ok=True)
        # playwright's sync API refuses to run where an asyncio loop runs (a Jupyter
        # kernel, an async caller): a thread of its own has none.
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(max_workers=1) as pool:
            pool.submit(_print).result()
    except OSError as exc:
        raise ToolkitError("TK313", path=pdf_path, why=exc.strerror or exc) from exc
    except Exception as exc:  # noqa: BLE001 (playwright's errors)
        raise ToolkitError("TK330", why=str(exc).splitlines()[0]) from exc
    return pdf_path
