"""The what-if server's runs (:mod:`web.app`): ``POST /api/runs`` a what-if, ``POST /api/goal`` a goal seek
(polled as a run), ``GET /api/runs/{id}`` progress and answer, ``DELETE`` to cancel, and ``GET
/api/runs/{id}/diagram/{n}`` a diagram its answer names."""

from __future__ import annotations

import gzip
import re
from collections.abc import Mapping
from functools import partial
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from processes.errors import PermitflowError
from web.answer import answer
from web.guard import json_body
from web.levers import said_back
from web.pageroutes import display_names
from web.replies import error_reply
from web.state import State
from web.uploadwords import run_failure_en, run_failure_sv
from web.whatif import PageError, build_study, question

__all__ = ["start_run", "show_run", "cancel_run", "show_diagram", "start_goal_seek", "request_question",
           "run_or_404"]


async def request_question(request: Request) -> Any:
    state: State = request.app.state.web
    data = await json_body(request)
    names = data.get("municipalities") or []
    levers = data.get("levers") or {}
    if not isinstance(names, list) or not isinstance(levers, dict):
        raise PageError("The request does not name its municipalities and changes as the page does (a list and an "
                        "object): reload the page and try again.",
                        "Förfrågan anger inte kommunerna och ändringarna som sidan gör (en lista och ett objekt): "
                        "ladda om sidan och försök igen.")
    return question([str(n) for n in names], state.pick_uploads(data.get("uploads") or []), levers)


async def start_run(request: Request) -> Response:
    state: State = request.app.state.web
    try:
        q = await request_question(request)
        data = await json_body(request)
        old = state.runs.get(str(data.get("replaces") or ""))
        if old is not None:
            old.cancel()
        names = display_names(q.bases)
        points = _points(data.get("uncertainty"))
        # a "how sure" run and a run of an uploaded model in a process of their own, which gives their
        # memory back when it ends (web.runs)
        finish = partial(answer, names=names, changed=bool(q.sets))
        run = await run_in_threadpool(state.runs.start, build_study(q), finish,
                                      uncertainty=points, names=names, separate=bool(points or q.files))
    except PermitflowError as err:
        return error_reply(err)
    return JSONResponse({"id": run.id, "total": run.total}, status_code=202)


def _points(given: Any) -> int:
    """Assumption points of the "how sure" toggle (0: off; else 4-32)."""
    if given in (None, False, 0, ""):
        return 0
    if given is True:
        return 8
    if isinstance(given, int) and not isinstance(given, bool) and 4 <= given <= 32:
        return given
    given = said_back(repr(given))
    raise PageError(f"How sure are we: {given} is not a choice the page makes (false, true or 4-32 combinations of "
                    "the assumptions)",
                    f"Hur säkra är vi: {given} är inget val sidan gör (false, true eller 4–32 kombinationer av "
                    "antagandena)")


def run_or_404(request: Request) -> Any:
    return request.app.state.web.runs.get(request.path_params["run"])


async def show_run(request: Request) -> Response:
    run = run_or_404(request)
    if run is None:
        return error_reply("no such run (it ended long ago or the server restarted)", 404,
                           sv="ingen sådan körning (den är gammal eller servern har startats om)")
    with run.lock:
        body: dict[str, Any] = {"id": run.id, "state": run.state, "done": run.done, "total": run.total}
        state, error = run.state, run.error
    if state == "done":
        body["answer"] = run.extra  # read back from what is kept (compressed)
    if state == "failed":
        return error_reply(run_failure_en(str(error), run.id, run.ended), 422,
                           sv=run_failure_sv(str(error), run.id, run.ended))
    if state == "done" and body["answer"].get("failures"):
        message = "; ".join(f["message"] for f in body["answer"]["failures"])
        return error_reply(run_failure_en(message, run.id, run.ended), 422,
                           sv=run_failure_sv(message, run.id, run.ended))
    return JSONResponse(body)


def _takes_gzip(accept_encoding: str) -> bool:
    """Whether a browser that sends this Accept-Encoding takes gzip, by its q-values (RFC 9110 §12.5.3): gzip
    (or x-gzip, or ``*`` when gzip is not named) with q above 0 and at least identity's q when identity is named
    (identity not named, nor by ``*``, is taken but after any coding the browser accepts). A q that is not
    a number refuses its coding; no header or an empty one: identity.

    >>> [_takes_gzip(h) for h in ("gzip", "gzip;q=0", "gzip;q=0.5, identity", "*", "identity;q=0.5, gzip", "")]
    [True, False, False, True, True, False]
    """
    q: dict[str, float] = {}
    for part in accept_encoding.lower().split(","):
        coding, *params = (p.strip() for p in part.split(";"))
        if not coding:
            continue
        weight = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip() == "q":
                try:
                    weight = float(value.strip())
                except ValueError:
                    weight = 0.0
                weight = weight if 0.0 <= weight <= 1.0 else 0.0  # also nan, inf
        q[coding] = weight
    gzip_q = q.get("gzip", q.get("x-gzip", q.get("*", 0.0)))
    return gzip_q > 0.0 and gzip_q >= q.get("identity", q.get("*", 0.0))


