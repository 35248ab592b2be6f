"""Hand-built pairs with one known difference each: exactly that difference is reported."""

from __future__ import annotations

from diffbuilders import linear, model, renamed

from processes.diff import diff_models

# The base process: a permanent serving permit, drawn by "municipality A".
NODES = [
    ("S", "start", "Ansökan inkommer"),
    ("T1", "userTask", "Registrera ansökan"),
    ("T2", "userTask", "Granska ansökan"),
    ("T3", "sendTask", "Skicka remisser"),
    ("W", "timer", "Vänta på remissvar", "P21D"),
    ("T4", "userTask", "Platsbesök"),
    ("T5", "userTask", "Skriv utredning och beslutsförslag"),
    ("T6", "userTask", "Beslut om serveringstillstånd"),
    ("T7", "sendTask", "Meddela beslut"),
    ("E", "end", "Beslut meddelat"),
]
LANES = {
    "Registrator": ["S", "T1"],
    "Handläggare": ["T2", "T3", "W", "T4", "T5", "T7", "E"],
    "Socialnämnden": ["T6"],
}
CHAIN = "S T1 T2 T3 W T4 T5 T6 T7 E"


def base(nodes=NODES, chain=CHAIN, flows=(), lanes=LANES):
    return model(list(nodes), list(flows), chain=chain, lanes=dict(lanes))


def keys(d):
    return [x.key() for x in d.differences]


def replace_node(nid, new):
    return [new if n[0] == nid else n for n in NODES]


def test_identical_models_have_no_differences_and_similarity_one():
    d = diff_models(base(), base())
    assert keys(d) == []
    assert (d.similarity.node_matching, d.similarity.structural, d.similarity.behavioural) == (1.0, 1.0, 1.0)


def test_a_removed_step_is_only_in_a():
    b = base(
        [n for n in NODES if n[0] != "T4"],
        "S T1 T2 T3 W T5 T6 T7 E",
        lanes={**LANES, "Handläggare": ["T2", "T3", "W", "T5", "T7", "E"]},
    )
    d = diff_models(base(), b)
    assert keys(d) == [("only_in_a", ("T4",), (), "", "", "")]
    assert d.differences[0].message == '"Platsbesök" is only in A.'


def test_an_added_step_is_only_in_b():
    nodes = NODES[:3] + [("T2b", "userTask", "Kontrollera kunskapsprov")] + NODES[3:]
    b = base(
        nodes,
        "S T1 T2 T2b T3 W T4 T5 T6 T7 E",
        lanes={**LANES, "Handläggare": LANES["Handläggare"] + ["T2b"]},
    )
    assert keys(diff_models(base(), b)) == [("only_in_b", (), ("T2b",), "", "", "")]


def test_a_step_split_in_two():
    nodes = replace_node("T5", ("T5a", "userTask", "Skriv utredning"))
    nodes = nodes[:7] + [("T5b", "userTask", "Skriv beslutsförslag")] + nodes[7:]
    lanes = {**LANES, "Handläggare": ["T2", "T3", "W", "T4", "T5a", "T5b", "T7", "E"]}
    d = diff_models(base(), base(nodes, "S T1 T2 T3 W T4 T5a T5b T6 T7 E", lanes=lanes))
    assert keys(d) == [("split", ("T5",), ("T5a", "T5b"), "", "", "")]
    assert (
        d.differences[0].message == '"Skriv utredning och beslutsförslag" in A is split into '
        '"Skriv utredning" + "Skriv beslutsförslag" in B.'
    )
    assert [m.how for m in d.matches if m.a == ("T5",)] == ["grouped"]


def test_two_steps_swapped():
    # B visits the premises before sending the remisser
    d = diff_models(base(), base(chain="S T1 T2 T4 T3 W T5 T6 T7 E"))
    assert keys(d) == [("order", ("T4", "T3", "W"), ("T4", "T3", "W"), "order", "after", "before")]
    assert d.differences[0].message == (
        'In A, "Platsbesök" comes after "Skicka remisser", "Vänta på remissvar"; in B, it comes before them.'
    )


def test_sequential_made_parallel():
    nodes = NODES + [("P1", "and"), ("P2", "and")]
    flows = [("T2", "P1"), ("P1", "T3"), ("T3", "W"), ("P1", "T4"), ("W", "P2"), ("T4", "P2"), ("P2", "T5")]
    b = base(nodes, "", flows + [("S", "T1"), ("T1", "T2"), ("T5", "T6"), ("T6", "T7"), ("T7", "E")], LANES)
    d = diff_models(base(), b)
    assert keys(d) == [
        ("concurrency", ("T4", "T3", "W"), ("T4", "T3", "W"), "concurrency", "after", "parallel")
    ]
    assert d.differences[0].message == (
        'In A, "Platsbesök" comes after "Skicka remisser", "Vänta på remissvar"; '
        "in B, it runs in parallel with them."
    )


