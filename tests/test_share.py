"""Sharing: the HTML report, the shared notebook and the frozen notebook."""

from __future__ import annotations

import json
import re
from pathlib import Path

import nbformat
import pytest
from plotly.offline import get_plotlyjs

import toolkit
from toolkit import share
from toolkit.errors import ToolkitError

ROOT = Path(__file__).resolve().parent.parent
SECOND = ROOT / "tests" / "data" / "second_article.txt"
PLOTLYJS_HEAD = get_plotlyjs()[:400]
REMOTE_TAG = re.compile(r"<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)\s*=\s*[\"']?(?:https?:)?//",
                        re.IGNORECASE)


def _plotlyjs_count(page: str) -> int:
    return page.count(PLOTLYJS_HEAD)


def _plot_calls(page: str) -> int:
    """How many figures the page draws (plotly.js itself mentions Plotly.newPlot too)."""
    return page.count("Plotly.newPlot") - _plotlyjs_count(page) * get_plotlyjs().count(
        "Plotly.newPlot")


def _small_figure_json() -> dict:
    import pandas as pd

    from toolkit import charts
    from toolkit.analysis import FIGURE_COLUMNS

    text = "Ukraine controls less than 200 square kilometers in the region."
    start = text.index("less")
    row = dict.fromkeys(FIGURE_COLUMNS)
    row.update(text="less than 200 square kilometers", start=start, end=start + 31,
               type="area", value=200, unit="km²", qualifier="less-than")
    fig = charts.territory_over_time(pd.DataFrame([row], columns=FIGURE_COLUMNS), text=text)
    return json.loads(fig.to_json())


def _notebook_with_outputs() -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.metadata["widgets"] = {share.WIDGET_STATE_MIME: {"state": {"abc": {}}}}
    view = nbformat.v4.new_code_cell("view")
    view.outputs = [nbformat.v4.new_output("display_data", data={
        share.WIDGET_MIME: {"model_id": "abc", "version_major": 2, "version_minor": 0},
        "text/html": '<div class="tk-static">highlighted <mark>Kursk</mark></div>',
        "text/plain": "ArticleView(...)"})]
    slider = nbformat.v4.new_code_cell("slider")
    slider.outputs = [nbformat.v4.new_output("display_data", data={
        share.WIDGET_MIME: {"model_id": "def", "version_major": 2, "version_minor": 0}})]
    plots = []
    for i in range(2):
        cell = nbformat.v4.new_code_cell(f"chart{i}")
        cell.outputs = [nbformat.v4.new_output("execute_result", execution_count=i + 1, data={
            share.PLOTLY_MIME: _small_figure_json(), "text/plain": "Figure()"})]
        plots.append(cell)
    nb.cells = [nbformat.v4.new_markdown_cell("# Title"), view, slider, *plots]
    return nb


# -- static outputs and freeze -----------------------------------------------------------

def test_static_outputs_replace_widgets_and_render_plots():
    frozen = share.static_outputs(_notebook_with_outputs(), embed_plotlyjs="first")
    assert "widgets" not in frozen.metadata
    view, slider, chart0, chart1 = (c.outputs[0]["data"] for c in frozen.cells[1:])
    assert share.WIDGET_MIME not in view and "Kursk" in view["text/html"]
    assert share.WIDGET_MIME not in slider and "run the notebook" in slider["text/plain"]
    for chart in (chart0, chart1):
        assert share.PLOTLY_MIME in chart  # JupyterLab still draws the live figure
        assert "Plotly.newPlot" in chart["text/html"]
        assert not REMOTE_TAG.search(chart["text/html"])
    assert _plotlyjs_count(chart0["text/html"]) == 1
    assert _plotlyjs_count(chart1["text/html"]) == 0


def test_freeze_writes_a_valid_notebook_in_place_or_elsewhere(tmp_path):
    source = tmp_path / "nb.ipynb"
    nbformat.write(_notebook_with_outputs(), source)
    other = share.freeze(source, tmp_path / "frozen.ipynb")
    nb = nbformat.read(other, as_version=4)
    nbformat.validate(nb)
    assert share.WIDGET_MIME not in json.dumps(nb.dict())
    assert share.WIDGET_MIME in source.read_text()  # the source is untouched
    assert share.freeze(source) == source
    assert share.WIDGET_MIME not in source.read_text()


