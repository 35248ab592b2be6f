"""The steps two levers change, found by what they are in a model, not by the library's ids.

*Share of complete applications* changes the completeness check: the exclusive gateway
where one way goes on with a complete application and the other loops back, through a
request sent to someone (for a supplement), to the check again. Of the gateways on that
loop which leave it, the check is the first one a case meets after entering the loop (the
library's ``Gw_Komplett``, before "Kompletteringsomgång kvar?" and "Komplettering eller
återkallelse?"); its way out is the complete branch, its way round the incomplete one.
When two loops fit, the one whose steps are named as the completeness stage of a case
(``processes/diff/stages.yaml``: "komplett", "supplement", ...) is taken; when that does not
settle it, none is.

*Remiss answers* are the message catch events and receive tasks that get a message from
another party than the applicant after the process sent that party a message (the remiss):
the library's ``Event_Remissvar_…``. The applicant is the party whose message starts the
process (or, without one, the party the supplement request goes to).

:func:`lever_steps` reads a BPMN text once (cached by a digest of the text, not the text: a server
keeps no model it has forgotten) and gives :class:`LeverSteps`; a lever with nothing that fits, or
two that fit equally, gets a :class:`NotFound` naming the steps by their names.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict, deque
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from bpmn_io.reader import parse_bpmn
from processes.digraph import closed_components
from processes.errors import PermitflowError
from processes.model import Definitions, Event, Gateway, Process, SequenceFlow, Task
from processes.shownnames import name_in
from processes.wording import quoted

__all__ = ["Completeness", "NotFound", "LeverSteps", "lever_steps", "steps_of", "text_key", "remember_steps"]


@dataclass(frozen=True, slots=True)
class Completeness:
    """The completeness check: its gateway, the flow of a complete and of an incomplete application."""

    gateway: str
    complete: str
    incomplete: str


@dataclass(frozen=True, slots=True)
class NotFound:
    """Why a lever's step was not found: ``names`` (English, Swedish) of the steps that fit equally (none:
    nothing fits)."""

    names: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class LeverSteps:
    """What the levers change in one model: the completeness check and the remiss answers (in model order)."""

    completeness: Completeness | NotFound
    remiss_answers: tuple[str, ...] | NotFound


def _said(node: object, lang: str = "sv") -> str:
    """A step's name in ``lang`` (its name per language, else the drawn one), its white space made single."""
    return " ".join(name_in(node, lang).split())


def _name(process: Process, node_id: str) -> tuple[str, str]:
    """A step's name in quotes (English, Swedish: each language's name of it); an unnamed one by the named step
    before it, never by its id."""
    node = process.nodes.get(node_id)
    if _said(node):
        return quoted(_said(node, "en"), "en"), quoted(_said(node, "sv"), "sv")
    before = next((process.nodes.get(f.source) for f in process.incoming(node_id)
                   if _said(process.nodes.get(f.source))), None)
    if before is not None:
        return (f"the unnamed choice after {quoted(_said(before, 'en'), 'en')}",
                f"det namnlösa valet efter {quoted(_said(before, 'sv'), 'sv')}")
    return "an unnamed choice", "ett namnlöst val"


def _successors(process: Process) -> dict[str, list[str]]:
    """Node -> the nodes a case may go to next (a boundary event follows its host activity)."""
    nxt: dict[str, list[str]] = {n: [] for n in process.nodes}
    for flow in process.flows.values():
        if flow.source in nxt and flow.target in process.nodes:
            nxt[flow.source].append(flow.target)
    for node in process.nodes.values():
        if isinstance(node, Event) and node.position == "boundary" and node.attached_to in nxt:
            nxt[node.attached_to].append(node.id)
    return nxt


def _reach(start: Iterable[str], nxt: Mapping[str, list[str]]) -> dict[str, int]:
    """Node -> steps from ``start`` (breadth first)."""
    seen = {s: 0 for s in start}
    todo = deque(seen)
    while todo:
        here = todo.popleft()
        for there in nxt.get(here, ()):
            if there not in seen:
                seen[there] = seen[here] + 1
                todo.append(there)
    return seen


