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


@pytest.mark.parametrize("blank", [0, 70_000])
def test_an_element_with_too_many_attributes_is_named_at_its_own_line(tmp_path: Path, blank: int) -> None:
    """The refusal of an element with more attributes than permitflow reads (xmlsafe) names the line where
    its start tag begins: lxml gives where it ends (its attributes one a line, as ADONIS writes them), and
    past line 65535 the line of the task after it."""
    many = "".join(f'\n        a{i}="x"' for i in range(300))
    text = _FILE.format(blank="\n" * blank, first="T", second="E").replace(
        '<bpmn:task id="T"/>', f'<bpmn:task id="T"{many}/>\n    <bpmn:task id="U"/>')
    line = text[:text.index('<bpmn:task id="T"')].count("\n") + 1
    model = tmp_path / "m.bpmn"
    model.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["validate", str(model)])
    assert result.exit_code == 2, result.output
    assert result.stderr == (f"permitflow: error: {model}:{line}: element 'T': 301 attributes on one task, "
                             "more than permitflow reads (200; expected a BPMN model, whose elements have a "
                             "few each)\n")
