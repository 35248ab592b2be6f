"""A profile to fill in for a model of one's own (``permitflow convert MODEL profile.yaml --to profile``).

A process developer who drew a model in a modelling tool has element ids the tool chose
(``Activity_1regans``); the profile keys every simulation parameter by those ids. This writes
the profile with every key the simulator needs already in place and a placeholder value, so
that it simulates as written and each value can be replaced by the municipality's own:

* a standard loop its tool wrote without a most at most 3 rounds, a multi-instance activity
  without a whole-number count 2 instances;
* an office calendar (the library's hours, Swedish holidays, a half-staffed July);
* a pool per lane with tasks, the lane with the most tasks named ``officer`` (the name the
  web page's levers change), one member at full time;
* every task 1 hour of work (``duration:``), and every call activity (the process it calls taken as one
  step of work, as a task, not run inside) and every subprocess written with nothing inside (one step
  likewise, :mod:`processes.standins`; a comment above its entry says so), every wait for another party (a receive
  task, a message catch or boundary event, a timer without a time), every conditional catch or boundary event
  (the time until its condition comes true) and every escalation boundary event on a task, call activity or
  empty subprocess (when the escalation comes; a comment says so for these two), every signal catch or
  boundary event (when the signal comes) and every message, signal, conditional or escalation start event of
  an event subprocess, and error start event of an interrupting one, that no error end event (escalation throw
  or end event) of its scope (or of a subprocess inside it) throws to (:func:`processes.standins.armed_starts`; when its trigger comes, in half the cases: ``share: 0.5``; a comment
  says so) 2 weeks (``delay:``), except a wait that races after an event-based gateway: an exponential time
  with the mean of the race's timer (its own time, else its placeholder), so that neither always wins
  (:func:`_raced`; a comment says so), every exclusive or inclusive choice with equal shares
  (``probabilities:``), several top-level start events equal shares of the cases (``share:``), and an error
  boundary event on a task, call activity or empty subprocess an equal share, with the step's success, of
  the step's runs that end in its error (``share:``); each with the step's name as its ``note:``;
* when a task's lane or name says a committee decides ("nämnd", "utskott", "committee",
  "board"), that task as the decision step, taken by a committee meeting monthly (third
  Tuesday, not in July, agenda closing two weeks before), the case officer as another level;
* 25 applications a year over one year from 2025-01-01 (``DEFAULT_START``, the library profiles'
  start; ``convert --start`` gives another), with 8 weeks of warm-up.

There is no legal clock (where it starts and stops is the developer's to say) and no outcomes.
A top-level ``assumption:`` says that every value is a placeholder; no ``municipality:`` (the model's
name is no municipality's): a comment above says to add it.

>>> from processes.model import Definitions
>>> profile_skeleton(Definitions()).document["simulation"]["arrivals"]
{'per_year': 25}
"""

from __future__ import annotations

import datetime as dt
import math
import re
import textwrap
import unicodedata
from collections.abc import Mapping
from typing import Any

from processes.durations import format_duration, parse_duration
from processes.model import (
    CallActivity,
    Definitions,
    Event,
    Gateway,
    MultiInstance,
    Process,
    StandardLoop,
    SubProcess,
    Task,
)
from processes.standins import (
    ERROR_BOUNDARY,
    STAND_IN,
    approximation,
    armed_starts,
    black_box_errors,
    black_box_escalations,
    empty_subprocesses,
    top_starts,
)
from processes.stepnames import step_said
from processes.wording import counted, listed

from ..yamlsrc import dump_yaml, load_yaml
from .bpsim_values import iso_hours
from .common import Converted, normalised

__all__ = ["profile_skeleton", "profile_yaml", "PLACEHOLDER", "DEFAULT_START"]

PLACEHOLDER = ("written by permitflow convert --to profile: every value is a placeholder to replace with the "
               "municipality's own (docs/profile.md says what each key means)")
