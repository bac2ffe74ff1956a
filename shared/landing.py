"""Which page each goal's ads land on, and whether a URL is the artist's own domain. Pure, no I/O.

A ticket ad lands on a ticket page (`links.tickets`, or the show's own ticket URL from the events
sources), a pre-save ad on `links.presave`, a merch ad on `links.merch`, a follow ad on the artist's
profile where following happens (Spotify, YouTube, Deezer), a streaming ad on the marketer's page or a
streaming profile. A goal with no fitting page gets no ads: `gap()` says why and what to add.
"Official" is earned only by the artist's own domain (`links.site`, or a final URL that is not a
platform)."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from shared.models import CampaignRequest, Event, GoalGap, Insights

# Hosts that are platforms, stores, ticket sellers or link services: never the artist's own domain.
# Matched on the registrable end of the host ("open.spotify.com" ends with "spotify.com").
PLATFORM_HOSTS: tuple[str, ...] = (
    "spotify.com",
    "spotify.link",
    "deezer.com",
    "deezer.page.link",
    "youtube.com",
    "youtu.be",
    "apple.com",
    "soundcloud.com",
    "bandcamp.com",
    "tidal.com",
    "amazon.com",
    "music.amazon.com",
    "napster.com",
    "qobuz.com",
    "audiomack.com",
    "tiktok.com",
    "instagram.com",
    "facebook.com",
    "x.com",
    "twitter.com",
    "linktr.ee",
    "ffm.to",
    "lnk.to",
    "smarturl.it",
    "found.ee",
    "hypeddit.com",
    "feature.fm",
    "toneden.io",
    "distrokid.com",
    "bandsintown.com",
    "songkick.com",
    "ticketmaster.com",
    "ticketmaster.co.uk",
    "ticketmaster.fr",
    "ticketmaster.de",
    "livenation.com",
    "axs.com",
    "dice.fm",
    "eventbrite.com",
    "seetickets.com",
    "stubhub.com",
    "viagogo.com",
    "fnacspectacles.com",
    "eventim.de",
    "shopify.com",
    "myshopify.com",
    "bigcartel.com",
    "teespring.com",
    "sandbox.example.com",  # the sandbox's stand-ins of the platforms above
)
# Where a fan can follow the artist, best first.
FOLLOW_PLATFORMS: tuple[str, ...] = ("spotify", "youtube", "deezer")
STREAM_PLATFORMS: tuple[str, ...] = ("spotify", "deezer", "youtube")
# What to tell the marketer to add, per goal.
ADD: dict[str, str] = {
    "tickets": "links.tickets (the https page that sells the tickets), or tour dates on Bandsintown / Ticketmaster",
    "merch": "links.merch (the https page of the merch store)",
    "presave": "links.presave (the https pre-save page of the release)",
    "followers": "the artist's Spotify or YouTube profile (research found none): check the artist's name",
    "streams": "final_url or links.site (the https page of the artist or the release)",
}


@dataclass(frozen=True)
class Landing:
    url: str
    source: (
        str  # which field it came from: request.links.tickets, insights.events[2], insights.profile.spotify
    )


def host(url: str | None) -> str:
    return (urlsplit(url).hostname or "").lower().removeprefix("www.") if url else ""


def is_platform(url: str | None) -> bool:
    h = host(url)
    return bool(h) and any(h == p or h.endswith("." + p) for p in PLATFORM_HOSTS)


def own_domain(request: CampaignRequest) -> str | None:
    """The artist's own domain: links.site's host, else the final URL's when it is not a platform."""
    for url in (request.links.site, request.final_url):
        if url and not is_platform(url):
            return host(url)
    return None


def is_own_domain(url: str | None, request: CampaignRequest) -> bool:
    """Does this page sit on the artist's own domain (or a subdomain of it)? Only then is "official"
    true of the page an ad lands on."""
    mine, h = own_domain(request), host(url)
    return bool(mine and h and not is_platform(url) and (h == mine or h.endswith("." + mine)))


def ticketed(events: list[Event], countries: list[str] | None = None) -> list[tuple[int, Event]]:
    """(index in insights.events, event) for shows with a ticket page, in the targeted countries."""
    return [
        (i, e)
        for i, e in enumerate(events)
        if e.ticket_url and e.on_sale != "cancelled" and (not countries or e.country in countries)
    ]


def profile_link(insights: Insights | None, platforms: tuple[str, ...]) -> Landing | None:
    if not insights or not insights.found or not insights.profile:
        return None
    for platform in platforms:
        link = insights.profile.links.get(platform)
        if link and link.startswith("https://"):
            return Landing(link, f"insights.profile.links.{platform}")
    if (
        "youtube" in platforms
        and insights.youtube
        and (insights.youtube.channel_link or "").startswith("https://")
    ):
        return Landing(insights.youtube.channel_link or "", "insights.youtube.channel_link")
    return None


def for_goal(
    goal: str, request: CampaignRequest, insights: Insights | None, event: tuple[int, Event] | None = None
) -> Landing | None:
    """The page an ad group serving `goal` lands on, or None when nothing fits (see `gap`)."""
    links = request.links
    if goal == "tickets":
        if event is not None and event[1].ticket_url:
            return Landing(event[1].ticket_url, f"insights.events[{event[0]}].ticket_url")
        return Landing(links.tickets, "request.links.tickets") if links.tickets else None
    if goal == "merch":
        return Landing(links.merch, "request.links.merch") if links.merch else None
    if goal == "presave":
        return Landing(links.presave, "request.links.presave") if links.presave else None
    if goal == "followers":
        return profile_link(insights, FOLLOW_PLATFORMS)
    # streams: the marketer's page, else a streaming profile we found the artist on.
    if request.final_url:
        return Landing(request.final_url, "request.final_url")
    if links.site:
        return Landing(links.site, "request.links.site")
    return profile_link(insights, STREAM_PLATFORMS)


def gap(goal: str, reason: str) -> GoalGap:
    return GoalGap(goal=goal, reason=reason, add=ADD.get(goal, "a landing page for this goal"))


def fits(goal: str, url: str | None, request: CampaignRequest, insights: Insights | None) -> bool:
    """Does `url` fit `goal`? The bench's and the tests' check, independent of how the plan chose it."""
    if not url:
        return False
    links = request.links
    if goal == "tickets":
        events = insights.events if insights else []
        return url == links.tickets or any(e.ticket_url == url for e in events)
    if goal == "merch":
        return url == links.merch
    if goal == "presave":
        return url == links.presave
    if goal == "followers":
        found = insights.profile.links.values() if insights and insights.profile else []
        yt = [insights.youtube.channel_link] if insights and insights.youtube else []
        return url in (*found, *yt)
    # streams: never a ticket, merch or pre-save page
    return url not in {links.tickets, links.merch, links.presave} and not any(
        e.ticket_url == url for e in (insights.events if insights else [])
    )
