"""Golden-file regression test of the policy engine: every finding (policy, severity, field,
message, fix and order) for a few thousand varied ads must stay exactly as recorded. It guards
performance work on `check_ad`, which must never change a single result.

The snapshot lives in tests/optimizer/data/policy_golden.json.gz; regenerate it only for an
intended, reviewed behaviour change:

    .venv/bin/python -m tests.optimizer.test_policy_golden --write
"""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path
from typing import Any

from shared.models import AdInput
from shared.policy import CheckContext, check_ad
from shared.policy.registry import reference_findings, run_rules, sort_findings
from tests.optimizer.golden_corpus import make_corpus

SNAPSHOT = Path(__file__).parent / "data" / "policy_golden.json.gz"


def _compact(report: Any) -> list[Any]:
    """The report as plain lists (a third of the size of model_dump dicts)."""
    return [
        report.compliant,
        [[f.policy, f.severity, f.field, f.message, f.fix] for f in report.findings],
        [c.model_dump() for c in report.changes],
    ]


def compute() -> list[dict[str, Any]]:
    """One entry per (case, variant): the context as given, no context at all, and (for every
    fifth ad) the advisory ad-strength findings too."""
    out = []
    for i, (ad, ctx) in enumerate(make_corpus()):
        out.append({"case": i, "variant": "context", "report": _compact(check_ad(ad, ctx))})
        out.append({"case": i, "variant": "none", "report": _compact(check_ad(ad))})
        if i % 5 == 0:
            out.append(
                {"case": i, "variant": "advisory", "report": _compact(check_ad(ad, ctx, advisory=True))}
            )
    return out


def _load() -> list[dict[str, Any]]:
    with gzip.open(SNAPSHOT, "rt", encoding="utf-8") as f:
        return json.load(f)


def test_corpus_is_large_and_varied() -> None:
    corpus = make_corpus()
    assert len(corpus) >= 3000
    flagged = {f[0] for entry in _load() for f in entry["report"][1]}
    assert len(flagged) >= 15  # every policy family fires somewhere in the corpus


def test_every_finding_matches_the_snapshot() -> None:
    expected = _load()
    actual = json.loads(json.dumps(compute()))  # JSON round trip: tuples and lists compare equal
    assert len(actual) == len(expected)
    for got, want in zip(actual, expected, strict=True):
        if got != want:
            ad, ctx = make_corpus()[got["case"]]
            raise AssertionError(
                f"case {got['case']} ({got['variant']}) differs\nad={ad!r}\nctx={ctx!r}\n"
                f"expected={json.dumps(want['report'], ensure_ascii=False, indent=1)}\n"
                f"actual={json.dumps(got['report'], ensure_ascii=False, indent=1)}"
            )


def test_fused_pass_matches_the_rules_run_one_by_one() -> None:
    """`check_ad` runs the rules' per-text parts in one memoised pass; the RULES registry's
    functions, run one after the other on a full AdView, must give exactly the same findings."""
    for ad, ctx in make_corpus():
        model, context = AdInput.model_validate(ad), CheckContext.of(ctx)
        assert sort_findings(run_rules(model, context)) == reference_findings(model, context), (ad, ctx)


def test_batch_fast_path_matches_the_plain_response() -> None:
    """`bandcrew check-ad --jsonl` builds plain requests without pydantic validation
    (optimizer.cli.fast_check); its JSON must equal the ordinary check response's, byte for byte
    once serialised, on the golden corpus and the labelled corpus of tests/policy."""
    import orjson

    from optimizer.api import check_response
    from optimizer.cli import fast_check
    from tests.policy.corpus import CASES, request

    requests = [{"ad": ad, "context": ctx} for ad, ctx in make_corpus()]
    requests += [{"ad": ad, "context": ctx} for ad, ctx in map(request, CASES)]
    fast = 0
    for req in requests:
        got = fast_check(req)
        if got is None:
            continue
        fast += 1
        assert orjson.dumps(got) == orjson.dumps(check_response(req)), req
    assert fast >= len(requests) // 2  # the corpus also holds keyword objects and odd shapes


def _benchmark_batch(n: int, seed: int) -> list[dict[str, Any]]:
    """Requests from the throughput benchmark's generator (bench/policy_checks.py): eight
    languages, brand names with symbols, dates, times, prices and a violation in a quarter of them."""
    import importlib.util

    path = Path(__file__).resolve().parents[2] / "bench" / "policy_checks.py"
    spec = importlib.util.spec_from_file_location("bench_policy_checks", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.make_batch(n, seed=seed)


def test_fused_pass_equals_the_rules_on_generated_ads() -> None:
    """The screen clears most texts before any rule runs (shared/policy/screen.py): on texts it
    was not tuned on (a seed the benchmark does not use), the fused pass still finds exactly what
    every rule run on its own finds."""
    for req in _benchmark_batch(1200, seed=7):
        model, context = AdInput.model_validate(req["ad"]), CheckContext.of(req["context"])
        assert sort_findings(run_rules(model, context)) == reference_findings(model, context), req


def test_a_batch_makes_no_reference_cycles() -> None:
    """The batch CLI turns the cyclic garbage collector off (optimizer/cli.py): that is only sound
    while checking a request frees everything it allocates by reference count."""
    import gc

    import orjson

    from optimizer.cli import _check_lines

    requests = [{"ad": ad, "context": ctx} for ad, ctx in make_corpus()[:300]]
    requests += _benchmark_batch(300, seed=11)
    lines = [(n, orjson.dumps(r).decode()) for n, r in enumerate(requests, start=1)]
    _check_lines(lines[:20])  # what loads on first use is not garbage
    gc.collect()
    gc.disable()
    try:
        _check_lines(lines)
        assert gc.collect() == 0
    finally:
        gc.enable()


if __name__ == "__main__":
    if "--write" not in sys.argv:
        sys.exit("usage: python -m tests.optimizer.test_policy_golden --write")
    SNAPSHOT.parent.mkdir(parents=True, exist_ok=True)
    data = json.dumps(compute(), ensure_ascii=False, separators=(",", ":"))
    with gzip.GzipFile(SNAPSHOT, "wb", mtime=0) as f:
        f.write(data.encode("utf-8"))
    print(f"wrote {SNAPSHOT} ({SNAPSHOT.stat().st_size} bytes, {len(data)} characters)")
