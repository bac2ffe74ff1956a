"""The content vocabularies of the policy rules, per language, and one pass that finds them all.

The words live in data files, one per language (`shared/policy/lexicons/<lang>.json`), plus the
third-party marks (`lexicons/marks.json`); this module only loads and matches them. Every phrase of a
language (its own, the English ones ads mix in, and the marks) goes into one Aho-Corasick automaton,
so a text is scanned once whatever the number of phrases; the rules then read the hits by category.

Matching is script-aware. Around a phrase edge that is a Latin (or Greek, Cyrillic) letter or a
digit, the neighbouring character must not be one, so "bet" is not found in "alphabet"; an edge in
a script written without spaces (Japanese, Korean, Chinese) needs no boundary, so "SPOTIFY" is found
in "SPOTIFY에서" and "무료 다운로드" in "무료 다운로드로". A phrase written with a leading or trailing
`*` may start or end inside a word ("*wetten" finds "Sportwetten").
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any, NamedTuple

import ahocorasick

# Beside the package's source (this module may be loaded compiled from elsewhere: shared/compiled.py).
LEXICONS = Path(sys.modules["shared.policy"].__file__ or "").with_name("lexicons")
LANGUAGES = ("en", "fr", "de", "es", "pt", "it", "ja", "ko")
# Categories found by the automaton (the others are read directly: merch words only next to a
# "fake", dangling words at the end of a text, promotional words in a display path...).
SCANNED = (
    "counterfeit",
    "counterfeit_weak",
    "piracy",
    "gambling",
    "contest",
    "click_to_win",
    "interaction",
    "prize",
    "than_marker",
    "superior",
    "clickbait",
    "superlative",
    "comparison",
    "benign",
    "generic_cta",
    "tickets",
    "resale",
    "placeholder",
    "download",
    "free_word",
    "phone_words",
)
# English phrases are matched in every language too: ads in other languages borrow them
# ("Tickets", "Sold out", "Free Download").
BORROWED = frozenset(SCANNED) - {"benign", "free_word", "phone_words"}


class Hit(NamedTuple):
    category: str
    start: int
    end: int
    term: str  # the phrase as listed (lower case), or the mark's name for category "mark"
    kind: str = ""  # for marks: streaming service, ticket seller...


@dataclass(frozen=True, slots=True)
class _Entry:
    category: str
    term: str
    left: bool  # the start must be at a word boundary
    right: bool  # the end must be at a word boundary
    kind: str = ""
    cased: tuple[str, ...] = ()  # for case-sensitive marks: the spellings that count


@lru_cache(maxsize=256)
def supported(language: str) -> str:
    """The vocabulary to use for a language code ("pt-BR" -> "pt"; unknown -> "en")."""
    code = (language or "en").lower()[:2]
    return code if code in LANGUAGES else "en"


@cache
def lexicon(language: str) -> dict[str, Any]:
    with open(LEXICONS / f"{supported(language)}.json", encoding="utf-8") as fh:
        return json.load(fh)


@cache
def marks() -> tuple[dict[str, Any], ...]:
    with open(LEXICONS / "marks.json", encoding="utf-8") as fh:
        return tuple(json.load(fh)["marks"])


@cache
def marks_of_kind(kind: str) -> tuple[str, ...]:
    """The marks of one kind ("streaming service", "ticket seller"...), in the file's order."""
    return tuple(m["name"] for m in marks() if m["kind"] == kind)


@cache
def mark_styling() -> dict[str, str]:
    """Lower-case mark -> the owner's spelling when that spelling is all capitals (TIDAL, AXS)."""
    return {m["name"].lower(): m["styling"] for m in marks() if m.get("styling")}


def wordish(ch: str) -> bool:
    """A letter or digit of a script written with spaces between words (below U+2E80, where the
    CJK blocks start; Hangul and kana lie above it)."""
    return ch < "\u2e80" and ch.isalnum()


def _elided(low: str, i: int) -> bool:
    """An apostrophe that continues the word (won't, l'album): the phrase does not end there."""
    return low[i] == "'" and i + 1 < len(low) and low[i + 1].isalpha()


def fold(text: str) -> str:
    """Lower case with the same length as the text (so hit offsets index the original), curly
    apostrophes straightened and non-breaking spaces made plain."""
    low = text.lower()
    if len(low) != len(text):  # a few characters (İ) lower-case to two
        low = "".join(c.lower()[:1] or c for c in text)
    if "’" in low or "\u00a0" in low:
        low = low.replace("’", "'").replace("\u00a0", " ")
    return low


