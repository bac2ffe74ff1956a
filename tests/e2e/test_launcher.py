"""`bandcrew up` as an operator meets it: a taken port is explained, a crash is recovered from on the
next start, and stopping leaves no process behind."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time

import pytest
import redis

from bandcrew.embedded_redis import free_port, port_open
from bandcrew.harness import ROOT, free_port_base, start_crew
from bandcrew.procs import pid_alive

pytestmark = pytest.mark.e2e


def _wait_gone(pids: list[int], timeout: float = 15) -> list[int]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and any(pid_alive(p) for p in pids):
        time.sleep(0.1)
    return [p for p in pids if pid_alive(p)]


def test_taken_port_is_explained(tmp_path):
    base = free_port_base()
    with socket.socket() as squatter:
        squatter.bind(("127.0.0.1", base + 1))
        squatter.listen()
        proc = subprocess.run(
            [
                sys.executable,
                "-m",
                "bandcrew",
                "up",
                "--port-base",
                str(base),
                "--redis-port",
                str(free_port()),
                "--data-dir",
                str(tmp_path),
            ],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=60,
            env={**os.environ, "BSC_MODE": "sandbox"},
        )
    assert proc.returncode == 1
    assert f"{base + 1} (supervisor)" in proc.stderr and "--port-base" in proc.stderr


def test_restart_after_a_crash_then_clean_stop(tmp_path):
    crew = start_crew(tmp_path)
    children = crew.child_pids()
    assert len(children) >= 10
    os.kill(crew.proc.pid, signal.SIGKILL)  # the launcher dies; its children and Redis are orphaned
    crew.proc.wait(10)
    assert port_open("127.0.0.1", crew.redis_port)
    key = "bsc:test:survives-restart"
    redis.Redis.from_url(crew.redis_url).set(key, "1")

    again = start_crew(tmp_path, port_base=crew.port_base, redis_port=crew.redis_port)
    try:
        assert "replaced" in "\n".join(again.output) and "reused the Redis" in "\n".join(again.output)
        assert _wait_gone(children) == []  # the orphans were replaced, not left running beside
        assert redis.Redis.from_url(again.redis_url).get(key) == b"1"
        new_children = again.child_pids()
    finally:
        code = again.stop()
    assert code == 0
    assert _wait_gone(new_children) == []
    assert not port_open("127.0.0.1", crew.redis_port)  # Redis stopped too
    for offset in (0, 1, 2, 3, 4, 10):
        assert not port_open("127.0.0.1", crew.port_base + offset)
