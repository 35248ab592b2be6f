"""`permitflow serve` run as a service (systemd, docs/web.md): the token from a file or the environment, not the
command line that `ps` shows, and not printed into the journal; a health endpoint for the monitoring that needs no
token and says nothing of anyone's work; one line per request and per run on standard error; SIGTERM stops the
running work and says so."""

from __future__ import annotations

import json
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

from bpmn_io.library import library_paths
from cli import cli

starlette_testclient = pytest.importorskip("starlette.testclient")
from web.app import create_app  # noqa: E402 - after the skip when starlette is absent

ROOT = Path(__file__).parent.parent.parent
TOKEN = "service-token-0123456789abcdef"


@pytest.mark.parametrize(("content", "said"), [
    (None, "cannot read it: No such file or directory"),
    ("", "expected one line, the token; found 0 lines (an empty file)"),
    ("  \n", "expected one line, the token; found 1 line, blank"),
    (f"{TOKEN}\nmore\n", "expected one line, the token; found 2 lines"),
    ("short\n", "expected at least 16 printable characters without spaces"),
])
def test_a_bad_token_file_is_one_line_and_nothing_starts(tmp_path: Path, content: str | None, said: str):
    path = tmp_path / "token"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    result = CliRunner().invoke(cli, ["serve", "--token-file", str(path)])
    assert result.exit_code == 2
    assert result.output == f"permitflow: error: --token-file {path}: {said}\n"


def test_the_token_is_given_once_and_the_environments_is_checked_as_the_options():
    both = CliRunner().invoke(cli, ["serve", "--token-file", "x", "--token", TOKEN])
    assert (both.exit_code, both.output) == (2, "permitflow: error: the token is given twice, by --token and by "
                                                "--token-file x: drop one (a service keeps --token-file, which ps "
                                                "does not show)\n")
    short = CliRunner().invoke(cli, ["serve"], env={"PERMITFLOW_TOKEN": "abc"})
    assert (short.exit_code, short.output) == (2, "permitflow: error: PERMITFLOW_TOKEN: expected at least 16 printable "
                                                  "characters without spaces\n")


def test_a_token_file_wins_over_the_environment_with_a_note(tmp_path: Path):
    """A service's environment may set PERMITFLOW_TOKEN for other reasons: the file on the command line wins, as
    the command line does over the environment for every option. The variable here is too short to be a token:
    had it been used, the server would refuse it; it goes on to the port, taken, and says why it stops."""
    path = tmp_path / "token"
    path.write_text(f"{TOKEN}\n", encoding="utf-8")
    path.chmod(0o400)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = CliRunner().invoke(cli, ["serve", "--port", str(port), "--token-file", str(path)],
                                    env={"PERMITFLOW_TOKEN": "abc"})
    assert result.exit_code == 2
    assert result.output.splitlines() == [
        f"permitflow serve: note: PERMITFLOW_TOKEN is set too and not used: the token is the one in {path} "
        "(unset PERMITFLOW_TOKEN to drop this note)",
        f"permitflow: error: cannot listen on 127.0.0.1:{port}: Address already in use"]


def test_a_token_file_others_can_read_is_noted(tmp_path: Path):
    from clicommands.serve import open_to_others, token_from_file

    path = tmp_path / "token"
    path.write_text(f"  {TOKEN}\n", encoding="utf-8")
    assert token_from_file(path) == TOKEN
    path.chmod(0o644)
    assert open_to_others(path)
    path.chmod(0o400)
    assert not open_to_others(path)


def test_the_health_check_needs_no_token_and_says_nothing_of_the_work():
    with starlette_testclient.TestClient(create_app(workers=0, token=TOKEN, root_path="/permitflow")) as c:
        for path in ("/healthz", "/permitflow/healthz"):
            reply = c.get(path)
            assert reply.status_code == 200 and reply.json() == {"status": "ok", "service": "permitflow serve"}
            assert reply.headers["cache-control"] == "no-store"
        assert c.get("/api/setup").status_code == 401  # everything else still needs it


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _ask(url: str, body: bytes | None = None, kind: str = "application/json", token: str | None = TOKEN) -> bytes:
    headers = {"Content-Type": kind, **({"X-Permitflow-Token": token} if token else {})}
    with urllib.request.urlopen(urllib.request.Request(url, data=body, headers=headers), timeout=120) as reply:
        return reply.read()  # type: ignore[no-any-return]


