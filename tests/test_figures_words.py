"""Numbers in words, fractions, unit symbols read with pint, and who claims a
figure (issue 9, item 4; issue 10: one reporting-verb list), on sentences
written for these tests."""

from __future__ import annotations

import pytest

from toolkit import units as U
from toolkit.pipeline import numbers as N
from toolkit.pipeline import figure_links
from toolkit.pipeline import speech

from pipeline_support import figures_in as _figures


@pytest.mark.parametrize("written, value", [
    ("two hundred and fifty", 250), ("a dozen", 12), ("three dozens", 36), ("322 hundred", 32200),
    ("five point five", 5.5), ("two hundred point zero three", 200.03),
    ("nought point eleven", 0.11), ("three lakh crore", 3e12), ("a hundred thousand", 1e5),
    ("fifty - two", 52), ("two and a half million", 2.5e6), ("3 million and a quarter", 3.25e6),
    ("one billion and a half million", 1.0005e9), ("six million and two thirds", 6_666_666.67),
    ("three quarters billion", 7.5e8), ("five and a quarter", 5.25),
    ("one hundred and three quarters", 100.75), ("forty two and a third", 42.3333),
])
def test_numbers_in_words(written, value):
    assert N.parse_number(written) == pytest.approx(value, rel=1e-6)


@pytest.mark.parametrize("written, value", [
    ("one eighth", 0.125), ("a hundredth", 0.01), ("twenty-three fifths", 4.6),
    ("three quarters", 0.75), ("one over three", 1 / 3), ("one out of three", 1 / 3),
])
def test_fractions_in_words(written, value):
    assert N.parse_fraction(written) == pytest.approx(value)


def test_and_joins_only_after_a_scale_word():
    assert N.parse_number("ten and fifteen") == 25  # the parser adds ...
    import re
    # ... but the pattern that finds numbers never reads "ten and fifteen" as one
    assert not re.fullmatch(N.WORD_NUMBER, "ten and fifteen")
    assert re.fullmatch(N.WORD_NUMBER, "two hundred and two thousand")


@pytest.mark.parametrize("text, written, facts", [
    ("The survey found one eighth of homes empty.", "one eighth",
     {"type": "fraction", "value": 0.125}),
    ("At the end the reading was minus five point five.", "minus five point five",
     {"value": -5.5}),
    ("He scores between negative ten and fifteen.", "between negative ten and fifteen",
     {"low": -10, "high": 15, "qualifier": "range"}),
    ("The fund is worth three quarters billion us dollars.", "three quarters billion us dollars",
     {"type": "money", "value": 7.5e8, "unit": "USD"}),
    ("The town counts 3 million and a half residents.", "3 million and a half",
     {"value": 3.5e6}),
    ("The panel is 2 in thick.", "2 in", {"type": "length", "unit": "in"}),
    ("The lake holds 4 cubic kilometres of water.", "4 cubic kilometres",
     {"type": "volume", "unit": "km³"}),
    ("The reserve covers 4 km squared.", "4 km squared", {"type": "area", "unit": "km²"}),
    ("The beam carried 1.7 eV per particle.", "1.7 eV", {"type": "energy", "unit": "eV"}),
    ("The chip runs at 2.8 GHz when hot.", "2.8 GHz", {"type": "frequency", "unit": "GHz"}),
    ("Light at 4e14 s-1 is violet.", "4e14 s-1", {"value": 4e14, "unit": "s-1"}),
    ("The buyer paid 10 000 dollars in cash.", "10 000 dollars",
     {"type": "money", "value": 10000, "unit": "USD"}),
    ("The rifle has a 7.62mm barrel.", "7.62mm", {"type": "length", "value": 7.62, "unit": "mm"}),
    ("The load was 278,000 t of ore.", "278,000 t", {"type": "mass", "unit": "t"}),
])
def test_figures_read_from_words_and_symbols(nlp, text, written, facts):
    found = _figures(nlp, text)
    assert written in found, sorted(found)
    for key, want in facts.items():
        got = found[written][key]
        assert got == (pytest.approx(want) if isinstance(want, float) else want), (key, got)


@pytest.mark.parametrize("text, not_a_figure", [
    ("They won a third straight title.", "a third"),
    ("He served a fifth term in office.", "a fifth"),
    ("There are two in my car.", "two in"),
    ("We meet at 2 pm on the quay.", "2 pm"),
])
def test_ordinals_times_and_prepositions_are_not_figures(nlp, text, not_a_figure):
    assert not_a_figure not in _figures(nlp, text)


