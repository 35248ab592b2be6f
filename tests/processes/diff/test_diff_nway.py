"""N-way comparison: similarity matrix, common core, variation points, facts side by side."""

from __future__ import annotations

import dataclasses

import pytest
from diffbuilders import linear, model

from processes.diff import compare_models, comparison_markdown, comparison_text, prepare


def three():
    x = model(
        [
            ("S", "start"),
            ("G", "task", "Granska ansökan"),
            ("P", "task", "Platsbesök"),
            ("B", "task", "Beslut"),
            ("E", "end"),
        ],
        chain="S G P B E",
        lanes={"Handläggare": ["S", "G", "P", "E"], "Socialnämnden": ["B"]},
    )
    y = model(
        [("S1", "start"), ("G1", "task", "Granskning av ansökan"), ("B1", "task", "Beslut"), ("E1", "end")],
        chain="S1 G1 B1 E1",
        lanes={"Handläggare": ["S1", "G1", "E1"], "Socialnämnden": ["B1"]},
    )
    z = model(
        [
            ("S2", "start"),
            ("P2", "task", "Platsbesök"),
            ("G2", "task", "Granska ansökan"),
            ("B2", "task", "Beslut"),
            ("E2", "end"),
        ],
        chain="S2 P2 G2 B2 E2",
        lanes={"Handläggare": ["S2", "P2", "G2", "E2"], "Arbetsutskottet": ["B2"]},
    )
    facts = {
        "x": {"deciding_body": {"value": "Socialnämnden", "source": "s"}},
        "y": {"deciding_body": {"value": "Socialnämnden", "source": "s"}, "e_service": {"value": True}},
        "z": {"deciding_body": {"value": "Socialnämndens arbetsutskott", "source": "s"}},
    }
    return [prepare(d, n, facts=facts[n]) for n, d in zip("xyz", (x, y, z), strict=True)]


def test_core_presence_performer_order_and_facts() -> None:
    c = compare_models(three())
    assert c.names == ("x", "y", "z")
    assert [c.clusters[k].label for k in c.core] == [
        "unnamed start event S",
        "Granska ansökan",
        "Beslut",
        "unnamed end event E",
    ]  # unnamed: the first model's step, as the pairwise diff names it
    assert [dict(c.clusters[k].members) for k in c.core] == [
        {"x": ("S",), "y": ("S1",), "z": ("S2",)},
        {"x": ("G",), "y": ("G1",), "z": ("G2",)},
        {"x": ("B",), "y": ("B1",), "z": ("B2",)},
        {"x": ("E",), "y": ("E1",), "z": ("E2",)},
    ]
    assert [(v.kind, v.step, dict(v.values)) for v in c.variations] == [
        ("presence", "Platsbesök", {"x": "present", "y": "absent", "z": "present"}),
        ("performer", "Beslut", {"x": "Socialnämnden", "y": "Socialnämnden", "z": "Arbetsutskottet"}),
        ("control_flow", "Granska ansökan", {"x": "before", "z": "after"}),
    ]
    assert (
        c.variations[2].message
        == 'In x, "Granska ansökan" comes before "Platsbesök"; in z, it comes after it.'
    )
    assert c.facts == (
        ("e_service", ("", "yes", "")),
        ("deciding_body", ("Socialnämnden", "Socialnämnden", "Socialnämndens arbetsutskott")),
    )


def test_the_similarity_matrix_is_symmetric_with_ones_on_the_diagonal() -> None:
    c = compare_models(three())
    for metric in ("node_matching", "structural", "behavioural"):
        m = c.similarity[metric]
        assert [m[i][i] for i in range(3)] == [1.0, 1.0, 1.0]
        assert all(m[i][j] == m[j][i] and 0.0 <= m[i][j] <= 1.0 for i in range(3) for j in range(3))
    # x and z hold the same steps, so node matching is 1; only the order of two steps differs
    assert c.similarity["node_matching"][0][2] == 1.0
    assert c.similarity["behavioural"][0][2] < 1.0


