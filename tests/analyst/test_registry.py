"""Adding a data source is one module: a throw-away source registered through the registry is
configured, fanned out, merged and reported like the built-in ones, in a campaign run by real RQ
workers against the sandbox."""

from __future__ import annotations

from analyst import modes
from analyst.sources import registry
from shared import events, store
from shared.models import CampaignRequest
from shared.settings import load_settings
from supervisor import pipeline as interpreter
from tests.analyst import throwaway_source


def test_a_source_added_through_the_registry_runs_in_a_campaign(sandbox, run_jobs):
    with registry.with_source(throwaway_source):
        assert "fanbase" in registry.names() and registry.labels()["fanbase"] == "Fanbase Index"
        assert "FANBASE_API_KEY" in registry.env_names()
        # Its mode follows its declaration: sandbox here, not configured live without its key.
        assert modes.resolve("fanbase").provenance == "sandbox"
        live = load_settings({"BSC_MODE": "live"}, dotenv=None)
        assert "FANBASE_API_KEY" in (modes.resolve("fanbase", live).reason or "")

        rec = interpreter.submit(CampaignRequest(artist="Daft Punk", final_url="https://daftpunk.com/"))
        run_jobs()
        done = store.require(rec.id)
        assert done.state == "done", done.error
        report = done.campaign.insights.sources["fanbase"]
        assert report.status == "ok" and report.provenance == "sandbox" and report.data.fans
        assert set(done.campaign.insights.sources) == set(registry.names())
        assert any(
            e["step"] == "fanbase" and e["message"].startswith("Fanbase Index")
            for e in events.read_events(rec.id)
        )
    assert "fanbase" not in registry.names()


def test_the_registry_declares_every_built_in_source_once():
    specs = registry.sources()
    assert [s.name for s in specs] == [
        "deezer",
        "spotify",
        "chartmetric",
        "youtube",
        "trends",
        "bandsintown",
        "ticketmaster",
    ]
    assert len({s.name for s in specs}) == len(specs)
    assert registry.get("youtube").api is registry.get("trends").api  # one SerpApi declaration
