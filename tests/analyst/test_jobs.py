"""The ANALYST's RQ jobs run by a real worker, POST /api/insights and `bandcrew insights`."""

from __future__ import annotations

import json

from analyst.sources.registry import names
from shared import store
from shared.events import read_events
from shared.models import CampaignRequest
from shared.models.insights import Insights
from shared.queues import enqueue

SOURCES = names()


def _campaign(artist: str) -> str:
    return store.create(CampaignRequest(artist=artist), mode="sandbox").id


def test_collect_and_aggregate_with_a_failing_source(sandbox, run_jobs, fast_failures):
    sandbox.configure(faults="chartmetric:503")
    cid = _campaign("Aurora")
    jobs = [enqueue("analyst", "analyst.jobs.collect_source", cid, s) for s in SOURCES]
    enqueue("analyst", "analyst.jobs.aggregate", cid, depends_on=jobs)
    run_jobs()
    parts = store.get_parts(cid, "sources")
    assert set(parts) == set(SOURCES)
    ins = Insights.model_validate(store.get_parts(cid, "insights")["insights"])
    assert ins.found and ins.profile.name == "Aurora"
    assert ins.sources["chartmetric"].provenance == "missing" and "503" in ins.sources["chartmetric"].reason
    assert ins.sources["deezer"].provenance == "sandbox"
    assert ins.similar_artists and ins.top_tracks and ins.latest_release and ins.keyword_seeds
    assert ins.interest_over_time and ins.peak_months and ins.youtube and ins.positioning
    assert ins.opportunities and all(o.evidence for o in ins.opportunities)
    assert any(p.is_artist for p in ins.positioning)
    events = read_events(cid)
    by_step = {(e["step"], e["status"]) for e in events}
    for s in SOURCES:
        assert (s, "started") in by_step
    assert ("chartmetric", "failed") in by_step and ("deezer", "done") in by_step
    deezer_done = next(e for e in events if e["step"] == "deezer" and e["status"] == "done")
    assert "fans" in deezer_done["message"] and deezer_done["data"]["provenance"] == "sandbox"
    final = events[-1]
    assert final["step"] == "insights" and final["pct"] == 35
    assert [e["pct"] for e in events] == sorted(e["pct"] for e in events)
    assert max(e["pct"] for e in events if e["step"] != "insights") < 35  # the aggregate ends the band


def test_aggregate_with_no_source_reports_and_rerun_is_idempotent(sandbox, redis_db):
    from analyst.jobs import aggregate, collect_source

    cid = _campaign("Lunaxxxx")
    out = aggregate(cid)
    assert out["found"] is False and set(out["provenance"].values()) == {"missing"}
    collect_source(cid, "deezer")
    collect_source(cid, "deezer")
    out = aggregate(cid)
    ins = Insights.model_validate(store.get_parts(cid, "insights")["insights"])
    assert not ins.found and "Luna Orchestra" in ins.candidates
    assert len(store.get_parts(cid, "sources")) == 1


def test_post_insights_and_cli_return_the_same_json(sandbox, capsys):
    from analyst.app import create_app
    from analyst.cli import run

    client = create_app({"TESTING": True}).test_client()
    resp = client.post("/api/insights", json={"artist": "Nekfeu", "sources": ["deezer", "trends"]})
    assert resp.status_code == 200
    api = resp.get_json()
    assert api["found"] and set(api["sources"]) == {"deezer", "trends"}
    assert run(["Nekfeu", "--sources", "deezer,trends"]) == 0
    cli = json.loads(capsys.readouterr().out)
    assert cli["sources"]["deezer"]["provenance"] == "cache"  # the CLI ran second: served from the cache
    drop = ("latency_ms", "fetched_at", "calls", "cached")
    for doc in (api, cli):
        for rep in doc["sources"].values():
            for k in drop:
                rep.pop(k)
    assert strip(cli) == strip(api)


def strip(doc: object) -> object:
    if isinstance(doc, dict):
        return {k: strip(v) for k, v in doc.items() if k != "provenance"}
    if isinstance(doc, list):
        return [strip(v) for v in doc]
    return doc


def test_post_insights_rejects_bad_input(sandbox):
    from analyst.app import create_app

    client = create_app({"TESTING": True}).test_client()
    resp = client.post("/api/insights", json={"artist": "  "})
    assert resp.status_code == 422 and resp.get_json()["field"] == "artist"
    resp = client.post("/api/insights", json={"artist": "Aurora", "sources": ["myspace"]})
    assert resp.status_code == 422 and resp.get_json()["field"].startswith("sources")
    resp = client.post("/api/insights", json={"artist": "Aurora", "colour": "red"})
    assert resp.status_code == 422 and resp.get_json()["field"] == "colour"
    assert client.post("/api/insights", data="nope").status_code == 400


def test_cli_rejects_unknown_source(sandbox, capsys):
    from analyst.cli import run

    assert run(["Aurora", "--sources", "myspace"]) == 2
    assert "sources" in capsys.readouterr().err
