"""Reading numbers written in digits or words: "1,300", "3.5 million",
"twenty-five", "a dozen", "two-thirds", "hundreds of thousands".

Everything here is plain Python on strings; the spaCy components call it on the
text of a match. General English number vocabulary only.
"""

from __future__ import annotations

import math
import re

UNITS_WORDS = {
    "zero": 0, "nought": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
TENS_WORDS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}
SCALE_WORDS = {
    "hundred": 100, "thousand": 1_000, "lakh": 100_000, "lakhs": 100_000,
    "million": 1_000_000, "crore": 10_000_000, "crores": 10_000_000,
    "billion": 1_000_000_000, "trillion": 1_000_000_000_000,
}
#: Abbreviated multipliers written after digits ("2.5bn", "$10m", "5k").
SCALE_ABBREV = {
    "k": 1_000, "thousand": 1_000, "m": 1_000_000, "mn": 1_000_000, "mln": 1_000_000,
    "million": 1_000_000, "b": 1_000_000_000, "bn": 1_000_000_000,
    "bln": 1_000_000_000, "billion": 1_000_000_000, "tn": 1_000_000_000_000,
    "tln": 1_000_000_000_000, "trn": 1_000_000_000_000,
    "trillion": 1_000_000_000_000, "lakh": 100_000, "lakhs": 100_000,
    "crore": 10_000_000, "crores": 10_000_000, "dozen": 12, "dozens": 12, "hundred": 100,
    "mil": 1_000_000, "mm": 1_000_000,
}
#: Single-character ("vulgar") fractions: "½", "1½".
VULGAR = {"½": 1 / 2, "⅓": 1 / 3, "⅔": 2 / 3, "¼": 1 / 4, "¾": 3 / 4, "⅕": 1 / 5,
          "⅖": 2 / 5, "⅗": 3 / 5, "⅘": 4 / 5, "⅙": 1 / 6, "⅚": 5 / 6, "⅛": 1 / 8,
          "⅜": 3 / 8, "⅝": 5 / 8, "⅞": 7 / 8}
_VULGAR = "[" + "".join(VULGAR) + "]"
#: Characters that write a minus sign.
MINUS_SIGNS = "-\u2212\u2013"
FRACTION_WORDS = {
    "half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4,
    "fourth": 4, "fourths": 4, "fifth": 5, "fifths": 5, "sixth": 6, "sixths": 6,
    "seventh": 7, "sevenths": 7, "eighth": 8, "eighths": 8, "ninth": 9,
    "ninths": 9, "tenth": 10, "tenths": 10,
}
# the other ordinals that name a part: "eleventh" ... "nineteenth", "twentieth" ...
# "ninetieth", "hundredth", "thousandth", "millionth", "billionth", "trillionth"
for _word, _n in (("eleventh", 11), ("twelfth", 12), ("thirteenth", 13), ("fourteenth", 14),
                  ("fifteenth", 15), ("sixteenth", 16), ("seventeenth", 17),
                  ("eighteenth", 18), ("nineteenth", 19), ("twentieth", 20),
                  ("thirtieth", 30), ("fortieth", 40), ("fiftieth", 50), ("sixtieth", 60),
                  ("seventieth", 70), ("eightieth", 80), ("ninetieth", 90),
                  ("hundredth", 100), ("thousandth", 1_000), ("millionth", 1_000_000),
                  ("billionth", 1_000_000_000), ("trillionth", 1_000_000_000_000)):
    FRACTION_WORDS[_word] = FRACTION_WORDS[_word + "s"] = _n
# compound ordinals name a part too: "one twenty-fifth", "three twenty-firsts"
# ("second" is left out: "twenty seconds" is a time)
for _tens, _t in (("twenty", 20), ("thirty", 30), ("forty", 40), ("fifty", 50), ("sixty", 60),
                  ("seventy", 70), ("eighty", 80), ("ninety", 90)):
    for _unit, _u in (("first", 1), ("third", 3), ("fourth", 4), ("fifth", 5), ("sixth", 6),
                      ("seventh", 7), ("eighth", 8), ("ninth", 9)):
        for _sep in ("-", " "):
            FRACTION_WORDS[_tens + _sep + _unit] = FRACTION_WORDS[_tens + _sep + _unit + "s"] = \
                _t + _u
