"""More hostile input (issues 9 and 14), found by benchmarks/probe_hostile.py:
each test is one bug that probe found, on text of our own making."""

from __future__ import annotations

import json
import os

import pytest

from toolkit.annotations import AnnotationStore
from toolkit.errors import ToolkitError

TEXT = ("The mayor said the bridge would reopen in May after repairs.\n\n"
        "Traffic grew in the north of the city, officials said.\n")


@pytest.fixture
def store(tmp_path):
    return AnnotationStore(tmp_path / "a.annotations.json", text=TEXT, annotator="alice")


def _span(word):
    start = TEXT.index(word)
    return start, start + len(word)


# -- the store: values of the wrong kind through the API ---------------------------------

@pytest.mark.parametrize("changes", [{"layer": 5}, {"layer": ""}, {"layer": "bogus"},
                                     {"layer": '" onmouseover="x'}, {"engine_id": [1]},
                                     {"engine_label": 5}, {"settles": 5}, {"settles": [1]}])
def test_add_refuses_fields_that_would_orphan_the_record_on_reload(store, changes):
    with pytest.raises(ToolkitError) as info:
        store.add(*_span("bridge"), "INFRA", **changes)
    assert info.value.code == "TK204"
    assert store.records == []


def test_a_lone_surrogate_in_a_note_is_saved_and_reads_back(store, tmp_path):
    rec = store.add(*_span("bridge"), "INFRA\ud800", note="odd \udfff note")
    again = AnnotationStore(store.path, text=TEXT)
    got = again.get(rec["id"])
    assert not got["orphan"]
    assert got["note"] == "odd \ufffd note" and got["label"] == "INFRA\ufffd"
    store.update(rec["id"], note="later \ud83d")  # later saves still work
    assert AnnotationStore(store.path, text=TEXT).get(rec["id"])["note"] == "later \ufffd"


def test_surrogate_escapes_in_the_file_are_cleaned_on_load(store):
    rec = store.add(*_span("mayor"), "ROLE", note="n")
    data = json.loads(store.path.read_text(encoding="utf-8"))
    data["annotations"][0]["label"] = "RO\ud800LE"
    store.path.write_text(json.dumps(data), encoding="utf-8")  # written as a \ud800 escape
    got = AnnotationStore(store.path, text=TEXT).get(rec["id"])
    assert got["label"] == "RO\ufffdLE" and not got["orphan"]


def test_an_unknown_layer_in_the_file_is_an_orphan_with_its_reason(store):
    rec = store.add(*_span("mayor"), "ROLE")
    data = json.loads(store.path.read_text(encoding="utf-8"))
    data["annotations"][0]["layer"] = '"><img src=x onerror=alert(1)>'
    store.path.write_text(json.dumps(data), encoding="utf-8")
    got = AnnotationStore(store.path, text=TEXT).get(rec["id"])
    assert got["orphan"] and "'layer'" in got["orphan_reason"]
    assert got["layer"] == "entities"


@pytest.mark.parametrize("bad", [None, 5, "x", [1]])
def test_put_refuses_what_is_not_a_record(store, bad):
    with pytest.raises(ToolkitError) as info:
        store.put(bad)
    assert info.value.code == "TK771"


@pytest.mark.parametrize("field,value", [("label", 5), ("start", "3"), ("layer", "x"),
                                         ("end", 10**9), ("note", {"a": 1})])
def test_put_refuses_a_record_with_a_bad_field_and_keeps_the_old_one(store, field, value):
    rec = store.add(*_span("bridge"), "INFRA")
    with pytest.raises(ToolkitError) as info:
        store.put({**rec, field: value})
    assert info.value.code == "TK771"
    assert AnnotationStore(store.path, text=TEXT).get(rec["id"])["label"] == "INFRA"


