"""An unnamed step said by its place, not its id: "unnamed end event after “Archive original”".

Tools leave many events unnamed (bpmn.io's start and end events, Signavio's boundary events), and a
diff of files drawn in other tools named each by what it is and its id ("unnamed end event
sid-BC9AC0B6-1785-4E35-A974-7FEF1A586B9D"), which a person cannot find in the drawing (found by QA,
qaproc: 5 of the 18 pairs of MIWG C.1.0's reference against Signavio's export read so). A step is
found by its neighbours: a boundary event on the step it sits on, a start event before the first
named step it leads to, a subprocess by the first named step in it (an event subprocess has no
neighbours: "unnamed subprocess with “Cancelation requested”"), any other after the nearest named step
before it (else before the nearest after it), walking over unnamed steps of the same process only (a
message from another pool is no place in this one). A timer's words (report.stepwords: how long, on which
step) say more and are put over these by the caller.

Two steps whose words would read alike (two unnamed ends after one choice; Signavio's HR process draws one
pool twice, so its "Bewerbung sichten" has no other place than its twin's) are told apart by their lane or
pool where those differ ("in “Bewerbungsprüfung - Sachbearbeiter Personal”"), else counted as drawn: left to
right, then top to bottom, a step without a shape after those with one, in flow order ("first of two"; found
by QA, qavariation: the diff and compare repeated lines that read alike). Only a step with nothing named
around it and no named lane or pool keeps its id (display_name).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from processes.diff.diffwords import unnamed_what, word
from processes.diff.view import ModelView, Step
from processes.model import Definitions, Event, SubProcess

#: a step's words (``_apart``) from its id, the words that place it (or None), its lane or pool (or "") and its
#: count among those alike (or "")
_Compose = Callable[[str, "str | None", str, str], "str | None"]

__all__ = ["placed_words", "twin_words"]


def placed_words(view: ModelView, defs: Definitions, lang: str) -> dict[str, str]:
    """Unnamed step's id -> its words in ``lang`` by its place (module doc), for each unnamed step of ``view`` (the
    view of ``defs``) that has a named step of its process around it or in it, or a named lane or pool; two that
    would read alike told apart (module doc)."""
    inner = _first_inside(defs)
    said: dict[str, str | None] = {}
    for step in view.steps.values():
        if step.name:
            continue
        said[step.id] = (word("unnamed_with", lang, what=unnamed_what(step, lang), step=inner[step.id])
                         if step.id in inner else _placed(view, step, lang))

    def words(i: str, place: str | None, where: str, nth: str) -> str | None:
        if place is None:
            if not where:
                return None
            said = word("unnamed_in", lang, what=unnamed_what(view.steps[i], lang), where=where)
            return f"{said} ({nth})" if nth else said
        extra = [*([word("place_in", lang, where=where)] if where else []), *([nth] if nth else [])]
        return f"{place} ({', '.join(extra)})" if extra else place

    return _apart(view, defs, lang, said, words, {i: unnamed_what(view.steps[i], lang) for i in said})


def _first_inside(defs: Definitions) -> dict[str, str]:
    """Each unnamed subprocess's id -> the name of its named start event, else of its first named step by id."""
    out = {}
    for process in defs.processes:
        children: dict[str, list[tuple[bool, str, str]]] = {}
        for node in process.nodes.values():
            name = " ".join((node.name or "").split())
            if name and node.parent in process.nodes:
                start = isinstance(node, Event) and node.position == "start"
                children.setdefault(node.parent, []).append((not start, node.id, name))
        for node in process.nodes.values():
            if isinstance(node, SubProcess) and not (node.name or "").strip() and children.get(node.id):
                out[node.id] = min(children[node.id])[2]
    return out


def _placed(view: ModelView, step: Step, lang: str, prefix: str = "unnamed", over: frozenset[str] = frozenset(),
            **values: str) -> str | None:
    """The step's words by its place (module doc): the word ``prefix``_on, _before or _after of the table with
    ``values`` and the neighbour's name, else None; ``values`` default to what an unnamed step is; the steps
    ``over`` are walked over as the unnamed ones are."""
    values = values or {"what": unnamed_what(step, lang)}
    position = step.detail.split(":")[0]
    if position == "boundary":
        host = _nearest(view, step, view.predecessors, over, 1)
        if host:
            return word(prefix + "_on", lang, step=host, **values)
    before, after = (_nearest(view, step, walk, over) for walk in (view.successors, view.predecessors))
    if position == "start" and before:
        return word(prefix + "_before", lang, step=before, **values)
    if after:
        return word(prefix + "_after", lang, step=after, **values)
    return word(prefix + "_before", lang, step=before, **values) if before else None


