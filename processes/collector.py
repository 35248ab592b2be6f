"""Python's cycle collector paused while a piece of work makes many objects and no cyclic garbage.

A collection starts every 700 new container objects and walks the young ones (every tenth
time also the older generation): parsing a YAML document, building a lexicon or diffing the pairs
of an N-way comparison make many objects that are kept or freed by reference counting, so those
collections free almost nothing. :func:`collector_paused` holds it off for a ``with`` block and
leaves it as it was afterwards (a caller's paused collector stays paused). Only time changes:
what the block computes is the same with or without the collector.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["collector_paused"]


@contextmanager
def collector_paused() -> Iterator[None]:
    """The cycle collector off inside the ``with`` block, and as it was afterwards (module doc)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
