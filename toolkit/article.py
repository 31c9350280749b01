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
import html
import json
import os
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from toolkit.errors import ToolkitError, warn

#: Refuse files larger than this unless the caller raises the limit (TK005).
MAX_BYTES = 50 * 1024 * 1024

_BINARY_MAGIC = {
    b"%PDF": "a PDF document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"PK\x03\x04": "a ZIP archive (a .docx or .xlsx is one)",
    b"\x1f\x8b": "a gzip archive",
    b"\x7fELF": "a program",
}

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
_TERMINAL = tuple('.?!:;"”’)…')
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

    @property
    def published(self) -> str | None:
        return self.metadata.get("published")

    @property
    def title(self) -> str | None:
        return self.metadata.get("title")

    def to_dict(self) -> dict:
        return dataclasses.asdict(self)


# -- decoding -----------------------------------------------------------------

def decode_bytes(data: bytes, *, path: str = "<bytes>", encoding: str | None = None) -> str:
    """Decode ``data`` to text, or raise TK004 (binary) / TK006 (undecodable)."""
    if encoding:
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError) as exc:
            raise ToolkitError("TK006", path=path, why=str(exc)) from exc
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise ToolkitError("TK006", path=path, why=str(exc)) from exc
    for magic, what in _BINARY_MAGIC.items():
        if data.startswith(magic):
            raise ToolkitError("TK004", path=path, why=f"it starts like {what}")
    head = data[:8192]
    if b"\x00" in head:
        # UTF-16 without a BOM: every other byte of ASCII text is NUL.
        if _looks_like_utf16_without_bom(head):
            codec = "utf-16-le" if head[1:2] == b"\x00" else "utf-16-be"
            try:
                return data.decode(codec)
            except UnicodeDecodeError:
                pass
        raise ToolkitError("TK004", path=path, why="it contains NUL bytes")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError as exc:
            raise ToolkitError("TK006", path=path,
                               why="it is neither UTF-8 nor Windows-1252") from exc
        warn("TKW002", path=path, encoding="Windows-1252 (cp1252)")
    controls = sum(1 for ch in text[:8192] if ord(ch) < 32 and ch not in "\n\r\t\f")
    if controls > max(8, len(text[:8192]) // 100):
        raise ToolkitError("TK004", path=path, why=f"{controls} control characters")
    return text


def _looks_like_utf16_without_bom(head: bytes) -> bool:
    even, odd = head[0::2], head[1::2]
    return (even.count(0) > 0.4 * len(even)) != (odd.count(0) > 0.4 * len(odd))


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

def _lines(text: str):
    """(start, end, line) for every line of ``text``."""
    pos = 0
    for line in text.split("\n"):
        yield pos, pos + len(line), line
        pos += len(line) + 1


def is_heading_line(line: str, *, known: frozenset[str] = frozenset()) -> bool:
    """A short line that is not a sentence: all capitals, a known heading, or
    a few words without closing punctuation standing on their own."""
    stripped = line.strip()
    if not stripped or len(stripped) > 120:
        return False
    if stripped in known:
        return True
    words = stripped.split()
    letters = [c for c in stripped if c.isalpha()]
    if not letters:
        return False
    if stripped.endswith(_TERMINAL) or stripped[-1] in ",":
        return False
    if all(c.isupper() for c in letters) and len(letters) >= 3:
        return True
    # A title-cased short line standing alone is a sub-heading.
    capitalised = sum(1 for w in words if w[:1].isupper() or not w[:1].isalpha())
    return len(words) <= 12 and capitalised >= max(1, int(0.6 * len(words)))


def find_headings(text: str, known: frozenset[str] = frozenset()) -> list[dict]:
    """Heading lines of ``text`` as ``{"text", "start", "end"}`` (end exclusive).

    A line counts only when it stands on its own (another line of text follows)."""
    lines = list(_lines(text))
    nonblank = [i for i, (_, _, line) in enumerate(lines) if line.strip()]
    wrapped = is_hard_wrapped(text)
    out = []
    for idx in nonblank:
        start, end, line = lines[idx]
        if idx == nonblank[-1]:
            continue  # the last line of an article is never a heading
        if wrapped and not _stands_alone(lines, idx):
            continue  # in hard-wrapped text a heading is a block of its own
        if is_heading_line(line, known=known):
            lead = len(line) - len(line.lstrip())
            out.append({"text": line.strip(), "start": start + lead,
                        "end": start + lead + len(line.strip())})
    return out


TERMINAL = set('.?!:;"”’)…')


def is_hard_wrapped(text: str) -> bool:
    """Text whose lines were broken at a fixed width inside paragraphs: blank lines
    separate paragraphs and most single line breaks fall mid-sentence."""
    if "\n\n" not in text.strip():
        return False
    single = [m.start() for m in re.finditer(r"(?<!\n)\n(?!\n)", text)]
    if len(single) < 3:
        return False
    mid_sentence = sum(1 for pos in single if text[:pos].rstrip()[-1:] not in TERMINAL)
    return mid_sentence >= 0.5 * len(single)


def _stands_alone(lines: list, idx: int) -> bool:
    before = idx == 0 or not lines[idx - 1][2].strip()
    after = idx + 1 >= len(lines) or not lines[idx + 1][2].strip()
    return before and after


def find_paragraphs(text: str, headings: list[dict]) -> list[dict]:
    """Body paragraphs that are not headings: each line, or in hard-wrapped text
    each block of lines between blank lines."""
    heading_starts = {h["start"] for h in headings}
    out = []
    if is_hard_wrapped(text):
        for match in re.finditer(r"[^\n](?:.|\n(?!\s*\n))*", text):
            block = match.group(0)
            lead = len(block) - len(block.lstrip())
            start = match.start() + lead
            if start in heading_starts:
                continue
            body = block.strip()
            out.append({"text": body, "start": start, "end": start + len(body)})
        return out
    for start, end, line in _lines(text):
        lead = len(line) - len(line.lstrip())
        if not line.strip() or (start + lead) in heading_starts:
            continue
        out.append({"text": line.strip(), "start": start + lead,
                    "end": start + lead + len(line.strip())})
    return out


def split_boilerplate(text: str) -> tuple[str, list[str]]:
    """Set aside boilerplate lines at the start and the end of ``text``."""
    lines = text.split("\n")
    removed_head: list[str] = []
    removed_tail: list[str] = []
    # Trailing furniture: walk up from the end while lines are boilerplate.
    while lines and (not lines[-1].strip() or _BOILERPLATE.match(lines[-1])):
        line = lines.pop()
        if line.strip():
            removed_tail.insert(0, line.strip())
    while lines and (not lines[0].strip() or _BOILERPLATE.match(lines[0])):
        line = lines.pop(0)
        if line.strip():
            removed_head.append(line.strip())
    body = "\n".join(lines)
    if removed_head:
        # Keep offsets honest: the body starts where its first line started.
        pass
    return body, removed_head + removed_tail


def outlet_from_boilerplate(lines: list[str]) -> str | None:
    for line in lines:
        for pattern in _OUTLET_FROM_FOOTER:
            match = pattern.match(line)
            if match:
                return match.group("outlet").strip(" .-–—")
    return None


def normalise_published(value) -> str | None:
    """An ISO date string from a str/date/datetime, or TK008."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()[:10]).isoformat()
        except ValueError:
            pass
    raise ToolkitError("TK008", value=value)


# -- loading --------------------------------------------------------------------

def metadata_path(path: Path) -> Path:
    """The sidecar metadata file an analyst writes by hand: ``<stem>.meta.json``."""
    return path.with_name(path.stem + ".meta.json")


def read_metadata(path: Path) -> dict:
    meta_file = metadata_path(path)
    if not meta_file.is_file():
        return {}
    try:
        data = json.loads(meta_file.read_text(encoding="utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ToolkitError("TK007", path=str(meta_file), why=str(exc)) from exc
    if not isinstance(data, dict):
        raise ToolkitError("TK007", path=str(meta_file), why="it is not a JSON object")
    return data


def article_from_text(text: str, *, path: str | None = None, kind: str = "text",
                      metadata: dict | None = None) -> Article:
    """Build an :class:`Article` from already-decoded text."""
    metadata = dict(metadata or {})
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    known: set[str] = set()
    if kind == "html":
        text, heading_texts, title = html_to_text(text)
        known.update(heading_texts)
        if title and not metadata.get("title"):
            metadata["title"] = title
    elif kind == "markdown":
        text, heading_texts = markdown_to_text(text)
        known.update(heading_texts)
    body, boilerplate = split_boilerplate(text)
    body = body.rstrip()
    if boilerplate:
        outlet = outlet_from_boilerplate(boilerplate)
        if outlet and not metadata.get("outlet"):
            metadata["outlet"] = outlet
    headings = find_headings(body, frozenset(known))
    paragraphs = find_paragraphs(body, headings)
    if metadata.get("published") is not None:
        metadata["published"] = normalise_published(metadata["published"])
    return Article(text=body, path=path, metadata=metadata, headings=headings,
                   paragraphs=paragraphs, boilerplate=boilerplate)


def load_article(path, *, published=None, title: str | None = None,
                 outlet: str | None = None, encoding: str | None = None,
                 max_bytes: int = MAX_BYTES) -> Article:
    """Read an article (plain text, Markdown or HTML) from ``path``.

    Metadata comes from, in rising priority: what the text reveals (an outlet
    named in a footer), the sidecar ``<stem>.meta.json``, and the arguments.
    Every problem raises a numbered :class:`~toolkit.errors.ToolkitError`.
    """
    if isinstance(path, Article):
        return path
    try:
        p = Path(os.fspath(path)).expanduser()
    except TypeError as exc:
        raise ToolkitError("TK010", type_name=type(path).__name__) from exc
    if not p.exists():
        raise ToolkitError("TK001", path=str(p), cwd=os.getcwd())
    if p.is_dir():
        raise ToolkitError("TK002", path=str(p))
    try:
        size = p.stat().st_size
        if size > max_bytes:
            raise ToolkitError("TK005", path=str(p), size_mb=size / 2**20,
                               limit_mb=max_bytes / 2**20)
        data = p.read_bytes()
    except PermissionError as exc:
        raise ToolkitError("TK009", path=str(p), why=str(exc)) from exc
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
