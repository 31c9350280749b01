"""Names the model did not tag at all, found with spaCy's :class:`PhraseMatcher`:
a mixin of :class:`toolkit.pipeline.entities.EntityResolver`.

Two matchers do the looking up:

* one per pipeline, built on first use from the knowledge file's institutions;
* per document, one of the gazetteer's places that may stand on their own
  (countries, states, continents, cities above the population bar) and may
  occur in it (their first word is a word of the document), and one of the
  surnames of the people the document names.

Each match is then checked against the text's evidence (case, part of speech,
a person's name, a heading in capitals) before it becomes a mention; at one
position the longest accepted match wins, a surname before an institution
before a place.
"""

from __future__ import annotations

import re

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from toolkit.pipeline.entity_data import Mention, Person, _is_name_word
from toolkit.pipeline.entity_groups import name_initials
from toolkit.pipeline.gazetteer import fold

_SURNAME, _INSTITUTION, _PLACE = "TK_SURNAME", "TK_INSTITUTION", "TK_PLACE"
_SHORT = "TK_SHORT_FORM"
_PRIORITY = {_SURNAME: 0, _SHORT: 1, _INSTITUTION: 2, _PLACE: 3}
_INNER_PUNCT = {".", "-", "'", "’"}
_WORD = re.compile(r"[^\W_]+")


def _first_word(text: str) -> str:
    """The first run of letters or digits, lower-cased: the key of the place index."""
    match = _WORD.search(text)
    return match.group(0).lower() if match else ""


def _phrases(tokenizer, names) -> list[Doc]:
    """Pattern docs for ``names``, cut by the pipeline's own tokenizer."""
    return list(tokenizer.pipe(sorted(set(names))))


