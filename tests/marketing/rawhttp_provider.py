"""A throw-away LLM provider with its own adapter, registered by tests/marketing/test_chain.py: how
a native API (Anthropic, Gemini) is added as one module. It speaks HTTP with `requests` (not the
openai client) to the sandbox's chat endpoint, and maps errors to the chain's exceptions."""

from __future__ import annotations

from typing import Any

import requests

from marketing.llm import ProviderSpec
from marketing.llm.openai_compatible import Completion, LLMStatusError, LLMTimeout

PROVIDER = ProviderSpec(
    "rawhttp",
    order=90,
    url_env="RAWHTTP_BASE_URL",
    live_url="https://llm.example.org/v1",
    key_env="RAWHTTP_API_KEY",
    adapter=__name__,
)


def complete(
    base_url: str,
    api_key: str,
    model: str,
    messages: list[dict[str, str]],
    response_format: dict[str, Any],
    timeout: float,
) -> Completion:
    try:
        resp = requests.post(
            f"{base_url}/chat/completions",
            json={"model": model, "messages": messages, "response_format": response_format},
            headers={"Authorization": f"Bearer {api_key}"},
            timeout=timeout,
        )
    except requests.Timeout as exc:
        raise LLMTimeout(str(exc)) from exc
    if resp.status_code >= 400:
        raise LLMStatusError(resp.status_code, resp.headers.get("Retry-After"))
    body = resp.json()
    usage = body.get("usage") or {}
    return Completion(
        body["choices"][0]["message"]["content"],
        usage.get("prompt_tokens", 0),
        usage.get("completion_tokens", 0),
    )
