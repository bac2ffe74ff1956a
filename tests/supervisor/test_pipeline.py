"""The whole pipeline in one process: real Redis, the real sandbox over HTTP, real RQ workers running
every agent's jobs (SimpleWorker), through the SUPERVISOR's state machine."""

from __future__ import annotations

import contextlib

from shared import events, store
from shared.models import AdGroup, CampaignRequest, Finding, ResponsiveSearchAd
from shared.models.ads import ComplianceReport
from shared.queues import get_queue
from supervisor import pipeline


def _run(run_jobs, **request) -> str:
    record = pipeline.submit(CampaignRequest(**request))
    run_jobs()
    return record.id


def _ad_texts(rec) -> list[str]:
    return [a.text for g in rec.campaign.ad_groups for ad in g.ads for a in ad.headlines + ad.descriptions]


def test_campaign_runs_to_done_with_compliant_ads(sandbox, run_jobs):
    cid = _run(
        run_jobs,
        artist="Daft Punk",
        release="Random Access Memories",
        final_url="https://daftpunk.com/",
        goals=["streams", "tickets"],
    )
    rec = store.require(cid)
    assert rec.state == "done", rec.error
    assert [m.state for m in rec.history][:2] == ["received", "analyzing"]
    assert len(rec.campaign.ad_groups) >= 2
    for group in rec.campaign.ad_groups:
        assert group.keywords, group.name
        for ad in group.ads:
            assert 3 <= len(ad.headlines) <= 15 and 2 <= len(ad.descriptions) <= 4
            assert all(len(h.text) <= 30 for h in ad.headlines)
            assert all(len(d.text) <= 90 for d in ad.descriptions)
            assert len(ad.path1) <= 15 and len(ad.path2) <= 15
            assert not [f for f in ad.compliance.findings if f.severity == "disapproved"]
    assert any("Daft Punk" in t for t in _ad_texts(rec))
    assert rec.campaign.insights.sources["deezer"].provenance == "sandbox"
    assert rec.campaign.timings["total"] > 0

    evs = events.read_events(cid)
    assert [e["seq"] for e in evs] == list(range(1, len(evs) + 1))
    pcts = [e["pct"] for e in evs]
    assert pcts == sorted(pcts) and evs[-1]["stage"] == "done" and evs[-1]["pct"] == 100
    agents = {e["agent"] for e in evs}
    assert {"supervisor", "analyst", "marketing", "optimizer"} <= agents


def test_two_artists_get_different_specific_ads(sandbox, run_jobs):
    a = store.require(_run(run_jobs, artist="Mayhem", final_url="https://mayhem.example.org/"))
    b = store.require(_run(run_jobs, artist="BLACKPINK", final_url="https://blackpink.example.org/"))
    assert a.state == b.state == "done"
    ta, tb = set(_ad_texts(a)), set(_ad_texts(b))
    assert len(ta & tb) / len(ta | tb) < 0.2  # not the same template with the name swapped
    assert a.campaign.insights.genres != b.campaign.insights.genres


def test_a_dead_source_never_fails_the_campaign(sandbox, run_jobs):
    sandbox.configure(faults="deezer:500,serpapi:503")
    cid = _run(run_jobs, artist="Air", final_url="https://air.example.org/")
    rec = store.require(cid)
    assert rec.state == "done", rec.error
    deezer = rec.campaign.insights.sources["deezer"]
    assert deezer.provenance == "missing" and deezer.reason


def test_start_is_idempotent(redis_db):
    rec = store.create(CampaignRequest(artist="Idem"), mode="sandbox")
    assert pipeline.step(rec.id, "received") == "analyzing"
    queued = get_queue("analyst").count
    assert pipeline.step(rec.id, "received").startswith("skipped")
    assert get_queue("analyst").count == queued


def _optimized_group(theme: str, bad: bool) -> AdGroup:
    findings = (
        [Finding(policy="capitalization", severity="disapproved", field="headlines[0]", message="SHOUTING")]
        if bad
        else []
    )
    ad = ResponsiveSearchAd(
        headlines=[{"text": f"Head {i}"} for i in range(3)],
        descriptions=[{"text": "d1"}, {"text": "d2"}],
        final_url="https://x.example.org/",
        compliance=ComplianceReport(compliant=not bad, findings=findings),
    )
    return AdGroup(name=f"X - {theme}", theme=theme, ads=[ad, ad.model_copy()])


