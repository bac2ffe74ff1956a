"""Text helpers the policy rules share: display width, dynamic-text resolution, normalisation for
duplicate detection, brand-term masking and a few character classes.

Kept free of any policy decision so the rules stay readable and the helpers stay fast (everything
here is called for every asset of every ad)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from shared.policy.ad_format import char_width  # the double-width rule, defined once

# {KeyWord:default}, {CUSTOMIZER.attr:default}, {LOCATION(City):default}: Google serves the default
# when the inserted value does not fit, so the limit applies to the text with the default.
DYNAMIC_TAG = re.compile(r"\{([^{}:]*):([^{}]*)\}")
KEYWORD_TAG = re.compile(r"^(?:keyword|Keyword|KeyWord|KEYWord|KeyWORD|KEYWORD)$")
CUSTOMIZER_TAG = re.compile(r"^(?:CUSTOMIZER\.[\w.-]+|LOCATION\((?:City|State|Country)\))$")


@lru_cache(maxsize=1 << 16)
def display_width(text: str) -> int:
    """Width as Google counts it, after substituting the default of any dynamic tag."""
    resolved = resolve_dynamic(text)
    if resolved.isascii():
        return len(resolved)
    return sum(char_width(c) for c in resolved)


def resolve_dynamic(text: str) -> str:
    """The text as served when the default of each {Tag:default} is used."""
    if "{" not in text:
        return text
    return DYNAMIC_TAG.sub(lambda m: m.group(2), text)


def is_valid_dynamic(name: str) -> bool:
    return bool(KEYWORD_TAG.match(name) or CUSTOMIZER_TAG.match(name))


_DUP_STRIP = re.compile(r"[^\w]+", re.UNICODE)


@lru_cache(maxsize=1 << 16)
def dup_key(text: str) -> str:
    """Two assets are duplicates for Google when they differ only in case, spacing or punctuation."""
    return _DUP_STRIP.sub("", resolve_dynamic(text).casefold())


WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)


def words(text: str) -> list[str]:
    return WORD.findall(text)


@lru_cache(maxsize=1 << 15)
def word_set(text: str) -> frozenset[str]:
    return frozenset(w.casefold() for w in WORD.findall(resolve_dynamic(text)))


def collapse_spaces(text: str) -> str:
    return re.sub(r"[ \t\r\n\u00a0]+", " ", text).strip()


# ---------------------------------------------------------------- brand masking

# A placeholder that every rule accepts: letters only, capitalised, no symbol, no digit. Letters
# after the prefix number the brand occurrences so fixes can put the exact spelling back.
_PH_PREFIX = "Qzbrand"
_PH_RE = re.compile(_PH_PREFIX + r"([a-j]+)", re.IGNORECASE)


def _num_to_letters(n: int) -> str:
    return "".join("abcdefghij"[int(d)] for d in str(n))


def _letters_to_num(s: str) -> int:
    return int("".join(str("abcdefghij".index(c)) for c in s.lower()))


@dataclass(frozen=True)
class Masked:
    text: str  # the text with each brand occurrence replaced by a placeholder word
    spans: tuple[str, ...]  # the original spelling of each occurrence, by placeholder number

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
    return re.compile(rf"(?<!\w)(?:{alts})(?!\w)", re.IGNORECASE)


def mask_brands(text: str, terms: tuple[str, ...]) -> Masked:
    pattern = brand_pattern(terms)
    if pattern is None:
        return Masked(text, ())
    spans: list[str] = []

    def repl(m: re.Match[str]) -> str:
        spans.append(m.group(0))
        return _PH_PREFIX + _num_to_letters(len(spans) - 1)

    masked = pattern.sub(repl, text)
    return Masked(masked, tuple(spans))


def is_placeholder(word: str) -> bool:
    return bool(_PH_RE.fullmatch(word))


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

TLDS = (
    "com|net|org|info|biz|io|co|me|tv|fm|am|ly|gg|to|app|dev|music|band|live|store|shop|online|site|"
    "xyz|uk|de|fr|es|it|nl|be|ch|at|se|no|dk|fi|pl|pt|ie|eu|us|ca|au|nz|jp|kr|cn|br|mx|ar|ru|in|za|"
    "tickets|events|rocks|world|global|media|studio|records|audio|video|club|tech|agency"
)
DOMAIN = re.compile(
    rf"(?<![@\w.-])(?:https?://)?(?:www\.)?((?:[a-z0-9](?:[a-z0-9-]{{0,61}}[a-z0-9])?\.)+(?:{TLDS}))"
    rf"(?![\w-])(?:/[^\s]*)?",
    re.IGNORECASE,
)
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)

# Public suffixes of the form <label>.<cc> under which registrations happen (co.uk, com.au, ...).
_SECOND_LEVEL = frozenset({"co", "com", "org", "net", "ac", "gov", "edu", "ne", "or"})


def registrable_domain(host: str) -> str:
    """example.co.uk for shop.example.co.uk; example.com for www.example.com."""
    labels = host.lower().rstrip(".").split(".")
    if len(labels) >= 3 and labels[-2] in _SECOND_LEVEL and len(labels[-1]) == 2:
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])
