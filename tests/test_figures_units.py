"""Units and forms added for issue 9, on sentences written for these tests:
currencies from ISO 4217 (pycountry), sterling told from weight, data sizes,
kitchen measures, small masses, durations without a digit, ranges with
"through" and "~"."""

from __future__ import annotations

import pytest

from toolkit import units as U

from pipeline_support import figures_in as _figures


@pytest.mark.parametrize("text, written, facts", [
    ("The mill was sold for 420 million mexican pesos last spring.", "420 million mexican pesos",
     {"type": "money", "value": 420e6, "unit": "MXN"}),
    ("Tourists paid 7,500 Costa Rican colons for the tour.", "7,500 Costa Rican colons",
     {"type": "money", "unit": "CRC"}),
    ("The grant came to 12 million CHF over three years.", "12 million CHF",
     {"type": "money", "value": 12e6, "unit": "CHF"}),
    ("Quarterly profit climbed to 361 million pounds.", "361 million pounds",
     {"type": "money", "unit": "GBP"}),
    ("The club paid 40 pounds per ticket.", "40 pounds", {"type": "money", "unit": "GBP"}),
    ("The newborn weighed 8 pounds at birth.", "8 pounds", {"type": "mass", "unit": "lb"}),
    ("The leaked archive is 250 GB in size.", "250 GB", {"type": "data", "value": 250, "unit": "GB"}),
    ("Stir in 2 tablespoons of sugar.", "2 tablespoons", {"type": "volume", "unit": "tbsp"}),
    ("Each tablet holds 150 micrograms of iodine.", "150 micrograms", {"type": "mass", "unit": "µg"}),
    ("Speeds of 90 kmph were recorded.", "90 kmph", {"type": "speed", "unit": "km/h"}),
    ("Turnout rose by 12 percents in the north.", "12 percents", {"type": "percent", "unit": "%"}),
    ("Flights carry 20 through 40 passengers.", "20 through 40",
     {"low": 20, "high": 40, "qualifier": "range"}),
    ("Crates weigh 20~30 kg each.", "20~30 kg", {"low": 20, "high": 30, "unit": "kg"}),
    ("The meeting lasted for an hour and then broke up.", "an hour",
     {"type": "duration", "value": 1, "unit": "hour"}),
    ("Repairs took several weeks to finish.", "several weeks",
     {"type": "duration", "qualifier": "vague", "unit": "week"}),
    # "due within a fortnight" is now a date ahead (on the timeline), not a duration
    ("The talks lasted a fortnight.", "a fortnight",
     {"type": "duration", "value": 2, "unit": "week"}),
])
def test_units_and_forms(nlp, text, written, facts):
    found = _figures(nlp, text)
    assert written in found, sorted(found)
    for key, want in facts.items():
        got = found[written][key]
        if isinstance(want, (int, float)) and not isinstance(want, bool):
            assert got == pytest.approx(want), (key, found[written])
        else:
            assert got == want, (key, found[written])


@pytest.mark.parametrize("text, not_written", [
    ("Oil traded at $90 a barrel twice a day.", "a day"),
    ("In the early days few people came.", "days"),
    ("A day later the bridge reopened.", "A day"),
])
def test_rates_and_bare_time_words_are_not_durations(nlp, text, not_written):
    found = _figures(nlp, text)
    assert not any(f["type"] == "duration" and not_written in k for k, f in found.items()), found


def test_iso_codes_are_upper_case_only():
    assert U.normalise_unit("ALL") == "ALL"          # the Albanian lek
    assert U.normalise_unit("all") is None           # the English word
    assert U.normalise_unit("TOP") == "TOP" and U.normalise_unit("top") is None


def test_every_iso_currency_is_money_and_never_converted():
    import pycountry

    for code in ("EUR", "JPY", "GEL", "LAK", "XOF"):
        assert pycountry.currencies.get(alpha_3=code) is not None
        assert U.unit_type(code) == "money"
        assert not U.convertible(code, "USD")


@pytest.mark.parametrize("a, b, value, expected", [
    ("tbsp", "tsp", 1, 3.0), ("GB", "MB", 2, 2000.0), ("µg", "mg", 500, 0.5), ("dm", "cm", 3, 30.0),
])
def test_new_units_convert_with_pint(a, b, value, expected):
    assert U.convert(value, a, b) == pytest.approx(expected)


@pytest.mark.parametrize("text, written, value", [
    ("Three dozen protesters gathered outside.", "Three dozen", 36),
    ("The census counted 1 414 021 100 residents.", "1 414 021 100", 1_414_021_100),
    ("Half million households lost power.", "Half million", 500_000),
    ("A quarter million people signed.", "A quarter million", 250_000),
    ("The fund is worth 10 bln dollars.", "10 bln dollars", 10e9),
    ("Only 3 out of 10 shops reopened.", "3 out of 10", 0.3),
])
def test_number_forms(nlp, text, written, value):
    found = _figures(nlp, text)
    assert written in found, sorted(found)
    assert found[written]["value"] == pytest.approx(value)


def test_a_phone_number_with_spaces_stays_no_figure(nlp):
    found = _figures(nlp, "Call the desk on 020 7946 0958 before noon.")
    assert not any(f["value"] in (20, 7946, 958, 207946958) for f in found.values()), found
