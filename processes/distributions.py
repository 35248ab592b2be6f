"""Distributions of durations by name, with named parameters, in hours.

A ``Distribution`` is data (a kind and its parameters, all in hours) with
``sample(rng)`` and ``mean()``. Build one from a profile mapping with
``distribution_from_data``; every error names the bad value and what is allowed.

=========== ============================== =========================================
kind        parameters (durations)         meaning
=========== ============================== =========================================
fixed       value                          always ``value``; draws no random number
exponential mean                           exponential with that mean
uniform     low, high                      uniform on [low, high]
triangular  low, mode, high                triangular
normal      mean, sd                       normal truncated at 0 (redrawn while < 0);
                                           ``mean()`` is the truncated mean
lognormal   mean, sd                       lognormal whose *variable* has that mean
                                           and sd (not the log's)
gamma       mean, sd  |  shape, scale      gamma; shape k = mean²/sd², scale = sd²/mean
empirical   values [, weights]             one of ``values`` with probability ∝ weights
=========== ============================== =========================================

>>> import numpy as np
>>> d = distribution_from_data({"dist": "uniform", "low": "1h", "high": "3h"})
>>> d.mean()
2.0
>>> 1.0 <= d.sample(np.random.default_rng(1)) <= 3.0
True
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from processes.durations import parse_duration
from processes.errors import InputError
from processes.frozenclass import frozen_dataclass
from processes.rulewords import rule_error, written

if TYPE_CHECKING:  # a profile is read without numpy; only sampling needs a Generator
    import numpy as np

__all__ = ["KINDS", "Distribution", "distribution_from_data", "distribution_to_data"]

#: the parameters each kind takes (gamma also takes shape/scale)
KINDS: dict[str, tuple[str, ...]] = {
    "fixed": ("value",),
    "exponential": ("mean",),
    "uniform": ("low", "high"),
    "triangular": ("low", "mode", "high"),
    "normal": ("mean", "sd"),
    "lognormal": ("mean", "sd"),
    "gamma": ("mean", "sd"),
    "empirical": ("values",),
}
_GAMMA_ALT = ("shape", "scale")


def _phi(x: float) -> float:
    return math.exp(-0.5 * x * x) / math.sqrt(2 * math.pi)


def _cdf(x: float) -> float:
    return 0.5 * (1 + math.erf(x / math.sqrt(2)))


@frozen_dataclass
class Distribution:
    """A duration distribution; every number is in hours.

    ``params`` holds the canonical named parameters of ``kind`` (gamma keeps
    ``shape`` and ``scale`` in hours of scale), ``values``/``weights`` those of
    ``empirical`` (weights normalised to sum 1).
    """

    kind: str
    params: tuple[tuple[str, float], ...] = ()
    values: tuple[float, ...] = ()
    weights: tuple[float, ...] = ()

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise rule_error("dist_unknown", kind=repr(self.kind), kinds=", ".join(KINDS))

    @staticmethod
    def fixed(hours: float) -> Distribution:
        """A fixed duration of ``hours``."""
        return Distribution("fixed", (("value", float(hours)),))

    def param(self, name: str) -> float:
        """The parameter ``name`` (``KeyError`` if this kind has none)."""
        for key, value in self.params:
            if key == name:
                return value
        raise KeyError(name)

    def sample(self, rng: np.random.Generator) -> float:
        """One draw in hours, never negative."""
        kind, p = self.kind, dict(self.params)
        if kind == "fixed":
            return p["value"]
        if kind == "exponential":
            return float(rng.exponential(p["mean"])) if p["mean"] > 0 else 0.0
        if kind == "uniform":
            return float(rng.uniform(p["low"], p["high"]))
        if kind == "triangular":
            if p["low"] == p["high"]:
                return p["low"]
            return float(rng.triangular(p["low"], p["mode"], p["high"]))
        if kind == "normal":
            if p["sd"] == 0:
                return p["mean"]
            while True:  # mean > 0 is enforced, so each try succeeds with probability > 1/2
                x = float(rng.normal(p["mean"], p["sd"]))
                if x >= 0:
                    return x
        if kind == "lognormal":
            mean, sd = p["mean"], p["sd"]
            if sd == 0:
                return mean
            s2 = math.log1p((sd / mean) ** 2)
            return float(rng.lognormal(math.log(mean) - s2 / 2, math.sqrt(s2)))
        if kind == "gamma":
            return float(rng.gamma(p["shape"], p["scale"]))
        return float(self.values[int(rng.choice(len(self.values), p=self.weights))])

    def mean(self) -> float:
        """The exact mean in hours (the truncated mean for ``normal``)."""
        kind, p = self.kind, dict(self.params)
        if kind in ("fixed",):
            return p["value"]
        if kind in ("exponential", "lognormal"):
            return p["mean"]
        if kind == "uniform":
            return (p["low"] + p["high"]) / 2
        if kind == "triangular":
            return (p["low"] + p["mode"] + p["high"]) / 3
        if kind == "normal":
            if p["sd"] == 0:
                return p["mean"]
            a = -p["mean"] / p["sd"]
            return p["mean"] + p["sd"] * _phi(a) / (1 - _cdf(a))
        if kind == "gamma":
            return p["shape"] * p["scale"]
        return float(sum(v * w for v, w in zip(self.values, self.weights, strict=True)))


def _number(value: Any, name: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise rule_error("dist_param_not_number", path=name, name=name, value=written(value))
    return float(value)


def distribution_from_data(data: Any, *, work: bool = False) -> Distribution:
    """A ``Distribution`` from a profile value.

    ``data`` is a duration (``'3h'``, meaning fixed) or a mapping
    ``{dist: <kind>, <param>: <duration>, ..., unit: <unit>?}``; ``unit`` lets
    parameters be plain numbers. ``work=True`` reads work time (units m, h).
    Errors carry ``path`` relative to ``data`` (e.g. ``'mean'``).
    """
    if not isinstance(data, Mapping):
        return Distribution.fixed(parse_duration(data, work=work))
    kind = data.get("dist")
    if kind is None:
        raise rule_error("dist_missing", path="dist", kinds=", ".join(KINDS))
    if not isinstance(kind, str) or kind not in KINDS:
        raise rule_error("dist_unknown", path="dist", kind=repr(kind), kinds=", ".join(KINDS))
    unit = data.get("unit")
    if unit is not None and not isinstance(unit, str):
        raise rule_error("dist_unit_name", path="unit", unit=repr(unit))
    expected = KINDS[kind]
    if kind == "gamma" and ("shape" in data or "scale" in data):
        expected = _GAMMA_ALT
    extra = [
        k for k in data if k not in (*expected, "dist", "unit", "weights" if kind == "empirical" else "")
    ]
    if extra:
        raise rule_error("dist_unknown_key", path=str(extra[0]), key=repr(extra[0]), kind=kind,
                         keys=", ".join(expected) + (", weights" if kind == "empirical" else "") + ", unit")
    for name in expected:
        if name not in data:
            raise rule_error("dist_needs", path=name, kind=kind, keys=", ".join(expected), key=repr(name))

    def dur(name: str, value: Any) -> float:
        try:
            return parse_duration(value, work=work, unit=unit)
        except InputError as err:
            err.path = err.path or name
            raise

    if kind == "empirical":
        raw_values = data["values"]
        if not isinstance(raw_values, (list, tuple)) or not raw_values:
            raise rule_error("dist_values", path="values", value=written(raw_values))
        values = tuple(dur(f"values[{i}]", v) for i, v in enumerate(raw_values))
        raw_weights = data.get("weights", [1] * len(values))
        if not isinstance(raw_weights, (list, tuple)) or len(raw_weights) != len(values):
            raise rule_error("dist_weights_count", path="weights", value=written(raw_weights), count=str(len(values)))
        weights = [_number(w, f"weights[{i}]") for i, w in enumerate(raw_weights)]
        total = sum(weights)
        if any(w < 0 for w in weights) or total <= 0:
            raise rule_error("dist_weights_sum", path="weights", value=written(raw_weights))
        return Distribution("empirical", (), values, tuple(w / total for w in weights))

    if kind == "gamma" and expected == _GAMMA_ALT:
        shape = _number(data["shape"], "shape")
        scale = dur("scale", data["scale"])
        if shape <= 0 or scale <= 0:
            raise rule_error("gamma_shape", path="shape" if shape <= 0 else "scale", shape=f"{shape:g}",
                             scale=f"{scale:g}")
        return Distribution("gamma", (("shape", shape), ("scale", scale)))

    p = {name: dur(name, data[name]) for name in expected}
    if kind == "uniform" and p["low"] > p["high"]:
        raise rule_error("uniform_order", path="low", low=repr(data["low"]), high=repr(data["high"]))
    if kind == "triangular" and not p["low"] <= p["mode"] <= p["high"]:
        raise rule_error("triangular_order", path="mode", low=repr(data["low"]), mode=repr(data["mode"]),
                         high=repr(data["high"]))
    if kind in ("normal", "lognormal", "gamma") and p["mean"] <= 0:
        raise rule_error("dist_mean", path="mean", kind=kind, value=written(data["mean"]))
    if kind == "gamma":
        if p["sd"] <= 0:
            raise rule_error("gamma_sd", path="sd", value=written(data["sd"]))
        return Distribution(
            "gamma", (("shape", (p["mean"] / p["sd"]) ** 2), ("scale", p["sd"] ** 2 / p["mean"]))
        )
    return Distribution(kind, tuple(p.items()))


def distribution_to_data(dist: Distribution) -> dict[str, Any]:
    """The profile mapping for ``dist``, durations in hours with ``unit: h``."""
    if dist.kind == "empirical":
        return {"dist": "empirical", "values": list(dist.values), "weights": list(dist.weights), "unit": "h"}
    out: dict[str, Any] = {"dist": dist.kind}
    out.update({k: v for k, v in dist.params})
    out["unit"] = "h"
    return out
