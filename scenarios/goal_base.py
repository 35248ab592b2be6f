"""The scenario a goal seek changes, from what the command line or the web app names.

One scenario file (its ``set:``, ``shared_pools:`` and a ``sweep:`` of one value kept), the name of a
shipped scenario, or library municipalities and uploaded processes (with ``joint``: one shared
pool), with the run options ``--seed``, ``--horizon`` and ``--warmup`` laid over them. This is
reading and checking what the user named, before any search: its own module, below
:mod:`scenarios.optimise`, which builds every candidate from the scenario made here.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from bpmn_io.library import library_names
from processes.errors import InputError, did_you_mean
from scenarios.bases import Base, library_base
from scenarios.loader import read_scenario
from scenarios.settings import Origin, resolve_settings
from scenarios.sharing import SharedPool
from scenarios.shipped import shipped_files, shipped_root
from scenarios.study import Scenario, build_scenario

__all__ = ["base_scenario", "shipped_scenario", "sets_of"]


def base_scenario(models: Sequence[str | Base], *, joint: bool = False, pool: str = "officer",
                  seed: int | None = None, horizon: str | None = None, warmup: str | None = None) -> Scenario:
    """The scenario a goal seek changes: one scenario file (``.yaml`` with ``base:``; its
    ``set:`` and ``shared_pools:`` kept), or processes — library municipality names or
    :class:`scenarios.bases.Base` objects (an uploaded BPMN and profile:
    :func:`scenarios.bases.file_base`) — with ``joint``: their ``pool`` in one joint
    unit. ``seed``, ``horizon``, ``warmup`` override the file's or the profiles' own."""
    given = {k: v for k, v in (("seed", seed), ("horizon", horizon), ("warmup", warmup)) if v is not None}
    first = models[0] if models else None
    if isinstance(first, str) and len(models) == 1 and Path(first).is_file() and _scenario_file(first):
        if joint:
            raise InputError("--joint is for library municipalities; a scenario file says shared_pools: itself",
                             file=first)
        scenario = read_scenario(first)
        if not given:
            return scenario
        settings = resolve_settings([(_settings_values(scenario), Origin(scenario.source), {}), *_options(given)])
        point = scenario.points[0]
        return build_scenario(
            name=scenario.name, question=scenario.question, source=scenario.source,
            bases=[m.base for m in point.members], settings=settings, sets=sets_of(scenario),
            shared_pools=scenario.shared_pools, question_sv=scenario.question_sv)
    if not models:
        raise InputError("name a library municipality or a scenario file", file="optimise")
    for model in models:  # a path is not a misspelt municipality: say what is wrong with the file
        if isinstance(model, str) and Path(model).suffix.lower() in (".yaml", ".yml"):
            what = ("a scenario file goes alone" if Path(model).is_file() else
                    "is a directory" if Path(model).is_dir() else "no such scenario file")
            raise InputError(f"{what} (expected a scenario .yaml file, or library municipalities)", file=model)
        if isinstance(model, str) and Path(model).suffix.lower() in (".bpmn", ".bpmn2", ".xml"):
            raise InputError("a model file is not a goal seek's MODEL (expected a library municipality, or a "
                             "scenario file with base: {bpmn: FILE, profile: FILE})", file=model)
    bases = [m if isinstance(m, Base) else library_base(m, source="optimise", line=None) for m in models]
    if joint and len(bases) < 2:
        raise InputError("--joint needs at least two municipalities", file="optimise")
    shared = (SharedPool(pool, tuple(b.name for b in bases)),) if joint else ()
    settings = resolve_settings(_options(given))
    name = ("joint-" if joint else "") + "+".join(b.name for b in bases)
    return build_scenario(name=name, question="", source="optimise", bases=bases, settings=settings,
                          shared_pools=shared)


def _options(given: Mapping[str, Any]) -> list[tuple[dict[str, Any], Origin, dict[str, int]]]:
    """Each of goal seek's run options as a layer of its own, named by its option: an error says
    "--warmup: override simulation.warmup='10y' gives …" (it said "optimise options: warmup: warmup: …")."""
    return [({key: value}, Origin(f"--{key}"), {}) for key, value in given.items()]


def shipped_scenario(models: Sequence[str]) -> Sequence[str]:
    """``models`` as the command line gives them, a lone name of a shipped scenario
    (``joint-permit-unit``) turned into the path of its file, for :func:`base_scenario`.

    A library municipality's name and a file at the path given come first; a lone name that is
    neither is refused here, listing both kinds of name.
    """
    if len(models) != 1:
        return models
    name = models[0]
    if name in library_names() or Path(name).is_file() or Path(name).suffix.lower() in _FILE_SUFFIXES:
        return models
    files = {f.name: f for f in shipped_files()}
    scenarios = [n for n, f in files.items() if f.kind == "scenario"]
    if name in scenarios:
        return [str(shipped_root() / f"{name}.yaml")]
    what = (f"{name!r} is a study, not one scenario" if name in files
            else f"unknown library municipality or shipped scenario {name!r}")
    raise InputError(f"{what}{did_you_mean(name, [*library_names(), *scenarios])} (expected one of "
                     f"{', '.join(library_names())}; or a scenario file, or one of {', '.join(scenarios)})",
                     file="optimise")


#: what a path to a file looks like as MODEL (refused or read as a file, never a name)
_FILE_SUFFIXES = (".yaml", ".yml", ".bpmn", ".bpmn2", ".xml")


def _scenario_file(path: str) -> bool:
    """Whether the file at ``path`` is read as a scenario file: a .yaml one, or one of no model
    suffix whose path is not a library name (a file at the path given wins over a shipped name)."""
    suffix = Path(path).suffix.lower()
    return suffix in (".yaml", ".yml") or (suffix not in _FILE_SUFFIXES and path not in library_names())


def _settings_values(scenario: Scenario) -> dict[str, Any]:
    s = scenario.settings
    values: dict[str, Any] = {"seed": s.seed, "replications": s.replications}
    values.update(s.given)
    return values


def sets_of(scenario: Scenario) -> list[tuple[str, Any, Origin]]:
    """The values ``scenario``'s one point sets: its ``set:`` and, a ``sweep:`` of one value each being one
    point, that value too (:class:`OptimiseRequest` refuses more points), which the candidates must simulate as
    their costs count it."""
    return [(o.written, o.value, o.origin) for o in scenario.points[0].overrides if o.what in ("set", "sweep")]
