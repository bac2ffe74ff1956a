"""Retention: a finished campaign (done, failed or canceled) is kept BSC_RETENTION_DAYS, then
deleted with its events by `cleanup`, a SUPERVISOR job that RQ's scheduler runs every
BSC_CLEANUP_INTERVAL_S (no process sleeps and polls). Each run schedules the next; a submission
schedules one too if none is pending (a Redis key with the interval as its lifetime says so), so the
chain restarts by itself after anything broke it."""

from __future__ import annotations

import logging
import time

from shared import store
from shared.queues import enqueue_in, job_id
from shared.redisdb import get_redis, key
from shared.settings import get_settings

log = logging.getLogger(__name__)

CLEANUP = "supervisor.jobs.cleanup"
PENDING = key("cleanup", "pending")


def ensure_scheduled(force: bool = False) -> bool:
    """Schedule the next cleanup unless one is already pending; True if this call scheduled it."""
    interval = get_settings().BSC_CLEANUP_INTERVAL_S
    if not get_redis().set(PENDING, "1", nx=not force, ex=interval):
        return False
    due = int(time.time() // interval) + 1
    enqueue_in("supervisor", interval, CLEANUP, id=job_id("sup", "cleanup", due))
    return True


def cleanup(limit: int = 500) -> dict[str, int]:
    """Delete the finished campaigns older than the retention period (in batches), then schedule
    the next run."""
    deleted = 0
    while True:
        batch = store.expired(limit=limit)
        for cid in batch:
            deleted += int(store.delete(cid))
        if len(batch) < limit:
            break
    if deleted:
        log.info(
            "retention: deleted %d campaigns older than %s days", deleted, get_settings().BSC_RETENTION_DAYS
        )
    ensure_scheduled(force=True)
    return {"deleted": deleted, "kept": int(get_redis().zcard(store.FINISHED))}
