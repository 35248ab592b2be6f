"""A failed scenario in words a manager reads, per language: what could not be computed and why,
and whom to ask. The technical message (ids, tokens, joins) stays as it is for the process developer;
the report shows it folded beneath these words.

The engine's messages (simulator.engine) are recognised by their fixed wording; any other failure
gets a general sentence."""

from __future__ import annotations

import re
from collections.abc import Mapping

# "; no token came to Båda klara (J) by 'Flow_R_J' from ..." (processes.stepnames.step_said: "name (id)",
# the id alone without a name), or the model's deadlock: "parallel join Båda klara (J) waits for a token ..."
# (processes.soundness), "parallel join 'J' waits for all its inputs ..." (processes.validate)
_STARVED = re.compile(r"(?:no token came to|parallel join) (?:'(?P<quoted>[^']+)'|(?P<name>.+?) \((?P<id>[^()\s]+)\)"
                      r"|(?P<bare>\S+)) (?:by '|waits )")
_CANNOT_FINISH = "case(s) cannot finish"
_LOOPS = "it loops without end"
_NO_CONDITION = "no condition of this gateway holds"

_ASK = {"en": "Ask the person who drew the model to correct it.",
        "sv": "Be den som ritade modellen att rätta den."}
_NOT_COMPUTED = {"en": "This scenario could not be computed", "sv": "Scenariot kunde inte beräknas"}


def sweep_point_subject(which: int, points: int, value: Mapping[str, str]) -> dict[str, str]:
    """What could not be computed when one of a sweep's ``points`` failed (``which``: from 1; ``value``: the
    point in words, per language): found by QA (qabatch), the report said "This scenario could not be
    computed" while the sweep's other values were, their figures beneath.

    >>> sweep_point_subject(2, 5, {"en": "officers = 3", "sv": "handläggare = 3"})["sv"]
    'Värde 2 av de 5 som prövats (handläggare = 3) kunde inte beräknas'
    """
    return {"en": f"Value {which} of the {points} tried ({value['en']}) could not be computed",
            "sv": f"Värde {which} av de {points} som prövats ({value['sv']}) kunde inte beräknas"}


def failure_words(message: str, names: Mapping[str, Mapping[str, str]] | None = None,
                  subject: Mapping[str, str] = _NOT_COMPUTED) -> dict[str, str]:
    """``{"en": ..., "sv": ...}``: a sentence per language for a failed scenario's ``message``.
    ``names``: per language, an element id's shown name (a join named in the message is said by it);
    ``subject``: what could not be computed, per language (default: this scenario)."""
    if _CANNOT_FINISH in message:
        joins = _join_names(message, names or {})
        return {lang: f"{subject[lang]} {_waits(joins[lang], lang)}. {_ASK[lang]}" for lang in ("en", "sv")}
    if _LOOPS in message:
        return {"en": f"{subject['en']} because some cases never end: the model sends them round the same "
                      f"steps again and again. {_ASK['en']}",
                "sv": f"{subject['sv']} eftersom vissa ärenden aldrig tar slut: modellen skickar dem runt "
                      f"samma steg om och om igen. {_ASK['sv']}"}
    if _NO_CONDITION in message:
        return {"en": f"{subject['en']} because at a choice in the model some cases fit none of the ways "
                      f"on. {_ASK['en']}",
                "sv": f"{subject['sv']} eftersom vissa ärenden inte passar något av vägvalen vid ett val i "
                      f"modellen. {_ASK['sv']}"}
    return {"en": f"{subject['en']}: the simulation stopped on an error in the model or its settings. "
                  "The technical detail below is for the person who maintains the model.",
            "sv": f"{subject['sv']}: simuleringen stoppades av ett fel i modellen eller dess inställningar. "
                  "Den tekniska detaljen nedan är till för den som förvaltar modellen."}


def _join_names(message: str, names: Mapping[str, Mapping[str, str]]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {"en": [], "sv": []}
    for m in _STARVED.finditer(message):
        element = m["id"] or m["bare"] or m["quoted"]
        for lang in out:
            name = names.get(lang, {}).get(element) or m["name"]
            if name and name not in out[lang]:
                out[lang].append(name)
    return out


def _waits(joins: list[str], lang: str) -> str:
    quoted = (" and " if lang == "en" else " och ").join(f"‘{j}’" if lang == "en" else f"”{j}”" for j in joins)
    if lang == "en":
        where = f"at {quoted}" if joins else "where paths meet"
        return (f"because some cases could never finish: the model waits {where} for a step that does not happen "
                "in every case")
    where = f"vid {quoted}" if joins else "där vägarna möts"
    return f"eftersom vissa ärenden aldrig kunde avslutas: modellen väntar {where} på ett steg som inte sker i varje ärende"


#: an uncertainty run's point by its name (scenarios.uncertainty.variant_name: "officer~u03")
_POINT = re.compile(r"~u(?P<k>\d+)$")


def point_failure_words(failure: str, points: int, names: Mapping[str, Mapping[str, str]] | None = None
                        ) -> dict[str, str]:
    """A failed point of an uncertainty run (``"<scenario>~u<k>: <message>"``, as ``uncertainty.json`` keeps it)
    in words per language: which of the ``points`` combinations of the assumptions, and why (:func:`failure_words`);
    found by QA: the report said "Failed points: officer~u03: case(s) cannot finish ..." in English on the Swedish
    page.

    >>> point_failure_words("sq~u02: it loops without end", 8)["sv"][:62]
    'Kombination 3 av 8 av antagandena kunde inte beräknas eftersom'
    """
    name, _, message = failure.partition(": ")
    found = _POINT.search(name)
    which = (f"{int(found['k']) + 1}", f"{points}") if found else ("?", f"{points}")
    subject = {"en": "Combination {} of the {} combinations of the assumptions could not be computed".format(*which),
               "sv": "Kombination {} av {} av antagandena kunde inte beräknas".format(*which)}
    return failure_words(message or failure, names, subject)
