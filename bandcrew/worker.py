"""`bandcrew worker QUEUE`: a real RQ worker with the JSON serializer and the scheduler (for retry
intervals). SIGTERM/SIGINT trigger RQ's warm shutdown: the current job finishes first.

It is RQ's SimpleWorker, which runs jobs in the worker process instead of forking a work horse per
job. Measured (bench/pipeline.py, 0 ms latency): forking cost ~2.8 s of overhead per campaign,
because every horse starts cold — compiled patterns, pydantic validators, connection pools and
the writer's phrasebook are rebuilt for each job and thrown away. Without the fork they stay warm.
What forking bought is kept otherwise: `job_timeout` is still enforced (SIGALRM in the worker),
a crashed or killed worker is restarted by `bandcrew up` / compose and RQ re-queues its abandoned
job, and a worker exits after MAX_JOBS jobs so slow leaks cannot accumulate (it is restarted)."""

from __future__ import annotations

import importlib
import os
import socket

import redis
from rq import Queue, SimpleWorker
from rq.executions import WORKER_EXECUTIONS_KEY_TEMPLATE
from rq.scheduler import SCHEDULER_KEY_TEMPLATE, RQScheduler
from rq.serializers import JSONSerializer

from bandcrew.procs import pid_alive
from shared.logs import setup_logging
from shared.queues import QUEUES, get_queue
from shared.redisdb import get_redis

# How often a worker sweeps the registries for jobs abandoned by a killed worker (RQ's default is
# 10 minutes). Abandoned jobs with retries left are re-queued, so a kill -9 never loses a campaign.
MAINTENANCE_INTERVAL_S = 30
# Heartbeat period while a job runs; RQ declares a job abandoned 60 s after its last heartbeat.
JOB_MONITORING_INTERVAL_S = 10
# Recycle the process after this many jobs (bandcrew up and compose restart it).
MAX_JOBS = 2000
# An idle worker blocks on the queue for worker_ttl - 15 s between registry sweeps (RQ's default
# 420 s would leave an abandoned job unnoticed for minutes where no launcher rescues it, e.g. compose).
WORKER_TTL_S = 60


def worker_name(queue: str, pid: int) -> str:
    """Our RQ worker names: the launcher derives a dead worker's name from its pid."""
    return f"{queue}-{socket.gethostname()}-{pid}"


def rescue_jobs_of(conn: redis.Redis, name: str) -> list[str]:
    """Hand the jobs a dead worker was running to RQ's own abandoned-job handling *now* (retry if
    retries are left, else fail and release dependents) instead of after their heartbeat TTL expires
    (job_timeout + 60 s for SimpleWorker). Only ever called for a worker known to be dead."""
    executions = [m.decode() for m in conn.smembers(WORKER_EXECUTIONS_KEY_TEMPLATE.format(name))]
    rescued: list[str] = []
    if not executions:
        return rescued
    for qname in QUEUES:
        registry = Queue(qname, connection=conn, serializer=JSONSerializer).started_job_registry
        expired = [e for e in executions if conn.zscore(registry.key, e) is not None]
        if expired:
            conn.zadd(registry.key, dict.fromkeys(expired, 0))  # score 0 = expired
            registry.cleanup()
            rescued += [e.partition(":")[0] for e in expired]
    release_dead_scheduler_locks(conn)
    return rescued


def release_dead_scheduler_locks(conn: redis.Redis) -> list[str]:
    """Free a queue's scheduler lock held by a scheduler process that is dead on this host.

    Retries with an interval wait in the ScheduledJobRegistry, moved by the scheduler that holds the
    queue's lock; a killed worker's scheduler dies with it but its lock lives on for 61 s, and other
    workers only try to take it at start-up and maintenance — so a rescued job would wait ~90 s."""
    host = socket.gethostname()
    released = []
    for qname in QUEUES:
        lock_key = RQScheduler.get_locking_key(qname)
        owner = conn.get(lock_key)
        if owner is None:
            continue
        info = conn.hgetall(SCHEDULER_KEY_TEMPLATE % owner.decode())
        pid = int(info.get(b"pid", b"0") or 0)
        if info.get(b"hostname", b"").decode() == host and pid and not pid_alive(pid):
            # Compare-and-delete: only if the lock still names that dead scheduler.
            conn.eval(
                "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0",
                1,
                lock_key,
                owner,
            )
            released.append(qname)
    return released


def run_worker(queue: str, burst: bool = False) -> int:
    setup_logging(f"worker-{queue}")
    importlib.import_module(f"{queue}.jobs")
    worker = SimpleWorker(
        [get_queue(queue)],
        connection=get_redis(),
        serializer=JSONSerializer,
        name=worker_name(queue, os.getpid()),
        worker_ttl=WORKER_TTL_S,
        maintenance_interval=MAINTENANCE_INTERVAL_S,
        job_monitoring_interval=JOB_MONITORING_INTERVAL_S,
    )
    worker.work(
        burst=burst,
        with_scheduler=True,
        max_jobs=MAX_JOBS,
        logging_level=os.environ.get("LOG_LEVEL", "INFO").upper(),
    )
    return 0