def test_put_never_places_a_record_on_other_words(store):
    rec = store.add(*_span("bridge"), "INFRA")
    start, end = _span("north")
    put = store.put({**rec, "start": start, "end": end})  # exact still says "bridge"
    assert TEXT[put["start"]:put["end"]] == "bridge" or put["orphan"]


@pytest.mark.parametrize("bad", [None, 5, [1], {"a": 1}])
def test_get_and_delete_with_an_id_that_is_not_text_are_tk205(store, bad):
    for call in (store.get, store.delete):
        with pytest.raises(ToolkitError) as info:
            call(bad)
        assert info.value.code == "TK205"


@pytest.mark.parametrize("bad", [None, 5, ["x"], {"layer": "entities"}])
def test_decide_with_a_highlight_that_is_not_one_is_numbered(store, bad):
    with pytest.raises(ToolkitError) as info:
        store.decide(bad, status="verified")
    assert info.value.code == "TK772"


@pytest.mark.parametrize("kwargs,code", [({"path": 5}, "TK770"), ({"path": b"x"}, "TK770"),
                                         ({"annotator": 5}, "TK231"),
                                         ({"annotator": ["a"]}, "TK231"),
                                         ({"text": 5}, "TK770"), ({"text": b"x"}, "TK770")])
def test_store_arguments_of_the_wrong_kind_are_numbered(kwargs, code):
    path = kwargs.pop("path", None)
    with pytest.raises(ToolkitError) as info:
        AnnotationStore(path, **kwargs)
    assert info.value.code == code


def test_a_fifo_as_store_file_opens_read_only_instead_of_blocking(tmp_path):
    path = tmp_path / "a.annotations.json"
    os.mkfifo(path)
    store = AnnotationStore.open_readonly_or_error(path, text=TEXT)
    assert store.read_only and store.error.code == "TK201"


@pytest.mark.parametrize("article", [5, ["x"], "zz", None])
def test_a_bad_article_block_in_the_file_does_not_break_opening(store, article):
    rec = store.add(*_span("mayor"), "ROLE")
    data = json.loads(store.path.read_text(encoding="utf-8"))
    data["article"] = article if article != "zz" else {"sha256": 5, "path": 7}
    store.path.write_text(json.dumps(data), encoding="utf-8")
    again = AnnotationStore(store.path, text=TEXT)
    assert again.get(rec["id"])["start"] == rec["start"]
    again.to_jsonld()


# -- records handed to the renderers ------------------------------------------------------

@pytest.mark.parametrize("row", [{"id": "x", "start": None, "end": 5, "label": "P"},
                                 {"id": "x", "start": "0", "end": 5, "label": "P"},
                                 {"id": "x", "start": 0, "end": 5, "label": 5},
                                 {"id": "x", "start": 0, "end": 5, "label": "P", "note": [1]},
                                 {"id": "x", "start": 9, "end": 2, "label": "P"},
                                 {"id": "x", "start": float("nan"), "end": 5, "label": "P"}])
def test_records_of_the_wrong_kind_become_orphans_not_crashes(row):
    store = AnnotationStore.from_records([row], TEXT)
    (rec,) = store.records
    assert rec["orphan"] and rec["orphan_reason"].startswith("invalid record")
    assert store.apply([]) == []


def test_whole_float_offsets_from_a_dataframe_are_kept():
    start, end = _span("bridge")
    store = AnnotationStore.from_records(
        [{"id": "x", "start": float(start), "end": float(end), "label": "INFRA",
          "text": "bridge"}], TEXT)
    (rec,) = store.records
    assert not rec["orphan"] and (rec["start"], rec["end"]) == (start, end)


@pytest.mark.parametrize("bad", [5, "records", {"a": 1}])
def test_from_records_refuses_what_is_not_a_list_of_records(bad):
    with pytest.raises(ToolkitError) as info:
        AnnotationStore.from_records(bad, TEXT)
    assert info.value.code == "TK770"


# -- the engine: text shapes that were slow or raised ---------------------------------------

