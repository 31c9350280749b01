"""analyze_many: tables with an article column, token-budget batches,
multiprocessing, and bad sources collected without losing the others."""

from __future__ import annotations

import os
import warnings
from contextlib import contextmanager

import pandas as pd
import pytest
from spacy.language import Language
from spacy.util import minibatch

import toolkit
from toolkit.batch import BatchResult, estimate_tokens, plan_batches
from toolkit.errors import ToolkitError, ToolkitWarning

pytestmark = pytest.mark.model

SHORT = [
    "Maria Lopez, the mayor of Valencia, said on Monday that the city would spend "
    "$40 million on flood defences. “We cannot wait any longer,” she said.",
    "The Harbour Authority in Rotterdam reported a 12% rise in container traffic in "
    "2024, according to figures published on March 3, 2025.",
    "Talks between Kenya and Ghana resumed in Nairobi on Tuesday. Officials said about "
    "3,000 people had attended the opening session.",
]


# -- helpers -----------------------------------------------------------------

class BatchSpy:
    """A pipeline component that records the real token count of each batch it is given."""

    def __init__(self):
        self.batches: list[list[int]] = []

    def __call__(self, doc):
        self.batches.append([len(doc)])
        return doc

    def pipe(self, stream, batch_size=128):
        for batch in minibatch(stream, batch_size):
            self.batches.append([len(doc) for doc in batch])
            yield from batch


@Language.factory("tk_test_batch_spy")
def _make_spy(nlp, name):
    return BatchSpy()


@Language.component("tk_test_pid")
def _record_pid(doc):
    doc.user_data["tk_test_pid"] = os.getpid()
    return doc


@Language.component("tk_test_kaboom")
def _kaboom(doc):
    if "KABOOM" in doc.text:
        raise RuntimeError("the test component refuses this text")
    return doc


@contextmanager
def extra_pipe(nlp, name):
    component = nlp.add_pipe(name, last=True)
    try:
        yield component
    finally:
        nlp.remove_pipe(name)


def quiet_many(*args, **kwargs) -> BatchResult:
    kwargs.setdefault("progress", False)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return toolkit.analyze_many(*args, **kwargs)


def spans(frame: pd.DataFrame) -> list[tuple]:
    return sorted(zip(frame["start"], frame["end"]))


# -- tables and the article column ---------------------------------------------

def test_tables_stack_every_article_with_an_article_column(nlp, seed_path):
    result = quiet_many([seed_path, SHORT[0], SHORT[1]], nlp=nlp, published="2025-03-13")
    assert len(result) == 3 and result.ok
    assert result.labels == [seed_path.name, "text 1", "text 2"]
    for layer in ("entities", "quotes", "figures", "timeline"):
        table = result.table(layer)
        assert list(table.columns)[0] == "article"
        assert set(table["article"]) <= set(result.labels)
        # the stacked table is exactly each article's own table, in order
        for label, analysis in result.items():
            own = analysis.table(layer)
            part = table[table["article"] == label].drop(columns="article")
            assert len(part) == len(own)
            assert spans(part) == spans(own)
    assert len(result.entities) > 0 and seed_path.name in set(result.entities["article"])
    articles = result.articles
    assert list(articles["article"]) == result.labels
    assert articles["ok"].all() and (articles["words"] > 0).all()
    assert result[seed_path.name] is result[0]


def test_batch_matches_single_analysis_including_resolved_dates(nlp, seed_path):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        single = toolkit.analyze(seed_path, published="2025-03-13", nlp=nlp)
    result = quiet_many([seed_path], nlp=nlp, published="2025-03-13")
    batch = result[0]
    assert batch.published == "2025-03-13"
    assert batch.text == single.text
    assert spans(batch.entities) == spans(single.entities)
    assert spans(batch.quotes) == spans(single.quotes)
    assert list(batch.timeline["date"]) == list(single.timeline["date"])


def test_directory_source_reads_files_and_their_metadata(nlp, tmp_path):
    (tmp_path / "a.txt").write_text(SHORT[0], encoding="utf-8")
    (tmp_path / "b.md").write_text(SHORT[1], encoding="utf-8")
    (tmp_path / "b.meta.json").write_text('{"title": "Harbour", "published": "2025-03-04"}',
                                          encoding="utf-8")
    (tmp_path / "notes.json").write_text("{}", encoding="utf-8")
    result = quiet_many(tmp_path, nlp=nlp)
    assert result.labels == ["a.txt", "b.md"]
    assert result["b.md"].published == "2025-03-04"
    assert result.articles.set_index("article").loc["b.md", "title"] == "Harbour"


# -- batches by tokens ------------------------------------------------------------

def test_estimate_errs_on_the_high_side_of_spacy_tokens(nlp, seed_path):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        text = toolkit.load_article(seed_path).text
    real = len(nlp.make_doc(text))
    assert real <= estimate_tokens(text) <= 1.3 * real


