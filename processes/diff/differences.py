"""Step-level and fact-level differences: presence, splits, attributes, profile facts.

Control-flow differences are in flowdiff.py. All inputs are plain data; profile facts
and per-element profile parameters come in as dicts (as read from profile.yaml).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import replace
from functools import lru_cache
from typing import Any

from processes.diff.diffwords import (
    WORDS,
    Clause,
    Said,
    Wording,
    clause,
    decimal_commas,
    joined,
    said_in,
    sentence,
)
from processes.diff.labelsim import label_similarity
from processes.diff.matchtypes import Match
from processes.diff.result import Difference
from processes.diff.text import Lexicon
from processes.diff.view import ModelView, Step, quoted_names
from processes.durations import (
    CALENDAR_UNITS,
    exact_to_thousandths,
    format_duration,
    is_duration_text,
    parse_duration,
)
from processes.errors import PermitflowError
from processes.params import DELEGATION_LEVELS
from processes.wording import counted

__all__ = [
    "same_performer",
    "untyped_against_typed",
    "untyped_tasks_note",
    "step_differences",
    "fact_differences",
    "fact_meaning",
    "canonical_params",
    "flatten",
    "in_one_unit",
    "level_words",
    "parameter_message",
    "parameter_wording",
    "canonical_timer",
    "FACT_ORDER",
    "PROVENANCE_KEYS",
    "FACT_WORD_KEYS",
    "provenance_basis",
    "PERFORMER_SAME",
]

#: facts listed first, in this order (the 2022 mapping dimensions); others follow by name
FACT_ORDER = (
    "application_fee",
    "supervision_fee",
    "e_service",
    "stated_handling_time",
    "deciding_body",
    "delegation",
    "committee_cadence",
    "staff_fte",
    "collaborations",
    "local_rules",
)
#: keys that document a value rather than being one; never compared (``interval:``, what calibrate writes beside a
#: fitted value, says how sure the fit is, not what the value is)
PROVENANCE_KEYS = frozenset({"source", "sources", "assumption", "note", "notes", "read", "date", "interval"})
#: a fact's keys that say its value in each language (``names: {en: ...}``); never compared, not part of its text
FACT_WORD_KEYS = frozenset({"names"})
#: performers whose names are at least this similar count as the same
PERFORMER_SAME = 0.8


def same_performer(lex: Lexicon, a: str, b: str) -> bool:
    """Whether two lane names name the same performer: label similarity of the names
    without parenthesised qualifiers is at least ``PERFORMER_SAME``.

    "Alkoholhandläggare (Tillståndsenheten)" and "Alkoholhandläggare (Ängelholms kommun)"
    are the same role; "Socialnämnden" and "Socialnämndens arbetsutskott" are not. Who
    employs the role shows in the facts (handling unit, collaborations).
    """
    core_a, core_b = _QUALIFIER.sub(" ", a).strip() or a, _QUALIFIER.sub(" ", b).strip() or b
    return label_similarity(lex, core_a, core_b) >= PERFORMER_SAME


_QUALIFIER = re.compile(r"\([^)]*\)")


def _q(step: Step) -> Said:
    return quoted_names((step,))


def _qs(view: ModelView, ids: Iterable[str]) -> Said:
    return quoted_names(view.steps[i] for i in ids)


def step_differences(
    a: ModelView,
    b: ModelView,
    matches: tuple[Match, ...],
    lex: Lexicon,
    params_a: Mapping[str, Any],
    params_b: Mapping[str, Any],
    *,
    uncertain: frozenset[tuple[str, str]] | set[tuple[str, str]] = frozenset(),
) -> list[Difference]:
    """only_in_a, split/merged and attribute differences in A's step order, then the
    performer differences (one per pair of performers), then only_in_b in B's order.

    A step in ``uncertain`` (``("a", id)`` / ``("b", id)``: unmatched, with candidates)
    is not reported as only in its model: the diff lists it as uncertain instead."""
    out: list[Difference] = []
    matched_a = {s for m in matches for s in m.a}
    matched_b = {s for m in matches for s in m.b}
    by_first_a = {m.a[0]: m for m in matches}
    for x_id, x in a.steps.items():
        if x_id not in matched_a:
            if ("a", x_id) in uncertain:
                continue
            out.append(_said(Difference("only_in_a", (x_id,), ()), clause("only_in_a", step=_q(x))))
            continue
        m = by_first_a.get(x_id)
        if m is None:
            continue
        if len(m.b) > 1 and len(m.a) == 1:
            out.append(_said(Difference("split", m.a, m.b), clause("split", step=_q(x), parts=_qs(b, m.b))))
        elif len(m.a) > 1 and len(m.b) == 1:
            out.append(_said(Difference("merged", m.a, m.b),
                             clause("merged", steps=_qs(a, m.a), parts=_qs(b, m.b))))
        elif len(m.a) > 1 and len(m.b) > 1:  # block to block: one part of the work, drawn differently
            kind = "split" if len(m.b) > len(m.a) else "merged"
            out.append(_said(Difference(kind, m.a, m.b),
                             clause("drawn_as", steps=_qs(a, m.a), parts=_qs(b, m.b))))
        out.extend(_attributes(a, b, m, lex, params_a, params_b))
    out.extend(_performers(a, b, matches, lex))
    for y_id, y in b.steps.items():
        if y_id not in matched_b and ("b", y_id) not in uncertain:
            out.append(_said(Difference("only_in_b", (), (y_id,)), clause("only_in_b", step=_q(y))))
    return out


def _performers(a: ModelView, b: ModelView, matches: tuple[Match, ...], lex: Lexicon) -> list[Difference]:
    """One ``performer`` difference per pair of differing performers (lane names),
    listing every matched step done by the one in A and the other in B."""
    groups: dict[tuple[str, str], list[Match]] = {}
    for m in matches:
        pa = {a.steps[i].performer for i in m.a}
        pb = {b.steps[i].performer for i in m.b}
        if len(pa) != 1 or len(pb) != 1:
            continue
        fa, fb = pa.pop(), pb.pop()
        if fa and fb and not same_performer(lex, fa, fb):
            groups.setdefault((fa, fb), []).append(m)
    out = []
    for (fa, fb), ms in groups.items():
        names = joined((_qs(a, m.a) for m in ms), ", ")
        out.append(_said(
            Difference("attribute", tuple(i for m in ms for i in m.a), tuple(i for m in ms for i in m.b),
                       "performer", fa, fb),
            clause("performer", fa=fa, fb=fb, names=names)))
    return out


def _attributes(
    a: ModelView,
    b: ModelView,
    m: Match,
    lex: Lexicon,
    params_a: Mapping[str, Any],
    params_b: Mapping[str, Any],
) -> list[Difference]:
    out: list[Difference] = []
    x, y = a.steps[m.a[0]], b.steps[m.b[0]]
    name = _q(x)
    one_to_one = len(m.a) == 1 and len(m.b) == 1
    if one_to_one and (x.kind, x.detail) != (y.kind, y.detail) and not untyped_against_typed(x, y):
        ta, tb = _type(x), _type(y)
        out.append(_said(Difference("attribute", m.a, m.b, "type", ta[0], tb[0]),
                         clause("type", step=name, va=ta, vb=tb)))
    if one_to_one and canonical_timer(x.timer) != canonical_timer(y.timer):
        out.append(_said(Difference("attribute", m.a, m.b, "timer", x.timer, y.timer),
                         clause("timer", step=name, va=x.timer or _word("none"),
                                vb=y.timer or _word("none"))))
    if one_to_one and x.loop != y.loop:
        out.append(_said(Difference("attribute", m.a, m.b, "loop_marker", x.loop, y.loop),
                         clause("loop_marker", step=name, va=x.loop or _word("none"),
                                vb=y.loop or _word("none"))))
    if one_to_one:
        fa_params, ba = _flat_params(lex, params_a.get(x.id))
        fb_params, bb = _flat_params(lex, params_b.get(y.id))
        for key in sorted(set(fa_params) | set(fb_params)):
            va, vb = fa_params.get(key, ""), fb_params.get(key, "")
            if va != vb:
                va, vb = (level_words(key, v) for v in in_one_unit(key, (va, vb)))
                basis_a, basis_b = ba if va else "", bb if vb else ""
                # the message (the JSON's, for programs) names a flow or a case attribute by its id, as the
                # profile does; the wording (what a person reads) by its words (parameter_wording)
                wording = parameter_wording(name, key, va, vb, basis_a, basis_b, flows=(a.flows, b.flows))
                message = sentence(parameter_wording(name, key, va, vb, basis_a, basis_b), "en")
                out.append(Difference("attribute", m.a, m.b, f"profile.{key}", va, vb,
                                      message, basis_a, basis_b, wording=wording))
    return out


def parameter_wording(name: Said, key: str, va: str, vb: str, basis_a: str, basis_b: str, *,
                      flows: tuple[Mapping[str, Said], ...] | None = None) -> Wording:
    """The words of a profile parameter's difference (``name``: the step, quoted): its values as each language
    writes them (a decimal comma in Swedish). ``flows``: each model's flows in words (view.ModelView.flows):
    with them the words a person reads, a key that names a flow (``probabilities.Flow_Ja``) saying the flow by
    its words and a mark (``set``) yes or no in each language; without them the key as the profile writes it
    (the English message, as the JSON keeps it)."""
    person = flows is not None
    return (clause("parameter", step=name, key=_key_said(key, flows or ()) if person else _key_said(key),
                   va=_value_said(key, va, person), vb=_value_said(key, vb, person), ma=_marked(basis_a),
                   mb=_marked(basis_b)),)


def _value_said(key: str, value: str, person: bool) -> Said:
    if not value:
        return _word("not_set")
    if person and key.partition(".")[0] == ATTRIBUTE_KEY and value in ("yes", "no"):
        return _word(value)  # a mark set true or false (flatten's "yes"/"no"): "ja"/"nej" in Swedish
    return _number_words(value)


#: the parameters whose key's second part is a flow's id (or flows' ids joined by "+": an inclusive branch)
FLOW_KEYS = frozenset({"probabilities", "conditions"})
#: the parameter whose key's second part is a case attribute's name (the report's words say it: the output's)
ATTRIBUTE_KEY = "set"


def _key_said(key: str, flows: tuple[Mapping[str, Said], ...] = ()) -> Said:
    """A parameter's flattened key ("delay.mean") in (English, Swedish): English the key as it is, Swedish each
    part in words where the table has them ("väntetid, medelvärde"). With ``flows`` (the models' flows in words),
    a flow's id in a branch's key in words ("probability of "Yes"", "sannolikhet för "Ja""); a case attribute's
    name (``set.tre_underkanda_prov``) is said by the output (diffwords.DiffWords.attribute)."""
    head, _, rest = key.partition(".")
    if flows and head in FLOW_KEYS and rest:
        said = [_flow_said(f, flows) for f in rest.split("+")]
        return _word_of("param_of." + head, joined(said, " + "))
    sv = ", ".join(WORDS.get("param." + part, (part, part))[1] for part in key.split("."))
    return key if sv == key else (key, sv)


def _flow_said(flow: str, flows: tuple[Mapping[str, Said], ...]) -> Said:
    """A flow's id in words: the first model's words for it that has it, else its id."""
    return next((f[flow] for f in flows if flow in f), flow)


def _word_of(key: str, value: Said) -> Said:
    """``key``'s words (diffwords.WORDS: "{what}" in each language) around ``value``."""
    en, sv = (WORDS[key][i].format(what=said_in(value, lang)) for i, lang in enumerate(("en", "sv")))
    return en if en == sv else (en, sv)


def parameter_message(name: Said, key: str, va: str, vb: str, basis_a: str, basis_b: str) -> str:
    """The English words of a profile parameter's difference (``name``: the step, quoted)."""
    return sentence(parameter_wording(name, key, va, vb, basis_a, basis_b), "en")


def _said(d: Difference, *wording: Clause) -> Difference:
    """``d`` with its ``wording`` and the English message made from it."""
    return replace(d, message=sentence(wording, "en"), wording=wording)


def _word(key: str) -> tuple[str, str]:
    """A word of the diff's table (diffwords.WORDS) in (English, Swedish)."""
    return WORDS[key]


def _number_words(value: str) -> Said:
    """A value as each language writes its decimals ("1.5h", "1,5h")."""
    sv = decimal_commas(value)
    return value if sv == value else (value, sv)


def level_words(key: str, value: str) -> str:
    """A delegation level as words ("working committee"), as the profile's fact says it, not its code name
    ``working_committee``; any other value as it is.

    >>> level_words("delegation", "working_committee"), level_words("delegation.approve", "chair")
    ('working committee', 'chair')
    """
    return value.replace("_", " ") if key.split(".", 1)[0] == "delegation" and value in DELEGATION_LEVELS else value


def in_one_unit(key: str, values: Iterable[str]) -> tuple[str, ...]:
    """The values of one flattened time parameter (``delay.mean``, ``duration.value`` ...) in one unit:
    the one a person picks for the largest (minutes under an hour, hours under two days, days above;
    hours for work time, which has no days), or a larger one all of them are already written in
    (``2w`` and ``3w``), or a smaller one when only that one reads every value to 3 decimals (``15.5m`` and
    ``120m``, not ``0.258333h`` and ``2h``); else exact to 6 decimals; ``""`` (not set) stays;
    values that are not all durations, or that would read alike in one unit, stay as they are.

    >>> in_one_unit("delay.mean", ("506.88h", "30384m")), in_one_unit("delay.mean", ("2w", "3w"))
    (('21.12d', '21.1d'), ('2w', '3w'))
    >>> in_one_unit("duration.mean", ("90m", "2h")), in_one_unit("delay.dist", ("gamma", "1h"))
    (('1.5h', '2h'), ('gamma', '1h'))
    >>> in_one_unit("duration.mean", ("15.5m", "2h"))
    ('15.5m', '120m')
    """
    values = tuple(values)
    items = [v.split(", ") for v in values if v]  # a list (an empirical distribution's) is flattened so
    if key.split(".", 1)[0] not in _TIME_KEYS or not items or not all(is_duration_text(t) for i in items for t in i):
        return values
    try:
        hours = [[parse_duration(t) for t in i] for i in items]
    except PermitflowError:
        return values
    largest = max(max(h) for h in hours)
    unit = "m" if largest < 1 else "h" if largest < 48 or key.startswith("duration") else "d"
    units = {_unit_of(t) for i in items for t in i}
    if len(units) == 1 and CALENDAR_UNITS[next(iter(units))] >= CALENDAR_UNITS[unit]:
        return values
    # a smaller unit when that one reads every value exactly and this one does not ("15.5m" and "120m",
    # not "0.258333h" and "2h")
    for smaller in ("d", "h", "m")[("d", "h", "m").index(unit):]:
        if all(exact_to_thousandths(x / CALENDAR_UNITS[smaller]) for h in hours for x in h):
            unit = smaller
            break
    texts = iter(", ".join(_in_unit(x, unit) for x in h) for h in hours)
    out = tuple(next(texts) if v else v for v in values)
    return out if len(set(out)) == len(set(values)) else values


def _unit_of(text: str) -> str:
    return text.strip().lstrip("0123456789. ")


def _in_unit(hours: float, unit: str) -> str:
    number = f"{round(hours / CALENDAR_UNITS[unit], 6):.6f}".rstrip("0").rstrip(".")
    return f"{number}{unit}"


def _flat_params(lex: Lexicon, entry: Any) -> tuple[dict[str, str], str]:
    """An element's parameters flattened in canonical form, and what they rest on.

    Memoised in the lexicon by the entry itself (an N-way comparison asks for every step's
    parameters once per pair); the memo holds the entry, so its id cannot be reused."""
    if entry is None:
        return flatten(canonical_params({})), provenance_basis(None)
    key = ("params", id(entry))
    found = lex._memo.get(key)
    if found is None or found[0] is not entry:  # type: ignore[index]
        found = lex._memo[key] = (entry, flatten(canonical_params(entry)), provenance_basis(entry))
    return found[1], found[2]  # type: ignore[index,return-value]


def provenance_basis(entry: Any) -> str:
    """What a profile entry (a fact, an element's parameters) rests on: ``sourced``,
    ``assumed``, ``sourced and assumed`` or ``""`` (no source and no assumption given).

    >>> provenance_basis({"value": 11700, "source": "https://..."}), provenance_basis({"value": 3, "assumption": "A1"})
    ('sourced', 'assumed')
    """
    if not isinstance(entry, Mapping):
        return ""
    sourced, assumed = (bool(str(entry.get(key) or "").strip()) for key in ("source", "assumption"))
    return {(True, True): "sourced and assumed", (True, False): "sourced", (False, True): "assumed"}.get(
        (sourced, assumed), "")


def _marked(basis: str) -> Said:
    return (f" [{basis}]", f" [{WORDS[basis][1]}]") if basis else ""


def untyped_against_typed(x: Step, y: Step) -> bool:
    """Whether one of two tasks is a plain ``task`` and the other a typed one (``userTask``,
    ``sendTask`` …): a tool or a modeller that does not type its tasks (Signavio's, Bizagi's
    exports) says nothing about the type, so that is no difference (``untyped_tasks_note``)."""
    return x.kind == y.kind == "task" and x.detail != y.detail and "task" in (x.detail, y.detail)


def untyped_tasks_note(a: ModelView, b: ModelView, matches: Iterable[Match], a_name: str, b_name: str) -> str:
    """One line for the matched tasks that are plain ``task`` in one model and typed in the other
    (their types are not compared), or "" when there are none."""
    untyped: dict[str, list[str]] = {"a": [], "b": []}
    typed: dict[str, dict[str, int]] = {"a": {}, "b": {}}
    for m in matches:
        if len(m.a) != 1 or len(m.b) != 1:
            continue
        x, y = a.steps[m.a[0]], b.steps[m.b[0]]
        if not untyped_against_typed(x, y):
            continue
        plain, other, step = ("a", "b", x) if x.detail == "task" else ("b", "a", y)
        untyped[plain].append(step.id)
        kind = (y if plain == "a" else x).detail
        typed[other][kind] = typed[other].get(kind, 0) + 1
    said = []
    names = {"a": a_name, "b": b_name}
    for plain, other in (("a", "b"), ("b", "a")):
        if untyped[plain]:
            kinds = ", ".join(f"{k} {n}" for k, n in sorted(typed[other].items(), key=lambda kv: (-kv[1], kv[0])))
            said.append(
                f"{counted(len(untyped[plain]), 'matched task')} {'is a plain task' if len(untyped[plain]) == 1 else 'are plain tasks'} in {names[plain]} and typed in "
                f"{names[other]} ({kinds}): a model that does not type a task says nothing about its type, "
                "so these types are not compared"
            )
    return "; ".join(said)


def _type(step: Step) -> tuple[str, str]:
    """A step's type in (English, Swedish): a task's type as BPMN names it (``userTask``), an event's in
    words ("timer boundary event", "kanthändelse (tid)"; Swedish leaves out a trigger of none:
    "starthändelse"). (The table has every position and trigger: a test reads them from the model.)"""
    if step.kind == "event":
        position, trigger = step.detail.split(":")
        where = WORDS[position][1]
        sv = WORDS["event"][1].format(trigger=WORDS["trigger." + trigger][1], position=where) \
            if trigger != "none" else where
        return WORDS["event"][0].format(trigger=trigger, position=position.replace("_", " ")), sv
    if step.kind == "task":
        return WORDS.get("tasktype." + step.detail, (step.detail, step.detail))
    return WORDS.get(step.kind, (step.kind, step.kind))


_TIME_KEYS = frozenset({"duration", "delay"})


def canonical_params(params: Any) -> Any:
    """Element parameters with equivalent forms written one way, so they compare equal:
    a fixed distribution is its value (``{dist: fixed, value: 15m}`` = ``duration: 15m``)
    and every duration text is written in its shortest exact unit (``0.25h`` = ``15m``,
    ``7d`` = ``1w``). Values that are not durations stay as written.

    >>> canonical_params({"duration": "0.25h"}) == canonical_params({"duration": {"dist": "fixed", "value": "15m"}})
    True
    """
    if not isinstance(params, Mapping):
        return params
    out: dict[str, Any] = {}
    for key, value in params.items():
        if str(key) in _TIME_KEYS:
            if isinstance(value, Mapping):
                value = _empirical_summary(value)
                value = {k: _canonical_duration(v) for k, v in value.items()}
                if value.get("dist") == "fixed" and set(value) - PROVENANCE_KEYS <= {"dist", "value"}:
                    value = value.get("value", value)
            else:
                value = _canonical_duration(value)
        out[key] = value
    return out


def _empirical_summary(value: Mapping[str, Any]) -> Mapping[str, Any]:
    """An empirical distribution as its mean and standard deviation in place of its values: a calibrated
    profile's fifty quantiles were listed value by value, and against a fitted family its mean was "not set"."""
    values = value.get("values")
    if value.get("dist") != "empirical" or not isinstance(values, list) or not values:
        return value
    try:
        hours = [parse_duration(v) for v in values]
    except (PermitflowError, TypeError, ValueError):
        return value
    mean = sum(hours) / len(hours)
    sd = (sum((h - mean) ** 2 for h in hours) / len(hours)) ** 0.5
    out = {k: v for k, v in value.items() if k != "values"}
    return {**out, "mean": format_duration(float(f"{mean:.4g}")), "sd": format_duration(float(f"{sd:.4g}"))}


def _canonical_duration(value: Any) -> Any:
    return _canonical_duration_text(value) if isinstance(value, str) else _canonical(value)


@lru_cache(maxsize=4096)
def _canonical_duration_text(value: str) -> Any:
    # an N-way comparison asks for the same few texts in every pair: parse each once
    return _canonical(value)


def _canonical(value: Any) -> Any:
    if not is_duration_text(value):
        return value
    try:
        return format_duration(parse_duration(value))
    except PermitflowError:
        return value


def flatten(value: Any, prefix: str = "") -> dict[str, str]:
    """Leaves of a nested mapping as ``dotted.path -> text``; provenance keys dropped.

    >>> flatten({"duration": {"dist": "fixed", "value": "3h"}, "assumption": "guess"})
    {'duration.dist': 'fixed', 'duration.value': '3h'}
    >>> flatten({"per_year": 112.3, "interval": {"what": "95 % exact Poisson", "per_year": [98.0, 128.1]}})
    {'per_year': '112.3'}
    """
    out: dict[str, str] = {}
    if isinstance(value, Mapping):
        for k, v in value.items():
            if str(k) in PROVENANCE_KEYS:
                continue
            out.update(flatten(v, f"{prefix}.{k}" if prefix else str(k)))
    elif isinstance(value, (list, tuple)):
        out[prefix] = ", ".join(_text(v) for v in value)
    else:
        out[prefix] = _text(value)
    return out


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, Mapping):
        return ", ".join(f"{k}: {_text(v)}" for k, v in value.items() if str(k) not in PROVENANCE_KEYS)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_text(v) for v in value) + "]"
    if value is None:
        return "none"
    return str(value)


