"""BPMN token semantics, compiled once into flat routing tables for the engine.

:func:`simulator.compiler.compile_process` turns a :class:`processes.model.Process` into a
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
  element's params; a gateway with one outgoing flow needs none), or by
  condition (``conditions:`` in the element's params, over case attributes drawn
  per case from ``simulation.attributes``: the first flow in model order whose
  condition holds, else the default flow). The BPMN conditionExpression texts
  are not read (in the municipal models they are informal labels);
- parallel split / join; an activity with several outgoing flows splits in
  parallel; several flows into an activity merge without synchronising;
- inclusive split: ``probabilities:`` keys are outgoing flow ids or several ids
  joined by ``+`` (``Flow_a+Flow_b``: both taken together); the probabilities of
  these flow sets sum to 1; and inclusive join
  (waits only for tokens of the same scope that can still reach one of its
  empty incoming flows without passing through the join);
- event-based gateway: a race of the timer / message / conditional catch events and receive
  tasks after it; the first to fire wins;
- intermediate catch: timer (``timeDuration`` ISO 8601 such as ``P14D``,
  ``PT2H``; ``timeDate`` ISO date-time; a ``delay:`` in params overrides) and
  message (its ``delay:`` in params: the external party's response time) and
  conditional (its ``delay:``: the time until its condition comes true);
- intermediate throw events (none, message, escalation, signal) pass through (an escalation one, and an
  escalation end event, first throws its escalation: :mod:`simulator.eventrun`);
  link throw jumps to the link catch of the same name;
- boundary events: timer (interrupting cancels the activity; non-interrupting
  spawns a parallel path, repeating for a ``timeCycle`` ``R[n]/duration``),
  message, conditional and escalation on a task, call activity or empty subprocess
  (its ``delay:``), error (caught from an error end event inside the subprocess it
  is attached to; one nothing catches there goes up to the scopes around: ``rethrow``),
  escalation on a subprocess with steps (caught from an escalation throw or end event inside,
  interrupting or not; one nothing catches goes up likewise: ``escalate``, and at the top has no effect);
- embedded subprocesses; multi-instance (parallel and sequential; cardinality
  from an element param ``cardinality`` if present, else the model's integer
  loopCardinality); standard loops (``loop_max`` in params or the model's
  loopMaximum: that many iterations, or, if the element params carry a
  ``loop_again`` probability, a geometric number capped by it); loops through gateways, where ``loop_max`` on an element caps how often
  a case executes it: an exclusive gateway never sends a case into a capped
  element that has used up its executions, closing a flow only when every way
  from it runs through that element again (:mod:`simulator.graphpasses`);
- several top-level start events: a case arrives at one, by their ``share:`` (else equal shares);
  non-interrupting event subprocesses (a timer, message, signal, conditional or escalation start event),
  armed when their scope starts and run beside it; interrupting ones (those, or an error start event),
  armed the same way or started by an error end event (an escalation throw or end event) of their scope,
  which end the scope's other work and then complete the scope; signal catch and boundary events as waits of their ``delay:``;
  an error boundary event on a black box in the ``share:`` of the step's runs; compensation (handlers of
  completed activities, the last completed first, at a compensation throw or end event) and
  transactions (a cancel end event compensates the transaction and leaves by its cancel boundary event;
  without one the path ends there)
  (:mod:`simulator.eventpasses`, :mod:`simulator.eventrun`);
- ``set:`` on an element marks the case (a case attribute) when it passes;
- rule gateways: the decision's outcome gateway, whose choice is made when the
  case reaches the decision if the delegation differs by outcome; the legal
  clock's extension gateway (``clock.extension_flow``), taken at most once and
  only before the deadline, when the projected decision would pass it.

Not executed (named by :func:`simulator.compiler.check_executable` before any run): complex
gateways, a cancel event outside a transaction, multiple-trigger events, and timer cycles outside
non-interrupting boundary events and event subprocesses.
"""

from __future__ import annotations

import re
from typing import Any

from processes.errors import SimulationError
from processes.frozenclass import frozen_dataclass

__all__ = [
    "START", "END", "TERMINATE", "ACTIVITY", "SUBPROCESS", "EXCLUSIVE", "PARALLEL",
    "INCLUSIVE", "EVENT_GATEWAY", "TIMER", "MESSAGE", "PASS", "ROUTE_OUTCOME", "ROUTE_EXTENSION",
    "CANCELLED", "ESCALATED", "CompiledNode", "CompiledProcess", "Timer",
    "parse_iso_duration", "choose_exclusive",
    "choose_by_condition", "choose_inclusive",
]

#: the error code a cancel end event throws: only a cancel boundary event catches it (an id has no '#')
CANCELLED = "#cancel"
#: what a subprocess ends in when an interrupting escalation boundary event on it catches an escalation thrown
#: inside: this and the boundary event's index (only that boundary event catches it)
ESCALATED = "#escalation "