def _entry(category: str, phrase: str, kind: str = "", cased: tuple[str, ...] = ()) -> tuple[str, _Entry]:
    left, right = not phrase.startswith("*"), not phrase.endswith("*")
    key = fold(phrase.strip("*"))
    return key, _Entry(category, key, left and wordish(key[0]), right and wordish(key[-1]), kind, cased)


@cache
def automaton(language: str) -> ahocorasick.Automaton:
    lang = supported(language)
    table: dict[str, list[_Entry]] = {}
    sources = [(lang, SCANNED)] + ([("en", tuple(BORROWED))] if lang != "en" else [])
    for source, categories in sources:
        data = lexicon(source)
        for category in categories:
            for phrase in data.get(category, ()):
                key, entry = _entry(category, phrase)
                if key and entry not in table.setdefault(key, []):
                    table[key].append(entry)
    for m in marks():
        spellings = (m["name"], *m.get("also", ()))
        for name in spellings:
            cased = spellings if m.get("cased") else ()
            key, entry = _entry("mark", name, m["kind"], cased)
            entry = _Entry("mark", m["name"], entry.left, entry.right, m["kind"], cased)
            if entry not in table.setdefault(key, []):
                table[key].append(entry)
    auto = ahocorasick.Automaton()
    for key, entries in table.items():
        auto.add_word(key, (len(key), tuple(entries)))
    auto.make_automaton()
    return auto


def find_hits(text: str, language: str) -> tuple[Hit, ...]:
    """Every vocabulary phrase and mark in the text, in order of position (not memoised: for a
    caller that memoises its own result, such as the screen of never-seen texts)."""
    low = fold(text)
    auto = automaton(language)
    out: list[Hit] = []
    n = len(low)
    for end, (length, entries) in auto.iter(low):
        start = end - length + 1
        for e in entries:
            if e.left and start > 0 and wordish(low[start - 1]):
                continue
            if e.right and end + 1 < n and (wordish(low[end + 1]) or _elided(low, end + 1)):
                continue  # "you won" is not in "you won't"
            if e.cased and text[start : end + 1] not in e.cased:
                continue
            out.append(Hit(e.category, start, end + 1, e.term, e.kind))
    if len(out) > 1:
        out.sort(key=lambda h: (h.start, -h.end))
    return tuple(out)


# The rules read the hits of a text several times (and of the same text across re-checks).
scan = lru_cache(maxsize=1 << 16)(find_hits)


def by_category(hits: tuple[Hit, ...], category: str) -> list[Hit]:
    return [h for h in hits if h.category == category]


def covered(hit: Hit, others: list[Hit]) -> bool:
    """Whether another hit spans this one (a benign phrase around a trigger word)."""
    return any(o.start <= hit.start and hit.end <= o.end and o is not hit for o in others)


@cache
def word_set_of(language: str, category: str) -> frozenset[str]:
    """A category read as a set of lower-case words or phrases (merch words, dangling words...)."""
    return frozenset(fold(w) for w in lexicon(language).get(category, ()))


@cache
def phrase_pattern(language: str, category: str) -> re.Pattern[str] | None:
    """A category as one regex of whole phrases, for the few categories read on demand."""
    words = sorted(word_set_of(language, category), key=len, reverse=True)
    if not words:
        return None
    alts = "|".join(re.escape(w) for w in words)
    if language in ("ja", "ko"):
        return re.compile(f"(?:{alts})", re.IGNORECASE)
    return re.compile(rf"(?<![^\W_\u2e80-\uffff])(?:{alts})(?![^\W_\u2e80-\uffff])", re.IGNORECASE)


@cache
def allowed_caps(language: str) -> frozenset[str]:
    """Words written in capitals by convention in this language (plus the English list, which
    holds the music formats, units and time zones every language uses)."""
    own = lexicon(language).get("caps", ())
    return frozenset(w.upper() for w in (*own, *lexicon("en")["caps"]))


@cache
def abbreviation_pattern(language: str) -> re.Pattern[str] | None:
    """The language's abbreviations written with dots or spaces (EE. UU., z. B., S.p.A.), matched
    as written: they are masked before the capitalization, spacing and symbol rules."""
    own = lexicon(language).get("abbreviations", ())
    items = sorted(set(own) | set(lexicon("en")["abbreviations"]), key=len, reverse=True)
    if not items:
        return None
    alts = "|".join(re.escape(a) for a in items)
    return re.compile(rf"(?<![^\W_])(?:{alts})(?![^\W_])")
