"""profile.yaml <-> processes.params: read, check, write back, override, audit provenance.

A profile sits beside process.bpmn and holds the municipality's facts and its
simulation parameters keyed by BPMN element id (docs/profile.md documents every
key). Errors are one line with file, line, key path, the bad value and what is
allowed::

    helsingborg/profile.yaml:41: simulation.elements.Task_Review.duration.dist:
    unknown distribution 'lognorml' (expected one of fixed, exponential, ...)

>>> p = parse_profile('''
... simulation:
...   start: 2025-01-01
...   cases: 10
...   arrivals: {per_year: 40}
... ''', source="x.yaml")
>>> p.simulation.cases
10
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from bpmn_io.profile_facts import LANGUAGES, facts_from_data
from bpmn_io.profile_schema import (
    PROVENANCE_KEYS,
    simparams_from_data,
    split_path,
)
from bpmn_io.profile_values import (
    ANNOTATION_KEYS,
    KEYS,
    provenance_problem,
    provenance_text,
    record_kind,
    shown_value,
)
from bpmn_io.userfile import MAX_YAML_BYTES, read_user_file
from bpmn_io.yamlsrc import YamlDoc, dump_yaml, load_yaml, path_text
from processes.durations import is_duration_text
from processes.errors import InputError, did_you_mean
from processes.frozenclass import frozen_dataclass
from processes.frozenmap import FrozenMap
from processes.params import Fact, SimParams
from processes.rulewords import rule_error, written

__all__ = [
    "not_a_profile",
    "Profile",
    "parse_profile",
    "read_profile",
    "profile_from_data",
    "dump_profile",
    "provenance_gaps",
    "apply_overrides",
    "OverrideRefused",
    "TOP_KEYS",
    "LANGUAGES",
    "shown_name",
]

class OverrideRefused(InputError):
    """Overrides that leave an invalid profile. ``reason`` is what the profile's check says, alone: a scenario
    file's line names the override itself, once (scenarios.overrides; it said the path twice)."""

    reason: str = ""


def _refused(dotted: str, value: Any, problem: str, *, source: str | None, path: str | None) -> OverrideRefused:
    """The refusal of override ``dotted=value`` for ``problem``, which a scenario file's line says alone."""
    refused = OverrideRefused(f"override {dotted}={value!r}: {problem}", file=source, path=path)
    refused.reason = problem
    return refused


#: the keys of a profile document (besides source/assumption/note)
TOP_KEYS = ("municipality", "names", "handled_by", "facts", "simulation")


def shown_name(raw: Any, lang: str, fallback: str) -> str:
    """The name a page or report shows for the profile data ``raw`` in ``lang``: its ``names:`` entry in that
    language (``names: {en: National reference, sv: Nationell referens}``), else its ``municipality:``, else
    ``fallback`` (its folder's or upload's name).

    >>> shown_name({"municipality": "Nationell referens", "names": {"en": "National reference"}}, "en", "x")
    'National reference'
    >>> shown_name({"municipality": "Nationell referens", "names": {"en": "National reference"}}, "sv", "x")
    'Nationell referens'
    >>> shown_name({}, "en", "astorp")
    'astorp'
    """
    raw = raw if isinstance(raw, Mapping) else {}
    names = raw.get("names")
    said = names.get(lang) if isinstance(names, Mapping) else None
    return str(said or raw.get("municipality") or fallback)


def pool_names(raw: Any, lang: str) -> dict[str, str]:
    """Staff group (``simulation.pools``) id -> the name a page or report shows for it in ``lang``: its ``name:``,
    text or one per language (``name: {en: HR department, sv: Personalavdelningen}``); a pool without one is left
    out (its id's words are shown: ``officer``, the case officers). ``convert --to profile`` names each pool after
    its lane, so that an imported model's "HR Department" is not called the case officers (found by QA, qadev2).

    >>> pool_names({"simulation": {"pools": {"officer": {"name": "HR Department"}, "registry": {}}}}, "sv")
    {'officer': 'HR Department'}
    >>> pool_names({"simulation": {"pools": {"officer": {"name": {"en": "HR", "sv": "Personal"}}}}}, "sv")
    {'officer': 'Personal'}
    """
    raw = raw if isinstance(raw, Mapping) else {}
    pools = (raw.get("simulation") or {}).get("pools") if isinstance(raw.get("simulation"), Mapping) else None
    out = {}
    for pool, spec in (pools or {}).items() if isinstance(pools, Mapping) else ():
        name = spec.get("name") if isinstance(spec, Mapping) else None
        said = name.get(lang) if isinstance(name, Mapping) else name
        if isinstance(said, str) and said.strip():
            out[str(pool)] = " ".join(said.split())
    return out


