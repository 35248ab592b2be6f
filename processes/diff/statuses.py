"""A case system's status line read as the step it records.

An analyst who configures a case-management system draws its steps in the system's words:
"Set status Refused, auto-email decision letter", "Status ändras till Komplett och
handläggningstiden startar". Another person draws the same moment as the work a clerk sees:
"Notice of refusal issued to applicant", "Sökanden underrättas om att ansökan är fullständig".
Read whole, the status line's system words ("set status", "auto-") are terms the other label
lacks, and the pair stays below every bar.

After every other pass, ``status_pass`` reads each status line left over without those words
(``reading``: "Refused, email decision letter") and pairs it with a step of the other model
left over when

* they are of one family (task with task),
* the reading's label is at least ``STATUS_LABEL`` (0.3, the uncertain tier's bar) alike and
  more alike than the line read whole,
* each is the other's best by label among the other model's steps of its family left over,
  ahead of every rival by ``STATUS_MARGIN`` (0.05), and
* their place agrees: walking back (or forward) through steps left over from each meets the
  same matched step first.

Only a status line that does other work too is read so (``says_more``: words before the
status, or another clause after it): a status set and nothing else ("Status ändras till Under
utredning") is a record only a case system draws, not the work its status names ("Utredning
upprättas …"; the gold lists of the development pairs call such lines only in one model).
Anything less sure stays for the uncertain tier. ``how`` is ``status``, the confidence
the pair's combined score (below the threshold), and a note says why.

>>> reading("Set status Refused, auto-email decision letter")
'Refused, email decision letter'
>>> reading("Status ändras till Komplett och handläggningstiden startar")
'Komplett och handläggningstiden startar'
>>> reading("Review the application")
''
"""

from __future__ import annotations

import re

import numpy as np

from processes.diff.labelsim import CONTAIN, label_matrix
from processes.diff.matchtypes import Match, PassInput, family, what
from processes.diff.tiers import step_places
from processes.diff.view import display_name

__all__ = ["STATUS", "STATUS_LABEL", "STATUS_MARGIN", "reading", "says_more", "status_pass"]

#: the ``how`` of a pair found here
STATUS = "status"
STATUS_LABEL = 0.3
STATUS_MARGIN = 0.05

#: how a status is set, in English and Swedish: "Set status X", "status changed to X",
#: "Status ändras till X", "Status sätts till X", "status blir X", "sätter status X"
_STATUS = re.compile(
    r"(?:\b(?:set|sets|change|changes|update|updates)\s+(?:the\s+)?(?:case\s+)?status(?:\s+to)?"
    r"|\b(?:case\s+)?status\s+(?:is\s+)?(?:set|changed|updated)\s+to"
    r"|\bstatus\s+(?:ändras|sätts|blir)(?:\s+till)?"
    r"|\bsätter\s+status)\s*",
    re.IGNORECASE,
)
#: the system doing it on its own: "auto-email", "auto-notify"
_AUTO = re.compile(r"\bauto-(?=\w)", re.IGNORECASE)


#: where a status line goes on to say other work: "…, auto-email …", "… och handläggningstiden startar"
_MORE = re.compile(r"[,;]|\s(?:and|och|samt)\s", re.IGNORECASE)


def reading(name: str) -> str:
    """``name`` without its status-setting words (module doc), or "" when it sets no status."""
    if not _STATUS.search(name):
        return ""
    return " ".join(_AUTO.sub("", _STATUS.sub("", name)).split())


def says_more(name: str) -> bool:
    """Whether a status line does other work besides setting the status: words before the
    status ("Create case, set status Submitted") or another clause after it ("Set status
    Refused, auto-email decision letter"); "Status ändras till Under utredning" does not.

    >>> says_more("Set status Refused, auto-email decision letter"), says_more("Status ändras till Under utredning")
    (True, False)
    """
    found = _STATUS.search(name)
    if found is None:
        return False
    before = name[: found.start()].strip(" ,;:-")
    return bool(before) or bool(_MORE.search(name[found.end():]))


def status_pass(given: PassInput, matches: list[Match]) -> tuple[list[Match], tuple[str, ...]]:
    """``matches`` with status lines paired by what they record (module doc), and a note per pair."""
    a, b, lex, langs = given.a, given.b, given.lex, given.langs
    lab, score, banned = given.lab, given.score, given.banned
    found: list[Match] = []
    notes: list[str] = []
    for side in ("a", "b"):
        one, other = (a, b) if side == "a" else (b, a)
        here = lab if side == "a" else lab.T
        scores = score if side == "a" else score.T
        lang_one, lang_other = langs if side == "a" else langs[::-1]
        taken = {s for m in matches + found for s in (m.a if side == "a" else m.b)}
        taken_other = {s for m in matches + found for s in (m.b if side == "a" else m.a)}
        rows = {s: i for i, s in enumerate(one.steps)}
        cols = {s: j for j, s in enumerate(other.steps)}
        lines = {
            s: text
            for s, st in one.steps.items()
            if s not in taken and family(st) == "activity" and says_more(st.name) and (text := reading(what(lex, st, lang_one)))
        }
        free_one = [s for s, st in one.steps.items() if s not in taken and family(st) == "activity"]
        free_other = [s for s, st in other.steps.items() if s not in taken_other and family(st) == "activity"]
        if not lines or not free_other:
            continue
        names = [what(lex, other.steps[y], lang_other) for y in free_other]
        read = label_matrix(lex, list(lines.values()), names, lang_a=lang_one, lang_b=lang_other, contain=CONTAIN)
        read = read.reshape(len(lines), len(free_other))
        units_one = {s: k for k, m in enumerate(matches) for s in (m.a if side == "a" else m.b)}
        units_other = {s: k for k, m in enumerate(matches) for s in (m.b if side == "a" else m.a)}
        places_one, places_other = step_places(one, units_one), step_places(other, units_other)
        for r, (x, _) in enumerate(lines.items()):
            row = np.maximum(read[r], here[rows[x], [cols[y] for y in free_other]])
            order = np.argsort(-row, kind="stable")
            best = int(order[0])
            y = free_other[best]
            value = float(row[best])
            pair = (x, y) if side == "a" else (y, x)
            if value < STATUS_LABEL or float(read[r, best]) <= float(here[rows[x], cols[y]]) or pair in banned:
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
            m = Match((pair[0],), (pair[1],), conf, round(value, 3), STATUS)
            found.append(m)
            notes.append(
                f'"{display_name(a.steps[pair[0]])}" = "{display_name(b.steps[pair[1]])}": matched with lower '
                f"confidence ({conf:.2f}), a status line read as the step it records "
                f'("{lines[x]}"), labels {value:.2f} alike so read, next to the same matched step'
            )
    return matches + found, tuple(notes)
