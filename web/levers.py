"""The levers of the what-if page and the ``set:`` overrides each one stands for.

A lever is what a manager moves (officers, decision level, meeting cadence...);
:func:`lever_sets` checks every value against its allowed range and turns the
form into the ``set:`` entries of a scenario file, with the process name first
(``helsingborg.simulation.pools.officer.count``), so the page, a saved scenario
and ``permitflow run`` of that file apply the same overrides through
:mod:`scenarios.overrides`. An empty lever keeps each municipality's own value.

>>> officers = {"simulation": {"pools": {"officer": {"count": 2}}}}
>>> [(path, value) for path, value, _o in lever_sets({"officers": 3}, {"helsingborg": officers})]
[('helsingborg.simulation.pools.officer.count', 3)]
>>> lever_sets({"officers": 0}, {"helsingborg": officers})
Traceback (most recent call last):
...
web.levers.LeverError: Case officers (number): 0 is outside the allowed range 1–20
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from processes.durations import parse_duration
from processes.errors import InputError
from processes.params import DELEGATION_LEVELS
from processes.wording import AND, listed
from report import numbers
from scenarios.settings import Origin
from web.leversteps import Completeness, NotFound, lever_steps
from web.texts import TEXTS

__all__ = ["Lever", "LEVERS", "RUN_LEVERS", "LEVELS", "CADENCES", "LeverError", "lever_sets", "run_settings",
           "status_quo", "typed", "choices_words", "genitive"]

FORM = Origin("web form")

#: decision levels a manager can choose, in the profile's words: every level a profile's decision bodies can have,
#: as the goal seek tries them (scenarios.levers), the committee first
LEVELS = tuple(reversed(DELEGATION_LEVELS))
#: meeting cadences of the committee: an iCalendar RRULE each (no meeting in July, as the library assumes)
CADENCES = {
    "weekly": "FREQ=WEEKLY;BYDAY=TU",
    "fortnightly": "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU",
    "monthly": "FREQ=MONTHLY;BYDAY=TU;BYSETPOS=3",
    "six_weekly": "FREQ=WEEKLY;INTERVAL=6;BYDAY=TU",
}
REMISS_PREFIX = "Event_Remissvar_"
COMPLETE_GATEWAY = "Gw_Komplett"


@dataclass(frozen=True, slots=True)
class Lever:
    """One control of the page: its key, words in Swedish and English, and what it may be."""

    key: str
    sv: str
    en: str
    kind: str  # "int", "float" or "choice"
    low: float = 0.0
    high: float = 0.0
    choices: tuple[str, ...] = ()
    step: float = 1.0
    #: a share (0–1): the page shows and takes it as per cent and sends the share
    share: bool = False


LEVERS = (
    Lever("grant_level", "Vem beslutar om tillstånd", "Who grants a permit", "choice", choices=LEVELS),
    Lever("refusal_level", "Vem beslutar om avslag", "Who refuses a permit", "choice", choices=LEVELS),
    Lever("officers", "Handläggare (antal)", "Case officers (number)", "int", 1, 20),
    Lever("fte", "Andel av heltid på nya tillstånd", "Share of full time on new permits", "float", 0.05, 1.0, step=0.05,
          share=True),
    Lever("cadence", "Nämndens sammanträden", "Committee meetings", "choice", choices=tuple(CADENCES)),
    Lever("cutoff_days", "Sista dag för ärenden före mötet (dagar)", "Agenda closes before the meeting (days)",
          "int", 0, 42),
    Lever("complete_share", "Andel kompletta ansökningar (e-tjänst)", "Share of complete applications (e-service)",
          "float", 0.0, 1.0, step=0.05, share=True),
    Lever("remiss_weeks", "Remissvar, vanlig svarstid (veckor)", "Replies from consulted bodies (remiss), usual time (weeks)",
          "float", 0.5, 16, step=0.5),
    Lever("arrivals", "Ansökningar per år", "Applications per year", "int", 1, 500),
)
RUN_LEVERS = (
    Lever("replications", "Upprepningar", "Replications", "int", 2, 50),
    Lever("years", "Simulerade år", "Years simulated", "float", 0.25, 5, step=0.25),
    Lever("seed", "Slumpfrö", "Seed", "int", 0, 2**31 - 1),
)
_BY_KEY = {lever.key: lever for lever in (*LEVERS, *RUN_LEVERS)}


class LeverError(InputError):
    """A lever value outside its range; ``lever`` names it and ``sv`` says it in Swedish."""

    def __init__(self, lever: str, message: str, sv: str) -> None:
        known = _BY_KEY.get(lever)
        lever = lever if known else said_back(lever)  # a key no lever has is said back cut, as a value is
        super().__init__(message, path=known.en if known else lever)
        self.lever = lever
        self.sv = f"{known.sv if known else lever}: {sv}"


class GoalLeverError(LeverError):
    """A goal-seek lever value the processes cannot take (``lever``: the goal's key), in the page's
    words: ``message`` in English, ``sv`` in Swedish."""

    def __init__(self, lever: str, message: str, sv: str) -> None:
        InputError.__init__(self, message)
        self.lever, self.sv = lever, sv


#: the characters of a value, name or key a refusal says back at most (a request's 2 MB value was said back
#: twice, a 4 MB "line": QA serve)
SAID_BACK = 60


def said_back(value: Any) -> str:
    """``value`` as a refusal says it back: its first :data:`SAID_BACK` characters, "…" after when it is longer.

    >>> said_back("x" * 70) == "x" * 60 + "…"
    True
    """
    text = str(value)
    return text if len(text) <= SAID_BACK else text[:SAID_BACK] + "…"


def typed(value: Any) -> str:
    """A value as the person typed it, in quotes as the page's own refusals write it (``"lots"``), not as
    Python shows it (``'lots'``); a long one cut (:func:`said_back`)."""
    return f'"{said_back(value)}"'


def choices_words(choices: tuple[str, ...], lang: str) -> str:
    """The allowed choices in the page's words: ``the committee, the chair or the case officer``.

    >>> choices_words(("committee", "officer"), "sv")
    'nämnden eller handläggaren'
    """
    said = [TEXTS[c][lang] if c in TEXTS else c.replace("_", " ") for c in choices]
    return listed(said, " or " if lang == "en" else " eller ")


def _checked(key: str, value: Any) -> Any:
    """``value`` of lever ``key`` as its kind, or :class:`LeverError`."""
    lever = _BY_KEY.get(key)
    if lever is None:
        raise LeverError(key, f"unknown lever (expected one of {', '.join(_BY_KEY)})",
                         f"okänd inställning (väntade en av {', '.join(_BY_KEY)})")
    if lever.kind == "choice":
        if value not in lever.choices:
            raise LeverError(key, f"{typed(value)} is not one of the choices (choose "
                             f"{choices_words(lever.choices, 'en')})", f"{typed(value)} är inget av valen (välj "
                             f"{choices_words(lever.choices, 'sv')})")
        return value
    number = value
    if isinstance(value, str):
        try:
            number = float(value.strip().replace(",", "."))
        except ValueError:
            number = None
    if isinstance(number, bool) or not isinstance(number, (int, float)) or not math.isfinite(number):
        raise LeverError(key, f"{typed(value)} is not a number", f"{typed(value)} är inte ett tal")
    if lever.kind == "int" and number != int(number):
        raise LeverError(key, f"{typed(value)} is not a whole number", f"{typed(value)} är inte ett heltal")
    if not lever.low <= number <= lever.high:
        en, sv = ([numbers.number(v, lang) for v in (number, lever.low, lever.high)] for lang in ("en", "sv"))
        raise LeverError(key, f"{en[0]} is outside the allowed range {en[1]}–{en[2]}",
                         f"{sv[0]} ligger utanför det tillåtna intervallet {sv[1]}–{sv[2]}")
    return int(number) if lever.kind == "int" else float(number)


def _given(form: Mapping[str, Any]) -> dict[str, Any]:
    """The levers the form sets (an empty field keeps the status quo)."""
    return {k: _checked(k, v) for k, v in form.items() if v is not None and v != ""}


def _delegation(profile: Mapping[str, Any]) -> tuple[str, str]:
    """(level of grants, level of refusals) of a profile as it is."""
    current = ((profile.get("simulation") or {}).get("decision") or {}).get("delegation", "committee")
    if isinstance(current, Mapping):
        return str(current.get("grant")), str(current.get("refusal"))
    return str(current), str(current)


def delegation(profile: Mapping[str, Any]) -> tuple[str, str]:
    """(level of grants, level of refusals) of a profile as it is (the goal seek keeps it when asked)."""
    return _delegation(profile)


def _elements(profile: Mapping[str, Any]) -> Mapping[str, Any]:
    return (profile.get("simulation") or {}).get("elements") or {}


def _bodies(profile: Mapping[str, Any]) -> Mapping[str, Any]:
    return ((profile.get("simulation") or {}).get("decision") or {}).get("bodies") or {}


def genitive(name: str) -> str:
    """A name's Swedish genitive: ``Helsingborgs``, but ``Höganäs`` (a name ending in s, x or z takes no s)."""
    return name if name[-1:].lower() in ("s", "x", "z") else f"{name}s"


def _lacking(lever: str, name: str, en: str, sv: str) -> LeverError:
    """A lever that ``name``'s profile gives nothing to change: what it lacks, in each language."""
    return LeverError(lever, f"{name}'s profile has no {en}", f"{genitive(name)} profil saknar {sv}")


def _in_model(lever: str, name: str, en: str, sv: str) -> LeverError:
    """A lever whose step ``name``'s model does not show (or shows twice): why, in each language."""
    return LeverError(lever, f"{name}'s model {en}", f"{genitive(name)} modell {sv}")


def _both(names: tuple[tuple[str, str], ...], lang: str) -> str:
    return listed([en if lang == "en" else sv for en, sv in names], AND[lang])


def _library_completeness(elements: Mapping[str, Any]) -> Completeness | None:
    """The completeness check as the library's models name it, when the profile does."""
    return Completeness(COMPLETE_GATEWAY, "Flow_Komplett_Ja", "Flow_Komplett_Nej") if COMPLETE_GATEWAY in elements \
        else None


def _completeness(shown: str, elements: Mapping[str, Any], model: str | None) -> Completeness:
    """The completeness check of a process: found in its model by what it is (:mod:`web.leversteps`), else
    (no model given, or none found) by the library's id in its profile, else :class:`LeverError`."""
    steps = lever_steps(model) if model is not None else None
    if steps is not None and isinstance(steps.completeness, Completeness):
        return steps.completeness
    named = _library_completeness(elements)
    if named is not None:
        return named
    if steps is not None and isinstance(steps.completeness, NotFound) and len(steps.completeness.names) > 1:
        names = steps.completeness.names
        raise _in_model("complete_share", shown,
                        f"has several steps that could each be the check of whether an application is complete: "
                        f"{_both(names, 'en')} (give the check a name that says so, e.g. “Är ansökan komplett?”, "
                        f"and the others names that do not)",
                        f"har flera steg som vart och ett kan vara kontrollen av om ansökan är komplett: "
                        f"{_both(names, 'sv')} (ge kontrollen ett namn som säger det, t.ex. ”Är ansökan komplett?”, "
                        f"och de andra namn som inte gör det)")
    raise _in_model("complete_share", shown,
                    "has no check of whether an application is complete (a choice, an exclusive gateway, where one "
                    "way goes on and the other goes back to the check through a request sent to the applicant)",
                    "saknar kontroll av om ansökan är komplett (ett val, en exklusiv gateway, där ena vägen går "
                    "vidare och den andra går tillbaka till kontrollen via en begäran som skickas till sökanden)")


def _remiss_answers(shown: str, elements: Mapping[str, Any], model: str | None) -> tuple[str, ...]:
    """The remiss answers of a process: found in its model by what they are, else by the library's ids in its
    profile, else :class:`LeverError`."""
    steps = lever_steps(model) if model is not None else None
    if steps is not None and isinstance(steps.remiss_answers, tuple):
        return steps.remiss_answers
    named = tuple(e for e in elements if e.startswith(REMISS_PREFIX))
    if named:
        return named
    raise _in_model("remiss_weeks", shown,
                    "has no reply from a consulted body (a message event or receive task that waits for the answer of another "
                    "party than the applicant, after the process has sent that party a message: the remiss)",
                    "saknar remissvar (en meddelandehändelse eller mottagningsuppgift som väntar på svar från en "
                    "annan part än sökanden, efter att processen skickat den parten ett meddelande: remissen)")


def _member_sets(name: str, profile: Mapping[str, Any], given: Mapping[str, Any],
                 model: str | None = None) -> list[tuple[str, Any]]:
    sets: list[tuple[str, Any]] = []
    shown = str(profile.get("municipality") or name)
    grant, refusal = _delegation(profile)
    grant, refusal = given.get("grant_level", grant), given.get("refusal_level", refusal)
    bodies = _bodies(profile)
    for key in ("grant_level", "refusal_level"):
        if key in given and given[key] not in bodies:
            have = tuple(level for level in LEVELS if level in bodies)
            # no bodies at all: the field's only choice is its first, "keep" (as the page calls it)
            en = f"choose {choices_words(have, 'en')}" if have else f"leave it at “{TEXTS['keep']['en']}”: it has no " \
                "decision bodies"
            sv = f"välj {choices_words(have, 'sv')}" if have else f"låt fältet stå på ”{TEXTS['keep']['sv']}”: den har " \
                "inga beslutsorgan"
            raise _lacking(key, shown, f"decision by {TEXTS[given[key]]['en']} ({en})",
                           f"beslut av {TEXTS[given[key]]['sv']} ({sv})")
    if "grant_level" in given or "refusal_level" in given:
        sets.append(("decision.delegation", grant if grant == refusal else {"grant": grant, "refusal": refusal}))
    if ("officers" in given or "fte" in given) and "officer" not in ((profile.get("simulation") or {}).get("pools")
                                                                     or {}):
        raise _lacking("officers" if "officers" in given else "fte", shown,
                       "staff group named “officer” (the case officers this field changes)",
                       "personalgrupp med namnet ”officer” (handläggarna som fältet ändrar)")
    if "officers" in given:
        sets.append(("pools.officer.count", given["officers"]))
    if "fte" in given:
        sets.append(("pools.officer.fte", given["fte"]))
    if "cadence" in given:
        if not isinstance(bodies.get("committee"), Mapping) or "meetings" not in bodies["committee"]:
            raise _lacking("cadence", shown, "committee that meets (the meetings this field changes)",
                           "nämnd som sammanträder (de sammanträden som fältet ändrar)")
        sets.append(("decision.bodies.committee.meetings", {"rrule": CADENCES[given["cadence"]], "except_months": [7]}))
    if "cutoff_days" in given:
        meeting = [body for body in ("committee", "working_committee") if body in bodies]
        if not meeting:
            raise _lacking("cutoff_days", shown, "committee or working committee (the decision bodies whose last "
                                                 "day for cases this field changes)",
                           "nämnd eller arbetsutskott (de beslutsorgan vars sista dag för ärenden fältet ändrar)")
        for body in meeting:
            sets.append((f"decision.bodies.{body}.agenda_cutoff", f"{given['cutoff_days']}d"))
    elements = _elements(profile)
    if "complete_share" in given:
        check = _completeness(shown, elements, model)
        share = round(given["complete_share"], 4)
        sets.append((f"elements.{check.gateway}.probabilities",
                     {check.complete: share, check.incomplete: round(1.0 - share, 4)}))
    if "remiss_weeks" in given:
        events = _remiss_answers(shown, elements, model)
        mode = given["remiss_weeks"] * 7
        # the library's spread (2-4 weeks around 3) scaled: low 2/3 and high 4/3 of the usual time
        delay = {"dist": "triangular", "low": f"{round(mode * 2 / 3)}d", "mode": f"{round(mode)}d",
                 "high": f"{round(mode * 4 / 3)}d"}
        sets += [(f"elements.{event}.delay", delay) for event in events]
    if "arrivals" in given:
        sets.append(("arrivals.per_year", given["arrivals"]))
    return [(f"{name}.simulation.{path}", value) for path, value in sets]


def lever_sets(form: Mapping[str, Any], profiles: Mapping[str, Mapping[str, Any]],
               models: Mapping[str, str] | None = None) -> list[tuple[str, Any, Origin]]:
    """The ``set:`` entries (path, value, origin) of the levers in ``form`` for the processes ``profiles``
    (name -> raw profile document), each path with its process name first. ``models`` (name -> BPMN text)
    lets the completeness and remiss levers find their steps by what they are; without it they take the
    library's ids (``Gw_Komplett``, ``Event_Remissvar_…``)."""
    given = _given({k: v for k, v in form.items() if k not in {lever.key for lever in RUN_LEVERS}})
    return [(path, value, FORM) for name, profile in profiles.items()
            for path, value in _member_sets(name, profile, given, (models or {}).get(name))]


def run_settings(form: Mapping[str, Any], *, replications: int = 10, seed: int = 2025) -> dict[str, Any]:
    """The run settings of a form: ``replications``, ``seed`` and (``years`` given) ``horizon``."""
    given = _given({k: v for k, v in form.items() if k in {lever.key for lever in RUN_LEVERS}})
    settings: dict[str, Any] = {"replications": given.get("replications", replications),
                                "seed": given.get("seed", seed)}
    if "years" in given:
        # years as a profile's ``1y`` and ``simulate --years`` count them (365.25 days): not days of 365 rounded
        settings["horizon"] = f"{given['years']:.6f}".rstrip("0").rstrip(".") + "y"
    return settings


def _days(text: Any) -> float | None:
    """Days of a duration text in whole days or weeks (``2w`` -> 14), else ``None``."""
    match = re.fullmatch(r"(\d+(?:\.\d+)?)([dw])", str(text).strip())
    return None if match is None else float(match[1]) * (7 if match[2] == "w" else 1)


def _weeks(delay: Any) -> float | None:
    days = _days(delay.get("mode")) if isinstance(delay, Mapping) and delay.get("dist") == "triangular" else None
    return None if days is None else days / 7


def decision_levels(profile: Mapping[str, Any]) -> list[str]:
    """The decision levels a profile has bodies for (:data:`LEVELS`' order): what its grant and refusal levers
    can choose (the page offers only those of the chosen processes)."""
    bodies = _bodies(profile)
    return [level for level in LEVELS if level in bodies]


def status_quo(profile: Mapping[str, Any], model: str | None = None) -> dict[str, Any]:
    """The lever values a profile has as it is (shown beside each lever; ``None``: not a plain value); ``model``
    (its BPMN text) finds the completeness check and the remiss answers as :func:`lever_sets` does."""
    simulation = profile.get("simulation") or {}
    officer = (simulation.get("pools") or {}).get("officer") or {}
    committee = ((simulation.get("decision") or {}).get("bodies") or {}).get("committee") or {}
    rrule = (committee.get("meetings") or {}).get("rrule") if isinstance(committee.get("meetings"), Mapping) else None
    elements = _elements(profile)
    try:
        check: Completeness | None = _completeness("", elements, model)
    except LeverError:
        check = None
    gateway = ((elements.get(check.gateway) or {}).get("probabilities") or {}) if check else {}
    # a profile with no decision bodies has no level to keep: not "the committee" (the engine's default word)
    grant, refusal = _delegation(profile) if _bodies(profile) else (None, None)
    try:
        answers = _remiss_answers("", elements, model)
    except LeverError:
        answers = ()
    remiss = next(((elements.get(a) or {}).get("delay") for a in answers if a in elements), None)
    return {
        "grant_level": grant,
        "refusal_level": refusal,
        "officers": officer.get("count"),
        "fte": officer.get("fte"),
        "cadence": next((k for k, v in CADENCES.items() if v == rrule), None),
        "cutoff_days": _days(committee.get("agenda_cutoff")),
        "complete_share": gateway.get(check.complete) if check else None,
        "remiss_weeks": _weeks(remiss),
        "arrivals": (simulation.get("arrivals") or {}).get("per_year"),
        "years": _years(simulation.get("horizon")),
    }


def _years(horizon: Any) -> float | None:
    """The simulated years of a profile's ``horizon:`` (``1y`` -> 1.0, ``26w`` -> 0.5); ``None`` if it has none."""
    try:
        return round(parse_duration(horizon) / parse_duration("1y"), 2) if horizon is not None else None
    except InputError:
        return None
