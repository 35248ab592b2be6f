"""The page's answer to a what-if: plain sentences, the time distribution, the diagram.

:func:`answer` turns the batch of a :func:`web.whatif.build_study` study into
plain data for the page: per municipality one sentence in Swedish and one in
English with the 95 % intervals and the paired difference, the distribution of
days from a complete application to the decision (status quo and what-if, weekly
bins) with the legal deadline, and the process diagram with the average waiting
time per step (what-if) as badges. Figures are named in words; code names stay
in the data (``figure`` keys).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

from bpmn_io.reader import parse_bpmn
from bpmn_io.svg import render_svg
from processes.errors import PermitflowError
from processes.shownnames import name_in
from report.deadlines import LIBRARY_CLOCK, ClockHours, calendar_rule, deadline_said, duration_words
from report.headline import (
    ARRIVAL_FIGURE,
    SAME_IN_EVERY_RUN,
    at_least,
    one_value,
    other_way,
    sure_end,
    together,
)
from report.html import bilingual_badges, strip_xml_prolog, waiting_badges
from report.numbers import MISSING, days_said, number, share
from report.results import summary_document
from report.stepwords import unnamed_words
from scenarios.batch import BatchResults
from scenarios.execute import parsed_member, point_inputs
from web.levers import RUN_LEVERS
from web.texts import TEXTS, said_name

__all__ = ["answer", "sentences", "histogram", "BIN_DAYS", "diagram"]

#: the width of a bar of the distribution, in days
BIN_DAYS = 7
MAIN = "complete_to_decision_mean_days"
SHARE = "within_deadline_share"
# the columns of a case row in a batch (the replication first): see scenarios.execute.CASE_COLUMNS
_PROCESS, _WARMUP, _C2D = 1, 3, 8


def _days(value: Any, lang: str) -> str:
    """Whole days as ``lang`` writes them."""
    return number(value, lang, 0)


def _share(value: Any, lang: str) -> str:
    """A share as per cent (``87 %``, ``99,8 %``) as ``lang`` writes it, by the report's rule (:func:`report.numbers.share`)."""
    return share(value, lang)


