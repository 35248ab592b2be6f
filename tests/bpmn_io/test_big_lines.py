"""Past line 65535 of a BPMN file an error still names the element's own line. libxml2 keeps an element's line
in 16 bits; from there on lxml gives the line of a nearby node: the next sibling's (a flow written above
another flow was said to be on the other's line) or 65535 itself. The reader finds the line that writes the
element's id instead."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import cli

_FILE = """<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="D" targetNamespace="x">
  <bpmn:process id="P">{blank}
    <bpmn:startEvent id="S"/>
    <bpmn:task id="T"/>
    <bpmn:endEvent id="E"/>
    <bpmn:sequenceFlow id="F1"
        sourceRef="S" targetRef="{first}"/>
    <bpmn:sequenceFlow id="F2" sourceRef="T" targetRef="{second}"/>
  </bpmn:process>
</bpmn:definitions>
"""


@pytest.mark.parametrize("first, second, bad, tag", [
    ("Nowhere", "E", "F1", '<bpmn:sequenceFlow id="F1"'),  # lxml: F2's line, which writes a sequenceFlow too
    ("T", "Nowhere", "F2", '<bpmn:sequenceFlow id="F2"'),
])
def test_an_error_past_line_65535_names_the_elements_line(tmp_path: Path, first: str, second: str, bad: str,
                                                          tag: str) -> None:
    text = _FILE.format(blank="\n" * 70_000, first=first, second=second)
    line = text[:text.index(tag)].count("\n") + 1
    model = tmp_path / "m.bpmn"
    model.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["validate", str(model)])
    assert result.exit_code == 2, result.output
    assert result.stderr == (f"permitflow: error: {model}:{line}: element '{bad}': sequenceFlow targetRef "
                             f"'Nowhere' does not exist (expected the id of a flow node in process 'P'); "
                             "--lenient reads it anyway (see --help)\n")
