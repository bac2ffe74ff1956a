"""The check/fix request and response shapes shared by the CLI and the HTTP API, so both take
and give exactly the same JSON."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from optimizer.fixer import fix_ad
from optimizer.strength import ad_strength
from shared.models import AdInput
from shared.policy import CheckContext, check_ad
from shared.web import field_path


class BadInput(ValueError):
    """The request is not a valid check/fix request; the message names what is wrong."""


def parse_request(data: Any) -> tuple[AdInput, CheckContext]:
    if not isinstance(data, dict):
        raise BadInput('the request must be a JSON object with an "ad" object')
    if "ad" not in data:
        raise BadInput('ad: required (the request is {"ad": {...}, "context": {...}})')
    unknown = sorted(set(data) - {"ad", "context"})
    if unknown:
        raise BadInput(f'{unknown[0]}: unknown field (expected "ad" and optional "context")')
    if data.get("context") is not None and not isinstance(data["context"], dict):
        raise BadInput("context: must be an object")
    ad = _validated("ad", AdInput.model_validate, data["ad"])
    ctx = _validated("context", CheckContext.of, data.get("context"))
    return ad, ctx


def _validated(name: str, fn: Any, value: Any) -> Any:
    """Run a pydantic validation; on failure name the first bad field as "ad.headlines[0]"."""
    try:
        return fn(value)
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = field_path(tuple(err["loc"])) if err["loc"] else ""
        where = f"{name}.{loc}" if loc else name
        where = where.replace(".[", "[")
        msg = (
            "unknown field" if err["type"] == "extra_forbidden" else err["msg"].removeprefix("Value error, ")
        )
        raise BadInput(f"{where}: {msg}") from None


def _asset_json(a: Any) -> Any:
    return a.text if a.pin is None else {"text": a.text, "pin": a.pin}


def ad_json(ad: AdInput) -> dict[str, Any]:
    """The ad in the input's own compact form: plain strings unless pinned."""
    return {
        "headlines": [_asset_json(a) for a in ad.headlines],
        "descriptions": [_asset_json(a) for a in ad.descriptions],
        "path1": ad.path1,
        "path2": ad.path2,
        "final_url": ad.final_url,
    }


def check_response(data: Any) -> dict[str, Any]:
    ad, ctx = parse_request(data)
    report = check_ad(ad, ctx)
    return {
        "compliant": report.compliant,
        "findings": [f.model_dump() for f in report.findings],
        "ad_strength": ad_strength(ad, ctx.keywords).model_dump(),
    }


def fix_response(data: Any) -> dict[str, Any]:
    ad, ctx = parse_request(data)
    fixed, changes, findings = fix_ad(ad, ctx)
    return {
        "ad": ad_json(fixed),
        "changes": [c.model_dump() for c in changes],
        "findings": [f.model_dump() for f in findings],
        "compliant": not any(f.severity == "disapproved" for f in findings),
        "ad_strength": ad_strength(fixed, ctx.keywords).model_dump(),
    }
