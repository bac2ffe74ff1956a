"""The ANALYST's RQ jobs, enqueued by dotted path by the SUPERVISOR. JSON-safe in and out, and
idempotent: a re-run overwrites its part of the campaign instead of adding to it."""

from __future__ import annotations

import logging
from typing import Any

from analyst.insights import merge, missing_report, summary
from analyst.sources import registry
from analyst.sources.base import run_source
from shared import pipeline, store
from shared.events import emit_progress
from shared.models.insights import SourceReport

log = logging.getLogger(__name__)
STAGE, AGENT = "analyzing", "analyst"
EVENT_STATUS = {
    "ok": "done",
    "not_found": "done",
    "not_configured": "skipped",
    "unavailable": "failed",
    "error": "failed",
}


def _pct(campaign_id: str) -> int:
    # Sources answered so far, within the stage's band (the aggregate ends it).
    return pipeline.pct(STAGE, store.count_parts(campaign_id, "sources") / (len(registry.names()) + 1))


def collect_source(campaign_id: str, source: str) -> dict[str, Any]:
    """Run one source for the campaign's artist and save its SourceReport. Source failures are
    recorded in the report, never raised."""
    sources = registry.names()
    if source not in sources:
        raise ValueError(f"unknown source {source!r}; expected one of {', '.join(sources)}")
    artist = store.request_of(campaign_id).artist  # not the whole record
    label = registry.get(source).label
    emit_progress(
        campaign_id,
        stage=STAGE,
        agent=AGENT,
        step=source,
        status="started",
        pct=_pct(campaign_id),
        message=f"{label}: looking up {artist}",
    )
    report = run_source(source, artist)
    store.save_part(campaign_id, "sources", source, report)
    emit_progress(
        campaign_id,
        stage=STAGE,
        agent=AGENT,
        step=source,
        status=EVENT_STATUS[report.status],
        pct=_pct(campaign_id),
        message=summary(source, report),
        data={
            "status": report.status,
            "provenance": report.provenance,
            "calls": report.calls,
            "cached": report.cached,
            "latency_ms": report.latency_ms,
            "reason": report.reason,
            "candidates": report.candidates[:5],
        },
    )
    return {
        "source": source,
        "status": report.status,
        "provenance": report.provenance,
        "calls": report.calls,
        "latency_ms": report.latency_ms,
    }


def aggregate(campaign_id: str) -> dict[str, Any]:
    """Merge whatever source reports exist (a missing one is recorded as such) into Insights."""
    artist = store.request_of(campaign_id).artist  # not the whole record
    parts = store.get_parts(campaign_id, "sources")
    reports: dict[str, SourceReport] = {}
    for source in registry.names():
        if source in parts:
            reports[source] = SourceReport.model_validate(parts[source])
        else:
            reports[source] = missing_report(source, "the source job did not finish (no report)")
    insights = merge(artist, reports)
    store.save_part(campaign_id, "insights", "insights", insights)
    answered = [s for s, r in reports.items() if r.status == "ok"]
    if insights.found:
        msg = (
            f"Insights: {len(answered)}/{len(reports)} sources answered, {len(insights.similar_artists)} similar "
            f"artists, {len(insights.keyword_seeds)} keyword seeds, {len(insights.opportunities)} opportunities"
        )
    else:
        near = f"; closest: {', '.join(insights.candidates[:3])}" if insights.candidates else ""
        msg = f"Insights: no artist named {artist!r} found{near}"
    emit_progress(
        campaign_id,
        stage=STAGE,
        agent=AGENT,
        step="insights",
        status="done",
        pct=pipeline.pct(STAGE, 1.0),
        message=msg,
        data={"found": insights.found, "provenance": insights.provenance()},
    )
    return {
        "found": insights.found,
        "candidates": insights.candidates,
        "provenance": insights.provenance(),
        "similar_artists": len(insights.similar_artists),
        "opportunities": len(insights.opportunities),
    }
