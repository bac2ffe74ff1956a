"""The interpreter of the pipeline table (`shared.pipeline.STAGES`). One generic SUPERVISOR step,
`step(cid, state, round)`, runs when the jobs of stage `state` have finished (RQ dependencies),
never by a process that sleeps and polls. It

1. decides the next stage (the row's `next`, default the following row);
2. calls that stage's `enter` hook (the data it reads, merged from parts, and its message);
3. moves the record — state and that data in one atomic write — and only then
4. enqueues the stage's jobs under deterministic ids, then the next step, depending on them.

The other order races: a fast worker would read the record before it has the insights, or a
follow-up step would find the old state and skip, leaving the campaign hanging. A step re-delivered
after a crash between 3 and 4 finds the state already moved and enqueues only if the next step does
not exist yet. A stage with no jobs (validating) is passed through within the same step, and a
re-delivered step walks through it again: routing reads only parts, so it takes the same path.
A canceled or failed campaign matches no expected state, so its next step does nothing."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable
from typing import Any

from shared import events, pipeline, store
from shared.models import CampaignRecord, CampaignRequest
from shared.models.campaign import FailureInfo, StageMark
from shared.pipeline import Entry, Stage
from shared.queues import enqueue_batch, fetch_job, job_id
from shared.settings import get_settings
from shared.stage_jobs import (
    STEP,
    already_started,
    enqueue_stage,
    forget_finished,
    plan_id,
    planned_by_agent,
    resolve,
    start_stage,
    step_id,
    tasks,
    track,
)
from shared.timeutil import utcnow_iso
from supervisor import retention
from supervisor.stages import StageFailed, timings

log = logging.getLogger(__name__)

AGENT = "supervisor"


def _emit(cid: str, stage: str, step: str, status: str, pct: int, message: str, **data: Any) -> None:
    events.emit_progress(
        cid, stage=stage, agent=AGENT, step=step, status=status, pct=pct, message=message, data=data
    )


# ---------------------------------------------------------------- submission


def submit(request: CampaignRequest, workspace: str = "") -> CampaignRecord:
    """Store the campaign and its first step in one MULTI: both exist or neither does, so an error
    response never leaves a campaign that nothing will run. The "received" event goes first, so it
    is seq 1 whatever the workers do next; if storing then fails, it is removed again."""
    record = store.new_record(request, get_settings().BSC_MODE, workspace)
    _emit(
        record.id,
        "received",
        "received",
        "done",
        pipeline.pct("received"),
        f"Campaign received: {request.artist}",
    )

    def first_step(pipe: Any) -> None:
        first = step_id(record.id, "received", 0)
        enqueue_batch("supervisor", STEP, [((record.id, "received", 0), first)], pipe)
        track(record.id, [first], pipe)

    try:
        stored = store.create(request, record.mode, record=record, also=first_step)
    except Exception:
        with contextlib.suppress(Exception):
            events.delete_events(record.id)
        raise
    with contextlib.suppress(Exception):  # the campaign is stored: a missed schedule is retried next time
        retention.ensure_scheduled()
    return stored


# ---------------------------------------------------------------- the generic step


def _route(row: Stage, record: CampaignRecord, round_: int) -> tuple[Stage, int]:
    if row.next is None:
        nxt = pipeline.following(row.state)
        if nxt is None:
            raise StageFailed(f"the pipeline has no stage after {row.state}")
        return nxt, round_
    if "." not in row.next:
        return pipeline.stage(row.next), round_
    state, new_round = resolve(row.next)(record, round_)
    return pipeline.stage(state), new_round


def _at(record: CampaignRecord, state: str, round_: int) -> bool:
    return record.state == state and record.revision_round == round_


def step(cid: str, state: str, round_: int = 0) -> str:
    """The jobs of stage `state` (round `round_`) have finished: move the campaign on."""
    record = store.require(cid)
    cur, r = pipeline.stage(state), round_
    # Parts a move merged into the record are dropped only once this step has done all it does: a
    # delivery killed between the move and the start of the next stage's jobs is re-delivered, and
    # the re-delivery enters that stage again from the same parts (dropped at once, they were gone
    # and the campaign failed for want of its insights).
    consumed: list[str] = []

    def finish(result: str) -> str:
        if consumed:
            store.drop_parts(cid, *consumed)  # the record has them now: stored once
        return result

    while True:
        nxt, nr = _route(cur, record, r)
        entry: Entry | None = None
        if _at(record, cur.state, r):
            entry = _enter(nxt, record, nr, cur)
            try:
                record = store.transition(cid, {cur.state}, nxt.state, _with_round(nr, entry.mutate))
                consumed.extend(k for k in entry.consumed if k not in consumed)
            except store.Conflict:
                record = store.require(cid)  # another delivery moved it: carry on only if to here
                if not _at(record, nxt.state, nr):
                    return f"skipped: {record.state}"
        elif not _at(record, nxt.state, nr) and nxt.runs_jobs:
            return f"skipped: {record.state} round {record.revision_round}"
        if nxt.terminal:
            if not _at(record, nxt.state, nr):
                return f"skipped: {record.state}"
            if entry is not None:  # this delivery moved it: say so, once
                _emit(
                    cid,
                    nxt.state,
                    nxt.state,
                    "done",
                    100,
                    entry.message,
                    **entry.data,
                    total_s=record.campaign.timings.get("total"),
                )
            for row in pipeline.after_done():
                if row.auto:
                    run_after_done(cid, row.state)
            forget_finished(cid)
            return finish(nxt.state)
        if not nxt.runs_jobs:
            # The SUPERVISOR's own stage (validating): pass through it within this step.
            if _at(record, nxt.state, nr) or entry is not None:
                entry = entry or _enter(nxt, record, nr, cur)
                _emit(
                    cid, nxt.state, nxt.state, "started", pipeline.pct(nxt.state), entry.message, **entry.data
                )
            cur, r = nxt, nr
            continue
        if already_started(cid, nxt, nr):
            return finish("skipped")  # the stage was enqueued by an earlier delivery
        entry = entry or _enter(nxt, record, nr, cur)
        consumed.extend(k for k in entry.consumed if k not in consumed)  # (a re-delivery's too)
        _emit(cid, nxt.state, nxt.state, "started", pipeline.pct(nxt.state), entry.message, **entry.data)
        start_stage(cid, nxt, nr, record)
        return finish(nxt.state)


def _enter(row: Stage, record: CampaignRecord, round_: int, leaving: Stage) -> Entry:
    """The row's `enter` hook; a StageFailed it raises blames the stage being left by default."""
    try:
        return resolve(row.enter)(record, round_) if row.enter else Entry(row.label)
    except StageFailed as exc:
        exc.stage = exc.stage or leaving.state
        raise


