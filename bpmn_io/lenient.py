"""What ``--lenient`` repaired in a BPMN file, as notes, and the model diff, compare and simulate take from it.

A lenient read (:func:`bpmn_io.reader.parse_bpmn` with ``strict=False``) renames a repeated id
``<id>_dup<n>`` and keeps a sequence flow whose ``sourceRef`` or ``targetRef`` names no flow node
of its process as written. ``convert`` and ``render`` keep such a flow (the file written still
has it); diff, compare and simulate cannot follow a flow to nothing, so they leave it out
(:func:`without_broken_flows`). A boundary event written into another process than the activity
it is attached to (Signavio's MIWG B.2.0 roundtrip puts eight of them in a process of their own,
their outgoing flows in the host's) is read as part of its host's process
(:func:`boundary_events_to_hosts`): a boundary event sits on its host's border, so that is where
it was drawn. For a simulation (:func:`for_simulation`), a cancel end event outside a transaction, where
BPMN does not define it (jBPM's designer draws one at a process's top level), is read as an end event
without a trigger: nothing is cancelled or compensated there. Either way each repair is one note on stderr
(:func:`lenient_notes`), with the file's line where known.
"""

from __future__ import annotations

import dataclasses

from processes.model import (
    CallActivity,
    Definitions,
    Event,
    FrozenMap,
    Gateway,
    Process,
    SequenceFlow,
    SubProcess,
    Task,
)

__all__ = ["broken_ends", "without_broken_flows", "boundary_events_to_hosts", "for_simulation", "plain_cancel_ends",
           "lenient_notes"]


def broken_ends(defs: Definitions) -> list[tuple[Process, SequenceFlow, str]]:
    """(process, flow, why) for each sequence flow an end of which is no flow node of its process."""
    owner = {node_id: p.id for p in defs.processes for node_id in p.nodes}
    found = []
    for process in defs.processes:
        for flow in process.flows.values():
            why = [f"{end} '{ref}' " + (f"is in process '{owner[ref]}'" if ref in owner else "is not in the file")
                   for end, ref in (("sourceRef", flow.source), ("targetRef", flow.target))
                   if ref not in process.nodes]
            if why:
                found.append((process, flow, " and ".join(why)))
    return found


def without_broken_flows(defs: Definitions) -> Definitions:
    """``defs`` without the sequence flows :func:`broken_ends` names (a default naming one cleared),
    each recorded in ``dropped_flows``; ``defs`` itself when there is none."""
    broken = broken_ends(defs)
    if not broken:
        return defs
    gone: dict[str, set[str]] = {}
    for process, flow, _why in broken:
        gone.setdefault(process.id, set()).add(flow.id)
    processes = []
    for process in defs.processes:
        ids = gone.get(process.id)
        if not ids:
            processes.append(process)
            continue
        nodes = {node_id: (dataclasses.replace(node, default="")
                           if isinstance(node, (Task, SubProcess, CallActivity, Gateway)) and node.default in ids
                           else node)
                 for node_id, node in process.nodes.items()}
        flows = {flow_id: flow for flow_id, flow in process.flows.items() if flow_id not in ids}
        processes.append(dataclasses.replace(process, nodes=FrozenMap(nodes), flows=FrozenMap(flows)))
    return dataclasses.replace(defs, processes=tuple(processes),
                               dropped_flows=defs.dropped_flows + tuple((f.id, why) for _p, f, why in broken))


