"""The command line: every failure a user can cause is one numbered line on
stderr and exit code 2, never a traceback (unless --debug). Each case runs the
real command in a subprocess."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = ("Harbour Council Approves Sea Wall\n"
           "The harbour council voted on Tuesday to build a sea wall.\n"
           "\u201cWe had no choice,\u201d the mayor said.\n")


def _env() -> dict:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    env["PYTHONUNBUFFERED"] = "1"
    return env


def run_cli(*args, cwd, timeout=300, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "toolkit", *args], cwd=cwd, env=_env(),
                          capture_output=True, text=True, timeout=timeout, **kw)


def error_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("error:")]


def assert_numbered(result, code: str, exit_code: int = 2) -> str:
    assert result.returncode == exit_code, result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    errors = error_lines(result.stderr)
    assert len(errors) == 1, result.stderr
    assert f"[{code}]" in errors[0]
    return errors[0]


@pytest.fixture
def article(tmp_path) -> Path:
    path = tmp_path / "story.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def test_output_into_a_missing_folder_is_tk050(tmp_path, article):
    result = run_cli("analyze", article.name, "-o", "no/such/folder/out.json", cwd=tmp_path)
    line = assert_numbered(result, "TK050")
    assert "mkdir" in line
    assert not (tmp_path / "no").exists()


def test_output_onto_a_directory_is_tk051(tmp_path, article):
    (tmp_path / "folder").mkdir()
    result = run_cli("analyze", article.name, "-o", "folder", cwd=tmp_path)
    assert_numbered(result, "TK051")


def test_output_in_an_unwritable_place_is_tk052(tmp_path, article):
    # /proc takes no new files, for root or anyone else
    result = run_cli("analyze", article.name, "-o", "/proc/toolkit-out.json", cwd=tmp_path)
    assert_numbered(result, "TK052")


def test_read_only_file_system_is_tk052(tmp_path, article):
    """The write itself fails with EROFS (simulated in the child process)."""
    code = ("import errno, os, sys\n"
            "def refuse(*a, **k):\n"
            "    raise OSError(errno.EROFS, 'Read-only file system', a[0])\n"
            "os.replace = refuse\n"
            "from toolkit.__main__ import main\n"
            "sys.exit(main(sys.argv[1:]))\n")
    result = subprocess.run([sys.executable, "-c", code, "analyze", article.name,
                             "--published", "2024-05-02", "-o", "out.json"],
                            cwd=tmp_path, env=_env(), capture_output=True, text=True,
                            timeout=300)
    line = assert_numbered(result, "TK052")
    assert "Read-only file system" in line
    assert not (tmp_path / "out.json").exists()
    assert not [p for p in tmp_path.iterdir() if ".tmp" in p.name]


def test_csv_onto_an_existing_file_is_tk053(tmp_path, article):
    (tmp_path / "tables.csv").write_text("keep me", encoding="utf-8")
    result = run_cli("analyze", article.name, "--format", "csv", "-o", "tables.csv",
                     cwd=tmp_path)
    assert_numbered(result, "TK053")
    assert (tmp_path / "tables.csv").read_text(encoding="utf-8") == "keep me"


def test_output_over_the_article_is_refused(tmp_path, article):
    result = run_cli("analyze", article.name, "-o", article.name, cwd=tmp_path)
    assert_numbered(result, "TK057")
    assert article.read_text(encoding="utf-8") == ARTICLE


@pytest.mark.parametrize("value", ["2025-03-13garbage", ""])
def test_bad_published_is_tk008(tmp_path, article, value):
    result = run_cli("analyze", article.name, "--published", value, cwd=tmp_path)
    assert_numbered(result, "TK008")


def test_a_fifo_is_refused_not_waited_on(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    result = run_cli("analyze", fifo.name, cwd=tmp_path, timeout=120)
    assert_numbered(result, "TK040")


def test_debug_shows_the_traceback(tmp_path, article):
    result = run_cli("analyze", article.name, "-o", "missing/out.json", "--debug",
                     cwd=tmp_path)
    assert result.returncode != 0
    assert "Traceback" in result.stderr and "TK050" in result.stderr


def test_output_piped_into_head_exits_quietly(tmp_path):
    # far more output than a pipe buffers, so the writer meets the closed pipe
    lines = [f"Mayor Ana Costa of Portville said on Tuesday that {n + 12} homes flooded."
             for n in range(400)]
    (tmp_path / "long.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    read_end, write_end = os.pipe()
    head = subprocess.Popen(["head", "-n", "1"], stdin=read_end, stdout=subprocess.PIPE,
                            cwd=tmp_path)
    os.close(read_end)
    cli = subprocess.Popen([sys.executable, "-m", "toolkit", "analyze", "long.txt",
                            "--format", "json", "--published", "2024-05-02"],
                           cwd=tmp_path, env=_env(), stdout=write_end,
                           stderr=subprocess.PIPE, text=True)
    os.close(write_end)
    first = head.communicate(timeout=300)[0]
    _, stderr = cli.communicate(timeout=300)
    assert first.strip() == b"{"
    assert cli.returncode == 0, stderr
    assert "Traceback" not in stderr and "BrokenPipe" not in stderr
    assert not error_lines(stderr)


def _ctrl_c_reaches_it():
    """A process started in the background of a shell inherits SIGINT ignored (and
    keeps it across exec); give the command the default a terminal would."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def test_ctrl_c_is_one_line_and_exit_130(tmp_path):
    # long enough that the command is still working when Ctrl-C comes
    lines = [f"Mayor Ana Costa of Portville said on Tuesday that {n + 12} homes flooded."
             for n in range(3000)]
    (tmp_path / "long.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    cli = subprocess.Popen([sys.executable, "-m", "toolkit", "analyze", "long.txt",
                            "--published", "2024-05-02"], cwd=tmp_path, env=_env(),
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                           preexec_fn=_ctrl_c_reaches_it)
    time.sleep(2.0)  # inside the command: loading spaCy and analysing take far longer
    cli.send_signal(signal.SIGINT)
    _, stderr = cli.communicate(timeout=300)
    if cli.returncode == 0:
        pytest.fail("the command finished before Ctrl-C arrived; it cannot be tested here")
    assert cli.returncode == 130, stderr
    assert "Traceback" not in stderr
    assert len(error_lines(stderr)) == 1 and "[TK055]" in stderr


def _notebook(path: Path, sources: list[str]) -> None:
    cells = [{"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [],
              "source": source} for source in sources]
    path.write_text(json.dumps({
        "cells": cells, "nbformat": 4, "nbformat_minor": 5,
        "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3",
                                    "language": "python"}}}), encoding="utf-8")


def test_a_failing_notebook_cell_is_tk054_naming_the_cell(tmp_path):
    nb = tmp_path / "broken.ipynb"
    _notebook(nb, ["total = 1 + 1", "raise ValueError('the input table is empty')"])
    result = run_cli("share", nb.name, "-o", "broken.html", cwd=tmp_path)
    line = assert_numbered(result, "TK054")
    assert "Cell 2" in line and "the input table is empty" in line
    assert not (tmp_path / "broken.html").exists()


@pytest.mark.parametrize("args", [["analyze"], ["bogus"], ["analyze", "story.txt", "--nope"]])
def test_usage_errors_are_one_numbered_line(tmp_path, article, args):
    result = run_cli(*args, cwd=tmp_path)
    line = assert_numbered(result, "TK058")
    assert "--help" in line
    assert "usage:" not in result.stderr
