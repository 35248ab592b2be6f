"""The words the report shows for code names, in English and Swedish (``report/labels.yaml``).

Code names stay in the data files; the page names figures, scenarios, pools and
steps in words.

>>> figure_words("helsingborg/within_deadline_share", "sv")
'andel beslutade inom 4 månader'
>>> figure_words("outcome_share.refusal", "en")
'share of cases ending in a refusal'
>>> figure_words("wait_days.Task_Beslut", "en", {"Task_Beslut": "Besluta"})
'days waiting at: Besluta'
>>> scenario_words("my-own-test", "en")
'my own test'
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from functools import lru_cache
from importlib import resources
from typing import Any

from bpmn_io.yamlsrc import load_yaml
from report.bounds import is_share
from report.numbers import machine, number, percent

__all__ = ["LANGUAGES", "labels", "figure_words", "question_words", "scenario_words", "setting_words", "point_words", "word", "has_words", "level_words", "attribute_words", "text",
           "number_words", "duration_words", "run_setting_words", "member_words", "in_per_cent", "in_count", "in_kronor"]

LANGUAGES = ("en", "sv")


@lru_cache(maxsize=1)
def labels() -> Mapping[str, Any]:
    """The label table."""
    data = (resources.files("report") / "labels.yaml").read_text(encoding="utf-8")
    return load_yaml(data, source="report/labels.yaml").data


def word(name: str, lang: str) -> str:
    """A pool, outcome or decision level in words (``name`` itself when the table has none); a level the
    diff already said in words ("working committee") finds its entry as its code name does. A body or pool named
    as a level (``committee``, ``manager``) is said as :func:`level_words` says the level; ``officer`` is the pool,
    the case officers."""
    entry = _word_entry(name)
    return str(entry[lang]) if entry else name.replace("_", " ")


def _word_entry(name: str) -> Mapping[str, str] | None:
    code = name.replace(" ", "_")
    entry = labels()["words"].get(name) or labels()["words"].get(code) or labels()["levels"].get(code)
    return entry if isinstance(entry, Mapping) else None


def has_words(name: str) -> bool:
    """Whether :func:`word` has words for the code name ``name`` (else it says the name itself).

    >>> has_words("committee"), has_words("refusal"), has_words("Task_Beslut")
    (True, True, False)
    """
    return name in labels()["words"] or name in labels()["levels"]


def level_words(level: str, lang: str) -> str:
    """Who decides (a decision level, ``committee`` ... ``officer``) in ``lang``: ``labels.yaml``'s ``levels``, one
    source for the goal seek's text, the what-if page and its spreadsheet; a level it has no words for by its
    name, underscores as spaces.

    >>> level_words("working_committee", "sv"), level_words("officer", "en"), level_words("mayor_s_office", "en")
    ('arbetsutskottet', 'the case officer', 'mayor s office')
    """
    entry = labels()["levels"].get(level)
    return str(entry[lang]) if entry else level.replace("_", " ")


def attribute_words(name: str, lang: str) -> str:
    """A case attribute (a profile's ``attributes:``, what a step's ``set:`` marks) as a branch's condition
    names it: the table's words, else its name with underscores as spaces.

    >>> attribute_words("tre_underkanda_prov", "sv"), attribute_words("seats_over_50", "en")
    ('tre underkända kunskapsprov', 'seats over 50')
    """
    entry = labels()["attributes"].get(name)
    return str(entry[lang]) if entry else name.replace("_", " ")


def text(key: str, lang: str) -> str:
    """A piece of the page's own text."""
    return str(labels()["text"][key][lang])


def figure_words(key: str, lang: str, names: Mapping[str, str] | None = None) -> str:
    """Figure ``key`` (with or without ``<process>/``) in words; ``names``: element id -> the step's name."""
    figure = key.partition("/")[2] if "/" in key else key
    table = labels()
    if figure in table["figures"]:
        return str(table["figures"][figure][lang])
    for prefix, pattern in table["patterns"].items():
        if figure.startswith(prefix):
            rest = figure[len(prefix):]
            what = (names or {}).get(rest) or word(rest, lang)
            return str(pattern[lang]).format(what)
    return figure.replace("_", " ").replace(".", ": ")


def in_per_cent(figure: str) -> bool:
    """Whether figure ``figure`` (with or without ``<process>/``) is said in per cent, as the sentences say it:
    a share of cases, a staff group's utilisation, the cost of work as a share of the fee (a change in one in
    percentage points).

    >>> [in_per_cent(f) for f in ("h/within_deadline_share", "outcome_share.grant", "utilisation.officer",
    ...                           "cost_share_of_fee", "cases", "wait_days.Task_Beslut", "cost_per_case")]
    [True, True, True, True, False, False, False]
    """
    name = figure.partition("/")[2] if "/" in figure else figure
    return is_share(name) or name.startswith("utilisation.") or name == "cost_share_of_fee"


