"""The compilation pass: a Process and its params -> :class:`simulator.tokens.CompiledProcess`.

It checks every element once, collects every problem (raising one
:class:`SimulationError` that names them all), and precomputes what the engine
would otherwise look up per event: kind codes, outgoing flows and targets,
cumulative branch probabilities, the pool of each task (its lane's, or the
element's ``pool:``), boundary events, the loop caps of gateway loops and the
reachability sets of inclusive joins. An embedded subprocess with nothing inside is compiled as a
task, one step of work (:mod:`processes.standins`).

What an event compiles to is in :mod:`simulator.eventkinds`, what a gateway compiles to in
:mod:`simulator.gatewaykinds` (mixins of the pass); the passes over the whole graph are in
:mod:`simulator.eventpasses` and :mod:`simulator.graphpasses`.
"""

from __future__ import annotations

import re
from typing import Any

from processes import model as m
from processes.errors import NotExecutableError, SimulationError, did_you_mean
from processes.params import ElementParams, SimParams
from processes.standins import black_box_errors, black_box_escalations, empty_subprocesses
from simulator.eventkinds import EventKinds
from simulator.eventpasses import (
    black_box_failures,
    compensation_handlers,
    error_throwers,
    event_subprocess_kind,
    top_starts,
    watch_lists,
)
from simulator.gatewaykinds import GatewayKinds
from simulator.graphpasses import gateway_caps, inclusive_reach, rule_gateways, subprocess_starts
from simulator.tokens import (
    ACTIVITY,
    EVENT_GATEWAY,
    INCLUSIVE,
    MESSAGE,
    PASS,
    SUBPROCESS,
    TIMER,
    CompiledNode,
    CompiledProcess,
)

__all__ = ["build_tables"]


def build_tables(process: m.Process, params: SimParams) -> CompiledProcess:
    """Check ``process`` against ``params`` and build its routing tables."""
    return _Builder(process, params).build()


def _cardinality(node: m.Node, ep: ElementParams | None) -> Any:
    if ep is not None and ep.cardinality is not None:
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


def _element_params(params: SimParams, element_id: str) -> ElementParams | None:
    elements = params.elements
    return elements.get(element_id)