@pytest.mark.parametrize("text", ["🇺🇦" * 3000, "x " + '"' * 3000 + "  y  ",
                                  "  " + "(" * 2500 + " a\n\nb " + "a" * 1500 + " c", "ok."])
def test_long_runs_without_spaces_are_tokenized_in_pieces_keeping_the_text(text):
    import spacy

    from toolkit.runner import LONG_RUN, make_doc

    nlp = spacy.blank("en")
    doc = make_doc(nlp, text)
    assert doc.text == text
    assert all(len(t) <= max(LONG_RUN, 200) for t in doc)


def test_a_long_run_of_symbols_is_analysed(nlp):
    import toolkit

    text = "The minister said 5 km. " + "“" * 3000 + " Then he left."
    analysis = toolkit.analyze_text(text, nlp=nlp)
    assert analysis.text == text


@pytest.mark.parametrize("metadata", ["abc", 5, ["x"]])
def test_analyze_text_with_metadata_that_is_not_a_dict_is_tk761(metadata):
    import toolkit

    with pytest.raises(ToolkitError) as info:
        toolkit.analyze_text("The minister spoke.", metadata=metadata)
    assert info.value.code == "TK761"


def test_a_zero_count_before_a_unit_does_not_break_the_dates_layer(nlp):
    import toolkit

    analysis = toolkit.analyze_text("It lasted 0\nmonths, then 3 days from Monday.",
                                    published="2025-03-13", nlp=nlp)
    assert analysis.problems.empty


# -- the public API and the command line ------------------------------------------------------

def test_load_article_with_a_nul_in_the_encoding_is_tk006(tmp_path):
    from toolkit.article import load_article

    path = tmp_path / "a.txt"
    path.write_text("The minister spoke.", encoding="utf-8")
    with pytest.raises(ToolkitError) as info:
        load_article(path, encoding="utf\x008")
    assert info.value.code == "TK006"


def test_load_article_with_a_huge_max_bytes_reads_the_file(tmp_path):
    from toolkit.article import load_article

    path = tmp_path / "a.txt"
    path.write_text("The minister spoke.", encoding="utf-8")
    assert load_article(path, max_bytes=10**100).text == "The minister spoke."


@pytest.mark.parametrize("bad", [None, 5, b"x.ipynb", "", "a\x00b.ipynb"])
def test_share_and_freeze_refuse_what_is_not_a_path(tmp_path, bad):
    from toolkit.share import freeze, share_notebook

    for call in (lambda: share_notebook(bad, tmp_path / "o.html"),
                 lambda: freeze(bad, tmp_path / "o.ipynb")):
        with pytest.raises(ToolkitError) as info:
            call()
        assert info.value.code in ("TK772", "TK310")


def test_import_jsonl_of_an_empty_name_or_a_long_line_is_numbered(store):
    assert store.import_jsonl("") == {"added": [], "orphans": []}  # not the folder "."
    with pytest.raises(ToolkitError) as info:
        store.import_jsonl("x" * 5000)  # a name too long: read as a line, not a file
    assert info.value.code == "TK206"


def _cli(argv, capsys):
    from toolkit.__main__ import main

    code = main(argv)
    err = capsys.readouterr().err
    return code, [line for line in err.splitlines() if line.startswith("error:")], err


@pytest.mark.parametrize("output", ["y" * 300, "a\x00b"])
def test_cli_output_names_too_long_or_with_nul_are_one_numbered_line(tmp_path, capsys, output):
    article = tmp_path / "a.txt"
    article.write_text("The minister spoke.", encoding="utf-8")
    for argv in (["analyze", str(article), "--format", "csv", "-o", str(tmp_path / output)],
                 ["analyze", str(article), "-o", str(tmp_path / output)],
                 ["share", str(tmp_path / ("n" * 300 + ".ipynb"))]):
        code, errors, err = _cli(argv, capsys)
        assert code == 2 and len(errors) == 1 and "[TK" in errors[0], err
        assert "Traceback" not in err and "TK056" not in err


