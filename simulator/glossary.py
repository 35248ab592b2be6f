"""What each figure of a run means, in words a manager reads (the report shows them beside the figures).

:func:`describe` gives the description of a figure key as :func:`simulator.stats.figures`
names it (``within_deadline_share``, ``outcome_share.refusal``, ``wait_days.Task_Beslut``);
a key with a ``<process>/`` prefix (as in summary.json) is described without it.

>>> describe("helsingborg/outcome_share.withdrawal")
'Share of all cases that ended with the applicant withdrawing the application.'
"""

from __future__ import annotations

import functools

__all__ = ["FIGURES", "FIGURES_SV", "LIBRARY_PRICES", "LIBRARY_PRICES_SV", "OUTCOME_WORDS", "OUTCOME_WORDS_SV", "POOL_WORDS", "describe",
           "PREFIXES_SV"]

#: the outcomes in words
OUTCOME_WORDS = {
    "grant": "a permit granted",
    "refusal": "a refusal (also after three failed knowledge tests, or an application examined as it stands)",
    "withdrawal": "the applicant withdrawing the application",
    "dismissal": "a dismissal (avvisning) of an application that stayed incomplete",
}

_DECIDED = "over decided cases (granted or refused; withdrawn and dismissed cases have no decision and are not counted)"

#: descriptions of the figures with a fixed key
FIGURES: dict[str, str] = {
    "cases": "Applications that arrived in one run of the simulated period (the scenario's line says how long), counted "
             "after its start-up weeks, which are left out (it starts with no cases); the mean over the replications.",
    "cases_decided": "Cases decided on the merits: granted or refused.",
    "cases_undecided": "Cases without a decision: withdrawn, dismissed, or still open when the run stopped.",
    "cases_open": "Cases still open when the run stopped.",
    "submission_to_decision_mean_days": f"Mean days from the application's arrival to the decision, {_DECIDED}.",
    "submission_to_decision_p90_days": "90% of decided cases were decided within this many days of arrival.",
    "complete_to_decision_mean_days": "Mean days on the legal clock, from a complete application to the decision "
                                      f"(Alkoholförordningen 5 §: 4 months), {_DECIDED}.",
    "within_deadline_share": "Share decided within 4 months (in calendar months, to the same day of the "
                             f"month) of a complete application, {_DECIDED}.",
    "within_extended_deadline_share": "Share decided within 8 months (4 months and the one extension allowed), "
                                      f"{_DECIDED}.",
    "within_legal_time_share": "Share decided within the time that applies to the case: 4 months, or 8 when the "
                               f"time was extended with a notice before the 4 months ran out, {_DECIDED}.",
    "extended_share": "Share whose handling time was extended (once, by at most 4 months, with a notice to the "
                      f"applicant before the 4 months ran out), {_DECIDED}.",
    "cost_per_case": "Hours of work per case in the simulated steps, each priced at its staff group's hourly cost.",
    "cost_share_of_fee": "The cost of work per case divided by the application fee.",
    "fee": "The application fee charged, from the profile's facts (its year is in the facts table).",
}
#: what the figures of cost say of the library's prices: a report of library processes only (report.html)
LIBRARY_PRICES = {
    "cost_per_case": "In the library the officer hour is priced at Ängelholm's fee rate (1,160 kronor, 2024) and "
                     "the registry hour at an assumed 700 kronor: a price of the time, not an accounted cost.",
    "cost_share_of_fee": "It can show whether the modelled work, "
                         "priced at a fee rate, is of the order of the fee, and how a scenario changes that work. It "
                         "cannot show whether a fee covers a municipality's real costs: the work hours are "
                         "assumptions (set to add up to the 16 hours Ängelholm charges, so Ängelholm's share is "
                         "near 100% by construction), the hour is priced at Ängelholm's fee rate (overhead included) "
                         "in every municipality, fees come from different years (Helsingborg 2017, Ängelholm "
                         "2024), and supervision, the committee's own time and overhead outside the modelled steps "
                         "are left out.",
}

