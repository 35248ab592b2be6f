"""Where the compared municipalities' processes differ, in sentences in English and Swedish.

The report's comparison of municipalities says each variation point
(:class:`processes.diff.nway.Variation`) in its own words, made from the variation's
data — the steps it is about, the steps they are compared with, what differs and each
process's value — not from the diff engine's English message, which ``permitflow diff``
and ``permitflow compare`` keep for process developers.

>>> from processes.model import FrozenMap
>>> from processes.diff.nway import Variation
>>> v = Variation("control_flow", "B", FrozenMap({"x": "parallel", "y": "after"}), "...", ("B",), ("C", "D"),
...               "concurrency")
>>> variation_words(v, {"x": "Xby", "y": "Yby"}, "en")
'In Xby, “B” runs in parallel with “C” and “D”; in Yby, it comes after them.'
>>> variation_words(v, {"x": "Xby", "y": "Yby"}, "sv")
'I Xby sker ”B” parallellt med ”C” och ”D”; i Yby kommer det efter dem.'
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from processes.diff.diffwords import loop_words, said_in
from processes.diff.nway import Variation
from processes.diff.parameterwords import decides_words
from processes.diff.wordtable import NOT_GIVEN, WORDS
from processes.wording import AND, QUOTES, listed, quoted
from report.assumptions import condition_words
from report.stepwords import described, iso_duration
from report.words import duration_words, labels, word

__all__ = ["variation_words"]

#: a relation between steps: (singular, plural) verb, split in Swedish into the verb and its rest
#: (Swedish puts the verb before the subject after "I Helsingborg")
_RELATIONS = {
    "en": {"before": ("comes before", "come before"), "after": ("comes after", "come after"),
           "parallel": ("runs in parallel with", "run in parallel with"),
           "exclusive": ("is an alternative to (never in the same case as)",
                         "are alternatives to (never in the same case as)"),
           "mixed": ("is placed differently relative to", "are placed differently relative to")},
    "sv": {"before": ("kommer|före", "kommer|före"), "after": ("kommer|efter", "kommer|efter"),
           "parallel": ("sker|parallellt med", "sker|parallellt med"),
           "exclusive": ("är|ett alternativ till (aldrig i samma ärende som)",
                         "är|alternativ till (aldrig i samma ärende som)"),
           "mixed": ("ligger|annorlunda i förhållande till", "ligger|annorlunda i förhållande till")},
}
#: a step's optionality or loop: (singular, plural) in each language
_STATES = {
    "en": {"optional": ("is optional (can be skipped)", "are optional (can be skipped)"),
           "mandatory": ("is mandatory", "are mandatory"),
           "repeatable": ("is on a loop (can repeat)", "are on a loop (can repeat)"),
           "once": ("is done once", "are done once")},
    "sv": {"optional": ("är frivilligt (kan hoppas över)", "är frivilliga (kan hoppas över)"),
           "mandatory": ("är obligatoriskt", "är obligatoriska"),
           "repeatable": ("görs i en slinga (kan upprepas)", "görs i en slinga (kan upprepas)"),
           "once": ("görs en gång", "görs en gång")},
}
_SAID: dict[str, dict[str, str]] = {
    "en": {"present": "{steps} is a step in {have}", "absent": "not in {lack}",
           "maybe": "in {towns} perhaps drawn as “{label}” (not sure)",
           "apart": "kept apart from {steps} as the person decided (a rejected pair)", "who": "Who does {steps}: {groups}.",
           "in": "{} in {}", "first": "In {towns}, {subject} {verb} {others}", "then": "in {towns}, {pronoun} {verb} {them}",
           "not_set": "not set", "unknown": "not said",
           "attribute": "{step}, {what}: {groups}.", "decides": "{step}: {groups}.", "state": "{steps} {state} in {towns}",
           "type": "kind of step", "timer": "timer", "loop_marker": "repeat marker"},
    "sv": {"present": "{steps} är ett steg i {have}", "absent": "inte i {lack}",
           "maybe": "i {towns} kanske ritat som ”{label}” (osäkert)",
           "apart": "hålls isär från {steps} enligt användarens beslut (ett avvisat par)", "who": "Vem som gör {steps}: {groups}.",
           "in": "{} i {}", "first": "I {towns} {verb} {subject} {rest} {others}", "then": "i {towns} {verb} {pronoun} {rest} {them}",
           "not_set": "inte angivet", "unknown": "inte angivet",
           "attribute": "{step}, {what}: {groups}.", "decides": "{step}: {groups}.", "state": "{steps} {state} i {towns}",
           "type": "typ av steg", "timer": "bevakning", "loop_marker": "upprepningsmarkering"},
}

#: a step or steps said again: (one, several) as the subject ("it") and as the object ("them")
_PRONOUNS = {"en": {"it": ("it", "they"), "them": ("it", "them")}, "sv": {"it": ("det", "de"), "them": ("det", "dem")}}


def _listed(items: Sequence[str], lang: str) -> str:
    return listed(items, AND[lang])


def _quote(step: str, lang: str) -> str:
    """A step's name in quotation marks, as the rest of the report writes them; an unnamed timer's words (what
    it is, its step quoted in them) as they are, and a step told apart from another named alike, already quoted
    with its place after it (processes.diff.formats.twins_told_apart: "“New employee hired” (before “Create domain
    account”)")."""
    return step if described(step) or _TOLD_APART[lang].fullmatch(step) else quoted(step, lang)


