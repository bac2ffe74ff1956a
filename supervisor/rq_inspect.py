"""Read-only views of RQ state in Redis, shared by the admin API and the Prometheus gauges.

Everything here only reads: registry counts are taken with `cleanup=False` because RQ's cleanup of
the started registry moves abandoned jobs to the failed registry, and a GET or a metrics scrape must
not change the queues it reports on (rq-dashboard makes the same choice)."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from rq import Queue, Worker
from rq.job import Job
from rq.results import Result
from rq.serializers import JSONSerializer

from shared.queues import QUEUES, get_queue
from shared.redisdb import get_redis

ARG_SUMMARY_CHARS = 120  # one argument's JSON is cut here; campaign payloads can be kilobytes
EXC_TAIL_LINES = 6  # the last lines of a traceback name the exception and where it was raised
FAILED_WINDOW_SLACK = 100  # extra registry entries read so the sort on ended_at sees near-ties


def registry_counts(queue: Queue) -> dict[str, int]:
    return {
        "queued": queue.count,
        "started": queue.started_job_registry.get_job_count(cleanup=False),
        "deferred": queue.deferred_job_registry.get_job_count(cleanup=False),
        "scheduled": queue.scheduled_job_registry.get_job_count(cleanup=False),
        "finished": queue.finished_job_registry.get_job_count(cleanup=False),
        "failed": queue.failed_job_registry.get_job_count(cleanup=False),
        "canceled": queue.canceled_job_registry.get_job_count(cleanup=False),
    }


def all_queue_counts() -> dict[str, dict[str, int]]:
    return {name: registry_counts(get_queue(name)) for name in QUEUES}


def iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def workers() -> list[dict[str, Any]]:
    """Every registered worker. RQ 3 keeps the current job in an execution record, not the hash."""
    out = []
    for w in Worker.all(connection=get_redis(), serializer=JSONSerializer):
        out.append(
            {
                "name": w.name,
                "pid": w.pid,
                "hostname": w.hostname,
                "queues": w.queue_names(),
                "state": w.get_state(),
                "current_job": w.get_current_job_id(),
                "last_heartbeat": iso(w.last_heartbeat),
                "birth": iso(w.birth_date),
                "successful_jobs": w.successful_job_count,
                "failed_jobs": w.failed_job_count,
                "total_working_time_s": round(w.total_working_time, 3),
            }
        )
    return sorted(out, key=lambda w: w["name"])


def worker_counts() -> dict[str, int]:
    """Workers listening on each queue (a worker on several queues counts for each)."""
    conn = get_redis()
    return {name: Worker.count(connection=conn, queue=get_queue(name)) for name in QUEUES}


def summarize(value: Any, limit: int = ARG_SUMMARY_CHARS) -> str:
    try:
        text = json.dumps(value, ensure_ascii=False, default=str)
    except (TypeError, ValueError):
        text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def exc_tail(exc_string: str | None, lines: int = EXC_TAIL_LINES) -> list[str]:
    if not exc_string:
        return []
    return [ln for ln in exc_string.rstrip().splitlines() if ln.strip()][-lines:]


def failure_text(job: Job) -> str | None:
    """The traceback of the job's last failed execution (RQ ≥1.12 stores it in a Result)."""
    try:
        result = job.latest_result()
    except Exception:  # an unreadable result must not hide the job from the operator
        result = None
    if result is not None and result.type == Result.Type.FAILED:
        return result.exc_string
    return job._exc_info or None  # older jobs kept it on the job hash


def status_of(job: Job) -> str | None:
    status = job.get_status(refresh=False)
    return status.value if status is not None else None


def describe(job: Job, *, detail: bool = False) -> dict[str, Any]:
    """A JSON-safe view of a job. Argument values are summarized, never dumped whole."""
    try:
        func: str | None = job.func_name
        args = [summarize(a) for a in job.args]
        kwargs = {k: summarize(v) for k, v in job.kwargs.items()}
    except Exception:  # e.g. a job written with another serializer: show it, flagged, rather than 500
        func, args, kwargs = None, ["<undecodable>"], {}
    out: dict[str, Any] = {
        "id": job.id,
        "queue": job.origin,
        "func": func,
        "args": args,
        "kwargs": kwargs,
        "status": status_of(job),
        "enqueued_at": iso(job.enqueued_at),
        "started_at": iso(job.started_at),
        "ended_at": iso(job.ended_at),
        "exc_info": exc_tail(failure_text(job)) if job.is_failed else [],
    }
    if detail:
        out.update(
            {
                "created_at": iso(job.created_at),
                "description": job.description,
                "meta": job.meta,
                "timeout": job.timeout,
                "retries_left": job.retries_left,
                "dependency_ids": list(job._dependency_ids),
                "worker_name": job.worker_name,
            }
        )
    return out


def failed_jobs(queue_names: list[str], limit: int) -> list[dict[str, Any]]:
    """The newest failed jobs across `queue_names`, newest first."""
    conn = get_redis()
    found: list[dict[str, Any]] = []
    for name in queue_names:
        registry = get_queue(name).failed_job_registry
        # Scores are failure time (whole seconds) + failure_ttl, so the highest scores are roughly the
        # latest failures; ties within a second and jobs with another failure_ttl blur that order,
        # hence a wider window here and the exact sort on ended_at below.
        ids = registry.get_job_ids(0, limit + FAILED_WINDOW_SLACK - 1, desc=True, cleanup=False)
        for job in Job.fetch_many(ids, connection=conn, serializer=JSONSerializer):
            if job is not None:  # the job hash may have expired while its registry entry lingers
                found.append(describe(job))
    found.sort(key=lambda j: j["ended_at"] or "", reverse=True)
    return found[:limit]
