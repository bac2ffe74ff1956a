"""Ads, ad groups and the OPTIMIZER's findings. `AdInput` is the public check/fix contract: headlines
and descriptions may be plain strings or `{"text": ..., "pin": n}`."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

Severity = Literal["disapproved", "limited", "advisory"]
MatchType = Literal["broad", "phrase", "exact"]
Rating = Literal["Incomplete", "Poor", "Average", "Good", "Excellent"]


class Asset(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: str
    pin: int | None = Field(None, ge=1, le=3)


def _assets(value: Any) -> Any:
    """Accept `"text"` or `{"text": ..., "pin": n}` for every asset."""
    if isinstance(value, list):
        return [{"text": v} if isinstance(v, str) else v for v in value]
    return value


class AdInput(BaseModel):
    """One responsive search ad as the marketer or an agent hands it to the OPTIMIZER."""

    model_config = ConfigDict(extra="forbid")

    headlines: list[Asset] = Field(default_factory=list)
    descriptions: list[Asset] = Field(default_factory=list)
    path1: str = ""
    path2: str = ""
    final_url: str = ""

    _norm = field_validator("headlines", "descriptions", mode="before")(
        classmethod(lambda cls, v: _assets(v))
    )


class Finding(BaseModel):
    policy: str
    severity: Severity
    field: str  # e.g. "headlines[2]", "descriptions[0]", "path1", "final_url", "ad"
    message: str
    fix: str | None = None


class Change(BaseModel):
    field: str
    before: str
    after: str
    policy: str


class AdStrength(BaseModel):
    rating: Rating
    score: float | None = None  # 0-1, our internal measure behind the rating
    actions: list[str] = Field(default_factory=list)


class ComplianceReport(BaseModel):
    compliant: bool
    findings: list[Finding] = Field(default_factory=list)
    changes: list[Change] = Field(default_factory=list)  # what the auto-fix did (before -> after)


class ResponsiveSearchAd(AdInput):
    model_config = ConfigDict(extra="forbid")

    angle: str = ""  # what this variant leads with, for the A/B plan
    compliance: ComplianceReport | None = None
    ad_strength: AdStrength | None = None


class Keyword(BaseModel):
    text: str
    match_type: MatchType = "phrase"

    def formatted(self) -> str:
        """The keyword as Google Ads Editor writes it: broad, "phrase", [exact]."""
        return {"broad": self.text, "phrase": f'"{self.text}"', "exact": f"[{self.text}]"}[self.match_type]


class AdGroup(BaseModel):
    name: str
    theme: str  # brand, release, similar_artists, genre_trend, tickets, merch
    keywords: list[Keyword] = Field(default_factory=list)
    negatives: list[Keyword] = Field(default_factory=list)
    ads: list[ResponsiveSearchAd] = Field(default_factory=list)
    written_by: dict[str, str] = Field(default_factory=dict)  # {"provider": ..., "model": ...}
    language: str = "en"
    revision: int = 0
    notes: list[str] = Field(default_factory=list)

    def disapproved(self) -> list[Finding]:
        return [
            f
            for ad in self.ads
            if ad.compliance
            for f in ad.compliance.findings
            if f.severity == "disapproved"
        ]
