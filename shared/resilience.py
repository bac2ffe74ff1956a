"""Resilient external calls, shared by every service that talks to a third-party API.

One `Resilient` per (source, mode) bundles:
- a per-call timeout (settings.HTTP_TIMEOUT_S) — the caller passes it to its HTTP client;
- retries with exponential backoff and full jitter on timeouts, 429 and 5xx, honouring Retry-After
  up to settings.RETRY_AFTER_CAP_S (shared/retry.py): a longer hint gives up at once instead of
  holding a worker;
- a circuit breaker in Redis, so every worker process skips a dead API quickly;
- a Redis response cache with per-kind TTLs, shared by every worker;
- an optional rate limiter in Redis (sliding window), shared by every worker process.

The wrapped operation is any callable (a requests call, a spotipy method, a SerpApi search); it
raises `Transient` for what deserves a retry and `Permanent` for what does not."""

from __future__ import annotations

import hashlib
import json
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

import redis
import requests

from shared.redisdb import get_redis, key
from shared.retry import RETRYABLE_STATUS, retry_delay
from shared.settings import get_settings

log = logging.getLogger(__name__)
T = TypeVar("T")

# Stable identities change rarely; audience figures move daily. Seconds.
CACHE_TTLS: dict[str, int] = {
    "identity": 7 * 24 * 3600,  # search results, ids
    "profile": 24 * 3600,  # artist object, albums, genres, related artists
    "stats": 6 * 3600,  # fans, top tracks, charts, trends, videos
    "unavailable": 24 * 3600,  # an endpoint this app may not call (Spotify 403/404)
    "token": 3600,  # upper bound; tokens are cached for their own expires_in
}


class SourceError(Exception):
    """Why an external call did not produce data. `kind` is machine-readable."""

    def __init__(self, kind: str, message: str, status: int | None = None, retry_after: str | None = None):
        super().__init__(message)
        self.kind, self.message, self.status, self.retry_after = kind, message, status, retry_after


class Transient(SourceError):
    """Worth retrying: timeout, connection error, 429, 5xx, quota, busy."""


class Permanent(SourceError):
    """Retrying will not help: 4xx, not available to this app, malformed answer."""


class CircuitOpen(SourceError):
    def __init__(self, name: str, seconds: float):
        super().__init__(
            "circuit_open", f"{name} is failing; skipped for {seconds:.0f} s more (circuit open)"
        )


def from_status(status: int, retry_after: str | None = None, what: str = "") -> SourceError:
    """Map an HTTP status to Transient/Permanent with a human message."""
    label = f"{what} " if what else ""
    if status == 429:
        return Transient("rate_limited", f"{label}rate limited (HTTP 429)", status, retry_after)
    if status in RETRYABLE_STATUS:
        return Transient("server_error", f"{label}server error (HTTP {status})", status, retry_after)
    if status in (401, 403):
        return Permanent("forbidden", f"{label}not allowed (HTTP {status})", status)
    if status == 404:
        return Permanent("not_found", f"{label}not found (HTTP 404)", status)
    return Permanent("http_error", f"{label}HTTP {status}", status)


def from_requests(exc: requests.RequestException, what: str = "") -> SourceError:
    label = f"{what} " if what else ""
    if isinstance(exc, requests.JSONDecodeError):  # a RequestException too, since requests 2.27
        return Transient("malformed", f"{label}returned malformed JSON")
    if isinstance(exc, requests.Timeout):
        return Transient("timeout", f"{label}timed out")
    if isinstance(exc, requests.ConnectionError):
        return Transient("connection", f"{label}connection failed")
    return Permanent("http_error", f"{label}{type(exc).__name__}")


