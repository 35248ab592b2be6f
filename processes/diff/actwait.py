"""A task that acts and then waits, against the act and its answer drawn apart.

One clerk draws "Kommunicera sökanden och invänta svar" as one step; another draws the
letter ("Kommunicera sökanden – får yttra sig inom två veckor", a send task) and, right
after it, the answer arriving ("Sökandens yttrande (eller tiden gått ut)", a catch event).
The one step is both (matchtypes.families): the act, and the arrival it waits for. Pooled,
the labels are too far apart for the group pass (p68: 0.46), and its groups are of one
family; what says they are one piece of work is the shape: the answer event follows the
act directly.

``act_then_wait_pass`` (after the listed passes, before the outcome pass; both models read
alike): for a named task x that acts then waits, the other model's act y and answer e are
found as follows (bench/RESULTS-matching.md "Branch many69"):

* **y**: a named task that does not wait itself, and either x's one-to-one partner (not a
  confirmed pair) or, when both are left over, x's best by label among the other model's
  named activities and x y's best among its own model's, at least ``BLOCK_MIN_LABEL``
  (0.3) alike;
* **e**: y's only successor, with y its only predecessor (the event follows the act
  directly, no second branch), an intermediate catch event in no correspondence whose label
  shares something with x's (the answer x waits for).

Then x alone against y and e is one correspondence (``grouped``), its confidence the
combined score of x and y, its label the pooled labels.
"""

from __future__ import annotations

import numpy as np

from processes.diff.groups import BLOCK_MIN_LABEL
from processes.diff.labelsim import group_similarity
from processes.diff.matchtypes import Match, PassInput, families, family, ids_on, match_units, named
from processes.diff.view import Step

__all__ = ["act_then_wait_pass"]

#: the event position of an answer that arrives in the flow (not a start, end, throw or boundary event)
_CATCH = "intermediate_catch"


def act_then_wait_pass(given: PassInput, matches: list[Match]) -> list[Match]:
    """Group a task that acts then waits with the other model's act and its answer event
    (module doc)."""
    if not any(_waits_after_acting(s) for view in (given.a, given.b) for s in view.steps.values()):
        return matches  # no such task in either model: nothing to read
    matches = _one_side(given, matches, "a")
    return _one_side(given.swapped(), matches, "b")


def _waits_after_acting(step: Step) -> bool:
    """A task that acts and then waits: it stands for both families (matchtypes.families)."""
    return step.kind == "task" and len(families(step)) > 1


def _one_side(given: PassInput, matches: list[Match], side: str) -> list[Match]:
    """The pass with x in ``given.a`` (model ``side`` of the matches)."""
    one, other, lab, score, banned = given.a, given.b, given.lab, given.score, given.banned
    other_side = "b" if side == "a" else "a"
    ids_one, ids_other = list(one.steps), list(other.steps)
    index_one = {s: i for i, s in enumerate(ids_one)}
    index_other = {s: j for j, s in enumerate(ids_other)}
    acts_one = np.array([named(one.steps[s]) != "" and family(one.steps[s]) == "activity" for s in ids_one], bool)
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
            if m.how == "confirmed" or len(ids_on(m, side)) != 1 or len(ids_on(m, other_side)) != 1:
                continue
            y_id = ids_on(m, other_side)[0]
            if y_id not in other.steps:
                continue
        else:
            row = np.where(acts_other, lab[i], -1.0)
            j = int(np.argmax(row))
            if row[j] < BLOCK_MIN_LABEL:
                continue
            col = np.where(acts_one, lab[:, j], -1.0)
            if int(np.argmax(col)) != i:
                continue
            y_id = ids_other[j]
            if y_id in unit_other or (x_id, y_id) in banned:
                continue
        y = other.steps[y_id]
        if y.kind != "task" or not named(y) or families(y) != frozenset({"activity"}):
            continue
        after = other.successors(y_id)
        if len(after) != 1:
            continue
        e_id = after[0]
        e = other.steps.get(e_id)
        if e is None or e.kind != "event" or e.detail.split(":")[0] != _CATCH:
            continue
        if other.predecessors(e_id) != (y_id,) or e_id in unit_other or (x_id, e_id) in banned:
            continue
        if float(lab[i, index_other[e_id]]) <= 0.0:
            continue  # not the answer x waits for
        pooled = group_similarity(given.lex, x.name, [y.name, e.name], given.langs[0])
        confidence = round(float(score[i, index_other[y_id]]), 3)
        order = {s: n for n, s in enumerate(ids_other)}
        theirs = tuple(sorted((y_id, e_id), key=order.__getitem__))
        a_ids, b_ids = ((x_id,), theirs) if side == "a" else (theirs, (x_id,))
        grouped = Match(a_ids, b_ids, confidence, round(pooled, 3), "grouped")
        if k is not None:
            out[k] = grouped
        else:
            out.append(grouped)
    return out
