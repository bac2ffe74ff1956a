"""The campaign store. One JSON document per campaign (stored zlib-compressed), validated against
`CampaignRecord` on every write and written whole (never half a record); a sorted set indexes
history, newest first.

Agents do not write the record: each job saves its output as a *part* (a hash field keyed by what it
produced, so a re-run overwrites rather than duplicates), and the SUPERVISOR merges parts into the
record when it advances the state machine. Updates use WATCH/MULTI, so two supervisor workers
cannot both advance the same campaign.

Every key has a lifetime (Redis runs with noeviction): parts expire when the campaign ends (and
never outlive PART_MAX_TTL_S), and a finished campaign is deleted with its events by the retention
cleanup (supervisor/retention.py) BSC_RETENTION_DAYS after it ended."""

from __future__ import annotations

import json
import re
import secrets
import time
import zlib
from collections.abc import Callable
from typing import Any

import redis
from pydantic import BaseModel

from shared.models import CampaignRecord, CampaignRequest
from shared.models.campaign import StageMark
from shared.redisdb import get_redis, key
from shared.settings import get_settings
from shared.timeutil import utcnow_iso

INDEX = key("campaigns")
# Finished campaigns by the time they finished: what the retention cleanup reads.
FINISHED = key("campaigns", "finished")
# A part a job writes lives at most this long even if nothing finishes the campaign (a late retry
# after the end writes into a fresh hash): no key without a lifetime.
PART_MAX_TTL_S = 24 * 3600


class NotFound(LookupError):
    pass


class Conflict(RuntimeError):
    """The record changed state under us: someone else already advanced it."""


def _rkey(campaign_id: str) -> str:
    return key("campaign", campaign_id)


def _pkey(campaign_id: str, kind: str) -> str:
    return key("campaign", campaign_id, "parts", kind)


def _kinds_key(campaign_id: str) -> str:
    """The set of part kinds a campaign has, so finishing or deleting it never scans the keyspace."""
    return key("campaign", campaign_id, "parts")


def spend_key(campaign_id: str) -> str:
    """The running LLM spend of a campaign (MARKETING's cost ceiling): intermediate, like the parts."""
    return key("campaign", campaign_id, "spend")


def jobs_key(campaign_id: str) -> str:
    """The ids of the RQ jobs enqueued for a campaign (shared.stage_jobs), so that its finished ones
    can be deleted when it ends instead of lingering for RQ's result TTL."""
    return key("campaign", campaign_id, "jobs")


def _intermediate(r: redis.Redis, campaign_id: str, with_jobs: bool = True) -> list[str]:
    # The job ids are left out when the campaign finishes: the step that finished it reads them
    # right after, to delete the finished jobs (shared.stage_jobs.forget_finished), then drops them.
    kinds = [k.decode() for k in r.smembers(_kinds_key(campaign_id))]
    keys = [_pkey(campaign_id, k) for k in kinds] + [_kinds_key(campaign_id), spend_key(campaign_id)]
    return keys + [jobs_key(campaign_id)] if with_jobs else keys


_ID = re.compile(r"c_[0-9a-z]{1,40}")


def _ws_index(workspace: str) -> str:
    """Each workspace's own history index, so listing one never reads another's records."""
    return key("campaigns", "ws", workspace)


def valid_id(campaign_id: object) -> bool:
    """The one check of a campaign id's shape, before it goes anywhere near a Redis key or a room."""
    return isinstance(campaign_id, str) and _ID.fullmatch(campaign_id) is not None


def new_id() -> str:
    # Time-prefixed so ids sort roughly by creation; letters/digits/_ only (valid in RQ job ids).
    return f"c_{int(time.time() * 1000):x}{secrets.token_hex(4)}"


def new_record(request: CampaignRequest, mode: str, workspace: str = "") -> CampaignRecord:
    now = utcnow_iso()
    return CampaignRecord(
        workspace=workspace,
        id=new_id(),
        created_at=now,
        updated_at=now,
        state="received",
        request=request,
        mode=mode,
        history=[StageMark(state="received", at=now)],
    )