_OFFICE = {
    "hours": {"mon": "08:00-16:30", "tue": "08:00-16:30", "wed": "08:00-16:30", "thu": "08:00-16:30",
              "fri": "08:00-15:00"},
    "holidays": "SE",
    "closures": [{"from": "07-01", "to": "07-31", "capacity": 0.5}],
}
#: words in a lane's or a task's name that say a committee decides there
_COMMITTEE = re.compile(r"nämnd|namnd|utskott|committee|board|council|styrelse", re.IGNORECASE)
_DECIDES = re.compile(r"^\s*(beslut|besluta|fatta beslut|decide|decision)", re.IGNORECASE)
_WORK, _WAIT = "1h", "2w"
#: an ISO 8601 duration, date-time or repetition, as a timer's text (not an expression such as ${days})
_ISO = re.compile(r"^(P|R\d*/|\d{4}-\d\d-\d\d)")


def _slug(text: str) -> str:
    """A pool name from a lane's name: ASCII letters, digits and ``_`` (``Socialnämnden`` -> ``socialnamnden``)."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", "_", plain).strip("_") or "staff"


def _named(node: Any) -> dict[str, Any]:
    return {"note": node.name} if node.name else {}


def _decision(process: Process) -> Task | None:
    """The task a committee decides: in a lane whose name says so, or named so itself."""
    tasks = [n for n in process.nodes.values() if isinstance(n, Task)]
    for task in tasks:
        lane = process.lane_of(task.id)
        if lane is not None and _COMMITTEE.search(lane.name or ""):
            return task
    return next((t for t in tasks if _COMMITTEE.search(t.name or "") and _DECIDES.search(t.name or "")), None)


def _waits(node: Any) -> bool:
    """Does ``node`` wait for another party (its time is a calendar ``delay:``)?"""
    if isinstance(node, Task):
        return node.task_type == "receiveTask"
    if isinstance(node, Event) and node.position in ("intermediate_catch", "boundary"):
        if node.trigger in ("message", "conditional", "signal"):  # conditional: until its condition comes true
            return True
        if node.trigger == "timer":  # a timer its tool left without a time, or with an expression
            timer = node.definitions[0].timer
            return not _ISO.match(timer.text.strip() if timer is not None else "")
    return False


def _timer_hours(timer: Event) -> float:
    """A timer's hours in a race: its own timeDuration (ISO 8601), else the placeholder it is given (2 weeks)."""
    definition = timer.definitions[0]
    text = definition.timer.text if definition.timer is not None and definition.timer_kind == "timeDuration" else ""
    hours = iso_hours(text) if text else None
    return hours if hours is not None else parse_duration(_WAIT)


def _raced(process: Process) -> dict[str, tuple[str, str]]:
    """Each wait for another party after an event-based gateway with another catch beside it: the mean of its
    exponential placeholder and what its comment says. A fixed placeholder equal to the others' would tie and
    the first in the file would always win; an exponential time with the mean of the race's (shortest) timer
    lets each win in a share of the cases (the timer first in e^-k of them, k waits beside it: 37% beside one), as
    a mean of 2 weeks does
    among waits without a timer."""
    raced: dict[str, tuple[str, str]] = {}
    for gateway in process.nodes.values():
        if not (isinstance(gateway, Gateway) and gateway.gateway_kind == "eventBased"):
            continue
        after = [process.nodes[f.target] for f in process.outgoing(gateway.id) if f.target in process.nodes]
        timers = [n for n in after if isinstance(n, Event) and n.trigger == "timer"]
        waits = [n for n in after if _waits(n) and n not in timers]
        if not waits or len(after) < 2:
            continue
        race = f"it races the other catches of {step_said(gateway.id, gateway.name)}"
        if timers:
            timer = min(timers, key=_timer_hours)
            mean = format_duration(_timer_hours(timer))
            first = round(100 * math.exp(-len(waits)))  # each wait comes after the timer with probability e^-1
            said = (f"{race}: an exponential time with the mean of timer {step_said(timer.id, timer.name)} ({mean}), "
                    f"so that it does not tie with it and each wins in a share of the cases (the timer about {first}%)")
        else:
            mean = _WAIT
            said = f"{race}: an exponential time with mean {mean}, so that each wins in a share of the cases"
        for node in waits:
            raced[node.id] = (mean, f"{said}; a placeholder")
    return raced


def _works(node: Any, empty: frozenset[str]) -> bool:
    """Is ``node`` a step of work (``duration:``): a task that does not wait, a call activity (the
    engine runs it as one step, not the process it calls), or a subprocess with nothing inside, one of
    ``empty`` (the same: its steps are not in the file)?"""
    return (isinstance(node, Task) and not _waits(node)) or isinstance(node, CallActivity) or node.id in empty


