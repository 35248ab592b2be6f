"""The statistics of an uncertainty run over its assumption points: spread, conclusions and drivers.

Given the point results (one value per assumption point) and the sampled quantiles: the spread
(2.5-97.5 %, min, max, median), whether a scenario's conclusion against its baseline holds at every
point (the direction of the nominal paired difference, the share of points that agree, the least
change in that direction), and which assumptions drive a figure (Spearman rank correlation,
standardized regression coefficients and tornado bars). Plain arithmetic on arrays, apart from how
the points are planned and run (:mod:`scenarios.uncertainty`), so a module of its own; scipy is
imported only when ranks are needed, as before.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np

from scenarios.assumptions import Factor

__all__: list[str] = []  # the analysis's own (scenarios.uncertainty.analyse): nothing public

#: lower is better for these; a share within the deadline is better higher
HIGHER_IS_BETTER = ("within_deadline_share",)


def num(value: float) -> float | None:
    return None if value is None or not math.isfinite(value) else round(float(value), 6)


def _ranks(x: np.ndarray) -> np.ndarray:
    from scipy.stats import rankdata

    return rankdata(x)


def factor_drivers(factors: Sequence[Factor], u: np.ndarray, y: np.ndarray) -> list[dict[str, Any]]:
    """Spearman rho, standardized regression coefficient and tornado bars of ``y`` on each factor."""
    keep = np.isfinite(y)
    u, y = u[keep], y[keep]
    if len(y) < 3 or float(np.std(y)) == 0.0:
        return []
    ry = _ranks(y)
    z = (u - u.mean(axis=0)) / np.where(u.std(axis=0) > 0, u.std(axis=0), 1.0)
    zy = (y - y.mean()) / y.std()
    # standardized regression coefficients need more points than factors; with fewer only rho is given
    fit = len(y) > len(factors) + 1
    coef = np.linalg.lstsq(np.column_stack([np.ones(len(y)), z]), zy, rcond=None)[0] if fit else None
    out: list[dict[str, Any]] = []
    for j, factor in enumerate(factors):
        rx = _ranks(u[:, j])
        rho = float(np.corrcoef(rx, ry)[0, 1]) if np.std(rx) > 0 else math.nan
        low, high = y[u[:, j] < 0.25], y[u[:, j] >= 0.75]
        out.append({
            "factor": factor.name,
            "spearman": num(rho),
            "src": num(float(coef[j + 1])) if coef is not None else None,
            "low_quarter_mean": num(float(low.mean())) if len(low) else None,
            "high_quarter_mean": num(float(high.mean())) if len(high) else None,
        })
    out.sort(key=lambda d: (-(abs(float(d["spearman"])) if d["spearman"] is not None else -1.0), str(d["factor"])))
    return out


def spread(values: np.ndarray) -> dict[str, Any]:
    kept = values[np.isfinite(values)]
    if not len(kept):
        return {"low": None, "high": None, "min": None, "max": None, "median": None}
    return {
        "low": num(float(np.quantile(kept, 0.025))), "high": num(float(np.quantile(kept, 0.975))),
        "min": num(float(kept.min())), "max": num(float(kept.max())),
        "median": num(float(np.median(kept))),
    }


def conclusion(figure: str, nominal: Any, diffs: np.ndarray) -> dict[str, Any]:
    better_high = figure.split("/", 1)[1] in HIGHER_IS_BETTER
    sign = 0.0 if nominal is None or not math.isfinite(nominal.mean) or nominal.mean == 0 else math.copysign(1.0, nominal.mean)
    kept = diffs[np.isfinite(diffs)]
    toward = sign * kept  # the change in the nominal direction at each point
    return {
        "nominal": {"mean": num(nominal.mean) if nominal else None,
                    "ci": [num(nominal.low), num(nominal.high)] if nominal else [None, None],
                    "significant": bool(nominal.significant) if nominal else False},
        "direction": "higher" if sign > 0 else "lower" if sign < 0 else "none",
        "improves": None if sign == 0 else (sign > 0) == better_high,
        "points": len(kept),
        "share_same_direction": num(float(np.mean(toward > 0))) if len(kept) and sign else None,
        # a conclusion holds when the noise-only interval excludes zero (no change) and every point agrees
        "holds": bool(len(kept) and sign and nominal is not None and nominal.significant and bool(np.all(toward > 0))),
        "at_least": num(float(toward.min())) if len(kept) and sign else None,
        "at_least_95": num(float(np.quantile(toward, 0.05))) if len(kept) and sign else None,
        "across": spread(kept),
    }
