"""MAIN's HTTP client for the SUPERVISOR's campaign API.

MAIN never imports the supervisor package (service boundaries are HTTP or RQ only), so every
read and write of a campaign goes through here. Each call has a short timeout: a stuck SUPERVISOR
must turn into a 503 page within seconds, not hang one of gunicorn's threads (each open WebSocket
already holds one). Connection failures become `SupervisorUnavailable`; HTTP error statuses are
passed back unchanged so MAIN can show the SUPERVISOR's own field messages."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

import requests

from shared.settings import get_settings

# (connect, read) seconds. Reads of a campaign are a single Redis GET on the other side, so a few
# seconds is generous; exports are built in memory there too.
TIMEOUT = (3.05, 10.0)
EXPORT_FORMATS = ("json", "editor-csv", "csv")
PIPELINE_TTL_S = 60.0
EMPTY_PIPELINE: dict[str, Any] = {"stages": [], "steps": [], "step_of": {}, "labels": {}, "terminal": []}


class SupervisorUnavailable(RuntimeError):
    """The SUPERVISOR could not be reached or answered with something that is not its API."""


@dataclass(frozen=True)
class ApiReply:
    status: int
    body: dict[str, Any]

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300


class SupervisorClient:
    def __init__(
        self, base_url: str | None = None, session: requests.Session | None = None, token: str | None = None
    ):
        self.base_url = (base_url or get_settings().SUPERVISOR_URL).rstrip("/")
        self.session = session or requests.Session()
        self._pipeline: tuple[float, dict[str, Any]] | None = None
        self.token = token

    def as_account(self, token: str | None) -> SupervisorClient:
        """The same connection pool, calling with a marketer's token: the SUPERVISOR then answers
        for that account's workspace only (MAIN holds no credential of its own)."""
        return SupervisorClient(self.base_url, self.session, token)

    def _request(self, method: str, path: str, **kwargs: Any) -> requests.Response:
        if self.token:
            kwargs["headers"] = {**kwargs.get("headers", {}), "Authorization": f"Bearer {self.token}"}
        try:
            return self.session.request(method, self.base_url + path, timeout=TIMEOUT, **kwargs)
        except requests.RequestException as exc:
            raise SupervisorUnavailable(f"{type(exc).__name__} talking to the SUPERVISOR") from exc

    def _json(self, method: str, path: str, **kwargs: Any) -> ApiReply:
        resp = self._request(method, path, **kwargs)
        if resp.status_code >= 500 and resp.status_code not in (502, 503):
            # A crash (500) is the SUPERVISOR failing, not an answer about the campaign. Its own 502/503
            # (e.g. "the campaign store is unavailable") carry a message worth passing on.
            raise SupervisorUnavailable(f"SUPERVISOR answered {resp.status_code}")
        try:
            body = resp.json()
        except ValueError as exc:
            # e.g. a proxy's HTML error page in front of it.
            raise SupervisorUnavailable(f"SUPERVISOR answered {resp.status_code} without JSON") from exc
        if not isinstance(body, dict):
            raise SupervisorUnavailable("SUPERVISOR answered with a JSON value that is not an object")
        return ApiReply(resp.status_code, body)

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
        resp = self._request(
            "GET", f"/api/campaigns/{campaign_id}/export", params={"format": fmt}, stream=True
        )
        if resp.status_code >= 500 and resp.status_code not in (502, 503):
            resp.close()
            raise SupervisorUnavailable(f"SUPERVISOR answered {resp.status_code} to an export")
        return resp
