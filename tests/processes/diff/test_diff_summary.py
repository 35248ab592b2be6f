"""Summary pass: a coarse step whose label lists the work of finer steps of the other model."""

from __future__ import annotations

from diffbuilders import model

from processes.diff import diff_models
from processes.diff.core import lexicon_for, prepare
from processes.diff.matching import pair_scores
from processes.diff.matchtypes import PassInput
from processes.diff.summary import label_parts, summary_pass


def test_label_parts_split_at_list_words_and_commas() -> None:
    assert label_parts("Utredning av ansökan inklusive remisser och kunskapsprov") == [
        "Utredning av ansökan", "remisser", "kunskapsprov"
    ]
    assert label_parts("Remiss till polisen, Skatteverket samt räddningstjänsten") == [
        "Remiss till polisen", "Skatteverket", "räddningstjänsten"
    ]
    assert label_parts("Granska ansökan") == ["Granska ansökan"]


def _models(finer: list[tuple[str, str]]) -> tuple[object, object]:
    a = model(
        [("S", "start", "Ansökan inkommer"), ("T1", "userTask", "Diarieför ansökan"),
         *[(nid, "userTask", label) for nid, label in finer],
         ("T9", "userTask", "Fatta beslut"), ("E", "end", "Klart")],
        chain=" ".join(["S", "T1", *(nid for nid, _ in finer), "T9", "E"]),
    )
    b = model(
        [("S", "start", "Ny ansökan"), ("U1", "userTask", "Diarieföring"),
         ("U2", "userTask", "Utredning av ansökan inklusive remisser och kunskapsprov"),
         ("U9", "userTask", "Beslut"), ("E", "end", "Slut")],
        chain="S U1 U2 U9 E",
    )
    return a, b


def _summary(a: object, b: object) -> list:
    ca, cb = prepare(a, "A"), prepare(b, "B")
    lex = lexicon_for((ca, cb))
    score, lab = pair_scores(ca.view, cb.view, lex, lang_a="sv", lang_b="sv")
    return summary_pass(PassInput(ca.view, cb.view, lex, ("sv", "sv"), lab, score), [])


def test_the_parts_of_a_coarse_label_name_the_finer_steps() -> None:
    # five steps between the same matched steps: too many for the block pass to read as one
    finer = [("T2", "Skicka remisser till Polisen och Skatteverket"), ("T3", "Bedöm vandel"),
             ("T4", "Genomför kunskapsprov med sökanden"), ("T6", "Fakturera avgiften"),
             ("T5", "Utred ärendet och skriv beslut")]
    a, b = _models(finer)
    found = [(m.a, m.b, m.how) for m in _summary(a, b)]
    assert (("T2", "T4", "T5"), ("U2",), "grouped") in found
    # in the whole comparison too: one correspondence, not three steps only in A; "Bedöm vandel",
    # a review of the applicant's suitability, joins the investigation too (suitability.py)
    d = diff_models(a, b)
    assert [set(m.a) for m in d.matches if m.b == ("U2",)] == [{"T2", "T3", "T4", "T5"}]


def test_a_part_said_by_two_steps_alike_names_none() -> None:
    # two steps say "kunskapsprov" and are equally like the coarse step: which one it means
    # is not known; only "remisser" is left, and one part is not a summary
    finer = [("T2", "Skicka remisser till Polisen"), ("T4", "Genomför kunskapsprov"),
             ("T5", "Genomför kunskapsprov")]
    a, b = _models(finer)
    assert not [m for m in _summary(a, b) if "U2" in m.b]


def test_a_collective_part_names_the_dispatches_to_bodies() -> None:
    # "till sökanden" is said by the receipt too, less like the coarse step: the dispatch names it
    a = model(
        [("S", "start", "Ansökan inkommer"), ("T0", "sendTask", "Mottagningsbekräftelse med kontaktuppgifter och handläggarens namn till sökanden"),
         ("T1", "userTask", "Fatta beslut"),
         ("T2", "sendTask", "Skicka beslutet och tillståndsbeviset till sökanden"),
         ("T3", "sendTask", "Underrätta Polisen och Länsstyrelsen om beslutet"),
         ("T4", "userTask", "Arkivera ärendet"), ("E", "end", "Klart")],
        chain="S T0 T1 T2 T3 T4 E",
    )
    b = model(
        [("S", "start", "Ny ansökan"), ("U1", "userTask", "Beslut"),
         ("U2", "sendTask", "Underrättelse om beslut till sökanden och berörda myndigheter"),
         ("U4", "userTask", "Arkivering"), ("E", "end", "Slut")],
        chain="S U1 U2 U4 E",
    )
    found = _summary(a, b)
    assert [(set(m.a), m.b) for m in found if "U2" in m.b] == [({"T2", "T3"}, ("U2",))]


def test_a_group_across_the_families_is_never_shown_at_confidence_zero() -> None:
    # "Invänta yttrande" is a waiting step: the combined score sets it to zero against a task
    # of the other family, yet the coarse step names it in full; the group's confidence reads its label
    a = model(
        [("S", "start", "Ansökan inkommer"), ("T1", "userTask", "Registrera ansökan"),
         ("T2", "sendTask", "Skicka remiss till polisen"), ("T3", "userTask", "Invänta yttrande"),
         ("T4", "userTask", "Besluta om tillstånd"), ("E", "end", "Klart")],
        chain="S T1 T2 T3 T4 E",
    )
    b = model(
        [("S", "start", "Ansökan inkommer"), ("U1", "userTask", "Registrera ansökan"),
         ("U2", "userTask", "Skicka remiss till polisen och invänta yttrande"),
         ("U4", "userTask", "Besluta om tillstånd"), ("E", "end", "Klart")],
        chain="S U1 U2 U4 E",
    )
    groups = [m for m in diff_models(a, b).matches if m.b == ("U2",)]
    assert [m.a for m in groups] == [("T2", "T3")]
    assert groups[0].how == "grouped"
    assert 0.5 < groups[0].confidence <= groups[0].label + 1e-9


def test_no_correspondence_of_the_example_pair_is_shown_at_confidence_zero() -> None:
    # the chain pass (contained.py) grouped the end event "Beslut meddelat" with "Skicka beslutskopior" +
    # "Tillstånd beviljat" at confidence 0.0 (labels 0.7 alike): a task against an end event scores 0;
    # every pass that builds a correspondence from several pairs now reads such a pair by its label
    from pathlib import Path

    from bpmn_io.loading import load_model

    root = Path(__file__).resolve().parents[3]
    a, b = load_model(root / "examples" / "permit.yaml"), load_model("helsingborg")
    result = diff_models(a, b)
    grouped = [m for m in result.matches if m.a == ("End_Beslut",)]
    assert [m.b for m in grouped] == [("Task_Skicka_Beslutskopior", "End_Tillstand_Beviljat")]
    assert all(m.confidence > 0 for m in result.matches), [m for m in result.matches if m.confidence <= 0]
    assert grouped[0].confidence <= grouped[0].label + 1e-9
