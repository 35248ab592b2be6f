"""Which model step each log activity is: the log's own element ids, a mapping file, exact names,
then the diff's matcher.

In order, for every activity of the log:

1. a **mapping file** entry (``activity: Element_Id`` or ``activity: ignore``) wins;
2. an **element column** of the log (``permitflow:element`` in XES, ``element`` in CSV, as
   permitflow's own logs have) naming a step of the model;
3. an activity whose name is exactly a step's name (case and spacing aside), when only one
   step has it, or the id of an unnamed step (permitflow's own logs name its events so);
4. the rest go to the diff's matcher (:func:`match_by_matcher`, the one place that calls
   ``processes.diff``): the log becomes a small model — one task per activity, each
   followed by its most frequent successor — and is matched against the model by label,
   position and neighbours like two drawn models are.

An activity that the mapping file, the element column or its exact name (one boundary event has it, no
step; or the id of an unnamed one) makes a **boundary event** is not fitted: the log shows when it fired, the profile's timer says
when it fires. It is kept in ``boundary`` (activity -> event id): where it fired, the activity it is
attached to was cut off (a wait its timer ended: :mod:`calibrate.core` fits such waits as censored).

What none of these maps is listed as unmapped and left out of the fit.

>>> parse_mapping(b"Registrera: Task_Reg\\nUtskick: ignore\\n", source="m.yaml", elements={"Task_Reg"})
{'Registrera': 'Task_Reg', 'Utskick': None}
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from bpmn_io.caselog import LogTable
from bpmn_io.yamlsrc import load_yaml
from processes.errors import InputError
from processes.model import Definitions, FrozenMap, Process, SequenceFlow, Task

__all__ = ["ActivityMapping", "parse_mapping", "map_activities", "match_by_matcher", "mappable_steps"]

IGNORE = "ignore"


@dataclass(frozen=True, slots=True)
class ActivityMapping:
    """Log activity -> model element id (None: ignored or unmapped), and how each was decided."""

    element: dict[str, str | None]
    how: dict[str, str]  # file | log element | name | matcher (score) | ignored | unmapped
    boundary: dict[str, str] = field(default_factory=dict)  # activity -> the boundary event it is the firing of

    @property
    def labels(self) -> dict[str, str | None]:
        """Activity -> the element whose events a simulated log names it by: its step, or the boundary event it
        is the firing of (the simulator logs a timer that fires under the timer's id, as the real log has it);
        None: ignored or unmapped. The validation compares the logs by these."""
        return {**self.element, **self.boundary}

    @property
    def unmapped(self) -> tuple[str, ...]:
        return tuple(a for a, how in self.how.items() if how == "unmapped")

    def codes(self, table: LogTable, element_index: Mapping[str, int]) -> np.ndarray:
        """For each row of ``table``, the index of its element in ``element_index`` (-1: none)."""
        per_activity = np.array([element_index.get(self.element.get(a) or "", -1) for a in table.activities]
                                or [-1], np.int64)
        return per_activity[table.activity]


def _norm(text: str) -> str:
    return " ".join(text.lower().split())


def mappable_steps(process: Process) -> dict[str, str]:
    """Step id -> name of every task, subprocess, call activity and intermediate/end event."""
    from processes.model import CallActivity, Event, SubProcess

    out = {}
    for node in process.nodes.values():
        if isinstance(node, (Task, SubProcess, CallActivity)) or (
                isinstance(node, Event) and node.position != "boundary"):
            out[node.id] = node.name
    return out


def parse_mapping(data: bytes | str, *, source: str, elements: set[str] | frozenset[str]) -> dict[str, str | None]:
    """A mapping file: ``log activity: element id`` or ``log activity: ignore``, one per line."""
    doc = load_yaml(data, source=source)
    raw = doc.data
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise InputError("a mapping file is a mapping of log activity to element id or 'ignore'", file=source,
                         line=doc.line(()))
    out: dict[str, str | None] = {}
    for activity, target in raw.items():
        line = doc.line((activity,))
        if not isinstance(target, str) or not target.strip():
            raise InputError(f"{activity!r}: {target!r} is not an element id (expected an id of the model or "
                             f"'{IGNORE}')", file=source, line=line)
        target = target.strip()
        if target == IGNORE:
            out[str(activity)] = None
        elif target not in elements:
            near = sorted(e for e in elements if e.lower().startswith(target.lower()[:6]))[:3]
            raise InputError(f"{activity!r}: the model has no element {target!r}"
                             + (f" (did you mean {', '.join(near)}?)" if near else ""), file=source, line=line)
        else:
            out[str(activity)] = target
    return out


def _follows(table: LogTable) -> Counter[tuple[int, int]]:
    same = table.case[1:] == table.case[:-1]
    pairs = zip(table.activity[:-1][same].tolist(), table.activity[1:][same].tolist(), strict=True)
    return Counter(pairs)


def match_by_matcher(defs: Definitions, activities: Sequence[str], follows: Mapping[tuple[str, str], int]
                     ) -> dict[str, tuple[str, float]]:
    """Activity -> (step id, confidence) found by the diff's matcher (see the module doc).

    The one call into ``processes.diff``: an improved matcher flows in here.
    """
    from processes.diff import diff_models

    if not activities:
        return {}
    ids = {a: f"LogActivity_{i}" for i, a in enumerate(activities)}
    nodes = {ids[a]: Task(id=ids[a], name=a, parent="LogProcess") for a in activities}
    best: dict[str, tuple[str, int]] = {}
    for (a, b), count in follows.items():
        if a in ids and b in ids and a != b and count > best.get(a, ("", 0))[1]:
            best[a] = (b, count)
    flows = {f"LogFlow_{i}": SequenceFlow(id=f"LogFlow_{i}", source=ids[a], target=ids[b])
             for i, (a, (b, _n)) in enumerate(sorted(best.items()))}
    log_defs = Definitions(processes=(Process(id="LogProcess", nodes=FrozenMap(nodes), flows=FrozenMap(flows)),))
    diff = diff_models(defs, log_defs, a_name="model", b_name="log")
    by_id = {v: k for k, v in ids.items()}
    out: dict[str, tuple[str, float]] = {}
    for match in diff.matches:
        if len(match.a) == 1:
            for b in match.b:
                if b in by_id:
                    out[by_id[b]] = (match.a[0], float(match.confidence))
    return out


def map_activities(defs: Definitions, table: LogTable, *, mapping_file: Mapping[str, str | None] | None = None
                   ) -> ActivityMapping:
    """Map every activity of ``table`` onto a step of ``defs`` (module doc: the order of the rules)."""
    process = defs.process()
    steps = mappable_steps(process)
    boundaries = {n.id: n.name for n in process.nodes.values() if getattr(n, "position", "") == "boundary"}
    by_name: dict[str, list[str]] = {}
    for sid, name in steps.items():
        if name.strip():
            by_name.setdefault(_norm(name), []).append(sid)
    boundary_by_name: dict[str, list[str]] = {}
    for bid, name in boundaries.items():
        if name.strip():
            boundary_by_name.setdefault(_norm(name), []).append(bid)
    element: dict[str, str | None] = {}
    how: dict[str, str] = {}
    fired: dict[str, str] = {}
    hinted: dict[str, Counter[str]] = {}
    if len(table.elements) > 1:
        for a, e in zip(table.activity.tolist(), table.element.tolist(), strict=True):
            if e:
                hinted.setdefault(table.activities[a], Counter())[table.elements[e]] += 1
    rest = []
    for activity in table.activities:
        named = mapping_file.get(activity) if mapping_file is not None else None
        hint = hinted.get(activity)
        same = by_name.get(_norm(activity), [])
        # an unnamed element is named by its id in permitflow's own logs (Timer_Paminnelse): the id is its name
        by_id = activity if activity in boundaries and not boundaries[activity].strip() else None
        event = named if named in boundaries else (None if mapping_file is not None and activity in mapping_file
                                                   else hint.most_common(1)[0][0] if hint else
                                                   None if same else _one(boundary_by_name.get(_norm(activity)))
                                                   or by_id)
        if event in boundaries:
            element[activity] = None  # the log shows when it fired, not the timer it waits for
            how[activity] = "ignored (a boundary event: when it fires is its timer in the profile)"
            fired[activity] = event
            continue
        if mapping_file is not None and activity in mapping_file:
            element[activity] = named
            how[activity] = "mapping file" if named else "ignored (mapping file)"
            continue
        if hint and hint.most_common(1)[0][0] in steps:
            element[activity] = hint.most_common(1)[0][0]
            how[activity] = "element id in the log"
            continue
        if len(same) == 1:
            element[activity] = same[0]
            how[activity] = "same name"
            continue
        if activity in steps and not steps[activity].strip():
            element[activity] = activity
            how[activity] = "same name (the id of an unnamed step)"
            continue
        rest.append(activity)
    if rest:
        codes = {a: i for i, a in enumerate(table.activities)}
        wanted = {codes[a] for a in rest}
        follows = {(table.activities[a], table.activities[b]): n for (a, b), n in _follows(table).items()
                   if a in wanted or b in wanted}
        taken = {e for e in element.values() if e}
        found = match_by_matcher(defs, rest, follows)
        for activity in rest:
            hit = found.get(activity)
            if hit is not None and hit[0] in steps and hit[0] not in taken:
                element[activity] = hit[0]
                how[activity] = f"matcher ({hit[1]:.2f})"
            else:
                element[activity] = None
                how[activity] = "unmapped"
    return ActivityMapping(element, how, fired)


def _one(found: list[str] | None) -> str | None:
    return found[0] if found and len(found) == 1 else None
