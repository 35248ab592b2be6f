"""Everything a study is checked for before any work unit runs.

- **Profiles against models**: every entry of every point's profile names an
  element, flow or lane its process has (``elements.Task_Typo`` is refused at the
  line that wrote it: the profile file's, or the scenario's ``set:``/``sweep:``
  line, or ``--set``), and every element can be simulated
  (:func:`simulator.compiler.check_executable`).
- **Baselines that cannot mislead**: a scenario is compared with its baseline
  only when everything common random numbers need is equal — the seed, the
  replications, and for every process of the scenario (each must be simulated by
  the baseline too) the start date, horizon or number of cases, and warm-up.
  Otherwise one line names what differs and where each value was written.

Processes are paired by name: each one's random streams come from the
replication's seed and its name (:func:`simulator.joint.member_seed`), so a
scenario of Helsingborg alone pairs with a baseline of three municipalities.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache

from bpmn_io.profile_schema import split_path
from processes.errors import InputError, NotExecutableError, PermitflowError
from processes.mainprocess import left_out_note
from processes.model import Process
from processes.params import SimParams
from processes.soundness import said_per_join, waiting_joins
from processes.standins import stand_in_notes
from scenarios.study import Member, Scenario, Study, SweepPoint
from simulator.advice import profile_warnings
from simulator.compiler import check_executable, profile_problems
from simulator.traps import trap

__all__ = ["check_study", "check_baselines", "check_member", "member_warnings", "member_notes", "study_notes",
           "where"]

NEEDED = "paired differences need the same seed, replications, and per process start date, horizon or cases, warm-up"


def where(point: SweepPoint, member: Member, path: str) -> str:
    """Where the value at ``path`` of ``member``'s profile was written: ``file:line`` or the option."""
    override = point.origin_of(member.name, path)
    if override is not None:
        return str(override.origin)
    line = member.base.line(split_path(path))
    return f"{member.profile_source}:{line}" if line else member.profile_source


def check_member(point: SweepPoint, member: Member, process: Process, params: SimParams | None) -> SimParams:
    """``params``, checked: refuse a profile entry naming what ``process`` lacks (at the line
    that wrote it), or an element the engine cannot run."""
    if params is None:
        raise InputError(f"{member.name}: the profile has no simulation: section", file=member.profile_source, line=1)
    problems = profile_problems(process, params)
    if problems:
        key, message = problems[0]
        path = f"simulation.{key}"
        more = f" (and {len(problems) - 1} more such entries)" if len(problems) > 1 else ""
        override = point.origin_of(member.name, path)
        if override is not None:
            raise InputError(message + more, file=override.origin.source, line=override.origin.line, path=override.written)
        raise InputError(message + more, file=member.profile_source, line=member.base.line(split_path(path)), path=path)
    if params.cases is not None and not params.arrivals.dates and params.arrivals.per_year == 0:
        path = "simulation.arrivals.per_year"  # else the run stops later with no file or line
        message = (f"0 applications a year never give the {params.cases} cases asked for (expected a number > 0, "
                   "or a horizon instead of cases)")
        override = point.origin_of(member.name, path)
        if override is not None:
            raise InputError(message, file=override.origin.source, line=override.origin.line, path=override.written)
        raise InputError(message, file=member.profile_source, line=member.base.line(split_path(path)), path=path)
    try:
        check_executable(process, params)
    except NotExecutableError as err:
        # bad input (exit 2) at the profile's line of the first element named: its entry, or where
        # the entry it lacks belongs (``elements:``, or ``simulation:``)
        line = member.base.line(("simulation", "elements", err.elements[0])) if err.elements else None
        raise InputError(err.message, file=member.profile_source, line=line or 1) from None
    except PermitflowError as err:
        raise err.located(file=member.profile_source) from None
    stuck = trap(process, params)
    if stuck is not None:
        element, why = stuck
        path = f"simulation.elements.{element}.probabilities"
        override = point.origin_of(member.name, path)
        if override is not None:
            raise InputError(why, file=override.origin.source, line=override.origin.line, element=element)
        line = member.base.line(split_path(path)) or member.base.line(split_path(f"simulation.elements.{element}"))
        raise InputError(why, file=member.profile_source, line=line, element=element)
    return params


