"""Random streams per purpose, and fast draws from them.

Every purpose (the arrivals, each element's durations, each gateway's routing,
each decision body's lag) gets its own ``numpy.random.Generator``, derived from
the replication's ``SeedSequence`` and a stable hash of the purpose's *name*, not
its position. Adding an element or changing a scenario therefore does not shift
any other stream: replication ``i`` of two scenarios draws the same durations for
the same element (common random numbers).

Draws are taken in blocks (one numpy call per block) and handed out one at a
time through a plain iterator; ``next(it)`` costs far less than a numpy call per
draw. Blocks start small (:data:`FIRST_BLOCK`) and double up to :data:`BLOCK`, so
a short run (a municipality's year: a few draws per stream) does not pay for
hundreds of draws it never uses. A Generator draws a block of n values exactly as
n single draws, so the k-th value a stream yields is the same whatever the block
sizes and whatever else the simulation does.

Making a stream costs more than a year of a municipality's draws from it (hashing
the seed into the generator's state: ~45 microseconds, 50-odd streams a run).
Two things keep that off the common path: :func:`draws` and :func:`uniforms`
also take :func:`lazy_stream`, which makes the generator at the first draw (a
stream no case needs is never made), and the state a seed gives is kept per
process (:data:`_STATES`): the replications of every scenario, lever and
assumption point of a study use the same seeds (common random numbers), so each
state is hashed once. The state is a pure function of the seed and the name: a
kept one gives the very same numbers.
"""

from __future__ import annotations

import functools
import itertools
import math
import zlib
from collections.abc import Callable, Iterator
from typing import Any

import numpy as np
from numpy.random.bit_generator import ISeedSequence

from processes.distributions import Distribution

__all__ = ["BLOCK", "FIRST_BLOCK", "root_sequence", "stream", "lazy_stream", "draws", "uniforms", "unit_exponentials", "normals"]

BLOCK = 256
FIRST_BLOCK = 8

#: a stream's generator, or what makes it on first use (:func:`lazy_stream`)
Source = np.random.Generator | Callable[[], np.random.Generator]

#: the PCG64 seed words of each (root entropy, root spawn key, purpose key) met in this process
_STATES: dict[tuple[object, tuple[int, ...], int], np.ndarray] = {}
_MAX_STATES = 1 << 16


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
    entropy = root.entropy
    cache_key = (entropy if isinstance(entropy, int) else tuple(entropy or ()), tuple(root.spawn_key), key)
    state = _STATES.get(cache_key)
    if state is None:
        child = np.random.SeedSequence(entropy, spawn_key=(*root.spawn_key, key))
        state = child.generate_state(4, np.uint64)  # what PCG64(child) asks its seed sequence for
        state.setflags(write=False)
        if len(_STATES) >= _MAX_STATES:
            _STATES.clear()
        _STATES[cache_key] = state
    return np.random.Generator(np.random.PCG64(_KnownState(state)))  # type: ignore[arg-type]


def lazy_stream(root: np.random.SeedSequence, purpose: str, name: str = "") -> Callable[[], np.random.Generator]:
    """What makes :func:`stream` ``(root, purpose, name)`` when called: for :func:`draws` and
    :func:`uniforms`, which call it at the first draw."""
    return functools.partial(stream, root, purpose, name)


class _KnownState(ISeedSequence):
    """A seed sequence whose PCG64 state words are already known (kept in :data:`_STATES`)."""

    __slots__ = ("state",)

    def __init__(self, state: np.ndarray) -> None:
        self.state = state

    def generate_state(self, n_words: int, dtype: Any = np.uint32) -> np.ndarray:
        if n_words != 4 or dtype is not np.uint64:  # PCG64 asks for exactly this; anything else is a misuse
            raise ValueError(f"a kept PCG64 state has 4 uint64 words, not {n_words} of {dtype}")
        return self.state


def _block_sizes() -> Iterator[int]:
    """FIRST_BLOCK, twice that, ... up to BLOCK, then BLOCK for ever."""
    sizes = []
    size = FIRST_BLOCK
    while size < BLOCK:
        sizes.append(size)
        size *= 2
    return itertools.chain(sizes, itertools.repeat(BLOCK))


def _blocks(make: Callable[[np.random.Generator, int], list[float]], source: Source) -> Iterator[float]:
    """The values of ``make(rng, FIRST_BLOCK)``, ``make(rng, 2 * FIRST_BLOCK)``, ... up to blocks of
    BLOCK, in turn; ``rng`` is ``source``, or made by it at the first draw. The values are handed
    out by itertools (no Python frame per draw); Python runs once per block."""
    made: list[np.random.Generator] = []

    def block(size: int) -> list[float]:
        if not made:
            made.append(source() if callable(source) else source)
        return make(made[0], size)

    return itertools.chain.from_iterable(map(block, _block_sizes()))


