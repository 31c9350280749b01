"""Make the README screenshots from the seed article's report.

    python scripts/screenshots.py            # writes docs/img/article.png, docs/img/chart.png

The report is written by toolkit itself, served on 127.0.0.1 and opened in the
same headless chromium the browser tests use (tests/browser_support.py), with
every request to another host blocked: the screenshots show what an offline
reader sees.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from browser_support import CHROMIUM, CHROMIUM_ARGS, is_local_url  # noqa: E402

SEED = ROOT / "seeds" / "000_167db89937512398.txt"
ARTICLE_HEIGHT = 820  # px of the highlighted article shown in the README


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--article", default=str(SEED))
    parser.add_argument("--published", default="2025-03-13")
    parser.add_argument("--out", default=str(ROOT / "docs" / "img"))
    args = parser.parse_args(argv)

    from playwright.sync_api import sync_playwright

    import toolkit

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        toolkit.write_report(args.article, Path(tmp) / "report.html", published=args.published)
        handler = functools.partial(_Quiet, directory=tmp)
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        blocked: list[str] = []
        try:
            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True,
                                             args=CHROMIUM_ARGS)
                page = browser.new_page(viewport={"width": 1200, "height": 900},
                                        device_scale_factor=1)

                def guard(route):
                    if is_local_url(route.request.url):
                        route.continue_()
                    else:
                        blocked.append(route.request.url)
                        route.abort()

                page.route("**/*", guard)
                page.goto(f"http://127.0.0.1:{server.server_address[1]}/report.html")
                page.wait_for_selector(".js-plotly-plot .main-svg", timeout=60_000)
                box = page.locator("#article").bounding_box()
                page.screenshot(path=str(out / "article.png"), full_page=True, clip={
                    "x": box["x"] - 16, "y": box["y"] - 8, "width": box["width"] + 32,
                    "height": min(box["height"], ARTICLE_HEIGHT) + 16})
                chart = page.locator('.tk-chart[data-chart="Territory over time"]')
                chart.scroll_into_view_if_needed()
                chart.screenshot(path=str(out / "chart.png"))
                browser.close()
        finally:
            server.shutdown()
            server.server_close()
    if blocked:
        print("blocked requests:", *blocked, sep="\n  ", file=sys.stderr)
        return 1
    print(f"wrote {out / 'article.png'} and {out / 'chart.png'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
