"""MARKETING's pre-flight check of ad text: the OPTIMIZER's own policy engine (shared.policy), asked
one text at a time, so the writer never *proposes* an asset it already knows would be disapproved
(the offline writer filters every candidate through it, and an LLM answer that fails it is sent back
for repair). It blocks `disapproved` and `limited` findings alike: rejecting a good candidate only
costs a little variety, while letting a bad one through costs a revision round.

Fast enough for the writer, which asks about the same lines many times: the engine memoises each
text's findings, and the answers here are memoised again per (text, kind, brand, language)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from shared.policy import check_text
from shared.policy.ad_format import (  # noqa: F401 (the writer's limits, re-exported from their one home)
    LIMITS,
    MAX_DESCRIPTIONS,
    MAX_HEADLINES,
    MIN_DESCRIPTIONS,
    MIN_HEADLINES,
)
from shared.policy.text import display_width  # noqa: F401 (re-exported)

BLOCKING = frozenset({"disapproved", "limited"})
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?", re.UNICODE)


class Brand(frozenset):
    """The artist's names and their words, exempt from the text rules, and the language being
    written (the engine's rules differ: French typography puts a space before ':', '!' and '?')."""

    language: str = "en"


def brand_tokens(names: Iterable[str], language: str = "en") -> Brand:
    """The artist's own names (which may be stylised: BTS, MØ) and their words."""
    names = [n.strip() for n in names if n and n.strip()]
    brand = Brand({*names, *(w for n in names for w in _WORD.findall(n))})
    brand.language = language or "en"
    return brand


def issues(
    text: str, kind: str, brand: Iterable[str] = frozenset(), language: str | None = None
) -> list[str]:
    """What is wrong with one asset (`kind`: headline, description or path); [] if nothing. The
    language is `language`, else the one `brand` was made for, else English."""
    lang = language or getattr(brand, "language", None) or "en"
    return list(_issues(text, kind, tuple(sorted(brand)), lang))


@lru_cache(maxsize=1 << 15)
def _issues(text: str, kind: str, brand: tuple[str, ...], language: str) -> tuple[str, ...]:
    if not text.strip():
        return ("empty text",)
    return tuple(
        f"{f.policy}: {f.message}" for f in check_text(text, kind, brand, language) if f.severity in BLOCKING
    )


def ok(text: str, kind: str, brand: Iterable[str] = frozenset(), language: str | None = None) -> bool:
    return not issues(text, kind, brand, language)


def normalise(text: str) -> str:
    """Case- and punctuation-insensitive form, for the writer's duplicate detection."""
    return " ".join(_WORD.findall(text.lower()))
