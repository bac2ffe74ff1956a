"""The offline writer's phrasebooks, one data file per language (`marketing/phrasebooks/<lang>.toml`),
and the grammar that fills their frames: elision and contractions at the seams where a fact meets the
frame ("de Aldebert" -> "d'Aldebert", "de Les Rita Mitsouko" -> "des Rita Mitsouko"), the release type
with its gender already inflected by the phrasebook ("un album", "une chanson", "ein Album", "eine
Single"), localised place names (CLDR via babel: Brussels -> Bruxelles / Brüssel / Bruselas) and dates,
and the language's typography (shared.typography).

A frame is a string with {placeholders}; `fill` returns None when a fact it needs is missing, so a
frame can only ever say what the research found."""

from __future__ import annotations

import re
import tomllib
import zoneinfo
from datetime import date
from functools import cache, lru_cache
from importlib import resources
from typing import Any

from babel import Locale
from babel.dates import format_date

from shared.typography import typeset

PLACEHOLDER = re.compile(r"\{([\w.]+)\}")
_SEAM = "\x01"  # marks where a value starts inside a filled frame, for the elision pass
# Placeholders filled with the phrasebook's own phrases (never a name): capitalised at a sentence start.
_PHRASES = frozenset({"n", "g", "cta", "cta2", "ev", "x"})


@cache
def available() -> tuple[str, ...]:
    root = resources.files("marketing") / "phrasebooks"
    return tuple(sorted(p.name[:-5] for p in root.iterdir() if p.name.endswith(".toml")))


@cache
def load(lang: str) -> dict[str, Any]:
    path = resources.files("marketing") / "phrasebooks" / f"{lang}.toml"
    return tomllib.loads(path.read_text(encoding="utf-8"))


# ---------------------------------------------------------------- places and dates


@lru_cache(maxsize=1)
def _city_zones() -> dict[str, str]:
    """English city name (lower-case) -> IANA zone, from the zone ids and CLDR's English exemplars."""
    out: dict[str, str] = {}
    en = Locale.parse("en").time_zones
    try:
        zones = zoneinfo.available_timezones()
    except Exception:  # no tz database: localised city names fall back to the phrasebook's table
        zones = set()
    for zone in zones:
        if "/" not in zone or zone.startswith(("Etc/", "SystemV/")):
            continue
        out.setdefault(zone.rsplit("/", 1)[1].replace("_", " ").lower(), zone)
    for zone, info in en.items():
        if info.get("city"):
            out[info["city"].lower()] = zone
    return out


@lru_cache(maxsize=4096)
def place(name: str, lang: str) -> str:
    """The city or country as the language writes it; unknown places are kept as given."""
    book = load(lang) if lang in available() else {}
    override = book.get("places", {}).get(name)
    if override:
        return override
    loc = Locale.parse(lang)
    zone = _city_zones().get(name.lower())
    if zone:
        city = loc.time_zones.get(zone, {}).get("city")
        if city:
            return city
    en_territories = {v.lower(): k for k, v in Locale.parse("en").territories.items()}
    code = en_territories.get(name.lower())
    if code and code in loc.territories and len(code) == 2:
        return loc.territories[code]
    return name


def long_date(iso: str | None, lang: str) -> str | None:
    """'2026-12-05' -> '5 décembre' / '5. Dezember' / 'December 5' (no year: ads run for weeks)."""
    if not iso:
        return None
    try:
        day = date.fromisoformat(iso[:10])
    except ValueError:
        return None
    pattern = load(lang).get("grammar", {}).get("date_format", "d MMMM")
    return format_date(day, pattern, locale=lang)


# ---------------------------------------------------------------- genres


def genre(raw: str, lang: str) -> str | None:
    """A source's genre string in the campaign's language; None when the phrasebook has no word for
    it and it is not an international term (better no genre than English left in French copy)."""
    book = load(lang)
    key = raw.strip().lower()
    table = book.get("genres", {})
    if key in table:
        return table[key] or None
    if lang == "en":
        return key
    international = set(book.get("international_genres", [])) | set(
        load("en").get("international_genres", [])
    )
    if key not in international:
        return None
    if book.get("grammar", {}).get("capitalise_nouns"):  # German: "Black Metal", "Techno"
        return " ".join(w[:1].upper() + w[1:] for w in key.split())
    return key


# ---------------------------------------------------------------- filling frames


def _elide(text: str, book: dict[str, Any]) -> str:
    grammar = book.get("grammar", {})
    words = grammar.get("elide", [])
    if words:
        vowels = grammar.get("vowels", "aeiouyàâäéèêëîïôöùûüœæAEIOUYÀÂÄÉÈÊËÎÏÔÖÙÛÜŒÆ")
        pattern = re.compile(rf"(?<![\w'])({'|'.join(map(re.escape, words))}) {_SEAM}(?=[{vowels}])", re.I)
        text = pattern.sub(lambda m: m.group(1)[:-1] + "'" + _SEAM, text)
    return text.replace(_SEAM, "")


def fill(frame: str, values: dict[str, str], book: dict[str, Any]) -> str | None:
    """The frame with every placeholder filled, or None if one has no value."""
    missing = False

    def repl(m: re.Match[str]) -> str:
        nonlocal missing
        value = values.get(m.group(1))
        if not value:
            missing = True
            return ""
        # A phrase of the phrasebook (never a name) that opens a sentence starts with a capital:
        # "Heart. Ritmo, calor y baile..." rather than "Heart. ritmo...".
        before = frame[: m.start()].rstrip(" ")
        phrase = m.group(1) in _PHRASES or m.group(1).startswith("k.")
        if phrase and (not before or before.endswith((".", "?", "!"))):
            value = value[:1].upper() + value[1:]
        return _SEAM + value

    text = PLACEHOLDER.sub(repl, frame)
    if missing:
        return None
    text = _contract(text, book)
    return _elide(text, book)


def _contract(text: str, book: dict[str, Any]) -> str:
    """Preposition + the name's own article: contract pairs are written "de |Les " -> "des "."""
    for pair in book.get("grammar", {}).get("contract", []):
        before, after = pair
        prep, _, article = before.partition("|")
        text = re.sub(
            rf"(?<![\w']){re.escape(prep)}{_SEAM}{re.escape(article)}",
            lambda _m, after=after: after + _SEAM,
            text,
        )
    return text


def sentence_start(text: str, protected: tuple[str, ...]) -> str:
    """Upper-case the first letter unless the text starts with a name spelled lower-case on purpose."""
    if not text or any(p and text.startswith(p) for p in protected):
        return text
    # Only a text that starts with a word ("0–3 s" stays as it is); ¿ ¡ « „ may come first.
    i = next((n for n, c in enumerate(text) if c not in "¿¡«„“\"' \u00a0"), None)
    if i is None or not text[i].isalpha():
        return text
    return text[:i] + text[i].upper() + text[i + 1 :]


def finish(text: str, lang: str, protected: tuple[str, ...]) -> str:
    return typeset(sentence_start(text, protected), lang, protected)
