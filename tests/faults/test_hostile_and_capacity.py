"""Hostile input and cheap denial of service against every endpoint of every running service:
deep nesting, broken chunking, bodies of any size, invisible characters, private final URLs,
invented methods, idle websockets and half-open requests. Never a 5xx; a 413 closes its connection;
the services keep answering."""

from __future__ import annotations

import json
import os
import re

import pytest
import requests

from bandcrew import faultkit as fk
from bandcrew import hostile
from bandcrew.services import WEB_SERVICES

pytestmark = pytest.mark.faults

ANSWER_TIMEOUT_S = 10.0  # "still answers", not a latency figure: bench/faults.py measures those


def _service_urls(crew) -> dict[str, str]:
    return {
        name: f"http://127.0.0.1:{crew.port_base + svc.port_offset}" for name, svc in WEB_SERVICES.items()
    }


def _routes(name: str) -> list[tuple[str, str]]:
    """Every (method, path) the service's Flask app declares, variables filled with a plausible id."""
    import importlib

    app = importlib.import_module(f"{name}.app").create_app({"TESTING": True})
    out = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static":
            continue
        path = re.sub(
            r"<(?:[^:>]+:)?([^>]+)>", lambda m: "c_1a2b3c" if "id" in m.group(1) else "x", rule.rule
        )
        for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
            out.append((method, path))
    return out


@pytest.fixture(scope="module")
def routes(faulty_crew) -> dict[str, list[tuple[str, str]]]:
    # The apps are only built to read their routes. The variable is put back afterwards: left
    # pointing at the crew's Redis, every later test that resets its settings would submit into a
    # Redis whose crew workers take the jobs away from the test's own workers.
    from shared.redisdb import reset_redis
    from shared.settings import reset_settings

    before = os.environ.get("REDIS_URL")
    os.environ["REDIS_URL"] = faulty_crew.redis_url
    try:
        found = {name: _routes(name) + [("POST", "/no/such/route")] for name in WEB_SERVICES}
    finally:
        if before is None:
            os.environ.pop("REDIS_URL", None)
        else:
            os.environ["REDIS_URL"] = before
        reset_settings()
        reset_redis()
    return found


def test_deep_nesting_on_every_endpoint_is_a_4xx(faulty_crew, routes):
    urls, headers = _service_urls(faulty_crew), faulty_crew.auth_headers
    deep = "[" * 1000 + "]" * 1000
    bad = []
    for name, rules in routes.items():
        for method, path in rules:
            if method not in ("POST", "PUT", "PATCH"):
                continue
            r = requests.request(
                method,
                urls[name] + path,
                data=deep,
                headers={**headers, "Content-Type": "application/json"},
                timeout=30,
            )
            if r.status_code >= 500:
                bad.append(f"{name} {method} {path}: {r.status_code}")
    assert bad == []


def test_broken_chunking_is_a_400_that_closes(faulty_crew, routes):
    urls = _service_urls(faulty_crew)
    bad = []
    for name in urls:
        for method, path in [r for r in routes[name] if r[0] == "POST"][:3] + [("POST", "/healthz")]:
            raw = (
                f"{method} {path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                "Transfer-Encoding: chunked\r\n\r\nZZZ\r\n{}\r\n0\r\n\r\n"
            ).encode()
            status, _, _ = hostile.raw_request(urls[name], raw)
            if not 400 <= status < 500:
                bad.append(f"{name} {method} {path}: {status}")
    assert bad == []


@pytest.mark.parametrize("size", [64 * 1024 * 1024, 2**40])
def test_any_body_size_gets_a_413_that_closes_the_connection(faulty_crew, size):
    """Over every service's cap (the OPTIMIZER's, for campaign records, is the largest)."""
    for name, url in _service_urls(faulty_crew).items():
        # Headers only: the server must answer without reading (or waiting for) the body.
        raw = (
            f"POST /healthz HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: {size}\r\n\r\n"
        ).encode()
        status, _, closed = hostile.raw_request(url, raw)
        assert status == 413, f"{name}: {status}"
        assert closed, f"{name}: the connection stayed open after a 413"


def test_a_sent_oversized_body_is_a_413_and_the_connection_closes(faulty_crew):
    body = b'{"artist": "' + b"x" * (200 * 1024) + b'"}'
    raw = (
        f"POST /api/campaigns HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        f"Content-Length: {len(body)}\r\n\r\n"
    ).encode() + body
    for url in (faulty_crew.supervisor_url, faulty_crew.main_url):
        status, _, closed = hostile.raw_request(url, raw)
        assert status == 413 and closed, (url, status, closed)


