"""BPSim and QBP import, Prosimos JSON out and in: facts read by hand from the corpus files."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from bpmntext import bpmn_text
from lxml import etree
from shared import INTEROP

from bpmn_io import read_bpmn
from bpmn_io.profile import profile_from_data, read_profile
from bpmn_io.simformats import bpsim_to_profile, prosimos_to_profile, qbp_to_profile, to_prosimos
from processes.errors import InputError

ROOT = Path(__file__).resolve().parents[2]
JBPM = INTEROP / "odd/jbpm-designer/simulationProcess.bpmn2"
QBP = INTEROP / "odd/simod/PurchasingExampleQBP.bpmn"
MM1 = ROOT / "tests/fixtures/sim/mm1.bpmn"
MM1_PROFILE = ROOT / "tests/fixtures/sim/mm1.yaml"


# --------------------------------------------------------------------------- BPSim


@pytest.fixture(scope="module")
def bpsim():
    return bpsim_to_profile(read_bpmn(JBPM), source=JBPM.name)


@pytest.mark.interop
def test_bpsim_gateway_probabilities_in_percent_become_shares(bpsim) -> None:
    # <bpsim:FloatingParameter value="70.0"/> on _01000E32 ("HighProbability"), 30.0 on _599EDF0D
    probs = bpsim.document["simulation"]["elements"]["_86B786E7-9116-4DAC-94C5-D9DD4AF2A5B1"]["probabilities"]
    assert probs == pytest.approx({"_01000E32-C357-4C71-A91C-04FEED08253C": 0.7,
                                   "_599EDF0D-52FB-4486-AD92-874DE561D766": 0.3})


@pytest.mark.interop
def test_bpsim_processing_time_with_resource_quantity_is_work_for_a_pool(bpsim) -> None:
    # baseTimeUnit="min"; UniformDistribution min=3 max=7; ResourceParameters Quantity 2.0
    sim = bpsim.document["simulation"]
    task = sim["elements"]["_9A4A7D58-3DDC-4A8E-A63F-189101D0C7CD"]
    assert task["duration"] == {"dist": "uniform", "low": "3m", "high": "7m"}
    assert sim["pools"][task["pool"]]["count"] == 2


@pytest.mark.interop
def test_bpsim_processing_time_without_resource_is_a_delay(bpsim) -> None:
    # the call activity _C0F85B8B has NormalDistribution mean=2 standardDeviation=1 minutes, no ResourceParameters
    call = bpsim.document["simulation"]["elements"]["_C0F85B8B-2CA7-4A7C-8266-7FBCFD2DE824"]
    assert call == {"delay": {"dist": "normal", "mean": "2m", "sd": "1m"}}


@pytest.mark.interop
def test_bpsim_times_permitflow_cannot_draw_are_reported_not_imported(bpsim) -> None:
    elements = bpsim.document["simulation"]["elements"]
    text = "\n".join(bpsim.warnings)
    # the subprocess _DCDFF235 (uniform 2-6 min): a permitflow subprocess takes the time of its inside
    assert "_DCDFF235-4009-4852-A79C-828415B9565B" not in elements
    assert "'_DCDFF235-4009-4852-A79C-828415B9565B' ProcessingTime: a processing time on a subprocess" in text
    # the error boundary event _26212C7F (uniform 4-13 min, Probability 85): it fires when the error is thrown
    assert "_26212C7F-3900-4F4A-A37D-5BD4CF9D06E2" not in elements
    assert "on an error boundary event has no permitflow equivalent" in text
    assert "'_26212C7F-3900-4F4A-A37D-5BD4CF9D06E2' Probability: a probability on a boundary event" in text


@pytest.mark.interop
def test_bpsim_start_event_processing_time_is_not_taken_as_arrivals(bpsim) -> None:
    # processStartEvent: UniformDistribution 4-5 min. jBPM's simulator ignores it (the run gets an interval).
    assert bpsim.document["simulation"]["arrivals"] == {"per_year": 0}
    text = "\n".join(bpsim.warnings)
    assert "'processStartEvent' ProcessingTime: a processing time on a start event is not an inter-arrival" in text
    assert "'processStartEvent' Probability: a probability on a start event" in text


@pytest.mark.interop
def test_bpsim_poisson_time_is_a_count_of_base_units(bpsim) -> None:
    # _0B342610 (service task in the subprocess): PoissonDistribution mean=7, baseTimeUnit min
    from processes.distributions import distribution_from_data

    delay = bpsim.document["simulation"]["elements"]["_0B342610-E00B-455A-802A-DAECF804D529"]["delay"]
    dist = distribution_from_data(delay)
    assert dist.kind == "empirical"
    assert dist.mean() == pytest.approx(7 / 60, rel=1e-9)
    variance = sum(w * (v - dist.mean()) ** 2 for v, w in zip(dist.values, dist.weights, strict=True))
    assert variance == pytest.approx(7 / 60**2, rel=1e-9)  # Poisson: variance = mean, in minutes²
    assert dist.values[:3] == pytest.approx((0.0, 1 / 60, 2 / 60))
    assert "reads this mean in milliseconds" in "\n".join(bpsim.warnings)


@pytest.mark.interop
def test_bpsim_every_element_parameter_is_imported_or_named(bpsim) -> None:
    # the 22 ElementParameters of the file: each elementRef either lands in the profile or is in a warning
    tree = etree.parse(str(JBPM))
    refs = {ep.get("elementRef") for ep in tree.iter("{http://www.bpsim.org/schemas/1.0}ElementParameters")}
    assert len(refs) == 22
    elements = bpsim.document["simulation"]["elements"]
    flows_in_gateways = set(elements["_86B786E7-9116-4DAC-94C5-D9DD4AF2A5B1"]["probabilities"])
    text = "\n".join(bpsim.warnings)
    for ref in refs:
        assert ref in elements or ref in flows_in_gateways or ref in text, ref


@pytest.mark.interop
def test_bpsim_parameters_without_equivalent_are_named(bpsim) -> None:
    text = "\n".join(bpsim.warnings)
    assert "'_9A4A7D58-3DDC-4A8E-A63F-189101D0C7CD' Availability: no permitflow equivalent" in text
    assert "'_DCDFF235-4009-4852-A79C-828415B9565B' UnitCost: no permitflow equivalent" in text
    assert "PoissonDistribution" in text
    assert "no InterTriggerTimer" in text


@pytest.mark.interop
def test_bpsim_document_is_a_valid_profile(bpsim) -> None:
    profile = profile_from_data(bpsim.document, source="imported.yaml")
    assert profile.simulation.elements["_9A4A7D58-3DDC-4A8E-A63F-189101D0C7CD"].duration.mean() == pytest.approx(5 / 60)


def test_bpsim_missing_is_an_error() -> None:
    with pytest.raises(InputError, match="no bpsim:BPSimData scenario found"):
        bpsim_to_profile(read_bpmn(MM1), source="mm1.bpmn")


# BPSim 1.0 written by hand: a weekday calendar (two VEVENTs) that the task's Quantity is validFor, and a
# monthly calendar that is not a week
CALENDAR_BPMN = """<?xml version="1.0" encoding="UTF-8"?>
<bpmn2:definitions xmlns:bpmn2="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpsim="http://www.bpsim.org/schemas/1.0" id="D" targetNamespace="http://example.org/cal">
  <bpmn2:process id="P" isExecutable="false">
    <bpmn2:startEvent id="S"/>
    <bpmn2:task id="T" name="Handle"/>
    <bpmn2:endEvent id="E"/>
    <bpmn2:sequenceFlow id="F1" sourceRef="S" targetRef="T"/>
    <bpmn2:sequenceFlow id="F2" sourceRef="T" targetRef="E"/>
  </bpmn2:process>
  <bpmn2:relationship id="R" type="BPSimData">
    <bpmn2:extensionElements>
      <bpsim:BPSimData>
        <bpsim:Scenario id="s1" name="weekdays">
          <bpsim:ScenarioParameters baseTimeUnit="hour"/>
          <bpsim:ElementParameters elementRef="S">
            <bpsim:ControlParameters>
              <bpsim:InterTriggerTimer><bpsim:ExponentialDistribution mean="4"/></bpsim:InterTriggerTimer>
              <bpsim:TriggerCount><bpsim:NumericParameter value="500"/></bpsim:TriggerCount>
            </bpsim:ControlParameters>
          </bpsim:ElementParameters>
          <bpsim:ElementParameters elementRef="T">
            <bpsim:TimeParameters>
              <bpsim:ProcessingTime><bpsim:TriangularDistribution min="1" mode="2" max="4"/></bpsim:ProcessingTime>
            </bpsim:TimeParameters>
            <bpsim:ResourceParameters>
              <bpsim:Quantity><bpsim:NumericParameter value="3" validFor="office"/></bpsim:Quantity>
            </bpsim:ResourceParameters>
          </bpsim:ElementParameters>
          <bpsim:Calendar id="office" name="Office hours">BEGIN:VCALENDAR
