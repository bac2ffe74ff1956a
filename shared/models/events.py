"""The progress event: appended to a per-campaign Redis Stream and emitted over Socket.IO."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

EventStatus = Literal["started", "progress", "done", "failed", "retrying", "skipped"]


class ProgressEvent(BaseModel):
    campaign_id: str
    seq: int = Field(..., ge=1)
    ts: str
    stage: str
    agent: str
    step: str
    status: EventStatus
    pct: int = Field(..., ge=0, le=100)
    message: str = ""
    data: dict[str, Any] = Field(default_factory=dict)