def test_errors_for_missing_broken_and_self_overwrite(tmp_path):
    with pytest.raises(ToolkitError) as exc:
        share.freeze(tmp_path / "nope.ipynb")
    assert exc.value.code == "TK310"
    broken = tmp_path / "broken.ipynb"
    broken.write_text("{not json")
    with pytest.raises(ToolkitError) as exc:
        share.share_notebook(broken, tmp_path / "out.html")
    assert exc.value.code == "TK311"
    good = tmp_path / "good.ipynb"
    nbformat.write(_notebook_with_outputs(), good)
    with pytest.raises(ToolkitError) as exc:
        share.share_notebook(good, good)
    assert exc.value.code == "TK312" and "good.html" in str(exc.value)


def test_strip_remote_assets():
    page = ('<head><script src="https://cdnjs.cloudflare.com/require.js"></script>'
            '<script src="//cdn.example/x.js"></script><link rel="stylesheet" '
            'href="https://fonts.example/a.css"><script src="local.js"></script>'
            '<script>var a = "https://not-a-tag";</script></head>')
    out = share.strip_remote_assets(page)
    assert not REMOTE_TAG.search(out)
    assert 'src="local.js"' in out and "not-a-tag" in out


# -- the shared notebook ----------------------------------------------------------------

def test_share_notebook_with_outputs_is_self_contained(tmp_path):
    source = tmp_path / "nb.ipynb"
    nbformat.write(_notebook_with_outputs(), source)
    out = share.share_notebook(source, tmp_path / "nb.html")
    page = out.read_text(encoding="utf-8")
    assert not REMOTE_TAG.search(page), REMOTE_TAG.search(page).group(0)
    assert _plotlyjs_count(page) == 1
    assert _plot_calls(page) == 2
    assert "highlighted <mark>Kursk</mark>" in page
    assert share.WIDGET_MIME not in page
    assert "Error displaying widget" not in page


def test_share_notebook_executes_a_notebook_without_outputs(tmp_path):
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    nb.cells = [
        nbformat.v4.new_code_cell('N = 3', metadata={"tags": ["parameters"]}),
        nbformat.v4.new_code_cell(
            "import pandas as pd\nfrom toolkit import charts\ncharts.setup_notebook()\n"
            "frame = pd.DataFrame({'text': ['a'] * N, 'label': ['GPE', 'GPE', 'ORG'],"
            " 'start': [0, 1, 2], 'end': [1, 2, 3], 'canonical': ['Kyiv', 'Kyiv', 'NATO']})\n"
            "charts.entity_mentions(frame)"),
    ]
    source = tmp_path / "run.ipynb"
    nbformat.write(nb, source)
    out = share.share_notebook(source, tmp_path / "run.html")
    page = out.read_text(encoding="utf-8")
    assert _plot_calls(page) == 1 and "NATO" in page
    assert _plotlyjs_count(page) == 1
    assert not REMOTE_TAG.search(page)


def test_a_view_saved_from_a_live_session_is_run_again_to_draw_its_highlights(tmp_path):
    """In JupyterLab the view's static copy is its article without highlights
    (toolkit/widgets/fallback.py): share and freeze run such a notebook again."""
    nb = _notebook_with_outputs()
    path = tmp_path / "saved.ipynb"
    assert not share._run_needed(nb, path, None, None)      # a full static copy: kept
    nb.cells[1].outputs[0]["data"]["text/html"] = (
        '<div class="toolkit-article"><p class="tk-live-only">The highlights are drawn by '
        'the live view</p><p>Kursk</p></div>')
    assert share._run_needed(nb, path, None, None)
    assert not share._run_needed(nb, path, False, None)     # never when told not to


def test_inject_parameters_after_the_parameters_cell():
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("x"),
                nbformat.v4.new_code_cell("A = 1", metadata={"tags": ["parameters"]}),
                nbformat.v4.new_code_cell("print(A)")]
    share.inject_parameters(nb, {"A": "two", "B": None})
    assert nb.cells[2].metadata["tags"] == ["injected-parameters"]
    assert "A = 'two'" in nb.cells[2].source and "B = None" in nb.cells[2].source


# -- the report ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def second_analysis(nlp):
    return toolkit.analyze(toolkit.load_article(SECOND), nlp=nlp)