#: exclusive gateways routed by a rule: the outcome gateway (its choice may be made early, at the
#: decision, so the decision's delegation can depend on it) and the legal clock's extension gateway
ROUTE_OUTCOME, ROUTE_EXTENSION = 1, 2

# node kind codes (ints: the engine dispatches on them)
START, END, TERMINATE, ACTIVITY, SUBPROCESS, EXCLUSIVE, PARALLEL, INCLUSIVE, EVENT_GATEWAY, TIMER, MESSAGE, PASS = range(12)
KIND_NAMES = ("start", "end", "terminate", "activity", "subprocess", "exclusive", "parallel",
              "inclusive", "event_gateway", "timer", "message", "pass")

_ISO = re.compile(
    r"^P(?:(?P<y>\d+(?:\.\d+)?)Y)?(?:(?P<mo>\d+(?:\.\d+)?)M)?(?:(?P<w>\d+(?:\.\d+)?)W)?(?:(?P<d>\d+(?:\.\d+)?)D)?"
    r"(?:T(?:(?P<h>\d+(?:\.\d+)?)H)?(?:(?P<mi>\d+(?:\.\d+)?)M)?(?:(?P<s>\d+(?:\.\d+)?)S)?)?$"
)


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


@frozen_dataclass
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


@frozen_dataclass
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
    conditions: tuple[Any, ...] = ()  # exclusive by condition: per position in ``out``, a Condition or None
    join: bool = False  # parallel / inclusive gateway that synchronises
    pool: str = ""  # pool doing the work ("" = none)
    work: Any = None  # Distribution of work hours (needs a pool)
    delay: Any = None  # Distribution of calendar hours
    timer: Timer | None = None  # timer catch / boundary timer
    boundaries: tuple[int, ...] = ()  # boundary event node indices
    interrupting: bool = True  # boundary
    error_ref: str = ""  # error boundary / error end: the error caught / thrown ("" = any)
    error: bool = False  # boundary that catches errors; end event that throws one
    escalates: bool = False  # an escalation throw or end event (its escalation in ``error_ref``)
    catches_escalation: bool = False  # an escalation boundary event on a subprocess with steps, or an escalation
    # event subprocess: caught from an escalation throw inside (the escalation in ``error_ref``, "" = any)
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
    handler: int = -1  # an activity's compensation handler (a compensation activity or event subprocess), -1 = none
    compensate: bool = False  # a compensation throw or end event, or a cancel end (it compensates the transaction)
    compensate_ref: int = -1  # a compensation throw's activityRef (-1: every completed activity of its scope)
    watch: tuple[int, ...] = ()  # subprocess: the event subprocesses inside it that its start arms
    triggered: bool = False  # an event subprocess armed when its scope starts (its start event's trigger)
    share: float = 1.0  # triggered event subprocess: the share of scope instances in which its trigger comes
    fails: tuple[tuple[int, float], ...] = ()  # a black box: (error boundary event, cumulative share of runs)
    sets: tuple[tuple[str, Any], ...] = ()  # case attributes set when a case passes (``set:``)
    route: int = 0  # exclusive gateway routed by a rule: ROUTE_OUTCOME or ROUTE_EXTENSION (0 = as usual)
    extension_pos: int = -1  # extension gateway: position in ``out`` of the flow that extends the deadline


@frozen_dataclass
class CompiledProcess:
    """The routing tables of one process."""

    process_id: str
    nodes: tuple[CompiledNode, ...]
    flow_ids: tuple[str, ...]
    start: int  # the top-level start event
    index: dict[str, int]
    has_inclusive_join: frozenset[int]  # scopes (-1 = top) containing an inclusive join
    outcome_gateway: int = -1  # the gateway after the decision whose branches end in a grant and a refusal
    outcome_kinds: tuple[str, ...] = ()  # per position in that gateway's ``out``: "grant" or "refusal"
    starts: tuple[int, ...] = ()  # the top-level start events when there are several (a case arrives at one)
    start_cumulative: tuple[float, ...] = ()  # their cumulative shares
    watch: tuple[int, ...] = ()  # the event subprocesses at the top level that a case's arrival arms


def choose_exclusive(node: CompiledNode, u: float) -> int:
    """Position in ``node.out`` chosen by the uniform draw ``u`` in [0, 1)."""
    cumulative = node.cumulative
    i = 0  # enumerate, without its object (once per gateway a case passes)
    for c in cumulative:
        if u < c:
            return i
        i += 1
    return len(cumulative) - 1


def choose_by_condition(node: CompiledNode, attrs: Any) -> int:
    """Position in ``node.out`` of the first flow whose condition holds for the case
    attributes ``attrs``, else the default flow's; -1 when neither exists."""
    for i, cond in enumerate(node.conditions):
        if cond is not None and cond.evaluate(attrs):
            return i
    return node.default


def choose_inclusive(node: CompiledNode, u: float) -> tuple[int, ...]:
    """Positions in ``node.out`` taken together, chosen by the uniform draw ``u``."""
    return node.subsets[choose_exclusive(node, u)]

