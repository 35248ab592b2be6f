"""The pairs of an N-way comparison on several cores: forked helpers, results in pair order.

Ten models make 45 pairwise diffs of some 10-20 CPU ms each, independent of one another once
the models are prepared and the lexicon is built. :func:`run_pairs` shares them with forked
helpers (:func:`processes.forkshare.run_shared`: each helper starts with the prepared models
already in memory, pair ``k`` goes to worker ``k % workers``, worker 0 is this process, results
come back pickled through a pipe, in the order of ``pairs`` whatever the workers). ``compute``
must be a pure function of its pair (caches that only remember are fine).

Everything is computed here when there are fewer than :data:`MIN_PAIRS` pairs (a fork and the
pickling cost more than they save), where forking is not available or not safe, and for a
helper's share when that helper fails in any way (its error is raised here then).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from processes.forkshare import can_fork, default_workers, run_shared

__all__ = ["run_pairs", "MIN_PAIRS", "default_workers"]

P = TypeVar("P")
R = TypeVar("R")

#: fewer pairs than this are computed in this process
MIN_PAIRS = 6


def run_pairs(pairs: Sequence[P], compute: Callable[[P], R], workers: int = 1) -> list[R]:
    """``[compute(p) for p in pairs]``, on up to ``workers`` processes (module doc)."""
    if len(pairs) < MIN_PAIRS or not can_fork():
        return [compute(p) for p in pairs]
    return run_shared(pairs, compute, workers)