def _components(nxt: Mapping[str, list[str]]) -> dict[str, frozenset[str]]:
    """Node -> its strongly connected component (the nodes it reaches that reach it back, itself among them):
    Tarjan's algorithm without recursion, in time linear in the nodes and flows."""
    component: dict[str, frozenset[str]] = {}
    for members in closed_components(nxt, lambda node: nxt.get(node, ())):
        frozen = frozenset(members)
        for node in members:
            component[node] = frozen
    return component


def _party(defs: Definitions, process: Process) -> dict[str, str]:
    """Element id (participant or flow node) -> the participant it belongs to."""
    of_process = {p.process_ref: p.id for p in defs.participants() if p.process_ref}
    party = {p.id: p.id for p in defs.participants()}
    for proc in defs.processes:
        owner = of_process.get(proc.id, proc.id)
        for node_id in proc.nodes:
            party[node_id] = owner
    return party


def _senders(defs: Definitions, process: Process) -> dict[str, set[str]]:
    """Node of ``process`` that sends a message -> the parties its message flows go to (a send task or a
    message throw event drawn without a message flow sends to a party the model does not name)."""
    party = _party(defs, process)
    out: dict[str, set[str]] = {}
    for node in process.nodes.values():
        if (isinstance(node, Task) and node.task_type == "sendTask") or (
                isinstance(node, Event) and node.position in ("intermediate_throw", "end") and node.trigger == "message"):
            out[node.id] = set()
    for flow in defs.message_flows():
        if flow.source in process.nodes and flow.target in party:
            out.setdefault(flow.source, set()).add(party[flow.target])
    return out


def _completeness(process: Process, senders: Mapping[str, set[str]],
                  words: Callable[[], Mapping[str, bool]]) -> tuple[Completeness | NotFound, set[str]]:
    """The completeness check of ``process`` and the parties its loop's request goes to."""
    nxt = _successors(process)
    prev: dict[str, list[str]] = {n: [] for n in nxt}
    for here, theres in nxt.items():
        for there in theres:
            prev[there].append(here)
    # a flow out of a gateway goes back to it when its target is in the gateway's component, and the loop is
    # that component (what the gateway reaches and what reaches it): found once for every gateway, not by a
    # walk of the model from each (a model of 3,000 such gateways took minutes to check)
    component = _components(nxt)
    leaving: dict[str, list[SequenceFlow]] = {}
    for flow in process.flows.values():
        if flow.target in process.nodes:
            leaving.setdefault(flow.source, []).append(flow)
    loops: dict[frozenset[str], list[Completeness]] = {}
    for gw in process.nodes.values():
        if not isinstance(gw, Gateway) or gw.gateway_kind != "exclusive":
            continue
        out = leaving.get(gw.id, [])
        if len(out) != 2:
            continue
        loop = component[gw.id]
        back = [f for f in out if f.target in loop]
        if len(back) != 1:
            continue
        if not any(n in senders for n in loop):
            continue
        way_out = next(f for f in out if f is not back[0])
        loops.setdefault(loop, []).append(Completeness(gw.id, way_out.id, back[0].id))
    found: list[tuple[frozenset[str], Completeness]] = []
    for loop, gateways in loops.items():
        entries = [n for n in loop if any(m not in loop for m in prev[n])]
        steps = _reach(entries, {n: [m for m in nxt[n] if m in loop] for n in loop})
        first = min(steps.get(c.gateway, len(loop)) for c in gateways)
        found += [(loop, c) for c in gateways if steps.get(c.gateway, len(loop)) == first]
    if len({loop for loop, _c in found}) > 1:  # several loops: the one named as the completeness stage
        said = words()
        found = [item for item in found if any(said.get(n) for n in item[0])] or found
    requests = {p for loop, _c in found for n in loop for p in senders.get(n, ())}
    if len(found) == 1:
        return found[0][1], requests
    return NotFound(tuple(_name(process, c.gateway) for _l, c in found)), set()


