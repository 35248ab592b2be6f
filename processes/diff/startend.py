"""A start event and an end event are never one correspondence.

Where a process begins and where it ends are two moments, whatever their labels share: a small
model's early refusal ("Ansökan avslagen", an end event right after the start "Ansökan inkommen")
is not part of the other model's start "Ny ansökan", though the word "ansökan" and its place next
to the start made attach.attach_pass join it there (bench/RESULTS-matching.md, "Branch many111").

A correspondence **joins a start and an end** when its steps, both sides together, include a start
event and an end event (leftovers.endpoint_position; a subprocess's own start and end events count
too): one side mixing them, or a start on one side and an end on the other.

* :func:`start_end_cells`: the cells the one-to-one assignment must leave closed (a start event
  against an end event). They are not banned: the uncertain tier may still offer the one as the
  other's candidate.
* :func:`refuse_start_with_end`: after a pass, each correspondence it formed or changed that joins
  a start and an end is refused. One that *grew* (it contains exactly one correspondence from
  before the pass that the pass removed, which joined no start and end) loses the start or end
  events the pass added of a position it did not hold (every added start and end event if it held
  neither); the rest of what the pass added stays. One formed *anew* is dropped, and the
  correspondences before the pass that held its steps and that the pass removed come back unless
  a step of theirs is now in another correspondence. A refused step is left over, so the uncertain
  tier may ask about it. A confirmed correspondence is never refused.

>>> from processes.diff.view import Step
>>> steps = {"s": Step("s", "Ansökan inkommen", "event", "start:message"),
...          "e": Step("e", "Ansökan avslagen", "event", "end:none"),
...          "t": Step("t", "Granska", "task", "user")}
>>> sorted(endpoint_positions(steps, ("s", "e", "t")))
['end', 'start']
>>> joins_start_and_end({"start"}, {"end"}), joins_start_and_end({"start"}, {"start"})
(True, False)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from operator import is_

import numpy as np

from processes.diff.leftovers import endpoint_position
from processes.diff.matchtypes import Match, PassInput, pooled_similarity
from processes.diff.view import Step

__all__ = [
    "Ends",
    "endpoint_events",
    "endpoint_positions",
    "joins_start_and_end",
    "start_end_cells",
    "refuse_start_with_end",
]

_BOTH = frozenset({"start", "end"})


def endpoint_events(steps: Mapping[str, Step]) -> dict[str, str]:
    """Each start and end event of ``steps``: id -> ``start`` or ``end``."""
    return {s: position for s, step in steps.items() if (position := endpoint_position(step))}


def endpoint_positions(steps: Mapping[str, Step], ids: Iterable[str]) -> set[str]:
    """The positions (``start``, ``end``) of the start and end events among ``ids``."""
    ends = endpoint_events({s: steps[s] for s in ids if s in steps})
    return set(ends.values())


def joins_start_and_end(*positions: set[str]) -> bool:
    """Whether the endpoint positions of a correspondence's sides hold a start and an end."""
    return _BOTH <= set().union(*positions)


def start_end_cells(xs: list[Step], ys: list[Step]) -> np.ndarray:
    """Boolean matrix: one step is a start event and the other an end event."""
    pos_a = np.array([endpoint_position(s) for s in xs], dtype=object)
    pos_b = np.array([endpoint_position(s) for s in ys], dtype=object)
    start_end = (pos_a == "start")[:, None] & (pos_b == "end")[None, :]
    end_start = (pos_a == "end")[:, None] & (pos_b == "start")[None, :]
    return np.asarray(start_end | end_start, dtype=bool).reshape(len(xs), len(ys))


Ends = tuple[Mapping[str, str], Mapping[str, str]]


def _positions(ends: Ends, m: Match) -> set[str]:
    return {ends[0][s] for s in m.a if s in ends[0]} | {ends[1][s] for s in m.b if s in ends[1]}


def _shrunk(given: PassInput, ends: Ends, grown: Match, origin: Match) -> Match:
    """``grown`` without the start or end events the pass added to ``origin`` of a position
    ``origin`` did not hold (every added one when it held neither)."""
    held = _positions(ends, origin)

    def refused(s: str, side: Mapping[str, str]) -> bool:
        return s in side and (not held or side[s] not in held)

    ids_a = tuple(s for s in grown.a if s in origin.a or not refused(s, ends[0]))
    ids_b = tuple(s for s in grown.b if s in origin.b or not refused(s, ends[1]))
    if (ids_a, ids_b) == (origin.a, origin.b):
        return origin
    if len(ids_a) + len(ids_b) > 2:
        label = pooled_similarity(given.lex, given.a, given.b, ids_a, ids_b, given.langs)
    else:
        label = float(given.lab[list(given.a.steps).index(ids_a[0]), list(given.b.steps).index(ids_b[0])])
    return Match(ids_a, ids_b, grown.confidence, round(label, 3), grown.how)


def refuse_start_with_end(
    given: PassInput, ends: Ends, before: list[Match], after: list[Match]
) -> list[Match]:
    """``after`` (a pass's matches, ``before`` what it was given) without the correspondences the
    pass formed or changed that join a start and an end event (module doc); ``ends``: the
    :func:`endpoint_events` of A's and of B's steps."""
    if len(before) == len(after) and all(map(is_, before, after)):
        return after  # most passes hand every correspondence on as it was, in its order
    earlier = {id(m) for m in before}
    changed = [m for m in after if id(m) not in earlier and m.how != "confirmed"]
    if not any(_BOTH <= _positions(ends, m) for m in changed):
        return after
    kept = {id(m) for m in after}
    removed = [p for p in before if id(p) not in kept]
    out: list[Match] = []
    restore: list[Match] = []
    for m in after:
        if id(m) in earlier or m.how == "confirmed" or not _BOTH <= _positions(ends, m):
            out.append(m)
            continue
        mine_a, mine_b = set(m.a), set(m.b)
        origins = [p for p in removed if mine_a & set(p.a) or mine_b & set(p.b)]
        grew = [p for p in origins if set(p.a) <= mine_a and set(p.b) <= mine_b]
        if len(grew) == 1 and len(origins) == 1 and not _BOTH <= _positions(ends, grew[0]):
            out.append(_shrunk(given, ends, m, grew[0]))
        else:
            restore.extend(origins)
    taken_a = {s for m in out for s in m.a}
    taken_b = {s for m in out for s in m.b}
    for p in restore:
        if taken_a.isdisjoint(p.a) and taken_b.isdisjoint(p.b) and not _BOTH <= _positions(ends, p):
            out.append(p)
            taken_a.update(p.a)
            taken_b.update(p.b)
    return out