async def show_diagram(request: Request) -> Response:
    """A finished run's diagram (SVG), which its answer names by this address: sent once, cached by the
    browser (a run's diagram never changes), compressed as it is kept when the browser takes gzip."""
    run = run_or_404(request)
    n = request.path_params["n"]  # a number of at most six digits (no run draws more diagrams); not one: none
    drawing = None if run is None or not re.fullmatch(r"[0-9]{1,6}", n) else run.diagram(int(n))
    if drawing is None and run is not None:  # the run is kept: say what happened to it
        with run.lock:
            state, error = run.state, run.error
        failures = (run.extra.get("failures") or []) if state == "done" else []
        if state == "failed" or failures:
            error = "; ".join(f["message"] for f in failures) if failures else error
            en = run_failure_en(str(error), run.id, run.ended)
            sv = run_failure_sv(str(error), run.id, run.ended)
            return error_reply(f"no diagram: {en[:1].lower()}{en[1:]}", 404,
                               sv=f"ingen processkarta: {sv[:1].lower()}{sv[1:]}")
        if state == "cancelled":
            return error_reply("no diagram: the run was cancelled", 404,
                               sv="ingen processkarta: körningen avbröts")
        if state == "running":
            return error_reply("no diagram yet: the run has not finished (its answer names its diagrams)",
                               404, sv="ingen processkarta ännu: körningen är inte klar "
                                       "(svaret anger dess kartor)")
        return error_reply("no such diagram (the run's answer names its diagrams)", 404,
                           sv="ingen sådan processkarta (körningens svar anger dess kartor)")
    if drawing is None:
        return error_reply("no such diagram (its run ended long ago or the server restarted)", 404,
                           sv="ingen sådan processkarta (körningen är gammal eller servern har startats om)")
    headers = {"Cache-Control": "private, max-age=86400, immutable", "Vary": "Accept-Encoding"}
    if _takes_gzip(request.headers.get("accept-encoding", "")):
        return Response(drawing, media_type="image/svg+xml", headers={**headers, "Content-Encoding": "gzip"})
    return Response(gzip.decompress(drawing), media_type="image/svg+xml", headers=headers)


async def cancel_run(request: Request) -> Response:
    run = run_or_404(request)
    if run is not None:
        run.cancel()
    return JSONResponse({"cancelled": run is not None})


async def start_goal_seek(request: Request) -> Response:
    from web.goalrequest import goal_request

    state: State = request.app.state.web
    try:
        data = await json_body(request)
        goal = data.get("goal") or {}
        if not isinstance(goal, dict):
            raise PageError("goal: expected an object (percent, joint, who, officers, fte, levels)",
                            "Förfrågan anger inte målet som sidan gör (ett objekt: percent, joint, who, officers, fte, "
                            "levels)")
        q = await request_question(request)
        # the form's years and seed, as a what-if takes them (they were left out without a word: the QA evening);
        # its replications are the search's own, 3 to 12 as it needs them
        levers = data.get("levers")
        typed: Mapping[str, Any] = levers if isinstance(levers, dict) else {}
        goal_seek = goal_request(q.bases, goal.get("percent", 95), joint=bool(goal.get("joint")),
                                 officers=goal.get("officers"), fte=goal.get("fte"), levels=goal.get("levels"),
                                 keep_level=goal.get("who") == "today", horizon=q.settings.get("horizon"),
                                 seed=q.settings["seed"] if typed.get("seed") not in (None, "") else None,
                                 settle=goal.get("settle"))
        names = display_names(q.bases)
        old = state.runs.get(str(data.get("replaces") or ""))
        if old is not None:
            old.cancel()
        # in a process of its own, which gives its memory back when it ends (web.runs)
        run = await run_in_threadpool(state.runs.start_task, 0, partial(_seek_task, goal_seek, names), separate=True)
    except PermitflowError as err:
        return error_reply(err)
    return JSONResponse({"id": run.id, "total": run.total}, status_code=202)


def _seek_task(goal_seek: Any, names: dict[str, dict[str, str]], run: Any, executor: Any) -> tuple[None, dict[str, Any]]:
    from web.goalseek import seek

    return None, seek(goal_seek, names, executor, run.advance, lambda: run.state == "cancelled")
