"""QBP (BIMP, Apromore, Simod) ``qbp:processSimulationInfo`` into permitflow parameters.

The block sits in ``extensionElements`` or, as these tools write it, directly
under ``definitions``. Every QBP number is in seconds (``timeUnit`` only says how
the tool displays it). Distributions, as BIMP defines them:

=========== ============================== ==============================
QBP type    attributes                      permitflow
=========== ============================== ==============================
FIXED       mean                            fixed(value)
EXPONENTIAL arg1 = mean                     exponential(mean)
UNIFORM     arg1 = min, arg2 = max          uniform(low, high)
TRIANGULAR  mean = mode, arg1 = min, arg2   triangular(low, mode, high)
NORMAL      mean, arg1 = sd                 normal(mean, sd), truncated at 0
LOGNORMAL   mean, arg1 = variance           lognormal(mean, sd)
GAMMA       mean, arg1 = variance           gamma(mean, sd)
=========== ============================== ==============================

What maps: ``processInstances`` -> ``cases``; ``startDateTime`` -> ``start``;
``arrivalRateDistribution`` -> ``arrivals.per_year`` (a Poisson process with the
same mean inter-arrival time; exact for EXPONENTIAL, a warning otherwise);
``timetables`` -> calendars; ``resources`` -> pools (``totalAmount``,
``costPerHour``, ``timetableId``); ``elements`` -> task ``duration`` done by the
first listed resource; ``sequenceFlows`` ``executionProbability`` -> gateway
probabilities. Anything else (currency, a task with several resources, the
arrival calendar ...) is reported as a warning.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

from lxml import etree

from bpmn_io.simformats.common import (
    ALWAYS_OPEN,
    WEEKDAY_NAMES,
    Converted,
    Where,
    branching_gateways,
    clock_or_nan,
    constant_arrivals,
    hours_text,
    normalised,
    pool_count,
    profile_document,
    week_from_rules,
)
from processes.errors import InputError
from processes.model import Definitions, Process
from processes.stepnames import step_said

__all__ = ["qbp_to_profile", "QBP_NAMESPACE", "qbp_distribution"]

QBP_NAMESPACE = "http://www.qbp-simulator.com/Schema201212"
_Q = f"{{{QBP_NAMESPACE}}}"


def _float(el: etree._Element, name: str, where: Where) -> float:
    value = el.get(name)
    try:
        return float(value) if value is not None else math.nan
    except ValueError:
        raise _not(el, name, "a number", where) from None


def _seconds(el: etree._Element, name: str, where: Where) -> float:
    """A distribution's time (or variance) attribute: there, a finite number and not negative (``inf``,
    ``nan`` and ``-5`` went on to the profile, whose refusal named neither the file nor the line)."""
    value = _float(el, name, where)
    if el.get(name) is None:
        raise where.error(el, f"qbp:{etree.QName(el).localname} has no attribute {name!r} (expected seconds)")
    if not (math.isfinite(value) and value >= 0):
        raise _not(el, name, "a number of seconds, 0 or more", where)
    return value


def _not(el: etree._Element, name: str, expected: str, where: Where) -> InputError:
    """``el``'s attribute ``name`` is not ``expected``, in one line (int(), fromisoformat() and float() on
    processInstances, startDateTime and a rule's times were tracebacks)."""
    return where.error(el, f"qbp:{etree.QName(el).localname} {name}={el.get(name)!r} is not {expected}")


def _whole(el: etree._Element, name: str, where: Where) -> int | None:
    """A whole-number attribute (``None`` when absent); its range is the profile's to check."""
    value = el.get(name)
    if not value:
        return None
    try:
        return int(value.strip())
    except ValueError:
        raise _not(el, name, "a whole number", where) from None


def _day(el: etree._Element, name: str, where: Where) -> dt.date | None:
    """The date of a date-time attribute such as 2026-01-05T08:00:00.000+01:00 (``None`` when absent)."""
    value = el.get(name)
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value.strip()[:10])
    except ValueError:
        raise _not(el, name, "a date and time such as 2026-01-05T08:00:00.000+01:00", where) from None


def _clock(el: etree._Element, name: str, default: str, where: Where) -> float:
    """Hours of the day of a time attribute such as 09:00:00.000+00:00 (``default`` when absent)."""
    hours = clock_or_nan(el.get(name, default))
    if math.isnan(hours):
        raise _not(el, name, "a time of day such as 09:00:00.000+00:00", where)
    return hours


