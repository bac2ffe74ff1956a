"""The artist's and the release's names are sacred: one home for what a brand term is, how a fan types
it, and where it sits in a piece of text. Pure functions, no I/O.

Used by the fixer (never rewrite a brand span), the keyword builder (searchable variants), the claims
ledger and the campaigns bench (brand-name damage). A *brand term* is a name exactly as the marketer
gave it (`P!nk`, `MØ`, `AC/DC`, `ÁTTA`); its *searchable variants* are what fans type into Google
(`pink`, `mo`, `acdc` / `ac dc`, `atta`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

# Letters NFKD does not decompose into base + accent: fold them by hand (the Latin letters search
# engines treat as their plain forms).
_LETTER_FOLDS = {
    "ø": "o",
    "Ø": "O",
    "æ": "ae",
    "Æ": "AE",
    "œ": "oe",
    "Œ": "OE",
    "ß": "ss",
    "đ": "d",
    "Đ": "D",
    "ł": "l",
    "Ł": "L",
    "þ": "th",
    "Þ": "Th",
    "ð": "d",
    "Ð": "D",
    "ı": "i",
}
_FOLD_TABLE = str.maketrans(_LETTER_FOLDS)

# Symbols stylised names use in place of a letter, and the letter fans type instead (P!nk, Ke$ha,
# A$AP, Mo$h). Only between or before letters: "Panic! at the Disco" keeps no "i".
_LEET = {"!": "i", "$": "s", "@": "a"}
_LEET_RE = re.compile(r"(?<=\w)([!$@])(?=\w)|(?<![\w])(\$)(?=\w)")

_WORD_JOINERS = re.compile(r"[/\-–—.·•_']")  # AC/DC, blink-182, t.A.T.u., Guns N' Roses
_NON_WORD = re.compile(r"[^\w\s]", re.UNICODE)
_SPACES = re.compile(r"\s+")

HANGUL_START, HANGUL_END = 0xAC00, 0xD7A3
# Revised Romanization of Korean: initial, medial and final jamo of a precomposed syllable.
_RR_INITIAL = [
    "g",
    "kk",
    "n",
    "d",
    "tt",
    "r",
    "m",
    "b",
    "pp",
    "s",
    "ss",
    "_",
    "j",
    "jj",
    "ch",
    "k",
    "t",
    "p",
    "h",
]
_RR_MEDIAL = [
    "a",
    "ae",
    "ya",
    "yae",
    "eo",
    "e",
    "yeo",
    "ye",
    "o",
    "wa",
    "wae",
    "oe",
    "yo",
    "u",
    "wo",
    "we",
    "wi",
    "yu",
    "eu",
    "ui",
    "i",
]
_RR_FINAL = ["", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m", "p", "p"]
_RR_FINAL += ["t", "t", "ng", "t", "t", "k", "t", "p", "t"]


def fold(text: str) -> str:
    """Accents and special letters folded, case folded: `Sigur Rós` -> `sigur ros`, `MØ` -> `mo`."""
    text = unicodedata.normalize("NFKD", text.translate(_FOLD_TABLE))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", text).casefold()


def has_hangul(text: str) -> bool:
    return any(HANGUL_START <= ord(ch) <= HANGUL_END for ch in text)


def romanize_hangul(text: str) -> str:
    """Revised Romanization, syllable by syllable (no sound-change rules): `방탄소년단` ->
    `bangtansonyeondan`. Characters that are not Hangul syllables pass through."""
    out = []
    for ch in text:
        code = ord(ch) - HANGUL_START
        if not 0 <= code <= HANGUL_END - HANGUL_START:
            out.append(ch)
            continue
        initial, rest = divmod(code, 21 * 28)
        medial, final = divmod(rest, 28)
        lead = _RR_INITIAL[initial]
        out.append(("" if lead == "_" else lead) + _RR_MEDIAL[medial] + _RR_FINAL[final])
    return "".join(out)


def _clean(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


@lru_cache(maxsize=4096)
def searchable_variants(name: str) -> tuple[str, ...]:
    """What a fan types for a stylised name, most faithful first, lower case, de-duplicated. The
    name itself (lower-cased) comes first when Google Ads accepts its characters in a keyword.

    `P!nk` -> (`pink`,); `AC/DC` -> (`acdc`, `ac dc`); `Sigur Rós` -> (`sigur rós`, `sigur ros`);
    `방탄소년단` -> (`방탄소년단`, `bangtansonyeondan`); `Florence + the Machine` ->
    (`florence the machine`, `florence and the machine`)."""
    name = _clean(name)
    if not name:
        return ()
    out: list[str] = []

    def add(v: str) -> None:
        v = _clean(v).casefold()
        # "t a t u" is no way anyone types t.A.T.u.: a run of one-letter words is noise.
        if sum(len(tok) == 1 for tok in v.split()) >= 3:
            return
        if v and v not in out and keyword_safe(v):
            out.append(v)

    # The name as given, when every character is allowed in a keyword (accents and Hangul are).
    add(name)
    leet = _LEET_RE.sub(lambda m: _LEET[m.group(1) or m.group(2)], name)
    # A symbol standing for a letter is read as that letter (P!nk -> pink), never dropped ("p nk").
    joined = _WORD_JOINERS.sub("", leet)  # acdc, blink182, tatu
    spaced = _WORD_JOINERS.sub(" ", leet)  # ac dc, blink 182 (not "t a t u": one-letter runs)
    forms = [leet, joined]
    if all(len(tok) > 1 for tok in spaced.split()):
        forms.append(spaced)
    for form in forms:
        for v in (
            _NON_WORD.sub(" ", form.replace("&", " and ").replace("+", " and ")),
            _NON_WORD.sub(" ", form.replace("&", " ").replace("+", " ")),
        ):
            add(v)
            add(fold(v))
    if has_hangul(name):
        add(romanize_hangul(name))
    return tuple(out)


# Characters Google Ads refuses in keyword text (KEYWORD_HAS_INVALID_CHARS): ! @ % , ^ * = { } ; ~ ` < > ? \ |
_KEYWORD_INVALID = set("!@%,^*={};~`<>?\\|")


def keyword_safe(text: str) -> bool:
    return bool(text.strip()) and not any(ch in _KEYWORD_INVALID for ch in text)


def _term_pattern(term: str) -> re.Pattern[str]:
    # A term matches as a whole word: "Queen" in "Queen tour" but not in "Queens"; symbols at the
    # term's edges (P!nk, "!!!") need no word boundary there.
    left = r"(?<!\w)" if term[:1].isalnum() else ""
    right = r"(?!\w)" if term[-1:].isalnum() else ""
    return re.compile(left + re.escape(term) + right, re.IGNORECASE)


@lru_cache(maxsize=4096)
def _pattern(term: str) -> re.Pattern[str]:
    return _term_pattern(term)


def brand_terms(artist: str, release: str | None = None, extra: Iterable[str] = ()) -> list[str]:
    """The names as given, never to be rewritten: artist, release, then any others (aliases, a
    Hangul name). Blank and duplicate (case-insensitive) entries are dropped; order kept."""
    out: list[str] = []
    seen: set[str] = set()
    for term in (artist, release, *extra):
        term = _clean(term or "")
        if term and term.casefold() not in seen:
            seen.add(term.casefold())
            out.append(term)
    return out


def spans(text: str, terms: Iterable[str]) -> list[tuple[int, int]]:
    """(start, end) of every brand term in `text`, longest terms first, non-overlapping, sorted.
    The fixer leaves these characters exactly as they are."""
    taken: list[tuple[int, int]] = []
    for term in sorted({t for t in terms if t}, key=len, reverse=True):
        for m in _pattern(term).finditer(text):
            if not any(m.start() < e and s < m.end() for s, e in taken):
                taken.append((m.start(), m.end()))
    return sorted(taken)


def mentions(text: str, term: str) -> bool:
    """Does `text` name `term` as given (case-insensitive)? A folded spelling counts too (`Sigur Ros`
    for `Sigur Rós`), because a headline may have lost an accent the font lacks, never a letter."""
    if not term:
        return False
    if _pattern(term).search(text):
        return True
    folded = fold(term)
    return bool(folded) and bool(_pattern(folded).search(fold(text)))


def names_any(text: str, terms: Iterable[str]) -> bool:
    return any(mentions(text, t) for t in terms)


def damaged(before: str, after: str, terms: Iterable[str]) -> list[str]:
    """Brand terms present as given in `before` and no longer in `after`: what a rewrite broke."""
    return [t for t in terms if _pattern(t).search(before) and not _pattern(t).search(after)]


def carries_name(keyword: str, terms: Iterable[str]) -> bool:
    """Does a keyword contain a brand term or one of its searchable variants (whole words)?"""
    kw = fold(keyword)
    for term in terms:
        for variant in (term, *searchable_variants(term)):
            v = fold(variant)
            if v and _pattern(v).search(kw):
                return True
    return False
