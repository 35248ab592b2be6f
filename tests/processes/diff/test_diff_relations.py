"""Behavioural profiles over the flow graph (processes.diff.relations)."""

from __future__ import annotations

from dataclasses import replace

from diffbuilders import model

from processes.diff.relations import behavioural_profile, compare_relations, relation_name
from processes.diff.view import build_view


def profile(defs):
    return behavioural_profile(defs, build_view(defs))


def rel(p, pairs):
    return [p.relation(x, y) for x, y in pairs]


def test_sequence_parallel_and_choice() -> None:
    d = model(
        [
            ("S", "start"),
            ("A", "task", "a"),
            ("P", "and"),
            ("B", "task", "b"),
            ("C", "task", "c"),
            ("J", "and"),
            ("X", "xor"),
            ("D", "task", "d"),
            ("F", "task", "f"),
            ("Y", "xor"),
            ("E", "end"),
        ],
        [
            ("S", "A"),
            ("A", "P"),
            ("P", "B"),
            ("P", "C"),
            ("B", "J"),
            ("C", "J"),
            ("J", "X"),
            ("X", "D"),
            ("X", "F"),
            ("D", "Y"),
            ("F", "Y"),
            ("Y", "E"),
        ],
    )
    p = profile(d)
    assert rel(p, [("A", "B"), ("B", "A"), ("B", "C"), ("D", "F"), ("C", "D"), ("A", "E")]) == [
        "before",
        "after",
        "parallel",
        "exclusive",
        "before",
        "before",
    ]
    assert p.optional == {"D", "F"}
    assert p.repeatable == frozenset()


def test_a_repeat_until_loop_keeps_the_order_of_one_iteration() -> None:
    # S -> J -> A -> B -> X -(again)-> J ; X -> C -> E
    d = model(
        [
            ("S", "start"),
            ("J", "xor"),
            ("A", "task", "a"),
            ("B", "task", "b"),
            ("X", "xor"),
            ("C", "task", "c"),
            ("E", "end"),
        ],
        [("S", "J"), ("J", "A"), ("A", "B"), ("B", "X"), ("X", "J"), ("X", "C"), ("C", "E")],
    )
    p = profile(d)
    assert rel(p, [("A", "B"), ("B", "C"), ("A", "C")]) == ["before", "before", "before"]
    assert p.repeatable == {"A", "B"} and p.optional == frozenset()


def test_a_while_loop_body_is_optional_and_before_what_follows() -> None:
    # S -> X -(do)-> A -> B -> X ; X -(done)-> C
    d = model(
        [
            ("S", "start"),
            ("X", "xor"),
            ("A", "task", "a"),
            ("B", "task", "b"),
            ("C", "task", "c"),
            ("E", "end"),
        ],
        [("S", "X"), ("X", "A"), ("A", "B"), ("B", "X"), ("X", "C"), ("C", "E")],
    )
    p = profile(d)
    assert rel(p, [("A", "C"), ("B", "C")]) == ["before", "before"]
    assert p.optional == {"A", "B"} and p.repeatable == {"A", "B"}


def test_a_loop_with_its_exit_in_the_middle() -> None:
    # the completeness loop of the library models: J -> Check -> X -(no)-> Ask -> Got -> J ; X -(yes)-> Done
    d = model(
        [
            ("S", "start"),
            ("J", "xor"),
            ("K", "task", "check"),
            ("X", "xor"),
            ("Q", "task", "ask"),
            ("G", "task", "got"),
            ("D", "task", "done"),
            ("E", "end"),
        ],
        [("S", "J"), ("J", "K"), ("K", "X"), ("X", "Q"), ("Q", "G"), ("G", "J"), ("X", "D"), ("D", "E")],
    )
    p = profile(d)
    assert rel(p, [("K", "D"), ("Q", "D"), ("G", "D")]) == ["before", "before", "before"]
    assert p.optional == {"Q", "G"} and p.repeatable == {"K", "Q", "G"}


