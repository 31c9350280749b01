"""A reproducible corpus of invented news articles for the benchmarks.

Nothing is downloaded: articles are composed from the templates below (all
written for this project) with a seeded random generator, so the same seed
always gives the same texts. They read like wire copy — people, places and
organisations, direct and reported quotes, figures with units and dates both
absolute and relative — which is what toolkit's components look for.

    news_articles(200)       200 articles of about 500-900 words
    long_article(50_000)     one report of about 50,000 words with sub-headings
    write_corpus(folder, n)  the news articles as .txt files with .meta.json
"""

from __future__ import annotations

import datetime as dt
import json
import random
from pathlib import Path

SEED = 20250313

FIRST = ["Amara", "Daniel", "Ingrid", "Tomasz", "Lucia", "Kwame", "Sofia", "Rahul",
         "Helena", "Mateo", "Yuki", "Oksana", "Pieter", "Nadia", "Samuel", "Leila",
         "Henrik", "Grace", "Jonas", "Fatima", "Marcus", "Elena", "Tariq", "Clara"]
LAST = ["Okafor", "Lindqvist", "Moreau", "Novak", "Haddad", "Brennan", "Kowalczyk",
        "Santos", "Achterberg", "Mensah", "Ivanova", "Castellano", "Whitfield",
        "Nakamura", "Osei", "Delacroix", "Farouk", "Eriksen", "Petrenko", "Alvarez",
        "Gallagher", "Rossi", "Varga", "Bakker"]
ROLES = ["finance minister", "mayor", "chief executive", "spokeswoman", "spokesman",
         "union leader", "economist", "regional governor", "defence minister",
         "health commissioner", "professor of public policy", "opposition leader",
         "central bank governor", "police chief", "energy minister", "analyst"]
CITIES = ["Lisbon", "Rotterdam", "Gdansk", "Accra", "Porto Alegre", "Tampere",
          "Kraków", "Mombasa", "Valencia", "Odesa", "Lyon", "Brisbane", "Osaka",
          "Marseille", "Nairobi", "Bilbao", "Tallinn", "Leipzig", "Cork", "Halifax"]
COUNTRIES = ["Portugal", "the Netherlands", "Poland", "Ghana", "Brazil", "Finland",
             "Kenya", "Spain", "Ukraine", "France", "Australia", "Japan", "Estonia",
             "Germany", "Ireland", "Canada", "Norway", "Chile", "Morocco", "Italy"]