#: Plural magnitude words used vaguely ("hundreds", "millions", "dozens").
VAGUE_WORDS = {
    "dozens": 12, "scores": 20, "tens": 10, "hundreds": 100, "thousands": 1_000,
    "millions": 1_000_000, "billions": 1_000_000_000, "trillions": 1_000_000_000_000,
}

# Regular-expression fragments the components reuse --------------------------
_W = r"(?:%s)" % "|".join(sorted(list(UNITS_WORDS) + list(TENS_WORDS), key=len, reverse=True))
_S = r"(?:hundred|thousand|lakhs?|million|crores?|billion|trillion)"
#: A group of unit and tens words: "twenty-five", "fifty - two", "twenty one".
_GROUP = rf"(?:{_W}(?:(?:\s*-\s*|\s+)(?:{_W})(?![\w-]))*)"
#: Scale words after a group, with an optional "and": "hundred and", "lakh crore".
_SCALES = rf"(?:\s+(?:{_S}|dozens?\b(?!\s+of\b)))+(?:\s+and(?=\s+(?:{_W})\b))?"
#: A number in words: "twenty-five", "three hundred and fifty", "a dozen",
#: "a million", "two million", "twenty-one trillion and three hundred" ("and"
#: only after a scale word: "ten and fifteen" is two numbers).
#: (Scale runs and groups alternate: "(scales (group)?)*" let a run of scale words
#: be cut between repetitions in exponentially many ways when no match follows.)
WORD_NUMBER = (rf"(?:{_GROUP}(?:{_SCALES}\s+{_GROUP})*(?:{_SCALES})?"
               rf"|(?:a|an|one)\s+(?:dozen|{_S})(?:\s+(?:{_S}))*(?:\s+(?:and\s+)?(?:{_GROUP}))?)")
#: Digits: "1,300", "3.5", "20", "0.75", "12,34,567.89" (Indian grouping).
DIGITS = (rf"(?:\d*{_VULGAR}|\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d{{1,2}},\d{{2}},\d{{3}}"
          rf"(?:,\d{{2}})*(?:,\d{{3}})?(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)")
#: A multiplier after digits: "3.5 million", "2.5bn", "$10m", "3 dozens", "322 hundred".
MULTIPLIER = (r"(?:\s?(?:hundred|thousand|million|billion|trillion|lakhs?|crores?"
              r"|dozens?(?!\s+of\b))\b|\s?(?:bn|mn|mln|bln|tn|tln|trn)\b|(?:m|k|b|mil)\b|(?-i:MM)\b|\s{1,2}k(?=\s*(?:[.,;:!?)]|$)))")
#: The parts a fraction's name can be cut into: "thirds", "a fifth", "hundredths".
DENOMINATOR = "(?:" + "|".join(sorted(FRACTION_WORDS, key=len, reverse=True)) + r")(?![\w-])"
#: A fraction in words: "two-thirds", "a third", "half", "three quarters",
#: "one eighth", "twenty-three fifths", "a hundredth".
FRACTION = (rf"(?:(?:{WORD_NUMBER}|a|an)(?:\s*-\s*|\s+){DENOMINATOR}|half)")
#: A fraction of a scale word: "half a million", "a quarter of a million",
#: "half a dozen", "three quarters of a billion".
FRACTION_OF_SCALE = (rf"(?:(?:{FRACTION})\s+(?:of\s+)?(?:a|an|one)\s+(?:dozen|{_S})"
                     r"|(?:a\s+)?(?:half|quarter)\s+(?:million|billion|trillion)\b"
                     rf"|(?:{_W}\s+)?(?:halves|half|thirds?|quarters?)\s+(?:{_S})\b)")
#: "one in five", "1 in 10", "one out of three", "1 over 3": a share written as a ratio.
ONE_IN = (rf"(?:(?:{_W}|\d{{1,3}})\s+(?:in|out\s+of)\s+(?:{WORD_NUMBER}|\d{{1,4}})"
          rf"|(?:{WORD_NUMBER}|\d{{1,4}})\s+over\s+(?:{WORD_NUMBER}|\d{{1,4}})(?![\w-]|\s+[A-Za-z]))")
