"""The dates layer: finding time expressions and resolving them."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from toolkit.errors import ToolkitError
from toolkit.pipeline.dates import DateExtractor, resolve_date

from pipeline_support import PUBLISHED, dates_in as _dates


# -- resolution of parsed data (no model) -------------------------------------
def weekday(day, mod=None, tense=None):
    return {"kind": "relative", "rule": "weekday", "weekday": day, "mod": mod,
            "tense": tense, "value": None}


def month(m, mod=None, tense=None):
    return {"kind": "relative", "rule": "month", "month": m, "mod": mod, "tense": tense,
            "value": None}


@pytest.mark.parametrize("data, expected", [
    (weekday(3), "2025-03-13"),                       # Thursday on a Thursday: that day
    (weekday(1, tense="past"), "2025-03-11"),         # Tuesday: the most recent one
    (weekday(4, tense="past"), "2025-03-07"),         # Friday in the past: last week's
    (weekday(4, tense="future"), "2025-03-14"),       # "will meet on Friday": the next
    (weekday(3, mod="last"), "2025-03-06"),
    (weekday(0, mod="next"), "2025-03-17"),
    (month(8), "2024-08"),                            # "in August": the most recent one
    (month(3), "2025-03"),                            # the month of publication
    (month(3, mod="last"), "2024-03"),
    (month(8, mod="next"), "2025-08"),
    (month(5, tense="future"), "2025-05"),
    ({"rule": "relative_day", "offset": -1, "value": None}, "2025-03-12"),
    ({"rule": "relative_day", "offset": 1, "value": None}, "2025-03-14"),
    ({"rule": "relative_period", "unit": "week", "offset": -1, "value": None},
     "2025-03-03/2025-03-09"),
    ({"rule": "relative_period", "unit": "month", "offset": 1, "value": None}, "2025-04"),
    ({"rule": "relative_period", "unit": "year", "offset": -1, "value": None}, "2024"),
    ({"rule": "ago", "unit": "month", "n": 3, "value": None}, "2024-12"),
    ({"rule": "md", "month": 12, "day": 25, "tense": "past", "value": None}, "2024-12-25"),
    ({"rule": "md", "month": 3, "day": 20, "tense": "future", "value": None}, "2025-03-20"),
    ({"rule": "part_month", "month": 8, "part": "late", "mod": None, "value": None},
     "2024-08-21/2024-08-31"),
])
def test_relative_dates_resolve_against_publication(data, expected):
    assert resolve_date(data, PUBLISHED) == expected


def test_relative_dates_stay_unresolved_without_publication_date():
    assert resolve_date(weekday(3), None) is None
    assert resolve_date(month(8), None) is None
    assert resolve_date({"rule": "relative_day", "offset": -1, "value": None}, None) is None


def test_absolute_dates_need_no_publication_date():
    assert resolve_date({"rule": "year", "value": "1989"}, None) == "1989"


def test_bad_publication_date_is_a_numbered_error():
    with pytest.raises(ToolkitError) as err:
        resolve_date(weekday(3), "13/03/2025")
    assert err.value.code == "TK132"


# -- finding dates on hand-built Docs (no model) ------------------------------------
def dates_of(nlp, words, spaces=None, published=None, **attrs):
    """Dates in a Doc built by hand: a list of words, or a text run through the
    tokenizer only (no statistical model)."""
    if isinstance(words, str):
        doc = nlp.make_doc(words)
    else:
        doc = Doc(nlp.vocab, words=words, spaces=spaces, **attrs)
    doc._.published = published
    DateExtractor(nlp)(doc)
    return [(s.text, s._.date) for s in doc.spans["dates"]]


def test_absolute_dates_and_years(nlp):
    words = "The war began in February 2022, not in 1989, and slowed in mid-2024 before March 13, 2025."
    found = dates_of(nlp, words)
    assert found == [("February 2022", "2022-02"), ("1989", "1989"),
                     ("mid-2024", "2024-06/2024-07"), ("March 13, 2025", "2025-03-13")]


def test_quarters_and_halves_with_the_year_first_or_last(nlp):
    words = "Output fell in 2023 Q2, rose in the 2021-q4 report and doubled in q1 2022 and 2024 H2."
    assert dates_of(nlp, words) == [("2023 Q2", "2023-04/2023-06"),
                                    ("2021-q4", "2021-10/2021-12"),
                                    ("q1 2022", "2022-01/2022-03"),
                                    ("2024 H2", "2024-07/2024-12")]


def test_a_year_before_a_count_is_not_a_quarter(nlp):
    words = "By 2023 12 firms had left."
    assert dates_of(nlp, words) == [("2023", "2023")]


def test_previous_weekday_is_the_last_one(nlp):
    # published on a Thursday: "previous Thursday" and "last Monday" are those of
    # the week before; "this past Monday" is the nearest one back
    words = "The talks of previous Thursday, last Monday and this past Monday failed."
    assert dates_of(nlp, words, published=PUBLISHED) == [("previous Thursday", "2025-03-06"),
                                                         ("last Monday", "2025-03-03"),
                                                         ("this past Monday", "2025-03-10")]


def test_early_late_seasons_and_decades(nlp):
    words = "In early 2023, late 2021, summer 2019 and the 1990s."
    assert dates_of(nlp, words) == [("early 2023", "2023-01/2023-03"),
                                    ("late 2021", "2021-10/2021-12"),
                                    ("summer 2019", "2019-06/2019-08"),
                                    ("1990s", "1990/1999")]


def test_relative_words_resolve_only_with_publication_date(nlp):
    words = "Yesterday and last week, and in August, officials met."
    assert dates_of(nlp, words) == [("Yesterday", None), ("last week", None),
                                    ("August", None)]
    assert dates_of(nlp, words, published=PUBLISHED) == [
        ("Yesterday", "2025-03-12"), ("last week", "2025-03-03/2025-03-09"),
        ("August", "2024-08")]


def test_durations_and_times_of_day_are_not_dates(nlp):
    words = "The talks lasted 30 days, for decades, in the evening, over the last year."
    assert dates_of(nlp, words, published=PUBLISHED) == []


def test_last_the_verb_starts_a_duration_not_the_past_days(nlp):
    import toolkit

    text = "The truce would last 30 days after prices fell in the last 30 days."
    analysis = toolkit.analyze_text(text, published=PUBLISHED, nlp=nlp)
    assert analysis.timeline[["text", "date"]].values.tolist() == [
        ["the last 30 days", "2025-02-11/2025-03-12"]]
    assert "30 days" in analysis.figures["text"].tolist()  # the truce's length


def test_may_the_verb_is_not_a_month(nlp):
    words = ["He", "May", "win", ";", "she", "may", "quit", "in", "May", "."]
    assert [t for t, _ in dates_of(nlp, words, published=PUBLISHED)] == ["May"]
    doc = Doc(nlp.vocab, words=words)
    DateExtractor(nlp)(doc)
    assert doc.spans["dates"][0].start == 8


def test_a_year_that_counts_things_is_not_a_year(nlp):
    words = ["In", "2014", ",", "2000", "troops", "left", "."]
    tags = ["IN", "CD", ",", "CD", "NNS", "VBD", "."]
    assert dates_of(nlp, words, tags=tags) == [("2014", "2014")]


# -- with the statistical model -----------------------------------------------------
def resolved(nlp, text, published=PUBLISHED):
    doc = nlp(text)
    doc._.published = published
    return {s.text: s._.date for s in doc.spans["dates"]}


def test_tense_picks_the_past_or_next_weekday(nlp):
    found = resolved(nlp, "The ministers will meet on Friday. They met on Tuesday.")
    assert found == {"Friday": "2025-03-14", "Tuesday": "2025-03-11"}


def test_since_points_to_the_past(nlp):
    assert resolved(nlp, "Ukraine controls the town since Wednesday.") == \
        {"Wednesday": "2025-03-12"}


def test_publication_date_may_be_set_after_processing(nlp):
    doc = nlp("Troops crossed the border in August and withdrew last week.")
    assert [s._.date for s in doc.spans["dates"]] == [None, None]
    doc._.published = PUBLISHED
    assert [s._.date for s in doc.spans["dates"]] == ["2024-08", "2025-03-03/2025-03-09"]


def test_dates_survive_serialisation(nlp):
    doc = nlp("Talks resumed on Thursday, a year after March 2024.")
    doc._.published = PUBLISHED
    again = Doc(nlp.vocab).from_bytes(doc.to_bytes())
    assert [(s.text, s._.date) for s in again.spans["dates"]] == [
        ("Thursday", "2025-03-13"), ("a year after March 2024", "2025-03")]


def test_no_publication_date_leaves_relative_dates_unresolved(nlp):
    import toolkit

    analysis = toolkit.analyze_text("On Thursday the army said it left in February 2022.",
                                    nlp=nlp)
    rows = dict(zip(analysis.timeline["text"], analysis.timeline["date"]))
    assert rows == {"Thursday": None, "February 2022": "2022-02"}


# -- the seed article --------------------------------------------------------------
def _nth(text, needle, occurrence=1):
    start = -1
    for _ in range(occurrence):
        start = text.index(needle, start + 1)
    return start


def test_seed_timeline_required_items(seed_analysis, gold):
    timeline = seed_analysis.timeline
    assert gold["timeline"]["with_published"] == seed_analysis.published
    for item in gold["timeline"]["required"]:
        start = _nth(seed_analysis.text, item["text"], item.get("occurrence", 1))
        rows = timeline[(timeline["start"] == start) & (timeline["text"] == item["text"])]
        assert len(rows) == 1, f"missing timeline item {item['text']!r}"
        assert rows.iloc[0]["date"] == item["date"], item
        assert rows.iloc[0]["resolved"] is True or rows.iloc[0]["resolved"] == True  # noqa: E712


def test_seed_durations_and_times_stay_off_the_timeline(seed_analysis):
    texts = set(seed_analysis.timeline["text"])
    assert not texts & {"30 days", "decades", "evening"}


# -- relative and partial periods, spans, and names (issue 9) ------------------
@pytest.mark.parametrize("text, phrase, value", [
    ("Fuel prices climbed late last month.", "late last month", "2025-02-21/2025-02-28"),
    ("Talks may resume early next year.", "early next year", "2026-01/2026-03"),
    ("The vote comes at the end of this week.", "the end of this week", "2025-03-14/2025-03-16"),
    ("Over the past two weeks the river rose.", "the past two weeks", "2025-02-27/2025-03-12"),
    ("Exports fell in the last three months.", "the last three months", "2024-12-13/2025-03-12"),
    ("Rates stay high for the next six months.", "the next six months", "2025-03-14/2025-09-13"),
    ("The past year was the wettest.", "The past year", "2024-03-13/2025-03-12"),
])
def test_partial_periods_and_spans_resolve(nlp, text, phrase, value):
    found = _dates(nlp, text)
    assert found.get(phrase) == value, found


def test_a_span_of_untold_length_is_a_date_left_unresolved(nlp):
    found = _dates(nlp, "More rain is expected in the coming days.")
    assert "the coming days" in found and found["the coming days"] is None


@pytest.mark.parametrize("text", [
    "The channel Russia Today aired the speech.",
    "A columnist at USA Today disagreed.",
])
def test_today_inside_a_name_is_not_a_date(nlp, text):
    assert not any(k.lower() == "today" for k in _dates(nlp, text))


@pytest.mark.parametrize("text", ["Today the bridge reopened.", "The bridge reopened today.",
                                  "Ministers met. Today, prices rose."])
def test_today_as_a_day_is_still_a_date(nlp, text):
    found = _dates(nlp, text)
    assert [v for k, v in found.items() if k.lower() == "today"] == ["2025-03-13"]


@pytest.mark.parametrize("text, phrase, value", [
    ("Profits fell in the previous quarter.", "the previous quarter", "2024-10/2024-12"),
    ("Sales should recover in the coming quarter.", "the coming quarter", "2025-04/2025-06"),
    ("Revenue grew in Q1 on strong exports.", "Q1", "2025-01/2025-03"),
    ("Last fiscal year was the weakest.", "Last fiscal year", "2024"),
    ("A deal is expected by the end of the month.", "the end of the month",
     "2025-03-21/2025-03-31"),
])
def test_business_periods_resolve(nlp, text, phrase, value):
    assert _dates(nlp, text).get(phrase) == value


@pytest.mark.parametrize("text", [
    "Bound together by 2,000 years of trade, the two ports stayed close.",
    "The offer is valid in 0 days, the notice said.",
    "A 1.5 years delay was announced on Monday.",
])
def test_zero_counts_and_counts_inside_numbers_are_no_pieces(nlp, text):
    import toolkit

    analysis = toolkit.analyze_text(text, published=PUBLISHED, nlp=nlp)
    assert analysis.problems.empty  # the dates layer ran to its end
    assert not any(k.startswith(("000", "5 years")) for k in _dates(nlp, text))


def test_the_following_days_are_told_from_an_event_not_the_publication(nlp):
    import toolkit

    text = ("The deal frees 40 prisoners over the following 10 days. "
            "Prices rose over the past 10 days.")
    analysis = toolkit.analyze_text(text, published=PUBLISHED, nlp=nlp)
    assert analysis.timeline[["text", "date"]].values.tolist() == [
        ["the following 10 days", None], ["the past 10 days", "2025-03-03/2025-03-12"]]
