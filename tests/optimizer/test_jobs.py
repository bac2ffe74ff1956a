"""The RQ job on a real Redis: drafts in, optimized ad groups and the campaign plan out."""

from __future__ import annotations

from datetime import date, timedelta

from optimizer.jobs import optimize
from shared import store
from shared.events import read_events
from shared.models import AdGroup, CampaignRequest, Insights, Keyword, ResponsiveSearchAd
from shared.models.insights import Profile, Release, SimilarArtist

URL = "https://lunamusic.com/tides"


def _drafts(cid: str) -> None:
    good = ResponsiveSearchAd(
        headlines=[
            "Luna New Album Tides",
            "Stream Tides Today",
            "Ten Songs About the Sea",
            "Ten Songs In One Take",
            "Luna Official Site",
        ],
        descriptions=["Stream the new album Tides on all platforms.", "Ten new songs about the sea."],
        final_url=URL,
        angle="release",
    )
    shouting = good.model_copy(
        update={"headlines": ["NEW ALBUM OUT NOW!!", *good.headlines[1:]], "angle": "live"}
    )
    store.save_part(
        cid,
        "drafts",
        "brand",
        AdGroup(
            name="Luna - Brand",
            theme="brand",
            ads=[good, shouting],
            keywords=[Keyword(text="luna"), Keyword(text="Luna ")],
        ),
    )
    broken = good.model_copy(
        update={"headlines": ["Free MP3 Download", "Stream Tides Today", "Luna Tour"], "angle": "fans"}
    )
    store.save_part(
        cid,
        "drafts",
        "similar_artists",
        AdGroup(
            name="Luna - Fans of similar artists",
            theme="similar_artists",
            ads=[broken, good.model_copy(update={"headlines": [*good.headlines[:4], "For Fans Of Aurora"]})],
        ),
    )


def test_optimize_fixes_checks_and_plans(redis_db) -> None:
    rec = store.create(
        CampaignRequest(artist="Luna", daily_budget=30, countries=["DE"], final_url=URL), mode="sandbox"
    )
    out = (date.today() - timedelta(days=30)).isoformat()
    insights = Insights(
        artist="Luna",
        found=True,
        profile=Profile(name="Luna"),
        genres=["indie folk"],
        similar_artists=[SimilarArtist(name="Aurora", sources=["deezer"], agreement=1)],
        keyword_seeds=["luna tides", "aurora", "luna free download"],
        latest_release=Release(title="Tides", source="deezer", release_date=out, kind="album"),
    )
    store.update(
        rec.id,
        lambda r: (
            setattr(r.campaign, "insights", insights)
            or setattr(r.campaign, "themes", ["brand", "similar_artists"])
        ),
    )
    _drafts(rec.id)

    summary = optimize(rec.id, 0)
    again = optimize(rec.id, 0)  # idempotent: same parts again
    assert summary["disapproved"] == again["disapproved"]

    parts = {t: AdGroup.model_validate(g) for t, g in store.get_parts(rec.id, "optimized").items()}
    brand = parts["brand"]
    assert brand.ads[1].headlines[0].text == "New album out now"
    assert brand.ads[1].compliance and brand.ads[1].compliance.compliant and brand.ads[1].compliance.changes
    assert all(a.ad_strength for a in brand.ads)
    assert any(f.severity == "advisory" for f in brand.ads[0].compliance.findings)
    # "Luna" is a common word: the name alone is never a keyword; every keyword carries it.
    texts = [k.text for k in brand.keywords]
    assert "luna" not in texts and all("luna" in t.split() for t in texts)
    assert ("luna band", "exact") in [(k.text, k.match_type) for k in brand.keywords]
    assert {"tribute band", "cover band"} <= {n.text for n in brand.negatives}
    # The ledger: "Official" backed by the artist's own domain, "new album" by a 30-day-old release.
    claims = {(c.kind, c.backing) for c in brand.ads[1].claims}
    assert ("official", "request.final_url") in claims
    assert any(k == "release_status" and b and "latest_release" in b for k, b in claims)

    fans = parts["similar_artists"]
    assert not fans.ads[0].compliance.compliant  # the mp3 download ad cannot be fixed automatically
    assert summary["disapproved"]["similar_artists"] >= 1 and summary["disapproved"]["brand"] == 0
    aurora = [f for f in fans.ads[1].compliance.findings if f.policy == "trademarks"]
    assert aurora and aurora[0].severity == "limited"
    assert all("download" not in k.text for k in fans.keywords)

    plan = store.get_parts(rec.id, "plan")["plan"]
    assert round(sum(plan["budget_split"].values()), 2) == 30
    assert {t["ad_group"] for t in plan["ab_tests"]} == {"Luna - Brand", "Luna - Fans of similar artists"}
    assert {"free download", "mp3", "torrent"} <= {k["text"] for k in plan["negatives"]}
    assert {"definition", "meaning"} <= {k["text"] for k in plan["negatives"]}  # "luna": a word too
    [camp] = plan["campaigns"]
    assert camp["goal"] == "streams" and camp["daily_budget"] == 30 and camp["locations"] == ["DE"]
    assert camp["max_cpc"] > 0 and camp["ad_rotation"] == "rotate_indefinitely"
    assert plan["targeting"]["countries"] == ["DE"]

    events = [e for e in read_events(rec.id) if e["agent"] == "optimizer"]
    assert events and all(70 <= e["pct"] <= 85 for e in events)
    assert "fixes" in events[0]["message"] and "ad strength" in events[0]["message"]


