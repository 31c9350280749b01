"""Reading figures: numbers, units, ranges and qualifiers found in text by the
patterns of :mod:`.figure_patterns`, each read into plain ``tk_figure`` data, and
the rules that tell a figure from a label, a score or a name."""

from __future__ import annotations

import bisect
import math
import re

from spacy.tokens import Doc, Span

from toolkit import units as U
from toolkit.pipeline import numbers as N
from toolkit.pipeline.figure_money import money_figures
from toolkit.pipeline.figure_patterns import (
    AGE_RE, BARE_RE, CHANGE_WORDS, COMPOUND_RE, DIGIT_RUN_RE, FIGURE_RE, HASH_RE, LABEL_RE,
    MAGNITUDE_RE, METRE_CONTEXT, METRE_VERBS, MONTH_WORDS, MULTIPLE_RE, MULTIPLE_VERBS,
    MONEY_CUES, NAME_LABELS, NO_OF_RE, PER_WORDS, POST_QUALIFIERS, POWER_RE, QUALIFIER_OF, RATE_RE,
    SCORE_CUES, SCORE_RE, SIMPLE_RE, SINGLE_RE, SPEEDS, TALLY_RE, TRILLIONS_RE, QUAL_WORDS, UNIT_WORDS,
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
    """The sentence holding ``span`` (its first token), found by bisection over
    sentence starts computed once per doc: ``Span.sent`` walks back token by
    token, which is quadratic over many figures in one long sentence."""
    doc = span.doc
    key = (id(doc), "sents")
    if key not in DOC_FACTS:
        DOC_FACTS[key] = [s.start for s in doc.sents] + [len(doc)]
    starts = DOC_FACTS[key]
    k = bisect.bisect_right(starts, span.start) - 1
    return doc[starts[k]:starts[k + 1]]


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
    if unit == "year" and data["type"] == "duration":
        age = AGE_RE.match(text, end)
        if age:
            data.update(type="age", _end=age.end())
            return
    if not unit or "/" in unit or unit in ("%", "pp", "bp", "°", "°C", "°F", "magnitude"):
        return
    rate = RATE_RE.match(text, end)
    if not rate:
        return
    per_word = rate.group("per").lower()
    per = PER_WORDS.get(per_word) or U.normalise_unit(rate.group("per"))
    if per is None or per == unit:
        return
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
    for rx in (HASH_RE, DIGIT_RUN_RE):
        spans += [(m.start(), m.end()) for m in rx.finditer(text)]
    return spans


def special_figures(text: str) -> list[tuple[int, int, dict]]:
    """Figures with forms of their own, found before the general scan: scores,
    "magnitude 7.1", "5 ft 10 in", "three times as many", "doubled"."""
    out: list[tuple[int, int, dict]] = []
    for m in SCORE_RE.finditer(text):
        if _is_score(m, text):
            out.append((m.start(), m.end(), make_figure("score", None, None, None, None, "exact")))
    for m in TALLY_RE.finditer(text):
        out.append((m.start("tally"), m.end("tally"),
                    make_figure("score", None, None, None, None, "exact")))
    for m in TRILLIONS_RE.finditer(text):
        currency = U.CURRENCY_PREFIXES.get(m.group("cur"))
        value = N.parse_digits(m.group("num"))
        if currency and value is not None:
            value *= 1e12
            out.append((m.start(), m.end(), make_figure("money", value, value, value, currency,
                                                    "exact")))
    for m in POWER_RE.finditer(text):
        unit = _unit(m.group("unit")) if m.group("unit") else None
        if m.group("unit") and unit is None:
            continue
        value = _power(m)
        out.append((m.start(), m.end(), make_figure(U.unit_type(unit) or "count", value, value,
                                                    value, unit, "exact")))
    for m in MAGNITUDE_RE.finditer(text):
        value = float(m.group("num"))
        out.append((m.start(), m.end(),
                    make_figure("magnitude", value, value, value, "magnitude", "exact")))
    for m in COMPOUND_RE.finditer(text):
        data = _compound(m)
        if data is not None:
            start, qualifier = _qualifier_before(text, m.start())
            if qualifier != "exact":
                data = make_figure(data["type"], float(data["value"]),
                               *_bounds_of(qualifier, data["value"]), data["unit"], qualifier)
            out.append((start, m.end(), data))
    out += money_figures(text, make_figure)
    for m in re.finditer(N.DIGIT_CHAIN, text, re.IGNORECASE):
        value = N.parse_word_number(m.group(0))
        if value is not None:
            out.append((m.start(), m.end(), make_figure("count", value, value, value, None,
                                                        "exact")))
    for m in MULTIPLE_RE.finditer(text):
        written = m.group("times") or m.group("fold")
        if written:
            value = N.parse_number(written)
        elif m.group("twice"):
            value = 2.0 if m.group("twice").lower() == "twice" else 3.0
        else:
            verb = m.group("verb").lower()
            value = next(v for k, v in MULTIPLE_VERBS.items() if verb.startswith(k))
        if value is None:
            continue
        start, qualifier = _qualifier_before(text, m.start())  # "more than doubled"
        out.append((start, m.end(), make_figure("multiple", float(value),
                                            *_bounds_of(qualifier, value), "×", qualifier)))
    out.sort(key=lambda f: (f[0], -(f[1] - f[0])))
    return out


def _power(m: re.Match) -> float | None:
    """The value of a POWER_RE match; None when it is beyond a float."""
    mantissa = float(m.group("m"))
    try:
        if m.group("e2") is not None:
            value = mantissa ** int(m.group("e2"))
        else:
            value = mantissa * 10.0 ** int(m.group("e1") or m.group("e3") or m.group("e4"))
    except (OverflowError, ZeroDivisionError):
        return None
    return value if math.isfinite(value) else None


def _is_score(m: re.Match, text: str) -> bool:
    """"won 2-1", "the 5-4 ruling", "passed 215-207": two counts joined by a
    dash in a sentence about a contest or a vote, with no unit after."""
    after = text[m.end():m.end() + 30]
    nxt = re.match(r"\s*([A-Za-z]+)", after)
    if nxt and U.normalise_unit(nxt.group(1)) is not None:
        return False
    start = max(text.rfind(". ", 0, m.start()), text.rfind("\n", 0, m.start()), -1) + 1
    stop = [i for i in (text.find(". ", m.end()), text.find("\n", m.end())) if i >= 0]
    sentence = text[start:min(stop) if stop else len(text)]
    words = {w.lower() for w in re.findall(r"[A-Za-z][A-Za-z-]*", sentence)}
    if not words & SCORE_CUES:
        return False
    # "aged 18-24", "5-10 people" stay ranges: a counted noun follows
    if nxt and nxt.group(1).lower() not in SCORE_CUES and \
            nxt.group(1).lower() not in _FUNCTION_WORDS and not nxt.group(1)[0].isupper():
        return False
    return True


_FUNCTION_WORDS = {"a", "an", "the", "on", "at", "in", "against", "over", "with", "after",
                   "to", "and", "but", "for", "from", "by", "of", "as", "before", "thanks",
                   "when", "while", "despite", "since", "into", "win", "lead", "in", "away",
                   "home", "victory", "defeat", "draw", "loss", "scoreline", "majority",
                   "vote", "decision", "ruling", "verdict", "result", "triumph", "aggregate",
                   "margin", "split", "or", "so", "that", "which", "who", "this", "last",
                   "first", "second", "late", "early", "overtime", "extra", "penalties"}


def _compound(m: re.Match) -> dict | None:
    u1 = U.normalise_unit(m.group("u1"))
    u2 = "in" if m.group("u2").lower() == "in" else U.normalise_unit(m.group("u2"))
    if u2 == "in" and u1 != "ft":
        return None
    if not u1 or not u2 or u1 == u2 or not U.convertible(u1, u2):
        return None
    n1, n2 = N.parse_digits(m.group("n1")), N.parse_digits(m.group("n2"))
    if n1 is None or n2 is None:
        return None
    per = U.convert(1.0, u1, u2)
    if per <= 1 or n2 >= per:  # "5 ft 10 in": the second unit is smaller, and under one
        return None
    value = n1 + U.convert(n2, u2, u1)
    return make_figure(U.unit_type(u1), float(value), value, value, u1, "exact")


def _qualifier_before(text: str, start: int) -> tuple[int, str]:
    m = re.search(rf"(?<![\w-])({QUAL_WORDS})\s+$", text[max(0, start - 30):start], re.IGNORECASE)
    if not m:
        return start, "exact"
    qualifier = QUALIFIER_OF.get(m.group(1).lower(), "exact")
    if qualifier == "range":
        return start, "exact"
    return start - (len(m.group(0))), qualifier


def _bounds_of(qualifier: str, value):
    if qualifier == "less-than":
        return None, value
    if qualifier == "more-than":
        return value, None
    if qualifier == "exact":
        return value, value
    return None, None


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
                text[max(0, m.start() - 16):m.start()])):
        value, metres = value / 1_000_000, True  # "the 100m sprint", "a 30m-high wave"
    if g["sign"]:
        if kind in ("vague", "fraction") and not re.match(r"[\d.]", num_text):
            return None
        value = -value
    if g["ofunit"] and (kind != "vague" or g["unit"] or g["unit1"]):
        return None  # only "millions of dollars", "hundreds of kilometres"
    unit_text = g["unit"] or (g["unit1"] if not g["num2"] else None) or g["ofunit"]
    unit = _unit(unit_text) if unit_text else None
    if g["unit1"] and g["num2"] and not g["unit"]:
        unit = _unit(g["unit1"])
    if g["unit1"] and _unit(g["unit1"]) is None:
        return None
    if g["unit1"] and g["unit"] and not g["num2"]:
        return None  # "12% year on year": one unit per number
    if unit_text and unit is None:
        return None
    if metres:
        unit = "m"
    if unit == "lb" and (_scale_of(num_text) or MONEY_CUES.search(text[max(0, m.start() - 60):m.start()])):
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
        if g["unit1"] and g["unit"] and _unit(g["unit1"]) != _unit(g["unit"]):
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


def _unit(written: str) -> str | None:
    """The symbol of a unit as matched ("in" only matches where it means inches)."""
    return "in" if written == "in" else U.normalise_unit(written)


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
