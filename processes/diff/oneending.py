"""One start (end) event against several: start events pair with start events, end events with end events.

People draw the ends of a case differently: one clerk ends every case in one "Ärendet avslutat",
another ends a grant in "Tillstånd gäller – över till tillsyn" and a refusal in "Avslag expedierat
(överklagande 3 v)"; one draws one "Ansökan inkommen", another "Pappersansökan lämnas till
kontaktcenter" and "Ansökan i e-tjänstportalen". The gold lists of the development pairs (p1–p39,
p68–p79, e1–e3) pair start events with start events and end events with end events, and the one end
with every end of the other model that closes the case — the grant, the refusal, or an end that says
no outcome — but not with an end that closes it without a decision (written off, dismissed) nor with
the end of a side branch that runs beside the case and ends on its own (a reminder sent, a delegated
decision reported to the committee). bench/RESULTS-matching.md, "Branch many78".

A model's **process starts** are its start events with nothing before them in the sequence flow (not a
subprocess's start, nor an event subprocess's), its **process ends** the end events with nothing after
them (not an event subprocess's).

1. :func:`lone_endpoint_blocks`: where one model has exactly one process start and the other at least
   one, the one-to-one assignment (matching.py) pairs those start events only with each other — a task
   whose label reads like "Ansökan registrerad" ("Skanna in och lägga upp akten") does not take it. The
   same for process ends.
2. :func:`one_ending_pass`: where model X has exactly one process end E — or, among two or more, exactly
   one closing end E (:func:`closing_ends`: the ends :func:`case_ends` keeps, read on X alone; the others a
   side branch's, a withdrawal's or closing the case before any decision) — and Y two or more, E and Y's
   **case ends** are one correspondence (``how`` :data:`ENDING`, a note) when every case end is left
   over or already with E, and E is left over or with Y's end events alone. Y's case ends are its
   process ends less an end that says the case was withdrawn (``outcomes.outcome``), less the end of a
   side branch (:func:`side_ends`), less an end whose outcome (granted, refused) is the contrary of
   E's, and — when Y has a decision step (deciding.py) — less an end no decision step comes before
   (the case closed before any decision: written off, after three failed tests). The same for starts, every process start of Y a partner — unless S and one of them are the
   applicant approaching against the application arriving (approaches.py: then nothing is made), and
   unless Y's partners lie in several processes (pools): each pool's start is its own process's, not
   one of the case's ways in.
"""

from __future__ import annotations

from processes.diff.approaches import approach_against_arrival
from processes.diff.deciding import decision_steps
from processes.diff.matchtypes import Match, PassInput
from processes.diff.outcomes import outcome
from processes.diff.view import ROOT, ModelView, display_name
from processes.digraph import Digraph, descendants

__all__ = [
    "ENDING",
    "process_events",
    "side_ends",
    "case_ends",
    "closing_ends",
    "lone_endpoint_blocks",
    "one_ending_pass",
]

#: the ``how`` of a correspondence made here
ENDING = "ending"
_CONTRARY = {"granted": "refused", "refused": "granted"}


def _sequence_successors(flow: Digraph, node: str) -> list[str]:
    return [v for v in flow.successors(node) if not flow.edges[(node, v)].get("message")]


def _sequence_predecessors(flow: Digraph, node: str) -> list[str]:
    return [u for u in flow.predecessors(node) if u != ROOT and not flow.edges[(u, node)].get("message")]


def process_events(view: ModelView, position: str) -> list[str]:
    """The start events of ``view`` with nothing before them in the sequence flow (``position``
    "start"), or its end events with nothing after them ("end"), in the model's order."""
    flow = view.flow
    out = []
    for s, step in view.steps.items():
        if step.kind != "event" or step.detail.split(":")[0] != position or s not in flow or step.on_trigger:
            continue  # an event subprocess's start or end is none of the case's (nothing leads into it)
        around = _sequence_predecessors(flow, s) if position == "start" else _sequence_successors(flow, s)
        if not around:
            out.append(s)
    return out


def _chain_end(flow: Digraph, first: str) -> str | None:
    """The node a chain from ``first`` ends in, when every node on it has one way in and at most
    one way out; None when the way splits or joins."""
    node, seen = first, set()
    while node not in seen:
        seen.add(node)
        if len(_sequence_predecessors(flow, node)) != 1:
            return None
        after = _sequence_successors(flow, node)
        if not after:
            return node
        if len(after) != 1:
            return None
        node = after[0]
    return None


def side_ends(view: ModelView, ends: list[str]) -> set[str]:
    """The ``ends`` of ``view`` that close a side branch: reached by a chain (:func:`_chain_end`)
    from a split whose branches run together (a parallel gateway, or a step or event with several
    outgoing sequence flows: a boundary event's host counts), while another branch of that split
    goes on, through a node with more than one way in, to another of ``ends``."""
    flow, wanted, out = view.flow, set(ends), set()
    for split in flow.nodes:
        if split == ROOT:
            continue
        attrs = flow.nodes[split]
        branches = _sequence_successors(flow, split)
        if len(branches) < 2 or (attrs.get("gateway") and not attrs.get("parallel")):
            continue
        spurs = {u: e for u in branches if (e := _chain_end(flow, u)) in wanted}
        for u, e in spurs.items():
            for w in branches:
                if w == u or w in spurs:
                    continue
                reached = descendants(flow, w) | {w}
                joins = any(len(_sequence_predecessors(flow, n)) > 1 for n in reached)
                if joins and any(f != e and f in reached for f in wanted):
                    out.add(e)
    return out


