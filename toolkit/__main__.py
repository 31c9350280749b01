"""The command line: ``python -m toolkit --help``."""

from __future__ import annotations

import argparse
import json
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
            out.mkdir(parents=True, exist_ok=True)
            for layer in layers:
                analysis.table(layer).to_csv(out / f"{layer}.csv", index=False)
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
        Path(output).write_text(text + "\n", encoding="utf-8")
        print(f"wrote {output}")
    else:
        print(text)


def _cmd_report(args) -> int:
    from toolkit.share import write_report

    pdf = getattr(args, "pdf", None)
    if pdf == "":
        pdf = str(Path(args.output).with_suffix(".pdf"))
    out = write_report(args.article, args.output, published=args.published, pdf=pdf)
    print(f"wrote {out}" + (f" and {pdf}" if pdf else ""))
    return 0


def _cmd_share(args) -> int:
    from toolkit.share import share_notebook

    out = share_notebook(args.notebook, args.output or Path(args.notebook).with_suffix(".html"))
    print(f"wrote {out}")
    return 0


def _cmd_freeze(args) -> int:
    from toolkit.share import freeze, frozen_summary

    out = freeze(args.notebook, args.output)
    print(frozen_summary(out))
    return 0


def _cmd_pipeline(args) -> int:
    from toolkit.nlp import load_pipeline

    nlp = load_pipeline(args.name)
    print(f"{nlp.meta.get('lang')}_{nlp.meta.get('name')} {nlp.meta.get('version')}")
    print("pipes: " + ", ".join(nlp.pipe_names))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m toolkit",
        description="Dissect news articles: entities, quotes, figures and a timeline.")
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
    p.set_defaults(func=_cmd_report)

    p = sub.add_parser("share", help="a rendered notebook as one self-contained HTML file")
    p.add_argument("notebook")
    p.add_argument("-o", "--output")
    p.set_defaults(func=_cmd_share)

    p = sub.add_parser("freeze", help="save a notebook with static outputs (no kernel needed)")
    p.add_argument("notebook")
    p.add_argument("-o", "--output")
    p.set_defaults(func=_cmd_freeze)

    p = sub.add_parser("pipeline", help="show which spaCy pipeline would be used")
    p.add_argument("name", nargs="?")
    p.set_defaults(func=_cmd_pipeline)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 0
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("always", ToolkitWarning)
            warnings.showwarning = _show_warning
            return args.func(args)
    except ToolkitError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


def _show_warning(message, category, filename, lineno, file=None, line=None):
    print(f"warning: {message}", file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
