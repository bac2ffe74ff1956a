"""Ticketmaster Discovery API v2 (TICKETMASTER_API_KEY): the attraction (artist) by keyword, matched
by name like the other catalogs, then its upcoming music events with venue, city, country, public
on-sale date, status (onsale / offsale / cancelled...) and the event's ticket page."""

from __future__ import annotations

from typing import Any

from analyst.matching import Candidate, pick
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

SOURCE = Source(
    "ticketmaster",
    "Ticketmaster",
    Api(
        "TICKETMASTER_API_URL",
        "https://app.ticketmaster.com/discovery/v2",
        "/ticketmaster/discovery/v2",
        credentials=("TICKETMASTER_API_KEY",),
        secrets=("TICKETMASTER_API_KEY",),
        rate_limit=(5, 1.0),  # the Discovery API allows 5 requests a second per key
    ),
    order=70,
    cache_ttls=EVENTS_TTL,
    identity=False,
    provides=("events",),
)
PAGE_SIZE = 50


def _event(raw: dict[str, Any], provenance: str) -> Event | None:
    dates = raw.get("dates") or {}
    start = dates.get("start") or {}
    venues = (raw.get("_embedded") or {}).get("venues") or [{}]
    venue = venues[0] if isinstance(venues[0], dict) else {}
    day = to_date(start.get("localDate"))
    city = str((venue.get("city") or {}).get("name") or "").strip()
    if not day or not city:
        return None
    code = str((dates.get("status") or {}).get("code") or "").lower()
    on_sale_date = to_date(((raw.get("sales") or {}).get("public") or {}).get("startDateTime"))
    status = on_sale_status(
        sold_out=False,  # "offsale" after the on-sale date is as close as the API gets; not claimed
        on_sale_date=on_sale_date,
        has_offer=code == "onsale",
        cancelled=code in ("cancelled", "canceled"),
    )
    if code == "offsale" and status == "unknown":
        status = "unknown"
    country = venue.get("country") or {}
    return Event(
        date=day,
        time=to_time(start.get("localTime")),
        city=city,
        country=country_code(country.get("countryCode") or country.get("name")),
        region=((venue.get("state") or {}).get("stateCode") or None),
        venue=(venue.get("name") or None),
        on_sale=status,  # type: ignore[arg-type]
        on_sale_date=on_sale_date,
        ticket_url=https_or_none(raw.get("url")),
        lineup=[
            str(a.get("name")) for a in (raw.get("_embedded") or {}).get("attractions") or [] if a.get("name")
        ],
        id=str(raw.get("id")) if raw.get("id") else None,
        source="ticketmaster",
        provenance=provenance,  # type: ignore[arg-type]
    )


def fetch(artist: str, ctx: Context) -> SourceData:
    key = credential("TICKETMASTER_API_KEY", ctx.mode)
    found = ctx.get(
        "/attractions.json",
        "identity",
        {"apikey": key, "keyword": artist, "classificationName": "music", "size": 20},
    )
    attractions = ((found or {}).get("_embedded") or {}).get("attractions") or []
    candidates = [
        Candidate(
            str(a.get("name", "")),
            str(a.get("id")),
            int((a.get("upcomingEvents") or {}).get("_total") or 0),
            0,
            a,
        )
        for a in attractions
        if a.get("id")
    ]
    match = pick(artist, candidates)
    if match.best is None:
        raise ArtistNotFound(match.candidates, "Ticketmaster has no attraction of this name")
    body = ctx.get(
        "/events.json",
        "events",
        {
            "apikey": key,
            "attractionId": match.best.id,
            "classificationName": "music",
            "sort": "date,asc",
            "size": PAGE_SIZE,
        },
    )
    raw_events = ((body or {}).get("_embedded") or {}).get("events") or []
    events = [e for e in (_event(r, ctx.mode.provenance) for r in raw_events if isinstance(r, dict)) if e]
    events = [e for e in events if e.on_sale != "cancelled"]
    return SourceData(
        name=match.best.name,
        id=match.best.id,
        link=https_or_none(match.best.raw.get("url")),
        events=events,
        extra={"upcoming_events": len(events), "match": match.how},
    )
