"""A workspace per article: the guided notebooks, parameterised for it, in a folder of its own.

``python -m toolkit open ARTICLE`` (or :func:`open_workspace`) makes
``workspaces/<article-stem>/`` holding

* a copy of the article and of its ``<stem>.meta.json`` sidecar,
* the guided notebooks with their parameters set for that article by papermill
  (a cell tagged ``injected-parameters`` after the ``parameters`` cell), as
  *unpaired* copies: no jupytext twin is written beside them,
* ``.toolkit-workspace.json``, the marker that says which article the folder is for,
* and, once the analyst annotates, the annotation store beside the article copy.

Opening the same article again reuses the folder: notebooks that are missing
are added, nothing the analyst has written is overwritten. The project's own
``notebooks/`` are only read, so they stay pristine teaching material.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from toolkit.errors import ToolkitError, warn

MARKER = ".toolkit-workspace.json"
NOTEBOOK_PATTERN = "[0-9][0-9]_*.ipynb"
# The corpus notebook (05) takes a folder and the team-review one (06) a demo of
# several analysts: an article's workspace gets the one-article series only.
NOT_FOR_ONE_ARTICLE = ("05_", "06_")
FIRST_NOTEBOOK = "01_read_and_highlight.ipynb"


@dataclass
class Workspace:
    """What :func:`open_workspace` made or found."""

    folder: Path
    article: Path                 # the copy inside the workspace
    source: Path                  # the article it was made from
    published: str | None
    notebooks: list[Path] = field(default_factory=list)
    added: list[Path] = field(default_factory=list)   # notebooks written by this call
    created: bool = False

    @property
    def store(self) -> Path:
        """Where the analyst's annotations of this article live."""
        from toolkit.annotations import default_store_path

        return default_store_path(self.article)

    def lab_command(self) -> list[str]:
        """The command that opens JupyterLab on this workspace."""
        command = [sys.executable, "-m", "jupyter", "lab", f"--notebook-dir={self.folder}"]
        if hasattr(os, "getuid") and os.getuid() == 0:
            command.append("--allow-root")  # containers often run as root
        first = next((p for p in (self.folder / FIRST_NOTEBOOK, self.folder / "05_corpus.ipynb")
                      if p.is_file()), None)
        if first is not None:
            command.append(str(first))
        return command


# -- where things are -----------------------------------------------------------

def project_notebooks() -> Path:
    """The guided notebooks of the project this toolkit was installed from."""
    folder = Path(__file__).resolve().parent.parent / "notebooks"
    if not any(folder.glob(NOTEBOOK_PATTERN)):
        raise ToolkitError("TK503", path=folder)
    return folder


def default_folder(article, base=None) -> Path:
    """``<base>/workspaces/<article-stem>`` (``base`` defaults to the current folder)."""
    return Path(base or Path.cwd()) / "workspaces" / Path(article).stem


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _read_marker(folder: Path) -> dict | None:
    marker = folder / MARKER
    if not marker.is_file():
        return None
    try:
        data = json.loads(marker.read_text(encoding="utf-8"))
        if not isinstance(data, dict) or "article" not in data:
            raise ValueError("it has no 'article' entry")
    except (ValueError, OSError) as exc:
        raise ToolkitError("TK504", path=marker, why=exc) from None
    return data


