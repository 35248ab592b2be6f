"""The same process drawn independently in different tools (MIWG C.1.0: bpmn.io,
SAP Signavio, Cardanit, ADONIS): other ids, some labels dropped or re-cased, one label
double-encoded by a tool, request/reply message flows between two pools."""

from __future__ import annotations

import pytest
from shared import INTEROP

from bpmn_io.reader import read_bpmn
from processes.diff import diff_models
from processes.diff.relations import behavioural_profile
from processes.diff.view import build_view

MIWG = INTEROP / "miwg"
BPMN_IO = MIWG / "bpmn-io-camunda-modeler-18.6.1" / "C.1.0-export.bpmn"

pytestmark = pytest.mark.interop


def diff_with(tool: str):
    return diff_models(read_bpmn(BPMN_IO), read_bpmn(MIWG / tool / "C.1.0-export.bpmn"))


@pytest.mark.parametrize("tool", ["sap-signavio-process-manager-19.9.0", "cardanit-4.9.1"])
def test_same_process_other_tool_everything_matched_nothing_differs(tool: str) -> None:
    d = diff_with(tool)
    assert len(d.matches) == 18 and all(len(m.a) == len(m.b) == 1 for m in d.matches)
    assert d.differences == ()
    assert d.similarity.behavioural == 1.0
    # "Rechnung klÃƒÂ¤ren" (bpmn.io export, UTF-8 read twice as Windows-1252) is "Rechnung klären"
    pair = [m for m in d.matches if d.a.steps[m.a[0]].name.startswith("Rechnung")]
    assert len(pair) == 1 and pair[0].label == 1.0


def test_a_label_dropped_by_the_tool_is_paired_by_type_and_context() -> None:
    d = diff_with("sap-signavio-process-manager-19.9.0")
    by_a = {d.a.steps[m.a[0]].name: m for m in d.matches}
    m = by_a["Approver to be assigned"]
    assert m.b == ("sid-5DA885B8-8309-40A3-A15F-02405FBBF88B",) and d.b.steps[m.b[0]].name == ""
    assert m.label == 0.0 and 0.6 <= m.confidence <= 0.8


def test_adonis_export_differs_only_where_the_files_differ() -> None:
    # ADONIS exports "Rechnung klären" as a plain task and leaves out the two message
    # flows between it and the other pool; nothing else differs. A plain task says nothing
    # about its type: one note, not a difference
    d = diff_with("adonis-17.0")
    assert len(d.matches) == 18
    assert [(x.kind, x.attribute, x.a_value, x.b_value) for x in d.differences] == [
        ("concurrency", "concurrency", "before", "parallel"),
    ]
    assert [n for n in d.notes if "plain task" in n] == [
        "1 matched task is a plain task in B and typed in A (userTask 1): a model that does not type a "
        "task says nothing about its type, so these types are not compared"
    ]


def test_request_and_reply_messages_make_no_loop() -> None:
    # Assign Approver asks the other pool (message into a catch event) and gets the
    # answer back (message into the task): order, not repetition
    defs = read_bpmn(BPMN_IO)
    view = build_view(defs)
    p = behavioural_profile(defs, view)
    names = {s.name: s.id for s in view.steps.values()}
    assert p.repeatable == {names["Approve Invoice"], names["Rechnung klären"]}  # its name as read (qadev2)
    assert p.relation(names["Assign Approver"], names["Approver to be assigned"]) == "before"
    assert p.relation(names["Invoice not processed"], names["Invoice processed"]) == "exclusive"


def test_similarity_worked_by_hand_bpmn_io_vs_signavio() -> None:
    # 18 pairs, 3 of label similarity 0 (Signavio left "Approver to be assigned" and two
    # end events unnamed where bpmn.io names them), 15 of 1; no node or edge skipped
    s = diff_with("sap-signavio-process-manager-19.9.0").similarity
    assert (s.nodes_a, s.nodes_b, s.skipped_nodes, s.edges_a, s.edges_b, s.skipped_edges) == (
        18,
        18,
        0,
        22,
        22,
        0,
    )
    assert s.node_matching == pytest.approx(2 * 15 / 36, abs=1e-6)  # simNM = 2 sum Sim / (|N1| + |N2|)
    # fskipn = 0, fskipe = 0, fsubn = 2 * 3 * (1 - 0) / (36 - 0); simGED = 1 - mean of the three
    assert s.structural == pytest.approx(1 - (0 + 0 + 6 / 36) / 3, abs=1e-6)


