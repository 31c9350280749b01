"""Corpus mode: analyze_corpus on a 2-worker Dask LocalCluster, Parquet tables,
resume, a killed worker, bad articles, and speakers / reprints / claims on the
fictional demo corpus (seeds/demo_corpus)."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
import warnings
from collections import Counter
from pathlib import Path

import pandas as pd
import pytest

import toolkit
from toolkit.corpus import store, worker
from toolkit.corpus.claims import interval
from toolkit.corpus.people import merge_names
from toolkit.errors import ToolkitError, ToolkitWarning

pytestmark = [pytest.mark.model, pytest.mark.slow]

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "seeds" / "demo_corpus"
TERRITORY = "area: Velmora territory"


@pytest.fixture(scope="module")
def cluster():
    from dask.distributed import Client

    from toolkit.corpus.run import local_cluster

    with local_cluster(2) as cluster, Client(cluster) as client:   # as analyze_corpus makes it
        cluster.test_client = client
        yield cluster


@pytest.fixture(scope="module")
def source(tmp_path_factory) -> Path:
    """The demo corpus plus two bad articles: binary data and an empty file."""
    folder = tmp_path_factory.mktemp("source")
    for path in DEMO.iterdir():
        shutil.copy(path, folder / path.name)
    (folder / "98_corrupted.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    (folder / "99_empty.txt").write_text("   \n", encoding="utf-8")
    return folder


def run(source, out, **kwargs):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        corpus = toolkit.analyze_corpus(source, out, progress=False, **kwargs)
    corpus.caught = [str(w.message) for w in caught if issubclass(w.category, ToolkitWarning)]
    return corpus


@pytest.fixture(scope="module")
def first(cluster, source, tmp_path_factory):
    out = tmp_path_factory.mktemp("corpus") / "out"
    return run(source, out, scheduler=cluster.scheduler_address)


def texts(frame: pd.DataFrame, layer: str) -> list[dict]:
    """Rows in the fixed Parquet schema, without the corpus's own columns."""
    columns = [f.name for f in store.SCHEMAS[layer] if f.name not in
               ("article_id", "outlet", "published", "batch")]
    rows = [{k: (None if pd.isna(v) else v) if not isinstance(v, (list, dict)) else v
             for k, v in row.items()} for row in frame[columns].to_dict(orient="records")]
    table = store.to_arrow(layer, rows).select(columns)
    return sorted(table.to_pylist(), key=lambda r: (r["start"], r["end"], str(r)))


# -- the run ---------------------------------------------------------------------------

def test_results_equal_analyze_many_on_the_same_folder(first, source, nlp):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        many = toolkit.analyze_many([source], nlp=nlp, progress=False)
    articles = first.articles
    assert len(articles) == 12 and articles["id"].is_unique
    assert first.run["analysed"] == 10 and first.run["failed"] == 2
    by_path = dict(zip(articles["path"], articles["id"]))
    assert len(many) == 10
    for label, analysis in many.items():
        article_id = by_path[analysis.article.path]
        row = articles[articles["id"] == article_id].iloc[0]
        assert row["status"] == "ok"
        assert row["title"] == analysis.metadata["title"]
        assert row["outlet"] == analysis.metadata["outlet"]
        assert row["published"] == analysis.metadata["published"]
        assert row["words"] == len(analysis.text.split())
        for layer in store.LAYERS:
            mine = getattr(first, layer)
            mine = mine[mine["article_id"] == article_id]
            assert texts(mine, layer) == texts(analysis.table(layer), layer), (label, layer)
            assert (mine["outlet"] == row["outlet"]).all()
            assert (mine["published"] == row["published"]).all()
    assert len(first.quotes) == len(many.quotes) and len(first.figures) == len(many.figures)


def test_each_worker_loaded_the_pipeline_once(first, cluster):
    loads = cluster.test_client.run(worker.pipeline_loads)
    assert len(loads) == 2
    used = [info for info in loads.values() if info["uses"]]
    assert used, "no worker ran a batch"
    # several batches per worker, one load per worker process
    assert first.run["batches"] > 2
    assert all(info["loads"] == 1 for info in used), loads


