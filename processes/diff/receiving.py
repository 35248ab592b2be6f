"""A task that receives what arrives stands for the arrival: "Ta emot och diarieföra remissvar"
against one answer event per body ("Yttrande från Polisen", "Svar SKV/KFM", "Yttrande RTJ").

One clerk draws the answers coming in as a task of her own ("Ta emot och diarieföra remissvar",
"Receive the reports"); the other draws each answer's arrival as an event. The task is the moment
of arrival, like a task that waits (``matchtypes.WAITING``), but it is also work, so it is not made
an event everywhere (``matchtypes.family`` is unchanged): only the group pass reads it, when the
other model's steps it would take are sibling events (bench/RESULTS-matching.md, "Branch many58").

A *receiving task* (:func:`is_receiving`) is a task whose label's first action is receiving: its
name, a Swedish staff role as first word left out, begins with a receiving verb (``RECEIVING``).
The label decides, not the BPMN type: a receiveTask named "Registrera remissvar" is registering.
Its *arrival reading* (:func:`arrival_reading`) leaves out a verb coordinated right after the
receiving verb: "Ta emot och diarieföra remissvar" is "Ta emot remissvar" (registering what came
in is the clerk's own work on it).

>>> arrival_reading("Ta emot och diarieföra remissvar", "sv")
'Ta emot remissvar'
>>> arrival_reading("Receive and file the reports", "en")
'Receive the reports'
>>> arrival_reading("Registrera remissvar", "sv")
'Registrera remissvar'
"""

from __future__ import annotations

from collections.abc import Iterable

from processes.diff.matchtypes import STAFF_ROLES, family, named
from processes.diff.view import Step

__all__ = ["RECEIVING", "arrival_reading", "is_receiving", "stands_for_arrivals"]

#: the receiving verbs a receiving task's label begins with, per language (each a tuple of words)
RECEIVING: dict[str, tuple[tuple[str, ...], ...]] = {
    "sv": (("ta", "emot"), ("tar", "emot"), ("tas", "emot")),
    "en": (("receive",), ("receives",), ("receiving",)),
}
_AND = {"sv": "och", "en": "and"}


def _verb_length(words: list[str], lang: str) -> int:
    """How many of ``words`` (casefolded) the receiving verb they begin with takes; 0 for none."""
    for verb in RECEIVING.get(lang, ()):
        if tuple(words[: len(verb)]) == verb:
            return len(verb)
    return 0


def _after_role(words: list[str], lang: str) -> list[str]:
    # a Swedish staff role as the subject ("Registratorn tar emot ...") says who, not what
    if lang == "sv" and len(words) >= 2 and words[0].casefold() in STAFF_ROLES:
        return words[1:]
    return words


def is_receiving(step: Step, lang: str) -> bool:
    """Whether ``step`` is a task whose label's first action is receiving (module doc)."""
    if step.kind != "task" or not named(step):
        return False
    words = _after_role(step.name.replace(",", " ").split(), lang)
    return _verb_length([w.casefold() for w in words], lang) > 0


def arrival_reading(label: str, lang: str) -> str:
    """``label`` without a verb coordinated right after its receiving verb (module doc)."""
    words = label.split()
    role = len(words) - len(_after_role(words, lang))
    low = [w.casefold() for w in words[role:]]
    n = _verb_length(low, lang)
    if n and len(low) > n + 2 and low[n] == _AND.get(lang):
        return " ".join(words[: role + n] + words[role + n + 2 :])
    return label


def stands_for_arrivals(step: Step, others: Iterable[Step], lang: str) -> bool:
    """Whether ``step`` is a receiving task and every one of ``others`` an event: the task counts
    as their arrival (the group pass's siblings, groups.py)."""
    found = list(others)
    return bool(found) and is_receiving(step, lang) and all(family(y) == "event" for y in found)
