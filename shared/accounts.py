"""Marketer accounts, their workspaces and their bearer tokens, stored in Redis.

- An account is one JSON document (`bsc:account:<username>`) validated against `Account`; the
  password is kept only as an argon2id hash (argon2-cffi, the reference implementation's bindings,
  with its maintained default parameters; hashes are upgraded on login when those defaults change).
- A campaign belongs to a workspace (its record's `workspace`); an account sees the campaigns of its
  own workspace only. Several accounts may share one workspace.
- Tokens are random 256-bit strings handed out once. Redis keeps only their SHA-256
  (`bsc:token:<sha256>`), so a leaked dump holds no usable token, and looking one up by its digest
  leaks nothing through timing (the attacker controls the token, not the digest's bytes).
  `api` tokens (CLI, scripts) last until revoked; `session` tokens (MAIN's sign-in) expire.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from functools import cache
from typing import Literal

import argon2
import redis
from pydantic import BaseModel, Field, ValidationInfo, field_validator

from shared.redisdb import get_redis, key
from shared.timeutil import utcnow_iso

TokenKind = Literal["api", "session"]
SESSION_TTL_S = 12 * 3600
MIN_PASSWORD = 10
MAX_PASSWORD = 256  # argon2 hashes anything, but a megabyte "password" is a denial of service
NAME_RE = re.compile(r"[a-z0-9][a-z0-9._-]{1,39}")
# The account `bandcrew up` creates for local use when there is none.
FIRST_USERNAME = "marketer"
FIRST_WORKSPACE = "default"

_hasher = argon2.PasswordHasher()


@cache
def _dummy_hash() -> str:
    """Verified against when the username is unknown, so a wrong name costs the same time as a wrong
    password (made on first use: hashing is deliberately slow, imports should not be)."""
    return _hasher.hash(secrets.token_hex(16))


class AccountError(ValueError):
    """Bad input for an account; `field` names what is wrong (it becomes the API's `field`)."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field


class AccountExists(AccountError):
    pass


def check_name(field: str, value: object) -> str:
    if not isinstance(value, str) or NAME_RE.fullmatch(value) is None:
        raise AccountError(
            field,
            "2-40 characters: lowercase letters, digits, '.', '_' or '-', starting with a letter or digit",
        )
    return value


class Account(BaseModel):
    username: str
    workspace: str
    password_hash: str = Field(repr=False)
    created_at: str

    @field_validator("username", "workspace")
    @classmethod
    def _names(cls, value: str, info: ValidationInfo) -> str:
        return check_name(info.field_name or "name", value)

    def public(self) -> dict[str, str]:
        """What may leave the server: never the hash."""
        return {"username": self.username, "workspace": self.workspace, "created_at": self.created_at}


def _akey(username: str) -> str:
    return key("account", username)


def _tkey(token: str) -> str:
    return key("token", hashlib.sha256(token.encode("utf-8")).hexdigest())


def _user_tokens_key(username: str) -> str:
    return key("account", username, "tokens")


INDEX = key("accounts")


def new_password() -> str:
    return secrets.token_urlsafe(15)  # 120 bits, 20 characters


def _check_password(password: object) -> str:
    if not isinstance(password, str) or not MIN_PASSWORD <= len(password) <= MAX_PASSWORD:
        raise AccountError("password", f"must be {MIN_PASSWORD} to {MAX_PASSWORD} characters")
    return password


def create_account(
    username: str, workspace: str, password: str | None = None, *, conn: redis.Redis | None = None
) -> tuple[Account, str]:
    """Store a new account; returns it and its password (generated when none is given)."""
    check_name("username", username)
    check_name("workspace", workspace)
    password = _check_password(password) if password is not None else new_password()
    account = Account(
        username=username, workspace=workspace, password_hash=_hasher.hash(password), created_at=utcnow_iso()
    )
    r = conn or get_redis()
    # SET NX: two admins creating the same name at once cannot overwrite each other.
    if not r.set(_akey(username), account.model_dump_json(), nx=True):
        raise AccountExists("username", f"an account named {username!r} already exists")
    r.sadd(INDEX, username)
    return account, password


def get_account(username: str, *, conn: redis.Redis | None = None) -> Account | None:
    if not isinstance(username, str) or NAME_RE.fullmatch(username) is None:
        return None
    raw = (conn or get_redis()).get(_akey(username))
    return Account.model_validate_json(raw) if raw else None


def list_accounts() -> list[Account]:
    names = sorted(n.decode() for n in get_redis().smembers(INDEX))
    accounts = (get_account(n) for n in names)
    return [a for a in accounts if a is not None]


def count_accounts(*, conn: redis.Redis | None = None) -> int:
    return int((conn or get_redis()).scard(INDEX))


def authenticate(username: str, password: str) -> Account | None:
    """The account if the password is right, else None (same work either way)."""
    account = get_account(username) if isinstance(username, str) else None
    if not isinstance(password, str) or len(password) > MAX_PASSWORD:
        return None
    try:
        _hasher.verify(account.password_hash if account else _dummy_hash(), password)
    except argon2.exceptions.VerificationError:
        return None
    except argon2.exceptions.InvalidHashError:
        return None
    if account is None:
        return None
    if _hasher.check_needs_rehash(account.password_hash):
        account.password_hash = _hasher.hash(password)
        get_redis().set(_akey(username), account.model_dump_json(), xx=True)
    return account


def set_password(username: str, password: str | None = None) -> str:
    account = get_account(username)
    if account is None:
        raise AccountError("username", f"no account named {username!r}")
    password = _check_password(password) if password is not None else new_password()
    account.password_hash = _hasher.hash(password)
    get_redis().set(_akey(username), account.model_dump_json(), xx=True)
    return password


def issue_token(username: str, kind: TokenKind = "api", *, conn: redis.Redis | None = None) -> str:
    if get_account(username, conn=conn) is None:
        raise AccountError("username", f"no account named {username!r}")
    token = f"bsc_{secrets.token_urlsafe(32)}"
    ttl = SESSION_TTL_S if kind == "session" else None
    r = conn or get_redis()
    with r.pipeline(transaction=True) as pipe:
        pipe.set(_tkey(token), f"{kind}:{username}", ex=ttl)
        pipe.sadd(_user_tokens_key(username), _tkey(token))
        pipe.execute()
    return token


def account_for_token(token: object) -> Account | None:
    if not isinstance(token, str) or not token.startswith("bsc_") or len(token) > 200:
        return None
    raw = get_redis().get(_tkey(token))
    if raw is None:
        return None
    _kind, _, username = raw.decode().partition(":")
    return get_account(username)


def revoke_token(token: str) -> None:
    r = get_redis()
    raw = r.get(_tkey(token))
    if raw is not None:
        r.srem(_user_tokens_key(raw.decode().partition(":")[2]), _tkey(token))
    r.delete(_tkey(token))


def revoke_all(username: str) -> int:
    """Sign an account out everywhere (every api and session token)."""
    r = get_redis()
    keys = [k.decode() for k in r.smembers(_user_tokens_key(username))]
    if keys:
        r.delete(*keys)
    r.delete(_user_tokens_key(username))
    return len(keys)


def ensure_first_account(conn: redis.Redis | None = None) -> tuple[str, str, str] | None:
    """For `bandcrew up`: when no account exists, create FIRST_USERNAME in FIRST_WORKSPACE and return
    (username, password, api token) to print; None when accounts exist already."""
    if count_accounts(conn=conn) > 0:
        return None
    try:
        account, password = create_account(FIRST_USERNAME, FIRST_WORKSPACE, conn=conn)
    except AccountExists:
        return None
    return account.username, password, issue_token(account.username, conn=conn)


def bearer(header: str | None) -> str | None:
    """The token of an `Authorization: Bearer <token>` header, or None."""
    scheme, _, value = (header or "").partition(" ")
    return (value.strip() or None) if scheme.lower() == "bearer" else None
