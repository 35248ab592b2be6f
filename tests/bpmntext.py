"""Small BPMN files written as text, for the tests that read a file as a user's tool wrote it.

``bpmn_text(elements, "F0:S>A F1:A>E")`` wraps a process's elements (XML lines, each on its own) in
the ``definitions`` and ``process`` elements and writes one ``sequenceFlow`` line per flow: id,
source and target as given, in the order given.
"""

from __future__ import annotations

__all__ = ["bpmn_text"]


def bpmn_text(elements: str, flows: str, *, namespace: str = "http://permitflow.test",
              process: str = '<process id="P">') -> str:
    """The whole file: ``elements`` (indented lines ending in a newline), then the flows
    ``"id:source>target ..."``.

    >>> print(bpmn_text('    <startEvent id="S"/>\\n', "f1:S>E"), end="")
    <?xml version="1.0" encoding="UTF-8"?>
    <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="D" targetNamespace="http://permitflow.test">
      <process id="P">
        <startEvent id="S"/>
        <sequenceFlow id="f1" sourceRef="S" targetRef="E"/>
      </process>
    </definitions>
    """
    lines = []
    for flow in flows.split():
        flow_id, ends = flow.split(":")
        source, target = ends.split(">")
        lines.append(f'    <sequenceFlow id="{flow_id}" sourceRef="{source}" targetRef="{target}"/>\n')
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="D" '
            f'targetNamespace="{namespace}">\n'
            f"  {process}\n{elements}{''.join(lines)}  </process>\n</definitions>\n")
