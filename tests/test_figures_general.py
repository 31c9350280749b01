"""Figures and dates on news-style sentences written for these tests, across
domains (economy, disasters, sport, science, elections), plus odd input.

Each case names the figure as written and the facts the analysis must give it.
The full pipeline runs (the session ``nlp`` fixture), as on a real article.
"""

from __future__ import annotations

import json
import math

import pytest
from spacy.tokens import Doc

PUBLISHED = "2025-03-13"  # a Thursday


def figures(nlp, text):
    doc = nlp(text)
    return {s.text: s._.tk_figure for s in doc.spans["figures"]}


def check(found, figure, expected):
    assert figure in found, (figure, sorted(found))
    data = found[figure]
    for key, want in expected.items():
        got = data[key]
        if isinstance(want, float) and got is not None:
            assert got == pytest.approx(want, rel=1e-4), (figure, key, data)
        else:
            assert got == want, (figure, key, data)


# -- figures that must be found, with their facts ------------------------------------------
FIGURE_CASES = [
    # economy
    ("The government unveiled a $2.5bn rescue package for farmers.", "$2.5bn",
     {"type": "money", "value": 2_500_000_000, "unit": "USD", "qualifier": "exact"}),
    ("Brussels pledged €300 million in reconstruction aid.", "€300 million",
     {"type": "money", "value": 300_000_000, "unit": "EUR"}),
    ("Inflation eased to 3.2 per cent in June.", "3.2 per cent",
     {"type": "percent", "value": 3.2, "unit": "%"}),
    ("A fifth of households have no savings at all.", "A fifth",
     {"type": "fraction", "value": 0.2}),
    ("GDP grew 0.4% in the third quarter.", "0.4%",
     {"type": "percent", "value": 0.4, "unit": "%", "qualifier": "exact"}),
    ("The central bank cut rates by 25 basis points.", "25 basis points",
     {"type": "percent", "value": 25, "unit": "bp"}),
    ("Retail sales rose 3pc over the holidays.", "3pc", {"type": "percent", "value": 3}),
    ("Output shrank by −0.5% after the strike.", "−0.5%",
     {"type": "percent", "value": -0.5, "unit": "%"}),
    ("Shares closed at -2.1% on the day.", "-2.1%", {"value": -2.1, "unit": "%"}),
    ("The state spent Rs 500 crore on new roads.", "Rs 500 crore",
     {"type": "money", "value": 5_000_000_000, "unit": "INR"}),
    ("Lenders pledged US$3 billion for the dam.", "US$3 billion",
     {"type": "money", "value": 3_000_000_000, "unit": "USD"}),
    ("The refinery ships 1.5 million barrels a day.", "1.5 million barrels a day",
     {"type": "rate", "value": 1_500_000, "unit": "bbl/day"}),
    ("Brent crude hit $90 a barrel on Friday.", "$90 a barrel",
     {"type": "money", "value": 90, "unit": "USD/bbl"}),
    ("The deficit widened by 1.1 percentage points.", "1.1 percentage points",
     {"type": "percent", "value": 1.1, "unit": "pp"}),
    ("The start-up raised $10m and hired 5k staff.", "5k", {"type": "count", "value": 5000}),
    ("The sovereign fund is worth ¥1.2 trillion.", "¥1.2 trillion",
     {"type": "money", "value": 1_200_000_000_000, "unit": "JPY"}),
    ("Forecasts put joblessness at 5-10% next year.", "5-10%",
     {"type": "percent", "value": None, "low": 5, "high": 10, "qualifier": "range"}),
    ("Economists expect growth of from 3% to 4% this year.", "from 3% to 4%",
     {"type": "percent", "low": 3, "high": 4, "unit": "%", "qualifier": "range"}),
    ("Two-thirds of respondents disagreed with the plan.", "Two-thirds",
     {"type": "fraction", "value": 2 / 3}),
    ("Rents have doubled since the pandemic.", "doubled",
     {"type": "multiple", "value": 2, "unit": "×"}),
    ("Imports now cost three times as much as a decade ago.", "three times",
     {"type": "multiple", "value": 3}),
    ("Tuition rose twice as fast as wages.", "twice", {"type": "multiple", "value": 2}),
    # disasters
    ("The wildfire has scorched about 1,200 hectares of pine forest.",
     "about 1,200 hectares",
     {"type": "area", "value": 1200, "unit": "ha", "qualifier": "approximate",
      "low": None, "high": None}),
    ("Gusts of 150 km/h (93 mph) tore roofs off houses.", "93 mph",
     {"type": "speed", "unit": "mph", "conversion_of": "150 km/h", "consistent": True}),
    ("At least 37 people died when the bridge collapsed.", "At least 37",
     {"type": "count", "value": 37, "low": 37, "high": None, "qualifier": "more-than"}),
    ("More than 2 million people lost power overnight.", "More than 2 million",
     {"value": 2_000_000, "low": 2_000_000, "qualifier": "more-than"}),
    ("Tens of thousands fled the flooded valley.", "Tens of thousands",
     {"type": "count", "value": None, "low": 20_000, "high": 99_999, "qualifier": "vague"}),
    ("The river rose 2.5 metres in a single night.", "2.5 metres",
     {"type": "length", "value": 2.5, "unit": "m"}),
    ("Up to 15cm of snow is forecast for the hills.", "Up to 15cm",
     {"type": "length", "value": 15, "high": 15, "unit": "cm", "qualifier": "less-than"}),
    ("Temperatures plunged to minus 40C in the north.", "minus 40C",
     {"type": "temperature", "value": -40, "unit": "°C"}),
    ("Roads froze as it fell to -5C before dawn.", "-5C",
     {"type": "temperature", "value": -5, "unit": "°C"}),
    ("A 7-magnitude quake shook the island.", "7-magnitude",
     {"type": "magnitude", "value": 7}),
    ("A magnitude 6.4 earthquake struck at dawn.", "magnitude 6.4",
     {"type": "magnitude", "value": 6.4}),
    ("Half a million residents were told to leave.", "Half a million",
     {"type": "count", "value": 500_000}),
    ("Nearly 300 homes were destroyed by the storm.", "Nearly 300",
     {"value": 300, "qualifier": "approximate"}),
    ("Some 3,000 soldiers were deployed to help.", "Some 3,000",
     {"value": 3000, "qualifier": "approximate"}),
    ("The storm left hundreds of families homeless.", "hundreds",
     {"type": "count", "low": 200, "high": 999, "qualifier": "vague"}),
    ("A dozen fishing boats capsized in the harbour.", "A dozen",
     {"type": "count", "value": 12}),
    # elections, sport, science, people
    ("She won 52.3% of the vote in the run-off.", "52.3%",
     {"type": "percent", "value": 52.3, "unit": "%"}),
    ("One in five adults in the region smokes.", "One in five",
     {"type": "fraction", "value": 0.2}),
    ("Fewer than 100 delegates turned up.", "Fewer than 100",
     {"value": 100, "high": 100, "low": None, "qualifier": "less-than"}),
    ("He faces between 10 and 15 years in prison.", "between 10 and 15 years",
     {"type": "duration", "low": 10, "high": 15, "unit": "year", "qualifier": "range"}),
    ("City won 2-1 at home on Saturday.", "2-1", {"type": "score", "value": None}),
    ("The Senate passed the bill 52-48.", "52-48", {"type": "score"}),
    ("She won the 10km race in 31 minutes.", "10km",
     {"type": "length", "value": 10, "unit": "km"}),
    ("The suspect is 5 ft 10 in tall.", "5 ft 10 in",
     {"type": "length", "value": 5 + 10 / 12, "unit": "ft"}),
    ("The marathon took him 2 hours 5 minutes.", "2 hours 5 minutes",
     {"type": "duration", "value": 2 + 5 / 60, "unit": "hour"}),
    ("A 30-year-old man was arrested.", "30-year-old",
     {"type": "age", "value": 30, "unit": "year"}),
    ("The victim, aged 45, was a teacher.", "45", {"type": "age", "value": 45}),
    ("The town has 2,024 people living in it.", "2,024", {"type": "count", "value": 2024}),
    ("The trail is ½ mile long.", "½ mile", {"type": "length", "value": 0.5, "unit": "mi"}),
    ("The drive took 1½ hours.", "1½ hours", {"type": "duration", "value": 1.5}),
    ("Only 1/3 of the budget was spent.", "1/3", {"type": "fraction", "value": 1 / 3}),
    ("The plant will generate 1,200 MW of power.", "1,200 MW",
     {"type": "power", "value": 1200, "unit": "MW"}),
    ("The jet cruised at 30,000 feet.", "30,000 feet", {"type": "length", "unit": "ft"}),
    ("Twenty-five people were hurt.", "Twenty-five", {"type": "count", "value": 25}),
    ("The law was passed in 2024.", "2024", {"type": "date", "value": "2024"}),
    # forms found in other projects' quantity suites (sentences of our own)
    ("Rescuers hiked two and a half miles to the crash site.", "two and a half miles",
     {"type": "length", "value": 2.5, "unit": "mi"}),
    ("The evacuation lasted one and a half years.", "one and a half years",
     {"type": "duration", "value": 1.5, "unit": "year"}),
    ("Inspectors found a 1/4 inch crack in the hull.", "1/4 inch",
     {"type": "length", "value": 0.25, "unit": "in"}),
    ("Astronomers want an 8- to 16-metre mirror.", "8- to 16-metre",
     {"type": "length", "low": 8, "high": 16, "unit": "m", "qualifier": "range"}),
    ("Investors now value the chipmaker at $3.2T overall.", "$3.2T",
     {"type": "money", "value": 3_200_000_000_000, "unit": "USD"}),
    ("Each patient received 50 mg of the drug.", "50 mg",
     {"type": "mass", "value": 50, "unit": "mg"}),
    ("The shares slipped 34 cents in late trading.", "34 cents",
     {"type": "money", "value": 34, "unit": "cent"}),
    ("The port deal was worth HK$10.05 billion.", "HK$10.05 billion",
     {"type": "money", "value": 10_050_000_000, "unit": "HKD"}),
    ("Doctors said his temperature hit 103 degrees f overnight.", "103 degrees f",
     {"type": "temperature", "value": 103, "unit": "°F"}),
    ("Set the office thermostat to 68° this winter.", "68°",
     {"type": "temperature", "value": 68, "unit": "°"}),
    ("Forecasters expect 40 deg celsius on the coast.", "40 deg celsius",
     {"type": "temperature", "value": 40, "unit": "°C"}),
    ("Exports reached 420 million Swedish kronor.", "420 million Swedish kronor",
     {"type": "money", "value": 420_000_000, "unit": "SEK"}),
    ("The board voted 7 to 2 to approve the merger.", "7 to 2", {"type": "score"}),
    ("The sea wall is 3 m high.", "3 m", {"type": "length", "value": 3, "unit": "m"}),
    ("She won the 100m sprint in record time.", "100m",
     {"type": "length", "value": 100, "unit": "m"}),
    ("The firm raised $100m from investors.", "$100m",
     {"type": "money", "value": 100_000_000, "unit": "USD"}),
    ("The senator, 78, said he would run again.", "78", {"type": "age", "value": 78}),
    ("Bidders offered $5 per share for the stock.", "$5 per share",
     {"type": "money", "value": 5, "unit": "USD/share"}),
    ("The tanker spilled 4,500 tonnes a day.", "4,500 tonnes a day",
     {"type": "rate", "value": 4500, "unit": "t/day"}),
    ("The reactor delivers 5 GW (5,000 MW) at full load.", "5,000 MW",
     {"type": "power", "conversion_of": "5 GW", "consistent": True}),
    ("Temperatures reached 40C (104F) on Tuesday.", "104F",
     {"type": "temperature", "unit": "°F", "conversion_of": "40C", "consistent": True}),
    ("Exports more than doubled last year.", "more than doubled",
     {"type": "multiple", "value": 2, "low": 2, "high": None, "qualifier": "more-than"}),
    ("A few hundred people gathered outside.", "A few hundred",
     {"type": "count", "value": None, "low": 200, "high": 999, "qualifier": "vague"}),
    ("Several thousand troops crossed the border.", "Several thousand",
     {"low": 2000, "high": 9999, "qualifier": "vague"}),
    ("The war cost hundreds of millions of dollars.", "hundreds of millions of dollars",
     {"type": "money", "unit": "USD", "low": 200_000_000, "qualifier": "vague"}),
    ("Twenty percent of staff quit.", "Twenty percent", {"type": "percent", "value": 20}),
    # near misses of the rules above
    ("Displacement rose 12% year on year.", "12%", {"type": "percent", "value": 12}),
    ("She took part two days later.", "two days",
     {"type": "duration", "value": 2, "unit": "day"}),
    ("Costs hit £66 billion, up from €364 billion a year earlier.", "€364 billion",
     {"type": "money", "value": 364_000_000_000, "unit": "EUR"}),
    ("Lawmakers will table six amendments next week.", "six", {"type": "count", "value": 6}),
    ("Lawmakers will table 6 amendments next week.", "6", {"type": "count", "value": 6}),
    ("In the UK, 300 people died in the heatwave.", "300", {"type": "count", "value": 300}),
]


