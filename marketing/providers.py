"""The LLM provider chain: the providers of marketing/llm/ tried in order, the offline writer last.

Each provider gets bounded retries on timeouts, 429 and 5xx (Retry-After honoured up to a cap), and an
answer that does not validate against the pydantic schema is sent back with the errors up to
MAX_REPAIRS times before the chain moves on. Every call is recorded as a CostEntry (provider, model,
tokens, USD, latency, outcome) and added to the campaign's spend; once the per-campaign ceiling is
reached no paid call is made and the offline writer finishes the job. The chain therefore always
returns something: the worst case is the offline writer, never an empty ad group."""

from __future__ import annotations

import importlib
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ValidationError

from marketing import costs, llm
from marketing.llm.openai_compatible import LLMStatusError, LLMTimeout
from marketing.offline_writer import MODEL_NAME as OFFLINE_MODEL
from marketing.prompts import repair_message
from marketing.schemas import response_format
from shared.models import CostEntry
from shared.retry import RETRYABLE_STATUS, backoff_delay, retry_delay
from shared.settings import get_settings

log = logging.getLogger(__name__)

MAX_RETRIES = 2  # per provider, on 429/5xx/malformed answers
MAX_TIMEOUT_RETRIES = 1  # a timeout already cost LLM_TIMEOUT_S; one more try, then move on
MAX_REPAIRS = 2  # invalid JSON sent back with the errors at most this many times
TASK_SETTING = {"strategy": "LLM_MODEL_STRATEGY", "copy": "LLM_MODEL_COPY"}

T = TypeVar("T", bound=BaseModel)


class ChainConfigError(ValueError):
    """LLM_PROVIDERS names something we do not know; the message names the variable."""


@dataclass
class Provider:
    name: str
    base_url: str = ""
    api_key: str = ""
    spec: llm.ProviderSpec | None = None  # None: the offline writer

    def model(self, task: str) -> str:
        """The model for a task. LLM_MODEL_* is one name for every provider, or per provider:
        "openai=gpt-4o-mini,openrouter=meta-llama/llama-3.1-70b-instruct,selfhosted=llama3.1"."""
        if self.name == "offline":
            return OFFLINE_MODEL
        raw = getattr(get_settings(), TASK_SETTING.get(task, "LLM_MODEL_COPY"))
        if "=" in raw:
            mapping = dict(p.split("=", 1) for p in raw.split(",") if "=" in p)
            chosen = mapping.get(self.name) or next(iter(mapping.values()))
        else:
            chosen = raw
        if self.spec and self.spec.vendor_prefix and "/" not in chosen:
            chosen = self.spec.vendor_prefix + chosen  # e.g. OpenRouter names models vendor/model
        return chosen.strip()

    def complete(self, *args: Any) -> Any:
        assert self.spec is not None
        return importlib.import_module(self.spec.adapter).complete(self.base_url, self.api_key, *args)


def build_chain(sandbox: bool) -> list[Provider]:
    """Providers in order, from the environment. In sandbox mode the default is the offline writer
    alone; a provider listed in LLM_PROVIDERS with its key set talks to the sandbox's OpenAI API."""
    s = get_settings()
    if s.LLM_PROVIDERS.strip():
        names = [n.strip().lower() for n in s.LLM_PROVIDERS.split(",") if n.strip()]
    else:
        names = [llm.OFFLINE] if sandbox else list(llm.names())
    known = llm.names()
    chain: list[Provider] = []
    for name in names:
        if name not in known:
            raise ChainConfigError(
                f"environment variable LLM_PROVIDERS: unknown provider {name!r} (one of {', '.join(known)})"
            )
        if name == llm.OFFLINE:
            break
        spec = llm.get(name)
        endpoint = spec.endpoint(s, sandbox=sandbox)
        if endpoint:
            chain.append(Provider(name, *endpoint, spec=spec))
    chain.append(Provider(llm.OFFLINE))
    return chain


@dataclass
class ChainResult(Generic[T]):
    value: T
    provider: str
    model: str
    entries: list[CostEntry] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def written_by(self) -> dict[str, str]:
        return {"provider": self.provider, "model": self.model}


