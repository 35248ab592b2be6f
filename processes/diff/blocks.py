"""The block pass: one step drawn as a few between the same matched steps, at model level
(split from groups.py: it reads the step graph between correspondences, not a step's
neighbours). Its bars (``BLOCK_MAX``, ``BLOCK_MIN_LABEL``) are groups.py's, read there when it runs.

**Block pass** (one step drawn as a few, at model level; branch match-en): the named
activities left over are grouped by the correspondences right before and right after them
(walking the step graph through steps in none). Where both models have leftover steps
between the *same* matched steps, one model has exactly one there and the other at most
``BLOCK_MAX - 1`` (4), and the one step's label is at least ``BLOCK_MIN_LABEL`` (0.3) alike
one of the others, they become one correspondence (less the steps of the block that share
no word with the one step: they are other work): the coarse step stands for the block
("Inhämta yttranden från remissinstanser" between the same two matched steps as "Skicka
remiss till Polisen" and "Skicka remiss till Skatteverket"). Two or more steps on both
sides are left alone (which goes with which is not known), and so is a block whose
matched steps around it are only events (between a start and an end event it is the whole
process, not a place in it). Its confidence is the best combined score of its pairs.
"""

from __future__ import annotations

from processes.diff import groups
from processes.diff.matchtypes import Match, PassInput, family, match_units, named
from processes.diff.view import ModelView
from processes.digraph import closed_components

__all__ = ["block_pass", "walk", "walks"]


def walk(view: ModelView, start: str, unit: dict[str, int], forward: bool) -> frozenset[int]:
    """The correspondences first reached from ``start`` along the step graph (forward or
    backward), passing only through steps that are in none."""
    anchors: set[int] = set()
    todo = [start]
    seen = {start}
    while todo:
        s = todo.pop()
        for t in view.successors(s) if forward else view.predecessors(s):
            if t in seen:
                continue
            seen.add(t)
            if t in unit:
                anchors.add(unit[t])
            else:
                todo.append(t)
    return frozenset(anchors)


def walks(view: ModelView, unit: dict[str, int], forward: bool) -> dict[str, frozenset[int]]:
    """``walk`` of every step in no correspondence, in time linear in the steps and flows:
    the steps in none, by strongly connected components (Tarjan, iterative), each taking the
    correspondences next to its members and those its successor components reach (found
    before it: Tarjan closes a component after every component it reaches)."""
    nbrs = view.successors if forward else view.predecessors
    out: dict[str, frozenset[int]] = {}
    roots = (s for s in view.steps if s not in unit)
    for members in closed_components(roots, lambda s: (w for w in nbrs(s) if w not in unit)):
        inside = set(members)
        found: set[int] = set()
        for m in members:
            for t in nbrs(m):
                if t in unit:
                    found.add(unit[t])
                elif t not in inside:
                    found |= out[t]
        anchors = frozenset(found)
        for m in members:
            out[m] = anchors
    return out


def _free_blocks(view: ModelView, unit: dict[str, int]) -> dict[tuple[frozenset[int], frozenset[int]], list[str]]:
    """Named activities in no correspondence, by the correspondences right before and
    right after them (only steps in none between)."""
    out: dict[tuple[frozenset[int], frozenset[int]], list[str]] = {}
    reached_before, reached_after = walks(view, unit, forward=False), walks(view, unit, forward=True)
    for s, st in view.steps.items():
        if s in unit or not named(st) or family(st) == "event":
            continue
        before, after = reached_before[s], reached_after[s]
        if before and after:
            out.setdefault((before, after), []).append(s)
    return out


def block_pass(given: PassInput, matches: list[Match]) -> list[Match]:
    """Model-level blocks: one step drawn as a few between the same matched steps (module doc)."""
    a, b, lab, score, banned = given.a, given.b, given.lab, given.score, given.banned
    unit_a, unit_b = match_units(matches)
    ia = {x: i for i, x in enumerate(a.steps)}
    ib = {y: j for j, y in enumerate(b.steps)}
    blocks_b = _free_blocks(b, unit_b)
    out = list(matches)
    for key, xs in sorted(_free_blocks(a, unit_a).items(), key=lambda kv: kv[1]):
        ys = blocks_b.get(key)
        if not ys or min(len(xs), len(ys)) != 1 or len(xs) + len(ys) > groups.BLOCK_MAX:
            continue
        # between a start and an end event only, the "block" is the whole process: no place
        if not any(family(a.steps[s]) != "event" for k in key[0] | key[1] for s in matches[k].a if s in a.steps):
            continue
        # a step of the block that shares no word with the one step is not part of its work
        # (p37: "Hämtning av företagsuppgifter" beside "Diarieföring och ärendefördelning",
        # both against "Diarieför ansökan")
        xs = [x for x in xs if any(lab[ia[x], ib[y]] > 0.0 for y in ys)]
        ys = [y for y in ys if any(lab[ia[x], ib[y]] > 0.0 for x in xs)]
        if not xs or not ys or any((x, y) in banned for x in xs for y in ys):
            continue
        cells = [(ia[x], ib[y]) for x in xs for y in ys]
        best = max(float(lab[i, j]) for i, j in cells)
        if best < groups.BLOCK_MIN_LABEL or best <= 0.0:
            continue
        confidence = max(float(score[i, j]) for i, j in cells)
        out.append(Match(tuple(xs), tuple(ys), round(confidence, 3), round(best, 3), "grouped"))
    return out