class CircuitBreaker:
    """Consecutive-failure breaker in Redis: after `threshold` failed operations it opens for
    `open_s`; then one probe is let through (half-open) and its outcome closes or re-opens it."""

    def __init__(self, name: str, threshold: int = 3, open_s: float = 30.0, r: redis.Redis | None = None):
        self.name, self.threshold, self.open_s = name, threshold, open_s
        self.r = r or get_redis()
        self.k = key("breaker", name)

    def state(self) -> str:
        raw = self.r.hgetall(self.k)
        until = float(raw.get(b"open_until", 0) or 0)
        if not until:
            return "closed"
        return "open" if time.time() < until else "half_open"

    def allow(self) -> None:
        """Raise CircuitOpen while open; in half-open only one caller (SET NX) gets to probe."""
        until = float(self.r.hget(self.k, "open_until") or 0)
        if not until:
            return
        now = time.time()
        if now < until:
            raise CircuitOpen(self.name, until - now)
        if not self.r.set(self.k + ":probe", "1", nx=True, ex=max(1, int(self.open_s))):
            raise CircuitOpen(self.name, 0)

    def success(self) -> None:
        self.r.delete(self.k, self.k + ":probe")

    def failure(self) -> None:
        pipe = self.r.pipeline()
        pipe.hincrby(self.k, "failures", 1)
        pipe.hget(self.k, "open_until")
        # A breaker is about the API's health now: old failures must not count for ever.
        pipe.expire(self.k, int(self.open_s * BREAKER_MEMORY_FACTOR))
        failures, until, _ = pipe.execute()
        half_open = bool(until) and time.time() >= float(until)
        if failures >= self.threshold or half_open:
            self.r.hset(self.k, "open_until", str(time.time() + self.open_s))
            self.r.delete(self.k + ":probe")
            log.warning(
                "circuit for %s opened for %.0f s after %d failures", self.name, self.open_s, failures
            )


# A breaker's failure count and open state are forgotten this many open periods after the last failure.
BREAKER_MEMORY_FACTOR = 10


def reset_breakers(r: redis.Redis | None = None) -> int:
    """Close every circuit breaker. `bandcrew up` calls it at start-up: a breaker opened while the
    crew was stopping (the sandbox going away under the last jobs) says nothing about the APIs
    after a restart, and must not turn the resumed campaigns' sources into "missing (circuit open)"."""
    r = r or get_redis()
    keys = list(r.scan_iter(match=key("breaker", "*"), count=500))
    return int(r.delete(*keys)) if keys else 0


# Sliding-window log in one atomic script; Redis TIME is the clock, so processes on different
# hosts agree. Returns {granted_at_us, 0} or {0, wait_us}.
_ACQUIRE = """
redis.replicate_commands()
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local window = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[1]) then
  redis.call('ZADD', KEYS[1], now, now .. '-' .. ARGV[3])
  redis.call('PEXPIRE', KEYS[1], math.ceil(window / 1000) + 1000)
  return {now, 0}
end
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return {0, tonumber(oldest[2]) + window - now}
"""


class RateLimiter:
    """At most `limit` calls per `window_s`, across every process sharing the Redis."""

    def __init__(
        self, name: str, limit: int, window_s: float, max_wait_s: float = 10.0, r: redis.Redis | None = None
    ):
        self.name, self.limit, self.window_us = name, limit, int(window_s * 1_000_000)
        self.max_wait_s = max_wait_s
        self.r = r or get_redis()
        self.k = key("ratelimit", name)
        self._n = 0
        self._lock = threading.Lock()

    def acquire(self) -> float:
        """Block until a slot is free; returns the grant time (Redis clock, seconds). Raises
        Transient('rate_limited') rather than wait longer than max_wait_s."""
        waited = 0.0
        while True:
            with self._lock:
                self._n += 1
                token = f"{id(self)}-{threading.get_ident()}-{self._n}"
            granted, wait_us = self.r.eval(_ACQUIRE, 1, self.k, self.limit, self.window_us, token)
            if granted:
                return int(granted) / 1_000_000
            wait = max(0.001, int(wait_us) / 1_000_000)
            if waited + wait > self.max_wait_s:
                raise Transient(
                    "rate_limited", f"{self.name}: local rate limit, no slot within {self.max_wait_s} s"
                )
            time.sleep(wait)
            waited += wait


@dataclass
class CallStats:
    """What one source run cost: external calls made and answers served from the cache."""

    calls: int = 0
    cache_hits: int = 0
    errors: list[str] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def add_call(self) -> None:
        with self._lock:
            self.calls += 1

    def add_hit(self) -> None:
        with self._lock:
            self.cache_hits += 1


class ResponseCache:
    """JSON values in Redis under bsc:cache:<namespace>:<kind>:<sha1(key)>, TTL per kind."""

    def __init__(self, namespace: str, ttls: dict[str, int] | None = None, r: redis.Redis | None = None):
        self.namespace, self.ttls = namespace, ttls or CACHE_TTLS
        self.r = r or get_redis()

    def _k(self, kind: str, cache_key: str) -> str:
        return key("cache", self.namespace, kind, hashlib.sha1(cache_key.encode()).hexdigest())

    def get(self, kind: str, cache_key: str) -> Any | None:
        raw = self.r.get(self._k(kind, cache_key))
        return json.loads(raw) if raw else None

    def set(self, kind: str, cache_key: str, value: Any, ttl: int | None = None) -> None:
        self.r.set(self._k(kind, cache_key), json.dumps(value), ex=int(ttl or self.ttls.get(kind, 3600)))


