"""Compare several models at once: similarity matrix, common core, variation points, facts.

Every pair of models is diffed (core.diff_prepared, one shared lexicon over all
labels). Matched steps are then joined across models into *clusters* (connected
components of the match graph: a step of Helsingborg matched to one of Åstorp and that
one to one of Landskrona are one cluster). A cluster with a step in every model is part
of the **common core**. **Variation points** are

* ``presence``      a cluster some models have and others lack;
* ``performer``     a cluster whose steps are done by differently named performers;
* ``control_flow``  an order / concurrency / exclusiveness / optionality / loop
  difference of some pair (as in the pairwise diff, named by both models);
* ``attribute``     another attribute difference of some pair (type, timer, loop
  marker, profile parameter).

The **facts table** lists every profile fact side by side.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import combinations

from processes.collector import collector_paused
from processes.diff.core import Compared, diff_prepared, lexicon_for, neither_note
from processes.diff.decidedclasses import decided_classes
from processes.diff.decisions import NO_DECISIONS, MatchDecisions
from processes.diff.differences import FACT_ORDER, fact_text, in_one_unit, parameter_wording, same_performer
from processes.diff.diffwords import sentence
from processes.diff.forkpairs import MIN_PAIRS, run_pairs
from processes.diff.gatewaydiff import BRANCH_ATTRIBUTES
from processes.diff.matchtypes import DEFAULT_OPTIONS, MatchOptions
from processes.diff.nwaycaches import covering, warm_caches, with_kept_relations
from processes.diff.result import Difference, ModelDiff
from processes.diff.synonyms import Synonyms
from processes.diff.text import Lexicon
from processes.diff.thesaurus import NO_THESAURUS, Thesaurus
from processes.diff.view import display_name
from processes.model import FrozenMap
from processes.wording import listed

__all__ = ["Members", "StepCluster", "Variation", "Comparison", "compare_models", "METRICS", "name_sides", "uncertain_elsewhere"]

METRICS = ("node_matching", "structural", "behavioural")
_FLOW_KINDS = frozenset({"order", "concurrency", "exclusiveness", "optionality", "loop"})


#: a step by its ids in each model that has it: model name -> ids
Members = FrozenMap[str, tuple[str, ...]]


@dataclass(frozen=True, slots=True)
class StepCluster:
    """One step as it appears across models: model name -> its element ids there."""

    label: str
    members: FrozenMap[str, tuple[str, ...]]
    performers: FrozenMap[str, str]
    #: a pair the person confirmed (``--matches``) joins steps of this row
    confirmed: bool = False
    #: the labels of the rows a pair the person rejected kept apart from this one (its class split there)
    apart_from: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Variation:
    """Where the models differ. ``values``: model name -> what that model does. ``message``:
    English words. As data, for other words: ``steps``, the labels of the steps it is about;
    ``others``, the steps they are compared with (a relation of control flow); ``aspect``, what
    differs: ``performer``, the control-flow difference's kind (order, concurrency, exclusiveness,
    optionality, loop) or the attribute (``type``, ``timer``, ``loop_marker``, ``profile.<key>``)."""

    kind: str  # presence | performer | control_flow | attribute
    step: str
    values: FrozenMap[str, str]
    message: str
    steps: tuple[str, ...] = ()
    others: tuple[str, ...] = ()
    aspect: str = ""
    #: presence only: model (valued ``uncertain``) -> the label of its step the pairwise diff asks about
    maybe: FrozenMap[str, str] = FrozenMap()
    #: presence only: the rows the person's rejection kept this step apart from (StepCluster.apart_from)
    apart_from: tuple[str, ...] = ()
    #: each of ``steps`` by its ids in each model that has it (its cluster's members, model -> ids), and each of
    #: ``others`` so: two steps of a model named alike ("New employee hired" in three pools of MIWG C.4.0) are
    #: told apart by these (found by QA, qavariation: their sentences read the same)
    step_members: tuple[Members, ...] = ()
    other_members: tuple[Members, ...] = ()
    #: presence only: model (valued ``uncertain``) -> the ids of the step ``maybe`` names there: two steps it
    #: names alike told apart, as ``step_members`` tells this variation's steps
    maybe_ids: FrozenMap[str, tuple[str, ...]] = FrozenMap()


@dataclass(frozen=True, slots=True)
class Comparison:
    names: tuple[str, ...]
    similarity: FrozenMap[str, tuple[tuple[float, ...], ...]]  # metric -> N x N matrix
    clusters: tuple[StepCluster, ...]
    core: tuple[int, ...]  # indexes into clusters
    variations: tuple[Variation, ...]
    facts: tuple[tuple[str, tuple[str, ...]], ...]  # (fact, value per model in ``names`` order)
    pairs: tuple[ModelDiff, ...]  # every pair i < j, in order
    #: remarks on the comparison as a whole: the models read as neither Swedish nor English
    #: (core.neither_note); with ``--lenient``, each repair of a model's read (clicommands/output.py), which
    #: the differences follow (a flow left out changes the order of steps)
    notes: tuple[str, ...] = ()


def compare_models(
    models: Sequence[Compared],
    *,
    synonyms: Synonyms | None = None,
    decisions: MatchDecisions = NO_DECISIONS,
    options: MatchOptions = DEFAULT_OPTIONS,
    thesaurus: Thesaurus = NO_THESAURUS,
    lemmatise: bool = False,
    workers: int = 1,
) -> Comparison:
    """The N-way comparison of ``models`` (prepared with core.prepare); names must differ.
    ``workers`` > 1: the pairwise diffs on that many processes (forkpairs.py; the same result)."""
    names = tuple(m.name for m in models)
    if len(set(names)) != len(names):
        dup = next(n for n in names if names.count(n) > 1)
        raise ValueError(f"model name {dup!r} appears twice (expected distinct names)")
    # the lexicon, the pairs and the variations make many objects and little cyclic garbage: the
    # collections they would trigger free almost nothing but walk everything that exists (the
    # modules, the models); a forked helper walking them would also copy the pages it touches
    with collector_paused():
        return _compared(names, models, synonyms, decisions, options, thesaurus, lemmatise, workers)


def _compared(
    names: tuple[str, ...],
    models: Sequence[Compared],
    synonyms: Synonyms | None,
    decisions: MatchDecisions,
    options: MatchOptions,
    thesaurus: Thesaurus,
    lemmatise: bool,
    workers: int,
) -> Comparison:
    lex = lexicon_for(models, synonyms, thesaurus=thesaurus, lemmatise=lemmatise)
    models = [with_kept_relations(m) for m in models]
    n = len(models)
    matrix = {metric: [[1.0] * n for _ in range(n)] for metric in METRICS}
    indexes = list(combinations(range(n), 2))

    def diff_pair(pair: tuple[int, int]) -> ModelDiff:
        return diff_prepared(models[pair[0]], models[pair[1]], lex, decisions=decisions, options=options)

    if workers > 1 and len(indexes) >= MIN_PAIRS:
        warm_caches(models, lex)
        # pairs that take in every model, here before the rest is forked: what a pair remembers of
        # its models and of the lexicon (terms of parameters and facts, the stage words' index ...)
        # the helpers then inherit instead of working it out again
        early = covering(n)
        done = {k: diff_pair(indexes[k]) for k in early}
        rest = [k for k in range(len(indexes)) if k not in done]
        done.update(zip(rest, run_pairs([indexes[k] for k in rest], diff_pair, workers), strict=True))
        pairs = [done[k] for k in range(len(indexes))]
    else:
        pairs = run_pairs(indexes, diff_pair, workers)
    for (i, j), d in zip(indexes, pairs, strict=True):
        for metric in METRICS:
            value = getattr(d.similarity, metric)
            matrix[metric][i][j] = matrix[metric][j][i] = value
    clusters = _clusters(models, pairs, decisions)
    core = tuple(k for k, c in enumerate(clusters) if len(c.members) == n)
    variations = _presence(clusters, names, pairs) + _performers(clusters, names, lex) + _pairwise(pairs, clusters)
    return Comparison(
        names,
        FrozenMap({m: tuple(tuple(r) for r in matrix[m]) for m in METRICS}),
        clusters,
        core,
        tuple(variations),
        _facts(models),
        tuple(pairs),
        neither_note(models),
    )


def _clusters(
    models: Sequence[Compared], pairs: list[ModelDiff], decisions: MatchDecisions = NO_DECISIONS
) -> tuple[StepCluster, ...]:
    # connected components of the match graph, as the person's decisions allow (decidedclasses.py), over the
    # steps numbered in model, then step order
    steps = [(c.name, s) for c in models for s in c.view.steps]
    number = {step: k for k, step in enumerate(steps)}
    parent = list(range(len(steps)))

    def node(x: tuple[str, str]) -> int:
        k = number.get(x)
        if k is None:  # (an id no view lists: it still joins what it is matched with)
            k = number[x] = len(parent)
            parent.append(k)
        return k

    classes = decided_classes(pairs, decisions, node, parent)
    find = classes.find
    groups: dict[int, list[tuple[str, str]]] = {}
    for k, step in enumerate(steps):  # model order, then step order: clusters come out in the first model's flow order
        groups.setdefault(find(k), []).append(step)
    by_name = {c.name: c for c in models}
    out = []
    at = {root: k for k, root in enumerate(groups)}
    apart: list[list[int]] = []
    for members in groups.values():
        per_model: dict[str, list[str]] = {}
        for model_name, s in members:
            per_model.setdefault(model_name, []).append(s)
        labels = Counter(
            by_name[mn].view.steps[s].name for mn, s in members if by_name[mn].view.steps[s].name
        )
        first = members[0]
        # a cluster no model names is called as the pairwise diff calls it ("unnamed boundary event Timer_1"),
        # not by its bare id
        label = labels.most_common(1)[0][0] if labels else display_name(by_name[first[0]].view.steps[first[1]])
        # a model that has several steps in the cluster (one step drawn as two, a block of remisses)
        # names them all, as the pairwise diff does: "Remiss till Polisen" alone would read as a
        # step every model has, and the model's other steps would vanish from the common core
        owner, owned = next(
            ((mn, ids) for mn, ids in per_model.items() if any(by_name[mn].view.steps[s].name == label for s in ids)),
            ("", []),
        )
        if len(owned) > 1:
            label = " + ".join(display_name(by_name[owner].view.steps[s]) for s in owned)
        performers = {
            mn: " / ".join(dict.fromkeys(by_name[mn].view.steps[s].performer for s in ids))
            for mn, ids in per_model.items()
        }
        nodes = [number[step] for step in members]
        apart.append(sorted({at[find(o)] for n in nodes for o in classes.apart.get(n, ()) if find(o) in at}))
        out.append(
            StepCluster(label, FrozenMap({k: tuple(v) for k, v in per_model.items()}), FrozenMap(performers),
                        any(n in classes.confirmed for n in nodes))
        )
    # the rows a rejection kept apart, by label (known once every row is named)
    return tuple(replace(c, apart_from=tuple(out[k].label for k in far)) if far else c
                 for c, far in zip(out, apart, strict=True))


#: a step the pairwise diff asks about as a partner: its label and its ids in its model
Asked = tuple[str, tuple[str, ...]]


def _maybe_partners(pairs: list[ModelDiff]) -> dict[tuple[str, str], dict[str, list[Asked]]]:
    """(model, step id) -> other model -> the steps there (label, ids) the pairwise diff asks about as its
    partner (the uncertain tier, both ways), best first, one per label."""
    out: dict[tuple[str, str], dict[str, list[Asked]]] = {}

    def add(model: str, step: str, other: str, label: str, ids: tuple[str, ...]) -> None:
        asked = out.setdefault((model, step), {}).setdefault(other, [])
        if label and all(label != said for said, _ in asked):
            asked.append((label, ids))

    for d in pairs:
        for u in d.uncertain:
            for cand in u.candidates:
                if u.side == "a":
                    add(d.a.name, u.step, d.b.name, d.label_b(cand.ids), cand.ids)
                    for other in cand.ids:
                        add(d.b.name, other, d.a.name, d.label_a((u.step,)), (u.step,))
                else:
                    add(d.b.name, u.step, d.a.name, d.label_a(cand.ids), cand.ids)
                    for other in cand.ids:
                        add(d.a.name, other, d.b.name, d.label_b((u.step,)), (u.step,))
    return out


def _hints(c: StepCluster, names: tuple[str, ...], maybe: dict[tuple[str, str], dict[str, list[Asked]]]
           ) -> dict[str, list[tuple[str, tuple[str, ...]]]]:
    """The label a model that lacks ``c`` is asked about first -> the models where it is asked about, each
    with the ids of the step asked about there."""
    hints: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
    for other in (n for n in names if n not in c.members):
        asked = [found for model in names if model in c.members for step in c.members[model]
                 for found in maybe.get((model, step), {}).get(other, [])]
        if asked:
            label, ids = asked[0]
            hints.setdefault(label, []).append((other, ids))
    return hints


def uncertain_elsewhere(comparison: Comparison) -> frozenset[int]:
    """The clusters (indexes) not in every model that each model lacking them may still have: the
    pairwise diff there has candidates for them (uncertain), none is absent — coloured as the diff
    page colours an uncertain step, not as one only in some models."""
    maybe = _maybe_partners(list(comparison.pairs))
    names = comparison.names
    return frozenset(
        k for k, c in enumerate(comparison.clusters)
        if len(c.members) < len(names)
        and sum(len(where) for where in _hints(c, names, maybe).values()) == len(names) - len(c.members)
    )


def _presence(clusters: tuple[StepCluster, ...], names: tuple[str, ...], pairs: list[ModelDiff]) -> list[Variation]:
    maybe = _maybe_partners(pairs)
    out = []
    for c in clusters:
        if len(c.members) == len(names):
            continue
        have = [n for n in names if n in c.members]
        lack = [n for n in names if n not in c.members]
        # a model the step is "not in" may draw it in words the matcher only asks about: say so, as the
        # pairwise diff does, rather than claim it absent
        hints = _hints(c, names, maybe)  # the label asked about first -> the models that have it
        said = "; ".join(f'maybe "{label}" in {", ".join(n for n, _ in where)}'
                         for label, where in hints.items())
        uncertain = f" (uncertain: {said})" if hints else ""
        if c.apart_from:  # the person's rejection split this step's correspondence: say so, not only "absent"
            apart = listed([f'"{a}"' for a in c.apart_from])
            uncertain += f" (kept apart from {apart} by the person's decision: a rejected pair)"
        asked_in = {other: (label, ids) for label, where in hints.items() for other, ids in where}
        out.append(
            Variation(
                "presence",
                c.label,
                FrozenMap({n: "present" if n in c.members else "uncertain" if n in asked_in else "absent"
                           for n in names}),
                f'"{c.label}" is in {", ".join(have)}; not in {", ".join(lack)}{uncertain}.',
                steps=(c.label,),
                maybe=FrozenMap({n: asked_in[n][0] for n in names if n in asked_in}),
                apart_from=c.apart_from,
                step_members=(c.members,),
                maybe_ids=FrozenMap({n: asked_in[n][1] for n in names if n in asked_in}),
            )
        )
    return out


def _performers(clusters: tuple[StepCluster, ...], names: tuple[str, ...], lex: Lexicon) -> list[Variation]:
    """One variation per pattern of performers: steps done by the same differing set of
    performers (model -> performer) are listed together."""
    patterns: dict[tuple[tuple[str, str], ...], list[StepCluster]] = {}
    for c in clusters:
        values = [p for p in c.performers.values() if p]
        if len(values) < 2 or all(same_performer(lex, values[0], v) for v in values[1:]):
            continue
        key = tuple((n, c.performers[n]) for n in names if n in c.performers)
        patterns.setdefault(key, []).append(c)
    out = []
    for key, done in patterns.items():
        labels = [c.label for c in done]
        who = "; ".join(f"{n}: {p or 'unknown'}" for n, p in key)
        steps = ", ".join(f'"{label}"' for label in labels)
        step = labels[0] if len(labels) == 1 else f"{labels[0]} (+{len(labels) - 1} more)"
        out.append(
            Variation(
                "performer", step, FrozenMap(dict(key)), f"Done by — {who}: {steps}.", tuple(labels), (), "performer",
                step_members=tuple(c.members for c in done),
            )
        )
    return out


_RELATIONS = frozenset({"order", "concurrency", "exclusiveness"})


def _pairwise(pairs: list[ModelDiff], clusters: tuple[StepCluster, ...]) -> list[Variation]:
    """Control-flow and attribute differences of every pair, one variation per step
    (cluster) and what differs about it — its relation to the same other steps, its
    optionality, its loop, or one attribute — with every model's value that some pair
    revealed (a model without the steps concerned has none)."""
    cluster_of = {(n, s): k for k, c in enumerate(clusters) for n, ids in c.members.items() for s in ids}
    found: dict[tuple[object, ...], tuple[dict[str, str], ModelDiff, Difference]] = {}
    for d in pairs:
        for x in d.differences:
            if x.kind in _FLOW_KINDS:
                kind = "control_flow"
            elif x.kind == "attribute" and x.attribute != "performer":
                kind = "attribute"
            else:
                continue
            if x.a:
                step = cluster_of.get((d.a.name, x.a[0]))
                others = frozenset(cluster_of.get((d.a.name, s)) for s in x.a[1:])
            else:
                step = cluster_of.get((d.b.name, x.b[0]))
                others = frozenset(cluster_of.get((d.b.name, s)) for s in x.b[1:])
            what = "relation" if x.kind in _RELATIONS else x.kind
            key = (kind, step, what, x.attribute if kind == "attribute" else "", others)
            values, _, _ = found.setdefault(key, ({}, d, x))
            values.setdefault(d.a.name, x.a_value)
            values.setdefault(d.b.name, x.b_value)
    out = []
    for (variation_kind, _, _, _, _), (values, d, x) in found.items():
        if x.attribute.startswith("profile."):  # each pair chose its unit: one for all the models
            x, values = _in_one_unit_across(x, values, d)
        by_value: dict[str, list[str]] = {}
        for name in (n for n in _model_order(pairs) if n in values):
            by_value.setdefault(values[name], []).append(name)
        side_a = by_value.pop(x.a_value, [])
        # equal shown values (a difference the values do not tell, e.g. a relation): the pair's own sides
        side_b = by_value.pop(x.b_value, []) or [n for n in (d.b.name,) if n not in side_a] or [d.b.name]
        side_a = [n for n in side_a if n not in side_b] or [d.a.name]
        # a choice's branch is said in words (its flow's label), not by the flow id its JSON message keeps:
        # the models name their flows differently, and the variation is one across them
        said = sentence(x.wording, "en") if x.attribute in BRANCH_ATTRIBUTES and x.wording else x.message
        text = name_sides(said, listed(side_a), listed(side_b))
        if by_value:  # a third (or fourth) way of doing it
            text = (
                text.rstrip(".")
                + "; "
                + "; ".join(f"{v or 'not set'} in {listed(ns)}" for v, ns in by_value.items())
                + "."
            )
        step_label = d.label_a(x.a[:1]) or d.label_b(x.b[:1])
        ordered = {n: values[n] for n in _model_order(pairs) if n in values}
        ids, label = (x.a, d.label_a) if x.a else (x.b, d.label_b)
        model = d.a.name if x.a else d.b.name
        cut = x.subject or 1
        subject = ids[:cut] if variation_kind == "control_flow" else ids[:1]
        compared_ids = ids[cut:] if variation_kind == "control_flow" else ()
        if x.attribute in BRANCH_ATTRIBUTES:  # a choice's branch: the steps it leads to (gatewaydiff's ids)
            compared_ids = ids[3:]
        steps = tuple(label((i,)) for i in subject) if variation_kind == "control_flow" else (step_label,)
        compared = tuple(label((i,)) for i in compared_ids)
        out.append(
            Variation(str(variation_kind), step_label, FrozenMap(ordered), text, steps, compared, x.attribute,
                      step_members=tuple(_members(clusters, cluster_of, model, i) for i in subject),
                      other_members=tuple(_members(clusters, cluster_of, model, i) for i in compared_ids))
        )
    return out


def _members(clusters: tuple[StepCluster, ...], cluster_of: dict[tuple[str, str], int], model: str,
             step: str) -> Members:
    """Step ``step`` of ``model`` by its ids in every model: its cluster's members (itself alone without one)."""
    k = cluster_of.get((model, step))
    return clusters[k].members if k is not None else FrozenMap({model: (step,)})