def sentences(name: str | Mapping[str, str], status: Mapping[str, Any], whatif: Mapping[str, Any], diff: Mapping[str, Any] | None,
              share_now: Any, share_then: Any, clock: tuple[float, float] | None = LIBRARY_CLOCK, *,
              changed: bool = True, arrival: Mapping[str, Any] | None = None) -> dict[str, str]:
    """One plain sentence per language for one municipality (``name``: its name, or its name per language;
    ``status``/``whatif``: mean and ci of
    the days from a complete application to the decision; ``diff``: the paired difference; ``clock``:
    the profile's deadline and extension in hours, which the share within the deadline names;
    ``changed``: whether any lever was changed, else today alone is told, and how to ask; ``arrival``: the paired
    difference in the days from the application's arrival, told too when it is sure and not what ``diff`` says)."""
    said = {}
    # "67 (−114–247) days" (2 replications): no time is below zero days; the mean alone, and why (at the end)
    below = [est for est in ((status,) if not changed else (status, whatif)) if _below_zero(est)]
    alone = [est for est in ((status,) if not changed else (status, whatif)) if _alone(est)]
    for lang in ("en", "sv"):
        who = said_name({"": name}, "", lang)
        (now, now_same), (then, then_same) = _mean_and_interval(status, lang), _mean_and_interval(whatif, lang)
        if not changed:  # "60 days today, 60 days with the changes: between 0 and 0 days" said nothing
            said[lang] = _today_alone(who, now, _share(share_now, lang), lang, _measured(clock, lang), now_same)
            said[lang] += _too_few(lang) if below else _too_few(lang, one=True) if alone else ""
            if clock is not None:
                said[lang] = deadline_said(said[lang], lang, *clock)
            continue
        if diff is None or diff["mean"] is None:
            change = ""
        elif diff["significant"]:
            longer = diff["mean"] > 0
            # under half a day in whole days read "0 days shorter (0–0)": a tenth of a day instead, for the
            # change and both ends of its interval alike ("1 dagar kortare (0–2)" mixed them)
            digits = 1 if any(round(abs(v)) == 0 for v in (diff["mean"], *diff["ci"])) else 0
            size = days_said(number(abs(diff["mean"]), lang, digits), lang)
            if round(abs(diff["mean"]), 1) == 0:  # a few hours: not "0,0 days shorter"
                tenth = days_said(number(0.1, lang, 1), lang)
                size = f"less than {tenth}" if lang == "en" else f"mindre än {tenth}"
            ends = [sure_end(abs(end), lang, digits) for end in diff["ci"]]  # "(0,0–0,1)": a sure change is not 0
            span = f"{ends[0]}–{ends[1]}" if longer else f"{ends[1]}–{ends[0]}"
            # "(5–5)": the change once; both times fixed, "(both the same in every run)" has said it of the change too
            note = "" if now_same and then_same else f" ({SAME_IN_EVERY_RUN[lang] if one_value(diff) else span})"
            change = (f": {size} {'longer' if longer else 'shorter'}{note}" if lang == "en" else
                      f": {size} {'längre' if longer else 'kortare'}{note}")
        elif one_value(diff):  # no change in any run: not "between 0,0 and 0,0 days"
            note = "" if now_same and then_same else f" ({SAME_IN_EVERY_RUN[lang]})"
            change = f": no difference{note}" if lang == "en" else f": ingen skillnad{note}"
        else:
            # both ends the same whole day ("between 0 and 0 days"): tenths of a day
            digits = 1 if _days(diff["ci"][0], lang) == _days(diff["ci"][1], lang) else 0
            low, high = number(diff["ci"][0], lang, digits), number(diff["ci"][1], lang, digits)
            change = (f": no clear difference (between {low} and {high} days)" if lang == "en" else
                      f": ingen tydlig skillnad (mellan {low} och {high} dagar)")
        if arrival is not None and diff is not None and other_way(diff, arrival):
            change += _from_arrival(arrival, lang)
        before, after = _share(share_now, lang), _share(share_then, lang)
        # a process without a legal clock has no deadline: no share within 4 months to state
        timed = before != MISSING or after != MISSING
        # a time every run measured alike says so after "today" and "with the changes", where it reads naturally
        # ("takes 17 days (the same in every run) on average today" did not); both alike, once for the two
        both = "both" if lang == "en" else "båda"
        same = ("", f" ({SAME_IN_EVERY_RUN[lang]})", f" ({both} {SAME_IN_EVERY_RUN[lang]})")
        today_note, then_note = ("", same[2]) if now_same and then_same else (same[now_same], same[then_same])
        said[lang] = (
            f"{who}: {_measured(clock, lang)} takes {now} on average today{today_note}, "
            f"{then} with the changes{then_note}{change}."
            + (f" Within 4 months: {before} today, {after} with the changes." if timed else "")
            if lang == "en" else
            f"{who}: {_measured(clock, lang)} tar det i snitt {now} i dag{today_note}, "
            f"{then} med ändringarna{then_note}{change}."
            + (f" Inom 4 månader: {before} i dag, {after} med ändringarna." if timed else ""))
        said[lang] += _too_few(lang) if below else _too_few(lang, one=True) if alone else ""
        if clock is not None:
            said[lang] = deadline_said(said[lang], lang, *clock)
    return said


def _from_arrival(arrival: Mapping[str, Any], lang: str) -> str:
    """``; från att ansökan kom in: 2 dagar kortare (1–3)``: the sure change in the days from the application's
    arrival (found by QA: a higher share of complete applications read "4 dagar längre" on the legal clock, which
    starts sooner, while from the arrival the cases are decided 2 days sooner)."""
    longer = arrival["mean"] > 0
    digits = 1 if any(round(abs(v)) == 0 for v in (arrival["mean"], *arrival["ci"])) else 0
    size = number(abs(arrival["mean"]), lang, digits)
    ends = [sure_end(abs(end), lang, digits) for end in arrival["ci"]]
    span = f"{ends[0]}–{ends[1]}" if longer else f"{ends[1]}–{ends[0]}"
    if lang == "en":
        return f"; from the application's arrival: {days_said(size, lang)} {'longer' if longer else 'shorter'} ({span})"
    return f"; från att ansökan kom in: {days_said(size, lang)} {'längre' if longer else 'kortare'} ({span})"


def _below_zero(est: Mapping[str, Any]) -> bool:
    """Whether the interval of mean days ``est`` reaches below zero (too few replications to say; summary.json
    holds it cut at 0 and says ``"cut"``)."""
    low = (est.get("ci") or [None])[0]
    return est.get("cut") in ("below", "both") or (low is not None and low < 0)