_PREFIXES = {
    "outcome_share.": "Share of all cases that ended with {}.",
    "outcome_days.": "Mean days from arrival to the end of the case, for cases that ended with {}.",
    "wait_days.": "Mean days step {} waited before it began: in the queue for a pool member (also while the "
                   "office is closed) or for a meeting.",
    "work_hours.": "Mean hours of work in step {}.",
    "elapsed_days.": "Mean days from step {} being reached to its end (queue, work, pauses and delays).",
    "utilisation.": "Share of the working time of {} spent on these cases.",
    "queue_length.": "Mean number of tasks waiting for a member of pool {}.",
    "wait_days_pool.": "Mean days a task waited for a member of pool {}.",
    "committee_backlog.": "Mean number of cases waiting for a meeting of {}.",
    "agenda_max.": "Most cases on one agenda of {}.",
    "meetings.": "Meetings of {} in the observed period (a regular meeting that falls on a public holiday "
                 "or eve is not held).",
}


#: the staff groups in words (a pool not listed is named as it is)
POOL_WORDS = {
    "en": {"officer": "the case officers", "registry": "the registry", "manager": "the manager"},
    "sv": {"officer": "handläggarna", "registry": "registraturen", "manager": "chefen"},
}

_DECIDED_SV = ("över avgjorda ärenden (beviljade eller avslagna; återkallade och avvisade ärenden har inget beslut "
               "och räknas inte)")

#: the descriptions in Swedish (the report shows each in the page's language)
FIGURES_SV: dict[str, str] = {
    "cases": "Ansökningar som kom in under en körning av den simulerade perioden (scenariots rad säger hur lång), "
             "räknade efter inledningens veckor, som inte räknas (den börjar utan ärenden); medel över upprepningarna.",
    "cases_decided": "Ärenden som avgjordes i sak: beviljade eller avslagna.",
    "cases_undecided": "Ärenden utan beslut: återkallade, avvisade eller fortfarande öppna när körningen slutade.",
    "cases_open": "Ärenden som fortfarande var öppna när körningen slutade.",
    "submission_to_decision_mean_days": f"Dagar i medel från att ansökan kom in till beslut, {_DECIDED_SV}.",
    "submission_to_decision_p90_days": "90\u00a0% av de avgjorda ärendena avgjordes inom så många dagar från att ansökan "
                                       "kom in.",
    "complete_to_decision_mean_days": "Dagar i medel på den lagstadgade tiden, från komplett ansökan till beslut "
                                      f"(alkoholförordningen 5 §: 4 månader), {_DECIDED_SV}.",
    "within_deadline_share": "Andel som avgjordes inom 4 månader (i kalendermånader, till samma dag i "
                             f"månaden) från komplett ansökan, {_DECIDED_SV}.",
    "within_extended_deadline_share": "Andel som avgjordes inom 8 månader (4 månader och den enda förlängning som "
                                      f"är tillåten), {_DECIDED_SV}.",
    "within_legal_time_share": "Andel som avgjordes inom den tid som gäller för ärendet: 4 månader, eller 8 när "
                               f"tiden förlängdes med ett besked innan de 4 månaderna gått ut, {_DECIDED_SV}.",
    "extended_share": "Andel vars handläggningstid förlängdes (en gång, med högst 4 månader, med besked till "
                      f"sökanden innan de 4 månaderna gått ut), {_DECIDED_SV}.",
    "cost_per_case": "Arbetstimmar per ärende i de simulerade stegen, var och en prissatt med personalgruppens "
                     "timkostnad.",
    "cost_share_of_fee": "Arbetets kostnad per ärende delad med ansökningsavgiften.",
    "fee": "Ansökningsavgiften, från profilens fakta (året står i faktatabellen).",
}
#: the same in Swedish
LIBRARY_PRICES_SV = {
    "cost_per_case": "I biblioteket prissätts handläggarens timme efter Ängelholms taxa (1\u00a0160\u00a0kr, "
                     "2024) och registraturens timme till antagna 700\u00a0kr: ett pris på tiden, inte en bokförd "
                     "kostnad.",
    "cost_share_of_fee": "Den kan visa om det modellerade "
                         "arbetet, prissatt efter en taxa, är i samma storleksordning som avgiften, och hur ett "
                         "scenario ändrar det arbetet. Den kan inte visa om en avgift täcker en kommuns verkliga "
                         "kostnader: arbetstimmarna är antaganden (satta så att de blir de 16\u00a0timmar Ängelholm tar "
                         "betalt för, så Ängelholms andel är nära 100\u00a0% av konstruktion), timmen prissätts efter "
                         "Ängelholms taxa (indirekta kostnader inräknade) i varje kommun, avgifterna kommer från olika år "
                         "(Helsingborg 2017, Ängelholm 2024), och tillsyn, nämndens egen tid och indirekta kostnader utanför de "
                         "modellerade stegen är inte med.",
}

