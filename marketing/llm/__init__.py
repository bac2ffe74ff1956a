"""LLM providers, each declared in its own module of this package as `PROVIDER = ProviderSpec(...)`:
its name, the variables holding its key and base URL, its real and sandbox endpoints, and the
adapter module that talks to it (`openai_compatible` by default). The chain (marketing/providers.py),
the `.env.example` check and the test suite's scrub list read this registry. A native API (Anthropic,
Gemini) is one module: its `PROVIDER` names itself as the adapter and defines `complete(...)`
(see openai_compatible.py for the contract). See CONTRIBUTING.md."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from types import ModuleType

from shared.registry import discover
from shared.settings import Settings

OFFLINE = "offline"  # the offline copywriter, always last: not a module here


@dataclass(frozen=True)
class ProviderSpec:
    name: str
    order: int  # place in the default chain (live mode)
    url_env: str  # the variable that sets (or overrides) its base URL
    live_url: str | None  # its public endpoint; None: only when url_env is set (self-hosted)
    key_env: str  # the variable holding its API key
    key_required: bool = True  # False: a server that ignores keys (Ollama, vLLM)
    sandbox_path: str = "/openai/v1"  # its stand-in in the sandbox server
    vendor_prefix: str = ""  # prefixed to a model name with no vendor (OpenRouter: "openai/")
    adapter: str = "marketing.llm.openai_compatible"  # module with complete(...)

    def env_names(self) -> tuple[str, ...]:
        return (self.key_env, self.url_env)

    def endpoint(self, s: Settings, *, sandbox: bool) -> tuple[str, str] | None:
        """(base URL, key) when configured, else None."""
        key = s.secret(self.key_env)
        if self.key_required and not key:
            return None
        url = s.secret(self.url_env) or (
            s.SANDBOX_URL.rstrip("/") + self.sandbox_path if sandbox else self.live_url
        )
        if not url:
            return None
        return url, key or "not-needed"  # the OpenAI client insists on a key even when ignored


_extra: list[ProviderSpec] = []


@cache
def _discovered() -> tuple[tuple[ModuleType, ProviderSpec], ...]:
    return tuple(discover("marketing.llm", "PROVIDER"))


def providers() -> tuple[ProviderSpec, ...]:
    found = [spec for _m, spec in _discovered()] + _extra
    return tuple(sorted(found, key=lambda p: (p.order, p.name)))


@contextmanager
def with_provider(module: ModuleType) -> Iterator[ProviderSpec]:
    """Register a provider module that lives outside this package for the block (tests)."""
    _extra.append(module.PROVIDER)
    try:
        yield module.PROVIDER
    finally:
        _extra.remove(module.PROVIDER)


def names() -> tuple[str, ...]:
    return (*(p.name for p in providers()), OFFLINE)


def get(name: str) -> ProviderSpec:
    for p in providers():
        if p.name == name:
            return p
    raise KeyError(name)


def env_names() -> tuple[str, ...]:
    return tuple(dict.fromkeys(n for p in providers() for n in p.env_names()))


def secret_names() -> tuple[str, ...]:
    return tuple(p.key_env for p in providers())