def case_ends(view: ModelView, ends: list[str], one_name: str, lang: str) -> list[str]:
    """The ``ends`` of ``view`` that close the case (module doc), against the other model's one end
    ``one_name``: not a withdrawal, not a side branch's end, not the contrary outcome, and, when
    ``view`` has a decision step, not an end that no decision step comes before."""
    side = side_ends(view, ends)
    contrary = _CONTRARY.get(outcome(one_name), "")
    decisions = decision_steps(view, lang)
    decided = set().union(*(descendants(view.flow, d) for d in decisions))
    return [
        e
        for e in ends
        if e not in side
        and outcome(view.steps[e].name) not in ("withdrawn", contrary or "withdrawn")
        and (not decisions or e in decided)
    ]


def closing_ends(view: ModelView, ends: list[str], lang: str) -> list[str]:
    """The ``ends`` of ``view`` that close the case on their own reading: :func:`case_ends` with no
    other end whose outcome could be contrary (not a withdrawal, not a side branch's end, not an end
    no decision step comes before)."""
    return case_ends(view, ends, "", lang)


def lone_endpoint_blocks(
    a: ModelView, b: ModelView, held: list[tuple[str, str]]
) -> list[tuple[list[int], list[int]]]:
    """(rows of A, columns of B): per position, the process starts (ends) of the two models when one
    has exactly one and the other at least one — the assignment pairs them only with each other;
    not the starts of a held pair (approaches.py)."""
    ia = {s: i for i, s in enumerate(a.steps)}
    ib = {s: j for j, s in enumerate(b.steps)}
    out = []
    for position in ("start", "end"):
        xs, ys = process_events(a, position), process_events(b, position)
        if not xs or not ys or (len(xs) != 1 and len(ys) != 1):
            continue
        if any(x in xs and y in ys for x, y in held):
            continue
        out.append(([ia[x] for x in xs], [ib[y] for y in ys]))
    return out


def one_ending_pass(given: PassInput, matches: list[Match]) -> tuple[list[Match], tuple[str, ...]]:
    """``matches`` with one model's one start (end) event joined to the other model's several (module
    doc), and one note per correspondence made."""
    notes: list[str] = []
    out = list(matches)
    for position in ("start", "end"):
        out = _one_side(given, out, position, notes)
        if len(process_events(given.a, position)) < 2:
            continue  # read from B's side, A has no several to join (_one_side changes nothing)
        flipped = _one_side(given.swapped(), [_flip(m) for m in out], position, notes)
        out = [_flip(m) for m in flipped]
    return out, tuple(notes)


def _flip(m: Match) -> Match:
    """``m`` read from B's side (``dataclasses.replace`` of both sides, made directly)."""
    return Match(m.b, m.a, m.confidence, m.label, m.how)


def _one_side(given: PassInput, matches: list[Match], position: str, notes: list[str]) -> list[Match]:
    """A's one process start (end) with B's several, as the module doc says."""
    a, b = given.a, given.b
    mine, theirs = process_events(a, position), process_events(b, position)
    if len(theirs) < 2:
        return matches
    if position == "end" and len(mine) > 1:
        held = {y for m in matches for y in m.b}
        if all(y in held for y in theirs):
            return matches  # nothing left to join: a partner must be left over (the checks below)
        mine = closing_ends(a, mine, given.langs[0])  # its one closing end among side and early ends
    if len(mine) != 1:
        return matches
    one = mine[0]
    if position == "end":
        partners = case_ends(b, theirs, a.steps[one].name, given.langs[1])
    elif any(approach_against_arrival(a.steps[one], b.steps[y], given.langs) for y in theirs):
        return matches
    else:
        partners = theirs
    if not partners or any((one, y) in given.banned for y in partners):
        return matches
    if len({b.steps[y].process for y in partners}) > 1:
        return matches  # the starts (ends) of several pools: each its own process's, not one case's ways
    holder = {y: k for k, m in enumerate(matches) for y in m.b}
    own = next((k for k, m in enumerate(matches) if one in m.a), None)
    if own is not None:
        m = matches[own]
        if m.a != (one,) or m.how == "confirmed" or any(y not in theirs for y in m.b):
            return matches
    if any(holder.get(y, own) != own for y in partners):
        return matches
    before = set(matches[own].b) if own is not None else set()
    if before >= set(partners):
        return matches
    order = {s: j for j, s in enumerate(b.steps)}
    ys = tuple(sorted(before | set(partners), key=order.__getitem__))
    i = {s: k for k, s in enumerate(a.steps)}[one]
    confidence = max(float(given.score[i, order[y]]) for y in ys)
    label = max(float(given.lab[i, order[y]]) for y in ys)
    made = Match((one,), ys, round(confidence, 3), round(label, 3), ENDING)
    notes.append(
        f'"{display_name(a.steps[one])}" = '
        + " + ".join(f'"{display_name(b.steps[y])}"' for y in ys)
        + f": matched with lower confidence ({made.confidence:.2f}), the one {position} event of its model "
        + (
            "against every start event of the other"
            if position == "start"
            else "against every end of the other that closes the case (not a withdrawal, not a side branch's end)"
        )
    )
    if own is None:
        return [*matches, made]
    return [made if k == own else m for k, m in enumerate(matches)]
