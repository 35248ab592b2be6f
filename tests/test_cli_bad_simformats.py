"""``convert --from prosimos|bpsim`` on broken parameter files: one line naming the file and where (the JSON
path, the BPSim element), exit 2, no traceback and no profile written."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import cli

FIXTURES = Path(__file__).resolve().parent / "fixtures"
MODEL = str(FIXTURES / "simple.bpmn")
BPSIM = (FIXTURES / "bpmn" / "bpsim.bpmn").read_text(encoding="utf-8")
NO_SECTION = ("p.json: no Prosimos section in the document (expected at least one of resource_calendars, "
              "resource_profiles, task_resource_distribution, gateway_branching_probabilities, "
              "event_distribution, arrival_time_distribution, arrival_time_calendar)")
UNIFORM = '<bpsim:UniformDistribution max="7.0" min="3.0"/>'


@pytest.mark.parametrize("content, said", [
    # a traceback each (AttributeError, ValueError): the importer read every section with .get on what it
    # expects
    (b'{"resource_profiles": "x"}', "p.json: resource_profiles: 'x' (expected a list)"),
    (b'{"resource_profiles": [{"id": "p", "resource_list": [{"id": "r", "amount": "two", '
     b'"calendar": "c"}]}]}',
     "p.json: resource_profiles[0].resource_list[0].amount: 'two' (expected a number)"),
    (b'{"task_resource_distribution": [{"task_id": "T", "resources": ["r1"]}]}',
     "p.json: task_resource_distribution[0].resources[0]: 'r1' (expected an object)"),
    (b'{"gateway_branching_probabilities": [{"gateway_id": "G", "probabilities": [{"path_id": "F", '
     b'"value": "high"}]}]}',
     "p.json: gateway_branching_probabilities[0].probabilities[0].value: 'high' (expected a probability, a "
     "number 0 or more)"),
    # exit 0: the gateway's sum was negative, and it was said to have no probabilities
    (b'{"gateway_branching_probabilities": [{"gateway_id": "G", "probabilities": [{"path_id": "F", '
     b'"value": -1}]}]}',
     "p.json: gateway_branching_probabilities[0].probabilities[0].value: -1 (expected a probability, a "
     "number 0 or more)"),
    # a ValueError traceback (tuple.index)
    (b'{"resource_calendars": [{"id": "c", "time_periods": [{"from": "FUNDAY", "to": "FRIDAY", '
     b'"beginTime": "08:00", "endTime": "16:00"}]}]}',
     "p.json: resource_calendars[0].time_periods[0].from: 'FUNDAY' (expected a weekday, one of MONDAY, "
     "TUESDAY, WEDNESDAY, THURSDAY, FRIDAY, SATURDAY, SUNDAY)"),
    # said of no file: "permitflow: error: mean: duration '-0.0833333333333m' is negative ..."
    (b'{"arrival_time_distribution": {"distribution_name": "expon", "distribution_params": [{"value": -5}, '
     b'{"value": 0}]}}',
     "p.json: arrival_time_distribution: mean: duration '-0.0833333333333m' is negative (expected 0 or more, "
     "e.g. '30m', '4h')"),
    (b'{"arrival_time_distribution": "expon"}',
     "p.json: arrival_time_distribution: 'expon' (expected an object)"),
    (b'{"resource_calendars": [{"id": "c", "time_periods": [{"from": "MONDAY", "to": "FRIDAY", '
     b'"beginTime": "08:00", "endTime": "x"}]}]}',
     "p.json: resource_calendars[0].time_periods[0].endTime: 'x' (expected a time of day such as 08:00 or "
     "16:30:00)"),
    # a usage error of three lines, or a message without the file, or "Expecting value" for an empty file
    (b"", "p.json: the file is empty (expected a Prosimos JSON document)"),
    ("{}".encode("utf-16"),
     "p.json:1: not UTF-8 text (invalid start byte at byte 0; save the file as UTF-8)"),
    ('{"resource_profiles": [{"id": "Å"}]}'.encode("latin-1"),
     "p.json:1: not UTF-8 text (invalid continuation byte at byte 31; save the file as UTF-8)"),
    (b'{"resource_profiles": [', "p.json:1: not JSON: Expecting value at column 24 (expected a Prosimos JSON "
                                "document)"),
    (b"[" * 100_000 + b"]" * 100_000, "p.json: not a Prosimos document: JSON nested too deep"),
    # exit 0 and a profile of nothing: no pools, no arrivals
    (b"{}", NO_SECTION),
    (b'{"a": NaN}', NO_SECTION),
])
def test_a_broken_prosimos_file_is_one_line_naming_where(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                         content: bytes, said: str) -> None:
    monkeypatch.chdir(tmp_path)
    Path("p.json").write_bytes(content)
    result = CliRunner().invoke(cli, ["convert", "p.json", "out.yaml", "--from", "prosimos",
                                      "--model", MODEL])
    assert result.exit_code == 2, result.output
    assert result.stderr == f"permitflow: error: {said}\n"
    assert sorted(os.listdir(tmp_path)) == ["p.json"]


@pytest.mark.parametrize("parameter, said", [
    # a ValueError traceback each: the attributes were read with float()
    ('<bpsim:UniformDistribution max="lots" min="3.0"/>',
     "bpsim:UniformDistribution max='lots' is not a number"),
    ('<bpsim:FloatingParameter value="abc"/>', "bpsim:FloatingParameter value='abc' is not a number"),
    ('<bpsim:GammaDistribution shape="x" scale="1"/>', "bpsim:GammaDistribution shape='x' is not a number"),
    ('<bpsim:ErlangDistribution k="inf" mean="3"/>', "bpsim:ErlangDistribution k='inf' is not a number"),
    ('<bpsim:EnumParameter><bpsim:FloatingParameter value="1"/><bpsim:FloatingParameter value="zz"/>'
     '</bpsim:EnumParameter>', "bpsim:FloatingParameter value='zz' is not a number"),
    ('<bpsim:UniformDistribution max="1e400" min="3.0"/>',
     "bpsim:UniformDistribution max='1e400' is not a number"),
    # a ZeroDivisionError traceback
    ('<bpsim:ErlangDistribution k="0" mean="3"/>',
     "bpsim:ErlangDistribution k='0' (expected a whole number of phases, 1 or more)"),
])
def test_a_bpsim_value_that_is_not_a_number_is_one_line_naming_the_element(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, parameter: str, said: str) -> None:
    monkeypatch.chdir(tmp_path)
    assert UNIFORM in BPSIM
    Path("m.bpmn").write_text(BPSIM.replace(UNIFORM, parameter), encoding="utf-8")
    result = CliRunner().invoke(cli, ["convert", "m.bpmn", "out.yaml", "--from", "bpsim"])
    assert result.exit_code == 2, result.output
    # the file's line of the value (line 27, where UNIFORM is), not a line of the block the importer re-reads
    assert result.stderr == ("permitflow: error: m.bpmn:27: ElementParameters 'Task_Handlagga' "
                             f"ProcessingTime: {said}\n")
    assert sorted(os.listdir(tmp_path)) == ["m.bpmn"]


QBP = (FIXTURES / "bpmn" / "kept_aside.bpmn").read_text(encoding="utf-8")
RULES = ('</qbp:arrivalRateDistribution><qbp:timetables><qbp:timetable id="t" default="true" name="x">'
         '<qbp:rules><qbp:rule fromTime="{}" toTime="17:00:00.000+00:00" fromWeekDay="MONDAY" '
         'toWeekDay="FRIDAY"/>'
         '</qbp:rules></qbp:timetable></qbp:timetables>')


@pytest.mark.parametrize("old, new, line, said", [
    # tracebacks: int(), date.fromisoformat() and float() on the attributes; the lines are the file's (the
    # block's start tag begins on line 58; the rules replace line 62)
    ('processInstances="10"', 'processInstances="many"', 58,
     "qbp:processSimulationInfo processInstances='many' is not a whole number"),
    ('processInstances="10"', 'processInstances="1e400"', 58,
     "qbp:processSimulationInfo processInstances='1e400' is not a whole number"),
    ('startDateTime="2026-01-05T08:00:00.000+01:00"', 'startDateTime="yesterday"', 58,
     "qbp:processSimulationInfo startDateTime='yesterday' is not a date and time such as "
     "2026-01-05T08:00:00.000+01:00"),
    ("</qbp:arrivalRateDistribution>", RULES.format("xx"), 62,
     "qbp:rule fromTime='xx' is not a time of day such as 09:00:00.000+00:00"),
    # read as 24:00 without a word
    ("</qbp:arrivalRateDistribution>", RULES.format("25:00:00.000+00:00"), 62,
     "qbp:rule fromTime='25:00:00.000+00:00' is not a time of day such as 09:00:00.000+00:00"),
    # a ValueError traceback (tuple.index)
    ("</qbp:arrivalRateDistribution>", RULES.format("09:00:00.000+00:00").replace('"MONDAY"', '"FUNDAY"'), 62,
     "qbp:rule fromWeekDay='FUNDAY' is not a weekday (expected one of MONDAY, TUESDAY, WEDNESDAY, THURSDAY, "
     "FRIDAY, SATURDAY, SUNDAY)"),
    # "permitflow: error: mean: duration '-0.00138888888889h' is negative ...": neither file nor line
    ('arg1="0"', 'arg1="-5"', 60,
     "qbp:arrivalRateDistribution arg1='-5' is not a number of seconds, 0 or more"),
    ('arg1="0"', 'arg1="nan"', 60,
     "qbp:arrivalRateDistribution arg1='nan' is not a number of seconds, 0 or more"),
])
def test_a_qbp_attribute_of_the_wrong_kind_is_one_line_naming_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, old: str, new: str, line: int, said: str) -> None:
    monkeypatch.chdir(tmp_path)
    assert old in QBP
    Path("m.bpmn").write_text(QBP.replace(old, new), encoding="utf-8")
    result = CliRunner().invoke(cli, ["convert", "m.bpmn", "out.yaml", "--from", "qbp"])
    assert result.exit_code == 2, result.output
    assert result.stderr == f"permitflow: error: m.bpmn:{line}: {said}\n"
    assert sorted(os.listdir(tmp_path)) == ["m.bpmn"]


def test_a_qbp_resource_of_infinitely_many_is_imported_as_one_with_a_warning(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # int(inf) was an OverflowError traceback; a count that is no whole number >= 1 is imported as 1, said
    monkeypatch.chdir(tmp_path)
    resources = ('</qbp:arrivalRateDistribution><qbp:resources><qbp:resource id="r" name="Handläggare" '
                 'totalAmount="1e400" timetableId="t"/></qbp:resources>')
    Path("m.bpmn").write_text(QBP.replace("</qbp:arrivalRateDistribution>", resources), encoding="utf-8")
    result = CliRunner().invoke(cli, ["convert", "m.bpmn", "out.yaml", "--from", "qbp"])
    assert result.exit_code == 0, result.output
    assert "totalAmount '1e400' is not a whole number >= 1; imported as 1\n" in result.stderr
    assert "count: 1\n" in Path("out.yaml").read_text(encoding="utf-8")


_ARRIVALS = ('<bpsim:ElementParameters elementRef="Start"><bpsim:TimeParameters><bpsim:InterTriggerTimer>'
             '<bpsim:NegativeExponentialDistribution mean="-3"/></bpsim:InterTriggerTimer>'
             '</bpsim:TimeParameters></bpsim:ElementParameters>\n          ')
_TASK = '<bpsim:ElementParameters xsi:type="bpsim:ElementParameters" elementRef="Task_Handlagga">'


def test_a_bpsim_arrival_time_that_is_negative_names_the_file_and_line(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # it said "permitflow: error: mean: duration '-3m' is negative (...)": no file, no line, no element
    monkeypatch.chdir(tmp_path)
    assert _TASK in BPSIM
    Path("m.bpmn").write_text(BPSIM.replace(_TASK, _ARRIVALS + _TASK), encoding="utf-8")
    result = CliRunner().invoke(cli, ["convert", "m.bpmn", "out.yaml", "--from", "bpsim"])
    assert result.exit_code == 2, result.output
    assert result.stderr == ("permitflow: error: m.bpmn:24: ElementParameters 'Start' InterTriggerTimer: "
                             "mean: duration '-3m' is negative (expected 0 or more, e.g. '30m', '4h')\n")
    assert sorted(os.listdir(tmp_path)) == ["m.bpmn"]


def test_a_bpsim_calendar_lasting_millennia_is_a_calendar_not_imported(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # DURATION:PT99999999999H was an OverflowError traceback; it is no week of opening hours, said as such
    monkeypatch.chdir(tmp_path)
    calendar = ('<bpsim:Calendar id="c" name="Kontor">BEGIN:VCALENDAR\nBEGIN:VEVENT\n'
                'DTSTART:20250106T080000\nDURATION:PT99999999999H\nRRULE:FREQ=WEEKLY;BYDAY=MO\nEND:VEVENT\n'
                'END:VCALENDAR</bpsim:Calendar>\n          <bpsim:ScenarioParameters xsi:type')
    Path("m.bpmn").write_text(BPSIM.replace("<bpsim:ScenarioParameters xsi:type", calendar), encoding="utf-8")
    result = CliRunner().invoke(cli, ["convert", "m.bpmn", "out.yaml", "--from", "bpsim"])
    assert result.exit_code == 0, result.output
    assert ("permitflow: warning: Calendar 'c': used by no imported parameter (not imported); it is also not "
            "a weekly calendar: VEVENT 1 DURATION 'PT99999999999H' runs past the day it starts\n"
            ) in result.stderr


def test_a_qbp_arrival_mean_of_zero_says_the_profile_has_no_arrivals(tmp_path: Path) -> None:
    # the fixture's EXPONENTIAL has its mean in arg1="0": imported as no arrivals, without a word
    out = tmp_path / "out.yaml"
    result = CliRunner().invoke(cli, ["convert", str(FIXTURES / "bpmn" / "kept_aside.bpmn"), str(out),
                                      "--from", "qbp"])
    assert result.exit_code == 0, result.output
    assert ("permitflow: warning: arrivalRateDistribution exponential: a mean time between arrivals of 0h: "
            "arrivals set to 0 a year (set them in the profile)\n") in result.stderr
    assert "per_year: 0\n" in out.read_text(encoding="utf-8")



def test_an_invalid_profile_made_from_a_file_is_said_of_that_file(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    # it named the profile it would have written ("p.yaml: simulation.cases: -4 ..."), a file then not there
    monkeypatch.chdir(tmp_path)
    Path("m.bpmn").write_text(QBP.replace('processInstances="10"', 'processInstances="-4"'), encoding="utf-8")
    result = CliRunner().invoke(cli, ["convert", "m.bpmn", "p.yaml", "--from", "qbp"])
    assert result.exit_code == 2, result.output
    assert result.stderr == ("permitflow: error: m.bpmn: the profile made from it is not valid: "
                             "simulation.cases: -4 is not a whole number from 1 to 1,000,000 "
                             "(nothing written to p.yaml)\n")
    assert sorted(os.listdir(tmp_path)) == ["m.bpmn"]


_QUANTITY = ('</bpsim:TimeParameters>\n            <bpsim:ResourceParameters><bpsim:Quantity>\n'
             '              <bpsim:NumericParameter value="{}"/>\n'
             '            </bpsim:Quantity></bpsim:ResourceParameters>')
_TRIGGERS = ('<bpsim:ElementParameters elementRef="Start"><bpsim:ControlParameters><bpsim:TriggerCount>\n'
             '            <bpsim:NumericParameter value="{}"/>\n'
             '          </bpsim:TriggerCount></bpsim:ControlParameters></bpsim:ElementParameters>\n'
             '        </bpsim:Scenario>')


@pytest.mark.parametrize("read, used", [("-5", 1), ("2.5", 2), ("0", 1)])
@pytest.mark.parametrize("tool", ["bpsim", "qbp"])
def test_a_pool_size_that_is_no_whole_number_from_1_is_said_alike_by_bpsim_and_qbp(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, tool: str, read: str, used: int) -> None:
    # BPSim's Quantity -5 became 1 and 2.5 became 2 without a word, where QBP's totalAmount warned (without
    # the file's line): the same warning for both, with the file, line, element, what was read and what used
    monkeypatch.chdir(tmp_path)
    if tool == "bpsim":
        text = BPSIM.replace("</bpsim:TimeParameters>", _QUANTITY.format(read))
        said = f"ElementParameters 'Task_Handlagga' Quantity: bpsim:NumericParameter value='{read}'"
        tag = "<bpsim:NumericParameter"
    else:
        text = QBP.replace("</qbp:arrivalRateDistribution>", '</qbp:arrivalRateDistribution><qbp:resources>'
                           f'<qbp:resource id="r" name="Handläggare" totalAmount="{read}" timetableId="t"/>'
                           '</qbp:resources>')
        said = f"resource Handläggare (r): totalAmount '{read}'"
        tag = "<qbp:resource "
    line = text[:text.index(tag)].count("\n") + 1
    Path("m.bpmn").write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["convert", "m.bpmn", "out.yaml", "--from", tool])
    assert result.exit_code == 0, result.output
    assert (f"permitflow: warning: m.bpmn:{line}: {said} is not a whole number >= 1; imported as {used}\n"
            in result.stderr)
    assert f"count: {used}\n" in Path("out.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize("tool", ["bpsim", "qbp"])
def test_a_number_of_cases_that_is_no_whole_number_is_refused_alike_by_bpsim_and_qbp(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, tool: str) -> None:
    # BPSim's TriggerCount 2.5 became 2 cases without a word; QBP's processInstances 2.5 is refused, at its
    # line
    monkeypatch.chdir(tmp_path)
    if tool == "bpsim":
        text = BPSIM.replace("</bpsim:Scenario>", _TRIGGERS.format("2.5"))
        said = "ElementParameters 'Start' TriggerCount: bpsim:NumericParameter value='2.5'"
        tag = '<bpsim:NumericParameter value="2.5"'
    else:
        text = QBP.replace('processInstances="10"', 'processInstances="2.5"')
        said = "qbp:processSimulationInfo processInstances='2.5'"
        tag = "<qbp:processSimulationInfo"
    line = text[:text.index(tag)].count("\n") + 1
    Path("m.bpmn").write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["convert", "m.bpmn", "out.yaml", "--from", tool])
    assert result.exit_code == 2, result.output
    assert result.stderr == f"permitflow: error: m.bpmn:{line}: {said} is not a whole number\n"
    assert sorted(os.listdir(tmp_path)) == ["m.bpmn"]
