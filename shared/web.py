"""What every web service shares: JSON errors, body-size cap, /healthz, /readyz, /metrics.

Each service's `create_app()` calls `make_app(name)` and registers its own blueprints on top.

Hostile input gets a 4xx naming what is wrong, on every endpoint of every service, before any
route runs: a body over the cap is a 413 that closes the connection (its unread rest must not be
taken for the next request), a broken chunked body is a 400 that closes it too, JSON nested deeper
than MAX_JSON_DEPTH is a 400 (Python's parser would hit its recursion limit: a 500). While Redis is
unavailable every route that needs it answers 503 with the reason, and the process stays up."""

from __future__ import annotations

import json
import logging
import re
import time
from collections.abc import Callable, Iterable
from typing import Any

import redis
from flask import Flask, Response, g, jsonify, request
from flask.json.provider import DefaultJSONProvider
from prometheus_client import CONTENT_TYPE_LATEST, Counter, Histogram, generate_latest
from pydantic import ValidationError
from werkzeug.exceptions import HTTPException

from shared.logs import setup_logging
from shared.redisdb import get_redis
from shared.settings import get_settings

MAX_BODY_BYTES = 64 * 1024
# Deeper JSON is refused before it is parsed. Our deepest real payload (a campaign record sent to
# the OPTIMIZER's export) nests about 8 levels.
MAX_JSON_DEPTH = 64
# Methods that get their own Prometheus label; any other (clients may invent them) counts as "other".
KNOWN_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
REDIS_RETRY_AFTER_S = 5

