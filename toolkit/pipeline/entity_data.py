"""The entity layer's data: the news knowledge file, mention and person records,
and plain-data lookups other components use (:func:`canonical_for`)."""

from __future__ import annotations

import dataclasses
import json
import re
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Doc, Token
from spacy.util import registry

from toolkit.errors import ToolkitError
from toolkit.pipeline.gazetteer import Place, fold

KNOWLEDGE_PATH = Path(__file__).resolve().parent.parent / "data" / "news_knowledge.json"

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
#: Last words that make a name a body of people: an organisation, whatever the
#: model said ("the Gulf of X Research Institute" is no facility).
ORG_HEADS = {"institute", "institution", "university", "council", "ministry", "department",
             "agency", "commission", "committee", "corporation", "company", "association",
             "foundation", "party", "organisation", "organization", "bureau", "authority",
             "federation", "coalition", "alliance", "society", "administration", "inc",
             "inc.", "corp", "corp.", "ltd", "ltd.", "plc", "llc"}
#: Last words that make "<place> <word>" a sports club, not a person or a place.
CLUB_HEADS = {"united", "city", "fc", "rovers", "wanderers", "athletic", "albion", "county",
              "hotspur", "rangers", "celtic"}
POSSESSIVE = {"'s", "’s", "'", "’"}
DETERMINERS = {"the"}
PREPOSITIONS = {"at", "of", "for", "with", "in", "from", "on", "to", "by"}
PLACE_PREPOSITIONS = frozenset("in into from to near at across outside inside around throughout "
                               "toward towards via".split())
#: Prepositions that put a name on the map whatever the model says ("fans in X"):
#: "from X" and "to X" are not among them ("signed from X", "lost to X").
FIRM_PLACE_PREPOSITIONS = frozenset("in into near at across outside inside around throughout "
                                    "via".split())
#: Words in a sentence that make a city's name, tagged ORG by the model, the club
#: or the firm named after the city ("signed the striker from X", "shares of X").
ORG_CUES = frozenset("club clubs side team squad striker forward midfielder defender "
                     "goalkeeper coach manager fans supporters league cup match fixture "
                     "signed beat beaten defeated drew draw shares stock stake company firm "
                     "carmaker automaker maker brand subsidiary listed ceo chairman".split())
#: The narrower set that turns even a model GPE or PERSON that is a city's name into
#: the club named after it ("the striker joined from X").
CLUB_CUES = frozenset("club clubs striker midfielder defender goalkeeper coach signed beat "
                      "beaten defeated league fixture".split())
#: Words before a city's name that make it a club ("Real X", "Sporting X", "FC X").
CLUB_PREFIXES = frozenset("Real Sporting Atletico Atlético Dynamo Dinamo Olympique Inter "
                          "Borussia Racing Rapid FC AFC SC".split())
#: Labels of ``doc.spans["structure"]`` whose names never name a group: the title
#: is read like a heading; the other lines are furniture whose names stay visible.
HEADING_LABELS = frozenset({"title"})
FURNITURE_LABELS = frozenset({"byline", "dateline", "credit", "marker"})


# -- knowledge ---------------------------------------------------------------

@dataclasses.dataclass
class Knowledge:
    """General news knowledge (see ``toolkit/data/news_knowledge.json``)."""

    demonyms: dict          # folded adjective -> ISO country code
    country_aliases: dict   # folded alias -> ISO country code
    institutions: dict      # folded name -> {"label", "canonical", "country", ...}
    institution_names: dict  # folded name -> name as written in the knowledge file
    roles: dict             # lower role phrase -> role family
    role_accepts: dict      # role family -> title families it can refer to
    title_words: set
    honorifics: set
    person_nouns: set = dataclasses.field(default_factory=set)
    place_nouns: set = dataclasses.field(default_factory=set)

    @property
    def max_role_words(self) -> int:
        return max(len(r.split()) for r in self.roles)

    def accepts(self, family: str) -> set:
        return {family, *self.role_accepts.get(family, ())}


