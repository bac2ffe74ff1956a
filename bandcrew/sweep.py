"""The orphan sweep: no job and no campaign may fall out of every place that would move it on.

RQ keeps a job in two places at once: its hash (with a status) and the list or registry that the
next actor reads (the queue list for workers, the scheduled registry for the scheduler, the deferred
registry and the dependency sets for dependents, the ready registry, the started registry for the
abandoned-job check). Their writes are not one transaction everywhere, so a Redis that refuses
writes part-way (out of memory under `noeviction`, or killed between two commands) can leave a job
`scheduled` in no registry: nothing will ever run it, and its campaign waits forever (seen in the
field: a campaign stuck in `writing` across three restarts).

Every worker runs a `Sweeper` thread; a Redis lock lets one of them sweep per interval:

1. drain the ready registries (dependents that lost an enqueue race);
2. find job hashes whose status says where they should be but which are not there, and put them
   back where RQ will pick them up (queued → the queue list, scheduled → the scheduled registry,
   deferred → the deferred registry or, with its dependencies done, the ready registry, started with
   no execution → the queue). A job must look orphaned on two sweeps at least CONFIRM_S apart, and is
   checked once more just before it is touched, so a job caught between two of RQ's own writes is
   left alone;
3. (SUPERVISOR workers) a campaign that is not finished, has no job left anywhere and has not moved
   for STALL_S is failed with the reason, so it never hangs: "finishes or fails with a reason"."""

from __future__ import annotations

import logging
import random
import re
import threading
import time
from typing import Any

import redis
from rq.job import Job, JobStatus
from rq.serializers import JSONSerializer

from shared.models.campaign import TERMINAL
from shared.queues import QUEUES, drain_ready, get_queue
from shared.redisdb import get_redis, key

log = logging.getLogger("bandcrew.sweep")

SWEEP_INTERVAL_S = 10.0
CONFIRM_S = 8.0  # an orphan seen again after this long is real, not a job between two writes
STALL_S = 45.0  # a campaign with no job anywhere and no change for this long is failed
CAMPAIGN_WINDOW_S = 24 * 3600  # campaigns created this recently are watched
LOCK_KEY = key("sweep", "lock")
SUSPECTS_KEY = key("sweep", "suspects")  # job id -> first seen orphaned (epoch s)
STALLED_KEY = key("sweep", "stalled")  # campaign id -> first seen with no job (epoch s)
SCAN_BATCH = 1000
_JOB_KEY = re.compile(rb"^rq:job:([A-Za-z0-9_-]+)$")
_CID = re.compile(r"c_[0-9a-z]{1,40}")
_STATE = re.compile(rb'"state"\s*:\s*"([a-z_]+)"')
_UPDATED = re.compile(rb'"updated_at"\s*:\s*"([^"]+)"')
WATCHED = {
    s.value for s in (JobStatus.QUEUED, JobStatus.SCHEDULED, JobStatus.DEFERRED, JobStatus.STARTED)
} | {JobStatus.READY_TO_ENQUEUE.value}


def _text(v: bytes | str) -> str:
    return v.decode() if isinstance(v, bytes) else v


def where_jobs_are(conn: redis.Redis) -> dict[str, set[str]]:
    """For each status, the job ids found in the place that status belongs to (all queues)."""
    out: dict[str, set[str]] = {s: set() for s in WATCHED}
    pipe = conn.pipeline(transaction=False)
    for name in QUEUES:
        q = get_queue(name)
        pipe.lrange(q.key, 0, -1)
        pipe.zrange(q.scheduled_job_registry.key, 0, -1)
        pipe.zrange(q.deferred_job_registry.key, 0, -1)
        pipe.zrange(q.started_job_registry.key, 0, -1)
        pipe.zrange(q.ready_job_registry.key, 0, -1)
    res = pipe.execute()
    for i in range(0, len(res), 5):
        queued, scheduled, deferred, started, ready = res[i : i + 5]
        out["queued"] |= {_text(j) for j in queued}
        out["scheduled"] |= {_text(j) for j in scheduled}
        out["deferred"] |= {_text(j) for j in deferred}
        out["started"] |= {_text(e).partition(":")[0] for e in started}  # members are job:execution
        out["ready_to_enqueue"] |= {_text(j) for j in ready}
    return out


