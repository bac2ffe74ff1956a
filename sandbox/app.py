"""The sandbox: local stand-ins of Deezer, Spotify, SerpApi, Chartmetric, Bandsintown, Ticketmaster, OpenAI and the media generators in one Flask app,
speaking the real APIs' shapes so the real client libraries talk to it over HTTP.

Control endpoints (tests and benchmarks):
  POST /_sandbox/config {"faults": "deezer:quota:0.3", "latency_ms": 300, "spotify_access": "new_app"}
  GET  /_sandbox/config        the active config
  GET  /_sandbox/calls         calls served per API since the last reset
  POST /_sandbox/reset         no faults, no latency, zero counts
Every API request gets the configured latency and is counted here, before its blueprint runs
(faults are the blueprints' job, since their shapes differ per API)."""

from __future__ import annotations

import re
import time
from typing import Any

from flask import Flask, jsonify, request

from sandbox import faults
from sandbox import spotify as spotify_api
from sandbox.chartmetric import bp as chartmetric_bp
from sandbox.deezer import bp as deezer_bp
from sandbox.events import bandsintown as bandsintown_bp
from sandbox.events import ticketmaster as ticketmaster_bp
from sandbox.serpapi import bp as serpapi_bp
from sandbox.spotify import bp as spotify_bp
from sandbox.video_apis import bp as video_bp
from shared.settings import get_settings

VEO_PATH = re.compile(r":predictLongRunning$|/operations/|/files/[^/]+:download$")


def _api_of(path: str) -> str | None:
    first = path.lstrip("/").split("/", 1)[0]
    if first == "gemini" and VEO_PATH.search(path):
        return "veo"  # Veo lives in the Gemini API but has its own fault switch and count
    return first if first in faults.APIS else None


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    from sandbox.openai_api import bp as openai_bp  # written by the MARKETING side; always registered

    app = Flask("sandbox")
    app.config.update(JSON_SORT_KEYS=False)
    app.json.ensure_ascii = False  # type: ignore[attr-defined]  # names with accents/CJK stay readable
    if test_config:
        app.config.update(test_config)
    settings = get_settings()
    faults.configure(settings.SANDBOX_FAULTS, settings.SANDBOX_LATENCY_MS)

    from sandbox.media_apis import bp as media_bp  # image, voice and picture stand-ins (MEDIA)

    for bp in (
        deezer_bp,
        spotify_bp,
        serpapi_bp,
        chartmetric_bp,
        bandsintown_bp,
        ticketmaster_bp,
        openai_bp,
        media_bp,
        video_bp,
    ):
        app.register_blueprint(bp)

    @app.before_request
    def _latency_and_count():
        api = _api_of(request.path)
        if api is None:
            return None
        faults.count(api)
        delay = faults.latency_s()
        if delay:
            time.sleep(delay)
        return None

    @app.post("/_sandbox/config")
    def set_config():
        body = request.get_json(silent=True) or {}
        try:
            latency = int(body.get("latency_ms") or 0)
            faults.configure(str(body.get("faults") or ""), latency)
            if "spotify_access" in body:
                spotify_api.set_access(body.get("spotify_access"))
        except (ValueError, TypeError) as exc:
            return jsonify({"error": "bad_config", "message": str(exc)}), 400
        return jsonify(faults.config() | {"spotify_access": spotify_api.access()})

    @app.get("/_sandbox/config")
    def get_config():
        return jsonify(faults.config() | {"spotify_access": spotify_api.access()})

    @app.get("/_sandbox/calls")
    def calls():
        return jsonify(faults.calls())

    @app.post("/_sandbox/reset")
    def reset():
        faults.reset()
        spotify_api.set_access(None)
        return jsonify({"status": "reset"})

    @app.get("/healthz")
    def healthz():
        return jsonify({"status": "ok", "service": "sandbox"})

    @app.get("/")
    def index():
        return jsonify(
            {
                "service": "sandbox",
                "apis": {
                    "deezer": "/deezer",
                    "spotify": "/spotify/v1/ (token /spotify/api/token)",
                    "serpapi": "/serpapi/search.json",
                    "chartmetric": "/chartmetric/api/",
                    "bandsintown": "/bandsintown/artists/<name>/events?app_id=",
                    "ticketmaster": "/ticketmaster/discovery/v2/events.json?apikey=",
                    "openai": "/openai/v1 (chat completions, images/generations)",
                    "gemini": "/gemini/v1beta/models/<model>:generateContent",
                    "fal": "/fal/<model> (queue: status, result)",
                    "elevenlabs": "/elevenlabs/v1/text-to-speech/<voice>/with-timestamps",
                    "runway": "/runway/v1/image_to_video, /runway/v1/tasks/<id>",
                    "veo": "/gemini/v1beta/models/<model>:predictLongRunning (operations, files)",
                    "pictures": "/images/<kind>/<id>/<size>.jpg",
                },
                "note": "synthetic data derived from the artist name; not real figures",
            }
        )

    return app
