"""Exports read back equal the campaign; the CLI and HTTP API speak the same JSON."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from optimizer.app import create_app
from optimizer.cli import run_check, run_fix
from optimizer.exports import editor_csv, read_editor_csv, utf8_csv
from shared.models import ABTest, AdGroup, CampaignRecord, CampaignRequest, Keyword, ResponsiveSearchAd
from tests.optimizer.helpers import URL, ad

TIX = "https://tickets-example.com/mo"


def record() -> CampaignRecord:
    good = ResponsiveSearchAd(
        headlines=[{"text": "MØ Live In Copenhagen", "pin": 1}, "Nyt Album Ude Nu", "新专辑现已上线"],
        descriptions=["Stream the new album Tides on all platforms.", "Ten new songs about the sea."],
        path1="tides",
        path2="live",
        final_url=URL,
        angle="release",
    )
    bad = good.model_copy(
        update={"headlines": [*good.headlines[1:], {"text": "FREE MP3 DOWNLOAD"}], "angle": "x"}
    )
    group = AdGroup(
        name="MØ - Brand",
        theme="brand",
        goal="streams",
        final_url=URL,
        keywords=[Keyword(text="mø", match_type="exact"), Keyword(text="mø songs")],
        negatives=[Keyword(text="tribute band")],
        ads=[good, bad],
    )
    tickets = AdGroup(
        name="MØ - Tickets and live",
        theme="tickets",
        goal="tickets",
        final_url=TIX,
        keywords=[Keyword(text="mø tickets")],
        ads=[good.model_copy(update={"final_url": TIX, "angle": "live"})],
    )
    rec = CampaignRecord(
        id="c_test",
        created_at="2026-01-01T00:00:00Z",
        updated_at="2026-01-01T00:00:00Z",
        request=CampaignRequest(
            artist="MØ",
            daily_budget=40,
            languages=["en", "da"],
            countries=["DK", "SE"],
            goals=["streams", "tickets"],
            links={"tickets": TIX},
        ),
    )
    rec.campaign.ad_groups = [group, tickets]
    rec.campaign.negatives = [Keyword(text="free download")]
    rec.campaign.budget_split = {"MØ - Brand": 25.0, "MØ - Tickets and live": 15.0}
    rec.campaign.ab_tests = [
        ABTest(
            ad_group="MØ - Brand",
            variant_a=0,
            variant_b=1,
            baseline_ctr=0.15,
            min_detectable_lift=0.2,
            impressions_per_variant=2000,
        )
    ]
    return rec


def test_editor_csv_is_utf16_tab_and_reads_back_equal_to_the_campaign() -> None:
    rec = record()
    data = editor_csv(rec)
    assert data[:2] == b"\xff\xfe"
    rows = read_editor_csv(data)
    # One Google Ads campaign per goal, each with its budget, languages, bid cap and rotation.
    camps = {r["Campaign"]: r for r in rows if r["Campaign Type"] == "Search"}
    assert set(camps) == {"MØ - Streams - c_test", "MØ - Tickets - c_test"}
    streams, tix = camps["MØ - Streams - c_test"], camps["MØ - Tickets - c_test"]
    assert (streams["Budget"], tix["Budget"]) == ("25.00", "15.00")
    # One campaign per goal and written language; Danish has no ads of its own, so the English
    # campaigns also target Danish speakers.
    assert streams["Languages"] == tix["Languages"] == "en;da"
    assert streams["Bid Strategy Type"] == "Maximize clicks" and float(streams["Maximum CPC bid limit"]) > 0
    assert streams["Ad rotation"] == "Rotate indefinitely"  # an A/B test runs there
    assert tix["Ad rotation"].startswith("Optimize")
    # Location rows: one per country and campaign, with Google's geo target id.
    locs = {(r["Campaign"], r["Location ID"], r["Location"]) for r in rows if r["Location ID"]}
    assert locs == {(c, geo, name) for c in camps for geo, name in (("2208", "Denmark"), ("2752", "Sweden"))}
    kw = {(r["Campaign"], r["Keyword"], r["Criterion Type"]) for r in rows if r["Keyword"]}
    assert {
        ("MØ - Streams - c_test", "mø", "Exact"),
        ("MØ - Streams - c_test", "mø songs", "Phrase"),
        ("MØ - Streams - c_test", "tribute band", "Negative Phrase"),
        ("MØ - Tickets - c_test", "mø tickets", "Phrase"),
        ("MØ - Streams - c_test", "free download", "Campaign Negative Phrase"),
        ("MØ - Tickets - c_test", "free download", "Campaign Negative Phrase"),
    } == kw
    ads = [r for r in rows if r["Ad type"] == "Responsive search ad"]
    assert len(ads) == 2  # the disapproved ad is never exported
    brand = next(a for a in ads if a["Ad Group"] == "MØ - Brand")
    good = rec.campaign.ad_groups[0].ads[0]
    assert [brand[f"Headline {i}"] for i in range(1, 4)] == [h.text for h in good.headlines]
    assert brand["Headline 1 position"] == "1" and brand["Headline 2 position"] == ""
    assert [brand[f"Description {i}"] for i in (1, 2)] == [d.text for d in good.descriptions]
    assert (brand["Path 1"], brand["Path 2"], brand["Final URL"], brand["Campaign"]) == (
        "tides",
        "live",
        URL,
        "MØ - Streams - c_test",
    )
    assert next(a for a in ads if a["Ad Group"] == "MØ - Tickets and live")["Final URL"] == TIX


def test_utf8_csv_matches_editor_csv() -> None:
    rec = record()
    rows8 = list(csv.DictReader(io.StringIO(utf8_csv(rec).decode("utf-8-sig"))))
    assert rows8 == read_editor_csv(editor_csv(rec))


def test_utf8_csv_defuses_formulas_but_editor_csv_stays_exact() -> None:
    rec = record()
    rec.request.artist = "=HYPERLINK(1)"
    rows8 = list(csv.DictReader(io.StringIO(utf8_csv(rec).decode("utf-8-sig"))))
    assert all(not v.startswith("=") for r in rows8 for v in r.values())
    assert any(v.startswith("'=HYPERLINK(1)") for r in rows8 for v in r.values())
    assert any(r["Campaign"].startswith("=HYPERLINK(1)") for r in read_editor_csv(editor_csv(rec)))


def _run(fn, argv, capsys) -> tuple[int, list[dict]]:
    code = fn(argv)
    out = capsys.readouterr().out
    return code, [json.loads(line) for line in out.splitlines() if line.strip()]


def test_cli_check_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ok = tmp_path / "ok.json"
    ok.write_text(json.dumps({"ad": ad(), "context": {"brand_terms": ["Luna"]}}))
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"ad": ad("FREE Tickets!")}))
    code, out = _run(run_check, [str(ok)], capsys)
    assert code == 0 and out[0]["compliant"] is True and out[0]["ad_strength"]["rating"]
    code, out = _run(run_check, [str(bad)], capsys)
    assert code == 1 and {"capitalization", "punctuation_and_symbols"} <= {
        f["policy"] for f in out[0]["findings"]
    }
    code, out = _run(run_check, [str(tmp_path / "missing.json")], capsys)
    assert code == 2 and "missing.json" in out[0]["error"]
    (tmp_path / "x.json").write_text(json.dumps({"ad": {"headlines": "oops", "descriptions": []}}))
    code, out = _run(run_check, [str(tmp_path / "x.json")], capsys)
    assert code == 2 and out[0]["error"].startswith("ad.headlines")


def test_cli_jsonl_batch_keeps_order_and_goes_on(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "batch.jsonl"
    f.write_text("\n".join([json.dumps({"ad": ad()}), "{not json", json.dumps({"ad": ad("NEW!!")})]) + "\n")
    code, out = _run(run_check, ["--jsonl", str(f)], capsys)
    assert code == 2 and len(out) == 3
    assert out[0]["compliant"] is True and "line 2" in out[1]["error"] and out[2]["compliant"] is False


def test_cli_fix(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "ad.json"
    f.write_text(json.dumps({"ad": ad("NEW ALBUM OUT NOW!!")}))
    code, out = _run(run_fix, [str(f)], capsys)
    assert code == 0 and out[0]["ad"]["headlines"][0] == "New album out now"
    assert {c["policy"] for c in out[0]["changes"]} == {"capitalization", "punctuation_and_symbols"}


@pytest.fixture
def client(redis_db):
    return create_app({"TESTING": True}).test_client()


def test_http_check_and_fix_match_the_cli(client, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    body = {"ad": ad("NEW ALBUM OUT NOW!!"), "context": {"brand_terms": ["Luna"]}}
    f = tmp_path / "a.json"
    f.write_text(json.dumps(body))
    _, cli_check = _run(run_check, [str(f)], capsys)
    _, cli_fix = _run(run_fix, [str(f)], capsys)
    assert client.post("/api/check", json=body).get_json() == cli_check[0]
    assert client.post("/api/fix", json=body).get_json() == cli_fix[0]
    resp = client.post("/api/check", json={"ad": {"headlines": [], "bogus": 1}})
    assert resp.status_code == 422 and resp.get_json()["field"] == "ad.bogus"


def test_http_export_editor_csv(client) -> None:
    rec = record()
    resp = client.post(
        "/api/export?format=editor-csv", data=rec.model_dump_json(), content_type="application/json"
    )
    assert resp.status_code == 200
    assert resp.headers["Content-Type"] == "text/csv; charset=utf-16"
    assert resp.headers["Content-Disposition"] == "attachment; filename=c_test-editor.csv"
    assert read_editor_csv(resp.data) == read_editor_csv(editor_csv(rec))
    assert (
        client.post("/api/export?format=xls", data="{}", content_type="application/json").status_code == 400
    )
    bad = client.post("/api/export?format=json", json={"id": "x"})
    assert bad.status_code == 422
