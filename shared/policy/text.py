"""Text helpers the policy rules share: display width, dynamic-text resolution, normalisation for
duplicate detection, brand-term masking and a few character classes.

Kept free of any policy decision so the rules stay readable and the helpers stay fast (everything
here is called for every asset of every ad)."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple

from shared.policy.ad_format import char_width  # the double-width rule, defined once

# {KeyWord:default}, {CUSTOMIZER.attr:default}, {LOCATION(City):default}: Google serves the default
# when the inserted value does not fit, so the limit applies to the text with the default.
DYNAMIC_TAG = re.compile(r"\{([^{}:]*):([^{}]*)\}")
KEYWORD_TAG = re.compile(r"^(?:keyword|Keyword|KeyWord|KEYWord|KeyWORD|KEYWORD)$")
CUSTOMIZER_TAG = re.compile(r"^(?:CUSTOMIZER\.[\w.-]+|LOCATION\((?:City|State|Country)\))$")


def width_of(text: str) -> int:
    """Width as Google counts it, after substituting the default of any dynamic tag (not memoised:
    `display_width` is)."""
    resolved = resolve_dynamic(text)
    if resolved.isascii():
        return len(resolved)
    if _ASTRAL.search(resolved):
        return sum(char_width(c) for c in resolved)
    return len(resolved) + len(_wide_bmp().findall(resolved))


_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
display_width = lru_cache(maxsize=1 << 16)(width_of)


@lru_cache(maxsize=1)
def _wide_bmp() -> re.Pattern[str]:
    """One character class of the wide and full-width characters of the Basic Multilingual Plane,
    from the Unicode database (as `char_width`): counting them is one C-level pass."""
    parts: list[str] = []
    start = prev = -2
    for cp in range(0x1100, 0x10000):
        if 0xD800 <= cp <= 0xDFFF or char_width.__wrapped__(chr(cp)) != 2:
            continue
        if cp != prev + 1:
            if start >= 0:
                parts.append(f"{re.escape(chr(start))}-{re.escape(chr(prev))}")
            start = cp
        prev = cp
    parts.append(f"{re.escape(chr(start))}-{re.escape(chr(prev))}")
    return re.compile("[" + "".join(parts) + "]")


def resolve_dynamic(text: str) -> str:
    """The text as served when the default of each {Tag:default} is used."""
    if "{" not in text:
        return text
    return DYNAMIC_TAG.sub(lambda m: m.group(2), text)


def is_valid_dynamic(name: str) -> bool:
    return bool(KEYWORD_TAG.match(name) or CUSTOMIZER_TAG.match(name))


_DUP_STRIP = re.compile(r"[^\w]+", re.UNICODE)
# What the Unicode classes of this module mean in ASCII text, spelled as ranges: the regex engine
# tests a range in a step where a Unicode category costs a table lookup per character, and most
# assets are ASCII. (A test holds each pair equal on ASCII text.)
_DUP_STRIP_ASCII = re.compile(r"[^A-Za-z0-9_]+")


@lru_cache(maxsize=1 << 16)
def dup_key(text: str) -> str:
    """Two assets are duplicates for Google when they differ only in case, spacing or punctuation."""
    text = resolve_dynamic(text)
    if text.isascii():
        return _DUP_STRIP_ASCII.sub("", text.lower())
    return _DUP_STRIP.sub("", text.casefold())


WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)
# Words for the policy rules: a change between a spaced script (Latin, Greek, Cyrillic, digits) and
# one written without spaces (kana, Han, Hangul: U+2E80 on) ends a word, so a Latin word inside
# Japanese, a number before a counter and a name before a Korean particle are words of their own.
SCRIPT_WORD = re.compile(r"[^\W_\u2e80-\uffff]+(?:['’][^\W_\u2e80-\uffff]+)*|[^\W_\x00-\u2e7f]+")
ASCII_WORD = re.compile(r"[A-Za-z0-9]+(?:'[A-Za-z0-9]+)*")  # WORD and SCRIPT_WORD in ASCII text


# Whole-word edges that know scripts: a letter or digit of a spaced script may not touch the match,
# a kana, Han or Hangul character may ("MØ의", "SPOTIFYで": a name followed by a particle).
NO_WORD_BEFORE = r"(?<![^\W_\u2e80-\uffff])"
NO_WORD_AFTER = r"(?![^\W_\u2e80-\uffff])"


def script_words(text: str) -> tuple[str, ...]:
    return tuple((ASCII_WORD if text.isascii() else SCRIPT_WORD).findall(text))


def normalise(text: str) -> str:
    """NFKC for non-ASCII text (full-width digits, letters and dashes become plain), so the number
    and word rules see "０３－１２３４" as "03-1234"; ASCII text is returned as is (the common case)."""
    if text.isascii():
        return text
    out = unicodedata.normalize("NFKC", text)
    # NFKC keeps these dashes; for numbers they are plain hyphens. (str.translate looks every
    # character up in a dict: twenty times the cost of the search that finds there is no dash.)
    return _DASH.sub("-", out) if _DASH.search(out) else out


# The long-vowel mark ー is a dash only between digits; it is left alone elsewhere (see phone).
_DASH = re.compile("[‐‑‒–—―−]")


def words(text: str) -> list[str]:
    return (ASCII_WORD if text.isascii() else WORD).findall(text)


def word_set_of(text: str) -> frozenset[str]:
    """The text's words, case-folded (not memoised: `word_set` is)."""
    return frozenset(map(str.casefold, words(resolve_dynamic(text))))


