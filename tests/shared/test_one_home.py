"""One home per fact: Google Ads' limits and the double-width rule are defined once (in
shared/policy/ad_format.py) and every other module imports them; the prompt's rules come from the
policy engine, one line per policy."""

from __future__ import annotations

import re
from pathlib import Path

from shared.policy.ad_format import LIMITS, MAX_DESCRIPTIONS, MAX_HEADLINES
from shared.policy.guidance import GUIDANCE, writer_rules
from shared.policy.registry import RULES

ROOT = Path(__file__).resolve().parents[2]
HOME = ROOT / "shared" / "policy" / "ad_format.py"
# An assignment of one of the limits' names, or a literal {"headline": 30}-style table.
DEFINITION = re.compile(
    r"^\s*(?:LIMITS|MAX_HEADLINES|MIN_HEADLINES|MAX_DESCRIPTIONS|MIN_DESCRIPTIONS|KEYWORD_MAX_\w+|MAX_CHARS|"
    r"MAX_WORDS)\b[\w, ]*(?::[^=]+)?=(?!=)"
    r"|[\"'](?:headline|description|path)[\"']\s*:\s*\d+"
    r"|east_asian_width",
    re.MULTILINE,
)


def _sources() -> list[Path]:
    skip = {".venv", "tests", "node_modules", ".git"}
    return [p for p in ROOT.rglob("*.py") if not skip & set(p.relative_to(ROOT).parts)]


def test_each_google_ads_limit_and_the_width_rule_are_defined_once():
    found = {str(p.relative_to(ROOT)): DEFINITION.findall(p.read_text(encoding="utf-8")) for p in _sources()}
    elsewhere = {p: hits for p, hits in found.items() if hits and Path(ROOT / p) != HOME}
    assert not elsewhere, f"Google Ads limits defined outside shared/policy/ad_format.py: {elsewhere}"
    assert found["shared/policy/ad_format.py"]


def test_the_prompt_rules_come_from_the_engine():
    assert set(GUIDANCE) == set(RULES), (
        "every policy rule needs its writer guidance line (shared/policy/guidance.py)"
    )
    rules = writer_rules()
    assert f"at most {LIMITS['headline']} characters" in rules and f"at most {LIMITS['description']}" in rules
    assert f"to {MAX_HEADLINES} headlines" in rules and f"to {MAX_DESCRIPTIONS} descriptions" in rules
    from marketing.prompts import RULES as PROMPT_RULES

    assert rules == PROMPT_RULES
