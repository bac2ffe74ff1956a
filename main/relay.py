"""How MAIN passes a service's JSON answer on: with its own status and body, so the browser and API
clients see the service's field messages; an id that cannot be a campaign's is a 404 before any call;
a service that cannot be reached is a 503 that names it, never a 500."""

from __future__ import annotations

import logging
from collections.abc import Callable

from flask import Response, jsonify

from main.service_client import ApiReply, ServiceUnavailable
from shared import store

log = logging.getLogger(__name__)
NO_SUCH_CAMPAIGN = {"error": "not_found", "message": "no such campaign"}


def unavailable_json(exc: ServiceUnavailable) -> tuple[Response, int]:
    log.warning("%s: %s", exc.code, exc)
    message = f"{exc.service} is not reachable right now. Please try again in a moment."
    return jsonify({"error": exc.code, "message": message}), 503


def relay(call: Callable[[], ApiReply], campaign_id: str | None = None) -> tuple[Response, int]:
    """`call`'s answer as MAIN's; with `campaign_id`, a malformed id is a 404 and nothing is called."""
    if campaign_id is not None and not store.valid_id(campaign_id):
        return jsonify(NO_SUCH_CAMPAIGN), 404
    try:
        reply = call()
    except ServiceUnavailable as exc:
        return unavailable_json(exc)
    return jsonify(reply.body), reply.status
