"""Reading articles from disk: encodings, HTML and Markdown, headings,
boilerplate footers and metadata.

An :class:`Article` is plain data. ``Article.text`` is the text every offset in
the toolkit refers to (Python code points): the article as written, with line
endings normalised, markup removed and boilerplate footers set aside. Headings
stay in the text (an analyst sees them) but are marked, so the analysis never
runs a heading into the sentence after it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import re
import stat
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from toolkit.decoding import clean_text, decode_bytes  # noqa: F401  (public here too)
from toolkit.errors import ToolkitError, warn
from toolkit.text_structure import (  # noqa: F401  (re-exported: one layout module)
    TERMINAL, analyse_layout, find_headings, is_hard_wrapped, is_heading_line, lines as _lines)

#: Refuse files larger than this unless the caller raises the limit (TK005).
MAX_BYTES = 50 * 1024 * 1024

#: Lines that are newsletter / subscription / sharing furniture, not reporting.
_BOILERPLATE = re.compile(
    r"""^\s*(?:
        discover\ more\ from\b | subscribe\b | sign\ up\b | follow\ us\b |
        share\ this\b | share\ on\b | click\ here\b | read\ more\b | related\ (?:articles|stories|posts)\b |
        (?:all\ rights\ reserved) | copyright\b | ©\s*\d{4} | get\ the\ latest\b |
        advertisement\s*$ | this\ story\ (?:has\ been|was)\ (?:updated|corrected)\b |
        (?:join|like)\ us\ on\b | download\ (?:our|the)\ app\b | newsletter\s*$
    )""",
    re.IGNORECASE | re.VERBOSE,
)
_OUTLET_FROM_FOOTER = [
    re.compile(r"^\s*discover more from\s+(?P<outlet>[^|\n]+?)\s*(?:\||$)", re.IGNORECASE),
    re.compile(r"^\s*(?:©|copyright)\s*(?:\d{4}\s*)?(?P<outlet>[A-Z][^.|\n]{1,60}?)\s*(?:\.|\||$)", re.IGNORECASE),
]
_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")


@dataclasses.dataclass
class Article:
    """An article ready for analysis. All offsets are code points into ``text``."""

    text: str
    path: str | None = None
    metadata: dict[str, Any] = dataclasses.field(default_factory=dict)
    headings: list[dict] = dataclasses.field(default_factory=list)
    paragraphs: list[dict] = dataclasses.field(default_factory=list)
    boilerplate: list[str] = dataclasses.field(default_factory=list)
    #: furniture of the text (title, standfirst, byline, dateline, credit,
    #: marker) as ``{"label", "text", "start", "end"}``; see toolkit.text_structure
    structure: list[dict] = dataclasses.field(default_factory=list)
    #: heading texts declared by the markup (HTML <h1>-<h6>, Markdown #)
    markup_headings: list[str] = dataclasses.field(default_factory=list)

    def __post_init__(self) -> None:
        """Check and clean what a caller built by hand, the same way as at load.

        ``text`` must be a string (TK760); characters that are not text (lone
        surrogates, NUL, control characters) are replaced one for one by
        :func:`clean_text` with warning TKW041, so every offset stays valid.
        ``metadata`` must be a dict whose text fields are strings (TK761), and its
        ``published`` an ISO date (TK008). Headings, paragraphs and furniture
        must lie inside the text (TK762). :func:`article_from_text` has already
        done all this, so for a loaded article it finds nothing to change."""
        _check_and_clean(self)

    @property
    def published(self) -> str | None:
        return self.metadata.get("published")

    @property
    def title(self) -> str | None:
        return self.metadata.get("title")

    def to_dict(self) -> dict:
        return dataclasses.asdict(self)


def _check_and_clean(article: Article) -> None:
    """:meth:`Article.__post_init__`: types, characters and offsets (linear time)."""
    if not isinstance(article.text, str):
        raise ToolkitError("TK760", field="text", type_name=type(article.text).__name__)
    if article.path is not None:
        if not isinstance(article.path, (str, os.PathLike)):
            raise ToolkitError("TK760", field="path", type_name=type(article.path).__name__)
        article.path = os.fspath(article.path)
    if article.metadata is None:
        article.metadata = {}
    if not isinstance(article.metadata, dict):
        raise ToolkitError("TK761", why=f"it is {type(article.metadata).__name__}, not a dict")
    text, report = clean_text(article.text)
    if report["replaced"]:
        warn("TKW041", stacklevel=4, n=report["replaced"],
             where=f"'{article.path}'" if article.path else "the text", offset=report["first"],
             kinds=", ".join(f"{n} {kind}" for kind, n in sorted(report["kinds"].items())))
        article.text = text
    metadata = dict(article.metadata)
    for key in _META_TEXT_FIELDS:
        value = metadata.get(key)
        if value is not None and not isinstance(value, str):
            raise ToolkitError("TK761", why=f"'{key}' must be a string, not {type(value).__name__}")
        if value is not None:
            metadata[key] = clean_text(value)[0]
    if metadata.get("published") is not None:
        metadata["published"] = normalise_published(metadata["published"])
    article.metadata = metadata
    for name in ("headings", "paragraphs", "structure"):
        setattr(article, name, _checked_items(name, getattr(article, name), len(text)))
    for name in ("boilerplate", "markup_headings"):
        items = getattr(article, name)
        if items is None:
            items = []
        if not isinstance(items, (list, tuple)) or not all(isinstance(x, str) for x in items):
            raise ToolkitError("TK762", field=name, why="it must be a list of strings")
        setattr(article, name, [clean_text(x)[0] for x in items])


def _checked_items(name: str, items, length: int) -> list[dict]:
    """Copies of layout items ``{"start", "end", ...}`` whose offsets lie in the text."""
    if items is None:
        return []
    if not isinstance(items, (list, tuple)):
        raise ToolkitError("TK762", field=name, why=f"it is {type(items).__name__}, not a list")
    out = []
    for k, item in enumerate(items):
        if not isinstance(item, dict):
            raise ToolkitError("TK762", field=name, why=f"item {k} is not a dict")
        start, end = item.get("start"), item.get("end")
        if any(isinstance(v, bool) or not isinstance(v, int) for v in (start, end)):
            raise ToolkitError("TK762", field=name,
                               why=f"item {k} needs integer 'start' and 'end'")
        if not 0 <= start <= end <= length:
            raise ToolkitError("TK762", field=name,
                               why=f"item {k} runs from {start} to {end}, outside the "
                                   f"text's 0 to {length}")
        item = dict(item)
        if isinstance(item.get("text"), str):
            item["text"] = clean_text(item["text"])[0]
        out.append(item)
    return out


# -- markup ---------------------------------------------------------------------

class _TextOnly(HTMLParser):
    """Collects the text of an HTML page. Tags are dropped, never interpreted."""

    _BLOCK = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6",
              "section", "article", "header", "footer", "blockquote", "tr", "table",
              "figure", "figcaption", "pre", "hr", "title"}
    _SKIP = {"script", "style", "noscript", "template", "svg", "iframe", "head"}
    _HEADING = {"h1", "h2", "h3", "h4", "h5", "h6"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.heading_texts: list[str] = []
        self._skip = 0
        self._in_heading = False
        self._heading: list[str] = []
        self._title: list[str] = []
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        if tag == "title":
            self._in_title = True
        if tag in self._SKIP:
            self._skip += 1
        if tag in self._BLOCK:
            self.parts.append("\n")
        if tag in self._HEADING:
            self._in_heading, self._heading = True, []

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False
        if tag in self._SKIP and self._skip:
            self._skip -= 1
        if tag in self._HEADING and self._in_heading:
            self._in_heading = False
            self.heading_texts.append(" ".join("".join(self._heading).split()))
        if tag in self._BLOCK:
            self.parts.append("\n")

    def handle_data(self, data):
        if self._in_title:
            self._title.append(data)
        if self._skip:
            return
        self.parts.append(data)
        if self._in_heading:
            self._heading.append(data)

    @property
    def title(self) -> str | None:
        title = " ".join("".join(self._title).split())
        return title or None


def html_to_text(markup: str) -> tuple[str, list[str], str | None]:
    """Strip tags from ``markup``: (text, heading texts, <title>)."""
    parser = _TextOnly()
    parser.feed(markup)
    parser.close()
    raw = "".join(parser.parts)
    lines = [" ".join(line.split()) for line in raw.split("\n")]
    text = "\n\n".join(line for line in lines if line)
    return text, parser.heading_texts, parser.title


def markdown_to_text(markup: str) -> tuple[str, list[str]]:
    """Keep the words of a Markdown article; drop the markup around them."""
    headings: list[str] = []
    out: list[str] = []
    for line in markup.split("\n"):
        match = _MD_HEADING.match(line)
        if match:
            line = match.group(2)
            headings.append(_md_inline(line))
        elif re.match(r"^\s*([-*_])\s*(\1\s*){2,}$", line):
            line = ""
        out.append(_md_inline(line))
    return "\n".join(out), headings


def _md_inline(line: str) -> str:
    line = re.sub(r"!\[([^\]]*)\]\([^)]*\)", r"\1", line)
    line = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", line)
    line = re.sub(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1", r"\2", line)
    line = re.sub(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])", r"\1", line)
    line = re.sub(r"`([^`]+)`", r"\1", line)
    line = re.sub(r"^\s*>\s?", "", line)
    return line


def _looks_like_html(text: str, suffix: str) -> bool:
    if suffix in {".html", ".htm", ".xhtml"}:
        return True
    start = text.lstrip()[:200].lower()
    return start.startswith(("<!doctype html", "<html")) or (
        start.startswith("<") and bool(re.search(r"</(p|div|body|article)>", text[:20000], re.I)))


# -- structure ------------------------------------------------------------------
# Headings, paragraphs and furniture are found by toolkit.text_structure, the one
# module that decides the layout (the spaCy component toolkit_structure uses it too).

def find_paragraphs(text: str, headings: list[dict]) -> list[dict]:
    """Body paragraphs that are not headings (see :func:`toolkit.text_structure.analyse_layout`)."""
    heading_starts = {h["start"] for h in headings}
    return [p for p in analyse_layout(text).paragraphs if p["start"] not in heading_starts]


def split_boilerplate(text: str) -> tuple[str, list[str]]:
    """Set aside boilerplate lines at the start and the end of ``text``."""
    lines = text.split("\n")
    lo, hi = 0, len(lines)
    # Trailing furniture: walk up from the end while lines are boilerplate.
    while hi > lo and (not lines[hi - 1].strip() or _BOILERPLATE.match(lines[hi - 1])):
        hi -= 1
    while lo < hi and (not lines[lo].strip() or _BOILERPLATE.match(lines[lo])):
        lo += 1
    removed = [line.strip() for line in lines[:lo] + lines[hi:] if line.strip()]
    return "\n".join(lines[lo:hi]), removed


def outlet_from_boilerplate(lines: list[str]) -> str | None:
    for line in lines:
        for pattern in _OUTLET_FROM_FOOTER:
            match = pattern.match(line)
            if match:
                return match.group("outlet").strip(" .-–—")
    return None


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_ISO_DATETIME_TAIL = re.compile(r"(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?")


def normalise_published(value) -> str | None:
    """An ISO date string from a str/date/datetime, None for None, or TK008.

    A string must be an ISO date (``2025-03-13``), optionally followed by an ISO
    time (``2025-03-13T09:30:00Z``); anything else, the empty string included,
    is refused rather than cut down to a date."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        stripped = value.strip()
        match = _ISO_DATE.match(stripped)
        if match and _ISO_DATETIME_TAIL.fullmatch(stripped, match.end()):
            try:
                return dt.date.fromisoformat(match.group(0)).isoformat()
            except ValueError:
                pass
    raise ToolkitError("TK008", value=_shown(value))


