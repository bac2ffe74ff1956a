"""Sandbox stand-ins of the video generators, in their real shapes, returning real mp4 clips (made by
ffmpeg from the prompt image, a slow pan, so a test can see that the clip came from the key visual).

Runway (api.dev.runwayml.com, the `runwayml` client's shape; every call needs `Authorization: Bearer`
and `X-Runway-Version: 2024-11-06`):
  POST   /runway/v1/image_to_video   {model, promptImage (data URI or https URL), promptText, ratio,
                                      duration, seed} → {id}
  GET    /runway/v1/tasks/<id>       PENDING → RUNNING → SUCCEEDED {output:[url]} | FAILED | CANCELLED
  DELETE /runway/v1/tasks/<id>       cancel → 204
Veo through the Gemini API (generativelanguage.googleapis.com; header `x-goog-api-key`):
  POST /gemini/v1beta/models/<model>:predictLongRunning   {instances:[{prompt, image{bytesBase64Encoded,
                                      mimeType}}], parameters{aspectRatio, durationSeconds, resolution}}
                                      → {name: models/<model>/operations/<id>}
  GET  /gemini/v1beta/models/<model>/operations/<id>      {name, done, response{generateVideoResponse
                                      {generatedSamples:[{video{uri}}]}}} | {done, error}
  GET  /gemini/v1beta/files/<id>:download?alt=media       the mp4

Faults (sandbox.faults, apis `runway` and `veo`): every generic kind on submission, plus
  failed      the task/operation ends FAILED (Runway) or done with an error (Veo)
  never_done  the task stays RUNNING / the operation never done (a client must give up by itself)
  bad_video   the task succeeds but its file is not a video"""

from __future__ import annotations

import base64
import binascii
import hashlib
import subprocess
import tempfile
import threading
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from flask import Blueprint, Response, jsonify, request

from sandbox import faults
from sandbox.media_apis import synthetic_image

bp = Blueprint("video_apis", __name__)
RUNWAY_VERSION = "2024-11-06"
RUNWAY_RATIOS = {"1280:720": (1280, 720), "720:1280": (720, 1280), "1104:832": (1104, 832),
                 "832:1104": (832, 1104), "960:960": (960, 960), "1584:672": (1584, 672)}  # fmt: skip
RUNWAY_DURATIONS = {"gen4_turbo": (5, 10), "gen4.5": (5, 10)}
VEO_SIZES = {("16:9", "720p"): (1280, 720), ("9:16", "720p"): (720, 1280),
             ("16:9", "1080p"): (1920, 1080), ("9:16", "1080p"): (1080, 1920)}  # fmt: skip
VEO_SECONDS = (4, 6, 8)
TASK_KINDS = ("failed", "never_done", "bad_video")

_lock = threading.Lock()
_jobs: dict[str, dict[str, Any]] = {}
_clips: dict[str, bytes] = {}  # cache: the same image, size and length encode once


def _remember(key: str, job: dict[str, Any]) -> None:
    with _lock:
        while len(_jobs) >= 1000:  # a long-running sandbox keeps the newest tasks only
            _jobs.pop(next(iter(_jobs)))
        _jobs[key] = job


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _generic_fault(api: str) -> tuple[Response | None, str | None]:
    """(an HTTP answer for a generic fault, or a task-level fault kind to remember)."""
    kind = faults.pick(api)
    if not kind:
        return None, None
    if kind in TASK_KINDS:
        return None, kind
    answer = faults.respond(api, kind)
    if answer is None:  # quota and the kinds a blueprint renders itself: the API's own 429
        answer = Response(
            '{"error": "You have exceeded your rate limit."}', status=429, mimetype="application/json"
        )
    return answer, None


def clip_bytes(image: bytes | None, size: tuple[int, int], seconds: int, audio: bool) -> bytes:
    """A real H.264 mp4: the image panned slowly (or a synthetic picture), `seconds` long at 24 fps."""
    key = hashlib.sha256(image or b"").hexdigest() + f"{size}{seconds}{audio}"
    with _lock:
        if key in _clips:
            return _clips[key]
    w, h = size
    with tempfile.TemporaryDirectory() as tmp:
        src, out = Path(tmp) / "in.png", Path(tmp) / "clip.mp4"
        if image:
            src.write_bytes(image)
        else:
            synthetic_image(key, (w, h)).save(src, "PNG")
        cmd = ["ffmpeg", "-nostdin", "-v", "error", "-y", "-loop", "1", "-framerate", "24", "-t", str(seconds),
               "-i", str(src)]  # fmt: skip
        if audio:  # Veo 3 clips carry sound; Runway's do not
            cmd += ["-f", "lavfi", "-t", str(seconds), "-i", "sine=frequency=220:sample_rate=48000"]
        cmd += ["-vf", f"scale={round(w * 1.1)}:{round(h * 1.1)}:force_original_aspect_ratio=increase,"
                       f"crop={w}:{h}:x='(iw-ow)*t/{seconds}':y='(ih-oh)/2',format=yuv420p",
                "-c:v", "libx264", "-preset", "ultrafast", "-crf", "30", "-threads", "1"]  # fmt: skip
        if audio:
            cmd += ["-c:a", "aac", "-b:a", "64k", "-shortest"]
        cmd += ["-movflags", "+faststart", str(out)]
        subprocess.run(cmd, check=True, capture_output=True, timeout=60)
        data = out.read_bytes()
    with _lock:
        if len(_clips) > 16:
            _clips.clear()
        _clips[key] = data
    return data


