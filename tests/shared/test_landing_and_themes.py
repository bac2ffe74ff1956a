"""Landing pages per goal, goal gaps, and ad groups planned from the goals."""

from __future__ import annotations

from datetime import date, timedelta

from shared import landing, themes
from shared.models import CampaignRequest, Event, Insights
from shared.models.insights import Profile, Release, SimilarArtist

SHOW = (date.today() + timedelta(days=15)).isoformat()
SPOTIFY = "https://open.spotify.com/artist/luna"


def ins(events: list[Event] | None = None, **kw) -> Insights:
    return Insights(
        artist="Luna",
        found=True,
        profile=Profile(name="Luna", links={"spotify": SPOTIFY, "deezer": "https://www.deezer.com/artist/1"}),
        genres=["indie folk"],
        similar_artists=[SimilarArtist(name="Aurora", sources=["deezer"], agreement=1)],
        latest_release=Release(title="Tides", source="deezer", release_date="2024-01-01"),
        events=events or [],
        **kw,
    )


def show(city: str, country: str, url: str | None = "https://tix.example/x", **kw) -> Event:
    return Event(
        date=SHOW, city=city, country=country, ticket_url=url, on_sale="on_sale", source="bandsintown", **kw
    )


def test_own_domain_and_platforms():
    req = CampaignRequest(artist="Luna", links={"site": "https://luna.example.com/"})
    assert landing.is_own_domain("https://shop.luna.example.com/vinyl", req)
    assert not landing.is_own_domain(SPOTIFY, req)
    assert landing.is_platform("https://luna.lnk.to/tides") and landing.is_platform(SPOTIFY)
    bare = CampaignRequest(artist="Luna", final_url="https://open.spotify.com/album/1")
    assert landing.own_domain(bare) is None


def test_each_goal_lands_on_a_page_that_fits_it():
    req = CampaignRequest(
        artist="Luna",
        goals=["streams", "tickets", "followers", "merch", "presave"],
        countries=["FR", "DE"],
        release="Marea",
        release_date=(date.today() + timedelta(days=20)).isoformat(),
        final_url="https://luna.example.com/",
        links={
            "tickets": "https://tickets.example.com/luna",
            "merch": "https://luna.example.com/shop",
            "presave": "https://luna.lnk.to/marea",
        },
    )
    info = ins(
        [
            show("Paris", "FR"),
            show("Paris", "FR", url="https://tix.example/2"),
            show("Lyon", "FR"),
            show("Oslo", "NO"),
        ]
    )
    plan = themes.plan(req, info)
    assert not plan.gaps
    by_theme = {s.theme: s for s in plan.specs}
    assert {s.goal for s in plan.specs} == set(req.goals)  # every goal picked gets a group
    assert by_theme["brand"].final_url == req.final_url
    assert by_theme["tickets"].final_url == req.links.tickets
    assert by_theme["city-lyon"].final_url == "https://tix.example/x"  # that show's own page
    assert by_theme["city-paris"].final_url == req.links.tickets  # two nights: the general page
    assert "city-oslo" not in by_theme  # not a targeted country
    assert (
        by_theme["merch"].final_url == req.links.merch and by_theme["presave"].final_url == req.links.presave
    )
    assert by_theme["followers"].final_url == SPOTIFY
    for spec in plan.specs:
        assert landing.fits(spec.goal, spec.final_url, req, info), spec


def test_a_goal_without_a_page_gets_no_ads_and_says_what_to_add():
    req = CampaignRequest(
        artist="Luna", goals=["tickets", "merch", "presave"], countries=["US"], release="Tides"
    )
    plan = themes.plan(req, ins([show("Oslo", "NO")]))
    assert plan.specs == []
    gaps = {g.goal: g for g in plan.gaps}
    assert set(gaps) == {"tickets", "merch", "presave"}
    assert (
        "outside the targeted countries" in gaps["tickets"].reason and "links.tickets" in gaps["tickets"].add
    )
    assert "links.merch" in gaps["merch"].add
    # The release is out (2024): a pre-save no longer applies.
    assert "already out" in gaps["presave"].reason


def test_a_tickets_only_campaign_spends_nothing_on_streams():
    req = CampaignRequest(artist="Luna", goals=["tickets"], countries=["FR"])
    plan = themes.plan(req, ins([show("Paris", "FR")]))
    assert [s.theme for s in plan.specs] == ["city-paris"] and {s.goal for s in plan.specs} == {"tickets"}


def test_language_keys_keep_their_goal_and_page():
    req = CampaignRequest(
        artist="Luna", goals=["streams"], languages=["fr", "de"], final_url="https://luna.example.com/"
    )
    keys = themes.plan_themes(req, ins())
    assert "brand@de" in keys and themes.goal_of("brand@de") == "streams"
    assert themes.plan(req, ins()).spec("brand@de").final_url == req.final_url
    assert themes.ad_group_name("brand@de", "Luna") == "Luna - Brand (DE)"
