"""BPMN token semantics, compiled once into flat routing tables for the engine.

:func:`compile_process` turns a :class:`processes.model.Process` into a
:class:`CompiledProcess`: every flow node gets an integer index and a
:class:`CompiledNode` holding what the engine needs at run time (its kind code,
outgoing flow indices and their targets, cumulative branch probabilities, the
pool that does its work, its boundary events, the reachability sets of an
inclusive join). Nothing in the engine's inner loop looks a node up by id or walks
the graph.

What is executed, and how
-------------------------
- start / end events; a terminate end event ends its scope (the whole case at
  the top level, the subprocess instance inside one);
- every task type, and a call activity (a black box): work for the pool of its
  lane (``duration:``), calendar time (``delay:``), or zero when neither is given;
- exclusive split by probability per outgoing flow (``probabilities:`` in the
  element's params; a gateway with one outgoing flow needs none). Conditions on
  flows are *not* evaluated: routing is probability only;
- parallel split / join; an activity with several outgoing flows splits in
  parallel; several flows into an activity merge without synchronising;
- inclusive split: ``probabilities:`` keys are outgoing flow ids or several ids
  joined by ``+`` (``Flow_a+Flow_b``: both taken together); the probabilities of
  these flow sets sum to 1; and inclusive join
  (waits only for tokens of the same scope that can still reach one of its
  empty incoming flows without passing through the join);
- event-based gateway: a race of the timer / message catch events and receive
  tasks after it; the first to fire wins;
- intermediate catch: timer (``timeDuration`` ISO 8601 such as ``P14D``,
  ``PT2H``; ``timeDate`` ISO date-time; a ``delay:`` in params overrides) and
  message (its ``delay:`` in params: the external party's response time);
- intermediate throw events (none, message, escalation, signal) pass through;
  link throw jumps to the link catch of the same name;
- boundary events: timer (interrupting cancels the activity; non-interrupting
  spawns a parallel path, repeating for a ``timeCycle`` ``R[n]/duration``),
  message (its ``delay:``), error (caught from an error end event inside the
  subprocess it is attached to);
- embedded subprocesses; multi-instance (parallel and sequential; cardinality
  from params ``cardinality:`` or the model's loopCardinality integer);
  standard loops (``loop_max`` in params or the model's loopMaximum: that many
  iterations, or with a ``loop_again`` probability a geometric number capped by
  it); loops through gateways, where ``loop_max`` on an element caps how often
  a case executes it: an exclusive gateway never sends a case back into a loop
  whose capped element has used up its executions while another way is open.

Not executed (named by :func:`check_executable` before any run): complex
gateways, event subprocesses, transactions, compensation, cancel, conditional
and signal catch events, multiple-trigger events, timer cycles outside
non-interrupting boundary events, and more than one start event at the top level.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from processes import model as m
from processes.errors import SimulationError

__all__ = [
    "START", "END", "TERMINATE", "ACTIVITY", "SUBPROCESS", "EXCLUSIVE", "PARALLEL",
    "INCLUSIVE", "EVENT_GATEWAY", "TIMER", "MESSAGE", "PASS",
    "CompiledNode", "CompiledProcess", "Timer",
    "compile_process", "check_executable", "parse_iso_duration", "choose_exclusive",
    "choose_inclusive",
]

# node kind codes (ints: the engine dispatches on them)
START, END, TERMINATE, ACTIVITY, SUBPROCESS, EXCLUSIVE, PARALLEL, INCLUSIVE, EVENT_GATEWAY, TIMER, MESSAGE, PASS = range(12)
KIND_NAMES = ("start", "end", "terminate", "activity", "subprocess", "exclusive", "parallel",
              "inclusive", "event_gateway", "timer", "message", "pass")

_ISO = re.compile(
    r"^P(?:(?P<y>\d+(?:\.\d+)?)Y)?(?:(?P<mo>\d+(?:\.\d+)?)M)?(?:(?P<w>\d+(?:\.\d+)?)W)?(?:(?P<d>\d+(?:\.\d+)?)D)?"
    r"(?:T(?:(?P<h>\d+(?:\.\d+)?)H)?(?:(?P<mi>\d+(?:\.\d+)?)M)?(?:(?P<s>\d+(?:\.\d+)?)S)?)?$"
)
_CYCLE = re.compile(r"^R(?P<n>\d*)/(?P<d>P.+)$")


def parse_iso_duration(text: str) -> float:
    """Hours in an ISO 8601 duration (``P14D`` -> 336.0, ``PT2H30M`` -> 2.5).

    A month is 1/12 of a Julian year (730.5 h), a year 8766 h, as in
    :mod:`processes.durations`.

    >>> parse_iso_duration("P14D"), parse_iso_duration("PT2H")
    (336.0, 2.0)
    """
    match = _ISO.match(text.strip())
    if match is None or text.strip() in ("P", "PT") or text.strip().endswith("T"):
        raise SimulationError(f"timer duration {text!r} is not an ISO 8601 duration (expected e.g. P14D, PT2H)")
    g = {k: float(v) if v else 0.0 for k, v in match.groupdict().items()}
    return (g["y"] * 8766.0 + g["mo"] * 730.5 + g["w"] * 168.0 + g["d"] * 24.0
            + g["h"] + g["mi"] / 60.0 + g["s"] / 3600.0)


@dataclass(frozen=True, slots=True)
class Timer:
    """A timer: ``after`` hours from when it is armed, or at absolute ``at``
    hours from the simulation start; ``repeat`` further firings every ``after``
    hours (timeCycle; -1 = unbounded)."""

    after: float = 0.0
    at: float | None = None
    repeat: int = 0

    def delay(self, now: float) -> float:
        """Hours from ``now`` until the timer fires (0 if the date has passed)."""
        if self.at is not None:
            return max(0.0, self.at - now)
        return self.after


@dataclass(frozen=True, slots=True)
class CompiledNode:
    """One flow node as the engine sees it. Indices refer to
    ``CompiledProcess.nodes`` / ``.flow_ids``."""

    index: int
    id: str
    name: str
    kind: int
    scope: int  # index of the enclosing subprocess node, -1 at the top level
    out: tuple[int, ...]  # outgoing flow indices
    targets: tuple[int, ...]  # their target node indices
    n_in: int  # incoming flows
    cumulative: tuple[float, ...] = ()  # exclusive: cumulative probabilities over ``out``
    subsets: tuple[tuple[int, ...], ...] = ()  # inclusive: the flow sets ``cumulative`` chooses among
    default: int = -1  # position in ``out`` of the default flow, -1 = none
    join: bool = False  # parallel / inclusive gateway that synchronises
    pool: str = ""  # pool doing the work ("" = none)
    work: Any = None  # Distribution of work hours (needs a pool)
    delay: Any = None  # Distribution of calendar hours
    timer: Timer | None = None  # timer catch / boundary timer
    boundaries: tuple[int, ...] = ()  # boundary event node indices
    interrupting: bool = True  # boundary
    error_ref: str = ""  # error boundary / error end: the error caught / thrown ("" = any)
    error: bool = False  # boundary that catches errors; end event that throws one
    host: int = -1  # boundary: the activity it is attached to
    first: int = -1  # subprocess: its start event
    mi_sequential: bool = False
    mi_cardinality: Any = None  # int or Distribution
    loop_max: int = 0  # standard loop: at most this many iterations (0 = no loop)
    loop_again: float = -1.0  # probability of another iteration (-1: always ``loop_max`` iterations)
    visit_cap: int = 0  # at most this many executions per case (``loop_max`` on a gateway loop)
    caps: tuple[tuple[tuple[int, int], ...], ...] = ()  # exclusive: per outgoing flow, capped nodes it loops back to
    decision: bool = False  # the decision step (delegation applies)
    reach: tuple[frozenset[int], ...] = ()  # inclusive join: per incoming flow, nodes that can reach it
    in_flows: tuple[int, ...] = ()  # inclusive / parallel join: incoming flow indices
    race: tuple[int, ...] = ()  # event-based gateway: the catch nodes that race
    plain: bool = False  # an activity that is only work for a pool (the engine's fast path)


@dataclass(frozen=True, slots=True)
class CompiledProcess:
    """The routing tables of one process."""

    process_id: str
    nodes: tuple[CompiledNode, ...]
    flow_ids: tuple[str, ...]
    start: int  # the top-level start event
    index: dict[str, int]
    has_inclusive_join: frozenset[int]  # scopes (-1 = top) containing an inclusive join


def _element_params(params: Any, element_id: str) -> Any:
    elements = getattr(params, "elements", None) or {}
    return elements.get(element_id)


def _cardinality(node: m.Node, ep: Any) -> Any:
    if ep is not None and getattr(ep, "cardinality", None) is not None:
        return ep.cardinality
    loop = getattr(node, "loop", None)
    if isinstance(loop, m.MultiInstance):
        text = loop.cardinality.text.strip() if loop.cardinality is not None else ""
        if re.fullmatch(r"\d+", text):
            return int(text)
        raise SimulationError(
            f"multi-instance cardinality {text!r} is not an integer; give `cardinality:` in the element's params",
            element=node.id,
        )
    return None


def _timer(node: m.Event, start: datetime | date | None, *, allow_cycle: bool) -> Timer:
    definition = node.definitions[0]
    text = definition.timer.text.strip() if definition.timer is not None else ""
    if definition.timer_kind == "timeDuration":
        return Timer(after=parse_iso_duration(text))
    if definition.timer_kind == "timeDate":
        try:
            when = datetime.fromisoformat(text.replace("Z", "+00:00")).replace(tzinfo=None)
        except ValueError:
            raise SimulationError(f"timeDate {text!r} is not an ISO 8601 date-time", element=node.id) from None
        origin = start if isinstance(start, datetime) else datetime.combine(start or date(1970, 1, 1), datetime.min.time())
        return Timer(at=(when - origin).total_seconds() / 3600.0)
    if definition.timer_kind == "timeCycle" and allow_cycle:
        match = _CYCLE.match(text)
        if match is None:
            raise SimulationError(f"timeCycle {text!r} (expected R[n]/duration, e.g. R/P14D)", element=node.id)
        n = int(match.group("n")) if match.group("n") else -1
        return Timer(after=parse_iso_duration(match.group("d")), repeat=(n - 1 if n > 0 else -1))
    raise SimulationError(
        f"timer {definition.timer_kind or 'without a value'} {text!r} cannot be simulated here "
        "(expected timeDuration or timeDate; timeCycle only on a non-interrupting boundary event)",
        element=node.id,
    )


def compile_process(process: m.Process, params: Any) -> CompiledProcess:
    """Check that every element can be executed and build the routing tables.

    Raises :class:`SimulationError` naming the first element that cannot be
    simulated (and why) before any simulation object exists.
    """
    return _Builder(process, params).build()


def check_executable(process: m.Process, params: Any) -> None:
    """Raise :class:`SimulationError` naming every element the engine cannot run."""
    compile_process(process, params)


def choose_exclusive(node: CompiledNode, u: float) -> int:
    """Position in ``node.out`` chosen by the uniform draw ``u`` in [0, 1)."""
    cumulative = node.cumulative
    for i, c in enumerate(cumulative):
        if u < c:
            return i
    return len(cumulative) - 1


def choose_inclusive(node: CompiledNode, u: float) -> tuple[int, ...]:
    """Positions in ``node.out`` taken together, chosen by the uniform draw ``u``."""
    return node.subsets[choose_exclusive(node, u)]


def finite(value: float) -> bool:
    return not math.isnan(value)


_UNSUPPORTED_TRIGGERS = ("conditional", "signal", "compensation", "cancel", "multiple", "parallel_multiple")


class _Builder:
    """One compilation pass; collects every problem before raising."""

    def __init__(self, process: m.Process, params: Any) -> None:
        self.process = process
        self.params = params
        self.problems: list[tuple[str, str]] = []

    def problem(self, element: str, why: str) -> None:
        self.problems.append((element, why))

    def build(self) -> CompiledProcess:
        p = self.process
        flow_nodes = [n for n in p.nodes.values()
                      if not isinstance(n, (m.DataObject, m.DataObjectReference, m.DataStoreReference))]
        index = {n.id: i for i, n in enumerate(flow_nodes)}
        flows = [f for f in p.flows.values() if f.source in index and f.target in index]
        flow_ids = [f.id for f in flows]
        outgoing: list[list[int]] = [[] for _ in flow_nodes]
        incoming: list[list[int]] = [[] for _ in flow_nodes]
        for fi, f in enumerate(flows):
            outgoing[index[f.source]].append(fi)
            incoming[index[f.target]].append(fi)
        flow_target = [index[f.target] for f in flows]
        flow_source = [index[f.source] for f in flows]
        # link throw -> link catch of the same name in the same container: a synthetic flow
        catches = {(n.parent, n.definitions[0].link_name or n.name): n.id for n in flow_nodes
                   if isinstance(n, m.Event) and n.position == "intermediate_catch" and n.trigger == "link"}
        for n in flow_nodes:
            if isinstance(n, m.Event) and n.position == "intermediate_throw" and n.trigger == "link":
                target = catches.get((n.parent, n.definitions[0].link_name or n.name))
                if target is None:
                    self.problem(n.id, "link throw event has no link catch event of the same name")
                    continue
                flow_ids.append(f"{n.id}->{target}")
                fi = len(flow_ids) - 1
                outgoing[index[n.id]].append(fi)
                incoming[index[target]].append(fi)
                flow_target.append(index[target])
                flow_source.append(index[n.id])

        def scope_of(n: m.Node) -> int:
            return index[n.parent] if n.parent in index else -1

        boundaries: dict[int, list[int]] = {}
        for n in flow_nodes:
            if isinstance(n, m.Event) and n.position == "boundary":
                if n.attached_to not in index:
                    self.problem(n.id, f"boundary event attached to unknown activity {n.attached_to!r}")
                else:
                    boundaries.setdefault(index[n.attached_to], []).append(index[n.id])

        fields: list[dict[str, Any]] = []
        for i, n in enumerate(flow_nodes):
            out = tuple(outgoing[i])
            f: dict[str, Any] = dict(
                index=i, id=n.id, name=n.name, scope=scope_of(n), out=out,
                targets=tuple(flow_target[fi] for fi in out), n_in=len(incoming[i]),
                boundaries=tuple(boundaries.get(i, ())), in_flows=tuple(incoming[i]),
            )
            f["kind"] = self.kind_of(n, f, index, flow_ids)
            fields.append(f)

        self.add_subprocess_starts(flow_nodes, fields, index)
        self.add_gateway_caps(fields, flow_source)
        self.add_inclusive_reach(fields, flow_source)
        for f in fields:
            if f["kind"] == EVENT_GATEWAY:
                race = tuple(f["targets"])
                for t in race:
                    tk = fields[t]
                    ok = tk["kind"] in (TIMER, MESSAGE) or (
                        tk["kind"] == ACTIVITY and isinstance(flow_nodes[t], m.Task)
                        and flow_nodes[t].task_type == "receiveTask")
                    if not ok:
                        self.problem(f["id"], f"event-based gateway leads to {tk['id']!r}, which is not a timer or "
                                              "message catch event or a receive task")
                f["race"] = race
        self.check_references(index, fields)
        tops = [f["index"] for f in fields if f["kind"] == START and f["scope"] == -1]
        if len(tops) != 1:
            self.problem(p.id, f"the process needs exactly one top-level start event, found {len(tops)}"
                               + (f" ({', '.join(fields[t]['id'] for t in tops)})" if tops else ""))
        if self.problems:
            listed = "; ".join(f"'{e}': {why}" for e, why in self.problems)
            raise SimulationError(
                f"process '{p.id}' cannot be simulated: {len(self.problems)} element(s) not executable: {listed}")
        for f in fields:
            f["plain"] = (f["kind"] == ACTIVITY and not f["boundaries"] and f.get("mi_cardinality") is None
                          and not f.get("loop_max") and not f.get("visit_cap") and not f.get("decision")
                          and f.get("work") is not None and f.get("delay") is None)
        nodes = tuple(CompiledNode(**f) for f in fields)
        with_or = frozenset(nd.scope for nd in nodes if nd.kind == INCLUSIVE and nd.join)
        return CompiledProcess(p.id, nodes, tuple(flow_ids), tops[0], index, with_or)

    def check_references(self, index: dict[str, int], fields: list[dict[str, Any]]) -> None:
        """The legal clock's events and the decision step must be in the process."""
        clock = getattr(self.params, "clock", None)
        decision = getattr(self.params, "decision", None)
        wanted = []
        if clock is not None:
            wanted += [("clock.start", clock.start), ("clock.stop", clock.stop)]
        if decision is not None:
            wanted.append(("decision.element", decision.element))
        for key, element in wanted:
            if element not in index:
                self.problem(element, f"{key} names an element that is not in process '{self.process.id}'")
            elif key == "decision.element" and fields[index[element]]["kind"] != ACTIVITY:
                self.problem(element, "decision.element must be a task (the decision step)")

    # ------------------------------------------------------------------ per node

    def params_of(self, element_id: str) -> Any:
        return _element_params(self.params, element_id)

    def kind_of(self, n: m.Node, f: dict[str, Any], index: dict[str, int], flow_ids: list[str]) -> int:
        ep = self.params_of(n.id)
        if isinstance(n, m.Event):
            return self.event_kind(n, f, index, ep)
        if isinstance(n, m.Gateway):
            return self.gateway_kind(n, f, flow_ids, ep)
        if isinstance(n, m.SubProcess):
            if n.triggered_by_event:
                self.problem(n.id, "event subprocesses are not simulated")
            elif n.variant != "subProcess":
                self.problem(n.id, f"{n.variant} is not simulated (only embedded subProcess)")
            self.add_loop(n, f, ep)
            return SUBPROCESS
        if isinstance(n, (m.Task, m.CallActivity)):
            if getattr(n, "is_for_compensation", False):
                self.problem(n.id, "compensation activities are not simulated")
            self.add_work(n, f, ep)
            self.add_loop(n, f, ep)
            return ACTIVITY
        self.problem(n.id, f"{n.kind} is not a flow node the simulator knows")
        return PASS

    def event_kind(self, n: m.Event, f: dict[str, Any], index: dict[str, int], ep: Any) -> int:
        trigger = n.trigger
        if trigger in _UNSUPPORTED_TRIGGERS and not (
            n.position in ("intermediate_throw", "end") and trigger in ("signal",)
        ) and not (n.position == "start" and f["scope"] == -1):
            self.problem(n.id, f"{trigger} {n.position.replace('_', ' ')} event is not simulated")
            return PASS
        if n.position == "start":
            if f["scope"] != -1 and trigger != "none":
                self.problem(n.id, f"a start event inside a subprocess must have no trigger, not {trigger}")
            return START
        if n.position == "end":
            if trigger == "terminate":
                return TERMINATE
            if trigger == "error":
                f["error"] = True
                f["error_ref"] = n.definitions[0].ref
            return END
        if n.position == "intermediate_throw":
            return PASS
        if n.position == "intermediate_catch":
            if trigger == "link":
                return PASS
            if trigger == "timer":
                if ep is not None and ep.delay is not None:
                    f["delay"] = ep.delay
                else:
                    f["timer"] = self.timer(n, allow_cycle=False)
                return TIMER
            if trigger == "message":
                if ep is None or ep.delay is None:
                    self.problem(n.id, "message catch event needs a `delay:` (the sender's response time) in params")
                else:
                    f["delay"] = ep.delay
                return MESSAGE
            self.problem(n.id, f"{trigger} intermediate catch event is not simulated")
            return PASS
        # boundary
        f["host"] = index.get(n.attached_to, -1)
        f["interrupting"] = n.cancel_activity
        if trigger == "timer":
            if ep is not None and ep.delay is not None:
                f["delay"] = ep.delay
            else:
                f["timer"] = self.timer(n, allow_cycle=not n.cancel_activity)
        elif trigger == "message":
            if ep is None or ep.delay is None:
                self.problem(n.id, "message boundary event needs a `delay:` (when the message comes) in params")
            else:
                f["delay"] = ep.delay
        elif trigger == "error":
            f["error"] = True
            f["error_ref"] = n.definitions[0].ref
            f["interrupting"] = True
        else:
            self.problem(n.id, f"{trigger} boundary event is not simulated")
        return PASS

    def timer(self, n: m.Event, *, allow_cycle: bool) -> Timer | None:
        start = getattr(self.params, "start", None)
        try:
            return _timer(n, start, allow_cycle=allow_cycle)
        except SimulationError as err:
            self.problem(n.id, err.message)
            return None

    def gateway_kind(self, n: m.Gateway, f: dict[str, Any], flow_ids: list[str], ep: Any) -> int:
        out = f["out"]
        kind = n.gateway_kind
        if kind == "complex":
            self.problem(n.id, "complex gateways are not simulated")
            return PASS
        if kind == "eventBased":
            return EVENT_GATEWAY
        if kind == "parallel":
            f["join"] = f["n_in"] > 1
            return PARALLEL
        names = [flow_ids[fi] for fi in out]
        if n.default and n.default in names:
            f["default"] = names.index(n.default)
        probabilities = dict(ep.probabilities) if ep is not None and ep.probabilities else {}
        if kind == "exclusive":
            if len(out) > 1:
                if not probabilities:
                    self.problem(n.id, f"exclusive gateway needs `probabilities:` for its outgoing flows "
                                       f"({', '.join(names)})")
                else:
                    unknown = [k for k in probabilities if k not in names]
                    if unknown:
                        self.problem(n.id, f"probabilities name {', '.join(unknown)}, not outgoing flows of this "
                                           f"gateway (expected {', '.join(names)})")
                    f["cumulative"] = _cumulate([probabilities.get(k, 0.0) for k in names])
            return EXCLUSIVE
        f["join"] = f["n_in"] > 1
        if len(out) > 1:
            if not probabilities:
                self.problem(n.id, f"inclusive gateway needs `probabilities:` over its outgoing flows or flow sets "
                                   f"joined by '+' ({', '.join(names)})")
            else:
                subsets, weights = [], []
                for key, prob in probabilities.items():
                    parts = [k.strip() for k in key.split("+")]
                    bad = [k for k in parts if k not in names]
                    if bad:
                        self.problem(n.id, f"probabilities name {', '.join(bad)}, not outgoing flows of this "
                                           f"gateway (expected {', '.join(names)})")
                        continue
                    subsets.append(tuple(sorted({names.index(k) for k in parts})))
                    weights.append(prob)
                f["subsets"] = tuple(subsets)
                f["cumulative"] = _cumulate(weights)
        return INCLUSIVE

    def add_work(self, n: m.Node, f: dict[str, Any], ep: Any) -> None:
        decision = getattr(self.params, "decision", None)
        f["decision"] = decision is not None and decision.element == n.id
        if ep is None:
            return
        f["work"], f["delay"] = ep.duration, ep.delay
        if ep.duration is not None:
            pool = ep.pool or self.lane_pool(n)
            if not pool:
                self.problem(n.id, "has a work `duration:` but no pool does its work (its lane is in no pool's "
                                   "`lanes:`; give the element a `pool:`, or use `delay:` for calendar time)")
            f["pool"] = pool or ""

    def lane_pool(self, n: m.Node) -> str:
        node: m.Node | None = n
        while node is not None:
            lane = self.process.lane_of(node.id)
            if lane is not None:
                pool = self.params.pool_for_lane(lane.id) or (self.params.pool_for_lane(lane.name) if lane.name else None)
                return pool.name if pool is not None else ""
            node = self.process.nodes.get(node.parent)
        return ""

    def add_loop(self, n: m.Node, f: dict[str, Any], ep: Any) -> None:
        loop = getattr(n, "loop", None)
        if isinstance(loop, m.MultiInstance):
            f["mi_sequential"] = loop.is_sequential
            try:
                f["mi_cardinality"] = _cardinality(n, ep)
            except SimulationError as err:
                self.problem(n.id, err.message)
        elif isinstance(loop, m.StandardLoop):
            most = (ep.loop_max if ep is not None and ep.loop_max else None) or loop.loop_maximum
            if not most:
                self.problem(n.id, "standard loop needs `loop_max` in params or a loopMaximum in the model")
                return
            f["loop_max"] = int(most)
            again = getattr(ep, "loop_again", None) if ep is not None else None
            f["loop_again"] = -1.0 if again is None else float(again)
        elif ep is not None and ep.loop_max:
            f["visit_cap"] = int(ep.loop_max)

    # ------------------------------------------------------------------ whole-graph tables

    def add_subprocess_starts(self, flow_nodes: list[m.Node], fields: list[dict[str, Any]], index: dict[str, int]) -> None:
        for f in fields:
            if f["kind"] != SUBPROCESS:
                continue
            starts = [g["index"] for g in fields if g["scope"] == f["index"] and g["kind"] == START]
            if len(starts) != 1:
                self.problem(f["id"], f"an embedded subprocess needs exactly one start event, found {len(starts)}")
            else:
                f["first"] = starts[0]

    def add_gateway_caps(self, fields: list[dict[str, Any]], flow_source: list[int]) -> None:
        capped = [f["index"] for f in fields if f.get("visit_cap")]
        if not capped:
            return
        succ = [list(f["targets"]) + list(f["boundaries"]) for f in fields]
        for f in fields:
            if f["kind"] != EXCLUSIVE or len(f["out"]) < 2:
                continue
            g = f["index"]
            back = _reaching(fields, flow_source, g, avoid=-1)  # nodes that can reach g
            caps = []
            for t in f["targets"]:
                ahead = _forward(succ, t, avoid=g)
                caps.append(tuple((c, fields[c]["visit_cap"]) for c in capped if c in ahead and c in back))
            if any(caps):
                f["caps"] = tuple(caps)

    def add_inclusive_reach(self, fields: list[dict[str, Any]], flow_source: list[int]) -> None:
        for f in fields:
            if f["kind"] == INCLUSIVE and f.get("join"):
                f["reach"] = tuple(
                    frozenset(_reaching(fields, flow_source, flow_source[fi], avoid=f["index"]))
                    for fi in f["in_flows"])


