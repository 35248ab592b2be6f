"""The goal-seek panel's request: the page's form read into a search (:func:`goal_request`).

The target (a share of decisions within the 4-month deadline), the levers' values to try, today's
decision level to keep and the "settle it" runs, each checked here and refused in Swedish and English
by the form's labels (:class:`web.levers.GoalLeverError`), before :mod:`web.goalseek` runs the search
and says its answer.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from bpmn_io.profile import LANGUAGES, shown_name
from report.deadlines import common_clock, deadline_said, profile_clock
from report.numbers import number
from scenarios.bases import Base
from scenarios.goal import MOST_SETTLE
from scenarios.levers import LeverProblem
from scenarios.optimise import OptimiseRequest, Target, base_scenario, request_problem, without_clock
from web.levers import GoalLeverError, choices_words, decision_levels, delegation, typed
from web.texts import TEXTS, said_name

__all__ = ["REPLICATIONS", "PERCENT_RANGE", "goal_request", "level_words"]

#: the share of decisions within the deadline a manager may ask for, in per cent
PERCENT_RANGE = (50, 99)
#: the search's replications, first and most (``permitflow optimise --first-replications 6 --max-replications
#: 12``): the page's first try (Helsingborg, 95 %, every level: 60 combinations over the profile's year and seed)
#: ends sure at 12 in 720 work units; at most 6 or 8 none is sure, at most 20 runs 744 units to name a dearer
#: sure one (measured 2026-12-07, docs/web.md). From 6, not 3: two looks at a candidate (6 and 12) fit in the
#: answer's 95 % as one does (:func:`scenarios.goal.look_spending`); from 3, three looks ask more of each, and
#: the default's cheapest was no longer sure for all 60 together (measured 2026-12-08, docs/web.md)
REPLICATIONS = (6, 12)
#: the page's label (:data:`web.texts.TEXTS`) of each lever of the goal
_LABELS = {"officers": "goal_officers", "fte": "goal_fte", "levels": "goal_level"}


def _values(what: str, given: Any, kind: type) -> tuple[Any, ...]:
    if given is None:
        return ()
    if not isinstance(given, list) or not all(isinstance(v, kind) and not isinstance(v, bool) for v in given):
        # said in both languages by the lever's words, not "goal officers: ... int values" (QA serve)
        label = TEXTS[_LABELS[what]]
        raise GoalLeverError(what, f"{label['en']}: the request does not list the values to try as the page does "
                                   f"({typed(given)})",
                             f"{label['sv']}: förfrågan anger inte värdena att pröva som sidan gör ({typed(given)})")
    return tuple(given)


def goal_request(bases: Sequence[Base], percent: Any, *, joint: bool = False, officers: Any = None,
                 fte: Any = None, levels: Any = None, keep_level: bool = False, seed: int | None = None,
                 horizon: str | None = None, settle: Any = None) -> OptimiseRequest:
    """The search for ``bases`` (library or uploaded processes) and the target: ``percent`` (50–99)
    of decisions within the 4-month deadline. ``officers``, ``fte``, ``levels``: the values to try
    (default: around today's, as ``permitflow optimise``); ``keep_level``: (no ``levels`` given) only
    today's decision level, which the chosen processes must share; ``seed``, ``horizon``: the form's run settings
    (default: the profiles' own simulated time and seed); ``settle``: when none is sure, run the closest
    combination this many fresh replications more and judge it on those (the page's "settle it" button)."""
    if keep_level and levels is None:
        levels = _todays_level(bases)
    try:
        value = float(percent)
    except (TypeError, ValueError):
        value = math.nan
    if isinstance(percent, bool) or not PERCENT_RANGE[0] <= value <= PERCENT_RANGE[1]:
        given = _plain(percent)
        low, high = PERCENT_RANGE
        # named as the form's field is, by the chosen processes' deadline
        clock = common_clock({b.name: profile_clock(b.profile) for b in bases})
        en = f"Share of decisions within 4 months: {given}% is outside the allowed range {low}–{high}%"
        sv = (f"Andel beslut inom 4 månader: {given.replace('.', ',')}\u00a0% ligger utanför det tillåtna intervallet "
              f"{low}–{high}\u00a0%")
        if percent is None or given == "–":  # an empty field, or one the browser could not read: it said "– % is outside" (QA evening)
            en = f"Share of decisions within 4 months: write a share between {low} and {high}%"
            sv = f"Andel beslut inom 4 månader: skriv en andel mellan {low} och {high}\u00a0%"
        raise GoalLeverError("percent", deadline_said(en, "en", *clock), deadline_said(sv, "sv", *clock))
    if joint and len(bases) < 2:
        raise GoalLeverError("joint", "A joint unit needs at least two municipalities: choose one more.",
                             "En gemensam enhet behöver minst två kommuner: välj en till.")
    request = OptimiseRequest(base=base_scenario(list(bases), joint=joint, seed=seed, horizon=horizon),
                              target=Target(share=value / 100),
                              officers=_values("officers", officers, int), fte=_values("fte", fte, float),
                              levels=_values("levels", levels, str), first_replications=REPLICATIONS[0],
                              max_replications=REPLICATIONS[1], settle=_settle(settle))
    clockless = without_clock(request.base)
    if clockless:
        # by the names the page shows (an upload's key, "landskrona", read as the library's Landskrona)
        shown = {b.name: {lang: shown_name(b.profile, lang, b.name) for lang in LANGUAGES} for b in bases}
        names = {lang: ", ".join(said_name(shown, n, lang) for n in clockless) for lang in LANGUAGES}
        raise GoalLeverError("percent", f"{names['en']}: the profile gives no legal deadline, so no share of decisions "
                             "within it can be sought; goal seek on this page needs one (the command line can seek "
                             "a mean time instead).",
                             f"{names['sv']}: profilen har ingen lagstadgad tidsfrist, så det går inte att söka en andel "
                             "beslut inom tidsfristen; målsökningen här behöver en tidsfrist (på kommandoraden går "
                             "det att söka en medeltid i stället).")
    problem = request_problem(request)
    if problem is not None:
        raise _in_words(problem)
    return request


def _settle(given: Any) -> int:
    """The page's "settle it" runs: a whole number from 3 to :data:`scenarios.goal.MOST_SETTLE` (none: 0)."""
    if given is None:
        return 0
    if isinstance(given, bool) or not isinstance(given, int) or not 3 <= given <= MOST_SETTLE:
        raise GoalLeverError("settle", f"More runs of the closest combination: {_plain(given)} (expected a whole "
                                       f"number from 3 to {number(MOST_SETTLE, 'en')})",
                             f"Fler körningar av det närmaste alternativet: {_plain(given).replace('.', ',')} "
                             f"(väntade ett heltal från 3 till {number(MOST_SETTLE, 'sv')})")
    return given


def _todays_level(bases: Sequence[Base]) -> list[str] | None:
    """[the decision level every one of ``bases`` has today, for grants and refusals alike]; ``None`` when none has
    decision bodies (no level to keep); raises :class:`GoalLeverError` when they decide at different levels."""
    with_bodies = [b for b in bases if decision_levels(b.profile)]
    if not with_bodies:
        return None
    today = {b.name: delegation(b.profile) for b in with_bodies}
    if len({level for pair in today.values() for level in pair}) == 1:
        return [next(iter(today.values()))[0]]
    shown = {b.name: {lang: shown_name(b.profile, lang, b.name) for lang in LANGUAGES} for b in bases}

    def said(lang: str) -> str:
        return "; ".join(f"{said_name(shown, n, lang)}: {level_words(g, lang)}"
                         + ("" if g == r else f" / {level_words(r, lang)}") for n, (g, r) in today.items())
    label = TEXTS["goal_who"]
    raise GoalLeverError("levels", f"{label['en']}: the chosen municipalities do not decide at one level today "
                         f"({said('en')}), so there is none to keep: choose “{TEXTS['goal_who_all']['en']}”",
                         f"{label['sv']}: de valda kommunerna beslutar inte på en och samma nivå i dag "
                         f"({said('sv')}), så det finns ingen att behålla: välj ”{TEXTS['goal_who_all']['sv']}”")


def _plain(value: Any) -> str:
    """A value as the person typed it, without a program's quotes (``'120'`` -> ``120``)."""
    if isinstance(value, float) and value.is_integer():
        return f"{value:.0f}"
    return str(value).strip() or "–"


def _in_words(problem: LeverProblem) -> GoalLeverError:
    """``problem`` in the page's words (its labels, Swedish and English), naming the goal's key."""
    label = TEXTS[_LABELS[problem.lever]]
    if problem.lever == "officers":
        en = sv = _plain(problem.value)
        en += f" is outside the allowed range (at least {problem.least}"
        sv += f" är utanför det tillåtna intervallet (minst {problem.least}"
        if problem.least > 1:
            en += f": one for each of the {problem.least} municipalities of the joint unit"
            sv += f": en för var och en av de {problem.least} kommunerna i den gemensamma enheten"
        en, sv = en + ")", sv + ")"
    elif problem.lever == "fte":
        en = f"{_plain(problem.value)} is outside the allowed range (above 0, at most 1)"
        sv = f"{_plain(problem.value).replace('.', ',')} är utanför det tillåtna intervallet (över 0, högst 1)"
    else:
        levels = tuple(problem.levels)
        en = (f"{typed(problem.value)} is not a decision level of every chosen municipality (choose "
              f"{choices_words(levels, 'en') or 'none: a chosen process has no decision step'})")
        sv = (f"{typed(problem.value)} är inte en beslutsnivå i alla valda kommuner (välj "
              f"{choices_words(levels, 'sv') or 'ingen: en vald process har inget beslutssteg'})")
    return GoalLeverError(problem.lever, f"{label['en']}: {en}", f"{label['sv']}: {sv}")


def level_words(level: str, lang: str) -> str:
    """A decision level in the page's words (its label), or its key made readable."""
    return TEXTS.get(level, {}).get(lang) or level.replace("_", " ")

