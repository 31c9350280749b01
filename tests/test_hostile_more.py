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
