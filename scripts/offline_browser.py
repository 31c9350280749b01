"""The browser start-up both screenshot scripts share.

:func:`offline_page` opens a page in the headless chromium the browser tests
use (``tests/browser_support.py``), with every request to a host other than
this machine aborted and recorded, so a picture shows what an offline reader
sees. :func:`finish` turns the recorded requests into the script's exit code.
"""

from __future__ import annotations

import sys
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT / "tests") not in sys.path:
    sys.path.insert(0, str(ROOT / "tests"))

from browser_support import CHROMIUM, CHROMIUM_ARGS, is_local_url  # noqa: E402

#: The seed article the README's pictures are made of.
SEED = ROOT / "seeds" / "000_167db89937512398.txt"


@contextmanager
def offline_page(viewport: dict, **page_options):
    """Yield ``(page, blocked)``: a chromium page whose requests to other hosts
    are aborted, and the list of the URLs that were."""
    from playwright.sync_api import sync_playwright

    blocked: list[str] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True,
                                     args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport=viewport, **page_options)

            def guard(route):
                if is_local_url(route.request.url):
                    route.continue_()
                else:
                    blocked.append(route.request.url)
                    route.abort()

            page.route("**/*", guard)
            yield page, blocked
        finally:
            browser.close()


def finish(blocked: list[str], wrote: str) -> int:
    """The exit code: 1 (and the URLs on stderr) if anything tried to leave the machine."""
    if blocked:
        print("blocked requests:", *blocked, sep="\n  ", file=sys.stderr)
        return 1
    print(f"wrote {wrote}")
    return 0
