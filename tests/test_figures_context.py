"""Figures read in their context: pounds of weight or of money, a rise in
temperature restated in other units, and a full stop after "£40m". Every
sentence was written for this suite."""

from __future__ import annotations

import pytest

import toolkit


def _figures(nlp, text):
    return toolkit.analyze_text(text, nlp=nlp).figures


@pytest.mark.parametrize("text, unit", [
    ("The catch fell to 94 million pounds in 2022.", "lb"),
    ("Agents seized 2 million pounds of grain at the border.", "lb"),
    ("The club paid 50 million pounds for the striker.", "GBP"),
    ("Rents hit £3,000 a month; the new stadium will need 300 million pounds.", "GBP"),
    ("The bridge carries freight, costing 12 million pounds a year.", "GBP/year"),
])
def test_pounds_are_weight_unless_money_is_near(nlp, text, unit):
    rows = _figures(nlp, text)
    pounds = rows[rows["text"].str.contains("pounds")]
    assert pounds["unit"].tolist() == [unit], rows[["text", "unit"]].values.tolist()


@pytest.mark.parametrize("text, consistent", [
    ("The lake has warmed by about 3 degrees Fahrenheit (1.7 degrees Celsius) since 1980.", True),
    ("It was 50 degrees Fahrenheit (10 degrees Celsius) at noon.", True),
    ("Temperatures rose to 104F (40C) on Monday.", True),
    ("It was 50 degrees Fahrenheit (28 degrees Celsius) at noon.", False),
])
def test_a_temperature_change_converts_as_a_difference(nlp, text, consistent):
    rows = _figures(nlp, text)
    restated = rows[rows["conversion_of"].notna()]
    assert restated["consistent"].tolist() == [consistent], rows.values.tolist()


def test_a_full_stop_after_millions_in_letters_ends_the_sentence(nlp):
    doc = nlp("Sales rose to \u00a340m. Costs rose to \u00a312m.")
    assert [s.text for s in doc.sents] == ["Sales rose to \u00a340m.", "Costs rose to \u00a312m."]
    assert [s.text for s in doc.spans["figures"]] == ["\u00a340m", "\u00a312m"]
