"""The checks of one scope of a process (the process itself or an embedded subprocess): its start and
end events, reachability, dead ends, implicit ends, trivial gateways, and the gateway mismatches and
waiting joins found on its flow graph (:func:`processes.validate.check` runs :func:`scope_problems` on
each scope).

Its own module because these checks see one scope's nodes and flows only (sequence flows stay inside one
scope), where the id and reference checks (:mod:`processes.idchecks`) see the whole document.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from processes.gatewaymismatch import and_split_xor_join, xor_split_and_join
from processes.graph import dead_ends, flow_graph, implicit_ends, scope_nodes, scope_of, unreachable
from processes.model import Event, Gateway, Process, SubProcess, Task
from processes.problems import Problem
from processes.soundness import said, scope_waiting_joins

__all__ = ["scope_problems"]


def scope_problems(process: Process, scope: str) -> list[Problem]:
    """Every problem of the scope ``scope`` of ``process`` (the process's id or a subprocess's)."""
    nodes = [n for n in scope_nodes(process, scope)]
    if not nodes:
        return []
    container = process.nodes.get(scope)
    if (isinstance(container, SubProcess) and container.variant == "adHocSubProcess") or (
            container is None and _ad_hoc_process(process)):
        return list(_trivial_gateways(process, scope))
    problems = list(_starts_and_ends(process, scope, container, nodes))
    lost = unreachable(process, scope)
    problems += [Problem("unreachable", "error", n, f"no path from a start of '{scope}' reaches '{n}' (expected a sequence flow path to it from a start)")
                 for n in lost]
    problems += [Problem("dead-end", "error", n, f"no path from '{n}' reaches an end of '{scope}' (expected a sequence flow path from it to an end)")
                 for n in dead_ends(process, scope)]
    problems += [Problem("implicit-end", "warning", n,
                         f"'{n}' has no outgoing sequence flow: the path ends there (BPMN's implicit end; "
                         f"expected a flow to an end event, which says so)") for n in implicit_ends(process, scope)]
    problems += _trivial_gateways(process, scope)
    graph = flow_graph(process, scope)
    # a split no token reaches decides nothing: its node is reported unreachable, not its joins
    live = [n for n in nodes if n.id not in set(lost)]
    xor = list(xor_split_and_join(process, graph, nodes, live))
    problems += xor
    problems += and_split_xor_join(process, graph, nodes, live)
    # a choice whose branches reach different inputs of a join is said once, as xor-split-and-join
    chosen = {p.element for p in xor}
    problems += [Problem("optional-path-join", "warning", w.join, said(process, w))
                 for w in scope_waiting_joins(process, scope, graph)
                 if not (w.branch and w.join in chosen and w.origin not in lost)]
    return problems


_JBPM_AD_HOC = "{http://www.jboss.org/drools}adHoc"


def _ad_hoc_process(process: Process) -> bool:
    """A jBPM case (``drools:adHoc="true"`` on the process): its steps run in any order, as in an ad-hoc subprocess."""
    return any(name == _JBPM_AD_HOC and value.strip() == "true" for name, value in process.opaque.attributes)


def _starts_and_ends(process: Process, scope: str, container: object, nodes: list) -> Iterator[Problem]:
    flow_nodes = [n for n in nodes if not getattr(n, "is_for_compensation", False)
                  and not (isinstance(n, SubProcess) and n.triggered_by_event)]
    if not flow_nodes:
        return
    has_start = any(isinstance(n, Event) and n.position == "start" for n in flow_nodes) or any(
        isinstance(n, (Task, Gateway)) and n.instantiate for n in flow_nodes)
    has_end = any(isinstance(n, Event) and n.position == "end" for n in flow_nodes)
    is_process = container is None
    event_sub = isinstance(container, SubProcess) and container.triggered_by_event
    if not has_start and (is_process or event_sub or has_end):
        what = "process" if is_process else ("event subprocess" if event_sub else "subprocess with an end event")
        yield Problem("no-start", "error", scope, f"{what} '{scope}' has no start event (expected one where its paths begin)")
    if not has_end and (is_process or has_start and not event_sub):
        what = "process" if is_process else "subprocess with a start event"
        yield Problem("no-end", "error", scope, f"{what} '{scope}' has no end event (expected one where its paths finish)")


def _flow_counts(process: Process, scope: str) -> tuple[Counter[str], Counter[str]]:
    ins: Counter[str] = Counter()
    outs: Counter[str] = Counter()
    for flow in process.flows.values():
        src = process.nodes.get(flow.source)
        if src is not None and scope_of(process, src) == scope:
            outs[flow.source] += 1
        dst = process.nodes.get(flow.target)
        if dst is not None and scope_of(process, dst) == scope:
            ins[flow.target] += 1
    return ins, outs


def _trivial_gateways(process: Process, scope: str) -> Iterator[Problem]:
    ins, outs = _flow_counts(process, scope)
    for node in scope_nodes(process, scope):
        if isinstance(node, Gateway) and ins[node.id] == 1 and outs[node.id] == 1:
            yield Problem("trivial-gateway", "warning", node.id,
                          f"{node.gateway_kind} gateway '{node.id}' has one incoming and one outgoing flow; it does nothing "
                          "(expected two or more flows in or out, or no gateway)")