def in_count(figure: str) -> bool:
    """Whether figure ``figure`` (with or without ``<process>/``) counts applications in the measured period, shown
    whole as a person counts them (the tables said "69,13 ansökningar"; a mean over replications).

    >>> [in_count(f) for f in ("h/cases", "cases_decided", "cases_open", "cost_per_case", "queue_length.officer")]
    [True, True, True, False, False]
    """
    return (figure.partition("/")[2] if "/" in figure else figure) in _COUNTS


#: the figures that count applications (:func:`in_count`)
_COUNTS = frozenset(("cases", "cases_decided", "cases_undecided", "cases_open"))


def in_kronor(figure: str) -> bool:
    """Whether figure ``figure`` (with or without ``<process>/``) is an amount of kronor, shown whole (the tables
    said "18 704,47" of a cost that rests on assumed hours).

    >>> [in_kronor(f) for f in ("h/cost_per_case", "fee", "cost_share_of_fee", "cases")]
    [True, True, False, False]
    """
    return (figure.partition("/")[2] if "/" in figure else figure) in ("cost_per_case", "fee")


def question_words(scenario: Mapping[str, Any]) -> dict[str, str] | None:
    """A scenario's question (of ``summary.json``) by language: its ``question_sv`` in Swedish when the file
    gave both, else the one text as written; None without a question.

    >>> question_words({"question": "What if?", "question_sv": "Vad händer om?"})
    {'en': 'What if?', 'sv': 'Vad händer om?'}
    >>> question_words({"question": "Vad händer om?"})
    {'en': 'Vad händer om?', 'sv': 'Vad händer om?'}
    """
    text = str(scenario.get("question") or "")
    return {"en": text, "sv": str(scenario.get("question_sv") or text)} if text else None


def scenario_words(name: str, lang: str) -> str:
    """A scenario in words: the table's words for the bundled ones, else its name with spaces."""
    entry = labels()["scenarios"].get(name)
    return str(entry[lang]) if entry else name.replace("-", " ").replace("_", " ")


def setting_words(path: str, lang: str, towns: Mapping[str, str] | None = None) -> str:
    """A swept setting (``simulation.pools.officer.fte``) in words: ``the case officers: share of full time``;
    a process in front as its municipality's name (``towns``: process -> name), else its name capitalised.

    >>> setting_words("simulation.pools.officer.fte", "sv")
    'handläggarna: andel av heltid'
    >>> setting_words("helsingborg.simulation.arrivals.per_year", "en")
    'Helsingborg: applications per year'
    >>> setting_words("angelholm.simulation.pools.officer.fte", "sv", {"angelholm": "Ängelholm"})
    'Ängelholm: handläggarna: andel av heltid'
    """
    process, _, rest = path.partition(".simulation.")
    if not rest:
        process, rest = "", path.removeprefix("simulation.")
    parts = rest.split(".")
    table = labels()["settings"]
    if len(parts) == 3 and parts[0] == "pools" and parts[2] in table["pools"]:
        said = f"{word(parts[1], lang)}: {table['pools'][parts[2]][lang]}"
    elif rest in table["paths"]:
        said = str(table["paths"][rest][lang])
    else:
        said = " — ".join(part.replace("_", " ") for part in parts)
    if not process:
        return said
    return f"{(towns or {}).get(process) or process.replace('_', ' ').capitalize()}: {said}"


#: a delegation by outcome (``{grant: officer, refusal: committee}``) in words
_BY_OUTCOME = {"en": "permits granted by {grant}, refusals by {refusal}",
               "sv": "tillstånd beviljas av {grant}, avslag av {refusal}"}


def delegation_words(value: Any, lang: str) -> str | None:
    """Who decides: one level (``officer``), or a level per outcome (``{grant: officer, refusal: committee}``, as the
    what-if page's two lists and ``grants-delegated-to-officer`` set it), each level in words; ``None`` for any
    other value. The report said "grant: officer, refusal: committee" in both languages (found by QA).

    >>> delegation_words({"grant": "officer", "refusal": "committee"}, "sv")
    'tillstånd beviljas av handläggarna, avslag av nämnden'
    """
    if isinstance(value, str):
        return word(value, lang)
    if not isinstance(value, Mapping):
        return None
    given = {k: v for k, v in value.items() if k not in ("source", "assumption", "note", "interval")}
    if set(given) != {"grant", "refusal"} or not all(isinstance(v, str) for v in given.values()):
        return None
    return _BY_OUTCOME[lang].format(grant=word(given["grant"], lang), refusal=word(given["refusal"], lang))


