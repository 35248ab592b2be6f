"""What an element a model leaves unnamed is, in English and Swedish words: "an unnamed complex gateway (Gw_C)",
"en namnlös komplex gateway (Gw_C)", for the page's refusal of an upload (:func:`web.plainwords.named`).

The refusal named such an element by its id in brackets alone ("(Gw_C): complex gateways are not simulated"),
which tells a manager nothing of what to look for in the drawing. A step is said in the words ``permitflow diff``
says an unnamed step by (:func:`processes.diff.diffwords.unnamed_what`: "end event", "sluthändelse"); what the
diff never names — gateways, flows, lanes, pools, processes, data — by the words the refusals themselves use
("komplexa gateways", "ett sekvensflöde").
"""

from __future__ import annotations

from types import SimpleNamespace

from processes.diff.diffwords import unnamed_what
from processes.model import CallActivity, Definitions, Event, Gateway, Node, SubProcess, Task

__all__ = ["unnamed_kinds", "unnamed_said"]

#: a gateway by its kind, (English, Swedish), as the refusals say them ("komplexa gateways simuleras inte")
_GATEWAYS = {"exclusive": ("exclusive gateway", "exklusiv gateway"),
             "inclusive": ("inclusive gateway", "inkluderande gateway"),
             "parallel": ("parallel gateway", "parallell gateway"),
             "eventBased": ("event-based gateway", "händelsebaserad gateway"),
             "complex": ("complex gateway", "komplex gateway")}
#: what the diff's steps are not: (English, Swedish)
_OTHERS = {"event subprocess": ("event subprocess", "händelseunderprocess"),
           "flow": ("sequence flow", "sekvensflöde"), "lane": ("lane", "bana"), "pool": ("pool", "pool"),
           "process": ("process", "process"), "data": ("data object", "dataobjekt")}
#: the Swedish words that take "ett namnlöst" (neuter), not "en namnlös"
_NEUTER = frozenset({"sekvensflöde", "dataobjekt"})


def _node_what(node: Node, lang: str) -> str:
    """What ``node`` is in ``lang``'s words."""
    en = lang == "en"
    if isinstance(node, Gateway):
        return _GATEWAYS[node.gateway_kind][0 if en else 1]
    if isinstance(node, SubProcess) and node.triggered_by_event:
        return _OTHERS["event subprocess"][0 if en else 1]
    if isinstance(node, Event):  # the diff's view says an event by its position (start, end, boundary, other)
        return unnamed_what(SimpleNamespace(kind="event", detail=node.position), lang)
    if isinstance(node, Task | SubProcess | CallActivity):
        kind = {Task: "task", SubProcess: "subProcess", CallActivity: "callActivity"}[type(node)]
        return unnamed_what(SimpleNamespace(kind=kind, detail=""), lang)
    return _OTHERS["data"][0 if en else 1]


def unnamed_kinds(defs: Definitions, lang: str) -> dict[str, str]:
    """Every id of ``defs``' processes, their elements, flows and lanes, and pools -> what it is in ``lang``'s
    words ("complex gateway", "sekvensflöde"), to say one the model leaves unnamed (:func:`unnamed_said`)."""
    en = lang == "en"
    kinds = {pool.id: _OTHERS["pool"][0 if en else 1] for pool in defs.participants()}
    for process in defs.processes:
        kinds[process.id] = _OTHERS["process"][0 if en else 1]
        kinds.update({lane.id: _OTHERS["lane"][0 if en else 1] for lane in process.lanes()})
        kinds.update({flow: _OTHERS["flow"][0 if en else 1] for flow in process.flows})
        kinds.update({node_id: _node_what(node, lang) for node_id, node in process.nodes.items()})
    return kinds


def unnamed_said(element: str, what: str, lang: str) -> str:
    """An unnamed ``element`` (its id) that is ``what``, in ``lang``.

    >>> unnamed_said("Gw_C", "complex gateway", "en"), unnamed_said("Gw_C", "komplex gateway", "sv")
    ('an unnamed complex gateway (Gw_C)', 'en namnlös komplex gateway (Gw_C)')
    >>> unnamed_said("Flow_1", "sekvensflöde", "sv")
    'ett namnlöst sekvensflöde (Flow_1)'
    """
    if lang == "en":
        return f"an unnamed {what} ({element})"
    return f"{'ett namnlöst' if what in _NEUTER else 'en namnlös'} {what} ({element})"
