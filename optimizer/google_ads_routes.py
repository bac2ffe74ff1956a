"""HTTP for the Google Ads API export (optional `google-ads` package), with a CampaignRecord body:

POST /api/google-ads/operations?customer_id=123-456-7890 -> the MutateOperations as JSON, with what
    could not be mapped;
POST /api/google-ads/validate?customer_id=123-456-7890 -> the result of sending them with
    validate_only=True (Google creates nothing).

Without the package (or, for validate, its configuration) the answer is 503 {"available": false,
"reason": ...}."""

from __future__ import annotations

import json
from typing import Any

from flask import Blueprint, jsonify, request

from optimizer import google_ads_api as gads
from shared.models import CampaignRecord
from shared.web import ApiError

# Same cap as /api/export: a record with its insights can outgrow the 64 KB cap of check/fix.
MAX_RECORD_BYTES = 8 * 1024 * 1024

bp = Blueprint("google_ads", __name__)


def _customer_id() -> str:
    raw = request.args.get("customer_id", "")
    if not raw.strip():
        raise ApiError(400, "customer_id is required, e.g. ?customer_id=123-456-7890", "customer_id")
    try:
        return gads.normalize_customer_id(raw)
    except ValueError as exc:
        raise ApiError(400, str(exc), "customer_id") from None


def _record() -> CampaignRecord:
    if request.content_length is not None and request.content_length > MAX_RECORD_BYTES:
        raise ApiError(413, "body is too large", "body", "too_large")
    raw = request.get_data(cache=False)
    if len(raw) > MAX_RECORD_BYTES:
        raise ApiError(413, "body is too large", "body", "too_large")
    try:
        data = json.loads(raw)
    except ValueError:
        data = None
    if not isinstance(data, dict):
        raise ApiError(400, "body must be a campaign record as a JSON object", "body", "invalid_json")
    return CampaignRecord.model_validate(data)  # a ValidationError becomes a 422 naming the field


def _unavailable(reason: str) -> Any:
    return jsonify({"available": False, "reason": reason}), 503


@bp.post("/api/google-ads/operations")
def operations() -> Any:
    cid = _customer_id()
    record = _record()
    if not gads.available():
        return _unavailable(gads.NOT_INSTALLED)
    plan = gads.build_plan(record, cid)
    return jsonify({**plan.summary(), "operations": [gads.operation_dict(op) for op in plan.operations]})


@bp.post("/api/google-ads/validate")
def validate() -> Any:
    cid = _customer_id()
    record = _record()
    result = gads.validate(record, cid)
    if result.get("available") is False:
        return jsonify(result), 503
    return jsonify(result)
