"""``toolkit_figures``: the numbers of an article, with what they mean.

The component finds figures written in digits or words ("30 days", "1,300",
"3.5 million", "$2.5bn", "two-thirds", "a dozen", "hundreds of thousands",
"nearly 20%", "between 5 and 10 km") and writes them to
``doc.spans["figures"]`` (label = the figure type). ``span._.tk_figure`` holds
plain data:

``type``        count, percent, fraction, area, length, mass, volume, speed,
                money, duration, power, energy, temperature, date
``value``       the number (None for ranges and vague magnitudes)
``low/high``    the bounds the text allows ("less than 200" → high 200)
``unit``        canonical unit ("km²", "mi²", "%", "day", "USD"), see
                :mod:`toolkit.units`
``qualifier``   exact, approximate, less-than, more-than, range, vague, peak
``measures``    what the number is of ("casualties", "Ukraine's territory")
``source``      who claims it: the speaker of the quote it sits in, or the
                "according to ..." attribution of its sentence
``conversion_of`` the text of the figure this one restates in other units
                ("200 square kilometers (77 square miles)")
``consistent``  whether that restatement agrees, within the rounding its
                written precision allows (None when it cannot be checked)

Years and dates come from the dates layer (``doc.spans["dates"]``) as figures
of type "date". Numbers that are part of names ("World War Three", "Article
5"), pronouns ("one another", "one of the ...") and ordinals are not figures.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span

from toolkit import units as U
from toolkit.pipeline import extensions  # noqa: F401  (registers attributes)
from toolkit.pipeline import numbers as N
from toolkit.pipeline.dates import resolve_date

# -- qualifiers -------------------------------------------------------------
QUALIFIERS = {
    "approximate": ["nearly", "almost", "about", "around", "roughly", "approximately",
                    "some", "an estimated", "estimated", "close to", "approx.", "approx",
                    "~", "circa", "c.", "an approximate", "a roughly", "the equivalent of"],
    "less-than": ["less than", "fewer than", "under", "below", "up to", "at most",
                  "no more than", "as many as", "as much as", "just under", "not more than",
                  "a maximum of", "a max of", "as few as", "as little as"],
    "more-than": ["more than", "over", "above", "at least", "upwards of", "in excess of",
                  "exceeding", "no fewer than", "no less than", "just over", "a minimum of",
                  "not less than"],
    "range": ["between", "from"],
}
QUALIFIER_OF = {w: q for q, words in QUALIFIERS.items() for w in words}
POST_QUALIFIERS = {"or more": "more-than", "or so": "approximate", "or fewer": "less-than",
                   "or less": "less-than", "plus": "more-than", "-plus": "more-than"}

#: Phrases that mark a figure as the highest reached.
PEAK_RE = re.compile(
    r"\b(?:at\s+(?:its|the|their|his|her)\s+(?:height|peak|highest)|at\s+the\s+height\s+of"
    r"|at\s+the\s+peak\s+of|peak(?:ed|ing)?\s+(?:at|of)|a\s+(?:peak|high|record)\s+of"
    r"|record\s+high|all-time\s+high|reached\s+a\s+(?:peak|high)|maximum\s+of)\b", re.I)

#: Verbs that attribute a claim ("the ministry said ...").
REPORTING_VERBS = {"say", "state", "tell", "report", "estimate", "claim", "announce",
                   "add", "note", "insist", "write", "declare", "confirm", "assert",
                   "suggest", "show", "indicate", "reveal", "put", "calculate", "count"}
#: Entity labels whose numbers are part of a name.
NAME_LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART",
               "LAW", "NORP", "LANGUAGE"}
#: Generic words for "what" a figure of a type is when the text gives no noun.
TYPE_NOUNS = {"area": "area", "length": "distance", "mass": "weight", "money": "amount",
              "count": "number", "percent": "share", "duration": "time", "speed": "speed",
              "volume": "volume", "power": "power", "energy": "energy",
              "temperature": "temperature", "fraction": "share"}

# -- the regular expression ------------------------------------------------------
_QUAL = "|".join(re.escape(w) for w in sorted(QUALIFIER_OF, key=len, reverse=True))
_NUM1 = (rf"(?:{N.DIGITS}(?:{N.MULTIPLIER})?|{N.FRACTION}|{N.WORD_NUMBER}"
         rf"(?:\s+(?:hundred|thousand|million|billion|trillion))?)")
_NUM = rf"(?:{N.VAGUE}|{_NUM1})"
_NUM2 = rf"(?:{N.DIGITS}(?:{N.MULTIPLIER})?|{N.WORD_NUMBER})"
_CUR = U.CURRENCY_PREFIX_RE
_UNIT = rf"(?:{U.UNIT_RE})"
_HEAD = (rf"(?<![\w\-/.,$€£¥])"
         rf"(?:(?P<qual>{_QUAL})\s+)?"
         rf"(?:(?P<cur>{_CUR})\s?)?"
         rf"(?P<num>{_NUM})")
_RANGE = (rf"(?:[\s-]?(?P<unit1>{_UNIT})(?![\w²³/]))?"
          rf"(?:\s*(?P<sep>-|–|—|to|and)\s*(?:(?P<cur2>{_CUR})\s?)?(?P<num2>{_NUM2}))?")
_TAIL = (rf"(?:[\s-]?(?P<unit>{_UNIT})(?![\w²³/]))?"
         rf"(?P<post>\s+or\s+(?:more|so|fewer|less)|-?plus\b)?"
         rf"(?:\s+of\s+(?P<ofunit>{_UNIT})(?![\w²³/]))?"
         rf"(?![\w²³]|[.,/]\d|:\d)")
_TAIL_NO_OF = _TAIL.replace("(?P<ofunit>", "(?P<ofunit>(?!)")
#: One figure, possibly a range ("between 5 and 10 km").
FIGURE_RE = re.compile(_HEAD + _RANGE + _TAIL, re.IGNORECASE)
#: The same without ranges, tried where a range reading failed ("30 percent
#: to 4.5 billion dollars" is two figures).
SINGLE_RE = re.compile(_HEAD + r"(?P<unit1>(?!))?(?P<sep>(?!))?(?P<cur2>(?!))?(?P<num2>(?!))?"
                       + _TAIL, re.IGNORECASE)
#: Without "of <unit>", tried where that reading failed ("20% of miles driven").
NO_OF_RE = re.compile(_HEAD + _RANGE + _TAIL_NO_OF, re.IGNORECASE)
#: Words before "X to Y" that make it a change, not a range ("rose from 5 to 10").
CHANGE_WORDS = {"by", "rose", "rise", "risen", "fell", "fall", "fallen", "grew", "grow",
                "grown", "increased", "increase", "decreased", "decrease", "dropped", "drop",
                "climbed", "jumped", "surged", "slipped", "declined", "decline", "cut",
                "raised", "lowered", "shrank", "shrunk", "doubled", "went", "changed",
                "up", "down", "soared", "plunged", "plummeted", "tumbled", "reduced"}
VAGUE_DURATION_RE = re.compile(r"(?<![\w-])(?:(?:several|many|a\s+few)\s+)?(?P<w>decades|centuries)\b",
                               re.IGNORECASE)


class FigureExtractor:
    """Finds figures; see the module docstring."""

    def __init__(self, nlp: Language, name: str = "toolkit_figures"):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.match(doc))
        return doc

    # -- finding ------------------------------------------------------------
    def match(self, doc: Doc) -> list[tuple[Span, dict]]:
        """``(span, tk_figure data)`` for every figure, in text order."""
        text = doc.text
        dates = list(doc.spans.get("dates", []))
        date_chars = [(s.start_char, s.end_char) for s in dates]
        found: list[tuple[Span, dict]] = []
        for m, data in _scan(text):
            start, end = _trim(m, data)
            if any(start < e and s < end for s, e in date_chars):
                continue
            span = doc.char_span(start, end, label=data["type"], alignment_mode="expand")
            if span is None or not _is_figure(span, m, data):
                continue
            found.append((span, data))
        for m in VAGUE_DURATION_RE.finditer(text):
            span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
            if span is None or any(span.start < s.end and s.start < span.end for s, _ in found):
                continue
            unit = U.normalise_unit(m.group("w"))
            found.append((Span(doc, span.start, span.end, label="duration"),
                          _figure("duration", None, 2.0, None, unit, "vague")))
        for span in dates:
            data = span._.tk_date or {}
            if not re.search(r"\d", span.text):
                continue
            approx = data.get("rule") in ("part_year", "part_month", "season_year", "decade")
            found.append((Span(doc, span.start, span.end, label="date"),
                          _figure("date", resolve_date(data, doc._.published), None, None,
                                  None, "approximate" if approx else "exact")))
        found.sort(key=lambda f: f[0].start)
        kept: list[tuple[Span, dict]] = []
        for span, data in found:
            if kept and span.start < kept[-1][0].end:
                continue
            kept.append((span, data))
        return kept

    # -- describing -----------------------------------------------------------
    def set_annotations(self, doc: Doc, matches: list[tuple[Span, dict]]) -> None:
        _link_conversions(doc, matches)
        _mark_peaks(doc, matches)
        quotes = list(doc.spans.get("quotes", []))
        taken = {t.i for span, _ in matches for t in span}
        for span, data in matches:
            if data["type"] != "date":
                data["measures"] = data["measures"] or _measures(span, data, taken)
            data["source"] = data["source"] or _source(span, quotes)
        # figures that only restate or compare with another take its facts
        for span, data in matches:
            if data["type"] == "date":
                continue
            if not data["measures"]:
                data["measures"] = _sibling_measures(span, data, matches)
        by_text = {s.text: d for s, d in matches}
        for span, data in matches:
            if data["conversion_of"] and data["conversion_of"] in by_text:
                origin = by_text[data["conversion_of"]]
                data["measures"] = data["measures"] or origin["measures"]
                data["source"] = data["source"] or origin["source"]
        spans = []
        for span, data in matches:
            span._.tk_figure = {k: data[k] for k in FIGURE_KEYS}
            spans.append(span)
        doc.spans["figures"] = spans


FIGURE_KEYS = ("type", "value", "low", "high", "unit", "qualifier", "measures", "source",
               "conversion_of", "consistent")


@Language.factory("toolkit_figures", assigns=["doc.spans"],
                  requires=["token.dep", "doc.ents"])
def make_figure_extractor(nlp: Language, name: str) -> FigureExtractor:
    """The ``toolkit_figures`` component (add it after 'toolkit_quotes')."""
    return FigureExtractor(nlp, name)


# -- reading one match ------------------------------------------------------------
def _figure(ftype, value, low, high, unit, qualifier) -> dict:
    return {"type": ftype, "value": N.plain_number(value) if isinstance(value, float) else value,
            "low": N.plain_number(low), "high": N.plain_number(high), "unit": unit,
            "qualifier": qualifier, "measures": None, "source": None,
            "conversion_of": None, "consistent": None, "_number": None}


def _scan(text: str):
    """Every figure match with its data, left to right; a failed range reading
    falls back to the single figure at the same place."""
    pos = 0
    while True:
        m = FIGURE_RE.search(text, pos)
        if m is None:
            return
        data = _read_match(m, text)
        if data is None and m.group("ofunit"):
            retry = NO_OF_RE.match(text, m.start())
            if retry is not None:
                m, data = retry, _read_match(retry, text)
        if data is None and m.group("num2"):
            single = SINGLE_RE.match(text, m.start())
            if single is not None:
                m, data = single, _read_match(single, text)
        if data is not None:
            yield m, data
            pos = m.end()
        else:
            pos = m.end("num")


def _number(text: str) -> tuple[float | None, str]:
    """The value of one number as written, and its kind: digits, words,
    fraction or vague."""
    low = text.lower()
    if re.fullmatch(N.VAGUE, low):
        return None, "vague"
    frac = N.parse_fraction(low)
    if frac is not None:
        return frac, "fraction"
    value = N.parse_number(low)
    return value, ("digits" if re.match(r"[\d.]", low) else "words")


def _read_match(m: re.Match, text: str = "") -> dict | None:
    g = m.groupdict()
    num_text = g["num"]
    value, kind = _number(num_text)
    if value is None and kind != "vague":
        return None
    if g["ofunit"] and (kind != "vague" or g["unit"] or g["unit1"]):
        return None  # only "millions of dollars", "hundreds of kilometres"
    unit_text = g["unit"] or (g["unit1"] if not g["num2"] else None) or g["ofunit"]
    unit = U.normalise_unit(unit_text) if unit_text else None
    if g["unit1"] and g["num2"] and not g["unit"]:
        unit = U.normalise_unit(g["unit1"])
    if g["unit1"] and U.normalise_unit(g["unit1"]) is None:
        return None
    if unit_text and unit is None:
        return None
    currency = U.CURRENCY_PREFIXES.get(g["cur"]) if g["cur"] else None
    if g["cur"] and g["cur"] not in U.CURRENCY_PREFIXES:
        currency = U.CURRENCY_PREFIXES.get(g["cur"].upper())
    if currency:
        if unit and U.unit_type(unit) != "money":
            return None
        unit = currency
    if kind == "fraction":
        ftype = "fraction"
        if unit == "%":
            return None
    else:
        ftype = U.unit_type(unit) or "count"
    qual_word = (g["qual"] or "").lower()
    qualifier = QUALIFIER_OF.get(qual_word, "exact")
    value2 = None
    if g["num2"]:
        value2, kind2 = _number(g["num2"])
        sep = g["sep"].lower()
        if value2 is None or kind == "vague":
            return None
        if sep == "and" and qual_word != "between":
            return None
        if sep == "to" and qual_word not in ("from", "between", ""):
            return None
        before = re.findall(r"[A-Za-z]+", text[max(0, m.start() - 30):m.start()])
        if sep == "to" and before and before[-1].lower() in CHANGE_WORDS:
            return None  # "rose from 5 to 10" is a change: two figures
        if g["unit1"] and g["unit"] and U.normalise_unit(g["unit1"]) != U.normalise_unit(g["unit"]):
            return None
        # "2 to 3 million": the multiplier of the second applies to the first
        scale2 = _scale_of(g["num2"])
        if scale2 and not _scale_of(num_text):
            value *= scale2
        if value2 < value:
            return None
        qualifier = "range"
    elif qualifier == "range":
        qualifier = "exact"  # "from 1,300 km" alone is no range
    if g["post"]:
        post = g["post"].strip().lower()
        qualifier = POST_QUALIFIERS.get(post, POST_QUALIFIERS.get(post.lstrip("-"), qualifier))
    if qual_word in ("over", "under", "from") and ftype in ("duration", "date"):
        qualifier = "exact"  # "over two years" is a period, not a bound
        data_start = m.start("cur") if g["cur"] else m.start("num")
    else:
        data_start = m.start()
    if kind == "vague":
        low, high = N.vague_bounds(num_text)
        data = _figure(ftype, None, low, high, unit, "vague")
    elif qualifier == "range":
        data = _figure(ftype, None, value, value2, unit, "range")
    else:
        low = high = None
        if qualifier == "exact":
            low = high = value
        elif qualifier == "less-than":
            high = value
        elif qualifier == "more-than":
            low = value
        data = _figure(ftype, float(value), low, high, unit, qualifier)
    data["_number"] = num_text if not g["num2"] else g["num2"]
    data["_kind"] = kind
    data["_start"] = data_start
    return data


def _scale_of(text: str) -> float | None:
    m = re.search(r"(thousand|million|billion|trillion|bn|mn|tn|k|m|b)$", text.strip().lower())
    return N.SCALE_ABBREV.get(m.group(1)) if m else None


def _trim(m: re.Match, data: dict) -> tuple[int, int]:
    """The span of the figure: the qualifier is kept ("nearly 20%"), a
    qualifier word that did not apply ("from 1,300") is not."""
    start = data["_start"]
    qual = (m.group("qual") or "").lower()
    if qual in ("from", "between") and data["qualifier"] != "range":
        start = m.start("cur") if m.group("cur") else m.start("num")
    return start, m.end()


def _is_figure(span: Span, m: re.Match, data: dict) -> bool:
    """Token checks that need the parse or entities: names, pronouns, times."""
    doc = span.doc
    num_start = m.start("num")
    num_tokens = [t for t in span if t.idx + len(t.text) > num_start and t.idx < m.end("num")]
    if not num_tokens:
        return False
    first, last = num_tokens[0], num_tokens[-1]
    num_text = m.group("num")
    has_unit = bool(data["unit"])
    # part of a name: an entity such as "World War Three", "Apollo 11"
    if any(t.ent_type_ in NAME_LABELS for t in num_tokens) and not has_unit:
        return False
    prev = doc[first.i - 1] if first.i > 0 else None
    if prev is not None and not has_unit and data["_kind"] != "vague":
        capitalised_name = (prev.text[:1].isupper() and prev.is_alpha and not prev.is_sent_start
                            and prev.pos_ in ("PROPN", "NOUN", "")
                            and prev.lower_ not in MONTH_WORDS)
        if capitalised_name and (num_text[:1].isupper() or num_text[:1].isdigit()):
            return False  # "World War Three", "Article 5", "Boeing 737"
    if num_text[:1].isupper() and not first.is_sent_start and data["_kind"] == "words" \
            and prev is not None and prev.text[:1].isupper():
        return False
    nxt = doc[last.i + 1] if last.i + 1 < len(doc) else None
    low = num_text.lower()
    if not has_unit and nxt is not None and nxt.lower_ in ("a.m.", "p.m.", "am", "pm", "o'clock",
                                                             "another", "gmt", "utc"):
        return False
    if low in ("one", "a", "an") or (data["_kind"] == "words" and low.split()[0] in ("a", "an")
                                     and len(low.split()) == 1):
        # "one" is a figure only as a counted quantity ("one soldier", "one km")
        if not has_unit and not (first.dep_ == "nummod" and first.head.pos_ == "NOUN"
                                 and first.head.i > first.i):
            return False
    if data["_kind"] == "words" and not has_unit and nxt is not None and \
            nxt.lower_ == "of" and low in ("one",):
        return False
    if data["_kind"] == "fraction" and not low.endswith("s") and low != "half":
        if nxt is None or nxt.lower_ != "of":
            return False  # "a third term" is an ordinal
    if low == "half" and (nxt is None or nxt.lower_ not in ("of", "a", "an")):
        return False
    if data["_kind"] == "vague" and low in ("dozens", "scores") and \
            (nxt is None or nxt.lower_ != "of"):
        return False
    if first.ent_type_ in ("TIME",) and not has_unit:
        return False
    return True


MONTH_WORDS = {"january", "february", "march", "april", "may", "june", "july", "august",
               "september", "october", "november", "december", "jan", "feb", "mar", "apr",
               "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"}


# -- conversions ---------------------------------------------------------------
def _link_conversions(doc: Doc, matches: list[tuple[Span, dict]]) -> None:
    """"200 square kilometers (77 square miles)" / "..., or 77 square miles":
    the second restates the first; check that it agrees."""
    text = doc.text
    for (first, a), (second, b) in zip(matches, matches[1:]):
        between = text[first.end_char:second.start_char]
        if not re.fullmatch(r"\s*\(\s*|\s*,?\s*(?:or|about|roughly|around|some|nearly|almost"
                            r"|the equivalent of|equivalent to)\s+(?:about\s+|roughly\s+"
                            r"|around\s+|some\s+|nearly\s+)?|\s*/\s*|\s*\[\s*", between):
            continue
        if not a["unit"] or not b["unit"] or a["unit"] == b["unit"]:
            continue
        both_money = U.unit_type(a["unit"]) == U.unit_type(b["unit"]) == "money"
        if not (both_money or U.convertible(a["unit"], b["unit"])):
            continue
        b["conversion_of"] = first.text
        if b["qualifier"] == "exact" and a["qualifier"] != "exact":
            b["qualifier"] = a["qualifier"]
            b["low"], b["high"] = _bounds_like(a, b["value"])
        if both_money:
            continue  # toolkit holds no exchange rates
        b["consistent"] = _agrees(a, b)


def _bounds_like(a: dict, value):
    if a["qualifier"] == "less-than":
        return None, value
    if a["qualifier"] == "more-than":
        return value, None
    if a["qualifier"] in ("exact", "peak"):
        return value, value
    return None, None


def _agrees(a: dict, b: dict) -> bool | None:
    pairs = []
    if a["value"] is not None and b["value"] is not None:
        pairs.append((a["value"], b["value"], b["_number"]))
    elif a["qualifier"] == b["qualifier"] == "range":
        pairs += [(a["low"], b["low"], str(b["low"])), (a["high"], b["high"], b["_number"])]
    if not pairs:
        return None
    for src, stated, written in pairs:
        expected = U.convert(float(src), a["unit"], b["unit"])
        tolerance = N.rounding_tolerance(re.sub(r"[^\d.,]", "", written or str(stated)) or
                                         str(stated), float(stated))
        if abs(expected - float(stated)) > tolerance:
            return False
    return True


# -- peaks ----------------------------------------------------------------------
def _mark_peaks(doc: Doc, matches: list[tuple[Span, dict]]) -> None:
    """"1,300 km² at the height of the incursion": the closest figure in the
    sentence (counting a figure and its restatements as one) is a peak."""
    for cue in PEAK_RE.finditer(doc.text):
        cue_span = doc.char_span(cue.start(), cue.end(), alignment_mode="expand")
        if cue_span is None:
            continue
        sent = cue_span.sent if doc.has_annotation("SENT_START") else doc[:]
        best, best_distance = None, 13
        for span, data in matches:
            if data["type"] == "date" or data["conversion_of"]:
                continue
            if not (sent.start <= span.start < sent.end):
                continue
            group = [span] + [s for s, d in matches if d["conversion_of"] == span.text]
            distance = min(min(abs(cue_span.start - s.end), abs(s.start - cue_span.end))
                           for s in group)
            if distance < best_distance:
                best, best_distance = span, distance
        if best is None:
            continue
        for span, data in matches:
            if span == best or data["conversion_of"] == best.text:
                if data["qualifier"] in ("exact", "approximate"):
                    data["qualifier"] = "peak"


# -- what a figure measures ------------------------------------------------------
_DROP_LEFT = {"the", "a", "an", "its", "their", "his", "her", "this", "that", "these", "those"}


def _phrase(tokens) -> str | None:
    tokens = [t for t in tokens]
    while tokens and (tokens[0].lower_ in _DROP_LEFT or tokens[0].is_punct):
        tokens = tokens[1:]
    while tokens and tokens[-1].is_punct:
        tokens = tokens[:-1]
    if not tokens:
        return None
    doc = tokens[0].doc
    return doc[tokens[0].i:tokens[-1].i + 1].text


def _noun_phrase(noun, taken=frozenset()) -> str | None:
    """A short noun phrase around ``noun``: its left modifiers, the noun, and an
    "of ..." complement ("share of Ukraine's territory")."""
    if noun.pos_ in ("VERB", "AUX"):  # a clause as subject: "the area still burning"
        sub = [t for t in noun.subtree if t.i not in taken]
        return _phrase(sub) if 0 < len(sub) <= 6 else None
    left = [t for t in noun.lefts if t.dep_ in ("amod", "compound", "poss", "nmod", "det",
                                                 "case")]
    start = min([noun.i] + [t.left_edge.i for t in left])
    end = noun.i
    for child in noun.rights:
        if child.dep_ == "prep" and child.lower_ == "of":
            objs = [c for c in child.children if c.dep_ == "pobj"]
            if objs and objs[0].i not in taken:
                end = max(end, objs[0].i)
        break
    for child in noun.rights:  # "the area still burning"
        if child.dep_ in ("acl", "amod") and len(list(child.subtree)) <= 3 and \
                not any(t.i in taken for t in child.subtree):
            end = max(end, child.right_edge.i)
    doc = noun.doc
    if noun.i in taken:
        return None  # the noun belongs to another figure ("mph", "degrees")
    toks = [t for t in doc[start:end + 1] if not t.like_num and t.i not in taken]
    return _phrase(toks)


def _measures(span: Span, data: dict, taken=frozenset()) -> str | None:
    doc = span.doc
    if not doc.has_annotation("DEP"):
        return None
    nxt = doc[span.end] if span.end < len(doc) else None
    # "hundreds of thousands of casualties", "20% of Ukraine's territory"
    if nxt is not None and nxt.lower_ == "of":
        objs = [c for c in nxt.children if c.dep_ == "pobj"]
        if objs:
            return _noun_phrase(objs[0], taken)
    root = span.root
    # "30 soldiers", "1,300 Ukrainian troops": the counted noun follows
    if not data["unit"] and data["type"] in ("count", "fraction"):
        head = root.head
        if root.dep_ in ("nummod", "quantmod", "compound", "amod") and head.i >= span.end and \
                head.pos_ in ("NOUN", "PROPN"):
            return _noun_phrase(head, taken)
        if nxt is not None and nxt.pos_ == "NOUN" and nxt.i == span.end:
            return _noun_phrase(nxt, taken)
        prev = doc[span.start - 1] if span.start > 0 else None
        if prev is not None and prev.pos_ == "VERB" and prev.tag_ in ("VBD", "VBN"):
            return f"people {prev.text}"  # "displaced millions", "killed dozens"
    # a unit figure that modifies a noun: "a 30-day ceasefire", "a 5% rise in prices"
    if root.dep_ in ("compound", "amod", "nummod", "npadvmod") and root.head.i >= span.end and \
            root.head.pos_ == "NOUN":
        head = root.head
        phrase = _noun_phrase(head, taken)
        preps = [c for c in head.rights if c.dep_ == "prep" and c.lower_ in ("in", "on", "for")]
        if preps:
            extra = _phrase(list(preps[0].subtree))
            if extra and len(extra.split()) <= 5:
                phrase = f"{phrase} {extra}"
        return phrase
    # "Oil rose 2%", "a deal worth $1.2 trillion": the thing that changed or is worth it
    if root.dep_ in ("npadvmod", "advmod", "dobj", "pobj", "nummod", "prep") and \
            (root.head.lemma_.lower() in CHANGE_WORDS or root.head.lower_ == "worth"):
        subj = _subject(root.head)
        if subj is not None:
            return _noun_phrase(subj, taken)
    # "a front of roughly 40 km", "a budget of $5m": the noun before "of"
    if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.pos_ == "NOUN" \
            and root.head.head.i < span.start:
        return _noun_phrase(root.head.head, taken)
    # object of a verb: "controls less than 200 km² in Kursk", "displaced millions"
    verb = root.head if root.dep_ in ("dobj", "attr", "oprd", "nsubj", "nsubjpass") else None
    if verb is not None and verb.pos_ in ("VERB", "AUX"):
        return _clause_measure(span, data, verb, root.dep_.startswith("nsubj"), taken)
    # "rose to 5%", "for 30 days": object of a preposition on a verb
    if root.dep_ == "pobj" and root.head.dep_ == "prep" and root.head.head.pos_ in ("VERB", "AUX"):
        prep, verb = root.head, root.head.head
        if data["type"] == "duration":
            objs = [c for c in verb.children if c.dep_ in ("dobj", "attr")]
            parts = [verb.text] + ([_phrase(list(objs[0].subtree))] if objs else [])
            return " ".join(p for p in parts if p)
        subj = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subj and prep.lower_ in ("to", "by", "at", "from") and subj[0].pos_ != "PRON":
            return _noun_phrase(subj[0], taken)
    return None


def _subject(tok):
    """The subject of the clause ``tok`` is in, through "expected to fall",
    "rose and then fell" chains; None for pronouns or when there is none."""
    verb = tok
    for _ in range(6):
        while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
            verb = verb.head
        subj = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subj:
            return subj[0] if subj[0].pos_ != "PRON" else None
        if verb.dep_ not in ("xcomp", "conj", "advcl") or verb.head.i == verb.i:
            return None
        verb = verb.head
    return None


def _clause_measure(span: Span, data: dict, verb, subject_role: bool, taken) -> str | None:
    if data["type"] == "count" and not data["unit"]:
        passive = any(c.dep_ == "auxpass" for c in verb.children)
        if subject_role and not passive:
            return f"people who {verb.text}"
        return f"people {verb.text}"
    if subject_role and not any(c.dep_ == "auxpass" for c in verb.children):
        return None  # "25 degrees ... drove": an active verb says nothing of the figure
    noun = TYPE_NOUNS.get(data["type"], data["type"])
    subj = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    parts = [noun]
    if subj and not subject_role and subj[0].pos_ != "PRON":
        parts.append(_noun_phrase(subj[0], taken) or subj[0].text)
    parts.append(verb.text)
    places = [c for c in list(verb.rights) + list(span.root.rights)
              if c.dep_ == "prep" and c.i >= span.end]
    for child in sorted(places, key=lambda t: t.i):
        if child.lower_ in ("in", "on", "at", "across", "inside", "within", "near", "around"):
            extra = _prep_phrase(child, taken)
            if extra:
                parts.append(extra)
                break
    return " ".join(p for p in parts if p)


def _prep_phrase(prep, taken) -> str | None:
    """"in Kursk", "in the eastern region": a preposition and its noun phrase
    (without appositions or clauses hanging off it)."""
    objs = [c for c in prep.children if c.dep_ == "pobj"]
    if not objs:
        return None
    phrase = _noun_phrase(objs[0], taken)
    if not phrase or len(phrase.split()) > 5:
        return None
    return f"{prep.text} {phrase}"


def _sibling_measures(span: Span, data: dict, matches) -> str | None:
    """A figure compared with another of its kind in the same sentence
    ("a decrease from 1,300 km²") measures the same thing."""
    if not span.doc.has_annotation("SENT_START") or not data["unit"]:
        return None
    sent = span.sent
    for other, odata in matches:
        if other is span or odata["type"] != data["type"] or not odata["measures"]:
            continue
        if sent.start <= other.start < sent.end and odata.get("conversion_of") is None:
            return odata["measures"]
    return None


# -- who claims it ------------------------------------------------------------
def _source(span: Span, quotes: list[Span]) -> str | None:
    for quote in quotes:
        if quote.start <= span.start and span.end <= quote.end:
            info = quote._.tk_quote or {}
            speaker = info.get("speaker") or info.get("speaker_text")
            if speaker:
                return speaker
    doc = span.doc
    if not doc.has_annotation("SENT_START"):
        return None
    sent = span.sent
    # "according to the Russian military, ..."
    for tok in sent:
        if tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
            objs = [c for c in doc[tok.i + 1].children if c.dep_ == "pobj"]
            if objs:
                return _phrase([t for t in objs[0].subtree])
            words = []
            for t in doc[tok.i + 2:sent.end]:
                if t.is_punct:
                    break
                words.append(t)
            return _phrase(words)
    # "The ministry said ... 200 ..." (reported speech the quotes layer missed)
    if doc.has_annotation("DEP"):
        tok = span.root
        while tok.head.i != tok.i:
            if tok.dep_ in ("ccomp", "parataxis") and tok.head.lemma_.lower() in REPORTING_VERBS:
                subj = [c for c in tok.head.children if c.dep_ == "nsubj"]
                if subj and subj[0].pos_ in ("PROPN", "NOUN"):
                    return _phrase(list(subj[0].subtree))
                break
            tok = tok.head
    return None
