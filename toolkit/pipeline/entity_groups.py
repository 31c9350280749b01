"""People and grouping: full names, surnames, canonical names and entity ids,
acronyms and short forms: a mixin of :class:`toolkit.pipeline.entities.EntityResolver`."""

from __future__ import annotations

import bisect
import re

from spacy.tokens import Doc, Token

from toolkit.pipeline.entity_data import Mention, Person, _is_name_word, _slug
from toolkit.pipeline.gazetteer import country_by_code, fold


class Grouping:
    """Mixin: mentions grouped into canonical entities."""

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

    # -- grouping ----------------------------------------------------------------------
    def _one_label_per_name(self, doc: Doc, mentions: list[Mention]) -> None:
        """One label per name and document: a name the model tags GPE, ORG and
        PERSON in turn takes the label most of its body mentions have (ties: the
        first body mention's). A place name before a facility noun ("the X plant")
        names the facility, a different thing, and keeps FAC."""
        groups: dict[str, list[Mention]] = {}
        for m in mentions:
            if m.kind in ("role", "drop") or m.label not in self.labels \
                    or (m.label == "FAC" and self._facility_head(doc, m)):
                continue  # (a WORK_OF_ART or a LAW is not one of the layer's names)
            groups.setdefault(fold(self._clean_text(doc, m.start, m.end)), []).append(m)
        for group in groups.values():
            if len({m.label for m in group}) < 2:
                continue
            voters = [m for m in group if not m.in_heading] or group
            counts: dict[str, int] = {}
            for m in voters:
                counts[m.label] = counts.get(m.label, 0) + 1
            best = max(counts.values())
            label = next(m.label for m in voters if counts[m.label] == best)
            keeper = next(m for m in group if m.label == label)
            for m in group:
                if m.label != label:
                    m.label, m.place = label, keeper.place

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
        self._merge_short_forms(doc, mentions)
        # a heading or a line of furniture never names a group: its mentions take
        # the name the body gives the same entity, and are aliases
        body_names: dict[str, str] = {}
        for m in mentions:
            if not m.in_heading and m.canonical is not None and m.kind != "role":
                body_names.setdefault(m.entity_id, m.canonical)
        for m in mentions:
            if m.in_heading and m.entity_id in body_names:
                m.canonical = body_names[m.entity_id]
            elif m.in_heading and not m.furniture and m.kind != "role":
                m.canonical = None  # only in headings: left to doc.ents, not a group
        for m in mentions:
            if m.kind not in ("role", "drop") and m.canonical is not None:
                m.kind = "furniture" if m.furniture else "name" \
                    if fold(self._clean_text(doc, m.start, m.end)) == fold(m.canonical) \
                    and not m.in_heading else "alias"

    def _canonical_person(self, doc, m, text, people, surnames, firsts) -> None:
        words = [t for t in self._name_tokens(doc, m) if _is_name_word(t)]
        if len(words) >= 2:
            key = f"{fold(words[0].text)} {fold(words[-1].text)}"
            person = people.get(key)
            if person is None:  # full name only in a heading, or odd casing
                first = fold(words[0].text)
                person = self._closest([p for p in surnames.get(fold(words[-1].text), [])
                                        if fold(p.first) == first or len(first) < 3
                                        or words[0].text.endswith(".")], m.start)
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
        elif not m.in_heading or m.furniture:
            # a byline's or a credit's name stays visible, in a group of its own
            m.canonical, m.entity_id = text, f"person:{_slug(text)}"

    @staticmethod
    def _closest(candidates: list[Person], position: int) -> Person | None:
        if not candidates:
            return None
        if len(candidates) == 1:
            return candidates[0]
        # positions are appended in text order (mentions are canonicalised in
        # order), so the last one at or before ``position`` is found by bisection
        before = []
        for c in candidates:
            k = bisect.bisect_right(c.positions, position)
            before.append((c.positions[k - 1] if k else -1, c))
        return max(before, key=lambda pair: pair[0])[1]

    @staticmethod
    def _country_name(code: str) -> str | None:
        country = country_by_code(code)
        return country.name if country is not None else None

    def _merge_short_forms(self, doc: Doc, mentions: list[Mention]) -> None:
        """Short forms join the full name's group and take its label:

        * a short form the text defines: "World Health Organization (WHO)", then "WHO";
        * initials: "North Atlantic Treaty Organization" and "NATO", also with the
          small words ("Department of Defense" and "DoD"), whatever label the model
          gave the initials;
        * the first words of an organisation's name before "of": "the Islamic
          Republic of Wakanda", then "the Islamic Republic";
        * the last words of an organisation's name after "the": "The New York
          Times", then "the Times" (when one name of the text ends so).
        """
        named = [m for m in mentions if m.kind not in ("role", "drop") and m.canonical
                 and m.label != "PERSON" and m.label in self.labels]
        defined: dict[str, Mention] = {}
        for m in named:
            short = _bracketed_short_form(doc, m.end)
            if short is not None and not m.in_heading:
                defined.setdefault(short, m)
        initials: dict[str, list[Mention]] = {}
        tails: dict[str, list[Mention]] = {}
        heads: dict[str, list[Mention]] = {}
        seen: set[tuple[int, str, str]] = set()  # (index, key, entity id) already added
        for m in named:
            if m.label != "ORG" or " " not in m.canonical or m.in_heading:
                continue
            for key in name_initials(m.canonical):
                _add_group(initials, key, m, seen)
            parts = m.canonical.split()
            for k in range(1, len(parts)):
                _add_group(tails, fold(" ".join(parts[k:])), m, seen)
                if k >= 2 and parts[k] == "of" and all(w[:1].isupper() for w in parts[:k]):
                    _add_group(heads, fold(" ".join(parts[:k])), m, seen)
        for m in named:
            text = self._clean_text(doc, m.start, m.end)
            plain = text.replace(".", "")
            long = defined.get(text) or defined.get(plain)
            if long is None and plain.isalpha() and plain[:1].isupper() \
                    and plain[-1:].isupper() and len(initials.get(plain.upper(), [])) == 1 \
                    and (m.label == "ORG" or (len(plain) >= 3 and not self._a_place(plain))):
                long = initials[plain.upper()][0]
            if long is None and m.label in ("ORG", "GPE", "NORP", "LOC") \
                    and fold(text) not in self.knowledge.institutions \
                    and len(heads.get(fold(text), [])) == 1:
                long = heads[fold(text)][0]
            if long is None and m.label == "ORG" \
                    and m.start > 0 and doc[m.start - 1].lower_ == "the" \
                    and len(tails.get(fold(text), [])) == 1:
                long = tails[fold(text)][0]
            if long is not None and long is not m and long.entity_id != m.entity_id:
                m.canonical, m.entity_id, m.label = long.canonical, long.entity_id, long.label
                m.country, m.place = long.country, None

    def _a_place(self, text: str) -> bool:
        """A country's code or alias, or a place of the gazetteer ("USA", "UAE")."""
        key = fold(text)
        return key in self.knowledge.country_aliases or self.gazetteer.lookup(text) is not None


