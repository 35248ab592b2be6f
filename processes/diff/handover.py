"""The hand-over across the exchange: "You send us X" on one side is "X received" on the other.

An applicant's guide draws the applicant's act ("You send us the missing documents", "Provide
missing information"); the office draws the moment the thing reaches it ("Further information
received", "Info rec'd", a message catch event). The verbs are each side's half of one moment and
differ by construction; what passes, *X*, is what the two share (bench/RESULTS-matching.md, "Branch
many45").

In a pair of English models, after every other pass, a *sending* of one model (a task whose label,
after an optional subject, begins with a verb of sending, :func:`sent_thing`) and an *arrival* of
the other (a step whose label names a receiving, or a receive task or message catch event, that is
no sending itself, :func:`arrived_thing`) are paired when both are left over, stand in the same
place (tiers.py), their X are at least ``THING_BAR`` alike, each is the other's best by that
likeness among the senders and arrivals of its place (no tie), and the pair is not ruled out. A
sending is never paired with the other model's own sending of the same X. The two are on different
sides of the exchange: the sending on the applicant's (its lane names the applicant, or its label's
subject is "you" or "the applicant", :func:`applicant_side`), the arrival on the office's (not on the
applicant's side, in a model not written in the applicant's voice). The match's ``how`` is
``handover``, its confidence the better of the pair's combined score and how alike the thing handed over is (a
sending task against an arrival event scores nothing as a whole pair), and a note says why.

>>> sent_thing("You send us the missing documents")
'the missing documents'
>>> sent_thing("Submit plans to the council")
'plans'
>>> sent_thing("Further information received") is None
True
>>> arrived_thing("Info rec'd", "event", "intermediate_catch:message")
'Info'
"""

from __future__ import annotations

import numpy as np

from processes.diff.labelsim import label_matrix
from processes.diff.matchtypes import ACTIVITIES, Match, PassInput, match_units
from processes.diff.perspective import applicant_voiced
from processes.diff.text import normalise
from processes.diff.tiers import Place, step_places
from processes.diff.view import ModelView, Step, display_name

__all__ = ["HANDOVER", "THING_BAR", "applicant_side", "arrived_thing", "handover_pass", "sent_thing"]

#: the ``how`` of a pair found here
HANDOVER = "handover"
#: how alike the two X must be (the task's bar)
THING_BAR = 0.2

_SUBJECTS = (("the", "applicant"), ("applicant",), ("you",), ("we",))
_APPLICANT_SUBJECTS = (("the", "applicant"), ("applicant",), ("you",))
_SENDING = frozenset(
    f"{v}{s}"
    for v in ("send", "provide", "submit", "lodge", "supply", "give", "deliver", "return")
    for s in ("", "s")
) | {"supplies"}
_PRONOUNS = frozenset("us you them it".split())
_RECEIVING = frozenset("received receive receives arrives arrived arrive rec'd rec’d recd receipt".split())
_ARRIVAL_DETAILS = frozenset(("intermediate_catch:message", "start:message", "boundary:message"))


def _words(label: str) -> list[str]:
    return label.replace(",", " ").split()


def sent_thing(label: str) -> str | None:
    """What a sending label passes on (its X), or ``None`` when the label is no sending."""
    words = _words(label)
    low = [w.lower() for w in words]
    for subject in _SUBJECTS:
        if tuple(low[: len(subject)]) == subject and len(low) > len(subject):
            words, low = words[len(subject) :], low[len(subject) :]
            break
    if not low or low[0] not in _SENDING:
        return None
    rest = words[1:]
    if "to" in low[1:]:
        rest = rest[: low[1:].index("to")]
    thing = [w for w in rest if w.lower() not in _PRONOUNS]
    return " ".join(thing) or None


def arrived_thing(label: str, kind: str, detail: str) -> str | None:
    """What an arriving step receives (its X), or ``None`` when the step is no arrival."""
    if sent_thing(label) is not None:
        return None
    words = _words(label)
    named = any(w.lower() in _RECEIVING for w in words)
    typed = (kind == "task" and detail == "receiveTask") or (kind == "event" and detail in _ARRIVAL_DETAILS)
    if not named and not typed:
        return None
    thing = [w for w in words if w.lower() not in _RECEIVING]
    return " ".join(thing) or None


