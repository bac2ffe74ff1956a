"""Optional video generators behind the same kind of chain as the images (media/providers.py).

A generator turns the direction's key visual (the designer's still of the scene without words, at
the video's full 1080×1920 or 1920×1080 size) and the scene's prompt into a short motion clip. The
one ffmpeg graph (media/video.py) still assembles every video around it — the other scenes' stills,
the voice-over, the burnt subtitles, the audio bed, the end card — so the spec check, the subtitles
and the durations stay ours.

Only the scene without words gets a clip: a generator redraws every pixel and would deform letters
(the image generators paint no text for the same reason), so the hook, the proof and the end card stay
the designer's stills and every word on screen is still the campaign's own, checked by the policy
engine. Providers, in MEDIA_VIDEO_PROVIDERS order (empty, the default: no generator at all):

  runway  the official `runwayml` client: image_to_video → tasks/{id} polled until SUCCEEDED,
          FAILED or CANCELLED (RUNWAYML_API_SECRET, RUNWAYML_BASE_URL, RUNWAY_VIDEO_MODEL)
  veo     the Gemini API over plain HTTP (media/http.py, like the Gemini images):
          models/{model}:predictLongRunning → the operation polled until `done` →
          response.generateVideoResponse.generatedSamples[].video.uri (GEMINI_API_KEY,
          GEMINI_BASE_URL, VEO_MODEL). google-genai 3.x no longer offers Veo in its Gemini API mode
          (Vertex only), so this shape has no current client library; 2.x's converters document it.
  offline motion on the still (zoompan), always last

The clips of one variant (one per video size) are generated in parallel and must all be done within
MEDIA_VIDEO_DEADLINE_S, well inside the media job's timeout. A timeout, a 4xx/5xx, a failed or
cancelled task, a malformed answer, or a file ffprobe rejects moves that clip down the chain; a clip
that breaks the final render is dropped for the second attempt. Each clip's record (provider, model,
prompt, seed, task — or the fallback and every reason) goes into the variant's provenance and so into
the archive's manifest."""

from __future__ import annotations

import base64
import io
import logging
import re
import subprocess
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from PIL import Image

from media import spec
from media.designer import Content
from media.http import ProviderError, get_bytes, request_json
from media.providers import ChainConfigError, gemini_base
from media.video import Scene
from shared.settings import get_settings

log = logging.getLogger(__name__)

KNOWN = ("runway", "veo", "offline")
OFFLINE_MODEL = "ffmpeg-zoompan"
CLIP_SCENES = ("artist",)  # the scene kinds whose still carries no words once drawn wordless
MIN_CLIP_S = 1.0
RUNWAY_SECONDS = (5, 10)
VEO_SECONDS = (4, 6, 8)
_OPERATION = re.compile(r"^[A-Za-z0-9][\w.\-]*(/[\w.\-]+)*$")  # models/<model>/operations/<id>


@dataclass
class ClipJob:
    video: str  # the video's role, e.g. "video_vertical"
    scene: str  # the scene kind, e.g. "artist"
    index: int  # the scene's place in the plan
    still: Path  # the key visual, at the video's full size
    seconds: float  # the scene's length in the video
    prompt: str
    seed: int
    out: Path

    @property
    def vertical(self) -> bool:
        with Image.open(self.still) as img:
            return img.height > img.width


def chain() -> tuple[list[str], list[str]]:
    """(providers to try, with offline last; why a listed provider is left out)."""
    s = get_settings()
    names = [n.strip().lower() for n in s.MEDIA_VIDEO_PROVIDERS.split(",") if n.strip()]
    for n in names:
        if n not in KNOWN:
            raise ChainConfigError(f"environment variable MEDIA_VIDEO_PROVIDERS: unknown provider {n!r}")
    keys = {"runway": "RUNWAYML_API_SECRET", "veo": "GEMINI_API_KEY"}
    out, skipped = [], []
    for n in names:
        if n == "offline":
            break  # nothing after the offline renderer is ever tried
        if s.secret(keys[n]):
            out.append(n)
        else:
            skipped.append(f"{n} not configured ({keys[n]} is unset)")
    return [*out, "offline"], skipped


