"""Scenario and study files: what-if questions over library (or user) processes.

A scenario file names a base, overrides, an optional sweep grid and run settings::

    name: helsingborg-delegated-to-officer
    question: What if Helsingborg's committee delegated permit decisions to the officer?
    base: helsingborg                  # a library municipality, or {bpmn: f.bpmn, profile: f.yaml}
    set:                               # dotted paths into the profile
      simulation.decision.delegation: officer
    sweep:                             # a cartesian grid; each point is run on its own
      simulation.pools.officer.count: [1, 2, 3]
    replications: 10
    seed: 2025
    horizon: 1y                        # or cases: 500 (that many applications)
    warmup: 8w
    outputs: [summary, cases, eventlog]  # eventlog: eventlog.csv and eventlog.xes
    baseline: helsingborg-status-quo   # another scenario of the same run

Several processes may share a pool: ``base:`` is then a list, ``set:`` paths start
with the member's name (``klippan.simulation.pools.officer.count``), and
``shared_pools:`` says who serves whom (see :mod:`scenarios.sharing`).

A study file gathers scenario files (``scenarios:``, paths relative to the study),
the municipalities whose processes are diffed in the report (``compare:``) and
defaults for every scenario (``defaults:``). Every override is applied and the
resulting profile parsed here, so a bad path or value is refused with file, line,
path, value and the allowed values before anything runs.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from bpmn_io.profile import apply_overrides
from bpmn_io.yamlsrc import load_yaml
from processes.errors import InputError, PermitflowError
from scenarios.bases import Base, resolve_base
from scenarios.sharing import SharedPool, parse_shared_pools

__all__ = [
    "Member",
    "SweepPoint",
    "Scenario",
    "Study",
    "OUTPUTS",
    "parse_scenario",
    "read_scenario",
    "parse_study",
    "read_study",
    "read_any",
    "bundled_study",
]

OUTPUTS = ("summary", "cases", "eventlog")
SCENARIO_KEYS = (
    "name", "question", "base", "set", "sweep", "shared_pools", "replications", "seed",
    "horizon", "cases", "warmup", "outputs", "baseline",
)
STUDY_KEYS = ("study", "title", "question", "compare", "defaults", "scenarios")
DEFAULT_KEYS = ("replications", "seed", "horizon", "cases", "warmup", "outputs")


@dataclass(frozen=True, slots=True)
class Member:
    """One process of a scenario: its BPMN text and its profile (raw, overrides applied)."""

    name: str
    bpmn: str
    bpmn_source: str
    profile: Mapping[str, Any]
    profile_source: str


@dataclass(frozen=True, slots=True)
class SweepPoint:
    """One point of a sweep grid (the only point, labelled ``""``, without a sweep)."""

    label: str
    values: tuple[tuple[str, Any], ...]
    members: tuple[Member, ...]


@dataclass(frozen=True, slots=True)
class Scenario:
    """A resolved what-if scenario: every point's profiles are parsed and valid."""

    name: str
    question: str
    source: str
    points: tuple[SweepPoint, ...]
    sweep: tuple[tuple[str, tuple[Any, ...]], ...] = ()
    shared_pools: tuple[SharedPool, ...] = ()
    replications: int = 10
    seed: int = 2025
    outputs: tuple[str, ...] = ("summary", "cases")
    baseline: str | None = None
    settings: Mapping[str, Any] = field(default_factory=dict)

    @property
    def member_names(self) -> tuple[str, ...]:
        """The names of the processes simulated together."""
        return tuple(m.name for m in self.points[0].members)


@dataclass(frozen=True, slots=True)
class Study:
    """A named set of scenarios, plus the municipalities diffed in the report."""

    name: str
    title: str
    source: str
    scenarios: tuple[Scenario, ...]
    compare: tuple[str, ...] = ()


# --------------------------------------------------------------------------- YAML with lines


def _compose(text: str, source: str) -> tuple[Any, dict[str, int]]:
    """The data of ``text`` and the line of each key: ``"set"``, ``"set.<path>"``, ..."""
    doc = load_yaml(text, source=source)
    lines: dict[str, int] = {}
    for path, line in doc.lines.items():
        if 1 <= len(path) <= 2 and all(isinstance(p, str) for p in path):
            lines.setdefault(".".join(path), line)
    return doc.data, lines