def _weekday(el: etree._Element, name: str, default: str, where: Where) -> str:
    """A weekday attribute such as MONDAY (``default`` when absent; ``FUNDAY`` was a ValueError traceback)."""
    day = el.get(name, default)
    if day.strip().upper() not in WEEKDAY_NAMES:
        raise _not(el, name, f"a weekday (expected one of {', '.join(WEEKDAY_NAMES)})", where)
    return day.strip()


def qbp_distribution(el: etree._Element, where: Where, warnings: list[str], what: str) -> dict[str, Any]:
    """A permitflow distribution mapping (hours) from a QBP distribution element (seconds)."""
    kind = (el.get("type") or "").upper()

    def h(name: str) -> str:  # only the attributes the type uses are read: a tool may leave the others out
        return hours_text(_seconds(el, name, where) / 3600)

    if kind == "FIXED":
        return {"dist": "fixed", "value": h("mean")}
    if kind == "EXPONENTIAL":
        return {"dist": "exponential", "mean": h("arg1")}
    if kind == "UNIFORM":
        return {"dist": "uniform", "low": h("arg1"), "high": h("arg2")}
    if kind == "TRIANGULAR":
        return {"dist": "triangular", "low": h("arg1"), "mode": h("mean"), "high": h("arg2")}
    if kind == "NORMAL":
        return {"dist": "normal", "mean": h("mean"), "sd": h("arg1")}
    if kind in ("LOGNORMAL", "GAMMA"):
        sd = math.sqrt(_seconds(el, "arg1", where)) / 3600  # arg1: the variance, in seconds squared
        return {"dist": kind.lower(), "mean": h("mean"), "sd": hours_text(sd)}
    raise where.error(el, f"{what}: QBP distribution type {kind!r} (expected one of FIXED, EXPONENTIAL, "
                          "UNIFORM, TRIANGULAR, NORMAL, LOGNORMAL, GAMMA)")


def _qbp_root(defs: Definitions, where: Where) -> etree._Element:
    texts = list(defs.opaque.children) + list(defs.opaque.extension_elements)
    for p in defs.processes:
        texts += list(p.opaque.extension_elements)
    for text in texts:
        if QBP_NAMESPACE not in text:
            continue
        root = where.read(text)
        found = root if root.tag == _Q + "processSimulationInfo" else root.find(f".//{_Q}processSimulationInfo")
        if found is not None:
            return found
    raise InputError("no qbp:processSimulationInfo found (expected a BIMP/QBP simulation block)",
                     file=where.source)


def _gateway_of_flow(process: Process) -> dict[str, str]:
    return {f: gid for gid, flows in branching_gateways(process).items() for f in flows}


