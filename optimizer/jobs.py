"""The OPTIMIZER's RQ job. `optimize(campaign_id, revision)` fixes and checks every ad of every
drafted ad group, scores ad strength, builds keywords and negatives, and saves one "optimized"
part per theme plus the campaign "plan" (negatives, A/B tests, budget split, targeting).

Idempotent: it reads the drafts and writes parts keyed by theme, so a re-run overwrites the same
parts with the same content."""

from __future__ import annotations

from typing import Any

from optimizer import abtest, keywords
from optimizer.context import check_context
from optimizer.fixer import fix_ad
from optimizer.strength import ad_strength
from shared import pipeline, store
from shared.events import emit_progress
from shared.models import AdGroup, CampaignRecord, ComplianceReport, Insights, Keyword, ResponsiveSearchAd

STAGE = "optimizing"
# Share of the daily budget by theme: brand searches are cheap and convert, discovery costs more.
BUDGET_WEIGHT = {
    "brand": 3,
    "release": 3,
    "tickets": 3,
    "presave": 2,
    "merch": 2,
    "similar_artists": 2,
    "genre_trend": 1,
}
THEME_WORDS = {
    "tickets": ("tour", "ticket", "tickets", "concert", "live", "show", "gig"),
    "merch": ("merch", "shirt", "hoodie", "vinyl", "poster", "store", "shop"),
    "presave": ("presave", "pre-save", "new album", "new single", "release"),
}


def _relevant_seeds(theme: str, insights: Insights | None, artist: str, release: str | None) -> list[str]:
    """The insights' keyword seeds that belong to this ad group's theme."""
    if not insights:
        return []
    seeds = [s for s in insights.keyword_seeds if s.strip()]
    low = artist.lower()
    similar = [a.name.lower() for a in insights.similar_artists]
    if theme == "brand":
        return [
            s
            for s in seeds
            if low in s.lower() and not any(w in s.lower() for ws in THEME_WORDS.values() for w in ws)
        ]
    if theme == "release":
        titles = [
            t.lower()
            for t in ([release] if release else [])
            + [t.title for t in insights.top_tracks[:5]]
            + ([insights.latest_release.title] if insights.latest_release else [])
            if t
        ]
        return [s for s in seeds if any(t in s.lower() for t in titles)]
    if theme == "similar_artists":
        return [s for s in seeds if any(a in s.lower() for a in similar)]
    if theme == "genre_trend":
        genres = [g.lower() for g in insights.genres]
        return [s for s in seeds if any(g in s.lower() for g in genres)] + [
            q.query for q in insights.related_queries
        ]
    words = THEME_WORDS.get(theme, ())
    return [s for s in seeds if any(w in s.lower() for w in words)]


def _default_keywords(
    theme: str, artist: str, release: str | None, insights: Insights | None
) -> list[Keyword]:
    a = artist.lower()
    kws = {
        "brand": [Keyword(text=a, match_type="exact"), Keyword(text=a, match_type="phrase")],
        "release": [
            Keyword(text=f"{a} {release.lower()}" if release else f"{a} new album", match_type="phrase")
        ],
        "tickets": [Keyword(text=f"{a} tickets"), Keyword(text=f"{a} tour")],
        "merch": [Keyword(text=f"{a} merch"), Keyword(text=f"{a} vinyl")],
        "presave": [Keyword(text=f"{a} new album"), Keyword(text=f"{a} presave")],
        "similar_artists": [
            Keyword(text=s.name.lower()) for s in (insights.similar_artists[:5] if insights else [])
        ],
        "genre_trend": [
            Keyword(text=f"new {g.lower()} music", match_type="broad")
            for g in (insights.genres[:3] if insights else [])
        ],
    }
    return kws.get(theme, [])


