"""MARKETING's RQ jobs, enqueued by the SUPERVISOR by dotted path (JSON-safe arguments and results).

Both jobs are idempotent: they overwrite their own parts (`drafts/<theme>`, `costs/<theme>-r<rev>`,
`brief/creative_brief`), so a re-delivered job leaves the same campaign."""

from __future__ import annotations

import logging
import re
from typing import Any

from marketing import offline_writer, preflight
from marketing.creative_brief import compose_brief
from marketing.facts import ArtistFacts, gather
from marketing.prompts import ad_group_messages, brief_messages
from marketing.providers import ChainResult, run_chain
from marketing.schemas import AdGroupCopy, BriefCopy
from shared import pipeline, store
from shared.events import emit_progress
from shared.models import AdGroup, CampaignRecord, CreativeBrief, Keyword, ResponsiveSearchAd
from shared.settings import get_settings
from shared.themes import ad_group_name, split_theme, theme_label

log = logging.getLogger(__name__)
_FIELD = re.compile(r"(?:ads\[(\d+)\]\.)?(headlines|descriptions)\[(\d+)\]")
_QUOTED = re.compile(r"['\"“‘]([^'\"”’]{2,40})['\"”’]")


def _sandbox(record: CampaignRecord) -> bool:
    mode = record.mode if record.mode in ("sandbox", "live") else get_settings().BSC_MODE
    return mode == "sandbox"


def _pct(campaign_id: str, themes: list[str], stage: str = "writing") -> int:
    done = store.count_parts(campaign_id, "drafts")
    return pipeline.pct(stage, done / max(1, len(themes)))


def avoid_list(previous: dict[str, Any] | None, findings: list[dict[str, Any]]) -> list[str]:
    """The texts the OPTIMIZER disapproved (looked up in our previous draft by field path) and any
    word it quoted, so the rewrite steers clear of both."""
    avoid: list[str] = []
    ads = (previous or {}).get("ads", [])
    for f in findings:
        m = _FIELD.search(str(f.get("field", "")))
        if m and ads:
            ad_i = int(m.group(1) or 0)
            if ad_i < len(ads):
                assets = ads[ad_i].get(m.group(2), [])
                idx = int(m.group(3))
                if idx < len(assets):
                    asset = assets[idx]
                    avoid.append(asset["text"] if isinstance(asset, dict) else str(asset))
        for quoted in _QUOTED.findall(str(f.get("message", ""))):
            if " " not in quoted.strip():
                avoid.append("word:" + quoted.strip().lower())
    return avoid


def to_ad_group(
    copy: AdGroupCopy,
    facts: ArtistFacts,
    theme: str,
    final_url: str,
    revision: int,
    written_by: dict[str, str],
    notes: list[str],
) -> AdGroup:
    brand = {facts.artist.lower()}
    keywords = [
        Keyword(text=k.lower(), match_type="exact" if k.lower() in brand else "phrase") for k in copy.keywords
    ]
    ads = [
        ResponsiveSearchAd(
            headlines=ad.headlines,
            descriptions=ad.descriptions,
            path1=ad.path1,
            path2=ad.path2 if ad.path1 else "",
            final_url=final_url,
            angle=ad.angle,
        )
        for ad in copy.ads
    ]
    return AdGroup(
        name=ad_group_name(theme, facts.artist),
        theme=theme,
        keywords=keywords,
        ads=ads,
        written_by=written_by,
        language=facts.language,
        revision=revision,
        notes=notes,
    )


