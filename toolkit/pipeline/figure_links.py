"""Linking figures to their context: what each measures ("casualties",
"Ukraine's territory"), which is the peak of a series, and who claims it (the
quote it sits in, "according to ...", or the subject of a reporting verb)."""

from __future__ import annotations

import bisect

from spacy.tokens import Doc, Span

from toolkit.pipeline.figure_patterns import CHANGE_WORDS, PEAK_RE, TYPE_NOUNS
from toolkit.pipeline.figure_reading import doc_has, sentence_of
from toolkit.pipeline.speech import REPORTING_VERBS, WEAK_REPORTING_VERBS

#: The verbs that make their subject the source of a figure: the one list of
#: :mod:`toolkit.pipeline.speech`, with the verbs that report evidence ("the
#: survey showed ...", "estimates suggest ...") since a document can be the
#: source of a number.
CLAIM_VERBS = REPORTING_VERBS | WEAK_REPORTING_VERBS

#: Verbs of reckoning: their subject gives a figure without reporting speech
#: ("officials put the toll at 40", "the agency counted 1,200 cases",
#: "analysts calculate the cost at $5bn"). Figures only; speech.py's lists
#: are about quotes and stay as they are.
RECKONING_VERBS = frozenset("count calculate compute tally reckon estimate assess tot".split())
#: Verbs that give a figure only through "at": "put / placed / pegged the cost at".
RECKONING_AT_VERBS = frozenset("put place peg".split())


# -- peaks ----------------------------------------------------------------------
def mark_peaks(doc: Doc, matches: list[tuple[Span, dict]], text: str | None = None) -> None:
    """"1,300 km² at the height of the incursion": the closest figure in the
    sentence (counting a figure and its restatements as one) is a peak."""
    for cue in PEAK_RE.finditer(doc.text if text is None else text):
        cue_span = doc.char_span(cue.start(), cue.end(), alignment_mode="expand")
        if cue_span is None:
            continue
        sent = sentence_of(cue_span) if doc_has(doc, "SENT_START") else doc[:]
        best, best_distance = None, 13
        for span, data in matches:
            if data["type"] == "date" or data["conversion_of"]:
                continue
            if not (sent.start <= span.start < sent.end):
                continue
            group = [span] + [s for s, d in matches if d["conversion_of"] == span.text]
            distance = min(min(abs(cue_span.start - s.end), abs(s.start - cue_span.end))
                           for s in group)
            if distance < best_distance:
                best, best_distance = span, distance
        if best is None:
            continue
        for span, data in matches:
            if span == best or data["conversion_of"] == best.text:
                if data["qualifier"] in ("exact", "approximate"):
                    data["qualifier"] = "peak"


# -- what a figure measures ------------------------------------------------------
_DROP_LEFT = {"the", "a", "an", "its", "their", "his", "her", "this", "that", "these", "those"}


def _phrase(tokens) -> str | None:
    tokens = [t for t in tokens]
    while tokens and (tokens[0].lower_ in _DROP_LEFT or tokens[0].is_punct):
        tokens = tokens[1:]
    while tokens and tokens[-1].is_punct:
        tokens = tokens[:-1]
    if not tokens:
        return None
    doc = tokens[0].doc
    return doc[tokens[0].i:tokens[-1].i + 1].text


def _noun_phrase(noun, taken=frozenset()) -> str | None:
    """A short noun phrase around ``noun``: its left modifiers, the noun, and an
    "of ..." complement ("share of Ukraine's territory")."""
    if noun.pos_ in ("VERB", "AUX"):  # a clause as subject: "the area still burning"
        sub = [t for t in noun.subtree if t.i not in taken]
        return _phrase(sub) if 0 < len(sub) <= 6 else None
    left = [t for t in noun.lefts if t.dep_ in ("amod", "compound", "poss", "nmod", "det",
                                                 "case")]
    start = min([noun.i] + [t.left_edge.i for t in left])
    end = noun.i
    for child in noun.rights:
        if child.dep_ == "prep" and child.lower_ == "of":
            objs = [c for c in child.children if c.dep_ == "pobj"]
            if objs and objs[0].i not in taken:
                end = max(end, objs[0].i)
        break
    for child in noun.rights:  # "the area still burning"
        if child.dep_ in ("acl", "amod") and len(list(child.subtree)) <= 3 and \
                not any(t.i in taken for t in child.subtree):
            end = max(end, child.right_edge.i)
    doc = noun.doc
    if noun.i in taken:
        return None  # the noun belongs to another figure ("mph", "degrees")
    toks = [t for t in doc[start:end + 1] if not t.like_num and t.i not in taken]
    return _phrase(toks)