def _loop(node: Any) -> dict[str, Any]:
    """What a loop marker needs that its tool did not write: a most for a standard loop, a count for a
    multi-instance activity."""
    loop = getattr(node, "loop", None)
    if isinstance(loop, StandardLoop) and not loop.loop_maximum:
        return {"loop": {"max": 3}}
    if isinstance(loop, MultiInstance) and not (loop.cardinality is not None
                                                and loop.cardinality.text.strip().isdigit()):
        return {"cardinality": 2}
    return {}


def _title(defs: Definitions, process: Process) -> str:
    for collaboration in defs.collaborations:
        for pool in collaboration.participants:
            if pool.process_ref == process.id and pool.name:
                return pool.name
    return process.name or process.id


#: the simulation's start in a profile to fill in: the library profiles' (the same holidays and weekdays as
#: their runs), never the current year's, so that the same model gives the same profile in any year
DEFAULT_START = dt.date(2025, 1, 1)


#: the name of a pool whose steps no lane or pool names (bpmn_io.profile.pool_names)
_STAFF = {"en": "the staff", "sv": "personalen"}


def profile_skeleton(defs: Definitions, *, start: dt.date = DEFAULT_START) -> Converted:
    """The profile document to fill in for ``defs``'s process, starting on ``start``, and what it guessed,
    one line each."""
    process = defs.process() if defs.processes else Process("Process")
    decision = _decision(process)
    empty_ids = frozenset(s.id for s in empty_subprocesses(process))
    counts: dict[str, int] = {}
    for node in process.nodes.values():
        lane = process.lane_of(node.id)
        if _works(node, empty_ids) and node is not decision and lane is not None:
            counts[lane.id] = counts.get(lane.id, 0) + 1
    lanes = {lane.id: lane for lane in process.lanes()}
    pools: dict[str, Any] = {}
    names: dict[str, str] = {}
    for lane_id in sorted(counts, key=lambda k: -counts[k]):  # stable: document order among equals
        name = "officer" if not pools else _slug(lanes[lane_id].name or lane_id)
        while name in pools:
            name += "_2"
        names[lane_id] = name
        # the id "officer" is what the what-if page's levers move; a person reads the lane's own name (found by QA:
        # simulate called Camunda C.4.0's "HR Department" lane "the case officers")
        shown = " ".join((lanes[lane_id].name or "").split())
        pools[name] = {**({"name": shown} if shown else {}), "count": 1, "fte": 1.0, "calendar": "office",
                       "lanes": [lane_id]}
    unlaned = [n for n in process.nodes.values() if _works(n, empty_ids) and n is not decision
               and process.lane_of(n.id) is None]
    if unlaned and "officer" not in pools:
        # no lane to name the staff: its pool's name (Cardanit C.2.0: "Credit Card Company"), else plain words, not
        # "the case officers" (found by QA, qadev2)
        pool = next((" ".join(p.name.split()) for p in defs.participants() if p.process_ref == process.id
                     and p.name.strip()), "")
        pools["officer"] = {"name": pool or dict(_STAFF), "count": 1, "fte": 1.0, "calendar": "office", "lanes": []}
    elements: dict[str, Any] = {}
    works = calls = waits = choices = 0
    empty: list[SubProcess] = []
    conditional: list[Event] = []
    escalations: list[Event] = []
    escalated = {e.id for e in black_box_escalations(process)}  # fired after a delay: (processes.standins)
    armed = {e.id for e in armed_starts(process)}  # an event subprocess's trigger: a delay: and a share:
    starts = {e.id: e for e in top_starts(process)}
    failing: dict[str, list[Event]] = {}  # a black box's error boundary events: equal shares with its success
    for event in black_box_errors(process):
        failing.setdefault(event.attached_to, []).append(event)
    errors = {e.id: round(1.0 / (len(on) + 1), 12) for on in failing.values() for e in on}
    raced = _raced(process)
    for node in process.nodes.values():
        if node.id in errors:
            elements[node.id] = {"share": errors[node.id], **_named(node)}
        elif node.id in starts:  # several top-level start events: equal shares of the cases
            elements[node.id] = {"share": round(1.0 / len(starts), 12), **_named(node)}
        elif node.id in armed:
            elements[node.id] = {"delay": _WAIT, "share": 0.5, **_named(node)}
            conditional.append(node)  # type: ignore[arg-type]  # (an Event: armed_starts)
        elif _waits(node) or node.id in escalated:
            wait: Any = {"dist": "exponential", "mean": raced[node.id][0]} if node.id in raced else _WAIT
            elements[node.id] = {"delay": wait, **_named(node)}
            if node.id in escalated:
                escalations.append(node)  # type: ignore[arg-type]  # (an Event: black_box_escalations)
            elif isinstance(node, Event) and node.trigger in ("conditional", "signal"):
                conditional.append(node)
            else:
                waits += 1
        elif _works(node, empty_ids) and node is not decision:
            entry: dict[str, Any] = {"duration": _WORK, **_loop(node)}
            if process.lane_of(node.id) is None:
                entry["pool"] = "officer"
            elements[node.id] = {**entry, **_named(node)}
            if isinstance(node, CallActivity):
                calls += 1
            elif isinstance(node, SubProcess):
                empty.append(node)
            else:
                works += 1
        elif isinstance(node, SubProcess) and _loop(node):
            elements[node.id] = {**_loop(node), **_named(node)}
        elif isinstance(node, Gateway) and node.gateway_kind in ("exclusive", "inclusive"):
            flows = [f.id for f in process.outgoing(node.id)]
            if len(flows) > 1:
                shares = normalised({f: 1.0 for f in flows}, float(len(flows)))
                elements[node.id] = {"probabilities": {f: round(shares[f], 12) for f in flows}, **_named(node)}
                choices += 1
    sim: dict[str, Any] = {"start": start, "horizon": "1y",
                           "warmup": "8w", "calendars": {"office": _OFFICE}}
    if pools:
        sim["pools"] = pools
    sim["arrivals"] = {"per_year": 25}
    if elements:
        sim["elements"] = elements
    others = _others_said(conditional, armed, escalations)
    notes = [_placeholders_said(works, calls, len(empty), waits, others, choices, pools)]
    if decision is not None:
        sim["decision"] = {
            "element": decision.id,
            "delegation": "committee",
            "bodies": {
                "committee": {"meetings": {"rrule": "FREQ=MONTHLY;BYDAY=TU;BYSETPOS=3", "except_months": [7]},
                              "agenda_cutoff": "2w"},
                **({"officer": {"pool": "officer", "duration": _WORK}} if "officer" in pools else {}),
            },
        }
        lane = process.lane_of(decision.id)
        notes.append(step_said(decision.id, decision.name)
                     + (f" in lane {step_said(lane.id, lane.name)}" if lane is not None else "")
                     + " taken as the decision step, a committee meeting monthly: check it")
    else:
        # where the key goes, said: a first profile's clock: written at the top was refused (found by QA, qawalk)
        notes.append("no decision step found (no lane or task names a committee): where a committee or manager "
                     "decides, add decision: under simulation: (docs/profile.md)")
    notes.append("no legal clock: add clock: {start: ..., stop: ..., deadline: 4mo} under simulation: for the "
                 "share within 4 months")
    comments: tuple[tuple[tuple[str, ...], str], ...]
    comments = tuple((("simulation", "elements", sub.id), f"{step_said(sub.id, sub.name)}: {STAND_IN}; its "
                      f"{_WORK} is a placeholder for the work of the steps it stands for") for sub in empty)
    comments += tuple((("simulation", "elements", event.id), f"{step_said(event.id, event.name)}: "
                       f"{approximation(event, process)}; "
                       + (f"its `delay:`: {raced[event.id][1]}" if event.id in raced else f"its {_WAIT}"
                          + (" and its share 0.5 are placeholders" if event.id in armed else " is a placeholder")))
                      for event in conditional + escalations)
    explained = {event.id for event in conditional + escalations}
    comments += tuple((("simulation", "elements", e), f"{step_said(e, process.nodes[e].name)}: {said}")
                      for e, (_mean, said) in raced.items() if e not in explained)
    if raced:
        races = "races" if len(raced) == 1 else "race"
        notes.insert(1, f"{len(raced)} of those waits {races} other catches after an event-based gateway: "
                        "an exponential time whose mean is the race's timer's time, so that no way is always "
                        "taken")
    if errors:
        notes.insert(1, f"{counted(len(errors), 'error boundary event')} on a step whose inside is not in "
                        "the file: the step ends in that error in an equal share of its runs (`share:`)")
        comments += tuple((("simulation", "elements", e), f"{step_said(e, process.nodes[e].name)}: "
                           f"{ERROR_BOUNDARY}; its {errors[e]} is a placeholder") for e in errors)
    if starts:
        first = next(iter(starts.values()))
        comments += ((("simulation", "elements", first.id), f"{len(starts)} top-level start events: each case arrives "
                       "at one of them, by its `share:` (the shares sum to 1); equal shares are a placeholder"),)
        notes.insert(1, f"{len(starts)} top-level start events ({', '.join(starts)}): equal shares of the cases")
    # no municipality: the model's name is no municipality's, and a report listed "Municipalities:
    # Tillfälligt serveringstillstånd" (found by QA, qawords); left for the person to fill, said where it goes
    comments = ((("assumption",), f"municipality: the municipality's name, to fill in (this model is "
                 f"{_title(defs, process)!r}); until then a report names the model, not a municipality"),
                *comments)
    return Converted({"assumption": PLACEHOLDER, "simulation": sim}, tuple(notes), comments)


