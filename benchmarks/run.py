"""toolkit's benchmarks: one command, every figure a ratio against a baseline
measured in the same run, written to BENCHMARKS.md with the machine it ran on.

    python benchmarks/run.py            # the full suite (about 15 minutes on 2 cores)
    python benchmarks/run.py --quick    # fewer articles and runs, same sections
    python benchmarks/run.py --tiny     # a few articles, one run, no browser (smoke test)

Options: ``--out PATH`` (default: BENCHMARKS.md at the repository root),
``--skip browser,memory,...`` to leave sections out, ``--only render,...``.

Sections (names for --skip / --only):
  overhead    analyze_many over the news corpus vs bare nlp.pipe (target <= 1.15x)
  throughput  words/s with n_process=1 and 2, and the speed-up
  render      static HTML of the long article vs displacy.render(style="ent") (<= 1.5x)
  store       AnnotationStore with 5,000 annotations: save (< 50 ms), load +
              re-anchor after an edit near the top (< 1 s)
  memory      peak RSS of a child analysing the corpus with defaults (< 1.5 GB)
  browser     the view in chromium: cell run -> highlights painted (< 2 s),
              click -> detail panel (< 100 ms)
  scaling     load_article and analyze as the text doubles, five text shapes
              (each doubling <= 2.5x; benchmarks/scaling.py)
  corpus      analyze_corpus on Dask: 1 vs 2 workers vs analyze_many, resume,
              memory per worker (benchmarks/corpus_bench.py)
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
import traceback
import warnings
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT / "tests"))

import corpus  # noqa: E402  (benchmarks/corpus.py)

SECTIONS = ("overhead", "throughput", "render", "share", "store", "memory", "browser",
            "scaling", "corpus")


@dataclass
class Mode:
    name: str
    articles: int
    repeats: int          # runs of the expensive sections (whole corpus)
    cheap_repeats: int    # runs of the cheap ones (render, store, clicks)
    long_words: int
    annotations: int
    skip: tuple = ()


MODES = {
    "full": Mode("full", 200, 3, 7, 50_000, 5_000),
    "quick": Mode("quick", 40, 3, 5, 50_000, 5_000),
    "tiny": Mode("tiny", 2, 1, 2, 800, 200, skip=("browser", "scaling", "corpus")),
}


@dataclass
class Figure:
    """One line of the summary: toolkit vs its baseline."""

    section: str
    what: str
    value: float | None
    unit: str
    baseline: float | None = None
    baseline_what: str = ""
    ratio: float | None = None
    target: str = ""
    met: bool | None = None
    note: str = ""


@dataclass
class Section:
    name: str
    title: str
    figures: list[Figure] = field(default_factory=list)
    details: list[str] = field(default_factory=list)
    skipped: str | None = None


# -- measuring ------------------------------------------------------------------------

def timed(fn) -> tuple[float, object]:
    start = time.perf_counter()
    out = fn()
    return time.perf_counter() - start, out


def paired(baseline, subject, repeats: int) -> tuple[list[float], list[float]]:
    """Alternate baseline and subject runs so drift on a shared machine hits both."""
    base, subj = [], []
    for i in range(repeats):
        order = [(base, baseline), (subj, subject)]
        if i % 2:
            order.reverse()
        for bucket, fn in order:
            bucket.append(timed(fn)[0])
    return base, subj


def median(values) -> float:
    return statistics.median(values)


def fmt_runs(values, unit: str = "s", scale: float = 1.0, digits: int = 3) -> str:
    return ", ".join(f"{v * scale:.{digits}f}" for v in values) + f" {unit}"


def machine() -> dict:
    import psutil
    import spacy

    cpu = platform.processor() or ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    info = {
        "CPU": cpu or "unknown",
        "cores (logical)": os.cpu_count(),
        "RAM": f"{psutil.virtual_memory().total / 2**30:.1f} GiB",
        "OS": platform.platform(),
        "Python": platform.python_version(),
        "spaCy": spacy.__version__,
    }
    try:
        load = os.getloadavg()
        info["load average at start (1/5/15 min)"] = " / ".join(f"{x:.2f}" for x in load)
    except OSError:
        pass
    return info


# -- sections ---------------------------------------------------------------------------

def bench_overhead(ctx) -> Section:
    import toolkit

    nlp, texts, dates, mode = ctx["nlp"], ctx["texts"], ctx["dates"], ctx["mode"]
    sec = Section("overhead", "1. Analysis overhead: analyze_many vs bare nlp.pipe")

    def bare():
        return list(nlp.pipe(texts))

    table_times = []

    def ours():
        result = toolkit.analyze_many(texts, published=dates, nlp=nlp, progress=False)
        start = time.perf_counter()
        for layer in ("entities", "quotes", "figures", "timeline"):
            result.table(layer)
        table_times.append(time.perf_counter() - start)
        return result

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        toolkit.analyze_many(texts[:2], nlp=nlp, progress=False)  # warm-up
        list(nlp.pipe(texts[:2]))
        base, subj = paired(bare, ours, mode.repeats)
        ctx["n1_times"] = subj
    # each pair ran back to back, so the median of the pairs' ratios is the
    # figure least moved by other work on a shared machine
    ratio = median([s / b for s, b in zip(subj, base)])
    sec.figures.append(Figure(
        "overhead", f"analyze_many, {len(texts)} articles ({ctx['words']:,} words), tables built",
        median(subj), "s", median(base), "list(nlp.pipe(texts)), same pipeline", ratio,
        "<= 1.15x", ratio <= 1.15))
    sec.details += [
        f"- articles: {len(texts)}, words: {ctx['words']:,}, pipeline: `{ctx['pipeline']}` "
        f"({', '.join(nlp.pipe_names)})",
        f"- bare `nlp.pipe` runs: {fmt_runs(base)} (median {median(base):.2f} s)",
        f"- `analyze_many` runs (incl. the four stacked tables): {fmt_runs(subj)} "
        f"(median {median(subj):.2f} s)",
        f"- of which building the four stacked tables: {fmt_runs(table_times[-len(subj):])} "
        f"(median {median(table_times[-len(subj):]):.2f} s, "
        f"{median(table_times[-len(subj):]) / median(base) * 100:.1f}% of the baseline)",
        f"- token budget per batch: {toolkit.batch.DEFAULT_BATCH_TOKENS:,} (default)",
        "- ratio: the median of the ratios of runs made back to back (" +
        ", ".join(f"{s / b:.2f}" for s, b in zip(subj, base)) + ")",
    ]
    return sec


def bench_throughput(ctx) -> Section:
    import toolkit

    nlp, texts, dates, mode = ctx["nlp"], ctx["texts"], ctx["dates"], ctx["mode"]
    sec = Section("throughput", "2. Throughput: words per second, n_process=1 and 2")
    words = ctx["words"]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")

        def run(n):
            return lambda: toolkit.analyze_many(texts, published=dates, nlp=nlp,
                                                n_process=n, progress=False)

        one, two = paired(run(1), run(2), mode.repeats)
    w1, w2 = words / median(one), words / median(two)
    speedup = median([a / b for a, b in zip(one, two)])
    sec.figures.append(Figure("throughput", "analyze_many, n_process=1", w1, "words/s"))
    sec.figures.append(Figure(
        "throughput", "analyze_many, n_process=2", w2, "words/s", w1, "n_process=1",
        speedup, "speed-up (no target)", None))
    sec.details += [
        f"- {words:,} words in {len(texts)} articles",
        f"- n_process=1 runs: {fmt_runs(one)}",
        f"- n_process=2 runs: {fmt_runs(two)}",
        "- speed-up: the median of the ratios of runs made back to back",
        f"- the machine has {os.cpu_count()} logical cores; the speed-up is bounded by them "
        "and by whatever else runs on the machine.",
    ]
    return sec


def _long_analysis(ctx):
    import toolkit

    if "long" not in ctx:
        text = corpus.long_article(ctx["mode"].long_words)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            seconds, analysis = timed(lambda: toolkit.analyze_text(
                text, published="2025-03-13", nlp=ctx["nlp"]))
        ctx["long"] = analysis
        ctx["long_seconds"] = seconds
    return ctx["long"]


def static_items(analysis):
    from toolkit.widgets import static

    return static.one_mark_per_date(static.engine_items(analysis))


def bench_render(ctx) -> Section:
    from spacy import displacy

    sec = Section("render", "3. Static rendering of the long article vs displacy")
    try:
        from toolkit.widgets.static import render_html
    except ImportError as exc:
        sec.skipped = f"toolkit.widgets.static.render_html is not available ({exc})"
        return sec
    analysis = _long_analysis(ctx)
    doc = analysis.doc
    mode = ctx["mode"]

    def ours():
        return render_html(analysis)

    def theirs():
        return displacy.render(doc, style="ent", jupyter=False)

    # the first call builds the drawn items from the tables (kept on the analysis
    # for the next calls): timed apart, as a cold call
    cold_s, html_ours = timed(ours)
    html_theirs = theirs()  # warm-up, and the sizes
    base, subj = paired(theirs, ours, mode.cheap_repeats)
    ratio = median(subj) / median(base)
    size_o, size_t = len(html_ours.encode("utf-8")), len(html_theirs.encode("utf-8"))
    words = len(doc.text.split())
    sec.figures.append(Figure(
        "render", f"render_html, {words:,}-word article", median(subj), "s",
        median(base), 'displacy.render(doc, style="ent")', ratio, "<= 1.5x", ratio <= 1.5))
    sec.figures.append(Figure(
        "render", "HTML size", size_o / 1e6, "MB", size_t / 1e6, "displacy HTML",
        size_o / size_t, "(no target)", None))
    layers = {}
    for h in static_items(analysis):
        layers[h["layer"]] = layers.get(h["layer"], 0) + 1
    # where render_html's time goes (one run each, for the profile)
    from toolkit.widgets import static

    parts = {}
    parts["Analysis.text (Doc.text, rebuilt from tokens)"], text = timed(lambda: analysis.text)
    parts["engine_items() (from the Analysis tables)"], items = timed(
        lambda: static.engine_items(analysis))
    parts["render_parts() (nested HTML)"], _ = timed(lambda: static.render_parts(
        text, items, analysis.article.headings, metadata=analysis.metadata))
    parts["analysis.highlights() (not used by render_html)"], _ = timed(
        lambda: analysis.highlights())
    sec.details += [
        f"- article: {words:,} words, {len(doc):,} tokens; analysed once in "
        f"{ctx['long_seconds']:.1f} s (not part of the ratio)",
        f"- spans drawn by render_html: {layers or 'none'}; by displacy: {len(doc.ents)} entities",
        f"- render_html runs: {fmt_runs(subj)} (its first, cold call, building the "
        f"items from the tables: {cold_s:.3f} s)",
        f"- displacy runs: {fmt_runs(base)}",
        f"- sizes: render_html {size_o:,} bytes, displacy {size_t:,} bytes",
        "- where render_html's time goes (one run each): "
        + "; ".join(f"{k} {v * 1000:.0f} ms" for k, v in parts.items()),
    ]
    return sec


def bench_share(ctx) -> Section:
    """Frozen notebook (charts as pictures, no plotly.js) against the previous
    freeze (plotly.js inline once); the report printed to PDF against writing
    the HTML report alone."""
    import nbformat

    import toolkit
    from toolkit import share
    from toolkit.widgets.static import render_html

    sec = Section("share", "3b. Frozen notebook size and the report as PDF")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        analysis = toolkit.analyze_text(ctx["texts"][0], published=ctx["dates"][0],
                                        nlp=ctx["nlp"])
    charts = {n: f for n, f in share.report_charts(analysis).items() if f is not None}
    nb = nbformat.v4.new_notebook()
    view = nbformat.v4.new_code_cell("view")
    view.outputs = [nbformat.v4.new_output("display_data", data={
        "text/html": render_html(analysis), "text/plain": "ArticleView(...)"})]
    nb.cells = [view]
    for i, fig in enumerate(charts.values()):
        cell = nbformat.v4.new_code_cell(f"chart{i}")
        cell.outputs = [nbformat.v4.new_output("execute_result", execution_count=i + 1, data={
            share.PLOTLY_MIME: json.loads(fig.to_json()), "text/plain": "Figure()"})]
        nb.cells.append(cell)
    t_img, frozen = timed(lambda: share.static_outputs(nb, embed_plotlyjs="image"))
    size_new = len(nbformat.writes(frozen).encode("utf-8"))
    size_old = len(nbformat.writes(share.static_outputs(nb, embed_plotlyjs="first")).encode("utf-8"))
    sec.figures.append(Figure("share", f"frozen notebook, article view + {len(charts)} charts",
                              size_new / 1e6, "MB", size_old / 1e6,
                              "plotly.js inline once (previous freeze)", size_new / size_old,
                              "< 2 MB", size_new < 2e6))
    with tempfile.TemporaryDirectory(prefix="tk-share-") as tmp:
        html_path, pdf_path = Path(tmp) / "r.html", Path(tmp) / "r.pdf"
        t_html, _ = timed(lambda: share.write_report(analysis, html_path, images=True))
        t_pdf, _ = timed(lambda: share.print_pdf(html_path, pdf_path))
        pdf_size = pdf_path.stat().st_size
    sec.figures.append(Figure("share", "report -> PDF (A4) through chromium", t_pdf, "s",
                              t_html, "writing the HTML report (charts drawn as SVG)",
                              t_pdf / t_html, "(no target)", None))
    sec.details += [
        f"- frozen: {size_new:,} bytes with SVG pictures (drawn in {t_img:.1f} s), "
        f"{size_old:,} bytes with plotly.js inline",
        f"- report: HTML {t_html:.1f} s, PDF {t_pdf:.1f} s ({pdf_size:,} bytes)",
    ]
    return sec


def bench_store(ctx) -> Section:
    sec = Section("store", "5. Annotation store with many annotations")
    try:
        from toolkit.annotations import AnnotationStore
    except ImportError as exc:
        sec.skipped = f"toolkit.annotations.AnnotationStore is not available ({exc})"
        return sec
    import store_bench

    res = store_bench.run(AnnotationStore, ctx["mode"].annotations, ctx["mode"].cheap_repeats,
                          words=ctx["mode"].long_words)
    sec.figures += [Figure("store", **f) for f in res["figures"]]
    sec.details += res["details"]
    return sec


def bench_memory(ctx) -> Section:
    sec = Section("memory", "6. Peak memory analysing the corpus with default settings")
    folder = ctx["corpus_dir"]
    runs = {}
    jobs = ("bare", "toolkit") if ctx["mode"].name == "tiny" else ("load", "bare", "toolkit")
    for job in jobs:
        proc = subprocess.run([sys.executable, str(HERE / "memory_child.py"), job, str(folder)],
                              capture_output=True, text=True, cwd=ROOT, timeout=3600)
        if proc.returncode != 0:
            sec.skipped = f"the {job} child failed: {proc.stderr.strip()[-800:]}"
            return sec
        runs[job] = json.loads(proc.stdout.strip().splitlines()[-1])
    peak = runs["toolkit"]["max_rss_mb"]
    bare = runs["bare"]["max_rss_mb"]
    sec.figures.append(Figure(
        "memory", f"max RSS, analyze_many over {runs['toolkit']['articles']} articles (defaults)",
        peak, "MB", bare, "max RSS, list(nlp.pipe(texts))", peak / bare, "< 1.5 GB",
        peak < 1536))
    sec.details += [
        f"- each figure is the max RSS of its own fresh child process "
        f"(`benchmarks/memory_child.py`, one run each: memory does not vary between runs "
        f"the way time does)",
        f"- pipeline loaded, nothing analysed: {runs['load']['max_rss_mb']:.0f} MB"
        if "load" in runs else "- (pipeline-only child skipped in tiny mode)",
        f"- bare `nlp.pipe`, all Docs kept: {bare:.0f} MB ({runs['bare']['seconds']:.1f} s)",
        f"- `analyze_many([folder])` with defaults, tables built: {peak:.0f} MB "
        f"({runs['toolkit']['seconds']:.1f} s)",
    ]
    return sec


def bench_browser(ctx) -> Section:
    sec = Section("browser", "4. The view in chromium on the long article")
    try:
        import browser_bench
    except ImportError as exc:
        sec.skipped = f"browser benchmark unavailable ({exc})"
        return sec
    res = browser_bench.run(ctx)
    if res.get("skipped"):
        sec.skipped = res["skipped"]
        return sec
    sec.figures += [Figure("browser", **f) for f in res["figures"]]
    sec.details += res["details"]
    return sec


def bench_scaling(ctx) -> Section:
    import scaling

    sec = Section("scaling", "7. Linear time: cost per doubling of the text")
    full = ctx["mode"].name == "full"
    rows = scaling.measure("load_article", scaling.SHAPES, 10_000,
                           1_280_000 if full else 160_000, folder=ctx["tmp"])
    rows += scaling.measure("analyze", scaling.SHAPES, 10_000, 320_000 if full else 40_000,
                            nlp=ctx["nlp"], folder=ctx["tmp"])
    worst = max((r["growth"] for r in rows if r["growth"] is not None), default=None)
    sec.figures.append(Figure("scaling", "worst growth per doubling", worst, "x",
                              target="<= 2.5x", met=None if worst is None else worst <= 2.5))
    sec.details += ["", scaling.to_markdown(rows)]
    return sec


def bench_corpus(ctx) -> Section:
    import corpus_bench

    sec = Section("corpus", "8. Corpus mode on Dask")
    n = {"full": 1000, "quick": 100}.get(ctx["mode"].name, 10)
    res = corpus_bench.run(n)
    peak = max(res["one"]["peak_mb"] + res["two"]["peak_mb"])
    sec.figures += [
        Figure("corpus", "2 workers vs 1 worker", res["speedup_2_vs_1"], "x",
               target=">= 1.6x", met=res["speedup_2_vs_1"] >= 1.6),
        Figure("corpus", "resume with nothing new", res["resume_share"] * 100, "% of first run",
               target="< 5 %", met=res["resume_share"] < 0.05),
        Figure("corpus", "peak memory per worker", peak, "MB", target="< 1024 MB",
               met=peak < 1024),
        Figure("corpus", "CPU seconds, 1 worker vs analyze_many",
               sum(res["one"]["worker_cpu"]), "s", baseline=res["many"]["cpu"],
               baseline_what="analyze_many in a process of its own",
               ratio=sum(res["one"]["worker_cpu"]) / res["many"]["cpu"])]
    sec.details += ["", corpus_bench.markdown(res)]
    return sec


RUNNERS = {"scaling": bench_scaling, "corpus": bench_corpus,
           "overhead": bench_overhead, "throughput": bench_throughput, "render": bench_render,
           "browser": bench_browser, "store": bench_store, "memory": bench_memory,
           "share": bench_share}
ORDER = ("overhead", "throughput", "render", "share", "store", "memory", "browser",
         "scaling", "corpus")


# -- the report ----------------------------------------------------------------------------

def _num(value, unit: str) -> str:
    if value is None:
        return "—"
    if unit == "words/s":
        return f"{value:,.0f} {unit}"
    if unit == "s" and value < 1:
        return f"{value * 1000:.1f} ms"
    if unit == "MB" and value >= 100:
        return f"{value:,.0f} MB"
    return f"{value:,.3g} {unit}" if abs(value) < 100 else f"{value:,.0f} {unit}"


def write_report(path: Path, mode: Mode, info: dict, sections: list[Section],
                 started: float, argv: list[str]) -> None:
    lines = [
        "# Benchmarks",
        "",
        f"Written by `python benchmarks/run.py{' ' + ' '.join(argv) if argv else ''}` on "
        f"{dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC (mode: **{mode.name}**, "
        f"{time.perf_counter() - started:.0f} s). Every figure is a median of several runs "
        "and is compared with a baseline measured in the same run, so the ratios mean more "
        "than the absolute numbers; re-run the command to refresh this file.",
        "",
        "## Machine",
        "",
        "| | |",
        "|---|---|",
    ]
    lines += [f"| {k} | {v} |" for k, v in info.items()]
    lines += ["", "## Summary", "",
              "| # | measured | toolkit | baseline | ratio | target | met |",
              "|---|---|---|---|---|---|---|"]
    for sec in sections:
        num = sec.title.split(".")[0]
        if sec.skipped:
            lines.append(f"| {num} | {sec.title.split('. ', 1)[-1]} | not measured | | | | |")
            continue
        for f in sec.figures:
            met = "—" if f.met is None else ("yes" if f.met else "**no**")
            base = f"{_num(f.baseline, f.unit)} ({f.baseline_what})" if f.baseline is not None else ""
            ratio = f"{f.ratio:.2f}x" if f.ratio is not None else ""
            lines.append(f"| {num} | {f.what} | {_num(f.value, f.unit)} | {base} | {ratio} | "
                         f"{f.target} | {met} |")
    for sec in sections:
        lines += ["", f"## {sec.title}", ""]
        if sec.skipped:
            lines.append(f"Not measured: {sec.skipped}")
            continue
        lines += sec.details
        notes = [f.note for f in sec.figures if f.note]
        lines += [f"- {n}" for n in notes]
    lines += ["", "## Corpus", "",
              f"`benchmarks/corpus.py` composes the articles from templates written for this "
              f"project with a fixed seed ({corpus.SEED}): nothing is downloaded, and the same "
              f"command always measures the same texts. News articles are about 500-900 words; "
              f"the long article is about {mode.long_words:,} words of sections under "
              f"sub-headings.", ""]
    notes = HERE / "notes.md"
    if notes.is_file():
        lines += ["## Profiling notes", "",
                  "Hand-written (from `benchmarks/notes.md`), not measured by this run: what "
                  "profiling found behind the missed targets, and the suggested fixes.", "",
                  notes.read_text(encoding="utf-8").strip(), ""]
    path.write_text("\n".join(lines), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--quick", action="store_true", help="fewer articles and runs")
    group.add_argument("--tiny", action="store_true", help="a smoke run: a few articles, no browser")
    parser.add_argument("--out", default=str(ROOT / "BENCHMARKS.md"), help="report path")
    parser.add_argument("--skip", default="", help=f"comma-separated, from {', '.join(SECTIONS)}")
    parser.add_argument("--only", default="", help="comma-separated sections to run")
    parser.add_argument("--articles", type=int, default=None, help="override the corpus size")
    parser.add_argument("--long-words", type=int, default=None,
                        help="override the length of the long article")
    args = parser.parse_args(argv)
    mode = MODES["tiny" if args.tiny else "quick" if args.quick else "full"]
    if args.articles:
        mode.articles = args.articles
    if args.long_words:
        mode.long_words = args.long_words
    skip = set(filter(None, args.skip.split(","))) | set(mode.skip)
    only = set(filter(None, args.only.split(",")))
    unknown = (skip | only) - set(SECTIONS)
    if unknown:
        parser.error(f"unknown section(s): {', '.join(sorted(unknown))}")
    wanted = [s for s in ORDER if s not in skip and (not only or s in only)]

    started = time.perf_counter()
    info = machine()
    from toolkit.nlp import default_pipeline, resolve_pipeline_name

    nlp = default_pipeline()
    info["spaCy pipeline"] = f"{resolve_pipeline_name()} {nlp.meta.get('version', '')}"
    arts = corpus.news_articles(mode.articles)
    texts = [a["text"] for a in arts]
    with tempfile.TemporaryDirectory(prefix="tk-bench-") as tmp:
        ctx = {"nlp": nlp, "mode": mode, "texts": texts, "dates": [a["published"] for a in arts],
               "words": sum(len(t.split()) for t in texts), "pipeline": info["spaCy pipeline"],
               "tmp": Path(tmp)}
        ctx["corpus_dir"] = Path(tmp) / "corpus"
        corpus.write_corpus(ctx["corpus_dir"], mode.articles)
        sections = []
        for name in wanted:
            print(f"[benchmarks] {name} ...", file=sys.stderr, flush=True)
            t0 = time.perf_counter()
            try:
                sections.append(RUNNERS[name](ctx))
            except Exception as exc:  # noqa: BLE001 - one broken section must not hide the rest
                sec = Section(name, next(s.title for s in _TITLES if s.name == name))
                sec.skipped = f"failed: {type(exc).__name__}: {exc}"
                traceback.print_exc()
                sections.append(sec)
            print(f"[benchmarks] {name} done in {time.perf_counter() - t0:.1f} s",
                  file=sys.stderr, flush=True)
    for name in ORDER:
        if name not in wanted:
            sec = Section(name, next(s.title for s in _TITLES if s.name == name))
            sec.skipped = (f"left out in {mode.name} mode" if name in mode.skip
                           else "left out by --skip/--only")
            sections.append(sec)
    sections.sort(key=lambda s: s.title)
    out = Path(args.out)
    write_report(out, mode, info, sections, started, argv)
    print(f"[benchmarks] wrote {out}", file=sys.stderr)
    return 0


_TITLES = [Section("overhead", "1. Analysis overhead: analyze_many vs bare nlp.pipe"),
           Section("throughput", "2. Throughput: words per second, n_process=1 and 2"),
           Section("render", "3. Static rendering of the long article vs displacy"),
           Section("share", "3b. Frozen notebook size and the report as PDF"),
           Section("browser", "4. The view in chromium on the long article"),
           Section("store", "5. Annotation store with many annotations"),
           Section("memory", "6. Peak memory analysing the corpus with default settings"),
           Section("scaling", "7. Linear time: cost per doubling of the text"),
           Section("corpus", "8. Corpus mode on Dask")]


if __name__ == "__main__":
    sys.exit(main())
