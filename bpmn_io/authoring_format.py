"""The vocabulary of the YAML authoring form, shared by its reader and writer.

Keywords map to model values (``user`` -> ``userTask``); the key tuples list
what each kind of mapping may hold (error messages quote them as "expected
one of ..."); :func:`flow_id` is the one rule for generated flow ids.

>>> flow_id("Granska", "Beslut", set()), flow_id("A", "B", {"Flow_A_B"})
('Flow_Granska_Beslut', 'Flow_A_B_2')
"""

from __future__ import annotations

import re

__all__ = [
    "TASK_KEYWORDS", "GATEWAY_KEYWORDS", "EVENT_KEYWORDS", "TRIGGER_KEYWORDS", "ISO_DURATION", "ID",
    "TOP_KEYS", "STEP_KEYS", "BLOCK_KEYS", "BOUNDARY_KEYS", "FLOW_KEYS", "NAMED_KEYS", "REF_TRIGGERS", "flow_id",
    "GATEWAY_WORD",
]

TASK_KEYWORDS = {
    "task": "task", "user": "userTask", "manual": "manualTask", "service": "serviceTask",
    "script": "scriptTask", "business-rule": "businessRuleTask", "send": "sendTask", "receive": "receiveTask",
}
GATEWAY_KEYWORDS = {"exclusive": "exclusive", "parallel": "parallel", "inclusive": "inclusive", "event-based": "eventBased"}
#: a gateway kind -> its keyword: the writer's word, and the kinds the form can hold
GATEWAY_WORD = {v: k for k, v in GATEWAY_KEYWORDS.items()}
EVENT_KEYWORDS = {"start": "start", "end": "end", "catch": "intermediate_catch", "throw": "intermediate_throw"}
TRIGGER_KEYWORDS = ("none", "timer", "message", "signal", "error", "escalation", "conditional", "terminate",
                    "link", "compensation")
ISO_DURATION = re.compile(r"P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?")
ID = re.compile(r"[A-Za-z_][\w.\-]*")
TOP_KEYS = ("process", "pool", "external", "lanes", "messages", "steps", "message_flows")
STEP_KEYS = ("id", "name", "names", "lane", "doc", "next", "task", "gateway", "event", "branches", "default", "boundary",
              "trigger", "timer", "ref", "link", "condition")
BLOCK_KEYS = ("id", "name", "names", "lane", "doc", "parallel", "join")
BOUNDARY_KEYS = ("id", "name", "names", "doc", "next", "trigger", "timer", "ref", "link", "condition", "interrupting")
FLOW_KEYS = ("to", "id", "name", "names", "condition")
#: a lane or an external pool written as a mapping instead of its name alone
NAMED_KEYS = ("name", "names")
REF_TRIGGERS = {"message": "message"}


def flow_id(source: str, target: str, taken: set[str]) -> str:
    """The generated id of a flow from ``source`` to ``target``: ``Flow_<source>_<target>``,
    with ``_2``, ``_3`` ... when that is already in ``taken``."""
    base = f"Flow_{source}_{target}"
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}_{n}"
    return candidate
