"""The campaign API: submit, list, read, follow (events) and export campaigns; and the pipeline
table itself (`GET /api/pipeline`, public), from which MAIN and the CLI draw stages, labels and bands.

Every campaign route needs an account's bearer token (shared.accounts) and sees that account's
workspace only: another workspace's campaign is a 404 exactly like a missing one, on every route."""

from __future__ import annotations

import redis
import requests
from flask import Blueprint, Response, jsonify, request

from shared import events, store
from shared import pipeline as pipeline_table
from shared.languages import OFFLINE_LANGUAGES, unwritable
from shared.models import CampaignRequest
from shared.settings import get_settings
from shared.web import ApiError, json_body
from shared.webauth import require_account
from supervisor import pipeline

bp = Blueprint("campaigns", __name__, url_prefix="/api/campaigns")

pipeline_bp = Blueprint("pipeline", __name__)

EXPORT_FORMATS = {"json", "editor-csv", "csv"}


@pipeline_bp.get("/api/pipeline")
def describe_pipeline():
    resp = jsonify(pipeline_table.describe())
    resp.headers["Cache-Control"] = "public, max-age=60"
    return resp


@bp.before_request
def _signed_in() -> None:
    require_account()


def _record_or_404(cid: str):
    record = store.get_in(cid, require_account().workspace) if store.valid_id(cid) else None
    if record is None:
        raise ApiError(404, f"no campaign {cid!r}", "id", "not_found")
    return record


@bp.post("")
def create_campaign():
    body = json_body()
    req = CampaignRequest.model_validate(body)  # ValidationError -> 422 naming each field
    refused = unwritable(req.languages, get_settings())
    if refused:
        # Never answered in another language: refused before anything is stored or queued.
        raise ApiError(
            422,
            f"no configured writer can write {', '.join(refused)}: the offline writer writes "
            f"{', '.join(OFFLINE_LANGUAGES)}; other languages need a live LLM provider "
            "(OPENAI_API_KEY, OPENROUTER_API_KEY or LLM_BASE_URL, not in sandbox mode)",
            "languages",
            "language_unavailable",
        )
    try:
        record = pipeline.submit(req, require_account().workspace)
    except redis.RedisError as exc:
        raise ApiError(
            503, "the campaign store is unavailable; nothing was saved, try again", None, "store_unavailable"
        ) from exc
    resp = jsonify(
        {
            "id": record.id,
            "state": record.state,
            "links": {
                "self": f"/api/campaigns/{record.id}",
                "events": f"/api/campaigns/{record.id}/events",
            },
        }
    )
    resp.status_code = 202
    resp.headers["Location"] = f"/api/campaigns/{record.id}"
    return resp


@bp.get("")
def list_campaigns():
    try:
        limit = min(max(int(request.args.get("limit", 50)), 1), 200)
        offset = min(max(int(request.args.get("offset", 0)), 0), 10**9)  # Redis refuses larger indexes
    except ValueError as exc:
        raise ApiError(400, "limit and offset must be whole numbers", "limit") from exc
    workspace = require_account().workspace
    out = []
    for rec in store.list_records(limit, offset, workspace):
        out.append(
            {
                "id": rec.id,
                "artist": rec.request.artist,
                "release": rec.request.release,
                "state": rec.state,
                "pct": events.last_pct(rec.id),
                "created_at": rec.created_at,
                "updated_at": rec.updated_at,
                "ad_groups": len(rec.campaign.ad_groups),
                "error": rec.error.model_dump() if rec.error else None,
            }
        )
    return jsonify({"campaigns": out, "total": store.count(workspace), "limit": limit, "offset": offset})


@bp.get("/<cid>")
def get_campaign(cid: str):
    record = _record_or_404(cid)
    body = record.model_dump(mode="json")
    body["pct"] = events.last_pct(cid)
    return jsonify(body)


@bp.get("/<cid>/events")
def get_events(cid: str):
    _record_or_404(cid)
    try:
        after = int(request.args.get("after", 0))
    except ValueError as exc:
        raise ApiError(400, "after must be a whole number (a seq)", "after") from exc
    return jsonify({"events": events.read_events(cid, after)})


@bp.get("/<cid>/export")
def export(cid: str):
    record = _record_or_404(cid)
    fmt = request.args.get("format", "json")
    if fmt not in EXPORT_FORMATS:
        raise ApiError(400, f"format must be one of {', '.join(sorted(EXPORT_FORMATS))}", "format")
    if record.state != "done":
        raise ApiError(
            409, f"campaign is {record.state}; exports exist once it is done", "state", "not_ready"
        )
    if fmt == "json":
        resp = Response(record.model_dump_json(indent=2), mimetype="application/json")
        resp.headers["Content-Disposition"] = f'attachment; filename="{cid}.json"'
        return resp
    # The OPTIMIZER owns the export formats; ask it over HTTP.
    try:
        upstream = requests.post(
            f"{get_settings().OPTIMIZER_URL}/api/export",
            params={"format": fmt},
            data=record.model_dump_json(),
            headers={"Content-Type": "application/json"},
            timeout=30,
        )
    except requests.RequestException as exc:
        raise ApiError(
            503, "the optimizer is unavailable to build the export; try again", None, "optimizer_unavailable"
        ) from exc
    if upstream.status_code != 200:
        raise ApiError(
            502,
            f"the optimizer could not build the export ({upstream.status_code})",
            "format",
            "export_failed",
        )
    resp = Response(upstream.content, mimetype=upstream.headers.get("Content-Type", "text/csv"))
    resp.headers["Content-Disposition"] = upstream.headers.get(
        "Content-Disposition", f'attachment; filename="{cid}-{fmt}.csv"'
    )
    return resp
