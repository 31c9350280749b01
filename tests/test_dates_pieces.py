"""The dates layer, issue 9: expressions found in pieces are one date; names of
months and days in any case; numeric and holiday forms; resolution of relative
dates against the publication date, with a range where the text is a range.
Every sentence here is written for this test."""

from __future__ import annotations

import pytest

from toolkit.pipeline.dates import resolve_date

from pipeline_support import PUBLISHED, dates_in as _dates


@pytest.mark.parametrize("text, phrase, value", [
    # a year written after a stray space and comma
    ("The plant closed on Oct. 14 , 1987 after a fire.", "Oct. 14 , 1987", "1987-10-14"),
    ("The plant closed on the 4th of June of 1991.", "4th of June of 1991", "1991-06-04"),
    # ranges with both ends, one year for both
    ("The fair runs from April 3 to April 9.", "from April 3 to April 9", "2025-04-03/2025-04-09"),
    ("The survey ran Oct 28-Nov 4, 2021.", "Oct 28-Nov 4, 2021", "2021-10-28/2021-11-04"),
    ("Prices rose from November to February 2023.", "from November to February 2023",
     "2022-11/2023-02"),
    ("Figures between 2009 and the end of 2011 were revised.",
     "between 2009 and the end of 2011", "2009/2011-12"),
    # counted shifts and stretches
    ("The vote is due 10 days from today.", "10 days from today", "2025-03-23"),
    ("The ban ended two weeks after Christmas 2020.", "two weeks after Christmas 2020",
     "2021-01-08"),
    ("The rally was held 3 days before June 30, 2019.", "3 days before June 30, 2019",
     "2019-06-27"),
    ("Offices stay shut for 5 days starting tomorrow.", "for 5 days starting tomorrow",
     "2025-03-14/2025-03-18"),
    # a weekday inside a week, a weekday naming a date, the week of a day
    ("The panel met on Wednesday of last week.", "Wednesday of last week", "2025-03-05"),
    ("The envoy arrives next week on Monday.", "next week on Monday", "2025-03-17"),
    ("Voting began on Sunday, March 2.", "Sunday, March 2", "2025-03-02"),
    ("Hearings are set for the week of April 7.", "the week of April 7",
     "2025-04-07/2025-04-13"),
])
def test_pieces_are_one_date(nlp, text, phrase, value):
    found = _dates(nlp, text)
    assert found.get(phrase) == value, found


@pytest.mark.parametrize("text, phrase, value", [
    ("the strike began in october and ended on 2 nov 2024.", "2 nov 2024", "2024-11-02"),
    ("the strike began in october and ended on 2 nov 2024.", "october", "2024-10"),
    ("we flew out on tue and back on fri 14th.", "tue", "2025-03-11"),
    ("talks resumed on 11/28 and ended on 2/12.", "11/28", "2024-11-28"),
    ("The fund is up 4% year to date.", "year to date", "2025-01-01/2025-03-13"),
    ("Crowds gathered on Easter Monday last year.", "Easter Monday", "2024-04-01"),
    ("Rents fell over the next couple of weeks.", "the next couple of weeks",
     "2025-03-14/2025-03-27"),
    ("The deal closed on the 4th.", "the 4th", "2025-03-04"),
])
def test_any_case_numeric_and_holiday_forms(nlp, text, phrase, value):
    found = _dates(nlp, text)
    assert found.get(phrase) == value, found


@pytest.mark.parametrize("text, phrase, value", [
    ("The office was shut from 3/2/2024 - 3/9/2024.", "from 3/2/2024 - 3/9/2024",
     "2024-03-02/2024-03-09"),       # the month is the number both ends share
    ("Staff were away 4/6/2023-11/6/2023.", "4/6/2023-11/6/2023", "2023-06-04/2023-06-11"),
])
def test_a_numeric_range_settles_the_day_and_month_order(nlp, text, phrase, value):
    assert _dates(nlp, text).get(phrase) == value


@pytest.mark.parametrize("text, phrase, value", [
    ("Output peaked in the first week of 2026.", "the first week of 2026",
     "2025-12-29/2026-01-04"),      # ISO 8601 week 1
    ("Output peaked in the last week of August 2024.", "the last week of August 2024",
     "2024-08-26/2024-09-01"),
    ("Talks resume the week after next.", "the week after next", "2025-03-24/2025-03-30"),
])
def test_weeks_of_a_year_or_month(nlp, text, phrase, value):
    assert _dates(nlp, text).get(phrase) == value


@pytest.mark.parametrize("text, phrase, value", [
    ("The board meets Friday two weeks from now.", "Friday two weeks from now", "2025-03-28"),
    ("The board will meet 10 days after New Year's Day 2026 on Monday.",
     "10 days after New Year's Day 2026 on Monday", "2026-01-05"),
])
def test_a_weekday_in_the_week_a_count_lands_in(nlp, text, phrase, value):
    assert _dates(nlp, text).get(phrase) == value


def test_a_day_and_month_that_cannot_be_told_apart_is_found_but_not_resolved(nlp):
    found = _dates(nlp, "The ledger was signed on 04/05/2019.")
    assert "04/05/2019" in found and found["04/05/2019"] is None


@pytest.mark.parametrize("text", [
    "This may take a while, and the crowd may march on.",
    "The café is open 24/7 for 1/2 of the year.",
    "Christmas markets opened, and the sun came out on the wed streets.",
    "Unemployment is the highest in two years.",
])
def test_no_date_in_plain_words(nlp, text):
    assert _dates(nlp, text) == {}