@pytest.mark.parametrize("text, figure, expected", FIGURE_CASES,
                         ids=[c[1] for c in FIGURE_CASES])
def test_figure_cases(nlp, text, figure, expected):
    check(figures(nlp, text), figure, expected)


# -- numbers that are not figures -----------------------------------------------------------
NOT_FIGURE_CASES = [
    ("Call 020 7946 0958 for details.", "020"),
    ("Your order number is 4471-2290-18.", "4471"),
    ("Items 3, 4 and 5 were approved.", "3"),
    ("Items 3, 4 and 5 were approved.", "5"),
    ("On the third day, rescuers found survivors.", "third"),
    ("The meeting starts at 3pm.", "3"),
    ("Police said one of the suspects fled.", "one"),
    ("The prime minister lives at No. 10 Downing Street.", "10"),
    ("Covid-19 cases rose sharply.", "19"),
    ("G7 leaders met in Italy.", "7"),
    ("The air force bought new F-16 jets.", "16"),
    ("Microsoft released Windows 11 to the public.", "11"),
    ("The votes were 1 2 3 4 5 in a row.", "4"),
    ("He came third, a third time.", "third"),
    ("The parties blamed one another.", "one"),
    ("No one was hurt in the blast.", "one"),
    ("In round two, the champion struggled.", "two"),
    ("Write to PA 23456 F Block, Cloud City.", "F"),
    ("The aid arrived on page 12 of the report.", "12"),
    ("Apple unveiled the iPhone 15 in September.", "15"),
    ("The S&P 500 rose 0.8% on Friday.", "500"),
    ("It was a one-off payment to staff.", "one"),
]


