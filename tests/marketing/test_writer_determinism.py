"""The offline writer must write the same ad group in every process: RQ runs jobs in separate worker
processes, and Python salts str hashes per process (PYTHONHASHSEED), so any set-order or hash()
dependence would give the same artist different ads depending on which worker picked the job."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ("0", "1", "2", "12345")

# Runs in a fresh interpreter: every theme, both languages, a first draft and a revision with an avoid
# list, for a rich artist, a K-pop group and an artist nobody found.
_SCRIPT = """
import json
from marketing.facts import gather
from marketing.offline_writer import compose
from shared.themes import THEMES
from tests.marketing.conftest import black_metal, kpop, request_for

out = {}
for make in (black_metal, kpop, None):
    ins = make() if make else None
    for lang in ("en", "fr"):
        req = request_for(ins, languages=[lang], goals=["streams", "tickets", "merch", "presave"])
        facts = gather(req, ins)
        for theme in THEMES:
            for rev, avoid in ((0, []), (1, ["word:cold"])):
                key = f"{facts.artist}/{lang}/{theme}/{rev}"
                out[key] = compose(facts, theme, revision=rev, avoid=avoid).model_dump(mode="json")
print(json.dumps(out, sort_keys=True, ensure_ascii=False))
"""


def _start(seed: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        [sys.executable, "-c", _SCRIPT],
        cwd=ROOT,
        env=env,
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def _result(proc: subprocess.Popen[str]) -> dict:
    out, err = proc.communicate(timeout=180)
    assert proc.returncode == 0, err[-2000:]
    return json.loads(out)


def test_same_ads_whatever_the_hash_seed():
    procs = {seed: _start(seed) for seed in SEEDS}  # in parallel: each is a fresh interpreter
    results = {seed: _result(proc) for seed, proc in procs.items()}
    reference = results[SEEDS[0]]
    assert len(reference) > 50
    for seed in SEEDS[1:]:
        differing = [k for k in reference if reference[k] != results[seed].get(k)]
        assert not differing, f"PYTHONHASHSEED={seed} wrote different ads for {differing[:5]}"
