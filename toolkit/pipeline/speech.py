"""Word lists about speech: reporting verbs, pronouns, people and sources.

General knowledge of English news prose, not of any one article. The
reporting-verb list is registered as ``toolkit.reporting_verbs.v1`` so a
pipeline config can extend or trim it::

    [components.toolkit_quotes.reporting_verbs]
    @misc = "toolkit.reporting_verbs.v1"
    extra = ["grumble"]
    exclude = ["suggest"]
"""

from __future__ import annotations

from typing import Iterable

import spacy

from toolkit.errors import ToolkitError

#: Lemmas of verbs that introduce what someone said, wrote or asked.
REPORTING_VERBS = frozenset("""
accuse acknowledge add admit advise affirm agree allege announce answer argue ask
chant concur murmur mutter scream snap yell
assert assure boast brief call caution charge cite claim clarify comment complain
concede conclude confirm contend continue counter cry declare demand deny describe
disclose dismiss dub elaborate emphasise emphasize estimate exclaim explain express
forecast highlight hint indicate inform insist joke lament maintain mention note
observe outline plead pledge point post predict proclaim promise propose protest quote
question quip reaffirm read recall recount reiterate remark reply report respond retort
reveal say shout signal speak specify state stress suggest swear tell testify
threaten tweet underline underscore urge vow warn whisper wonder write
criticize criticise slam blast praise rebut dispute repeat recommend tout brag
apologize apologise lambast lambaste attack thank order
""".split())

#: Verbs that may report evidence rather than speech ("the data suggest that"):
#: they count only when their subject can speak (a person, an organisation...).
WEAK_REPORTING_VERBS = frozenset("""
indicate suggest reveal signal show mean imply estimate hint predict forecast
""".split())

#: Verbs that frame a partial quote ("described it as 'promising'") but never
#: take a reported clause of their own.
FRAMING_VERBS = frozenset("call describe dub express label term brand characterize "
                          "characterise".split())

#: Nouns a light verb turns into a cue: "expressed hope that ...".
CUE_NOUNS = frozenset("""
belief concern confidence conviction doubt fear gratitude hope optimism pessimism
regret satisfaction skepticism scepticism support view warning wish worry
""".split())

#: Verbs of communication whose object noun phrase can carry what was said:
#: "mentioned the possibility of a deal", "voiced concern that ...".
NOMINAL_VERBS = frozenset("""
acknowledge admit emphasise emphasize express flag highlight mention raise reiterate
signal stress underline underscore voice
""".split())

#: Abstract nouns that, as the object of one of :data:`NOMINAL_VERBS`, hold
#: reported content in their complement ("the need for talks").
CONTENT_NOUNS = frozenset("""
belief commitment concern concerns confidence desire determination disappointment
doubt doubts expectation fear fears frustration hope hopes idea intention intent
interest likelihood need optimism opposition pessimism plan plans possibility
prospect readiness regret reluctance scepticism skepticism support unwillingness
view willingness wish worry worries
""".split())

#: Nouns for the documents and occasions through which a source speaks:
#: "in a statement", "according to figures from the ministry".
MEDIUM_NOUNS = frozenset("""
address analysis announcement assessment blog briefing broadcast communique
data document email estimate estimates figures filing interview letter memo message
note podcast poll post release remarks report research speech statement study
submission survey testimony transcript tweet update video
""".split())

_IRREGULAR = {
    "say": ["said"], "tell": ["told"], "write": ["wrote", "written"],
    "speak": ["spoke", "spoken"], "swear": ["swore", "sworn"],
    "show": ["shown"], "mean": ["meant"], "cry": ["cried", "cries"],
    "admit": ["admitted", "admitting"], "quip": ["quipped", "quipping"],
    "plead": ["pled"], "forecast": ["forecast"], "dub": ["dubbed", "dubbing"],
    "snap": ["snapped", "snapping"], "flag": ["flagged", "flagging"],
    "slam": ["slammed", "slamming"], "brag": ["bragged", "bragging"],
}