def clip_prompt(concept: str, tone: str, comment: str = "") -> str:
    parts = [
        concept.rstrip(".") + "." if concept.strip() else "",
        "A slow, smooth camera move over this key art for a music campaign; keep its composition, its "
        "figures and its colours.",
        f"Mood: {tone.split(':', 1)[0]}." if tone else "",
        f"Client's direction for this round: {comment}." if comment else "",
        "No text, no letters, no logos, no watermarks.",
    ]
    return " ".join(p for p in parts if p)[:1000]  # Runway's promptText limit


def wordless(content: Content) -> Content:
    """The content with every word removed: what the designer draws for a generator to animate."""
    return replace(content, artist="", release="", key_message="", cta="", hook="", proof="", domain="")


def _jpeg_b64(still: Path) -> str:
    buf = io.BytesIO()
    with Image.open(still) as img:
        img.convert("RGB").save(buf, "JPEG", quality=90)
    return base64.b64encode(buf.getvalue()).decode()


def _seconds(wanted: float, allowed: tuple[int, ...]) -> int:
    """The shortest length the API offers that covers the scene (the graph trims the rest)."""
    return next((d for d in allowed if d >= wanted), allowed[-1])


def _wait(deadline: float) -> None:
    poll = get_settings().MEDIA_VIDEO_POLL_S
    if time.monotonic() + poll > deadline:
        raise ProviderError(f"not done within the deadline ({get_settings().MEDIA_VIDEO_DEADLINE_S:g} s)")
    time.sleep(poll)


def runway_clip(job: ClipJob, deadline: float, sandbox: bool) -> dict[str, Any]:
    import runwayml

    s = get_settings()
    model = s.RUNWAY_VIDEO_MODEL
    client = runwayml.RunwayML(
        api_key=s.secret("RUNWAYML_API_SECRET"),
        base_url=s.api_url(
            "RUNWAYML_BASE_URL", sandbox=sandbox, live="https://api.dev.runwayml.com", sandbox_path="/runway"
        ),
        timeout=s.HTTP_TIMEOUT_S,
        max_retries=s.HTTP_MAX_RETRIES,
    )
    seconds = _seconds(job.seconds, RUNWAY_SECONDS)
    seed = job.seed % 2**32  # the API takes 0..4294967295
    task_id = ""
    try:
        task = client.image_to_video.create(
            model=model,  # type: ignore[arg-type]
            prompt_image="data:image/jpeg;base64," + _jpeg_b64(job.still),
            prompt_text=job.prompt,
            ratio="720:1280" if job.vertical else "1280:720",
            duration=seconds,
            seed=seed,
        )
        task_id = task.id
        # Our own loop, not the SDK's wait_for_task_output: that one sleeps 6 s between polls and
        # keeps polling a CANCELLED task until its timeout.
        while True:
            state = client.tasks.retrieve(task_id)
            if state.status == "SUCCEEDED":
                break
            if state.status in ("FAILED", "CANCELLED"):
                why = getattr(state, "failure", "") or ""
                code = getattr(state, "failure_code", "") or ""
                raise ProviderError(
                    f"task {state.status}" + (f": {why}" if why else "") + (f" ({code})" if code else "")
                )
            if state.status not in ("PENDING", "THROTTLED", "RUNNING"):
                raise ProviderError(f"task status {state.status!r}")
            try:
                _wait(deadline)
            except ProviderError:
                _cancel(client, task_id)  # a task nobody will read must not keep spending credits
                raise
    except runwayml.RunwayMLError as exc:
        raise ProviderError(f"{type(exc).__name__}: {str(exc)[:200]}") from None
    except ValueError as exc:  # the client parses the body as JSON before it validates anything
        raise ProviderError(f"the answer is not valid JSON ({str(exc)[:120]})") from None
    output = list(getattr(state, "output", None) or [])
    if not output or not isinstance(output[0], str):
        raise ProviderError("the task succeeded without an output URL")
    job.out.write_bytes(get_bytes(output[0]))
    return {"provider": "runway", "model": model, "seed": seed, "task": task_id, "requested_s": seconds}


