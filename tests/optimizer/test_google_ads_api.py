"""The Google Ads API export: the MutateOperations equal the campaign record, validate_only is sent as
such, and what is missing (package, configuration, unknown language or country) is said, not guessed.

These tests need the optional google-ads package (the test extra installs it); none reaches the network:
`validate` is given a stand-in client wherever it would send anything."""

from __future__ import annotations

import json
from typing import Any

import pytest
from flask import Flask
from google.ads.googleads.errors import GoogleAdsException  # no importorskip: the test extra has it

from optimizer import google_ads_api as gads
from optimizer import structure
from optimizer.exports import exportable_ads
from optimizer.google_ads_routes import bp
from shared.models import AdGroup, CampaignRecord, CampaignRequest, Keyword, ResponsiveSearchAd
from shared.web import make_app
from tests.optimizer.helpers import BASE_DESCRIPTIONS, BASE_HEADLINES, URL

CID = "123-456-7890"
CID_DIGITS = "1234567890"


def rsa(
    headline_pins: tuple[int | None, ...] = (1, None, None),
    description_pins: tuple[int | None, ...] = (None, 2),
    path1: str = "tides",
    path2: str = "live",
    angle: str = "release",
) -> ResponsiveSearchAd:
    return ResponsiveSearchAd(
        headlines=[{"text": t, "pin": p} for t, p in zip(BASE_HEADLINES, headline_pins, strict=True)],
        descriptions=[
            {"text": t, "pin": p} for t, p in zip(BASE_DESCRIPTIONS, description_pins, strict=True)
        ],
        path1=path1,
        path2=path2,
        final_url=URL,
        angle=angle,
    )


def record(
    languages: list[str] | None = None,
    countries: list[str] | None = None,
    targeting: dict[str, Any] | None = None,
    platforms: list[str] | None = None,
) -> CampaignRecord:
    brand = AdGroup(
        name="Luna - Brand",
        theme="brand",
        keywords=[
            Keyword(text="luna", match_type="exact"),
            Keyword(text="luna band"),
            Keyword(text="luna music", match_type="broad"),
        ],
        negatives=[Keyword(text="luna lovegood"), Keyword(text="moon", match_type="exact")],
        ads=[
            rsa(),
            rsa((None, None, None), (None, None), path1="", path2="", angle="plain"),
            ResponsiveSearchAd.model_validate(
                {**rsa(angle="bad").model_dump(), "headlines": [*BASE_HEADLINES[1:], "FREE MP3 DOWNLOAD"]}
            ),
        ],
    )
    release = AdGroup(
        name="Luna - Tides",
        theme="release",
        keywords=[
            Keyword(text="tides album", match_type="phrase"),
            Keyword(text="luna tides", match_type="exact"),
        ],
        negatives=[Keyword(text="ocean tides", match_type="phrase")],
        ads=[rsa((None, 2, None), (1, None), path1="tides", path2="")],
    )
    req = CampaignRequest(
        artist="Luna",
        daily_budget=37.5,
        languages=languages or ["en", "fr"],
        countries=countries or ["US", "FR"],
        platforms=platforms or ["search"],
    )
    rec = CampaignRecord(
        id="c_gads", created_at="2026-01-01T00:00:00Z", updated_at="2026-01-01T00:00:00Z", request=req
    )
    rec.campaign.ad_groups = [brand, release]
    rec.campaign.negatives = [Keyword(text="free download"), Keyword(text="karaoke", match_type="broad")]
    rec.campaign.targeting = (
        targeting if targeting is not None else {"bidding": "maximize_clicks", "search_partners": False}
    )
    return rec


def created(ops: list[Any], kind: str) -> list[Any]:
    """The resources created by operations of one kind, e.g. "campaign_criterion_operation"."""
    out = []
    for op in ops:
        if type(op).pb(op).WhichOneof("operation") == kind:
            out.append(getattr(op, kind).create)
    return out


def enum_name(value: Any) -> str:
    return value.name


def kw_tuples(criteria: list[Any]) -> set[tuple[str, str]]:
    return {(c.keyword.text, enum_name(c.keyword.match_type).lower()) for c in criteria}


# -- building ---------------------------------------------------------------------------------------


