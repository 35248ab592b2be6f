"""A case system's status line that does other work too is read without its status words
and pairs with the step it records (statuses.py); a bare status line is asked about."""

from __future__ import annotations

from diffbuilders import model

from processes.diff import diff_models
from processes.diff.statuses import STATUS, reading, says_more


def test_how_a_status_line_reads() -> None:
    assert [reading(n) for n in ("Set status Refused, auto-email decision letter", "Create case, set status Submitted",
                                 "Status ändras till Komplett och handläggningstiden startar",
                                 "Ask County Health for the food permit status")] == [
        "Refused, email decision letter", "Create case, Submitted", "Komplett och handläggningstiden startar", ""]
    assert [says_more(n) for n in ("Set status Refused, auto-email decision letter", "Create case, set status Submitted",
                                   "Status ändras till Under utredning", "Set status Refused")] == [
        True, True, False, False]


def _system(refusal: str) -> object:
    # the case system: review, decide, then the refused status (and its letter) or the licence
    nodes = [("S", "start", "Application received"), ("R", "userTask", "Review the application"),
             ("X", "xor", "Decision"), ("T", "serviceTask", refusal), ("No", "end", "Application refused"),
             ("G", "userTask", "Issue the licence"), ("Ok", "end", "Licence issued")]
    return model(nodes, [("X", "T"), ("T", "No"), ("X", "G"), ("G", "Ok")], chain="S R X")


def _auditor() -> object:
    # the auditor: the refusal notice, then the file archived, before the end
    nodes = [("S", "start", "Application received"), ("R", "userTask", "Review the application"),
             ("X", "xor", "Approved?"), ("N", "sendTask", "Refusal letter issued to applicant"),
             ("K", "userTask", "Archive the file"), ("No", "end", "File closed - licence refused"),
             ("G", "userTask", "Issue the licence"), ("Ok", "end", "Licence issued")]
    return model(nodes, [("X", "N"), ("N", "K"), ("K", "No"), ("X", "G"), ("G", "Ok")], chain="S R X")


def test_a_status_line_with_its_letter_pairs_with_the_notice() -> None:
    d = diff_models(_system("Set status Refused, auto-email decision letter"), _auditor())
    assert {(m.a, m.b) for m in d.matches if m.how == STATUS} == {(("T",), ("N",))}
    assert any("a status line read as the step it records" in n for n in d.notes)


def test_a_bare_status_line_is_asked_about() -> None:
    # the status alone is a record only the system draws: asked about, not paired, not "only"
    d = diff_models(_system("Set status Refused"), _auditor())
    assert not [m for m in d.matches if "T" in m.a]
    asked = {u.step: {c.ids for c in u.candidates} for u in d.uncertain if u.side == "a"}
    assert ("N",) in asked["T"]
    assert not [x for x in d.differences if x.kind == "only_in_a" and x.a == ("T",)]
