"""SUPERVISOR web service: the campaign API and the admin API."""

from __future__ import annotations

from typing import Any

from flask import Flask

from shared.web import make_app


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    app = make_app("supervisor", test_config)

    from shared.ratelimit import make_limiter
    from shared.settings import get_settings
    from shared.webauth import account_or_ip_key, current_account
    from supervisor.admin import bp as admin_bp
    from supervisor.api import bp as campaigns_bp
    from supervisor.api import create_campaign, pipeline_bp
    from supervisor.metrics import refresh_queue_gauges

    settings = get_settings()
    app.config.setdefault("RATE_LIMIT_PER_USER", settings.RATE_LIMIT_PER_USER)
    app.config.setdefault("RATE_LIMIT_CAMPAIGNS", settings.RATE_LIMIT_CAMPAIGNS)

    @app.before_request
    def _who() -> None:
        # Resolved before the limiter's own before_request (registered next), so limits key on the
        # account; the campaign blueprint then refuses a request without one (401).
        current_account()

    limiter = make_limiter(app)
    per_user = app.config["RATE_LIMIT_PER_USER"]
    limiter.limit(per_user, key_func=account_or_ip_key)(campaigns_bp)
    app.register_blueprint(campaigns_bp)
    # A route limit is enforced by the wrapper the decorator returns, so the registered view is replaced.
    app.view_functions["campaigns.create_campaign"] = limiter.limit(
        app.config["RATE_LIMIT_CAMPAIGNS"],
        key_func=account_or_ip_key,
        override_defaults=False,
        scope="campaign-create",
    )(create_campaign)
    app.register_blueprint(admin_bp)
    app.register_blueprint(pipeline_bp)
    app.extensions["bsc_metrics_hook"] = refresh_queue_gauges
    return app
