"""Small process models and profiles for the engine tests, built in code.

``proc(nodes, "S>T T>E", lanes={"Lane_A": ["T"]})`` builds a Process ``P``
from node objects; a flow ``A>B`` gets the id ``A_B``.
``params(yaml_text)`` parses a plain profile's ``simulation:`` part.
"""

from __future__ import annotations

import datetime as dt

from processes.model import (
    Event,
    EventDefinition,
    Expression,
    FrozenMap,
    Gateway,
    Lane,
    LaneSet,
    MultiInstance,
    Process,
    SequenceFlow,
    StandardLoop,
    SubProcess,
    Task,
)

__all__ = ["proc", "params", "start", "end", "task", "xor", "par", "inc", "evgw", "timer", "message",
           "boundary", "sub", "terminate", "error_end", "throw", "ALWAYS_OPEN", "SE_OFFICE", "CLERK", "hour",
           "replay_params", "run", "trace"]


def start(i: str, parent: str = "P") -> Event:
    return Event(id=i, position="start", parent=parent)


def end(i: str, parent: str = "P") -> Event:
    return Event(id=i, position="end", parent=parent)


def terminate(i: str, parent: str = "P") -> Event:
    return Event(id=i, position="end", parent=parent, definitions=(EventDefinition(kind="terminate"),))


def error_end(i: str, parent: str, ref: str = "Err") -> Event:
    return Event(id=i, position="end", parent=parent, definitions=(EventDefinition(kind="error", ref=ref),))


def throw(i: str, parent: str = "P") -> Event:
    return Event(id=i, position="intermediate_throw", parent=parent)


def task(i: str, parent: str = "P", *, name: str = "", mi: str | None = None, sequential: bool = False,
         loop_max: int | None = None) -> Task:
    loop = None
    if mi is not None:
        loop = MultiInstance(is_sequential=sequential, cardinality=Expression(mi))
    elif loop_max is not None:
        loop = StandardLoop(loop_maximum=loop_max)
    return Task(id=i, name=name or i, parent=parent, loop=loop)


def sub(i: str, parent: str = "P") -> SubProcess:
    return SubProcess(id=i, name=i, parent=parent)


def xor(i: str, parent: str = "P") -> Gateway:
    return Gateway(id=i, gateway_kind="exclusive", parent=parent)


def par(i: str, parent: str = "P") -> Gateway:
    return Gateway(id=i, gateway_kind="parallel", parent=parent)


def inc(i: str, parent: str = "P") -> Gateway:
    return Gateway(id=i, gateway_kind="inclusive", parent=parent)


def evgw(i: str, parent: str = "P") -> Gateway:
    return Gateway(id=i, gateway_kind="eventBased", parent=parent)


def _timer_def(text: str, kind: str) -> EventDefinition:
    return EventDefinition(kind="timer", timer_kind=kind, timer=Expression(text))


def timer(i: str, text: str, kind: str = "timeDuration", parent: str = "P") -> Event:
    return Event(id=i, position="intermediate_catch", parent=parent, definitions=(_timer_def(text, kind),))


def message(i: str, parent: str = "P") -> Event:
    return Event(id=i, position="intermediate_catch", parent=parent, definitions=(EventDefinition(kind="message"),))


def boundary(i: str, host: str, *, timer_text: str | None = None, kind: str = "timeDuration",
             interrupting: bool = True, error: str | None = None, parent: str = "P") -> Event:
    if error is not None:
        definition = EventDefinition(kind="error", ref=error)
    elif timer_text is not None:
        definition = _timer_def(timer_text, kind)
    else:
        definition = EventDefinition(kind="message")
    return Event(id=i, position="boundary", attached_to=host, cancel_activity=interrupting, parent=parent,
                 definitions=(definition,))


def proc(nodes: list, flows: str, lanes: dict[str, list[str]] | None = None) -> Process:
    """A process ``P`` from node objects, ``A>B`` flows (id ``A_B``) and lanes."""
    table = {n.id: n for n in nodes}
    fl = {}
    for spec in flows.split():
        a, b = spec.split(">")
        parent = table[a].parent
        fl[f"{a}_{b}"] = SequenceFlow(id=f"{a}_{b}", source=a, target=b, parent=parent)
    lane_objs = tuple(Lane(id=lid, name=lid, flow_node_refs=tuple(refs)) for lid, refs in (lanes or {}).items())
    lane_sets = (LaneSet(id="LS", lanes=lane_objs),) if lane_objs else ()
    return Process(id="P", nodes=FrozenMap(table), flows=FrozenMap(fl), lane_sets=lane_sets)


ALWAYS_OPEN = """
    always:
      hours: {mon: "00:00-24:00", tue: "00:00-24:00", wed: "00:00-24:00", thu: "00:00-24:00",
              fri: "00:00-24:00", sat: "00:00-24:00", sun: "00:00-24:00"}
      holidays: none
"""


# an office open 08-16 on weekdays, closed on Swedish holidays and eves, and one clerk for lane Lane_C
SE_OFFICE = """
    office:
      hours: {mon: "08:00-16:00", tue: "08:00-16:00", wed: "08:00-16:00", thu: "08:00-16:00", fri: "08:00-16:00"}
      holidays: SE
"""
CLERK = "    clerk: {count: 1, calendar: office, cost_per_hour: 600, lanes: [Lane_C]}"


def hour(y: int, m: int, d: int, h: float) -> float:
    """Hours from replay_params' start, Monday 2025-01-06 00:00, to the date's hour ``h``."""
    return (dt.date(y, m, d) - dt.date(2025, 1, 6)).days * 24 + h


def params(simulation_yaml: str):
    """SimParams from the body of a profile's ``simulation:`` mapping (indented 2)."""
    from bpmn_io.profile import parse_profile

    return parse_profile("simulation:\n" + simulation_yaml, source="test-profile.yaml").simulation


def replay_params(elements: str = "", *, dates: str = "[2025-01-06]", extra: str = "", pools: str = "",
                  at: str = "00:00", calendars: str = ""):
    """Params for cases arriving at 00:00 on ``dates`` (2025-01-06 is a Monday = hour 0),
    a pool ``officer`` (2 members, 24/7) for lane ``Lane_A`` plus ``pools``, and
    ``elements`` (YAML mapping lines indented 4) and ``extra`` simulation keys (indented 2)."""
    element_lines = "\n" + elements if elements.strip() else " {}"
    cases = len(dates.strip("[]").split(","))  # every date arrives (more cases than dates is refused)
    text = f"""  start: 2025-01-06
  cases: {cases}
  calendars:{ALWAYS_OPEN}{calendars}
  pools:
    officer: {{count: 2, calendar: always, cost_per_hour: 500, lanes: [Lane_A]}}
{pools}
  arrivals:
    dates: {dates}
    at: "{at}"
  elements:{element_lines}
{extra}"""
    return params(text)


def run(process, prm, *, seed: int = 1, **kw):
    from simulator.engine import simulate

    return simulate(process, prm, seed=seed, **kw)


def trace(result, case: int = 0) -> list[tuple[str, float, float, float]]:
    """(element, enable, start, end) of one case, in order of end, start, element."""
    rows = [(a.element, a.enable, a.start, a.end) for a in result.activities if a.case == case]
    return sorted(rows, key=lambda r: (r[3], r[2], r[0]))
