"""An unnamed step said by its place, not its id: "unnamed end event after “Archive original”".

Tools leave many events unnamed (bpmn.io's start and end events, Signavio's boundary events), and a
diff of files drawn in other tools named each by what it is and its id ("unnamed end event
sid-BC9AC0B6-1785-4E35-A974-7FEF1A586B9D"), which a person cannot find in the drawing (found by QA,
qaproc: 5 of the 18 pairs of MIWG C.1.0's reference against Signavio's export read so). A step is
found by its neighbours: a boundary event on the step it sits on, a start event before the first
named step it leads to, a subprocess by the first named step in it (an event subprocess has no
neighbours: "unnamed subprocess with “Cancelation requested”"), any other after the nearest named step
before it (else before the nearest after it), walking over unnamed steps of the same process only (a
message from another pool is no place in this one). Two unnamed steps of one model said alike keep their ids (display_name): the
words must tell them apart. A timer's words (report.stepwords: how long, on which step) say more and
are put over these by the caller.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from processes.diff.diffwords import unnamed_what, word
from processes.diff.view import ModelView, Step
from processes.model import Definitions, Event, SubProcess

__all__ = ["placed_words", "twin_words"]


def placed_words(view: ModelView, defs: Definitions, lang: str) -> dict[str, str]:
    """Unnamed step's id -> its words in ``lang`` by its place (module doc), for each unnamed step of ``view`` (the
    view of ``defs``) that has a named step of its process around it or in it and whose words no other unnamed
    step of ``view`` shares."""
    inner = _first_inside(defs)
    said = {}
    for step in view.steps.values():
        if step.name:
            continue
        words = (word("unnamed_with", lang, what=unnamed_what(step, lang), step=inner[step.id])
                 if step.id in inner else _placed(view, step, lang))
        if words:
            said[step.id] = words
    alike = Counter(said.values())
    return {i: w for i, w in said.items() if alike[w] == 1}


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


def twin_words(view: ModelView, lang: str) -> dict[str, str]:
    """Step's id -> its name and place in ``lang`` ("Update Remaining Vacation (after “Vacation Approved
    Automatically”)") for each named step of ``view`` whose name another of its steps has too: the lines of a
    diff named both alike (found by QA, qaproc: MIWG C.8.0 draws "Update Remaining Vacation" and "Notify
    Employee of Refusal" twice each, and its diff listed two matched lines that read the same). The place is
    found walking over the twins as over unnamed steps (two twins one after the other would name each other);
    twins whose places read alike too keep their name alone."""
    named = Counter(" ".join(s.name.split()) for s in view.steps.values() if s.name)
    twins = frozenset(i for i, s in view.steps.items() if s.name and named[" ".join(s.name.split())] > 1)
    said = {}
    for i in sorted(twins):
        words = _placed(view, view.steps[i], lang, "twin", twins, name=" ".join(view.steps[i].name.split()))
        if words:
            said[i] = words
    alike = Counter(said.values())
    return {i: w for i, w in said.items() if alike[w] == 1}


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
