"""The vocabulary and regular expressions of the dates layer (:mod:`.dates`):
month and weekday names in any case, day numbers and ordinal words, and the
ordered list of patterns the component tries (longer matches win)."""

from __future__ import annotations

import re


MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6,
    "july": 7, "august": 8, "september": 9, "october": 10, "november": 11,
    "december": 12, "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7,
    "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3,
            "friday": 4, "saturday": 5, "sunday": 6}
SMALL_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4,
                 "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
                 "eleven": 11, "twelve": 12, "several": None, "few": None}
#: Entity labels of names a date word can be part of.
NAME_LABELS = {"ORG", "GPE", "WORK_OF_ART", "FAC", "PRODUCT", "PERSON", "NORP"}
#: Capitalised words that may open a sentence-like fragment before "Today" ("But Today").
RELATIVE_OPENERS = {"but", "and", "so", "yet", "until", "since", "from", "on", "by", "for", "as",
                    "i", "we", "they", "he", "she", "it"}
SPAN_NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "eighteen": 18,
                "twenty": 20, "thirty": 30, "couple": 2}
PART_WORDS = {"earlier": "early", "later": "late", "eoy": "late", "eom": "late",
              "beginning": "early", "start": "early", "middle": "mid", "end": "late",
              "early": "early", "mid": "mid", "late": "late",
              "first half": "first half", "second half": "second half"}
#: Words before a bare month name that make it a date ("in May", "since March").
MONTH_CUES = {"in", "since", "until", "till", "by", "during", "from", "through", "of",
              "to", "between", "and", "before", "after", "early", "mid", "late",
              "last", "next", "this", "or", "throughout", "late-", "mid-", "early-"}
#: Heads of "to"-infinitives that point to the future ("is due to meet Friday").
FUTURE_HEADS = {"going", "plan", "due", "set", "expect", "schedule", "intend", "aim",
                "prepare", "hope", "scheduled", "expected"}

# -- regular expressions --------------------------------------------------------
_MONTH_NAMES = ("january|february|march|april|may|june|july|august|september|october"
                "|november|december")
_MONTH_ABBR = "jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec"
#: A month name in any case; an abbreviation with its full stop, or before a
#: number or a separator ("Dec. 31", "dec31", "Dec-2018", "nov-feb").
_M = (rf"(?P<month>(?i:{_MONTH_NAMES})(?![a-zA-Z])|(?i:{_MONTH_ABBR})\."
      rf"|(?i:{_MONTH_ABBR})(?=\s*\d|[-/]\s*\d|[-/][a-zA-Z]|\s*,\s*\d))")
#: A bare abbreviation ("after feb"): kept only after a cue word (see date_parse.parse_match).
_M_BARE = rf"(?P<month>(?i:{_MONTH_ABBR}))(?![\w.-])"
_M2 = (rf"(?P<month2>(?i:{_MONTH_NAMES})(?![a-zA-Z])|(?i:{_MONTH_ABBR})\.?(?![a-zA-Z]))")
_UNITS = "first|second|third|fourth|fifth|sixth|seventh|eighth|ninth"
#: Day numbers written as words ("second of Aug", "April twenty-seventh").
DAY_WORDS = {w: i + 1 for i, w in enumerate(
    ("first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
     "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth "
     "twentieth").split())}
DAY_WORDS.update({"thirtieth": 30, "thirty first": 31})
DAY_WORDS.update({f"twenty {w}": 20 + DAY_WORDS[w] for w in _UNITS.split("|")})
DAY_WORDS.update({f"twenty {w}": 20 + i for i, w in enumerate(
    "one two three four five six seven eight nine".split(), 1)})
DAY_WORDS.update({"thirty": 30, "thirty one": 31})
_DAY_WORD = (rf"(?:twenty[\s-](?:{_UNITS}|one|two|three|four|five|six|seven|eight|nine)"
             rf"|thirty[\s-](?:first|one)|thirtieth|thirty|twentieth|tenth|eleventh|twelfth"
             rf"|(?:thir|four|fif|six|seven|eigh|nine)teenth|{_UNITS})(?![\w-])")
