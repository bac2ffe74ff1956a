"""Cost accounting for LLM calls: the price table, the per-campaign ceiling, the global daily cap and
the running totals.

Totals live in Redis, not in process counters: the jobs run in several worker processes (and a
worker recycles itself after 2,000 jobs), while /metrics is served by the MARKETING web process, which
reads these hashes on every scrape."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from shared.models import CostEntry
from shared.redisdb import get_redis, key
from shared.settings import get_settings
from shared.store import spend_key

# USD per 1M tokens (input, output), public list prices. LLM_PRICES (JSON) overrides or extends them;
# an unknown model (a self-hosted one) costs 0.
DEFAULT_PRICES: dict[str, tuple[float, float]] = {
    "gpt-4o": (2.50, 10.00),
    "gpt-4o-mini": (0.15, 0.60),
    "gpt-4.1": (2.00, 8.00),
    "gpt-4.1-mini": (0.40, 1.60),
    "gpt-4.1-nano": (0.10, 0.40),
    "openai/gpt-4o": (2.50, 10.00),
    "openai/gpt-4o-mini": (0.15, 0.60),
}
TOTALS_KEY = key("marketing", "llm", "totals")
SPEND_TTL_S = 30 * 24 * 3600
DAY_TTL_S = 8 * 24 * 3600  # a week of daily totals stays readable


def prices() -> dict[str, tuple[float, float]]:
    table = dict(DEFAULT_PRICES)
    raw = get_settings().LLM_PRICES
    if raw:
        try:
            parsed: dict[str, Any] = json.loads(raw)
            table.update({m: (float(p[0]), float(p[1])) for m, p in parsed.items()})
        except (ValueError, TypeError, IndexError, KeyError) as exc:
            raise ValueError(f'LLM_PRICES must be JSON like {{"model": [usd_in, usd_out]}}: {exc}') from exc
    return table


def cost_usd(model: str, tokens_in: int, tokens_out: int) -> float:
    p_in, p_out = prices().get(model, (0.0, 0.0))
    return round((tokens_in * p_in + tokens_out * p_out) / 1_000_000, 8)


def _spend_key(campaign_id: str) -> str:
    return spend_key(campaign_id)  # the store expires it with the campaign's parts


def spent(campaign_id: str | None) -> float:
    if not campaign_id:
        return 0.0
    raw = get_redis().get(_spend_key(campaign_id))
    return float(raw) if raw else 0.0


def ceiling() -> float:
    return float(get_settings().LLM_COST_CEILING_USD)


def _day_key(day: str | None = None) -> str:
    return key("marketing", "llm", "spend", day or datetime.now(UTC).strftime("%Y-%m-%d"))


def spent_today() -> float:
    """USD spent on LLM calls by every campaign since 00:00 UTC."""
    raw = get_redis().get(_day_key())
    return float(raw) if raw else 0.0


def daily_cap() -> float:
    return float(get_settings().LLM_DAILY_CAP_USD)


def cap_reason(campaign_id: str | None) -> str | None:
    """Why no further paid call may start, or None. Checked before every paid call: the global daily
    cap (LLM_DAILY_CAP_USD, every campaign together, per UTC day) and the campaign's own ceiling.
    Parallel jobs can each start one call just under a cap, so the overshoot is bounded by one call
    per job, which is the price of not serialising them."""
    if spent_today() >= daily_cap():
        return f"daily LLM spend cap of {daily_cap():.2f} USD reached"
    if campaign_id is not None and spent(campaign_id) >= ceiling():
        return f"cost ceiling of {ceiling():.2f} USD reached"
    return None


def ceiling_reached(campaign_id: str | None) -> bool:
    return cap_reason(campaign_id) is not None


def record(entry: CostEntry, campaign_id: str | None) -> None:
    """Add one call to the campaign's spend (atomically across parallel jobs) and the global totals."""
    r = get_redis()
    label = f"{entry.provider}|{entry.model}|{entry.outcome}"
    with r.pipeline(transaction=True) as pipe:
        if campaign_id and entry.usd:
            pipe.incrbyfloat(_spend_key(campaign_id), entry.usd)
            pipe.expire(_spend_key(campaign_id), SPEND_TTL_S)
        if entry.usd:
            pipe.incrbyfloat(_day_key(), entry.usd)
            pipe.expire(_day_key(), DAY_TTL_S)
        pipe.hincrby(TOTALS_KEY, f"{label}|calls", 1)
        pipe.hincrby(TOTALS_KEY, f"{label}|tokens_in", entry.tokens_in)
        pipe.hincrby(TOTALS_KEY, f"{label}|tokens_out", entry.tokens_out)
        pipe.hincrbyfloat(TOTALS_KEY, f"{label}|usd", entry.usd)
        pipe.hincrbyfloat(TOTALS_KEY, f"{label}|latency_s", entry.latency_ms / 1000)
        pipe.execute()


def totals() -> dict[tuple[str, str, str], dict[str, float]]:
    """{(provider, model, outcome): {"calls": n, "tokens_in": n, "tokens_out": n, "usd": x, "latency_s": s}}"""
    out: dict[tuple[str, str, str], dict[str, float]] = {}
    for field, value in get_redis().hgetall(TOTALS_KEY).items():
        provider, model, outcome, metric = field.decode().rsplit("|", 3)
        out.setdefault((provider, model, outcome), {})[metric] = float(value)
    return out


def summarise(entries: list[CostEntry]) -> dict[str, float]:
    return {
        "calls": len(entries),
        "tokens_in": sum(e.tokens_in for e in entries),
        "tokens_out": sum(e.tokens_out for e in entries),
        "usd": round(sum(e.usd for e in entries), 8),
        "latency_ms": sum(e.latency_ms for e in entries),
    }
