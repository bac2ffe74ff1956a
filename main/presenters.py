"""Turns a campaign record into what the result page shows: character counts against Google's
limits, a small SVG chart of interest over time, provenance summaries, totals.

Kept apart from the views so the arithmetic is plain Python that tests can check, and the
templates stay declarative (Jinja autoescapes every value they print)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from shared.models import CampaignRecord
from shared.models.insights import Insights, TrendPoint
from shared.policy.ad_format import LIMITS
from shared.policy.text import display_width

PROVENANCE_HELP = {
    "live": "fetched live from the real API",
    "sandbox": "from the local sandbox stand-in, not real data",
    "cache": "served from the cache of an earlier fetch",
    "missing": "this source did not answer",
}


def ad_length(text: str) -> int:
    """Characters as Google Ads counts them (shared.policy: double-width characters count as two,
    a {Tag:default} counts as its default)."""
    return display_width(text)


@dataclass(frozen=True)
class Count:
    used: int
    limit: int

    @property
    def over(self) -> bool:
        return self.used > self.limit

    def __str__(self) -> str:
        return f"{self.used}/{self.limit}"


def count(text: str, kind: str) -> Count:
    return Count(ad_length(text or ""), LIMITS[kind])


def safe_url(url: str | None) -> str | None:
    """Only http(s) links become <a href>: agent or source text must never inject javascript: URLs."""
    if not url:
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    return url if parts.scheme in ("http", "https") and parts.netloc else None


def compact(n: int | float | None) -> str:
    """1234567 -> '1.2M': fan counts read better rounded, the exact figure goes in the title."""
    if n is None:
        return "–"
    value = float(n)
    for limit, suffix in ((1e9, "B"), (1e6, "M"), (1e3, "K")):
        if abs(value) >= limit:
            return f"{value / limit:.1f}".rstrip("0").rstrip(".") + suffix
    return f"{value:g}" if isinstance(n, float) else str(n)


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    line: str  # SVG polyline points
    area: str  # closed polygon for the fill under the line
    peaks: list[tuple[float, float, str, int]]  # x, y, date, value
    baseline: float
    first: str
    last: str
    max_value: int


def trend_chart(
    points: list[TrendPoint], peak_months: list[str], width: int = 640, height: int = 150
) -> Chart | None:
    """Coordinates for an inline SVG line chart (no chart library, no external asset).

    Peaks are the points whose month is one of the ANALYST's peak months; when those are not given as
    dates we fall back to the highest point, so the chart always says where interest was greatest."""
    if len(points) < 2:
        return None
    pad = 8  # room for the peak markers at the top
    top = max(max(p.value for p in points), 1)
    step = (width - 2 * pad) / (len(points) - 1)

    def xy(i: int, p: TrendPoint) -> tuple[float, float]:
        return round(pad + i * step, 1), round(height - pad - (p.value / top) * (height - 2 * pad), 1)

    coords = [xy(i, p) for i, p in enumerate(points)]
    line = " ".join(f"{x},{y}" for x, y in coords)
    area = f"{coords[0][0]},{height - pad} {line} {coords[-1][0]},{height - pad}"
    months = {m[:7] for m in peak_months}
    peaks = [
        (x, y, p.date, p.value) for (x, y), p in zip(coords, points, strict=True) if p.date[:7] in months
    ]
    if not peaks:
        best = max(range(len(points)), key=lambda i: points[i].value)
        peaks = [(coords[best][0], coords[best][1], points[best].date, points[best].value)]
    return Chart(
        width=width,
        height=height,
        line=line,
        area=area,
        peaks=peaks,
        baseline=height - pad,
        first=points[0].date,
        last=points[-1].date,
        max_value=top,
    )


def provenance_summary(insights: Insights | None) -> dict[str, list[str]]:
    """provenance -> sources, e.g. {"live": ["deezer"], "sandbox": ["spotify", ...]}."""
    out: dict[str, list[str]] = {}
    if insights:
        for name, rep in insights.sources.items():
            out.setdefault(rep.provenance, []).append(name)
    return out


def source_provenance(insights: Insights | None, source: str) -> str:
    """The provenance of the source a figure came from (figures without their own carry the source's)."""
    if insights and source in insights.sources:
        return insights.sources[source].provenance
    return "missing"


def stage_index(
    pipeline: dict[str, Any], state: str, history_states: list[str], failed_stage: str | None = None
) -> int:
    """Where the stepper stands, given the SUPERVISOR's pipeline description (`GET /api/pipeline`):
    a stage shown on another step counts as that step (revising as writing); a failure or a cancel
    sits on the stage it happened in (or, when that is not a step, on the last step reached)."""
    steps: list[str] = pipeline.get("steps", [])
    step_of: dict[str, str] = pipeline.get("step_of", {})
    for s in (state, failed_stage if state in pipeline.get("terminal", ()) else None):
        s = step_of.get(s, s) if s else s
        if s in steps:
            return steps.index(s)
    reached = [steps.index(step_of.get(s, s)) for s in history_states if step_of.get(s, s) in steps]
    return max(reached, default=0)


def scale_by_source(items: list, attr: str = "value") -> dict[str, float]:
    """source -> largest value. Trends gives 0-100 interest, Chartmetric gives listeners: bars are only
    comparable within one source, so each source's bars are scaled to its own maximum."""
    out: dict[str, float] = {}
    for item in items:
        v = getattr(item, attr)
        if v is not None:
            out[item.source] = max(out.get(item.source, 0.0), float(v))
    return out


def cost_totals(record: CampaignRecord) -> dict[str, float | int]:
    costs = record.campaign.costs
    return {
        "tokens_in": sum(c.tokens_in for c in costs),
        "tokens_out": sum(c.tokens_out for c in costs),
        "usd": round(sum(c.usd for c in costs), 6),
    }


def claims_for(ad: object, field: str) -> list[object]:
    """The ledger entries of one asset ("headlines[2]"), for its hover text and the ledger table."""
    return [c for c in getattr(ad, "claims", []) if c.field == field]


def claim_title(ad: object, field: str) -> str:
    """One line per claim an asset makes and what backs it: the hover text of a headline."""
    lines = [
        f"{c.kind.replace('_', ' ')} '{c.text}': "
        + (f"backed by {c.backing}" if c.supported else f"unsupported ({c.reason})")
        for c in claims_for(ad, field)
    ]
    return "\n".join(lines) if lines else "No factual claim"


def google_ads_campaigns(record: CampaignRecord) -> list[object]:
    """The Google Ads campaigns of the export (stored, or derived for older records)."""
    return list(record.campaign.campaigns)


def template_helpers() -> dict[str, object]:
    """What every template can call."""
    return {
        "count": count,
        "safe_url": safe_url,
        "compact": compact,
        "trend_chart": trend_chart,
        "provenance_summary": provenance_summary,
        "source_provenance": source_provenance,
        "PROVENANCE_HELP": PROVENANCE_HELP,
        "stage_index": stage_index,
        "cost_totals": cost_totals,
        "scale_by_source": scale_by_source,
        "LIMITS": LIMITS,
        "claims_for": claims_for,
        "claim_title": claim_title,
        "google_ads_campaigns": google_ads_campaigns,
    }
