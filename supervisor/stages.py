"""The crew's stage hooks, named by dotted path in `shared.pipeline.STAGES` and run by the interpreter
in `supervisor.pipeline`. `enter_*` build the move into a stage (the data it reads, merged from the
previous stage's parts, and its "started" message); fan-outs list a stage's jobs; `after_validation`
routes the revision loop. A hook raises `StageFailed` to fail the campaign (by default blaming the
stage being left)."""

from __future__ import annotations

from typing import Any

from shared import store
from shared.models import (
    AdGroup,
    CampaignRecord,
    CampaignRequest,
    CostEntry,
    CreativeBrief,
    Insights,
    Keyword,
)
from shared.models.campaign import ABTest, AdsCampaign, GoalGap
from shared.pipeline import Entry, Task
from shared.settings import get_settings
from shared.themes import plan as theme_plan
from shared.themes import theme_label, with_languages
from shared.timeutil import parse_iso


class StageFailed(Exception):
    """Fail the campaign with `reason`; `stage` defaults to the stage the step was leaving."""

    def __init__(self, reason: str, stage: str | None = None):
        super().__init__(reason)
        self.stage, self.reason = stage, reason


def _names(themes: list[str] | set[str]) -> str:
    return ", ".join(theme_label(t) for t in themes)  # "Brand (DE)" for a further language


# ---------------------------------------------------------------- analyzing


def enter_analyzing(record: CampaignRecord, round_: int) -> Entry:
    # The sources are the ANALYST's (its registry runs the fan-out on its own queue).
    return Entry(f"Researching {record.request.artist}")


# ---------------------------------------------------------------- writing


def enter_writing(record: CampaignRecord, round_: int) -> Entry:
    parts = store.get_parts(record.id, "insights")
    if "insights" not in parts:
        raise StageFailed("the insights could not be built (the aggregate job failed); see the admin API")
    insights = _slim(Insights.model_validate(parts["insights"]))
    plan = theme_plan(record.request, insights)
    themes = with_languages(plan.themes, record.request)
    if not themes:
        # Every goal lacks a page to land on: no ad can be honest, so say what to add.
        raise StageFailed(
            "no goal has a landing page that fits it: "
            + "; ".join(f"{g.goal}: {g.reason} (add {g.add})" for g in plan.gaps),
            "writing",
        )
    final_url, url_source = final_url_of(record.request, insights)

    def apply(rec: CampaignRecord) -> None:
        rec.campaign.insights = insights
        rec.campaign.themes = themes
        rec.campaign.final_url = final_url
        rec.campaign.final_url_source = url_source

    answered = [n for n, r in insights.sources.items() if r.provenance != "missing"]
    return Entry(
        f"Writing {len(themes)} ad groups: {_names(themes)}",
        apply,
        {"themes": themes, "sources_answered": answered, "final_url": final_url},
        consumed=("sources", "insights"),  # the insights (with every source's report) live in the record
    )


# What each source found in bulk, once merged into the insights' own fields (where every figure keeps
# its source and provenance): the record keeps it there, not a second time under `sources`.
MERGED = {
    "top_tracks",
    "releases",
    "related",
    "regions",
    "interest_over_time",
    "related_queries",
    "youtube",
    "events",
}


def _slim(insights: Insights) -> Insights:
    for report in insights.sources.values():
        kept = report.data.model_dump(exclude=MERGED & set(type(report.data).model_fields))
        report.data = type(report.data).model_validate(kept)
    return insights


def ad_groups(record: CampaignRecord, round_: int) -> list[Task]:
    # The creative brief goes first: it is short, and otherwise it queues behind the ad groups.
    brief = Task("brief", (), job="marketing.jobs.write_creative_brief")
    return [brief] + [Task(theme, (theme, round_, None)) for theme in record.campaign.themes]


# ---------------------------------------------------------------- optimizing


def enter_optimizing(record: CampaignRecord, round_: int) -> Entry:
    drafts = store.count_parts(record.id, "drafts")
    if not drafts:
        raise StageFailed("no ad group could be written; see the admin API for the failed jobs")
    return Entry(f"Checking {drafts} ad groups against Google Ads policies", data={"round": round_})


# ---------------------------------------------------------------- validating and the revision loop


def _optimized(cid: str) -> dict[str, AdGroup]:
    return {t: AdGroup.model_validate(g) for t, g in store.get_parts(cid, "optimized").items()}


def _offending(optimized: dict[str, AdGroup]) -> dict[str, list[Any]]:
    return {t: g.disapproved() for t, g in optimized.items() if g.disapproved()}


def enter_validating(record: CampaignRecord, round_: int) -> Entry:
    optimized = _optimized(record.id)
    if not optimized:
        raise StageFailed("the optimizer produced no ad group; see the admin API for the failed jobs")
    offending = _offending(optimized)
    n_ads = sum(len(g.ads) for g in optimized.values())
    return Entry(
        f"Validating {n_ads} ads"
        + (
            f": {len(offending)} ad groups still have disapproved findings"
            if offending
            else ": all compliant"
        ),
        data={"round": round_, "offending": sorted(offending)},
    )


def after_validation(record: CampaignRecord, round_: int) -> tuple[str, int]:
    """Ads with a disapproved finding go back to MARKETING while revision rounds are left."""
    if _offending(_optimized(record.id)) and round_ < get_settings().MAX_REVISION_ROUNDS:
        return "revising", round_ + 1
    return "done", round_


def enter_revising(record: CampaignRecord, round_: int) -> Entry:
    offending = _offending(_optimized(record.id))
    return Entry(
        f"Round {round_}: rewriting {_names(sorted(offending))} "
        f"to fix {sum(len(f) for f in offending.values())} disapproved findings",
        data={"round": round_, "themes": sorted(offending)},
    )


