"""``toolkit_figures``: the numbers of an article, with what they mean.

The component finds figures written in digits or words ("30 days", "1,300",
"3.5 million", "$2.5bn", "two-thirds", "a dozen", "hundreds of thousands",
"nearly 20%", "between 5 and 10 km") and writes them to
``doc.spans["figures"]`` (label = the figure type). ``span._.tk_figure`` holds
plain data:

``type``        count, percent, fraction, area, length, mass, volume, speed,
                money, duration, power, energy, temperature, date, and:
                age ("a 30-year-old", "aged 45", "Smith, 61,"), rate ("1.5
                million barrels a day"; money per unit stays money: "$90 a
                barrel" → unit "USD/bbl"), score ("won 2-1", "voted 7 to 2";
                value None), multiple ("three times as many", "doubled";
                unit "×"), magnitude ("a 7.1-magnitude quake"), angle
                ("90 degrees" when the sentence is not about temperature)
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

Also read: negative numbers ("-5C", "minus 40C", U+2212), vulgar and
slash fractions ("1½ hours", "1/4 inch", "2 1/2"), "half a million", "two
and a half miles", "one in five", compound measures ("5 ft 10 in"), and
no-break spaces ("200 km", "3 000"). Labels ("No. 10", "page 12", "round
two"), phone numbers and digit runs ("020 7946 0958", "1 2 3") are not
figures.

Years and dates come from the dates layer (``doc.spans["dates"]``) as figures
of type "date". Numbers that are part of names ("World War Three", "Article
5"), pronouns ("one another", "one of the ...") and ordinals are not figures.
"""

from __future__ import annotations

import bisect
import math
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
_SIMPLE1 = (rf"(?:{N.DIGITS}(?:{N.MULTIPLIER})?|{N.FRACTION}|{N.WORD_NUMBER}"
            rf"(?:\s+(?:hundred|thousand|million|billion|trillion))?)")
_UNIT = rf"(?:{U.UNIT_RE})"
#: Composite forms tried first: "half a million", "one in five", "two and a
#: half", "2 1/2", "1/3 of", "1/4 inch".
_COMPOSITE = (rf"(?:{N.FRACTION_OF_SCALE}|{N.AND_A_HALF}|{N.MIXED}|{N.ONE_IN}(?![\w.,]?\d)"
              rf"|\d{{1,2}}/\d{{1,2}}(?=\s+of\b|[\s-]?{_UNIT}(?![\w²³/])))")
_NUM1 = rf"(?:{_COMPOSITE}|{_SIMPLE1})"
_NUM = rf"(?:{N.VAGUE}|{_NUM1})"
_SIMPLE = rf"(?:{N.VAGUE}|{_SIMPLE1})"
_NUM2 = rf"(?:{N.DIGITS}(?:{N.MULTIPLIER})?|{N.WORD_NUMBER})"
_CUR = U.CURRENCY_PREFIX_RE
#: A sign: "-5C", "minus 40 degrees" (the text is scanned with U+2212 read as "-").
_SIGN = r"(?P<sign>(?:minus|negative)\s+|-(?=[\d.]))"
_HEAD = (rf"(?<![\w\-/.,$€£¥])"
         rf"(?:(?P<qual>{_QUAL})\s+)?"
         rf"(?:(?P<cur>{_CUR})\s?)?"
         rf"{_SIGN}?"
         rf"(?P<num>{_NUM})")
_RANGE = (rf"(?:[\s-]?(?P<unit1>{_UNIT})(?![\w²³/]))?"
          rf"(?:\s*(?P<sep>-\s*to|–|—|-|to|and)\s*(?:(?P<cur2>{_CUR})\s?)?(?P<num2>{_NUM2}))?")
_TAIL = (rf"(?:[\s-]?(?P<unit>{_UNIT})(?![\w²³/]))?"
         rf"(?P<post>\s+or\s+(?:more|so|fewer|less)|-?plus\b)?"
         rf"(?:\s+of\s+(?P<ofunit>{_UNIT})(?![\w²³/]))?"
         rf"(?![\w²³]|[.,/]\d|:\d)")
