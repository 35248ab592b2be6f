"""A step left over whose body the one step names joins it beside its siblings (namedbody.py;
bench/RESULTS-matching.md "Branch many55", p68)."""

from __future__ import annotations

from diffbuilders import model

from processes.diff import diff_models

_OTHERS = "Remiss till Skatteverket, Kronofogden, räddningstjänsten och miljöförvaltningen (livsmedel)"


def _per_body(first: str) -> object:
    """A remiss to one body and a remiss to the four others, each with its answer, beside a site
    visit; the police named again after the decision (so "polis" weighs less, as in p68)."""
    nodes = [
        ("S", "start", ""), ("R", "userTask", "Registrera ansökan"), ("G1", "and", ""), ("G2", "and", ""),
        ("P", "sendTask", first), ("PY", "message", "Polisens yttrande kommer"),
        ("O", "sendTask", _OTHERS), ("OY", "message", "Svar från de andra remissinstanserna"),
        ("V", "manualTask", "Platsbesök på restaurangen"),
        ("D", "userTask", "Fatta beslut"), ("U", "sendTask", "Underrätta Polisen och Länsstyrelsen"), ("E", "end", ""),
    ]  # fmt: skip
    flows = [("G1", "P"), ("P", "PY"), ("PY", "G2"), ("G1", "O"), ("O", "OY"), ("OY", "G2"), ("G1", "V"), ("V", "G2")]
    return model(nodes, flows + [("G2", "D"), ("D", "U"), ("U", "E")], chain="S R G1")


def _one_remiss() -> object:
    nodes = [
        ("S", "start", ""), ("R", "userTask", "Registrera ansökan"), ("G1", "and", ""), ("G2", "and", ""),
        ("T", "sendTask", "Skicka remisser (polisen, skatt, KFM, rtj, miljö)"), ("TY", "message", "Remissvaren inne"),
        ("V", "manualTask", "Besök på stället"),
        ("D", "userTask", "Beslut"), ("U", "sendTask", "Skicka beslutet, kopior till polisen, lst och FoHM"), ("E", "end", ""),
    ]  # fmt: skip
    flows = [("G1", "T"), ("T", "TY"), ("TY", "G2"), ("G1", "V"), ("V", "G2")]
    return model(nodes, flows + [("G2", "D"), ("D", "U"), ("U", "E")], chain="S R G1")


def _grouped(d: object) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
    return [(m.a, m.b) for m in d.matches if m.how == "grouped"]


def test_the_police_remiss_joins_the_one_remiss_that_names_the_police() -> None:
    d = diff_models(_per_body("Remiss till Polisen"), _one_remiss())
    assert _grouped(d) == [(("P", "O"), ("T",)), (("OY", "PY"), ("TY",))]
    assert [x for x in d.differences if x.kind.startswith("only")] == []
    # read from the other side: the same correspondence
    d2 = diff_models(_one_remiss(), _per_body("Remiss till Polisen"))
    assert _grouped(d2) == [(("T",), ("P", "O")), (("TY",), ("OY", "PY"))]


def test_a_remiss_to_a_body_the_one_step_does_not_name_does_not_join() -> None:
    d = diff_models(_per_body("Remiss till Länsstyrelsen"), _one_remiss())
    matched_a = {s for m in d.matches for s in m.a}
    assert "P" not in matched_a
    assert (("O",), ("T",)) in [(m.a, m.b) for m in d.matches]
