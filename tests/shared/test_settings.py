from __future__ import annotations

import logging

import pytest

from shared.logs import RedactSecrets
from shared.settings import LIVE_URLS, ConfigError, load_settings


def test_bad_variable_is_named():
    with pytest.raises(ConfigError, match="BSC_MODE"):
        load_settings({"BSC_MODE": "production"}, dotenv=None)
    with pytest.raises(ConfigError, match="HTTP_TIMEOUT_S"):
        load_settings({"HTTP_TIMEOUT_S": "-1"}, dotenv=None)


def test_secret_from_file_and_never_in_repr(tmp_path):
    secret = tmp_path / "key"
    secret.write_text("sk-very-secret-value\n")
    s = load_settings({"OPENAI_API_KEY_FILE": str(secret)}, dotenv=None)
    assert s.secret("OPENAI_API_KEY") == "sk-very-secret-value"
    assert "sk-very-secret-value" not in repr(s) and "sk-very-secret-value" not in str(s.redacted())


def test_dotenv_is_read_but_env_wins(tmp_path):
    env_file = tmp_path / ".env"
    env_file.write_text("# comment\nBSC_MODE='live'\nLOG_LEVEL=DEBUG\n")
    s = load_settings({"LOG_LEVEL": "WARNING"}, dotenv=env_file)
    assert s.BSC_MODE == "live" and s.LOG_LEVEL == "WARNING"


def test_sandbox_and_live_urls():
    s = load_settings({"SANDBOX_URL": "http://127.0.0.1:9999"}, dotenv=None)
    assert s.api_url("DEEZER_API_URL", sandbox=True) == "http://127.0.0.1:9999/deezer"
    assert s.api_url("DEEZER_API_URL", sandbox=False) == LIVE_URLS["DEEZER_API_URL"]  # compared, never called


def test_logs_redact_configured_secrets(monkeypatch):
    monkeypatch.setenv("SERPAPI_API_KEY", "serp-secret-123456")
    from shared.settings import reset_settings

    reset_settings()
    try:
        f = RedactSecrets()
        rec = logging.LogRecord(
            "x",
            logging.INFO,
            __file__,
            1,
            "GET /search?api_key=%s&q=x token %s",
            ("serp-secret-123456", "Bearer abc.def"),
            None,
        )
        f.filter(rec)
        assert "serp-secret-123456" not in rec.getMessage() and "abc.def" not in rec.getMessage()
    finally:
        monkeypatch.delenv("SERPAPI_API_KEY")
        reset_settings()


def test_tracebacks_and_library_secrets_are_redacted(monkeypatch):
    monkeypatch.setenv("GOOGLE_ADS_REFRESH_TOKEN", "1//refresh-secret-abcdef")
    f = RedactSecrets()
    try:
        raise RuntimeError("GET https://x.example/?api_key=k-123456 failed with 1//refresh-secret-abcdef")
    except RuntimeError:
        import sys

        rec = logging.LogRecord("x", logging.ERROR, __file__, 1, "boom", None, sys.exc_info())
    f.filter(rec)
    text = logging.Formatter().format(rec)
    assert "Traceback" in text and "k-123456" not in text and "refresh-secret" not in text
