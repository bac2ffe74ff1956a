"""Which ad groups a campaign gets. The SUPERVISOR fans out one MARKETING job per theme, and the
writer uses the same definitions, so both read them here."""

from __future__ import annotations

from shared.models import CampaignRequest, Insights

THEMES: dict[str, str] = {
    "brand": "Brand",
    "release": "Latest release",
    "similar_artists": "Fans of similar artists",
    "genre_trend": "Genre and trends",
    "tickets": "Tickets and live",
    "merch": "Merch",
    "presave": "Pre-save",
}


def plan_themes(request: CampaignRequest, insights: Insights | None) -> list[str]:
    """At least two ad groups: the brand always, then what the research and the goals support."""
    themes = ["brand"]
    has_release = bool(request.release) or bool(insights and (insights.latest_release or insights.top_tracks))
    if has_release:
        themes.append("release")
    if insights and insights.similar_artists:
        themes.append("similar_artists")
    if insights and (insights.genres or insights.related_queries):
        themes.append("genre_trend")
    for goal in ("tickets", "merch", "presave"):
        if goal in request.goals:
            themes.append(goal)
    if len(themes) < 2:
        # Nothing found about the artist: a release group still has the artist's name and the goals.
        themes.append("release")
    return with_languages(themes, request)


def with_languages(themes: list[str], request: CampaignRequest) -> list[str]:
    """Every requested language gets its own ad groups: the first language keeps the plain theme
    keys, each further one adds "<theme>@<lang>" (the SUPERVISOR fans out one job per key)."""
    return themes + [f"{t}@{lang}" for lang in request.languages[1:] for t in themes if "@" not in t]


def split_theme(key: str) -> tuple[str, str | None]:
    """ "brand@de" -> ("brand", "de"); "brand" -> ("brand", None): the request's first language."""
    theme, _, lang = key.partition("@")
    return theme, lang or None


def theme_label(key: str) -> str:
    theme, lang = split_theme(key)
    label = THEMES.get(theme, theme.replace("_", " ").title())
    return f"{label} ({lang.upper()})" if lang else label


def ad_group_name(theme: str, artist: str) -> str:
    return f"{artist} - {theme_label(theme)}"
