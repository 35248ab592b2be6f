"""Key paths of a YAML document and the alias budget: what the YAML reader and its callers share.

>>> path_text(("a", "b", 2, "c"))
'a.b[2].c'
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

__all__ = ["Path", "path_text", "MAX_VALUES"]

Path = tuple[Any, ...]

#: values aliases may add to a document once expanded (a "billion laughs" guard); the values
#: written out in the file do not count, so a 20,000-step model is not taken for a bomb
MAX_VALUES = 100_000


def path_text(path: Iterable[Any]) -> str:
    """A key path as text: ``('a', 'b', 2, 'c')`` -> ``'a.b[2].c'``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out
