"""Bytes to text, and text that is safe to analyse.

:func:`decode_bytes` tells the encoding of an article file (UTF-8, UTF-16 and
UTF-32 with or without a byte-order mark, Windows-1252) and refuses binary
data; :func:`clean_text` replaces characters that are not text one for one, so
every offset stays valid. Both are used by :mod:`toolkit.article`;
``clean_text`` is public for any other way text comes in.
"""

from __future__ import annotations

import re

from toolkit.errors import ToolkitError, warn

_BINARY_MAGIC = {
    b"%PDF": "a PDF document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"PK\x03\x04": "a ZIP archive (a .docx or .xlsx is one)",
    b"\x1f\x8b": "a gzip archive",
    b"\x7fELF": "a program",
}


# -- decoding -----------------------------------------------------------------

def decode_bytes(data: bytes, *, path: str = "<bytes>", encoding: str | None = None) -> str:
    """Decode ``data`` to text, or raise TK004 (binary) / TK006 (undecodable).

    UTF-8, UTF-16 and UTF-32 are recognised by their byte-order mark, and
    UTF-16/32 also without one when the text is mostly ASCII (TKW042). Bytes
    that cannot be decoded in a file that is otherwise valid are replaced by
    U+FFFD with warning TKW040."""
    if encoding:
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError, TypeError, ValueError) as exc:  # not a name
            raise ToolkitError("TK006", path=path, why=str(exc)) from exc
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return _decode_lenient(data[len(bom):], codec, path)
    for magic, what in _BINARY_MAGIC.items():
        if data.startswith(magic):
            raise ToolkitError("TK004", path=path, why=f"it starts like {what}")
    head = data[:8192]
    if b"\x00" in head:
        codec = _sniff_wide_codec(head)
        if codec is not None:
            warn("TKW042", path=path, encoding=codec.upper())
            return _decode_lenient(data, codec, path)
        raise ToolkitError("TK004", path=path, why="it contains NUL bytes")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if _mostly_utf8(data, exc):
            return _decode_lenient(data, "utf-8", path)
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError as exc2:
            raise ToolkitError("TK006", path=path,
                               why="it is neither UTF-8 nor Windows-1252") from exc2
        warn("TKW002", path=path, encoding="Windows-1252 (cp1252)")
    controls = sum(1 for ch in text[:8192] if ord(ch) < 32 and ch not in "\n\r\t\f")
    if controls > max(8, len(text[:8192]) // 100):
        raise ToolkitError("TK004", path=path, why=f"{controls} control characters")
    return text


#: Byte-order marks, longest first (the UTF-32 LE mark starts like UTF-16 LE's).
_BOMS = ((b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be"),
         (b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))


def _decode_lenient(data: bytes, codec: str, path: str) -> str:
    """Decode with ``codec``; undecodable bytes become U+FFFD with warning TKW040."""
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        text = data.decode(codec, errors="replace")
        n = text.count("\ufffd") - data.decode(codec, errors="ignore").count("\ufffd")
        warn("TKW040", path=path, encoding=codec.upper(), n=max(n, 1), offset=exc.start)
        return text


def _mostly_utf8(data: bytes, exc: UnicodeDecodeError) -> bool:
    """A UTF-8 file with a few damaged bytes (not a Windows-1252 one): its other
    non-ASCII bytes form valid UTF-8 sequences."""
    valid = len(re.findall(rb"[\xc2-\xf4][\x80-\xbf]+", data[:200000]))
    broken = len(data[:200000].decode("utf-8", errors="replace").split("\ufffd")) - 1
    return valid >= 3 and broken <= valid


def _sniff_wide_codec(head: bytes) -> str | None:
    """UTF-32 or UTF-16 without a byte-order mark, told by where the NUL bytes of
    mostly-ASCII text fall; None when the pattern is not clear."""
    n = len(head) - len(head) % 4
    if n >= 8:
        cols = [head[k:n:4] for k in range(4)]
        zero = [c.count(0) / len(c) for c in cols]
        if zero[1] > 0.9 and zero[2] > 0.9 and zero[3] > 0.9 and zero[0] < 0.5:
            return "utf-32-le"
        if zero[0] > 0.9 and zero[1] > 0.9 and zero[2] > 0.9 and zero[3] < 0.5:
            return "utf-32-be"
    even, odd = head[0::2], head[1::2]
    if not even or not odd:
        return None
    z_even, z_odd = even.count(0) / len(even), odd.count(0) / len(odd)
    if z_odd > 0.4 and z_even < 0.1:
        return "utf-16-le"
    if z_even > 0.4 and z_odd < 0.1:
        return "utf-16-be"
    return None


# -- characters that are not text ---------------------------------------------------

#: Lone surrogates, NUL and other C0/C1 control characters (tab, line feed,
#: carriage return and form feed are text), and the non-characters U+FFFE/U+FFFF.
_BAD_CHARS = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def clean_text(text: str) -> tuple[str, dict]:
    """Replace characters that are not text, one for one, so every offset stays valid.

    Lone surrogates and non-characters become U+FFFD (the replacement
    character); NUL and other control characters become a space. Returns the
    cleaned text and a report ``{"replaced": n, "kinds": {kind: n}, "first":
    offset or None}`` with kinds ``surrogate``, ``nul``, ``control``,
    ``noncharacter``. Runs in linear time; a clean text is returned as is.
    """
    kinds: dict[str, int] = {}
    first: list[int] = []

    def fix(match: re.Match) -> str:
        ch = match.group(0)
        code = ord(ch)
        if not first:
            first.append(match.start())
        if 0xD800 <= code <= 0xDFFF:
            kind, out = "surrogate", "\ufffd"
        elif code in (0xFFFE, 0xFFFF):
            kind, out = "noncharacter", "\ufffd"
        elif code == 0:
            kind, out = "nul", " "
        else:
            kind, out = "control", " "
        kinds[kind] = kinds.get(kind, 0) + 1
        return out

    if _BAD_CHARS.search(text) is None:
        return text, {"replaced": 0, "kinds": {}, "first": None}
    cleaned = _BAD_CHARS.sub(fix, text)
    return cleaned, {"replaced": sum(kinds.values()), "kinds": kinds,
                     "first": first[0] if first else None}
