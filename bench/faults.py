"""`make bench-faults`: the crew under faults, load and hostile clients, as JSON.

Against a real `bandcrew up` (bandcrew.harness): for each fault, campaigns accepted around it, how
many were lost (gone or failed without a reason) or stuck (not terminal within the bound), and the
recovery time of each (fault to terminal state) as p50/p95; then capacity (MAIN with 1,000 idle
websockets, each service behind 30 half-open requests: /healthz latency p50/p95) and worker memory
(RSS of every worker before and after N campaigns).

    .venv/bin/python bench/faults.py [--outage-s 60] [--campaigns 200] [--per-fault 3]
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bandcrew import faultkit as fk  # noqa: E402
from bandcrew import hostile  # noqa: E402
from bandcrew.harness import start_crew  # noqa: E402
from bandcrew.services import WEB_SERVICES  # noqa: E402
from shared.queues import QUEUES  # noqa: E402

BOUND_S = 180.0


def summarize(name: str, out: fk.Outcome, t_fault: float) -> dict:
    rec = [out.ended_at[c] - t_fault for c in out.ended_at]
    return {
        "fault": name,
        "campaigns": len(out.states),
        "lost": len(out.failed_without_reason),
        "stuck": len(out.stuck),
        "failed_with_reason": sum(1 for c, s in out.states.items() if s == "failed" and out.reasons.get(c)),
        "server_errors": len(out.server_errors),
        "recovery_s_p50": fk.percentile(rec, 50),
        "recovery_s_p95": fk.percentile(rec, 95),
    }


def redis_kill(crew, n: int) -> dict:
    s = crew.session()
    fk.configure_sandbox(crew, latency_ms=300)
    cids = [fk.submit(crew, s) for _ in range(n)]
    time.sleep(1.5)
    os.kill(fk.redis_pid(crew), signal.SIGKILL)
    t = time.monotonic()
    fk.wait_redis(crew)
    fk.configure_sandbox(crew)
    return summarize("redis_killed", fk.wait_all(crew, s, cids, BOUND_S), t)


def redis_outage(crew, n: int, seconds: float) -> dict:
    s = crew.session()
    fk.configure_sandbox(crew, latency_ms=300)
    cids = [fk.submit(crew, s) for _ in range(n)]
    time.sleep(1.5)
    before = crew.child_pids()
    pid = fk.redis_pid(crew)
    os.kill(pid, signal.SIGSTOP)
    time.sleep(seconds)
    os.kill(pid, signal.SIGCONT)
    t = time.monotonic()  # recovery counted from Redis being back
    fk.configure_sandbox(crew)
    res = summarize(f"redis_unavailable_{seconds:.0f}s", fk.wait_all(crew, s, cids, BOUND_S), t)
    res["services_restarted"] = len(set(before) - set(crew.child_pids()))
    return res


def redis_full(crew, n: int) -> dict:
    s, conn = crew.session(), fk.redis_conn(crew)
    fk.configure_sandbox(crew, latency_ms=300)
    cids = [fk.submit(crew, s) for _ in range(n)]
    time.sleep(1.0)
    conn.config_set("maxmemory", int(conn.info("memory")["used_memory"]) + 64 * 1024)
    time.sleep(6)
    conn.config_set("maxmemory", 0)
    t = time.monotonic()
    fk.configure_sandbox(crew)
    res = summarize("redis_full", fk.wait_all(crew, s, cids, BOUND_S), t)
    time.sleep(25)  # two sweeps
    res["orphaned_jobs_after"] = len(fk.orphaned_jobs(crew))
    return res


def worker_kill(crew, queue: str, n: int) -> dict:
    s = crew.session()
    times, outs = [], fk.Outcome()
    for _ in range(n):
        fk.configure_sandbox(crew, latency_ms=400)
        cid = fk.submit(crew, s)
        victim = fk.busy_worker(crew, queue)
        t = time.monotonic()
        if victim is not None:
            fk.kill_process(victim.pid)
        fk.configure_sandbox(crew)
        out = fk.wait_all(crew, s, [cid], BOUND_S)
        outs.states.update(out.states)
        outs.reasons.update(out.reasons)
        outs.server_errors += out.server_errors
        if cid in out.ended_at:
            times.append(out.ended_at[cid] - t)
    res = summarize(f"worker_killed_{queue}", outs, 0)
    res["recovery_s_p50"], res["recovery_s_p95"] = fk.percentile(times, 50), fk.percentile(times, 95)
    return res


def sigterm_restart(n: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        crew = start_crew(Path(tmp))
        s = crew.session()
        fk.configure_sandbox(crew, latency_ms=800)
        cids = [fk.submit(crew, s) for _ in range(n)]
        time.sleep(1.5)
        token = crew.user_token
        crew.stop()
        again = start_crew(Path(tmp), port_base=crew.port_base, redis_port=crew.redis_port)
        again.user_token = token
        t = time.monotonic()
        try:
            out = fk.wait_all(again, again.session(), cids, BOUND_S)
            res = summarize("crew_sigterm_restart", out, t)
            res["sources_missing_circuit_open"] = 0
            for cid in cids:
                rec = again.session().get(f"{again.supervisor_url}/api/campaigns/{cid}", timeout=10).json()
                for src in ((rec.get("campaign") or {}).get("insights") or {}).get("sources", {}).values():
                    if src.get("provenance") == "missing" and "circuit" in (src.get("reason") or ""):
                        res["sources_missing_circuit_open"] += 1
        finally:
            again.stop()
        return res


def capacity(crew) -> dict:
    out: dict = {}
    socks = hostile.open_idle_websockets(crew.main_url, 1000)
    try:
        lat = hostile.latencies(f"{crew.main_url}/healthz", 100)
        out["main_1000_idle_websockets"] = {
            "open": len(socks),
            "healthz_ms_p50": round(hostile.percentile(lat, 50) * 1000, 1),
            "healthz_ms_p95": round(hostile.percentile(lat, 95) * 1000, 1),
        }
    finally:
        hostile.close_all(socks)
    for name, svc in WEB_SERVICES.items():
        url = f"http://127.0.0.1:{crew.port_base + svc.port_offset}"
        half = hostile.open_half_requests(url, 30)
        try:
            lat = hostile.latencies(f"{url}/healthz", 30)
        finally:
            hostile.close_all(half)
        out[f"{name}_30_half_open"] = {
            "healthz_ms_p50": round(hostile.percentile(lat, 50) * 1000, 1),
            "healthz_ms_p95": round(hostile.percentile(lat, 95) * 1000, 1),
        }
    return out


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def memory(crew, campaigns: int) -> dict:
    s = crew.session()
    fk.configure_sandbox(crew)

    def rss_by_queue() -> dict[str, float]:
        return {q: round(sum(rss_mb(w.pid) for w in fk.workers(crew, q) if w.pid), 1) for q in QUEUES}

    warm = [fk.submit(crew, s) for _ in range(10)]  # warm every cache first
    fk.wait_all(crew, s, warm, BOUND_S)
    before, t0 = rss_by_queue(), time.monotonic()
    done = 0
    for i in range(0, campaigns, 10):
        batch = [fk.submit(crew, s) for _ in range(min(10, campaigns - i))]
        out = fk.wait_all(crew, s, batch, BOUND_S)
        done += sum(1 for v in out.states.values() if v == "done")
    after = rss_by_queue()
    return {
        "campaigns": campaigns,
        "done": done,
        "seconds": round(time.monotonic() - t0, 1),
        "worker_rss_mb_before": before,
        "worker_rss_mb_after": after,
        "kb_per_campaign": {q: round((after[q] - before[q]) * 1024 / max(campaigns, 1), 2) for q in QUEUES},
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--outage-s", type=float, default=60.0, help="how long Redis stays unavailable")
    ap.add_argument("--per-fault", type=int, default=3, help="campaigns in flight per fault")
    ap.add_argument("--campaigns", type=int, default=200, help="campaigns for the memory figure")
    ap.add_argument("--only", choices=["capacity", "workers", "memory"], help="run only that part")
    args = ap.parse_args()
    report: dict = {"measured_at": time.strftime("%Y-%m-%d"), "faults": []}
    with tempfile.TemporaryDirectory() as tmp:
        # The memory figure is about the campaign pipeline's workers: MEDIA renders (seconds of ffmpeg
        # per campaign) would turn 2,000 campaigns into hours, so `--only memory` leaves them off.
        extra = {"MEDIA_AUTOSTART": "0"} if args.only == "memory" else None
        crew = start_crew(Path(tmp), extra_env=extra)
        try:
            if args.only == "memory":
                report["memory"] = memory(crew, args.campaigns)
                print(json.dumps(report, indent=2))
                return 0
            report["capacity"] = capacity(crew)
            if args.only:
                if args.only == "workers":
                    report["faults"] += [worker_kill(crew, q, args.per_fault) for q in QUEUES]
                print(json.dumps(report, indent=2))
                return 0
            report["faults"].append(redis_kill(crew, args.per_fault))
            report["faults"].append(redis_outage(crew, args.per_fault, args.outage_s))
            report["faults"].append(redis_full(crew, args.per_fault))
            for q in QUEUES:
                report["faults"].append(worker_kill(crew, q, args.per_fault))
            if args.campaigns:
                report["memory"] = memory(crew, args.campaigns)
        finally:
            crew.stop()
    report["faults"].append(sigterm_restart(args.per_fault))
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
