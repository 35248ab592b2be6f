"""The report's assumptions section: every parameter the answer used, its value, its basis, its range.

One table per process, from the profile the run read (``profiles/<name>.yaml``
of the results folder): each simulation parameter named in words (the step's
name from the BPMN, or what the entry is), its value, whether a source or an
assumption stands behind it (with the text), and its range: the range the
uncertainty table samples (:mod:`scenarios.assumptions`), or why it is not
sampled. The scenario's own settings (``set:``) are listed per scenario.
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from bpmn_io.profile import pool_names, shown_name
from bpmn_io.profile_values import provenance_text
from processes.conditions import Comparison, parse_condition
from processes.errors import InputError
from processes.wording import listed, quoted
from report.valuewords import share_words, value_words
from report.words import (
    attribute_words,
    duration_words,
    has_words,
    labels,
    number_words,
    run_setting_words,
    setting_words,
    word,
)
from scenarios.assumptions import Factor, bases, factor_values, fixed_assumptions, range_of, read_factors

__all__ = ["assumption_tables", "value_text", "condition_words", "change_words", "named_in_text",
           "factor_words", "worded_factors", "queue_for"]

PROVENANCE = ("source", "assumption", "note", "interval")  # and a fit's interval: annotations
#: what a key of an element is, in words
KEYS = {
    "duration": {"en": "work time", "sv": "arbetstid"},
    "delay": {"en": "waiting time", "sv": "väntetid"},
    "probabilities": {"en": "share per branch", "sv": "andel per gren"},
    "conditions": {"en": "branch conditions", "sv": "villkor per gren"},
    "loop": {"en": "repetitions", "sv": "upprepningar"},
    "set": {"en": "marks the case", "sv": "markerar ärendet"},
}
SECTIONS = {
    "calendars": {"en": "working hours", "sv": "arbetstider"},
    "pools": {"en": "staff", "sv": "personal"},
    "arrivals": {"en": "applications per year", "sv": "ansökningar per år"},
    "attributes": {"en": "case attribute", "sv": "ärendeegenskap"},
    "bodies": {"en": "deciding body", "sv": "beslutande organ"},
    "run": {"en": "simulated period", "sv": "simulerad period"},
    "decision": {"en": "who decides", "sv": "vem som beslutar"},
    "clock": {"en": "legal clock", "sv": "lagstadgad tid"},
    "case_delays": {"en": "delays within a case", "sv": "väntetider inom ett ärende"},
}


def value_text(value: Any, names: Mapping[str, str], lang: str = "en") -> str:
    """A parameter's value for a person: element ids replaced by their names, provenance left out.

    >>> value_text({"dist": "fixed", "value": "15m", "assumption": "x"}, {})
    '15m'
    >>> value_text({"dist": "triangular", "low": "2w", "mode": "3w", "high": "4w"}, {})
    'triangular low 2w, mode 3w, high 4w'
    >>> value_text({"Flow_Ja": 0.9, "Flow_Nej": 0.1}, {"Flow_Ja": "ja", "Flow_Nej": "nej"})
    'ja: 0.9, nej: 0.1'
    >>> value_text({"Flow_Ja": 0.9, "Flow_Nej": 0.1}, {"Flow_Ja": "ja", "Flow_Nej": "nej"}, "sv")
    'ja: 0,9, nej: 0,1'
    """
    if isinstance(value, Mapping):
        items = [(k, v) for k, v in value.items() if k not in PROVENANCE]
        if value.get("dist") == "fixed" and {k for k, _ in items} == {"dist", "value"}:
            return value_text(value["value"], names, lang)  # a fixed value is its value
        if "dist" in value:
            rest = ", ".join(f"{k} {value_text(v, names, lang)}" for k, v in items if k != "dist")
            return f"{value['dist']} {rest}".strip() if rest else str(value["dist"])
        if set(k for k, _ in items) == {"value"}:
            return value_text(value["value"], names, lang)
        return ", ".join(f"{names.get(str(k), str(k).replace('_', ' '))}: {value_text(v, names, lang)}" for k, v in items)
    if isinstance(value, list):
        return ", ".join(value_text(v, names, lang) for v in value)
    return names.get(str(value), str(value)) if isinstance(value, str) else number_words(value, lang)


#: a condition's words: how a comparison reads, "{a}" the attribute, "{v}" the value
_COMPARED = {
    "en": {"==": "{a}: {v}", "!=": "{a}: other than {v}", "<": "{a} below {v}", "<=": "{a} at most {v}",
           ">": "{a} above {v}", ">=": "{a} at least {v}", "in": "{a}: {v}", "true": "{a}", "false": "not: {a}",
           "and": " and ", "or": " or ", "when": "when ", "either": " or "},
    "sv": {"==": "{a}: {v}", "!=": "{a}: annat än {v}", "<": "{a} under {v}", "<=": "{a} högst {v}",
           ">": "{a} över {v}", ">=": "{a} minst {v}", "in": "{a}: {v}", "true": "{a}", "false": "inte: {a}",
           "and": " och ", "or": " eller ", "when": "när ", "either": " eller "},
}


def _literal_words(value: Any, lang: str) -> str:
    if isinstance(value, str):
        entry = labels()["attribute_values"].get(value)
        return str(entry[lang]) if entry else value.replace("_", " ")
    return number_words(value, lang)


def _comparison_words(c: Comparison, lang: str) -> str:
    said = _COMPARED[lang]
    attribute = attribute_words(c.attribute, lang)
    if isinstance(c.value, bool) and c.op in ("==", "!="):
        return said["true" if c.value == (c.op == "==") else "false"].format(a=attribute)
    if c.op == "in":
        value = said["either"].join(_literal_words(v, lang) for v in c.value)
    else:
        value = _literal_words(c.value, lang)
    return said[c.op].format(a=attribute, v=value)


def condition_words(text: str, lang: str) -> str:
    """A branch's condition as a sentence a person reads (the profile keeps the expression).

    >>> condition_words("tre_underkanda_prov == true or hinder == 'kvarstar'", "en")
    'when three knowledge tests failed or a ground against the applicant: remains'
    >>> condition_words("hinder != 'inga' and seats >= 50", "sv")
    'när hinder mot sökanden: annat än inga och seats minst 50'
    """
    try:
        condition = parse_condition(text)
    except InputError:  # the run checked it; a text it cannot read is shown as it is
        return str(text)
    said = _COMPARED[lang]
    groups = [said["and"].join(_comparison_words(c, lang) for c in group) for group in condition.any_of]
    return said["when"] + said["or"].join(groups)


def _said(path: str, value: Any, names: Mapping[str, Mapping[str, str]]) -> dict[str, str]:
    """A parameter's value for a person, in each language: a branch's conditions and a step's marks in
    words, every other value as :func:`report.valuewords.value_words` says it, or else as :func:`value_text` gives it.
    ``names``: per language, element id -> its name."""
    key = path.rsplit(".", 1)[-1]
    if path.startswith("simulation.elements.") and key in ("conditions", "set") and isinstance(value, Mapping):
        said = {}
        for lang in ("en", "sv"):
            parts = []
            for name, given in value.items():
                if name in PROVENANCE:
                    continue
                if key == "conditions":
                    parts.append(f"{names[lang].get(str(name), str(name))}: {condition_words(str(given), lang)}")
                elif isinstance(given, bool):
                    parts.append(_COMPARED[lang]["true" if given else "false"].format(a=attribute_words(name, lang)))
                else:
                    parts.append(f"{attribute_words(name, lang)}: {_literal_words(given, lang)}")
            said[lang] = "; ".join(parts)
        return said
    if path == "simulation.run" and isinstance(value, Mapping):
        return {lang: ", ".join(run_setting_words(k, v, lang) for k, v in value.items()) for lang in ("en", "sv")}
    return {lang: value_words(path, value, names[lang], lang) or value_text(value, names[lang], lang)
            for lang in ("en", "sv")}


def change_words(path: str, value: Any, names: Mapping[str, str], lang: str) -> str:
    """A scenario's change of one parameter (its ``set:``) in words: the setting, then its new value.

    >>> change_words("simulation.decision.delegation", "working_committee", {}, "sv")
    'vem som beslutar: arbetsutskottet'
    >>> change_words("simulation.elements.Gw_K.probabilities", {"F_Ja": 0.75, "F_Nej": 0.25}, {"Gw_K": "Komplett?",
    ...              "F_Ja": "Ja", "F_Nej": "Nej"}, "en")
    'Komplett? — share per branch: Ja 75%, Nej 25%'
    """
    parts = path.split(".")
    if len(parts) == 4 and parts[:2] == ["simulation", "elements"] and parts[3] in KEYS:
        setting = f"{names.get(parts[2], parts[2])} — {KEYS[parts[3]][lang]}"
    else:
        setting = setting_words(path, lang)
    if isinstance(value, str) and not isinstance(value, bool):
        said = word(value, lang) if has_words(value) else value_text(value, names, lang)
    elif isinstance(value, (int, float)):
        said = number_words(value, lang)
    else:
        said = _said(path, value, {"en": names, "sv": names})[lang]
    return f"{setting}: {said}"


def _basis(entry: Any, parent: Any, names: Mapping[str, Mapping[str, str]]) -> tuple[str, dict[str, str]]:
    """('source' | 'assumption' | 'source and assumption' | '', the texts in each language). A text given
    as ``{en: ..., sv: ...}`` is shown in its language (text alone in both); ``names``: per language, element
    id -> its name, for a text that names a step by its id."""
    for holder in (entry, parent):
        if isinstance(holder, Mapping) and ("source" in holder or "assumption" in holder):
            kinds = [k for k in ("source", "assumption") if k in holder]
            return " and ".join(kinds), {
                lang: named_in_text(" — ".join(provenance_text(holder[k], lang) for k in kinds), names[lang], lang)
                for lang in ("en", "sv")}
    return "", {"en": "", "sv": ""}


def named_in_text(text: str, names: Mapping[str, str], lang: str) -> str:
    """``text`` with every element id of the model (a key of ``names`` with an underscore, as modelling tools
    write them: a short id such as ``T1`` or ``review`` may be a word of the text) replaced by the step's name
    in quotes; an id inside a longer id or a dotted path (``elements.Task_X``, ``Task_X.loop.max``) is left alone.

    >>> named_in_text("the decision refuses it (Gw_Beslut)", {"Gw_Beslut": "Beslut?"}, "sv")
    'the decision refuses it (”Beslut?”)'
    """
    if "_" not in text:  # every id it replaces has one (most texts have none: asked of every row of the report)
        return text
    ids = [i for i in names if "_" in i and names[i] and names[i] != i]
    if not ids or not any(i in text for i in ids):
        return text
    # a whole id, not part of a dotted path on either side ("elements.Task_X", "Task_X.loop.max"); a full stop
    # ending the sentence after it is no path
    pattern = re.compile(r"(?<![\w.])(" + "|".join(map(re.escape, sorted(ids, key=len, reverse=True)))
                         + r")(?!\w)(?!\.\w)")
    return pattern.sub(lambda m: quoted(names[m[1]], lang), text)


def _entries(profile: Mapping[str, Any], names: Mapping[str, Mapping[str, str]],
             ) -> Iterator[tuple[str, dict[str, str], Any, Any]]:
    """(path, words, value, entry holding the provenance) of every simulation parameter (``names``: per
    language, element id -> its name)."""
    sim = profile.get("simulation") or {}
    run = {k: sim[k] for k in ("start", "horizon", "warmup", "cases") if k in sim}
    yield "simulation.run", SECTIONS["run"], run, sim
    for name, cal in (sim.get("calendars") or {}).items():
        yield f"simulation.calendars.{name}", _pair(SECTIONS["calendars"], name), cal, cal
    shown = {lang: pool_names(profile, lang) for lang in ("en", "sv")}  # a pool's own name:, else its id's words
    for name, pool in (sim.get("pools") or {}).items():
        words = {lang: f"{SECTIONS['pools'][lang]}: {shown[lang].get(name) or word(name, lang)}" for lang in ("en", "sv")}
        yield f"simulation.pools.{name}", words, pool, pool
    if "arrivals" in sim:
        yield "simulation.arrivals", SECTIONS["arrivals"], sim["arrivals"], sim["arrivals"]
    for element, spec in (sim.get("elements") or {}).items():
        if not isinstance(spec, Mapping):
            continue
        for key, value in spec.items():
            if key in PROVENANCE:
                continue
            what = KEYS.get(key, {"en": key, "sv": key})
            words = {lang: f"{names[lang].get(element, element)} — {what[lang]}" for lang in ("en", "sv")}
            yield f"simulation.elements.{element}.{key}", words, value, spec
    decision = sim.get("decision") or {}
    if "delegation" in decision:
        yield "simulation.decision.delegation", SECTIONS["decision"], decision["delegation"], decision
    for body, spec in (decision.get("bodies") or {}).items():
        words = {lang: f"{SECTIONS['bodies'][lang]}: {word(body, lang)}" for lang in ("en", "sv")}
        yield f"simulation.decision.bodies.{body}", words, spec, spec
    if "after_meeting" in decision:
        yield ("simulation.decision.after_meeting", {"en": "decision takes effect after the meeting",
                                                     "sv": "beslutet gäller efter sammanträdet"}, decision["after_meeting"],
               decision)
    for name, spec in (sim.get("attributes") or {}).items():
        if isinstance(spec, Mapping) and "weights" in spec:
            words = {lang: f"{SECTIONS['attributes'][lang]}: {attribute_words(name, lang)}" for lang in ("en", "sv")}
            yield f"simulation.attributes.{name}", words, spec, spec
    if "clock" in sim:
        yield "simulation.clock", SECTIONS["clock"], {k: v for k, v in sim["clock"].items()
                                                      if k in ("deadline", "extension")}, sim["clock"]
    if "case_delays" in sim:
        yield "simulation.case_delays", SECTIONS["case_delays"], sim["case_delays"], sim["case_delays"]


#: the factors whose words (scenarios/data/assumption-ranges.yaml) name the library's case officers, said for
#: a profile that names its pool ``officer`` (``convert --to profile`` names it after its lane): English,
#: Swedish, ``{}`` the pool's name. A4 scales every step's work, whichever pool does it, so it names none
#: (found by QA, qawords: a report on Camunda C.4.0 said "officer time on permits, A5" of its HR Department)
_POOL_FACTOR_WORDS = {"officer_capacity": ("time of {}", "tid för {}"),
                      "officer_effort": ("hours of work per step", "arbetstimmar per steg")}
#: the pool ``officer`` of a profile that does not name it
_OFFICERS = {"en": "the case officers", "sv": "handläggarna"}


def factor_words(name: str, words: Mapping[str, str], profiles: Iterable[Any]) -> dict[str, str]:
    """The words of the factor ``name`` (``words``: its own, by language) for ``profiles``: the library's
    where no profile names the pool ``officer`` (``name:``), else by the pool's name
    (:data:`_POOL_FACTOR_WORDS`).

    >>> hr = {"simulation": {"pools": {"officer": {"name": {"en": "HR", "sv": "Personal"}}}}}
    >>> factor_words("officer_capacity", {"en": "officer time on permits", "sv": "handläggartid"}, [hr])
    {'en': 'time of HR', 'sv': 'tid för Personal'}
    >>> factor_words("officer_capacity", {"en": "officer time on permits", "sv": "handläggartid"}, [{}])
    {'en': 'officer time on permits', 'sv': 'handläggartid'}
    """
    said = dict(words)
    pattern = _POOL_FACTOR_WORDS.get(name)
    chosen = list(profiles)
    for lang, text in zip(("en", "sv"), pattern or (), strict=False):
        named = [pool_names(p, lang).get("officer") for p in chosen]
        if any(named):
            shown = sorted({n or _OFFICERS[lang] for n in named})
            said[lang] = text.format(listed(shown, " and " if lang == "en" else " och "))
    return said


#: who a step's work waits for in the diagrams' caption: the pool ``officer`` of a profile that does not name
#: it
_QUEUE_FOR = {"en": "an officer", "sv": "en handläggare"}


def queue_for(profiles: Iterable[Any]) -> dict[str, str]:
    """Who a step waits for in the diagrams' caption ("queue for an officer, a meeting or an external party"):
    the pool ``officer`` by its name where a profile names it (found by QA, qawords: said of Camunda C.4.0's
    HR Department).

    >>> queue_for([{}]), queue_for([{"simulation": {"pools": {"officer": {"name": "HR"}}}}, {}])["sv"]
    ({'en': 'an officer', 'sv': 'en handläggare'}, 'HR eller en handläggare')
    """
    chosen = list(profiles) or [{}]
    said = {}
    for lang, last in (("en", " or "), ("sv", " eller ")):
        named = sorted({n for p in chosen if (n := pool_names(p, lang).get("officer"))})
        library = any(not pool_names(p, lang).get("officer") for p in chosen)
        said[lang] = listed([*named, *([_QUEUE_FOR[lang]] if library else [])], last)
    return said


def worded_factors(uncertainty: Mapping[str, Any] | None,
                   profiles: Mapping[str, Any]) -> Mapping[str, Any] | None:
    """``uncertainty`` (``uncertainty.json``) with each factor's words for the reported ``profiles``
    (:func:`factor_words`); the file itself keeps the data file's."""
    if not uncertainty or "factors" not in uncertainty:
        return uncertainty
    return {**uncertainty, "factors": [{**f, "words": factor_words(f["name"], f["words"], profiles.values())}
                                       for f in uncertainty["factors"]]}