def qbp_to_profile(defs: Definitions, *, source: str) -> Converted:
    """The QBP simulation block of ``defs`` as a profile document, with warnings."""
    where = Where(defs, source)
    info = _qbp_root(defs, where)
    process = defs.process()
    warnings: list[str] = []
    for attr in ("currency",):
        if info.get(attr):
            warnings.append(f"processSimulationInfo {attr}={info.get(attr)!r}: no permitflow equivalent "
                            "(costs are plain numbers per hour)")
    start = _day(info, "startDateTime", where) or dt.date(2025, 1, 1)
    cases = _whole(info, "processInstances", where)

    calendars: dict[str, Any] = {}
    for tt in info.iter(_Q + "timetable"):
        rules = [
            (_weekday(r, "fromWeekDay", "MONDAY", where), _weekday(r, "toWeekDay", "SUNDAY", where),
             _clock(r, "fromTime", "00:00", where), _clock(r, "toTime", "24:00", where))
            for r in tt.iter(_Q + "rule")
        ]
        hours = week_from_rules(rules)
        if not hours:
            warnings.append(f"timetable {tt.get('id')!r}: no open hours (not imported)")
            continue
        calendars[str(tt.get("id"))] = {"hours": hours, "holidays": "none"}

    pools: dict[str, Any] = {}
    for res in info.iter(_Q + "resource"):
        rid = str(res.get("id"))
        table = res.get("timetableId") or ""
        if table not in calendars:
            warnings.append(f"resource {step_said(rid, res.get('name'))}: timetable {table!r} unknown; 24/7 assumed")
            calendars.setdefault("always", {"hours": dict(ALWAYS_OPEN), "holidays": "none"})
            table = "always"
        said = f"resource {step_said(rid, res.get('name'))}: totalAmount {res.get('totalAmount')!r}"
        count = pool_count(_float(res, "totalAmount", where), where, res, said, warnings)
        pools[rid] = {"count": count, "calendar": table,
                      "cost_per_hour": _float(res, "costPerHour", where) if res.get("costPerHour") else 0.0,
                      "note": f"QBP resource {res.get('name')!r}"}

    elements: dict[str, Any] = {}
    for el in info.iter(_Q + "element"):
        ref = str(el.get("elementId"))
        if process.nodes.get(ref) is None:
            warnings.append(f"element {ref!r}: not a flow node of process {process.id!r} (not imported)")
            continue
        dist_el = el.find(_Q + "durationDistribution")
        ids = [r.text.strip() for r in el.iter(_Q + "resourceId") if r.text and r.text.strip()]
        entry: dict[str, Any] = {}
        if dist_el is not None:
            dist = qbp_distribution(dist_el, where, warnings, f"element {ref!r}")
            if ids and ids[0] in pools:
                entry["duration"] = dist
                entry["pool"] = ids[0]
                if len(ids) > 1:
                    warnings.append(f"element {ref!r}: {len(ids)} resources listed; permitflow uses one pool "
                                    f"per task ({ids[0]!r})")
            else:
                entry["delay"] = dist
        if entry:
            elements[ref] = entry

    owner = _gateway_of_flow(process)
    per_gateway: dict[str, dict[str, float]] = {}
    for sf in info.iter(_Q + "sequenceFlow"):
        ref = str(sf.get("elementId"))
        if ref not in owner:
            warnings.append(f"sequenceFlow {ref!r}: not leaving a gateway with several ways out (not imported)")
            continue
        share = _float(sf, "executionProbability", where)
        if sf.get("executionProbability") is not None and not 0 <= share < math.inf:
            raise _not(sf, "executionProbability", "a number 0 or more (expected a probability such as 0.25)",
                       where)
        per_gateway.setdefault(owner[ref], {})[ref] = share
    for gw, probs in per_gateway.items():
        total = math.fsum(probs.values())
        if len(probs) < len(process.outgoing(gw)) or not total > 0:
            warnings.append(f"gateway {gw!r}: probabilities missing on some outgoing flows (not imported)")
            continue
        if abs(total - 1.0) > 1e-9:
            warnings.append(f"gateway {gw!r}: executionProbability values sum to {total:.12g}; normalised to 1")
        elements.setdefault(gw, {})["probabilities"] = normalised(probs, total)

    arrivals: dict[str, Any] = {"per_year": 0}
    arr = info.find(_Q + "arrivalRateDistribution")
    if arr is not None:
        dist = qbp_distribution(arr, where, warnings, "arrivalRateDistribution")
        from processes.distributions import distribution_from_data

        try:
            mean_h = distribution_from_data(dist).mean()
        except InputError as err:  # e.g. a triangular's mode outside its range: said of no file
            raise where.error(arr, f"arrivalRateDistribution: {err}") from None
        if not mean_h > 0:  # arg1="0" (EXPONENTIAL's mean) or "-5": no arrivals, which it did not say
            warnings.append(f"arrivalRateDistribution {dist['dist']}: a mean time between arrivals of "
                            f"{hours_text(mean_h)}: arrivals set to 0 a year (set them in the profile)")
        else:
            arrivals = constant_arrivals(mean_h)
        if mean_h > 0 and dist["dist"] != "exponential":
            warnings.append(f"arrivalRateDistribution {dist['dist']}: imported as a Poisson process with the "
                            "same mean inter-arrival time (permitflow arrivals are Poisson or replayed)")
    default_tt = [tt for tt in info.iter(_Q + "timetable") if tt.get("default") == "true"]
    if default_tt:
        warnings.append(f"timetable {default_tt[0].get('id')!r} as the arrival calendar: permitflow arrivals "
                        "follow monthly seasonality, not a weekly calendar (not imported)")
    doc = profile_document(start=start, cases=cases, horizon_hours=None, calendars=calendars, pools=pools,
                           arrivals=arrivals, elements=elements, note=f"imported from the QBP block of {source}")
    return Converted(doc, tuple(warnings))
