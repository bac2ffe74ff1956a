"""The tour-dates sources (Bandsintown, Ticketmaster) against the sandbox over HTTP, and the merge."""

from __future__ import annotations

from datetime import date

from analyst.insights import build_insights
from analyst.modes import resolve
from analyst.sources.bandsintown import artist_path
from analyst.sources.base import run_source
from shared.settings import reset_settings


def test_bandsintown_lists_upcoming_shows_with_provenance(sandbox):
    rep = run_source("bandsintown", "Sigur Rós")
    assert rep.status == "ok" and rep.provenance == "sandbox" and rep.calls == 1
    events = rep.data.events
    assert len(events) >= 3
    today = date.today().isoformat()
    for ev in events:
        assert ev.date >= today and ev.city and ev.country and len(ev.country) == 2 and ev.venue
        assert ev.source == "bandsintown" and ev.provenance == "sandbox"
        assert ev.on_sale in ("on_sale", "not_yet", "sold_out")
        assert ev.ticket_url and ev.ticket_url.startswith("https://")
    assert [e.date for e in events] == sorted(e.date for e in events)


def test_ticketmaster_matches_the_attraction_then_lists_its_events(sandbox):
    rep = run_source("ticketmaster", "Sigur Rós")
    assert rep.status == "ok" and rep.data.name == "Sigur Rós" and rep.calls == 2
    assert rep.data.events and all(e.source == "ticketmaster" for e in rep.data.events)
    assert {e.on_sale for e in rep.data.events} <= {"on_sale", "not_yet", "unknown"}


def test_no_tour_is_ok_with_no_events_and_unknown_is_not_found(sandbox):
    queen = run_source("bandsintown", "Queen")
    assert queen.status == "ok" and queen.data.events == []
    assert run_source("bandsintown", "Qzzzzq").status == "not_found"
    assert run_source("ticketmaster", "Qzzzzq").status == "not_found"


def test_names_with_a_slash_reach_the_right_artist(sandbox):
    assert artist_path("AC/DC") == "AC%252FDC"
    rep = run_source("bandsintown", "AC/DC")
    assert rep.status == "ok" and rep.data.events and rep.data.events[0].lineup == ["AC/DC"]


def test_faults_leave_the_source_missing_with_the_reason(sandbox, fast_failures):
    sandbox.configure("bandsintown:500,ticketmaster:quota")
    bit = run_source("bandsintown", "Sigur Rós")
    tm = run_source("ticketmaster", "Sigur Rós")
    assert bit.status == "unavailable" and bit.provenance == "missing" and "500" in bit.reason
    assert tm.status == "unavailable" and tm.provenance == "missing"


def test_live_mode_without_keys_is_not_configured(monkeypatch, redis_db):
    monkeypatch.setenv("BSC_MODE", "live")
    reset_settings()
    try:
        for source, var in (("bandsintown", "BANDSINTOWN_API_KEY"), ("ticketmaster", "TICKETMASTER_API_KEY")):
            mode = resolve(source)
            assert not mode.configured and var in (mode.reason or "")
            rep = run_source(source, "Sigur Rós")
            assert rep.status == "not_configured" and rep.provenance == "missing"
    finally:
        monkeypatch.undo()
        reset_settings()


def test_insights_merge_the_two_sources_one_show_per_date_and_city(sandbox):
    ins = build_insights("Sigur Rós")
    assert ins.found and ins.events
    keys = [(e.date, e.city) for e in ins.events]
    assert len(keys) == len(set(keys)) and keys == sorted(keys, key=lambda k: k[0])
    bit = run_source("bandsintown", "Sigur Rós").data.events
    assert len(ins.events) == len(bit)  # Ticketmaster sells a subset of the same tour
    assert ins.sources["bandsintown"].provenance == "sandbox"
    assert build_insights("Queen").events == []