def test_operations_create_the_whole_campaign_atomically() -> None:
    rec = record()
    ops = gads.build_operations(rec, CID)
    (budget,) = created(ops, "campaign_budget_operation")
    (campaign,) = created(ops, "campaign_operation")
    assert budget.resource_name == f"customers/{CID_DIGITS}/campaignBudgets/-1"
    assert budget.amount_micros == 37_500_000 and enum_name(budget.delivery_method) == "STANDARD"
    assert campaign.resource_name == f"customers/{CID_DIGITS}/campaigns/-2"
    assert campaign.campaign_budget == budget.resource_name
    assert campaign.name == structure.campaigns_of(rec)[0].name == "Luna - Streams - c_gads"
    # Maximize clicks with its CPC cap; even rotation only while a test runs (none here).
    assert campaign.target_spend.cpc_bid_ceiling_micros == round(structure.campaigns_of(rec)[0].max_cpc * 1e6)
    assert all(enum_name(g.ad_rotation_mode) == "OPTIMIZE" for g in created(ops, "ad_group_operation"))
    assert enum_name(campaign.status) == "PAUSED" and enum_name(campaign.advertising_channel_type) == "SEARCH"
    assert (
        type(campaign).pb(campaign).WhichOneof("campaign_bidding_strategy") == "target_spend"
    )  # Maximize clicks
    ns = campaign.network_settings
    assert (ns.target_google_search, ns.target_search_network, ns.target_content_network) == (
        True,
        False,
        False,
    )
    assert (
        enum_name(campaign.contains_eu_political_advertising) == "DOES_NOT_CONTAIN_EU_POLITICAL_ADVERTISING"
    )
    # The budget comes before the campaign, the campaign before everything that points at it.
    kinds = [type(op).pb(op).WhichOneof("operation") for op in ops]
    assert kinds[:2] == ["campaign_budget_operation", "campaign_operation"]
    assert (
        kinds.index("ad_group_operation")
        < kinds.index("ad_group_criterion_operation")
        < kinds.index("ad_group_ad_operation")
    )
    # Temporary ids are unique and negative.
    names = [
        r.resource_name
        for k in ("campaign_budget_operation", "campaign_operation", "ad_group_operation")
        for r in created(ops, k)
    ]
    assert len(names) == len(set(names)) and all(n.rsplit("/", 1)[1].startswith("-") for n in names)


def test_one_campaign_per_goal_with_its_own_budget_and_locations() -> None:
    rec = record(countries=["US", "FR"])
    tix = "https://tickets-example.com/luna"
    rec.request.goals = ["streams", "tickets"]
    rec.request.links.tickets = tix
    rec.campaign.ad_groups.append(
        AdGroup(
            name="Luna - Tickets and live",
            theme="tickets",
            goal="tickets",
            final_url=tix,
            keywords=[Keyword(text="luna tickets")],
            ads=[rsa(angle="live").model_copy(update={"final_url": tix})],
        )
    )
    rec.campaign.budget_split = {"Luna - Brand": 10.0, "Luna - Tides": 8.75, "Luna - Tickets and live": 18.75}
    ops = gads.build_operations(rec, CID)
    budgets = created(ops, "campaign_budget_operation")
    campaigns = created(ops, "campaign_operation")
    assert [c.name for c in campaigns] == ["Luna - Streams - c_gads", "Luna - Tickets - c_gads"]
    assert [b.amount_micros for b in budgets] == [18_750_000, 18_750_000]
    assert [c.campaign_budget for c in campaigns] == [b.resource_name for b in budgets]
    groups = created(ops, "ad_group_operation")
    assert {g.name: g.campaign for g in groups} == {
        "Luna - Brand": campaigns[0].resource_name,
        "Luna - Tides": campaigns[0].resource_name,
        "Luna - Tickets and live": campaigns[1].resource_name,
    }
    locations = [c for c in created(ops, "campaign_criterion_operation") if c.location.geo_target_constant]
    assert {(c.campaign, c.location.geo_target_constant) for c in locations} == {
        (camp.resource_name, f"geoTargetConstants/{geo}") for camp in campaigns for geo in (2840, 2250)
    }


