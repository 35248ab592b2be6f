"""The N-way comparison's correspondence classes, with the person's match decisions across every pair.

Each pairwise diff honours the decisions for its own two models, but a class joins steps through
other models: A's step matched to B's, B's to C's, puts A's and C's steps in one row even where the
person rejected that pair for A and C. Here the pairs' links are joined strongest first — the
person's confirmed pairs, then the matcher's by confidence, highest first (a tie by the steps' models and ids) — and a link that would put
two steps the person rejected into one class is left out: the class is split at its weakest link
between them. Confirmed pairs that join two rejected steps by themselves are a contradiction in the
file, refused with its line.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from processes.diff.decisions import Decision, MatchDecisions
from processes.diff.result import ModelDiff
from processes.errors import InputError

__all__ = ["DecidedClasses", "decided_classes"]

Step = tuple[str, str]  # (model name, step id)


@dataclass(frozen=True, slots=True)
class DecidedClasses:
    """``find``: node -> its class's representative. ``confirmed``: the nodes a confirmed pair links;
    ``apart``: node -> the nodes a rejected pair kept out of its class (only where a link was left out)."""

    find: Callable[[int], int]
    confirmed: frozenset[int]
    apart: Mapping[int, tuple[int, ...]]


def decided_classes(
    pairs: Sequence[ModelDiff], decisions: MatchDecisions, node: Callable[[Step], int], parent: list[int]
) -> DecidedClasses:
    """Join the steps each pair matched into classes (``parent``: the union-find array ``node``
    numbers steps into), honouring ``decisions`` across the pairs (module docstring)."""

    names: dict[int, Step] = {}

    def number(step: Step) -> int:
        k = node(step)
        names[k] = step
        return k

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    links: list[tuple[int, float, int, int, Decision | None]] = []  # (rank, -confidence, x, y, confirmation)
    rejected: dict[int, set[int]] = {}
    rejection: dict[tuple[int, int], Decision] = {}
    for d in pairs:
        confirmed, refused, _ = decisions.for_pair(d.a.name, frozenset(d.a.steps), d.b.name, frozenset(d.b.steps))
        confirming = {(frozenset(c.a), frozenset(c.b)): c for c in confirmed}
        for r in refused:
            if (frozenset(r.a), frozenset(r.b)) in confirming:
                continue  # the pair's own diff uses the confirmation (a note says so)
            for step_a in r.a:
                for step_b in r.b:
                    u, v = number((d.a.name, step_a)), number((d.b.name, step_b))
                    rejected.setdefault(u, set()).add(v)
                    rejected.setdefault(v, set()).add(u)
                    rejection.setdefault((u, v), r)
                    rejection.setdefault((v, u), r)
        for m in d.matches:
            nodes = [number((d.a.name, s)) for s in m.a] + [number((d.b.name, s)) for s in m.b]
            said = confirming.get((frozenset(m.a), frozenset(m.b))) if m.how == "confirmed" else None
            for other in nodes[1:]:
                links.append((0 if m.how == "confirmed" else 1, -m.confidence, nodes[0], other, said))
    if not rejected:  # nothing to keep apart: the classes are the components of the match graph
        for _, _, x, y, _ in links:
            rx, ry = find(x), find(y)
            if rx != ry:
                parent[ry] = rx
        return DecidedClasses(find, frozenset(n for r, _, x, y, _ in links if r == 0 for n in (x, y)), {})
    members: dict[int, list[int]] = {}  # class representative -> its nodes that a rejection names
    for n in rejected:
        members.setdefault(find(n), []).append(n)
    apart: dict[int, set[int]] = {}
    confirmed_nodes: set[int] = set()
    joined: list[tuple[int, int, Decision | None]] = []
    def strongest_first(link: tuple[int, float, int, int, Decision | None]) -> tuple[object, ...]:
        # on a tie, by the steps' models and ids: which link is left out does not depend on the models' order
        return (*link[:2], *sorted((names[link[2]], names[link[3]])))

    for rank, _, x, y, said in sorted(links, key=strongest_first):
        rx, ry = find(x), find(y)
        if rank == 0:
            confirmed_nodes.update((x, y))
        if rx == ry:
            continue
        clash = next(((u, v) for u in members.get(rx, ()) for v in rejected[u] if find(v) == ry), None)
        if clash is None:
            parent[ry] = rx
            members.setdefault(rx, []).extend(members.pop(ry, ()))
            joined.append((x, y, said))
            continue
        if rank == 0:
            raise _contradiction(clash, rejection[clash], joined + [(x, y, said)], decisions.source, names)
        apart.setdefault(clash[0], set()).add(clash[1])
        apart.setdefault(clash[1], set()).add(clash[0])
    return DecidedClasses(find, frozenset(confirmed_nodes), {k: tuple(sorted(v)) for k, v in apart.items()})


def _contradiction(
    clash: tuple[int, int], rejected: Decision, joined: list[tuple[int, int, Decision | None]], source: str,
    names: dict[int, Step],
) -> InputError:
    """The error for confirmed pairs that join the two steps of ``clash``, which ``rejected`` keeps apart."""
    named = {k: f"{model} {step}" for k, (model, step) in names.items()}
    path = _path(clash[0], clash[1], [(x, y) for x, y, said in joined if said is not None])
    lines = sorted({said.line for x, y, said in joined if said is not None and said.line
                    and (x, y) in path})
    through = " = ".join(named.get(n, str(n)) for n in _ordered(clash[0], path))
    at = " and ".join(", ".join(map(str, lines)).rsplit(", ", 1))
    return InputError(
        f"the pair {named.get(clash[0])} / {named.get(clash[1])} is rejected, but the pairs confirmed at"
        f" line{'s' if len(lines) > 1 else ''} {at} join its two steps ({through}); expected decisions that agree"
        " across the pairs of models (drop the rejection or one of those confirmations)",
        file=source or None, line=rejected.line or None, path=rejected.where or None,
    )


def _path(start: int, goal: int, edges: list[tuple[int, int]]) -> set[tuple[int, int]]:
    """The links of one shortest path from ``start`` to ``goal`` over ``edges`` (breadth first)."""
    near: dict[int, list[int]] = {}
    for x, y in edges:
        near.setdefault(x, []).append(y)
        near.setdefault(y, []).append(x)
    came = {start: start}
    todo = [start]
    for at in todo:
        for n in near.get(at, ()):
            if n not in came:
                came[n] = at
                todo.append(n)
    out: set[tuple[int, int]] = set()
    at = goal
    while at in came and at != start:
        out |= {(came[at], at), (at, came[at])}
        at = came[at]
    return out


def _ordered(start: int, path: set[tuple[int, int]]) -> list[int]:
    out, at = [start], start
    while True:
        nxt = next((y for x, y in path if x == at and y not in out), None)
        if nxt is None:
            return out
        out.append(nxt)
        at = nxt
