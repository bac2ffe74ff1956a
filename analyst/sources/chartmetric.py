"""Chartmetric (optional, CHARTMETRIC_REFRESH_TOKEN): the refresh token is exchanged for an access
token, cached in Redis until shortly before it expires; then search, artist stats, where people
listen and related artists, the last four at once. Every answer is wrapped in {"obj": ...}."""

from __future__ import annotations

import hashlib
import threading
from typing import Any

import requests

from analyst.matching import Candidate, pick
from analyst.modes import credential
from analyst.sources.base import ArtistNotFound, Context
from analyst.sources.registry import Api, Source
from shared.models.insights import Region, RelatedArtist, SourceData
from shared.resilience import Permanent, Transient, from_requests, from_status

SOURCE = Source(
    "chartmetric",
    "Chartmetric",
    Api(
        "CHARTMETRIC_API_URL",
        "https://api.chartmetric.com",
        "/chartmetric",
        credentials=("CHARTMETRIC_REFRESH_TOKEN",),
        secrets=("CHARTMETRIC_REFRESH_TOKEN",),
        rate_limit=(10, 1.0),
    ),
    order=30,
)
TOKEN_MARGIN_S = 60  # refresh a minute early so a token never expires mid-run


class Token:
    def __init__(self, ctx: Context):
        self.ctx = ctx
        self.refresh = credential("CHARTMETRIC_REFRESH_TOKEN", ctx.mode)
        self.cache_key = "cm-token:" + hashlib.sha256(f"{ctx.base}|{self.refresh}".encode()).hexdigest()[:24]
        self.lock = threading.Lock()

    def headers(self) -> dict[str, str]:
        with self.lock:  # parallel calls must not each exchange the token
            cached = self.ctx.res.cache.get("token", self.cache_key)
            if cached:
                return {"Authorization": f"Bearer {cached}"}
            # Not wrapped in its own retry loop: this runs inside the request's retried operation,
            # and nested retries would multiply attempts and trip the breaker twice per failure.
            self.ctx.stats.add_call()
            body = self._exchange()
            token, ttl = str(body["token"]), int(body.get("expires_in") or 3600)
            self.ctx.res.cache.set("token", self.cache_key, token, ttl=max(1, ttl - TOKEN_MARGIN_S))
            return {"Authorization": f"Bearer {token}"}

    def _exchange(self) -> dict[str, Any]:
        try:
            resp = self.ctx.session.post(
                f"{self.ctx.base}/api/token",
                json={"refreshtoken": self.refresh},
                timeout=self.ctx.res.timeout,
            )
        except requests.RequestException as exc:
            raise from_requests(exc, "Chartmetric token") from None
        if resp.status_code >= 400:
            raise from_status(resp.status_code, resp.headers.get("Retry-After"), "Chartmetric token")
        try:
            body = resp.json()
        except ValueError:
            raise Transient("malformed", "Chartmetric token answer is malformed JSON") from None
        if not isinstance(body, dict) or not body.get("token"):
            raise Permanent("auth", "Chartmetric token answer has no token")
        return body


def fetch(artist: str, ctx: Context) -> SourceData:
    token = Token(ctx)

    def get(path: str, kind: str, params: dict[str, Any] | None = None) -> Any:
        body = ctx.get(path, kind, params, headers_fn=token.headers)
        return body.get("obj") if isinstance(body, dict) else None

    found = get("/api/search", "identity", {"q": artist, "type": "artists", "limit": 10}) or {}
    candidates = [
        Candidate(str(a.get("name", "")), str(a.get("id")), int(a.get("sp_followers") or 0), 0, a)
        for a in found.get("artists", [])
        if a.get("id")
    ]
    match = pick(artist, candidates)
    if match.best is None:
        raise ArtistNotFound(match.candidates)
    cid = match.best.id
    got = ctx.parallel(
        {
            "artist": lambda: get(f"/api/artist/{cid}", "stats"),
            "where_people_listen": lambda: get(f"/api/artist/{cid}/where-people-listen", "stats"),
            "related": lambda: get(f"/api/artist/{cid}/relatedartists", "profile", {"limit": 20}),
            "listeners": lambda: get(f"/api/artist/{cid}/stat/spotify", "stats", {"field": "listeners"}),
        }
    )
    info = got["artist"] or match.best.raw
    stats = info.get("cm_statistics") or {}
    regions: list[Region] = []
    wpl = got["where_people_listen"] or {}
    for kind, group in (("country", wpl.get("countries") or {}), ("city", wpl.get("cities") or {})):
        for name, rows in group.items():
            latest = rows[-1] if isinstance(rows, list) and rows else {}
            if latest.get("listeners") is not None:
                regions.append(
                    Region(
                        name=name,
                        code=latest.get("code2"),
                        value=float(latest["listeners"]),
                        kind=kind,
                        source="chartmetric",
                    )
                )
    regions.sort(key=lambda r: -(r.value or 0))
    related = [
        RelatedArtist(
            name=str(r.get("name", "")),
            source="chartmetric",
            fans=r.get("sp_followers"),
            ids={"chartmetric": str(r.get("id"))},
        )
        for r in (got["related"] or [])
    ]
    genres_obj = info.get("genres") or {}
    genres = [
        g["name"]
        for g in [genres_obj.get("primary") or {}, *(genres_obj.get("secondary") or [])]
        if g.get("name")
    ]
    extra: dict[str, int | float | str | bool | None] = {"match": match.how}
    for field in ("cm_artist_score", "cm_artist_rank"):
        if info.get(field) is not None:
            extra[field] = info[field]
    for field in (
        "sp_monthly_listeners",
        "sp_followers",
        "deezer_fans",
        "ycs_subscribers",
        "tiktok_followers",
    ):
        if stats.get(field) is not None:
            extra[field] = stats[field]
    series = (got["listeners"] or {}).get("listeners") or []
    if len(series) >= 2 and series[0].get("value"):
        extra["listeners_growth_pct"] = round((series[-1]["value"] / series[0]["value"] - 1) * 100, 1)
    return SourceData(
        name=info.get("name"),
        id=cid,
        image=info.get("image_url"),
        genres=genres,
        fans=stats.get("sp_monthly_listeners") or info.get("sp_monthly_listeners"),
        regions=regions[:15],
        related=related,
        extra=extra,
    )