def test_a_list_of_durations_is_several_figures(nlp):
    found = _figures(nlp, "The project ran for 3 years, 2 months, 14 days.")
    assert {"3 years", "2 months", "14 days"} <= set(found)
    assert _figures(nlp, "The suspect is 5 ft 10 in tall.")["5 ft 10 in"]["unit"] == "ft"


def test_unit_symbols_are_read_with_pint_but_words_are_not():
    assert U.normalise_unit("mGy") == "mGy"
    assert U.unit_type(U.normalise_unit("GHz")) == "frequency"
    assert U.unit_type(U.normalise_unit("TeV")) == "energy"
    assert U.normalise_unit("am") is None and U.normalise_unit("pm") is None
    assert U.normalise_unit("Ms") is None
    assert U.normalise_unit("exabytes") == "EB"
    assert U.convert(1, "km³", "m³") == pytest.approx(1e9)
    assert U.convert(2, "ft²", "m²") == pytest.approx(0.18580608)


def test_the_one_reporting_verb_list_names_the_source(nlp):
    # figures keep no verb list of their own: they use speech.py's
    assert speech.REPORTING_VERBS <= figure_links.CLAIM_VERBS
    assert not hasattr(__import__("toolkit.pipeline.figure_patterns",
                                  fromlist=["x"]), "REPORTING_VERBS")
    found = _figures(nlp, "Firefighters warned that 300 homes were lost in the blaze.")
    assert found["300"]["source"] == "Firefighters"


@pytest.mark.parametrize("text, written, facts", [
    ("The ticket cost 3 dollars 50 cents at the door.", "3 dollars 50 cents",
     {"type": "money", "value": 3.5, "unit": "USD"}),
    ("It came to thirteen dollars and forty-five cents", "thirteen dollars and forty-five cents",
     {"value": 13.45, "unit": "USD"}),
    ("The firm lost 75 USD million last year.", "75 USD million",
     {"value": 75e6, "unit": "USD"}),
    ("Losses of 30 MUSD were booked.", "30 MUSD", {"value": 30e6, "unit": "USD"}),
    ("The charge was C$ 300 million.", "C$ 300 million", {"value": 300e6, "unit": "CAD"}),
    ("Lunch is 10 $ here.", "10 $", {"type": "money", "unit": "USD"}),
    ("A bowl costs 100元 there.", "100元", {"type": "money", "unit": "CNY"}),
    ("Dealers ask cad$ 15 for it.", "cad$ 15", {"unit": "CAD"}),
    ("Temperatures hit 40C in the city.", "40C", {"type": "temperature", "unit": "°C"}),
    ("Doses were more than 10 and less than 40 mg.", "more than 10 and less than 40 mg",
     {"low": 10, "high": 40, "qualifier": "range", "unit": "mg"}),
    ("About 20 to 30 people came.", "About 20 to 30", {"low": 20, "high": 30}),
])
def test_money_temperatures_and_bounds(nlp, text, written, facts):
    found = _figures(nlp, text)
    assert written in found, sorted(found)
    for key, want in facts.items():
        got = found[written][key]
        assert got == (pytest.approx(want) if isinstance(want, float) else want), (key, got)


def test_a_letter_glued_to_a_number_is_a_model_name_without_heat(nlp):
    found = _figures(nlp, "The fund sent its 13F filing late.")
    assert all(f["type"] != "temperature" for f in found.values()), found
    found = _figures(nlp, "He paid 5 dollars and 4 children came along.")
    assert found["5 dollars"]["value"] == 5


def test_digit_chains_and_shared_units(nlp):
    found = _figures(nlp, "The clerk wrote 4 thousand 3 hundred and 21 on the form.")
    assert found["4 thousand 3 hundred and 21"]["value"] == 4321
    found = _figures(nlp, "The lists held 3 hundred and 2 hundred names.")
    assert "3 hundred" in found and found["3 hundred"]["value"] == 300
    found = _figures(nlp, "Patients got 45 and 50 mg doses.")
    assert found["45"]["unit"] == "mg" and found["50 mg"]["unit"] == "mg"
    found = _figures(nlp, "Only two out of five hundred sets worked.")
    assert found["two out of five hundred"]["value"] == pytest.approx(0.004)
