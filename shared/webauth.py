"""Who is calling: the account behind a request, for every web service.

API clients (the CLI, scripts, MAIN on a marketer's behalf) send `Authorization: Bearer <token>`;
MAIN's browser pages also accept its signed session cookie (main/auth.py adds that source). The
lookup is done once per request and kept on `g`."""

from __future__ import annotations

from collections.abc import Callable

import redis
from flask import g, request
from flask_limiter.util import get_remote_address

from shared import accounts
from shared.accounts import Account
from shared.web import ApiError


def bearer_token() -> str | None:
    return accounts.bearer(request.headers.get("Authorization"))


def current_account(session_token: Callable[[], str | None] | None = None) -> Account | None:
    """The signed-in account or None. A Redis outage is a 503, not an anonymous caller."""
    if "bsc_account" not in g:
        token = bearer_token() or (session_token() if session_token else None)
        try:
            g.bsc_account = accounts.account_for_token(token) if token else None
        except redis.RedisError as exc:
            raise ApiError(
                503, "the account store is unavailable; try again", None, "store_unavailable"
            ) from exc
    return g.bsc_account


def require_account() -> Account:
    account = current_account()
    if account is None:
        raise ApiError(
            401, "sign in first: send Authorization: Bearer <token>", "authorization", "unauthorized"
        )
    return account


def account_or_ip_key() -> str:
    """Rate-limit key: the account when there is one (MAIN forwards it), else the client address."""
    account = g.get("bsc_account")
    return f"user:{account.username}" if account is not None else f"ip:{get_remote_address()}"
