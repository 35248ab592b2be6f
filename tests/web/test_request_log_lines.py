"""The server's request log is one line per request (web.requestlog): a journal reader trusts that a line
starting 'permitflow serve: ' is the server's. A path is the sender's, percent-decoded by the server: an encoded
line end ('%0A') or terminal escape in it must not start a line of its own or reach the terminal raw."""

from __future__ import annotations

import io
import logging

import pytest

from web.requestlog import LOG, request_line

starlette_testclient = pytest.importorskip("starlette.testclient")
from web.app import create_app  # noqa: E402 - after the skip when starlette is absent


def test_a_line_end_or_control_character_in_the_path_or_a_file_name_is_said_escaped():
    assert request_line("GET", "/x\nGET /api/setup 200 0.1 s", 404, 0.0) == (
        "GET /x\\nGET /api/setup 200 0.1 s 404 0.0 s")
    assert request_line("POST", "/api/uploads", 200, 0.0, "a\x1b[2Jb.bpmn") == (
        "POST /api/uploads 200 0.0 s (a\\x1b[2Jb.bpmn)")
    assert request_line("GET", "/api/runs/åäö", 404, 0.0) == "GET /api/runs/åäö 404 0.0 s"  # letters stay


def test_a_request_with_an_encoded_line_end_in_its_path_is_one_line_in_the_log():
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    LOG.addHandler(handler)
    level, disabled = LOG.level, LOG.disabled
    LOG.setLevel(logging.INFO)  # setLevel, not .level: the logger caches what it was asked before
    LOG.disabled = False  # as permitflow serve has it, whatever an earlier test's logging configuration did
    try:
        with starlette_testclient.TestClient(create_app(workers=0, token="t" * 20)) as c:
            assert c.get("/nothing%0Dpermitflow serve: GET /api/setup 200 0.1 s%0A").status_code == 401
    finally:
        LOG.removeHandler(handler)
        LOG.setLevel(level)
        LOG.disabled = disabled
    (line,) = stream.getvalue().splitlines()  # one line, however long the request took
    assert line.startswith("GET /nothing\\rpermitflow serve: GET /api/setup 200 0.1 s\\n 401 "), line