#: the waits other than for another party, by kind: the noun (one, many) and what their 2 weeks stand for
_OTHER_WAITS = {"conditional": ("conditional event", "the time until the condition comes true"),
                "signal": ("signal event", "when the signal comes"),
                "armed": ("event subprocess start event", "when the trigger comes, in half the cases"),
                "escalation": ("escalation boundary event", "when the escalation comes")}


def _others_said(conditional: list[Event], armed: Any, escalations: list[Event]) -> list[str]:
    """The waits other than for another party, counted by kind ("2 conditional events (the time ...)")."""
    kinds = ["armed" if e.id in armed else e.trigger for e in conditional] + ["escalation"] * len(escalations)
    return [f"{counted(kinds.count(k), noun)} ({meaning})" for k, (noun, meaning) in _OTHER_WAITS.items()
            if k in kinds]


def _placeholders_said(works: int, calls: int, empty: int, waits: int, others: list[str], choices: int,
                       pools: Mapping[str, Any]) -> str:
    """The first note on a profile to fill in: which placeholders it holds, said as a person would: only what
    the model has, each count with its noun in the singular or plural (found by QA, qawords: "0 wait(s) for
    another party 2 weeks"). English, as every note of ``convert --to profile`` is.

    >>> _placeholders_said(8, 0, 0, 1, [], 0, {})
    'placeholders to replace: 1 hour of work for 8 tasks, 2 weeks for 1 wait for another party'
    """
    steps = [counted(works, "task")] if works else []
    if calls:
        steps.append(counted(calls, "call activity", "call activities") + " (the process called as one step)")
    if empty:
        steps.append(counted(empty, "empty subprocess", "empty subprocesses")
                     + " (nothing drawn inside: one step)")
    waited = ([counted(waits, "wait") + " for another party"] if waits else []) + others
    parts = ([f"1 hour of work for {listed(steps)}"] if steps else []) + (
        [f"2 weeks for {listed(waited)}"] if waited else [])
    if choices:
        parts.append(f"equal shares for {counted(choices, 'choice')}")
    if pools:
        parts.append(f"{counted(len(pools), 'pool')} of one person ({', '.join(pools)})")
    return "placeholders to replace: " + ", ".join(parts)


def profile_yaml(converted: Converted, header: str) -> str:
    """The YAML text of ``converted``'s profile: ``header`` as its first comment line, and each of its
    ``comments`` as comment lines (wrapped at 100 characters) above the key it is about."""
    text = dump_yaml(converted.document)
    lines = text.splitlines(keepends=True)
    doc = load_yaml(text)
    placed = sorted(((doc.lines[path], comment) for path, comment in converted.comments if path in doc.lines),
                    reverse=True)
    for line, comment in placed:  # from the last, so that the earlier lines keep their numbers
        target = lines[line - 1]
        indent = target[:len(target) - len(target.lstrip(" "))]
        wrapped = textwrap.wrap(" ".join(comment.split()), width=max(40, 100 - len(indent) - 2))
        lines[line - 1:line - 1] = [f"{indent}# {part}\n" for part in wrapped]
    return f"# {header}\n" + "".join(lines)
