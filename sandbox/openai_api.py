"""Sandbox stand-in for the OpenAI Chat Completions API (POST /openai/v1/chat/completions).

It speaks the real wire format (choices, usage, finish_reason, OpenAI-shaped errors), honours
`response_format` with a JSON schema, and composes its answer from the prompt it receives: MARKETING's
prompts carry the artist facts as a <facts> JSON block, which this stand-in reads back and writes from
(reusing the offline writer's composition with a different seed, so its copy differs from the offline
writer's). Different artists therefore get different copy. Faults come from `sandbox.faults`."""

from __future__ import annotations

import json
import re
import time
import uuid
from typing import Any

from flask import Blueprint, Response, jsonify, request

from sandbox import faults

bp = Blueprint("openai", __name__, url_prefix="/openai")

_FACTS = re.compile(r"<facts>(.*?)</facts>", re.S)
_TASK = re.compile(r"<task>(\w+)(?::(\w+))?</task>")


def _tokens(text: str) -> int:
    """Roughly what a BPE tokenizer counts: ~4/3 tokens per word, plus punctuation."""
    words = len(text.split())
    return max(1, int(words * 4 / 3) + text.count("{") + text.count('"') // 2)


def _error(status: int, message: str, kind: str) -> Response:
    resp = jsonify({"error": {"message": message, "type": kind, "param": None, "code": None}})
    resp.status_code = status
    return resp


def _compose(messages: list[dict[str, Any]], schema_name: str | None) -> str:
    """The model's answer: JSON for the task named in the prompt, or a short plain reply."""
    prompt = "\n".join(str(m.get("content") or "") for m in messages if m.get("role") in ("user", "system"))
    facts_match = _FACTS.search(prompt)
    task = _TASK.search(prompt)
    if not facts_match or not task:
        return (
            json.dumps({"answer": "sandbox model: no <facts> in the prompt"})
            if schema_name
            else "Sandbox model: give me artist facts in a <facts> block."
        )
    from marketing.facts import ArtistFacts  # the sandbox plays the model MARKETING talks to

    facts = ArtistFacts.model_validate_json(facts_match.group(1))
    repairs = sum(1 for m in messages if m.get("role") == "assistant")
    if task.group(1) == "creative_brief":
        from marketing.creative_brief import compose_brief

        return compose_brief(facts).model_dump_json()
    from marketing.offline_writer import compose

    theme = task.group(2) or "brand"
    avoid = re.findall(r"^- [^:]+: [^:]+: .*?'([^']+)'", prompt, re.M)
    copy = compose(facts, theme, variant="sandbox-llm", revision=repairs, avoid=avoid)
    return copy.model_dump_json()


def _invalid(schema_name: str | None, n: int) -> str:
    """Model output that is not the asked-for JSON: alternately chatty prose around broken JSON and
    JSON that breaks the schema's limits (a 60-character headline), as real models do."""
    if n % 2 == 0:
        return 'Sure! Here are your ads:\n{"ads": [{"angle": "brand", "headlines": ["One", "Two"'
    return json.dumps(
        {
            "ads": [
                {
                    "angle": "a",
                    "headlines": ["THIS HEADLINE IS FAR TOO LONG FOR GOOGLE ADS!!!"] * 3,
                    "descriptions": ["Too short"],
                }
            ],
            "keywords": [],
        }
    )


_invalid_count = 0


@bp.post("/v1/chat/completions")
def chat_completions() -> Response:
    global _invalid_count
    auth = request.headers.get("Authorization", "")
    if not auth.startswith("Bearer ") or len(auth) <= len("Bearer "):
        return _error(401, "You didn't provide an API key.", "invalid_request_error")
    body = request.get_json(silent=True)
    if not isinstance(body, dict) or not isinstance(body.get("messages"), list) or not body.get("model"):
        return _error(400, "'model' and 'messages' are required.", "invalid_request_error")
    kind = faults.pick("openai")
    if kind and kind != "invalid_json":
        generic = faults.respond("openai", kind)
        if kind == "quota" or generic is None:
            return _error(
                429,
                "You exceeded your current quota, please check your plan and billing details.",
                "insufficient_quota",
            )
        if kind != "timeout":
            return generic
        # "timeout": the response was held long enough that the client gave up; answer normally.
    fmt = body.get("response_format") or {}
    schema_name = (fmt.get("json_schema") or {}).get("name") if fmt.get("type") == "json_schema" else None
    if kind == "invalid_json":
        _invalid_count += 1
        content = _invalid(schema_name, _invalid_count)
    else:
        content = _compose(
            body["messages"], schema_name or ("json" if fmt.get("type") == "json_object" else None)
        )
    prompt_text = " ".join(str(m.get("content") or "") for m in body["messages"])
    usage = {"prompt_tokens": _tokens(prompt_text), "completion_tokens": _tokens(content)}
    usage["total_tokens"] = usage["prompt_tokens"] + usage["completion_tokens"]
    return jsonify(
        {
            "id": f"chatcmpl-{uuid.uuid4().hex[:24]}",
            "object": "chat.completion",
            "created": int(time.time()),
            "model": body["model"],
            "system_fingerprint": "fp_sandbox",
            "choices": [
                {
                    "index": 0,
                    "message": {"role": "assistant", "content": content, "refusal": None},
                    "logprobs": None,
                    "finish_reason": "stop",
                }
            ],
            "usage": usage,
        }
    )
