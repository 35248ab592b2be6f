"""``permitflow simulate``'s options as a one-scenario study.

``simulate MODEL --profile P --set K=V --years Y --replications R --seed S``
is the scenario file::

    name: <MODEL's name>
    base: MODEL                       # a library name, or {bpmn: MODEL, profile: P[, name: N]} (--name N)
    set: {K: V}
    horizon: <Y>y                     # or cases: N
    replications: R
    seed: S

resolved by the same rules (:mod:`scenarios.settings`, :mod:`scenarios.overrides`)
and run on the same road (:mod:`scenarios.road`), so it gives the same figures as
``permitflow run`` of that file.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bpmn_io.library import PROFILE_FILE, is_library_name, no_such_model
from bpmn_io.userfile import check_regular, is_stream_path
from processes.errors import InputError
from scenarios.bases import Base, file_base, library_base
from scenarios.overrides import parse_assignment
from scenarios.settings import Origin, resolve_settings
from scenarios.study import Study, build_scenario

if TYPE_CHECKING:
    from processes.model import Definitions

__all__ = ["one_scenario_study"]


def _base(model: str, profile: str | None, lenient: bool = False, notes: list[str] | None = None) -> Base:
    if profile is not None and not Path(profile).exists():
        raise InputError("no such profile file (--profile)", file=profile)
    if profile is not None and not is_stream_path(profile):
        check_regular(profile, what="profile")
    path = Path(model)
    if not path.exists() and is_library_name(model):
        return library_base(model, source=model, line=None, profile=Path(profile) if profile else None)
    if not path.exists():
        from scenarios.shipped import shipped_path

        # found by QA (qafresh): "simulate e-service" said only "no such file"
        if shipped_path(model) is not None:
            raise InputError("no such file or library model; it is a shipped scenario: permitflow run "
                             f"{model} runs it", file=model)
        raise no_such_model(model)
    if path.is_dir():
        raise InputError("is a directory (expected a .bpmn or .yaml model file)", file=model)
    profile_path = Path(profile) if profile else path.parent / PROFILE_FILE
    if not profile_path.is_file():
        from bpmn_io.loading import load_model

        # a model that cannot be read (empty, truncated) says so first, then one that no profile would let run
        _refuse_unsimulatable(load_model(model, strict=not lenient), model, lenient)
        convert = "convert --lenient" if lenient else "convert"
        hint = "" if profile else f"; `permitflow {convert} {model} {profile_path} --to profile` writes one to fill in"
        raise InputError(f"no profile beside the model (expected {profile_path}, or give --profile{hint})", file=model)
    base = file_base(path.stem, path, profile_path, source=model, line=None)
    return _lenient_base(base, model, notes) if lenient else base


def _refuse_unsimulatable(defs: Definitions, model: str, lenient: bool) -> None:
    """Refuse, in one line, a model without profile that ``convert --to profile`` would refuse to write
    one for: no process, or elements the engine cannot run whatever the profile says (each named, and
    why, the line the first is written on). Else the hint to write a profile led there, and only that
    command said why."""
    from bpmn_io.profile import profile_from_data
    from bpmn_io.simformats.skeleton import profile_skeleton
    from processes.errors import NotExecutableError
    from simulator.compiler import check_executable

    if not defs.processes:  # a collaboration of black-box pools, or a diagram alone
        raise InputError("no process to simulate (the file holds no process element; expected one with a start "
                         "event, its steps and flows)", file=model)
    if lenient:
        from bpmn_io.lenient import for_simulation

        defs = for_simulation(defs)  # what simulate --lenient would run
    params = profile_from_data(profile_skeleton(defs).document, source=PROFILE_FILE).simulation
    if params is None:
        return
    try:
        check_executable(defs.process(), params)
    except NotExecutableError as err:
        first = err.elements[0] if err.elements else None
        raise InputError(err.message, file=model, line=defs.source_lines.get(first) if first else None) from None


def _lenient_base(base: Base, model: str, notes: list[str] | None) -> Base:
    """``base`` with its model read leniently (``simulate --lenient``): a repeated id renamed, a
    sequence flow to nothing or into another process left out; each repair added to ``notes``."""
    import dataclasses

    from bpmn_io.lenient import for_simulation, lenient_notes
    from bpmn_io.loading import load_model
    from bpmn_io.writer import plain_bpmn_bytes

    defs = for_simulation(load_model(model, strict=False))
    found = lenient_notes(defs, model)
    if not found:
        return base  # nothing to repair: the file as it is
    if notes is not None:
        notes += found
    return dataclasses.replace(base, bpmn=plain_bpmn_bytes(defs).decode("utf-8"))


def _years_text(years: float) -> str:
    """``--years`` as a duration the profile reads: ``2.5`` -> ``'2.5y'`` (never ``1e+06y``)."""
    if not math.isfinite(years) or years <= 0:
        raise InputError(f"{years} is not a number of years above 0", file="--years")
    return f"{years:.6f}".rstrip("0").rstrip(".") + "y"


def one_scenario_study(
    model: str,
    *,
    profile: str | None = None,
    sets: tuple[str, ...] = (),
    years: float | None = None,
    cases: int | None = None,
    replications: int | None = None,
    seed: int | None = None,
    eventlog: bool = False,
    lenient: bool = False,
    notes: list[str] | None = None,
    name: str | None = None,
) -> Study:
    """The study of one scenario that ``simulate``'s options describe.

    ``model``: a library name or a BPMN/YAML model file (its profile: ``profile``,
    else ``profile.yaml`` beside it); ``sets``: ``KEY=VALUE`` texts; ``years`` or
    ``cases``: how long to simulate (default: the profile's own); ``replications``
    and ``seed``: default the built-in ones; ``eventlog``: keep each replication's
    event log; ``lenient``: read a BPMN model file as ``--lenient`` does (:func:`_lenient_base`),
    each repair a line added to ``notes``; ``name``: the process's name (default the model file's name without
    its suffix, or the library name), which keys its random numbers as a scenario file's ``base: {name: ...}`` does.
    """
    if years is not None and cases is not None:
        raise InputError("give --years or --cases, not both", file="simulate")
    layers: list[tuple[dict[str, Any], Origin, dict[str, int]]] = []
    for key, value, option in (
        ("horizon", None if years is None else _years_text(years), "--years"),
        ("cases", cases, "--cases"),
        ("replications", replications, "--replications"),
        ("seed", seed, "--seed"),
        ("outputs", ["summary", "cases", "eventlog"] if eventlog else None, "--eventlog"),
    ):
        if value is not None:
            layers.append(({key: value}, Origin(option), {}))
    settings = resolve_settings(layers)
    base = _base(model, profile, lenient, notes)
    if name is not None:
        import dataclasses

        from scenarios.names import check_name

        # the name becomes processes/<name>.bpmn where a run writes one: a name, never a path
        base = dataclasses.replace(base, name=check_name(name, what="--name", file="simulate"))
    assignments = [(*parse_assignment(text), Origin("--set")) for text in sets]
    return Study(
        name=base.name,
        title=base.name,
        source=model,
        scenarios=(build_scenario(
            name=base.name, question="", source=model, bases=(base,), settings=settings, sets=assignments,
        ),),
    )
