"""The campaign's structure from the goals: the daily budget split over the goals and their ad groups,
and one Google Ads campaign per goal with its own budget, locations, languages, bid strategy with a
CPC cap, and ad rotation. Per-ad-group budgets cannot be applied inside one Google Ads campaign, so
the budget a goal gets is its campaign's budget; the per-group split is the planning figure behind it.

Every euro goes to ad groups that serve a goal the marketer picked and land on a page that fits it
(shared/themes.py plans them; shared/landing.py checks them)."""

from __future__ import annotations

from collections.abc import Iterable

from optimizer import abtest
from shared.models import ABTest, AdGroup, AdsCampaign, CampaignRecord
from shared.themes import GOAL_LABELS, GOAL_ORDER, goal_of

# Within a goal, how its budget is shared by its groups: the searches that convert get more.
GROUP_WEIGHT: dict[str, float] = {
    "brand": 3,
    "release": 3,
    "similar_artists": 2,
    "genre_trend": 1,
    "tickets": 2,
    "city": 2,
    "merch": 1,
    "presave": 1,
    "followers": 1,
}
# The CPC cap is this multiple of the goal's baseline CPC in its dearest market: room to win the
# auction without letting Maximize clicks pay five times the going rate for a stray click.
CPC_CAP_FACTOR = 1.5


def group_goal(group: AdGroup) -> str:
    return group.goal or goal_of(group.theme)


def split(groups: Iterable[AdGroup], budget: float) -> dict[str, float]:
    """Ad group name -> daily budget: an equal share per goal (the marketer picked them; nothing we
    know ranks one above another), then by GROUP_WEIGHT within the goal. Sums to `budget`."""
    by_goal: dict[str, list[AdGroup]] = {}
    for g in groups:
        by_goal.setdefault(group_goal(g), []).append(g)
    if not by_goal:
        return {}
    share = budget / len(by_goal)
    out: dict[str, float] = {}
    for members in by_goal.values():
        weights = {g.name: GROUP_WEIGHT.get(abtest.baseline_kind(g.theme), 1) for g in members}
        total = sum(weights.values()) or 1
        for name, w in weights.items():
            out[name] = round(share * w / total, 2)
    first = next(iter(out))  # rounding: the first group absorbs the cents
    out[first] = round(out[first] + budget - sum(out.values()), 2)
    return out


def campaign_name(record: CampaignRecord, goal: str, language: str | None = None) -> str:
    lang = f" ({language.upper()})" if language and len(record.request.languages) > 1 else ""
    return f"{record.request.artist} - {GOAL_LABELS.get(goal, goal.title())}{lang} - {record.id}"


def locations(record: CampaignRecord, goal: str, groups: list[AdGroup]) -> list[str]:
    """The targeted countries; a ticket campaign only where its shows are (geo focus from the tour)."""
    countries = list(record.request.countries)
    if goal != "tickets":
        return countries
    ins = record.campaign.insights
    shows = {e.country for e in (ins.events if ins else []) if e.country in countries}
    sold = {e.country for e in (ins.events if ins else []) for g in groups if e.ticket_url == g.final_url}
    focus = [c for c in countries if c in shows or c in sold]
    has_general = any(g.theme == "tickets" for g in groups)
    return countries if has_general or not focus else focus


def build(
    record: CampaignRecord, groups: list[AdGroup], budget_split: dict[str, float], tests: list[ABTest]
) -> list[AdsCampaign]:
    req = record.request
    testing = {t.ad_group for t in tests if t.status != "not_proposed"}
    out: list[AdsCampaign] = []
    # One campaign per goal and language: Google Ads targets languages per campaign, and a search in
    # German should meet the German ads only.
    # A requested language nobody wrote ads in is targeted by the first language's campaign (its
    # speakers see the ads they can get rather than none).
    languages = list(req.languages)

    def lang_of(g: AdGroup) -> str:
        return g.language if g.language in languages else languages[0]

    written = [lang for lang in languages if any(lang_of(g) == lang for g in groups)] or languages[:1]
    for goal in GOAL_ORDER:
        for lang in written:
            members = [g for g in groups if group_goal(g) == goal and lang_of(g) == lang]
            if not members:
                continue
            targeted = [lang] + ([x for x in languages if x not in written] if lang == written[0] else [])
            where = locations(record, goal, members)
            cap = max(abtest.baseline(g.theme, where, req.currency)[1] for g in members) * CPC_CAP_FACTOR
            out.append(
                AdsCampaign(
                    name=campaign_name(record, goal, lang if len(written) > 1 else None),
                    goal=goal,
                    ad_groups=[g.name for g in members],
                    daily_budget=round(sum(budget_split.get(g.name, 0.0) for g in members), 2),
                    currency=req.currency,
                    locations=where,
                    languages=targeted,
                    bid_strategy="maximize_clicks",
                    max_cpc=round(cap, 2),
                    # Even rotation while an A/B test runs (Google's "optimize" would starve the
                    # loser before the test can read it); "optimize" where nothing is tested.
                    ad_rotation="rotate_indefinitely"
                    if any(g.name in testing for g in members)
                    else "optimize",
                )
            )
    return out


def campaigns_of(record: CampaignRecord) -> list[AdsCampaign]:
    """The record's Google Ads campaigns; for a record made before they were stored, derived the
    same way from its ad groups."""
    if record.campaign.campaigns:
        return record.campaign.campaigns
    groups = record.campaign.ad_groups
    budget_split = record.campaign.budget_split or split(groups, record.request.daily_budget)
    return build(record, groups, budget_split, record.campaign.ab_tests)
