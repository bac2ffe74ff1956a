from __future__ import annotations

import logging

import pytest

from shared.logs import RedactSecrets
from shared.settings import SECRET_SUFFIXES, ConfigError, load_settings


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
    from analyst.sources.deezer import SOURCE

    api = SOURCE.api
    s = load_settings({"SANDBOX_URL": "http://127.0.0.1:9999"}, dotenv=None)

    def url(sandbox: bool) -> str:
        return s.api_url(api.url_env, sandbox=sandbox, live=api.live_url, sandbox_path=api.sandbox_path)

    assert url(True) == "http://127.0.0.1:9999/deezer"
    assert url(False) == "https://api.deezer.com"  # compared, never called
    s = load_settings({"DEEZER_API_URL": "https://proxy.example.org/deezer"}, dotenv=None)
    assert url(True) == url(False) == "https://proxy.example.org/deezer"


def test_every_declared_secret_is_named_so_the_log_filter_redacts_it():
    from analyst.sources import registry as sources
    from marketing import llm

    declared = (*sources.secret_names(), *llm.secret_names())
    assert declared and all(name.endswith(SECRET_SUFFIXES) for name in declared)


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
