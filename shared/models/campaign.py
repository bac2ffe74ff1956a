"""The campaign record: one JSON document per campaign in Redis, validated on every write."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, Field

from shared import pipeline
from shared.models.ads import AdGroup, Keyword
from shared.models.insights import Insights
from shared.models.media import MediaRecord
from shared.models.request import CampaignRequest


def _known_state(value: str) -> str:
    # The states are the pipeline table's (shared.pipeline), read at validation time: adding a stage
    # is a row there, not an edit here.
    if value not in pipeline.states():
        raise ValueError(f"unknown state {value!r}; expected one of {', '.join(pipeline.states())}")
    return value


State = Annotated[str, AfterValidator(_known_state)]
TERMINAL: frozenset[str] = pipeline.TERMINAL


class ABTest(BaseModel):
    ad_group: str
    variant_a: int  # index of the RSA in the ad group's ads
    variant_b: int
    angle_a: str = ""
    angle_b: str = ""
    split: list[int] = Field(default_factory=lambda: [50, 50])
    baseline_ctr: float
    min_detectable_lift: float  # relative, e.g. 0.2 for +20 %
    alpha: float = 0.05
    power: float = 0.8
    impressions_per_variant: int
    estimated_days: float | None = None
    # Where the numbers come from and whether the test can end in time (optimizer/abtest.py).
    goal: str | None = None
    baseline_cpc: float | None = None  # in the request's currency
    baseline_source: str | None = None  # the documented table the CTR and CPC come from
    daily_budget: float | None = None  # the ad group's share, which sets the traffic
    clicks_per_day: float | None = None
    impressions_per_day: float | None = None
    concludes: bool | None = None  # within MAX_TEST_DAYS (28)
    status: Literal["proposed", "adjusted", "not_proposed"] = "proposed"
    proposal: str | None = None  # what can conclude when the test as asked cannot
    pooled_with: list[str] = Field(default_factory=list)  # ad groups tested together (same angles)


class GoalGap(BaseModel):
    """A goal the marketer picked that gets no ads, why, and what to add so it can."""

    goal: str
    reason: str  # e.g. "no ticket page: no links.tickets and no event with a ticket URL"
    add: str  # e.g. "links.tickets (https page that sells tickets)"


class AdsCampaign(BaseModel):
    """One Google Ads campaign of the export: one per goal, with its own budget and targeting."""

    name: str
    goal: str
    ad_groups: list[str] = Field(default_factory=list)  # ad group names
    daily_budget: float
    currency: str = "USD"
    locations: list[str] = Field(default_factory=list)  # ISO 3166-1 alpha-2 countries
    languages: list[str] = Field(default_factory=list)  # ISO 639-1
    bid_strategy: Literal["maximize_clicks", "manual_cpc"] = "maximize_clicks"
    max_cpc: float | None = None  # the CPC cap (bid ceiling for maximize clicks)
    ad_rotation: Literal["rotate_indefinitely", "optimize"] = "rotate_indefinitely"
    networks: list[str] = Field(default_factory=lambda: ["Google search"])


class CreativeBrief(BaseModel):
    key_message: str
    tone: str = ""
    visual_concepts: dict[str, str] = Field(default_factory=dict)  # {"A": ..., "B": ...}
    video_hook: str = ""
    video_script: list[str] = Field(default_factory=list)
    voice_over: list[str] = Field(default_factory=list)
    social_captions: dict[str, str] = Field(default_factory=dict)  # platform -> caption
    formats: str = ""  # the formats and aspect ratios the media agents render, in the brief's language
    language: str = ""  # ISO 639-1 code the brief is written in


class CostEntry(BaseModel):
    provider: str
    model: str
    task: str = ""
    tokens_in: int = 0
    tokens_out: int = 0
    usd: float = 0.0
    latency_ms: int = 0
    outcome: Literal["success", "failed", "fallback"] = "success"
    ad_group: str | None = None


class CampaignOutput(BaseModel):
    insights: Insights | None = None
    themes: list[str] = Field(default_factory=list)  # planned ad groups (shared.themes), set before writing
    ad_groups: list[AdGroup] = Field(default_factory=list)
    negatives: list[Keyword] = Field(default_factory=list)  # campaign-level negatives
    targeting: dict[str, Any] = Field(default_factory=dict)
    budget_split: dict[str, float] = Field(default_factory=dict)  # ad group name -> daily budget
    ab_tests: list[ABTest] = Field(default_factory=list)
    creative_brief: CreativeBrief | None = None
    costs: list[CostEntry] = Field(default_factory=list)
    timings: dict[str, float] = Field(default_factory=dict)  # stage -> seconds
    final_url: str | None = None
    final_url_source: str | None = None  # "request" or the source whose artist page we used
    dropped: list[dict[str, Any]] = Field(default_factory=list)  # ads removed at validation, with why
    campaigns: list[AdsCampaign] = Field(default_factory=list)  # the Google Ads campaigns (one per goal)
    goal_gaps: list[GoalGap] = Field(default_factory=list)  # goals with no ads, why, what to add


class FailureInfo(BaseModel):
    stage: str
    reason: str


class StageMark(BaseModel):
    state: State
    at: str


class CampaignRecord(BaseModel):
    id: str
    created_at: str
    updated_at: str
    state: State = "received"
    request: CampaignRequest
    campaign: CampaignOutput = Field(default_factory=CampaignOutput)
    revision_round: int = 0
    history: list[StageMark] = Field(default_factory=list)
    error: FailureInfo | None = None
    mode: str = "auto"  # BSC_MODE at submission
    # The owning workspace (shared.accounts): only its accounts can see the campaign. "" = none.
    workspace: str = ""
    media: MediaRecord | None = None  # the MEDIA agent's sets, after `done` (shared/models/media.py)

    @property
    def terminal(self) -> bool:
        return self.state in TERMINAL
