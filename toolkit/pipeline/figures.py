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
                ("90 degrees" when the sentence is not about temperature),
                frequency ("2.8 GHz") and measure (any other unit written as
                an SI symbol pint knows: "14 mGy", "20 J/m^2")
``value``       the number (None for ranges and vague magnitudes)
``low/high``    the bounds the text allows ("less than 200" → high 200; "more than
                10 and less than 40" → 10 and 40)
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

This module holds the component; the work is split by concern:
:mod:`.figure_patterns` (the vocabulary and regular expressions),
:mod:`.figure_reading` (reading numbers, units and qualifiers),
:mod:`.figure_special` (scores, powers, multiples, uncertainties: forms of their own),
:mod:`.figure_money` (money in forms of its own: "3 dollars 50 cents", "30 MUSD"),
:mod:`.figure_conversions` (restatements in other units, checked with pint) and
:mod:`.figure_links` (what a figure measures, peaks, who claims it).
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span

from toolkit import units as U
from toolkit.pipeline import extensions  # noqa: F401  (registers attributes)
from toolkit.pipeline.date_resolution import resolve_date
from toolkit.pipeline.figure_patterns import (
    MALFORMED_RE, ONE_DURATION_RE, TEMPERATURE_CUES, URL_RE, VAGUE_DURATION_RE,
)
from toolkit.pipeline.figure_reading import (
    DOC_FACTS, appositive_age, sentence_text, counts_after, make_figure, is_figure,
    not_figures, scan_figures, trimmed, scan_text,
)
from toolkit.pipeline.figure_special import special_figures
from toolkit.pipeline.figure_conversions import link_conversions
from toolkit.pipeline.figure_links import SiblingMeasures, Sources, mark_peaks, measures_of


#: A scale letter glued to the digits, with no degree sign: "40C", "13F".
GLUED_SCALE_RE = re.compile(r"\d[CF]$")


#: structure labels whose numbers are no figures ("KYIV, March 3 (AP) -", "Photo: ...")
_FURNITURE = frozenset({"byline", "dateline", "credit"})


class FigureExtractor:
    """Finds figures; see the module docstring."""

    def __init__(self, nlp: Language, name: str = "toolkit_figures"):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        DOC_FACTS.clear()
        try:
            self.set_annotations(doc, self.match(doc))
        finally:
            DOC_FACTS.clear()
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
        urls = [(m.start(), m.end()) for m in URL_RE.finditer(text)]
        for start, end in [(m.start(), m.end()) for m in MALFORMED_RE.finditer(text)] + urls:
            block(start, end)
        for start, end in not_figures(text):
            if not counts_after(doc, start, end):
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

        for start, end, data in special_figures(text):
            if free(start, end):
                add(start, end, data)
        for m, data in scan_figures(text):
            start, end = trimmed(m, data)
            if not free(start, end):
                continue
            span = doc.char_span(start, end, label=data["type"], alignment_mode="expand")
            if span is None or not is_figure(span, m, data):
                continue
            if appositive_age(span, data):
                data.update(type="age", unit="year")
                span.label_ = "age"
            if data["unit"] in ("°C", "°F") and GLUED_SCALE_RE.search(span.text) and \
                    (data["value"] or 0) >= 0 and not TEMPERATURE_CUES.search(
                        sentence_text(span, text)):
                continue  # "a 777F freighter", "the 13F filing": a model name, no heat
            if data["unit"] == "°" and TEMPERATURE_CUES.search(sentence_text(span, text)):
                data["type"] = "temperature"
                span.label_ = "temperature"
            found.append((span, data))
        taken = bytearray(len(doc) + 1)
        for span, _ in found:
            taken[span.start:span.end] = b"\x01" * len(span)
        for m in VAGUE_DURATION_RE.finditer(text):
            if not m.group("q") and m.group("w").lower() not in ("decades", "centuries"):
                continue  # "the early days": no length is claimed
            span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
            if span is None or any(taken[span.start:span.end]) or not free(m.start(), m.end()):
                continue
            taken[span.start:span.end] = b"\x01" * len(span)
            unit = U.normalise_unit(m.group("w"))
            found.append((Span(doc, span.start, span.end, label="duration"),
                          make_figure("duration", None, 2.0, None, unit, "vague")))
        for m in ONE_DURATION_RE.finditer(text):
            span = doc.char_span(m.start("a"), m.end(), alignment_mode="expand")
            if span is None or any(taken[span.start:span.end]) or not free(m.start("a"), m.end()):
                continue
            taken[span.start:span.end] = b"\x01" * len(span)
            word = m.group("w").lower()
            value, unit = (2.0, "week") if word == "fortnight" else (1.0, U.normalise_unit(word))
            found.append((Span(doc, span.start, span.end, label="duration"),
                          make_figure("duration", value, value, value, unit, "exact")))
        in_url = bytearray(len(text) + 1)  # 1 inside a web address
        for u0, u1 in urls:
            in_url[u0:u1] = b"\x01" * (u1 - u0)
        for span in dates:
            data = span._.tk_date or {}
            if not re.search(r"\d", span.text) or in_url[span.start_char]:
                continue  # (a date in a web address)
            approx = data.get("rule") in ("part_year", "part_month", "season_year", "decade",
                                          "part_decade", "century")
            found.append((Span(doc, span.start, span.end, label="date"),
                          make_figure("date", resolve_date(data, doc._.published), None, None,
                                  None, "approximate" if approx else "exact")))
        # bylines, datelines and credits are furniture, not facts of the story
        furniture = bytearray(len(doc) + 1)
        for item in doc.spans.get("structure", []):
            if item.label_ in _FURNITURE:
                furniture[item.start:item.end] = b"\x01" * len(item)
        found = [f for f in found if not furniture[f[0].start]]
        found.sort(key=lambda f: (f[0].start, -f[0].end))
        kept: list[tuple[Span, dict]] = []
        for span, data in found:
            if kept and span.start < kept[-1][0].end:
                continue
            kept.append((span, data))
        return join_bounds(doc, kept, text)

    # -- describing -----------------------------------------------------------
    def set_annotations(self, doc: Doc, matches: list[tuple[Span, dict]]) -> None:
        text = doc.text
        link_conversions(doc, matches, text)
        mark_peaks(doc, matches, text)
        source = Sources(doc, list(doc.spans.get("quotes", [])))
        taken = {t.i for span, _ in matches for t in span}
        for span, data in matches:
            if data["type"] != "date":
                data["measures"] = data["measures"] or measures_of(span, data, taken)
            data["source"] = data["source"] or source(span)
        # figures that only restate or compare with another take its facts
        siblings = SiblingMeasures(doc, matches)
        for order, (span, data) in enumerate(matches):
            if data["type"] == "date":
                continue
            if not data["measures"]:
                data["measures"] = siblings(span, data)
                siblings.learned(order, span, data)
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


_BOUND_JOIN = re.compile(r"\s*,?\s*(?:and|but)?\s+|\s*,\s*")


def join_bounds(doc: Doc, found: list[tuple[Span, dict]], text: str) -> list[tuple[Span, dict]]:
    """"more than 10 and less than 40", "at most 100 and at least 20": a lower
    and an upper bound of the same kind side by side are one range; a bare
    number joined by "and"/"or" to a measure shares its unit ("45 and 50 mg")."""
    out: list[tuple[Span, dict]] = []
    for span, data in found:
        if out:
            prev, pdata = out[-1]
            bounds = {pdata["qualifier"], data["qualifier"]}
            # "more than 10 and less than 40 mg": the unit of the second serves both
            same_kind = (pdata["type"], pdata["unit"]) in ((data["type"], data["unit"]),
                                                           ("count", None))
            if bounds == {"more-than", "less-than"} and data["type"] != "date" and same_kind and \
                    _BOUND_JOIN.fullmatch(text, prev.end_char, span.start_char):
                low, high = ((pdata["value"], data["value"]) if pdata["qualifier"] == "more-than"
                             else (data["value"], pdata["value"]))
                if low is not None and high is not None and low < high:
                    joined = Span(doc, prev.start, span.end, label=data["type"])
                    out[-1] = (joined, make_figure(data["type"], None, float(low), float(high),
                                                   data["unit"], "range"))
                    continue
            if pdata["type"] == "count" and pdata["unit"] is None and data["unit"] and \
                    pdata["qualifier"] == data["qualifier"] == "exact" and \
                    data["type"] not in ("date", "money") and \
                    _SHARED_UNIT.fullmatch(text, prev.end_char, span.start_char):
                pdata.update(type=data["type"], unit=data["unit"])  # "45 and 50 mg"
                prev.label_ = data["type"]
        out.append((span, data))
    return out


_SHARED_UNIT = re.compile(r"\s+(?:and|or)\s+")


FIGURE_KEYS = ("type", "value", "low", "high", "unit", "qualifier", "measures", "source",
               "conversion_of", "consistent")


@Language.factory("toolkit_figures", assigns=["doc.spans"],
                  requires=["token.dep", "doc.ents"])
def make_figure_extractor(nlp: Language, name: str) -> FigureExtractor:
    """The ``toolkit_figures`` component (add it after 'toolkit_quotes')."""
    return FigureExtractor(nlp, name)
