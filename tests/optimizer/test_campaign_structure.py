"""Keywords a specialist would keep, the budget and the Google Ads campaigns from the goals, and A/B
plans that can conclude."""

from __future__ import annotations

import pytest

from optimizer import abtest, keywords, structure
from shared import brand
from shared.models import AdGroup, CampaignRecord, CampaignRequest, Keyword, ResponsiveSearchAd


def texts(kws: list[Keyword]) -> set[str]:
    return {k.text for k in kws}


@pytest.mark.parametrize(
    ("name", "must", "never"),
    [
        ("P!nk", {"pink tickets"}, {"p!nk tickets", "p nk tickets"}),
        ("MØ", {"mø tickets", "mo tickets"}, set()),
        ("AC/DC", {"acdc tickets", "ac dc tickets"}, set()),
        ("Sigur Rós", {"sigur rós tickets", "sigur ros tickets"}, set()),
        ("방탄소년단", {"방탄소년단 tickets", "bangtansonyeondan tickets"}, set()),
    ],
)
def test_searchable_variants_become_keywords(name, must, never):
    forms = keywords.name_forms(name)
    kws = keywords.group_keywords("tickets", "tickets", forms, False)
    got = texts(kws)
    assert must <= got and not (never & got)
    assert all(keywords.validate(k) is None for k in kws)


def test_ambiguous_names_never_stand_alone_and_get_negatives():
    assert keywords.ambiguity("Queen") == ["word"]
    assert "place" in keywords.ambiguity("Chicago")
    assert keywords.ambiguity("Sigur Rós") == []
    brand_kws = keywords.group_keywords("brand", "streams", keywords.name_forms("Queen"), True)
    assert "queen" not in texts(brand_kws) and ("queen band", "exact") in {
        (k.text, k.match_type) for k in brand_kws
    }
    assert {"definition", "meaning"} <= texts(keywords.ambiguity_negatives("Queen"))
    assert {"weather", "hotels", "flights"} <= texts(keywords.ambiguity_negatives("Chicago"))
    clear = keywords.group_keywords("brand", "streams", keywords.name_forms("Sigur Rós"), False)
    assert ("sigur rós", "exact") in {(k.text, k.match_type) for k in clear}


def test_every_keyword_carries_the_name_and_no_generic_single_word():
    forms = keywords.name_forms("Luna Vega")
    for theme in (
        "brand",
        "release",
        "similar_artists",
        "genre_trend",
        "tickets",
        "merch",
        "presave",
        "followers",
    ):
        kws = keywords.group_keywords(
            theme, "x", forms, False, release="Marea", tracks=["Fire"], genres=["pop"], formats=["vinyl"]
        )
        assert kws, theme
        for k in kws:
            assert brand.carries_name(k.text, ["Luna Vega", "Marea"]), (theme, k.text)
            assert len(k.text.split()) > 1 or brand.carries_name(k.text, ["Luna Vega"])
    city = keywords.group_keywords(
        "city-paris", "tickets", forms, False, cities=["Paris"], venues=["Olympia"]
    )
    assert {"luna vega paris", "luna vega tickets paris", "luna vega olympia"} <= texts(city)


def test_one_group_per_keyword_in_a_campaign_with_cross_group_negatives():
    groups = {
        "city-paris": [Keyword(text="luna tickets paris"), Keyword(text="luna paris")],
        "tickets": [Keyword(text="luna tickets"), Keyword(text="luna paris"), Keyword(text="luna tour")],
    }
    kept, negatives = keywords.dedupe_campaign(groups)
    assert texts(kept["tickets"]) == {"luna tickets", "luna tour"}  # "luna paris" stays with Paris
    assert ("luna tickets paris", "exact") in {(k.text, k.match_type) for k in negatives["tickets"]}
    seen = [k.text for ks in kept.values() for k in ks]
    assert len(seen) == len(set(seen))


