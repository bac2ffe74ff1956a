"""The OPTIMIZER's HTTP API: POST /api/check and /api/fix (the same JSON as the CLI) and
POST /api/export?format=editor-csv|csv|json with a CampaignRecord body, which the SUPERVISOR's
export endpoint proxies to."""

from __future__ import annotations

import json
from typing import Any

from flask import Blueprint, Flask, Response, jsonify, request

from optimizer.api import BadInput, check_response, fix_response
from optimizer.exports import EXPORTS
from optimizer.google_ads_routes import bp as google_ads_bp
from shared.models import CampaignRecord
from shared.web import ApiError, json_body, make_app

# A campaign record with its insights can outgrow the 64 KB cap that protects check/fix.
MAX_EXPORT_BYTES = 8 * 1024 * 1024

bp = Blueprint("optimizer", __name__)


def _answer(handler: Any) -> Any:
    data = json_body()
    try:
        result = handler(data)
    except BadInput as exc:
        message = str(exc)
        raise ApiError(422, message, message.split(":", 1)[0], "validation_error") from None
    return jsonify(result)


@bp.post("/api/check")
def check() -> Any:
    return _answer(check_response)


@bp.post("/api/fix")
def fix() -> Any:
    return _answer(fix_response)


@bp.post("/api/export")
def export() -> Response:
    fmt = request.args.get("format", "editor-csv")
    if fmt not in EXPORTS:
        raise ApiError(400, f"format must be one of {', '.join(EXPORTS)}", "format")
    raw = request.get_data(cache=False)
    if len(raw) > MAX_EXPORT_BYTES:
        raise ApiError(413, "body is too large", "body", "too_large")
    try:
        data = json.loads(raw)
    except ValueError:
        raise ApiError(400, "body must be a campaign record as JSON", "body", "invalid_json") from None
    record = CampaignRecord.model_validate(data)  # a ValidationError becomes a 422 naming the field
    builder, content_type, suffix = EXPORTS[fmt]
    resp = Response(builder(record), content_type=content_type)
    resp.headers["Content-Disposition"] = f"attachment; filename={record.id}{suffix}"
    return resp


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    app = make_app("optimizer", test_config)
    app.config["MAX_CONTENT_LENGTH"] = MAX_EXPORT_BYTES
    app.register_blueprint(bp)
    app.register_blueprint(google_ads_bp)
    return app