@pytest.mark.model
def test_report_of_the_seed_is_one_offline_file(seed_analysis, tmp_path):
    out = share.write_report(seed_analysis, tmp_path / "report.html", images=False)
    page = out.read_text(encoding="utf-8")
    assert _plotlyjs_count(page) == 1
    assert not REMOTE_TAG.search(page)
    drawn = [n for n, f in share.report_charts(seed_analysis).items() if f is not None]
    assert drawn and _plot_calls(page) == len(drawn)
    for table in ("entities", "quotes", "figures", "timeline"):
        assert f"tk-table-{table}" in page
    assert "Defence Talks" in page and "2025-03-13" in page
    assert "Zelenskiy" in page and "Kursk" in page
    assert 'class="toolkit-article"' in page  # the view's static rendering


@pytest.mark.model
def test_report_from_a_path_with_published_date(tmp_path):
    out = share.write_report(SECOND, tmp_path / "sub" / "second.html", published="2025-08-21",
                             images=False)
    page = out.read_text(encoding="utf-8")
    assert "2025-08-21" in page and "Arganil" in page
    assert _plotlyjs_count(page) == 1


@pytest.mark.model
def test_report_escapes_a_hostile_article(nlp, tmp_path):
    analysis = toolkit.analyze_text(
        'Officials said <script>alert("x")</script> that 40% of <img src=x onerror=alert(1)> '
        "the land burned.", published="2025-01-01", nlp=nlp)
    page = share.write_report(analysis, tmp_path / "evil.html", images=False).read_text(encoding="utf-8")
    body = page.split("</head>", 1)[1]
    assert '<script>alert("x")</script>' not in body
    assert "<img src=x" not in body
    assert "&lt;" in body and "script&gt;alert" in body
    # what a reader sees (tags dropped, entities read) is the article's own text
    import html as _html
    import re as _re
    visible = _html.unescape(_re.sub(r"<[^>]+>", "", body))
    # (label chips sit between some characters: look for the words, not the exact run)
    assert 'script>alert("x")</script>' in visible and "<img src=x onerror=alert(1" in visible


@pytest.mark.model
def test_report_shows_the_analysts_notes(second_analysis, tmp_path):
    text = second_analysis.text
    start = text.index("less than 9,000 hectares")
    notes = [{"start": start, "end": start + 24, "label": "area",
              "note": "Check the agency's own bulletin <b>first</b>"}]
    store = _store_with(notes, second_analysis, tmp_path)
    page = share.write_report(second_analysis, tmp_path / "notes.html",
                              store=store, images=False).read_text(encoding="utf-8")
    assert "Check the agency&#x27;s own bulletin &lt;b&gt;first&lt;/b&gt;" in page or \
        "Check the agency's own bulletin &lt;b&gt;first&lt;/b&gt;" in page


def _store_with(notes, analysis, tmp_path):
    from toolkit.annotations import AnnotationStore

    store = AnnotationStore(tmp_path / "notes.annotations.json", text=analysis.text)
    for n in notes:
        store.add(n["start"], n["end"], n["label"], note=n["note"], layer="figures")
    return store


# -- frozen notebooks with pictures, progress, the report's order and empty charts ----------

@pytest.mark.slow
def test_frozen_charts_carry_a_picture_and_no_plotlyjs(tmp_path):
    source = tmp_path / "nb.ipynb"
    nbformat.write(_notebook_with_outputs(), source)
    out = share.freeze(source, tmp_path / "frozen.ipynb")
    nb = nbformat.read(out, as_version=4)
    charts = [c.outputs[0]["data"] for c in nb.cells[3:]]
    for chart in charts:
        assert share.PLOTLY_MIME in chart                  # live where a renderer runs
        assert chart["image/svg+xml"].lstrip().startswith("<svg")   # drawn offline
        assert chart["text/html"].startswith('<img alt="chart"')      # script-free viewers
        assert "<script" not in chart["text/html"]
    assert _plotlyjs_count(out.read_text()) == 0
    summary = share.frozen_summary(out)
    assert "GitHub" in summary and "2 of 2 chart(s) as pictures" in summary
    assert "JupyterLab" in summary


def test_progress_off_a_terminal_prints_plain_lines(capsys):
    with share._progress(2, "share") as bar:
        bar.set_postfix_str("executing")
        bar.update(1)
        with share._progress(3, "running notebook") as inner:
            inner.update(3)
        bar.update(1)
    err = capsys.readouterr().err
    assert "\x1b[" not in err and "\r" not in err
    assert "share: executing (0/2)" in err and "running notebook: done" in err