@dataclass
class _Call:
    """One conversation with one provider (several HTTP calls: retries and repairs)."""

    provider: Provider
    task: str
    schema: type[BaseModel]
    context: dict[str, Any]
    campaign_id: str | None
    ad_group: str | None
    entries: list[CostEntry]

    def entry(self, model: str, outcome: str, t0: float, usage: Any = None) -> CostEntry:
        tin = int(getattr(usage, "tokens_in", 0) or 0)
        tout = int(getattr(usage, "tokens_out", 0) or 0)
        e = CostEntry(
            provider=self.provider.name,
            model=model,
            task=self.task,
            tokens_in=tin,
            tokens_out=tout,
            usd=costs.cost_usd(model, tin, tout),
            latency_ms=int((time.perf_counter() - t0) * 1000),
            outcome=outcome,
            ad_group=self.ad_group,
        )  # type: ignore[arg-type]
        costs.record(e, self.campaign_id)
        self.entries.append(e)
        return e

    def run(self, messages: list[dict[str, str]], notes: list[str]) -> BaseModel | None:
        s = get_settings()
        model = self.provider.model(self.task)
        convo = list(messages)
        retries = timeouts = repairs = 0
        fmt = response_format(self.schema, self.schema.__name__)
        while True:
            reason = costs.cap_reason(self.campaign_id)
            if reason:
                notes.append(f"{reason}: {self.provider.name} skipped")
                return None
            t0 = time.perf_counter()
            try:
                usage = self.provider.complete(model, convo, fmt, s.LLM_TIMEOUT_S)
                content = usage.content
            except LLMTimeout:
                self.entry(model, "failed", t0)
                timeouts += 1
                if timeouts > MAX_TIMEOUT_RETRIES:
                    notes.append(f"{self.provider.name}: timed out {timeouts} times")
                    return None
                time.sleep(backoff_delay(timeouts - 1, base=0.2, cap=1.0))
                continue
            except LLMStatusError as exc:
                self.entry(model, "failed", t0)
                retries += 1
                delay = retry_delay(retries - 1, exc.retry_after, cap=s.RETRY_AFTER_CAP_S)
                if exc.status not in RETRYABLE_STATUS or retries > MAX_RETRIES or delay is None:
                    notes.append(f"{self.provider.name}: HTTP {exc.status} after {retries} attempt(s)")
                    return None
                time.sleep(delay)
                continue
            except Exception as exc:  # connection refused, a malformed body the client cannot parse
                self.entry(model, "failed", t0)
                retries += 1
                if retries > MAX_RETRIES:
                    notes.append(f"{self.provider.name}: {type(exc).__name__} after {retries} attempt(s)")
                    return None
                time.sleep(backoff_delay(retries - 1, base=0.2, cap=2.0))
                continue
            try:
                value = self.schema.model_validate_json(_strip_fences(content), context=self.context)
            except (ValidationError, ValueError) as exc:
                self.entry(model, "failed", t0, usage)
                if repairs >= MAX_REPAIRS:
                    notes.append(f"{self.provider.name}: answer still invalid after {repairs} repair(s)")
                    return None
                repairs += 1
                convo += [{"role": "assistant", "content": content[:8000]}, repair_message(_errors(exc))]
                continue
            self.entry(model, "success", t0, usage)
            if repairs:
                notes.append(f"{self.provider.name}: answer repaired after {repairs} round(s)")
            return value


def _strip_fences(content: str) -> str:
    """Some models wrap JSON in ```json fences even when asked not to."""
    text = content.strip()
    if text.startswith("```"):
        text = text.split("\n", 1)[1] if "\n" in text else ""
        text = text.rsplit("```", 1)[0]
    return text


def _errors(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        return "\n".join(f"- {'.'.join(map(str, e['loc'])) or 'answer'}: {e['msg']}" for e in exc.errors())
    return f"- the answer is not valid JSON: {exc}"


def run_chain(
    task: str,
    messages: list[dict[str, str]],
    schema: type[T],
    offline: Callable[[], T],
    *,
    sandbox: bool,
    campaign_id: str | None = None,
    ad_group: str | None = None,
    context: dict[str, Any] | None = None,
) -> ChainResult[T]:
    """Try each provider in order; the offline writer answers if none did."""
    entries: list[CostEntry] = []
    notes: list[str] = []
    tried = False
    for provider in build_chain(sandbox):
        if provider.name == "offline":
            break
        tried = True
        call = _Call(provider, task, schema, context or {}, campaign_id, ad_group, entries)
        try:
            value = call.run(messages, notes)
        except (
            Exception
        ) as exc:  # a bug or misconfiguration in one provider must not cost the campaign its ads
            log.exception("provider %s failed unexpectedly", provider.name)
            notes.append(f"{provider.name}: {type(exc).__name__}")
            value = None
        if value is not None:
            return ChainResult(value, provider.name, provider.model(task), entries, notes)  # type: ignore[arg-type]
    t0 = time.perf_counter()
    value = offline()
    e = CostEntry(
        provider="offline",
        model=OFFLINE_MODEL,
        task=task,
        latency_ms=int((time.perf_counter() - t0) * 1000),
        outcome="fallback" if tried else "success",
        ad_group=ad_group,
    )
    costs.record(e, campaign_id)
    entries.append(e)
    return ChainResult(value, "offline", OFFLINE_MODEL, entries, notes)
