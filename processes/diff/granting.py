"""Granting or refusing the permit is the decision.

Many models draw the decision by its outcome: "Bevilja serveringstillstånd (delegat –
arbetsutskottet)" on one branch of the proposal's choice, "Beslut i ärendet (socialnämnden – avslag
delegeras inte)" on the other, or "Grant the premises licence" / "Refuse the application". Such a
step names neither a decision noun nor a deciding verb, yet it *is* the decision, and the other
model's one "Socialutskottet beslutar" is both of them (deciding.decision_pass's one-to-many).
:func:`grants_or_refuses` reads a label as a grant or a refusal when a verb of granting or refusing
has the permit or the application as its object:

* active ("Bevilja serveringstillstånd", "Nämnden avslår ansökan", "Committee refuses
  application"): the verb first, second, or after a deciding body's name, the object one of the
  next three words with no "att", "som", "om", "och" ("to", "that", "for", "and") between; "meddela"
  and "ge" grant only in the legal register, with the permit as the very next word ("Meddela
  serveringstillstånd", not "Meddela beslut om tillstånd");
* passive ("Ansökan om serveringstillstånd beviljas", "Licence granted"): the object first, or one of
  at most two words before the verb.

Not one: a label that sends the outcome somewhere ("till", "to": a dispatch), or a proposal
("Förslag: avslå ansökan", "Recommend granting the licence"). bench/RESULTS-matching.md, "Branch
many67", states the rule and its lists.

>>> [grants_or_refuses(x, "sv") for x in ("Bevilja serveringstillstånd", "Ansökan avslås", "Meddela tillstånd")]
[True, True, True]
>>> [grants_or_refuses(x, "sv") for x in ("Meddela beslut om tillstånd", "Bevilja anstånd", "Utfärda tillståndsbevis")]
[False, False, False]
>>> [grants_or_refuses(x, "en") for x in ("Grant the premises licence", "Application refused", "Send granted licence")]
[True, True, False]
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from processes.diff.decisionwords import label_words

__all__ = ["grants_or_refuses"]

#: Swedish verbs of granting or refusing, active: their object is the permit or the application
_SV_ACTIVE = frozenset(
    "bevilja beviljar beviljade avslå avslår avslog bifalla bifall bifaller biföll neka nekar nekade vägra vägrar vägrade".split()
)
#: granting in the legal register: the permit itself must follow ("meddela serveringstillstånd")
_SV_REGISTER = frozenset({"meddela", "meddelar", "ge", "ger", "gav"})
_SV_PASSIVE = frozenset({"beviljas", "beviljades", "avslås", "avslogs", "bifalls", "nekas", "vägras"})
_SV_REGISTER_PASSIVE = frozenset({"meddelas", "ges"})
_SV_BETWEEN = frozenset({"att", "som", "om", "och"})
_SV_PROPOSAL = ("förslag", "föreslå")
_SV_PERMIT = ("tillstånd", "tillståndet", "tillstånden")
_SV_APPLICATION = ("ansökan", "ansökningen", "ansökningar", "ansökningarna")

_EN_ACTIVE = frozenset(
    "grant grants granting refuse refuses refusing approve approves approving deny denies denying".split()
)
_EN_PASSIVE = frozenset({"granted", "refused", "approved", "denied"})
_EN_BETWEEN = frozenset({"to", "that", "for", "and"})
_EN_AUXILIARY = frozenset({"is", "are", "was", "be"})
_EN_PROPOSAL = ("propos", "recommend")
_EN_PERMIT = frozenset({"licence", "license", "licences", "licenses", "permit", "permits"})
_EN_APPLICATION = frozenset({"application", "applications"})

#: the object stands within this many words after an active verb
_OBJECT_WINDOW = 3
#: at most this many words before a passive verb when the first of them is not the object
_PASSIVE_LEAD = 2


def _sv_permit(word: str) -> bool:
    return word.endswith(_SV_PERMIT)


def _sv_object(word: str) -> bool:
    return word.endswith(_SV_PERMIT) or word.endswith(_SV_APPLICATION)


def _en_permit(word: str) -> bool:
    return word in _EN_PERMIT


def _en_object(word: str) -> bool:
    return word in _EN_PERMIT or word in _EN_APPLICATION


def _object_follows(
    words: Sequence[str], at: int, is_object: Callable[[str], bool], between: frozenset[str]
) -> bool:
    """Whether the verb at ``at`` has its object among the next words, none of ``between`` before it."""
    for word in words[at + 1 : at + 1 + _OBJECT_WINDOW]:
        if is_object(word):
            return True
        if word in between:
            return False
    return False


def _object_before(
    words: Sequence[str], at: int, is_object: Callable[[str], bool], skipped: frozenset[str]
) -> bool:
    """Whether the passive verb at ``at`` has its object first, or among at most two words before it."""
    lead = [w for w in words[:at] if w not in skipped]
    if not lead:
        return False
    return is_object(lead[0]) or (len(lead) <= _PASSIVE_LEAD and any(is_object(w) for w in lead))


def grants_or_refuses(label: str, lang: str, *, subject_ends: int = 0) -> bool:
    """Whether ``label`` (a step's name without a party as its subject) grants or refuses the
    permit or the application (module doc). ``subject_ends`` is where a deciding body's name
    before the verb ends, when the caller has read one (deciding's ``_subject_length``)."""
    words = label_words(label)
    if lang == "sv":
        return _swedish(words, subject_ends)
    if lang == "en":
        return _english(words)
    return False


def _swedish(words: list[str], subject_ends: int) -> bool:
    if not words or "till" in words or any(w.startswith(_SV_PROPOSAL) for w in words):
        return False
    for at in sorted({0, 1, subject_ends}):
        if at >= len(words):
            continue
        verb = words[at]
        if verb in _SV_ACTIVE and _object_follows(words, at, _sv_object, _SV_BETWEEN):
            return True
        if verb in _SV_REGISTER and at + 1 < len(words) and _sv_permit(words[at + 1]):
            return True
    for at, verb in enumerate(words):
        if verb in _SV_PASSIVE and _object_before(words, at, _sv_object, frozenset()):
            return True
        if verb in _SV_REGISTER_PASSIVE and _object_before(words, at, _sv_permit, frozenset()):
            return True
    return False


def _english(words: list[str]) -> bool:
    if not words or "to" in words or any(w.startswith(_EN_PROPOSAL) for w in words):
        return False
    for at, verb in enumerate(words[:3]):
        if verb in _EN_ACTIVE and _object_follows(words, at, _en_object, _EN_BETWEEN):
            return True
    for at, verb in enumerate(words):
        if verb in _EN_PASSIVE and _object_before(words, at, _en_object, _EN_AUXILIARY):
            return True
    return False
