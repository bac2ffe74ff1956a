"""The optional video generators (Runway through the `runwayml` client, Veo through the Gemini API's
REST shape) against their sandbox stand-ins: a real mp4 comes back, ffprobe accepts it, the one ffmpeg
graph puts it in a video that passes its spec, and the provenance names who made each clip. Every
fault — HTTP errors, a timeout, a malformed answer, a failed task, a file that is not a video, a task
that never ends — falls back to the offline motion-on-stills, with the reason recorded."""

from __future__ import annotations

import io
import json
import logging
import subprocess
import time
from pathlib import Path

import pytest
import requests
from PIL import Image, ImageChops

from media import render, spec, video_providers, voice
from media.content import MediaInput
from media.designer import Content
from media.providers import ChainConfigError
from sandbox import video_apis
from sandbox.media_apis import synthetic_image
from shared.settings import reset_settings

SECRET = "rw-test-secret-7f3a"


@pytest.fixture
def video_env(monkeypatch, sandbox, media_root):
    for name, value in {"RUNWAYML_API_SECRET": SECRET, "GEMINI_API_KEY": "g-test", "HTTP_MAX_RETRIES": "1",
                        "RETRY_AFTER_CAP_S": "0", "MEDIA_VIDEO_POLL_S": "0.05",
                        "MEDIA_VIDEO_DEADLINE_S": "30"}.items():  # fmt: skip
        monkeypatch.setenv(name, value)
    reset_settings()
    yield sandbox
    reset_settings()


def _providers(monkeypatch, names: str, **env: str) -> None:
    monkeypatch.setenv("MEDIA_VIDEO_PROVIDERS", names)
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    reset_settings()


def _job(
    tmp_path: Path, prompt: str = "A slow move over the key art.", seconds: float = 1.5
) -> video_providers.ClipJob:
    still = tmp_path / "key.png"
    synthetic_image(f"key:{prompt}", (360, 640)).save(still)
    return video_providers.ClipJob(
        "video_vertical", "artist", 1, still, seconds, prompt, 42, tmp_path / "clip.mp4"
    )


def _clip(job: video_providers.ClipJob):
    names, skipped = video_providers.chain()
    deadline = time.monotonic() + 30
    return video_providers.make_clip(job, names, skipped, deadline, sandbox=True)


@pytest.mark.parametrize("name", ["runway", "veo"])
def test_each_provider_makes_a_real_clip_in_its_api_shape(video_env, monkeypatch, tmp_path, name):
    _providers(monkeypatch, f"{name},offline")
    path, record = _clip(_job(tmp_path))
    assert path is not None and path.is_file(), record
    assert record["provider"] == name and record["task"] and record["prompt"].startswith("A slow move")
    assert (record["width"], record["height"]) == (720, 1280) and record["codec"] == "h264"
    assert record["duration_s"] >= 4.0  # the API's shortest length that covers 1.5 s (the graph trims it)
    assert record["model"] == ("gen4_turbo" if name == "runway" else "veo-3.1-fast-generate-preview")
    assert record["seed"] == (42 if name == "runway" else None)  # the Gemini API's Veo takes no seed
    assert video_env.calls()[name] >= 4  # submit, at least two polls, the download


def _input() -> MediaInput:
    content = Content("Daft Punk", "Random Access Memories", "", "Stream it now", language="en",
                      hook="The drop.", proof="From Paris")  # fmt: skip
    return MediaInput(content=content, brief=None, tone="electronic: euphoric",  # type: ignore[arg-type]
                      concepts={"A": "Neon city at night", "B": "Dark stage"}, picture_url=None,
                      picture_source=None, hook="The drop.", proof="From Paris",
                      script=[], voice_over=["This is Daft Punk.", "Stream it now."])  # fmt: skip


def _render(tmp_path: Path, direction: str = "A"):
    (tmp_path / "v").mkdir(parents=True, exist_ok=True)
    v = voice.synthesize(["This is Daft Punk.", "Stream it now."], "en", tmp_path / "v")
    return render.render_videos("c_video_providers", _input(), direction, 7, "", 0.25, True, "US", v.path,
                                v.meta(), 6.0)  # fmt: skip


