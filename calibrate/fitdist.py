"""Choose and fit a duration distribution: exponential, lognormal or gamma by AIC, or empirical.

Each parametric family is fitted by maximum likelihood with the location fixed
at 0 (``scipy.stats``, imported here lazily: it costs seconds at start-up) and
scored by ``AIC = 2k - 2 log L``. The lowest AIC wins unless a
Kolmogorov-Smirnov test rejects even that family at the 1 % level with at
least 50 observations: then the observed values themselves (``empirical``: at
most 50 values, the mean of each fiftieth of the sorted values, so that the profile's
distribution keeps the observed mean, a long tail included) are used. Values that vary by less than 2 % of their mean (or fewer than three) give ``fixed``. Values of 0 (a
start estimated at its completion, a date without a time) cannot be fitted by
these families: a few are left out of the fit and counted; when they are 10 % or
more of the values, the values themselves, zeros included, are used (``empirical``).

The uncertainty of the mean and sd is a 95 % percentile bootstrap interval
(``resamples`` resamplings of the values, a seeded generator).

**Right-censored values** (``censored``: waits a boundary timer ended, each at the time it had run
when the timer fired: the wait was longer than that, by how much the log cannot tell) are fitted
with the completed values by maximum likelihood with censoring: a completed value counts its density,
a censored one its survival function, ``log L = sum log f(x) + sum log S(c)``, and AIC over that
likelihood chooses the family. The exponential's estimate is closed: mean = (completed + censored
time) / completed values; the lognormal and gamma are found numerically. The observed values cannot
stand in for such a distribution (none lies beyond the timer), so neither the KS test's ``empirical``
nor ``fixed`` applies; the bootstrap resamples completed and censored values together and fits
each resampling the same way.

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

__all__ = ["Fit", "fit_duration", "bootstrap_interval", "resample_blocks", "FAMILIES", "censored_mle"]

FAMILIES = ("exponential", "lognormal", "gamma")
_EMPIRICAL_POINTS = 50


def _fiftieths(values: np.ndarray) -> np.ndarray:
    """The mean of each of :data:`_EMPIRICAL_POINTS` equal shares of the sorted ``values`` (a value on a
    share's edge split between the two), or the values themselves when there are no more: equally weighted,
    their mean is the mean of ``values``. Quantiles at the shares' middles lose a long tail (a step that
    takes no time in 99.5 % of the cases and days in the rest had the mean 16.4 h and was written as 0).

    >>> float(_fiftieths(np.array([0.0] * 99 + [100.0])).mean())
    1.0
    """
    x = np.sort(np.asarray(values, float))
    n, k = x.size, _EMPIRICAL_POINTS
    if n <= k:
        return x
    total = np.concatenate(([0.0], np.cumsum(x)))
    edges = np.arange(k + 1) * n / k
    whole = np.floor(edges).astype(int)
    below = total[whole] + (edges - whole) * x[np.minimum(whole, n - 1)]  # the sum of the values before each edge
    return np.diff(below) / (n / k)


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
    censored: int = 0  # right-censored values fitted with the ``n`` completed ones

    def why(self) -> str:
        """How the family was chosen, in one phrase."""
        scores = ", ".join(f"{k} {v:.1f}" for k, v in self.aic.items())
        if self.censored:
            return f"{self.family} by AIC over the likelihood with censoring ({scores})"
        if self.family == "fixed":
            return f"all {self.n} values equal"
        if self.family == "empirical" and not self.aic:
            return f"the observed values ({self.zeros} of {self.n} are 0)"
        if self.family == "empirical":
            return f"every family rejected by a KS test at 1% (AIC {scores})"
        return f"{self.family} by AIC ({scores})"

    def data(self) -> dict[str, Any]:
        return {"family": self.family, "n": self.n, "zeros_left_out": self.zeros, "mean_hours": self.mean,
                "sample_mean_hours": self.sample_mean, "mean_ci": list(self.mean_ci), "sd_hours": self.sd, "sd_ci": list(self.sd_ci), "aic": self.aic,
                "censored": self.censored}


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


def _censored_loglik(family: str, theta: np.ndarray, suff: np.ndarray, weights: np.ndarray, c: np.ndarray
                     ) -> np.ndarray:
    """log L of ``family`` for each row of ``theta`` (lognormal: mu, log sigma; gamma: log shape, log scale):
    the completed values by their sufficient statistics, a row of ``suff`` (count, sum of logs, of squared
    logs, of values), and the censored values ``c``, each counted as often as a row of ``weights`` says."""
    from scipy import special

    n, slog, slog2, sx = suff.T
    a, b = theta[:, 0], np.exp(theta[:, 1])
    if family == "lognormal":  # a = mu, b = sigma
        exact = -n * (np.log(b) + 0.5 * math.log(2 * math.pi)) - (slog2 - 2 * a * slog + n * a * a) / (2 * b * b) - slog
        return exact + (weights * special.log_ndtr(-(np.log(c)[None, :] - a[:, None]) / b[:, None])).sum(axis=1)
    shape = np.exp(a)  # b = scale
    exact = (shape - 1) * slog - sx / b - n * (special.gammaln(shape) + shape * np.log(b))
    survive = special.gammaincc(shape[:, None], c[None, :] / b[:, None])
    return exact + (weights * np.log(np.maximum(survive, 1e-300))).sum(axis=1)


def _free(family: str, params: tuple[float, ...]) -> np.ndarray:
    """scipy.stats parameters (location 0) as the free ones :func:`_censored_loglik` takes."""
    if family == "lognormal":
        return np.array([math.log(params[2]), math.log(params[0])])
    return np.array([math.log(max(params[0], 1e-3)), math.log(params[2])])


def _params(family: str, theta: np.ndarray) -> tuple[float, ...]:
    """The free parameters ``theta`` as scipy.stats takes them (location 0)."""
    if family == "lognormal":
        return (math.exp(theta[1]), 0.0, math.exp(theta[0]))
    return (math.exp(theta[0]), 0.0, math.exp(theta[1]))


def _sufficient(x: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Per row of ``weights`` (how often each of ``x`` counts): count, sum of logs, of squared logs, of values."""
    logs = np.log(x)
    return np.stack([weights.sum(axis=1), weights @ logs, weights @ (logs * logs), weights @ x], axis=1)