def rewrites(record: CampaignRecord, round_: int) -> list[Task]:
    offending = _offending(_optimized(record.id))
    return [
        Task(theme, (theme, round_, [f.model_dump() for f in findings]))
        for theme, findings in sorted(offending.items())
    ]


# ---------------------------------------------------------------- done


def enter_done(record: CampaignRecord, round_: int) -> Entry:
    """Accept only ads with no disapproved finding. After the last revision round, ads that still
    have one are dropped (and listed with why), never exported."""
    cid = record.id
    optimized = _optimized(cid)
    offending = _offending(optimized)
    dropped: list[dict[str, Any]] = []
    groups: list[AdGroup] = []
    for theme in record.campaign.themes or list(optimized):
        group = optimized.get(theme)
        if group is None:
            dropped.append({"ad_group": theme, "reason": "the writer failed for this ad group"})
            continue
        if theme in offending:
            keep = []
            for i, ad in enumerate(group.ads):
                bad = [
                    f
                    for f in (ad.compliance.findings if ad.compliance else [])
                    if f.severity == "disapproved"
                ]
                if bad:
                    dropped.append(
                        {
                            "ad_group": group.name,
                            "ad": i,
                            "reason": "; ".join(f"{f.policy}: {f.message}" for f in bad),
                        }
                    )
                else:
                    keep.append(ad)
            group.ads = keep
        if group.ads:
            groups.append(group)
    if not groups:
        reasons = "; ".join(d["reason"] for d in dropped[:3])
        raise StageFailed(
            f"no ad passed Google Ads policy checks after the revision rounds ({reasons})", "validating"
        )

    plan = store.get_parts(cid, "plan").get("plan", {})
    brief = store.get_parts(cid, "brief").get("creative_brief")
    costs = [
        CostEntry.model_validate(c) for entries in store.get_parts(cid, "costs").values() for c in entries
    ]
    names = {g.name for g in groups}
    # An A/B test names ads by position: a group that lost an ad at validation has no valid test.
    shrunk = {d["ad_group"] for d in dropped if "ad" in d}

    def apply(rec: CampaignRecord) -> None:
        out = rec.campaign
        out.ad_groups = groups
        out.negatives = [Keyword.model_validate(k) for k in plan.get("negatives", [])]
        out.ab_tests = [
            ABTest.model_validate(t)
            for t in plan.get("ab_tests", [])
            if t.get("ad_group") in names and t.get("ad_group") not in shrunk
        ]
        out.budget_split = _rebalance(plan.get("budget_split", {}), names, rec.request.daily_budget)
        out.targeting = plan.get("targeting", {})
        out.goal_gaps = [GoalGap.model_validate(g) for g in plan.get("goal_gaps", [])]
        out.campaigns = []
        for raw in plan.get("campaigns", []):
            camp = AdsCampaign.model_validate(raw)
            camp.ad_groups = [n for n in camp.ad_groups if n in names]
            if not camp.ad_groups:
                out.goal_gaps.append(
                    GoalGap(
                        goal=camp.goal,
                        reason="every ad of this goal was dropped at validation (see dropped)",
                        add="a rewrite of its ads, or the pages and facts they need",
                    )
                )
                continue
            camp.daily_budget = round(sum(out.budget_split.get(n, 0.0) for n in camp.ad_groups), 2)
            out.campaigns.append(camp)
        out.creative_brief = CreativeBrief.model_validate(brief) if brief else None
        out.costs = costs
        out.dropped = dropped
        out.timings = timings(rec)

    n_ads = sum(len(g.ads) for g in groups)
    usd = sum(c.usd for c in costs)
    return Entry(
        f"Campaign ready: {len(groups)} ad groups, {n_ads} ads, all compliant"
        + (f" ({len(dropped)} dropped)" if dropped else "")
        + f"; LLM cost ${usd:.4f}",
        apply,
        {"ad_groups": len(groups), "ads": n_ads, "dropped": len(dropped)},
    )


# ---------------------------------------------------------------- helpers


def final_url_of(request: CampaignRequest, insights: Insights) -> tuple[str | None, str | None]:
    """The request's URL, else the artist's page on a platform we found them on (never invented)."""
    if request.final_url:
        return request.final_url, "request"
    if insights.profile:
        for platform in ("spotify", "deezer", "youtube", "chartmetric"):
            link = insights.profile.links.get(platform)
            if link and link.startswith("https://"):
                return link, platform
    return None, None


def _rebalance(split: dict[str, float], names: set[str], budget: float) -> dict[str, float]:
    """Budget over the ad groups that survived validation, in the optimizer's proportions."""
    kept = {n: v for n, v in split.items() if n in names and v > 0}
    if not kept:
        return {n: round(budget / len(names), 2) for n in sorted(names)} if names else {}
    total = sum(kept.values())
    return {n: round(budget * v / total, 2) for n, v in kept.items()}


def timings(rec: CampaignRecord) -> dict[str, float]:
    """Seconds spent in each state, from the history marks."""
    out: dict[str, float] = {}
    marks = rec.history
    for cur, nxt in zip(marks, marks[1:], strict=False):
        secs = (parse_iso(nxt.at) - parse_iso(cur.at)).total_seconds()
        out[cur.state] = round(out.get(cur.state, 0.0) + secs, 3)
    if len(marks) > 1:
        out["total"] = round((parse_iso(marks[-1].at) - parse_iso(marks[0].at)).total_seconds(), 3)
    return out
