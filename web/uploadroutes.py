"""The what-if server's uploads (:mod:`web.app`): ``POST /api/uploads`` a model and its profile, ``POST
/api/logs`` a case log with a model to calibrate to it (:mod:`web.logroute`), and ``GET
/api/uploads/{id}/validation`` its validation page. Each is checked once, in a process of its own with a time
limit, a few at a time; the same bytes again are answered from what their check said."""

from __future__ import annotations

import asyncio
import concurrent.futures
import secrets
from functools import partial
from pathlib import Path
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from processes.errors import InputError, PermitflowError
from report.deadlines import profile_clock
from web.guard import bounded
from web.levers import decision_levels
from web.leversteps import remember_steps
from web.limits import CHECKS_AT_ONCE, CHECKS_WAITING, MAX_UPLOADS, ChecksBusy, Interrupted
from web.pageroutes import deadline_texts, display_names
from web.replies import error_reply
from web.requestlog import said_names
from web.runs import CallStopped, CallTimedOut
from web.state import Checked, State, sent_digest
from web.uploadwords import form_words_sv
from web.whatif import MAX_UPLOAD_BYTES, PageError, checked_upload

__all__ = ["upload", "upload_log", "validation_page", "checked_or_refusal", "kept_reply", "check_once"]


async def check_once(state: State, digest: bytes, sent: tuple[Any, ...],
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
                raise ChecksBusy()
            state.checks_admitted += 1
            running = state.checking[digest] = concurrent.futures.Future()
    if not mine:
        return await asyncio.wrap_future(running)
    try:
        # its turn waited for here, in the event loop: a request thread is not held meanwhile
        async with state.check_turns:
            # a case log's calibration starts from the fork server that has it imported (web.checkserver)
            found = await run_in_threadpool(partial(state.runs.call_apart, check, *sent,
                                                    seconds=state.check_seconds,
                                                    checks_server=check is not checked_upload))
    except Exception as err:
        running.set_exception(err)
        raise
    except BaseException:  # this request was ended: those waiting are told to send theirs again
        running.set_exception(Interrupted())
        raise
    else:
        running.set_result(found)
        return found
    finally:
        with state.lock:
            del state.checking[digest]
            state.checks_admitted -= 1


async def upload(request: Request) -> Response:
    state: State = request.app.state.web
    try:
        # a file part has no limit of its own in the form's parser (it goes to a temporary file): the body's
        async with bounded(request).form(max_files=2, max_fields=4, max_part_size=MAX_UPLOAD_BYTES) as form:
            model, profile, name = form.get("model"), form.get("profile"), str(form.get("name") or "")
            if isinstance(model, str) or isinstance(profile, str) or model is None or profile is None:
                # a manager with a model from a modelling tool has no profile yet: say where one comes from
                return error_reply("Upload both a BPMN model and its profile (YAML: the times, staff and volumes "
                                   "the simulation needs). No profile yet? Whoever runs permitflow can write one to "
                                   "fill in: permitflow convert model.bpmn profile.yaml --to profile",
                                   sv="Ladda upp både en BPMN-modell och dess profil (YAML: tider, personal och "
                                      "volymer som simuleringen behöver). Ingen profil än? Den som kör permitflow "
                                      "kan skriva en att fylla i: permitflow convert modell.bpmn profil.yaml --to "
                                      "profile")
            files = (await model.read(), model.filename or "model.bpmn", await profile.read(),
                     profile.filename or "profile.yaml")
    except Exception as err:  # noqa: BLE001 - a malformed or oversized multipart body is the client's error
        return _unread(err)
    sent = (name, files[0], Path(files[1]).name, files[2], Path(files[3]).name)
    request.state.log_note = said_names(sent[2], sent[4])  # the files' names in the server's log line
    del files
    digest = sent_digest(*sent)
    found = await checked_or_refusal(state, digest, sent)
    del sent
    if isinstance(found, Response):
        return found
    return kept_reply(state, digest, found)


def _unread(err: Exception) -> JSONResponse:
    """The refusal of a form that could not be read: its own error's, or the form parser's words."""
    if isinstance(err, PermitflowError):
        return error_reply(err)
    # the form parser's HTTPException: its words, not "400: " first
    said = getattr(err, "detail", None) or err
    return error_reply(f"the upload could not be read: {said}",
                       sv=f"uppladdningen kunde inte läsas: {form_words_sv(str(said))}")


async def upload_log(request: Request) -> Response:
    """A case log and a model to calibrate to it (:mod:`web.logroute`,
    :func:`web.logupload.calibrated_upload`), checked as an upload is and kept as one."""
    from web.logroute import log_sent, reply_parts, sent_parts
    from web.logupload import calibrated_upload

    state: State = request.app.state.web
    try:
        async with bounded(request).form(max_files=2, max_fields=8, max_part_size=MAX_UPLOAD_BYTES) as form:
            sent = await log_sent(form)
            request.state.log_note = said_names(sent[2], *([sent[5]] if sent[4] else []))
    except Exception as err:  # noqa: BLE001 - a malformed or oversized multipart body is the client's error
        return _unread(err)
    digest = sent_digest(*sent_parts(sent))
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

    state: State = request.app.state.web
    with state.lock:
        digest = state.log_of.get(request.path_params["key"])
        calibrated = state.logs.get(digest) if digest is not None else None
    return page_response(calibrated) or error_reply(NO_PAGE, 404)


async def checked_or_refusal(state: State, digest: bytes, sent: tuple[Any, ...],
                             check: Any = checked_upload) -> Any:
    """What ``check`` said of what was sent (:func:`check_once`; remembered: the same bytes again get the
    same answer without a new check), or the refusal to answer with (a :class:`Response`)."""
    known = state.recall(digest)
    if isinstance(known, InputError):  # refused before: the same bytes, the same message
        return error_reply(known)
    found: Any
    if known is not None:
        found = known
    else:
        try:
            # read and checked in a process of its own: a model's parse takes ten times its size, which the
            # server would keep; its own values beside the levers, read as a library municipality's are (its
            # steps found by what they are, and kept for its levers)
            found = await check_once(state, digest, sent, check)
        except CallStopped:
            return error_reply("The server is stopping: upload the files again once it runs again.", 503,
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
            return error_reply(slow)
        except InputError as err:
            # kept without its traceback, whose frames hold what was sent (up to 10 MB)
            state.refuse(digest, err.with_traceback(None))
            return error_reply(err)
        except PermitflowError as err:  # not the upload's fault (its check's process ended): not remembered
            return error_reply(err)
    return found


def kept_reply(state: State, digest: bytes, found: Checked, log: Any = None, **more: Any) -> JSONResponse:
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
    shown = display_names((base,))[base.name]
    return JSONResponse({"name": base.name, "display": shown["sv"], "names": shown, "id": key, "status_quo": own,
                         "levels": decision_levels(base.profile),
                         "deadline_texts": deadline_texts(profile_clock(base.profile)), **more})