def _remiss_answers(defs: Definitions, process: Process, senders: Mapping[str, set[str]],
                    applicant: set[str]) -> tuple[str, ...] | NotFound:
    party = _party(defs, process)
    me = party.get(next(iter(process.nodes), ""), process.id)
    # what the senders of a message to each party reach, walked once from all of them together and only for a
    # party the question needs (walked from every sender, the successors found again for each: a model of 4,000
    # send tasks in a row took 50 s and 370 MB to check)
    nxt = _successors(process)
    reached: dict[str, dict[str, int]] = {}

    def after_message_to(to: str) -> dict[str, int]:
        if to not in reached:
            reached[to] = _reach([n for n, parties in senders.items() if to in parties], nxt)
        return reached[to]

    coming: dict[str, set[str]] = {}
    for flow in defs.message_flows():
        if flow.source in party:
            coming.setdefault(flow.target, set()).add(party[flow.source])
    answers = []
    for node in process.nodes.values():
        waits = (isinstance(node, Event) and node.position == "intermediate_catch" and node.trigger == "message") or (
            isinstance(node, Task) and node.task_type == "receiveTask")
        if not waits:
            continue
        others = coming.get(node.id, set()) - applicant - {me}
        if any(node.id in after_message_to(other) for other in sorted(others)):
            answers.append(node.id)
    return tuple(answers) if answers else NotFound()


def steps_of(defs: Definitions) -> LeverSteps:
    """The lever steps of a read model (its simulated process: the first with steps)."""
    try:
        process = defs.process()
    except (KeyError, ValueError, IndexError):
        return LeverSteps(NotFound(), NotFound())
    senders = _senders(defs, process)
    completeness, requested = _completeness(process, senders, lambda: _completeness_words(process))
    party = _party(defs, process)
    starts = {n.id for n in process.nodes.values() if isinstance(n, Event) and n.position == "start"}
    starting = {party[f.source] for f in defs.message_flows() if f.source in party and f.target in starts}
    return LeverSteps(completeness, _remiss_answers(defs, process, senders, starting or requested))


def _completeness_words(process: Process) -> dict[str, bool]:
    """Node -> whether its name says the completeness stage of a case (as the diff reads a label)."""
    names = {n.id: n.name for n in process.nodes.values() if n.name}
    if not names:
        return {}
    from processes.diff.stages import stage_of
    from processes.diff.synonyms import builtin_synonyms
    from processes.diff.text import Lexicon

    lex = Lexicon.build(builtin_synonyms(), list(names.values()))
    return {n: stage_of(lex, name) == "completeness" for n, name in names.items()}


#: the lever steps of the models read lately, by :func:`text_key` of their text: a cache keyed by the
#: text itself (``lru_cache``) kept the last 64 models a server was sent, up to 5 MB each, long after
#: it had forgotten their uploads (it keeps 32)
_STEPS: OrderedDict[bytes, LeverSteps | None] = OrderedDict()
_STEPS_KEPT = 64
_STEPS_LOCK = threading.Lock()


def text_key(bpmn: str) -> bytes:
    """The key :func:`lever_steps` keeps a model's steps under: a digest of its text."""
    return hashlib.blake2b(bpmn.encode("utf-8"), digest_size=20).digest()


def remember_steps(key: bytes, steps: LeverSteps | None) -> None:
    """Keep ``steps`` as the lever steps of the model whose :func:`text_key` is ``key`` (found elsewhere:
    an upload's process of its own)."""
    with _STEPS_LOCK:
        _STEPS[key] = steps
        _STEPS.move_to_end(key)
        while len(_STEPS) > _STEPS_KEPT:
            _STEPS.popitem(last=False)


def lever_steps(bpmn: str) -> LeverSteps | None:
    """The lever steps of a BPMN text (``None`` when it cannot be read: the run says why)."""
    key = text_key(bpmn)
    with _STEPS_LOCK:
        if key in _STEPS:
            _STEPS.move_to_end(key)
            return _STEPS[key]
    try:
        steps = steps_of(parse_bpmn(bpmn.encode("utf-8"), source="model"))
    except PermitflowError:
        steps = None
    remember_steps(key, steps)
    return steps
