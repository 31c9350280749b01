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
# # 5. A corpus: many articles, followed over time
#
# One article tells you what one outlet printed on one day. A desk following a
# conflict reads hundreds: who claims what, how a figure moves over a month,
# which statement is the same one reprinted. In this notebook you analyse a
# whole folder of articles at once, find the main speakers, follow one
# territorial claim over time, and open one article of the corpus in the view.
#
# `CORPUS` is a folder of articles (each with its `.meta.json`); the default is
# the small **fictional** demo corpus shipped with toolkit (ten invented wire
# stories about an invented conflict). `OUT` is where the tables are written;
# running the notebook again only analyses articles that are new.

# %% tags=["parameters"]
CORPUS = "../seeds/demo_corpus"
OUT = "corpus_out"
WORKERS = None      # worker processes; None: one per CPU core
MEASURE = None      # a claim to follow; None: the most reported one

# %%
import toolkit
from toolkit.charts import claims_over_time, quotes_by_outlet

toolkit.charts.setup_notebook()

# %% [markdown]
# ## Run the corpus
#
# `analyze_corpus` starts a small Dask cluster on this machine (one worker per
# core, each loading the spaCy pipeline once) and writes every table as
# Parquet files in `OUT`. A bar shows articles done, the rate and the time
# left. To use a cluster of several machines, pass
# `scheduler="tcp://host:8786"` instead (see the README).

# %%
corpus = toolkit.analyze_corpus(CORPUS, OUT, workers=WORKERS)
corpus.run

# %% [markdown]
# One row per article. An article that could not be read or analysed is a row
# too, with `status` "error" and a numbered error saying what to do next; the
# rest of the run goes on.

# %%
corpus.articles[["title", "outlet", "published", "words", "status", "error"]]

# %% [markdown]
# ## Who speaks, and where
#
# `corpus.speakers` has one row per speaker across the articles. Names are
# merged ("Reiss", "Anton Reiss" and "General Anton Reiss" are one person),
# and the last columns count the quotes each outlet carried.

# %%
corpus.speakers.head(8)

# %%
quotes_by_outlet(corpus)

# %% [markdown]
# The same statement is often reprinted by several outlets. `corpus.reprints`
# finds near-identical quotes in different articles and names the first
# article and outlet that carried them.

# %%
corpus.reprints[["content", "speaker", "articles", "first_outlet", "first_published"]]

# %% [markdown]
# ## Follow a claim over time
#
# `corpus.claims` groups the figures of every article by what they measure
# (kind, place, subject, unit): here, how much territory a side holds. Each
# claim keeps its qualifier ("about", "less than"), who makes it, the date and
# the outlet. `conflict` is set when two sources give values that cannot both
# be true for the same days, whatever their qualifiers allow.

# %%
measure = MEASURE or corpus.measures()[0]
claims = corpus.claims[corpus.claims["measure"] == measure]
claims[["published", "source", "qualifier", "value", "unit", "outlet", "conflict"]]

# %% [markdown]
# On the chart each source has its colour; "less than" is a downward triangle
# (the value lies at or below it), "about" carries the range it allows, and
# claims in conflict are ringed. Hover a point to read the sentence.

# %%
claims_over_time(corpus, measure=measure)

# %% [markdown]
# ## Open one article
#
# Go back to the text: open the article of the first conflicting claim (or,
# without a conflict, the latest claim) in the view, to read the sentence and
# annotate it as in notebook 4.

# %%
flagged = claims[claims["conflict"]]
chosen = (flagged if len(flagged) else claims).iloc[-1]["article_id"]
view = toolkit.ArticleView(corpus.analysis(chosen))
view

# %% [markdown]
# ## Bigger corpora
#
# The same call runs on thousands of articles. Tables are read lazily: narrow
# the corpus before loading, for example
# `corpus.filter(outlet="Harbour Post", since="2030-04-05")`, or work out of
# core with `corpus.to_dask("figures")`. From a terminal:
#
# ```
# python -m toolkit corpus news/ -o corpus_out --workers 2
# ```
