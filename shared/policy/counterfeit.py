"""Counterfeit goods: replica, fake or knock-off products, in every supported language
(lexicons/*.json). Strong words ("replica", "contrefaçon", "짝퉁") are enough on their own. Weak
ones ("fake", "imitation", "copie") count next to a merchandise word or next to a third party's
mark, whatever the goods ("fake Gucci", "Spotify clone"): a song called "Fake Love" stays clean.
Pirated copies of recordings are copyrights, not counterfeits (see copyrights.py)."""

from __future__ import annotations

from collections.abc import Iterator

from shared.models import Finding
from shared.policy import vocabulary
from shared.policy.base import AdView, Text, TextEnv, finding

POLICY = "counterfeit_goods"


def counterfeit_term(t: Text, env: TextEnv) -> str | None:
    weak = None
    branded = False
    for h in t.hits:
        if h.category == "counterfeit":
            return t.norm[h.start : h.end]
        if h.category == "counterfeit_weak" and weak is None:
            weak = t.norm[h.start : h.end]
        elif h.category == "mark":
            branded = True
    if weak is None:
        return None
    if branded or any(x and x.casefold() in t.norm.casefold() for x in env.third_party):
        return weak
    for lang in dict.fromkeys((t.language, "en")):
        pattern = vocabulary.phrase_pattern(lang, "merch")
        if pattern is not None and pattern.search(t.norm):
            return weak
    return None


def counterfeit_in_text(t: Text, env: TextEnv) -> Iterator[Finding]:
    term = counterfeit_term(t, env)
    if term:
        yield finding(
            POLICY,
            "disapproved",
            t.field,
            f"Suggests counterfeit goods ('{term}').",
            "Cannot be fixed automatically: sell and describe official merchandise only.",
        )


def counterfeit_goods(view: AdView) -> Iterator[Finding]:
    for t in view.texts:
        yield from counterfeit_in_text(t, view.env)