def _at_validation(themes_bad: dict[str, bool], revision: int = 0) -> str:
    rec = store.create(CampaignRequest(artist="X"), mode="sandbox")

    def setup(r):
        r.state = "optimizing"
        r.revision_round = revision
        r.campaign.themes = list(themes_bad)

    store.update(rec.id, setup)
    for theme, bad in themes_bad.items():
        store.save_part(rec.id, "optimized", theme, _optimized_group(theme, bad))
    return rec.id


def test_disapproved_ads_go_back_to_marketing_with_findings(redis_db):
    cid = _at_validation({"brand": False, "release": True})
    assert pipeline.step(cid, "optimizing", 0) == "revising"
    rec = store.require(cid)
    assert rec.state == "revising" and rec.revision_round == 1
    jobs = get_queue("marketing").get_jobs()
    assert [j.args[1] for j in jobs] == ["release"]
    assert jobs[0].args[2] == 1 and jobs[0].args[3][0]["policy"] == "capitalization"


def test_after_last_round_offending_ads_are_dropped_or_campaign_fails(redis_db):
    cid = _at_validation({"brand": False, "release": True}, revision=2)
    assert pipeline.step(cid, "optimizing", 2) == "done"
    rec = store.require(cid)
    assert [g.theme for g in rec.campaign.ad_groups] == ["brand"]
    assert rec.campaign.dropped and "capitalization" in rec.campaign.dropped[0]["reason"]

    cid = _at_validation({"brand": True}, revision=2)
    from supervisor import jobs

    jobs.step(cid, "optimizing", 2)
    rec = store.require(cid)
    assert rec.state == "failed" and rec.error.stage == "validating"
    assert events.read_events(cid)[-1]["stage"] == "failed"


def test_redelivered_step_after_a_crash_enqueues_what_was_missing(redis_db):
    """A worker died after moving the record but before enqueuing: the retried step must enqueue
    the stage (once), not skip it and leave the campaign hanging."""
    rec = store.create(CampaignRequest(artist="Crash"), mode="sandbox")
    store.transition(rec.id, {"received"}, "analyzing")  # the first delivery got this far
    assert pipeline.step(rec.id, "received") == "analyzing"
    # The ANALYST plans its own fan-out (it knows its sources): one plan job on its queue.
    assert get_queue("analyst").job_ids == [f"analyzing-{rec.id}-plan-r0"]
    assert pipeline.step(rec.id, "received") == "skipped"  # a third delivery finds the stage enqueued
    assert get_queue("analyst").count == 1


def test_writers_see_the_insights(sandbox, run_jobs):
    """Regression: the record must hold the insights before the writers are enqueued (they used to
    race the state write and write from an empty record: thin ads that named no track)."""
    rec = store.require(_run(run_jobs, artist="Phoenix", final_url="https://phoenix.example.org/"))
    assert rec.state == "done"
    tracks = [t.title for t in rec.campaign.insights.top_tracks]
    main = [g for g in rec.campaign.ad_groups if g.theme in ("brand", "release")]
    assert main and all(len(ad.headlines) >= 10 for g in main for ad in g.ads)
    assert any(t in text for t in tracks for text in _ad_texts(rec))


def test_redelivered_validate_after_revising_moved_enqueues_the_rewrite(redis_db):
    """Review finding: a worker died after `_revise` moved the record to revising (round 1) but
    before it enqueued the writers; the retried validate(…, 0) must enqueue them, not skip."""
    cid = _at_validation({"brand": False, "release": True})

    def moved(r):
        r.state = "revising"
        r.revision_round = 1

    store.update(cid, moved)
    assert pipeline.step(cid, "optimizing", 0) == "revising"
    assert [j.args[1] for j in get_queue("marketing").get_jobs()] == ["release"]
    assert pipeline.step(cid, "optimizing", 0).startswith("skipped")  # and only once
    assert len(get_queue("marketing").get_jobs()) == 1


