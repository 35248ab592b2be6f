"""Branch and loop counts by replaying the log on the model (pm4py token-based replay).

Counting a branch by the steps on it (:func:`calibrate.fits.fit_branching`) needs a
step that marks the branch alone, and counts a gateway's passes by the rows of the
steps before it. In a discovered model that fails often: the inductive miner nests
loops around parallel blocks and adds skip branches without a step (a parallel join
before a loop gateway would count each pass once per branch). Replaying each case on
the model counts what a token actually did: the model becomes a Petri net (a place per
sequence flow; per exclusive gateway a silent transition per outgoing flow, so its
firings count the flow), pm4py's token-based replay finds for each trace the
transitions fired (silent ones on the shortest way to the next logged step), and a
flow's share is its firings over its gateway's.

Only plain models replay: one process of tasks, gateways and events without
subprocesses or boundary events (every discovered model is one); otherwise
:func:`replay_counts` returns ``None`` and the counting by marks stays. pm4py is
imported here only (the ``logs`` extra).
"""

from __future__ import annotations

import contextlib
import io
import threading
from collections.abc import Iterator
from typing import Any

import numpy as np

from calibrate.observe import Observed
from processes.model import Event, Gateway, Process, Task

__all__ = ["replayable", "replay_counts", "FLOW_PREFIX", "petri_net", "without_reachable_at_the_end"]

#: the name of the silent transition that counts a gateway's outgoing flow
FLOW_PREFIX = "flow:"


def replayable(process: Process) -> bool:
    """True when ``process`` holds only tasks, gateways and start/intermediate/end events."""
    for node in process.nodes.values():
        if isinstance(node, Gateway) or isinstance(node, Task):
            continue
        if isinstance(node, Event) and node.position in ("start", "end", "intermediate_catch", "intermediate_throw"):
            continue
        return False
    starts = [n for n in process.nodes.values() if isinstance(n, Event) and n.position == "start"]
    return len(starts) == 1


def petri_net(process: Process, visible: set[str]) -> tuple[Any, Any, Any]:
    """The Petri net of ``process`` (see the module doc); ``visible``: the steps the log records."""
    from pm4py.objects.petri_net.obj import Marking, PetriNet
    from pm4py.objects.petri_net.utils.petri_utils import add_arc_from_to

    net = PetriNet("replay")
    places: dict[str, Any] = {}

    def place(name: str) -> Any:
        if name not in places:
            places[name] = PetriNet.Place(name)
            net.places.add(places[name])
        return places[name]

    def transition(name: str, label: str | None, inputs: list[Any], outputs: list[Any]) -> None:
        t = PetriNet.Transition(name, label)
        net.transitions.add(t)
        for p in inputs:
            add_arc_from_to(p, t, net)
        for p in outputs:
            add_arc_from_to(t, p, net)

    source, sink = place("source"), place("sink")
    for node in process.nodes.values():
        ins = [place(f.id) for f in process.incoming(node.id)]
        outs = [place(f.id) for f in process.outgoing(node.id)]
        if isinstance(node, Event) and node.position == "start":
            ins = [source]
        if isinstance(node, Event) and node.position == "end":
            outs = [sink]
        if isinstance(node, Gateway) and node.gateway_kind == "parallel":
            transition(f"node:{node.id}", None, ins, outs)
            continue
        # one token in from any incoming flow (exclusive merge, as a task or event merges)
        entry = ins[0] if len(ins) == 1 else place(f"in:{node.id}")
        if len(ins) > 1:
            for p in ins:
                transition(f"merge:{node.id}:{p.name}", None, [p], [entry])
        if isinstance(node, Gateway):  # exclusive, inclusive and event-based split: one flow each pass
            for f, p in zip(process.outgoing(node.id), outs, strict=True):
                transition(FLOW_PREFIX + f.id, None, [entry], [p])
            continue
        transition(f"node:{node.id}", node.id if node.id in visible else None, [entry], outs)
    return net, Marking({source: 1}), Marking({sink: 1})


class _NothingReachable:
    """pm4py's ``align_utils`` as token replay sees it, but for the one search the counts never read."""

    def __init__(self, module: Any) -> None:
        self._module = module

    def __getattr__(self, name: str) -> Any:
        return getattr(self._module, name)

    @staticmethod
    def get_visible_transitions_eventually_enabled_by_marking(net: Any, marking: Any) -> set[Any]:
        return set()


#: one replay at a time swaps pm4py's module attribute (two threads replaying at once would otherwise restore
#: each other's swap: the second would keep the stand-in for good)
_SWAP = threading.Lock()


@contextlib.contextmanager
def without_reachable_at_the_end(token_replay: Any) -> Iterator[None]:
    """Token replay without its last step per variant: the visible transitions the final marking could
    reach through silent ones (its result's ``enabled_transitions_in_marking``, a diagnosis no count here
    reads) are a search over the net's silent transitions, half of ``compare``'s CPU on a log of BPIC15's
    size (about 70 of 140 s). Replaced in the replay module alone while it runs; what it fires is the same."""
    with _SWAP:
        real = token_replay.align_utils
        token_replay.align_utils = _NothingReachable(real)
        try:
            yield
        finally:
            token_replay.align_utils = real


def replay_counts(process: Process, obs: Observed) -> dict[str, np.ndarray] | None:
    """Per outgoing flow of each diverging gateway: how often each case took it (one count per
    case, case order of the log); ``None`` when the model does not replay (see the module doc)."""
    if not replayable(process):
        return None
    from pm4py.algo.conformance.tokenreplay.variants import token_replay
    from pm4py.objects.log.obj import Event as LogEvent
    from pm4py.objects.log.obj import EventLog, Trace

    net, im, fm = petri_net(process, set(obs.elements))
    bounds = obs.table.case_bounds()
    log = EventLog()
    for c in range(obs.table.n_cases):
        codes = obs.element[int(bounds[c]):int(bounds[c + 1])]
        log.append(Trace([LogEvent({"concept:name": obs.elements[e]}) for e in codes if e >= 0]))
    params = {token_replay.Parameters.ACTIVITY_KEY: "concept:name",
              token_replay.Parameters.SHOW_PROGRESS_BAR: False}
    with contextlib.redirect_stderr(io.StringIO()), contextlib.redirect_stdout(io.StringIO()), \
            without_reachable_at_the_end(token_replay):
        results = token_replay.apply(log, net, im, fm, parameters=params)
    flows = [f.id for n in process.nodes.values() if isinstance(n, Gateway) for f in process.outgoing(n.id)
             if len(process.outgoing(n.id)) > 1]
    counts = {f: np.zeros(obs.table.n_cases) for f in flows}
    for c, result in enumerate(results):
        for t in result["activated_transitions"]:
            name = t.name if hasattr(t, "name") else str(t)
            if name.startswith(FLOW_PREFIX) and name[len(FLOW_PREFIX):] in counts:
                counts[name[len(FLOW_PREFIX):]][c] += 1
    return counts