def _model_order(pairs: list[ModelDiff]) -> list[str]:
    return list(dict.fromkeys(n for d in pairs for n in (d.a.name, d.b.name)))


def _in_one_unit_across(x: Difference, values: dict[str, str], d: ModelDiff) -> tuple[Difference, dict[str, str]]:
    """A time parameter's values of all the models in one unit (``x``: the difference of pair ``d`` it was
    first seen in, its values and words in that unit too)."""
    key = x.attribute.removeprefix("profile.")
    texts = in_one_unit(key, values.values())
    if texts == tuple(values.values()) or f": {key} is " not in x.message:
        return x, values
    values = dict(zip(values, texts, strict=True))
    va, vb = values[d.a.name], values[d.b.name]
    name = x.message[: x.message.index(f": {key} is ")]
    wording = parameter_wording(name, key, va, vb, x.a_basis, x.b_basis)
    return replace(x, a_value=va, b_value=vb, message=sentence(wording, "en"), wording=wording), values


def name_sides(message: str, a_name: str, b_name: str) -> str:
    """A difference message with "in A" / "in B" replaced by the models' names, in one pass: a name
    that reads "in B..." itself (model "B.2.0" against "B.2.0-roundtrip") is not replaced again.

    >>> name_sides("Task 1 is only in A.", "B.2.0", "B.2.0-roundtrip")
    'Task 1 is only in B.2.0.'
    """
    names = {"A": a_name, "B": b_name}
    return _SIDE.sub(lambda m: f"{m.group(1)} {names[m.group(2)]}", message)


_SIDE = re.compile(r"\b([Ii]n) ([AB])\b")


def _facts(models: Sequence[Compared]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    present = {k for c in models for k in c.facts}
    names = [k for k in FACT_ORDER if k in present] + sorted(present - set(FACT_ORDER))
    return tuple((k, tuple(fact_text(c.facts.get(k)) for c in models)) for k in names)
