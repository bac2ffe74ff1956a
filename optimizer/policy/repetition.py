"""Repetition: duplicate headlines or descriptions (ignoring case, spacing and punctuation) and a
word repeated three or more times in a row (Tour Tour Tour, Deals, deals, deals)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from optimizer.policy.base import PATH, AdView, finding
from optimizer.text import dup_key
from shared.models import Finding

POLICY = "repetition"
TRIPLE = re.compile(r"(?<!\w)([^\W_]+)(?:[\s,.;:!?-]+\1(?!\w)){2,}", re.IGNORECASE | re.UNICODE)


def tripled_word(tokens: tuple[str, ...]) -> str | None:
    """The first word that occurs three times in a row (case-insensitive), from the asset's words."""
    for a, b, c in zip(tokens, tokens[1:], tokens[2:], strict=False):
        if a.lower() == b.lower() == c.lower():
            return a
    return None


def repetition(view: AdView) -> Iterator[Finding]:
    seen: dict[tuple[str, str], str] = {}
    for t in view.texts:
        if t.kind == PATH:
            continue
        key = dup_key(t.raw)
        if key:
            first = seen.setdefault((t.kind, key), t.field)
            if first != t.field:
                yield finding(POLICY, "disapproved", t.field, f"Duplicate of {first} (case and punctuation ignored).",
                              "Remove the duplicate (the auto-fix does) or write a different asset.")
        word = t.tripled
        if word:
            yield finding(POLICY, "disapproved", t.field, f"The word '{word}' is repeated three times in a row.",
                          "Use the word once.")


def fix_repetition(text: str) -> str:
    """A word said three times in a row is said once ("Tour Tour Tour" -> "Tour")."""
    return TRIPLE.sub(lambda m: m.group(1), text)