word_set = lru_cache(maxsize=1 << 15)(word_set_of)


def collapse_spaces(text: str) -> str:
    return re.sub(r"[ \t\r\n\u00a0]+", " ", text).strip()


# ---------------------------------------------------------------- brand masking

# A placeholder that every rule accepts: letters only, capitalised, no symbol, no digit. Letters
# after the prefix number the brand occurrences so fixes can put the exact spelling back.
_PH_PREFIX = "Qzbrand"
_PH_RE = re.compile(_PH_PREFIX + r"([a-j]+)", re.IGNORECASE)


_DIGIT_LETTERS = str.maketrans("0123456789", "abcdefghij")


def _num_to_letters(n: int) -> str:
    return str(n).translate(_DIGIT_LETTERS)


def _letters_to_num(s: str) -> int:
    return int("".join(str("abcdefghij".index(c)) for c in s.lower()))


class Masked(NamedTuple):  # a tuple, not a dataclass: one is built for every text checked
    text: str  # the text with each brand occurrence replaced by a placeholder word
    spans: tuple[str, ...]  # the original spelling of each occurrence, by placeholder number
    shouted: tuple[str, ...] = ()  # occurrences in capitals the brand's own spelling does not use

    def unmask(self, text: str) -> str:
        if not self.spans:
            return text
        return _PH_RE.sub(lambda m: self.spans[_letters_to_num(m.group(1))], text)


@lru_cache(maxsize=256)
def brand_pattern(terms: tuple[str, ...]) -> re.Pattern[str] | None:
    """One regex for all brand terms, longest first, matched as whole words, case-insensitively:
    the artist's own stylised name ("AC/DC", "P!nk", "MØ") is the artist's trademark, not a gimmick."""
    cleaned = sorted({t.strip() for t in terms if t and t.strip()}, key=len, reverse=True)
    if not cleaned:
        return None
    alts = "|".join(re.escape(t) for t in cleaned)
    return re.compile(rf"{NO_WORD_BEFORE}(?:{alts}){NO_WORD_AFTER}", re.IGNORECASE)


