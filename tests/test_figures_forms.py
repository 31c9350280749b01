"""Forms of figures added for issue 9 (item 4), on sentences written for these
tests: uncertainties, signed ranges written downwards, short ages, bracketed
negative amounts, a spaced "k", lengths that cannot be times, and who reckons a
figure ("officials put the toll at 40")."""

from __future__ import annotations

import pytest

from toolkit import units as U

from pipeline_support import figures_in as _figures


@pytest.mark.parametrize("text, written, facts", [
    ("The probe measured 3.2 ± 0.4 km of ice.", "3.2 ± 0.4 km",
     {"type": "length", "value": 3.2, "low": 2.8, "high": 3.6, "unit": "km",
      "qualifier": "approximate"}),
    ("Each dose held 25 +/- 2 mg of the salt.", "25 +/- 2 mg",
     {"type": "mass", "value": 25, "low": 23, "high": 27, "unit": "mg"}),
    ("Winter nights ranged from -12 °C to -30 °C in the valley.", "from -12 °C to -30 °C",
     {"type": "temperature", "low": -30, "high": -12, "unit": "°C", "qualifier": "range"}),
    ("Readings ranged from -4 to 9 degrees Celsius overnight.", "from -4 to 9 degrees Celsius",
     {"low": -4, "high": 9, "unit": "°C"}),
    ("The ward admitted a 64 yo woman with a fracture.", "64 yo",
     {"type": "age", "value": 64, "unit": "year"}),
    ("The foal was ten months old at the sale.", "ten months old",
     {"type": "age", "value": 10, "unit": "month"}),
    ("Most cases appear at around 4 years of age.", "around 4 years of age",
     {"type": "age", "value": 4, "unit": "year"}),
    ("The club's operating result was ($4.5 million) for the season.", "($4.5 million)",
     {"type": "money", "value": -4.5e6, "unit": "USD"}),
    ("Downloads passed 7.5 k, the firm said.", "7.5 k", {"type": "count", "value": 7500}),
    ("The lattice spacing is 3.1 pm in the new alloy.", "3.1 pm",
     {"type": "length", "value": 3.1, "unit": "pm"}),
])
def test_forms(nlp, text, written, facts):
    found = _figures(nlp, text)
    assert written in found, found
    for key, value in facts.items():
        got = found[written][key]
        if isinstance(value, float):
            assert got == pytest.approx(value), (key, got)
        else:
            assert got == value, (key, got)


@pytest.mark.parametrize("text, absent", [
    ("The talks resumed at 2.30 pm on Monday.", "2.30 pm"),
    ("The shuttle leaves at 9 pm sharp.", "9 pm"),
    ("The entry fee ($20) was waived for children.", "($20)"),
    ("Temperatures climbed from 5 to 2 degrees below the norm.", "5 to 2 degrees"),
])
def test_not_these_forms(nlp, text, absent):
    found = _figures(nlp, text)
    assert absent not in found, found
    if absent == "($20)":  # an aside, not a negative amount
        assert found["$20"]["value"] == 20


def test_picometres_convert_with_pint():
    assert U.convert(2.5, "pm", "nm") == pytest.approx(0.0025)
    assert U.normalise_unit("pm") is None  # "pm" alone stays a time of day


@pytest.mark.parametrize("text, written, source", [
    ("Local officials put the death toll at 43 on Sunday.", "43", "Local officials"),
    ("The agency counted 1,200 new cases in March.", "1,200", "agency"),
    ("Analysts calculate the cost at $5bn.", "$5bn", "Analysts"),
    ("The damage was put at $2m by the insurers.", "$2m", "insurers"),
])
def test_reckoning_verbs_name_the_source(nlp, text, written, source):
    found = _figures(nlp, text)
    assert found[written]["source"] == source, found[written]


def test_a_verb_of_placing_needs_at(nlp):
    found = _figures(nlp, "Guards put 30 crates in the hold.")
    assert found["30"]["source"] is None


