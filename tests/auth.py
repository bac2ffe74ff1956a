"""Accounts for tests: two workspaces, so every rule can be checked from the outside too."""

from __future__ import annotations

import re
from dataclasses import dataclass

from shared import accounts

WORKSPACE = "studio-a"
OTHER_WORKSPACE = "studio-b"
PASSWORD = "correct horse battery"


@dataclass(frozen=True)
class TestAccount:
    username: str
    workspace: str
    password: str
    token: str

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}


def make_account(username: str, workspace: str) -> TestAccount:
    """A real account in the current Redis, with an API token."""
    accounts.create_account(username, workspace, PASSWORD)
    return TestAccount(username, workspace, PASSWORD, accounts.issue_token(username))


_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def csrf_from(html: str) -> str:
    match = _CSRF.search(html)
    assert match, "no csrf_token field in the page"
    return match.group(1)


def sign_in(client, account: TestAccount) -> str:
    """Sign a Flask test client in through the real form (with its CSRF token); afterwards every
    request of that client carries the session's CSRF header, as form.js does. Returns the token."""
    form = client.get("/login")
    resp = client.post(
        "/login",
        data={"username": account.username, "password": account.password, "csrf_token": csrf_from(form.text)},
    )
    assert resp.status_code == 302, resp.text
    token = csrf_from(client.get("/login").text)  # a new session at sign-in has a new CSRF token
    client.environ_base["HTTP_X_CSRFTOKEN"] = token
    return token
