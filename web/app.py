"""The what-if web app (Starlette): thin handlers over :mod:`web.whatif`, :mod:`web.runs`
and :mod:`report`; no simulation logic of its own.

Routes (JSON unless said): ``GET /`` the page; ``GET /healthz`` for the monitoring (no token); ``GET /api/setup`` levers, library and
texts; ``POST /api/uploads`` a model and profile (multipart; the reply's ``id`` names it in
``uploads`` later, seen by no other page); ``POST /api/logs`` a case log with a model to
calibrate to it, kept as an upload, and ``GET /api/uploads/{id}/validation`` its validation
page (HTML; :mod:`web.logroute`); ``POST /api/runs`` start a run (``replaces``: a run of the
same page to cancel); ``GET /api/runs/{id}`` progress and answer; ``DELETE /api/runs/{id}``
cancel; ``POST /api/scenario`` the scenario file (YAML);
``GET /api/runs/{id}/report`` the report (HTML); ``GET /api/runs/{id}/results.csv`` (``?lang=sv|en``) and
``results.json`` its figures as ``permitflow run`` writes them (:mod:`report.sheet`), ``goal-seek.csv``
(``?lang=sv|en``: its rows, heads and codes in words) and ``goal-seek.json`` a goal seek's table as
``permitflow optimise`` writes it; ``GET /api/runs/{id}/diagram/{n}`` a diagram of the
answer (SVG: the answer names it by this address, ``diagram.url``, and does not carry it); ``POST /api/goal`` a goal seek (polled as a run). Bad input is one message
(``{"error": ..., "error_sv": ..., "field": ...}``, status 400/413/422), nothing is kept,
and the server goes on serving. With a token, every request must carry it
(``X-Permitflow-Token`` header, ``?token=`` or the cookie the page gets).

This module makes the app and answers the scenario and the report; the rest, each along its seam:
:mod:`web.limits` (the limits and the refusals they give), :mod:`web.replies` (how a refusal is said),
:mod:`web.guard` (the token and the body's size), :mod:`web.state` (what the server keeps),
:mod:`web.pageroutes` (the page and its setup), :mod:`web.uploadroutes` (uploads and case logs),
:mod:`web.runroutes` (runs, goal seeks, diagrams) and :mod:`web.downloads` (a run's figures as files).
"""

from __future__ import annotations

import os
import tempfile
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from processes.errors import InputError, PermitflowError
from processes.heapkeep import libc_name
from web.downloads import results
from web.guard import Guard
from web.limits import (
    BUSY_RETRY_SECONDS,
    CHECK_SECONDS,
    CHECKS_AT_ONCE,
    CHECKS_WAITING,
    MAX_BODY_BYTES,
    MAX_UPLOADS,
    REPORTS_AT_ONCE,
    TOKEN_HEADER,
)
from web.pageroutes import HERE, deadline_texts, display_names, page, setup
from web.proxy import Network, Prefix
from web.replies import error_reply, http_refusal, not_kept, server_fault
from web.requestlog import LOG, RequestLog
from web.runroutes import (
    cancel_run,
    request_question,
    run_or_404,
    show_diagram,
    show_run,
    start_goal_seek,
    start_run,
)
from web.runs import CHECKS_IDLE_SECONDS, KEEP_BYTES, LARGE_RUNS, MOST_RUNS
from web.state import State
from web.uploadroutes import check_once, checked_or_refusal, kept_reply, upload, upload_log, validation_page
from web.whatif import scenario_yaml

__all__ = ["create_app", "TOKEN_HEADER", "MAX_BODY_BYTES", "BUSY_RETRY_SECONDS",
           # read here by the tests, as before the app was split along its seams (no behaviour changed)
           "CHECKS_AT_ONCE", "CHECKS_WAITING", "MAX_UPLOADS", "REPORTS_AT_ONCE", "InputError",
           "display_names", "deadline_texts", "check_once", "checked_or_refusal", "kept_reply",
           "rendered_report"]


async def save_scenario(request: Request) -> Response:
    try:
        q = await request_question(request)
    except PermitflowError as err:
        return error_reply(err)
    return Response(scenario_yaml(q), media_type="application/x-yaml",
                    headers={"Content-Disposition": 'attachment; filename="what-if.yaml"'})


#: in the server, a block of this many bytes or more gets a mapping of its own, given back to the system when
#: freed (glibc's ``M_MMAP_THRESHOLD``, fixed: :func:`_large_blocks_given_back`)
LARGE_BLOCK = 1 << 20


def _large_blocks_given_back() -> bool:
    """Have glibc give a freed block of :data:`LARGE_BLOCK` bytes or more back to the system at once, in
    this process (the server; not its workers, started from a fork server, which keep their heap:
    :mod:`processes.heapkeep`). Whether glibc took it; nothing elsewhere than glibc, nor when the user set
    ``MALLOC_MMAP_THRESHOLD_`` or its tunable.

    glibc's threshold is dynamic: once a mapped block of a few MB is freed, blocks up to that size come from
    the heap (of the thread that asked: each of the request threads may have an arena of its own), which
    keeps them after they are freed. An upload of a large model and the start of its run copy its text a few
    times on the way (15 and 28 MB of Python objects at their peaks for a 4.6 MB model, none of it kept), so
    the server's RSS rose by about 40 MB over the first few uploads and runs and stayed there."""
    if not (libc_name() or "").startswith("glibc ") or "MALLOC_MMAP_THRESHOLD_" in os.environ \
            or "glibc.malloc.mmap_threshold=" in os.environ.get("GLIBC_TUNABLES", ""):
        return False
    import ctypes

    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):
        return False
    mallopt.argtypes, mallopt.restype = (ctypes.c_int, ctypes.c_int), ctypes.c_int
    return bool(mallopt(-3, LARGE_BLOCK) == 1)  # M_MMAP_THRESHOLD


