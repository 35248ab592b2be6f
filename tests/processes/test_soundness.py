"""validate's optional-path-join: a parallel join that waits for the path of a boundary event, in
small YAML models, and the sound drawings of each (no warning)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bpmn_io.loading import load_model
from processes.soundness import said_per_join, waiting_joins
from processes.validate import check

HEAD = """process: {id: P, name: Bygglov}
steps:
  - {id: S, event: start, name: Ansökan inkommen}
  - id: T
    task: user
    name: Granska ansökan
    next: J
    boundary:
      - {id: B, timer: P14D, interrupting: %s, name: Två veckor, next: R}
  - {id: R, task: send, name: Påminn sökanden, next: J}
"""
TAIL = """  - {id: E, event: end, name: Beslut}
"""


def problems(tmp_path: Path, text: str) -> list[tuple[str, str, str, int | None, str]]:
    path = tmp_path / "model.yaml"
    path.write_text(text, encoding="utf-8")
    return [(p.code, p.severity, p.element, p.line, p.message) for p in check(load_model(str(path)))]


@pytest.mark.parametrize("interrupting, kind", [("false", "non-interrupting timer"), ("true", "timer")])
def test_a_parallel_join_waiting_for_a_boundary_path_is_warned_of(tmp_path: Path, interrupting: str, kind: str) -> None:
    found = problems(tmp_path, HEAD % interrupting + "  - {id: J, gateway: parallel, name: Båda klara}\n" + TAIL)
    assert found == [(
        "optional-path-join", "warning", "J", 11,
        f"parallel join Båda klara (J) waits for a token by 'Flow_R_J', which comes only from the path of {kind} "
        "boundary event Två veckor (B) on Granska ansökan (T): cases where that event does not happen wait here "
        "forever (expected an exclusive or inclusive merge where that path meets the others)",
    )]


@pytest.mark.parametrize("merge", ["exclusive", "inclusive"])
def test_an_exclusive_or_inclusive_merge_of_a_boundary_path_is_sound(tmp_path: Path, merge: str) -> None:
    assert problems(tmp_path, HEAD % "false" + f"  - {{id: J, gateway: {merge}, name: Båda klara}}\n" + TAIL) == []


def test_a_boundary_path_that_ends_on_its_own_is_sound(tmp_path: Path) -> None:
    text = (HEAD % "false").replace("next: J\n", "next: E\n").replace("next: J}", "next: E2}")
    assert problems(tmp_path, text + TAIL + "  - {id: E2, event: end, name: Påminnelse skickad}\n") == []


def test_a_parallel_block_inside_a_boundary_path_is_sound(tmp_path: Path) -> None:
    """Every input of the join comes after the event: the join is inside its path, and does not wait for it."""
    text = """process: {id: P}
steps:
  - {id: S, event: start}
  - id: T
    task: user
    next: E
    boundary:
      - {id: B, trigger: message, interrupting: false, next: Fork}
  - id: Fork
    join: {id: J}
    parallel:
      - - {id: A, task: user}
      - - {id: C, task: user}
  - {id: E2, event: end}
  - {id: E, event: end}
"""
    assert [p[:3] for p in problems(tmp_path, text)] == []


def test_the_example_models_reminder_path_is_sound() -> None:
    """examples/permit.yaml: a non-interrupting timer on a consultation inside a parallel block, its path ends alone."""
    example = Path(__file__).resolve().parents[2] / "examples" / "permit.yaml"
    assert [p for p in check(load_model(str(example))) if p.code == "optional-path-join"] == []


CHOICE = """process: {id: P}
steps:
  - {id: S, event: start}
  - id: X
    gateway: exclusive
    branches: {ja: A, nej: C}
  - {id: A, task: user, next: J}
%(C)s  - {id: J, gateway: %(J)s}
  - {id: E, event: end}
%(tail)s"""


@pytest.mark.parametrize("c_steps, tail", [
    pytest.param("  - {id: C, task: user, next: J}\n", "", id="straight"),
    # 'nej' reaches the join by another input, and may also end at Out: xor-split-and-join alone says it
    pytest.param("  - {id: C, task: user, next: Y}\n  - id: Y\n    gateway: exclusive\n    branches: [J, Out]\n",
                 "  - {id: Out, event: end}\n", id="classic-said-once"),
])
def test_an_exclusive_choice_into_a_parallel_join_is_an_error(tmp_path: Path, c_steps: str, tail: str) -> None:
    text = CHOICE % {"C": c_steps, "J": "parallel", "tail": tail}
    assert [p[:3] for p in problems(tmp_path, text)] == [("xor-split-and-join", "error", "J")]
    assert problems(tmp_path, CHOICE % {"C": c_steps, "J": "exclusive", "tail": tail}) == []


BLOCK = """process: {id: P}
steps:
  - {id: S, event: start}
  - id: Fork
    join: {id: J, name: Klart}
    parallel:
      - - {id: A, task: user, name: Remiss}
      - - {id: K, task: user, name: Kontroll}
        - id: X
          gateway: %s
          name: Godkänd?
          branches: {ja: Y, nej: Stop}
        - {id: Y, task: user, name: Registrera}
  - {id: E, event: end}
  - {id: Stop, event: end, name: Avvisad}