def job_statuses(conn: redis.Redis) -> dict[str, str]:
    """Every RQ job hash and its status, read in batches (SCAN, never KEYS)."""
    statuses: dict[str, str] = {}
    batch: list[str] = []

    def flush() -> None:
        pipe = conn.pipeline(transaction=False)
        for jid in batch:
            pipe.hget(f"rq:job:{jid}", "status")
        for jid, st in zip(batch, pipe.execute(), strict=True):
            if st:
                statuses[jid] = _text(st)
        batch.clear()

    for k in conn.scan_iter(match="rq:job:*", count=SCAN_BATCH, _type="hash"):
        m = _JOB_KEY.match(k)
        if m:
            batch.append(m.group(1).decode())
            if len(batch) >= SCAN_BATCH:
                flush()
    if batch:
        flush()
    return statuses


def _dependencies_done(job: Job) -> bool:
    for dep_id in job._dependency_ids:
        try:
            dep = Job.fetch(dep_id, connection=job.connection, serializer=JSONSerializer)
        except Exception:
            continue  # a dependency that no longer exists can never finish: do not wait for it
        status = dep.get_status(refresh=False)
        if status not in (JobStatus.FINISHED, JobStatus.FAILED, JobStatus.CANCELED, JobStatus.STOPPED):
            return False
    return True


def restore(conn: redis.Redis, jid: str, status: str) -> str | None:
    """Put one orphaned job back where RQ will pick it up, after checking once more that it is
    still orphaned. Returns what was done, or None."""
    try:
        job = Job.fetch(jid, connection=conn, serializer=JSONSerializer)
    except Exception:
        return None
    if job.get_status(refresh=False) is None or job.get_status(refresh=False).value != status:
        return None
    if not job.origin or job.origin not in QUEUES:
        return None
    q = get_queue(job.origin)
    if status == "queued":
        if conn.lpos(q.key, jid) is not None:
            return None
        conn.rpush(q.key, jid)
        return "pushed back onto its queue"
    if status == "scheduled":
        if conn.zscore(q.scheduled_job_registry.key, jid) is not None:
            return None
        conn.zadd(q.scheduled_job_registry.key, {jid: int(time.time())})
        return "re-scheduled now"
    if status == "ready_to_enqueue":
        if conn.zscore(q.ready_job_registry.key, jid) is None:
            q.ready_job_registry.add(job)
        drain_ready((job.origin,))
        return "enqueued from the ready registry"
    if status == "deferred":
        if conn.zscore(q.deferred_job_registry.key, jid) is not None:
            return None
        if _dependencies_done(job):
            pipe = conn.pipeline()
            job.set_status(JobStatus.READY_TO_ENQUEUE, pipeline=pipe)
            q.ready_job_registry.add(job, pipeline=pipe)
            pipe.execute()
            drain_ready((job.origin,))
            return "enqueued (its dependencies are done)"
        pipe = conn.pipeline()
        q.deferred_job_registry.add(job, pipeline=pipe)
        for dep_id in job._dependency_ids:
            pipe.sadd(Job.dependents_key_for(dep_id), jid)
        pipe.execute()
        return "deferred again"
    if status == "started":
        started = {_text(e).partition(":")[0] for e in conn.zrange(q.started_job_registry.key, 0, -1)}
        if jid in started:
            return None
        job.set_status(JobStatus.QUEUED)
        conn.rpush(q.key, jid)
        return "re-queued (it was started by nobody alive)"
    return None


