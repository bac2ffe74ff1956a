"""One Redis connection pool per process, from REDIS_URL."""

from __future__ import annotations

from functools import lru_cache

import redis

from shared.settings import get_settings


@lru_cache(maxsize=4)
def _client(url: str) -> redis.Redis:
    return redis.Redis.from_url(url, decode_responses=False, health_check_interval=30, socket_timeout=10)


def get_redis(url: str | None = None) -> redis.Redis:
    """A bytes-mode client (RQ needs bytes); decode at the edges."""
    return _client(url or get_settings().REDIS_URL)


def reset_redis() -> None:
    _client.cache_clear()


def key(*parts: str) -> str:
    """Every key the crew writes is namespaced `bsc:` so one Redis can be shared safely."""
    return "bsc:" + ":".join(parts)
