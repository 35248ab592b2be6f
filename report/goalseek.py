"""A goal seek's result (:mod:`scenarios.optimise`) as text a person reads and as CSV.

The headline says the answer in one sentence in English and in Swedish; the
table lists every candidate the search ran, the frontier (cost against time)
marked with ``*``: its mean days are over the replications each candidate was run
on to for it (:attr:`scenarios.optimise.Evaluated.days_replications`; two candidates
are compared over the ones both have), shown in a column of their own, with
that count, when the search gave candidates fewer. A candidate dearer than one that surely
meets the target, whose place on the frontier was not needed (``frontier`` ``None``), is
marked "not needed: a cheaper one meets the goal" beside its status, its figures over the
replications it has.
"""

from __future__ import annotations

import csv
import io
import json
import math
from collections.abc import Mapping

import numpy as np

from bpmn_io.profile import LANGUAGES
from processes.textsafe import csv_cell
from processes.wording import listed
from report.goalwords import (
    NO_PRICE,
    SHARE,
    candidate_en,
    candidate_label,
    candidate_sv,
    days_words,
    interval_words,
    replications_words,
    result_unpriced,
    staff_names,
    unpriced_costs,
    yearly_words,
)
from report.numbers import days_said, kronor, number
from report.settlewords import closest_words, settled_words
from report.valuewords import fte_words
from report.words import duration_words, level_words
from scenarios.goal import SETTLE_POWER
from scenarios.optimise import Evaluated, OptimiseResult, Target

# NO_PRICE, unpriced_costs, staff_names and candidate_label: where the page and the tests import them from
# (report.goalwords holds them since the module was split)
__all__ = ["goalseek_text", "goalseek_csv", "goalseek_json", "CSV_COLUMNS", "NO_PRICE",
           "unpriced_costs", "staff_names", "candidate_label", "together_words"]

CSV_COLUMNS = (
    "officers", "fte", "level", "cost_kr_per_year", "staff_cost", "decision_cost", "replications",
    "target_mean", "target_low", "target_high", "complete_to_decision_mean_days", "days_low", "days_high",
    "status", "frontier", "days_replications",
)

#: a candidate dearer than one that surely meets the target, its place on the frontier not run on for
_NOT_NEEDED = "not needed: a cheaper one meets the goal"

#: a candidate's status (:class:`scenarios.optimise.Evaluated`; the JSON and CSV keep the code) in the table's words
STATUS_WORDS = {"chosen": "chosen", "feasible": "meets the target", "infeasible": "misses the target",
                "undecided": "unsure: its interval spans the target",
                "dominated": "dropped: costs as much as a sure one"}


