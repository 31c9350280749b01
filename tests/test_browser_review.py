"""ReviewView in a real JupyterLab (chromium, nothing non-local): a reviewer
settles two analysts' differences by keyboard and by click; the settled
version is saved beside the article, the analysts' files unchanged."""

from __future__ import annotations

import json
import time
from pathlib import Path

import nbformat
import pytest

pytestmark = [pytest.mark.browser]

REVIEW = ".jp-OutputArea-output .tk-review[data-ready]"

CODE = r'''
import types
from pathlib import Path
import toolkit
from toolkit.annotations import AnnotationStore

text = ("Nadia Brook met the harbour board in Eastport. Omar Vell said the quay "
        "would close. The board agreed with Brook on Friday.")
path = Path("team_case/harbour.txt").resolve()
path.parent.mkdir(exist_ok=True)
path.write_text(text, encoding="utf-8")
analysis = types.SimpleNamespace(article=types.SimpleNamespace(path=str(path)), text=text)
items = [("Nadia Brook", "PERSON"), ("Eastport", "GPE"), ("Omar Vell", "PERSON")]
for who, verdicts in (("ana", ["confirmed", "confirmed", "confirmed"]),
                      ("ben", ["rejected", "confirmed", "rejected"])):
    store = AnnotationStore.for_analysis(analysis, annotator=who)
    for (words, label), verdict in zip(items, verdicts):
        s = text.index(words)
        store.decide({"layer": "entities", "label": label, "start": s,
                      "end": s + len(words), "id": f"e{s}"}, decision=verdict)
view = toolkit.ReviewView(analysis, reviewer="rita")
view
'''


def _notebook(root: Path) -> str:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (ipykernel)",
                                 "language": "python"}
    nb.cells = [nbformat.v4.new_code_cell(CODE.strip())]
    nbformat.write(nb, root / "review_case.ipynb")
    return "review_case.ipynb"


def _wait(path: Path, check, timeout: float = 30.0):
    deadline, last = time.monotonic() + timeout, None
    while time.monotonic() < deadline:
        if path.exists():
            last = json.loads(path.read_text(encoding="utf-8"))
            if check(last):
                return last
        time.sleep(0.1)
    raise AssertionError(f"{path} never passed the check; last: {last}")


def test_keyboard_and_click_adjudication_saves_the_settled_version(
        page, jupyter_server, open_notebook, run_all_cells, blocked_requests):
    name = _notebook(jupyter_server.root)
    folder = jupyter_server.root / "team_case"
    settled = folder / "harbour.annotations.json"
    settled.unlink(missing_ok=True)
    open_notebook(page, name)
    run_all_cells(page)
    view = page.locator(REVIEW).first
    view.wait_for(timeout=60_000)
    assert view.locator("mark.tk-r-dis").count() == 2
    own = {w: (folder / f"harbour.annotations.{w}.json").read_bytes() for w in ("ana", "ben")}
    # keyboard only: accept ben's version of the first difference
    view.locator(".tk-r-text").focus()
    page.keyboard.press("2")
    data = _wait(settled, lambda d: any(a["decision"] == "rejected"
                                        for a in d["annotations"]))
    # undo, then accept ana's by keyboard; the view moves on to the next one
    page.keyboard.press("z")
    _wait(settled, lambda d: not any(a["decision"] == "rejected" for a in d["annotations"]))
    view.locator(".tk-r-text").focus()
    page.keyboard.press("1")
    view.locator(".tk-r-head", has_text="#2").wait_for()
    # by click: ben's version of the second difference
    view.locator(".tk-r-choice", has_text="ben").click()
    data = _wait(settled, lambda d: len(d["annotations"]) == 3
                 and sum(a["decision"] == "rejected" for a in d["annotations"]) == 1)
    by_text = {a["target"]["selector"][1]["exact"]: a for a in data["annotations"]}
    assert by_text["Nadia Brook"]["decision"] == "confirmed"
    assert by_text["Omar Vell"]["decision"] == "rejected"
    assert by_text["Eastport"]["decision"] == "confirmed"  # agreed: copied
    assert {a["creator"] for a in data["annotations"]} == {"rita"}
    assert all(any(s.startswith("ben:") for s in a["settles"]) for a in data["annotations"])
    assert {w: (folder / f"harbour.annotations.{w}.json").read_bytes() for w in own} == own
    view.locator("mark.tk-r-done").nth(1).wait_for()  # both shown as settled
    assert view.locator("mark.tk-r-done").count() == 2
    assert blocked_requests == []  # nothing left this machine
