"""RQ wiring. Work crosses service lines only as jobs enqueued by dotted path, with the JSON
serializer (pickle from Redis is a code-execution risk), an explicit timeout, result and failure TTLs,
and retries with backoff. Jobs are idempotent, so at-least-once delivery is safe."""

from __future__ import annotations

import logging
import random
import time
from typing import Any

from redis.client import Pipeline
from rq import Callback, Queue, Retry
from rq.job import Dependency, Job
from rq.serializers import JSONSerializer

from shared.redisdb import get_redis

log = logging.getLogger(__name__)

QUEUES: tuple[str, ...] = ("supervisor", "analyst", "marketing", "optimizer", "media")

# Longest runtime each queue's jobs may take. Compose's stop_grace_period must exceed the largest.
# A media job renders one direction of one set (two videos at most: ~10-40 s each on 2 cores).
JOB_TIMEOUTS: dict[str, int] = {
    "supervisor": 60,
    "analyst": 90,
    "marketing": 150,
    "optimizer": 60,
    "media": 170,
}
MAX_JOB_TIMEOUT = max(JOB_TIMEOUTS.values())
RESULT_TTL = 3600  # a finished job's result is kept an hour (the campaign record is the durable copy)
FAILURE_TTL = 7 * 24 * 3600  # failed jobs stay a week for the admin API to inspect and requeue
RETRY_INTERVALS = [1, 5, 15]

# Run when a job of the queue fails, including when RQ finds it abandoned by a killed worker (the
# job's own error handling never ran then). Enqueued by dotted path like the jobs themselves.
FAILURE_CALLBACKS: dict[str, str] = {"supervisor": "supervisor.jobs.on_step_failure"}


def _on_failure(queue_name: str) -> Callback | None:
    name = FAILURE_CALLBACKS.get(queue_name)
    return Callback(name) if name else None


def get_queue(name: str) -> Queue:
    if name not in QUEUES:
        raise ValueError(f"unknown queue {name!r}; expected one of {', '.join(QUEUES)}")
    return Queue(name, connection=get_redis(), serializer=JSONSerializer, default_timeout=JOB_TIMEOUTS[name])


def job_id(*parts: object) -> str:
    """RQ job ids may hold only letters, digits, '_' and '-'."""
    raw = "-".join(str(p) for p in parts)
    return "".join(c if c.isalnum() or c in "_-" else "_" for c in raw)


def enqueue(
    queue_name: str,
    func: str,
    *args: Any,
    id: str | None = None,
    depends_on: list[Job] | None = None,
) -> Job:
    """Enqueue `func` (a dotted path such as "analyst.jobs.collect_source") on `queue_name`."""
    queue = get_queue(queue_name)
    dependency = None
    if depends_on:
        # allow_failure: a stage's follow-up runs even when one job of the fan-out failed for good,
        # so the campaign can record the gap instead of hanging.
        dependency = Dependency(jobs=depends_on, allow_failure=True, enqueue_at_front=True)
    return queue.enqueue(
        func,
        args=args,
        job_id=id,
        depends_on=dependency,
        job_timeout=JOB_TIMEOUTS[queue_name],
        result_ttl=RESULT_TTL,
        failure_ttl=FAILURE_TTL,
        retry=Retry(max=3, interval=RETRY_INTERVALS),
        on_failure=_on_failure(queue_name),
    )


def enqueue_in(queue_name: str, delay_s: float, func: str, *args: Any, id: str | None = None) -> Job:
    """Enqueue `func` to run in `delay_s` seconds (RQ's scheduler, which every worker runs)."""
    from datetime import timedelta

    return get_queue(queue_name).enqueue_in(
        timedelta(seconds=delay_s),
        func,
        args=args,
        job_id=id,
        job_timeout=JOB_TIMEOUTS[queue_name],
        result_ttl=RESULT_TTL,
        failure_ttl=FAILURE_TTL,
        retry=Retry(max=3, interval=RETRY_INTERVALS),
    )


def enqueue_batch(
    queue_name: str, func: str, calls: list[tuple[tuple[Any, ...], str]], pipeline: Pipeline | None = None
) -> list[Job]:
    """Enqueue a fan-out — `func` once per (args, job id) — in one Redis pipeline. One enqueue costs
    several round trips; a supervisor step that fans out to six jobs spent most of its time here.
    Given a caller's `pipeline` (e.g. the MULTI that stores a new campaign), the jobs join it and
    nothing is sent until the caller executes it."""
    queue = get_queue(queue_name)
    datas = [
        Queue.prepare_data(
            func,
            args=args,
            job_id=jid,
            timeout=JOB_TIMEOUTS[queue_name],
            result_ttl=RESULT_TTL,
            failure_ttl=FAILURE_TTL,
            retry=Retry(max=3, interval=RETRY_INTERVALS),
            on_failure=_on_failure(queue_name),
        )
        for args, jid in calls
    ]
    if pipeline is not None:
        return queue.enqueue_many(datas, pipeline=pipeline)
    with queue.connection.pipeline() as pipe:
        jobs = queue.enqueue_many(datas, pipeline=pipe)
        pipe.execute()
    return jobs


def fetch_job(job_id_: str) -> Job | None:
    from rq.exceptions import NoSuchJobError

    try:
        return Job.fetch(job_id_, connection=get_redis(), serializer=JSONSerializer)
    except NoSuchJobError:
        return None


# How many times a ready dependent that lost an enqueue race is tried again right away.
DRAIN_ATTEMPTS = 5


def drain_ready(queue_names: tuple[str, ...] = QUEUES, attempts: int = DRAIN_ATTEMPTS) -> int:
    """Enqueue the dependents waiting in each queue's ReadyJobRegistry; returns how many.

    RQ 3 moves a finished job's dependents to a ReadyJobRegistry and enqueues them under WATCH on
    that registry. Two workers finishing jobs of one queue at the same moment touch the same
    registry, so one of them loses ("Ready job ... changed while enqueueing; skipping for now") and
    its dependent (our next pipeline step) waits for a maintenance cleanup: 25-80 s measured. Trying
    again at once (with a little jitter so two drainers do not collide again) moves it in
    milliseconds; the WATCH still guarantees it is enqueued exactly once."""
    conn = get_redis()
    moved = 0
    for name in queue_names:
        registry = get_queue(name).ready_job_registry
        for _ in range(attempts):
            ids = [i.decode() if isinstance(i, bytes) else i for i in conn.zrange(registry.key, 0, -1)]
            if not ids:
                break
            moved += len(registry.enqueue_jobs(ids))
            if not conn.zcard(registry.key):
                break
            time.sleep(random.uniform(0.001, 0.02))
    if moved:
        log.debug("drained %d ready job(s)", moved)
    return moved
