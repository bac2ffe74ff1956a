"""Hard format limits: character_limit (width-aware) and asset_count (3-15 headlines, 2-4
descriptions, pins that leave every shown position fillable)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from shared.models import Finding
from shared.policy.ad_format import MAX_DESCRIPTIONS, MAX_HEADLINES, MIN_DESCRIPTIONS, MIN_HEADLINES
from shared.policy.base import DESCRIPTION, HEADLINE, LIMITS, PATH, AdView, Text, TextEnv, finding
from shared.policy.text import display_width, resolve_dynamic


def character_limit_in_text(t: Text, env: TextEnv) -> Iterator[Finding]:
    limit = LIMITS[t.kind]
    width = display_width(t.raw)
    if width > limit:
        wide = width != len(resolve_dynamic(t.raw))
        unit = "width units (wide characters count 2)" if wide else "characters"
        fixable = "{" not in t.raw and t.kind != PATH
        yield finding(
            "character_limit",
            "disapproved",
            t.field,
            f"{t.kind.capitalize()} is {width} {unit}; the limit is {limit}.",
            f"Shorten to {limit} at a word boundary."
            if fixable
            else f"Cannot be fixed automatically: shorten this {t.kind} to {limit} yourself"
            + (" (the limit counts the default text of the {...} tag)." if "{" in t.raw else "."),
        )


def character_limit(view: AdView) -> Iterator[Finding]:
    for t in view.texts:
        yield from character_limit_in_text(t, view.env)


def asset_count(view: AdView) -> Iterator[Finding]:
    ad = view.ad
    for kind, assets, lo, hi in (
        (HEADLINE, ad.headlines, MIN_HEADLINES, MAX_HEADLINES),
        (DESCRIPTION, ad.descriptions, MIN_DESCRIPTIONS, MAX_DESCRIPTIONS),
    ):
        plural = kind + "s"
        blank = [i for i, a in enumerate(assets) if not a.text.strip()]
        for i in blank:
            yield finding(
                "asset_count",
                "disapproved",
                f"{plural}[{i}]",
                f"The {kind} is empty.",
                "Remove the empty asset.",
            )
        n = len(assets) - len(blank)
        if n < lo:
            yield finding(
                "asset_count",
                "disapproved",
                "ad",
                f"A responsive search ad needs at least {lo} {plural}; it has {n}.",
                f"Cannot be fixed automatically: write {lo - n} more {plural}.",
            )
        elif n > hi:
            yield finding(
                "asset_count",
                "disapproved",
                "ad",
                f"A responsive search ad takes at most {hi} {plural}; it has {n}.",
                f"Remove {n - hi} {plural} (the fix drops the last unpinned ones).",
            )
    yield from _pins(view)


def _pins(view: AdView) -> Iterator[Finding]:
    ad = view.ad
    for i, a in enumerate(ad.descriptions):
        if a.pin is not None and a.pin > 2:
            yield finding(
                "asset_count",
                "disapproved",
                f"descriptions[{i}]",
                f"Descriptions can be pinned to position 1 or 2, not {a.pin}.",
                "Pin it to description position 1 or 2, or unpin it.",
            )
    # Google always shows headline positions 1 and 2 and description position 1: when every asset
    # is pinned elsewhere one of them cannot be filled and the ad is rejected.
    for kind, assets, needed in ((HEADLINE, ad.headlines, 2), (DESCRIPTION, ad.descriptions, 1)):
        if not any(a.pin for a in assets):
            continue  # most ads pin nothing: skip stripping every asset again
        live = [a for a in assets if a.text.strip()]
        if not any(a.pin for a in live):
            continue
        unpinned = sum(1 for a in live if a.pin is None)
        free = unpinned
        for pos in range(1, needed + 1):
            if any(a.pin == pos for a in live):
                continue
            if free == 0:
                yield finding(
                    "asset_count",
                    "disapproved",
                    "ad",
                    f"No {kind} can show in {kind} position {pos}: every {kind} is pinned elsewhere.",
                    f"Cannot be fixed automatically: unpin a {kind} or pin one to position {pos}.",
                )
            else:
                free -= 1


def trim_to_width(text: str, limit: int, measure: Callable[[str], int], language: str = "en") -> str | None:
    """Cut `text` at a word boundary so it fits `limit`, without a dangling word or mark at the
    end; a sentence boundary is preferred when it keeps at least half the room. None when no
    word boundary fits (one long word, or text without spaces such as Chinese)."""
    from shared.policy.style import fix_cut_off

    if measure(text) <= limit:
        return text
    sentences = [m.end() for m in re.finditer(r"[.!?](?=\s)", text)]
    for end in reversed(sentences):
        candidate = text[:end].strip()
        if measure(candidate) <= limit and measure(candidate) >= limit // 2:
            return candidate
    tokens = text.split(" ")
    best = None
    for n in range(len(tokens), 0, -1):
        candidate = fix_cut_off(" ".join(tokens[:n]).rstrip(), language)
        if candidate and measure(candidate) <= limit:
            best = candidate
            break
    return best