def create(
    request: CampaignRequest,
    mode: str,
    record: CampaignRecord | None = None,
    also: Callable[[redis.client.Pipeline], object] | None = None,
    workspace: str = "",
) -> CampaignRecord:
    """Store a new campaign. `also` adds commands to the same MULTI (the first job's enqueue), so
    the record and its first job exist together or not at all."""
    record = record or new_record(request, mode, workspace)
    r = get_redis()
    now = time.time()
    with r.pipeline(transaction=True) as pipe:
        pipe.set(_rkey(record.id), _dump(record), nx=True)
        pipe.zadd(INDEX, {record.id: now})
        if record.workspace:
            pipe.zadd(_ws_index(record.workspace), {record.id: now})
        if also is not None:
            also(pipe)
        pipe.execute()
    return record


def _dump(record: CampaignRecord) -> bytes:
    """The record as stored: its JSON without the fields at their default (pydantic restores them on
    read; a third of a finished record was empty lists, nulls and zeroes), zlib-compressed (a finished
    record's JSON of about 50 KB takes about a fifth of that). The value stays one JSON document:
    `zlib.decompress` gives it back."""
    return zlib.compress(record.model_dump_json(exclude_defaults=True).encode("utf-8"), 6)


def _json(raw: bytes) -> bytes:
    # Records written before compression start with "{"; a zlib stream never does.
    return raw if raw[:1] == b"{" else zlib.decompress(raw)


def _load(raw: bytes) -> CampaignRecord:
    return CampaignRecord.model_validate_json(_json(raw))


def get(campaign_id: str) -> CampaignRecord | None:
    raw = get_redis().get(_rkey(campaign_id))
    return _load(raw) if raw else None


def get_in(campaign_id: str, workspace: str) -> CampaignRecord | None:
    """The campaign if it belongs to `workspace`; None otherwise, exactly as if it did not exist
    (another workspace's campaign must be indistinguishable from a missing one)."""
    if not valid_id(campaign_id) or not workspace:
        return None
    record = get(campaign_id)
    return record if record is not None and record.workspace == workspace else None


def require(campaign_id: str) -> CampaignRecord:
    record = get(campaign_id)
    if record is None:
        raise NotFound(campaign_id)
    return record


def update(campaign_id: str, mutate: Callable[[CampaignRecord], bool | None]) -> CampaignRecord:
    """Read-modify-write under WATCH. `mutate` edits the record in place; returning False aborts
    without writing (e.g. the state already moved on). The result is validated before it is written."""
    r = get_redis()
    k = _rkey(campaign_id)
    while True:
        with r.pipeline(transaction=True) as pipe:
            try:
                pipe.watch(k)
                raw = pipe.get(k)
                if raw is None:
                    raise NotFound(campaign_id)
                record = _load(raw)
                was_terminal = record.terminal
                if mutate(record) is False:
                    pipe.unwatch()
                    return record
                record.updated_at = utcnow_iso()
                validated = CampaignRecord.model_validate(record.model_dump())
                finishing = validated.terminal and not was_terminal
                leftovers = _intermediate(r, campaign_id, with_jobs=False) if finishing else []
                pipe.multi()
                pipe.set(k, _dump(validated))
                if finishing:
                    # The record now holds everything the result needs: the parts it was merged
                    # from expire, and the retention clock starts.
                    ttl = get_settings().BSC_PARTS_TTL_S
                    for leftover in leftovers:
                        pipe.expire(leftover, ttl)
                    pipe.zadd(FINISHED, {campaign_id: time.time()})
                pipe.execute()
                return validated
            except redis.WatchError:
                continue


