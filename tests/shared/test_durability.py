"""A Redis crash must not lose an accepted campaign: the embedded Redis runs with AOF (everysec), so
after `kill -9` of the server and a restart on the same data directory, the record, its history index,
its events and its queued first job are all still there."""

from __future__ import annotations

import os
import signal
import time

import pytest
import redis

from bandcrew.embedded_redis import EmbeddedRedis, free_port
from shared import events, store
from shared.models import CampaignRequest
from shared.queues import get_queue
from shared.redisdb import reset_redis
from shared.settings import reset_settings


@pytest.fixture
def own_redis(tmp_path, monkeypatch):
    server = EmbeddedRedis(tmp_path / "redis", free_port())
    monkeypatch.setenv("REDIS_URL", server.start())
    reset_settings()
    reset_redis()
    yield server
    server.stop()
    reset_settings()
    reset_redis()


def test_campaign_survives_a_redis_crash(own_redis, tmp_path):
    from supervisor import pipeline

    cid = pipeline.submit(CampaignRequest(artist="Durable", final_url="https://durable.example.org/")).id
    conn = redis.Redis.from_url(own_redis.url)
    pid = int(conn.info("server")["process_id"])
    time.sleep(1.5)  # appendfsync everysec: at most one second of writes is at risk
    os.kill(pid, signal.SIGKILL)
    while True:
        try:
            os.kill(pid, 0)
            time.sleep(0.05)
        except ProcessLookupError:
            break
    reset_redis()

    restarted = EmbeddedRedis(tmp_path / "redis", own_redis.port)
    restarted.start()
    own_redis.server = restarted.server  # so the fixture stops the new one
    try:
        record = store.get(cid)
        assert record is not None and record.request.artist == "Durable"
        assert store.list_ids() == [cid]
        assert [e["stage"] for e in events.read_events(cid)] == ["received"]
        assert get_queue("supervisor").job_ids == [f"sup-{cid}-start"]
    finally:
        restarted.server = None