VERSION:2.0
BEGIN:VEVENT
DTSTART:20250106T080000
DTEND:20250106T120000
RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR
END:VEVENT
BEGIN:VEVENT
DTSTART:20250106T130000
DTEND:20250106T163000
RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH
END:VEVENT
END:VCALENDAR</bpsim:Calendar>
          <bpsim:Calendar id="monthly">BEGIN:VCALENDAR
BEGIN:VEVENT
DTSTART:20250106T080000
DTEND:20250106T120000
RRULE:FREQ=MONTHLY;BYMONTHDAY=1
END:VEVENT
END:VCALENDAR</bpsim:Calendar>
        </bpsim:Scenario>
      </bpsim:BPSimData>
    </bpmn2:extensionElements>
    <bpmn2:source>D</bpmn2:source>
    <bpmn2:target>D</bpmn2:target>
  </bpmn2:relationship>
</bpmn2:definitions>
"""


def test_bpsim_weekly_icalendar_becomes_the_pool_calendar(tmp_path) -> None:
    path = tmp_path / "cal.bpmn"
    path.write_text(CALENDAR_BPMN, encoding="utf-8")
    out = bpsim_to_profile(read_bpmn(path), source=path.name)
    sim = out.document["simulation"]
    assert sim["pools"]["pool_T"] == {"count": 3, "calendar": "office"}
    assert sim["calendars"]["office"]["hours"] == {
        "mon": "08:00-12:00, 13:00-16:30", "tue": "08:00-12:00, 13:00-16:30", "wed": "08:00-12:00, 13:00-16:30",
        "thu": "08:00-12:00, 13:00-16:30", "fri": "08:00-12:00"}
    # InterTriggerTimer exponential mean 4 h -> a constant Poisson rate of 2190 a 365-day year
    assert sim["arrivals"]["per_year"] == pytest.approx(2190.0)
    assert sim["cases"] == 500
    assert "Calendar 'monthly': used by no imported parameter" in "\n".join(out.warnings)
    assert "FREQ=MONTHLY" in "\n".join(out.warnings)
    profile = profile_from_data(out.document, source="imported.yaml").simulation
    assert profile.calendars["office"].week[4] == ((8.0, 12.0),)


def test_bpsim_quantity_valid_for_a_calendar_that_is_not_weekly_is_named(tmp_path) -> None:
    path = tmp_path / "cal.bpmn"
    path.write_text(CALENDAR_BPMN.replace('validFor="office"', 'validFor="monthly"'), encoding="utf-8")
    out = bpsim_to_profile(read_bpmn(path), source=path.name)
    assert out.document["simulation"]["pools"]["pool_T"]["calendar"] == "always"
    assert ("Quantity: calendar 'monthly' not imported (VEVENT 1 RRULE FREQ=MONTHLY (expected WEEKLY or DAILY)); "
            "the pool works 24/7") in "\n".join(out.warnings)


def test_icalendar_weekly_rules() -> None:
    from bpmn_io.simformats.ical import ICalError, weekly_hours

    def cal(*events: str) -> str:
        body = "".join(f"BEGIN:VEVENT\r\n{e}\r\nEND:VEVENT\r\n" for e in events)
        return f"BEGIN:VCALENDAR\r\n{body}END:VCALENDAR\r\n"

    # DAILY with no BYDAY: every day; DURATION instead of DTEND; a folded line
    hours, notes = weekly_hours(cal("DTSTART:20250106T220000\r\nDURATION:PT2H\r\nRRULE:FREQ=DA\r\n ILY;COUNT=10"))
    assert hours == {d: "22:00-24:00" for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")}
    assert "COUNT=10: the end of the repetition is not imported" in notes[0]
    # WEEKLY with no BYDAY: the weekday of DTSTART (2025-01-08 is a Wednesday)
    assert weekly_hours(cal("DTSTART:20250108T090000Z\r\nDTEND:20250108T110000Z\r\nRRULE:FREQ=WEEKLY"))[0] == {
        "wed": "09:00-11:00"}
    for bad, why in (("DTSTART:20250106T080000\r\nDTEND:20250106T160000", "does not repeat"),
                     ("DTSTART:20250106T220000\r\nDTEND:20250107T020000\r\nRRULE:FREQ=DAILY", "runs past the day"),
                     ("DTSTART:20250106T080000\r\nDTEND:20250106T160000\r\nRRULE:FREQ=WEEKLY;INTERVAL=2",
                      "INTERVAL=2"),
                     ("DTSTART:20250106T080000\r\nDTEND:20250106T160000\r\nRRULE:FREQ=WEEKLY;BYDAY=1MO", "BYDAY=1MO")):
        with pytest.raises(ICalError, match=why):
            weekly_hours(cal(bad))


# --------------------------------------------------------------------------- QBP


@pytest.fixture(scope="module")
def qbp():
    return qbp_to_profile(read_bpmn(QBP), source=QBP.name)


@pytest.mark.interop
def test_qbp_scenario_facts(qbp) -> None:
    sim = qbp.document["simulation"]
    assert sim["start"] == "2011-06-20"  # startDateTime="2011-06-20T18:43:59..."
    assert sim["cases"] == 98  # processInstances="98"
    # <qbp:resource ... name="Role 1" totalAmount="14" costPerHour="20" timetableId="QBP_RES_DEFAULT_TIMETABLE"/>
    assert sim["pools"]["qbp_22560896-b640-4f80-b705-ddce146a47ce"] == {
        "count": 14, "calendar": "QBP_RES_DEFAULT_TIMETABLE", "cost_per_hour": 20.0, "note": "QBP resource 'Role 1'"}
    assert sim["calendars"]["QBP_RES_DEFAULT_TIMETABLE"]["hours"]["sun"] == "00:00-24:00"


@pytest.mark.interop
def test_qbp_task_duration_in_seconds_and_its_resource(qbp) -> None:
    # durationDistribution type="UNIFORM" mean="3600" arg1="240.0" arg2="540.0"; resource Role 4
    task = qbp.document["simulation"]["elements"]["node_b9ae7028-f762-473e-a093-64e18f523371"]
    assert task == {"duration": {"dist": "uniform", "low": "4m", "high": "9m"},
                    "pool": "qbp_bec8870b-b717-48ee-aefe-2ebf56292288"}


@pytest.mark.interop
def test_qbp_execution_probabilities(qbp) -> None:
    gateway = qbp.document["simulation"]["elements"]["node_6937a19d-f100-4283-8193-e674653845bd"]
    assert gateway["probabilities"]["node_5e9989e6-ddd0-43ff-9be3-b822bdd410cd"] == pytest.approx(0.6226851851851852)
    assert sum(gateway["probabilities"].values()) == pytest.approx(1.0, abs=1e-12)


@pytest.mark.interop
def test_qbp_arrivals_and_warnings(qbp) -> None:
    # arrivalRateDistribution GAMMA mean=14829.6 s: a Poisson process with the same mean
    # a constant rate: per_year over a 365-day year, monthly weights = the months' lengths
    assert qbp.document["simulation"]["arrivals"] == {
        "per_year": pytest.approx(8760 * 3600 / 14829.6),
        "seasonality": [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]}
    text = "\n".join(qbp.warnings)
    assert "currency='EUR'" in text and "arrivalRateDistribution gamma" in text
    profile = profile_from_data(qbp.document, source="imported.yaml")
    assert profile.simulation.cases == 98


# --------------------------------------------------------------------------- Prosimos


@pytest.fixture(scope="module")
def mm1():
    return read_bpmn(MM1), read_profile(MM1_PROFILE).simulation


def test_prosimos_export_of_mm1_is_exact(mm1) -> None:
    defs, params = mm1
    out = to_prosimos(defs, params)
    assert out.warnings == ()
    doc = out.document
    assert sorted(doc) == sorted(["resource_profiles", "arrival_time_distribution", "arrival_time_calendar",
                                  "gateway_branching_probabilities", "task_resource_distribution",
                                  "resource_calendars", "event_distribution", "batch_processing"])
    # 4380 a year with month-length weights = 0.5 an hour -> mean inter-arrival 2 h = 7200 s
    assert doc["arrival_time_distribution"]["distribution_name"] == "expon"
    assert doc["arrival_time_distribution"]["distribution_params"][0]["value"] == pytest.approx(7200.0)
    assert doc["task_resource_distribution"] == [{"task_id": "Task_Serve", "resources": [
        {"resource_id": "server", "distribution_name": "expon",
         "distribution_params": [{"value": 3600.0}, {"value": 0.0}, {"value": 1e12}]}]}]
    assert doc["resource_profiles"][0]["resource_list"][0]["amount"] == 1
    assert len(doc["resource_calendars"][0]["time_periods"]) == 7
    json.dumps(doc)  # plain JSON


def test_prosimos_export_names_case_delays_it_cannot_express(mm1) -> None:
    # simulation.case_delays (a case's delays drawn together) has no Prosimos equivalent: one warning, not silence
    defs, params = mm1
    out = to_prosimos(defs, dataclasses.replace(params, delay_correlation=0.6))
    assert [w for w in out.warnings if w.startswith("case_delays:")] == [
        "case_delays: a case's delays moving together (correlation 0.6) cannot be expressed in Prosimos "
        "(each delay is drawn on its own there)"]
    assert out.document == to_prosimos(defs, params).document


def test_prosimos_export_names_the_warmup_in_the_unit_it_was_written_in(mm1) -> None:
    # it said "warmup of 1344 h" of a profile's warmup: 8w
    defs, params = mm1
    out = to_prosimos(defs, dataclasses.replace(params, warmup=1344.0))
    assert [w for w in out.warnings if w.startswith("warmup")] == [
        "warmup of 8 weeks: Prosimos has no warm-up period (not exported)"]


def test_prosimos_round_trip_keeps_parameters(mm1) -> None:
    defs, params = mm1
    back = prosimos_to_profile(to_prosimos(defs, params).document, defs, source="p.json")
    assert back.warnings == ()
    again = profile_from_data(back.document, source="back.yaml").simulation
    assert again.elements["Task_Serve"].duration == params.elements["Task_Serve"].duration
    assert again.pools["server"].count == 1
    assert again.arrivals.per_year == pytest.approx(4380.0)
    assert again.arrivals.monthly_expected() == pytest.approx(params.arrivals.monthly_expected())
    assert again.calendars["always"].week == params.calendars["always"].week


def test_prosimos_names_what_it_cannot_express() -> None:
    from bpmn_io.library import load_entry

    entry = load_entry("helsingborg")
    text = "\n".join(to_prosimos(entry.definitions, entry.profile.simulation).warnings)
    for expected in ("holidays (SE) cannot be expressed", "closures and closed dates", "FTE share",
                     "monthly seasonality", "meets on a calendar", "legal clock", "triangular distribution"):
        assert expected in text


def test_prosimos_bad_distribution_is_one_clear_error(mm1) -> None:
    defs, _ = mm1
    doc = {"resource_profiles": [], "resource_calendars": [],
           "arrival_time_distribution": {"distribution_name": "weibull", "distribution_params": [{"value": 1}]}}
    with pytest.raises(InputError, match="Prosimos distribution 'weibull' \\(expected one of fix, expon"):
        prosimos_to_profile(doc, defs, source="p.json")


# ------------------------------------------------------------------ Prosimos on the library models


LIBRARY = ("helsingborg", "landskrona", "astorp")
EXPRESSIBLE = ("fixed", "exponential", "uniform", "normal", "lognormal", "gamma")


@pytest.mark.parametrize("name", LIBRARY)
def test_prosimos_bpmn_holds_only_what_prosimos_reads_and_matches_the_json(name) -> None:
    from bpmn_io.library import load_entry
    from bpmn_io.simformats import prosimos_bpmn
    from bpmn_io.simformats.prosimos_bpmn import READ_BY_PROSIMOS

    entry = load_entry(name)
    data, _ = prosimos_bpmn(entry.definitions)
    root = etree.fromstring(data)
    m = "{http://www.omg.org/spec/BPMN/20100524/MODEL}"
    (proc,) = [p for p in root.iter(f"{m}process") if len(p.findall(f"{m}sequenceFlow"))]
    nodes = {c.get("id"): etree.QName(c).localname for c in proc
             if etree.QName(c).localname not in ("sequenceFlow", "laneSet", "extensionElements", "documentation")}
    assert set(nodes.values()) <= READ_BY_PROSIMOS, set(nodes.values()) - READ_BY_PROSIMOS
    for flow in proc.iter(f"{m}sequenceFlow"):  # Prosimos fails on a flow to an element it did not read
        assert flow.get("sourceRef") in nodes and flow.get("targetRef") in nodes
    doc = to_prosimos(entry.definitions, entry.profile.simulation).document
    tasks = {n for n, tag in nodes.items() if tag == "task"}
    events = {n for n, tag in nodes.items() if tag == "intermediateCatchEvent"}
    assert {t["task_id"] for t in doc["task_resource_distribution"]} == tasks
    assert {e["event_id"] for e in doc["event_distribution"]} == events
    resources = {r["id"] for p in doc["resource_profiles"] for r in p["resource_list"]}
    calendars = {c["id"] for c in doc["resource_calendars"]}
    for t in doc["task_resource_distribution"]:
        assert t["resources"][0]["resource_id"] in resources
    assert {r["calendar"] for p in doc["resource_profiles"] for r in p["resource_list"]} <= calendars


def test_prosimos_round_trip_of_a_library_model_keeps_what_both_express() -> None:
    from bpmn_io.library import load_entry

    entry = load_entry("helsingborg")
    defs, params = entry.definitions, entry.profile.simulation
    back = prosimos_to_profile(to_prosimos(defs, params).document, defs, source="h.json")
    again = profile_from_data(back.document, source="back.yaml").simulation
    for name, pool in params.pools.items():
        assert again.pools[name].count == pool.count
        assert again.pools[name].cost_per_hour == pool.cost_per_hour
        assert again.calendars[again.pools[name].calendar].week == params.calendars[pool.calendar].week
    compared = 0
    for eid, ep in params.elements.items():
        if ep.probabilities:
            assert dict(again.elements[eid].probabilities) == pytest.approx(dict(ep.probabilities))
            compared += 1
        for dist in (ep.duration, ep.delay):
            if dist is not None and dist.kind in EXPRESSIBLE and eid in again.elements:
                got = again.elements[eid].duration or again.elements[eid].delay
                assert got.kind == dist.kind and got.mean() == pytest.approx(dist.mean()), eid
                compared += 1
    assert compared >= 5
    # seasonality is warned about on the way out; the yearly mean survives
    assert again.arrivals.per_year == pytest.approx(params.arrivals.per_year)


def test_prosimos_import_groups_a_simod_style_profile_into_one_pool(mm1) -> None:
    # Simod writes one resource per person and lists every one of them on the task
    defs, _ = mm1
    week = [{"from": "MONDAY", "to": "FRIDAY", "beginTime": "08:00:00", "endTime": "16:00:00"}]
    people = [{"id": f"clerk_{i}", "name": f"Clerk {i}", "amount": 1, "cost_per_hour": 30, "calendar": "office"}
              for i in range(3)]
    expon = {"distribution_name": "expon", "distribution_params": [{"value": 1800}, {"value": 0}, {"value": 1e12}]}
    doc = {"resource_profiles": [{"id": "clerks", "name": "Clerks", "resource_list": people}],
           "resource_calendars": [{"id": "office", "time_periods": week}],
           "task_resource_distribution": [{"task_id": "Task_Serve", "resources": [
               {"resource_id": p["id"], **expon} for p in people]}],
           "arrival_time_distribution": {"distribution_name": "expon",
                                         "distribution_params": [{"value": 3600}, {"value": 0}, {"value": 1e12}]}}
    out = prosimos_to_profile(doc, defs, source="simod.json")
    sim = out.document["simulation"]
    assert sim["pools"] == {"clerks": {"count": 3, "calendar": "office", "cost_per_hour": 30.0}}
    assert sim["elements"]["Task_Serve"] == {"duration": {"dist": "exponential", "mean": "30m"}, "pool": "clerks"}
    assert sim["calendars"]["office"]["hours"]["fri"] == "08:00-16:00" and "sat" not in sim["calendars"]["office"]["hours"]
    assert out.warnings == ()
    # only two of the three listed: not the whole profile, so the first resource alone, with a warning
    doc["task_resource_distribution"][0]["resources"].pop()
    out = prosimos_to_profile(doc, defs, source="simod.json")
    assert out.document["simulation"]["elements"]["Task_Serve"]["pool"] == "clerk_0"
    assert "2 resources (clerk_0, clerk_1) that are not one whole resource profile" in out.warnings[0]


JBPM_PROFILE = (ROOT / "tests/fixtures/sim/jbpm_profile.yaml").read_text(encoding="utf-8")


@pytest.mark.interop
def test_prosimos_bpmn_of_a_model_with_subprocess_boundary_and_three_end_events() -> None:
    import yaml

    from bpmn_io.simformats import prosimos_bpmn

    defs = read_bpmn(JBPM)
    params = profile_from_data(yaml.safe_load(JBPM_PROFILE), source="jbpm.yaml").simulation
    data, bpmn_warnings = prosimos_bpmn(defs)
    root = etree.fromstring(data)
    m = "{http://www.omg.org/spec/BPMN/20100524/MODEL}"
    proc = root.find(f"{m}process")
    tags = sorted(etree.QName(c).localname for c in proc
                  if etree.QName(c).localname not in ("sequenceFlow", "documentation", "extensionElements"))
    # start, user task, gateway, throw event, call activity, subprocess, one end event
    assert tags == ["endEvent", "exclusiveGateway", "startEvent", "task", "task", "task", "task"]
    flows = {(f.get("sourceRef"), f.get("targetRef")) for f in proc.findall(f"{m}sequenceFlow")}
    assert ("_DCDFF235-4009-4852-A79C-828415B9565B", "_98A6E822-A7AA-4236-AE56-1440256BB89A") in flows  # was cancel end
    assert "merged into '_98A6E822-A7AA-4236-AE56-1440256BB89A'" in bpmn_warnings[0]
    doc = to_prosimos(defs, params)
    text = "\n".join(doc.warnings)
    assert "subprocess '_DCDFF235-4009-4852-A79C-828415B9565B': Prosimos cannot read subprocesses" in text
    assert "activity '_0B342610-E00B-455A-802A-DAECF804D529' inside a subprocess" in text
    assert "boundary event '_26212C7F-3900-4F4A-A37D-5BD4CF9D06E2'" in text
    tasks = {c.get("id") for c in proc if etree.QName(c).localname == "task"}
    assert {t["task_id"] for t in doc.document["task_resource_distribution"]} == tasks


def test_bpsim_result_requests_and_comments_are_not_values(tmp_path) -> None:
    # a ResultRequest asks the simulator for an output; a comment is nothing; neither is a parameter value
    text = CALENDAR_BPMN.replace(
        '<bpsim:ProcessingTime><bpsim:TriangularDistribution',
        '<bpsim:ProcessingTime><!-- hours --><bpsim:ResultRequest>mean</bpsim:ResultRequest>'
        '<bpsim:TriangularDistribution').replace(
        '<bpsim:ResourceParameters>', '<bpsim:ResourceParameters><!-- staff --><bpsim:Availability>'
        '<bpsim:ResultRequest>max</bpsim:ResultRequest></bpsim:Availability>')
    path = tmp_path / "cal.bpmn"
    path.write_text(text, encoding="utf-8")
    out = bpsim_to_profile(read_bpmn(path), source=path.name)
    assert out.document["simulation"]["elements"]["T"]["duration"] == {
        "dist": "triangular", "low": "1h", "mode": "2h", "high": "4h"}
    warnings = "\n".join(out.warnings)
    assert "'T' ProcessingTime: ResultRequest mean asks for output" in warnings
    assert "'T' Availability: ResultRequest max asks for output" in warnings
    assert "Availability: no permitflow equivalent" not in warnings  # nothing but a request: no value to report


INCLUSIVE_BPMN = bpmn_text("""    <startEvent id="S"/>
    <inclusiveGateway id="Split"/>
    <task id="A"/>
    <task id="B"/>
    <inclusiveGateway id="Join"/>
    <endEvent id="E"/>
