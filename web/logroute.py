"""The page's case-log upload: ``POST /api/logs`` and ``GET /api/uploads/{key}/validation``.

``POST /api/logs`` (multipart): ``log`` the case log (CSV or XES), ``library`` a library municipality whose
model is calibrated, or ``model`` an uploaded BPMN model; ``name`` as the manager names the result;
``case``, ``activity``, ``timestamp``, ``start``, ``resource``: the columns, when the page asked for them
(else guessed). The model is calibrated to the log and validated on its later cases
(:func:`web.logupload.calibrated_upload`) in the check process of its own the uploads use
(:func:`web.app.checked_or_refusal`: the same limits, the same bytes answered alike), and kept as an
uploaded process is: the reply is an upload's, with ``calibration`` (lines per language) and ``validation``
(a line per language, and whether its page is there). A refused log is one message in both languages
(``field`` ``columns`` when the page should ask for the columns); nothing is kept.
"""

from __future__ import annotations

import json
import zlib
from pathlib import Path
from typing import Any

from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from processes.errors import PermitflowError
from web.app import _bounded, _error, _sent_digest, _State, checked_or_refusal, kept_reply
from web.logupload import COLUMN_ROLES, calibrated_upload
from web.uploadwords import form_words_sv
from web.whatif import MAX_UPLOAD_BYTES

__all__ = ["upload_log", "validation_page"]


async def _form(request: Request) -> tuple[Any, ...] | Response:
    """What was sent, as :func:`web.logupload.calibrated_upload` takes it, or the refusal to answer with."""
    try:
        async with _bounded(request).form(max_files=2, max_fields=8, max_part_size=MAX_UPLOAD_BYTES) as form:
            log, model = form.get("log"), form.get("model")
            if log is None or isinstance(log, str):
                return _error("Choose the case log to upload (CSV as the case system exports it, or XES).",
                              sv="Välj ärendeloggen att ladda upp (CSV som ärendesystemet exporterar den, "
                                 "eller XES).",
                              field="log")
            texts = {k: str(form.get(k) or "")[:200] for k in ("name", "library", *COLUMN_ROLES)}
            model_bytes, model_name = b"", ""
            if model is not None and not isinstance(model, str):
                model_bytes, model_name = await model.read(), Path(model.filename or "model.bpmn").name
            log_bytes = await log.read()
            log_name = Path(log.filename or "log.csv").name
    except PermitflowError as err:
        return _error(err)
    except Exception as err:  # noqa: BLE001 - a malformed or oversized multipart body is the client's error
        said = getattr(err, "detail", None) or err
        return _error(f"the upload could not be read: {said}",
                      sv=f"uppladdningen kunde inte läsas: {form_words_sv(str(said))}")
    columns = {role: texts[role] for role in COLUMN_ROLES if texts[role].strip()}
    return texts["name"], log_bytes, log_name, texts["library"], model_bytes, model_name, columns


async def upload_log(request: Request) -> Response:
    state: _State = request.app.state.web
    sent = await _form(request)
    if isinstance(sent, Response):
        return sent
    name, log, log_name, library, model, model_name, columns = sent
    digest = _sent_digest("log", name, log, log_name, library, model, model_name,
                          json.dumps(columns, sort_keys=True))
    found = await checked_or_refusal(state, digest, sent, calibrated_upload)
    del sent, log, model
    if isinstance(found, Response):
        return found
    if len(found) == 2:  # checked now: (the upload's check, the calibration)
        checked, calibrated = found
    else:  # the same bytes sent before: the check remembered, and its calibration with it
        checked, calibrated = found, state.logs.get(digest)
    return kept_reply(state, digest, checked, log=calibrated, calibration=calibrated.said,
                      validation={**calibrated.validation, "page": calibrated.page is not None})


async def validation_page(request: Request) -> Response:
    """The validation page (:mod:`report.validation_html`) of an upload calibrated to a case log."""
    state: _State = request.app.state.web
    key = request.path_params["key"]
    with state.lock:
        digest = state.log_of.get(key)
        calibrated = state.logs.get(digest) if digest is not None else None
    if calibrated is None or calibrated.page is None:
        return _error("No validation page for this process: it was not calibrated to a case log here, its "
                      "validation could not run, or the server has forgotten it (upload the log again).", 404,
                      sv="Ingen valideringssida för den här processen: den anpassades inte till en "
                         "ärendelogg här, valideringen kunde inte köras, eller servern har glömt den (ladda "
                         "upp loggen igen).")
    # the page runs no script: a log's activity names in it (escaped as they are) could never run one
    return HTMLResponse(zlib.decompress(calibrated.page).decode("utf-8"),
                        headers={"Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; "
                                                            "img-src data:"})