class NameLookup:
    """Mixin: surnames, institutions and places the model did not tag."""

    _lookup_matcher: PhraseMatcher | None = None
    _lookup_vocab = None
    _place_index: dict | None = None

    def _lookup_tokenizer(self, doc: Doc):
        tokenizer = getattr(self, "_tokenizer", None)
        if tokenizer is None or tokenizer.vocab is not doc.vocab:
            from spacy.lang.en import English

            tokenizer = English(vocab=doc.vocab).tokenizer
            self._tokenizer = tokenizer
        return tokenizer

    def _names_matcher(self, doc: Doc) -> PhraseMatcher:
        """The pipeline's matcher of institutions (built once per pipeline)."""
        if self._lookup_matcher is not None and self._lookup_vocab is doc.vocab:
            return self._lookup_matcher
        tokenizer = self._lookup_tokenizer(doc)
        matcher = PhraseMatcher(doc.vocab, attr="LOWER")
        matcher.add(_INSTITUTION, _phrases(tokenizer, self.knowledge.institution_names.values()))
        self._lookup_matcher, self._lookup_vocab = matcher, doc.vocab
        return matcher

    def _places_matcher(self, doc: Doc) -> PhraseMatcher | None:
        """This document's matcher of the place names that may occur in it: the
        gazetteer's spellings (countries, states, continents, cities above the
        population bar) whose first word is a word of the document. Tokenising
        the few hundred candidates of one article is far cheaper than a matcher
        of all forty thousand spellings."""
        if self._place_index is None:
            bar = self.min_place_population
            index: dict[str, set] = {}
            for name in self.gazetteer.spellings(
                    lambda place: place.kind != "city" or place.population >= bar):
                key = _first_word(name)
                if key:
                    index.setdefault(key, set()).add(name)
            self._place_index = index
        names = set()
        for token in doc:
            if _is_name_word(token):
                names |= self._place_index.get(_first_word(token.text), set())
        if not names:
            return None
        matcher = PhraseMatcher(doc.vocab, attr="LOWER")
        matcher.add(_PLACE, _phrases(self._lookup_tokenizer(doc), names))
        return matcher

    def __getstate__(self):
        state = dict(self.__dict__)
        for key in ("_lookup_matcher", "_lookup_vocab", "_tokenizer", "_place_index"):
            state.pop(key, None)  # rebuilt on first use after unpickling
        return state

    @staticmethod
    def _surname_matcher(doc: Doc, surnames: dict) -> PhraseMatcher | None:
        """This document's matcher of its people's surnames (one token each)."""
        words = sorted({p.last for group in surnames.values() for p in group if p.last})
        if not words:
            return None
        matcher = PhraseMatcher(doc.vocab, attr="LOWER")
        matcher.add(_SURNAME, [Doc(doc.vocab, words=[w]) for w in words])
        return matcher

    def _short_forms(self, doc: Doc, mentions: list[Mention]) -> dict[str, str]:
        """Short forms the text defines after a name ("... Organization (WHO)"),
        with the name's label: later uses are found even when the model missed them."""
        out = {}
        for m in mentions:
            if m.label == "PERSON" or m.kind == "drop":
                continue
            if m.end + 2 < len(doc) and doc[m.end].text == "(" and doc[m.end + 2].text == ")":
                short = doc[m.end + 1].text
                if 2 <= len(short) <= 8 and short.isalpha() and short.isupper():
                    out.setdefault(short, m.label)
            if m.label == "ORG" and not m.in_heading and m.end - m.start >= 2:
                # the initials of an organisation the text names in full, seen alone
                for short in name_initials(doc[m.start:m.end].text):
                    if 3 <= len(short) <= 8 and not self._a_place(short):
                        out.setdefault(short, "ORG")
        return out

    def _add_untagged(self, doc: Doc, mentions: list[Mention], people: dict[str, Person],
                      heading_tokens: set) -> list[Mention]:
        """Surnames, institutions and places the model did not tag at all."""
        taken = set()
        for m in mentions:
            taken.update(range(m.start, m.end))
        for ent in doc.ents:  # DATE, CARDINAL ... are not ours to take over
            taken.update(range(ent.start, ent.end))
        surnames, firsts = self._name_index(people)
        name_parts = set(surnames) | set(firsts)
        strings = doc.vocab.strings
        candidates = [(strings[key], start, end)
                      for key, start, end in self._names_matcher(doc)(doc)]
        by_place = self._places_matcher(doc)
        if by_place is not None:
            candidates += [(_PLACE, start, end) for _k, start, end in by_place(doc)]
        by_surname = self._surname_matcher(doc, surnames)
        if by_surname is not None:
            candidates += [(_SURNAME, start, end) for _k, start, end in by_surname(doc)]
        short_forms = self._short_forms(doc, mentions)
        if short_forms:  # in any case with capitals at both ends: "DoD" for "DOD"
            by_short = PhraseMatcher(doc.vocab, attr="LOWER")
            by_short.add(_SHORT, [Doc(doc.vocab, words=[w.lower()]) for w in short_forms])
            candidates += [(_SHORT, start, end) for _k, start, end in by_short(doc)
                           if doc[start].text[0].isupper() and doc[start].text[-1].isupper()]
        candidates.sort(key=lambda c: (c[1], c[1] - c[2], _PRIORITY[c[0]]))
        added: list[Mention] = []
        for kind, start, end in candidates:
            if any(j in taken for j in range(start, end)):
                continue
            if kind == _SHORT:
                found = Mention(start, end, short_forms[doc[start].text.upper()],
                                source="short form")
            else:
                found = self._accept(doc, kind, start, end, surnames, name_parts,
                                     heading_tokens)
            if found is None:
                continue
            found.in_heading = found.start in heading_tokens
            added.append(found)
            taken.update(range(found.start, found.end))
        return added

    def _accept(self, doc: Doc, kind: str, start: int, end: int, surnames: dict,
                name_parts: set, heading_tokens: set) -> Mention | None:
        """The mention a match makes, or None when the text speaks against it."""
        span = doc[start:end]
        if not _is_name_word(span[0]) or not _is_name_word(span[-1]):
            return None
        if any(t.is_space or (t.is_punct and t.text not in _INNER_PUNCT) for t in span):
            return None
        text = span.text
        key = fold(text)
        if kind == _SURNAME:
            return Mention(start, end, "PERSON", source="surname") \
                if len(span) == 1 and key in surnames else None
        if kind == _INSTITUTION:
            inst = self.knowledge.institutions.get(key)
            if inst is None or not self._institution_case_ok(text, key, inst):
                return None
            if start in heading_tokens and text.isupper():
                return None
            return Mention(start, end, inst["label"], source="institution")
        if key in name_parts or span[0].is_stop or (len(span) == 1 and len(text) < 3):
            return None
        if doc.has_annotation("POS") and not all(t.pos_ == "PROPN" for t in span
                                                 if t.is_alpha):
            return None
        if text.isupper() and not any(t.ent_type_ for t in span):
            return None  # all-caps words in headings are too ambiguous
        place = self._place_for(text)
        if place is None or (place.kind == "city"
                             and place.population < self.min_place_population):
            return None
        found = Mention(start, end, place.label, source="gazetteer", place=place)
        if self._facility_head(doc, found):
            found.label = "FAC"
        return found
