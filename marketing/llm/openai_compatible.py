"""The adapter for every OpenAI-compatible API (OpenAI, OpenRouter, vLLM, Ollama, LiteLLM...), through
the official `openai` client. An adapter module defines `complete(...)`, returns a `Completion`, and
raises `LLMTimeout` / `LLMStatusError` so the chain's retry policy stays the same for every provider."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import openai


@dataclass
class Completion:
    content: str
    tokens_in: int = 0
    tokens_out: int = 0


class LLMTimeout(Exception):
    """The call timed out."""


class LLMStatusError(Exception):
    def __init__(self, status: int, retry_after: str | None = None):
        super().__init__(f"HTTP {status}")
        self.status, self.retry_after = status, retry_after


def complete(
    base_url: str,
    api_key: str,
    model: str,
    messages: list[dict[str, str]],
    response_format: dict[str, Any],
    timeout: float,
) -> Completion:
    client = openai.OpenAI(api_key=api_key, base_url=base_url, max_retries=0, timeout=timeout)
    try:
        resp = client.chat.completions.create(
            model=model,
            messages=messages,  # type: ignore[arg-type]
            response_format=response_format,  # type: ignore[arg-type]
            temperature=0.7,
        )
    except openai.APITimeoutError as exc:
        raise LLMTimeout(str(exc)) from exc
    except openai.APIStatusError as exc:
        raise LLMStatusError(exc.status_code, exc.response.headers.get("retry-after")) from exc
    usage = resp.usage
    return Completion(
        resp.choices[0].message.content or "",
        int(getattr(usage, "prompt_tokens", 0) or 0),
        int(getattr(usage, "completion_tokens", 0) or 0),
    )
