"""A done campaign → the media stage (the pipeline row, real RQ jobs, sandbox) → both sets in review
with spec-checked files → the client's review over the MEDIA API: pick, bad picks, a new iteration
steered by a comment, Range requests, the archive and the exports."""

from __future__ import annotations

import io
import json
import os
import stat
import zipfile

import pytest

from media import spec
from shared import events, store


@pytest.fixture
def client(redis_db, account):
    """MEDIA's API as the campaign's marketer (a real account and bearer token)."""
    from media.app import create_app

    c = create_app({"TESTING": True}).test_client()
    c.environ_base["HTTP_AUTHORIZATION"] = account.headers["Authorization"]
    return c


def _started(done_campaign, run_jobs, client):
    # MEDIA_AUTOSTART was off when it got done (the row's job skipped): start it on demand.
    assert client.post(f"/api/campaigns/{done_campaign.id}/media").status_code == 202
    run_jobs()
    return store.require(done_campaign.id)


def test_media_stage_renders_both_sets_into_review(done_campaign, run_jobs, client, media_root):
    rec = _started(done_campaign, run_jobs, client)
    assert rec.state == "done" and rec.media is not None
    assert rec.media.state_summary() == {"images": "in_review", "videos": "in_review"}
    for ms in rec.media.sets.values():
        for v in ms.variants.values():
            assert v.state == "ready" and v.files and v.provenance
            for f in v.files:
                path = media_root / f.path
                assert path.is_file() and f.spec and f.spec.ok, f.spec
                assert path.stem == f.sha256  # content-addressed
    vid = rec.media.sets["videos"].variants["A"].files[0]
    check = spec.check_video(media_root / vid.path, spec.VideoSpec("v", vid.width, vid.height, 6.0))
    assert check.ok and check.checks["faststart"] and check.checks["audio_codec"] == "aac"
    assert rec.media.sets["videos"].variants["A"].provenance.voice["provider"] in ("piper", "espeak")
    stages = [e["stage"] for e in events.read_events(rec.id)]
    assert stages.index("done") < stages.index("media")  # the live page continues after done
    assert not list(media_root.glob("**/.tmp-*")) and not any((media_root / ".work").iterdir())

    # API: the sets, with URLs; Range requests on a video.
    body = client.get(f"/api/campaigns/{rec.id}/media").get_json()
    url = body["media"]["sets"]["videos"]["variants"]["B"]["files"][0]["url"]
    part = client.get(url, headers={"Range": "bytes=0-99"})
    assert (
        part.status_code == 206
        and len(part.data) == 100
        and part.headers["Content-Range"].startswith("bytes 0-99/")
    )
    assert client.get("/media/c_x/../../etc/passwd").status_code == 404
    # Another workspace sees neither the media nor the files; no token is a 401.
    from tests.auth import OTHER_WORKSPACE, make_account

    other = make_account("bob", OTHER_WORKSPACE).headers
    assert client.get(f"/api/campaigns/{rec.id}/media", headers=other).status_code == 404
    assert client.get(url, headers=other).status_code == 404
    assert client.get(url, headers={"Authorization": ""}).status_code == 401

    # Bad reviews: 4xx naming the problem.
    r = client.post(f"/api/campaigns/{rec.id}/media/posters/review", json={"pick": "A"})
    assert r.status_code == 404 and r.get_json()["field"] == "set"
    r = client.post(f"/api/campaigns/{rec.id}/media/images/review", json={"pick": "C"})
    assert r.status_code == 422 and r.get_json()["field"] == "pick"
    r = client.post(f"/api/campaigns/{rec.id}/media/images/review", json={"pick": "A", "iterate": "x"})
    assert r.status_code == 400
    assert client.get(f"/api/campaigns/{rec.id}/media/export/zip").status_code == 409  # nothing approved yet

    # Pick A: archived, read-only, with a manifest.
    r = client.post(f"/api/campaigns/{rec.id}/media/images/review", json={"pick": "A"})
    assert r.status_code == 200, r.get_json()
    images = r.get_json()["media"]["sets"]["images"]
    assert images["state"] == "approved_A" and images["reviews"][-1]["by"] == "ana"
    manifest_path = media_root / images["archive"]["manifest"]
    manifest = json.loads(manifest_path.read_text())
    assert manifest["picked_by"] == "ana" and manifest["provenance"]["seed"] and len(manifest["files"]) == 7
    assert all(f["spec_check"]["ok"] for f in manifest["files"])
    assert not os.stat(manifest_path).st_mode & stat.S_IWUSR
    r = client.post(f"/api/campaigns/{rec.id}/media/images/review", json={"pick": "B"})
    assert r.status_code == 409 and r.get_json()["error"] == "already_approved"

    # New iteration on the videos: round 2, steered by the comment.
    r = client.post(f"/api/campaigns/{rec.id}/media/videos/review", json={"iterate": "darker, no photo"})
    assert r.status_code == 202
    r = client.post(f"/api/campaigns/{rec.id}/media/videos/review", json={"pick": "A"})
    assert r.status_code == 409 and r.get_json()["error"] == "not_in_review"
    run_jobs()
    videos = store.require(rec.id).media.sets["videos"]
    assert videos.round == 2 and videos.state == "in_review" and videos.comment == "darker, no photo"
    assert "steer: darker" in videos.variants["A"].provenance.notes
    r = client.post(f"/api/campaigns/{rec.id}/media/videos/review", json={"pick": "B"})
    assert r.status_code == 200

    # Exports of what was approved.
    z = zipfile.ZipFile(io.BytesIO(client.get(f"/api/campaigns/{rec.id}/media/export/zip").data))
    names = z.namelist()
    assert "images-A/manifest.json" in names and "videos-B/video_vertical.mp4" in names
    yt = client.get(f"/api/campaigns/{rec.id}/media/export/youtube").get_json()
    assert len(yt["snippet"]["title"]) <= 100 and "<" not in yt["snippet"]["description"]
    assert len(yt["snippet"]["description"].encode()) <= 5000 and yt["thumbnail"].endswith(".jpg")
    csv_text = client.get(f"/api/campaigns/{rec.id}/media/export/display-csv").data.decode()
    assert "Responsive display ad" in csv_text and "images-A/landscape.jpg" in csv_text
    ops = client.get(f"/api/campaigns/{rec.id}/media/export/display-ops?customer_id=123-456-7890").get_json()
    assert ops["mutate_operations"][0]["asset_operation"]["create"]["type_"] == "IMAGE"
    assert client.get(f"/api/campaigns/{rec.id}/media/export/display-ops").status_code == 400


def test_media_expire_with_their_campaign(done_campaign, run_jobs, media_root, client):
    from media import jobs

    rec = _started(done_campaign, run_jobs, client)
    assert (media_root / rec.id).is_dir()
    store.delete(rec.id)
    assert jobs.sweep()["campaigns"] == 1 and not (media_root / rec.id).exists()
