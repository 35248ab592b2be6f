"""A start event and an end event are never one correspondence (startend.py; bench/RESULTS-matching.md
"Branch many111"): a small model's early refusal "Ansökan avslagen" was grouped with its start "Ansökan
inkommen" against the other model's start "Ny ansökan"."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from bpmn_io.loading import load_model
from processes.diff import diff_models, parse_decisions
from processes.diff.core import lexicon_for, prepare
from processes.diff.matching import pair_scores
from processes.diff.matchtypes import Match, PassInput
from processes.diff.startend import endpoint_events, refuse_start_with_end, start_end_cells
from processes.model import Definitions

MODELS = Path(__file__).parent / "startend"


def _refusal() -> Definitions:
    return load_model(MODELS / "refusal.yaml")


def _plain() -> Definitions:
    return load_model(MODELS / "plain.yaml")


def _given() -> PassInput:
    ca, cb = prepare(_refusal(), "A"), prepare(_plain(), "B")
    lex = lexicon_for((ca, cb))
    score, lab = pair_scores(ca.view, cb.view, lex, lang_a="sv", lang_b="sv")
    return PassInput(ca.view, cb.view, lex, ("sv", "sv"), lab, score)


def _guard(before: list[Match], after: list[Match]) -> list[Match]:
    given = _given()
    ends = (endpoint_events(given.a.steps), endpoint_events(given.b.steps))
    return refuse_start_with_end(given, ends, before, after)


def test_the_early_refusal_does_not_join_the_starts() -> None:
    d = diff_models(_refusal(), _plain())
    pairs = {(m.a, m.b) for m in d.matches}
    # on main: (("a_start", "a_reject"), ("b_start",)), grouped by the attach pass
    assert not [m for m in d.matches if "a_reject" in m.a]
    assert (("a_start",), ("b_start",)) in pairs
    assert (("a_check",), ("b_check",)) in pairs
    assert (("a_end",), ("b_end",)) in pairs
    # the refused end event is left over: the other model draws no early refusal
    assert [(x.kind, x.a) for x in d.differences if x.kind == "only_in_a"] == [("only_in_a", ("a_reject",))]


def test_the_endpoint_events_and_the_cells_the_assignment_leaves_closed() -> None:
    given = _given()
    assert endpoint_events(given.a.steps) == {"a_start": "start", "a_reject": "end", "a_end": "end"}
    cells = start_end_cells(list(given.a.steps.values()), list(given.b.steps.values()))
    ia, ib = list(given.a.steps).index, list(given.b.steps).index
    assert cells[ia("a_reject"), ib("b_start")] and cells[ia("a_start"), ib("b_end")]
    assert not cells[ia("a_start"), ib("b_start")] and not cells[ia("a_end"), ib("b_end")]
    assert not cells[ia("a_check"), :].any()
    assert int(np.count_nonzero(cells)) == 3  # a's start x b's end, a's two ends x b's start


def test_a_grown_correspondence_loses_the_end_event_the_pass_added_and_keeps_the_rest() -> None:
    start = Match(("a_start",), ("b_start",), 0.8, 0.5)
    end = Match(("a_end",), ("b_end",), 0.8, 0.5)
    # a pass that added a task and the early refusal to the starts' correspondence
    grown = Match(("a_start", "a_check", "a_reject"), ("b_start",), 0.6, 0.4, "grouped")
    out = _guard([start, end], [grown, end])
    assert [(m.a, m.b, m.confidence, m.how) for m in out] == [
        (("a_start", "a_check"), ("b_start",), 0.6, "grouped"),
        (("a_end",), ("b_end",), 0.8, "auto"),
    ]
    assert 0.0 < out[0].label < 1.0  # the pooled labels of what it holds now


def test_a_grown_correspondence_that_only_gained_the_end_event_is_what_it_was() -> None:
    start = Match(("a_start",), ("b_start",), 0.8, 0.5)
    out = _guard([start], [Match(("a_start", "a_reject"), ("b_start",), 0.6, 0.4, "grouped")])
    assert out == [start]


def test_a_correspondence_formed_anew_is_dropped_and_what_it_replaced_comes_back() -> None:
    start = Match(("a_start",), ("b_start",), 0.8, 0.5)
    end = Match(("a_end",), ("b_end",), 0.8, 0.5)
    # a pass that took both apart and paired the refusal with b's start (and a's start with nothing)
    formed = Match(("a_reject",), ("b_start",), 0.5, 0.5)
    assert _guard([start, end], [end, formed]) == [end, start]
    # one to one across the sides: a start against an end
    assert _guard([], [Match(("a_start",), ("b_end",), 0.5, 0.5)]) == []


def test_what_the_pass_handed_on_and_what_a_person_confirmed_stand() -> None:
    joined = Match(("a_start", "a_reject"), ("b_start",), 0.6, 0.4, "grouped")
    assert _guard([joined], [joined]) == [joined]  # (not the pass's doing)
    confirmed = Match(("a_start", "a_reject"), ("b_start",), 1.0, 0.4, "confirmed")
    assert _guard([], [confirmed]) == [confirmed]


def test_a_confirmed_group_of_a_start_and_an_end_stands() -> None:
    decisions = parse_decisions(b"confirm:\n  - {a: [a_start, a_reject], b: b_start}\n", source="m.yaml")
    d = diff_models(_refusal(), _plain(), decisions=decisions)
    assert [(m.a, m.b, m.how) for m in d.matches if "a_reject" in m.a] == [
        (("a_start", "a_reject"), ("b_start",), "confirmed")
    ]


@pytest.mark.parametrize("swap", [False, True])
def test_either_model_may_hold_the_refusal(swap: bool) -> None:
    a, b = (_plain(), _refusal()) if swap else (_refusal(), _plain())
    d = diff_models(a, b)
    for m in d.matches:
        ids = m.b if swap else m.a
        assert not ("a_reject" in ids and "a_start" in ids)