def test_interrupting_and_non_interrupting_boundary_events() -> None:
    base = model(
        [
            ("S", "start"),
            ("A", "task", "a"),
            ("B", "task", "normal"),
            ("T", "timer", "late", "P4M"),
            ("R", "task", "remind"),
            ("E", "end"),
            ("E2", "end"),
        ],
        [("S", "A"), ("A", "B"), ("B", "E"), ("T", "R"), ("R", "E2")],
    )
    proc = base.process()
    boundary = replace(proc.nodes["T"], position="boundary", attached_to="A")
    interrupting = replace(base, processes=(replace(proc, nodes=proc.nodes.set("T", boundary)),))
    p = profile(interrupting)
    assert rel(p, [("B", "R"), ("A", "R")]) == ["exclusive", "before"]
    assert p.optional == {"B", "E", "T", "R", "E2"}
    soft = replace(boundary, cancel_activity=False)
    non_interrupting = replace(base, processes=(replace(proc, nodes=proc.nodes.set("T", soft)),))
    p = profile(non_interrupting)
    assert rel(p, [("B", "R")]) == ["parallel"]
    assert p.optional == {"T", "R", "E2"}


def test_two_pools_run_concurrently() -> None:
    one = model([("S", "start"), ("A", "task", "a"), ("E", "end")], chain="S A E", pid="P1")
    two = model([("S2", "start"), ("B", "task", "b"), ("E2", "end")], chain="S2 B E2", pid="P2")
    both = replace(one, processes=one.processes + two.processes)
    p = profile(both)
    assert rel(p, [("A", "B"), ("S", "S2")]) == ["parallel", "parallel"]
    assert p.optional == frozenset()


def test_a_cycle_nothing_leads_into_is_entered_from_the_start() -> None:
    d = model(
        [("S", "start"), ("A", "task", "a"), ("E", "end"), ("L1", "task", "l1"), ("L2", "task", "l2")],
        [("L1", "L2"), ("L2", "L1")],
        chain="S A E",
    )
    p = profile(d)
    assert p.repeatable == {"L1", "L2"}
    # entries of one process are alternative starts (as several start events are)
    assert rel(p, [("L1", "L2"), ("A", "L1")]) == ["before", "exclusive"]


def test_a_boundary_event_on_a_subprocess_whatever_the_order_of_the_nodes() -> None:
    from processes.model import Event, FrozenMap, SubProcess, Task

    d = model(
        [("S", "start"), ("N", "task", "next"), ("E", "end"), ("T30", "task", "escalate"), ("E2", "end")],
        [("S", "SP"), ("SP", "N"), ("N", "E"), ("B", "T30"), ("T30", "E2"), ("CS", "CT"), ("CT", "CE")],
    )
    proc = d.process()
    extra = {
        "B": Event(id="B", name="late", position="boundary", attached_to="SP", cancel_activity=False),
        "SP": SubProcess(id="SP", name="sub"),
        "CS": Event(id="CS", position="start", parent="SP"),
        "CT": Task(id="CT", name="inside", parent="SP"),
        "CE": Event(id="CE", position="end", parent="SP"),
    }
    for nodes in ({**extra, **proc.nodes}, {**proc.nodes, **dict(reversed(list(extra.items())))}):
        defs = replace(d, processes=(replace(proc, nodes=FrozenMap(nodes)),))
        p = profile(defs)
        assert rel(p, [("T30", "CT"), ("CT", "N"), ("SP", "CT"), ("B", "N")]) == [
            "parallel",
            "before",
            "before",
            "parallel",
        ]
        assert p.optional == {"B", "T30", "E2"}


def _ask_and_answer(ask: str, wait: str, answer: str):
    """Pool P: S -> <ask> -> Use -> E; pool Q: SQ -> <wait> (event) -> <answer> -> EQ;
    messages <ask> -> <wait> (the request) and <answer> -> <ask> (the reply)."""
    from processes.model import Collaboration, FrozenMap, MessageFlow, Participant

    p = model(
        [("S", "start"), (ask, "task", "Fråga"), ("Use", "task", "Använd svaret"), ("E", "end")],
        chain=f"S {ask} Use E",
    )
    q = model(
        [("SQ", "start"), (wait, "timer", "Frågan kommer"), (answer, "task", "Svara"), ("EQ", "end")],
        chain=f"SQ {wait} {answer} EQ",
        pid="Q",
    )
    flows = {"M1": MessageFlow("M1", ask, wait), "M2": MessageFlow("M2", answer, ask)}
    collab = Collaboration(
        "C",
        participants=(Participant("PP", process_ref="P"), Participant("PQ", process_ref="Q")),
        message_flows=FrozenMap(flows),
    )
    return replace(p, processes=p.processes + q.processes, collaborations=(collab,))


