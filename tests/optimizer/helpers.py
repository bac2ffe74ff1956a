"""Builders for test ads: a plain, correct RSA that individual tests change one asset of."""

from __future__ import annotations

from typing import Any

BASE_HEADLINES = ["Luna New Album Out Now", "Stream Tides Today", "Luna Live in Berlin 2026"]
BASE_DESCRIPTIONS = [
    "Stream the new album Tides on all platforms.",
    "Ten new songs about the sea, recorded live in one take.",
]
URL = "https://lunamusic.com/tides"


def ad(headline: str | None = None, description: str | None = None, **fields: Any) -> dict[str, Any]:
    """The base ad with its first headline and/or first description replaced."""
    heads = list(BASE_HEADLINES)
    descs = list(BASE_DESCRIPTIONS)
    if headline is not None:
        heads[0] = headline
    if description is not None:
        descs[0] = description
    out: dict[str, Any] = {
        "headlines": heads,
        "descriptions": descs,
        "path1": "",
        "path2": "",
        "final_url": URL,
    }
    out.update(fields)
    return out


def policies(report: Any, severity: str | None = None) -> set[str]:
    return {f.policy for f in report.findings if severity is None or f.severity == severity}
