"""Bad input to POST /api/campaigns: a 4xx JSON error naming the field; nothing stored, nothing queued."""

from __future__ import annotations

import json

import pytest

from shared import store
from shared.queues import QUEUES, get_queue
from supervisor.app import create_app


@pytest.fixture
def client(account):
    """The SUPERVISOR's test client calling as `account` (its bearer token on every request)."""
    c = create_app({"TESTING": True}).test_client()
    c.environ_base["HTTP_AUTHORIZATION"] = account.headers["Authorization"]
    return c


def _nothing_written() -> None:
    assert store.count() == 0
    assert all(get_queue(q).count == 0 for q in QUEUES)


OK = {"artist": "Daft Punk", "final_url": "https://daftpunk.com/", "countries": ["US", "fr"]}


@pytest.mark.parametrize(
    ("body", "status", "field"),
    [
        ({}, 422, "artist"),
        ({"artist": "   "}, 422, "artist"),
        ({"artist": "x" * 300}, 422, "artist"),
        ({"artist": "Ok", "colour": "red"}, 422, "colour"),
        ({"artist": "Ok", "countries": ["US", "XX"]}, 422, "countries"),
        ({"artist": "Ok", "final_url": "http://artist.com"}, 422, "final_url"),
        ({"artist": "Ok", "final_url": "https://"}, 422, "final_url"),
        ({"artist": "Ok", "final_url": "not a url"}, 422, "final_url"),
        ({"artist": "Ok", "daily_budget": -5}, 422, "daily_budget"),
        ({"artist": "Ok", "goals": ["fame"]}, 422, "goals[0]"),
        ({"artist": "Ok", "languages": ["english"]}, 422, "languages"),
        ({"artist": "Ok", "brief": {"company": "x" * 2000}}, 422, "brief.company"),
        ({"artist": "Ok", "brief": {"mood": "dark"}}, 422, "brief.mood"),
        ({"artist": "Bad\u0000Name"}, 422, "artist"),
        ({"artist": "Ok", "release": "Line\nbreak"}, 422, "release"),
        ([1, 2], 400, "body"),
    ],
)
def test_bad_fields_are_named(client, body, status, field):
    resp = client.post("/api/campaigns", json=body)
    assert resp.status_code == status, resp.get_json()
    err = resp.get_json()
    assert field in err["fields"] and err["fields"][field], err
    assert err["message"]
    _nothing_written()


def test_non_json_body(client):
    resp = client.post(
        "/api/campaigns", data="artist=Daft Punk", content_type="application/x-www-form-urlencoded"
    )
    assert resp.status_code == 400 and resp.get_json()["field"] == "body"
    resp = client.post("/api/campaigns", data="{not json", content_type="application/json")
    assert resp.status_code == 400 and resp.get_json()["field"] == "body"
    _nothing_written()


def test_oversized_body(client):
    body = json.dumps({"artist": "Ok", "brief": {"company": "x" * 70_000}})
    resp = client.post("/api/campaigns", data=body, content_type="application/json")
    assert resp.status_code == 413 and resp.get_json()["field"] == "body"
    _nothing_written()


def test_accepted_campaign_is_stored_and_queued(client):
    resp = client.post("/api/campaigns", json=OK)
    assert resp.status_code == 202
    cid = resp.get_json()["id"]
    assert store.get(cid).request.countries == ["US", "FR"]
    assert get_queue("supervisor").count == 1
    listed = client.get("/api/campaigns").get_json()
    assert listed["total"] == 1 and listed["campaigns"][0]["id"] == cid
    events = client.get(f"/api/campaigns/{cid}/events").get_json()["events"]
    assert events[0]["stage"] == "received" and events[0]["seq"] == 1


def test_unknown_campaign_is_404_json(client):
    for path in ("/api/campaigns/c_nope", "/api/campaigns/../etc", "/api/campaigns/c_nope/events"):
        resp = client.get(path)
        assert resp.status_code == 404 and resp.is_json


def test_nan_budget_and_huge_offset(client):
    resp = client.post(
        "/api/campaigns", data='{"artist": "Ok", "daily_budget": NaN}', content_type="application/json"
    )
    assert resp.status_code in (400, 422) and resp.get_json()["field"] in ("daily_budget", "body")
    _nothing_written()
    assert client.get("/api/campaigns?offset=99999999999999999999").status_code == 200
