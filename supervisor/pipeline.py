"""The campaign state machine. Each function here is one short step, run as a SUPERVISOR job when the
previous stage's jobs have finished (RQ dependencies), never by a process that sleeps and polls:

    received → analyzing → writing → optimizing → validating → done
                              ↑                       |
                              └──── revising ←────────┘   (at most MAX_REVISION_ROUNDS)
    any state → failed (with the reason and the stage that failed)

Every step is idempotent: it checks the state it expects, moves the record, then enqueues the next
stage under deterministic job ids (see `_advance` for why in that order and how a re-delivered step
recovers)."""

from __future__ import annotations

import contextlib
import logging
from typing import Any

from shared import events, store
from shared.models import (
    AdGroup,
    CampaignRecord,
    CampaignRequest,
    CostEntry,
    CreativeBrief,
    Insights,
    Keyword,
)
from shared.models.campaign import ABTest, FailureInfo, StageMark
from shared.models.insights import SOURCES
from shared.queues import enqueue, enqueue_batch, fetch_job, job_id
from shared.settings import get_settings
from shared.themes import THEMES, plan_themes
from shared.timeutil import parse_iso, utcnow_iso

log = logging.getLogger(__name__)

AGENT = "supervisor"
# Overall progress at the start of each stage; agents move pct within their stage's band.
PCT = {"received": 1, "analyzing": 3, "writing": 38, "optimizing": 68, "validating": 88, "done": 100}


class StageFailed(Exception):
    def __init__(self, stage: str, reason: str):
        super().__init__(reason)
        self.stage, self.reason = stage, reason


def _emit(cid: str, stage: str, step: str, status: str, pct: int, message: str, **data: Any) -> None:
    events.emit_progress(
        cid, stage=stage, agent=AGENT, step=step, status=status, pct=pct, message=message, data=data
    )


# ---------------------------------------------------------------- submission


def submit(request: CampaignRequest) -> CampaignRecord:
    """Store the campaign and its first job in one MULTI: both exist or neither does, so an error
    response never leaves a campaign that nothing will run. The "received" event goes first, so it
    is seq 1 whatever the workers do next; if storing then fails, it is removed again."""
    record = store.new_record(request, get_settings().BSC_MODE)
    _emit(record.id, "received", "received", "done", PCT["received"], f"Campaign received: {request.artist}")

    def first_job(pipe: Any) -> None:
        enqueue_batch(
            "supervisor", "supervisor.jobs.start", [((record.id,), job_id("sup", record.id, "start"))], pipe
        )

    try:
        return store.create(request, record.mode, record=record, also=first_job)
    except Exception:
        with contextlib.suppress(Exception):
            events.delete_events(record.id)
        raise


# ---------------------------------------------------------------- stages
#
# Each step moves the record first (state and the data the next stage reads, in one atomic write),
# then enqueues the next stage. The other order races: a fast worker would read the record before
# it has the insights, or a follow-up step would find the old state and skip, leaving the campaign
# hanging. A step re-delivered after a crash between the two finds the state already moved and
# enqueues only if its follow-up job does not exist yet (job ids are deterministic).


def _advance(
    cid: str,
    expected: set[str],
    new_state: str,
    follow_up: str,
    mutate: Any = None,
    round_: int | None = None,
) -> CampaignRecord | None:
    """Move `cid` to `new_state` (or find it already there, from an earlier delivery of this step)
    and return the record if the next stage still has to be enqueued; None if there is nothing to do."""
    record = store.require(cid)
    if round_ is not None and record.revision_round != round_ and record.state in expected:
        return None
    if record.state in expected:
        try:
            record = store.transition(cid, expected, new_state, mutate)
        except store.Conflict:
            record = store.require(cid)
            if record.state != new_state:
                return None
    elif record.state != new_state:
        return None  # already further along
    if fetch_job(follow_up) is not None:
        return None  # the next stage was enqueued by an earlier delivery
    return record


def start(cid: str) -> str:
    follow_up = job_id("sup", cid, "analyzed")
    record = _advance(cid, {"received"}, "analyzing", follow_up)
    if record is None:
        return "skipped"
    sources = list(SOURCES)
    _emit(
        cid,
        "analyzing",
        "research",
        "started",
        PCT["analyzing"],
        f"Researching {record.request.artist} on {len(sources)} sources",
        sources=sources,
    )
    collect = enqueue_batch(
        "analyst",
        "analyst.jobs.collect_source",
        [((cid, source), job_id("an", cid, source)) for source in sources],
    )
    aggregate = enqueue(
        "analyst", "analyst.jobs.aggregate", cid, id=job_id("an", cid, "aggregate"), depends_on=collect
    )
    enqueue("supervisor", "supervisor.jobs.after_analysis", cid, id=follow_up, depends_on=[aggregate])
    return "analyzing"


