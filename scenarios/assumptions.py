"""The assumptions an uncertainty run samples, each over its documented plausible range.

The ranges are data (``scenarios/data/assumption-ranges.yaml``), taken from the
``assumption:`` texts of the library profiles; this module reads that table
(:func:`read_factors`) and turns one sample — a quantile ``u`` in [0, 1) per
factor — into profile overrides for one process (:func:`factor_values`).

A factor moves the same assumption in every process of a scenario at once. A
path the scenario sets itself (its what-if lever) is left alone. What a value
rests on is the profile's own annotation beside it (:func:`basis`): assumed
values are sampled over the table's range; a value with a source and no
assumption over the interval its ``interval:`` gives (what calibrate writes), or,
measured without one, not at all (so is a value of a profile ``sourced_for`` names).

>>> f = {x.name: x for x in read_factors()}
>>> f["incomplete_share"].value_at(0.5, nominal=None)
0.5
>>> round(f["officer_effort"].value_at(0.5, nominal=None), 9)  # log-uniform over 0.5-2
1.0
>>> f["decision_level"].value_at(0.5, nominal=None)
'working_committee'
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from bpmn_io.profile_values import INTERVAL_KEY, interval_hours, provenance_text
from bpmn_io.yamlsrc import load_yaml
from processes.durations import parse_duration
from processes.errors import InputError

__all__ = ["BASES", "Factor", "basis", "bases", "read_factors", "fixed_assumptions", "factor_values", "range_of"]

RANGES_FILE = "data/assumption-ranges.yaml"
KINDS = ("scale", "capacity", "value", "probability", "duration", "integer", "choice", "cadence", "share")
_RANGE_TEXT = re.compile(r"plausible range (\d+(?:\.\d+)?)\s*-\s*(\d+(?:\.\d+)?)")


@dataclass(frozen=True, slots=True)
class Factor:
    """One sampled assumption: its code name, the brief's code (A1..), words for people, its range."""

    name: str
    code: str
    words_en: str
    words_sv: str
    kind: str
    spec: Mapping[str, Any]

    @property
    def text(self) -> str:
        """Where the range comes from, as the table states it."""
        return str(self.spec.get("text", ""))

    def value_at(self, u: float, *, nominal: Any, low: float | None = None, high: float | None = None) -> Any:
        """The factor's value at quantile ``u`` (a scale factor for ``scale``/``capacity``,
        otherwise the value to set); ``low``/``high`` replace the table's range."""
        if self.kind == "choice":
            choices = list(self.spec["choices"])
            return choices[min(len(choices) - 1, int(u * len(choices)))]
        lo, hi = (low, high) if low is not None and high is not None else self.bounds()
        if self.kind in ("integer", "cadence"):
            return int(min(hi, lo + math.floor(u * (hi - lo + 1))))
        if self.spec.get("log"):
            return float(math.exp(math.log(lo) + u * (math.log(hi) - math.log(lo))))
        return float(lo + u * (hi - lo))

    def bounds(self) -> tuple[float, float]:
        """The table's range as numbers (durations in hours)."""
        lo, hi = self.spec["range"]
        if self.kind == "duration":
            return parse_duration(str(lo)), parse_duration(str(hi))
        return float(lo), float(hi)


@lru_cache(maxsize=1)
def _table() -> Mapping[str, Any]:
    text = (resources.files("scenarios") / RANGES_FILE).read_text(encoding="utf-8")
    data = load_yaml(text, source=f"scenarios/{RANGES_FILE}").data
    for name, spec in data["factors"].items():
        if spec.get("kind") not in KINDS:
            raise InputError(f"factors.{name}.kind: {spec.get('kind')!r} (expected one of {', '.join(KINDS)})",
                             file=f"scenarios/{RANGES_FILE}")
    return data


def read_factors() -> tuple[Factor, ...]:
    """Every factor of the table, in its order."""
    return tuple(
        Factor(name, str(spec.get("code", "")), str(spec["words"]["en"]), str(spec["words"]["sv"]), spec["kind"], spec)
        for name, spec in _table()["factors"].items()
    )