class _Builder(EventKinds, GatewayKinds):
    """One compilation pass; collects every problem before raising."""

    def __init__(self, process: m.Process, params: SimParams) -> None:
        self.process = process
        self.params = params
        self.problems: list[tuple[str, str]] = []
        self.empty = frozenset(s.id for s in empty_subprocesses(process))  # each run as one step of work
        # escalation boundary events on a step whose inside is not in the file: fired after their delay:
        self.black_box_escalations = frozenset(e.id for e in black_box_escalations(process))
        # error boundary events on a black box: the step ends in the error in their share: of its runs
        self.black_box_errors = frozenset(e.id for e in black_box_errors(process))

    def problem(self, element: str, why: str) -> None:
        self.problems.append((element, why))

    def build(self) -> CompiledProcess:
        p = self.process
        flow_nodes = [n for n in p.nodes.values()
                      if not isinstance(n, (m.DataObject, m.DataObjectReference, m.DataStoreReference))]
        index = {n.id: i for i, n in enumerate(flow_nodes)}
        flows = [sf for sf in p.flows.values() if sf.source in index and sf.target in index]
        flow_ids = [sf.id for sf in flows]
        outgoing: list[list[int]] = [[] for _ in flow_nodes]
        incoming: list[list[int]] = [[] for _ in flow_nodes]
        for fi, sf in enumerate(flows):
            outgoing[index[sf.source]].append(fi)
            incoming[index[sf.target]].append(fi)
        flow_target = [index[sf.target] for sf in flows]
        flow_source = [index[sf.source] for sf in flows]
        # link throw -> link catch of the same name in the same container: a synthetic flow
        catches = {(n.parent, n.definitions[0].link_name or n.name): n.id for n in flow_nodes
                   if isinstance(n, m.Event) and n.position == "intermediate_catch" and n.trigger == "link"}
        for n in flow_nodes:
            if isinstance(n, m.Event) and n.position == "intermediate_throw" and n.trigger == "link":
                target = catches.get((n.parent, n.definitions[0].link_name or n.name))
                if target is None:
                    self.problem(n.id, "link throw event has no link catch event of the same name: add one in "
                                       "the same (sub)process, or draw a sequence flow instead")
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
            ep = self.params_of(n.id)
            if ep is not None and ep.sets:
                f["sets"] = tuple(ep.sets.items())
            fields.append(f)

        compensation_handlers(p, fields, index, self.problem)
        black_box_failures(fields, self.problem)
        watch = watch_lists(fields)
        error_throwers(p, fields, self.problem)
        subprocess_starts(fields, self.problem)
        gateway_caps(fields, flow_source)
        inclusive_reach(fields, flow_source)
        outcome_gateway, outcome_kinds = rule_gateways(fields, flow_ids, index, self.params, self.problem)
        refused = {e for e, _why in self.problems}
        for f in fields:
            if f["kind"] == EVENT_GATEWAY:
                race = tuple(f["targets"])
                for t in race:
                    tk = fields[t]
                    ok = tk["id"] in refused or tk["kind"] in (TIMER, MESSAGE) or (  # (refused: said there)
                        tk["kind"] == ACTIVITY and isinstance(flow_nodes[t], m.Task)
                        and flow_nodes[t].task_type == "receiveTask")
                    if not ok:
                        self.problem(f["id"], f"event-based gateway leads to {tk['id']!r}, which is not a timer, "
                                              "message or conditional catch event or a receive task: put one of those on that "
                                              "flow, or draw an exclusive gateway instead")
                f["race"] = race
        self.check_references(index, fields)
        tops, shares = top_starts(fields, self.params, self.problem, p.id)
        if not tops:
            self.problem(p.id, "the process needs a top-level start event, found 0: add a start event before the "
                               "first step")
        if self.problems:
            listed = "; ".join(f"'{e}': {why}" for e, why in self.problems)
            raise NotExecutableError(
                f"process '{p.id}' cannot be simulated: {len(self.problems)} element(s) not executable: {listed}",
                elements=tuple(e for e, _why in self.problems))
        for f in fields:
            for key in ("event_subprocess", "compensation_boundary", "compensation_handler", "fail_share",
                        "awaits_throw"):
                f.pop(key, None)  # (what the passes above read)
            f["plain"] = (f["kind"] == ACTIVITY and not f["boundaries"] and f.get("mi_cardinality") is None
                          and f.get("handler", -1) < 0
                          and not f.get("loop_max") and not f.get("visit_cap") and not f.get("decision")
                          and f.get("work") is not None and f.get("delay") is None and not f.get("sets"))
        nodes = tuple(CompiledNode(**f) for f in fields)
        with_or = frozenset(nd.scope for nd in nodes if nd.kind == INCLUSIVE and nd.join)
        return CompiledProcess(p.id, nodes, tuple(flow_ids), tops[0], index, with_or, outcome_gateway, outcome_kinds,
                               starts=tops if shares else (), start_cumulative=shares, watch=watch)

    def check_references(self, index: dict[str, int], fields: list[dict[str, Any]]) -> None:
        """The legal clock's events and the decision step must be in the process."""
        clock = self.params.clock
        decision = self.params.decision
        wanted = []
        if clock is not None:
            wanted += [("clock.start", clock.start), ("clock.stop", clock.stop)]
        if decision is not None:
            wanted.append(("decision.element", decision.element))
        wanted += [(f"outcomes.{end}", end) for end in self.params.outcomes]
        for eid in self.params.elements:
            if eid not in index:
                self.problem(eid, f"elements.{eid} names no element of process '{self.process.id}'"
                                  f"{did_you_mean(eid, index)}")
        for key, element in wanted:
            if element not in index:
                self.problem(element, f"{key} names an element that is not in process '{self.process.id}'"
                                      f"{did_you_mean(element, index)}")
            elif key == "decision.element" and fields[index[element]]["kind"] != ACTIVITY:
                self.problem(element, "decision.element must be a task (the decision step)")

    # ------------------------------------------------------------------ per node

    def params_of(self, element_id: str) -> ElementParams | None:
        return _element_params(self.params, element_id)

    def kind_of(self, n: m.Node, f: dict[str, Any], index: dict[str, int], flow_ids: list[str]) -> int:
        ep = self.params_of(n.id)
        if isinstance(n, m.Event):
            return self.event_kind(n, f, index, ep)
        if isinstance(n, m.Gateway):
            return self.gateway_kind(n, f, flow_ids, ep)
        if isinstance(n, m.SubProcess) and n.id not in self.empty:
            if n.triggered_by_event:
                refused = event_subprocess_kind(self.process, n, f, self.params,
                                                lambda e, cycle: self.timer(e, allow_cycle=cycle))
                if refused:
                    f["event_subprocess"] = True  # one refusal, its start event's trigger said in it
                    self.problem(n.id, refused)
            elif n.variant not in ("subProcess", "transaction"):
                self.problem(n.id, f"{n.variant} is not simulated (only embedded subProcess): draw an embedded "
                                   "subprocess instead, its steps after a parallel or inclusive gateway")
            self.add_loop(n, f, ep)
            return SUBPROCESS
        if isinstance(n, (m.Task, m.CallActivity, m.SubProcess)):  # (a subprocess here: empty, one step of work)
            self.add_work(n, f, ep)
            self.add_loop(n, f, ep)
            return ACTIVITY
        self.problem(n.id, f"{n.kind} is not a flow node the simulator knows: draw a task instead")
        return PASS

    def add_work(self, n: m.Node, f: dict[str, Any], ep: ElementParams | None) -> None:
        decision = self.params.decision
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

    def add_loop(self, n: m.Node, f: dict[str, Any], ep: ElementParams | None) -> None:
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
            again = ep.loop_again if ep is not None else None
            f["loop_again"] = -1.0 if again is None else float(again)
        elif ep is not None and ep.loop_max:
            f["visit_cap"] = int(ep.loop_max)
