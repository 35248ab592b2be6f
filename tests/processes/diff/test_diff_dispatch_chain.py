"""The decision letter and the notices after it against one dispatch step naming both
(dispatchchain.py; bench/RESULTS-matching.md "Branch many70", sv-r19 p70)."""

from __future__ import annotations

from diffbuilders import model

from processes.diff import diff_models
from processes.diff.dispatchchain import chains, names_authority, sends_decision_itself
from processes.diff.view import build_view

_LETTER = "Skicka beslut och tillståndsbevis till sökanden"
_NOTICE = "Kopior till polisen, länsstyrelsen och FoHM"
_ONE = "Expediera beslutet och underrätta Polismyndigheten, Länsstyrelsen och Folkhälsomyndigheten"


def _chain(parallel: bool = False) -> object:
    """The committee's decision, then the letter to the applicant and the copies to the bodies,
    in sequence or as the two branches of a parallel block."""
    nodes = [
        ("S", "start", ""), ("R", "userTask", "Diarieföra ansökan"), ("D", "userTask", "Socialutskottet beslutar"),
        ("L", "sendTask", _LETTER), ("K", "sendTask", _NOTICE), ("E", "end", "Avslutat"),
    ]  # fmt: skip
    if parallel:
        nodes += [("P", "and", ""), ("J", "and", "")]
        return model(nodes, [("P", "L"), ("P", "K"), ("L", "J"), ("K", "J"), ("J", "E")], chain="S R D P")
    return model(nodes, chain="S R D L K E")


def _one(label: str = _ONE) -> object:
    nodes = [
        ("S", "start", ""), ("R", "userTask", "Diarieföring"), ("D", "userTask", "Bevilja serveringstillstånd"),
        ("Y", "sendTask", label), ("E", "end", "Beslut expedierat"),
    ]  # fmt: skip
    return model(nodes, chain="S R D Y E")


def _with(d: object, step: str) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
    return [(m.a, m.b) for m in d.matches if step in m.a + m.b]


def _only(d: object) -> list[str]:
    return sorted((x.a or x.b)[0] for x in d.differences if x.kind.startswith("only"))


def test_the_bodies_and_the_decision_itself() -> None:
    assert [names_authority(n) for n in (_NOTICE, _ONE, "Underrättelse Polis/FHM/LST", _LETTER)] == [
        True, True, True, False,
    ]  # fmt: skip
    # the one step must send the decision, not only a copy of it
    assert [
        sends_decision_itself(n)
        for n in (_ONE, "Skicka beslutet, kopior till polisen, lst och FoHM", "Beslutskopior till Polismyndigheten",
                  "Kopia av beslutet till Länsstyrelsen", _NOTICE)
    ] == [True, True, False, False, False]  # fmt: skip


def test_the_chain_is_the_letter_and_the_notices_in_sequence_or_in_parallel() -> None:
    assert chains(build_view(_chain()), "sv") == [(("L",), ("K",))]
    assert chains(build_view(_chain(parallel=True)), "sv") == [(("L",), ("K",))]
    # the one step naming both is no chain: it is a notice by its bodies, but no letter comes before it
    assert chains(build_view(_one()), "sv") == []


def test_the_letter_joins_the_notice_paired_with_the_one_step() -> None:
    # without the rule the notice is paired one to one with the step and the letter is a question
    d = diff_models(_chain(), _one())
    assert _with(d, "Y") == [(("L", "K"), ("Y",))]
    assert d.uncertain == ()
    assert _only(d) == []
    # read from the other side: the same correspondence
    d2 = diff_models(_one(), _chain())
    assert _with(d2, "Y") == [(("Y",), ("L", "K"))]
    assert _only(d2) == []


def test_a_letter_in_parallel_with_the_notice_joins_too() -> None:
    # without the rule the letter is "only in a"
    d = diff_models(_chain(parallel=True), _one())
    assert _with(d, "Y") == [(("L", "K"), ("Y",))]
    assert _only(d) == []


def test_a_copy_to_the_bodies_does_not_take_the_letter() -> None:
    # the other model's one step sends copies only: the letter to the applicant is not in it, and
    # stays as the matcher had it ("only in a"), the notice paired with the copies
    d = diff_models(_chain(), _one("Beslutskopior till Polismyndigheten och Länsstyrelsen"))
    assert _with(d, "Y") == [(("K",), ("Y",))]
    assert _only(d) == ["L"]
