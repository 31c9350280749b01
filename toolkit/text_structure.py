"""The layout of an article's text: lines, paragraphs, headings and furniture.

This module is the one place that decides how a text is laid out. The
:class:`~toolkit.article.Article` (headings and paragraphs shown by the view)
and the ``toolkit_structure`` spaCy component (sentence starts,
``doc.spans["headings"]`` and ``doc.spans["structure"]``) both call
:func:`analyse_layout`, so they cannot disagree.

Furniture recognised (label of the item in ``Layout.structure``):

``title``       the first line, when it is the metadata title or a heading line
``standfirst``  a short paragraph between the title and a byline/dateline/marker
``byline``      "By Jane Doe", "By Jane Doe and John Roe, Reuters"
``dateline``    the opening of a wire story: "KYIV, Ukraine (AP) —"
``credit``      "Photo: Jane Doe / Reuters", "Image credit: ...", "(Photo by ...)"
``marker``      a section marker of a database copy: "ABSTRACT.", "FULL TEXT:"

The furniture stays in the text (an analyst sees it); consumers decide what to
do with it (entities there are not canonical names; credits and datelines are
neither quotes nor body facts). Every function here runs in time linear in the
length of the text.
"""

from __future__ import annotations

import dataclasses
import re

#: Characters that end a sentence (or a quotation that ends one).
TERMINAL = frozenset('.?!:;"”’)…')
_TERMINAL_TUPLE = tuple(TERMINAL)

_BYLINE = re.compile(
    r"^(?:[Bb]y|[Ww]ritten by|[Rr]eporting by)\s+"
    r"(?P<names>[A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|de|van|von|da|al|bin|and|&|,))*)"
    r"(?:\s*(?:[,|/–—-]|\bfor\b|\bin\b)\s*[A-Z][\w&'’. -]*)?\s*$")
_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z'’.-]+(?:[ -][A-Z][A-Z'’.-]+){0,3})"       # KYIV, NEW YORK
    r"(?:,\s*[A-Z][\w'’.]*(?:\s+[\w'’.]+){0,3}){0,3}"               # , Ukraine, March 3
    r"(?:\s*\((?P<agency>[A-Za-z][\w &.-]{0,30})\))?"                 # (AP)
    r"\s*(?:[—–]|--?)\s*")                                           # the dash
_CREDIT = re.compile(
    r"^\(?\s*(?:photo(?:graph)?s?|pictures?|images?|illustrations?|graphics?|video|credits?)"
    r"(?:\s+(?:credit|by|courtesy(?:\s+of)?))?\s*[:/]?\s*\S.*$", re.IGNORECASE)
#: a wire story's sign-off: "(Reporting by A; Editing by B)"
_STAFF_CREDIT = re.compile(
    r"^\(?\s*(?:(?:additional\s+)?reporting|writing|editing|compiled|research)\s+by\s+\S.*?"
    r"(?:;\s*(?:(?:additional\s+)?reporting|writing|editing|compiled|research)\s+by\s+\S.*?)*\)?$",
    re.IGNORECASE)
_AGENCY_CREDIT = re.compile(r"^[A-Z][\w.'’ -]{1,60}\s*/\s*(?:[A-Z][\w.'’&-]*\s*){1,4}\)?$")
_MARKER = re.compile(r"^(?P<marker>[A-Z][A-Z]{1,}(?:\s+[A-Z]{2,}){0,2}\s*[.:])(?:\s+|$)")
_NUMBER = re.compile(r"^[-+(]?[\d.,:/%–-]+\)?$")


@dataclasses.dataclass
class Layout:
    """Where things are in a text. Offsets are code points, ends exclusive."""

    headings: list[dict]
    paragraphs: list[dict]
    structure: list[dict]
    hard_wrapped: bool

    def sentence_breaks(self) -> set[int]:
        """Offsets where a sentence must start besides line starts: just after
        a dateline or a section marker that opens a paragraph."""
        return {item["end_break"] for item in self.structure if "end_break" in item}


