"""The provider chain against the real sandbox through the real openai client: fallback order under
each fault, JSON repair, cost accounting and the per-campaign ceiling."""

from __future__ import annotations

import pytest

from marketing import costs
from marketing.facts import gather
from marketing.offline_writer import compose
from marketing.prompts import ad_group_messages
from marketing.providers import ChainConfigError, build_chain, run_chain
from marketing.schemas import AdGroupCopy
from shared.settings import reset_settings
from tests.marketing.conftest import black_metal, request_for


def _run(campaign_id: str | None = "c_test"):
    ins = black_metal()
    facts = gather(request_for(ins), ins)
    return run_chain(
        "copy",
        ad_group_messages(facts, "brand"),
        AdGroupCopy,
        lambda: compose(facts, "brand"),
        sandbox=True,
        campaign_id=campaign_id,
        ad_group="Frostveil - Brand",
        context={"brand": ["Frostveil"]},
    )


def test_sandbox_mode_defaults_to_offline_writer(sandbox):
    assert [p.name for p in build_chain(sandbox=True)] == ["offline"]
    result = _run()
    assert result.provider == "offline" and result.entries[-1].outcome == "success"
    assert sandbox.calls().get("openai", 0) == 0


def test_llm_provider_writes_from_the_prompt_with_usage_and_cost(sandbox, llm_env):
    llm_env("openai,offline", LLM_MODEL_COPY="gpt-4o-mini")
    result = _run()
    assert result.provider == "openai" and result.model == "gpt-4o-mini"
    assert (
        result.value.ads[0].headlines
        != compose(gather(request_for(black_metal()), black_metal()), "brand").ads[0].headlines
    )
    assert "Frostveil" in " ".join(result.value.ads[0].headlines)
    [entry] = result.entries
    assert entry.outcome == "success" and entry.tokens_in > 200 and entry.tokens_out > 100
    assert entry.usd == pytest.approx(costs.cost_usd("gpt-4o-mini", entry.tokens_in, entry.tokens_out))
    assert costs.spent("c_test") == pytest.approx(entry.usd)
    assert sandbox.calls()["openai"] == 1


@pytest.mark.parametrize("fault", ["429_0", "500", "503", "malformed"])
def test_retryable_faults_retry_then_fall_back_to_offline(sandbox, llm_env, fault):
    llm_env("openai,offline")
    sandbox.configure(faults=f"openai:{fault}")
    result = _run()
    assert result.provider == "offline"
    assert [e.outcome for e in result.entries] == ["failed", "failed", "failed", "fallback"]
    assert sandbox.calls()["openai"] == 3  # 1 try + 2 bounded retries


def test_timeout_moves_on_after_one_retry(sandbox, llm_env):
    llm_env("openai,offline", LLM_TIMEOUT_S="0.3")
    sandbox.configure(faults="openai:timeout")
    result = _run()
    assert result.provider == "offline"
    assert [e.outcome for e in result.entries] == ["failed", "failed", "fallback"]


def test_fallback_order_openai_then_openrouter(sandbox, llm_env):
    llm_env("openai,openrouter,offline")
    sandbox.configure(faults="openai:500:1:3")  # openai's three attempts fail, openrouter's succeed
    result = _run()
    assert result.provider == "openrouter" and result.model == "openai/gpt-4o-mini"
    assert [(e.provider, e.outcome) for e in result.entries] == [("openai", "failed")] * 3 + [
        ("openrouter", "success")
    ]


def test_invalid_json_is_repaired_with_the_errors(sandbox, llm_env):
    llm_env("openai,offline")
    sandbox.configure(faults="openai:invalid_json:1:1")
    result = _run()
    assert result.provider == "openai"
    assert [e.outcome for e in result.entries] == ["failed", "success"]
    assert result.entries[0].tokens_out > 0  # the invalid answer was still paid for, and counted
    assert any("repaired" in n for n in result.notes)


def test_invalid_json_twice_repaired_then_gives_up(sandbox, llm_env):
    llm_env("openai,offline")
    sandbox.configure(faults="openai:invalid_json")
    result = _run()
    assert result.provider == "offline"
    assert [e.outcome for e in result.entries] == ["failed", "failed", "failed", "fallback"]  # 1 + 2 repairs


def test_cost_ceiling_stops_spending(sandbox, llm_env):
    llm_env("openai,offline", LLM_COST_CEILING_USD="0.0001")
    first = _run("c_ceiling")
    assert first.provider == "openai" and costs.spent("c_ceiling") >= 0.0001
    second = _run("c_ceiling")
    assert second.provider == "offline" and [e.outcome for e in second.entries] == ["fallback"]
    assert any("ceiling" in n for n in second.notes)
    assert sandbox.calls()["openai"] == 1
    other = _run("c_other")  # the ceiling is per campaign
    assert other.provider == "openai"


def test_daily_cap_stops_spending_across_campaigns(sandbox, llm_env):
    llm_env("openai,offline", LLM_DAILY_CAP_USD="0.0001", LLM_COST_CEILING_USD="5")
    first = _run("c_day_one")
    assert first.provider == "openai" and costs.spent_today() >= 0.0001
    other = _run("c_day_two")  # another campaign, far under its own ceiling: the daily cap still holds
    assert other.provider == "offline" and [e.outcome for e in other.entries] == ["fallback"]
    assert any("daily LLM spend cap of 0.00 USD reached" in n for n in other.notes), other.notes
    assert sandbox.calls()["openai"] == 1
    assert costs.spent_today() == pytest.approx(costs.spent("c_day_one"))


def test_totals_sum_every_call(sandbox, llm_env):
    llm_env("openai,offline")
    sandbox.configure(faults="openai:invalid_json:1:1")
    result = _run()
    totals = costs.totals()
    assert totals[("openai", "gpt-4o-mini", "failed")]["calls"] == 1
    assert totals[("openai", "gpt-4o-mini", "success")]["calls"] == 1
    total_usd = sum(v["usd"] for v in totals.values())
    assert total_usd == pytest.approx(sum(e.usd for e in result.entries))
    assert costs.spent("c_test") == pytest.approx(total_usd)


def test_unknown_provider_is_a_config_error(monkeypatch):
    monkeypatch.setenv("LLM_PROVIDERS", "openai,gemini")
    reset_settings()
    with pytest.raises(ChainConfigError, match="LLM_PROVIDERS"):
        build_chain(sandbox=True)
    reset_settings()


def test_a_provider_with_its_own_adapter_is_one_module(sandbox, llm_env):
    from marketing import llm
    from tests.marketing import rawhttp_provider

    with llm.with_provider(rawhttp_provider):
        llm_env("rawhttp,offline", RAWHTTP_API_KEY="raw-test-key")
        assert [p.name for p in build_chain(sandbox=True)] == ["rawhttp", "offline"]
        result = _run()
        assert result.provider == "rawhttp" and "Frostveil" in " ".join(result.value.ads[0].headlines)
        assert result.entries[0].tokens_in > 0 and sandbox.calls()["openai"] == 1
    reset_settings()
    assert "rawhttp" not in llm.names()