def _image_of(value: str) -> bytes | None:
    """promptImage: a data URI is decoded; an https URL is not fetched (the sandbox has no internet)."""
    if value.startswith("data:image/") and ";base64," in value:
        try:
            return base64.b64decode(value.split(";base64,", 1)[1], validate=True)
        except (binascii.Error, ValueError):
            raise ValueError("promptImage is not valid base64") from None
    if value.startswith("https://"):
        return None
    raise ValueError("promptImage must be an https URL or a data URI")


def _file(job: dict[str, Any]) -> Response:
    if job["fault"] == "bad_video":
        return Response(b"<html>not a video</html>", mimetype="video/mp4")
    try:
        data = clip_bytes(job["image"], job["size"], job["seconds"], job["audio"])
    except (subprocess.SubprocessError, OSError):
        return jsonify({"error": "the stand-in could not encode this image"}), 500  # type: ignore[return-value]
    return Response(data, mimetype="video/mp4")


# ---------------------------------------------------------------- Runway


def _runway_refusal() -> Response | None:
    if not request.headers.get("Authorization", "").startswith("Bearer "):
        return jsonify({"error": "Missing or invalid API key"}), 401  # type: ignore[return-value]
    if request.headers.get("X-Runway-Version") != RUNWAY_VERSION:
        return jsonify({"error": f"X-Runway-Version must be {RUNWAY_VERSION}"}), 400  # type: ignore[return-value]
    return None


@bp.post("/runway/v1/image_to_video")
def runway_submit():
    refused = _runway_refusal()
    if refused is not None:
        return refused
    answer, task_fault = _generic_fault("runway")
    if answer is not None:
        return answer
    body = request.get_json(silent=True) or {}
    model = body.get("model")
    if model not in RUNWAY_DURATIONS:
        return jsonify({"error": "Validation of body failed", "issues": [{"path": ["model"]}]}), 400
    if body.get("ratio") not in RUNWAY_RATIOS:
        return jsonify({"error": "Validation of body failed", "issues": [{"path": ["ratio"]}]}), 400
    duration = body.get("duration", 10)
    if duration not in RUNWAY_DURATIONS[model]:
        return jsonify({"error": "Validation of body failed", "issues": [{"path": ["duration"]}]}), 400
    text = body.get("promptText", "")
    if not isinstance(text, str) or len(text) > 1000:
        return jsonify({"error": "Validation of body failed", "issues": [{"path": ["promptText"]}]}), 400
    seed = body.get("seed", 0)
    if not isinstance(seed, int) or not 0 <= seed <= 4294967295:
        return jsonify({"error": "Validation of body failed", "issues": [{"path": ["seed"]}]}), 400
    try:
        image = _image_of(str(body.get("promptImage") or ""))
    except ValueError as exc:
        return jsonify({"error": str(exc), "issues": [{"path": ["promptImage"]}]}), 400
    tid = str(uuid.uuid4())
    _remember(tid, {"api": "runway", "image": image, "size": RUNWAY_RATIOS[body["ratio"]], "seconds": duration,
                      "audio": False, "fault": task_fault, "polls": 0, "created": _now(), "cancelled": False})  # fmt: skip
    return jsonify({"id": tid})


def _runway_job(tid: str) -> dict[str, Any] | None:
    job = _jobs.get(tid)
    return job if job is not None and job["api"] == "runway" else None


@bp.get("/runway/v1/tasks/<tid>")
def runway_task(tid: str):
    refused = _runway_refusal()
    if refused is not None:
        return refused
    with _lock:
        job = _runway_job(tid)
        if job is None:
            return jsonify({"error": "Task not found"}), 404
        job["polls"] += 1
        polls, fault, cancelled = job["polls"], job["fault"], job["cancelled"]
    credits = 5 * job["seconds"]
    base = {"id": tid, "createdAt": job["created"]}
    if cancelled:
        return jsonify(base | {"status": "CANCELLED", "cost": {"credits": 0}})
    if polls == 1:
        return jsonify(base | {"status": "PENDING", "estimatedCost": {"credits": credits}})
    if polls == 2 or fault == "never_done":
        return jsonify(base | {"status": "RUNNING", "progress": 0.5, "estimatedCost": {"credits": credits}})
    if fault == "failed":
        return jsonify(base | {"status": "FAILED", "cost": {"credits": 0}, "failureCode": "SAFETY.INPUT.IMAGE",
                               "failure": "The input image did not pass our content moderation."})  # fmt: skip
    url = request.host_url.rstrip("/") + f"/runway/files/{tid}.mp4"
    return jsonify(base | {"status": "SUCCEEDED", "cost": {"credits": credits}, "output": [url]})