@pytest.mark.parametrize("text, number", NOT_FIGURE_CASES,
                         ids=[f"{c[1]}:{c[0][:20]}" for c in NOT_FIGURE_CASES])
def test_not_figures(nlp, text, number):
    doc = nlp(text)
    start = text.index(number)
    end = start + len(number)
    hits = [s.text for s in doc.spans["figures"]
            if s.start_char < end and start < s.end_char]
    assert hits == [], hits


def test_a_counted_figure_next_to_a_model_name(nlp):
    found = figures(nlp, "The air force bought 12 F-16 jets.")
    check(found, "12", {"type": "count", "value": 12, "unit": None})


def test_age_ranges_are_ranges_not_scores(nlp):
    found = figures(nlp, "Adults aged 18-24 were polled.")
    assert found["18-24"]["qualifier"] == "range"
    assert (found["18-24"]["low"], found["18-24"]["high"]) == (18, 24)


def test_a_change_from_to_is_two_figures(nlp):
    found = figures(nlp, "Rates rose from 3% to 4%.")
    assert found["3%"]["value"] == 3 and found["4%"]["value"] == 4


def test_degrees_are_temperature_only_when_the_sentence_says_so(nlp):
    hot = figures(nlp, "The heatwave pushed the mercury to 41 degrees.")
    turn = figures(nlp, "The ship turned 90 degrees to port.")
    assert hot["41 degrees"]["type"] == "temperature"
    assert turn["90 degrees"]["type"] == "angle"