#: A whole number and a fraction: "two and a half", "1 and a half million",
#: "five and a quarter", "three and one fourth", "3 million and a quarter",
#: "one billion and a half million".
AND_A_HALF = (rf"(?:(?:{WORD_NUMBER}|\d{{1,3}}(?:\.\d+)?(?:\s+{_S})?)\s+and\s+"
              rf"(?:a|an|{_W})(?:\s*-\s*|\s+){DENOMINATOR}(?:\s+{_S})?)")
#: A whole number and a fraction: "2 1/2".
MIXED = r"(?:\d{1,3}\s{1,2}\d{1,2}/\d{1,2}(?![\d/]))"
#: Decimals read out: "five point five", "two hundred point zero three".
POINT = rf"(?:{WORD_NUMBER}\s+point(?:(?:\s*-\s*|\s+)(?:{_W}))+)"
#: Digits and scale words in a chain: "4 thousand 3 hundred and 21", "6 crore
#: and two hundred" (read by :func:`parse_word_number`, which refuses a chain
#: whose scales do not fall: "3 hundred and 2 hundred" is two numbers).
DIGIT_CHAIN = (rf"(?<![\w.,])\d{{1,3}}(?:\.\d+)?\s+{_S}(?:(?:\s+and)?\s+(?:\d{{1,3}}(?![\d.,])"
               rf"|{_GROUP})(?:\s+{_S})?)+(?![\w-])")
#: Vague magnitudes: "hundreds of thousands", "tens of millions", "millions".
VAGUE = (r"(?:(?:tens|hundreds|dozens|scores)\s+of\s+(?:thousands|millions|billions)"
         r"|(?:a\s+few|several|a\s+couple\s+of|many)\s+(?:hundred|thousand|million|billion)"
         r"(?![\w-])|dozens|scores|hundreds|thousands|millions|billions|trillions)")


def parse_digits(text: str) -> float | None:
    """``"1,300"`` → 1300.0; ``"3.5"`` → 3.5; ``"1½"`` → 1.5; None when it is
    not a number."""
    text = text.replace(",", "").strip()
    extra = 0.0
    if text and text[-1] in VULGAR:
        extra, text = VULGAR[text[-1]], text[:-1]
        if not text:
            return extra
    try:
        value = float(text) + extra
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def parse_word_number(text: str) -> float | None:
    """``"twenty-five"`` → 25; ``"three hundred and fifty"`` → 350;
    ``"a dozen"`` → 12; ``"two million"`` → 2e6; ``"three lakh crore"`` → 3e12;
    ``"two hundred point zero three"`` → 200.03. None when not a number."""
    low = text.lower().strip()
    if " point " in f" {low} ":
        whole, _, decimals = low.partition(" point ")
        value = parse_word_number(whole)
        digits = [w for w in re.split(r"[\s-]+", decimals) if w]
        if value is None or not digits:
            return None
        if all(UNITS_WORDS.get(w, 10) < 10 for w in digits):
            tail = "".join(str(UNITS_WORDS[w]) for w in digits)
        else:
            part = parse_word_number(decimals)
            if part is None or not float(part).is_integer():
                return None
            tail = str(int(part))
        return value + float("0." + tail)
    words = [w for w in re.split(r"[\s-]+", low) if w and w != "and"]
    if not words:
        return None
    total, current, seen, last_scale = 0.0, 0.0, False, 0
    for i, word in enumerate(words):
        if word in ("a", "an") and i == 0 and len(words) > 1:
            current = 1
            continue
        if re.fullmatch(r"\d+(?:\.\d+)?", word):  # "4 thousand 3 hundred and 21"
            current += float(word)
        elif word in UNITS_WORDS:
            current += UNITS_WORDS[word]
        elif word in TENS_WORDS:
            current += TENS_WORDS[word]
        elif word in ("dozen", "dozens"):
            current = (current or 1) * 12
        elif word in SCALE_WORDS:
            scale = SCALE_WORDS[word]
            if (scale == 100 and current >= 100) or (
                    scale > 100 and current and total and scale >= last_scale):
                return None  # "3 hundred and 2 hundred": two numbers, not one
            if scale == 100:
                current = (current or 1) * 100
            elif not current and total and scale > last_scale:
                total *= scale  # "three lakh crore", "a hundred thousand million"
                last_scale = scale
            else:
                total += (current or 1) * scale
                current, last_scale = 0, scale
        else:
            return None
        seen = True
    return total + current if seen else None