@bp.delete("/runway/v1/tasks/<tid>")
def runway_cancel(tid: str):
    refused = _runway_refusal()
    if refused is not None:
        return refused
    with _lock:
        job = _runway_job(tid)
        if job is None:
            return jsonify({"error": "Task not found"}), 404
        job["cancelled"] = True
    return Response(status=204)


@bp.get("/runway/files/<tid>.mp4")
def runway_file(tid: str):
    """The output URL (a pre-signed CDN link in the real API: no key needed)."""
    job = _runway_job(tid)
    if job is None:
        return jsonify({"error": "not found"}), 404
    return _file(job)


# ---------------------------------------------------------------- Veo (Gemini API)


def _veo_error(code: int, message: str, status: str):
    return jsonify({"error": {"code": code, "message": message, "status": status}}), code


@bp.post("/gemini/v1beta/models/<model>:predictLongRunning")
def veo_submit(model: str):
    if not request.headers.get("x-goog-api-key"):
        return _veo_error(403, "API key missing", "PERMISSION_DENIED")
    answer, task_fault = _generic_fault("veo")
    if answer is not None:
        return answer
    body = request.get_json(silent=True) or {}
    try:
        instance = body["instances"][0]
        prompt = instance["prompt"]
    except (KeyError, IndexError, TypeError):
        return _veo_error(400, "instances[0].prompt is required", "INVALID_ARGUMENT")
    params = body.get("parameters") or {}
    if "seed" in params:
        return _veo_error(400, "seed parameter is not supported in the Gemini API", "INVALID_ARGUMENT")
    size = VEO_SIZES.get((params.get("aspectRatio", "16:9"), params.get("resolution", "720p")))
    if size is None:
        return _veo_error(400, "unsupported aspectRatio or resolution", "INVALID_ARGUMENT")
    seconds = params.get("durationSeconds", 8)
    if seconds not in VEO_SECONDS:
        return _veo_error(400, "durationSeconds must be 4, 6 or 8", "INVALID_ARGUMENT")
    image = None
    if instance.get("image"):
        try:
            image = base64.b64decode(instance["image"]["bytesBase64Encoded"], validate=True)
        except (KeyError, TypeError, binascii.Error, ValueError):
            return _veo_error(400, "instances[0].image.bytesBase64Encoded is invalid", "INVALID_ARGUMENT")
    oid = uuid.uuid4().hex[:12]
    name = f"models/{model}/operations/{oid}"
    _remember(oid, {"api": "veo", "image": image, "size": size, "seconds": seconds, "audio": True, "prompt": prompt,
                      "fault": task_fault, "polls": 0, "name": name})  # fmt: skip
    return jsonify({"name": name})


@bp.get("/gemini/v1beta/models/<model>/operations/<oid>")
def veo_operation(model: str, oid: str):
    if not request.headers.get("x-goog-api-key"):
        return _veo_error(403, "API key missing", "PERMISSION_DENIED")
    with _lock:
        job = _jobs.get(oid)
        if job is None or job["api"] != "veo":
            return _veo_error(404, "Operation not found", "NOT_FOUND")
        job["polls"] += 1
        polls, fault = job["polls"], job["fault"]
    if polls < 2 or fault == "never_done":
        return jsonify({"name": job["name"]})  # `done` is absent until it is true, as in the real API
    if fault == "failed":
        return jsonify({"name": job["name"], "done": True,
                        "error": {"code": 3, "message": "The prompt or image violates the usage guidelines."}})  # fmt: skip
    uri = request.host_url.rstrip("/") + f"/gemini/v1beta/files/{oid}:download?alt=media"
    return jsonify(
        {
            "name": job["name"],
            "done": True,
            "response": {
                "@type": "type.googleapis.com/google.ai.generativelanguage.v1beta.PredictLongRunningResponse",
                "generateVideoResponse": {"generatedSamples": [{"video": {"uri": uri}}]},
            },
        }
    )


@bp.get("/gemini/v1beta/files/<oid>:download")
def veo_file(oid: str):
    if not request.headers.get("x-goog-api-key"):
        return _veo_error(403, "API key missing", "PERMISSION_DENIED")
    job = _jobs.get(oid)
    if job is None or job["api"] != "veo":
        return _veo_error(404, "File not found", "NOT_FOUND")
    return _file(job)
