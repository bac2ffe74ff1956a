"""MEDIA: the creative brief rendered as visuals, a voice-over and short videos in two directions,
spec-checked, reviewed by the client and exported. Web app here (API + files); the renders run in
`bandcrew worker media` (media/jobs.py)."""

from __future__ import annotations

from typing import Any

from flask import Flask

from media.api import MAX_BED_BYTES, bp
from shared.web import make_app


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    app = make_app("media", test_config)
    # JSON bodies stay capped at 64 KB by json_body(); only the audio-bed upload is larger.
    app.config["MAX_CONTENT_LENGTH"] = MAX_BED_BYTES + 64 * 1024
    app.register_blueprint(bp)
    return app