def mask_brands(text: str, terms: tuple[str, ...]) -> Masked:
    lowered = _lowered(terms)  # empty exactly when brand_pattern(terms) is None
    if not lowered:
        return Masked(text, ())
    low = text.lower()
    if lowered[0] not in low and (len(lowered) == 1 or not any(b in low for b in lowered[1:])):
        return Masked(text, ())  # the cheap test first: no brand in the text
    if len(low) != len(text):  # a character whose lower case is longer: let the regex align it
        pattern = brand_pattern(terms)
        assert pattern is not None
        matches = [m.span() for m in pattern.finditer(text)]
    else:
        # The same matches as `pattern` (leftmost, then longest term, whole words as NO_WORD_*
        # say), found with str.find: one C-level search per term, not a regex step per character.
        found: list[tuple[int, int]] = []
        n = len(low)
        for b in lowered:
            i = low.find(b)
            while i >= 0:
                j = i + len(b)
                if not (i and _spaced_word_char(low[i - 1])) and not (j < n and _spaced_word_char(low[j])):
                    found.append((i, -j))
                i = low.find(b, i + 1)
        found.sort()
        matches, last = [], 0
        for i, neg_j in found:
            if i >= last:
                matches.append((i, -neg_j))
                last = -neg_j
    # (A loop, not a closure per text: the compiled engine's closures are reference cycles.)
    exact = _styles(terms)
    spans: list[str] = []
    shouted: list[str] = []
    out, last = [], 0
    for i, j in matches:
        found_text = text[i:j]
        out.append(text[last:i])
        out.append(_PH_PREFIX + _num_to_letters(len(spans)))
        spans.append(found_text)
        # The exemption covers the brand's own styling only: "LUNA" for "Luna" is shouting.
        if found_text not in exact:  # (the usual case, the brand as styled, skips the letter test)
            letters = [c for c in found_text if c.isalpha()]
            if len(letters) >= 2 and all(c.isupper() for c in letters):
                shouted.append(found_text)
        last = j
    out.append(text[last:])
    return Masked("".join(out), tuple(spans), tuple(shouted))


def _spaced_word_char(ch: str) -> bool:
    """A character NO_WORD_BEFORE / NO_WORD_AFTER forbid next to a match: a word character (\\w,
    underscore excepted) below U+2E80."""
    return ch < "\u2e80" and ch != "_" and (ch.isalnum() or bool(_W.match(ch)))


_W = re.compile(r"\w")


@lru_cache(maxsize=256)
def _lowered(terms: tuple[str, ...]) -> tuple[str, ...]:
    # Longest first, as the regex alternation of `brand_pattern` (same start: the longest wins).
    return tuple(sorted({t.strip().lower() for t in terms if t and t.strip()}, key=len, reverse=True))


@lru_cache(maxsize=256)
def _styles(terms: tuple[str, ...]) -> frozenset[str]:
    return frozenset(t.strip() for t in terms)


_ABBR_WORD = "Qzabbrev"


def mask_abbreviations(text: str, language: str) -> str:
    """Replace the language's dotted or spaced abbreviations (EE. UU., z. B., S.p.A., a.m.) with a
    neutral word: they are standard writing, not dotted capitals or missing spaces."""
    if "." not in text and "/" not in text:
        return text
    from shared.policy.vocabulary import abbreviation_pattern

    pattern = abbreviation_pattern(language)
    return pattern.sub(_ABBR_WORD, text) if pattern is not None else text


def brand_word(word: str, spans: tuple[str, ...]) -> str:
    """The brand occurrence a placeholder word stands for (other words are returned as they are)."""
    m = _PH_RE.fullmatch(word)
    return spans[_letters_to_num(m.group(1))] if m else word


def is_placeholder(word: str) -> bool:
    return bool(_PH_RE.fullmatch(word)) or word == _ABBR_WORD


# ---------------------------------------------------------------- character classes


