"""Which ad groups a campaign gets, from the goals the marketer picked. The SUPERVISOR fans out one
MARKETING job per theme; the writer, the OPTIMIZER (keywords, budget, export) and MAIN read the same
plan here, so all agree on each group's goal and landing page. Pure: the plan is a function of the
request and the insights.

Every goal picked gets at least one ad group, or a `GoalGap` saying why not and what to add:
- streams   -> brand, latest release, fans of similar artists, genre and trends (what research supports)
- tickets   -> a tickets group (on links.tickets) and one group per tour city with a ticket page in the
               targeted countries (on that show's ticket URL), from the events sources
- followers -> a follow group landing on the artist's Spotify / YouTube / Deezer profile
- merch     -> a merch group on links.merch
- presave   -> a pre-save group on links.presave, only while the release is upcoming
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from shared import landing
from shared.brand import fold
from shared.models import CampaignRequest, Event, GoalGap, Insights
from shared.release_status import release_status

THEMES: dict[str, str] = {
    "brand": "Brand",
    "release": "Latest release",
    "similar_artists": "Fans of similar artists",
    "genre_trend": "Genre and trends",
    "tickets": "Tickets and live",
    "merch": "Merch",
    "presave": "Pre-save",
    "followers": "Follow",
}
GOAL_OF: dict[str, str] = {
    "brand": "streams",
    "release": "streams",
    "similar_artists": "streams",
    "genre_trend": "streams",
    "tickets": "tickets",
    "merch": "merch",
    "presave": "presave",
    "followers": "followers",
}
GOAL_LABELS: dict[str, str] = {
    "streams": "Streams",
    "tickets": "Tickets",
    "followers": "Followers",
    "merch": "Merch",
    "presave": "Pre-save",
}
GOAL_ORDER: tuple[str, ...] = ("streams", "tickets", "followers", "merch", "presave")
CITY_PREFIX = "city-"
MAX_CITY_GROUPS = 5  # the biggest stops of a tour; a 40-date tour does not need 40 ad groups


@dataclass(frozen=True)
class ThemeSpec:
    theme: str  # the key: job ids, parts, the record's `themes`
    goal: str
    label: str
    final_url: str
    final_url_source: str
    events: tuple[tuple[int, Event], ...] = ()  # (index in insights.events, show) a city group sells


@dataclass
class Plan:
    specs: list[ThemeSpec] = field(default_factory=list)
    gaps: list[GoalGap] = field(default_factory=list)

    @property
    def themes(self) -> list[str]:
        return [s.theme for s in self.specs]

    def spec(self, key: str) -> ThemeSpec | None:
        """The spec of a theme key, in any language ("tickets@de" is the tickets group in German)."""
        theme = split_theme(key)[0]
        return next((s for s in self.specs if s.theme == theme), None)


def city_slug(city: str) -> str:
    return CITY_PREFIX + (re.sub(r"[^a-z0-9]+", "-", fold(city)).strip("-") or "x")


def _spec(theme: str, goal: str, label: str, url: landing.Landing, events=()) -> ThemeSpec:
    return ThemeSpec(theme, goal, label, url.url, url.source, tuple(events))


def _tickets(request: CampaignRequest, insights: Insights | None, plan: Plan) -> None:
    events = insights.events if insights and insights.found else []
    shows = landing.ticketed(events, request.countries)
    general = landing.for_goal("tickets", request, insights)
    if general:
        plan.specs.append(_spec("tickets", "tickets", THEMES["tickets"], general))
    by_city: dict[str, list[tuple[int, Event]]] = {}
    for i, ev in shows:
        by_city.setdefault(city_slug(ev.city), []).append((i, ev))
    # Cities with the most shows first, then the soonest.
    ranked = sorted(by_city.items(), key=lambda kv: (-len(kv[1]), kv[1][0][1].date))[:MAX_CITY_GROUPS]
    for slug, city_shows in ranked:
        page = landing.for_goal("tickets", request, insights, city_shows[0])
        if request.links.tickets and len(city_shows) > 1:
            page = landing.Landing(request.links.tickets, "request.links.tickets")  # several nights
        if page:
            name = city_shows[0][1].city
            plan.specs.append(_spec(slug, "tickets", f"Tickets {name}", page, city_shows))
    if not any(s.goal == "tickets" for s in plan.specs):
        elsewhere = len(events) - len(shows)
        reason = (
            f"no ticket page: links.tickets is empty and the {elsewhere} known show(s) are outside "
            f"the targeted countries ({', '.join(request.countries)}) or have no ticket URL"
            if events
            else "no ticket page: links.tickets is empty and the events sources list no upcoming show"
        )
        plan.gaps.append(landing.gap("tickets", reason))


def plan(request: CampaignRequest, insights: Insights | None) -> Plan:
    """The ad groups, each with its goal and landing page, plus the goals that get none and why."""
    out = Plan()
    found = insights if insights and insights.found else None
    status = release_status(request, insights)
    for goal in [g for g in GOAL_ORDER if g in request.goals]:
        if goal == "tickets":
            _tickets(request, insights, out)
            continue
        page = landing.for_goal(goal, request, insights)
        if goal == "presave" and status.phase == "out":
            when = f" on {status.date}" if status.date else ""
            out.gaps.append(
                GoalGap(
                    goal="presave",
                    reason=f"the release is already out{when} ({status.backing}): a pre-save no longer applies",
                    add="pick streams instead, or a release_date in the future for an unreleased record",
                )
            )
            continue
        if goal == "presave" and not (request.release or (found and found.latest_release)):
            out.gaps.append(
                GoalGap(goal="presave", reason="no release named to pre-save", add="release (its title)")
            )
            continue
        if page is None:
            what = {
                "merch": "no merch page: links.merch is empty",
                "presave": "no pre-save page: links.presave is empty",
                "followers": "no profile to follow: the research found the artist on no platform",
                "streams": "no page to send listeners to: no final_url, no links.site, no profile found",
            }[goal]
            out.gaps.append(landing.gap(goal, what))
            continue
        if goal != "streams":
            out.specs.append(_spec(goal, goal, THEMES[goal], page))
            continue
        themes = ["brand"]
        if request.release or (found and (found.latest_release or found.top_tracks)):
            themes.append("release")
        if found and found.similar_artists:
            themes.append("similar_artists")
        if found and (found.genres or found.related_queries):
            themes.append("genre_trend")
        out.specs += [_spec(t, "streams", THEMES[t], page) for t in themes]
    return out


def plan_themes(request: CampaignRequest, insights: Insights | None) -> list[str]:
    """The ad groups to write (the SUPERVISOR's fan-out), in every requested language. With no theme
    at all (every goal lacks a page) the writing stage refuses the campaign, saying what to add."""
    return with_languages(plan(request, insights).themes, request)


def with_languages(themes: list[str], request: CampaignRequest) -> list[str]:
    """Every requested language gets its own ad groups: the first language keeps the plain theme
    keys, each further one adds "<theme>@<lang>" (the SUPERVISOR fans out one job per key)."""
    return themes + [f"{t}@{lang}" for lang in request.languages[1:] for t in themes if "@" not in t]


def split_theme(key: str) -> tuple[str, str | None]:
    """ "brand@de" -> ("brand", "de"); "brand" -> ("brand", None): the request's first language."""
    theme, _, lang = key.partition("@")
    return theme, lang or None


def theme_label(key: str, request: CampaignRequest | None = None, insights: Insights | None = None) -> str:
    theme, lang = split_theme(key)
    if theme in THEMES:
        label = THEMES[theme]
    else:
        spec = (
            plan(request, insights).spec(theme)
            if request is not None and theme.startswith(CITY_PREFIX)
            else None
        )
        label = (
            spec.label
            if spec
            else theme.removeprefix(CITY_PREFIX).replace("_", " ").replace("-", " ").title()
        )
    return f"{label} ({lang.upper()})" if lang else label


def goal_of(key: str) -> str:
    theme, _ = split_theme(key)
    return "tickets" if theme.startswith(CITY_PREFIX) else GOAL_OF.get(theme, "streams")


def ad_group_name(theme: str, artist: str, label: str | None = None) -> str:
    _, lang = split_theme(theme)
    if label and lang and not label.endswith(f"({lang.upper()})"):
        label = f"{label} ({lang.upper()})"
    return f"{artist} - {label or theme_label(theme)}"
