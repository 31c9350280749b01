"""Workspaces (`python -m toolkit open`), the article picker, and keeping the project clean."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import nbformat
import pytest

from toolkit.__main__ import main
from toolkit.errors import ToolkitError, ToolkitWarning
from toolkit.widgets.picker import ArticlePicker, list_articles
from toolkit.workspace import MARKER, describe, open_workspace

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"

TEXT = ("Harbour council approves new ferry timetable\n\n"
        "The harbour council voted on Monday to add two evening ferries. "
        '"We listened to the night-shift workers," said council chair Mara Lindqvist. '
        "The crossing takes 25 minutes and costs 4 euros.\n")


def _article(folder: Path, name="ferry_story", meta=True, text=TEXT) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.txt"
    path.write_text(text, encoding="utf-8")
    if meta:
        (folder / f"{name}.meta.json").write_text(json.dumps(
            {"title": "Ferry timetable", "outlet": "Harbour Gazette",
             "published": "2024-05-06"}), encoding="utf-8")
    return path


def _snapshot(folder: Path) -> dict:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def _first_code(nb, tag):
    return next(c for c in nb.cells if tag in c.metadata.get("tags", []))


def test_open_creates_a_parameterised_unpaired_workspace(tmp_path):
    before = _snapshot(NOTEBOOKS)
    article = _article(tmp_path / "articles")
    ws = open_workspace(article, folder=tmp_path / "ws")
    assert ws.created and ws.folder == (tmp_path / "ws").resolve()
    assert (ws.folder / "ferry_story.txt").read_text(encoding="utf-8") == TEXT
    assert json.loads((ws.folder / "ferry_story.meta.json").read_text())["outlet"] == "Harbour Gazette"
    assert ws.published == "2024-05-06"  # from the .meta.json
    assert ws.store.parent == ws.folder  # annotations live in the workspace
    names = sorted(p.name for p in ws.folder.glob("*.ipynb"))
    assert names == sorted(p.name for p in NOTEBOOKS.glob("0[1-4]_*.ipynb"))
    assert ws.added == ws.notebooks
    for path in ws.notebooks:
        nb = nbformat.read(path, as_version=4)
        injected = _first_code(nb, "injected-parameters")
        assert 'ARTICLE = "ferry_story.txt"' in injected.source
        assert 'PUBLISHED = "2024-05-06"' in injected.source
        at = nb.cells.index(injected)
        assert "parameters" in nb.cells[at - 1].metadata.get("tags", [])
        assert "jupytext" not in nb.metadata  # unpaired: a save writes no .py twin
    assert not list(ws.folder.glob("*.py"))
    marker = json.loads((ws.folder / MARKER).read_text())
    assert marker["article"] == "ferry_story.txt" and marker["source"] == str(article.resolve())
    assert _snapshot(NOTEBOOKS) == before  # the project's notebooks stay pristine


def test_published_option_overrides_the_meta_file(tmp_path):
    article = _article(tmp_path / "a", meta=False)
    ws = open_workspace(article, folder=tmp_path / "ws", published="2023-11-02")
    nb = nbformat.read(ws.folder / "02_who_said_what.ipynb", as_version=4)
    assert 'PUBLISHED = "2023-11-02"' in _first_code(nb, "injected-parameters").source
    ws = open_workspace(_article(tmp_path / "b", meta=False), folder=tmp_path / "ws2")
    assert ws.published is None
    nb = nbformat.read(ws.folder / "02_who_said_what.ipynb", as_version=4)
    assert "PUBLISHED = None" in _first_code(nb, "injected-parameters").source


def test_reopening_reuses_and_never_overwrites(tmp_path):
    article = _article(tmp_path / "articles")
    ws = open_workspace(article, folder=tmp_path / "ws")
    edited = ws.folder / "01_read_and_highlight.ipynb"
    nb = nbformat.read(edited, as_version=4)
    nb.cells.append(nbformat.v4.new_markdown_cell("my own notes on the ferry story"))
    nbformat.write(nb, edited)
    ws.store.write_text('{"my": "annotations"}', encoding="utf-8")
    (ws.folder / "03_figures_and_territory.ipynb").unlink()
    kept = _snapshot(ws.folder)

    again = open_workspace(article, folder=tmp_path / "ws")
    assert not again.created
    assert [p.name for p in again.added] == ["03_figures_and_territory.ipynb"]
    after = _snapshot(ws.folder)
    for name, data in kept.items():
        assert after[name] == data, f"{name} was overwritten"
    assert "my own notes" in edited.read_text(encoding="utf-8")


def test_reopening_from_another_path_with_the_same_text_is_the_same_workspace(tmp_path):
    first = _article(tmp_path / "one")
    open_workspace(first, folder=tmp_path / "ws")
    moved = _article(tmp_path / "two")  # same name and text, elsewhere (a moved project)
    assert not open_workspace(moved, folder=tmp_path / "ws").created


def test_existing_annotations_beside_the_article_come_along(tmp_path):
    from toolkit.annotations import default_store_path

    article = _article(tmp_path / "articles")
    default_store_path(article).write_text('{"kept": true}', encoding="utf-8")
    ws = open_workspace(article, folder=tmp_path / "ws")
    assert json.loads(ws.store.read_text(encoding="utf-8")) == {"kept": True}


def test_changed_source_warns_and_keeps_the_workspace_copy(tmp_path):
    article = _article(tmp_path / "articles")
    ws = open_workspace(article, folder=tmp_path / "ws")
    article.write_text(TEXT + "A correction was added later.\n", encoding="utf-8")
    with pytest.warns(ToolkitWarning, match="TKW500"):
        open_workspace(article, folder=tmp_path / "ws")
    assert ws.article.read_text(encoding="utf-8") == TEXT


def test_another_published_date_on_reopen_warns(tmp_path):
    article = _article(tmp_path / "articles")
    open_workspace(article, folder=tmp_path / "ws")
    with pytest.warns(ToolkitWarning, match="TKW501"):
        open_workspace(article, folder=tmp_path / "ws", published="2020-01-01")


def test_default_folder_is_workspaces_article_stem(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    ws = open_workspace(_article(tmp_path / "articles"))
    assert ws.folder == (tmp_path / "workspaces" / "ferry_story").resolve()


@pytest.mark.parametrize("case, code", [
    ("missing", "TK001"), ("not_a_workspace", "TK500"), ("unwritable", "TK501"),
    ("other_article", "TK502"), ("damaged_marker", "TK504"), ("folder_is_file", "TK507"),
    ("folder_without_articles", "TK508"), ("bad_date", "TK008"),
])
def test_bad_input_gives_numbered_errors(tmp_path, case, code):
    article = _article(tmp_path / "articles")
    folder = tmp_path / "ws"
    kwargs = {}
    if case == "missing":
        article = tmp_path / "nowhere.txt"
    elif case == "not_a_workspace":
        folder.mkdir()
        (folder / "thesis.docx").write_text("someone else's work")
    elif case == "unwritable":
        (tmp_path / "plain_file").write_text("x")
        folder = tmp_path / "plain_file" / "ws"
    elif case == "other_article":
        open_workspace(_article(tmp_path / "others", text=TEXT + "Other.\n"), folder=folder)
    elif case == "damaged_marker":
        folder.mkdir()
        (folder / MARKER).write_text("{not json")
    elif case == "folder_is_file":
        folder.write_text("x")
    elif case == "folder_without_articles":
        article = tmp_path / "empty_folder"
        article.mkdir()
        (article / "notes.docx").write_text("not an article")
    elif case == "bad_date":
        kwargs["published"] = "the day after"
    with pytest.raises(ToolkitError) as info:
        open_workspace(article, folder=folder, **kwargs)
    assert info.value.code == code
    if case == "not_a_workspace":
        assert sorted(p.name for p in folder.iterdir()) == ["thesis.docx"]


def test_command_line_open_without_lab(tmp_path, capsys):
    article = _article(tmp_path / "articles")
    assert main(["open", str(article), "-o", str(tmp_path / "ws"), "--no-lab"]) == 0
    out = capsys.readouterr().out
    assert "workspace created" in out and "jupyter lab" in out
    assert f"--notebook-dir={(tmp_path / 'ws').resolve()}" in out
    assert main(["open", str(article), "-o", str(tmp_path / "ws"), "--no-lab"]) == 0
    assert "workspace reused" in capsys.readouterr().out
    (tmp_path / "busy").mkdir()
    (tmp_path / "busy" / "x.txt").write_text("x")
    assert main(["open", str(article), "-o", str(tmp_path / "busy"), "--no-lab"]) == 2
    assert "TK500" in capsys.readouterr().err


# -- jupytext: saving never rewrites the tracked twins; workspaces have none ------

def _save_as_jupyterlab_does(folder: Path, name: str) -> None:
    from jupytext import TextFileContentsManager

    manager = TextFileContentsManager(root_dir=str(folder))
    model = manager.get(name)
    manager.save(model, name)


def test_a_plain_save_keeps_the_tracked_twins_byte_identical(tmp_path):
    copy = tmp_path / "notebooks"
    shutil.copytree(NOTEBOOKS, copy)
    before = _snapshot(copy)
    for path in sorted(copy.glob("[0-9][0-9]_*.ipynb")):
        _save_as_jupyterlab_does(copy, path.name)
    after = _snapshot(copy)
    changed = [name for name in before if before[name] != after[name]]
    assert not changed, f"a save rewrote {changed}"


def test_a_save_in_a_workspace_writes_no_twin(tmp_path):
    ws = open_workspace(_article(tmp_path / "articles"), folder=tmp_path / "ws")
    _save_as_jupyterlab_does(ws.folder, "01_read_and_highlight.ipynb")
    assert not list(ws.folder.glob("*.py"))


def test_analysts_files_are_git_ignored():
    if not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    paths = ["workspaces/some_article/01_read_and_highlight.ipynb",
             "seeds/000_167db89937512398.txt.annotations.json",
             "seeds/000_167db89937512398.annotations.json",
             "seeds/000_167db89937512398.txt.annotations.json.lock",
             "notebooks/notes.annotations.json", "notebooks/shared/report.html"]
    ignored = subprocess.run(["git", "check-ignore", *paths], cwd=ROOT,
                             capture_output=True, text=True).stdout.split()
    assert ignored == paths
    tracked = subprocess.run(["git", "check-ignore", "notebooks/01_read_and_highlight.ipynb",
                              "toolkit/annotations.py", "tests/test_annotations.py"],
                             cwd=ROOT, capture_output=True, text=True).stdout.split()
    assert tracked == []


# -- the article picker ----------------------------------------------------------

def test_picker_lists_articles_with_date_and_outlet(tmp_path):
    folder = tmp_path / "articles"
    _article(folder)
    _article(folder, name="bridge_story", meta=False)
    (folder / "broken.txt").write_text("A story.", encoding="utf-8")
    (folder / "broken.meta.json").write_text("{nope", encoding="utf-8")
    (folder / "notes.json").write_text("{}", encoding="utf-8")
    entries = {e["name"]: e for e in list_articles(folder)}
    assert sorted(entries) == ["bridge_story.txt", "broken.txt", "ferry_story.txt"]
    assert entries["ferry_story.txt"]["published"] == "2024-05-06"
    assert entries["ferry_story.txt"]["outlet"] == "Harbour Gazette"
    assert entries["bridge_story.txt"]["published"] is None
    assert entries["broken.txt"]["problem"].endswith("TK007")


def test_picker_headless_keeps_the_parameters_and_a_pick_brings_its_date(tmp_path):
    folder = tmp_path / "articles"
    ferry = _article(folder)
    bridge = _article(folder, name="bridge_story", meta=False)
    picker = ArticlePicker(None, selected=str(bridge), published="2022-02-02")
    assert picker.article == str(bridge) and picker.published == "2022-02-02"
    picker.pick(str(ferry))
    assert picker.article == str(ferry) and picker.published == "2024-05-06"
    picker = ArticlePicker(folder, selected=str(ferry), published=None)
    assert picker.published == "2024-05-06"
    data, _ = picker._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in data
    assert "Harbour Gazette" in data["text/html"] and "bridge_story.txt" in data["text/html"]


@pytest.mark.notebook
@pytest.mark.model
def test_a_workspace_notebook_runs_in_its_folder(tmp_path):
    from toolkit.share import execute_notebook

    ws = open_workspace(ROOT / "tests" / "data" / "second_article.txt", folder=tmp_path / "ws")
    nb = nbformat.read(ws.folder / "01_read_and_highlight.ipynb", as_version=4)
    ran = execute_notebook(nb, ws.folder)
    outputs = [o for c in ran.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    assert not [o for o in outputs if o.output_type == "error"]
    html = " ".join(o.get("data", {}).get("text/html", "") for o in outputs)
    assert "second_article.txt" in html and "2025-08-20" in html  # the picker's static twin


def test_open_on_a_folder_makes_a_corpus_workspace(tmp_path):
    articles = tmp_path / "desk"
    _article(articles)
    _article(articles, name="second_story", text=TEXT + "More.\n")
    before = _snapshot(articles)
    ws = open_workspace(articles, folder=tmp_path / "ws")
    assert ws.created and [p.name for p in ws.notebooks] == ["05_corpus.ipynb"]
    nb = nbformat.read(ws.notebooks[0], as_version=4)
    injected = _first_code(nb, "injected-parameters")
    assert f"CORPUS = {str(articles.resolve())!r}".replace("'", '"') in injected.source
    assert 'OUT = "corpus_out"' in injected.source
    assert "jupytext" not in nb.metadata
    assert "corpus workspace created" in describe(ws)
    # the analyst's edits survive a second open; the articles are never touched
    nb.cells.append(nbformat.v4.new_markdown_cell("my notes"))
    nbformat.write(nb, ws.notebooks[0])
    again = open_workspace(articles, folder=tmp_path / "ws")
    assert not again.created and again.added == []
    assert "my notes" in ws.notebooks[0].read_text(encoding="utf-8")
    assert _snapshot(articles) == before
    # another folder cannot take over this workspace
    other = tmp_path / "other_desk"
    _article(other)
    with pytest.raises(ToolkitError) as info:
        open_workspace(other, folder=tmp_path / "ws")
    assert info.value.code == "TK502"
