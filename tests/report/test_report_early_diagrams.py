"""A run's process diagrams (with the first points' waiting badges) are drawn while its other units run
(report.build.EarlyPlots, report.html.diagram_svgs) and taken by the report when the model and badges
are the same: serial work off the end of the run (goal 7 of issue 16), the same report bytes."""

from __future__ import annotations

import shutil
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import pytest

import report.html
from processes.model import Definitions
from report.html import _diagrams, diagram_svgs, parsed_processes

FIXTURES = Path(__file__).resolve().parents[1] / "scenarios" / "fixtures"


def test_the_diagrams_drawn_during_the_run_are_the_reports(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from report.build import EarlyPlots, write_run
    from scenarios.loader import read_any
    from scenarios.road import execute, prepare

    for name in ("mini.bpmn", "mini.yaml"):
        shutil.copy(FIXTURES / name, tmp_path / name)
    (tmp_path / "s.yaml").write_text(
        "name: s\nbase: {bpmn: mini.bpmn, profile: mini.yaml}\nreplications: 3\nhorizon: 8w\n"
        "sweep:\n  simulation.pools.officer.count: [1, 2]\n", encoding="utf-8")
    plan = prepare(read_any([tmp_path / "s.yaml"]))
    write_run(tmp_path / "here", execute(plan), diff_section=lambda names: "")
    drawn: list[str] = []
    inner = report.html._diagram_svg

    def counted(defs: Any, badges: dict[str, str]) -> str:
        drawn.append(defs.processes[0].id)
        return inner(defs, badges)

    monkeypatch.setattr(report.html, "_diagram_svg", counted)
    with ProcessPoolExecutor(2) as pool:
        early = EarlyPlots(tmp_path / "pool", plan.study)
        early.executor = pool
        batch = execute(plan, executor=pool, workers=2, chunk=1, point_done=early.point)
        assert len(drawn) == 1 and early.diagrams is not None and set(early.diagrams) == {"mini"}
        write_run(tmp_path / "pool", batch, executor=pool, diff_section=lambda names: "", early=early)
    assert len(drawn) == 1  # not drawn again for the report
    for name in ("report.html", "summary.json"):
        assert (tmp_path / "here" / name).read_bytes() == (tmp_path / "pool" / name).read_bytes(), name


def test_a_diagram_drawn_with_other_badges_is_drawn_again() -> None:
    text = (FIXTURES / "mini.bpmn").read_text(encoding="utf-8")
    parsed = parsed_processes({"mini": text})
    defs = parsed["mini"]
    assert isinstance(defs, Definitions)
    element = next(iter(defs.processes[0].nodes))
    figures = {f"mini/wait_days.{element}": {"mean": 3.0, "ci": [2.0, 4.0]}}
    waits: dict[str, Any] = {"scenarios": [{"name": "s", "members": ["mini"], "points": [{"figures": figures}]}]}
    doc: dict[str, Any] = {"scenarios": [{"name": "s", "members": ["mini"], "points": [{"figures": {}}]}]}
    early = diagram_svgs(waits, parsed)
    fresh = _diagrams(doc, {"mini": text}, parsed)[0]["svg"]
    assert early["mini"][2] != fresh  # the badge it drew is not in this document
    assert _diagrams(doc, {"mini": text}, parsed, drawn=early)[0]["svg"] == fresh
    same = {"mini": (defs, early["mini"][1], "kept")}
    assert _diagrams(waits, {"mini": text}, parsed, drawn=same)[0]["svg"] == "kept"
    other = parsed_processes({"mini": text})  # the same text parsed again: another model object
    assert _diagrams(waits, {"mini": text}, other, drawn=same)[0]["svg"] == early["mini"][2]