def _shown(value) -> str:
    text = value if isinstance(value, str) else repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


# -- loading --------------------------------------------------------------------

#: How deep a .meta.json may nest; real metadata is flat.
_MAX_META_DEPTH = 20
_META_TEXT_FIELDS = ("title", "outlet", "author", "url", "section")


def metadata_path(path: Path) -> Path:
    """The sidecar metadata file an analyst writes by hand: ``<stem>.meta.json``."""
    return path.with_name(path.stem + ".meta.json")


def read_metadata(path: Path) -> dict:
    meta_file = metadata_path(path)
    try:
        info = os.stat(meta_file)
    except OSError:
        return {}  # no sidecar (or a name too long to have one)
    if stat.S_ISDIR(info.st_mode):
        return {}
    if not stat.S_ISREG(info.st_mode):
        raise ToolkitError("TK040", path=str(meta_file), what=_file_kind(info.st_mode))
    if info.st_size > 1024 * 1024:
        raise ToolkitError("TK042", path=str(meta_file),
                           why=f"it is {info.st_size // 1024} KB; metadata is a few lines")
    try:
        raw = meta_file.read_text(encoding="utf-8-sig")
    except PermissionError as exc:
        raise ToolkitError("TK009", path=str(meta_file), why=str(exc)) from exc
    except OSError as exc:
        raise ToolkitError("TK041", path=str(meta_file), why=exc.strerror or str(exc)) from exc
    except UnicodeDecodeError as exc:
        raise ToolkitError("TK007", path=str(meta_file), why=str(exc)) from exc
    if _nesting(raw) > _MAX_META_DEPTH:
        raise ToolkitError("TK042", path=str(meta_file),
                           why=f"it nests more than {_MAX_META_DEPTH} levels deep")
    try:
        data = json.loads(raw)
    except ValueError as exc:  # not JSON, or a number too long for Python to read
        raise ToolkitError("TK007", path=str(meta_file), why=str(exc)[:200]) from exc
    except RecursionError as exc:  # pragma: no cover - _nesting catches it first
        raise ToolkitError("TK042", path=str(meta_file), why="it nests too deeply") from exc
    if not isinstance(data, dict):
        raise ToolkitError("TK007", path=str(meta_file), why="it is not a JSON object")
    for key in _META_TEXT_FIELDS:
        if key in data and data[key] is not None and not isinstance(data[key], str):
            raise ToolkitError("TK042", path=str(meta_file),
                               why=f"'{key}' must be a string, not {type(data[key]).__name__}")
    if "published" in data and data["published"] is not None \
            and not isinstance(data["published"], str):
        raise ToolkitError("TK042", path=str(meta_file),
                           why="'published' must be a date string such as '2025-03-13'")
    return data


