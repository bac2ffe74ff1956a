"""Sandbox stand-ins of the media generators, in their real shapes, plus the pictures the sandbox's
data sources link to (https://sandbox.example.com/images/... is served here as /images/...).

  POST /openai/v1/images/generations                 OpenAI Images: {created, data:[{b64_json}], usage}
  POST /gemini/v1beta/models/<model>:generateContent  Gemini: candidates[].content.parts[].inlineData
  POST /fal/<model path>                              fal queue: {request_id, status_url, response_url}
  GET  /fal/<model path>/requests/<id>/status         {status: IN_QUEUE | IN_PROGRESS | COMPLETED}
  GET  /fal/<model path>/requests/<id>                {images:[{url, width, height}], seed}
  POST /elevenlabs/v1/text-to-speech/<voice>/with-timestamps   {audio_base64, alignment{…}}
  GET  /images/<kind>/<id>/<size>.jpg                 a synthetic picture (clearly not a photo)

Images are synthetic and deterministic (from the prompt and the seed); the speech is espeak-ng's.
Faults come from sandbox.faults like every other API (openai, gemini, fal, elevenlabs)."""

from __future__ import annotations

import base64
import hashlib
import io
import random
import subprocess
import tempfile
import time
import uuid
import wave
from pathlib import Path

from flask import Blueprint, Response, jsonify, request, url_for
from PIL import Image, ImageDraw, ImageFilter

from sandbox import faults

bp = Blueprint("media_apis", __name__)
_fal_jobs: dict[str, dict] = {}


def _fault(api: str) -> Response | None:
    kind = faults.pick(api)
    if not kind:
        return None
    generic = faults.respond(api, kind)
    if generic is not None:
        return generic
    return Response('{"error": {"message": "quota exceeded"}}', status=429, mimetype="application/json")


def synthetic_image(key: str, size: tuple[int, int] = (1024, 1024)) -> Image.Image:
    """A deterministic abstract picture: layered soft shapes in a palette from the key."""
    rng = random.Random(hashlib.sha256(key.encode()).digest())
    w, h = size
    hue = [tuple(rng.randint(30, 230) for _ in range(3)) for _ in range(4)]
    img = Image.new("RGB", (w, h), hue[0])
    d = ImageDraw.Draw(img)
    for i in range(14):
        r = rng.uniform(0.1, 0.45) * min(w, h)
        x, y = rng.uniform(0, w), rng.uniform(0, h)
        d.ellipse((x - r, y - r, x + r, y + r), fill=hue[1 + i % 3])
    # A figure-like silhouette, so layouts that crop for a face have something to frame.
    cx = w * rng.uniform(0.4, 0.6)
    d.ellipse((cx - w * 0.12, h * 0.22, cx + w * 0.12, h * 0.46), fill=(25, 25, 30))
    d.rounded_rectangle(
        (cx - w * 0.22, h * 0.48, cx + w * 0.22, h * 1.1), radius=int(w * 0.1), fill=(25, 25, 30)
    )
    return img.filter(ImageFilter.GaussianBlur(min(w, h) * 0.004))


def _png(img: Image.Image) -> bytes:
    buf = io.BytesIO()
    img.save(buf, "PNG")
    return buf.getvalue()


@bp.get("/images/<kind>/<item>/<name>")
def picture(kind: str, item: str, name: str):
    if not name.endswith(".jpg") or kind not in ("artist", "cover", "genre", "yt"):
        return jsonify({"error": "not found"}), 404
    try:
        side = int(name.split("x")[0]) if "x" in name else 500
    except ValueError:
        side = 500
    side = max(56, min(side, 1000))
    buf = io.BytesIO()
    synthetic_image(f"{kind}/{item}", (side, side)).save(buf, "JPEG", quality=88)
    return Response(buf.getvalue(), mimetype="image/jpeg")


# ---------------------------------------------------------------- OpenAI Images


@bp.post("/openai/v1/images/generations")
def openai_images():
    if not request.headers.get("Authorization", "").startswith("Bearer "):
        return jsonify(
            {"error": {"message": "You didn't provide an API key.", "type": "invalid_request_error"}}
        ), 401
    body = request.get_json(silent=True) or {}
    if not body.get("prompt"):
        return jsonify({"error": {"message": "'prompt' is required", "type": "invalid_request_error"}}), 400
    fault = _fault("openai")
    if fault is not None:
        return fault
    w, h = (int(v) for v in str(body.get("size") or "1024x1024").split("x"))
    img = synthetic_image(f"openai:{body['prompt']}:{body.get('user', '')}", (w, h))
    return jsonify(
        {
            "created": int(time.time()),
            "data": [{"b64_json": base64.b64encode(_png(img)).decode(), "revised_prompt": body["prompt"]}],
            "usage": {"input_tokens": len(body["prompt"].split()), "output_tokens": 1056, "total_tokens": 0},
        }
    )


# ---------------------------------------------------------------- Gemini


