"""MAIN's door: sign-in, CSRF, workspace isolation through every page and proxy route, rate limits
per IP, and the security headers. Everything through the real SUPERVISOR and the real Redis."""

from __future__ import annotations

import pytest

from main.app import create_app, socketio
from shared import accounts
from tests.auth import csrf_from, sign_in
from tests.main import sample


def test_anonymous_pages_go_to_sign_in_and_the_api_is_401(anonymous, account):
    record = sample.create_done()
    for path in ("/", "/campaigns", f"/campaigns/{record.id}", f"/campaigns/{record.id}/result"):
        resp = anonymous.get(path)
        assert resp.status_code == 302 and resp.headers["Location"].startswith("/login?next="), path
    for path in ("/api/campaigns", f"/api/campaigns/{record.id}", f"/api/campaigns/{record.id}/events"):
        resp = anonymous.get(path)
        assert resp.status_code == 401 and resp.get_json()["field"] == "authorization", path
    assert anonymous.get(f"/campaigns/{record.id}/download/json").status_code == 302
    assert anonymous.post("/api/campaigns", json={"artist": "X"}).status_code == 401
    for path in ("/healthz", "/readyz", "/login", "/static/app.css"):
        assert anonymous.get(path).status_code == 200, path


def test_wrong_password_and_unknown_user_look_the_same(anonymous, account):
    csrf = csrf_from(anonymous.get("/login").text)
    wrong = anonymous.post(
        "/login", data={"username": account.username, "password": "x" * 12, "csrf_token": csrf}
    )
    nobody = anonymous.post("/login", data={"username": "nobody", "password": "x" * 12, "csrf_token": csrf})
    assert wrong.status_code == nobody.status_code == 401
    assert "Wrong username or password." in wrong.text and "Wrong username or password." in nobody.text
    assert anonymous.get("/").status_code == 302  # still signed out


def test_sign_in_without_the_csrf_token_is_refused(anonymous, account):
    anonymous.get("/login")
    resp = anonymous.post("/login", data={"username": account.username, "password": account.password})
    assert resp.status_code == 302 and resp.headers["Location"].startswith("/login")
    assert anonymous.get("/").status_code == 302  # not signed in


def test_sign_in_redirects_only_to_local_paths(anonymous, account):
    for target, expected in (
        ("/campaigns", "/campaigns"),
        ("//evil.example/x", "/"),
        ("https://evil.example", "/"),
    ):
        client = anonymous.application.test_client()
        csrf = csrf_from(client.get("/login").text)
        resp = client.post(
            f"/login?next={target}",
            data={"username": account.username, "password": account.password, "csrf_token": csrf},
        )
        assert resp.status_code == 302 and resp.headers["Location"] == expected, target


def test_session_posts_need_the_csrf_header_bearer_posts_do_not(app, account):
    client = app.test_client()
    sign_in(client, account)
    del client.environ_base["HTTP_X_CSRFTOKEN"]
    refused = client.post("/api/campaigns", json={"artist": "Daft Punk"})
    assert refused.status_code == 400 and refused.get_json()["field"] == "csrf_token"
    forged = client.post("/api/campaigns", json={"artist": "Daft Punk"}, headers={"X-CSRFToken": "forged"})
    assert forged.status_code == 400
    api = app.test_client().post("/api/campaigns", json={"artist": "Daft Punk"}, headers=account.headers)
    assert api.status_code == 202  # a bearer token is never sent by a browser on its own: no CSRF risk
    assert client.get("/api/campaigns").get_json()["total"] == 1


def test_sign_out_revokes_the_session(client, account):
    assert client.get("/").status_code == 200
    assert client.post("/logout").status_code == 302
    assert client.get("/").status_code == 302
    assert client.get("/api/campaigns").status_code == 401


