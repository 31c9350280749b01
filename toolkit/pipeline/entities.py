"""``toolkit_entities``: people, places and organisations, grouped into entities.

Runs after ``ner`` and fixes what a small statistical model gets wrong in news:

* a surname (or first name) already seen in a multi-word PERSON is a PERSON
  everywhere, also in capitals ("TRUMP" in a heading);
* a name found in the place gazetteer (:mod:`.gazetteer`) is a place, not a
  PERSON / ORG / PRODUCT, unless it is part of a person's name in this text;
* well-known institutions (seats of government used as metonyms, "Kremlin",
  "White House") are organisations;
* a span holds the name and nothing else (no leading article, citation mark,
  bracket or glued punctuation), and each name has one label per document;
* mentions are grouped into canonical entities (titles stripped, "U.S." = "the
  United States", a short form the text defines or "the Times" with the full
  name), and definite role descriptions ("the Russian leader", "the
  U.S. president") become PERSON mentions of the person they refer back to,
  chosen by the titles and nationalities the text gives each person.

Heading lines (``doc.spans["headings"]``, and the title of
``doc.spans["structure"]``) and the furniture of news copy (byline, dateline,
credit, marker) may mention an entity but never create one nor name it: a
heading's mention of a body entity is an ``alias`` (a name seen only in headings
is left out, a title-case headline being no evidence of a name); a name seen
only in furniture (the reporter of a byline, the agency of a credit) stays
visible with ``mention == "furniture"``, in a group of its own that body
mentions never join. Results: ``doc.spans["entities"]`` with
``span._.tk_entity`` (plain data) and corrected ``doc.ents`` (role mentions are not added there).

The concerns live in mixins: :mod:`.entity_spans` (trimming, context cues),
:mod:`.entity_labels` (label fixes), :mod:`.entity_lookup` (untagged names, with
spaCy's ``PhraseMatcher``), :mod:`.entity_groups` (people, grouping, short
forms) and :mod:`.roles` (role mentions); :mod:`.entity_data` holds the data.

Other components can call :func:`canonical_for` to name the entity at a
character range, e.g. a quote's speaker.
"""

from __future__ import annotations

from typing import Iterable

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans, raise_error

from toolkit.errors import ToolkitError
from toolkit.pipeline.entity_data import (  # noqa: F401  (re-exported)
    BUILDING_HEADS, FACILITY_NOUNS, FURNITURE_LABELS, HEADING_LABELS, KNOWLEDGE_PATH,
    OVERRIDABLE, Knowledge, Mention, Person,
    canonical_for, entity_mentions, last_person_before, make_news_knowledge)
from toolkit.pipeline.entity_groups import Grouping
from toolkit.pipeline.entity_labels import LabelFixes
from toolkit.pipeline.entity_lookup import NameLookup
from toolkit.pipeline.entity_spans import MentionSpans
from toolkit.pipeline.gazetteer import Gazetteer
from toolkit.pipeline.roles import RoleMentions

ENTITY_LABELS = ("PERSON", "ORG", "GPE", "LOC", "FAC", "NORP")
DEFAULT_LABELS = ["PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"]


# -- the component -------------------------------------------------------------

