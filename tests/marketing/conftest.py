"""Hand-built insights for MARKETING tests: a black-metal band, a K-pop group and an artist nobody found."""

from __future__ import annotations

import pytest

from shared.models import CampaignRequest, Insights
from shared.models.insights import Region, RelatedQuery, Release, SimilarArtist, Track
from shared.settings import reset_settings


def black_metal() -> Insights:
    return Insights(
        artist="Frostveil",
        found=True,
        genres=["black metal", "atmospheric black metal"],
        similar_artists=[SimilarArtist(name="Darkthrone", sources=["deezer"], agreement=1)],
        top_tracks=[
            Track(title="Winter Throne", source="deezer"),
            Track(title="Ashen Pines", source="deezer"),
            Track(title="Graves of Ice (Remastered 2020)", source="spotify"),
        ],
        latest_release=Release(
            title="Hymns to the Void", source="deezer", kind="album", release_date="2024-02-02"
        ),
        audience_regions=[
            Region(name="Bergen", source="chartmetric", kind="city"),
            Region(name="Krakow", source="chartmetric", kind="city"),
            Region(name="Norway", source="trends", code="NO"),
        ],
        related_queries=[RelatedQuery(query="frostveil hymns to the void", value="+250%")],
    )


def kpop() -> Insights:
    return Insights(
        artist="Starlit Nine",
        found=True,
        genres=["k-pop", "dance pop"],
        similar_artists=[SimilarArtist(name="Twice", sources=["spotify"], agreement=1)],
        top_tracks=[
            Track(title="Candy Signal", source="spotify"),
            Track(title="Moonwalk Heart", source="spotify"),
        ],
        latest_release=Release(title="Neon Diary", source="spotify", kind="ep", release_date="2024-05-10"),
        audience_regions=[
            Region(name="Seoul", source="chartmetric", kind="city"),
            Region(name="Manila", source="chartmetric", kind="city"),
        ],
        related_queries=[RelatedQuery(query="starlit nine comeback", value="Breakout")],
    )


def request_for(insights: Insights | None, artist: str | None = None, **kw) -> CampaignRequest:
    return CampaignRequest(artist=artist or (insights.artist if insights else "Nobody Known"), **kw)


@pytest.fixture
def llm_env(monkeypatch: pytest.MonkeyPatch):
    """Turn on LLM providers against the sandbox: `llm_env("openai,offline", LLM_TIMEOUT_S="0.5")`."""

    def apply(providers: str, **extra: str) -> None:
        monkeypatch.setenv("LLM_PROVIDERS", providers)
        monkeypatch.setenv("OPENAI_API_KEY", "sk-test")
        monkeypatch.setenv("OPENROUTER_API_KEY", "sk-or-test")
        for k, v in extra.items():
            monkeypatch.setenv(k, v)
        reset_settings()

    yield apply
    reset_settings()
