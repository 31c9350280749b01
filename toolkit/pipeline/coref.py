"""Who a speaker mention refers to: names, role descriptions and pronouns.

A small, rule-based resolver for the speakers of quotes. It uses the entities
component's ``doc.spans["entities"]`` (with ``span._.tk_entity["canonical"]``)
when the pipeline has one and falls back to ``doc.ents`` otherwise.

Pronouns ("he", "she", "they") resolve by salience: the most recent compatible
mention that was the *subject* of a clause, looking back through the current
sentence, then earlier sentences (the same paragraph first, because it is the
most recent), and only then at any mention of a person.
"""

from __future__ import annotations

import bisect

from spacy.tokens import Doc, Span, Token

from toolkit.pipeline.speech import (AGENT_NOUNS, DETERMINERS, FIRST_SECOND, GENDERED_NOUNS,
                                     GIVEN_NAMES, HONORIFICS, RELATIVE_WORDS, ROLE_NOUNS,
                                     SPEAKER_LABELS, SUBJECT_PRONOUNS)

SUBJECT_DEPS = ("nsubj", "nsubjpass")
_MENTION_DEPS = frozenset({"det", "amod", "compound", "poss", "nmod", "nummod",
                           "case", "quantmod", "flat", "predet"})
#: Plural nouns in -ers/-ors that are things, not people.
_NOT_AGENTS = frozenset("""
numbers letters papers matters orders borders markers indicators factors sectors
centers centres computers waters powers monitors corners chapters characters
quarters headquarters meters metres members layers barriers answers filters
""".split())
#: Nouns by which a report names the outlet it quotes ("the newspaper reported").
OUTLET_NOUNS = frozenset("newspaper paper magazine network broadcaster channel station "
                         "website site outlet tabloid daily weekly journal wire".split())
#: How many sentences back a pronoun looks for its antecedent.
WINDOW = 8
#: In a very long sentence (a run-on paragraph), look back at most this many
#: subjects / person mentions for an antecedent: keeps pronoun resolution linear.
MAX_LOOKBACK = 40


def mention_bounds(head: Token) -> tuple[int, int]:
    """Token range ``[start, end)`` of the noun phrase headed by ``head``,
    without relative clauses, appositions or conjuncts ("Trump, who ...")."""
    start = end = head.i
    for child in head.lefts:
        if child.dep_ in _MENTION_DEPS:
            start = min(start, child.left_edge.i)
    for child in head.rights:
        if child.dep_ in ("compound", "flat") and child.i == end + 1:
            end = child.right_edge.i
    # a possessive "'s" that closes the phrase is not part of the name
    return start, end + 1


def speaker_bounds(head: Token) -> tuple[int, int]:
    """Like :func:`mention_bounds`, but a source noun keeps the affiliation that
    says whose it is: "a spokesperson for the ministry", "the head of Gazprom"."""
    start, end = mention_bounds(head)
    lemma = head.lemma_.lower() or head.lower_
    if head.pos_ != "NOUN" or (lemma not in AGENT_NOUNS and head.lower_ not in AGENT_NOUNS):
        return start, end
    for prep in head.rights:
        if prep.dep_ == "prep" and prep.i == end and prep.lower_ in ("of", "for", "at", "from"):
            objects = [g for g in prep.children if g.dep_ == "pobj"]
            if objects and (objects[0].pos_ == "PROPN" or objects[0].ent_type_ or (
                    objects[0].lemma_.lower() or objects[0].lower_) in AGENT_NOUNS):
                doc, last = head.doc, mention_bounds(objects[0])[1]
                while last < len(doc) and doc[last].ent_iob_ == "I":
                    last += 1  # the whole name: "analysts at the Institute for the Study of X"
                return start, last
    return start, end


def _clean(text: str) -> str:
    text = text.strip().rstrip(",;:")
    for suffix in ("’s", "'s"):
        if text.endswith(suffix):
            text = text[: -len(suffix)]
    return text.strip()


def strip_determiner(text: str) -> str:
    words = text.split()
    if len(words) > 1 and words[0].lower() in DETERMINERS:
        words = words[1:]
    return _clean(" ".join(words))


def _canonical_helper():
    """``toolkit.pipeline.entities.canonical_for`` when the entities component has it."""
    try:
        from toolkit.pipeline.entities import canonical_for
    except ImportError:
        return None
    return canonical_for


