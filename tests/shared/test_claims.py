"""The claims ledger: what an ad's text claims, in six languages, and what backs it."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from shared import claims
from shared.models import CampaignRequest, Event, Insights, ResponsiveSearchAd
from shared.models.insights import Profile, Region, Release, Track

TODAY = date.today()
SHOW = (TODAY + timedelta(days=20)).isoformat()


def insights(events: bool = True, released_days_ago: int | None = 30) -> Insights:
    rel = (
        Release(
            title="Tides",
            source="deezer",
            release_date=(TODAY - timedelta(days=released_days_ago)).isoformat(),
        )
        if released_days_ago is not None
        else None
    )
    return Insights(
        artist="Luna",
        found=True,
        profile=Profile(name="Luna", links={"spotify": "https://open.spotify.com/artist/x"}),
        top_tracks=[Track(title="Live Forever", source="deezer")],
        latest_release=rel,
        audience_regions=[Region(name="Berlin", source="chartmetric", kind="city")],
        events=[
            Event(
                date=SHOW,
                city="Paris",
                country="FR",
                venue="Olympia",
                on_sale="on_sale",
                ticket_url="https://tix.example/1",
                source="bandsintown",
            ),
            Event(date=SHOW, city="Lyon", country="FR", on_sale="not_yet", source="bandsintown"),
        ]
        if events
        else [],
    )


def kinds(text: str, lang: str = "en", exclude=()) -> set[tuple[str, str]]:
    return {(f.kind, f.value) for f in claims.extract(text, lang, exclude)}


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("en", "Tickets On Sale Now", {("on_sale", "on_sale")}),
        ("en", "Limited Vinyl While They Last", {("scarcity", "limited"), ("format", "vinyl")}),
        ("en", "New Album Out Now", {("release_status", "new"), ("release_status", "out_now")}),
        ("en", "Pre-Save the Single", {("release_status", "presave")}),
        ("fr", "En concert le 12 décembre", {("event", "concert"), ("date", "md:12-12")}),
        ("fr", "Billets disponibles, édition limitée", {("on_sale", "on_sale"), ("scarcity", "limited")}),
        ("de", "Tickets jetzt erhältlich", {("on_sale", "on_sale")}),
        ("de", "Offizieller Shop mit Schallplatten", {("official", "official"), ("format", "vinyl")}),
        ("es", "Entradas a la venta para la gira", {("on_sale", "on_sale"), ("event", "tour")}),
        (
            "pt",
            "Ingressos à venda, camisetas oficiais",
            {("on_sale", "on_sale"), ("format", "apparel"), ("official", "official")},
        ),
        ("it", "Biglietti disponibili, nuovo singolo", {("on_sale", "on_sale"), ("release_status", "new")}),
    ],
)
def test_claims_are_found_in_six_languages(lang, text, expected):
    assert expected <= kinds(text, lang)


def test_names_are_not_claims_and_everyday_words_are_not_either():
    # The band Chicago is no city, a track called "Live Forever" no show.
    assert not any(k == "city" for k, _ in kinds("Chicago Greatest Hits", exclude=["Chicago"]))
    assert not any(k == "event" for k, _ in kinds("Stream Live Forever", exclude=["Live Forever"]))
    assert kinds("Listeners keep coming back for more") == set()
    assert ("city", "city:2988507") in kinds("Live in Paris")  # GeoNames id of Paris


def _ledger(text: str, **kw) -> list:
    ad = ResponsiveSearchAd(headlines=[text, "Luna", "Luna Music"], descriptions=["Luna.", "Luna music."])
    return [c for c in claims.ledger(ad, claims.evidence(**kw)) if c.field == "headlines[0]"]


REQ = CampaignRequest(artist="Luna", countries=["FR"], final_url="https://luna.example.com/")


def test_show_claims_need_a_show_and_the_right_city():
    ok = _ledger("Luna Live in Paris", request=REQ, insights=insights(), final_url=REQ.final_url)
    assert ok and all(c.supported for c in ok) and any(c.backing == "insights.events[0].city" for c in ok)
    wrong = _ledger("Luna Live in Madrid", request=REQ, insights=insights(), final_url=REQ.final_url)
    assert [c.supported for c in wrong if c.kind == "city"] == [False]
    none = _ledger("Luna Tour 2026", request=REQ, insights=insights(events=False), final_url=REQ.final_url)
    assert [c.supported for c in none if c.kind == "event"] == [False]
    # An audience city is fine where no show is claimed, never as a concert.
    assert all(
        c.supported for c in _ledger("Loved in Berlin", request=REQ, insights=insights(), final_url=None)
    )
    assert not all(
        c.supported for c in _ledger("Concert in Berlin", request=REQ, insights=insights(), final_url=None)
    )


def test_on_sale_dates_and_venues_follow_the_events():
    ins = insights()
    d = date.fromisoformat(SHOW)
    when = f"{d.day} {d.strftime('%B')}"
    assert all(c.supported for c in _ledger(f"Olympia, {when}", request=REQ, insights=ins, final_url=None))
    # Tickets are offered only where they are sold: the show's page (on sale) or the ticket page.
    tix = "https://tix.example/1"
    assert all(c.supported for c in _ledger("Tickets On Sale", request=REQ, insights=ins, final_url=tix))
    spotify = _ledger("Luna Tickets", request=REQ, insights=ins, final_url="https://open.spotify.com/a")
    assert spotify and not spotify[0].supported and "ticket page" in spotify[0].reason
    lyon_show = ins.events[1].model_copy(update={"ticket_url": "https://tix.example/lyon"})
    bad = _ledger(
        "Tickets On Sale",
        request=REQ,
        insights=ins,
        final_url="https://tix.example/lyon",
        events=[(1, lyon_show)],
    )
    assert bad and not bad[0].supported and "not yet" in bad[0].reason
    assert not _ledger("See Luna Tonight", request=REQ, insights=ins, final_url=None)[0].supported


def test_official_only_on_the_artists_own_domain():
    own = _ledger(
        "Luna Official Site", request=REQ, insights=insights(), final_url="https://luna.example.com/x"
    )
    assert own[0].supported and own[0].backing == "request.final_url"
    spotify = _ledger(
        "Luna Official Site", request=REQ, insights=insights(), final_url="https://open.spotify.com/a"
    )
    assert not spotify[0].supported and "open.spotify.com" in spotify[0].reason


def test_release_status_follows_the_release_date_and_never_both():
    out = insights(released_days_ago=30)
    assert all(c.supported for c in _ledger("New Album Out Now", request=REQ, insights=out, final_url=None))
    assert not _ledger("Coming Soon", request=REQ, insights=out, final_url=None)[0].supported
    old = insights(released_days_ago=400)
    assert not _ledger("New Album", request=REQ, insights=old, final_url=None)[0].supported
    soon = CampaignRequest(
        artist="Luna",
        release="Marea",
        release_date=(TODAY + timedelta(days=10)).isoformat(),
        goals=["presave"],
    )
    assert all(c.supported for c in _ledger("Pre-Save Marea", request=soon, insights=out, final_url=None))
    assert not _ledger("Out Now", request=soon, insights=out, final_url=None)[0].supported


def test_formats_and_scarcity_need_the_brief():
    plain = _ledger("Luna Vinyl", request=REQ, insights=insights(), final_url=None)
    assert not plain[0].supported
    briefed = REQ.model_copy(update={"brief": {"strengths": "a limited vinyl pressing"}})
    briefed = CampaignRequest.model_validate(briefed.model_dump())
    got = _ledger("Limited Vinyl", request=briefed, insights=insights(), final_url=None)
    assert all(c.supported and c.backing == "request.brief.strengths" for c in got)


def test_audit_drops_unsupported_assets_and_whole_ads_left_too_thin():
    ev = claims.evidence(REQ, insights(events=False), final_url=REQ.final_url)
    ad = ResponsiveSearchAd(
        headlines=["Luna Music", "Luna Tour Dates", "Stream Luna", "Luna Songs"],
        descriptions=["Hear Luna today.", "Tickets on sale now for the tour.", "Luna, every song."],
        path1="tour",
    )
    audit = claims.audit([ad], ev)
    [kept] = audit.ads
    assert [h.text for h in kept.headlines] == ["Luna Music", "Stream Luna", "Luna Songs"]
    assert len(kept.descriptions) == 2 and kept.path1 == ""
    assert all(c.supported for c in kept.claims) and audit.removed
    thin = ResponsiveSearchAd(
        headlines=ad.headlines, descriptions=["Tickets on sale now.", "The tour starts soon."]
    )
    assert claims.audit([thin], ev).ads == [] and claims.audit([thin], ev).dropped