def test_a_performer_changed():
    lanes = {
        "Registrator": ["S", "T1"],
        "Handläggare": ["T2", "T3", "W", "T5", "T7", "E"],
        "Miljöinspektör": ["T4"],
        "Socialnämnden": ["T6"],
    }
    d = diff_models(base(), base(lanes=lanes))
    assert keys(d) == [("attribute", ("T4",), ("T4",), "performer", "Handläggare", "Miljöinspektör")]


def test_a_timer_changed():
    d = diff_models(base(), base(replace_node("W", ("W", "timer", "Vänta på remissvar", "P4W"))))
    assert keys(d) == [("attribute", ("W",), ("W",), "timer", "timeDuration=P21D", "timeDuration=P4W")]


def test_an_equal_timer_written_differently_is_no_difference():
    assert (
        keys(diff_models(base(), base(replace_node("W", ("W", "timer", "Vänta på remissvar", "P3W"))))) == []
    )


def test_decision_moved_from_committee_to_officer():
    lanes = {"Registrator": ["S", "T1"], "Handläggare": ["T2", "T3", "W", "T4", "T5", "T6", "T7", "E"]}
    d = diff_models(base(), base(lanes=lanes))
    assert keys(d) == [("attribute", ("T6",), ("T6",), "performer", "Socialnämnden", "Handläggare")]
    assert (
        d.differences[0].message
        == 'Done by Socialnämnden in A, by Handläggare in B: "Beslut om serveringstillstånd".'
    )


def test_decision_delegation_in_the_profile_parameters():
    d = diff_models(
        base(),
        renamed(base()),
        params_a={"T6": {"delegation": "committee", "assumption": "A7"}},
        params_b={"X_T6": {"delegation": "officer", "source": "https://example"}},
    )
    assert keys(d) == [("attribute", ("T6",), ("X_T6",), "profile.delegation", "committee", "officer")]


def test_the_intervals_two_fits_write_beside_their_values_are_no_difference():
    # calibrate writes `interval:` beside a fitted value (how sure the fit is); two logs give other intervals
    fitted = {"duration": {"dist": "lognormal", "mean": "3h", "sd": "1h"}, "source": "log a"}
    d = diff_models(
        base(), renamed(base()),
        params_a={"T6": {**fitted, "interval": {"what": "bootstrap", "duration": {"mean": ["2.5h", "3.5h"]}}}},
        params_b={"X_T6": {**fitted, "interval": {"what": "bootstrap", "duration": {"mean": ["2h", "4h"]}}}},
    )
    assert keys(d) == []


def test_profile_facts_differ():
    facts_a = {
        "application_fee": {"value": 11700, "unit": "kr", "year": 2017, "source": "x"},
        "e_service": {"value": "unknown", "source": "y"},
        "deciding_body": {"value": "Socialnämnden", "source": "z"},
    }
    facts_b = {
        "application_fee": {"value": 11700, "unit": "kr", "year": 2017, "source": "other"},
        "e_service": {"value": True, "source": "y"},
        "deciding_body": {"value": "Socialnämndens arbetsutskott", "source": "z"},
    }
    d = diff_models(base(), base(), facts_a=facts_a, facts_b=facts_b)
    assert keys(d) == [
        ("fact", (), (), "e_service", "unknown", "yes"),
        ("fact", (), (), "deciding_body", "Socialnämnden", "Socialnämndens arbetsutskott"),
    ]


def test_a_facts_english_form_is_no_difference_and_no_part_of_its_text():
    """A fact's names: (its value in English for the report) neither differ nor show in the compared text: diff and
    compare compare the values as the profiles write them."""
    facts_a = {"deciding_body": {"value": "Socialnämnden", "source": "z",
                                 "names": {"en": "Social services committee (Socialnämnden)"}}}
    facts_b = {"deciding_body": {"value": "Socialnämnden", "source": "z"},
               "remiss_bodies": {"value": ["Polisen"], "source": "z"}}
    facts_a["remiss_bodies"] = {"value": ["Polisen"], "names": {"en": ["Police (Polisen)"]}, "source": "z"}
    assert keys(diff_models(base(), base(), facts_a=facts_a, facts_b=facts_b)) == []
    facts_b["deciding_body"]["value"] = "Socialnämndens arbetsutskott"
    assert keys(diff_models(base(), base(), facts_a=facts_a, facts_b=facts_b)) == [
        ("fact", (), (), "deciding_body", "Socialnämnden", "Socialnämndens arbetsutskott")]


