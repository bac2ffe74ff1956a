"""`bandcrew worker QUEUE`: a real RQ worker with the JSON serializer and the scheduler (for retry
intervals). SIGTERM/SIGINT trigger RQ's warm shutdown: the current job finishes first.

It is RQ's SimpleWorker, which runs jobs in the worker process instead of forking a work horse per
job. Measured (bench/pipeline.py, 0 ms latency): forking cost ~2.8 s of overhead per campaign,
because every horse starts cold — compiled patterns, pydantic validators, connection pools and
the writer's phrasebook are rebuilt for each job and thrown away. Without the fork they stay warm.
What forking bought is kept otherwise: `job_timeout` is still enforced (SIGALRM in the worker),
a crashed or killed worker is restarted by `bandcrew up` / compose and RQ re-queues its abandoned
job, and a worker exits after MAX_JOBS jobs so slow leaks cannot accumulate (it is restarted).

A Redis outage does not end the process: RQ's work loop gives up on the first Redis error outside
its idle wait, so `run_worker` waits for Redis to accept writes again (backing off, capped at a few
seconds so the crew resumes promptly), hands the jobs it was running back to RQ (they were cut off
mid-way and are retried) and starts a fresh work loop under the same name."""

from __future__ import annotations

import contextlib
import ctypes
import importlib
import logging
import os
import secrets
import signal
import socket
import threading
import time
from typing import Any

import redis
from rq import Queue, SimpleWorker
from rq.executions import WORKER_EXECUTIONS_KEY_TEMPLATE
from rq.scheduler import SCHEDULER_KEY_TEMPLATE, RQScheduler
from rq.serializers import JSONSerializer
from rq.worker_registration import REDIS_WORKER_KEYS, WORKERS_BY_QUEUE_KEY

from bandcrew.procs import pid_alive
from shared.logs import setup_logging
from shared.queues import QUEUES, drain_ready, get_queue
from shared.redisdb import get_redis, redis_writable
from shared.settings import get_settings

log = logging.getLogger("bandcrew.worker")

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
# Longest pause between two attempts to reach Redis during an outage (RQ's own default is 60 s,
# which would leave the crew idle for up to a minute after Redis is back).
MAX_RECONNECT_WAIT_S = 2.0
# A work loop that keeps ending with Redis healthy is a real bug: let the process die (and be restarted
# by the launcher or compose, which report it) after this many in a minute.
MAX_LOOP_FAILURES_PER_MINUTE = 5


# Random per process start. A restarted container keeps its hostname and, as PID 1's first child,
# often its pid: without this, the new worker's name equals the dead one's, still registered until
# its TTL runs out, and RQ refuses to start ("There exists an active worker named ... already").
BOOT_ID = secrets.token_hex(4)


def worker_name(queue: str, pid: int, boot: str = BOOT_ID) -> str:
    """Our RQ worker names, `{queue}-{host}-{pid}-{boot}` (the same for every work loop of a process)."""
    return f"{queue}-{socket.gethostname()}-{pid}-{boot}"


def names_of_pid(conn: redis.Redis, queue: str, pid: int) -> list[str]:
    """The registered names of a worker process of this host, found by the name's prefix (the launcher
    knows a dead child's pid, not the boot id it picked)."""
    prefix = worker_key(f"{queue}-{socket.gethostname()}-{pid}-")
    keys = (k.decode() for k in conn.smembers(REDIS_WORKER_KEYS))
    return [k.removeprefix("rq:worker:") for k in keys if k.startswith(prefix)]


def worker_key(name: str) -> str:
    return f"rq:worker:{name}"


def rescue_jobs_of(conn: redis.Redis, name: str) -> list[str]:
    """Hand the jobs a dead worker was running to RQ's own abandoned-job handling *now* (retry if
    retries are left, else fail and release dependents) instead of after their heartbeat TTL expires
    (job_timeout + 60 s for SimpleWorker). Only ever called for a worker known to be dead, or by a
    worker for its own cut-off work loop."""
    executions = [m.decode() for m in conn.smembers(WORKER_EXECUTIONS_KEY_TEMPLATE.format(name))]
    rescued: list[str] = []
    for qname in QUEUES if executions else ():
        registry = Queue(qname, connection=conn, serializer=JSONSerializer).started_job_registry
        expired = [e for e in executions if conn.zscore(registry.key, e) is not None]
        if expired:
            conn.zadd(registry.key, dict.fromkeys(expired, 0))  # score 0 = expired
            registry.cleanup()
            rescued += [e.partition(":")[0] for e in expired]
    conn.delete(WORKER_EXECUTIONS_KEY_TEMPLATE.format(name))
    release_dead_scheduler_locks(conn)
    return rescued


def forget_worker(conn: redis.Redis, name: str) -> None:
    """Remove a dead worker's registration at once, so the admin API and the gauges count only live
    workers (RQ would keep listing it until its key expires, worker_ttl + 60 s later)."""
    key = worker_key(name)
    pipe = conn.pipeline()
    pipe.srem(REDIS_WORKER_KEYS, key)
    for qname in QUEUES:
        pipe.srem(WORKERS_BY_QUEUE_KEY % qname, key)
    pipe.delete(key)
    pipe.execute()


