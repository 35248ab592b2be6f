"""A validation (:class:`calibrate.validate.Validation`) as text lines for a person, in English and Swedish.

Each figure is said in both, to the same digits: the English as English writes it, the Swedish as Swedish writes it
(:mod:`processes.numbers`: a decimal comma, "30 %").
"""

from __future__ import annotations

import re
from typing import Any

from processes.calendarmonths import DAY_RULE_WORDS, RULE_WORDS, by_day
from processes.durations import duration_said
from processes.numbers import PERCENT, POINTS, machine, number, percent
from processes.numbers import share as share_of

__all__ = ["validation_text", "METRIC_WORDS", "IN_POINTS", "open_at_end_words", "difference_words",
           "median_words", "deadline_words", "within_words"]

#: the measures that are a difference of two shares: said in percentage points (:data:`processes.numbers.POINTS`)
IN_POINTS = frozenset({"within_deadline_difference"})
#: what the share within the deadline counts, in English and Swedish (``days`` the deadline's length): a case's
#: first to last event, not the legal clock's span, which calibrate's own share counts
#: ``{days}``: the deadline's length with its unit (:func:`deadline_words`); ``{rule}``: a deadline in calendar
#: months' rule (:data:`_WITHIN_RULE`), else nothing
WITHIN_WORDS = ("cycle times within the deadline's {days} (from a case's first to its last event, not on the "
                "legal clock{rule})", "genomloppstider inom tidsfristens {days} (från ärendets första till sista "
                "händelse, inte räknat som den lagstadgade tiden{rule})")
_WITHIN_RULE = (f"; {RULE_WORDS[0]}, from each case's first event",
                f"; {RULE_WORDS[1]}, räknat från ärendets första händelse")
#: ... and a deadline in days or weeks' (:data:`processes.calendarmonths.DAY_RULE_WORDS`)
_WITHIN_DAY_RULE = (f"; {DAY_RULE_WORDS[0]}", f"; {DAY_RULE_WORDS[1]}")


def _rule(months: int | None, unit: str | None) -> tuple[str, str] | None:
    """The words of a deadline's rule (English, Swedish): in calendar months, or counted by the day in days or
    weeks (``unit``); None in hours, a fixed length."""
    return RULE_WORDS if months else DAY_RULE_WORDS if by_day(unit) else None


def _amount(days: float, unit: str | None) -> tuple[str, str]:
    """A deadline of ``days`` in words (English, Swedish), in the ``unit`` written (``28d`` is "28 days", not
    "4 weeks"), else in the largest whole one, without its rule."""
    return duration_said(days * 24.0, unit)


def deadline_words(days: float, months: int | None = None, unit: str | None = None) -> tuple[str, str]:
    """A deadline of ``days`` as a person says it (English, Swedish), in the unit it was given in
    (:func:`processes.durations.duration_said`): the law's 4 months is "4 months", not "121.75 days" (found by
    QA, qawords); the setup's ``deadline_days`` keeps the number. ``months``: the deadline is that many calendar
    months, each case's own date, and its rule is said after it; ``unit``: the unit it was written in, in days
    or weeks with their rule (a closed last day moves on).

    >>> deadline_words(121.75), deadline_words(56.0), deadline_words(60.0)
    (('4 months', '4 månader'), ('8 weeks', '8 veckor'), ('60 days', '60 dagar'))
    >>> deadline_words(121.75, 4)[1]
    '4 månader (i kalendermånader, till samma dag i månaden)'
    >>> deadline_words(28.0, None, "d")[0]
    '28 days (a last day on a weekend, holiday or eve moved to the next weekday)'
    """
    en, sv = _amount(days, unit)
    rule = _rule(months, unit)
    return (f"{en} ({rule[0]})", f"{sv} ({rule[1]})") if rule else (en, sv)


def within_words(days: float, months: int | None = None, unit: str | None = None) -> tuple[str, str]:
    """What the share within a deadline of ``days`` counts (:data:`WITHIN_WORDS`), in English and Swedish; in
    calendar months (``months``), or written in days or weeks (``unit``), with their rule.

    >>> within_words(121.75, 4)[0]
    "cycle times within the deadline's 4 months (from a case's first to its last event, not on the legal clock; \
in calendar months, to the same day of the month, from each case's first event)"
    """
    rules = _WITHIN_RULE if months else _WITHIN_DAY_RULE if by_day(unit) else ("", "")
    en, sv = (words.format(days=said, rule=rule)
              for words, said, rule in zip(WITHIN_WORDS, _amount(days, unit), rules, strict=True))
    return en, sv