# -- dates ------------------------------------------------------------------------------------
DATE_CASES = [
    ("The talks began on March 3.", "March 3", "2025-03-03"),
    ("The accord was signed on 3 March 2024.", "3 March 2024", "2024-03-03"),
    ("Officials met last week.", "last week", "2025-03-03/2025-03-09"),
    ("Earlier this month, the firm cut 200 jobs.", "Earlier this month", "2025-03-01/2025-03-12"),
    ("The leaders will meet next Tuesday.", "next Tuesday", "2025-03-18"),
    ("In the 1990s the city grew fast.", "1990s", "1990/1999"),
    ("In the '90s the port boomed.", "'90s", "1990/1999"),
    ("The mine closed in late 2023.", "late 2023", "2023-10/2023-12"),
    ("Revenue rose in Q3 2024.", "Q3 2024", "2024-07/2024-09"),
    ("Profits fell in the third quarter of 2023.", "the third quarter of 2023",
     "2023-07/2023-09"),
    ("This year has been hard for farmers.", "This year", "2025"),
    ("Two years ago the dam broke.", "Two years ago", "2023"),
    ("The attack happened on Monday night.", "Monday night", "2025-03-10"),
    ("The festival took place March 3-5.", "March 3-5", "2025-03-03/2025-03-05"),
    ("Between 2019 and 2021 sales slumped.", "Between 2019 and 2021", "2019/2021"),
    ("The 2019-2021 drought was severe.", "2019-2021", "2019/2021"),
    ("In mid-March the snow melted.", "mid-March", "2025-03-11/2025-03-20"),
    ("On Christmas Day the market was shut.", "Christmas Day", "2024-12-25"),
    ("The strike lasted from Monday to Friday.", "from Monday to Friday",
     "2025-03-10/2025-03-14"),
    ("The deal was struck in the first half of 2022.", "the first half of 2022",
     "2022-01/2022-06"),
    ("The museum reopened on 2024-05-01.", "2024-05-01", "2024-05-01"),
    ("He was born on July 4, 1976.", "July 4, 1976", "1976-07-04"),
    ("The law took effect last month.", "last month", "2025-02"),
    ("The coup took place three days ago.", "three days ago", "2025-03-10"),
    ("Since 2015, the population has grown.", "2015", "2015"),
    ("Shops were looted last night.", "last night", "2025-03-12"),
    ("Sales slowed last quarter.", "last quarter", "2024-10/2024-12"),
    ("The talks resume on Wednesday morning.", "Wednesday morning", "2025-03-19"),
    ("The city boomed in the late 1990s.", "the late 1990s", "1997/1999"),
    ("The empire peaked in the early 20th century.", "the early 20th century", "1900/1933"),
    ("Prices have climbed since last summer.", "last summer", "2024-06/2024-08"),
    ("A decade ago, few owned phones.", "A decade ago", "2015"),
    ("The measure took effect Jan 1.", "Jan 1", "2025-01-01"),
    ("The rally is planned for May 1st.", "May 1st", "2025-05-01"),
    ("Officials met on 12-14 March to discuss it.", "12-14 March", "2025-03-12/2025-03-14"),
    ("He was president from 2009 to 2017.", "from 2009 to 2017", "2009/2017"),
    ("Earlier this week, the minister resigned.", "Earlier this week",
     "2025-03-10/2025-03-12"),
]