@pytest.mark.parametrize("written, value", [
    ("one twenty-fifth", 1 / 25), ("three twenty-firsts", 3 / 21), ("a thirty-sixth", 1 / 36),
    ("twenty twenty fifths", 20 / 25), ("one hundred thirty-fifths", 100 / 35),
    ("one hundred and thirty fifths", 130 / 5), ("twenty one fifths", 21 / 5),
])
def test_compound_ordinals_name_a_part(written, value):
    from toolkit.pipeline import numbers as N
    assert N.parse_fraction(written) == pytest.approx(value)


@pytest.mark.parametrize("text, written, facts", [
    ("The reading was minus two thirds on the dial.", "minus two thirds", {"value": -2 / 3}),
    ("The desk booked US$ 4MM in fees.", "US$ 4MM", {"type": "money", "value": 4e6}),
    ("The villa sold for 900 million pesetas in 1990.", "900 million pesetas",
     {"type": "money", "unit": "ESP"}),
    ("The bonds raised 250 million guilders.", "250 million guilders", {"unit": "NLG"}),
    ("The fine was 40,000 francs.", "40,000 francs", {"type": "money", "unit": "franc"}),
    ("Latency fell to 12 milliseconds.", "12 milliseconds",
     {"type": "duration", "unit": "ms"}),
    ("Helium boils at 4.2 kelvin.", "4.2 kelvin", {"type": "temperature", "unit": "K"}),
    ("He paid 3 dimes for it.", "3 dimes", {"type": "money", "unit": "dime"}),
])
def test_more_forms(nlp, text, written, facts):
    found = _figures(nlp, text)
    assert written in found, found
    for key, value in facts.items():
        assert found[written][key] == pytest.approx(value) if isinstance(value, float) \
            else found[written][key] == value, (key, found[written][key])


def test_no_figures_inside_web_addresses(nlp):
    found = _figures(nlp, "Details are at https://example.org/report?id=2024&page=30 "
                          "and cost 12 dollars.")
    assert list(found) == ["12 dollars"], found


@pytest.mark.parametrize("text, written, facts", [
    ("The ferry sails twice a week in winter.", "twice a week",
     {"type": "frequency", "value": 2, "unit": "1/week"}),
    ("Inspectors call 3 times per year.", "3 times per year", {"value": 3, "unit": "1/year"}),
    ("She bought a litre of olive oil.", "a litre", {"type": "volume", "value": 1, "unit": "L"}),
    ("The register holds 4x2^8 entries.", "4x2^8", {"value": 1024}),
    ("Near absolute zero, the gas condensed.", "absolute zero",
     {"type": "temperature", "value": 0, "unit": "K"}),
    ("Crews face 15 mSv/h per day of exposure.", "15 mSv/h per day", {"unit": "mSv/h/day"}),
])
def test_frequencies_and_single_units(nlp, text, written, facts):
    found = _figures(nlp, text)
    assert written in found, found
    for key, value in facts.items():
        assert found[written][key] == value, (key, found[written][key])


@pytest.mark.parametrize("text", ["It was a day of talks.", "He felt a ton of pressure.",
                                  "It was a bit of a shock.", "It adds a dollar of tax per pack.",
                                  "They met at a Ft. Worth diner.",
                                  "A pound of prevention is worth it."])
def test_single_units_that_are_no_measure(nlp, text):
    found = _figures(nlp, text)
    assert not any(k.lower().startswith(("a day", "a ton", "a pound", "a bit", "a dollar", "a ft"))
                   for k in found), found


def test_barrels_per_day_abbreviated(nlp):
    found = _figures(nlp, "Output reached 1.2 million bpd in May, and 40 BPD officers "
                          "guarded the site.")
    assert found["1.2 million bpd"]["unit"] == "bbl/day"
    assert found["1.2 million bpd"]["type"] == "rate"
    assert "40 BPD" not in found
