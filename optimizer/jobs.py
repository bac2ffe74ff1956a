"""The OPTIMIZER's RQ job. `optimize(campaign_id, revision)` fixes and checks every ad of every
drafted ad group, scores ad strength, builds keywords and negatives, and saves one "optimized"
part per theme plus the campaign "plan" (negatives, A/B tests, budget split, targeting).

Idempotent: it reads the drafts and writes parts keyed by theme, so a re-run overwrites the same
parts with the same content."""

from __future__ import annotations

from typing import Any

from optimizer import abtest, keywords, structure
from optimizer.context import check_context
from optimizer.fixer import fix_ad
from optimizer.strength import ad_strength
from shared import claims, pipeline, store, themes
from shared.events import emit_progress
from shared.models import (
    ABTest,
    AdGroup,
    CampaignRecord,
    ComplianceReport,
    Finding,
    Insights,
    Keyword,
    ResponsiveSearchAd,
)

STAGE = "optimizing"


def _found(record: CampaignRecord) -> Insights | None:
    ins = record.campaign.insights
    return ins if ins and ins.found else None


def plan_keywords(record: CampaignRecord, order: list[str]) -> dict[str, tuple[list[Keyword], list[Keyword]]]:
    """theme -> (keywords, negatives) for every drafted group: built from the names (shared/brand.py
    variants), one group per keyword within each Google Ads campaign, cross-group exact negatives."""
    req, ins = record.request, _found(record)
    plan = themes.plan(req, record.campaign.insights)
    names = [req.artist] + ([ins.profile.name] if ins and ins.profile else [])
    forms = list(dict.fromkeys(f for n in names for f in keywords.name_forms(n)))
    ambiguous = bool(keywords.ambiguity(req.artist))
    release = req.release or (ins.latest_release.title if ins and ins.latest_release else None)
    tracks = [t.title for t in ins.top_tracks[:4]] if ins else []
    genres = list(ins.genres[:3]) if ins else []
    language = req.languages[0]
    formats = []
    if req.brief:
        ev = claims.evidence(req, record.campaign.insights, final_url=None)
        formats = [f for f in keywords.FORMAT_WORDS if claims.brief_backs("format", f, ev)]
    by_goal: dict[tuple[str, str], dict[str, list[Keyword]]] = {}
    for theme in order:
        spec = plan.spec(theme)
        shows = [e for _, e in spec.events] if spec else []
        kws = keywords.group_keywords(
            themes.split_theme(theme)[0],
            themes.goal_of(theme),
            forms,
            ambiguous,
            release=release,
            tracks=tracks,
            genres=genres,
            cities=list(dict.fromkeys(e.city for e in shows)),
            venues=list(dict.fromkeys(e.venue for e in shows if e.venue)),
            formats=formats,
            language=themes.split_theme(theme)[1] or language,
        )
        # One Google Ads campaign per goal and language: keywords are deduplicated within it.
        by_goal.setdefault((themes.goal_of(theme), themes.split_theme(theme)[1] or language), {})[theme] = kws
    out: dict[str, tuple[list[Keyword], list[Keyword]]] = {}
    for groups in by_goal.values():
        kept, cross = keywords.dedupe_campaign(groups)
        for theme, kws in kept.items():
            out[theme] = (kws, [*keywords.negatives_for(themes.split_theme(theme)[0]), *cross[theme]])
    return out


