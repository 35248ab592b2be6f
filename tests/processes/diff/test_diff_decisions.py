"""A user's match decisions (confirm / reject) are honoured; bad files give one clear line."""

from __future__ import annotations

import pytest
from diffbuilders import linear, model

from processes.diff import check_decisions, diff_models, parse_decisions
from processes.diff.decisions import Decision, MatchDecisions
from processes.errors import InputError

A = linear(["Granska ansökan", "Platsbesök", "Beslut"], prefix="A")
B = linear(["Granska ansökan", "Bedöm brandskyddet", "Beslut"], prefix="B")


def pairs(d):
    return [(m.a, m.b, m.how) for m in d.matches]


def test_without_decisions_an_unlike_label_stays_unmatched_and_its_place_makes_it_uncertain() -> None:
    d = diff_models(A, B)
    assert ("A1",) not in [m.a for m in d.matches]
    # same neighbours on both sides: a candidate to confirm, not a certain "only in"
    assert [(u.side, u.step, [c.ids for c in u.candidates]) for u in d.uncertain] == [
        ("a", "A1", [("B1",)]),
        ("b", "B1", [("A1",)]),
    ]
    assert d.differences == ()


def test_a_confirmed_pair_is_matched_and_a_rejected_one_is_not() -> None:
    decisions = parse_decisions(
        "confirm:\n  - {a: A1, b: B1}\nreject:\n  - {a: A2, b: B2}\n", source="m.yaml"
    )
    d = diff_models(A, B, decisions=decisions)
    assert (("A1",), ("B1",), "confirmed") in pairs(d)
    assert all(m.a != ("A2",) for m in d.matches)
    assert [x.kind for x in d.differences] == ["only_in_a", "only_in_b"]


def test_decisions_written_for_b_versus_a_serve_a_versus_b_and_scoped_ones_only_their_pair() -> None:
    flipped = parse_decisions("confirm:\n  - {a: B1, b: A1}\n")
    assert (("A1",), ("B1",), "confirmed") in pairs(diff_models(A, B, decisions=flipped))
    scoped = parse_decisions("confirm:\n  - {a: A1, b: B1, models: [x, y]}\n")
    d = diff_models(A, B, a_name="A", b_name="B", decisions=scoped)
    assert (("A1",), ("B1",), "confirmed") not in pairs(d)
    assert d.notes == (
        "match decision {a: \"A1\", b: \"B1\"} (line 2) is for x vs y, not A vs B; not used (to use it here, write "
        'models: ["A", "B"] in it, the names as on the command line, or leave models out)',
    )


def test_a_file_saved_before_a_model_was_renamed_is_said_to_name_other_models_not_missing_steps() -> None:
    # the diff page saved the pair for "klippan-camunda" vs "svalov"; the file is now klippan.bpmn:
    # the steps are all there, the note says the entry names other models and how to use it here
    saved = parse_decisions(
        'confirm:\n  - {a: A1, b: B1, models: ["klippan-camunda", "svalov"]}\n', source="matches.yaml"
    )
    d = diff_models(A, B, a_name="klippan", b_name="svalov", decisions=saved)
    assert (("A1",), ("B1",), "confirmed") not in pairs(d)
    assert d.notes == (
        "match decision {a: \"A1\", b: \"B1\"} (line 2) is for klippan-camunda vs svalov, not klippan vs svalov; "
        'not used (to use it here, write models: ["klippan", "svalov"] in it, the names as on the command '
        "line, or leave models out)",
    )
    # steps that neither model has keep the old note, with its line
    missing = parse_decisions('confirm:\n  - {a: A9, b: B9, models: ["klippan", "svalov"]}\n')
    assert diff_models(A, B, a_name="klippan", b_name="svalov", decisions=missing).notes == (
        'match decision {a: "A9", b: "B9", models: ["klippan", "svalov"]} (line 2) names elements not in these '
        "two models; not used",
    )


def test_a_confirmed_pair_sharing_a_step_is_said_as_the_matches_file_writes_it() -> None:
    # the note printed Python lists ("a=['A1'] b=['B1', 'B2']"): it now reads as the entry in the file
    shared = parse_decisions("confirm:\n  - {a: A1, b: [B1, B2]}\n  - {a: A1, b: B0}\n")
    assert [n for n in diff_models(A, B, decisions=shared).notes if "shares a step" in n] == [
        'match decision {a: "A1", b: "B0"} (line 3) shares a step with the confirmed pair {a: "A1", b: ["B1", "B2"]}; '
        "not used (confirm one step drawn as two with a list: b: [X, Y])"
    ]


@pytest.mark.parametrize(
    "text,message",
    [
        (
            "confirm: [{a: A1}]",
            "m.yaml:1: confirm[0]: expected {a: ID or [IDs], b: ID or [IDs], models: [A, B] "
            "(optional)}, got {'a': 'A1'}",
        ),
        (
            "confirm: [{a: A1, b: []}]",
            "m.yaml:1: confirm[0].b: expected an element id or a list of ids, got []",
        ),
        ("accept: []", "m.yaml:1: unknown key 'accept' (expected schema_version, confirm, reject)"),
        (
            "reject: [{a: A, b: B, models: [x]}]",
            "m.yaml:1: reject[0].models: models must name exactly two models, got ['x']",
        ),
    ],
)
def test_bad_decision_files(text: str, message: str) -> None:
    with pytest.raises(InputError) as err:
        parse_decisions(text, source="m.yaml")
    assert str(err.value) == message


