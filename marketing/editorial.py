"""Our own pre-flight check of ad text against Google's limits and editorial rules.

The OPTIMIZER owns the authoritative compliance check; this one exists so the writer never *proposes*
an asset it already knows would be disapproved (the offline writer filters every candidate through it,
and an LLM answer that fails it is sent back for repair). It is deliberately conservative: rejecting a
good candidate only costs a little variety, while letting a bad one through costs a revision round."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache

LIMITS: dict[str, int] = {"headline": 30, "description": 90, "path": 15, "keyword": 80}
MAX_HEADLINES, MAX_DESCRIPTIONS = 15, 4
MIN_HEADLINES, MIN_DESCRIPTIONS = 3, 2

# Abbreviations Google accepts in capitals (Capitalization policy allowlist, plus music trade terms).
CAPS_ALLOW = frozenset(
    {
        "DJ",
        "EP",
        "LP",
        "VIP",
        "UK",
        "USA",
        "US",
        "NYC",
        "LA",
        "EU",
        "TV",
        "MV",
        "OST",
        "EDM",
        "CD",
        "CDS",
        "RNB",
        "R&B",
        "UKG",
        "DNB",
        "II",
        "III",
        "IV",
        "XL",
        "XXL",
        "HD",
        "OK",
        "QR",
        "UFO",
        "BBC",
        "NY",
    }
)
# Unverifiable claims (superlatives), clickbait, "free" (dishonest pricing) and counterfeit wording.
RISKY_PHRASES = (
    "best",
    "#1",
    "no. 1",
    "no 1 ",
    "number one",
    "greatest",
    "top-rated",
    "top rated",
    "world's",
    "guaranteed",
    "you won't believe",
    "shocking",
    "secret revealed",
    "free",
    "replica",
    "knock off",
    "knockoff",
    "imitation",
    "fake",
    "counterfeit",
    "meilleur",
    "numéro 1",
    "n°1",
    "le plus grand",
    "garanti",
    "gratuit",
    "incroyable mais vrai",
    "contrefaçon",
)
GENERIC_CTA = (
    "click here",
    "click now",
    "see this site",
    "visit this site",
    "click to find out",
    "cliquez ici",
    "cliquez maintenant",
)
# Third-party marks: naming them in ad text is "approved (limited)" at best, so the writer avoids them.
TRADEMARKS = (
    "spotify",
    "apple music",
    "deezer",
    "youtube",
    "tiktok",
    "instagram",
    "ticketmaster",
    "amazon",
    "soundcloud",
    "bandcamp",
    "live nation",
    "facebook",
    "tidal",
)
PROFANITY = frozenset(
    {
        "fuck",
        "fucking",
        "fucked",
        "shit",
        "bitch",
        "cunt",
        "motherfucker",
        "dick",
        "pussy",
        "asshole",
        "bastard",
        "nigga",
        "whore",
        "slut",
        "merde",
        "putain",
        "connard",
        "salope",
        "enculé",
        "bordel",
    }
)
# A text that stops on one of these reads as cut off ("Tickets for the"); the OPTIMIZER disapproves it
# (its style rule, per language). English and French together: this check does not know the language.
DANGLING_WORDS = frozenset(
    {
        "the",
        "a",
        "an",
        "and",
        "or",
        "of",
        "with",
        "your",
        "our",
        "my",
        "their",
        "its",
        "to",
        "le",
        "la",
        "les",
        "un",
        "une",
        "des",
        "et",
        "ou",
        "de",
        "du",
        "avec",
        "pour",
        "votre",
        "vos",
        "notre",
        "nos",
        "au",
        "aux",
    }
)

_REPEATED_PUNCT = re.compile(r"([!?.,;:*#$%&@~^+=\-_/\\|])\1+")
_MISSING_SPACE = re.compile(r"(?<!\d)[,;:](?=[^\W\d_])|(?<=[a-z]{2})\.(?=[A-Z][a-z])")
_LETTER_SPACING = re.compile(r"\b(?:\w\s){3,}\w\b")
_PHONE = re.compile(r"\+?\d[\d\s().-]{6,}\d")
_DOMAIN = re.compile(r"\b[\w-]+\.(?:com|net|org|fr|io|fm|co|de|uk|app|music|store|shop)\b", re.I)
_LIST_MARKER = re.compile(r"(^|\s)(\d\)|[-*•]\s)")
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?", re.UNICODE)
_BAD_SYMBOLS = set("•►★☆✓✔→←♥♪♫|~^<>{}[]")


def display_width(text: str) -> int:
    """Google halves the limits for double-width scripts; counting CJK characters twice is the same."""
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def _is_emoji_or_symbol(ch: str) -> bool:
    cat = unicodedata.category(ch)
    return cat == "So" or cat == "Cs" or ch in ("\ufe0f", "\u200d") or 0xFF61 <= ord(ch) <= 0xFF9F


def brand_tokens(names: Iterable[str]) -> frozenset[str]:
    """Words of the artist's own name, which may be stylised (BTS, MØ): exempt from the caps rule."""
    return frozenset(w for n in names for w in _WORD.findall(n or ""))


