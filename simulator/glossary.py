"""What each figure of a run means, in words a manager reads (the report shows them beside the figures).

:func:`describe` gives the description of a figure key as :func:`simulator.stats.figures`
names it (``within_deadline_share``, ``outcome_share.refusal``, ``wait_days.Task_Beslut``);
a key with a ``<process>/`` prefix (as in summary.json) is described without it.

>>> describe("helsingborg/outcome_share.withdrawal")
'Share of all cases that ended with the applicant withdrawing the application.'
"""

from __future__ import annotations

import functools

__all__ = ["FIGURES", "OUTCOME_WORDS", "describe"]

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
    "cases": "Applications that arrived after the warm-up.",
    "cases_decided": "Cases decided on the merits: granted or refused.",
    "cases_undecided": "Cases without a decision: withdrawn, dismissed, or still open when the run stopped.",
    "cases_open": "Cases still open when the run stopped.",
    "submission_to_decision_mean_days": f"Mean days from the application's arrival to the decision, {_DECIDED}.",
    "submission_to_decision_p90_days": "90 % of decided cases were decided within this many days of arrival.",
    "complete_to_decision_mean_days": "Mean days on the legal clock, from a complete application to the decision "
                                      f"(Alkoholförordningen 5 §: 4 months), {_DECIDED}.",
    "within_deadline_share": f"Share decided within 4 months of a complete application, {_DECIDED}.",
    "within_extended_deadline_share": "Share decided within 8 months (4 months and the one extension allowed), "
                                      f"{_DECIDED}.",
    "within_legal_time_share": "Share decided within the time that applies to the case: 4 months, or 8 when the "
                               f"time was extended with a notice before the 4 months ran out, {_DECIDED}.",
    "extended_share": "Share whose handling time was extended (once, by at most 4 months, with a notice to the "
                      f"applicant before the 4 months ran out), {_DECIDED}.",
    "cost_per_case": "Hours of work per case in the simulated steps, each priced at its pool's cost_per_hour. In the "
                     "library the officer hour is priced at Ängelholm's fee rate (1,160 kr, 2024) and the registry "
                     "hour at an assumed 700 kr: a price of the time, not an accounted cost.",
    "cost_share_of_fee": "cost_per_case divided by the application fee. It can show whether the modelled work, "
                         "priced at a fee rate, is of the order of the fee, and how a scenario changes that work. It "
                         "cannot show whether a fee covers a municipality's real costs: the work hours are "
                         "assumptions (set to add up to the 16 hours Ängelholm charges, so Ängelholm's share is "
                         "near 1 by construction), the hour is priced at Ängelholm's fee rate (overhead included) "
                         "in every municipality, fees come from different years (Helsingborg 2017, Ängelholm "
                         "2024), and supervision, the committee's own time and overhead outside the modelled steps "
                         "are left out.",
    "fee": "The application fee charged, from the profile's facts (its year is in the facts table).",
}

_PREFIXES = {
    "outcome_share.": "Share of all cases that ended with {}.",
    "outcome_days.": "Mean days from arrival to the end of the case, for cases that ended with {}.",
    "wait_days.": "Mean days step {} waited: in the queue for a pool member or for a meeting.",
    "work_hours.": "Mean hours of work in step {}.",
    "elapsed_days.": "Mean days from step {} being reached to its end (queue, work, pauses and delays).",
    "utilisation.": "Share of pool {}'s working time spent on these cases.",
    "queue_length.": "Mean number of tasks waiting for a member of pool {}.",
    "wait_days_pool.": "Mean days a task waited for a member of pool {}.",
    "committee_backlog.": "Mean number of cases waiting for a meeting of {}.",
    "agenda_max.": "Most cases on one agenda of {}.",
    "meetings.": "Meetings of {} in the observed period.",
}


@functools.cache  # a report asks for each figure of every point and process: thousands of calls, few keys
def describe(key: str) -> str:
    """The description of figure ``key`` (``""`` for a figure this glossary does not know)."""
    figure = key.partition("/")[2] if "/" in key else key
    if figure in FIGURES:
        return FIGURES[figure]
    for prefix, text in _PREFIXES.items():
        if figure.startswith(prefix):
            name = figure[len(prefix):]
            return text.format(OUTCOME_WORDS.get(name, name) if prefix.startswith("outcome") else name)
    if figure.startswith("submission_to_decision_") or figure.startswith("complete_to_decision_"):
        clock = "arrival" if figure.startswith("submission") else "a complete application"
        return f"Days from {clock} to the decision ({figure.rsplit('_', 2)[-2]}), {_DECIDED}."
    return ""