def transition(
    campaign_id: str,
    expected: set[str] | frozenset[str],
    new_state: str,
    mutate: Callable[[CampaignRecord], None] | None = None,
) -> CampaignRecord:
    """Move the record from one of `expected` to `new_state`, atomically. Raises Conflict if the
    record is elsewhere (another worker did it, or a re-delivered job arrives late)."""
    moved = False

    def apply(rec: CampaignRecord) -> bool:
        nonlocal moved
        if rec.state not in expected:
            return False
        rec.state = new_state  # type: ignore[assignment]
        rec.history.append(StageMark(state=new_state, at=utcnow_iso()))  # type: ignore[arg-type]
        if mutate:
            mutate(rec)
        moved = True
        return True

    record = update(campaign_id, apply)
    if not moved:
        raise Conflict(f"{campaign_id} is {record.state}, not one of {sorted(expected)}")
    return record


def delete(campaign_id: str) -> bool:
    """Remove a campaign and everything keyed under it: the record, its parts, its event stream and
    its index entries, in one MULTI. False if there was no such campaign."""
    from shared.events import event_keys

    r = get_redis()
    record = get(campaign_id)
    with r.pipeline(transaction=True) as pipe:
        pipe.delete(_rkey(campaign_id), *_intermediate(r, campaign_id), *event_keys(campaign_id))
        pipe.zrem(INDEX, campaign_id)
        pipe.zrem(FINISHED, campaign_id)
        if record is not None and record.workspace:
            pipe.zrem(_ws_index(record.workspace), campaign_id)
        pipe.execute()
    return record is not None


def expired(now: float | None = None, limit: int = 500) -> list[str]:
    """Finished campaigns older than the retention period (BSC_RETENTION_DAYS), oldest first."""
    cutoff = (now if now is not None else time.time()) - get_settings().BSC_RETENTION_DAYS * 86400
    return [i.decode() for i in get_redis().zrangebyscore(FINISHED, "-inf", cutoff, start=0, num=limit)]


def list_ids(limit: int = 50, offset: int = 0, workspace: str | None = None) -> list[str]:
    """Newest first: every campaign (workspace None, admin and maintenance use) or one workspace's."""
    index = INDEX if workspace is None else _ws_index(workspace)
    return [i.decode() for i in get_redis().zrevrange(index, offset, offset + limit - 1)]


def list_records(limit: int = 50, offset: int = 0, workspace: str | None = None) -> list[CampaignRecord]:
    ids = list_ids(limit, offset, workspace)
    if not ids:
        return []
    raws = get_redis().mget([_rkey(i) for i in ids])
    return [_load(raw) for raw in raws if raw]


def count(workspace: str | None = None) -> int:
    return int(get_redis().zcard(INDEX if workspace is None else _ws_index(workspace)))


def save_part(campaign_id: str, kind: str, name: str, value: BaseModel | dict[str, Any] | list[Any]) -> None:
    payload = (
        value.model_dump_json(exclude_defaults=True) if isinstance(value, BaseModel) else json.dumps(value)
    )
    with get_redis().pipeline(transaction=False) as pipe:  # one round trip
        pipe.hset(_pkey(campaign_id, kind), name, payload)
        pipe.expire(_pkey(campaign_id, kind), PART_MAX_TTL_S)
        pipe.sadd(_kinds_key(campaign_id), kind)
        pipe.expire(_kinds_key(campaign_id), PART_MAX_TTL_S)
        pipe.execute()


def drop_parts(campaign_id: str, *kinds: str) -> None:
    """Parts a stage has merged into the record and nobody reads again (stored once, not twice)."""
    get_redis().delete(*(_pkey(campaign_id, k) for k in kinds))


def request_of(campaign_id: str) -> CampaignRequest:
    """Only the campaign's request, validated alone: for jobs that need nothing else of the record."""
    raw = get_redis().get(_rkey(campaign_id))
    if raw is None:
        raise NotFound(campaign_id)
    return CampaignRequest.model_validate(json.loads(_json(raw))["request"])


def get_parts(campaign_id: str, kind: str) -> dict[str, Any]:
    raw = get_redis().hgetall(_pkey(campaign_id, kind))
    return {k.decode(): json.loads(v) for k, v in raw.items()}


def count_parts(campaign_id: str, kind: str) -> int:
    """How many parts of a kind exist (e.g. drafts written so far), without reading them."""
    return int(get_redis().hlen(_pkey(campaign_id, kind)))
