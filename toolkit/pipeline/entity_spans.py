"""Where a mention starts and ends, and cues in the words around it: a mixin of
:class:`toolkit.pipeline.entities.EntityResolver`.

A model entity becomes a :class:`~toolkit.pipeline.entity_data.Mention` trimmed to
the name (possessives, titles, scores); context cues ("the town of X", "X, a
forestry researcher") label names the model missed or mislabelled."""

from __future__ import annotations

import bisect
import re

from spacy.tokens import Doc, Span

from toolkit.pipeline.entity_data import (BUILDING_HEADS, CLUB_HEADS, DETERMINERS, ORG_HEADS,
                                          OVERRIDABLE, POSSESSIVE, PREPOSITIONS, Mention,
                                          _is_name_word)
from toolkit.pipeline.gazetteer import fold


_NAME_GLUE = {"of", "and", "the", "for", "&", "on", "de", "du", "des", "la", "le", "in"}
_WEEKDAYS = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}
_BRACKETS = {"(", ")", "[", "]", "{", "}"}
#: A citation or footnote mark: "[1]", "[12", "1]", "[a]", "[citation needed]".
_CITATION = re.compile(r"^\[(?:\d{1,3}|[a-z]|citation needed)\]?$|^\d{1,3}\]$")


class MentionSpans:
    """Mixin: model entities to trimmed mentions, and context cues."""

    def _from_ents(self, doc: Doc) -> list[Mention]:
        """Mentions for the model's entities. A bracket inside an entity ends the
        name: "World Health Organization (WHO" is the name, then its short form."""
        out = []
        for ent in doc.ents:
            if ent.label_ not in OVERRIDABLE:
                continue
            start = ent.start
            for i in range(ent.start, ent.end + 1):
                if i == ent.end or doc[i].text in _BRACKETS:
                    if i > start:
                        m = self._from_ent(doc, ent, start, i)
                        if m is not None:
                            out.append(m)
                    start = i + 1
        return out

    def _from_ent(self, doc: Doc, ent: Span, start: int | None = None,
                  end: int | None = None) -> Mention | None:
        """A mention for a model entity (or the part ``[start, end)`` of it), trimmed
        to the name: no possessive, leading article, citation mark or glued punctuation
        (and no title for PERSON)."""
        if ent.label_ not in OVERRIDABLE:
            return None
        start = ent.start if start is None else start
        end = ent.end if end is None else end
        while end > start and doc[end - 1].lower_ in POSSESSIVE and end - 1 > start:
            end -= 1
        while start < end and (doc[start].is_punct or _CITATION.match(doc[start].text)):
            start += 1
        while end > start and _CITATION.match(doc[end - 1].text):
            end -= 1
        if end - start > 1 and (doc[start].lower_ in DETERMINERS
                                or doc[start].lower_ in ("a", "an")) \
                and not self._article_in_name(doc[start:end].text):
            start += 1  # "the United States": the article is not part of the name
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
            elif end - start >= 2 and doc[end - 1].lower_ in CLUB_HEADS \
                    and doc[end - 1].is_title \
                    and self.gazetteer.lookup(doc[start:end - 1].text) is not None:
                label = "ORG"  # "Manchester United": a club named after its city
        if label == "PERSON":
            while end - start > 1 and (doc[start].lower_ in self.knowledge.honorifics
                                       or doc[start].lower_ in self.knowledge.roles
                                       or doc[start].lower_ in self.knowledge.title_words):
                start += 1
        if start >= end:
            return None
        return Mention(start, end, label, original_label=ent.label_)

    def _join_defined_names(self, doc: Doc, mentions: list[Mention]) -> list[Mention]:
        """A name the text defines a short form for is one name, whatever pieces the
        model made of it: "The Islamic State of Iraq and the Levant (ISIL)" is one
        organisation when its capitalised words give the letters in brackets. A
        language gloss in brackets ("(Arabic: al-Qahira)") names nothing."""
        base = list(mentions)
        near = _Near(base)  # the mentions a bracket can touch, found by bisection
        removed: set[int] = set()  # ids of mentions joined into a longer name
        added: list[Mention] = []
        for i in range(1, len(doc) - 2):
            if doc[i].text != "(":
                continue
            if doc[i + 2].text == ":" and _is_name_word(doc[i + 1]):
                close = next((k for k in range(i + 3, min(len(doc), i + 12))
                              if doc[k].text == ")"), None)
                if close is not None:
                    for m in near.starting_in(i + 1, close):
                        if id(m) not in removed:
                            m.kind = "drop"
                continue
            if doc[i + 2].text != ")":
                continue
            short = doc[i + 1].text.replace(".", "")
            if not (2 <= len(short) <= 8 and short.isalpha() and short.isupper()):
                continue
            start = self._defined_start(doc, i, short)
            if start is None or i - start < 2:
                continue
            # (a name joined at an earlier bracket ends at that bracket, before
            # ``start``: only the model's mentions can lie inside this one)
            inside = [m for m in near.overlapping(start, i)
                      if id(m) not in removed and m.kind != "drop"]
            labels = [m.label for m in inside if m.label in ("ORG", "GPE", "LOC", "FAC", "NORP")]
            label = max(set(labels), key=labels.count) if labels else "ORG"
            removed.update(id(m) for m in inside)
            added.append(Mention(start, i, label, original_label=inside[0].original_label
                                 if inside else None, source="short form"))
        out = [m for m in base if id(m) not in removed] + added
        out.sort(key=lambda m: (m.start, -m.end))
        return out

    @staticmethod
    def _join_conjoined_places(doc: Doc, mentions: list[Mention]) -> list[Mention]:
        """"The Islamic State of Iraq and the Levant": the model often ends the
        organisation at the first place and tags the second one on its own; an
        organisation "... of <place>" followed by "and (the) <place>" is one name."""
        starts = {m.start: m for m in mentions if m.kind != "drop"}
        gone = set()
        for m in mentions:
            if m.label != "ORG" or m.kind == "drop" or id(m) in gone or m.end + 1 >= len(doc):
                continue
            if not any(t.lower_ == "of" for t in doc[m.start + 1:m.end - 1]) \
                    or not _is_name_word(doc[m.end - 1]) or doc[m.end].lower_ != "and":
                continue
            j = m.end + 1 + (doc[m.end + 1].lower_ == "the")
            other = starts.get(j)
            if other is None or other.label not in ("GPE", "LOC") or other.end - other.start > 3:
                continue
            after = doc[other.end] if other.end < len(doc) else None
            if after is not None and (after.lower_ in POSSESSIVE or _is_name_word(after)):
                continue
            m.end = other.end
            gone.add(id(other))
        return [m for m in mentions if id(m) not in gone]

    @staticmethod
    def _defined_start(doc: Doc, bracket: int, short: str) -> int | None:
        """Where the name defined by ``(short)`` at ``bracket`` starts, or None."""
        j = bracket
        while j > 0 and bracket - j < 12 and not doc[j - 1].is_sent_start \
                and (_is_name_word(doc[j - 1]) or doc[j - 1].lower_ in _NAME_GLUE):
            j -= 1
        if j > 0 and doc[j - 1].is_sent_start and _is_name_word(doc[j - 1]):
            j -= 1
        for k in range(j, bracket):
            if not _is_name_word(doc[k]):
                continue
            initials = "".join(t.text[0] for t in doc[k:bracket] if _is_name_word(t))
            if initials.upper() == short.upper():
                return k
        return None

    def _article_in_name(self, text: str) -> bool:
        """"The Hague", "The Gambia": names whose article belongs to them."""
        key = fold(text)
        if key in self.knowledge.institutions:
            return True
        place = self.gazetteer.lookup(text)
        return place is not None and fold(place.name).startswith("the ")

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

    def _glue_title_word(self, doc: Doc, m: Mention) -> None:
        """A place name followed, mid-sentence, by a capitalised "Today" is the name
        of an outlet or programme ("Russia Today", "Kenya Today"), not a place and a
        date. A one-word name the model calls an organisation, followed by a
        capitalised day ("Super Tuesday"), is the name of that day: an event, not
        a place or an organisation (a known place or a person before a day keeps
        its label: "officials in Lima Tuesday", and so does a name after a verb:
        "she told CNN Sunday")."""
        if m.label not in ("GPE", "ORG", "NORP") or m.end >= len(doc):
            return
        nxt = doc[m.end]
        gap = doc[m.end - 1].whitespace_
        if nxt.is_sent_start or not gap or "\n" in gap:
            return
        if nxt.text == "Today":
            m.end += 1
            m.label = "ORG"
        elif nxt.text in _WEEKDAYS and m.end - m.start == 1 and doc[m.start].is_title \
                and not (m.start > 0 and doc[m.start - 1].pos_ in ("VERB", "AUX")) \
                and self.gazetteer.lookup(doc[m.start].text) is None \
                and fold(doc[m.start].text) not in self.knowledge.country_aliases:
            m.end += 1
            m.label = "EVENT"

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
            if m.label in ("ORG", "") and self._after_role_word(doc, m):
                m.label, m.source = "PERSON", "context"  # "regional governor Ana Ruiz"
                out.append(m)
                continue
            titled = self._titled_run(doc, m) if m.label == "" else None
            if titled is not None:  # "Mayor Ana Ruiz", which the model left untagged
                m.start, m.label, m.source = titled, "PERSON", "context"
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
            if m.label and m.source == "model" and m.label != "NORP" and not any(
                    c.isupper() for t in doc[m.start:m.end] for c in t.text):
                m.kind = "drop"  # "the gulf", "the capital": a common noun, no name
            if m.label in ("FAC", "GPE", "LOC", "PERSON") and m.end - m.start > 1 \
                    and doc[m.end - 1].lower_ in ORG_HEADS and doc[m.end - 1].text[:1].isupper():
                m.label, m.source = "ORG", "context"  # "the X Research Institute"
            if m.label:
                out.append(m)
        return out

    def _after_role_word(self, doc: Doc, m: Mention) -> bool:
        """A name of one to three proper nouns right after a lower-case role noun
        ("regional governor Ana Ruiz", "spokesman Ivo Petrov"): a person, whatever
        the model said (it takes some foreign names for organisations)."""
        if m.start == 0 or not 1 <= m.end - m.start <= 3:
            return False
        if not all(_is_name_word(t) and t.pos_ == "PROPN" for t in doc[m.start:m.end]):
            return False
        prev = doc[m.start - 1]
        if prev.lower_ in self.knowledge.roles and prev.text.islower() and prev.tag_ == "NN":
            return True
        # an honorific: "Cllr Ana Ruiz", "Maj. Ivo Petrov" (the stop cut off)
        if prev.text == "." and m.start > 1:
            prev = doc[m.start - 2]
            return prev.lower_ + "." in self.knowledge.honorifics and prev.is_title
        return prev.lower_ in self.knowledge.honorifics and prev.is_title

    def _titled_run(self, doc: Doc, m: Mention) -> int | None:
        """Where the name starts in an untagged run of proper nouns that opens
        with honorifics or a role ("Mayor Ana Ruiz", "Councillor Tom Reed"):
        one to three name words must follow; None when it is no such run."""
        k = self.knowledge
        start = m.start
        while start < m.end and (doc[start].lower_ in k.honorifics
                                 or doc[start].lower_ in k.roles):
            start += 1
        if start == m.start or not 1 <= m.end - start <= 3:
            return None
        if m.end < len(doc) and doc[m.end].is_title:
            return None  # a title-case headline: "Mayor Slams Council Over Delay"
        return start

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
            if doc[k].pos_ == "ADP" or doc[k].lower_ in PREPOSITIONS:
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


class _Near:
    """Mentions by position, for the questions a bracket asks many times: which
    start inside a stretch, which overlap one. Bisection over the starts, and a
    walk back bounded by the running maximum of the ends (mentions of the model
    do not overlap, so the walk meets only the ones that overlap)."""

    def __init__(self, mentions: list[Mention]):
        self.order = sorted(mentions, key=lambda m: m.start)
        self.starts = [m.start for m in self.order]
        self.reach = []  # the furthest end of any mention up to each one
        furthest = -1
        for m in self.order:
            furthest = max(furthest, m.end)
            self.reach.append(furthest)

    def starting_in(self, lo: int, hi: int) -> list[Mention]:
        """Mentions that start at ``lo`` or after and before ``hi``, in text order."""
        return self.order[bisect.bisect_left(self.starts, lo):bisect.bisect_left(self.starts, hi)]

    def overlapping(self, start: int, end: int) -> list[Mention]:
        """Mentions that start before ``end`` and end after ``start``, in text order."""
        k = bisect.bisect_left(self.starts, end) - 1
        out = []
        while k >= 0 and self.reach[k] > start:
            if self.order[k].end > start:
                out.append(self.order[k])
            k -= 1
        return out[::-1]