@lru_cache(maxsize=8)
def _load_knowledge(path: str) -> Knowledge:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        institutions = {fold(k): dict(v) for k, v in data["institutions"].items()}
        return Knowledge(
            demonyms={fold(k): v for k, v in data["demonyms"].items()},
            country_aliases={fold(k): v for k, v in data["country_aliases"].items()},
            institutions=institutions,
            institution_names={fold(k): k for k in data["institutions"]},
            roles={k.lower(): v for k, v in data["roles"].items()},
            role_accepts={k: list(v) for k, v in data.get("role_accepts", {}).items()},
            title_words={w.lower() for w in data.get("title_words", [])},
            honorifics={w.lower() for w in data.get("honorifics", [])},
            person_nouns={w.lower() for w in data.get("person_nouns", [])},
            place_nouns={w.lower() for w in data.get("place_nouns", [])},
        )
    except (OSError, ValueError, KeyError, AttributeError, TypeError) as exc:
        raise ToolkitError("TK113", path=path, why=f"{type(exc).__name__}: {exc}") from exc


@registry.misc("toolkit.news_knowledge.v1")
def make_news_knowledge(path: str | None = None) -> Knowledge:
    """Registered loader for the knowledge lists (``path=None``: the bundled file)."""
    return _load_knowledge(str(path or KNOWLEDGE_PATH))


# -- working data ------------------------------------------------------------

@dataclasses.dataclass
class Mention:
    start: int                 # token offsets
    end: int
    label: str
    kind: str = "name"         # name | alias | role
    source: str = "model"      # model | surname | gazetteer | institution | role
    original_label: str | None = None
    canonical: str | None = None
    entity_id: str | None = None
    key: str | None = None     # grouping key before canonicalisation
    place: Place | None = None
    country: str | None = None
    role: str | None = None
    in_heading: bool = False   # in a heading or a line of furniture
    furniture: bool = False    # in a title, byline, dateline, credit or marker


@dataclasses.dataclass
class Person:
    canonical: str
    entity_id: str
    first: str
    last: str
    positions: list = dataclasses.field(default_factory=list)   # token starts of mentions
    titles: set = dataclasses.field(default_factory=set)       # role families
    nationality: set = dataclasses.field(default_factory=set)  # strong evidence
    weak_nationality: set = dataclasses.field(default_factory=set)


def _slug(text: str) -> str:
    return re.sub(r"[^0-9a-z]+", "-", fold(text)).strip("-") or "x"


def _is_name_word(token: Token) -> bool:
    """Capitalised or all-caps word (a name, not a lower-case common word)."""
    text = token.text
    return bool(text[:1].isupper()) and any(ch.isalpha() for ch in text)


# -- helpers for other components --------------------------------------------------------

def entity_mentions(doc: Doc, label: str | None = None) -> list[dict]:
    """Plain-data list of entity mentions, in text order (optionally one label)."""
    out = []
    for span in doc.spans.get("entities", []):
        if label is not None and span.label_ != label:
            continue
        data = span._.tk_entity or {}
        out.append({"text": span.text, "label": span.label_, "start": span.start_char,
                    "end": span.end_char, **data})
    out.sort(key=lambda d: (d["start"], -d["end"]))
    return out


def canonical_for(doc: Doc, start_char: int, end_char: int) -> str | None:
    """Canonical name of the entity mention covering or overlapping ``[start_char, end_char)``.

    A mention that covers the whole range wins; otherwise the one with the
    largest overlap (ties: the shorter mention). Nationalities (NORP) are not
    names of anyone and are skipped. None when nothing overlaps.
    """
    best, best_key = None, None
    for span in doc.spans.get("entities", []):
        if span.label_ == "NORP":
            continue  # a nationality describes a source ("Chilean officials"), it names none
        overlap = min(end_char, span.end_char) - max(start_char, span.start_char)
        if overlap <= 0 and not (start_char == end_char
                                 and span.start_char <= start_char < span.end_char):
            continue
        covers = span.start_char <= start_char and span.end_char >= end_char
        key = (covers, overlap, -(span.end_char - span.start_char))
        if best_key is None or key > best_key:
            best, best_key = span, key
    if best is None:
        return None
    return (best._.tk_entity or {}).get("canonical")


def last_person_before(doc: Doc, char: int) -> str | None:
    """Canonical name of the last PERSON mention that ends at or before ``char``."""
    found = None
    for span in doc.spans.get("entities", []):
        if span.label_ == "PERSON" and span.end_char <= char:
            if found is None or span.end_char > found.end_char:
                found = span
    return None if found is None else (found._.tk_entity or {}).get("canonical")
