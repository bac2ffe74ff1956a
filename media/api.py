"""MEDIA's HTTP API: the sets and their files, the client's review, on-demand start, the audio bed
upload, the exports, and the files themselves (Range requests answered by Flask's conditional
send_from_directory: 206, Content-Range, ETag — so video seeking works).

Every route needs an account (`Authorization: Bearer <token>`; MAIN forwards its signed-in user's)
and answers for that account's workspace only: another workspace's campaign, and its files, are a
404 exactly like a missing one. Who reviewed is that account's username."""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

from flask import Blueprint, Response, jsonify, redirect, request, send_from_directory

from media import exports, review, s3, storage
from media.review import ReviewError
from shared import store
from shared.models.media import SET_NAMES
from shared.queues import enqueue, fetch_job, job_id
from shared.web import ApiError, json_body
from shared.webauth import require_account

bp = Blueprint("media_api", __name__)

MAX_BED_BYTES = 20 * 1024 * 1024
BED_TYPES = {"audio/mpeg": "mp3", "audio/wav": "wav", "audio/x-wav": "wav", "audio/mp4": "m4a", "audio/aac": "m4a",
             "audio/x-m4a": "m4a"}  # fmt: skip


def _record(cid: str):
    workspace = require_account().workspace
    rec = store.get_in(cid, workspace) if store.valid_id(cid) else None
    if rec is None:
        raise ApiError(404, "no such campaign", "campaign_id", "not_found")
    return rec


def _who() -> str:
    return require_account().username


@bp.errorhandler(ReviewError)
def _review_error(exc: ReviewError):
    return jsonify({"error": exc.code, "message": exc.message, "field": exc.field,
                    "fields": {exc.field: exc.message}}), exc.status  # fmt: skip


@bp.get("/api/campaigns/<cid>/media")
def get_media(cid: str):
    return jsonify(review.public_view(_record(cid)))


@bp.post("/api/campaigns/<cid>/media")
def start_media(cid: str):
    """Start the media on demand (when MEDIA_AUTOSTART is off, or to resume)."""
    rec = _record(cid)
    if rec.state != "done":
        raise ApiError(409, f"media are rendered once the campaign is done; it is {rec.state}", "campaign_id",
                       "not_done")  # fmt: skip
    if rec.campaign.creative_brief is None:
        raise ApiError(409, "the campaign has no creative brief to render", "campaign_id", "no_brief")
    if rec.media is not None:
        return jsonify(review.public_view(rec) | {"status": "already_started"}), 200
    jid = job_id("media", cid, "media", "api")
    if fetch_job(jid) is None:
        enqueue("media", "media.jobs.start", cid, 0, "api", id=jid)
    return jsonify({"status": "started", "campaign_id": cid}), 202


@bp.post("/api/campaigns/<cid>/media/<set_name>/review")
def post_review(cid: str, set_name: str):
    _record(cid)
    if set_name not in SET_NAMES:
        raise ReviewError(404, f"unknown set {set_name!r}; expected one of {', '.join(SET_NAMES)}", "set",
                          "unknown_set")  # fmt: skip
    action, value = review.parse_review(json_body())
    rec, ms = review.review(cid, set_name, action, value, _who())
    if action == "iterate":
        enqueue(
            "media",
            "media.jobs.next_round",
            cid,
            set_name,
            id=job_id("media", cid, set_name, "next", f"r{ms.round}"),
        )
    body = review.public_view(rec)
    body["review"] = ms.reviews[-1].model_dump()
    return jsonify(body), 202 if action == "iterate" else 200


@bp.post("/api/campaigns/<cid>/media/audio-bed")
def upload_bed(cid: str):
    """The marketer's own audio bed (never a track the product found), mixed under the voice in the
    next video round. Checked with ffprobe: an audio stream of 1 s to 10 min."""
    _record(cid)
    if request.content_length is not None and request.content_length > MAX_BED_BYTES:
        raise ApiError(413, "the audio bed must be at most 20 MB", "file", "too_large")
    f = request.files.get("file")
    if f is None:
        raise ApiError(400, "send the audio as multipart form field 'file'", "file")
    ext = BED_TYPES.get((f.mimetype or "").split(";")[0])
    if ext is None:
        raise ApiError(415, "the audio bed must be MP3, WAV or M4A", "file", "unsupported_media_type")
    with tempfile.TemporaryDirectory(dir=storage.root()) as tmp:
        path = Path(tmp) / f"bed.{ext}"
        f.save(path)
        if path.stat().st_size > MAX_BED_BYTES:
            raise ApiError(413, "the audio bed must be at most 20 MB", "file", "too_large")
        duration = _audio_seconds(path)
        if duration is None:
            raise ApiError(422, "the file is not readable audio", "file", "validation_error")
        if not 1.0 <= duration <= 600.0:
            raise ApiError(
                422, "the audio bed must last between 1 second and 10 minutes", "file", "validation_error"
            )
        from media.jobs import store_bed

        stored = store_bed(cid, path)
    return jsonify({"audio_bed": stored | {"url": "/media/" + stored["path"]}}), 201


def _audio_seconds(path: Path) -> float | None:
    res = subprocess.run(
        ["ffprobe", "-v", "error", "-select_streams", "a:0", "-show_entries", "format=duration",
         "-of", "default=nw=1:nk=1", str(path)],
        capture_output=True, text=True, timeout=20, check=False,
    )  # fmt: skip
    try:
        return float(res.stdout.strip()) if res.returncode == 0 else None
    except ValueError:
        return None


@bp.get("/api/campaigns/<cid>/media/export/<fmt>")
def export(cid: str, fmt: str):
    rec = _record(cid)
    if fmt not in exports.FORMATS:
        raise ApiError(404, f"format must be one of {', '.join(exports.FORMATS)}", "format", "not_found")
    try:
        data, mime, filename = exports.build(rec, fmt, request.args.get("customer_id", ""))
    except exports.NothingApproved as exc:
        raise ApiError(409, str(exc), "set", "not_approved") from None
    except exports.ExportError as exc:
        raise ApiError(exc.status, str(exc), exc.field, "export_error") from None
    return Response(
        data, mimetype=mime, headers={"Content-Disposition": f'attachment; filename="{filename}"'}
    )


@bp.get("/media/<path:rel>")
def media_file(rel: str):
    if not storage.valid_rel(rel):
        raise ApiError(404, "no such file", "path", "not_found")
    _record(rel.split("/", 1)[0])  # the campaign's workspace only
    path = storage.path_of(rel)
    if not path.is_file():
        if s3.enabled():
            return redirect(s3.presigned_url(rel), 302)
        raise ApiError(404, "no such file", "path", "not_found")
    resp = send_from_directory(storage.root(), rel, conditional=True, max_age=3600)
    # Content-addressed (or archived, never rewritten): the bytes behind a name never change.
    resp.headers["Cache-Control"] = "public, max-age=31536000, immutable"
    return resp
