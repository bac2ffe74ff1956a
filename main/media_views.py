"""MAIN's proxy to MEDIA: the media JSON, the client's review, on-demand start, exports and the files
(`/media/...`, with Range requests passed through). MAIN's sign-in gate covers every route; the
marketer's token is forwarded, so MEDIA alone decides what a workspace sees and records who reviewed."""

from __future__ import annotations

from flask import Blueprint, Response, current_app, jsonify, request, stream_with_context

from main.auth import forwarded_token
from main.media_client import FILE_REQUEST_HEADERS, FILE_RESPONSE_HEADERS, MediaClient, MediaUnavailable
from main.relay import NO_SUCH_CAMPAIGN, relay, unavailable_json
from shared import store

bp = Blueprint("media_proxy", __name__)
EXPORTS = ("zip", "display-csv", "display-ops", "youtube")
MAX_BED_BYTES = 20 * 1024 * 1024 + 64 * 1024  # MEDIA's cap on the file, plus the multipart envelope


def media() -> MediaClient:
    return current_app.extensions["media_client"].as_account(forwarded_token())


@bp.get("/api/campaigns/<campaign_id>/media")
def get_media(campaign_id: str):
    return relay(lambda: media().get(campaign_id), campaign_id)


@bp.post("/api/campaigns/<campaign_id>/media")
def start_media(campaign_id: str):
    return relay(lambda: media().start(campaign_id), campaign_id)


@bp.post("/api/campaigns/<campaign_id>/media/<set_name>/review")
def review(campaign_id: str, set_name: str):
    if not store.valid_id(campaign_id):
        return jsonify(NO_SUCH_CAMPAIGN), 404
    raw = request.get_data(cache=False)
    return relay(lambda: media().review(campaign_id, set_name, raw, request.content_type))


def raise_upload_limit() -> None:
    """Registered before the sign-in gate (whose CSRF check parses the form): the audio bed's route
    alone accepts a body over 64 KB."""
    if request.endpoint == "media_proxy.upload_bed":
        request.max_content_length = MAX_BED_BYTES


@bp.post("/api/campaigns/<campaign_id>/media/audio-bed")
def upload_bed(campaign_id: str):
    """The marketer's audio bed, streamed through to MEDIA (which checks it with ffprobe)."""
    if not store.valid_id(campaign_id):
        return jsonify(NO_SUCH_CAMPAIGN), 404
    if request.content_length is None or request.content_length > MAX_BED_BYTES:
        return jsonify(
            {"error": "too_large", "message": "the audio bed must be at most 20 MB", "field": "file"}
        ), 413
    f = request.files.get("file")  # the sign-in gate's CSRF check has parsed the form already
    if f is None:
        return jsonify(
            {"error": "bad_request", "message": "send the audio as form field 'file'", "field": "file"}
        ), 400
    return relay(lambda: media().upload_bed(campaign_id, f.filename or "bed", f.stream, f.mimetype))


def _stream(path: str, params: dict[str, str] | None = None) -> Response:
    headers = {h: request.headers[h] for h in FILE_REQUEST_HEADERS if h in request.headers}
    try:
        upstream = media().stream(path, headers, params)
    except MediaUnavailable as exc:
        return unavailable_json(exc)  # type: ignore[return-value]
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
