"""The crew's data shapes. Every record written to Redis is validated against these models."""

from shared.models.ads import (
    AdGroup,
    AdInput,
    AdStrength,
    Asset,
    Change,
    Claim,
    ComplianceReport,
    Finding,
    Keyword,
    ResponsiveSearchAd,
)
from shared.models.campaign import (
    ABTest,
    AdsCampaign,
    CampaignOutput,
    CampaignRecord,
    CostEntry,
    CreativeBrief,
    FailureInfo,
    GoalGap,
    State,
)
from shared.models.events import ProgressEvent
from shared.models.insights import Event, Insights, SourceData, SourceReport
from shared.models.request import Brief, CampaignRequest, Links

__all__ = [
    "ABTest",
    "AdsCampaign",
    "AdGroup",
    "AdInput",
    "AdStrength",
    "Asset",
    "Brief",
    "CampaignOutput",
    "CampaignRecord",
    "CampaignRequest",
    "Change",
    "Claim",
    "ComplianceReport",
    "CostEntry",
    "CreativeBrief",
    "Event",
    "FailureInfo",
    "Finding",
    "GoalGap",
    "Insights",
    "Keyword",
    "Links",
    "ProgressEvent",
    "ResponsiveSearchAd",
    "SourceData",
    "SourceReport",
    "State",
]
