"""Rate limits for the web services: Flask-Limiter with its counters in Redis, so every gunicorn
thread, process and container shares them.

Where each limit applies: per client IP at MAIN (the public edge, where the client's address is
meaningful) and per account at the SUPERVISOR's campaign API (MAIN forwards the account's token, so
the SUPERVISOR sees who, not MAIN's own address). A refusal is a 429 JSON naming the limit, with
Retry-After and the X-RateLimit-* headers."""

from __future__ import annotations

import logging

from flask import Flask, Response, jsonify, request
from flask_limiter import Limiter, RateLimitExceeded
from flask_limiter.util import get_remote_address

from shared.settings import get_settings

log = logging.getLogger(__name__)
# Never limited: probes and scrapes (an orchestrator polls them), and static files.
EXEMPT_ENDPOINTS = frozenset({"healthz", "readyz", "metrics", "static"})


def _refused(exc: RateLimitExceeded) -> Response:
    resp = jsonify(
        {
            "error": "rate_limited",
            "message": f"too many requests: the limit is {exc.description}; try again later",
            "limit": exc.description,
        }
    )
    resp.status_code = 429
    return resp


def _exempt() -> bool:
    return request.endpoint in EXEMPT_ENDPOINTS or request.method == "OPTIONS"


def make_limiter(app: Flask, default_limits: list[str] | None = None) -> Limiter:
    """A limiter bound to `app`, keyed by client IP unless a limit says otherwise.

    `swallow_errors`: when Redis is down the request goes on unlimited (and /readyz says 503)
    rather than every page failing; the store is the thing to alert on, not the limiter."""
    limiter = Limiter(
        get_remote_address,
        app=app,
        default_limits=default_limits or [],
        default_limits_exempt_when=_exempt,
        storage_uri=app.config.get("RATELIMIT_STORAGE_URI") or get_settings().REDIS_URL,
        storage_options={"socket_timeout": 5},
        strategy="moving-window",
        key_prefix="bsc:ratelimit",
        headers_enabled=True,
        swallow_errors=True,
    )
    app.register_error_handler(RateLimitExceeded, _refused)
    app.extensions["bsc_limiter"] = limiter
    return limiter
