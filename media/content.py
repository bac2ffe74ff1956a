"""What a campaign gives the media agent: the words and facts to design with, taken only from the
record (the brief MARKETING wrote, the research the ANALYST found, the request). Nothing invented:
no release without one in the record, no picture without a source that provided it."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from urllib.parse import urlparse

from media.designer import Content
from media.video import script_text
from shared.models import CampaignRecord, CreativeBrief


class NoBrief(ValueError):
    """The campaign has no creative brief yet (not done, or the brief writer failed)."""


@dataclass(frozen=True)
class MediaInput:
    content: Content
    brief: CreativeBrief
    tone: str
    concepts: dict[str, str]
    picture_url: str | None
    picture_source: str | None
    hook: str
    proof: str
    script: list[str]
    voice_over: list[str]


def campaign_seed(campaign_id: str) -> int:
    """The campaign's render seed: stable per campaign, so a re-run renders the same bytes."""
    return int.from_bytes(hashlib.sha256(campaign_id.encode()).digest()[:4], "big")


def language_of(record: CampaignRecord) -> str:
    langs = record.request.languages
    return langs[0] if langs else "en"


def _cta(brief: CreativeBrief) -> str:
    """The call to action is the brief's last voice-over line (the brief writer ends on it)."""
    if brief.voice_over:
        return brief.voice_over[-1].rstrip(". ")
    return ""


def build(record: CampaignRecord) -> MediaInput:
    brief = record.campaign.creative_brief
    if brief is None:
        raise NoBrief(f"{record.id} has no creative brief (state {record.state})")
    insights = record.campaign.insights
    release = record.request.release or ""
    if not release and insights and insights.latest_release:
        release = insights.latest_release.title
    picture_url = picture_source = None
    if insights and insights.profile and insights.profile.image:
        picture_url = insights.profile.image
        # The profile merges sources; the first that answered with a picture is the one credited.
        for name, rep in insights.sources.items():
            if rep.data.image == picture_url:
                picture_source = name
                break
    final_url = record.campaign.final_url or record.request.final_url or ""
    domain = urlparse(final_url).hostname or ""
    domain = domain.removeprefix("www.")
    script = list(brief.video_script)
    proof = script_text(script[2]) if len(script) > 2 else ""
    content = Content(
        artist=record.request.artist,
        release=release,
        key_message=brief.key_message,
        cta=_cta(brief),
        hook=brief.video_hook,
        proof=proof,
        language=language_of(record),
        domain=domain,
    )
    return MediaInput(
        content=content,
        brief=brief,
        tone=brief.tone,
        concepts=dict(brief.visual_concepts),
        picture_url=picture_url,
        picture_source=picture_source,
        hook=brief.video_hook,
        proof=proof,
        script=script,
        voice_over=list(brief.voice_over),
    )