_ISO = re.compile(
    r"^P(?:(\d+(?:\.\d+)?)Y)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?"
    r"(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$"
)


def canonical_timer(timer: str) -> str:
    """A timer text in a form where equal durations compare equal (P2W == P14D == P14DT0H).

    Years and months stay as they are (calendar lengths vary); weeks, days, hours,
    minutes and seconds become seconds. Texts that are not ISO 8601 durations are
    compared as written (white space removed). A timer with no expression (an empty
    ``<timeDate/>``, or none) says nothing about time: it is "", as no timer is.

    >>> canonical_timer("timeDuration=P2W") == canonical_timer("timeDuration=P14D")
    True
    >>> canonical_timer("timeDate=") == canonical_timer("timer=") == ""
    True
    """
    return _canonical_timer(timer)


@lru_cache(maxsize=4096)
def _canonical_timer(timer: str) -> str:
    # asked for every matched step of every pair of an N-way comparison: each text once
    parts = []
    for part in timer.split(";"):
        kind, _, expr = part.strip().partition("=")
        if not expr.strip():
            continue
        match = _ISO.match(expr.strip().upper())
        if match and any(match.groups()):
            y, mo, w, d, h, mi, s = (float(g) if g else 0.0 for g in match.groups())
            seconds = (((w * 7 + d) * 24 + h) * 60 + mi) * 60 + s
            parts.append(f"{kind}={y:g}Y{mo:g}M{seconds:g}S")
        else:
            parts.append(f"{kind}={''.join(expr.split())}")
    return ";".join(parts) if timer else ""


