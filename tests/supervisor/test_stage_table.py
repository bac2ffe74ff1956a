"""Adding a stage is one row in shared.pipeline plus its job module: a throw-away stage (and an
after-done stage, the shape of MEDIA) added through the table runs a campaign with real RQ workers."""

from __future__ import annotations

from shared import events, pipeline, store
from shared.models import CampaignRequest
from shared.pipeline import Stage
from supervisor import pipeline as interpreter

PROOFING = Stage(
    "proofing",
    "Proofreading",
    "proofreader",
    queue="optimizer",
    job="tests.supervisor.jobs_for_tests.proof",
    fan_out="tests.supervisor.jobs_for_tests.proof_tasks",
    band=(86, 87),
)
ENCORE = Stage(
    "encore",
    "Encore",
    "encore",
    queue="analyst",
    job="tests.supervisor.jobs_for_tests.encore",
    after_done=True,
)


def test_a_stage_added_to_the_table_runs_in_the_campaign(sandbox, run_jobs):
    with pipeline.with_stage(PROOFING, after="optimizing"), pipeline.with_stage(ENCORE, after="done"):
        assert "proofing" in pipeline.states() and "encore" not in pipeline.states()
        assert pipeline.describe()["labels"]["proofing"] == "Proofreading"
        rec = interpreter.submit(CampaignRequest(artist="Daft Punk", final_url="https://daftpunk.com/"))
        run_jobs()
        done = store.require(rec.id)
        assert done.state == "done", done.error
        states = [m.state for m in done.history]
        assert states.index("optimizing") < states.index("proofing") < states.index("validating")
        # Every round's proofing jobs ran, one per ad group, under deterministic ids.
        proofs = store.get_parts(rec.id, "proofs")
        assert {p["theme"] for p in proofs.values()} == set(done.campaign.themes)

        evs = events.read_events(rec.id)
        proofing = [e for e in evs if e["stage"] == "proofing"]
        assert proofing[0]["agent"] == "supervisor" and proofing[0]["status"] == "started"
        assert {e["agent"] for e in proofing[1:]} == {"proofreader"}
        assert all(86 <= e["pct"] <= 87 for e in proofing)
        # The after-done stage ran once the campaign was done, and left it done.
        assert store.get_parts(rec.id, "encore") == {"r0": {"round": 0}}
        encore = [e for e in evs if e["stage"] == "encore"]
        assert encore and encore[0]["pct"] == 100 and encore[0]["data"]["stage_pct"] == 100
        assert [e["stage"] for e in evs].index("done") < [e["stage"] for e in evs].index("encore")
        assert store.require(rec.id).state == "done"
        # On demand, a new round runs again; the same round is not enqueued twice.
        assert interpreter.run_after_done(rec.id, "encore", 1)
        assert interpreter.run_after_done(rec.id, "encore", 1) == []
        run_jobs()
        assert set(store.get_parts(rec.id, "encore")) == {"r0", "r1"}
    assert "proofing" not in pipeline.states()