SUBJECT_PRONOUNS = {"he": "m", "she": "f", "they": "p", "him": "m", "her": "f",
                    "them": "p", "it": "n"}
FIRST_SECOND = frozenset("i we you me us".split())
RELATIVE_WORDS = frozenset("who which that whom what whoever".split())
DETERMINERS = frozenset("the a an this that these those".split())
HONORIFICS = {"mr": "m", "mr.": "m", "sir": "m", "lord": "m", "mrs": "f", "mrs.": "f",
              "ms": "f", "ms.": "f", "miss": "f", "madam": "f", "dame": "f", "lady": "f"}
GENDERED_NOUNS = {
    "m": frozenset("man men king prince husband father son brother uncle spokesman "
                   "chairman congressman businessman boyfriend grandfather nephew "
                   "sultan emperor duke mr".split()),
    "f": frozenset("woman women queen princess wife mother daughter sister aunt "
                   "spokeswoman chairwoman congresswoman businesswoman girlfriend "
                   "grandmother niece empress duchess mrs ms".split()),
}

#: Common given names whose bearers are usually referred to as "he" / "she"
#: (unisex names left out). Only a tie-breaker for pronouns: the text's own
#: evidence (titles, earlier pronouns) comes first.
GIVEN_NAMES = {
    "m": frozenset("""
    aaron abdul adam ahmed alan albert alexander alexei alexey ali andre andrei andrew
    andrzej angelo anthony antonio arnold arthur benjamin bernard bill boris brian bruce
    carl carlos charles chris christopher daniel david dmitry donald douglas edward emmanuel
    eric fernando francis francisco frank franz frederick george gerald giorgio giuseppe
    gregory hans harold harry henry hugo ian igor isaac ivan jack jacob james jean jeffrey
    jens jerome jim joe johann john jonathan jorge jose joseph juan justin karl keir keith
    kenneth kevin klaus lars lee leonardo liam louis luis luke marco mark martin matthew
    michael mikhail mohamed mohammad mohammed muhammad narendra nicolas oleksandr olaf omar
    oscar patrick paul pavel pedro peter philip pierre rafael ralph raymond recep richard
    robert roger ronald rudolf ryan salman samuel scott sebastian sergei sergey simon stephen
    steve steven thomas timothy tom tony victor vladimir volodymyr walter william xi yuri
    abdullah adrian ahmad alberto alejandro alessandro alfred amir andreas anton antoine
    arjun arturo bashar benedict bjorn bogdan bruno christian clement cyril dante dario
    dennis diego dmitri dominic duncan edgar eduardo elon emil enrique ernesto fabio farid
    federico felipe felix florian gabriel gareth gavin georg gerhard gordon graham gustavo
    hamid hassan hector heinrich helmut herbert horst howard hussein ibrahim ignacio imran
    ismail jacques jakob javier jens jeremy jesus joachim joao jonas jordan jurgen kai kamal
    karim khalid lorenzo lucas luca ludwig magnus malik manuel marcel marcus mario
    mateo matteo mauricio max maxim miguel milan miroslav mohamed moshe mustafa nasser
    nathan neil nikolai nikolaus niels noah norbert olivier otto pablo pascal petr piotr
    rahul rajesh ramon rashid raul reza ricardo rishi roberto rodrigo roman rui
    sami sanjay santiago sergio shinzo stefan sven tariq theo tobias tomas ulrich umar
    vikram vincent vitali wang wolfgang xavier yasser yevgeny yusuf zoltan
    """.split()),
    "f": frozenset("""
    agnieszka alice alicia amanda amy ana angela angelina ann anna anne annalena barbara
    beatriz betty brenda carmen carol caroline catherine charlotte christine claire claudia
    cristina deborah diana donna dorothy elena elisabeth elizabeth ellen emily emma eva
    fatima francesca giorgia hannah helen helga ingrid irina isabel jacinda jane janet jennifer
    jessica joan julia julie karen kamala katarzyna kate katherine kathleen laura linda lisa
    liz lucy margaret maria marie marine martha mary melania melissa michelle mila nadia
    nancy natalia natalie nicola nina olga patricia rachel rebecca rosa ruth sandra sarah
    sharon sophie stephanie susan svetlana tatiana teresa theresa ursula valentina victoria
    yulia
    adriana agnes aisha alexandra alina amelia anastasia andrea angelika anita annika
    antonia astrid ayesha beata birgit brigitte camilla carla carolina catalina cecilia
    chloe clara daniela delphine dina dolores doris eleanor elif elisa elise elsa emine
    emilia esther eugenia fiona francoise gabriela gabriele gisela grace greta gudrun hana
    heidi hilary hillary ines irene isabella jacqueline joanna johanna josephine judith
    justyna katarina katja katrin kristina larissa leila lena leonie lidia lily louise
    lucia luisa magdalena malgorzata margarita marta maryam mette mia monika naomi
    natasha nora olena olivia paola paula petra pia priya renata rita sabine sara selin
    silvia simone sofia sonia stella susanne sylvia tamara tanja tereza ulrike vanessa
    vera veronica viktoria wanda yasmin yvonne zeynep zuzana
    """.split()),
}