# the block makers of :func:`draws`: ``make(rng, n)`` once the distribution's parameters are bound


def _exponential(mean: float, g: np.random.Generator, n: int) -> list[float]:
    return g.exponential(mean, n).tolist()  # type: ignore[no-any-return]


def _uniform(low: float, high: float, g: np.random.Generator, n: int) -> list[float]:
    return g.uniform(low, high, n).tolist()  # type: ignore[no-any-return]


def _gamma(shape: float, scale: float, g: np.random.Generator, n: int) -> list[float]:
    return g.gamma(shape, scale, n).tolist()  # type: ignore[no-any-return]


def _empirical(values: np.ndarray, weights: np.ndarray, g: np.random.Generator, n: int) -> list[float]:
    return values[g.choice(len(values), n, p=weights)].tolist()  # type: ignore[no-any-return]


def _triangular(low: float, mode: float, high: float, g: np.random.Generator, n: int) -> list[float]:
    return g.triangular(low, mode, high, n).tolist()  # type: ignore[no-any-return]


def _normal_positive(mean: float, sd: float, g: np.random.Generator, n: int) -> list[float]:
    return [x for x in g.normal(mean, sd, n).tolist() if x >= 0]


def _lognormal(mu: float, sigma: float, g: np.random.Generator, n: int) -> list[float]:
    return g.lognormal(mu, sigma, n).tolist()  # type: ignore[no-any-return]


def _sampled(dist: Distribution, g: np.random.Generator, n: int) -> list[float]:
    return [dist.sample(g) for _ in range(n)]


def draws(dist: Distribution, rng: Source) -> Iterator[float]:
    """An endless iterator of hours drawn from ``dist`` (a
    ``processes.distributions.Distribution``) with ``rng``: the values of
    ``dist.sample(rng)`` called again and again, drawn in blocks. ``rng`` may be
    a :func:`lazy_stream` (made at the first draw; never, for a fixed value).

    The block makers are module functions with their parameters bound (``functools.partial``): lambdas
    here would make this function keep a closure cell for every parameter of every kind at each call
    (once per stream and run)."""
    p = dict(dist.params)
    kind = dist.kind
    if kind == "fixed":
        return itertools.repeat(float(p["value"]))
    if kind == "exponential":
        mean = p["mean"]
        if mean <= 0:
            return itertools.repeat(0.0)
        return _blocks(functools.partial(_exponential, mean), rng)
    if kind == "uniform":
        low, high = p["low"], p["high"]
        return _blocks(functools.partial(_uniform, low, high), rng)
    if kind == "gamma":
        shape, scale = p["shape"], p["scale"]
        return _blocks(functools.partial(_gamma, shape, scale), rng)
    if kind == "empirical":
        values = np.asarray(dist.values, dtype=float)
        weights = np.asarray(dist.weights, dtype=float)
        return _blocks(functools.partial(_empirical, values, weights), rng)
    if kind == "triangular":
        low, mode, high = p["low"], p["mode"], p["high"]
        if low == high:
            return itertools.repeat(low)
        return _blocks(functools.partial(_triangular, low, mode, high), rng)
    if kind == "normal":
        mean, sd = p["mean"], p["sd"]
        if sd == 0:
            return itertools.repeat(mean)
        # truncated at 0 by rejection: sample() draws again after a negative value, which
        # is the stream of normal draws with the negative ones left out
        return _blocks(functools.partial(_normal_positive, mean, sd), rng)
    if kind == "lognormal":
        mean, sd = p["mean"], p["sd"]
        if sd == 0:
            return itertools.repeat(mean)
        s2 = math.log1p((sd / mean) ** 2)
        mu, sigma = math.log(mean) - s2 / 2, math.sqrt(s2)
        return _blocks(functools.partial(_lognormal, mu, sigma), rng)
    return _blocks(functools.partial(_sampled, dist), rng)  # a kind added later: its own draw


def uniforms(rng: Source) -> Iterator[float]:
    """An endless iterator of uniform draws on [0, 1)."""
    return _blocks(lambda g, n: g.random(n).tolist(), rng)


def unit_exponentials(rng: Source) -> Iterator[float]:
    """An endless iterator of ``Exp(1)`` draws (the k-th is ``rng.exponential(1.0)``'s k-th value)."""
    return _blocks(lambda g, n: g.exponential(1.0, n).tolist(), rng)


def normals(rng: Source) -> Iterator[float]:
    """An endless iterator of standard normal draws (the k-th is ``rng.standard_normal()``'s k-th value)."""
    return _blocks(lambda g, n: g.standard_normal(n).tolist(), rng)
