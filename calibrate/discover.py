"""Discover a process model from a case log when there is none (pm4py's inductive miner).

1. Keep the activities that matter: those occurring in at least ``min_frequency`` of
   the cases (a real municipal log has hundreds of activity codes, most of them rare).
2. pm4py's inductive miner (infrequent variant, ``noise`` threshold) gives a
   block-structured, sound BPMN model of what remains.
3. It becomes a permitflow model: one process, gateways and flows as found, ids derived
   from the names, and its steps in lanes by who did them (:func:`resource_lanes`: the
   people, or roles, the log names, grouped by the activities they do; each step in the
   lane of the group that did most of its rows), or in one lane (``Lane_Staff``) when the
   log names no one; ``bpmn_io.layout`` then draws it with Graphviz. An activity that is a timer's firing
   (:mod:`calibrate.logtimers`: it takes no time in any row and its name says so; in a completion-only log, no
   one is named for it and it follows one activity after a near-constant delay, said in a note) becomes a timer
   catch event, not a task: as a task its work was 0 hours in every row, fitted from no value (n=0), and the
   wait before it was lost. A step whose rows begin together in several cases (:mod:`calibrate.meetings`) is
   decided at meetings: :meth:`Discovery.base` makes it the profile's decision by a committee, whose meetings
   calibrate fits, not a pool of as many people as its longest agenda; one that is a system's batch job (a system
   user's, an instant no one is named for, or run every day) is not, and a note says so.

pm4py (AGPL-3.0, about 30 MB plus pandas) is the optional extra ``permitflow[logs]``
and imported only here.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import io
import re
from dataclasses import dataclass
from typing import Any

import numpy as np

from bpmn_io.caselog import LogTable, from_seconds, names_someone
from calibrate.endings import ended_cases, endings_notes
from calibrate.logtimers import completion_only_timers, timer_activities
from calibrate.meetings import batch_jobs, meeting_activity
from calibrate.waitplace import EnabledWait, enabled_waits, place_waits
from processes.errors import InputError, ModelError
from processes.extras import install_hint
from processes.model import (
    Definitions,
    Event,
    EventDefinition,
    Expression,
    FrozenMap,
    Gateway,
    Lane,
    LaneSet,
    Process,
    SequenceFlow,
    Task,
)
from processes.numbers import share

__all__ = ["Discovery", "frequent_activities", "filtered", "discover_model", "timer_activities", "LANE"]

LANE = "Lane_Staff"
PROCESS = "Process_Discovered"


@dataclass(frozen=True, slots=True)
class Discovery:
    """The discovered model, the log it was discovered from (filtered) and what was left out."""

    defs: Definitions
    table: LogTable
    kept: tuple[str, ...]
    dropped: tuple[str, ...]
    #: what the discovery read into the log that the log does not say outright (a completion-only log's timers)
    notes: tuple[str, ...] = ()
    #: the step decided at meetings (:mod:`calibrate.meetings`), by element id
    decision: str | None = None

    def base(self) -> dict[str, Any] | None:
        """The profile ``calibrate`` starts from: the step decided at meetings as the decision of a committee, whose
        meetings, agenda cut-off and lag to the minutes calibrate fits (none: calibrate starts from nothing)."""
        if self.decision is None:
            return None
        # a placeholder rule that calibrate replaces with the meetings it fits from the decision's rows
        body = {"meetings": {"rrule": "FREQ=WEEKLY"}, "agenda_cutoff": "0h"}
        return {"simulation": {"decision": {"element": self.decision, "delegation": "committee",
                                            "bodies": {"committee": body}}}}


def frequent_activities(table: LogTable, min_frequency: float) -> tuple[str, ...]:
    """Activities that occur in at least ``min_frequency`` (0..1) of the cases, most frequent first."""
    pairs = np.unique(np.stack([table.case, table.activity]), axis=1)
    per_activity = np.bincount(pairs[1], minlength=len(table.activities)) / max(table.n_cases, 1)
    order = np.argsort(-per_activity, kind="stable")
    return tuple(table.activities[i] for i in order if per_activity[i] >= min_frequency)


def filtered(table: LogTable, keep: tuple[str, ...]) -> LogTable:
    """``table`` with only the rows of the activities ``keep`` (cases left empty are dropped), knowing which
    cases ``table`` shows ended (:func:`calibrate.endings.ended_cases`): a rare withdrawal left out still ends
    its case."""
    from bpmn_io.caselog import LogRecord, table_from_records

    wanted = np.isin(table.activity, [table.activities.index(a) for a in keep])
    rows = np.flatnonzero(wanted)
    records = (LogRecord(table.case_ids[table.case[i]], table.activities[table.activity[i]], float(table.start[i]),
                         float(table.end[i]), table.resources[table.resource[i]], table.elements[table.element[i]],
                         int(table.where[i])) for i in rows)
    running = [r for r in table.in_progress if r.activity in keep]  # still in progress at the export
    small = table_from_records([*records, *running], source=table.source, notes=table.notes)
    ended = ended_cases(table)
    return dataclasses.replace(small, ended=frozenset(c for c, e in zip(table.case_ids, ended, strict=True)
                                                      if e))


def _unsound(defs: Definitions) -> list[str]:
    """What makes ``defs`` a model some cases cannot finish, one finding a line (validate's errors, a dead end
    among them, and its ``optional-path-join``: a parallel join waiting for a path that runs only in some cases);
    none of a sound model."""
    from processes.validate import check

    return [f"{p.code} at '{p.element}': {p.message}" for p in check(defs)
            if p.severity == "error" or p.code == "optional-path-join"]


def _unplaced_note(waits: tuple[EnabledWait, ...], unsound: list[str]) -> str:
    """The note of a discovery that mined ``waits`` as the other activities, as placed they made the model
    ``unsound``."""
    names = ", ".join(repr(w.activity) for w in waits)
    return (f"{names} mined as the other activities are, not placed after what enables them: so placed, the model "
            f"could not be simulated to its end ({unsound[0].split(':')[0]}) (på svenska: {names} hittas som de "
            f"andra aktiviteterna, inte placerade efter det som sätter igång dem: så placerade kunde modellen inte "
            f"simuleras till slutet)")


def _pm4py() -> Any:
    try:
        with contextlib.redirect_stderr(io.StringIO()), contextlib.redirect_stdout(io.StringIO()):
            import pm4py
    except ImportError:
        raise InputError(f"discovering a model needs pm4py: {install_hint('logs')}") from None
    return pm4py


def _ident(name: str, taken: set[str], prefix: str) -> str:
    base = prefix + (re.sub(r"[^A-Za-z0-9_]+", "_", name).strip("_")[:40] or "x")
    out, i = base, 2
    while out in taken:
        out, i = f"{base}_{i}", i + 1
    taken.add(out)
    return out


def _structural_order(bpmn: Any) -> dict[Any, tuple[str, str, str]]:
    """A sort key per node from the graph alone (pm4py names its gateways by random ids, so
    sorting by those gave other ids each run): the node's type and name, refined a few times
    with its neighbours' keys (Weisfeiler-Lehman), so that unnamed gateways are told apart by
    where they stand. Nodes still equal are symmetric: either order writes the same model."""
    succ: dict[Any, list[Any]] = {n: [] for n in bpmn.get_nodes()}
    pred: dict[Any, list[Any]] = {n: [] for n in bpmn.get_nodes()}
    for flow in bpmn.get_flows():
        succ[flow.get_source()].append(flow.get_target())
        pred[flow.get_target()].append(flow.get_source())
    base = {n: (type(n).__name__, (n.get_name() or "").strip()) for n in succ}
    key = {n: repr(base[n]) for n in succ}
    for _ in range(8):
        key = {n: hashlib.sha1(repr((key[n], sorted(key[m] for m in succ[n]), sorted(key[m] for m in pred[n])))
                               .encode()).hexdigest() for n in succ}
    return {n: (*base[n], key[n]) for n in succ}


def _timer_durations(defs: Definitions, table: LogTable) -> dict[str, str]:
    """Each timer event of ``defs`` (by name) with its ISO 8601 duration: the median time from its enabling in
    the model (the latest completion of a step before it, as calibrate counts it) to its firing."""
    from calibrate.mapping import map_activities
    from calibrate.observe import observe

    process = defs.process()
    obs = observe(process, table, map_activities(defs, table))
    out = {}
    for node in process.nodes.values():
        if isinstance(node, Event) and node.position == "intermediate_catch":
            rows = obs.rows(node.id)
            waits = table.end[rows] - obs.enabled[rows]
            waits = waits[np.isfinite(waits)]
            out[node.name] = _iso_duration(float(np.median(waits)) if waits.size else 0.0)
    return out


def _iso_duration(seconds: float) -> str:
    """``seconds`` to the minute as an ISO 8601 duration: ``P13DT4H30M``, ``P1D``, ``PT0M``."""
    days, rest = divmod(int(round(seconds / 60.0)), 24 * 60)
    hours, minutes = divmod(rest, 60)
    clock = (f"{hours}H" if hours else "") + (f"{minutes}M" if minutes or not (days or hours) else "")
    return "P" + (f"{days}D" if days else "") + (f"T{clock}" if clock else "")


#: two people (or roles) are in one group when the shares of their rows over the activities correlate at least
#: this much (Pearson): they do the same kind of work (Song and van der Aalst's organisational mining, as Simod's
#: resource pools)
SAME_WORK = 0.7
#: the lane of the steps no row names anyone for
NOBODY_LANE = "Not named in the log"


def resource_lanes(table: LogTable) -> dict[str, str]:
    """Each activity's lane name by who did it; empty when the log names no one (one lane).

    The people (or roles) the log names are grouped by the work they do: two are in one group when the shares
    of their rows over the activities correlate by :data:`SAME_WORK` or more (joined transitively). Each
    activity goes to the group that did most of its rows, named by its members, most rows first ("officer";
    "560872, 2670601 and 3 more"); an activity no row names anyone for goes to :data:`NOBODY_LANE`. Two lanes whose
    rows the same person does 1 % or more of are one lane (calibrate makes a lane a pool of the people it names:
    two pools would count that person twice); when that leaves one lane of people, the model has one lane, as
    when the log names no one."""
    named = names_someone(table.resources)
    if not named[table.resource].any():
        return {}
    people = np.flatnonzero(named)
    counts = np.zeros((people.size, len(table.activities)))
    row_of = np.full(len(table.resources), -1)
    row_of[people] = np.arange(people.size)
    done_by = row_of[table.resource]
    np.add.at(counts, (done_by[done_by >= 0], table.activity[done_by >= 0]), 1)
    shares = counts / counts.sum(axis=1, keepdims=True)
    with np.errstate(invalid="ignore", divide="ignore"):
        similar = np.nan_to_num(np.corrcoef(shares)) >= SAME_WORK if people.size > 1 else np.ones((1, 1), bool)
    group = np.arange(people.size)
    for _ in range(people.size):  # joined transitively: each takes the least group id among its similar ones
        joined = np.where(similar, group[None, :], people.size).min(axis=1)
        if (joined == group).all():
            break
        group = joined
    # each activity to the group that did most of its rows
    per_group = np.stack([np.bincount(group, weights=counts[:, a], minlength=people.size)
                          for a in range(len(table.activities))])
    lane = np.where(per_group.max(axis=1) > 0, per_group.argmax(axis=1), -1)
    # lanes whose work the same people do (each counting whoever did 1 % of its rows, as calibrate counts a
    # pool's people) are one lane: otherwise each lane's pool would count those people again
    for _ in range(people.size):
        doing = {int(g): set(np.flatnonzero(counts[:, lane == g].sum(axis=1) >= 0.01 * counts[:, lane == g].sum()))
                 for g in np.unique(lane[lane >= 0])}
        shared = next(((a, b) for a in doing for b in doing if a < b and doing[a] & doing[b]), None)
        if shared is None:
            break
        group[group == shared[1]], lane[lane == shared[1]] = shared[0], shared[0]
    if np.unique(lane[lane >= 0]).size < 2:  # the same people do all the work: one lane, as without names
        return {}
    rows_by = counts.sum(axis=1)
    names: dict[int, str] = {}
    for g in np.unique(group):
        members = [table.resources[people[i]] for i in sorted(np.flatnonzero(group == g), key=lambda i: -rows_by[i])]
        names[int(g)] = ", ".join(members[:2]) + (f" and {len(members) - 2} more" if len(members) > 2 else "") \
            if len(members) > 2 else " and ".join(members)
    return {activity: names[int(g)] if g >= 0 else NOBODY_LANE for activity, g in zip(table.activities, lane,
                                                                                         strict=True)}


def _lanes(nodes: dict[str, Any], flows: dict[str, SequenceFlow], by_name: dict[str, str]) -> tuple[Lane, ...]:
    """The lanes of the converted ``nodes``: a step in its activity's lane (``by_name``), an event or gateway in
    the lane of the step before it (else after it), so a branch is drawn beside its steps; one lane without
    ``by_name``."""
    if not by_name:
        return (Lane(id=LANE, name="Staff", flow_node_refs=tuple(nodes)),)
    lane = {nid: by_name[n.name] for nid, n in nodes.items() if n.name in by_name}
    before: dict[str, list[str]] = {nid: [] for nid in nodes}
    after: dict[str, list[str]] = {nid: [] for nid in nodes}
    for f in flows.values():
        before[f.target].append(f.source)
        after[f.source].append(f.target)
    for near in (before, after):
        changed = True
        while changed:
            changed = False
            for nid in nodes:
                if nid not in lane:
                    found = next((lane[m] for m in sorted(near[nid]) if m in lane), None)
                    if found is not None:
                        lane[nid], changed = found, True
    first = next(iter(by_name.values()))
    taken: set[str] = set()
    order = sorted(set(lane.values()) | {first}, key=lambda name: (name == NOBODY_LANE, name))
    return tuple(Lane(id=_ident(name, taken, "Lane_"), name=name,
                      flow_node_refs=tuple(nid for nid in nodes if lane.get(nid, first) == name))
                 for name in order)


def _convert(bpmn: Any, timers: dict[str, str] | None = None, lanes: dict[str, str] | None = None) -> Definitions:
    """pm4py's BPMN as a permitflow model; ``timers``: the activities that become timer events (name -> duration);
    ``lanes``: each activity's lane (:func:`resource_lanes`; none: one lane)."""
    from pm4py.objects.bpmn.obj import BPMN

    taken: set[str] = set()
    ids: dict[Any, str] = {}
    nodes: dict[str, Any] = {}
    order = _structural_order(bpmn)
    for node in sorted(bpmn.get_nodes(), key=lambda n: order[n]):
        name = (node.get_name() or "").strip()
        if isinstance(node, BPMN.Task) and name in (timers or {}):  # a timer's firing: it waits, no one works
            nid = _ident(name, taken, "Event_")
            timer = Expression(text=(timers or {})[name], xsi_type="tFormalExpression")
            nodes[nid] = Event(id=nid, name=name, position="intermediate_catch", parent=PROCESS,
                               definitions=(EventDefinition(kind="timer", timer_kind="timeDuration", timer=timer),))
        elif isinstance(node, BPMN.Task):
            nid = _ident(name, taken, "Task_")
            nodes[nid] = Task(id=nid, name=name, parent=PROCESS)
        elif isinstance(node, BPMN.StartEvent):
            nid = _ident("Start", taken, "Event_")
            nodes[nid] = Event(id=nid, name="", position="start", parent=PROCESS)
        elif isinstance(node, BPMN.EndEvent):
            nid = _ident("End", taken, "Event_")
            nodes[nid] = Event(id=nid, name="", position="end", parent=PROCESS)
        elif isinstance(node, BPMN.Gateway):
            kind = ("parallel" if isinstance(node, BPMN.ParallelGateway)
                    else "inclusive" if isinstance(node, BPMN.InclusiveGateway) else "exclusive")
            nid = _ident(kind.title(), taken, "Gw_")
            nodes[nid] = Gateway(id=nid, gateway_kind=kind, parent=PROCESS)
        else:
            raise InputError(f"pm4py gave a {type(node).__name__}, which the conversion does not know")
        ids[node] = nid
    flows: dict[str, SequenceFlow] = {}
    for flow in sorted(bpmn.get_flows(), key=lambda f: (ids[f.get_source()], ids[f.get_target()])):
        fid = _ident(f"{ids[flow.get_source()]}_{ids[flow.get_target()]}", taken, "Flow_")
        flows[fid] = SequenceFlow(id=fid, source=ids[flow.get_source()], target=ids[flow.get_target()])
    process = Process(id=PROCESS, name="Discovered from the case log", is_executable=False,
                      nodes=FrozenMap(nodes), flows=FrozenMap(flows),
                      lane_sets=(LaneSet(id="LaneSet_Discovered", lanes=_lanes(nodes, flows, lanes or {}),
                                         parent=PROCESS),))
    return Definitions(id="Definitions_Discovered", processes=(process,))


