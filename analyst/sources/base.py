"""What every source module shares: its context (mode, base URL, resilient caller, HTTP session),
helpers for optional/parallel calls, and `run_source`, which turns any outcome into a SourceReport.

A source module exposes one function, `fetch(artist, ctx) -> SourceData`, and raises
`ArtistNotFound` (with the closest names) or a `SourceError`; `run_source` never raises for those."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

import requests

from analyst.modes import SourceMode, resolve
from analyst.sources import registry
from shared.models.insights import SourceData, SourceReport
from shared.resilience import (
    CACHE_TTLS,
    CallStats,
    CircuitBreaker,
    RateLimiter,
    Resilient,
    ResponseCache,
    SourceError,
)
from shared.timeutil import utcnow_iso

log = logging.getLogger(__name__)

BREAKER_THRESHOLD = 3  # failed operations in a row before a source is skipped
BREAKER_OPEN_S = 30.0  # how long it is skipped before one probe is let through
TRANSIENT_STATUS = {  # SourceError.kind -> report status
    "circuit_open": "unavailable",
    "rate_limited": "unavailable",
    "timeout": "unavailable",
    "server_error": "unavailable",
    "connection": "unavailable",
    "quota": "unavailable",
    "busy": "unavailable",
    "forbidden": "unavailable",
}


class ArtistNotFound(Exception):
    def __init__(self, candidates: list[str], message: str = "no matching artist"):
        super().__init__(message)
        self.candidates = candidates


@dataclass
class Context:
    source: str
    mode: SourceMode
    base: str
    res: Resilient
    session: requests.Session
    stats: CallStats
    unavailable: dict[str, str] = field(default_factory=dict)

    def get(
        self,
        path: str,
        kind: str,
        params: dict[str, Any] | None = None,
        check: Callable[[Any], None] | None = None,
        headers: dict[str, str] | None = None,
        headers_fn: Callable[[], dict[str, str]] | None = None,
    ) -> Any:
        """A cached, resilient GET of base+path. `headers_fn` is only called on a cache miss
        (so a cached run never fetches a token)."""
        cache_key = path + ("?" + urlencode(sorted((params or {}).items())) if params else "")

        def op() -> Any:
            h = dict(headers or {})
            if headers_fn:
                h.update(headers_fn())
            return self.res.get_json(self.session, self.base + path, params, check=check, headers=h)

        return self.res.cached(kind, cache_key, op, what=path)

    def optional(self, name: str, fn: Callable[[], Any]) -> Any | None:
        """Run a call whose failure only leaves a gap (recorded in data.unavailable)."""
        try:
            return fn()
        except SourceError as exc:
            if exc.kind in ("forbidden", "not_found"):
                self.unavailable[name] = f"not available to this app ({exc.message})"
            else:
                self.unavailable[name] = exc.message
            return None

    def parallel(self, calls: dict[str, Callable[[], Any]], optional: bool = True) -> dict[str, Any]:
        """Independent calls at once, so a source costs a few round trips, not one per endpoint."""
        if not calls:
            return {}
        with ThreadPoolExecutor(max_workers=min(8, len(calls)), thread_name_prefix=self.source) as pool:
            wrapped = {n: (lambda n=n, f=f: self.optional(n, f)) if optional else f for n, f in calls.items()}
            futures = {n: pool.submit(f) for n, f in wrapped.items()}
            return {n: fut.result() for n, fut in futures.items()}


def make_context(source: str, mode: SourceMode | None = None) -> Context:
    from analyst.modes import base_url

    mode = mode or resolve(source)
    spec = registry.get(source)
    stats = CallStats()
    ns = mode.cache_namespace
    limiter = None
    if spec.api.rate_limit:
        limit, window = spec.api.rate_limit
        limiter = RateLimiter(ns, limit, window)
    res = Resilient(
        ns,
        namespace=ns,
        cache=ResponseCache(ns, {**CACHE_TTLS, **spec.cache_ttls}),
        limiter=limiter,
        stats=stats,
        breaker=CircuitBreaker(ns, BREAKER_THRESHOLD, BREAKER_OPEN_S),
    )
    session = requests.Session()
    adapter = requests.adapters.HTTPAdapter(pool_connections=4, pool_maxsize=16, max_retries=0)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    session.headers["User-Agent"] = "band-stream-crew/0.1 (analyst)"
    return Context(source, mode, base_url(source), res, session, stats)


def run_source(source: str, artist: str) -> SourceReport:
    """Run one source for `artist`. Source failures become a report; only bugs raise."""
    mode = resolve(source)
    started = time.perf_counter()
    if not mode.configured:
        return SourceReport(
            source=source,
            status="not_configured",
            provenance="missing",
            reason=mode.reason,
            fetched_at=utcnow_iso(),
        )
    ctx = make_context(source, mode)
    module = registry.module(source)
    status, reason, candidates = "ok", None, []
    data = SourceData()
    try:
        data = module.fetch(artist, ctx)
    except ArtistNotFound as exc:
        status, reason, candidates = (
            "not_found",
            f"{registry.get(source).label} has no artist named {artist!r}",
            exc.candidates,
        )
    except SourceError as exc:
        status, reason = TRANSIENT_STATUS.get(exc.kind, "error"), exc.message
    finally:
        ctx.session.close()
    data.unavailable.update(ctx.unavailable)
    cached = ctx.stats.calls == 0 and ctx.stats.cache_hits > 0
    if status != "ok":
        provenance = "missing"  # the contract: failed, not configured or not found -> missing
    elif cached:
        provenance = "cache"
    else:
        provenance = mode.provenance
    return SourceReport(
        source=source,
        status=status,
        provenance=provenance,
        reason=reason,
        candidates=candidates,  # type: ignore[arg-type]
        calls=ctx.stats.calls,
        cached=cached,
        latency_ms=int((time.perf_counter() - started) * 1000),
        fetched_at=utcnow_iso(),
        data=data,
    )


def to_int(value: Any) -> int | None:
    """Counts as APIs give them: 12345, "12345", "1.2M views", "3,456 subscribers"."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return int(value)
    text = str(value).strip().lower().replace(",", "").split(" ")[0]
    mult = {"k": 1_000, "m": 1_000_000, "b": 1_000_000_000}.get(text[-1:], 1)
    try:
        return int(float(text.rstrip("kmb")) * mult)
    except ValueError:
        return None
