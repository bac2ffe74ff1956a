"""Who may call the campaign API, and what each account sees: its workspace's campaigns only.

Another workspace's campaign must be indistinguishable from a missing one on every route (404 with
the same body), the list and its total count only the caller's workspace, and limits are per account."""

from __future__ import annotations

import pytest

from shared import accounts, store
from supervisor.app import create_app
from tests.main import sample

ROUTES = ("", "/events", "/export?format=json", "/export?format=editor-csv")


def _client(account=None, **config):
    c = create_app({"TESTING": True, **config}).test_client()
    if account is not None:
        c.environ_base["HTTP_AUTHORIZATION"] = account.headers["Authorization"]
    return c


@pytest.mark.parametrize(
    "header", [None, "Bearer", "Bearer bsc_wrong", "Basic YW5hOnB3", "Bearer " + "x" * 300]
)
def test_every_route_needs_a_valid_token(account, header):
    record = sample.create_done()
    c = _client()
    headers = {"Authorization": header} if header else {}
    for path in ["/api/campaigns", *(f"/api/campaigns/{record.id}{r}" for r in ROUTES)]:
        resp = c.get(path, headers=headers)
        assert resp.status_code == 401, path
        assert resp.get_json()["field"] == "authorization"
    assert c.post("/api/campaigns", json={"artist": "X"}, headers=headers).status_code == 401
    assert store.count() == 1  # nothing was created


def test_another_workspaces_campaign_is_a_404_on_every_route(account, other_account):
    mine, theirs = sample.create_done("Mine"), sample.create_done("Theirs", workspace=other_account.workspace)
    c = _client(account)
    for route in ROUTES:
        missing = c.get(f"/api/campaigns/c_doesnotexist{route}")
        other = c.get(f"/api/campaigns/{theirs.id}{route}")
        assert other.status_code == missing.status_code == 404, route
        assert other.get_json()["error"] == missing.get_json()["error"] == "not_found"
        assert theirs.id not in other.get_data(as_text=True) or "no campaign" in other.get_json()["message"]
        assert c.get(f"/api/campaigns/{mine.id}{route}").status_code in (200, 502, 503), route
    listed = c.get("/api/campaigns").get_json()
    assert [x["id"] for x in listed["campaigns"]] == [mine.id] and listed["total"] == 1
    # The owner sees theirs, and only theirs.
    listed = _client(other_account).get("/api/campaigns").get_json()
    assert [x["id"] for x in listed["campaigns"]] == [theirs.id] and listed["total"] == 1


def test_a_submitted_campaign_belongs_to_the_callers_workspace(account, other_account):
    resp = _client(account).post("/api/campaigns", json={"artist": "Daft Punk"})
    assert resp.status_code == 202
    cid = resp.get_json()["id"]
    assert store.get(cid).workspace == account.workspace
    assert _client(other_account).get(f"/api/campaigns/{cid}").status_code == 404
    assert _client(account).get(f"/api/campaigns/{cid}").status_code == 200


def test_campaign_submissions_are_limited_per_account(account, other_account):
    app_config = {"RATE_LIMIT_CAMPAIGNS": "3/minute"}
    c = _client(account, **app_config)
    codes = [c.post("/api/campaigns", json={"artist": f"A{i}"}).status_code for i in range(4)]
    assert codes == [202, 202, 202, 429]
    refused = c.post("/api/campaigns", json={"artist": "A5"})
    assert refused.status_code == 429 and refused.get_json()["error"] == "rate_limited"
    assert "Retry-After" in refused.headers and refused.headers["X-RateLimit-Limit"] == "3"
    assert store.count() == 3
    # Reading is not submitting, and another account has its own allowance.
    assert c.get("/api/campaigns").status_code == 200
    assert (
        _client(other_account, **app_config).post("/api/campaigns", json={"artist": "B"}).status_code == 202
    )


def test_every_api_call_is_limited_per_account(account, other_account):
    c = _client(account, RATE_LIMIT_PER_USER="5/minute")
    assert [c.get("/api/campaigns").status_code for _ in range(6)] == [200] * 5 + [429]
    assert _client(other_account, RATE_LIMIT_PER_USER="5/minute").get("/api/campaigns").status_code == 200
    assert c.get("/healthz").status_code == 200  # probes are never limited


def test_revoked_token_is_refused(account):
    c = _client(account)
    assert c.get("/api/campaigns").status_code == 200
    accounts.revoke_token(account.token)
    assert c.get("/api/campaigns").status_code == 401


def test_session_tokens_expire(account):
    token = accounts.issue_token(account.username, kind="session")
    ttl = accounts.get_redis().ttl(accounts._tkey(token))
    assert 0 < ttl <= accounts.SESSION_TTL_S
    assert accounts.get_redis().ttl(accounts._tkey(account.token)) == -1  # api tokens last until revoked


def test_tokens_and_passwords_are_stored_hashed(account):
    r = accounts.get_redis()
    dump = b"".join(r.dump(k) or b"" for k in r.keys("bsc:account*") + r.keys("bsc:token*"))
    assert account.token.encode() not in dump and account.password.encode() not in dump
    assert accounts.get_account(account.username).password_hash.startswith("$argon2id$")
    assert accounts.authenticate(account.username, account.password) is not None
    assert accounts.authenticate(account.username, account.password + "x") is None
    assert accounts.authenticate("nobody", account.password) is None