#: a step's quoted name and its place in brackets after it, in each language's quotation marks
_TOLD_APART = {lang: re.compile(f"{opening}[^{opening}{closing}]+{closing} \\(.+\\)")
               for lang, (opening, closing) in QUOTES.items()}


def _quoted(steps: Sequence[str], lang: str) -> str:
    """The steps' names as :func:`_quote` writes them, listed."""
    return _listed([_quote(s, lang) for s in steps], lang)


def _groups(values: Mapping[str, str], towns: Mapping[str, str]) -> list[tuple[str, list[str]]]:
    """The processes by their value, in the order the values first appear: ``[(value, [town, ...])]``."""
    out: dict[str, list[str]] = {}
    for name, value in values.items():
        out.setdefault(value, []).append(towns.get(name, name))
    return list(out.items())


def _relation(v: Variation, towns: Mapping[str, str], lang: str) -> str | None:
    said, plural = _SAID[lang], int(len(v.steps) > 1)
    parts = []
    for k, (value, where) in enumerate(_groups(v.values, towns)):
        verb = _RELATIONS[lang].get(value)
        if verb is None:
            return None
        head, _, rest = verb[plural].partition("|")
        if k == 0:
            parts.append(said["first"].format(towns=_listed(where, lang), subject=_quoted(v.steps, lang), verb=head,
                                              rest=rest, others=_quoted(v.others, lang)))
        else:
            parts.append(said["then"].format(towns=_listed(where, lang), pronoun=_PRONOUNS[lang]["it"][plural], verb=head,
                                             rest=rest, them=_PRONOUNS[lang]["them"][len(v.others) > 1]))
    return "; ".join(parts) + "."


def _state(v: Variation, towns: Mapping[str, str], lang: str) -> str | None:
    said, plural = _SAID[lang], int(len(v.steps) > 1)
    parts = []
    for k, (value, where) in enumerate(_groups(v.values, towns)):
        state = _STATES[lang].get(value)
        if state is None:
            return None
        steps = _quoted(v.steps, lang) if k == 0 else _PRONOUNS[lang]["it"][plural]
        parts.append(said["state"].format(steps=steps, state=state[plural], towns=_listed(where, lang)))
    return "; ".join(parts) + "."


def _value(value: str, lang: str) -> str:
    return word(value, lang) if value else _SAID[lang]["not_set"]


def _timer_value(value: str, lang: str) -> str:
    """A timer's expression (``timeDuration=P14D``) as a length a person says ("14 days", "14 dagar");
    another expression (a date, a cycle, a duration of several units) as written."""
    kind, _, expr = value.partition("=")
    length = iso_duration(expr) if kind.strip() == "timeDuration" else None
    return duration_words(length, lang) if length else _value(value, lang)


def _loop_value(value: str, lang: str) -> str:
    """A loop marker (``standard max 3``) in words: "repeated at most 3 times (loop)"."""
    return said_in(loop_words(value), lang) if value else _SAID[lang]["not_set"]


def _aspect(aspect: str, lang: str) -> str:
    key = aspect.removeprefix("profile.")
    for table in ("facts", "attributes"):
        entry = labels()[table].get(key)
        if entry:
            return str(entry[lang])
    return _SAID[lang].get(key) or key.replace("_", " ").replace(".", " ")


