"""Every data source, declared in its own module as `SOURCE = Source(...)` next to its `fetch`, and
collected here. Settings (credentials and URLs from the environment), modes (live, sandbox or not
configured), rate limits, cache TTLs, the insights merge, the analyzing stage's fan-out, the test
suite's scrub list and the `.env.example` check all read this registry: adding a source is one module
in `analyst/sources/` (plus its stand-in in `sandbox/`). See CONTRIBUTING.md."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from types import ModuleType

from shared.registry import discover


@dataclass(frozen=True)
class Api:
    """An external API as the environment configures it (several sources may share one: SerpApi)."""

    url_env: str  # the variable that overrides its base URL (a proxy, the sandbox)
    live_url: str  # the real service
    sandbox_path: str  # where its stand-in lives in the sandbox server
    credentials: tuple[str, ...] = ()  # variables that must all be set to call it live
    secrets: tuple[str, ...] = ()  # those of `credentials` that are secrets (never logged)
    urls: dict[str, tuple[str, str]] = field(
        default_factory=dict
    )  # other endpoints: var -> (live, sandbox path)
    rate_limit: tuple[int, float] | None = None  # at most N calls per S seconds, across every worker

    def env_names(self) -> tuple[str, ...]:
        return (*self.credentials, self.url_env, *self.urls)


@dataclass(frozen=True)
class Source:
    name: str
    label: str
    api: Api
    order: int = 100  # merge priority: whose spelling of the name and figures win (lower first)
    cache_ttls: dict[str, int] = field(default_factory=dict)  # per kind, over shared.resilience's defaults
    identity: bool = True  # can vouch that an artist exists (Trends answers for any words: False)
    live_fallback: str | None = None  # backend used live without credentials (Trends: keyless pytrends)
    backend: str = "api"  # the backend used otherwise (reported in the data)
    fans: str = "fans"  # what its `fans` figure counts ("subscribers" are not comparable to fans)
    provides: tuple[str, ...] = ()  # SourceData fields it is the one to ask for (e.g. "youtube")


_extra: list[tuple[ModuleType, Source]] = []


@cache
def _discovered() -> tuple[tuple[ModuleType, Source], ...]:
    return tuple(discover("analyst.sources", "SOURCE"))


def _all() -> list[tuple[ModuleType, Source]]:
    return sorted([*_discovered(), *_extra], key=lambda pair: (pair[1].order, pair[1].name))


def sources() -> tuple[Source, ...]:
    return tuple(spec for _module, spec in _all())


def names() -> tuple[str, ...]:
    return tuple(s.name for s in sources())


def get(name: str) -> Source:
    for spec in sources():
        if spec.name == name:
            return spec
    raise KeyError(f"unknown source {name!r}; expected one of {', '.join(names())}")


def module(name: str) -> ModuleType:
    for mod, spec in _all():
        if spec.name == name:
            return mod
    raise KeyError(f"unknown source {name!r}; expected one of {', '.join(names())}")


def labels() -> dict[str, str]:
    return {s.name: s.label for s in sources()}


def env_names() -> tuple[str, ...]:
    """Every environment variable a source reads (for .env.example and the test scrub list)."""
    return tuple(dict.fromkeys(n for s in sources() for n in s.api.env_names()))


def secret_names() -> tuple[str, ...]:
    return tuple(dict.fromkeys(n for s in sources() for n in s.api.secrets))


@contextmanager
def with_source(mod: ModuleType) -> Iterator[Source]:
    """Register a source module that lives outside `analyst/sources/` for the duration of the block
    (a test's throw-away source)."""
    pair = (mod, mod.SOURCE)
    _extra.append(pair)
    try:
        yield mod.SOURCE
    finally:
        _extra.remove(pair)


def tasks(record: object, round_: int) -> list:
    """The analyzing stage's fan-out (shared.pipeline): one collect job per source. It runs on the
    ANALYST's queue, where the sources are known."""
    from shared.pipeline import Task

    return [Task(name, (name,)) for name in names()]