ORGS = ["the European Commission", "the World Bank", "the Ministry of Finance",
        "the National Statistics Office", "the Harbour Authority", "Northwind Energy",
        "the Coastal Water Board", "the Transport Workers Union", "Meridian Logistics",
        "the Central Bank", "the Red Cross", "the Regional Health Service",
        "the Audit Court", "Helix Pharmaceuticals", "the Farmers' Federation",
        "the International Monetary Fund", "the Port of Rotterdam", "Baltic Rail"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
SAY = ["said", "told reporters", "said in a statement", "told a news conference",
       "wrote in a letter to members", "said in an interview"]

TOPICS = {
    "budget": {
        "thing": ["the budget", "the spending plan", "the tax package", "the deficit target"],
        "act": ["cut", "raise", "freeze", "review"],
        "measure": ["public spending", "fuel duty", "pension payments", "school funding"],
        "place_kind": ["parliament", "the finance committee", "the treasury"],
    },
    "flood": {
        "thing": ["the flood defences", "the relief effort", "the evacuation", "the rebuilding"],
        "act": ["reinforce", "extend", "fund", "speed up"],
        "measure": ["dyke repairs", "emergency shelters", "drainage works", "insurance payouts"],
        "place_kind": ["the river delta", "the low-lying districts", "the coastal towns"],
    },
    "transit": {
        "thing": ["the rail line", "the metro extension", "the bus network", "the bridge"],
        "act": ["open", "delay", "expand", "electrify"],
        "measure": ["ticket prices", "track renewal", "night services", "station upgrades"],
        "place_kind": ["the city council", "the transport authority", "the suburbs"],
    },
    "energy": {
        "thing": ["the wind farm", "the gas contract", "the grid upgrade", "the solar tender"],
        "act": ["approve", "renegotiate", "suspend", "accelerate"],
        "measure": ["household bills", "coal imports", "battery storage", "offshore capacity"],
        "place_kind": ["the energy regulator", "the coastal shelf", "industrial parks"],
    },
    "health": {
        "thing": ["the vaccination drive", "the hospital merger", "the waiting-list plan",
                  "the clinic network"],
        "act": ["expand", "pause", "fund", "overhaul"],
        "measure": ["nurse salaries", "emergency beds", "rural clinics", "drug prices"],
        "place_kind": ["the health ministry", "regional hospitals", "the northern provinces"],
    },
    "conflict": {
        "thing": ["the ceasefire", "the prisoner exchange", "the peace talks",
                  "the aid corridor"],
        "act": ["extend", "monitor", "resume", "guarantee"],
        "measure": ["artillery strikes", "humanitarian convoys", "border crossings",
                    "troop withdrawals"],
        "place_kind": ["the front line", "the border region", "the occupied districts"],
    },
}

HEADLINES = [
    "{City} {act_past} {thing_bare} as {org} warns of {measure}",
    "{Person} pledges to {act} {thing} after weeks of pressure",
    "{Country} agrees {money} deal on {measure}",
    "Talks on {thing_bare} stall in {City} amid row over {measure}",
    "{Org} says {measure} rose {pct} last year",
]

# Paragraph templates. Slots are filled by Composer.fill(); every template has
# at least one name, place, quote, figure or date in it.
PARAGRAPHS = [
    "{CITY_OF} {role} {Person} on {weekday} announced plans to {act} {thing}, a move "
    "that {org} estimates will cost {money} over the next {n_small} years.",
    "“We cannot keep asking families to wait,” {Person} {say}. “The money is there, "
    "and the plans are ready. What we need now is the will to {act} {thing}.”",
    "According to {org}, {measure} rose by {pct} in {year_prev}, the steepest increase "
    "since {year_old}, while {measure2} fell to {count} {count_unit}.",
    "{Person}, the {role}, said that the government would {act} {thing} before "
    "{month} {day}, but declined to say how the {money} would be found.",
    "The announcement came {rel_time} after protests in {City} drew an estimated "
    "{crowd} people, according to police, and about {crowd2} according to organisers.",
    "{Org} said in a report published on {date_abs} that {measure} had reached "
    "{pct} of the level planned for {year_next}, leaving a gap of {money}.",
    "“This is not a question of ideology,” said {Person}, a {role} who has studied "
    "{measure} for {n_small} decades. “It is arithmetic. If you {act} {thing} without "
    "a plan, the bill arrives later, and it is larger.”",
    "Officials in {City} said about {area} of farmland near {place_kind} had been "
    "affected, roughly {pct} of the province's total, and that {count} households "
    "had registered for support.",
    "Critics were quick to respond. {Person} of {org} told reporters that the plan "
    "was “too little, too late” and accused ministers of ignoring warnings issued "
    "last {month}.",
    "The {thing_bare} has been in doubt since {month} {year_prev}, when {Country} "
    "and {Country2} failed to agree on who would pay for {measure}.",
    "In {City}, residents described a mixed picture. “Some days it works, some days "
    "it does not,” said {FirstName}, {age}, who runs a bakery near the station. "
    "“Nobody tells us anything until it is already in the newspapers.”",
    "{Person} is expected to travel to {City} on {weekday} for talks with "
    "{Person2}, the {role}, ahead of a summit scheduled for {date_abs}.",
    "Figures released by {org} show that {measure} cost the country {money} in "
    "{year_prev}, up from {money2} a year earlier — an increase of {pct}.",
    "Asked whether the timetable was realistic, {Person} said it was “ambitious but "
    "achievable”, adding that {count} workers had already been hired and another "
    "{count2} would follow by the end of {year_next}.",
    "The decision follows months of negotiation. In {month}, {org} proposed to "
    "{act} {thing} in stages; {org2} rejected that approach, arguing that {measure} "
    "could not wait.",
    "Opposition lawmakers said they would table {n_small} amendments when "
    "{place_kind} meets next week. “We will read every line,” {Person} {say}.",
    "{Person} said that {org} had underestimated {measure} by as much as {pct}, "
    "and that the true figure was closer to {money}.",
    "Independent analysts were cautious. {Person}, a {role} at {org}, said the "
    "{money} package amounted to about {pct_small} of annual output and would take "
    "at least {n_small} years to show results.",
    "The {thing_bare} covers {distance} and passes through {n_small} municipalities, "
    "including {City} and {City2}, where local councils have raised objections over "
    "{measure}.",
    "On {weekday}, {Person2} met {Person} in {City}. Neither made remarks afterwards, "
    "but a joint statement said the two sides had agreed to {act} {thing} “as soon "
    "as conditions allow”.",
    "Some {count} people were evacuated overnight, the {role} said, and {deaths} "
    "deaths had been confirmed by {time_of_day} on {weekday}. Rescue teams from "
    "{Country} and {Country2} arrived on {date_abs}.",
    "Since {date_abs}, prices for {measure} have climbed from {money_small} to "
    "{money_small2}, a rise that {Person} called “unsustainable for ordinary "
    "households”.",
    "{Org} will publish its full assessment in {month} {year_next}. Until then, "
    "{Person} said, “everyone should be careful with numbers that have not been "
    "checked twice.”",
    "The plan, first floated by {Person} in {year_old}, was revived last {month} "
    "after {org} found that {measure} had grown by {pct} in {n_small} years.",
]

SUBHEADINGS = ["WHAT COMES NEXT", "The Money Behind the Plan", "Reaction in {City}",
               "A LONG DISPUTE", "Voices From the Ground", "The Numbers",
               "Talks in {City}", "WHO PAYS"]


class Composer:
    """Fills templates for one article with a consistent cast of names."""

    def __init__(self, rng: random.Random, topic: str, published: dt.date):
        self.rng = rng
        self.topic = TOPICS[topic]
        self.published = published
        self.people = [f"{rng.choice(FIRST)} {rng.choice(LAST)}" for _ in range(4)]
        self.cities = rng.sample(CITIES, 3)
        self.countries = rng.sample(COUNTRIES, 3)
        self.orgs = rng.sample(ORGS, 3)

    def _money(self, small: bool = False) -> str:
        rng = self.rng
        if small:
            return f"{rng.choice(['€', '$', '£'])}{rng.randint(2, 90)}.{rng.randint(0, 99):02d}"
        unit = rng.choice(["million", "billion"])
        amount = rng.choice([f"{rng.randint(2, 950)}", f"{rng.randint(1, 40)}.{rng.randint(1, 9)}"])
        return rng.choice([f"${amount} {unit}", f"€{amount} {unit}",
                           f"{amount} {unit} euros", f"£{amount} {unit}"])

    def _date_abs(self) -> str:
        day = self.published - dt.timedelta(days=self.rng.randint(-40, 400))
        return self.rng.choice([f"{MONTHS[day.month - 1]} {day.day}, {day.year}",
                                f"{day.day} {MONTHS[day.month - 1]} {day.year}"])

    def slots(self) -> dict:
        rng, t = self.rng, self.topic
        p = rng.sample(self.people, 2)
        c = rng.sample(self.cities, 2)
        k = rng.sample(self.countries, 2)
        o = rng.sample(self.orgs, 2)
        thing = rng.choice(t["thing"])
        year = self.published.year
        act = rng.choice(t["act"])
        return {
            "Person": p[0], "Person2": p[1], "FirstName": rng.choice(FIRST),
            "City": c[0], "City2": c[1], "CITY_OF": rng.choice([f"{c[0]}'s", f"The {k[0]}"]),
            "Country": k[0][0].upper() + k[0][1:], "Country2": k[1],
            "org": o[0], "org2": o[1], "Org": o[0][0].upper() + o[0][1:], "Org2": o[1][0].upper() + o[1][1:],
            "role": rng.choice(ROLES), "say": rng.choice(SAY),
            "act": act, "act_past": {"cut": "cuts", "raise": "raises", "freeze": "freezes"}.get(
                act, act + ("s" if not act.endswith("s") else "")),
            "thing": thing, "thing_bare": thing.replace("the ", "", 1),
            "measure": rng.choice(t["measure"]), "measure2": rng.choice(t["measure"]),
            "place_kind": rng.choice(t["place_kind"]),
            "money": self._money(), "money2": self._money(),
            "money_small": self._money(True), "money_small2": self._money(True),
            "pct": f"{rng.randint(2, 60)}{rng.choice(['', '.5'])}{rng.choice([' percent', '%'])}",
            "pct_small": f"{rng.randint(1, 4)}.{rng.randint(1, 9)} percent",
            "count": f"{rng.randint(2, 95):,}" if rng.random() < .3 else f"{rng.randint(1000, 99000):,}",
            "count2": f"{rng.randint(100, 9000):,}", "count_unit": rng.choice(
                ["households", "applications", "vehicles", "tonnes", "beds"]),
            "crowd": f"{rng.randint(5, 80) * 1000:,}", "crowd2": f"{rng.randint(81, 200) * 1000:,}",
            "deaths": rng.choice(["two", "three", "five", "seven", "11", "14"]),
            "area": rng.choice([f"{rng.randint(20, 900)} square kilometres",
                                f"{rng.randint(500, 9000):,} hectares",
                                f"{rng.randint(10, 400)} square miles"]),
            "distance": rng.choice([f"{rng.randint(12, 480)} kilometres",
                                    f"{rng.randint(8, 300)} miles"]),
            "n_small": rng.choice(["two", "three", "four", "five", "six"]),
            "age": rng.randint(24, 81), "weekday": rng.choice(WEEKDAYS),
            "month": rng.choice(MONTHS), "day": rng.randint(1, 28),
            "year_prev": year - 1, "year_old": year - rng.randint(3, 15),
            "year_next": year + rng.randint(1, 3), "date_abs": self._date_abs(),
            "rel_time": rng.choice(["a day", "two days", "a week", "hours"]),
            "time_of_day": rng.choice(["noon", "midnight", "6 p.m.", "dawn"]),
        }

    def fill(self, template: str) -> str:
        return template.format(**self.slots())


def _article(rng: random.Random, index: int, lo: int, hi: int) -> dict:
    topic = rng.choice(sorted(TOPICS))
    published = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randint(0, 700))
    comp = Composer(rng, topic, published)
    target = rng.randint(lo, hi)
    title = comp.fill(rng.choice(HEADLINES))
    paragraphs: list[str] = []
    words = 0
    order = rng.sample(PARAGRAPHS, len(PARAGRAPHS))
    while words < target:
        if not order:
            order = rng.sample(PARAGRAPHS, len(PARAGRAPHS))
        para = comp.fill(order.pop())
        if paragraphs and rng.random() < 0.08:
            paragraphs.append(comp.fill(rng.choice(SUBHEADINGS)))
        paragraphs.append(para)
        words += len(para.split())
    return {"name": f"{index:03d}_{topic}", "title": title, "published": published.isoformat(),
            "text": "\n".join(paragraphs) + "\n"}


