"""The figures layer: numbers, units, qualifiers, conversions, measures, sources."""

from __future__ import annotations

import re

import pytest
from spacy.tokens import Doc

from toolkit import units
from toolkit.errors import ToolkitError
from toolkit.pipeline import numbers as N
from toolkit.pipeline.dates import DateExtractor
from toolkit.pipeline.figures import FigureExtractor


# -- numbers and units (plain functions) ---------------------------------------------
@pytest.mark.parametrize("text, value", [
    ("1,300", 1300), ("3.5 million", 3_500_000), ("2.5bn", 2_500_000_000),
    ("twenty-five", 25), ("three hundred and fifty", 350), ("a dozen", 12),
    ("two million", 2_000_000), ("10m", 10_000_000), ("0.75", 0.75),
])
def test_parse_number(text, value):
    assert N.parse_number(text) == pytest.approx(value)


def test_parse_fraction_and_vague_bounds():
    assert N.parse_fraction("two-thirds") == pytest.approx(2 / 3)
    assert N.parse_fraction("a quarter") == 0.25
    assert N.vague_bounds("hundreds of thousands") == (200_000, 999_999)
    assert N.vague_bounds("tens of thousands") == (20_000, 99_999)
    assert N.vague_bounds("millions") == (2_000_000, None)


def test_rounding_tolerance_follows_written_precision():
    assert N.rounding_tolerance("77", 77) == 0.5
    assert N.rounding_tolerance("0.75", 0.75) == pytest.approx(0.005)
    assert N.rounding_tolerance("500", 500) == 25      # 5% cap on "to the hundred"
    assert N.rounding_tolerance("1,200", 1200) == 50   # rounded to the hundred


@pytest.mark.parametrize("written, symbol", [
    ("square kilometres", "km²"), ("sq mi", "mi²"), ("hectares", "ha"), ("per cent", "%"),
    ("tonnes", "t"), ("miles", "mi"), ("dollars", "USD"), ("days", "day"),
    ("km/h", "km/h"), ("MW", "MW"),
])
def test_normalise_unit(written, symbol):
    assert units.normalise_unit(written) == symbol


def test_convert_and_its_errors():
    assert units.convert(200, "km²", "mi²") == pytest.approx(77.22, abs=0.01)
    assert units.convert(1, "ha", "acre") == pytest.approx(2.471, abs=0.001)
    with pytest.raises(ToolkitError) as err:
        units.convert(1, "km²", "parsec")
    assert err.value.code == "TK130"
    with pytest.raises(ToolkitError) as err:
        units.convert(1, "USD", "EUR")
    assert err.value.code == "TK131"


def test_pint_registry_is_built_once():
    assert units.registry() is units.registry()


# -- the component on tokenized text (no statistical model) ---------------------------
def figures_of(nlp, text, published=None):
    doc = nlp.make_doc(text)
    doc._.published = published
    DateExtractor(nlp)(doc)
    FigureExtractor(nlp)(doc)
    return {s.text: s._.tk_figure for s in doc.spans["figures"]}


@pytest.mark.parametrize("text, figure, expected", [
    ("It lasted 30 days.", "30 days",
     {"type": "duration", "value": 30, "unit": "day", "qualifier": "exact"}),
    ("They counted 1,300 of them.", "1,300", {"type": "count", "value": 1300}),
    ("It cost $2.5bn in all.", "$2.5bn",
     {"type": "money", "value": 2_500_000_000, "unit": "USD"}),
    ("Aid worth €3 million arrived.", "€3 million",
     {"type": "money", "value": 3_000_000, "unit": "EUR"}),
    ("Fully 3.5 million voted.", "3.5 million", {"type": "count", "value": 3_500_000}),
    ("Troops hold nearly 20% of it.", "nearly 20%",
     {"type": "percent", "value": 20, "unit": "%", "qualifier": "approximate"}),
    ("It holds less than 200 square kilometers.", "less than 200 square kilometers",
     {"type": "area", "value": 200, "high": 200, "low": None, "unit": "km²",
      "qualifier": "less-than"}),
    ("They moved more than 40 tonnes.", "more than 40 tonnes",
     {"type": "mass", "value": 40, "low": 40, "high": None, "unit": "t",
      "qualifier": "more-than"}),
    ("At least 12 were hurt.", "At least 12", {"low": 12, "qualifier": "more-than"}),
    ("Up to 300 fled.", "Up to 300", {"high": 300, "qualifier": "less-than"}),
    ("Between 5 and 10 km of road.", "Between 5 and 10 km",
     {"type": "length", "value": None, "low": 5, "high": 10, "unit": "km",
      "qualifier": "range"}),
    ("It spans 15-20 miles.", "15-20 miles",
     {"low": 15, "high": 20, "unit": "mi", "qualifier": "range"}),
    ("From 2 to 3 million people.", "From 2 to 3 million",
     {"low": 2_000_000, "high": 3_000_000, "qualifier": "range"}),
    ("Hundreds of thousands of people fled.", "Hundreds of thousands",
     {"type": "count", "value": None, "low": 200_000, "high": 999_999,
      "qualifier": "vague"}),
    ("It displaced millions.", "millions",
     {"low": 2_000_000, "high": None, "qualifier": "vague"}),
    ("Two-thirds of voters agreed.", "Two-thirds", {"type": "fraction"}),
    ("A dozen ships sailed.", "A dozen", {"type": "count", "value": 12}),
    ("It burned 5,000 hectares.", "5,000 hectares", {"type": "area", "unit": "ha"}),
    ("The car went 120 km/h on the road.", "120 km/h", {"type": "speed", "unit": "km/h"}),
    ("Some 200 or so stayed.", "Some 200 or so", {"qualifier": "approximate"}),
    ("It cost millions of dollars.", "millions of dollars",
     {"type": "money", "unit": "USD", "qualifier": "vague", "low": 2_000_000}),
    ("Prices rose from 5% to 7.5% in May.", "7.5%", {"value": 7.5, "qualifier": "exact"}),
    ("It grew by 30 percent to 4.5 billion dollars.", "4.5 billion dollars",
     {"type": "money", "value": 4_500_000_000, "unit": "USD"}),
])
def test_figure_patterns(nlp, text, figure, expected):
    found = figures_of(nlp, text)
    assert figure in found, found
    for key, value in expected.items():
        if isinstance(value, float):
            assert found[figure][key] == pytest.approx(value)
        else:
            assert found[figure][key] == value, (key, found[figure])


