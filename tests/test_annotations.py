"""The annotation store: round trips, saving under faults, two writers,
re-anchoring after the text changed, and the JSON-LD / JSONL exports."""

from __future__ import annotations

import json
import multiprocessing
import os
import subprocess
import sys
import textwrap

import pytest

from toolkit.annotations import AnnotationStore, anchor, quote_selector
from toolkit.errors import ToolkitError

TEXT = ("The minister said the plan would cost 40 million euros. Critics said the plan "
        "was late. The minister denied it on Tuesday.")


def _at(text: str, word: str, nth: int = 0) -> tuple[int, int]:
    pos = -1
    for _ in range(nth + 1):
        pos = text.index(word, pos + 1)
    return pos, pos + len(word)


@pytest.fixture
def store_path(tmp_path):
    return tmp_path / "article.txt.annotations.json"


def test_round_trip_keeps_every_field_and_w3c_selectors(store_path):
    store = AnnotationStore(store_path, text=TEXT, author="ana")
    rec = store.add(*_at(TEXT, "40 million euros"), "MONEY", note="source?",
                    status="needs source", layer="figures")
    raw = json.loads(store_path.read_text(encoding="utf-8"))
    saved = raw["annotations"][0]
    assert saved["target"]["selector"] == [
        {"type": "TextPositionSelector", "start": rec["start"], "end": rec["end"]},
        {"type": "TextQuoteSelector", "exact": "40 million euros",
         "prefix": TEXT[max(0, rec["start"] - 32):rec["start"]],
         "suffix": TEXT[rec["end"]:rec["end"] + 32]}]
    assert saved["creator"] == "ana" and saved["provenance"] == "analyst"
    assert saved["created"] and saved["modified"]
    again = AnnotationStore(store_path, text=TEXT)
    assert again.records == store.records
    assert again.get(rec["id"])["note"] == "source?"


def test_code_point_offsets_with_astral_characters(store_path):
    text = "Rally 🎉🎉 in Kyiv, then Lviv."
    store = AnnotationStore(store_path, text=text)
    rec = store.add(*_at(text, "Kyiv"), "GPE")
    assert text[rec["start"]:rec["end"]] == "Kyiv"
    assert rec["start"] == 12  # code points, not UTF-16 units (which would give 14)


def test_updates_and_bad_values_are_refused_with_numbered_errors(store_path):
    store = AnnotationStore(store_path, text=TEXT)
    rec = store.add(0, 3, "X")
    with pytest.raises(ToolkitError) as err:
        store.update(rec["id"], status="maybe")
    assert err.value.code == "TK204"
    with pytest.raises(ToolkitError) as err:
        store.update(rec["id"], start=5)
    assert err.value.code == "TK210"
    with pytest.raises(ToolkitError) as err:
        store.add(10, 10, "X")
    assert err.value.code == "TK203"
    with pytest.raises(ToolkitError) as err:
        store.add(0, len(TEXT) + 1, "X")
    assert err.value.code == "TK203"
    with pytest.raises(ToolkitError) as err:
        store.get("an_missing")
    assert err.value.code == "TK205"
    with pytest.raises(ToolkitError) as err:
        AnnotationStore(None).add(0, 3, "X")
    assert err.value.code == "TK207"


def test_every_change_is_saved_and_the_previous_version_kept(store_path):
    store = AnnotationStore(store_path, text=TEXT)
    rec = store.add(*_at(TEXT, "minister"), "ROLE")
    first = store_path.read_text(encoding="utf-8")
    store.update(rec["id"], note="which one?")
    assert json.loads(store_path.read_text())["annotations"][0]["note"] == "which one?"
    assert store.backup_path.read_text(encoding="utf-8") == first
    store.delete(rec["id"])
    assert json.loads(store_path.read_text())["annotations"] == []


