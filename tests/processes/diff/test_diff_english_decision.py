"""English decision steps (englishdecision.py, read by deciding.is_decision).

bench/RESULTS-matching.md, "Branch many71": the rule as written before its first run.
"""

from __future__ import annotations

from diffbuilders import candidates, model, only

from processes.diff import diff_models
from processes.diff.deciding import is_decision
from processes.diff.englishdecision import decides_en


def test_what_an_english_decision_step_is() -> None:
    decisions = (
        "Decision",
        "Delegated decision",
        "Licensing sub-committee hearing and decision",
        "Committee's decision",
        "Final determination",
        "Decision made",
        "Determine the application",
        "Committee decides",
        "Licensing sub-committee determines application",
        "Decide on the application",
        "Make a decision",
        "Panel makes decision",
        "Grant the premises licence",
        "Refuse the application",
        "Licence granted",
        "Application is refused",
        "Application determined",
        "Delegated decision (officer)",
    )
    assert [decides_en(x) for x in decisions] == [True] * len(decisions)
    not_decisions = (
        "Send decision to applicant",
        "Refer to committee for decision",
        "Recommend refusal",
        "Draft decision",
        "Await decision",
        "Appeal decision",
        "Decision letter",
        "Decision and notice",
        "Decision communicated",
        "Determine whether the application is complete",
        "Determine fee",
        "Hearing held before the committee",
        "Issue decision",
        "Send granted licence",
        "Review the application and decide",
    )
    assert [decides_en(x) for x in not_decisions] == [False] * len(not_decisions)


def test_is_decision_reads_english_labels_and_leaves_swedish_as_it_was() -> None:
    assert is_decision("Determine the application", "en") and is_decision("Delegated decision", "en")
    assert not is_decision("Determine the application", "sv")  # Swedish reading: no Swedish decision word
    assert is_decision("Nämndbeslut", "sv") and not is_decision("Nämndbeslut", "en")
    # a decision on a side matter is no decision step (many53's guard, which has English forms)
    assert not is_decision("Decision to extend the time", "en")


def _english(*labels: str):
    """An English licensing process whose decision is drawn as one step per label (D0, D1, …) on
    the branches of one exclusive gateway."""
    nodes = [
        ("S", "start", "Application received"),
        ("U1", "userTask", "Assess the application"),
        ("X1", "xor", ""),
    ]
    ids = [f"D{i}" for i in range(len(labels))]
    nodes += [(x, "userTask", lab) for x, lab in zip(ids, labels, strict=True)]
    nodes += [("X2", "xor", ""), ("U3", "sendTask", "Send the decision letter"), ("E", "end", "Done")]
    flows = [
        ("S", "U1"),
        ("U1", "X1"),
        *(("X1", x) for x in ids),
        *((x, "X2") for x in ids),
        ("X2", "U3"),
        ("U3", "E"),
    ]
    return model(nodes, flows)


def test_a_hearing_and_decision_step_against_grant_and_refusal() -> None:
    d = diff_models(
        _english("Licensing sub-committee hearing and decision"),
        _english("Grant the premises licence", "Refuse the application"),
    )
    assert [(m.a, sorted(m.b)) for m in d.matches if "D0" in m.a] == [(("D0",), ["D0", "D1"])]
    assert only(d) == []


def test_a_delegated_decision_beside_the_committees_against_one_determination() -> None:
    d = diff_models(
        _english("Determine the application"), _english("Delegated decision", "Committee decision")
    )
    assert [(m.a, sorted(m.b)) for m in d.matches if "D0" in m.a] == [(("D0",), ["D0", "D1"])]
    assert only(d) == []


def test_weak_case_a_hearing_without_the_decision_is_not_grouped() -> None:
    # "Hearing held before the committee" names no decision, so the decision pass does not run (one
    # side has no decision step): no one-to-many is made, the decisions are not merged into the
    # hearing; the matcher's other passes decide as on main (context pairs the neighbour's place)
    d = diff_models(
        _english("Hearing held before the committee"), _english("Delegated decision", "Committee decision")
    )
    assert not is_decision("Hearing held before the committee", "en")
    assert [m.b for m in d.matches if "D0" in m.a] == [("D1",)]
    assert [m.how for m in d.matches if "D0" in m.a] == ["context"]