def _check_keys(data: Mapping[str, Any], allowed: tuple[str, ...], source: str, lines: dict[str, int]) -> None:
    for key in data:
        if key not in allowed:
            raise InputError(
                f"unknown key '{key}' (expected one of {', '.join(allowed)})",
                file=source,
                line=lines.get(str(key)),
            )


def _positive_int(value: Any, key: str, source: str, lines: dict[str, int], minimum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise InputError(
            f"{key}: {value!r} is not an integer >= {minimum}", file=source, line=lines.get(key)
        )
    return value


# --------------------------------------------------------------------------- overrides


def _override(
    raw: Mapping[str, Any], path: str, value: Any, *, source: str, line: int | None, what: str,
    written: str | None = None,
) -> dict[str, Any]:
    """Apply one override (the profile parser checks the result); refuse a bad path or
    value with the scenario file and line (and the path as ``written`` when it names a member)."""
    try:
        return apply_overrides(dict(raw), {path: value})
    except PermitflowError as err:
        raise InputError(f"{what}: {err.message}", file=source, line=line,
                         path=written if written != path else None) from None


def _split_member(path: str, names: tuple[str, ...], source: str, line: int | None) -> tuple[str, str]:
    """For several members, ``name.rest`` -> (name, rest); for one member, (its name, path)."""
    if len(names) == 1:
        return names[0], path
    head, _, rest = path.partition(".")
    if head not in names or not rest:
        raise InputError(
            f"{path}: with several processes a path starts with the process name "
            f"(expected one of {', '.join(names)})",
            file=source,
            line=line,
        )
    return head, rest


def _apply_all(
    bases: tuple[Base, ...],
    overrides: list[tuple[str, Any, int | None, str]],
    source: str,
) -> tuple[Member, ...]:
    names = tuple(b.name for b in bases)
    raws = {b.name: dict(b.profile) for b in bases}
    for path, value, line, what in overrides:
        name, rest = _split_member(path, names, source, line)
        if what == "cases":  # a number of applications replaces the profile's horizon
            raws[name] = {**raws[name], "simulation": {
                k: v for k, v in dict(raws[name].get("simulation") or {}).items() if k != "horizon"}}
        raws[name] = _override(raws[name], rest, value, source=source, line=line, what=what, written=path)
    return tuple(
        Member(b.name, b.bpmn, b.bpmn_source, raws[b.name], b.profile_source) for b in bases
    )


def _label(values: tuple[tuple[str, Any], ...]) -> str:
    return ", ".join(f"{path}={value}" for path, value in values)


# --------------------------------------------------------------------------- scenario


def parse_scenario(
    text: str,
    *,
    source: str,
    base_dir: Path | None = None,
    defaults: Mapping[str, Any] | None = None,
) -> Scenario:
    """Parse and resolve one scenario file's text; every point is checked before return.

    ``base_dir`` resolves relative ``bpmn:``/``profile:`` paths (default: the
    directory of ``source``). ``defaults`` (from a study) fill run settings the
    scenario leaves out.
    """
    data, lines = _compose(text, source)
    if not isinstance(data, dict):
        raise InputError("a scenario file is a mapping (name:, base:, set: ...)", file=source, line=1)
    _check_keys(data, SCENARIO_KEYS, source, lines)
    base_dir = base_dir if base_dir is not None else Path(source).parent
    settings = {**dict(defaults or {}), **{k: data[k] for k in DEFAULT_KEYS if k in data}}
    if "horizon" in settings and "cases" in settings:
        if "horizon" in data and "cases" in data or "horizon" not in data and "cases" not in data:
            raise InputError(
                "give horizon (how long to simulate) or cases (how many applications), not both",
                file=source, line=lines.get("cases") or 1,
            )
        settings.pop("cases" if "horizon" in data else "horizon")  # the scenario's own choice wins

    name = data.get("name") or Path(source).stem
    if not isinstance(name, str):
        raise InputError(f"name: {name!r} is not text", file=source, line=lines.get("name"))
    if "base" not in data:
        raise InputError("missing 'base' (a library municipality or {bpmn:, profile:})", file=source, line=1)
    base_specs = data["base"] if isinstance(data["base"], list) else [data["base"]]
    bases = tuple(resolve_base(spec, source=source, line=lines.get("base"), base_dir=base_dir) for spec in base_specs)
    names = tuple(b.name for b in bases)
    if len(set(names)) != len(names):
        raise InputError(f"base: a process is named twice in {list(names)}", file=source, line=lines.get("base"))

    shared = parse_shared_pools(
        data.get("shared_pools") or {}, members={b.name: b.profile for b in bases},
        source=source, line=lines.get("shared_pools"),
    )

    run_overrides: list[tuple[str, Any, int | None, str]] = []
    for key in ("horizon", "cases", "warmup"):
        if key in settings:
            for member in names:
                path = f"simulation.{key}" if len(names) == 1 else f"{member}.simulation.{key}"
                run_overrides.append((path, settings[key], lines.get(key), key))

    set_block = data.get("set") or {}
    if not isinstance(set_block, dict):
        raise InputError("set: expected a mapping of dotted path: value", file=source, line=lines.get("set"))
    overrides = run_overrides + [
        (str(path), value, lines.get(f"set.{path}"), "set") for path, value in set_block.items()
    ]

    sweep_block = data.get("sweep") or {}
    if not isinstance(sweep_block, dict):
        raise InputError("sweep: expected a mapping of dotted path: [values]", file=source, line=lines.get("sweep"))
    sweep: list[tuple[str, tuple[Any, ...]]] = []
    for path, values in sweep_block.items():
        if not isinstance(values, list) or not values:
            raise InputError(
                f"sweep {path}: expected a non-empty list of values, not {values!r}",
                file=source, line=lines.get(f"sweep.{path}"),
            )
        sweep.append((str(path), tuple(values)))

    points = []
    for combo in itertools.product(*(values for _path, values in sweep)) if sweep else [()]:
        values = tuple(zip((p for p, _v in sweep), combo, strict=True))
        point_overrides = overrides + [
            (path, value, lines.get(f"sweep.{path}"), "sweep") for path, value in values
        ]
        members = _apply_all(bases, point_overrides, source)
        points.append(SweepPoint(_label(values), values, members))

    outputs = settings.get("outputs", ["summary", "cases"])
    if not isinstance(outputs, list) or any(o not in OUTPUTS for o in outputs):
        raise InputError(
            f"outputs: {outputs!r} (expected a list of {', '.join(OUTPUTS)})",
            file=source, line=lines.get("outputs"),
        )
    seed = settings.get("seed", 2025)
    baseline = data.get("baseline")
    if baseline is not None and not isinstance(baseline, str):
        raise InputError(f"baseline: {baseline!r} is not a scenario name", file=source, line=lines.get("baseline"))
    return Scenario(
        name=name,
        question=str(data.get("question") or ""),
        source=source,
        points=tuple(points),
        sweep=tuple(sweep),
        shared_pools=shared,
        replications=_positive_int(settings.get("replications", 10), "replications", source, lines, 2),
        seed=_positive_int(seed, "seed", source, lines, 0),
        outputs=tuple(dict.fromkeys(["summary", *outputs])),
        baseline=baseline,
        settings={k: settings[k] for k in ("horizon", "cases", "warmup") if k in settings},
    )


def read_scenario(path: str | Path, *, defaults: Mapping[str, Any] | None = None) -> Scenario:
    """Read and resolve a scenario file."""
    path = Path(path)
    return parse_scenario(path.read_text(encoding="utf-8"), source=str(path), base_dir=path.parent, defaults=defaults)


# --------------------------------------------------------------------------- study


def parse_study(text: str, *, source: str, base_dir: Path | None = None) -> Study:
    """Parse a study file and every scenario file it names (relative to ``base_dir``)."""
    data, lines = _compose(text, source)
    if not isinstance(data, dict) or "scenarios" not in data:
        raise InputError("a study file is a mapping with 'scenarios:' (a list of scenario files)", file=source, line=1)
    _check_keys(data, STUDY_KEYS, source, lines)
    base_dir = base_dir if base_dir is not None else Path(source).parent
    defaults = data.get("defaults") or {}
    if not isinstance(defaults, dict):
        raise InputError("defaults: expected a mapping", file=source, line=lines.get("defaults"))
    _check_keys(defaults, DEFAULT_KEYS, source, {k.split(".", 1)[-1]: v for k, v in lines.items()})
    entries = data["scenarios"]
    if not isinstance(entries, list) or not entries:
        raise InputError("scenarios: expected a non-empty list of scenario files", file=source, line=lines.get("scenarios"))
    scenarios = []
    for entry in entries:
        path = base_dir / str(entry)
        if not path.is_file():
            raise InputError(f"scenarios: no scenario file '{entry}' (looked at {path})", file=source, line=lines.get("scenarios"))
        scenarios.append(read_scenario(path, defaults=defaults))
    names = [s.name for s in scenarios]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise InputError(f"scenarios: names used twice: {', '.join(duplicates)}", file=source, line=lines.get("scenarios"))
    compare = data.get("compare") or []
    if not isinstance(compare, list):
        raise InputError("compare: expected a list of library municipalities", file=source, line=lines.get("compare"))
    name = str(data.get("study") or Path(source).stem)
    return Study(name, str(data.get("title") or name), source, tuple(scenarios), tuple(map(str, compare)))


def read_study(path: str | Path) -> Study:
    """Read a study file and the scenario files it names."""
    path = Path(path)
    return parse_study(path.read_text(encoding="utf-8"), source=str(path), base_dir=path.parent)


def read_any(paths: list[str | Path]) -> Study:
    """Read the files given on a command line as one study.

    A study file contributes its scenarios and compare list; scenario files are
    added as they are. A baseline that none of the files names is looked up
    beside the scenario that needs it (``<baseline>.yaml``) and run first, so
    ``permitflow run scenarios/e-service.yaml`` also runs ``status-quo``. One study
    file keeps its name; anything else is named after the first file. Scenario
    names must be unique over all files.
    """
    scenarios: list[Scenario] = []
    compare: list[str] = []
    names: list[str] = []
    title = ""
    for path in map(Path, paths):
        text = path.read_text(encoding="utf-8")
        data, _lines = _compose(text, str(path))
        if isinstance(data, dict) and "scenarios" in data and "base" not in data:
            study = parse_study(text, source=str(path), base_dir=path.parent)
            scenarios += study.scenarios
            compare += [c for c in study.compare if c not in compare]
            names.append(study.name)
            title = title or study.title
        else:
            scenarios.append(parse_scenario(text, source=str(path), base_dir=path.parent))
            names.append(scenarios[-1].name)
    scenarios = _with_baselines(scenarios)
    seen: dict[str, str] = {}
    for scenario in scenarios:
        if scenario.name in seen:
            raise InputError(
                f"scenario name '{scenario.name}' is also used by {seen[scenario.name]}", file=scenario.source
            )
        seen[scenario.name] = scenario.source
    name = names[0] if names else "run"
    return Study(name, title or name, str(paths[0]) if paths else "", tuple(scenarios), tuple(compare))


def _with_baselines(scenarios: list[Scenario]) -> list[Scenario]:
    """``scenarios`` preceded by the missing baselines found as ``<name>.yaml`` beside them."""
    have = {s.name for s in scenarios}
    added: list[Scenario] = []
    for scenario in scenarios:
        wanted = scenario.baseline
        if wanted is None or wanted in have:
            continue
        path = Path(scenario.source).parent / f"{wanted}.yaml"
        if path.is_file():
            baseline = read_scenario(path)
            if baseline.name == wanted:
                added.append(baseline)
                have.add(wanted)
    return added + scenarios


def bundled_study() -> Path:
    """The Familjen Helsingborg study shipped with permitflow (``permitflow run`` with no files)."""
    return Path(str(resources.files("scenarios") / "familjen-helsingborg-study.yaml"))
