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
# # 1. Read an article and see what is in it
#
# This notebook walks through the first pass over a news article: load it, let
# toolkit find the **people, places and organisations**, the **quotes**, the
# **figures** and the **dates**, and look at all of them highlighted in the text.
#
# Change the parameters below to work on another article, or pick one in the
# list further down. `PUBLISHED` is the day the article came out: toolkit needs
# it to turn "on Thursday" or "last August" into real dates, and never guesses
# it from today's clock. `ARTICLES_FOLDER` is where the picker looks (`None`:
# the folder of `ARTICLE`). To work on an article without touching these
# notebooks, give it a workspace: `python -m toolkit open ARTICLE`.

# %% tags=["parameters"]
ARTICLE = "../seeds/000_167db89937512398.txt"
PUBLISHED = "2025-03-13"
ARTICLES_FOLDER = None

# %%
import toolkit
from toolkit import charts

charts.setup_notebook()  # charts render offline, with no CDN

# %% [markdown]
# ## Choose the article
#
# The list shows the articles in the folder, with their publication date and
# outlet (from the `.meta.json` beside each). Click one, correct the date if
# needed, then run the cells below it (*Run ▸ Run Selected Cell and All
# Below*). Run without clicking, the notebook keeps `ARTICLE` and `PUBLISHED`.

# %%
from toolkit.widgets.picker import ArticlePicker

picker = ArticlePicker(ARTICLES_FOLDER, selected=ARTICLE, published=PUBLISHED)
picker

# %%
ARTICLE, PUBLISHED = picker.article, picker.published

# %% [markdown]
# ## Load the article
#
# `load_article` reads the file, sets aside newsletter footers ("boilerplate")
# and finds headings and metadata (from a `.meta.json` file beside the article,
# when there is one). Check what it set aside: a footer is not reporting, but a
# real paragraph wrongly set aside would be lost from the analysis.

# %%
article = toolkit.load_article(ARTICLE, published=PUBLISHED)
article.metadata, article.boilerplate

# %% [markdown]
# ## Analyse it
#
# `analyze` runs the spaCy pipeline with toolkit's components. The first call
# in a session loads the language model and takes a few seconds.

# %%
analysis = toolkit.analyze(article, published=PUBLISHED)

# %% [markdown]
# ## Everything highlighted
#
# The view shows entities, quotes and figures in place. Hover over a figure to
# see its value and qualifier; click a highlight to see what was found and to
# confirm, correct or annotate it (notebook 4 is about that).

# %%
view = toolkit.ArticleView(analysis)
view

# %% [markdown]
# ## Who and what is mentioned
#
# Mentions are grouped under one canonical name, so "Putin", "the Russian
# leader" and "he" count for the same person when the engine could tell. A
# name you expected but do not see is worth a second look in the text.

# %%
analysis.entities.head(15)

# %%
charts.entity_mentions(analysis)

# %% [markdown]
# ## When things happened
#
# Dates written relative to the publication day ("Tuesday") are resolved
# against `PUBLISHED`. A month or a year is drawn as a bar over the whole
# period: the article is no more precise than that.

# %%
analysis.timeline

# %%
charts.timeline(analysis)
