"""Progress events: seq +1 per campaign, pct never goes back, stream order = seq order, even when
many processes emit at once."""

from __future__ import annotations

import multiprocessing as mp
import os

from shared import events


def _emit_many(url: str, cid: str, n: int, pct_base: int) -> None:
    os.environ["REDIS_URL"] = url
    from shared.redisdb import reset_redis
    from shared.settings import reset_settings

    reset_settings()
    reset_redis()
    for i in range(n):
        events.emit_progress(
            cid,
            stage="analyzing",
            agent="analyst",
            step=f"p{pct_base}",
            status="progress",
            pct=pct_base + i % 7,
            message=str(i),
        )


def test_seq_and_pct_are_monotonic_across_processes(redis_db, redis_url):
    ctx = mp.get_context("spawn")
    procs = [ctx.Process(target=_emit_many, args=(redis_url, "c_test1", 40, base)) for base in (10, 50, 30)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(30)
        assert p.exitcode == 0
    evs = events.read_events("c_test1")
    assert [e["seq"] for e in evs] == list(range(1, 121))
    pcts = [e["pct"] for e in evs]
    assert all(b >= a for a, b in zip(pcts, pcts[1:], strict=False))
    assert events.last_pct("c_test1") == pcts[-1] == 56


def test_replay_after_seq_and_event_shape(redis_db):
    for i, pct in enumerate((5, 3, 40)):
        ev = events.emit_progress(
            "c_test2",
            stage="writing",
            agent="marketing",
            step="brand",
            status="progress",
            pct=pct,
            message=f"m{i}",
            data={"i": i, "list": [1, 2]},
        )
    assert ev.seq == 3 and ev.pct == 40
    all_events = events.read_events("c_test2")
    assert [e["pct"] for e in all_events] == [5, 5, 40]  # the 3 was raised to 5: pct never goes back
    assert all_events[0]["data"] == {"i": 0, "list": [1, 2]}
    assert set(all_events[0]) == {
        "campaign_id",
        "seq",
        "ts",
        "stage",
        "agent",
        "step",
        "status",
        "pct",
        "message",
        "data",
    }
    assert [e["seq"] for e in events.read_events("c_test2", after_seq=1)] == [2, 3]
    assert events.read_events("c_other") == []