_TAIL_NO_OF = _TAIL.replace("(?P<ofunit>", "(?P<ofunit>(?!)")
_NO_RANGE = r"(?P<unit1>(?!))?(?P<sep>(?!))?(?P<cur2>(?!))?(?P<num2>(?!))?"
#: One figure, possibly a range ("between 5 and 10 km").
FIGURE_RE = re.compile(_HEAD + _RANGE + _TAIL, re.IGNORECASE)
#: The same without ranges, tried where a range reading failed ("30 percent
#: to 4.5 billion dollars" is two figures).
SINGLE_RE = re.compile(_HEAD + _NO_RANGE + _TAIL, re.IGNORECASE)
#: Without "of <unit>", tried where that reading failed ("20% of miles driven").
NO_OF_RE = re.compile(_HEAD + _RANGE + _TAIL_NO_OF, re.IGNORECASE)
#: Plain numbers only, no composite forms ("5 in 2 attacks" is the count 5).
SIMPLE_RE = re.compile(_HEAD.replace(f"(?P<num>{_NUM})", f"(?P<num>{_SIMPLE})") + _NO_RANGE
                       + _TAIL, re.IGNORECASE)
#: The bare number, without a unit ("5 c" where "c" is no unit).
BARE_RE = re.compile(_HEAD.replace(f"(?P<num>{_NUM})", f"(?P<num>{_SIMPLE})") + _NO_RANGE
                     + r"(?P<unit>(?!))?(?P<post>(?!))?(?P<ofunit>(?!))?(?![\w²³]|[.,/]\d|:\d)",
                     re.IGNORECASE)
#: Words before "X to Y" that make it a change, not a range ("rose from 5 to 10").
CHANGE_WORDS = {"by", "rose", "rise", "risen", "fell", "fall", "fallen", "grew", "grow",
                "grown", "increased", "increase", "decreased", "decrease", "dropped", "drop",
                "climbed", "jumped", "surged", "slipped", "declined", "decline", "cut",
                "raised", "lowered", "shrank", "shrunk", "doubled", "went", "changed",
                "up", "down", "soared", "plunged", "plummeted", "tumbled", "reduced"}
VAGUE_DURATION_RE = re.compile(r"(?<![\w-])(?:(?:several|many|a\s+few)\s+)?(?P<w>decades|centuries)\b",
                               re.IGNORECASE)

# -- special forms ------------------------------------------------------------------
#: Words naming a contest or a vote near "2-1" / "215-207", which make it a score.
SCORE_CUES = {"won", "win", "wins", "winning", "beat", "beats", "beating", "lost", "lose",
              "loses", "losing", "defeated", "defeat", "defeats", "drew", "draw", "draws",
              "drawn", "victory", "victories", "score", "scored", "scores", "scoreline", "led",
              "lead", "leads", "leading", "trailed", "trail", "trailing", "vote", "voted",
              "votes", "ruling", "ruled", "margin", "thrashed", "edged", "routed", "halftime",
              "half-time", "match", "game", "tie", "clash", "fixture", "final", "set", "sets",
              "innings", "decision", "upheld", "rejected", "approved", "passed", "triumph",
              "loss", "losses", "thrashing", "comeback", "equaliser", "equalizer", "goal",
              "goals", "points", "senate", "house", "jury", "court", "judges", "justices"}
SCORE_RE = re.compile(r"(?<![\w.,/:$€£¥-])(?P<a>\d{1,3})\s?[-–]\s?(?P<b>\d{1,3})"
                      r"(?![\w%°/-]|[.,:]\d|\s*(?:%|per\s*cent|percent))")
MAGNITUDE_RE = re.compile(r"\b(?:magnitude|Magnitude)[\s-](?P<num>\d{1,2}(?:\.\d{1,2})?)"
                          r"(?![\w.]?\d)")
_CMP = (r"as|more|less|fewer|higher|lower|larger|bigger|smaller|greater|faster|slower|the"
        r"|that|its|their|his|her|what|longer|shorter|heavier|lighter|cheaper|dearer|stronger"
        r"|weaker|deadlier|likelier|likely|worse|better|older|younger|wider|taller|deeper"
        r"|richer|poorer|bigger|costlier|above|over|normal|usual|average")
