"""Starting the web app: the bind rule (a token off loopback) and uvicorn.

>>> bind_token("127.0.0.1", None)
(None, False)
>>> bind_token("0.0.0.0", "s3cret-token-1234")
('s3cret-token-1234', False)
>>> token, generated = bind_token("192.168.1.5", None)
>>> (len(token) >= 20, generated)
(True, True)
"""

from __future__ import annotations

import ipaddress
import secrets
from typing import Any

from processes.errors import InputError
from web.checkserver import IDLE_SECONDS

__all__ = ["is_loopback", "bind_token", "serve", "MIN_TOKEN"]

#: the shortest token accepted (a guessable token is no token)
MIN_TOKEN = 16


def is_loopback(host: str) -> bool:
    """Whether ``host`` is only reachable from this machine (``127.0.0.1``, ``::1``, ``localhost``)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def bind_token(host: str, token: str | None, *, proxied: bool = False,
               source: str = "--token") -> tuple[str | None, bool]:
    """The token the server requires on ``host``: ``token`` as given (checked), a new one when
    ``host`` is not loopback and none was given, or ``None`` on loopback. Second: whether generated.
    ``proxied``: a reverse proxy forwards to it (``--root-path``, ``--trust-proxy``), which makes even a loopback
    server reachable from the network: a token as off loopback. ``source``: where the token came from, as a
    refusal names it."""
    if token is not None:
        if len(token) < MIN_TOKEN or not token.isprintable() or " " in token:
            raise InputError(f"{source}: expected at least {MIN_TOKEN} printable characters without spaces")
        return token, False
    if is_loopback(host) and not proxied:
        return None, False
    return secrets.token_urlsafe(24), True


def serve(host: str, port: int, *, token: str | None, workers: int | None, keep_mb: int = 32,
          preload: tuple[str, ...] = (), check_idle_minutes: float = IDLE_SECONDS / 60, root_path: str = "",
          proxies: tuple[Any, ...] = ()) -> int:
    """Run the app with uvicorn until interrupted (``token``: as :func:`bind_token` returned;
    ``keep_mb``: the megabytes of finished runs kept for their report download; ``preload``: the
    modules the main script imports, for the fork server; ``check_idle_minutes``: the minutes without a case
    log's check after which the checks' fork server stops; ``root_path``, ``proxies``: :mod:`web.proxy`;
    :func:`web.app.create_app`). Returns the runs it cancelled as it stopped; says each request and run on
    standard error (:mod:`web.requestlog`)."""
    import uvicorn

    from web.app import create_app
    from web.requestlog import LOG, say_to

    say_to()

    app = create_app(token=token, workers=workers, keep=keep_mb * 2**20, preload=preload,
                     check_idle=check_idle_minutes * 60, root_path=root_path, proxies=proxies)

    class Server(uvicorn.Server):
        # uvicorn waits for the requests in flight before it stops: an upload waiting for its check (a minute
        # for a hostile model) would hold Ctrl-C and SIGTERM that long, so the checks end when told to stop
        def handle_exit(self, sig: int, frame: Any) -> None:
            super().handle_exit(sig, frame)
            ended = app.state.web.runs.stop_calls()
            if ended:
                LOG.info(f"stopping: {ended} upload check{'s' * (ended != 1)} ended (the page says to send again)")

    # proxy_headers off: uvicorn believed X-Forwarded-For and -Proto from any process of this machine; the
    # app believes a proxy's headers only from the addresses it was told to trust (web.proxy.Prefix)
    server = Server(uvicorn.Config(app, host=host, port=port, log_level="warning", proxy_headers=False))
    try:
        server.run()
    except KeyboardInterrupt:  # as uvicorn.run
        pass
    if not server.started:
        raise SystemExit(3)  # as uvicorn.run: it could not start
    return int(app.state.web.cancelled)
