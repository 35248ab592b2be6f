"""A task that acts and then waits, against the act and its answer drawn apart.

One clerk draws "Kommunicera sökanden och invänta svar" as one step; another draws the
letter ("Kommunicera sökanden – får yttra sig inom två veckor", a send task) and, right
after it, the answer arriving ("Sökandens yttrande (eller tiden gått ut)", a catch event) or
the waiting drawn as a task ("Invänta svar", "Await reply"). The one step is both
(matchtypes.families): the act, and the arrival it waits for. Pooled, the labels are too far
apart for the group pass (p68: 0.46), and its groups are of one family; what says they are
one piece of work is the shape: the answer follows the act directly.

``act_then_wait_pass`` (after the listed passes, before the outcome pass; both models read
alike): for a named task x that acts then waits, the other model's act y and answer e are
found as follows (bench/RESULTS-matching.md "Branch many69", widened in "Branch many74"):

* **y**: a named task that does not wait itself, and either among the other side of the
  correspondence x stands alone in (not a confirmed one: a one-to-one pair, or a
  one-to-many, its steps tried in their model's order) or, when both are left over, x's
  best by label among the other model's named activities and x y's best among its own
  model's, at least ``BLOCK_MIN_LABEL`` (0.3) alike;
* **e**: y's only successor, with y its only predecessor (the answer follows the act
  directly, no second branch), in no correspondence, whose label shares something with x's
  (the answer x waits for), and either an intermediate catch event or a task that waits
  without acting first.

Then e joins x's correspondence, or x alone against y and e is one (``grouped``); the
confidence is the one-to-one pair's combined score of x and y (a one-to-many keeps its own),
the label the pooled labels of x against the other side.
"""

from __future__ import annotations

import numpy as np

from processes.diff.groups import BLOCK_MIN_LABEL
from processes.diff.labelsim import group_similarity
from processes.diff.matchtypes import Match, PassInput, families, family, ids_on, match_units, named
from processes.diff.view import ModelView, Step

__all__ = ["act_then_wait_pass"]

#: the event position of an answer that arrives in the flow (not a start, end, throw or boundary event)
_CATCH = "intermediate_catch"
_EVENT = frozenset({"event"})


def act_then_wait_pass(given: PassInput, matches: list[Match]) -> list[Match]:
    """Group a task that acts then waits with the other model's act and its answer
    (module doc)."""
    if not any(_waits_after_acting(s) for view in (given.a, given.b) for s in view.steps.values()):
        return matches  # no such task in either model: nothing to read
    matches = _one_side(given, matches, "a")
    return _one_side(given.swapped(), matches, "b")


def _waits_after_acting(step: Step) -> bool:
    """A task that acts and then waits: it stands for both families (matchtypes.families)."""
    return step.kind == "task" and len(families(step)) > 1


def _is_answer(step: Step) -> bool:
    """A catch event in the flow, or a task that only waits ("Invänta svar", "Await reply")."""
    if step.kind == "event":
        return step.detail.split(":")[0] == _CATCH
    return step.kind == "task" and families(step) == _EVENT


def _is_act(step: Step) -> bool:
    """A named task that does not wait itself."""
    return step.kind == "task" and bool(named(step)) and families(step) == frozenset({"activity"})


def _answer_after(other: ModelView, y_id: str, taken: set[str]) -> str | None:
    """The step right after ``y_id`` and only after it, when it is a free answer."""
    after = other.successors(y_id)
    if len(after) != 1:
        return None
    e_id = after[0]
    e = other.steps.get(e_id)
    if e is None or not _is_answer(e) or other.predecessors(e_id) != (y_id,) or e_id in taken:
        return None
    return e_id


def _one_side(given: PassInput, matches: list[Match], side: str) -> list[Match]:
    """The pass with x in ``given.a`` (model ``side`` of the matches)."""
    one, other, lab, score, banned = given.a, given.b, given.lab, given.score, given.banned
    other_side = "b" if side == "a" else "a"
    ids_one, ids_other = list(one.steps), list(other.steps)
    index_one = {s: i for i, s in enumerate(ids_one)}
    index_other = {s: j for j, s in enumerate(ids_other)}
    acts_one = np.array(
        [named(one.steps[s]) != "" and family(one.steps[s]) == "activity" for s in ids_one], bool
    )
    acts_other = np.array(
        [named(other.steps[s]) != "" and family(other.steps[s]) == "activity" for s in ids_other], bool
    )
    out = list(matches)
    for x_id, x in one.steps.items():
        if not named(x) or not _waits_after_acting(x):
            continue
        units = match_units(out)
        unit_one, unit_other = units if side == "a" else (units[1], units[0])
        i = index_one[x_id]
        k = unit_one.get(x_id)
        if k is not None:
            m = out[k]
            if m.how == "confirmed" or len(ids_on(m, side)) != 1:
                continue
            theirs = [s for s in ids_on(m, other_side) if s in other.steps]
            if len(theirs) != len(ids_on(m, other_side)):
                continue
        else:
            row = np.where(acts_other, lab[i], -1.0)
            j = int(np.argmax(row))
            if row[j] < BLOCK_MIN_LABEL:
                continue
            col = np.where(acts_one, lab[:, j], -1.0)
            if int(np.argmax(col)) != i:
                continue
            if ids_other[j] in unit_other or (x_id, ids_other[j]) in banned:
                continue
            theirs = [ids_other[j]]
        found = None
        for y_id in sorted(theirs, key=index_other.__getitem__):
            if not _is_act(other.steps[y_id]):
                continue
            e_id = _answer_after(other, y_id, set(unit_other))
            if e_id is None or (x_id, e_id) in banned or float(lab[i, index_other[e_id]]) <= 0.0:
                continue  # no answer, or not the answer x waits for
            found = (y_id, e_id)
            break
        if found is None:
            continue
        y_id, e_id = found
        members = tuple(sorted((*theirs, e_id), key=index_other.__getitem__))
        pooled = group_similarity(given.lex, x.name, [other.steps[s].name for s in members], given.langs[0])
        if len(theirs) == 1:
            confidence = round(float(score[i, index_other[y_id]]), 3)
        else:
            confidence = out[k].confidence if k is not None else 0.0
        a_ids, b_ids = ((x_id,), members) if side == "a" else (members, (x_id,))
        grouped = Match(a_ids, b_ids, confidence, round(pooled, 3), "grouped")
        if k is not None:
            out[k] = grouped
        else:
            out.append(grouped)
    return out
