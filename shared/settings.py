"""Twelve-factor settings: every knob is an environment variable (a `.env` file is read in development),
validated once at start-up with a message that names the bad variable. A secret may instead come from
`NAME_FILE` (Docker secrets). Secrets are `SecretStr`, so they never print in logs or reprs."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field, PrivateAttr, SecretStr, ValidationError, field_validator

# Our own secrets. The data sources' and LLM providers' variables are declared by each source
# (analyst/sources/registry.py) and provider (marketing/llm/) where it is implemented, and read through
# `Settings.env`; a variable whose name ends like a secret is redacted from logs whoever declared it.
SECRET_NAMES = ("SUPERVISOR_ADMIN_TOKEN", "SECRET_KEY", "WEBHOOK_SECRET")
SECRET_SUFFIXES = ("_SECRET", "_KEY", "_TOKEN", "_PASSWORD")

# Secrets that a third-party library reads from the environment itself (the google-ads client's
# GOOGLE_ADS_* variables): not settings of ours, but the log filter must still redact them.
EXTERNAL_SECRET_ENV = ("GOOGLE_ADS_DEVELOPER_TOKEN", "GOOGLE_ADS_CLIENT_SECRET", "GOOGLE_ADS_REFRESH_TOKEN")


class ConfigError(RuntimeError):
    """A bad or missing environment variable; the message names it."""


class Settings(BaseModel):
    REDIS_URL: str = "redis://127.0.0.1:6380/0"
    BSC_MODE: Literal["sandbox", "live", "auto"] = "auto"
    BSC_DATA_DIR: str = ".data"
    LOG_LEVEL: str = "INFO"
    SECRET_KEY: SecretStr = SecretStr("dev-only-change-me")

    # Where the services find each other over HTTP.
    MAIN_URL: str = "http://127.0.0.1:8080"
    SUPERVISOR_URL: str = "http://127.0.0.1:8081"
    ANALYST_URL: str = "http://127.0.0.1:8082"
    MARKETING_URL: str = "http://127.0.0.1:8083"
    OPTIMIZER_URL: str = "http://127.0.0.1:8084"
    MEDIA_URL: str = "http://127.0.0.1:8085"
    SANDBOX_URL: str = "http://127.0.0.1:8090"
    CORS_ALLOWED_ORIGINS: str = ""  # comma-separated extra origins for Socket.IO; same-origin always works

    SUPERVISOR_ADMIN_TOKEN: SecretStr | None = None
    # Rate limits (Flask-Limiter syntax, counted in Redis): per client IP at MAIN (the public edge),
    # sign-in attempts per IP, and per account at the SUPERVISOR's campaign API.
    RATE_LIMIT_PER_IP: str = "300/minute"
    RATE_LIMIT_LOGIN: str = "10/minute"
    RATE_LIMIT_PER_USER: str = "600/minute"
    RATE_LIMIT_CAMPAIGNS: str = "30/minute;500/day"
    # MAIN's session cookie only over HTTPS (set it to 1 behind a TLS-terminating proxy).
    SESSION_COOKIE_SECURE: bool = False

    @field_validator("RATE_LIMIT_PER_IP", "RATE_LIMIT_LOGIN", "RATE_LIMIT_PER_USER", "RATE_LIMIT_CAMPAIGNS")
    @classmethod
    def _rate_limit(cls, value: str) -> str:
        """Refused at start-up, not on the first request: e.g. "300/minute" or "30/minute;500/day"."""
        from limits import parse_many

        try:
            parse_many(value)
        except ValueError:
            raise ValueError('expected limits like "300/minute" or "30/minute;500/day"') from None
        return value

    MAX_REVISION_ROUNDS: int = Field(2, ge=0, le=5)
    # Lifetimes (Redis runs with noeviction: every key has one). A finished campaign and its events are
    # deleted this many days after it finished (fractions allowed); its intermediate parts expire this
    # many seconds after it finished.
    BSC_RETENTION_DAYS: float = Field(90.0, gt=0, le=36500)
    BSC_PARTS_TTL_S: int = Field(300, ge=0, le=7 * 24 * 3600)
    BSC_CLEANUP_INTERVAL_S: int = Field(3600, ge=1, le=7 * 24 * 3600)

    # Calls to the data sources (their credentials and URLs: analyst/sources/registry.py).
    HTTP_TIMEOUT_S: float = Field(8.0, gt=0, le=120)
    HTTP_MAX_RETRIES: int = Field(3, ge=0, le=10)
    RETRY_AFTER_CAP_S: float = Field(10.0, ge=0, le=300)

    # LLM provider chain (MARKETING; each provider's key and URL: marketing/llm/).
    LLM_PROVIDERS: str = ""  # order override, e.g. "openai,openrouter,selfhosted,offline"
    LLM_MODEL_STRATEGY: str = "gpt-4o"
    LLM_MODEL_COPY: str = "gpt-4o-mini"
    LLM_PRICES: str = ""  # JSON {"model": [usd_per_1M_in, usd_per_1M_out]} overriding the defaults
    LLM_COST_CEILING_USD: float = Field(0.50, ge=0)
    # Spend cap over every campaign per UTC day, in USD (0 = no paid call at all).
    LLM_DAILY_CAP_USD: float = Field(20.0, ge=0)
    LLM_TIMEOUT_S: float = Field(30.0, gt=0)

    # Sandbox knobs (only the sandbox server reads them).
    SANDBOX_LATENCY_MS: int = Field(0, ge=0, le=60_000)
    SANDBOX_FAULTS: str = ""

    WEBHOOK_SECRET: SecretStr | None = None

    # MEDIA: where files live, what starts a render, and the optional generators (see media/).
    MEDIA_ROOT: str = ""  # default: <BSC_DATA_DIR>/media
    MEDIA_AUTOSTART: bool = True  # render the A/B sets when a campaign is done (also on demand)
    MEDIA_VIDEO_SECONDS: int = Field(15, ge=6, le=60)
    # Scales every output size (tests and quick previews render at 0.25); the spec check scales with it.
    MEDIA_RENDER_SCALE: float = Field(1.0, ge=0.1, le=1.0)
    MEDIA_IMAGE_PROVIDERS: str = ""  # e.g. "openai,gemini,fal,offline"; the offline renderer is always last
    MEDIA_VOICE_PROVIDERS: str = ""  # e.g. "elevenlabs,piper,espeak"
    OPENAI_IMAGE_MODEL: str = "gpt-image-1"
    GEMINI_API_KEY: SecretStr | None = None
    GEMINI_BASE_URL: str | None = None
    GEMINI_IMAGE_MODEL: str = "gemini-2.5-flash-image"
    FAL_KEY: SecretStr | None = None
    FAL_BASE_URL: str | None = None
    FAL_IMAGE_MODEL: str = "fal-ai/bytedance/seedream/v4/text-to-image"
    ELEVENLABS_API_KEY: SecretStr | None = None
    ELEVENLABS_BASE_URL: str | None = None
    ELEVENLABS_VOICE_ID: str = "21m00Tcm4TlvDq8ikWAM"
    ELEVENLABS_MODEL: str = "eleven_multilingual_v2"
    # Optional video generators (media/video_providers.py): off unless named here, e.g. "runway,veo".
    MEDIA_VIDEO_PROVIDERS: str = ""
    RUNWAYML_API_SECRET: SecretStr | None = None
    RUNWAYML_BASE_URL: str | None = None
    RUNWAY_VIDEO_MODEL: str = "gen4_turbo"
    VEO_MODEL: str = "veo-3.1-fast-generate-preview"  # through the Gemini API (GEMINI_API_KEY)
    # Every clip of one video variant must be done within this (the media job's timeout is 170 s).
    MEDIA_VIDEO_DEADLINE_S: float = Field(100.0, gt=0, le=150)
    MEDIA_VIDEO_POLL_S: float = Field(5.0, gt=0, le=60)
    MEDIA_S3_BUCKET: str = ""  # optional mirror of the media volume (boto3; AWS_* credentials)
    MEDIA_S3_ENDPOINT_URL: str = ""  # an S3-compatible endpoint (MinIO, R2, …)
    MEDIA_S3_REGION: str = "us-east-1"

    _env: dict[str, str] = PrivateAttr(default_factory=dict)

    def env(self, name: str) -> str | None:
        """A variable declared outside this model (a source's or a provider's), as loaded with the
        settings: NAME_FILE (Docker secrets) first, then NAME; empty counts as unset."""
        file_var = self._env.get(f"{name}_FILE")
        if file_var:
            try:
                return Path(file_var).read_text(encoding="utf-8").strip() or None
            except OSError as exc:
                raise ConfigError(f"{name}_FILE: cannot read {file_var}: {exc.strerror}") from exc
        return self._env.get(name) or None

    def secret(self, name: str) -> str | None:
        if name not in type(self).model_fields:
            return self.env(name)
        value = getattr(self, name)
        return value.get_secret_value() if isinstance(value, SecretStr) else value

    def secret_values(self) -> list[str]:
        """Every configured secret value, for the log filter: ours, and any variable named like one."""
        names = {*SECRET_NAMES, *(n.removesuffix("_FILE") for n in self._env)}
        return [
            v for n in names if (n in SECRET_NAMES or n.endswith(SECRET_SUFFIXES)) and (v := self.secret(n))
        ]

    def api_url(self, name: str, *, sandbox: bool, live: str, sandbox_path: str) -> str:
        """The base URL for an external API: `name`'s override, else the sandbox's or the real one."""
        override = self.secret(name)
        if override:
            return override
        if sandbox:
            return self.SANDBOX_URL.rstrip("/") + sandbox_path
        return live

    def media_root(self) -> Path:
        return Path(self.MEDIA_ROOT or Path(self.BSC_DATA_DIR) / "media").resolve()

    def has_credentials(self, names: tuple[str, ...] | list[str]) -> bool:
        return any(self.secret(n) for n in names)

    def redacted(self) -> dict[str, object]:
        """Settings safe to print: secrets shown only as set/unset."""
        out: dict[str, object] = {}
        for name, value in self.model_dump().items():
            if isinstance(getattr(self, name), SecretStr) or name in SECRET_NAMES:
                out[name] = "***" if value else None
            else:
                out[name] = value
        return out


def read_dotenv(path: Path) -> dict[str, str]:
    """Minimal .env reader: KEY=VALUE lines, # comments, optional quotes. Never overrides the env."""
    values: dict[str, str] = {}
    if not path.is_file():
        return values
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, _, val = line.partition("=")
        key = key.strip().removeprefix("export ").strip()
        val = val.strip()
        if len(val) >= 2 and val[0] == val[-1] and val[0] in "'\"":
            val = val[1:-1]
        values[key] = val
    return values


def load_settings(environ: dict[str, str] | None = None, dotenv: Path | None = Path(".env")) -> Settings:
    env = dict(read_dotenv(dotenv) if dotenv else {})
    env.update(os.environ if environ is None else environ)
    raw: dict[str, str] = {}
    for name in Settings.model_fields:
        file_var = env.get(f"{name}_FILE")
        if file_var:
            try:
                raw[name] = Path(file_var).read_text(encoding="utf-8").strip()
            except OSError as exc:
                raise ConfigError(f"{name}_FILE: cannot read {file_var}: {exc.strerror}") from exc
        elif env.get(name, "") != "":
            raw[name] = env[name]
    try:
        settings = Settings.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        name = str(first["loc"][0]) if first["loc"] else "?"
        raise ConfigError(f"environment variable {name}: {first['msg']}") from None
    settings._env = {k: v for k, v in env.items() if v != ""}
    return settings


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return load_settings()


def reset_settings() -> None:
    """Forget the cached settings (tests change the environment between cases)."""
    get_settings.cache_clear()
