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
# # 4. Annotate, review and share
#
# The engine is a first reader, not the last word. In this notebook you review
# its findings, write notes, and share the result with people who do not run
# Python: as an HTML report, or as this notebook rendered.
#
# `STORE` is where your annotations live. Leave it `None` to keep them in a
# file beside the article (`<article>.annotations.json`); `OUTPUT_DIR` is where
# the report is written.

# %% tags=["parameters"]
ARTICLE = "../seeds/000_167db89937512398.txt"
PUBLISHED = "2025-03-13"
STORE = None
OUTPUT_DIR = "shared"

# %%
from pathlib import Path

import toolkit

toolkit.charts.setup_notebook()
analysis = toolkit.analyze(ARTICLE, published=PUBLISHED)
store = toolkit.AnnotationStore(STORE) if STORE else None

# %% [markdown]
# ## Review in the view
#
# Click a highlight to confirm or reject it, change a label or a speaker, set a
# status (verified, disputed, needs source) and write a note. Select text to
# add something the engine missed. Every change is saved at once.

# %%
view = toolkit.ArticleView(analysis, store=store)
view

# %% [markdown]
# Notes can also be added from code, for example to flag every territorial
# figure whose source the article does not name. `view.annotations` is a
# table of everything you (or your code) decided.

# %%
figures = analysis.figures
unsourced = figures[figures["source"].isna() & figures["type"].isin(["area", "percent"])]
done = set(view.annotations.get("start", []))
for row in unsourced[~unsourced["start"].isin(done)].itertuples():
    note = view.add(row.start, row.end, row.type, note="No source named in the article.")
    view.store.update(note["id"], status="needs source")
view.annotations[["text", "label", "status", "note"]]

# %% [markdown]
# Before sharing, look again at the chart readers will see first: is every
# bound ("less than") and approximation ("nearly") still visible?

# %%
toolkit.charts.territory_over_time(analysis)

# %% [markdown]
# ## Share a report
#
# `write_report` writes **one HTML file**: the highlighted text with your
# notes, the four tables and the charts. plotly.js is inside the file, so it
# opens offline, in any browser, with nothing to install.

# %%
report = toolkit.write_report(analysis, Path(OUTPUT_DIR) / "report.html", store=view.store)
report

# %% [markdown]
# ## Share this notebook
#
# From a terminal, after saving the notebook:
#
# ```
# python -m toolkit share notebooks/04_annotate_review_share.ipynb -o shared/notebook.html
# python -m toolkit freeze notebooks/04_annotate_review_share.ipynb
# ```
#
# `share` renders the notebook as one self-contained HTML page (the views
# become their static rendering, the charts stay interactive). `freeze` keeps
# the notebook but replaces live widgets with static outputs, so it displays
# on GitHub, nbviewer or in JupyterLab without a kernel.
