"""Which column of a CSV case log is which: the case, the activity, the times, the resource.

``--case``, ``--activity``, ``--timestamp``, ``--start``, ``--resource``, ``--time``
(:class:`~bpmn_io.caselog.LogColumns`) name a column; a role not given is guessed from common
header names in English and Swedish (:data:`GUESSES`), and the notes say when another column would
fit a guessed role too, or when the header names a column read twice. Its own module because the
header is read once, before any row, and knows nothing of rows, dates or encodings
(:mod:`bpmn_io.csvlog` reads the rows).
"""

from __future__ import annotations

import re

from bpmn_io.caselog import LogColumns
from processes.errors import InputError

__all__ = ["GUESSES", "guess_columns", "other_fits", "named_twice"]

#: role -> header names recognised (compared lower-case, with spaces, '-' and '_' removed)
GUESSES: dict[str, tuple[str, ...]] = {
    # a diarium's bare "Ärende" is as often the matter ("Bygglov") as its number: named numbers first
    "case": ("caseid", "case", "caseconceptname", "casenumber", "ärendeid", "ärendenummer", "arendeid",
             "arendenummer", "diarienummer", "dnr", "ärende", "arende", "traceid"),
    "activity": ("activity", "activityname", "conceptname", "task", "taskname", "eventname", "aktivitet",
                 "händelse", "handelse", "åtgärd", "atgard", "moment", "steg"),
    "timestamp": ("end", "endtime", "endtimestamp", "complete", "completetimestamp", "completed",
                  "completetime", "timestamp", "timetimestamp", "time", "datetime", "date", "sluttid", "slut",
                  "klar", "datum", "tidpunkt"),
    "start": ("start", "starttime", "starttimestamp", "started", "starttid", "påbörjad"),
    "resource": ("resource", "orgresource", "user", "userid", "performer", "officer", "employee",
                 "handläggare", "handlaggare", "utförare", "resurs", "användare"),
    "element": ("element", "permitflowelement", "elementid"),
    # beside a date column ("Datum;Tid", "Datum;Tidpunkt"); a "Tidpunkt" alone is the timestamp
    "time": ("tid", "klockslag", "klocka", "kl", "timeofday", "tidpunkt"),
}
_REQUIRED = ("case", "activity", "timestamp")
_OPTION = {"case": "--case", "activity": "--activity", "timestamp": "--timestamp", "start": "--start",
           "resource": "--resource", "element": "--element", "time": "--time"}


def _norm(name: str) -> str:
    return re.sub(r"[\s_\-]+", "", name.strip().lower())


def guess_columns(header: list[str], columns: LogColumns, *, source: str) -> tuple[dict[str, str | None], tuple[str, ...]]:
    """(role -> column name, roles guessed) for ``header``; given names must exist."""
    by_norm: dict[str, str] = {}
    for name in header:
        by_norm.setdefault(_norm(name), name)
    mapping: dict[str, str | None] = {}
    guessed = []
    for role in ("case", "activity", "timestamp", "start", "resource", "element", "time"):
        given = getattr(columns, role)
        if given is not None:
            if given not in header:
                raise InputError(f"{_OPTION[role]} {given!r}: no such column (the header has "
                                 f"{', '.join(repr(h) for h in header)})", file=source, line=1)
            mapping[role] = given
            continue
        taken = set(mapping.values())
        found = next((by_norm[g] for g in GUESSES[role] if g in by_norm and by_norm[g] not in taken), None)
        if found is not None or role != "time":  # a time-of-day column is named only when there is one
            mapping[role] = found
        if found is not None:
            guessed.append(role)
    missing = [r for r in _REQUIRED if mapping[r] is None]
    if missing:
        raise InputError(
            f"no column for the {' and the '.join(missing)} (the header has {', '.join(repr(h) for h in header)}; "
            f"give {' '.join(_OPTION[r] + ' NAME' for r in missing)})", file=source, line=1)
    return mapping, tuple(guessed)


def other_fits(header: list[str], mapping: dict[str, str | None], guessed: tuple[str, ...]) -> list[str]:
    """A note for each guessed role another unused column would fit as well ("Aktivitet" taken, "Händelse"
    left): the guess is said, not made silently."""
    used = set(mapping.values())
    notes = []
    for role in guessed:
        if role == "time":
            continue
        names = {_norm(g) for g in GUESSES[role]}
        others = [h for h in header if h not in used and _norm(h) in names]
        if others:
            notes.append(f"column {mapping[role]!r} read as the {role} (guessed); {', '.join(map(repr, others))} "
                         f"would fit too: give {_OPTION[role]} NAME to read another")
    return notes


def named_twice(header: list[str], mapping: dict[str, str | None]) -> list[str]:
    """A note for each column read whose name the header gives more than once ("Datum;Datum"): the first is read."""
    notes = []
    for role, name in mapping.items():
        at = [i + 1 for i, h in enumerate(header) if h == name]
        if len(at) > 1:
            notes.append(f"{len(at)} columns are named {name!r} (columns {', '.join(map(str, at))}): the first is read "
                         f"as the {role}; rename the others in the header, or remove them")
    return notes