MULTIPLE_RE = re.compile(
    rf"(?<![\w-])(?:(?P<times>{N.DIGITS}|{N.WORD_NUMBER})[\s-]times(?=\s+(?:{_CMP})\b)"
    rf"|(?P<fold>{N.DIGITS}|{N.WORD_NUMBER})-?fold\b"
    rf"|(?P<twice>twice|thrice)(?=\s+(?:{_CMP})\b)"
    r"|(?P<verb>doubled|doubling|tripled|tripling|trebled|quadrupled|quadrupling|halved"
    r"|halving)\b)", re.IGNORECASE)
MULTIPLE_VERBS = {"doubl": 2, "tripl": 3, "trebl": 3, "quadrupl": 4, "halv": 0.5}
#: Two units in a row that make one measure: "5 ft 10 in", "2 hours 30 minutes".
COMPOUND_RE = re.compile(
    rf"(?<![\w.,\-])(?P<n1>\d+)\s?(?P<u1>{_UNIT})\s*,?\s+(?:and\s+)?(?P<n2>{N.DIGITS})\s?"
    rf"(?P<u2>{_UNIT}|in)(?![\w²³/])", re.IGNORECASE)
#: Words before a number that make it a label, not a quantity ("No. 10",
#: "page 12", "Route 66"), and the run of labels that may follow ("items 3, 4 and 5").
LABEL_WORDS = ("no|nos|number|numbers|item|items|page|pages|chapter|chapters|section|sections"
               "|article|articles|clause|clauses|paragraph|paragraphs|para|room|gate|platform"
               "|route|flight|line|level|stage|phase|round|game|episode|season|series|vol"
               "|volume|part|table|tables|figure|fig|step|grade|class|category|tier|channel"
               "|apartment|apt|suite|exit|highway|interstate|bus|track|seat|row|door|block"
               "|floor|ward|district|division|lot|bay|pier|terminal|lane|rule|amendment"
               "|resolution|version|model|exhibit|annex|appendix|verse|psalm|act|rank|ranked")
_SMALL_WORDS = ("one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen"
                "|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty")
#: Label words that take a number in words too ("round two", "No one").
WORD_LABELS = ("no|number|round|game|part|chapter|section|stage|phase|level|season|episode"
               "|article|page|series|volume|act|tier|grade")
LABEL_RE = re.compile(rf"\b(?:{LABEL_WORDS})\.?\s*#?\s*(?P<run>\d+[A-Za-z]?"
                      r"(?:\s*(?:,|and|or|&|-|–|to)\s*\d+[A-Za-z]?\b)*)"
                      rf"|\b(?:{WORD_LABELS})\s+(?P<wrun>(?:{_SMALL_WORDS})\b(?!-))",
                      re.IGNORECASE)
#: "voted 7 to 2", "ruled 6 to 3": a tally written with "to".
TALLY_RE = re.compile(r"\b(?:voted|votes?|ruled|ruling|won|wins|lost|beat|defeated|passed"
                      r"|rejected|approved|split|margin\s+of)\s+(?P<tally>\d{1,3}\s+to\s+\d{1,3})"
                      r"(?![\w%.,]\d|\s*(?:%|per\s*cent|percent)|\s+(?:[a-z]+)\b(?<!\bto\b))",
                      re.IGNORECASE)
METRE_VERBS = re.compile(r"\b(?:ran|run|runs|swam|swim|swims|sprinted|jumped|threw|walked"
                         r"|dived|hurled|climbed)\s+$", re.IGNORECASE)
#: Words after "100m" that make it metres, not millions ("the 100m sprint").
METRE_CONTEXT = re.compile(
    r"(?:-|\s+)(?:long|high|tall|deep|wide|away|below|above|underground|sprint|race|hurdles"
    r"|freestyle|butterfly|backstroke|breaststroke|medley|relay|dash|final|swim|run|metres?"
    r"|from|off|into|under|beneath|of\s+(?:water|snow|rain|sea|height|depth))\b", re.IGNORECASE)
HASH_RE = re.compile(r"#\s?\d+")
#: Digit groups run together like a phone number, an ID or a list: "020 7946
#: 0958", "4471-2290-18", "1 2 3", "192.168.1.1".
DIGIT_RUN_RE = re.compile(r"(?<![\w.,])\+?\(?\d+\)?(?:(?:[ .\-]\(?\d+\)?){2,}|(?:/\d+){2,})"
                          r"(?![\w]|[.,]\d)")
