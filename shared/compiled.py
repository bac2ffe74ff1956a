"""The policy engine compiled to C with Cython, used only while it matches its source.

The engine is pure Python, and that is what runs unless a compiled copy exists. `make install`
(and `make speedups`) compiles the hot modules below with Cython when a C compiler is present: the
same source, no annotations or rewrites, about a sixth less CPU per ad checked (README, "Policy
check throughput"). The compiled modules live outside the source tree (`.speedups/`, or
BANDCREW_SPEEDUPS_DIR) with the SHA-256 of the source each was built from, and `install` puts an
import hook first on `sys.meta_path` that loads a compiled module only when that hash matches the
source on disk: edit a module and the pure Python runs until the next build, so a stale build can
never run old code. BANDCREW_PURE_PYTHON=1 turns the hook off (the golden tests run both ways).

    bandcrew speedups build [--optional]   compile (needs Cython and gcc; --optional: a failed
                                           build is not an error, the Python engine runs)
    bandcrew speedups status               which modules load compiled
"""

from __future__ import annotations

import hashlib
import importlib.abc
import importlib.machinery
import importlib.util
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
# The modules a check runs through, in the order of the time they take. Not context.py: a pydantic
# model's class body must stay Python (pydantic reads its annotations and methods).
MODULES = (
    "shared.policy.screen",
    "shared.policy.text",
    "shared.policy.registry",
    "shared.policy.base",
    "shared.policy.vocabulary",
    "shared.policy.style",
    "shared.policy.capitalization",
    "shared.policy.punctuation",
    "shared.policy.spacing",
    "shared.policy.words",
    "shared.policy.destination",
    "shared.policy.trademarks",
    "shared.policy.repetition",
    "shared.policy.limits",
    "shared.policy.phone",
    "shared.policy.ad_features",
    "shared.policy.copyrights",
    "shared.policy.counterfeit",
    "shared.policy.gambling",
    "shared.policy.misrepresentation",
    "shared.policy.tickets",
    "shared.policy.ad_format",
    "optimizer.strength",
    "optimizer.cli",
)
SUFFIX = importlib.machinery.EXTENSION_SUFFIXES[0]  # .cpython-311-x86_64-linux-gnu.so


def speedups_dir() -> Path:
    return Path(os.environ.get("BANDCREW_SPEEDUPS_DIR") or ROOT / ".speedups")


def _source(name: str) -> Path:
    return ROOT.joinpath(*name.split(".")).with_suffix(".py")


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def compiled_path(name: str, where: Path | None = None) -> Path | None:
    """The compiled module for `name`, if one was built from the source as it is now."""
    base = (where or speedups_dir()).joinpath(*name.split("."))
    binary = base.with_name(base.name + SUFFIX)
    stamp = base.with_name(base.name + ".sha256")
    try:
        if stamp.read_text().strip() == _digest(_source(name)) and binary.is_file():
            return binary
    except OSError:
        pass
    return None


class _CompiledFinder(importlib.abc.MetaPathFinder):
    def __init__(self, where: Path) -> None:
        self.where = where

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        if fullname not in MODULES:
            return None
        binary = compiled_path(fullname, self.where)
        if binary is None:
            return None  # not built, or built from another version of the source: pure Python
        return importlib.util.spec_from_file_location(fullname, binary)


def install() -> bool:
    """Load the compiled modules that match their source from now on. True if a build exists."""
    if os.environ.get("BANDCREW_PURE_PYTHON") == "1":
        return False
    where = speedups_dir()
    if not where.is_dir() or any(isinstance(f, _CompiledFinder) for f in sys.meta_path):
        return False
    sys.meta_path.insert(0, _CompiledFinder(where))
    return True


def in_use() -> dict[str, bool]:
    """For each module: is the loaded (or next loaded) copy the compiled one?"""
    out = {}
    for name in MODULES:
        module = sys.modules.get(name)
        if module is not None:
            out[name] = str(getattr(module, "__file__", "")).endswith(SUFFIX)
        else:
            out[name] = os.environ.get("BANDCREW_PURE_PYTHON") != "1" and compiled_path(name) is not None
    return out


def build(where: Path | None = None, jobs: int = 2) -> list[str]:
    """Compile MODULES into `where` with Cython; returns the names compiled. Raises ImportError
    without Cython and a setuptools/distutils error without a C compiler."""
    import tempfile

    from Cython.Build import cythonize
    from setuptools import Distribution, Extension
    from setuptools.command.build_ext import build_ext

    where = where or speedups_dir()
    for stamp in where.rglob("*.sha256"):  # a build that stops half way loads nothing
        stamp.unlink()
    digests = {name: _digest(_source(name)) for name in MODULES}
    with tempfile.TemporaryDirectory() as tmp:
        extensions = [Extension(name, [str(_source(name))]) for name in MODULES]
        # binding=True keeps functions introspectable (functools.lru_cache, __wrapped__, __module__);
        # annotation_typing=False: type hints stay documentation, as in the pure module.
        compiled = cythonize(
            extensions,
            build_dir=tmp,
            quiet=True,
            nthreads=jobs,
            compiler_directives={"language_level": "3", "binding": True, "annotation_typing": False},
        )
        dist = Distribution({"name": "bandcrew-speedups", "ext_modules": compiled})
        cmd = build_ext(dist)
        cmd.build_lib = str(where)
        cmd.build_temp = str(Path(tmp) / "obj")
        cmd.parallel = jobs
        cmd.ensure_finalized()
        cmd.run()
    for name, digest in digests.items():  # written last, once every module is built
        base = where.joinpath(*name.split("."))
        base.with_name(base.name + ".sha256").write_text(digest + "\n")
    return list(MODULES)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args[:1] == ["build"]:
        try:
            names = build()
        except Exception as exc:  # noqa: BLE001 (any build failure leaves the pure engine in use)
            print(f"speedups not built ({type(exc).__name__}: {exc}); the policy engine runs as Python")
            return 0 if "--optional" in args else 1
        print(f"compiled {len(names)} modules into {speedups_dir()}")
        return 0
    if args[:1] == ["status"]:
        for name, compiled in in_use().items():
            print(f"{'compiled' if compiled else 'python  '}  {name}")
        return 0
    print(__doc__)
    return 2
