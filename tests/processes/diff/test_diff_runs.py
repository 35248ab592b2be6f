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


def _stretch(kinds: str, *labels: str) -> object:
    # the knowledge test, then the stretch, then archived: the steps before and after pair
    ids = [f"T{k}" for k in range(1, len(labels) + 1)]
    nodes = [("S", "start", "Ansökan inkommer"), ("R", "userTask", "Kunskapsprov genomförs"),
             *[(i, kinds, label) for i, label in zip(ids, labels, strict=True)],
             ("Z", "userTask", "Akten arkiveras"), ("E", "end", "Klart")]
    return model(nodes, chain=" ".join(["S", "R", *ids, "Z", "E"]))


COARSE = ("Utredning och beslut dokumenteras i ärendet", "Beslutsmall genereras och beslutet expedieras")
DETAILED = ("Utredning upprättas, sökanden bereds tillfälle att yttra sig och förslag till beslut avfattas",
            "Ärendet föredras för socialnämnden som fattar beslut",
            "Beslutet expedieras till sökanden och i kopia till Polismyndigheten")


def test_two_against_three_split_in_order_where_the_labels_say_so() -> None:
    # p52 (sv-r15): the coarse model's "investigation and decision" is the detailed model's
    # investigation and the committee's decision; its dispatch is the dispatch
    a, b = _stretch("userTask", *COARSE), _stretch("manualTask", *DETAILED)
    d = diff_models(a, b)
    assert _runs(d) == {(("T1",), ("T1", "T2")), (("T2",), ("T3",))}
    assert any("two in one model against three in the other, split in order" in n for n in d.notes)
    assert not [x for x in d.differences if x.kind in ("only_in_a", "only_in_b")]
    # the same the other way round: three in A, two in B
    d = diff_models(b, a)
    assert _runs(d) == {(("T1", "T2"), ("T1",)), (("T3",), ("T2",))}


def test_two_against_three_with_a_middle_step_unlike_both_is_asked_about() -> None:
    # the first and the last step are related to their partners (0.37, 0.40), but the middle
    # step could go with either: the two splits are level, nothing is paired, all are asked about
    a = _stretch("userTask", *COARSE)
    b = _stretch("manualTask", "Utredning upprättas", "Lokalen besiktigas", DETAILED[2])
    d = diff_models(a, b)
    assert not _runs(d)
    assert {("a", "T1"), ("a", "T2"), ("b", "T1"), ("b", "T2"), ("b", "T3")} <= {(u.side, u.step) for u in d.uncertain}
    assert not [x for x in d.differences if x.kind in ("only_in_a", "only_in_b")]
