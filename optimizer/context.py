"""The one place a campaign's policy-check context is built. The optimize job checks every ad with it
and the exports re-check with it: two different contexts once let an ad that was compliant at
optimization (its stylised release title a brand term) be silently dropped at export."""

from __future__ import annotations

from shared.models import AdGroup, CampaignRecord, Keyword
from shared.policy import CheckContext


def brand_terms(record: CampaignRecord) -> list[str]:
    insights = record.campaign.insights
    terms = [record.request.artist]
    if insights and insights.profile:
        terms.append(insights.profile.name)
    if record.request.release:
        terms.append(record.request.release)  # the artist's own title, stylised as released
    if insights and insights.latest_release:
        terms.append(insights.latest_release.title)
    return list(dict.fromkeys(t for t in terms if t))


def check_context(
    record: CampaignRecord, group: AdGroup, keywords: list[Keyword] | None = None
) -> CheckContext:
    """The context of `group`'s ads: the artist's names as brand terms, the group's language, the first
    target country, its keywords (`keywords` while they are being built, else the group's) and, for the
    similar-artists group, those artists as third-party terms."""
    insights = (
        record.campaign.insights if record.campaign.insights and record.campaign.insights.found else None
    )
    third_party = (
        [a.name for a in insights.similar_artists] if insights and group.theme == "similar_artists" else []
    )
    return CheckContext(
        brand_terms=brand_terms(record),
        language=group.language or "en",
        country=record.request.countries[0],
        keywords=[k.text for k in (group.keywords if keywords is None else keywords)],
        third_party_terms=third_party,
    )