INTERVIEW = ('"We will rebuild the school," said Maria Lopez, the mayor. "It will take time," '
             'she said. "The families deserve it," Lopez added. "We are ready," said Tom Reed.')
CASUALTIES = ("At least 40 people were killed and 120 injured on Monday. Officials said 3,000 "
              "homes lost power and 15 schools closed; repairs will cost $2 million.")


@pytest.mark.model
def test_report_order_follows_what_the_article_has(nlp):
    interview = toolkit.analyze_text(INTERVIEW, published="2025-01-01", nlp=nlp)
    story = toolkit.analyze_text(CASUALTIES, published="2025-01-01", nlp=nlp)
    assert share.report_order(interview)[0] == "quotes"
    assert share.report_order(story)[0] == "figures"
    page = share.render_report(story)
    assert page.index("Figures (") < page.index("Quotes (")


@pytest.mark.model
def test_empty_charts_become_one_line_and_money_gets_a_chart(nlp):
    story = toolkit.analyze_text(CASUALTIES, published="2025-01-01", nlp=nlp)
    charts = share.report_charts(story)
    assert charts["Territory over time"] is None          # no territory in this story
    assert charts["Money and counts"] is not None
    page = share.render_report(story, charts=None)
    assert page.count('class="tk-none">Not found in this article') == 1
    assert "territorial figures over time" in page
    drawn = [n for n, f in charts.items() if f is not None]
    assert _plot_calls(page) == len(drawn)


HOSTILE_FIELDS = "<script>alert(1)</script><img src=x onerror=alert(2)>"


def _no_live_markup(page: str) -> None:
    body = page.split("</head>", 1)[-1]
    assert "<script>alert" not in body and "<img src=x" not in body


@pytest.mark.model
def test_every_field_a_file_or_user_sets_is_escaped_in_the_report(nlp, tmp_path):
    from toolkit.annotations import AnnotationStore

    text = 'Maria Lopez said "we will stay" in Lisbon, where 40 homes burned.'
    meta = {"title": HOSTILE_FIELDS, "outlet": HOSTILE_FIELDS, "author": HOSTILE_FIELDS}
    analysis = toolkit.analyze_text(text, published="2025-01-01", nlp=nlp, metadata=meta)
    store = AnnotationStore(tmp_path / "a.annotations.json", text=analysis.text)
    start = text.index("Lisbon")
    rec = store.add(start, start + 6, HOSTILE_FIELDS, note=HOSTILE_FIELDS, layer="entities")
    store.set_status(rec["id"], "disputed") if hasattr(store, "set_status") else None
    page = share.render_report(analysis, store=store, charts={})
    _no_live_markup(page)
    assert page.count("&lt;script&gt;alert(1)&lt;/script&gt;") >= 3   # title, label, note


def test_consumers_read_the_analysis_never_the_doc():
    for rel in ("toolkit/share.py", "toolkit/widgets/view.py", "toolkit/widgets/static.py",
                "toolkit/charts/money.py", "toolkit/style.py"):
        source = (ROOT / rel).read_text(encoding="utf-8")
        assert not re.search(r"\.doc\b|[\"']doc[\"']", source), rel


@pytest.mark.browser
@pytest.mark.parametrize("paper,size", [("A4", (595, 842)), ("Letter", (612, 792))])
def test_report_prints_to_pdf_on_a4_and_letter(tmp_path, paper, size):
    page = tmp_path / "r.html"
    page.write_text("<!DOCTYPE html><html><body><h1>Report</h1>"
                    + "".join(f"<p>row {i}</p>" for i in range(200)) + "</body></html>",
                    encoding="utf-8")
    pdf = share.print_pdf(page, tmp_path / "r.pdf", paper=paper)
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF")
    box = re.search(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", data)
    assert box and abs(float(box.group(1)) - size[0]) < 2 and abs(float(box.group(2)) - size[1]) < 2
    assert len(re.findall(rb"/Type\s*/Page\b", data)) >= 2  # 200 rows: several pages
    with pytest.raises(ToolkitError, match="TK331"):
        share.print_pdf(page, tmp_path / "x.pdf", paper="B5")
