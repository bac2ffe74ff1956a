"""Misuse of ad features: literal {tags} that would show as text (ValueTrack parameters, a
{KeyWord} without its default, unbalanced braces) and ads that are themselves a game ("click to
win", "you have won")."""

from __future__ import annotations

import re
from collections.abc import Iterator

from shared.models import Finding
from shared.policy.base import AdView, Text, TextEnv, finding, triggers
from shared.policy.text import is_valid_dynamic

POLICY = "misuse_of_ad_features"
GAME_TRIGGERS = triggers("click tap press swipe spin won winner claim congratulations")

TAG = re.compile(r"\{([^{}]*)\}")
CLICK_GAME = re.compile(
    r"(?<!\w)(?:click|tap|press|swipe|spin)(?:\s+(?:here|now|this\s+ad|the\s+ad))?\s+(?:to|and|&)\s+"
    r"(?:win|play|claim|collect|unlock|reveal|spin)(?!\w)"
    r"|(?<!\w)(?:you(?:'ve|\s+have)?\s+(?:just\s+)?won|you\s+are\s+(?:a|the|our)\s+(?:lucky\s+)?winner"
    r"|claim\s+your\s+(?:prize|reward|winnings)|congratulations[,!]?\s+you)(?!\w)",
    re.IGNORECASE,
)


def unresolved_tags(text: str) -> list[str]:
    bad = []
    for m in TAG.finditer(text):
        name, sep, default = m.group(1).partition(":")
        if not sep or not default.strip() or not is_valid_dynamic(name.strip()):
            bad.append(m.group(0))
    stripped = TAG.sub("", text)
    if "{" in stripped or "}" in stripped:
        bad.append("unbalanced brace")
    return bad


def ad_features_in_text(t: Text, env: TextEnv) -> Iterator[Finding]:
    tags = unresolved_tags(t.raw) if "{" in t.raw or "}" in t.raw else []
    if tags:
        yield finding(
            POLICY,
            "disapproved",
            t.field,
            f"Text would show a tag literally: {', '.join(tags)}. Use {{KeyWord:default}} or a customizer"
            " with a default.",
            "Cannot be fixed automatically: replace the tag with text or give it a default.",
        )
    m = CLICK_GAME.search(t.masked) if not t.words.isdisjoint(GAME_TRIGGERS) else None
    if m:
        yield finding(
            POLICY,
            "disapproved",
            t.field,
            f"The ad presents itself as a game or prize ('{m.group(0)}').",
            "Cannot be fixed automatically: describe the offer instead of asking people to click to win.",
        )


def misuse_of_ad_features(view: AdView) -> Iterator[Finding]:
    for t in view.texts:
        yield from ad_features_in_text(t, view.env)