def member_warnings(point: SweepPoint, member: Member, process: Process, params: SimParams) -> list[str]:
    """One line per thing ``member``'s profile lets run but likely does not mean
    (:func:`simulator.advice.profile_warnings`), each at the line that wrote the entry, or where it belongs."""
    out = []
    for key, message in profile_warnings(process, params):
        path = f"simulation.{key}"
        override = point.origin_of(member.name, path)
        if override is not None:
            out.append(f"{override.origin.source}:{override.origin.line}: {override.written}: {message}")
        else:
            line = member.base.line(split_path(path)) or 1
            out.append(f"{member.profile_source}:{line}: {path}: {message}")
    return out


def member_notes(point: SweepPoint, member: Member, process: Process, params: SimParams) -> list[str]:
    """Which process runs when ``member``'s model holds several with steps (the others are left out:
    :func:`processes.mainprocess.left_out_note`), then one line per parallel join of ``member``'s model that
    waits for paths that run only in some
    cases (:func:`processes.soundness.waiting_joins`: a boundary event's, a branch of a choice; a case
    without it stops the run), then
    one per element its run simulates in place of what its model does not hold
    (:func:`processes.standins.stand_in_notes`: an empty collapsed subprocess, one step of work), at the
    model file's line of the element, with where its time is written (or that it has none)."""
    found = stand_in_notes(process, params)
    waits = waiting_joins(process)
    left_out = _left_out(member.bpmn, member.bpmn_source)
    if not found and not waits:
        return [f"{member.bpmn_source}: simulates {left_out}"] if left_out else []
    lines = _model_lines(member.bpmn_source)
    out = [f"{member.bpmn_source}: simulates {left_out}"] if left_out else []
    for join, line in said_per_join(process, waits):  # validate's optional-path-join warnings, one line a join
        at = f"{member.bpmn_source}:{lines[join]}" if join in lines else member.bpmn_source
        out.append(f"{at}: {line}; such a case stops the run (permitflow validate warns of it)")
    for element, message, key in found:
        at = f"{member.bpmn_source}:{lines[element]}" if element in lines else member.bpmn_source
        if key is None:  # (how cases share several start events: said in full)
            out.append(f"{at}: {message}")
            continue
        if key:
            time = f"its `{key}:` from {where(point, member, f'simulation.elements.{element}.{key}')}"
        else:
            time = ("the profile gives it no `duration:` or `delay:`, so it takes no time (give it a `duration:` "
                    f"under simulation.elements.{element}, as a task has)")
        out.append(f"{at}: {message}; {time}")
    return out


#: a process element's start tag, in any prefix: fewer than two and nothing is left out (no second parse)
_PROCESS_TAG = re.compile(r"<(?:[\w.-]+:)?process[\s>/]")


@lru_cache(maxsize=32)
def _left_out(bpmn: str, source: str) -> str | None:
    """:func:`processes.mainprocess.left_out_note` of the model text ``bpmn`` (None when it holds one process)."""
    if len(_PROCESS_TAG.findall(bpmn)) < 2:
        return None
    from bpmn_io.reader import parse_bpmn

    try:
        return left_out_note(parse_bpmn(bpmn.encode("utf-8"), source=source, strict=False))
    except (PermitflowError, ValueError):
        return None


def _model_lines(source: str) -> Mapping[str, int]:
    """The line of each element id in the model file ``source`` (none when it cannot be read again)."""
    from bpmn_io.loading import load_model

    try:
        return load_model(source, strict=False).source_lines
    except (PermitflowError, OSError, ValueError):
        return {}


def study_notes(study: Study, parsed: Mapping[tuple[str, int, str], tuple[Process, SimParams | None]]) -> tuple[str, ...]:
    """What every point's run simulates in place of what its model does not hold (:func:`member_notes`),
    each line once, in the order found; ``parsed`` as :func:`check_study` takes it, after that check."""
    notes: dict[str, None] = {}
    for scenario in study.scenarios:
        for p, point in enumerate(scenario.points):
            for member in point.members:
                process, sim = parsed[(scenario.name, p, member.name)]
                if sim is not None:
                    notes.update(dict.fromkeys(member_notes(point, member, process, sim)))
    return tuple(notes)


