"""The vocabulary of figures: qualifier words and the regular
expressions that find numbers, units, ranges, scores, labels and powers in text.
Used by :mod:`.figure_reading` and :mod:`.figure_links`."""

from __future__ import annotations

import re

from toolkit import units as U
from toolkit.pipeline import numbers as N


# -- qualifiers -------------------------------------------------------------
QUALIFIERS = {
    "approximate": ["nearly", "almost", "about", "around", "roughly", "approximately",
                    "some", "an estimated", "estimated", "close to", "approx.", "approx",
                    "~", "circa", "c.", "an approximate", "a roughly", "the equivalent of"],
    "less-than": ["less than", "fewer than", "under", "below", "up to", "at most",
                  "smaller than", "lower than", "less than or equal to", "less or equal than",
                  "lower or equal than", "smaller or equal than", "less than or equal",
                  "<", "<=", "=<", "≤",
                  "no more than", "as many as", "as much as", "just under", "not more than",
                  "a maximum of", "a max of", "as few as", "as little as"],
    "more-than": ["more than", "over", "above", "at least", "upwards of", "in excess of",
                  "greater than", "larger than", "higher than", "bigger than",
                  "greater than or equal to", "more than or equal to", "higher or equal than",
                  "greater or equal than", "larger or equal than", "more or equal than",
                  ">", ">=", "=>", "≥",
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


#: Entity labels whose numbers are part of a name.
NAME_LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART",
               "LAW", "NORP", "LANGUAGE"}


#: Generic words for "what" a figure of a type is when the text gives no noun.
TYPE_NOUNS = {"area": "area", "length": "distance", "mass": "weight", "money": "amount",
              "count": "number", "percent": "share", "duration": "time", "speed": "speed",
              "volume": "volume", "power": "power", "energy": "energy",
              "temperature": "temperature", "fraction": "share"}


# -- the regular expression ------------------------------------------------------
QUAL_WORDS = "|".join(re.escape(w) for w in sorted(QUALIFIER_OF, key=len, reverse=True)
                      if w[0].isalpha() or w == "~")
#: Bounds written as signs: "x>10", "<20", ">= 30".
QUAL_SIGNS = r"(?:[<>]=?|=[<>]|[≤≥])"


_SIMPLE1 = (rf"(?:{N.DIGITS}(?:{N.MULTIPLIER})?|{N.POINT}|{N.FRACTION}|{N.WORD_NUMBER}"
            rf"(?:\s+(?:hundred|thousand|million|billion|trillion))?)")


#: "in" is inches only where nothing else can follow it: "2 in.", "2 in thick".
INCH_RE = (r"in(?=\.?\s*$|\.\s|\s*[,;)]|\s+(?:thick|long|wide|tall|high|deep|across"
           r"|in\s+diameter)\b)")


UNIT_WORDS = rf"(?:{U.UNIT_RE}|{INCH_RE})"


#: Composite forms tried first: "half a million", "one in five", "two and a
#: half", "2 1/2", "1/3 of", "1/4 inch".
_COMPOSITE = (rf"(?:{N.FRACTION_OF_SCALE}|{N.AND_A_HALF}|{N.MIXED}|{N.ONE_IN}(?![\w.,]?\d)"
              rf"|\d{{1,2}}/\d{{1,2}}(?=\s+of\b|[\s-]?{UNIT_WORDS}(?![\w²³/])))")


_NUM1 = rf"(?:{_COMPOSITE}|{_SIMPLE1})"


_NUM = rf"(?:{N.VAGUE}|{_NUM1})"


_SIMPLE = rf"(?:{N.VAGUE}|{_SIMPLE1})"


_NUM2 = rf"(?:{N.DIGITS}(?:{N.MULTIPLIER})?|{N.POINT}|{N.WORD_NUMBER})"


_CUR = U.CURRENCY_PREFIX_RE


#: A sign: "-5C", "minus 40 degrees" (the text is scanned with U+2212 read as "-").
_SIGN = r"(?P<sign>(?:minus|negative)\s+|-(?=[\d.]))"


_HEAD = (rf"(?:(?<![\w\-/.,$€£¥])(?:(?P<qual>{QUAL_WORDS})\s+)?|(?P<sym>{QUAL_SIGNS})\s*)"
         rf"(?:(?P<cur>{_CUR})\s?)?"
         rf"{_SIGN}?"
         rf"(?P<num>{_NUM})")


_RANGE = (rf"(?:[\s-]?(?P<unit1>{UNIT_WORDS})(?![\w²³/]))?"
          rf"(?:\s*(?P<sep>-\s*to|–|—|-|~|to|through|thru|and)\s*(?:(?P<cur2>{_CUR})\s?)?(?P<sign2>(?<=\s)-(?=[\d.])|(?:minus|negative)\s+)?(?P<num2>{_NUM2}))?")


_TAIL = (rf"(?:[\s-]?(?P<unit>{UNIT_WORDS})(?![\w²³/]|-\d))?"
         rf"(?P<post>\s+or\s+(?:more|so|fewer|less)|-?plus\b)?"
         rf"(?:\s+of\s+(?P<ofunit>{UNIT_WORDS})(?![\w²³/]))?"
         rf"(?![\w²³]|[.,/]\d|:\d)")


_TAIL_NO_OF = _TAIL.replace("(?P<ofunit>", "(?P<ofunit>(?!)")


_NO_RANGE = r"(?P<unit1>(?!))?(?P<sep>(?!))?(?P<cur2>(?!))?(?P<sign2>(?!))?(?P<num2>(?!))?"


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


VAGUE_DURATION_RE = re.compile(
    r"(?<![\w-])(?:(?P<q>several|many|a\s+few|few|some|a\s+couple\s+of|a\s+number\s+of)\s+)?"
    r"(?P<w>seconds|minutes|hours|days|weeks|months|years|decades|centuries)\b"
    r"(?!\s+(?:ago|earlier|later|before|after|old)\b)", re.IGNORECASE)
#: Words before "N pounds" that make the pounds money.
MONEY_CUES = re.compile(r"\b(?:profit|profits|revenue|revenues|sales|cost|costs|costing|price|prices"
                        r"|priced|valued|paid|pay"
                        r"|pays|earn|earns|earned|worth|fine|fined|loss|losses|debt|budget|salary"
                        r"|fund|funds|bid|deal|spent|spend|raised|invest\w*)\b[^.;]*$", re.IGNORECASE)
#: One unit of time after a word that makes it a length of time: "for an hour",
#: "within a week", "took a year" (not "$5 a day", "twice a year", "a day later").
ONE_DURATION_RE = re.compile(
    r"\b(?:for|in|within|over|after|lasted|lasting|lasts|spent|spend|took|take|takes|taking"
    r"|nearly|almost|about|barely|only|just)\s+(?P<a>an?)\s+(?P<w>second|minute|hour|day|week"
    r"|fortnight|month|year|decade|century)\b(?![\w-]|\s+(?:ago|earlier|later|before|after|old"
    r"|or\s+so\s+ago)\b)", re.IGNORECASE)


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


#: Two units in a row that make one measure: "5 ft 10 in", "2 hours 30 minutes"
#: (a list set off by commas, "3 years, 2 months", is several figures).
COMPOUND_RE = re.compile(
    rf"(?<![\w.,\-])(?P<n1>\d+)\s?(?P<u1>{UNIT_WORDS})\s+(?:and\s+)?(?P<n2>{N.DIGITS})\s?"
    rf"(?P<u2>{UNIT_WORDS}|in)(?![\w²³/])", re.IGNORECASE)


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


METRE_VERBS = re.compile(r"\b(?:(?:ran|run|runs|swam|swim|swims|sprinted|jumped|threw|walked"
                         r"|dived|hurled|climbed)|(?:depth|height|altitude|elevation|width|length"
                         r"|distance)\s+of(?:\s+(?:about|up\s+to|nearly|almost|some|over))?)\s+$",
                         re.IGNORECASE)


#: Words after "100m" that make it metres, not millions ("the 100m sprint").
METRE_CONTEXT = re.compile(
    r"(?:-|\s+)(?:long|high|tall|deep|wide|away|below|above|underground|sprint|race|hurdles"
    r"|freestyle|butterfly|backstroke|breaststroke|medley|relay|dash|final|swim|run|metres?"
    r"|from|off|into|under|beneath|of\s+(?:water|snow|rain|sea|height|depth))\b"
    # restated in feet or yards: "1.5m (5ft)"
    r"|\s*\(\s*(?:about\s+|some\s+|nearly\s+)?[\d.,]+\s*(?:ft|feet|foot|in|inches|yards?|yds?)\b",
    re.IGNORECASE)
#: A time of day ("06:10", "18:00:30") or a ratio or score ("3:1", "2.5:1"): no
#: figure of its own (the number after the colon was read alone, as a count).
CLOCK_RE = re.compile(r"(?<![\d:.,])\d+(?:[.,]\d+)?:\d+(?::\d+)?(?![\d:]|[.,]\d)")


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
    r"|warmer|warmest|warming|warmed|warms|heat\w*|cool|cooler|cooled|cooling|chilled"
    r"|freez\w*|thermometers?|thermostats?|mercury|weather|fever|boil\w*|oven"
    r"|frost|chill|degrees? (?:above|below) (?:zero|freezing)|highs?|lows?|forecast)\b",
    re.IGNORECASE)