def test_ad_groups_keywords_and_negatives_equal_the_record() -> None:
    rec = record()
    ops = gads.build_operations(rec, CID)
    (campaign,) = created(ops, "campaign_operation")
    groups = created(ops, "ad_group_operation")
    assert [g.name for g in groups] == [g.name for g in rec.campaign.ad_groups]
    assert all(
        g.campaign == campaign.resource_name
        and enum_name(g.status) == "PAUSED"
        and enum_name(g.type_) == "SEARCH_STANDARD"
        for g in groups
    )
    criteria = created(ops, "ad_group_criterion_operation")
    for group, model in zip(groups, rec.campaign.ad_groups, strict=True):
        mine = [c for c in criteria if c.ad_group == group.resource_name]
        positive = [c for c in mine if not c.negative]
        negative = [c for c in mine if c.negative]
        assert len(positive) == len(model.keywords) and len(negative) == len(model.negatives)
        assert kw_tuples(positive) == {(k.text, k.match_type) for k in model.keywords}
        assert kw_tuples(negative) == {(k.text, k.match_type) for k in model.negatives}
        assert all(enum_name(c.status) == "PAUSED" for c in positive)
    campaign_negatives = [c for c in created(ops, "campaign_criterion_operation") if c.negative]
    assert kw_tuples(campaign_negatives) == {("free download", "phrase"), ("karaoke", "broad")}
    assert all(c.campaign == campaign.resource_name for c in campaign_negatives)


def test_responsive_search_ads_equal_the_exported_ads() -> None:
    rec = record()
    ops = gads.build_operations(rec, CID)
    groups = created(ops, "ad_group_operation")
    ads = created(ops, "ad_group_ad_operation")
    pins = {"HEADLINE_1": 1, "HEADLINE_2": 2, "HEADLINE_3": 3, "DESCRIPTION_1": 1, "DESCRIPTION_2": 2}
    total = 0
    for group, model in zip(groups, rec.campaign.ad_groups, strict=True):
        expected = exportable_ads(rec, model)
        mine = [a for a in ads if a.ad_group == group.resource_name]
        assert len(mine) == len(expected)
        total += len(mine)
        for got, want in zip(mine, expected, strict=True):
            info = got.ad.responsive_search_ad
            assert enum_name(got.status) == "PAUSED"
            assert list(got.ad.final_urls) == [want.final_url]
            assert [h.text for h in info.headlines] == [h.text for h in want.headlines]
            assert [d.text for d in info.descriptions] == [d.text for d in want.descriptions]
            assert [pins.get(enum_name(h.pinned_field)) for h in info.headlines] == [
                h.pin for h in want.headlines
            ]
            assert [pins.get(enum_name(d.pinned_field)) for d in info.descriptions] == [
                d.pin for d in want.descriptions
            ]
            assert (info.path1, info.path2) == (want.path1, want.path2)
    # The brand group's third ad is disapproved (FREE MP3 DOWNLOAD) and left out, as in the Editor CSV.
    assert total == 3
    plan = gads.build_plan(rec, CID)
    assert any("Luna - Brand: 1 ad(s) left out" in n for n in plan.notes)


def test_unpinned_ad_without_paths_sets_no_pin_and_no_path() -> None:
    ops = gads.build_operations(record(), CID)
    plain = created(ops, "ad_group_ad_operation")[1].ad.responsive_search_ad
    assert all(enum_name(h.pinned_field) == "UNSPECIFIED" for h in [*plain.headlines, *plain.descriptions])
    pb = type(plain).pb(plain)
    assert not pb.HasField("path1") and not pb.HasField("path2")


def test_languages_and_countries_known_are_targeted_and_unknown_are_reported() -> None:
    rec = record(languages=["en", "fr", "de", "zh", "cy"], countries=["US", "GB", "DE", "AQ"])
    plan = gads.build_plan(rec, CID)
    criteria = created(plan.operations, "campaign_criterion_operation")
    languages = sorted(c.language.language_constant for c in criteria if c.language.language_constant)
    locations = sorted(c.location.geo_target_constant for c in criteria if c.location.geo_target_constant)
    assert languages == [
        "languageConstants/1000",
        "languageConstants/1001",
        "languageConstants/1002",
        "languageConstants/1017",
        "languageConstants/1018",
    ]
    # AQ is not in the checked table: Google's rule for countries (2000 + ISO numeric 010) maps it.
    assert locations == [
        "geoTargetConstants/2010",
        "geoTargetConstants/2276",
        "geoTargetConstants/2826",
        "geoTargetConstants/2840",
    ]
    assert plan.unmapped == {"languages": ["cy"], "countries": []}
    assert any("cy" in n for n in plan.notes)
    assert plan.counts["language"] == 5 and plan.counts["location"] == 4


