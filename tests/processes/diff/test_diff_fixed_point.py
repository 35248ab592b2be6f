"""Confirming what the matcher found changes nothing: ``permitflow diff A B --save-matches m.yaml``, then
``permitflow diff A B --matches m.yaml`` with the file unchanged, gives the same pairs, uncertain steps and
candidates, "only in" lists, differences and similarity scores; only ``how`` says "confirmed". The same for
a file that also rejects pairs: saved and read again, the rejected pairs stay rejected and nothing else
changes. Over the development pairs of bench/matching (sv p1-p39, p56-p83, p88-p91; en e1-e3) and the
library's pairs through the command line."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from bpmn_io.loading import load_model
from cli import cli
from processes.diff import NO_DECISIONS, decisions_yaml, diff_models, parse_decisions, to_data
from processes.diff.decisions import Decision, MatchDecisions
from processes.diff.result import ModelDiff
from processes.model import Definitions

BENCH = Path(__file__).resolve().parents[3] / "bench" / "matching"
DEVELOPMENT = [
    *(BENCH / "sv" / f"p{k}" for k in (*range(1, 40), *range(56, 84), *range(88, 92))),
    *(BENCH / "en" / f"e{k}" for k in range(1, 4)),
]
LIBRARY = ["angelholm", "astorp", "bjuv", "helsingborg", "hoganas", "klippan", "landskrona",
           "national-reference", "orkelljunga", "svalov"]


def _without_how(data: object) -> object:
    """``data`` (a diff's JSON) with every match's ``how`` left out: the one thing a confirmation may change."""
    if isinstance(data, dict):
        return {k: _without_how(v) for k, v in data.items() if k != "how"}
    if isinstance(data, list):
        return [_without_how(v) for v in data]
    return data


def _round_trip(a: Definitions, b: Definitions, decisions: MatchDecisions = NO_DECISIONS) -> tuple[ModelDiff, ModelDiff]:
    """The diff of ``a`` and ``b`` with ``decisions``, and again with the file it saves."""
    first = diff_models(a, b, a_name="a", b_name="b", decisions=decisions)
    saved = parse_decisions(decisions_yaml(first), source="m.yaml")
    return first, diff_models(a, b, a_name="a", b_name="b", decisions=saved)


@pytest.mark.parametrize("folder", DEVELOPMENT, ids=lambda p: p.name)
def test_confirming_the_pairs_found_changes_nothing_but_how(folder: Path) -> None:
    a, b = load_model(folder / "a.yaml"), load_model(folder / "b.yaml")
    first, again = _round_trip(a, b)
    assert [m.how for m in again.matches] == ["confirmed"] * len(first.matches)
    assert _without_how(to_data(again)) == _without_how(to_data(first))


@pytest.mark.parametrize("folder", DEVELOPMENT, ids=lambda p: p.name)
def test_a_rejected_pair_stays_rejected_when_saved_and_read_again(folder: Path) -> None:
    a, b = load_model(folder / "a.yaml"), load_model(folder / "b.yaml")
    found = diff_models(a, b, a_name="a", b_name="b")
    if not found.matches:
        pytest.skip("no pair to reject")
    wrong = found.matches[len(found.matches) // 2]
    first, again = _round_trip(a, b, MatchDecisions(reject=(Decision(wrong.a, wrong.b),)))
    assert first.rejected == again.rejected == ((wrong.a, wrong.b),)
    assert (wrong.a, wrong.b) not in [(m.a, m.b) for m in again.matches]
    assert [m.how for m in again.matches] == ["confirmed"] * len(first.matches)
    assert _without_how(to_data(again)) == _without_how(to_data(first))


def _cli_json(*args: str) -> object:
    result = CliRunner().invoke(cli, ["diff", *args, "--format", "json"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


@pytest.mark.parametrize("pair", list(itertools.combinations(LIBRARY, 2)), ids="-".join)
def test_the_library_pairs_come_back_the_same_from_their_saved_matches(pair: tuple[str, str], tmp_path: Path) -> None:
    saved = tmp_path / "m.yaml"
    first = _cli_json(*pair, "--save-matches", str(saved))
    again = _cli_json(*pair, "--matches", str(saved))
    assert {m["how"] for m in again["matches"]} <= {"confirmed"}  # type: ignore[index]
    assert _without_how(again) == _without_how(first)


def test_beside_a_pair_it_did_not_find_a_confirmed_pair_the_matcher_finds_keeps_its_confidence() -> None:
    a, b = load_model(BENCH / "sv" / "p8" / "a.yaml"), load_model(BENCH / "sv" / "p8" / "b.yaml")
    found = diff_models(a, b)
    u = found.uncertain[0]
    new: tuple[tuple[str, ...], tuple[str, ...]] = ((u.step,), u.candidates[0].ids)
    new = new if u.side == "a" else (new[1], new[0])
    kept = next(m for m in found.matches if m.confidence < 1)
    d = diff_models(a, b, decisions=MatchDecisions((Decision(kept.a, kept.b), Decision(*new))))
    confirmed = {(m.a, m.b): (m.confidence, m.label) for m in d.matches if m.how == "confirmed"}
    assert confirmed[(kept.a, kept.b)] == (kept.confidence, kept.label)  # it was 1.0
    assert confirmed[new][0] == 1.0  # a pair the matcher does not make: 1, as before
