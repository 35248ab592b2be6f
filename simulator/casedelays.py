"""Calendar delays that move together within a case (a Gaussian copula with one case factor).

A real case is simple or hard as a whole: its external waits and calendar delays are all
short, or all long. With ``simulation.case_delays.correlation`` = rho > 0 in the profile,
each case gets one standard normal factor ``c`` (drawn at its arrival, in arrival order,
from its own stream ``"case-delays"``), and each delay draw of that case is

    F^-1( Phi( sqrt(rho) * c + sqrt(1 - rho) * e ) )

with ``e`` a standard normal from the element's own ``"delay"`` stream and ``F`` the
element's delay distribution: every element keeps its distribution (its marginal is
exactly the profile's), and two delays of one case have normal scores correlated by rho.
Without the key (rho = 0) nothing here runs and the draws are the plain ones.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable

import numpy as np
from scipy import special

from processes.distributions import Distribution

__all__ = ["quantile_of"]


def _fixed(value: float, z: float) -> float:
    return value


def _exponential(mean: float, z: float) -> float:
    return -mean * math.log(float(special.ndtr(-z))) if mean > 0 else 0.0  # upper tail: exact for large z


def _uniform(low: float, high: float, z: float) -> float:
    return low + (high - low) * float(special.ndtr(z))


def _triangular(low: float, mode: float, high: float, z: float) -> float:
    u = float(special.ndtr(z))
    if high == low:
        return low
    cut = (mode - low) / (high - low)
    if u < cut:
        return low + math.sqrt(u * (high - low) * (mode - low))
    return high - math.sqrt((1 - u) * (high - low) * (high - mode))


def _normal(mean: float, sd: float, z: float) -> float:
    if sd == 0:
        return mean
    below = float(special.ndtr(-mean / sd))  # the share cut off at 0
    u = below + (1 - below) * float(special.ndtr(z))
    return max(0.0, mean + sd * float(special.ndtri(min(u, 1 - 1e-16))))


def _lognormal(mu: float, sigma: float, z: float) -> float:
    return math.exp(mu + sigma * z)


def _gamma(shape: float, scale: float, z: float) -> float:
    return float(special.gammainccinv(shape, float(special.ndtr(-z)))) * scale


def _empirical(values: np.ndarray, cum: np.ndarray, z: float) -> float:
    u = float(special.ndtr(z))
    return float(values[min(int(np.searchsorted(cum, u, side="right")), len(values) - 1)])


def quantile_of(dist: Distribution) -> Callable[[float], float]:
    """``z -> F^-1(Phi(z))`` for ``dist``: the value at the standard normal score ``z``."""
    p = dict(dist.params)
    kind = dist.kind
    if kind == "fixed":
        return functools.partial(_fixed, p["value"])
    if kind == "exponential":
        return functools.partial(_exponential, p["mean"])
    if kind == "uniform":
        return functools.partial(_uniform, p["low"], p["high"])
    if kind == "triangular":
        return functools.partial(_triangular, p["low"], p["mode"], p["high"])
    if kind == "normal":
        return functools.partial(_normal, p["mean"], p["sd"])
    if kind == "lognormal":
        mean, sd = p["mean"], p["sd"]
        if sd == 0:
            return functools.partial(_fixed, mean)
        s2 = math.log1p((sd / mean) ** 2)
        return functools.partial(_lognormal, math.log(mean) - s2 / 2, math.sqrt(s2))
    if kind == "gamma":
        return functools.partial(_gamma, p["shape"], p["scale"])
    if kind == "empirical":
        order = np.argsort(np.asarray(dist.values, dtype=float), kind="stable")
        values = np.asarray(dist.values, dtype=float)[order]
        cum = np.cumsum(np.asarray(dist.weights, dtype=float)[order])
        cum /= cum[-1]
        return functools.partial(_empirical, values, cum)
    raise ValueError(f"no quantile for distribution kind {kind!r}")

