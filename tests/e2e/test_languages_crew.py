"""End to end through the whole crew: a campaign in French and German comes back with each
language's own ad groups, written natively and still right after the OPTIMIZER's fixes; a language
nobody can write in sandbox mode is refused at submission."""

from __future__ import annotations

import pytest

from marketing.linter import lint
from tests.e2e.test_crew import follow, submit

pytestmark = pytest.mark.e2e


def test_every_requested_language_has_its_own_native_ad_groups(crew):
    cid = submit(
        crew,
        artist="Aldebert",
        goals=["streams", "tickets"],
        countries=["FR", "DE"],
        languages=["fr", "de"],
        brief={"audience": "les enfants et leurs parents"},
    )
    follow(crew.main_url, cid, crew.user_token)
    rec = crew.session().get(f"{crew.supervisor_url}/api/campaigns/{cid}", timeout=10).json()
    assert rec["state"] == "done", rec.get("error")
    groups = rec["campaign"]["ad_groups"]
    by_lang: dict[str, list[dict]] = {}
    for g in groups:
        by_lang.setdefault(g["language"], []).append(g)
    assert set(by_lang) == {"fr", "de"}
    assert {g["theme"] for g in by_lang["fr"]} == {g["theme"] for g in by_lang["de"]}
    insights = rec["campaign"]["insights"]
    names = ["Aldebert", *(t["title"] for t in insights["top_tracks"])]
    if insights.get("latest_release"):
        names.append(insights["latest_release"]["title"])
    names += [s["name"] for s in insights["similar_artists"]]
    for lang, lang_groups in by_lang.items():
        for g in lang_groups:
            for ad in g["ads"]:
                assert any("Aldebert" in h["text"] for h in ad["headlines"])
                for asset in ad["headlines"] + ad["descriptions"]:
                    assert not lint(asset["text"], lang, names), (
                        lang,
                        asset["text"],
                        lint(asset["text"], lang, names),
                    )


def test_a_language_nobody_can_write_is_refused(crew):
    resp = crew.session().post(
        f"{crew.supervisor_url}/api/campaigns", json={"artist": "Aldebert", "languages": ["ja"]}, timeout=10
    )
    assert resp.status_code == 422 and resp.json()["field"] == "languages"