def _mean_and_interval(est: Mapping[str, Any], lang: str) -> tuple[str, bool]:
    """``67 (55–79) dagar``: the mean days and its 95 % interval, with the unit; the mean alone when the interval
    reaches below zero; under a day in hours, ``2,4 (2,3–2,6) timmar`` (whole days said "0 (0–0) dagar"); an
    interval of one value as the mean alone, ``17 dagar``, and ``True`` (a model of fixed times said "17 (17–17)"):
    the sentence says "the same in every run" where it reads naturally."""
    mean, (low, high) = est["mean"], est["ci"]
    unit = "days" if lang == "en" else "dagar"
    digits, k = 0, 1.0
    if isinstance(mean, (int, float)) and not math.isnan(mean) and abs(mean) < 1:
        k, unit = 24.0, "hours" if lang == "en" else "timmar"
        digits = 1 if abs(mean) * k < 10 else 0

    def shown(value: Any) -> str:
        return number(value * k if isinstance(value, (int, float)) else value, lang, digits)

    said = days_said(shown(mean), lang) if k == 1.0 else f"{shown(mean)} {unit}"
    if one_value(est):
        return said, True
    if _below_zero(est) or _alone(est):
        return said, False
    return f"{shown(mean)} ({shown(low)}–{shown(high)}) {unit}", False


def _too_few(lang: str, one: bool = False) -> str:
    """Why a mean days stands without its interval (:func:`_mean_and_interval`), and what to do; ``one``: one
    replication alone measured it (no interval at all), else the interval would reach below zero."""
    label = next(lever for lever in RUN_LEVERS if lever.key == "replications")
    why = {"en": "only one measured it" if one else "it would reach below zero days",
           "sv": "bara en mätte det" if one else "det skulle gå under noll dagar"}[lang]
    if lang == "en":
        return f" Too few replications for an interval ({why}): choose more under “{label.en}”."
    return f" För få upprepningar för ett intervall ({why}): välj fler under ”{label.sv}”."


def _alone(est: Mapping[str, Any]) -> bool:
    """Whether the mean days ``est`` has no interval: one replication alone measured it (it read "70 (–––) dagar")."""
    mean, (low, high) = est["mean"], est["ci"]
    return isinstance(mean, (int, float)) and not math.isnan(mean) and (low is None or high is None)


def _measured(clock: tuple[float, float] | None, lang: str) -> str:
    """What the days are: from a complete application to the decision (the legal clock), or, for a process without
    one, from the case's arrival (docs/simulation.md: the figure then runs from the arrival)."""
    if clock is None:
        return "from the case's arrival until it is done" if lang == "en" else "från att ärendet kommer in tills det är klart"
    return "from a complete application to the decision" if lang == "en" else "från komplett ansökan till beslut"


def _today_alone(name: str, now: str, share: str, lang: str, measured: str, same: bool = False) -> str:
    """The sentence of a what-if with no lever changed: the days today (``same``: every run measured them alike),
    and what to do to see a change."""
    timed = share != MISSING
    if lang == "en":
        return (f"{name}: {measured} takes {now} on average today{f', {SAME_IN_EVERY_RUN[lang]}' * same} (no change "
                f"chosen: change something under “{TEXTS['levers']['en']}” to see what it does)."
                + (f" Within 4 months: {share} today." if timed else ""))
    return (f"{name}: {measured} tar det i snitt {now} i dag{f', {SAME_IN_EVERY_RUN[lang]}' * same} (ingen ändring vald: ändra "
            f"något under ”{TEXTS['levers']['sv']}” för att se vad det gör)."
            + (f" Inom 4 månader: {share} i dag." if timed else ""))


