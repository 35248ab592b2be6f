"""A script of ``bench/`` loaded as a module by the tests that check it (bench/ is not a package)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]


def bench_script(filename: str, name: str) -> ModuleType:
    """``bench/<filename>`` as module ``name``, registered in ``sys.modules`` first (its dataclasses
    look their module up)."""
    spec = importlib.util.spec_from_file_location(name, ROOT / "bench" / filename)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module