def stale_executions(conn: redis.Redis) -> dict[str, str]:
    """Started-registry entries no live worker is running: {"job:execution": queue}. A worker
    records an execution in its own set as it starts it; a Redis that lost its last second of
    writes (killed, AOF everysec) can keep the registry entry and lose the rest, and RQ would then
    wait for the heartbeat to lapse (job_timeout + 60 s) before retrying the job."""
    from rq.executions import WORKER_EXECUTIONS_KEY_TEMPLATE

    entries: list[tuple[str, str]] = []
    for name in QUEUES:
        entries += [(_text(m), name) for m in conn.zrange(get_queue(name).started_job_registry.key, 0, -1)]
    if not entries:
        return {}
    pipe = conn.pipeline(transaction=False)
    for member, _ in entries:
        pipe.hget(f"rq:execution:{member}", "worker_name")
    workers = [_text(w) if w else "" for w in pipe.execute()]
    pipe = conn.pipeline(transaction=False)
    for (member, _), worker in zip(entries, workers, strict=True):
        pipe.exists(f"rq:worker:{worker}")
        pipe.sismember(WORKER_EXECUTIONS_KEY_TEMPLATE.format(worker), member)
    res = pipe.execute()
    stale = {}
    for i, (member, queue) in enumerate(entries):
        alive, running = res[2 * i], res[2 * i + 1]
        if not workers[i] or not alive or not running:
            stale[member] = queue
    return stale


def _expire_execution(conn: redis.Redis, member: str, queue: str) -> str | None:
    registry = get_queue(queue).started_job_registry
    if conn.zscore(registry.key, member) is None:
        return None
    conn.zadd(registry.key, {member: 0})  # expired: RQ's own abandoned-job handling retries it
    registry.cleanup()
    return "handed back (its worker is gone)"


def sweep_jobs(conn: redis.Redis, now: float | None = None) -> dict[str, str]:
    """One pass of steps 1 and 2; returns {job id: what was done}."""
    from bandcrew.worker import release_dead_scheduler_locks

    now = time.time() if now is None else now
    drain_ready()
    release_dead_scheduler_locks(conn)  # a scheduler that died on this host without its worker
    stale = stale_executions(conn)
    places = where_jobs_are(conn)  # read *before* the statuses: see the module docstring
    statuses = job_statuses(conn)
    orphans: dict[str, str] = {j: s for j, s in statuses.items() if s in WATCHED and j not in places[s]}
    orphans.update({f"exec:{m}": f"execution:{q}" for m, q in stale.items()})
    seen = {_text(k): float(v) for k, v in conn.hgetall(SUSPECTS_KEY).items()}
    acted: dict[str, str] = {}
    new_seen: dict[str, float] = {}
    for jid, status in orphans.items():
        first = seen.get(jid, now)
        if now - first < CONFIRM_S:
            new_seen[jid] = first
            continue
        if status.startswith("execution:"):
            done = _expire_execution(conn, jid.removeprefix("exec:"), status.partition(":")[2])
        else:
            done = restore(conn, jid, status)
        if done:
            acted[jid] = done
            log.warning("orphaned %s job %s: %s", status, jid, done)
    pipe = conn.pipeline()
    pipe.delete(SUSPECTS_KEY)
    if new_seen:
        pipe.hset(SUSPECTS_KEY, mapping={k: str(v) for k, v in new_seen.items()})
        pipe.expire(SUSPECTS_KEY, int(SWEEP_INTERVAL_S * 6))
    pipe.execute()
    return acted


def live_campaign_ids(conn: redis.Redis) -> set[str]:
    """Campaign ids named by a job that is still waiting or running somewhere (our job ids carry
    the campaign id, see shared.queues.job_id)."""
    cids: set[str] = set()
    for ids in where_jobs_are(conn).values():
        for jid in ids:
            cids.update(_CID.findall(jid))
    return cids


def _iso_age(raw: bytes, now: float) -> float:
    from shared.timeutil import parse_iso

    try:
        return now - parse_iso(raw.decode()).timestamp()
    except (ValueError, UnicodeDecodeError):
        return 0.0


