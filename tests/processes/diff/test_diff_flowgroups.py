"""Grouping the pairs of steps whose relation changed (processes.diff.flowdiff.centre_groups)."""

from __future__ import annotations

import random

from processes.diff.flowdiff import centre_groups


def greedy(pairs):
    """The rule, written the slow way: the unit in most pairs left (lowest on ties), with its pairs."""
    out = []
    while pairs:
        counts: dict[int, int] = {}
        for i, j, _, _ in pairs:
            counts[i] = counts.get(i, 0) + 1
            counts[j] = counts.get(j, 0) + 1
        centre = min(counts, key=lambda u: (-counts[u], u))
        out.append((centre, [p for p in pairs if centre in p[:2]]))
        pairs = [p for p in pairs if centre not in p[:2]]
    return out


def test_a_step_that_moved_is_the_centre_of_all_its_pairs() -> None:
    pairs = [(0, 3, "before", "after"), (1, 3, "before", "after"), (2, 3, "before", "after"), (0, 1, "before", "parallel")]
    assert list(centre_groups(pairs)) == [(3, pairs[:3]), (0, [pairs[3]])]


def test_the_heap_picks_the_same_centres_as_the_rule() -> None:
    rng = random.Random(5)
    for _ in range(200):
        units = rng.randint(2, 12)
        pairs = sorted({tuple(sorted(rng.sample(range(units), 2))) for _ in range(rng.randint(1, 30))})
        changed = [(i, j, "before", rng.choice(["after", "parallel"])) for i, j in pairs]
        assert list(centre_groups(changed)) == greedy(changed)


def _remiss_block(other: str) -> tuple:
    from diffbuilders import linear, model

    a = linear(["Registrera ansökan", "Remittering till remissinstanser", other])
    b = model(
        [("S", "start", "Start"), ("U0", "userTask", "Registrera ansökan"), ("G1", "and"),
         ("P", "userTask", "Begär yttrande från polisen"), ("K", "userTask", "Begär yttrande från Skatteverket"),
         ("R", "userTask", "Begär yttrande från räddningstjänsten"), ("G2", "and"), ("U9", "userTask", other),
         ("E", "end", "Slut")],
        [("U0", "G1"), ("G1", "P"), ("G1", "K"), ("G1", "R"), ("P", "G2"), ("K", "G2"), ("R", "G2"), ("G2", "U9"),
         ("U9", "E")],
        chain="S U0",
    )
    return a, b


def test_a_task_stands_for_a_parallel_block_that_alone_does_what_it_names() -> None:
    from processes.diff import diff_models

    a, b = _remiss_block("Skriv utredning")
    d = diff_models(a, b)
    assert [m.b for m in d.matches if m.a == ("T1",)] == [("K", "P", "R")]


def test_not_when_another_step_says_the_same_word() -> None:
    from processes.diff.core import lexicon_for, prepare
    from processes.diff.groups import only_theirs

    for other, alone in (("Skriv utredning", True), ("Sammanställ remissvaren och remissen", False)):
        a, b = _remiss_block(other)
        ca, cb = prepare(a, "A"), prepare(b, "B")
        lex = lexicon_for((ca, cb))
        # "remiss" is what the task shares with the block; a later step saying it too takes that away
        assert only_theirs(lex, cb.view, ("K", "P", "R"), {"=remiss"}, "sv") is alone


def test_one_step_naming_each_body_takes_the_per_body_steps_wherever_they_are_drawn() -> None:
    from diffbuilders import linear

    from processes.diff import diff_models

    a = linear(["Registrera ansökan", "Hämta in yttranden från polisen och Skatteverket", "Skriv utredning"])
    # the two remisser are not next to each other: another step lies between them
    b = linear(["Registrera ansökan", "Polisremiss", "Kontrollera vandel", "Skatteremiss", "Skriv utredning"], prefix="U")
    d = diff_models(a, b)
    assert [(m.b, m.how) for m in d.matches if m.a == ("T1",)] == [(("U1", "U3"), "grouped")]
    # two steps that share nothing are not "each of" anything: no join without adjacency
    b = linear(["Registrera ansökan", "Polisremiss", "Kontrollera vandel", "Skatteverket", "Skriv utredning"], prefix="U")
    assert [m.b for m in diff_models(a, b).matches if m.a == ("T1",)] == [("U1",)]


def test_one_answer_event_takes_the_per_body_answer_events_drawn_apart() -> None:
    from diffbuilders import model

    from processes.diff import diff_models

    def chain(steps: list[tuple], prefix: str):
        nodes = [("S", "start", "Start"), *[(f"{prefix}{k}", kind, name) for k, (kind, name) in enumerate(steps)],
                 ("E", "end", "Slut")]
        return model(nodes, chain=" ".join(n[0] for n in nodes))

    a = chain([("userTask", "Skicka remisser"), ("timer", "Yttrande från polisen inkommer"), ("userTask", "Kontrollera vandel"),
               ("timer", "Yttrande från Skatteverket inkommer"), ("userTask", "Skriv utredning")], "T")
    b = chain([("userTask", "Skicka remisser"), ("userTask", "Kontrollera vandel"), ("timer", "Remissvar inkomna"),
               ("userTask", "Skriv utredning")], "U")
    d = diff_models(a, b)
    assert [sorted(m.a) for m in d.matches if m.b == ("U2",)] == [["T1", "T3"]]


def test_a_step_naming_two_different_things_takes_its_two_neighbours_on_a_weaker_label() -> None:
    from diffbuilders import linear

    from processes.diff import diff_models

    a = linear(["Diarieföring och tilldelning av handläggare", "Skriv utredning", "Fatta beslut"])
    b = linear(["Registrera ärendet", "Tilldela handläggare", "Skriv utredning", "Fatta beslut"], prefix="U")
    d = diff_models(a, b)
    assert [m.b for m in d.matches if m.a == ("T0",)] == [("U0", "U1")]
    # one word of a long label said in the other is not enough: "Skicka kopia till Länsstyrelsen
    # och Folkhälsomyndigheten" is not a part of "Beslut och tillståndsbevis skickas ut"
    from processes.diff.attach import lists_each
    from processes.diff.core import lexicon_for, prepare
    from processes.diff.matchtypes import Match

    a = linear(["Fatta beslut", "Utfärda tillståndsbevis", "Skicka kopia till Länsstyrelsen och Folkhälsomyndigheten",
                "Registrera ärendet", "Tilldela handläggare"])
    b = linear(["Fatta beslut", "Beslut och tillståndsbevis skickas ut",
                "Diarieföring och tilldelning av handläggare"], prefix="U")
    ca, cb = prepare(a, "A"), prepare(b, "B")
    lex = lexicon_for((ca, cb))
    sv = ("sv", "sv")
    assert not lists_each(lex, ca.view, cb.view, Match(("T1",), ("U1",), 0.9, 0.9), "T2", "a", sv, shared=False)
    assert lists_each(lex, ca.view, cb.view, Match(("T4",), ("U2",), 0.9, 0.9), "T3", "a", sv, shared=False)