#: Money in trillions written with a capital T after a currency: "$2.1T".
TRILLIONS_RE = re.compile(rf"(?<![\w$€£¥])(?P<cur>{U.CURRENCY_PREFIX_RE})\s?(?P<num>{N.DIGITS})"
                          r"\s?(?:T|tn|trn)\b")
TEMPERATURE_CUES = re.compile(
    r"\b(?:temperatures?|heat|heatwaves?|hot|hotter|hottest|cold|colder|coldest|warm"
    r"|warmer|warmest|warming|heat\w*|cool|cooler|cooled|chilled|freez\w*|thermometers?"
    r"|thermostats?|mercury|weather|fever|boil\w*|oven"
    r"|frost|chill|degrees? (?:above|below) (?:zero|freezing)|highs?|lows?|forecast)\b",
    re.IGNORECASE)
PER_WORDS = {"capita": "person", "head": "person", "person": "person", "annum": "year",
             "share": "share", "unit": "unit", "household": "household"}
#: Units of a "per" rate that have a symbol of their own.
SPEEDS = {("km", "hour"): "km/h", ("mi", "hour"): "mph", ("m", "second"): "m/s"}
RATE_RE = re.compile(rf"\s*(?:a|an|per|each|every|/)\s*(?P<per>{_UNIT}|capita|head|person"
                     r"|annum|share|household)(?![\w²³/])"
                     r"(?!\s+(?:earlier|later|ago|before|after|back|previously|since))",
                     re.IGNORECASE)
AGE_RE = re.compile(r"s?[\s-]old\b", re.IGNORECASE)
#: Powers and scientific notation, one figure each: "10^100", "2.5x10^3", "1.2e-5".
POWER_RE = re.compile(r"(?<![\w.,^])(?P<m>-?\d+(?:\.\d+)?)(?:\s?[x×*]\s?10\s?\^\s?(?P<e1>[-+]?\d{1,4})"
                      r"|\s?\^\s?(?P<e2>[-+]?\d{1,4})|[eE](?P<e3>[-+]?\d{1,4}))(?![\w^]|[.,]\d)")
#: Digits with doubled or dangling separators ("1,,000", "3..5"): not a number
#: anyone can read a value from.
MALFORMED_RE = re.compile(r"(?<![\w.,])\d+(?:[,.]\d*)*[,.]{2,}\d[\d,.]*")


def scan_text(text: str) -> str:
    """``text`` with the same length, for the regular expressions: the minus
    sign (U+2212) read as "-", a no-break or thin space between digit groups
    ("3 000") read as a thousands comma, and other no-break spaces as spaces."""
    text = text.replace("\u2212", "-")
    text = re.sub(r"(?<=\d)[\u00a0\u202f\u2009](?=\d{3}(?!\d))", ",", text)
    return re.sub(r"[\u00a0\u202f\u2009\u2007]", " ", text)


#: ``Doc.has_annotation`` walks every token; its answers for the doc being
#: processed are kept here for the length of one call.
_ANNOTATED: dict[tuple[int, str], object] = {}


def sentence_of(span: Span) -> Span:
    """The sentence holding ``span`` (its first token), found by bisection over
    sentence starts computed once per doc: ``Span.sent`` walks back token by
    token, which is quadratic over many figures in one long sentence."""
    doc = span.doc
    key = (id(doc), "sents")
    if key not in _ANNOTATED:
        _ANNOTATED[key] = [s.start for s in doc.sents] + [len(doc)]
    starts = _ANNOTATED[key]
    k = bisect.bisect_right(starts, span.start) - 1
    return doc[starts[k]:starts[k + 1]]


def _has(doc: Doc, attr: str) -> bool:
    key = (id(doc), attr)
    if key not in _ANNOTATED:
        _ANNOTATED[key] = doc.has_annotation(attr)
    return _ANNOTATED[key]


