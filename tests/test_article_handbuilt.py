"""An Article built by hand (not by load_article) is checked and cleaned the same
way as a loaded one: characters that are not text are replaced one for one
(offsets kept), wrong types and offsets are numbered errors."""

from __future__ import annotations

import datetime as dt
import warnings

import pytest

from toolkit.article import Article, article_from_text, load_article
from toolkit.errors import ToolkitError, ToolkitWarning


def _codes(record) -> list[str]:
    return [str(w.message)[1:7] for w in record if issubclass(w.category, ToolkitWarning)]


def test_bad_characters_are_replaced_one_for_one_with_tkw041():
    raw = "Mayor\x00 Ana Costa said \ud800no\x07 more.\ufffe"
    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always")
        article = Article(text=raw, paragraphs=[{"text": raw, "start": 0, "end": len(raw)}])
    assert "TKW041" in _codes(record)
    assert len(article.text) == len(raw)
    assert "\x00" not in article.text and "\x07" not in article.text
    assert "\ud800" not in article.text and "\ufffe" not in article.text
    article.text.encode("utf-8")  # a lone surrogate would raise here
    # unchanged characters stay where they were
    assert [i for i, (a, b) in enumerate(zip(raw, article.text)) if a != b] == [5, 22, 25, 32]
    para = article.paragraphs[0]
    assert article.text[para["start"]:para["end"]] == para["text"]


def test_cleaning_matches_the_loader(tmp_path):
    raw = "Council vote\n\nThe council\x00 met on Tuesday.\x1b It voted \ud800yes."
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        by_hand = Article(text=raw)
        from_text = article_from_text(raw)
    assert by_hand.text == from_text.text


def test_a_loaded_article_is_unchanged_and_not_warned_twice(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes("Headline\n\nThe board\x1b met. \u201cWe agree,\u201d she said.\n".encode())
    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always")
        article = load_article(path)
    assert _codes(record).count("TKW041") == 1
    for item in article.paragraphs + article.headings:
        assert article.text[item["start"]:item["end"]] == item["text"]


def test_a_clean_text_is_kept_as_is_without_warning():
    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always")
        article = Article(text="Plain text.\r\nSecond line.", metadata={"published": dt.date(2025, 3, 13)})
    assert _codes(record) == []
    assert article.text == "Plain text.\r\nSecond line."  # only one-for-one changes
    assert article.published == "2025-03-13"


@pytest.mark.parametrize("kwargs, code", [
    ({"text": None}, "TK760"),
    ({"text": b"bytes"}, "TK760"),
    ({"text": "x", "path": 3}, "TK760"),
    ({"text": "x", "metadata": ["title"]}, "TK761"),
    ({"text": "x", "metadata": {"title": 5}}, "TK761"),
    ({"text": "x", "metadata": {"outlet": {"a": 1}}}, "TK761"),
    ({"text": "x", "metadata": {"published": "2025-03-13garbage"}}, "TK008"),
    ({"text": "x", "metadata": {"published": 20250313}}, "TK008"),
    ({"text": "abc", "paragraphs": [{"start": 0, "end": 9}]}, "TK762"),
    ({"text": "abc", "paragraphs": [{"start": -1, "end": 2}]}, "TK762"),
    ({"text": "abc", "headings": [{"start": True, "end": 2}]}, "TK762"),
    ({"text": "abc", "headings": [{"start": "0", "end": 2}]}, "TK762"),
    ({"text": "abc", "structure": "title"}, "TK762"),
    ({"text": "abc", "structure": [3]}, "TK762"),
    ({"text": "abc", "boilerplate": [None]}, "TK762"),
])
def test_unusable_fields_are_numbered_errors(kwargs, code):
    with pytest.raises(ToolkitError) as info:
        Article(**kwargs)
    assert info.value.code == code


def test_path_like_paths_become_strings(tmp_path):
    article = Article(text="x", path=tmp_path / "a.txt")
    assert article.path == str(tmp_path / "a.txt")
    assert isinstance(article.to_dict()["path"], str)


def test_hand_built_article_analyses_with_offsets_kept(nlp):
    from toolkit.analysis import analyze

    raw = "Ana Costa\x00 visited Portville on Tuesday. \u201cWe will rebuild,\u201d Costa said.\ud800"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        article = Article(text=raw, metadata={"published": "2025-03-13"})
        analysis = analyze(article, nlp=nlp)
    assert analysis.doc.text == article.text
    assert len(analysis.doc.text) == len(raw)
    for _, row in analysis.entities.iterrows():
        assert article.text[row["start"]:row["end"]] == row["text"]
