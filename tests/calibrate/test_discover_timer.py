"""A boundary timer's firing in a log (permitflow's own ``Timer_Paminnelse``, a municipality's "Svarstiden
ute") comes out of ``discover`` as a timer event, not a task.

It was a task: every row of a firing takes no time (start = end), so its work was fitted from no value ("fixed
mean 0 h, n=0") and the wait before it was lost. The hand-made log: six cases registered on weekdays, three of
them reminded: the timer fires 10 days after the registration (a row whose start is its end) and a reminder is
sent; every case is decided two days after its last step.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from bpmn_io.reader import read_bpmn
from cli import cli

pytest.importorskip("pm4py")


def _log(folder: Path) -> Path:
    rows = ["case;activity;start;end;resource"]
    for i in range(6):
        day = 6 + i  # January 2025
        rows.append(f"C{i};Registrera;2025-01-{day:02d} 09:00;2025-01-{day:02d} 10:00;anna")
        last = day
        if i % 2 == 0:
            fired = day + 10
            rows.append(f"C{i};Svarstiden ute;2025-01-{fired:02d} 10:00;2025-01-{fired:02d} 10:00;")
            rows.append(f"C{i};Skicka påminnelse;2025-01-{fired:02d} 10:00;2025-01-{fired:02d} 10:30;anna")
            last = fired
        rows.append(f"C{i};Besluta;2025-01-{last + 2:02d} 09:00;2025-01-{last + 2:02d} 11:00;bo")
    path = folder / "log.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_a_timers_firing_is_discovered_as_a_timer_event_and_its_wait_fitted(tmp_path) -> None:
    log = _log(tmp_path)
    args = ["discover", str(log), "-o", str(tmp_path / "m.bpmn"), "--profile-out", str(tmp_path / "p.yaml")]
    done = CliRunner().invoke(cli, args)
    assert done.exit_code == 0, done.output
    assert "model: 3 tasks, 1 timer event, " in done.output
    process = read_bpmn(tmp_path / "m.bpmn").process()
    named = {n.name: n for n in process.nodes.values() if n.name}
    timer = named["Svarstiden ute"]
    assert type(timer).__name__ == "Event" and timer.position == "intermediate_catch"
    (definition,) = timer.definitions
    assert (definition.kind, definition.timer_kind, definition.timer.text) == ("timer", "timeDuration",
                                                                               "P10D")
    assert sorted(n.name for n in process.nodes.values() if type(n).__name__ == "Task") == [
        "Besluta", "Registrera", "Skicka påminnelse"]
    assert f"delay Svarstiden ute ({timer.id}): fixed mean 240 h [240, 240], n=3" in done.output.splitlines()
    profile = yaml.safe_load((tmp_path / "p.yaml").read_text(encoding="utf-8"))
    assert profile["simulation"]["elements"][timer.id]["delay"] == "10d"
    assert "n=0" not in done.output
