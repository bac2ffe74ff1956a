"""MAIN's pages and JSON proxy, against the real SUPERVISOR API on the real test Redis."""

from __future__ import annotations

import re

import requests

from tests.auth import sign_in
from tests.main import sample


def test_index_has_a_labelled_form_and_no_external_assets(client):
    resp = client.get("/")
    assert resp.status_code == 200
    html = resp.get_data(as_text=True)
    for field in (
        "artist",
        "release",
        "daily_budget",
        "currency",
        "countries",
        "languages",
        "final_url",
        "brief-company",
        "brief-audience",
        "brief-competitors",
    ):
        assert f'<label for="{field}"' in html, field
        assert f'id="{field}"' in html
    for goal in ("streams", "tickets", "followers", "merch", "presave"):
        assert f'name="goals" value="{goal}"' in html
    # Every script and stylesheet is served by MAIN itself.
    assert not re.search(r'<(script|link)[^>]+(src|href)="(https?:)?//', html)


def test_socketio_client_is_vendored_with_its_license(client, app):
    resp = client.get("/static/vendor/socket.io.min.js")
    assert resp.status_code == 200
    head = resp.get_data(as_text=True)[:200]
    assert "Socket.IO v4." in head and "MIT License" in head


def test_bad_country_is_a_422_naming_the_field_as_the_supervisor_does(client, supervisor_url, auth_headers):
    body = {"artist": "Phoebe Bridgers", "countries": ["US", "XX"]}
    resp = client.post("/api/campaigns", json=body)
    direct = requests.post(f"{supervisor_url}/api/campaigns", json=body, headers=auth_headers, timeout=5)
    assert resp.status_code == direct.status_code == 422
    assert resp.get_json() == direct.json()
    # The path is the SUPERVISOR's ("countries" or "countries[1]"); the form maps both to the field.
    [(path, message)] = [(k, v) for k, v in resp.get_json()["fields"].items() if k.startswith("countries")]
    assert "XX" in message


def test_non_json_body_is_a_400_naming_body(client):
    resp = client.post("/api/campaigns", data="artist=x", content_type="application/x-www-form-urlencoded")
    assert resp.status_code == 400
    assert resp.get_json()["field"] == "body"


def test_oversized_body_is_a_413_naming_body(client):
    resp = client.post("/api/campaigns", json={"artist": "x" * (70 * 1024)})
    assert resp.status_code == 413
    assert resp.get_json()["field"] == "body"


def test_submit_then_read_through_the_proxy(client):
    resp = client.post(
        "/api/campaigns", json={"artist": "  Phoebe Bridgers ", "goals": ["streams", "tickets"]}
    )
    assert resp.status_code == 202
    cid = resp.get_json()["id"]
    assert re.fullmatch(r"c_[0-9a-z]+", cid)
    record = client.get(f"/api/campaigns/{cid}").get_json()
    assert record["request"]["artist"] == "Phoebe Bridgers"
    assert record["request"]["goals"] == ["streams", "tickets"]
    assert "pct" in record
    page = client.get(f"/campaigns/{cid}")
    assert page.status_code == 200
    assert f'data-campaign-id="{cid}"' in page.get_data(as_text=True)


def test_running_campaign_page_shows_progress_and_loads_the_local_client(client):
    record = sample.create_running("Running & <Co>")
    html = client.get(f"/campaigns/{record.id}").get_data(as_text=True)
    assert 'data-terminal="false"' in html
    assert 'role="progressbar"' in html
    assert "Running &amp; &lt;Co&gt;" in html and "<Co>" not in html
    assert 'src="/static/vendor/socket.io.min.js"' in html
    assert 'src="/static/campaign.js"' in html


def test_done_campaign_page_renders_the_result(client):
    record = sample.create_done()
    resp = client.get(f"/campaigns/{record.id}")
    assert resp.status_code == 200
    html = resp.get_data(as_text=True)
    assert 'data-terminal="true"' in html
    assert "Phoebe Bridgers - Brand" in html
    # Per-field character counts against Google's limits.
    assert f"{len('Phoebe Bridgers New Album')}/30" in html
    assert f"{len('Stream Punisher Today')}/30" in html
    assert f"{len('Listen to the new album on every platform. Out now.')}/90" in html
    assert "5/15" in html  # path1 "music"
    # Keywords as Google Ads Editor writes them.
    assert "[phoebe bridgers]" in html and "&#34;phoebe bridgers album&#34;" in html
    # Provenance on figures and sources, and why a source is missing.
    assert 'class="prov prov-live"' in html and 'class="prov prov-sandbox"' in html
    assert "CHARTMETRIC_REFRESH_TOKEN is not set" in html
    # Findings, fixes (before -> after), ad strength with actions, provider, costs, A/B, brief.
    assert "Excessive exclamation marks" in html
    assert "<del>Stream Punisher Today!!!</del>" in html
    assert "Add more unique headlines" in html
    assert "offline" in html and "template-v1" in html
    assert "12,000" in html and "Punisher is out now" in html
    assert "<svg" in html and "Peak months" in html
    # The claims ledger on hover and in its table; one Google Ads campaign per goal; goals with no ads.
    assert 'class="claimed"' in html and "backed by insights.latest_release (deezer)" in html
    assert 'data-testid="claims"' in html and "Claims ledger (1)" in html
    assert 'data-testid="campaigns"' in html and f"Phoebe Bridgers - Streams - {record.id}" in html
    assert "CPC cap 2.40" in html and "even (A/B test running)" in html
    assert 'data-testid="goal-gaps"' in html and "no ticket page: links.tickets is empty" in html
    assert "Goal: <strong" in html and "(from request.final_url)" in html
    # Downloads go through MAIN.
    assert f"/campaigns/{record.id}/download/editor-csv" in html
    assert f"/campaigns/{record.id}/download/json" in html