def test_the_tables_hold_only_well_formed_ids() -> None:
    assert all(1000 <= i < 1200 for ids in gads.LANGUAGE_CONSTANTS.values() for i in ids)
    assert all(len(code) == 2 and 2000 < geo < 3000 for code, geo in gads.GEO_TARGET_CONSTANTS.items())
    assert gads.LANGUAGE_CONSTANTS["en"] == (1000,) and gads.GEO_TARGET_CONSTANTS["US"] == 2840


@pytest.mark.parametrize(
    ("strategy", "oneof"), [("maximize_clicks", "target_spend"), ("manual_cpc", "manual_cpc")]
)
def test_bidding_follows_each_campaign_with_its_cpc_cap(strategy: str, oneof: str) -> None:
    rec = record()
    [camp] = structure.campaigns_of(rec)
    rec.campaign.campaigns = [camp.model_copy(update={"bid_strategy": strategy, "max_cpc": 0.8})]
    ops = gads.build_operations(rec, CID)
    (campaign,) = created(ops, "campaign_operation")
    assert type(campaign).pb(campaign).WhichOneof("campaign_bidding_strategy") == oneof
    if strategy == "manual_cpc":
        assert all(g.cpc_bid_micros == 800_000 for g in created(ops, "ad_group_operation"))
    else:
        assert campaign.target_spend.cpc_bid_ceiling_micros == 800_000


def test_networks_follow_platforms_and_search_partners() -> None:
    plan = gads.build_plan(
        record(targeting={"search_partners": True}, platforms=["search", "display", "youtube"]), CID
    )
    (campaign,) = created(plan.operations, "campaign_operation")
    ns = campaign.network_settings
    assert (ns.target_google_search, ns.target_search_network, ns.target_content_network) == (
        True,
        True,
        True,
    )
    assert any("YouTube" in n for n in plan.notes)


@pytest.mark.parametrize("bad", ["123456789", "12345678901", "abc-def-ghij", "", "123 456 7890"])
def test_customer_id_must_be_ten_digits(bad: str) -> None:
    with pytest.raises(ValueError, match="10-digit"):
        gads.build_operations(record(), bad)
    assert (
        gads.normalize_customer_id("123-456-7890") == gads.normalize_customer_id("1234567890") == CID_DIGITS
    )


def test_operations_serialize_to_json() -> None:
    ops = gads.build_operations(record(), CID)
    dumped = [gads.operation_dict(op) for op in ops]
    json.dumps(dumped)  # JSON-ready
    assert dumped[0]["campaign_budget_operation"]["create"]["amount_micros"] == "37500000"
    assert dumped[1]["campaign_operation"]["create"]["status"] == "PAUSED"


# -- validate_only ----------------------------------------------------------------------------------