class FigureExtractor:
    """Finds figures; see the module docstring."""

    def __init__(self, nlp: Language, name: str = "toolkit_figures"):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        _ANNOTATED.clear()
        try:
            self.set_annotations(doc, self.match(doc))
        finally:
            _ANNOTATED.clear()
        return doc

    # -- finding ------------------------------------------------------------
    def match(self, doc: Doc) -> list[tuple[Span, dict]]:
        """``(span, tk_figure data)`` for every figure, in text order."""
        text = scan_text(doc.text)
        # "two days later" is told from another event: its "two days" stays a
        # duration figure
        dates = [s for s in doc.spans.get("dates", [])
                 if (s._.tk_date or {}).get("kind") != "anaphoric"]
        date_chars = [(s.start_char, s.end_char) for s in dates]
        blocked = bytearray(len(text) + 1)  # 1 where a date or a label sits

        def block(start, end):
            blocked[start:end] = b"\x01" * (end - start)

        for start, end in date_chars:
            block(start, end)
        for m in MALFORMED_RE.finditer(text):
            block(m.start(), m.end())
        for start, end in _not_figures(text):
            if not _counts_after(doc, start, end):
                block(start, end)
        found: list[tuple[Span, dict]] = []

        def free(start, end):
            return not any(blocked[start:end])

        def add(start, end, data):
            span = doc.char_span(start, end, label=data["type"], alignment_mode="expand")
            if span is None:
                return False
            found.append((span, data))
            block(start, end)
            return True

        for start, end, data in _specials(text):
            if free(start, end):
                add(start, end, data)
        for m, data in _scan(text):
            start, end = _trim(m, data)
            if not free(start, end):
                continue
            span = doc.char_span(start, end, label=data["type"], alignment_mode="expand")
            if span is None or not _is_figure(span, m, data):
                continue
            if _appositive_age(span, data):
                data.update(type="age", unit="year")
                span.label_ = "age"
            if data["unit"] == "°" and TEMPERATURE_CUES.search(_context(span, text)):
                data["type"] = "temperature"
                span.label_ = "temperature"
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
            approx = data.get("rule") in ("part_year", "part_month", "season_year", "decade",
                                          "part_decade", "century")
            found.append((Span(doc, span.start, span.end, label="date"),
                          _figure("date", resolve_date(data, doc._.published), None, None,
                                  None, "approximate" if approx else "exact")))
        found.sort(key=lambda f: (f[0].start, -f[0].end))
        kept: list[tuple[Span, dict]] = []
        for span, data in found:
            if kept and span.start < kept[-1][0].end:
                continue
            kept.append((span, data))
        return kept

    # -- describing -----------------------------------------------------------
    def set_annotations(self, doc: Doc, matches: list[tuple[Span, dict]]) -> None:
        text = doc.text
        _link_conversions(doc, matches, text)
        _mark_peaks(doc, matches, text)
        source = _Sources(doc, list(doc.spans.get("quotes", [])))
        taken = {t.i for span, _ in matches for t in span}
        for span, data in matches:
            if data["type"] != "date":
                data["measures"] = data["measures"] or _measures(span, data, taken)
            data["source"] = data["source"] or source(span)
        # figures that only restate or compare with another take its facts
        by_sentence: dict[int, list] = {}
        if _has(doc, "SENT_START"):
            for span, data in matches:
                by_sentence.setdefault(sentence_of(span).start, []).append((span, data))
        for span, data in matches:
            if data["type"] == "date":
                continue
            if not data["measures"]:
                data["measures"] = _sibling_measures(span, data, by_sentence)
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


