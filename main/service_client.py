"""The HTTP transport MAIN uses for every service behind it (the SUPERVISOR, MEDIA).

MAIN never imports another service's package: it calls them over HTTP with the marketer's token, so
the service answers for that account's workspace only and MAIN holds no credential of its own. Each
call has a short timeout, so a stuck service turns into a 503 page within seconds instead of holding
one of MAIN's workers. Connection failures and crashes become the subclass's `Unavailable`; every
other status is passed back unchanged so MAIN can show the service's own field messages."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar, Self

import requests


class ServiceUnavailable(RuntimeError):
    """A service could not be reached or answered with something that is not its API."""

    # What MAIN's 503 says (main/relay.py): an error code and the service as a marketer knows it.
    code: ClassVar[str] = "service_unavailable"
    service: ClassVar[str] = "The service"


@dataclass(frozen=True)
class ApiReply:
    status: int
    body: dict[str, Any]

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300


class ServiceClient:
    NAME: ClassVar[str] = "the service"
    Unavailable: ClassVar[type[ServiceUnavailable]] = ServiceUnavailable
    # (connect, read) seconds.
    TIMEOUT: ClassVar[tuple[float, float]] = (3.05, 10.0)

    def __init__(self, base_url: str, session: requests.Session | None = None, token: str | None = None):
        self.base_url = base_url.rstrip("/")
        self.session = session or requests.Session()
        self.token = token

    def as_account(self, token: str | None) -> Self:
        """The same connection pool, calling with a marketer's token."""
        return type(self)(self.base_url, self.session, token)

    def _request(self, method: str, path: str, **kwargs: Any) -> requests.Response:
        if self.token:
            kwargs["headers"] = {**kwargs.get("headers", {}), "Authorization": f"Bearer {self.token}"}
        try:
            return self.session.request(method, self.base_url + path, timeout=self.TIMEOUT, **kwargs)
        except requests.RequestException as exc:
            raise self.Unavailable(f"{type(exc).__name__} talking to {self.NAME}") from exc

    def _json(self, method: str, path: str, **kwargs: Any) -> ApiReply:
        resp = self._request(method, path, **kwargs)
        if resp.status_code >= 500 and resp.status_code not in (502, 503):
            # A crash (500) is the service failing, not an answer about the campaign. Its own 502/503
            # (e.g. "the campaign store is unavailable") carry a message worth passing on.
            raise self.Unavailable(f"{self.NAME} answered {resp.status_code}")
        try:
            body = resp.json()
        except ValueError as exc:
            # e.g. a proxy's HTML error page in front of it.
            raise self.Unavailable(f"{self.NAME} answered {resp.status_code} without JSON") from exc
        if not isinstance(body, dict):
            raise self.Unavailable(f"{self.NAME} answered with a JSON value that is not an object")
        return ApiReply(resp.status_code, body)

    def _stream(self, path: str, **kwargs: Any) -> requests.Response:
        """A streaming response (the caller closes it); only a crash becomes `Unavailable`."""
        resp = self._request("GET", path, stream=True, **kwargs)
        if resp.status_code >= 500 and resp.status_code not in (502, 503):
            resp.close()
            raise self.Unavailable(f"{self.NAME} answered {resp.status_code}")
        return resp
