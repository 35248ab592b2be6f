"""A run of two steps left over against a run of two between the same matched steps pairs
step for step, in order or crosswise as families and labels say (runs.py); a run whose
labels share nothing is asked about, not paired."""

from __future__ import annotations

from diffbuilders import model

from processes.diff import diff_models
from processes.diff.runs import RUN


def _loop(request: str, arrival: str, kinds: tuple[str, str] = ("sendTask", "receiveTask")) -> object:
    # review, then the request and its answer's arrival (a waiting task), then the decision;
    # the two sides draw other task types (no context pass pairs steps of different types)
    nodes = [("S", "start", "Application received"), ("R", "userTask", "Review the application"),
             ("Q", kinds[0], request), ("W", kinds[1], arrival),
             ("D", "userTask", "Decide on the licence"), ("E", "end", "Done")]
    return model(nodes, chain="S R Q W D E")


def _runs(d: object) -> set[tuple[tuple[str, ...], tuple[str, ...]]]:
    return {(m.a, m.b) for m in d.matches if m.how == RUN}  # type: ignore[attr-defined]


def test_a_request_and_its_answer_pair_in_order() -> None:
    a = _loop("Ask the applicant for the missing documents", "Wait for the documents")
    b = _loop("Deficiency notice about missing papers", "Await the upload", ("userTask", "userTask"))
    d = diff_models(a, b)
    # the families say which way: task with task, waiting with waiting; one label related
    assert _runs(d) == {(("Q",), ("Q",)), (("W",), ("W",))}
    assert any("paired in order" in n for n in d.notes)
    assert not [x for x in d.differences if x.kind in ("only_in_a", "only_in_b")]


def _issue(first: str, second: str) -> object:
    nodes = [("S", "start", "Application received"), ("F", "userTask", "Verify the licence fee payment"),
             ("G", "serviceTask", first), ("M", "serviceTask", second), ("E", "end", "Done")]
    return model(nodes, chain="S F G M E")


def test_labels_say_crosswise() -> None:
    a = _issue("Generate licence PDF, set status Issued", "Auto-email: licence issued")
    b = _issue("Licence issued under signature of the Clerk with notice of decision",
               "Issuance recorded in the register")
    d = diff_models(a, b)
    # the e-mail says what B's first step says, and the PDF's status what B's second records
    assert _runs(d) == {(("G",), ("M",)), (("M",), ("G",))}
    assert any("paired crosswise" in n for n in d.notes)


def test_a_run_whose_labels_share_nothing_is_asked_about() -> None:
    a = _loop("Print the file", "Stamp the copies")
    b = _loop("Phone the owner", "Book a courier", ("userTask", "userTask"))
    d = diff_models(a, b)
    assert not _runs(d)
    asked = {u.step for u in d.uncertain}
    assert {"Q", "W"} <= asked
    assert not [x for x in d.differences if x.kind in ("only_in_a", "only_in_b")]
