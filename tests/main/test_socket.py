"""The Socket.IO join protocol, against the real Redis: join, then replay after `after`."""

from __future__ import annotations

import pytest

from main.app import socketio
from shared.events import emit_progress
from tests.main import sample


def _progress(client) -> list[dict]:
    return [m["args"][0] for m in client.get_received() if m["name"] == "progress"]


def _emit_three(cid: str) -> None:
    emit_progress(
        cid, stage="received", agent="supervisor", step="received", status="done", pct=2, message="in"
    )
    emit_progress(
        cid, stage="analyzing", agent="analyst", step="deezer", status="done", pct=20, message="Deezer ok"
    )
    # pct may never go back: the store clamps it, the page relies on it.
    emit_progress(
        cid, stage="analyzing", agent="analyst", step="spotify", status="done", pct=10, message="Spotify ok"
    )


def test_join_replays_history_in_seq_order(app, client):
    record = sample.create_running()
    _emit_three(record.id)
    sio = socketio.test_client(app, flask_test_client=client)
    ack = sio.emit("join", {"campaign_id": record.id, "after": 0}, callback=True)
    assert ack["ok"] is True and ack["replayed"] == 3 and ack["last_seq"] == 3
    events = _progress(sio)
    assert [e["seq"] for e in events] == [1, 2, 3]
    assert [e["step"] for e in events] == ["received", "deezer", "spotify"]
    assert [e["pct"] for e in events] == [2, 20, 20]
    assert all(e["campaign_id"] == record.id for e in events)


def test_join_after_seq_replays_only_newer_events(app, client):
    record = sample.create_running()
    _emit_three(record.id)
    sio = socketio.test_client(app, flask_test_client=client)
    ack = sio.emit("join", {"campaign_id": record.id, "after": 2}, callback=True)
    assert ack["ok"] is True
    assert [e["seq"] for e in _progress(sio)] == [3]
    # A rejoin after everything replays nothing.
    ack = sio.emit("join", {"campaign_id": record.id, "after": 3}, callback=True)
    assert ack["ok"] is True and ack["replayed"] == 0
    assert _progress(sio) == []


def test_join_puts_the_client_in_the_campaign_room(app, client):
    record = sample.create_running()
    other = sample.create_running("Someone Else")
    sio = socketio.test_client(app, flask_test_client=client)
    assert sio.emit("join", {"campaign_id": record.id, "after": 0}, callback=True)["ok"]
    # What a worker's emit turns into on this server once it arrives through the queue:
    socketio.emit("progress", {"campaign_id": record.id, "seq": 1}, to=f"campaign:{record.id}")
    socketio.emit("progress", {"campaign_id": other.id, "seq": 1}, to=f"campaign:{other.id}")
    assert [e["campaign_id"] for e in _progress(sio)] == [record.id]


@pytest.mark.parametrize(
    "payload",
    [
        {"campaign_id": "c_doesnotexist0", "after": 0},  # well-formed, but no such campaign
        {"campaign_id": "../../etc", "after": 0},
        {"campaign_id": "C_UPPER", "after": 0},
        {"campaign_id": "c_" + "a" * 80, "after": 0},
        {"campaign_id": 42},
        {"after": 0},
        "c_abc",
    ],
)
def test_join_refuses_unknown_or_invalid_ids(app, client, payload):
    record = sample.create_running()
    _emit_three(record.id)
    sio = socketio.test_client(app, flask_test_client=client)
    ack = sio.emit("join", payload, callback=True)
    assert ack["ok"] is False and ack["error"]
    assert _progress(sio) == []
    # Refused means not joined: room broadcasts for that id do not reach this client.
    socketio.emit("progress", {"campaign_id": "c_doesnotexist0", "seq": 9}, to="campaign:c_doesnotexist0")
    assert _progress(sio) == []


@pytest.mark.parametrize("after", [-1, "3", 1.5, True, None])
def test_join_refuses_a_bad_after(app, client, after):
    record = sample.create_running()
    sio = socketio.test_client(app, flask_test_client=client)
    ack = sio.emit("join", {"campaign_id": record.id, "after": after}, callback=True)
    assert ack == {"ok": False, "error": "after must be a non-negative integer seq"}
