"""The ``simpy`` package for the engine, without running simpy's ``__init__`` at start-up.

``import simpy`` runs ``simpy/__init__.py``, which gathers simpy's classes into one namespace and
asks :mod:`importlib.metadata` for simpy's own version: that imports about fifty modules (email,
zipfile, tempfile, socket, csv, ...) and searches ``sys.path`` for simpy's metadata, which costs
more CPU than simpy itself (``bench/RESULTS-startup.md``). The engine needs five names from
four of simpy's submodules.

The engine's modules import the package from here (``from simulator.simpyimport import simpy``).
When simpy is not imported yet, the package is made from its own spec (its real ``__path__``,
``__file__`` and loader) without running ``__init__``, registered as ``sys.modules["simpy"]``, and
given the engine's names (:data:`ENGINE_NAMES`) from their submodules: the same objects
``__init__`` binds to those names. Its ``__init__`` runs, once and under a lock, the first time
anyone asks the package for a name it has not got (``simpy.Store``, ``simpy.__version__``,
``from simpy import Container``, ``from simpy import *``): from then on it is the package
``import simpy`` makes. When simpy is already imported, it is used as it is.
"""

from __future__ import annotations

import sys
import threading
import types
from importlib import import_module
from importlib.util import find_spec, module_from_spec
from typing import TYPE_CHECKING, Any

__all__ = ["simpy", "ENGINE_NAMES"]

#: the names the engine takes from the package, and the submodule simpy's ``__init__`` takes each from
ENGINE_NAMES = {
    "Environment": "simpy.core",
    "Event": "simpy.events",
    "Process": "simpy.events",
    "Interrupt": "simpy.exceptions",
    "Resource": "simpy.resources.resource",
}

_LOCK = threading.RLock()
_RUNNING: list[bool] = []  # the package's __init__ is running in the thread that holds _LOCK


class _Deferred(types.ModuleType):
    """The ``simpy`` package before its ``__init__`` ran: a name it has not got runs it first."""

    def __getattr__(self, name: str) -> Any:
        _finish(self)
        return types.ModuleType.__getattribute__(self, name)  # AttributeError if __init__ has not got it either


def _finish(package: types.ModuleType) -> None:
    """Run the package's own ``__init__`` in it (once; other threads wait until it has run)."""
    with _LOCK:
        if type(package) is not _Deferred or _RUNNING:  # done, or asked by the __init__ itself while it runs
            return
        _RUNNING.append(True)
        try:
            package.__spec__.loader.exec_module(package)  # type: ignore[union-attr]
            package.__class__ = types.ModuleType  # type: ignore[assignment]  # a plain package from now on
        finally:
            _RUNNING.clear()


def _package() -> types.ModuleType:
    """``sys.modules["simpy"]``, made as the module says when simpy is not imported yet."""
    with _LOCK:
        found = sys.modules.get("simpy")
        if found is not None:
            return found
        spec = find_spec("simpy")
        if spec is None or spec.loader is None or spec.submodule_search_locations is None:
            raise ImportError("simpy is not installed (pip install simpy)", name="simpy")
        package = module_from_spec(spec)
        package.__class__ = _Deferred
        sys.modules["simpy"] = package
        try:
            for name, home in ENGINE_NAMES.items():
                setattr(package, name, getattr(import_module(home), name))
        except BaseException:
            for key in [k for k in sys.modules if k == "simpy" or k.startswith("simpy.")]:
                del sys.modules[key]  # as a failed import leaves nothing behind
            raise
        return package


if TYPE_CHECKING:
    import simpy  # the type checker sees the package itself
else:
    simpy = _package()
