"""The ``decision:``, ``clock:`` and ``outcomes:`` entries of a profile's ``simulation:`` section.

Who decides (a level, or a level per outcome), when bodies meet, the legal clock and its
one extension, and how each end event ends a case. Pure: plain data in, the frozen
dataclasses of :mod:`processes.params` out; errors carry the full key path.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

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
    optional_list,
)
from processes.durations import calendar_months, written_unit
from processes.frozenmap import FrozenMap
from processes.params import (
    DECIDED_OUTCOMES,
    DELEGATION_LEVELS,
    OUTCOMES,
    Decision,
    DecisionBody,
    LegalClock,
    MeetingSchedule,
)
from processes.rulewords import written

__all__ = ["decision_from_data", "clock_from_data", "outcomes_from_data"]


def _meetings(value: Any, path: Path, start: dt.date) -> MeetingSchedule:
    m = mapping(value, path, KEYS["meetings"])
    rule = m.get("rrule")
    if rule is not None:
        if not isinstance(rule, str):
            raise fail_rule(path + ("rrule",), "rrule_text", value=written(rule))
        from dateutil.rrule import rrulestr  # here: a profile without meeting rules never needs dateutil

        try:
            rrulestr(rule, dtstart=dt.datetime.combine(start, dt.time()))
        except (ValueError, TypeError) as err:
            raise fail_rule(path + ("rrule",), "rrule_invalid", value=written(rule), detail=str(err)) from None
    dates = optional_list(m, "dates", path, "dates")
    if rule is None and not dates:  # here, not in MeetingSchedule: its relative path would repeat "meetings"
        raise fail_rule(path, "meetings_need")
    months = optional_list(m, "except_months", path, "months 1..12")
    excepts = optional_list(m, "except_dates", path, "dates")
    with at(path):
        return MeetingSchedule(
            rrule=rule,
            dates=tuple(sorted(date(d, path + ("dates", i)) for i, d in enumerate(dates))),
            at_hour=clock_time(m["at"], path + ("at",)) if "at" in m else 13.0,
            except_months=tuple(
                number(x, path + ("except_months", i), minimum=1, whole=True) for i, x in enumerate(months)
            ),
            except_dates=tuple(date(d, path + ("except_dates", i)) for i, d in enumerate(excepts)),
        )


def decision_from_data(value: Any, path: Path, start: dt.date) -> Decision:
    """The ``decision`` entry."""
    m = mapping(value, path, KEYS["decision"], required=("element", "delegation", "bodies"))
    bodies_raw = m["bodies"]
    if not isinstance(bodies_raw, Mapping) or not bodies_raw:
        raise fail_rule(path + ("bodies",), "not_bodies", value=written(bodies_raw))
    bodies = {}
    for level, raw in bodies_raw.items():
        p = path + ("bodies", level)
        if level not in DELEGATION_LEVELS:
            raise fail_rule(p, "delegation_level", level=repr(level), levels=", ".join(DELEGATION_LEVELS))
        b = mapping(raw, p, KEYS["body"])
        with at(p):
            bodies[level] = DecisionBody(
                level=level,
                meetings=_meetings(b["meetings"], p + ("meetings",), start) if "meetings" in b else None,
                agenda_cutoff=duration(b.get("agenda_cutoff", "0h"), p + ("agenda_cutoff",)),
                pool=str(b["pool"]) if "pool" in b else None,
                duration=dist(b["duration"], p + ("duration",), work=True) if "duration" in b else None,
            )
    level, by_outcome = _delegation(m["delegation"], path + ("delegation",))
    gateway = _optional_id(m, "outcome_gateway", path, ("a BPMN element id", "ett BPMN-elements id"))
    with at(path):
        return Decision(
            element=str(m["element"]),
            delegation=level,
            bodies=FrozenMap(bodies),
            after_meeting=dist(m["after_meeting"], path + ("after_meeting",), work=False)
            if "after_meeting" in m
            else None,
            by_outcome=FrozenMap(by_outcome),
            outcome_gateway=gateway,
        )


def _delegation(value: Any, path: Path) -> tuple[str, dict[str, str]]:
    """``delegation: committee`` (one level decides every outcome) or ``{grant: officer, refusal:
    committee}`` (a delegation order by outcome): (the level of grants, the levels by outcome)."""
    if isinstance(value, str):
        return value, {}
    if not isinstance(value, Mapping):
        raise fail_rule(path, "not_delegation", value=written(value), levels=", ".join(DELEGATION_LEVELS))
    for key, level in value.items():
        if key not in DECIDED_OUTCOMES:
            raise fail_rule(path + (key,), "delegation_outcome", value=written(key),
                            outcomes=(" and ".join(DECIDED_OUTCOMES), " och ".join(DECIDED_OUTCOMES)))
        if not isinstance(level, str) or level not in DELEGATION_LEVELS:
            raise fail_rule(path + (key,), "delegation_level", level=repr(level), levels=", ".join(DELEGATION_LEVELS))
    missing = [o for o in DECIDED_OUTCOMES if o not in value]
    if missing:
        raise fail_rule(path, "delegation_missing", key=repr(missing[0]))
    return str(value["grant"]), {str(k): str(v) for k, v in value.items()}


def _optional_id(m: Mapping[str, Any], key: str, path: Path, what: tuple[str, str]) -> str | None:
    """``m[key]`` when it is an id (text), ``None`` when absent; anything else is refused."""
    value = m.get(key)
    if value is not None and not isinstance(value, str):
        raise fail_rule(path + (key,), "not_id", value=written(value), what=what)
    return value


def clock_from_data(value: Any, path: Path) -> LegalClock:
    """The ``clock`` entry."""
    m = mapping(value, path, KEYS["clock"], required=("start", "stop", "deadline"))
    ext = m.get("extension")
    flow = _optional_id(m, "extension_flow", path, ("a sequence flow id", "ett sekvensflödes id"))
    deadline = duration(m["deadline"], path + ("deadline",))
    extension = duration(ext, path + ("extension",)) if ext is not None else None
    with at(path):
        return LegalClock(
            start=str(m["start"]),
            stop=str(m["stop"]),
            deadline=deadline,
            extension=extension,
            extension_flow=flow,
            extension_rule=str(m.get("extension_rule", "projected")),
            deadline_months=_whole_months(m["deadline"], path + ("deadline",)),
            extension_months=_whole_months(ext, path + ("extension",)),
            # the units written: a deadline in days or weeks is counted by the day, as one in months
            deadline_unit=written_unit(m["deadline"]),
            extension_unit=written_unit(ext),
        )


def _whole_months(value: Any, path: Path) -> int | None:
    """The calendar months of a deadline or extension written in months or years (``4mo``: 4, ``1y``: 12),
    None in another unit; a part of a month is refused (:func:`processes.durations.calendar_months`)."""
    with at(path):
        return calendar_months(value)


def outcomes_from_data(value: Any, path: Path) -> FrozenMap[str, str]:
    """The ``outcomes:`` section: end event id -> grant, refusal, withdrawal or dismissal."""
    out = {}
    for end, outcome in named(value, path, "end event ids to outcomes").items():
        if end in PROVENANCE_KEYS:
            continue
        if not isinstance(outcome, str) or outcome not in OUTCOMES:
            raise fail_rule(path + (end,), "unknown_outcome", value=written(outcome), outcomes=", ".join(OUTCOMES))
        out[str(end)] = outcome
    return FrozenMap(out)