def test_the_export_keeps_every_ad_the_optimizer_found_compliant(redis_db):
    """Regression: the export's re-check used to build a thinner context (the artist only), so an ad
    naming the stylised release title (a brand term at optimization) was silently dropped at export.
    Optimize and export now build the context with one function (optimizer.context)."""
    from optimizer.exports import editor_csv, exportable_ads, read_editor_csv
    from shared.models.insights import Release
    from shared.policy import check_ad

    rec = store.create(CampaignRequest(artist="Luna", release="SEA OF TIDES", final_url=URL), mode="sandbox")
    ad = ResponsiveSearchAd(
        headlines=["SEA OF TIDES Out Now", "Luna New Album", "Stream It Today", "Luna Official"],
        descriptions=["SEA OF TIDES: ten new songs about the sea.", "Stream the new album today."],
        final_url=URL,
        angle="release",
    )
    store.save_part(rec.id, "drafts", "release", AdGroup(name="Luna - Release", theme="release", ads=[ad]))

    def setup(r):
        r.campaign.themes = ["release"]
        r.campaign.insights = Insights(
            artist="Luna",
            found=True,
            profile=Profile(name="Luna"),
            # Out a month ago: "Out Now" and "New Album" are true (the claims ledger checks them).
            latest_release=Release(
                title="SEA OF TIDES",
                source="deezer",
                release_date=(date.today() - timedelta(days=30)).isoformat(),
            ),
        )

    store.update(rec.id, setup)
    optimize(rec.id, 0)
    group = AdGroup.model_validate(store.get_parts(rec.id, "optimized")["release"])
    assert group.ads[0].compliance.compliant and "SEA OF TIDES" in group.ads[0].headlines[0].text
    # The artist alone as brand term (the old export context) disapproves the capitals.
    assert not check_ad(
        group.ads[0].model_dump(include={"headlines", "descriptions", "final_url"}), {"brand_terms": ["Luna"]}
    ).compliant

    def finish(r):
        r.state = "done"
        r.campaign.ad_groups = [group]

    done = store.update(rec.id, finish)
    assert exportable_ads(done, group) == group.ads
    rows = read_editor_csv(editor_csv(done))
    assert any(row.get("Headline 1") == "SEA OF TIDES Out Now" for row in rows)
