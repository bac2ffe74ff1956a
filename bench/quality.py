"""`make bench-quality`: 20 sandbox artists through MARKETING; prints JSON quality and cost figures.

Starts what it needs itself (an embedded Redis on a free port; with --provider openai also the sandbox
HTTP server, so the real openai client talks to the sandbox's /openai/v1). Insights are built from the
sandbox's synthetic artist data, the same data the ANALYST sees in sandbox mode.

Figures:
  disapproved_share      assets (headlines + descriptions) with a disapproved finding, before optimization
  unique_headline_ratio  distinct headlines / all headlines, per campaign, averaged
  keyword_inclusion      share of ad groups with at least 2 headlines carrying one of its keywords
  mean_cost_usd, mean_latency_s   per campaign (all ad groups + the creative brief)"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

ARTISTS: list[tuple[str, str]] = [
    ("Frost Throne", "en"),
    ("Nocturnal Crypt", "en"),
    ("Ashen Hymn", "fr"),
    ("Zélie Krimi", "fr"),
    ("Kalash Sadek", "fr"),
    ("Lumen Hollow", "en"),
    ("Oak Lanterns", "en"),
    ("Helena Tresor", "en"),
    ("Dax Mulero", "fr"),
    ("Camila Sol", "en"),
    ("Mateo Ríos", "en"),
    ("Blue Quartet", "en"),
    ("Norah Moon", "fr"),
    ("Tems Starr", "en"),
    ("Asake Daniel", "en"),
    ("Stray Hearts", "en"),
    ("Aespa Wave", "fr"),
    ("Yoasobi Sora", "en"),
    ("Wolf Abyss", "en"),
    ("Fleet Foxes River", "en"),
]
GOALS = [
    ["streams"],
    ["streams", "tickets"],
    ["streams", "merch"],
    ["presave", "streams"],
    ["tickets", "merch"],
]


def sandbox_insights(name: str):
    """Insights for a sandbox artist, from sandbox/data.py (what the ANALYST would aggregate)."""
    from sandbox import data as sd
    from shared.models import Insights
    from shared.models.insights import Region, RelatedQuery, Release, SimilarArtist, Track

    a = sd.artist(name)
    albums = a.album_list()
    latest = albums[0] if albums else None
    regions = a.regions()
    return Insights(
        artist=name,
        found=True,
        genres=[g.lower() for g in a.family.genres],
        similar_artists=[SimilarArtist(name=r.name, sources=["deezer"], agreement=1) for r in a.related(6)],
        top_tracks=[Track(title=str(t["title"]), source="deezer", rank=int(t["rank"])) for t in a.tracks(5)],
        latest_release=Release(
            title=str(latest["title"]),
            source="deezer",
            release_date=str(latest["release_date"]),
            kind=str(latest["record_type"]),
        )
        if latest
        else None,
        audience_regions=[
            Region(name=sd.CITIES[c], source="chartmetric", kind="city", value=v)
            for c, v in regions[:3]
            if c in sd.CITIES
        ]
        + [Region(name=sd.COUNTRY_NAMES.get(c, c), code=c, source="trends", value=v) for c, v in regions[:3]],
        related_queries=[
            RelatedQuery(
                query=f"{name.lower()} {latest['title'].lower()}" if latest else name.lower(), value="+180%"
            )
        ],
    )


def policy_checker():
    """The OPTIMIZER's policy engine (shared.policy), the same one MARKETING's pre-flight asks."""
    from shared.models import AdInput
    from shared.policy import check_ad

    def check(ad, context: dict[str, Any]) -> set[str]:
        report = check_ad(
            AdInput.model_validate(
                ad.model_dump(include={"headlines", "descriptions", "path1", "path2", "final_url"})
            ),
            context,
        )
        return {
            f.field
            for f in report.findings
            if f.severity == "disapproved" and f.field.startswith(("headlines", "descriptions"))
        }

    return "shared.policy.check_ad", check


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--provider",
        default="offline",
        choices=["offline", "openai"],
        help="offline writer (default) or the openai provider against the sandbox",
    )
    parser.add_argument("-n", type=int, default=20)
    args = parser.parse_args()

    os.environ["BSC_MODE"] = "sandbox"
    for var in ("OPENAI_API_KEY", "OPENROUTER_API_KEY", "LLM_BASE_URL", "LLM_PROVIDERS"):
        os.environ.pop(var, None)
    from bandcrew.embedded_redis import EmbeddedRedis, free_port

    tmp = tempfile.mkdtemp(prefix="bsc-bench-")
    redis_server = EmbeddedRedis(Path(tmp), free_port())
    os.environ["REDIS_URL"] = redis_server.start()
    http = None
    if args.provider == "openai":
        import logging

        from werkzeug.serving import make_server

        from sandbox.app import create_app

        logging.getLogger("werkzeug").setLevel(logging.WARNING)  # no per-request lines in the JSON output
        port = free_port()
        http = make_server("127.0.0.1", port, create_app(), threaded=True)
        threading.Thread(target=http.serve_forever, daemon=True).start()
        os.environ.update(
            SANDBOX_URL=f"http://127.0.0.1:{port}", LLM_PROVIDERS="openai,offline", OPENAI_API_KEY="sk-bench"
        )
    try:
        return run(args)
    finally:
        if http:
            http.shutdown()
        redis_server.stop()


def run(args: argparse.Namespace) -> int:
    from marketing import preflight
    from marketing.jobs import write_ad_group, write_creative_brief
    from shared import store
    from shared.models import AdGroup, CampaignRequest
    from shared.settings import reset_settings
    from shared.themes import plan_themes

    reset_settings()
    checker_name, check = policy_checker()
    assets = disapproved = groups = groups_with_kw = 0
    unique_ratios: list[float] = []
    costs_usd: list[float] = []
    latencies: list[float] = []
    providers: dict[str, int] = {}
    for i, (name, lang) in enumerate(ARTISTS[: args.n]):
        insights = sandbox_insights(name)
        req = CampaignRequest(
            artist=name,
            goals=GOALS[i % len(GOALS)],
            languages=[lang],
            final_url=f"https://artist{i}.example.com/music",
        )
        rec = store.create(req, mode="sandbox")
        themes = plan_themes(req, insights)

        def mutate(r, insights=insights, themes=themes):
            r.campaign.insights, r.campaign.themes = insights, themes

        store.update(rec.id, mutate)
        t0 = time.perf_counter()
        for theme in themes:
            write_ad_group(rec.id, theme)
        write_creative_brief(rec.id)
        latencies.append(time.perf_counter() - t0)
        costs_usd.append(
            sum(e["usd"] for entries in store.get_parts(rec.id, "costs").values() for e in entries)
        )
        headlines: list[str] = []
        for raw in store.get_parts(rec.id, "drafts").values():
            group = AdGroup.model_validate(raw)
            groups += 1
            providers[group.written_by["provider"]] = providers.get(group.written_by["provider"], 0) + 1
            kws = [preflight.normalise(k.text) for k in group.keywords]
            carrying = {
                h.text
                for ad in group.ads
                for h in ad.headlines
                if any(f" {k} " in f" {preflight.normalise(h.text)} " for k in kws if k)
            }
            groups_with_kw += len(carrying) >= 2
            for ad in group.ads:
                headlines += [h.text for h in ad.headlines]
                assets += len(ad.headlines) + len(ad.descriptions)
                context = {
                    "artist": name,
                    "brand_terms": [name],
                    "language": lang,
                    "keywords": [k.text for k in group.keywords],
                    "third_party_terms": [s.name for s in insights.similar_artists],
                }
                disapproved += len(check(ad, context))
        unique_ratios.append(len({preflight.normalise(h) for h in headlines}) / max(1, len(headlines)))
    result = {
        "artists": len(latencies),
        "provider": args.provider,
        "ad_groups": groups,
        "written_by": providers,
        "assets": assets,
        "checker": checker_name,
        "disapproved_assets": disapproved,
        "disapproved_share": round(disapproved / max(1, assets), 4),
        "target_disapproved_share": 0.05,
        "unique_headline_ratio": round(statistics.mean(unique_ratios), 4),
        "keyword_inclusion": round(groups_with_kw / max(1, groups), 4),
        "mean_cost_usd": round(statistics.mean(costs_usd), 6),
        "mean_latency_s": round(statistics.mean(latencies), 3),
    }
    print(json.dumps(result, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