_D = rf"(?P<day>(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?|(?i:{_DAY_WORD}))"
#: Between a day or month and its year: "Dec. 31 , 1994", "June of 1992", "28 June in 2020".
_YSEP = r"(?:\s*,\s*|\s+(?:of\s+|in\s+)?)"
_Y = r"(?P<year>1[5-9]\d\d|20\d\d)"
_NOT_NUM_BEFORE = r"(?<![\d,.$€£/-])"
_NOT_NUM_AFTER = r"(?![\d,]\d|\d|\.\d|%|-\d|/\d)"
_WD_NAMES = "monday|tuesday|wednesday|thursday|friday|saturday|sunday"
_WD_ABBR = r"mon|tues?|wed|thu(?:rs?)?|fri|sat|sun"
#: A weekday in any case; abbreviations are checked in context (date_parse.parse_match).
_WD = rf"(?P<weekday>(?i:{_WD_NAMES})(?![a-zA-Z])|(?i:{_WD_ABBR})\.?(?![\w'’-]))"
_PART = r"(?P<part>early|mid|late|Early|Mid|Late)"
_PART_OF = (r"(?:[Tt]he\s+)?(?P<partof>beginning|start|middle|end|first half|second half)"
            r"\s+of\s+")
_N = r"(?P<n>\d+|(?i:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve))"

#: How many in "the past two weeks", "the next 18 months", "the last few days".
_SPAN_N = (r"(?P<n>\d{1,3}|(?i:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
           r"|eighteen|twenty|thirty|few|several|couple(?:\s+of)?|many))")
_Q = r"(?P<qw>[Ff]irst|[Ss]econd|[Tt]hird|[Ff]ourth|[Ff]inal|[Ll]ast|1st|2nd|3rd|4th)"
_RANGE_SEP = r"\s*(?:-|–|—|~|to|until|till|through|thru)\s*"
_DAYPART = r"(?:\s+(?:morning|afternoon|evening|night))?"
QUARTER_WORDS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "final": 4, "last": 4,
                 "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
#: Holidays known across the English-speaking world (the movable ones are
#: computed in date_resolution.holiday_date) → a key there.
HOLIDAYS = {"christmas day": "christmas", "christmas": "christmas", "xmas": "christmas",
            "christmas eve": "christmas eve", "boxing day": "boxing day",
            "new year's day": "new year", "new year day": "new year", "new years day": "new year",
            "new year's eve": "new year's eve", "valentine's day": "valentine",
            "halloween": "halloween", "easter": "easter", "easter sunday": "easter",
            "easter monday": "easter monday", "good friday": "good friday",
            "thanksgiving": "thanksgiving", "thanksgiving day": "thanksgiving",
            "labor day": "labor day", "labour day": "labor day", "memorial day": "memorial day",
            "black friday": "black friday", "juneteenth": "juneteenth", "earth day": "earth day",
            "st patrick's day": "st patrick", "st. patrick's day": "st patrick",
            "saint patrick's day": "st patrick", "saint patrick": "st patrick",
            "may day": "may day", "international workers' day": "may day"}
_HOLIDAY = (r"(?P<holiday>(?i:christmas(?:\s+(?:day|eve))?|xmas|boxing\s+day"
            r"|new\s+year(?:['’]?s)?\s+(?:day|eve)|valentine['’]?s\s+day|halloween"
            r"|easter(?:\s+(?:sunday|monday))?|good\s+friday|thanksgiving(?:\s+day)?"
            r"|labou?r\s+day|memorial\s+day|black\s+friday|juneteenth|earth\s+day"
            r"|(?:st\.?|saint)\s+patrick(?:['’]s\s+day)?|international\s+workers['’]?\s+day)"
            r"|May\s+Day)")