def _cancel(client: Any, task_id: str) -> None:
    try:
        client.tasks.delete(task_id)
    except Exception as exc:  # best effort: the clip has already failed for its own reason
        log.warning("runway: could not cancel task %s: %s", task_id, type(exc).__name__)


def veo_clip(job: ClipJob, deadline: float, sandbox: bool) -> dict[str, Any]:
    s = get_settings()
    base = gemini_base(sandbox)
    model = s.VEO_MODEL
    headers = {"x-goog-api-key": s.secret("GEMINI_API_KEY") or ""}
    seconds = _seconds(job.seconds, VEO_SECONDS)
    body = {
        "instances": [
            {"prompt": job.prompt, "image": {"bytesBase64Encoded": _jpeg_b64(job.still), "mimeType": "image/jpeg"}}
        ],
        # No seed: the Gemini API's Veo refuses one (only Vertex takes it).
        "parameters": {"aspectRatio": "9:16" if job.vertical else "16:9", "durationSeconds": seconds,
                       "resolution": "720p"},
    }  # fmt: skip
    op = request_json("POST", f"{base}/v1beta/models/{model}:predictLongRunning", json=body, headers=headers)
    name = op.get("name")
    if not isinstance(name, str) or not _OPERATION.match(name) or ".." in name:
        raise ProviderError("the answer names no operation")
    while not op.get("done"):
        _wait(deadline)
        op = request_json("GET", f"{base}/v1beta/{name}", headers=headers)
    if op.get("error"):
        err = op["error"] if isinstance(op["error"], dict) else {"message": str(op["error"])}
        raise ProviderError(f"operation failed: {str(err.get('message') or err)[:200]}")
    answer = (op.get("response") or {}).get("generateVideoResponse") or {}
    samples = answer.get("generatedSamples") or []
    video = (samples[0] or {}).get("video") if samples and isinstance(samples[0], dict) else None
    if not isinstance(video, dict):
        reasons = answer.get("raiMediaFilteredReasons") or []
        raise ProviderError(
            "no video in the answer"
            + (f" (filtered: {'; '.join(map(str, reasons))[:200]})" if reasons else "")
        )
    if video.get("encodedVideo"):
        data = base64.b64decode(video["encodedVideo"])
    elif isinstance(video.get("uri"), str):
        uri = video["uri"]
        # The file is downloaded with the key, but the key only ever goes to the API's own host.
        data = get_bytes(uri, headers=headers if uri.startswith(base + "/") else None)
    else:
        raise ProviderError("the video has neither uri nor encodedVideo")
    job.out.write_bytes(data)
    return {"provider": "veo", "model": model, "seed": None, "task": name, "requested_s": seconds,
            "note": "the Gemini API's Veo takes no seed"}  # fmt: skip


GENERATORS: dict[str, Callable[[ClipJob, float, bool], dict[str, Any]]] = {
    "runway": runway_clip,
    "veo": veo_clip,
}


def check_clip(path: Path) -> dict[str, Any]:
    """What ffprobe says of a downloaded clip; a ProviderError when it is not a usable video."""
    try:
        info = spec.ffprobe(path)
    except (RuntimeError, ValueError, OSError, subprocess.TimeoutExpired) as exc:
        raise ProviderError(f"ffprobe rejects the clip: {str(exc)[:200]}") from None
    stream = next((st for st in info.get("streams") or [] if st.get("codec_type") == "video"), None)
    if stream is None:
        raise ProviderError("the clip has no video stream")
    try:
        seconds = float((info.get("format") or {}).get("duration") or stream.get("duration") or 0)
        width, height = int(stream.get("width") or 0), int(stream.get("height") or 0)
    except (TypeError, ValueError):
        raise ProviderError("ffprobe reports no duration or size for the clip") from None
    if seconds < MIN_CLIP_S or width < 16 or height < 16:
        raise ProviderError(f"the clip is too short or too small ({seconds:.2f} s, {width}×{height})")
    return {
        "width": width,
        "height": height,
        "duration_s": round(seconds, 3),
        "codec": stream.get("codec_name"),
    }