def test_a_bad_article_is_a_numbered_row_and_the_run_goes_on(first):
    articles = first.articles.set_index(first.articles["path"].map(lambda p: Path(p).name))
    assert articles.loc["98_corrupted.txt", "status"] == "error"
    assert articles.loc["98_corrupted.txt", "error"] == "TK004"
    assert articles.loc["99_empty.txt", "error"] == "TK003"
    assert "[TK003]" in articles.loc["99_empty.txt", "message"]
    assert (articles.drop(index=["98_corrupted.txt", "99_empty.txt"])["status"] == "ok").all()
    assert any("[TKW600] 2 of 12" in m for m in first.caught)
    assert set(first.errors["error"]) == {"TK003", "TK004"}
    bad = set(first.errors["id"])
    assert not bad & set(first.entities["article_id"])


def test_resume_recomputes_nothing_and_only_new_articles(first, source, cluster, tmp_path):
    root = tmp_path / "copy"
    shutil.copytree(first.root, root)       # the other tests keep the first run as it was
    before = {p: p.stat().st_mtime_ns for p in root.rglob("part-*.parquet")}
    again = run(source, root, scheduler=cluster.scheduler_address)
    assert again.run["analysed"] == 0 and again.run["batches"] == 0
    assert again.run["skipped"] == 12
    after = {p: p.stat().st_mtime_ns for p in root.rglob("part-*.parquet")}
    assert after == before                       # not one part rewritten
    # one new article (and one changed date) -> exactly those two analysed
    extra = tmp_path / "extra"
    shutil.copytree(source, extra)
    (extra / "11_new.txt").write_text(
        "Korvenian forces hold about 600 square kilometres of the Velmora region, "
        "General Anton Reiss said on Friday.", encoding="utf-8")
    meta = extra / "10_havel_ceasefire_talk.meta.json"
    meta.write_text(meta.read_text().replace("2030-04-10", "2030-04-11"))
    third = run(extra, root, scheduler=cluster.scheduler_address)
    assert third.run["analysed"] == 2 and third.run["skipped"] == 11
    assert len(open_ids(root)) == 14   # the changed article is a new version beside the old


def open_ids(root):
    return set(toolkit.open_corpus(root).articles["id"])


def test_a_killed_worker_loses_and_duplicates_nothing(first, source, cluster, tmp_path):
    client = cluster.test_client
    out = tmp_path / "killed"
    seen = {}

    def killer():
        parts = out / "articles"
        deadline = time.time() + 300
        while time.time() < deadline:
            busy = [addr for addr, keys in client.processing().items() if keys]
            if parts.is_dir() and any(parts.glob("part-*.parquet")) and busy:
                pid = client.run(os.getpid, workers=[busy[0]])[busy[0]]
                seen["parts_at_kill"] = len(list(parts.glob("part-*.parquet")))
                seen["tasks_on_victim"] = len(client.processing()[busy[0]])
                os.kill(pid, signal.SIGKILL)
                return
            time.sleep(0.05)

    thread = threading.Thread(target=killer)
    thread.start()
    corpus = run(source, out, scheduler=cluster.scheduler_address, batch_tokens=120)
    thread.join()
    assert "parts_at_kill" in seen, "the worker was not killed during the run"
    assert seen["parts_at_kill"] < corpus.run["batches"]      # killed mid-run
    assert_same_as(corpus, first)


def assert_same_as(corpus, first):
    """Nothing lost, nothing twice: even the raw parts hold each article once,
    and every table equals the uninterrupted run's."""
    raw = corpus.dataset("articles").to_table().to_pandas()
    assert sorted(raw["id"]) == sorted(first.articles["id"])
    assert corpus.articles.set_index("id")["status"].to_dict() == \
        first.articles.set_index("id")["status"].to_dict()
    for layer in store.LAYERS:
        raw_layer = corpus.dataset(layer).to_table().to_pandas()
        mine, theirs = getattr(corpus, layer), getattr(first, layer)
        assert len(raw_layer) == len(mine) == len(theirs), layer
        for article_id in first.articles["id"]:
            assert texts(mine[mine["article_id"] == article_id], layer) == \
                texts(theirs[theirs["article_id"] == article_id], layer)


