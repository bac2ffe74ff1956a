"""Hostile input at the shared web layer and the request model: every refusal is a 4xx naming the
field, never a 5xx; the running services are checked the same way in tests/faults."""

from __future__ import annotations

import json

import pytest
from pydantic import ValidationError

from shared.models import CampaignRequest
from shared.web import MAX_JSON_DEPTH, json_depth


@pytest.fixture
def app(redis_db):
    from supervisor.app import create_app

    return create_app({"TESTING": True})


def test_json_depth_skips_strings():
    assert json_depth(b"[" * 1000 + b"]" * 1000) == 1000
    assert json_depth(b'{"a": "[[[[\\"[[", "b": [1, {"c": 2}]}') == 3


@pytest.mark.parametrize("path", ["/api/campaigns", "/healthz", "/admin/queues", "/nope"])
def test_deep_nesting_is_a_400_everywhere(app, path):
    body = "[" * 1000 + "]" * 1000
    resp = app.test_client().post(path, data=body, content_type="application/json")
    assert resp.status_code == 400, resp.data
    assert resp.get_json()["field"] == "body"
    assert str(MAX_JSON_DEPTH) in resp.get_json()["message"]


def test_oversized_body_is_a_413_that_closes(app):
    resp = app.test_client().post(
        "/healthz", data=b"x" * (200 * 1024), content_type="application/octet-stream"
    )
    assert resp.status_code == 413
    assert resp.headers["Connection"] == "close"


def test_unknown_methods_share_one_metric_label(app):
    client = app.test_client()
    for method in ("FOO", "BAR", "XYZZY"):
        assert client.open("/healthz", method=method).status_code == 405
    metrics = client.get("/metrics").get_data(as_text=True)
    assert 'method="other"' in metrics
    assert "FOO" not in metrics and "XYZZY" not in metrics


def test_redis_down_is_a_503_with_a_reason(redis_url):
    import redis

    from shared.web import make_app

    app = make_app("probe", {"TESTING": True})

    @app.get("/needs-redis")
    def needs_redis():
        # What any route meets while Redis is down (the real outage runs in tests/faults).
        return redis.Redis(host="127.0.0.1", port=1, socket_connect_timeout=1).get("x")

    resp = app.test_client().get("/needs-redis")
    assert resp.status_code == 503
    assert resp.get_json()["reason"] == "redis: ConnectionError"
    assert resp.headers["Retry-After"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"artist": "Da\u202eft Punk"}, "artist"),
        ({"artist": "Daft\u200bPunk"}, "artist"),
        ({"artist": "Ok", "release": "\ufeffRAM"}, "release"),
        ({"artist": "Ok", "brief": {"company": "x\u2066y"}}, "brief.company"),
        ({"artist": "\u3164"}, "artist"),
        ({"artist": "Ok", "final_url": "https://127.0.0.1/"}, "final_url"),
        ({"artist": "Ok", "final_url": "https://[::1]/x"}, "final_url"),
        ({"artist": "Ok", "final_url": "https://localhost/"}, "final_url"),
        ({"artist": "Ok", "final_url": "https://printer.local/"}, "final_url"),
        ({"artist": "Ok", "final_url": "https://corp.internal/x"}, "final_url"),
        ({"artist": "Ok", "final_url": "https://user:pw@artist.com/"}, "final_url"),
        ({"artist": "Ok", "links": {"tickets": "https://10.1.2.3/t"}}, "links.tickets"),
    ],
)
def test_refused_at_submission_naming_the_field(body, field):
    from shared.web import field_path

    with pytest.raises(ValidationError) as err:
        CampaignRequest.model_validate(body)
    assert {field_path(tuple(e["loc"])) for e in err.value.errors()} == {field}


def test_real_names_and_public_domains_pass():
    req = CampaignRequest.model_validate(
        {
            "artist": "Sébastien Tellier",
            "final_url": "https://shop.example.co.uk/x",
            "release": "L'Incroyable",
        }
    )
    assert req.final_url == "https://shop.example.co.uk/x"


def test_api_refuses_with_422_naming_the_field(app):
    resp = app.test_client().post(
        "/api/campaigns",
        data=json.dumps({"artist": "A\u202eB"}),
        content_type="application/json",
    )
    assert 400 <= resp.status_code < 500
