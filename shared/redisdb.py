"""One Redis connection pool per process, from REDIS_URL."""

from __future__ import annotations

from functools import lru_cache

import redis

from shared.settings import get_settings


@lru_cache(maxsize=4)
def _client(url: str) -> redis.Redis:
    # A bounded connect timeout: during a Redis outage a request answers 503 quickly instead of
    # holding its thread; health checks drop connections a restarted server has closed.
    return redis.Redis.from_url(
        url,
        decode_responses=False,
        health_check_interval=30,
        socket_timeout=10,
        socket_connect_timeout=3,
        socket_keepalive=True,
    )


def get_redis(url: str | None = None) -> redis.Redis:
    """A bytes-mode client (RQ needs bytes); decode at the edges."""
    return _client(url or get_settings().REDIS_URL)


def reset_redis() -> None:
    _client.cache_clear()


def key(*parts: str) -> str:
    """Every key the crew writes is namespaced `bsc:` so one Redis can be shared safely."""
    return "bsc:" + ":".join(parts)


WRITE_PROBE_KEY = key("probe", "writable")


def redis_writable(conn: redis.Redis) -> bool:
    """True when Redis answers *and* accepts writes: a server out of memory (noeviction) still
    answers PING but refuses every write, which is as good as down for the crew."""
    try:
        return bool(conn.set(WRITE_PROBE_KEY, "1", ex=5))
    except redis.RedisError:
        return False