def _nesting(raw: str) -> int:
    """The deepest nesting of brackets in a JSON text (brackets in strings skipped)."""
    depth = deepest = 0
    for match in re.finditer(r'"(?:[^"\\]|\\.)*"|[\[{]|[\]}]', raw):
        tok = match.group(0)
        if tok in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif tok in "]}":
            depth -= 1
    return deepest


def _file_kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISDIR(mode):
        return "a directory"
    return "not an ordinary file"


def article_from_text(text: str, *, path: str | None = None, kind: str = "text",
                      metadata: dict | None = None) -> Article:
    """Build an :class:`Article` from already-decoded text.

    Characters that are not text (lone surrogates, NUL, control characters)
    are replaced one for one by :func:`clean_text`, with warning TKW041."""
    if not isinstance(text, str):
        raise ToolkitError("TK760", field="text", type_name=type(text).__name__)
    if metadata is not None and not isinstance(metadata, dict):
        raise ToolkitError("TK761", why=f"it is {type(metadata).__name__}, not a dict")
    metadata = dict(metadata or {})
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    text, report = clean_text(text)
    if report["replaced"]:
        warn("TKW041", n=report["replaced"], where=f"'{path}'" if path else "the text",
             offset=report["first"],
             kinds=", ".join(f"{n} {kind}" for kind, n in sorted(report["kinds"].items())))
    known: list[str] = []
    if kind == "html":
        text, heading_texts, title = html_to_text(text)
        known.extend(heading_texts)
        if title and not metadata.get("title"):
            metadata["title"] = title
    elif kind == "markdown":
        text, heading_texts = markdown_to_text(text)
        known.extend(heading_texts)
    body, boilerplate = split_boilerplate(text)
    body = body.rstrip()
    if boilerplate:
        outlet = outlet_from_boilerplate(boilerplate)
        if outlet and not metadata.get("outlet"):
            metadata["outlet"] = outlet
    if metadata.get("published") is not None:
        metadata["published"] = normalise_published(metadata["published"])
    known = list(dict.fromkeys(h for h in known if h))
    title = metadata.get("title") if isinstance(metadata.get("title"), str) else None
    layout = analyse_layout(body, known=frozenset(known), title=title)
    return Article(text=body, path=path, metadata=metadata, headings=layout.headings,
                   paragraphs=layout.paragraphs, boilerplate=boilerplate,
                   structure=[{k: v for k, v in item.items() if k != "end_break"}
                              for item in layout.structure],
                   markup_headings=known)