HTTP_REQUESTS = Counter(
    "bsc_http_requests_total", "HTTP requests", ["service", "endpoint", "method", "status"]
)
HTTP_LATENCY = Histogram(
    "bsc_http_request_duration_seconds",
    "HTTP request latency",
    ["service", "endpoint"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)


_JSON_STRING = re.compile(rb'"(?:[^"\\]|\\.)*"')
_JSON_BRACKET = re.compile(rb"[\[\]{}]")


def json_depth(raw: bytes) -> int:
    """How deep brackets nest in a JSON text (strings skipped), without parsing it: the check has to
    be cheaper and safer than the parse it protects."""
    depth = deepest = 0
    for m in _JSON_BRACKET.finditer(_JSON_STRING.sub(b'""', raw)):
        if m.group() in (b"[", b"{"):
            depth += 1
            deepest = max(deepest, depth)
        else:
            depth -= 1
    return deepest


class DepthLimitedJSON(DefaultJSONProvider):
    """Flask's JSON with a nesting limit: too deep is a ValueError, which Flask turns into a 400."""

    def loads(self, s: str | bytes, **kwargs: Any) -> Any:
        raw = s.encode("utf-8", "surrogatepass") if isinstance(s, str) else s
        if json_depth(raw) > MAX_JSON_DEPTH:
            raise ValueError(f"JSON nested deeper than {MAX_JSON_DEPTH} levels")
        return json.loads(s, **kwargs)


def _client_error_kind(exc: BaseException) -> str | None:
    """Errors raised while reading a malformed request (the server's body reader), not our bugs."""
    if isinstance(exc, RecursionError):
        return "nested_too_deep"
    mod = type(exc).__module__
    if mod.startswith("gunicorn.http") or type(exc).__name__ in ("ClientDisconnected", "NoMoreData"):
        return "malformed_body"
    return None


class ForceClose:
    """WSGI middleware: a response carrying `Connection: close` really closes the connection.

    Gunicorn drops hop-by-hop headers an application sets and would keep the connection alive,
    then read the unread rest of a refused body as the next request. Its `start_response` is a
    method of its response object, whose `force_close()` makes it send `Connection: close` and
    close. (Werkzeug's server honours the header by itself.)"""

    def __init__(self, app: Callable[..., Iterable[bytes]]):
        self.app = app

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        def start(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
            if any(k.lower() == "connection" and v.lower() == "close" for k, v in headers):
                force = getattr(getattr(start_response, "__self__", None), "force_close", None)
                if callable(force):
                    force()
            return start_response(status, headers, exc_info)

        return self.app(environ, start)


class ApiError(Exception):
    """An error with an HTTP status and a JSON body naming the field at fault."""

    def __init__(self, status: int, message: str, field: str | None = None, code: str = "bad_request"):
        super().__init__(message)
        self.status, self.message, self.field, self.code = status, message, field, code

    def body(self) -> dict[str, Any]:
        out: dict[str, Any] = {"error": self.code, "message": self.message}
        if self.field:
            out["field"] = self.field
            out["fields"] = {self.field: self.message}
        return out


def field_path(loc: tuple[Any, ...]) -> str:
    """pydantic loc ('brief', 'company') -> 'brief.company'; ('countries', 1) -> 'countries[1]'."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "body"


def validation_body(exc: ValidationError) -> dict[str, Any]:
    errors = []
    for err in exc.errors():
        msg = err["msg"].removeprefix("Value error, ")
        if err["type"] == "extra_forbidden":
            msg = "unknown field"
        errors.append({"field": field_path(tuple(err["loc"])), "message": msg})
    fields: dict[str, str] = {}
    for e in errors:
        fields.setdefault(e["field"], e["message"])
    first = errors[0]
    return {
        "error": "validation_error",
        "message": f"{first['field']}: {first['message']}",
        "field": first["field"],
        "fields": fields,
        "errors": errors,
    }


def json_body() -> dict[str, Any]:
    """The request's JSON object, or an ApiError that says what is wrong with it."""
    if request.content_length is not None and request.content_length > MAX_BODY_BYTES:
        raise ApiError(413, f"body is larger than {MAX_BODY_BYTES // 1024} KB", "body", "too_large")
    data = request.get_json(silent=True)
    if data is None:
        raise ApiError(
            400, "body must be a JSON object (Content-Type: application/json)", "body", "invalid_json"
        )
    if not isinstance(data, dict):
        raise ApiError(400, "body must be a JSON object", "body", "invalid_json")
    return data


def make_app(service: str, test_config: dict[str, Any] | None = None) -> Flask:
    setup_logging(service)
    settings = get_settings()
    app = Flask(service)
    app.json = DepthLimitedJSON(app)
    app.wsgi_app = ForceClose(app.wsgi_app)  # type: ignore[method-assign]
    app.config.update(
        SECRET_KEY=settings.secret("SECRET_KEY"),
        MAX_CONTENT_LENGTH=MAX_BODY_BYTES,
        JSON_SORT_KEYS=False,
        SERVICE=service,
    )
    if test_config:
        app.config.update(test_config)

    @app.before_request
    def _start_timer() -> None:
        g._t0 = time.perf_counter()

    @app.before_request
    def _check_body() -> None:
        """Every route, whether or not it reads a body: over the cap is a 413 before anything is
        read; a chunked body (no length) is read here, within the cap, so a broken one fails here;
        JSON is checked for depth before any route parses it."""
        limit = request.max_content_length
        if limit is not None and request.content_length is not None and request.content_length > limit:
            raise ApiError(413, f"body is larger than {limit // 1024} KB", "body", "too_large")
        chunked = "chunked" in request.headers.get("Transfer-Encoding", "").lower()
        if chunked or (request.is_json and request.content_length):
            raw = request.get_data(cache=True)  # werkzeug raises 413 past the cap
            if request.is_json and json_depth(raw) > MAX_JSON_DEPTH:
                raise ApiError(
                    400, f"JSON nested deeper than {MAX_JSON_DEPTH} levels", "body", "nested_too_deep"
                )

    @app.after_request
    def _record(resp: Response) -> Response:
        endpoint = request.url_rule.rule if request.url_rule else "unmatched"
        method = request.method if request.method in KNOWN_METHODS else "other"
        HTTP_REQUESTS.labels(service, endpoint, method, str(resp.status_code)).inc()
        if hasattr(g, "_t0"):
            HTTP_LATENCY.labels(service, endpoint).observe(time.perf_counter() - g._t0)
        _one_charset(resp)
        if resp.status_code == 413 or (resp.status_code == 400 and g.get("_close")):
            resp.headers["Connection"] = "close"  # see ForceClose
        return resp

    @app.errorhandler(ApiError)
    def _api_error(exc: ApiError):
        return jsonify(exc.body()), exc.status

    @app.errorhandler(ValidationError)
    def _validation_error(exc: ValidationError):
        return jsonify(validation_body(exc)), 422

    @app.errorhandler(HTTPException)
    def _http_error(exc: HTTPException):
        field = "body" if exc.code in (400, 413) else None
        body: dict[str, Any] = {
            "error": (exc.name or "error").lower().replace(" ", "_"),
            "message": exc.description,
        }
        if exc.code == 413:
            body["message"] = f"body is larger than {MAX_BODY_BYTES // 1024} KB"
        if field:
            body["field"] = field
        return jsonify(body), exc.code or 500

    @app.errorhandler(redis.RedisError)
    def _redis_down(exc: redis.RedisError):
        logging.getLogger(service).warning(
            "Redis unavailable on %s %s: %s", request.method, request.path, type(exc).__name__
        )
        resp = jsonify(
            {
                "error": "unavailable",
                "message": "the crew's storage (Redis) is unavailable; try again in a few seconds",
                "reason": f"redis: {type(exc).__name__}",
            }
        )
        resp.status_code = 503
        resp.headers["Retry-After"] = str(REDIS_RETRY_AFTER_S)
        return resp

    @app.errorhandler(Exception)
    def _unexpected(exc: Exception):
        kind = _client_error_kind(exc)
        if kind is not None:
            g._close = True  # the request stream is in an unknown state: do not reuse it
            message = (
                f"JSON nested deeper than {MAX_JSON_DEPTH} levels"
                if kind == "nested_too_deep"
                else "malformed request body (bad chunked encoding or an incomplete body)"
            )
            return jsonify(
                {"error": kind, "message": message, "field": "body", "fields": {"body": message}}
            ), 400
        logging.getLogger(service).exception("unhandled error on %s %s", request.method, request.path)
        return jsonify(
            {"error": "internal_error", "message": "unexpected server error; it has been logged"}
        ), 500

    @app.get("/healthz")
    def healthz():
        return jsonify({"status": "ok", "service": service})

    @app.get("/readyz")
    def readyz():
        try:
            get_redis().ping()
        except Exception as exc:  # any Redis failure means not ready
            return jsonify({"status": "unavailable", "service": service, "redis": type(exc).__name__}), 503
        return jsonify({"status": "ready", "service": service})

    @app.get("/metrics")
    def metrics():
        hook = app.extensions.get("bsc_metrics_hook")
        if hook:
            hook()  # services refresh gauges computed from Redis on scrape
        return Response(generate_latest(), mimetype=CONTENT_TYPE_LATEST)

    return app


def _one_charset(resp: Response) -> None:
    """Flask appends `; charset=utf-8` to a text mimetype that already names its own charset (the
    UTF-16 Editor CSV), leaving two: keep the first, the one the body is actually encoded in."""
    ctype = resp.headers.get("Content-Type", "")
    if ctype.lower().count("charset=") < 2:
        return
    parts = [p.strip() for p in ctype.split(";")]
    kept, seen = [parts[0]], False
    for p in parts[1:]:
        if p.lower().startswith("charset="):
            if seen:
                continue
            seen = True
        kept.append(p)
    resp.headers["Content-Type"] = "; ".join(kept)
