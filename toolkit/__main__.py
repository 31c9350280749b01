"""The command line: ``python -m toolkit --help``."""

from __future__ import annotations

import argparse
import errno
import json
import os
import sys
import warnings
from pathlib import Path

from toolkit.errors import ToolkitError, ToolkitWarning

FORMATS = ("table", "json", "csv")


def _cmd_analyze(args) -> int:
    import pandas as pd

    import toolkit
    from toolkit.analysis import LAYERS

    if args.format not in FORMATS:
        raise ToolkitError("TK105", fmt=args.format, choices=", ".join(FORMATS))
    if args.output:
        _check_not_input(args.output, args.article)
        if args.format == "csv":
            _check_output_folder(args.output)
        else:
            _check_output_file(args.output)
    analysis = toolkit.analyze(args.article, published=args.published, nlp=args.pipeline)
    layers = args.layer or list(LAYERS)
    for layer in layers:
        analysis.table(layer)  # validates the name (TK104)
    if args.format == "json":
        data = analysis.to_dict()
        payload = {"metadata": data["metadata"], "headings": data["headings"],
                   **{layer: data[layer] for layer in layers}}
        text = json.dumps(payload, ensure_ascii=False, indent=2)
        _emit(text, args.output)
    elif args.format == "csv":
        if args.output:
            out = Path(args.output)
            try:
                out.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise _write_error(out, exc) from exc
            for layer in layers:
                write_text_atomic(out / f"{layer}.csv",
                                  analysis.table(layer).to_csv(index=False))
            print(f"wrote {', '.join(str(out / (l + '.csv')) for l in layers)}")
        else:
            for layer in layers:
                print(f"# {layer}")
                print(analysis.table(layer).to_csv(index=False))
    else:
        parts = []
        with pd.option_context("display.max_rows", None, "display.max_columns", None,
                               "display.width", 200, "display.max_colwidth", 60):
            for layer in layers:
                frame = analysis.table(layer)
                parts.append(f"== {layer} ({len(frame)}) ==\n"
                             + (frame.to_string(index=False) if len(frame) else "(none)"))
        _emit("\n\n".join(parts), args.output)
    return 0


def _emit(text: str, output: str | None) -> None:
    if output:
        write_text_atomic(Path(output), text + "\n")
        print(f"wrote {output}")
    else:
        print(text)


# -- output paths: every way a write can fail is a numbered error -----------------

def _is_dir(path: Path) -> bool:
    """``path.is_dir()`` that is False, not an OSError, for a name too long."""
    try:
        return path.is_dir()
    except (OSError, ValueError):
        return False


def _check_output_file(output) -> Path:
    """TK050 (no such folder), TK051 (a directory) before any work is done."""
    out = Path(output).expanduser()
    if "\x00" in str(out):
        raise ToolkitError("TK052", path=repr(str(out))[:80], why="the name holds a NUL character")
    try:
        is_dir, folder_ok = out.is_dir(), out.parent.is_dir()
    except (OSError, ValueError) as exc:  # a name too long, NUL in the name
        raise ToolkitError("TK052", path=str(out)[:80], why=getattr(exc, "strerror", None)
                           or str(exc)) from exc
    if is_dir:
        raise ToolkitError("TK051", path=str(out), suggestion=str(out / "output.txt"))
    folder = out.parent
    if not folder_ok:
        raise ToolkitError("TK050", path=str(out), folder=str(folder))
    if not os.access(folder, os.W_OK):
        raise ToolkitError("TK052", path=str(out), why="its folder is not writable "
                           "(a read-only file system, or no permission)")
    return out


def _check_output_folder(output) -> Path:
    out = Path(output).expanduser()
    try:
        exists, is_dir = out.exists(), out.is_dir()
    except (OSError, ValueError) as exc:  # a name too long, NUL in the name
        raise ToolkitError("TK052", path=str(out)[:80], why=getattr(exc, "strerror", None)
                           or str(exc)) from exc
    if "\x00" in str(out):
        raise ToolkitError("TK052", path=repr(str(out))[:80], why="the name holds a NUL character")
    if exists and not is_dir:
        raise ToolkitError("TK053", path=str(out))
    return out


def _check_not_input(output, source) -> None:
    try:
        same = Path(output).expanduser().resolve() == Path(source).expanduser().resolve()
    except (OSError, RuntimeError, ValueError):
        return
    if same:
        raise ToolkitError("TK057", path=str(output),
                           suggestion=str(Path(output).with_suffix(".out.txt")))


