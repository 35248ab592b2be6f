"""Two end events (or two start events) between the same matched steps mark one moment.

The matcher pairs the only start event of each model, and the only end event, whatever they
are called (matching.py). When a model has several ("Ansökan avslås efter tre underkända
prov" beside "Ärendet är klart"), their names must say which is which; "Ärendet är klart"
and "Ärende avslutat" say it in words that share only "ärende". Their place says it: the
context pass (groups.context_pass) pairs two steps left over whose matched neighbours are the
same (all of them), and asks a label similarity of at least 0.3 of two named steps; for two
end events, or two start events, of the same trigger the same neighbours are enough — where
a process ends is not a matter of wording.
"""

from __future__ import annotations

from processes.diff.matchtypes import Match, PassInput, match_units
from processes.diff.view import ModelView, Step

__all__ = ["same_end", "ending_pass"]


def same_end(x: Step, y: Step) -> bool:
    """Both start events or both end events (of any trigger).

    >>> same_end(Step("a", "Ärendet är klart", "event", "end:none"), Step("b", "Ärende avslutat", "event", "end:none"))
    True
    >>> same_end(Step("a", "Klart", "event", "end:none"), Step("b", "Klart", "event", "catch:message"))
    False
    """
    if x.kind != "event" or y.kind != "event":
        return False
    position = x.detail.split(":")[0]
    return position in ("start", "end") and position == y.detail.split(":")[0]


def ending_pass(given: PassInput, matches: list[Match]) -> list[Match]:
    """Pair an end event (a start event) left over in A with one left over in B when both have
    the same matched neighbours, all of them, and neither has another such partner."""
    a, b, lab, score, banned = given.a, given.b, given.lab, given.score, given.banned
    unit_a, unit_b = match_units(matches)

    def context(view: ModelView, step: str, unit: dict[str, int]) -> frozenset[tuple[str, int]]:
        return frozenset({("p", unit[u]) for u in view.predecessors(step) if u in unit}
                         | {("s", unit[v]) for v in view.successors(step) if v in unit})

    def ends(view: ModelView, unit: dict[str, int]) -> dict[str, frozenset[tuple[str, int]]]:
        out = {}
        for s, st in view.steps.items():
            if s in unit or st.kind != "event" or st.detail.split(":")[0] not in ("start", "end"):
                continue
            # every neighbour matched: a place fixed on both sides
            if all(u in unit for u in (*view.predecessors(s), *view.successors(s))):
                out[s] = context(view, s, unit)
        return out

    ends_a, ends_b = ends(a, unit_a), ends(b, unit_b)
    ia = {x: i for i, x in enumerate(a.steps)}
    ib = {y: j for j, y in enumerate(b.steps)}
    out = list(matches)
    for x, cx in sorted(ends_a.items()):
        if not cx:
            continue
        ys = [y for y, cy in ends_b.items() if cy == cx and same_end(a.steps[x], b.steps[y])]
        xs = [u for u, cu in ends_a.items() if cu == cx and ys and same_end(a.steps[u], b.steps[ys[0]])]
        if len(ys) != 1 or len(xs) != 1 or (x, ys[0]) in banned:
            continue
        i, j = ia[x], ib[ys[0]]
        out.append(Match((x,), (ys[0],), round(float(score[i, j]), 3), round(float(lab[i, j]), 3), "context"))
    return out