def is_emoji(ch: str) -> bool:
    """Emoji and pictographs (Unicode Extended_Pictographic, approximately), variation selector 16
    and the zero-width joiner that glues emoji sequences."""
    cp = ord(ch)
    return (
        0x1F000 <= cp <= 0x1FAFF
        or 0x2600 <= cp <= 0x27BF
        or 0x2B00 <= cp <= 0x2BFF
        or 0x2300 <= cp <= 0x23FF
        or 0x1F1E6 <= cp <= 0x1F1FF
        or cp in (0xFE0F, 0x200D, 0x20E3, 0x3030, 0x303D, 0x3297, 0x3299)
    )


# Symbols Google accepts in ad text (registered/trademark marks, degree, numero).
ALLOWED_SYMBOLS = frozenset("©®™°№℃℉")


def is_decorative(ch: str) -> bool:
    """Bullets, arrows, stars, box drawing, enclosed or styled letters: characters used to draw the
    eye rather than to write."""
    if ch in ALLOWED_SYMBOLS:
        return False
    cp = ord(ch)
    if (
        0x2190 <= cp <= 0x21FF  # arrows
        or 0x2500 <= cp <= 0x25FF  # box drawing, blocks, geometric shapes (■ ▶ ►)
        or 0x2460 <= cp <= 0x24FF  # enclosed alphanumerics (① Ⓐ)
        or 0x27F0 <= cp <= 0x297F  # supplemental arrows
        or 0x1D400 <= cp <= 0x1D7FF  # mathematical "fancy" letters (𝐍𝐞𝐰)
        or 0x2070 <= cp <= 0x209F  # superscripts and subscripts
        or 0x1D2C <= cp <= 0x1D6A  # modifier letters used as superscripts
        or cp in (0x2022, 0x2023, 0x2043, 0x25E6, 0x2219, 0x00A4, 0x2756, 0x2605, 0x2606)
    ):
        return True
    return unicodedata.category(ch) == "So"


def is_halfwidth_katakana(ch: str) -> bool:
    return 0xFF61 <= ord(ch) <= 0xFF9F


def is_invisible(ch: str) -> bool:
    cp = ord(ch)
    return (
        cp in (0x200B, 0x200C, 0x2060, 0xFEFF, 0x00AD)
        or unicodedata.category(ch) == "Cc"
        and ch not in "\t\n\r"
    )


def is_cjk_language(language: str) -> bool:
    return language.lower()[:2] in ("zh", "ja", "ko")


# ---------------------------------------------------------------- domains

# Host-like strings: labels, dots and a lower-case last label (a top-level domain is written in
# lower case in prose; "Sale.Get" is a missing space, not a domain). Whether the ending is a public
# suffix is decided by the public suffix list (`publicsuffixlist` ships it; no network).
DOMAIN = re.compile(
    r"(?<![@.\-A-Za-z0-9_])(?:https?://)?(?:www\.)?((?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+"
    r"(?:[a-z]{2,24}|xn--[a-z0-9-]{1,59}))(?![A-Za-z0-9_-])(?:/[^\s\u2e80-\uffff]*)?"
)
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)


@lru_cache(maxsize=1)
def _psl() -> object:
    from publicsuffixlist import PublicSuffixList

    return PublicSuffixList()


@lru_cache(maxsize=1 << 14)
def is_domain(host: str) -> bool:
    """Whether a host ends in a public suffix and has a label before it (spotify.com, x.co.uk)."""
    host = host.lower().rstrip(".")
    suffix = _psl().publicsuffix(host, accept_unknown=False)  # type: ignore[attr-defined]
    return suffix is not None and host != suffix


def find_domains(text: str) -> list[re.Match[str]]:
    """The web addresses written in a text (host in group 1), by the public suffix list."""
    if "." not in text:
        return []
    return [m for m in DOMAIN.finditer(text) if is_domain(m.group(1))]


@lru_cache(maxsize=1 << 14)
def registrable_domain(host: str) -> str:
    """example.co.uk for shop.example.co.uk; example.com for www.example.com (public suffix list)."""
    host = host.lower().rstrip(".")
    return _psl().privatesuffix(host) or host  # type: ignore[attr-defined]