def fixed_assumptions() -> dict[str, dict[str, str]]:
    """Assumed values that are not sampled: path -> why, in English and Swedish (``{"en": ..., "sv": ...}``)."""
    return {path: {"en": str(why["en"]), "sv": str(why["sv"])} for path, why in (_table().get("fixed") or {}).items()}


# --------------------------------------------------------------------------- reading and writing a profile


def _get(doc: Any, path: str) -> Any:
    node = doc
    for part in path.split("."):
        if not isinstance(node, Mapping) or part not in node:
            return None
        node = node[part]
    return node


def _elements(profile: Mapping[str, Any]) -> Mapping[str, Any]:
    return _get(profile, "simulation.elements") or {}


def _paths(factor: Factor, profile: Mapping[str, Any]) -> list[str]:
    """The profile paths ``factor`` writes in ``profile`` (those it has)."""
    spec = factor.spec
    if factor.kind == "probability":
        gateways = spec["gateway"] if isinstance(spec["gateway"], list) else [spec["gateway"]]
        return [f"simulation.elements.{g}.probabilities" for g in gateways
                if _get(profile, f"simulation.elements.{g}.probabilities") is not None]
    path = str(spec["path"])
    if "*" in path:
        head, tail = path.split(".*.")
        found = [f"{head}.{key}.{tail}" for key, value in _elements(profile).items()
                 if isinstance(value, Mapping) and tail in value]
    else:
        found = [path] if _get(profile, path) is not None else []
    return found + [p for p in spec.get("also", []) if _get(profile, p) is not None]


def range_of(factor: Factor, profile: Mapping[str, Any]) -> tuple[float, float] | None:
    """The range of ``factor`` in this profile, when it is the profile's own (``range_from_text``)."""
    where = factor.spec.get("range_from_text")
    if not where:
        return None
    match = _RANGE_TEXT.search(provenance_text(_get(profile, where)))  # the English text
    if match:
        return float(match[1]), float(match[2])
    nominal = _get(profile, str(factor.spec["path"]))
    lo, hi = factor.spec.get("fallback_scale", (0.5, 2.0))
    return (float(nominal) * lo, float(nominal) * hi) if isinstance(nominal, (int, float)) else None


def _hours(value: float) -> str:
    return f"{value:.6g}h"


def _scaled_duration(value: Any, factor: float) -> Any:
    """A duration or distribution with every length multiplied by ``factor``."""
    if isinstance(value, str):
        return _hours(parse_duration(value, work=True) * factor)
    if isinstance(value, Mapping):
        out = {}
        for key, item in value.items():
            if key in ("dist", "unit"):
                out[key] = item
            elif isinstance(item, str):
                out[key] = _hours(parse_duration(item) * factor)
            elif isinstance(item, (int, float)) and not isinstance(item, bool):
                out[key] = item * factor
            elif isinstance(item, list):
                out[key] = [_scaled_duration(v, factor) if isinstance(v, str) else v for v in item]
            else:
                out[key] = item
        return out
    return value


def _capacity(pool: Mapping[str, Any], factor: float) -> dict[str, Any]:
    """A pool with count x fte scaled; above one full post per member a member is added."""
    count, fte = int(pool.get("count", 1)), float(pool.get("fte", 1.0))
    total = count * fte * factor
    if total / count <= 1.0:
        return {**pool, "fte": round(total / count, 6)}
    members = math.ceil(total - 1e-9)
    return {**pool, "count": members, "fte": round(total / members, 6)}


def _probabilities(current: Mapping[str, Any], flow: str, p: float) -> dict[str, float] | None:
    if flow not in current or len(current) != 2:
        return None
    (other,) = [f for f in current if f != flow]
    return {flow: round(p, 6), other: round(1.0 - round(p, 6), 6)} if list(current)[0] == flow else {
        other: round(1.0 - round(p, 6), 6), flow: round(p, 6)}


def _share(current: Mapping[str, Any], none: str, f: float) -> dict[str, Any] | None:
    values, weights = list(current.get("values", [])), [float(w) for w in current.get("weights", [])]
    if none not in values or len(values) != len(weights):
        return None
    i = values.index(none)
    rest = 1.0 - weights[i]
    if rest <= 0:
        return None
    new = [round(1.0 - f, 6) if j == i else round(f * w / rest, 6) for j, w in enumerate(weights)]
    return {**current, "weights": new}


