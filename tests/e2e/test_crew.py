"""End to end: the crew started as `bandcrew up` does (subprocesses on free ports), a campaign
submitted over HTTP and followed over Socket.IO like a browser, then checked and exported."""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import subprocess
import sys
import threading
import time

import pytest
import requests
import socketio

pytestmark = pytest.mark.e2e


def follow(main_url: str, cid: str, token: str, timeout: float = 120.0) -> list[dict]:
    """Receive progress events until the terminal one, as a client that joined right after submit."""
    got: list[dict] = []
    done = threading.Event()
    sio = socketio.Client()

    @sio.on("connect")
    def _join():
        sio.emit("join", {"campaign_id": cid, "after": 0})

    @sio.on("progress")
    def _progress(ev):
        got.append(ev)
        if ev["stage"] in ("done", "failed"):
            done.set()

    sio.connect(main_url, transports=["websocket"], wait_timeout=10, auth={"token": token})
    try:
        assert done.wait(timeout), (
            f"no terminal event in {timeout}s; got {[(e['seq'], e['stage'], e['step']) for e in got]}"
        )
        time.sleep(0.3)  # let any straggler arrive, to check nothing is duplicated after the end
    finally:
        sio.disconnect()
    return got


def submit(crew, **body) -> str:
    resp = crew.session().post(f"{crew.supervisor_url}/api/campaigns", json=body, timeout=10)
    assert resp.status_code == 202, resp.text
    return resp.json()["id"]


def test_campaign_end_to_end(crew):
    cid = submit(
        crew,
        artist="Phoenix",
        release="Wolfgang Amadeus Phoenix",
        goals=["streams", "tickets"],
        final_url="https://wearephoenix.com/",
        countries=["FR", "US"],
    )
    received = follow(crew.main_url, cid, crew.user_token)

    # As a client orders them (by seq, duplicates of replay and live dropped): complete and monotonic.
    by_seq = {e["seq"]: e for e in received}
    seqs = sorted(by_seq)
    assert seqs == list(range(1, len(seqs) + 1)), seqs
    ordered = [by_seq[s] for s in seqs]
    assert all(b["pct"] >= a["pct"] for a, b in zip(ordered, ordered[1:], strict=False))
    assert ordered[-1]["stage"] == "done" and ordered[-1]["pct"] == 100
    assert {e["agent"] for e in ordered} >= {"supervisor", "analyst", "marketing", "optimizer"}

    # The events endpoint returns the same list.
    listed = (
        crew.session().get(f"{crew.supervisor_url}/api/campaigns/{cid}/events", timeout=10).json()["events"]
    )
    assert [e["seq"] for e in listed] == seqs and listed[-1] == ordered[-1]

    rec = crew.session().get(f"{crew.supervisor_url}/api/campaigns/{cid}", timeout=10).json()
    assert rec["state"] == "done"
    groups = rec["campaign"]["ad_groups"]
    assert len(groups) >= 2
    texts = []
    for g in groups:
        assert g["keywords"]
        for ad in g["ads"]:
            assert 3 <= len(ad["headlines"]) <= 15 and 2 <= len(ad["descriptions"]) <= 4
            assert all(len(h["text"]) <= 30 for h in ad["headlines"])
            assert all(len(d["text"]) <= 90 for d in ad["descriptions"])
            assert len(ad["path1"]) <= 15 and len(ad["path2"]) <= 15
            texts += [a["text"] for a in ad["headlines"] + ad["descriptions"]]
    assert any("Phoenix" in t for t in texts)
    assert rec["campaign"]["insights"]["sources"]["deezer"]["provenance"] == "sandbox"

    # History lists it, newest first.
    history = crew.session().get(f"{crew.supervisor_url}/api/campaigns", timeout=10).json()["campaigns"]
    assert history[0]["id"] == cid

    # Exports: JSON, and the Editor CSV in UTF-16 LE with BOM, tab-separated.
    exp = crew.session().get(
        f"{crew.supervisor_url}/api/campaigns/{cid}/export", params={"format": "json"}, timeout=10
    )
    assert exp.status_code == 200 and exp.json()["id"] == cid
    csv_resp = crew.session().get(
        f"{crew.supervisor_url}/api/campaigns/{cid}/export", params={"format": "editor-csv"}, timeout=30
    )
    assert csv_resp.status_code == 200 and csv_resp.content[:2] == b"\xff\xfe"
    rows = list(csv.DictReader(io.StringIO(csv_resp.content.decode("utf-16")), delimiter="\t"))
    assert {r.get("Ad Group") for r in rows if r.get("Ad Group")} >= {g["name"] for g in groups}