def point_words(label: str, lang: str, towns: Mapping[str, str] | None = None,
                values: Mapping[str, Any] | None = None) -> str:
    """A sweep point's label (``simulation.pools.officer.fte=0.2, ...``) in words (``towns``: as :func:`setting_words`);
    a share of full time in per cent, as the assumptions and the what-if page say it (it said "= 0,2"); a decision
    level in words, as the sweep's chart says it (the tables said "vem som beslutar = committee", found by QA).

    >>> point_words("simulation.pools.officer.fte=0.2", "sv"), point_words("simulation.arrivals.per_year=40.5", "sv")
    ('handläggarna: andel av heltid = 20\xa0%', 'ansökningar per år = 40,5')
    >>> point_words("simulation.decision.delegation=working_committee", "sv")
    'vem som beslutar = arbetsutskottet'

    ``values``: the point's values (path -> value), which say a value that is a mapping.
    """
    if values and any(isinstance(v, Mapping) for v in values.values()):
        # a value that is a mapping (who decides per outcome) has ", " inside it: said from the point's values,
        # not from its label, which wrote "{'grant': 'officer', 'refusal': 'committee'}" (found by QA)
        return ", ".join(f"{setting_words(path, lang, towns)} = {delegation_words(v, lang) or v}"
                         if isinstance(v, Mapping) else point_words(f"{path}={v}", lang, towns)
                         for path, v in values.items())
    parts = []
    for part in label.split(", "):
        path, sep, value = part.partition("=")
        if sep and re.fullmatch(r"-?\d+(\.\d+)?", value):
            # Swedish writes 0,2; a share of full time is said in per cent
            value = percent(float(value), lang, strict=True) if path.endswith(".fte") else machine(value, lang)
        elif sep and has_words(value):
            value = word(value, lang)
        parts.append(f"{setting_words(path, lang, towns)} = {value}" if sep else part)
    return ", ".join(parts)


def number_words(value: Any, lang: str) -> str:
    """A number as the language writes it (``0,25`` in Swedish); any other value as it is.

    >>> number_words(0.25, "sv"), number_words(1160, "sv"), number_words(1160, "en"), number_words("2w", "sv")
    ('0,25', '1\xa0160', '1,160', '2w')
    """
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return str(value)
    return number(value, lang)


def duration_words(value: Any, lang: str, *, about: bool = False) -> str:
    """A duration (``3y``, ``8w``, ``1.5h``) in words: ``3 years``, ``8 veckor``; any other value as it is.
    ``about``: a figure said "about" (a fitted mean, its spread) to the precision that fits the word
    (:func:`about_digits`): "about 6.1 days", not "6.085 days" (found by QA, qawords: a calibrated profile's
    waits).

    >>> duration_words("8w", "sv"), duration_words("1y", "en"), duration_words("1.5h", "sv")
    ('8 veckor', '1 year', '1,5 timmar')
    >>> duration_words("6.085d", "en", about=True), duration_words("2.814d", "sv", about=True)
    ('6.1 days', '2,8 dagar')
    >>> duration_words("14.37d", "en", about=True), duration_words("0.996h", "en", about=True)
    ('14 days', '1 hour')
    """
    found = re.fullmatch(r"\s*([0-9]+(?:\.[0-9]+)?)\s*(mo|m|h|d|w|y)\s*", str(value))
    if not found:
        return str(value)
    amount, unit = found.groups()
    one, many = labels()["units"][unit][lang]
    said = machine(amount, lang)
    if about:
        rounded = round(float(amount), about_digits(float(amount)))
        said, amount = number(rounded, lang), str(rounded)
    return f"{said} {one if float(amount) == 1 else many}"


def about_digits(amount: float) -> int:
    """The decimals of a figure said "about": two significant digits, whole from 10 up (the project's 'days in
    a sentence' keeps whole days there too).

    >>> about_digits(6.085), about_digits(0.4567), about_digits(121.75), about_digits(0.0)
    (1, 2, 0, 0)
    """
    if amount == 0 or not math.isfinite(amount) or abs(amount) >= 10:
        return 0
    return 1 - math.floor(math.log10(abs(amount)))


def run_setting_words(key: str, value: Any, lang: str) -> str:
    """A scenario's run setting (``horizon: 3y``) in words: ``simulated period 3 years``; the value in the words'
    ``{}`` where they have one.

    >>> run_setting_words("horizon", "3y", "en"), run_setting_words("warmup", "8w", "sv")
    ('simulated period 3 years', 'en inledning på 8 veckor räknas inte (simuleringen börjar utan ärenden)')
    """
    entry = labels()["run_settings"].get(key)
    name = str(entry[lang]) if entry else key.replace("_", " ")
    said = duration_words(value, lang) if isinstance(value, str) else number_words(value, lang)
    return name.format(said) if "{}" in name else f"{name} {said}"


#: a row of the staff the processes share (``shared officer``) in words
_SHARED = {"en": "shared staff: {}", "sv": "gemensam personal: {}"}


def member_words(member: str, towns: Mapping[str, str], lang: str) -> str:
    """A table row's process as its municipality's name (``towns``); the staff the processes share
    (the row ``shared <pool>``) in words.

    >>> member_words("shared officer", {}, "en"), member_words("shared officer", {}, "sv")
    ('shared staff: the case officers', 'gemensam personal: handläggarna')
    """
    if member in towns:
        return towns[member]
    pool = member.removeprefix("shared ")
    return _SHARED[lang].format(word(pool, lang)) if pool != member else member
