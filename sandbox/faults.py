"""Fault and latency injection for the sandbox, shared by every API blueprint (OpenAI's included).

Spec (env SANDBOX_FAULTS or POST /_sandbox/config {"faults": ...}): comma-separated
`api:kind[:probability[:times]]`, e.g. `deezer:quota:0.3,spotify:403,openai:invalid_json:1:1`.
probability defaults to 1.0; `times` caps how many calls get the fault (then it stops).

Kinds:
  quota        Deezer: {"error": {"code": 4, ...}} inside HTTP 200; other APIs: 429 with their quota body
  error_N      Deezer: error code N inside HTTP 200 (100, 200, 300, 500, 501, 600, 700, 800)
  429, 429_N   HTTP 429 with Retry-After: 1 (or N seconds)
  403, 404, 500, 502, 503
  timeout      the response is held TIMEOUT_SLEEP_S (longer than any test client timeout), then sent
  malformed    HTTP 200 with a truncated JSON body
  invalid_json OpenAI blueprint only: well-formed HTTP, model content that is not the asked-for JSON
  failed, never_done, bad_video   video generators only (runway, veo): the task fails, never ends,
               or ends with a file that is not a video (sandbox/video_apis.py)

Small API used by the blueprints:
  pick(api) -> kind | None     decide (thread-safely) whether this call gets a fault
  respond(api, kind) -> Response | None   the generic HTTP answer for a kind (None: blueprint decides)
  configure(faults, latency_ms), reset(), latency_s(), count(api), calls()
"""

from __future__ import annotations

import json
import random
import re
import threading
import time
from dataclasses import dataclass

from flask import Response

APIS = (
    "deezer",
    "spotify",
    "serpapi",
    "chartmetric",
    "bandsintown",
    "ticketmaster",
    "openai",
    "gemini",
    "fal",
    "elevenlabs",
    "runway",
    "veo",
)
TIMEOUT_SLEEP_S = 3.0  # bounded so the server thread frees itself; clients time out well before
_KIND = re.compile(
    r"^(quota|error_\d+|429(_\d+)?|403|404|500|502|503|timeout|malformed|invalid_json|failed|never_done|bad_video)$"
)


class FaultSpecError(ValueError):
    """The fault spec cannot be parsed; the message names the bad item."""


@dataclass
class Fault:
    api: str
    kind: str
    probability: float = 1.0
    times: int | None = None
    used: int = 0


def parse(spec: str) -> list[Fault]:
    faults: list[Fault] = []
    for item in (s.strip() for s in (spec or "").split(",")):
        if not item:
            continue
        parts = item.split(":")
        if len(parts) < 2 or len(parts) > 4:
            raise FaultSpecError(f"fault {item!r}: expected api:kind[:probability[:times]]")
        api, kind = parts[0].strip().lower(), parts[1].strip().lower()
        if api not in APIS:
            raise FaultSpecError(f"fault {item!r}: unknown api {api!r} (one of {', '.join(APIS)})")
        if not _KIND.match(kind):
            raise FaultSpecError(f"fault {item!r}: unknown kind {kind!r}")
        try:
            prob = float(parts[2]) if len(parts) > 2 and parts[2] else 1.0
            times = int(parts[3]) if len(parts) > 3 and parts[3] else None
        except ValueError:
            raise FaultSpecError(
                f"fault {item!r}: probability must be a number and times an integer"
            ) from None
        if not 0.0 <= prob <= 1.0:
            raise FaultSpecError(f"fault {item!r}: probability must be between 0 and 1")
        faults.append(Fault(api, kind, prob, times))
    return faults


class _State:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.faults: list[Fault] = []
        self.latency_ms = 0
        self.counts = dict.fromkeys(APIS, 0)
        # Seeded so a probabilistic run is reproducible from a fresh config.
        self.rng = random.Random(0)


_state = _State()


def configure(faults: str = "", latency_ms: int = 0) -> None:
    """Replace the runtime config (parse first so a bad spec leaves the old one in place)."""
    parsed = parse(faults)
    if latency_ms < 0:
        raise FaultSpecError("latency_ms must be >= 0")
    with _state.lock:
        _state.faults, _state.latency_ms, _state.rng = parsed, int(latency_ms), random.Random(0)


def reset() -> None:
    with _state.lock:
        _state.faults, _state.latency_ms, _state.rng = [], 0, random.Random(0)
        _state.counts = dict.fromkeys(APIS, 0)


def pick(api: str) -> str | None:
    """The fault kind to inject on this call to `api`, or None. Consumes one of `times`."""
    with _state.lock:
        for fault in _state.faults:
            if fault.api != api or (fault.times is not None and fault.used >= fault.times):
                continue
            if fault.probability >= 1.0 or _state.rng.random() < fault.probability:
                fault.used += 1
                return fault.kind
    return None


def latency_s() -> float:
    with _state.lock:
        return _state.latency_ms / 1000.0


def count(api: str) -> None:
    with _state.lock:
        _state.counts[api] = _state.counts.get(api, 0) + 1


def calls() -> dict[str, int]:
    with _state.lock:
        return dict(_state.counts)


def config() -> dict[str, object]:
    with _state.lock:
        items = []
        for f in _state.faults:
            item = f"{f.api}:{f.kind}:{f.probability:g}"
            items.append(f"{item}:{f.times}" if f.times is not None else item)
        return {"faults": ",".join(items), "latency_ms": _state.latency_ms}


def _json(body: object, status: int, headers: dict[str, str] | None = None) -> Response:
    return Response(json.dumps(body), status=status, mimetype="application/json", headers=headers or {})


def respond(api: str, kind: str) -> Response | None:
    """The generic HTTP answer for `kind`; None for kinds a blueprint renders itself
    (quota, error_N, invalid_json), because their shape is API-specific."""
    if kind.startswith("429"):
        retry_after = kind.split("_", 1)[1] if "_" in kind else "1"
        return _json(
            {"error": {"status": 429, "message": "API rate limit exceeded"}},
            429,
            {"Retry-After": retry_after},
        )
    if kind in ("403", "404", "500", "502", "503"):
        messages = {
            "403": "Forbidden",
            "404": "Not found",
            "500": "Internal server error",
            "502": "Bad gateway",
            "503": "Service unavailable",
        }
        return _json({"error": {"status": int(kind), "message": messages[kind]}}, int(kind))
    if kind == "timeout":
        time.sleep(TIMEOUT_SLEEP_S)
        return _json({"error": {"status": 504, "message": "sandbox: injected timeout"}}, 504)
    if kind == "malformed":
        return Response('{"data": [{"id": 1, "name": "trunc', status=200, mimetype="application/json")
    return None