def _headline(result: OptimiseResult, staff: Mapping[str, str] | None = None) -> list[str]:
    target, chosen = result.target, result.chosen
    if chosen is None:
        return [f"No candidate meets the target ({target.text}).",
                f"Inget alternativ når målet ({_target_sv(result)}).", *_today(result, staff)]
    digits = SHARE if target.share is not None else 1
    value, value_sv = interval_words(chosen.target_value, digits), interval_words(chosen.target_value, digits, "sv")
    holds, holds_sv = _holds(result, chosen)
    what = "share within the deadline" if target.share is not None else "mean days from complete to decision"
    what_sv = "andel inom tidsfristen" if target.share is not None else "medeltid från komplett ansökan till beslut, dagar"
    # without a price "the cheapest" is the fewest staff the search tried first: say what was chosen, not why
    # (as the page's goal seek, web.goalseek.goal_answer)
    free = result_unpriced(result)
    lines = [
        f"{'One that' if free else 'Cheapest that'} meets the target: {candidate_en(chosen.candidate, staff)}, "
        f"{yearly_words(chosen.cost, 'en', free)}; {what} {value} (95% CI, {replications_words(chosen, result, 'en')}); "
        f"{holds}.",
        f"{'Ett alternativ' if free else 'Billigast'} som når målet: {candidate_sv(chosen.candidate, staff)}, "
        f"{yearly_words(chosen.cost, 'sv', free)}; {what_sv} {value_sv} "
        f"(95\u00a0% KI, {replications_words(chosen, result, 'sv')}); "
        f"{holds_sv}.",
    ]
    if result.ties:
        # a mean-time target's line above gives the mean of fresh replications; these are the search's own,
        # on which it ordered the ties (found by QA, qafresh: "48.1 [37.2, 59.0]" above, then "the one
        # above: 40 days")
        over = ("", "") if target.share is not None else (
            "; these over the replications the search compared them on, the line above over fresh ones",
            "; dessa över de upprepningar sökningen jämförde dem på, raden ovan över nya")
        lines += [("Meeting the target too: " if free else "Equally cheap and meeting the target too: ")
                  + "; ".join(f"{candidate_en(e.candidate, staff)}, {days_said(days_words(e), 'en')} on average"
                              for e in result.ties)
                  + f" (the one above: {days_said(days_words(chosen), 'en')}, the shortest mean time from "
                  f"complete to decision{over[0]}).",
                  ("Når också målet: " if free else "Lika billigt och når också målet: ")
                  + "; ".join(f"{candidate_sv(e.candidate, staff)}, {days_said(days_words(e, 'sv'), 'sv')} i medeltal"
                              for e in result.ties)
                  + f" (alternativet ovan: {days_said(days_words(chosen, 'sv'), 'sv')}, kortast medeltid från komplett ansökan till "
                  f"beslut{over[1]})."]
    if result.safe is not None:
        safe = result.safe
        # the figure named, as the headline names it (it said "61.9 [59.9, 64.0]": days or per cent, unsaid; the
        # Swedish line had no figure)
        together, together_sv = _together(result)
        lines += [f"{'One that' if free else 'Cheapest that'} surely meets it,{together}: "
                  f"{candidate_en(safe.candidate, staff)}, {yearly_words(safe.cost, 'en', free)}; {what} "
                  f"{interval_words(safe.target_value, digits)} ({replications_words(safe, result, 'en')}).",
                  f"{'Ett alternativ' if free else 'Billigast'} som säkert når målet,{together_sv}: "
                  f"{candidate_sv(safe.candidate, staff)}, {yearly_words(safe.cost, 'sv', free)}; {what_sv} "
                  f"{interval_words(safe.target_value, digits, 'sv')} "
                  f"({replications_words(safe, result, 'sv')})."]
    elif not result.holds_at_bad_end and target.share == 1.0:  # more replications cannot help: say what can
        lines += ["No candidate run meets it at the bad end of its interval, nor can one: the interval of a share "
                  "of any number of cases reaches below 100% (a lower --target-share can be, with enough cases).",
                  "Inget alternativ når målet i intervallets sämre ände, och inget kan: intervallet för en andel av "
                  "hur många ärenden som helst når under 100\u00a0% (en lägre --target-share kan nås där, med tillräckligt många ärenden)."]
    elif not result.holds_at_bad_end:
        together, together_sv = _together(result)
        # with several, fewer candidates ask less of each (Holm: 1 - 0.05/m): say so beside more replications
        lines += [(f"No candidate run surely meets it{together}" if together else
                   "No candidate run meets it at the bad end of its interval")
                  + " (more replications narrow the intervals: --max-replications"
                  + ("; fewer candidates ask less of each)." if together else ")."),
                  (f"Inget alternativ når målet säkert{together_sv}" if together else
                   "Inget alternativ når målet i intervallets sämre ände")
                  + " (fler upprepningar ger smalare intervall: --max-replications"
                  + ("; färre alternativ kräver mindre av vart och ett)." if together else ").")]
    return lines + _settle_lines(result, staff) + _today(result, staff)


def _settle_lines(result: OptimiseResult, staff: Mapping[str, str] | None) -> list[str]:
    """When none is sure: the closest candidate, its chance, and the ``--settle N`` that would settle it; once
    settled, what the fresh replications said (:mod:`report.settlewords`)."""
    near = result.closest
    if near is None:
        return []
    name = {"en": candidate_en(near.candidate, staff), "sv": candidate_sv(near.candidate, staff)}
    n = result.to_settle
    how = {"en": f" (add --settle {n})", "sv": f" (lägg till --settle {n})"} if n is not None else {"en": "", "sv": ""}
    if result.settled is not None:
        how = {"en": "", "sv": ""}
    lines = [line for line in closest_words(name, result.chance, near.replications, n, how, result.not_projected,
                                            SETTLE_POWER) if line]
    if result.settled is not None:
        digits = SHARE if result.target.share is not None else 1
        figure = {lang: interval_words(result.settled.target_value, digits, lang) + (" (95% CI)" if lang == "en" else
                                                                             " (95 % KI)") for lang in LANGUAGES}
        lines += settled_words(name, result.settled.replications, figure, result.settled.sure)
    return lines