def test_ctrl_c_keeps_what_was_written_and_the_next_run_adds_only_the_rest(first, source,
                                                                           tmp_path):
    out = tmp_path / "stopped"
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    command = [sys.executable, "-m", "toolkit", "corpus", str(source), "-o", str(out),
               "--workers", "2", "--quiet"]
    # (a test run started in the background of a shell inherits SIGINT ignored;
    # give the command the default a terminal would)
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env=env, start_new_session=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    parts = out / "articles"
    deadline = time.time() + 600
    while proc.poll() is None and time.time() < deadline:
        if parts.is_dir() and any(parts.glob("part-*.parquet")):
            break
        time.sleep(0.05)
    assert proc.poll() is None, "the run ended before it could be stopped"
    os.killpg(proc.pid, signal.SIGINT)          # Ctrl-C in a terminal: the whole group
    stdout, stderr = proc.communicate(timeout=300)
    assert proc.returncode == 130, stderr[-2000:]
    assert "Traceback" not in stderr and stderr.count("error: ") == 1, stderr[-3000:]
    said = re.search(r"\[TK750\] Stopped \(Ctrl-C\) with (\d+) of the (\d+) articles.*"
                     r"analyse the (\d+) left", stderr)
    assert said, stderr
    kept, todo, left = map(int, said.groups())
    assert todo == 12 and 1 <= kept < 12 and left == 12 - kept
    raw = toolkit.open_corpus(out).dataset("articles").to_table().to_pandas()
    assert len(raw) == raw["id"].nunique() == kept          # what it said, each once
    # the same command again analyses only what was left
    proc = subprocess.run(command, capture_output=True, text=True, env=env, timeout=600)
    assert proc.returncode == 0, proc.stderr[-2000:]
    done = re.search(r"(\d+) analysed, (\d+) already in .*, (\d+) failed", proc.stdout)
    assert done, proc.stdout
    analysed, skipped, failed = map(int, done.groups())
    assert skipped == kept and analysed + failed == left     # failed: the 2 bad articles
    assert_same_as(toolkit.open_corpus(out), first)


