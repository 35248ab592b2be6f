"""The page's case-log upload, ``POST /api/logs`` and ``GET /api/uploads/{key}/validation`` (their handlers
:func:`web.uploadroutes.upload_log` and :func:`web.uploadroutes.validation_page`): the form read, the
reply's parts, the page.

``POST /api/logs`` (multipart): ``log`` the case log (CSV or XES), ``library`` a library municipality whose
model is calibrated, or ``model`` an uploaded BPMN model; ``name`` as the manager names the result;
``case``, ``activity``, ``timestamp``, ``start``, ``resource``: the columns, when the page asked for them
(else guessed). The model is calibrated to the log and validated on its later cases
(:func:`web.logupload.calibrated_upload`) in the check process of its own the uploads use
(:func:`web.uploadroutes.checked_or_refusal`: the same limits, the same bytes answered alike), and kept as an
uploaded process is: the reply is an upload's, with ``calibration`` (lines per language) and ``validation``
(a line per language, and whether its page is there). A refused log is one message in both languages
(``field`` ``columns`` when the page should ask for the columns); nothing is kept.
"""

from __future__ import annotations

import json
import zlib
from pathlib import Path
from typing import Any

from starlette.datastructures import FormData
from starlette.responses import HTMLResponse

from web.logupload import COLUMN_ROLES, Calibrated
from web.whatif import PageError

__all__ = ["log_sent", "sent_parts", "reply_parts", "page_response", "NO_PAGE"]

#: the fields of the form besides its files
_TEXTS = ("name", "library", *COLUMN_ROLES)


async def log_sent(form: FormData) -> tuple[Any, ...]:
    """What was sent, as :func:`web.logupload.calibrated_upload` takes it; no log: refused (``field`` log)."""
    log, model = form.get("log"), form.get("model")
    if log is None or isinstance(log, str):
        refusal = PageError("Choose the case log to upload (CSV as the case system exports it, or XES).",
                            "Välj ärendeloggen att ladda upp (CSV som ärendesystemet exporterar den, eller "
                            "XES).")
        refusal.field = "log"  # type: ignore[attr-defined]
        raise refusal
    texts = {k: str(form.get(k) or "")[:200] for k in _TEXTS}
    model_bytes, model_name = b"", ""
    if model is not None and not isinstance(model, str):
        model_bytes, model_name = await model.read(), Path(model.filename or "model.bpmn").name
    log_bytes, log_name = await log.read(), Path(log.filename or "log.csv").name
    columns = {role: texts[role] for role in COLUMN_ROLES if texts[role].strip()}
    return texts["name"], log_bytes, log_name, texts["library"], model_bytes, model_name, columns


def sent_parts(sent: tuple[Any, ...]) -> tuple[str | bytes, ...]:
    """What was sent as the parts of its digest (the columns in a fixed order)."""
    *files, columns = sent
    return ("log", *files, json.dumps(columns, sort_keys=True))


def reply_parts(calibrated: Calibrated) -> dict[str, Any]:
    """What the reply to a case log says beside an upload's: the calibration's lines and the validation's."""
    return {"calibration": calibrated.said,
            "validation": {**calibrated.validation, "page": calibrated.page is not None}}


#: the refusal of a validation page that is not there
NO_PAGE = PageError("No validation page for this process: it was not calibrated to a case log here, its "
                    "validation could not run, or the server has forgotten it (upload the log again).",
                    "Ingen valideringssida för den här processen: den anpassades inte till en ärendelogg "
                    "här, valideringen kunde inte köras, eller servern har glömt den (ladda upp loggen "
                    "igen).")


def page_response(calibrated: Calibrated | None) -> HTMLResponse | None:
    """The validation page (:mod:`report.validation_html`) of an upload calibrated to a case log, or None."""
    if calibrated is None or calibrated.page is None:
        return None
    # the page runs no script: a log's activity names in it (escaped as they are) could never run one
    return HTMLResponse(zlib.decompress(calibrated.page).decode("utf-8"),
                        headers={"Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; "
                                                            "img-src data:"})
