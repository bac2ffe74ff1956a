"""Helpers for the ANALYST tests: short timeouts/retries when a test injects slow faults."""

from __future__ import annotations

import pytest

from shared.settings import reset_settings


@pytest.fixture
def fast_failures(monkeypatch):
    """Timeouts of 0.3 s and one retry, so a fault test costs about a second."""
    monkeypatch.setenv("HTTP_TIMEOUT_S", "0.3")
    monkeypatch.setenv("HTTP_MAX_RETRIES", "1")
    reset_settings()
    yield
    monkeypatch.undo()
    reset_settings()
