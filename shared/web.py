"""What every web service shares: JSON errors, body-size cap, /healthz, /readyz, /metrics.

Each service's `create_app()` calls `make_app(name)` and registers its own blueprints on top."""

from __future__ import annotations

import logging
import time
from typing import Any

from flask import Flask, Response, g, jsonify, request
from prometheus_client import CONTENT_TYPE_LATEST, Counter, Histogram, generate_latest
from pydantic import ValidationError
from werkzeug.exceptions import HTTPException

from shared.logs import setup_logging
from shared.redisdb import get_redis
from shared.settings import get_settings

MAX_BODY_BYTES = 64 * 1024

HTTP_REQUESTS = Counter(
    "bsc_http_requests_total", "HTTP requests", ["service", "endpoint", "method", "status"]
)
HTTP_LATENCY = Histogram(
    "bsc_http_request_duration_seconds",
    "HTTP request latency",
    ["service", "endpoint"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)


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

    @app.after_request
    def _record(resp: Response) -> Response:
        endpoint = request.url_rule.rule if request.url_rule else "unmatched"
        HTTP_REQUESTS.labels(service, endpoint, request.method, str(resp.status_code)).inc()
        if hasattr(g, "_t0"):
            HTTP_LATENCY.labels(service, endpoint).observe(time.perf_counter() - g._t0)
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

    @app.errorhandler(Exception)
    def _unexpected(exc: Exception):
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
