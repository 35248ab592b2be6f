"""Compare two models: match their steps, list the differences, score the similarity.

>>> from processes.model import Definitions, Process, Task, FrozenMap
>>> def one(tid, name):
...     return Definitions(processes=(Process(id="P", nodes=FrozenMap({tid: Task(id=tid, name=name)})),))
>>> d = diff_models(one("T1", "Skicka remisser"), one("X9", "Skickar remiss"), a_name="A", b_name="B")
>>> [(m.a, m.b) for m in d.matches], d.differences
([(('T1',), ('X9',))], ())
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from processes.collector import collector_paused
from processes.diff.decisions import NO_DECISIONS, Decision, MatchDecisions, written_decision
from processes.diff.differences import fact_differences, step_differences, untyped_tasks_note
from processes.diff.flowdiff import flow_differences
from processes.diff.gatewaydiff import gateway_differences
from processes.diff.language import DETECTED, OTHER, detect_language, lemmatiser_available
from processes.diff.matchtypes import DEFAULT_OPTIONS, Match, Matching, MatchOptions
from processes.diff.pairing import match_steps
from processes.diff.relations import Profile, behavioural_profile
from processes.diff.result import ModelDiff, ModelSummary
from processes.diff.similarity import DEFAULT_WEIGHTS, StructuralWeights, similarity
from processes.diff.synonyms import Synonyms, builtin_synonyms
from processes.diff.text import Lexicon
from processes.diff.thesaurus import NO_THESAURUS, Thesaurus
from processes.diff.view import ModelView, build_view
from processes.extras import install_hint
from processes.model import Definitions
from processes.wording import listed

__all__ = ["Compared", "prepare", "diff_models", "diff_prepared", "lexicon_for", "profile_inputs",
           "neither_note"]


@dataclass(frozen=True, slots=True)
class Compared:
    """A model ready for comparison: its view, behavioural profile, facts and parameters.

    ``facts``: profile.yaml ``facts:`` (fact name -> value mapping); ``params``:
    element id -> that element's profile parameters (plain dicts); ``language``: the
    language of its labels (``sv``, ``en``, or ``other``: neither, read by spelling alone).
    """

    name: str
    view: ModelView
    profile: Profile
    facts: Mapping[str, Any] = field(default_factory=dict)
    params: Mapping[str, Any] = field(default_factory=dict)
    language: str = "sv"


def prepare(
    defs: Definitions,
    name: str,
    *,
    facts: Mapping[str, Any] | None = None,
    params: Mapping[str, Any] | None = None,
    language: str = "auto",
) -> Compared:
    """Build the view and behavioural profile of ``defs`` once (reused in N-way runs).

    ``language``: ``sv``, ``en``, ``other`` or ``auto`` (detected from the model's labels).
    """
    if language not in (*DETECTED, "auto"):
        raise ValueError(f"language {language!r} (expected {', '.join(DETECTED)} or auto)")
    with collector_paused():  # the view and the relations: many objects, little cyclic garbage
        view = build_view(defs, name)
        lang = language if language != "auto" else detect_language(s.name for s in view.steps.values())
        return Compared(
            name, view, behavioural_profile(defs, view), dict(facts or {}), dict(params or {}), lang
        )


def profile_inputs(raw_profile: Mapping[str, Any] | None) -> tuple[dict[str, Any], dict[str, Any]]:
    """(facts, element params) from a profile.yaml document read as plain data.

    The decision settings (``simulation.decision``: delegation and the deciding element)
    are added to the deciding element's parameters as ``delegation``, so moving a
    decision from committee to officer shows as a parameter of the decision step.
    """
    if not raw_profile:
        return {}, {}
    facts = dict(raw_profile.get("facts") or {})
    sim = raw_profile.get("simulation") or {}
    params: dict[str, Any] = {
        k: dict(v) if isinstance(v, Mapping) else v for k, v in (sim.get("elements") or {}).items()
    }
    decision = sim.get("decision") or {}
    element = decision.get("element")
    if element and "delegation" in decision:
        entry = params.setdefault(element, {})
        if isinstance(entry, dict):
            entry["delegation"] = decision["delegation"]
            for key in ("source", "assumption"):  # what the delegation rests on, unless the step says
                if decision.get(key) and not entry.get(key):
                    entry[key] = decision[key]
    return facts, params


def lexicon_for(
    models: Iterable[Compared],
    synonyms: Synonyms | None = None,
    *,
    thesaurus: Thesaurus = NO_THESAURUS,
    lemmatise: bool = False,
) -> Lexicon:
    """One lexicon over every label (steps and performers) of ``models``; its default
    language is the first model's (each model's own language is used for its labels)."""
    models = list(models)
    labels = []
    for c in models:
        for s in c.view.steps.values():
            labels.append(s.name)
            labels.append(s.performer)
    return Lexicon.build(
        synonyms if synonyms is not None else builtin_synonyms(),
        labels,
        language=models[0].language if models else "sv",
        thesaurus=thesaurus,
        lemmatise=lemmatise,
    )


def diff_prepared(
    a: Compared,
    b: Compared,
    lex: Lexicon,
    *,
    decisions: MatchDecisions = NO_DECISIONS,
    options: MatchOptions = DEFAULT_OPTIONS,
    weights: StructuralWeights = DEFAULT_WEIGHTS,
) -> ModelDiff:
    """Compare two prepared models with a given lexicon (see ``diff_models``)."""
    confirmed, rejected, unused = decisions.for_pair(
        a.name, frozenset(a.view.steps), b.name, frozenset(b.view.steps)
    )
    matching = _matching(a, b, lex, options, confirmed, rejected)
    matches = matching.matches
    # a side without a profile says nothing about parameters or facts: comparing would
    # report every value of the other side as "not set"
    with_params = bool(a.params) and bool(b.params)
    with_facts = bool(a.facts) and bool(b.facts)
    uncertain_ids = {("a" if u.side == "a" else "b", u.step) for u in matching.uncertain}
    differences = step_differences(
        a.view,
        b.view,
        matches,
        lex,
        a.params if with_params else {},
        b.params if with_params else {},
        uncertain=uncertain_ids,
    )
    branches, branch_notes = gateway_differences(a.view, b.view, matches, a.params, b.params) if with_params \
        else ([], [])
    differences += branches
    differences += flow_differences(a.view, b.view, a.profile, b.profile, matches)
    if with_facts:
        differences += fact_differences(a.facts, b.facts, lex)
    notes = matching.notes + tuple(branch_notes) + _unused_notes(unused, a.name, b.name) \
        + _decision_conflicts(confirmed, rejected)
    untyped = untyped_tasks_note(a.view, b.view, matches, a.name, b.name)
    notes += (untyped,) if untyped else ()
    for what, known, has_a, has_b in (
        # in plain words, as the decision sentences say it ("who decides", not the code's "delegation": qanumbers)
        ("profile parameters (durations, delays, who decides ...)", with_params, a.params, b.params),
        ("profile facts", with_facts, a.facts, b.facts),
    ):
        if not known and (has_a or has_b):
            missing = b.name if has_a else a.name
            notes += (f"{missing} has no {what}; they are not compared",)
    notes += neither_note((a, b))
    return ModelDiff(
        ModelSummary(a.name, a.view.steps),
        ModelSummary(b.name, b.view.steps),
        matches,
        tuple(differences),
        similarity(a.view, b.view, a.profile, b.profile, matches, weights),
        notes,
        matching.uncertain,
        tuple(dict.fromkeys((d.a, d.b) for d in rejected)),
    )


def _matching(
    a: Compared,
    b: Compared,
    lex: Lexicon,
    options: MatchOptions,
    confirmed: tuple[Decision, ...],
    rejected: tuple[Decision, ...],
) -> Matching:
    """The three tiers of ``a`` and ``b`` with the user's decisions. Confirming what the matcher
    finds by itself is a fixed point: when every confirmed pair is a correspondence the matcher
    makes without confirmations (the same steps on each side, with the same rejections), the
    result is that matcher's, each confirmed pair with ``how`` "confirmed" and the confidence and
    label similarity the matcher gave it; the uncertain tier, the "only in" lists and every score
    stay as they were (a confirmed pair seeded with confidence 1 made the uncertain tier drop
    candidates matched elsewhere, and later passes paired what was left). Otherwise the confirmed
    pairs are seeded before the matcher runs (matching.match_dense): one the matcher also finds
    keeps its confidence and label similarity, one it does not find has confidence 1 and the
    label it was given (one step's, or the pooled labels of both sides)."""
    found = match_steps(a.view, b.view, lex, options=options, rejected=rejected, lang_a=a.language, lang_b=b.language)
    if not confirmed:
        return found
    by_steps = {(frozenset(m.a), frozenset(m.b)): m for m in found.matches}
    wanted = {(frozenset(d.a), frozenset(d.b)) for d in confirmed}
    if wanted <= set(by_steps):
        return replace(
            found,
            matches=tuple(
                replace(m, how="confirmed") if (frozenset(m.a), frozenset(m.b)) in wanted else m for m in found.matches
            ),
        )
    seeded = match_steps(
        a.view,
        b.view,
        lex,
        options=options,
        confirmed=confirmed,
        rejected=rejected,
        lang_a=a.language,
        lang_b=b.language,
    )

    def kept(m: Match) -> Match:
        same = by_steps.get((frozenset(m.a), frozenset(m.b)))
        return replace(m, confidence=same.confidence, label=same.label) if m.how == "confirmed" and same else m

    return replace(seeded, matches=tuple(kept(m) for m in seeded.matches))


def neither_note(models: Sequence[Compared]) -> tuple[str, ...]:
    """Once, the models whose labels were read as neither Swedish nor English, and what that means: without
    it a German model's steps found "only in" one model would look like the models differing, not like a
    matcher with no rules for the language."""
    neither = list(dict.fromkeys(m.name for m in models if m.language == OTHER))
    if not neither:
        return ()
    return (f"the names in {listed(neither)} do not look like Swedish or English, so they are compared by "
            "spelling alone: small words and word endings are not recognised (give --language sv or en to read "
            "them as Swedish or English)",)


def _unused_notes(unused: Sequence[Decision], a_name: str, b_name: str) -> tuple[str, ...]:
    """One note per unused match decision (:func:`_unused_note`), except that the decisions scoped to one
    other pair of model names get one note together: a whole file saved before a model file was renamed
    (49 pairs) is one line that says how to use it here, not 49."""
    elsewhere: dict[tuple[str, ...], list[Decision]] = {}
    for d in unused:
        if d.models and sorted(d.models) != sorted((a_name, b_name)):
            elsewhere.setdefault(tuple(d.models), []).append(d)
    out = []
    for d in unused:
        group = elsewhere.get(tuple(d.models), []) if d.models else []
        if len(group) < 2:
            out.append(_unused_note(d, a_name, b_name))
        elif d is group[0]:
            lines = [x.line for x in group if x.line]
            where = f" (between lines {min(lines)} and {max(lines)})" if len(lines) == len(group) else ""
            out.append(
                f"{len(group)} match decisions{where} are for {' vs '.join(d.models)}, not {a_name} vs {b_name}; "
                f"not used (to use them here, write models: {json.dumps([a_name, b_name], ensure_ascii=False)} "
                "in them, the names as on the command line, or leave models out)"
            )
    return tuple(out)


def _unused_note(d: Decision, a_name: str, b_name: str) -> str:
    """Why a match decision is not used for A vs B: it is scoped to two other model names (a
    file saved before a model file was renamed says so, not that its ids are missing), or its
    ids are not steps of these two models."""
    line = f" (line {d.line})" if d.line else ""
    if d.models and sorted(d.models) != sorted((a_name, b_name)):
        named = f"match decision {written_decision(replace(d, models=()))}{line}"  # its models said next
        return (
            f"{named} is for {' vs '.join(d.models)}, not {a_name} vs {b_name}; not used (to use it here, "
            f"write models: {json.dumps([a_name, b_name], ensure_ascii=False)} in it, the names as on the command line, or "
            "leave models out)"
        )
    return f"match decision {written_decision(d)}{line} names elements not in these two models; not used"


def _decision_conflicts(confirmed: Sequence[Decision], rejected: Sequence[Decision]) -> tuple[str, ...]:
    """Notes on confirmed pairs the matcher cannot apply as written (it applies them in file order,
    each step in one confirmed pair): one whose step an earlier confirmed pair already holds, and
    one also rejected (the confirmation is used). The same pair written twice is no conflict."""
    out: list[str] = []
    taken_a: dict[str, Decision] = {}
    taken_b: dict[str, Decision] = {}
    applied: set[tuple[frozenset[str], frozenset[str]]] = set()
    refused = {(frozenset(d.a), frozenset(d.b)) for d in rejected}

    def named(d: Decision) -> str:
        return f"match decision {written_decision(replace(d, models=()))}" + (f" (line {d.line})" if d.line else "")

    for d in confirmed:
        key = (frozenset(d.a), frozenset(d.b))
        if key in applied:
            continue
        earlier = next((taken_a[x] for x in d.a if x in taken_a), None) or next(
            (taken_b[y] for y in d.b if y in taken_b), None
        )
        if earlier is not None:
            out.append(f"{named(d)} shares a step with the confirmed pair {written_decision(replace(earlier, models=()))}"
                       "; not used (confirm one step drawn as two with a list: b: [X, Y])")
            continue
        applied.add(key)
        taken_a.update((x, d) for x in d.a)
        taken_b.update((y, d) for y in d.b)
        if key in refused:
            out.append(f"{named(d)} is confirmed and also rejected; the confirmation is used")
    return tuple(out)


def diff_models(
    a: Definitions,
    b: Definitions,
    *,
    a_name: str = "A",
    b_name: str = "B",
    synonyms: Synonyms | None = None,
    decisions: MatchDecisions = NO_DECISIONS,
    facts_a: Mapping[str, Any] | None = None,
    facts_b: Mapping[str, Any] | None = None,
    params_a: Mapping[str, Any] | None = None,
    params_b: Mapping[str, Any] | None = None,
    options: MatchOptions = DEFAULT_OPTIONS,
    weights: StructuralWeights = DEFAULT_WEIGHTS,
    language: str = "auto",
    thesaurus: Thesaurus = NO_THESAURUS,
    lemmatise: bool = False,
) -> ModelDiff:
    """Model A against model B: matches, uncertain steps, differences (steps, attributes,
    control flow, facts) and the three similarity scores.

    ``synonyms`` defaults to the built-in list (merge a user's list with
    ``builtin_synonyms().merged(user)``); ``facts_*`` / ``params_*`` are the profiles'
    facts and per-element parameters as plain dicts (``profile_inputs``); ``language``
    is ``sv``, ``en``, ``other`` or ``auto`` (detected per model); ``thesaurus`` adds synonyms
    beyond the domain list (``bpmn_io.lexical.system_thesaurus``); ``lemmatise=True`` adds
    dictionary lemmas (simplemma, the optional extra ``permitflow[lemmas]``) before the
    roots — it costs about 1.5 s and 100 MB for Swedish and changed little on the
    benchmarks (bench/RESULTS-matching.md), so it is off by default.
    """
    ca = prepare(a, a_name, facts=facts_a, params=params_a, language=language)
    cb = prepare(b, b_name, facts=facts_b, params=params_b, language=language)
    lex = lexicon_for((ca, cb), synonyms, thesaurus=thesaurus, lemmatise=lemmatise)
    diff = diff_prepared(ca, cb, lex, decisions=decisions, options=options, weights=weights)
    if lemmatise and not lemmatiser_available():
        note = f"lemmas were asked for but simplemma is not installed ({install_hint('lemmas')}): labels were compared by their roots"
        diff = replace(diff, notes=diff.notes + (note,))
    return diff
