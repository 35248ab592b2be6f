"""What a manager reads when a goal seek ends with no combination sure: the closest one, how likely it is to reach
the target, and what would settle it; and, once settled, what the fresh runs said. English and Swedish.

The command line (:mod:`report.goalseek`) and the web page (:mod:`web.goalseek`) name the combination in their own
words and say how to ask for the settling runs (``--settle N``, the page's button); the sentences around them are
one, here.
"""

from __future__ import annotations

import math

from processes.limits import MAX_SETTLE
from report.numbers import number

__all__ = ["chance_words", "closest_words", "settled_words"]


def chance_words(chance: float, lang: str) -> str:
    """A chance as a manager reads it: ``about 72%``, ``over 99%``, ``under 1%`` (``omkring 72 %`` …).

    >>> chance_words(0.7197, "en"), chance_words(0.9996, "sv"), chance_words(0.004, "en")
    ('about 72%', 'över 99\\xa0%', 'under 1%')
    """
    unit = "%" if lang == "en" else "\u00a0%"
    if chance > 0.99:
        return ("over 99" if lang == "en" else "över 99") + unit
    if chance < 0.01:
        return "under 1" + unit
    return ("about " if lang == "en" else "omkring ") + f"{round(chance * 100):d}" + unit


def closest_words(name: dict[str, str], chance: float, seen: int, to_settle: int | None,
                  how: dict[str, str], why_not: str = "", power: float = 0.8) -> tuple[str, str]:
    """The closest combination, ``name`` by language, seen over ``seen`` replications: how likely it reaches the
    target, and about how many fresh replications of it would settle it with chance ``power`` if it is what its
    runs showed (``how``: how to ask for them, by language), or why no number is projected (``why_not``:
    :data:`scenarios.settle.NOT_PROJECTED`; none given, the chance tells a mean that meets the target from one
    that misses it); English, Swedish."""
    if math.isnan(chance):
        return "", ""
    en = (f"Closest: {name['en']}; from its {number(seen, 'en')} runs it is {chance_words(chance, 'en')} "
          "likely to reach the target.")
    sv = (f"Närmast: {name['sv']}; av dess {number(seen, 'sv')} körningar att döma når det målet med "
          f"{chance_words(chance, 'sv')} sannolikhet.")
    if to_settle is not None:
        return (en + f" About {number(to_settle, 'en')} more runs of this combination, judged on their own, would "
                f"settle it with {chance_words(power, 'en')} likelihood if it is as its runs showed{how['en']}.",
                sv + f" Omkring {number(to_settle, 'sv')} körningar till av det här alternativet, bedömda för sig, "
                f"skulle avgöra det med {chance_words(power, 'sv')} sannolikhet om det är som dess körningar "
                f"visade{how['sv']}.")
    why = why_not or ("beyond" if chance >= 0.5 else "misses")  # chance_to_meet: a half at the target
    if why == "on the target":
        return (en + " On average it sits exactly on the target, so no number of runs more can be projected to "
                "settle it.",
                sv + " I snitt ligger det precis på målet, så inget antal körningar till kan beräknas avgöra det.")
    if why == "few runs":
        return (en + " Too few of its runs gave a figure to project how many more would settle it.",
                sv + " För få av dess körningar gav ett värde för att beräkna hur många till som skulle avgöra det.")
    if why == "beyond":
        return (en + f" It meets the target on average, but even {number(MAX_SETTLE, 'en')} runs more would likely "
                "not make it sure.",
                sv + f" Det når målet i snitt, men inte ens {number(MAX_SETTLE, 'sv')} körningar till skulle "
                "troligen göra det säkert.")
    return (en + " No number of runs more would make it sure: on average it misses the target.",
            sv + " Inga fler körningar skulle göra det säkert: i snitt missar det målet.")


def settled_words(name: dict[str, str], replications: int, figure: dict[str, str], sure: bool) -> tuple[str, str]:
    """What ``replications`` fresh runs of the closest combination said (``figure``: their 95 % interval, by
    language): sure to reach the target, or still not; English, Swedish."""
    en = (f"Settling it: {number(replications, 'en')} more runs of {name['en']}, judged on their own (not the runs "
          f"it was picked by): {figure['en']}; ")
    sv = (f"Avgörandet: {number(replications, 'sv')} körningar till av {name['sv']}, bedömda för sig (inte de "
          f"körningar det valdes på): {figure['sv']}; ")
    if sure:
        return (en + "it reaches the target at the interval's bad end, with 95% confidence.",
                sv + "det når målet i intervallets sämre ände, med 95\u00a0% säkerhet.")
    return (en + "it does NOT reach the target at the interval's bad end: still not sure.",
            sv + "det når INTE målet i intervallets sämre ände: fortfarande osäkert.")
