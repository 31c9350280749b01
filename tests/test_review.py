"""Team review: analysts' own files, agreement against reference libraries,
adjudication into the settled version, old single-file stores."""

from __future__ import annotations

import json
import math
import multiprocessing
import os
import types

import krippendorff
import numpy as np
import pytest
from sklearn.metrics import cohen_kappa_score

from toolkit.annotations import AnnotationStore, analyst_store_path, settled_store_path
from toolkit.review import Review, agreement
from toolkit.review.agreement import span_agreement

WORDS = ["Alpha", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot", "Golf", "Hotel",
         "India", "Juliet", "Kilo", "Lima"]
TEXT = " ".join(f"{w} met the committee on day {i}." for i, w in enumerate(WORDS))


def _spans():
    out, pos = [], 0
    for w in WORDS:
        pos = TEXT.index(w, pos)
        out.append((pos, pos + len(w)))
    return out


@pytest.fixture
def article(tmp_path):
    path = tmp_path / "report.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


def _analysis(article):
    art = types.SimpleNamespace(path=str(article))
    return types.SimpleNamespace(article=art, text=TEXT)


def _judge(article, who, verdicts):
    """One analyst's verdicts on the engine's PERSON items: 'c' confirm,
    'r' reject, a label to relabel, None for no verdict."""
    store = AnnotationStore.for_analysis(_analysis(article), annotator=who)
    for (s, e), v in zip(_spans(), verdicts):
        if v is None:
            continue
        h = {"layer": "entities", "label": "PERSON", "start": s, "end": e, "id": f"e{s}"}
        if v == "c":
            store.decide(h, decision="confirmed")
        elif v == "r":
            store.decide(h, decision="rejected")
        else:
            store.decide(h, label=v)
    return store


def _reference(a, b):
    va = ["rejected" if x == "r" else ("PERSON" if x == "c" else x) for x in a]
    vb = ["rejected" if x == "r" else ("PERSON" if x == "c" else x) for x in b]
    kappa = cohen_kappa_score(va, vb)
    cats = sorted(set(va) | set(vb))
    data = np.array([[cats.index(x) for x in va], [cats.index(x) for x in vb]], dtype=float)
    alpha = krippendorff.alpha(reliability_data=data, level_of_measurement="nominal")
    return kappa, alpha, sum(x == y for x, y in zip(va, vb)) / len(va)


CASES = {
    "full agreement": ("ccrrccrrcrcr", "ccrrccrrcrcr"),
    "none": ("cccccc" "rrrrrr", "rrrrrr" "cccccc"),
    "chance level": ("crcrcrcrcrcr", "ccrrccrrccrr"),
    "three labels": ("ccrrOOccrrOO", "ccrOOrcrrOOc"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_agreement_equals_the_reference_libraries(article, case):
    a, b = CASES[case]
    _judge(article, "alice", list(a))
    _judge(article, "bob", list(b))
    table = agreement(article)
    row = table[(table.layer == "entities") & (table.label == "(all)")].iloc[0]
    kappa, alpha, observed = _reference(a, b)
    assert row["judged_by_2"] == len(a)
    assert row["observed"] == pytest.approx(observed)
    assert row["cohen_kappa"] == pytest.approx(kappa)
    assert row["krippendorff_alpha"] == pytest.approx(alpha)
    if case == "full agreement":
        assert row["cohen_kappa"] == pytest.approx(1.0) and row["observed"] == 1.0
    if case == "none":
        assert row["observed"] == 0.0 and row["cohen_kappa"] < 0
    if case == "chance level":
        assert abs(row["cohen_kappa"]) < 0.2


def test_agreement_with_a_missing_verdict_and_three_analysts(article):
    _judge(article, "alice", list("ccrrccrrcrcr"))
    _judge(article, "bob", list("ccrrccrrcrc") + [None])
    _judge(article, "carol", list("crrrccrrcrcr"))
    table = agreement(article)
    row = table[(table.layer == "entities") & (table.label == "(all)")].iloc[0]
    assert math.isnan(row["cohen_kappa"])  # kappa is for two analysts
    code = {"PERSON": 0, "rejected": 1}
    rows = []
    for verdicts in ("ccrrccrrcrcr", "ccrrccrrcrc", "crrrccrrcrcr"):
        vals = [code["rejected" if x == "r" else "PERSON"] for x in verdicts]
        rows.append(vals + [np.nan] * (12 - len(vals)))
    ref = krippendorff.alpha(reliability_data=np.array(rows, dtype=float),
                             level_of_measurement="nominal")
    assert row["krippendorff_alpha"] == pytest.approx(ref)


def test_span_agreement_exact_and_overlapping():
    exact, overlap = span_agreement({"a": [(0, 5), (10, 20)], "b": [(0, 5), (12, 18), (30, 40)]})
    assert exact == pytest.approx(2 * 1 / 5)
    assert overlap == pytest.approx((2 + 2) / 5)


def _annotate_as(path_text, who, n):
    path, text = path_text
    analysis = types.SimpleNamespace(article=types.SimpleNamespace(path=path), text=text)
    store = AnnotationStore.for_analysis(analysis, annotator=who)
    for (s, e) in _spans()[:n]:
        store.add(s, e, f"TAG-{who}")


def test_two_processes_annotating_as_different_analysts_lose_nothing(article):
    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=_annotate_as, args=((str(article), TEXT), who, 12))
             for who in ("alice", "bob")]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
        assert p.exitcode == 0
    for who in ("alice", "bob"):
        path = analyst_store_path(article, who)
        recs = AnnotationStore(path).records
        assert len(recs) == 12 and {r["label"] for r in recs} == {f"TAG-{who}"}
        assert {r["author"] for r in recs} == {who}
        raw = json.loads(path.read_text(encoding="utf-8"))["annotations"][0]
        assert raw["creator"] == who and raw["created"] and raw["modified"]