def variation_words(v: Variation, towns: Mapping[str, str], lang: str) -> str | None:
    """Variation ``v`` as a sentence in ``lang``; ``towns``: process name -> its municipality's name.
    ``None`` for a variation without the data these sentences need."""
    said = _SAID[lang]
    if not v.steps:
        return None
    if v.kind == "presence":
        have = [towns.get(n, n) for n, x in v.values.items() if x == "present"]
        lack = [towns.get(n, n) for n, x in v.values.items() if x == "absent"]
        unsure: dict[str, list[str]] = {}  # the label asked about -> the towns where the diff asks about it
        for n, x in v.values.items():
            if x == "uncertain":
                unsure.setdefault(v.maybe.get(n, ""), []).append(towns.get(n, n))
        if not have or not (lack or unsure):
            return None
        parts = [said["present"].format(steps=_quoted(v.steps, lang), have=_listed(have, lang))]
        if lack:
            parts.append(said["absent"].format(lack=_listed(lack, lang)))
        parts += [said["maybe"].format(towns=_listed(where, lang), label=label) for label, where in unsure.items()]
        if v.apart_from:
            parts.append(said["apart"].format(steps=_quoted(v.apart_from, lang)))
        return "; ".join(parts) + "."
    if v.kind == "performer":
        groups = [said["in"].format(who or said["unknown"], _listed(where, lang))
                  for who, where in _groups(v.values, towns)]
        return said["who"].format(steps=_quoted(v.steps, lang), groups="; ".join(groups))
    if v.kind == "control_flow" and v.aspect in ("optionality", "loop"):
        return _state(v, towns, lang)
    if v.kind == "control_flow" and v.others:
        return _relation(v, towns, lang)
    if v.kind == "attribute" and v.aspect in _BRANCH and v.others:
        return _branch(v, towns, lang)
    if v.kind == "attribute" and v.aspect.startswith("profile.delegation"):
        # who decides as a manager says it, as the diff does: "the committee decides in Åstorp" (found by QA,
        # qaleft: "delegation grant: the case officers in Bjuv")
        key = v.aspect.removeprefix("profile.")
        groups = [said["in"].format(decides_words(key, value, _value(value, lang), lang), _listed(where, lang))
                  for value, where in _groups(v.values, towns)]
        return said["decides"].format(step=_quoted(v.steps, lang), groups="; ".join(groups))
    if v.kind == "attribute" and v.aspect:
        shown = {"timer": _timer_value, "loop_marker": _loop_value}.get(v.aspect, _value)
        groups = [said["in"].format(shown(value, lang), _listed(where, lang))
                  for value, where in _groups(v.values, towns)]
        return said["attribute"].format(step=_quoted(v.steps, lang), what=_aspect(v.aspect, lang),
                                        groups="; ".join(groups))
    return None


_OR = {"en": " or ", "sv": " eller "}
#: a matched choice's branch (gatewaydiff.py): what is compared, said with the steps the branch leads to
_BRANCH = {
    "profile.probabilities": {"en": "After {step}, the share of cases sent on to {steps}: {groups}.",
                              "sv": "Efter {step}, andelen ärenden som går vidare till {steps}: {groups}."},
    "profile.conditions": {"en": "After {step}, a case goes on to {steps}: {groups}.",
                           "sv": "Efter {step} går ett ärende vidare till {steps}: {groups}."},
}


def _branch(v: Variation, towns: Mapping[str, str], lang: str) -> str:
    """A branch's probability (as per cent, "40 %" in Swedish) or condition (in the report's words) in each
    process: "After “Check it”, the share of cases sent on to “Request a supplement”: 40% in Åstorp; 25% in
    Bjuv."."""
    def shown(value: str) -> str:
        if not value:
            return _SAID[lang]["not_set"]
        if value in NOT_GIVEN:  # the gateway's default flow, a flow set the profile does not list
            return WORDS[NOT_GIVEN[value]][lang == "sv"]
        if v.aspect == "profile.conditions":
            return condition_words(value, lang)
        return value.replace("%", " %").replace(".", ",") if lang == "sv" else value

    groups = [_SAID[lang]["in"].format(shown(value), _listed(where, lang))
              for value, where in _groups(v.values, towns)]
    # a branch into a further choice leads to one of its steps, not to all of them
    steps = listed([_quote(s, lang) for s in v.others], _OR[lang])
    return _BRANCH[v.aspect][lang].format(step=_quoted(v.steps, lang), steps=steps, groups="; ".join(groups))