""", "F0:S>Split FA:Split>A FB:Split>B FA2:A>Join FB2:B>Join F9:Join>E", namespace="http://example.org/or",
                           process='<process id="P" isExecutable="false">')


def test_prosimos_inclusive_gateway_keeps_each_flows_chance(tmp_path) -> None:
    # permitflow draws one flow set; Prosimos draws each flow on its own
    path = tmp_path / "or.bpmn"
    path.write_text(INCLUSIVE_BPMN, encoding="utf-8")
    defs = read_bpmn(path)
    params = profile_from_data({"simulation": {
        "start": "2025-01-06", "cases": 10, "arrivals": {"per_year": 876},
        "elements": {"Split": {"probabilities": {"FA": 0.5, "FA+FB": 0.3, "FB": 0.2}}}}}, source="or.yaml").simulation
    out = to_prosimos(defs, params)
    (gw,) = out.document["gateway_branching_probabilities"]
    assert {p["path_id"]: p["value"] for p in gw["probabilities"]} == pytest.approx({"FA": 0.8, "FB": 0.5})
    text = "\n".join(out.warnings)
    assert "inclusive gateway 'Split': Prosimos takes each outgoing flow on its own" in text
    assert "in the 10.0% of passes where it draws no flow" in text  # (1 - 0.8) * (1 - 0.5)
    # and back: independent draws of 0.5 and 0.5 -> both 1/4; none 1/4, shared out as one flow by 0.5 : 0.5
    doc = {"resource_profiles": [], "resource_calendars": [],
           "gateway_branching_probabilities": [{"gateway_id": "Split", "probabilities": [
               {"path_id": "FA", "value": 0.5}, {"path_id": "FB", "value": 0.5}]}],
           "arrival_time_distribution": {"distribution_name": "expon",
                                         "distribution_params": [{"value": 3600}, {"value": 0}, {"value": 1e12}]}}
    back = prosimos_to_profile(doc, defs, source="or.json")
    assert back.document["simulation"]["elements"]["Split"]["probabilities"] == pytest.approx(
        {"FA": 0.375, "FB": 0.375, "FA+FB": 0.25})
    profile_from_data(back.document, source="back.yaml")


def test_bpsim_second_scenario_is_named_or_chosen(tmp_path) -> None:
    scenario = CALENDAR_BPMN[CALENDAR_BPMN.index("<bpsim:Scenario "):CALENDAR_BPMN.index("</bpsim:Scenario>") + 17]
    second = scenario.replace('id="s1" name="weekdays"', 'id="s2" name="busy"').replace('value="3"', 'value="5"')
    path = tmp_path / "two.bpmn"
    path.write_text(CALENDAR_BPMN.replace(scenario, scenario + second), encoding="utf-8")
    defs = read_bpmn(path)
    first = bpsim_to_profile(defs, source=path.name)
    assert first.document["simulation"]["pools"]["pool_T"]["count"] == 3
    assert "2 BPSim scenarios; imported the first ('s1'), not s2" in first.warnings
    busy = bpsim_to_profile(defs, source=path.name, scenario="busy")
    assert busy.document["simulation"]["pools"]["pool_T"]["count"] == 5


@pytest.mark.interop
def test_qbp_resource_without_members_is_named(tmp_path) -> None:
    text = QBP.read_text(encoding="utf-8").replace('name="Role 5" totalAmount="2"', 'name="Role 5" totalAmount="0"')
    path = tmp_path / "q.bpmn"
    path.write_text(text, encoding="utf-8")
    out = qbp_to_profile(read_bpmn(path), source=path.name)
    assert out.document["simulation"]["pools"]["qbp_b5bbf705-b3ec-49dd-83f4-cbdc5294289d"]["count"] == 1
    line = text[:text.rindex("<qbp:resource ", 0, text.index('name="Role 5"'))].count("\n") + 1
    assert (f"q.bpmn:{line}: resource Role 5 (qbp_b5bbf705-b3ec-49dd-83f4-cbdc5294289d): totalAmount '0' is "
            "not a whole number >= 1; imported as 1") in out.warnings


def test_prosimos_import_warns_only_about_what_it_drops(mm1) -> None:
    # a standard Prosimos file: empty case_attributes and prioritisation_rules, normal bounds [0, 1e9 s]
    defs, _ = mm1
    norm = {"distribution_name": "norm",
            "distribution_params": [{"value": 3600}, {"value": 600}, {"value": 0}, {"value": 1e9}]}
    doc = {"resource_profiles": [{"id": "server", "name": "Server", "resource_list": [
               {"id": "s1", "name": "S1", "amount": 1, "cost_per_hour": 30, "calendar": "always"}]}],
           "resource_calendars": [{"id": "always", "time_periods": [
               {"from": "MONDAY", "to": "SUNDAY", "beginTime": "00:00:00", "endTime": "23:59:59"}]}],
           "task_resource_distribution": [{"task_id": "Task_Serve", "resources": [{"resource_id": "s1", **norm}]}],
           "arrival_time_distribution": {"distribution_name": "expon",
                                         "distribution_params": [{"value": 7200}, {"value": 0}, {"value": 1e9}]},
           "case_attributes": [], "prioritisation_rules": [], "multitasking": {}}
    assert prosimos_to_profile(doc, defs, source="p.json").warnings == ()
    # bounds that cut draws, and sections with content, are named
    doc["task_resource_distribution"][0]["resources"][0]["distribution_params"][3] = {"value": 5000}
    doc["case_attributes"] = [{"name": "kind", "type": "discrete", "values": [{"key": "a", "value": 1}]}]
    warnings = prosimos_to_profile(doc, defs, source="p.json").warnings
    assert warnings == ("case_attributes: no permitflow equivalent (not imported)",
                        "task 'Task_Serve': norm bounds [0, 5000] s have no equivalent (dropped; a normal is "
                        "truncated at 0 only)")


def test_a_converted_duration_is_written_as_a_person_writes_it_and_reads_back_the_same() -> None:
    """Found by QA: profiles converted from Prosimos/QBP said "0.116666666667h" for 7 minutes. Each text reads back
    through the profile's own reader (work and calendar time) as the hours it was made from."""
    import random
    import re

    from bpmn_io.simformats.common import hours_text
    from processes.durations import parse_duration

    said = {seconds: hours_text(seconds / 3600) for seconds in (60, 120, 180, 420, 540, 1800, 3600, 4200, 5400, 9000)}
    assert said == {60: "1m", 120: "2m", 180: "3m", 420: "7m", 540: "9m", 1800: "30m", 3600: "1h", 4200: "70m",
                    5400: "1.5h", 9000: "2.5h"}
    rng = random.Random(23)
    values = ([s / 3600 for s in range(1, 7200, 7)] + [rng.uniform(0, 1) for _ in range(500)]
              + [rng.lognormvariate(0, 4) for _ in range(500)] + [1e-9, 1e-6, 8766.0, 87660.0 + 1 / 3, 0.0])
    for hours in values:
        text = hours_text(hours)
        assert re.fullmatch(r"(0|[1-9]\d*)(\.\d*[1-9])?(m|h)", text), (hours, text)  # no exponent, no "-0", no noise
        for work in (True, False):
            assert parse_duration(text, work=work) == pytest.approx(hours, rel=1e-12, abs=0), (hours, text)