"""


@pytest.mark.parametrize("gateway, kind", [("exclusive", "exclusive"), ("event-based", "event-based")])
def test_a_choice_inside_a_parallel_block_whose_other_branch_ends_is_warned_of(
        tmp_path: Path, gateway: str, kind: str) -> None:
    """The deadlock xor-split-and-join does not see: 'nej' ends the case's path, and J waits for Y forever."""
    text = BLOCK % gateway
    if gateway == "event-based":  # an event-based gateway's branches are catch events
        text = text.replace("branches: {ja: Y, nej: Stop}", "branches: [Msg, Tmr]").replace(
            "        - {id: Y, task: user, name: Registrera}\n",
            "        - {id: Msg, event: catch, trigger: message}\n        - {id: Y, task: user, name: Registrera}\n")
        text += "  - {id: Tmr, event: catch, timer: P30D, next: Stop}\n"
    found = problems(tmp_path, text)
    assert [p[:3] for p in found] == [("optional-path-join", "warning", "J")]
    assert f"which comes only from branch 'Flow_X_{'Msg' if gateway == 'event-based' else 'Y'}' of {kind} gateway " \
           "Godkänd? (X): cases where that branch is not taken wait here forever" in found[0][4]


def test_a_choice_that_loops_back_before_the_join_is_sound(tmp_path: Path) -> None:
    """'nej' sends the case back to Kontroll: it comes round to 'ja' in the end (no end without it)."""
    text = (BLOCK % "exclusive").replace("nej: Stop", "nej: K").replace("  - {id: Stop, event: end, name: Avvisad}\n", "")
    assert problems(tmp_path, text) == []


INCLUSIVE = """process: {id: P}
steps:
  - {id: S, event: start}
  - id: I
    gateway: inclusive
    name: Remisser
    branches: [A, C]
  - {id: A, task: user, name: Polisen, next: J}
  - {id: C, task: user, name: Räddningstjänsten, next: J}
  - {id: J, gateway: %s, name: Svar inne}
  - {id: E, event: end}
"""


def test_an_inclusive_split_into_a_parallel_join_is_warned_of_per_branch(tmp_path: Path) -> None:
    found = problems(tmp_path, INCLUSIVE % "parallel")
    assert [p[:3] for p in found] == [("optional-path-join", "warning", "J")] * 2
    assert "which comes only from branch 'Flow_I_A' of inclusive gateway Remisser (I): cases where that branch is " \
           "not taken wait here forever (expected an exclusive or inclusive merge" in found[0][4]


def test_an_inclusive_split_into_an_inclusive_join_is_sound(tmp_path: Path) -> None:
    assert problems(tmp_path, INCLUSIVE % "inclusive") == []


def test_a_parallel_block_is_sound(tmp_path: Path) -> None:
    assert problems(tmp_path, (INCLUSIVE % "parallel").replace("gateway: inclusive", "gateway: parallel")) == []


def test_the_paths_a_join_waits_for_are_said_in_one_line(tmp_path: Path) -> None:
    """What simulate and run say before the run: one line for the join, each path in it."""
    path = tmp_path / "model.yaml"
    path.write_text(INCLUSIVE % "parallel", encoding="utf-8")
    process = load_model(str(path)).processes[0]
    assert said_per_join(process, waiting_joins(process)) == [(
        "J", "parallel join Svar inne (J) waits for tokens that come only from paths that run in some cases: "
             "branch 'Flow_I_A' of inclusive gateway Remisser (I) (by 'Flow_A_J'); branch 'Flow_I_C' of inclusive "
             "gateway Remisser (I) (by 'Flow_C_J'): cases without one of them wait here forever (expected an "
             "exclusive or inclusive merge where those paths meet the others)")]


LEFT = """process: {id: P}
steps:
  - {id: S, event: start}
  - id: Fork
    join: {id: J, name: Bokat}
    parallel:
      - - id: F
          task: service
          name: Boka flyg
          boundary:
            - {id: BF, trigger: error, interrupting: %s, name: Flyg, next: CF}
      - - {id: H, task: service, name: Boka hotell}
  - {id: E, event: end}
  - {id: CF, task: service, name: Avboka flyg, next: Stop}
  - {id: Stop, event: end%s}
"""


def test_a_join_whose_input_an_interrupting_boundary_event_leads_away_from_is_warned_of(tmp_path: Path) -> None:
    """Cardanit's MIWG C.6.0 export: when Flyg fires, the case leaves Boka flyg by Avboka flyg, which never comes
    to J; Boka hotell's token waits at J forever. One line names the join and the boundary event."""
    assert problems(tmp_path, LEFT % ("true", "")) == [(
        "optional-path-join", "warning", "J", 5,
        "parallel join Bokat (J) waits for a token by 'Flow_F_J', which comes only from Boka flyg (F) when it ends "
        "normally (its error boundary event Flyg (BF) leads by a path that never comes to the join): cases where "
        "that event fires wait here forever (expected the boundary event's path to come to the join too (by an "
        "exclusive merge) or to end the scope)",
    )]


@pytest.mark.parametrize("interrupting, end", [("false", ""), ("true", ", trigger: terminate")])
def test_a_boundary_event_that_does_not_lead_away_or_whose_path_ends_the_scope_is_sound(
        tmp_path: Path, interrupting: str, end: str) -> None:
    """Non-interrupting, Boka flyg still goes on to J; a terminate end after Avboka flyg ends the case's J with it."""
    assert [p[:3] for p in problems(tmp_path, LEFT % (interrupting, end))] == []