def histogram(cases: Sequence[Sequence[Any]], member: str) -> list[int]:
    """Decided cases of ``member`` after the warm-up, counted by weeks from a complete application
    to the decision (bar ``i``: ``i*7`` to ``(i+1)*7`` days). A case is decided when it has those
    days; its ``within_deadline`` is empty without a legal clock as well, so it does not say."""
    counts: list[int] = []
    for row in cases:
        if row[_PROCESS] != member or row[_WARMUP] or math.isnan(row[_C2D]):
            continue
        i = max(0, int(row[_C2D] // BIN_DAYS))
        counts += [0] * (i + 1 - len(counts))
        counts[i] += 1
    return counts


def diagram(bpmn: str, member: str, figures: Mapping[str, Any], before: Mapping[str, Any],
            elements: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The diagram with the what-if's waiting badges, and the longest waits before and after (each
    step by its name, an unnamed timer in words per language; ``elements``: the profile's
    ``simulation.elements``)."""
    badges = waiting_badges(figures, member)
    try:
        defs = parse_bpmn(bpmn.encode("utf-8"), source=f"{member}.bpmn")
        svg = bilingual_badges(strip_xml_prolog(render_svg(defs, badges=badges, languages=("en", "sv"))))
    except PermitflowError as err:
        return {"svg": "", "problem": str(err), "waits": []}
    old = waiting_badges(before, member)
    unnamed = {lang: unnamed_words(defs, elements or {}, lang) for lang in ("sv", "en")}
    waits = []
    for element in sorted(set(badges) | set(old)):
        try:
            found = defs.element(element)
        except KeyError:
            found = None
        label = {lang: " ".join(name_in(found, lang).split()) for lang in ("sv", "en")}
        step = {lang: label[lang] or unnamed[lang].get(element) or element for lang in ("sv", "en")}
        prefix = f"{member}/wait_days.{element}"
        now, then = (before.get(prefix) or {}).get("mean"), (figures.get(prefix) or {}).get("mean")
        waits.append((-max(now or 0.0, then or 0.0), {"step": step, "now": now, "then": then}))
    waits.sort(key=lambda w: w[0])
    return {"svg": svg, "problem": "", "waits": [w for _key, w in waits[:8]]}


def answer(batch: BatchResults, names: Mapping[str, Any], *, changed: bool = True) -> dict[str, Any]:
    """The page's data for a finished status quo + what-if batch (``names``: process -> display name, or its name per
    language (:func:`said_name`);
    ``changed``: whether the what-if changed any lever)."""
    doc = summary_document(batch)
    status, whatif = (s["points"][0] for s in doc["scenarios"])
    before_cases, after_cases = (p.cases for p in batch.points)
    point = batch.points[1].scenario.points[0]
    diffs = (whatif.get("comparison") or {}).get("differences", {})
    out = []
    for member, text in zip(point.members, point_inputs(point), strict=True):
        name = {lang: said_name(names, member.name, lang) for lang in ("en", "sv")}
        key = f"{member.name}/{MAIN}"
        nan = {"mean": None, "ci": [None, None]}
        now, then = status["figures"].get(key, nan), whatif["figures"].get(key, nan)
        share = f"{member.name}/{SHARE}"
        params = parsed_member(text)[1]
        deadline = params.clock.deadline / 24.0 if params is not None and params.clock is not None else None
        clock = None if params is None or params.clock is None else (params.clock.deadline,
                                                                      params.clock.extension or 0.0)
        months = None if params is None or params.clock is None else params.clock.deadline_months
        # a deadline in days or weeks is counted by the day too: its rule said under the chart
        written = None if params is None or params.clock is None else ClockHours(params.clock.deadline,
                                                                                 params.clock.deadline_unit)
        out.append({
            "process": member.name,
            "name": name["sv"],
            "names": name,
            "sentence": sentences(name, now, then, diffs.get(key), (status["figures"].get(share) or nan)["mean"],
                                  (whatif["figures"].get(share) or nan)["mean"], clock, changed=changed,
                                  arrival=diffs.get(f"{member.name}/{ARRIVAL_FIGURE}")),
            "figure": MAIN,
            "now": now,
            "then": then,
            "difference": diffs.get(key),
            "deadline_days": deadline,
            # the chart's line named by this process's deadline ("2 månader"), not the library's
            "deadline_words": None if clock is None else {lang: duration_words(clock[0], lang) for lang in ("sv", "en")},
            # a deadline in months is each case's own date: the chart's line is only their mean length
            "deadline_rule": calendar_rule(months, written),
            "bin_days": BIN_DAYS,
            "histogram": {"now": histogram(before_cases, member.name), "then": histogram(after_cases, member.name)},
            "changed": changed,  # nothing changed: the chart draws today alone (two lines read as a change)
            "diagram": diagram(member.bpmn, member.name, whatif["figures"], status["figures"],
                               ((member.profile.get("simulation") or {}).get("elements") or {})),
        })
    return {"municipalities": out, "failures": doc["failures"],
            "replications": batch.study.scenarios[0].replications, "seed": batch.study.scenarios[0].seed}


def how_sure(doc: Mapping[str, Any], names: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """Per process, from an uncertainty document (:func:`scenarios.uncertainty.analyse`): whether the
    what-if's change in the days from a complete application to the decision holds across the
    assumption ranges, the range under noise and assumptions, the three strongest drivers, and
    one sentence per language."""
    what_if = (doc.get("scenarios") or {}).get("what-if") or {}
    words = {f["name"]: f["words"] for f in doc.get("factors", [])}
    out: dict[str, dict[str, Any]] = {}
    for member in what_if.get("members", []):
        key = f"{member}/{MAIN}"
        conclusion = (what_if.get("conclusions") or {}).get(key)
        spread = ((what_if.get("figures") or {}).get(key) or {}).get("noise_and_assumptions") or {}
        drivers = sorted((d for d in (what_if.get("drivers") or {}).get(key, []) if d.get("spearman") is not None),
                         key=lambda d: -abs(d["spearman"]))[:3]
        top = {lang: ", ".join(words.get(d["factor"], {}).get(lang, d["factor"]) for d in drivers) for lang in ("sv", "en")}
        named = {lang: said_name(names, member, lang) for lang in ("sv", "en")}
        points = doc.get("points")
        if conclusion is None or conclusion["direction"] == "none":
            # no change from today (found by QA: "ingen riktning att pröva" said nothing a manager could use): how far
            # the days themselves move across the ranges. Not "no change chosen": levers set to today's values are a
            # change chosen that changes nothing, and the answer's sentence beside it speaks of "the changes"
            low, high = spread.get("low"), spread.get("high")
            if low is None or high is None:
                sv = f"{named['sv']}: ingen ändring från i dag att pröva över antagandenas intervall."
                en = f"{named['en']}: no change from today to test across the assumption ranges."
            else:
                digits = 1 if _days(low, "en") == _days(high, "en") else 0  # "40–40 dagar" said no spread: tenths
                low_sv, high_sv, low_en, high_en = (number(v, lang, digits) for lang in ("sv", "en") for v in (low, high))
                sv = (f"{named['sv']}: över antagandenas intervall ({points} kombinationer) tar det {low_sv}–{high_sv} dagar "
                      "(samma dagar som i dag, så det finns ingen ändring att pröva).")
                en = (f"{named['en']}: across the assumption ranges ({points} combinations) it takes {low_en}–{high_en} days "
                      "(the same days as today, so there is no change to test).")
        elif conclusion["holds"]:
            least = abs(conclusion["at_least"])
            shorter = conclusion["direction"] == "lower"
            sv = (f"{named['sv']}: slutsatsen håller över antagandenas intervall ({points} kombinationer): minst "
                  f"{days_said(at_least(least, 'sv'), 'sv')} {'kortare' if shorter else 'längre'} i varje "
                  "kombination.")
            en = (f"{named['en']}: the conclusion holds across the assumption ranges ({points} combinations): at least "
                  f"{days_said(at_least(least, 'en'), 'en')} {'shorter' if shorter else 'longer'} in every "
                  "combination.")
        elif not conclusion["nominal"]["significant"]:
            # found by the manager's QA evening: it said "so it is not tested across the ranges" while the combinations
            # ran, and the report downloaded after it says which way they go: say it as the report does
            sv = f"{named['sv']}: ingen säker skillnad med antagandena som de är (skillnadens intervall omfattar noll)"
            en = f"{named['en']}: no sure difference with the assumptions as they are (the difference's interval includes zero)"
            span = conclusion.get("across") or {}
            if span.get("min") is None or span.get("max") is None:
                sv, en = sv + ".", en + "."
            else:
                agree = round((conclusion.get("share_same_direction") or 0) * conclusion["points"])
                shorter = conclusion["direction"] == "lower"
                (min_sv, max_sv), (min_en, max_en) = (together((span["min"], span["max"]), lang) for lang in ("sv", "en"))
                sv += (f"; över antagandenas intervall ({points} kombinationer) blir det {'kortare' if shorter else 'längre'} "
                       f"i {agree} av dem (ändring {min_sv} till {max_sv} dagar).")
                en += (f"; across the assumption ranges ({points} combinations) it is {'shorter' if shorter else 'longer'} "
                       f"in {agree} of them (change {min_en} to {max_en} days).")
        else:
            share = conclusion["share_same_direction"]
            sv = (f"{named['sv']}: slutsatsen håller inte över hela antagandenas intervall ({points} kombinationer): samma "
                  f"riktning i {_share(share, 'sv')} av kombinationerna.")
            en = (f"{named['en']}: the conclusion does not hold across all the assumption ranges ({points} combinations): the "
                  f"same direction at {_share(share, 'en')} of the combinations.")
        if drivers:
            sv += f" Störst betydelse: {top['sv']}."
            en += f" Matters most: {top['en']}."
        out[member] = {"holds": bool(conclusion and conclusion["holds"]), "spread": spread,
                       "drivers": drivers, "sentence": {"sv": sv, "en": en}}
    return out
