"""SUPERVISOR admin API (`/admin/...`): queue, worker and job inspection, requeueing failed jobs,
canceling and deleting campaigns, running the retention cleanup, and accounts.

Secure by default, like Flower's API: with no SUPERVISOR_ADMIN_TOKEN configured every request is
refused (403), so a fresh deployment never exposes its queues. With a token, each request must carry
`Authorization: Bearer <token>`, compared in constant time. A header token (not a cookie) is what
makes the POST mutations safe from CSRF: a browser never attaches it on its own. Responses are
`Cache-Control: no-store` because they describe live state and may carry job arguments."""

from __future__ import annotations

import hmac
import re
from typing import Any

from flask import Blueprint, Response, jsonify, request
from rq.exceptions import InvalidJobOperation

from shared import accounts, store
from shared.queues import QUEUES, fetch_job, get_queue
from shared.settings import get_settings
from shared.web import ApiError, json_body
from supervisor import pipeline, retention, rq_inspect

bp = Blueprint("admin", __name__, url_prefix="/admin")

DEFAULT_LIMIT = 50
MAX_LIMIT = 500
# RQ job ids are letters, digits, '_' and '-'; anything else cannot name a job, so it is a 404
# without a Redis round trip (and without echoing arbitrary input back).
_JOB_ID = re.compile(r"^[A-Za-z0-9_-]{1,128}$")


def _refuse(status: int, error: str, message: str) -> Response:
    resp = jsonify({"error": error, "message": message})
    resp.status_code = status
    if status == 401:
        resp.headers["WWW-Authenticate"] = 'Bearer realm="bsc-admin"'
    return resp


@bp.before_request
def _require_token() -> Response | None:
    token = get_settings().secret("SUPERVISOR_ADMIN_TOKEN")
    if not token:
        return _refuse(403, "admin_disabled", "the admin API is disabled until SUPERVISOR_ADMIN_TOKEN is set")
    scheme, _, presented = request.headers.get("Authorization", "").partition(" ")
    # compare_digest on bytes: it rejects non-ASCII str, and a header may hold anything.
    if scheme.lower() != "bearer" or not hmac.compare_digest(
        presented.strip().encode("utf-8"), token.encode("utf-8")
    ):
        return _refuse(401, "unauthorized", "missing or wrong bearer token")
    return None


@bp.after_request
def _no_store(resp: Response) -> Response:
    resp.headers["Cache-Control"] = "no-store"
    return resp


def _int_arg(name: str, default: int, low: int, high: int) -> int:
    raw = request.args.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ApiError(400, f"must be an integer between {low} and {high}", name) from None
    if not low <= value <= high:
        raise ApiError(400, f"must be an integer between {low} and {high}", name)
    return value


def _queue_arg() -> list[str]:
    name = request.args.get("queue")
    if not name:
        return list(QUEUES)
    if name not in QUEUES:
        raise ApiError(400, f"unknown queue; expected one of {', '.join(QUEUES)}", "queue")
    return [name]


def _job_or_404(job_id: str) -> Any:
    job = fetch_job(job_id) if _JOB_ID.match(job_id) else None
    if job is None:
        raise ApiError(404, "no such job", code="not_found")
    return job


@bp.get("/queues")
def queues() -> Response:
    counts = rq_inspect.all_queue_counts()
    workers = rq_inspect.worker_counts()
    return jsonify(
        {
            "queues": [{"name": name, "workers": workers[name], **counts[name]} for name in QUEUES],
        }
    )


@bp.get("/workers")
def workers() -> Response:
    return jsonify({"workers": rq_inspect.workers()})


@bp.get("/jobs/failed")
def failed() -> Response:
    names = _queue_arg()
    limit = _int_arg("limit", DEFAULT_LIMIT, 1, MAX_LIMIT)
    return jsonify({"jobs": rq_inspect.failed_jobs(names, limit), "limit": limit})


@bp.get("/jobs/<job_id>")
def job_detail(job_id: str) -> Response:
    return jsonify(rq_inspect.describe(_job_or_404(job_id), detail=True))


