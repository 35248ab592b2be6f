"""An error in a simulation-parameter block embedded in a BPMN file (BPSim, QBP) names the line of the
FILE: the importers re-read the block from the model's kept text, whose lines were the text's (line 1 for
a block written under ``definitions``, then counted within it), not the file's. The hand-made files below
write start tags over several lines and comments inside the block, which the kept text does not keep,
so no offset would give the file's line either."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import cli

_PROCESS = """  <bpmn:process id="P" isExecutable="true">{ext}
    <bpmn:startEvent id="Start"/>
    <bpmn:task id="Task_A" name="Granska"/>
    <bpmn:endEvent id="End"/>
    <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Task_A"/>
    <bpmn:sequenceFlow id="F2" sourceRef="Task_A" targetRef="End"/>
  </bpmn:process>
"""
_HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
    xmlns:bpsim="http://www.bpsim.org/schemas/1.0"
    xmlns:qbp="http://www.qbp-simulator.com/Schema201212"
    id="D" targetNamespace="x">
"""
_BPSIM = """<bpsim:BPSimData>
      <!-- a comment
           of three lines -->
      <bpsim:Scenario id="s"
          name="Scenario">
        <bpsim:ScenarioParameters
            baseTimeUnit="{unit}">
          <bpsim:Start><bpsim:DateTimeParameter
              value="{start}"/></bpsim:Start>
        </bpsim:ScenarioParameters>
        <bpsim:ElementParameters
            elementRef="Task_A">
          <bpsim:TimeParameters>
            <bpsim:ProcessingTime>
              <bpsim:UniformDistribution
                  min="3.0"
                  max="{high}"/>
            </bpsim:ProcessingTime>
          </bpsim:TimeParameters>
        </bpsim:ElementParameters>
      </bpsim:Scenario>
    </bpsim:BPSimData>"""


def _bpsim_file(*, where: str, unit: str = "min", start: str = "2026-01-05T08:00:00", high: str = "7") -> str:
    block = _BPSIM.format(unit=unit, start=start, high=high)
    if where == "relationship":
        return (_HEAD + _PROCESS.format(ext="") + '  <bpmn:relationship id="R" type="BPSimData">\n'
                "    <bpmn:extensionElements>\n    " + block + "\n    </bpmn:extensionElements>\n"
                "    <bpmn:source>P</bpmn:source><bpmn:target>P</bpmn:target>\n  </bpmn:relationship>\n"
                "</bpmn:definitions>\n")
    ext = "\n    <bpmn:extensionElements>\n    " + block + "\n    </bpmn:extensionElements>"
    return _HEAD + _PROCESS.format(ext=ext) + "</bpmn:definitions>\n"


def _line_of(text: str, needle: str) -> int:
    """The 1-based line of the file where ``needle`` begins (the tests' own count, from the text)."""
    before = text[:text.index(needle)]
    return before.count("\n") + 1


def _refused_at(tmp_path: Path, text: str, fmt: str, tag: str, said: str) -> None:
    """``convert --from fmt`` of ``text`` says ``said`` at the file's line of ``tag``, in one line, exit 2,
    no profile written."""
    Path("m.bpmn").write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["convert", "m.bpmn", "out.yaml", "--from", fmt])
    assert result.exit_code == 2, result.output
    assert sorted(os.listdir(tmp_path)) == ["m.bpmn"]
    assert result.stderr == f"permitflow: error: m.bpmn:{_line_of(text, tag)}: {said}\n"


@pytest.mark.parametrize("where", ["relationship", "process"])
@pytest.mark.parametrize("change, tag, said", [
    ({"high": "lots"}, "<bpsim:UniformDistribution",
     "ElementParameters 'Task_A' ProcessingTime: bpsim:UniformDistribution max='lots' is not a number"),
    ({"unit": "fortnight"}, "<bpsim:ScenarioParameters",
     "bpsim:ScenarioParameters baseTimeUnit 'fortnight' (expected one of ms, s, min, hour, day, year)"),
    # a ValueError traceback: the date was read with date.fromisoformat()
    ({"start": "soon"}, "<bpsim:DateTimeParameter",
     "bpsim:ScenarioParameters Start: bpsim:DateTimeParameter value='soon' is not a date and time "
     "(expected such as 2026-01-05T08:00:00)"),
])
def test_a_bpsim_error_names_the_files_own_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str,
                                                change: dict[str, str], tag: str, said: str) -> None:
    monkeypatch.chdir(tmp_path)
    _refused_at(tmp_path, _bpsim_file(where=where, **change), "bpsim", tag, said)


