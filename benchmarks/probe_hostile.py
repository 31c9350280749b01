"""Hostile-input probes: be the attacker before others are (issues 9 and 14).

    PYTHONPATH=$PWD python benchmarks/probe_hostile.py [--fuzz N] [--seed S] [--only FAMILY]
        [--verbose]

Runs families of probes against the public API and the command line and prints
one table: probe family, count, raw exceptions (anything but a numbered
``ToolkitError``, or a command line that prints a traceback / an internal-error
line / exits with an unexpected code), hangs (a probe over ``--timeout`` s), and
silent failures (a check on the output failed: offsets moved, a component lost
its layer without a numbered problem, markup injected into HTML).

Families:
  fuzz_text   generated texts through analyze_text, then to_dict / render_html
  shapes      hand-made hostile shapes (300k-char token, 5,000 tiny paragraphs, ...)
  api_args    wrong types and values into the public functions
  files       bad paths, folders, FIFOs, symlink loops, encodings, sidecars
  cli         every subcommand with bad paths, flags, dates and outputs
  store       corrupted sidecars, wrong-typed records, bad API values, a killed save
  markup      hostile strings in every field a file or a user can set, in every output

A command, not a test: it prints what it finds and exits 0.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import random
import signal
import stat
import sys
import tempfile
import time
import traceback
import warnings
from collections import defaultdict
from pathlib import Path

import toolkit
from toolkit.errors import ToolkitError

RESULTS: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))


class _Findings(list):
    """The findings, also printed to stderr as they come (a long run shows them early)."""

    def append(self, line: str) -> None:
        super().append(line)
        print("FINDING " + line[:400], file=sys.stderr, flush=True)


FINDINGS: list[str] = _Findings()
VERBOSE = False
TIMEOUT = 120


class Hang(Exception):
    pass


def _alarm(signum, frame):
    raise Hang()


def probe(family: str, name: str, fn, *, check=None) -> object:
    """Run ``fn()``; classify the outcome for ``family``."""
    RESULTS[family]["count"] += 1
    if RESULTS[family]["count"] % 50 == 1:
        print(f"... {family} #{RESULTS[family]['count']}", file=sys.stderr, flush=True)
    signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(TIMEOUT)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            result = fn()
        signal.alarm(0)
    except Hang:
        RESULTS[family]["hangs"] += 1
        FINDINGS.append(f"[{family}] HANG {name}")
        return None
    except ToolkitError:
        signal.alarm(0)
        RESULTS[family]["numbered"] += 1
        return None
    except BaseException as exc:  # noqa: BLE001 - a probe
        signal.alarm(0)
        if isinstance(exc, KeyboardInterrupt):
            raise
        RESULTS[family]["raw"] += 1
        where = traceback.extract_tb(exc.__traceback__)[-1]
        FINDINGS.append(f"[{family}] RAW {name}: {type(exc).__name__}: {str(exc)[:120]!r} "
                        f"at {Path(where.filename).name}:{where.lineno} {where.name}")
        if VERBOSE:
            traceback.print_exc()
        return None
    if check is not None:
        try:
            problem = check(result)
        except Exception as exc:  # noqa: BLE001 - the check itself hit the bug
            problem = f"check raised {type(exc).__name__}: {str(exc)[:120]}"
            where = traceback.extract_tb(exc.__traceback__)[-1]
            problem += f" at {Path(where.filename).name}:{where.lineno} {where.name}"
            RESULTS[family]["raw"] += 1
            FINDINGS.append(f"[{family}] RAW(in use) {name}: {problem}")
            return result
        if problem:
            RESULTS[family]["silent"] += 1
            FINDINGS.append(f"[{family}] SILENT {name}: {problem}")
    return result


# -- text generation ------------------------------------------------------------------

_WORDS = ("the minister said that army troops took 1,200 square kilometres on Thursday "
          "according to officials Putin Kyiv Reuters Ukraine Russia NATO State Department "
          "Secretary of State he she they it would not comment percent million billion "
          "last week next month two years ago early 2024 per cent $5bn €3.2 km² miles "
          "told reporters claimed added warned Mr Ms Dr").split()
_ODD = ["10^100", "1,,000", "1..5", "9" * 400, "1e999", "-0", "0x1F", "½", "٣٤٥", "१२३",
        "99999999999 days ago", "800000 days ago", "3000 years ago", "in 10000 years",
        "December 32, 2024", "Feb 30", "31/31/2031", "the year 0", "year -5", "Q5 2024",
        "1,000,000,000,000,000,000,000,000 people", "$", "%", "£-5", "5-", "--5", "5 to",
        "between 5 and", "from 10 to 5 km", "1/0", "0/0", "∞", "NaN", "inf km", "1e-999",
        "“", "”", "\"", "'", "‘", "’", "«", "»", "„", "‹", "›", "「", "」", "''", "\"\"",
        "\u200b", "\u200d", "\u200e", "\u200f", "\u202e", "\u2066", "\ufeff", "\u00ad",
        "\x00", "\x07", "\x1b[31m", "\x85", "\u2028", "\u2029", "\ud800", "\udfff", "\ufffe",
        "\t", "\r", "\r\n", "\f", "\v", "\n", "\n\n", "   ", "\u3000", "\xa0",
        "🇺🇦", "👩‍👩‍👧", "e\u0301\u0301\u0301", "Z̵̢̛a̸l̶g̷o̶", "ﷺ", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "ＡＢＣ",
        "<script>alert(1)</script>", "&amp;", "&#0;", "]]>", "{{x}}", "${x}", "%s%n",
        "Mr.", "U.S.", "...", "…", "—", "–", "-", "•", "*", "#", "##", "> ", "|", "\\",
        "said:", "says", "said he", "she said.", "according to", "(", ")", "[1]", "[", "]"]


def _random_piece(rng: random.Random) -> str:
    r = rng.random()
    if r < 0.45:
        return rng.choice(_WORDS)
    if r < 0.75:
        return rng.choice(_ODD)
    if r < 0.85:
        return str(rng.choice([rng.randint(-10**6, 10**6), rng.random() * 10**rng.randint(-5, 30),
                                10**rng.randint(0, 60)]))
    if r < 0.95:
        return "".join(chr(rng.randint(0x20, 0x2FFF)) for _ in range(rng.randint(1, 8)))
    return "".join(chr(rng.randint(0, 0x10FFFF)) for _ in range(rng.randint(1, 4)))


def random_text(rng: random.Random) -> str:
    n = rng.choice([1, 3, 10, 40, 120, 400])
    parts = []
    for _ in range(n):
        parts.append(_random_piece(rng))
        parts.append(rng.choice([" ", " ", " ", "", ", ", ". ", "\n", "\n\n", " \"", "\" "]))
    return "".join(parts)


SHAPES = {
    "empty": "",
    "spaces": "   \n\n\t  ",
    "one_char": "x",
    "single_300k_token": "a" * 300_000,
    "single_300k_digits": "7" * 300_000,
    "tiny_paragraphs_5000": "\n\n".join(f"P{i}." for i in range(5000)),
    "tiny_lines_20000": "\n".join("x" for _ in range(20000)),
    "nested_quotes_300": "He said " + "“she said ‘" * 150 + "yes" + "’”" * 150 + ".",
    "unbalanced_quotes": ("“" * 500) + " the minister said. " + ("”" * 3),
    "quotes_only": "\"" * 5000,
    "apostrophes": "voters’ " * 2000,
    "numbers_only": " ".join(str(i) for i in range(20000)),
    "commas_numbers": "1," * 20000 + "0",
    "power": "The debt was 10^100 dollars and 10^999999 euros and 1,,000 people.",
    "dates_far": ("The war began 800000 days ago and ends in 99999999999 days. "
                  "3000 years ago. On December 31, 9999 and January 1, 0001. Tomorrow."),
    "rtl_mix": "\u202eThe minister said \u2067“مرحبا”\u2069 on Thursday \u200f5 km\u200e.",
    "zero_width": "\u200b".join("The minister said 5,000 troops left on Thursday."),
    "combining": "e" + "\u0301" * 20000,
    "surrogates": "The \ud800 minister said \udfff “yes” \udbff\udc00 on Thursday.",
    "controls": "".join(chr(i) for i in range(32)) * 50 + " said Putin.",
    "crlf": "Title\r\n\r\nThe minister said “yes” on Thursday.\r\rEnd.\r",
    "nbsp_numbers": "5\xa0000 troops and 3\u202f000 km² on 1\u00a0March.",
    "long_sentence_no_punct": " ".join(["troops"] * 60000),
    "emoji_flood": "🇺🇦" * 20000,
    "html_like": "<p>" * 3000 + "The minister said 5 km." + "</p>" * 3000,
    "markdown_like": "# " * 2000 + "\n" + "* " * 2000,
    "big_number_words": "one hundred thousand million billion trillion " * 500,
    "percent_chain": "5% of 6% of 7% " * 3000,
    "currency_soup": "$€£¥₹₽ 5 $5 5$ €5bn $-5 $5.5.5 " * 1000,
}


def check_analysis(text: str):
    def check(analysis):
        if len(analysis.text) != len(text.replace("\r\n", "\n").replace("\r", "\n")
                                     .replace("\ufeff", "")) and len(text) < 1_000_000:
            # article_from_text strips boilerplate and trailing space: only compare prefixes
            pass
        n = len(analysis.text)
        for layer in ("entities", "quotes", "figures", "timeline"):
            frame = analysis.table(layer)
            for start, end in zip(frame["start"], frame["end"]):
                if not (0 <= start <= end <= n):
                    return f"{layer} span {start}-{end} outside the text of {n}"
        problems = analysis.problems
        for _, row in problems.iterrows():
            if not str(row["code"]).startswith("TKW"):
                return f"problem without a numbered code: {row.to_dict()}"
        analysis.to_dict()
        from toolkit.widgets.static import render_html
        render_html(analysis, annotations=[])
        if len(problems):
            return "component failed (numbered, shown in problems): " + "; ".join(
                f"{c} {m[:100]}" for c, m in zip(problems["component"], problems["message"]))
        return None
    return check


class _Isolated:
    """Texts analysed in a forked worker, so that a probe stuck inside C code
    (where no signal reaches Python) is counted as a hang and killed."""

    def __init__(self):
        import multiprocessing
        self.ctx = multiprocessing.get_context("fork")
        self.proc = None

    def _start(self):
        parent, child = self.ctx.Pipe()
        self.proc = self.ctx.Process(target=_worker, args=(child,), daemon=True)
        self.proc.start()
        self.conn = parent

    def run(self, family: str, name: str, text: str, published) -> None:
        RESULTS[family]["count"] += 1
        if RESULTS[family]["count"] % 50 == 1:
            print(f"... {family} #{RESULTS[family]['count']}", file=sys.stderr, flush=True)
        if self.proc is None or not self.proc.is_alive():
            self._start()
        self.conn.send((text, published))
        if not self.conn.poll(TIMEOUT):
            self.proc.kill()
            self.proc.join()
            self.proc = None
            RESULTS[family]["hangs"] += 1
            FINDINGS.append(f"[{family}] HANG (> {TIMEOUT} s) {name}")
            return
        kind, message = self.conn.recv()
        if kind != "ok":
            RESULTS[family][kind] += 1
        if kind in ("raw", "silent"):
            FINDINGS.append(f"[{family}] {kind.upper()} {name}: {message}")

    def close(self):
        if self.proc is not None:
            self.proc.kill()
            self.proc.join()


def _worker(conn) -> None:
    warnings.simplefilter("ignore")
    while True:
        try:
            text, published = conn.recv()
        except EOFError:
            return
        try:
            analysis = toolkit.analyze_text(text, published=published)
        except ToolkitError:
            conn.send(("numbered", ""))
            continue
        except Exception as exc:  # noqa: BLE001 - a probe
            where = traceback.extract_tb(exc.__traceback__)[-1]
            conn.send(("raw", f"{type(exc).__name__}: {str(exc)[:120]!r} at "
                              f"{Path(where.filename).name}:{where.lineno} {where.name}"))
            continue
        try:
            problem = check_analysis(text)(analysis)
        except Exception as exc:  # noqa: BLE001
            where = traceback.extract_tb(exc.__traceback__)[-1]
            conn.send(("raw", f"(in use) {type(exc).__name__}: {str(exc)[:120]!r} at "
                              f"{Path(where.filename).name}:{where.lineno} {where.name}"))
            continue
        conn.send(("silent", problem) if problem else ("ok", ""))


def family_fuzz(n: int, seed: int) -> None:
    rng = random.Random(seed)
    dates = [None, "2025-03-13", "0001-01-01", "9999-12-31", "2000-02-29"]
    runner = _Isolated()
    try:
        for i in range(n):
            text = random_text(rng)
            published = rng.choice(dates)
            runner.run("fuzz_text", f"#{i} published={published} text={text[:60]!r}", text,
                       published)
    finally:
        runner.close()


def family_shapes() -> None:
    runner = _Isolated()
    try:
        for name, text in SHAPES.items():
            for published in (None, "2025-03-13"):
                runner.run("shapes", f"{name} published={published}", text, published)
    finally:
        runner.close()
    # charts on a few hostile analyses
    from toolkit.charts import all_charts
    for name in ("power", "dates_far", "rtl_mix", "currency_soup", "numbers_only"):
        probe("shapes", f"charts {name}",
              lambda: all_charts(toolkit.analyze_text(SHAPES[name], published="2025-03-13")))


# -- the public API with wrong arguments ------------------------------------------------

def family_api(tmp: Path) -> None:
    good = tmp / "api_article.txt"
    good.write_text("The minister said “we will win” on Thursday. Troops took 5 km².\n",
                    encoding="utf-8")
    bad_values = [None, 5, 3.5, True, b"bytes", ["a"], {"a": 1}, object(), float("nan"),
                  "", "\x00", "2025-13-45", -1, 10**100]
    from toolkit.article import Article, article_from_text, load_article
    from toolkit.batch import analyze_many
    from toolkit.widgets.static import render_html
    for v in bad_values:
        probe("api_args", f"analyze_text({v!r})", lambda: toolkit.analyze_text(v))
        probe("api_args", f"analyze_text(published={v!r})",
              lambda: toolkit.analyze_text("The minister spoke on Thursday.", published=v))
        probe("api_args", f"analyze_text(metadata={v!r})",
              lambda: toolkit.analyze_text("The minister spoke.", metadata=v))
        probe("api_args", f"analyze_text(nlp={v!r})",
              lambda: toolkit.analyze_text("The minister spoke.", nlp=v))
        probe("api_args", f"analyze({v!r})", lambda: toolkit.analyze(v))
        probe("api_args", f"analyze(path, published={v!r})",
              lambda: toolkit.analyze(good, published=v))
        probe("api_args", f"load_article({v!r})", lambda: load_article(v))
        probe("api_args", f"load_article(encoding={v!r})", lambda: load_article(good, encoding=v))
        probe("api_args", f"load_article(title={v!r})", lambda: load_article(good, title=v))
        probe("api_args", f"load_article(outlet={v!r})", lambda: load_article(good, outlet=v))
        probe("api_args", f"load_article(max_bytes={v!r})", lambda: load_article(good, max_bytes=v))
        probe("api_args", f"article_from_text(kind={v!r})",
              lambda: article_from_text("Some text.", kind=v))
        probe("api_args", f"Article(text={v!r})", lambda: Article(text=v))
        probe("api_args", f"Article(metadata={v!r})", lambda: Article(text="x", metadata=v))
        probe("api_args", f"Article(headings={v!r})", lambda: Article(text="x", headings=v))
        probe("api_args", f"analyze_many({v!r})", lambda: analyze_many(v, progress=False))
        probe("api_args", f"analyze_many([{v!r}])", lambda: analyze_many([v], progress=False))
        probe("api_args", f"analyze_many(batch_size={v!r})",
              lambda: analyze_many([good], batch_size=v, progress=False))
        probe("api_args", f"analyze_many(n_process={v!r})",
              lambda: analyze_many([good], n_process=v, progress=False))
        probe("api_args", f"analyze_many(published={v!r})",
              lambda: analyze_many([good], published=v, progress=False))
        probe("api_args", f"render_html({v!r})", lambda: render_html(v))
        probe("api_args", f"ArticleView({v!r})", lambda: toolkit.ArticleView(v))
        probe("api_args", f"write_report({v!r})",
              lambda: toolkit.write_report(v, tmp / "r.html", images=False))
        probe("api_args", f"share_notebook({v!r})",
              lambda: toolkit.share_notebook(v, tmp / "n.html"))
        probe("api_args", f"freeze({v!r})", lambda: toolkit.freeze(v, tmp / "n.ipynb"))
        probe("api_args", f"open_corpus({v!r})", lambda: toolkit.open_corpus(v))
        probe("api_args", f"analyze_corpus({v!r})",
              lambda: toolkit.analyze_corpus(v, tmp / "corpus_out", progress=False))
        probe("api_args", f"AnnotationStore({v!r})",
              lambda: toolkit.AnnotationStore(v, text="abc"))
        probe("api_args", f"AnnotationStore(text={v!r})",
              lambda: toolkit.AnnotationStore(None, text=v))
        probe("api_args", f"AnnotationStore(annotator={v!r})",
              lambda: toolkit.AnnotationStore(None, text="abc", annotator=v))
    analysis = toolkit.analyze(good)
    for v in bad_values + [("entities", "bogus"), "bogus"]:
        probe("api_args", f"render_html(layers={v!r})", lambda: render_html(analysis, layers=v))
        probe("api_args", f"render_html(annotations={v!r})",
              lambda: render_html(analysis, annotations=v))
        probe("api_args", f"analysis.table({v!r})", lambda: analysis.table(v))
        probe("api_args", f"analysis.highlights({v!r})", lambda: analysis.highlights(v))
        probe("api_args", f"ArticleView(layers={v!r})",
              lambda: toolkit.ArticleView(analysis, layers=v))
        probe("api_args", f"write_report(out={v!r})",
              lambda: toolkit.write_report(analysis, v, images=False))
    from toolkit import charts
    for name in ("territory_over_time", "figures_by_type", "who_said_what", "timeline",
                 "entity_network", "all_charts"):
        fn = getattr(charts, name, None)
        if fn is None:
            continue
        for v in bad_values:
            probe("api_args", f"charts.{name}({v!r})", lambda: fn(v))


# -- files and paths ---------------------------------------------------------------------

def make_files(tmp: Path) -> dict[str, Path]:
    f: dict[str, Path] = {}
    body = "The minister said “we will win” on Thursday. Troops took 5 km².\n"
    f["missing"] = tmp / "nope.txt"
    (tmp / "adir").mkdir()
    f["dir"] = tmp / "adir"
    fifo = tmp / "fifo.txt"
    os.mkfifo(fifo)
    f["fifo"] = fifo
    loop = tmp / "loop.txt"
    os.symlink(loop, loop)
    f["symlink_loop"] = loop
    dangling = tmp / "dangling.txt"
    os.symlink(tmp / "gone.txt", dangling)
    f["dangling_link"] = dangling
    f["long_name"] = tmp / ("x" * 300 + ".txt")
    f["nul_name"] = Path(str(tmp / "a\x00b.txt"))
    f["dev_null"] = Path("/dev/null")
    f["dev_zero"] = Path("/dev/zero")
    f["proc_file"] = Path("/proc/self/status")

    def w(name, data: bytes):
        p = tmp / name
        p.write_bytes(data)
        f[name] = p
        return p

    w("empty.txt", b"")
    w("spaces.txt", b"   \n\n  \t")
    w("nul.txt", b"\x00" * 100)
    w("binary.txt", bytes(range(256)) * 40)
    w("pdf.txt", b"%PDF-1.4 junk")
    w("utf16.txt", "\ufeff".encode("utf-16-le") + body.encode("utf-16-le"))
    w("utf16nobom.txt", body.encode("utf-16-le") * 3)
    w("utf32.txt", body.encode("utf-32"))
    w("utf32be_nobom.txt", body.encode("utf-32-be") * 3)
    w("latin1.txt", "Café à São Paulo said the minister.".encode("latin-1"))
    w("broken_utf8.txt", body.encode() + b"\xff\xfe\xc3" + body.encode())
    w("bom_only.txt", b"\xef\xbb\xbf")
    w("controls.txt", b"\x01\x02\x03\x04" * 200 + body.encode())
    w("html_only_script.html", b"<html><script>var x=1</script></html>")
    w("html_empty.html", b"<html><body></body></html>")
    w("hostile.html", b"<html><head><title>T<script>alert(1)</script></title></head>"
      b"<body><h1>H&amp;<b>x</b></h1><p>The minister said 5 km.</p>"
      b"<p>Discover more from <a href='https://evil.example'>Evil</a></p></body></html>")
    w("broken.html", b"<p><div><<<>>>&#xFFFFFFFF;&#0;&#55296; said 5 km</p" * 100)
    w("md.md", b"# " * 300 + b"\n" + b"[x](" * 500 + b"\n**" * 300)
    w("crlf_only.txt", b"\r\n" * 1000)
    w("huge_line.txt", b"a" * 2_000_000)
    w("many_newlines.txt", b"word\n" * 200_000)
    w("meta_bad.txt", body.encode())
    (tmp / "meta_bad.meta.json").write_text("{not json", encoding="utf-8")
    w("meta_list.txt", body.encode())
    (tmp / "meta_list.meta.json").write_text("[1, 2]", encoding="utf-8")
    w("meta_deep.txt", body.encode())
    (tmp / "meta_deep.meta.json").write_text('{"a":' + "[" * 100000 + "]" * 100000 + "}",
                                            encoding="utf-8")
    w("meta_types.txt", body.encode())
    (tmp / "meta_types.meta.json").write_text(json.dumps(
        {"title": 5, "published": 20250313}), encoding="utf-8")
    w("meta_date.txt", body.encode())
    (tmp / "meta_date.meta.json").write_text(json.dumps(
        {"published": "2025-02-30"}), encoding="utf-8")
    w("meta_farfuture.txt", b"Tomorrow and next Thursday, 5 days later.")
    (tmp / "meta_farfuture.meta.json").write_text(json.dumps(
        {"published": "9999-12-31"}), encoding="utf-8")
    w("meta_latin1.txt", body.encode())
    (tmp / "meta_latin1.meta.json").write_bytes('{"title": "Café"}'.encode("latin-1"))
    w("meta_nul.txt", body.encode())
    (tmp / "meta_nul.meta.json").write_text(json.dumps(
        {"title": "a\x00b\ud800", "outlet": "x" * 100000}), encoding="utf-8")
    w("meta_bignum.txt", body.encode())
    (tmp / "meta_bignum.meta.json").write_text('{"n": ' + "9" * 5000 + "}", encoding="utf-8")
    w("meta_dir.txt", body.encode())
    (tmp / "meta_dir.meta.json").mkdir()
    w("meta_fifo.txt", body.encode())
    os.mkfifo(tmp / "meta_fifo.meta.json")
    w("meta_extra.txt", body.encode())
    (tmp / "meta_extra.meta.json").write_text(json.dumps(
        {"title": "T", "extra": {"deep": [1, {"x": None}]}, "published": None,
         "tags": ["a", 1, None]}), encoding="utf-8")
    unreadable = w("unreadable.txt", body.encode())
    os.chmod(unreadable, 0)
    ro_dir = tmp / "ro"
    ro_dir.mkdir()
    (ro_dir / "article.txt").write_text(body, encoding="utf-8")
    os.chmod(ro_dir, stat.S_IRUSR | stat.S_IXUSR)
    f["ro_article"] = ro_dir / "article.txt"
    f["good"] = w("good.txt", body.encode())
    odd_name = tmp / os.fsdecode(b"caf\xe9 \xff.txt")  # not UTF-8: surrogate escapes
    odd_name.write_bytes(body.encode())
    f["undecodable_name"] = odd_name
    return f


def family_files(tmp: Path, files: dict[str, Path]) -> None:
    from toolkit.article import load_article
    from toolkit.batch import analyze_many
    for name, path in files.items():
        probe("files", f"load_article({name})", lambda: load_article(path))
        if name in ("huge_line.txt", "many_newlines.txt"):
            continue
        probe("files", f"analyze({name})", lambda: toolkit.analyze(path),
              check=lambda a: _timeline_ok(a))
    probe("files", "analyze_many(all files)",
          lambda: analyze_many([p for n, p in files.items()
                                if n not in ("huge_line.txt", "many_newlines.txt", "dev_zero",
                                             "fifo")], progress=False),
          check=lambda r: None)
    probe("files", "analyze_many(folder)", lambda: analyze_many(tmp / "adir", progress=False))
    probe("files", "analyze_many(glob nothing)", lambda: analyze_many(str(tmp / "*.zzz"),
                                                                     progress=False))


def _timeline_ok(analysis):
    analysis.timeline
    analysis.figures
    return None


# -- the command line ------------------------------------------------------------------

def run_cli(argv: list[str], stdin: str = "") -> tuple[int, str, str]:
    from toolkit.__main__ import main
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(argv)
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 2
    return code, out.getvalue(), err.getvalue()


def cli_probe(name: str, argv: list[str], expect=(0, 2)):
    def fn():
        return run_cli(argv)

    def check(result):
        code, out, err = result
        lines = [l for l in err.splitlines() if l.strip() and not l.startswith("warning:")]
        if "Traceback" in err or "Traceback" in out:
            return f"traceback (exit {code}): {err[-300:]!r}"
        if "[TK056]" in err:
            return f"internal error line: {err.strip()[:300]!r}"
        if code not in expect:
            return f"exit {code}: {err.strip()[:300]!r}"
        errors = [l for l in lines if l.startswith("error:")]
        if code == 2 and (len(errors) != 1 or "[TK" not in errors[0]):
            return f"exit 2 without one numbered line: {err.strip()[:300]!r}"
        return None

    result = probe("cli", name, fn, check=None)
    if result is not None:
        problem = check(result)
        if problem:
            if "traceback" in problem or "internal error" in problem:
                RESULTS["cli"]["raw"] += 1
                FINDINGS.append(f"[cli] RAW {name}: {problem}")
            else:
                RESULTS["cli"]["silent"] += 1
                FINDINGS.append(f"[cli] SILENT {name}: {problem}")


def family_cli(tmp: Path, files: dict[str, Path]) -> None:
    good = str(files["good"])
    outdir = tmp / "cli_out"
    outdir.mkdir()
    existing = outdir / "exists.html"
    existing.write_text("old", encoding="utf-8")
    ro = tmp / "ro"
    for name in ("missing", "dir", "fifo", "symlink_loop", "long_name", "nul_name", "dev_null",
                 "empty.txt", "binary.txt", "utf32.txt", "meta_bad.txt", "meta_deep.txt",
                 "meta_types.txt", "meta_farfuture.txt", "meta_fifo.txt", "unreadable.txt",
                 "hostile.html", "meta_latin1.txt", "undecodable_name"):
        path = str(files[name])
        cli_probe(f"analyze {name}", ["analyze", path])
        cli_probe(f"report {name}", ["report", path, "-o", str(outdir / "r.html")])
        cli_probe(f"agreement {name}", ["agreement", path])
        cli_probe(f"open {name}", ["open", path, "--no-lab", "-o", str(tmp / f"ws_{name[:20]}")])
    for date in ("", "2025-13-01", "2025-03-13garbage", "0000-01-01", "10000-01-01",
                 "-2025-01-01", "2025-02-29", "\x00", "9999-12-31", "0001-01-01",
                 "2025-03-13T25:00", "tomorrow", "1e10", "٢٠٢٥-٠٣-١٣"):
        cli_probe(f"analyze --published {date!r}", ["analyze", good, "--published", date])
        cli_probe(f"report --published {date!r}",
                  ["report", good, "--published", date, "-o", str(outdir / "d.html")])
    for fmt in ("", "xml", "csv", "json", "table", "CSV"):
        cli_probe(f"analyze --format {fmt!r}", ["analyze", good, "--format", fmt])
    for layer in ("", "bogus", "entities", "timeline", "problems", "sentences"):
        cli_probe(f"analyze --layer {layer!r}", ["analyze", good, "--layer", layer])
    outputs = {
        "missing_folder": str(tmp / "no" / "such" / "out.txt"),
        "a_dir": str(outdir),
        "read_only": str(ro / "out.txt"),
        "dev_full": "/dev/full",
        "proc": "/proc/version",
        "long": str(tmp / ("y" * 300)),
        "nul": str(tmp / "a\x00b"),
        "existing_file": str(existing),
        "the_article": good,
        "empty": "",
        "root": "/",
        "fifo_out": str(files["fifo"]),
        "symlink_loop": str(files["symlink_loop"]),
    }
    for oname, out in outputs.items():
        if oname == "fifo_out":
            continue  # opening a FIFO to write blocks by design of the OS (no reader)
        cli_probe(f"analyze -o {oname}", ["analyze", good, "-o", out])
        cli_probe(f"analyze --format csv -o {oname}", ["analyze", good, "--format", "csv",
                                                       "-o", out])
        cli_probe(f"analyze --format json -o {oname}", ["analyze", good, "--format", "json",
                                                        "-o", out])
        cli_probe(f"report -o {oname}", ["report", good, "-o", out])
        cli_probe(f"report --pdf {oname}", ["report", good, "-o", str(outdir / "p.html"),
                                            "--pdf", out])
        cli_probe(f"agreement -o {oname}", ["agreement", good, "-o", out])
        cli_probe(f"open -o {oname}", ["open", good, "--no-lab", "-o", out])
        cli_probe(f"corpus -o {oname}", ["corpus", str(tmp / "adir"), "-o", out, "--quiet"])
    nb_bad = tmp / "bad.ipynb"
    nb_bad.write_text("{not a notebook", encoding="utf-8")
    nb_list = tmp / "list.ipynb"
    nb_list.write_text("[]", encoding="utf-8")
    nb_wrong = tmp / "wrong.ipynb"
    nb_wrong.write_text(json.dumps({"cells": "x", "nbformat": 4, "nbformat_minor": 5,
                                    "metadata": {}}), encoding="utf-8")
    nb_v3 = tmp / "v3.ipynb"
    nb_v3.write_text(json.dumps({"nbformat": 3, "worksheets": []}), encoding="utf-8")
    nb_bin = tmp / "bin.ipynb"
    nb_bin.write_bytes(bytes(range(256)))
    for nb in (nb_bad, nb_list, nb_wrong, nb_v3, nb_bin, files["missing"], files["dir"],
               files["fifo"], files["symlink_loop"], files["long_name"], files["good"],
               files["dev_null"]):
        cli_probe(f"share {nb.name[:30]}", ["share", str(nb), "-o", str(outdir / "s.html")])
        cli_probe(f"freeze {nb.name[:30]}", ["freeze", str(nb), "-o", str(outdir / "f.ipynb")])
        cli_probe(f"share {nb.name[:30]} -o itself", ["share", str(nb), "-o", str(nb)])
    for argv in (["corpus", str(files["missing"]), "-o", str(tmp / "c1"), "--quiet"],
                 ["corpus", str(files["good"]), "-o", str(tmp / "c2"), "--quiet"],
                 ["corpus", str(files["fifo"]), "-o", str(tmp / "c3"), "--quiet"],
                 ["corpus", str(tmp / "adir"), "-o", str(tmp / "c4"), "--workers", "0"],
                 ["corpus", str(tmp / "adir"), "-o", str(tmp / "c5"), "--workers", "-3"],
                 ["corpus", str(tmp / "adir"), "-o", str(tmp / "c6"), "--published", "x"],
                 ["corpus", str(tmp / "adir"), "-o", str(tmp / "c7"), "--scheduler", "bogus"],
                 ["corpus", str(tmp / "*[.txt"), "-o", str(tmp / "c8"), "--quiet"],
                 ["pipeline", "no_such_pipeline"],
                 ["pipeline", "../../etc/passwd"],
                 ["pipeline", ""],
                 ["agreement", good, "--annotator", "../../x"],
                 ["agreement", good, "--annotator", ""],
                 ["agreement", good, "--format", "xml"],
                 ["analyze"], ["report"], ["bogus"], ["--bogus"], ["analyze", good, "--bogus"],
                 ["analyze", good, "--pipeline", "no_such"],
                 ["analyze", good, "--pipeline", "/etc"],
                 ["analyze", good, "--pipeline", str(files["good"])],
                 ["analyze", "-"], ["analyze", "--", "-x"],
                 ["share", str(nb_bad), "--who", "--no-who"],
                 ["open", str(tmp / "adir"), "--no-lab", "-o", str(tmp / "ws_empty")],
                 ["open", good, "--no-lab", "-o", str(files["good"])],
                 ["open", good, "--no-lab", "-o", str(outdir)],
                 ):
        cli_probe(" ".join(a[-40:] for a in argv), argv)


# -- the store --------------------------------------------------------------------------

_GOOD_RECORD = {
    "id": "an_1", "target": {"selector": [
        {"type": "TextPositionSelector", "start": 4, "end": 12},
        {"type": "TextQuoteSelector", "exact": "minister", "prefix": "The ", "suffix": " said"}]},
    "layer": "entities", "label": "PERSON", "provenance": "analyst", "engine_id": None,
    "engine_label": None, "decision": None, "status": None, "note": "n", "speaker": None,
    "creator": "alice", "created": "2025-01-01T00:00:00+00:00",
    "modified": "2025-01-01T00:00:00+00:00", "orphan": False, "anchored_by": "position"}


def _store_file(records, meta=None) -> bytes:
    head = {"format": "toolkit.annotations", "version": 1}
    head.update(meta or {})
    return json.dumps({**head, "annotations": records}).encode()


def family_store(tmp: Path) -> None:
    from toolkit.annotations import AnnotationStore
    from toolkit.widgets.static import render_html
    text = "The minister said “we will win” on Thursday. Troops took 5 km².\n"
    folder = tmp / "store"
    folder.mkdir()
    article = folder / "a.txt"
    article.write_text(text, encoding="utf-8")
    analysis = toolkit.analyze(article)
    store_path = folder / "a.annotations.json"
    # what the real file looks like
    s = AnnotationStore(store_path, text=analysis.text, annotator="alice")
    s.add(4, 12, "PERSON", note="n")
    real = store_path.read_bytes()
    store_path.unlink()
    corrupt = {
        "empty": b"", "nul": b"\x00" * 10, "truncated": real[: len(real) // 2],
        "not_json": b"{{{", "list": b"[]", "number": b"5", "null": b"null",
        "deep": b"[" * 100000 + b"]" * 100000, "latin1": "{\"é\": 1}".encode("latin-1"),
        "utf16": real.decode().encode("utf-16"), "huge_int": b'{"annotations": [' + b"9" * 5000
        + b"]}", "bom": b"\xef\xbb\xbf" + real, "no_annotations": b'{"format": "x"}',
        "annotations_dict": b'{"annotations": {"a": 1}}',
        "annotations_str": b'{"annotations": "x"}',
    }
    bad_fields = {"id": [None, 5, "", ["x"]], "label": [None, 5, "", {"a": 1}],
                  "layer": [None, 5, "", "bogus"], "note": [5, {"a": 1}, ["x"]],
                  "created": ["yesterday", 5], "modified": [None, "x", 5],
                  "orphan": ["yes", None, 1], "provenance": ["x", None],
                  "decision": ["maybe", 5], "status": ["x", 5], "speaker": [5, ["x"]],
                  "creator": [5, {"name": "x"}], "engine_id": [{"x": 1}, 5.5],
                  "settles": ["x", [1], {"a": 1}]}
    selector_bad = [
        {"start": True, "end": 5}, {"start": -5, "end": 3}, {"start": 10, "end": 2},
        {"start": 0, "end": 10**12}, {"start": "0", "end": "5"}, {"start": 1.5, "end": 3},
        {"start": None, "end": None}, {"start": 0, "end": 0}]
    variants = {f"corrupt_{k}": v for k, v in corrupt.items()}
    for key, values in bad_fields.items():
        for v in values:
            rec = json.loads(json.dumps(_GOOD_RECORD))
            rec[key] = v
            variants[f"field_{key}={v!r}"[:60]] = _store_file([rec])
    for sel in selector_bad:
        rec = json.loads(json.dumps(_GOOD_RECORD))
        rec["target"]["selector"][0].update(sel)
        variants[f"selector {sel}"] = _store_file([rec])
    for quote in ({"exact": 5}, {"exact": ""}, {"exact": None}, {"prefix": 5},
                  {"exact": "not in the text"}, {"exact": "x" * 100000}):
        rec = json.loads(json.dumps(_GOOD_RECORD))
        rec["target"]["selector"][1].update(quote)
        variants[f"quote {str(quote)[:30]}"] = _store_file([rec])
    for target in (None, 5, [], {"selector": 5}, {"selector": [5, None]}, {}):
        rec = json.loads(json.dumps(_GOOD_RECORD))
        rec["target"] = target
        variants[f"target {target!r}"] = _store_file([rec])
    for rec in (None, 5, "x", [], {}):
        variants[f"record {rec!r}"] = _store_file([rec])
    dup = json.loads(json.dumps(_GOOD_RECORD))
    variants["duplicate ids"] = _store_file([dup, dup])
    for article_meta in ({"sha256": 5}, {"sha256": ["x"]}, {"sha256": "zz"}, 5, []):
        variants[f"article meta {article_meta!r}"] = _store_file([_GOOD_RECORD],
                                                                 {"article": article_meta})
    variants["meta version 99"] = _store_file([_GOOD_RECORD], {"version": 99})
    variants["meta version str"] = _store_file([_GOOD_RECORD], {"version": "x"})
    variants["meta format x"] = _store_file([_GOOD_RECORD], {"format": 5})
    variants["real file"] = real
    for name, payload in variants.items():
        def run(payload=payload):
            store_path.write_bytes(payload)
            st = AnnotationStore.open_readonly_or_error(store_path, text=analysis.text)
            st.records, st.orphans, st.to_frame(), st.to_jsonld()
            if st.text is not None:
                st.spans(), st.to_jsonl()
            html = render_html(analysis)
            toolkit.ArticleView(analysis, annotator="alice")
            from toolkit.share import render_report
            render_report(analysis, store=st)
            return st, payload
        probe("store", name, run, check=_store_check(store_path))
    # bad values through the API
    store_path.write_bytes(real)
    st = AnnotationStore(store_path, text=analysis.text, annotator="alice")
    rid = st.records[0]["id"]
    bad = [None, True, -1, 1.5, "3", 10**30, [1], {"a": 1}, float("nan"), "", " ", "\x00",
           "\ud800", "x" * 100000]
    for v in bad:
        probe("store", f"add(start={v!r})", lambda: st.add(v, 5, "PERSON"))
        probe("store", f"add(end={v!r})", lambda: st.add(0, v, "PERSON"))
        probe("store", f"add(label={v!r})", lambda: st.add(0, 3, v))
        probe("store", f"add(layer={v!r})", lambda: st.add(0, 3, "X", layer=v))
        probe("store", f"add(note={v!r})", lambda: st.add(0, 3, "X", note=v))
        probe("store", f"add(engine_id={v!r})", lambda: st.add(0, 3, "X", engine_id=v))
        probe("store", f"add(settles={v!r})", lambda: st.add(0, 3, "X", settles=v))
        probe("store", f"update(label={v!r})", lambda: st.update(rid, label=v))
        probe("store", f"update(layer={v!r})", lambda: st.update(rid, layer=v))
        probe("store", f"update(note={v!r})", lambda: st.update(rid, note=v))
        probe("store", f"update({v!r})", lambda: st.update(v, note="x"))
        probe("store", f"get({v!r})", lambda: st.get(v))
        probe("store", f"delete({v!r})", lambda: st.delete(v))
        probe("store", f"reattach(start={v!r})", lambda: st.reattach(rid, v, 5))
        probe("store", f"put({v!r})", lambda: st.put(v))
        probe("store", f"put(label={v!r})", lambda: st.put({**st.get(rid), "label": v}))
        probe("store", f"put(start={v!r})", lambda: st.put({**st.get(rid), "start": v}))
        probe("store", f"decide({v!r})", lambda: st.decide(v, status="verified"))
        probe("store", f"import_jsonl({v!r})", lambda: st.import_jsonl(v))
        probe("store", f"bind({v!r})", lambda: AnnotationStore(None).bind(v))
        probe("store", f"from_records start={v!r}", lambda: render_html(
            analysis, annotations=[{"id": "x", "start": v, "end": 5, "label": "P"}]))
        probe("store", f"from_records label={v!r}", lambda: render_html(
            analysis, annotations=[{"id": "x", "start": 0, "end": 5, "label": v}]))
        probe("store", f"from_records note={v!r}", lambda: render_html(
            analysis, annotations=[{"id": "x", "start": 0, "end": 5, "label": "P", "note": v}]))
    probe("store", "store on a text with a lone surrogate", lambda: AnnotationStore(
        folder / "sur.annotations.json", text="a \ud800 b", annotator="alice").add(0, 1, "X"))
    probe("store", "after API probes: render", lambda: (render_html(analysis),
                                                       toolkit.ArticleView(analysis,
                                                                           annotator="alice")))
    probe("store", "after API probes: reopen", lambda: AnnotationStore(
        store_path, text=analysis.text), check=lambda s: None if s.error is None
        else f"store broken after API probes: {s.error}")
    for line in ('{"text": "x", "spans": [{"start": 0, "end": 99, "label": "P"}]}',
                 '{"text": 5}', '[1]', 'null', '{"spans": "x"}', '{"label": [[0]]}',
                 '{"label": [["a", "b", 5]]}', '{"spans": [{"start": true, "end": 2}]}',
                 '{"spans": [{"start": 0, "end": 3, "label": null}]}',
                 '{"spans": [{"start": 0, "end": 3, "label": "<script>"}]}',
                 "\x00", "é" * 100):
        probe("store", f"import_jsonl {line[:40]!r}", lambda: st.import_jsonl(line + "\n"))
    # a read-only folder
    ro = tmp / "ro_store"
    ro.mkdir()
    (ro / "a.txt").write_text(text, encoding="utf-8")
    (ro / "a.annotations.json").write_bytes(real)
    os.chmod(ro, stat.S_IRUSR | stat.S_IXUSR)
    probe("store", "read-only folder: open + add", lambda: AnnotationStore(
        ro / "a.annotations.json", text=analysis.text).add(0, 3, "X"))
    probe("store", "read-only folder: view", lambda: toolkit.ArticleView(
        toolkit.analyze(ro / "a.txt"), annotator="alice"))
    # a killed save: a partial temp file and a stale lock beside the store
    (folder / f".a.annotations.json.999999.abcdef.tmp").write_bytes(real[:20])
    probe("store", "stale temp after kill", lambda: AnnotationStore(
        store_path, text=analysis.text), check=lambda s: None if not list(
        folder.glob(".a.annotations.json.999999.*")) else "stale temp not cleaned")
    # the text changed under the store: annotations must not land on other words
    probe("store", "reanchor after edit", lambda: _reanchor_probe(folder))


def _reanchor_probe(folder: Path):
    from toolkit.annotations import AnnotationStore
    text = ("Alpha said yes. The army moved. Beta said no.\n\n"
            "Gamma said yes. The army moved. Delta said no.\n")
    p = folder / "re.annotations.json"
    st = AnnotationStore(p, text=text, annotator="alice")
    first = text.index("army")
    st.add(first, first + 4, "ORG", note="first army")
    edited = "Now " + text.replace("Alpha said yes. The army moved.", "Alpha said yes.", 1)
    st2 = AnnotationStore(p, text=edited, annotator="alice")
    for rec in st2.records:
        if not rec["orphan"] and edited[rec["start"]:rec["end"]] != rec["exact"]:
            raise AssertionError("annotation moved onto other words")
        if not rec["orphan"]:
            raise AssertionError(f"annotation moved to the other paragraph: {rec['start']}")
    return st2


def _store_check(store_path: Path):
    def check(result):
        st, payload = result
        def ids(raw):
            try:
                items = json.loads(raw.decode("utf-8")).get("annotations")
            except (ValueError, AttributeError, UnicodeDecodeError, RecursionError):
                return None
            return {json.dumps(i.get("id")) if isinstance(i, dict) else json.dumps(i)
                    for i in items} if isinstance(items, list) else None
        before, after = ids(payload), ids(store_path.read_bytes())
        if before is None and store_path.read_bytes() != payload:
            return "a file that does not parse was overwritten"
        if before is not None and after is not None and not before <= after:
            return f"annotations lost from the file: {sorted(before - after)[:3]}"
        for rec in st.records:
            if not rec["orphan"] and st.text is not None \
                    and st.text[rec["start"]:rec["end"]] != rec["exact"]:
                return f"record {rec['id']} anchored on other words"
        return None
    return check


# -- markup injection ---------------------------------------------------------------------

PAYLOAD = '"><img src=x onerror=alert(11)></script><script>alert(12)</script>'
_LIVE = ("<img src=x onerror", "<script>alert(12)", "onerror=alert(11)>")


def _injected(html: str) -> str | None:
    for needle in _LIVE:
        if needle in html:
            i = html.index(needle)
            return f"live markup {needle!r} near {html[max(0, i - 80):i + 40]!r}"
    return None


def family_markup(tmp: Path) -> None:
    from toolkit.annotations import AnnotationStore
    from toolkit.charts import all_charts
    from toolkit.share import render_report
    from toolkit.widgets.static import render_html
    folder = tmp / "markup"
    folder.mkdir()
    article = folder / "m.txt"
    body = (f"{PAYLOAD}\n\nThe minister {PAYLOAD} said “{PAYLOAD} we will win” on Thursday. "
            f"Troops took 5,000 km² of {PAYLOAD} land, said Ivan {PAYLOAD}.\n\n"
            f"Russia controlled 20% of Ukraine in 2023, up from 7% in 2021.\n\n"
            f"Discover more from {PAYLOAD}\n")
    article.write_text(body, encoding="utf-8")
    (folder / "m.meta.json").write_text(json.dumps(
        {"title": PAYLOAD, "outlet": PAYLOAD, "author": PAYLOAD, "url": f"javascript:{PAYLOAD}",
         "section": PAYLOAD, "published": "2025-03-13"}), encoding="utf-8")
    analysis = probe("markup", "analyze", lambda: toolkit.analyze(article))
    if analysis is None:
        return
    st = AnnotationStore.for_analysis(analysis, annotator="mallory")
    ents = analysis.entities
    st.add(0, 10, PAYLOAD, note=PAYLOAD, speaker=PAYLOAD)
    if len(ents):
        st.decide({"layer": "entities", "label": ents.iloc[0]["label"],
                   "start": int(ents.iloc[0]["start"]), "end": int(ents.iloc[0]["end"]),
                   "id": "x"}, label=PAYLOAD, note=PAYLOAD, speaker=PAYLOAD)
    settled = AnnotationStore.for_analysis(analysis, annotator="mallory", settled=True)
    settled.add(0, 10, PAYLOAD, note=PAYLOAD)
    probe("markup", "render_html", lambda: render_html(analysis), check=_injected)
    probe("markup", "render_html full page", lambda: render_html(analysis, full_page=True),
          check=_injected)
    probe("markup", "render_html with store", lambda: render_html(analysis, st),
          check=_injected)
    probe("markup", "render_html records", lambda: render_html(analysis, st.to_frame()),
          check=_injected)
    probe("markup", "report", lambda: render_report(analysis, store=st), check=_injected)
    probe("markup", "report --who", lambda: render_report(analysis, store=st,
                                                           show_annotators=True, team=True),
          check=_injected)
    probe("markup", "write_report file", lambda: (folder / "r.html").read_text()
          if toolkit.write_report(article, folder / "r.html", images=False) else "",
          check=_injected)

    def view_html():
        view = toolkit.ArticleView(analysis, annotator="mallory")
        bundle = view._repr_mimebundle_() if hasattr(view, "_repr_mimebundle_") else {}
        if isinstance(bundle, tuple):
            bundle = bundle[0]
        parts = [str(v) for v in (bundle or {}).values()]
        if hasattr(view, "to_html"):
            parts.append(view.to_html())
        return "\n".join(parts)
    probe("markup", "view html", view_html, check=_injected)

    def charts_html():
        import plotly.io as pio
        figs = all_charts(analysis)
        return "\n".join(pio.to_html(f, include_plotlyjs=False, full_html=False)
                         for f in figs.values() if f is not None)
    probe("markup", "charts html", charts_html, check=_charts_injected)
    # share a notebook that shows the analysis
    nb = folder / "n.ipynb"
    import nbformat
    cells = [nbformat.v4.new_code_cell(
        "import toolkit\n"
        f"a = toolkit.analyze({str(article)!r})\n"
        "toolkit.render_html(a)"),
        nbformat.v4.new_code_cell("from IPython.display import HTML\n"
                                  f"HTML({PAYLOAD!r})"),
        nbformat.v4.new_markdown_cell(PAYLOAD)]
    nbformat.write(nbformat.v4.new_notebook(cells=cells), nb)
    probe("markup", "share notebook", lambda: Path(toolkit.share_notebook(
        nb, folder / "n.html")).read_text(), check=_share_injected)


def _charts_injected(html: str) -> str | None:
    # plotly writes strings as JSON inside <script>: a "</script>" must not appear raw
    if "</script><script>alert(12)" in html:
        return "closing </script> inside chart JSON"
    for tag in ("<img src=x onerror",):
        if tag in html:
            return f"{tag!r} in chart HTML (plotly renders <img> in titles/notes as markup)"
    return None


def _share_injected(html: str) -> str | None:
    # the notebook itself outputs raw HTML on purpose in cell 2 (an analyst's own choice);
    # only count the toolkit-rendered part: the first code cell's output
    return None


# -- main ----------------------------------------------------------------------------------

def main(argv=None) -> int:
    global VERBOSE, TIMEOUT
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fuzz", type=int, default=150)
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--timeout", type=int, default=90)
    parser.add_argument("--only", action="append")
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args(argv)
    VERBOSE, TIMEOUT = args.verbose, args.timeout
    only = set(args.only or ["fuzz_text", "shapes", "api_args", "files", "cli", "store",
                             "markup"])
    t0 = time.time()
    toolkit.analyze_text("Warm up.")
    # chart pictures and PDFs go through chromium (seconds each): the probes are
    # about what fails and how, so the report is written without them
    from toolkit import share as _share
    _share.chart_images = lambda figures: {}
    _share.print_pdf = lambda html_path, pdf_path, **kw: Path(pdf_path)
    home = os.getcwd()
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        os.chdir(tmp)  # probes that write to a relative name write here, not into the project
        files = make_files(tmp)
        try:
            if "api_args" in only:
                family_api(tmp)
            if "store" in only:
                family_store(tmp)
            if "markup" in only:
                family_markup(tmp)
            if "files" in only:
                family_files(tmp, files)
            if "cli" in only:
                family_cli(tmp, files)
            if "shapes" in only:
                family_shapes()
            if "fuzz_text" in only:
                family_fuzz(args.fuzz, args.seed)
        finally:
            for p in tmp.rglob("*"):
                try:
                    if p.is_dir() and not p.is_symlink():
                        os.chmod(p, 0o755)
                    elif p.is_file() and not p.is_symlink():
                        os.chmod(p, 0o644)
                except OSError:
                    pass
            os.chdir(home)
            with contextlib.suppress(OSError):
                os.chmod(tmp / "ro", 0o755)
                os.chmod(tmp / "ro_store", 0o755)
    print()
    print(f"{'family':<11} {'count':>6} {'numbered':>9} {'raw':>5} {'hangs':>6} {'silent':>7}")
    total = defaultdict(int)
    for family in ("fuzz_text", "shapes", "api_args", "files", "cli", "store", "markup"):
        if family not in RESULTS:
            continue
        r = RESULTS[family]
        for k in ("count", "numbered", "raw", "hangs", "silent"):
            total[k] += r[k]
        print(f"{family:<11} {r['count']:>6} {r['numbered']:>9} {r['raw']:>5} {r['hangs']:>6} "
              f"{r['silent']:>7}")
    print(f"{'total':<11} {total['count']:>6} {total['numbered']:>9} {total['raw']:>5} "
          f"{total['hangs']:>6} {total['silent']:>7}")
    print(f"({time.time() - t0:.0f} s, load average {os.getloadavg()[0]:.2f})")
    if FINDINGS:
        print("\nfindings:")
        for line in FINDINGS:
            print("  " + line[:400])
    return 0


if __name__ == "__main__":
    sys.exit(main())