def _pair(words: Mapping[str, str], name: str) -> dict[str, str]:
    return {lang: f"{words[lang]}: {word(name, lang)}" for lang in ("en", "sv")}


def _range_words(factor: Factor, profile: Mapping[str, Any], lang: str) -> str:
    """A factor's range as the value beside it is written: a share in per cent (``5–30 %``, as the value's
    ``10 %``), a length in words (``1–4 weeks``, as ``2 weeks``), else the numbers.

    >>> _range_words(Factor("x", "A", "x", "x", "probability", {"range": [0.05, 0.3]}), {}, "sv")
    '5–30\xa0%'
    >>> _range_words(Factor("x", "A", "x", "x", "duration", {"range": ["1w", "4w"]}), {}, "sv")
    '1–4 veckor'
    >>> _range_words(Factor("x", "A", "x", "x", "duration", {"range": ["1d", "2w"]}), {}, "en")
    '1 day to 2 weeks'
    """
    own = range_of(factor, profile)
    if own is not None:
        return f"{number_words(own[0], lang)}–{number_words(own[1], lang)}"
    if factor.kind == "choice":
        return " / ".join(word(c, lang) for c in factor.spec["choices"])
    low, high = factor.spec["range"]
    if factor.kind in ("probability", "share") or str(factor.spec.get("path", "")).endswith(".fte"):
        return f"{number_words(round(100 * low, 2), lang)}–{share_words(high, lang)}"
    if factor.kind == "duration" and isinstance(low, str) and isinstance(high, str):
        if low.strip()[-1:] == high.strip()[-1:] and low.strip()[:-1].isdigit():  # one unit: 1–4 weeks
            return f"{low.strip()[:-1]}–{duration_words(high, lang)}"
        return f"{duration_words(low, lang)} {'to' if lang == 'en' else 'till'} {duration_words(high, lang)}"
    lo, hi = (number_words(v, lang) for v in factor.spec["range"])
    if factor.kind in ("scale", "capacity"):
        return f"×{lo} to ×{hi} of the value" if lang == "en" else f"×{lo} till ×{hi} av värdet"
    if factor.kind == "cadence":
        return f"every {lo}–{hi} weeks" if lang == "en" else f"med {lo}–{hi} veckors mellanrum"
    return f"{lo}–{hi}"


