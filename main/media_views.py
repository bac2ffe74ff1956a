"""MAIN's proxy to MEDIA: the media JSON, the client's review, on-demand start, exports and the files
(`/media/...`, with Range requests passed through). MAIN's sign-in gate covers every route; the
marketer's token is forwarded, so MEDIA alone decides what a workspace sees and records who reviewed."""

from __future__ import annotations

import logging

from flask import Blueprint, Response, current_app, jsonify, request, stream_with_context

from main.auth import forwarded_token
from main.media_client import FILE_REQUEST_HEADERS, FILE_RESPONSE_HEADERS, MediaClient, MediaUnavailable
from shared import store

log = logging.getLogger(__name__)
bp = Blueprint("media_proxy", __name__)
EXPORTS = ("zip", "display-csv", "display-ops", "youtube")
MAX_BED_BYTES = 20 * 1024 * 1024 + 64 * 1024  # MEDIA's cap on the file, plus the multipart envelope


def media() -> MediaClient:
    return current_app.extensions["media_client"].as_account(forwarded_token())


def unavailable(exc: MediaUnavailable):
    log.warning("media unavailable: %s", exc)
    return jsonify({"error": "media_unavailable",
                    "message": "The media service (MEDIA) is not reachable right now. Please try again in a moment."}), 503  # fmt: skip


def _not_found():
    return jsonify({"error": "not_found", "message": "no such campaign"}), 404


@bp.get("/api/campaigns/<campaign_id>/media")
def get_media(campaign_id: str):
    if not store.valid_id(campaign_id):
        return _not_found()
    try:
        reply = media().get(campaign_id)
    except MediaUnavailable as exc:
        return unavailable(exc)
    return jsonify(reply.body), reply.status


@bp.post("/api/campaigns/<campaign_id>/media")
def start_media(campaign_id: str):
    if not store.valid_id(campaign_id):
        return _not_found()
    try:
        reply = media().start(campaign_id)
    except MediaUnavailable as exc:
        return unavailable(exc)
    return jsonify(reply.body), reply.status


@bp.post("/api/campaigns/<campaign_id>/media/<set_name>/review")
def review(campaign_id: str, set_name: str):
    if not store.valid_id(campaign_id):
        return _not_found()
    raw = request.get_data(cache=False)
    try:
        reply = media().review(campaign_id, set_name, raw, request.content_type)
    except MediaUnavailable as exc:
        return unavailable(exc)
    return jsonify(reply.body), reply.status


def raise_upload_limit() -> None:
    """Registered before the sign-in gate (whose CSRF check parses the form): the audio bed's route
    alone accepts a body over 64 KB."""
    if request.endpoint == "media_proxy.upload_bed":
        request.max_content_length = MAX_BED_BYTES


@bp.post("/api/campaigns/<campaign_id>/media/audio-bed")
def upload_bed(campaign_id: str):
    """The marketer's audio bed, streamed through to MEDIA (which checks it with ffprobe)."""
    if not store.valid_id(campaign_id):
        return _not_found()
    if request.content_length is None or request.content_length > MAX_BED_BYTES:
        return jsonify(
            {"error": "too_large", "message": "the audio bed must be at most 20 MB", "field": "file"}
        ), 413
    f = request.files.get("file")  # the sign-in gate's CSRF check has parsed the form already
    if f is None:
        return jsonify(
            {"error": "bad_request", "message": "send the audio as form field 'file'", "field": "file"}
        ), 400
    try:
        reply = media().upload_bed(campaign_id, f.filename or "bed", f.stream, f.mimetype)
    except MediaUnavailable as exc:
        return unavailable(exc)
    return jsonify(reply.body), reply.status


def _stream(path: str, params: dict[str, str] | None = None) -> Response:
    headers = {h: request.headers[h] for h in FILE_REQUEST_HEADERS if h in request.headers}
    try:
        upstream = media().stream(path, headers, params)
    except MediaUnavailable as exc:
        return unavailable(exc)  # type: ignore[return-value]
    out = {h: upstream.headers[h] for h in FILE_RESPONSE_HEADERS if h in upstream.headers}

    def chunks():
        try:
            yield from upstream.iter_content(chunk_size=64 * 1024)
        finally:
            upstream.close()

    return Response(stream_with_context(chunks()), status=upstream.status_code, headers=out,
                    direct_passthrough=True)  # fmt: skip


@bp.get("/api/campaigns/<campaign_id>/media/export/<fmt>")
def export(campaign_id: str, fmt: str):
    if not store.valid_id(campaign_id) or fmt not in EXPORTS:
        return jsonify({"error": "not_found", "message": f"format must be one of {', '.join(EXPORTS)}"}), 404
    params = {"customer_id": request.args["customer_id"]} if "customer_id" in request.args else None
    return _stream(f"/api/campaigns/{campaign_id}/media/export/{fmt}", params)


@bp.get("/media/<path:rel>")
def media_file(rel: str):
    if ".." in rel or rel.startswith("/"):
        return jsonify({"error": "not_found", "message": "no such file"}), 404
    return _stream(f"/media/{rel}")
