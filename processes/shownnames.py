"""A step's, lane's, branch's or pool's name in the reader's language, beside the name drawn on it.

An element's ``name`` is the name in the drawing's language: what a modelling tool shows and what
``diff`` and ``compare`` match on. Its ``names`` may give the name a page or report shows in each
language (``{"en": "Register the application"}``); a language it does not give shows the drawn name.
Ids are never shown.

>>> from processes.model import FrozenMap, Task
>>> t = Task(id="Task_Diarie", name="Diarieför ansökan", names=FrozenMap({"en": "Register the application"}))
>>> name_in(t, "en"), name_in(t, "sv"), name_in(Task(id="T"), "en")
('Register the application', 'Diarieför ansökan', '')
>>> language_problem("de", "Registrieren"), language_problem("en", ["a"])
("unknown language 'de' (expected one of en, sv)", "['a'] is not a name (expected text)")
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from processes.model import Definitions, FrozenMap
from processes.mojibake import repair_mojibake

__all__ = ["LANGUAGES", "name_in", "language_problem", "in_language", "has_names"]

#: the languages a page or report speaks, and so those a model may name its elements in
LANGUAGES = ("en", "sv")


def name_in(element: Any, lang: str) -> str:
    """``element``'s name in ``lang`` (its ``names`` entry), else its drawn ``name``; "" without either. A
    name a tool wrote in the wrong encoding is read as meant (:func:`processes.mojibake.repair_mojibake`), as
    diff, show and render read it: the simulate table, the report and the web page name "Rechnung klären"
    too (found by QA, qawords)."""
    names = getattr(element, "names", None)
    said = names.get(lang) if names else None
    return repair_mojibake(str(said or getattr(element, "name", "") or ""))


def language_problem(lang: Any, name: Any) -> str | None:
    """Why ``lang: name`` is no name per language (one line, without where), or None when it is one."""
    if not isinstance(lang, str) or lang not in LANGUAGES:
        return f"unknown language {lang!r} (expected one of {', '.join(LANGUAGES)})"
    if not isinstance(name, str) or not name.strip():
        return f"{name!r} is not a name (expected text)"
    return None


def has_names(defs: Definitions, lang: str | None = None) -> bool:
    """Whether any element of ``defs`` gives a name in ``lang`` that differs from its drawn one (without
    ``lang``: whether any gives a name per language at all)."""
    if lang is None:
        return any(e.names for e in _named(defs))
    return any(_differs(e, lang) for e in _named(defs))


def in_language(defs: Definitions, lang: str) -> Definitions:
    """``defs`` with every element's ``name`` replaced by its name in ``lang`` (for a drawing in that
    language); ``defs`` itself when no element gives another name in ``lang``."""
    if not has_names(defs, lang):
        return defs

    def said(e: Any) -> Any:
        return replace(e, name=e.names[lang]) if _differs(e, lang) else e

    processes = []
    for p in defs.processes:
        lane_sets = tuple(replace(ls, lanes=tuple(_lane(lane, said) for lane in ls.lanes)) for ls in p.lane_sets)
        processes.append(said(replace(
            p, nodes=FrozenMap({k: said(n) for k, n in p.nodes.items()}),
            flows=FrozenMap({k: said(f) for k, f in p.flows.items()}), lane_sets=lane_sets)))
    collaborations = tuple(replace(
        c, participants=tuple(said(part) for part in c.participants),
        message_flows=FrozenMap({k: said(f) for k, f in c.message_flows.items()})) for c in defs.collaborations)
    return replace(defs, processes=tuple(processes), collaborations=collaborations)


def _lane(lane: Any, said: Any) -> Any:
    lane = said(lane)
    if lane.child_lane_set is None:
        return lane
    children = tuple(_lane(child, said) for child in lane.child_lane_set.lanes)
    return replace(lane, child_lane_set=replace(lane.child_lane_set, lanes=children))


def _differs(element: Any, lang: str) -> bool:
    said = (getattr(element, "names", None) or {}).get(lang)
    return bool(said) and said != element.name


def _named(defs: Definitions) -> list[Any]:
    out: list[Any] = []
    for p in defs.processes:
        out += [p, *p.nodes.values(), *p.flows.values(), *p.lanes()]
    for c in defs.collaborations:
        out += [*c.participants, *c.message_flows.values()]
    return out
