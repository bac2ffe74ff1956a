"""Repetition: duplicate headlines or descriptions (ignoring case, spacing and punctuation) and a
word repeated three or more times in a row (Tour Tour Tour, Deals, deals, deals)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from shared.models import Finding
from shared.policy.base import PATH, AdView, Text, TextEnv, finding
from shared.policy.text import dup_key

POLICY = "repetition"
TRIPLE = re.compile(r"(?<!\w)([^\W_]+)(?:[\s,.;:!?-]+\1(?!\w)){2,}", re.IGNORECASE | re.UNICODE)


def tripled_word(tokens: tuple[str, ...]) -> str | None:
    """The first word that occurs three times in a row (case-insensitive), from the asset's words."""
    for a, b, c in zip(tokens, tokens[1:], tokens[2:], strict=False):
        if a.lower() == b.lower() == c.lower():
            return a
    return None


def repetition_in_text(t: Text, env: TextEnv) -> Iterator[Finding]:
    """A word said three times in a row (duplicates across assets are found by `duplicates`)."""
    if t.kind != PATH and t.tripled:
        yield finding(
            POLICY,
            "disapproved",
            t.field,
            f"The word '{t.tripled}' is repeated three times in a row.",
            "Use the word once.",
        )


def duplicate_key(t: Text) -> str:
    """What makes two headlines (or two descriptions) duplicates; empty for paths and blank text."""
    return "" if t.kind == PATH else dup_key(t.raw)


def duplicates(keys: Iterable[tuple[str, str, str]]) -> Iterator[Finding]:
    """(field, kind, duplicate key) of each asset in order: every asset after the first of its
    kind with the same key is a duplicate of that first one."""
    seen: dict[tuple[str, str], str] = {}
    for field_name, kind, key in keys:
        if key:
            first = seen.setdefault((kind, key), field_name)
            if first != field_name:
                yield finding(
                    POLICY,
                    "disapproved",
                    field_name,
                    f"Duplicate of {first} (case and punctuation ignored).",
                    "Remove the duplicate (the auto-fix does) or write a different asset.",
                )


def repetition(view: AdView) -> Iterator[Finding]:
    yield from duplicates((t.field, t.kind, duplicate_key(t)) for t in view.texts)
    for t in view.texts:
        yield from repetition_in_text(t, view.env)


def fix_repetition(text: str) -> str:
    """A word said three times in a row is said once ("Tour Tour Tour" -> "Tour")."""
    return TRIPLE.sub(lambda m: m.group(1), text)
