"""Step-level differences: presence, splits, attributes (type, timer, loop, profile parameters),
performers; and, from the modules they were split into, the fact-level differences (factdiff.py),
values in one form (canonicalvalues.py) and a parameter difference's words (parameterwords.py), whose
names stay importable from here.

Control-flow differences are in flowdiff.py. All inputs are plain data; profile facts
and per-element profile parameters come in as dicts (as read from profile.yaml).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from processes.diff.canonicalvalues import (
    PROVENANCE_KEYS,
    alike_shapes,
    canonical_params,
    canonical_timer,
    flatten,
    in_one_unit,
    provenance_basis,
)
from processes.diff.diffwords import WORDS, Said, clause, joined, loop_words, sentence
from processes.diff.factdiff import FACT_ORDER, FACT_WORD_KEYS, fact_differences, fact_meaning, fact_text
from processes.diff.labelsim import label_similarity
from processes.diff.matchtypes import Match
from processes.diff.parameterwords import (
    ATTRIBUTE_KEY,
    FLOW_KEYS,
    level_words,
    parameter_message,
    parameter_wording,
    with_wording,
    word,
)
from processes.diff.result import Difference
from processes.diff.text import Lexicon
from processes.diff.view import ModelView, Step, quoted_names
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
    # re-exported for their importers (report/, formats.py): defined in factdiff.py and parameterwords.py
    "fact_text",
    "FLOW_KEYS",
    "ATTRIBUTE_KEY",
]

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
            out.append(with_wording(Difference("only_in_a", (x_id,), ()), clause("only_in_a", step=_q(x))))
            continue
        m = by_first_a.get(x_id)
        if m is None:
            continue
        if len(m.b) > 1 and len(m.a) == 1:
            out.append(with_wording(Difference("split", m.a, m.b),
                                    clause("split", step=_q(x), parts=_qs(b, m.b))))
        elif len(m.a) > 1 and len(m.b) == 1:
            out.append(with_wording(Difference("merged", m.a, m.b),
                                    clause("merged", steps=_qs(a, m.a), parts=_qs(b, m.b))))
        elif len(m.a) > 1 and len(m.b) > 1:  # block to block: one part of the work, drawn differently
            kind = "split" if len(m.b) > len(m.a) else "merged"
            out.append(with_wording(Difference(kind, m.a, m.b),
                                    clause("drawn_as", steps=_qs(a, m.a), parts=_qs(b, m.b))))
        out.extend(_attributes(a, b, m, lex, params_a, params_b))
    out.extend(_performers(a, b, matches, lex))
    for y_id, y in b.steps.items():
        if y_id not in matched_b and ("b", y_id) not in uncertain:
            out.append(with_wording(Difference("only_in_b", (), (y_id,)), clause("only_in_b", step=_q(y))))
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
        out.append(with_wording(
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
        out.append(with_wording(Difference("attribute", m.a, m.b, "type", ta[0], tb[0]),
                                clause("type", step=name, va=ta, vb=tb)))
    if one_to_one and canonical_timer(x.timer) != canonical_timer(y.timer):
        out.append(with_wording(Difference("attribute", m.a, m.b, "timer", x.timer, y.timer),
                                clause("timer", step=name, va=x.timer or word("none"),
                                       vb=y.timer or word("none"))))
    if one_to_one and x.loop != y.loop:
        out.append(with_wording(Difference("attribute", m.a, m.b, "loop_marker", x.loop, y.loop),
                                clause("loop_marker", step=name, va=loop_words(x.loop), vb=loop_words(y.loop))))
    if one_to_one:
        fa_params, ba = _flat_params(lex, params_a.get(x.id))
        fb_params, bb = _flat_params(lex, params_b.get(y.id))
        fa_params, fb_params = alike_shapes(fa_params, fb_params)
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