def _fitted_words(factor: Factor, interval: tuple[float, float], lang: str) -> str:
    """A fitted value's interval as the uncertainty run samples it (a length in days, a scale as ×)."""
    low, high = interval
    if factor.kind == "duration":
        low, high = low / 24, high / 24
    shown = f"{number_words(round(low, 4), lang)}–{number_words(round(high, 4), lang)}"
    if factor.kind == "scale":
        shown = f"×{number_words(round(low, 3), lang)}–×{number_words(round(high, 3), lang)}"
    elif factor.kind == "probability":
        shown = f"{number_words(round(100 * low, 2), lang)}–{share_words(high, lang)}"
    elif factor.kind == "duration":  # the agenda cut-off: the bounds its meetings allow, not a 95 % interval
        return shown + (" days (the bounds the log's meetings allow)" if lang == "en"
                        else " dagar (de gränser som sammanträdena i loggen tillåter)")
    return shown + (" (the fit's 95% interval)" if lang == "en" else " (anpassningens 95\xa0%-intervall)")


def _shown(f: Factor, path: str, profile: Mapping[str, Any],
           fits: Mapping[tuple[str, str], tuple[float, float]], lang: str) -> str:
    """The range ``f`` samples the value at ``path`` over: the fit's interval (``fits``), else the assumed range."""
    interval = next((i for (name, p), i in fits.items() if name == f.name and (
        p == path or p.startswith(path + ".") or path.startswith(p + "."))), None)
    return _fitted_words(f, interval, lang) if interval is not None else _range_words(f, profile, lang)


