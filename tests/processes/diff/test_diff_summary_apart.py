"""Summary pass, branch many50: a coarse step lists a run only when it names each step of the
run by a term no other step of the run says (not by the verb and noun they all share)."""

from __future__ import annotations

from diffbuilders import model

from processes.diff import diff_models
from processes.diff.core import lexicon_for, prepare
from processes.diff.matching import pair_scores
from processes.diff.matchtypes import Match, PassInput
from processes.diff.summary import names_each_apart, summary_pass


def test_each_step_needs_a_term_of_the_coarse_step_of_its_own() -> None:
    coarse = {"regist", "applic", "alloc", "offic"}
    assert names_each_apart(coarse, [{"regist", "applic"}, {"alloc", "licens", "offic"}])
    # the verb and the noun both say: nothing names the first step apart from the second
    assert not names_each_apart(
        {"issu", "licenc", "condit"}, [{"issu", "licenc"}, {"issu", "notic", "licenc", "condit"}]
    )
    # a step the coarse step shares nothing with is not named at all
    assert not names_each_apart(coarse, [{"regist", "applic"}, {"pay", "fee"}])


def _models(coarse: str, first: str, second: str) -> tuple[object, object]:
    # the finer steps in different places (the block pass reads no run here)
    a = model(
        [
            ("S", "start", "Application lodged"),
            ("T1", "userTask", "Check application is complete"),
            ("T2", "sendTask", coarse),
            ("T9", "userTask", "Close the file"),
            ("E", "end", "Licence granted"),
        ],
        chain="S T1 T2 T9 E",
    )
    b = model(
        [
            ("S", "start", "Application received"),
            ("U2", "sendTask", first),
            ("U1", "userTask", "Check lodgement for completeness"),
            ("U8", "userTask", "Write the report"),
            ("U3", "userTask", second),
            ("U9", "userTask", "Close file"),
            ("E", "end", "Licence granted"),
        ],
        chain="S U2 U1 U8 U3 U9 E",
    )
    return a, b


def _summary(a: object, b: object, held: list[Match]) -> list[Match]:
    ca, cb = prepare(a, "A"), prepare(b, "B")
    lex = lexicon_for((ca, cb))
    score, lab = pair_scores(ca.view, cb.view, lex, lang_a="en", lang_b="en")
    return summary_pass(PassInput(ca.view, cb.view, lex, ("en", "en"), lab, score), list(held))


def test_a_coarse_step_naming_each_step_is_their_correspondence() -> None:
    a, b = _models(
        "Register the application and allocate a licensing officer",
        "Register application in the case system",
        "Allocate a licensing officer to the file",
    )
    found = [(m.a, m.b, m.how) for m in _summary(a, b, [])]
    assert found == [(("T2",), ("U2", "U3"), "grouped")]
    # in the whole comparison too
    assert [m.b for m in diff_models(a, b).matches if "T2" in m.a] == [("U2", "U3")]


def test_a_coarse_step_saying_only_what_its_run_shares_is_not_their_correspondence() -> None:
    # e4: "We issue your licence and its conditions", paired with "Issue licence", against the
    # notice, which says every term of it: the two share "issue licence" with it and only the
    # notice adds "conditions"; the pair stays one to one, the notice is not joined
    a, b = _models(
        "Issue licence and its conditions",
        "Issue notice of determination with conditions and licence fee invoice",
        "Issue licence",
    )
    held = Match(("T2",), ("U3",), 0.7, 0.7)
    assert _summary(a, b, [held]) == [held]
