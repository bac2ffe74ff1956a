"""Redis taken away under a busy crew: killed (the launcher starts it again), frozen for a while,
or full (writes refused). Nothing accepted is lost, nothing stays stuck, no service dies or answers
a 5xx other than 503, and no job is left in no registry."""

from __future__ import annotations

import os
import signal
import threading
import time

import pytest

from bandcrew import faultkit as fk

pytestmark = pytest.mark.faults

# Generous bounds (a loaded 2-core CI machine); bench/faults.py measures the real figures.
RECOVERY_BOUND_S = 90.0


class Prober(threading.Thread):
    """Calls /healthz and /readyz of every service during a fault: records any 5xx but 503."""

    def __init__(self, crew):
        super().__init__(daemon=True)
        self.crew, self.stop_flag, self.bad, self.seen_503 = crew, threading.Event(), [], 0

    def run(self) -> None:
        import requests

        while not self.stop_flag.is_set():
            for off in range(5):
                for path in ("/healthz", "/readyz"):
                    try:
                        r = requests.get(f"http://127.0.0.1:{self.crew.port_base + off}{path}", timeout=15)
                    except requests.RequestException as exc:
                        self.bad.append(f"{off}{path}: {type(exc).__name__}")
                        continue
                    if r.status_code == 503:
                        self.seen_503 += 1
                        assert r.json().get("status") == "unavailable"
                    elif r.status_code >= 500:
                        self.bad.append(f"{off}{path}: {r.status_code}")
            time.sleep(0.3)


def _children_alive(crew) -> list[int]:
    from bandcrew.procs import pid_alive

    return [p for p in crew.child_pids() if not pid_alive(p)]


def test_redis_killed_mid_campaign_is_restarted_and_nothing_is_lost(faulty_crew):
    crew, session = faulty_crew, faulty_crew.session()
    before = crew.child_pids()
    fk.configure_sandbox(crew, latency_ms=300)
    cids = [fk.submit(crew, session) for _ in range(3)]
    time.sleep(1.5)  # campaigns in flight; appendfsync everysec has flushed their acceptance
    prober = Prober(crew)
    prober.start()
    old = fk.redis_pid(crew)
    os.kill(old, signal.SIGKILL)
    fk.wait_redis(crew)
    assert fk.redis_pid(crew) != old, "the launcher did not start a new Redis"
    fk.configure_sandbox(crew, latency_ms=0)
    out = fk.wait_all(crew, session, cids, RECOVERY_BOUND_S)
    prober.stop_flag.set()
    prober.join()
    assert out.stuck == [], out.states
    assert out.failed_without_reason == []
    assert out.server_errors == [] and prober.bad == []
    assert crew.proc.poll() is None, "the crew stopped"
    assert crew.child_pids() == before, "a service died during the outage"


def test_frozen_redis_is_ridden_out(faulty_crew):
    """Redis stopped (SIGSTOP) for 15 s: requests time out on it, workers back off; after SIGCONT
    every campaign finishes, and web services said 503 with a reason meanwhile."""
    crew, session = faulty_crew, faulty_crew.session()
    before = crew.child_pids()
    fk.configure_sandbox(crew, latency_ms=200)
    cids = [fk.submit(crew, session) for _ in range(2)]
    time.sleep(1.5)
    prober = Prober(crew)
    prober.start()
    pid = fk.redis_pid(crew)
    os.kill(pid, signal.SIGSTOP)
    try:
        time.sleep(15)
    finally:
        os.kill(pid, signal.SIGCONT)
    fk.configure_sandbox(crew, latency_ms=0)
    out = fk.wait_all(crew, session, cids, RECOVERY_BOUND_S)
    prober.stop_flag.set()
    prober.join()
    assert out.stuck == [], out.states
    assert out.failed_without_reason == []
    assert prober.seen_503 > 0, "no service reported Redis as unavailable during the outage"
    assert out.server_errors == [] and prober.bad == []
    assert crew.child_pids() == before, "a service died during the outage"


def test_redis_refusing_writes_leaves_no_orphan_and_no_stuck_campaign(faulty_crew):
    crew, session = faulty_crew, faulty_crew.session()
    conn = fk.redis_conn(crew)
    fk.configure_sandbox(crew, latency_ms=300)
    cids = [fk.submit(crew, session) for _ in range(4)]
    time.sleep(1.0)
    used = int(conn.info("memory")["used_memory"])
    conn.config_set("maxmemory", used + 64 * 1024)  # noeviction: writes are refused within moments
    try:
        time.sleep(6)
    finally:
        conn.config_set("maxmemory", 0)
    fk.configure_sandbox(crew, latency_ms=0)
    out = fk.wait_all(crew, session, cids, RECOVERY_BOUND_S)
    assert out.stuck == [], out.states
    assert out.failed_without_reason == []
    assert out.server_errors == []
    deadline = time.monotonic() + 40
    orphans = fk.orphaned_jobs(crew)
    while orphans and time.monotonic() < deadline:
        time.sleep(2)
        orphans = fk.orphaned_jobs(crew)
    assert orphans == {}, "jobs in no registry"
