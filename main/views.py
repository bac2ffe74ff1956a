"""MAIN's pages and its thin JSON proxy to the SUPERVISOR.

The browser only ever talks to MAIN (same origin: no CORS, no SUPERVISOR address in the page).
Every SUPERVISOR reply is passed through with its status and body, so the form shows exactly the
API's field messages. A SUPERVISOR that cannot be reached is a 503 with a readable message, never
a 500."""

from __future__ import annotations

import logging
from typing import Any, get_args

from flask import Blueprint, Response, current_app, jsonify, render_template, request, stream_with_context
from pydantic import ValidationError

from main.auth import forwarded_token
from main.relay import NO_SUCH_CAMPAIGN, relay, unavailable_json
from main.supervisor_client import EXPORT_FORMATS, SupervisorClient, SupervisorUnavailable
from shared import store
from shared.models import CampaignRecord
from shared.models.request import Goal, Platform

log = logging.getLogger(__name__)
# Templates and /static are the app's own: make_app builds Flask("main"), whose root is this package.
bp = Blueprint("main", __name__)

PAGE_SIZE = 25
RECENT = 6
# The form's checkboxes come from the request model itself, so they cannot drift from what the API accepts.
GOALS: tuple[str, ...] = get_args(Goal)
PLATFORMS: tuple[str, ...] = get_args(Platform)
# Headers of an export worth passing on to the browser (the file name, its type and size).
EXPORT_HEADERS = ("Content-Type", "Content-Disposition", "Content-Length", "Cache-Control")


def supervisor() -> SupervisorClient:
    """The SUPERVISOR client acting as the signed-in account (main/auth.py let the request in)."""
    return current_app.extensions["supervisor_client"].as_account(forwarded_token())


def unavailable_page(exc: SupervisorUnavailable, title: str = "Service unavailable") -> tuple[str, int]:
    log.warning("supervisor unavailable: %s", exc)
    return render_template("unavailable.html", title=title), 503


def not_found_page(campaign_id: str) -> tuple[str, int]:
    return render_template("not_found.html", title="Campaign not found", campaign_id=campaign_id), 404


def parse_record(body: dict[str, Any]) -> CampaignRecord | None:
    """The SUPERVISOR's record JSON as the shared model (templates then get typed attributes)."""
    try:
        return CampaignRecord.model_validate(body)
    except ValidationError:
        log.exception("SUPERVISOR returned a campaign record that does not match the shared model")
        return None


def _page_arg(name: str, default: int) -> int:
    try:
        return max(0, int(request.args.get(name, default)))
    except ValueError:
        return default


# ---------------------------------------------------------------- pages


@bp.get("/")
def index():
    recent: list[dict[str, Any]] = []
    history_error = False
    try:
        reply = supervisor().list(limit=RECENT)
        recent = reply.body.get("campaigns", []) if reply.ok else []
    except SupervisorUnavailable as exc:
        log.warning("supervisor unavailable for the recent list: %s", exc)
        history_error = True
    return render_template(
        "index.html",
        title="New campaign",
        recent=recent,
        history_error=history_error,
        goals=GOALS,
        platforms=PLATFORMS,
    )


