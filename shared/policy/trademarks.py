"""Trademarks: third-party marks in ad text (streaming services, ticket sellers, stores, festivals,
other artists, and any third-party terms the caller passes, such as a group's similar artists).
Approved (limited): enforced on complaint unless the advertiser is authorised."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from shared.models import Finding
from shared.policy import lexicon
from shared.policy.base import PATH, AdView, Text, TextEnv, finding
from shared.policy.text import WORD

POLICY = "trademarks"


def _alternation(names: tuple[str, ...]) -> str:
    return "|".join(re.escape(n) for n in sorted(set(names), key=len, reverse=True))


def _index() -> dict[str, list[tuple[tuple[str, ...], str, bool]]]:
    """First word (lower-case) -> [(all words, canonical name, case-sensitive)], longest first.
    Matching words against this index costs one dict lookup per word of the ad, where one big
    regex alternation of 260 names costs a scan per character."""
    index: dict[str, list[tuple[tuple[str, ...], str, bool]]] = {}
    for names, cased in ((lexicon.CASE_INSENSITIVE, False), (lexicon.CASE_SENSITIVE, True)):
        for name in names:
            words = tuple(WORD.findall(name))
            if words:
                index.setdefault(words[0].lower(), []).append((words, name, cased))
    for entries in index.values():
        entries.sort(key=lambda e: len(e[0]), reverse=True)
    return index


_INDEX = _index()


@lru_cache(maxsize=256)
def _extra(terms: tuple[str, ...]) -> re.Pattern[str] | None:
    terms = tuple(t.strip() for t in terms if t and len(t.strip()) >= 2)
    return re.compile(rf"(?<![\w])(?:{_alternation(terms)})(?![\w])", re.IGNORECASE) if terms else None


@lru_cache(maxsize=1 << 16)
def marks_in(tokens: tuple[str, ...], text: str = "", extra: tuple[str, ...] = ()) -> list[str]:
    found: list[str] = []
    lower = [w.lower() for w in tokens]
    for i, w in enumerate(lower):
        for words, name, cased in _INDEX.get(w, ()):
            n = len(words)
            window = tokens[i : i + n]
            if len(window) < n:
                continue
            if (
                (tuple(window) == words)
                if cased
                else (tuple(lower[i : i + n]) == tuple(x.lower() for x in words))
            ):
                found.append(name)
                break
    pattern = _extra(extra)
    if pattern and text:
        found += [m.group(0) for m in pattern.finditer(text)]
    return list(dict.fromkeys(found))


def trademarks_in_text(t: Text, env: TextEnv) -> Iterator[Finding]:
    if t.kind == PATH:
        return
    for mark in marks_in(t.tokens, t.masked, env.third_party):
        kind = lexicon.KIND.get(mark.casefold(), "third-party name")
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