def twin_words(view: ModelView, defs: Definitions, lang: str) -> dict[str, str]:
    """Step's id -> its name and place in ``lang`` ("Update Remaining Vacation (after “Vacation Approved
    Automatically”)") for each named step of ``view`` (the view of ``defs``) whose name another of its steps has
    too: the lines of a diff named both alike (found by QA, qaproc: MIWG C.8.0 draws "Update Remaining Vacation"
    and "Notify Employee of Refusal" twice each, and its diff listed two matched lines that read the same). The
    place is found walking over the twins as over unnamed steps (two twins one after the other would name each
    other); twins whose places read alike too are told apart by their lane or pool, else counted (module doc:
    "Bewerbung sichten (in “Bewerbungsprüfung - Sachbearbeiter Personal”)", "X (after “Y”, second of two)")."""
    named = Counter(_one_line(s.name) for s in view.steps.values() if s.name)
    twins = frozenset(i for i, s in view.steps.items() if s.name and named[_one_line(s.name)] > 1)
    said = {i: _placed(view, view.steps[i], lang, "place", twins, what="") for i in sorted(twins)}

    def words(i: str, place: str | None, where: str, nth: str) -> str | None:
        parts = [*([place] if place else []), *([word("place_in", lang, where=where)] if where else []),
                 *([nth] if nth else [])]
        return word("twin", lang, name=_one_line(view.steps[i].name), said=", ".join(parts)) if parts else None

    return _apart(view, defs, lang, said, words, {i: _one_line(view.steps[i].name) for i in said})


def _one_line(name: str) -> str:
    return " ".join(name.split())


def _apart(view: ModelView, defs: Definitions, lang: str, placed: dict[str, str | None], words: _Compose,
           kinds: dict[str, str]) -> dict[str, str]:
    """Step's id -> its words (``words``: from its place in ``placed``, its lane or pool, its count), the steps
    whose places read alike, or that have none, told apart by their lane or pool where those differ, else
    counted as drawn (module doc); ``kinds``: what reads alike besides the place (a twin's name, what an unnamed
    step is). A step ``words`` gives None, or whose words another step's still read as, is left out."""
    groups: dict[tuple[bool, str, str], list[str]] = {}
    for i, place in placed.items():
        groups.setdefault((place is None, kinds[i], place or ""), []).append(i)
    where = _wheres(view, defs)
    order = _drawn_order(view, defs)
    said: dict[str, str] = {}
    for (unplaced, _, _), ids in groups.items():
        if len(ids) == 1 and not unplaced:
            text = words(ids[0], placed[ids[0]], "", "")
            if text:
                said[ids[0]] = text
            continue
        # a lane or pool tells them apart only where theirs differ; one without a place is said by its own
        by_where = unplaced or len({where.get(i, "") for i in ids}) > 1
        alike: dict[str, list[str]] = {}
        for i in ids:
            alike.setdefault(where.get(i, "") if by_where else "", []).append(i)
        for lane, same in alike.items():
            same.sort(key=order.__getitem__)
            for k, i in enumerate(same):
                text = words(i, placed[i], lane, _nth(k, len(same), lang) if len(same) > 1 else "")
                if text:
                    said[i] = text
    counted = Counter(said.values())
    return {i: w for i, w in said.items() if counted[w] == 1}


def _wheres(view: ModelView, defs: Definitions) -> dict[str, str]:
    """Step's id -> its lane's name (view.Step.performer: the innermost named lane, else its pool's name), else
    its pool's or its process's name (an unnamed lane: Signavio draws one in each pool), one line each."""
    pools = {p.process_ref: p.name for p in defs.participants() if p.process_ref and (p.name or "").strip()}
    names = {p.id: pools.get(p.id) or p.name or "" for p in defs.processes}
    return {i: _one_line(s.performer or names.get(s.process, "")) for i, s in view.steps.items()}


def _drawn_order(view: ModelView, defs: Definitions) -> dict[str, tuple[int, float, float, float, str]]:
    """Step's id -> where it comes as drawn: left to right, then top to bottom (its shape's corner in the first
    diagram that draws it), a step without a shape after those with one, in flow order; then by id."""
    at: dict[str, tuple[float, float]] = {}
    for diagram in defs.diagrams:
        for shape in diagram.plane.shapes:
            at.setdefault(shape.element, (shape.bounds.x, shape.bounds.y))
    return {i: ((0, *at[i], 0.0, i) if i in at else (1, 0.0, 0.0, view.position.get(i, 0.0), i))
            for i in view.steps}


def _nth(k: int, n: int, lang: str) -> str:
    """The ``k``-th (from 0) of ``n`` in words: "second of two", "andra av två"; past ten "no. 11 of 12"."""
    nths, counts = word("nth", lang).split(), word("count", lang).split()
    nth = nths[k] if k < len(nths) else word("nth_many", lang, k=k + 1)
    return word("nth_of", lang, nth=nth, n=counts[n - 2] if 2 <= n < len(counts) + 2 else n)


def _nearest(view: ModelView, step: Step, walk: Callable[[str], tuple[str, ...]], over: frozenset[str],
             limit: int = 0) -> str:
    """The name of the nearest named step of ``step``'s process walking ``walk`` over unnamed ones and those
    ``over`` (``limit``: at most that many steps away, 0 no limit); of several as near, the first in the flow; ""
    when none is."""
    seen, level = {step.id}, [step.id]
    for _ in range(limit or len(view.steps)):
        ahead = sorted({n for s in level for n in walk(s)
                        if n not in seen and n in view.steps and view.steps[n].process == step.process},
                       key=lambda n: (view.position.get(n, 0.0), n))
        named = [n for n in ahead if view.steps[n].name and n not in over]
        if named:
            return " ".join(view.steps[named[0]].name.split())
        if not ahead:
            break
        seen.update(ahead)
        level = ahead
    return ""
