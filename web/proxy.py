"""The what-if server behind a reverse proxy at a sub-path (``https://intranet.example/permitflow/``).

The page asks for everything by addresses relative to itself (``api/setup``, ``static/app.js``), so a proxy
that strips the prefix before it forwards needs nothing of the server. A proxy that keeps the prefix sends
``/permitflow/api/setup``: the server is told the prefix (``--root-path``) and serves both forms. What a proxy
says in its headers (``X-Forwarded-Prefix``, ``X-Forwarded-Proto``) is believed only from the addresses the
server was told to trust (``--trust-proxy``): anyone else who can reach the port could say anything.

>>> root_path("/permitflow/"), root_path("/"), root_path("/kommun/permitflow")
('/permitflow', '', '/kommun/permitflow')
>>> route_path({"path": "/permitflow/api/setup", "root_path": "/permitflow"})
'/api/setup'
>>> back_to_page("/api/runs/abc/report"), back_to_page("/nothing")
('../../../', './')
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Mapping
from typing import Any

from processes.errors import InputError

__all__ = ["root_path", "trusted_proxies", "route_path", "back_to_page", "Prefix", "SEGMENT"]

#: a prefix as a proxy's location names it: segments of letters, digits and ``-._~`` (nothing a browser or a
#: proxy would rewrite, no ``..`` that climbs out)
SEGMENT = re.compile(r"[A-Za-z0-9._~-]+")

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def root_path(text: str, *, what: str = "--root-path") -> str:
    """The prefix ``text`` as the server keeps it: a leading ``/``, no trailing one (``/`` alone: none)."""
    segments = text.strip("/").split("/") if text.strip("/") else []
    if not text.startswith("/") or any(not SEGMENT.fullmatch(s) or set(s) == {"."} for s in segments):
        raise InputError(f"{what}: expected the path the proxy serves the page under, such as /permitflow "
                         f"(letters, digits and - . _ ~ between slashes), got {text!r}")
    return "/" + "/".join(segments) if segments else ""


def trusted_proxies(text: str) -> tuple[Network, ...]:
    """The addresses ``--trust-proxy`` names, comma-separated (``127.0.0.1``, ``10.0.0.0/24``, ``::1``)."""
    found = []
    for part in (p.strip() for p in text.split(",")):
        try:
            found.append(ipaddress.ip_network(part, strict=False))
        except ValueError:
            raise InputError(f"--trust-proxy: expected the proxy's IP addresses or networks, comma-separated "
                             f"(such as 127.0.0.1 or 10.0.0.0/24), got {part!r}") from None
    return tuple(found)


def route_path(scope: Mapping[str, Any]) -> str:
    """The path a route answers to: the request's without the prefix the server is under."""
    path: str = scope["path"]
    prefix: str = scope.get("root_path", "")
    if prefix and (path == prefix or path.startswith(prefix + "/")):
        return path[len(prefix):] or "/"
    return path


def back_to_page(path: str) -> str:
    """The what-if page's address relative to the route ``path`` (``/api/x/y`` -> ``../../``): a link that
    finds the page under any prefix, known to the server or not."""
    return "../" * (path.count("/") - 1) or "./"


def _is_trusted(scope: Mapping[str, Any], proxies: tuple[Network, ...]) -> bool:
    client = scope.get("client")
    if not proxies or not client:
        return False
    try:
        address = ipaddress.ip_address(client[0])
    except ValueError:
        return False
    return any(address in network for network in proxies)


class Prefix:
    """ASGI middleware: a request's path under the server's prefix (``root``: ``--root-path``, or a trusted
    proxy's ``X-Forwarded-Prefix``), whether the proxy kept the prefix or stripped it, and its scheme as a
    trusted proxy says (``X-Forwarded-Proto``: a cookie over https is marked Secure). The prefix itself without
    its slash is sent on to the page with it, its query too (a relative address from ``/permitflow`` would miss the
    prefix)."""

    def __init__(self, app: Any, root: str = "", proxies: tuple[Network, ...] = ()) -> None:
        self.app, self.root, self.proxies = app, root, proxies

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        # as it came, who named the prefix, and whether the server was told of a proxy: what a 404 says when
        # the proxy's prefix and the server's differ (web.wrongprefix)
        scope = {**scope, "permitflow.arrived": scope["path"], "permitflow.prefix_by": "--root-path",
                 "permitflow.behind_proxy": bool(self.root or self.proxies)}
        prefix = self.root
        if _is_trusted(scope, self.proxies):
            headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
            said = headers.get("x-forwarded-prefix")
            if said is not None:
                try:
                    prefix = root_path(said.split(",")[0].strip(), what="X-Forwarded-Prefix")
                    scope["permitflow.prefix_by"] = "X-Forwarded-Prefix"
                except InputError as err:
                    await _plain(send, 400, f"{err} (the proxy's header)")
                    return
            proto = headers.get("x-forwarded-proto", "").split(",")[0].strip().lower()
            if proto in ("http", "https"):
                scope = {**scope, "scheme": proto}
        if prefix:
            path: str = scope["path"]
            if path == prefix:
                # "/permitflow" alone: the page's relative addresses would resolve outside the prefix
                # with its query: the address serve prints carries the token there
                last, query = prefix.rsplit("/", 1)[1], scope.get("query_string", b"").decode("latin-1")
                await _plain(send, 308, "", location=f"{last}/" + (f"?{query}" if query else ""))
                return
            if not path.startswith(prefix + "/"):  # the proxy stripped the prefix: put it back
                scope = {**scope, "path": prefix + path, "raw_path": prefix.encode() + scope.get("raw_path", b"")}
            scope = {**scope, "root_path": prefix}
        await self.app(scope, receive, send)


async def _plain(send: Any, status: int, text: str, *, location: str = "") -> None:
    body = (text + "\n").encode() if text else b""
    headers = [(b"content-type", b"text/plain; charset=utf-8"), (b"content-length", str(len(body)).encode())]
    if location:
        headers.append((b"location", location.encode("latin-1")))  # the query's bytes as they came
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
