"""Hostile and unusual input to load_article: special files, long names, deep
metadata, wide encodings, damaged bytes, bad characters, bad dates, size."""

from __future__ import annotations

import json
import os
import threading

import pytest

from toolkit.article import (article_from_text, clean_text, load_article,
                             normalise_published)
from toolkit.errors import ToolkitError, ToolkitWarning
from toolkit.text_structure import is_hard_wrapped

BODY = ("The harbour council voted on Tuesday to build a sea wall.\n"
        "\u201cWe had no choice,\u201d said Ana Costa, the mayor.\n"
        "Work starts in June.\n")


def test_a_fifo_is_refused_before_it_is_opened(tmp_path):
    fifo = tmp_path / "story.txt"
    os.mkfifo(fifo)
    result = {}

    def load():
        try:
            load_article(fifo)
        except ToolkitError as exc:
            result["code"] = exc.code

    worker = threading.Thread(target=load, daemon=True)
    worker.start()
    worker.join(timeout=20)
    if worker.is_alive():  # unblock the reader so the test run can end
        with open(fifo, "w"):
            pass
        pytest.fail("load_article waited on a named pipe")
    assert result.get("code") == "TK040"


def test_a_device_is_refused():
    with pytest.raises(ToolkitError) as exc:
        load_article("/dev/null")
    assert exc.value.code == "TK040"
    assert "device" in str(exc.value)


def test_a_very_long_file_name_is_a_numbered_error(tmp_path):
    with pytest.raises(ToolkitError) as exc:
        load_article(tmp_path / ("a" * 300 + ".txt"))
    assert exc.value.code == "TK041"
    assert "255" in str(exc.value)


def test_a_long_name_without_room_for_a_sidecar_still_loads(tmp_path):
    # 250 characters: the article name fits, "<stem>.meta.json" does not
    path = tmp_path / ("b" * 246 + ".txt")
    path.write_text(BODY, encoding="utf-8")
    assert load_article(path).text == BODY.rstrip()


