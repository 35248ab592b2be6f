"""What the what-if server says of its work on standard error, one line each, as journald keeps a service's lines
(``permitflow serve: POST /api/uploads 200 3.1 s (model.bpmn, profile.yaml)``): every request but the page's
progress polls (four a second while a run runs), the health check and the static files; and each run's end
(:mod:`web.runs`). Nothing personal: no client address, no query (it may carry the token), no figures asked; a
run's or an upload's id only by its first characters (:func:`short_id`): enough to tell one from another, not to
open it (the ids are what keeps one manager's work from another's, who shares the token).

>>> logged("GET", "/api/runs/abc"), logged("GET", "/api/runs/abc/report"), logged("GET", "/healthz")
(False, True, False)
>>> request_line("POST", "/api/uploads", 200, 3.14, "model.bpmn, profile.yaml")
'POST /api/uploads 200 3.1 s (model.bpmn, profile.yaml)'
>>> request_line("GET", "/api/runs/0FQWdmaJY1KqSvT5/report", 200, 0.8)
'GET /api/runs/0FQWdm…/report 200 0.8 s'
"""

from __future__ import annotations

import logging
import re
import sys
import time
from typing import Any, TextIO

from web.proxy import route_path

__all__ = ["LOG", "RequestLog", "logged", "one_line", "request_line", "say_to", "said_names", "short_id"]

#: the server's log; :func:`say_to` sends it to standard error (only ``permitflow serve`` does: tests stay quiet)
LOG = logging.getLogger("permitflow.serve")

#: a run's progress, polled by its page four times a second: one line per run, when it ends (:mod:`web.runs`)
_POLL = re.compile(r"/api/runs/[^/]+")


def logged(method: str, path: str) -> bool:
    """Whether a request for ``path`` (the route's, without the proxy's prefix) gets a line of its own."""
    return not ((method == "GET" and _POLL.fullmatch(path)) or path == "/healthz" or path.startswith("/static/"))


#: a run's or an upload's id in an address
_ID = re.compile(r"(?<=/api/runs/)[^/]+|(?<=/api/uploads/)[^/]+")


def short_id(key: str) -> str:
    """The first characters of a run's or an upload's id, as the log says it (``0FQWdmaJY1KqSvT5`` -> ``0FQWdm…``):
    of its 96 random bits, 60 stay unsaid."""
    return key[:6] + "…" if len(key) > 6 else key


def request_line(method: str, path: str, status: int, seconds: float, note: str = "") -> str:
    """A request's line: what was asked (ids by :func:`short_id`), what it answered and how long it took
    (``note``: the files sent)."""
    path = _ID.sub(lambda m: short_id(m.group()), path)
    return f"{method} {one_line(path)} {status} {seconds:.1f} s" + (f" ({one_line(note)})" if note else "")


def one_line(text: str) -> str:
    """``text`` (the sender's: a path the server percent-decoded, a file's name) with its line ends and other
    control characters escaped (``\\n``, ``\\x1b``): a ``%0A`` in a path would otherwise start a line of its
    own in the journal, one that could pass for the server's; letters of any language stay."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


def said_names(*names: str) -> str:
    """File names as a line says them: on one line, at most 80 characters each (a name is the sender's)."""
    return ", ".join(" ".join(n.split())[:80] for n in names)


def say_to(stream: TextIO = sys.stderr) -> None:
    """Send :data:`LOG` to ``stream``, one line each (journald keeps a line as it is written; it stamps the time)."""
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("permitflow serve: %(message)s"))
    LOG.handlers[:] = [handler]
    LOG.setLevel(logging.INFO)
    LOG.propagate = False


class RequestLog:
    """ASGI middleware: a line per request (:func:`logged`) when it has been answered; a handler adds the files
    sent as ``scope["state"]["log_note"]``."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = route_path(scope)
        if not logged(scope["method"], path):
            await self.app(scope, receive, send)
            return
        state = scope.setdefault("state", {})
        start, status = time.monotonic(), 500

        async def sent(message: dict[str, Any]) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, sent)
        finally:
            LOG.info(request_line(scope["method"], path, status, time.monotonic() - start,
                                  str(state.get("log_note", ""))))
