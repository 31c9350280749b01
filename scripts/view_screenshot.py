"""Make the README's picture of the ArticleView: the seed article in JupyterLab.

    python scripts/view_screenshot.py        # writes docs/img/view.png

A JupyterLab server (tests/browser_support.JupyterServer) serves a copy of the
seed and a notebook that shows ``toolkit.ArticleView`` of it; headless chromium
(the browser tests' one, every request to another host blocked) runs the
notebook, opens a quote's detail panel and takes the picture.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
from pathlib import Path

from offline_browser import ROOT, SEED, finish, offline_page  # puts tests/ on the path

from browser_support import JupyterServer, _open_notebook, _run_all_cells  # noqa: E402

VIEW = ".jp-OutputArea-output .tk-view[data-ready]"
CODE = """import warnings
import toolkit
warnings.simplefilter("ignore", toolkit.ToolkitWarning)
analysis = toolkit.analyze("article.txt", published="2025-03-13")
from toolkit.annotations import AnnotationStore
toolkit.ArticleView(analysis, store=AnnotationStore.from_records([], analysis.text))"""


def main(argv=None) -> int:
    import nbformat

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--article", default=str(SEED))
    parser.add_argument("--out", default=str(ROOT / "docs" / "img" / "view.png"))
    args = parser.parse_args(argv)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="tk-shot-") as tmp:
        root, state = Path(tmp) / "root", Path(tmp) / "state"
        root.mkdir()
        state.mkdir()
        shutil.copy(args.article, root / "article.txt")
        meta = Path(args.article).with_suffix(".meta.json")
        if meta.exists():   # title, outlet, date
            shutil.copy(meta, root / "article.meta.json")
        nb = nbformat.v4.new_notebook()
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                     "language": "python"}
        nb.cells = [nbformat.v4.new_code_cell(CODE)]
        nbformat.write(nb, root / "view.ipynb")
        server = JupyterServer(root, state).start()
        try:
            with offline_page({"width": 1400, "height": 1000}) as (page, blocked):
                _open_notebook(page, server, "view.ipynb", timeout=120_000)
                page.locator(".jp-SideBar .lm-TabBar-tab.lm-mod-current").first.click()  # fold the file browser
                _run_all_cells(page, timeout=300_000)
                view = page.locator(VIEW).first
                view.locator("span.tk-hl").first.wait_for(timeout=120_000)
                view.locator("small.tk-tag-quotes").first.click()
                view.locator(".tk-panel.tk-open dl.tk-facts").wait_for()
                page.wait_for_timeout(500)
                view.evaluate("""el => { el.scrollIntoView({block: 'start'});
                    let box = el.parentElement;   // the notebook's scrolling box
                    while (box && box.scrollHeight <= box.clientHeight) box = box.parentElement;
                    if (box) box.scrollTop -= 12; }""")
                page.wait_for_timeout(300)
                box = view.bounding_box()
                bottom = page.locator(".jp-NotebookPanel .jp-WindowedPanel-outer, "
                                      ".jp-NotebookPanel .jp-Notebook").first.bounding_box()
                top = max(0, box["y"] - 4)
                page.screenshot(path=str(out), clip={
                    "x": box["x"] - 4, "y": top, "width": box["width"] + 8,
                    "height": min(box["y"] + box["height"] + 4,
                                  bottom["y"] + bottom["height"]) - top})
        finally:
            server.stop()
    return finish(blocked, str(out))


if __name__ == "__main__":
    raise SystemExit(main())
