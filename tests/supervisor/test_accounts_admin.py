"""Creating accounts: the admin API (`/admin/accounts`, admin token) and `bandcrew user` (the CLI,
straight against Redis). A created account's token opens the campaign API for its workspace only."""

from __future__ import annotations

import io

import pytest

from bandcrew.cli import main as bandcrew
from shared import accounts
from shared.settings import reset_settings
from supervisor.app import create_app
from tests.supervisor.test_admin import AUTH, TOKEN


@pytest.fixture
def app(redis_db, monkeypatch):
    monkeypatch.setenv("SUPERVISOR_ADMIN_TOKEN", TOKEN)
    reset_settings()
    yield create_app({"TESTING": True})
    monkeypatch.undo()
    reset_settings()


def test_admin_creates_an_account_whose_token_works(app):
    c = app.test_client()
    resp = c.post("/admin/accounts", json={"username": "lea", "workspace": "north"}, headers=AUTH)
    assert resp.status_code == 201, resp.get_json()
    body = resp.get_json()
    assert body["account"] == {
        "username": "lea",
        "workspace": "north",
        "created_at": body["account"]["created_at"],
    }
    assert len(body["password"]) >= accounts.MIN_PASSWORD  # generated, shown once
    assert "password_hash" not in str(body)
    assert accounts.authenticate("lea", body["password"]) is not None
    api = {"Authorization": f"Bearer {body['token']}"}
    assert c.post("/api/campaigns", json={"artist": "Air"}, headers=api).status_code == 202
    listed = c.get("/admin/accounts", headers=AUTH).get_json()["accounts"]
    assert [a["username"] for a in listed] == ["lea"] and "password_hash" not in str(listed)
    more = c.post("/admin/accounts/lea/tokens", headers=AUTH)
    assert more.status_code == 201 and more.get_json()["token"] != body["token"]
    assert (
        c.get("/api/campaigns", headers={"Authorization": f"Bearer {more.get_json()['token']}"}).status_code
        == 200
    )


def test_a_chosen_password_is_not_echoed(app):
    c = app.test_client()
    resp = c.post(
        "/admin/accounts",
        json={"username": "max", "workspace": "south", "password": "a long passphrase"},
        headers=AUTH,
    )
    assert resp.status_code == 201 and "password" not in resp.get_json()
    assert accounts.authenticate("max", "a long passphrase") is not None


@pytest.mark.parametrize(
    ("body", "status", "field"),
    [
        ({"workspace": "w1"}, 422, "username"),
        ({"username": "ok-name"}, 422, "workspace"),
        ({"username": "Bad Name", "workspace": "w1"}, 422, "username"),
        ({"username": "ok-name", "workspace": "../etc"}, 422, "workspace"),
        ({"username": "ok-name", "workspace": "w1", "password": "short"}, 422, "password"),
        ({"username": "ok-name", "workspace": "w1", "password": 12345678901}, 422, "password"),
        ({"username": "ok-name", "workspace": "w1", "role": "admin"}, 422, "role"),
    ],
)
def test_bad_account_input_names_the_field(app, body, status, field):
    resp = app.test_client().post("/admin/accounts", json=body, headers=AUTH)
    assert resp.status_code == status and resp.get_json()["field"] == field, resp.get_json()
    assert accounts.count_accounts() == 0


def test_duplicate_account_is_a_409(app):
    c = app.test_client()
    assert (
        c.post("/admin/accounts", json={"username": "dup", "workspace": "a1"}, headers=AUTH).status_code
        == 201
    )
    again = c.post("/admin/accounts", json={"username": "dup", "workspace": "b2"}, headers=AUTH)
    assert again.status_code == 409 and again.get_json()["field"] == "username"
    assert accounts.get_account("dup").workspace == "a1"  # not overwritten


def test_account_admin_needs_the_admin_token(app, account):
    c = app.test_client()
    assert c.post("/admin/accounts", json={"username": "eve", "workspace": "x1"}).status_code == 401
    # A marketer's own token is not the admin token.
    assert c.get("/admin/accounts", headers=account.headers).status_code == 401
    assert c.post("/admin/accounts/ana/tokens", headers=account.headers).status_code == 401


def test_cli_user_commands(redis_db, capsys, monkeypatch):
    assert bandcrew(["user", "add", "zoe", "--workspace", "east"]) == 0
    out = capsys.readouterr().out
    password = next(line.split(": ", 1)[1] for line in out.splitlines() if line.startswith("password: "))
    token = next(line.split(": ", 1)[1] for line in out.splitlines() if line.startswith("token: "))
    assert accounts.authenticate("zoe", password) and accounts.account_for_token(token).workspace == "east"
    assert bandcrew(["user", "add", "zoe", "--workspace", "east"]) == 2  # exists
    assert "already exists" in capsys.readouterr().err
    monkeypatch.setattr("sys.stdin", io.StringIO("chosen by the admin\n"))
    assert bandcrew(["user", "passwd", "zoe", "--password-stdin"]) == 0
    assert accounts.authenticate("zoe", "chosen by the admin") and not accounts.authenticate("zoe", password)
    assert bandcrew(["user", "token", "zoe"]) == 0
    second = capsys.readouterr().out.strip()
    assert accounts.account_for_token(second).username == "zoe"
    assert bandcrew(["user", "list"]) == 0 and capsys.readouterr().out.startswith("zoe\teast\t")
    assert bandcrew(["user", "revoke", "zoe"]) == 0
    assert accounts.account_for_token(token) is None and accounts.account_for_token(second) is None
    assert bandcrew(["user", "add", "Bad Name", "--workspace", "east"]) == 2


def test_first_account_is_created_once(redis_db):
    created = accounts.ensure_first_account()
    assert created is not None
    username, password, token = created
    assert (username, accounts.get_account(username).workspace) == (
        accounts.FIRST_USERNAME,
        accounts.FIRST_WORKSPACE,
    )
    assert (
        accounts.authenticate(username, password) and accounts.account_for_token(token).username == username
    )
    assert accounts.ensure_first_account() is None  # never a second time, never a new password


def test_a_malformed_rate_limit_is_refused_at_start_up():
    from shared.settings import ConfigError, load_settings

    with pytest.raises(ConfigError, match="RATE_LIMIT_CAMPAIGNS"):
        load_settings({"RATE_LIMIT_CAMPAIGNS": "lots"}, dotenv=None)
    assert (
        load_settings({"RATE_LIMIT_CAMPAIGNS": "5/minute;50/day"}, dotenv=None).RATE_LIMIT_CAMPAIGNS
        == "5/minute;50/day"
    )
