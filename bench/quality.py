"""`make bench-quality`: 24 sandbox campaigns in six languages through MARKETING; prints JSON figures.

Starts what it needs itself (an embedded Redis on a free port; with --provider openai also the sandbox
HTTP server, so the real openai client talks to the sandbox's /openai/v1). Insights are built from the
sandbox's synthetic artist data, the same data the ANALYST sees in sandbox mode. The artist set has
every offline language, eight same-genre pairs in one language, multi-language requests and briefs.

Figures:
  fact_headline_share             headlines that carry an artist-specific fact (track, release, city,
                                  country, similar artist, brief phrase)            target >= 0.60
  verbatim_shared_headline_share  per campaign, share of its headlines found word for word in another
                                  artist's campaign once the artist's and release's names are removed,
                                  averaged                                          target <= 0.15
  same_genre_jaccard_mean/max     headline-set overlap of two artists of one genre and language
                                                                                    target <= 0.15
  lint_errors_before/after_optimization   marketing/linter.py findings on every asset, as written and
                                  after the OPTIMIZER's fix_ad                      target 0
  languages_answered_in_another_language  requested languages whose copy reads as another language
                                                                                    target 0
  disapproved_share               assets with a disapproved finding, before optimization
  ad_strength, headline_templates_per_ad_mean, keyword_inclusion, mean_cost_usd, mean_latency_s
Set BENCH_SHARED=1 to also list the most shared headlines."""

from __future__ import annotations