@bp.get("/campaigns")
def history():
    page = max(1, _page_arg("page", 1))
    try:
        reply = supervisor().list(limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)
    except SupervisorUnavailable as exc:
        return unavailable_page(exc, "Campaign history")
    campaigns = reply.body.get("campaigns", []) if reply.ok else []
    total = int(reply.body.get("total", len(campaigns))) if reply.ok else 0
    pages = max(1, -(-total // PAGE_SIZE))
    return render_template(
        "history.html", title="Campaign history", campaigns=campaigns, total=total, page=page, pages=pages
    )


@bp.get("/campaigns/<campaign_id>")
def campaign_page(campaign_id: str):
    if not store.valid_id(campaign_id):
        return not_found_page(campaign_id)
    try:
        reply = supervisor().get(campaign_id)
    except SupervisorUnavailable as exc:
        return unavailable_page(exc, "Campaign")
    if reply.status == 404:
        return not_found_page(campaign_id)
    record = parse_record(reply.body) if reply.ok else None
    if record is None:
        return unavailable_page(SupervisorUnavailable(f"GET campaign answered {reply.status}"), "Campaign")
    return render_template(
        "campaign.html",
        title=f"{record.request.artist} – campaign",
        record=record,
        # A finished campaign is 100 % even if its last event was never written (the record decides).
        pct=100 if record.state == "done" else int(reply.body.get("pct", 0) or 0),
    )


@bp.get("/campaigns/<campaign_id>/result")
def campaign_result(campaign_id: str):
    """The result section alone, so the live page can swap it in when the terminal event arrives."""
    if not store.valid_id(campaign_id):
        return jsonify(NO_SUCH_CAMPAIGN), 404
    try:
        reply = supervisor().get(campaign_id)
    except SupervisorUnavailable as exc:
        return unavailable_json(exc)
    if not reply.ok:
        return jsonify(reply.body), reply.status
    record = parse_record(reply.body)
    if record is None:
        return jsonify({"error": "bad_record", "message": "the campaign record could not be read"}), 502
    return render_template("_result.html", record=record)


@bp.get("/campaigns/<campaign_id>/download/<fmt>")
def download(campaign_id: str, fmt: str):
    if not store.valid_id(campaign_id) or fmt not in EXPORT_FORMATS:
        return jsonify(
            {"error": "not_found", "message": f"format must be one of {', '.join(EXPORT_FORMATS)}"}
        ), 404
    return _export(campaign_id, fmt)


def _export(campaign_id: str, fmt: str) -> Response | tuple[Response, int]:
    try:
        upstream = supervisor().export(campaign_id, fmt)
    except SupervisorUnavailable as exc:
        return unavailable_json(exc)
    headers = {h: upstream.headers[h] for h in EXPORT_HEADERS if h in upstream.headers}

    def chunks():
        try:
            yield from upstream.iter_content(chunk_size=16 * 1024)
        finally:
            upstream.close()

    return Response(stream_with_context(chunks()), status=upstream.status_code, headers=headers)


# ---------------------------------------------------------------- JSON proxy


@bp.post("/api/campaigns")
def api_create():
    # get_data() honours MAX_CONTENT_LENGTH: an oversized body is a 413 naming "body", like the API's.
    raw = request.get_data(cache=False)
    return relay(lambda: supervisor().create(raw, request.content_type))


@bp.get("/api/campaigns")
def api_list():
    limit, offset = min(_page_arg("limit", PAGE_SIZE), 100), _page_arg("offset", 0)
    return relay(lambda: supervisor().list(limit=limit, offset=offset))


@bp.get("/api/campaigns/<campaign_id>")
def api_get(campaign_id: str):
    return relay(lambda: supervisor().get(campaign_id), campaign_id)


@bp.get("/api/campaigns/<campaign_id>/events")
def api_events(campaign_id: str):
    after = _page_arg("after", 0)
    return relay(lambda: supervisor().events(campaign_id, after), campaign_id)


@bp.get("/api/campaigns/<campaign_id>/export")
def api_export(campaign_id: str):
    """The SUPERVISOR's export, so API clients need MAIN's address only (compose publishes no other)."""
    fmt = request.args.get("format", "json")
    if not store.valid_id(campaign_id):
        return jsonify(NO_SUCH_CAMPAIGN), 404
    if fmt not in EXPORT_FORMATS:
        return jsonify(
            {
                "error": "bad_request",
                "message": f"format must be one of {', '.join(EXPORT_FORMATS)}",
                "field": "format",
            }
        ), 400
    return _export(campaign_id, fmt)


@bp.get("/api/pipeline")
def api_pipeline():
    """The SUPERVISOR's pipeline table (public there too), so the CLI needs MAIN's address only."""
    return jsonify(current_app.extensions["supervisor_client"].pipeline())