def _writer(factor: Factor, u: float, profile: Mapping[str, Any],
            fitted: tuple[float, float] | None = None) -> Callable[[str, Any], Any] | None:
    """What sets a value of ``factor`` at quantile ``u``: over the profile's own range, the table's, or
    ``fitted`` (an interval a fit reports, sampled uniformly: a ``scale`` factor's as multiples of the value)."""
    spec = factor.spec
    kind = factor.kind
    own = range_of(factor, profile)
    if fitted is not None:
        value = float(fitted[0] + u * (fitted[1] - fitted[0]))
    else:
        value = factor.value_at(u, nominal=None, low=own[0] if own else None, high=own[1] if own else None)
    if kind == "scale":
        return lambda _p, current: _scaled_duration(current, value)
    if kind == "capacity":
        return lambda _p, current: _capacity(current, value)
    if kind == "value":
        return lambda _p, current: round(value, 6)
    if kind == "integer":
        return lambda _p, current: value
    if kind == "choice":
        allowed = _get(profile, str(spec["choices_in"])) if spec.get("choices_in") else None
        choices = [c for c in spec["choices"] if allowed is None or c in allowed]
        if not choices:
            return None
        pick = choices[min(len(choices) - 1, int(u * len(choices)))]
        return lambda _p, current: pick
    if kind == "duration":
        return lambda _p, current: ({**current, "value": _hours(value)} if isinstance(current, Mapping)
                                    else _hours(value))
    if kind == "cadence":
        return lambda _p, current: {**current, "rrule": f"FREQ=WEEKLY;INTERVAL={value};BYDAY=TU"}
    if kind == "share":
        return lambda _p, current: _share(current, str(spec["none"]), value)
    if kind == "probability":
        gateways = spec["gateway"] if isinstance(spec["gateway"], list) else [spec["gateway"]]
        flows = spec["flow"] if isinstance(spec["flow"], list) else [spec["flow"]]
        by_path = {f"simulation.elements.{g}.probabilities": fl for g, fl in zip(gateways, flows, strict=True)}
        return lambda p, current: _probabilities(current, by_path[p], value)
    return None  # pragma: no cover - kinds are checked when the table is read


# --------------------------------------------------------------------------- what a value rests on


#: how a value is sampled: over the interval its fit reports, over the table's (or the profile's) assumed
#: range, or not at all (a measured value without an interval)
BASES = ("fitted", "assumed", "measured")
_SCOPE = re.compile(r"^\s*([a-z_]+(?:\s*,\s*[a-z_]+)*)\s*:\s")


def _annotated(profile: Mapping[str, Any], path: str) -> tuple[Mapping[str, Any], str | None] | None:
    """The mapping that annotates the value at ``path`` (the nearest at or above it, below ``simulation``,
    with a ``source:``, ``assumption:`` or ``note:``) and the key of the value in it (None: the mapping itself)."""
    parts = path.split(".")
    for depth in range(len(parts), 1, -1):
        node = _get(profile, ".".join(parts[:depth]))
        if isinstance(node, Mapping) and {"source", "assumption", "note"} & set(node):
            return node, (parts[depth] if depth < len(parts) else None)
    return None


def _assumed_keys(holder: Mapping[str, Any]) -> set[str] | None:
    """The keys ``holder``'s ``assumption:`` is about: those its text names first (``cost_per_hour: not in the
    log``, as calibrate writes beside a fitted value), else every key (None); empty without an assumption."""
    if "assumption" not in holder:
        return set()
    match = _SCOPE.match(provenance_text(holder["assumption"]))
    keys = {k.strip() for k in match[1].split(",")} if match else set()
    return keys if keys and keys <= set(holder) else None


def _mean_hours(value: Any) -> float | None:
    """The mean of a duration or distribution in hours (a stated ``mean``, a fixed value, an empirical one's values)."""
    try:
        if isinstance(value, str):
            return parse_duration(value)
        if isinstance(value, Mapping) and "mean" in value:
            return parse_duration(str(value["mean"]))
        if isinstance(value, Mapping) and value.get("dist") == "empirical" and value.get("values"):
            values = [parse_duration(str(v)) for v in value["values"]]
            return sum(values) / len(values)
    except InputError:
        return None
    return None


