"""Reading articles: encodings, markup, structure, metadata and bad input."""

from __future__ import annotations

import json

import pytest

import toolkit
from toolkit.article import article_from_text, find_headings, load_article
from toolkit.errors import ToolkitError, ToolkitWarning

BODY = ("Officials said on Monday that the bridge would reopen.\n"
        "“We are ready,” the mayor said.\n")


def code_of(excinfo) -> str:
    return excinfo.value.code


def test_missing_file_is_tk001(tmp_path):
    with pytest.raises(ToolkitError) as exc:
        load_article(tmp_path / "nope.txt")
    assert code_of(exc) == "TK001"
    assert "nope.txt" in str(exc.value)


def test_directory_is_tk002(tmp_path):
    with pytest.raises(ToolkitError) as exc:
        load_article(tmp_path)
    assert code_of(exc) == "TK002"


@pytest.mark.parametrize("content", [b"", b"   \n\t\n  "])
def test_empty_or_blank_file_is_tk003(tmp_path, content):
    path = tmp_path / "a.txt"
    path.write_bytes(content)
    with pytest.raises(ToolkitError) as exc:
        load_article(path)
    assert code_of(exc) == "TK003"


@pytest.mark.parametrize("content,why", [
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3 binary", "PDF"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
    (bytes(range(256)) * 40, "NUL"),
])
def test_binary_data_is_tk004(tmp_path, content, why):
    path = tmp_path / "a.txt"
    path.write_bytes(content)
    with pytest.raises(ToolkitError) as exc:
        load_article(path)
    assert code_of(exc) == "TK004"
    assert why in str(exc.value)


def test_huge_file_is_refused_before_reading(tmp_path):
    path = tmp_path / "huge.txt"
    with open(path, "wb") as handle:  # a sparse 300 MB file: nothing is read
        handle.truncate(300 * 2**20)
    with pytest.raises(ToolkitError) as exc:
        load_article(path)
    assert code_of(exc) == "TK005"
    assert "300 MB" in str(exc.value)