#: the cycle-time percentiles (``p50``) and their differences, in days
_IN_DAYS = re.compile(r"(cycle_days_)?p[0-9]+(_difference)?")
#: the distances on a scale of 0 (the same) to 1 (nothing in common): two decimals for a person (found by QA:
#: "3-grams 0.2288"); the JSON keeps four
_ZERO_TO_ONE = re.compile(r"(activity_frequency_(absolute|relative)|three_gram_distance)(_model_steps)?")

#: each measure in words (English / Swedish); the keys stay as the JSON has them
METRIC_WORDS = {
    "cycle_time_emd_hours": "cycle-time distribution, EMD (hours) / genomloppstid, EMD (timmar)",
    "arrival_emd_hours": "case arrivals, EMD (hours) / ankomster, EMD (timmar)",
    "absolute_event_emd_hours": "all events in time, EMD (hours) / händelser i tid, EMD (timmar)",
    "relative_event_emd_hours": "events from case start, EMD (hours) / händelser från ärendets start, EMD (timmar)",
    "activity_frequency_absolute": "activity counts, 0-1 / antal per aktivitet, 0-1",
    "activity_frequency_relative": "activity shares, 0-1 / andel per aktivitet, 0-1",
    "three_gram_distance": "3-gram control flow, 0-1 / 3-gram flödesavstånd, 0-1",
    "activity_frequency_relative_model_steps": "activity shares, the model's steps only, 0-1 / andel per aktivitet, "
                                               "bara modellens steg, 0-1",
    "three_gram_distance_model_steps": "3-gram control flow, the model's steps only, 0-1 / 3-gram flödesavstånd, "
                                       "bara modellens steg, 0-1",
    "within_deadline_difference": "share of cycle times within the deadline, simulated - log / andel genomloppstider "
                                  "inom tidsfristen, simulerad - logg",
    **{f"cycle_days_p{p}_difference": f"cycle time p{p}, simulated - log (days) / genomloppstid p{p}, "
                                      "simulerad - logg (dagar)" for p in (10, 25, 50, 75, 90)},
}


def validation_text(data: dict[str, Any]) -> str:
    """``Validation.data()`` as lines."""
    setup = data["setup"]
    def cases(n: int, arrived: str | None, period: str) -> str:
        if arrived is None:
            return f"{number(n, 'en')} cases ({period})"
        return f"{number(n, 'en')} cases (arrived {arrived}; their events {period})"

    lines = [f"validation: trained on {cases(setup['training_cases'], setup.get('training_arrivals'), setup['training_period'])}, "
             f"held out the next {cases(setup['heldout_cases'], setup.get('heldout_arrivals'), setup['heldout_period'])}; "
             f"{setup['replications']} simulated replications of the held-out period; {setup['timestamps']}"]
    lines.append(_why(setup))
    if (share := setup.get("log_events_of_model_steps")) is not None:
        lines.append(f"  the model has the activities of {share_of(share, 'en')} of the log's events; the measures "
                     "marked \"the model's steps only\" leave the others out, which no simulation of it can produce / "
                     f"{share_of(share, 'sv')} av "
                     "loggens händelser är aktiviteter som modellen har; måtten märkta \"bara modellens steg\" räknar "
                     "bort de andra, som ingen simulering av modellen kan ge")
    for key, value in data["metrics"].items():
        if key.startswith("cycle_days_p"):
            continue
        if key not in METRIC_WORDS:  # a measure without words yet: its key and value alone
            lines.append(f"  {key}: {difference_words(key, value)}")
            continue
        words_en, words_sv = METRIC_WORDS[key].split(" / ")
        lines.append(f"  {words_en}: {difference_words(key, value)} / {words_sv}: {difference_words(key, value, 'sv')}")
    lines.append("  EMD (earth mover's distance): the hours by which the simulated values must on average be moved to lie "
                 "as the log's do; the 0-1 distances: 0 the same, 1 nothing in common / EMD: hur många timmar de "
                 "simulerade värdena i genomsnitt måste flyttas för att ligga som loggens; avstånden 0-1: 0 lika, "
                 "1 inget gemensamt")
    real, sim = data["real"], data["simulated"]
    lines.append("  cycle time, days (log | simulated) / genomloppstid, dagar (logg | simulerad):")
    lines += [f"    {p}: {difference_words(p, log)} | {difference_words(p, sim['cycle_days'][p])}"
              for p, log in real["cycle_days"].items()]
    if real.get("within_deadline") is not None:
        shares = (real["within_deadline"], sim["within_deadline"])
        # the cases' whole cycle times against the deadline's length: calibrate's "legal clock" line counts the
        # clock's own span (a complete application to the decision) and gave 98 % where this gave 90.5 %, unsaid
        en_words, sv_words = within_words(setup["deadline_days"], setup.get("deadline_months"),
                                          setup.get("deadline_unit"))
        en, sv = ([percent(s, lang, 1) for s in shares] for lang in ("en", "sv"))
        lines.append(f"  {en_words}: log {en[0]}, simulated {en[1]} / {sv_words}: logg {sv[0]}, simulerad {sv[1]}")
    if (median := median_words(real)) is not None:
        lines.append(f"  {median[0]} / {median[1]}")
    if (recent := open_at_end_words(setup)) is not None:
        lines.append(f"  {recent[0]} / {recent[1]}")
    lines += _holds(data)
    return "\n".join(lines)


