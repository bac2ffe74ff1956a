"""The live path as deployed: MAIN under gunicorn (threads, one worker) listening on the Redis message
queue, a real Socket.IO client, and events emitted the way workers emit them (shared.events)."""

from __future__ import annotations

import os
import queue
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
import socketio

from bandcrew.embedded_redis import free_port
from shared.events import emit_progress
from tests.main import sample

ROOT = Path(__file__).resolve().parents[2]
WAIT_S = 15  # an upper bound for slow CI machines, not a latency requirement


@pytest.fixture(scope="module")
def main_url(redis_url: str, supervisor_url: str) -> Iterator[str]:
    port = free_port()
    env = {**os.environ, "REDIS_URL": redis_url, "SUPERVISOR_URL": supervisor_url}
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "-w",
            "1",
            "--threads",
            "20",
            "--worker-class",
            "gthread",
            "-b",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
            "main.app:create_app()",
        ],
        cwd=ROOT,
        env=env,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            if requests.get(f"{url}/healthz", timeout=1).ok:
                break
        except requests.RequestException:  # refused, or accepted while the worker still imports the app
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            pytest.fail("MAIN did not start under gunicorn")
        time.sleep(0.2)
    yield url
    proc.terminate()
    proc.wait(15)


def _client(url: str, transport: str, token: str) -> tuple[socketio.Client, queue.Queue]:
    received: queue.Queue = queue.Queue()
    sio = socketio.Client(reconnection=False)
    sio.on("progress", received.put)
    sio.connect(url, transports=[transport], wait_timeout=WAIT_S, auth={"token": token})
    return sio, received


def _next(received: queue.Queue) -> dict:
    return received.get(timeout=WAIT_S)


@pytest.mark.parametrize("transport", ["websocket", "polling"])
def test_replay_then_live_events_through_the_message_queue(account, main_url, transport):
    record = sample.create_running()
    emit_progress(record.id, stage="received", agent="supervisor", step="received", status="done", pct=2)
    emit_progress(record.id, stage="analyzing", agent="analyst", step="deezer", status="done", pct=20)
    sio, received = _client(main_url, transport, account.token)
    try:
        ack = sio.call("join", {"campaign_id": record.id, "after": 0}, timeout=WAIT_S)
        assert ack["ok"] is True and ack["replayed"] == 2
        assert [_next(received)["seq"], _next(received)["seq"]] == [1, 2]
        # A worker in another process emits: the event reaches the joined browser live.
        emit_progress(
            record.id, stage="done", agent="supervisor", step="done", status="done", pct=100, message="ready"
        )
        live = _next(received)
        assert (live["seq"], live["stage"], live["pct"], live["message"]) == (3, "done", 100, "ready")
    finally:
        sio.disconnect()


def test_rejoin_with_last_seq_gets_only_what_was_missed(account, main_url):
    record = sample.create_running()
    sio, received = _client(main_url, "websocket", account.token)
    try:
        assert sio.call("join", {"campaign_id": record.id, "after": 0}, timeout=WAIT_S)["replayed"] == 0
        emit_progress(record.id, stage="received", agent="supervisor", step="received", status="done", pct=2)
        assert _next(received)["seq"] == 1
    finally:
        sio.disconnect()
    # While this "browser" is away, two more events happen.
    emit_progress(record.id, stage="analyzing", agent="analyst", step="deezer", status="done", pct=20)
    emit_progress(record.id, stage="analyzing", agent="analyst", step="spotify", status="done", pct=30)
    sio, received = _client(main_url, "websocket", account.token)
    try:
        ack = sio.call("join", {"campaign_id": record.id, "after": 1}, timeout=WAIT_S)
        assert ack["replayed"] == 2
        assert [_next(received)["step"], _next(received)["step"]] == ["deezer", "spotify"]
    finally:
        sio.disconnect()


def test_unknown_campaign_join_is_refused_and_gets_nothing(account, main_url):
    sio, received = _client(main_url, "websocket", account.token)
    try:
        ack = sio.call("join", {"campaign_id": "c_nosuchthing", "after": 0}, timeout=WAIT_S)
        assert ack == {"ok": False, "error": "unknown campaign"}
        # Events for that id (say, a guessed id of a real campaign created later) are not delivered.
        emit_progress("c_nosuchthing", stage="received", agent="supervisor", step="x", status="done", pct=1)
        with pytest.raises(queue.Empty):
            received.get(timeout=1)
    finally:
        sio.disconnect()


def test_cross_origin_handshake_is_refused(main_url):
    handshake = f"{main_url}/socket.io/?EIO=4&transport=polling"
    assert requests.get(handshake, headers={"Origin": "https://evil.example"}, timeout=5).status_code == 400
    assert requests.get(handshake, headers={"Origin": main_url}, timeout=5).status_code == 200


def test_pages_and_vendored_client_under_gunicorn(account, main_url):
    record = sample.create_done()
    page = requests.get(f"{main_url}/campaigns/{record.id}", headers=account.headers, timeout=5)
    assert page.status_code == 200 and "Phoebe Bridgers - Brand" in page.text
    js = requests.get(f"{main_url}/static/vendor/socket.io.min.js", timeout=5)
    assert js.status_code == 200 and js.headers["Content-Type"].startswith(
        ("application/javascript", "text/javascript")
    )


def test_connection_without_an_account_is_refused(account, main_url):
    for auth in (None, {"token": "bsc_not-a-real-token"}):
        sio = socketio.Client(reconnection=False)
        with pytest.raises(socketio.exceptions.ConnectionError):
            sio.connect(main_url, transports=["websocket"], wait_timeout=WAIT_S, auth=auth)


def test_another_workspaces_campaign_cannot_be_joined(account, other_account, main_url):
    theirs = sample.create_running("Their Artist", workspace=other_account.workspace)
    emit_progress(theirs.id, stage="received", agent="supervisor", step="received", status="done", pct=2)
    sio, received = _client(main_url, "websocket", account.token)
    try:
        ack = sio.call("join", {"campaign_id": theirs.id, "after": 0}, timeout=WAIT_S)
        assert ack == {"ok": False, "error": "unknown campaign"}  # the same answer as a missing id
        emit_progress(theirs.id, stage="analyzing", agent="analyst", step="x", status="done", pct=5)
        with pytest.raises(queue.Empty):
            received.get(timeout=1)
    finally:
        sio.disconnect()
    # Its owner's workspace joins it.
    sio, received = _client(main_url, "websocket", other_account.token)
    try:
        assert sio.call("join", {"campaign_id": theirs.id, "after": 0}, timeout=WAIT_S)["replayed"] == 2
    finally:
        sio.disconnect()