def _prepare_folder(folder: Path) -> dict | None:
    """The marker of an existing workspace, None for a new or empty folder;
    TK500/TK501/TK507 for anything else."""
    if folder.exists() and not folder.is_dir():
        raise ToolkitError("TK507", path=folder)
    if folder.is_dir():
        marker = _read_marker(folder)
        if marker is not None:
            return marker
        if any(folder.iterdir()):
            raise ToolkitError("TK500", path=folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe = folder / ".toolkit-write-test"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        raise ToolkitError("TK501", path=folder, why=exc.strerror or exc) from None
    return None


# -- notebooks -------------------------------------------------------------------

def _parameter_names(nb) -> set[str]:
    cell = next((c for c in nb.cells
                 if "parameters" in c.get("metadata", {}).get("tags", [])), None)
    if cell is None:
        return set()
    return set(re.findall(r"^([A-Za-z_]\w*)\s*=", cell.source, flags=re.MULTILINE))


def parameterised_notebook(path: Path, parameters: dict):
    """The notebook at ``path`` with ``parameters`` injected by papermill (only
    those its parameters cell defines) and without jupytext pairing."""
    from papermill.iorw import load_notebook_node
    from papermill.parameterize import parameterize_notebook

    nb = load_notebook_node(str(path))  # papermill's reader gives every cell a tags list
    nb.metadata.pop("jupytext", None)  # an unpaired copy: a save writes no twin
    names = _parameter_names(nb)
    wanted = {k: v for k, v in parameters.items() if k in names}
    if wanted:
        nb = parameterize_notebook(nb, wanted, kernel_name="python3", language="python")
    for cell in nb.cells:
        if not cell.metadata.get("tags", True):
            del cell.metadata["tags"]
    return nb


def _write_new(path: Path, nb) -> bool:
    """Write ``nb`` to ``path`` only if no file is there (never overwrites)."""
    import nbformat

    try:
        with open(path, "x", encoding="utf-8") as handle:
            nbformat.write(nb, handle)
    except FileExistsError:
        return False
    return True


def _copy_new(src: Path, dst: Path) -> bool:
    if dst.exists() or not src.is_file():
        return False
    shutil.copy2(src, dst)
    return True


# -- the entry point -------------------------------------------------------------

def open_workspace(article, *, published=None, folder=None,
                   notebooks_dir=None) -> Workspace:
    """Make (or reuse) the workspace of ``article``; see the module docstring.

    ``published`` (ISO date) overrides the ``.meta.json``; ``folder`` defaults
    to :func:`default_folder`; ``notebooks_dir`` to the project's notebooks.
    """
    from toolkit.annotations import default_store_path
    from toolkit.article import load_article, metadata_path, normalise_published

    source = Path(article).expanduser()
    if source.is_dir():
        return open_corpus_workspace(source, published=published, folder=folder,
                                     notebooks_dir=notebooks_dir)
    loaded = load_article(source, published=published)  # TK001-TK009 for bad articles
    source = source.resolve()
    date = normalise_published(published) if published is not None else loaded.published
    notebooks_dir = Path(notebooks_dir) if notebooks_dir else project_notebooks()
    sources = [p for p in sorted(notebooks_dir.glob(NOTEBOOK_PATTERN))
               if not p.name.startswith(NOT_FOR_ONE_ARTICLE)]
    if not sources:
        raise ToolkitError("TK503", path=notebooks_dir)

    folder = Path(folder).expanduser() if folder else default_folder(source)
    folder = folder.resolve()
    marker = _prepare_folder(folder)
    digest = _sha256(source)
    copy = folder / source.name
    if marker is not None:
        same = marker.get("source") == str(source) or marker.get("sha256") == digest
        if marker.get("article") != source.name or not same:
            raise ToolkitError("TK502", path=folder, other=marker.get("source"),
                               article=source)
        if copy.is_file() and _sha256(copy) != digest:
            warn("TKW500", copy=copy, source=source)
        if published is None and marker.get("published"):
            date = marker["published"]
        elif published is not None and marker.get("published") not in (None, date):
            warn("TKW501", path=folder, old=marker["published"], new=date)

    try:
        if marker is None:  # first, so that an interrupted run is repaired by the next
            (folder / MARKER).write_text(json.dumps({
                "article": copy.name, "source": str(source), "sha256": digest,
                "published": date,
                "created": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
            }, indent=2) + "\n", encoding="utf-8")
        _copy_new(source, copy)
        _copy_new(metadata_path(source), metadata_path(copy))
        # annotations the analyst made beside the original come along, once
        _copy_new(default_store_path(source), default_store_path(copy))
        parameters = {"ARTICLE": copy.name, "PUBLISHED": date}
        written, added = [], []
        for src in sources:
            target = folder / src.name
            if not target.exists() and _write_new(target, parameterised_notebook(src, parameters)):
                added.append(target)
            written.append(target)
    except OSError as exc:
        raise ToolkitError("TK501", path=folder, why=exc.strerror or exc) from None
    return Workspace(folder=folder, article=copy, source=source, published=date,
                     notebooks=written, added=added, created=marker is None)


CORPUS_NOTEBOOK = "05_corpus.ipynb"


def open_corpus_workspace(folder_of_articles, *, published=None, folder=None,
                          notebooks_dir=None) -> Workspace:
    """A workspace for a folder of articles (``open`` on a folder): the corpus
    notebook parameterised for that folder, its tables written inside the
    workspace (``corpus_out/``). The articles are read where they are, never
    copied or changed; opening the same folder again reuses the workspace and
    keeps the analyst's notebook. ``published`` is not used: each article's
    date comes from its own ``.meta.json``."""
    from toolkit.batch import ARTICLE_SUFFIXES  # the files analyze_many and the corpus read

    source = Path(folder_of_articles).expanduser().resolve()
    if not any(p.suffix.lower() in ARTICLE_SUFFIXES for p in source.iterdir() if p.is_file()):
        raise ToolkitError("TK508", path=source)
    notebooks_dir = Path(notebooks_dir) if notebooks_dir else project_notebooks()
    template = notebooks_dir / CORPUS_NOTEBOOK
    if not template.is_file():
        raise ToolkitError("TK503", path=notebooks_dir)
    target = Path(folder).expanduser() if folder else default_folder(source)
    target = target.resolve()
    marker = _prepare_folder(target)
    if marker is not None and (marker.get("kind") != "corpus"
                               or marker.get("source") != str(source)):
        raise ToolkitError("TK502", path=target, other=marker.get("source"), article=source)
    try:
        if marker is None:
            (target / MARKER).write_text(json.dumps({
                "kind": "corpus", "article": source.name + "/", "source": str(source),
                "published": None,
                "created": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
            }, indent=2) + "\n", encoding="utf-8")
        path = target / template.name
        nb = parameterised_notebook(template, {"CORPUS": str(source), "OUT": "corpus_out"})
        added = [path] if _write_new(path, nb) else []
    except OSError as exc:
        raise ToolkitError("TK501", path=target, why=exc.strerror or exc) from None
    return Workspace(folder=target, article=source, source=source, published=None,
                     notebooks=[path], added=added, created=marker is None)


def launch_lab(workspace: Workspace) -> int:
    """Run JupyterLab on the workspace until the user stops it."""
    try:
        return subprocess.call(workspace.lab_command(), cwd=workspace.folder)
    except OSError as exc:
        raise ToolkitError("TK506", why=exc) from None
    except KeyboardInterrupt:
        return 0


def describe(workspace: Workspace) -> str:
    """A few lines for the command line."""
    state = "created" if workspace.created else "reused"
    if workspace.article.is_dir():  # a corpus workspace
        lines = [f"corpus workspace {state}: {workspace.folder}",
                 f"  articles: {workspace.source} (read in place, never changed)",
                 f"  tables:   {workspace.folder / 'corpus_out'}"]
        lines += [f"  {nb.name}  ({'added' if nb in workspace.added else 'kept as you left it'})"
                  for nb in workspace.notebooks]
        lines.append("open it with: " + shlex.join(workspace.lab_command()))
        return "\n".join(lines)
    lines = [f"workspace {state}: {workspace.folder}",
             f"  article:     {workspace.article.name} (from {workspace.source})",
             f"  published:   {workspace.published or 'unknown (relative dates stay unresolved)'}",
             f"  annotations: {workspace.store}"]
    for nb in workspace.notebooks:
        note = "added" if nb in workspace.added else "kept as you left it"
        lines.append(f"  {nb.name}  ({note})")
    lines.append("open it with: " + shlex.join(workspace.lab_command()))
    return "\n".join(lines)
