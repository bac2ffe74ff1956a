"""SUPERVISOR web service: the campaign API and the admin API."""

from __future__ import annotations

from typing import Any

from flask import Flask

from shared.web import make_app


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    app = make_app("supervisor", test_config)

    from supervisor.admin import bp as admin_bp
    from supervisor.api import bp as campaigns_bp
    from supervisor.api import pipeline_bp
    from supervisor.metrics import refresh_queue_gauges

    app.register_blueprint(campaigns_bp)
    app.register_blueprint(admin_bp)
    app.register_blueprint(pipeline_bp)
    app.extensions["bsc_metrics_hook"] = refresh_queue_gauges
    return app
