"""The Google Ads policy engine: one module per policy family, a registry, and `check_ad`."""

from shared.policy.context import CheckContext
from shared.policy.registry import RULES, check_ad, check_text, sort_findings

__all__ = ["RULES", "CheckContext", "check_ad", "check_text", "sort_findings"]