def _value(params: SimParams, key: str) -> object:
    return (params.horizon, params.cases) if key == "length" else getattr(params, key)


def _shown(point: SweepPoint, member: Member, key: str) -> str:
    """``horizon 3y (file:line)``: a run value of ``member`` as written, and where."""
    values = member.run_values()
    if key == "length":
        key = "horizon" if values["horizon"] is not None else "cases"
    return f"{key} {values[key]} ({where(point, member, f'simulation.{key}')})"


def _pairing_problem(
    scenario: Scenario, base: Scenario, parsed: Mapping[tuple[str, int, str], SimParams],
) -> str | None:
    s, b = scenario.settings, base.settings
    for key in ("seed", "replications"):
        if getattr(s, key) != getattr(b, key):
            return (f"{key} {getattr(s, key)} here ({s.origin(key)}) but {getattr(b, key)} in the baseline "
                    f"({b.origin(key)})")
    missing = [m for m in scenario.member_names if m not in base.member_names]
    if missing:
        return (f"the baseline does not simulate {', '.join(missing)} (it simulates "
                f"{', '.join(base.member_names)})")
    if len(base.points) not in (1, len(scenario.points)):
        return f"the baseline has {len(base.points)} sweep points; expected 1 or {len(scenario.points)}"
    for p, point in enumerate(scenario.points):
        bp = 0 if len(base.points) == 1 else p
        base_point = base.points[bp]
        for member in point.members:
            other = next(m for m in base_point.members if m.name == member.name)
            mine, theirs = parsed[(scenario.name, p, member.name)], parsed[(base.name, bp, member.name)]
            for key in ("start", "length", "warmup"):
                if _value(mine, key) != _value(theirs, key):
                    at = f" at {point.label}" if point.label else ""
                    return (f"{member.name}'s {_shown(point, member, key)} here{at} but "
                            f"{_shown(base_point, other, key)} in the baseline")
    return None


def check_baselines(study: Study, parsed: Mapping[tuple[str, int, str], SimParams]) -> None:
    """Refuse a baseline that is missing or cannot be paired with its scenario.

    ``parsed`` holds each point's parsed parameters by ``(scenario, point, process)``.
    """
    by_name = {s.name: s for s in study.scenarios}
    for scenario in study.scenarios:
        if scenario.baseline is None:
            continue
        line = scenario.baseline_line
        base = by_name.get(scenario.baseline)
        if base is None:
            raise InputError(
                f"baseline: '{scenario.baseline}' is not a scenario of this run, a file "
                f"'{scenario.baseline}.yaml' beside it or a shipped scenario (expected one of "
                f"{', '.join(by_name)})",
                file=scenario.source, line=line,
            )
        if base.name == scenario.name:
            raise InputError("baseline: a scenario cannot be its own baseline", file=scenario.source, line=line)
        problem = _pairing_problem(scenario, base, parsed)
        if problem:
            raise InputError(f"baseline '{base.name}' cannot be paired: {problem}; {NEEDED}",
                             file=scenario.source, line=line)


def check_study(
    study: Study, parsed: Mapping[tuple[str, int, str], tuple[Process, SimParams | None]],
) -> tuple[str, ...]:
    """Check every point's profiles against their processes, then the baselines; return the
    warnings (:func:`member_warnings`), each once, in the order found.

    ``parsed`` holds ``(process, parameters)`` by ``(scenario, point, process name)``
    (:func:`scenarios.road.prepare` parses each once and hands the same to the work units).
    """
    params: dict[tuple[str, int, str], SimParams] = {}
    warnings: dict[str, None] = {}
    for scenario in study.scenarios:
        for p, point in enumerate(scenario.points):
            for member in point.members:
                process, sim = parsed[(scenario.name, p, member.name)]
                params[(scenario.name, p, member.name)] = checked = check_member(point, member, process, sim)
                warnings.update(dict.fromkeys(member_warnings(point, member, process, checked)))
    check_baselines(study, params)
    return tuple(warnings)

