"""Misrepresentation: unverifiable superlatives and claims ("#1", "best", "guaranteed") and
clickbait ("you won't believe"). Approved (limited): they need third-party proof on the landing
page, which the checker cannot see."""

from __future__ import annotations

import re
from collections.abc import Iterator

from shared.models import Finding
from shared.policy.base import PATH, AdView, Text, TextEnv, finding, triggers

POLICY = "misrepresentation"
TRIGGERS = triggers(
    "best greatest top rated world's worlds world guaranteed guarantee unbeatable lowest cheapest only 100 number no n"
    " 1 beste besten bester bestes meilleur meilleure meilleurs meilleures mejor mejores migliore migliori melhor"
    " melhores believe guess shocking secret secrets happens find trick weird hate jaw shock wrong deleted"
)

SUPERLATIVE = re.compile(
    r"(?<![\w#])(?:#\s?1|no\.?\s?1|n[°º]\s?1|number\s+(?:one|1)|best|greatest|top[\s-]rated|world'?s\s+(?:best|greatest|"
    r"top|#1|biggest|most)|guaranteed?|unbeatable|lowest\s+prices?|cheapest|the\s+only\s+\w+|100%\s+(?:satisfaction|"
    r"guaranteed)|beste[nrs]?|meilleure?s?|mejor(?:es)?|migliore?|melhore?s?)(?!\w)"
    r"|最好|最佳|第一|顶级|最高|최고|1위|ナンバーワン|№\s?1",
    re.IGNORECASE,
)
# Fixed phrases with "best" that make no claim.
BENIGN = re.compile(
    r"(?<!\w)(?:all\s+the\s+best|best\s+wishes|at\s+best|best[\s-]of\s+(?:album|compilation))(?!\w)",
    re.IGNORECASE,
)
CLICKBAIT = re.compile(
    r"(?<!\w)(?:you\s+won'?t\s+believe|you'?ll\s+never\s+guess|shocking|secrets?\s+revealed|what\s+happens\s+next"
    r"|click\s+(?:here\s+)?to\s+find\s+out|this\s+one\s+(?:trick|weird)|doctors\s+hate|jaw[\s-]dropping\s+secret"
    r"|will\s+shock\s+you|gone\s+wrong|must\s+see\s+before\s+(?:it'?s\s+)?deleted)(?!\w)",
    re.IGNORECASE,
)


def misrepresentation_in_text(t: Text, env: TextEnv) -> Iterator[Finding]:
    if t.kind == PATH or not (t.has_any(TRIGGERS) or "#" in t.masked):
        return
    text = BENIGN.sub(" ", t.masked)
    m = SUPERLATIVE.search(text)
    if m:
        yield finding(
            POLICY,
            "limited",
            t.field,
            f"Unverifiable claim '{m.group(0).strip()}': superlatives need third-party proof on the"
            " landing page.",
            "Back it with a source (e.g. a chart position) or soften it.",
        )
    c = CLICKBAIT.search(text)
    if c:
        yield finding(
            POLICY,
            "limited",
            t.field,
            f"Clickbait wording '{c.group(0)}'.",
            "Say plainly what the ad offers.",
        )


def misrepresentation(view: AdView) -> Iterator[Finding]:
    for t in view.texts:
        yield from misrepresentation_in_text(t, view.env)
