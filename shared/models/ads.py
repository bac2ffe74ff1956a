"""Ads, ad groups and the OPTIMIZER's findings. `AdInput` is the public check/fix contract: headlines
and descriptions may be plain strings or `{"text": ..., "pin": n}`."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from shared.models.request import Goal

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


ClaimKind = Literal[
    "event",  # a show / concert / tour happening
    "city",  # a place the artist plays
    "venue",
    "date",  # a date, weekday or month of a show or a release
    "on_sale",  # tickets on sale / available now
    "scarcity",  # while they last, limited, few left, sold out soon
    "availability",  # something can be bought / ordered / pre-saved now
    "format",  # vinyl, CD, cassette, apparel, a merch item
    "official",  # "official" site / store / merch
    "release_status",  # out now, new, coming soon, pre-save
]


class Claim(BaseModel):
    """One factual claim an asset makes, and what backs it (shared/claims.py extracts and verifies).
    `backing` names the field of the request, the brief or the insights that supports the claim, e.g.
    `request.links.tickets`, `insights.events[2].city`, `request.brief.strengths`; None = unsupported."""

    kind: ClaimKind
    value: str  # normalised: "paris", "2026-12-03", "vinyl", "out_now", "on_sale"
    text: str  # the words of the asset that make the claim
    field: str  # which asset: "headlines[3]", "descriptions[0]", "path1"
    backing: str | None = None
    supported: bool = False
    reason: str | None = None  # why it is unsupported (shown to the marketer and sent back to an LLM)


class ResponsiveSearchAd(AdInput):
    model_config = ConfigDict(extra="forbid")

    angle: str = ""  # what this variant leads with, for the A/B plan
    claims: list[Claim] = Field(default_factory=list)  # the claims ledger of this ad's assets
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
    theme: str  # brand, release, similar_artists, genre_trend, tickets, merch, presave, followers, city:<x>
    goal: Goal | None = None  # the goal this ad group serves: its Google Ads campaign in the export
    final_url: str | None = None  # the landing page that fits the goal (shared/landing.py)
    final_url_source: str | None = (
        None  # which field it came from: request.links.tickets, insights.events[0]...
    )
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