def make_clip(
    job: ClipJob, names: list[str], skipped: list[str], deadline: float, sandbox: bool
) -> tuple[Path | None, dict[str, Any]]:
    reasons = list(skipped)
    base = {"video": job.video, "scene": job.scene}
    for name in names:
        if name == "offline":
            break
        try:
            record = GENERATORS[name](job, deadline, sandbox)
            record |= check_clip(job.out)
            return job.out, {**base, **record, "prompt": job.prompt, "notes": reasons}
        except (ProviderError, OSError, ValueError) as exc:
            log.warning("video provider %s failed for %s: %s", name, job.video, exc)
            reasons.append(f"{name} failed: {exc}")
            job.out.unlink(missing_ok=True)
    why = "; ".join(reasons) or "no video provider configured (MEDIA_VIDEO_PROVIDERS)"
    return None, {**base, "provider": "offline", "model": OFFLINE_MODEL, "seed": job.seed, "reason": why}


class ClipSet:
    """The clips of one video variant, generated in the background while the stills are drawn; the
    render takes each video's clips with `apply` and gives them back with `drop` if they break it."""

    def __init__(self) -> None:
        self.futures: dict[str, list[tuple[int, Future]]] = {}
        self.records: list[dict[str, Any]] = []

    def apply(self, video: str, scenes: list[Scene]) -> list[Scene]:
        out = list(scenes)
        for index, future in self.futures.pop(video, []):
            path, record = future.result()
            self.records.append(record)
            if path is not None:
                out[index] = replace(out[index], clip=path)
        return out

    def drop(self, video: str, scenes: list[Scene], why: str) -> list[Scene]:
        """The second attempt: motion on the stills again; the clip's record says why."""
        for record in self.records:
            if record["video"] == video and record["provider"] != "offline":
                record |= {"used": False, "reason": f"the render with this clip failed: {why[:300]}"}
        return [replace(s, clip=None) for s in scenes]


def start(
    videos: dict[str, tuple[int, int]],
    plan: list[tuple[str, str, str]],
    durations: list[float],
    key_visual: Callable[[str, tuple[int, int], int], Image.Image],
    prompt: str,
    seed: int,
    work: Path,
    sandbox: bool,
) -> ClipSet:
    """Start the clips of every video (size by role) for the plan's wordless scenes. With no provider
    configured this draws nothing and calls nobody: each scene is recorded as offline, and why."""
    clips = ClipSet()
    names, skipped = chain()
    deadline = time.monotonic() + get_settings().MEDIA_VIDEO_DEADLINE_S
    jobs: list[ClipJob] = []
    for video, size in videos.items():
        for i, (kind, _text, _motion) in enumerate(plan):
            if kind not in CLIP_SCENES:
                continue
            still = work / f"{video}-s{i}-key.png"
            if len(names) > 1:
                key_visual(kind, size, seed + i).save(still, "PNG")
            jobs.append(
                ClipJob(
                    video, kind, i, still, durations[i], prompt, seed + i, work / f"{video}-s{i}-clip.mp4"
                )
            )
    if len(names) == 1:  # offline only: the records, at once, without a thread
        for job in jobs:
            done: Future = Future()
            done.set_result(make_clip(job, names, skipped, deadline, sandbox))
            clips.futures.setdefault(job.video, []).append((job.index, done))
        return clips
    pool = ThreadPoolExecutor(max_workers=len(jobs), thread_name_prefix="video-clip")
    for job in jobs:
        future = pool.submit(make_clip, job, names, skipped, deadline, sandbox)
        clips.futures.setdefault(job.video, []).append((job.index, future))
    pool.shutdown(wait=False)  # the threads end by the deadline; `apply` waits for the ones it needs
    return clips
