"""``linear_sum_assignment`` without the import of ``scipy.optimize``.

The matcher needs one function of SciPy: the assignment solver, a compiled module of its
own (``scipy/optimize/_lsap``, which imports nothing but numpy). ``import scipy.optimize``
loads every optimiser, ``scipy.linalg``, ``scipy.sparse``, ``scipy.fft`` and
``scipy.special`` and parses hundreds of docstrings: about 0.6-0.8 CPU s, more than the
whole N-way comparison of ten 50-step models. :func:`linear_sum_assignment` loads that one
compiled module straight from SciPy's folder — the same code, so the same assignment — and
falls back to ``from scipy.optimize import linear_sum_assignment`` when the file is not
where SciPy has kept it (another SciPy layout) or does not load.

>>> import numpy as np
>>> rows, cols = linear_sum_assignment(np.array([[4.0, 1.0, 3.0], [2.0, 0.0, 5.0], [3.0, 2.0, 2.0]]))
>>> rows.tolist(), cols.tolist()
([0, 1, 2], [1, 0, 2])
"""

from __future__ import annotations

import importlib.machinery
import importlib.util
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

__all__ = ["linear_sum_assignment", "load_solver", "direct_solver"]

_NAME = "scipy.optimize._lsap"
_solver: list[Callable[..., Any]] = []


def direct_solver() -> Callable[..., Any] | None:
    """SciPy's compiled solver loaded from its file, or None when that does not work."""
    try:
        found = importlib.util.find_spec("scipy")  # finds the package without importing it
        folders = list(found.submodule_search_locations or ()) if found is not None else []
        for folder in folders:
            for suffix in importlib.machinery.EXTENSION_SUFFIXES:
                path = Path(folder) / "optimize" / f"_lsap{suffix}"
                if not path.is_file():
                    continue
                spec = importlib.util.spec_from_file_location(_NAME, path)
                if spec is None or spec.loader is None:
                    return None
                had = _NAME in sys.modules
                module = importlib.util.module_from_spec(spec)
                spec.loader.exec_module(module)
                if not had:
                    # the extension registers itself; leave sys.modules as it was, so a later
                    # ``import scipy.optimize`` loads its submodule the ordinary way
                    sys.modules.pop(_NAME, None)
                solver = getattr(module, "linear_sum_assignment", None)
                return solver if callable(solver) else None
    except (ImportError, OSError, ValueError):
        return None
    return None


def load_solver(direct: bool = True) -> Callable[..., Any]:
    """The solver: SciPy's compiled module loaded on its own (``direct``), else through
    ``scipy.optimize``."""
    # once scipy.optimize is loaded anyway, its own function is the one to use
    solver = direct_solver() if direct and "scipy.optimize" not in sys.modules else None
    if solver is None:
        from scipy.optimize import linear_sum_assignment as public

        return public  # type: ignore[no-any-return]
    return solver


def linear_sum_assignment(cost: Any, maximize: bool = False) -> tuple[Any, Any]:
    """``scipy.optimize.linear_sum_assignment(cost, maximize)`` (the module doc)."""
    if not _solver:
        _solver.append(load_solver())
    return _solver[0](cost, maximize)  # type: ignore[no-any-return]
