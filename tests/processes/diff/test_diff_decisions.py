"""A user's match decisions (confirm / reject) are honoured; bad files give one clear line."""

from __future__ import annotations

import pytest
from diffbuilders import linear

from processes.diff import diff_models, parse_decisions
from processes.errors import InputError

A = linear(["Granska ansökan", "Platsbesök", "Beslut"], prefix="A")
B = linear(["Granska ansökan", "Besök hos restaurangen", "Beslut"], prefix="B")


def pairs(d):
    return [(m.a, m.b, m.how) for m in d.matches]


def test_without_decisions_an_unlike_label_stays_unmatched() -> None:
    d = diff_models(A, B)
    assert ("A1",) not in [m.a for m in d.matches]
    assert [x.key()[:3] for x in d.differences] == [("only_in_a", ("A1",), ()), ("only_in_b", (), ("B1",))]


def test_a_confirmed_pair_is_matched_and_a_rejected_one_is_not() -> None:
    decisions = parse_decisions(
        "confirm:\n  - {a: A1, b: B1}\nreject:\n  - {a: A2, b: B2}\n", source="m.yaml"
    )
    d = diff_models(A, B, decisions=decisions)
    assert (("A1",), ("B1",), "confirmed") in pairs(d)
    assert all(m.a != ("A2",) for m in d.matches)
    assert [x.kind for x in d.differences] == ["only_in_a", "only_in_b"]


def test_decisions_written_for_b_versus_a_serve_a_versus_b_and_scoped_ones_only_their_pair() -> None:
    flipped = parse_decisions("confirm:\n  - {a: B1, b: A1}\n")
    assert (("A1",), ("B1",), "confirmed") in pairs(diff_models(A, B, decisions=flipped))
    scoped = parse_decisions("confirm:\n  - {a: A1, b: B1, models: [x, y]}\n")
    d = diff_models(A, B, a_name="A", b_name="B", decisions=scoped)
    assert (("A1",), ("B1",), "confirmed") not in pairs(d)
    assert d.notes == (
        "match decision a=['A1'] b=['B1'] models=['x', 'y'] names elements not in these two models; not used",
    )


@pytest.mark.parametrize(
    "text,message",
    [
        (
            "confirm: [{a: A1}]",
            "m.yaml: confirm[0]: expected {a: ID or [IDs], b: ID or [IDs], models: [A, B] "
            "(optional)}, got {'a': 'A1'}",
        ),
        (
            "confirm: [{a: A1, b: []}]",
            "m.yaml: confirm[0].b: expected an element id or a list of ids, got []",
        ),
        ("accept: []", "m.yaml: unknown key 'accept' (expected schema_version, confirm, reject)"),
        (
            "reject: [{a: A, b: B, models: [x]}]",
            "m.yaml: reject[0].models: models must name exactly two models, got ['x']",
        ),
    ],
)
def test_bad_decision_files(text: str, message: str) -> None:
    with pytest.raises(InputError) as err:
        parse_decisions(text, source="m.yaml")
    assert str(err.value) == message
