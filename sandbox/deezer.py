"""Sandbox Deezer public API (https://api.deezer.com shapes). Like the real one, errors come back
with HTTP 200 and an {"error": {...}} body, including the quota error (code 4)."""

from __future__ import annotations

from flask import Blueprint, jsonify, request

from sandbox import data, faults

bp = Blueprint("deezer", __name__, url_prefix="/deezer")

ERRORS = {  # code -> (type, message), as listed on developers.deezer.com/api/errors
    4: ("Exception", "Quota limit exceeded"),
    100: ("Exception", "Items limit exceeded"),
    200: ("OAuthException", "Permission denied"),
    300: ("OAuthException", "Invalid OAuth access token."),
    500: ("ParameterException", "Wrong parameter"),
    501: ("MissingParameterException", "Missing parameter"),
    600: ("InvalidQueryException", "Invalid query"),
    700: ("Exception", "Service busy"),
    800: ("DataException", "no data"),
}


def _error(code: int):
    kind, message = ERRORS.get(code, ("Exception", "Unknown error"))
    return jsonify({"error": {"type": kind, "message": message, "code": code}})


@bp.before_request
def _inject():
    kind = faults.pick("deezer")
    if kind is None:
        return None
    if kind == "quota":
        return _error(4)
    if kind.startswith("error_"):
        return _error(int(kind.split("_")[1]))
    return faults.respond("deezer", kind)


def artist_json(a: data.Artist, full: bool = True) -> dict[str, object]:
    base = f"{data.HOST}/deezer"
    out: dict[str, object] = {
        "id": a.deezer_id,
        "name": a.name,
        "link": f"{base}/artist/{a.deezer_id}",
        "picture": f"{base}/artist/{a.deezer_id}/image",
        "picture_small": data.picture(a, "56x56"),
        "picture_medium": data.picture(a, "250x250"),
        "picture_big": data.picture(a, "500x500"),
        "picture_xl": data.picture(a, "1000x1000"),
        "nb_album": a.albums,
        "nb_fan": a.fans,
        "radio": True,
        "tracklist": f"{base}/artist/{a.deezer_id}/top?limit=50",
        "type": "artist",
        "sandbox": True,
    }
    if full:
        out["share"] = f"{base}/artist/{a.deezer_id}?utm_source=sandbox"
    return out


def _album_json(a: data.Artist, al: dict[str, object]) -> dict[str, object]:
    return {
        "id": al["id"],
        "title": al["title"],
        "link": f"{data.HOST}/deezer/album/{al['id']}",
        "cover_medium": f"{data.HOST}/images/cover/{al['id']}/250x250.jpg",
        "genre_id": data.GENRE_IDS.get(str(al["genre"]), 0),
        "fans": max(1, a.fans // (3 + int(al["index"]))),
        "release_date": al["release_date"],
        "record_type": al["record_type"],
        "tracklist": f"{data.HOST}/deezer/album/{al['id']}/tracks",
        "explicit_lyrics": False,
        "type": "album",
    }


def _paged(items: list[dict[str, object]]):
    limit = request.args.get("limit", type=int) or 25
    index = request.args.get("index", type=int) or 0
    page = items[index : index + limit]
    body: dict[str, object] = {"data": page, "total": len(items)}
    if index + limit < len(items):
        body["next"] = f"{request.base_url}?index={index + limit}&limit={limit}"
    return jsonify(body)


def _artist_or_error(artist_id: int) -> data.Artist | None:
    return data.by_id(artist_id)


@bp.get("/search/artist")
@bp.get("/search/artist/")
def search_artist():
    q = request.args.get("q", "")
    if not q.strip():
        return _error(501)
    return _paged([artist_json(a, full=False) for a in data.search(q)])


@bp.get("/artist/<int:artist_id>")
def get_artist(artist_id: int):
    a = _artist_or_error(artist_id)
    return jsonify(artist_json(a)) if a else _error(800)


@bp.get("/artist/<int:artist_id>/top")
def top(artist_id: int):
    a = _artist_or_error(artist_id)
    if not a:
        return _error(800)
    albums = a.album_list()
    items = []
    for t in a.tracks(10 if a.variant != "homonym" else 2):
        al = albums[int(t["album_index"]) % len(albums)]
        items.append(
            {
                "id": t["id"],
                "readable": True,
                "title": t["title"],
                "title_short": t["title"],
                "link": f"{data.HOST}/deezer/track/{t['id']}",
                "duration": t["duration"],
                "rank": t["rank"],
                "explicit_lyrics": False,
                "preview": f"{data.HOST}/preview/{t['id']}.mp3",
                "contributors": [{"id": a.deezer_id, "name": a.name, "type": "artist"}],
                "artist": {"id": a.deezer_id, "name": a.name, "type": "artist"},
                "album": {
                    "id": al["id"],
                    "title": al["title"],
                    "cover_medium": f"{data.HOST}/images/cover/{al['id']}/250x250.jpg",
                    "type": "album",
                },
                "type": "track",
            }
        )
    return _paged(items)


@bp.get("/artist/<int:artist_id>/related")
def related(artist_id: int):
    a = _artist_or_error(artist_id)
    if not a:
        return _error(800)
    return _paged([artist_json(r, full=False) for r in a.related(25)[:20]])


@bp.get("/artist/<int:artist_id>/albums")
def albums(artist_id: int):
    a = _artist_or_error(artist_id)
    if not a:
        return _error(800)
    return _paged([_album_json(a, al) for al in a.album_list()])


@bp.get("/album/<int:album_id>")
def album(album_id: int):
    a = data.by_id(album_id // 100)
    if not a:
        return _error(800)
    index = album_id % 100
    listing = a.album_list()
    if index >= len(listing):
        return _error(800)
    al = listing[index]
    genres = [
        {
            "id": data.GENRE_IDS.get(g, 0),
            "name": g,
            "picture": f"{data.HOST}/images/genre/{g}.jpg",
            "type": "genre",
        }
        for g in a.family.genres[:2]
    ]
    body = _album_json(a, al) | {
        "upc": f"0{al['id']:011d}",
        "genres": {"data": genres},
        "label": "Sandbox Records",
        "nb_tracks": al["nb_tracks"],
        "duration": 180 * int(al["nb_tracks"]),
        "artist": {
            "id": a.deezer_id,
            "name": a.name,
            "picture_medium": data.picture(a, "250x250"),
            "type": "artist",
        },
        "tracks": {"data": []},
        "sandbox": True,
    }
    return jsonify(body)


@bp.get("/chart/0/artists")
@bp.get("/chart/<int:genre_id>/artists")
def chart_artists(genre_id: int = 0):
    items = []
    for pos, a in enumerate(data.chart(), start=1):
        items.append(artist_json(a, full=False) | {"position": pos})
    return _paged(items)


@bp.get("/genre")
def genres():
    items = [{"id": 0, "name": "All", "picture": f"{data.HOST}/images/genre/all.jpg", "type": "genre"}]
    items += [
        {"id": gid, "name": name, "picture": f"{data.HOST}/images/genre/{gid}.jpg", "type": "genre"}
        for name, gid in data.GENRE_IDS.items()
    ]
    return jsonify({"data": items})
