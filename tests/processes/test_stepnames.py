"""One form for a step in every command's messages: its name, then its id (processes.stepnames)."""

from __future__ import annotations

from pathlib import Path

from bpmn_io.loading import load_model
from bpmn_io.profile import read_profile
from calibrate.reporting import calibration_text
from processes.stepnames import step_said
from simulator.advice import profile_warnings

OWN = Path(__file__).resolve().parents[1] / "fixtures" / "sim" / "own"


def test_the_run_warnings_and_the_calibration_text_name_a_step_alike() -> None:
    """Found by the words review: run warnings said 'Event_0inkommen' (Komplettering inkommen), calibrate
    Komplettering inkommen (Event_0inkommen)."""
    process = load_model(OWN / "process.bpmn").process()
    params = read_profile(OWN / "profile.yaml").simulation
    assert params is not None
    warned = " ".join(message for _key, message in profile_warnings(process, params))
    names = {nid: node.name for nid, node in process.nodes.items() if getattr(node, "name", "")}
    fitted = calibration_text({"log": "l.csv", "cases": 1, "events": 2, "period": "2024", "start_times": "",
                               "mapping": [{"activity": "Komplettering inkommen", "element": "Event_0inkommen",
                                            "how": "equal names"}]}, names=names)
    assert "Komplettering inkommen (Event_0inkommen)" in warned
    assert "  Komplettering inkommen -> Komplettering inkommen (Event_0inkommen)  (equal names)" in fitted
    assert "'Event_0inkommen'" not in warned


def test_a_step_without_a_name_is_said_by_its_id() -> None:
    assert step_said("Gateway_1", "  ") == "Gateway_1"
    assert step_said("Task_A", "Granska\n  ansökan") == "Granska ansökan (Task_A)"