def test_agent_text_is_escaped_and_unsafe_links_are_not_linked(client):
    record = sample.create_done()
    html = client.get(f"/campaigns/{record.id}/result").get_data(as_text=True)
    assert sample.XSS not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html
    assert "javascript:" not in html
    assert 'href="https://www.deezer.com/artist/1"' in html


def test_result_fragment_says_whether_it_is_final(client):
    running = sample.create_running()
    assert 'data-terminal="false"' in client.get(f"/campaigns/{running.id}/result").get_data(as_text=True)
    failed = sample.create_failed()
    html = client.get(f"/campaigns/{failed.id}/result").get_data(as_text=True)
    assert 'data-terminal="true"' in html and "every LLM provider failed" in html


def test_json_download_streams_the_supervisors_file(client, supervisor_url, auth_headers):
    record = sample.create_done()
    resp = client.get(f"/campaigns/{record.id}/download/json")
    direct = requests.get(
        f"{supervisor_url}/api/campaigns/{record.id}/export",
        params={"format": "json"},
        headers=auth_headers,
        timeout=5,
    )
    assert resp.status_code == 200
    assert resp.headers["Content-Disposition"] == direct.headers["Content-Disposition"]
    assert resp.get_data() == direct.content
    assert resp.get_json()["id"] == record.id


def test_download_of_an_unfinished_campaign_passes_the_supervisors_answer(client):
    record = sample.create_running()
    resp = client.get(f"/campaigns/{record.id}/download/json")
    assert resp.status_code == 409
    assert resp.get_json()["error"] == "not_ready"


def test_unknown_download_format_is_a_404(client):
    record = sample.create_done()
    assert client.get(f"/campaigns/{record.id}/download/exe").status_code == 404


def test_history_lists_newest_first(client):
    first = sample.create_running("First Artist")
    second = sample.create_done("Second Artist")
    html = client.get("/campaigns").get_data(as_text=True)
    assert html.index(second.id) < html.index(first.id)
    assert "2 campaigns" in html
    home = client.get("/").get_data(as_text=True)
    assert "Second Artist" in home and "First Artist" in home


def test_unknown_and_malformed_ids_are_404_pages(client):
    assert client.get("/campaigns/c_nosuchcampaign").status_code == 404
    resp = client.get("/campaigns/not-an-id")
    assert resp.status_code == 404 and "Campaign not found" in resp.get_data(as_text=True)
    assert client.get("/api/campaigns/c_nosuchcampaign").status_code == 404


def test_supervisor_down_is_a_503_never_a_500(down_app, account):
    client = down_app.test_client()
    sign_in(client, account)  # accounts live in Redis, which is up: only the SUPERVISOR is down
    resp = client.post("/api/campaigns", json={"artist": "X"})
    assert resp.status_code == 503
    assert resp.get_json()["error"] == "supervisor_unavailable"
    assert client.get("/api/campaigns/c_abc").status_code == 503
    assert client.get("/campaigns/c_abc/download/json").status_code == 503
    page = client.get("/campaigns/c_abc")
    assert page.status_code == 503 and "unavailable" in page.get_data(as_text=True)
    assert client.get("/campaigns").status_code == 503
    media = client.get("/api/campaigns/c_abc/media")  # main/relay.py names the service that is down
    assert media.status_code == 503 and media.get_json()["error"] == "media_unavailable"
    assert "(MEDIA)" in media.get_json()["message"]
    assert client.get("/api/campaigns/not-an-id/media").status_code == 404  # no call for a bad id
    # The form still works as a page; the history box says why it is empty.
    home = client.get("/")
    assert home.status_code == 200 and "campaign service is unavailable" in home.get_data(as_text=True)


def test_a_canceled_campaign_says_so_with_the_pipelines_labels(client):
    """The canceled state comes from the SUPERVISOR's pipeline table: its label, the stepper (marked on
    the stage it stopped in) and the result's notice."""
    from supervisor import pipeline

    running = sample.create_running()
    assert pipeline.cancel(running.id, "canceled by an administrator (test)")
    page = client.get(f"/campaigns/{running.id}").get_data(as_text=True)
    assert ">Canceled<" in page and 'data-terminal="true"' in page and 'class="failed"' in page
    html = client.get(f"/campaigns/{running.id}/result").get_data(as_text=True)
    assert 'data-testid="canceled"' in html and "canceled by an administrator (test)" in html
