"""``discover`` puts each step in the lane of who did it, where the log names people or roles.

It put every step, the committee's decision included, in one lane ("Staff") and so one pool. The hand-made
log: six cases, each registered by anna, then waiting for an answer no row names anyone for ("none"), then
reviewed by bo (four cases) or cia (two), then decided by nämnden. bo and cia do the same work (their rows'
shares over the activities correlate by 1), so they share a lane; anna and nämnden do other work (correlation
-1/3).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from bpmn_io.reader import read_bpmn
from cli import cli

pytest.importorskip("pm4py")


def _log(folder: Path, *, resources: bool = True, bo_registers: bool = False) -> Path:
    rows = ["case;activity;timestamp;resource"]
    for i in range(6):
        day = 6 + i  # January 2025
        registrar = "bo" if bo_registers and i == 5 else "anna"
        # the wait's rows name no one: "none", as permitflow's own logs write it
        who = (registrar, "none", "bo" if i < 4 else "cia", "nämnden") if resources else ("", "", "", "")
        steps = (("Registrera", 9), ("Invänta svar", 10 + 24 * (1 + i % 3)), ("Granska", 14 + 24 * 4),
                 ("Besluta", 13 + 24 * 7))
        for (activity, hours), person in zip(steps, who, strict=True):
            rows.append(f"C{i};{activity};2025-01-{day + hours // 24:02d} {hours % 24:02d}:00;{person}")
    path = folder / "log.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def _lanes(folder: Path, log: Path, *extra: str) -> dict[str, list[str]]:
    done = CliRunner().invoke(cli, ["discover", str(log), "-o", str(folder / "m.bpmn"), *extra])
    assert done.exit_code == 0, done.output
    process = read_bpmn(folder / "m.bpmn").process()
    return {lane.name: sorted(process.nodes[n].name or type(process.nodes[n]).__name__
                              for n in lane.flow_node_refs)
            for lane in process.lanes()}


def test_steps_go_to_the_lane_of_the_people_who_did_them(tmp_path) -> None:
    lanes = _lanes(tmp_path, _log(tmp_path))
    assert list(lanes) == ["anna", "bo and cia", "nämnden", "Not named in the log"]
    assert lanes["anna"] == ["Event", "Registrera"]  # the start event beside the first step
    assert lanes["bo and cia"] == ["Granska"]
    assert lanes["nämnden"] == ["Besluta", "Event"]  # the end event beside the last
    assert lanes["Not named in the log"] == ["Invänta svar"]


def test_each_lane_of_people_is_a_pool_and_the_unnamed_step_an_external_wait(tmp_path) -> None:
    _lanes(tmp_path, _log(tmp_path), "--profile-out", str(tmp_path / "p.yaml"))
    sim = yaml.safe_load((tmp_path / "p.yaml").read_text(encoding="utf-8"))["simulation"]
    assert {name: pool["lanes"] for name, pool in sim["pools"].items()} == {
        "staff_Lane_anna": ["Lane_anna"], "staff_Lane_bo_and_cia": ["Lane_bo_and_cia"],
        "staff_Lane_n_mnden": ["Lane_n_mnden"]}
    assert sim["pools"]["staff_Lane_bo_and_cia"]["count"] == 2
    assert "delay" in sim["elements"]["Task_Inv_nta_svar"]
    assert "no row names who did it" in sim["elements"]["Task_Inv_nta_svar"]["note"]


def test_lanes_that_share_a_person_are_one_lane(tmp_path) -> None:
    """bo registers one case of six as well: a pool of each lane would count him twice, so the two are one
    lane."""
    lanes = _lanes(tmp_path, _log(tmp_path, bo_registers=True))
    assert list(lanes) == ["anna, bo and 1 more", "nämnden", "Not named in the log"]
    assert lanes["anna, bo and 1 more"] == ["Event", "Granska", "Registrera"]


def test_a_log_that_names_no_one_keeps_one_lane(tmp_path) -> None:
    lanes = _lanes(tmp_path, _log(tmp_path, resources=False))
    assert list(lanes) == ["Staff"]
    assert lanes["Staff"] == ["Besluta", "Event", "Event", "Granska", "Invänta svar", "Registrera"]