def test_a_fact_difference_says_which_side_is_sourced_and_which_assumed():
    facts_a = {"application_fee": {"value": 11700, "unit": "kr", "source": "https://a.se (2017)"}}
    facts_b = {"application_fee": {"value": "unknown", "assumption": "A12: not visible"}}
    (fact,) = diff_models(base(), base(), facts_a=facts_a, facts_b=facts_b).differences
    assert (fact.a_basis, fact.b_basis) == ("sourced", "assumed")
    assert fact.message == "application fee: 11700 kr [sourced] in A, unknown [assumed] in B."


def test_a_parameter_difference_says_what_each_side_rests_on():
    params_a = {"T6": {"duration": "2h", "assumption": "A4: two hours"}}
    params_b = {"X_T6": {"duration": "3h", "source": "https://b.se (2024)", "assumption": "charged hours"}}
    d = diff_models(base(), base(), params_a=params_a, params_b={"T6": params_b["X_T6"]})
    (param,) = [x for x in d.differences if x.attribute == "profile.duration"]
    assert (param.a_basis, param.b_basis) == ("assumed", "sourced and assumed")
    assert param.message.endswith("duration is 2h [assumed] in A, 3h [sourced and assumed] in B.")


def test_a_step_made_optional():
    nodes = NODES + [("X1", "xor"), ("X2", "xor")]
    flows = [("T3", "W"), ("W", "X1"), ("X1", "T4"), ("X1", "X2"), ("T4", "X2"), ("X2", "T5")]
    d = diff_models(base(), base(nodes, "S T1 T2 T3", flows + [("T5", "T6"), ("T6", "T7"), ("T7", "E")]))
    assert keys(d) == [("optionality", ("T4",), ("T4",), "optionality", "mandatory", "optional")]


def test_a_loop_added():
    nodes = NODES + [("X1", "xor"), ("X2", "xor")]
    # B: "Begär komplettering" loop back from after Granska to before Registrera
    flows = [("S", "X1"), ("X1", "T1"), ("T1", "T2"), ("T2", "X2"), ("X2", "X1"), ("X2", "T3")]
    d = diff_models(base(), base(nodes, "T3 W T4 T5 T6 T7 E", flows))
    assert keys(d) == [("loop", ("T1", "T2"), ("T1", "T2"), "loop", "once", "repeatable")]


def test_a_task_type_changed():
    d = diff_models(base(), base(replace_node("T1", ("T1", "serviceTask", "Registrera ansökan"))))
    assert keys(d) == [("attribute", ("T1",), ("T1",), "type", "userTask", "serviceTask")]


def test_a_model_that_does_not_type_its_tasks_gives_one_note_not_a_type_difference_per_step() -> None:
    # a Signavio or Bizagi export writes every task as a plain task: "[Changed] type" on each step was noise
    plain = [(n[0], "task", *n[2:]) if n[1] in ("userTask", "sendTask") else n for n in NODES]
    d = diff_models(base(), base(plain), a_name="camunda", b_name="signavio")
    assert keys(d) == []
    assert d.notes == (
        "7 matched tasks are plain tasks in signavio and typed in camunda (userTask 5, sendTask 2): a model "
        "that does not type a task says nothing about its type, so these types are not compared",
    )
    # two typed tasks of other types still differ
    d = diff_models(base(), base(replace_node("T1", ("T1", "serviceTask", "Registrera ansökan"))))
    assert d.notes == ()


def test_a_lane_qualified_in_parentheses_is_the_same_performer() -> None:
    lanes = {
        "Registrator (Ängelholms kommun)": ["S", "T1"],
        "Handläggare (Ängelholms kommun)": LANES["Handläggare"],
        "Socialnämnden": ["T6"],
    }
    assert keys(diff_models(base(), base(lanes=lanes))) == []


def test_a_step_worded_too_differently_is_paired_by_its_place_when_a_word_is_shared():
    # "Avgift inbetald" / "Betalning mottagen från sökanden": label similarity 0.4 (inbetald ~
    # betalning), below min_label, so neither the assignment nor the propagation bar takes it;
    # same type and the same matched neighbours on both sides. (With label 0.5, "Betalning
    # mottagen", the position weight 0.15 lifts the pair over the propagation bar.)
    a = linear(["Granska ansökan", "Avgift inbetald", "Beslut"])
    b = linear(["Granska ansökan", "Betalning mottagen från sökanden", "Beslut"], prefix="U")
    d = diff_models(a, b)
    pair = [m for m in d.matches if m.a == ("T1",)]
    assert [(m.b, m.label, m.how) for m in pair] == [(("U1",), 0.4, "context")]
    assert pair[0].confidence <= 0.8
    assert d.differences == ()