def measures_of(span: Span, data: dict, taken=frozenset()) -> str | None:
    doc = span.doc
    if not doc_has(doc, "DEP"):
        return None
    nxt = doc[span.end] if span.end < len(doc) else None
    # "hundreds of thousands of casualties", "20% of Ukraine's territory"
    if nxt is not None and nxt.lower_ == "of":
        objs = [c for c in nxt.children if c.dep_ == "pobj"]
        if objs:
            return _noun_phrase(objs[0], taken)
    root = span.root
    # "30 soldiers", "1,300 Ukrainian troops": the counted noun follows
    if not data["unit"] and data["type"] in ("count", "fraction"):
        head = root.head
        if root.dep_ in ("nummod", "quantmod", "compound", "amod") and head.i >= span.end and \
                head.pos_ in ("NOUN", "PROPN"):
            return _noun_phrase(head, taken)
        if nxt is not None and nxt.pos_ == "NOUN" and nxt.i == span.end:
            return _noun_phrase(nxt, taken)
        prev = doc[span.start - 1] if span.start > 0 else None
        if prev is not None and prev.pos_ == "VERB" and prev.tag_ in ("VBD", "VBN"):
            return f"people {prev.text}"  # "displaced millions", "killed dozens"
    # a unit figure that modifies a noun: "a 30-day ceasefire", "a 5% rise in prices"
    if root.dep_ in ("compound", "amod", "nummod", "npadvmod") and root.head.i >= span.end and \
            root.head.pos_ == "NOUN":
        head = root.head
        phrase = _noun_phrase(head, taken)
        preps = [c for c in head.rights if c.dep_ == "prep" and c.lower_ in ("in", "on", "for")]
        if preps:
            extra = _phrase(list(preps[0].subtree))
            if extra and len(extra.split()) <= 5:
                phrase = f"{phrase} {extra}"
        return phrase
    # "Oil rose 2%", "a deal worth $1.2 trillion": the thing that changed or is worth it
    if root.dep_ in ("npadvmod", "advmod", "dobj", "pobj", "nummod", "prep") and \
            (root.head.lemma_.lower() in CHANGE_WORDS or root.head.lower_ == "worth"):
        subj = _subject(root.head)
        if subj is not None:
            return _noun_phrase(subj, taken)
    # "a front of roughly 40 km", "a budget of $5m": the noun before "of"
    if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.pos_ == "NOUN" \
            and root.head.head.i < span.start:
        return _noun_phrase(root.head.head, taken)
    # object of a verb: "controls less than 200 km² in Kursk", "displaced millions"
    verb = root.head if root.dep_ in ("dobj", "attr", "oprd", "nsubj", "nsubjpass") else None
    if verb is not None and verb.pos_ in ("VERB", "AUX"):
        return _clause_measure(span, data, verb, root.dep_.startswith("nsubj"), taken)
    # "rose to 5%", "for 30 days": object of a preposition on a verb
    if root.dep_ == "pobj" and root.head.dep_ == "prep" and root.head.head.pos_ in ("VERB", "AUX"):
        prep, verb = root.head, root.head.head
        if data["type"] == "duration":
            objs = [c for c in verb.children if c.dep_ in ("dobj", "attr")]
            parts = [verb.text] + ([_phrase(list(objs[0].subtree))] if objs else [])
            return " ".join(p for p in parts if p)
        subj = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subj and prep.lower_ in ("to", "by", "at", "from") and subj[0].pos_ != "PRON":
            return _noun_phrase(subj[0], taken)
    return None


