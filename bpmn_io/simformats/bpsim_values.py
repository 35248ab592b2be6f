"""BPSim parameter values read into permitflow's terms: numbers in the scenario's base time unit, dates,
and distributions in hours, with a warning for each value that has no permitflow equivalent.

:class:`ParameterValues` holds one scenario's state while it is read (the base time unit, the warnings,
the parts found) and reads single parameters (``FloatingParameter``, ``DurationParameter``, the
``...Distribution`` elements, a Poisson count as an empirical distribution); :mod:`bpmn_io.simformats.bpsim`
builds on it to read the scenario's parts and make the profile. Its own module because a value is read
the same wherever in the scenario it stands; :func:`iso_hours` (an ISO 8601 duration in hours) serves
the other formats' readers too.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Any

from lxml import etree

from bpmn_io.simformats.common import Where, hours_text
from processes.model import Definitions, Process

__all__ = ["ParameterValues", "UNIT_HOURS", "local_name", "iso_hours", "parameter_values", "constant_value"]

#: hours per BPSim base time unit
UNIT_HOURS = {"ms": 1 / 3_600_000, "s": 1 / 3600, "min": 1 / 60, "hour": 1.0, "day": 24.0, "year": 8766.0}
_ISO = re.compile(
    r"^P(?:(?P<y>\d+(?:\.\d+)?)Y)?(?:(?P<mo>\d+(?:\.\d+)?)M)?(?:(?P<w>\d+(?:\.\d+)?)W)?(?:(?P<d>\d+(?:\.\d+)?)D)?"
    r"(?:T(?:(?P<h>\d+(?:\.\d+)?)H)?(?:(?P<mi>\d+(?:\.\d+)?)M)?(?:(?P<s>\d+(?:\.\d+)?)S)?)?$"
)


def local_name(el: etree._Element) -> str:
    """The local name of an element; ``""`` for a comment or processing instruction."""
    return etree.QName(el).localname if isinstance(el.tag, str) else ""


def iso_hours(text: str) -> float | None:
    m = _ISO.match(text.strip())
    if not m or text.strip() in ("P", "PT"):
        return None
    f = {k: float(v) if v else 0.0 for k, v in m.groupdict().items()}
    return f["y"] * 8766 + f["mo"] * 730.5 + f["w"] * 168 + f["d"] * 24 + f["h"] + f["mi"] / 60 + f["s"] / 3600



class ParameterValues:
    """One scenario being read: its state and warnings, and its parameters read as values."""

    def __init__(self, defs: Definitions, process: Process, where: Where) -> None:
        self.defs = defs
        self.process = process
        self.where = where
        self.source = where.source
        self.unit = 1 / 60
        self.warnings: list[str] = []
        self.elements: dict[str, dict[str, Any]] = {}
        self.pools: dict[str, Any] = {}
        self.flow_probs: dict[str, float] = {}
        self.arrivals: dict[str, Any] | None = None
        self.cases: int | None = None
        self.horizon: float | None = None
        self.warmup: float | None = None
        self.start: dt.date = dt.date(2025, 1, 1)
        self.calendars: dict[str, dict[str, str]] = {}
        self.calendar_errors: dict[str, str] = {}
        self.pool_calendar: dict[str, str] = {}
        self.used_calendars: set[str] = set()

    def warn(self, message: str) -> None:
        self.warnings.append(message)

    def attribute(self, child: etree._Element, name: str, what: str, default: str = "nan") -> float:
        """The number in ``child``'s attribute ``name`` (``default`` when it has none): one line naming the
        element and its line where it is not a finite number (``max="lots"`` was a ValueError traceback)."""
        text = child.get(name)
        try:
            value = float(default if text is None else text)
        except ValueError:
            value = math.nan
        if text is not None and not math.isfinite(value):
            raise self.where.error(child, f"{what}: bpsim:{local_name(child)} {name}={text!r} is not a number")
        return value

    def date(self, child: etree._Element) -> dt.date:
        """The date of ``child``'s ``value``, a date and time (``value="soon"`` was a ValueError
        traceback)."""
        text = child.get("value", "")
        try:
            return dt.date.fromisoformat(text.strip()[:10])
        except ValueError:
            said = f"bpsim:ScenarioParameters Start: bpsim:{local_name(child)} value={text!r}"
            raise self.where.error(child, f"{said} is not a date and time (expected such as "
                                          "2026-01-05T08:00:00)") from None

    # -- values -------------------------------------------------------------------------
    def whole(self, param: etree._Element, what: str) -> int | None:
        """A whole number from a BPSim Parameter element (TriggerCount): refused at its line where it is
        none (``2.5`` became 2 without a word), as QBP's processInstances is; the profile checks its range."""
        value = self.number(param, what)
        if value is None or value.is_integer():
            return None if value is None else int(value)
        child = constant_value(param)
        assert child is not None  # number() read it
        raise self.where.error(child, f"{what}: bpsim:{local_name(child)} value={child.get('value')!r} is not a "
                                      "whole number")

    def number(self, param: etree._Element, what: str) -> float | None:
        """A constant from a BPSim Parameter element (its first constant value child, :func:`constant_value`)."""
        child = constant_value(param)
        if child is None:
            self.warn(f"{what}: no constant value found (expected FloatingParameter or NumericParameter)")
            return None
        kind = local_name(child)
        if kind in ("FloatingParameter", "NumericParameter"):
            return self.attribute(child, "value", what)
        if kind == "BooleanParameter":
            return 1.0 if child.get("value") == "true" else 0.0
        hours = iso_hours(child.get("value", ""))  # a DurationParameter
        return None if hours is None else hours / self.unit

    def distribution(self, param: etree._Element, what: str) -> dict[str, Any] | None:
        """A permitflow distribution mapping (in hours) from a BPSim Parameter, or None with a warning."""
        if not parameter_values(param):
            self.warn(f"{what}: empty parameter (not imported)")
            return None
        child = parameter_values(param)[0]
        kind = local_name(child)
        u = self.unit

        def a(name: str) -> float:
            value = child.get(name)
            if value is None:
                raise self.where.error(child, f"{what}: bpsim:{kind} has no attribute {name!r}")
            return self.attribute(child, name, what) * u

        if kind in ("FloatingParameter", "NumericParameter"):
            return {"dist": "fixed", "value": hours_text(self.attribute(child, "value", what, "0") * u)}
        if kind == "DurationParameter":
            hours = iso_hours(child.get("value", ""))
            if hours is not None:
                return {"dist": "fixed", "value": hours_text(hours)}
        if kind == "UniformDistribution":
            return {"dist": "uniform", "low": hours_text(a("min")), "high": hours_text(a("max"))}
        if kind == "TriangularDistribution":
            return {"dist": "triangular", "low": hours_text(a("min")), "mode": hours_text(a("mode")),
                    "high": hours_text(a("max"))}
        if kind in ("ExponentialDistribution", "NegativeExponentialDistribution"):
            return {"dist": "exponential", "mean": hours_text(a("mean"))}
        if kind == "NormalDistribution":
            return {"dist": "normal", "mean": hours_text(a("mean")), "sd": hours_text(a("standardDeviation"))}
        if kind == "TruncatedNormalDistribution":
            self.warn(f"{what}: bpsim:TruncatedNormalDistribution min/max have no equivalent "
                      "(imported as a normal truncated at 0)")
            return {"dist": "normal", "mean": hours_text(a("mean")), "sd": hours_text(a("standardDeviation"))}
        if kind == "LogNormalDistribution":
            return {"dist": "lognormal", "mean": hours_text(a("mean")), "sd": hours_text(a("standardDeviation"))}
        if kind == "GammaDistribution":
            return {"dist": "gamma", "shape": self.attribute(child, "shape", what),
                    "scale": hours_text(a("scale"))}
        if kind == "ErlangDistribution":
            k = self.attribute(child, "k", what)
            if not k >= 1:  # k="0" was a ZeroDivisionError traceback
                raise self.where.error(child, f"{what}: bpsim:ErlangDistribution k={child.get('k')!r} "
                                              "(expected a whole number of phases, 1 or more)")
            return {"dist": "gamma", "shape": k, "scale": hours_text(a("mean") / k)}
        if kind == "PoissonDistribution":
            return self.poisson(self.attribute(child, "mean", what), what)
        if kind == "EnumParameter" and len(child):
            return {"dist": "empirical",
                    "values": [hours_text(self.attribute(v, "value", what) * u) for v in child]}
        self.warn(f"{what}: bpsim:{kind} has no permitflow equivalent (not imported)")
        return None

    def poisson(self, lam: float, what: str) -> dict[str, Any] | None:
        """A Poisson count of base time units with mean ``lam``, as an empirical distribution (hours)."""
        if not (math.isfinite(lam) and lam > 0):
            self.warn(f"{what}: bpsim:PoissonDistribution mean {lam!r} must be > 0 (not imported)")
            return None
        jbpm = ("; note that jBPM's own simulator reads this mean in milliseconds and draws a count of "
                "milliseconds instead (nearly a fixed time)")
        if lam > 1000:
            self.warn(f"{what}: bpsim:PoissonDistribution mean {lam:g} imported as normal(mean {lam:g}, "
                      f"sd {math.sqrt(lam):.4g}) in base time units (its normal approximation){jbpm}")
            return {"dist": "normal", "mean": hours_text(lam * self.unit), "sd": hours_text(math.sqrt(lam) * self.unit)}
        reach = 12 * math.sqrt(lam) + 12
        ks = range(max(0, math.floor(lam - reach)), math.ceil(lam + reach) + 1)
        pmf = {k: math.exp(-lam + k * math.log(lam) - math.lgamma(k + 1)) for k in ks}
        kept = {k: p for k, p in pmf.items() if p > 1e-12}
        self.warn(f"{what}: bpsim:PoissonDistribution mean {lam:g} imported as a Poisson count of base time units "
                  f"(empirical, mean {lam:g}, sd {math.sqrt(lam):.4g}){jbpm}")
        return {"dist": "empirical", "values": [hours_text(k * self.unit) for k in kept],
                "weights": list(kept.values())}

    def valid_for(self, param: etree._Element, label: str) -> str | None:
        """The ``validFor`` calendar of the value of ``param`` (the first value; others are reported)."""
        values = parameter_values(param)
        if len(values) > 1:
            self.warn(f"{label}: {len(values)} values (per calendar or instance); only the first is imported")
        cal = values[0].get("validFor") if values else None
        return cal or None

    def calendar(self, el: etree._Element) -> None:
        from bpmn_io.simformats.ical import ICalError, weekly_hours

        cid = str(el.get("id") or el.get("name") or "")
        try:
            hours, notes = weekly_hours(el.text or "")
        except ICalError as err:
            self.calendar_errors[cid] = str(err)
            return
        if not hours:
            self.calendar_errors[cid] = "no open hours"
            return
        self.calendars[cid] = hours
        for note in notes:
            self.warn(f"Calendar {cid!r}: {note}")

def parameter_values(param: etree._Element) -> list[etree._Element]:
    """The value elements of a BPSim parameter (not comments, not ResultRequest output requests)."""
    return [c for c in param if isinstance(c.tag, str) and local_name(c) != "ResultRequest"]


#: the value elements a BPSim parameter gives a constant in
_CONSTANTS = ("FloatingParameter", "NumericParameter", "BooleanParameter", "DurationParameter")


def constant_value(param: etree._Element) -> etree._Element | None:
    """The first value element of a BPSim parameter that gives a constant, None when it has none."""
    return next((c for c in parameter_values(param) if local_name(c) in _CONSTANTS), None)
