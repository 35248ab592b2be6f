"""One step of a stage against a run of the other model's steps of that stage, in the same place.

Two people draw the same stage of a case at different grains: one draws "Sökande gör kunskapsprovet
hos handläggaren", the other books the test, holds it and marks it; one draws "Diarieföra och
fördela till handläggare", the other registers the application, sends the receipt and assigns the
officer. samestage.py offers the one step of a stage in a place as an uncertain candidate, and leaves
the place alone when the other model draws the stage with two or more steps there ("the other model
draws the stage at a finer grain, and none of them is singled out"). This pass pairs the one with
the several (bench/RESULTS-matching.md, "Branch many100").

``stage_run_pass`` (after segments.py, before statuses.py), on two Swedish models only (the English
stage words were written for licensing and read other domains' "register", "submit" as stages). For
each side in turn and each unmatched named step x that names a stage S (stages.stage_of):

1. Y: the other model's unmatched named steps in x's place (tiers.step_places: they share a
   correspondence behind and one ahead with x, both ends matched), of x's family, that name S; a send
   task (a receipt, a reminder, a request for a supplement: a message to someone outside) is left
   out unless x is a send task too.
2. x is the only unmatched step of its model, family and stage in the place of every y in Y.
3. Y is a run: connected in the other model's flow through steps of Y and other unmatched steps in
   x's place.
4. A step that only leads back into the run (every successor in Y reached by a back edge of a
   depth-first walk from Y's entries, no successor outside Y: a retake, a new round) is left out:
   the coarse step draws the pass, not its repetition.
5. Two to ``STAGE_RUN_CAP`` steps are left; every cell shares a word with x (label above 0) and is
   not rejected, and one cell is related (at least ``leftovers.RELATED``).

x and Y become one correspondence (``how`` "grouped", confidence the lowest combined score of its
cells, label the highest cell's).
"""

from __future__ import annotations

from processes.diff.leftovers import RELATED
from processes.diff.matchtypes import Match, PassInput, family, match_units, named
from processes.diff.stages import stage_of
from processes.diff.tiers import Place, step_places
from processes.diff.view import ModelView, Step

__all__ = ["STAGE_RUN_CAP", "stage_run_pass", "connected", "without_loop_back"]

#: the most steps one step of a stage stands for here
STAGE_RUN_CAP = 5


def _sends(step: Step) -> bool:
    return step.kind == "task" and step.detail == "sendTask"


def _same_place(p: Place, q: Place) -> bool:
    return bool(p[0] & q[0]) and bool(p[1] & q[1])


def connected(view: ModelView, run: list[str], through: set[str]) -> bool:
    """Whether the steps of ``run`` are connected in ``view``'s flow (either direction, gateways
    skipped) through steps of ``run`` and ``through``."""
    if not run:
        return False
    room = set(run) | through
    seen = {run[0]}
    todo = [run[0]]
    while todo:
        s = todo.pop()
        for t in view.successors(s) + view.predecessors(s):
            if t in room and t not in seen:
                seen.add(t)
                todo.append(t)
    return set(run) <= seen


def without_loop_back(view: ModelView, run: list[str]) -> list[str]:
    """``run`` without the steps that only lead back into it: walking it depth-first from its
    entries (steps with a predecessor outside it, or none), a step whose every successor in the run
    is reached by a back edge and which has no successor outside the run."""
    inside = set(run)
    entries = [
        y
        for y in sorted(run)
        if not view.predecessors(y) or any(p not in inside for p in view.predecessors(y))
    ]
    state: dict[str, int] = {}
    back = dict.fromkeys(run, 0)
    ahead = dict.fromkeys(run, 0)
    for entry in entries or sorted(run)[:1]:
        if entry in state:
            continue
        state[entry] = 1
        work = [(entry, iter(view.successors(entry)))]
        while work:
            s, todo = work[-1]
            for t in todo:
                if t not in inside:
                    continue
                if state.get(t) == 1:
                    back[s] += 1
                    continue
                ahead[s] += 1
                if t not in state:
                    state[t] = 1
                    work.append((t, iter(view.successors(t))))
                    break
            else:
                state[s] = 2
                work.pop()
    return [y for y in run if not (back[y] and not ahead[y] and all(t in inside for t in view.successors(y)))]


def stage_run_pass(given: PassInput, matches: list[Match]) -> list[Match]:
    """One step of a stage paired with the other model's run of steps of that stage (module doc)."""
    if given.langs != ("sv", "sv"):
        return matches
    out = list(matches)
    lex, lab, score, banned = given.lex, given.lab, given.score, given.banned
    for side in ("a", "b"):
        one, other = (given.a, given.b) if side == "a" else (given.b, given.a)
        lang_one, lang_other = given.langs if side == "a" else given.langs[::-1]
        rows = {s: i for i, s in enumerate(one.steps)}
        cols = {s: j for j, s in enumerate(other.steps)}
        units_a, units_b = match_units(out)
        places_one = step_places(one, units_a if side == "a" else units_b)
        places_other = step_places(other, units_b if side == "a" else units_a)
        stage_one = {s: stage_of(lex, one.steps[s].name, lang_one) for s in places_one if named(one.steps[s])}
        stage_other = {
            s: stage_of(lex, other.steps[s].name, lang_other) for s in places_other if named(other.steps[s])
        }
        taken: set[str] = set()
        for x, stage in stage_one.items():
            here = places_one[x]
            if stage is None or x in taken or not here[0] or not here[1]:
                continue
            kin = family(one.steps[x])
            sends = _sends(one.steps[x])
            run = [
                y
                for y, s in stage_other.items()
                if s == stage
                and y not in taken
                and family(other.steps[y]) == kin
                and (sends or not _sends(other.steps[y]))
                and _same_place(here, places_other[y])
            ]
            if len(run) < 2:
                continue
            alone = all(
                [
                    x2
                    for x2, s in stage_one.items()
                    if s == stage
                    and family(one.steps[x2]) == kin
                    and _same_place(places_one[x2], places_other[y])
                ]
                == [x]
                for y in run
            )
            through = {y for y, p in places_other.items() if y not in taken and _same_place(here, p)}
            if not alone or not connected(other, run, through):
                continue
            run = without_loop_back(other, run)
            if not 2 <= len(run) <= STAGE_RUN_CAP:
                continue
            cells = [(rows[x], cols[y]) if side == "a" else (cols[y], rows[x]) for y in run]
            pairs = [(x, y) if side == "a" else (y, x) for y in run]
            labels = [float(lab[c]) for c in cells]
            if any(p in banned for p in pairs) or min(labels) <= 0.0 or max(labels) < RELATED:
                continue
            conf = round(min(float(score[c]) for c in cells), 3)
            ids = tuple(sorted(run))
            out.append(
                Match((x,), ids, conf, round(max(labels), 3), "grouped")
                if side == "a"
                else Match(ids, (x,), conf, round(max(labels), 3), "grouped")
            )
            taken.add(x)
            taken.update(run)
    return out
