"""Plug-in discovery: the modules of a package that declare a given attribute (a data source's
`SOURCE`, an LLM provider's `PROVIDER`), in their declared `order`. Adding one is adding a module;
nothing else lists them."""

from __future__ import annotations

import importlib
import pkgutil
from types import ModuleType
from typing import Any


def discover(package: str, attribute: str) -> list[tuple[ModuleType, Any]]:
    """(module, declaration) for every module of `package` that has `attribute`, by `order`, name."""
    pkg = importlib.import_module(package)
    found: list[tuple[ModuleType, Any]] = []
    for info in pkgutil.iter_modules(pkg.__path__):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{package}.{info.name}")
        spec = getattr(module, attribute, None)
        if spec is not None:
            found.append((module, spec))
    return sorted(found, key=lambda pair: (getattr(pair[1], "order", 100), pair[1].name))
