"""MAIN: the marketer's web UI and the Socket.IO server that streams campaign progress.

Run it as one gevent process (`gunicorn -w 1 -k gevent 'main.app:create_app()'`, what `bandcrew web
main` does): Socket.IO sessions live in that one process, and under gevent an open WebSocket is a
greenlet, not a thread, so 1,000 idle browser tabs do not starve /healthz (in threading mode each
holds a thread: 100 of them froze MAIN; measured in bench/faults.py). Outside gevent (tests, the
Flask test client) it runs in threading mode. Workers elsewhere emit through the Redis message
queue that this server listens on."""

from __future__ import annotations

from typing import Any

from flask import Flask
from flask_socketio import SocketIO

try:
    from gevent import monkey as _gevent_monkey
except ImportError:  # gevent is a dependency; this only keeps the module importable without it
    _gevent_monkey = None

from main import auth, socket_events
from main.media_client import MediaClient
from main.media_views import bp as media_bp
from main.media_views import raise_upload_limit
from main.presenters import template_helpers
from main.supervisor_client import SupervisorClient
from main.views import bp
from shared import events as progress
from shared.settings import get_settings
from shared.web import make_app

# Module level so handlers can be registered once; bound to an app (and a queue) in create_app,
# never in the constructor (a constructor given message_queue becomes a write-only emitter).
socketio = SocketIO()
socket_events.register(socketio)


def origin_check(extra: list[str]):
    """Same-origin always, plus the configured extra origins.

    Passing a list to cors_allowed_origins would *replace* Socket.IO's built-in same-origin rule,
    so we rebuild it: the page's own origin is the scheme + Host of the handshake request."""

    def allowed(origin: str | None, environ: dict[str, Any]) -> bool:
        if origin is None:
            return True
        own = {f"{environ.get('wsgi.url_scheme', 'http')}://{environ.get('HTTP_HOST', '')}"}
        fwd_host = environ.get("HTTP_X_FORWARDED_HOST")
        if fwd_host:  # behind a proxy, the browser saw the proxy's origin
            scheme = environ.get("HTTP_X_FORWARDED_PROTO", "https").split(",")[0].strip()
            own.add(f"{scheme}://{fwd_host.split(',')[0].strip()}")
        return origin in own or origin in extra

    return allowed


def async_mode() -> str:
    """gevent when the server patched the standard library for it (gunicorn's gevent worker), so the
    Redis listener and the websockets cooperate with it; threading otherwise."""
    if _gevent_monkey is not None and _gevent_monkey.is_module_patched("socket"):
        return "gevent"
    return "threading"


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    settings = get_settings()
    app = make_app("main", test_config)
    app.config.setdefault("SUPERVISOR_URL", settings.SUPERVISOR_URL)
    # Tests using flask_socketio's test client must turn the queue off (it refuses to run with one).
    app.config.setdefault("SOCKETIO_MESSAGE_QUEUE", settings.REDIS_URL)
    app.extensions["supervisor_client"] = SupervisorClient(app.config["SUPERVISOR_URL"])
    app.jinja_env.globals.update(template_helpers())

    @app.context_processor
    def pipeline_context() -> dict[str, Any]:
        # Stages, labels and the stepper come from the SUPERVISOR's table (GET /api/pipeline).
        table = app.extensions["supervisor_client"].pipeline()
        return {"PIPELINE": table, "STAGES": table["steps"], "STAGE_LABELS": table["labels"]}

    # First of all hooks: the body-size check and the sign-in gate's CSRF check read the body.
    app.before_request_funcs.setdefault(None, []).insert(0, raise_upload_limit)
    auth.init_app(app)  # before the pages: sign-in gate, CSRF, rate limits, security headers
    app.register_blueprint(bp)
    app.config.setdefault("MEDIA_URL", settings.MEDIA_URL)
    app.extensions["media_client"] = MediaClient(app.config["MEDIA_URL"])
    app.register_blueprint(media_bp)

    extra = [o.strip().rstrip("/") for o in settings.CORS_ALLOWED_ORIGINS.split(",") if o.strip()]
    # init_app merges into options kept from an earlier app; drop a previous app's queue manager.
    socketio.server_options.pop("client_manager", None)
    socketio.init_app(
        app,
        message_queue=app.config["SOCKETIO_MESSAGE_QUEUE"] or None,
        channel=progress.SOCKETIO_CHANNEL,
        async_mode=async_mode(),
        cors_allowed_origins=origin_check(extra),
    )
    return app
