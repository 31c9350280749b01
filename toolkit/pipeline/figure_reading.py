"""Reading figures: numbers, units, ranges and qualifiers found in text by the
patterns of :mod:`.figure_patterns`, each read into plain ``tk_figure`` data, and
the rules that tell a figure from a label or a name (figures with forms of their
own are :mod:`.figure_special`'s)."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from toolkit import units as U
from toolkit.pipeline import numbers as N
from toolkit.pipeline.sentence_index import SentenceIndex
from toolkit.pipeline.figure_patterns import (
    AGE_RE, BARE_RE, CHANGE_WORDS, CLOCK_RE, DIGIT_RUN_RE, FIGURE_RE, HASH_RE, LABEL_RE,
    METRE_CONTEXT, METRE_VERBS, MONTH_WORDS, MONEY_CUES, NAME_LABELS, NO_OF_RE, PER_WORDS, POST_QUALIFIERS,
    QUALIFIER_OF, RATE_RE, SHORT_AGE_RE, SIMPLE_RE, SINGLE_RE, SPEEDS, UNIT_WORDS,
)


SPACED_PAIR_RE = re.compile(r"(?<![\d,.])(?<!\d )\b\d{1,3} \d{3}(?= (?P<u>[A-Za-z]+)\b)")
SPACED_THOUSANDS_RE = re.compile(r"(?<![\d,.])(?<!\d )\b\d{1,3}(?: \d{3}){2,}\b(?![,.]\d| \d)")


def scan_text(text: str) -> str:
    """``text`` with the same length, for the regular expressions: the minus
    sign (U+2212) read as "-", a no-break or thin space between digit groups
    ("3 000") or plain spaces between three or more groups ("1 414 021")
    read as thousands commas, and other no-break spaces as spaces."""
    text = text.replace("\u2212", "-")
    text = re.sub(r"(?<=\d)[\u00a0\u202f\u2009](?=\d{3}(?!\d))", ",", text)
    # three or more groups split by plain spaces ("1 414 021 100"): one number
    text = SPACED_THOUSANDS_RE.sub(lambda m: m.group(0).replace(" ", ","), text)
    # two groups before a unit ("10 000 dollars", "40 000 tonnes"): one number
    text = SPACED_PAIR_RE.sub(lambda m: m.group(0).replace(" ", ",")
                              if U.normalise_unit(m.group("u")) else m.group(0), text)
    return re.sub(r"[\u00a0\u202f\u2009\u2007]", " ", text)


#: ``Doc.has_annotation`` walks every token; its answers for the doc being
#: processed are kept here for the length of one call.
DOC_FACTS: dict[tuple[int, str], object] = {}


def sentence_of(span: Span) -> Span:
    """The sentence holding ``span`` (its first token), by the Doc's one
    :class:`SentenceIndex` kept for the length of the call: ``Span.sent`` walks
    back token by token, which is quadratic over many figures in one long sentence."""
    key = (id(span.doc), "sents")
    if key not in DOC_FACTS:
        DOC_FACTS[key] = SentenceIndex(span.doc)
    return DOC_FACTS[key].sentence(span.start)


def doc_has(doc: Doc, attr: str) -> bool:
    key = (id(doc), attr)
    if key not in DOC_FACTS:
        DOC_FACTS[key] = doc.has_annotation(attr)
    return DOC_FACTS[key]


# -- reading one match ------------------------------------------------------------
def make_figure(ftype, value, low, high, unit, qualifier) -> dict:
    return {"type": ftype, "value": N.plain_number(value) if isinstance(value, float) else value,
            "low": N.plain_number(low), "high": N.plain_number(high), "unit": unit,
            "qualifier": qualifier, "measures": None, "source": None,
            "conversion_of": None, "consistent": None, "_number": None}


def scan_figures(text: str):
    """Every figure match with its data, left to right; a failed reading falls
    back to simpler ones at the same place (no "of <unit>", no range, no
    composite form, no unit)."""
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
        for fallback in (SINGLE_RE, SIMPLE_RE, BARE_RE):
            if data is not None:
                break
            retry = fallback.match(text, m.start())
            if retry is not None:
                m, data = retry, _read_match(retry, text)
        if data is not None:
            _extend(m, data, text)
            yield m, data
            pos = data.get("_end") or m.end()
        else:
            pos = m.end("num")


def _extend(m: re.Match, data: dict, text: str) -> None:
    """What may follow a figure and belongs to it: "a day" / "per barrel" (a
    rate), "-old" (an age)."""
    end = m.end()
    unit = data["unit"]
    if unit in ("year", "month", "week", "day") and data["type"] == "duration":
        age = AGE_RE.match(text, end)
        if age:  # "30 years old", "ten months old", "3 years of age"
            data.update(type="age", _end=age.end())
            return
    if not unit and data["type"] == "count" and data["qualifier"] in ("exact", "approximate") \
            and isinstance(data["value"], (int, float)) and 0 <= data["value"] < 130:
        age = SHORT_AGE_RE.match(text, end)
        if age:  # "a 37 yo man"
            data.update(type="age", unit="year", _end=age.end())
            return
    if not unit or unit in ("%", "pp", "bp", "°", "°C", "°F", "magnitude"):
        return
    rate = RATE_RE.match(text, end)
    if not rate:
        return
    per_word = rate.group("per").lower()
    per = PER_WORDS.get(per_word) or U.normalise_unit(rate.group("per"))
    if per is None or per == unit:
        return
    if "/" in unit and (U.unit_type(per) != "duration" or
                        U.unit_type(unit.rsplit("/", 1)[1]) == "duration"):
        return  # only "20 J/m^2 per year": a compound unit over a time, once
    kind = U.unit_type(unit)
    if (unit, per) in SPEEDS:
        data.update(unit=SPEEDS[(unit, per)], type="speed")
    elif kind == "money":
        data.update(unit=f"{unit}/{per}")
    else:
        data.update(unit=f"{unit}/{per}", type="rate")
    data["_end"] = rate.end()


def counts_after(doc: Doc, start: int, end: int) -> bool:
    """Whether a plural noun or a unit follows the numbers at ``start:end``:
    then they count it ("they will table 6 amendments", "took part two days
    later") and are no labels after all."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or span.end >= len(doc):
        return False
    nxt = doc[span.end]
    return nxt.tag_ == "NNS" or (nxt.is_alpha and nxt.text != "in"
                                 and U.normalise_unit(nxt.text) is not None)


def appositive_age(span: Span, data: dict) -> bool:
    """"The president, 78, said": a bare whole number set off by commas right
    after a person (a name or a noun tagged as one) is an age."""
    doc = span.doc
    if data["type"] != "count" or data["unit"] or data["qualifier"] != "exact" or \
            not isinstance(data["value"], int) or not 0 < data["value"] < 125:
        return False
    if span.start < 2 or span.end >= len(doc):
        return False
    before, noun, after = doc[span.start - 1], doc[span.start - 2], doc[span.end]
    if before.text != "," or after.text not in (",", ";", "."):
        return False
    if noun.ent_type_ == "PERSON":
        return True
    return noun.pos_ in ("PROPN", "NOUN") and noun.is_alpha and \
        noun.tag_ not in ("NNS", "NNPS") and noun.ent_type_ not in NAME_LABELS - {"PERSON"} \
        and any(t.dep_ == "appos" or t.head == noun for t in span)


def sentence_text(span: Span, text: str) -> str:
    """The sentence of ``span`` (or 80 characters around it without one)."""
    if doc_has(span.doc, "SENT_START"):
        return sentence_of(span).text
    return text[max(0, span.start_char - 80):span.end_char + 80]


def not_figures(text: str) -> list[tuple[int, int]]:
    """Stretches of text whose numbers are labels or identifiers: "No. 10",
    "items 3, 4 and 5", "#4", phone numbers and digit runs."""
    spans = []
    for m in LABEL_RE.finditer(text):
        group = "run" if m.group("run") else "wrun"
        if group == "wrun":
            spans.append((m.start(group), m.end(group)))
            continue
        after = text[m.end("run"):m.end("run") + 24]
        unit = re.match(rf"[\s-]?({UNIT_WORDS})(?![\w²³/])", after, re.IGNORECASE)
        if unit and U.normalise_unit(unit.group(1)):
            continue  # "line 5 km long": a measure after all
        if re.match(r"\s*(?:%|per\s*cent|percent)", after):
            continue
        spans.append((m.start("run"), m.end("run")))
    for rx in (HASH_RE, DIGIT_RUN_RE, CLOCK_RE):
        spans += [(m.start(), m.end()) for m in rx.finditer(text)]
    return spans


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
    digits = re.match(rf"[\d.{''.join(N.VULGAR)}]", low)
    return value, ("digits" if digits else "words")


def _read_match(m: re.Match, text: str = "") -> dict | None:
    g = m.groupdict()
    num_text = g["num"]
    if re.match(r"0\d", num_text):
        return None  # "007", "020 ...": a code, not a quantity
    if re.fullmatch(r"\d{13,}", num_text) and not g["cur"] and not g["unit"]:
        return None  # a long run of digits with no unit is an identifier
    value, kind = _number(num_text)
    if value is None and kind != "vague":
        return None
    metres = False
    if re.search(r"\dm$", num_text) and not g["cur"] and not g["unit"] and not g["num2"] \
            and (METRE_CONTEXT.match(text, m.end("num")) or METRE_VERBS.search(
                text[max(0, m.start() - 32):m.start()])):
        value, metres = value / 1_000_000, True  # "the 100m sprint", "a 30m-high wave"
    if g["sign"]:
        if kind == "vague":  # "minus hundreds"; a fraction in words may be signed
            return None
        value = -value
    if g["ofunit"] and (kind != "vague" or g["unit"] or g["unit1"]):
        return None  # only "millions of dollars", "hundreds of kilometres"
    unit_text = g["unit"] or (g["unit1"] if not g["num2"] else None) or g["ofunit"]
    unit = unit_of(unit_text) if unit_text else None
    if g["unit1"] and g["num2"] and not g["unit"]:
        unit = unit_of(g["unit1"])
    if g["unit1"] and unit_of(g["unit1"]) is None:
        return None
    if g["unit1"] and g["unit"] and not g["num2"]:
        return None  # "12% year on year": one unit per number
    if unit_text and unit is None:
        return None
    if metres:
        unit = "m"
    if unit == "lb" and _pounds_are_money(m, num_text, text):
        unit = "GBP"  # "361 million pounds", "profit of 40 pounds": sterling, not weight
    for group in ("unit", "unit1"):
        # "40C" / "-5F" are temperatures; "12 F-16" and "Grade 5 C" are not
        if g[group] and g[group] in ("C", "F") and (
                m.start(group) != m.end("num") or text[m.end(group):m.end(group) + 1] in
                ("-", "'", "’") or g["num2"]):
            return None
    currency = U.CURRENCY_PREFIXES.get(g["cur"]) if g["cur"] else None
    if g["cur"] and g["cur"] not in U.CURRENCY_PREFIXES:
        currency = U.CURRENCY_PREFIXES.get(g["cur"].upper())
    if currency:
        if unit == "m" and g["unit"] == "m" and value is not None:
            value, unit = value * 1_000_000, None  # "$3 m": millions
        if unit and U.unit_type(unit) != "money":
            return None
        unit = currency
    if kind == "fraction" and (not unit or unit == "%"):
        ftype = "fraction"
        if unit == "%":
            return None
    else:
        ftype = U.unit_type(unit) or "count"
    qual_word = (g["qual"] or g["sym"] or "").lower()
    qualifier = QUALIFIER_OF.get(qual_word, "exact")
    value2 = None
    if g["num2"]:
        value2, kind2 = _number(g["num2"])
        if g["sign2"] and value2 is not None:
            value2 = -value2  # "from -18 °C to -34 °C"
        sep = g["sep"].lower()
        sep = "to" if sep.endswith("to") or sep in ("~", "through", "thru") else sep  # "8- to 16-metre"
        if value2 is None or kind == "vague":
            return None
        if sep == "and" and qual_word != "between":
            return None
        if sep == "to" and qual_word not in ("from", "between", "") and \
                QUALIFIER_OF.get(qual_word) != "approximate":
            return None  # "about 20 to 30" is a range, "more than 5 to 10" is not
        before = re.findall(r"[A-Za-z]+", text[max(0, m.start() - 30):m.start()])
        if sep == "to" and before and before[-1].lower() in CHANGE_WORDS:
            return None  # "rose from 5 to 10" is a change: two figures
        if g["unit1"] and g["unit"] and unit_of(g["unit1"]) != unit_of(g["unit"]):
            return None
        # "2 to 3 million": the multiplier of the second applies to the first
        scale2 = _scale_of(g["num2"])
        if scale2 and not _scale_of(num_text):
            value *= scale2
        if value2 < value and value < 0:
            value, value2 = value2, value  # "-18 to -34": a signed range written downwards
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
        data_start = m.start("cur") if g["cur"] else (m.start("sign") if g["sign"]
                                                      else m.start("num"))
    else:
        data_start = m.start()
    if kind == "vague":
        low, high = N.vague_bounds(num_text)
        data = make_figure(ftype, None, low, high, unit, "vague")
    elif qualifier == "range":
        data = make_figure(ftype, None, value, value2, unit, "range")
    else:
        low = high = None
        if qualifier == "exact":
            low = high = value
        elif qualifier == "less-than":
            high = value
        elif qualifier == "more-than":
            low = value
        data = make_figure(ftype, float(value), low, high, unit, qualifier)
    if not unit and kind in ("digits", "words") and re.search(
            r"\b(?:aged|age|ages)\s+(?:of\s+)?$", text[max(0, m.start() - 12):m.start()],
            re.IGNORECASE):
        data.update(type="age", unit="year")  # "aged 45"
    data["_number"] = num_text if not g["num2"] else g["num2"]
    data["_kind"] = kind
    data["_start"] = data_start
    return data


def unit_of(written: str) -> str | None:
    """The symbol of a unit as matched ("in" only matches where it means inches)."""
    return "in" if written == "in" else U.normalise_unit(written)


#: Sterling named near a figure: the text counts money in pounds.
_STERLING = re.compile(r"£|\bsterling\b|\bpence\b|\bGBP\b|\bBank of England\b")
#: "pounds of beef", "pounds a year of grain": a weight of something.
_POUNDS_OF = re.compile(r"\s+of\s+(?!(?:it|them|this|that|the\s+(?:total|budget|money|cash|funds?))\b)"
                        r"(?:\w+\s+){0,2}[a-z]", re.IGNORECASE)


def _pounds_are_money(m: re.Match, num_text: str, text: str) -> bool:
    """Whether "N pounds" counts sterling: after a word of money ("paid",
    "profit of"), or in millions where the text near it names sterling ("£",
    "pence"); "94 million pounds of lobster" and a catch of "94 million pounds"
    in a text without sterling are weights."""
    if MONEY_CUES.search(text[max(0, m.start() - 60):m.start()]):
        return True
    if not _scale_of(num_text) or _POUNDS_OF.match(text, m.end()):
        return False
    return bool(_STERLING.search(text, max(0, m.start() - 3000), m.end() + 3000))


def _scale_of(text: str) -> float | None:
    m = re.search(r"(thousand|million|billion|trillion|bn|mn|tn|k|m|b)$", text.strip().lower())
    return N.SCALE_ABBREV.get(m.group(1)) if m else None


def trimmed(m: re.Match, data: dict) -> tuple[int, int]:
    """The span of the figure: the qualifier is kept ("nearly 20%"), a
    qualifier word that did not apply ("from 1,300") is not."""
    start = data["_start"]
    qual = (m.group("qual") or "").lower()
    if qual in ("from", "between") and data["qualifier"] != "range":
        start = m.start("cur") if m.group("cur") else (m.start("sign") if m.group("sign")
                                                       else m.start("num"))
    return start, data.get("_end") or m.end()


def _named(tok) -> bool:
    """Whether the entity ``tok`` is in holds a word: "Apollo 11" is a name, a
    lone "-1" that the model tagged as one is not."""
    doc, i, j = tok.doc, tok.i, tok.i
    while i > 0 and tok.ent_iob_ != "B" and doc[i].ent_iob_ == "I":
        i -= 1
    while j + 1 < len(doc) and doc[j + 1].ent_iob_ == "I":
        j += 1
    return any(any(c.isalpha() for c in t.text) for t in doc[i:j + 1])


def is_figure(span: Span, m: re.Match, data: dict) -> bool:
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
    if any(t.ent_type_ in NAME_LABELS and _named(t) for t in num_tokens) and not has_unit:
        return False
    prev = doc[first.i - 1] if first.i > 0 else None
    if prev is not None and not has_unit and data["_kind"] != "vague":
        # "Boeing 737", "iPhone 15", "S&P 500", "FTSE 100": a name, then its number
        after = doc[last.i + 1] if last.i + 1 < len(doc) else None
        counted = after is not None and after.pos_ in ("NOUN",) and after.tag_ == "NNS"
        name_like = prev.text[:1].isupper() and prev.is_alpha or not counted and (
            (prev.is_alpha and any(c.isupper() for c in prev.text))
            or bool(re.fullmatch(r"[A-Z][A-Z&.\-]*[A-Z]", prev.text)))
        capitalised_name = (name_like and not prev.is_sent_start
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
    if m.group("sign") is None and (low in ("one", "a", "an") or (
            data["_kind"] == "words" and low.split()[0] in ("a", "an") and len(low.split()) == 1)):
        # "one" is a figure only as a counted quantity ("one soldier", "one km")
        if not has_unit and not (first.dep_ == "nummod" and first.head.pos_ == "NOUN"
                                 and first.head.i > first.i):
            return False
    if data["_kind"] == "words" and not has_unit and nxt is not None and \
            nxt.lower_ == "of" and low in ("one",):
        return False
    if low == "one" and not has_unit and m.string[m.end("num"):m.end("num") + 1] == "-":
        return False  # "a one-off payment", "one-time", "one-sided"
    if data["_kind"] == "fraction" and not has_unit and not low.endswith("s") and low != "half" and \
            re.fullmatch(r"[a-z\s-]+", low) and not re.search(r" (?:in|out of|over) ", low):
        if nxt is not None and nxt.lower_ != "of" and (nxt.is_alpha or nxt.like_num):
            return False  # "a third term" is an ordinal; "one eighth." is a share
    if low == "half" and (nxt is None or nxt.lower_ not in ("of", "a", "an")):
        return False
    if data["_kind"] == "vague" and low in ("dozens", "scores") and \
            (nxt is None or nxt.lower_ != "of"):
        return False
    if first.ent_type_ in ("TIME",) and not has_unit and data["_kind"] != "fraction":
        return False
    return True