def issues(text: str, kind: str, brand: frozenset[str] = frozenset()) -> list[str]:
    """What is wrong with one asset (`kind` is headline, description, path or keyword); [] if nothing."""
    return list(_issues(text, kind, frozenset(brand)))


# The writer asks about the same candidate lines many times while it fills an ad group (and again
# for the sibling ad and the next group); the check is pure, so each answer is computed once.
@lru_cache(maxsize=1 << 14)
def _issues(text: str, kind: str, brand: frozenset[str]) -> tuple[str, ...]:
    return tuple(_find_issues(text, kind, brand))


def _find_issues(text: str, kind: str, brand: frozenset[str]) -> list[str]:
    out: list[str] = []
    limit = LIMITS[kind]
    if not text.strip():
        return ["empty text"]
    if display_width(text) > limit:
        out.append(f"{kind} is {display_width(text)} characters; the limit is {limit}")
    if text != text.strip() or "  " in text or "\n" in text:
        out.append("unacceptable spacing (leading, trailing or double spaces)")
    if kind == "path":
        if re.search(r"[\s/]", text):
            out.append("a path may not contain spaces or '/'")
        return out
    lower = text.lower()
    if any(_is_emoji_or_symbol(ch) or ch in _BAD_SYMBOLS for ch in text):
        out.append("emoji, bullets or decorative symbols are not allowed")
    if "!" in text and kind == "headline":
        out.append("no exclamation mark in headlines")
    if text.count("!") > 1:
        out.append("at most one exclamation mark")
    if _REPEATED_PUNCT.search(text.replace("...", "")) or "..." in text or "…" in text:
        out.append("repeated punctuation or ellipsis")
    if _MISSING_SPACE.search(text):
        out.append("missing space after punctuation")
    if _LETTER_SPACING.search(text):
        out.append("letter-spacing gimmick")
    if _PHONE.search(text):
        out.append("phone number in ad text")
    if _DOMAIN.search(text):
        out.append("a domain name in ad text")
    if _LIST_MARKER.search(text):
        out.append("list markers are not allowed")
    if "{" in text or "}" in text:
        out.append("unresolved {placeholder}")
    words = _WORD.findall(text)
    for w in words:
        if w in brand:
            continue
        letters = [c for c in w if c.isalpha()]
        if len(letters) >= 2 and all(c.isupper() for c in letters) and w.upper() not in CAPS_ALLOW:
            out.append(f"capitalization: '{w}' is in capitals")
            break
        if (
            len(letters) >= 4
            and sum(1 for a, b in zip(w, w[1:], strict=False) if a.islower() and b.isupper()) >= 2
        ):
            out.append(f"capitalization: '{w}' has gimmicky capitals")
            break
    lw = [w.lower() for w in words]
    if len(text.split()) >= 2 and words and words[-1] not in brand and words[-1] != "A":
        tail = re.split(r"[\s'’-]", words[-1].lower())[-1]
        if tail in DANGLING_WORDS and re.search(r"[^\W\d_][\s\"'’”]*[.!?]?$", text):
            out.append(f"the text looks cut off (it ends on '{tail}')")
    if any(a == b == c for a, b, c in zip(lw, lw[1:], lw[2:], strict=False)):
        out.append("repetition: the same word three times in a row")
    else:
        counts = Counter(w for w in lw if len(w) > 2)
        if counts and counts.most_common(1)[0][1] >= 3:
            out.append("repetition: a word used three times")
    padded = f" {lower} "
    for phrase in RISKY_PHRASES:
        if re.search(rf"(?<![\w#]){re.escape(phrase.strip())}(?!\w)", padded):
            out.append(f"unverifiable or misleading claim: '{phrase.strip()}'")
            break
    for phrase in GENERIC_CTA:
        if phrase in lower:
            out.append(f"generic call to action: '{phrase}'")
            break
    for mark in TRADEMARKS:
        if re.search(rf"(?<!\w){re.escape(mark)}(?!\w)", lower):
            out.append(f"third-party trademark: '{mark}'")
            break
    if any(w in PROFANITY for w in lw) or re.search(r"\b[fs]\*+[a-z]*\b", lower):
        out.append("profanity")
    return out


def ok(text: str, kind: str, brand: frozenset[str] = frozenset()) -> bool:
    return not issues(text, kind, brand)


def normalise(text: str) -> str:
    """Case- and punctuation-insensitive form, for duplicate detection (the Repetition policy)."""
    return " ".join(_WORD.findall(text.lower()))
