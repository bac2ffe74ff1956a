"""Trademarks: third-party marks in ad text (streaming services, ticket sellers, stores, festivals,
other artists, in Latin and in Korean, Japanese and Chinese scripts; lexicons/marks.json), and any
third-party terms the caller passes, such as a group's similar artists. Approved (limited):
enforced on complaint unless the advertiser is authorised.

A mark is found in any case ("SPOTIFY" is Spotify; whether the capitals are shouting is the
capitalization rule's question, and TIDAL or AXS written as their owners write them is not). The
advertiser's own names (the brand terms of the context) are masked before any rule runs, and a mark
that is one of them is never reported: an artist called "Drake" advertising is not a third party."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from shared.models import Finding
from shared.policy.base import PATH, AdView, Text, TextEnv, finding
from shared.policy.text import NO_WORD_AFTER, NO_WORD_BEFORE

POLICY = "trademarks"


@lru_cache(maxsize=256)
def _extra(terms: tuple[str, ...]) -> re.Pattern[str] | None:
    terms = tuple(sorted({t.strip() for t in terms if t and len(t.strip()) >= 2}, key=len, reverse=True))
    if not terms:
        return None
    return re.compile(rf"{NO_WORD_BEFORE}(?:{'|'.join(map(re.escape, terms))}){NO_WORD_AFTER}", re.IGNORECASE)


@lru_cache(maxsize=256)
def _own(brands: tuple[str, ...]) -> frozenset[str]:
    return frozenset(b.strip().casefold() for b in brands)


def marks_in_text(t: Text, env: TextEnv) -> list[tuple[str, str]]:
    """(mark, kind) of every third-party mark in the text, once each, in order."""
    own = _own(env.brands)
    found: dict[str, str] = {}
    for h in t.hits:
        if h.category == "mark" and h.term.casefold() not in own:
            found.setdefault(h.term, h.kind)
    pattern = _extra(env.third_party)
    if pattern is not None:
        for m in pattern.finditer(t.masked):
            if m.group(0).casefold() not in own:
                found.setdefault(m.group(0), "third-party name")
    return list(found.items())


def trademarks_in_text(t: Text, env: TextEnv) -> Iterator[Finding]:
    if t.kind == PATH:
        return
    for mark, kind in marks_in_text(t, env):
        yield finding(
            POLICY,
            "limited",
            t.field,
            f"'{mark}' is a third-party trademark ({kind}); the ad can be limited or disapproved on"
            " the owner's complaint unless you are authorised.",
            "Keep it only if you are authorised to use the mark; otherwise name your own channel.",
        )


def trademarks(view: AdView) -> Iterator[Finding]:
    for t in view.texts:
        yield from trademarks_in_text(t, view.env)
