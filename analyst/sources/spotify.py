"""Spotify Web API through spotipy (client credentials).

spotipy's own retry loop honours any Retry-After and can hang a worker for an hour, so it is off
(retries=0, status_retries=0, a plain session): our Resilient wrapper backs off, capped. Endpoints
Spotify removed for new apps (related artists, recommendations, audio features; top tracks since
February 2026) answer 403/404: recorded as "not available to this app", never fatal."""

from __future__ import annotations

import hashlib
import json
import logging
import warnings
from collections.abc import Callable
from typing import Any

import requests
import spotipy
from spotipy.cache_handler import CacheHandler
from spotipy.oauth2 import SpotifyClientCredentials, SpotifyOauthError

from analyst.matching import Candidate, pick
from analyst.modes import base_url, credential
from analyst.sources.base import ArtistNotFound, Context
from analyst.sources.registry import Api, Source
from shared.models.insights import RelatedArtist, Release, SourceData, Track
from shared.redisdb import get_redis, key
from shared.resilience import Permanent, SourceError, Transient, from_requests, from_status
from shared.settings import get_settings

SOURCE = Source(
    "spotify",
    "Spotify",
    Api(
        "SPOTIFY_API_URL",
        "https://api.spotify.com/v1/",
        "/spotify/v1/",
        credentials=("SPOTIFY_CLIENT_ID", "SPOTIFY_CLIENT_SECRET"),
        secrets=("SPOTIFY_CLIENT_SECRET",),
        urls={"SPOTIFY_AUTH_URL": ("https://accounts.spotify.com/api/token", "/spotify/api/token")},
    ),
    order=20,
)

# spotipy warns on every call to an endpoint Spotify deprecated; the report already says so.
warnings.filterwarnings("ignore", category=DeprecationWarning, module=r"spotipy(\..*)?")
# spotipy logs every HTTP error at ERROR level, including the expected 403/404 of removed endpoints;
# the SourceReport records them, so its own log line is noise.
logging.getLogger("spotipy.client").setLevel(logging.CRITICAL)


class TokenCredentials(SpotifyClientCredentials):
    """Client credentials against a configurable token URL (the sandbox or the real one)."""

    def __init__(self, token_url: str, **kwargs: Any):
        super().__init__(**kwargs)
        self.OAUTH_TOKEN_URL = token_url


class RedisTokenCache(CacheHandler):
    """Share the access token between worker processes until it expires (spotipy checks expiry)."""

    def __init__(self, namespace: str, client_id: str):
        digest = hashlib.sha256(client_id.encode()).hexdigest()[:16]
        self.k = key("token", namespace, digest)

    def get_cached_token(self) -> dict[str, Any] | None:
        raw = get_redis().get(self.k)
        return json.loads(raw) if raw else None

    def save_token_to_cache(self, token_info: dict[str, Any]) -> None:
        get_redis().set(self.k, json.dumps(token_info), ex=int(token_info.get("expires_in", 3600)))


def client(ctx: Context) -> spotipy.Spotify:
    s = get_settings()
    client_id = credential("SPOTIFY_CLIENT_ID", ctx.mode)
    auth = TokenCredentials(
        base_url("spotify", "SPOTIFY_AUTH_URL"),
        client_id=client_id,
        client_secret=credential("SPOTIFY_CLIENT_SECRET", ctx.mode),
        requests_timeout=s.HTTP_TIMEOUT_S,
        cache_handler=RedisTokenCache(ctx.mode.cache_namespace, client_id),
    )
    sp = spotipy.Spotify(
        auth_manager=auth,
        requests_session=ctx.session,
        retries=0,
        status_retries=0,
        requests_timeout=s.HTTP_TIMEOUT_S,
    )
    sp.prefix = ctx.base + "/"  # spotipy reads it per call; the constructor has no parameter for it
    return sp


def guarded(fn: Callable[[], Any]) -> Callable[[], Any]:
    """Translate spotipy's exceptions into Transient/Permanent for the retry policy."""

    def op() -> Any:
        try:
            result = fn()
        except spotipy.SpotifyException as exc:
            headers = exc.headers or {}
            raise from_status(exc.http_status, headers.get("Retry-After"), "Spotify") from None
        except SpotifyOauthError as exc:
            # spotipy raises this from inside its HTTPError handler: the status and Retry-After
            # are on the original error, and a 429/5xx from the token endpoint deserves a retry too.
            cause = exc.__context__
            if (
                isinstance(cause, requests.HTTPError)
                and cause.response is not None
                and cause.response.status_code != 400
            ):
                resp = cause.response
                raise from_status(
                    resp.status_code, resp.headers.get("Retry-After"), "Spotify token"
                ) from None
            raise Permanent("auth", f"Spotify token request refused: {exc.error or 'error'}") from None
        except requests.RequestException as exc:
            raise from_requests(exc, "Spotify") from None
        if result is None:  # spotipy swallows undecodable JSON and returns None
            raise Transient("malformed", "Spotify returned malformed JSON")
        return result

    return op