def _optimize_group(record: CampaignRecord, theme: str, group: AdGroup) -> tuple[AdGroup, dict[str, Any]]:
    insights = (
        record.campaign.insights if record.campaign.insights and record.campaign.insights.found else None
    )
    req = record.request
    ideas = [
        *group.keywords,
        *_default_keywords(theme, req.artist, req.release, insights),
        *_relevant_seeds(theme, insights, req.artist, req.release),
    ]
    group_negs = keywords.negatives_for(theme)
    kws, dropped = keywords.build(ideas, [*keywords.CAMPAIGN_NEGATIVES, *(n.text for n in group_negs)])
    ctx = check_context(record, group, kws)
    ads: list[ResponsiveSearchAd] = []
    fixes = disapproved = 0
    for ad in group.ads:
        if not ad.final_url and record.campaign.final_url:
            ad = ad.model_copy(update={"final_url": record.campaign.final_url})
        fixed, changes, findings = fix_ad(ad, ctx, advisory=True, artist=req.artist)
        fixed = ResponsiveSearchAd.model_validate(fixed.model_dump())
        compliant = not any(f.severity == "disapproved" for f in findings)
        fixed.compliance = ComplianceReport(compliant=compliant, findings=findings, changes=changes)
        fixed.ad_strength = ad_strength(fixed, ctx.keywords)
        ads.append(fixed)
        fixes += len(changes)
        disapproved += sum(1 for f in findings if f.severity == "disapproved")
    notes = [n for n in group.notes if not n.startswith("optimizer:")] + [
        f"optimizer: dropped keyword {d}" for d in dropped
    ]
    out = group.model_copy(update={"ads": ads, "keywords": kws, "negatives": group_negs, "notes": notes})
    ratings = [a.ad_strength.rating for a in ads if a.ad_strength]
    return out, {"fixes": fixes, "disapproved": disapproved, "ad_strength": ratings, "keywords": len(kws)}


def _budget_split(groups: dict[str, AdGroup], budget: float) -> dict[str, float]:
    weights = {g.name: BUDGET_WEIGHT.get(theme, 1) for theme, g in groups.items()}
    total = sum(weights.values()) or 1
    split = {name: round(budget * w / total, 2) for name, w in weights.items()}
    if split:  # rounding: the first group absorbs the cents so the split sums to the budget
        first = next(iter(split))
        split[first] = round(split[first] + budget - sum(split.values()), 2)
    return split


def optimize(campaign_id: str, revision: int = 0) -> dict[str, Any]:
    record = store.require(campaign_id)
    drafts = store.get_parts(campaign_id, "drafts")
    order = [t for t in record.campaign.themes if t in drafts] + sorted(
        t for t in drafts if t not in record.campaign.themes
    )
    summary: dict[str, Any] = {"campaign_id": campaign_id, "revision": revision, "themes": {}}
    optimized: dict[str, AdGroup] = {}
    for n, theme in enumerate(order):
        draft = AdGroup.model_validate(drafts[theme])
        # The part key may carry a language ("brand@de"); the group's own theme drives keywords.
        group, stats = _optimize_group(record, draft.theme or theme, draft)
        store.save_part(campaign_id, "optimized", theme, group)
        optimized[theme] = group
        summary["themes"][theme] = stats
        best = max(
            stats["ad_strength"],
            key=["Incomplete", "Poor", "Average", "Good", "Excellent"].index,
            default="n/a",
        )
        emit_progress(
            campaign_id,
            stage="optimizing",
            agent="optimizer",
            step=theme,
            status="progress",
            pct=pipeline.pct(STAGE, (n + 1) / (len(order) + 1)),
            message=f"{group.name}: {stats['fixes']} fixes, {stats['disapproved']} disapproved left, "
            f"ad strength {best}, {stats['keywords']} keywords",
            data=stats,
        )
    req = record.request
    tests = [
        t
        for t in (
            abtest.plan(g, req.daily_budget * _budget_split(optimized, 1.0).get(g.name, 0))
            for g in optimized.values()
        )
        if t
    ]
    plan = {
        "negatives": [k.model_dump() for k in keywords.campaign_negatives()],
        "ab_tests": [t.model_dump() for t in tests],
        "budget_split": _budget_split(optimized, req.daily_budget),
        "targeting": {
            "countries": req.countries,
            "languages": req.languages,
            "platforms": req.platforms,
            "bidding": "maximize_clicks",
            "networks": ["search"],
            "search_partners": False,
            "currency": req.currency,
            "daily_budget": req.daily_budget,
        },
    }
    store.save_part(campaign_id, "plan", "plan", plan)
    total_dis = sum(s["disapproved"] for s in summary["themes"].values())
    emit_progress(
        campaign_id,
        stage="optimizing",
        agent="optimizer",
        step="plan",
        status="done",
        pct=pipeline.pct(STAGE, 1.0),
        message=f"Optimized {len(optimized)} ad groups: {sum(s['fixes'] for s in summary['themes'].values())}"
        f" fixes, {total_dis} disapproved findings left, {len(tests)} A/B tests planned",
        data={"disapproved": total_dis},
    )
    summary["disapproved"] = {t: s["disapproved"] for t, s in summary["themes"].items()}
    return summary
