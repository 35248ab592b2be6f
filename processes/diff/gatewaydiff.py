"""A choice's branches compared: what each profile gives a matched gateway's branches.

A gateway is no step (view.py), so the step-by-step parameter comparison (differences.py) never sees the
probabilities and conditions a profile's ``simulation.elements`` gives it. Here two gateways are one choice
when they sit between matched steps alike: some step right before the one (only gateways between) is matched
one to one with a step right before the other, and their branches lead to matched steps — each branch to
the steps it reaches through gateways only, the other gateway's branch to those steps' partners, no branch
left over on either side. A branch is then known by the matched steps it leads to, and its probability (as
per cent) and its condition are compared branch by branch. Equal forms are no difference: ``0.4`` and
``0.40``; a flow an exclusive gateway's ``probabilities:`` does not list is taken with probability 0 (the
simulator's reading, simulator/tables.py), so an explicit 0 says the same. A gateway whose branches cannot
be told apart this way is not compared (a note says so when the other model has a choice after the same
step that could have been it); neither is a gateway whose profile names flows that are not its branches (a
profile written for another drawing: its values say nothing of these branches, and a flow it leaves out is
not one it gives 0); a note says so.

An inclusive gateway's probability over a set of flows taken together (``A+B``) is compared like a single
flow's, the set known by its flows' partners; a set only one model lists is said as "not one of its
combinations (0%)" in the other (the simulator never takes a set its profile does not list).

A branch without a condition that is its gateway's default flow (BPMN ``default=``) is taken when no other
branch's condition holds: it is said as that ("otherwise (the default flow)"), not as "not set". Against a
condition in the other model it is no difference when that condition holds exactly when none of the other
branches' conditions does, in its own model or in the default's (complement.py proves it, or says it cannot);
else a difference of kind, the condition against the default.

Each difference is the ``attribute`` kind with ``profile.probabilities`` or ``profile.conditions`` and the ids
(step before, gateway, flow, the steps the branch leads to) on each side (docs/diff-schema.md).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from processes.diff.complement import is_complement
from processes.diff.differences import parameter_wording, provenance_basis
from processes.diff.diffwords import WORDS, Said, display_name, sentence, word
from processes.diff.matchtypes import Match
from processes.diff.result import Difference
from processes.diff.view import ROOT, ModelView
from processes.diff.wordtable import NOT_GIVEN

__all__ = ["gateway_differences", "BRANCH_ATTRIBUTES"]

#: the attributes of a branch's difference: the parameter it compares, with no flow id in the key (the two
#: models name their flows differently; the ids are in the difference's ``a`` and ``b``)
BRANCH_ATTRIBUTES = ("profile.probabilities", "profile.conditions")


@dataclass(frozen=True, slots=True)
class _Choice:
    gateway: str
    before: tuple[str, ...]  # the steps right before it (only gateways between)
    branches: Mapping[str, tuple[str, ...]]  # flow id -> the steps it leads to (only gateways between)
    default: str = ""  # its default flow (BPMN default=): taken when no other branch's condition holds


def gateway_differences(a: ModelView, b: ModelView, matches: tuple[Match, ...], params_a: Mapping[str, Any],
                        params_b: Mapping[str, Any]) -> tuple[list[Difference], list[str]]:
    """The branch differences of the gateways matched between ``a`` and ``b`` (module doc), and notes on the
    gateways with branch parameters that were not compared."""
    one = {m.a[0]: m.b[0] for m in matches if len(m.a) == 1 and len(m.b) == 1}
    choices_b = [c for c in (_choice(b, g) for g in _gateways(b, params_b)) if c is not None]
    out: list[Difference] = []
    notes: list[str] = []
    for g in _gateways(a, params_a):
        x = _choice(a, g)
        if x is None:
            continue
        near = [y for y in choices_b if any(one.get(s) in y.before for s in x.before)]
        same = [y for y in near if _paired(x, y, one) is not None]
        if len(same) != 1:
            if near:
                why = "several" if same else "none"
                notes.append(f"the branches of {choice_called(a, x)} in A were not compared: {why} of the "
                             "gateways after the matched step before it in B lead to the matched steps alike")
            continue
        y = same[0]
        pairs = _paired(x, y, one) or {}
        before = next(s for s in x.before if one.get(s) in y.before)
        ctx = _Sides(a, b, x, y, before, one[before],
                     (provenance_basis(params_a[g]), provenance_basis(params_b[y.gateway])))
        foreign = [(side, choice_called(v, c)) for side, v, c, p in (("A", a, x, params_a[g]),
                                                                    ("B", b, y, params_b[y.gateway]))
                   if _names_other_flows(c, p)]
        if foreign:  # a profile written for another drawing: its values say nothing of these branches
            notes.extend(f"the branches of {gw} in {side} were not compared: its profile's "
                         "probabilities or conditions name flows that are not its branches"
                         for side, gw in foreign)
            continue
        out += _probabilities(ctx, pairs, params_a[g], params_b[y.gateway])
        out += _conditions(ctx, pairs, params_a[g], params_b[y.gateway])
    return out, notes


def choice_called(view: ModelView, choice: _Choice) -> str:
    """A choice as a note names it (notewords.NOTES says it in Swedish): by the gateway's name and the first step
    before it ('the choice "Godkänt prov?" after "Genomför kunskapsprov (försök 1 av 3)"': three choices may share a
    name), or by one of them, or by its id (an unnamed choice right at the start)."""
    name = " ".join(str(view.flow.nodes[choice.gateway].get("name", "")).split())
    after = f'after "{display_name(view.steps[choice.before[0]], "en")}"' if choice.before else ""
    if name:
        return f'the choice "{name}"' + (f" {after}" if after else "")
    return f"the choice {after}" if after else f'the choice "{choice.gateway}"'


def _gateways(view: ModelView, params: Mapping[str, Any]) -> list[str]:
    """The gateways of ``view`` whose parameters give their branches probabilities or conditions."""
    return sorted(g for g, p in params.items()
                  if g in view.flow.nodes and g != ROOT and g not in view.steps and isinstance(p, Mapping)
                  and (p.get("probabilities") or p.get("conditions")))


def _names_other_flows(choice: _Choice, params: Mapping[str, Any]) -> bool:
    """Whether ``params`` give a probability or a condition to a flow that is not one of the choice's branches
    (a flow set ``A+B`` by each of its flows)."""
    keys = [k for what in ("probabilities", "conditions") if isinstance(params.get(what), Mapping)
            for key in params[what] for k in str(key).split("+")]
    return any(k.strip() not in choice.branches for k in keys)


def _choice(view: ModelView, gateway: str) -> _Choice | None:
    flows = sorted(f for f, (s, _) in view.flow_ends.items() if s == gateway)
    if len(flows) < 2:
        return None
    branches = {}
    for f in flows:
        branches[f] = tuple(sorted(_steps_from(view, view.flow_ends[f][1], forward=True)))
    default = str(view.flow.nodes[gateway].get("default", ""))
    return _Choice(gateway, tuple(sorted(_steps_from(view, gateway, forward=False))), branches,
                   default if default in branches else "")


def _steps_from(view: ModelView, node: str, *, forward: bool) -> set[str]:
    """The steps reached from ``node`` (itself when it is one) through gateways only, after or before it."""
    found: set[str] = set()
    seen: set[str] = set()
    stack = [node] if forward else list(view.flow.predecessors(node))
    while stack:
        n = stack.pop()
        if n in seen:
            continue
        seen.add(n)
        if n in view.steps:
            found.add(n)
        elif n != ROOT:
            stack.extend(view.flow.successors(n) if forward else view.flow.predecessors(n))
    return found


def _paired(x: _Choice, y: _Choice, one: Mapping[str, str]) -> dict[str, str] | None:
    """x's flow -> y's flow, each leading to the partners of the other's steps; None unless all pair."""
    by_target = {frozenset(t): f for f, t in y.branches.items() if t}
    if len(by_target) != len(y.branches) or len(x.branches) != len(y.branches):
        return None
    out = {f: by_target.get(frozenset(one.get(s, "") for s in t)) for f, t in x.branches.items() if t}
    if len(out) != len(x.branches) or None in out.values() or len(set(out.values())) != len(out):
        return None
    return {f: str(g) for f, g in out.items()}


