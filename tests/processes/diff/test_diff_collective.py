"""One coarse step that names one body and the rest as a group against a block of per-body steps."""

from __future__ import annotations

from diffbuilders import model

from processes.diff import diff_models
from processes.diff.collective import names_the_rest


def _per_body() -> object:
    nodes = [("S", "start", "Ansökan inkommer"), ("T1", "userTask", "Registrera ansökan"), ("P1", "and", ""),
             ("R1", "sendTask", "Remiss till Polismyndigheten"), ("R2", "sendTask", "Remiss till Skatteverket"),
             ("R3", "sendTask", "Remiss till Kronofogden"), ("P2", "and", ""),
             ("T2", "userTask", "Fatta beslut"), ("E", "end", "Klart")]
    flows = [("T1", "P1"), *(("P1", r) for r in ("R1", "R2", "R3")), *((r, "P2") for r in ("R1", "R2", "R3"))]
    return model(nodes, flows + [("S", "T1"), ("P2", "T2"), ("T2", "E")])


def _coarse(label: str) -> object:
    nodes = [("S", "start", "Ansökan inkommer"), ("U1", "userTask", "Registrera ansökan"),
             ("U2", "sendTask", label), ("U3", "userTask", "Fatta beslut"), ("E", "end", "Klart")]
    return model(nodes, chain="S U1 U2 U3 E")


def test_collective_words() -> None:
    assert names_the_rest("Jag skickar remisser till polisen och övriga myndigheter")
    assert names_the_rest("Kopior till berörda remissinstanser")
    assert not names_the_rest("Skicka remiss till polisen")


def test_one_body_and_the_rest_as_a_group_is_the_whole_block() -> None:
    d = diff_models(_per_body(), _coarse("Jag skickar remisser till polisen och övriga myndigheter"))
    found = [m for m in d.matches if "U2" in m.b]
    assert [(sorted(m.a), m.how) for m in found] == [(["R1", "R2", "R3"], "grouped")]
    assert not [x for x in d.differences if x.kind == "only_in_a" and x.a[0] in ("R1", "R2", "R3")]


def test_one_body_without_a_collective_word_is_that_body_only() -> None:
    d = diff_models(_per_body(), _coarse("Jag skickar remiss till polisen"))
    assert not [m for m in d.matches if "U2" in m.b and len(m.a) > 1]
