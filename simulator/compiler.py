"""A process and its parameters, checked and compiled for the engine.

:func:`compile_process` is the one entry to the compilation pass
(:mod:`simulator.tables`): it checks that every element can be executed and
builds the flat routing tables of :mod:`simulator.tokens`.
:func:`profile_problems` lists the profile entries that name what the process
does not have (the scenario layer turns the first into an error at the line that
wrote it).
"""

from __future__ import annotations

from processes import model as m
from processes.errors import did_you_mean
from processes.params import SimParams
from simulator.tables import build_tables
from simulator.tokens import CompiledProcess

__all__ = ["compile_process", "check_executable", "profile_problems"]


#: the last compilations, by the identity of their (process, params): the replications of a
#: scenario pass the same two objects, and the tables are immutable data
_RECENT: dict[tuple[int, int], tuple[m.Process, SimParams, CompiledProcess]] = {}
_MAX_RECENT = 64


def compile_process(process: m.Process, params: SimParams) -> CompiledProcess:
    """Check that every element can be executed and build the routing tables.

    Raises :class:`processes.errors.SimulationError` naming the elements that
    cannot be simulated (and why) before any simulation object exists. The same
    two objects compiled again return the tables built the first time.
    """
    key = (id(process), id(params))
    found = _RECENT.get(key)
    if found is not None and found[0] is process and found[1] is params:
        return found[2]
    compiled = build_tables(process, params)
    if len(_RECENT) >= _MAX_RECENT:
        _RECENT.clear()
    _RECENT[key] = (process, params, compiled)  # holding both keeps their ids from being reused
    return compiled


def check_executable(process: m.Process, params: SimParams) -> None:
    """Raise :class:`processes.errors.SimulationError` naming every element the engine cannot run.
    The tables built to find out are kept (:func:`compile_process`): a run checks its processes first
    and then compiles the same objects for its replications."""
    compile_process(process, params)


def profile_problems(process: m.Process, params: SimParams) -> list[tuple[str, str]]:
    """(key path under ``simulation``, message) for each profile entry that names
    what the process does not have: ``elements.<id>`` (and its flows),
    ``pools.<name>.lanes``, ``clock.start``, ``clock.stop``, ``clock.extension_flow``,
    ``decision.element``, ``decision.outcome_gateway``, ``outcomes.<id>``; and those naming an element of the
    wrong kind (an outcome that is not an end event, an outcome gateway or an extension flow not of an
    exclusive gateway)."""
    index = process.nodes  # every flow node of the process, subprocess contents included
    out = []
    for eid, ep in params.elements.items():
        if eid not in index:
            out.append((f"elements.{eid}", f"no element {eid!r} in process '{process.id}'{did_you_mean(eid, index)}"))
            continue
        outgoing = [f.id for f in process.flows.values() if f.source == eid]
        for what, keys in (("probabilities", list(ep.probabilities)), ("conditions", list(ep.conditions))):
            for key in keys:
                bad = [k for k in key.split("+") if k not in outgoing]
                if bad:
                    out.append((f"elements.{eid}.{what}.{key}",
                                f"{bad[0]!r} is not an outgoing sequence flow of {eid!r} (expected one of "
                                f"{', '.join(outgoing) or 'none: it has no outgoing flows'})"))
    lanes = {key for lane in process.lanes() for key in (lane.id, lane.name) if key}
    for name, pool in params.pools.items():
        for i, lane_ref in enumerate(pool.lanes):
            if lane_ref not in lanes:
                out.append((f"pools.{name}.lanes[{i}]", f"no lane {lane_ref!r} in process '{process.id}'"
                                                        f"{did_you_mean(lane_ref, lanes)}"))
    clock, decision = params.clock, params.decision
    wanted = [("clock.start", clock.start), ("clock.stop", clock.stop)] if clock is not None else []
    if decision is not None:
        wanted.append(("decision.element", decision.element))
        if decision.outcome_gateway is not None:
            wanted.append(("decision.outcome_gateway", decision.outcome_gateway))
    wanted += [(f"outcomes.{end}", end) for end in params.outcomes]
    for key, element in wanted:
        if element not in index:
            out.append((key, f"no element {element!r} in process '{process.id}'{did_you_mean(element, index)}"))
    flow = clock.extension_flow if clock is not None else None
    if flow is not None and flow not in process.flows:
        out.append(("clock.extension_flow", f"no sequence flow {flow!r} in process '{process.id}'"
                                            f"{did_you_mean(flow, process.flows)}"))
    out += _wrong_kinds(process, params)
    return out


def _exclusive(node: object) -> bool:
    return isinstance(node, m.Gateway) and node.gateway_kind == "exclusive"


def _wrong_kinds(process: m.Process, params: SimParams) -> list[tuple[str, str]]:
    """Profile entries naming an element of the wrong kind: an outcome on what is not an end event, an
    outcome gateway or an extension flow not of an exclusive gateway (the engine refuses them too, but
    without the profile line)."""
    index, out = process.nodes, []
    for end in params.outcomes:
        node = index.get(end)
        if node is not None and not (isinstance(node, m.Event) and node.position == "end"):
            out.append((f"outcomes.{end}", f"{end!r} is not an end event (expected the id of an end event)"))
    gateway = params.decision.outcome_gateway if params.decision is not None else None
    if gateway is not None and gateway in index and not _exclusive(index[gateway]):
        out.append(("decision.outcome_gateway", f"{gateway!r} is not an exclusive gateway (expected the exclusive "
                                                "gateway after the decision, between a grant and a refusal)"))
    flow = params.clock.extension_flow if params.clock is not None else None
    if flow is not None and flow in process.flows:
        source = process.flows[flow].source
        branches = sum(1 for f in process.flows.values() if f.source == source)
        if not _exclusive(index.get(source)) or branches != 2:
            out.append(("clock.extension_flow", f"{flow!r} is not one of the two outgoing flows of an exclusive "
                                                "gateway (expected the flow into the extension step, from the "
                                                "choice: extend the handling time, or not)"))
    return out
