"""What the fault suite (tests/faults) and its benchmark (bench/faults.py) do to a running crew and
how they judge it: submit campaigns, break something real (kill Redis, fill it, kill workers, stop
the crew), then wait until every accepted campaign is done or failed with a reason, and look for
anything left behind (a job in no registry, a dead worker still listed, an orphan process)."""

from __future__ import annotations

import os
import random
import signal
import time
from dataclasses import dataclass, field
from typing import Any

import redis
import requests
from rq import Worker
from rq.serializers import JSONSerializer

from bandcrew.harness import Crew

TERMINAL = ("done", "failed", "canceled")
SUBMIT_BODY = {"artist": "Phoenix", "final_url": "https://wearephoenix.com/", "goals": ["streams"]}


@dataclass
class Outcome:
    """What became of the campaigns accepted around one fault."""

    states: dict[str, str] = field(default_factory=dict)  # cid -> final state ("stuck" if none)
    reasons: dict[str, str] = field(default_factory=dict)  # cid -> failure reason
    ended_at: dict[str, float] = field(default_factory=dict)  # cid -> monotonic time it ended
    server_errors: list[str] = field(default_factory=list)  # 5xx other than 503 seen while polling

    @property
    def stuck(self) -> list[str]:
        return [c for c, s in self.states.items() if s not in TERMINAL]

    @property
    def failed_without_reason(self) -> list[str]:
        return [c for c, s in self.states.items() if s == "failed" and not self.reasons.get(c)]


def configure_sandbox(crew: Crew, latency_ms: int = 0, faults: str = "") -> None:
    requests.post(
        f"{crew.sandbox_url}/_sandbox/config", json={"faults": faults, "latency_ms": latency_ms}, timeout=10
    ).raise_for_status()


def submit(crew: Crew, session: requests.Session, body: dict[str, Any] | None = None) -> str:
    resp = session.post(f"{crew.supervisor_url}/api/campaigns", json=body or SUBMIT_BODY, timeout=30)
    assert resp.status_code == 202, resp.text
    return str(resp.json()["id"])


def wait_all(crew: Crew, session: requests.Session, cids: list[str], timeout: float) -> Outcome:
    """Poll until every campaign is terminal or `timeout` passes. 503 (Redis unavailable) is an
    answer; any other 5xx is recorded as a server error."""
    out = Outcome(states=dict.fromkeys(cids, "stuck"))
    deadline = time.monotonic() + timeout
    pending = set(cids)
    while pending and time.monotonic() < deadline:
        for cid in list(pending):
            try:
                resp = session.get(f"{crew.supervisor_url}/api/campaigns/{cid}", timeout=15)
            except requests.RequestException:
                continue
            if resp.status_code >= 500 and resp.status_code != 503:
                out.server_errors.append(f"{resp.status_code} {resp.text[:200]}")
            if resp.status_code != 200:
                continue
            rec = resp.json()
            if rec["state"] in TERMINAL:
                out.states[cid] = rec["state"]
                out.reasons[cid] = ((rec.get("error") or {}).get("reason")) or ""
                out.ended_at[cid] = time.monotonic()
                pending.discard(cid)
        if pending:
            time.sleep(0.5)
    return out


def redis_conn(crew: Crew) -> redis.Redis:
    return redis.Redis.from_url(crew.redis_url, socket_timeout=10, socket_connect_timeout=5)


def redis_pid(crew: Crew) -> int:
    return int(redis_conn(crew).info("server")["process_id"])


def wait_redis(crew: Crew, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if redis_conn(crew).ping():
                return
        except redis.RedisError:
            pass
        time.sleep(0.2)
    raise AssertionError("Redis did not come back")


def workers(crew: Crew, queue: str | None = None) -> list[Worker]:
    found = Worker.all(connection=redis_conn(crew), serializer=JSONSerializer)
    return [w for w in found if queue is None or queue in w.queue_names()]


def busy_worker(crew: Crew, queue: str, timeout: float = 60.0) -> Worker | None:
    """A worker of `queue` caught while it runs a job. Polls the workers' state fields every few
    milliseconds: a SUPERVISOR step lasts only tens of milliseconds."""
    conn = redis_conn(crew)
    deadline = time.monotonic() + timeout
    keys: list[bytes] = []
    while time.monotonic() < deadline:
        if not keys or random.random() < 0.01:
            keys = sorted(conn.smembers(f"rq:workers:{queue}"))
        pipe = conn.pipeline(transaction=False)
        for k in keys:
            pipe.hget(k, "state")
        for k, state in zip(keys, pipe.execute(), strict=True):
            if state == b"busy":
                w = Worker.find_by_key(k.decode(), connection=conn, serializer=JSONSerializer)
                if w is not None and w.pid:
                    return w
        time.sleep(0.002)
    return None


def kill_process(pid: int, sig: int = signal.SIGKILL) -> None:
    os.kill(pid, sig)


def orphaned_jobs(crew: Crew) -> dict[str, str]:
    """Jobs whose status says they wait somewhere but which are in no list or registry that would
    ever run them (the sweep's own definition, read from outside)."""
    from bandcrew.sweep import WATCHED, job_statuses, where_jobs_are

    conn = redis_conn(crew)
    places = where_jobs_are(conn)
    return {j: s for j, s in job_statuses(conn).items() if s in WATCHED and j not in places[s]}


def percentile(values: list[float], p: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    k = (len(ordered) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return round(ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo), 2)
