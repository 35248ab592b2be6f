"""The case logs' own fork server (web.checkserver, about 120 MB) stops after a time without a check and
starts again with the next, which answers as the first did; the app stopping stops it and leaves no thread
behind. The real fork server and the real calibration, with an idle limit of a twentieth of a second: the test
waits for the thread that waits out that limit to end (it stops the fork server), not for a time."""

from __future__ import annotations

import os
import threading

import pytest
from weblog import simulated_log, swedish_export

starlette_testclient = pytest.importorskip("starlette.testclient")
from web.app import create_app  # noqa: E402 - after the skip
from web.checkserver import IDLE_SECONDS, IDLE_THREAD, SUPPORTED  # noqa: E402

pytestmark = pytest.mark.skipif(not SUPPORTED, reason="the checks' fork server follows CPython 3.11-3.13")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def _idle_threads() -> set[threading.Thread]:
    return {t for t in threading.enumerate() if t.name == IDLE_THREAD}


def _checked(client, runs, export: bytes, name: str) -> tuple[dict, int]:
    """A case log's check through the page's route, and the pid of the fork server it ran from (held
    meanwhile, so that it is not stopped before it is read)."""
    with runs.checks.in_use():
        reply = client.post("/api/logs", data={"library": "hoganas", "name": name},
                            files={"log": ("export.csv", export, "text/csv")})
        pid = runs.checks.pid
    assert reply.status_code == 200, reply.text
    assert pid is not None and _alive(pid)
    return reply.json(), pid


def test_the_checks_fork_server_stops_when_idle_and_the_next_check_starts_it_and_answers_alike(
        tmp_path) -> None:
    export = swedish_export(simulated_log(tmp_path))
    before = _idle_threads()
    with starlette_testclient.TestClient(create_app(workers=1, check_idle=0.05)) as client:
        runs = client.app.state.web.runs
        first, pid = _checked(client, runs, export, "Höganäs A")
        for waiting in _idle_threads() - before:  # it stops the fork server, then ends
            waiting.join(timeout=120)
        assert not _alive(pid) and runs.checks.pid is None
        assert not _idle_threads() - before
        # another name: a new check (the same bytes again would be answered from what the first check said)
        second, pid_again = _checked(client, runs, export, "Höganäs B")
        assert pid_again != pid
        assert second["display"] == "Höganäs B"
        named = ("id", "name", "display", "names")
        assert {k: v for k, v in second.items() if k not in named} == {
            k: v for k, v in first.items() if k not in named}
        assert first["calibration"]["en"][0].startswith("Calibrated to the log export.csv: 12 cases")
        assert _idle_threads() - before  # waiting out the limit once more
    # the app stopped: the fork server and the thread with it, before the limit
    assert not _alive(pid_again) and runs.checks.pid is None
    assert not _idle_threads() - before


def test_the_app_stopping_stops_the_checks_fork_server_it_started_and_its_timer() -> None:
    before = _idle_threads()
    with starlette_testclient.TestClient(create_app(workers=1)) as client:  # the default: ten minutes
        runs = client.app.state.web.runs
        assert runs.checks.idle == IDLE_SECONDS == 600
        # a call from it: its parent is the fork server
        server = runs.call_apart(os.getppid, checks_server=True)
        assert server == runs.checks.pid and _alive(server)
        assert len(_idle_threads() - before) == 1
        assert runs.call_apart(os.getppid, checks_server=True) == server  # kept between checks
        assert len(_idle_threads() - before) == 1  # one timer, not one a check
    assert not _alive(server) and not _idle_threads() - before


def test_serve_s_option_says_the_same_default() -> None:
    from click.testing import CliRunner

    from cli import cli

    shown = CliRunner().invoke(cli, ["serve", "--help"], terminal_width=200).output
    assert "--log-check-idle-minutes FLOAT RANGE" in shown
    assert f"[default: {IDLE_SECONDS / 60:g};" in shown or f"[default: {IDLE_SECONDS / 60:g}]" in shown