def after_analysis(cid: str) -> str:
    current = store.require(cid)
    if current.state not in ("analyzing", "writing"):
        return f"skipped: already {current.state}"
    parts = store.get_parts(cid, "insights")
    if "insights" not in parts:
        raise StageFailed(
            "analyzing", "the insights could not be built (the aggregate job failed); see the admin API"
        )
    insights = Insights.model_validate(parts["insights"])
    themes = plan_themes(current.request, insights)
    final_url, url_source = _final_url(current.request, insights)

    def apply(rec: CampaignRecord) -> None:
        rec.campaign.insights = insights
        rec.campaign.themes = themes
        rec.campaign.final_url = final_url
        rec.campaign.final_url_source = url_source

    follow_up = job_id("sup", cid, "written", "r0")
    if _advance(cid, {"analyzing"}, "writing", follow_up, apply) is None:
        return "skipped"
    answered = [n for n, r in insights.sources.items() if r.provenance != "missing"]
    _emit(
        cid,
        "writing",
        "plan",
        "started",
        PCT["writing"],
        f"Writing {len(themes)} ad groups: {', '.join(THEMES.get(t, t) for t in themes)}",
        themes=themes,
        sources_answered=answered,
        final_url=final_url,
    )
    # The creative brief goes first: it is short, and otherwise it queues behind the ad groups.
    writers = [
        enqueue("marketing", "marketing.jobs.write_creative_brief", cid, id=job_id("mk", cid, "brief"))
    ]
    writers += enqueue_batch(
        "marketing",
        "marketing.jobs.write_ad_group",
        [((cid, theme, 0, None), job_id("mk", cid, theme, "r0")) for theme in themes],
    )
    enqueue("supervisor", "supervisor.jobs.after_writing", cid, 0, id=follow_up, depends_on=writers)
    return "writing"


def after_writing(cid: str, revision: int) -> str:
    drafts = store.get_parts(cid, "drafts")
    current = store.require(cid)
    if current.state in ("writing", "revising") and current.revision_round == revision and not drafts:
        raise StageFailed("writing", "no ad group could be written; see the admin API for the failed jobs")
    follow_up = job_id("sup", cid, "optimized", f"r{revision}")
    if _advance(cid, {"writing", "revising"}, "optimizing", follow_up, round_=revision) is None:
        return "skipped"
    _emit(
        cid,
        "optimizing",
        "policy",
        "started",
        PCT["optimizing"],
        f"Checking {len(drafts)} ad groups against Google Ads policies",
        round=revision,
    )
    optimize = enqueue(
        "optimizer", "optimizer.jobs.optimize", cid, revision, id=job_id("op", cid, f"r{revision}")
    )
    enqueue("supervisor", "supervisor.jobs.validate", cid, revision, id=follow_up, depends_on=[optimize])
    return "optimizing"


def validate(cid: str, revision: int) -> str:
    record = store.require(cid)
    # A re-delivery after `_revise` moved the record (round + 1) but died before enqueuing: redo it.
    redo_revision = record.state == "revising" and record.revision_round == revision + 1
    if not redo_revision and (
        record.state not in ("optimizing", "validating") or record.revision_round != revision
    ):
        return f"skipped: {record.state} round {record.revision_round}"
    optimized = {t: AdGroup.model_validate(g) for t, g in store.get_parts(cid, "optimized").items()}
    if not optimized:
        raise StageFailed(
            "optimizing", "the optimizer produced no ad group; see the admin API for the failed jobs"
        )
    if redo_revision:
        return _revise(
            cid, revision + 1, {t: g.disapproved() for t, g in optimized.items() if g.disapproved()}
        )
    if record.state == "optimizing":
        record = _moved(cid, {"optimizing"}, "validating")
    offending = {t: g.disapproved() for t, g in optimized.items() if g.disapproved()}
    _emit(
        cid,
        "validating",
        "validate",
        "started",
        PCT["validating"],
        f"Validating {sum(len(g.ads) for g in optimized.values())} ads"
        + (
            f": {len(offending)} ad groups still have disapproved findings"
            if offending
            else ": all compliant"
        ),
        round=revision,
        offending=sorted(offending),
    )

    if offending and revision < get_settings().MAX_REVISION_ROUNDS:
        return _revise(cid, revision + 1, offending)
    return _finish(cid, record, optimized, offending)


