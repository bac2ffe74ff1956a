"""Keywords with match types, validated the way the Google Ads API validates them (at most 80
characters and 10 words, no invalid characters, no broad-match modifier), deduplicated the way
Google matches them (case, "." and "-" ignored), plus the negatives that keep the budget off
pirates and freeloaders."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from shared.models import Keyword
from shared.policy.ad_format import KEYWORD_MAX_CHARS as MAX_CHARS
from shared.policy.ad_format import KEYWORD_MAX_WORDS as MAX_WORDS

# Characters Google rejects in keyword text (KEYWORD_HAS_INVALID_CHARS).
INVALID = re.compile(r"[,!@%^()={};~`<>?\\|*]")
# Pirates and freeloaders: searches that never buy a ticket, a record or a stream.
CAMPAIGN_NEGATIVES = (
    "free download",
    "download free",
    "mp3",
    "mp3 download",
    "torrent",
    "free mp3",
    "zip",
    "rar",
    "leak",
    "leaked",
    "crack",
    "youtube to mp3",
    "converter",
    "320kbps",
    "flac download",
    "ringtone",
    "karaoke",
    "free tickets",
)
THEME_NEGATIVES: dict[str, tuple[str, ...]] = {
    "brand": ("tribute band", "cover band"),
    "tickets": ("free", "giveaway", "scam"),
    "merch": ("replica", "fake", "knock off", "free"),
    "similar_artists": ("tribute band",),
}


class InvalidKeyword(ValueError):
    pass


def parse(text: str, default: str = "phrase") -> Keyword:
    """Editor/UI syntax: "phrase", [exact], plain broad. A leading "+" (the retired broad-match
    modifier) is dropped: the API rejects new BMM keywords."""
    t = text.strip()
    match = default
    if len(t) >= 2 and t[0] == "[" and t[-1] == "]":
        t, match = t[1:-1], "exact"
    elif len(t) >= 2 and t[0] == '"' and t[-1] == '"':
        t, match = t[1:-1], "phrase"
    t = re.sub(r"(?:(?<=\s)|^)\+(?=\w)", "", t)
    return Keyword(text=t, match_type=match)  # type: ignore[arg-type]


def clean(text: str) -> str:
    """Lower-case, invalid characters replaced by spaces, single spaces."""
    return (
        re.sub(r"\s+", " ", INVALID.sub(" ", text.replace('"', " ").replace("[", " ").replace("]", " ")))
        .strip()
        .lower()
    )


def validate(kw: Keyword) -> str | None:
    """Why Google would reject the keyword, or None."""
    if not kw.text.strip():
        return "empty keyword"
    if len(kw.text) > MAX_CHARS:
        return f"longer than {MAX_CHARS} characters"
    if len(kw.text.split()) > MAX_WORDS:
        return f"more than {MAX_WORDS} words"
    if INVALID.search(kw.text) or any(ord(c) < 32 for c in kw.text):
        return "contains characters Google does not accept in keywords"
    if re.search(r"(?:^|\s)\+\w", kw.text):
        return "broad match modifier (+word) is retired"
    return None


def match_key(kw: Keyword) -> tuple[str, str]:
    """Google ignores case, "." and "-" when matching ("T-rex" = "t rex")."""
    return re.sub(r"[\s.\-]+", " ", kw.text.lower()).strip(), kw.match_type


def build(
    items: Iterable[str | Keyword | dict[str, Any]], negatives: Iterable[str] = ()
) -> tuple[list[Keyword], list[str]]:
    """(valid, deduplicated keywords; what was dropped and why). Keywords that contain a negative
    term are dropped too: they would only ever block themselves."""
    neg = [n.lower() for n in negatives]
    out: dict[tuple[str, str], Keyword] = {}
    dropped: list[str] = []
    for item in items:
        kw = (
            item
            if isinstance(item, Keyword)
            else Keyword.model_validate(item)
            if isinstance(item, dict)
            else parse(item)
        )
        kw = Keyword(text=clean(kw.text), match_type=kw.match_type)
        problem = validate(kw)
        if problem:
            dropped.append(f"{kw.text!r}: {problem}")
            continue
        padded = f" {kw.text} "
        if any(f" {n} " in padded for n in neg):
            dropped.append(f"{kw.text!r}: matches a negative keyword")
            continue
        out.setdefault(match_key(kw), kw)
    return list(out.values()), dropped


def negatives_for(theme: str, other_themes: Iterable[str] = ()) -> list[Keyword]:
    return [Keyword(text=t, match_type="phrase") for t in THEME_NEGATIVES.get(theme, ())]


def campaign_negatives() -> list[Keyword]:
    return [Keyword(text=t, match_type="phrase") for t in CAMPAIGN_NEGATIVES]


# ---------------------------------------------------------------- keywords a specialist would keep
#
# Every keyword carries the artist's name (a searchable variant of it), the release's, or a verified
# tour stop/venue next to the artist's name; no single generic word; one ad group per keyword within a
# Google Ads campaign (the other groups of that campaign get it as an exact negative, so a query
# reaches the group written for it); negatives for names that mean something else.

# An artist whose name is a common word (Queen, Pink, Kiss) or a place (Chicago, Boston) shares its
# searches with everything else of that name. Thresholds on wordfreq's Zipf scale (log10 of uses per
# billion words): 3.8 is a word people use every day ("queen" 4.9, "tool" 4.6); from 2.0 a name lives
# outside music too (a person, a film, a brand: "bathory" 2.1); a made-up name scores 0.
COMMON_WORD_ZIPF = 3.8
NAMESAKE_ZIPF = 2.0
WORD_LANGS = ("en", "fr", "de", "es", "pt", "it")
NEGATIVES_BY_SENSE: dict[str, tuple[str, ...]] = {
    # Searches for the word, not the artist.
    "word": (
        "definition",
        "meaning",
        "synonym",
        "dictionary",
        "translate",
        "translation",
        "pronunciation",
        "crossword",
        "spelling",
        "clipart",
        "emoji",
        "costume",
        "diy",
    ),
    # Searches for the place.
    "place": (
        "weather",
        "hotel",
        "hotels",
        "flights",
        "airport",
        "map",
        "news",
        "restaurants",
        "jobs",
        "real estate",
        "apartments",
        "things to do",
        "population",
        "time zone",
        "zip code",
        "university",
        "county",
        "downtown",
        "police",
        "tourism",
    ),
    # Searches for another famous bearer of the name (a person, a film, a book).
    "namesake": ("history", "biography", "documentary", "movie", "film", "book", "novel", "wiki"),
}
# Qualifiers that make an ambiguous name mean the artist in a keyword.
MUSIC_QUALIFIERS: dict[str, tuple[str, ...]] = {
    "en": ("band", "music", "songs", "album"),
    "fr": ("groupe", "musique", "chansons", "album"),
    "de": ("band", "musik", "songs", "album"),
    "es": ("banda", "musica", "canciones", "album"),
    "pt": ("banda", "musica", "musicas", "album"),
    "it": ("band", "musica", "canzoni", "album"),
}
THEME_SUFFIXES: dict[str, tuple[str, ...]] = {
    "brand": ("", "music", "songs", "albums"),
    "release": (),  # built from the release and the top tracks
    "similar_artists": ("similar artists", "artists like", "bands like", "if you like"),
    "genre_trend": (),  # built from the genres
    "tickets": ("tickets", "tour", "concert", "live", "tour dates", "concert tickets"),
    "merch": ("merch", "merchandise", "store", "shop"),
    "presave": ("presave", "pre save", "new album", "new single", "release date"),
    "followers": ("spotify", "youtube", "follow", "official channel", "instagram"),
}
FORMAT_WORDS = {"vinyl": "vinyl", "cd": "cd", "apparel": "shirt", "poster": "poster", "box_set": "box set"}


def _zipf(text: str) -> float:
    from wordfreq import zipf_frequency

    return max(zipf_frequency(text, lang) for lang in WORD_LANGS)


def ambiguity(name: str) -> list[str]:
    """What else the name means: "word", "place", "namesake" (empty: the name is the artist's own).
    From data: wordfreq's word frequencies and GeoNames' places (shared/places.py)."""
    from shared import brand as brand_mod
    from shared import places

    senses: list[str] = []
    variants = brand_mod.searchable_variants(name) or (brand_mod.fold(name),)
    plain = variants[-1] if len(variants[-1].split()) == 1 else variants[0]
    words = plain.split()
    z = _zipf(plain) if len(words) == 1 else _zipf(plain) - 1.0  # phrases: wordfreq multiplies words
    if len(plain) <= 3 or z >= COMMON_WORD_ZIPF:
        senses.append("word")
    if places.is_place_name(plain):
        senses.append("place")
    if not senses and len(words) == 1 and z >= NAMESAKE_ZIPF:
        senses.append("namesake")
    return senses


def ambiguity_negatives(name: str, languages: Iterable[str] = ("en",)) -> list[Keyword]:
    senses = ambiguity(name)
    out = [Keyword(text=t, match_type="phrase") for s in senses for t in NEGATIVES_BY_SENSE[s]]
    return list({k.text: k for k in out}.values())


def name_forms(name: str) -> list[str]:
    """The searchable variants of a name that a keyword may be built on (shared/brand.py), valid as
    keyword text; an ambiguous name only with a music qualifier (see `anchored`)."""
    from shared import brand as brand_mod

    return [clean(v) for v in brand_mod.searchable_variants(name) if validate(Keyword(text=clean(v))) is None]


def anchored(forms: list[str], ambiguous: bool, language: str = "en") -> list[str]:
    """Keyword stems for the artist: the bare name when it is the artist's alone, else the name with
    a music qualifier ("queen band", "chicago band")."""
    if not ambiguous:
        return forms
    quals = MUSIC_QUALIFIERS.get(language, MUSIC_QUALIFIERS["en"])
    return [f"{f} {q}" for f in forms[:2] for q in quals[:2]]


def _kw(text: str, match: str = "phrase") -> Keyword | None:
    kw = Keyword(text=clean(text), match_type=match)  # type: ignore[arg-type]
    return kw if validate(kw) is None else None


def group_keywords(
    theme: str,
    goal: str,
    artist_forms: list[str],
    ambiguous: bool,
    *,
    release: str | None = None,
    tracks: Iterable[str] = (),
    genres: Iterable[str] = (),
    cities: Iterable[str] = (),
    venues: Iterable[str] = (),
    formats: Iterable[str] = (),
    language: str = "en",
) -> list[Keyword]:
    """The keyword ideas of one ad group, every one carrying the artist's (or the release's) name."""
    out: list[Keyword | None] = []
    stems = anchored(artist_forms, ambiguous, language)
    main = artist_forms[:3]  # the name as fans type it (ac/dc, ac dc, acdc), qualifiers not needed here
    release_forms = name_forms(release) if release else []
    if theme == "brand":
        for s in stems:
            out += [_kw(s, "exact"), _kw(s, "phrase")]
        for f in main:
            out += [_kw(f"{f} {suffix}") for suffix in THEME_SUFFIXES["brand"] if suffix]
    elif theme in ("release", "presave"):
        # "<release> <artist>" only for a title that means nothing else ("road queen" is noise).
        distinct = (
            bool(release) and _zipf(release_forms[0] if release_forms else release or "") < COMMON_WORD_ZIPF
        )
        for r in release_forms[:2]:
            out += [_kw(f"{f} {r}") for f in main] + ([_kw(f"{r} {f}") for f in main[:1]] if distinct else [])
        for t in list(tracks)[:4]:
            out += [_kw(f"{f} {clean(t)}") for f in main[:1]]
        if theme == "presave":
            out += [_kw(f"{f} {s}") for f in main for s in THEME_SUFFIXES["presave"]]
            out += [_kw(f"{r} presave") for r in release_forms[:1]]
        elif not release_forms:
            out += [_kw(f"{f} new album") for f in main[:1]] + [_kw(f"{f} latest album") for f in main[:1]]
    elif theme == "similar_artists":
        out += [_kw(f"{s} {f}") for f in main for s in THEME_SUFFIXES["similar_artists"][1:]]
        out += [_kw(f"{f} similar artists") for f in main]
    elif theme == "genre_trend":
        for g in list(genres)[:3]:
            out += [_kw(f"{f} {clean(g)}") for f in main[:1]]
        out += [_kw(f"{f} genre") for f in main[:1]]
    elif theme == "tickets":
        out += [_kw(f"{f} {s}") for f in main for s in THEME_SUFFIXES["tickets"]]
    elif theme.startswith("city-"):
        for c in cities:
            for f in main:
                out += [
                    _kw(f"{f} {clean(c)}"),
                    _kw(f"{f} tickets {clean(c)}"),
                    _kw(f"{f} concert {clean(c)}"),
                ]
        for v in venues:
            out += [_kw(f"{f} {clean(v)}") for f in main[:1]]
    elif theme == "merch":
        out += [_kw(f"{f} {s}") for f in main for s in THEME_SUFFIXES["merch"]]
        out += [_kw(f"{f} {FORMAT_WORDS[x]}") for f in main for x in formats if x in FORMAT_WORDS]
    elif theme == "followers":
        out += [_kw(f"{f} {s}") for f in main for s in THEME_SUFFIXES["followers"]]
    kws, _ = build([k for k in out if k is not None])
    return kws


def dedupe_campaign(
    groups: dict[str, list[Keyword]],
) -> tuple[dict[str, list[Keyword]], dict[str, list[Keyword]]]:
    """One Google Ads campaign's groups (theme -> keywords, in priority order): each keyword text
    stays in the first group that has it; every other group of the campaign gets the more specific
    keywords of its siblings that contain one of its own as exact negatives, so the query
    "<artist> tickets paris" is served by the Paris group, not the general tickets group."""
    seen: set[str] = set()
    kept: dict[str, list[Keyword]] = {}
    for theme, kws in groups.items():
        own = []
        for kw in kws:
            k = match_key(kw)[0]
            if k in seen and not any(match_key(o)[0] == k for o in own):
                continue
            seen.add(k)
            own.append(kw)
        kept[theme] = own
    negatives: dict[str, list[Keyword]] = {t: [] for t in kept}
    for theme, kws in kept.items():
        mine = {match_key(k)[0] for k in kws}
        for other, okws in kept.items():
            if other == theme:
                continue
            for kw in okws:
                text = match_key(kw)[0]
                if text not in mine and any(f" {m} " in f" {text} " for m in mine):
                    negatives[theme].append(Keyword(text=kw.text, match_type="exact"))
        negatives[theme] = list({k.text: k for k in negatives[theme]}.values())
    return kept, negatives
