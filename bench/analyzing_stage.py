"""Benchmark the analyzing stage: five sources fanned out at once versus the slowest single source.

Starts its own embedded Redis and sandbox (300 ms injected latency on every API call), then for N
artists runs the five source collections concurrently in a pool of five worker *processes* (as five
RQ workers on the analyst queue would), and prints JSON: per-source p50, the slowest source's p50,
the stage p50/p95, stage/slowest (target < 1.5) and stage/sum.

    .venv/bin/python bench/analyzing_stage.py [--artists 8] [--latency-ms 300]   (make bench-analyst)
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import statistics
import sys
import tempfile
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

ARTISTS = [
    "Aurora",
    "Nekfeu",
    "Björk",
    "방탄소년단",
    "Rosalía 🌹",
    "Frost Hymn",
    "Bon Iver",
    "Amelie Lens",
    "Kamasi Quartet",
    "Burna Starr",
    "ヨルシカ",
    "Sofiane B",
]


def _run(source: str, artist: str) -> tuple[str, float, str]:
    from analyst.sources.base import run_source

    t0 = time.perf_counter()
    rep = run_source(source, artist)
    return source, time.perf_counter() - t0, rep.status


def _warm(_: int) -> int:
    import analyst.insights  # noqa: F401  (imports spotipy, serpapi, pydantic models once per worker)

    return os.getpid()


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(q * (len(values) - 1)))]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--artists", type=int, default=8)
    ap.add_argument("--latency-ms", type=int, default=300)
    args = ap.parse_args()

    from bandcrew.embedded_redis import EmbeddedRedis, free_port

    tmp = tempfile.mkdtemp(prefix="bench-analyst-")
    redis_server = EmbeddedRedis(Path(tmp), free_port())
    os.environ.update({"REDIS_URL": redis_server.start(), "BSC_MODE": "sandbox"})
    from analyst.sources.registry import env_names

    for name in env_names():  # never a developer's real keys or URLs
        os.environ.pop(name, None)
        os.environ.pop(f"{name}_FILE", None)
    import logging

    from werkzeug.serving import make_server

    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # one access-log line per call drowns the result

    from analyst.sources.registry import names
    from sandbox.app import create_app

    SOURCES = names()

    port = free_port()
    os.environ["SANDBOX_URL"] = f"http://127.0.0.1:{port}"
    server = make_server("127.0.0.1", port, create_app(), threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    import requests

    requests.post(
        f"{os.environ['SANDBOX_URL']}/_sandbox/config", json={"latency_ms": args.latency_ms}, timeout=5
    )

    per_source: dict[str, list[float]] = {s: [] for s in SOURCES}
    stage: list[float] = []
    sums: list[float] = []
    statuses: dict[str, dict[str, int]] = {s: {} for s in SOURCES}
    with ProcessPoolExecutor(max_workers=len(SOURCES), mp_context=mp.get_context("spawn")) as pool:
        list(pool.map(_warm, range(len(SOURCES))))
        for artist in (ARTISTS * 4)[: args.artists]:
            t0 = time.perf_counter()
            futures = [pool.submit(_run, s, artist) for s in SOURCES]
            results = [f.result() for f in futures]
            stage.append(time.perf_counter() - t0)
            sums.append(sum(d for _, d, _ in results))
            for source, dur, status in results:
                per_source[source].append(dur)
                statuses[source][status] = statuses[source].get(status, 0) + 1
    server.shutdown()
    redis_server.stop()

    p50 = {s: round(statistics.median(v), 3) for s, v in per_source.items()}
    slowest = max(p50, key=lambda s: p50[s])
    stage_p50 = statistics.median(stage)
    print(
        json.dumps(
            {
                "artists": args.artists,
                "latency_ms": args.latency_ms,
                "workers": f"{len(SOURCES)} processes (spawned ProcessPoolExecutor, one source per task, like RQ workers)",
                "per_source_p50_s": p50,
                "statuses": statuses,
                "slowest_source": slowest,
                "slowest_source_p50_s": p50[slowest],
                "stage_p50_s": round(stage_p50, 3),
                "stage_p95_s": round(pct(stage, 0.95), 3),
                "sum_of_sources_p50_s": round(statistics.median(sums), 3),
                "ratio_stage_to_slowest": round(stage_p50 / p50[slowest], 3),
                "ratio_stage_to_sum": round(stage_p50 / statistics.median(sums), 3),
                "target": "ratio_stage_to_slowest < 1.5",
            },
            ensure_ascii=False,
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
