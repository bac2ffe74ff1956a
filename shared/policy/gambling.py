"""Gambling and games: betting, casinos, lotteries, and prize promotions (giveaways, sweepstakes,
"win tickets", "jeu concours", "Gewinnspiel", "경품 추첨"), in every supported language. Approved
(limited): gambling needs country certification, promotions need official rules on the landing
page. An ad that is itself the game ("click to win") is misuse of ad features instead."""

from __future__ import annotations

from collections.abc import Iterator

from shared.models import Finding
from shared.policy.base import PATH, AdView, Text, TextEnv, finding

POLICY = "gambling_and_games"


def gambling_term(t: Text) -> str | None:
    for h in t.hits:
        if h.category in ("gambling", "contest"):
            return t.norm[h.start : h.end]
    return None


def gambling_in_text(t: Text, env: TextEnv) -> Iterator[Finding]:
    if t.kind == PATH:
        return
    term = gambling_term(t)
    if term:
        yield finding(
            POLICY,
            "limited",
            t.field,
            f"Gambling or prize promotion ('{term}'): restricted, needs certification or"
            " contest terms on the landing page.",
            "Keep it only with official rules on the landing page (and certification for gambling).",
        )


def gambling_and_games(view: AdView) -> Iterator[Finding]:
    for t in view.texts:
        yield from gambling_in_text(t, view.env)
