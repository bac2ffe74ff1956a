"""The compiled policy engine (shared/compiled.py) is used only while it matches its source, can be
turned off, and gives byte for byte the answers of the Python engine."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from shared import compiled
from tests.optimizer.golden_corpus import make_corpus

ROOT = Path(__file__).resolve().parents[2]


def _fake_build(where: Path, name: str, digest: str) -> Path:
    base = where.joinpath(*name.split("."))
    base.parent.mkdir(parents=True, exist_ok=True)
    binary = base.with_name(base.name + compiled.SUFFIX)
    binary.write_bytes(b"\x7fELF not really")
    base.with_name(base.name + ".sha256").write_text(digest + "\n")
    return binary


def test_a_build_of_another_version_of_the_source_is_not_loaded(tmp_path: Path) -> None:
    name = "shared.policy.screen"
    source = ROOT / "shared" / "policy" / "screen.py"
    _fake_build(tmp_path, name, "0" * 64)  # built from some other text of screen.py
    assert compiled.compiled_path(name, tmp_path) is None
    binary = _fake_build(tmp_path, name, compiled._digest(source))
    assert compiled.compiled_path(name, tmp_path) == binary


def test_a_half_built_module_is_not_loaded(tmp_path: Path) -> None:
    name = "shared.policy.text"
    base = tmp_path / "shared" / "policy" / "text"
    base.parent.mkdir(parents=True)
    base.with_name("text.sha256").write_text(compiled._digest(ROOT / "shared/policy/text.py"))
    assert compiled.compiled_path(name, tmp_path) is None  # the stamp without the binary


def _module_files(env: dict[str, str]) -> dict[str, str]:
    code = (
        "import json, shared.policy, optimizer.strength, sys;"
        "print(json.dumps({n: sys.modules[n].__file__ for n in ('shared.policy.screen', 'optimizer.strength')}))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    return json.loads(out.stdout)


def test_pure_python_switch() -> None:
    files = _module_files({**os.environ, "BANDCREW_PURE_PYTHON": "1"})
    assert all(f.endswith(".py") for f in files.values()), files


def _built() -> bool:
    return all(compiled.compiled_path(name) is not None for name in compiled.MODULES)


@pytest.mark.skipif(not _built(), reason="no compiled engine built from this source (make speedups)")
def test_compiled_engine_gives_the_python_engines_bytes(tmp_path: Path) -> None:
    files = _module_files({**os.environ, "BANDCREW_PURE_PYTHON": "0"})
    assert all(f.endswith(compiled.SUFFIX) for f in files.values()), files
    batch = tmp_path / "batch.jsonl"
    lines = [json.dumps({"ad": ad, "context": ctx}, ensure_ascii=False) for ad, ctx in make_corpus()[:1500]]
    batch.write_text("\n".join(lines) + "\n", "utf-8")
    bandcrew = Path(sys.executable).with_name("bandcrew")
    outputs = []
    for pure in ("0", "1"):
        env = {**os.environ, "BANDCREW_PURE_PYTHON": pure}
        proc = subprocess.run(
            [str(bandcrew), "check-ad", "--jsonl", str(batch)], capture_output=True, env=env
        )
        assert proc.returncode in (0, 1, 2), proc.stderr
        outputs.append(proc.stdout)
    assert outputs[0] == outputs[1]
    assert outputs[0].count(b"\n") == len(lines)
