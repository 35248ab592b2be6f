"""Two end events left over between the same matched steps mark one moment (endings.py):
"Ärendet är klart" is "Slut" when both follow the archiving and each model has a second
end event elsewhere."""

from __future__ import annotations

import numpy as np
from diffbuilders import model

from processes.diff.core import lexicon_for, prepare
from processes.diff.endings import ending_pass
from processes.diff.matchtypes import Match, PassInput


def _two_ends(p: str, done: str, refused: str, extra: bool = False) -> object:
    nodes = [(f"{p}S", "start", "Ansökan"), (f"{p}G", "task", "Granska ansökan"), (f"{p}X", "xor", "Komplett?"),
             (f"{p}A", "task", "Arkivera"), (f"{p}Y", "xor", ""), (f"{p}E1", "end", done), (f"{p}E2", "end", refused)]
    flows = [(f"{p}X", f"{p}E2")]
    if extra:  # a second end event right after the archiving
        nodes.append((f"{p}E3", "end", "Stopp"))
        flows.append((f"{p}Y", f"{p}E3"))
    return model(nodes, flows, chain=f"{p}S {p}G {p}X {p}A {p}Y {p}E1")


def _ending_pass(a: object, b: object) -> set[tuple[tuple[str, ...], tuple[str, ...]]]:
    ca, cb = prepare(a, "A"), prepare(b, "B")
    matched = [Match((f"A{k}",), (f"B{k}",), 0.9, 0.9) for k in "SGA"]
    zeros = np.zeros((len(ca.view.steps), len(cb.view.steps)))
    given = PassInput(ca.view, cb.view, lexicon_for((ca, cb)), ("sv", "sv"), zeros, zeros)
    return {(m.a, m.b) for m in ending_pass(given, matched)[len(matched):]}


def test_end_events_with_the_same_matched_neighbours_pair_whatever_their_names() -> None:
    found = _ending_pass(_two_ends("A", "Ärendet är klart", "Ansökan avvisas"), _two_ends("B", "Slut", "Avvisad"))
    assert found == {(("AE1",), ("BE1",)), (("AE2",), ("BE2",))}


def test_an_end_event_with_two_candidates_in_one_place_stays_unpaired() -> None:
    found = _ending_pass(_two_ends("A", "Ärendet är klart", "Ansökan avvisas"),
                         _two_ends("B", "Slut", "Avvisad", extra=True))
    assert found == {(("AE2",), ("BE2",))}