@dataclass(frozen=True, slots=True)
class _Sides:
    a: ModelView
    b: ModelView
    x: _Choice
    y: _Choice
    before_a: str
    before_b: str
    basis: tuple[str, str]  # what each gateway's parameters rest on (differences.provenance_basis)

    def ids(self, fa: str, fb: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """Each side's (step before, gateway, flow or flow set ``A+B``, the steps its flows lead to)."""
        return ((self.before_a, self.x.gateway, fa, *(s for f in fa.split("+") for s in self.x.branches[f])),
                (self.before_b, self.y.gateway, fb, *(s for f in fb.split("+") for s in self.y.branches[f])))

    def difference(self, attribute: str, fa: str, fb: str, va: str, vb: str,
                   shown: tuple[Said, Said]) -> Difference:
        key = f"{attribute.removeprefix('profile.')}.{fa}"
        # a value the profile gives rests on its basis; the default flow (the drawing's) and a set it does not
        # list are none it gives
        ba, bb = (basis if value and value not in _NOT_GIVEN else ""
                  for basis, value in zip(self.basis, (va, vb), strict=True))
        flows = ({f: self.branch_words(f) for f in fa.split("+")},)
        wording = parameter_wording(self.choice_words(), key, va, vb, ba, bb, flows=flows)
        (message, values), = wording
        said = dict(values) | {"va": shown[0], "vb": shown[1]}
        wording = ((message, tuple((k, said[k]) for k, _ in values)),)
        a_ids, b_ids = self.ids(fa, fb)
        # the message (the JSON's, for programs) names A's flow by its id, as a step's parameter does
        message = sentence(parameter_wording(self.choice_words(), key, va, vb, ba, bb), "en")
        return Difference("attribute", a_ids, b_ids, attribute, va, vb, message, ba, bb, wording=wording)

    def choice_words(self) -> Said:
        """The gateway by its name in A, else "the choice after "X"" (X: the matched step before it)."""
        name = " ".join(str(self.a.flow.nodes[self.x.gateway].get("name", "")).split())
        if name:
            return f'"{name}"'
        step = self.a.steps[self.before_a]
        en, sv = (word("choice_after", lang, step=f'"{display_name(step, lang)}"') for lang in ("en", "sv"))
        return en if en == sv else (en, sv)

    def branch_words(self, flow: str) -> Said:
        """A branch by its flow's label in A, else "the flow to "Y"" (Y: the step it leads to)."""
        said = self.a.flows.get(flow, "")
        if (said if isinstance(said, str) else said[0]).startswith('"'):
            return said
        steps = [self.a.steps[s] for s in self.x.branches[flow]]
        en, sv = (word("flow_to", lang, target=" + ".join(f'"{display_name(s, lang)}"' for s in steps))
                  for lang in ("en", "sv"))
        return en if en == sv else (en, sv)


#: the values of a branch that its profile does not give: its gateway's default flow (no condition), a flow set
#: the profile does not list (JSON's ``a_value``/``b_value``; WORDS says each in both languages)
DEFAULT_FLOW, NOT_LISTED = NOT_GIVEN
_NOT_GIVEN = {value: WORDS[key] for value, key in NOT_GIVEN.items()}


def _probabilities(ctx: _Sides, pairs: Mapping[str, str], pa: Mapping[str, Any],
                   pb: Mapping[str, Any]) -> list[Difference]:
    given_a, given_b = pa.get("probabilities"), pb.get("probabilities")
    if not isinstance(given_a, Mapping) or not isinstance(given_b, Mapping):
        return []  # one side gives none: its branches go by conditions, or the profile is incomplete
    # each flow set (an inclusive gateway's A+B) by A's flows: as each profile writes it, and its value
    back = {fb: fa for fa, fb in pairs.items()}
    sets_a = {frozenset(_flows(k)): (_joined(k), v) for k, v in given_a.items() if "+" in str(k)}
    sets_b = {frozenset(back[f] for f in _flows(k)): (_joined(k), v) for k, v in given_b.items() if "+" in str(k)}
    out = []
    for fa, fb in sorted(pairs.items()):  # a single flow a profile leaves out is taken with probability 0
        out += _probability(ctx, fa, fb, given_a.get(fa, 0), given_b.get(fb, 0))
    for flows in sorted(sets_a.keys() | sets_b.keys(), key=sorted):
        ka, va = sets_a.get(flows, ("", None))
        kb, vb = sets_b.get(flows, ("", None))
        ka = ka or "+".join(back[pairs[f]] for f in _flows(kb, back))  # B's set said by A's flows
        kb = kb or "+".join(pairs[f] for f in _flows(ka))
        out += _probability(ctx, ka, kb, va, vb)
    return out


def _flows(key: Any, back: Mapping[str, str] | None = None) -> list[str]:
    """A flow set's flows (``A + B``: A and B), each by A's id when ``back`` (B's flow -> A's) is given."""
    flows = [f.strip() for f in str(key).split("+")]
    return [back[f] for f in flows] if back is not None else flows


def _joined(key: Any) -> str:
    return "+".join(_flows(key))


def _probability(ctx: _Sides, fa: str, fb: str, a: Any, b: Any) -> list[Difference]:
    """The difference of one branch's (or flow set's) probabilities: None a set its profile does not list."""
    if a is None or b is None:
        given = _share(b if a is None else a)
        if given is None or given < 1e-9:
            return []  # a set given 0 says what leaving it out says
        said = _per_cent(given)
        ta, tb = (said[0] if v is not None else NOT_LISTED for v in (a, b))
        return [ctx.difference("profile.probabilities", fa, fb, ta, tb, (_shown(ta, said), _shown(tb, said)))]
    sa, sb = _share(a), _share(b)
    if sa is None or sb is None or abs(sa - sb) < 1e-9:
        return []
    pa, pb = _per_cent(sa), _per_cent(sb)
    return [ctx.difference("profile.probabilities", fa, fb, pa[0], pb[0], (pa, pb))]


def _conditions(ctx: _Sides, pairs: Mapping[str, str], pa: Mapping[str, Any],
                pb: Mapping[str, Any]) -> list[Difference]:
    given_a, given_b = pa.get("conditions"), pb.get("conditions")
    if not isinstance(given_a, Mapping) or not isinstance(given_b, Mapping):
        return []
    out = []
    for fa, fb in sorted(pairs.items()):
        ca, cb = (" ".join(str(c or "").split()) for c in (given_a.get(fa), given_b.get(fb)))
        if ca == cb:
            continue
        # a default flow without a condition is taken when no other branch's condition holds: said as that
        ca, cb = (DEFAULT_FLOW if not c and f == choice.default else c
                  for c, f, choice in ((ca, fa, ctx.x), (cb, fb, ctx.y)))
        if DEFAULT_FLOW in (ca, cb) and _same_rule(ca, cb, (given_a, fa), (given_b, fb)):
            continue
        out.append(ctx.difference("profile.conditions", fa, fb, ca, cb, (_shown(ca), _shown(cb))))
    return out


def _shown(value: str, said: Said | None = None) -> Said:
    """A branch's value as the outputs say it: one its profile does not give (NOT_GIVEN) in words, a condition
    as written (the outputs say it in the report's words), a probability as ``said`` (per cent in each language),
    no condition "not set"."""
    return _NOT_GIVEN.get(value) or said or value or WORDS["not_set"]


def _same_rule(ca: str, cb: str, *sides: tuple[Mapping[str, Any], str]) -> bool:
    """Whether a condition against the default flow (``ca`` or ``cb``) is the default's rule: it holds exactly
    when none of the other branches' conditions holds, in either model (complement.py)."""
    condition = cb if ca == DEFAULT_FLOW else ca
    if condition in ("", DEFAULT_FLOW):
        return False  # no condition, not the default: a profile that leaves a branch out
    return any(is_complement(condition, [str(c) for f, c in given.items() if f != flow and c])
               for given, flow in sides)


def _share(value: Any) -> float | None:
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def _per_cent(share: float) -> tuple[str, str]:
    """A probability as per cent in (English, Swedish).

    >>> _per_cent(0.4), _per_cent(0.125)
    (('40%', '40 %'), ('12.5%', '12,5 %'))
    """
    n = f"{round(share * 100, 2):.2f}".rstrip("0").rstrip(".")
    return f"{n}%", f"{n.replace('.', ',')} %"