def dates(nlp, text, published=PUBLISHED):
    doc = nlp(text)
    doc._.published = published
    return {s.text: s._.date for s in doc.spans["dates"]}


@pytest.mark.parametrize("text, expression, iso", DATE_CASES, ids=[c[1] for c in DATE_CASES])
def test_date_cases(nlp, text, expression, iso):
    found = dates(nlp, text)
    assert expression in found, found
    assert found[expression] == iso


@pytest.mark.parametrize("text, expression, iso", DATE_CASES, ids=[c[1] for c in DATE_CASES])
def test_without_publication_date_only_absolute_dates_resolve(nlp, text, expression, iso):
    found = dates(nlp, text, published=None)
    assert expression in found, found
    doc = nlp(text)
    data = next(s._.tk_date for s in doc.spans["dates"] if s.text == expression)
    if data.get("value"):
        assert found[expression] == iso
    else:
        assert found[expression] is None


def test_dates_told_from_another_event_are_found_but_unresolved(nlp):
    found = dates(nlp, "The day before, the army had withdrawn; two weeks later it returned.")
    assert found == {"The day before": None, "two weeks later": None}


def test_durations_are_not_timeline_dates(nlp):
    assert dates(nlp, "The siege lasted 30 days and the talks went on for decades.") == {}