def together_words(k: int, tried: str = "candidates") -> tuple[str, str]:
    """" with 95% confidence when all 12 candidates tried are taken together": what "surely" means when
    the answer picks among ``k`` (Holm, :func:`scenarios.verdicts.jointly_sure`); nothing more with one
    candidate, where it is its own 95 %. ``tried``: what the English calls them (the web page's
    "combinations"); English, Swedish.

    >>> together_words(1), together_words(2, "combinations")[0]
    (('', ''), ' with 95% confidence when both combinations tried are taken together')
    """
    if k < 2:
        return "", ""
    if k == 2:
        return (f" with 95% confidence when both {tried} tried are taken together",
                " med 95\u00a0% säkerhet när båda prövade alternativen tas tillsammans")
    return (f" with 95% confidence when all {number(k, 'en')} {tried} tried are taken together",
            f" med 95\u00a0% säkerhet när alla {number(k, 'sv')} prövade alternativ tas tillsammans")


def _together(result: OptimiseResult) -> tuple[str, str]:
    """:func:`together_words` of the search's candidates."""
    return together_words(len(result.evaluated))


def _holds(result: OptimiseResult, chosen: Evaluated) -> tuple[str, str]:
    """Whether the chosen one surely meets the target: at its own interval's bad end, and taken together with
    every candidate tried (the answer picks among them: each must clear more than its own 95 %)."""
    together, together_sv = _together(result)
    alone = result.target.met(result.target.bad_end(chosen.target_value))
    if result.holds_at_bad_end:
        return (f"the target holds at the interval's bad end{', and' + together if together else ''}",
                f"målet håller i intervallets sämre ände{', och' + together_sv if together else ''}")
    if alone:  # clear of the target alone, not when picked among several
        return (f"the target holds at the interval's bad end, but NOT{together} (picking among several asks "
                "more of each)",
                f"målet håller i intervallets sämre ände, men INTE{together_sv} (att välja bland flera "
                "kräver mer av vart och ett)")
    return ("the target does NOT hold at the interval's bad end",
            "målet håller INTE i intervallets sämre ände")


def _target_sv(result: OptimiseResult) -> str:
    """The target in Swedish, as :attr:`scenarios.optimise.Target.text` says it in English (the Swedish line of
    a search that found nothing said only "Inget alternativ når målet.")."""
    target = result.target
    if target.share is not None:
        return f"minst {number(target.share * 100, 'sv')}\u00a0% av de avgjorda ärendena inom tidsfristen"
    days = float(target.mean_days or 0.0)
    length = duration_words(f"{days * 24:.3g}h" if days < 1 else f"{round(days, 2):g}d", "sv")
    return f"medeltid från komplett ansökan till beslut högst {length}"


def _today(result: OptimiseResult, staff: Mapping[str, str] | None = None) -> list[str]:
    """Whether today's combination (the profiles' own) meets the target, in English and Swedish."""
    today, run, target = result.today, result.today_run, result.target
    if today is None:
        return []
    if run is None:
        return [f"Today's setting, {candidate_en(today, staff)}, is not among the candidates.",
                f"Dagens upplägg, {candidate_sv(today, staff)}, är inte bland alternativen."]
    if run.status == "chosen":
        return ["The chosen one is today's setting.", "Det valda är dagens upplägg."]
    meets = target.met(run.target_value.mean)
    digits = SHARE if target.share is not None else 1
    what = "share within the deadline" if target.share is not None else "mean days from complete to decision"
    what += f" {interval_words(run.target_value, digits)} ({replications_words(run, result, 'en')})"
    what_sv = "andel inom tidsfristen" if target.share is not None else "medeltid från komplett ansökan till beslut, dagar"
    what_sv += f" {interval_words(run.target_value, digits, 'sv')} ({replications_words(run, result, 'sv')})"
    verdict = "meets the target too" if meets else "does not meet the target"
    verdict_sv = "når också målet" if meets else "når inte målet"
    more = run.days_reps > run.replications  # run on after the search, to compare its days with the others'
    days = (f"run on to {run.days_reps} replications only to compare its time with the other candidates': "
            f"{days_said(days_words(run), 'en')} from complete to decision on average over those")
    days_sv = (f"vidare till {run.days_reps} upprepningar bara för att jämföra dess tid med de andra alternativens: "
               f"i medeltal {days_said(days_words(run, 'sv'), 'sv')} från komplett ansökan till beslut över dem")
    if run.status == "dominated" and more:
        verdict += (" by its mean; the search dropped it there, as it costs at least as much as one that surely "
                    f"meets it, and then {days.replace('run on', 'ran it on', 1)}")
        verdict_sv += (" i medeltal; sökningen släppte det där, då det kostar minst lika mycket som ett alternativ som "
                       f"säkert når det, och körde det sedan {days_sv}")
    elif run.status == "dominated":
        verdict += " by its mean, not run further as it costs at least as much as one that surely meets it"
        verdict_sv += " i medeltal, inte kört vidare då det kostar minst lika mycket som ett alternativ som säkert når det"
    elif more:
        verdict += f"; after the search it was {days}"
        verdict_sv += f"; efter sökningen kördes det {days_sv}"
    free = result_unpriced(result)
    return [f"Today: {candidate_en(today, staff)}, {yearly_words(run.cost, 'en', free)}; {what}: {verdict}.",
            f"I dag: {candidate_sv(today, staff)}, {yearly_words(run.cost, 'sv', free)}; {what_sv}: {verdict_sv}."]


