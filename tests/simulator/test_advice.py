"""Warnings before a run (simulator.advice): what a profile lets run but almost certainly does not mean."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from bpmn_io.loading import load_model
from bpmn_io.profile import read_profile
from simulator.advice import clock_bypass, profile_warnings

OWN = Path(__file__).resolve().parents[1] / "fixtures" / "sim" / "own"
LIBRARY = Path(__file__).resolve().parents[2] / "processes" / "library"


def _own():  # type: ignore[no-untyped-def]
    process = load_model(OWN / "process.bpmn").process()
    params = read_profile(OWN / "profile.yaml").simulation
    assert params is not None and params.clock is not None
    return process, params


def test_a_clock_started_on_an_optional_path_is_named_with_the_choice_that_goes_around_it() -> None:
    process, params = _own()
    assert clock_bypass(process, params) == "Gateway_0komp"
    (key, message), _receive = profile_warnings(process, params)
    assert key == "clock.start"
    assert message.startswith("the legal clock starts at Komplettering inkommen (Event_0inkommen), which a case "
                              "can go around on its way to clock.stop Beslut fattat (Event_1slut), from the "
                              "choice Komplett? (Gateway_0komp): ")


def test_a_clock_every_decided_case_passes_is_not_named() -> None:
    process, params = _own()
    assert params.clock is not None
    # the application is registered on every path: no way around it
    assert clock_bypass(process, replace(params, clock=replace(params.clock, start="Activity_0reg"))) is None
    # a way that cannot be taken (probability 0) is no way around
    always = replace(params.elements["Gateway_0komp"], probabilities={"Flow_ja": 0.0, "Flow_nej": 1.0})
    assert clock_bypass(process, replace(params, elements={**params.elements, "Gateway_0komp": always})) is None


def test_a_receive_task_without_a_delay_is_named_with_the_timer_that_never_fires() -> None:
    process, params = _own()
    assert profile_warnings(process, params)[1] == ("elements.Activity_1polis", (
        "receive task Vänta på polisens yttrande (Activity_1polis) has no `delay:`: it takes no time, so the "
        "wait for the other party is 0 days, and its boundary timer 2 veckor (Event_1pam) never fires (expected a "
        "`delay:`, the other party's response time, as a message catch event must have)"))
    waits = replace(params.elements["Activity_1polis"], delay=params.elements["Event_0inkommen"].delay)
    assert [k for k, _ in profile_warnings(process, replace(params, elements={**params.elements,
                                                                              "Activity_1polis": waits}))] \
        == ["clock.start"]


def test_the_library_profiles_give_no_warning() -> None:
    # their dismissals never reach the decision, so a clock at "complete" is on every way to it
    names = sorted(p.parent.name for p in LIBRARY.glob("*/profile.yaml") if (p.parent / "process.bpmn").is_file())
    assert len(names) >= 8
    for name in names:
        params = read_profile(LIBRARY / name / "profile.yaml").simulation
        assert params is not None
        assert profile_warnings(load_model(LIBRARY / name / "process.bpmn").process(), params) == [], name


PARALLEL = """<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" targetNamespace="t">
  <process id="P">
    <startEvent id="S"/><parallelGateway id="Split"/><intermediateThrowEvent id="Complete"/>
    <task id="Remiss"/><parallelGateway id="Join"/><task id="Decide"/><endEvent id="E"/>
    <sequenceFlow id="f1" sourceRef="S" targetRef="Split"/>
    <sequenceFlow id="f2" sourceRef="Split" targetRef="Complete"/><sequenceFlow id="f3" sourceRef="Split" targetRef="Remiss"/>
    <sequenceFlow id="f4" sourceRef="Complete" targetRef="Join"/><sequenceFlow id="f5" sourceRef="Remiss" targetRef="Join"/>
    <sequenceFlow id="f6" sourceRef="Join" targetRef="Decide"/><sequenceFlow id="f7" sourceRef="Decide" targetRef="E"/>
  </process>
</definitions>
"""


def test_a_clock_on_one_branch_of_a_parallel_split_is_on_every_path(tmp_path: Path) -> None:
    # the join waits for both branches: no case reaches the decision without the clock's start
    (tmp_path / "p.bpmn").write_text(PARALLEL, encoding="utf-8")
    (tmp_path / "p.yaml").write_text("simulation:\n  start: 2025-01-06\n  cases: 1\n  arrivals: {per_year: 1}\n"
                                     "  clock: {start: Complete, stop: Decide, deadline: 4mo}\n", encoding="utf-8")
    process = load_model(tmp_path / "p.bpmn").process()
    params = read_profile(tmp_path / "p.yaml").simulation
    assert params is not None
    assert clock_bypass(process, params) is None
    # an exclusive split instead: one branch goes around the start, from the split
    exclusive = PARALLEL.replace("parallelGateway", "exclusiveGateway")
    (tmp_path / "p.bpmn").write_text(exclusive, encoding="utf-8")
    assert clock_bypass(load_model(tmp_path / "p.bpmn").process(), params) == "Split"
