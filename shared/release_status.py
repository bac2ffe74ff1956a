"""Where the release stands today: upcoming (pre-save, coming soon) or out (out now, new). One answer
per campaign, so an ad never says "Out Now" beside "Coming Soon". Pure, no I/O."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

from shared.brand import fold
from shared.models import CampaignRequest, Insights

Phase = Literal["upcoming", "out", "unknown"]
NEW_FOR_DAYS = 180  # "new" for a release up to about six months old; after that it is just "out"


@dataclass(frozen=True)
class ReleaseStatus:
    phase: Phase
    title: str | None  # the release the status is about
    date: str | None  # ISO release date when known
    backing: str | None  # which field says so: request.release_date, insights.latest_release...
    is_new: bool = False  # out, and recent enough to be called new

    @property
    def upcoming(self) -> bool:
        return self.phase == "upcoming"


def _phase(day: str | None, today: date) -> Phase:
    if not day:
        return "unknown"
    try:
        return "upcoming" if date.fromisoformat(day[:10]) > today else "out"
    except ValueError:
        return "unknown"


def _age_days(day: str, today: date) -> int:
    try:
        return (today - date.fromisoformat(day[:10])).days
    except ValueError:
        return 10**6


def release_status(
    request: CampaignRequest, insights: Insights | None, today: date | None = None
) -> ReleaseStatus:
    """The request's release date wins (the marketer knows an unreleased record's date); else the
    research's latest release when it is the requested one (or no release was named); a named
    release nothing dates is upcoming only when pre-save is a goal (a pre-save is for an unreleased
    record by definition), else unknown."""
    today = today or date.today()
    latest = insights.latest_release if insights and insights.found else None
    if request.release_date:
        phase = _phase(request.release_date, today)
        return ReleaseStatus(
            phase,
            request.release or (latest.title if latest else None),
            request.release_date,
            "request.release_date",
            phase == "out" and _age_days(request.release_date, today) <= NEW_FOR_DAYS,
        )
    same = latest is not None and (not request.release or fold(latest.title) == fold(request.release))
    if latest is not None and same and latest.release_date:
        phase = _phase(latest.release_date, today)
        return ReleaseStatus(
            phase,
            request.release or latest.title,
            latest.release_date,
            f"insights.latest_release ({latest.source})",
            phase == "out" and _age_days(latest.release_date, today) <= NEW_FOR_DAYS,
        )
    if request.release:
        if insights and insights.found:
            # A named release the catalogs list among the top tracks is out.
            for i, track in enumerate(insights.top_tracks):
                if fold(track.title) == fold(request.release) or (
                    track.album and fold(track.album) == fold(request.release)
                ):
                    return ReleaseStatus(
                        "out", request.release, track.release_date, f"insights.top_tracks[{i}]"
                    )
        if "presave" in request.goals:
            return ReleaseStatus("upcoming", request.release, None, "request.goals (presave)")
    return ReleaseStatus("unknown", request.release, None, None)