@pytest.fixture
def no_google_ads_env(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    import os

    for name in list(os.environ):
        if name.startswith("GOOGLE_ADS_"):
            monkeypatch.delenv(name)
    return monkeypatch


def test_validate_without_configuration_names_the_missing_variables(
    no_google_ads_env: pytest.MonkeyPatch,
) -> None:
    out = gads.validate(record(), CID)
    assert out["available"] is False
    for name in (
        "GOOGLE_ADS_DEVELOPER_TOKEN",
        "GOOGLE_ADS_CLIENT_ID",
        "GOOGLE_ADS_CLIENT_SECRET",
        "GOOGLE_ADS_REFRESH_TOKEN",
    ):
        assert name in out["reason"] and name in out["missing"]


def test_validate_partial_configuration_names_only_what_is_missing_and_no_secret(
    no_google_ads_env: pytest.MonkeyPatch,
) -> None:
    no_google_ads_env.setenv("GOOGLE_ADS_DEVELOPER_TOKEN", "s3cret-dev-token")
    no_google_ads_env.setenv("GOOGLE_ADS_CLIENT_SECRET", "s3cret-client")
    out = gads.validate(record(), CID)
    assert out["available"] is False
    assert out["missing"] == ["GOOGLE_ADS_CLIENT_ID", "GOOGLE_ADS_REFRESH_TOKEN"]
    assert "s3cret" not in json.dumps(out)
    # A service account key file stands in for the installed-app trio.
    no_google_ads_env.setenv("GOOGLE_ADS_JSON_KEY_FILE_PATH", "/nonexistent/key.json")
    assert gads.missing_configuration()[0] == []


def test_validate_with_a_missing_configuration_file(no_google_ads_env: pytest.MonkeyPatch, tmp_path) -> None:
    no_google_ads_env.setenv("GOOGLE_ADS_CONFIGURATION_FILE_PATH", str(tmp_path / "google-ads.yaml"))
    out = gads.validate(record(), CID)
    assert out["available"] is False and "GOOGLE_ADS_CONFIGURATION_FILE_PATH" in out["reason"]


def test_validate_without_the_package(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(gads, "available", lambda: False)
    assert gads.validate(record(), CID) == {"available": False, "reason": gads.NOT_INSTALLED}
    assert "pip install band-stream-crew[googleads]" in gads.NOT_INSTALLED


class FakeService:
    def __init__(self, error: Exception | None = None):
        self.error, self.requests = error, []

    def mutate(self, request: Any = None, **kwargs: Any) -> Any:
        self.requests.append(request)
        if self.error:
            raise self.error
        return None


class FakeClient:
    """Stands in for a configured GoogleAdsClient: real request types, no channel."""

    def __init__(self, service: FakeService):
        self.service = service
        self.types = gads._types()

    def get_type(self, name: str) -> Any:
        return self.types.get_type(name)

    def get_service(self, name: str) -> FakeService:
        assert name == "GoogleAdsService"
        return self.service


def test_validate_builds_the_client_from_the_environment(no_google_ads_env: pytest.MonkeyPatch) -> None:
    from google.ads.googleads.client import GoogleAdsClient

    env = {
        "GOOGLE_ADS_DEVELOPER_TOKEN": "s3cret-dev",
        "GOOGLE_ADS_CLIENT_ID": "id.apps",
        "GOOGLE_ADS_CLIENT_SECRET": "s3cret-client",
        "GOOGLE_ADS_REFRESH_TOKEN": "s3cret-refresh",
        "GOOGLE_ADS_LOGIN_CUSTOMER_ID": "111-222-3333",
    }
    for name, value in env.items():
        no_google_ads_env.setenv(name, value)
    seen: dict[str, Any] = {}
    service = FakeService()

    def load_from_dict(config: dict[str, Any], version: str | None = None) -> FakeClient:
        seen.update(config, version=version)
        return FakeClient(service)

    no_google_ads_env.setattr(GoogleAdsClient, "load_from_dict", staticmethod(load_from_dict))
    out = gads.validate(record(), CID)
    assert out["validated"] is True and len(service.requests) == 1
    assert seen == {
        "use_proto_plus": True,
        "developer_token": "s3cret-dev",
        "client_id": "id.apps",
        "client_secret": "s3cret-client",
        "refresh_token": "s3cret-refresh",
        "login_customer_id": "1112223333",
        "version": gads.API_VERSION,
    }
    assert "s3cret" not in json.dumps(out)


def test_validate_reports_a_failed_token_refresh(no_google_ads_env: pytest.MonkeyPatch) -> None:
    from google.ads.googleads.client import GoogleAdsClient
    from google.auth.exceptions import TransportError

    for name in (
        "GOOGLE_ADS_DEVELOPER_TOKEN",
        "GOOGLE_ADS_CLIENT_ID",
        "GOOGLE_ADS_CLIENT_SECRET",
        "GOOGLE_ADS_REFRESH_TOKEN",
    ):
        no_google_ads_env.setenv(name, "x")

    def unreachable(config: dict[str, Any], version: str | None = None) -> Any:
        raise TransportError("token endpoint unreachable")

    no_google_ads_env.setattr(GoogleAdsClient, "load_from_dict", staticmethod(unreachable))
    out = gads.validate(record(), CID)
    assert out["validated"] is False and out["errors"][0]["code"] == "auth"
    assert "TransportError" in out["errors"][0]["message"]


def test_validate_sends_validate_only_without_partial_failure() -> None:
    service = FakeService()
    rec = record()
    out = gads.validate(rec, CID, client=FakeClient(service))
    assert out["validated"] is True and out["customer_id"] == CID_DIGITS
    (req,) = service.requests
    assert req.validate_only is True and req.partial_failure is False and req.customer_id == CID_DIGITS
    assert len(req.mutate_operations) == out["operations"] == len(gads.build_operations(rec, CID))


def google_ads_exception(message: str, index: int) -> GoogleAdsException:
    t = gads._types()
    failure = t.get_type("GoogleAdsFailure")
    err = t.get_type("GoogleAdsError")
    err.message = message
    budget_errors = t.get_type("CampaignBudgetErrorEnum").CampaignBudgetError
    err.error_code.campaign_budget_error = budget_errors.NON_MULTIPLE_OF_MINIMUM_CURRENCY_UNIT
    first = t.get_type("ErrorLocation").FieldPathElement(field_name="mutate_operations", index=index)
    second = t.get_type("ErrorLocation").FieldPathElement(field_name="campaign_budget_operation")
    err.location.field_path_elements.extend([first, second])
    failure.errors.append(err)
    return GoogleAdsException(error=None, call=None, failure=failure, request_id="req-123")


def test_validate_reports_google_errors() -> None:
    service = FakeService(google_ads_exception("The budget is not a multiple of the currency unit.", 0))
    out = gads.validate(record(), CID, client=FakeClient(service))
    assert out["validated"] is False and out["request_id"] == "req-123"
    (err,) = out["errors"]
    assert err["message"] == "The budget is not a multiple of the currency unit."
    assert err["code"] == "campaign_budget_error.NON_MULTIPLE_OF_MINIMUM_CURRENCY_UNIT"
    assert err["operation_index"] == 0 and err["field"] == "mutate_operations[0].campaign_budget_operation"


def test_validate_reports_transport_failures() -> None:
    out = gads.validate(record(), CID, client=FakeClient(FakeService(ConnectionError("no route to host"))))
    assert out["validated"] is False and out["errors"][0]["message"] == "ConnectionError: no route to host"


# -- HTTP -------------------------------------------------------------------------------------------


@pytest.fixture
def client(redis_db) -> Any:
    app: Flask = make_app("optimizer", {"TESTING": True})
    app.register_blueprint(bp)
    return app.test_client()


def body(rec: CampaignRecord | None = None) -> dict[str, Any]:
    return (rec or record()).model_dump(mode="json")


def test_http_operations(client) -> None:
    resp = client.post(f"/api/google-ads/operations?customer_id={CID}", json=body())
    assert resp.status_code == 200, resp.get_json()
    data = resp.get_json()
    assert data["customer_id"] == CID_DIGITS and data["api_version"] == gads.API_VERSION
    assert len(data["operations"]) == sum(data["counts"].values())
    assert data["operations"][1]["campaign_operation"]["create"]["campaign_budget"] == (
        f"customers/{CID_DIGITS}/campaignBudgets/-1"
    )
    assert data["counts"]["ad_group"] == 2 and data["counts"]["ad"] == 3


@pytest.mark.parametrize(
    ("query", "payload", "status", "field"),
    [
        ("", "record", 400, "customer_id"),
        ("?customer_id=12345", "record", 400, "customer_id"),
        (f"?customer_id={CID}", "not json", 400, "body"),
        (f"?customer_id={CID}", [1, 2], 400, "body"),
        (f"?customer_id={CID}", {"id": "x"}, 422, "created_at"),
    ],
)
def test_http_bad_input_names_the_field(client, query: str, payload: Any, status: int, field: str) -> None:
    for route in ("operations", "validate"):
        url = f"/api/google-ads/{route}{query}"
        if payload == "record":
            resp = client.post(url, json=body())
        elif isinstance(payload, str):
            resp = client.post(url, data=payload, content_type="application/json")
        else:
            resp = client.post(url, json=payload)
        assert resp.status_code == status, (route, resp.get_json())
        assert resp.get_json()["field"] == field


def test_http_validate_without_configuration(client, no_google_ads_env: pytest.MonkeyPatch) -> None:
    resp = client.post(f"/api/google-ads/validate?customer_id={CID}", json=body())
    assert resp.status_code == 503
    data = resp.get_json()
    assert data["available"] is False and "GOOGLE_ADS_DEVELOPER_TOKEN" in data["reason"]


def test_http_operations_without_the_package(client, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(gads, "available", lambda: False)
    resp = client.post(f"/api/google-ads/operations?customer_id={CID}", json=body())
    assert resp.status_code == 503 and resp.get_json() == {"available": False, "reason": gads.NOT_INSTALLED}