def test_another_workspace_sees_nothing_by_any_route(app, client, other_account):
    mine = sample.create_done("Mine Artist")
    running = sample.create_running("Mine Running")
    theirs = app.test_client()
    sign_in(theirs, other_account)
    for cid in (mine.id, running.id):
        assert theirs.get(f"/campaigns/{cid}").status_code == 404
        assert theirs.get(f"/campaigns/{cid}/result").status_code == 404
        assert theirs.get(f"/api/campaigns/{cid}").status_code == 404
        assert theirs.get(f"/api/campaigns/{cid}/events").status_code == 404
        for fmt in ("json", "editor-csv", "csv"):
            assert theirs.get(f"/campaigns/{cid}/download/{fmt}").status_code == 404
            assert theirs.get(f"/api/campaigns/{cid}/export?format={fmt}").status_code == 404
    assert theirs.get("/api/campaigns").get_json() == {"campaigns": [], "total": 0, "limit": 25, "offset": 0}
    for page in ("/", "/campaigns"):
        html = theirs.get(page).text
        assert "Mine Artist" not in html and mine.id not in html
    # Socket.IO: the same refusal as for a missing campaign.
    sio = socketio.test_client(app, flask_test_client=theirs)
    assert sio.emit("join", {"campaign_id": mine.id, "after": 0}, callback=True) == {
        "ok": False,
        "error": "unknown campaign",
    }
    # Its own workspace sees it everywhere.
    assert client.get(f"/campaigns/{mine.id}").status_code == 200
    assert client.get(f"/api/campaigns/{mine.id}/export?format=json").get_json()["id"] == mine.id
    assert client.get(f"/campaigns/{mine.id}/download/json").status_code == 200
    assert len(client.get(f"/api/campaigns/{mine.id}/events").get_json()["events"]) == 0


def test_socket_connection_needs_an_account(app, account):
    anonymous = socketio.test_client(app, flask_test_client=app.test_client())
    assert not anonymous.is_connected()
    signed = app.test_client()
    sign_in(signed, account)
    assert socketio.test_client(app, flask_test_client=signed).is_connected()
    by_token = socketio.test_client(app, auth={"token": account.token})
    assert by_token.is_connected()
    accounts.revoke_token(account.token)  # revoked after connecting: the next join is refused
    assert (
        by_token.emit("join", {"campaign_id": "c_x1", "after": 0}, callback=True)["error"] == "not signed in"
    )


def test_security_headers_on_every_page(client, anonymous):
    for c, path in ((client, "/"), (client, "/campaigns"), (anonymous, "/login"), (client, "/api/campaigns")):
        resp = c.get(path)
        csp = resp.headers["Content-Security-Policy"]
        assert (
            "script-src 'self'" in csp
            and "frame-ancestors 'none'" in csp
            and "unsafe-inline" not in csp.split("style-src-attr")[0]
        ), path
        assert resp.headers["X-Content-Type-Options"] == "nosniff"
        assert resp.headers["X-Frame-Options"] == "DENY"
        assert resp.headers["Referrer-Policy"] == "same-origin"
    assert client.get("/").headers["Cache-Control"] == "no-store"


def test_pages_have_no_inline_script(client):
    record = sample.create_done()
    for path in ("/", "/campaigns", f"/campaigns/{record.id}", "/login"):
        html = client.get(path).text
        for tag in html.split("<script")[1:]:
            head, _, rest = tag.partition(">")
            assert "src=" in head and rest.startswith("</script>"), (path, tag[:80])
        assert " onclick=" not in html and "javascript:" not in html


def test_session_cookie_is_httponly_and_samesite(anonymous, account):
    csrf = csrf_from(anonymous.get("/login").text)
    resp = anonymous.post(
        "/login", data={"username": account.username, "password": account.password, "csrf_token": csrf}
    )
    cookie = resp.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


@pytest.fixture
def limited_app(redis_db, supervisor_url):
    return create_app(
        {
            "TESTING": True,
            "SUPERVISOR_URL": supervisor_url,
            "SOCKETIO_MESSAGE_QUEUE": None,
            "RATE_LIMIT_PER_IP": "8/minute",
            "RATE_LIMIT_LOGIN": "3/minute",
        }
    )


def test_requests_are_limited_per_ip(limited_app, account):
    client = limited_app.test_client()
    codes = [client.get("/api/campaigns", headers=account.headers).status_code for _ in range(9)]
    assert codes == [200] * 8 + [429]
    resp = client.get("/api/campaigns", headers=account.headers)
    assert resp.get_json()["error"] == "rate_limited" and "Retry-After" in resp.headers
    assert client.get("/healthz").status_code == 200  # probes are never limited
    other_ip = client.get("/api/campaigns", headers=account.headers, environ_base={"REMOTE_ADDR": "10.0.0.7"})
    assert other_ip.status_code == 200


def test_sign_in_attempts_are_limited_per_ip(limited_app, account):
    client = limited_app.test_client()
    csrf = csrf_from(client.get("/login").text)
    codes = [
        client.post(
            "/login", data={"username": account.username, "password": "w" * 12, "csrf_token": csrf}
        ).status_code
        for _ in range(4)
    ]
    assert codes == [401, 401, 401, 429]
