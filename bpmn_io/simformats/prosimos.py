"""permitflow parameters out to Prosimos simulation parameters (JSON).

Prosimos (the open-source business process simulator of the Simod / PIX
tools) reads a BPMN file plus a JSON document with ``resource_profiles``,
``resource_calendars``, ``task_resource_distribution``,
``arrival_time_distribution``, ``arrival_time_calendar``,
``gateway_branching_probabilities``, ``event_distribution`` and
``batch_processing``; every time is in SECONDS. Its distributions and their
parameter lists (``distribution_params``, each ``{"value": x}``):

=========== =======================================
name        parameters
=========== =======================================
fix         value
expon       mean, min, max  (scale = mean - min)
uniform     min, max
norm        mean, std, min, max
lognorm     mean, variance, min, max
gamma       mean, variance, min, max
=========== =======================================

What Prosimos cannot express is reported, one warning per feature and
element: holidays and closures of a calendar, FTE shares, seasonal or replayed
arrivals, decision bodies that meet on a calendar, boundary events, the legal
clock, calendar-time delays on tasks (exported as a large 24/7 pool), the
triangular and empirical distributions (exported as a truncated normal with the
same mean and standard deviation), loops and multi-instance, gateway conditions
and case attributes, delays that move together within a case
(``case_delays``), subprocesses, warm-up.

The JSON goes with the BPMN of :mod:`bpmn_io.simformats.prosimos_bpmn` (Prosimos
reads only plain ``task`` elements). Arrivals: permitflow's ``per_year`` with
month-length seasonality is one constant rate over a 365-day year, so the
Prosimos mean inter-arrival time is ``8760 h / per_year`` and the import is the
inverse (``common.constant_arrivals``, in :mod:`bpmn_io.simformats.prosimos_import`).
"""

from __future__ import annotations

import math
from typing import Any

from bpmn_io.simformats.common import (
    MONTH_DAYS,
    WEEKDAY_NAMES,
    Converted,
)
from bpmn_io.simformats.prosimos_bpmn import prosimos_roles
from processes.distributions import Distribution
from processes.durations import duration_said
from processes.errors import InputError
from processes.model import CallActivity, Definitions, Event, Gateway, SubProcess, Task
from processes.params import SimParams

__all__ = ["to_prosimos", "prosimos_distribution", "DELAY_POOL", "DELAY_POOL_SIZE", "YEAR_HOURS"]

#: resource id for tasks that take calendar time with no pool
DELAY_POOL = "calendar_time"
DELAY_POOL_SIZE = 1000
_BIG = 1.0e12  # seconds: the "max" of an unbounded distribution
#: hours of the 365-day year behind permitflow's constant-rate seasonality (month lengths 31, 28, 31, ...)
YEAR_HOURS = 8760.0
_ALWAYS = [{"from": "MONDAY", "to": "SUNDAY", "beginTime": "00:00:00", "endTime": "23:59:59.999"}]


def _sd(dist: Distribution) -> float:
    p = dict(dist.params)
    kind = dist.kind
    if kind == "fixed":
        return 0.0
    if kind == "exponential":
        return p["mean"]
    if kind == "uniform":
        return (p["high"] - p["low"]) / math.sqrt(12)
    if kind == "triangular":
        a, c, b = p["low"], p["mode"], p["high"]
        return math.sqrt((a * a + b * b + c * c - a * b - a * c - b * c) / 18)
    if kind in ("normal", "lognormal"):
        return p["sd"]
    if kind == "gamma":
        if "sd" in p:
            return p["sd"]
        return math.sqrt(p["shape"]) * p["scale"]
    if kind == "empirical":
        mean = dist.mean()
        return math.sqrt(sum(w * (v - mean) ** 2 for v, w in zip(dist.values, dist.weights, strict=True)))
    raise ValueError(kind)


