"""Misrepresentation: unverifiable claims (superlatives such as "best", "#1", "meilleur", "最高",
"최고", and comparisons with others such as "better than <artist>", "mieux que", "보다 나은") and
clickbait ("you won't believe", "vous n'allez pas croire", "충격"), in every supported language.
Approved (limited): claims need third-party proof on the landing page, which the checker cannot
see. Fixed phrases that make no claim ("best wishes", "Best of" albums, "better than ever") are
listed per language as benign."""

from __future__ import annotations

from collections.abc import Iterator

from shared.models import Finding
from shared.policy.base import PATH, AdView, Text, TextEnv, finding
from shared.policy.text import script_words
from shared.policy.vocabulary import Hit, covered

POLICY = "misrepresentation"


# A comparison written around the words compared ("아이유보다 라이브 실력이 뛰어난": than IU, the live
# skills are superior): the "than" marker, then a word of superiority at most this many words on.
THAN_GAP = 3


def _before(marker: Hit, word: Hit, norm: str) -> bool:
    return marker.end <= word.start and len(script_words(norm[marker.end : word.start])) <= THAN_GAP


def claims(t: Text) -> tuple[str | None, str | None]:
    """(unverifiable claim, clickbait) found in the text, if any."""
    claim = bait = None
    benign = [h for h in t.hits if h.category == "benign"]
    than: list[Hit] = []
    for h in t.hits:
        if h.category in ("superlative", "comparison") and claim is None:
            if not (benign and covered(h, benign)):
                claim = t.norm[h.start : h.end]
        elif h.category == "clickbait" and bait is None and not (benign and covered(h, benign)):
            bait = t.norm[h.start : h.end]
        elif h.category == "than_marker":
            than.append(h)
        elif h.category == "superior" and claim is None and any(_before(m, h, t.norm) for m in than):
            claim = t.norm[than[0].start : h.end]
    return claim, bait


def misrepresentation_in_text(t: Text, env: TextEnv) -> Iterator[Finding]:
    if t.kind == PATH:
        return
    claim, bait = claims(t)
    if claim:
        yield finding(
            POLICY,
            "limited",
            t.field,
            f"Unverifiable claim '{claim.strip()}': superlatives and comparisons need third-party"
            " proof on the landing page.",
            "Back it with a source (e.g. a chart position) or soften it.",
        )
    if bait:
        yield finding(
            POLICY, "limited", t.field, f"Clickbait wording '{bait}'.", "Say plainly what the ad offers."
        )


def misrepresentation(view: AdView) -> Iterator[Finding]:
    for t in view.texts:
        yield from misrepresentation_in_text(t, view.env)