# -- lines and wrapping ----------------------------------------------------------

def lines(text: str):
    """(start, end, line) for every line of ``text``."""
    pos = 0
    for line in text.split("\n"):
        yield pos, pos + len(line), line
        pos += len(line) + 1


def is_hard_wrapped(text: str) -> bool:
    """Text whose lines were broken at a fixed width inside paragraphs: blank lines
    separate paragraphs and most single line breaks fall mid-sentence."""
    if "\n\n" not in text.strip():
        return False
    all_lines = text.split("\n")
    single = mid_sentence = 0
    last = ""  # the last non-space character seen so far
    for i, line in enumerate(all_lines[:-1]):
        stripped = line.rstrip()
        if stripped:
            last = stripped[-1]
        following = all_lines[i + 1]
        # a single break: this line is not empty, and the next one is not
        # empty unless it is the end of the text
        if line and (following or i + 1 == len(all_lines) - 1):
            single += 1
            if last not in TERMINAL:
                mid_sentence += 1
    if single < 3:
        return False
    return mid_sentence >= 0.5 * single


def _stands_alone(all_lines: list, idx: int) -> bool:
    before = idx == 0 or not all_lines[idx - 1][2].strip()
    after = idx + 1 >= len(all_lines) or not all_lines[idx + 1][2].strip()
    return before and after


# -- line classes ----------------------------------------------------------------

def is_heading_line(line: str, *, known: frozenset[str] = frozenset()) -> bool:
    """A short line that is not a sentence: all capitals, a known heading, or
    a few words without closing punctuation standing on their own. Table rows
    (mostly numbers), datelines, bylines and credits are not headings."""
    stripped = line.strip()
    if not stripped or len(stripped) > 120:
        return False
    if stripped in known:
        return True
    words = stripped.split()
    letters = [c for c in stripped if c.isalpha()]
    if not letters:
        return False
    if stripped.endswith(_TERMINAL_TUPLE) or stripped[-1] in ",":
        return False
    if stripped[-1] == "'" and stripped.rstrip("'")[-1:] in TERMINAL:
        return False  # a sentence closed by a straight quote: 'We are ready.'
    if furniture_label(stripped) is not None:
        return False
    numbers = sum(1 for w in words if _NUMBER.match(w))
    if numbers >= 2 or (numbers and len(words) <= 3) or numbers > 0.25 * len(words):
        return False  # a row of a results table or a list of figures
    if all(c.isupper() for c in letters) and len(letters) >= 3:
        return True
    if len(words) < 2:
        return False  # one title-case word on its own: a name or a sign-off
    # A title-cased short line standing alone is a sub-heading.
    capitalised = sum(1 for w in words if w[:1].isupper() or not w[:1].isalpha())
    return len(words) <= 12 and capitalised >= max(1, int(0.6 * len(words)))


def furniture_label(line: str) -> str | None:
    """``"byline"``, ``"credit"``, ``"dateline"`` or ``"marker"`` for a whole
    line of furniture, else None."""
    stripped = line.strip()
    if not stripped or len(stripped) > 160:
        return None
    if len(stripped.split()) <= 14 and _BYLINE.match(stripped):
        return "byline"
    if len(stripped.split()) <= 25 and (_CREDIT.match(stripped)
                                        or _AGENCY_CREDIT.match(stripped)
                                        or (";" in stripped or stripped.startswith("("))
                                        and _STAFF_CREDIT.match(stripped)):
        return "credit"
    match = _DATELINE.match(stripped)
    if match and match.end() == len(stripped) and _is_dateline(match):
        return "dateline"
    match = _MARKER.match(stripped)
    if match and match.end() >= len(stripped.rstrip()):
        return "marker"
    return None


def _is_dateline(match: re.Match) -> bool:
    place = match.group("place")
    return sum(c.isalpha() for c in place) >= 3


