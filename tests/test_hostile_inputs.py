"""Hostile values found by the issue-14 sweep: each ends in a numbered ToolkitError
(API) or one numbered line on stderr with exit code 2 (command line)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from toolkit.article import article_from_text, load_article
from toolkit.errors import ToolkitError
from toolkit.text_structure import paragraph_ranges

ROOT = Path(__file__).resolve().parents[1]
BODY = "The council met on Tuesday. \u201cWe will rebuild,\u201d said the mayor.\n"


@pytest.fixture
def article(tmp_path) -> Path:
    path = tmp_path / "a.txt"
    path.write_text(BODY, encoding="utf-8")
    return path


@pytest.mark.parametrize("value", ["x", -1, 2.5, None, True])
def test_max_bytes_of_the_wrong_kind_is_tk763(article, value):
    with pytest.raises(ToolkitError) as info:
        load_article(article, max_bytes=value)
    assert info.value.code == "TK763"


def test_max_bytes_zero_refuses_any_content(article):
    with pytest.raises(ToolkitError) as info:
        load_article(article, max_bytes=0)
    assert info.value.code == "TK005"


@pytest.mark.parametrize("encoding", [5, b"utf-8", "no-such-codec"])
def test_encoding_of_the_wrong_kind_is_tk006(article, encoding):
    with pytest.raises(ToolkitError) as info:
        load_article(article, encoding=encoding)
    assert info.value.code == "TK006"


def test_metadata_number_too_long_to_read_is_tk007(tmp_path, article):
    (tmp_path / "a.meta.json").write_text('{"x": ' + "9" * 5000 + "}", encoding="utf-8")
    with pytest.raises(ToolkitError) as info:
        load_article(article)
    assert info.value.code == "TK007"


@pytest.mark.parametrize("text, metadata, code", [
    (None, None, "TK760"), (b"bytes", None, "TK760"), ("text", ["title"], "TK761")])
def test_article_from_text_refuses_what_is_not_text(text, metadata, code):
    with pytest.raises(ToolkitError) as info:
        article_from_text(text, metadata=metadata)
    assert info.value.code == code


def test_paragraph_ranges_join_a_long_run_of_continued_lines():
    # each line stops mid-sentence and the next starts in lower case: one paragraph
    # (compared line by line, not against the growing paragraph)
    text = "\n".join(["the line goes on without an end"] * 2000)
    assert paragraph_ranges(text) == [(0, len(text))]
    mixed = "One ends here.\nthe next starts low\nand goes on\n\nNew one."
    assert paragraph_ranges(mixed) == [(0, 14), (15, 46), (47, 47), (48, 56)]


def test_sentence_starts_set_in_one_write_match_the_line_rules(nlp):
    doc = nlp.make_doc("HEADLINE HERE\nThe council met today. It said no\nand then left.\n\n"
                       "A new paragraph starts here")
    doc = nlp.get_pipe("toolkit_structure")(doc)
    starts = [t.text for t in doc if t.is_sent_start]
    assert starts == ["HEADLINE", "The", "and", "A"]


def test_cli_output_name_too_long_is_one_numbered_line(tmp_path, article):
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    proc = subprocess.run([sys.executable, "-m", "toolkit", "analyze", str(article),
                           "-o", "x" * 300 + ".txt"], capture_output=True, text=True,
                          cwd=tmp_path, env=env, timeout=300)
    assert proc.returncode == 2
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "[TK052]" in lines[0]
    assert "Traceback" not in proc.stderr
