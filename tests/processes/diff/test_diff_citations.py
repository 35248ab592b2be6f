"""A reference to the law is not the work: a lawyer's "Kunskapsprov enligt 8 kap. 12 §
alkohollagen" is an officer's "Kunskapsprov"; a formula's section sign stays."""

from __future__ import annotations

from diffbuilders import linear

from processes.diff import diff_models
from processes.diff.citations import without_citations


def test_citations_leave_the_label_and_a_formula_keeps_its_section_sign() -> None:
    assert without_citations("Kommunicering enligt 25 § förvaltningslagen") == "Kommunicering"
    assert without_citations("Prövning av olägenheter (8 kap. 17 § AL)") == "Prövning av olägenheter"
    assert without_citations("Anmälan till IVO enligt § 5") == "Anmälan till IVO"
    assert without_citations("Score bachelors grade by §7(1)(a) * 51") == "Score bachelors grade by §7(1)(a) * 51"
    assert without_citations("8 kap. 12 § alkohollagen") == "8 kap. 12 § alkohollagen"  # nothing else to keep


def test_a_lawyers_cited_steps_pair_with_the_officers_plain_ones() -> None:
    a = linear(
        ["Granska ansökan", "Kunskapsprov enligt 8 kap. 12 § alkohollagen", "Platsbesök",
         "Prövning av lämplighet enligt 8 kap. 12 § alkohollagen", "Beslut"],
        prefix="A",
    )
    b = linear(["Granska ansökan", "Bedöm sökandens lämplighet", "Kunskapsprov", "Platsbesök", "Beslut"], prefix="B")
    pairs = {(m.a, m.b) for m in diff_models(a, b).matches}
    assert (("A1",), ("B2",)) in pairs
    assert (("A3",), ("B1",)) in pairs
