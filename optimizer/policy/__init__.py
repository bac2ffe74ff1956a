"""The Google Ads policy engine: one module per policy family, a registry, and `check_ad`."""

from optimizer.policy.context import CheckContext
from optimizer.policy.registry import RULES, check_ad, sort_findings

__all__ = ["RULES", "CheckContext", "check_ad", "sort_findings"]
