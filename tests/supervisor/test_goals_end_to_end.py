"""Goals through the whole pipeline (real RQ jobs, the sandbox over HTTP): ad groups, landing pages,
the claims ledger, the Google Ads campaigns and the goals that get no ads."""

from __future__ import annotations

from shared import landing, store
from shared.models import CampaignRequest
from supervisor import pipeline

TIX = "https://tickets.example.com/sigur-ros"


def test_tickets_and_followers_campaign_lands_each_goal_on_its_page(sandbox, run_jobs):
    req = CampaignRequest(
        artist="Sigur Rós",
        goals=["tickets", "followers", "merch"],
        countries=["GB", "DE"],
        links={"tickets": TIX},
        daily_budget=40,
    )
    cid = pipeline.submit(req).id
    run_jobs()
    rec = store.require(cid)
    assert rec.state == "done", rec.error
    out = rec.campaign
    assert {g.goal for g in out.ad_groups} == {"tickets", "followers"}
    assert any(g.theme.startswith("city-") for g in out.ad_groups)  # tour stops from Bandsintown
    for g in out.ad_groups:
        for ad in g.ads:
            assert landing.fits(g.goal, ad.final_url, req, out.insights), (g.name, ad.final_url)
            assert all(c.supported and c.backing for c in ad.claims)
    # No merch page: no merch ads, and the result says what to add.
    assert [(gap.goal, "links.merch" in gap.add) for gap in out.goal_gaps] == [("merch", True)]
    camps = {c.goal: c for c in out.campaigns}
    assert (
        set(camps) == {"tickets", "followers"} and round(sum(c.daily_budget for c in camps.values()), 2) == 40
    )
    assert all(c.max_cpc and c.locations for c in camps.values())


def test_a_campaign_whose_goals_all_lack_a_page_fails_saying_what_to_add(sandbox, run_jobs):
    cid = pipeline.submit(CampaignRequest(artist="Queen", goals=["merch", "presave"])).id
    run_jobs()
    rec = store.require(cid)
    assert rec.state == "failed" and rec.error.stage == "writing"
    assert "links.merch" in rec.error.reason and "presave" in rec.error.reason
