"""Notebook views of an analysis: the ArticleView widget and its static HTML twin."""

from toolkit.widgets.static import render_html
from toolkit.widgets.view import ArticleView

__all__ = ["ArticleView", "render_html"]
