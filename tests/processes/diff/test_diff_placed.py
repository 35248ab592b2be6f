"""The only step left over on each side between the same matched steps (processes/diff/placed.py).
Each test fails without the rule or without the condition it names."""

from __future__ import annotations

import json

import numpy as np
from diffbuilders import linear, model

from processes.diff import diff_models
from processes.diff.formats import diff_markdown, diff_text
from processes.diff.leftovers import RELATED
from processes.diff.matchtypes import Match, PassInput
from processes.diff.placed import PLACED, placed_pass
from processes.diff.schema import to_data
from processes.diff.synonyms import builtin_synonyms
from processes.diff.text import Lexicon
from processes.diff.view import build_view
from report.diff_html import diff_html

_AROUND = ["Ansökan tas emot", "Granska ansökan", "Beslut fattas"]
_WHY = "placed between the same matched steps"


def _pair(step_a: str, step_b: str):
    a = linear([_AROUND[0], step_a, *_AROUND[1:]], prefix="A")
    b = linear([_AROUND[0], step_b, *_AROUND[1:]], prefix="B")
    return a, b


def _placed(d) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
    return [(m.a, m.b) for m in d.matches if m.how == PLACED]


def test_the_only_leftovers_between_the_same_matched_steps_are_paired_with_lower_confidence() -> None:
    # "Ärendeöppning" / "Lägg upp ärendet och registrera det": 0.24 alike, under the uncertain
    # bar and every match bar, but each is the only step left between the same two matched steps
    d = diff_models(*_pair("Ärendeöppning", "Lägg upp ärendet och registrera det"))
    (m,) = [m for m in d.matches if m.how == PLACED]
    assert (m.a, m.b) == (("A1",), ("B1",))
    assert RELATED <= m.label < 0.3
    assert m.confidence < 0.75  # its combined score, below the match threshold
    assert not d.uncertain
    assert not [x for x in d.differences if x.kind.startswith("only_in")]
    (note,) = d.notes
    assert _WHY in note and "Ärendeöppning" in note and f"({m.confidence:.2f})" in note
    assert '("Ansökan tas emot" and "Granska ansökan")' in note


def _views(a, b, cells: dict[tuple[str, str], tuple[float, float]]):
    """Views of ``a`` and ``b``, every step matched to its namesake by position except those
    in ``cells`` (label, score); other cells label 0, score 0.1."""
    va, vb = build_view(a), build_view(b)
    ids_a, ids_b = list(va.steps), list(vb.steps)
    loose = {x for x, _ in cells} | {y for _, y in cells}
    around = [
        Match((x,), (y,), 1.0, 1.0)
        for x, y in zip([s for s in ids_a if s not in loose], [s for s in ids_b if s not in loose], strict=True)
    ]
    lab = np.zeros((len(ids_a), len(ids_b)))
    score = np.full((len(ids_a), len(ids_b)), 0.1)
    for (x, y), (label, combined) in cells.items():
        lab[ids_a.index(x), ids_b.index(y)] = label
        score[ids_a.index(x), ids_b.index(y)] = combined
    return va, vb, lab, score, around


def _added(va, vb, lab, score, around, banned=frozenset()):
    names = [s.name for view in (va, vb) for s in view.steps.values()]
    lex = Lexicon.build(builtin_synonyms(), names, language="sv")
    found, notes = placed_pass(PassInput(va, vb, lex, ("sv", "sv"), lab, score, banned), list(around))
    assert len(notes) == len(found) - len(around)
    return [(m.a, m.b, m.confidence, m.how) for m in found if m not in around]


def test_the_pass_pairs_one_leftover_against_one() -> None:
    va, vb, lab, score, around = _views(*_pair("Ärendeöppning", "Lägg upp ärendet"), {("A1", "B1"): (0.24, 0.49)})
    assert _added(va, vb, lab, score, around) == [(("A1",), ("B1",), 0.49, PLACED)]


def test_labels_must_be_related() -> None:
    # the same place, labels under RELATED: as often a different step in the same slot as the same one
    va, vb, lab, score, around = _views(*_pair("Ärendeöppning", "Ring polisen"), {("A1", "B1"): (RELATED - 0.01, 0.49)})
    assert _added(va, vb, lab, score, around) == []


def test_a_banned_pair_is_not_placed() -> None:
    va, vb, lab, score, around = _views(*_pair("Ärendeöppning", "Lägg upp ärendet"), {("A1", "B1"): (0.24, 0.49)})
    assert _added(va, vb, lab, score, around, {("A1", "B1")}) == []


def test_two_steps_left_over_on_one_side_are_not_placed() -> None:
    a = linear([_AROUND[0], "Ärendeöppning", *_AROUND[1:]], prefix="A")
    b = linear([_AROUND[0], "Lägg upp ärendet", "Registrera ärendet", *_AROUND[1:]], prefix="B")
    va, vb, lab, score, around = _views(a, b, {("A1", "B1"): (0.24, 0.49), ("A1", "B2"): (0.24, 0.49)})
    assert _added(va, vb, lab, score, around) == []


def test_a_better_partner_elsewhere_blocks_the_pair() -> None:
    # a matched step of B elsewhere scores better with A's leftover than B's leftover does
    va, vb, lab, score, around = _views(*_pair("Ärendeöppning", "Lägg upp ärendet"), {("A1", "B1"): (0.24, 0.49)})
    score[list(va.steps).index("A1"), list(vb.steps).index("B3")] = 0.5
    assert _added(va, vb, lab, score, around) == []
    # and the same from B's side
    score[list(va.steps).index("A1"), list(vb.steps).index("B3")] = 0.1
    score[list(va.steps).index("A2"), list(vb.steps).index("B1")] = 0.5
    assert _added(va, vb, lab, score, around) == []


def test_a_task_and_an_event_are_not_placed() -> None:
    a = model(
        [("S", "start", ""), ("A0", "task", _AROUND[0]), ("A1", "task", "Ärendeöppning"), ("A2", "task", _AROUND[1]),
         ("E", "end", "")],
        chain="S A0 A1 A2 E",
    )
    b = model(
        [("S", "start", ""), ("B0", "task", _AROUND[0]), ("B1", "timer", "Ärendet öppnat", "P1D"),
         ("B2", "task", _AROUND[1]), ("E", "end", "")],
        chain="S B0 B1 B2 E",
    )
    va, vb, lab, score, around = _views(a, b, {("A1", "B1"): (0.6, 0.6)})
    assert _added(va, vb, lab, score, around) == []
    assert _placed(diff_models(a, b)) == []


def test_every_output_shows_the_lower_confidence_and_why() -> None:
    a, b = _pair("Ärendeöppning", "Lägg upp ärendet och registrera det")
    d = diff_models(a, b)
    (m,) = [m for m in d.matches if m.how == PLACED]
    confidence = f"{m.confidence:.2f}"
    text = diff_text(d)
    assert _WHY in text and f"lower confidence ({confidence})" in text
    markdown = diff_markdown(d)
    assert f"| {confidence} | placed |" in markdown and _WHY in markdown
    data = to_data(d)
    (row,) = [r for r in data["matches"] if r["how"] == PLACED]
    assert row["confidence"] == m.confidence and row["a"] == ["A1"]
    assert any(_WHY in n for n in data["notes"])
    json.dumps(data)
    html = diff_html(d, a, b)
    assert f"<td>{confidence}</td><td>placed</td>" in html and _WHY in html