def _revise(cid: str, revision: int, offending: dict[str, list[Any]]) -> str:
    def apply(rec: CampaignRecord) -> None:
        rec.revision_round = revision

    follow_up = job_id("sup", cid, "written", f"r{revision}")
    if _advance(cid, {"validating"}, "revising", follow_up, apply) is None:
        return "skipped"
    _emit(
        cid,
        "revising",
        "revise",
        "started",
        0,
        f"Round {revision}: rewriting {', '.join(THEMES.get(t, t) for t in sorted(offending))} "
        f"to fix {sum(len(f) for f in offending.values())} disapproved findings",
        round=revision,
        themes=sorted(offending),
    )
    writers = enqueue_batch(
        "marketing",
        "marketing.jobs.write_ad_group",
        [
            (
                (cid, theme, revision, [f.model_dump() for f in findings]),
                job_id("mk", cid, theme, f"r{revision}"),
            )
            for theme, findings in sorted(offending.items())
        ],
    )
    enqueue("supervisor", "supervisor.jobs.after_writing", cid, revision, id=follow_up, depends_on=writers)
    return "revising"


def _finish(
    cid: str, record: CampaignRecord, optimized: dict[str, AdGroup], offending: dict[str, list[Any]]
) -> str:
    """Accept only ads with no disapproved finding. After the last revision round, ads that still
    have one are dropped (and listed with why), never exported."""
    dropped: list[dict[str, Any]] = []
    groups: list[AdGroup] = []
    order = record.campaign.themes or list(optimized)
    for theme in order:
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
            "validating", f"no ad passed Google Ads policy checks after the revision rounds ({reasons})"
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
        out.creative_brief = CreativeBrief.model_validate(brief) if brief else None
        out.costs = costs
        out.dropped = dropped
        out.timings = _timings(rec)

    try:
        done = store.transition(cid, {"validating"}, "done", apply)
    except store.Conflict:
        return f"skipped: already {store.require(cid).state}"  # another delivery finished it (or it failed)
    n_ads = sum(len(g.ads) for g in groups)
    usd = sum(c.usd for c in costs)
    _emit(
        cid,
        "done",
        "done",
        "done",
        PCT["done"],
        f"Campaign ready: {len(groups)} ad groups, {n_ads} ads, all compliant"
        + (f" ({len(dropped)} dropped)" if dropped else "")
        + f"; LLM cost ${usd:.4f}",
        ad_groups=len(groups),
        ads=n_ads,
        dropped=len(dropped),
        total_s=done.campaign.timings.get("total"),
    )
    return "done"


def fail(cid: str, stage: str, reason: str) -> None:
    """Move any non-terminal campaign to failed, with the stage and the reason, and say so live."""
    moved = False

    def apply(rec: CampaignRecord) -> bool:
        nonlocal moved
        if rec.terminal:
            return False
        rec.history.append(StageMark(state="failed", at=utcnow_iso()))
        rec.state = "failed"
        rec.error = FailureInfo(stage=stage, reason=reason)
        rec.campaign.timings = _timings(rec)
        moved = True
        return True

    try:
        store.update(cid, apply)
    except store.NotFound:
        return
    if moved:
        _emit(
            cid,
            "failed",
            stage,
            "failed",
            0,
            f"Failed while {stage}: {reason}",
            reason=reason,
            failed_stage=stage,
        )


# ---------------------------------------------------------------- helpers


def _moved(cid: str, expected: set[str], new_state: str, mutate: Any = None) -> CampaignRecord:
    try:
        return store.transition(cid, expected, new_state, mutate)
    except store.Conflict:
        # Another delivery of this step got there first: its enqueues had the same ids.
        log.info("%s: %s already left %s", cid, new_state, expected)
        return store.require(cid)


def _final_url(request: CampaignRequest, insights: Insights) -> tuple[str | None, str | None]:
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


def _timings(rec: CampaignRecord) -> dict[str, float]:
    """Seconds spent in each state, from the history marks (time in `revising` counts as writing)."""
    out: dict[str, float] = {}
    marks = rec.history
    for cur, nxt in zip(marks, marks[1:], strict=False):
        secs = (parse_iso(nxt.at) - parse_iso(cur.at)).total_seconds()
        out[cur.state] = round(out.get(cur.state, 0.0) + secs, 3)
    if len(marks) > 1:
        out["total"] = round((parse_iso(marks[-1].at) - parse_iso(marks[0].at)).total_seconds(), 3)
    return out
