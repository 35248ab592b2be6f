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
                  how: dict[str, str]) -> tuple[str, str]:
    """The closest combination, ``name`` by language, seen over ``seen`` replications: how likely it reaches the
    target, and about how many fresh replications of it would settle it (``how``: how to ask for them, by
    language); English, Swedish."""
    if math.isnan(chance):
        return "", ""
    en = (f"Closest: {name['en']}; from its {number(seen, 'en')} runs it is {chance_words(chance, 'en')} "
          "likely to reach the target.")
    sv = (f"Närmast: {name['sv']}; av dess {number(seen, 'sv')} körningar att döma når det målet med "
          f"{chance_words(chance, 'sv')} sannolikhet.")
    if to_settle is None and chance >= 0.5:  # its mean meets the target (chance_to_meet: a half at the target)
        return (en + f" It meets the target on average, but too closely for even {number(MAX_SETTLE, 'en')} runs "
                "more to make it sure.",
                sv + f" Det når målet i snitt, men så knappt att inte ens {number(MAX_SETTLE, 'sv')} körningar till "
                "skulle göra det säkert.")
    if to_settle is None:
        return (en + " No number of runs more would make it sure: on average it misses the target.",
                sv + " Inga fler körningar skulle göra det säkert: i snitt missar det målet.")
    return (en + f" About {number(to_settle, 'en')} more runs of this combination, judged on their own, would "
            f"settle it{how['en']}.",
            sv + f" Omkring {number(to_settle, 'sv')} körningar till av det här alternativet, bedömda för sig, "
            f"skulle avgöra det{how['sv']}.")


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