def test_a_decision_naming_a_step_no_model_has_is_refused_with_file_line_and_id() -> None:
    decisions = parse_decisions(
        "schema_version: 1\nconfirm:\n  - {a: A1, b: B1}\n  - {a: A2, b: [B2, Task_Nowhere]}\n", source="m.yaml"
    )
    with pytest.raises(InputError) as err:
        check_decisions(decisions, {"x": ["A1", "A2"], "y": ["B1", "B2"]}, source="m.yaml")
    assert str(err.value) == "m.yaml:4: confirm[1].b: 'Task_Nowhere' is not a step of x, y (expected a step id of the models compared)"
    scoped = parse_decisions("reject:\n  - {a: A1, b: B9, models: [x, y]}\n  - {a: Q, b: R, models: [p, q]}\n", source="m.yaml")
    with pytest.raises(InputError) as err:
        check_decisions(scoped, {"x": ["A1"], "y": ["B1"]}, source="m.yaml")
    assert str(err.value) == "m.yaml:2: reject[0].b: 'B9' is not a step of y (expected a step id of the models compared)"
    # an entry scoped to two other models is for another comparison
    check_decisions(parse_decisions("reject: [{a: Q, b: R, models: [p, q]}]", source="m.yaml"), {"x": [], "y": []}, source="m.yaml")


def test_a_merge_in_the_markdown_table_names_every_step_of_its_side() -> None:
    # the columns showed "Remiss till Polisen" alone for three remisses merged into one step
    from processes.diff import diff_markdown

    a = linear(["Remiss till Polisen", "Remiss till Skatteverket", "Beslut"], prefix="A")
    b = linear(["Skicka remisser", "Beslut"], prefix="B")
    d = diff_models(a, b, a_name="a", b_name="b", decisions=parse_decisions("confirm:\n  - {a: [A0, A1], b: B0}\n"))
    assert [x.kind for x in d.differences] == ["merged"]
    assert "| Merged | Remiss till Polisen + Remiss till Skatteverket | Skicka remisser | " in diff_markdown(d)


def _drawn_twice():
    """One case drawn by two hands: a remiss block against one remiss step, an investigation
    in two steps on each side, two end events against one."""
    a = model(
        [
            ("S", "start", "Ansökan inkommen"), ("R", "task", "Registrera ansökan"), ("P1", "and", ""),
            ("Q1", "task", "Remiss till Polisen"), ("Q2", "task", "Remiss till räddningstjänsten"),
            ("Q3", "task", "Remiss till Skatteverket"), ("P2", "and", ""), ("T1", "task", "Utredning"),
            ("T2", "task", "Skriva tjänsteskrivelse"), ("T3", "task", "Fatta beslut"), ("G", "xor", ""),
            ("E1", "end", "Tillstånd beviljat"), ("E2", "end", "Ansökan avslagen"),
        ],
        [("P1", "Q2"), ("P1", "Q3"), ("Q2", "P2"), ("Q3", "P2"), ("G", "E2")],
        chain="S R P1 Q1 P2 T1 T2 T3 G E1",
    )
    b = model(
        [
            ("S", "start", "Ny ansökan"), ("R", "task", "Diarieföring"), ("Q", "task", "Skicka remisser"),
            ("T1", "task", "Sammanställ utredningen"), ("T2", "task", "Tjänsteskrivelse"),
            ("T3", "task", "Beslut i nämnden"), ("E", "end", "Ärendet avslutat"),
        ],
        chain="S R Q T1 T2 T3 E",
    )
    return a, b


def test_confirming_exactly_the_pairs_found_keeps_every_label_and_similarity_score() -> None:
    a, b = _drawn_twice()
    found = diff_models(a, b)
    assert (("E1", "E2"), ("E",), "ending") in pairs(found)  # scored by its best pair, not the pooled labels
    confirmed = diff_models(a, b, decisions=MatchDecisions(tuple(Decision(m.a, m.b) for m in found.matches)))
    assert [m.how for m in confirmed.matches] == ["confirmed"] * len(found.matches)
    assert [(m.a, m.b, m.label) for m in confirmed.matches] == [(m.a, m.b, m.label) for m in found.matches]
    assert confirmed.similarity == found.similarity


def test_a_confirmed_block_against_a_block_reads_the_labels_of_every_step_on_both_sides() -> None:
    # "Utredning" + "Skriva tjänsteskrivelse" = "Sammanställ utredningen" + "Tjänsteskrivelse": every
    # term is on both sides (it read only the first step of B, 0.8)
    a, b = _drawn_twice()
    decisions = MatchDecisions((Decision(("T1", "T2"), ("T1", "T2")),))
    (block,) = [m for m in diff_models(a, b, decisions=decisions).matches if m.how == "confirmed"]
    assert (block.a, block.b, block.label) == (("T1", "T2"), ("T1", "T2"), 1.0)


def test_a_whole_file_saved_for_other_model_names_is_one_note_not_one_per_pair() -> None:
    # QA: a file saved by `diff helsingborg mine --save-matches`, passed to `diff helsingborg mine_v2` after the
    # model file was renamed, printed one note per pair (ten lines, 49 for a library model's whole file)
    saved = parse_decisions(
        'confirm:\n  - {a: A1, b: B1, models: ["x", "y"]}\n  - {a: A2, b: B2, models: ["x", "y"]}\n'
        'reject:\n  - {a: A1, b: B2, models: ["x", "y"]}\n',
        source="matches.yaml",
    )
    d = diff_models(A, B, a_name="x", b_name="y2", decisions=saved)
    assert [n for n in d.notes if "match decision" in n] == [
        '3 match decisions (between lines 2 and 5) are for x vs y, not x vs y2; not used (to use them here, write '
        'models: ["x", "y2"] in them, the names as on the command line, or leave models out)'
    ]
