"""What the report calls the processes it shows: each process's BPMN parsed once, its steps' names in
each language (never an element id), the municipalities' names and the scenarios' titles.

Its own module: the diagrams, the figures tables, the assumptions and the plots all name things so;
it is the layer under each of them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from bpmn_io.profile import pool_names, shown_name
from bpmn_io.reader import parse_bpmn
from processes.errors import PermitflowError
from processes.model import Definitions
from report.stepwords import step_words
from report.words import LANGUAGES, scenario_words

__all__ = ["parsed_processes", "step_names", "town_names", "member_names", "scenario_titles"]


def scenario_titles(doc: Mapping[str, Any]) -> dict[str, dict[str, str]]:
    return {s["name"]: {lang: scenario_words(s["name"], lang) for lang in LANGUAGES} for s in doc["scenarios"]}


def parsed_processes(processes: Mapping[str, str],
                     known: Mapping[str, tuple[str, Definitions | PermitflowError]] | None = None,
                     ) -> dict[str, Definitions | PermitflowError]:
    """Each process's BPMN parsed once (for its diagram and its element names), or why not.
    ``known``: name -> (BPMN text, what it parsed to) of an earlier call: a text that is the same
    is not parsed again (:func:`render_report`'s ``parsed``)."""
    out: dict[str, Definitions | PermitflowError] = {}
    for member, bpmn in processes.items():
        if known is not None and member in known and known[member][0] == bpmn:
            out[member] = known[member][1]
            continue
        try:
            out[member] = parse_bpmn(bpmn.encode("utf-8"), source=f"{member}.bpmn")
        except PermitflowError as err:
            out[member] = err
    return out


def _profile_ids(profile: Mapping[str, Any] | None) -> set[str]:
    """The element ids ``profile``'s ``simulation.elements`` names: its keys, and the branches its
    probabilities and conditions name."""
    elements = ((profile or {}).get("simulation") or {}).get("elements") or {}
    ids = set(elements)
    for spec in elements.values():
        for key in ("probabilities", "conditions"):
            if isinstance(spec, Mapping) and isinstance(spec.get(key), Mapping):
                ids |= set(spec[key])
    return ids


def step_names(processes: Mapping[str, str], profiles: Mapping[str, Any],
               parsed: Mapping[str, Definitions | PermitflowError] | None = None,
               ) -> dict[str, dict[str, dict[str, str]]]:
    """Per language, per process: element id -> the name its BPMN gives it in that language, or for an
    unnamed timer words that say what it is (:func:`report.stepwords.step_words`), never its id."""
    parsed = parsed if parsed is not None else parsed_processes(processes)
    out: dict[str, dict[str, dict[str, str]]] = {lang: {} for lang in LANGUAGES}
    for member in processes:
        defs = parsed[member]
        profile = profiles.get(member)
        elements = ((profile or {}).get("simulation") or {}).get("elements") or {}
        for lang in LANGUAGES:
            # a staff group by its name: (pool_names), "utilisation of HR Department", not of the case officers
            out[lang][member] = {**pool_names(profile, lang), **({} if isinstance(defs, PermitflowError)
                                 else step_words(defs, elements, lang, _profile_ids(profile)))}
    return out


def town_names(doc: Mapping[str, Any], profiles: Mapping[str, Any]) -> dict[str, dict[str, str]]:
    """Language -> process name -> the municipality's name in that language (its profile's ``names:``, else its
    ``municipality``: :func:`bpmn_io.profile.shown_name`; found by QA: "Nationell referens" on the English page)."""
    towns: dict[str, dict[str, str]] = {lang: {} for lang in LANGUAGES}
    for s in doc["scenarios"]:
        for member in s["members"]:
            for lang in LANGUAGES:
                towns[lang][member] = shown_name(profiles.get(member), lang, member)
    return towns


def unnamed_towns(doc: Mapping[str, Any], profiles: Mapping[str, Any]) -> frozenset[str]:
    """The processes whose profile names no municipality (no ``municipality:``, no ``names:``; as ``convert
    --to profile`` writes one): a report names them as models, not as municipalities (found by QA, qawords:
    "Municipalities: Tillfälligt serveringstillstånd").

    >>> sorted(unnamed_towns({"scenarios": [{"members": ["a", "b"]}]}, {"a": {"municipality": "Åstorp"}}))
    ['b']
    """
    return frozenset(m for s in doc["scenarios"] for m in s["members"]
                     if not any(shown_name(profiles.get(m), lang, "") for lang in LANGUAGES))


def member_names(names: Mapping[str, Mapping[str, Mapping[str, str]]],
                 members: Iterable[str]) -> dict[str, dict[str, str]]:
    """Per language, an element id's shown name in any of ``members``' processes (a failure's words
    name the join by it)."""
    return {lang: {i: n for m in members for i, n in (names.get(lang, {}).get(m) or {}).items()}
            for lang in LANGUAGES}
