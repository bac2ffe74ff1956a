"""Recall and clean pass of the policy engine on the labelled corpus (tests/policy/corpus.py).

    .venv/bin/python -m tests.policy.metrics [--heldout]   prints JSON per language, and the misses

Recall: of the cases labelled with a policy, the share where the engine reports that policy on the
case's field. Clean pass: of the cases labelled clean, the share where the engine reports nothing
at all (disapproved or limited) on the case's field."""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any

from shared.policy import check_ad
from tests.policy.corpus import CASES, FIELD, Case, request


def outcome(case: Case) -> tuple[bool, list[str]]:
    ad, ctx = request(case)
    found = [f"{f.policy}: {f.message}" for f in check_ad(ad, ctx).findings if f.field == FIELD[case.where]]
    policies = {s.split(":", 1)[0] for s in found}
    ok = case.policy in policies if case.policy else not found
    return ok, found


def measure(cases: list[Case] | None = None) -> dict[str, Any]:
    per: dict[str, dict[str, int]] = defaultdict(lambda: {"bad": 0, "caught": 0, "clean": 0, "passed": 0})
    misses = []
    for case in CASES if cases is None else cases:
        ok, found = outcome(case)
        row = per[case.language]
        if case.policy:
            row["bad"] += 1
            row["caught"] += ok
        else:
            row["clean"] += 1
            row["passed"] += ok
        if not ok:
            misses.append({"case": case._asdict(), "found": found})
    out: dict[str, Any] = {}
    for lang, r in per.items():
        out[lang] = {
            "violating": r["bad"],
            "recall": round(r["caught"] / r["bad"], 3) if r["bad"] else None,
            "clean": r["clean"],
            "clean_pass": round(r["passed"] / r["clean"], 3) if r["clean"] else None,
        }
    bad = sum(r["bad"] for r in per.values())
    clean = sum(r["clean"] for r in per.values())
    out["all"] = {
        "violating": bad,
        "recall": round(sum(r["caught"] for r in per.values()) / bad, 3),
        "clean": clean,
        "clean_pass": round(sum(r["passed"] for r in per.values()) / clean, 3),
    }
    return {"per_language": out, "misses": misses}


if __name__ == "__main__":
    import sys

    from tests.policy.heldout import HELDOUT

    result = measure(HELDOUT if "--heldout" in sys.argv else None)
    print(json.dumps(result["per_language"], ensure_ascii=False))
    for m in result["misses"]:
        print(json.dumps(m, ensure_ascii=False))