def fact_differences(
    facts_a: Mapping[str, Any], facts_b: Mapping[str, Any], lex: Lexicon | None = None
) -> list[Difference]:
    """One ``fact`` difference per fact whose value (ignoring provenance) differs; each side
    says what its value rests on (``a_basis``, ``b_basis``: sourced or assumed).

    With a lexicon, text values and lists of text compare by meaning: each text by its
    terms (roots and synonym groups), a list as a set, so "Brandförsvaret" =
    "Räddningstjänsten" and ``[Polisen, Skatteverket]`` = ``[Skatteverket,
    Polismyndigheten]``."""
    names = [n for n in FACT_ORDER if n in facts_a or n in facts_b]
    names += sorted(n for n in set(facts_a) | set(facts_b) if n not in FACT_ORDER)
    out = []
    for name in names:
        va = fact_text(facts_a.get(name))
        vb = fact_text(facts_b.get(name))
        if va != vb and lex is not None and _meaning(lex, facts_a.get(name)) == _meaning(
            lex, facts_b.get(name)
        ):
            continue
        if va != vb:
            ba, bb = provenance_basis(facts_a.get(name)), provenance_basis(facts_b.get(name))
            # the fact's name and values in Swedish are the output's to say (diffwords.DiffWords): its names
            # and words for facts are the report's
            out.append(_said(Difference("fact", (), (), name, va, vb, a_basis=ba, b_basis=bb),
                             clause("fact", fact=name.replace("_", " "),
                                    va=_fact_said(facts_a.get(name), va) or _word("not_stated"),
                                    vb=_fact_said(facts_b.get(name), vb) or _word("not_stated"),
                                    ma=_marked(ba), mb=_marked(bb))))
    return out


