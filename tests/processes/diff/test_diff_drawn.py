"""The base process drawn again by someone else: other ids, other words, same steps."""

from __future__ import annotations

from test_diff_pairs import CHAIN, LANES, NODES, base

from processes.diff import diff_models

WORDS = {
    "S": "Ansökan kommer in",  # particle verb ~ inkommer
    "T1": "Diarieföring",  # registrera ~ diarieföra (no object; "ansökan" is in three labels: weighs less)
    "T2": "Kontrollera ansökningen",  # granska ~ kontrollera; ansökan ~ ansökningen
    "T3": "Skicka ut remisser",  # the particle "ut" carries nothing
    "W": "Vänta på yttranden",  # yttrande ~ remissvar
    "T4": "Besök på plats",  # phrase synonym of platsbesök
    "T5": "Upprätta utredning och förslag till beslut",  # compound beslutsförslag split
    "T6": "Nämnden fattar beslut",  # serveringstillstånd is on the ignore list
    "T7": "Underrätta sökanden om beslutet",
    "E": "Klart",  # end events pair up whatever they are called
}


def drawn():
    nodes = [(f"Z{n[0]}", n[1], WORDS[n[0]], *n[3:]) for n in NODES]
    lanes = {name: [f"Z{i}" for i in ids] for name, ids in LANES.items()}
    return base(nodes, " ".join(f"Z{i}" for i in CHAIN.split()), lanes=lanes)


def test_every_step_is_found_and_nothing_differs() -> None:
    d = diff_models(base(), drawn())
    assert [(m.a, m.b) for m in d.matches] == [((n[0],), (f"Z{n[0]}",)) for n in NODES]
    assert d.differences == ()
    # "Nämnden fattar beslut" in the lane Nämnden: the words naming its own performer are left
    # out; "sökanden" (the applicant) is its own term, not "ansökan" (the application)
    # (0.7: "Meddela beslut" and "Underrätta sökanden om beslutet" are both a decision sent,
    # read as the message family (dispatch.py): "delge" said in full inside "delge sökanden")
    assert [m.label for m in d.matches] == [1.0, 0.808, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 0.7, 0.0]
    assert d.similarity.behavioural == 1.0
