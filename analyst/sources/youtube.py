"""YouTube through SerpApi (engine=youtube): the official channel if found, the most viewed videos
and the most recent uploads, from two searches run at once."""

from __future__ import annotations

from typing import Any

from analyst.matching import normalise, similarity
from analyst.sources import serp
from analyst.sources.base import ArtistNotFound, Context, to_int
from analyst.sources.registry import Source
from shared.models.insights import SourceData, Video, YouTubePresence

SOURCE = Source("youtube", "YouTube", serp.SERPAPI, order=40, fans="subscribers", provides=("youtube",))
UPLOAD_DATE = "CAI="  # YouTube's "sort by upload date" filter token (CAI%3D once URL-encoded)


def _video(v: dict[str, Any]) -> Video:
    channel = v.get("channel") or {}
    return Video(
        title=str(v.get("title", "")),
        link=str(v.get("link", "")),
        views=to_int(v.get("views")),
        published=v.get("published_date"),
        channel=channel.get("name"),
    )


def _is_artist(name: str | None, artist: str) -> bool:
    if not name:
        return False
    n = normalise(name)
    for suffix in (" official", " vevo", " topic"):
        n = n.removesuffix(suffix)
    return (
        n == normalise(artist)
        or normalise(name).replace(" ", "") == normalise(artist).replace(" ", "") + "vevo"
    )


def fetch(artist: str, ctx: Context) -> SourceData:
    got = ctx.parallel(
        {
            "search": lambda: serp.search(ctx, {"engine": "youtube", "search_query": artist}, "stats"),
            "recent": lambda: ctx.optional(
                "recent_uploads",
                lambda: serp.search(
                    ctx, {"engine": "youtube", "search_query": artist, "sp": UPLOAD_DATE}, "stats"
                ),
            ),
        },
        optional=False,
    )
    body, recent = got["search"], got["recent"] or {}
    channels = [c for c in body.get("channel_results", []) if _is_artist(c.get("title"), artist)]
    channel = channels[0] if channels else None
    videos = [
        v for v in body.get("video_results", []) if _is_artist((v.get("channel") or {}).get("name"), artist)
    ]
    if channel is None and not videos:
        names = {str((v.get("channel") or {}).get("name")) for v in body.get("video_results", [])} - {"None"}
        raise ArtistNotFound(sorted(names, key=lambda n: -similarity(n, artist))[:5])
    first_channel = (videos[0].get("channel") or {}) if videos else {}
    top = sorted((_video(v) for v in videos), key=lambda v: -(v.views or 0))[:5]
    uploads = [
        _video(v)
        for v in recent.get("video_results", [])
        if _is_artist((v.get("channel") or {}).get("name"), artist)
    ][:5]
    presence = YouTubePresence(
        channel_name=(channel or {}).get("title") or first_channel.get("name"),
        channel_link=(channel or {}).get("link") or first_channel.get("link"),
        verified=bool((channel or {}).get("verified") or first_channel.get("verified")),
        subscribers=to_int((channel or {}).get("subscribers")),
        top_videos=top,
        recent_uploads=uploads,
    )
    views = sum(v.views or 0 for v in top)
    return SourceData(
        name=presence.channel_name,
        link=presence.channel_link,
        fans=presence.subscribers,
        image=(channel or {}).get("thumbnail"),
        youtube=presence,
        extra={"official_channel": channel is not None, "top_video_views": views},
    )
