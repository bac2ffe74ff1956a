"""The rule registry and the `check_ad` entry point. Each rule is a pure function of an `AdView`;
the registry runs them all and sorts the findings so equal ads always give identical reports."""

from __future__ import annotations

import re
from typing import Any

from optimizer.policy.ad_features import misuse_of_ad_features
from optimizer.policy.base import AdView, Rule
from optimizer.policy.capitalization import capitalization
from optimizer.policy.context import CheckContext
from optimizer.policy.copyrights import copyrights
from optimizer.policy.counterfeit import counterfeit_goods
from optimizer.policy.destination import destination_requirements
from optimizer.policy.gambling import gambling_and_games
from optimizer.policy.limits import asset_count, character_limit
from optimizer.policy.misrepresentation import misrepresentation
from optimizer.policy.phone import phone_number_in_ad_text
from optimizer.policy.punctuation import punctuation_and_symbols
from optimizer.policy.repetition import repetition
from optimizer.policy.spacing import unacceptable_spacing
from optimizer.policy.style import style_and_spelling
from optimizer.policy.tickets import event_ticket_sales
from optimizer.policy.trademarks import trademarks
from shared.models import AdInput, ComplianceReport, Finding

# policy id -> rule, in Google's order of severity: editorial and destination rules disapprove,
# the content rules after them limit.
RULES: dict[str, Rule] = {
    "character_limit": character_limit,
    "asset_count": asset_count,
    "capitalization": capitalization,
    "punctuation_and_symbols": punctuation_and_symbols,
    "unacceptable_spacing": unacceptable_spacing,
    "repetition": repetition,
    "phone_number_in_ad_text": phone_number_in_ad_text,
    "style_and_spelling": style_and_spelling,
    "misuse_of_ad_features": misuse_of_ad_features,
    "destination_requirements": destination_requirements,
    "copyrights": copyrights,
    "counterfeit_goods": counterfeit_goods,
    "misrepresentation": misrepresentation,
    "trademarks": trademarks,
    "gambling_and_games": gambling_and_games,
    "event_ticket_sales": event_ticket_sales,
}
SEVERITY_ORDER = {"disapproved": 0, "limited": 1, "advisory": 2}
_FIELD = re.compile(r"^(headlines|descriptions)\[(\d+)\]$")
_FIELD_ORDER = {"headlines": 0, "descriptions": 1, "path1": 2, "path2": 3, "final_url": 4, "ad": 5}


def field_key(name: str) -> tuple[int, int]:
    m = _FIELD.match(name)
    if m:
        return _FIELD_ORDER[m.group(1)], int(m.group(2))
    return _FIELD_ORDER.get(name, 9), 0


def sort_findings(findings: list[Finding]) -> list[Finding]:
    return sorted(findings, key=lambda f: (field_key(f.field), SEVERITY_ORDER[f.severity], f.policy, f.message))


def run_rules(ad: AdInput, ctx: CheckContext) -> list[Finding]:
    view = AdView.build(ad, ctx)
    out: list[Finding] = []
    for rule in RULES.values():
        out.extend(rule(view))
    return out


def check_ad(
    ad: AdInput | dict[str, Any],
    context: CheckContext | dict[str, Any] | None = None,
    *,
    advisory: bool = False,
) -> ComplianceReport:
    """Every policy finding for one RSA. `compliant` is False exactly when a finding is disapproved.

    With `advisory=True` the ad strength action items are added as advisory findings (the campaign
    job stores them on the ad); the CLI and HTTP API report them under `ad_strength` instead."""
    ad = ad if isinstance(ad, AdInput) else AdInput.model_validate(ad)
    ctx = CheckContext.of(context)
    findings = run_rules(ad, ctx)
    if advisory:
        from optimizer.strength import ad_strength, advisory_findings

        findings.extend(advisory_findings(ad_strength(ad, ctx.keywords)))
    findings = sort_findings(findings)
    return ComplianceReport(compliant=not any(f.severity == "disapproved" for f in findings), findings=findings)
