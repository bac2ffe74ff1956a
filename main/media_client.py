"""MAIN's HTTP client for the MEDIA service, as `supervisor_client` is for the SUPERVISOR: MAIN never
imports the media package; the browser only ever talks to MAIN (same origin), which passes MEDIA's
answers through with their status and body. Files are streamed, with the browser's Range and
conditional headers forwarded, so video seeking works through MAIN too."""

from __future__ import annotations

from typing import Any

import requests

from main.supervisor_client import ApiReply
from shared.settings import get_settings

TIMEOUT = (3.05, 15.0)
# Request headers worth forwarding for a file (seeking, caching) and response headers worth returning.
FILE_REQUEST_HEADERS = ("Range", "If-Range", "If-None-Match", "If-Modified-Since")
FILE_RESPONSE_HEADERS = (
    "Content-Type",
    "Content-Length",
    "Content-Range",
    "Accept-Ranges",
    "ETag",
    "Last-Modified",
    "Cache-Control",
    "Content-Disposition",
)


class MediaUnavailable(RuntimeError):
    """MEDIA could not be reached or answered with something that is not its API."""


class MediaClient:
    def __init__(
        self, base_url: str | None = None, session: requests.Session | None = None, token: str | None = None
    ):
        self.base_url = (base_url or get_settings().MEDIA_URL).rstrip("/")
        self.session = session or requests.Session()
        self.token = token

    def as_account(self, token: str | None) -> MediaClient:
        """Calls with the marketer's token: MEDIA answers for that account's workspace only, and
        records that account as the reviewer (MAIN holds no credential of its own)."""
        return MediaClient(self.base_url, self.session, token)

    def _request(self, method: str, path: str, **kwargs: Any) -> requests.Response:
        if self.token:
            kwargs["headers"] = {**kwargs.get("headers", {}), "Authorization": f"Bearer {self.token}"}
        try:
            return self.session.request(method, self.base_url + path, timeout=TIMEOUT, **kwargs)
        except requests.RequestException as exc:
            raise MediaUnavailable(f"{type(exc).__name__} talking to MEDIA") from exc

    def _json(self, method: str, path: str, **kwargs: Any) -> ApiReply:
        resp = self._request(method, path, **kwargs)
        if resp.status_code >= 500 and resp.status_code not in (502, 503):
            raise MediaUnavailable(f"MEDIA answered {resp.status_code}")
        try:
            body = resp.json()
        except ValueError as exc:
            raise MediaUnavailable(f"MEDIA answered {resp.status_code} without JSON") from exc
        if not isinstance(body, dict):
            raise MediaUnavailable("MEDIA answered with a JSON value that is not an object")
        return ApiReply(resp.status_code, body)

    def get(self, campaign_id: str) -> ApiReply:
        return self._json("GET", f"/api/campaigns/{campaign_id}/media")

    def start(self, campaign_id: str) -> ApiReply:
        return self._json("POST", f"/api/campaigns/{campaign_id}/media")

    def review(self, campaign_id: str, set_name: str, raw: bytes, content_type: str | None) -> ApiReply:
        headers = {"Content-Type": content_type or "application/json"}
        return self._json(
            "POST", f"/api/campaigns/{campaign_id}/media/{set_name}/review", data=raw, headers=headers
        )

    def upload_bed(self, campaign_id: str, filename: str, stream: Any, mimetype: str) -> ApiReply:
        files = {"file": (filename or "bed", stream, mimetype)}
        return self._json("POST", f"/api/campaigns/{campaign_id}/media/audio-bed", files=files)

    def stream(
        self, path: str, headers: dict[str, str], params: dict[str, str] | None = None
    ) -> requests.Response:
        """A file or an export as a streaming response (the caller closes it)."""
        resp = self._request("GET", path, headers=headers, params=params, stream=True)
        if resp.status_code >= 500 and resp.status_code not in (502, 503):
            resp.close()
            raise MediaUnavailable(f"MEDIA answered {resp.status_code}")
        return resp