@bp.post("/jobs/<job_id>/requeue")
def requeue(job_id: str) -> tuple[Response, int]:
    job = _job_or_404(job_id)
    if job.origin not in QUEUES:
        raise ApiError(409, "the job belongs to a queue this crew does not manage", code="conflict")
    registry = get_queue(job.origin).failed_job_registry
    if not job.is_failed or job.id not in registry:
        status = rq_inspect.status_of(job)
        raise ApiError(409, f"only failed jobs can be requeued; this job is {status}", code="not_failed")
    try:
        # requeue() removes the registry entry atomically (ZREM) before enqueueing, so two admins
        # clicking at once requeue the job once: the loser gets InvalidJobOperation.
        job = registry.requeue(job)
    except InvalidJobOperation:
        raise ApiError(409, "the job was requeued or removed meanwhile", code="not_failed") from None
    return jsonify({"id": job.id, "queue": job.origin, "status": rq_inspect.status_of(job)}), 200


# ---------------------------------------------------------------- accounts


@bp.get("/accounts")
def list_accounts() -> Response:
    return jsonify({"accounts": [a.public() for a in accounts.list_accounts()]})


@bp.post("/accounts")
def create_account() -> tuple[Response, int]:
    """{"username", "workspace", "password"?} -> 201 with an API token, and the password when it was
    generated (shown once; only its hash is stored)."""
    body = json_body()
    unknown = sorted(set(body) - {"username", "workspace", "password"})
    if unknown:
        raise ApiError(422, "unknown field", unknown[0], "validation_error")
    for name in ("username", "workspace"):
        if not isinstance(body.get(name), str) or not body[name]:
            raise ApiError(422, "required", name, "validation_error")
    given = body.get("password")
    if given is not None and not isinstance(given, str):
        raise ApiError(422, "must be a string", "password", "validation_error")
    try:
        account, password = accounts.create_account(body["username"], body["workspace"], given)
    except accounts.AccountExists as exc:
        raise ApiError(409, str(exc), exc.field, "exists") from None
    except accounts.AccountError as exc:
        raise ApiError(422, str(exc), exc.field, "validation_error") from None
    out: dict[str, Any] = {"account": account.public(), "token": accounts.issue_token(account.username)}
    if given is None:
        out["password"] = password
    return jsonify(out), 201


@bp.post("/accounts/<username>/tokens")
def issue_token(username: str) -> tuple[Response, int]:
    if accounts.get_account(username) is None:
        raise ApiError(404, "no such account", "username", "not_found")
    return jsonify({"username": username, "token": accounts.issue_token(username)}), 201


# ---------------------------------------------------------------- campaigns: cancel, delete, retention


def _campaign_or_404(cid: str) -> Any:
    record = store.get(cid) if store.valid_id(cid) else None
    if record is None:
        raise ApiError(404, "no such campaign", "id", "not_found")
    return record


@bp.post("/campaigns/<cid>/cancel")
def cancel_campaign(cid: str) -> tuple[Response, int]:
    """A running campaign stops at its next step (jobs already running finish; nothing new starts)."""
    record = _campaign_or_404(cid)
    if not pipeline.cancel(cid):
        raise ApiError(
            409, f"the campaign already ended ({store.require(cid).state})", "state", "not_running"
        )
    return jsonify({"id": cid, "state": "canceled", "was": record.state}), 200


@bp.delete("/campaigns/<cid>")
def delete_campaign(cid: str) -> tuple[Response, int]:
    """Delete a finished campaign with its events and parts. A running one must be canceled first, so
    no job of it is left writing into a campaign that no longer exists."""
    record = _campaign_or_404(cid)
    if not record.terminal:
        raise ApiError(409, f"the campaign is {record.state}; cancel it first", "state", "running")
    store.delete(cid)
    return jsonify({"id": cid, "deleted": True}), 200


@bp.post("/retention/cleanup")
def run_cleanup() -> tuple[Response, int]:
    """Run the retention cleanup now (it also runs on its own every BSC_CLEANUP_INTERVAL_S)."""
    return jsonify(retention.cleanup()), 200