def _counts_after(doc: Doc, start: int, end: int) -> bool:
    """Whether a plural noun or a unit follows the numbers at ``start:end``:
    then they count it ("they will table 6 amendments", "took part two days
    later") and are no labels after all."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or span.end >= len(doc):
        return False
    nxt = doc[span.end]
    return nxt.tag_ == "NNS" or (nxt.is_alpha and nxt.text != "in"
                                 and U.normalise_unit(nxt.text) is not None)


def _appositive_age(span: Span, data: dict) -> bool:
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


def _context(span: Span, text: str) -> str:
    """The sentence of ``span`` (or 80 characters around it without one)."""
    if _has(span.doc, "SENT_START"):
        return sentence_of(span).text
    return text[max(0, span.start_char - 80):span.end_char + 80]


def _not_figures(text: str) -> list[tuple[int, int]]:
    """Stretches of text whose numbers are labels or identifiers: "No. 10",
    "items 3, 4 and 5", "#4", phone numbers and digit runs."""
    spans = []
    for m in LABEL_RE.finditer(text):
        group = "run" if m.group("run") else "wrun"
        if group == "wrun":
            spans.append((m.start(group), m.end(group)))
            continue
        after = text[m.end("run"):m.end("run") + 24]
        unit = re.match(rf"[\s-]?({_UNIT})(?![\w²³/])", after, re.IGNORECASE)
        if unit and U.normalise_unit(unit.group(1)):
            continue  # "line 5 km long": a measure after all
        if re.match(r"\s*(?:%|per\s*cent|percent)", after):
            continue
        spans.append((m.start("run"), m.end("run")))
    for rx in (HASH_RE, DIGIT_RUN_RE):
        spans += [(m.start(), m.end()) for m in rx.finditer(text)]
    return spans


def _specials(text: str) -> list[tuple[int, int, dict]]:
    """Figures with forms of their own, found before the general scan: scores,
    "magnitude 7.1", "5 ft 10 in", "three times as many", "doubled"."""
    out: list[tuple[int, int, dict]] = []
    for m in SCORE_RE.finditer(text):
        if _is_score(m, text):
            out.append((m.start(), m.end(), _figure("score", None, None, None, None, "exact")))
    for m in TALLY_RE.finditer(text):
        out.append((m.start("tally"), m.end("tally"),
                    _figure("score", None, None, None, None, "exact")))
    for m in TRILLIONS_RE.finditer(text):
        currency = U.CURRENCY_PREFIXES.get(m.group("cur"))
        value = N.parse_digits(m.group("num"))
        if currency and value is not None:
            value *= 1e12
            out.append((m.start(), m.end(), _figure("money", value, value, value, currency,
                                                    "exact")))
    for m in POWER_RE.finditer(text):
        out.append((m.start(), m.end(), _figure("count", _power(m), None, None, None, "exact")))
    for m in MAGNITUDE_RE.finditer(text):
        value = float(m.group("num"))
        out.append((m.start(), m.end(),
                    _figure("magnitude", value, value, value, "magnitude", "exact")))
    for m in COMPOUND_RE.finditer(text):
        data = _compound(m)
        if data is not None:
            start, qualifier = _qualifier_before(text, m.start())
            if qualifier != "exact":
                data = _figure(data["type"], float(data["value"]),
                               *_bounds_of(qualifier, data["value"]), data["unit"], qualifier)
            out.append((start, m.end(), data))
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
        out.append((start, m.end(), _figure("multiple", float(value),
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
            value = mantissa * 10.0 ** int(m.group("e1") or m.group("e3"))
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
    return _figure(U.unit_type(u1), float(value), value, value, u1, "exact")


def _qualifier_before(text: str, start: int) -> tuple[int, str]:
    m = re.search(rf"(?<![\w-])({_QUAL})\s+$", text[max(0, start - 30):start], re.IGNORECASE)
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
    unit = U.normalise_unit(unit_text) if unit_text else None
    if g["unit1"] and g["num2"] and not g["unit"]:
        unit = U.normalise_unit(g["unit1"])
    if g["unit1"] and U.normalise_unit(g["unit1"]) is None:
        return None
    if g["unit1"] and g["unit"] and not g["num2"]:
        return None  # "12% year on year": one unit per number
    if unit_text and unit is None:
        return None
    if metres:
        unit = "m"
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
    qual_word = (g["qual"] or "").lower()
    qualifier = QUALIFIER_OF.get(qual_word, "exact")
    value2 = None
    if g["num2"]:
        value2, kind2 = _number(g["num2"])
        sep = g["sep"].lower()
        sep = "to" if sep.endswith("to") else sep  # "8- to 16-metre"
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
        data_start = m.start("cur") if g["cur"] else (m.start("sign") if g["sign"]
                                                      else m.start("num"))
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
    if not unit and kind in ("digits", "words") and re.search(
            r"\b(?:aged|age|ages)\s+(?:of\s+)?$", text[max(0, m.start() - 12):m.start()],
            re.IGNORECASE):
        data.update(type="age", unit="year")  # "aged 45"
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
        start = m.start("cur") if m.group("cur") else (m.start("sign") if m.group("sign")
                                                       else m.start("num"))
    return start, data.get("_end") or m.end()


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
    if low in ("one", "a", "an") or (data["_kind"] == "words" and low.split()[0] in ("a", "an")
                                     and len(low.split()) == 1):
        # "one" is a figure only as a counted quantity ("one soldier", "one km")
        if not has_unit and not (first.dep_ == "nummod" and first.head.pos_ == "NOUN"
                                 and first.head.i > first.i):
            return False
    if data["_kind"] == "words" and not has_unit and nxt is not None and \
            nxt.lower_ == "of" and low in ("one",):
        return False
    if low == "one" and not has_unit and m.string[m.end("num"):m.end("num") + 1] == "-":
        return False  # "a one-off payment", "one-time", "one-sided"
    if data["_kind"] == "fraction" and not low.endswith("s") and low != "half" and \
            re.fullmatch(r"[a-z\s-]+", low) and " in " not in low:
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
def _link_conversions(doc: Doc, matches: list[tuple[Span, dict]], text: str | None = None) -> None:
    """"200 square kilometers (77 square miles)" / "..., or 77 square miles":
    the second restates the first; check that it agrees."""
    text = doc.text if text is None else text
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
def _mark_peaks(doc: Doc, matches: list[tuple[Span, dict]], text: str | None = None) -> None:
    """"1,300 km² at the height of the incursion": the closest figure in the
    sentence (counting a figure and its restatements as one) is a peak."""
    for cue in PEAK_RE.finditer(doc.text if text is None else text):
        cue_span = doc.char_span(cue.start(), cue.end(), alignment_mode="expand")
        if cue_span is None:
            continue
        sent = sentence_of(cue_span) if _has(doc, "SENT_START") else doc[:]
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
    if not _has(doc, "DEP"):
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
    ("a decrease from 1,300 km²") measures the same thing. ``matches`` maps
    each sentence start to the figures in that sentence."""
    if not _has(span.doc, "SENT_START") or not data["unit"]:
        return None
    sent = sentence_of(span)
    for other, odata in matches.get(sent.start, ()):
        if other is span or odata["type"] != data["type"] or not odata["measures"]:
            continue
        if odata.get("conversion_of") is None:
            return odata["measures"]
    return None


