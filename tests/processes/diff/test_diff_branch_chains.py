"""Two chains on the grant and the refusal branch of one gateway against the other model's one
dispatch step (branchchains.py; bench/RESULTS-matching.md "Branch many72", rule 2)."""

from __future__ import annotations

from diffbuilders import model

from processes.diff import diff_models
from processes.diff.branchchains import branch_chains, first_dispatch
from processes.diff.dispatchchain import chains
from processes.diff.view import build_view

_GRANT = "Skicka beslut och tillståndsbevis till sökanden"
_REFUSAL = "Skicka avslagsbeslut med överklagandehänvisning till sökanden"


def _branches(parallel: bool = False) -> object:
    """The decision, then on the grant branch the permit issued, the letter and the copies, on the
    refusal branch the refusal and its copies; the branches run together before the end (or,
    ``parallel``, both run). The grant's letter is no direct target of the gateway (alternatives.py's
    reading), the branch reading finds it."""
    nodes = [
        ("S", "start", ""), ("R", "userTask", "Diarieföra ansökan"), ("D", "userTask", "Socialutskottet beslutar"),
        ("G", "and" if parallel else "xor", "Beviljat?"), ("U", "userTask", "Handläggaren utfärdar tillståndsbevis"),
        ("L1", "sendTask", _GRANT),
        ("K1", "sendTask", "Kopia av beslutet till Polisen och Länsstyrelsen"),
        ("L2", "sendTask", _REFUSAL), ("K2", "sendTask", "Kopia av avslaget till Polisen och Länsstyrelsen"),
        ("J", "and" if parallel else "xor", ""), ("A", "userTask", "Arkivera ärendet"), ("E", "end", "Avslutat"),
    ]  # fmt: skip
    edges = [
        ("G", "U"), ("U", "L1"), ("L1", "K1"), ("K1", "J"), ("G", "L2"), ("L2", "K2"), ("K2", "J"), ("J", "A"), ("A", "E"),
    ]  # fmt: skip
    return model(nodes, edges, chain="S R D G")


def _one(label: str) -> object:
    nodes = [
        ("S", "start", ""), ("R", "userTask", "Diarieföring"), ("D", "userTask", "Beslut om serveringstillstånd"),
        ("Y", "sendTask", label), ("A", "userTask", "Arkivering"), ("E", "end", "Klart"),
    ]  # fmt: skip
    return model(nodes, chain="S R D Y A E")


def _with(d: object, step: str) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
    return [(m.a, m.b) for m in d.matches if step in m.a + m.b]


def test_two_chains_on_two_branches_read_as_one() -> None:
    view = build_view(_branches())
    assert chains(view, "sv") == [(("L1",), ("K1",)), (("L2",), ("K2",))]
    assert [first_dispatch(view, t, "sv") for t in ("U", "L2", "A")] == ["L1", "L2", None]
    assert branch_chains(view, "sv") == (("L1", "L2"), ("K1", "K2"))
    # on the branches of a parallel block both letters are sent: no reading as one
    assert branch_chains(build_view(_branches(parallel=True)), "sv") is None


def test_both_letters_join_the_other_models_one_letter() -> None:
    d = diff_models(_branches(), _one("Skicka beslutet till sökanden"))
    assert _with(d, "Y") == [(("L1", "L2"), ("Y",))]
    d2 = diff_models(_one("Skicka beslutet till sökanden"), _branches())
    assert _with(d2, "Y") == [(("Y",), ("L1", "L2"))]


def test_the_whole_joined_chain_against_one_step_naming_the_bodies() -> None:
    d = diff_models(_branches(), _one("Expediera beslutet och underrätta Polisen och Länsstyrelsen"))
    assert _with(d, "Y") == [(("L1", "K1", "L2", "K2"), ("Y",))]


def test_a_copy_only_on_the_other_side_leaves_it_as_it_was() -> None:
    # the other model's one dispatch step is a copy to the bodies: neither a letter nor the decision sent to them
    d = diff_models(_branches(), _one("Beslutskopior till Polisen och Länsstyrelsen"))
    assert [m for m in _with(d, "Y") if len(m[0]) > 1] == []
    assert {"L1", "L2"} <= {u.step for u in d.uncertain} | {
        (x.a or x.b)[0] for x in d.differences if x.kind.startswith("only")
    }