def test_plan_batches_keeps_every_multi_article_batch_within_budget():
    counts = [900, 120, 130, 5000, 40, 480, 510, 60, 75, 250, 1000, 999, 0, 33]
    budget = 1000
    batches = plan_batches(counts, budget)
    flat = sorted(i for batch in batches for i in batch)
    assert flat == list(range(len(counts)))          # every article exactly once
    for batch in batches:
        if len(batch) > 1:
            assert sum(counts[i] for i in batch) <= budget
        assert batch == sorted(batch)                # input order kept within a class
    assert [3] in batches                            # longer than the budget: alone
    assert len(batches) < len(counts)                # short ones do share batches
    with pytest.raises(ToolkitError) as err:
        plan_batches(counts, 0)
    assert err.value.code == "TK403"


def test_pipeline_never_sees_a_batch_over_the_token_budget(nlp):
    texts = [" ".join(SHORT[i % 3] for _ in range(1 + i % 4)) for i in range(10)]
    texts.append(" ".join(SHORT) * 6)                # alone: over the budget
    budget = 300
    with extra_pipe(nlp, "tk_test_batch_spy") as spy:
        result = quiet_many(texts, nlp=nlp, batch_size=budget)
    assert len(result) == len(texts)
    seen = [b for b in spy.batches if b]
    assert sum(len(b) for b in seen) == len(texts)
    multi = [b for b in seen if len(b) > 1]
    assert multi, "short articles should have been batched together"
    for batch in multi:
        assert sum(batch) <= budget                 # real spaCy tokens, not estimates
    assert any(len(b) == 1 and b[0] > budget for b in seen)
    assert result.token_budget == budget
    for batch, tokens in zip(result.batches, result.batch_tokens):
        assert len(batch) == 1 or tokens <= budget


# -- several processes ------------------------------------------------------------------

def test_two_processes_give_the_same_tables_as_one(nlp):
    # a budget of 30 tokens puts each text in a batch of its own: three batches
    # to share between two worker processes
    with extra_pipe(nlp, "tk_test_pid"):
        one = quiet_many(SHORT, nlp=nlp, published="2025-03-13", batch_size=30)
        two = quiet_many(SHORT, nlp=nlp, published="2025-03-13", batch_size=30, n_process=2)
    assert {a.doc.user_data["tk_test_pid"] for a in one} == {os.getpid()}
    assert os.getpid() not in {a.doc.user_data["tk_test_pid"] for a in two}
    assert one.labels == two.labels
    for layer in ("entities", "quotes", "figures", "timeline"):
        pd.testing.assert_frame_equal(one.table(layer), two.table(layer))


# -- bad sources --------------------------------------------------------------------------

def test_bad_sources_are_collected_and_the_rest_analysed(nlp, tmp_path):
    empty = tmp_path / "empty_dir"
    empty.mkdir()
    sources = [SHORT[0], tmp_path / "missing.txt", 42, empty, SHORT[1]]
    with pytest.warns(ToolkitWarning, match="TKW401"):
        result = toolkit.analyze_many(sources, nlp=nlp, progress=False, published="2025-03-13")
    assert [a.text for a in result] == [SHORT[0], SHORT[1]]
    assert [(e.index, e.code) for e in result.errors] == [(1, "TK001"), (2, "TK010"), (3, "TK402")]
    assert "missing.txt" in result.errors[0].message
    assert list(result.articles["ok"]) == [True, False, False, False, True]
    assert list(result.error_table["code"]) == ["TK001", "TK010", "TK402"]
    with pytest.raises(ToolkitError) as err:
        result.raise_errors()
    assert err.value.code == "TK406"


def test_a_component_failing_on_one_article_keeps_it_and_reports_it(nlp):
    # issue 9.1 / 14.2: the article is kept, the failed component is listed with its
    # numbered warning, and the article is never reported as fine
    default_handler = nlp.default_error_handler
    texts = [SHORT[0], "Officials in Lisbon said KABOOM on Friday.", SHORT[2]]
    with extra_pipe(nlp, "tk_test_kaboom"), pytest.warns(ToolkitWarning, match="TKW410"):
        result = toolkit.analyze_many(texts, nlp=nlp, progress=False, published="2025-03-13")
    assert [a.text for a in result] == texts
    assert [(e.index, e.code, e.component) for e in result.errors] == \
        [(1, "TKW410", "tk_test_kaboom")]
    assert "refuses this text" in result.errors[0].message
    assert list(result.articles["ok"]) == [True, False, True]
    assert list(result.articles["error"]) == [None, "TKW410", None]
    assert list(result.error_table["component"]) == ["tk_test_kaboom"]
    assert not result.ok
    # the other layers of the partly failed article are still there
    assert len(result[1].entities) and len(result[1].timeline)
    assert list(result[1].problems["component"]) == ["tk_test_kaboom"]
    assert nlp.default_error_handler is default_handler   # handlers restored


@pytest.mark.parametrize("kwargs, code", [
    ({"sources": "just one text, not a list"}, "TK401"),
    ({"sources": SHORT, "batch_size": 0}, "TK403"),
    ({"sources": SHORT, "published": ["2025-03-13"]}, "TK404"),
    ({"sources": SHORT, "n_process": 0}, "TK407"),
])
def test_bad_calls_raise_numbered_errors(nlp, kwargs, code):
    sources = kwargs.pop("sources")
    with pytest.raises(ToolkitError) as err:
        toolkit.analyze_many(sources, nlp=nlp, progress=False, **kwargs)
    assert err.value.code == code
