"""The report's assumption tables (:func:`report.assumptions.assumption_tables`) as the page shows
them: made early during a run and taken again when made of the same inputs, each row's words with the
models' names in another language marked, and the run settings every scenario of a process shares.

Its own module: what the tables say is :mod:`report.assumptions`'; this is when they are made and
how the page marks them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from processes.errors import PermitflowError
from processes.model import Definitions
from report.assumptions import assumption_tables
from report.namemarks import NameMarks
from report.processnames import step_names, town_names
from report.words import LANGUAGES

__all__ = ["DrawnAssumptions", "early_assumptions", "scenario_runs", "drawn_assumption_tables",
           "marked_assumptions"]


#: the assumption tables of a run made earlier (:func:`early_assumptions`): the profiles (by process, in the
#: report's order), step names and run settings they were made of, and the tables
DrawnAssumptions = tuple[Mapping[str, Any], Mapping[str, Any], Mapping[str, Any], list[dict[str, Any]]]


def early_assumptions(doc: Mapping[str, Any], processes: Mapping[str, str], profiles: Mapping[str, Any],
                      parsed: Mapping[str, Definitions | PermitflowError]) -> DrawnAssumptions:
    """The assumption tables of a run without ``--uncertainty``, made now from ``doc`` (for a run: its first
    points, while its other units run; they name every scenario, process and run setting): ``render_report``'s
    ``drawn_assumptions`` takes them when its own inputs are the same (the very profile objects, equal step
    names and run settings), the same tables."""
    towns = town_names(doc, profiles)
    chosen = {m: profiles[m] for m in towns["en"] if m in profiles}
    names, runs = step_names(processes, profiles, parsed), scenario_runs(doc)
    return chosen, names, runs, assumption_tables(chosen, names, None, runs)


def marked_assumptions(tables: list[dict[str, Any]], marks: NameMarks) -> list[dict[str, Any]]:
    """The assumption ``tables`` with each row's words, value, basis ("why") and range as HTML, the models'
    names in another language
    than the page's marked (:class:`NameMarks`); the tables made earlier stay as they were."""
    return [{**table, "rows": [{**row, **{key: marks.both({lang: row[key][lang] for lang in LANGUAGES},
                                                          (table["member"],))
                                          for key in ("words", "value", "why")},
                                "range": {**row["range"], **marks.both({lang: row["range"][lang]
                                                                        for lang in LANGUAGES},
                                                                       (table["member"],))}}
                               for row in table["rows"]]}
            for table in tables]


def drawn_assumption_tables(chosen: Mapping[str, Any], names: Mapping[str, Any],
                            uncertainty: Mapping[str, Any] | None, runs: Mapping[str, Any],
                            drawn: DrawnAssumptions | None) -> list[dict[str, Any]]:
    """:func:`report.assumptions.assumption_tables`, or those ``drawn`` earlier of the same inputs."""
    if drawn is not None and uncertainty is None:
        made_chosen, made_names, made_runs, tables = drawn
        if (list(made_chosen) == list(chosen) and all(made_chosen[m] is p for m, p in chosen.items())
                and made_names == names and made_runs == runs):
            return tables
    return assumption_tables(chosen, names, uncertainty, runs)


def scenario_runs(doc: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """Per process, the run settings (``start``, ``horizon``, ``warmup``) that every scenario simulating it set
    alike (a process whose scenarios differ, or set none, is not named): what its assumptions' simulated period
    says.

    >>> scenario_runs({"scenarios": [{"members": ["a", "b"], "settings": {"horizon": "3y", "warmup": "8w"}},
    ...                              {"members": ["b"], "settings": {"horizon": "1y"}}]})
    {'a': {'horizon': '3y', 'warmup': '8w'}}
    """
    seen: dict[str, list[dict[str, Any]]] = {}
    for s in doc["scenarios"]:
        run = {k: v for k, v in (s.get("settings") or {}).items() if k in ("start", "horizon", "warmup")}
        for member in s.get("members") or ():
            seen.setdefault(member, []).append(run)
    return {member: runs[0] for member, runs in seen.items() if runs[0] and all(r == runs[0] for r in runs)}
