"""A case system's status record is the moment another model draws as an event.

The administrator of a case system draws the status it sets: "Auto: status Komplett – starta
handläggningstid (4 mån)", "Status: alla remissvar inkomna"; a clerk draws the same moment as
a milestone: "KOMPLETT = 4 mån börjar!!", "Alla svar är inne". The status line is a task, the
milestone an event, and a task and an event pair only when their labels are nearly the same
(matching.py); statuses.py pairs a status line only with a task, and only one that says more
than the status. Against an event a status set and nothing else is the record of the moment
the event marks.

A status record (Swedish labels; :func:`status_record`) is a label that sets a status as
``statuses.reading`` reads it, or begins with "status" / "ärendestatus" and goes on; its
reading is the rest. ``status_event_pass`` pairs a status record left over with an
intermediate event of the other model left over when the reading is at least
``STATUS_LABEL`` alike the event's label and more than the line read whole, the event is the
line's clear best among the other model's intermediate events left over and no other step of
the line's model left over comes as close to it, and both places agree (statuses.py's
conditions). ``how`` is ``status``; a note says why.

>>> status_record("status Komplett – starta handläggningstid (4 mån)")
'Komplett – starta handläggningstid (4 mån)'
>>> status_record("Status: alla remissvar inkomna"), status_record("Statusmöte med chefen")
('alla remissvar inkomna', '')
"""

from __future__ import annotations

import re

import numpy as np

from processes.diff.labelsim import CONTAIN, label_matrix
from processes.diff.matchtypes import Match, PassInput, family, what
from processes.diff.statuses import STATUS, STATUS_LABEL, STATUS_MARGIN, reading
from processes.diff.tiers import step_places
from processes.diff.view import ModelView, display_name

__all__ = ["status_record", "status_event_pass"]

#: a label that begins with the status it records: "Status: komplett", "status Komplett", "Ärendestatus: beslutad"
_LEADING = re.compile(r"^\s*(?:ärende)?status\b\s*:?\s*(?=\S)", re.IGNORECASE)


def status_record(label: str) -> str:
    """What a status line records (module doc), or "" when ``label`` is no status line."""
    found = _LEADING.match(label)
    if found is not None:
        return label[found.end():].strip()
    return reading(label)


def _intermediate(view: ModelView, s: str) -> bool:
    step = view.steps[s]
    return family(step) == "event" and step.detail.split(":")[0] not in ("start", "end")


def status_event_pass(given: PassInput, matches: list[Match]) -> tuple[list[Match], tuple[str, ...]]:
    """``matches`` with status records paired with the events they record (module doc), and a note per pair."""
    a, b, lex, langs = given.a, given.b, given.lex, given.langs
    lab, score, banned = given.lab, given.score, given.banned
    if langs != ("sv", "sv"):
        return matches, ()
    found: list[Match] = []
    notes: list[str] = []
    for side in ("a", "b"):
        one, other = (a, b) if side == "a" else (b, a)
        here = lab if side == "a" else lab.T
        scores = score if side == "a" else score.T
        taken = {s for m in matches + found for s in (m.a if side == "a" else m.b)}
        taken_other = {s for m in matches + found for s in (m.b if side == "a" else m.a)}
        rows = {s: i for i, s in enumerate(one.steps)}
        cols = {s: j for j, s in enumerate(other.steps)}
        lines = {
            s: text
            for s, st in one.steps.items()
            if s not in taken and family(st) == "activity" and (text := status_record(what(lex, st, "sv")))
        }
        events = [y for y in other.steps if y not in taken_other and _intermediate(other, y)]
        if not lines or not events:
            continue
        free_one = [s for s in one.steps if s not in taken]
        names = [what(lex, other.steps[y], "sv") for y in events]
        read = label_matrix(lex, list(lines.values()), names, lang_a="sv", lang_b="sv", contain=CONTAIN)
        read = read.reshape(len(lines), len(events))
        units_one = {s: k for k, m in enumerate(matches + found) for s in (m.a if side == "a" else m.b)}
        units_other = {s: k for k, m in enumerate(matches + found) for s in (m.b if side == "a" else m.a)}
        places_one, places_other = step_places(one, units_one), step_places(other, units_other)
        for r, (x, text) in enumerate(lines.items()):
            row = read[r]
            order = np.argsort(-row, kind="stable")
            best = int(order[0])
            y = events[best]
            value = float(row[best])
            pair = (x, y) if side == "a" else (y, x)
            if y in taken_other or value < STATUS_LABEL or value <= float(here[rows[x], cols[y]]) or pair in banned:
                continue
            if len(order) > 1 and float(row[int(order[1])]) > value - STATUS_MARGIN:
                continue
            rivals = [float(here[rows[s], cols[y]]) for s in free_one if s != x]
            if rivals and max(rivals) > value - STATUS_MARGIN:
                continue
            (back_x, forth_x), (back_y, forth_y) = places_one[x], places_other[y]
            if not (back_x & back_y or forth_x & forth_y):
                continue
            conf = round(float(scores[rows[x], cols[y]]), 3)
            found.append(Match((pair[0],), (pair[1],), conf, round(value, 3), STATUS))
            taken_other.add(y)
            notes.append(
                f'"{display_name(a.steps[pair[0]])}" = "{display_name(b.steps[pair[1]])}": matched with lower '
                f'confidence ({conf:.2f}), a status record read as the moment the other model draws as an event '
                f'("{text}"), labels {value:.2f} alike so read, next to the same matched step'
            )
    return matches + found, tuple(notes)