def _optimize_group(
    record: CampaignRecord, theme: str, group: AdGroup, planned: tuple[list[Keyword], list[Keyword]]
) -> tuple[AdGroup, dict[str, Any]]:
    insights = _found(record)
    req = record.request
    kws, group_negs = planned
    ctx = check_context(record, group, kws)
    spec = themes.plan(req, record.campaign.insights).spec(theme)
    final_url = group.final_url or (spec.final_url if spec else None) or record.campaign.final_url
    events = list(spec.events) if spec and spec.events else None
    if events is None and insights:
        events = [(i, e) for i, e in enumerate(insights.events) if e.country in req.countries]
    evidence = claims.evidence(
        req,
        record.campaign.insights,
        final_url=final_url,
        goal=group.goal or themes.goal_of(theme),
        events=events,
        language=group.language,
    )
    ads: list[ResponsiveSearchAd] = []
    fixes = disapproved = 0
    for ad in group.ads:
        if not ad.final_url and final_url:
            ad = ad.model_copy(update={"final_url": final_url})
        fixed, changes, findings = fix_ad(ad, ctx, advisory=True, artist=req.artist)
        fixed = ResponsiveSearchAd.model_validate(fixed.model_dump())
        # The ledger again, on the text as fixed: a fix must not leave a claim nothing backs.
        fixed.claims = claims.ledger(fixed, evidence)
        findings = [
            *findings,
            *(
                Finding(
                    policy="unsupported_claim",
                    severity="disapproved",
                    field=c.field,
                    message=f"'{c.text}' ({c.kind.replace('_', ' ')}): {c.reason}",
                )
                for c in fixed.claims
                if not c.supported
            ),
        ]
        compliant = not any(f.severity == "disapproved" for f in findings)
        fixed.compliance = ComplianceReport(compliant=compliant, findings=findings, changes=changes)
        fixed.ad_strength = ad_strength(fixed, ctx.keywords)
        ads.append(fixed)
        fixes += len(changes)
        disapproved += sum(1 for f in findings if f.severity == "disapproved")
    notes = [n for n in group.notes if not n.startswith("optimizer:")]
    out = group.model_copy(
        update={
            "ads": ads,
            "keywords": kws,
            "negatives": group_negs,
            "notes": notes,
            "goal": group.goal or themes.goal_of(theme),
            "final_url": final_url,
        }
    )
    ratings = [a.ad_strength.rating for a in ads if a.ad_strength]
    return out, {"fixes": fixes, "disapproved": disapproved, "ad_strength": ratings, "keywords": len(kws)}


def campaign_negatives(record: CampaignRecord) -> list[Keyword]:
    """Pirates and freeloaders everywhere, plus what the artist's name means besides the artist."""
    out = keywords.campaign_negatives() + keywords.ambiguity_negatives(record.request.artist)
    return list({k.text: k for k in out}.values())


def _ab_tests(record: CampaignRecord, groups: list[AdGroup], split: dict[str, float]) -> list[ABTest]:
    req = record.request
    tests: list[ABTest] = []
    for g in groups:
        picked = abtest._pick(g)
        if picked is None:
            continue
        angles = {g.ads[picked[0]].angle, g.ads[picked[1]].angle}
        pool = []
        for other in groups:
            p = abtest._pick(other)
            if other.goal == g.goal and p and {other.ads[p[0]].angle, other.ads[p[1]].angle} == angles:
                pool.append((other, split.get(other.name, 0.0)))
        where = structure.locations(record, g.goal or themes.goal_of(g.theme), [g])
        t = abtest.plan(g, split.get(g.name, 0.0), countries=where, currency=req.currency, pool=pool)
        if t:
            tests.append(t)
    return tests


def optimize(campaign_id: str, revision: int = 0) -> dict[str, Any]:
    record = store.require(campaign_id)
    drafts = store.get_parts(campaign_id, "drafts")
    order = [t for t in record.campaign.themes if t in drafts] + sorted(
        t for t in drafts if t not in record.campaign.themes
    )
    summary: dict[str, Any] = {"campaign_id": campaign_id, "revision": revision, "themes": {}}
    optimized: dict[str, AdGroup] = {}
    planned = plan_keywords(record, order)
    for n, theme in enumerate(order):
        draft = AdGroup.model_validate(drafts[theme])
        # The part key may carry a language ("brand@de"); the plan is looked up by the key.
        group, stats = _optimize_group(record, theme, draft, planned.get(theme, ([], [])))
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
    groups = [g for g in optimized.values() if g.ads]
    split = structure.split(groups, req.daily_budget)
    tests = _ab_tests(record, groups, split)
    gaps = themes.plan(req, record.campaign.insights).gaps
    plan = {
        "negatives": [k.model_dump() for k in campaign_negatives(record)],
        "ab_tests": [t.model_dump() for t in tests],
        "budget_split": split,
        "campaigns": [c.model_dump() for c in structure.build(record, groups, split, tests)],
        "goal_gaps": [g.model_dump() for g in gaps],
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
        f" fixes, {total_dis} disapproved findings left, {len(tests)} A/B tests planned"
        + (f"; no ads for {', '.join(g.goal for g in gaps)} (see why)" if gaps else ""),
        data={"disapproved": total_dis},
    )
    summary["disapproved"] = {t: s["disapproved"] for t, s in summary["themes"].items()}
    return summary