def handover_pass(given: PassInput, matches: list[Match]) -> tuple[list[Match], tuple[str, ...]]:
    """``matches`` with the hand-over pairs added (module doc), one note per pair."""
    if given.langs != ("en", "en"):
        return matches, ()
    unit_a, unit_b = match_units(matches)
    places_a, places_b = step_places(given.a, unit_a), step_places(given.b, unit_b)
    found: list[Match] = []
    notes: list[str] = []
    for senders, receivers, swapped in ((given.a, given.b, False), (given.b, given.a, True)):
        units_s, units_r = (unit_b, unit_a) if swapped else (unit_a, unit_b)
        places_s, places_r = (places_b, places_a) if swapped else (places_a, places_b)
        if applicant_voiced(receivers):
            continue  # the arrival's model is the applicant's own guide, not the office's
        xs = _sendings(senders, units_s)
        ys = _arrivals(receivers, units_r)
        if not xs or not ys:
            continue
        alike = label_matrix(given.lex, [t for _, t in xs], [t for _, t in ys], lang_a="en", lang_b="en")
        alike = alike.reshape(len(xs), len(ys))
        near = np.array(
            [[_same_place(places_s[x], places_r[y]) for y, _ in ys] for x, _ in xs], dtype=bool
        ).reshape(len(xs), len(ys))
        alike = np.where(near, alike, 0.0)
        for r, (x, _) in enumerate(xs):
            c = int(np.argmax(alike[r]))
            best = float(alike[r, c])
            if best < THING_BAR or _tied(alike[r], c) or _tied(alike[:, c], r):
                continue
            a_id, b_id = (ys[c][0], x) if swapped else (x, ys[c][0])
            if (a_id, b_id) in given.banned:
                continue
            i, j = list(given.a.steps).index(a_id), list(given.b.steps).index(b_id)
            m = Match(
                (a_id,),
                (b_id,),
                # a sending task against an arrival event scores low or nothing as a whole pair (task
                # against event): the confidence is the better of that and how alike the thing handed over is
                round(max(float(given.score[i, j]), best), 3),
                round(float(given.lab[i, j]), 3),
                HANDOVER,
            )
            found.append(m)
            notes.append(
                f'"{display_name(given.a.steps[a_id])}" = "{display_name(given.b.steps[b_id])}": matched with lower '
                f"confidence ({m.confidence:.2f}), one model sends what the other receives: the thing handed over "
                f'("{xs[r][1]}" / "{ys[c][1]}") is {best:.2f} alike in the same place'
            )
    return matches + found, tuple(notes)


def applicant_side(step: Step) -> bool:
    """Whether ``step`` is the applicant's part of the exchange: its lane names the applicant, or
    its label's subject is "you", "the applicant" or "applicant" (many48's condition: a model drawn
    from one side holds that side's sendings and arrivals both, which are no hand-over).

    >>> from processes.diff.view import Step
    >>> applicant_side(Step("t", "Provide missing information", "task", "user", performer="Applicant"))
    True
    >>> applicant_side(Step("t", "You send us the missing documents", "task", "user"))
    True
    >>> applicant_side(Step("t", "Send the missing documents", "task", "user", performer="Licensing team"))
    False
    """
    if {"applicant", "applicants"} & set(normalise(step.performer).split()):
        return True
    low = [w.lower() for w in _words(step.name)]
    return any(tuple(low[: len(subject)]) == subject for subject in _APPLICANT_SUBJECTS)


def _tied(row: np.ndarray, at: int) -> bool:
    """Whether another entry of ``row`` is as high as ``row[at]`` (no clear best)."""
    return bool(np.count_nonzero(row >= row[at]) > 1)


def _sendings(view: ModelView, units: dict[str, int]) -> list[tuple[str, str]]:
    out = []
    for s, st in view.steps.items():
        if s in units or st.kind not in ACTIVITIES or not st.name:
            continue
        if applicant_side(st) and (thing := sent_thing(st.name)) is not None:
            out.append((s, thing))
    return out


def _arrivals(view: ModelView, units: dict[str, int]) -> list[tuple[str, str]]:
    out = []
    for s, st in view.steps.items():
        if s in units or not st.name:
            continue
        if not applicant_side(st) and (thing := arrived_thing(st.name, st.kind, st.detail)) is not None:
            out.append((s, thing))
    return out


def _same_place(here: Place, there: Place) -> bool:
    return bool(here[0] & there[0]) and bool(here[1] & there[1])
