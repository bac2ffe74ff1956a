"""What the ANALYST finds. Each source job yields a `SourceReport` with its normalised `SourceData`;
the aggregate job merges them into `Insights`. Every figure carries the source it came from, and
`Insights.sources` says for each source whether it was live, sandbox, cache or missing, and why."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

Provenance = Literal["live", "sandbox", "cache", "missing"]
SourceStatus = Literal["ok", "not_found", "unavailable", "not_configured", "error"]

# The sources themselves are declared by the ANALYST (analyst/sources/registry.py).


class Figure(BaseModel):
    """A number shown to the marketer, with where it came from."""

    value: int | float
    source: str
    provenance: Provenance


class Track(BaseModel):
    title: str
    source: str
    rank: int | None = None
    album: str | None = None
    release_date: str | None = None
    popularity: int | None = None
    link: str | None = None


class Release(BaseModel):
    title: str
    source: str
    release_date: str | None = None
    kind: str | None = None  # album, single, ep
    link: str | None = None
    genres: list[str] = Field(default_factory=list)


class RelatedArtist(BaseModel):
    name: str
    source: str
    fans: int | None = None
    ids: dict[str, str] = Field(default_factory=dict)


class Region(BaseModel):
    name: str
    source: str
    code: str | None = None
    value: float | None = None  # 0-100 interest (Trends) or listeners (Chartmetric)
    kind: Literal["country", "city", "region"] = "country"


class TrendPoint(BaseModel):
    date: str  # ISO date of the period start
    value: int


class RelatedQuery(BaseModel):
    query: str
    value: str  # "+250%", "Breakout" or a 0-100 score
    kind: Literal["rising", "top"] = "rising"
    source: str = "trends"


class Video(BaseModel):
    title: str
    link: str
    views: int | None = None
    published: str | None = None
    channel: str | None = None


class YouTubePresence(BaseModel):
    source: str = "youtube"
    channel_name: str | None = None
    channel_link: str | None = None
    verified: bool = False
    subscribers: int | None = None
    top_videos: list[Video] = Field(default_factory=list)
    recent_uploads: list[Video] = Field(default_factory=list)


OnSale = Literal["on_sale", "not_yet", "sold_out", "cancelled", "unknown"]


class Event(BaseModel):
    """One show the artist plays, as a tour-dates source (Bandsintown, Ticketmaster) lists it. Ticket
    copy, city ad groups and geo focus come only from these: a city or date in an ad must be one."""

    date: str  # ISO date of the show, local to the venue (YYYY-MM-DD)
    time: str | None = None  # local start time HH:MM when the source gives it
    city: str
    country: str | None = None  # ISO 3166-1 alpha-2
    region: str | None = None  # state / province as the source spells it
    venue: str | None = None
    on_sale: OnSale = "unknown"
    on_sale_date: str | None = None  # ISO date tickets go (or went) on sale, when known
    ticket_url: str | None = None  # https page that sells tickets for this show
    lineup: list[str] = Field(default_factory=list)
    id: str | None = None  # the source's event id
    source: str  # bandsintown, ticketmaster
    provenance: Provenance = "sandbox"


class SourceData(BaseModel):
    """The normalised slice of an artist that one source knows about. Every field is optional."""

    name: str | None = None
    id: str | None = None
    link: str | None = None
    image: str | None = None
    genres: list[str] = Field(default_factory=list)
    fans: int | None = None  # followers / fans / subscribers on this platform
    albums_count: int | None = None
    top_tracks: list[Track] = Field(default_factory=list)
    releases: list[Release] = Field(default_factory=list)
    related: list[RelatedArtist] = Field(default_factory=list)
    regions: list[Region] = Field(default_factory=list)
    interest_over_time: list[TrendPoint] = Field(default_factory=list)
    related_queries: list[RelatedQuery] = Field(default_factory=list)
    youtube: YouTubePresence | None = None
    events: list[Event] = Field(default_factory=list)  # upcoming shows (tour-dates sources)
    extra: dict[str, int | float | str | bool | None] = Field(default_factory=dict)
    unavailable: dict[str, str] = Field(default_factory=dict)  # endpoint -> why (e.g. Spotify 403)


class SourceReport(BaseModel):
    source: str
    status: SourceStatus
    provenance: Provenance
    reason: str | None = None  # why missing / not found / partial
    candidates: list[str] = Field(default_factory=list)  # closest names when not found
    calls: int = 0  # external HTTP calls made (0 when served from cache)
    cached: bool = False
    latency_ms: int = 0
    fetched_at: str | None = None
    data: SourceData = Field(default_factory=SourceData)


class SimilarArtist(BaseModel):
    name: str
    sources: list[str]  # which sources list this artist as related
    agreement: int  # len(sources)
    fans: Figure | None = None


class Positioning(BaseModel):
    name: str
    fans: Figure | None = None
    is_artist: bool = False


class Opportunity(BaseModel):
    title: str
    detail: str
    evidence: list[str] = Field(default_factory=list)


class Profile(BaseModel):
    name: str
    ids: dict[str, str] = Field(default_factory=dict)  # platform -> id
    links: dict[str, str] = Field(default_factory=dict)
    image: str | None = None
    genres: list[str] = Field(default_factory=list)
    fans: dict[str, Figure] = Field(default_factory=dict)  # platform -> figure


class Insights(BaseModel):
    artist: str  # the name the marketer typed
    found: bool
    candidates: list[str] = Field(default_factory=list)
    profile: Profile | None = None
    genres: list[str] = Field(default_factory=list)
    similar_artists: list[SimilarArtist] = Field(default_factory=list)
    top_tracks: list[Track] = Field(default_factory=list)
    latest_release: Release | None = None
    audience_regions: list[Region] = Field(default_factory=list)
    interest_over_time: list[TrendPoint] = Field(default_factory=list)
    peak_months: list[str] = Field(default_factory=list)
    related_queries: list[RelatedQuery] = Field(default_factory=list)
    youtube: YouTubePresence | None = None
    # Upcoming shows, soonest first, merged from the tour-dates sources. Empty = no known tour: no
    # ticket, city or date claim may be written.
    events: list[Event] = Field(default_factory=list)
    positioning: list[Positioning] = Field(default_factory=list)
    keyword_seeds: list[str] = Field(default_factory=list)
    opportunities: list[Opportunity] = Field(default_factory=list)
    sources: dict[str, SourceReport] = Field(default_factory=dict)

    def provenance(self) -> dict[str, str]:
        """source -> live/sandbox/cache/missing, the one-line answer to 'where is this from?'."""
        return {name: rep.provenance for name, rep in self.sources.items()}
