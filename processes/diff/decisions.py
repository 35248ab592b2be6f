"""A user's decisions about matches: pairs confirmed or rejected, honoured on every run.

Format (YAML; ``permitflow diff A B --matches FILE``)::

    schema_version: 1
    confirm:                                   # these elements ARE the same step
      - {a: Task_Granska, b: Activity_0x1}
      - {a: Task_Utredning, b: [Task_Utreda, Task_Skriva]}   # one step split in two
      - {a: Task_Beslut, b: Task_AU_Beslut, models: [helsingborg, orkelljunga]}
    reject:                                    # these are NOT the same step
      - {a: Task_Remiss, b: Task_Remissvar}

``a`` and ``b`` are element ids (a string or a list of ids for a one-to-many match).
``models`` (optional) limits an entry to the comparison of those two models, named as
on the command line; without it an entry applies to any pair of models that holds all
its ids (on either side: an entry written for B-vs-A also serves A-vs-B).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from processes.diff.yamltext import load_user_yaml_lines, refuse_unknown_keys, shown
from processes.errors import InputError

__all__ = ["Decision", "MatchDecisions", "parse_decisions", "NO_DECISIONS", "check_decisions", "written_ids",
           "written_decision"]


@dataclass(frozen=True, slots=True)
class Decision:
    """One confirmed or rejected pair (``a`` ids of one model, ``b`` ids of the other)."""

    a: tuple[str, ...]
    b: tuple[str, ...]
    models: tuple[str, ...] = ()
    line: int = field(default=0, compare=False)  # where it is written (0: not from a file)
    where: str = field(default="", compare=False)  # its key path ("confirm[2]")


def written_ids(ids: tuple[str, ...]) -> str:
    """Ids as the matches file writes them: one id a string, several a list (JSON strings are YAML
    flow scalars, so any id is written safely)."""
    return json.dumps(ids[0] if len(ids) == 1 else list(ids), ensure_ascii=False)


def written_decision(d: Decision) -> str:
    """A decision as its entry in the matches file reads: ``{a: "A1", b: ["B1", "B2"]}`` (a note that
    printed Python lists, ``a=['A1']``, read as code)."""
    models = f", models: {json.dumps(list(d.models), ensure_ascii=False)}" if d.models else ""
    return f"{{a: {written_ids(d.a)}, b: {written_ids(d.b)}{models}}}"


@dataclass(frozen=True, slots=True)
class MatchDecisions:
    confirm: tuple[Decision, ...] = ()
    reject: tuple[Decision, ...] = ()
    source: str = field(default="", compare=False)  # the file they were read from (for errors)

    def for_pair(
        self, a_name: str, a_ids: frozenset[str], b_name: str, b_ids: frozenset[str]
    ) -> tuple[tuple[Decision, ...], tuple[Decision, ...], tuple[Decision, ...]]:
        """(confirmed, rejected, unused) for the comparison A vs B, oriented A -> B."""
        used_c: list[Decision] = []
        used_r: list[Decision] = []
        unused: list[Decision] = []
        for entries, out in ((self.confirm, used_c), (self.reject, used_r)):
            for d in entries:
                oriented = _orient(d, a_name, a_ids, b_name, b_ids)
                if oriented is None:
                    unused.append(d)
                else:
                    out.append(oriented)
        return tuple(used_c), tuple(used_r), tuple(unused)


def _orient(
    d: Decision, a_name: str, a_ids: frozenset[str], b_name: str, b_ids: frozenset[str]
) -> Decision | None:
    if d.models:
        if list(d.models) == [a_name, b_name] and set(d.a) <= a_ids and set(d.b) <= b_ids:
            return d
        if list(d.models) == [b_name, a_name] and set(d.b) <= a_ids and set(d.a) <= b_ids:
            return Decision(d.b, d.a, (a_name, b_name), d.line, d.where)
        return None
    if set(d.a) <= a_ids and set(d.b) <= b_ids:
        return d
    if set(d.b) <= a_ids and set(d.a) <= b_ids:
        return Decision(d.b, d.a, (), d.line, d.where)
    return None


NO_DECISIONS = MatchDecisions()


def _ids(value: Any, where: str, source: str, lines: Mapping[str, int]) -> tuple[str, ...]:
    if isinstance(value, str) and value:
        return (value,)
    if isinstance(value, list) and value and all(isinstance(v, str) and v for v in value):
        return tuple(value)
    raise InputError(
        f"expected an element id or a list of ids, got {shown(value)}", file=source, line=lines.get(where), path=where
    )


def check_decisions(
    decisions: MatchDecisions,
    models: Mapping[str, Iterable[str]],
    *,
    source: str,
    not_steps: Mapping[str, str] | None = None,
) -> None:
    """Refuse a decisions file that names a step no model compared has.

    ``models``: model name -> its step ids. An entry scoped with ``models:`` to two models
    of this comparison must name steps of those two; an entry without ``models`` must
    name, for each id, a step of some model compared. Entries scoped to other models are
    for another comparison and pass. The error names the file, the entry's line and the
    unknown id. ``not_steps``: id -> what it is (``exclusiveGateway of helsingborg``) for the
    other elements of the models: a gateway named in the file is said to be one, not a step.
    """
    steps = {name: set(ids) for name, ids in models.items()}
    every = set().union(*steps.values()) if steps else set()
    for d in decisions.confirm + decisions.reject:
        if d.models and not set(d.models) <= set(steps):
            continue
        for side, ids in (("a", d.a), ("b", d.b)):
            known = every
            if d.models:
                known = steps[d.models[0] if side == "a" else d.models[1]]
            for element in ids:
                if element not in known:
                    scope = d.models[0 if side == "a" else 1] if d.models else ", ".join(steps)
                    what = (not_steps or {}).get(element)
                    raise InputError(
                        f"'{element}' is a{'n' if what and what[0] in 'aeiou' else ''} {what}, not a step "
                        "(expected the id of a task, subprocess, call activity or event: gateways are not matched)"
                        if what
                        else f"'{element}' is not a step of {scope} (expected a step id of the models compared)",
                        file=source,
                        line=d.line or None,
                        path=f"{d.where}.{side}" if d.where else None,
                    )


def parse_decisions(data: str | bytes, *, source: str = "<matches>") -> MatchDecisions:
    """Read a match-decisions file (format above); errors name the file and entry."""
    doc: Any
    doc, lines = load_user_yaml_lines(data, source=source)
    if doc is None:
        return NO_DECISIONS
    if not isinstance(doc, dict):
        raise InputError("expected a mapping with 'confirm:' and/or 'reject:' lists", file=source)
    refuse_unknown_keys(doc, ("schema_version", "confirm", "reject"), lines, source)
    if doc.get("schema_version", 1) != 1:
        raise InputError(
            f"schema_version {doc.get('schema_version')!r} is not supported (expected 1)",
            file=source,
            line=lines.get("schema_version"),
        )
    lists: dict[str, list[Decision]] = {"confirm": [], "reject": []}
    for key in lists:
        entries = doc.get(key) or []
        if not isinstance(entries, list):
            raise InputError(
                f"expected a list, got {type(entries).__name__}", file=source, line=lines.get(key), path=key
            )
        for i, entry in enumerate(entries):
            where = f"{key}[{i}]"
            if (
                not isinstance(entry, dict)
                or set(entry) - {"a", "b", "models"}
                or "a" not in entry
                or "b" not in entry
            ):
                raise InputError(
                    f"expected {{a: ID or [IDs], b: ID or [IDs], models: [A, B] (optional)}}, got {shown(entry)}",
                    file=source,
                    line=lines.get(where),
                    path=where,
                )
            models: tuple[str, ...] = ()
            if "models" in entry:
                models = _ids(entry["models"], where + ".models", source, lines)
                if len(models) != 2:
                    raise InputError(
                        f"models must name exactly two models, got {list(models)}",
                        file=source,
                        line=lines.get(where + ".models"),
                        path=where + ".models",
                    )
            lists[key].append(
                Decision(
                    _ids(entry["a"], where + ".a", source, lines),
                    _ids(entry["b"], where + ".b", source, lines),
                    models,
                    lines.get(where, 0),
                    where,
                )
            )
    return MatchDecisions(tuple(lists["confirm"]), tuple(lists["reject"]), source)