PER_WORDS = {"capita": "person", "head": "person", "person": "person", "annum": "year",
             "share": "share", "unit": "unit", "household": "household"}


#: Units of a "per" rate that have a symbol of their own.
SPEEDS = {("km", "hour"): "km/h", ("mi", "hour"): "mph", ("m", "second"): "m/s"}


RATE_RE = re.compile(rf"(?:\s*(?:a|an|per|each|every)\s+|\s*/\s*)(?P<per>{UNIT_WORDS}|capita|head|person"
                     r"|annum|share|household)(?![\w²³/])"
                     r"(?!\s+(?:earlier|later|ago|before|after|back|previously|since))",
                     re.IGNORECASE)


AGE_RE = re.compile(r"s?[\s-]old\b|s?\s+of\s+age\b", re.IGNORECASE)


#: An age written short after a bare number: "a 37 yo man", "aged 37 y/o".
SHORT_AGE_RE = re.compile(r"\s?(?:y\.o\.|y/o|yo|yrs?\.?\s+old)(?![\w/-])", re.IGNORECASE)


#: Powers and scientific notation, one figure each: "10^100", "2.5x10^3", "1.2e-5".
POWER_RE = re.compile(r"(?<![\w.,^])(?P<m>-?\d+(?:\.\d+)?)(?:\s?[x×*]\s?10\s?\^\s?(?P<e1>[-+]?\d{1,4})"
                      r"|\s?[x×*]\s?(?P<b>\d{1,3})\s?\^\s?(?P<e5>[-+]?\d{1,3})"
                      r"|\s?×\s?10(?P<e4>[-+]\d{1,3})"
                      r"|\s?\^\s?(?P<e2>[-+]?\d{1,4})|[eE](?P<e3>[-+]?\d{1,4}))"
                      rf"(?:\s?(?P<unit>{UNIT_WORDS}))?(?![\w^]|[.,]\d)")


