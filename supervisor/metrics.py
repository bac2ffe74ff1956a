"""Queue and worker gauges for SUPERVISOR's /metrics, computed from Redis on each scrape.

Workers are separate processes from this web service, so counters they increment are not ours to
export; instead, like rq-exporter, the state is read from RQ's registries when Prometheus scrapes.
supervisor/app.py sets `app.extensions["bsc_metrics_hook"] = refresh_queue_gauges`, which
shared.web's /metrics calls."""

from __future__ import annotations

import logging

from prometheus_client import Gauge
from redis.exceptions import RedisError

from shared.queues import QUEUES
from supervisor import rq_inspect

log = logging.getLogger(__name__)

QUEUE_JOBS = Gauge("bsc_queue_jobs", "RQ jobs per queue and registry", ["queue", "registry"])
WORKERS = Gauge("bsc_workers", "RQ workers listening on each queue", ["queue"])
SCRAPE_OK = Gauge("bsc_queue_scrape_ok", "1 if the last read of RQ state from Redis succeeded, else 0")


def refresh_queue_gauges() -> None:
    """Update the gauges; never raises, so /metrics keeps answering while Redis is down."""
    try:
        counts = rq_inspect.all_queue_counts()
        workers = rq_inspect.worker_counts()
    except RedisError as exc:
        log.warning("cannot read queue state for metrics: %s", type(exc).__name__)
        SCRAPE_OK.set(0)
        # Drop the old values: a stale "0 failed" while Redis is unreachable would be a lie.
        QUEUE_JOBS.clear()
        WORKERS.clear()
        return
    for queue in QUEUES:
        for registry, value in counts[queue].items():
            QUEUE_JOBS.labels(queue, registry).set(value)
        WORKERS.labels(queue).set(workers[queue])
    SCRAPE_OK.set(1)