def _subject(tok):
    """The subject of the clause ``tok`` is in, through "expected to fall",
    "rose and then fell" chains; None for pronouns or when there is none."""
    verb = tok
    for _ in range(6):
        while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
            verb = verb.head
        subj = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subj:
            return subj[0] if subj[0].pos_ != "PRON" else None
        if verb.dep_ not in ("xcomp", "conj", "advcl") or verb.head.i == verb.i:
            return None
        verb = verb.head
    return None


def _clause_measure(span: Span, data: dict, verb, subject_role: bool, taken) -> str | None:
    if data["type"] == "count" and not data["unit"]:
        passive = any(c.dep_ == "auxpass" for c in verb.children)
        if subject_role and not passive:
            return f"people who {verb.text}"
        return f"people {verb.text}"
    if subject_role and not any(c.dep_ == "auxpass" for c in verb.children):
        return None  # "25 degrees ... drove": an active verb says nothing of the figure
    noun = TYPE_NOUNS.get(data["type"], data["type"])
    subj = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    parts = [noun]
    if subj and not subject_role and subj[0].pos_ != "PRON":
        parts.append(_noun_phrase(subj[0], taken) or subj[0].text)
    parts.append(verb.text)
    places = [c for c in list(verb.rights) + list(span.root.rights)
              if c.dep_ == "prep" and c.i >= span.end]
    for child in sorted(places, key=lambda t: t.i):
        if child.lower_ in ("in", "on", "at", "across", "inside", "within", "near", "around"):
            extra = _prep_phrase(child, taken)
            if extra:
                parts.append(extra)
                break
    return " ".join(p for p in parts if p)


def _prep_phrase(prep, taken) -> str | None:
    """"in Kursk", "in the eastern region": a preposition and its noun phrase
    (without appositions or clauses hanging off it)."""
    objs = [c for c in prep.children if c.dep_ == "pobj"]
    if not objs:
        return None
    phrase = _noun_phrase(objs[0], taken)
    if not phrase or len(phrase.split()) > 5:
        return None
    return f"{prep.text} {phrase}"


class SiblingLenders:
    """A figure compared with another of its kind in the same sentence ("a
    decrease from 1,300 km²") measures the same thing: the first other figure of
    its type in the sentence that says what it measures (and is no conversion).

    Built from ``matches`` (each sentence start -> its figures, in order), in
    linear time: per sentence and type only the first two figures that can lend
    what they measure are kept; a figure given its measures by :meth:`measures`
    can lend them in turn to the figures after it."""

    def __init__(self, matches: dict):
        self.first: dict[tuple, list] = {}
        self.place: dict[int, tuple] = {}
        for sent, items in matches.items():
            for k, (span, data) in enumerate(items):
                key = (sent, data["type"])
                self.place[id(data)] = (key, k)
                if data["measures"] and data.get("conversion_of") is None:
                    self._offer(key, k, data)

    def _offer(self, key, k, data) -> None:
        best = self.first.setdefault(key, [])
        best.append((k, data))
        best.sort(key=lambda item: item[0])
        del best[2:]

    def measures(self, span: Span, data: dict) -> str | None:
        if not doc_has(span.doc, "SENT_START") or not data["unit"] \
                or id(data) not in self.place:
            return None
        key, k = self.place[id(data)]
        found = next((d["measures"] for kk, d in self.first.get(key, ()) if kk != k), None)
        if found and data.get("conversion_of") is None:
            self._offer(key, k, {**data, "measures": found})
        return found