def test_an_old_single_file_store_loads_and_reads_as_one_anonymous_analyst(article):
    old = article.with_name(article.name + ".annotations.json")  # report.txt.annotations.json
    store = AnnotationStore(old, text=TEXT)
    rec = store.add(*_spans()[0], "PERSON", note="from before the upgrade")
    before = old.read_bytes()
    from toolkit.review import analyst_files

    assert list(analyst_files(article)) == ["anonymous"]
    reopened = AnnotationStore.for_analysis(_analysis(article), settled=True)
    assert reopened.path == settled_store_path(article)
    assert reopened.get(rec["id"])["note"] == "from before the upgrade"
    assert settled_store_path(article).read_bytes() == before  # migrated without loss
    assert not old.exists() and old.with_name(old.name + ".migrated").read_bytes() == before


def test_review_settles_into_the_settled_file_and_leaves_the_analysts_alone(article):
    _judge(article, "alice", list("ccrrcc") + [None] * 6)
    _judge(article, "bob", list("crrOcc") + [None] * 6)
    own = {w: analyst_store_path(article, w).read_bytes() for w in ("alice", "bob")}
    review = Review(_analysis(article), reviewer="rita")
    assert len(review.disagreements) == 2
    first = review.item(0)
    assert [c["annotator"] for c in first["choices"]] == ["alice", "bob"]
    assert [c["verdict"] for c in first["choices"]] == ["PERSON", "rejected"]
    review.accept(0, 2)
    review.decide(1, label="ORG", decision="confirmed")
    review.undo()
    review.accept(1, "alice")
    settled = AnnotationStore(settled_store_path(article))
    recs = {(r["start"], r["end"]): r for r in settled.records}
    assert len(recs) == 6  # four agreed items copied, two settled
    spans = _spans()
    assert recs[spans[1]]["decision"] == "rejected"
    assert recs[spans[3]]["decision"] == "rejected" and recs[spans[3]]["label"] == "PERSON"
    assert all(r["author"] == "rita" for r in recs.values())
    assert sorted(s.split(":")[0] for s in recs[spans[1]]["settles"]) == ["alice", "bob"]
    assert {w: analyst_store_path(article, w).read_bytes() for w in own} == own
    assert review.next() is None  # everything settled


def test_review_view_keys_accept_and_undo_through_messages(article):
    from toolkit.widgets.review import ReviewView

    _judge(article, "alice", list("ccrr") + [None] * 8)
    _judge(article, "bob", list("crrc") + [None] * 8)
    view = ReviewView(_analysis(article), reviewer="rita")
    assert len(view.items) == 2 and view.annotators == ["alice", "bob"]
    view._on_msg(view, {"type": "accept", "index": 0, "choice": 2}, [])
    assert view.items[0]["settled"]["verdict"] == "rejected" and view.current == 1
    view._on_msg(view, {"type": "undo"}, [])
    assert not view.items[0]["settled"]["present"]
    view._on_msg(view, {"type": "decide", "index": 1, "label": "ORG"}, [])
    settled = AnnotationStore(settled_store_path(article)).records
    assert any(r["label"] == "ORG" and r["author"] == "rita" for r in settled)
    view._on_msg(view, {"type": "accept", "index": 0, "choice": 7}, [])
    assert "TK236" in view.message


def test_notes_row_compares_who_wrote_a_note(article):
    a = _judge(article, "alice", list("cccc") + [None] * 8)
    b = _judge(article, "bob", list("cccc") + [None] * 8)
    for store, flags in ((a, [1, 1, 0, 0]), (b, [1, 0, 1, 0])):
        for rec, flag in zip(store.records, flags):
            if flag:
                store.update(rec["id"], note="check")
    table = agreement(article)
    row = table[table.layer == "notes"].iloc[0]
    assert row["judged_by_2"] == 4 and row["observed"] == pytest.approx(0.5)
    ref = cohen_kappa_score(["n", "n", "-", "-"], ["n", "-", "n", "-"])
    assert row["cohen_kappa"] == pytest.approx(ref)
