"""End events that close the same outcome, and the one waiting event of a kind, are one moment.

A permit case ends granted, refused or withdrawn, and two people drawing it name those ends
in their own words: "License issued" against "License framed on the wall - you can start
serving", "Application refused" against "File closed - licence refused", "Licence granted"
against "Premises licence issued". The matcher pairs the only end event of each model, and two
ends between the same matched steps (endings.py); a model with three ends, drawn by someone
else in another order, keeps them apart. After every other pass, ``outcome_pass``:

1. reads each end event left over by its words as an **outcome** (``OUTCOMES``: granted,
   refused, withdrawn; a refusal or a withdrawal wins over "closed" or "issued" in the same
   name) and pairs the end of an outcome with the other model's end of the same outcome when
   each model has exactly one such end left over;
2. then, where each model has exactly one end left over that is not a refusal or a
   withdrawal (the case granted, or just "closed"), pairs those two when their place agrees:
   walking back from each through steps left over, the same matched step is met first;
3. pairs two intermediate events that wait for the same trigger (a period running out, a
   message arriving) when each model has exactly one left over of that trigger and their place
   agrees (the same matched step met first walking back, or walking forward); for any trigger
   but a timer their labels must be related too (``leftovers.RELATED``): what arrives is said
   in words ("Avgiften är betald" is not "Ansökan med bilagor inkommen"), a period running out
   is the same moment whatever the period is called.

Anything else stays for the uncertain tier ("both end the process, neither is matched"): two
ends of the same outcome where a model has two, an end whose place disagrees. Each pair has
``how`` ``outcome`` and a note naming why; its confidence is the pair's combined score (found
by its outcome or place, not by its words).

>>> outcome("Application refused"), outcome("File closed - licence refused"), outcome("Ärendet avslutat")
('refused', 'refused', '')
"""

from __future__ import annotations

from processes.diff.leftovers import RELATED
from processes.diff.matchtypes import Match, PassInput, match_units
from processes.diff.text import normalise
from processes.diff.tiers import step_places
from processes.diff.view import Step, display_name

__all__ = ["OUTCOME", "OUTCOMES", "outcome", "outcome_pass"]

#: the ``how`` of a pair found here
OUTCOME = "outcome"
#: how an outcome is said (word beginnings, English and Swedish), the negative ones first
OUTCOMES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("refused", ("refus", "deni", "deny", "reject", "declin", "avslag", "avslå", "avslog", "nekad", "nekas")),
    (
        "withdrawn",
        (
            "withdr",
            "abandon",
            "lapse",
            "cancel",
            "dismiss",
            "återkall",
            "återta",
            "återtag",
            "avskriv",
            "avvis",
            "makuler",
            "förfall",
        ),
    ),
    ("granted", ("grant", "issu", "approv", "award", "bevilj", "godkän", "bifall", "utfärda")),
)
_NEGATIVE = ("refused", "withdrawn")


def outcome(name: str) -> str:
    """The outcome an end event's name says (``OUTCOMES``), or "" when it says none."""
    words = normalise(name).split()
    for kind, starts in OUTCOMES:
        if any(w.startswith(starts) for w in words):
            return kind
    return ""


def _is_end(step: Step) -> bool:
    return step.kind == "event" and step.detail.split(":")[0] == "end"


def _waits(step: Step) -> str:
    """The trigger of an intermediate catch event ("timer", "message" …), else ""."""
    if step.kind != "event" or not step.detail.startswith("intermediate_catch:"):
        return ""
    return step.detail.split(":", 1)[1]


def _lone(items: dict[str, str], kind: str) -> str | None:
    found = [s for s, k in items.items() if k == kind]
    return found[0] if len(found) == 1 else None


def outcome_pass(given: PassInput, matches: list[Match]) -> tuple[list[Match], tuple[str, ...]]:
    """``matches`` with the end and waiting events paired by outcome and place (module doc),
    and one note per pair."""
    a, b, lab, score, banned = given.a, given.b, given.lab, given.score, given.banned
    unit_a, unit_b = match_units(matches)
    ends_a = {s: outcome(st.name) for s, st in a.steps.items() if s not in unit_a and _is_end(st)}
    ends_b = {s: outcome(st.name) for s, st in b.steps.items() if s not in unit_b and _is_end(st)}
    waits_a = {s: w for s, st in a.steps.items() if s not in unit_a and (w := _waits(st))}
    waits_b = {s: w for s, st in b.steps.items() if s not in unit_b and (w := _waits(st))}
    if not (ends_a and ends_b) and not (waits_a and waits_b):
        return matches, ()
    places_a, places_b = step_places(a, unit_a), step_places(b, unit_b)
    ia = {s: i for i, s in enumerate(a.steps)}
    ib = {s: j for j, s in enumerate(b.steps)}
    found: list[Match] = []
    notes: list[str] = []

    def pair(x: str, y: str, why: str) -> None:
        if (x, y) in banned:
            return
        i, j = ia[x], ib[y]
        m = Match((x,), (y,), round(float(score[i, j]), 3), round(float(lab[i, j]), 3), OUTCOME)
        found.append(m)
        notes.append(
            f'"{display_name(a.steps[x])}" = "{display_name(b.steps[y])}": matched with lower confidence '
            f"({m.confidence:.2f}), {why}"
        )

    for kind, _ in OUTCOMES:
        x, y = _lone(ends_a, kind), _lone(ends_b, kind)
        if x is not None and y is not None:
            pair(x, y, f"both end the case {kind}, the only such end left over in each model")
            del ends_a[x], ends_b[y]
    rest_a = [s for s, k in ends_a.items() if k not in _NEGATIVE]
    rest_b = [s for s, k in ends_b.items() if k not in _NEGATIVE]
    if len(rest_a) == 1 and len(rest_b) == 1 and _same(places_a[rest_a[0]][0], places_b[rest_b[0]][0]):
        pair(
            rest_a[0],
            rest_b[0],
            "the only end left over in each model that is not a refusal or a withdrawal, "
            "reached from the same matched step",
        )
    for trigger in sorted(set(waits_a.values()) & set(waits_b.values())):
        x, y = _lone(waits_a, trigger), _lone(waits_b, trigger)
        if x is None or y is None:
            continue
        (back_x, forth_x), (back_y, forth_y) = places_a[x], places_b[y]
        if trigger != "timer" and float(lab[ia[x], ib[y]]) < RELATED:
            continue
        if _same(back_x, back_y) or _same(forth_x, forth_y):
            pair(x, y, f"the only {trigger} event left over in each model, next to the same matched step")
    return matches + found, tuple(notes)


def _same(units_x: frozenset[int], units_y: frozenset[int]) -> bool:
    """Whether two place ends share a correspondence."""
    return bool(units_x & units_y)