def test_counts_say_one_step_in_the_singular() -> None:
    one = dataclasses.replace(compare_models(three()), core=(0,))
    assert "common core: 1 step in every model\n" in comparison_text(one)
    assert "## Common core (1 step in every model)\n" in comparison_markdown(one)


def test_reports_name_every_model() -> None:
    c = compare_models(three())
    text = comparison_text(c)
    md = comparison_markdown(c)
    assert "common core: 4 steps in every model" in text
    # as diff and the HTML page say it, not the JSON key nor its code name (found by QA: "node matching")
    assert "| the same steps (1 = all steps alike by name) | x | y | z |" in md
    # a header row of the names over each matrix's columns, as the Markdown table has
    assert ("how alike – the same steps (1 = all steps alike by name)\n         x      y      z\n  x  1.000  "
            in text)
    assert "| deciding body | Socialnämnden | Socialnämnden | Socialnämndens arbetsutskott |" in md


def test_names_must_differ() -> None:
    with pytest.raises(ValueError, match="model name 'a' appears twice"):
        compare_models([prepare(linear(["x"]), "a"), prepare(linear(["x"]), "a")])


def test_one_variation_per_step_and_difference_whatever_the_labels_of_each_pair() -> None:
    # w and x draw "Granska" before "Platsbesök", z after; w words both steps otherwise,
    # so the pairs (w, z) and (x, z) word the same difference differently: still one row
    def drawn(prefix: str, granska: str, besok: str, chain: str):
        return model(
            [
                (f"{prefix}S", "start"),
                (f"{prefix}G", "task", granska),
                (f"{prefix}P", "task", besok),
                (f"{prefix}E", "end"),
            ],
            chain=" ".join(prefix + c for c in chain.split()),
        )

    w = drawn("W", "Granskning av ansökan", "Besök på plats", "S G P E")
    x = drawn("X", "Granska ansökan", "Platsbesök", "S G P E")
    z = drawn("Z", "Granska ansökan", "Platsbesök", "S P G E")
    c = compare_models([prepare(w, "w"), prepare(x, "x"), prepare(z, "z")])
    flow = [v for v in c.variations if v.kind == "control_flow"]
    assert [dict(v.values) for v in flow] == [{"w": "before", "x": "before", "z": "after"}]
    assert flow[0].message == (
        'In w and x, "Granskning av ansökan" comes before "Besök på plats"; in z, it comes after it.'
    )


def test_a_cluster_with_two_steps_of_one_model_names_both_in_the_core() -> None:
    # x and z draw the check as two steps, confirmed against y's one: the core names both steps
    # ("Kontrollera avgift" alone read as a step every model has; "Granska ansökan" vanished from it)
    from processes.diff import parse_decisions

    x = linear(["Kontrollera avgift", "Granska ansökan", "Beslut"], prefix="X")
    y = linear(["Kontroll av handlingarna", "Beslut"], prefix="Y")
    z = linear(["Kontrollera avgift", "Granska ansökan", "Beslut"], prefix="Z")
    decisions = parse_decisions("confirm:\n  - {a: [X0, X1], b: Y0}\n  - {a: [Z0, Z1], b: Y0}\n")
    c = compare_models([prepare(d, n) for n, d in (("x", x), ("y", y), ("z", z))], decisions=decisions)
    core = [c.clusters[k].label for k in c.core]
    assert "Kontrollera avgift + Granska ansökan" in core
    assert "Kontrollera avgift + Granska ansökan" in comparison_text(c)
    # one step per model: the most common label, as before
    assert "Beslut" in core and "Kontrollera avgift" not in core


def test_model_names_that_begin_like_a_side_are_put_in_once() -> None:
    """MIWG B.2.0 against its roundtrip: "only in A" became "only in B.2.0" and then, read again
    for "in B", "only in B.2.0-roundtrip.2.0"."""
    from processes.diff.nway import name_sides

    assert name_sides('"Task 34" is only in A.', "B.2.0", "B.2.0-roundtrip") == '"Task 34" is only in B.2.0.'
    assert name_sides("x: timer none in A, P1D in B.", "B.2.0", "A.1") == "x: timer none in B.2.0, P1D in A.1."