def difference_words(key: str, value: float | None, lang: str = "en", *, unit: bool = True) -> str:
    """A measure's value as the text gives it in ``lang``: the difference of two shares (:data:`IN_POINTS`) in
    percentage points (a share of 0.496 against 0.758 is -26.2 points, not -0.2615 of something); ``unit``: with
    the words "percentage points" (a table names them in its row's label instead).

    >>> difference_words("within_deadline_difference", 0.2615), difference_words("within_deadline_difference", -0.2615, "sv")
    ('+26.2 percentage points', '−26,2 procentenheter')
    >>> difference_words("within_deadline_difference", -0.004, unit=False), difference_words("arrival_emd_hours", 1239.1847, "sv")
    ('-0.4', '1\xa0239')
    >>> difference_words("p50", 62.0), difference_words("cycle_days_p50_difference", -3.456, "sv")
    ('62.0', '−3,5')
    >>> difference_words("three_gram_distance", 0.2288), difference_words("activity_frequency_relative", 0.0291, "sv")
    ('0.23', '0,03')
    """
    if value is None:
        return "-"
    if _ZERO_TO_ONE.fullmatch(key):
        return number(value, lang, 2)
    if _IN_DAYS.fullmatch(key):
        return number(value, lang, 1)  # days, one decimal in every cell (the table read "54.45" above "62.0")
    if key.endswith("_hours"):  # hours whole, as the replications' spread says them (it said "1239.1847")
        return number(value, lang, 0 if abs(value) >= 1 else 1)
    if key not in IN_POINTS:
        return str(value) if lang == "en" else machine(str(value), lang)
    said = f"{value * 100:+.1f}"
    if lang != "en":
        said = f"{'+' if said.startswith('+') else ''}{machine(said, lang)}"  # machine() drops a plus
    return f"{said} {POINTS[lang]}" if unit else said


def median_words(real: dict[str, Any]) -> tuple[str, str] | None:
    """How far the held-out cases alone pin their median down (English, Swedish), or that they are too few;
    ``None`` for a validation written before it was said."""
    if "cycle_days_p50_interval" not in real:
        return None
    n, n_sv = number(real["cases"], "en"), number(real["cases"], "sv")  # "1,199", "1 199"
    if (interval := real["cycle_days_p50_interval"]) is None:
        return (f"only {n} held-out cases: too few to tell how close the simulation is; the figures are no evidence "
                "either way",
                f"bara {n_sv} undantagna ärenden: för få för att avgöra hur nära simuleringen är; siffrorna "
                "visar varken det ena eller det andra")
    # one decimal at both ends, as the percentiles (:func:`difference_words`): it said "54.45-62 days"
    en, sv = ("–".join(number(end, lang, 1) for end in interval) for lang in ("en", "sv"))
    return (f"the {n} held-out cases alone pin their median to {en} days (95{PERCENT['en']}, bootstrap over the "
            f"cases): a simulated median inside that is as close as {n} cases can tell",
            f"de {n_sv} undantagna ärendena ensamma bestämmer sin median bara till {sv} dagar "
            f"(95{PERCENT['sv']}, bootstrap över ärendena): en simulerad median inom det är så nära som "
            f"{n_sv} ärenden kan avgöra")


