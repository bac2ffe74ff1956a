"""The facts a copywriter may use, pulled once from the request and the ANALYST's insights.

Everything the writer (offline or LLM) says about the artist comes from here, so nothing is invented:
no city unless the audience regions name it, no track unless the research found it. The same object
is serialised into the prompt, which is also how the sandbox's stand-in model reads it back."""

from __future__ import annotations

import re
from datetime import date

from pydantic import BaseModel, Field

from marketing import preflight
from marketing.tone import detect_tone
from shared.models import CampaignRequest, Insights

_FEAT = re.compile(r"\s*[\(\[](feat|ft|with|prod)\.?[^\)\]]*[\)\]]", re.I)
_VERSION = re.compile(r"\s*[-–]\s*(remaster(ed)?|live|radio edit|edit|remix|version|mono|stereo)\b.*$", re.I)
# "(Remastered 2020)", "[Live at Wembley]", "(Radio Edit)": the same tags in brackets.
_VERSION_BRACKETS = re.compile(
    r"\s*[\(\[][^\)\]]*\b(remaster(ed)?|live|radio edit|edit|remix|version|mono|stereo|deluxe)\b[^\)\]]*[\)\]]",
    re.I,
)


class ShowFact(BaseModel):
    city: str
    date: str  # ISO date of the show
    venue: str | None = None


class ArtistFacts(BaseModel):
    artist: str
    found: bool = False
    language: str = "en"
    tone: str = "neutral"
    genres: list[str] = Field(default_factory=list)
    tracks: list[str] = Field(default_factory=list)
    release: str | None = None
    release_kind: str | None = None  # album, single, ep
    release_upcoming: bool = False
    release_date: str | None = None  # ISO date, when the source gave one
    cities: list[str] = Field(default_factory=list)
    countries: list[str] = Field(default_factory=list)
    similar: list[str] = Field(default_factory=list)
    rising: list[str] = Field(default_factory=list)
    keyword_seeds: list[str] = Field(default_factory=list)
    goals: list[str] = Field(default_factory=list)
    # Upcoming shows (tour-dates sources): the only cities and dates ticket copy may name.
    events: list[ShowFact] = Field(default_factory=list)
    brief: dict[str, str] = Field(default_factory=dict)


def clean_title(title: str) -> str:
    """'Song (feat. X) - Remastered 2011' -> 'Song': ad copy wants the name fans search for."""
    return _VERSION.sub("", _VERSION_BRACKETS.sub("", _FEAT.sub("", title))).strip().strip("-–").strip()


def _usable_title(title: str, artist: str) -> bool:
    # A title we could not put in an ad as-is (caps-lock stylings, profanity, symbols) is left out
    # rather than altered: changing an official title is worse than not quoting it.
    brand = preflight.brand_tokens([artist])
    return bool(title) and preflight.ok(title, "description", brand)


def _upcoming(release_date: str | None) -> bool:
    try:
        return bool(release_date) and date.fromisoformat(release_date[:10]) > date.today()  # type: ignore[index]
    except ValueError:
        return False


def gather(request: CampaignRequest, insights: Insights | None, language: str | None = None) -> ArtistFacts:
    artist = request.artist
    lang = language or request.languages[0]
    facts = ArtistFacts(artist=artist, language=lang, goals=list(request.goals))
    if request.brief:
        facts.brief = {k: v for k, v in request.brief.model_dump().items() if v}
    if request.release:
        facts.release = request.release
    if insights is not None and insights.found:
        facts.found = True
        facts.genres = list(dict.fromkeys(g.strip().lower() for g in insights.genres if g.strip()))[:5]
        titles: list[str] = []
        for track in insights.top_tracks:
            t = clean_title(track.title)
            if _usable_title(t, artist) and t.lower() not in {x.lower() for x in titles}:
                titles.append(t)
        facts.tracks = titles[:5]
        rel = insights.latest_release
        if rel and not request.release and _usable_title(clean_title(rel.title), artist):
            facts.release = clean_title(rel.title)
            facts.release_kind = (rel.kind or "").lower() or None
            facts.release_upcoming = _upcoming(rel.release_date)
            facts.release_date = rel.release_date
        elif rel and request.release and rel.title.lower() == request.release.lower():
            facts.release_kind = (rel.kind or "").lower() or None
            facts.release_upcoming = _upcoming(rel.release_date)
        facts.cities = [r.name for r in insights.audience_regions if r.kind == "city" and r.name][:4]
        facts.countries = [r.name for r in insights.audience_regions if r.kind != "city" and r.name][:4]
        facts.similar = [s.name for s in insights.similar_artists][:6]
        facts.rising = [q.query for q in insights.related_queries if q.kind == "rising"][:5]
        facts.keyword_seeds = list(insights.keyword_seeds)[:8]
        today = date.today().isoformat()
        shows = sorted(
            (e for e in getattr(insights, "events", []) if e.city and e.date >= today), key=lambda e: e.date
        )
        facts.events = [ShowFact(city=e.city, date=e.date[:10], venue=e.venue) for e in shows][:6]
    if facts.release and facts.release.lower() == artist.lower():
        facts.release_kind = facts.release_kind or "album"  # self-titled record
    facts.tone = detect_tone(facts.genres, facts.brief)
    return facts