_SCI = r"\d+(?:\.\d+)?(?:[eE][-+]?\d{1,3})?"


#: A value and its uncertainty: "9.8 ± 0.2 m/s2", "1.5 +/- 0.1 kg", "3e-3 +- 1e-4".
UNCERTAINTY_RE = re.compile(rf"(?<![\w.,^])(?P<sign>-)?(?P<m>{_SCI})\s?(?:±|\+/-|\+-)\s?"
                            rf"(?P<u>{_SCI})(?:\s?(?P<unit>{UNIT_WORDS})(?![\w²³/]))?"
                            r"(?![\w.,]\d)")


#: A decimal that cannot be a time of day before "pm" / "am" (one, or three
#: and more, decimals): "a grid of 2.1 pm" is picometres, "2.13 pm" a time.
SMALL_LENGTH_RE = re.compile(r"(?<![\w.,:])(?P<num>\d+\.(?:\d|\d{3,}))\s?(?P<u>pm|am)(?![\w.]\w)")


#: Digits with doubled or dangling separators ("1,,000", "3..5"): not a number
#: anyone can read a value from.
MALFORMED_RE = re.compile(r"(?<![\w.,])\d+(?:[,.]\d*)*[,.]{2,}\d[\d,.]*")


MONTH_WORDS = {"january", "february", "march", "april", "may", "june", "july", "august",
               "september", "october", "november", "december", "jan", "feb", "mar", "apr",
               "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"}


#: Web and mail addresses: their digits are no figures ("...?q=30%25", "a1@b2.org").
URL_RE = re.compile(r"\b(?:https?://|ftp://|www\.)[^\s<>\"'”’)\]]+|\b[\w.+-]+@[\w-]+\.[\w.-]+",
                    re.IGNORECASE)


#: How often: "twice a week", "4 times per year", "once every month".
FREQUENCY_RE = re.compile(
    rf"(?<![\w-])(?:(?P<n>{N.DIGITS}|{N.WORD_NUMBER})\s+times|(?P<w>once|twice|thrice))"
    r"\s+(?:a|an|per|each|every)\s+(?P<per>second|minute|hour|day|week|month|year|decade"
    r"|century)\b", re.IGNORECASE)
ONCE_WORDS = {"once": 1, "twice": 2, "thrice": 3}


#: One unit named alone, then "of" or the end of a clause: "a gallon of milk",
#: "an acre of land", "a penny!". Only the kinds below (not "a day", "a percent").
ONE_UNIT_RE = re.compile(rf"(?<![\w-])(?:an?|one)\s+(?P<u>{UNIT_WORDS})"
                         r"(?=\s+of\b|(?P<end>\s*[!.,;:?](?:\s|$)|\s*$))", re.IGNORECASE)
ONE_UNIT_TYPES = {"length", "area", "volume", "mass", "money", "energy", "data"}


#: The bottom of the temperature scale, named.
ABSOLUTE_ZERO_RE = re.compile(r"\babsolute zero\b", re.IGNORECASE)
