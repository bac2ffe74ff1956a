"""MAIN → MEDIA over real HTTP: the signed-in marketer starts the media, reads them, seeks in a
video (Range through both hops), and picks; MEDIA records MAIN's signed-in account as the reviewer."""

from __future__ import annotations

import threading

import pytest

from bandcrew.embedded_redis import free_port
from shared import store


@pytest.fixture
def media_url(redis_db):
    from werkzeug.serving import make_server

    from media.app import create_app

    port = free_port()
    server = make_server("127.0.0.1", port, create_app({"TESTING": True}), threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{port}"
    server.shutdown()


def test_main_proxies_media_with_the_marketers_account(done_campaign, run_jobs, media_url, account):
    from main.app import create_app
    from tests.auth import sign_in

    app = create_app({"TESTING": True, "MEDIA_URL": media_url, "SOCKETIO_MESSAGE_QUEUE": None,
                      "SUPERVISOR_URL": f"http://127.0.0.1:{free_port()}"})  # fmt: skip
    client = app.test_client()
    assert client.get(f"/api/campaigns/{done_campaign.id}/media").status_code == 401
    sign_in(client, account)
    cid = done_campaign.id
    assert client.post(f"/api/campaigns/{cid}/media").status_code == 202
    run_jobs()
    body = client.get(f"/api/campaigns/{cid}/media").get_json()
    assert body["media"]["sets"]["images"]["state"] == "in_review"
    url = body["media"]["sets"]["videos"]["variants"]["A"]["files"][0]["url"]
    assert url.startswith("/media/")
    part = client.get(url, headers={"Range": "bytes=100-199"})
    assert part.status_code == 206 and len(part.data) == 100 and part.headers["Accept-Ranges"] == "bytes"
    full = client.get(url)
    assert full.status_code == 200 and full.data[100:200] == part.data
    r = client.post(f"/api/campaigns/{cid}/media/images/review", json={"pick": "B"})
    assert r.status_code == 200 and r.get_json()["review"]["by"] == account.username
    assert store.require(cid).media.sets["images"].state == "approved_B"
    z = client.get(f"/api/campaigns/{cid}/media/export/zip")
    assert z.status_code == 200 and z.data[:2] == b"PK"


def test_audio_bed_upload_through_main(done_campaign, media_url, account, tmp_path):
    import subprocess

    from main.app import create_app
    from tests.auth import sign_in

    app = create_app({"TESTING": True, "MEDIA_URL": media_url, "SOCKETIO_MESSAGE_QUEUE": None,
                      "SUPERVISOR_URL": f"http://127.0.0.1:{free_port()}"})  # fmt: skip
    client = app.test_client()
    sign_in(client, account)
    wav = tmp_path / "bed.wav"
    subprocess.run(
        ["ffmpeg", "-v", "error", "-f", "lavfi", "-i", "sine=frequency=220:duration=3", str(wav)], check=True
    )
    cid = done_campaign.id
    with wav.open("rb") as fh:
        r = client.post(f"/api/campaigns/{cid}/media/audio-bed", data={"file": (fh, "bed.wav", "audio/wav")},
                        content_type="multipart/form-data")  # fmt: skip
    assert r.status_code == 201, r.get_json()
    assert r.get_json()["audio_bed"]["path"].startswith(f"{cid}/bed/")
    r = client.post(f"/api/campaigns/{cid}/media/audio-bed", data={"file": (tmp_path.joinpath("x").open("wb+"), "x.txt",
                    "text/plain")}, content_type="multipart/form-data")  # fmt: skip
    assert r.status_code == 415 and r.get_json()["field"] == "file"