def prosimos_distribution(dist: Distribution, warnings: list[str], what: str) -> dict[str, Any]:
    """``distribution_name`` + ``distribution_params`` (seconds) for a permitflow distribution (hours)."""
    p = {k: v * 3600 for k, v in dist.params}

    def out(name: str, *values: float) -> dict[str, Any]:
        return {"distribution_name": name, "distribution_params": [{"value": float(v)} for v in values]}

    if dist.kind == "fixed":
        return out("fix", p["value"])
    if dist.kind == "exponential":
        return out("expon", p["mean"], 0.0, _BIG)
    if dist.kind == "uniform":
        return out("uniform", p["low"], p["high"])
    if dist.kind == "normal":
        if dist.mean() * 3600 - p["mean"] > 1e-6 * max(p["mean"], 1.0):
            warnings.append(f"{what}: normal truncated at 0 exported as Prosimos norm with min 0 "
                            "(same truncation, resampled)")
        return out("norm", p["mean"], p["sd"], 0.0, _BIG)
    if dist.kind == "lognormal":
        return out("lognorm", p["mean"], p["sd"] ** 2, 0.0, _BIG)
    if dist.kind == "gamma":
        mean, sd = dist.mean() * 3600, _sd(dist) * 3600
        return out("gamma", mean, sd**2, 0.0, _BIG)
    lo = min(dist.values) if dist.kind == "empirical" else dict(dist.params)["low"]
    hi = max(dist.values) if dist.kind == "empirical" else dict(dist.params)["high"]
    warnings.append(f"{what}: {dist.kind} distribution has no Prosimos equivalent; exported as norm with the "
                    "same mean and standard deviation, truncated to its range")
    return out("norm", dist.mean() * 3600, _sd(dist) * 3600, lo * 3600, hi * 3600)


def _periods(week: tuple[tuple[tuple[float, float], ...], ...]) -> list[dict[str, str]]:
    def clock(h: float) -> str:
        if h >= 24.0:
            return "23:59:59.999"
        total = int(round(h * 3600))
        return f"{total // 3600:02d}:{total % 3600 // 60:02d}:{total % 60:02d}"

    return [
        {"from": WEEKDAY_NAMES[d], "to": WEEKDAY_NAMES[d], "beginTime": clock(a), "endTime": clock(b)}
        for d, intervals in enumerate(week) for a, b in intervals
    ]