def test_deeply_nested_metadata_is_a_numbered_error(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text(BODY, encoding="utf-8")
    (tmp_path / "story.meta.json").write_text(
        '{"title": "x", "extra": ' + "[" * 100_000 + "]" * 100_000 + "}", encoding="utf-8")
    with pytest.raises(ToolkitError) as exc:
        load_article(path)
    assert exc.value.code == "TK042"
    assert "nests" in str(exc.value)


@pytest.mark.parametrize("field,value", [("title", 5), ("outlet", {"name": "x"}),
                                         ("published", 20240502)])
def test_metadata_fields_of_the_wrong_type_are_refused(tmp_path, field, value):
    path = tmp_path / "story.txt"
    path.write_text(BODY, encoding="utf-8")
    (tmp_path / "story.meta.json").write_text(json.dumps({field: value}), encoding="utf-8")
    with pytest.raises(ToolkitError) as exc:
        load_article(path)
    assert exc.value.code == "TK042"
    assert field in str(exc.value)


def test_a_fifo_as_sidecar_is_refused_not_waited_on(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text(BODY, encoding="utf-8")
    os.mkfifo(tmp_path / "story.meta.json")
    with pytest.raises(ToolkitError) as exc:
        load_article(path)
    assert exc.value.code == "TK040"


@pytest.mark.parametrize("codec,bom", [
    ("utf-32-le", b"\xff\xfe\x00\x00"), ("utf-32-be", b"\x00\x00\xfe\xff"),
    ("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff"), ("utf-8", b"\xef\xbb\xbf")])
def test_wide_encodings_with_a_bom_are_read(tmp_path, codec, bom):
    path = tmp_path / "story.txt"
    path.write_bytes(bom + BODY.encode(codec))
    article = load_article(path)
    assert article.text == BODY.rstrip()
    assert "\x00" not in article.text


@pytest.mark.parametrize("codec", ["utf-32-le", "utf-32-be", "utf-16-le", "utf-16-be"])
def test_wide_encodings_without_a_bom_are_detected(tmp_path, codec):
    path = tmp_path / "story.txt"
    path.write_bytes(BODY.encode(codec))
    with pytest.warns(ToolkitWarning, match="TKW042"):
        article = load_article(path)
    assert article.text == BODY.rstrip()


def test_damaged_utf8_is_read_with_a_numbered_warning(tmp_path):
    path = tmp_path / "story.txt"
    good = "Caf\u00e9 owners in Z\u00fcrich and M\u00e1laga said the r\u00e9gime changed."
    path.write_bytes(good.encode("utf-8") + b" broken \xff\xfe here.\n" + BODY.encode("utf-8"))
    with pytest.warns(ToolkitWarning, match="TKW040") as record:
        article = load_article(path)
    assert "\ufffd" in article.text
    assert article.text.startswith(good)
    assert "U+FFFD" in str(record[0].message)


def test_bad_characters_are_replaced_one_for_one():
    text = "Mayor\x00 Ana\x07 Costa \ud800said\x1b yes\ufffe."
    cleaned, report = clean_text(text)
    assert len(cleaned) == len(text)
    assert cleaned == "Mayor  Ana  Costa \ufffdsaid  yes\ufffd."
    assert report["replaced"] == 5
    assert report["kinds"] == {"nul": 1, "control": 2, "surrogate": 1, "noncharacter": 1}
    assert report["first"] == 5
    # tabs, newlines and ordinary text are left alone
    same = "Tab\there.\nNext line \u00e9\u201c\u201d."
    assert clean_text(same) == (same, {"replaced": 0, "kinds": {}, "first": None})


def test_article_from_text_cleans_with_a_warning_and_keeps_offsets():
    text = "First line\x00 is here.\nSecond \ud83d line."
    with pytest.warns(ToolkitWarning, match="TKW041"):
        article = article_from_text(text)
    assert len(article.text) == len(text)
    assert article.text.index("Second") == text.index("Second")
    article.text.encode("utf-8")  # no lone surrogate is left


def test_analyze_text_survives_a_lone_surrogate(nlp):
    import toolkit

    with pytest.warns(ToolkitWarning, match="TKW041"):
        analysis = toolkit.analyze_text("Ana Costa visited Portville \ud800 on Monday.",
                                        published="2024-05-02", nlp=nlp)
    assert analysis.text.index("Monday") == len("Ana Costa visited Portville \ud800 on ")


@pytest.mark.parametrize("value", ["2025-03-13garbage", "", "   ", "2025-02-30", "13/03/2025",
                                   "2025-03-13T", 20250313])
def test_bad_publication_dates_are_refused(value):
    with pytest.raises(ToolkitError) as exc:
        normalise_published(value)
    assert exc.value.code == "TK008"


@pytest.mark.parametrize("value,iso", [("2025-03-13", "2025-03-13"),
                                       (" 2025-03-13 ", "2025-03-13"),
                                       ("2025-03-13T09:30:00Z", "2025-03-13"),
                                       ("2025-03-13 09:30", "2025-03-13"),
                                       ("2025-03-13T09:30:00+02:00", "2025-03-13")])
def test_iso_dates_and_datetimes_are_accepted(value, iso):
    assert normalise_published(value) == iso


def test_load_article_refuses_a_bad_published_argument(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text(BODY, encoding="utf-8")
    with pytest.raises(ToolkitError) as exc:
        load_article(path, published="2025-03-13garbage")
    assert exc.value.code == "TK008"


def test_hard_wrap_detection_matches_the_rule():
    wrapped = "\n\n".join("The council said the new wall\nwould protect the town and\n"
                          "cost less than expected." for _ in range(3))
    assert is_hard_wrapped(wrapped)
    one_per_line = "\n".join("The council met today." for _ in range(10)) + "\n\nEnd."
    assert not is_hard_wrapped(one_per_line)
    assert not is_hard_wrapped("No blank line\nanywhere\nin this\ntext")


def test_single_newline_text_of_megabytes_loads(tmp_path):
    """The shape that used to be quadratic: hard-wrapped lines, many paragraphs.
    (Speed is measured by benchmarks/scaling.py; this checks the result.)"""
    para = "The council said the new wall\nwould protect the town and\ncost less.\n"
    text = "\n".join([para] * 40_000)  # about 2.6 MB
    path = tmp_path / "long.txt"
    path.write_text(text, encoding="utf-8")
    article = load_article(path)
    assert len(article.paragraphs) == 40_000
    assert article.headings == []