def _with_round(
    round_: int, mutate: Callable[[CampaignRecord], None] | None
) -> Callable[[CampaignRecord], None]:
    def apply(rec: CampaignRecord) -> None:
        rec.revision_round = round_
        if mutate:
            mutate(rec)

    return apply


def run_after_done(cid: str, state: str, round_: int = 0) -> list[str]:
    """Enqueue an after-done stage's jobs (MEDIA) for a `done` campaign: at `done` for `auto` rows,
    or on demand. The campaign stays done; `round_` tells iterations apart (job ids differ per round),
    and a stage already enqueued for that round is not enqueued twice."""
    row = pipeline.stage(state)
    if not row.after_done:
        raise ValueError(f"{state} is a stage of the campaign, not an after-done stage")
    record = store.require(cid)
    if record.state != "done":
        raise StageFailed(f"{state} runs once the campaign is done; it is {record.state}", state)
    if planned_by_agent(row):
        if already_started(cid, row, round_, then_step=False):
            return []
        start_stage(cid, row, round_, record, then_step=False)
        return [plan_id(cid, row.state, round_)]
    first = tasks(row, record, round_)[:1]
    if first and fetch_job(job_id(row.state, cid, first[0].key, f"r{round_}")) is not None:
        return []
    return [j.id for j in enqueue_stage(cid, row, round_, record, then_step=False)]


# ---------------------------------------------------------------- failure and cancel


def fail(cid: str, stage: str, reason: str) -> None:
    """Move any non-terminal campaign to failed, with the stage and the reason, and say so live."""
    _end(cid, "failed", stage, reason)


def cancel(cid: str, reason: str = "canceled by an administrator") -> bool:
    """Mark a running campaign canceled: its next step finds no state it expects and stops there
    (jobs already running finish, but nothing new is enqueued). False if it had already ended."""
    return _end(cid, "canceled", None, reason)


def _end(cid: str, outcome: str, stage: str | None, reason: str) -> bool:
    moved = False
    was = ""

    def apply(rec: CampaignRecord) -> bool:
        nonlocal moved, was
        if rec.terminal:
            return False
        was = rec.state
        rec.history.append(StageMark(state=outcome, at=utcnow_iso()))
        rec.state = outcome
        rec.error = FailureInfo(stage=stage or was, reason=reason)
        rec.campaign.timings = timings(rec)
        moved = True
        return True

    try:
        store.update(cid, apply)
    except store.NotFound:
        return False
    if moved:
        with contextlib.suppress(Exception):  # housekeeping: the jobs expire on their own otherwise
            forget_finished(cid)
        where = stage or was
        _emit(
            cid,
            outcome,
            where,
            "failed",
            0,
            f"Failed while {where}: {reason}" if outcome == "failed" else f"Canceled while {where}: {reason}",
            reason=reason,
            failed_stage=where,
        )
    return moved
