"""The ``simulation:`` section of profile.yaml, read into processes.params (``facts:``: profile_facts).

Pure: plain data in (as loaded by ``bpmn_io.yamlsrc``), frozen dataclasses out.
Every error is an ``InputError`` whose ``path`` is the full dotted key path
(``simulation.elements.Task_Review.duration.dist``); ``bpmn_io.profile`` adds
file and line. docs/profile.md documents every key. The decision, the legal clock
and the outcomes are read by :mod:`bpmn_io.profile_decision`, the calendars by
:mod:`bpmn_io.profile_calendar`, the ``facts:`` section by :mod:`bpmn_io.profile_facts`
(``calendar_from_data`` and ``facts_from_data`` stay importable from here), single values by
:mod:`bpmn_io.profile_values`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from bpmn_io.profile_calendar import calendar_from_data
from bpmn_io.profile_decision import clock_from_data, decision_from_data, outcomes_from_data
from bpmn_io.profile_facts import facts_from_data
from bpmn_io.profile_values import (
    KEYS,
    PROVENANCE_KEYS,
    Path,
    at,
    clock_time,
    date,
    dist,
    duration,
    fail_rule,
    mapping,
    named,
    number,
    probability,
    shown_value,
    split_path,
    strings,
)
from processes.conditions import Condition, parse_condition
from processes.distributions import Distribution
from processes.durations import CALENDAR_UNITS
from processes.frozenmap import FrozenMap
from processes.limits import MAX_CASES, MAX_HORIZON_YEARS
from processes.params import (
    Arrivals,
    CaseAttribute,
    ElementParams,
    PoolMember,
    ResourcePool,
    SimParams,
)
from processes.rulewords import written

__all__ = [
    "split_path",
    "simparams_from_data",
    "facts_from_data",
    "calendar_from_data",
    "pool_from_data",
    "arrivals_from_data",
    "element_from_data",
    "attributes_from_data",
    "decision_from_data",
    "clock_from_data",
    "outcomes_from_data",
    "PROVENANCE_KEYS",
    "KEYS",
]

# --- pools, arrivals, elements ---------------------------------------------------------------------


def pool_from_data(name: str, value: Any, path: Path) -> ResourcePool:
    """One ``pools.<name>`` entry."""
    has_members = isinstance(value, Mapping) and "members" in value
    m = mapping(value, path, KEYS["pool"], required=() if has_members else ("count",))
    calendar = str(m.get("calendar", "office"))
    members = []
    if "members" in m:
        people = m["members"]
        if not isinstance(people, Mapping) or not set(people) - set(PROVENANCE_KEYS):
            raise fail_rule(path + ("members",), "not_members", value=written(people))
        for person, entry in people.items():
            if person in PROVENANCE_KEYS:
                continue
            where = path + ("members", person)
            e = mapping(entry or {}, where, KEYS["member"])
            with at(where):
                members.append(PoolMember(str(person), str(e.get("calendar", calendar)),
                                          number(e.get("fte", 1.0), where + ("fte",))))
    count = number(m["count"], path + ("count",), minimum=1, whole=True) if "count" in m else len(members)
    with at(path):
        return ResourcePool(
            name=name,
            count=count,
            fte=number(m.get("fte", 1.0), path + ("fte",)),
            calendar=calendar,
            cost_per_hour=number(m.get("cost_per_hour", 0.0), path + ("cost_per_hour",), minimum=0),
            lanes=strings(m.get("lanes", []), path + ("lanes",)),
            members=tuple(members),
        )


def _replayed_arrival(value: Any, path: Path, hour: float) -> dt.datetime:
    """One replayed arrival: a date (at ``hour``) or a local date-time, quoted or not.

    An offset is refused: simulation time is local time (daylight saving ignored), so
    ``10:30+01:00`` has no place on its clock, and mixed with plain dates it could not
    even be sorted.
    """
    if isinstance(value, str):
        try:
            dt.date.fromisoformat(value)
        except ValueError:
            try:
                value = dt.datetime.fromisoformat(value)
            except ValueError:
                raise fail_rule(path, "not_date_time", value=written(value)) from None
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            raise fail_rule(path, "time_zone", value=value.isoformat(sep=" "))
        return value
    return dt.datetime.combine(date(value, path), dt.time()) + dt.timedelta(hours=hour)


def arrivals_from_data(value: Any, path: Path, start: dt.date | None = None) -> Arrivals:
    """The ``arrivals`` entry: ``per_year`` (+ ``seasonality``) or ``dates``, none before ``start``."""
    m = mapping(value, path, KEYS["arrivals"])
    if ("per_year" in m) == ("dates" in m):
        raise fail_rule(path, "arrivals_one")
    hour = clock_time(m["at"], path + ("at",)) if "at" in m else 9.0
    if "dates" in m:
        if not isinstance(m["dates"], list) or not m["dates"]:
            raise fail_rule(path + ("dates",), "not_dates", value=written(m["dates"]))
        dates = [_replayed_arrival(d, path + ("dates", i), hour) for i, d in enumerate(m["dates"])]
        for i, when in enumerate(dates):
            if start is not None and when < dt.datetime.combine(start, dt.time()):
                raise fail_rule(path + ("dates", i), "before_start", when=when.isoformat(sep=" ", timespec="minutes"),
                                start=str(start))
        return Arrivals(dates=tuple(sorted(dates)), at_hour=hour)
    season = m.get("seasonality", [1.0] * 12)
    if not isinstance(season, list) or len(season) != 12:
        raise fail_rule(path + ("seasonality",), "seasonality_count", value=written(season))
    weights = tuple(number(w, path + ("seasonality", i), minimum=0) for i, w in enumerate(season))
    weekdays = None
    if "weekdays" in m:
        if not isinstance(m["weekdays"], list) or len(m["weekdays"]) != 7:
            raise fail_rule(path + ("weekdays",), "weekdays_count", value=written(m["weekdays"]))
        weekdays = tuple(number(w, path + ("weekdays", i), minimum=0) for i, w in enumerate(m["weekdays"]))
    with at(path):
        return Arrivals(
            per_year=number(m["per_year"], path + ("per_year",), minimum=0), seasonality=weights, at_hour=hour,
            weekdays=weekdays,
        )


def element_from_data(eid: str, value: Any, path: Path) -> ElementParams:
    """One ``elements.<id>`` entry."""
    m = mapping(value, path, KEYS["element"])
    probs: dict[str, float] = {}
    if "probabilities" in m:
        raw = m["probabilities"]
        if not isinstance(raw, Mapping) or not raw:
            raise fail_rule(path + ("probabilities",), "not_flow_probabilities", value=written(raw))
        probs = {str(k): number(v, path + ("probabilities", k), minimum=0) for k, v in raw.items()}
    loop_max = loop_again = None
    if "loop" in m:
        loop = mapping(m["loop"], path + ("loop",), KEYS["loop"], required=("max",))
        loop_max = number(loop["max"], path + ("loop", "max"), minimum=1, whole=True)
        if "again" in loop:
            loop_again = probability(loop["again"], path + ("loop", "again"))
    conditions: dict[str, Condition] = {}
    if "conditions" in m:
        raw = m["conditions"]
        if not isinstance(raw, Mapping) or not raw:
            raise fail_rule(path + ("conditions",), "not_flow_conditions", value=written(raw))
        for k, v in raw.items():
            with at(path + ("conditions", k)):
                conditions[str(k)] = parse_condition(v)
    cardinality = _cardinality(m["cardinality"], path + ("cardinality",)) if "cardinality" in m else None
    sets = _sets(m["set"], path + ("set",)) if "set" in m else {}
    share = probability(m["share"], path + ("share",)) if "share" in m else None
    with at(path):
        return ElementParams(
            id=eid,
            duration=dist(m["duration"], path + ("duration",), work=True) if "duration" in m else None,
            delay=dist(m["delay"], path + ("delay",), work=False) if "delay" in m else None,
            probabilities=FrozenMap(probs),
            loop_max=loop_max,
            pool=str(m["pool"]) if "pool" in m else None,
            conditions=FrozenMap(conditions),
            loop_again=loop_again,
            cardinality=cardinality,
            sets=FrozenMap(sets),
            share=share,
        )


def _sets(value: Any, path: Path) -> dict[str, Any]:
    """``set: {attribute: value}``: plain values (number, text, true/false) the case gets when it passes."""
    if not isinstance(value, Mapping) or not value:
        raise fail_rule(path, "not_set", value=written(value))
    for name, item in value.items():
        if isinstance(item, (Mapping, list)) or item is None:
            raise fail_rule(path + (name,), "not_plain", value=written(item))
    return {str(k): v for k, v in value.items()}


def _cardinality(value: Any, path: Path) -> int | Distribution:
    """A whole number >= 0, or a distribution of plain numbers (no units): the instance count."""
    if not isinstance(value, Mapping):
        return number(value, path, minimum=0, whole=True)  # type: ignore[no-any-return]
    if "unit" in value:
        raise fail_rule(path + ("unit",), "cardinality_unit")
    for key, v in value.items():
        items = v if key in ("values", "weights") and isinstance(v, list) else [v]
        if key != "dist" and any(isinstance(x, bool) or not isinstance(x, (int, float)) for x in items):
            raise fail_rule(path + (key,), "cardinality_number", value=written(v))
    counts = dist({**value, "unit": "h"}, path, work=False)  # 1 "h" = 1 instance
    if counts.kind == "empirical" and any(x < 0 for x in counts.values):
        raise fail_rule(path + ("values",), "cardinality_negative")
    return counts


def attributes_from_data(value: Any, path: Path) -> FrozenMap[str, CaseAttribute]:
    """The ``attributes:`` section: name -> {values: [...], weights: [...]} drawn per case."""
    out = {}
    for name, raw in named(value, path, "attribute names to {values, weights}").items():
        p = path + (name,)
        a = mapping(raw, p, KEYS["attribute"], required=("values",))
        values = a["values"]
        if not isinstance(values, list) or not values or any(
            not isinstance(v, (str, int, float)) for v in values
        ):
            raise fail_rule(p + ("values",), "attribute_values", value=written(values))
        weights = a.get("weights", [1] * len(values))
        if not isinstance(weights, list) or len(weights) != len(values):
            raise fail_rule(p + ("weights",), "attribute_weights", value=written(weights), count=str(len(values)))
        ws = [number(w, p + ("weights", i), minimum=0) for i, w in enumerate(weights)]
        if sum(ws) <= 0:
            raise fail_rule(p + ("weights",), "attribute_weights_sum", value=written(weights))
        with at(p):
            out[str(name)] = CaseAttribute(str(name), tuple(values), tuple(w / sum(ws) for w in ws))
    return FrozenMap(out)


# --- the whole section -----------------------------------------------------------------------------


#: the years a simulation may start in (calendars, holidays and dates stay well inside Python's)
FIRST_YEAR, LAST_YEAR = 1900, 2200


def _horizon(value: Any, path: Path) -> float:
    hours = duration(value, path)
    if not 0 < hours <= MAX_HORIZON_YEARS * CALENDAR_UNITS["y"]:
        raise fail_rule(path, "horizon", value=shown_value(value), limit=str(MAX_HORIZON_YEARS))
    return hours


def simparams_from_data(value: Any, path: Path = ("simulation",)) -> SimParams:
    """``SimParams`` from the plain data of the ``simulation:`` section."""
    m = mapping(value, path, KEYS["simulation"], required=("start", "arrivals"))
    start = date(m["start"], path + ("start",))
    if not FIRST_YEAR <= start.year <= LAST_YEAR:
        raise fail_rule(path + ("start",), "start_year", value=start.isoformat(), first=str(FIRST_YEAR), last=str(LAST_YEAR))
    if "horizon" in m and "cases" in m:
        raise fail_rule(path + ("cases",), "horizon_and_cases")
    if "horizon" not in m and "cases" not in m:
        raise fail_rule(path, "horizon_or_cases")
    cal_raw = named(m.get("calendars"), path + ("calendars",), "calendar names to calendars")
    pool_raw = named(m.get("pools"), path + ("pools",), "pool names to pools")
    el_raw = named(m.get("elements"), path + ("elements",), "BPMN element ids to parameters")
    with at(path):
        params = SimParams(
            start=start,
            horizon=_horizon(m["horizon"], path + ("horizon",)) if "horizon" in m else None,
            cases=number(m["cases"], path + ("cases",), minimum=1, maximum=MAX_CASES, whole=True)
            if "cases" in m else None,
            warmup=duration(m.get("warmup", "0h"), path + ("warmup",)),
            calendars=FrozenMap(
                {str(k): calendar_from_data(str(k), v, path + ("calendars", k)) for k, v in cal_raw.items()}
            ),
            pools=FrozenMap(
                {str(k): pool_from_data(str(k), v, path + ("pools", k)) for k, v in pool_raw.items()}
            ),
            arrivals=arrivals_from_data(m["arrivals"], path + ("arrivals",), start),
            elements=FrozenMap(
                {str(k): element_from_data(str(k), v, path + ("elements", k)) for k, v in el_raw.items()}
            ),
            decision=decision_from_data(m["decision"], path + ("decision",), start)
            if m.get("decision") is not None
            else None,
            clock=clock_from_data(m["clock"], path + ("clock",)) if m.get("clock") is not None else None,
            attributes=attributes_from_data(m["attributes"], path + ("attributes",))
            if m.get("attributes") is not None
            else FrozenMap(),
            outcomes=outcomes_from_data(m.get("outcomes"), path + ("outcomes",)),
            delay_correlation=_case_delays(m.get("case_delays"), path + ("case_delays",)),
        )
    _check_arrivals_in_horizon(params, m.get("horizon"), path)
    return params


def _check_arrivals_in_horizon(params: SimParams, horizon: Any, path: Path) -> None:
    """Refuse a rate that would make one replication longer than :data:`MAX_CASES` allows by ``cases:``
    (``per_year: 1e9`` set out to draw a billion applications: no answer after 120 s)."""
    per_year = params.arrivals.per_year
    if params.horizon is None or per_year is None:
        return
    expected = per_year * params.horizon / CALENDAR_UNITS["y"]
    if expected > MAX_CASES:
        def said(n: float) -> tuple[str, str]:
            return f"{n:,.0f}", f"{n:,.0f}".replace(",", "\u00a0")

        raise fail_rule(path + ("arrivals", "per_year"), "arrivals_too_many", value=written(per_year),
                        horizon=shown_value(horizon), expected=said(expected), limit=said(MAX_CASES))


def _case_delays(value: Any, path: Path) -> float:
    """``case_delays: {correlation: RHO}``: how strongly a case's delays move together (0 <= RHO < 1)."""
    if value is None:
        return 0.0
    m = mapping(value, path, KEYS["case_delays"], required=("correlation",))
    rho = number(m["correlation"], path + ("correlation",), minimum=0)
    if rho >= 1:
        raise fail_rule(path + ("correlation",), "correlation", value=written(rho))
    return float(rho)
