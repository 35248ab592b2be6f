"""How the what-if server refuses (:mod:`web.app`): one message in English and Swedish (``{"error": ...,
"error_sv": ..., "field": ...}``) for every refusal of ``/api/``, a one-line page in the browser's language
for an address typed in the address bar; a busy server's 503 says when to ask again (``Retry-After``); a
404 that shows a reverse proxy and the server set up for different prefixes says so
(:mod:`web.wrongprefix`)."""

from __future__ import annotations

from functools import partial

from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Match

from processes.errors import PermitflowError
from web.levers import LeverError
from web.limits import BUSY_RETRY_SECONDS, ChecksBusy, Interrupted, TooLarge
from web.proxy import back_to_page, route_path
from web.requestlog import LOG, one_line
from web.runs import RunsBusy
from web.whatif import PageError
from web.wrongprefix import mismatch

__all__ = ["error_reply", "not_kept", "refused", "http_refusal", "prefix_refusal", "server_fault", "NO_SUCH"]


def error_reply(err: PermitflowError | str, status: int = 400, *, sv: str = "",
                field: str = "") -> JSONResponse:
    text = str(err)
    if isinstance(err, LeverError):
        sv, field = err.sv, err.lever
    elif isinstance(err, (PageError, Interrupted)):
        sv, field = err.sv, getattr(err, "field", "") or field  # a log's columns not found: "columns"
    elif isinstance(err, (RunsBusy, ChecksBusy)):
        # the page asks again by itself after the seconds Retry-After says (app.js, patient): it is told so
        status, sv = 503, err.sv
        return JSONResponse({"error": text, "error_sv": sv, "field": field}, status_code=status,
                            headers={"Retry-After": str(BUSY_RETRY_SECONDS)})
    if isinstance(err, TooLarge):
        status, sv = 413, err.sv
    return JSONResponse({"error": text, "error_sv": sv or text, "field": field}, status_code=status)


def not_kept(request: Request, what: tuple[str, str]) -> JSONResponse:
    """A run no longer kept, to download ``what`` (English, Swedish) of: forgotten to keep the server's memory
    bounded (or never known: the server restarted)."""
    keep = request.app.state.web.runs.keep
    return error_reply(f"This run is no longer kept: the server keeps only the latest finished runs (up to "
                       f"{_megabytes(keep)} MB) and forgets them all when it restarts. Run it again to "
                       f"download {what[0]}.", 404,
                       sv=f"Körningen finns inte längre kvar: servern sparar bara de senaste färdiga "
                          f"körningarna (upp till {_megabytes(keep)} MB) och glömmer alla när den startas om. "
                          f"Räkna om den för att ladda ner {what[1]}.")


#: what an address no route answers says (an old bookmark, a typing slip, a path that climbs out of /static)
NO_SUCH = ("There is no such page or request on this server: the what-if page is at its address's /.",
           "Det finns ingen sådan sida eller förfrågan på servern: sidan Vad händer om …? finns på adressens /.")
#: what a request of a method its address does not take says
_NOT_TAKEN = ("This address does not take that kind of request: the what-if page sends its own.",
              "Adressen tar inte emot den sortens förfrågan: sidan Vad händer om …? skickar sina egna.")
#: what a fault of the server says: its traceback stays in the server's log, never in the answer
_FAULT = ("The server could not answer the request: a fault in the server. Try again; if it happens again, tell "
          "whoever runs the server (its log says more).",
          "Servern kunde inte svara på frågan: ett fel i servern. Försök igen; händer det igen, säg till den "
          "som driver servern (dess logg säger mer).")


def refused(request: Request, words: tuple[str, str], status: int) -> Response:
    """``words`` (English, Swedish) as one message: JSON as every refusal of ``/api/`` is, else (a browser's
    address bar) a one-line page in the browser's language (English when it asks for English first, else
    Swedish, as the page's own choice), with a link to the what-if page."""
    path = route_path(request.scope)
    if path.startswith("/api/"):
        return error_reply(words[0], status, sv=words[1])
    lang = _language(request)
    line = words[0] if lang == "en" else words[1]
    back = "The what-if page" if lang == "en" else "Sidan Vad händer om …?"
    # the line is the page's heading, inside its main landmark: a screen reader's first stop says what happened;
    # the link relative to this address: it finds the page under a proxy's prefix the server may not know
    return HTMLResponse(f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>permitflow</title>'
                        f'</head><body><main><h1>{line}</h1><p><a href="{back_to_page(path)}">{back}</a></p></main>'
                        f'</body></html>',
                        status_code=status)


async def http_refusal(request: Request, exc: Exception) -> Response:
    """Starlette's own refusals (no route: 404, a method the route does not take: 405), which said "Not Found"
    in English plain text."""
    status = getattr(exc, "status_code", 400)
    wrong = prefix_refusal(request) if status == 404 else None
    if wrong is not None:
        return wrong
    return refused(request, NO_SUCH if status == 404 else _NOT_TAKEN if status == 405 else _FAULT, status)


def prefix_refusal(request: Request, asked: str = "") -> Response | None:
    """The answer to ``request`` when its address shows a proxy and the server set up for different prefixes
    (:mod:`web.wrongprefix`; logged), else None; with ``asked``, only for that address under the prefix. It
    names the prefixes and the option to change, nothing of anyone's work: a monitor's ``/PREFIX/healthz``
    gets it without the token (:class:`web.guard.Guard`)."""
    wrong = mismatch(request.scope, partial(_answers, request), request.query_params, request.headers)
    if wrong is None or (asked and wrong.asked != asked):
        return None
    LOG.info(one_line(wrong.log_line(request.method)))
    if wrong.asked.startswith("/api/"):  # the page's script: the message it shows
        return error_reply(wrong.words()[0], 404, sv=wrong.words()[1])
    return HTMLResponse(wrong.page(_language(request)), status_code=404)


async def server_fault(request: Request, exc: Exception) -> Response:
    """A handler's unforeseen error ("Internal Server Error" in English plain text before): one message in both
    languages; Starlette logs the traceback after this answer is sent."""
    return refused(request, _FAULT, 500)


def _language(request: Request) -> str:
    """The language of a page the server answers an address bar with: English when the browser asks for
    English first, else Swedish, as the what-if page's own choice."""
    return "en" if request.headers.get("accept-language", "").strip().lower().startswith("en") else "sv"


def _answers(request: Request, path: str) -> bool:
    """Whether the app has a route for ``path`` (asked by ``request``'s method or another)."""
    scope = {"type": "http", "path": path, "root_path": "", "method": request.method}
    return any(route.matches(scope)[0] is not Match.NONE for route in request.app.router.routes)


def _megabytes(count: int) -> str:
    return f"{count / 2**20:.0f}"