def _words_of(f: Factor, profile: Mapping[str, Any]) -> dict[str, str]:
    return factor_words(f.name, {"en": f.words_en, "sv": f.words_sv}, [profile])


def _sampled(path: str, member: str, written: Mapping[str, tuple[Factor, list[str]]]) -> list[Factor]:
    """The factors that sample ``path`` (or a key below it) here (a value sourced here is not sampled)."""
    return [factor for factor, paths in written.values()
            if member not in factor.spec.get("sourced_for", ())
            and any(p == path or p.startswith(path + ".") or path.startswith(p + ".") for p in paths)]


#: after a profile's own run settings, when the scenarios ran with their own (found by QA: the assumptions said
#: "simulated period 1 year" beside answers of 3 simulated years)
_RUN_SET = {"en": "the scenarios of these answers set the run themselves; the profile's own:",
            "sv": "scenarierna bakom svaren anger körningen själva; profilens egen:"}


def assumption_tables(profiles: Mapping[str, Any], names: Mapping[str, Mapping[str, Mapping[str, str]]],
                      uncertainty: Mapping[str, Any] | None,
                      runs: Mapping[str, Mapping[str, Any]] | None = None) -> list[dict[str, Any]]:
    """Per process: its municipality's name and one row per parameter (words, value, basis, range).
    ``names``: per language, per process, element id -> the step's name (or words for an unnamed one).
    ``runs``: per process, the run settings (``start``, ``horizon``, ``warmup``) its scenarios all set
    themselves: its simulated period row says them, and the profile's own after its text."""
    factors = read_factors()
    fixed = fixed_assumptions()
    sampled_run = uncertainty is not None
    out = []
    for member, profile in profiles.items():
        ids = {lang: names.get(lang, {}).get(member, {}) for lang in ("en", "sv")}
        written = {f.name: (f, [p for p, _v in factor_values(f, 0.5, "", profile, lever=lambda _p: False)])
                   for f in factors}
        # what each value rests on by its annotation: a fitted value is sampled over its fit's interval
        fits = {(f.name, p): interval for f in factors for p, (how, interval) in bases(f, "", profile).items()
                if how == "fitted" and interval is not None}

        rows = []
        for path, words, value, holder in _entries(profile, ids):
            basis, why = _basis(value, holder, ids)
            found = _sampled(path, member, written)
            if found:
                rng: dict[str, Any] = {
                    lang: "; ".join(f"{_shown(f, path, profile, fits, lang)} ({_words_of(f, profile)[lang]}, "
                                    f"{f.code})" for f in found) for lang in ("en", "sv")}
                rng["sampled"] = sampled_run
            else:
                reason = next((r for pattern, r in fixed.items() if fnmatch.fnmatch(path, pattern)
                               or fnmatch.fnmatch(path + ".x", pattern + ".*")), None)
                measured = [p for f in factors for p, (how, _i) in bases(f, member, profile).items() if how == "measured"]
                if any(p == path or p.startswith(path + ".") for p in measured):
                    reason = {"en": "sourced here: not sampled", "sv": "har en källa här: varieras inte"}
                reason = reason or {"en": "not sampled: see the text beside it", "sv": "varieras inte: se texten bredvid"}
                rng = {**reason, "sampled": False}
            said = _said(path, value, ids)
            ran = {**value, **(runs or {}).get(member, {})} if path == "simulation.run" else value
            if ran != value:
                why = {lang: f"{why[lang]} — {_RUN_SET[lang]} {said[lang]}".lstrip(" —") for lang in ("en", "sv")}
                said = _said(path, ran, ids)
            rows.append({"path": path, "words": words, "value": said, "basis": basis, "why": why, "range": rng})
        # the name per language (found by QA: "Nationell referens" headed the English page's table)
        out.append({"member": member, "town": {lang: shown_name(profile, lang, member) for lang in ("en", "sv")},
                    "rows": rows})
    return out