# -- who claims it ------------------------------------------------------------
class _Sources:
    """Who claims each figure of one doc, in time linear in its length: the
    quote holding it, "according to ..." in its sentence, or the subject of a
    reporting verb it depends on. Sentences and head chains are walked once
    and their answers kept."""

    def __init__(self, doc: Doc, quotes: list[Span]):
        self.doc = doc
        self.quotes = sorted(quotes, key=lambda q: (q.start, -q.end))
        self.quote_starts = [q.start for q in self.quotes]
        self.sents = _has(doc, "SENT_START")
        self.parsed = _has(doc, "DEP")
        self.according: dict[int, str | None] = {}
        self.reported: dict[int, str | None] = {}

    def __call__(self, span: Span) -> str | None:
        speaker = self._quoted(span)
        if speaker:
            return speaker
        if not self.sents:
            return None
        sent = sentence_of(span)
        if sent.start not in self.according:
            self.according[sent.start] = _according_to(sent)
        found = self.according[sent.start]
        if found is not _NOT_SAID:
            return found
        return self._reported(span.root) if self.parsed else None

    def _quoted(self, span: Span) -> str | None:
        k = bisect.bisect_right(self.quote_starts, span.start)
        # quotes do not nest deeply: look back over the few that start before
        for quote in reversed(self.quotes[max(0, k - 4):k]):
            if quote.start <= span.start and span.end <= quote.end:
                info = quote._.tk_quote or {}
                speaker = info.get("speaker") or info.get("speaker_text")
                if speaker:
                    return speaker
        return None

    def _reported(self, tok) -> str | None:
        """"The ministry said ... 200 ..." (reported speech the quotes layer
        missed): the subject of the first reporting verb up the head chain."""
        path = []
        answer = None
        while True:
            if tok.i in self.reported:
                answer = self.reported[tok.i]
                break
            if tok.head.i == tok.i:
                break
            path.append(tok.i)
            if tok.dep_ in ("ccomp", "parataxis") and tok.head.lemma_.lower() in REPORTING_VERBS:
                subj = [c for c in tok.head.children if c.dep_ == "nsubj"]
                if subj and subj[0].pos_ in ("PROPN", "NOUN"):
                    answer = _phrase(list(subj[0].subtree))
                break
            tok = tok.head
        for i in path:
            self.reported[i] = answer
        return answer


_NOT_SAID = object()


def _according_to(sent: Span):
    """"according to the Russian military, ...": who (None when the words
    after it give no name); _NOT_SAID when the sentence has no "according to"."""
    doc = sent.doc
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
    return _NOT_SAID
