"""SerpApi through google-search-results (`serpapi.GoogleSearch`), shared by YouTube and Trends.

The client's own timeout default is 60000 *seconds*; we pass ours. The base URL is set per
instance (BACKEND), so concurrent sandbox and live searches cannot step on each other."""

from __future__ import annotations

from typing import Any

import requests
from serpapi import GoogleSearch

from analyst.modes import credential
from analyst.sources.base import ArtistNotFound, Context
from analyst.sources.registry import Api
from shared.resilience import Permanent, Transient, from_requests, from_status

# One API behind two sources (YouTube and Google Trends): one key, one base URL.
SERPAPI = Api(
    "SERPAPI_URL",
    "https://serpapi.com",
    "/serpapi",
    credentials=("SERPAPI_API_KEY",),
    secrets=("SERPAPI_API_KEY",),
)
NO_RESULTS = "hasn't returned any results"


def search(ctx: Context, params: dict[str, Any], kind: str) -> dict[str, Any]:
    """One cached, resilient SerpApi search. 'No results' becomes ArtistNotFound."""
    cache_key = "&".join(f"{k}={v}" for k, v in sorted(params.items()))

    def op() -> dict[str, Any]:
        client = GoogleSearch({**params, "api_key": credential("SERPAPI_API_KEY", ctx.mode)})
        client.BACKEND = ctx.base
        client.timeout = ctx.res.timeout
        try:
            resp = client.get_response("/search.json")
        except requests.RequestException as exc:
            raise from_requests(exc, "SerpApi") from None
        if resp.status_code >= 400:
            err = from_status(resp.status_code, resp.headers.get("Retry-After"), "SerpApi")
            if resp.status_code == 429:  # SerpApi's 429 is also "out of searches" for the month
                err = Transient(
                    "rate_limited",
                    f"SerpApi: {_message(resp) or 'rate limited (HTTP 429)'}",
                    429,
                    resp.headers.get("Retry-After"),
                )
            raise err
        try:
            body = resp.json()
        except ValueError:
            raise Transient("malformed", "SerpApi returned malformed JSON") from None
        if not isinstance(body, dict):
            raise Transient("malformed", "SerpApi returned an unexpected body")
        error = body.get("error")
        if error and NO_RESULTS not in str(error):
            raise Permanent("api_error", f"SerpApi: {error}")
        return body

    body = ctx.res.cached(kind, cache_key, op, what=params.get("engine", "serpapi"))
    if NO_RESULTS in str(body.get("error", "")):
        raise ArtistNotFound([], str(body["error"]))
    return body


def _message(resp: requests.Response) -> str | None:
    try:
        body = resp.json()
    except ValueError:
        return None
    return str(body.get("error")) if isinstance(body, dict) and body.get("error") else None
