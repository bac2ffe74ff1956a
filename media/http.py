"""HTTP to the generators (images, voice, video): bounded retries on timeouts, 429 and 5xx with
Retry-After honoured up to RETRY_AFTER_CAP_S (shared.retry), so a worker is never held for minutes
and a provider's error reaches the variant's notes instead of being swallowed."""

from __future__ import annotations

import time
from typing import Any

import requests

from shared.retry import RETRYABLE_STATUS, retry_delay
from shared.settings import get_settings


class ProviderError(RuntimeError):
    pass


def request_json(
    method: str,
    url: str,
    *,
    json: dict[str, Any] | None = None,
    headers: dict[str, str] | None = None,
    params: dict[str, str] | None = None,
    attempts: int | None = None,
) -> dict[str, Any]:
    s = get_settings()
    tries = (s.HTTP_MAX_RETRIES if attempts is None else attempts) + 1
    last = ""
    for attempt in range(tries):
        try:
            resp = requests.request(
                method, url, json=json, headers=headers, params=params, timeout=s.HTTP_TIMEOUT_S
            )
        except requests.RequestException as exc:
            last = type(exc).__name__
            delay = retry_delay(attempt, None, s.RETRY_AFTER_CAP_S)
        else:
            if resp.status_code < 300:
                try:
                    body = resp.json()
                except ValueError:
                    raise ProviderError(f"HTTP {resp.status_code} without valid JSON") from None
                if not isinstance(body, dict):
                    raise ProviderError("the answer is not a JSON object")
                return body
            last = f"HTTP {resp.status_code}"
            if resp.status_code not in RETRYABLE_STATUS:
                raise ProviderError(f"{last}: {resp.text[:200]}")
            delay = retry_delay(attempt, resp.headers.get("Retry-After"), s.RETRY_AFTER_CAP_S)
        if delay is None or attempt == tries - 1:
            break
        time.sleep(delay)
    raise ProviderError(f"gave up after {tries} attempts ({last})")


def get_bytes(url: str, max_bytes: int = 50_000_000, headers: dict[str, str] | None = None) -> bytes:
    s = get_settings()
    try:
        with requests.get(url, timeout=s.HTTP_TIMEOUT_S, stream=True, headers=headers) as resp:
            if resp.status_code != 200:
                raise ProviderError(f"download answered HTTP {resp.status_code}")
            data = resp.raw.read(max_bytes + 1, decode_content=True)
    except requests.RequestException as exc:
        raise ProviderError(f"download failed ({type(exc).__name__})") from None
    if len(data) > max_bytes:
        raise ProviderError("download larger than the cap")
    return data
