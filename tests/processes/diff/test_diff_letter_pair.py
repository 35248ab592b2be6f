"""A decision letter without a message word, and a chain's one letter with the other model's one
letter (dispatch.reads_as_letter, letterpair.py; bench/RESULTS-matching.md "Branch many72", p75)."""

from __future__ import annotations

from diffbuilders import model

from processes.diff import diff_models
from processes.diff.alternatives import is_dispatch
from processes.diff.dispatch import reads_as_letter
from processes.diff.dispatchchain import chains
from processes.diff.view import Step, build_view

_LETTER = "Beslut och tillståndsbevis till sökande"
_NOTICE = "Underrätta Polisen, Länsstyrelsen och FoHM"
_SENT = "Beslut och tillståndsbevis skickas"


def _chain(letter: str = _LETTER) -> object:
    """The subcommittee's decision, the letter to the applicant, the notice to the bodies, then the
    supervision file (p75's order)."""
    nodes = [
        ("S", "start", ""), ("R", "userTask", "Gå igenom ansökan"), ("D", "userTask", "Socialutskottet beslutar"),
        ("L", "sendTask", letter), ("K", "sendTask", _NOTICE), ("T", "userTask", "Lägga upp tillsynsakt"),
        ("E", "end", "Klart"),
    ]  # fmt: skip
    return model(nodes, chain="S R D L K T E")


def _one(*sent: str) -> object:
    """The decision and then the decision sent to the applicant only (one step, or more)."""
    nodes = [
        ("S", "start", ""), ("R", "userTask", "Kontroll av ansökan"), ("D", "userTask", "Beslut (oftast på delegation)"),
    ]  # fmt: skip
    ids = []
    for k, label in enumerate(sent or (_SENT,)):
        nodes.append((f"Y{k}", "sendTask", label))
        ids.append(f"Y{k}")
    nodes.append(("E", "end", "Klart – tillsynen tar vid"))
    return model(nodes, chain=" ".join(["S", "R", "D", *ids, "E"]))


def _with(d: object, step: str) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
    return [(m.a, m.b) for m in d.matches if step in m.a + m.b]


def _only(d: object) -> list[str]:
    return sorted((x.a or x.b)[0] for x in d.differences if x.kind.startswith("only"))


def test_what_a_letter_without_a_message_word_is() -> None:
    labels = (
        _LETTER, "Beslut till sökanden i e-tjänsten", "Beslutet till den sökande",
        "Beslut till nämnden", "Beslut om serveringstillstånd", "Skicka beslut till sökanden",
        "Förslag till beslut till sökanden", "Kopia av beslutet till sökanden", "Tillståndsbevis till sökanden",
    )  # fmt: skip
    read = [reads_as_letter(n, "sv") for n in labels]
    assert read == [True] * 3 + [False] * 6
    assert not reads_as_letter(_LETTER, "en")
    # the passes' dispatch reading takes it; a message word was enough already
    assert is_dispatch(Step("t", _LETTER, "task", "send"), "sv")
    assert not is_dispatch(Step("t", "Beslut till nämnden", "task", "send"), "sv")


def test_the_letter_without_a_message_word_starts_a_chain() -> None:
    assert chains(build_view(_chain()), "sv") == [(("L",), ("K",))]


def test_the_chains_letter_pairs_with_the_other_models_one_letter() -> None:
    # without the rule the letter and the sent step were questions; the notice stays this model's own
    d = diff_models(_chain(), _one())
    assert _with(d, "L") == [(("L",), ("Y0",))]
    assert _with(d, "K") == []
    assert [u.step for u in d.uncertain] == ["K"]  # the notice: its one candidate is taken
    d2 = diff_models(_one(), _chain())
    assert _with(d2, "L") == [(("Y0",), ("L",))]


def test_a_decision_handed_to_the_committee_is_no_letter() -> None:
    # "Beslut till nämnden" names no applicant: no chain, nothing paired, the question stays
    d = diff_models(_chain("Beslut till nämnden"), _one())
    assert chains(build_view(_chain("Beslut till nämnden")), "sv") == []
    assert _with(d, "L") == []
    assert "L" in [u.step for u in d.uncertain]


def _notice_first() -> object:
    """The other model informs the bodies before it sends the decision to the applicant."""
    nodes = [
        ("S", "start", ""), ("R", "userTask", "Kontroll av ansökan"), ("D", "userTask", "Beslut (oftast på delegation)"),
        ("X", "userTask", "Informera berörda myndigheter"), ("Y0", "sendTask", _SENT), ("E", "end", "Klart – tillsynen tar vid"),
    ]  # fmt: skip
    return model(nodes, chain="S R D X Y0 E")


def test_the_letter_pair_keeps_its_neighbours_questions() -> None:
    # the pair L = Y0 puts the notice K after it and "Informera berörda myndigheter" before it; many72's
    # code (af77555) then claimed K, X and the supervision file T "only": the questions they asked
    # before the pair are kept (letter_questions), so nothing is claimed certain
    d = diff_models(_chain(), _notice_first())
    assert _with(d, "L") == [(("L",), ("Y0",))]
    assert _only(d) == []
    asked = {(u.side, u.step): [c.ids for c in u.candidates] for u in d.uncertain}
    assert asked == {("a", "K"): [("X",)], ("a", "T"): [("X",)], ("b", "X"): [("K",), ("T",)]}
