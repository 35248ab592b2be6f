"""Two checks of the applicant left over, one on each side, are one check, in English and Swedish
(background.py; bench/RESULTS-matching.md "Branch many64" and "Branch many68")."""

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


def _office(*work: str) -> object:
    """A licensing office's steps ``work`` between the registration and the decision."""
    nodes = [
        ("S", "start", "Application received"), ("R", "userTask", "Register the application"),
        *((f"M{k}", "userTask", m) for k, m in enumerate(work)),
        ("D", "userTask", "Decide on the licence"), ("E", "end", "Licence issued"),
    ]  # fmt: skip
    return model(nodes, chain=" ".join(["S", "R", *(f"M{k}" for k in range(len(work))), "D", "E"]))


def _handling(*work: str) -> object:
    """A Swedish permit unit's steps ``work`` between the registration and the decision."""
    nodes = [
        ("S", "start", "Ansökan inkommer"), ("R", "userTask", "Registrera ansökan"),
        *((f"M{k}", "userTask", m) for k, m in enumerate(work)),
        ("D", "userTask", "Beslut om serveringstillstånd"), ("E", "end", "Beslut meddelat"),
    ]  # fmt: skip
    return model(nodes, chain=" ".join(["S", "R", *(f"M{k}" for k in range(len(work))), "D", "E"]))


def _partners(d: object, side: str, step: str) -> list[tuple[str, ...]]:
    return [(m.b if side == "a" else m.a) for m in d.matches if step in (m.a if side == "a" else m.b)]


def _claimed_only(d: object) -> set[tuple[str, str]]:
    return {("a", s) for x in d.differences if x.kind == "only_in_a" for s in x.a} | {
        ("b", s) for x in d.differences if x.kind == "only_in_b" for s in x.b
    }


def test_two_criminal_record_checks_left_over_are_paired() -> None:
    a = _workflow("Referral: RCMP criminal record check")
    b = _controls("Criminal record check of applicant obtained from police service")
    d = diff_models(a, b, language="en")
    assert _partners(d, "a", "R") == [("K0",)]
    pair = next(m for m in d.matches if "R" in m.a)
    assert pair.how == "grouped"
    assert any("same check of the applicant" in n and '"criminal record"' in n for n in d.notes)
    assert not {("a", "R"), ("b", "K0")} & _claimed_only(d)
    # read from the other side: the same pair
    assert _partners(diff_models(b, a, language="en"), "b", "R") == [("K0",)]


def test_two_checks_against_one_are_one_to_many() -> None:
    a = _controls("Send the fingerprint cards and background request to Police", "Run the state and FBI criminal background check")
    b = _workflow("Get fingerprinted for the sheriff's background check")
    d = diff_models(a, b, language="en")
    assert _partners(d, "b", "R") == [("K0", "K1")]


def test_a_general_review_shares_a_kind_with_a_record_check() -> None:
    # "fit and proper" reviews the applicant as a whole: it takes in the police check
    d = diff_models(_workflow("Fit and proper person assessment"), _controls("Police check of the applicant returned"), language="en")
    assert _partners(d, "a", "R") == [("K0",)]


def test_the_pair_keeps_the_questions_the_tier_asked_before_it() -> None:
    # the pair (the record checks) stands before the consultation in A and after the four
    # consultation steps in B, so it bounds their places: without the questions kept the tier
    # would find them no candidate and they would be claimed "only in" their model
    a = _office("Criminal record check of applicant obtained from police service", "Consultation and public notice period (28 days)")
    b = _office("E-consult FRS", "E-consult EH", "E-consult Planning", "Site visit - blue notice displayed", "Referral: RCMP criminal record check")
    d = diff_models(a, b, language="en")
    assert _partners(d, "a", "M0") == [("M4",)]
    [consult] = [u for u in d.uncertain if u.side == "b" and u.step == "M0"]
    assert [c.ids for c in consult.candidates] == [("M1",)]
    assert {u.step for u in d.uncertain if u.side == "b"} == {"M0", "M1", "M2", "M3"}
    assert _claimed_only(d) == set()


def test_a_licence_granted_on_a_check_is_no_check() -> None:
    # the DBS certificate is what the grant reads: the step decides, it does not check
    a = _workflow("Process and grant PL (APLH cert + DBS)")
    b = _controls("Basic DBS obtained for the applicant")
    d = diff_models(a, b, language="en")
    assert _partners(d, "a", "R") == []
    assert not any("same check of the applicant" in n for n in d.notes)


def test_checks_of_different_kinds_are_not_paired() -> None:
    # a credit check and a criminal record check are two checks, neither a review as a whole
    d = diff_models(_workflow("Credit check of the applicant"), _controls("Criminal record check returned"), language="en")
    assert _partners(d, "a", "R") == []
    assert not any("same check of the applicant" in n for n in d.notes)


def test_two_swedish_record_checks_left_over_are_paired() -> None:
    a = _handling("Vandelsprövning", "Skicka remiss till räddningstjänsten")
    b = _handling("Skicka remiss till räddningstjänsten", "Begär utdrag ur belastningsregistret")
    d = diff_models(a, b, language="sv")
    assert _partners(d, "a", "M0") == [("M1",)]
    assert any('"Vandelsprövning" ("vandel")' in n and '"belastningsregist"' in n for n in d.notes)


def test_a_swedish_review_of_the_premises_is_no_check_of_the_applicant() -> None:
    # "lämplighetsprövning" of the premises against a check of debts: the premises word keeps the
    # review out of the pass, so the two are left as they were
    a = _handling("Lämplighetsprövning av lokalen", "Skicka remiss till räddningstjänsten")
    b = _handling("Skicka remiss till räddningstjänsten", "Kontroll av skulder hos Kronofogden")
    d = diff_models(a, b, language="sv")
    assert _partners(d, "a", "M0") == []
    [review] = [u for u in d.uncertain if u.side == "a" and u.step == "M0"]
    assert [c.ids for c in review.candidates] == [("M1",)]
    assert not any("same check of the applicant" in n for n in d.notes)