def test_a_step_replaced_by_an_unrelated_one_at_the_same_place_is_not_paired_but_uncertain():
    # nothing in the words, everything in the place: the diff asks instead of claiming
    # "only in A" and "only in B" as certain
    a = linear(["Granska ansökan", "Platsbesök", "Beslut"])
    b = linear(["Granska ansökan", "Telefonintervju", "Beslut"], prefix="U")
    d = diff_models(a, b)
    assert ("T1",) not in [m.a for m in d.matches]
    assert d.differences == ()
    assert [(u.side, u.step, [c.ids for c in u.candidates]) for u in d.uncertain] == [
        ("a", "T1", [("U1",)]),
        ("b", "U1", [("T1",)]),
    ]
    assert d.uncertain[0].candidates[0].reasons == (
        "labels 0.00 alike",
        "same neighbours: 1 matched step before and 1 after",
    )


def test_a_step_with_no_candidate_is_only_in_its_model():
    a = linear(["Granska ansökan", "Beslut"])
    b = linear(["Granska ansökan", "Telefonintervju", "Beslut"], prefix="U")
    d = diff_models(a, b)
    assert [(x.kind, x.a, x.b) for x in d.differences if x.kind.startswith("only")] == [("only_in_b", (), ("U1",))]
    assert d.uncertain == ()


def test_a_side_without_profile_compares_no_parameters_or_facts_and_says_so():
    a = linear(["Granska ansökan", "Beslut"])
    b = linear(["Granska ansökan", "Beslut"], prefix="U")
    d = diff_models(
        a,
        b,
        a_name="x",
        b_name="y",
        params_a={"T1": {"duration": "2h"}},
        facts_a={"e_service": {"value": True}},
    )
    assert d.differences == ()
    assert d.notes == (
        "y has no profile parameters (durations, delays, who decides ...); they are not compared",
        "y has no profile facts; they are not compared",
    )


def test_a_waiting_task_is_the_event_of_what_it_waits_for() -> None:
    from processes.diff.matchtypes import family
    from processes.diff.view import Step

    assert family(Step("W", "Inväntande av remissvar", "task", "userTask")) == "event"
    assert family(Step("W", "Wait for results", "task", "task")) == "event"
    assert family(Step("T", "Skriv utredning", "task", "userTask")) == "activity"
    # three answer events in parallel against one task waiting for the answers: one correspondence
    a = model(
        [("S", "start", "Start"), ("T1", "userTask", "Skicka remisser"), ("G1", "and"),
         ("P", "timer", "Polisen har svarat"), ("K", "timer", "Skatteverket har svarat"),
         ("R", "timer", "Räddningstjänsten har svarat"), ("G2", "and"), ("T2", "userTask", "Skriv utredning"),
         ("E", "end", "Slut")],
        [("T1", "G1"), ("G1", "P"), ("G1", "K"), ("G1", "R"), ("P", "G2"), ("K", "G2"), ("R", "G2"), ("G2", "T2"),
         ("T2", "E")],
        chain="S T1",
    )
    b = linear(["Skicka remisser", "Inväntande av remissvar", "Skriv utredning"], prefix="U")
    d = diff_models(a, b)
    assert [(m.a, m.b) for m in d.matches if "U1" in m.b] == [(("K", "P", "R"), ("U1",))]


def test_two_letters_on_the_branches_of_a_choice_against_one_letter_are_no_optionality_difference():
    from processes.diff.decisions import Decision, MatchDecisions

    one = model(
        [("S", "start", "Ansökan inkommer"), ("D", "userTask", "Beslut"), ("L", "sendTask", "Skicka beslutet"),
         ("E", "end", "Klart")],
        [],
        chain="S D L E",
    )
    two = model(
        [("S", "start", "Ansökan inkommer"), ("D", "userTask", "Beslut"), ("X", "xor"),
         ("G", "sendTask", "Skicka beslut och tillståndsbevis"), ("R", "sendTask", "Skicka avslagsbeslut"),
         ("Y", "xor"), ("E", "end", "Klart")],
        [("S", "D"), ("D", "X"), ("X", "G"), ("X", "R"), ("G", "Y"), ("R", "Y"), ("Y", "E")],
    )
    d = diff_models(one, two, decisions=MatchDecisions(confirm=(Decision(("L",), ("G", "R")),)))
    assert any(m.a == ("L",) and set(m.b) == {"G", "R"} for m in d.matches)
    assert not [x for x in d.differences if x.kind == "optionality"]


def test_a_timer_without_an_expression_says_nothing_about_time() -> None:
    """MIWG B.2.0: the reference writes ``<timeDate/>`` (empty), Signavio's roundtrip a bare
    timerEventDefinition: "timer timeDate= in A, timer= in B" was a difference of nothing."""
    from processes.diff.differences import canonical_timer

    assert canonical_timer("timeDate=") == canonical_timer("timer=") == canonical_timer("") == ""
    assert canonical_timer("timeDate=") != canonical_timer("timeDate=2026-01-01")
    assert canonical_timer("timeDuration=P2W; timeCycle=") == canonical_timer("timeDuration=P14D")