def test_the_command_line_runs_an_embedded_cluster(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    for name in ("07_korvenian_side_700", "08_drastovian_side_300"):
        for suffix in (".txt", ".meta.json"):
            shutil.copy(DEMO / (name + suffix), src / (name + suffix))
    out = tmp_path / "out"
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.run([sys.executable, "-m", "toolkit", "corpus", str(src), "-o", str(out),
                           "--workers", "2", "--quiet"], capture_output=True, text=True,
                          env=env, timeout=600)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "2 analysed, 0 already in" in proc.stdout
    corpus = toolkit.open_corpus(out)
    assert list(corpus.articles["status"]) == ["ok", "ok"]
    assert corpus.claims["conflict"].sum() == 2
    proc = subprocess.run([sys.executable, "-m", "toolkit", "corpus", str(tmp_path / "nothing"),
                           "-o", str(out)], capture_output=True, text=True, env=env, timeout=120)
    assert proc.returncode == 2 and "[TK600]" in proc.stderr


# -- reading ------------------------------------------------------------------------------

def test_claims_group_the_territorial_figures_and_flag_the_planted_conflict(first):
    claims = first.claims
    territory = claims[claims["measure"] == TERRITORY]
    assert len(territory) >= 8
    assert territory["outlet"].nunique() == 4
    assert territory["published"].dt.day.nunique() >= 6
    assert set(territory["unit"]) == {"km²"}                 # square miles converted
    miles = territory[territory["text"].str.contains("square miles")]
    assert miles["value"].round(0).tolist() == [647.0]
    assert miles["qualifier"].tolist() == ["approximate"]
    conflicts = claims[claims["conflict"]]
    assert len(conflicts) == 2 and set(conflicts["measure"]) == {TERRITORY}
    assert set(conflicts["published"].dt.strftime("%Y-%m-%d")) == {"2030-04-07"}
    assert set(conflicts["value"]) == {700.0, 300.0}
    reiss = conflicts[conflicts["value"] == 700.0].iloc[0]
    assert reiss["source"] == "Anton Reiss" and reiss["qualifier"] == "approximate"
    other = conflicts[conflicts["value"] == 300.0].iloc[0]
    assert reiss["conflicts_with"] == [other["source"]]
    assert other["qualifier"] == "less-than"
    # "about 1,100" and "less than 1,150" a day apart agree within their qualifiers
    assert not territory[territory["value"].isin([1100.0, 1150.0])]["conflict"].any()


def test_intervals_follow_the_qualifiers():
    assert interval(700, None, None, "approximate") == pytest.approx((630, 770))
    assert interval(300, None, 300, "less-than")[1] == 300
    assert interval(500, 500, None, "more-than")[0] == 500
    assert interval(None, 5, 10, "range") == (5, 10)
    assert interval(None, None, None, "vague") is None


def test_speakers_are_merged_across_articles_with_counts_per_outlet(first):
    speakers = first.speakers.set_index("speaker")
    reiss = speakers.loc["Anton Reiss"]
    assert reiss["label"] == "PERSON"
    assert reiss["articles"] == 4 and reiss["outlets"] == 3
    assert reiss["Harbour Post"] + reiss["Northline Wire"] + reiss["Eastgate News"] \
        == reiss["quotes"]
    assert speakers.loc["Lena Havel", "articles"] == 3
    assert "Reiss" not in speakers.index and "Havel" not in speakers.index
    quotes = first.quotes
    assert set(quotes.loc[quotes["speaker"] == "Anton Reiss", "speaker_corpus"]) == {"Anton Reiss"}


def test_name_merging_follows_surnames_and_leaves_ambiguity_alone():
    names = merge_names(Counter({"Reiss": 3, "Anton Reiss": 2, "General Anton Reiss": 1,
                                 "Mr Reiss": 1, "Anna Smith": 1, "John Smith": 2,
                                 "Smith": 4, "Harbour Authority": 1}))
    assert {names[n] for n in ("Reiss", "General Anton Reiss", "Mr Reiss")} == {"Anton Reiss"}
    assert names["Smith"] == "Smith"                      # two Smiths: not merged
    assert names["Anna Smith"] == "Anna Smith" and names["John Smith"] == "John Smith"
    assert names["Harbour Authority"] == "Harbour Authority"


def test_reprints_find_the_same_statement_in_several_outlets(first):
    reprints = first.reprints
    assert len(reprints) == 3
    by_speaker = reprints.set_index("speaker")
    assert set(by_speaker.index) == {"Anton Reiss", "Pavel Dorn", "Lena Havel"}
    reiss = by_speaker.loc["Anton Reiss"]
    assert reiss["content"].startswith("Our positions in the Velmora region")
    assert reiss["first_outlet"] == "Northline Wire" and reiss["first_published"] == "2030-04-01"
    assert reiss["articles"] == 2 and reiss["outlets"] == 2
    # two reports that differ only in their numbers are not one statement
    assert not reprints["content"].str.contains("square kilometres").any()


def test_filters_are_pushed_down_and_dask_reads_the_parts(first):
    narrow = toolkit.open_corpus(first.root).filter(outlet="Harbour Post", since="2030-04-05")
    assert list(narrow.articles["outlet"]) == ["Harbour Post"]
    assert set(narrow.figures["outlet"]) == {"Harbour Post"}
    assert set(narrow.claims["published"].dt.day) == {7}
    frame = narrow.to_dask("quotes").compute()
    assert set(frame["outlet"]) == {"Harbour Post"} and len(frame) == len(narrow.quotes)
    assert len(first.dataset("entities").to_table()) == len(first.entities)


def test_numbered_errors(tmp_path):
    with pytest.raises(ToolkitError) as err:
        toolkit.open_corpus(tmp_path / "none")
    assert err.value.code == "TK604"
    with pytest.raises(ToolkitError) as err:
        toolkit.analyze_corpus(tmp_path, tmp_path / "out", progress=False)
    assert err.value.code == "TK600"
    with pytest.raises(ToolkitError) as err:
        toolkit.analyze_corpus(DEMO, tmp_path / "out2", workers=0, progress=False)
    assert err.value.code == "TK602"
    (tmp_path / "afile").write_text("x")
    with pytest.raises(ToolkitError) as err:
        toolkit.analyze_corpus(DEMO, tmp_path / "afile", progress=False)
    assert err.value.code == "TK601"
    with pytest.raises(ToolkitError) as err:
        toolkit.analyze_corpus(DEMO, tmp_path / "out3", scheduler="tcp://127.0.0.1:1",
                               progress=False)
    assert err.value.code == "TK603"


# -- charts -----------------------------------------------------------------------------

def test_claims_over_time_draws_sources_bounds_and_the_conflict(first):
    from toolkit.charts import claims_over_time

    fig = claims_over_time(first, measure="velmora")        # a unique part of the name
    assert TERRITORY in fig.layout.title.text
    traces = {t.name: t for t in fig.data}
    assert {"Anton Reiss", "conflict"} <= set(traces)
    assert sorted(traces["conflict"].y) == [300.0, 700.0]
    bounds = [(s, y) for t in fig.data if t.name != "conflict"
              for s, y in zip(t.marker.symbol, t.y) if s == "triangle-down"]
    assert (("triangle-down", 300.0) in bounds) and len(bounds) >= 3
    reiss = traces["Anton Reiss"]
    errors = dict(zip(reiss.y, reiss.error_y.array))
    assert errors[700.0] == pytest.approx(70.0)              # "about 700": +-10 %
    with pytest.raises(ToolkitError) as err:
        claims_over_time(first, measure="no such measure")
    assert err.value.code == "TK607" and TERRITORY in str(err.value)
    with pytest.raises(ToolkitError) as err:
        claims_over_time([1, 2])
    assert err.value.code == "TK608"


def test_quotes_by_outlet_stacks_each_speaker_by_outlet(first):
    from toolkit.charts import quotes_by_outlet

    fig = quotes_by_outlet(first, top=3)
    assert {t.name for t in fig.data} == set(first.articles["outlet"].dropna())
    speakers = list(fig.data[0].y)
    assert len(speakers) == 3 and speakers[-1] == first.speakers.iloc[0]["speaker"]
    totals = {s: sum(t.x[list(t.y).index(s)] for t in fig.data) for s in speakers}
    assert totals == first.speakers.set_index("speaker").loc[speakers, "quotes"].to_dict()


# -- the guided notebook -------------------------------------------------------------------

@pytest.mark.notebook
def test_the_corpus_notebook_runs_top_to_bottom(tmp_path):
    import nbformat

    from toolkit.share import PLOTLY_MIME, execute_notebook

    path = ROOT / "notebooks" / "05_corpus.ipynb"
    nb = nbformat.read(path, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert "parameters" in code[0].metadata.get("tags", [])
    assert 'CORPUS = "../seeds/demo_corpus"' in code[0].source
    assert not any(c.get("outputs") for c in code)
    ran = execute_notebook(nb, path.parent, parameters={"OUT": str(tmp_path / "out"),
                                                         "WORKERS": 2})
    outputs = [o for c in ran.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    assert not [o for o in outputs if o.output_type == "error"], \
        [o.get("evalue") for o in outputs if o.output_type == "error"]
    plots = [o for o in outputs if PLOTLY_MIME in o.get("data", {})]
    assert len(plots) == 2
    widgets = [o for o in outputs if "application/vnd.jupyter.widget-view+json" in o.get("data", {})]
    # the ArticleView offers a static text/html fallback (the other widget is the progress bar)
    assert any("text/html" in o["data"] and "reported quote" in o["data"]["text/html"]
               for o in widgets)
    assert toolkit.open_corpus(tmp_path / "out").articles["status"].eq("ok").all()