def _health(server: subprocess.Popen[str], base: str) -> object:
    """The health check of the ``server`` started at ``base``, asked until it answers."""
    for _ in range(600):
        try:
            return json.loads(_ask(base + "healthz", token=None))
        except OSError:
            assert server.poll() is None, server.communicate()
            time.sleep(0.1)
    raise AssertionError(f"no answer from {base}healthz in a minute")


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/cmdline").exists(), reason="needs Linux /proc")
def test_a_service_with_a_token_file_logs_each_request_and_run_and_says_what_sigterm_stopped(tmp_path: Path):
    token_file = tmp_path / "token"
    token_file.write_text(TOKEN + "\n", encoding="utf-8")
    token_file.chmod(0o600)
    port = _free_port()
    base = f"http://127.0.0.1:{port}/"
    server = subprocess.Popen([sys.executable, "-m", "cli", "serve", "--host", "0.0.0.0", "--port", str(port),
                               "--workers", "1", "--token-file", str(token_file)], cwd=ROOT,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        health = _health(server, base)
        assert health == {"status": "ok", "service": "permitflow serve"}
        # not on the command line every user of the machine can read (ps)
        assert TOKEN not in Path(f"/proc/{server.pid}/cmdline").read_bytes().decode(errors="replace")
        with pytest.raises(urllib.error.HTTPError) as refused:
            _ask(base + "api/setup", token=None)
        assert refused.value.code == 401
        model, profile = (p.read_bytes() for p in library_paths("bjuv"))
        form = b"".join([
            b'--b\r\nContent-Disposition: form-data; name="model"; filename="Bjuv modell.bpmn"\r\n\r\n' + model + b"\r\n",
            b'--b\r\nContent-Disposition: form-data; name="profile"; filename="profil.yaml"\r\n\r\n' + profile + b"\r\n",
            b"--b--\r\n"])
        assert json.loads(_ask(base + "api/uploads", form, "multipart/form-data; boundary=b"))["name"] == "bjuv"
        quick = json.loads(_ask(base + "api/runs", json.dumps(
            {"municipalities": ["astorp"], "levers": {"replications": 2, "years": 0.25}}).encode()))
        while json.loads(_ask(base + f"api/runs/{quick['id']}"))["state"] == "running":
            time.sleep(0.1)
        long = json.loads(_ask(base + "api/runs", json.dumps(
            {"municipalities": ["helsingborg"], "levers": {"replications": 50, "years": 5}}).encode()))
        while json.loads(_ask(base + f"api/runs/{long['id']}"))["done"] == 0:
            time.sleep(0.1)
        server.send_signal(signal.SIGTERM)
        out, err = server.communicate(timeout=60)
    finally:
        if server.poll() is None:
            server.kill()
            server.communicate()
    assert server.returncode == 0, err
    said = out.splitlines()
    assert said[0] == (f"permitflow serve: open http://{socket.gethostname()}:{port}/ (this machine's name; add "
                       "?token= and the token to open it the first time)")
    assert said[-1] == "permitflow serve: stopped (1 running run cancelled)"
    lines = err.splitlines()
    assert all(line.startswith("permitflow serve: ") for line in lines), err
    assert TOKEN not in out + err and "127.0.0.1" not in err  # neither the token nor who asked
    shown = [line.removeprefix("permitflow serve: ").rsplit(" ", 2)[0] for line in lines]
    assert "GET /api/setup 401" in shown
    assert any(line.startswith("POST /api/uploads 200 ") and line.endswith(" s (Bjuv modell.bpmn, profil.yaml)")
               for line in (x.removeprefix("permitflow serve: ") for x in lines)), err
    assert sum(s.startswith("POST /api/runs 202") for s in shown) == 2
    assert not any(s.startswith("GET /api/runs/") for s in shown)  # the page's polls: not each
    # a run by the first characters of its id: enough to follow it, not to open it (the id keeps it the page's)
    assert quick["id"] not in err and long["id"] not in err
    assert any(s.startswith(f"run {quick['id'][:6]}… done after ") for s in shown), err
    assert any(s.startswith(f"run {long['id'][:6]}… cancelled after ") for s in shown), err
    assert "permitflow serve: stopping: 1 running run cancelled" in lines


@pytest.mark.parametrize(("options", "said"), [
    (["--root-path", "/permitflow"],
     "behind the proxy: the pages are served under /permitflow/; point the proxy at {local}permitflow/ "
     "if it keeps /permitflow in the address, at {local} if it strips it"),
    (["--trust-proxy", "127.0.0.1"],
     "behind the proxy: the pages are served under the prefix the proxy names in X-Forwarded-Prefix "
     "(believed from 127.0.0.1 only), else under /; point the proxy at {local}, with its prefix kept or "
     "stripped"),
], ids=["root-path", "trust-proxy"])
def test_the_start_behind_a_proxy_says_the_path_the_pages_are_served_under_and_where_to_point_the_proxy(
        options: list[str], said: str):
    # the address printed to open is this machine's: whoever set up the proxy had to guess what to forward to
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "cli", "serve", "--port", str(port), "--workers", "1",
                               "--token", TOKEN, *options], cwd=ROOT, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True)
    try:
        _health(server, f"http://127.0.0.1:{port}/")
    finally:
        server.send_signal(signal.SIGTERM)  # what it printed, once it has stopped
        out, err = server.communicate(timeout=60)
    local = f"http://127.0.0.1:{port}/"
    opened = local + ("permitflow/" if "--root-path" in options else "")
    assert out.splitlines()[:3] == [f"permitflow serve: open {opened}?token={TOKEN}",
                                    "permitflow serve: " + said.format(local=local),
                                    "Ctrl-C stops the server."], err