# -- odd input ------------------------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "", " ", "\n\n", "12345", "1 2 3 4 5 6 7 8 9", "-", "½", "−", "%", "$", "0",
    "9" * 400, "1," * 50, "3.3.3.3", "minus", "between and", "10-", "-10-", "£££ 5",
    "\u00a0\u00a0200\u00a0km", "per cent per cent", "1/0 of it", "0 in 0", "one in zero",
])
def test_odd_input_never_breaks(nlp, text):
    doc = nlp(text)
    doc._.published = PUBLISHED
    rows = [(s.text, s._.tk_figure) for s in doc.spans["figures"]]
    rows += [(s.text, s._.date) for s in doc.spans["dates"]]
    json.dumps(rows)
    Doc(nlp.vocab).from_bytes(doc.to_bytes())


def test_non_breaking_spaces_and_unicode_minus(nlp):
    found = figures(nlp, "The front is 200\u00a0km long; 3\u00a0000 people fled; it was "
                         "\u22123\u00a0°C.")
    check(found, "200\u00a0km", {"type": "length", "value": 200, "unit": "km"})
    check(found, "3\u00a0000", {"type": "count", "value": 3000})
    check(found, "\u22123\u00a0°C", {"type": "temperature", "value": -3, "unit": "°C"})


def test_very_long_numbers_stay_plain_data(nlp):
    doc = nlp("The debt reached 123456789012345678901234567890 dollars.")
    data = doc.spans["figures"][0]._.tk_figure
    assert data["unit"] == "USD"
    assert math.isclose(data["value"], 1.2345678901234568e29)
    again = Doc(nlp.vocab).from_bytes(doc.to_bytes())
    assert again.spans["figures"][0]._.tk_figure == data


def test_a_doc_of_only_numbers(nlp):
    doc = nlp("5 10 15 20")
    assert list(doc.spans["figures"]) == []


def test_per_cent_with_a_no_break_space(nlp):
    found = figures(nlp, "Turnout was 61\u00a0per\u00a0cent.")
    check(found, "61\u00a0per\u00a0cent", {"type": "percent", "value": 61, "unit": "%"})