def test_ab_tests_of_a_group_that_lost_an_ad_are_dropped(redis_db):
    """Review finding: A/B tests name ads by position; after an ad is dropped the test is void."""
    cid = _at_validation({"brand": False, "release": True}, revision=2)
    bad_release = _optimized_group("release", bad=False)
    bad_release.ads[0].compliance = ComplianceReport(
        compliant=False,
        findings=[
            Finding(policy="capitalization", severity="disapproved", field="headlines[0]", message="SHOUTING")
        ],
    )
    store.save_part(cid, "optimized", "release", bad_release)
    tests = [
        {
            "ad_group": f"X - {t}",
            "variant_a": 0,
            "variant_b": 1,
            "baseline_ctr": 0.05,
            "min_detectable_lift": 0.2,
            "impressions_per_variant": 1000,
        }
        for t in ("brand", "release")
    ]
    store.save_part(
        cid, "plan", "plan", {"ab_tests": tests, "budget_split": {}, "targeting": {}, "negatives": []}
    )
    assert pipeline.step(cid, "optimizing", 2) == "done"
    rec = store.require(cid)
    assert [len(g.ads) for g in rec.campaign.ad_groups] == [2, 1]
    assert [t.ad_group for t in rec.campaign.ab_tests] == ["X - brand"]


def test_received_is_the_first_event_and_the_first_job_is_stored_with_the_record(redis_db):
    rec = pipeline.submit(CampaignRequest(artist="Order"))
    assert events.read_events(rec.id)[0]["stage"] == "received"
    assert events.read_events(rec.id)[0]["seq"] == 1
    assert get_queue("supervisor").job_ids == [f"sup-{rec.id}-start"] and store.get(rec.id) is not None


def test_a_step_that_fails_for_good_fails_the_campaign_even_if_its_worker_was_killed(redis_db):
    """The failure callback RQ runs for an abandoned job (killed worker, no retries left)."""
    from rq.exceptions import AbandonedJobError

    from shared.queues import fetch_job
    from supervisor import jobs

    rec = pipeline.submit(CampaignRequest(artist="Killed"))
    job = fetch_job(f"sup-{rec.id}-start")
    assert job.failure_callback is jobs.on_step_failure  # wired by shared.queues
    job.retries_left = 1
    jobs.on_step_failure(job, None, AbandonedJobError, AbandonedJobError(), None)
    assert store.require(rec.id).state == "received"  # a retry is coming: nothing to do
    job.retries_left = 0
    jobs.on_step_failure(job, None, AbandonedJobError, AbandonedJobError(), None)
    failed = store.require(rec.id)
    assert (
        failed.state == "failed"
        and failed.error.stage == "received"
        and "AbandonedJobError" in failed.error.reason
    )


def test_redelivered_step_after_a_crash_between_the_move_and_the_writers(redis_db, monkeypatch):
    """Found by the fault suite: a SUPERVISOR worker killed after the move to writing (which merges
    the insights into the record) but before it enqueued the writers. The re-delivered step enters
    writing again from the same insights, so the move must not have dropped them yet."""
    from shared.models import Insights

    rec = store.create(
        CampaignRequest(artist="Crash", final_url="https://crash.example.org/"), mode="sandbox"
    )
    store.transition(rec.id, {"received"}, "analyzing")
    store.save_part(rec.id, "insights", "insights", Insights(artist="Crash", found=True))

    def killed(*args, **kwargs):
        raise SystemExit("worker killed")  # what the step sees of SIGKILL: nothing after this point

    real_start = pipeline.start_stage
    monkeypatch.setattr(pipeline, "start_stage", killed)
    with contextlib.suppress(SystemExit):
        pipeline.step(rec.id, "analyzing", 0)
    assert store.require(rec.id).state == "writing"  # the first delivery moved it
    monkeypatch.setattr(pipeline, "start_stage", real_start)
    assert pipeline.step(rec.id, "analyzing", 0) == "writing"  # the re-delivery starts the writers
    assert get_queue("marketing").count >= 1
    assert store.get_parts(rec.id, "insights") == {}  # and only then are the merged parts dropped