#: the outcomes in Swedish words
OUTCOME_WORDS_SV = {
    "grant": "ett beviljat tillstånd",
    "refusal": "avslag (också efter tre underkända kunskapsprov, eller en ansökan prövad i befintligt skick)",
    "withdrawal": "att sökanden återkallade ansökan",
    "dismissal": "avvisning av en ansökan som förblev ofullständig",
}

PREFIXES_SV = {
    "outcome_share.": "Andel av alla ärenden som slutade med {}.",
    "outcome_days.": "Dagar i medel från att ansökan kom in till ärendets slut, för ärenden som slutade med {}.",
    "wait_days.": "Dagar i medel som steg {} väntade innan det började: i kö till en i personalgruppen (även "
                  "medan kontoret är stängt) eller till ett möte.",
    "work_hours.": "Arbetstimmar i medel i steg {}.",
    "elapsed_days.": "Dagar i medel från att steg {} nåddes till dess slut (kö, arbete, pauser och väntan).",
    "utilisation.": "Andel av arbetstiden för {} som gick till dessa ärenden.",
    "queue_length.": "Uppgifter i medel som väntade på {}.",
    "wait_days_pool.": "Dagar i medel som en uppgift väntade på {}.",
    "committee_backlog.": "Ärenden i medel som väntade på ett möte i {}.",
    "agenda_max.": "Flest ärenden på en dagordning i {}.",
    "meetings.": "Möten i {} under den observerade tiden (ett ordinarie möte som infaller på en "
                "helgdag eller helgafton hålls inte).",
}

_POOL_PREFIXES = ("utilisation.", "queue_length.", "wait_days_pool.")


@functools.cache  # a report asks for each figure of every point and process: thousands of calls, few keys
def describe(key: str, lang: str = "en", *, library: bool = True, pool: str | None = None) -> str:
    """The description of figure ``key`` in ``lang`` (``en`` or ``sv``; ``""`` for a figure this
    glossary does not know); ``library``: a cost's says how the library prices the work (:data:`LIBRARY_PRICES`),
    which a report of other processes leaves out (their profiles have their own prices, or none); ``pool``: a staff
    group's figure names it so (its profile's ``name:``), not by its id's words.

    >>> describe("utilisation.officer", "sv")
    'Andel av arbetstiden för handläggarna som gick till dessa ärenden.'
    """
    figure = key.partition("/")[2] if "/" in key else key
    figures, prefixes, outcomes = (FIGURES_SV, PREFIXES_SV, OUTCOME_WORDS_SV) if lang == "sv" else (
        FIGURES, _PREFIXES, OUTCOME_WORDS)
    if figure in figures:
        priced = (LIBRARY_PRICES_SV if lang == "sv" else LIBRARY_PRICES).get(figure) if library else None
        return f"{figures[figure]} {priced}" if priced else figures[figure]
    for prefix, text in prefixes.items():
        if figure.startswith(prefix):
            name = figure[len(prefix):]
            if prefix.startswith("outcome"):
                return text.format(outcomes.get(name, name))
            if prefix in _POOL_PREFIXES:
                return text.format(pool or POOL_WORDS[lang].get(name, name))
            return text.format(name)
    if figure.startswith("submission_to_decision_") or figure.startswith("complete_to_decision_"):
        measure = figure.rsplit("_", 2)[-2]
        if lang == "sv":
            clock = "att ansökan kom in" if figure.startswith("submission") else "komplett ansökan"
            return f"Dagar från {clock} till beslut ({measure}), {_DECIDED_SV}."
        clock = "arrival" if figure.startswith("submission") else "a complete application"
        return f"Days from {clock} to the decision ({measure}), {_DECIDED}."
    return ""
