"""Run settings of a scenario, where each came from, and the one rule for defaults.

A scenario's run settings are ``replications``, ``seed``, ``horizon`` *or*
``cases``, ``warmup`` and ``outputs``. Each is resolved by one rule, whatever
road the scenario came by (a scenario file alone, a study, ``permitflow
simulate``'s options)::

    built-in default  <  a study's defaults:  <  the scenario's own value  <  the command line

- the built-in defaults (:data:`BUILT_IN`) are ``replications: 10``,
  ``seed: 2025`` and ``outputs: [summary, cases]``; ``horizon``, ``cases``
  and ``warmup`` default to the process profile's own ``simulation:`` values;
- a study's ``defaults:`` fill only what a scenario file leaves out, so a
  scenario that states its settings gives the same figures alone and inside a
  study (the shipped scenario files state all of theirs);
- ``permitflow run --replications N`` and ``simulate``'s options win over files.

Every resolved value keeps its :class:`Origin` (file and line, or the option),
which error messages and ``summary.json`` name.

>>> s = resolve_settings([({"seed": 7}, Origin("a.yaml"), {"seed": 3})])
>>> (s.replications, s.seed, str(s.origin("seed")), str(s.origin("replications")))
(10, 7, 'a.yaml:3', 'built-in default')
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import field, replace
from typing import Any

from bpmn_io.profile_values import shown_value
from processes.errors import InputError
from processes.frozenclass import frozen_dataclass
from processes.limits import MAX_CASES, MAX_REPLICATIONS, MAX_SEED

__all__ = [
    "Origin",
    "BUILT_IN",
    "OUTPUTS",
    "SETTING_KEYS",
    "RunSettings",
    "resolve_settings",
]

#: what a batch can write besides the summary
OUTPUTS = ("summary", "cases", "eventlog")
#: the run settings a scenario file, a study's ``defaults:`` and the command line may give
SETTING_KEYS = ("replications", "seed", "horizon", "cases", "warmup", "outputs")


@frozen_dataclass
class Origin:
    """Where a value was written: a file and line, or a command-line option, or ``built-in default``."""

    source: str
    line: int | None = None

    def __str__(self) -> str:
        return f"{self.source}:{self.line}" if self.line else self.source


BUILT_IN_ORIGIN = Origin("built-in default")
#: the built-in defaults (horizon, cases and warmup: the profile's own values)
BUILT_IN: Mapping[str, Any] = {"replications": 10, "seed": 2025, "outputs": ["summary", "cases"]}


@frozen_dataclass
class RunSettings:
    """Resolved run settings. ``horizon``/``cases``/``warmup`` are ``None`` when the
    profile's own values apply (the resolved values per process are in each
    :class:`scenarios.study.SweepPoint`)."""

    replications: int = 10
    seed: int = 2025
    horizon: Any = None
    cases: int | None = None
    warmup: Any = None
    outputs: tuple[str, ...] = ("summary", "cases")
    origins: Mapping[str, Origin] = field(default_factory=dict)

    def origin(self, key: str) -> Origin:
        """Where setting ``key`` came from."""
        return self.origins.get(key, BUILT_IN_ORIGIN)

    def with_replications(self, replications: int, origin: Origin) -> RunSettings:
        """These settings with ``replications`` given by ``origin`` (``--replications``)."""
        checked = _whole(replications, "replications", origin, minimum=1)
        return replace(self, replications=checked, origins={**self.origins, "replications": origin})

    @property
    def given(self) -> dict[str, Any]:
        """``horizon``/``cases``/``warmup`` as given (not the profile's own)."""
        return {k: getattr(self, k) for k in ("horizon", "cases", "warmup") if getattr(self, k) is not None}


#: the largest value of each whole-number setting (processes.limits)
MAXIMA: Mapping[str, int] = {"replications": MAX_REPLICATIONS, "cases": MAX_CASES, "seed": MAX_SEED}


def _whole(value: Any, key: str, origin: Origin, *, minimum: int) -> int:
    maximum = MAXIMA[key]
    if isinstance(value, bool) or not isinstance(value, int) or not minimum <= value <= maximum:
        # a file's line names the key; an option (--replications) is the key already: said once, not twice
        named = "" if origin.source == f"--{key}" else f"{key}: "
        raise InputError(f"{named}{shown_value(value)} is not a whole number from {minimum:,} to {maximum:,}",
                         file=origin.source, line=origin.line)
    return value


def resolve_settings(layers: Sequence[tuple[Mapping[str, Any], Origin, Mapping[str, int]]]) -> RunSettings:
    """Settings from ``layers``, lowest first: ``(values, origin, line of each key)``.

    A later layer's value wins. ``horizon`` and ``cases`` exclude each other: a
    layer that gives one drops the other from the layers below; one layer that
    gives both is refused.
    """
    values: dict[str, Any] = dict(BUILT_IN)
    origins: dict[str, Origin] = {}
    for given, origin, lines in layers:
        for key in given:
            if key not in SETTING_KEYS:
                raise InputError(
                    f"unknown setting '{key}' (expected one of {', '.join(SETTING_KEYS)})",
                    file=origin.source, line=lines.get(key, origin.line),
                )
        if "horizon" in given and "cases" in given:
            raise InputError(
                "give horizon (how long to simulate) or cases (how many applications), not both",
                file=origin.source, line=lines.get("cases", origin.line),
            )
        for key, value in given.items():
            if key in ("horizon", "cases"):
                other = "cases" if key == "horizon" else "horizon"
                values.pop(other, None)
                origins.pop(other, None)
            values[key] = value
            origins[key] = Origin(origin.source, lines.get(key, origin.line))
    outputs = values["outputs"]
    if not isinstance(outputs, list) or any(o not in OUTPUTS for o in outputs):
        where = origins.get("outputs", BUILT_IN_ORIGIN)
        raise InputError(
            f"outputs: {outputs!r} (expected a list of {', '.join(OUTPUTS)})", file=where.source, line=where.line
        )
    cases = values.get("cases")
    if cases is not None:
        cases = _whole(cases, "cases", origins["cases"], minimum=1)
    return RunSettings(
        replications=_whole(values["replications"], "replications", origins.get("replications", BUILT_IN_ORIGIN), minimum=1),
        seed=_whole(values["seed"], "seed", origins.get("seed", BUILT_IN_ORIGIN), minimum=0),
        horizon=values.get("horizon"),
        cases=cases,
        warmup=values.get("warmup"),
        outputs=tuple(dict.fromkeys(["summary", *outputs])),
        origins=origins,
    )
