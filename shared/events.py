"""Progress events. Each one is appended to the campaign's Redis Stream *and* emitted over Socket.IO
to the room `campaign:<id>`, so a browser that joins late or reconnects replays the whole history.

`seq` (+1 per campaign) and `pct` (never goes back) are assigned atomically in Redis by a Lua script,
so concurrent jobs of a fan-out cannot interleave them; the stream's order is the seq order."""

from __future__ import annotations

import json
import logging
import os
from typing import Any

from shared.models import ProgressEvent
from shared.redisdb import get_redis, key
from shared.settings import get_settings
from shared.timeutil import utcnow_iso

log = logging.getLogger(__name__)

SOCKETIO_CHANNEL = "flask-socketio"  # Flask-SocketIO's default channel: MAIN listens on it
EVENT_NAME = "progress"

_APPEND = """
local seq = redis.call('HINCRBY', KEYS[2], 'seq', 1)
local pct = tonumber(ARGV[2])
local last = tonumber(redis.call('HGET', KEYS[2], 'pct') or '0')
if pct < last then pct = last end
redis.call('HSET', KEYS[2], 'pct', pct)
redis.call('XADD', KEYS[1], '*', 'seq', seq, 'pct', pct, 'e', ARGV[1])
return {seq, pct}
"""


def stream_key(campaign_id: str) -> str:
    return key("events", campaign_id)


def _meta_key(campaign_id: str) -> str:
    return key("events", campaign_id, "meta")


def room(campaign_id: str) -> str:
    return f"campaign:{campaign_id}"


_emitters: dict[int, Any] = {}


def _emitter() -> Any:
    """A write-only Socket.IO client manager per process (keyed by pid: a forked child must not share
    its parent's socket)."""
    pid = os.getpid()
    if pid not in _emitters:
        import socketio

        _emitters.clear()
        _emitters[pid] = socketio.RedisManager(
            get_settings().REDIS_URL, channel=SOCKETIO_CHANNEL, write_only=True
        )
    return _emitters[pid]


def emit_progress(
    campaign_id: str,
    *,
    stage: str,
    agent: str,
    step: str,
    status: str,
    pct: int,
    message: str = "",
    data: dict[str, Any] | None = None,
) -> ProgressEvent:
    body = {
        "campaign_id": campaign_id,
        "ts": utcnow_iso(),
        "stage": stage,
        "agent": agent,
        "step": step,
        "status": status,
        "message": message,
        "data": data or {},
    }
    ProgressEvent.model_validate({**body, "seq": 1, "pct": 0})  # never append an invalid event
    r = get_redis()
    seq, final_pct = r.eval(
        _APPEND,
        2,
        stream_key(campaign_id),
        _meta_key(campaign_id),
        json.dumps(body),
        max(0, min(100, int(pct))),
    )
    event = ProgressEvent.model_validate({**body, "seq": int(seq), "pct": int(final_pct)})
    try:
        _emitter().emit(EVENT_NAME, event.model_dump(), room=room(campaign_id), namespace="/")
    except Exception:  # the stream already holds the event; a browser will replay it
        log.warning("socket.io emit failed for %s seq %s", campaign_id, event.seq, exc_info=True)
    return event


def _decode(fields: dict[bytes, bytes]) -> dict[str, Any]:
    body = json.loads(fields[b"e"])
    body["seq"] = int(fields[b"seq"])
    body["pct"] = int(fields[b"pct"])
    return body


def read_events(campaign_id: str, after_seq: int = 0) -> list[dict[str, Any]]:
    """Every event of a campaign in seq order (optionally only those after `after_seq`)."""
    entries = get_redis().xrange(stream_key(campaign_id))
    events = [_decode(fields) for _id, fields in entries]
    return [e for e in events if e["seq"] > after_seq]


def last_pct(campaign_id: str) -> int:
    value = get_redis().hget(_meta_key(campaign_id), "pct")
    return int(value) if value else 0


def event_keys(campaign_id: str) -> tuple[str, str]:
    return stream_key(campaign_id), _meta_key(campaign_id)


def delete_events(campaign_id: str) -> None:
    get_redis().delete(*event_keys(campaign_id))
