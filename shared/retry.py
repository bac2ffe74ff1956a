"""Backoff arithmetic shared by every external client: exponential with full jitter, and
`Retry-After` honoured only up to a cap so a worker is never blocked for minutes."""

from __future__ import annotations

import random
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

RETRYABLE_STATUS = frozenset({408, 425, 429, 500, 502, 503, 504})


def backoff_delay(
    attempt: int, base: float = 0.2, cap: float = 5.0, rng: random.Random | None = None
) -> float:
    """Delay before retry number `attempt` (0-based): uniform in [0, min(cap, base * 2**attempt)]."""
    ceiling = min(cap, base * (2**attempt))
    return (rng or random).uniform(0, ceiling)


def parse_retry_after(value: str | None) -> float | None:
    """Seconds from a Retry-After header (delta-seconds or HTTP date); None when absent/unreadable."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def retry_delay(attempt: int, retry_after: str | None, cap: float, base: float = 0.2) -> float | None:
    """How long to wait before retrying, or None when Retry-After exceeds the cap (give up now and
    let the circuit breaker / the next campaign try again rather than hold a worker)."""
    hinted = parse_retry_after(retry_after)
    if hinted is not None:
        return hinted if hinted <= cap else None
    return backoff_delay(attempt, base=base, cap=cap)