# -- who claims it ------------------------------------------------------------
class Sources:
    """Who claims each figure of one doc, in time linear in its length: the
    quote holding it, "according to ..." in its sentence, or the subject of a
    reporting verb it depends on. Sentences and head chains are walked once
    and their answers kept."""

    def __init__(self, doc: Doc, quotes: list[Span]):
        self.doc = doc
        self.quotes = sorted(quotes, key=lambda q: (q.start, -q.end))
        self.quote_starts = [q.start for q in self.quotes]
        self.sents = doc_has(doc, "SENT_START")
        self.parsed = doc_has(doc, "DEP")
        self.according: dict[int, str | None] = {}
        self.reported: dict[int, str | None] = {}

    def __call__(self, span: Span) -> str | None:
        speaker = self._quoted(span)
        if speaker:
            return speaker
        if not self.sents:
            return None
        sent = sentence_of(span)
        if sent.start not in self.according:
            self.according[sent.start] = _according_to(sent)
        found = self.according[sent.start]
        if found is not _NOT_SAID:
            return found
        return self._reported(span.root) if self.parsed else None

    def _quoted(self, span: Span) -> str | None:
        k = bisect.bisect_right(self.quote_starts, span.start)
        # quotes do not nest deeply: look back over the few that start before
        for quote in reversed(self.quotes[max(0, k - 4):k]):
            if quote.start <= span.start and span.end <= quote.end:
                info = quote._.tk_quote or {}
                speaker = info.get("speaker") or info.get("speaker_text")
                if speaker:
                    return speaker
        return None

    def _reported(self, tok) -> str | None:
        """"The ministry said ... 200 ..." (reported speech the quotes layer
        missed): the subject of the first reporting verb up the head chain."""
        path = []
        answer = None
        while True:
            if tok.i in self.reported:
                answer = self.reported[tok.i]
                break
            if tok.head.i == tok.i:
                break
            path.append(tok.i)
            if tok.dep_ in ("ccomp", "parataxis") and tok.head.lemma_.lower() in CLAIM_VERBS:
                subj = [c for c in tok.head.children if c.dep_ == "nsubj"]
                if subj and subj[0].pos_ in ("PROPN", "NOUN"):
                    answer = _phrase(list(subj[0].subtree))
                break
            if _reckoned(tok):
                answer = _reckoner(tok.head)
                if answer:  # else "police said they counted 40": look further up
                    break
            tok = tok.head
        for i in path:
            self.reported[i] = answer
        return answer


_NOT_SAID = object()


def _reckoned(tok) -> bool:
    """Whether ``tok`` is where a verb of reckoning takes its figure: the
    object of "counted 1,200 cases", or "at" in "put the toll at 40"."""
    verb = tok.head
    if verb.pos_ not in ("VERB", "AUX"):
        return False
    lemma = verb.lemma_.lower()
    at = tok.dep_ == "prep" and tok.lower_ == "at"
    if lemma in RECKONING_AT_VERBS:  # "at" on the verb, or on its object ("the toll at 40")
        return at or tok.dep_ in ("dobj", "obj") and any(
            c.dep_ == "prep" and c.lower_ == "at" for c in tok.children)
    return lemma in RECKONING_VERBS and (at or tok.dep_ in ("dobj", "obj"))


def _reckoner(verb) -> str | None:
    """Who reckons: the subject of the verb ("officials put ..."), or the agent
    of a passive one ("the toll was put at 40 by officials"); None for a
    pronoun or a clause."""
    for child in verb.children:
        if child.dep_ == "nsubj" and child.pos_ in ("PROPN", "NOUN"):
            return _phrase(list(child.subtree))
        if child.dep_ == "agent":
            objs = [c for c in child.children if c.dep_ == "pobj" and c.pos_ in ("PROPN", "NOUN")]
            if objs:
                return _phrase(list(objs[0].subtree))
    return None


def _according_to(sent: Span):
    """"according to the Russian military, ...": who (None when the words
    after it give no name); _NOT_SAID when the sentence has no "according to"."""
    doc = sent.doc
    for tok in sent:
        if tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
            objs = [c for c in doc[tok.i + 1].children if c.dep_ == "pobj"]
            if objs:
                return _phrase([t for t in objs[0].subtree])
            words = []
            for t in doc[tok.i + 2:sent.end]:
                if t.is_punct:
                    break
                words.append(t)
            return _phrase(words)
    return _NOT_SAID