@frozen_dataclass
class Profile:
    """A parsed profile: facts, simulation parameters, and the plain data it came from.

    ``raw`` is the loaded YAML (plain dicts and lists): overrides apply to it and
    ``dump_profile`` writes it back. Treat it as read-only.
    """

    municipality: str | None
    handled_by: str | None
    facts: FrozenMap[str, Fact]
    simulation: SimParams | None
    raw: Any
    source: str | None = None


def profile_from_data(raw: Any, *, source: str | None = None, doc: YamlDoc | None = None) -> Profile:
    """Check plain profile data and build a ``Profile``.

    ``doc`` (the loaded YAML) lets errors carry the line of the key they name.
    """
    try:
        if raw is None:
            raw = {}
        if not isinstance(raw, Mapping):
            raise not_a_profile(raw).located(file=source, line=doc.line(()) if doc is not None else None)
        for key in raw:
            if key not in TOP_KEYS and key not in PROVENANCE_KEYS:
                raise rule_error("unknown_key", path=str(key), key=repr(key), keys=", ".join(TOP_KEYS + PROVENANCE_KEYS))
        for key in ("municipality", "handled_by"):
            if raw.get(key) is not None and not isinstance(raw[key], str):
                raise rule_error("not_name", path=key, value=written(raw[key]))
        names = raw.get("names")
        if names is not None:
            if not isinstance(names, Mapping):
                raise rule_error("not_names_per_language", path="names", value=written(names))
            for lang, name in names.items():
                if lang not in LANGUAGES:
                    raise rule_error("unknown_language", path=f"names.{lang}", value=written(lang),
                                     languages=", ".join(LANGUAGES))
                if not isinstance(name, str):
                    raise rule_error("not_name", path=f"names.{lang}", value=written(name))
        _check_provenance(raw, ())
        facts = facts_from_data(raw.get("facts"))
        simulation = simparams_from_data(raw["simulation"]) if raw.get("simulation") is not None else None
    except InputError as err:
        line = doc.line(split_path(err.path)) if doc is not None and err.path else None
        raise err.located(file=source, line=line) from None
    return Profile(raw.get("municipality"), raw.get("handled_by"), facts, simulation, raw, source)


#: what a YAML document that is not a mapping holds, in plain words (English, Swedish)
_HOLDS: tuple[tuple[type | tuple[type, ...], tuple[str, str]], ...] = (
    (bool, ("true or false", "sant eller falskt")),
    ((int, float), ("a number", "ett tal")),
    (str, ("a text", "en text")),
    (list, ("a list", "en lista")),
)


def not_a_profile(raw: Any) -> InputError:
    """The error for a profile file whose YAML is not a mapping (a log or model given as the profile reads
    as one text): what it holds and what a profile is, the same wherever a profile is read."""
    kind = next((said for kinds, said in _HOLDS if isinstance(raw, kinds)), ("nothing", "ingenting"))
    return rule_error("not_profile_mapping", keys=", ".join(TOP_KEYS), kind=kind)


def parse_profile(data: bytes | str, *, source: str | None = None) -> Profile:
    """Parse profile YAML text; ``source`` names the file in error messages. A text that holds nothing (empty,
    or comments only: a failed export, the wrong file) is refused, as :mod:`scenarios.bases` refuses it for
    ``simulate``; a profile that is meant to be empty, calibrate's start from nothing, is written ``{}``."""
    doc = load_yaml(data, source=source)
    if doc.data is None:
        raise not_a_profile(None).located(file=source, line=doc.line(()) or 1)
    return profile_from_data(doc.data, source=source, doc=doc)


def read_profile(path: str | Path) -> Profile:
    """Read and parse the profile file at ``path``."""
    data = read_user_file(path, what="profile", max_bytes=MAX_YAML_BYTES)
    return parse_profile(data, source=str(path))


def dump_profile(profile: Profile) -> str:
    """YAML text of ``profile`` (its ``raw`` data); parsing it gives an equal profile."""
    return dump_yaml(profile.raw)


def _is_number(value: Any) -> bool:
    return (isinstance(value, (int, float)) and not isinstance(value, bool)) or is_duration_text(value)


def _check_provenance(value: Any, path: tuple[Any, ...]) -> None:
    """Every ``source:``, ``assumption:`` and ``note:`` is text or ``{en: text, sv: text}``."""
    if isinstance(value, Mapping):
        for key, item in value.items():
            problem = provenance_problem(item) if key in PROVENANCE_KEYS else None
            if problem:
                raise rule_error("provenance", path=path_text(path + (key,)), value=written(item))
            _check_provenance(item, path + (key,))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            _check_provenance(item, path + (i,))


def _documents(mapping: Mapping[str, Any]) -> bool:
    return any(provenance_text(mapping.get(k)).strip() for k in ("source", "assumption") if k in mapping)


