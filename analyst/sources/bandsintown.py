"""Bandsintown artist events API (BANDSINTOWN_API_KEY): the artist's upcoming shows with venue, city,
country, on-sale date and ticket offers. One call: `GET /artists/{name}/events?app_id=&date=upcoming`.
An artist Bandsintown does not know answers 404 (-> not found); a known artist with no upcoming show
answers `[]` (-> ok, no events: nothing about a tour may be claimed)."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from analyst.modes import credential
from analyst.sources.base import ArtistNotFound, Context
from analyst.sources.events_common import (
    EVENTS_TTL,
    country_code,
    https_or_none,
    on_sale_status,
    to_date,
    to_time,
)
from analyst.sources.registry import Api, Source
from shared.models.insights import Event, SourceData
from shared.resilience import Permanent, SourceError

SOURCE = Source(
    "bandsintown",
    "Bandsintown",
    Api(
        "BANDSINTOWN_API_URL",
        "https://rest.bandsintown.com",
        "/bandsintown",
        credentials=("BANDSINTOWN_API_KEY",),
        secrets=("BANDSINTOWN_API_KEY",),
    ),
    order=60,
    cache_ttls=EVENTS_TTL,
    identity=False,  # tour dates, not a catalog: it cannot vouch that an artist exists
    provides=("events",),
)
# Bandsintown's documented escapes for characters that would break the path (AC/DC, "?", "*", '"').
_ESCAPES = {"/": "%252F", "?": "%253F", "*": "%252A", '"': "%27C"}


def artist_path(name: str) -> str:
    escaped = "".join(_ESCAPES.get(ch, ch) for ch in name)
    return quote(escaped, safe="%")


def _event(raw: dict[str, Any], provenance: str) -> Event | None:
    venue = raw.get("venue") or {}
    day = to_date(raw.get("datetime") or raw.get("starts_at"))
    city = str(venue.get("city") or "").strip()
    if not day or not city:
        return None
    offers = [o for o in raw.get("offers") or [] if isinstance(o, dict)]
    tickets = next(
        (o for o in offers if str(o.get("type", "")).lower() == "tickets"), offers[0] if offers else {}
    )
    status = str(tickets.get("status") or "").lower()
    return Event(
        date=day,
        time=to_time(raw.get("datetime") or raw.get("starts_at")),
        city=city,
        country=country_code(venue.get("country")),
        region=(venue.get("region") or None),
        venue=(venue.get("name") or None),
        on_sale=on_sale_status(
            sold_out="sold" in status,
            on_sale_date=to_date(raw.get("on_sale_datetime")),
            has_offer=bool(tickets.get("url")),
        ),
        on_sale_date=to_date(raw.get("on_sale_datetime")),
        ticket_url=https_or_none(tickets.get("url")),
        lineup=[str(x) for x in raw.get("lineup") or []][:10],
        id=str(raw.get("id")) if raw.get("id") is not None else None,
        source="bandsintown",
        provenance=provenance,  # type: ignore[arg-type]
    )


def fetch(artist: str, ctx: Context) -> SourceData:
    app_id = credential("BANDSINTOWN_API_KEY", ctx.mode)

    def check(body: Any) -> None:
        if isinstance(body, dict) and body.get("errorMessage"):
            raise Permanent("http_error", f"Bandsintown: {body['errorMessage']}")

    try:
        body = ctx.get(
            f"/artists/{artist_path(artist)}/events",
            "events",
            {"app_id": app_id, "date": "upcoming"},
            check=check,
        )
    except SourceError as exc:
        if exc.kind == "not_found":
            raise ArtistNotFound([], "Bandsintown does not know this artist") from None
        raise
    events = [e for e in (_event(r, ctx.mode.provenance) for r in body or [] if isinstance(r, dict)) if e]
    events.sort(key=lambda e: (e.date, e.time or ""))
    return SourceData(name=artist, events=events, extra={"upcoming_events": len(events)})