def to_prosimos(defs: Definitions, params: SimParams) -> Converted:
    """The Prosimos JSON document for ``defs`` simulated with ``params``, with warnings.

    The document fits the BPMN of :func:`bpmn_io.simformats.prosimos_bpmn.prosimos_bpmn`
    (every activity a plain ``task``), which is what Prosimos can read.
    """
    process = defs.process()
    warnings: list[str] = []
    lanes = {n.id: process.lane_of(n.id) for n in process.nodes.values()}
    roles = prosimos_roles(process)

    calendars = []
    for name, cal in params.calendars.items():
        if cal.holidays:
            warnings.append(f"calendar {name!r}: holidays ({cal.holidays}) cannot be expressed in Prosimos (dropped)")
        if cal.closures or cal.closed_dates:
            warnings.append(f"calendar {name!r}: closures and closed dates cannot be expressed in Prosimos (dropped)")
        calendars.append({"id": name, "name": name, "time_periods": _periods(cal.week)})

    assigned: dict[str, list[str]] = {name: [] for name in params.pools}
    tasks: list[dict[str, Any]] = []
    needs_delay_pool = False
    decision = params.decision
    for node in process.nodes.values():
        if node.parent != process.id:
            if node.id in params.elements:
                kind = "activity" if isinstance(node, (Task, SubProcess, CallActivity)) else type(node).__name__.lower()
                warnings.append(f"{kind} {node.id!r} inside a subprocess: not simulated by Prosimos "
                                "(the subprocess is one task there; parameters dropped)")
            continue
        if roles.get(node.id) != "task":
            continue
        ep = params.elements.get(node.id)
        _warn_unexpressible(node, ep, warnings)
        pool: str | None = None
        dist: Distribution | None = None
        if isinstance(node, SubProcess):
            warnings.append(f"subprocess {node.id!r}: Prosimos cannot read subprocesses; exported as one task "
                            "(its inside is not simulated)")
        if isinstance(node, Event):
            dist = Distribution.fixed(0.0)
        if decision is not None and node.id == decision.element:
            if decision.by_outcome:
                warnings.append(f"decision {node.id!r}: a delegation by outcome cannot be expressed in Prosimos "
                                f"(exported as decided by the {decision.delegation}, the level of grants)")
            body = decision.body
            if body.pool is not None:
                pool, dist = body.pool, body.duration
            else:
                warnings.append(f"decision {node.id!r}: a {decision.delegation} that meets on a calendar "
                                "cannot be expressed in Prosimos (exported without the wait for the meeting)")
        if dist is None and ep is not None and ep.duration is not None:
            dist = ep.duration
            lane = lanes.get(node.id)
            found = None
            if lane is not None:
                found = params.pool_for_lane(lane.id) or (params.pool_for_lane(lane.name) if lane.name else None)
            pool = ep.pool or (found.name if found else None)
        elif dist is None and ep is not None and ep.delay is not None:
            dist, pool = ep.delay, None
            warnings.append(f"task {node.id!r}: calendar-time delay exported as work for a 24/7 pool of "
                            f"{DELAY_POOL_SIZE} ('{DELAY_POOL}')")
        if dist is None:
            dist = Distribution.fixed(0.0)
        if pool is None:
            needs_delay_pool = True
            pool = DELAY_POOL
        assigned.setdefault(pool, []).append(node.id)
        tasks.append({"task_id": node.id, "resources": [
            {"resource_id": pool, **prosimos_distribution(dist, warnings, f"task {node.id!r}")}]})

    profiles = []
    for name, spec in params.pools.items():
        if spec.fte < 1.0:
            warnings.append(f"pool {name!r}: FTE share {spec.fte:g} cannot be expressed in Prosimos "
                            "(exported as full-time members)")
        profiles.append({"id": name, "name": name, "resource_list": [
            {"id": name, "name": name, "cost_per_hour": spec.cost_per_hour, "amount": spec.count,
             "calendar": spec.calendar, "assignedTasks": assigned.get(name, [])}]})
    if needs_delay_pool:
        calendars.append({"id": "always", "name": "always", "time_periods": list(_ALWAYS)})
        profiles.append({"id": DELAY_POOL, "name": DELAY_POOL, "resource_list": [
            {"id": DELAY_POOL, "name": DELAY_POOL, "cost_per_hour": 0, "amount": DELAY_POOL_SIZE,
             "calendar": "always", "assignedTasks": assigned.get(DELAY_POOL, [])}]})

    arrivals = params.arrivals
    if arrivals.per_year is None:
        warnings.append("arrivals: a replayed list of dates cannot be expressed in Prosimos JSON "
                        "(exported as Poisson with the same mean rate)")
        span = max((params.datetime_to_hours(d) for d in arrivals.dates), default=YEAR_HOURS) or YEAR_HOURS
        per_year = len(arrivals.dates) * YEAR_HOURS / span
    else:
        per_year = arrivals.per_year
        if not _constant_rate(arrivals.seasonality):
            warnings.append("arrivals: monthly seasonality cannot be expressed in Prosimos (exported as a constant "
                            "rate with the same yearly mean)")
    if not per_year > 0:
        raise InputError("arrivals: Prosimos needs a positive arrival rate (per_year is 0)", path="arrivals")
    arrival = {"distribution_name": "expon",
               "distribution_params": [{"value": YEAR_HOURS * 3600 / per_year}, {"value": 0.0}, {"value": _BIG}]}
    if params.attributes:
        warnings.append(f"case attributes ({', '.join(params.attributes)}): not exported (Prosimos case_attributes "
                        "and branch_rules are not written)")

    gateways = []
    for node in process.nodes.values():
        if not isinstance(node, Gateway) or node.gateway_kind not in ("exclusive", "inclusive"):
            continue
        if roles.get(node.id) is None:
            continue
        flows = [f.id for f in process.outgoing(node.id)]
        if len(flows) < 2:
            continue
        ep = params.elements.get(node.id)
        probs = dict(ep.probabilities) if ep is not None and ep.probabilities else {}
        if not probs:
            why = "conditions over case attributes are not exported" if ep is not None and ep.conditions \
                else "no probabilities in the profile"
            warnings.append(f"gateway {node.id!r}: {why}; exported as equal shares")
            probs = {f: 1.0 / len(flows) for f in flows}
        if node.gateway_kind == "inclusive":
            probs = _inclusive_marginals(node.id, probs, warnings)
        gateways.append({"gateway_id": node.id,
                         "probabilities": [{"path_id": f, "value": probs.get(f, 0.0)} for f in flows]})

    events = []
    for node in process.nodes.values():
        if not isinstance(node, Event):
            continue
        if node.position == "boundary":
            warnings.append(f"boundary event {node.id!r}: boundary events cannot be expressed in Prosimos (dropped)")
            continue
        if roles.get(node.id) != "event":
            continue
        ep = params.elements.get(node.id)
        dist = ep.delay if ep is not None and ep.delay is not None else None
        if dist is None and node.trigger == "timer" and node.definitions[0].timer is not None:
            text = node.definitions[0].timer.text.strip()
            hours = _iso_hours(text)
            if hours is not None:
                dist = Distribution.fixed(hours)
        if dist is None:
            warnings.append(f"event {node.id!r}: no delay in the profile; exported as taking no time "
                            "(Prosimos needs a duration for every catch event)")
            dist = Distribution.fixed(0.0)
        events.append({"event_id": node.id, **prosimos_distribution(dist, warnings, f"event {node.id!r}")})
    if decision is not None and decision.body.meetings is not None:
        warnings.append(f"decision bodies: meetings of the {decision.delegation} (agenda cut-off, batch decisions) "
                        "cannot be expressed in Prosimos batch_processing (dropped)")
    if params.clock is not None:
        warnings.append("clock: the legal clock has no Prosimos equivalent (Prosimos reports cycle times only)")
    if params.delay_correlation:
        warnings.append(f"case_delays: a case's delays moving together (correlation {params.delay_correlation:g}) "
                        "cannot be expressed in Prosimos (each delay is drawn on its own there)")
    if params.warmup:
        said = duration_said(params.warmup)[0]  # as the profile wrote it ("8 weeks"), not "1344 h"
        warnings.append(f"warmup of {said}: Prosimos has no warm-up period (not exported)")
    doc = {
        "resource_profiles": profiles,
        "arrival_time_distribution": arrival,
        "arrival_time_calendar": list(_ALWAYS),
        "gateway_branching_probabilities": gateways,
        "task_resource_distribution": tasks,
        "resource_calendars": calendars,
        "event_distribution": events,
        "batch_processing": [],
    }
    return Converted(doc, tuple(warnings))


