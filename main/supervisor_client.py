"""MAIN's HTTP client for the SUPERVISOR's campaign API.

MAIN never imports the supervisor package (service boundaries are HTTP or RQ only), so every
read and write of a campaign goes through here (the transport is `main.service_client`). Each call has a short timeout: a stuck SUPERVISOR
must turn into a 503 page within seconds, not hang one of gunicorn's threads (each open WebSocket
already holds one). Connection failures become `SupervisorUnavailable`; HTTP error statuses are
passed back unchanged so MAIN can show the SUPERVISOR's own field messages."""

from __future__ import annotations

import time
from typing import Any

import requests

from main.service_client import ApiReply, ServiceClient, ServiceUnavailable
from shared.settings import get_settings

# (connect, read) seconds. Reads of a campaign are a single Redis GET on the other side, so a few
# seconds is generous; exports are built in memory there too.
TIMEOUT = (3.05, 10.0)
EXPORT_FORMATS = ("json", "editor-csv", "csv")
PIPELINE_TTL_S = 60.0
EMPTY_PIPELINE: dict[str, Any] = {"stages": [], "steps": [], "step_of": {}, "labels": {}, "terminal": []}


class SupervisorUnavailable(ServiceUnavailable):
    """The SUPERVISOR could not be reached or answered with something that is not its API."""

    code = "supervisor_unavailable"
    service = "The campaign service (SUPERVISOR)"


class SupervisorClient(ServiceClient):
    NAME = "the SUPERVISOR"
    Unavailable = SupervisorUnavailable
    TIMEOUT = TIMEOUT

    def __init__(
        self, base_url: str | None = None, session: requests.Session | None = None, token: str | None = None
    ):
        super().__init__(base_url or get_settings().SUPERVISOR_URL, session, token)
        self._pipeline: tuple[float, dict[str, Any]] | None = None

    def pipeline(self) -> dict[str, Any]:
        """The pipeline table (stages, labels, bands, stepper) as the SUPERVISOR declares it. It only
        changes with a deployment, so it is kept for PIPELINE_TTL_S; an unreachable SUPERVISOR gives
        the last copy, or an empty table (labels then fall back to the state names)."""
        now = time.monotonic()
        if self._pipeline is not None and now - self._pipeline[0] < PIPELINE_TTL_S:
            return self._pipeline[1]
        try:
            reply = self._json("GET", "/api/pipeline")
        except SupervisorUnavailable:
            reply = ApiReply(503, {})
        if reply.ok and isinstance(reply.body.get("steps"), list):
            self._pipeline = (now, reply.body)
            return reply.body
        return self._pipeline[1] if self._pipeline else dict(EMPTY_PIPELINE)

    def create(self, raw_body: bytes, content_type: str | None) -> ApiReply:
        """Forward the marketer's JSON untouched, so validation (and its messages) stay in one place."""
        headers = {"Content-Type": content_type or "application/json"}
        return self._json("POST", "/api/campaigns", data=raw_body, headers=headers)

    def list(self, limit: int = 20, offset: int = 0) -> ApiReply:
        return self._json("GET", "/api/campaigns", params={"limit": limit, "offset": offset})

    def get(self, campaign_id: str) -> ApiReply:
        return self._json("GET", f"/api/campaigns/{campaign_id}")

    def events(self, campaign_id: str, after: int = 0) -> ApiReply:
        return self._json("GET", f"/api/campaigns/{campaign_id}/events", params={"after": after})

    def export(self, campaign_id: str, fmt: str) -> requests.Response:
        """The export (or the SUPERVISOR's JSON error about it) as a streaming response; the caller
        must close it. Only a crash (500) is turned into SupervisorUnavailable."""
        return self._stream(f"/api/campaigns/{campaign_id}/export", params={"format": fmt})
