"""Work units of a batch: (scenario, sweep point, replication) -> figures and case rows.

:func:`plan` turns a study into :class:`simulator.runner.Job` objects whose
payload (:class:`UnitSpec`) carries everything a worker needs as plain text — the
BPMN and the resolved profile — so a job runs the same in this process, in a
process pool or on a Dask worker. :func:`run_unit` (the job's task) parses them,
simulates with the real engine and returns a small picklable :class:`UnitResult`.

Each job's key hashes the resolved inputs, the seed, the replication and the code
version, so a cache keyed by it never serves a result the current code and
inputs would not produce.
"""

from __future__ import annotations

import hashlib
import json
import math
from functools import lru_cache
from typing import Any

from bpmn_io import processstore, yamlstore
from bpmn_io.profile import Profile, parse_profile, profile_from_data
from bpmn_io.yamlsrc import dump_yaml
from processes.cachestore import code_digest
from processes.errors import InputError
from processes.frozenclass import frozen_dataclass
from processes.model import Process
from processes.params import SimParams
from scenarios.sharing import SharedPool
from scenarios.study import Scenario, Study, SweepPoint
from simulator.eventlog import to_csv, to_xes
from simulator.joint import simulate_joint
from simulator.records import SimResult
from simulator.runner import Job, replication_seeds
from simulator.stats import figures

__all__ = [
    "CASE_COLUMNS",
    "UnitSpec",
    "UnitResult",
    "UnitId",
    "MemberText",
    "point_inputs",
    "parsed_member",
    "plan",
    "run_unit",
    "unit_cost",
    "code_version",
    "PROFILE_TEXTS",
    "case_rows_of",
    "parsed_process",
    "profile_yaml_text",
]

CASE_COLUMNS = (
    "process", "case", "warmup", "submitted_day", "complete_day", "decision_day",
    "submission_to_decision_days", "complete_to_decision_days", "within_deadline", "outcome",
)


#: one process of a work unit as plain text: name, BPMN, BPMN source, profile YAML, profile source
MemberText = tuple[str, str, str, str, str]


@frozen_dataclass
class UnitSpec:
    """What a worker needs for one replication of one scenario point."""

    members: tuple[MemberText, ...]
    shared_pools: tuple[SharedPool, ...]
    seed: int
    replication: int
    eventlog: bool = False  # also return each process's event log (CSV and XES)
    case_rows: bool = True  # also return the case rows (CASE_COLUMNS); without them no record is kept


@frozen_dataclass
class UnitResult:
    """The outcome of one work unit: figures (``<process>/<figure>``), case rows and,
    when asked for, each process's event log as :mod:`simulator.eventlog` writes it:
    ``(process, CSV text, XES bytes)``."""

    figures: tuple[tuple[str, float], ...]
    cases: tuple[tuple[Any, ...], ...]
    eventlogs: tuple[tuple[str, str, bytes], ...] = ()


@frozen_dataclass
class UnitId:
    """Where a job belongs: scenario name, index of its sweep point, replication."""

    scenario: str
    point: int
    replication: int


@lru_cache(maxsize=1)
def code_version() -> str:
    """A hash of the Python source of the packages a result depends on.

    Data (BPMN, profiles, scenario files) is not part of it: the resolved inputs
    are hashed into each job's key themselves.
    """
    return code_digest()


def point_inputs(point: SweepPoint) -> tuple[MemberText, ...]:
    """The processes of ``point`` as the plain text its work units carry."""
    texts = []
    for m in point.members:
        text = profile_yaml_text(m.profile)
        if (text, m.profile_source) not in _PARSED:
            # the process that made the text has its data: build from it, not by parsing the text again
            # (the text reads back as that data: load_yaml(dump_yaml(x)).data == x)
            _remember((text, m.profile_source), _parts(profile_from_data(m.profile, source=m.profile_source)))
        texts.append((m.name, m.bpmn, m.bpmn_source, text, m.profile_source))
    return tuple(texts)


PROFILE_TEXTS: dict[str, str] = {}