def write_ad_group(
    campaign_id: str, theme: str, revision: int = 0, findings: list[dict] | None = None
) -> dict:
    record = store.require(campaign_id)
    request, campaign = record.request, record.campaign
    themes = campaign.themes or [theme]
    stage = "writing" if revision == 0 else "revising"
    label = theme_label(theme)
    emit_progress(
        campaign_id,
        stage=stage,
        agent="marketing",
        step=theme,
        status="started",
        pct=_pct(campaign_id, themes, stage),
        message=f"{label}: writing" + (f" (revision {revision})" if revision else ""),
    )
    try:
        # The part key is the theme, with "@<lang>" for every requested language after the first.
        base_theme, language = split_theme(theme)
        facts = gather(request, campaign.insights, language)
        notes: list[str] = []
        findings = findings or []
        previous = store.get_parts(campaign_id, "drafts").get(theme) if findings else None
        avoid = avoid_list(previous, findings)
        brand = sorted(preflight.brand_tokens([facts.artist]))
        result: ChainResult[AdGroupCopy] = run_chain(
            "copy",
            ad_group_messages(facts, base_theme, findings),
            AdGroupCopy,
            lambda: offline_writer.compose(facts, base_theme, revision=revision, avoid=avoid),
            sandbox=_sandbox(record),
            campaign_id=campaign_id,
            ad_group=ad_group_name(theme, request.artist),
            context={"brand": brand, "language": facts.language},
        )
        final_url = campaign.final_url or request.final_url or ""
        group = to_ad_group(
            result.value, facts, theme, final_url, revision, result.written_by, notes + result.notes
        )
        group.theme = base_theme
        store.save_part(campaign_id, "drafts", theme, group)
        store.save_part(
            campaign_id, "costs", f"{theme}-r{revision}", [e.model_dump() for e in result.entries]
        )
    except Exception as exc:
        emit_progress(
            campaign_id,
            stage=stage,
            agent="marketing",
            step=theme,
            status="failed",
            pct=_pct(campaign_id, themes, stage),
            message=f"{label}: {type(exc).__name__}: {exc}"[:300],
        )
        raise
    heads = max(len(ad.headlines) for ad in group.ads)
    descs = max(len(ad.descriptions) for ad in group.ads)
    writer = "offline writer" if result.provider == "offline" else f"{result.provider} ({result.model})"
    usd = sum(e.usd for e in result.entries)
    emit_progress(
        campaign_id,
        stage=stage,
        agent="marketing",
        step=theme,
        status="done",
        pct=_pct(campaign_id, themes, stage),
        message=f"{label}: {heads} headlines, {descs} descriptions by {writer}",
        data={
            "provider": result.provider,
            "model": result.model,
            "usd": round(usd, 6),
            "ads": len(group.ads),
            "revision": revision,
        },
    )
    return {
        "theme": theme,
        "ad_group": group.name,
        "provider": result.provider,
        "model": result.model,
        "headlines": heads,
        "descriptions": descs,
        "usd": round(usd, 8),
        "revision": revision,
    }


def write_creative_brief(campaign_id: str) -> dict:
    record = store.require(campaign_id)
    request, campaign = record.request, record.campaign
    emit_progress(
        campaign_id,
        stage="writing",
        agent="marketing",
        step="creative_brief",
        status="started",
        pct=_pct(campaign_id, campaign.themes or ["brand"]),
        message="Creative brief: writing",
    )
    facts = gather(request, campaign.insights)
    offline = compose_brief(facts)
    result: ChainResult[BriefCopy] = run_chain(
        "strategy",
        brief_messages(facts, offline.key_message),
        BriefCopy,
        lambda: BriefCopy.model_validate(offline.model_dump()),
        sandbox=_sandbox(record),
        campaign_id=campaign_id,
        ad_group=None,
    )
    brief = CreativeBrief.model_validate(result.value.model_dump())
    store.save_part(campaign_id, "brief", "creative_brief", brief)
    store.save_part(campaign_id, "costs", "creative_brief", [e.model_dump() for e in result.entries])
    writer = "offline writer" if result.provider == "offline" else f"{result.provider} ({result.model})"
    emit_progress(
        campaign_id,
        stage="writing",
        agent="marketing",
        step="creative_brief",
        status="done",
        pct=_pct(campaign_id, campaign.themes or ["brand"]),
        message=f"Creative brief: key message and 2 visual directions by {writer}",
        data={"provider": result.provider, "model": result.model},
    )
    return {"provider": result.provider, "model": result.model, "key_message": brief.key_message}