def record_state(head: bytes) -> str | None:
    """The state from the first bytes of a stored record, without parsing it whole. The record's
    top-level fields come in model order (id, created_at, updated_at, state, request...), and the
    store leaves out fields at their default: no "state" before "request" means "received"."""
    end = head.find(b'"request"')
    if end < 0:
        return None
    m = _STATE.search(head, 0, end)
    return m.group(1).decode() if m else "received"


def sweep_campaigns(conn: redis.Redis, fail: Any, now: float | None = None) -> dict[str, str]:
    """Step 3: fail campaigns that nothing will ever move. `fail(cid, stage, reason)` is the
    SUPERVISOR's own failure path (the record, the history and the live event)."""
    from shared.store import INDEX, _rkey

    now = time.time() if now is None else now
    ids = [_text(c) for c in conn.zrangebyscore(INDEX, now - CAMPAIGN_WINDOW_S, "+inf")]
    if not ids:
        return {}
    pipe = conn.pipeline(transaction=False)
    for cid in ids:
        pipe.getrange(_rkey(cid), 0, 400)  # state and updated_at come first in the record
    heads = pipe.execute()
    open_ones: dict[str, tuple[str, float]] = {}
    for cid, head in zip(ids, heads, strict=True):
        state = record_state(head or b"")
        if state is None or state in TERMINAL:
            continue
        updated = _UPDATED.search(head)
        open_ones[cid] = (state, _iso_age(updated.group(1), now) if updated else 0.0)
    if not open_ones:
        conn.delete(STALLED_KEY)
        return {}
    live = live_campaign_ids(conn)
    seen = {_text(k): float(v) for k, v in conn.hgetall(STALLED_KEY).items()}
    keep: dict[str, float] = {}
    failed: dict[str, str] = {}
    for cid, (state, age) in open_ones.items():
        if cid in live or age < STALL_S:
            continue
        first = seen.get(cid, now)
        if now - first < CONFIRM_S:
            keep[cid] = first
            continue
        reason = (
            f"stalled in {state}: no job was left to move it on (lost while Redis was unavailable); "
            "submit it again"
        )
        fail(cid, state, reason)
        failed[cid] = reason
        log.warning("campaign %s: %s", cid, reason)
    pipe = conn.pipeline()
    pipe.delete(STALLED_KEY)
    if keep:
        pipe.hset(STALLED_KEY, mapping={k: str(v) for k, v in keep.items()})
        pipe.expire(STALLED_KEY, int(SWEEP_INTERVAL_S * 6))
    pipe.execute()
    return failed


def sweep_once(conn: redis.Redis, kind: str) -> dict[str, str]:
    if kind == "campaigns":
        from supervisor import pipeline

        return sweep_campaigns(conn, pipeline.fail)
    return sweep_jobs(conn)


class Sweeper(threading.Thread):
    """Sweeps every SWEEP_INTERVAL_S (jittered) when it wins the crew-wide lock of its kind. Job
    sweeps run in any worker; the campaign check only in SUPERVISOR workers (it uses the pipeline)."""

    def __init__(self, kind: str, interval: float = SWEEP_INTERVAL_S):
        super().__init__(name=f"bsc-sweep-{kind}", daemon=True)
        self.kind, self.interval = kind, interval

    def run(self) -> None:
        conn = get_redis()
        lock_key = f"{LOCK_KEY}:{self.kind}"
        while True:
            time.sleep(self.interval * random.uniform(0.8, 1.2))
            try:
                if not conn.set(lock_key, "1", nx=True, px=int(self.interval * 800)):
                    continue
                sweep_once(conn, self.kind)
            except redis.RedisError as exc:
                log.info("sweep skipped, Redis unavailable: %s", exc)
            except Exception:
                log.exception("sweep failed")


def start_sweeper(kind: str) -> Sweeper:
    sweeper = Sweeper(kind)
    sweeper.start()
    return sweeper