def _predecessors(fields: list[dict[str, Any]], flow_source: list[int]) -> list[list[int]]:
    pred: list[list[int]] = [[] for _ in fields]
    for f in fields:
        for fi in f["in_flows"]:
            pred[f["index"]].append(flow_source[fi])
        if f["kind"] == PASS and f.get("host", -1) >= 0:
            pred[f["index"]].append(f["host"])  # a boundary event is reached from its host
    return pred


def _reaching(fields: list[dict[str, Any]], flow_source: list[int], node: int, *, avoid: int) -> set[int]:
    """``node`` and every node that can reach it without passing through ``avoid``."""
    pred = _predecessors(fields, flow_source)
    seen = {node}
    stack = [node]
    while stack:
        for q in pred[stack.pop()]:
            if q not in seen and q != avoid:
                seen.add(q)
                stack.append(q)
    return seen


def _forward(succ: list[list[int]], node: int, *, avoid: int) -> set[int]:
    seen = {node}
    stack = [node]
    while stack:
        for q in succ[stack.pop()]:
            if q not in seen and q != avoid:
                seen.add(q)
                stack.append(q)
    return seen


def _cumulate(weights: list[float]) -> tuple[float, ...]:
    total, out = 0.0, []
    for w in weights:
        total += w
        out.append(total)
    if out:
        out[-1] = max(out[-1], 1.0)  # rounding: the last flow takes what is left
    return tuple(out)