def _add_group(index: dict[str, list[Mention]], key: str, m: Mention, seen: set) -> None:
    """Add ``m`` under ``key`` unless a mention of its entity is there already
    (``seen`` remembers which: a look-up, not a scan of the entities under a
    key that many names share, such as "council")."""
    mark = (id(index), key, m.entity_id)
    if mark not in seen:
        seen.add(mark)
        index.setdefault(key, []).append(m)


def name_initials(name: str) -> set[str]:
    """The acronyms a multi-word name may go by, upper-cased: the initials of its
    capitalised words ("Islamic State of Iraq and the Levant": ISIL) and of all
    its words ("Department of Defense": DOD)."""
    words = [w for w in re.split(r"[\s-]+", name) if w[:1].isalpha()]
    if any(len(w) < 2 for w in words):
        return set()  # "U-S-A" is spelled out, not a name with initials
    if len(words) < 2:
        return set()
    out = {"".join(w[0] for w in words if w[0].isupper()).upper(),
           "".join(w[0] for w in words).upper()}
    return {k for k in out if len(k) >= 2}


def _bracketed_short_form(doc: Doc, end: int) -> str | None:
    """The short form right after a name, in brackets: "... Organization (WHO)"."""
    if end + 2 >= len(doc) or doc[end].text not in ("(", "["):
        return None
    close = doc[end + 2] if doc[end + 2].text in (")", "]") else None
    if close is None:
        return None
    short = doc[end + 1].text.replace(".", "")
    if 2 <= len(short) <= 8 and short[:1].isupper() and sum(c.isupper() for c in short) >= 2:
        return short
    return None