def test_a_request_and_its_reply_order_the_pools_and_make_no_loop() -> None:
    # whatever the ids (their sort order decided which message was dropped before)
    for ask, wait, answer in (("A1", "W1", "R1"), ("Z9", "B0", "C5")):
        p = profile(_ask_and_answer(ask, wait, answer))
        assert p.repeatable == frozenset()
        assert rel(p, [(ask, wait), (wait, answer), (ask, "Use")]) == ["before", "before", "before"]
        # the reply is left out, so the answer counts as parallel with what follows the
        # asking task (documented approximation: ordering it before would make the
        # reachability-based exclusiveness wrong elsewhere, e.g. MIWG C.1.0's timer branch)
        assert rel(p, [(answer, "Use")]) == ["parallel"]


def _branches() -> object:
    return model(
        [("S", "start"), ("A", "task", "a"), ("P", "and"), ("B", "task", "b"), ("C", "task", "c"),
         ("J", "and"), ("X", "xor"), ("D", "task", "d"), ("F", "task", "f"), ("Y", "xor"), ("E", "end")],
        [("S", "A"), ("A", "P"), ("P", "B"), ("P", "C"), ("B", "J"), ("C", "J"), ("J", "X"), ("X", "D"),
         ("X", "F"), ("D", "Y"), ("F", "Y"), ("Y", "E")],
    )


def test_relation_rows_read_every_pair_as_relation_does() -> None:
    p = profile(_branches())
    steps = list(p.steps)
    rows = p.relation_rows(steps[::-1], steps)
    for r, x in enumerate(steps[::-1]):
        assert [relation_name(code) for code in rows[r]] == ["same" if x == y else p.relation(x, y) for y in steps]


def test_a_repeated_comparison_gives_the_same_answer_and_keeps_no_profile_alive() -> None:
    import gc
    import weakref

    pa, pb = profile(_branches()), profile(_branches())
    xs = list(pa.steps)
    ys = xs[1:] + xs[:1]  # pair each step with the next: relations differ
    first = compare_relations(pa, pb, xs, ys)
    assert first[1] and compare_relations(pa, pb, xs, ys) == first
    assert compare_relations(pa, pb, xs, xs) == (len(xs) * (len(xs) - 1) // 2, [])
    gone = weakref.ref(pa)
    del pa
    gc.collect()
    assert gone() is None


def test_loops_are_opened_at_the_edge_networkx_find_cycle_names() -> None:
    import random

    import networkx as nx

    from processes.diff.relations import closing_edge

    rng = random.Random(3)
    for _ in range(300):
        n = rng.randint(1, 10)
        g = nx.DiGraph()
        g.add_node(0)
        g.add_edges_from((rng.randrange(n), rng.randrange(n)) for _ in range(rng.randint(0, 25)))
        while True:
            try:
                want = tuple(nx.find_cycle(g, source=0)[-1][:2])
            except nx.NetworkXNoCycle:
                want = None
            assert closing_edge(g, 0) == want
            if want is None:
                break
            g.remove_edge(*want)


def _two_letters():
    """A decision, then the grant letter or the refusal letter on a choice, then a notice."""
    return model(
        [
            ("S", "start"),
            ("D", "task", "Beslut"),
            ("X", "xor"),
            ("G", "sendTask", "Skicka beslut och tillståndsbevis"),
            ("R", "sendTask", "Skicka avslagsbeslut"),
            ("Y", "xor"),
            ("N", "sendTask", "Underrätta Polisen"),
            ("E", "end"),
        ],
        [("S", "D"), ("D", "X"), ("X", "G"), ("X", "R"), ("G", "Y"), ("R", "Y"), ("Y", "N"), ("N", "E")],
    )


def test_steps_on_every_branch_of_a_choice_are_together_not_skippable() -> None:
    p = profile(_two_letters())
    assert p.optional == {"G", "R"}
    assert p.skippable(["G"]) and p.skippable(["R"])
    assert not p.skippable(["G", "R"])  # every case sends one of the two letters
    assert not p.skippable(["G", "R", "N"]) and not p.skippable(["N"])
    assert not p.skippable([])


def test_steps_on_some_branches_only_stay_skippable_together() -> None:
    d = model(
        [
            ("S", "start"),
            ("X", "xor"),
            ("G", "task", "g"),
            ("R", "task", "r"),
            ("W", "task", "withdrawn"),
            ("Y", "xor"),
            ("E", "end"),
        ],
        [("S", "X"), ("X", "G"), ("X", "R"), ("X", "W"), ("G", "Y"), ("R", "Y"), ("W", "Y"), ("Y", "E")],
    )
    p = profile(d)
    assert p.skippable(["G", "R"])  # the third branch runs neither
    assert not p.skippable(["G", "R", "W"])
