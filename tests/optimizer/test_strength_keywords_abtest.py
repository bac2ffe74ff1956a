"""Ad strength from Google's signals, keyword validation and the A/B sample size."""

from __future__ import annotations

import pytest

from optimizer import keywords
from optimizer.abtest import plan, sample_size
from optimizer.strength import ad_strength
from shared.models import AdGroup, Keyword, ResponsiveSearchAd

FIFTEEN = [
    "Luna New Album Tides Out Now",
    "Stream Tides On Every Platform",
    "Luna Live In Berlin This June",
    "Ten Songs Recorded In One Take",
    "Luna Official Store And Vinyl",
    "Hear The Single Harbour Lights",
    "Tour Dates Across Europe",
    "Signed Vinyl While It Lasts",
    "Indie Folk From The North Sea",
    "Luna Tickets And Tour Dates",
    "Watch The Tides Live Session",
    "New Music From Luna",
    "Join The Luna Mailing List",
    "Acoustic Versions Coming Soon",
    "Limited Blue Vinyl Pressing",
]
FOUR = [
    "Stream the new album Tides on all platforms.",
    "Ten new songs about the sea, recorded live in one take.",
    "See the tour dates and get signed vinyl from the official store.",
    "Join the mailing list for presale news.",
]


def test_incomplete_below_minimum() -> None:
    s = ad_strength({"headlines": ["A", "B"], "descriptions": ["C"]})
    assert s.rating == "Incomplete" and len(s.actions) == 2


def test_rating_rises_with_assets_and_keywords() -> None:
    poor = ad_strength({"headlines": FIFTEEN[:3], "descriptions": FOUR[:2]}, ["luna tickets"])
    average = ad_strength({"headlines": FIFTEEN[:8], "descriptions": FOUR[:3]}, ["luna tickets"])
    excellent = ad_strength({"headlines": FIFTEEN, "descriptions": FOUR}, ["luna", "tides"])
    order = ["Poor", "Average", "Good", "Excellent"]
    assert order.index(poor.rating) < order.index(average.rating) <= order.index(excellent.rating)
    assert excellent.rating == "Excellent" and excellent.actions == []
    assert any("headlines" in a for a in poor.actions)


def test_near_duplicates_pinning_and_missing_keywords_produce_actions() -> None:
    heads = [{"text": h, "pin": 1} for h in FIFTEEN[:3]] + FIFTEEN[3:10] + ["Luna New Album Tides Out Now!"]
    s = ad_strength({"headlines": heads, "descriptions": FOUR}, ["synthwave"])
    joined = " ".join(s.actions)
    assert "more unique" in joined and "pinning" in joined and "keywords" in joined


def test_keywords_validated_deduplicated_with_match_types() -> None:
    kws, dropped = keywords.build(
        [
            '"Luna Tickets"',
            "[luna]",
            "luna tickets",
            "LUNA-TICKETS",
            "+luna +tour",
            "luna free download",
            "a b c d e f g h i j k",
            "x" * 81,
            "luna, tour",
        ],
        keywords.CAMPAIGN_NEGATIVES,
    )
    got = {(k.text, k.match_type) for k in kws}
    assert ("luna tickets", "phrase") in got and ("luna", "exact") in got
    assert ("luna tour", "phrase") in got  # BMM dropped
    assert sum(1 for k in kws if k.text.replace("-", " ") == "luna tickets" and k.match_type == "phrase") == 1
    assert len(dropped) == 3  # the negative match, 11 words, 81 characters
    assert ("luna tour", "phrase") in got  # "luna, tour": the comma is invalid and is cleaned out
    assert all(keywords.validate(k) is None for k in kws)


def test_validate_rejects_what_google_rejects() -> None:
    assert keywords.validate(Keyword(text="p!nk tickets")) is not None
    assert keywords.validate(Keyword(text="+luna tour")) is not None
    assert keywords.validate(Keyword(text="luna & friends tour")) is None


def test_negatives_cover_pirates() -> None:
    texts = {k.text for k in keywords.campaign_negatives()}
    assert {"free download", "mp3", "torrent"} <= texts


@pytest.mark.parametrize(("p1", "lift", "expected"), [(0.10, 0.5, 686), (0.5, 0.2, 388)])
def test_sample_size_matches_published_values(p1: float, lift: float, expected: int) -> None:
    # 10 % vs 15 %: 686 per group (Fleiss 1981 table, no continuity correction); 50 % vs 60 %: 388.
    assert sample_size(p1, lift) == expected


def test_sample_size_grows_as_lift_shrinks_and_rejects_nonsense() -> None:
    assert sample_size(0.05, 0.1) > sample_size(0.05, 0.2) > sample_size(0.05, 0.4)
    assert sample_size(0.10, 0.5, continuity=True) > 686
    with pytest.raises(ValueError):
        sample_size(0.0, 0.2)


def test_plan_picks_two_different_angles() -> None:
    ads = [
        ResponsiveSearchAd(headlines=FIFTEEN[:5], descriptions=FOUR[:2], angle=a)
        for a in ("release", "release", "live")
    ]
    t = plan(AdGroup(name="Luna - Brand", theme="brand", ads=ads), daily_budget=20)
    assert t is not None and {t.angle_a, t.angle_b} == {"release", "live"} and t.split == [50, 50]
    assert t.impressions_per_variant == sample_size(t.baseline_ctr, t.min_detectable_lift)
    assert t.estimated_days and t.estimated_days > 0 and t.baseline_cpc and t.baseline_source