def fetch(artist: str, ctx: Context) -> SourceData:
    sp = client(ctx)

    def call(kind: str, cache_key: str, fn: Callable[[], Any], name: str | None = None) -> Any:
        try:
            return ctx.res.cached(kind, cache_key, guarded(fn), what=cache_key)
        except SourceError as exc:
            if name and exc.kind in ("forbidden", "not_found"):
                ctx.res.remember_unavailable(cache_key, exc)  # removed for this app: don't ask again today
            raise

    found = call("identity", f"search:{artist}", lambda: sp.search(q=artist, type="artist", limit=10))
    items = (found.get("artists") or {}).get("items", [])
    candidates = [
        Candidate(
            str(a.get("name", "")), str(a.get("id")), int((a.get("followers") or {}).get("total") or 0), 0, a
        )
        for a in items
        if a.get("id")
    ]
    match = pick(artist, candidates)
    if match.best is None:
        raise ArtistNotFound(match.candidates)
    aid = match.best.id
    got = ctx.parallel(
        {
            "artist": lambda: call("stats", f"artist:{aid}", lambda: sp.artist(aid)),
            "top_tracks": lambda: call(
                "stats", f"top:{aid}", lambda: sp.artist_top_tracks(aid, country="US"), "top_tracks"
            ),
            "albums": lambda: call(
                "profile",
                f"albums:{aid}",
                lambda: sp.artist_albums(aid, include_groups="album,single", limit=10),
            ),
            "related_artists": lambda: call(
                "profile", f"related:{aid}", lambda: sp.artist_related_artists(aid), "related_artists"
            ),
            "recommendations": lambda: call(
                "stats",
                f"recs:{aid}",
                lambda: sp.recommendations(seed_artists=[aid], limit=10),
                "recommendations",
            ),
        }
    )
    info = got["artist"] or match.best.raw
    tracks_raw = (got["top_tracks"] or {}).get("tracks", [])[:10]
    features: dict[str, dict[str, Any]] = {}
    ids = [t["id"] for t in tracks_raw if t.get("id")]
    if ids:
        feats = ctx.optional(
            "audio_features",
            lambda: call(
                "profile", f"features:{','.join(ids)}", lambda: sp.audio_features(ids), "audio_features"
            ),
        )
        features = {f["id"]: f for f in (feats or []) if isinstance(f, dict) and f.get("id")}
    tracks = [
        Track(
            title=str(t.get("name", "")),
            source="spotify",
            rank=i + 1,
            album=(t.get("album") or {}).get("name"),
            release_date=(t.get("album") or {}).get("release_date"),
            popularity=t.get("popularity"),
            link=(t.get("external_urls") or {}).get("spotify"),
        )
        for i, t in enumerate(tracks_raw)
    ]
    releases = [
        Release(
            title=str(a.get("name", "")),
            source="spotify",
            release_date=a.get("release_date"),
            kind=a.get("album_type"),
            link=(a.get("external_urls") or {}).get("spotify"),
        )
        for a in (got["albums"] or {}).get("items", [])
    ]
    related = [
        RelatedArtist(
            name=str(r.get("name", "")),
            source="spotify",
            fans=(r.get("followers") or {}).get("total"),
            ids={"spotify": str(r.get("id"))},
        )
        for r in (got["related_artists"] or {}).get("artists", [])[:20]
    ]
    extra: dict[str, int | float | str | bool | None] = {"match": match.how}
    if info.get("popularity") is not None:
        extra["popularity"] = info["popularity"]
    if features:
        for f in ("danceability", "energy", "valence"):
            values = [float(v[f]) for v in features.values() if isinstance(v.get(f), int | float)]
            if values:
                extra[f"avg_{f}"] = round(sum(values) / len(values), 3)
    if got["recommendations"]:
        extra["recommendations"] = len(got["recommendations"].get("tracks", []))
    images = info.get("images") or []
    return SourceData(
        name=info.get("name"),
        id=aid,
        link=(info.get("external_urls") or {}).get("spotify"),
        image=images[0].get("url") if images else None,
        genres=list(info.get("genres") or []),
        fans=(info.get("followers") or {}).get("total"),
        top_tracks=tracks,
        releases=releases,
        related=related,
        extra=extra,
    )