def provenance_gaps(raw_doc: Any) -> list[str]:
    """Key paths of numbers not covered by a ``source:`` or ``assumption:``.

    A number (an int or float, or a duration such as ``'3d'``) is covered when
    its own mapping or any enclosing mapping has a non-empty ``source`` or
    ``assumption``. Values of the keys ``source``/``assumption``/``note`` are
    prose and not checked.

    >>> provenance_gaps({"facts": {"fee": {"value": 11700}, "x": {"value": 3, "source": "url"}}})
    ['facts.fee.value']
    """
    gaps: list[str] = []

    def walk(value: Any, path: tuple[Any, ...], covered: bool) -> None:
        if isinstance(value, Mapping):
            covered = covered or _documents(value)
            for key, item in value.items():
                if key not in ANNOTATION_KEYS:
                    walk(item, path + (key,), covered)
        elif isinstance(value, list):
            for i, item in enumerate(value):
                walk(item, path + (i,), covered)
        elif _is_number(value) and not covered:
            gaps.append(path_text(path))

    walk(raw_doc, (), False)
    return gaps


def _plain(value: Any, path: str) -> Any:
    if value is None or isinstance(value, (str, int, float, bool, dt.date)):
        return value
    if isinstance(value, (list, tuple)):
        return [_plain(v, path) for v in value]
    if isinstance(value, Mapping):
        return {str(k): _plain(v, path) for k, v in value.items()}
    raise InputError(
        f"override value {value!r} is not plain data (expected text, number, list or mapping)", path=path
    )


def _missing_step(node: dict[Any, Any], parts: tuple[Any, ...], depth: int, dotted: str, value: Any,
                  source: str | None) -> None:
    """Key ``parts[depth]``, absent from ``node`` on the way to a deeper key: a pool's ``members`` is made
    (``members.NAME={}`` names a person on a pool without members: a complete entry, so meaningful alone);
    any other absence is refused, the expected keys those the schema allows there (else those ``node`` has)."""
    part, here = parts[depth], path_text(parts[:depth]) or "the top level"
    kind = record_kind(parts[:depth])
    if kind == "pool" and part == "members":
        node[part] = {}
        return
    if kind is not None and part in KEYS[kind]:
        problem = f"{here} has no {part!r} to set a part of (expected the whole value: {path_text(parts[: depth + 1])}=...)"
    else:
        known = [*KEYS[kind], *PROVENANCE_KEYS] if kind is not None else [str(k) for k in node]
        problem = (f"unknown key {part!r} in {here} (expected one of {', '.join(known) or 'nothing: it is empty'})"
                   f"{did_you_mean(str(part), known)}")
    raise _refused(dotted, value, problem, source=source, path=dotted)


def apply_overrides(raw_doc: Any, overrides: Mapping[str, Any], *, source: str | None = None) -> Any:
    """A copy of ``raw_doc`` with each dotted path set to its value, checked.

    Every step of a path but the last must exist (``simulation.pools.oficer.count``
    fails, naming the keys that exist; under a mapping the schema knows, such as a
    pool, the keys it may have) but a pool's ``members``, made for
    ``...members.NAME``; the last key may be new, and the result must still be a
    valid profile. List items are addressed as ``seasonality[6]``
    or ``seasonality.6``. Errors name the path, the bad value and what is allowed.

    >>> raw = {"simulation": {"start": "2025-01-01", "cases": 5, "arrivals": {"per_year": 40}}}
    >>> apply_overrides(raw, {"simulation.arrivals.per_year": 60})["simulation"]["arrivals"]
    {'per_year': 60}
    """
    doc = copy.deepcopy(raw_doc) if raw_doc is not None else {}
    for dotted, value in overrides.items():
        parts = tuple(int(p) if isinstance(p, str) and p.isdigit() else p for p in split_path(str(dotted)))
        if not parts:
            raise InputError(
                "empty override path (expected e.g. simulation.pools.officer.count)", file=source
            )
        node = doc
        for depth, part in enumerate(parts):
            here = path_text(parts[:depth]) or "the top level"
            last = depth == len(parts) - 1
            if isinstance(node, list):
                if not isinstance(part, int) or not 0 <= part < len(node):
                    raise _refused(str(dotted), value, f"{here} is a list of {len(node)} items "
                                   f"(expected an index 0..{len(node) - 1}, got {part!r})", source=source,
                                   path=str(dotted))
            elif isinstance(node, dict):
                if part not in node and not last:
                    _missing_step(node, parts, depth, str(dotted), value, source)
            else:
                raise _refused(str(dotted), value, f"{here} is the value {node!r}, which has no keys",
                               source=source, path=str(dotted))
            if last:
                node[part] = _plain(value, str(dotted))
            else:
                node = node[part]
    try:
        profile_from_data(doc)
    except InputError as err:
        refused = OverrideRefused(
            f"override {', '.join(f'{k}={shown_value(v)}' for k, v in overrides.items())} gives an invalid profile: {err.message}",
            file=source,
            path=err.path,
        )
        refused.reason = err.message
        raise refused from None
    return doc