def load_article(path, *, published=None, title: str | None = None,
                 outlet: str | None = None, encoding: str | None = None,
                 max_bytes: int = MAX_BYTES) -> Article:
    """Read an article (plain text, Markdown or HTML) from ``path``.

    Metadata comes from, in rising priority: what the text reveals (an outlet
    named in a footer), the sidecar ``<stem>.meta.json``, and the arguments.
    Only regular files are read (a named pipe or a device is refused before it
    is opened). Every problem raises a numbered
    :class:`~toolkit.errors.ToolkitError`.
    """
    if isinstance(path, Article):
        return path
    if isinstance(max_bytes, bool) or not isinstance(max_bytes, int) or max_bytes < 0:
        raise ToolkitError("TK763", value=_shown(repr(max_bytes)))
    try:
        p = Path(os.fspath(path)).expanduser()
    except TypeError as exc:
        raise ToolkitError("TK010", type_name=type(path).__name__) from exc
    if published is not None:
        published = normalise_published(published)
    try:
        info = os.stat(p)
    except (FileNotFoundError, NotADirectoryError) as exc:
        raise ToolkitError("TK001", path=str(p), cwd=os.getcwd()) from exc
    except PermissionError as exc:
        raise ToolkitError("TK009", path=str(p), why=str(exc)) from exc
    except (OSError, ValueError) as exc:  # name too long, symlink loop, NUL in the name
        why = getattr(exc, "strerror", None) or str(exc)
        raise ToolkitError("TK041", path=_shown(str(p)), why=why) from exc
    if stat.S_ISDIR(info.st_mode):
        raise ToolkitError("TK002", path=str(p))
    if not stat.S_ISREG(info.st_mode):
        raise ToolkitError("TK040", path=str(p), what=_file_kind(info.st_mode))
    if info.st_size > max_bytes:
        raise ToolkitError("TK005", path=str(p), size_mb=info.st_size / 2**20,
                           limit_mb=max_bytes / 2**20)
    try:
        with open(p, "rb") as handle:
            data = handle.read(min(max_bytes, info.st_size + 2**20) + 1)  # never over an index
    except PermissionError as exc:
        raise ToolkitError("TK009", path=str(p), why=str(exc)) from exc
    except OSError as exc:
        raise ToolkitError("TK041", path=str(p), why=exc.strerror or str(exc)) from exc
    if len(data) > max_bytes:  # it grew after stat
        raise ToolkitError("TK005", path=str(p), size_mb=len(data) / 2**20,
                           limit_mb=max_bytes / 2**20)
    text = decode_bytes(data, path=str(p), encoding=encoding)
    if not text.strip():
        raise ToolkitError("TK003", path=str(p))
    suffix = p.suffix.lower()
    kind = "html" if _looks_like_html(text, suffix) else (
        "markdown" if suffix in {".md", ".markdown"} else "text")
    metadata = read_metadata(p)
    for key, value in (("published", published), ("title", title), ("outlet", outlet)):
        if value is not None:
            metadata[key] = value
    article = article_from_text(text, path=str(p), kind=kind, metadata=metadata)
    if not article.text.strip():
        raise ToolkitError("TK003", path=str(p))
    return article