def test_interrupted_write_loses_nothing_saved_before(store_path, monkeypatch):
    store = AnnotationStore(store_path, text=TEXT)
    store.add(*_at(TEXT, "minister"), "ROLE", note="kept")
    before = store_path.read_bytes()

    import toolkit._files as annotations

    def crash(handle, payload):
        handle.write(payload[: len(payload) // 2])
        raise KeyboardInterrupt("power cut")

    monkeypatch.setattr(annotations, "_write_payload", crash)
    with pytest.raises(KeyboardInterrupt):
        store.add(*_at(TEXT, "Critics"), "NORP")
    assert store_path.read_bytes() == before
    assert [p.name for p in store_path.parent.iterdir() if p.name.endswith(".tmp")] == []
    monkeypatch.undo()
    assert [r["note"] for r in AnnotationStore(store_path, text=TEXT).records] == ["kept"]


def test_a_process_killed_mid_write_leaves_the_store_readable(store_path):
    store = AnnotationStore(store_path, text=TEXT)
    store.add(*_at(TEXT, "minister"), "ROLE", note="kept")
    script = textwrap.dedent(f"""
        import os
        import toolkit.annotations as a
        import toolkit._files as f
        def die(handle, payload):
            handle.write(payload[:40]); handle.flush()
            os._exit(9)
        s = a.AnnotationStore({str(store_path)!r}, text={TEXT!r})
        f._write_payload = die
        s.add(0, 3, "LOST")
    """)
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=60)
    assert proc.returncode == 9
    left = [p.name for p in store_path.parent.iterdir() if p.name.endswith("tmp")]
    assert left  # the killed save left its temporary file behind ...
    reopened = AnnotationStore(store_path, text=TEXT)
    assert [r["label"] for r in reopened.records] == ["ROLE"]
    # ... and the next open cleaned it up
    assert [p.name for p in store_path.parent.iterdir() if p.name.endswith("tmp")] == []


def test_corrupted_file_gives_a_numbered_error_and_is_never_overwritten(store_path):
    store = AnnotationStore(store_path, text=TEXT)
    store.add(0, 3, "X")
    broken = store_path.read_text(encoding="utf-8")[:-40] + "oops"
    store_path.write_text(broken, encoding="utf-8")
    with pytest.raises(ToolkitError) as err:
        AnnotationStore(store_path, text=TEXT)
    assert err.value.code == "TK201" and ".bak" in str(err.value)
    with pytest.raises(ToolkitError) as err:
        store.add(4, 12, "Y")  # the open store must not write over the broken file
    assert err.value.code == "TK201"
    assert store_path.read_text(encoding="utf-8") == broken


@pytest.mark.parametrize("content", ['{"format": "other"}', "[]", '{"format": '
                                     '"toolkit.annotations", "version": 1, "annotations": '
                                     '{"id": "a"}}', "\udcff".encode("utf-8", "surrogatepass")
                                     .decode("latin-1")])
def test_hand_broken_files_are_refused(store_path, content):
    store_path.write_text(content, encoding="latin-1" if "\udcff" not in content else "latin-1")
    with pytest.raises(ToolkitError) as err:
        AnnotationStore(store_path)
    assert err.value.code == "TK201"
    assert store_path.read_text(encoding="latin-1") == content


def _writer(path: str, tag: str, n: int, barrier) -> None:
    store = AnnotationStore(path, text=TEXT, author=tag)
    barrier.wait()
    for i in range(n):
        store.add(i, i + 3, f"{tag}{i}")


def test_two_writers_in_two_processes_lose_no_update(store_path):
    ctx = multiprocessing.get_context("spawn")
    barrier = ctx.Barrier(2)
    procs = [ctx.Process(target=_writer, args=(str(store_path), tag, 12, barrier))
             for tag in ("a", "b")]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
        assert p.exitcode == 0
    labels = sorted(r["label"] for r in AnnotationStore(store_path).records)
    assert labels == sorted([f"a{i}" for i in range(12)] + [f"b{i}" for i in range(12)])


def test_two_writers_merge_updates_and_deletions(store_path):
    one = AnnotationStore(store_path, text=TEXT)
    kept = one.add(0, 3, "K")
    gone = one.add(4, 12, "G")
    two = AnnotationStore(store_path, text=TEXT)
    one.update(kept["id"], note="from one")
    two.delete(gone["id"])
    two.add(13, 17, "NEW")
    one.update(kept["id"], status="verified")  # one never saw the delete or the add
    final = {r["label"]: r for r in AnnotationStore(store_path).records}
    assert set(final) == {"K", "NEW"}
    assert final["K"]["note"] == "from one" and final["K"]["status"] == "verified"


# -- re-anchoring ------------------------------------------------------------------

def test_reanchor_follows_an_edit_before_the_annotation(store_path):
    store = AnnotationStore(store_path, text=TEXT)
    rec = store.add(*_at(TEXT, "Critics"), "NORP", note="who?")
    new = "UPDATED: " + TEXT
    report = AnnotationStore(store_path).bind(new)
    moved = AnnotationStore(store_path, text=new).get(rec["id"])
    assert new[moved["start"]:moved["end"]] == "Critics"
    assert report[0]["how"] == "quote" and not moved["orphan"]


def test_reanchor_picks_the_repeat_whose_context_matches(store_path):
    store = AnnotationStore(store_path, text=TEXT)
    second = _at(TEXT, "the plan", nth=1)
    rec = store.add(*second, "PLAN")
    new = TEXT.replace("The minister said", "The minister, speaking in Paris, said")
    store2 = AnnotationStore(store_path, text=new)
    got = store2.get(rec["id"])
    assert (got["start"], got["end"]) == _at(new, "the plan", nth=1)


def test_words_changed_a_little_are_an_orphan_not_a_guess(store_path):
    text = TEXT
    store = AnnotationStore(store_path, text=text)
    rec = store.add(*_at(text, "would cost 40 million euros"), "CLAIM")
    new = text.replace("would cost 40 million euros", "would cost 45 million euros")
    got = AnnotationStore(store_path, text=new).get(rec["id"])
    assert got["orphan"] and "no longer in the text" in got["orphan_reason"]


def test_an_annotation_whose_words_are_gone_is_an_orphan_never_dropped(store_path):
    store = AnnotationStore(store_path, text=TEXT)
    rec = store.add(*_at(TEXT, "Critics said the plan was late."), "CLAIM", note="keep me")
    new = TEXT.replace(" Critics said the plan was late.", "")
    store2 = AnnotationStore(store_path)
    report = store2.bind(new)
    assert [r["how"] for r in report] == ["orphan"]
    orphan = store2.get(rec["id"])
    assert orphan["orphan"] and orphan["note"] == "keep me"
    assert store2.apply([]) == []  # not drawn on other words
    on_disk = json.loads(store_path.read_text(encoding="utf-8"))["annotations"]
    assert on_disk[0]["orphan"] is True and on_disk[0]["note"] == "keep me"
    # When the words come back, so does the annotation.
    store2.bind(TEXT)
    assert not store2.get(rec["id"])["orphan"]


def test_ambiguous_repeats_become_orphans_not_guesses():
    text = "He said no. He said no. He said no."
    q = quote_selector(text, 12, 23)
    edited = "Later: He said no. He said no."
    # The saved context ("He said no. " before, " He said no." after) fits both places.
    assert anchor(edited, 12, 23, q["exact"], "xx", "yy") is None
    assert anchor("Nothing like it.", 12, 23, q["exact"], q["prefix"], q["suffix"]) is None


def test_a_short_word_is_not_moved_onto_another_mention_without_context():
    text = "Putin met Trump. Later, Trump left."
    q = quote_selector(text, 10, 15)  # the first "Trump"
    new = "Putin met Biden. Later, Trump left."
    assert anchor(new, 10, 15, q["exact"], q["prefix"], q["suffix"]) is None


# -- applying decisions and exports --------------------------------------------------

def _engine(text):
    s, e = _at(text, "minister")
    q0, q1 = _at(text, "the plan would cost 40 million euros")
    return [{"id": f"entities:{s}-{e}", "layer": "entities", "label": "ORG", "start": s,
             "end": e, "text": text[s:e], "attrs": {}},
            {"id": f"quotes:{q0}-{q1}", "layer": "quotes", "label": "reported", "start": q0,
             "end": q1, "text": text[q0:q1], "attrs": {"speaker": "The minister"}}]


def test_decisions_override_the_engine_when_analysed_again(store_path):
    store = AnnotationStore(store_path, text=TEXT)
    ent, quote = _engine(TEXT)
    store.decide(ent, label="ROLE")
    store.decide(quote, speaker="Finance minister", status="verified")
    new = "Breaking. " + TEXT
    again = AnnotationStore(store_path, text=new)
    applied = {h["layer"]: h for h in again.apply(_engine(new))}
    assert applied["entities"]["label"] == "ROLE"
    assert applied["entities"]["engine_label"] == "ORG"
    assert applied["quotes"]["attrs"]["speaker"] == "Finance minister"
    assert applied["quotes"]["status"] == "verified"
    assert len(again.apply(_engine(new))) == 2  # decisions do not duplicate spans


def test_jsonld_export(store_path, tmp_path):
    store = AnnotationStore(store_path, text=TEXT, source=str(tmp_path / "a.txt"))
    store.add(*_at(TEXT, "Critics"), "NORP", note="who?")
    doc = store.to_jsonld()
    assert "http://www.w3.org/ns/anno.jsonld" in doc["@context"]
    item = doc["first"]["items"][0]
    assert item["type"] == "Annotation"
    assert {b["purpose"]: b["value"] for b in item["body"]} == {"tagging": "NORP",
                                                                  "commenting": "who?"}
    types = [s["type"] for s in item["target"]["selector"]]
    assert types == ["TextPositionSelector", "TextQuoteSelector"]
    assert item["target"]["source"].startswith("file://")
    out = store.export_jsonld(tmp_path / "out.jsonld")
    assert json.loads(out.read_text(encoding="utf-8")) == doc


def test_jsonl_export_and_import_round_trip(store_path, tmp_path):
    store = AnnotationStore(store_path, text=TEXT)
    ent, quote = _engine(TEXT)
    store.decide(quote, decision="rejected")
    store.add(*_at(TEXT, "Critics"), "NORP")
    line = json.loads(store.to_jsonl([ent, quote]))
    assert line["text"] == TEXT
    spans = {(s["start"], s["end"], s["label"]) for s in line["spans"]}
    assert spans == {(ent["start"], ent["end"], "ORG"), (*_at(TEXT, "Critics"), "NORP")}
    assert sorted(map(tuple, line["label"])) == sorted(spans)

    path = store.export_jsonl(tmp_path / "spans.jsonl", [ent, quote])
    other = AnnotationStore(tmp_path / "other.json", text="Breaking. " + TEXT)
    result = other.import_jsonl(path)
    placed = {(r["exact"], r["label"]) for r in other.records}
    assert placed == {("minister", "ORG"), ("Critics", "NORP")}
    assert result["orphans"] == []
    assert other.import_jsonl(path)["added"] == []  # no duplicates on a second import


def test_jsonl_import_reports_spans_that_do_not_fit_and_bad_lines(store_path):
    store = AnnotationStore(store_path, text=TEXT)
    foreign = json.dumps({"text": "A different article about Zanzibar.",
                          "spans": [{"start": 26, "end": 34, "label": "GPE"}]})
    result = store.import_jsonl(foreign + "\n")
    assert result["added"] == [] and result["orphans"][0]["text"] == "Zanzibar"
    with pytest.raises(ToolkitError) as err:
        store.import_jsonl('{"text": "x", "spans": [{"start": 0}]}\n')
    assert err.value.code == "TK206"


def test_the_store_is_diff_friendly(store_path):
    store = AnnotationStore(store_path, text=TEXT)
    store.add(20, 24, "B")
    store.add(0, 3, "A")
    raw = store_path.read_text(encoding="utf-8")
    assert raw.endswith("\n")
    lines = [line for line in raw.splitlines() if line.startswith('{"id":')]
    assert len(lines) == 2  # one annotation per line: a change is a one-line diff
    starts = [a["target"]["selector"][0]["start"] for a in json.loads(raw)["annotations"]]
    assert starts == sorted(starts)
    assert not os.path.exists(store.lock_path) or os.path.getsize(store.lock_path) == 0  # holds no data


# -- re-anchoring at scale: repeated phrases, one edit --------------------------

import random  # noqa: E402
import re  # noqa: E402


def _templated(n_sentences: int = 600, seed: int = 7) -> str:
    """A text made of few phrases, many times over (like a templated report)."""
    rng = random.Random(seed)
    names = ["the minister", "the council", "the mayor", "a spokesperson"]
    verbs = ["said", "denied", "confirmed", "repeated"]
    tails = ["that the plan would cost 40 million euros.", "that the plan was late.",
             "on Tuesday.", "that the figures were wrong."]
    lines = ["Budget report"]
    for i in range(n_sentences):
        lines.append(f"{rng.choice(names).capitalize()} {rng.choice(verbs)} {rng.choice(tails)}")
        if i % 6 == 5:
            lines.append("")
    return "\n".join(lines) + "\n"


def _word_spans(text: str, n: int, seed: int = 3) -> list[tuple[int, int]]:
    words = [m.span() for m in re.finditer(r"[A-Za-z0-9]+", text)]
    rng = random.Random(seed)
    out = set()
    while len(out) < n:
        i = rng.randrange(len(words) - 3)
        out.add((words[i][0], words[i + rng.randint(0, 2)][1]))
    return sorted(out)


def _templated_store(path, text, n=300):
    rows = [{"id": f"an_{i:04d}", "start": s, "end": e, "exact": text[s:e], "label": "X"}
            for i, (s, e) in enumerate(_word_spans(text, n))]
    store = AnnotationStore.from_records(rows, text)
    if path is not None:
        store.path = path
        store.save()
    return store, rows


@pytest.mark.parametrize("reopen", [True, False], ids=["from-disk", "in-memory"])
def test_an_insertion_near_the_top_re_anchors_every_repeat_exactly(store_path, reopen):
    text = _templated()
    store, rows = _templated_store(store_path, text)
    cut = text.index("\n") + 1
    insert = "Editor's note: the minister said the plan was late. Updated on Tuesday.\n"
    edited = text[:cut] + insert + text[cut:]
    ambiguous = sum(1 for r in rows
                    if edited.count(text[max(0, r["start"] - 32):r["end"] + 32]) > 1)
    assert ambiguous > 20  # the test means something: many repeats in the same context
    if reopen:
        report = AnnotationStore(store_path, text=edited).last_reanchor
        records = AnnotationStore(store_path).records  # what was saved
    else:
        report = store.bind(edited)
        records = store.records
    assert [r for r in records if r["orphan"]] == []
    by_id = {r["id"]: r for r in records}
    for row in rows:
        rec = by_id[row["id"]]
        shift = len(insert) if row["start"] >= cut else 0
        assert (rec["start"], rec["end"]) == (row["start"] + shift, row["end"] + shift)
        assert edited[rec["start"]:rec["end"]] == row["exact"]
    assert len(report) == sum(1 for r in rows if r["start"] >= cut)


def test_a_deletion_moves_what_follows_and_orphans_only_what_went(tmp_path):
    text = _templated(seed=11)
    store, rows = _templated_store(tmp_path / "a.json", text)
    lo = text.index("\n", len(text) // 3) + 1
    hi = text.index("\n", lo + 400) + 1
    edited = text[:lo] + text[hi:]
    reopened = AnnotationStore(tmp_path / "a.json", text=edited)
    by_id = {r["id"]: r for r in reopened.records}
    for row in rows:
        rec = by_id[row["id"]]
        if row["end"] <= lo or row["start"] >= hi:
            shift = 0 if row["end"] <= lo else lo - hi
            assert not rec["orphan"], row
            assert (rec["start"], rec["end"]) == (row["start"] + shift, row["end"] + shift)
        elif not rec["orphan"]:
            # The words were deleted; if they are placed again, on the same words.
            assert edited[rec["start"]:rec["end"]] == row["exact"]
    assert len(reopened) == len(rows)  # orphans kept, never dropped


def test_a_replacement_inside_an_annotation_makes_it_an_orphan(store_path):
    text = _templated(seed=5)
    middle = text.index("\n\n", len(text) // 2) + 2
    text = text[:middle] + "The auditor found 17 unpaid invoices in the harbour office.\n" \
        + text[middle:]
    store, rows = _templated_store(store_path, text, n=200)
    long_start = text.index("that the plan would cost 40 million euros")
    long = store.add(long_start, long_start + len("that the plan would cost 40 million euros"),
                     "CLAIM")
    short = store.add(*_at(text, "Budget"), "TITLE")
    auditor = store.add(*_at(text, "found 17 unpaid invoices in the harbour"), "FINDING")
    edited = (text[:short["start"]] + "Spending" + text[short["end"]:long_start + 25]
              + "45" + text[long_start + 27:])
    edited = edited.replace("found 17 unpaid", "found 19 unpaid")
    assert edited.count("45 million") == 1
    reopened = AnnotationStore(store_path, text=edited)
    assert reopened.get(long["id"])["orphan"]
    assert reopened.get(short["id"])["orphan"]  # one short word replaced: gone
    assert reopened.get(auditor["id"])["orphan"]  # its words changed: not guessed
    for rec in reopened.records:
        if not rec["orphan"]:
            assert edited[rec["start"]:rec["end"]] == rec["exact"]


def test_a_save_writes_only_after_merging_what_another_writer_saved(store_path):
    text = _templated(n_sentences=60)
    first, _ = _templated_store(store_path, text, n=20)
    second = AnnotationStore(store_path, text=text)
    a = second.update(second.records[0]["id"], note="from the second")
    first.update(first.records[1]["id"], note="from the first")  # the file changed: merge
    notes = {r["id"]: r["note"] for r in AnnotationStore(store_path).records}
    assert notes[a["id"]] == "from the second"
    assert notes[first.records[1]["id"]] == "from the first"
