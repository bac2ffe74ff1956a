"""MAIN's HTTP client for the MEDIA service, as `supervisor_client` is for the SUPERVISOR: MAIN never
imports the media package; the browser only ever talks to MAIN (same origin), which passes MEDIA's
answers through with their status and body. Files are streamed, with the browser's Range and
conditional headers forwarded, so video seeking works through MAIN too."""

from __future__ import annotations

from typing import Any

import requests

from main.service_client import ApiReply, ServiceClient, ServiceUnavailable
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


class MediaUnavailable(ServiceUnavailable):
    """MEDIA could not be reached or answered with something that is not its API."""

    code = "media_unavailable"
    service = "The media service (MEDIA)"


class MediaClient(ServiceClient):
    NAME = "MEDIA"
    Unavailable = MediaUnavailable
    TIMEOUT = TIMEOUT

    def __init__(
        self, base_url: str | None = None, session: requests.Session | None = None, token: str | None = None
    ):
        super().__init__(base_url or get_settings().MEDIA_URL, session, token)

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
        return self._stream(path, headers=headers, params=params)
