"""Ad strength for a responsive search ad, from the signals Google documents: how many headlines
and descriptions, how unique they are (near-duplicates included), whether keywords appear in the
headlines, whether headline lengths vary, and how much is pinned. Rated Incomplete, Poor,
Average, Good or Excellent with the action items Google would show.

Google does not publish its formula; the weights below follow its guidance ("at least 5 distinct
headlines", 8-10+ unique headlines, 3-4 descriptions, keywords in 2-3 headlines, pin sparingly)
and the caps make the rating monotonic in the number of assets.

Uniqueness is counted twice, as Google's "more unique headlines" action does: near-duplicates (word
sets that mostly overlap) and template reuse (headlines that are one frame with a different fill:
"Start With Night Echoes" / "Start With Gold Rain", "Stream X Now" / "Stream Y Now"). An ad of
recycled templates is capped below "Excellent" however many headlines it has."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from shared.models import AdInput, AdStrength, Finding, Keyword
from shared.policy.ad_format import HEADLINE, LIMITS, MAX_DESCRIPTIONS, MAX_HEADLINES
from shared.policy.text import dup_key, resolve_dynamic, width_of, word_set, word_set_of, words

NEAR_DUPLICATE = 0.8  # Jaccard similarity of word sets above which two assets count as one
SAME_FRAME = 0.5  # share of the shorter headline's words in a common prefix + suffix: one template
EXCELLENT_TEMPLATES, GOOD_TEMPLATES = 9, 6
RATINGS = ("Poor", "Average", "Good", "Excellent")
WEIGHTS = {
    "headlines": 0.3,
    "descriptions": 0.15,
    "unique": 0.2,
    "keywords": 0.15,
    "length": 0.1,
    "pinning": 0.1,
}


def _texts(assets: Iterable[Any]) -> list[str]:
    return [a.text for a in assets if a.text.strip()]


def _distinct(texts: list[str], sets: list[frozenset[str]]) -> int:
    """Assets left after merging exact and near duplicates (greedy clustering on each text's word
    set, which ad strength computes once per text)."""
    reps: list[tuple[frozenset[str], int]] = []
    keys: set[str] = set()
    for t, ws in zip(texts, sets, strict=True):
        k = dup_key(t)
        if k in keys:
            continue
        keys.add(k)
        n = len(ws)
        if n:
            # Jaccard >= 0.8 needs sizes within a factor 0.8 of each other: the size test skips
            # most pairs. |A | B| = |A| + |B| - |A & B|: one set operation per pair, not two.
            lo, hi = n * NEAR_DUPLICATE, n / NEAR_DUPLICATE
            near = False
            for r, m in reps:
                if m and lo <= m <= hi:
                    common = len(ws & r)
                    if common / (n + m - common) >= NEAR_DUPLICATE:
                        near = True
                        break
            if near:
                continue
        reps.append((ws, n))
    return len(reps)


def _same_frame(a: list[str], b: list[str]) -> bool:
    """Two headlines are one template with different fills when what they share is a common
    beginning and/or end covering at least half of the shorter one, and both differ in between."""
    if a == b or not a or not b:
        return a == b
    p = 0
    while p < min(len(a), len(b)) and a[p] == b[p]:
        p += 1
    s = 0
    while s < min(len(a), len(b)) - p and a[-1 - s] == b[-1 - s]:
        s += 1
    shared = p + s
    return shared >= 1 and len(a) > shared and len(b) > shared and shared / min(len(a), len(b)) >= SAME_FRAME


def template_count(texts: list[str]) -> int:
    """Distinct templates among the texts (greedy clustering with `_same_frame`)."""
    return _templates([[w.casefold() for w in words(resolve_dynamic(t))] for t in texts])


def _templates(word_lists: list[list[str]]) -> int:
    reps: list[list[str]] = []
    for ws in word_lists:
        for r in reps:
            # A frame shares a first or a last word: the cheap test that rules out most pairs.
            if (not ws or not r or ws[0] == r[0] or ws[-1] == r[-1]) and _same_frame(ws, r):
                break
        else:
            reps.append(ws)
    return len(reps)


def _keyword_phrases(keywords: Iterable[str | Keyword | dict[str, Any]]) -> list[frozenset[str]]:
    out = []
    for k in keywords:
        text = k.text if isinstance(k, Keyword) else k.get("text", "") if isinstance(k, dict) else str(k)
        ws = word_set(text.strip('[]"+'))
        if ws:
            out.append(ws)
    return out


def _count_score(n: int, steps: tuple[tuple[int, float], ...]) -> float:
    for threshold, score in steps:
        if n >= threshold:
            return score
    return 0.0


def ad_strength(
    ad: AdInput | dict[str, Any], keywords: Iterable[str | Keyword | dict[str, Any]] | None = None
) -> AdStrength:
    ad = ad if isinstance(ad, AdInput) else AdInput.model_validate(ad)
    rating, score, actions = strength_fields(ad, keywords)
    return AdStrength(rating=rating, score=score, actions=actions)  # type: ignore[arg-type]


def strength_fields(
    ad: Any, keywords: Iterable[str | Keyword | dict[str, Any]] | None = None
) -> tuple[str, float, list[str]]:
    """(rating, score, actions) of `ad_strength`, without building the model: the batch CLI
    writes them straight to JSON (`AdStrength.model_dump()` gives the same three keys)."""
    heads, descs = _texts(ad.headlines), _texts(ad.descriptions)
    if len(heads) < 3 or len(descs) < 2:
        missing = []
        if len(heads) < 3:
            missing.append(f"Add {3 - len(heads)} more headline{'s' if 3 - len(heads) > 1 else ''}")
        if len(descs) < 2:
            missing.append(f"Add {2 - len(descs)} more description{'s' if 2 - len(descs) > 1 else ''}")
        return "Incomplete", 0.0, missing

    actions: list[str] = []
    # Each headline's words, once: its word set (uniqueness, keywords) and its word list (templates).
    head_words = [list(map(str.casefold, words(resolve_dynamic(h)))) for h in heads]
    head_sets = [frozenset(ws) for ws in head_words]
    uh = _distinct(heads, head_sets)
    ud = _distinct(descs, [word_set_of(d) for d in descs])  # (each seen once here: no memo)
    templates = min(uh, _templates(head_words))
    parts: dict[str, float] = {
        "headlines": _count_score(uh, ((11, 1.0), (8, 0.75), (5, 0.45), (3, 0.15))),
        "descriptions": _count_score(ud, ((4, 1.0), (3, 0.7), (2, 0.35))),
        "unique": ((uh + templates) / (2 * len(heads)) + ud / len(descs)) / 2,
    }
    if uh < 11:
        actions.append(f"Add more headlines: {uh} unique of {MAX_HEADLINES} (aim for at least 11)")
    if ud < 4:
        actions.append(f"Add more descriptions: {ud} unique of {MAX_DESCRIPTIONS}")
    if uh < len(heads):
        actions.append("Make your headlines more unique: some repeat the same or similar phrases")
    elif templates < uh:
        actions.append(
            f"Make your headlines more unique: {len(heads)} headlines use only {templates} different patterns"
        )
    if ud < len(descs):
        actions.append("Make your descriptions more unique")

    phrases = _keyword_phrases(keywords or [])
    if phrases:
        with_kw = sum(1 for hs in head_sets if any(p <= hs for p in phrases))
        parts["keywords"] = _count_score(with_kw, ((2, 1.0), (1, 0.5)))
        if with_kw < 2:
            actions.append("Include popular keywords in your headlines (at least 2 headlines)")

    widths = [width_of(h) for h in heads]  # (not memoised: each headline is measured once here)
    long_share = sum(1 for w in widths if w >= 20) / len(widths)
    spread = max(widths) - min(widths)
    parts["length"] = min(1.0, long_share / 0.3) * (1.0 if spread >= 8 or len(widths) < 5 else 0.6)
    if long_share < 0.3:
        actions.append(
            f"Increase the length of your headlines: use more of the {LIMITS[HEADLINE]} characters"
        )
    elif spread < 8 and len(widths) >= 5:
        actions.append("Vary the length of your headlines")

    pinned = sum(1 for a in ad.headlines if a.pin) + sum(1 for a in ad.descriptions if a.pin)
    parts["pinning"] = 1.0 if pinned == 0 else 0.85 if pinned == 1 else 0.6 if pinned == 2 else 0.3
    if pinned >= 2:
        actions.append(f"Reduce pinning: {pinned} assets are pinned (pin only what must always show)")

    weight = sum(WEIGHTS[k] for k in parts)
    score = sum(parts[k] * WEIGHTS[k] for k in parts) / weight
    rating = RATINGS[0 if score < 0.4 else 1 if score < 0.62 else 2 if score < 0.82 else 3]
    # Google's guidance caps the rating by the number of unique assets, whatever else is right.
    cap = 0 if uh < 5 else 1 if uh < 8 or ud < 3 or templates < GOOD_TEMPLATES else 2
    if cap == 2 and uh >= 11 and ud >= 4 and templates >= EXCELLENT_TEMPLATES:
        cap = 3
    rating = RATINGS[min(RATINGS.index(rating), cap)]
    return rating, round(score, 3), actions


def advisory_findings(strength: AdStrength) -> list[Finding]:
    return [
        Finding(
            policy="ad_strength",
            severity="advisory",
            field="ad",
            message=f"Ad strength {strength.rating}: {a}.",
            fix=a,
        )
        for a in strength.actions
    ]