def test_fraction_value(nlp):
    assert figures_of(nlp, "Two-thirds of voters agreed.")["Two-thirds"]["value"] == \
        pytest.approx(2 / 3, abs=1e-4)


@pytest.mark.parametrize("text, first, second, consistent", [
    ("It holds less than 200 square kilometers (77 square miles) now.",
     "less than 200 square kilometers", "77 square miles", True),
    ("It held 1,300 square kilometers (500 square miles) then.",
     "1,300 square kilometers", "500 square miles", True),
    ("The fire burned 5,000 hectares (12,355 acres).", "5,000 hectares", "12,355 acres", True),
    ("The road is 120 km (75 miles) long.", "120 km", "75 miles", True),
    ("The wall is 10 km (10 miles) long.", "10 km", "10 miles", False),
    ("It holds 200 square kilometers (100 square miles).",
     "200 square kilometers", "100 square miles", False),
    ("The load was 2,000 pounds, or 900 kg.", "2,000 pounds", "900 kg", True),
    ("The load was 20 tonnes (2 tons).", "20 tonnes", "2 tons", False),
])
def test_parenthetical_conversions_are_linked_and_checked(nlp, text, first, second,
                                                          consistent):
    found = figures_of(nlp, text)
    assert found[second]["conversion_of"] == first
    assert found[second]["consistent"] is consistent
    assert found[first]["conversion_of"] is None


def test_a_restatement_keeps_the_bound_of_its_figure(nlp):
    found = figures_of(nlp, "It holds less than 200 square kilometers (77 square miles).")
    assert found["77 square miles"]["qualifier"] == "less-than"
    assert found["77 square miles"]["high"] == 77


def test_currency_restatements_are_linked_but_not_judged(nlp):
    found = figures_of(nlp, "It costs $5 million (£4 million).")
    assert found["£4 million"]["conversion_of"] == "$5 million"
    assert found["£4 million"]["consistent"] is None


def test_peak_qualifier(nlp):
    found = figures_of(nlp, "Troops held 1,300 square kilometers (500 square miles) at "
                            "the height of the incursion, and 40 km later.")
    assert found["1,300 square kilometers"]["qualifier"] == "peak"
    assert found["500 square miles"]["qualifier"] == "peak"
    assert found["40 km"]["qualifier"] == "exact"


def test_dates_become_date_figures(nlp):
    found = figures_of(nlp, "Since February 2022 and mid-2024, and in 1989.")
    assert found["February 2022"] == {**found["February 2022"], "type": "date",
                                      "value": "2022-02"}
    assert found["mid-2024"]["value"] == "2024-06/2024-07"
    assert found["1989"]["value"] == "1989"


@pytest.mark.parametrize("text", [
    "The war could escalate into World War Three.",
    "The parties accused one another.",
    "Under Article 5 of the treaty, allies respond.",
    "He came third, a third time.",
    "They met at 10 a.m.",
    "Crews work 24/7 here.",
])
def test_not_figures(nlp, text):
    assert figures_of(nlp, text) == {}


