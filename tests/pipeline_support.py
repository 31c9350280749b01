"""What the tests of the pipeline's layers share: run the pipeline on a text
with a publication date known before the first component, and read one layer."""

PUBLISHED = "2025-03-13"  # a Thursday


def _layer(nlp, text, published, group, attribute):
    doc = nlp.make_doc(text)
    doc._.published = published
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    return {s.text: getattr(s._, attribute) for s in doc.spans[group]}


def dates_in(nlp, text, published=PUBLISHED):
    """``{written text: resolved value}`` for every date the pipeline finds."""
    return _layer(nlp, text, published, "dates", "date")


def figures_in(nlp, text, published=PUBLISHED):
    """``{written text: facts}`` for every figure the pipeline finds."""
    return _layer(nlp, text, published, "figures", "tk_figure")
