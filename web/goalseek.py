"""The goal-seek panel: the cheapest staffing, FTE share and decision level that meets a target.

A thin adapter over :func:`scenarios.optimise.optimise` (``permitflow optimise``): the
page's municipalities become its base scenario (together in one joint unit when asked),
the target is a share of decisions within the 4-month deadline, and the result comes
back as plain data with its answer in words, in Swedish and English (what ``permitflow optimise``
says: the chosen combination, equally cheap ones, the interval's low end and today's setting). The page's
form is read into the search, and refused in its words, by :mod:`web.goalrequest`.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from concurrent.futures import Executor
from typing import Any

from report.deadlines import LIBRARY_CLOCK, common_clock, deadline_said, profile_clock
from report.goalseek import NO_PRICE, goalseek_csv, goalseek_json, staff_names, together_words, unpriced_costs
from report.numbers import days_said, kronor, number, share
from report.settlewords import closest_words, settled_words
from report.valuewords import fte_words
from scenarios.goal import SETTLE_POWER
from scenarios.optimise import OptimiseRequest, optimise
from web.goalrequest import REPLICATIONS, goal_request, level_words
from web.levers import RUN_LEVERS
from web.runs import FILES
from web.texts import TEXTS, said_name

# goal_request and REPLICATIONS: where the app, the tests and the benches import them from (web.goalrequest holds
# them since the module was split)
__all__ = ["REPLICATIONS", "goal_request", "goal_answer", "seek"]


def _combination(row: dict[str, Any], lang: str, staff: Mapping[str, str] | None = None) -> str:
    """A candidate in the page's words: ``2 case officers at half time, decisions by the committee``, the share of
    full time as ``permitflow optimise`` and the assumptions table say it (:func:`report.valuewords.fte_words`:
    "half time", "30 % of full time"; it said "50 % of full time" here and "0.5 FTE" on the command line).
    ``staff``: the searched pool's name by language where the profiles give one (:func:`staff_names`): ``2
    people in HR Department at half time`` (found by QA, qawords: Camunda C.4.0's HR Department was "case
    officers")."""
    officers, level = row["officers"], row["level"]
    share = fte_words(row["fte"], lang)
    if lang == "sv":
        who = f"{'person' if officers == 1 else 'personer'} i {staff['sv']}" if staff else "handläggare"
        text = f"{officers} {who} på {share}"
        return text + (f", beslut av {level_words(level, 'sv')}" if level else "")
    if staff:
        text = f"{officers} {'person' if officers == 1 else 'people'} in {staff['en']} at {share}"
        return text + (f", decisions by {level_words(level, 'en')}" if level else "")
    text = f"{officers} case officer{'s' if officers != 1 else ''} at {share}"
    return text + (f", decisions by {level_words(level, 'en')}" if level else "")


def _kr(row: dict[str, Any], lang: str) -> str:
    """The yearly cost to the thousand kronor: what an hourly rate and yearly hours support ("565 428 kr" claimed
    six digits; the manager's second journey). The JSON keeps the öre, which the search compares."""
    return kronor(round(row["cost"], -3), lang)


def _yearly(row: dict[str, Any], lang: str, unpriced: bool) -> str:
    """``row``'s cost a year in words ("900,000 kronor a year"), or that the work has no price."""
    if unpriced:
        return NO_PRICE[lang]
    return f"{_kr(row, lang)} kronor a year" if lang == "en" else f"{_kr(row, lang)} kr per år"


def unpriced(result: dict[str, Any]) -> bool:
    """Whether every combination the search priced cost 0: the profiles give the staff no hourly cost and the
    decisions none (as ``convert --to profile`` writes one), so "0 kronor a year" and "the cheapest" say nothing of
    a cost (found by QA, qadev2): :func:`report.goalseek.unpriced_costs`, the rule ``permitflow optimise``
    follows.

    >>> unpriced({"candidates": [{"cost": 0.0}, {"cost": 0}], "chosen": {"cost": 0.0}, "today": None})
    True
    >>> unpriced({"candidates": [{"cost": 0.0}, {"cost": 12.5}], "chosen": {"cost": 0.0}, "today": None})
    False
    """
    rows = [*(result.get("candidates") or ()), *(r for r in (result.get("chosen"), result.get("today")) if r)]
    return unpriced_costs(row.get("cost") for row in rows)


def _mean_days(row: dict[str, Any], lang: str) -> str:
    """``row``'s mean days in whole days, with the unit ("1 dag", "31 dagar")."""
    return days_said(number(row["complete_to_decision_mean_days"]["mean"], lang, 0), lang)


def _within(row: dict[str, Any], lang: str) -> str:
    return share(row["target_figure"]["mean"], lang)


def _together(result: dict[str, Any]) -> tuple[str, str]:
    """What "sure" means when the answer picks among the combinations tried: 95 % for all of them taken
    together (:func:`report.goalseek.together_words`, as the command line says it); "" for one combination
    (found by QA, qareview: "all 1 combinations tried", and "try fewer combinations"); English, Swedish."""
    en, sv = together_words(len(result.get("candidates") or ()), "combinations")
    return en.strip(), sv.strip()


def _unsure(row: dict[str, Any], names: Mapping[str, Any], result: dict[str, Any]) -> tuple[str, str]:
    """Why ``row`` (which meets the target on average) is not sure to: its interval's low end, and the
    municipality whose few decided cases set it (a joint unit's: every one must meet the target), as
    the page's table shows it; or, its low end reaching the target, that picking among all the combinations
    tried asks more of each; English, Swedish."""
    low = row["target_figure"].get("low")
    if low is not None and low >= result["target"]["share"]:
        together, together_sv = _together(result)
        return (f" (not sure {together}: its interval's low end, {share(low, 'en')}, reaches the target, "
                "but picking among several asks more of each)",
                f" (osäkert {together_sv}: intervallets sämre ände, {share(low, 'sv')}, når målet, men att "
                "välja bland flera kräver mer av vart och ett)")
    at_en = at_sv = ""
    if low is not None:
        at_en, at_sv = f", {share(low, 'en')},", f", {share(low, 'sv')},"
    en = f" (not sure: the interval's low end{at_en} misses the target"
    sv = f" (osäkert: intervallets sämre ände{at_sv} missar målet"
    limit = row.get("limit")
    if limit:
        name_en, name_sv = (said_name(names, limit["process"], lang) for lang in ("en", "sv"))
        within, decided = limit["within"], limit["decided"]
        some_en = "all" if within == decided else f"{within}"
        some_sv = "alla" if within == decided else f"{within}"
        cases_sv = "avgjort ärende" if decided == 1 else "avgjorda ärenden"
        en += (f"; the limit is {name_en}: only {decided} decided case{'s' if decided != 1 else ''}, {some_en} within "
               "4 months, too few to be sure")
        sv += (f"; gränsen är {name_sv}: bara {decided} {cases_sv}, {some_sv} inom 4 månader, för få för att "
               "vara säker")
    return en + ")", sv + ")"


def _more(result: dict[str, Any], names: Mapping[str, Any] | None = None, free: bool = False,
          staff: Mapping[str, str] | None = None) -> tuple[list[str], list[str]]:
    """What ``permitflow optimise`` says after its answer, in the page's words: equally cheap
    combinations, the bad end of the chosen one's interval, and today's setting (``free``: :func:`unpriced`)."""
    sv: list[str] = []
    en: list[str] = []
    chosen = result["chosen"]
    if chosen is not None and result["ties"]:
        en.append(("Reaching it too: " if free else "Just as cheap and reaching it too: ") + "; ".join(
            f"{_combination(r, 'en', staff)}, {_mean_days(r, 'en')} on average" for r in result["ties"])
            + " (the one above is the fastest of them).")
        sv.append(("Når också målet: " if free else "Lika billigt och når också målet: ") + "; ".join(
            f"{_combination(r, 'sv', staff)}, i snitt {_mean_days(r, 'sv')}" for r in result["ties"])
            + " (alternativet ovan är det snabbaste av dem).")
    if chosen is not None and not result["holds_at_bad_end"]:
        safe = result["safe"]
        if safe is not None:
            together, together_sv = _together(result)
            en.append(f"Sure to reach it, {together}: {_combination(safe, 'en', staff)}, "
                      f"{_yearly(safe, 'en', free)}, {_within(safe, 'en')} within 4 months.")
            sv.append(f"Når målet säkert, {together_sv}: {_combination(safe, 'sv', staff)}, "
                      f"{_yearly(safe, 'sv', free)}, {_within(safe, 'sv')} inom 4 månader.")
        else:
            label = TEXTS["goal_percent"]
            # more simulated years give more decided cases and so a narrower interval, now that the goal seek takes
            # the form's years (found by the manager's QA evening: it took the profile's, and said only "lower it")
            years = next(lever for lever in RUN_LEVERS if lever.key == "years")
            # one combination: its own interval's low end, and no fewer to try
            together, together_sv = _together(result)
            together = together or "at the interval's low end"
            together_sv = together_sv or "i intervallets sämre ände"
            fewer = ((", try fewer combinations (each must then clear less)",
                      ", pröva färre alternativ (vart och ett behöver då klara mindre)")
                     if len(result.get("candidates") or ()) > 1 else ("", ""))
            en.append("None of the combinations tried is sure to reach it "
                      f"{together}; to be sure, "
                      f"simulate more years (“{years.en}”: more cases give a narrower interval){fewer[0]} or "
                      f"lower “{label['en']}” and search again.")
            sv.append("Inget av de prövade alternativen når målet säkert "
                      f"{together_sv}; för att vara säker, "
                      f"simulera fler år (”{years.sv}”: fler ärenden ger ett smalare intervall){fewer[1]} "
                      "eller "
                      f"sänk ”{label['sv']}” och sök igen.")
            limits = {(r.get("limit") or {}).get("process") for r in result.get("candidates") or [chosen]}
            if len(limits) == 1 and None not in limits:  # the same few cases bound every one: more staff cannot help
                name, name_sv = (said_name(names or {}, str(next(iter(limits))), lang) for lang in ("en", "sv"))
                en[-1] = en[-1][:-1] + (f" (every combination's low end is set by {name}'s few decided cases, which "
                                        "more staff does not change).")
                genitive = name_sv if name_sv[-1:].lower() in "sxz" else name_sv + "s"
                sv[-1] = sv[-1][:-1] + (f" (varje alternativs sämre ände sätts av {genitive} få avgjorda ärenden, "
                                        "vilket fler handläggare inte ändrar).")
    settle_en, settle_sv = _settle_words(result, staff)
    en += settle_en
    sv += settle_sv
    today = result["today"]
    if today is not None:
        if today["status"] == "not a candidate":
            en.append(f"Today's setting, {_combination(today, 'en', staff)}, is not among the combinations "
                      "tried.")
            sv.append(f"Dagens upplägg, {_combination(today, 'sv', staff)}, är inte bland de prövade "
                      "alternativen.")
        elif today["status"] == "chosen":
            en.append("The chosen one is today's setting.")  # as permitflow optimise says it
            sv.append("Det valda är dagens upplägg.")
        else:
            meets = today["target_figure"]["mean"] is not None and today["target_figure"]["mean"] >= \
                result["target"]["share"]
            figures_en = (f"{_yearly(today, 'en', free)}, {_within(today, 'en')} within 4 months, "
                          f"{_mean_days(today, 'en')} on average")
            figures_sv = (f"{_yearly(today, 'sv', free)}, {_within(today, 'sv')} inom 4 månader, i snitt "
                          f"{_mean_days(today, 'sv')}")
            verdict_en = "reaches the target too" if meets else "does not reach the target"
            verdict_sv = "når också målet" if meets else "når inte målet"
            # run on after the search (to compare its days with the other rows' over the same runs)?
            runs = today.get("days_replications") or 0
            more = runs > (today.get("replications") or runs)
            if today["status"] == "dominated" and more:
                verdict_en += (" on average (the search went no further with it, as it costs at least as much as a "
                               f"combination that surely reaches it; its days are over {runs} replications, run on only to "
                               "compare its time with the others')")
                verdict_sv += (" i snitt (sökningen gick inte vidare med det, då det kostar minst lika mycket som ett "
                               f"alternativ som säkert når det; dagarna är över {runs} upprepningar, som det kördes vidare "
                               "till bara för att jämföra tiden med de andras)")
            elif today["status"] == "dominated":
                verdict_en += (" on average (not run further: it costs at least as much as a combination that surely "
                               "reaches it)")
                verdict_sv += " i snitt (inte kört vidare: det kostar minst lika mycket som ett alternativ som säkert når det)"
            en.append(f"Today's setting, {_combination(today, 'en', staff)} ({figures_en}), {verdict_en}.")
            sv.append(f"Dagens upplägg, {_combination(today, 'sv', staff)} ({figures_sv}), {verdict_sv}.")
    return sv, en


def _settle_words(result: dict[str, Any], staff: Mapping[str, str] | None) -> tuple[list[str], list[str]]:
    """When none is sure: the closest combination, its chance, and the button that settles it; once settled, what
    the fresh runs said (:mod:`report.settlewords`); English, Swedish."""
    near = result.get("closest")
    if near is None:
        return [], []
    name = {lang: _combination(near, lang, staff) for lang in ("en", "sv")}
    settled = result.get("settled")
    n = near["replications_to_settle"]
    how = ({"en": f" (“{TEXTS['goal_settle']['en'].format(n=number(n, 'en'))}” below)",
            "sv": f" (”{TEXTS['goal_settle']['sv'].format(n=number(n, 'sv'))}” nedan)"}
           if n is not None and settled is None else {"en": "", "sv": ""})
    chance = near["chance"] if near["chance"] is not None else math.nan
    en, sv = closest_words(name, chance, near["replications"], n, how, near.get("not_projected") or "",
                           near.get("settle_power", SETTLE_POWER))
    ens, svs = [en] if en else [], [sv] if sv else []
    if settled is not None:
        figure = {lang: _within(settled, lang) + (" within 4 months (95% interval " if lang == "en" else
                                                  " inom 4 månader (95 % intervall ")
                  + _interval(settled["target_figure"], lang) + ")" for lang in ("en", "sv")}
        en, sv = settled_words(name, settled["replications"], figure, settled["sure"])
        ens.append(en)
        svs.append(sv)
    return ens, svs


def _interval(figure: dict[str, Any], lang: str) -> str:
    """A share's 95 % interval as the page writes it: ``94 %–100 %``."""
    return f"{share(figure['low'], lang)}–{share(figure['high'], lang)}"


def goal_answer(result: dict[str, Any], names: Mapping[str, Any],
                clock: tuple[float | None, float | None] = LIBRARY_CLOCK,
                staff: Mapping[str, str] | None = None) -> dict[str, Any]:
    """The result (``OptimiseResult.to_json()``) with a sentence per language: the answer, then
    equally cheap combinations, the interval's low end and today's setting (as ``permitflow optimise``).
    ``clock``: the processes' deadline and extension in hours (:func:`report.deadlines.common_clock`),
    which the sentences name; ``staff``: the searched pool's name by language, :func:`staff_names`."""
    places, places_sv = (", ".join(said_name(names, p, lang) for p in result["processes"]) for lang in ("en", "sv"))
    share_en, share_sv = (share(result["target"]["share"], lang) for lang in ("en", "sv"))
    chosen = result["chosen"]
    free = unpriced(result)
    if chosen is None:
        sv = f"{places_sv}: inget av de prövade alternativen når {share_sv} av besluten inom 4 månader."
        en = f"{places}: none of the combinations tried reaches {share_en} of decisions within 4 months."
    else:
        if result["holds_at_bad_end"]:  # say it, as permitflow optimise does: a manager acts on a sure answer
            together, together_sv = _together(result)  # "" for one combination: its own 95 %
            sure, sure_sv = (f" (sure {together or 'with 95% confidence'})",
                             f" (når målet {together_sv or 'med 95 % säkerhet'})".replace("95 %", "95\u00a0%"))
        else:
            sure, sure_sv = _unsure(chosen, names, result)
        # without a price "the cheapest" is the fewest staff the search tried first: say what was chosen, not why
        cheapest_sv, cheapest_en = ("ett sätt", "one way") if free else ("billigast", "the cheapest way")
        sv = (f"{places_sv}: {cheapest_sv} att nå {share_sv} inom 4 månader är "
              f"{_combination(chosen, 'sv', staff)}: "
              f"{_yearly(chosen, 'sv', free)}, i snitt {_mean_days(chosen, 'sv')}{sure_sv}.")
        en = (f"{places}: {cheapest_en} to {share_en} within 4 months is "
              f"{_combination(chosen, 'en', staff)}: "
              f"{_yearly(chosen, 'en', free)}, {_mean_days(chosen, 'en')} on average{sure}.")
    more_sv, more_en = _more(result, names, free, staff)
    said = {"sv": " ".join([sv, *more_sv]), "en": " ".join([en, *more_en])}
    # names: the processes as the page shows them (the table names the one whose few cases set a row's low end)
    return {**result, "unpriced": free, "names": {p: said_name(names, p, "sv") for p in result["processes"]},
            "names_en": {p: said_name(names, p, "en") for p in result["processes"]},
            "sentence": {lang: deadline_said(text, lang, *clock) for lang, text in said.items()}}


def seek(request: OptimiseRequest, names: Mapping[str, Any], executor: Executor | None,
         progress: Callable[[int], None], cancelled: Callable[[], bool]) -> dict[str, Any]:
    """Run the search on ``executor`` and return the page's answer."""
    result = optimise(request, executor=executor, progress=progress, cancel=cancelled)
    members = request.base.points[0].members
    clocks = {m.name: profile_clock(m.profile) for m in members}
    staff = staff_names([m.profile for m in members], request.pool)
    said = goal_answer(result.to_json(), names, common_clock(clocks), staff)
    # its downloads, made here of the result itself by permitflow optimise's own writers (--csv, -o): kept
    # apart from the answer (web.runs.FILES)
    return {**said, FILES: {"csv": goalseek_csv(result), "json": goalseek_json(result)}}

