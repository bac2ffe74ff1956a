"""Google Ads' format facts for responsive search ads and keywords, defined once (pure, no I/O).
The policy engine, MARKETING's pre-flight and prompts, the OPTIMIZER (fixer, strength, keywords,
exports) and MAIN's character counts all import them from here."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

HEADLINE, DESCRIPTION, PATH = "headline", "description", "path"

# Characters per asset (Google counts a double-width character twice: see `char_width`).
LIMITS: dict[str, int] = {HEADLINE: 30, DESCRIPTION: 90, PATH: 15}
# Assets per responsive search ad.
MIN_HEADLINES, MAX_HEADLINES = 3, 15
MIN_DESCRIPTIONS, MAX_DESCRIPTIONS = 2, 4
# A keyword's text, as the Google Ads API validates it.
KEYWORD_MAX_CHARS, KEYWORD_MAX_WORDS = 80, 10

# The double-width rule: characters East Asian Width calls Wide or Fullwidth (Chinese, Japanese,
# Korean) count as two ("limits for double-width languages are half that of other languages").
_WIDE = frozenset("WF")


@lru_cache(maxsize=65536)
def char_width(ch: str) -> int:
    return 2 if unicodedata.east_asian_width(ch) in _WIDE else 1


def keyword_fits(text: str) -> bool:
    """A keyword text Google accepts for length: not blank, within the characters and words limits."""
    return bool(text.strip()) and len(text) <= KEYWORD_MAX_CHARS and len(text.split()) <= KEYWORD_MAX_WORDS


def fit_keyword(text: str) -> str:
    """The longest run of whole leading words of `text` that fits the keyword limits: an artist
    name may be longer than a keyword may be (100 characters, any number of words, against 80 and 10)."""
    out: list[str] = []
    for word in text.split()[:KEYWORD_MAX_WORDS]:
        if len(" ".join([*out, word])) > KEYWORD_MAX_CHARS:
            break
        out.append(word)
    return " ".join(out) or text.strip()[:KEYWORD_MAX_CHARS]
