"""What an element a model leaves unnamed is, in both languages (:mod:`web.unnamedkinds`): a step in the words
``permitflow diff`` says it by, a gateway, flow, lane or event subprocess in the refusals' own words."""

from __future__ import annotations

from pathlib import Path

from bpmn_io.reader import parse_bpmn
from web.unnamedkinds import unnamed_kinds, unnamed_said

NOT_RUN = Path(__file__).resolve().parents[1] / "fixtures" / "web" / "not_run.bpmn"


def test_each_element_of_a_model_is_said_by_what_it_is_in_both_languages() -> None:
    defs = parse_bpmn(NOT_RUN.read_bytes(), source="not_run.bpmn")
    en, sv = unnamed_kinds(defs, "en"), unnamed_kinds(defs, "sv")
    said = {i: (en[i], sv[i]) for i in ("Gw_C", "Wait", "Sub_Msg", "Start_Msg", "End_Msg", "Task_Serve", "F1",
                                        "Lane_Server", "Process_MM1")}
    assert said == {"Gw_C": ("complex gateway", "komplex gateway"),
                    "Wait": ("intermediate event", "mellanliggande händelse"),
                    "Sub_Msg": ("event subprocess", "händelseunderprocess"),
                    "Start_Msg": ("start event", "starthändelse"), "End_Msg": ("end event", "sluthändelse"),
                    "Task_Serve": ("task", "uppgift"), "F1": ("sequence flow", "sekvensflöde"),
                    "Lane_Server": ("lane", "bana"), "Process_MM1": ("process", "process")}
    assert [unnamed_said(i, sv[i], "sv") for i in ("F1", "Wait")] == [
        "ett namnlöst sekvensflöde (F1)", "en namnlös mellanliggande händelse (Wait)"]
