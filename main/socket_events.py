"""The Socket.IO side of MAIN: a browser joins one campaign's room and gets its whole history.

Protocol: the client emits `join` {"campaign_id", "after"}; we check the id and that the campaign
exists, join the room `campaign:<id>` and only THEN replay the Redis Stream after `after`. Joining
first means an event emitted during the replay reaches the client live as well as (possibly) in the
replay, never in neither; the client de-duplicates and orders by `seq`. Live events come from the
workers through the Redis message queue, which Flask-SocketIO relays to the room.

Access: the connection itself needs an account (the browser's session cookie, or a token in the
Socket.IO `auth` payload or an `Authorization: Bearer` header for the CLI); without one it is refused.
A join is re-checked against the account's workspace every time: another workspace's campaign gets
the same "unknown campaign" answer as a missing one."""

from __future__ import annotations

import logging
from typing import Any

import redis
from flask import request, session
from flask_socketio import SocketIO, emit, join_room, leave_room

from shared import accounts, store
from shared import events as progress
from shared.accounts import Account

# Where this socket's token is kept: Flask-SocketIO gives each connection its own copy of the session.
SOCKET_TOKEN = "bsc_socket_token"

log = logging.getLogger(__name__)


def _refuse(reason: str) -> dict[str, Any]:
    return {"ok": False, "error": reason}


def _handshake_token(auth: Any) -> str | None:
    if isinstance(auth, dict) and isinstance(auth.get("token"), str):
        return auth["token"]
    from main.auth import SESSION_KEY  # main.auth imports nothing from here; late import keeps it so

    return accounts.bearer(request.headers.get("Authorization")) or session.get(SESSION_KEY)


def _socket_account() -> Account | None:
    return accounts.account_for_token(session.get(SOCKET_TOKEN))


def register(socketio: SocketIO) -> None:
    @socketio.on("connect")
    def on_connect(auth: Any = None) -> bool:
        token = _handshake_token(auth)
        try:
            account = accounts.account_for_token(token)
        except redis.RedisError:
            log.warning("connect: account store unavailable", exc_info=True)
            return False
        if account is None:
            return False  # the client sees connect_error: unauthorized
        session[SOCKET_TOKEN] = token
        return True

    @socketio.on("join")
    def on_join(data: Any) -> dict[str, Any]:
        if not isinstance(data, dict):
            return _refuse('join needs {"campaign_id": ..., "after": seq}')
        campaign_id = data.get("campaign_id")
        if not store.valid_id(campaign_id):
            return _refuse("invalid campaign id")
        after = data.get("after", 0)
        if isinstance(after, bool) or not isinstance(after, int) or after < 0:
            return _refuse("after must be a non-negative integer seq")
        try:
            account = _socket_account()
            if account is None:  # signed out (or the token was revoked) since the connection opened
                return _refuse("not signed in")
            record = store.get_in(campaign_id, account.workspace)
            if record is None:
                return _refuse("unknown campaign")
            join_room(progress.room(campaign_id))
            replay = progress.read_events(campaign_id, after)
        except redis.RedisError:
            # The browser keeps its socket and retries on its next reconnect; say why meanwhile.
            log.warning("join %s: Redis unavailable", campaign_id, exc_info=True)
            return _refuse("campaign store unavailable, try again shortly")
        for event in replay:
            # Straight to this client (one addressee), not through the queue: nobody else needs it.
            emit(progress.EVENT_NAME, event, to=request.sid, ignore_queue=True)
        return {
            "ok": True,
            "campaign_id": campaign_id,
            "state": record.state,
            "replayed": len(replay),
            "last_seq": replay[-1]["seq"] if replay else after,
        }

    @socketio.on("leave")
    def on_leave(data: Any) -> dict[str, Any]:
        campaign_id = data.get("campaign_id") if isinstance(data, dict) else None
        if not store.valid_id(campaign_id):
            return _refuse("invalid campaign id")
        leave_room(progress.room(campaign_id))
        return {"ok": True}