def discover_model(table: LogTable, *, min_frequency: float = 0.1, noise: float = 0.2,
                   by_who: bool = True) -> Discovery:
    """The model of ``table``'s frequent activities (see the module doc), laid out by Graphviz; ``by_who``
    False: every step in one lane, whoever did it (what ``discover --validate`` compares the lanes with)."""
    pm4py = _pm4py()  # first: pandas comes with it, and a missing extra is said in one line
    import pandas as pd

    from bpmn_io.layout import add_layout

    keep = frequent_activities(table, min_frequency)
    if not keep:
        raise InputError(f"no activity occurs in {share(min_frequency, 'en')} of the cases (lower --min-frequency)",
                         file=table.source)
    small = filtered(table, keep)
    waits = enabled_waits(small)  # mined without them, then placed after what enables them (a note each)

    def mined(waits: tuple[EnabledWait, ...]) -> Any:
        rows = ~np.isin(small.activity, [small.activities.index(w.activity) for w in waits])
        frame = pd.DataFrame({
            "case:concept:name": [small.case_ids[c] for c in small.case[rows]],
            "concept:name": [small.activities[a] for a in small.activity[rows]],
            "time:timestamp": pd.to_datetime([from_seconds(t) for t in small.end[rows]]),
        })
        with contextlib.redirect_stderr(io.StringIO()):
            return pm4py.convert_to_bpmn(place_waits(pm4py.discover_process_tree_inductive(
                frame, noise_threshold=noise), waits))

    bpmn = mined(waits)
    unsound = _unsound(_convert(bpmn))
    fallback: tuple[str, ...] = ()
    if unsound and waits:  # never a model some cases cannot finish: the miner's own (block-structured) model
        fallback, waits = (_unplaced_note(waits, unsound),), ()
        bpmn = mined(waits)
        unsound = _unsound(_convert(bpmn))
    if unsound:
        raise ModelError(f"the model discovered from the log cannot be simulated to its end: {unsound[0]} (a "
                         "defect of the discovery: please report it with the log)", file=table.source)
    found = completion_only_timers(small)  # a completion-only log shows no instant: the timing tells, said in a note
    timers = dict.fromkeys((*timer_activities(small), *(t.activity for t in found)), "PT0M")
    lanes = resource_lanes(small) if by_who else {}
    defs = _convert(bpmn, timers, lanes)
    if timers:  # their durations need the model's enabling: converted again with them
        defs = _convert(bpmn, _timer_durations(defs, small), lanes)
    defs = add_layout(defs)
    dropped = tuple(a for a in table.activities if a not in set(keep))
    meeting = meeting_activity(small)  # a committee's decisions: a wait for its meetings, said in a note
    decision = next((nid for nid, n in defs.process().nodes.items()
                     if meeting is not None and isinstance(n, Task) and n.name == meeting.activity), None)
    notes = (*endings_notes(table), *(t.note() for t in found), *(w.note() for w in waits), *fallback,
             *((meeting.note(),) if meeting is not None and decision else ()), *(j.note() for j in batch_jobs(small)))
    return Discovery(defs, small, keep, dropped, notes, decision)