def test_a_tools_default_name_counts_as_no_name() -> None:
    # Cardanit names bpmn.io's two unnamed end events "End Event_74" / "End Event_87"
    d = diff_with("cardanit-4.9.1")
    ends = {
        d.b.steps[m.b[0]].name: m.label for m in d.matches if d.b.steps[m.b[0]].name.startswith("End Event")
    }
    assert ends == {"End Event_74": 1.0, "End Event_87": 1.0}
    assert d.similarity.node_matching == 1.0


def test_a_called_process_in_the_file_runs_inside_its_call_activity() -> None:
    # B.1.0: bpmn.io draws "Call Activity - Expanded" as a subprocess holding Start Event
    # None 1 -> Abstract Task 4 -> End Event None 2; ADONIS writes a call activity and the
    # called process beside it. Same behaviour: only the element type differs (and ADONIS
    # adds the global task's process, which bpmn.io leaves out)
    d = diff_models(
        read_bpmn(MIWG / "bpmn-io-camunda-modeler-18.6.1" / "B.1.0-export.bpmn"),
        read_bpmn(MIWG / "adonis-17.0" / "B.1.0-export.bpmn"),
    )
    assert [(x.kind, x.attribute, x.a_value, x.b_value) for x in d.differences] == [
        ("attribute", "type", "subProcess", "callActivity"),
        ("only_in_b", "", "", ""),
        ("only_in_b", "", "", ""),
        ("only_in_b", "", "", ""),
    ]
    assert sorted(d.b.steps[x.b[0]].name for x in d.differences if x.kind == "only_in_b") == [
        "Abstract Task 8",
        "End Event None 4",
        "Start Event None 3",
    ]


def test_an_unnamed_step_is_shown_as_what_it_is_and_its_id() -> None:
    from processes.diff.view import display_name

    d = diff_with("sap-signavio-process-manager-19.9.0")
    approver = next(m for m in d.matches if d.a.steps[m.a[0]].name == "Approver to be assigned")
    assert d.label_b(approver.b) == "unnamed intermediate event sid-5DA885B8-8309-40A3-A15F-02405FBBF88B"
    assert display_name(d.a.steps["Event_1voaxze"]) == "unnamed end event Event_1voaxze"


def test_an_escape_written_as_text_and_a_tools_numbered_default_name_do_not_cost_a_pair() -> None:
    """Visual Paradigm writes "Rechnung kl\\u00e4ren" with the escape as text: against ADONIS's
    "Rechnung klären" it was left uncertain (label 0.4) with its neighbour; Cardanit names an unnamed
    boundary event "Error Boundary Event_149", a default that said nothing but scored against the
    reference's unnamed event as a label."""
    d = diff_models(read_bpmn(MIWG / "adonis-17.0" / "C.1.0-export.bpmn"),
                    read_bpmn(MIWG / "visual-paradigm-11.1" / "C.1.0-roundtrip.bpmn"))
    assert d.uncertain == () and len(d.matches) == 18 and all(len(m.a) == len(m.b) == 1 for m in d.matches)
    pair = [m for m in d.matches if d.a.steps[m.a[0]].name == "Rechnung klären"]
    # the escape is read as the letter it writes, in the name shown too (qadev2: diff showed it as written)
    assert len(pair) == 1 and d.b.steps[pair[0].b[0]].name == "Rechnung klären" and pair[0].label == 1.0
    c = diff_models(read_bpmn(MIWG / "reference" / "C.2.0.bpmn"),
                    read_bpmn(MIWG / "cardanit-4.9.1" / "C.2.0-export.bpmn"))
    assert c.similarity.node_matching == 1.0 and c.differences == () and c.uncertain == ()