class EntityResolver(MentionSpans, LabelFixes, NameLookup, Grouping, RoleMentions):
    """Fix, group and resolve entity mentions; see the module docstring."""

    def __init__(self, nlp: Language | None = None, name: str = "toolkit_entities", *,
                 labels: Iterable[str] = DEFAULT_LABELS, gazetteer: Gazetteer | None = None,
                 knowledge: Knowledge | None = None, min_place_population: int = 100000,
                 resolve_roles: bool = True):
        labels = list(labels)
        unknown = [lab for lab in labels if lab not in ENTITY_LABELS]
        if unknown:
            raise ToolkitError("TK114", labels=unknown, choices=", ".join(ENTITY_LABELS))
        self.name = name
        self.labels = labels
        self.gazetteer = gazetteer if gazetteer is not None else Gazetteer()
        self.knowledge = knowledge if knowledge is not None else make_news_knowledge()
        self.min_place_population = min_place_population
        self.resolve_roles = resolve_roles
        self._pipes = ", ".join(nlp.pipe_names) if nlp is not None else "?"
        self._tokenizer = nlp.tokenizer if nlp is not None else None

    # spaCy's protocol: __call__ -> match -> set_annotations
    def __call__(self, doc: Doc) -> Doc:
        error_handler = self.get_error_handler()
        try:
            mentions = self.match(doc)
            self.set_annotations(doc, mentions)
        except ToolkitError:
            raise
        except Exception as exc:  # noqa: BLE001 - routed like spaCy's components
            error_handler(self.name, self, [doc], exc)
        return doc

    def get_error_handler(self):
        return getattr(self, "_error_handler", raise_error)

    def set_error_handler(self, handler) -> None:
        self._error_handler = handler

    # -- finding mentions --------------------------------------------------------
    def match(self, doc: Doc) -> list[Mention]:
        if len(doc) == 0:
            return []
        if not doc.has_annotation("ENT_IOB"):
            raise ToolkitError("TK110", pipes=self._pipes)
        heading_tokens = set()
        for span in doc.spans.get("headings", []):
            heading_tokens.update(range(span.start, span.end))
        furniture = set()
        for span in doc.spans.get("structure", []):  # title, byline, dateline, credit ...
            if span.label_ in FURNITURE_LABELS:
                furniture.update(range(span.start, span.end))
            elif span.label_ in HEADING_LABELS:
                heading_tokens.update(range(span.start, span.end))
        heading_tokens |= furniture
        mentions = self._join_conjoined_places(
            doc, self._join_defined_names(doc, self._from_ents(doc)))
        for m in mentions:
            m.in_heading = m.start in heading_tokens
            self._glue_title_word(doc, m)
        mentions = self._use_context(doc, mentions)
        for m in mentions:
            m.in_heading = m.start in heading_tokens
        people = self._collect_people(doc, mentions)
        mentions = self._fix_labels(doc, mentions, people)
        mentions += self._add_untagged(doc, mentions, people, heading_tokens)
        self._collect_single_people(doc, mentions, people)
        mentions.sort(key=lambda m: (m.start, -m.end))
        for m in mentions:
            m.furniture = m.start in furniture
        self._one_label_per_name(doc, mentions)
        self._canonicalise(doc, mentions, people)
        if self.resolve_roles and people:
            self._profile_people(doc, mentions, people)
            mentions += self._role_mentions(doc, mentions, people, heading_tokens)
            mentions.sort(key=lambda m: (m.start, -m.end))
        return mentions

    # -- writing ------------------------------------------------------------------------
    def set_annotations(self, doc: Doc, mentions: list[Mention]) -> None:
        spans = []
        for m in mentions:
            if m.canonical is None or m.kind == "drop" or m.label not in self.labels:
                continue
            span = Span(doc, m.start, m.end, label=m.label)
            span._.tk_entity = {
                "canonical": m.canonical,
                "entity_id": m.entity_id,
                "mention": m.kind,
                "source": m.source,
                "original_label": m.original_label,
                "in_heading": m.in_heading,
                "geonameid": m.place.geonameid if m.place is not None else None,
                "country": m.country,
                "role": m.role,
            }
            spans.append(span)
        doc.spans["entities"] = spans
        self._fix_doc_ents(doc, mentions)

    @staticmethod
    def _fix_doc_ents(doc: Doc, mentions: list[Mention]) -> None:
        ours = [Span(doc, m.start, m.end, label=m.label) for m in mentions
                if m.kind not in ("role", "drop") and (m.canonical is not None or m.in_heading)]
        covered = {i for s in ours for i in range(s.start, s.end)}
        covered |= {i for m in mentions if m.kind == "drop" for i in range(m.start, m.end)}
        keep = []
        for ent in doc.ents:
            if ent.label_ in OVERRIDABLE and any(i in covered for i in range(ent.start, ent.end)):
                continue  # replaced by our (re-labelled, trimmed) mention
            keep.append(ent)
        doc.ents = filter_spans(keep + ours)


@Language.factory(
    "toolkit_entities",
    assigns=["doc.spans", "doc.ents"],
    requires=["doc.ents", "token.dep", "token.pos"],
    default_config={
        "labels": DEFAULT_LABELS,
        "gazetteer": {"@misc": "toolkit.geonames_gazetteer.v1"},
        "knowledge": {"@misc": "toolkit.news_knowledge.v1"},
        "min_place_population": 100000,
        "resolve_roles": True,
    },
)
def make_entity_resolver(nlp: Language, name: str, labels: list[str], gazetteer: Gazetteer,
                         knowledge: Knowledge, min_place_population: int,
                         resolve_roles: bool) -> EntityResolver:
    return EntityResolver(nlp, name, labels=labels, gazetteer=gazetteer, knowledge=knowledge,
                          min_place_population=min_place_population,
                          resolve_roles=resolve_roles)