def test_a_step_no_model_names_is_called_as_the_pairwise_diff_calls_it_not_by_its_bare_id() -> None:
    # QA: compare said '"Timer_Paminnelse" is in helsingborg; not in mine.' where diff says
    # '"unnamed boundary event Timer_Paminnelse" is only in helsingborg.'
    from bpmn_io.authoring import read_authoring
    from bpmn_io.library import library_paths
    from processes.diff import comparison_to_data, diff_text

    helsingborg = read_authoring(library_paths("helsingborg")[0].with_suffix(".yaml"))
    mine = linear(["Registrera ansökan", "Besluta"])
    c = compare_models([prepare(helsingborg, "helsingborg"), prepare(mine, "mine")])
    text = comparison_text(c)
    assert '[presence] "unnamed boundary event Timer_Paminnelse" is in helsingborg; not in mine.' in text
    assert '"Timer_Paminnelse"' not in text
    assert '"unnamed boundary event Timer_Paminnelse" is in helsingborg' in comparison_markdown(c)
    data = comparison_to_data(c)
    assert "unnamed boundary event Timer_Paminnelse" in [x["label"] for x in data["clusters"]]
    assert '"unnamed boundary event Timer_Paminnelse" is only in helsingborg.' in diff_text(c.pairs[0])


# --- the person's match decisions across every pair (--matches) ---
# In three(), x and z both draw "Granska ansökan" and y "Granskning av ansökan": the pairs x–y (0.943) and
# y–z (0.932) match them, so x's G and z's G2 would share a row through y even where x–z is rejected.


def _decided(text: str):
    from processes.diff.decisions import parse_decisions

    return parse_decisions(text, source="m.yaml")


def test_a_rejected_pair_splits_its_class_at_the_weakest_link_between_the_two_steps() -> None:
    c = compare_models(three(), decisions=_decided("reject:\n  - {a: G, b: G2, models: [x, z]}\n"))
    assert [c.clusters[k].label for k in c.core] == ["unnamed start event S", "Beslut", "unnamed end event E"]
    rows = [(dict(cl.members), cl.confirmed, cl.apart_from) for cl in c.clusters if cl.label == "Granska ansökan"]
    # y–z is the weaker of the two links between G and G2: it is the one left out
    assert rows == [
        ({"x": ("G",), "y": ("G1",)}, False, ("Granska ansökan",)),
        ({"z": ("G2",)}, False, ("Granska ansökan",)),
    ]
    said = [v.message for v in c.variations if v.kind == "presence" and v.step == "Granska ansökan"]
    assert said == [
        '"Granska ansökan" is in x, y; not in z (kept apart from "Granska ansökan" by the person\'s decision:'
        " a rejected pair).",
        '"Granska ansökan" is in z; not in x, y (kept apart from "Granska ansökan" by the person\'s decision:'
        " a rejected pair).",
    ]
    # the pair x–z itself honours the rejection as before; the other pairs keep their matches
    x_z = c.pairs[1]
    assert (("G",), ("G2",)) not in [(m.a, m.b) for m in x_z.matches]
    assert (("G1",), ("G2",)) in [(m.a, m.b) for m in c.pairs[2].matches]


def test_a_rejection_written_the_other_way_round_and_unscoped_splits_the_same_class() -> None:
    one = compare_models(three(), decisions=_decided("reject:\n  - {a: G, b: G2, models: [x, z]}\n"))
    other = compare_models(three(), decisions=_decided("reject:\n  - {a: G2, b: G}\n"))
    assert one.clusters == other.clusters


def test_without_a_rejection_nothing_is_said_and_the_classes_are_as_before() -> None:
    c = compare_models(three())
    assert [(cl.confirmed, cl.apart_from) for cl in c.clusters] == [(False, ())] * len(c.clusters)
    assert "decision" not in comparison_text(c) + comparison_markdown(c)