class Resilient:
    """Runs operations for one source with retries, breaker, limiter and cache."""

    def __init__(
        self,
        name: str,
        *,
        namespace: str | None = None,
        limiter: RateLimiter | None = None,
        breaker: CircuitBreaker | None = None,
        cache: ResponseCache | None = None,
        max_retries: int | None = None,
        stats: CallStats | None = None,
    ):
        s = get_settings()
        self.name = name
        self.timeout = s.HTTP_TIMEOUT_S
        self.max_retries = s.HTTP_MAX_RETRIES if max_retries is None else max_retries
        self.retry_after_cap = s.RETRY_AFTER_CAP_S
        self.breaker = breaker if breaker is not None else CircuitBreaker(name)
        self.limiter = limiter
        self.cache = cache if cache is not None else ResponseCache(namespace or name)
        self.stats = stats or CallStats()

    def call(self, op: Callable[[], T], what: str = "") -> T:
        """Run `op` with the breaker, limiter and retry policy. Raises SourceError when it gives up."""
        self.breaker.allow()
        last: SourceError | None = None
        for attempt in range(self.max_retries + 1):
            if self.limiter:
                self.limiter.acquire()
            self.stats.add_call()
            try:
                result = op()
            except Transient as exc:
                last = exc
                delay = retry_delay(attempt, exc.retry_after, self.retry_after_cap)
                if delay is None:
                    last = Transient(
                        exc.kind,
                        f"{exc.message}; Retry-After {exc.retry_after} s exceeds the "
                        f"{self.retry_after_cap:g} s cap",
                        exc.status,
                        exc.retry_after,
                    )
                    break
                if attempt < self.max_retries:
                    log.info(
                        "%s %s: %s; retry %d in %.2f s", self.name, what, exc.message, attempt + 1, delay
                    )
                    time.sleep(delay)
                continue
            except Permanent:
                # The API answered: it is alive, the breaker should not count this.
                self.breaker.success()
                raise
            self.breaker.success()
            return result
        self.breaker.failure()
        assert last is not None
        raise last

    def cached(
        self,
        kind: str,
        cache_key: str,
        op: Callable[[], T],
        what: str = "",
        cache_if: Callable[[T], bool] | None = None,
    ) -> T:
        """`call(op)` behind the response cache. Permanent 'forbidden'/'not_found' answers of
        optional endpoints are remembered too (as kind 'unavailable'), so a cached campaign makes
        no external call at all."""
        hit = self.cache.get(kind, cache_key)
        if hit is not None:
            self.stats.add_hit()
            return hit  # type: ignore[no-any-return]
        miss = self.cache.get("unavailable", cache_key)
        if miss is not None:
            self.stats.add_hit()
            raise Permanent(
                miss.get("kind", "forbidden"), miss.get("message", "not available"), miss.get("status")
            )
        value = self.call(op, what)
        if cache_if is None or cache_if(value):
            self.cache.set(kind, cache_key, value)
        return value

    def remember_unavailable(self, cache_key: str, exc: SourceError) -> None:
        self.cache.set(
            "unavailable", cache_key, {"kind": exc.kind, "message": exc.message, "status": exc.status}
        )

    def get_json(
        self,
        session: requests.Session,
        url: str,
        params: dict[str, Any] | None = None,
        check: Callable[[Any], None] | None = None,
        headers: dict[str, str] | None = None,
    ) -> Any:
        """One GET returning parsed JSON, classifying every failure. `check` inspects the body for
        errors delivered inside HTTP 200 (Deezer) and raises SourceError."""
        try:
            resp = session.get(url, params=params, headers=headers, timeout=self.timeout)
        except requests.RequestException as exc:
            raise from_requests(exc, self.name) from None
        if resp.status_code >= 400:
            raise from_status(resp.status_code, resp.headers.get("Retry-After"), self.name)
        try:
            body = resp.json()
        except ValueError:
            raise Transient("malformed", f"{self.name} returned malformed JSON") from None
        if check:
            check(body)
        return body
