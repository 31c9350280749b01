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
# # 2. Who said what
#
# Quotes are the backbone of most news stories. This notebook separates
# **direct quotes** (the speaker's own words, in quotation marks) from
# **reported speech** ("X said that ..."), and attributes each to a speaker,
# even when the sentence only says "he" or "the Russian leader".

# %% tags=["parameters"]
ARTICLE = "../seeds/000_167db89937512398.txt"
PUBLISHED = "2025-03-13"

# %%
import toolkit
from toolkit import charts

charts.setup_notebook()
analysis = toolkit.analyze(ARTICLE, published=PUBLISHED)

# %% [markdown]
# ## The quotes table
#
# One row per quote: `kind` (direct or reported), the `content`, the canonical
# `speaker`, the words that named the speaker in the text (`speaker_text`) and
# the reporting verb or phrase (`cue`, e.g. "stated", "according to").

# %%
analysis.quotes[["kind", "speaker", "speaker_text", "cue", "content"]]

# %% [markdown]
# ## Who gets a voice
#
# Counting quotes per speaker shows whose words carry the story, and whether
# a side is only ever paraphrased. Hover over a bar for an example.

# %%
charts.quotes_by_speaker(analysis)

# %% [markdown]
# ## Read the quotes in place
#
# Showing only the quote layer makes attributions easy to check: each quote
# carries a chip with its speaker. Correct a wrong speaker by clicking the quote.

# %%
toolkit.ArticleView(analysis, layers=("quotes",))

# %% [markdown]
# ## One speaker at a time
#
# A plain pandas filter: everything attributed to the most quoted speaker.

# %%
quotes = analysis.quotes
top = quotes["speaker"].value_counts().index[0] if len(quotes) else None
quotes[quotes["speaker"] == top][["kind", "cue", "content"]]
