"""Names of a package loaded from its submodules on first use (PEP 562), the same way in every package.

A package ``__init__`` that lists its public names with their home modules does::

    __getattr__, __dir__ = lazy_names(__name__, {"simulate": "engine", ...}, globals())

so that importing one submodule (``simulator.stats``) does not import all of them.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

__all__ = ["lazy_names"]


def lazy_names(package: str, homes: dict[str, str], namespace: dict[str, Any],
               ) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """The module ``__getattr__`` and ``__dir__`` of ``package``: ``homes`` maps a name to its submodule.

    A name is imported once and kept in ``namespace`` (the package's ``globals()``).
    """

    def __getattr__(name: str) -> Any:
        home = homes.get(name)
        if home is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(f"{package}.{home}"), name)
        namespace[name] = value
        return value

    def __dir__() -> list[str]:
        return sorted({*namespace, *namespace.get("__all__", ())})

    return __getattr__, __dir__
