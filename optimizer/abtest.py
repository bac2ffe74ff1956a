"""A/B plans: which two RSAs of an ad group run against each other, the split, and the
impressions each needs to detect a relative CTR lift.

Sample size per variant for comparing two proportions (two-sided test, normal approximation;
Fleiss, Statistical Methods for Rates and Proportions, eq. 4.14 without continuity correction):

    n = ( z(1-a/2) * sqrt(2 p (1-p)) + z(1-b) * sqrt(p1 (1-p1) + p2 (1-p2)) )^2 / (p2 - p1)^2

with p1 the baseline CTR, p2 = p1 (1 + lift), p = (p1 + p2) / 2. The continuity-corrected
version (Fleiss, Levin and Paik) multiplies by (1 + sqrt(1 + 4 / (n |p2 - p1|)))^2 / 4."""

from __future__ import annotations

import math
from statistics import NormalDist

from shared.models import ABTest, AdGroup

# Typical search CTRs by ad group theme (brand searches click far more than discovery ones).
BASELINE_CTR = {
    "brand": 0.08,
    "release": 0.05,
    "tickets": 0.06,
    "merch": 0.04,
    "presave": 0.04,
    "similar_artists": 0.03,
    "genre_trend": 0.025,
}
DEFAULT_CTR = 0.04
DEFAULT_LIFT = 0.2
ASSUMED_CPC = 0.5  # USD per click, to turn a daily budget into impressions


def sample_size(
    p1: float, lift: float, alpha: float = 0.05, power: float = 0.8, continuity: bool = False
) -> int:
    if not 0 < p1 < 1 or lift <= 0 or not 0 < p1 * (1 + lift) < 1:
        raise ValueError("baseline CTR must be in (0, 1) and the lifted CTR below 1")
    p2 = p1 * (1 + lift)
    pbar = (p1 + p2) / 2
    z_a = NormalDist().inv_cdf(1 - alpha / 2)
    z_b = NormalDist().inv_cdf(power)
    n = (z_a * math.sqrt(2 * pbar * (1 - pbar)) + z_b * math.sqrt(p1 * (1 - p1) + p2 * (1 - p2))) ** 2 / (
        p2 - p1
    ) ** 2
    if continuity:
        n = n / 4 * (1 + math.sqrt(1 + 4 / (n * abs(p2 - p1)))) ** 2
    return math.ceil(n)


def _score(group: AdGroup, i: int) -> tuple[int, float]:
    ad = group.ads[i]
    ok = 1 if (ad.compliance is None or ad.compliance.compliant) else 0
    strength = (ad.ad_strength.score or 0.0) if ad.ad_strength else 0.0
    return ok, strength


def plan(group: AdGroup, daily_budget: float | None = None, lift: float = DEFAULT_LIFT) -> ABTest | None:
    """The two best compliant RSAs with different angles (else the two best), split 50/50."""
    if len(group.ads) < 2:
        return None
    order = sorted(range(len(group.ads)), key=lambda i: _score(group, i), reverse=True)
    a = order[0]
    b = next((i for i in order[1:] if group.ads[i].angle != group.ads[a].angle), order[1])
    a, b = sorted((a, b))
    ctr = BASELINE_CTR.get(group.theme, DEFAULT_CTR)
    n = sample_size(ctr, lift)
    days = None
    if daily_budget and daily_budget > 0:
        impressions_per_day = daily_budget / ASSUMED_CPC / ctr
        days = round(2 * n / impressions_per_day, 1)
    return ABTest(
        ad_group=group.name,
        variant_a=a,
        variant_b=b,
        angle_a=group.ads[a].angle,
        angle_b=group.ads[b].angle,
        split=[50, 50],
        baseline_ctr=ctr,
        min_detectable_lift=lift,
        impressions_per_variant=n,
        estimated_days=days,
    )