_QBP = """  <!-- BIMP writes the block straight under definitions -->
  <qbp:processSimulationInfo id="qbp"
      processInstances="{cases}"
      startDateTime="2026-01-05T08:00:00.000+01:00">
    <qbp:arrivalRateDistribution
        type="{kind}" mean="0" arg1="3600" arg2="0"/>
    <qbp:timetables>
      <qbp:timetable id="t" default="true">
        <qbp:rules>
          <qbp:rule fromTime="{begin}"
              toTime="17:00:00.000+00:00" fromWeekDay="MONDAY" toWeekDay="FRIDAY"/>
        </qbp:rules>
      </qbp:timetable>
    </qbp:timetables>
  </qbp:processSimulationInfo>
"""


def _qbp_file(*, inside: bool, cases: str = "10", kind: str = "EXPONENTIAL",
              begin: str = "09:00:00.000+00:00") -> str:
    block = _QBP.format(cases=cases, kind=kind, begin=begin)
    if inside:  # in the extensionElements of definitions
        block = "  <bpmn:extensionElements>\n" + block + "  </bpmn:extensionElements>\n"
    return _HEAD + _PROCESS.format(ext="") + block + "</bpmn:definitions>\n"


@pytest.mark.parametrize("inside", [False, True])
@pytest.mark.parametrize("change, tag, said", [
    ({"cases": "many"}, "<qbp:processSimulationInfo",
     "qbp:processSimulationInfo processInstances='many' is not a whole number"),
    ({"kind": "WEIBULL"}, "<qbp:arrivalRateDistribution",
     "arrivalRateDistribution: QBP distribution type 'WEIBULL' (expected one of FIXED, EXPONENTIAL, UNIFORM, "
     "TRIANGULAR, NORMAL, LOGNORMAL, GAMMA)"),
    ({"begin": "nine"}, "<qbp:rule ",
     "qbp:rule fromTime='nine' is not a time of day such as 09:00:00.000+00:00"),
])
def test_a_qbp_error_names_the_files_own_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, inside: bool,
                                              change: dict[str, str], tag: str, said: str) -> None:
    monkeypatch.chdir(tmp_path)
    _refused_at(tmp_path, _qbp_file(inside=inside, **change), "qbp", tag, said)


@pytest.mark.parametrize("fmt, text, tag", [
    ("bpsim", _bpsim_file(where="process", start="soon"), "<bpsim:DateTimeParameter"),
    ("bpsim", _bpsim_file(where="relationship", high="lots"), "<bpsim:UniformDistribution"),
    ("qbp", _qbp_file(inside=False, begin="nine"), "<qbp:rule "),
    ("qbp", _qbp_file(inside=True, kind="WEIBULL"), "<qbp:arrivalRateDistribution"),
])
def test_a_block_error_past_line_65535_names_the_files_own_line(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch, fmt: str,
                                                                text: str, tag: str) -> None:
    """libxml2 keeps an element's line in 16 bits: past 65535 lxml gave 65535 or a later node's line, and a
    parameter element has no id to find its line by (bpmn_io.readcommon.Source counts its start tags)."""
    monkeypatch.chdir(tmp_path)
    text = text.replace('targetNamespace="x">\n', 'targetNamespace="x">\n' + "\n" * 70_000, 1)
    Path("m.bpmn").write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["convert", "m.bpmn", "out.yaml", "--from", fmt])
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith(f"permitflow: error: m.bpmn:{_line_of(text, tag)}: "), result.stderr
    assert sorted(os.listdir(tmp_path)) == ["m.bpmn"]
