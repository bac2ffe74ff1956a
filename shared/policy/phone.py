"""Phone number in ad text: numbers belong in a call asset, not in headlines, descriptions or
paths. Catches international and national formats and vanity numbers (1-800-FLOWERS), while
leaving years, dates, prices and large counts alone. Reads the NFKC form of the text (full-width
digits and dashes made plain), and only ASCII letters and digits around a number end it: a
Japanese or Korean particle written right after it ("03-1234-5678まで", "010-1234-5678로") does
not hide it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from shared.models import Finding
from shared.policy.base import AdView, Text, TextEnv, finding

POLICY = "phone_number_in_ad_text"

CANDIDATE = re.compile(r"(?<![0-9A-Za-z+.,/$€£¥₩-])(?:\+|00)?\(?\d[\d \u00a0().\-–]{5,}\d(?![0-9A-Za-z%])")
VANITY = re.compile(
    r"(?<![\w-])(?:\+?1[-. ]?)?\(?(?:800|888|877|866|855|844|833)\)?[-. ]?[A-Z][A-Z0-9]{2,}(?:[-. ][A-Z0-9]{2,})*(?![\w])"
)
_YEARS = re.compile(r"^(?:(?:19|20)\d\d)(?:\s*[-–]\s*|\s+)(?:(?:19|20)\d\d)$")
_DATE = re.compile(r"^\d{1,4}[.\-–]\d{1,2}[.\-–]\d{2,4}$|^\d{4}\.\s?\d{1,2}\.\s?\d{1,2}\.?$")
_THOUSANDS = re.compile(r"^\d{1,3}(?:[ .\u00a0\u202f]\d{3})+$")
LABEL = r"(?:(?<!\w)(?:tel|phone|ph|mob|mobile|hotline|tél|telefon|teléfono|telefono)\.?\s*:?\s*)?"
CONNECTOR = r"(?:(?<!\w)(?:at|on|us at|us on|us)\s+|:\s*)?"


_DIGIT = re.compile(r"\d")


@lru_cache(maxsize=1 << 16)
def _called(text: str) -> bool:
    """Whether the text says to call or names a phone (any supported language)."""
    from shared.policy import vocabulary

    return any(
        h.category == "phone_words" for lang in vocabulary.LANGUAGES for h in vocabulary.scan(text, lang)
    )


def phone_numbers(text: str) -> tuple[str, ...]:
    found: list[str] = []
    if len(_DIGIT.findall(text)) < 3:  # every pattern below needs at least three digits
        return ()
    for m in CANDIDATE.finditer(text):
        s = m.group(0).strip()
        digits = sum(c.isdigit() for c in s)
        if digits < 7 or digits > 15:
            continue
        if _YEARS.match(s) or _DATE.match(s):
            continue
        if _THOUSANDS.match(s) and not _called(text):
            continue  # 1 000 000 streams; but "call 912 345 678" is a number to dial
        found.append(s)
    found += [m.group(0) for m in VANITY.finditer(text)]
    return tuple(found)


def remove_phone_numbers(text: str) -> str:
    """Drop each number with its label ("Tel:") and connector ("at"), keeping the call to action:
    "Call 555-123-4567 for tickets" becomes "Call for tickets"."""
    for number in sorted(set(phone_numbers(text)), key=len, reverse=True):
        text = re.sub(CONNECTOR + LABEL + re.escape(number), " ", text, flags=re.IGNORECASE)
    return text


def phone_number_in_text(t: Text, env: TextEnv) -> Iterator[Finding]:
    numbers = phone_numbers(t.norm)
    if numbers:
        yield finding(
            POLICY,
            "disapproved",
            t.field,
            f"Phone number in ad text: {numbers[0]}.",
            "Remove the number (the auto-fix does) and add a call asset instead.",
        )


def phone_number_in_ad_text(view: AdView) -> Iterator[Finding]:
    for t in view.texts:
        yield from phone_number_in_text(t, view.env)


def fix_phone(text: str) -> str:
    return remove_phone_numbers(text)