def _write_error(path: Path, exc: OSError) -> ToolkitError:
    if exc.errno == errno.ENOENT and not _is_dir(path.parent):
        return ToolkitError("TK050", path=str(path), folder=str(path.parent))
    if exc.errno == errno.EISDIR or _is_dir(path):
        return ToolkitError("TK051", path=str(path), suggestion=str(path / "output.txt"))
    return ToolkitError("TK052", path=str(path), why=exc.strerror or str(exc))


def write_text_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` whole or not at all (toolkit's one atomic write);
    every OSError becomes TK050/TK051/TK052."""
    from toolkit._files import atomic_write_text

    path = Path(path)
    try:
        atomic_write_text(path, text)
    except OSError as exc:
        raise _write_error(path, exc) from exc
    except ValueError as exc:  # NUL in the name
        raise ToolkitError("TK052", path=repr(str(path))[:80], why=str(exc)) from exc


def _cmd_report(args) -> int:
    from toolkit.share import write_report

    _check_not_input(args.output, args.article)
    _check_output_file(args.output)
    pdf = getattr(args, "pdf", None)
    if pdf == "":
        pdf = str(Path(args.output).with_suffix(".pdf"))
    if pdf:
        _check_not_input(pdf, args.article)
        _check_output_file(pdf)
    out = write_report(args.article, args.output, published=args.published, pdf=pdf,
                       show_annotators=args.who)
    print(f"wrote {out}" + (f" and {pdf}" if pdf else ""))
    return 0


def _cmd_share(args) -> int:
    from toolkit.share import share_notebook

    _check_output_file(args.output or Path(args.notebook).with_suffix(".html"))
    out = share_notebook(args.notebook, args.output or Path(args.notebook).with_suffix(".html"),
                         parameters=_who_parameters(args))
    print(f"wrote {out}")
    return 0


def _cmd_freeze(args) -> int:
    from toolkit.share import freeze, frozen_summary

    _check_output_file(args.output or args.notebook)
    out = freeze(args.notebook, args.output, parameters=_who_parameters(args))
    print(frozen_summary(out))
    return 0


def _cmd_pipeline(args) -> int:
    from toolkit.nlp import load_pipeline

    nlp = load_pipeline(args.name)
    print(f"{nlp.meta.get('lang')}_{nlp.meta.get('name')} {nlp.meta.get('version')}")
    print("pipes: " + ", ".join(nlp.pipe_names))
    return 0


class _Parser(argparse.ArgumentParser):
    """argparse with its usage errors as one numbered line (TK058), exit code 2."""

    def error(self, message):
        command = self.prog.replace("python -m toolkit", "").strip()
        _fail(ToolkitError("TK058", why=message[:1].upper() + message[1:],
                           command=f"{command} " if command else ""))
        raise SystemExit(2)

# -- open: a workspace per article (toolkit/workspace.py) -----------------------
def _cmd_open(args) -> int:
    from toolkit.workspace import describe, launch_lab, open_workspace

    workspace = open_workspace(args.article, published=args.published, folder=args.output)
    print(describe(workspace))
    if args.no_lab:
        return 0
    print("==> starting JupyterLab (Ctrl-C to stop)")
    return launch_lab(workspace)


def _add_open(sub) -> None:
    p = sub.add_parser("open", help="a workspace for one article: its notebooks, in JupyterLab")
    p.add_argument("article", help="path to the article (.txt, .md or .html)")
    p.add_argument("--published", help="publication date, YYYY-MM-DD (default: its .meta.json)")
    p.add_argument("-o", "--output", metavar="DIR",
                   help="workspace folder (default: workspaces/<article-name>/)")
    p.add_argument("--no-lab", action="store_true",
                   help="only make the workspace; print the JupyterLab command")
    p.set_defaults(func=_cmd_open)

# -- corpus mode (toolkit/corpus/) --------------------------------------------------------

def _cmd_corpus(args) -> int:
    from toolkit.corpus import analyze_corpus
    from toolkit.corpus.run import CorpusInterrupted

    try:
        corpus = analyze_corpus(args.source, args.output, workers=args.workers,
                                scheduler=args.scheduler, published=args.published,
                                progress=not args.quiet)
    except CorpusInterrupted as stopped:       # Ctrl-C: what was kept, how to go on
        return _fail(stopped, 130)
    run = corpus.run
    print(f"{run['analysed']} analysed, {run['skipped']} already in {args.output}, "
          f"{run['failed']} failed ({run['seconds']:.1f} s, {run['workers']} workers); "
          f"open it with toolkit.open_corpus({str(args.output)!r})")
    return 0


def _add_corpus_command(sub) -> None:
    p = sub.add_parser("corpus", help="analyse a folder of articles on Dask into Parquet tables")
    p.add_argument("source", help="a folder of articles (with .meta.json) or a glob")
    p.add_argument("-o", "--output", required=True, help="the corpus folder to write")
    p.add_argument("--workers", type=int, help="worker processes (default: one per core)")
    p.add_argument("--scheduler", help="address of a running Dask scheduler, tcp://host:8786")
    p.add_argument("--published", help="one publication date for all articles, YYYY-MM-DD")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=_cmd_corpus)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="python -m toolkit",
        description="Dissect news articles: entities, quotes, figures and a timeline.")
    parser.add_argument("--debug", action="store_true",
                        help="show the full traceback of an error (may also follow the command)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("analyze", help="print or write the four tables of an article")
    p.add_argument("article", help="path to the article (.txt, .md or .html)")
    p.add_argument("--published", help="publication date, YYYY-MM-DD (resolves 'Thursday')")
    p.add_argument("--format", default="table", help="table (default), json or csv")
    p.add_argument("--layer", action="append",
                   help="only this table (entities, quotes, figures, timeline); repeatable")
    p.add_argument("-o", "--output", help="write here instead of printing (a folder for csv)")
    p.add_argument("--pipeline", help="spaCy pipeline to use (default: en_core_web_sm)")
    p.set_defaults(func=_cmd_analyze)

    p = sub.add_parser("report", help="one self-contained HTML report of an article")
    p.add_argument("article")
    p.add_argument("-o", "--output", default="report.html")
    p.add_argument("--published", help="publication date, YYYY-MM-DD")
    p.add_argument("--pdf", nargs="?", const="", default=None, metavar="PDF",
                   help="also print the report to PDF (A4) through chromium "
                        "(default name: the report's, with .pdf)")
    p.add_argument("--who", action="store_true", help=_WHO_HELP)
    p.set_defaults(func=_cmd_report)

    p = sub.add_parser("share", help="a rendered notebook as one self-contained HTML file")
    p.add_argument("notebook")
    p.add_argument("-o", "--output")
    _add_who(p)
    p.set_defaults(func=_cmd_share)

    p = sub.add_parser("freeze", help="save a notebook with static outputs (no kernel needed)")
    p.add_argument("notebook")
    p.add_argument("-o", "--output")
    _add_who(p)
    p.set_defaults(func=_cmd_freeze)

    p = sub.add_parser("pipeline", help="show which spaCy pipeline would be used")
    p.add_argument("name", nargs="?")
    p.set_defaults(func=_cmd_pipeline)
    _add_agreement(sub)


    _add_open(sub)


    _add_corpus_command(sub)
    return parser


# -- team review: `python -m toolkit agreement ARTICLE` (self-contained block) ------
_WHO_HELP = ("show who decided each item (annotator and time) in the highlights' "
             "tooltips and a table, beside the agreement table")


def _add_who(p) -> None:
    p.add_argument("--who", action=argparse.BooleanOptionalAction, default=None,
                   help="run the notebook with SHOW_ANNOTATORS = True (--no-who: False): "
                        + _WHO_HELP + " (default: as the notebook says)")


def _who_parameters(args) -> dict | None:
    return None if args.who is None else {"SHOW_ANNOTATORS": args.who}


def _cmd_agreement(args) -> int:
    import types

    from toolkit.article import load_article
    from toolkit.review.agreement import agreement

    article = load_article(args.article)  # the text the annotations are anchored to
    target = types.SimpleNamespace(article=article, text=article.text)
    table = agreement(target, args.annotator or None)
    if args.format == "csv":
        _emit(table.to_csv(index=False), args.output)
    else:
        _emit(table.to_string(index=False, float_format=lambda v: f"{v:.3f}") + "\n",
              args.output)
    return 0


def _add_agreement(sub) -> None:
    p = sub.add_parser("agreement", help="how often the analysts of an article agree")
    p.add_argument("article")
    p.add_argument("--annotator", action="append", help="only these analysts; repeatable")
    p.add_argument("--format", default="table", choices=("table", "csv"))
    p.add_argument("-o", "--output")
    p.set_defaults(func=_cmd_agreement)


def _check_named_outputs(args) -> None:
    """An empty -o (or --pdf) names no file: TK058, never the current folder."""
    output, pdf = getattr(args, "output", None), getattr(args, "pdf", None)
    for flag, value in (("-o", output), ("--pdf", pdf or None)):  # --pdf "": the default name
        if isinstance(value, str) and not value.strip():
            raise ToolkitError("TK058", why=f"{flag} needs a file or folder name, got "
                               f"{value!r}", command=f"{args.command} ")


def main(argv: list[str] | None = None) -> int:
    """Run the command line. Every failure a user can cause ends in one line on
    stderr with its number and exit code 2 (130 for Ctrl-C); ``--debug``
    (anywhere on the line) shows the traceback instead."""
    argv = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in argv
    argv = [a for a in argv if a != "--debug"]
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 0
    _tolerant_streams()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("always", ToolkitWarning)
            warnings.showwarning = _show_warning
            _check_named_outputs(args)
            code = args.func(args)
            sys.stdout.flush()
            return code
    except BrokenPipeError:
        # the reader (``| head``) has gone: stop quietly, as a Unix tool does
        _silence_stdout()
        return 0
    except KeyboardInterrupt:
        if debug:
            raise
        return _fail(ToolkitError("TK055"), 130)
    except ToolkitError as exc:
        if debug:
            raise
        return _fail(exc)
    except Exception as exc:  # noqa: BLE001 - turned into one numbered line
        if debug:
            raise
        return _fail(*_numbered(exc, args))


def _numbered(exc: Exception, args) -> tuple[ToolkitError, int]:
    """The numbered error (and exit code) for an exception a command let through."""
    if type(exc).__module__.startswith("nbclient") and getattr(args, "notebook", None):
        return _cell_error(exc, args.notebook), 2
    if isinstance(exc, OSError) and exc.filename:
        if exc.errno == errno.ENAMETOOLONG:
            return ToolkitError("TK041", path=os.fsdecode(exc.filename)[:80] + "...",
                                why=exc.strerror or str(exc)), 2
        return _write_error(Path(os.fsdecode(exc.filename)), exc), 2
    if isinstance(exc, UnicodeEncodeError):
        return ToolkitError("TK773", why=str(exc)[:200]), 2
    if isinstance(exc, ValueError) and "null" in str(exc):
        return ToolkitError("TK052", path="(a path)", why=str(exc)[:200]), 2
    first = (str(exc).strip().splitlines() or [""])[0]
    why = f"{type(exc).__name__}: {first}"[:200]
    return ToolkitError("TK056", why=why), 1


def _cell_error(exc: Exception, notebook) -> ToolkitError:
    """TK054 naming the cell that failed (found by its source in the message)."""
    message = str(exc)
    cell, source = "?", ""
    try:
        cells = json.loads(Path(notebook).read_text(encoding="utf-8")).get("cells", [])
    except (OSError, ValueError, AttributeError):
        cells = []
    number = 0
    for item in cells:
        if item.get("cell_type") != "code":
            continue
        number += 1
        text = item.get("source", "")
        text = "".join(text) if isinstance(text, list) else str(text)
        if text.strip() and text.strip() in message:
            cell, source = str(number), text.strip().splitlines()[0][:60]
            break
    ename = getattr(exc, "ename", type(exc).__name__)
    evalue = (str(getattr(exc, "evalue", "")) or "").strip().splitlines()
    return ToolkitError("TK054", cell=cell, path=str(notebook), ename=ename,
                        evalue=(evalue[0] if evalue else "")[:200], source=source)


def _fail(exc: ToolkitError, code: int = 2) -> int:
    message = " ".join(str(exc).split())
    try:
        print(f"error: {message}", file=sys.stderr)
    except (BrokenPipeError, OSError):
        pass
    return code


def _tolerant_streams() -> None:
    """Never fail on a character the terminal cannot show."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(errors="backslashreplace")
        except (AttributeError, ValueError):
            pass


def _silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's final flush cannot fail."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def _show_warning(message, category, filename, lineno, file=None, line=None):
    print(f"warning: {' '.join(str(message).split())}", file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
