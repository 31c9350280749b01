# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
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
# Change the two parameters below to work on another article. `PUBLISHED` is the
# day the article came out: toolkit needs it to turn "on Thursday" or "last
# August" into real dates, and never guesses it from today's clock.

# %% tags=["parameters"]
ARTICLE = "../seeds/000_167db89937512398.txt"
PUBLISHED = "2025-03-13"

# %%
import toolkit
from toolkit import charts

charts.setup_notebook()  # charts render offline, with no CDN

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
