"""Start the whole crew the way `bandcrew up` does (it *is* `bandcrew up`, as a subprocess on free
ports with its own data dir), for the end-to-end and browser tests and the benchmark."""

from __future__ import annotations

import os
import queue
import random
import signal
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import requests

from bandcrew.embedded_redis import free_port, port_open

ROOT = Path(__file__).resolve().parent.parent


def _bindable(port: int) -> bool:
    """Free to listen on: nothing listening *and* no connection using it as its local port (which
    a connect() probe cannot see, but which makes the server's bind fail)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def free_port_base() -> int:
    """A base with base..base+5 and base+10 all free, below Linux's ephemeral range (32768+) so
    the crowd of client connections a test opens cannot take them between this check and the bind."""
    for _ in range(200):
        base = random.randrange(20000, 32000, 20)
        offsets = (0, 1, 2, 3, 4, 5, 10)
        if not any(port_open("127.0.0.1", base + off) for off in offsets) and all(
            _bindable(base + off) for off in offsets
        ):
            return base
    raise RuntimeError("no free port range found")


@dataclass
class Crew:
    proc: subprocess.Popen[str]
    port_base: int
    redis_port: int
    admin_token: str
    data_dir: Path
    output: list[str] = field(default_factory=list)
    # The first account `bandcrew up` created and printed (None when the data dir already had accounts).
    username: str | None = None
    password: str | None = None
    user_token: str | None = None

    @property
    def auth_headers(self) -> dict[str, str]:
        """`Authorization: Bearer` for the first account: what the API and MAIN's /api need."""
        assert self.user_token, "bandcrew up printed no account (the data dir already had one)"
        return {"Authorization": f"Bearer {self.user_token}"}

    def session(self) -> requests.Session:
        """A requests session that calls the API as the first account."""
        s = requests.Session()
        s.headers.update(self.auth_headers)
        return s

    @property
    def main_url(self) -> str:
        return f"http://127.0.0.1:{self.port_base}"

    @property
    def supervisor_url(self) -> str:
        return f"http://127.0.0.1:{self.port_base + 1}"

    @property
    def optimizer_url(self) -> str:
        return f"http://127.0.0.1:{self.port_base + 4}"

    @property
    def sandbox_url(self) -> str:
        return f"http://127.0.0.1:{self.port_base + 10}"

    @property
    def redis_url(self) -> str:
        return f"redis://127.0.0.1:{self.redis_port}/0"

    def child_pids(self) -> list[int]:
        """The processes the launcher started, from its pid file (read while it runs)."""
        import json

        pidfile = self.data_dir / "bandcrew.pids"
        return [int(p) for p in json.loads(pidfile.read_text())["children"]] if pidfile.exists() else []

    def stop(self, timeout: float = 40.0) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)
        return self.proc.returncode


def start_crew(
    data_dir: Path,
    extra_env: dict[str, str] | None = None,
    ready_timeout: float = 120.0,
    args: list[str] | None = None,
    port_base: int | None = None,
    redis_port: int | None = None,
) -> Crew:
    base, redis_port = port_base or free_port_base(), redis_port or free_port()
    token = "crew-admin-" + os.urandom(8).hex()
    env = {k: v for k, v in os.environ.items() if not k.endswith("_URL") or k == "REDIS_URL"}
    env.pop("REDIS_URL", None)
    env.update({"BSC_MODE": "sandbox", "SUPERVISOR_ADMIN_TOKEN": token, "LOG_LEVEL": "WARNING"})
    # BSC_LOG_STDOUT: the services' output comes through the launcher's stdout (crew.output).
    env["BSC_LOG_STDOUT"] = "1"
    # Tests and benchmarks drive one account from one address far faster than a marketer would.
    env.update({"RATE_LIMIT_PER_IP": "100000/minute", "RATE_LIMIT_PER_USER": "100000/minute"})
    env.update({"RATE_LIMIT_CAMPAIGNS": "100000/minute", "RATE_LIMIT_LOGIN": "1000/minute"})
    env.update(extra_env or {})
    cmd = [
        sys.executable,
        "-m",
        "bandcrew",
        "up",
        "--port-base",
        str(base),
        "--redis-port",
        str(redis_port),
        "--data-dir",
        str(data_dir),
        *(args or []),
    ]
    proc = subprocess.Popen(
        cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, bufsize=1
    )
    crew = Crew(proc, base, redis_port, token, data_dir)
    lines: queue.Queue[str | None] = queue.Queue()

    def pump() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            crew.output.append(line.rstrip("\n"))
            lines.put(line)
        lines.put(None)

    threading.Thread(target=pump, daemon=True).start()
    deadline = time.monotonic() + ready_timeout
    while time.monotonic() < deadline:
        try:
            line = lines.get(timeout=1)
        except queue.Empty:
            continue
        if line is None:
            raise RuntimeError("bandcrew up exited before READY:\n" + "\n".join(crew.output[-60:]))
        text = line.strip()
        if text.startswith("account (created for local use): "):
            user, _, pw = text.split(": ", 1)[1].partition(" / password: ")
            crew.username, crew.password = user, pw
        elif text.startswith("api token (for bandcrew campaign"):
            crew.user_token = text.rsplit(": ", 1)[1]
        elif text == "READY":
            return crew
    crew.stop()
    raise RuntimeError("bandcrew up not READY in time:\n" + "\n".join(crew.output[-60:]))
