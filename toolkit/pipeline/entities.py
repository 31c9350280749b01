"""``toolkit_entities``: people, places and organisations, grouped into entities.

Runs after ``ner`` and fixes what a small statistical model gets wrong in news:

* a surname (or first name) already seen in a multi-word PERSON is a PERSON
  everywhere, also in capitals ("TRUMP" in a heading);
* a name found in the place gazetteer (:mod:`.gazetteer`) is a place, not a
  PERSON / ORG / PRODUCT, unless it is part of a person's name in this text;
* well-known institutions (seats of government used as metonyms, "Kremlin",
  "White House") are organisations;
* mentions are grouped into canonical entities (titles stripped, "U.S." = "the
  United States"), and definite role descriptions ("the Russian leader", "the
  U.S. president") become PERSON mentions of the person they refer back to,
  chosen by the titles and nationalities the text gives each person.

Heading lines (``doc.spans["headings"]``) may mention an entity but never
create one. Results: ``doc.spans["entities"]`` with ``span._.tk_entity``
(plain data) and corrected ``doc.ents`` (role mentions are not added there).

Other components can call :func:`canonical_for` to name the entity at a
character range, e.g. a quote's speaker.
"""

from __future__ import annotations

import re
from typing import Iterable

from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans, raise_error

from toolkit.errors import ToolkitError
from toolkit.pipeline.entity_data import (  # noqa: F401  (re-exported)
    KNOWLEDGE_PATH, Knowledge, Mention, Person, _is_name_word, _slug, canonical_for,
    entity_mentions, last_person_before, make_news_knowledge)
from toolkit.pipeline.gazetteer import Gazetteer, Place, country_by_code, fold
from toolkit.pipeline.roles import RoleMentions

ENTITY_LABELS = ("PERSON", "ORG", "GPE", "LOC", "FAC", "NORP")
DEFAULT_LABELS = ["PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"]
_PLACE_PREPOSITIONS = frozenset("in into from to near at across outside inside around throughout "
                                 "toward towards via".split())
#: Model labels a gazetteer place or a known surname may replace.
OVERRIDABLE = {"PERSON", "ORG", "PRODUCT", "NORP", "WORK_OF_ART", "EVENT", "LAW",
               "LANGUAGE", "GPE", "LOC", "FAC"}
#: Nouns that make a place-name modifier a facility ("the X power plant").
FACILITY_NOUNS = {"plant", "facility", "station", "reactor", "airport", "dam", "port",
                  "base", "bridge", "refinery", "mine", "factory", "terminal",
                  "pipeline", "complex", "harbour", "harbor", "airbase"}
#: Last words that make a name a building or a venue, not a person or a firm.
BUILDING_HEADS = {"hotel", "inn", "motel", "resort", "tower", "towers", "building", "stadium",
                  "arena", "airport", "palace", "mall", "plaza", "lodge", "hostel", "casino",
                  "cathedral", "mosque", "synagogue", "temple", "church"}
_POSSESSIVE = {"'s", "’s", "'", "’"}
_DETERMINERS = {"the"}
_PREPOSITIONS = {"at", "of", "for", "with", "in", "from", "on", "to", "by"}
_QUOTE_CHARS = "\"'“”‘’«»"


# -- the component -------------------------------------------------------------

