"""Throughput of the OPTIMIZER's policy engine in one process.

    .venv/bin/python bench/policy_checks.py [--ads 2000] [--rounds 3]   (make bench-optimizer)

Builds a varied set of realistic RSAs (3-15 headlines, 2-4 descriptions, several artists and
languages, about a third with violations: shouting, "!!", emoji, phone numbers, mp3 downloads,
over-long text, duplicates), then times `check_ad` and `fix_ad` over them and prints JSON with
RSAs checked per second and fixes per second (best of the rounds). Per-text results are memoised
(assets recur across the variants of a group, re-checks and fix passes); the cold-cache figure
clears those caches before each round, so it counts every text as never seen before."""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from typing import Any

from optimizer.fixer import fix_ad
from shared.models import AdInput
from shared.policy import check_ad

ARTISTS = ["Luna", "AC/DC", "P!nk", "MØ", "U2", "The Tides", "Nova Lee", "Blink-182"]
HEADLINES = [
    "{a} New Album Out Now",
    "Stream {a} Today",
    "{a} Live In Berlin",
    "Tour Dates Across Europe",
    "Signed Vinyl While It Lasts",
    "Hear The New Single",
    "{a} Official Store",
    "Ten Songs In One Take",
    "Limited Blue Vinyl Pressing",
    "Watch The Live Session",
    "Join The Mailing List",
    "Acoustic Versions Soon",
    "1st Edition Vinyl",
    "Stream 24/7 On All Platforms",
    "Buy 1, Get 1 Half Off Posters",
    "Écoutez Le Nouvel Album",
    "新专辑现已上线",
    "{a} Tickets On Sale",
]
BAD_HEADLINES = [
    "NEW ALBUM OUT NOW!!",
    "{a} 🔥 New Single",
    "Call 555-123-4567 Today",
    "Free MP3 Download",
    "{a} New Album Out Now On Every Platform Today",
    "Click Here For Tickets",
    "See U At The Show",
    "Stream  The Album",
    "Best Live Show Ever",
    "Tour Tour Tour",
]
DESCRIPTIONS = [
    "Stream the new album on all platforms, ten new songs about the sea.",
    "See the tour dates and get signed vinyl from the official store.",
    "Recorded live in one take in a lighthouse on the North Sea coast.",
    "Join the mailing list for presale news and early access to new music.",
    "Doors at 7:30 pm, tickets from $25, all ages welcome!",
]
BAD_DESCRIPTIONS = [
    "Get tickets now!!! Call (555) 123 4567 for groups.",
    "1) Vinyl 2) CD 3) Cassette, all signed and...",
    "You won't believe this new single, visit spotify.com today.",
]


def make_ads(n: int, seed: int = 7) -> list[tuple[AdInput, dict[str, Any]]]:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        artist = rng.choice(ARTISTS)
        heads = rng.sample(HEADLINES, rng.randint(3, 15))
        descs = rng.sample(DESCRIPTIONS, rng.randint(2, 4))
        if i % 3 == 0:
            heads[rng.randrange(len(heads))] = rng.choice(BAD_HEADLINES)
            if i % 2 == 0:
                descs[0] = rng.choice(BAD_DESCRIPTIONS)
        ad = AdInput(
            headlines=[h.format(a=artist) for h in heads],
            descriptions=descs,
            path1="new-album",
            final_url="https://artist.example.com/new",
        )
        out.append(
            (ad, {"brand_terms": [artist], "language": "en", "keywords": [artist.lower(), "new album"]})
        )
    return out


def clear_caches() -> None:
    """Forget every memoised per-text result, to measure a batch whose texts were never seen."""
    for name, module in list(sys.modules.items()):
        if name.startswith("optimizer"):
            for value in vars(module).values():
                if hasattr(value, "cache_clear"):
                    value.cache_clear()


def _rate(
    fn: Any, ads: list[tuple[AdInput, dict[str, Any]]], rounds: int, cold: bool = False
) -> tuple[float, float]:
    best = float("inf")
    for _ in range(rounds):
        if cold:
            clear_caches()
        t0 = time.perf_counter()
        for ad, ctx in ads:
            fn(ad, ctx)
        best = min(best, time.perf_counter() - t0)
    return len(ads) / best, best


def main(argv: list[str] | None = None) -> dict[str, Any]:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--ads", type=int, default=2000)
    p.add_argument("--rounds", type=int, default=3)
    args = p.parse_args(argv)
    ads = make_ads(args.ads)
    check_ad(*ads[0])  # warm the regex and width caches
    cold, _ = _rate(check_ad, ads, args.rounds, cold=True)
    checks, t_check = _rate(check_ad, ads, args.rounds)
    fixes, t_fix = _rate(fix_ad, ads, args.rounds)
    reports = [check_ad(ad, ctx) for ad, ctx in ads]
    result = {
        "ads": len(ads),
        "with_disapproval": sum(1 for r in reports if not r.compliant),
        "checks_per_second": round(checks),
        "checks_per_second_cold_cache": round(cold),
        "fixes_per_second": round(fixes),
        "check_seconds": round(t_check, 3),
        "fix_seconds": round(t_fix, 3),
        "target_checks_per_second": 5000,
    }
    print(json.dumps(result))
    return result


if __name__ == "__main__":
    main()
