"""Picking the right artist among search results.

Deezer does not rank the exact match first ("Björk & Toffe" comes before "Björk"), and homonyms
exist. Rule: exact match on the normalised name first (case, accents, punctuation ignored); among
several exact matches, corroborate by fan count and number of albums; a near-identical spelling
(typo) is accepted only when nothing matches exactly. Otherwise: not found, with the closest names."""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Any

FUZZY_MIN = 0.9


def normalise(name: str) -> str:
    """'Björk' -> 'bjork'; 'AC/DC' -> 'ac dc'; CJK kept; emoji and symbols dropped (but a name made
    only of symbols keeps its casefolded self, so it can still match)."""
    text = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", name).casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = "".join(c if (c.isalnum() or c == "&") else " " for c in text)
    text = " ".join(text.split())
    if text.startswith("the ") and len(text) > 4:
        text = text[4:]
    return text or "".join(name.split()).casefold()


@dataclass
class Candidate:
    name: str
    id: str
    fans: int = 0
    albums: int = 0
    raw: dict[str, Any] = field(default_factory=dict)

    def weight(self) -> float:
        return math.log10(self.fans + 1) + 2 * math.log10(self.albums + 1)


@dataclass
class Match:
    best: Candidate | None
    candidates: list[str]  # closest names, for "did you mean"
    how: str  # exact, corroborated, fuzzy, none


def similarity(a: str, b: str) -> float:
    return SequenceMatcher(None, normalise(a), normalise(b)).ratio()


def pick(query: str, candidates: list[Candidate]) -> Match:
    target = normalise(query)
    closest = sorted(candidates, key=lambda c: (-similarity(query, c.name), -c.fans))
    names = list(dict.fromkeys(c.name for c in closest))[:5]
    exact = [c for c in candidates if normalise(c.name) == target]
    if len(exact) == 1:
        return Match(exact[0], names, "exact")
    if exact:
        return Match(max(exact, key=Candidate.weight), names, "corroborated")
    fuzzy = [c for c in closest if similarity(query, c.name) >= FUZZY_MIN]
    if fuzzy:
        return Match(fuzzy[0], names, "fuzzy")
    return Match(None, names, "none")
