"""Which endpoint each source talks to: the real API, the sandbox, or nothing (not configured).

BSC_MODE=sandbox: every source (Deezer too) uses the sandbox.
BSC_MODE=live:    the real API where credentials are set (Deezer needs none; Trends falls back to
                  keyless pytrends); otherwise not configured.
BSC_MODE=auto:    live where credentials are set and for keyless Deezer; the sandbox for the rest.
Provenance follows the base URL actually used, so an explicit override pointing at the sandbox
is still reported as sandbox data."""

from __future__ import annotations

from dataclasses import dataclass

from analyst.sources import registry
from shared.settings import Settings, get_settings

SANDBOX_CREDENTIALS = "sandbox"  # what we send to the sandbox when no real key is configured


@dataclass(frozen=True)
class SourceMode:
    source: str
    configured: bool
    sandbox: bool  # talking to the sandbox (else the real API)
    backend: str = "api"  # "serpapi" or "pytrends" for trends
    reason: str | None = None  # why not configured

    @property
    def provenance(self) -> str:
        if not self.configured:
            return "missing"
        return "sandbox" if self.sandbox else "live"

    @property
    def cache_namespace(self) -> str:
        # Sandbox answers must never be served to a live campaign, nor the reverse.
        return f"{self.source}:{'sandbox' if self.sandbox else 'live'}"


def _has(s: Settings, *names: str) -> bool:
    return all(s.secret(n) for n in names)


def is_sandbox_url(url: str, s: Settings | None = None) -> bool:
    s = s or get_settings()
    return url.startswith(s.SANDBOX_URL.rstrip("/") + "/")


def resolve(source: str, s: Settings | None = None) -> SourceMode:
    s = s or get_settings()
    spec = registry.get(source)
    creds = _has(s, *spec.api.credentials)
    mode = s.BSC_MODE
    backend = spec.backend
    if mode == "sandbox":
        use_sandbox = True
    elif mode == "live":
        if spec.live_fallback and not creds:
            return SourceMode(source, True, False, spec.live_fallback)
        if not creds:
            names = ", ".join(spec.api.credentials)
            return SourceMode(source, False, False, backend, f"not configured: set {names} (BSC_MODE=live)")
        use_sandbox = False
    else:  # auto
        use_sandbox = not creds
    # An explicit base URL decides where we really are.
    url = _url(s, spec.api.url_env, spec, sandbox=use_sandbox)
    return SourceMode(source, True, is_sandbox_url(url, s), backend)


def _url(s: Settings, name: str, spec: registry.Source, *, sandbox: bool) -> str:
    api = spec.api
    live, path = (api.live_url, api.sandbox_path) if name == api.url_env else api.urls[name]
    return s.api_url(name, sandbox=sandbox, live=live, sandbox_path=path)


def base_url(source: str, name: str | None = None, s: Settings | None = None) -> str:
    """The source's base URL (or another of its API's endpoints, by variable name) for its mode."""
    s = s or get_settings()
    spec = registry.get(source)
    m = resolve(source, s)
    return _url(s, name or spec.api.url_env, spec, sandbox=m.sandbox).rstrip("/")


def credential(name: str, mode: SourceMode, s: Settings | None = None) -> str:
    """The real secret, or a placeholder when talking to the sandbox without one."""
    value = (s or get_settings()).secret(name)
    if value:
        return value
    if mode.sandbox:
        return SANDBOX_CREDENTIALS
    raise RuntimeError(f"{name} is not set")
