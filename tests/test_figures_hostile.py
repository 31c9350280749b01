"""Hostile and malformed input for the figures and dates layers (issue 14):
out-of-calendar dates stay unresolved with a numbered warning, malformed
numbers are not read as smaller ones, powers are one figure, and no text made
of random tokens, numbers and dates raises from these components."""

from __future__ import annotations

import datetime as dt
import warnings

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from toolkit.errors import ToolkitWarning
from toolkit.pipeline.dates import resolve_date


def _run(nlp, text, published="2025-03-13"):
    doc = nlp.make_doc(text)
    doc._.published = published
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    return doc


def _timeline(doc):
    return {s.text: s._.date for s in doc.spans["dates"]}


def _figures(doc):
    return {s.text: s._.tk_figure for s in doc.spans["figures"]}


@pytest.mark.parametrize("text, phrase", [
    ("The feud began 800000 days ago, the elders say.", "800000 days ago"),
    ("A record from 99999999999 days ago was cited.", "99999999999 days ago"),
    ("The walls were raised 3000 years ago.", "3000 years ago"),
])
def test_dates_beyond_the_calendar_stay_unresolved_with_a_warning(nlp, text, phrase):
    with pytest.warns(ToolkitWarning, match="TKW160"):
        doc = _run(nlp, text)
        found = _timeline(doc)
    assert phrase in found
    assert found[phrase] is None


def test_a_few_centuries_ago_still_resolves(nlp):
    with warnings.catch_warnings():
        warnings.simplefilter("error", ToolkitWarning)
        doc = _run(nlp, "The bridge was built 300 years ago.")
        assert _timeline(doc)["300 years ago"] == "1725"


@pytest.mark.parametrize("published", ["9999-12-31", "0001-01-01"])
def test_relative_dates_at_the_ends_of_the_calendar_do_not_raise(nlp, published):
    text = ("They meet tomorrow and again next Thursday; they met yesterday, last Monday, "
            "last month, next year and two weeks ago.")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ToolkitWarning)
        doc = _run(nlp, text, published)
        dates = _timeline(doc)
    assert len(dates) >= 6
    for value in dates.values():
        if value is not None:
            for part in value.split("/"):
                assert 1 <= int(part[:4]) <= 9999 and part[0] != "-"


def test_resolve_date_on_a_bad_day_count_is_none_not_an_error():
    data = {"kind": "relative", "rule": "ago", "unit": "day", "n": 10 ** 30, "value": None}
    with pytest.warns(ToolkitWarning, match="TKW160"):
        assert resolve_date(data, dt.date(2025, 3, 13)) is None


def test_malformed_digit_groups_are_not_read_as_a_smaller_number(nlp):
    found = _figures(_run(nlp, "The charity raised 1,,000 dollars and 7..5 more in spring."))
    assert not any(f.get("value") in (1, 7, 5, 1000) for f in found.values()), found


@pytest.mark.parametrize("text, written, value", [
    ("The model counts 10^100 possible games.", "10^100", 1e100),
    ("Each cell holds about 2.5x10^3 molecules.", "2.5x10^3", 2500.0),
    ("The error was near 4e-3 in the last run.", "4e-3", 0.004),
])
def test_powers_are_one_figure_with_their_value(nlp, text, written, value):
    found = _figures(_run(nlp, text))
    assert written in found, found
    assert found[written]["value"] == pytest.approx(value)
    assert not any(t in found for t in ("10", "100", "3", "2.5")), found


def test_a_power_beyond_a_float_has_no_value_but_is_kept_whole(nlp):
    found = _figures(_run(nlp, "Some say 10^5000 universes exist."))
    assert found.get("10^5000", {}).get("value", "missing") is None
    assert "5000" not in found


TOKENS = ["the", "said", "according", "to", "he", "ago", "days", "years", "last", "next",
          "Thursday", "March", "2024", "1,000", "1,,000", "10^100", "3.5", "million", "%",
          "$", "€", "km", "per", "hour", "-", "–", "/", "\"", ".", ",", "\n", "Today",
          "between", "and", "late", "early", "0", "99999999999", "1e400", "½", "°C", "years old"]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(words=st.lists(st.one_of(st.sampled_from(TOKENS),
                                st.integers(min_value=-10 ** 12, max_value=10 ** 15).map(str),
                                st.text(alphabet="0123456789,.^e-/ ", min_size=1, max_size=8)),
                      max_size=60),
       published=st.sampled_from(["2025-03-13", "9999-12-31", "0001-01-01", None]))
def test_random_tokens_never_raise_from_figures_or_dates(nlp, words, published):
    text = " ".join(words)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ToolkitWarning)
        doc = _run(nlp, text, published)
        for span in doc.spans["dates"]:
            _ = span._.date
        for span in doc.spans["figures"]:
            assert 0 <= span.start_char <= span.end_char <= len(text)