def profile_yaml_text(profile: Any) -> str:
    # the YAML emitter is pure Python and slow: a warm process asking again with the same
    # resolved profile reuses the text it made before; the key is the repr of the plain data
    # (types included: 3, 3.0 and "3" differ), cheap to make in C; a new process finds the text an
    # earlier run made in the user cache (bpmn_io/yamlstore.py), so a simulation from the command
    # line loads no YAML library
    shown = repr(profile)
    text = PROFILE_TEXTS.get(shown)
    if text is None:
        if len(PROFILE_TEXTS) >= 256:
            PROFILE_TEXTS.clear()
        text = yamlstore.recall_dump(shown)
        if text is None:
            text = dump_yaml(dict(profile))
            yamlstore.keep_dump(shown, text)
        PROFILE_TEXTS[shown] = text
    return text


def _point_key(members: tuple[MemberText, ...], scenario: Scenario, version: str, case_rows: bool = True) -> str:
    text = json.dumps(
        {
            "members": [(name, hashlib.sha256(bpmn.encode()).hexdigest(), profile) for name, bpmn, _s, profile, _p in members],
            "shared": [(s.pool, s.members, s.provider) for s in scenario.shared_pools],
            "seed": scenario.seed,
            "eventlog": "eventlog" in scenario.outputs,
            "case_rows": case_rows,
            "code": version,
        },
        sort_keys=True,
        default=str,
    )
    return hashlib.sha256(text.encode()).hexdigest()


def plan(
    study: Study, *, version: str | None = None, inputs: dict[tuple[str, int], tuple[MemberText, ...]] | None = None,
    case_rows: bool = True,
) -> list[tuple[UnitId, Job]]:
    """Every work unit of ``study``, in a fixed order (scenario, point, replication).

    ``inputs``: each point's :func:`point_inputs` by ``(scenario, point)``, when already made.
    ``case_rows``: the units return their case rows (a caller that reads only the figures says
    no: the units then keep no records unless an event log is asked for, and run faster).
    """
    version = version if version is not None else code_version()
    jobs = []
    for scenario in study.scenarios:
        for p, point in enumerate(scenario.points):
            members = inputs[(scenario.name, p)] if inputs is not None else point_inputs(point)
            point_key = _point_key(members, scenario, version, case_rows)
            for r in range(scenario.replications):
                spec = UnitSpec(members, scenario.shared_pools, scenario.seed, r, "eventlog" in scenario.outputs,
                                case_rows)
                key = hashlib.sha256(f"{point_key}:{r}".encode()).hexdigest()
                jobs.append((UnitId(scenario.name, p, r), Job(key, run_unit, spec)))
    return jobs


def _days(hours: float) -> float:
    return hours / 24.0


def case_rows_of(name: str, result: SimResult, params: SimParams) -> list[tuple[Any, ...]]:
    clock = params.clock
    rows = []
    for case in result.cases:
        s2d = _days(case.decision - case.arrival)
        c2d = _days(case.decision - case.complete)
        # the figures' own test (simulator.stats.Summary.add_case) on the same hours: days times 24 can
        # differ from the hours in the last bit and turn a decision on the deadline's instant late; the
        # deadline is the case's own (LegalClock.span: in calendar months from its clock's start)
        legal = case.decision - case.complete
        within: int | str = ""  # no clock, or no time on it
        if clock is not None and not math.isnan(legal):
            within = int(legal <= clock.span(case.complete, params.start))
        rows.append((
            name, case.case, int(case.arrival < params.warmup), round(_days(case.arrival), 6),
            round(_days(case.complete), 6), round(_days(case.decision), 6),
            round(s2d, 6), round(c2d, 6), within, case.outcome,
        ))
    return rows


@lru_cache(maxsize=64)
def parsed_process(bpmn: str, source: str) -> Process:
    # a worker runs many replications of the same point: parse each text once (the model is immutable);
    # a new process finds what an earlier run parsed in the user cache, without loading the XML reader
    code = code_version()
    process = processstore.recall(bpmn, source, code)
    if process is None:
        from bpmn_io.reader import parse_bpmn

        defs = parse_bpmn(bpmn.encode("utf-8"), source=source)
        if not defs.processes:  # a collaboration of black-box pools, or a diagram alone
            raise InputError("no process to simulate (the file holds no process element; expected one with a "
                             "start event, its steps and flows)", file=source)
        process = defs.process()
        processstore.keep(bpmn, source, code, process)
    return process


