"""The decision sent on alternative branches against one dispatch step (alternatives.py;
bench/RESULTS-matching.md "Branch many57", sv-r19 p68)."""

from __future__ import annotations

from diffbuilders import model

from processes.diff import diff_models
from processes.diff.alternatives import alternatives, is_dispatch
from processes.diff.view import Step, build_view

_GRANT = "Skicka beslut och tillståndsbevis"
_REFUSAL = "Skicka avslagsbeslut med hur man överklagar"
_NOTICE = "Underrätta Polisen, Länsstyrelsen och Folkhälsomyndigheten"
_ONE = "Skicka beslutet, kopior till polisen, lst och FoHM"


def _two_branches(gateway: str = "xor", notice: bool = True, refusal: str = _REFUSAL) -> object:
    """Registration, the committee's decision, then the grant sent or the refusal sent on two
    branches of ``gateway``, (then the notice to the authorities,) the end."""
    nodes = [
        ("S", "start", ""), ("R", "userTask", "Diarieföra ansökan"), ("D", "userTask", "Individutskottet beslutar"),
        ("X", gateway, "Beviljat?"), ("G", "sendTask", _GRANT), ("F", "sendTask", refusal),
        ("J", "xor" if gateway == "xor" else "and", ""), ("E", "end", "Ärendet klart"),
    ]  # fmt: skip
    flows = [("X", "G"), ("X", "F"), ("G", "J"), ("F", "J")]
    if notice:
        nodes.append(("U", "sendTask", _NOTICE))
        flows += [("J", "U"), ("U", "E")]
    else:
        flows += [("J", "E")]
    return model(nodes, flows, chain="S R D X")


def _one_dispatch(label: str = _ONE, copies: str = "") -> object:
    nodes = [
        ("S", "start", ""), ("R", "userTask", "Diarieföring"), ("D", "userTask", "Beslut i AU"),
        ("Y", "sendTask", label), ("E", "end", "Ärendet klart"),
    ]  # fmt: skip
    if copies:
        nodes.insert(4, ("K", "sendTask", copies))
        return model(nodes, chain="S R D Y K E")
    return model(nodes, chain="S R D Y E")


def _with(d: object, step: str) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
    return [(m.a, m.b) for m in d.matches if step in m.a + m.b]


def _only(d: object) -> list[str]:
    return sorted((x.a or x.b)[0] for x in d.differences if x.kind.startswith("only"))


def test_what_a_dispatch_step_is() -> None:
    assert [is_dispatch(Step("t", n, "task", "send"), "sv") for n in (_GRANT, _REFUSAL, _ONE, "Beslutskopia")] == [
        True, True, True, True,
    ]  # fmt: skip
    # a notice without the decision named, the decision itself, a proposal, English: not a dispatch
    assert [
        is_dispatch(Step("t", n, "task", "send"), lang)
        for n, lang in ((_NOTICE, "sv"), ("Beslut i AU", "sv"), ("Skicka förslag till beslut", "sv"), ("Send the decision", "en"))
    ] == [False, False, False, False]  # fmt: skip
    assert is_dispatch(Step("e", _GRANT, "event", "end"), "sv") is False


def test_the_alternatives_are_the_dispatch_steps_of_one_exclusive_gateway() -> None:
    assert alternatives(build_view(_two_branches()), "sv") == [("G", "F")]
    assert alternatives(build_view(_two_branches(gateway="and")), "sv") == []
    assert alternatives(build_view(_two_branches(refusal="Arkivera ärendet")), "sv") == []


def test_the_grant_sent_and_the_refusal_sent_join_the_one_dispatch_with_the_notice() -> None:
    d = diff_models(_two_branches(), _one_dispatch())
    assert _with(d, "Y") == [(("G", "F", "U"), ("Y",))]
    assert _only(d) == []
    # read from the other side: the same correspondence
    d2 = diff_models(_one_dispatch(), _two_branches())
    assert _with(d2, "Y") == [(("Y",), ("G", "F", "U"))]
    assert _only(d2) == []


def test_without_the_notice_the_two_branches_are_the_one_dispatch() -> None:
    d = diff_models(_two_branches(notice=False), _one_dispatch())
    assert _with(d, "Y") == [(("G", "F"), ("Y",))]
    assert _only(d) == []


def test_a_parallel_block_is_not_alternatives_but_a_chain_before_the_notice() -> None:
    # both letters sent in every case: not one step sent whatever the outcome, so this rule leaves
    # them (no alternatives); they are letters right before the notice, and the one dispatch names
    # the decision and the bodies: dispatchchain.py's chain joins them to it (branch many70)
    assert alternatives(build_view(_two_branches(gateway="and")), "sv") == []
    d = diff_models(_two_branches(gateway="and"), _one_dispatch())
    assert _with(d, "Y") == [(("G", "F", "U"), ("Y",))]
    assert _only(d) == []


def test_the_other_model_sending_twice_leaves_the_branches_uncertain() -> None:
    # two dispatch steps in b (to the applicant, a copy to the authorities): which one each branch
    # is the rule cannot say, so it moves nothing; the refusal and b's letter stay questions
    a = _two_branches(notice=False)
    b = _one_dispatch("Skicka beslutet till sökanden", copies="Skicka kopia av beslutet till Polisen")
    d = diff_models(a, b)
    assert [(m.a, m.b) for m in d.matches if set(m.a + m.b) & {"G", "F", "Y", "K"}] == [(("G",), ("K",))]
    assert sorted((u.side, u.step) for u in d.uncertain) == [("a", "F"), ("b", "Y")]
    assert _only(d) == []
