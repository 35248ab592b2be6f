"""What the what-if server checks of every request before a handler reads it (:mod:`web.app`): the token (when
the server has one) and the body's size, by its Content-Length and, for a body sent in chunks, as it is read.
"""

from __future__ import annotations

import hmac
import json
from collections.abc import Mapping
from typing import Any

from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import Message

from web.limits import BIG_EN, BIG_SV, COOKIE, MAX_BODY_BYTES, OVER_EN, OVER_SV, TOKEN_HEADER, TooLarge
from web.proxy import route_path
from web.replies import error_reply, prefix_refusal
from web.whatif import PageError

__all__ = ["Guard", "json_body", "bounded"]


class Guard(BaseHTTPMiddleware):
    """Refuse a request without the token (when the server has one) or with a body over the limit."""

    def __init__(self, app: Any, token: str | None) -> None:
        super().__init__(app)
        self.token = token

    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        length = request.headers.get("content-length")
        if length is not None and (not length.isdigit() or int(length) > MAX_BODY_BYTES):
            upload = route_path(request.scope) == "/api/uploads"
            return error_reply(OVER_EN if upload else BIG_EN, 413, sv=OVER_SV if upload else BIG_SV)
        path = route_path(request.scope)
        if self.token is None or path == "/healthz":  # the monitoring has no token
            return await call_next(request)
        if path.endswith("/healthz") and (wrong := prefix_refusal(request, "/healthz")) is not None:
            # the monitoring under a proxy's prefix the server does not serve: told so, not asked for a
            # token it never needs (a 401 sent whoever set it up looking for one); only /healthz under the
            # prefix gets this, and the answer names the prefixes, nothing of anyone's work
            return wrong
        given = (request.headers.get(TOKEN_HEADER) or request.query_params.get("token")
                 or request.cookies.get(COOKIE) or "")
        if not hmac.compare_digest(given.encode(), self.token.encode()):
            return error_reply("a token is required: open the address permitflow serve printed", 401,
                               sv="nyckel krävs: öppna adressen som permitflow serve skrev ut")
        response = await call_next(request)
        if request.query_params.get("token"):
            # sent back only under the page's own prefix (behind a proxy, other applications of the same host
            # must not get it): the prefix when known, else the browser's default, the page's own folder
            prefix = request.scope.get("root_path", "")
            response.set_cookie(COOKIE, self.token, httponly=True, samesite="strict", path=f"{prefix}/" if prefix
                                else None, secure=request.url.scheme == "https")
        return response


async def json_body(request: Request) -> Mapping[str, Any]:
    """The request's JSON object, read once per request and at most :data:`MAX_BODY_BYTES` of it
    (the guard sees only a Content-Length; a chunked body has none)."""
    kept = getattr(request.state, "json_body", None)
    if kept is not None:
        return kept  # type: ignore[no-any-return]
    raw = bytearray()
    async for chunk in request.stream():
        raw += chunk
        if len(raw) > MAX_BODY_BYTES:
            raise TooLarge(BIG_EN, BIG_SV)
    try:
        data = json.loads(raw)
    except (ValueError, RecursionError):  # RecursionError: arrays nested thousands deep
        raise PageError("the request is not JSON", "förfrågan är inte JSON") from None
    if not isinstance(data, dict):
        raise PageError("the request is not a JSON object", "förfrågan är inte ett JSON-objekt")
    request.state.json_body = data
    return data


def bounded(request: Request) -> Request:
    """``request`` with its body read at most :data:`MAX_BODY_BYTES` (more raises :class:`TooLarge`): the
    guard sees only a Content-Length, and a body sent in chunks has none."""
    seen = 0

    async def receive() -> Message:
        nonlocal seen
        message = await request.receive()
        if message["type"] == "http.request":
            seen += len(message.get("body", b""))
            if seen > MAX_BODY_BYTES:
                raise TooLarge(OVER_EN, OVER_SV)
        return message

    return Request(request.scope, receive)
