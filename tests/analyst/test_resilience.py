"""Shared resilience: the circuit breaker, the Redis rate limiter across processes, the cache."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

from analyst.sources.base import BREAKER_THRESHOLD, run_source
from shared.redisdb import key
from shared.resilience import CircuitBreaker


def test_circuit_breaker_opens_skips_and_closes(sandbox, redis_db, monkeypatch):
    from shared.settings import reset_settings

    monkeypatch.setenv("HTTP_MAX_RETRIES", "0")
    reset_settings()
    sandbox.configure(faults="deezer:500")
    for _ in range(BREAKER_THRESHOLD):
        assert run_source("deezer", "Aurora").status == "unavailable"
    breaker = CircuitBreaker("deezer:sandbox")
    assert breaker.state() == "open"
    served = sandbox.calls()["deezer"]
    skipped = run_source("deezer", "Aurora")
    assert skipped.status == "unavailable" and "circuit open" in skipped.reason
    assert skipped.calls == 0 and sandbox.calls()["deezer"] == served  # a dead API is not even called
    # The open period is over (moved into the past rather than waited for): one probe goes through.
    redis_db.hset(key("breaker", "deezer:sandbox"), "open_until", str(time.time() - 1))
    assert breaker.state() == "half_open"
    sandbox.configure(faults="")
    assert run_source("deezer", "Aurora").status == "ok"
    assert breaker.state() == "closed"
    monkeypatch.undo()
    reset_settings()


def test_half_open_probe_failure_reopens(redis_db):
    breaker = CircuitBreaker("unit", threshold=2, open_s=30)
    breaker.failure()
    assert breaker.state() == "closed"
    breaker.failure()
    assert breaker.state() == "open"
    redis_db.hset(key("breaker", "unit"), "open_until", str(time.time() - 1))
    breaker.allow()  # the probe
    breaker.failure()
    assert breaker.state() == "open"


WORKER = """
import json, sys
from shared.resilience import RateLimiter
limiter = RateLimiter("two-process-test", limit=5, window_s=0.3)
print(json.dumps([limiter.acquire() for _ in range(10)]))
"""


def test_rate_limiter_holds_across_two_processes(redis_db, redis_url):
    env = {**os.environ, "REDIS_URL": redis_url}
    procs = [
        subprocess.Popen([sys.executable, "-c", WORKER], env=env, stdout=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    grants = []
    for p in procs:
        out, _ = p.communicate(timeout=60)
        assert p.returncode == 0
        mine = json.loads(out)
        assert len(mine) == 10
        grants += mine
    grants.sort()
    # 20 grants from two processes; any 6 consecutive ones span at least one window: never more
    # than 5 inside 0.3 s (Redis clock), although each process alone asked for 10.
    assert all(grants[i + 5] - grants[i] >= 0.3 - 1e-6 for i in range(len(grants) - 5))


def test_second_campaign_for_same_artist_is_served_from_cache(sandbox):
    from analyst.insights import build_insights

    first = build_insights("Aurora")
    assert set(first.provenance().values()) == {"sandbox"}
    calls = sandbox.calls()
    assert sum(calls.values()) > 0
    second = build_insights("Aurora")
    assert sandbox.calls() == calls  # not one external call
    assert set(second.provenance().values()) == {"cache"}
    assert all(r.cached and r.calls == 0 for r in second.sources.values())
    # Same figures; only their provenance says "cache" now.
    assert strip(second.model_dump(exclude={"sources"})) == strip(first.model_dump(exclude={"sources"}))
    assert second.profile.fans["deezer"].provenance == "cache"


def strip(doc: object) -> object:
    if isinstance(doc, dict):
        return {k: strip(v) for k, v in doc.items() if k != "provenance"}
    if isinstance(doc, list):
        return [strip(v) for v in doc]
    return doc