@bp.post("/gemini/v1beta/models/<model>:generateContent")
def gemini_generate(model: str):
    if not request.headers.get("x-goog-api-key"):
        return jsonify(
            {"error": {"code": 403, "message": "API key missing", "status": "PERMISSION_DENIED"}}
        ), 403
    fault = _fault("gemini")
    if fault is not None:
        return fault
    body = request.get_json(silent=True) or {}
    try:
        prompt = body["contents"][0]["parts"][0]["text"]
    except (KeyError, IndexError, TypeError):
        return jsonify({"error": {"code": 400, "message": "contents[0].parts[0].text is required",
                                  "status": "INVALID_ARGUMENT"}}), 400  # fmt: skip
    seed = (body.get("generationConfig") or {}).get("seed", 0)
    img = synthetic_image(f"gemini:{prompt}:{seed}")
    return jsonify(
        {
            "candidates": [
                {
                    "content": {"role": "model", "parts": [
                        {"inlineData": {"mimeType": "image/png", "data": base64.b64encode(_png(img)).decode()}}]},
                    "finishReason": "STOP",
                    "index": 0,
                }
            ],
            "usageMetadata": {"promptTokenCount": len(prompt.split()), "candidatesTokenCount": 1290},
            "modelVersion": model,
        }
    )  # fmt: skip


# ---------------------------------------------------------------- fal queue


@bp.post("/fal/<path:model>")
def fal_submit(model: str):
    if not request.headers.get("Authorization", "").startswith("Key "):
        return jsonify({"detail": "Missing credentials"}), 401
    fault = _fault("fal")
    if fault is not None:
        return fault
    body = request.get_json(silent=True) or {}
    rid = uuid.uuid4().hex
    _fal_jobs[rid] = {"model": model, "body": body, "polls": 0}
    base = request.host_url.rstrip("/") + f"/fal/{model}/requests/{rid}"
    return jsonify(
        {
            "request_id": rid,
            "status_url": base + "/status",
            "response_url": base,
            "cancel_url": base + "/cancel",
        }
    )


@bp.get("/fal/<path:model>/requests/<rid>/status")
def fal_status(model: str, rid: str):
    job = _fal_jobs.get(rid)
    if job is None:
        return jsonify({"detail": "Request not found"}), 404
    job["polls"] += 1
    status = "IN_QUEUE" if job["polls"] == 1 else "COMPLETED"
    return jsonify({"status": status, "request_id": rid, "queue_position": 0 if status != "IN_QUEUE" else 1})


@bp.get("/fal/<path:model>/requests/<rid>")
def fal_result(model: str, rid: str):
    job = _fal_jobs.get(rid)
    if job is None:
        return jsonify({"detail": "Request not found"}), 404
    size = job["body"].get("image_size") or {"width": 1024, "height": 1024}
    url = request.host_url.rstrip("/") + url_for("media_apis.fal_file", rid=rid)
    return jsonify({"images": [{"url": url, "width": size["width"], "height": size["height"],
                                "content_type": "image/png"}], "seed": job["body"].get("seed", 0)})  # fmt: skip


@bp.get("/fal/files/<rid>.png")
def fal_file(rid: str):
    job = _fal_jobs.get(rid)
    if job is None:
        return jsonify({"detail": "not found"}), 404
    size = job["body"].get("image_size") or {"width": 1024, "height": 1024}
    img = synthetic_image(f"fal:{job['body'].get('prompt')}:{job['body'].get('seed')}",
                          (int(size["width"]), int(size["height"])))  # fmt: skip
    return Response(_png(img), mimetype="image/png")


# ---------------------------------------------------------------- ElevenLabs


@bp.post("/elevenlabs/v1/text-to-speech/<voice_id>/with-timestamps")
def elevenlabs_tts(voice_id: str):
    if not request.headers.get("xi-api-key"):
        return jsonify({"detail": {"status": "needs_authorization", "message": "missing xi-api-key"}}), 401
    fault = _fault("elevenlabs")
    if fault is not None:
        return fault
    body = request.get_json(silent=True) or {}
    text = str(body.get("text") or "")
    if not text:
        return jsonify({"detail": {"status": "invalid_request", "message": "text is required"}}), 422
    lang = str(body.get("language_code") or "en")
    with tempfile.TemporaryDirectory() as tmp:
        wav, mp3 = Path(tmp) / "s.wav", Path(tmp) / "s.mp3"
        subprocess.run(
            ["espeak-ng", "-v", lang, "-w", str(wav), text], check=True, capture_output=True, timeout=30
        )
        with wave.open(str(wav)) as w:
            seconds = w.getnframes() / w.getframerate()
        subprocess.run(["ffmpeg", "-v", "error", "-y", "-i", str(wav), "-c:a", "libmp3lame", "-b:a", "128k",
                        "-ar", "44100", str(mp3)], check=True, capture_output=True, timeout=30)  # fmt: skip
        audio = mp3.read_bytes()
    # Characters spread evenly over the speech: a stand-in for the real forced alignment.
    n = len(text)
    starts = [round(seconds * i / n, 3) for i in range(n)]
    ends = [round(seconds * (i + 1) / n, 3) for i in range(n)]
    alignment = {"characters": list(text), "character_start_times_seconds": starts,
                 "character_end_times_seconds": ends}  # fmt: skip
    return jsonify({"audio_base64": base64.b64encode(audio).decode(), "alignment": alignment,
                    "normalized_alignment": alignment})  # fmt: skip
