"""A coarse investigation step that names its parts in brackets is also paired with the part the
other model draws apart (namedparts.py; bench/RESULTS-matching.md "Branch many83", sv-r20 p74,
sv-r21 p76/p78): the one step in two correspondences."""

from __future__ import annotations

from diffbuilders import model

from processes.diff import diff_models
from processes.diff.matchtypes import Match, first_units
from processes.diff.namedparts import coarse_portions
from processes.diff.result import ModelDiff
from processes.diff.synonyms import builtin_synonyms
from processes.diff.text import Lexicon
from processes.model import Definitions


def _pairs(d: ModelDiff) -> set[tuple[str, str]]:
    return {(x, y) for m in d.matches for x in m.a for y in m.b}


def _fine(investigation: str) -> Definitions:
    """The test and the investigation drawn as two steps (p78's a)."""
    nodes = [
        ("S", "start", "Ansökan registrerad"), ("K", "userTask", "Kunskapsprov"),
        ("R", "sendTask", "Remiss till Polismyndigheten"), ("U", "userTask", investigation), ("D", "userTask", "Beslut i individutskottet"),
        ("X", "sendTask", "Expediering av beslut och tillståndsbevis"), ("E", "end", "Beslut expedierat"),
    ]  # fmt: skip
    return model(nodes, chain="S K R U D X E")


def _coarse(bracket: str = "kunskapsprov m.m.") -> Definitions:
    """One investigation step that names the test in brackets (p78's b)."""
    nodes = [
        ("S", "start", "Ansökan inkommen"), ("R", "sendTask", "Remiss till Polisen"),
        ("U", "userTask", f"Utredning ({bracket})"),
        ("T", "userTask", "Tjänsteskrivelse till nämnden"), ("D", "userTask", "Beslut på socialnämndens sammanträde"),
        ("X", "sendTask", "Expediera beslutet till sökanden"), ("E", "end", "Ärendet arkiverat"),
    ]  # fmt: skip
    return model(nodes, chain="S R U T D X E")


def test_the_coarse_step_is_paired_with_the_test_and_with_the_investigation() -> None:
    d = diff_models(_fine("Utredning av lämplighet och serveringsställe"), _coarse(), a_name="A", b_name="B")
    assert ("K", "U") in _pairs(d)
    assert ("U", "U") in _pairs(d)
    assert sum("U" in m.b for m in d.matches) == 2
    assert not any(u.side == "a" and u.step == "U" for u in d.uncertain)
    assert any("names its parts in brackets" in n for n in d.notes)


def test_without_the_part_in_brackets_the_step_is_paired_once() -> None:
    d = diff_models(
        _fine("Utredning av lämplighet och serveringsställe"), _coarse("digitalt"), a_name="A", b_name="B"
    )
    assert sum("U" in m.b for m in d.matches) <= 1
    assert not any("names its parts in brackets" in n for n in d.notes)


def _review_and_report() -> Definitions:
    """The conduct and finance review and a report step that names the investigation (p76's a)."""
    nodes = [
        ("S", "start", "Ansökan in"), ("V", "userTask", "Vandelsprövning och ekonomisk prövning (PBI)"),
        ("R", "sendTask", "Remiss till Polismyndigheten"), ("W", "userTask", "Skriva utredning och tjänsteskrivelse till AU"),
        ("D", "userTask", "Beslut i AU"), ("E", "end", "Ärendet avslutat"),
    ]  # fmt: skip
    return model(nodes, chain="S V R W D E")


def _assessment() -> Definitions:
    """One investigation naming the review in brackets, then the report (p76's b)."""
    nodes = [
        ("S", "start", "Ansökan inkommen"), ("R", "sendTask", "Remiss till Polisen"),
        ("U", "userTask", "Utredning + bedömning (vandel, ekonomi, lokal, olägenheter)"),
        ("T", "userTask", "Tjänsteskrivelse till IU"), ("D", "userTask", "Beslut i IU"), ("E", "end", "Klart"),
    ]  # fmt: skip
    return model(nodes, chain="S R U T D E")


def test_the_coarse_step_joins_the_report_that_names_the_investigation() -> None:
    d = diff_models(_review_and_report(), _assessment(), a_name="A", b_name="B")
    assert ("V", "U") in _pairs(d)
    assert {("W", "T"), ("W", "U")} <= _pairs(d)
    assert sum("U" in m.b for m in d.matches) == 2
    joined = next(m for m in d.matches if "W" in m.a)
    assert (joined.a, joined.b, joined.how) == (("W",), ("U", "T"), "grouped")
    # the review's correspondence comes first: the flow differences read U there
    assert [m.a for m in d.matches].index(("V",)) < [m.a for m in d.matches].index(("W",))


def test_a_bracket_of_bodies_after_no_investigation_is_no_list_of_parts() -> None:
    lex = Lexicon.build(
        builtin_synonyms(), ["Skicka remisser (Polisen, Skatteverket)", "Utredning (kunskapsprov m.m.)"]
    )
    assert coarse_portions(lex, "Skicka remisser (Polisen, Skatteverket)", "sv") is None
    head, parts = coarse_portions(lex, "Utredning (kunskapsprov m.m.)", "sv") or ((), ())
    assert set(head) == set(lex.terms("Utredning", "sv"))
    assert set(lex.terms("kunskapsprov", "sv")) <= set(parts)


def test_a_step_in_two_correspondences_counts_once_for_the_flow_and_the_similarity() -> None:
    first, second = Match(("K",), ("U",), 0.6, 0.5), Match(("V",), ("U",), 0.4, 0.3)
    assert first_units([first, second]) == (first,)
    grown = Match(("T",), ("T", "U"), 0.5, 0.4, "grouped")
    assert first_units([first, grown]) == (first, Match(("T",), ("T",), 0.5, 0.4, "grouped"))
    with_rule = diff_models(
        _fine("Utredning av lämplighet och serveringsställe"), _coarse(), a_name="A", b_name="B"
    )
    assert [x.a for x in with_rule.differences if x.kind == "only_in_a"] == []