def censored_mle(family: str, x: np.ndarray, c: np.ndarray) -> tuple[float, tuple[float, ...]]:
    """(log L, parameters as scipy.stats takes them, location 0) of ``family`` fitted by maximum likelihood
    to completed ``x`` and right-censored ``c`` (the simplex from the values' own fit without censoring)."""
    if family == "exponential":  # closed form: the time observed over the completed values
        scale = float((x.sum() + c.sum()) / x.size)
        return float(-x.size * math.log(scale) - (x.sum() + c.sum()) / scale), (0.0, scale)
    from scipy import optimize

    logs = np.log(x)
    guess = (float(logs.std()) or 0.1, 0.0, math.exp(logs.mean())) if family == "lognormal" else (
        float(x.mean() ** 2 / max(x.var(), 1e-12)), 0.0, float(x.var() / x.mean()))
    suff, weights = _sufficient(x, np.ones((1, x.size))), np.ones((1, c.size))
    with np.errstate(over="ignore", under="ignore", invalid="ignore", divide="ignore"):
        found = optimize.minimize(lambda t: -_censored_loglik(family, t[None, :], suff, weights, c)[0],
                                  _free(family, guess), method="Nelder-Mead",
                                  options={"xatol": 1e-8, "fatol": 1e-8, "maxiter": 2000})
    return -float(found.fun), _params(family, found.x)


def _newton(family: str, theta0: np.ndarray, suff: np.ndarray, weights: np.ndarray, c: np.ndarray) -> np.ndarray:
    """The maximum of :func:`_censored_loglik` for every row of ``suff`` and ``weights`` at once (a resampling
    each), by Newton's steps from ``theta0`` (the whole sample's fit) with derivatives by central differences,
    a step halved until log L does not fall; nan where no maximum is found."""
    theta = np.tile(theta0, (suff.shape[0], 1))
    h, e0, e1 = 1e-4, np.array([1e-4, 0.0]), np.array([0.0, 1e-4])

    def f(t: np.ndarray) -> np.ndarray:
        return _censored_loglik(family, t, suff, weights, c)

    with np.errstate(over="ignore", under="ignore", invalid="ignore", divide="ignore"):
        for _ in range(50):
            f0 = f(theta)
            fp0, fm0, fp1, fm1 = f(theta + e0), f(theta - e0), f(theta + e1), f(theta - e1)
            g = np.stack([fp0 - fm0, fp1 - fm1], axis=1) / (2 * h)
            h00, h11 = (fp0 - 2 * f0 + fm0) / h**2, (fp1 - 2 * f0 + fm1) / h**2
            h01 = (f(theta + e0 + e1) - f(theta + e0 - e1) - f(theta - e0 + e1) + f(theta - e0 - e1)) / (4 * h * h)
            det = h00 * h11 - h01 * h01
            concave = (h00 < 0) & (det > 0)
            step = np.where(concave[:, None], -np.stack([h11 * g[:, 0] - h01 * g[:, 1],
                                                          h00 * g[:, 1] - h01 * g[:, 0]], axis=1)
                            / np.where(concave, det, 1.0)[:, None], 1e-3 * np.sign(g))
            for _half in range(30):  # halve the steps that lower log L
                worse = ~(f(theta + step) >= f0)
                if not worse.any():
                    break
                step[worse] /= 2
            theta = theta + np.where(np.isfinite(step), step, 0.0)
            if np.nanmax(np.abs(step)) < 1e-9:
                break
    ok = np.isfinite(f(theta)) & (np.abs(g).max(axis=1) < 1e-3)
    return np.where(ok[:, None], theta, np.nan)