class EntityResolver(RoleMentions):
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
        mentions = [m for m in (self._from_ent(doc, ent) for ent in doc.ents) if m]
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
        self._canonicalise(doc, mentions, people)
        if self.resolve_roles and people:
            self._profile_people(doc, mentions, people)
            mentions += self._role_mentions(doc, mentions, people, heading_tokens)
            mentions.sort(key=lambda m: (m.start, -m.end))
        return mentions

    def _from_ent(self, doc: Doc, ent: Span) -> Mention | None:
        """A mention for a model entity, trimmed of possessives (and titles for PERSON)."""
        if ent.label_ not in OVERRIDABLE:
            return None
        start, end = ent.start, ent.end
        while end > start and doc[end - 1].lower_ in _POSSESSIVE and end - 1 > start:
            end -= 1
        while start < end and doc[start].is_punct:
            start += 1
        while end > start and doc[end - 1].is_punct and doc[end - 1].text not in (".",):
            end -= 1
        # a score or a count glued on by the model ("Arsenal 2-1"): not part of the name
        while end - start > 1 and (doc[end - 1].like_num or doc[end - 1].text in "-–") \
                and doc[start].is_alpha and not doc[start].like_num:
            end -= 1
        label = ent.label_
        if label in ("ORG", "PERSON", "GPE"):
            start, label = self._strip_role_prefix(doc, start, end, label)
            if end - start >= 2 and doc[end - 1].lower_ in BUILDING_HEADS \
                    and doc[end - 1].is_title:
                label = "FAC"  # "the Grand Harbour Hotel" is a place, not a person or firm
        if label == "PERSON":
            while end - start > 1 and (doc[start].lower_ in self.knowledge.honorifics
                                       or doc[start].lower_ in self.knowledge.roles
                                       or doc[start].lower_ in self.knowledge.title_words):
                start += 1
        if start >= end:
            return None
        return Mention(start, end, label, original_label=ent.label_)

    def _strip_role_prefix(self, doc: Doc, start: int, end: int, label: str) -> tuple[int, str]:
        """"Secretary of State Jo Pike": the model's span may begin inside the title
        ("State Jo Pike"); drop the title words and keep the person."""
        roles = self.knowledge.roles
        for j in (1, 2):
            if end - start - j < 1:
                break
            for back in (0, 1, 2, 3):
                if start - back < 0:
                    break
                phrase = " ".join(t.lower_ for t in doc[start - back:start + j])
                if phrase in roles and (back or j > 1):
                    rest = doc[start + j:end]
                    if rest and all(t.is_title and t.pos_ == "PROPN" for t in rest):
                        return start + j, "PERSON"
        return start, label

    @staticmethod
    def _glue_title_word(doc: Doc, m: Mention) -> None:
        """A place name followed, mid-sentence, by a capitalised "Today" is the name
        of an outlet or programme ("Russia Today", "Kenya Today"), not a place and a
        date."""
        if m.label not in ("GPE", "ORG", "NORP") or m.end >= len(doc):
            return
        nxt = doc[m.end]
        if nxt.text == "Today" and not nxt.is_sent_start and doc[m.end - 1].whitespace_:
            m.end += 1
            m.label = "ORG"

    # -- context cues ----------------------------------------------------------------
    def _use_context(self, doc: Doc, mentions: list[Mention]) -> list[Mention]:
        """Cues in the words around a name: "the town of X" is a place; "X, a
        forestry researcher" is a person; "degrees Fahrenheit" is no entity; a
        "PERSON" made of common nouns ("Wildfires") is none either."""
        taken = {i for m in mentions for i in range(m.start, m.end)}
        taken |= {i for e in doc.ents for i in range(e.start, e.end)}
        # untagged runs of proper nouns become candidates for the cues below
        candidates = list(mentions)
        i = 0
        while i < len(doc):
            j = i
            while (j < len(doc) and j not in taken and doc[j].is_title and doc[j].is_alpha
                   and not doc[j].is_stop and doc[j].pos_ in ("PROPN", "")):
                j += 1
            if j > i:
                candidates.append(Mention(i, j, "", original_label=None, source="context"))
                i = j
            else:
                i += 1
        out = []
        for m in candidates:
            before = doc[max(0, m.start - 2):m.start]
            if m.start > 0 and doc[m.start - 1].lower_ in ("degrees", "degree", "°"):
                if m.label:
                    m.kind = "drop"
                    out.append(m)
                continue
            if (m.label in ("PERSON", "ORG", "PRODUCT", "NORP", "WORK_OF_ART", "")
                    and len(before) == 2 and before[1].lower_ == "of"
                    and before[0].lower_ in self.knowledge.place_nouns
                    and all(_is_name_word(t) for t in doc[m.start:m.end])):
                m.label, m.source = "GPE", "context"
                m.place = self._place_for(doc[m.start:m.end].text)
                out.append(m)
                continue
            if m.label in ("ORG", "NORP", "PRODUCT", "WORK_OF_ART", "GPE", "") \
                    and self._person_apposition(doc, m.end):
                m = self._with_given_name(doc, m, taken)
                m.label, m.source = "PERSON", "context"
                out.append(m)
                continue
            if (m.label == "PERSON" and doc.has_annotation("TAG")
                    and all(t.tag_ in ("NN", "NNS") for t in doc[m.start:m.end])):
                m.kind = "drop"
            if m.label:
                out.append(m)
        return out

    def _person_apposition(self, doc: Doc, end: int) -> bool:
        """", a forestry researcher" / ", the agency's spokesman" right after ``end``."""
        if end + 2 >= len(doc) or doc[end].text != "," or \
                doc[end + 1].lower_ not in ("a", "an", "the", "his", "her", "its", "their"):
            return False
        k = end + 2
        last = None
        while k < len(doc) and k - end <= 7 and not (doc[k].is_punct and doc[k].text != "'s"):
            if doc[k].lower_ in ("who", "which", "that") or doc[k].pos_ in ("VERB", "AUX"):
                return False
            if doc[k].pos_ == "ADP" or doc[k].lower_ in _PREPOSITIONS:
                break
            last = doc[k]
            k += 1
        return last is not None and last.lower_ in self.knowledge.person_nouns

    @staticmethod
    def _with_given_name(doc: Doc, m: Mention, taken: set) -> Mention:
        """Extend ``m`` left over an untagged capitalised name word ("Ana" Costa)."""
        start = m.start
        while start > 0 and (start - 1) not in taken and doc[start - 1].is_title \
                and doc[start - 1].is_alpha and not doc[start - 1].is_stop \
                and doc[start - 1].pos_ in ("PROPN", "") and m.start - start < 2:
            start -= 1
        m.start = start
        return m

    # -- people --------------------------------------------------------------------
    def _name_tokens(self, doc: Doc, m: Mention) -> list[Token]:
        return [t for t in doc[m.start:m.end] if t.is_alpha or "-" in t.text or "." in t.text]

    def _collect_people(self, doc: Doc, mentions: list[Mention]) -> dict[str, Person]:
        """Full names (two or more name words) of PERSON mentions in body text."""
        people: dict[str, Person] = {}
        for m in mentions:
            if m.label != "PERSON" or m.in_heading:
                continue
            words = [t for t in self._name_tokens(doc, m) if _is_name_word(t)]
            if len(words) < 2 or any(t.is_upper and len(t) > 3 for t in words):
                continue
            first, last = words[0].text, words[-1].text
            key = f"{fold(first)} {fold(last)}"
            if key not in people:
                canonical = doc[m.start:m.end].text.strip()
                people[key] = Person(canonical, f"person:{_slug(canonical)}", first, last)
        return people

    def _collect_single_people(self, doc: Doc, mentions: list[Mention],
                               people: dict[str, Person]) -> None:
        """People named by one word only ("King Abdullah"), when no full name claims it."""
        parts = {fold(p.first) for p in people.values()} | {fold(p.last) for p in people.values()}
        for m in mentions:
            if m.label != "PERSON" or m.in_heading or m.end - m.start != 1:
                continue
            token = doc[m.start]
            key = fold(token.text)
            if token.is_title and token.is_alpha and key not in parts and key not in people:
                people[key] = Person(token.text, f"person:{_slug(token.text)}", token.text,
                                     token.text)

    def _name_index(self, people: dict[str, Person]) -> tuple[dict, dict]:
        surnames: dict[str, list[Person]] = {}
        firsts: dict[str, list[Person]] = {}
        for person in people.values():
            surnames.setdefault(fold(person.last), []).append(person)
            firsts.setdefault(fold(person.first), []).append(person)
        return surnames, firsts

    # -- label fixes ------------------------------------------------------------------
    def _clean_text(self, doc: Doc, start: int, end: int) -> str:
        tokens = list(doc[start:end])
        while tokens and tokens[0].lower_ in _DETERMINERS:
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
        # ... and names the model calls ORG that act as one (subject or owner)
        acting = {fold(self._clean_text(doc, m.start, m.end)) for m in mentions
                  if m.label == "ORG" and doc.has_annotation("DEP")
                  and doc[m.end - 1].dep_ in ("nsubj", "nsubjpass", "poss")}
        out = []
        for m in mentions:
            span = doc[m.start:m.end]
            text = self._clean_text(doc, m.start, m.end)
            key = fold(text)
            single = m.end - m.start == 1
            # 1. a known surname is a person everywhere
            if single and key in surnames and _is_name_word(span[0]):
                m.label, m.source = "PERSON", ("model" if m.label == "PERSON" else "surname")
                out.append(m)
                continue
            # 2. a title the model took for an organisation ("Secretary of State")
            if m.label == "ORG" and all(t.lower_ in self.knowledge.title_words
                                        or t.lower_ in self.knowledge.roles
                                        or t.lower_ == "of" for t in span):
                m.kind = "drop"
                out.append(m)
                continue
            # 3. well-known institutions
            inst = self.knowledge.institutions.get(key)
            if inst is not None and self._institution_case_ok(text, key, inst):
                if m.label != inst["label"]:
                    m.label, m.source = inst["label"], "institution"
                out.append(m)
                continue
            # 4. gazetteer places
            if m.label in ("PERSON", "ORG", "PRODUCT", "NORP", "WORK_OF_ART", "EVENT",
                           "LAW", "LANGUAGE"):
                place = self._place_for(text)
                if place is not None and m.label == "ORG" and place.kind == "city" \
                        and not place.capital and key in acting and key not in placed:
                    place = None  # a club or firm named after its city stays the model's ORG
                if place is not None and self._may_be_place(doc, m, place, name_parts):
                    m.place = place
                    m.label = "FAC" if self._facility_head(doc, m) else place.label
                    m.source = "gazetteer"
            elif m.label in ("GPE", "LOC", "FAC"):
                m.place = self._place_for(text)
            out.append(m)
        return out

    @staticmethod
    def _place_context(doc: Doc, m: Mention) -> bool:
        """Words that make a name a place: "in X", "from X", "X, Ohio", "X-based"."""
        before = doc[m.start - 1] if m.start > 0 else None
        if before is not None and before.lower_ in _PLACE_PREPOSITIONS:
            return True
        after = doc[m.end] if m.end < len(doc) else None
        return after is not None and after.text == "," and m.end + 1 < len(doc) \
            and doc[m.end + 1].ent_type_ == "GPE"

    def _institution_case_ok(self, text: str, key: str, inst: dict) -> bool:
        if inst.get("case_sensitive"):
            return text == self.knowledge.institution_names[key]
        return text[:1].isupper()

    def _may_be_place(self, doc: Doc, m: Mention, place: Place, name_parts: set) -> bool:
        tokens = doc[m.start:m.end]
        if not all(_is_name_word(t) or t.lower_ in _DETERMINERS or not t.is_alpha
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
        has_pos = doc.has_annotation("POS")
        added: list[Mention] = []
        i = 0
        while i < len(doc):
            if i in taken or not _is_name_word(doc[i]):
                i += 1
                continue
            found = None
            # longest candidate first: institutions and places up to 4 tokens
            for n in range(min(4, len(doc) - i), 0, -1):
                if any(j in taken for j in range(i, i + n)):
                    continue
                span = doc[i:i + n]
                if not _is_name_word(span[-1]) or any(t.is_space or t.is_punct and t.text != "."
                                                      for t in span):
                    continue
                text = span.text
                key = fold(text)
                if n == 1 and key in surnames:
                    found = Mention(i, i + 1, "PERSON", source="surname")
                    break
                inst = self.knowledge.institutions.get(key)
                if inst is not None and self._institution_case_ok(text, key, inst):
                    if not (i in heading_tokens and text.isupper()):
                        found = Mention(i, i + n, inst["label"], source="institution")
                        break
                if key in name_parts or doc[i].is_stop or (n == 1 and len(text) < 3):
                    continue
                if has_pos and not all(t.pos_ == "PROPN" for t in span if t.is_alpha):
                    continue
                if text.isupper() and not any(t.ent_type_ for t in span):
                    continue  # all-caps words in headings are too ambiguous
                place = self._place_for(text)
                if place is not None and (place.kind != "city"
                                          or place.population >= self.min_place_population):
                    found = Mention(i, i + n, place.label, source="gazetteer", place=place)
                    if self._facility_head(doc, found):
                        found.label = "FAC"
                    break
            if found is None:
                i += 1
                continue
            found.in_heading = found.start in heading_tokens
            added.append(found)
            taken.update(range(found.start, found.end))
            i = found.end
        return added

    # -- grouping ----------------------------------------------------------------------
    def _canonicalise(self, doc: Doc, mentions: list[Mention], people: dict[str, Person]) -> None:
        surnames, firsts = self._name_index(people)
        by_id: dict[str, str] = {}
        for m in mentions:
            if m.kind == "drop":
                continue
            text = self._clean_text(doc, m.start, m.end)
            key = fold(text)
            if m.label == "PERSON":
                self._canonical_person(doc, m, text, people, surnames, firsts)
                continue
            inst = self.knowledge.institutions.get(key)
            if inst is not None and self._institution_case_ok(text, key, inst):
                canonical = inst.get("canonical") or self.knowledge.institution_names[key]
                m.canonical, m.entity_id = canonical, f"org:{_slug(canonical)}"
                m.country = inst.get("country")
                continue
            if m.label == "NORP":
                m.canonical, m.entity_id = text, f"norp:{_slug(text)}"
                m.country = self.knowledge.demonyms.get(key)
                continue
            code = self.knowledge.country_aliases.get(key)
            if code is None and m.place is not None and m.place.kind == "country":
                code = m.place.country
            if code is not None and m.label in ("GPE", "LOC"):
                name = self._country_name(code) or text
                m.canonical, m.entity_id, m.country = name, f"country:{code.lower()}", code
                continue
            if m.place is not None:
                m.entity_id = f"place:{m.place.geonameid or _slug(m.place.name)}"
                m.country = m.place.country
                m.canonical = by_id.setdefault(m.entity_id, text if not m.in_heading
                                               else m.place.name)
                continue
            family = "org" if m.label == "ORG" else "place" if m.label in ("GPE", "LOC", "FAC") \
                else m.label.lower()
            m.canonical, m.entity_id = text, f"{family}:{_slug(text)}"
        self._merge_acronyms(mentions)
        for m in mentions:
            if m.kind not in ("role", "drop") and m.canonical is not None:
                m.kind = "name" if fold(self._clean_text(doc, m.start, m.end)) == fold(m.canonical) \
                    else "alias"
            if m.label == "PERSON" and m.canonical is not None and m.kind == "name" \
                    and m.in_heading:
                m.kind = "alias"

    def _canonical_person(self, doc, m, text, people, surnames, firsts) -> None:
        words = [t for t in self._name_tokens(doc, m) if _is_name_word(t)]
        if len(words) >= 2:
            key = f"{fold(words[0].text)} {fold(words[-1].text)}"
            person = people.get(key)
            if person is None:  # full name only in a heading, or odd casing
                person = self._closest(surnames.get(fold(words[-1].text), []), m.start)
        elif words:
            key = fold(words[0].text)
            person = self._closest(surnames.get(key, []), m.start)
            if person is None and len(firsts.get(key, [])) == 1:
                person = firsts[key][0]
        else:
            person = None
        if person is not None:
            m.canonical, m.entity_id = person.canonical, person.entity_id
            if not m.in_heading:
                person.positions.append(m.start)
        elif not m.in_heading:
            m.canonical, m.entity_id = text, f"person:{_slug(text)}"

    @staticmethod
    def _closest(candidates: list[Person], position: int) -> Person | None:
        if not candidates:
            return None
        if len(candidates) == 1:
            return candidates[0]
        before = [(max([p for p in c.positions if p <= position] or [-1]), c) for c in candidates]
        return max(before, key=lambda pair: pair[0])[1]

    @staticmethod
    def _country_name(code: str) -> str | None:
        country = country_by_code(code)
        return country.name if country is not None else None

    @staticmethod
    def _merge_acronyms(mentions: list[Mention]) -> None:
        """ "North Atlantic Treaty Organization" and "NATO" become one ORG."""
        long_forms = {}
        for m in mentions:
            if m.label == "ORG" and m.canonical and " " in m.canonical:
                words = [w for w in m.canonical.split() if w[:1].isupper()]
                if len(words) >= 2:
                    long_forms.setdefault("".join(w[0] for w in words), m)
        for m in mentions:
            if m.label == "ORG" and m.canonical and m.canonical.replace(".", "").isupper():
                long = long_forms.get(m.canonical.replace(".", ""))
                if long is not None:
                    m.canonical, m.entity_id = long.canonical, long.entity_id

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
