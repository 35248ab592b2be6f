"""The one road from a study to its results: every simulation permitflow runs takes it.

``permitflow run`` (scenario and study files), ``permitflow simulate`` (a
one-scenario study made from its options, :mod:`scenarios.options`) and any
program that asks what-if questions (a web app, an uncertainty run, a goal
seek) go the same way, so the same inputs and seed give byte-identical figures
whichever asks::

    from scenarios.loader import read_any
    from scenarios.road import prepare, execute

    plan = prepare(read_any(["scenarios/e-service.yaml"]))   # everything checked, nothing run
    batch = execute(plan)                                     # here; or executor=, cache=, progress=
    batch.points[0].summary.figures["helsingborg/submission_to_decision_mean_days"].mean

1. **load and resolve** — :mod:`scenarios.loader` / :mod:`scenarios.options` build
   :class:`scenarios.study.Study` objects: bases read, run settings resolved by one
   rule (:mod:`scenarios.settings`), overrides applied and profiles checked
   (:mod:`scenarios.overrides`), with file and line for every mistake;
2. **check** (:func:`prepare`) — every process and profile parsed once, profiles
   checked against their models (element ids at the line that wrote them) and
   for what the engine can run, baselines checked for common random numbers
   (:mod:`scenarios.checks`);
3. **plan** — one work unit per (scenario, sweep point, replication), each with a
   key that hashes its resolved inputs, seed and code version
   (:mod:`scenarios.execute`);
4. **run** (:func:`execute`) — on any ``concurrent.futures.Executor`` (``None``:
   here; a process pool or Dask: :mod:`scenarios.executors`), skipping units a
   cache holds and storing new ones, calling ``progress(n)`` as units finish;
5. **assemble** — figures with intervals and paired differences
   (:mod:`scenarios.batch`); a unit that failed is reported, the others complete.

Parsing is cached by content in each Python process (bases by file identity,
models and profiles by their text), so a warm process asking again does not
read or parse what did not change.

A program builds a scenario without a file through the same function the loader uses
(a web form's levers are ``sets``):

>>> from scenarios.bases import library_base
>>> from scenarios.settings import Origin, resolve_settings
>>> from scenarios.study import Study, build_scenario
>>> form = Origin("web form")
>>> scenario = build_scenario(
...     name="officer-decides", question="", source="web form",
...     bases=[library_base("helsingborg", source="web form", line=None)],
...     settings=resolve_settings([({"replications": 2, "horizon": "10w", "warmup": "2w"}, form, {})]),
...     sets=[("decision.delegation", "officer", form)])
>>> batch = run_study(Study("what-if", "What if", "web form", (scenario,)))
>>> figure = batch.points[0].summary.figures["helsingborg/submission_to_decision_mean_days"]
>>> (figure.n, figure.low <= figure.mean <= figure.high)
(2, True)
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Executor
from dataclasses import dataclass
from typing import Any

from scenarios.batch import BatchResults, assemble
from scenarios.checks import check_study
from scenarios.execute import MemberText, UnitId, parsed_member, plan, point_inputs
from scenarios.study import Study
from simulator.runner import Job, ResultCache, run_replications

__all__ = ["Plan", "prepare", "execute", "run_study", "Refresh", "MAX_WORK_UNITS", "planned_units"]

#: work units a run may plan before it asks for ``--force`` (the bundled study plans about 1,000)
MAX_WORK_UNITS = 5_000


def planned_units(study: Study) -> int:
    """The work units ``study`` will run (sweep points x replications over its scenarios), counted
    before anything is planned or parsed."""
    return sum(len(scenario.points) * scenario.replications for scenario in study.scenarios)


@dataclass(frozen=True, slots=True)
class Plan:
    """A checked study and its work units, in a fixed order."""

    study: Study
    units: tuple[UnitId, ...]
    jobs: tuple[Job, ...]

    def cached(self, cache: ResultCache | None) -> int:
        """How many of the work units ``cache`` already holds."""
        return 0 if cache is None else sum(1 for job in self.jobs if cache.get(job.key) is not None)


def prepare(study: Study, *, version: str | None = None) -> Plan:
    """Check ``study`` completely and plan its work units; nothing runs yet.

    Raises :class:`processes.errors.InputError` (file, line, path) for a profile
    entry naming what its process lacks or a baseline that cannot be paired, and
    :class:`processes.errors.SimulationError` for an element the engine cannot run.
    ``version`` replaces the code version in the units' keys (tests).
    """
    inputs: dict[tuple[str, int], tuple[MemberText, ...]] = {}
    parsed = {}
    for scenario in study.scenarios:
        for p, point in enumerate(scenario.points):
            inputs[(scenario.name, p)] = texts = point_inputs(point)
            for text in texts:
                process, params, _fee = parsed_member(text)
                parsed[(scenario.name, p, text[0])] = (process, params)
    check_study(study, parsed)
    planned = plan(study, version=version, inputs=inputs)
    return Plan(study, tuple(u for u, _ in planned), tuple(j for _, j in planned))


def execute(
    plan: Plan,
    *,
    executor: Executor | None = None,
    cache: ResultCache | None = None,
    progress: Callable[[int], None] | None = None,
) -> BatchResults:
    """Run ``plan``'s work units and put the results together.

    ``executor``: where to run (``None``: here). ``cache``: units found there are
    not run again; new results are stored as they finish, so an interrupted run
    resumes where it stopped. ``progress(n)``: ``n`` more units finished
    (cached ones included).
    """
    outcomes = run_replications(plan.jobs, executor=executor, cache=cache, progress=progress)
    return assemble(plan.study, plan.units, outcomes)


def run_study(study: Study, **options: Any) -> BatchResults:
    """:func:`prepare` and :func:`execute` in one call (``options`` go to :func:`execute`)."""
    return execute(prepare(study), **options)


class Refresh:
    """A cache that is written but not read: every unit is computed again and stored anew."""

    def __init__(self, cache: ResultCache) -> None:
        self.cache = cache

    def get(self, key: str) -> Any | None:
        """Nothing is found: recompute."""
        return None

    def put(self, key: str, value: Any) -> None:
        """Store ``value`` in the wrapped cache."""
        self.cache.put(key, value)