def _prefix_furniture(line: str) -> tuple[str, int] | None:
    """(label, length) of a dateline or marker that opens a line of body text."""
    match = _DATELINE.match(line)
    if match and _is_dateline(match) and match.end() < len(line):
        rest = line[match.end():]
        if rest[:1].isupper() or rest[:1] in "“\"'‘":
            return "dateline", match.end()
    match = _MARKER.match(line)
    if match and match.end() < len(line):
        rest = line[match.end():]
        if rest[:1].isupper() or rest[:1] in "“\"'‘":
            return "marker", len(match.group("marker"))
    return None


# -- paragraphs ------------------------------------------------------------------

def paragraph_ranges(text: str, *, wrapped: bool | None = None) -> list[tuple[int, int]]:
    """Paragraph ranges ``[lo, hi)`` of ``text``, blank lines included as their own
    (empty) ranges.

    A blank line always separates paragraphs. In hard-wrapped text (see
    :func:`is_hard_wrapped`) a single line break is white space inside a
    paragraph; elsewhere each line is a paragraph, except that a line which
    stops mid-sentence (no terminal punctuation) and is followed by a line that
    starts in lower case is joined to it."""
    if wrapped is None:
        wrapped = is_hard_wrapped(text)
    out: list[tuple[int, int]] = []
    prev_blank, prev_line = True, ""
    for lo, hi, line in lines(text):
        blank = not line.strip()
        # the paragraph so far ends with the previous line (it is not blank), so
        # that line alone says whether this one continues it: no growing slices
        if out and not blank and not prev_blank and (
                wrapped or _continues_line(prev_line, line)):
            out[-1] = (out[-1][0], hi)
        else:
            out.append((lo, hi))
        prev_blank, prev_line = blank, line
    return out


def _continues_line(previous: str, line: str) -> bool:
    tail, head = previous.rstrip(), line.lstrip()
    return bool(tail and head) and tail[-1] not in TERMINAL and tail[-1] not in "'»" \
        and head[0].islower()


# -- the layout ------------------------------------------------------------------

def find_headings(text: str, known: frozenset[str] = frozenset()) -> list[dict]:
    """Heading lines of ``text`` as ``{"text", "start", "end"}`` (see :func:`analyse_layout`)."""
    return analyse_layout(text, known=known).headings


def analyse_layout(text: str, *, known=frozenset(), title: str | None = None) -> Layout:
    """Headings, paragraphs and furniture of ``text``.

    ``known``: heading texts the markup declared (HTML ``<h2>``, Markdown ``##``);
    they are headings whatever their punctuation. ``title``: the article's
    title from its metadata, recognised when it opens the text.
    """
    known = frozenset(known)
    all_lines = list(lines(text))
    wrapped = is_hard_wrapped(text)
    nonblank = [i for i, (_, _, line) in enumerate(all_lines) if line.strip()]
    last = nonblank[-1] if nonblank else -1
    structure: list[dict] = []
    candidates: list[int] = []
    for idx in nonblank:
        start, _, line = all_lines[idx]
        if wrapped and idx > 0 and all_lines[idx - 1][2].strip():
            continue  # inside a hard-wrapped paragraph: neither furniture nor heading
        lead = len(line) - len(line.lstrip())
        body = line.strip()
        label = furniture_label(body) if body not in known else None
        if label is not None:
            structure.append(_item(label, body, start + lead))
            continue
        prefix = _prefix_furniture(body)
        if prefix is not None:
            label, length = prefix
            piece = body[:length].rstrip()
            item = _item(label, piece, start + lead)
            brk = start + lead + length
            while brk < start + len(line) and line[brk - start].isspace():
                brk += 1
            item["end_break"] = brk
            structure.append(item)
            continue
        if idx == last and body not in known:
            continue  # the last line of an article is never a heading
        if wrapped and not _stands_alone(all_lines, idx) and body not in known:
            continue  # in hard-wrapped text a heading is a block of its own
        if is_heading_line(line, known=known):
            candidates.append(idx)
    headings = []
    runs = _runs(candidates, nonblank)
    for k, idx in enumerate(candidates):
        start, _, line = all_lines[idx]
        body = line.strip()
        if body not in known and runs[k] >= 3:
            continue  # three or more short lines in a row: a list or a table
        lead = len(line) - len(line.lstrip())
        headings.append({"text": body, "start": start + lead, "end": start + lead + len(body)})
    _mark_title(text, all_lines, nonblank, headings, structure, title)
    structure.sort(key=lambda item: item["start"])
    heading_starts = {h["start"] for h in headings}
    paragraphs = []
    for lo, hi in paragraph_ranges(text, wrapped=wrapped):
        block = text[lo:hi]
        body = block.strip()
        if not body:
            continue
        start = lo + len(block) - len(block.lstrip())
        if start in heading_starts:
            continue
        paragraphs.append({"text": body, "start": start, "end": start + len(body)})
    return Layout(headings=headings, paragraphs=paragraphs, structure=structure,
                  hard_wrapped=wrapped)