def parse_number(text: str) -> float | None:
    """Any single number: digits with an optional multiplier ("2.5bn",
    "3.5 million") or words ("twenty-five", "a dozen")."""
    text = text.strip()
    bare = re.fullmatch(r"(?:a\s+)?(half|quarter)\s+(million|billion|trillion)", text, re.IGNORECASE)
    if bare:  # "half million", "a quarter billion"
        return (0.5 if bare.group(1).lower() == "half" else 0.25) * SCALE_WORDS[bare.group(2).lower()]
    composite = re.fullmatch(rf"({FRACTION})\s+(?:of\s+)?((?:a|an|one)\s+\w+)", text,
                             re.IGNORECASE)
    half = re.fullmatch(rf"(.+?)\s+and\s+((?:a|an|{_W})(?:\s*-\s*|\s+){DENOMINATOR})"
                        rf"(?:\s+({_S}))?", text, re.IGNORECASE)
    if half:  # "two and a half million" = 2.5 x 1,000,000; "3 million and a quarter"
        frac = parse_fraction(half.group(2))
        head = re.fullmatch(rf"(.+?)\s+({_S})", half.group(1), re.IGNORECASE)
        if frac is None:
            return None
        if half.group(3):  # "one billion and a half million": the fraction of the last scale
            whole, scale = parse_number(half.group(1)), SCALE_WORDS[half.group(3).lower()]
            if head:
                return whole + frac * scale if whole is not None else None
            return (whole + frac) * scale if whole is not None else None
        if head and SCALE_WORDS.get(head.group(2).lower(), 0) >= 1000:
            whole = parse_number(head.group(1))  # "6 million and two thirds"
            scale = SCALE_WORDS[head.group(2).lower()]
            return (whole + frac) * scale if whole is not None else None
        whole = parse_number(half.group(1))
        return whole + frac if whole is not None else None
    scaled = re.fullmatch(rf"(.+?)\s+({_S})", text, re.IGNORECASE)
    if scaled and re.search(DENOMINATOR + "$", scaled.group(1), re.IGNORECASE):
        frac = parse_fraction(scaled.group(1))  # "three quarters billion"
        if frac is not None:
            return frac * SCALE_WORDS[scaled.group(2).lower()]
    mixed = re.fullmatch(r"(\d{1,3})\s{1,2}(\d{1,2})/(\d{1,2})", text)
    if mixed:  # "2 1/2"
        top, bottom = int(mixed.group(2)), int(mixed.group(3))
        return int(mixed.group(1)) + top / bottom if 0 < top < bottom else None
    if composite:  # "half a million" = 0.5 x 1,000,000
        frac, whole = parse_fraction(composite.group(1)), parse_word_number(composite.group(2))
        return frac * whole if frac is not None and whole else None
    match = re.fullmatch(rf"({DIGITS})\s*([A-Za-z]+)?", text)
    if match:
        value = parse_digits(match.group(1))
        if value is None:
            return None
        if match.group(2):
            scale = SCALE_ABBREV.get(match.group(2).lower())
            if scale is None:
                return None
            value *= scale
        return value
    match = re.fullmatch(rf"({DIGITS})\s+(.+)", text)
    if match:
        rest = parse_word_number(match.group(2))
        base = parse_digits(match.group(1))
        if rest and base is not None and (rest >= 100 or match.group(2).lower() == "dozen"):
            return base * rest
        return None
    return parse_word_number(text)