#: parsed profiles by (text, source): what a unit's profile text gives, made once per process
_PARSED: dict[tuple[str, str], tuple[SimParams | None, float | None]] = {}


def _parts(profile: Profile) -> tuple[SimParams | None, float | None]:
    """(simulation parameters, application fee in kr when the facts give a number)."""
    fact = profile.facts.get("application_fee")
    value = fact.value if fact is not None else None
    fee = float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None
    return profile.simulation, fee


def _remember(key: tuple[str, str], parts: tuple[SimParams | None, float | None]) -> None:
    if len(_PARSED) >= 256:
        _PARSED.clear()
    _PARSED[key] = parts


def _parsed_profile(profile_text: str, source: str) -> tuple[SimParams | None, float | None]:
    key = (profile_text, source)
    found = _PARSED.get(key)
    if found is None:
        found = _parts(parse_profile(profile_text, source=source))
        _remember(key, found)
    return found


def parsed_member(member: MemberText) -> tuple[Process, SimParams | None, float | None]:
    """(process, simulation parameters, application fee) of one process of a unit, parsed once
    per text in this Python process (the parsed objects are immutable)."""
    name, bpmn, bpmn_source, profile_text, profile_source = member
    params, fee = _parsed_profile(profile_text, profile_source)
    return parsed_process(bpmn, bpmn_source), params, fee


def run_unit(spec: UnitSpec) -> UnitResult:
    """Simulate one replication of one scenario point with the real engine.

    Records are kept only for what needs them (the case rows, the event log); without, the
    engine's exact summary gives the same figures, to the last bit."""
    members: list[tuple[str, Process, SimParams]] = []
    fees: dict[str, float | None] = {}
    for member in spec.members:
        process, params, fees[member[0]] = parsed_member(member)
        if params is None:
            raise InputError("the profile has no simulation: section", file=member[4])
        members.append((member[0], process, params))
    seed = replication_seeds(spec.seed, spec.replication + 1)[spec.replication]
    shared = {s.pool: (s.members, s.provider) for s in spec.shared_pools}
    records = spec.case_rows or spec.eventlog
    results = simulate_joint(members, seed=seed, shared_pools=shared, keep_records=records, exact=not records)
    figs: list[tuple[str, float]] = []
    cases: list[tuple[Any, ...]] = []
    eventlogs: list[tuple[str, str, bytes]] = []
    for name, _process, params in members:
        result = results[name]
        figs += [(f"{name}/{key}", float(value)) for key, value in figures(result, fee=fees[name]).items()]
        if spec.case_rows:
            cases += case_rows_of(name, result, params)
        if spec.eventlog:
            eventlogs.append((name, to_csv(result, params.start), to_xes(result, params.start)))
    by_name = dict(figs)
    for pool in spec.shared_pools:
        # each member's utilisation of a shared pool is its share of the whole pool's time
        shares = [by_name.get(f"{member}/utilisation.{pool.pool}", math.nan) for member in pool.members]
        figs.append((f"shared {pool.pool}/utilisation.{pool.pool}", float(sum(shares))))
    return UnitResult(tuple(sorted(figs)), tuple(cases), tuple(eventlogs))


def unit_cost(spec: UnitSpec) -> float:
    """A rough estimate of one unit's work, for scheduling the largest first: the expected
    applications of each process times its number of elements (parsed texts are cached)."""
    total = 0.0
    for member in spec.members:
        process, params, _fee = parsed_member(member)
        if params is None:
            continue
        if params.cases is not None:
            cases = float(params.cases)
        elif params.arrivals.per_year is not None:
            cases = params.arrivals.per_year * (params.horizon or 0.0) / 8766.0
        else:
            cases = float(len(params.arrivals.dates))
        total += (1.0 + cases) * (1 + len(process.nodes))
    return total
