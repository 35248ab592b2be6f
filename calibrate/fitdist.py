"""Choose and fit a duration distribution: exponential, lognormal or gamma by AIC, or empirical.

Each parametric family is fitted by maximum likelihood with the location fixed
at 0 (``scipy.stats``, imported here lazily: it costs seconds at start-up) and
scored by ``AIC = 2k - 2 log L``. The lowest AIC wins unless a
Kolmogorov-Smirnov test rejects even that family at the 1 % level with at
least 50 observations: then the observed values themselves (``empirical``, at
most 50 quantiles) are used. Values that vary by less than 2 % of their mean (or fewer than three) give ``fixed``. Values of 0 (a
start estimated at its completion, a date without a time) cannot be fitted by
these families: a few are left out of the fit and counted; when they are 10 % or
more of the values, the values themselves, zeros included, are used (``empirical``).

The uncertainty of the mean and sd is a 95 % percentile bootstrap interval
(``resamples`` resamplings of the values, a seeded generator).

>>> import numpy as np
>>> fit = fit_duration(np.random.default_rng(0).lognormal(0.0, 0.5, 400))
>>> fit.family, round(fit.mean, 1)
('lognormal', 1.1)
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import numpy as np

__all__ = ["Fit", "fit_duration", "bootstrap_interval", "resample_blocks", "FAMILIES"]

FAMILIES = ("exponential", "lognormal", "gamma")
_EMPIRICAL_POINTS = 50


@dataclass(frozen=True, slots=True)
class Fit:
    """A fitted distribution of ``n`` values (hours): family, mean and sd with bootstrap intervals."""

    family: str
    n: int
    mean: float
    sd: float
    mean_ci: tuple[float, float]
    sd_ci: tuple[float, float]
    aic: dict[str, float] = field(default_factory=dict)
    zeros: int = 0
    values: tuple[float, ...] = ()  # the empirical points
    shape: float | None = None  # gamma shape
    sample_mean: float = math.nan  # the plain mean of the fitted values

    def why(self) -> str:
        """How the family was chosen, in one phrase."""
        scores = ", ".join(f"{k} {v:.1f}" for k, v in self.aic.items())
        if self.family == "fixed":
            return f"all {self.n} values equal"
        if self.family == "empirical" and not self.aic:
            return f"the observed values ({self.zeros} of {self.n} are 0)"
        if self.family == "empirical":
            return f"every family rejected by a KS test at 1 % (AIC {scores})"
        return f"{self.family} by AIC ({scores})"

    def data(self) -> dict[str, Any]:
        return {"family": self.family, "n": self.n, "zeros_left_out": self.zeros, "mean_hours": self.mean,
                "sample_mean_hours": self.sample_mean, "mean_ci": list(self.mean_ci), "sd_hours": self.sd, "sd_ci": list(self.sd_ci), "aic": self.aic}


def bootstrap_interval(values: np.ndarray, statistic: Any, *, resamples: int = 200, seed: int = 0
                       ) -> tuple[float, float]:
    """95 % percentile bootstrap interval of ``statistic(values)`` (``statistic`` takes a 2-D array, axis 1)."""
    if values.size < 2:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            v = float(statistic(values[None, :])[0]) if values.size else math.nan
        return (v, v) if math.isfinite(v) else (math.nan, math.nan)
    rng = np.random.default_rng(seed)
    stats = np.concatenate([statistic(values[idx]) for idx in resample_blocks(rng, values.size, resamples)])
    low, high = np.percentile(stats, [2.5, 97.5])
    return float(low), float(high)


#: resampled indices held at once (a block of resamplings at a time: 200 of a million values held 1.6 GB of
#: indices, and as much again of the values they picked)
_BLOCK = 2_000_000


def resample_blocks(rng: np.random.Generator, n: int, resamples: int) -> Iterator[np.ndarray]:
    """``rng.integers(0, n, size=(resamples, n))`` in blocks of rows (the same numbers, drawn in the same order),
    each at most about ``_BLOCK`` indices."""
    rows = max(1, _BLOCK // max(n, 1))
    for first in range(0, resamples, rows):
        yield rng.integers(0, n, size=(min(rows, resamples - first), n))


def _aic(family: str, x: np.ndarray, stats: Any) -> tuple[float, Any]:
    params: tuple[float, ...]
    if family == "exponential":
        params = (0.0, float(x.mean()))
        return 2 * 1 - 2 * float(stats.expon.logpdf(x, *params).sum()), params
    if family == "lognormal":
        logs = np.log(x)
        params = (float(logs.std()) or 1e-9, 0.0, float(math.exp(logs.mean())))
        return 2 * 2 - 2 * float(stats.lognorm.logpdf(x, *params).sum()), params
    shape, loc, scale = stats.gamma.fit(x, floc=0)
    params = (shape, loc, scale)
    return 2 * 2 - 2 * float(stats.gamma.logpdf(x, *params).sum()), params


def fit_duration(values: np.ndarray, *, seed: int = 0) -> Fit:
    """Fit the positive values of ``values`` (hours); see the module doc."""
    from scipy import stats

    values = np.asarray(values, float)
    values = values[np.isfinite(values)]
    positive = values[values > 1e-9]
    zeros = int(values.size - positive.size)
    n = int(positive.size)
    mean_ci = bootstrap_interval(positive, lambda a: a.mean(axis=1), seed=seed)
    sd_ci = bootstrap_interval(positive, lambda a: a.std(axis=1, ddof=1), seed=seed + 1)
    if n == 0:
        return Fit("fixed", 0, 0.0, 0.0, (0.0, 0.0), (0.0, 0.0), zeros=zeros)
    if zeros >= 0.1 * values.size and values.size >= 3:  # a mixture of "no time" and times: keep both
        every = np.clip(values, 0.0, None)
        points = np.quantile(every, (np.arange(_EMPIRICAL_POINTS) + 0.5) / _EMPIRICAL_POINTS)
        mean_all = float(every.mean())
        return Fit("empirical", int(every.size), mean_all, float(every.std(ddof=1)),
                   bootstrap_interval(every, lambda a: a.mean(axis=1), seed=seed),
                   bootstrap_interval(every, lambda a: a.std(axis=1, ddof=1), seed=seed + 1),
                   {}, zeros, tuple(float(p) for p in points), sample_mean=mean_all)
    mean, sd = float(positive.mean()), float(positive.std(ddof=1)) if n > 1 else 0.0
    if n < 3 or sd <= 0.02 * mean:  # below 2 % variation: one value (timestamps are rounded)
        return Fit("fixed", n, mean, 0.0, mean_ci, (0.0, 0.0), zeros=zeros, sample_mean=mean)
    scores: dict[str, float] = {}
    fitted: dict[str, Any] = {}
    for family in FAMILIES:
        aic, params = _aic(family, positive, stats)
        if math.isfinite(aic):
            scores[family] = round(aic, 2)
            fitted[family] = params
    best = min(scores, key=lambda k: (scores[k], FAMILIES.index(k)))
    cdf = {"exponential": stats.expon.cdf, "lognormal": stats.lognorm.cdf, "gamma": stats.gamma.cdf}[best]
    if n >= 50 and stats.kstest(positive, cdf, args=fitted[best]).pvalue < 0.01:
        points = np.quantile(positive, (np.arange(_EMPIRICAL_POINTS) + 0.5) / _EMPIRICAL_POINTS)
        return Fit("empirical", n, mean, sd, mean_ci, sd_ci, scores, zeros, tuple(float(p) for p in points),
                   sample_mean=mean)
    shape, sample_mean = None, mean
    if best == "exponential":
        sd = mean = float(fitted[best][1])
    elif best == "lognormal":
        sigma, _loc, scale = fitted[best]
        mean = scale * math.exp(sigma**2 / 2)
        sd = mean * math.sqrt(math.expm1(sigma**2))
    else:
        shape, _loc, scale = fitted[best]
        mean, sd = shape * scale, math.sqrt(shape) * scale
    return Fit(best, n, float(mean), float(sd), mean_ci, sd_ci, scores, zeros, shape=shape, sample_mean=sample_mean)
