# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     notebook_metadata_filter: -jupytext.text_representation.jupytext_version,-jupytext.text_representation.format_version
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 6. Team review: two analysts, one settled version
#
# A fact-checking desk does not trust one reader. Two analysts annotate the
# same article, each in their own file (`<article>.annotations.<annotator>.json`,
# so neither can overwrite the other), a reviewer settles where they differ,
# and the desk reports how often its people agree.
#
# This walk-through uses **two made-up analysts, `demo-alice` and `demo-bob`**
# (DEMO DATA from `notebooks/team_demo/`, or made by a fixed recipe for another
# article). Everything happens in `WORK_DIR`, a copy of the article: the
# project's files are never changed. Set `REVIEWER` to your own name, and
# `SHOW_ANNOTATORS = False` to share the result without anyone's name.

# %% tags=["parameters"]
ARTICLE = "../seeds/000_167db89937512398.txt"
PUBLISHED = "2025-03-13"
WORK_DIR = "team_review"
REVIEWER = "demo-reviewer"
SHOW_ANNOTATORS = True

# %%
import shutil
from pathlib import Path

import plotly.express as px

import toolkit
from toolkit.review import settled_version
from toolkit.review.demo import make_demo_analysts

# %% [markdown]
# ## A work folder with the article and the two analysts' files
#
# The article (and its `.meta.json`) is copied into `WORK_DIR`; the demo
# analysts' files come with it when they exist for this article.

# %%
toolkit.charts.setup_notebook()
work = Path(WORK_DIR)
work.mkdir(parents=True, exist_ok=True)
source = Path(ARTICLE)
for extra in [source, source.with_suffix(".meta.json"), *Path("team_demo").glob(source.stem + ".*.json")]:
    if extra.is_file() and not (work / extra.name).exists():
        shutil.copy(extra, work / extra.name)

# %%
analysis = toolkit.analyze(work / source.name, published=PUBLISHED)
make_demo_analysts(analysis)  # only for an article without shipped demo files

# %% [markdown]
# ## How often do the analysts agree?
#
# One row per layer and label: how many items at least two analysts judged,
# the share they agree on, Cohen's kappa (two analysts, agreement beyond
# chance) and Krippendorff's alpha (any number of analysts, missing verdicts
# allowed). A quote's speaker is judged like a label: the `speaker` row
# compares the speaker each analyst gave. Spans an analyst added alone are
# compared separately: on exactly the same words, or overlapping. The same
# table comes from the command line: `python -m toolkit agreement ARTICLE`.

# %%
table = toolkit.agreement(analysis)
table

# %%
px.bar(table[table.label != "(all)"], x="label", y="observed", color="layer",
       title="Observed agreement per label")

# %% [markdown]
# ## Settle the differences
#
# The view marks every item where the analysts differ. Click one (or press
# `n` / `p` to move between them), then press `1` or `2` to accept that
# analyst's version, or type the final label and press Enter. `z` undoes the
# last step. Each step is saved at once to `<article>.annotations.json`, with
# you as its creator and a reference to the analysts' records it settles; the
# analysts' own files are not touched.

# %%
review = toolkit.ReviewView(analysis, reviewer=REVIEWER)
review

# %% [markdown]
# The same steps work from code: here the reviewer takes demo-alice's version
# of the first and third differences, demo-bob's of the second, and rejects
# the fourth with a note of their own.

# %%
for index, choice in [(0, 1), (1, 2), (2, 1)]:
    if index < len(review.items):
        review.accept(index, choice)
if len(review.items) > 3:
    review.decide(3, decision="rejected", note="reviewer: not worth a mark")
review.review.summary().head(10)

# %% [markdown]
# ## Share the settled version
#
# This is what a shared notebook and the report show: the settled version
# (hover a highlight to see who decided it, when, and whose version was
# taken), the agreement table, and who decided each item the analysts did not
# agree on. Items nobody has settled yet show the engine's output.

# %%
settled = review.review.settled
settled_version(analysis, settled, show_annotators=SHOW_ANNOTATORS)

# %% [markdown]
# The report holds the same in one offline HTML file, with the tables and the
# charts; it prints on A4. From the command line:
# `python -m toolkit report ARTICLE --who` (the settled file beside the
# article is read) and `python -m toolkit share notebooks/06_team_review.ipynb --who`
# (or `--no-who`) for this notebook.

# %%
report = toolkit.write_report(analysis, work / "report.html", store=settled,
                              show_annotators=SHOW_ANNOTATORS)
report

# %% [markdown]
# ## The agreement table, for the record
#
# The same numbers as in the report, rounded to three places.

# %%
table.round(3)