#: Dates told relative to another event, not to the publication ("the day
#: before", "two weeks later"): found, but never resolved.
_ANAPHORIC = (r"\b(?:[Tt]he\s+(?:day|night|week|month|year)\s+(?:before|after)"
              r"|[Tt]he\s+(?:previous|following|preceding|next)\s+(?:day|night|morning"
              r"|evening|week|weekend|month|year)"
              r"|(?:(?:[Aa]|[Oo]ne|[Tt]wo|[Tt]hree|[Ff]our|[Ff]ive|[Ss]ix|[Ss]even|[Ss]everal"
              r"|[Aa]\s+few|\d{1,2})\s+)?(?:days?|weeks?|fortnights?|months?|years?)\s+(?:later|earlier)"
              r"|[Tt]he\s+same\s+day)\b")

PATTERNS: list[tuple[str, re.Pattern]] = [(name, re.compile(rx)) for name, rx in [
    ("iso", r"(?<!\d)(?<!\d-)(?P<year>1[5-9]\d\d|20\d\d)-(?P<mm>0[1-9]|1[0-2])-(?P<dd>[0-2]\d|3[01])"
            r"(?!\d|-\d)"),
    ("iso", r"(?<![\w.])(?P<year>19\d\d|20\d\d)(?P<mm>0[1-9]|1[0-2])(?P<dd>0[1-9]|[12]\d|3[01])(?!\w|\.\d)"),
    ("numeric", r"(?<![\d/.])(?P<a>\d{1,2})(?P<s>[/.-])(?P<b>\d{1,2})(?P=s)(?P<c>(?:19|20)\d\d)"
                r"(?![\d/.]\d)"),
    # without a year ("on 11/20", "22/04"): after a cue word (see date_parse.parse_match)
    ("numeric_md", r"(?<![\w/.,-])(?P<a>\d{1,2})/(?P<b>\d{1,2})(?![\d/]|\.\d|-\d{3})"),
    ("month_year", r"(?<![\w/.-])(?P<mm>0?[1-9]|1[0-2])[-/](?P<year>1[5-9]\d\d|20\d\d)(?![\w/.-])"),
    ("month_year", r"(?<![\w/.-])(?P<year>1[5-9]\d\d|20\d\d)[-/](?P<mm>0?[1-9]|1[0-2])(?![\w/.]|-\d)"),
    ("mdy", rf"\b{_M}[-/](?P<day>3[01]|[12]\d|0?[1-9])(?:[-/]{_Y})?(?![\w/])"),
    ("mdy", rf"\b{_M}[-/]{_Y}[-/](?P<day>3[01]|[12]\d|0?[1-9])(?![\w/])"),
    ("mdy", rf"(?<![\w/])(?P<day>3[01]|[12]\d|0?[1-9])[-/]{_M}[-/]{_Y}(?![\w/])"),
    ("mdy", rf"(?<![\w/])(?P<day>3[01]|[12]\d|0?[1-9])[-/]{_Y}[-/]{_M}"),
    ("mdy", rf"(?<![\w/])\b{_Y}[-/]{_M}[-/](?P<day>3[01]|[12]\d|0?[1-9])(?![\w/])"),
    ("mdy", rf"(?<![\w/])\b{_Y}[-/](?P<day>3[01]|[12]\d|0?[1-9])[-/]{_M}"),
    ("dm", rf"(?<![\d,.])\b(?P<day>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?\s+(?:of\s+)?"
           rf"(?P<month>(?i:{_MONTH_ABBR}))\b(?![\w-])"),
    ("day_of_month", rf"\b(?:the\s+)?(?P<day>(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)|(?i:{_DAY_WORD}))"
                     r"(?=\s*(?:[.,!?;:)]|$|(?:of\s+)?(?:this|next|last)\s+month))"
                     r"(?:\s+(?:of\s+)?(?P<mod>this|next|last)\s+month)?"),
    ("ytd", r"\b(?:[Tt]he\s+)?(?i:year[\s-]to[\s-]date)\b|\bYTD\b"),
    ("season", r"\b(?P<season>(?i:spring|summer|autumn|winter))\b"),
    ("season", r"^(?P<season>(?i:spring|summer|autumn|winter))(?=,)"),
    ("decade", r"(?<![\w'’])(?P<word>(?i:twenties|thirties|forties|fifties|sixties|seventies"
               r"|eighties|nineties))\b"),
    ("decade", rf"{_NOT_NUM_BEFORE}\b(?P<decade>1[5-9]\d0|20\d0)\s+s\b"),
    ("decade", r"(?<![\w'’])(?P<dd>\d0)\s+s\b"),
    ("mdy", rf"\b{_M}\s*(?:the\s+)?{_D}{_YSEP}{_Y}{_NOT_NUM_AFTER}"),
    ("dmy", rf"\b{_D}\s+(?:of\s+)?{_M}{_YSEP}{_Y}{_NOT_NUM_AFTER}"),
    ("part_month", rf"\b{_PART}[\s-]+{_M}(?:,?\s+{_Y})?{_NOT_NUM_AFTER}"),
    ("part_month", rf"{_PART_OF}{_M}(?:,?\s+{_Y})?{_NOT_NUM_AFTER}"),
    ("month_year", rf"\b{_M}(?:{_YSEP}|\s*[-/]\s*){_Y}{_NOT_NUM_AFTER}"),
    ("md_range", rf"\b{_M}\s+{_D}\s*[-–]\s*(?P<day2>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
                 rf"(?:,?\s+{_Y})?{_NOT_NUM_AFTER}\b"),
    ("md_range", rf"(?<![\d,.])\b{_D}\s*[-–]\s*(?P<day2>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
                 rf"\s+{_M}(?:,?\s+{_Y})?{_NOT_NUM_AFTER}"),
    ("quarter_year", rf"\b(?:[Qq](?P<q>[1-4])|(?:[Tt]he\s+)?{_Q}[\s-]quarter(?:\s+of)?(?:\s+the\s+year)?)"
                     rf",?\s+{_Y}{_NOT_NUM_AFTER}"),
    ("half_year", rf"\b[Hh](?P<h>[12])\s+{_Y}{_NOT_NUM_AFTER}"),
    # the year first: "2017 Q1", "2017-Q1", "2019 H2"
    ("quarter_year", rf"{_NOT_NUM_BEFORE}\b{_Y}[\s-][Qq](?P<q>[1-4])\b(?![-/.]?\d)"),
    ("half_year", rf"{_NOT_NUM_BEFORE}\b{_Y}[\s-][Hh](?P<h>[12])\b(?![-/.]?\d)"),
    ("year_range", rf"{_NOT_NUM_BEFORE}\b(?:(?P<pre>[Bb]etween|[Ff]rom)\s+)?"
                   rf"(?P<year>1[5-9]\d\d|20\d\d)(?:{_RANGE_SEP}|\s+and\s+|/)"
                   rf"(?P<year2>1[5-9]\d\d|20\d\d|\d\d)(?![\d,]\d|\d|\.\d|%|-\d|/\d)\b"),
    ("holiday", rf"\b(?:(?P<mod>(?i:last|next|previous|following|this))\s+)?{_HOLIDAY}"
                rf"(?:,?\s+{_Y})?\b"),
    ("anaphoric", _ANAPHORIC),
    ("weekday_range", rf"\b(?:[Ff]rom\s+)?{_WD}{_RANGE_SEP}"
                      rf"(?P<weekday2>(?i:{_WD_NAMES}))\b"),
    ("quarter", rf"\b(?:[Tt]he\s+)?{_Q}[\s-]quarter\b"),
    ("md", rf"\b(?:(?P<mod>[Ll]ast|[Nn]ext|[Tt]his)\s+)?{_M}\s*(?:the\s+)?{_D}\b(?!,?\s*\d)"),
    ("dm", rf"(?<![\d,.])\b{_D}\s+(?:of\s+)?{_M}"),
    ("part_decade", rf"\b(?:[Tt]he\s+)?{_PART}[\s-]+(?P<decade>1[5-9]\d0|20\d0)['’]?s\b"),
    ("century", rf"\b(?:[Tt]he\s+)?(?:{_PART}[\s-]+)?(?P<cent>1\d|2[01]|[1-9])(?:st|nd|rd|th)"
                r"\s+century\b(?!-)"),
    ("season_rel", r"\b(?P<mod>[Ll]ast|[Tt]his|[Nn]ext)\s+(?P<season>(?i:spring|summer|autumn|fall"
                   r"|winter))\b"),
    ("part_year", rf"\b{_PART}[\s-]+{_Y}(?!['’]?s\b){_NOT_NUM_AFTER}"),
    ("part_year", rf"{_PART_OF}{_Y}{_NOT_NUM_AFTER}"),
    ("season_year", rf"\b(?P<season>(?i:spring|summer|autumn|fall|winter))"
                    rf"\s+(?:of\s+)?{_Y}{_NOT_NUM_AFTER}"),
    ("decade", rf"{_NOT_NUM_BEFORE}\b(?P<decade>1[5-9]\d0|20\d0)['’]?s\b"),
    ("decade", r"(?<![\w'’])['’](?P<dd>\d0)s\b"),
    ("year", rf"{_NOT_NUM_BEFORE}\b{_Y}{_NOT_NUM_AFTER}\b"),
    ("relative_day", rf"\b(?P<word>[Yy]esterday|[Tt]oday|[Tt]omorrow|[Tt]onight){_DAYPART}\b"),
    ("relative_day", r"\b(?P<word>[Ll]ast\s+night|[Tt]his\s+(?:morning|afternoon|evening))\b"),
    ("part_period", rf"(?:\b{_PART}[\s-]+|{_PART_OF})(?P<mod>[Ll]ast|[Nn]ext|[Tt]his)\s+"
                    r"(?P<unit>week|month|year)\b"),
    ("span", rf"\b(?:[Tt]he\s+)?(?P<dir>[Pp]ast|[Ll]ast|[Pp]revious|[Nn]ext|[Cc]oming|[Ff]ollowing)"
             rf"\s+(?:{_SPAN_N}\s+)?(?P<unit>days|weeks|fortnights|months|quarters|years"
             r"|decades)\b"),
    ("span", rf"\b{_SPAN_N}\s+(?P<dir>(?i:upcoming|next|coming|following|past|previous|last))\s+"
             r"(?P<unit>days|weeks|fortnights|months|quarters|years|decades)\b"),
    ("span", rf"\b(?:[Tt]he\s+)?(?P<dir>[Nn]ext|[Pp]ast|[Ll]ast|[Pp]revious|[Cc]oming)\s+(?:{_SPAN_N}\s+)?"
             r"(?P<business>business|working)\s+(?P<unit>days)\b"),
    ("span", r"\b(?:[Tt]he\s+)?(?P<dir>[Pp]ast|[Cc]oming)\s+(?P<unit>day|week|fortnight|month"
             r"|year|decade)\b"),
    ("span", r"\b(?:[Tt]he\s+)?(?P<dir>[Nn]ext|[Ll]ast|[Pp]revious)\s+(?P<unit>decade|fortnight)\b"),
    ("relative_period", r"\b(?:(?P<edge>[Ee]arlier|[Ll]ater)\s+)?(?P<mod>[Ll]ast|[Nn]ext|[Tt]his|[Pp]revious)\s+"
                        r"(?:(?P<kindof>fiscal|financial|calendar|school|academic)\s+)?(?P<unit>week|weekend|month|quarter|year"
                        r"|working\s+week|work\s*week)\b"),
    ("relative_period", r"\b(?:[Tt]he\s+)?(?P<mod>[Pp]revious|[Pp]ast|[Cc]oming|[Cc]urrent|[Ff]ollowing)\s+"
                        r"(?:(?:fiscal|financial|calendar)\s+)?(?P<unit>quarter|year|month|week)\b"
                        r"(?!\s+(?:or|and)\s+(?:so|two|three|\d))"),
    ("quarter", r"\b[Qq](?P<q>[1-4])\b(?![-/]?\d)"),
    ("quarter_year", rf"\b[Qq](?P<q>[1-4])(?:-|\s+of\s+){_Y}{_NOT_NUM_AFTER}"),
    ("after_next", r"\b(?:[Tt]he\s+)?(?P<unit>week|month|year)\s+after\s+next\b"),
    # pieces, kept only inside a longer expression (see date_compose)
    ("nth_week", r"\b(?:[Tt]he\s+)?(?P<nth>(?i:first|second|third|fourth|fifth|last|final|1st|2nd"
                 r"|3rd|4th|5th))\s+week\s+of\s+(?:the\s+)?(?=\w)"),
    ("nth_week", r"\b(?:[Tt]he\s+)?(?i:week)\s+(?P<n>[1-9]|[1-4]\d|5[0-3])\s+of\s+(?:the\s+)?(?=\w)"),
    ("count", rf"(?<![\d.,])\b{_N}\s+(?P<unit>(?i:days?|weeks?|fortnights?|months?|years?))\b"),
    ("now", r"\b(?P<word>(?i:now|current\s+date))\b"),
    ("the_year", r"(?<=\bof\s)the\s+year\b(?!\s+(?:before|after|earlier|later))"),
    ("part_period", rf"{_PART_OF}(?:[Tt]he\s+)?(?P<unit>week|month|year)\b"),
    ("part_period", r"\b(?P<part>earlier|later)\s+in\s+the\s+(?P<unit>week|month|year)\b"),
    ("part_period", r"\b(?P<part>EOY|EOM|eoy|eom)\b"),
    ("ago", rf"\b{_N}\s+(?P<unit>day|week|month|year|decade|centur)(?:s|ies|y)?\s+ago\b"),
    ("weekday_day", rf"\b{_WD}\s*,?\s+(?:the\s+)?(?P<day>(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)"
                    rf"|(?:3[01]|[12]\d|0?[1-9])(?=\s*(?:[.,!?;)]|$))|(?i:{_DAY_WORD}))"),
    ("weekday", rf"\b(?:(?P<mod>[Ll]ast|[Pp]revious|[Nn]ext|[Tt]his(?:\s+(?:past|coming|upcoming))?"
                rf"|[Pp]ast|[Cc]oming|[Uu]pcoming|[Ff]ollowing)\s+)?{_WD}{_DAYPART}\b"),
    ("in_n", rf"\b(?P<w>(?i:in|within))\s+(?:the\s+)?(?:(?i:next)\s+)?{_N}\s+"
             r"(?P<unit>(?i:days?|weeks?|fortnights?|months?|years?))\b(?!\s+(?:ago|later|earlier))"),
    ("month", rf"\b(?:(?P<mod>[Ll]ast|[Nn]ext|[Tt]his)\s+)?{_M}(?![\w-])"),
    ("month", rf"\b(?:(?P<mod>[Ll]ast|[Nn]ext|[Tt]his)\s+)?{_M_BARE}"),
    ("month_range", rf"\b(?:(?i:from|between)\s+)?{_M}\s*[-–/]\s*{_M2}(?:{_YSEP}{_Y})?{_NOT_NUM_AFTER}"),
    ("year_month", rf"{_NOT_NUM_BEFORE}\b{_Y}\s*[\s/-]\s*{_M}(?![\w-]|\s*[-/]?\s*\d)"),
]]