def test_render_html_refuses_what_is_not_an_analysis_or_a_layer_list():
    from toolkit.widgets.static import render_html

    for call, code in ((lambda: render_html("text"), "TK772"),
                       (lambda: render_html(None), "TK772")):
        with pytest.raises(ToolkitError) as info:
            call()
        assert info.value.code == code


def test_report_of_an_article_whose_file_name_is_not_utf8(tmp_path, nlp):
    import toolkit

    name = tmp_path / os.fsdecode(b"caf\xe9.txt")
    name.write_text("The minister said 5 km on Thursday.", encoding="utf-8")
    analysis = toolkit.analyze(name, nlp=nlp)
    out = toolkit.write_report(analysis, tmp_path / "r.html", images=False)
    assert "caf\ufffd" in out.read_text(encoding="utf-8")


@pytest.mark.parametrize("bad", [None, 5, b"folder", ["x", 3]])
def test_corpus_entry_points_refuse_what_is_not_a_path(tmp_path, bad):
    import toolkit

    with pytest.raises(ToolkitError) as info:
        toolkit.analyze_corpus(bad, tmp_path / "out", progress=False)
    assert info.value.code == "TK600"
    if not isinstance(bad, list):
        with pytest.raises(ToolkitError) as info:
            toolkit.open_corpus(bad)
        assert info.value.code == "TK604"


@pytest.mark.parametrize("command", [["analyze", "{a}", "--format", "csv"], ["corpus", "{d}"],
                                     ["open", "{a}", "--no-lab"], ["report", "{a}"]])
def test_an_empty_output_name_is_a_usage_error_not_the_current_folder(tmp_path, capsys,
                                                                      monkeypatch, command):
    article = tmp_path / "a.txt"
    article.write_text("The minister spoke.", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    argv = [a.format(a=article, d=tmp_path) for a in command] + ["-o", ""]
    code, errors, err = _cli(argv, capsys)
    assert code == 2 and len(errors) == 1 and "[TK058]" in errors[0], err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]


def test_corpus_reads_a_deeply_nested_sidecar_without_a_raw_error(tmp_path):
    """The corpus' fingerprint reads the publication date with the one metadata
    reader: a sidecar nested thousands deep is left to the worker's numbered error."""
    from toolkit.corpus.run import fingerprint

    article = tmp_path / "a.txt"
    article.write_text("The council met on Monday.\n", encoding="utf-8")
    (tmp_path / "a.meta.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    row = fingerprint(article, None)
    assert row["published"] is None and "error" not in row


@pytest.mark.parametrize("blank", ["", "   "])
def test_a_blank_corpus_source_is_refused_not_the_working_folder(tmp_path, monkeypatch, blank):
    import toolkit

    (tmp_path / "story.txt").write_text("The minister said 5 km on Thursday.", encoding="utf-8")
    monkeypatch.chdir(tmp_path)  # "" would otherwise find story.txt here
    with pytest.raises(ToolkitError) as info:
        toolkit.analyze_corpus(blank, tmp_path / "out", progress=False)
    assert info.value.code == "TK600"


def test_a_corpus_folder_skips_hidden_folders_and_files(tmp_path):
    from toolkit.corpus.run import discover

    for name in ("a.txt", "sub/b.md", ".venv/lib/LICENSE.txt", ".git/c.txt",
                 "sub/.ipynb_checkpoints/b-checkpoint.md", ".hidden.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("The minister spoke.", encoding="utf-8")
    found = [p.relative_to(tmp_path.resolve()).as_posix() for p in discover(tmp_path)]
    assert found == ["a.txt", "sub/b.md"]
    # a hidden file named on its own is still read: the analyst asked for it
    assert discover(tmp_path / ".hidden.txt")[0].name == ".hidden.txt"
