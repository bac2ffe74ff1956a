"""MEDIA fixtures: a media volume in a temporary folder, and a finished campaign (the real pipeline
on the real sandbox, run by real RQ workers) with the media stage switched on."""

from __future__ import annotations

import os

import pytest

from shared.settings import reset_settings


@pytest.fixture(autouse=True)
def _fresh_settings_after():
    """Set up before monkeypatch, so torn down after it has restored the environment: the cached
    settings must not keep this module's MEDIA_* values for the tests that run next."""
    yield
    reset_settings()


@pytest.fixture
def media_root(tmp_path, monkeypatch):
    monkeypatch.setenv("MEDIA_ROOT", str(tmp_path / "media"))
    reset_settings()
    yield tmp_path / "media"
    reset_settings()


@pytest.fixture
def media_on(media_root, monkeypatch):
    monkeypatch.setenv("MEDIA_AUTOSTART", "true")
    reset_settings()
    return media_root


@pytest.fixture
def done_campaign(sandbox, run_jobs, media_root, monkeypatch, account):
    """A campaign that reached done with media off (tests start the media themselves)."""
    from shared import store
    from shared.models import CampaignRequest
    from supervisor import pipeline

    monkeypatch.setenv("MEDIA_AUTOSTART", "false")
    reset_settings()
    rec = pipeline.submit(
        CampaignRequest(artist="Daft Punk", release="Random Access Memories", countries=["US"]),
        account.workspace,
    )
    run_jobs()
    rec = store.require(rec.id)
    assert rec.state == "done", rec.error
    monkeypatch.setenv("MEDIA_AUTOSTART", os.environ.get("MEDIA_AUTOSTART_TEST", "true"))
    reset_settings()
    return rec
