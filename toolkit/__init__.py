"""toolkit: dissect news articles in Jupyter.

Load an article, analyse it, look at it, annotate it, chart it, share it::

    import toolkit
    article = toolkit.load_article("seeds/000_167db89937512398.txt")
    analysis = toolkit.analyze(article)          # entities, quotes, figures, timeline
    view = toolkit.ArticleView(analysis)         # click-to-annotate highlights
    toolkit.charts.territory_over_time(analysis.figures)

Names are imported lazily so ``import toolkit`` stays fast.
"""

from __future__ import annotations

import importlib

__version__ = "0.1.0"

_EXPORTS = {
    # reading
    "Article": "toolkit.article",
    "load_article": "toolkit.article",
    # pipelines
    "load_pipeline": "toolkit.nlp",
    "add_toolkit_components": "toolkit.pipeline",
    # analysis
    "Analysis": "toolkit.analysis",
    "analyze": "toolkit.analysis",
    "analyze_text": "toolkit.analysis",
    "analyze_many": "toolkit.batch",
    # corpus mode
    "analyze_corpus": "toolkit.corpus.run",
    "open_corpus": "toolkit.corpus.tables",
    "Corpus": "toolkit.corpus.tables",
    # annotation
    "AnnotationStore": "toolkit.annotations",
    "ArticleView": "toolkit.widgets.view",
    "render_html": "toolkit.widgets.static",
    # team review
    "agreement": "toolkit.review.agreement",
    "Review": "toolkit.review.adjudication",
    "ReviewView": "toolkit.widgets.review",
    # sharing
    "freeze": "toolkit.share",
    "share_notebook": "toolkit.share",
    "write_report": "toolkit.share",
    # errors
    "ToolkitError": "toolkit.errors",
    "ToolkitWarning": "toolkit.errors",
}
_SUBMODULES = {"charts", "errors", "pipeline", "article", "analysis", "annotations", "share"}

__all__ = sorted(_EXPORTS) + sorted(_SUBMODULES)


def __getattr__(name: str):
    if name in _EXPORTS:
        value = getattr(importlib.import_module(_EXPORTS[name]), name)
        globals()[name] = value
        return value
    if name in _SUBMODULES:
        module = importlib.import_module(f"toolkit.{name}")
        globals()[name] = module
        return module
    raise AttributeError(f"module 'toolkit' has no attribute {name!r}")


def __dir__():
    return __all__
