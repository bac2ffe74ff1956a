"""Sandbox Chartmetric API: refresh-token exchange, then {"obj": ...}-wrapped reads with a Bearer token."""

from __future__ import annotations

import hashlib
import time
from datetime import date, timedelta

from flask import Blueprint, jsonify, request

from sandbox import data, faults

bp = Blueprint("chartmetric", __name__, url_prefix="/chartmetric")
TOKEN_TTL_S = 3600


def _err(status: int, message: str):
    return jsonify({"error": message}), status


@bp.before_request
def _inject():
    kind = faults.pick("chartmetric")
    if kind is not None:
        if kind == "quota":
            return jsonify({"error": "Too many requests"}), 429, {"Retry-After": "1"}
        resp = faults.respond("chartmetric", kind)
        if resp is not None:
            return resp
    if request.path.endswith("/api/token"):
        return None
    auth = request.headers.get("Authorization", "")
    if not auth.startswith("Bearer sandbox-cm-"):
        return _err(401, "Unauthorized: missing or invalid access token")
    return None


@bp.post("/api/token")
def token():
    body = request.get_json(silent=True) or {}
    refresh = body.get("refreshtoken")
    if not isinstance(refresh, str) or not refresh:
        return _err(400, "refreshtoken is required")
    digest = hashlib.sha256(f"{refresh}|{int(time.time()) // TOKEN_TTL_S}".encode()).hexdigest()[:32]
    return jsonify(
        {
            "token": f"sandbox-cm-{digest}",
            "expires_in": TOKEN_TTL_S,
            "refresh_token": refresh[:4] + "…",
            "scope": "api",
        }
    )


def _summary(a: data.Artist) -> dict[str, object]:
    return {
        "id": a.cm_id,
        "name": a.name,
        "image_url": data.picture(a, "500x500"),
        "sp_followers": int(a.fans * 1.7),
        "sp_monthly_listeners": int(a.fans * 4.2),
        "cm_artist_score": round(min(99.0, 20 + len(str(a.fans)) * 10 + a.seed[5] / 64), 2),
        "isni": None,
        "code2": a.family.countries[0],
        "sandbox": True,
    }


def _known(artist_id: int) -> data.Artist | None:
    return data.by_id(artist_id)


@bp.get("/api/search")
def search():
    q = request.args.get("q", "")
    if not q.strip():
        return _err(400, "q is required")
    limit = request.args.get("limit", type=int) or 10
    found = sorted(data.search(q), key=lambda a: -a.fans)[:limit]
    return jsonify({"obj": {"artists": [_summary(a) for a in found], "tracks": [], "albums": []}})


@bp.get("/api/artist/<int:artist_id>")
def artist(artist_id: int):
    a = _known(artist_id)
    if not a:
        return _err(404, "artist not found")
    body = _summary(a) | {
        "cm_artist_rank": max(1, 2_000_000 // max(1, a.fans // 10)),
        "genres": {
            "primary": {"name": a.family.name},
            "secondary": [{"name": g} for g in a.family.genres[1:]],
        },
        "tags": [{"name": a.family.name}],
        "cm_statistics": {
            "sp_followers": int(a.fans * 1.7),
            "sp_monthly_listeners": int(a.fans * 4.2),
            "deezer_fans": a.fans,
            "ycs_subscribers": max(100, a.fans // 3),
            "ins_followers": int(a.fans * 0.8),
            "tiktok_followers": int(a.fans * 0.5),
        },
        "career_status": {"stage": "mainstream" if a.fans > 1_000_000 else "mid-level"},
    }
    return jsonify({"obj": body})


@bp.get("/api/artist/<int:artist_id>/stat/<source>")
def stat(artist_id: int, source: str):
    a = _known(artist_id)
    if not a:
        return _err(404, "artist not found")
    field = request.args.get("field", "followers")
    today = date.today()
    series = []
    base = a.fans * (4.2 if field == "listeners" else 1.7)
    for i in range(12):
        day = today - timedelta(days=30 * (11 - i))
        series.append({"value": int(base * (0.8 + i * 0.02)), "timestp": day.isoformat(), "diff": None})
    return jsonify({"obj": {field: series}})


@bp.get("/api/artist/<int:artist_id>/where-people-listen")
def where_people_listen(artist_id: int):
    a = _known(artist_id)
    if not a:
        return _err(404, "artist not found")
    listeners = int(a.fans * 4.2)
    today = date.today().isoformat()
    countries: dict[str, list[dict[str, object]]] = {}
    cities: dict[str, list[dict[str, object]]] = {}
    for i, (code, value) in enumerate(a.regions()):
        share = value / 260
        name = data.COUNTRY_NAMES.get(code, code)
        countries[name] = [{"timestp": today, "code2": code, "listeners": int(listeners * share)}]
        city = data.CITIES.get(code)
        if city:
            cities[city] = [
                {
                    "timestp": today,
                    "code2": code,
                    "city_id": 1000 + i,
                    "country_name": name,
                    "listeners": int(listeners * share * 0.3),
                }
            ]
    return jsonify({"obj": {"countries": countries, "cities": cities}})


@bp.get("/api/artist/<int:artist_id>/relatedartists")
def related(artist_id: int):
    a = _known(artist_id)
    if not a:
        return _err(404, "artist not found")
    limit = request.args.get("limit", type=int) or 20
    pool = a.related(25)
    # Chartmetric agrees with Deezer on the head of the list and adds its own tail.
    picks = (pool[:8] + pool[20:25])[:limit]
    return jsonify({"obj": [_summary(r) for r in picks]})