def _inclusive_marginals(gid: str, probs: dict[str, float], warnings: list[str]) -> dict[str, float]:
    """Each flow's chance of being taken, from permitflow's probabilities over flow sets (``"a+b"``).

    permitflow draws one set of flows; Prosimos draws every flow on its own
    with its probability (and, when it draws none, one flow by the same numbers,
    which numpy refuses unless they sum to 1). The chance of each flow is kept,
    the joint choice is not: a warning says so.
    """
    marginal: dict[str, float] = {}
    for key, p in probs.items():
        for flow in (k.strip() for k in key.split("+")):
            marginal[flow] = marginal.get(flow, 0.0) + p
    total = math.fsum(marginal.values())
    none_drawn = math.prod(1.0 - m for m in marginal.values())
    crash = (f"; Prosimos stops ('probabilities do not sum to 1') in the {none_drawn:.1%} of passes where it "
             "draws no flow") if abs(total - 1.0) > 1e-9 and none_drawn > 1e-12 else ""
    warnings.append(f"inclusive gateway {gid!r}: Prosimos takes each outgoing flow on its own; exported each flow's "
                    f"chance of being taken ({', '.join(f'{k} {v:.3g}' for k, v in marginal.items())}), not which "
                    f"flows go together{crash}")
    return marginal


def _warn_unexpressible(node: Any, ep: Any, warnings: list[str]) -> None:
    """Loops and multi-instance of an activity (Prosimos runs every task once), and its ``set:`` marks."""
    loop = getattr(node, "loop", None)
    if loop is not None or (ep is not None and (ep.loop_again is not None or ep.cardinality is not None)):
        warnings.append(f"activity {node.id!r}: loop / multi-instance behaviour cannot be expressed in Prosimos "
                        "(exported as one execution)")
    if ep is not None and ep.sets:
        warnings.append(f"activity {node.id!r}: set: (marks on the case: {', '.join(ep.sets)}) cannot be "
                        "expressed in Prosimos (dropped)")


def _constant_rate(weights: tuple[float, ...]) -> bool:
    """True if monthly weights proportional to the months' lengths give the same rate every day."""
    total, days = sum(weights), sum(MONTH_DAYS)
    return all(abs(w / total - d / days) < 1e-9 for w, d in zip(weights, MONTH_DAYS, strict=True))


def _iso_hours(text: str) -> float | None:
    from bpmn_io.simformats.bpsim_values import iso_hours as iso

    return iso(text)