def _levers_line(result: OptimiseResult, staff: Mapping[str, str] | None = None) -> str:
    """What the search tried, in words: ``Tried: 1 or 2 officers at quarter time, half time or full time; decided by
    the committee or the working committee (officers of the pool 'officer', seed 2025).`` (it said ``levers:
    officers 1, 2; FTE 0.25, 0.5, 1; levels committee, working_committee (pool officer, seed 2025)``)."""
    levers = result.levers
    counts = listed([str(n) for n in levers.officers], " or ")
    shares = listed([fte_words(f, "en") for f in levers.fte], " or ")
    named = [level_words(lv, "en") for lv in levers.levels if lv]
    levels = f"; decided by {listed(named, ' or ')}" if named else ""
    one = len(levers.officers) == 1 and levers.officers[0] == 1
    if staff:
        return (f"Tried: {counts} {'person' if one else 'people'} in {staff['en']} at {shares}{levels} "
                f"(the pool '{result.pool}', seed {result.seed}).")
    return (f"Tried: {counts} officer{'' if one else 's'} at {shares}{levels} (officers of the pool "
            f"'{result.pool}', seed {result.seed}).")


def goalseek_text(result: OptimiseResult, names: Mapping[str, str] | None = None,
                  staff: Mapping[str, str] | None = None) -> str:
    """The headline, the levers and every candidate run, cheapest first; ``names``: each process's name as a
    person reads it (``Åstorp``; its own name, ``astorp``, when not given); ``staff``: the searched pool's
    name by language where the profiles give one (:func:`staff_names`; found by QA, qawords: "1 officer" of an
    imported model's HR Department)."""
    target = result.target
    digits = SHARE if target.share is not None else 1
    shown = ", ".join((names or {}).get(p, p) for p in result.processes)
    lines = [f"Goal seek for {shown}: {target.text}"
             + (" (every process)" if len(result.processes) > 1 else ""),
             *_headline(result, staff), ""]
    lines.append(_levers_line(result, staff))
    count = len(result.evaluated)
    most = result.frontier_replications
    # the time column is the runs' own when no candidate was run on for the frontier; a mean target's column is over
    # the fresh replications (scenarios.optimise._confirmed), the frontier's days over the search's: never alike
    fresh = target.share is None
    alike = not fresh and (all(e.days_reps == e.replications for e in result.evaluated) or not most)
    same = alike and all(e.replications == most for e in result.evaluated)
    # the counts grouped as the docs and a run's line say them ("1,440 work units"; it said "1440")
    lines.append(f"{count:,} candidate{'s' if count != 1 else ''}, {result.work_units:,} work units"
                 + ("" if alike else
                    f" ({result.frontier_units:,} of them to run candidates on for the frontier)")
                 + "; * = on the frontier (cost against "
                 + ("time)" if not most else f"mean days, the same {most} replications for every candidate)" if same
                    else "mean days: two candidates are compared over the replications both have, and run on until "
                         f"their paired differences' {result.screen_level * 100:g}% interval (shared among the pairs) "
                         f"says which is faster, or both have {most} and their means say it)")
                 + ("" if all(e.frontier is not None for e in result.evaluated) else
                    "; “not needed”: it costs more than one that surely meets the target (at its interval's bad "
                    "end), so it was not run on to place it on the frontier"))
    if fresh:
        lines.append("mean days (95% CI): over as many fresh replications as the search gave the candidate (reps), "
                     "not those it stopped on, so the interval holds the true mean 95% of the time.")
    free = result_unpriced(result)
    if free:  # the column's – said once (the page's note)
        lines.append("kronor/year –: the profiles put no price on the work.")
    lines.append("")
    share = not fresh  # a mean target's column: its fresh replications' mean days, beside the frontier's
    days = "mean days (95% CI)" if alike else "frontier: reps, mean days (95% CI)"
    named = {id(e): candidate_label(e.candidate) for e in result.evaluated}
    wide = max([34, *map(len, named.values())])
    lines.append(f"  {'candidate':<{wide}} {'kronor/year':>12} {'reps':>4}  "
                 + (f"{'share within deadline (95% CI)':<34} " if share else f"{'mean days (95% CI)':<24} ")
                 + f"{days:<{24 if alike else 38}} status")
    for e in sorted(result.evaluated, key=lambda e: (round(e.cost, 2),  # to the öre, as the frontier: faster first
                                                     e.time.mean if not math.isnan(e.time.mean) else math.inf)):
        mark = "*" if e.frontier else " "
        time = interval_words(e.time, 1)
        lines.append(f"{mark} {named[id(e)]:<{wide}} {'–' if free else kronor(e.cost, 'en'):>12} {e.replications:>4}  "
                     + f"{interval_words(e.target_value, digits):<{34 if share else 24}} "
                     + (f"{time:<24}" if alike else f"{e.days_reps:>4}  {time:<32}") + f" {_status(e, target)}"
                     + ("" if e.frontier is not None else f", {_NOT_NEEDED}"))
    return "\n".join(lines) + "\n"


