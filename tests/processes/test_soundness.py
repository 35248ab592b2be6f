"""validate's boundary-path-join: a parallel join that waits for the path of a boundary event, in
small YAML models, and the sound drawings of each (no warning)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bpmn_io.loading import load_model
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
        "boundary-path-join", "warning", "J", 11,
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
    assert [p for p in check(load_model(str(example))) if p.code == "boundary-path-join"] == []


def test_an_exclusive_choice_into_a_parallel_join_is_an_error(tmp_path: Path) -> None:
    text = """process: {id: P}
steps:
  - {id: S, event: start}
  - id: X
    gateway: exclusive
    branches: {ja: A, nej: C}
  - {id: A, task: user, next: J}
  - {id: C, task: user, next: J}
  - {id: J, gateway: parallel}
  - {id: E, event: end}
"""
    assert [p[:3] for p in problems(tmp_path, text)] == [("xor-split-and-join", "error", "J")]
    sound = text.replace("{id: J, gateway: parallel}", "{id: J, gateway: exclusive}")
    assert problems(tmp_path, sound) == []
