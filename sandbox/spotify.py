"""Sandbox Spotify Web API (client-credentials token + catalog reads), in the real shapes.

Access levels (POST /_sandbox/config {"spotify_access": ...} or env SANDBOX_SPOTIFY_ACCESS), because
what an app may call depends on when it was created:
  new_app  (default) a Development-Mode app after 2024-11-27: related-artists and recommendations
           answer 404, audio-features 403; everything else works.
  dev_2026 also the February 2026 cuts: top-tracks 403; artists lose followers, popularity, genres.
  extended an Extended Quota Mode app: everything works.
"""

from __future__ import annotations

import base64
import hashlib
import os
import threading

from flask import Blueprint, jsonify, request

from sandbox import data, faults

bp = Blueprint("spotify", __name__, url_prefix="/spotify")
ACCESS_LEVELS = ("new_app", "dev_2026", "extended")
_access = {"level": os.environ.get("SANDBOX_SPOTIFY_ACCESS", "new_app")}
_lock = threading.Lock()


def set_access(level: str | None) -> None:
    level = level or os.environ.get("SANDBOX_SPOTIFY_ACCESS", "new_app")
    if level not in ACCESS_LEVELS:
        raise ValueError(f"spotify_access must be one of {', '.join(ACCESS_LEVELS)}")
    with _lock:
        _access["level"] = level


def access() -> str:
    with _lock:
        return _access["level"]


def _err(status: int, message: str):
    return jsonify({"error": {"status": status, "message": message}}), status


@bp.before_request
def _inject():
    kind = faults.pick("spotify")
    if kind is None:
        pass
    elif kind == "quota":  # July 2026: the quota-exceeded 429 carries a reason
        return (
            jsonify({"error": {"status": 429, "message": "Too many requests", "reason": "QUOTA_EXCEEDED"}}),
            429,
            {"Retry-After": "30"},
        )
    else:
        resp = faults.respond("spotify", kind)
        if resp is not None:
            return resp
    if request.path.endswith("/api/token"):
        return None
    auth = request.headers.get("Authorization", "")
    if not auth.startswith("Bearer ") or not auth[7:].startswith("sandbox-token-"):
        return _err(401, "No token provided" if not auth else "Invalid access token")
    return None


@bp.post("/api/token")
def token():
    auth = request.headers.get("Authorization", "")
    client_id = None
    if auth.startswith("Basic "):
        try:
            client_id = base64.b64decode(auth[6:]).decode().split(":", 1)[0]
        except (ValueError, UnicodeDecodeError):
            client_id = None
    if not client_id or request.form.get("grant_type") != "client_credentials":
        return jsonify({"error": "invalid_client", "error_description": "Invalid client"}), 400
    digest = hashlib.sha256(client_id.encode()).hexdigest()[:24]
    return jsonify({"access_token": f"sandbox-token-{digest}", "token_type": "Bearer", "expires_in": 3600})


def artist_json(a: data.Artist) -> dict[str, object]:
    out: dict[str, object] = {
        "external_urls": {"spotify": f"{data.HOST}/spotify/artist/{a.spotify_id}"},
        "followers": {"href": None, "total": int(a.fans * 1.7)},
        "genres": [g.lower() for g in (a.family.name, *a.family.genres[1:])],
        "href": f"{data.HOST}/spotify/v1/artists/{a.spotify_id}",
        "id": a.spotify_id,
        "images": [
            {"url": data.picture(a, "640x640"), "height": 640, "width": 640},
            {"url": data.picture(a, "320x320"), "height": 320, "width": 320},
        ],
        "name": a.name,
        "popularity": min(100, 20 + len(str(a.fans)) * 9 + a.seed[3] % 9),
        "type": "artist",
        "uri": f"spotify:artist:{a.spotify_id}",
    }
    if access() == "dev_2026":
        for gone in ("followers", "popularity", "genres"):
            out.pop(gone)
    return out


def _album_json(a: data.Artist, al: dict[str, object]) -> dict[str, object]:
    album_id = data._b62(data._h(a.spotify_id, str(al["index"])))
    return {
        "album_type": "compilation" if al["record_type"] == "compile" else al["record_type"],
        "total_tracks": al["nb_tracks"],
        "id": album_id,
        "name": al["title"],
        "release_date": al["release_date"],
        "release_date_precision": "day",
        "type": "album",
        "external_urls": {"spotify": f"{data.HOST}/spotify/album/{album_id}"},
        "images": [{"url": f"{data.HOST}/images/cover/{al['id']}/640x640.jpg", "height": 640, "width": 640}],
        "uri": f"spotify:album:{album_id}",
        "artists": [
            {"id": a.spotify_id, "name": a.name, "type": "artist", "uri": f"spotify:artist:{a.spotify_id}"}
        ],
    }


