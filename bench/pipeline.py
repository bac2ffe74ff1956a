"""Pipeline benchmark: N campaigns through a real crew (`bandcrew up` on free ports) against the
sandbox with an injected per-call latency. Prints JSON:

- end_to_end_s p50/p95: POST → terminal event received by a Socket.IO client;
- critical_path_external_s p50: the external time the campaign could not avoid — the slowest data
  source (sources run in parallel) plus the slowest LLM call of each writing round (offline = 0);
- overhead_s p50/p95: end-to-end minus the critical path = what our orchestration costs;
- campaigns_per_minute at the given concurrency;
- queue_hop_ms p50/p95: RQ job enqueued_at → started_at over every job of every campaign;
- event_latency_ms p50/p95: event `ts` (worker emit) → Socket.IO client receipt.

    python bench/pipeline.py --campaigns 20 --concurrency 1 --latency-ms 0
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

import redis
import requests
import socketio
from rq.job import Job
from rq.serializers import JSONSerializer

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bandcrew.harness import start_crew  # noqa: E402

ARTISTS = [
    "Daft Punk",
    "Mayhem",
    "BLACKPINK",
    "Björk",
    "Stromae",
    "Phoenix",
    "Aya Nakamura",
    "Bon Iver",
    "Burna Boy",
    "Rosalía",
    "Justice",
    "Sigur Rós",
    "Angèle",
    "Fever Ray",
    "Kraftwerk",
    "M83",
    "Christine and the Queens",
    "Tame Impala",
    "Nils Frahm",
    "Air",
]


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    s = sorted(values)
    k = (len(s) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(s) - 1)
    return s[lo] + (s[hi] - s[lo]) * (k - lo)


def ts_seconds(ts: str) -> float:
    return datetime.fromisoformat(ts.replace("Z", "+00:00")).replace(tzinfo=UTC).timestamp()


def run_one(crew, artist: str, i: int) -> dict:
    received: list[tuple[float, dict]] = []
    done = threading.Event()
    sio = socketio.Client()
    cid_box: dict[str, str] = {}

    @sio.on("progress")
    def _on(ev):
        received.append((time.time(), ev))
        if ev["stage"] in ("done", "failed"):
            done.set()

    sio.connect(crew.main_url, transports=["websocket"], wait_timeout=10, auth={"token": crew.user_token})
    t0 = time.time()
    resp = requests.post(
        f"{crew.supervisor_url}/api/campaigns",
        headers=crew.auth_headers,
        timeout=10,
        json={
            "artist": artist,
            "final_url": f"https://bench{i}.example.org/",
            "goals": ["streams", "tickets"],
        },
    )
    resp.raise_for_status()
    cid = cid_box["id"] = resp.json()["id"]
    sio.emit("join", {"campaign_id": cid, "after": 0})
    if not done.wait(180):
        sio.disconnect()
        raise RuntimeError(f"campaign {cid} did not finish")
    t_end = next(t for t, ev in received if ev["stage"] in ("done", "failed"))
    sio.disconnect()
    rec = requests.get(
        f"{crew.supervisor_url}/api/campaigns/{cid}", headers=crew.auth_headers, timeout=10
    ).json()
    # Events received live (not replayed): replayed ones were emitted before we joined.
    live = {}
    for t, ev in received:
        live.setdefault(ev["seq"], (t, ev))
    event_lat = [
        (t - ts_seconds(ev["ts"])) * 1000 for t, ev in live.values() if ts_seconds(ev["ts"]) >= t0 + 0.05
    ]
    sources = rec["campaign"]["insights"]["sources"] if rec["campaign"].get("insights") else {}
    slowest_source = max((s.get("latency_ms", 0) for s in sources.values()), default=0) / 1000
    llm_by_round: dict[str, float] = {}
    for c in rec["campaign"].get("costs", []):
        key = str(c.get("task", ""))
        llm_by_round[key] = max(llm_by_round.get(key, 0.0), c.get("latency_ms", 0) / 1000)
    critical = slowest_source + sum(llm_by_round.values())
    return {
        "cid": cid,
        "state": rec["state"],
        "e2e": t_end - t0,
        "critical": critical,
        "event_lat_ms": event_lat,
        "themes": rec["campaign"].get("themes", []),
        "revisions": rec.get("revision_round", 0),
    }


def job_ids(cid: str, themes: list[str], revisions: int) -> list[str]:
    ids = [f"sup-{cid}-start", f"an-{cid}-aggregate", f"sup-{cid}-analyzed", f"mk-{cid}-brief"]
    ids += [f"an-{cid}-{s}" for s in ("deezer", "spotify", "youtube", "trends", "chartmetric")]
    for r in range(revisions + 1):
        ids += [f"mk-{cid}-{t}-r{r}" for t in themes] + [
            f"sup-{cid}-written-r{r}",
            f"op-{cid}-r{r}",
            f"sup-{cid}-optimized-r{r}",
        ]
    return ids


def hop_latencies(redis_url: str, results: list[dict]) -> list[float]:
    conn = redis.Redis.from_url(redis_url)
    hops = []
    for r in results:
        for job in Job.fetch_many(
            job_ids(r["cid"], r["themes"], r["revisions"]), connection=conn, serializer=JSONSerializer
        ):
            if job is not None and job.enqueued_at and job.started_at:
                hops.append((job.started_at - job.enqueued_at).total_seconds() * 1000)
    return hops


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--campaigns", type=int, default=20)
    ap.add_argument("--concurrency", type=int, default=1)
    ap.add_argument("--latency-ms", type=int, default=0)
    ap.add_argument("--warmup", type=int, default=2)
    args = ap.parse_args()

    with tempfile.TemporaryDirectory(prefix="bsc-bench-") as tmp:
        crew = start_crew(Path(tmp), extra_env={"SANDBOX_LATENCY_MS": str(args.latency_ms)})
        try:
            for i in range(args.warmup):
                run_one(crew, ARTISTS[i % len(ARTISTS)], 1000 + i)
            t0 = time.monotonic()
            with ThreadPoolExecutor(args.concurrency) as pool:
                results = list(
                    pool.map(lambda i: run_one(crew, ARTISTS[i % len(ARTISTS)], i), range(args.campaigns))
                )
            wall = time.monotonic() - t0
            hops = hop_latencies(crew.redis_url, results)
        finally:
            crew.stop()
    e2e = [r["e2e"] for r in results]
    overhead = [r["e2e"] - r["critical"] for r in results]
    ev = [x for r in results for x in r["event_lat_ms"]]
    out = {
        "benchmark": "pipeline",
        "campaigns": args.campaigns,
        "concurrency": args.concurrency,
        "injected_latency_ms": args.latency_ms,
        "failed": sum(r["state"] != "done" for r in results),
        "end_to_end_s": {
            "p50": round(pct(e2e, 0.5), 3),
            "p95": round(pct(e2e, 0.95), 3),
            "mean": round(statistics.mean(e2e), 3),
        },
        "critical_path_external_s": {"p50": round(pct([r["critical"] for r in results], 0.5), 3)},
        "overhead_s": {"p50": round(pct(overhead, 0.5), 3), "p95": round(pct(overhead, 0.95), 3)},
        "campaigns_per_minute": round(args.campaigns / wall * 60, 1),
        "queue_hop_ms": {"p50": round(pct(hops, 0.5), 1), "p95": round(pct(hops, 0.95), 1), "n": len(hops)},
        "event_latency_ms": {"p50": round(pct(ev, 0.5), 1), "p95": round(pct(ev, 0.95), 1), "n": len(ev)},
    }
    print(json.dumps(out, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
