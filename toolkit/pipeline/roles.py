"""Titles, nationalities and role mentions ("the Russian leader" -> the person the
text gave that title): a mixin of :class:`toolkit.pipeline.entities.EntityResolver`."""

from __future__ import annotations

import bisect
import re

from spacy.tokens import Doc, Token

from toolkit.pipeline.entity_data import Mention, Person, _is_name_word
from toolkit.pipeline.gazetteer import fold

_DETERMINERS = {"the"}


class RoleMentions:
    """Mixin: role descriptions resolved to people."""

    # -- titles, nationalities and role mentions ---------------------------------------
    def _nationality_of(self, doc: Doc, tokens: list[Token]) -> str | None:
        text = "".join(t.text_with_ws for t in tokens).strip()
        text = re.sub(r"['’]s$", "", text).strip()
        key = fold(text)
        code = self.knowledge.demonyms.get(key) or self.knowledge.country_aliases.get(key)
        if code is None and tokens and tokens[0].ent_type_ in ("GPE", "NORP", ""):
            place = self.gazetteer.lookup(text)
            if place is not None and place.kind == "country":
                code = place.country
        return code

    def _title_phrase(self, doc: Doc, words: list[Token]) -> tuple[set, set]:
        """Role families and nationalities in a run of title words."""
        families, nations = set(), set()
        i = 0
        while i < len(words):
            matched = False
            for n in range(min(self.knowledge.max_role_words, len(words) - i), 0, -1):
                phrase = " ".join(t.lower_ for t in words[i:i + n])
                if phrase in self.knowledge.roles:
                    families.add(self.knowledge.roles[phrase])
                    i += n
                    matched = True
                    break
                code = self._nationality_of(doc, words[i:i + n])
                if code is not None:
                    nations.add(code)
                    i += n
                    matched = True
                    break
            if not matched:
                i += 1
        return families, nations

    def _left_title(self, doc: Doc, start: int) -> list[Token]:
        """Title words right before a name: "U.S. President", "Russia's Foreign Minister"."""
        k = self.knowledge
        words: list[Token] = []
        i = start - 1
        while i >= 0:
            t = doc[i]
            low = t.lower_
            if t.is_space or "\n" in t.text_with_ws:
                break
            if (low in k.roles or low in k.title_words or low in k.honorifics
                    or fold(t.text) in k.demonyms or fold(t.text) in k.country_aliases
                    or (t.ent_type_ in ("GPE", "NORP") and _is_name_word(t))
                    or (low in ("'s", "’s") and i > 0 and doc[i - 1].ent_type_ == "GPE")):
                words.insert(0, t)
                i -= 1
                continue
            break
        return [t for t in words if t.lower_ not in ("'s", "’s")]

    def _role_subtree(self, noun: Token) -> list[Token]:
        """A role noun with its modifiers and an "of <country>" complement."""
        words = [t for t in noun.lefts if t.dep_ in ("amod", "compound", "nmod", "poss")]
        words = [t for w in words for t in w.subtree if not t.is_punct or t.text == "."]
        words.append(noun)
        for prep in noun.rights:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                words.extend(t for t in prep.subtree if t is not prep and t.lower_ != "the")
        return sorted(set(words), key=lambda t: t.i)

    def _profile_people(self, doc: Doc, mentions: list[Mention], people: dict[str, Person]):
        by_id = {p.entity_id: p for p in people.values()}
        for m in mentions:
            person = by_id.get(m.entity_id) if m.label == "PERSON" else None
            if person is None or m.in_heading:
                continue
            families, nations = self._title_phrase(doc, self._left_title(doc, m.start))
            head = doc[m.end - 1]
            # apposition either way: "Name, the Russian president" / "his envoy, Name"
            for other in [*head.children, head.head]:
                if other.i in range(m.start, m.end):
                    continue
                related = other.dep_ == "appos" and other.head == head or \
                    head.dep_ == "appos" and head.head == other
                if related and other.lower_ in self.knowledge.roles:
                    f, n = self._title_phrase(doc, self._role_subtree(other))
                    families |= f
                    nations |= n
            person.titles |= families
            person.nationality |= nations
            # weak evidence: "Name expressed Russia's support"
            if head.dep_ == "nsubj":
                for obj in head.head.children:
                    if obj.dep_ in ("dobj", "attr"):
                        for poss in obj.children:
                            if poss.dep_ == "poss" and poss.ent_type_ == "GPE":
                                code = self._nationality_of(doc, [poss])
                                if code:
                                    person.weak_nationality.add(code)

    def _role_mentions(self, doc: Doc, mentions: list[Mention], people: dict[str, Person],
                       heading_tokens: set) -> list[Mention]:
        taken = {i for m in mentions for i in range(m.start, m.end)
                 if m.label not in ("GPE", "NORP")}
        person_starts = {m.start for m in mentions if m.label == "PERSON"}
        unnamed = self._unnamed_roles(doc)
        out = []
        for token in doc:
            if token.lower_ not in _DETERMINERS:
                continue
            found = self._role_phrase(doc, token.i, taken)
            if found is None:
                continue
            end, family, nation = found
            if end < len(doc) and (end in person_starts or doc[end].ent_type_ == "PERSON"):
                continue  # "the Russian leader Vladimir Putin" is a title, not a mention
            person = self._resolve_role(family, nation, token.i, people)
            if person is None or self._unnamed_since(unnamed, family, token.i, person):
                continue
            phrase = doc[token.i:end].text
            out.append(Mention(token.i, end, "PERSON", kind="role", source="role",
                               canonical=person.canonical, entity_id=person.entity_id,
                               role=phrase, country=nation,
                               in_heading=token.i in heading_tokens))
        return out

    def _unnamed_roles(self, doc: Doc) -> list[tuple[int, str]]:
        """``(position, role family)`` of every role introduced without a name:
        "a senior official", "an aide to the minister" (in text order)."""
        roles = self.knowledge.roles
        return [(t.i, roles[t.lower_]) for t in doc
                if t.lower_ in roles and t.tag_ in ("NN", "NNP") and t.ent_type_ != "PERSON"
                and any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in t.children)]

    def _unnamed_since(self, unnamed: list[tuple[int, str]], family: str, position: int,
                       person: Person) -> bool:
        """Whether "the <role>" at ``position`` takes up a role introduced without
        a name ("A senior official said ... The official added") after ``person``
        was last named: it is that unnamed source, not the person."""
        accepts = self.knowledge.accepts(family)
        k = bisect.bisect_left(person.positions, position)
        last_named = person.positions[k - 1] if k else -1
        i = bisect.bisect_left(unnamed, (position, ""))
        for j in range(i - 1, max(-1, i - 9), -1):  # the last few: each look-up stays short
            if unnamed[j][0] <= last_named:
                break
            if unnamed[j][1] in accepts:
                return True
        return False

    def _role_phrase(self, doc: Doc, det: int, taken: set):
        """``(end, role family, nationality)`` for "the [nationality] [title] <role>"."""
        k = self.knowledge
        words: list[Token] = []
        i = det + 1
        while i < len(doc) and i - det <= 6:
            t = doc[i]
            if i in taken or t.is_space or (t.is_punct and t.text != "."):
                break
            low = t.lower_
            if (low in k.roles or low in k.title_words or fold(t.text) in k.demonyms
                    or fold(t.text) in k.country_aliases
                    or t.ent_type_ in ("GPE", "NORP")):
                words.append(t)
                i += 1
                continue
            break
        # the phrase must end on a singular role noun, used as a noun
        while words:
            last = words[-1]
            role_end = None
            for n in range(min(k.max_role_words, len(words)), 0, -1):
                phrase = " ".join(t.lower_ for t in words[-n:])
                if phrase in k.roles:
                    role_end = k.roles[phrase]
                    break
            if role_end is not None and last.tag_ not in ("NNS", "NNPS") \
                    and last.pos_ in ("NOUN", "PROPN", ""):
                break
            words.pop()
        if not words:
            return None
        end = words[-1].i + 1
        if end < len(doc) and doc[end].pos_ in ("NOUN", "PROPN") and doc[end].dep_ != "appos" \
                and not doc[end].is_punct and doc[end].lower_ not in ("'s", "’s"):
            return None  # "the president election": the role word is a modifier
        families, nations = self._title_phrase(doc, words)
        if end + 1 < len(doc) and doc[end].lower_ == "of":
            i = end + 1
            if doc[i].lower_ in _DETERMINERS and i + 1 < len(doc):
                i += 1
            j = i + 1
            while j < len(doc) and doc[j].ent_iob_ == "I" and doc[i].ent_type_:
                j += 1
            code = self._nationality_of(doc, list(doc[i:j]))
            if code is None:
                return None  # "the president of the club": not a country's office
            nations.add(code)
        if len(nations) > 1:
            return None
        # the family of the longest role phrase the run ends on ("secretary of state")
        return end, role_end, (next(iter(nations)) if nations else None)

    def _resolve_role(self, family: str, nation: str | None, position: int,
                      people: dict[str, Person]) -> Person | None:
        accepts = self.knowledge.accepts(family)
        scored = []
        for person in people.values():
            if not person.positions:
                continue
            nat_score = 0
            if nation is not None:
                if person.nationality:
                    if nation not in person.nationality:
                        continue
                    nat_score = 2
                elif person.weak_nationality:
                    if nation not in person.weak_nationality:
                        continue
                    nat_score = 1
            if person.titles:
                if not person.titles & accepts:
                    continue
            elif nat_score == 0:
                continue  # neither a title nor a nationality links this person
            # positions are in text order: the last one before ``position`` by
            # bisection, not a scan of every mention for every role mention
            k = bisect.bisect_left(person.positions, position)
            recency = person.positions[k - 1] if k else -1 - person.positions[0]
            scored.append((nat_score, recency, person))
        if not scored:
            return None
        scored.sort(key=lambda s: (s[0], s[1]))
        return scored[-1][2]