@pytest.mark.parametrize("name", ["runway", "veo"])
def test_a_short_with_generated_clips_passes_its_spec(video_env, monkeypatch, tmp_path, media_root, name):
    _providers(monkeypatch, name)
    variant = _render(tmp_path)
    assert variant.state == "ready" and len(variant.files) == 2 and not variant.rejected
    for f in variant.files:
        check = spec.check_video(media_root / f.path, spec.VideoSpec(f.name, f.width, f.height, 6.0))
        assert check.ok, check.failures
    clips = variant.provenance.clips
    assert sorted(c["video"] for c in clips) == ["video_landscape", "video_vertical"]
    assert all(c["provider"] == name and c.get("used", True) and c["scene"] == "artist" for c in clips), clips
    assert {(c["width"], c["height"]) for c in clips} == {(720, 1280), (1280, 720)}
    assert "Neon city at night" in clips[0]["prompt"]  # direction A's concept is the scene's prompt
    # What the provider was given: the designer's wordless key visual at each video's full size.
    sent = [j["image"] for j in list(video_apis._jobs.values())[-2:]]
    assert {Image.open(io.BytesIO(b)).size for b in sent} == {(1080, 1920), (1920, 1080)}
    if name == "runway":
        # The clip is in the video: against the same render without a provider, the artist scene
        # (1.5-3 s) differs and the hook scene (0-1.5 s) is the same designer still.
        vertical = next(f for f in variant.files if f.name == "video_vertical")
        _providers(monkeypatch, "")
        offline = next(f for f in _render(tmp_path / "offline").files if f.name == "video_vertical")
        with_clip, without = media_root / vertical.path, media_root / offline.path
        assert _diff(_frame(with_clip, 2.2), _frame(without, 2.2)) > 20
        assert _diff(_frame(with_clip, 1.0), _frame(without, 1.0)) < 3


def _frame(path: Path, t: float) -> Image.Image:
    png = subprocess.run(["ffmpeg", "-v", "error", "-ss", str(t), "-i", str(path), "-frames:v", "1", "-f", "image2pipe",
                          "-c:v", "png", "-"], capture_output=True, check=True).stdout  # fmt: skip
    return Image.open(io.BytesIO(png)).convert("L")


def _diff(a: Image.Image, b: Image.Image) -> float:
    """Mean absolute difference of two grey frames, 0-255."""
    hist = ImageChops.difference(a, b).histogram()
    return sum(i * n for i, n in enumerate(hist)) / (a.width * a.height)


def test_no_provider_is_the_default_and_the_reason_is_recorded(video_env, monkeypatch, tmp_path):
    monkeypatch.delenv("MEDIA_VIDEO_PROVIDERS", raising=False)
    reset_settings()
    assert video_providers.chain() == (["offline"], [])
    variant = _render(tmp_path, "B")
    assert [c["provider"] for c in variant.provenance.clips] == ["offline", "offline"]
    assert "no video provider configured" in variant.provenance.clips[0]["reason"]
    assert not video_env.calls().get("runway") and not video_env.calls().get("veo")
    _providers(monkeypatch, "runway,veo", GEMINI_API_KEY="")
    assert video_providers.chain() == (
        ["runway", "offline"],
        ["veo not configured (GEMINI_API_KEY is unset)"],
    )
    _providers(monkeypatch, "runway,sora")
    with pytest.raises(ChainConfigError, match="MEDIA_VIDEO_PROVIDERS"):
        video_providers.chain()


@pytest.mark.parametrize(
    ("fault", "reason"),
    [
        ("runway:500", "runway failed: InternalServerError"),
        ("runway:403", "runway failed: PermissionDeniedError"),
        ("runway:malformed", "runway failed: the answer is not valid JSON"),
        (
            "runway:failed",
            "task FAILED: The input image did not pass our content moderation. (SAFETY.INPUT.IMAGE)",
        ),
        ("runway:bad_video", "runway failed: ffprobe rejects the clip"),
        ("veo:503", "veo failed: gave up after 2 attempts (HTTP 503)"),
        ("veo:malformed", "veo failed: HTTP 200 without valid JSON"),
        ("veo:failed", "veo failed: operation failed: The prompt or image violates the usage guidelines."),
        ("veo:bad_video", "veo failed: ffprobe rejects the clip"),
    ],
)
def test_each_fault_falls_back_to_motion_on_stills_with_the_reason(
    video_env, monkeypatch, tmp_path, fault, reason
):
    api = fault.split(":")[0]
    _providers(monkeypatch, api)
    video_env.configure(fault)
    path, record = _clip(_job(tmp_path, prompt=f"fault {fault}"))
    assert path is None and not (tmp_path / "clip.mp4").exists()
    assert record["provider"] == "offline" and record["model"] == video_providers.OFFLINE_MODEL
    assert reason in record["reason"], record["reason"]


def test_a_timeout_moves_on_to_the_next_provider(video_env, monkeypatch, tmp_path):
    _providers(monkeypatch, "runway,veo", HTTP_TIMEOUT_S="1", HTTP_MAX_RETRIES="0")
    video_env.configure("runway:timeout")
    path, record = _clip(_job(tmp_path))
    assert path is not None and record["provider"] == "veo"
    assert record["notes"] == ["runway failed: APITimeoutError: Request timed out."], record["notes"]