def test_a_confirmed_pair_joins_its_steps_in_one_row_and_the_row_says_so() -> None:
    # x's "Platsbesök" against y's "Granskning av ansökan": the matcher would never pair them
    c = compare_models(three(), decisions=_decided("confirm:\n  - {a: P, b: G1}\n"))
    row = next(cl for cl in c.clusters if "y" in cl.members and cl.members["y"] == ("G1",))
    assert dict(row.members) == {"x": ("G", "P"), "y": ("G1",), "z": ("P2", "G2")}  # in each flow order
    assert row.confirmed
    assert "- Granska ansökan + Platsbesök (the person's decision: a confirmed pair)" in comparison_markdown(c)
    assert "  - Granska ansökan + Platsbesök (the person's decision: a confirmed pair)" in comparison_text(c)


def test_confirmed_pairs_that_join_a_rejected_pair_across_the_models_are_refused_with_the_line() -> None:
    from processes.errors import InputError

    text = "confirm:\n  - {a: G, b: G1}\n  - {a: G1, b: G2}\nreject:\n  - {a: G, b: G2}\n"
    with pytest.raises(InputError) as caught:
        compare_models(three(), decisions=_decided(text))
    assert str(caught.value) == (
        "m.yaml:5: reject[0]: the pair x G / z G2 is rejected, but the pairs confirmed at lines 2 and 3 join its"
        " two steps (x G = y G1 = z G2); expected decisions that agree across the pairs of models (drop the"
        " rejection or one of those confirmations)"
    )


def test_a_pair_both_confirmed_and_rejected_for_the_same_two_models_keeps_the_confirmation_as_diff_does() -> None:
    c = compare_models(three(), decisions=_decided("confirm:\n  - {a: G, b: G2}\nreject:\n  - {a: G, b: G2}\n"))
    row = next(cl for cl in c.clusters if cl.members.get("x") == ("G",))
    assert dict(row.members) == {"x": ("G",), "y": ("G1",), "z": ("G2",)}
    assert row.confirmed


def test_the_report_words_of_a_split_step_say_the_person_kept_it_apart_in_both_languages() -> None:
    from report.variationwords import variation_words

    c = compare_models(three(), decisions=_decided("reject:\n  - {a: G, b: G2, models: [x, z]}\n"))
    split = [v for v in c.variations if v.kind == "presence" and v.step == "Granska ansökan"][1]
    assert split.apart_from == ("Granska ansökan",)
    assert variation_words(split, {}, "en") == (
        "“Granska ansökan” is a step in z; not in x and y; kept apart from “Granska ansökan” as the person decided"
        " (a rejected pair)."
    )
    assert variation_words(split, {}, "sv") == (
        "”Granska ansökan” är ett steg i z; inte i x och y; hålls isär från ”Granska ansökan” enligt användarens"
        " beslut (ett avvisat par)."
    )


def test_the_split_does_not_depend_on_the_order_the_models_are_given_in() -> None:
    decisions = _decided("reject:\n  - {a: G, b: G2, models: [x, z]}\n")
    forward = compare_models(three(), decisions=decisions)
    backward = compare_models(three()[::-1], decisions=decisions)
    # the rows' names may differ (a tie of labels goes to the first model's), their steps do not
    assert {(tuple(sorted(c.members.items())), bool(c.apart_from)) for c in forward.clusters} == {
        (tuple(sorted(c.members.items())), bool(c.apart_from)) for c in backward.clusters
    }


@pytest.mark.parametrize("order", ["abc", "cba", "bca"])
def test_on_a_tie_the_link_left_out_is_the_same_whatever_the_order_of_the_models(order: str) -> None:
    # three drawings of one process: every link scores the same, so a tie decides which one goes
    made = {n: prepare(linear(["Granska ansökan", "Beslut"], prefix=n.upper()), n) for n in "abc"}
    c = compare_models([made[n] for n in order], decisions=_decided("reject:\n  - {a: A1, b: C1}\n"))
    rows = {tuple(sorted(cl.members.items())) for cl in c.clusters if cl.apart_from}
    # by the steps' models and ids, a–b comes before b–c: b–c is left out
    assert rows == {(("a", ("A1",)), ("b", ("B1",))), (("c", ("C1",)),)}