def test_text_fields_and_final_urls_are_refused_at_submission(faulty_crew):
    session = faulty_crew.session()
    cases = [
        ({"artist": "Daft\u200bPunk"}, "artist"),
        ({"artist": "Justice", "release": "Cross\u202e"}, "release"),
        ({"artist": "Justice", "brief": {"audience": "fans\u2066"}}, "brief.audience"),
        ({"artist": "Justice", "final_url": "https://127.0.0.1/"}, "final_url"),
        ({"artist": "Justice", "final_url": "https://localhost/x"}, "final_url"),
        ({"artist": "Justice", "final_url": "https://nas.local/"}, "final_url"),
        ({"artist": "Justice", "links": {"tickets": "https://192.168.1.10/t"}}, "links.tickets"),
    ]
    before = session.get(f"{faulty_crew.supervisor_url}/api/campaigns", timeout=10).json()["total"]
    for body, field in cases:
        for base in (faulty_crew.supervisor_url, faulty_crew.main_url):
            r = session.post(f"{base}/api/campaigns", json=body, timeout=10)
            assert r.status_code == 422, (base, body, r.status_code, r.text[:300])
            assert field in r.json()["fields"], (body, r.json())
    assert session.get(f"{faulty_crew.supervisor_url}/api/campaigns", timeout=10).json()["total"] == before


def test_longest_allowed_name_produces_every_ad_group(faulty_crew):
    from shared.models.request import CampaignRequest

    limit = CampaignRequest.model_fields["artist"].metadata
    max_len = next(m.max_length for m in limit if getattr(m, "max_length", None))
    words = "The Extraordinarily Long Named Orchestra And Choir Of The Northern Hemisphere Band Society"
    name = (words + " Ensemble Collective" * 10)[:max_len].strip()
    session = faulty_crew.session()
    cid = fk.submit(faulty_crew, session, {"artist": name, "final_url": "https://wearephoenix.com/"})
    out = fk.wait_all(faulty_crew, session, [cid], 120)
    assert out.states[cid] == "done", out.reasons
    rec = session.get(f"{faulty_crew.supervisor_url}/api/campaigns/{cid}", timeout=10).json()
    assert rec["campaign"].get("dropped", []) == [], rec["campaign"].get("dropped")
    for group in rec["campaign"]["ad_groups"]:
        for kw in group.get("keywords", []):
            assert len(kw["text"]) <= 80 and len(kw["text"].split()) <= 10, kw


def test_one_charset_per_content_type(faulty_crew):
    session = faulty_crew.session()
    cid = fk.submit(faulty_crew, session)
    assert fk.wait_all(faulty_crew, session, [cid], 120).states[cid] == "done"
    for fmt in ("json", "editor-csv", "csv"):
        r = session.get(
            f"{faulty_crew.supervisor_url}/api/campaigns/{cid}/export", params={"format": fmt}, timeout=30
        )
        assert r.status_code == 200
        assert r.headers["Content-Type"].lower().count("charset") <= 1, r.headers["Content-Type"]


def test_invented_methods_share_one_metric_label(faulty_crew):
    for name, url in _service_urls(faulty_crew).items():
        for method in ("BREW", "WHEN", "PROPFIND"):
            r = requests.request(method, f"{url}/healthz", timeout=10)
            assert r.status_code < 500, (name, method, r.status_code)
        metrics = requests.get(f"{url}/metrics", timeout=10).text
        assert "BREW" not in metrics and "PROPFIND" not in metrics, name


def test_idle_websockets_do_not_freeze_main(faulty_crew):
    socks = hostile.open_idle_websockets(faulty_crew.main_url, 1000)
    try:
        for _ in range(10):
            assert (
                requests.get(f"{faulty_crew.main_url}/healthz", timeout=ANSWER_TIMEOUT_S).status_code == 200
            )
    finally:
        hostile.close_all(socks)


def test_half_open_requests_block_no_service(faulty_crew):
    for name, url in _service_urls(faulty_crew).items():
        socks = hostile.open_half_requests(url, 30)
        try:
            for _ in range(3):
                r = requests.get(f"{url}/healthz", timeout=ANSWER_TIMEOUT_S)
                assert r.status_code == 200, name
        finally:
            hostile.close_all(socks)


def test_no_5xx_in_the_services_logs(faulty_crew):
    """The whole module's hostile traffic logged no unhandled error."""
    assert not [line for line in faulty_crew.output if "unhandled error" in line], json.dumps(
        [line for line in faulty_crew.output if "unhandled error" in line][:5]
    )