def _fact_said(fact: Any, english: str) -> Said:
    """A fact's text in (English, Swedish): in Swedish as its ``names: {sv: ...}`` say it ("arbetsutskottet
    eller ordföranden", not the value "working committee or chair"); one text when the two are the same."""
    swedish = fact_text(fact, "sv")
    return english if swedish == english else (english, swedish)


def _meaning(lex: Lexicon, fact: Any) -> object:
    """``fact_meaning``, remembered in the lexicon's memo for this very fact object (an N-way
    run compares each model's facts in each of its pairs); the memo holds the fact, so its id
    is not reused while it is there."""
    key = ("fact", id(fact))
    found = lex._memo.get(key)
    if found is None or found[0] is not fact:  # type: ignore[index]
        found = lex._memo[key] = (fact, fact_meaning(lex, fact))
    return found[1]  # type: ignore[index]


def fact_meaning(lex: Lexicon, fact: Any) -> object:
    """What a fact says, for comparing by meaning: texts as their sorted terms, lists as
    sets of those, mappings by their non-provenance fields; other values as text."""
    if isinstance(fact, Mapping):
        return tuple(
            sorted((str(k), repr(fact_meaning(lex, v))) for k, v in fact.items()
                   if str(k) not in PROVENANCE_KEYS | FACT_WORD_KEYS)
        )
    if isinstance(fact, str):
        return ("text", lex.terms(fact))
    if isinstance(fact, (list, tuple)):
        return ("set", tuple(sorted({repr(fact_meaning(lex, v)) for v in fact})))
    return ("value", _text(fact))


