"""Benchmark the Redis footprint of campaigns: bytes per finished campaign, and whether memory stays
flat over many campaigns with retention on.

Starts its own embedded Redis and sandbox, runs whole campaigns through the real pipeline (the
SUPERVISOR's steps and every agent's jobs, executed in this process by RQ SimpleWorkers in burst
mode, against the sandbox, offline writer), and prints JSON:

- `per_campaign`: MEMORY USAGE summed over each finished campaign's own keys (record, event stream
  and its meta, index entries), once its parts have expired; the parts' size at finish; and RQ's job
  hashes for the campaign, which live RESULT_TTL (1 h) and are reported apart.
- `retention`: N campaigns with a short retention period and the cleanup run as RQ's scheduler would
  run it; `used_memory` and the number of campaigns kept, sampled every `--every` campaigns. Flat
  means the last samples are no higher than the first ones once retention has started deleting.

    .venv/bin/python bench/footprint.py [--sample 20] [--campaigns 1000] [--retention-s 20]
    (make bench-footprint)
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

ARTISTS = [
    "Daft Punk",
    "Aurora",
    "Nekfeu",
    "Björk",
    "BLACKPINK",
    "Mayhem",
    "Phoenix",
    "Air",
    "Bon Iver",
    "Amelie Lens",
    "Rosalía",
    "Burna Boy",
    "Justice",
    "Christine and the Queens",
    "Stromae",
    "Angèle",
    "Sigur Rós",
    "Arca",
    "Little Simz",
    "Khruangbin",
]


def campaign_keys(r, cid: str) -> dict[str, list[bytes]]:
    """The campaign's keys by kind: its own (kept until retention deletes them), its parts, RQ's."""
    out: dict[str, list[bytes]] = {"own": [], "parts": [], "rq": []}
    for k in r.scan_iter(match=f"*{cid}*", count=10_000):
        if k.startswith(b"rq:"):
            out["rq"].append(k)
        elif b":parts" in k or k.endswith((b":spend", b":jobs")):
            out["parts"].append(k)
        else:
            out["own"].append(k)
    return out


def usage(r, keys: list[bytes]) -> int:
    return sum(int(r.memory_usage(k, samples=0) or 0) for k in keys)


def by_group(r) -> dict[str, int]:
    """Bytes of every key, by what it is: campaigns (records, events, parts, indexes), the source
    response cache (per artist, with TTLs), RQ (jobs, results, registries) and the rest."""
    out = {"campaign_bytes": 0, "cache_bytes": 0, "rq_bytes": 0, "other_bytes": 0}
    for k in r.scan_iter(count=10_000):
        if k.startswith((b"bsc:campaign", b"bsc:events")):
            group = "campaign_bytes"
        elif k.startswith((b"bsc:cache", b"bsc:token")):
            group = "cache_bytes"
        elif k.startswith(b"rq:"):
            group = "rq_bytes"
        else:
            group = "other_bytes"
        out[group] += int(r.memory_usage(k, samples=0) or 0)
    return out


def index_bytes_per_campaign(r) -> float:
    """The sorted-set indexes' share: their size over the number of members."""

    total = members = 0
    for k in r.scan_iter(match=b"bsc:campaigns*", count=1000):
        total += int(r.memory_usage(k, samples=0) or 0)
        members = max(members, int(r.zcard(k)))
    return total / members if members else 0.0


