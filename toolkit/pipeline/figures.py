"""Placeholder: replaced by the real toolkit_figures component."""
from spacy.language import Language


@Language.factory("toolkit_figures")
def make_figures(nlp, name):
    def component(doc):
        doc.spans["figures"] = []
        return doc
    return component
