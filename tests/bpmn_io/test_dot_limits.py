"""Graphviz's time limit grows with the graph and is an option; the output names the engine that ran."""

from __future__ import annotations

import stat
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from bpmn_io import dot as dot_module
from bpmn_io.dot import engine_name, layout_session, run_dot, scaled_timeout
from cli import cli
from processes.errors import PermitflowError

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "permit.yaml"


def slow_dot(tmp_path: Path) -> str:
    """An executable that takes dot's command line and computes for ever (the limit counts CPU seconds)."""
    script = tmp_path / "dot"
    script.write_text("#!/bin/sh\nwhile :; do :; done\n")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return str(script)


def test_the_default_limit_grows_with_the_graph() -> None:
    assert scaled_timeout(0) == dot_module.DOT_TIMEOUT_S
    assert scaled_timeout(5000) > 3 * 76  # dot alone needs about 76 CPU-s for a 5,000-task model


def test_a_session_timeout_stops_a_slow_engine_with_advice(tmp_path: Path) -> None:
    with layout_session(0.2), pytest.raises(PermitflowError, match=r"within 0\.2 CPU s for a graph of 2 nodes$") as err:
        run_dot("digraph { a [width=1]; b [width=1]; }", executable=slow_dot(tmp_path))
    # the advice is added by a command that has the option (convert, render), not by diff's HTML page
    assert (err.value.option, err.value.option_hint) == ("layout_timeout", "a larger --layout-timeout gives it longer, "
                                                                            "0 no limit")


def test_a_session_records_which_engine_ran() -> None:
    with layout_session() as session:
        run_dot("digraph { rankdir=LR; a [width=1]; b [width=1]; a -> b; }")
    (ran,) = session.runs
    assert ran.engine in ("dot", "graphviz-pure") and ran.nodes == 2 and ran.executable == dot_module.find_dot()
    assert engine_name("/usr/bin/dot") == "dot"
    assert engine_name("/venv/bin/graphviz-pure") == "graphviz-pure"


def test_a_hung_engine_is_stopped_by_the_wall_clock(tmp_path: Path) -> None:
    script = tmp_path / "dot"
    script.write_text("#!/bin/sh\nsleep 30\n")  # uses no CPU: stopped after WALL_FACTOR times the limit
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    with layout_session(0.1), pytest.raises(PermitflowError, match="did not finish"):
        run_dot("digraph { a [width=1]; }", executable=str(script))


def test_a_stopped_engine_leaves_none_of_the_processes_it_started(tmp_path: Path) -> None:
    """Only the engine was killed: a process it started ran on (and one that held the engine's pipes kept the run
    waiting for it: the test above waited 30 s for its sleep)."""
    script, started = tmp_path / "dot", tmp_path / "child.pid"
    script.write_text(f"#!/bin/sh\nsleep 30 </dev/null >/dev/null 2>&1 &\necho $! > {started}\nwait\n")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    with layout_session(0.1), pytest.raises(PermitflowError, match="did not finish"):
        run_dot("digraph { a [width=1]; }", executable=str(script))
    child = Path(f"/proc/{started.read_text().strip()}/stat")
    for _ in range(100):  # SIGKILL is delivered when the child is next scheduled; its new parent then reaps it
        if not child.exists() or child.read_text().rsplit(")", 1)[1].split()[0] == "Z":
            break
        time.sleep(0.05)
    assert not child.exists() or child.read_text().rsplit(")", 1)[1].split()[0] == "Z"


def test_a_negative_limit_is_refused() -> None:
    with pytest.raises(ValueError, match="must be >= 0"), layout_session(-1):
        pass


def test_convert_says_which_engine_laid_the_model_out(tmp_path: Path) -> None:
    out = tmp_path / "permit.bpmn"
    done = CliRunner().invoke(cli, ["convert", str(EXAMPLE), str(out), "--verbose", "--layout-timeout", "0"])
    assert done.exit_code == 0, done.output
    assert "permitflow: layout: " in done.stderr and " nodes, " in done.stderr
    assert out.read_bytes().count(b"BPMNShape") > 5


def test_convert_over_the_limit_exits_2_and_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    slow = slow_dot(tmp_path)
    monkeypatch.setattr(dot_module, "find_dot", lambda: slow)
    out = tmp_path / "permit.bpmn"
    done = CliRunner().invoke(cli, ["convert", str(EXAMPLE), str(out), "--layout-timeout", "0.3"])
    assert done.exit_code == 2
    assert "did not finish within 0.3 CPU s" in done.stderr and "Traceback" not in done.output
    assert not out.exists()


def test_render_takes_the_same_options(tmp_path: Path) -> None:
    out = tmp_path / "permit.svg"
    done = CliRunner().invoke(cli, ["render", str(EXAMPLE), "-o", str(out), "-v", "--layout-timeout", "120"])
    assert done.exit_code == 0, done.output
    assert "permitflow: layout: " in done.stderr and out.read_text().startswith("<")


def test_graphviz_pure_comes_before_a_dot_on_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The pip-installed engine runs wherever it is installed, so a diagram is the same on every machine."""
    on_path = tmp_path / "path"
    on_path.mkdir()
    for name in ("dot", "graphviz-pure"):
        (on_path / name).write_text("#!/bin/sh\n")
        (on_path / name).chmod(0o755)
    monkeypatch.setattr(dot_module.sys, "executable", str(tmp_path / "nowhere" / "python"))
    monkeypatch.setattr(dot_module.sysconfig, "get_path", lambda name: str(tmp_path / "nowhere"))
    monkeypatch.setenv("PATH", str(on_path))
    assert dot_module.find_dot() == str(on_path / "graphviz-pure")
    (on_path / "graphviz-pure").unlink()
    assert dot_module.find_dot() == str(on_path / "dot")