def test_figures_json_plain(nlp):
    import json

    found = figures_of(nlp, "It cost $2.5bn over 30 days (about 4 weeks) and 20% more.")
    assert json.loads(json.dumps(found)) == found


# -- with the statistical model ---------------------------------------------------------
def figures_in(nlp, text):
    doc = nlp(text)
    return {s.text: s._.tk_figure for s in doc.spans["figures"]}


def test_measures_from_of_phrase_and_counted_noun(nlp):
    found = figures_in(nlp, "The war caused tens of thousands of casualties, and 30 "
                            "soldiers and nearly 20% of the country's territory were lost.")
    assert found["tens of thousands"]["measures"] == "casualties"
    assert found["30"]["measures"] == "soldiers"
    assert found["nearly 20%"]["measures"] == "country's territory"


def test_measures_of_an_area_object(nlp):
    found = figures_in(nlp, "Rebels control about 300 square kilometers in the north.")
    measures = found["about 300 square kilometers"]["measures"]
    assert "Rebels" in measures and "control" in measures and "north" in measures


def test_measures_of_changes_and_worth(nlp):
    found = figures_in(nlp, "Oil rose 2% on Monday. The deal is worth $1.2 trillion.")
    assert found["2%"]["measures"] == "Oil"
    assert found["$1.2 trillion"]["measures"] == "deal"


def test_measures_of_a_modified_noun(nlp):
    found = figures_in(nlp, "They agreed a 30-day ceasefire and a 5% rise in prices.")
    assert found["30-day"]["measures"] == "ceasefire"
    assert found["5%"]["measures"] == "rise in prices"


def test_source_from_according_to(nlp):
    found = figures_in(nlp, "According to the health ministry, 42 people died in the "
                            "floods.")
    assert found["42"]["source"] == "health ministry"


def test_source_from_reporting_verb(nlp):
    found = figures_in(nlp, "Police said more than 5,000 protesters gathered.")
    assert found["more than 5,000"]["source"] == "Police"


def test_names_and_pronouns_are_not_figures_with_model(nlp):
    found = figures_in(nlp, "One of the officials warned of World War Three, and both "
                            "sides blamed one another for a U.S. proposal.")
    assert found == {}


def test_figures_survive_serialisation(nlp):
    doc = nlp("Ukraine controls 200 square kilometers (77 square miles) there.")
    again = Doc(nlp.vocab).from_bytes(doc.to_bytes())
    assert [s._.tk_figure for s in again.spans["figures"]] == \
        [s._.tk_figure for s in doc.spans["figures"]]
    assert again.spans["figures"][1]._.tk_figure["consistent"] is True


def test_empty_text(nlp):
    doc = nlp("")
    assert list(doc.spans["figures"]) == []


# -- the seed article -------------------------------------------------------------------
UNIT_SYNONYMS = {"percent": "%"}


def _nth(text, needle, occurrence=1):
    start = -1
    for _ in range(occurrence):
        start = text.index(needle, start + 1)
    return start


#: Generic words our measures may use for the kind of figure ("area ... controls").
GENERIC = {"area", "number", "share", "amount", "distance", "weight", "time", "people"}


def _words(text):
    """Content words, cut to a stem-like prefix ("controls" ~ "controlled")."""
    return {w[:6] for w in re.findall(r"[a-z]+", text.lower().replace("’", "'"))
            if w not in {"the", "of", "s", "by", "at", "in", "a", "an", "who"}}


def _seed_row(seed_analysis, item):
    figures = seed_analysis.figures
    start = _nth(seed_analysis.text, item["text"], item.get("occurrence", 1))
    rows = figures[(figures["start"] == start) & (figures["text"] == item["text"])]
    assert len(rows) == 1, f"missing figure {item['text']!r}"
    return rows.iloc[0]


def test_seed_required_figures(seed_analysis, gold):
    for item in gold["figures"]["required"]:
        row = _seed_row(seed_analysis, item)
        for key in ("type", "value", "low", "high", "qualifier", "source", "conversion_of",
                    "consistent"):
            if key in item:
                assert row[key] == item[key], (item["text"], key, row[key])
        if "unit" in item:
            assert row["unit"] == UNIT_SYNONYMS.get(item["unit"], item["unit"])
        if "measures" in item:
            assert row["measures"], (item["text"], "no measures")
            ours = _words(row["measures"]) - {w[:6] for w in GENERIC} or _words(row["measures"])
            # what we name must be what the analyst names (our wording may be shorter,
            # and may use the generic "area" for "territory")
            assert ours <= _words(item["measures"]), \
                (item["text"], row["measures"], item["measures"])


def test_seed_not_figures(seed_analysis, gold):
    texts = list(seed_analysis.figures["text"])
    for name in gold["figures"]["not_figures"]:
        assert not any(name == t or re.search(rf"\b{re.escape(name)}\b", t) for t in texts), name