def test_late_joiner_replays_everything(crew):
    cid = submit(crew, artist="Justice", final_url="https://justice.example.org/")
    first = follow(crew.main_url, cid, crew.user_token)
    again = follow(
        crew.main_url, cid, crew.user_token, timeout=20
    )  # joins after the end: the whole history replays
    assert [e["seq"] for e in again] == sorted({e["seq"] for e in first})


def test_cli_campaign_writes_exports(crew, tmp_path):
    # Through MAIN only (the address compose publishes), as the first account.
    env = {**os.environ, "MAIN_URL": crew.main_url, "BSC_TOKEN": crew.user_token}
    out = tmp_path / "out"
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "bandcrew",
            "campaign",
            "Sébastien Tellier",
            "--out",
            str(out),
            "--final-url",
            "https://tellier.example.org/",
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert proc.returncode == 0, proc.stderr
    assert "100%" in proc.stderr and "done" in proc.stderr
    record = json.loads((out / "campaign.json").read_text(encoding="utf-8"))
    assert record["state"] == "done" and record["request"]["artist"] == "Sébastien Tellier"
    assert (out / "google-ads-editor.csv").read_bytes()[:2] == b"\xff\xfe"

    bad = subprocess.run(
        [sys.executable, "-m", "bandcrew", "campaign", "Ok", "--countries", "XX"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert bad.returncode == 2 and "countries" in bad.stderr


def test_bad_input_over_http_is_named_and_not_stored(crew):
    before = crew.session().get(f"{crew.supervisor_url}/api/campaigns", timeout=10).json()["total"]
    resp = crew.session().post(
        f"{crew.supervisor_url}/api/campaigns", json={"artist": "Ok", "final_url": "ftp://x"}, timeout=10
    )
    assert resp.status_code == 422 and resp.json()["field"] == "final_url"
    assert crew.session().get(f"{crew.supervisor_url}/api/campaigns", timeout=10).json()["total"] == before


def test_admin_api_needs_the_token(crew):
    url = f"{crew.supervisor_url}/admin/queues"
    assert requests.get(url, timeout=10).status_code == 401
    assert requests.get(url, headers={"Authorization": "Bearer wrong"}, timeout=10).status_code == 401
    ok = requests.get(url, headers={"Authorization": f"Bearer {crew.admin_token}"}, timeout=10)
    assert ok.status_code == 200
    workers = requests.get(
        f"{crew.supervisor_url}/admin/workers",
        headers={"Authorization": f"Bearer {crew.admin_token}"},
        timeout=10,
    ).json()
    assert crew.admin_token not in json.dumps(workers)


def test_every_service_is_healthy_and_exports_metrics(crew):
    for offset in range(5):
        base = f"http://127.0.0.1:{crew.port_base + offset}"
        assert requests.get(f"{base}/healthz", timeout=5).status_code == 200
        assert requests.get(f"{base}/readyz", timeout=5).status_code == 200
        assert "bsc_http_requests_total" in requests.get(f"{base}/metrics", timeout=5).text


def _analyst_worker_pids(crew) -> list[int]:
    import redis
    from rq import Worker

    conn = redis.Redis.from_url(crew.redis_url)
    return [w.pid for w in Worker.all(connection=conn) if "analyst" in w.queue_names() and w.pid]


def test_killed_worker_loses_no_campaign(crew):
    """kill -9 every analyst worker while their jobs run: the launcher restarts the workers, RQ
    re-queues the abandoned jobs (they have retries left), and the campaign still completes."""
    requests.post(
        f"{crew.sandbox_url}/_sandbox/config", json={"faults": "", "latency_ms": 1500}, timeout=5
    ).raise_for_status()
    try:
        cid = submit(crew, artist="Kill Test", final_url="https://killtest.example.org/")
        deadline = time.monotonic() + 20
        started = False
        while time.monotonic() < deadline and not started:
            evs = (
                crew.session()
                .get(f"{crew.supervisor_url}/api/campaigns/{cid}/events", timeout=5)
                .json()["events"]
            )
            started = any(e["agent"] == "analyst" and e["status"] == "started" for e in evs)
            time.sleep(0.1)
        assert started
        for pid in _analyst_worker_pids(crew):
            os.killpg(pid, signal.SIGKILL)  # the worker (a SimpleWorker: the job dies with it)
    finally:
        requests.post(f"{crew.sandbox_url}/_sandbox/config", json={"faults": "", "latency_ms": 0}, timeout=5)
    deadline = time.monotonic() + 240
    state = None
    while time.monotonic() < deadline:
        state = crew.session().get(f"{crew.supervisor_url}/api/campaigns/{cid}", timeout=5).json()["state"]
        if state in ("done", "failed"):
            break
        time.sleep(1)
    assert state == "done"
