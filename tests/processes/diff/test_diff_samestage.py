"""The one step of the same stage in the same place (samestage.py, tiers.py): a step left over in a
wide place, sharing no word with the other model's steps there, is asked about the one of them that
names its stage of the case (stages.py); when two of them name it, neither is singled out.

The positive tests fail without the rule (checked by disabling it)."""

from __future__ import annotations

from pathlib import Path

from diffbuilders import candidates, model, only

from bpmn_io.loading import load_model
from processes.diff import diff_models

P54 = Path(__file__).resolve().parents[3] / "bench" / "matching" / "sv" / "p54"


def test_a_case_created_by_the_system_is_asked_about_the_registration_among_five() -> None:
    # bench pair p54: B draws five steps where A draws "Ärende skapas automatiskt ..."; their labels
    # share no word with it, and only one of them is intake
    d = diff_models(load_model(P54 / "a.yaml"), load_model(P54 / "b.yaml"))
    (c,) = [c for c in candidates(d, "a", "Task_Skapa") if c.ids == ("Task_Registrera",)]
    assert c.label == 0.0
    assert c.reasons[-1] == "the one step of the same stage in the same place (intake)"
    assert "a:Task_Skapa" not in only(d)


def _pair(fourth: str):
    a = model(
        [
            ("S", "start", ""),
            ("A0", "userTask", "Applicant applies online"),
            ("A1", "userTask", "Set status Submitted"),
            ("A2", "userTask", "Committee decides"),
            ("E", "end", ""),
        ],
        chain="S A0 A1 A2 E",
    )
    b = model(
        [
            ("S", "start", ""),
            ("B0", "userTask", "Applicant applies online"),
            ("B1", "userTask", "Check the floor plan"),
            ("B2", "userTask", "Log the application"),
            ("B3", "userTask", fourth),
            ("B4", "userTask", "Pay the fee"),
            ("B5", "userTask", "Committee decides"),
            ("E", "end", ""),
        ],
        chain="S B0 B1 B2 B3 B4 B5 E",
    )
    return diff_models(a, b)


def test_the_one_intake_step_of_four_is_asked_about() -> None:
    d = _pair("Book the test")
    assert [(m.a, m.b) for m in d.matches if m.a == ("A1",)] == []
    (c,) = [c for c in candidates(d, "a", "A1") if c.ids == ("B2",)]
    assert c.reasons == ("labels 0.00 alike", "the one step of the same stage in the same place (intake)")


def test_two_intake_steps_in_the_place_single_out_neither() -> None:
    d = _pair("Record the application")
    assert [c.ids for c in candidates(d, "a", "A1") if c.ids in (("B2",), ("B3",))] == []
    assert not any("same stage" in r for c in candidates(d, "a", "A1") for r in c.reasons)
