"""Two English checks of the applicant left over, one on each side, are one check
(background.py; bench/RESULTS-matching.md "Branch many64")."""

from __future__ import annotations

from diffbuilders import model

from processes.diff import diff_models


def _workflow(check: str) -> object:
    """An IT analyst's case workflow: a status, the check as a referral, the fee, the licence."""
    nodes = [
        ("S", "start", ""), ("C", "serviceTask", "Create case, set status Submitted"), ("R", "userTask", check),
        ("F", "serviceTask", "Process application fee payment"), ("L", "serviceTask", "Generate licence PDF, set status Issued"),
        ("E", "end", ""),
    ]  # fmt: skip
    return model(nodes, [], chain="S C R F L E")


def _controls(*checks: str) -> object:
    """An auditor's control points in the passive, with the check(s) drawn in the middle."""
    nodes = [
        ("S", "start", ""), ("C", "userTask", "Application recorded in licensing register"),
        *[(f"K{i}", "receiveTask", c) for i, c in enumerate(checks)],
        ("F", "userTask", "Application fee receipted and reconciled"),
        ("L", "userTask", "Licence signed by the Township Clerk"), ("E", "end", ""),
    ]  # fmt: skip
    return model(nodes, [], chain=" ".join(["S", "C", *[f"K{i}" for i in range(len(checks))], "F", "L", "E"]))


def _partners(d: object, side: str, step: str) -> list[tuple[str, ...]]:
    return [(m.b if side == "a" else m.a) for m in d.matches if step in (m.a if side == "a" else m.b)]


def test_two_criminal_record_checks_left_over_are_paired() -> None:
    a = _workflow("Referral: RCMP criminal record check")
    b = _controls("Criminal record check of applicant obtained from police service")
    d = diff_models(a, b, language="en")
    assert _partners(d, "a", "R") == [("K0",)]
    pair = next(m for m in d.matches if "R" in m.a)
    assert pair.how == "grouped"
    assert any("same check of the applicant" in n and '"criminal record"' in n for n in d.notes)
    assert not [x for x in d.differences if x.kind.startswith("only") and ("R" in (x.a or ()) or "K0" in (x.b or ()))]
    # read from the other side: the same pair
    assert _partners(diff_models(b, a, language="en"), "b", "R") == [("K0",)]


def test_two_checks_against_one_are_one_to_many() -> None:
    a = _controls("Send the fingerprint cards and background request to Police", "Run the state and FBI criminal background check")
    b = _workflow("Get fingerprinted for the sheriff's background check")
    d = diff_models(a, b, language="en")
    assert _partners(d, "b", "R") == [("K0", "K1")]
    assert any('"background check", "fingerprint"' in n for n in d.notes)


def test_a_licence_granted_on_a_check_is_no_check() -> None:
    # the DBS certificate is what the grant reads: the step decides, it does not check
    a = _workflow("Process and grant PL (APLH cert + DBS)")
    b = _controls("Basic DBS obtained for the applicant")
    d = diff_models(a, b, language="en")
    assert _partners(d, "a", "R") == []
    assert not any("same check of the applicant" in n for n in d.notes)


def test_swedish_models_are_left_to_the_other_passes() -> None:
    a = _workflow("Begär utdrag ur belastningsregistret")
    b = _controls("Polisens yttrande om vandel inkommer")
    d = diff_models(a, b, language="sv")
    assert not any("same check of the applicant" in n for n in d.notes)
