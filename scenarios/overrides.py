"""Overrides: one parser and one set of path rules for ``--set``, ``set:`` and ``sweep:``.

A value is read by the rules of the profile files themselves
(:func:`bpmn_io.yamlsrc.load_yaml`): ``no``, ``yes``, ``on`` and ``off`` stay
text, only ``true``/``false`` are booleans, ``3d`` is a duration text the
profile parser reads, ``9:30`` is text, ``1e3`` a number. So
``--set holidays=NO`` means Norway, as ``holidays: NO`` does in a profile.

A path names a value in one process's profile:

- ``simulation.pools.officer.count`` — the full path;
- ``pools.officer.count`` — a key of the ``simulation:`` section may leave out
  ``simulation.`` (``facts.``, ``municipality`` and ``handled_by`` are kept);
- ``helsingborg.pools.officer.count`` — with the process's name first, which a
  scenario of several processes requires, and one of a single process allows
  (``base: [helsingborg]`` with the README's prefixed keys).

Anything else is refused naming the unknown first word and what it could be
(with a "did you mean" for a typo).

>>> parse_assignment("holidays=NO")
('holidays', 'NO')
>>> parse_assignment("decision.delegation=officer")
('decision.delegation', 'officer')
>>> member_path("helsingborg.decision.delegation", ("helsingborg",), Origin("s.yaml", 4))
('helsingborg', 'simulation.decision.delegation')
"""

from __future__ import annotations

import copy
from collections.abc import Mapping, Sequence
from typing import Any

from bpmn_io.profile import TOP_KEYS, OverrideRefused, apply_overrides
from bpmn_io.profile_schema import KEYS, split_path
from bpmn_io.profile_values import shown_value
from bpmn_io.yamlsrc import load_yaml
from processes.errors import InputError, PermitflowError, did_you_mean
from processes.frozenclass import frozen_dataclass
from scenarios.settings import Origin

__all__ = ["Override", "parse_assignment", "member_path", "apply_member_overrides"]

SIMULATION_KEYS = KEYS["simulation"]


@frozen_dataclass
class Override:
    """One value set in one process's profile, and where it was written.

    ``written`` is the path as the user wrote it, ``path`` the full path into
    the profile of process ``member``; ``what`` says which key set it (``set``,
    ``sweep``, ``horizon``, ``cases``, ``warmup``).
    """

    written: str
    member: str
    path: str
    value: Any
    origin: Origin
    what: str = "set"


def parse_assignment(text: str, *, source: str = "--set") -> tuple[str, Any]:
    """``KEY=VALUE`` -> ``(KEY, value)``, the value read by the profile files' YAML rules."""
    key, sep, value_text = text.partition("=")
    key = key.strip()
    if not sep or not key:
        raise InputError(f"{text!r} (expected KEY=VALUE, e.g. pools.officer.count=3)", file=source)
    try:
        doc = load_yaml(value_text, source=source)
    except InputError as err:
        raise InputError(err.message, file=source, path=key) from None
    return key, doc.data


def _head(path: str) -> str:
    parts = split_path(path)
    return str(parts[0]) if parts else ""


def _within_profile(path: str, written: str, members: Sequence[str], origin: Origin) -> str:
    """``path`` (after any process name) as a full profile path."""
    head = _head(path)
    if head in TOP_KEYS:
        return path
    if head in SIMULATION_KEYS:
        return f"simulation.{path}"
    known = [*TOP_KEYS, *SIMULATION_KEYS]
    names = f"the process name ({', '.join(members)}) or " if len(members) == 1 else ""
    raise InputError(
        f"unknown key '{head}' (expected {names}a profile key: {', '.join(known)})"
        f"{did_you_mean(head, [*members, *known])}",
        file=origin.source, line=origin.line, path=written,
    )


def member_path(written: str, members: Sequence[str], origin: Origin) -> tuple[str, str]:
    """``(process name, full profile path)`` of an override path as written."""
    head, _, rest = written.partition(".")
    if head in members and rest and head not in TOP_KEYS:
        return head, _within_profile(rest, written, members, origin)
    if len(members) == 1:
        return members[0], _within_profile(written, written, members, origin)
    example = f"{members[0]}.{written if head not in members else rest}"
    if head in TOP_KEYS or head in SIMULATION_KEYS:
        problem = "with several processes a path starts with the process name"
    else:
        hint = did_you_mean(head, members)
        problem = f"'{head}' is not a process of this scenario{hint}"
        if hint and rest:  # a misspelt process name: the example corrects it instead of prefixing it
            import difflib  # only on the way to an error message

            example = f"{difflib.get_close_matches(head, list(members), n=1, cutoff=0.6)[0]}.{rest}"
    raise InputError(
        f"{problem} (expected one of {', '.join(members)}, e.g. {example})",
        file=origin.source, line=origin.line, path=written,
    )


def _without(raw: Any, key: str) -> Any:
    simulation = raw.get("simulation") if isinstance(raw, Mapping) else None
    if not isinstance(simulation, Mapping) or key not in simulation:
        return raw
    return {**raw, "simulation": {k: v for k, v in simulation.items() if k != key}}


def _prepared(raw: Any, overrides: Sequence[Override]) -> tuple[Any, dict[str, Any]]:
    """The base document and the path -> value mapping, with horizon and cases excluding each other."""
    values: dict[str, Any] = {}
    for o in overrides:
        for key, other in (("simulation.horizon", "cases"), ("simulation.cases", "horizon")):
            if o.path == key:
                values.pop(f"simulation.{other}", None)
                raw = _without(raw, other)
        values[o.path] = o.value
    return raw, values


def _applied(raw: Any, overrides: Sequence[Override]) -> Any:
    base, values = _prepared(raw, overrides)
    return apply_overrides(base, values) if values else copy.deepcopy(base)


def apply_member_overrides(raw: Any, overrides: Sequence[Override]) -> Any:
    """A copy of profile document ``raw`` with ``overrides`` applied in order, checked once.

    When the result is not a valid profile, the override to blame is the last of
    the shortest failing prefix; the error names its file, line and path.
    """
    try:
        return _applied(raw, overrides)
    except PermitflowError:
        pass
    good = raw
    for i, o in enumerate(overrides):
        try:
            good = _applied(raw, overrides[: i + 1])
            continue
        except PermitflowError as combined:
            error = combined
        try:  # this override alone on what went well before names it without the others
            _applied(good, [o])
        except PermitflowError as alone:
            error = alone
        if o.origin.source.startswith("--"):
            # a command-line option (--years, --set …) and the message's own "override K=V" say it all:
            # "--years: override simulation.horizon='200y' gives …", not "--years: horizon: horizon: …"
            raise InputError(error.message, file=o.origin.source, line=o.origin.line) from None
        if isinstance(error, OverrideRefused):
            # the file's line, the path as written there, its value, then what the profile allows — the path
            # once ("delegated.yaml:6: set: decision.delegation='mayor': unknown delegation level 'mayor'
            # (expected …)"; it said "decision.delegation: set: override simulation.decision.delegation=…")
            said = o.written if o.written == o.what else f"{o.what}: {o.written}"
            raise InputError(f"{said}={shown_value(o.value)}: {error.reason}", file=o.origin.source,
                             line=o.origin.line) from None
        raise InputError(
            f"{o.what}: {error.message}", file=o.origin.source, line=o.origin.line,
            path=o.written if o.written not in (o.path, o.what) else None,  # "horizon: override …", not twice
        ) from None
    raise InputError("overrides give an invalid profile")  # pragma: no cover - the whole list failed above