def _is_worker_process(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            return b"worker" in f.read()
    except OSError:
        return True  # no /proc: trust pid_alive


def rescue_dead_workers(conn: redis.Redis) -> list[str]:
    """Every worker registered from this host whose process is gone: hand its jobs back and forget
    it. `bandcrew up` calls it at start-up, so a crew stopped hard (or with jobs still running
    when the grace period ended) resumes its campaigns at once instead of after the heartbeat TTL."""
    host = socket.gethostname()
    rescued: list[str] = []
    for raw in conn.smembers(REDIS_WORKER_KEYS):
        key = raw.decode()
        name = key.removeprefix("rq:worker:")
        info = conn.hmget(key, "hostname", "pid")
        hostname = (info[0] or b"").decode()
        pid = int(info[1] or 0)
        if hostname and hostname != host:
            continue
        if pid and pid_alive(pid) and _is_worker_process(pid):
            continue
        rescued += rescue_jobs_of(conn, name)
        forget_worker(conn, name)
    # Executions whose worker key already expired are past their heartbeat too: let RQ clean them.
    for qname in QUEUES:
        Queue(qname, connection=conn, serializer=JSONSerializer).started_job_registry.cleanup()
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


def _die_with_parent() -> None:
    """In a child forked by the worker (RQ's scheduler process): get SIGKILL when the worker dies,
    so a `kill -9` of the worker never leaves an orphan scheduler holding the queue's lock."""
    with contextlib.suppress(Exception):
        libc = ctypes.CDLL(None, use_errno=True)
        PR_SET_PDEATHSIG = 1
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)


class CrewWorker(SimpleWorker):
    """SimpleWorker that drains the ready registries after every job (see shared.queues.drain_ready)
    and reconnects quickly after a Redis outage."""

    max_connection_wait_time = MAX_RECONNECT_WAIT_S

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.jobs_done = 0

    def request_stop(self, signum: Any, frame: Any) -> None:
        # RQ only records a stop request made while a job runs; ours must survive the work loop.
        _STOP.set()
        super().request_stop(signum, frame)

    def execute_job(self, job: Any, queue: Queue) -> None:
        try:
            super().execute_job(job, queue)
        finally:
            self.jobs_done += 1
        # RQ moves the dependents a job releases to a ReadyJobRegistry and enqueues them under an
        # optimistic lock; losing that race to another worker leaves them for a later cleanup
        # (25-80 s measured). Retry at once instead.
        try:
            drain_ready()
        except redis.RedisError as exc:
            self.log.warning("could not drain the ready registries: %s", exc)


_STOP = threading.Event()  # SIGTERM/SIGINT received: leave, do not start another work loop


def _stop_between_loops(signum: int, frame: Any) -> None:
    _STOP.set()


def _make_worker(queue: str) -> CrewWorker:
    return CrewWorker(
        [get_queue(queue)],
        connection=get_redis(),
        serializer=JSONSerializer,
        name=worker_name(queue, os.getpid()),
        worker_ttl=WORKER_TTL_S,
        maintenance_interval=MAINTENANCE_INTERVAL_S,
        job_monitoring_interval=JOB_MONITORING_INTERVAL_S,
    )


def wait_for_redis(what: str) -> float:
    """Block until Redis accepts writes again; returns how long it took. Backs off to
    MAX_RECONNECT_WAIT_S between attempts and says so every ~10 s."""
    t0 = time.monotonic()
    delay, last_note = 0.2, 0.0
    while not redis_writable(get_redis()) and not _STOP.is_set():
        waited = time.monotonic() - t0
        if waited - last_note >= 10:
            log.warning("%s: Redis is unavailable (%.0f s so far); waiting", what, waited)
            last_note = waited
        time.sleep(delay)
        delay = min(delay * 2, MAX_RECONNECT_WAIT_S)
    return time.monotonic() - t0


def run_worker(queue: str, burst: bool = False) -> int:
    setup_logging(f"worker-{queue}")
    os.register_at_fork(after_in_child=_die_with_parent)
    importlib.import_module(f"{queue}.jobs")
    from bandcrew.sweep import start_sweeper

    name = worker_name(queue, os.getpid())
    # From the settings: an empty LOG_LEVEL (compose passes unset variables as "") means the default.
    level = get_settings().LOG_LEVEL.upper()
    signal.signal(signal.SIGTERM, _stop_between_loops)
    signal.signal(signal.SIGINT, _stop_between_loops)
    wait_for_redis(name)
    if not burst:
        start_sweeper("jobs")
        if queue == "supervisor":
            start_sweeper("campaigns")
    failures: list[float] = []
    while not _STOP.is_set():
        worker = _make_worker(queue)
        try:
            worker.work(burst=burst, with_scheduler=True, max_jobs=MAX_JOBS, logging_level=level)
        except Exception as exc:  # e.g. raised from RQ's teardown or birth while Redis is gone
            log.warning("%s: work loop ended: %s: %s", name, type(exc).__name__, exc)
        # RQ's handlers stay installed after its loop and would raise into ours: take them back.
        signal.signal(signal.SIGTERM, _stop_between_loops)
        signal.signal(signal.SIGINT, _stop_between_loops)
        if _STOP.is_set() or worker._stop_requested or burst or worker.jobs_done >= MAX_JOBS:
            return 0
        # The loop ended on an error (RQ logged it). Stop our scheduler process: the next loop
        # starts its own if it gets the lock.
        with contextlib.suppress(Exception):
            if worker.scheduler is not None:
                worker.stop_scheduler()
        now = time.monotonic()
        waited = wait_for_redis(name)
        if waited < 0.5:
            failures = [t for t in failures if now - t < 60] + [now]
            if len(failures) > MAX_LOOP_FAILURES_PER_MINUTE:
                log.error(
                    "%s: work loop failed %d times in a minute with Redis up; exiting", name, len(failures)
                )
                return 1
            time.sleep(1)
        try:
            conn = get_redis()
            rescued = rescue_jobs_of(conn, name)
            forget_worker(conn, name)
        except redis.RedisError as exc:
            log.warning("%s: could not hand back its jobs yet: %s", name, exc)
            continue
        log.warning(
            "%s: Redis is back after %.1f s; resuming%s",
            name,
            waited,
            f" (re-queued {', '.join(rescued)})" if rescued else "",
        )
    return 0
