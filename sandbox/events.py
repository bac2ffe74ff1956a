"""Sandbox tour-dates APIs in their real shapes: Bandsintown's artist events API
(rest.bandsintown.com, `app_id` query key) and Ticketmaster's Discovery API v2
(app.ticketmaster.com/discovery/v2, `apikey` query key). Both list the same synthetic tour
(`sandbox.data.Artist.tour`); Ticketmaster only the shows it sells. Faults per API as configured
(`bandsintown:...`, `ticketmaster:...`); quota answers in each API's own shape."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from urllib.parse import unquote

from flask import Blueprint, jsonify, request

from sandbox import data, faults

bandsintown = Blueprint("bandsintown", __name__, url_prefix="/bandsintown")
ticketmaster = Blueprint("ticketmaster", __name__, url_prefix="/ticketmaster/discovery/v2")


def _main(name: str) -> data.Artist | None:
    """The artist exactly named `name` (as the real APIs key artists by name), or None."""
    if not data.normalise(name) or "zzzz" in data.normalise(name) or "xxxx" in data.normalise(name):
        return None
    return data.artist(name, "main")


def _ticket_url(kind: str, show: dict[str, object]) -> str:
    return f"{data.HOST}/{kind}/tickets/{show['id']}"


# ---------------------------------------------------------------- Bandsintown


@bandsintown.before_request
def _bit_inject():
    kind = faults.pick("bandsintown")
    if kind is not None:
        if kind == "quota":
            return (
                jsonify({"errorMessage": "[TooManyRequests] Rate limit exceeded"}),
                429,
                {"Retry-After": "1"},
            )
        resp = faults.respond("bandsintown", kind)
        if resp is not None:
            return resp
    if not request.args.get("app_id"):
        return jsonify({"errorMessage": "[Forbidden] app_id is required"}), 403
    return None


def _bit_name(raw: str) -> str:
    # Bandsintown wants "/", "?", "*" and '"' in a name double-encoded (%252F...): Flask decoded once.
    return unquote(raw)


def _bit_artist(a: data.Artist) -> dict[str, object]:
    return {
        "id": str(a.deezer_id),
        "name": a.name,
        "url": f"{data.HOST}/bandsintown/a/{a.deezer_id}",
        "image_url": data.picture(a, "500x500"),
        "thumb_url": data.picture(a, "250x250"),
        "facebook_page_url": "",
        "mbid": "",
        "tracker_count": a.fans // 7,
        "upcoming_event_count": len(a.tour()),
        "support_url": "",
        "sandbox": True,
    }


@bandsintown.get("/artists/<path:name>/events")
def bit_events(name: str):
    a = _main(_bit_name(name))
    if a is None:
        return jsonify({"errorMessage": "[NotFound] The artist was not found"}), 404
    if request.args.get("date", "upcoming") not in ("upcoming", "all"):
        return jsonify([])  # a date range: the sandbox only knows upcoming shows
    out = []
    for show in a.tour():
        when = datetime.combine(show["date"], datetime.strptime(str(show["time"]), "%H:%M").time())  # type: ignore[arg-type]
        country = data.COUNTRY_NAMES.get(str(show["country"]), str(show["country"]))
        region = show["region"] or ""
        out.append(
            {
                "id": show["id"],
                "artist_id": str(a.deezer_id),
                "url": f"{data.HOST}/bandsintown/e/{show['id']}",
                "on_sale_datetime": datetime.combine(show["on_sale_date"], datetime.min.time()).isoformat(),  # type: ignore[arg-type]
                "datetime": when.isoformat(),
                "starts_at": when.isoformat(),
                "ends_at": (when + timedelta(hours=3)).isoformat(),
                "festival_start_date": "",
                "festival_end_date": "",
                "festival_datetime_display_rule": "",
                "description": "",
                "title": "",
                "venue": {
                    "name": show["venue"],
                    "latitude": "0",
                    "longitude": "0",
                    "city": show["city"],
                    "region": region,
                    "country": country,
                    "location": f"{show['city']}, {region or country}",
                    "street_address": "",
                    "postal_code": "",
                },
                "offers": [
                    {
                        "type": "Tickets",
                        "url": _ticket_url("bandsintown", show),
                        "status": "sold out" if show["status"] == "sold_out" else "available",
                    }
                ],
                "lineup": [a.name],
                "bandsintown_plus": False,
                "sandbox": True,
            }
        )
    return jsonify(out)


@bandsintown.get("/artists/<path:name>")
def bit_artist(name: str):
    a = _main(_bit_name(name))
    if a is None:
        # The real API answers an unknown artist with an empty body and HTTP 200 on this endpoint.
        return "", 200
    return jsonify(_bit_artist(a))


# ---------------------------------------------------------------- Ticketmaster Discovery v2


@ticketmaster.before_request
def _tm_inject():
    kind = faults.pick("ticketmaster")
    if kind is not None:
        if kind == "quota":
            return (
                jsonify(
                    {
                        "fault": {
                            "faultstring": "Rate limit quota violation. Quota limit  exceeded. Identifier : sandbox",
                            "detail": {"errorcode": "policies.ratelimit.QuotaViolation"},
                        }
                    }
                ),
                429,
                {"Retry-After": "1"},
            )
        resp = faults.respond("ticketmaster", kind)
        if resp is not None:
            return resp
    if not request.args.get("apikey"):
        return (
            jsonify(
                {
                    "fault": {
                        "faultstring": "Invalid ApiKey",
                        "detail": {"errorcode": "oauth.v2.InvalidApiKey"},
                    }
                }
            ),
            401,
        )
    return None


def _tm_attraction(a: data.Artist) -> dict[str, object]:
    shows = _tm_shows(a)
    return {
        "name": a.name,
        "type": "attraction",
        "id": f"K8vZ9{a.deezer_id}",
        "url": f"{data.HOST}/ticketmaster/artist/{a.deezer_id}",
        "locale": "en-us",
        "images": [{"ratio": "16_9", "url": data.picture(a, "1024x576"), "width": 1024, "height": 576}],
        "classifications": [{"primary": True, "segment": {"id": "KZFzniwnSyZfZ7v7nJ", "name": "Music"}}],
        "upcomingEvents": {"_total": len(shows), "ticketmaster": len(shows)},
        "sandbox": True,
    }


def _tm_shows(a: data.Artist) -> list[dict[str, object]]:
    # Ticketmaster does not sell every show of a tour: it skips every third one.
    return [s for i, s in enumerate(a.tour()) if i % 3 != 2]


def _page(n: int, size: int) -> dict[str, int]:
    return {
        "size": size,
        "totalElements": n,
        "totalPages": (n + size - 1) // size if size else 0,
        "number": 0,
    }


@ticketmaster.get("/attractions.json")
def tm_attractions():
    keyword = request.args.get("keyword", "")
    size = request.args.get("size", type=int) or 20
    found = [a for a in data.search(keyword) if a.variant in ("main", "tribute")][:size]
    body: dict[str, object] = {
        "_links": {"self": {"href": request.full_path}},
        "page": _page(len(found), size),
    }
    if found:
        body["_embedded"] = {"attractions": [_tm_attraction(a) for a in found]}
    return jsonify(body)


def _tm_event(a: data.Artist, show: dict[str, object]) -> dict[str, object]:
    status = {"available": "onsale", "not_yet": "offsale", "sold_out": "offsale"}[str(show["status"])]
    on_sale: date = show["on_sale_date"]  # type: ignore[assignment]
    show_day: date = show["date"]  # type: ignore[assignment]
    country = str(show["country"])
    venue: dict[str, object] = {
        "name": show["venue"],
        "type": "venue",
        "id": f"KovZ{show['id']}",
        "city": {"name": show["city"]},
        "country": {"name": data.COUNTRY_NAMES.get(country, country), "countryCode": country},
        "address": {"line1": ""},
    }
    if show["region"]:
        venue["state"] = {"name": show["region"], "stateCode": show["region"]}
    return {
        "name": f"{a.name} - Live",
        "type": "event",
        "id": f"G5v{show['id']}",
        "url": _ticket_url("ticketmaster", show),
        "locale": "en-us",
        "sales": {
            "public": {
                "startDateTime": f"{on_sale.isoformat()}T15:00:00Z",
                "startTBD": False,
                "endDateTime": f"{show_day.isoformat()}T23:00:00Z",
            }
        },
        "dates": {
            "start": {
                "localDate": show_day.isoformat(),
                "localTime": f"{show['time']}:00",
                "dateTBD": False,
                "timeTBA": False,
            },
            "status": {"code": status},
            "spanMultipleDays": False,
        },
        "classifications": [{"primary": True, "segment": {"name": "Music"}}],
        "_embedded": {"venues": [venue], "attractions": [{"name": a.name, "id": f"K8vZ9{a.deezer_id}"}]},
        "sandbox": True,
    }


@ticketmaster.get("/events.json")
def tm_events():
    attraction = request.args.get("attractionId", "")
    size = request.args.get("size", type=int) or 20
    a = data.by_id(attraction.removeprefix("K8vZ9")) if attraction.startswith("K8vZ9") else None
    shows = _tm_shows(a) if a is not None else []
    body: dict[str, object] = {
        "_links": {"self": {"href": request.full_path}},
        "page": _page(len(shows), size),
    }
    if shows and a is not None:
        body["_embedded"] = {"events": [_tm_event(a, s) for s in shows[:size]]}
    return jsonify(body)
