"""Every failure path over real HTTP: the source degrades into a report, never an exception."""

from __future__ import annotations

import pytest

from analyst.sources.base import run_source


def test_deezer_quota_inside_200_is_retried(sandbox):
    sandbox.configure(faults="deezer:quota:1:1")
    rep = run_source("deezer", "Aurora")
    assert rep.status == "ok" and rep.data.name == "Aurora"


def test_deezer_quota_that_persists_makes_the_source_unavailable(sandbox, fast_failures):
    sandbox.configure(faults="deezer:quota")
    rep = run_source("deezer", "Aurora")
    assert (
        rep.status == "unavailable" and rep.provenance == "missing" and "Quota limit exceeded" in rep.reason
    )


@pytest.mark.parametrize("code, status", [(800, "error"), (600, "error"), (700, "unavailable")])
def test_every_deezer_error_code_is_classified(sandbox, fast_failures, code, status):
    sandbox.configure(faults=f"deezer:error_{code}")
    rep = run_source("deezer", "Aurora")
    assert rep.status == status and f"Deezer error {code}" in rep.reason


def test_429_with_retry_after_is_honoured(sandbox):
    sandbox.configure(faults="spotify:429:1:1")  # Retry-After: 1
    rep = run_source("spotify", "Aurora")
    assert rep.status == "ok" and rep.calls >= 2


def test_retry_after_beyond_the_cap_gives_up_at_once(sandbox):
    sandbox.configure(faults="serpapi:429_600")
    rep = run_source("youtube", "Aurora")
    assert rep.status == "unavailable" and "exceeds" in rep.reason
    assert sandbox.calls()["serpapi"] == 2  # one try per search, no retry after a 10-minute hint


def test_spotify_quota_exceeded_429_is_unavailable_not_fatal(sandbox):
    sandbox.configure(faults="spotify:quota")  # 429 reason QUOTA_EXCEEDED, Retry-After 30 > cap 10
    rep = run_source("spotify", "Aurora")
    assert rep.status == "unavailable" and "429" in rep.reason


def test_timeout_is_retried_then_reported(sandbox, fast_failures):
    sandbox.configure(faults="chartmetric:timeout")
    rep = run_source("chartmetric", "Aurora")
    assert rep.status == "unavailable" and "timed out" in rep.reason


def test_one_timeout_then_success(sandbox, fast_failures):
    sandbox.configure(faults="deezer:timeout:1:1")
    assert run_source("deezer", "Aurora").status == "ok"


@pytest.mark.parametrize(
    "source, api", [("deezer", "deezer"), ("trends", "serpapi"), ("chartmetric", "chartmetric")]
)
def test_5xx_once_is_retried(sandbox, source, api):
    sandbox.configure(faults=f"{api}:503:1:1")
    assert run_source(source, "Aurora").status == "ok"


def test_persistent_500_reports_the_status(sandbox, fast_failures):
    sandbox.configure(faults="serpapi:500")
    rep = run_source("trends", "Aurora")
    assert rep.status == "unavailable" and "HTTP 500" in rep.reason


@pytest.mark.parametrize(
    "source, api",
    [("deezer", "deezer"), ("spotify", "spotify"), ("youtube", "serpapi"), ("chartmetric", "chartmetric")],
)
def test_malformed_json_is_handled(sandbox, fast_failures, source, api):
    sandbox.configure(faults=f"{api}:malformed")
    rep = run_source(source, "Aurora")
    assert rep.status in ("error", "unavailable") and "malformed" in rep.reason.lower()
    sandbox.configure(faults=f"{api}:malformed:1:1")
    assert run_source(source, "Aurora").status == "ok"


def test_spotify_403_on_core_endpoint_is_recorded(sandbox):
    sandbox.configure(faults="spotify:403")  # even the token endpoint refuses
    rep = run_source("spotify", "Aurora")
    assert rep.status in ("unavailable", "error") and rep.provenance == "missing" and rep.reason


def test_live_mode_without_credentials_is_not_configured(sandbox, monkeypatch):
    from shared.settings import reset_settings

    monkeypatch.setenv("BSC_MODE", "live")
    reset_settings()
    try:
        for source in ("spotify", "youtube", "chartmetric"):
            rep = run_source(source, "Aurora")
            assert (
                rep.status == "not_configured"
                and rep.provenance == "missing"
                and "BSC_MODE=live" in rep.reason
            )
        assert not any(sandbox.calls().values())
    finally:
        monkeypatch.setenv("BSC_MODE", "sandbox")
        reset_settings()
