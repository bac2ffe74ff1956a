"""ANALYST web service: POST /api/insights runs every (or the asked) source for an artist at once
and returns the Insights JSON, the same document `bandcrew insights` prints."""

from __future__ import annotations

from typing import Any

from flask import Flask, jsonify
from pydantic import BaseModel, ConfigDict, Field, field_validator

from analyst.insights import build_insights
from analyst.sources import registry
from shared.web import json_body, make_app


class InsightsRequest(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    artist: str = Field(..., min_length=1, max_length=100)
    sources: list[str] | None = Field(None, min_length=1, max_length=50)

    @field_validator("sources")
    @classmethod
    def _known(cls, v: list[str] | None) -> list[str] | None:
        if v is None:
            return v
        known = registry.names()
        bad = [s for s in v if s not in known]
        if bad:
            raise ValueError(f"unknown source {bad[0]!r}; expected some of {', '.join(known)}")
        return list(dict.fromkeys(v))


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    app = make_app("analyst", test_config)

    @app.post("/api/insights")
    def insights():
        req = InsightsRequest.model_validate(json_body())  # a ValidationError becomes a 422 naming the field
        return jsonify(build_insights(req.artist, req.sources).model_dump(mode="json"))

    return app
