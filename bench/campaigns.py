"""`make bench-campaigns`: campaigns a marketer would ship. A fixed set of sandbox requests (genres,
goals, languages, stylised and ambiguous names) runs through the real pipeline (the SUPERVISOR's steps,
ANALYST, MARKETING and OPTIMIZER jobs, executed by in-process RQ SimpleWorkers on an embedded Redis,
the sandbox over HTTP), then every finished campaign is judged the way a music marketer would:

  unsupported_claims          claims in the shipped ads that nothing in the request, brief or
                              research backs (shared/claims.py re-run on the final text)   target 0
  goal_landing_mismatches     ads whose final URL does not fit their ad group's goal, and ad groups
                              serving a goal nobody picked                                 target 0
  keywords_without_name       keywords that carry neither the artist's nor the release's name
                              (nor a verified venue)                                       target 0
  generic_single_word_keywords  one-word keywords that are not a name                      target 0
  keywords_repeated_across_groups  a keyword text in two ad groups of one Google Ads campaign target 0
  brand_name_damage           ads naming the artist in no headline, brand terms the fixer changed,
                              and the artist's own name flagged as a third party's mark    target 0
  goals_unaccounted           goals picked with neither an ad group nor a stated gap       target 0
  budget_on_goal_matching_groups  share of the daily budget on ad groups whose goal was picked and
                              whose ads land on a page that fits it                        target 1.0
  ab_tests                    tests planned, how many conclude within 28 days at the group's budget,
                              how many were adjusted (pooled, bolder) or not proposed

Usage: python bench/campaigns.py [--only N] [--provider openai]   (prints JSON)"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import threading
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SOON = (date.today() + timedelta(days=21)).isoformat()
PAST = (date.today() - timedelta(days=40)).isoformat()
SITE = "https://{slug}.example.com/"

# (artist, request fields). Links are the marketer's pages; the tour comes from the sandbox's
# Bandsintown/Ticketmaster (sandbox/data.py pins who tours). Several requests lack a page on purpose:
# the goal must then get no ads and a stated gap.
REQUESTS: list[tuple[str, dict[str, Any]]] = [
    (
        "P!nk",
        {
            "goals": ["streams", "tickets"],
            "countries": ["US", "CO", "MX"],
            "links": {"tickets": "https://tickets.example.com/pink"},
        },
    ),
    ("MØ", {"goals": ["streams", "followers"], "countries": ["DK", "DE"], "languages": ["en", "de"]}),
    (
        "AC/DC",
        {
            "goals": ["tickets", "merch"],
            "countries": ["US", "DE", "GB"],
            "links": {
                "merch": "https://store.acdc.example.com/",
                "tickets": "https://tickets.example.com/acdc",
            },
            "brief": {"strengths": "vinyl reissues and tour t-shirts"},
        },
    ),
    (
        "Sigur Rós",
        {"goals": ["tickets"], "countries": ["GB", "DE", "FR"], "languages": ["en"], "release": "ÁTTA"},
    ),
    (
        "BTS",
        {
            "goals": ["streams", "presave"],
            "countries": ["US", "KR"],
            "release": "Arirang",
            "release_date": SOON,
            "links": {"presave": "https://presave.example.com/bts"},
        },
    ),
    (
        "Queen",
        {
            "goals": ["streams"],
            "countries": ["GB", "US"],
            "final_url": "https://www.queenonline.example.com/",
        },
    ),
    (
        "Chicago",
        {
            "goals": ["streams", "tickets"],
            "countries": ["US"],
            "links": {"site": "https://chicagotheband.example.com/"},
        },
    ),
    (
        "Bathory",
        {
            "goals": ["streams", "merch"],
            "countries": ["SE", "NO"],
            "links": {"merch": "https://bathory-store.example.com/"},
        },
    ),
    ("방탄소년단", {"goals": ["streams"], "countries": ["KR", "JP"], "languages": ["en"]}),
    (
        "Beyoncé",
        {
            "goals": ["streams", "presave"],
            "countries": ["US"],
            "release": "Renaissance",
            "release_date": PAST,
            "links": {"presave": "https://presave.example.com/bey"},
        },
    ),
    (
        "Daft Punk",
        {
            "goals": ["streams", "merch"],
            "countries": ["FR", "US"],
            "languages": ["fr"],
            "links": {"site": "https://daftpunk.example.com/"},
        },
    ),
    (
        "Rosalía",
        {
            "goals": ["streams", "tickets"],
            "countries": ["ES", "MX"],
            "languages": ["es"],
            "links": {"tickets": "https://entradas.example.com/rosalia"},
        },
    ),
    ("Nekfeu", {"goals": ["streams", "tickets"], "countries": ["FR", "BE"], "languages": ["fr"]}),
    (
        "Aurora",
        {
            "goals": ["followers", "tickets"],
            "countries": ["NO", "GB"],
            "links": {"tickets": "https://tix.example.com/aurora"},
        },
    ),
    (
        "Stromae",
        {
            "goals": ["streams"],
            "countries": ["BE", "FR"],
            "languages": ["fr", "de"],
            "final_url": "https://stromae.example.com/",
        },
    ),
    (
        "Ado",
        {
            "goals": ["streams", "presave"],
            "countries": ["JP", "US"],
            "release": "Zanmu",
            "release_date": SOON,
        },
    ),
    (
        "Burna Boy",
        {
            "goals": ["streams", "tickets", "merch"],
            "countries": ["NG", "GB", "US"],
            "links": {
                "tickets": "https://tickets.example.com/burna",
                "merch": "https://shop.example.com/burna",
            },
        },
    ),
    (
        "Luna Vega",
        {
            "goals": ["presave"],
            "countries": ["MX", "ES"],
            "languages": ["es"],
            "release": "Marea",
            "release_date": SOON,
            "links": {"presave": "https://presave.example.com/luna-vega"},
            "brief": {"differentiators": "edición limitada en vinilo"},
        },
    ),
    (
        "Frost Throne",
        {
            "goals": ["merch"],
            "countries": ["NO", "DE"],
            "links": {"merch": "https://frostthrone.example.com/shop"},
            "brief": {"strengths": "hand-numbered cassettes, limited to 300"},
        },
    ),
    (
        "Nina Tresor",
        {
            "goals": ["streams", "tickets"],
            "countries": ["DE", "NL"],
            "languages": ["de"],
            "links": {"site": "https://ninatresor.example.com/"},
        },
    ),
    (
        "Kalash Sadek",
        {"goals": ["streams"], "countries": ["FR", "MA"], "languages": ["fr"], "daily_budget": 10},
    ),
    (
        "Caleb Rowe",
        {
            "goals": ["streams", "followers"],
            "countries": ["US", "CA"],
            "daily_budget": 200,
            "final_url": "https://calebrowe.example.com/",
        },
    ),
    ("Blue Note", {"goals": ["streams"], "countries": ["US", "JP"], "languages": ["en"], "daily_budget": 15}),
    (
        "Anton Moretti",
        {
            "goals": ["streams", "tickets"],
            "countries": ["IT"],
            "languages": ["it"],
            "links": {"tickets": "https://biglietti.example.com/anton"},
        },
    ),
    ("Frost Hymn", {"goals": ["streams"], "countries": ["BR", "PT"], "languages": ["pt"]}),
]


def start(tmp: Path) -> tuple[Any, Any]:
    import logging

    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    os.environ["BSC_MODE"] = "sandbox"
    os.environ.setdefault("MEDIA_AUTOSTART", "false")
    from bandcrew.embedded_redis import EmbeddedRedis, free_port

    server = EmbeddedRedis(tmp / "redis", free_port())
    os.environ["REDIS_URL"] = server.start()
    from werkzeug.serving import make_server

    from shared.redisdb import reset_redis
    from shared.settings import reset_settings

    port = free_port()
    os.environ["SANDBOX_URL"] = f"http://127.0.0.1:{port}"
    reset_settings()
    reset_redis()
    from sandbox.app import create_app

    http = make_server("127.0.0.1", port, create_app(), threaded=True)
    threading.Thread(target=http.serve_forever, daemon=True).start()
    return server, http


def run_jobs(max_rounds: int = 80) -> None:
    from rq import SimpleWorker
    from rq.serializers import JSONSerializer

    from shared.queues import QUEUES, get_queue
    from shared.redisdb import get_redis

    queues = [get_queue(q) for q in QUEUES if q != "media"]
    for _ in range(max_rounds):
        if not any(q.count for q in queues):
            return
        SimpleWorker(queues, connection=get_redis(), serializer=JSONSerializer).work(
            burst=True, with_scheduler=False, logging_level="ERROR"
        )


def judge(rec: Any) -> dict[str, Any]:
    """The marketer's checks on one finished campaign."""
    from optimizer import keywords as kw_mod
    from optimizer.structure import campaigns_of
    from shared import brand, claims, landing, themes

    req, out = rec.request, rec.campaign
    ins = out.insights
    found = ins if ins and ins.found else None
    plan = themes.plan(req, ins)
    terms = brand.brand_terms(
        req.artist, req.release, [found.profile.name] if found and found.profile else []
    )
    if found and found.latest_release:
        terms.append(found.latest_release.title)
    venues = [e.venue for e in (found.events if found else []) if e.venue]
    r: dict[str, Any] = {
        "unsupported_claims": 0,
        "claims_checked": 0,
        "goal_landing_mismatches": 0,
        "keywords": 0,
        "keywords_without_name": 0,
        "generic_single_word_keywords": 0,
        "keywords_repeated_across_groups": 0,
        "brand_name_damage": 0,
        "ads": 0,
        "examples": [],
    }
    for g in out.ad_groups:
        spec = plan.spec(g.theme)
        goal = g.goal or themes.goal_of(g.theme)
        if goal not in req.goals:
            r["goal_landing_mismatches"] += 1
        events = list(spec.events) if spec and spec.events else None
        if events is None and found:
            events = [(i, e) for i, e in enumerate(found.events) if e.country in req.countries]
        for ad in g.ads:
            r["ads"] += 1
            ev = claims.evidence(
                req, ins, final_url=ad.final_url, goal=goal, events=events, language=g.language
            )
            ledger = claims.ledger(ad, ev)
            bad = [c for c in ledger if not c.supported]
            r["claims_checked"] += len(ledger)
            r["unsupported_claims"] += len(bad)
            r["examples"] += [f"{g.name}: '{c.text}' — {c.reason}" for c in bad[:2]]
            if not landing.fits(goal, ad.final_url, req, ins):
                r["goal_landing_mismatches"] += 1
                r["examples"].append(f"{g.name}: {goal} ad lands on {ad.final_url}")
            if not any(brand.mentions(h.text, t) for h in ad.headlines for t in terms[:1] + terms[1:2] if t):
                r["brand_name_damage"] += 1
                r["examples"].append(f"{g.name}: no headline names {req.artist}")
            for ch in ad.compliance.changes if ad.compliance else []:
                if brand.damaged(ch.before, ch.after, terms):
                    r["brand_name_damage"] += 1
                    r["examples"].append(f"{g.name}: fixer changed {ch.before!r} -> {ch.after!r}")
            for f in ad.compliance.findings if ad.compliance else []:
                if f.policy == "trademarks" and any(
                    brand.fold(t) in brand.fold(f.message) for t in terms[:1]
                ):
                    r["brand_name_damage"] += 1
                    r["examples"].append(f"{g.name}: own name flagged: {f.message}")
        for k in g.keywords:
            r["keywords"] += 1
            if not brand.carries_name(k.text, [*terms, *venues]):
                r["keywords_without_name"] += 1
                r["examples"].append(f"{g.name}: keyword {k.text!r} carries no name")
            if len(k.text.split()) == 1 and not brand.carries_name(k.text, terms):
                r["generic_single_word_keywords"] += 1
    by_name = {g.name: g for g in out.ad_groups}
    for camp in campaigns_of(rec):
        seen: dict[str, str] = {}
        for name in camp.ad_groups:
            for k in by_name[name].keywords if name in by_name else []:
                key = kw_mod.match_key(k)[0]
                if key in seen and seen[key] != name:
                    r["keywords_repeated_across_groups"] += 1
                seen.setdefault(key, name)
    planned = {g.goal for g in out.ad_groups} | {gap.goal for gap in out.goal_gaps}
    r["goals_unaccounted"] = len([g for g in req.goals if g not in planned])
    total = sum(out.budget_split.values()) or 0.0
    good = sum(
        v
        for name, v in out.budget_split.items()
        if name in by_name
        and (by_name[name].goal in req.goals)
        and all(landing.fits(by_name[name].goal or "", ad.final_url, req, ins) for ad in by_name[name].ads)
    )
    r["budget"] = total
    r["budget_good"] = good
    r["ab"] = [{"status": t.status, "concludes": t.concludes, "days": t.estimated_days} for t in out.ab_tests]
    r["gaps"] = [f"{g.goal}: {g.reason}" for g in out.goal_gaps]
    r["campaigns"] = [
        f"{c.name} {c.daily_budget:.2f}/day {','.join(c.locations)} cap {c.max_cpc} {c.ad_rotation}: "
        + "; ".join(
            f"{n} ({len(by_name[n].ads)} ads, {len(by_name[n].keywords)} kw)"
            for n in c.ad_groups
            if n in by_name
        )
        for c in campaigns_of(rec)
    ]
    return r


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--only", type=int, default=0, help="run the first N requests")
    ap.add_argument(
        "--provider", default="", help="LLM_PROVIDERS for the run, e.g. openai (sandbox stand-in)"
    )
    ap.add_argument("--verbose", action="store_true", help="per-campaign details")
    args = ap.parse_args()
    if args.provider:
        os.environ["LLM_PROVIDERS"] = f"{args.provider},offline"
        os.environ.setdefault("OPENAI_API_KEY", "sandbox")
    with tempfile.TemporaryDirectory(prefix="bsc-bench-campaigns-") as tmp:
        server, http = start(Path(tmp))
        try:
            from shared import store
            from shared.models import CampaignRequest
            from supervisor import pipeline

            results = []
            t0 = time.perf_counter()
            for artist, fields in REQUESTS[: args.only or None]:
                req = CampaignRequest(artist=artist, daily_budget=fields.pop("daily_budget", 60), **fields)
                rec = pipeline.submit(req)
                run_jobs()
                rec = store.require(rec.id)
                row = {"artist": artist, "state": rec.state, "goals": req.goals}
                if rec.state == "done":
                    row |= judge(rec)
                else:
                    row["error"] = rec.error.reason if rec.error else "not finished"
                results.append(row)
            elapsed = time.perf_counter() - t0
        finally:
            http.shutdown()
            server.stop()
    done = [r for r in results if r["state"] == "done"]

    def total(key: str) -> int:
        return sum(r.get(key, 0) for r in done)

    ab = [t for r in done for t in r["ab"]]
    budget = sum(r["budget"] for r in done)
    out = {
        "benchmark": "campaigns",
        "requests": len(results),
        "done": len(done),
        "failed": [f"{r['artist']}: {r.get('error')}" for r in results if r["state"] != "done"],
        "ads": total("ads"),
        "claims_checked": total("claims_checked"),
        "unsupported_claims": total("unsupported_claims"),
        "goal_landing_mismatches": total("goal_landing_mismatches"),
        "keywords": total("keywords"),
        "keywords_without_name": total("keywords_without_name"),
        "generic_single_word_keywords": total("generic_single_word_keywords"),
        "keywords_repeated_across_groups": total("keywords_repeated_across_groups"),
        "brand_name_damage": total("brand_name_damage"),
        "goals_unaccounted": total("goals_unaccounted"),
        "budget_on_goal_matching_groups": round(sum(r["budget_good"] for r in done) / budget, 4)
        if budget
        else None,
        "goal_gaps_stated": sum(len(r["gaps"]) for r in done),
        "ab_tests": {
            "planned": len(ab),
            "conclude_within_28_days": sum(1 for t in ab if t["concludes"]),
            "adjusted": sum(1 for t in ab if t["status"] == "adjusted"),
            "not_proposed": sum(1 for t in ab if t["status"] == "not_proposed"),
        },
        "seconds": round(elapsed, 1),
        "examples": [e for r in done for e in r["examples"]][:20],
    }
    if args.verbose:
        out["campaigns"] = [
            {
                k: v
                for k, v in r.items()
                if k in ("artist", "state", "goals", "gaps", "campaigns", "ab", "error")
            }
            for r in results
        ]
    print(json.dumps(out, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