def boundary_events_to_hosts(defs: Definitions) -> Definitions:
    """``defs`` with each boundary event whose host activity is in another process moved there
    (after its host's other nodes, in its host's scope), each recorded in ``moved_boundary_events``;
    ``defs`` itself when there is none.

    Only where nothing else ties the event to the process it is written in: no sequence flow of
    that process and no lane of it names the event. Otherwise it stays (validate and the
    commands' refusal name it).
    """
    where = {node_id: p for p in defs.processes for node_id in p.nodes}
    moves: list[tuple[Event, Process, Process]] = []
    for process in defs.processes:
        tied = {ref for f in process.flows.values() for ref in (f.source, f.target)}
        tied |= {ref for lane in process.lanes() for ref in lane.flow_node_refs}
        for node in process.nodes.values():
            if (not isinstance(node, Event) or node.position != "boundary" or not node.attached_to
                    or node.attached_to in process.nodes or node.id in tied):
                continue
            home = where.get(node.attached_to)
            if home is not None and isinstance(home.nodes[node.attached_to], (Task, SubProcess, CallActivity)):
                moves.append((node, process, home))
    if not moves:
        return defs
    leaving = {event.id for event, _from, _to in moves}
    arriving: dict[str, list[Event]] = {}
    for event, _from, home in moves:
        host = home.nodes[event.attached_to]
        arriving.setdefault(home.id, []).append(dataclasses.replace(event, parent=host.parent))
    processes = []
    for process in defs.processes:
        nodes = {node_id: node for node_id, node in process.nodes.items() if node_id not in leaving}
        nodes.update((event.id, event) for event in arriving.get(process.id, ()))
        processes.append(process if len(nodes) == len(process.nodes) and process.id not in arriving
                         else dataclasses.replace(process, nodes=FrozenMap(nodes)))
    return dataclasses.replace(defs, processes=tuple(processes), moved_boundary_events=defs.moved_boundary_events
                               + tuple((event.id, old.id, home.id) for event, old, home in moves))


def for_simulation(defs: Definitions) -> Definitions:
    """``defs`` as ``simulate --lenient`` runs it: :func:`without_broken_flows`, then :func:`plain_cancel_ends`."""
    return plain_cancel_ends(without_broken_flows(defs))


def plain_cancel_ends(defs: Definitions) -> Definitions:
    """``defs`` with each cancel end event that is not directly inside a transaction read as an end event
    without a trigger (recorded in ``plain_cancel_ends``); ``defs`` itself when there is none."""
    plain: list[str] = []
    processes = []
    for process in defs.processes:
        nodes = {}
        for node_id, node in process.nodes.items():
            container = process.nodes.get(node.parent)
            if (isinstance(node, Event) and node.position == "end" and node.trigger == "cancel"
                    and not (isinstance(container, SubProcess) and container.variant == "transaction")):
                node = dataclasses.replace(node, definitions=())
                plain.append(node_id)
            nodes[node_id] = node
        processes.append(dataclasses.replace(process, nodes=FrozenMap(nodes)) if plain else process)
    if not plain:
        return defs
    return dataclasses.replace(defs, processes=tuple(processes), plain_cancel_ends=defs.plain_cancel_ends + tuple(plain))


def lenient_notes(defs: Definitions, source: str) -> list[str]:
    """One line per repair of a lenient read of ``source``: ``FILE:LINE: read leniently: ...``."""
    lines = defs.source_lines

    def at(element_id: str) -> str:
        line = lines.get(element_id)
        return f"{source}:{line}" if line else source

    notes = [f"{at(new)}: read leniently: id '{old}' is used more than once; this repeat is read as '{new}'"
             for old, new in defs.renamed_duplicates]
    notes += [f"{at(flow.id)}: read leniently: sequence flow '{flow.id}': {why}; kept as written"
              for _process, flow, why in broken_ends(defs)]
    notes += [f"{at(flow_id)}: read leniently: sequence flow '{flow_id}': {why}; left out"
              for flow_id, why in defs.dropped_flows]
    notes += [f"{at(event_id)}: read leniently: boundary event '{event_id}' is written in process '{old}', the "
              f"activity it is attached to in process '{home}'; read as part of '{home}'"
              for event_id, old, home in defs.moved_boundary_events]
    notes += [f"{at(event_id)}: read leniently: cancel end event '{event_id}' is not inside a transaction (BPMN "
              "defines cancel only there); simulated as an end event without a trigger (nothing cancelled or "
              "compensated)" for event_id in defs.plain_cancel_ends]
    return notes