def open_at_end_words(setup: dict[str, Any]) -> tuple[str, str] | None:
    """How many held-out cases arrived so near the log's end that they may still have been open at the export
    (English, Swedish); ``None`` for a setup written before it was counted."""
    if (recent := setup.get("heldout_recent_cases")) is None:
        return None
    days, held, end = setup["recent_days"], setup["heldout_cases"], setup["log_end"]
    basis_en, basis_sv = (("the deadline", "tidsfristen") if setup.get("recent_basis") == "deadline" else
                          ("the training cases' median cycle time", "träningsärendenas mediangenomloppstid"))
    rule = _rule(setup.get("deadline_months"), setup.get("deadline_unit"))
    if setup.get("recent_basis") == "deadline" and rule:  # each case's own date
        basis_en, basis_sv = f"{basis_en}, {rule[0]}", f"{basis_sv}, {rule[1]}"
    # the deadline in its own unit ("4 months"), the median in days
    unit = setup.get("deadline_unit")
    long_en, long_sv = (_amount(days, unit) if setup.get("recent_basis") == "deadline" else
                        (f"{number(days, 'en')} days", f"{number(days, 'sv')} dagar"))
    return (f"{number(recent, 'en')} of the {number(held, 'en')} held-out cases arrived less than {long_en} "
            f"({basis_en}) before the log's last event ({end}): a case still open then counts with its time "
            "so far, in the log as in the simulation (cut there alike), so the cycle times and the share "
            "within the deadline include unfinished cases",
            f"{number(recent, 'sv')} av de {number(held, 'sv')} undantagna ärendena kom in mindre än "
            f"{long_sv} ({basis_sv}) före loggens sista "
            f"händelse ({end}): ett ärende som då fortfarande var öppet räknas med sin tid dittills, i loggen som i "
            "simuleringen (kapad där likadant), så genomloppstiderna och andelen inom tidsfristen tar med ofärdiga "
            "ärenden")


def _why(setup: dict[str, Any]) -> str:
    """Which cases were held out and why, what the figures are over, and that what is written is not the fit
    that was checked."""
    train, held = setup["training_cases"], setup["heldout_cases"]
    first, last = f"{train / (train + held):.0%}", f"{held / (train + held):.0%}"
    first_sv, last_sv = percent(train / (train + held), "sv"), percent(held / (train + held), "sv")
    reps = setup["replications"]
    return (f"  held out: the later {last} of the cases by their first event, which the fit never saw: the model fitted "
            f"on the earlier {first} alone was simulated over their period and compared with them; the distances are "
            f"means over the {reps} replications, the simulated percentiles count their cases together; what the command "
            f"writes is fitted on all {number(train + held, 'en')} cases / undantagna: de senare {last_sv} "
            "av ärendena efter deras första "
            f"händelse, som anpassningen aldrig såg: modellen anpassad bara på de tidigare {first_sv} simulerades över deras "
            f"period och jämfördes med dem; avstånden är medelvärden över de {reps} körningarna, de simulerade "
            "percentilerna räknar deras ärenden tillsammans; det kommandot skriver är anpassat på alla "
            f"{number(train + held, 'sv')} ärenden")


def _holds(data: dict[str, Any]) -> list[str]:
    """How far the figures hold, as the validation page says it: the spread between the replications,
    what they measure and what not."""
    setup = data["setup"]
    emds = [v for p in data.get("per_replication", []) if (v := p.get("cycle_time_emd_hours")) is not None]
    out = []
    if len(emds) > 1:
        low, high = f"{min(emds):.0f}", f"{max(emds):.0f}"
        out.append(f"  between the {len(emds)} simulated replications alone the cycle-time EMD went from {low} to "
                   f"{high} hours: a difference between two models smaller than that may be chance / bara mellan de "
                   f"{len(emds)} simulerade körningarna varierade genomloppstidens EMD från {machine(low, 'sv')} till "
                   f"{machine(high, 'sv')} timmar: "
                   "en mindre skillnad mellan två modeller kan vara slump")
    # without a deadline ("judge ... against the deadline" named one the output gave nowhere): how to give it
    unknown = "deadline_days" in setup and setup["deadline_days"] is None
    deadline_en = "legal deadline (none known: --deadline, e.g. 8w, gives it)" if unknown else "deadline"
    deadline_sv = "lagstadgade tiden (ingen känd: --deadline, t.ex. 8w, anger den)" if unknown else "tidsfristen"
    out.append("  smaller is closer, with no fixed limit for good enough: judge the cycle-time percentiles against the "
               f"{deadline_en}; the figures say how well the model fitted on the earlier cases met the period just after "
               "them, not that it holds after a change in the rules, the staff or the number of applications / "
               "mindre är närmare, utan fast gräns för tillräckligt bra: bedöm genomloppstidens percentiler mot "
               f"{deadline_sv}; siffrorna säger hur väl modellen, anpassad på de tidigare ärendena, träffade perioden "
               "strax efter, inte att den håller efter en ändring i regler, bemanning eller antal ansökningar")
    if not str(setup.get("timestamps", "")).startswith("start"):
        out.append("  start times were estimated, so waiting and working cannot be told apart / starttiderna är "
                   "uppskattade, så väntan och arbete går inte att skilja åt")
    return out
