"""A finished campaign built from the shared models, the way the SUPERVISOR stores one.

The MAIN tests write it with shared.store (the real store, on the real test Redis) and read it back
through the real SUPERVISOR API, so the pages render exactly what the crew would hand them."""

from __future__ import annotations

from shared import store
from shared.models import (
    ABTest,
    AdGroup,
    AdsCampaign,
    AdStrength,
    Asset,
    CampaignOutput,
    CampaignRecord,
    CampaignRequest,
    Change,
    Claim,
    ComplianceReport,
    CostEntry,
    CreativeBrief,
    FailureInfo,
    Finding,
    GoalGap,
    Insights,
    Keyword,
    ResponsiveSearchAd,
    SourceReport,
)
from shared.models.campaign import StageMark
from shared.models.insights import (
    Figure,
    Opportunity,
    Positioning,
    Profile,
    RelatedQuery,
    Release,
    SimilarArtist,
    Track,
    TrendPoint,
    Video,
    YouTubePresence,
)
from tests.auth import WORKSPACE

XSS = '<script>alert("x")</script>'


def insights(artist: str) -> Insights:
    return Insights(
        artist=artist,
        found=True,
        profile=Profile(
            name=artist,
            genres=["indie folk"],
            links={"deezer": "https://www.deezer.com/artist/1", "evil": "javascript:alert(1)"},
            fans={
                "deezer": Figure(value=1_234_567, source="deezer", provenance="live"),
                "spotify": Figure(value=2_500_000, source="spotify", provenance="sandbox"),
            },
        ),
        genres=["indie folk"],
        similar_artists=[
            SimilarArtist(
                name="Lucy Dacus",
                sources=["deezer", "spotify", "chartmetric"],
                agreement=3,
                fans=Figure(value=900_000, source="deezer", provenance="live"),
            ),
            SimilarArtist(name="Julien Baker", sources=["spotify"], agreement=1),
        ],
        top_tracks=[Track(title="Motion Sickness", source="deezer", rank=1, album="Stranger in the Alps")],
        latest_release=Release(title="Punisher", source="spotify", release_date="2020-06-18", kind="album"),
        audience_regions=[],
        interest_over_time=[
            TrendPoint(date="2025-01-01", value=20),
            TrendPoint(date="2025-02-01", value=35),
            TrendPoint(date="2025-03-01", value=100),
            TrendPoint(date="2025-04-01", value=40),
        ],
        peak_months=["2025-03"],
        related_queries=[RelatedQuery(query="phoebe bridgers tour", value="+250%")],
        youtube=YouTubePresence(
            channel_name="Phoebe Bridgers",
            channel_link="https://www.youtube.com/@pb",
            subscribers=800_000,
            top_videos=[Video(title="Kyoto", link="https://youtu.be/x", views=10_000_000)],
        ),
        positioning=[
            Positioning(
                name=artist, is_artist=True, fans=Figure(value=1_234_567, source="deezer", provenance="live")
            )
        ],
        opportunities=[
            Opportunity(
                title="Tour demand is rising",
                detail="Searches for the tour grew fast.",
                evidence=["trends: 'phoebe bridgers tour' +250%"],
            )
        ],
        sources={
            "deezer": SourceReport(source="deezer", status="ok", provenance="live", calls=4),
            "spotify": SourceReport(source="spotify", status="ok", provenance="sandbox", calls=3),
            "chartmetric": SourceReport(
                source="chartmetric",
                status="not_configured",
                provenance="missing",
                reason="CHARTMETRIC_REFRESH_TOKEN is not set",
            ),
        },
    )


def ad_group(artist: str) -> AdGroup:
    ad = ResponsiveSearchAd(
        headlines=[
            Asset(text=f"{artist} New Album", pin=1),
            Asset(text="Stream Punisher Today"),
            Asset(text=XSS),
        ],
        descriptions=[
            Asset(text="Listen to the new album on every platform. Out now."),
            Asset(text="Sad songs for happy people. Stream it today."),
        ],
        path1="music",
        path2="punisher",
        final_url="https://phoebebridgers.com",
        angle="new release",
        compliance=ComplianceReport(
            compliant=True,
            findings=[
                Finding(
                    policy="punctuation",
                    severity="limited",
                    field="headlines[1]",
                    message="Excessive exclamation marks",
                    fix="use one at most",
                )
            ],
            changes=[
                Change(
                    field="headlines[1]",
                    before="Stream Punisher Today!!!",
                    after="Stream Punisher Today",
                    policy="punctuation",
                )
            ],
        ),
        ad_strength=AdStrength(rating="Average", score=0.55, actions=["Add more unique headlines"]),
        claims=[
            Claim(
                kind="release_status",
                value="new",
                text="New Album",
                field="headlines[0]",
                backing="insights.latest_release (deezer)",
                supported=True,
            )
        ],
    )
    return AdGroup(
        name=f"{artist} - Brand",
        theme="brand",
        goal="streams",
        final_url="https://phoebebridgers.com",
        final_url_source="request.final_url",
        ads=[ad],
        keywords=[Keyword(text=artist.lower(), match_type="exact"), Keyword(text=f"{artist.lower()} album")],
        negatives=[Keyword(text="free download", match_type="broad")],
        written_by={"provider": "offline", "model": "template-v1"},
    )


def create_done(artist: str = "Phoebe Bridgers", workspace: str = WORKSPACE) -> CampaignRecord:
    record = store.create(
        CampaignRequest(artist=artist, release="Punisher", countries=["US", "GB"]),
        mode="sandbox",
        workspace=workspace,
    )
    group = ad_group(artist)

    def finish(rec: CampaignRecord) -> None:
        rec.state = "done"
        rec.history.append(StageMark(state="done", at=rec.updated_at))
        rec.campaign = CampaignOutput(
            insights=insights(artist),
            ad_groups=[group],
            budget_split={group.name: 50.0},
            ab_tests=[
                ABTest(
                    ad_group=group.name,
                    variant_a=0,
                    variant_b=0,
                    baseline_ctr=0.05,
                    min_detectable_lift=0.2,
                    impressions_per_variant=12_000,
                    estimated_days=6.5,
                )
            ],
            creative_brief=CreativeBrief(key_message="Punisher is out now", tone="wry, tender"),
            costs=[
                CostEntry(
                    provider="offline",
                    model="template-v1",
                    task="copy",
                    tokens_in=1200,
                    tokens_out=300,
                    usd=0.0012,
                )
            ],
            final_url="https://phoebebridgers.com",
            final_url_source="request",
            campaigns=[
                AdsCampaign(
                    name=f"{artist} - Streams - {rec.id}",
                    goal="streams",
                    ad_groups=[group.name],
                    daily_budget=50.0,
                    locations=["US", "GB"],
                    languages=["en"],
                    max_cpc=2.4,
                    ad_rotation="rotate_indefinitely",
                )
            ],
            goal_gaps=[
                GoalGap(goal="tickets", reason="no ticket page: links.tickets is empty", add="links.tickets")
            ],
        )

    return store.update(record.id, finish)


def create_running(artist: str = "Running Artist", workspace: str = WORKSPACE) -> CampaignRecord:
    return store.create(CampaignRequest(artist=artist), mode="sandbox", workspace=workspace)


def create_failed(artist: str = "Failed Artist", workspace: str = WORKSPACE) -> CampaignRecord:
    record = store.create(CampaignRequest(artist=artist), mode="sandbox", workspace=workspace)

    def fail(rec: CampaignRecord) -> None:
        rec.state = "failed"
        rec.error = FailureInfo(stage="writing", reason="every LLM provider failed")

    return store.update(record.id, fail)
