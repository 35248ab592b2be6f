"""The applicant's answer to the hearing: one correspondence with the other model's one hearing step.

One clerk draws the hearing as a step and the answer coming in as an event after it —
"Kommunicering med sökanden", then "Synpunkter in / svarstiden ute" — the other as one step
that names the answer it waits for, "Kommunicering – sökande får yttra sig (2 v)" (p76; p68
"Kommunicera sökanden och invänta svar"; bench/RESULTS-matching.md, "Branch many87"). The
hearings pair one to one and the event, of another family than every step of the other model's
hearing, was called only in one model. A waiting timer after the hearing is a wait, not the
answer, and stays apart (p79 "Svarstid för sökanden (2 v)").

*A hearing step*: an activity a word of whose label starts with "kommunic". *An answer event*
of a hearing step x: a named intermediate catch event with a message trigger whose steps right
before are x alone. A hearing step *names the answer* when a word of its label starts with
"yttr", "svar", "synpunkt" or "invänt".

``hearing_answer_pass`` (Swedish pairs): when one model has exactly one hearing step x with
exactly one answer event e, and the other exactly one hearing step y that names the answer and
has no event right after it,

* e joins x's correspondence when that holds x alone against y alone (not confirmed) and e is
  left over;
* or {x, e} = y is made when all three are left over.

No banned pair is made.
"""

from __future__ import annotations

import re

from processes.diff.alternatives import _widened
from processes.diff.matchtypes import ACTIVITIES, Match, PassInput, ids_on, named
from processes.diff.view import ModelView

__all__ = ["answer_events", "hearing_answer_pass", "hearing_steps", "names_answer"]

_WORD = re.compile(r"[^\W\d_]+")
_ANSWER_STEMS = ("yttr", "svar", "synpunkt", "invänt")


def _words(label: str) -> list[str]:
    return [w.casefold() for w in _WORD.findall(label)]


def _is_hearing(label: str) -> bool:
    return any(w.startswith("kommunic") for w in _words(label))


def names_answer(label: str) -> bool:
    """Whether a hearing step's ``label`` names the answer it waits for.

    >>> names_answer("Kommunicering – sökande får yttra sig (2 v)")
    True
    >>> names_answer("Kommunicera sökanden och invänta svar")
    True
    >>> names_answer("Kommunicering med sökanden")
    False
    """
    return any(w.startswith(_ANSWER_STEMS) for w in _words(label))


def hearing_steps(view: ModelView) -> list[str]:
    """The activities of ``view`` whose label names the hearing ("kommunic…"), in model order."""
    return [s for s, st in view.steps.items() if st.kind in ACTIVITIES and _is_hearing(named(st))]


def answer_events(view: ModelView, x: str) -> list[str]:
    """The named message catch events whose steps right before are ``x`` alone."""
    out = []
    for s in view.successors(x):
        st = view.steps[s]
        if st.kind == "event" and st.detail == "intermediate_catch:message" and named(st):
            if view.predecessors(s) == (x,):
                out.append(s)
    return out


def hearing_answer_pass(given: PassInput, matches: list[Match]) -> list[Match]:
    """The hearing's answer event with the other model's one hearing step (module doc)."""
    if given.langs[0] != "sv" or given.langs[1] != "sv":
        return matches
    out = _side(given, matches, "a")
    return _side(given.swapped(), out, "b")


def _side(given: PassInput, matches: list[Match], side: str) -> list[Match]:
    one, other = given.a, given.b
    mine, theirs = hearing_steps(one), hearing_steps(other)
    if len(mine) != 1 or len(theirs) != 1:
        return matches
    x, y = mine[0], theirs[0]
    answers = answer_events(one, x)
    if len(answers) != 1 or not names_answer(named(other.steps[y])):
        return matches
    if any(other.steps[t].kind == "event" for t in other.successors(y)):
        return matches
    e = answers[0]
    other_side = "b" if side == "a" else "a"
    held = {s for m in matches for s in ids_on(m, side)}
    if e in held or (e, y) in given.banned:
        return matches
    y_in = [k for k, m in enumerate(matches) if y in ids_on(m, other_side)]
    result = list(matches)
    if y_in:
        m = matches[y_in[0]]
        if m.how == "confirmed" or ids_on(m, other_side) != (y,) or ids_on(m, side) != (x,):
            return matches
        result[y_in[0]] = _widened(given, m, [e], y, side)
    elif x not in held and (x, y) not in given.banned:
        result.append(_widened(given, None, [x, e], y, side))
    return result
