"""Misuse of ad features: literal {tags} that would show as text (ValueTrack parameters, a
{KeyWord} without its default, unbalanced braces), ads that are themselves a game ("click to
win", "you have won", "cliquez pour gagner", "クリックで当選", in every supported language) and
display paths used as an extra line of promotion ("free", "sale", "50%")."""

from __future__ import annotations

import re
from collections.abc import Iterator

from shared.models import Finding
from shared.policy import vocabulary
from shared.policy.base import PATH, AdView, Text, TextEnv, finding
from shared.policy.text import is_valid_dynamic, script_words
from shared.policy.vocabulary import Hit

POLICY = "misuse_of_ad_features"

TAG = re.compile(r"\{([^{}]*)\}")
_PATH_PARTS = re.compile(r"[-_.\s]+")


# An interaction word and a prize word this many words apart at most (a Korean clause puts the
# object's words between them: "클릭하고 밴드 친필 사인 기타에 당첨"), in either order, are one
# "click/tap (the ad) to win" in any wording: "Click This Ad To Win", "Un clic et gagnez", "Win
# vinyl by clicking this ad", "광고 누르고 경품 받기".
GAME_GAP = 5


def click_game(t: Text) -> str | None:
    touch: list[Hit] = []
    prize: list[Hit] = []
    for h in t.hits:
        if h.category == "click_to_win":
            return t.norm[h.start : h.end]
        if h.category == "interaction":
            touch.append(h)
        elif h.category == "prize":
            prize.append(h)
    for a in touch:
        for b in prize:
            first, last = (a, b) if a.start < b.start else (b, a)
            if first.end <= last.start and len(script_words(t.norm[first.end : last.start])) <= GAME_GAP:
                return t.norm[first.start : last.end]
    return None


def promotional_path(t: Text) -> str | None:
    """A promotional word in a display path ("free", "sale", "50%", "gratuit", "無料")."""
    if "%" in t.norm:
        return "%"
    words = vocabulary.word_set_of(t.language, "promotional") | vocabulary.word_set_of("en", "promotional")
    low = vocabulary.fold(t.norm)
    for part in _PATH_PARTS.split(low):
        if part in words:
            return part
    if t.language in ("ja", "ko"):
        return next((w for w in words if w in low), None)
    return None


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
    if t.kind == PATH:
        promo = promotional_path(t)
        if promo:
            yield finding(
                POLICY,
                "disapproved",
                t.field,
                f"A display path is not an extra line of promotion ('{promo}').",
                "Cannot be fixed automatically: use a word describing the page (e.g. 'tour', 'vinyl').",
            )
        return
    game = click_game(t)
    if game:
        yield finding(
            POLICY,
            "disapproved",
            t.field,
            f"The ad presents itself as a game or prize ('{game}').",
            "Cannot be fixed automatically: describe the offer instead of asking people to click to win.",
        )


def misuse_of_ad_features(view: AdView) -> Iterator[Finding]:
    for t in view.texts:
        yield from ad_features_in_text(t, view.env)