def _status(e: Evaluated, target: Target) -> str:
    """The table's status words: the search's verdict (its 99 % screen over the searched replications); for a mean
    target, where the fresh replications' mean (the answer's, the row's figure) says the other way, that too: the
    joint unit's 3 x 0.3 FTE at 27 days read "meets the target" beside 27.1 [26.3, 27.8] days."""
    words = STATUS_WORDS.get(e.status, e.status)
    if target.share is None and e.status in ("feasible", "infeasible") \
            and not math.isnan(e.target_value.mean) and target.met(e.target_value.mean) != (e.status == "feasible"):
        words += ", but not by its fresh replications' mean"
    return words


def _num(x: float) -> str:
    """A figure for the CSV: 6 significant digits as a plain decimal (``0.00001``, not ``1e-05``; ``0``, not
    ``-0``), empty for no finite value."""
    if not math.isfinite(x):
        return ""
    rounded = float(f"{x:.6g}")
    return "0" if rounded == 0 else str(np.format_float_positional(rounded, trim="-"))


def goalseek_csv(result: OptimiseResult) -> str:
    """One row per candidate run, in the grid's order (columns :data:`CSV_COLUMNS`): ``replications`` and the
    target's columns are the search's, the days columns over ``days_replications`` (the row's: how far it was run on for the frontier);
    ``frontier`` 1 or 0, empty where it was not needed (dearer than one that surely meets the target)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for e in result.evaluated:
        c, t, d = e.candidate, e.target_value, e.time
        writer.writerow([c.officers, f"{c.fte:g}", csv_cell(c.level or ""),  # an uploaded profile names levels
                         f"{e.cost:.2f}", f"{e.staff_cost:.2f}", f"{e.decision_cost:.2f}", e.replications,
                         _num(t.mean), _num(t.low), _num(t.high), _num(d.mean), _num(d.low), _num(d.high), e.status,
                         "" if e.frontier is None else int(e.frontier),
                         e.days_reps])
    return out.getvalue()


def goalseek_json(result: OptimiseResult) -> str:
    """The result as ``permitflow optimise -o`` writes it (and the what-if page's download of it)."""
    return json.dumps(result.to_json(), indent=2, ensure_ascii=False) + "\n"