def run_campaigns(n: int, offset: int, cleanup_every: int = 0) -> list[str]:
    from rq import SimpleWorker
    from rq.serializers import JSONSerializer

    from shared.models import CampaignRequest
    from shared.queues import QUEUES, get_queue
    from shared.redisdb import get_redis
    from supervisor import pipeline, retention

    queues = [get_queue(q) for q in QUEUES]
    ids = []
    for i in range(n):
        artist = ARTISTS[(offset + i) % len(ARTISTS)]
        ids.append(
            pipeline.submit(CampaignRequest(artist=artist, final_url="https://artist.example.org/")).id
        )
        while any(q.count for q in queues):
            SimpleWorker(queues, connection=get_redis(), serializer=JSONSerializer).work(
                burst=True, with_scheduler=False, logging_level="ERROR"
            )
        if cleanup_every and (i + 1) % cleanup_every == 0:
            retention.cleanup()  # what RQ's scheduler runs every BSC_CLEANUP_INTERVAL_S
    return ids


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sample", type=int, default=20, help="campaigns measured one by one")
    ap.add_argument("--campaigns", type=int, default=1000, help="campaigns run with retention on")
    ap.add_argument("--retention-s", type=float, default=20.0, help="retention period for the second part")
    ap.add_argument("--every", type=int, default=50, help="sample memory (and run the cleanup) every N")
    args = ap.parse_args()

    from bandcrew.embedded_redis import EmbeddedRedis, free_port

    tmp = tempfile.mkdtemp(prefix="bench-footprint-")
    redis_server = EmbeddedRedis(Path(tmp), free_port())
    os.environ.update(
        {
            "REDIS_URL": redis_server.start(),
            "BSC_MODE": "sandbox",
            "BSC_PARTS_TTL_S": "0",  # measure a campaign as it is kept: its parts gone
            "SUPERVISOR_ADMIN_TOKEN": "bench",
        }
    )
    from analyst.sources.registry import env_names

    for name in env_names():
        os.environ.pop(name, None)
    import logging

    from werkzeug.serving import make_server

    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    logging.getLogger("rq").setLevel(logging.ERROR)
    from sandbox.app import create_app
    from shared.redisdb import get_redis, reset_redis
    from shared.settings import reset_settings

    port = free_port()
    os.environ["SANDBOX_URL"] = f"http://127.0.0.1:{port}"
    server = make_server("127.0.0.1", port, create_app(), threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    reset_settings()
    reset_redis()
    r = get_redis()
    try:
        run_campaigns(2, 0)  # warm the caches and the imports (not measured)
        r.flushdb()

        # ---- bytes per finished campaign
        from shared import store

        own, parts, rq_bytes, states = [], [], [], []
        os.environ["BSC_PARTS_TTL_S"] = "3600"  # keep the parts to weigh them, then drop them
        reset_settings()
        for cid in run_campaigns(args.sample, 0):
            keys = campaign_keys(r, cid)
            parts.append(usage(r, keys["parts"]))
            rq_bytes.append(usage(r, keys["rq"]))
            r.delete(*keys["parts"]) if keys["parts"] else None
            own.append(usage(r, keys["own"]))
            states.append(store.require(cid).state)
        per_index = index_bytes_per_campaign(r)
        kept = [o + per_index for o in own]
        per_campaign = {
            "campaigns": args.sample,
            "states": {s: states.count(s) for s in set(states)},
            "kept_bytes_mean": round(statistics.mean(kept)),
            "kept_bytes_p50": round(statistics.median(kept)),
            "kept_bytes_max": round(max(kept)),
            "index_bytes": round(per_index),
            "parts_bytes_at_finish_mean": round(statistics.mean(parts)),
            "rq_job_bytes_mean": round(statistics.mean(rq_bytes)),
            "target_kept_bytes": 60 * 1024,
        }
        r.flushdb()

        # ---- many campaigns with retention on
        os.environ["BSC_PARTS_TTL_S"] = "0"
        os.environ["BSC_RETENTION_DAYS"] = str(args.retention_s / 86400)
        reset_settings()
        samples = []
        t0 = time.monotonic()
        done = 0
        while done < args.campaigns:
            n = min(args.every, args.campaigns - done)
            run_campaigns(n, done, cleanup_every=n)
            done += n
            samples.append(
                {
                    "campaigns": done,
                    "elapsed_s": round(time.monotonic() - t0, 1),
                    "kept": store.count(),
                    "used_memory": int(r.info("memory")["used_memory"]),
                    **by_group(r),
                }
            )
        # Steady state: once the first campaigns are older than the retention period, every cleanup
        # deletes about as many campaigns as arrived since the previous one.
        steady = [s for s in samples if s["elapsed_s"] >= 2 * args.retention_s] or samples[-2:]

        def span(name: str) -> dict[str, int]:
            values = [s[name] for s in steady]
            return {"first": values[0], "last": values[-1], "min": min(values), "max": max(values)}

        retention = {
            "campaigns": args.campaigns,
            "retention_s": args.retention_s,
            "campaigns_per_s": round(args.campaigns / (time.monotonic() - t0), 2),
            "steady_samples": len(steady),
            "steady": {
                name: span(name)
                for name in ("kept", "campaign_bytes", "rq_bytes", "cache_bytes", "used_memory")
            },
            "samples": samples,
        }
        print(json.dumps({"per_campaign": per_campaign, "retention": retention}, indent=2))
    finally:
        server.shutdown()
        redis_server.stop()


if __name__ == "__main__":
    main()
