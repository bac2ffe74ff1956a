"""Landing pages per goal, tour dates and the claims ledger in the shared models."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from shared.models import (
    AdGroup,
    AdsCampaign,
    CampaignOutput,
    CampaignRequest,
    Claim,
    Event,
    GoalGap,
    Insights,
    ResponsiveSearchAd,
)
from shared.web import field_path


def _fields(exc: ValidationError) -> set[str]:
    return {field_path(tuple(e["loc"])) for e in exc.errors()}


def test_links_are_https_pages_and_errors_name_the_link():
    req = CampaignRequest(
        artist="Luna",
        links={
            "site": "https://luna-example.com/",
            "tickets": "https://tix-example.com/luna",
            "presave": None,
        },
    )
    assert req.links.given() == {
        "site": "https://luna-example.com/",
        "tickets": "https://tix-example.com/luna",
    }
    assert CampaignRequest(artist="Luna").links.given() == {}
    for kind, bad in (("tickets", "http://tix.example"), ("merch", "https://"), ("presave", "not a url")):
        with pytest.raises(ValidationError) as err:
            CampaignRequest(artist="Luna", links={kind: bad})
        assert _fields(err.value) == {f"links.{kind}"}
    with pytest.raises(ValidationError) as err:
        CampaignRequest(artist="Luna", links={"shop": "https://shop-example.com"})
    assert _fields(err.value) == {"links.shop"}


def test_release_date_is_an_iso_date():
    assert CampaignRequest(artist="Luna", release_date="2027-01-15").release_date == "2027-01-15"
    with pytest.raises(ValidationError) as err:
        CampaignRequest(artist="Luna", release_date="15/01/2027")
    assert _fields(err.value) == {"release_date"}


def test_events_and_ledger_round_trip_through_json():
    event = Event(
        date="2027-03-04",
        city="Paris",
        country="FR",
        venue="Olympia",
        on_sale="on_sale",
        ticket_url="https://tix-example.com/e/1",
        source="bandsintown",
        provenance="sandbox",
    )
    insights = Insights(artist="Luna", found=True, events=[event])
    claim = Claim(
        kind="city",
        value="paris",
        text="Paris",
        field="headlines[2]",
        backing="insights.events[0].city",
        supported=True,
    )
    ad = ResponsiveSearchAd(headlines=["Luna Live in Paris"], descriptions=["x"], claims=[claim])
    group = AdGroup(name="Luna - Paris", theme="tickets", goal="tickets", ads=[ad])
    out = CampaignOutput(
        insights=insights,
        ad_groups=[group],
        campaigns=[AdsCampaign(name="Luna | Tickets", goal="tickets", daily_budget=20, max_cpc=2.5)],
        goal_gaps=[GoalGap(goal="merch", reason="no merch page", add="links.merch")],
    )
    again = CampaignOutput.model_validate_json(out.model_dump_json())
    assert again == out
    assert again.ad_groups[0].ads[0].claims[0].backing == "insights.events[0].city"
    with pytest.raises(ValidationError):
        Claim(kind="rumour", value="x", text="x", field="headlines[0]")