def _warm() -> None:
    """Import the report's modules (matplotlib takes seconds) before the first request, not during it."""
    import report.build  # noqa: F401
    import report.html  # noqa: F401 - report.build imports it only where a report is made
    from report.plots import pyplot

    pyplot()


def rendered_report(batch: Any, uncertainty: dict[str, Any] | None = None) -> bytes:
    from report.build import write_report
    from report.results import write_results

    with tempfile.TemporaryDirectory(prefix="permitflow-web-") as folder:
        write_results(Path(folder), batch, uncertainty=uncertainty)
        return write_report(folder).read_bytes()


async def report(request: Request) -> Response:
    run = run_or_404(request)
    if run is None:
        return not_kept(request, ("its report", "rapporten"))
    async with request.app.state.web.report_turns:
        batch = await run_in_threadpool(lambda: run.batch)
        if batch is None:
            return error_reply("no finished run to report on", 404, sv="ingen färdig körning att rapportera")
        html = await run_in_threadpool(rendered_report, batch, run.uncertainty)
    return Response(html, media_type="text/html; charset=utf-8",
                    headers={"Content-Disposition": 'attachment; filename="report.html"'})


async def health(request: Request) -> Response:
    """For the monitoring: the server answers (no token needed; it says nothing of anyone's work)."""
    return JSONResponse({"status": "ok", "service": "permitflow serve"}, headers={"Cache-Control": "no-store"})


def create_app(*, token: str | None = None, workers: int | None = None, keep: int = KEEP_BYTES,
               check_seconds: float = CHECK_SECONDS, preload: tuple[str, ...] = (),
               large: int = LARGE_RUNS, most: int = MOST_RUNS,
               check_idle: float = CHECKS_IDLE_SECONDS, root_path: str = "",
               proxies: tuple[Network, ...] = ()) -> Starlette:
    """The app; ``token``: required on every request when given; ``workers``: the process pool's
    size (default all cores; ``0``: run in the request's thread); ``keep``: the bytes of finished
    runs kept for their report download (compressed; the oldest are forgotten first); ``check_seconds``:
    the time an upload's check may take in its process (``workers`` 0: no limit); ``preload``: modules
    the main script imports, imported once by the fork server (see :meth:`web.runs.Runs._context`); ``large``:
    the large runs (each in a process of its own) at most at once, ``most`` the runs of any kind: a page asking for
    one more is told to try again when one has finished; ``check_idle``: the seconds without a case log's
    check after which the fork server of those checks is stopped (:mod:`web.checkserver`; the next check
    starts it); ``root_path``: the prefix a reverse proxy serves the page under, ``proxies``: the addresses whose
    ``X-Forwarded-Prefix`` and ``X-Forwarded-Proto`` are believed (:mod:`web.proxy`)."""
    state = State(workers, keep, check_seconds, preload, large, most, check_idle)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> Any:
        _large_blocks_given_back()
        await run_in_threadpool(_warm)
        yield
        # said on the way out: the work a stop ended (web.server, permitflow serve's last line)
        state.cancelled = state.runs.close()
        if state.cancelled:
            LOG.info(f"stopping: {state.cancelled} running run{'s' * (state.cancelled != 1)} cancelled")

    app = Starlette(
        routes=[
            Route("/", page),
            Route("/healthz", health),
            Route("/api/setup", setup),
            Route("/api/uploads", upload, methods=["POST"]),
            Route("/api/logs", upload_log, methods=["POST"]),
            Route("/api/uploads/{key}/validation", validation_page),
            Route("/api/runs", start_run, methods=["POST"]),
            Route("/api/runs/{run}", show_run),
            Route("/api/runs/{run}", cancel_run, methods=["DELETE"]),
            Route("/api/runs/{run}/report", report),
            Route("/api/runs/{run}/diagram/{n}", show_diagram),
            Route("/api/runs/{run}/{file}", results),
            Route("/api/scenario", save_scenario, methods=["POST"]),
            Route("/api/goal", start_goal_seek, methods=["POST"]),
            Mount("/static", StaticFiles(directory=str(HERE / "static")), name="static"),
        ],
        middleware=[Middleware(Prefix, root=root_path, proxies=proxies), Middleware(RequestLog),
                    Middleware(Guard, token=token)],
        exception_handlers={HTTPException: http_refusal, Exception: server_fault},
        lifespan=lifespan,
    )
    # "/api/runs/" was redirected to an absolute http://host/api/runs, outside a proxy's prefix and scheme: the
    # page never asks for an address with a slash too many, so none is redirected
    app.router.redirect_slashes = False
    app.state.web = state
    return app