import argparse
import itertools
import json
import os
import re
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# (artist, languages, brief): every supported language, seven same-genre pairs in the same language
# (black metal, French rap, jazz, techno, latin pop, indie folk, children's), multi-language requests.
ARTISTS: list[tuple[str, list[str], dict[str, str] | None]] = [
    ("Mørk Crypt", ["en"], None),
    ("Wolf Throne", ["en"], {"strengths": "Recorded live in a church in the fjords"}),
    ("Nocturnal Winter", ["de"], None),
    ("Sofiane B", ["fr"], None),
    ("Sofiane Ninho", ["fr"], {"differentiators": "des textes écrits dans la rue"}),
    ("Mørk Throne", ["it"], None),
    ("Nocturnal Hymn", ["it"], None),
    ("Wolf Crypt", ["de"], None),
    ("Sofiane Krimi", ["de"], None),
    ("Kalash B", ["es"], None),
    ("Djeneba Krimi", ["es"], {"audience": "los fans de la salsa y el reguetón"}),
    ("Frost Hymn", ["pt"], None),
    ("Mørk Abyss", ["pt"], None),
    ("Frost Throne", ["en"], None),
    ("Grave Winter", ["fr"], None),
    (
        "Aldebert",
        ["fr"],
        {"audience": "les enfants et leurs parents", "strengths": "des chansons drôles et tendres"},
    ),
    ("Lulu Soleil", ["fr"], {"audience": "les familles avec de jeunes enfants"}),
    ("Clara Weil", ["de"], None),
    ("Anton Moretti", ["it"], None),
    ("Caleb Rowe", ["en"], None),
    ("Wade Harlan", ["es"], None),
    ("에스파", ["en"], None),
    ("Ashen Crypt", ["fr", "de", "es"], None),
    ("Djeneba Ninho", ["pt", "en"], None),
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
    from shared.models.insights import Event, Region, RelatedQuery, Release, SimilarArtist, Track

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
        # The tour the sandbox's events sources list (Bandsintown / Ticketmaster shapes).
        events=[
            Event(
                date=str(show["date"]),
                city=str(show["city"]),
                country=str(show["country"]),
                venue=str(show["venue"]),
                source="bandsintown",
            )
            for show in a.tour()
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
    parser.add_argument("-n", type=int, default=len(ARTISTS))
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


def _strip_names(text: str, names: list[str], keep: list[str]) -> str:
    """The headline without the artist's and the release's names; a track that contains one
    ("Glass Heart" when the release is "Heart") is a different fact and stays whole."""
    from marketing import preflight
    from shared.typography import plain

    out = plain(text)
    held: list[str] = []
    for k in sorted((k for k in keep if k and k not in names), key=len, reverse=True):

        def hold(m: re.Match[str]) -> str:
            held.append(m.group(0))
            return f"\ue000{len(held) - 1}\ue001"

        out = re.sub(rf"(?<!\w){re.escape(k)}(?!\w)", hold, out, flags=re.I)
    for n in sorted((n for n in names if n), key=len, reverse=True):
        out = re.sub(rf"(?<!\w){re.escape(n)}(?!\w)", " ", out, flags=re.I)
    out = re.sub("\ue000(\\d+)\ue001", lambda m: held[int(m.group(1))], out)
    return preflight.normalise(out)


def _detect_language(texts: list[str]) -> str:
    """The phrasebook language whose function words the texts use most (names do not count)."""
    from marketing import phrasebook

    words = re.findall(r"[^\W\d_]+", " ".join(texts).lower())
    scores = {
        lang: sum(w in set(phrasebook.load(lang).get("stopwords", [])) for w in words)
        for lang in phrasebook.available()
    }
    return max(scores, key=lambda k: scores[k])


def run(args: argparse.Namespace) -> int:
    from marketing.facts import gather
    from marketing.jobs import write_ad_group, write_creative_brief
    from marketing.linter import lint
    from optimizer.fixer import fix_ad
    from optimizer.strength import ad_strength, template_count
    from sandbox import data as sd
    from shared import store
    from shared.models import AdGroup, CampaignRequest
    from shared.settings import reset_settings
    from shared.themes import plan_themes

    reset_settings()
    checker_name, check = policy_checker()
    assets = disapproved = groups = groups_with_kw = 0
    costs_usd: list[float] = []
    latencies: list[float] = []
    providers: dict[str, int] = {}
    heads_total = heads_with_fact = 0
    lint_before: dict[str, int] = {}
    lint_after: dict[str, int] = {}
    lint_examples: list[str] = []
    wrong_language = 0
    languages_requested = 0
    ratings: dict[str, int] = {}
    templates: list[int] = []
    # campaign key -> headlines with names removed; (family, lang) -> campaign keys
    stripped: dict[str, set[str]] = {}
    by_genre: dict[tuple[str, str], list[str]] = {}
    for i, (name, langs, brief) in enumerate(ARTISTS[: args.n]):
        insights = sandbox_insights(name)
        site = f"https://artist{i}.example.com"
        req = CampaignRequest(
            artist=name,
            goals=GOALS[i % len(GOALS)],
            languages=langs,
            # The artist's markets, so a tour's shows are in the targeted countries.
            countries=list(sd.artist(name).family.countries[:3]),
            final_url=f"{site}/music",
            links={
                "site": site,
                "tickets": f"{site}/tour",
                "merch": f"{site}/store",
                "presave": f"{site}/presave",
            },
            brief=brief,
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
        per_lang: dict[str, list[str]] = {}
        answered: dict[str, list[str]] = {}
        for raw in store.get_parts(rec.id, "drafts").values():
            group = AdGroup.model_validate(raw)
            lang = group.language or langs[0]
            facts = gather(req, insights, lang)
            names = [name, facts.release or ""]
            fact_strings = [
                *facts.tracks,
                *(sd_place for sd_place in _places(facts, lang)),
                *facts.similar,
                *([facts.release] if facts.release else []),
                *facts.brief.values(),
            ]
            protected = [name, facts.release or "", *facts.tracks, *facts.similar]
            groups += 1
            providers[group.written_by["provider"]] = providers.get(group.written_by["provider"], 0) + 1
            kws = [k.text.lower() for k in group.keywords]
            carrying = {
                h.text for ad in group.ads for h in ad.headlines if any(k in h.text.lower() for k in kws if k)
            }
            groups_with_kw += len(carrying) >= 2
            context = {
                "artist": name,
                "brand_terms": [name],
                "language": lang,
                "keywords": [k.text for k in group.keywords],
                "third_party_terms": [s.name for s in insights.similar_artists],
            }
            for ad in group.ads:
                texts = [h.text for h in ad.headlines] + [d.text for d in ad.descriptions]
                answered.setdefault(lang, []).extend(texts)
                for h in ad.headlines:
                    heads_total += 1
                    heads_with_fact += any(f and f.lower() in h.text.lower() for f in fact_strings)
                    per_lang.setdefault(lang, []).append(h.text)
                assets += len(ad.headlines) + len(ad.descriptions)
                disapproved += len(check(ad, context))
                for t in texts:
                    for issue in lint(t, lang, protected):
                        lint_before[issue.split(":")[0]] = lint_before.get(issue.split(":")[0], 0) + 1
                        if len(lint_examples) < 12:
                            lint_examples.append(f"{lang}: {t!r}: {issue}")
                fixed, _changes, _ = fix_ad(ad, context, artist=name)
                for t in [h.text for h in fixed.headlines] + [d.text for d in fixed.descriptions]:
                    for issue in lint(t, lang, protected):
                        lint_after[issue.split(":")[0]] = lint_after.get(issue.split(":")[0], 0) + 1
                strength = ad_strength(fixed, context["keywords"])
                ratings[strength.rating] = ratings.get(strength.rating, 0) + 1
                templates.append(template_count([h.text for h in fixed.headlines]))
            stripped_key = f"{name}|{lang}"
            stripped.setdefault(stripped_key, set()).update(
                _strip_names(h.text, names, facts.tracks) for ad in group.ads for h in ad.headlines
            )
        for lang in langs:
            languages_requested += 1
            texts = answered.get(lang)
            if not texts or _detect_language(texts) != lang:
                wrong_language += 1
        for lang in langs:
            by_genre.setdefault((sd.artist(name).family.name, lang), []).append(f"{name}|{lang}")

    verbatim = []
    for key, heads in stripped.items():
        others = set().union(*(h for k, h in stripped.items() if k.split("|")[0] != key.split("|")[0]))
        heads = {h for h in heads if h}
        verbatim.append(len(heads & others) / max(1, len(heads)))
    jaccards = []
    for keys in by_genre.values():
        for a, b in itertools.combinations([k for k in keys if k in stripped], 2):
            ha, hb = stripped[a] - {""}, stripped[b] - {""}
            jaccards.append(len(ha & hb) / max(1, len(ha | hb)))
    result = {
        "artists": len(latencies),
        "campaign_languages": languages_requested,
        "provider": args.provider,
        "ad_groups": groups,
        "written_by": providers,
        "assets": assets,
        "checker": checker_name,
        "disapproved_assets": disapproved,
        "disapproved_share": round(disapproved / max(1, assets), 4),
        "fact_headline_share": round(heads_with_fact / max(1, heads_total), 4),
        "target_fact_headline_share": 0.6,
        "verbatim_shared_headline_share": round(statistics.mean(verbatim), 4),
        "target_verbatim_shared_headline_share": 0.15,
        "same_genre_pairs": len(jaccards),
        "same_genre_jaccard_mean": round(statistics.mean(jaccards), 4) if jaccards else None,
        "same_genre_jaccard_max": round(max(jaccards), 4) if jaccards else None,
        "target_same_genre_jaccard": 0.15,
        "lint_errors_before_optimization": sum(lint_before.values()),
        "lint_errors_after_optimization": sum(lint_after.values()),
        "lint_by_kind": {"before": lint_before, "after": lint_after},
        "lint_examples": lint_examples,
        "languages_answered_in_another_language": wrong_language,
        "ad_strength": ratings,
        "headline_templates_per_ad_mean": round(statistics.mean(templates), 2),
        "keyword_inclusion": round(groups_with_kw / max(1, groups), 4),
        "mean_cost_usd": round(statistics.mean(costs_usd), 6),
        "mean_latency_s": round(statistics.mean(latencies), 3),
    }
    if os.environ.get("BENCH_SHARED"):
        counts: dict[str, int] = {}
        for heads in stripped.values():
            for h in heads:
                counts[h] = counts.get(h, 0) + 1
        result["most_shared"] = sorted(counts.items(), key=lambda kv: -kv[1])[:40]
    print(json.dumps(result, indent=2, ensure_ascii=False))
    return 0


def _places(facts, lang: str) -> list[str]:
    from marketing import phrasebook

    return [phrasebook.place(c, lang) for c in facts.cities + facts.countries]


if __name__ == "__main__":
    sys.exit(main())
