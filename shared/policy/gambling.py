"""Gambling and games: betting, casinos, lotteries and prize promotions (giveaways, sweepstakes,
"win tickets"). Approved (limited): they need country certification or contest terms on the
landing page."""

from __future__ import annotations

import re
from collections.abc import Iterator

from shared.models import Finding
from shared.policy.base import PATH, AdView, Text, TextEnv, finding, triggers

TRIGGERS = triggers(
    "bet bets betting place sportsbook wager wagers wagering casino casinos poker slot slots roulette blackjack jackpot jackpots lottery lotteries lotto raffle raffles sweepstake sweepstakes giveaway giveaways prize win chance enter competition gewinnspiel verlosung tirage concours sorteo concorso sorteio"
)
POLICY = "gambling_and_games"

GAMBLING = re.compile(
    r"(?<!\w)(?:bet(?:s|ting)?\s+on|place\s+(?:a|your)\s+bets?|betting|sportsbook|wager(?:s|ing)?|casinos?|poker"
    r"|slot\s+machines?|slots|roulette|blackjack|jackpots?|lotter(?:y|ies)|lotto|raffles?|sweepstakes?|giveaways?"
    r"|prize\s+draws?|win\s+(?:a|an|the|free|two|2|vip|tickets?|passes|prizes?|cash|money|signed|exclusive|big)"
    r"|chance\s+to\s+win|enter\s+to\s+win|competition\s+to\s+win|gewinnspiel|verlosung|tirage\s+au\s+sort|concours"
    r"|sorteo|concorso|sorteio)(?!\w)",
    re.IGNORECASE,
)


def gambling_in_text(t: Text, env: TextEnv) -> Iterator[Finding]:
    if t.kind == PATH or not t.has_any(TRIGGERS):
        return
    m = GAMBLING.search(t.masked)
    if m:
        yield finding(
            POLICY,
            "limited",
            t.field,
            f"Gambling or prize promotion ('{m.group(0)}'): restricted, needs certification or"
            " contest terms on the landing page.",
            "Keep it only with official rules on the landing page (and certification for gambling).",
        )


def gambling_and_games(view: AdView) -> Iterator[Finding]:
    for t in view.texts:
        yield from gambling_in_text(t, view.env)
