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
import tempfile
import threading
from pathlib import Path

from offline_browser import ROOT, SEED, finish, offline_page

ARTICLE_HEIGHT = 820  # px of the highlighted article shown in the README
VIEWPORT = {"width": 1200, "height": 900}


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--article", default=str(SEED))
    parser.add_argument("--published", default="2025-03-13")
    parser.add_argument("--out", default=str(ROOT / "docs" / "img"))
    args = parser.parse_args(argv)

    import toolkit

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        toolkit.write_report(args.article, Path(tmp) / "report.html", published=args.published)
        handler = functools.partial(_Quiet, directory=tmp)
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            with offline_page(VIEWPORT, device_scale_factor=1) as (page, blocked):
                page.goto(f"http://127.0.0.1:{server.server_address[1]}/report.html")
                page.wait_for_selector(".js-plotly-plot .main-svg", timeout=60_000)
                box = page.locator("#article").bounding_box()
                page.screenshot(path=str(out / "article.png"), full_page=True, clip={
                    "x": box["x"] - 16, "y": box["y"] - 8, "width": box["width"] + 32,
                    "height": min(box["height"], ARTICLE_HEIGHT) + 16})
                chart = page.locator('.tk-chart[data-chart="Territory over time"]')
                chart.scroll_into_view_if_needed()
                chart.screenshot(path=str(out / "chart.png"))
        finally:
            server.shutdown()
            server.server_close()
    return finish(blocked, f"{out / 'article.png'} and {out / 'chart.png'}")


if __name__ == "__main__":
    raise SystemExit(main())