def _artist(artist_id: str):
    return data.by_id(artist_id)


@bp.get("/v1/search")
def search():
    q, kinds = request.args.get("q", ""), request.args.get("type", "")
    if not q.strip() or not kinds:
        return _err(400, "No search query" if not q.strip() else "Missing parameter type")
    limit = min(request.args.get("limit", type=int) or (5 if access() == "dev_2026" else 20), 50)
    offset = request.args.get("offset", type=int) or 0
    # Spotify ranks by popularity, so the real artist usually comes first here (unlike Deezer).
    found = sorted(data.search(q), key=lambda a: -a.fans)
    items = [artist_json(a) for a in found[offset : offset + limit]]
    return jsonify(
        {
            "artists": {
                "href": request.url,
                "items": items,
                "limit": limit,
                "next": None,
                "offset": offset,
                "previous": None,
                "total": len(found),
            }
        }
    )


@bp.get("/v1/artists/<artist_id>")
def get_artist(artist_id: str):
    a = _artist(artist_id)
    return jsonify(artist_json(a)) if a else _err(404, "Resource not found")


@bp.get("/v1/artists/<artist_id>/top-tracks")
def top_tracks(artist_id: str):
    if access() == "dev_2026":
        return _err(403, "Forbidden")
    a = _artist(artist_id)
    if not a:
        return _err(404, "Resource not found")
    albums = a.album_list()
    tracks = []
    for t in a.tracks(10):
        al = albums[int(t["album_index"]) % len(albums)]
        track_id = data._b62(data._h(a.spotify_id, "t", str(t["i"])))
        tracks.append(
            {
                "album": _album_json(a, al),
                "artists": [{"id": a.spotify_id, "name": a.name, "type": "artist"}],
                "duration_ms": int(t["duration"]) * 1000,
                "explicit": False,
                "id": track_id,
                "name": t["title"],
                "popularity": max(1, 80 - int(t["i"]) * 4),
                "track_number": 1,
                "type": "track",
                "external_urls": {"spotify": f"{data.HOST}/spotify/track/{track_id}"},
                "uri": f"spotify:track:{track_id}",
                "is_local": False,
            }
        )
    return jsonify({"tracks": tracks})


@bp.get("/v1/artists/<artist_id>/albums")
def albums(artist_id: str):
    a = _artist(artist_id)
    if not a:
        return _err(404, "Resource not found")
    items = [_album_json(a, al) for al in a.album_list()]
    limit = min(request.args.get("limit", type=int) or 20, 50)
    offset = request.args.get("offset", type=int) or 0
    return jsonify(
        {
            "href": request.url,
            "items": items[offset : offset + limit],
            "limit": limit,
            "next": None,
            "offset": offset,
            "previous": None,
            "total": len(items),
        }
    )


@bp.get("/v1/artists/<artist_id>/related-artists")
def related(artist_id: str):
    if access() != "extended":
        return _err(404, "Not found")
    a = _artist(artist_id)
    if not a:
        return _err(404, "Resource not found")
    pool = a.related(25)
    # Spotify's list overlaps Deezer's only in part, so agreement between sources varies.
    return jsonify({"artists": [artist_json(r) for r in pool[5:25]]})


@bp.get("/v1/recommendations")
@bp.get("/v1/recommendations/")
def recommendations():
    if access() != "extended":
        return _err(404, "Not found")
    seeds = [s for s in request.args.get("seed_artists", "").split(",") if s]
    a = _artist(seeds[0]) if seeds else None
    if not a:
        return _err(400, "invalid request")
    tracks = [
        {
            "id": data._b62(data._h(r.spotify_id, "rec")),
            "name": r.tracks(1)[0]["title"],
            "artists": [{"id": r.spotify_id, "name": r.name}],
            "type": "track",
        }
        for r in a.related(10)
    ]
    return jsonify({"tracks": tracks, "seeds": [{"id": seeds[0], "type": "ARTIST"}]})


@bp.get("/v1/audio-features")
@bp.get("/v1/audio-features/")
def audio_features():
    if access() != "extended":
        return _err(403, "Forbidden")
    ids = [i for i in request.args.get("ids", "").split(",") if i]
    feats = []
    for tid in ids:
        s = data._h(tid)
        feats.append(
            {
                "id": tid,
                "danceability": s[0] / 255,
                "energy": s[1] / 255,
                "valence": s[2] / 255,
                "acousticness": s[3] / 255,
                "tempo": 70 + s[4] % 100,
                "type": "audio_features",
            }
        )
    return jsonify({"audio_features": feats})