def test_cp1252_file_is_read_with_a_warning(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes("The minister’s “plan” costs €5 million.\nSecond line here.".encode("cp1252"))
    with pytest.warns(ToolkitWarning, match="TKW002"):
        article = load_article(path)
    assert article.text.startswith("The minister’s “plan” costs €5 million.")


def test_invalid_utf8_that_is_not_cp1252_is_tk006(tmp_path):
    path = tmp_path / "a.txt"
    # 0x81 is undefined in cp1252 and invalid as a UTF-8 start byte here.
    path.write_bytes(b"Plain words \x81\x81 and more words.\nAnother line.")
    with pytest.raises(ToolkitError) as exc:
        load_article(path)
    assert code_of(exc) == "TK006"


def test_explicit_encoding_wins(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes("Zürich said yes.\nOk.".encode("latin-1"))
    assert load_article(path, encoding="latin-1").text.startswith("Zürich said yes.")


@pytest.mark.parametrize("codec,bom", [("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff")])
def test_utf16_with_bom(tmp_path, codec, bom):
    path = tmp_path / "a.txt"
    path.write_bytes(bom + BODY.encode(codec))
    assert load_article(path).text == BODY.rstrip()


def test_utf8_bom_and_crlf_are_normalised(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(b"\xef\xbb\xbf" + BODY.replace("\n", "\r\n").encode("utf-8"))
    article = load_article(path)
    assert article.text == BODY.rstrip()
    assert "\r" not in article.text


def test_html_tags_are_stripped_never_interpreted(tmp_path):
    path = tmp_path / "a.html"
    path.write_text("<html><head><title>Bridge</title><script>alert(1)</script></head>"
                    "<body><h2>LOCAL NEWS</h2><p>The bridge <b>reopened</b> on Monday.</p>"
                    "<p onclick='x()'>Drivers &amp; cyclists cheered.</p></body></html>",
                    encoding="utf-8")
    article = load_article(path)
    assert "alert" not in article.text and "<" not in article.text
    assert "The bridge reopened on Monday." in article.text
    assert "Drivers & cyclists cheered." in article.text
    assert article.title == "Bridge"
    assert [h["text"] for h in article.headings] == ["LOCAL NEWS"]


def test_markdown_markup_is_dropped(tmp_path):
    path = tmp_path / "a.md"
    path.write_text("# Floods hit the valley\n\nRain **fell** for [three days](http://x).\n"
                    "\n## Damage\n\nRoads were closed.\n", encoding="utf-8")
    article = load_article(path)
    assert "Rain fell for three days." in article.text
    assert {h["text"] for h in article.headings} == {"Floods hit the valley", "Damage"}
    assert "#" not in article.text and "**" not in article.text


def test_headings_and_boilerplate(seed_path):
    article = load_article(seed_path)
    assert [h["text"] for h in article.headings] == ["PUTIN AND TRUMP"]
    heading = article.headings[0]
    assert article.text[heading["start"]:heading["end"]] == "PUTIN AND TRUMP"
    assert article.boilerplate == [
        "Discover more from Defence Talks | Defense News Hub, Military Updates, Security Insights",
        "Subscribe to get the latest posts sent to your email."]
    assert "Subscribe" not in article.text
    assert article.metadata["outlet"] == "Defence Talks"
    assert article.published == "2025-03-13"
    # Offsets into the body are offsets into the file as written.
    raw = seed_path.read_text(encoding="utf-8")
    assert raw.startswith(article.text)
    assert all(article.text[p["start"]:p["end"]] == p["text"] for p in article.paragraphs)


def test_heading_rules_on_own_text():
    text = ("MARKETS RALLY\nShares rose on Friday after the central bank spoke.\n"
            "What comes next\nAnalysts expect more gains, they said.\nThe end.")
    assert [h["text"] for h in find_headings(text)] == ["MARKETS RALLY", "What comes next"]
    # A sentence is never a heading, nor is the last line.
    assert find_headings("The vote passed.\nIt was close.") == []


def test_outlet_from_footer_and_arguments_override(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text("The council voted on Tuesday.\nIt passed.\n"
                    "Discover more from Harbour Gazette | Local news\n", encoding="utf-8")
    article = load_article(path, published="2024-05-02", title="Vote")
    assert article.metadata == {"outlet": "Harbour Gazette", "published": "2024-05-02",
                                "title": "Vote"}


def test_metadata_sidecar_and_broken_sidecar(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text("The council voted on Tuesday.\nIt passed.", encoding="utf-8")
    (tmp_path / "story.meta.json").write_text(json.dumps({"published": "2024-05-02"}))
    assert load_article(path).published == "2024-05-02"
    (tmp_path / "story.meta.json").write_text("{published: 2024}")
    with pytest.raises(ToolkitError) as exc:
        load_article(path)
    assert code_of(exc) == "TK007"


def test_bad_publication_date_is_tk008():
    with pytest.raises(ToolkitError) as exc:
        article_from_text("Text.", metadata={"published": "last Thursday"})
    assert code_of(exc) == "TK008"


def test_not_a_path_is_tk010():
    with pytest.raises(ToolkitError) as exc:
        toolkit.analyze(12345)
    assert code_of(exc) == "TK010"


def test_hard_wrapped_text_keeps_sentences_whole(nlp):
    text = ("FLOOD DEFENCES\n\n"
            "The mayor said the new barrier would\nprotect Harbour Street and Prime\n"
            "Minister Ana Costa agreed on Monday.\n\n"
            "Work starts in June and will\ncost about $2 million.\n\nThe end.")
    article = article_from_text(text)
    assert [h["text"] for h in article.headings] == ["FLOOD DEFENCES"]
    assert [p["text"].split()[0] for p in article.paragraphs] == ["The", "Work", "The"]
    analysis = toolkit.analyze(article, nlp=nlp)
    sentences = [s.text.strip() for s in analysis.doc.sents]
    assert any(s.startswith("The mayor said") and s.endswith("on Monday.") for s in sentences)
    assert "FLOOD DEFENCES" in sentences