def _mean_sd(family: str, params: tuple[float, ...]) -> tuple[float, float]:
    """The mean and sd of ``family`` at scipy.stats ``params`` (location 0)."""
    if family == "exponential":
        return params[1], params[1]
    if family == "lognormal":
        sigma, _loc, scale = params
        mean = scale * math.exp(sigma**2 / 2)
        return mean, mean * math.sqrt(math.expm1(sigma**2))
    shape, _loc, scale = params
    return shape * scale, math.sqrt(shape) * scale


def _fit_censored(positive: np.ndarray, cut: np.ndarray, zeros: int, seed: int, resamples: int = 200) -> Fit:
    """Completed ``positive`` and right-censored ``cut`` values by maximum likelihood with censoring (module doc)."""
    n = int(positive.size)
    scores: dict[str, float] = {}
    fitted: dict[str, tuple[float, ...]] = {}
    for family in FAMILIES if n >= 3 and positive.std() > 0 else FAMILIES[:1]:  # two parameters need spread
        loglik, params = censored_mle(family, positive, cut)
        k = 1 if family == "exponential" else 2
        if math.isfinite(loglik) and all(math.isfinite(p) for p in params):
            scores[family] = round(2 * k - 2 * loglik, 2)
            fitted[family] = params
    best = min(scores, key=lambda k: (scores[k], FAMILIES.index(k)))
    mean, sd = _mean_sd(best, fitted[best])
    # the bootstrap: completed and censored values resampled together, each resampling fitted as the whole
    rng = np.random.default_rng(seed)
    boot = []
    for idx in resample_blocks(rng, n + cut.size, resamples):
        counts = np.zeros((idx.shape[0], n + cut.size))
        np.add.at(counts, (np.arange(idx.shape[0])[:, None], idx), 1.0)
        done, left = counts[:, :n], counts[:, n:]
        if best == "exponential":
            with np.errstate(divide="ignore", invalid="ignore"):  # a resampling without a completed value: left out
                scale = (done @ positive + left @ cut) / done.sum(axis=1)
            boot.append(np.stack([scale, scale], axis=1))
            continue
        theta = _newton(best, _free(best, fitted[best]), _sufficient(positive, done), left, cut)
        theta[done.sum(axis=1) < 3] = np.nan  # too few completed values to fit two parameters
        boot.append(np.array([_mean_sd(best, _params(best, t)) if np.isfinite(t).all() else (math.nan, math.nan)
                              for t in theta]))
    means = np.concatenate(boot)
    means = means[np.isfinite(means).all(axis=1)]
    (mlo, slo), (mhi, shi) = np.percentile(means, [2.5, 97.5], axis=0) if means.size else np.full((2, 2), np.nan)
    shape = fitted[best][0] if best == "gamma" else None
    return Fit(best, n, float(mean), float(sd), (float(mlo), float(mhi)), (float(slo), float(shi)), scores, zeros,
               shape=shape, sample_mean=float(positive.mean()), censored=int(cut.size))


def fit_duration(values: np.ndarray, *, censored: np.ndarray | None = None, seed: int = 0) -> Fit:
    """Fit the positive values of ``values`` (hours), with the right-censored ``censored`` (hours) when any
    are given; see the module doc."""
    from scipy import stats

    values = np.asarray(values, float)
    # sorted: a case log's row order means nothing, so neither may the fit or its bootstrap (which picks by
    # position): the same waits exported in another order give the same figures
    values = np.sort(values[np.isfinite(values)])
    positive = values[values > 1e-9]
    zeros = int(values.size - positive.size)
    n = int(positive.size)
    cut = np.asarray(censored if censored is not None else (), float)
    cut = np.sort(cut[np.isfinite(cut) & (cut > 1e-9)])
    if cut.size and n and zeros < 0.1 * values.size:
        return _fit_censored(positive, cut, zeros, seed)
    mean_ci = bootstrap_interval(positive, lambda a: a.mean(axis=1), seed=seed)
    sd_ci = bootstrap_interval(positive, lambda a: a.std(axis=1, ddof=1), seed=seed + 1)
    if n == 0:
        return Fit("fixed", 0, 0.0, 0.0, (0.0, 0.0), (0.0, 0.0), zeros=zeros)
    if zeros >= 0.1 * values.size and values.size >= 3:  # a mixture of "no time" and times: keep both
        every = np.clip(values, 0.0, None)
        points = _fiftieths(every)
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
        points = _fiftieths(positive)
        return Fit("empirical", n, mean, sd, mean_ci, sd_ci, scores, zeros, tuple(float(p) for p in points),
                   sample_mean=mean)
    sample_mean = mean
    mean, sd = _mean_sd(best, fitted[best])
    shape = fitted[best][0] if best == "gamma" else None
    return Fit(best, n, float(mean), float(sd), mean_ci, sd_ci, scores, zeros, shape=shape, sample_mean=sample_mean)
