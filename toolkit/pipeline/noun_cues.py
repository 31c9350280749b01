"""Statements carried by a noun of speech with its owner: "her call for a
ceasefire", "the mayor's promise to rebuild the bridge", "his claim that the
vote was rigged". A mixin for :class:`toolkit.pipeline.quotes.QuoteExtractor`
(which supplies ``_doc``, ``_resolver``, ``_clause_end`` and friends).

Only a noun whose owner is named in the phrase counts (a possessive, a
name or a nationality before it): "calls for reform" with nobody behind them
says nothing about who spoke. What the noun takes (a "that" clause, what is
called for, what is promised) is the statement.
"""

from __future__ import annotations

from spacy.tokens import Token

from toolkit.pipeline.coref import speaker_bounds

#: Nouns of speech whose complement holds what was said.
SPEECH_NOUNS = frozenset("""
call demand plea appeal promise pledge vow warning claim allegation accusation
assertion insistence argument prediction suggestion proposal request denial
admission assurance announcement remark comment statement threat charge
attack criticism praise question
""".split())
#: Of those, the ones whose "on" or "about" names what they are about:
#: "his attacks on the plan", "her questions about the budget".
_ABOUT_NOUNS = {"attack": ("on",), "criticism": ("of",), "praise": ("for", "of"),
                "question": ("about", "on", "over"), "remark": ("about", "on"),
                "comment": ("about", "on")}
#: Of those, the ones whose "for" or "to ..." names what is asked or promised.
_FOR_NOUNS = frozenset("call demand plea appeal request proposal".split())
_TO_NOUNS = frozenset("call demand plea appeal promise pledge vow threat request proposal "
                      "warning".split())
_POSSESSIVES = {"his": "m", "her": "f"}


class NounStatements:
    """Mixin: "X's call for Y", "her promise to Z", "his claim that W"."""

    def _noun_statement(self, noun: Token):
        lemma = noun.lemma_.lower() or noun.lower_
        if noun.pos_ != "NOUN" or lemma not in SPEECH_NOUNS:
            return None
        owner = self._noun_owner(noun)
        if owner is None:
            return None
        content = None
        for child in noun.rights:
            marks = [g for g in child.children if g.dep_ == "mark"]
            if child.dep_ in ("acl", "ccomp", "appos") and any(
                    m.lower_ == "that" for m in marks) and any(
                    g.dep_ in ("nsubj", "nsubjpass") for g in child.children):
                content = child  # "his claim that the vote was rigged"
                break
            if lemma in _FOR_NOUNS and child.dep_ == "prep" and child.lower_ == "for":
                objects = [g for g in child.children if g.dep_ in ("pobj", "pcomp")]
                if objects:
                    content = objects[0]  # "her call for a ceasefire"
                    break
            if child.dep_ == "prep" and child.lower_ in _ABOUT_NOUNS.get(lemma, ()):
                objects = [g for g in child.children if g.dep_ in ("pobj", "pcomp")]
                if objects:
                    content = objects[0]  # "his attacks on the plan"
                    break
            if lemma in _TO_NOUNS and child.dep_ == "acl" and any(
                    g.dep_ == "aux" and g.lower_ == "to" for g in child.children):
                content = child  # "his promise to cut taxes"
                break
        if content is None:
            return None
        start, end = content.left_edge.i, content.right_edge.i + 1
        if end - start < 2 or start <= owner.i < end:
            return None
        return start, end, [noun], owner

    def _noun_owner(self, noun: Token) -> Token | None:
        """The source of a speech noun: "her", "the mayor's", "Republican", "Lee"."""
        for child in noun.lefts:
            if child.dep_ == "poss":
                if child.lower_ in ("its", "their", "my", "our", "your"):
                    return None  # an owner the resolver cannot name
                if child.lower_ in _POSSESSIVES or self._resolver.can_speak(child):
                    return child
            if child.dep_ in ("compound", "amod") and child.i == noun.i - 1 and (
                    child.ent_type_ in ("PERSON", "ORG", "NORP")):
                return child
        return None

    def _owner_fields(self, owner: Token) -> dict | None:
        """Speaker fields for a possessive pronoun ("his call"), resolved like
        "he"; None for any other owner (resolved as usual)."""
        kind = _POSSESSIVES.get(owner.lower_)
        if kind is None:
            return None
        name = self._resolver._resolve_pronoun(owner)
        s, e = speaker_bounds(owner)
        doc = self._doc
        return {"speaker": name, "speaker_text": doc[s:e].text,
                "speaker_start": doc[s].idx,
                "speaker_end": doc[e - 1].idx + len(doc[e - 1].text)}
