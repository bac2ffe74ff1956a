"""Every key has a lifetime: intermediate parts expire when a campaign finishes, the insights are
stored once, finished campaigns are deleted with their events after the retention period by the
scheduled cleanup, and an administrator can cancel a running campaign or delete a finished one."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from flask.testing import FlaskClient
from rq.registry import ScheduledJobRegistry

from shared import events, store
from shared.models import CampaignRequest
from shared.queues import get_queue
from shared.redisdb import get_redis
from shared.settings import get_settings, reset_settings
from supervisor import pipeline, retention
from supervisor.app import create_app

TOKEN = "lifetimes-test-token-7d1e"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture
def admin(redis_db, monkeypatch: pytest.MonkeyPatch) -> Iterator[FlaskClient]:
    monkeypatch.setenv("SUPERVISOR_ADMIN_TOKEN", TOKEN)
    reset_settings()
    yield create_app({"TESTING": True, "RATELIMIT_ENABLED": False}).test_client()
    monkeypatch.undo()
    reset_settings()


def _keys_of(cid: str) -> set[str]:
    return {k.decode() for k in get_redis().scan_iter(match=f"*{cid}*", count=1000) if b"rq:" not in k}


def _submit(artist: str = "Daft Punk") -> str:
    return pipeline.submit(CampaignRequest(artist=artist, final_url="https://daftpunk.com/")).id


def test_parts_expire_when_the_campaign_finishes_and_insights_are_stored_once(sandbox, run_jobs):
    cid = _submit()
    run_jobs()
    rec = store.require(cid)
    assert rec.state == "done" and rec.campaign.insights.found
    r = get_redis()
    parts = [k for k in _keys_of(cid) if ":parts" in k]
    assert parts, "the run left intermediate parts behind"
    assert all(0 < r.ttl(k) <= get_settings().BSC_PARTS_TTL_S for k in parts), {k: r.ttl(k) for k in parts}
    # The insights (and the source reports inside them) live in the record only.
    assert not store.get_parts(cid, "insights") and not store.get_parts(cid, "sources")
    # What the result needs has no expiry until the retention cleanup deletes it.
    assert r.ttl(store._rkey(cid)) == -1 and r.ttl(events.stream_key(cid)) == -1
    assert r.zscore(store.FINISHED, cid) is not None


def test_cancel_stops_a_running_campaign_at_its_next_step_then_delete_removes_everything(
    sandbox, run_jobs, admin
):
    cid = _submit()
    assert pipeline.step(cid, "received") == "analyzing"  # the research is under way
    assert admin.delete(f"/admin/campaigns/{cid}", headers=AUTH).status_code == 409  # running: cancel first
    resp = admin.post(f"/admin/campaigns/{cid}/cancel", headers=AUTH)
    assert resp.status_code == 200 and resp.get_json()["state"] == "canceled"
    run_jobs()  # the research jobs finish; the step after them finds the campaign canceled
    rec = store.require(cid)
    assert rec.state == "canceled" and rec.error.stage == "analyzing" and rec.terminal
    assert not store.get_parts(cid, "drafts") and get_queue("marketing").count == 0
    stages = [e["stage"] for e in events.read_events(cid)]
    assert "canceled" in stages and "writing" not in stages
    assert admin.post(f"/admin/campaigns/{cid}/cancel", headers=AUTH).status_code == 409

    assert admin.post(f"/admin/campaigns/{cid}/cancel").status_code in (401, 403)  # admin only
    resp = admin.delete(f"/admin/campaigns/{cid}", headers=AUTH)
    assert resp.status_code == 200 and resp.get_json() == {"id": cid, "deleted": True}
    assert _keys_of(cid) == set() and cid not in store.list_ids(200)
    assert admin.delete(f"/admin/campaigns/{cid}", headers=AUTH).status_code == 404
    assert admin.post("/admin/campaigns/not-an-id/cancel", headers=AUTH).status_code == 404


def test_the_scheduled_cleanup_deletes_finished_campaigns_after_the_retention_period(
    sandbox, run_jobs, monkeypatch
):
    old, new = _submit("Air"), _submit("Phoenix")
    # Submitting scheduled the cleanup (RQ's scheduler runs it); only one is ever pending.
    assert ScheduledJobRegistry(queue=get_queue("supervisor")).get_job_ids()
    assert retention.ensure_scheduled() is False
    run_jobs()
    assert store.require(old).terminal and store.require(new).terminal
    get_redis().zadd(store.FINISHED, {old: 1_000_000})  # finished long ago
    assert retention.cleanup() == {"deleted": 1, "kept": 1}
    assert store.get(old) is None and events.read_events(old) == [] and _keys_of(old) == set()
    assert store.get(new) is not None and events.read_events(new)
    # A shorter retention period applies to campaigns already finished (this one a minute ago).
    get_redis().zadd(store.FINISHED, {new: time.time() - 60})
    monkeypatch.setenv("BSC_RETENTION_DAYS", "0.0005")  # 43 s
    reset_settings()
    try:
        from supervisor import jobs

        assert store.expired() == [new]
        assert jobs.cleanup()["deleted"] == 1 and store.count() == 0
    finally:
        monkeypatch.undo()
        reset_settings()