#: the languages a fact's field may be written in (``extension: {en: ..., sv: ...}``)
FIELD_LANGUAGES = ("en", "sv")


def _field_in(value: Any, lang: str | None) -> Any:
    """A fact's field as said in ``lang`` when it is written per language (``{en: ..., sv: ...}``), in English
    without ``lang``; any other value as it is."""
    if isinstance(value, Mapping) and value and set(value) <= set(FIELD_LANGUAGES):
        return value.get(lang or "en") or value.get("en") or next(iter(value.values()))
    return value


def fact_text(fact: Any, lang: str | None = None) -> str:
    """A fact as one line of text: its value, then its other non-provenance fields; with ``lang``, the value
    as its ``names:`` say it in that language (the value as written when they do not), and a field written per
    language (``extension: {en: ..., sv: ...}``) in that language (in English without ``lang``).

    >>> fact_text({"value": 11700, "unit": "kr", "year": 2017, "source": "https://..."})
    '11700 kr (year: 2017)'
    >>> body = {"value": "Socialnämnden", "names": {"en": "Social services committee (Socialnämnden)"}}
    >>> fact_text(body), fact_text(body, "en"), fact_text(body, "sv")
    ('Socialnämnden', 'Social services committee (Socialnämnden)', 'Socialnämnden')
    >>> rule = {"value": 4, "unit": "months", "extension": {"en": "once", "sv": "en gång"}}
    >>> fact_text(rule), fact_text(rule, "sv")
    ('4 months (extension: once)', '4 months (extension: en gång)')
    """
    if fact is None:
        return ""
    if not isinstance(fact, Mapping):
        return _text(fact)
    names = fact.get("names")
    said = names.get(lang) if lang and isinstance(names, Mapping) else None
    value = _text(fact.get("value", "") if said is None else said)
    unit = fact.get("unit")
    head = f"{value} {unit}" if unit not in (None, "") and value not in ("", "unknown") else value
    rest = [
        f"{k}: {_text(_field_in(v, lang))}"
        for k, v in fact.items()
        if k not in ("value", "unit") and str(k) not in PROVENANCE_KEYS | FACT_WORD_KEYS
    ]
    return head + (f" ({'; '.join(rest)})" if rest else "")