def _fitted_interval(factor: Factor, path: str, holder: Mapping[str, Any], current: Any) -> tuple[float, float] | None:
    """The interval the ``interval:`` beside the value at ``path`` gives (what calibrate writes with the fit:
    ``{per_year: [98.0, 128.1], what: ...}``), in the factor's units (a ``scale`` factor: as multiples of the
    value's mean), None without one. The ``note:``'s words are for people and not read."""
    given = holder.get(INTERVAL_KEY)
    key = path.rsplit(".", 1)[-1]
    if not isinstance(given, Mapping) or key not in given:
        return None
    bounds = given[key]
    if factor.kind == "probability":
        flows = factor.spec["flow"] if isinstance(factor.spec["flow"], list) else [factor.spec["flow"]]
        flow = next((f for f in flows if isinstance(current, Mapping) and f in current), None)
        return interval_hours(bounds[flow]) if isinstance(bounds, Mapping) and flow in bounds else None
    if factor.kind in ("value", "duration") and not isinstance(bounds, Mapping):
        return interval_hours(bounds)
    if factor.kind == "scale" and isinstance(bounds, Mapping) and "mean" in bounds:
        mean = _mean_hours(current)
        low, high = interval_hours(bounds["mean"])
        return (low / mean, high / mean) if mean else None
    return None


def basis(factor: Factor, path: str, profile: Mapping[str, Any]) -> tuple[str, tuple[float, float] | None]:
    """What the value at ``path`` rests on, by the profile's own annotation beside it: ``("fitted", (low,
    high))`` for a sourced value whose ``interval:`` gives its interval (calibrate's exact Poisson or bootstrap
    interval, the agenda cut-off's bounds), ``("measured", None)`` for a sourced value without one (or one of
    no width: a profile calibrated before calibrate wrote ``interval:`` has none), ``("assumed", None)`` for a value with an assumption about it, or without a source."""
    found = _annotated(profile, path)
    if found is None:
        return "assumed", None
    holder, key = found
    assumed = _assumed_keys(holder)
    keys = {"count", "fte"} if factor.kind == "capacity" and key is None else ({key} if key else set(holder))
    if assumed is None or assumed & keys or "source" not in holder:
        return "assumed", None
    interval = _fitted_interval(factor, path, holder, _get(profile, path))
    if interval is None or not interval[0] < interval[1]:
        return "measured", None
    return "fitted", interval


def bases(factor: Factor, member: str, profile: Mapping[str, Any]) -> dict[str, tuple[str, tuple[float, float] | None]]:
    """:func:`basis` of each path ``factor`` writes in ``member``'s ``profile`` (a library profile that
    ``sourced_for`` names states the source in its text only: every path is measured there)."""
    if member in factor.spec.get("sourced_for", ()):
        return {path: ("measured", None) for path in _paths(factor, profile)}
    return {path: basis(factor, path, profile) for path in _paths(factor, profile)}


def factor_values(
    factor: Factor, u: float, member: str, profile: Mapping[str, Any], *, lever: Callable[[str], bool],
) -> list[tuple[str, Any]]:
    """``(path, value)`` overrides that put ``factor`` at quantile ``u`` in ``member``'s ``profile``.

    ``lever(path)`` is true for a path the scenario sets itself: it is not touched. A value is sampled
    as :func:`basis` says: over its fitted interval, over the assumed range, or (measured) not at all.
    """
    based = bases(factor, member, profile)
    if all(b == "measured" for b, _i in based.values()):
        return []
    write = _writer(factor, u, profile)
    out = []
    for path, (how, interval) in based.items():
        if lever(path) or how == "measured":
            continue
        if how == "fitted" and interval is not None:
            fit_write = _writer(factor, u, profile, interval)
            new = fit_write(path, _get(profile, path)) if fit_write else None
        else:
            new = write(path, _get(profile, path)) if write else None
        if new is not None:
            out.append((path, new))
    return out
