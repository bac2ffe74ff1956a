"""Throughput of the policy engine on text it has never seen, and on repeated text.

    .venv/bin/python bench/policy_checks.py [--ads 20000] [--runs 3]     (make bench-policy)

Generates RSAs of 10 headlines and 4 descriptions in eight languages (en, fr, de, es, pt, it, ja,
ko) from templates whose slots are filled with made-up release names, cities, dates, prices and
numbers, so that no headline or description occurs twice in the whole batch (the script checks).
About a quarter of the ads carry a violation (shouting, "!!", emoji, a phone number, a shortener,
piracy or betting wording...), so the rules do real work. Then:

- cli_never_seen: `bandcrew check-ad --jsonl FILE` in a fresh process (start-up included) over the
  batch: every text new to the process.
- cli_never_seen_python_engine: the same, with the engine's Python source even where the compiled
  build exists (BANDCREW_PURE_PYTHON=1): what a machine without a C compiler gets.
- cli_repeated: the same command over a batch of the first 2,000 ads repeated to the same size (what
  the memoised per-text results give when assets recur across variants and re-checks).
- in_process_never_seen / in_process_repeated: `check_ad` in this process, without the JSON I/O.

Each figure is the median of --runs runs (the machine is shared: medians, not best-of), with the
CPU seconds the CLI used (user + system, workers included) beside the wall clock, and the load
average, since other processes on the machine slow the wall clock down. Prints JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BANDCREW = Path(sys.executable).with_name("bandcrew")

SYL = [
    "ka",
    "lo",
    "mi",
    "ra",
    "ne",
    "so",
    "tu",
    "vi",
    "be",
    "da",
    "fe",
    "gu",
    "ho",
    "ji",
    "ku",
    "la",
    "mo",
    "nu",
    "pe",
    "ri",
    "sa",
    "te",
    "vo",
    "wa",
    "ze",
    "lu",
]
CITIES = [
    "Berlin",
    "Paris",
    "Madrid",
    "Lisbon",
    "Rome",
    "Tokyo",
    "Seoul",
    "Lyon",
    "Porto",
    "Milan",
    "Hamburg",
    "Osaka",
    "Busan",
    "Sevilla",
]
ARTISTS = ["Luna Vale", "The Tides", "Nova Lee", "MØ", "P!nk", "AC/DC", "Kairo", "Blink-182", "Mira Sol"]

TEMPLATES: dict[str, tuple[list[str], list[str]]] = {
    "en": (
        [
            "{r} Out Now",
            "Stream {r} Today",
            "{a} Live In {c}",
            "{c} Show On {d}",
            "Signed {r} Vinyl",
            "New Single {r}",
            "{r} Deluxe Edition",
            "Hear {r} By {a}",
            "{a} In {c} {y}",
            "Limited {r} Pressing",
        ],
        [
            "Stream {r}, the new album by {a}, with {n} new songs recorded in {c}.",
            "See {a} live in {c} on {d}. Doors open at {h} pm.",
            "Get the {r} vinyl from the official store, {n} copies pressed.",
            "Join the mailing list for news about {r} and the {c} show.",
        ],
    ),
    "fr": (
        [
            "{r} Disponible",
            "Écoutez {r}",
            "{a} En Concert À {c}",
            "Vinyle {r} Dédicacé",
            "Nouveau Single {r}",
            "{a} Le {d} À {c}",
        ],
        [
            "Écoutez {r}, le nouvel album de {a}, {n} titres enregistrés à {c}.",
            "Retrouvez {a} en concert à {c} le {d}, ouverture des portes à {h} h.",
            "Le vinyle {r} est sur la boutique officielle, {n} exemplaires.",
        ],
    ),
    "de": (
        [
            "{r} Jetzt Erhältlich",
            "Hör {r} Von {a}",
            "{a} Live In {c}",
            "{r} Auf Vinyl",
            "Neue Single {r}",
            "{a} Am {d} In {c}",
        ],
        [
            "Hör {r}, das neue Album von {a}, mit {n} neuen Songs aus {c}.",
            "Erlebe {a} am {d} live in {c}, Einlass ab {h} Uhr.",
            "Das Vinyl {r} gibt es im offiziellen Shop, {n} Exemplare.",
        ],
    ),
    "es": (
        [
            "{r} Ya Disponible",
            "Escucha {r}",
            "{a} En Vivo En {c}",
            "Vinilo {r} Firmado",
            "Nuevo Sencillo {r}",
            "{a} El {d} En {c}",
        ],
        [
            "Escucha {r}, el nuevo disco de {a}, con {n} canciones grabadas en {c}.",
            "Ve a {a} en directo en {c} el {d}, puertas a las {h}.",
            "El vinilo {r} está en la tienda oficial, {n} copias.",
        ],
    ),
    "pt": (
        [
            "{r} Já Disponível",
            "Ouça {r}",
            "{a} Ao Vivo Em {c}",
            "Vinil {r} Autografado",
            "Novo Single {r}",
        ],
        [
            "Ouça {r}, o novo álbum de {a}, com {n} faixas gravadas em {c}.",
            "Veja {a} ao vivo em {c} no dia {d}, portas às {h}h.",
            "O vinil {r} está na loja oficial, {n} cópias.",
        ],
    ),
    "it": (
        [
            "{r} Disponibile Ora",
            "Ascolta {r}",
            "{a} Dal Vivo A {c}",
            "Vinile {r} Autografato",
            "Nuovo Singolo {r}",
        ],
        [
            "Ascolta {r}, il nuovo album di {a}, {n} brani registrati a {c}.",
            "{a} dal vivo a {c} il {d}, apertura porte alle {h}.",
        ],
    ),
    "ja": (
        [
            "{r} 配信開始",
            "{a} ニューアルバム{r}",
            "{c}公演 {d}",
            "{r} 限定盤{n}枚",
            "{a}の新曲{r}",
        ],
        [
            "{a}の新作「{r}」を今すぐ聴こう。全{n}曲を{c}で録音。",
            "{c}公演は{d}開催、開場は{h}時です。",
            "{r}のアナログ盤を公式ストアで販売中、限定{n}枚。",
        ],
    ),
    "ko": (
        [
            "{r} 지금 공개",
            "{a} 새 앨범 {r}",
            "{c} 공연 {d}",
            "{r} 한정판 {n}장",
            "{a}의 신곡 {r}",
        ],
        [
            "{a}의 새 앨범 {r}을 지금 들어 보세요. {n}곡을 {c}에서 녹음했습니다.",
            "{c} 공연은 {d}에 열립니다. 입장은 {h}시부터.",
            "공식 스토어에서 {r} LP를 판매합니다. 한정 {n}장.",
        ],
    ),
}
# One violation each, across the families (never-seen too: the slots are filled the same way).
BAD_HEADLINES = [
    "{r} OUT NOW",
    "{r} Out Now!!",
    "Stream {r} 🔥",
    "Call 555-{p} Now",
    "Free {r} MP3 Download",
    "Click Here For {r}",
    "Bet On {a} In {c}",
    "bit.ly/{r}",
    "Best Album Of {y}",
    "{r} Replica Merch",
    "Tickets Resale {c} {d}",
    "Buy{r}Here Now",
]
BAD_DESCRIPTIONS = [
    "You won't believe what {a} did in {c}, click to find out!",
    "Download {r} for free at {r}.zip and share it with everyone.",
    "Resale seats for the sold-out {c} show, above face value.",
    "Click to win VIP passes for the {c} show on {d}.",
    "電話 03-{p}まで。{r}のチケット。",
]
DAYS = ["May {n}", "June {n}", "{n}/06", "{n}.10."]


def _release(rng: random.Random) -> str:
    return "".join(rng.choice(SYL) for _ in range(rng.randint(2, 3))).capitalize() + rng.choice(
        ["", "", " " + "".join(rng.choice(SYL) for _ in range(2)).capitalize()]
    )


def _fill(template: str, rng: random.Random, artist: str, lang: str) -> str:
    n = rng.randint(2, 99)
    d = rng.choice(DAYS).format(n=rng.randint(1, 28))
    if lang in ("ja", "ko"):
        d = (
            f"{rng.randint(1, 12)}월 {rng.randint(1, 28)}일"
            if lang == "ko"
            else f"{rng.randint(1, 12)}月{n % 28 + 1}日"
        )
    return template.format(
        r=_release(rng),
        a=artist,
        c=rng.choice(CITIES),
        d=d,
        n=n,
        h=rng.randint(6, 9),
        y=rng.randint(2020, 2030),
        p=f"{rng.randint(100, 999)}-{rng.randint(1000, 9999)}",
    )


def make_batch(n: int, seed: int = 20261201) -> list[dict[str, Any]]:
    """n check requests whose headlines and descriptions are all distinct."""
    rng = random.Random(seed)
    seen: set[str] = set()
    langs = list(TEMPLATES)

    def unique(templates: list[str], artist: str, lang: str) -> str:
        for _ in range(200):
            text = _fill(rng.choice(templates), rng, artist, lang)
            if text not in seen:
                seen.add(text)
                return text
        raise RuntimeError("could not make a new text")

    out = []
    for i in range(n):
        lang = langs[i % len(langs)]
        heads_t, descs_t = TEMPLATES[lang]
        artist = rng.choice(ARTISTS)
        heads = [unique(heads_t, artist, lang) for _ in range(10)]
        descs = [unique(descs_t, artist, lang) for _ in range(4)]
        if i % 4 == 0:
            heads[rng.randrange(10)] = unique(BAD_HEADLINES, artist, lang)
        if i % 8 == 0:
            descs[rng.randrange(4)] = unique(BAD_DESCRIPTIONS, artist, lang)
        out.append(
            {
                "ad": {
                    "headlines": heads,
                    "descriptions": descs,
                    "path1": "music",
                    "final_url": "https://artist.example.com/new",
                },
                "context": {"brand_terms": [artist], "language": lang},
            }
        )
    return out


def _median(values: list[float]) -> float:
    return statistics.median(values)


def cli_rate(
    path: Path, count: int, runs: int, workers: int | None = None, python_engine: bool = False
) -> tuple[float, list[float], float]:
    """(RSAs per wall second, wall seconds per run, RSAs per CPU second) of the batch CLI. The CPU
    figure (user + system time of the CLI and its workers) does not depend on what else the shared
    machine runs; the wall figure does. `python_engine`: the engine's Python source even where a
    compiled build exists (BANDCREW_PURE_PYTHON=1, shared/compiled.py)."""
    import resource

    secs, cpu = [], []
    argv = [str(BANDCREW), "check-ad", "--jsonl", str(path)]
    if workers is not None:
        argv += ["--workers", str(workers)]
    env = {**os.environ, "BANDCREW_PURE_PYTHON": "1" if python_engine else "0"}
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        with open(os.devnull, "wb") as sink:
            proc = subprocess.run(argv, stdout=sink, check=False, env=env)
        secs.append(time.perf_counter() - t0)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
        if proc.returncode not in (0, 1):
            raise SystemExit(f"check-ad exited {proc.returncode}")
    return count / _median(secs), secs, count / _median(cpu)


def in_process(batch: list[dict[str, Any]], runs: int) -> tuple[float, float]:
    """(never-seen, repeated) checks per second in this process, medians of runs."""
    from shared.policy import check_ad
    from shared.policy.registry import clear_caches

    fresh, again = [], []
    for _ in range(runs):
        clear_caches()
        t0 = time.perf_counter()
        for req in batch:
            check_ad(req["ad"], req["context"])
        fresh.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        for req in batch:
            check_ad(req["ad"], req["context"])
        again.append(time.perf_counter() - t0)
    return len(batch) / _median(fresh), len(batch) / _median(again)


def main(argv: list[str] | None = None) -> dict[str, Any]:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--ads", type=int, default=20000)
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--in-process-ads", type=int, default=4000)
    args = p.parse_args(argv)
    batch = make_batch(args.ads)
    texts = [t for r in batch for t in r["ad"]["headlines"] + r["ad"]["descriptions"]]
    assert len(set(texts)) == len(texts), "every text must be new"
    repeated = (batch[:2000] * (args.ads // 2000 + 1))[: args.ads]
    with tempfile.TemporaryDirectory() as tmp:
        fresh_path, rep_path = Path(tmp) / "fresh.jsonl", Path(tmp) / "repeated.jsonl"
        fresh_path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in batch), "utf-8")
        rep_path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in repeated), "utf-8")
        cli_fresh, fresh_secs, cpu_fresh = cli_rate(fresh_path, len(batch), args.runs)
        cli_py, py_secs, cpu_py = cli_rate(fresh_path, len(batch), args.runs, python_engine=True)
        cli_rep, rep_secs, cpu_rep = cli_rate(rep_path, len(repeated), args.runs)
    ip_fresh, ip_rep = in_process(make_batch(args.in_process_ads, seed=7), args.runs)
    from shared.compiled import MODULES, compiled_path

    built = all(compiled_path(name) is not None for name in MODULES)
    result = {
        # compiled: `make install` built the engine with Cython (shared/compiled.py); python: it did
        # not (no C compiler), and both never-seen figures below are the Python engine's.
        "engine": "compiled" if built else "python",
        "ads": len(batch),
        "texts_per_ad": 14,
        "distinct_texts": len(texts),
        "languages": list(TEMPLATES),
        "runs": args.runs,
        "cli_never_seen_rsas_per_second": round(cli_fresh),
        "cli_never_seen_seconds": [round(s, 2) for s in fresh_secs],
        "cli_never_seen_rsas_per_cpu_second": round(cpu_fresh),
        "cli_never_seen_python_engine_rsas_per_second": round(cli_py),
        "cli_never_seen_python_engine_seconds": [round(s, 2) for s in py_secs],
        "cli_never_seen_python_engine_rsas_per_cpu_second": round(cpu_py),
        "cli_repeated_rsas_per_second": round(cli_rep),
        "cli_repeated_seconds": [round(s, 2) for s in rep_secs],
        "cli_repeated_rsas_per_cpu_second": round(cpu_rep),
        "load_average_1min_at_end": round(os.getloadavg()[0], 2),
        "cpus": os.cpu_count(),
        "in_process_never_seen_rsas_per_second": round(ip_fresh),
        "in_process_repeated_rsas_per_second": round(ip_rep),
        "target_cli_never_seen_rsas_per_second": 5000,
        "command": "bandcrew check-ad --jsonl FILE (start-up included), median of runs",
    }
    print(json.dumps(result))
    return result


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
