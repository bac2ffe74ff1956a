"""Deezer public API (no key): the default live source. Errors arrive inside HTTP 200 as
{"error": {"code": N, ...}}; every documented code is classified here."""

from __future__ import annotations

from typing import Any

from analyst.matching import Candidate, pick
from analyst.sources.base import ArtistNotFound, Context
from analyst.sources.registry import Api, Source
from shared.models.insights import RelatedArtist, Release, SourceData, Track
from shared.resilience import Permanent, Transient

# developers.deezer.com/api/errors. Quota and busy deserve a backoff; the rest will not improve.
TRANSIENT_CODES = {4: "quota", 700: "busy"}
PERMANENT_CODES = {
    100: "items_limit",
    200: "forbidden",
    300: "forbidden",
    500: "bad_parameter",
    501: "bad_parameter",
    600: "bad_query",
    800: "not_found",
}
# Deezer allows ~50 requests per 5 s per IP; stay under it across every worker process.
SOURCE = Source(
    "deezer",
    "Deezer",
    Api("DEEZER_API_URL", "https://api.deezer.com", "/deezer", rate_limit=(45, 5.0)),
    order=10,
)
ALBUM_DETAILS = 2  # genres come from /album/{id}; the newest two are enough and cost one round trip


def check_error(body: Any) -> None:
    if not isinstance(body, dict) or "error" not in body:
        return
    err = body["error"] if isinstance(body["error"], dict) else {"message": str(body["error"])}
    code = int(err.get("code") or 0)
    message = f"Deezer error {code}: {err.get('message', 'unknown')}"
    if code in TRANSIENT_CODES:
        raise Transient(TRANSIENT_CODES[code], message)
    raise Permanent(PERMANENT_CODES.get(code, "api_error"), message)


def fetch(artist: str, ctx: Context) -> SourceData:
    def get(path: str, kind: str, params: dict[str, Any] | None = None) -> Any:
        return ctx.get(path, kind, params, check=check_error)

    found = get("/search/artist", "identity", {"q": artist, "limit": 25})
    candidates = [
        Candidate(
            str(a.get("name", "")),
            str(a.get("id")),
            int(a.get("nb_fan") or 0),
            int(a.get("nb_album") or 0),
            a,
        )
        for a in found.get("data", [])
        if isinstance(a, dict) and a.get("id")
    ]
    match = pick(artist, candidates)
    if match.best is None:
        raise ArtistNotFound(match.candidates)
    aid = match.best.id
    got = ctx.parallel(
        {
            "artist": lambda: get(f"/artist/{aid}", "stats"),
            "top_tracks": lambda: get(f"/artist/{aid}/top", "stats", {"limit": 10}),
            "related": lambda: get(f"/artist/{aid}/related", "profile", {"limit": 20}),
            "albums": lambda: get(f"/artist/{aid}/albums", "profile", {"limit": 50}),
            "chart": lambda: get("/chart/0/artists", "stats", {"limit": 100}),
        }
    )
    info = got["artist"] or match.best.raw
    albums = sorted(
        (got["albums"] or {}).get("data", []), key=lambda a: str(a.get("release_date", "")), reverse=True
    )
    details = ctx.parallel(
        {
            f"album_{a['id']}": (lambda a=a: get(f"/album/{a['id']}", "profile"))
            for a in albums[:ALBUM_DETAILS]
        }
    )
    genres: list[str] = []
    releases = []
    for a in albums[:10]:
        detail = details.get(f"album_{a.get('id')}") or {}
        names = [g.get("name") for g in (detail.get("genres") or {}).get("data", []) if g.get("name")]
        genres += [g for g in names if g not in genres]
        releases.append(
            Release(
                title=str(a.get("title", "")),
                source="deezer",
                release_date=a.get("release_date"),
                kind=a.get("record_type"),
                link=a.get("link"),
                genres=names,
            )
        )
    tracks = [
        Track(
            title=str(t.get("title", "")),
            source="deezer",
            rank=i + 1,
            album=(t.get("album") or {}).get("title"),
            popularity=t.get("rank"),
            link=t.get("link"),
        )
        for i, t in enumerate((got["top_tracks"] or {}).get("data", [])[:10])
    ]
    related = [
        RelatedArtist(
            name=str(r.get("name", "")),
            source="deezer",
            fans=r.get("nb_fan"),
            ids={"deezer": str(r.get("id"))},
        )
        for r in (got["related"] or {}).get("data", [])[:20]
    ]
    chart_pos = next(
        (
            int(c.get("position") or 0)
            for c in (got["chart"] or {}).get("data", [])
            if str(c.get("id")) == aid
        ),
        None,
    )
    extra: dict[str, int | float | str | bool | None] = {"match": match.how}
    if chart_pos:
        extra["chart_position"] = chart_pos
    return SourceData(
        name=info.get("name"),
        id=aid,
        link=info.get("link"),
        image=info.get("picture_big") or info.get("picture_medium"),
        genres=genres,
        fans=info.get("nb_fan"),
        albums_count=info.get("nb_album"),
        top_tracks=tracks,
        releases=releases,
        related=related,
        extra=extra,
    )
