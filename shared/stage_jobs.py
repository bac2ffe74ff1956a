"""Enqueuing a stage of the pipeline table (shared/pipeline.py): its tasks, its follow-up, then the
next SUPERVISOR step. Used by the SUPERVISOR's interpreter and by `plan`, the job that does the same
on an agent's queue when the stage's fan-out belongs to that agent (the ANALYST knows its sources;
the SUPERVISOR does not import it). Job ids are deterministic, so a re-delivery enqueues what is
missing and no more."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from functools import cache
from typing import Any

from shared import pipeline, store
from shared.pipeline import Stage, Task
from shared.queues import enqueue, enqueue_batch, fetch_job, job_id
from shared.redisdb import get_redis

STEP = "supervisor.jobs.step"  # enqueued by dotted path, like every job
PLAN = "shared.stage_jobs.plan"


@cache
def resolve(dotted: str) -> Callable[..., Any]:
    module, _, name = dotted.rpartition(".")
    return getattr(importlib.import_module(module), name)


def step_id(cid: str, state: str, round_: int) -> str:
    return job_id("sup", cid, "start") if state == "received" else job_id("sup", cid, state, f"r{round_}")


def plan_id(cid: str, state: str, round_: int) -> str:
    return job_id(state, cid, "plan", f"r{round_}")


def planned_by_agent(row: Stage) -> bool:
    """A fan-out outside the SUPERVISOR's package runs on the stage's own queue (a `plan` job)."""
    return row.fan_out is not None and not row.fan_out.startswith("supervisor.")


def tasks(row: Stage, record: Any, round_: int) -> list[Task]:
    return resolve(row.fan_out)(record, round_) if row.fan_out else [Task(row.state, (round_,))]


def enqueue_stage(cid: str, row: Stage, round_: int, record: Any, then_step: bool) -> list[Any]:
    """The stage's jobs (batched per job function, in the fan-out's order), its follow-up once they
    have finished, and — for a stage of the campaign — the next SUPERVISOR step after all of them."""
    jobs: list[Any] = []
    batch: list[tuple[tuple[Any, ...], str]] = []
    func: str | None = None
    for task in tasks(row, record, round_):
        task_func = task.job or row.job
        if task_func is None:
            raise ValueError(f"stage {row.state}: task {task.key!r} has no job")
        if func is not None and task_func != func and batch:
            jobs += enqueue_batch(row.queue, func, batch)
            batch = []
        func = task_func
        batch.append(((cid, *task.args), job_id(row.state, cid, task.key, f"r{round_}")))
    if batch and func:
        jobs += enqueue_batch(row.queue, func, batch)
    ids = [j.id for j in jobs]
    if row.follow_up:
        follow = job_id(row.state, cid, "follow_up", f"r{round_}")
        jobs = [enqueue(row.queue, row.follow_up, cid, id=follow, depends_on=jobs or None)]
        ids.append(follow)
    if then_step:
        enqueue(
            "supervisor",
            STEP,
            cid,
            row.state,
            round_,
            id=step_id(cid, row.state, round_),
            depends_on=jobs or None,
        )
        ids.append(step_id(cid, row.state, round_))
    track(cid, ids)
    return jobs


def start_stage(cid: str, row: Stage, round_: int, record: Any, then_step: bool = True) -> None:
    """Enqueue a stage: directly, or through a `plan` job on its queue when its agent owns the fan-out."""
    if planned_by_agent(row):
        enqueue(row.queue, PLAN, cid, row.state, round_, then_step, id=plan_id(cid, row.state, round_))
        track(cid, [plan_id(cid, row.state, round_)])
    else:
        enqueue_stage(cid, row, round_, record, then_step)


def already_started(cid: str, row: Stage, round_: int, then_step: bool = True) -> bool:
    ids = [plan_id(cid, row.state, round_)] if planned_by_agent(row) else []
    if then_step:
        ids.append(step_id(cid, row.state, round_))
    return any(fetch_job(i) is not None for i in ids)


def track(cid: str, ids: list[str], pipe: Any = None) -> None:
    """Remember the campaign's job ids (see `forget_finished`)."""
    if not ids:
        return
    own = pipe is None
    pipe = get_redis().pipeline(transaction=False) if own else pipe
    pipe.sadd(store.jobs_key(cid), *ids)
    pipe.expire(store.jobs_key(cid), store.PART_MAX_TTL_S)
    if own:
        pipe.execute()


def forget_finished(cid: str) -> int:
    """Delete the campaign's finished jobs (hash, result, registry entries) once it has ended: the
    record is the durable copy, and each job otherwise stays RQ's RESULT_TTL — several times the
    campaign's own size. Failed jobs stay for the admin API (FAILURE_TTL); jobs still queued or
    running (a canceled campaign's) expire on their own after they finish."""
    from rq import get_current_job
    from rq.job import Job
    from rq.serializers import JSONSerializer

    current = get_current_job()
    if current is not None and cid in current.id:
        # The step running now (the one that ended the campaign) cannot delete itself: a result
        # TTL of 0 makes RQ delete it as soon as it has succeeded.
        current.result_ttl = 0
    r = get_redis()
    ids = [i.decode() for i in r.smembers(store.jobs_key(cid))]
    jobs = Job.fetch_many(ids, connection=r, serializer=JSONSerializer) if ids else []
    finished = [job for job in jobs if job is not None and job.get_status(refresh=False) == "finished"]
    with r.pipeline() as pipe:
        for job in finished:
            job.delete(pipeline=pipe, remove_from_queue=False)
        pipe.delete(store.jobs_key(cid))  # the others expire on their own
        pipe.execute()
    return len(finished)


def plan(cid: str, state: str, round_: int = 0, then_step: bool = True) -> int:
    """RQ job on an agent's queue: run the stage's fan-out where it is known, and enqueue the tasks,
    the follow-up and the next SUPERVISOR step. A re-delivery after the step was enqueued does nothing."""
    row = pipeline.stage(state)
    if then_step and fetch_job(step_id(cid, state, round_)) is not None:
        return 0
    return len(enqueue_stage(cid, row, round_, store.require(cid), then_step))
