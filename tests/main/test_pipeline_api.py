"""MAIN and the CLI draw the pipeline from the SUPERVISOR's table (`GET /api/pipeline`), never from
their own copy of the stages and labels."""

from __future__ import annotations

import io

import requests

from shared import pipeline


def test_the_supervisor_serves_the_table_and_the_cli_labels_its_progress_with_it(supervisor_url):
    body = requests.get(f"{supervisor_url}/api/pipeline", timeout=10).json()
    assert body == pipeline.describe()
    assert body["steps"][0] == "received" and body["steps"][-1] == "done"
    assert body["step_of"]["revising"] == "writing" and "canceled" in body["terminal"]
    assert all(s["band"] is None or 0 <= s["band"][0] <= s["band"][1] <= 100 for s in body["stages"])

    from bandcrew.campaign_cmd import ProgressView, fetch_pipeline

    table = fetch_pipeline(supervisor_url)
    out = io.StringIO()
    ProgressView(out, labels=table["labels"]).show(
        {"stage": "analyzing", "step": "deezer", "status": "done", "pct": 12, "message": "Deezer: 1M fans"}
    )
    assert out.getvalue() == "[ 12%] Research/deezer done: Deezer: 1M fans\n"
