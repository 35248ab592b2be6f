"""Random streams per purpose, and fast draws from them.

Every purpose (the arrivals, each element's durations, each gateway's routing,
each decision body's lag) gets its own ``numpy.random.Generator``, derived from
the replication's ``SeedSequence`` and a stable hash of the purpose's *name*, not
its position. Adding an element or changing a scenario therefore does not shift
any other stream: replication ``i`` of two scenarios draws the same durations for
the same element (common random numbers).

Draws are taken in blocks (one numpy call per :data:`BLOCK` draws) and handed
out one at a time through a plain iterator; ``next(it)`` costs far less than a
numpy call per draw. The k-th value a stream yields is the same whatever else
the simulation does.
"""

from __future__ import annotations

import itertools
import zlib
from collections.abc import Callable, Iterator

import numpy as np

from processes.distributions import Distribution

__all__ = ["BLOCK", "root_sequence", "stream", "draws", "uniforms"]

BLOCK = 256


def root_sequence(seed: np.random.SeedSequence | int) -> np.random.SeedSequence:
    """``seed`` as a SeedSequence (an int becomes ``SeedSequence(seed)``)."""
    if isinstance(seed, np.random.SeedSequence):
        return seed
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or seed < 0:
        raise ValueError(f"seed {seed!r} must be a SeedSequence or an integer >= 0")
    return np.random.SeedSequence(int(seed))


def stream(root: np.random.SeedSequence, purpose: str, name: str = "") -> np.random.Generator:
    """The generator for ``purpose`` (``"arrivals"``, ``"work"``, ``"route"`` ...)
    and ``name`` (an element id), independent of every other purpose and name."""
    key = zlib.crc32(f"{purpose}\x00{name}".encode())
    child = np.random.SeedSequence(root.entropy, spawn_key=(*root.spawn_key, key))
    return np.random.Generator(np.random.PCG64(child))


def _blocks(make: Callable[[], list[float]]) -> Iterator[float]:
    return itertools.chain.from_iterable(iter(make, None))


def draws(dist: Distribution, rng: np.random.Generator) -> Iterator[float]:
    """An endless iterator of hours drawn from ``dist`` (a
    ``processes.distributions.Distribution``) with ``rng``."""
    p = dict(dist.params)
    kind = dist.kind
    if kind == "fixed":
        return itertools.repeat(float(p["value"]))
    if kind == "exponential":
        mean = p["mean"]
        if mean <= 0:
            return itertools.repeat(0.0)
        return _blocks(lambda: rng.exponential(mean, BLOCK).tolist())
    if kind == "uniform":
        low, high = p["low"], p["high"]
        return _blocks(lambda: rng.uniform(low, high, BLOCK).tolist())
    if kind == "gamma":
        shape, scale = p["shape"], p["scale"]
        return _blocks(lambda: rng.gamma(shape, scale, BLOCK).tolist())
    if kind == "empirical":
        values = np.asarray(dist.values, dtype=float)
        weights = np.asarray(dist.weights, dtype=float)
        return _blocks(lambda: values[rng.choice(len(values), BLOCK, p=weights)].tolist())
    # triangular, normal (truncated), lognormal: the distribution's own draw, in blocks
    return _blocks(lambda: [dist.sample(rng) for _ in range(BLOCK)])


def uniforms(rng: np.random.Generator) -> Iterator[float]:
    """An endless iterator of uniform draws on [0, 1)."""
    return _blocks(lambda: rng.random(BLOCK).tolist())