class EntityIndex:
    """Which entity (canonical name, label) covers each token of a Doc."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.label: dict[int, str] = {}
        self.canonical: dict[int, str] = {}
        group = doc.spans["entities"] if "entities" in doc.spans else []
        self.has_entities = len(group) > 0
        spans = list(group) if self.has_entities else list(doc.ents)
        persons = [e for e in doc.ents if e.label_ == "PERSON"]
        helper = _canonical_helper() if self.has_entities else None
        for span in sorted(spans, key=lambda s: s.end - s.start):  # longest wins last
            canonical = None
            data = span._.tk_entity if self.has_entities else None
            if data:
                canonical = data.get("canonical")
            if not canonical and helper is not None:
                try:
                    canonical = helper(doc, span.start_char, span.end_char)
                except Exception:  # noqa: BLE001 - the helper is optional
                    canonical = None
            if not canonical:
                canonical = self._fallback_name(span, persons)
            for token in span:
                self.label[token.i] = span.label_
                self.canonical[token.i] = canonical

    @staticmethod
    def _fallback_name(span: Span, persons: list[Span]) -> str:
        text = strip_determiner(span.text)
        if span.label_ != "PERSON":
            return text
        # "Putin" -> the fullest PERSON name that ends with the same word
        last = text.split()[-1] if text.split() else text
        best = text
        for other in persons:
            name = _clean(other.text)
            if name.split() and name.split()[-1] == last and len(name) > len(best):
                best = name
        return best

    def entity_of(self, token: Token) -> tuple[str | None, str | None]:
        return self.label.get(token.i), self.canonical.get(token.i)


#: Words that stand for a part of a group ("most of his rivals", "40 percent of
#: nurses"): a source when the group is one.
_QUANTIFIERS = frozenset("most many some few all both several others either neither each "
                         "one two three half percent majority minority plurality third "
                         "quarter".split())
#: Of those, the ones that stand for people on their own ("many say", "others
#: argue", "64 percent called it unfair").
_PEOPLE_QUANTIFIERS = frozenset("most many some few others several both percent "
                                "majority".split())


class Resolver:
    """Resolves speaker mentions to canonical names for one Doc."""

    def __init__(self, doc: Doc, is_cue=None):
        self.doc = doc
        self.is_cue = is_cue or (lambda token: False)
        self.entities = EntityIndex(doc)
        self.memo: dict[int, str | None] = {}
        self.gender: dict[str, str] = {}
        self._sents = list(doc.sents) if doc.has_annotation("DEP") or doc.has_annotation(
            "SENT_START") else [doc[:]]
        self._sent_index = {}
        self._subjects: list[list[Token]] = []   # subject heads per sentence, in order
        self._subject_starts: list[list[int]] = []
        self._roots: dict[int, int] = {}
        self._persons: list[list[int]] = []      # PERSON token indices per sentence
        self._person_names: list[set] = []
        for k, sent in enumerate(self._sents):
            subjects, persons, names = [], [], set()
            for token in sent:
                self._sent_index[token.i] = k
                if token.dep_ in SUBJECT_DEPS or (  # "Lee and Ruiz met": both are subjects
                        token.dep_ == "conj" and token.head.dep_ in SUBJECT_DEPS
                        and token.pos_ == "PROPN"):
                    subjects.append(token)
                label, name = self.entities.entity_of(token)
                if label == "PERSON" and name:
                    persons.append(token.i)
                    names.add(name)
            self._subjects.append(subjects)
            self._subject_starts.append([t.i for t in subjects])
            self._persons.append(persons)
            self._person_names.append(names)
        self._place_names = ({n for i, n in self.entities.canonical.items()
                              if self.entities.label.get(i) in ("GPE", "LOC", "FAC")}
                             - {n for i, n in self.entities.canonical.items()
                                if self.entities.label.get(i) == "PERSON"
                                and self.doc[i].pos_ == "PROPN" and len(n.split()) > 1})
        self._learn_genders()
        # resolve subject pronouns and roles in reading order, so each lookup
        # finds the earlier ones already done (no deep recursion on long texts)
        for token in doc:
            if token.dep_ in SUBJECT_DEPS and (token.lower_ in SUBJECT_PRONOUNS
                                               or self._is_role(token)):
                self.canonical(token)

    # -- public -------------------------------------------------------------
    def canonical(self, head: Token) -> str | None:
        """The canonical name of the mention headed by ``head`` (None if unknown)."""
        if head.i in self.memo:
            return self.memo[head.i]
        self.memo[head.i] = None  # guards against cycles
        result = self._canonical(head)
        self.memo[head.i] = result
        return result

    def label_of(self, token: Token) -> str | None:
        """The entity label the pipeline gives ``token`` (None outside entities)."""
        return self.entities.entity_of(token)[0]

    def person_named(self, word: str) -> str | None:
        """The one person of the Doc whose name ends with ``word`` in any case
        ("REED" in a transcript -> "Dana Reed"); None if none or several."""
        key = word.strip().lower()
        found = {name for i, name in self.entities.canonical.items()
                 if self.entities.label.get(i) == "PERSON" and name.split()
                 and name.split()[-1].lower() == key}
        return found.pop() if len(found) == 1 else None

    def is_person(self, head: Token) -> bool:
        label, _ = self.entities.entity_of(head)
        if label == "PERSON":
            return True
        lower = head.lower_
        if lower in ("he", "she"):
            return True
        if self._appos_person(head) is not None:
            return True
        if head.pos_ == "PROPN" and label not in ("GPE", "LOC", "NORP", "FAC"):
            # "German Chancellor Olaf Scholz" is a person whatever NER says
            start, end = mention_bounds(head)
            if any(t.lower_.rstrip(".") in ROLE_NOUNS or t.lower_ in HONORIFICS
                   for t in self.doc[start:head.i]):
                return True
        return self._is_role(head) and label is None

    def can_speak(self, head: Token) -> bool:
        """Whether ``head`` looks like a source: a person, an organisation, ..."""
        label, _ = self.entities.entity_of(head)
        if label in SPEAKER_LABELS or label in ("ROLE", "PER", "ORGANIZATION"):
            return True
        if head.lower_ in ("he", "she", "they"):
            return True
        if head.pos_ == "PROPN":
            return True
        lemma = head.lemma_.lower() or head.lower_
        if lemma in AGENT_NOUNS or head.lower_ in AGENT_NOUNS:
            return True
        if any(lemma in words or head.lower_ in words for words in GENDERED_NOUNS.values()):
            return True  # "his wife", "her brother"
        if head.lower_ in _QUANTIFIERS:  # "most of his rivals", "others", "many"
            of = [g for p in head.children if p.dep_ == "prep" and p.lower_ == "of"
                  for g in p.children if g.dep_ == "pobj"]
            return self.can_speak(of[0]) if of else head.lower_ in _PEOPLE_QUANTIFIERS
        # nouns for people by their trade: insurers, economists, historians
        if head.pos_ != "NOUN" or lemma in _NOT_AGENTS or head.lower_ in _NOT_AGENTS:
            return False
        if len(lemma) >= 7 and lemma.endswith(("ist", "ian")):
            return True
        return len(head.lower_) >= 7 and head.lower_.endswith(("ers", "ors"))

    # -- internals ----------------------------------------------------------
    def _appos_person(self, head: Token) -> Token | None:
        """"Her neighbour, Tom Reed, ...": the named person in apposition."""
        for child in head.rights:
            if child.dep_ == "appos" and self.entities.entity_of(child)[0] == "PERSON":
                return child
        return None

    def _canonical(self, head: Token) -> str | None:
        lower = head.lower_
        if lower in RELATIVE_WORDS and head.head.dep_ == "relcl":
            return self.canonical(head.head.head)
        if lower in FIRST_SECOND:
            return None
        if lower in SUBJECT_PRONOUNS:
            return self._resolve_pronoun(head)
        label, name = self.entities.entity_of(head)
        if name:
            self._note_gender(head, name)
            return name
        appos = self._appos_person(head)
        if appos is not None:
            return self.canonical(appos)
        start, end = speaker_bounds(head)
        if self._is_role(head) and not self.entities.has_entities:
            resolved = self._resolve_pronoun(head, role=True)
            if resolved:
                return resolved
        if (head.lemma_.lower() or head.lower_) in OUTLET_NOUNS and head.tag_ == "NN" and any(
                c.dep_ == "det" and c.lower_ == "the" for c in head.lefts) and end - start == 2:
            outlet = self._last_source_org(head)  # "the newspaper reported"
            if outlet:
                return outlet
        text = strip_determiner(self.doc[start:end].text)
        return text or None

    def _last_source_org(self, head: Token) -> str | None:
        """The organisation last named as a source before ``head`` ("The Courier
        reported ...", "according to the Courier"), within :data:`WINDOW` sentences."""
        k0 = self._sent_index.get(head.i, 0)
        lo = self._sents[max(0, k0 - WINDOW)].start
        for i in range(head.i - 1, lo - 1, -1):
            token = self.doc[i]
            label, name = self.entities.entity_of(token)
            if label != "ORG" or not name:
                continue
            if token.dep_ in SUBJECT_DEPS and self.is_cue(token.head):
                return name
            prep = token.head
            if token.dep_ == "pobj" and prep.lower_ == "to" and prep.i > 0 and \
                    self.doc[prep.i - 1].lower_ == "according":
                return name
        return None

    def _is_role(self, head: Token) -> bool:
        if (head.lemma_.lower() or head.lower_) not in ROLE_NOUNS and head.lower_ not in ROLE_NOUNS:
            return False
        if head.tag_ in ("NNS", "NNPS"):
            return False
        return any(c.dep_ in ("det", "poss") and c.lower_ in ("the", "his", "her", "its",
                                                               "their")
                   for c in head.lefts)

    def _learn_genders(self) -> None:
        """Gender evidence the text gives about named people, before any pronoun
        is resolved: titles and gendered nouns next to any mention ("Ms. Lee",
        "the spokeswoman, Kim Lee"), then pronouns that can only be theirs
        ("Kim Lee said she ...", "Lee ... herself")."""
        doc = self.doc
        heads = []
        for token in doc:
            label, name = self.entities.entity_of(token)
            if label != "PERSON" or not name:
                continue
            nxt = doc[token.i + 1] if token.i + 1 < len(doc) else None
            if nxt is not None and self.entities.entity_of(nxt)[1] == name \
                    and token.dep_ in ("compound", "flat"):
                continue  # not the last word of the name
            heads.append((token, name))
        for head, name in heads:  # titles and gendered nouns
            self._note_gender(head, name)
            related = [c for c in head.children if c.dep_ == "appos"]
            if head.dep_ == "appos":
                related.append(head.head)
            for other in related:
                for gender, words in GENDERED_NOUNS.items():
                    if other.lower_ in words:
                        self.gender.setdefault(name, gender)
        for head, name in heads:  # pronouns that can only refer to this person
            if name in self.gender or self._name_gender(name) or head.dep_ != "nsubj":
                continue
            verb = head.head
            if any(c.dep_ in ("dobj", "dative") for c in verb.children):
                continue  # "X told the nurse she ...": the pronoun may be the nurse's
            k = self._sent_index.get(head.i, 0)
            if (self._person_names[max(0, k - 1)] | self._person_names[k]) - {name}:
                continue  # someone else nearby the pronoun could stand for
            found = set()
            # the verb's subtree is contiguous (projective parse): walk right of
            # the subject, a bounded stretch
            for token in doc[head.i + 1:min(verb.right_edge.i + 1, head.i + 1 + 4 * MAX_LOOKBACK)]:
                if self.entities.entity_of(token)[0] == "PERSON":
                    break  # another person: the pronoun could be theirs
                lower = token.lower_
                if lower in ("himself", "herself"):
                    found.add("m" if lower == "himself" else "f")
                elif lower in ("he", "she") and token.dep_ in SUBJECT_DEPS \
                        and token.head.dep_ == "ccomp" and token.head.head == verb \
                        and self.is_cue(verb):
                    found.add(SUBJECT_PRONOUNS[lower])
            if len(found) == 1:
                self.gender[name] = found.pop()

    def _note_gender(self, head: Token, name: str) -> None:
        start, end = mention_bounds(head)
        for token in self.doc[max(0, start - 1):end]:
            lower = token.lower_.rstrip(".")
            for gender, words in GENDERED_NOUNS.items():
                if lower in words:
                    self.gender.setdefault(name, gender)
            if token.lower_ in HONORIFICS:
                self.gender.setdefault(name, HONORIFICS[token.lower_])

    @staticmethod
    def _name_gender(name: str) -> str | None:
        first = name.split()[0].lower() if name.split() else ""
        for gender, names in GIVEN_NAMES.items():
            if first in names:
                return gender
        return None

    def _compatible(self, kind: str, head: Token, name: str | None) -> bool:
        if name is None:
            return False
        label, _ = self.entities.entity_of(head)
        if kind in ("m", "f", "x"):  # x: a role description, gender unknown
            if head.lower_ == "they" or head.tag_ in ("NNS", "NNPS"):
                return False
            if name in self._place_names:
                return False  # "she" is never a town, even one the model once called a person
            if not self.is_person(head):
                return False
            known = self.gender.get(name) or self._name_gender(name)
            return kind == "x" or known is None or known == kind
        if kind == "p":  # they: groups, organisations, plural nouns
            if label in ("ORG", "NORP", "GPE"):
                return True
            return head.tag_ in ("NNS", "NNPS") or head.lower_ == "they"
        if kind == "n":
            return label in ("ORG", "GPE") or (head.pos_ in ("NOUN", "PROPN")
                                               and label != "PERSON")
        return False

    def _candidates(self, sent_k: int, before: int | None):
        """Subject heads of sentence ``sent_k``: the main clause's first, then the
        others from the last backwards (only tokens before ``before``)."""
        sent = self._sents[sent_k]
        subjects = self._subjects[sent_k]
        if before is not None:
            subjects = subjects[:bisect.bisect_left(self._subject_starts[sent_k], before)]
        subjects = subjects[-MAX_LOOKBACK:]
        if sent_k not in self._roots:  # Span.root scans the sentence: once per sentence
            self._roots[sent_k] = sent.root.i
        root = self._roots[sent_k]
        main = [t for t in subjects if t.head.dep_ == "ROOT" or t.head.i == root]
        main_ids = {t.i for t in main}
        rest = [t for t in reversed(subjects) if t.i not in main_ids]
        return main + rest

    def _resolve_pronoun(self, head: Token, role: bool = False) -> str | None:
        kind = "x" if role else SUBJECT_PRONOUNS.get(head.lower_, "m")
        k0 = self._sent_index.get(head.i, 0)
        fallback = speaker = tentative = None
        # "they said": a plural pronoun that speaks stands for people or groups
        speaks = kind == "p" and head.dep_ in SUBJECT_DEPS and self.is_cue(head.head)
        for k in range(k0, max(-1, k0 - WINDOW), -1):
            if tentative is not None and k < tentative[1] - 1:
                break
            before = head.i if k == k0 else None
            for cand in self._candidates(k, before):
                if cand.i == head.i:
                    continue
                name = self.canonical(cand)
                if speaks and cand.pos_ == "NOUN" and not self.can_speak(cand):
                    continue
                if self._compatible(kind, cand, name):
                    known = self.gender.get(name) or self._name_gender(name)
                    if kind in ("m", "f") and known is None:
                        # a name the text says nothing about: a nearby person
                        # the text shows to be "he"/"she" comes first
                        if tentative is None:
                            tentative = (name, k)
                        continue
                    if kind in ("m", "f"):
                        self.gender.setdefault(name, kind)
                    return name
                if (speaker is None and kind in ("m", "f", "x") and name
                        and name not in self._place_names
                        and cand.pos_ == "PROPN" and self.is_cue(cand.head)
                        and self.entities.entity_of(cand)[0] not in ("GPE", "LOC", "NORP",
                                                                     "FAC")
                        and (kind == "x" or (self.gender.get(name)
                                             or self._name_gender(name)) in (None, kind))):
                    speaker = name  # a named speaker NER did not call a person
            if tentative is not None:
                continue
            if fallback is None and kind in ("m", "f", "x"):
                persons = self._persons[k]
                if k == k0:
                    persons = persons[:bisect.bisect_left(persons, head.i)]
                for i in reversed(persons[-MAX_LOOKBACK:]):
                    label, name = self.entities.entity_of(self.doc[i])
                    known = self.gender.get(name) or self._name_gender(name) if name else None
                    if label == "PERSON" and name and (kind == "x" or known in (None, kind)):
                        fallback = name
                        break
        if tentative is not None:
            self.gender.setdefault(tentative[0], kind)
            return tentative[0]
        return fallback or speaker
