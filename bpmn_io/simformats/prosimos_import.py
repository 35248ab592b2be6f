"""Prosimos simulation parameters (JSON) into permitflow parameters.

The inverse of :mod:`bpmn_io.simformats.prosimos` for the parts both tools
express: resource calendars and resources (a Simod-style profile of one
resource per person, all listed on a task, becomes one pool), task durations
(``calendar_time`` resources: calendar-time delays), gateway branching
probabilities, catch-event durations, and the exponential arrival process (a
constant permitflow rate). Everything else is named in a warning: batching,
other top-level sections, shifted exponentials, ``min``/``max`` bounds,
arrival calendars that are not around the clock, a task with several
resources that are not one whole profile.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

from bpmn_io.simformats.common import (
    ALWAYS_OPEN,
    Converted,
    clock_hours,
    constant_arrivals,
    hours_text,
    normalised,
    profile_document,
    week_from_rules,
)
from bpmn_io.simformats.prosimos import DELAY_POOL
from bpmn_io.simformats.prosimos_shape import check_shape
from processes.distributions import distribution_from_data
from processes.errors import InputError
from processes.model import CallActivity, Definitions, Gateway, SubProcess, Task

__all__ = ["prosimos_to_profile"]


def _params(entry: Any, what: str, source: str, n: int) -> list[float]:
    raw = entry.get("distribution_params") if isinstance(entry, dict) else None
    if not isinstance(raw, list) or len(raw) < n:
        raise InputError(f"{what}: distribution_params {raw!r} needs at least {n} values", file=source)
    out = []
    for i, item in enumerate(raw):
        value: Any = item.get("value") if isinstance(item, dict) else item
        try:
            out.append(float(value))
        except (TypeError, ValueError):
            raise InputError(f"{what}: distribution_params[{i}] {value!r} is not a number", file=source) from None
    return out


def _period_rules(periods: list[Any]) -> list[tuple[str, str, float, float]]:
    """Prosimos ``time_periods`` as :func:`week_from_rules` rules."""
    return [(p.get("from", "MONDAY"), p.get("to", "SUNDAY"), clock_hours(p.get("beginTime", "00:00")),
             clock_hours(p.get("endTime", "24:00"))) for p in periods]


def _from_prosimos(entry: dict[str, Any], warnings: list[str], what: str, source: str) -> dict[str, Any]:
    name = entry.get("distribution_name")
    h = 1 / 3600
    if name == "fix":
        (v, *_) = _params(entry, what, source, 1)
        return {"dist": "fixed", "value": hours_text(v * h)}
    if name == "expon":
        mean, lo, *_ = _params(entry, what, source, 2)
        if lo:
            warnings.append(f"{what}: expon min {lo:g} s (a shifted exponential) has no equivalent; shift dropped")
        return {"dist": "exponential", "mean": hours_text(mean * h)}
    if name == "uniform":
        lo, hi, *_ = _params(entry, what, source, 2)
        return {"dist": "uniform", "low": hours_text(lo * h), "high": hours_text(hi * h)}
    if name in ("norm", "lognorm", "gamma"):
        a, b, *rest = _params(entry, what, source, 2)
        sd = abs(b) if name == "norm" else math.sqrt(max(b, 0.0))
        # a bound drops something only if it can cut a draw: a minimum above 0 (every draw is >= 0
        # here too), a maximum within ten standard deviations of the mean (Prosimos writes 1e9 s)
        if rest and (rest[0] > 0 or (len(rest) > 1 and rest[1] < a + 10 * sd)):
            bounds = f"[{rest[0]:g}, {rest[1]:g}] s" if len(rest) > 1 else f"min {rest[0]:g} s"
            warnings.append(f"{what}: {name} bounds {bounds} have no equivalent (dropped; a normal is truncated at 0 only)")
        if name == "norm":
            return {"dist": "normal", "mean": hours_text(a * h), "sd": hours_text(b * h)}
        return {"dist": "lognormal" if name == "lognorm" else "gamma", "mean": hours_text(a * h),
                "sd": hours_text(math.sqrt(max(b, 0.0)) * h)}
    raise InputError(
        f"{what}: Prosimos distribution {name!r} (expected one of fix, expon, uniform, norm, lognorm, gamma)",
        file=source,
    )


def _profile_pool(tid: str, resources: list[Any], dist: dict[str, Any], pools: dict[str, Any],
                  profile_of: dict[str, str], members: dict[str, list[str]], warnings: list[str], source: str) -> str:
    """The pool for a task that lists several resources.

    Simod and Prosimos write one resource per person (``amount`` 1) and list every
    member of a profile on the task; when the task lists all members of one
    profile with one duration and they share calendar and cost, the profile is
    one pool of all of them. Otherwise the first resource is used (a warning).
    """
    ids = [str(r.get("resource_id")) for r in resources]
    profiles = {profile_of.get(r) for r in ids}
    same = all(_from_prosimos(r, [], f"task {tid!r}", source) == dist for r in resources[1:])
    if len(profiles) == 1 and None not in profiles and same:
        pid = str(profiles.pop())
        group = members[pid]
        looks = {(pools[r]["calendar"], pools[r]["cost_per_hour"]) for r in group}
        if set(ids) == set(group) and len(looks) == 1:
            if pid in pools and pid not in group:
                raise InputError(f"resource profile {pid!r} has the id of another resource", file=source)
            calendar, cost = looks.pop()
            pools[pid] = {"count": sum(pools[r]["count"] for r in group), "calendar": calendar,
                          "cost_per_hour": cost}
            return pid
    warnings.append(f"task {tid!r}: {len(resources)} resources ({', '.join(ids)}) that are not one whole resource "
                    f"profile with one duration, calendar and cost; permitflow uses one pool per task ({ids[0]!r})")
    return ids[0]


def _flow_sets(gid: str, probs: dict[str, float], warnings: list[str]) -> dict[str, float]:
    """permitflow probabilities over flow sets (``"a+b"``) for a Prosimos inclusive gateway.

    Prosimos takes each flow on its own with its probability; when it takes
    none, it takes one flow chosen by the same numbers. So a set has the
    product probability, and the no-flow case goes to the single flows in
    proportion to their probabilities.
    """
    flows = sorted(probs)
    if len(flows) > 10:
        raise InputError(f"inclusive gateway {gid!r}: {len(flows)} outgoing flows (at most 10 can be imported)")
    clipped = {f: min(max(probs[f], 0.0), 1.0) for f in flows}
    total = math.fsum(clipped.values())
    out: dict[str, float] = {}
    for mask in range(1, 2 ** len(flows)):
        chosen = [f for i, f in enumerate(flows) if mask >> i & 1]
        p = math.prod(clipped[f] if f in chosen else 1.0 - clipped[f] for f in flows)
        if p > 0:
            out["+".join(chosen)] = p
    nothing = math.prod(1.0 - clipped[f] for f in flows)
    if nothing > 0:
        if abs(total - 1.0) > 1e-9:
            warnings.append(f"inclusive gateway {gid!r}: probabilities sum to {total:.6g}; when it draws no flow "
                            "Prosimos cannot go on, permitflow takes one flow in proportion to them")
        for f in flows:
            out[f] = out.get(f, 0.0) + nothing * clipped[f] / total
    return normalised(out, math.fsum(out.values()))


def prosimos_to_profile(data: dict[str, Any], defs: Definitions, *, source: str, cases: int = 1000) -> Converted:
    """A profile document from a Prosimos JSON document (already parsed) for the model ``defs``."""
    check_shape(data, source=source)
    process = defs.process()
    warnings: list[str] = []
    known = {"resource_profiles", "arrival_time_distribution", "arrival_time_calendar",
             "gateway_branching_probabilities", "task_resource_distribution", "resource_calendars",
             "event_distribution", "batch_processing", "model_type"}
    for key, value in data.items():
        if key not in known and value not in (None, "", [], {}):  # an empty section drops nothing
            warnings.append(f"{key}: no permitflow equivalent (not imported)")
    if data.get("batch_processing"):
        warnings.append("batch_processing: Prosimos batching rules have no permitflow equivalent (not imported)")
    if data.get("model_type") not in (None, "CRISP", "CRSIP"):
        warnings.append(f"model_type {data.get('model_type')!r}: only the plain calendar model is imported")

    calendars: dict[str, Any] = {}
    for cal in data.get("resource_calendars", []) or []:
        hours = week_from_rules(_period_rules(cal.get("time_periods", [])))
        if hours:
            calendars[str(cal.get("id"))] = {"hours": hours, "holidays": "none"}
        else:
            warnings.append(f"resource calendar {cal.get('id')!r}: no open hours (not imported)")

    pools: dict[str, Any] = {}
    profile_of: dict[str, str] = {}
    members: dict[str, list[str]] = {}
    for profile in data.get("resource_profiles", []) or []:
        pid = str(profile.get("id"))
        for res in profile.get("resource_list", []) or []:
            rid = str(res.get("id"))
            cal = str(res.get("calendar"))
            if cal not in calendars:
                raise InputError(f"resource {rid!r}: calendar {cal!r} is not in resource_calendars "
                                 f"(expected one of {', '.join(calendars) or 'none'})", file=source)
            pools[rid] = {"count": int(float(res.get("amount", 1))), "calendar": cal,
                          "cost_per_hour": float(res.get("cost_per_hour", 0) or 0)}
            profile_of[rid] = pid
            members.setdefault(pid, []).append(rid)

    elements: dict[str, Any] = {}
    for task in data.get("task_resource_distribution", []) or []:
        tid = str(task.get("task_id"))
        resources = task.get("resources", []) or []
        if tid not in process.nodes:
            warnings.append(f"task {tid!r}: not in process {process.id!r} (not imported)")
            continue
        if not resources:
            continue
        first = resources[0]
        dist = _from_prosimos(first, warnings, f"task {tid!r}", source)
        rid = str(first.get("resource_id"))
        if not isinstance(process.nodes[tid], (Task, SubProcess, CallActivity)):
            if dist != {"dist": "fixed", "value": hours_text(0.0)}:
                warnings.append(f"task {tid!r}: is a {type(process.nodes[tid]).__name__.lower()} in the model, "
                                "not an activity; its duration is not imported")
            continue
        if len(resources) > 1:
            rid = _profile_pool(tid, resources, dist, pools, profile_of, members, warnings, source)
        if rid == DELAY_POOL:
            elements[tid] = {"delay": dist}
        else:
            if rid not in pools:
                raise InputError(f"task {tid!r}: resource {rid!r} is not in resource_profiles", file=source)
            elements[tid] = {"duration": dist, "pool": rid}
    used_pools = {e["pool"] for e in elements.values() if "pool" in e}
    pools = {name: pool for name, pool in pools.items() if name in used_pools}
    pools.pop(DELAY_POOL, None)
    used = {p["calendar"] for p in pools.values()}
    calendars = {name: cal for name, cal in calendars.items() if name in used}

    for gw in data.get("gateway_branching_probabilities", []) or []:
        gid = str(gw.get("gateway_id"))
        probs = {str(p.get("path_id")): float(p.get("value", 0)) for p in gw.get("probabilities", [])}
        total = math.fsum(probs.values())
        if gid not in process.nodes or not total > 0:
            warnings.append(f"gateway {gid!r}: not in the model or no probabilities (not imported)")
            continue
        node = process.nodes[gid]
        if isinstance(node, Gateway) and node.gateway_kind == "inclusive":
            elements.setdefault(gid, {})["probabilities"] = _flow_sets(gid, probs, warnings)
            continue
        elements.setdefault(gid, {})["probabilities"] = normalised(probs, total)

    for ev in data.get("event_distribution", []) or []:
        eid = str(ev.get("event_id"))
        if eid not in process.nodes:
            warnings.append(f"event {eid!r}: not in process {process.id!r} (not imported)")
            continue
        elements.setdefault(eid, {})["delay"] = _from_prosimos(ev, warnings, f"event {eid!r}", source)

    arrivals: dict[str, Any] = {"per_year": 0}
    if "arrival_time_distribution" in data:
        dist = _from_prosimos(data["arrival_time_distribution"], warnings, "arrival_time_distribution", source)
        try:
            mean_h = distribution_from_data(dist).mean()
        except InputError as err:  # a mean of nan or -5: said of no file
            raise InputError(f"arrival_time_distribution: {err}", file=source) from None
        if mean_h > 0:
            arrivals = constant_arrivals(mean_h)
        if dist["dist"] != "exponential":
            warnings.append(f"arrival_time_distribution {dist['dist']}: imported as a Poisson process with the same "
                            "mean inter-arrival time")
    arrival_calendar = data.get("arrival_time_calendar") or []
    if arrival_calendar and week_from_rules(_period_rules(arrival_calendar)) != ALWAYS_OPEN:
        warnings.append("arrival_time_calendar: arrivals restricted to weekly hours have no permitflow equivalent "
                        "(arrivals imported around the clock)")
    doc = profile_document(start=dt.date(2025, 1, 1), cases=cases, horizon_hours=None, calendars=calendars,
                           pools=pools, arrivals=arrivals, elements=elements,
                           note=f"imported from the Prosimos parameters {source}")
    return Converted(doc, tuple(warnings))