def test_polling_honours_the_deadline_and_cancels_the_task(video_env, monkeypatch, tmp_path):
    _providers(monkeypatch, "runway,veo", MEDIA_VIDEO_DEADLINE_S="0.5")
    video_env.configure("runway:never_done,veo:never_done")
    job = _job(tmp_path, prompt="never done")
    names, skipped = video_providers.chain()
    path, record = video_providers.make_clip(job, names, skipped, time.monotonic() + 0.5, sandbox=True)
    assert path is None and record["provider"] == "offline"
    assert record["reason"] == ("runway failed: not done within the deadline (0.5 s); "
                                "veo failed: not done within the deadline (0.5 s)")  # fmt: skip
    calls = video_env.calls()
    assert calls["runway"] <= 15 and calls["veo"] <= 15  # 0.05 s polls within 0.5 s: bounded, no endless loop
    # The Runway task nobody will read was cancelled (no credits spent on it).
    task = next(
        t for t in video_apis._jobs.values() if t["api"] == "runway" and t["polls"] and t["cancelled"]
    )
    assert task["fault"] == "never_done"


def test_a_failing_provider_in_a_whole_render_and_no_secret_anywhere(video_env, monkeypatch, tmp_path, media_root,
                                                                      caplog):  # fmt: skip
    _providers(monkeypatch, "runway")
    video_env.configure("runway:failed")
    caplog.set_level(logging.DEBUG)
    variant = _render(tmp_path)
    assert variant.state == "ready"
    for f in variant.files:
        assert spec.check_video(media_root / f.path, spec.VideoSpec(f.name, f.width, f.height, 6.0)).ok
    assert [c["provider"] for c in variant.provenance.clips] == ["offline", "offline"]
    assert all("task FAILED" in c["reason"] for c in variant.provenance.clips)
    dumped = json.dumps(variant.model_dump())
    assert SECRET not in dumped and SECRET not in caplog.text


def test_the_stand_ins_refuse_what_the_real_apis_refuse(video_env):
    url = video_env.url
    body = {
        "model": "gen4_turbo",
        "promptImage": "data:image/png;base64,AAAA",
        "ratio": "720:1280",
        "duration": 5,
    }
    r = requests.post(
        f"{url}/runway/v1/image_to_video", json=body, headers={"Authorization": "Bearer x"}, timeout=5
    )
    assert r.status_code == 400 and "X-Runway-Version" in r.json()["error"]
    headers = {"Authorization": "Bearer x", "X-Runway-Version": "2024-11-06"}
    r = requests.post(
        f"{url}/runway/v1/image_to_video", json=body | {"duration": 7}, headers=headers, timeout=5
    )
    assert r.status_code == 400 and r.json()["issues"][0]["path"] == ["duration"]
    veo = {
        "instances": [{"prompt": "x"}],
        "parameters": {"aspectRatio": "9:16", "durationSeconds": 4, "seed": 1},
    }
    r = requests.post(f"{url}/gemini/v1beta/models/veo-3.1-fast-generate-preview:predictLongRunning", json=veo,
                      headers={"x-goog-api-key": "k"}, timeout=5)  # fmt: skip
    assert r.status_code == 400 and r.json()["error"]["status"] == "INVALID_ARGUMENT"


def test_the_archived_manifest_names_who_made_each_clip(
    video_env, monkeypatch, done_campaign, run_jobs, account, media_root
):
    """Through the real media jobs (RQ) and the review API: the picked videos' manifest.json."""
    from media.app import create_app
    from shared import store

    _providers(monkeypatch, "runway")
    client = create_app({"TESTING": True}).test_client()
    client.environ_base["HTTP_AUTHORIZATION"] = account.headers["Authorization"]
    assert client.post(f"/api/campaigns/{done_campaign.id}/media").status_code == 202
    run_jobs()
    rec = store.require(done_campaign.id)
    assert rec.media.sets["videos"].state == "in_review", rec.media.sets["videos"]
    r = client.post(f"/api/campaigns/{rec.id}/media/videos/review", json={"pick": "A"})
    assert r.status_code == 200, r.get_json()
    manifest_path = media_root / r.get_json()["media"]["sets"]["videos"]["archive"]["manifest"]
    clips = json.loads(manifest_path.read_text())["provenance"]["clips"]
    assert [(c["video"], c["provider"], c["model"]) for c in sorted(clips, key=lambda c: c["video"])] == [
        ("video_landscape", "runway", "gen4_turbo"),
        ("video_vertical", "runway", "gen4_turbo"),
    ]
    assert all(c["seed"] is not None and c["task"] and c["prompt"] for c in clips)