def _group(name: str, theme: str, goal: str, lang: str = "en") -> AdGroup:
    ad = ResponsiveSearchAd(
        headlines=["Luna", "Luna Music", "Luna Songs"], descriptions=["a", "b"], angle="a"
    )
    return AdGroup(
        name=name, theme=theme, goal=goal, language=lang, ads=[ad, ad.model_copy(update={"angle": "b"})]
    )


def test_budget_follows_the_goals_and_each_goal_is_a_campaign():
    rec = CampaignRecord(
        id="c_x",
        created_at="2026-01-01T00:00:00Z",
        updated_at="2026-01-01T00:00:00Z",
        request=CampaignRequest(
            artist="Luna", goals=["streams", "tickets"], daily_budget=100, countries=["FR"]
        ),
    )
    groups = [
        _group("Luna - Brand", "brand", "streams"),
        _group("Luna - Genre", "genre_trend", "streams"),
        _group("Luna - Tickets", "tickets", "tickets"),
    ]
    split = structure.split(groups, 100)
    assert round(sum(split.values()), 2) == 100
    assert split["Luna - Tickets"] == 50 and split["Luna - Brand"] == 37.5 and split["Luna - Genre"] == 12.5
    camps = structure.build(rec, groups, split, [])
    assert [(c.goal, c.daily_budget) for c in camps] == [("streams", 50.0), ("tickets", 50.0)]
    assert all(c.max_cpc and c.bid_strategy == "maximize_clicks" and c.locations == ["FR"] for c in camps)
    # A second written language is its own campaign (keywords cannot repeat within one).
    rec.request.languages = ["fr", "de"]
    groups = [
        _group("Luna - Brand", "brand", "streams", "fr"),
        _group("Luna - Brand (DE)", "brand", "streams", "de"),
    ]
    camps = structure.build(rec, groups, structure.split(groups, 100), [])
    assert [(c.languages, c.ad_groups) for c in camps] == [
        (["fr"], ["Luna - Brand"]),
        (["de"], ["Luna - Brand (DE)"]),
    ]


def test_ab_plans_use_real_budgets_and_say_when_they_cannot_conclude():
    ctr, cpc = abtest.baseline("brand", ["US"])
    assert 1.0 <= cpc / abtest.BASELINES["brand"][1] <= 2.0  # the A&E average, near $1.60, not $0.50
    rich = abtest.plan(_group("Luna - Brand", "brand", "streams"), 200, countries=["US"])
    assert rich.concludes and rich.status == "proposed" and rich.estimated_days <= 28 and rich.baseline_source
    poor = abtest.plan(_group("Luna - Genre", "genre_trend", "streams"), 1.0, countries=["US"])
    assert poor.status == "not_proposed" and not poor.concludes and "at least" in poor.proposal
    mid = abtest.plan(_group("Luna - Brand", "brand", "streams"), 12, countries=["US"])
    assert mid.status == "adjusted" and mid.concludes and mid.min_detectable_lift > abtest.DEFAULT_LIFT
    a, b = _group("Luna - A", "release", "streams"), _group("Luna - B", "release", "streams")
    pooled = abtest.plan(a, 25, countries=["US"], pool=[(a, 25), (b, 25)])
    assert pooled.concludes and (pooled.pooled_with == ["Luna - B"] or pooled.min_detectable_lift > 0.2)


def test_the_exclamation_rule_never_touches_the_artists_name():
    from optimizer.fixer import fix_ad
    from shared.policy import CheckContext

    ad = ResponsiveSearchAd(
        headlines=["P!nk Live", "Hear P!nk", "P!nk Songs"],
        descriptions=["Sing along with P!nk.", "Hooks by P!nk. Great!", "Wow! Fun!"],
        final_url="https://pink.example.com/",
    )
    fixed, changes, _ = fix_ad(ad, CheckContext(brand_terms=["P!nk"]), advisory=True, artist="P!nk")
    assert [d.text for d in fixed.descriptions] == [
        "Sing along with P!nk.",
        "Hooks by P!nk. Great!",
        "Wow. Fun.",
    ]
    assert not any(brand.damaged(c.before, c.after, ["P!nk"]) for c in changes)
