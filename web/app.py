"""The what-if web app (Starlette): thin handlers over :mod:`web.whatif`, :mod:`web.runs`
and :mod:`report`; no simulation logic of its own.

Routes (JSON unless said): ``GET /`` the page; ``GET /api/setup`` levers, library and
texts; ``POST /api/uploads`` a model and profile (multipart; the reply's ``id`` names it in
``uploads`` later, seen by no other page); ``POST /api/logs`` a case log with a model to
calibrate to it, kept as an upload, and ``GET /api/uploads/{id}/validation`` its validation
page (HTML; :mod:`web.logroute`); ``POST /api/runs`` start a run (``replaces``: a run of the
same page to cancel); ``GET /api/runs/{id}`` progress and answer; ``DELETE /api/runs/{id}``
cancel; ``POST /api/scenario`` the scenario file (YAML);
``GET /api/runs/{id}/report`` the report (HTML); ``GET /api/runs/{id}/results.csv`` (``?lang=sv|en``) and
``results.json`` its figures as ``permitflow run`` writes them (:mod:`report.sheet`), ``goal-seek.csv``
(``?lang=sv|en``) and ``goal-seek.json`` a goal seek's table as ``permitflow optimise`` writes it; ``GET /api/runs/{id}/diagram/{n}`` a diagram of the
answer (SVG: the answer names it by this address, ``diagram.url``, and does not carry it); ``POST /api/goal`` a goal seek (polled as a run). Bad input is one message
(``{"error": ..., "error_sv": ..., "field": ...}``, status 400/413/422), nothing is kept,
and the server goes on serving. With a token, every request must carry it
(``X-Permitflow-Token`` header, ``?token=`` or the cookie the page gets).
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import gzip
import hashlib
import hmac
import json
import os
import re
import secrets
import tempfile
import threading
from collections import OrderedDict
from collections.abc import Mapping
from contextlib import asynccontextmanager
from functools import partial
from importlib import resources
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import Message

from bpmn_io.library import library_names
from bpmn_io.profile import LANGUAGES, shown_name
from processes.errors import InputError, PermitflowError
from processes.heapkeep import libc_name
from report.deadlines import deadline_said, profile_clock
from scenarios.bases import Base, library_base
from web.answer import answer
from web.levers import LEVERS, RUN_LEVERS, LeverError, decision_levels, said_back, status_quo
from web.leversteps import LeverSteps, remember_steps
from web.runs import KEEP_BYTES, LARGE_RUNS, MOST_RUNS, CallStopped, CallTimedOut, Runs, RunsBusy
from web.texts import TEXTS
from web.uploadwords import form_words_sv, run_failure_sv
from web.whatif import (
    MAX_UPLOAD_BYTES,
    PageError,
    Upload,
    build_study,
    checked_upload,
    question,
    scenario_yaml,
    size_said,
)

__all__ = ["create_app", "TOKEN_HEADER", "MAX_BODY_BYTES", "BUSY_RETRY_SECONDS"]

TOKEN_HEADER = "x-permitflow-token"
COOKIE = "permitflow_token"
#: the largest request body (an upload of a model and a profile)
MAX_BODY_BYTES = 2 * MAX_UPLOAD_BYTES + 64 * 1024
#: the refusal of a request over :data:`MAX_BODY_BYTES`, its size as a manager reads it ("10.1 MB", not 10551296 bytes)
#: (the page's one large request is an upload: a file of 16 MB was "förfrågan är större …", lower case: QA evening)
_OVER_EN = f"The files sent are too large: over the limit of {size_said(MAX_BODY_BYTES, 'en')} together (two files " \
           f"of at most {size_said(MAX_UPLOAD_BYTES, 'en')} each)."
_OVER_SV = f"Filerna som skickades är för stora: över gränsen {size_said(MAX_BODY_BYTES, 'sv')} tillsammans (två " \
           f"filer på högst {size_said(MAX_UPLOAD_BYTES, 'sv')} var)."
#: the same for a request that sends no files (it said "The files sent are too large": QA serve)
_BIG_EN = f"The request is too large: over the limit of {size_said(MAX_BODY_BYTES, 'en')}."
_BIG_SV = f"Förfrågan är för stor: över gränsen {size_said(MAX_BODY_BYTES, 'sv')}."
#: uploaded processes kept by the server (the oldest is forgotten first)
MAX_UPLOADS = 32
#: the seconds an upload's check may take (a 4.6 MB model from a modelling tool: 2-4 s on a busy 2-core machine)
CHECK_SECONDS = 60
#: the uploads checked at once (each in a process of its own that takes about ten times the model: 170 MB for a
#: 4.6 MB model) and those let wait for their turn (each holding what was sent, up to 10 MB): ten such uploads at
#: once took the server's processes to 1.7 GB and each check 25-27 s instead of 3 s, so that twenty-five would pass
#: the 60 s and good models be remembered as refused (QA serve); the limit counts from a check's start
CHECKS_AT_ONCE = 2
CHECKS_WAITING = 16
#: the reports made at once, in the server's own threads (a six-municipality run's report takes about 18 MB on the
#: way, which the server's heap keeps: eight downloads at once took it from 122 to 298 MB; QA serve); the others
#: wait their turn in the event loop
REPORTS_AT_ONCE = 2
#: the seconds a page too many for the server's runs or checks (503) is told to wait before it asks again
#: (``Retry-After``); the page waits that long, then longer at each try (app.js, BUSY_TRIES)
BUSY_RETRY_SECONDS = 5
HERE = resources.files("web")


#: an upload's check (:func:`web.whatif.checked_upload`): the upload kept, its own values, its model's text key,
#: its lever steps
_Checked = tuple[Upload, dict[str, Any], bytes, LeverSteps | None]


def _sent_digest(*parts: str | bytes) -> bytes:
    """A digest of an upload as sent (the name, each file's name and bytes), each part framed by its length.

    >>> _sent_digest("a", b"bc") == _sent_digest("ab", b"c")
    False
    """
    digest = hashlib.blake2b(digest_size=20)
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)
    return digest.digest()


class _TooLarge(PermitflowError):
    """A body over :data:`MAX_BODY_BYTES` that gave no Content-Length (sent in chunks): its words, an upload's
    (:data:`_OVER_EN`) or another request's (:data:`_BIG_EN`)."""

    def __init__(self, message: str, sv: str) -> None:
        super().__init__(message)
        self.sv = sv


def _error(err: PermitflowError | str, status: int = 400, *, sv: str = "", field: str = "") -> JSONResponse:
    text = str(err)
    if isinstance(err, LeverError):
        sv, field = err.sv, err.lever
    elif isinstance(err, (PageError, _Interrupted)):
        sv, field = err.sv, getattr(err, "field", "") or field  # a log's columns not found: "columns"
    elif isinstance(err, (RunsBusy, _ChecksBusy)):
        # the page asks again by itself after the seconds Retry-After says (app.js, patient): it is told so
        status, sv = 503, err.sv
        return JSONResponse({"error": text, "error_sv": sv, "field": field}, status_code=status,
                            headers={"Retry-After": str(BUSY_RETRY_SECONDS)})
    if isinstance(err, _TooLarge):
        status, sv = 413, err.sv
    return JSONResponse({"error": text, "error_sv": sv or text, "field": field}, status_code=status)


class _Guard(BaseHTTPMiddleware):
    """Refuse a request without the token (when the server has one) or with a body over the limit."""

    def __init__(self, app: Any, token: str | None) -> None:
        super().__init__(app)
        self.token = token

    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        length = request.headers.get("content-length")
        if length is not None and (not length.isdigit() or int(length) > MAX_BODY_BYTES):
            upload = request.url.path == "/api/uploads"
            return _error(_OVER_EN if upload else _BIG_EN, 413, sv=_OVER_SV if upload else _BIG_SV)
        if self.token is None:
            return await call_next(request)
        given = (request.headers.get(TOKEN_HEADER) or request.query_params.get("token")
                 or request.cookies.get(COOKIE) or "")
        if not hmac.compare_digest(given.encode(), self.token.encode()):
            return _error("a token is required: open the address permitflow serve printed", 401,
                          sv="nyckel krävs: öppna adressen som permitflow serve skrev ut")
        response = await call_next(request)
        if request.query_params.get("token"):
            response.set_cookie(COOKIE, self.token, httponly=True, samesite="strict")
        return response


class _State:
    """What the server keeps: the runs and their pool, and the uploaded processes (each model's text
    compressed, opened when a question names it), with what their checks said by a digest of what was
    sent (:func:`_sent_digest`): the same bytes again are answered alike without a new check."""

    def __init__(self, workers: int | None, keep: int, check_seconds: float = CHECK_SECONDS,
                 preload: tuple[str, ...] = (), large: int = LARGE_RUNS, most: int = MOST_RUNS) -> None:
        # an upload's check runs checked_upload in a process of its own, a run's units scenarios.road's
        self.runs = Runs(workers, keep, preload=("web.whatif", "scenarios.road", *preload), large=large, most=most)
        self.check_seconds = check_seconds
        self.uploads: OrderedDict[str, Upload] = OrderedDict()
        #: the checks of the uploads kept (none of another: it holds nothing the uploads do not)
        self.checked: dict[bytes, _Checked] = {}
        #: the last :data:`MAX_UPLOADS` uploads refused (their messages)
        self.refused: OrderedDict[bytes, InputError] = OrderedDict()
        #: the checks running now, by digest: the same bytes sent meanwhile wait for that check (:func:`_check_once`)
        self.checking: dict[bytes, concurrent.futures.Future[Any]] = {}
        #: what the calibrations of the uploads kept that came from a case log said (:mod:`web.logroute`),
        #: by the digest of what was sent, and the digest of each such upload by its key: kept as long as
        #: the upload is
        self.logs: dict[bytes, Any] = {}
        self.log_of: dict[str, bytes] = {}
        #: the checks running (:data:`CHECKS_AT_ONCE` at most), and those running or waiting for their turn
        self.check_turns = asyncio.Semaphore(CHECKS_AT_ONCE)
        self.checks_admitted = 0
        #: the reports being made (:data:`REPORTS_AT_ONCE` at most)
        self.report_turns = asyncio.Semaphore(REPORTS_AT_ONCE)
        self.lock = threading.Lock()

    def keep_upload(self, key: str, digest: bytes, checked: _Checked) -> None:
        """Keep an upload under ``key`` and its check by ``digest``; forget the oldest past :data:`MAX_UPLOADS`,
        and the check of one no longer kept under any key."""
        with self.lock:
            self.uploads[key] = checked[0]
            self.checked[digest] = checked
            while len(self.uploads) > MAX_UPLOADS:
                old_key, gone = self.uploads.popitem(last=False)
                self.log_of.pop(old_key, None)
                if all(kept is not gone for kept in self.uploads.values()):
                    for old in [d for d, c in self.checked.items() if c[0] is gone]:
                        del self.checked[old]
                        self.logs.pop(old, None)

    def refuse(self, digest: bytes, err: InputError) -> None:
        """Remember that the upload of ``digest`` was refused, and why (the last :data:`MAX_UPLOADS`)."""
        with self.lock:
            self.refused[digest] = err
            while len(self.refused) > MAX_UPLOADS:
                self.refused.popitem(last=False)

    def recall(self, digest: bytes) -> _Checked | InputError | None:
        """What the check of ``digest`` said, when it is known."""
        with self.lock:
            return self.checked.get(digest) or self.refused.get(digest)

    def pick_uploads(self, ids: Any) -> dict[str, tuple[Base, str, str]]:
        if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
            # a list or an object among them was "500 Internal Server Error" (unhashable: QA serve)
            raise PageError("The request does not name its uploaded processes as the page does (a list of the "
                            "names the server gave them): reload the page and upload the files again.",
                            "Förfrågan anger inte de uppladdade processerna som sidan gör (en lista med namnen "
                            "servern gav dem): ladda om sidan och ladda upp filerna igen.")
        with self.lock:
            missing = [i for i in ids if i not in self.uploads]
            if missing:
                # the server restarted, or kept newer uploads since (MAX_UPLOADS): it said so in English (qawords)
                raise PageError(f"uploads: no uploaded process {missing[0]!r} (upload it again)",
                                "Den uppladdade processen finns inte längre på servern (den har startats om, eller "
                                "glömt de äldsta uppladdningarna): ladda upp filerna igen")
            picked = {i: self.uploads[i] for i in ids}
        return {i: kept.opened() for i, kept in picked.items()}


async def _body(request: Request) -> Mapping[str, Any]:
    """The request's JSON object, read once per request and at most :data:`MAX_BODY_BYTES` of it
    (the guard sees only a Content-Length; a chunked body has none)."""
    kept = getattr(request.state, "json_body", None)
    if kept is not None:
        return kept  # type: ignore[no-any-return]
    raw = bytearray()
    async for chunk in request.stream():
        raw += chunk
        if len(raw) > MAX_BODY_BYTES:
            raise _TooLarge(_BIG_EN, _BIG_SV)
    try:
        data = json.loads(raw)
    except (ValueError, RecursionError):  # RecursionError: arrays nested thousands deep
        raise PageError("the request is not JSON", "förfrågan är inte JSON") from None
    if not isinstance(data, dict):
        raise PageError("the request is not a JSON object", "förfrågan är inte ett JSON-objekt")
    request.state.json_body = data
    return data


async def _question(request: Request) -> Any:
    state: _State = request.app.state.web
    data = await _body(request)
    names = data.get("municipalities") or []
    levers = data.get("levers") or {}
    if not isinstance(names, list) or not isinstance(levers, dict):
        raise PageError("The request does not name its municipalities and changes as the page does (a list and an "
                        "object): reload the page and try again.",
                        "Förfrågan anger inte kommunerna och ändringarna som sidan gör (en lista och ett objekt): "
                        "ladda om sidan och försök igen.")
    return question([str(n) for n in names], state.pick_uploads(data.get("uploads") or []), levers)


def _display_names(bases: tuple[Base, ...]) -> dict[str, dict[str, str]]:
    """Each process's name as the page shows it, per language (a profile's ``names:``, else its ``municipality:``)."""
    return {b.name: {lang: shown_name(b.profile, lang, b.name) for lang in LANGUAGES} for b in bases}


async def page(request: Request) -> Response:
    html = (HERE / "templates" / "index.html").read_text(encoding="utf-8")
    return HTMLResponse(html, headers={"Content-Security-Policy": "default-src 'self'; img-src 'self' data:; "
                                                                    "style-src 'self' 'unsafe-inline'"})


#: the form's fixed words that name the library's deadline (web/texts.py: "4 månader")
DEADLINE_TEXTS = ("deadline", "goal_percent", "goal_share", "goal_low")


def deadline_texts(clock: tuple[float | None, float | None] | None) -> dict[str, dict[str, str]] | None:
    """The form's fixed words that name the deadline, for a process's (deadline, extension) in hours
    (``(None, None)``: processes of different deadlines, "the deadline"); None for a process without
    a legal clock (it has no deadline to name). The page uses the chosen processes' words."""
    if clock is None:
        return None
    return {key: {lang: deadline_said(TEXTS[key][lang], lang, *clock) for lang in ("sv", "en")}
            for key in DEADLINE_TEXTS}


def _library() -> list[dict[str, Any]]:
    out = []
    for name in library_names():
        base = library_base(name, source="library", line=None)
        out.append({"name": name, "display": str(base.profile.get("municipality") or name),
                    "names": _display_names((base,))[name],
                    "status_quo": status_quo(base.profile, base.bpmn), "levels": decision_levels(base.profile),
                    "deadline_texts": deadline_texts(profile_clock(base.profile))})
    return out


async def setup(request: Request) -> Response:
    levers = [{"key": lv.key, "sv": lv.sv, "en": lv.en, "kind": lv.kind, "low": lv.low, "high": lv.high,
               "choices": list(lv.choices), "step": lv.step, "share": lv.share} for lv in (*LEVERS, *RUN_LEVERS)]
    library = await run_in_threadpool(_library)
    return JSONResponse({"levers": levers, "library": library, "texts": TEXTS,
                         "deadline_generic": deadline_texts((None, None)), "max_upload_bytes": MAX_UPLOAD_BYTES})


def _bounded(request: Request) -> Request:
    """``request`` with its body read at most :data:`MAX_BODY_BYTES` (more raises :class:`_TooLarge`): the
    guard sees only a Content-Length, and a body sent in chunks has none."""
    seen = 0

    async def receive() -> Message:
        nonlocal seen
        message = await request.receive()
        if message["type"] == "http.request":
            seen += len(message.get("body", b""))
            if seen > MAX_BODY_BYTES:
                raise _TooLarge(_OVER_EN, _OVER_SV)
        return message

    return Request(request.scope, receive)


class _Interrupted(PermitflowError):
    """The check of the same bytes another request started was ended with that request: not the upload's fault
    (not remembered as a refusal, as an :class:`InputError` is), and said on the Swedish page in Swedish."""

    sv = "Kontrollen av uppladdningen avbröts: ladda upp filerna igen."

    def __init__(self) -> None:
        super().__init__("the upload's check was interrupted: upload the files again")


class _ChecksBusy(PermitflowError):
    """More uploads than :data:`CHECKS_AT_ONCE` and :data:`CHECKS_WAITING` together are being checked: not the
    upload's fault (not remembered as a refusal), said in both languages."""

    sv = "Servern kontrollerar många uppladdningar just nu: skicka filerna igen om en minut."

    def __init__(self) -> None:
        super().__init__("The server is checking many uploads just now: send the files again in a minute.")


async def _check_once(state: _State, digest: bytes, sent: tuple[Any, ...],
                      check: Any = checked_upload) -> Any:
    """The check of what was sent (``check``: :func:`web.whatif.checked_upload`, or a case log's
    calibration, :func:`web.logupload.calibrated_upload`; in a process of its own), or what it raised; the
    same bytes sent again while they are checked (a second tab, a second click) wait for that check and get
    its answer, not a check of their own."""
    with state.lock:
        running: concurrent.futures.Future[Any] | None = state.checking.get(digest)
        mine = running is None
        if running is None:
            if state.checks_admitted >= CHECKS_AT_ONCE + CHECKS_WAITING:
                raise _ChecksBusy()
            state.checks_admitted += 1
            running = state.checking[digest] = concurrent.futures.Future()
    if not mine:
        return await asyncio.wrap_future(running)
    try:
        # its turn waited for here, in the event loop: a request thread is not held meanwhile
        async with state.check_turns:
            found = await run_in_threadpool(partial(state.runs.call_apart, check, *sent,
                                                              seconds=state.check_seconds))
    except Exception as err:
        running.set_exception(err)
        raise
    except BaseException:  # this request was ended: those waiting are told to send theirs again
        running.set_exception(_Interrupted())
        raise
    else:
        running.set_result(found)
        return found
    finally:
        with state.lock:
            del state.checking[digest]
            state.checks_admitted -= 1


async def upload(request: Request) -> Response:
    state: _State = request.app.state.web
    try:
        # a file part has no limit of its own in the form's parser (it goes to a temporary file): the body's
        async with _bounded(request).form(max_files=2, max_fields=4, max_part_size=MAX_UPLOAD_BYTES) as form:
            model, profile, name = form.get("model"), form.get("profile"), str(form.get("name") or "")
            if isinstance(model, str) or isinstance(profile, str) or model is None or profile is None:
                # a manager with a model from a modelling tool has no profile yet: say where one comes from
                return _error("Upload both a BPMN model and its profile (YAML: the times, staff and volumes the "
                              "simulation needs). No profile yet? Whoever runs permitflow can write one to fill in: "
                              "permitflow convert model.bpmn profile.yaml --to profile",
                              sv="Ladda upp både en BPMN-modell och dess profil (YAML: tider, personal och volymer "
                                 "som simuleringen behöver). Ingen profil än? Den som kör permitflow kan skriva en att "
                                 "fylla i: permitflow convert modell.bpmn profil.yaml --to profile")
            files = (await model.read(), model.filename or "model.bpmn", await profile.read(),
                     profile.filename or "profile.yaml")
    except Exception as err:  # noqa: BLE001 - a malformed or oversized multipart body is the client's error
        return _unread(err)
    sent = (name, files[0], Path(files[1]).name, files[2], Path(files[3]).name)
    del files
    digest = _sent_digest(*sent)
    found = await checked_or_refusal(state, digest, sent)
    del sent
    if isinstance(found, Response):
        return found
    return kept_reply(state, digest, found)


def _unread(err: Exception) -> JSONResponse:
    """The refusal of a form that could not be read: its own error's, or the form parser's words."""
    if isinstance(err, PermitflowError):
        return _error(err)
    # the form parser's HTTPException: its words, not "400: " first
    said = getattr(err, "detail", None) or err
    return _error(f"the upload could not be read: {said}",
                  sv=f"uppladdningen kunde inte läsas: {form_words_sv(str(said))}")


async def upload_log(request: Request) -> Response:
    """A case log and a model to calibrate to it (:mod:`web.logroute`,
    :func:`web.logupload.calibrated_upload`), checked as an upload is and kept as one."""
    from web.logroute import log_sent, reply_parts, sent_parts
    from web.logupload import calibrated_upload

    state: _State = request.app.state.web
    try:
        async with _bounded(request).form(max_files=2, max_fields=8, max_part_size=MAX_UPLOAD_BYTES) as form:
            sent = await log_sent(form)
    except Exception as err:  # noqa: BLE001 - a malformed or oversized multipart body is the client's error
        return _unread(err)
    digest = _sent_digest(*sent_parts(sent))
    found = await checked_or_refusal(state, digest, sent, calibrated_upload)
    del sent
    if isinstance(found, Response):
        return found
    if len(found) == 2:  # checked now: (the upload's check, the calibration)
        checked, calibrated = found
    else:  # the same bytes sent before: the check remembered, and its calibration with it
        checked, calibrated = found, state.logs.get(digest)
    return kept_reply(state, digest, checked, log=calibrated, **reply_parts(calibrated))


async def validation_page(request: Request) -> Response:
    """The validation page of an upload calibrated to a case log (:func:`web.logroute.page_response`)."""
    from web.logroute import NO_PAGE, page_response

    state: _State = request.app.state.web
    with state.lock:
        digest = state.log_of.get(request.path_params["key"])
        calibrated = state.logs.get(digest) if digest is not None else None
    return page_response(calibrated) or _error(NO_PAGE, 404)


async def checked_or_refusal(state: _State, digest: bytes, sent: tuple[Any, ...],
                             check: Any = checked_upload) -> Any:
    """What ``check`` said of what was sent (:func:`_check_once`; remembered: the same bytes again get the
    same answer without a new check), or the refusal to answer with (a :class:`Response`)."""
    known = state.recall(digest)
    if isinstance(known, InputError):  # refused before: the same bytes, the same message
        return _error(known)
    found: Any
    if known is not None:
        found = known
    else:
        try:
            # read and checked in a process of its own: a model's parse takes ten times its size, which the
            # server would keep; its own values beside the levers, read as a library municipality's are (its
            # steps found by what they are, and kept for its levers)
            found = await _check_once(state, digest, sent, check)
        except CallStopped:
            return _error("The server is stopping: upload the files again once it runs again.", 503,
                          sv="Servern stängs av: ladda upp filerna igen när den körs igen.")
        except CallTimedOut:
            # remembered as a refusal of its input is (the last MAX_UPLOADS): the same files again would cost
            # another full check, a minute each time
            from report.numbers import number

            limit = {lang: number(float(f"{state.check_seconds:g}"), lang) for lang in ("en", "sv")}
            again = (f"The same files sent again are refused at once, without another check (the server "
                     f"remembers its last {MAX_UPLOADS} refusals until it restarts).",
                     f"Samma filer som skickas igen avvisas direkt, utan ny kontroll (servern minns sina "
                     f"senaste {MAX_UPLOADS} avvisningar tills den startas om).")
            if check is checked_upload:
                slow = PageError(
                    f"The upload could not be checked within {limit['en']} s, the limit for an upload "
                    "(a model from a modelling tool takes a few seconds): is the model a BPMN file as a "
                    f"modelling tool writes it? {again[0]}",
                    sv=f"Uppladdningen kunde inte kontrolleras inom {limit['sv']} s, gränsen för en "
                       "uppladdning (en modell från ett modelleringsverktyg tar några sekunder): är modellen "
                       f"en BPMN-fil som ett modelleringsverktyg skriver den? {again[1]}")
            else:  # a case log's calibration (web.logroute): its words, not a model's
                slow = PageError(
                    f"The model could not be fitted to the case log within {limit['en']} s, the limit for an "
                    f"upload: a shorter period of the log, or a smaller model, takes less. {again[0]}",
                    sv=f"Modellen kunde inte anpassas till ärendeloggen inom {limit['sv']} s, gränsen för en "
                       f"uppladdning: en kortare period av loggen, eller en mindre modell, tar kortare tid. "
                       f"{again[1]}")
            state.refuse(digest, slow)
            return _error(slow)
        except InputError as err:
            # kept without its traceback, whose frames hold what was sent (up to 10 MB)
            state.refuse(digest, err.with_traceback(None))
            return _error(err)
        except PermitflowError as err:  # not the upload's fault (its check's process ended): not remembered
            return _error(err)
    return found


def kept_reply(state: _State, digest: bytes, found: _Checked, log: Any = None, **more: Any) -> JSONResponse:
    """Keep a checked upload under a key of its own and answer with what the page shows of it (``more``:
    more of the answer); the key is returned as ``id``. ``log``: what the calibration to a case log said,
    kept with the upload (:mod:`web.logroute`)."""
    kept, own, text, steps = found
    remember_steps(text, steps)
    base = kept.base
    # kept under a key of its own, not the name typed: two managers who both call theirs "Höganäs"
    # each run their own, and one cannot pick another's upload without its key (the same bytes sent again:
    # the same check, kept once, under a key of its own)
    key = f"{base.name}-{secrets.token_urlsafe(12)}"
    if log is not None:
        with state.lock:
            state.logs[digest] = log
            state.log_of[key] = digest
    state.keep_upload(key, digest, found)
    # name: the process's safe name (the answer's "process"), display: the name as written, shown everywhere
    shown = _display_names((base,))[base.name]
    return JSONResponse({"name": base.name, "display": shown["sv"], "names": shown, "id": key, "status_quo": own,
                         "levels": decision_levels(base.profile),
                         "deadline_texts": deadline_texts(profile_clock(base.profile)), **more})


async def start_run(request: Request) -> Response:
    state: _State = request.app.state.web
    try:
        q = await _question(request)
        data = await _body(request)
        old = state.runs.get(str(data.get("replaces") or ""))
        if old is not None:
            old.cancel()
        names = _display_names(q.bases)
        points = _points(data.get("uncertainty"))
        # a "how sure" run and a run of an uploaded model in a process of their own, which gives their
        # memory back when it ends (web.runs)
        finish = partial(answer, names=names, changed=bool(q.sets))
        run = await run_in_threadpool(state.runs.start, build_study(q), finish,
                                      uncertainty=points, names=names, separate=bool(points or q.files))
    except PermitflowError as err:
        return _error(err)
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


def _run_or_404(request: Request) -> Any:
    return request.app.state.web.runs.get(request.path_params["run"])


async def show_run(request: Request) -> Response:
    run = _run_or_404(request)
    if run is None:
        return _error("no such run (it ended long ago or the server restarted)", 404,
                      sv="ingen sådan körning (den är gammal eller servern har startats om)")
    with run.lock:
        body: dict[str, Any] = {"id": run.id, "state": run.state, "done": run.done, "total": run.total}
        state, error = run.state, run.error
    if state == "done":
        body["answer"] = run.extra  # read back from what is kept (compressed)
    if state == "failed":
        return _error(f"the scenario cannot run: {error}", 422, sv=run_failure_sv(str(error)))
    if state == "done" and body["answer"].get("failures"):
        message = "; ".join(f["message"] for f in body["answer"]["failures"])
        return _error(f"the scenario cannot run: {message}", 422, sv=run_failure_sv(message))
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
    run = _run_or_404(request)
    n = request.path_params["n"]  # a number of at most six digits (no run draws more diagrams); not one: none
    drawing = None if run is None or not re.fullmatch(r"[0-9]{1,6}", n) else run.diagram(int(n))
    if drawing is None and run is not None:  # the run is kept: say what happened to it
        with run.lock:
            state, error = run.state, run.error
        failures = (run.extra.get("failures") or []) if state == "done" else []
        if state == "failed" or failures:
            error = "; ".join(f["message"] for f in failures) if failures else error
            said = run_failure_sv(str(error))
            return _error(f"no diagram: the scenario cannot run: {error}", 404,
                          sv=f"ingen processkarta: {said[:1].lower()}{said[1:]}")
        if state == "cancelled":
            return _error("no diagram: the run was cancelled", 404, sv="ingen processkarta: körningen avbröts")
        if state == "running":
            return _error("no diagram yet: the run has not finished (its answer names its diagrams)", 404,
                          sv="ingen processkarta ännu: körningen är inte klar (svaret anger dess kartor)")
        return _error("no such diagram (the run's answer names its diagrams)", 404,
                      sv="ingen sådan processkarta (körningens svar anger dess kartor)")
    if drawing is None:
        return _error("no such diagram (its run ended long ago or the server restarted)", 404,
                      sv="ingen sådan processkarta (körningen är gammal eller servern har startats om)")
    headers = {"Cache-Control": "private, max-age=86400, immutable", "Vary": "Accept-Encoding"}
    if _takes_gzip(request.headers.get("accept-encoding", "")):
        return Response(drawing, media_type="image/svg+xml", headers={**headers, "Content-Encoding": "gzip"})
    return Response(gzip.decompress(drawing), media_type="image/svg+xml", headers=headers)


async def cancel_run(request: Request) -> Response:
    run = _run_or_404(request)
    if run is not None:
        run.cancel()
    return JSONResponse({"cancelled": run is not None})


async def start_goal_seek(request: Request) -> Response:
    from web.goalseek import goal_request

    state: _State = request.app.state.web
    try:
        data = await _body(request)
        goal = data.get("goal") or {}
        if not isinstance(goal, dict):
            raise PageError("goal: expected an object (percent, joint, who, officers, fte, levels)",
                            "Förfrågan anger inte målet som sidan gör (ett objekt: percent, joint, who, officers, fte, "
                            "levels)")
        q = await _question(request)
        # the form's years and seed, as a what-if takes them (they were left out without a word: the QA evening);
        # its replications are the search's own, 3 to 12 as it needs them
        levers = data.get("levers")
        typed: Mapping[str, Any] = levers if isinstance(levers, dict) else {}
        goal_seek = goal_request(q.bases, goal.get("percent", 95), joint=bool(goal.get("joint")),
                                 officers=goal.get("officers"), fte=goal.get("fte"), levels=goal.get("levels"),
                                 keep_level=goal.get("who") == "today", horizon=q.settings.get("horizon"),
                                 seed=q.settings["seed"] if typed.get("seed") not in (None, "") else None)
        names = _display_names(q.bases)
        old = state.runs.get(str(data.get("replaces") or ""))
        if old is not None:
            old.cancel()
        # in a process of its own, which gives its memory back when it ends (web.runs)
        run = await run_in_threadpool(state.runs.start_task, 0, partial(_seek_task, goal_seek, names), separate=True)
    except PermitflowError as err:
        return _error(err)
    return JSONResponse({"id": run.id, "total": run.total}, status_code=202)


def _seek_task(goal_seek: Any, names: dict[str, dict[str, str]], run: Any, executor: Any) -> tuple[None, dict[str, Any]]:
    from web.goalseek import seek

    return None, seek(goal_seek, names, executor, run.advance, lambda: run.state == "cancelled")


async def save_scenario(request: Request) -> Response:
    try:
        q = await _question(request)
    except PermitflowError as err:
        return _error(err)
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
    from report.plots import _pyplot

    _pyplot()


def _report_html(batch: Any, uncertainty: dict[str, Any] | None = None) -> bytes:
    from report.build import write_report
    from report.results import write_results

    with tempfile.TemporaryDirectory(prefix="permitflow-web-") as folder:
        write_results(Path(folder), batch, uncertainty=uncertainty)
        return write_report(folder).read_bytes()


def _not_kept(request: Request, what: tuple[str, str]) -> JSONResponse:
    """A run no longer kept, to download ``what`` (English, Swedish) of: forgotten to keep the server's memory
    bounded (or never known: the server restarted)."""
    keep = request.app.state.web.runs.keep
    return _error(f"This run is no longer kept: the server keeps only the latest finished runs (up to "
                  f"{_megabytes(keep)} MB) and forgets them all when it restarts. Run it again to download "
                  f"{what[0]}.", 404,
                  sv=f"Körningen finns inte längre kvar: servern sparar bara de senaste färdiga körningarna "
                     f"(upp till {_megabytes(keep)} MB) och glömmer alla när den startas om. Räkna om den för "
                     f"att ladda ner {what[1]}.")


async def report(request: Request) -> Response:
    run = _run_or_404(request)
    if run is None:
        return _not_kept(request, ("its report", "rapporten"))
    async with request.app.state.web.report_turns:
        batch = await run_in_threadpool(lambda: run.batch)
        if batch is None:
            return _error("no finished run to report on", 404, sv="ingen färdig körning att rapportera")
        html = await run_in_threadpool(_report_html, batch, run.uncertainty)
    return Response(html, media_type="text/html; charset=utf-8",
                    headers={"Content-Disposition": 'attachment; filename="report.html"'})


#: the results' files of a run (:func:`results`), by the name their address ends with: what they are in words
_RESULTS = {"results.csv": ("its figures", "siffrorna"), "results.json": ("its figures", "siffrorna"),
            "goal-seek.csv": ("its table", "tabellen"), "goal-seek.json": ("its table", "tabellen")}
#: a goal seek's CSV as the page saves it, by language (the Swedish name in the header's UTF-8 form, RFC 6266)
_GOAL_CSV = {"en": 'filename="goal-seek.csv"',
             "sv": "filename=\"malsokning.csv\"; filename*=UTF-8''m%C3%A5ls%C3%B6kning.csv"}


async def results(request: Request) -> Response:
    """A finished what-if's results, as ``permitflow run`` writes them of the same question (its saved scenario):
    ``results.json`` the bytes of its ``summary.json``, ``results.csv`` its ``summary.csv`` as a spreadsheet in
    the page's language (``?lang=sv``, the default, or ``en``: :mod:`report.sheet`)."""
    from report.results import results_document, summary_json
    from report.sheet import summary_sheet

    name = request.path_params["file"]
    lang = request.query_params.get("lang", "sv")
    if name not in _RESULTS:
        return _refused(request, _NO_SUCH, 404)
    if name.endswith(".csv") and lang not in LANGUAGES:
        given = said_back(lang)
        return _error(f"The figures' language “{given}” is not one the page writes: sv (Swedish Excel: semicolons "
                      "and decimal commas) or en (commas and decimal points).",
                      sv=f"Siffrornas språk ”{given}” är inget som sidan skriver: sv (svensk Excel: semikolon och "
                         "decimalkomma) eller en (komma och decimalpunkt).", field="lang")
    run = _run_or_404(request)
    if run is None:
        return _not_kept(request, _RESULTS[name])
    with run.lock:
        state = run.state
    if state != "done":
        said = {"running": ("the run has not finished yet: its figures come when its answer does",
                            "körningen är inte klar ännu: siffrorna kommer med svaret"),
                "cancelled": ("the run was cancelled: it has no figures", "körningen avbröts: den har inga siffror")}
        en, sv = said.get(state, ("the run failed: it has no figures", "körningen misslyckades: den har inga siffror"))
        return _error(f"No figures: {en}.", 404, sv=f"Inga siffror: {sv}.")
    if name.startswith("goal-seek."):
        return _goal_file(run, name.removeprefix("goal-seek."), lang)
    # made in turns with the reports (REPORTS_AT_ONCE): the run's batch is unpickled and its summary made on the
    # way, as for a report, and the server's heap would keep the peak of many made at once
    async with request.app.state.web.report_turns:
        batch = await run_in_threadpool(lambda: run.batch)
        if batch is None:  # a goal seek: its answer is its table (permitflow optimise --csv writes it)
            return _error("No figures to download: this is a goal seek, whose answer is the table on the page.", 404,
                          sv="Inga siffror att ladda ner: det här är en målsökning, vars svar är tabellen på sidan.")
        doc = await run_in_threadpool(results_document, batch, run.uncertainty)
        del batch
        if name == "results.json":
            data = await run_in_threadpool(summary_json, doc)
        else:
            data = await run_in_threadpool(summary_sheet, doc, lang)
    if name == "results.json":
        return Response(data, media_type="application/json",
                        headers={"Content-Disposition": 'attachment; filename="results.json"'})
    shown = "resultat.csv" if lang == "sv" else "results.csv"
    return Response(data, media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{shown}"'})


def _goal_file(run: Any, kind: str, lang: str) -> Response:
    """A finished goal seek's table as ``permitflow optimise`` writes it: ``csv`` its ``--csv`` (in English the
    same bytes; in Swedish a spreadsheet for a Swedish Excel, :func:`report.sheet.goalseek_sheet`), ``json`` its
    ``-o``."""
    from report.sheet import goalseek_sheet

    text = run.file(kind)
    if text is None:
        return _error("No table of a goal seek to download: this run is a what-if, whose figures download as "
                      "results.csv and results.json.", 404,
                      sv="Ingen målsökningstabell att ladda ner: det här är en vad händer om-körning, vars siffror "
                         "laddas ner som resultat.csv och results.json.")
    if kind == "json":
        return Response(text.encode("utf-8"), media_type="application/json",
                        headers={"Content-Disposition": 'attachment; filename="goal-seek.json"'})
    return Response(goalseek_sheet(text, lang), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f"attachment; {_GOAL_CSV[lang]}"})


#: what an address no route answers says (an old bookmark, a typing slip, a path that climbs out of /static)
_NO_SUCH = ("There is no such page or request on this server: the what-if page is at its address's /.",
            "Det finns ingen sådan sida eller förfrågan på servern: sidan Vad händer om …? finns på adressens /.")
#: what a request of a method its address does not take says
_NOT_TAKEN = ("This address does not take that kind of request: the what-if page sends its own.",
              "Adressen tar inte emot den sortens förfrågan: sidan Vad händer om …? skickar sina egna.")
#: what a fault of the server says: its traceback stays in the server's log, never in the answer
_FAULT = ("The server could not answer the request: a fault in the server. Try again; if it happens again, tell "
          "whoever runs permitflow serve (its log says more).",
          "Servern kunde inte svara på frågan: ett fel i servern. Försök igen; händer det igen, säg till den som kör "
          "permitflow serve (dess logg säger mer).")


def _refused(request: Request, words: tuple[str, str], status: int) -> Response:
    """``words`` (English, Swedish) as one message: JSON as every refusal of ``/api/`` is, else (a browser's
    address bar) a one-line page in the browser's language (English when it asks for English first, else
    Swedish, as the page's own choice), with a link to the what-if page."""
    if request.url.path.startswith("/api/"):
        return _error(words[0], status, sv=words[1])
    lang = "en" if request.headers.get("accept-language", "").strip().lower().startswith("en") else "sv"
    line = words[0] if lang == "en" else words[1]
    back = "The what-if page" if lang == "en" else "Sidan Vad händer om …?"
    return HTMLResponse(f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>permitflow</title>'
                        f'</head><body><p>{line} <a href="/">{back}</a></p></body></html>', status_code=status)


async def _http_refusal(request: Request, exc: Exception) -> Response:
    """Starlette's own refusals (no route: 404, a method the route does not take: 405), which said "Not Found"
    in English plain text."""
    status = getattr(exc, "status_code", 400)
    return _refused(request, _NO_SUCH if status == 404 else _NOT_TAKEN if status == 405 else _FAULT, status)


async def _server_fault(request: Request, exc: Exception) -> Response:
    """A handler's unforeseen error ("Internal Server Error" in English plain text before): one message in both
    languages; Starlette logs the traceback after this answer is sent."""
    return _refused(request, _FAULT, 500)


def _megabytes(count: int) -> str:
    return f"{count / 2**20:.0f}"


def create_app(*, token: str | None = None, workers: int | None = None, keep: int = KEEP_BYTES,
               check_seconds: float = CHECK_SECONDS, preload: tuple[str, ...] = (),
               large: int = LARGE_RUNS, most: int = MOST_RUNS) -> Starlette:
    """The app; ``token``: required on every request when given; ``workers``: the process pool's
    size (default all cores; ``0``: run in the request's thread); ``keep``: the bytes of finished
    runs kept for their report download (compressed; the oldest are forgotten first); ``check_seconds``:
    the time an upload's check may take in its process (``workers`` 0: no limit); ``preload``: modules
    the main script imports, imported once by the fork server (see :meth:`web.runs.Runs._context`); ``large``:
    the large runs (each in a process of its own) at most at once, ``most`` the runs of any kind: a page asking for
    one more is told to try again when one has finished."""
    state = _State(workers, keep, check_seconds, preload, large, most)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> Any:
        _large_blocks_given_back()
        await run_in_threadpool(_warm)
        yield
        state.runs.close()

    app = Starlette(
        routes=[
            Route("/", page),
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
        middleware=[Middleware(_Guard, token=token)],
        exception_handlers={HTTPException: _http_refusal, Exception: _server_fault},
        lifespan=lifespan,
    )
    app.state.web = state
    return app