def news_articles(n: int = 200, *, seed: int = SEED, min_words: int = 500,
                  max_words: int = 900) -> list[dict]:
    """``n`` invented news articles: dicts with name, title, published, text."""
    rng = random.Random(seed)
    return [_article(rng, i, min_words, max_words) for i in range(n)]


def long_article(words: int = 50_000, *, seed: int = SEED + 1) -> str:
    """One long report of about ``words`` words: sections under sub-headings."""
    rng = random.Random(seed)
    parts: list[str] = []
    count = 0
    i = 0
    while count < words:
        art = _article(rng, i, 400, 700)
        heading = art["title"]
        body = art["text"]
        parts.append(heading + "\n" + body)
        count += len(heading.split()) + len(body.split())
        i += 1
    text = "\n".join(parts)
    # trim to the last full paragraph at or past the target
    return text.rstrip() + "\n"


def write_corpus(folder, n: int = 200, *, seed: int = SEED) -> list[Path]:
    """Write ``n`` articles to ``folder`` as ``NNN_topic.txt`` + ``.meta.json``."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for art in news_articles(n, seed=seed):
        path = folder / f"{art['name']}.txt"
        path.write_text(art["text"], encoding="utf-8")
        (folder / f"{art['name']}.meta.json").write_text(
            json.dumps({"title": art["title"], "published": art["published"]}), encoding="utf-8")
        paths.append(path)
    return paths


if __name__ == "__main__":  # a quick look: python benchmarks/corpus.py
    sample = news_articles(3)
    for art in sample:
        print(art["title"], "|", art["published"], "|", len(art["text"].split()), "words")
        print(art["text"][:600], "…\n")
