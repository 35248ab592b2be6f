"""What follows a one-to-many correspondence is one-to-many too.

One clerk sends a remiss to each body and waits for each answer ("Remittera ansökan till
Skatteverket" → "Svar från Skatteverket har kommit in", the same for räddningstjänsten);
the other sends one remiss to both and waits for one answer ("Remiss till Skatteverket och
räddningstjänsten" → "Övriga remissyttranden"). The remisses pair one to many by their
labels; the answers do not: "Övriga remissyttranden" shares only "yttrande" with each answer,
and other answers ("Polisens yttrande") say it too. The structure says it: the steps right
after the per-body remisses are the answers to them, and the step right after the one remiss
is the answer to it.

``follow_pass`` (after the other passes, before the decision pass): for each correspondence
of three steps or more, one step on one side, it collects the steps right after (and, the
same way, right before) the correspondence's steps on each side, those steps themselves not
counted. When every one of them is left over, named, of one family, one side has exactly one
and the other at least one, and the one shares a term with each of the others (label above
0), they become one correspondence. Its confidence is the lowest of its pairs' (matchtypes.pair_confidence).
"""

from __future__ import annotations

from processes.diff.matchtypes import Match, PassInput, family, named, pair_confidence
from processes.diff.view import ModelView

__all__ = ["follow_pass"]


def _around(view: ModelView, steps: tuple[str, ...], forward: bool) -> list[str]:
    inside = set(steps)
    found: set[str] = set()
    for s in steps:
        found.update(view.successors(s) if forward else view.predecessors(s))
    return sorted(found - inside)


def follow_pass(given: PassInput, matches: list[Match]) -> list[Match]:
    """The steps next to a one-to-many correspondence as one correspondence (module doc)."""
    a, b, lab, score, banned = given.a, given.b, given.lab, given.score, given.banned
    ia = {x: i for i, x in enumerate(a.steps)}
    ib = {y: j for j, y in enumerate(b.steps)}
    out = list(matches)
    for m in matches:
        if len(m.a) + len(m.b) < 3 or min(len(m.a), len(m.b)) != 1:
            continue
        for forward in (True, False):
            taken = {s for k in out for s in k.a} | {s for k in out for s in k.b}
            xs, ys = _around(a, m.a, forward), _around(b, m.b, forward)
            if not xs or not ys or min(len(xs), len(ys)) != 1:
                continue
            steps = [a.steps[x] for x in xs] + [b.steps[y] for y in ys]
            if any(s in taken for s in xs + ys) or not all(named(st) for st in steps):
                continue
            if len({family(st) for st in steps}) != 1:
                continue
            cells = [(ia[x], ib[y]) for x in xs for y in ys]
            if any((x, y) in banned for x in xs for y in ys) or any(float(lab[i, j]) <= 0.0 for i, j in cells):
                continue
            conf = min(pair_confidence(score, lab, i, j) for i, j in cells)
            label = min(float(lab[i, j]) for i, j in cells)
            out.append(Match(tuple(xs), tuple(ys), round(conf, 3), round(label, 3), "grouped"))
    return out