def parse_fraction(text: str) -> float | None:
    """``"two-thirds"`` → 0.667; ``"a quarter"`` → 0.25; ``"half"`` → 0.5;
    ``"1/3"`` → 0.333; ``"one in five"`` → 0.2; ``"¾"`` → 0.75;
    ``"twenty-three fifths"`` → 4.6; ``"one over three"`` → 0.333. None for
    a whole number and a fraction ("one hundred and three quarters"): that is
    :func:`parse_number`'s."""
    text = text.lower().strip()
    slash = re.fullmatch(r"(\d{1,3})\s*/\s*(\d{1,3})", text)
    if slash:
        top, bottom = int(slash.group(1)), int(slash.group(2))
        return top / bottom if bottom and top < bottom else None
    ratio = re.fullmatch(r"(.+?)\s+(in|out\s+of|over)\s+(.+)", text)
    if ratio:
        top, bottom = parse_number(ratio.group(1)), parse_number(ratio.group(3))
        if top is None or not bottom or (top > bottom and ratio.group(2) != "over"):
            return None
        return top / bottom
    if text in VULGAR:
        return VULGAR[text]
    if text == "half":
        return 0.5
    # the numerator never ends in "and": "one hundred and thirty fifths" is 130/5
    m = re.fullmatch(rf"(.+?)(?<!\band)(?:\s*-\s*|\s+)({DENOMINATOR})", text)
    if not m:
        return None
    bottom = FRACTION_WORDS[m.group(2)]
    top_text = m.group(1)
    mixed = re.fullmatch(rf"(.+)\s+and\s+(a|an|{'|'.join(UNITS_WORDS)})", top_text)
    if mixed:  # "one hundred and three quarters" is a whole number and a fraction
        return None  # (read by parse_number)
    top = 1 if top_text in ("a", "an") else parse_word_number(top_text)
    if top is None:
        return None
    return top / bottom


def vague_bounds(text: str) -> tuple[float | None, float | None]:
    """Bounds of a vague magnitude.

    "hundreds of thousands" → (200000, 999999): at least two hundred thousand,
    and fewer than a million (else the writer would say "millions").
    "tens of thousands" → (20000, 99999); "hundreds" → (200, 999);
    "dozens" → (24, None); "millions" → (2000000, None): a bare top-level
    plural has no upper bound.
    """
    words = text.lower().split()
    if words[-1] in SCALE_WORDS and len(words) >= 2:
        # "a few hundred" (200-999), "several thousand", "a couple of million"
        scale = SCALE_WORDS[words[-1]]
        if words[0] == "many":
            return float(2 * scale), None
        low = 2 * scale
        high = 3 * scale if "couple" in words else 10 * scale - 1
        return float(low), float(high)
    if len(words) == 3 and words[1] == "of":
        inner, outer = VAGUE_WORDS[words[0]], VAGUE_WORDS[words[2]]
        low = 2 * inner * outer
        high = inner * 10 * outer - 1 if inner in (10, 100) else None
        return float(low), (float(high) if high else None)
    base = VAGUE_WORDS.get(words[0])
    if base is None:
        return None, None
    if base in (10, 100):
        return float(2 * base), float(10 * base - 1)
    return float(2 * base), None


def decimals_of(text: str) -> int:
    """Decimal places written: ``"0.75"`` → 2, ``"1,300"`` → 0."""
    digits = re.search(DIGITS, text)
    if not digits or "." not in digits.group(0):
        return 0
    return len(digits.group(0).split(".")[1])


def rounding_tolerance(text: str, value: float) -> float:
    """How far a number written as ``text`` may sit from the truth and still be
    an honest rounding of it.

    Half a unit of the last significant digit written: "77" → 0.5, "0.75" →
    0.005. Trailing zeros of a whole number are read as rounding to that place
    ("1,200" → 50), but never looser than 5% of the value, so "100" cannot pass
    for 77.
    """
    places = decimals_of(text)
    if places:
        return 0.5 * 10 ** -places
    whole = int(round(abs(value)))
    if whole == 0:
        return 0.5
    trailing = len(str(whole)) - len(str(whole).rstrip("0"))
    half_unit = 0.5 * 10 ** trailing
    return max(0.5, min(half_unit, 0.05 * abs(value)))


def is_whole(value: float) -> bool:
    return math.isfinite(value) and float(value).is_integer()


def plain_number(value: float | None):
    """An int when the value is whole (JSON- and eye-friendly), else a float.
    Numbers too large for a 64-bit integer stay floats (msgpack cannot hold
    them), and infinities / NaN become None."""
    if value is None:
        return None
    if not math.isfinite(value):
        return None
    if is_whole(value) and abs(value) < 2 ** 53:
        return int(value)
    return float(f"{float(value):.12g}")  # twelve significant digits: no float noise