#: Head nouns of descriptions that stand for one person ("the Russian leader").
ROLE_NOUNS = frozenset("""
leader president premier minister chancellor prime king queen monarch ruler
dictator spokesman spokeswoman spokesperson secretary governor mayor senator
congressman congresswoman lawmaker chief ceo chairman chairwoman chair director
commander general envoy ambassador diplomat official head founder owner
pope cardinal bishop judge prosecutor coach manager captain star actor actress
singer author economist analyst candidate nominee incumbent premier
""".split())

#: Head nouns of sources that can say things even when NER does not tag them.
AGENT_NOUNS = ROLE_NOUNS | frozenset("""
administration agency army authorities authority board campaign cabinet
committee company council court critic critics department expert experts firm
government group investigator investigators kremlin lawyer lawyers military
ministry navy office officer officers officials opposition organisers organizers
party police observers report researchers residents scientists source sources
spokespeople statement study survey team union witness witnesses
people person man woman men women doctor doctors teacher teachers worker workers
aide aides ally allies rival rivals member members voter voters donor donors fan fans
citizen citizens nurse nurses
""".split())

#: Entity labels that can be the source of a statement.
SPEAKER_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})


def _inflections(lemma: str) -> set[str]:
    forms = {lemma, *_IRREGULAR.get(lemma, [])}
    if lemma.endswith("e"):
        forms |= {lemma + "s", lemma + "d", lemma[:-1] + "ing"}
    elif lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing"}
    elif lemma.endswith(("s", "sh", "ch", "x", "z")):
        forms |= {lemma + "es", lemma + "ed", lemma + "ing"}
    else:
        forms |= {lemma + "s", lemma + "ed", lemma + "ing"}
    return forms


def verb_forms(lemmas: Iterable[str]) -> frozenset[str]:
    """Every inflected form of ``lemmas`` (used when a Doc has no lemmas)."""
    out: set[str] = set()
    for lemma in lemmas:
        out |= _inflections(lemma)
    return frozenset(out)


@spacy.registry.misc("toolkit.reporting_verbs.v1")
def reporting_verbs(extra: list[str] = [], exclude: list[str] = []) -> list[str]:  # noqa: B006
    """The default reporting verbs (lemmas), plus ``extra``, minus ``exclude``."""
    for value in (extra, exclude):
        if not isinstance(value, (list, tuple, set, frozenset)) or not all(
                isinstance(v, str) for v in value):
            raise ToolkitError("TK120", type_name=type(value).__name__)
    return sorted((REPORTING_VERBS | {v.lower() for v in extra})
                  - {v.lower() for v in exclude})
