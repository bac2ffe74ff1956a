"""A throw-away data source, registered by tests/analyst/test_registry.py: a source is this one
module (its declaration and its `fetch`). Its sandbox stand-in is the sandbox's Deezer search."""

from __future__ import annotations

from analyst.sources.base import ArtistNotFound, Context
from analyst.sources.registry import Api, Source
from shared.models.insights import SourceData

SOURCE = Source(
    "fanbase",
    "Fanbase Index",
    Api("FANBASE_API_URL", "https://api.fanbase.example", "/deezer", credentials=("FANBASE_API_KEY",)),
    order=60,
    identity=False,
    cache_ttls={"identity": 60},
)


def fetch(artist: str, ctx: Context) -> SourceData:
    found = ctx.get("/search/artist", "identity", {"q": artist, "limit": 5}).get("data", [])
    best = next((a for a in found if str(a.get("name", "")).lower() == artist.lower()), None)
    if best is None:
        raise ArtistNotFound([str(a.get("name")) for a in found[:5]])
    return SourceData(name=best["name"], fans=int(best.get("nb_fan") or 0))
