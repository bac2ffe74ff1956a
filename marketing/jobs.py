"""MARKETING's RQ jobs, enqueued by the SUPERVISOR by dotted path (JSON-safe arguments and results).

Both jobs are idempotent: they overwrite their own parts (`drafts/<theme>`, `costs/<theme>-r<rev>`,
`brief/creative_brief`), so a re-delivered job leaves the same campaign."""

from __future__ import annotations

import logging
import re
from typing import Any

from pydantic import ValidationError

from marketing import offline_writer, preflight
from marketing.creative_brief import compose_brief
from marketing.facts import ArtistFacts, ShowFact, gather
from marketing.prompts import ad_group_messages, brief_messages
from marketing.providers import ChainResult, run_chain
from marketing.schemas import AdGroupCopy, BriefCopy
from shared import claims, pipeline, store
from shared import themes as theme_plan
from shared.events import emit_progress
from shared.models import (
    AdGroup,
    CampaignRecord,
    CampaignRequest,
    CreativeBrief,
    Finding,
    Insights,
    Keyword,
    ResponsiveSearchAd,
)
from shared.settings import get_settings
from shared.themes import ThemeSpec, ad_group_name, split_theme

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


def theme_spec(
    request: CampaignRequest, insights: Insights | None, theme: str, fallback_url: str
) -> ThemeSpec:
    """This ad group's goal, landing page and shows, from the one plan (shared/themes.py). A theme
    the plan no longer has (a request edited by hand) keeps the campaign's page."""
    spec = theme_plan.plan(request, insights).spec(theme)
    if spec is not None:
        return spec
    label = theme_plan.theme_label(theme, request, insights)
    return ThemeSpec(theme, theme_plan.goal_of(theme), label, fallback_url, "campaign.final_url")


def scoped_events(spec: ThemeSpec, request: CampaignRequest, insights: Insights | None) -> list:
    """The shows this group may speak of: a city group's own, else the tour in the targeted countries."""
    if spec.events:
        return list(spec.events)
    found = insights if insights and insights.found else None
    return [(i, e) for i, e in enumerate(found.events if found else []) if e.country in request.countries]


def grounded_facts(facts: ArtistFacts, spec: ThemeSpec, events: list) -> ArtistFacts:
    """The facts narrowed to what this group may claim: a ticket group's cities are its tour stops
    (never the audience's cities, which are no concert), and a group with no show names none."""
    if spec.goal == "tickets":
        shows = [ShowFact(city=e.city, date=e.date[:10], venue=e.venue) for _, e in events]
        return facts.model_copy(
            update={"cities": list(dict.fromkeys(e.city for _, e in events))[:4], "events": shows[:6]}
        )
    return facts


def claim_findings(audit: claims.Audit) -> list[dict[str, Any]]:
    """Unsupported claims as findings, the shape the LLM prompt already knows how to fix."""
    return [
        Finding(
            policy="unsupported_claim",
            severity="disapproved",
            field=c.field,
            message=f"'{c.text}' claims {c.kind.replace('_', ' ')} that nothing backs: {c.reason}. "
            "Do not write it; say only what the facts support.",
        ).model_dump()
        for c in audit.removed
    ]


def _kept(audit: claims.Audit) -> int:
    return sum(len(ad.headlines) + len(ad.descriptions) for ad in audit.ads)


def to_ad_group(
    copy: AdGroupCopy,
    facts: ArtistFacts,
    theme: str,
    final_url: str,
    revision: int,
    written_by: dict[str, str],
    notes: list[str],
    label: str | None = None,
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
        name=ad_group_name(theme, facts.artist, label),
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
    label = theme_plan.theme_label(theme, request, campaign.insights)
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
        insights = campaign.insights
        # The part key is the theme, with "@<lang>" for every requested language after the first.
        base_theme, language = split_theme(theme)
        spec = theme_spec(request, insights, theme, campaign.final_url or request.final_url or "")
        events = scoped_events(spec, request, insights)
        facts = grounded_facts(gather(request, insights, language), spec, events)
        notes: list[str] = []
        findings = findings or []
        previous = store.get_parts(campaign_id, "drafts").get(theme) if findings else None
        avoid = avoid_list(previous, findings)
        brand = sorted(preflight.brand_tokens([facts.artist]))
        name = ad_group_name(theme, request.artist, spec.label)
        evidence = claims.evidence(
            request,
            insights,
            final_url=spec.final_url,
            goal=spec.goal,
            events=events,
            language=facts.language,
        )

        def offline() -> AdGroupCopy:
            return offline_writer.compose(facts, base_theme, revision=revision, avoid=avoid)

        def write(found: list[dict[str, Any]]) -> ChainResult[AdGroupCopy]:
            return run_chain(
                "copy",
                ad_group_messages(facts, base_theme, found),
                AdGroupCopy,
                offline,
                sandbox=_sandbox(record),
                campaign_id=campaign_id,
                ad_group=name,
                context={"brand": brand, "language": facts.language},
            )

        def build(res: ChainResult[AdGroupCopy]) -> AdGroup:
            # Named by the key ("... (DE)"), but the group's theme is the base one.
            return to_ad_group(
                res.value,
                facts,
                theme,
                spec.final_url,
                revision,
                res.written_by,
                notes + res.notes,
                spec.label,
            ).model_copy(update={"theme": base_theme})

        result = write(findings)
        entries = list(result.entries)
        group = build(result)
        audit = claims.audit(group.ads, evidence)
        if audit.removed and result.provider == "offline":
            # The offline writer has more templates than it uses: write once more steering clear of
            # the assets that claimed too much, and keep whichever draft kept more.
            avoid += avoid_list(group.model_dump(), claim_findings(audit))
            try:
                again = build(ChainResult(offline(), "offline", result.model, [], []))
            except ValidationError:  # nothing left to write around them: keep the first draft
                again = None
            second = claims.audit(again.ads, evidence) if again else audit
            if again is not None and _kept(second) > _kept(audit):
                group, audit = again.model_copy(update={"written_by": group.written_by}), second
        elif audit.removed:
            # An LLM gets its unsupported claims back once, with the reasons; what it still cannot
            # back is then dropped like any other writer's.
            retry = write(findings + claim_findings(audit))
            entries += retry.entries
            result = retry
            group = build(retry)
            audit = claims.audit(group.ads, evidence)
        group = group.model_copy(
            update={
                "ads": audit.ads,
                "goal": spec.goal,
                "final_url": spec.final_url,
                "final_url_source": spec.final_url_source,
                "notes": group.notes
                + [f"claims: removed {r}" for r in audit.reasons()[:12]]
                + [f"claims: dropped ad {d['ad']}: {d['reason']}" for d in audit.dropped],
            }
        )
        group.theme = base_theme
        store.save_part(campaign_id, "drafts", theme, group)
        store.save_part(campaign_id, "costs", f"{theme}-r{revision}", [e.model_dump() for e in entries])
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
    heads = max((len(ad.headlines) for ad in group.ads), default=0)
    descs = max((len(ad.descriptions) for ad in group.ads), default=0)
    writer = "offline writer" if result.provider == "offline" else f"{result.provider} ({result.model})"
    usd = sum(e.usd for e in entries)
    emit_progress(
        campaign_id,
        stage=stage,
        agent="marketing",
        step=theme,
        status="done",
        pct=_pct(campaign_id, themes, stage),
        message=f"{label}: {heads} headlines, {descs} descriptions by {writer}"
        + (f"; {len(audit.removed)} unsupported claims removed" if audit.removed else ""),
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
