"""The crew's data shapes. Every record written to Redis is validated against these models."""

from shared.models.ads import (
    AdGroup,
    AdInput,
    AdStrength,
    Asset,
    Change,
    ComplianceReport,
    Finding,
    Keyword,
    ResponsiveSearchAd,
)
from shared.models.campaign import (
    ABTest,
    CampaignOutput,
    CampaignRecord,
    CostEntry,
    CreativeBrief,
    FailureInfo,
    State,
)
from shared.models.events import ProgressEvent
from shared.models.insights import Insights, SourceData, SourceReport
from shared.models.request import Brief, CampaignRequest

__all__ = [
    "ABTest",
    "AdGroup",
    "AdInput",
    "AdStrength",
    "Asset",
    "Brief",
    "CampaignOutput",
    "CampaignRecord",
    "CampaignRequest",
    "Change",
    "ComplianceReport",
    "CostEntry",
    "CreativeBrief",
    "FailureInfo",
    "Finding",
    "Insights",
    "Keyword",
    "ProgressEvent",
    "ResponsiveSearchAd",
    "SourceData",
    "SourceReport",
    "State",
]
