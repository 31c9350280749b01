"""Label fixes: surnames, titles, institutions and gazetteer places over the
model's label: a mixin of :class:`toolkit.pipeline.entities.EntityResolver`."""

from __future__ import annotations

import re

from spacy.tokens import Doc

from toolkit.pipeline.entity_data import (DETERMINERS, FACILITY_NOUNS, FIRM_PLACE_PREPOSITIONS,
                                          CLUB_CUES, CLUB_PREFIXES, ORG_CUES,
                                          PLACE_PREPOSITIONS,
                                          Mention, Person, _is_name_word)
from toolkit.pipeline.gazetteer import Place, fold
from toolkit.pipeline.sentence_index import SentenceIndex

#: Model labels a city's name may carry where it names a place, a club or a firm.
CITY_OR_OTHER = frozenset({"PERSON", "ORG", "PRODUCT", "NORP", "WORK_OF_ART", "EVENT", "LAW",
                           "LANGUAGE", "GPE"})
#: A match score right after a name ("X 2-1").
_SCORE = re.compile(r"^\d{1,2}[-–]\d{1,2}(?!\d)")


class LabelFixes:
    """Mixin: one label per name, from the text's own evidence."""

    def _clean_text(self, doc: Doc, start: int, end: int) -> str:
        tokens = list(doc[start:end])
        while tokens and tokens[0].lower_ in DETERMINERS \
                and not self._article_in_name(doc[start:end].text):
            tokens = tokens[1:]
        text = "".join(t.text_with_ws for t in tokens).strip()
        return re.sub(r"['’]s$", "", text).strip()

    def _place_for(self, text: str) -> Place | None:
        key = fold(text)
        if key in self.knowledge.demonyms or key in self.knowledge.institutions:
            return None
        return self.gazetteer.lookup(text)

    def _facility_head(self, doc: Doc, m: Mention) -> bool:
        last = doc[m.end - 1]
        return (last.dep_ in ("compound", "nmod", "amod") and last.head.i >= m.end
                and last.head.lower_ in FACILITY_NOUNS)

    def _fix_labels(self, doc: Doc, mentions: list[Mention],
                    people: dict[str, Person]) -> list[Mention]:
        surnames, firsts = self._name_index(people)
        name_parts = set(surnames) | set(firsts)
        # names the text itself uses as places somewhere (the model says GPE/LOC, or
        # "in X"): only these may turn a model ORG into a city
        placed = {fold(self._clean_text(doc, m.start, m.end)) for m in mentions
                  if m.label in ("GPE", "LOC") or self._place_context(doc, m)}
        # ... and names put on the map by the words around them ("in X", "X, Ohio")
        located = {fold(self._clean_text(doc, m.start, m.end)) for m in mentions
                   if self._place_context(doc, m, FIRM_PLACE_PREPOSITIONS)}
        # ... and names the model calls ORG that act as one (subject or owner)
        acting = {fold(self._clean_text(doc, m.start, m.end)) for m in mentions
                  if m.label == "ORG" and doc.has_annotation("DEP")
                  and doc[m.end - 1].dep_ in ("nsubj", "nsubjpass", "poss")}
        cues = SentenceCues(doc)  # one scan per sentence, not one per name
        out = []
        for m in mentions:
            span = doc[m.start:m.end]
            text = self._clean_text(doc, m.start, m.end)
            key = fold(text)
            single = m.end - m.start == 1
            # 1. a known surname is a person everywhere (even where a context cue
            #    dropped it: "Sanders says" opening a paragraph, tagged as a plural noun)
            if single and key in surnames and _is_name_word(span[0]):
                m.label, m.source = "PERSON", ("model" if m.label == "PERSON" else "surname")
                if m.kind == "drop":
                    m.kind = "name"
                out.append(m)
                continue
            # 2. well-known institutions
            inst = self.knowledge.institutions.get(key)
            if inst is not None and self._institution_case_ok(text, key, inst):
                if m.label != inst["label"]:
                    m.label, m.source = inst["label"], "institution"
                out.append(m)
                continue
            # 3. a title the model took for an organisation ("Secretary of State")
            if m.label == "ORG" and all(t.lower_ in self.knowledge.title_words
                                        or t.lower_ in self.knowledge.roles
                                        or t.lower_ == "of" for t in span):
                m.kind = "drop"
                out.append(m)
                continue
            # 4. gazetteer places, unless the name is a club or a firm named after
            #    its city ("Real X", "X 2-1", "shares of X", "signed from X")
            place = self._place_for(text) if m.label in CITY_OR_OTHER else None
            city = place is not None and place.kind == "city" and not place.capital
            if place is not None and place.kind == "city" and self._club_prefix(doc, m):
                m.start, m.label, m.place, m.source = m.start - 1, "ORG", None, "context"
            elif city and m.label in ("ORG", "PERSON", "GPE") and key not in located \
                    and (m.label != "ORG" or key not in placed or key in acting) \
                    and self._org_cue(doc, m, strong=m.label != "ORG", cues=cues) \
                    or (city and m.label == "ORG" and key in acting and key not in placed):
                m.label, m.place = "ORG", None  # the model's ORG stays, or becomes one
                if m.original_label != "ORG":
                    m.source = "context"
            elif m.label in ("GPE", "LOC", "FAC"):
                m.place = place if m.label in CITY_OR_OTHER else self._place_for(text)
            elif place is not None and self._may_be_place(doc, m, place, name_parts):
                m.place = place
                m.label = "FAC" if self._facility_head(doc, m) else place.label
                m.source = "gazetteer"
            out.append(m)
        return out

    @staticmethod
    def _place_context(doc: Doc, m: Mention, prepositions=PLACE_PREPOSITIONS) -> bool:
        """Words that make a name a place: "in X", "from X", "X, Ohio", "X-based"."""
        before = doc[m.start - 1] if m.start > 0 else None
        if before is not None and before.lower_ in prepositions:
            return True
        after = doc[m.end] if m.end < len(doc) else None
        return after is not None and after.text == "," and m.end + 1 < len(doc) \
            and doc[m.end + 1].ent_type_ == "GPE"

    @staticmethod
    def _org_cue(doc: Doc, m: Mention, strong: bool = False,
                 cues: SentenceCues | None = None) -> bool:
        """A club's or a firm's words in the sentence ("striker", "shares", "beat"),
        or a score glued to the name ("X 2-1"): the model's ORG for a city's name
        is then the club or the firm named after it. ``strong``: only a score or a
        club's own words (a model PERSON or GPE is turned into a club on those alone).
        ``cues``: the :class:`SentenceCues` of ``doc``, when the caller has one."""
        if _SCORE.match(doc[m.end:m.end + 3].text.replace(" ", "")):
            return True
        if strong and m.label == "PERSON":
            return False
        return (cues or SentenceCues(doc)).outside(m, CLUB_CUES if strong else ORG_CUES)

    @staticmethod
    def _club_prefix(doc: Doc, m: Mention) -> bool:
        """"Real", "Sporting", "FC" ... right before a city's name: a club."""
        return m.start > 0 and doc[m.start - 1].text in CLUB_PREFIXES

    def _institution_case_ok(self, text: str, key: str, inst: dict) -> bool:
        if inst.get("case_sensitive"):
            return text == self.knowledge.institution_names[key]
        return text[:1].isupper()

    def _may_be_place(self, doc: Doc, m: Mention, place: Place, name_parts: set) -> bool:
        tokens = doc[m.start:m.end]
        if not all(_is_name_word(t) or t.lower_ in DETERMINERS or not t.is_alpha
                   for t in tokens):
            return False
        if place.kind == "city" and place.population < self.min_place_population:
            return False
        if m.label == "PERSON":
            if not all(t.is_title or not t.is_alpha for t in tokens):
                return False  # "PUTIN" in capitals is no evidence of a place
            # the string is part of a person's name in this text: keep it a person
            if any(fold(t.text) in name_parts for t in tokens if t.is_alpha):
                return False
            if not any(t.pos_ == "PROPN" for t in tokens) and doc.has_annotation("TAG"):
                return False
        return True


class SentenceCues:
    """Where the cue words of a list stand in each sentence of one Doc: each
    sentence is scanned once per list, on the first name that asks, so asking
    for every name of a long sentence stays linear."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self._sentences: SentenceIndex | None = None
        self._found: dict[tuple[int, int], list[int]] = {}

    def outside(self, m: Mention, words: frozenset) -> bool:
        """Whether a word of ``words`` stands in the sentence of ``m`` (the
        sentence holding its first token) outside ``m`` itself."""
        if self._sentences is None:
            self._sentences = SentenceIndex(self.doc)
        start, end = self._sentences.bounds(m.start)
        key = (start, id(words))
        if key not in self._found:
            self._found[key] = [t.i for t in self.doc[start:end] if t.lower_ in words]
        found = self._found[key]
        return bool(found) and (found[0] < m.start or found[-1] >= m.end)
