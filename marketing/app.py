"""MARKETING's web app: health, readiness, /metrics with the LLM totals, and POST /api/write for a
one-off ad group written from JSON (handy for trying the copywriter without a whole campaign)."""

from __future__ import annotations

from typing import Any

from flask import Flask, jsonify
from prometheus_client import Gauge
from pydantic import BaseModel, ConfigDict, Field

from marketing import costs, offline_writer, preflight
from marketing.facts import gather
from marketing.jobs import to_ad_group
from marketing.prompts import ad_group_messages
from marketing.providers import run_chain
from marketing.schemas import AdGroupCopy
from shared.languages import OFFLINE_LANGUAGES, unwritable
from shared.models import CampaignRequest, Insights
from shared.settings import get_settings
from shared.themes import THEMES
from shared.web import ApiError, json_body, make_app

# Gauges, not counters: the totals are kept in Redis by the worker processes and copied here on scrape.
LLM_CALLS = Gauge("bsc_llm_calls", "LLM calls made by MARKETING", ["provider", "model", "outcome"])
LLM_TOKENS = Gauge("bsc_llm_tokens", "LLM tokens", ["provider", "model", "direction"])
LLM_COST = Gauge("bsc_llm_cost_usd", "LLM spend in USD", ["provider", "model"])
LLM_LATENCY = Gauge("bsc_llm_latency_seconds_sum", "Total LLM call latency", ["provider", "model"])


def refresh_metrics() -> None:
    tokens: dict[tuple[str, str, str], float] = {}
    usd: dict[tuple[str, str], float] = {}
    latency: dict[tuple[str, str], float] = {}
    for (provider, model, outcome), m in costs.totals().items():
        LLM_CALLS.labels(provider, model, outcome).set(m.get("calls", 0))
        for direction in ("in", "out"):
            k = (provider, model, direction)
            tokens[k] = tokens.get(k, 0) + m.get(f"tokens_{direction}", 0)
        usd[(provider, model)] = usd.get((provider, model), 0) + m.get("usd", 0)
        latency[(provider, model)] = latency.get((provider, model), 0) + m.get("latency_s", 0)
    for k, v in tokens.items():
        LLM_TOKENS.labels(*k).set(v)
    for k, v in usd.items():
        LLM_COST.labels(*k).set(v)
    for k, v in latency.items():
        LLM_LATENCY.labels(*k).set(v)


class WriteRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    request: CampaignRequest
    theme: str = "brand"
    insights: Insights | None = None
    final_url: str | None = None
    findings: list[dict[str, Any]] = Field(default_factory=list)


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    app = make_app("marketing", test_config)
    app.extensions["bsc_metrics_hook"] = refresh_metrics

    @app.post("/api/write")
    def write():
        body = WriteRequest.model_validate(json_body())
        if body.theme not in THEMES:
            raise ApiError(422, f"unknown theme; one of {', '.join(THEMES)}", "theme", "validation_error")
        refused = unwritable(body.request.languages[:1], get_settings())
        if refused:  # the same gate as campaign submission: never answered in another language
            raise ApiError(
                422,
                f"no configured writer can write {', '.join(refused)}; the offline writer writes "
                f"{', '.join(OFFLINE_LANGUAGES)}",
                "request.languages",
                "language_unavailable",
            )
        facts = gather(body.request, body.insights)
        brand = sorted(preflight.brand_tokens([facts.artist], facts.language))
        result = run_chain(
            "copy",
            ad_group_messages(facts, body.theme, body.findings),
            AdGroupCopy,
            lambda: offline_writer.compose(facts, body.theme),
            sandbox=get_settings().BSC_MODE == "sandbox",
            context={"brand": brand, "language": facts.language},
        )
        group = to_ad_group(
            result.value,
            facts,
            body.theme,
            body.final_url or body.request.final_url or "",
            0,
            result.written_by,
            result.notes,
        )
        return jsonify({"ad_group": group.model_dump(), "costs": [e.model_dump() for e in result.entries]})

    return app
