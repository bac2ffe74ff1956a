"""The labelled corpus, case by case (a failing and a passing table per language and capability),
its recall and clean pass per language, and the fused pass against the plain one on it."""

from __future__ import annotations

import json

import pytest

from shared.models import AdInput
from shared.policy import CheckContext
from shared.policy.registry import reference_findings, run_rules, sort_findings
from tests.policy.corpus import CASES, Case, request
from tests.policy.heldout import HELDOUT
from tests.policy.heldout3 import HELDOUT3
from tests.policy.heldout4 import HELDOUT4
from tests.policy.metrics import measure, outcome

LANGUAGES = ("en", "fr", "de", "es", "pt", "it", "ja", "ko")


def _id(case: Case) -> str:
    return f"{case.language}-{case.policy or 'clean'}-{case.where}-{case.text[:28]}"


@pytest.mark.parametrize("case", CASES, ids=_id)
def test_case(case: Case) -> None:
    ok, found = outcome(case)
    assert ok, (case, found)


def test_every_language_has_failing_and_passing_cases_for_the_new_capabilities() -> None:
    for lang in LANGUAGES:
        policies = {c.policy for c in CASES if c.language == lang}
        assert None in policies and len(policies) >= 12, (lang, policies)
    assert len(CASES) >= 300


def test_recall_and_clean_pass_per_language(capsys: pytest.CaptureFixture[str]) -> None:
    """The goal of issue 9 is 0.95 on both, on a hidden set; the held-out set (written after the
    rules were tuned) is printed too, with a lower floor: it measures generality, not fit."""
    tuned, held = measure(), measure(HELDOUT)
    with capsys.disabled():
        print("\ncorpus", json.dumps(tuned["per_language"]))
        print("held-out", json.dumps(held["per_language"]))
    for lang in LANGUAGES:
        row = tuned["per_language"][lang]
        assert row["recall"] >= 0.95 and row["clean_pass"] >= 0.95, (lang, row, tuned["misses"])
    assert held["per_language"]["all"]["recall"] >= 0.9
    assert held["per_language"]["all"]["clean_pass"] >= 0.9


@pytest.mark.parametrize("case", [*HELDOUT3, *HELDOUT4], ids=_id)
def test_third_and_fourth_set_case(case: Case) -> None:
    """tests/policy/heldout3.py and heldout4.py: 140 cases each in the 7 languages of the hidden
    set, written without looking at the lexicons. The third first measured recall 0.802 and clean
    pass 1.0; after its classes were added, the fourth (written then) first measured 0.967 and
    0.959; its classes were added too (README, "Measured quality"): regression floors now."""
    ok, found = outcome(case)
    assert ok, (case, found)


def test_fused_pass_matches_the_rules_run_one_by_one_on_the_corpus() -> None:
    for case in [*CASES, *HELDOUT, *HELDOUT3, *HELDOUT4]:
        ad, ctx = request(case)
        model, context = AdInput.model_validate(ad), CheckContext.of(ctx)
        assert sort_findings(run_rules(model, context)) == reference_findings(model, context), case
