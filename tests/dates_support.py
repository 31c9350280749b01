"""What the tests of the dates layer share: run the pipeline on a text with a
publication date known before the first component, and read the dates found."""

PUBLISHED = "2025-03-13"  # a Thursday


def dates_in(nlp, text, published=PUBLISHED):
    """``{written text: resolved value}`` for every date the pipeline finds."""
    doc = nlp.make_doc(text)
    doc._.published = published
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    return {s.text: s._.date for s in doc.spans["dates"]}