@pytest.mark.parametrize("mod, expected", [
    ("last", "2025-03-03"),       # the Monday of the week before
    ("past", "2025-03-10"),       # "this past Monday": the nearest one back
    ("this", "2025-03-10"),       # the Monday of this week
    ("next", "2025-03-17"),       # the Monday of the week after
    ("coming", "2025-03-17"),     # the nearest one ahead
])
def test_weekday_modifiers(mod, expected):
    data = {"kind": "relative", "rule": "weekday", "weekday": 0, "mod": mod, "value": None}
    assert resolve_date(data, PUBLISHED) == expected


def test_friday_next_is_of_next_week_and_coming_is_tomorrow():
    friday = {"kind": "relative", "rule": "weekday", "weekday": 4, "value": None}
    assert resolve_date({**friday, "mod": "next"}, PUBLISHED) == "2025-03-21"
    assert resolve_date({**friday, "mod": "coming"}, PUBLISHED) == "2025-03-14"


@pytest.mark.parametrize("unit, n, past, expected", [
    ("day", 3, False, "2025-03-14/2025-03-16"),       # the three days after publication
    ("day", 3, True, "2025-03-10/2025-03-12"),        # the three days before it
    ("quarter", 2, True, "2024-07/2024-12"),           # whole quarters before this one
    ("quarter", 1, False, "2025-04/2025-06"),
    ("decade", 1, False, "2030/2039"),                 # the next whole decade
])
def test_spans_leave_out_the_publication_day(unit, n, past, expected):
    data = {"kind": "relative", "rule": "span", "unit": unit, "n": n, "past": past,
            "value": None}
    assert resolve_date(data, PUBLISHED) == expected


def test_in_two_weeks_is_a_date_only_ahead(nlp):
    assert _dates(nlp, "The court will rule in two weeks.") == {"in two weeks": "2025-03-27"}
    assert _dates(nlp, "Prices fell in two weeks.") == {}


def test_composites_of_relative_parts_wait_for_the_publication_date(nlp):
    doc = nlp("The office shuts 3 days from today.")
    span = doc.spans["dates"][0]
    assert span.text == "3 days from today" and span._.date is None
    doc._.published = PUBLISHED
    assert span._.date == "2025-03-16"


def test_a_count_beyond_the_calendar_stays_unresolved_with_a_numbered_warning(nlp):
    with pytest.warns(UserWarning, match="TKW160"):
        found = _dates(nlp, "The vault opens 9000000 days after March 3, 2020.")
    assert found == {"9000000 days after March 3, 2020": None}


# -- issue 9: resolutions that were wrong (publication: Thursday 2025-03-13) -------------

@pytest.mark.parametrize("text, phrase, value", [
    # "earlier this X" runs to the day before the publication, "later this X" from it
    ("Sales fell earlier this year.", "earlier this year", "2025-01-01/2025-03-12"),
    ("Talks resume later this month.", "later this month", "2025-03-13/2025-03-31"),
    ("Orders slowed earlier in the week.", "earlier in the week", "2025-03-10/2025-03-12"),
    # a stretch of months that holds the publication month is the current one
    ("Prices will rise from January to June.", "from January to June", "2025-01/2025-06"),
    ("Prices rose from May to September.", "from May to September", "2024-05/2024-09"),
    # days of one month written once
    ("The fair runs April 9th through 17th.", "April 9th through 17th",
     "2025-04-09/2025-04-17"),
    ("Polls open from the ninth till the seventeenth of April.",
     "from the ninth till the seventeenth of April", "2025-04-09/2025-04-17"),
    ("Talks ran between 3 and 12 of February.", "between 3 and 12 of February",
     "2025-02-03/2025-02-12"),
    # a holiday's weekend: from the Saturday before a Monday holiday
    ("Traffic was heavy over Labor Day weekend 2024.", "Labor Day weekend 2024",
     "2024-08-31/2024-09-02"),
    ("Shops were full on the weekend of Halloween 2021.", "the weekend of Halloween 2021",
     "2021-10-30/2021-10-31"),
    # working weeks and business days count Monday to Friday
    ("Crews are on site this working week.", "this working week", "2025-03-10/2025-03-14"),
    ("The desk stays open the next 4 business days.", "the next 4 business days",
     "2025-03-14/2025-03-19"),
    # a part of a period: first or last days, weeks (Monday to Sunday) or months, the nth
    ("Output fell in the first three months of the year.",
     "the first three months of the year", "2025-01/2025-03"),
    ("Figures for the last four months of 2021 were revised.", "the last four months of 2021",
     "2021-09/2021-12"),
    ("Crews work through the last 3 weeks of this year.", "the last 3 weeks of this year",
     "2025-12-08/2025-12-28"),
    ("Rooms were booked for the first 2 weeks of 2021.", "the first 2 weeks of 2021",
     "2021-01-04/2021-01-17"),
    ("Rates were set in the first ten days of last year.", "the first ten days of last year",
     "2024-01-01/2024-01-10"),
    ("The envoy returns on the 15th day of next month.", "the 15th day of next month",
     "2025-04-15"),
    # "next" and "last" before a day of a month
    ("The vote is due next 6th of April.", "next 6th of April", "2025-04-06"),
    ("Rents rose after last 20 March.", "last 20 March", "2024-03-20"),
])
def test_relative_stretches_resolve_against_the_publication(nlp, text, phrase, value):
    found = _dates(nlp, text)
    assert found.get(phrase) == value, found


def test_two_days_joined_by_and_are_not_a_range(nlp):
    found = _dates(nlp, "The ferry sailed on 3 and 12 May.")
    assert "12 May" in found and not any(k.startswith("3 and") for k in found), found


def test_the_year_alone_is_no_date(nlp):
    assert _dates(nlp, "It was the hottest day of the year.") == {}