def _item(label: str, text: str, start: int) -> dict:
    return {"label": label, "text": text, "start": start, "end": start + len(text)}


def _runs(candidates: list[int], nonblank: list[int]) -> list[int]:
    """For each candidate line, the length of the run of consecutive candidate
    lines (consecutive among the non-blank lines) it belongs to."""
    position = {line: n for n, line in enumerate(nonblank)}
    out = [1] * len(candidates)
    k = 0
    while k < len(candidates):
        j = k
        while j + 1 < len(candidates) and \
                position[candidates[j + 1]] == position[candidates[j]] + 1:
            j += 1
        for m in range(k, j + 1):
            out[m] = j - k + 1
        k = j + 1
    return out


def _headline_before_furniture(all_lines, nonblank, structure) -> bool:
    """A first line in sentence case ("Drone strikes hit port as talks stall"),
    standing alone without closing punctuation, straight before a byline or a
    dateline: a headline, though not title-cased."""
    if len(nonblank) < 2 or nonblank[0] + 1 >= len(all_lines) \
            or all_lines[nonblank[0] + 1][2].strip():
        return False
    body = all_lines[nonblank[0]][2].strip()
    if not body[:1].isupper() or body.endswith(_TERMINAL_TUPLE) or body[-1] in ",":
        return False
    if not 3 <= len(body.split()) <= 20:
        return False
    start, _, line = all_lines[nonblank[1]]
    second = start + len(line) - len(line.lstrip())
    return any(item["start"] == second and item["label"] in ("byline", "dateline")
               for item in structure)


def _mark_title(text, all_lines, nonblank, headings, structure, title) -> None:
    """Label the first line ``title`` when it is the metadata title or a heading,
    and a short paragraph after it ``standfirst`` when furniture follows it."""
    if not nonblank:
        return
    first = nonblank[0]
    start, _, line = all_lines[first]
    body = line.strip()
    lead = len(line) - len(line.lstrip())
    first_start = start + lead
    is_title = (title is not None and " ".join(body.split()) == " ".join(str(title).split())) \
        or (headings and headings[0]["start"] == first_start) \
        or _headline_before_furniture(all_lines, nonblank, structure)
    if not is_title or any(item["start"] == first_start for item in structure):
        return
    structure.append(_item("title", body, first_start))
    if len(nonblank) < 3:
        return
    second, third = nonblank[1], nonblank[2]
    s_start, _, s_line = all_lines[second]
    t_start = all_lines[third][0] + len(all_lines[third][2]) - len(all_lines[third][2].lstrip())
    s_body = s_line.strip()
    follows = any(item["start"] == t_start for item in structure)
    heading_starts = {h["start"] for h in headings}
    s_lead = len(s_line) - len(s_line.lstrip())
    if follows and len(s_body) <= 320 and s_start + s_lead not in heading_starts \
            and not any(item["start"] == s_start + s_lead for item in structure):
        structure.append(_item("standfirst", s_body, s_start + s_lead))
